//! How a name or a mention was recognised: the answer both lookup and mention finding give,
//! below both so that neither reaches into the other for it.

/// How a name was recognised.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum How {
    /// The name is a listed spelling, up to case, diacritics, width and punctuation.
    Alias,
    /// The name has the same matching key as a listed spelling (another romanization).
    Key,
    /// The name has the same words as a listed name, in another order or without the
    /// patronymic.
    Words,
    /// The name is a listed person's name with the given name in the form of another language
    /// (`Mykola` or `Mikołaj` for `Mikalai`, `Edward` for `Eduard`: see
    /// `tables/given_names.tsv`), in any order.
    GivenName,
    /// A case form of a listed name (`Тихановской`, `Łukaszenki`, `Lukaschenkos`), generated
    /// from the nominative by declension rules: in running text, and in lookup when the name
    /// is not a listed one in any spelling or order.
    Inflection,
    /// In running text: a bare surname standing for the person named in full earlier in the
    /// same document.
    Coreference,
    /// An organization's name with its descriptive words in another language or its legal
    /// form added (`Minsk Automotive Plant`, `Mińska Fabryka Traktorów`, `Naftan Oil Refinery`:
    /// see `tables/org/`), in whole-name lookup.
    Translation,
    /// A name of two words or more that is a listed person's name (in any of the ways above
    /// but a case form) once two neighbouring letters of one of its words are swapped back (`Kira
    /// Samsonvoa`, `Lukiya Morozvoa`): a typing slip, undone in whole-name lookup only, when
    /// the name is nothing as written.
    Typo,
}

impl How {
    /// `alias`, `key`, `words`, `given-name`, `inflection`, `coreference`, `translation` or
    /// `typo`.
    pub fn as_str(self) -> &'static str {
        match self {
            How::Alias => "alias",
            How::Key => "key",
            How::Words => "words",
            How::GivenName => "given-name",
            How::Inflection => "inflection",
            How::Coreference => "coreference",
            How::Translation => "translation",
            How::Typo => "typo",
        }
    }
}
