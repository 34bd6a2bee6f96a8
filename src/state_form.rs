//! Words for the form of a state around a country's name (`Republic of Poland`, `Республика
//! Беларусь`, `Latvijas Republika`): not part of the name, so whole-name lookup tries the name
//! without them, as it does without a word for "town". The words are data,
//! `tables/state_forms.tsv`; the case forms of a one-word form come from the declension rules
//! (`Республики Беларусь`, `Lietuvos Respublikos`).

use std::sync::OnceLock;

const TABLE: &str = include_str!("../tables/state_forms.tsv");

/// The forms, lowercase, as word lists: those written before the name and those after it.
struct Forms {
    before: Vec<Vec<String>>,
    after: Vec<Vec<String>>,
}

fn forms() -> &'static Forms {
    static FORMS: OnceLock<Forms> = OnceLock::new();
    FORMS.get_or_init(|| {
        let mut forms = Forms {
            before: Vec::new(),
            after: Vec::new(),
        };
        let rows = TABLE
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let mut f = l.split('\t');
                Some((f.next()?, f.next()?, f.next()?))
            });
        for (lang, position, words) in rows {
            let list = if position == "after" {
                &mut forms.after
            } else {
                &mut forms.before
            };
            let lower: Vec<String> = words.split(' ').map(str::to_lowercase).collect();
            if let [word] = lower.as_slice() {
                let mut declined = crate::inflect::FormList::default();
                crate::inflect::inflections(words, lang, true, &mut declined);
                list.extend(declined.iter().map(|f| vec![f.to_lowercase()]));
                list.push(vec![word.clone()]);
            } else {
                list.push(lower);
            }
        }
        // The longest first: `Federal Republic of` before `Republic of`.
        forms.before.sort_by_key(|f| std::cmp::Reverse(f.len()));
        forms
    })
}

/// `name` without a state's form before it (`Republic of Poland` → `Poland`) or after it
/// (`Latvijas Republika` → `Latvijas`), or `None` when it has none. Something must be left, and
/// after a form written after the name, one word: a name of more words before `Republic` is
/// another state's (`Baltarusijos Liaudies Respublika`, the Belarusian People's Republic).
pub(crate) fn without_state_form(name: &str) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() < 2 {
        return None;
    }
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let f = forms();
    if let Some(form) = f
        .before
        .iter()
        .find(|form| form.len() < lower.len() && lower.get(..form.len()) == Some(form.as_slice()))
    {
        return words.get(form.len()..).map(|rest| rest.join(" "));
    }
    f.after
        .iter()
        .find(|form| form.len() + 1 == lower.len() && lower.get(1..) == Some(form.as_slice()))
        .and_then(|_| words.first().map(|w| (*w).to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_forms_are_left_out() {
        assert_eq!(
            without_state_form("Republic of Poland").as_deref(),
            Some("Poland")
        );
        assert_eq!(
            without_state_form("Federal Republic of Germany").as_deref(),
            Some("Germany")
        );
        assert_eq!(
            without_state_form("Республики Беларусь").as_deref(),
            Some("Беларусь")
        );
        assert_eq!(
            without_state_form("Lietuvos Respublikos").as_deref(),
            Some("Lietuvos")
        );
        assert_eq!(without_state_form("Baltarusijos Liaudies Respublika"), None);
        assert_eq!(without_state_form("Republika"), None);
        assert_eq!(without_state_form("Poland"), None);
    }
}
