//! The public face of name folding: keys and light folds with the built-in look-alike table.

use crate::fold;
use crate::index::builtin::HOMOGLYPHS;

/// The matching key of a name: a folding under which competing romanizations, Cyrillic
/// spellings, diacritics, case, width, punctuation and Latin/Cyrillic look-alike mixes of the
/// same name collide, while different names stay apart.
///
/// It works on any name, known to the tables or not, so it can group a user's own name lists.
/// Keys are opaque ASCII strings, one word per token of the name; `key` is idempotent.
/// The classes it folds into are described in `docs/matching.md` ("The matching key").
///
/// # Examples
///
/// ```
/// use canonym::key;
/// assert_eq!(key("Lukashenka"), key("Лукашенко"));
/// assert_eq!(key("Łukaszenka"), key("Lukaschenko"));
/// assert_eq!(key("Tsikhanouskaya"), key("Тихановская"));
/// assert_ne!(key("Tsikhanouskaya"), key("Tsikhanouski"));
/// assert_eq!(key(&key("Жодзіна")), key("Zhodino"));
/// ```
pub fn key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    fold::key_into(name, HOMOGLYPHS, &mut out);
    out
}

/// Like [`key`], appending to `out` (reuse one buffer over many names, or batch keys into one),
/// and telling whether a token mixed scripts and was read through the look-alike table. What
/// `out` held is kept as it was, with no separator added after it.
///
/// # Examples
///
/// ```
/// let mut buf = String::new();
/// // The second letter is a Cyrillic "а".
/// let homoglyph = canonym::key_into("Lukаshenka", &mut buf);
/// assert!(homoglyph);
/// assert_eq!(buf, canonym::key("Lukashenka"));
///
/// // One line per name.
/// let mut lines = String::new();
/// for name in ["Лукашэнка", "Zhodzina"] {
///     canonym::key_into(name, &mut lines);
///     lines.push('\n');
/// }
/// assert_eq!(lines, format!("{}\n{}\n", canonym::key("Лукашэнка"), canonym::key("Zhodzina")));
/// ```
pub fn key_into(name: &str, out: &mut String) -> bool {
    fold::key_into(name, HOMOGLYPHS, out).homoglyph
}

pub(crate) fn fold_into(name: &str, out: &mut String) -> bool {
    fold::fold_into(name, HOMOGLYPHS, out).homoglyph
}
