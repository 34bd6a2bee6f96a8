//! What the matcher finds: mentions, and the pieces a stream is cut into.

use std::ops::Range;

use crate::entity::Entity;
use crate::how::How;
use crate::lookup::Match;
use crate::why::Why;

/// One mention of an entity in a text: where it is, what it is and how it was recognised.
///
/// A mention always names one entity. A name that several entities could be (namesakes of a
/// user's tables) and that the text does not settle is not a mention: a matcher with
/// [`Matcher::ambiguous`](crate::Matcher::ambiguous) hands it out of
/// [`Matcher::scan`](crate::Matcher::scan) as [`Piece::Ambiguous`], with its candidates.
///
/// # Examples
///
/// ```
/// use canonym::How;
/// let text = "«Гродноазот» и Лукашэнкі";
/// let found: Vec<_> = canonym::matcher().find_iter(text).collect();
/// assert_eq!(&text[found[0].range()], "Гродноазот");
/// assert_eq!(found[0].how(), How::Alias);
/// assert_eq!(found[1].entity().id(), "per:alyaksandr-lukashenka");
/// assert_eq!(found[1].how(), How::Inflection);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention<'g> {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) entity: &'g Entity,
    pub(super) how: How,
    pub(super) homoglyph: bool,
    /// The score in thousandths, so that a mention stays `Eq`.
    pub(super) score: u16,
    pub(super) why: Why,
}

impl<'g> Mention<'g> {
    /// Byte offset of the first byte of the mention in the text (or stream).
    ///
    /// # Examples
    ///
    /// ```
    /// let m = canonym::matcher().find_iter("Затрыманы Лукашэнка").next().unwrap();
    /// assert_eq!((m.start(), m.end()), (19, 37));
    /// ```
    pub fn start(&self) -> usize {
        self.start
    }

    /// Byte offset just past the mention.
    pub fn end(&self) -> usize {
        self.end
    }

    /// `start()..end()`.
    ///
    /// # Examples
    ///
    /// ```
    /// let text = "Minsk said Лукашенко";
    /// let m = canonym::matcher().find_iter(text).nth(1).unwrap();
    /// assert_eq!(&text[m.range()], "Лукашенко");
    /// ```
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// The entity mentioned.
    ///
    /// # Examples
    ///
    /// ```
    /// let m = canonym::matcher().find_iter("Lukashenka spoke").next().unwrap();
    /// assert_eq!(m.entity().id(), "per:alyaksandr-lukashenka");
    /// ```
    pub fn entity(&self) -> &'g Entity {
        self.entity
    }

    /// How the mention was recognised: [`How::Alias`] (a listed spelling), [`How::Key`]
    /// (another romanization of one), [`How::Words`] (a listed name in another order, or
    /// with an initial or a patronymic), [`How::Inflection`] (a case form), or
    /// [`How::Coreference`] (a bare surname of a person named in full before).
    ///
    /// # Examples
    ///
    /// ```
    /// use canonym::How;
    /// let m = canonym::matcher().find_iter("встреча с Лукашенко").next().unwrap();
    /// assert_eq!(m.how(), How::Alias);
    /// ```
    pub fn how(&self) -> How {
        self.how
    }

    /// Whether a word of the mention mixed Latin and Cyrillic look-alike letters (the same
    /// accessor as [`Match::is_homoglyph`](crate::Match::is_homoglyph)).
    ///
    /// # Examples
    ///
    /// ```
    /// // A Latin `a` among Cyrillic letters.
    /// let m = canonym::matcher().find_iter("встреча с Лукашенкa").next().unwrap();
    /// assert_eq!(m.entity().id(), "per:alyaksandr-lukashenka");
    /// assert!(m.is_homoglyph());
    /// ```
    pub fn is_homoglyph(&self) -> bool {
        self.homoglyph
    }

    /// How sure the match is, in [0, 1]: 1 for a listed spelling, a little less for another
    /// order or a case form, the verifier's score for a spelling found by its key.
    pub fn score(&self) -> f32 {
        f32::from(self.score) / 1000.0
    }

    /// Why the mention was accepted, as a short machine-readable string (`alias`,
    /// `key:be-national+press-de`, `inflection`, `coreference`).
    pub fn why(&self) -> Why {
        self.why
    }

    pub(super) fn millis(score: f32) -> u16 {
        (score.clamp(0.0, 1.0) * 1000.0).round() as u16
    }
}

/// What the search finds at one place of a text: a mention of one entity, or a name that
/// several could be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Found<'g> {
    Mention(Mention<'g>),
    /// A name the text does not settle: its span, and — when the matcher reports ambiguous
    /// names (`Matcher::ambiguous`) — the entities it could be, ranked as lookup ranks them;
    /// otherwise none (the span is still known, so that a stream resumes after it).
    Ambiguous {
        start: usize,
        end: usize,
        candidates: Vec<Match<'g>>,
    },
}

impl Found<'_> {
    pub(crate) fn start(&self) -> usize {
        match self {
            Found::Mention(m) => m.start,
            Found::Ambiguous { start, .. } => *start,
        }
    }

    pub(crate) fn end(&self) -> usize {
        match self {
            Found::Mention(m) => m.end,
            Found::Ambiguous { end, .. } => *end,
        }
    }
}

/// A piece of a stream read by [`Matcher::scan`](crate::Matcher::scan): plain text, a
/// mention, a name several entities could be (only when asked for, with
/// [`Matcher::ambiguous`](crate::Matcher::ambiguous)), or bytes that are not UTF-8. The
/// pieces, in order, are the whole input, byte for byte. Text and candidates borrow from the
/// matcher's buffer (`'a`), entities from its gazetteer (`'g`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Piece<'a, 'g> {
    /// Text without mentions, starting at byte `offset` of the stream.
    Text {
        /// Byte offset in the stream.
        offset: usize,
        /// The text.
        text: &'a str,
    },
    /// A mention (with offsets into the stream) and its text.
    Mention {
        /// The mention.
        mention: Mention<'g>,
        /// Its text, exactly as in the input.
        text: &'a str,
    },
    /// A name that several entities could be (namesakes: two people called Ivan Petrov,
    /// eight towns called Springfield) where the document does not say which: no entity is
    /// picked. Handed out only by a matcher with [`Matcher::ambiguous`](crate::Matcher::ambiguous)
    /// set; otherwise the span is plain text.
    Ambiguous {
        /// Byte offset in the stream.
        offset: usize,
        /// Its text, exactly as in the input.
        text: &'a str,
        /// The entities it could be, ranked as [`Gazetteer::matches`](crate::Gazetteer::matches)
        /// ranks a name's namesakes: by the table's weight (the heaviest first, those without
        /// one last), then score, then ID. Two or more, one per entity, each with how it was
        /// found, its score and why, and as [`Match::name`] the entity's listed name that the
        /// text is a form of.
        candidates: &'a [Match<'g>],
    },
    /// Bytes that are not valid UTF-8, starting at byte `offset`.
    Invalid {
        /// Byte offset in the stream.
        offset: usize,
        /// The bytes.
        bytes: &'a [u8],
    },
}
