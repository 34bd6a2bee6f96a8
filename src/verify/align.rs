//! The alignment of one word with one listed word: the ways each listed letter may be written
//! (the schemes, the press orthographies, the cross-language correspondences), a shortest path
//! through them, and what the path says (the steps, the differences, the systems it needs).

use super::rules::{Crossing, Kind, Tables, ascii_fold, lone_vowel, starting_with, tables};
use super::*;
use crate::fold::{Script, script};

/// A set of systems (schemes and orthographies), one bit each: 60 schemes and the press
/// orthographies need more than 64 (a test checks that they fit).
pub(super) type Mask = u128;
/// The number of systems a [`Mask`] holds.
pub(super) const MASK_BITS: usize = 128;

/// The fewest rendering systems (schemes and press orthographies) that write every rendered
/// step of the alignment, as system masks: exactly when one or two do, preferring the listed
/// language's default scheme, then its schemes, and schemes to a complete press orthography;
/// else greedily. Returns the mask of the systems chosen.
fn cover(masks: &[Mask], t: &Tables, lang: &str) -> Mask {
    let mut renderers = 0u128;
    let mut complete = 0u128;
    for (i, s) in t.systems.iter().enumerate().take(MASK_BITS) {
        if matches!(s.kind, Kind::Scheme | Kind::Press) {
            renderers |= 1 << i;
        }
        if s.complete {
            complete |= 1 << i;
        }
    }
    let sets: Vec<Mask> = masks
        .iter()
        .copied()
        .filter(|&m| m != 0 && m & !renderers == 0)
        .collect();
    if sets.is_empty() {
        return 0;
    }
    let all = sets.iter().fold(0u128, |a, &m| a | m);
    // The listed language's default scheme first, then its other schemes, then the rest.
    let default = lang
        .parse::<crate::translit::Lang>()
        .ok()
        .map(|l| crate::Scheme::default_for(l).name());
    let rank = |i: usize| match t.systems.get(i) {
        Some(s) if Some(s.name.as_str()) == default => 0,
        Some(s) if s.kind == Kind::Scheme && s.lang == lang => 1,
        Some(s) if s.kind == Kind::Scheme => 2,
        _ => 3,
    };
    let mut bits: Vec<usize> = (0..MASK_BITS).filter(|&i| all >> i & 1 == 1).collect();
    bits.sort_by_key(|&i| rank(i));
    let covers = |chosen: Mask| sets.iter().all(|&m| m & chosen != 0);
    if let Some(&one) = bits.iter().find(|&&i| covers(1 << i)) {
        return 1 << one;
    }
    let mut best: Option<Mask> = None;
    'pairs: for (x, &a) in bits.iter().enumerate() {
        for &b in bits.iter().skip(x + 1) {
            let pair = 1u128 << a | 1u128 << b;
            if covers(pair) {
                let pure = pair & complete == 0;
                if best.is_none() || pure {
                    best = Some(pair);
                }
                if pure {
                    break 'pairs;
                }
            }
        }
    }
    if let Some(pair) = best {
        return pair;
    }
    let mut left = sets;
    let mut used = 0u128;
    while !left.is_empty() {
        let Some(&top) = bits
            .iter()
            .max_by_key(|&&i| left.iter().filter(|&&m| m >> i & 1 == 1).count())
        else {
            break;
        };
        used |= 1 << top;
        left.retain(|&m| m >> top & 1 == 0);
    }
    used
}

fn is_cyrillic(w: &[char]) -> bool {
    w.iter().any(|&c| script(c) == Script::Cyrillic)
}

/// A word that mixes Latin and Cyrillic letters (Lukаshenka with a Cyrillic а) gets its
/// minority-script letters replaced by their look-alikes, as the key does.
fn unmix(word: &mut [char], t: &Tables) {
    let latin = word.iter().filter(|&&c| script(c) == Script::Latin).count();
    let cyrillic = word
        .iter()
        .filter(|&&c| script(c) == Script::Cyrillic)
        .count();
    if latin == 0 || cyrillic == 0 {
        return;
    }
    let (from, map) = if latin >= cyrillic {
        (Script::Cyrillic, &t.to_latin)
    } else {
        (Script::Latin, &t.to_cyrillic)
    };
    for c in word.iter_mut() {
        if script(*c) == from {
            if let Some(&x) = map.get(c) {
                *c = x;
            }
        }
    }
}

/// Whether the word has letters of a script other than Latin and Cyrillic (the spacing
/// modifier letters that schemes write, ʹ ʺ, are not one).
fn other_script(w: &[char]) -> bool {
    w.iter().any(|&c| {
        c.is_alphabetic()
            && !('\u{02B0}'..='\u{02FF}').contains(&c)
            && matches!(script(c), Script::Greek | Script::Other)
    })
}

fn is_vowel(c: char) -> bool {
    "aeiouyáéíóúýàèìòùäëïöüâêîôûąęåæœěůаеёиіїоуыэюяєў".contains(c)
}

/// One word compared.
pub(super) struct WordResult {
    pub(super) cost: f32,
    pub(super) steps: Vec<Step>,
    pub(super) blocks: Vec<String>,
    pub(super) notes: Vec<String>,
    /// The rendering systems the word needs.
    pub(super) used: Vec<String>,
    /// The systems that write each step made by a rule, as masks.
    pub(super) masks: Vec<Mask>,
    /// Whether a step is a lone vowel of ISO 9 folded to ASCII ([`LOSSY_FOLD`]).
    pub(super) lossy: bool,
    /// The masks of `masks` but a letter dropped at the end of the word (a final ь, whose
    /// apostrophe lookup strips as an English possessive's).
    pub(super) solid: Vec<Mask>,
}

/// How the two words of a pair are compared (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Mode {
    /// Listed Cyrillic, spelling in Latin (or folded to it).
    Render,
    /// Both Cyrillic, the spelling showing a letter the listed name's language does not
    /// write there: the be/ru/uk correspondences apply.
    Cyrillic,
    /// Both Cyrillic, nothing showing that the spelling is in another language: only the
    /// signs (ь, ъ, the apostrophe) may differ (Даценко is not Доценко, Швачка not Швачко).
    CyrillicSame,
    /// Listed Latin, a romanization of be/ru/uk.
    Hidden,
    /// Listed Latin otherwise.
    Latin,
}

/// A way for the listed letters at a position to be written: `k` listed characters consumed,
/// `out` the spelling's characters.
#[derive(Debug, Clone)]
struct Edge {
    k: usize,
    out: Vec<char>,
    cost: f32,
    /// The systems that write it, a bit per index of [`Tables::systems`].
    sys: Mask,
    note: Option<String>,
}

impl Edge {
    /// The listed letter written as it is: free, and in no system.
    fn same(c: char) -> Edge {
        Edge {
            k: 1,
            out: vec![c],
            cost: 0.0,
            sys: 0,
            note: None,
        }
    }
}

/// Adds the edge writing `k` listed letters as `out`, or names system `sys` on the edge that
/// already does (most of the schemes write most letters alike, so `out` is copied only for a
/// new edge).
fn push_edge(edges: &mut Vec<Edge>, k: usize, out: &[char], cost: f32, sys: u8) {
    let bit = 1u128 << (sys % 128);
    if let Some(e) = edges
        .iter_mut()
        .find(|e| e.k == k && e.out == out && e.note.is_none())
    {
        // Every system that writes it is named (the cover of the alignment needs them all),
        // and the cheapest sets the cost.
        e.cost = e.cost.min(cost);
        e.sys |= bit;
        return;
    }
    edges.push(Edge {
        k,
        out: out.to_vec(),
        cost,
        sys: bit,
        note: None,
    });
}

/// The names of the systems in `mask`, joined by `+`.
fn system_names(t: &Tables, mask: Mask) -> String {
    let mut out = String::new();
    // The set bits only, lowest first: a step names one system or a few of a hundred.
    let mut rest = mask;
    while rest != 0 {
        let i = rest.trailing_zeros() as usize;
        rest &= rest - 1;
        if let Some(s) = t.systems.get(i) {
            if !out.is_empty() {
                out.push('+');
            }
            out.push_str(&s.name);
        }
    }
    out
}

/// What the scheme rules and the press orthographies write for `word[j..]`, in every scheme.
/// With `lossy`, also the folds of ISO 9's lone vowels ([`LOSSY_FOLD`]): only for a listed
/// Cyrillic word's own letters, never after another guess (a Cyrillic spelling read against a
/// Latin name, a be/ru/uk correspondence), where `Тера` would become `Тяра` and then `Tara`.
fn renderings(
    word: &[char],
    j: usize,
    (own, lossy): (Mask, bool),
    t: &Tables,
    edges: &mut Vec<Edge>,
) {
    for s in &t.schemes {
        let Some(r) = s.at(word, j) else { continue };
        let base = if own >> (s.sys % 128) & 1 == 1 {
            0.0
        } else {
            OTHER_LANG
        };
        if let Some((folded, cost)) = r.folded.as_ref().filter(|(_, c)| lossy || *c < LOSSY_FOLD) {
            push_edge(edges, r.from.len(), folded, base + cost, s.sys);
        }
        push_edge(edges, r.from.len(), &r.to, base, s.sys);
    }
    let Some(&c) = word.get(j) else { return };
    for r in starting_with(&t.press, c)
        .iter()
        .filter(|r| r.matches(word, j))
    {
        if let Some((folded, cost)) = r.folded.as_ref().filter(|(_, c)| lossy || *c < LOSSY_FOLD) {
            push_edge(edges, r.from.len(), folded, PRESS + cost, r.sys);
        }
        push_edge(edges, r.from.len(), &r.to, PRESS, r.sys);
    }
}

/// The ways of writing `listed[j..]`.
fn edges_at(
    listed: &[char],
    j: usize,
    (mode, cross, lossy): (Mode, bool, bool),
    (own, lang): (Mask, &str),
    t: &Tables,
) -> Vec<Edge> {
    let mut edges = Vec::new();
    let Some(&c) = listed.get(j) else {
        return edges;
    };
    match mode {
        Mode::Render => {
            renderings(listed, j, (own, lossy), t, &mut edges);
            for r in starting_with(&t.cross, c).iter().filter(|r| {
                r.matches(listed, j)
                    && r.for_listed(lang)
                    && (cross || signs(t, r.sys))
                    && (!ikavism(t, r.sys) || closed_final(listed, j))
            }) {
                let k = r.from.len();
                let note = r.correspondence();
                let sys = 1u128 << (r.sys % 128);
                let mut outs: Vec<(Vec<char>, f32)> = Vec::new();
                if r.to.is_empty() {
                    outs.push((Vec::new(), 0.0));
                } else {
                    // The other form, written by each scheme within its own letters.
                    let mut w2: Vec<char> = listed.get(..j).unwrap_or(&[]).to_vec();
                    w2.extend(&r.to);
                    w2.extend(listed.get(j + k..).unwrap_or(&[]));
                    let end = j + r.to.len();
                    // (A single letter's renderings are all in the loop below.)
                    for s in t.schemes.iter().filter(|_| r.to.len() > 1) {
                        let own = own >> (s.sys % 128) & 1 == 1;
                        let mut out = Vec::new();
                        let mut p = j;
                        while p < end {
                            let Some(rule) = s.within(&w2, p, end) else {
                                break;
                            };
                            out.extend(&rule.to);
                            p += rule.from.len();
                        }
                        if p == end {
                            let base = if own { 0.0 } else { OTHER_LANG };
                            let folded = ascii_fold(&out);
                            if !lone_vowel(&folded) {
                                outs.push((folded, base + FOLDED));
                            }
                            outs.push((out, base));
                        }
                    }
                    // And by the press orthographies, a letter at a time (Kijów: ї as йо, й as
                    // j and о as ó in Polish).
                    let mut partial: Vec<(Vec<char>, f32)> = vec![(Vec::new(), 0.0)];
                    for p in j..end {
                        let mut one = Vec::new();
                        renderings(&w2, p, (own, false), t, &mut one);
                        let mut next = Vec::new();
                        for (out, c) in &partial {
                            for e in one.iter().filter(|e| e.k == 1) {
                                if next.len() < 64 {
                                    let mut o = out.clone();
                                    o.extend(&e.out);
                                    next.push((o, c.max(e.cost)));
                                }
                            }
                        }
                        partial = next;
                    }
                    outs.extend(partial);
                }
                for (out, cost) in outs {
                    let cost = cost + CROSS;
                    if let Some(e) = edges.iter_mut().find(|e| e.k == k && e.out == out) {
                        if cost < e.cost - 1e-6 {
                            e.cost = cost;
                            e.sys = sys;
                            e.note = Some(note.clone());
                        }
                        continue;
                    }
                    edges.push(Edge {
                        k,
                        out,
                        cost,
                        sys,
                        note: Some(note.clone()),
                    });
                }
            }
        }
        Mode::Cyrillic | Mode::CyrillicSame => {
            edges.push(Edge::same(c));
            let signs_only = mode == Mode::CyrillicSame;
            for r in starting_with(&t.cross, c).iter().filter(|r| {
                r.matches(listed, j)
                    && r.for_listed(lang)
                    && (!ikavism(t, r.sys) || closed_final(listed, j))
                    && (!signs_only || signs(t, r.sys))
            }) {
                edges.push(Edge {
                    k: r.from.len(),
                    out: r.to.clone(),
                    cost: CROSS,
                    sys: 1u128 << (r.sys % 128),
                    note: Some(r.correspondence()),
                });
            }
        }
        Mode::Latin | Mode::Hidden => {
            edges.push(Edge::same(c));
            if mode == Mode::Latin {
                for (a, b) in &t.latin {
                    if listed.get(j..j + a.len()) == Some(&a[..]) {
                        push_edge(&mut edges, a.len(), b, PRESS, t.latin_sys);
                    }
                }
            } else {
                for p in 1..=t.longest_vocab {
                    let Some(prefix) = listed.get(j..j + p) else {
                        break;
                    };
                    let Some(list) = t.equiv.get(prefix) else {
                        continue;
                    };
                    let before_vowel = listed.get(j + p).is_some_and(|&c| is_vowel(c));
                    for (b, crossing) in list
                        .iter()
                        .filter(|(_, crossing)| cross || *crossing == Crossing::Same)
                    {
                        // A letter written on one side only is a soft sign or an apostrophe,
                        // or a glide before a vowel (Dariya, Darya); never a whole vowel.
                        if b.is_empty() && prefix.iter().any(|c| c.is_alphabetic()) && !before_vowel
                        {
                            continue;
                        }
                        // (As between Cyrillic spellings: see `Crossing::ClosedFinal`.)
                        if *crossing == Crossing::ClosedFinal && !closed_final(listed, j + p - 1) {
                            continue;
                        }
                        let cost = if *crossing == Crossing::Same {
                            SAME_LETTER
                        } else {
                            CROSS
                        };
                        push_edge(&mut edges, p, b, cost, t.latin_sys);
                    }
                }
            }
        }
    }
    edges
}

/// Whether `sys` is the system of the hard and soft signs and the apostrophe, which are
/// spelling variants within each language, not correspondences between two of them.
fn signs(t: &Tables, sys: u8) -> bool {
    t.systems
        .get(usize::from(sys))
        .is_some_and(|s| s.name == "signs")
}

/// Whether `sys` is the Ukrainian closed-syllable alternation, which applies only in a closed
/// final syllable.
fn ikavism(t: &Tables, sys: u8) -> bool {
    t.systems
        .get(usize::from(sys))
        .is_some_and(|s| s.name == "ikavism")
}

/// Whether only consonants (at least one) follow position `j` of `word`.
fn closed_final(word: &[char], j: usize) -> bool {
    let rest = word.get(j + 1..).unwrap_or(&[]);
    !rest.is_empty() && rest.iter().all(|&c| !is_vowel(c))
}

/// Whether the Cyrillic `word` shows that it is not written in `lang` (be, ru or uk): a letter
/// that language does not have, or a spelling its orthography never writes (Russian е, not
/// э, after a consonant; Belarusian э or а, not е, after ж, ш, ч, р, ц; Belarusian ц, not т,
/// before a soft vowel). Only then may the be/ru/uk correspondences apply between two
/// Cyrillic spellings; otherwise different vowels are different names.
fn foreign(word: &[char], lang: &str) -> bool {
    let has = |set: &str| word.iter().any(|c| set.contains(*c));
    let pair = |first: &str, second: &str| {
        word.windows(2)
            .any(|w| matches!(w, [x, y] if first.contains(*x) && second.contains(*y)))
    };
    match lang {
        "be" => has("ищъїєґ") || pair("жшчрц", "е") || pair("т", "еёіюяь") || pair("д", "еёіюяь"),
        "ru" => has("іїєґў'") || pair("бвгджзклмнпрстфхцчшщ", "э"),
        "uk" => has("ыэёъў"),
        _ => true,
    }
}

/// A move of the alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Move {
    Start,
    Edge(u16),
    /// A doubled consonant in the spelling only.
    DoubleSpelled,
    /// A doubled consonant in the listed name only.
    DoubleListed,
    /// Something the spelling has where the listed name has nothing (`cross.tsv` `-` rows,
    /// or an apostrophe or glide of a romanization).
    Insert,
    /// Equal letters but for diacritics.
    Folded,
    Sub,
    Ins,
    Del,
}

pub(super) fn compare_word(
    s_all: &[char],
    sw: &Word,
    l_all: &[char],
    lw: &Word,
    (lang, romanized): (&str, bool),
    (cross, brief, budget): (bool, bool, f32),
) -> WordResult {
    let mut s: Vec<char> = sw.chars(s_all).to_vec();
    let mut l: Vec<char> = lw.chars(l_all).to_vec();
    let t = tables();
    unmix(&mut s, t);
    unmix(&mut l, t);
    if !is_cyrillic(&s) && other_script(&s) {
        s = ascii_fold(&s);
    }
    if !is_cyrillic(&l) && other_script(&l) {
        l = ascii_fold(&l);
    }
    let (l_cyr, s_cyr) = (is_cyrillic(&l), is_cyrillic(&s));
    let (mode, reversed) = match (l_cyr, s_cyr) {
        (true, false) => (Mode::Render, false),
        (true, true) if cross && foreign(&s, lang) => (Mode::Cyrillic, false),
        (true, true) => (Mode::CyrillicSame, false),
        (false, true) => (Mode::Render, true),
        (false, false) if romanized => (Mode::Hidden, false),
        (false, false) => (Mode::Latin, false),
    };
    let mut result = if reversed {
        // A Cyrillic spelling of a Latin name: read the Latin as a rendering of it.
        let guess =
            crate::translit::Lang::detect(&s.iter().collect::<String>()).map_or("ru", |g| g.code());
        align(
            &s,
            &l,
            (guess, mode, cross),
            t,
            (lw.start, brief, budget),
            true,
        )
    } else {
        align(
            &l,
            &s,
            (lang, mode, cross),
            t,
            (sw.start, brief, budget),
            false,
        )
    };
    // Mixing systems within a word: a little for schemes, much for a complete press
    // orthography with anything else (`Sakharov`: German s for з, English kh for х).
    let chosen = cover(&result.masks, t, if reversed { "" } else { lang });
    let used_names = if brief {
        String::new()
    } else {
        system_names(t, chosen)
    };
    result.used = if used_names.is_empty() {
        Vec::new()
    } else {
        used_names.split('+').map(str::to_owned).collect()
    };
    let renderers = chosen.count_ones() as usize;
    result.cost += MIXING * (renderers.saturating_sub(1).min(4) as f32);
    let complete = t
        .systems
        .iter()
        .enumerate()
        .take(MASK_BITS)
        .any(|(i, s)| s.complete && chosen >> i & 1 == 1);
    let press_mixed = renderers > 1 && complete;
    if press_mixed {
        result.cost += PRESS_MIX;
        result.notes.push("mixed orthographies".to_owned());
    } else if result.lossy
        && (cover(&result.solid, t, lang).count_ones() > 1
            || result.notes.iter().any(|n| !n.starts_with("-~")))
    {
        // ISO 9 folded to ASCII is one system (ICU's `Any-Latin; Latin-ASCII`): its lossy
        // vowels are not taken beside another scheme's letters (`Manda` for `Мандья` drops
        // the ь that ISO 9 writes) or a be/ru/uk correspondence (`Losena` for `Лещеня` would
        // need е as ё too). An apostrophe the spelling adds (`-~'`, ISO 9's ʼ) is no such
        // correspondence.
        result.cost += PRESS_MIX;
        result.notes.push("lossy fold mixed".to_owned());
    }
    if reversed {
        for st in &mut result.steps {
            std::mem::swap(&mut st.spelled, &mut st.listed);
        }
        result.notes.push("reversed".to_owned());
    }
    result
}

/// The ways of writing each letter of a listed word depend on the word alone, and callers verify
/// many spellings against few listed names (an entity's names and case forms), so they are
/// kept per thread, for up to [`EDGE_CACHE`] listed words. A letter's are worked out when an
/// alignment first reaches it (one that fails at the first letter needs no other's). They are
/// found by a key written into a reused buffer (the mode, the flags, the language and the
/// word), so that finding them allocates nothing.
type EdgeCache = crate::str_map::Map<Box<str>, std::rc::Rc<ListedEdges>>;

/// The ways of writing each letter of a listed word, each worked out when first needed.
struct ListedEdges {
    word: Vec<char>,
    how: (Mode, bool, bool),
    own: Mask,
    lang: String,
    rows: Vec<std::cell::OnceCell<Vec<Edge>>>,
}

impl ListedEdges {
    /// The ways of writing the listed letters from `j` on.
    fn at(&self, j: usize, t: &Tables) -> &[Edge] {
        match self.rows.get(j) {
            Some(row) => {
                row.get_or_init(|| edges_at(&self.word, j, self.how, (self.own, &self.lang), t))
            }
            None => &[],
        }
    }

    /// The ways worked out for `j`, if it was reached.
    fn reached(&self, j: usize) -> Option<&[Edge]> {
        self.rows.get(j)?.get().map(Vec::as_slice)
    }
}

/// The listed words whose edges a thread keeps; the cache starts over when it is full.
const EDGE_CACHE: usize = 4096;

thread_local! {
    static EDGES: std::cell::RefCell<(String, EdgeCache)> = std::cell::RefCell::default();
}

fn listed_edges(
    l: &[char],
    (mode, cross, lossy): (Mode, bool, bool),
    (own, lang): (Mask, &str),
) -> std::rc::Rc<ListedEdges> {
    EDGES.with_borrow_mut(|(key, cache)| {
        key.clear();
        // The mode and flags as one letter, the language's length as another (so that no two
        // languages and words make one key), the language, then the word.
        key.push(char::from(
            b'a' + mode as u8 * 4 + u8::from(cross) * 2 + u8::from(lossy),
        ));
        key.push(char::from_u32(lang.len() as u32).unwrap_or(char::MAX));
        key.push_str(lang);
        key.extend(l);
        if let Some(hit) = cache.get(key.as_str()) {
            return std::rc::Rc::clone(hit);
        }
        let edges = std::rc::Rc::new(ListedEdges {
            word: l.to_vec(),
            how: (mode, cross, lossy),
            own,
            lang: lang.to_owned(),
            rows: (0..l.len()).map(|_| std::cell::OnceCell::new()).collect(),
        });
        if cache.len() >= EDGE_CACHE {
            cache.clear();
        }
        cache.insert(key.as_str().into(), std::rc::Rc::clone(&edges));
        edges
    })
}

/// Whether `s` has `part` at `i`. Compared letter by letter: the parts are a letter or a few,
/// where a slice comparison called `memcmp` for every edge of every cell of an alignment.
fn starts_at(s: &[char], i: usize, part: &[char]) -> bool {
    s.get(i..)
        .is_some_and(|rest| rest.len() >= part.len() && rest.iter().zip(part).all(|(a, b)| a == b))
}

/// Aligns the listed word `l` with the spelled word `s`. With `reversed`, `l` is a Cyrillic
/// spelling and `s` the Latin name it is read against (see [`compare_word`]). With `brief`,
/// only what the cost depends on is kept (the masks, notes and lossy flag): no steps, no
/// differences written out, which only a why shows. A cell that costs more than `budget` is
/// not followed (a finite budget makes every cost above it infinite, and leaves the cheaper
/// ones, and the path to them, exactly as they are).
fn align(
    l: &[char],
    s: &[char],
    (lang, mode, cross): (&str, Mode, bool),
    t: &Tables,
    (offset, brief, budget): (usize, bool, f32),
    reversed: bool,
) -> WordResult {
    let (n, m) = (l.len(), s.len());
    // A spelling may drop a doubled consonant of the listed name (Genadi for Геннадий), but no
    // romanization doubles one that the Cyrillic writes once (Putten, Puttin, Lennon): between
    // Cyrillic and Latin an added double is a difference, and between two Latin spellings only
    // the press's ss for с (Vassily, Vasily; `press.tsv`) and the Spanish rr for р between
    // vowels (Bielorrusia, Belorussiya) are.
    let adds_double = |c: char| match mode {
        Mode::Render => false,
        Mode::Latin | Mode::Hidden => matches!(c, 's' | 'r'),
        Mode::Cyrillic | Mode::CyrillicSame => true,
    };
    // The systems of the listed name's language, whose renderings are free.
    let own = t
        .systems
        .iter()
        .enumerate()
        .filter(|(i, x)| *i < MASK_BITS && x.lang == lang)
        .fold(0u128, |acc, (i, _)| acc | 1 << i);
    let edges = listed_edges(l, (mode, cross, !reversed), (own, lang));
    // Strings the spelling may have where the listed name has nothing.
    let inserts: Vec<&[char]> = match mode {
        Mode::Cyrillic | Mode::CyrillicSame => {
            t.cross_insert.iter().map(|(c, _)| c.as_slice()).collect()
        }
        Mode::Hidden | Mode::Render => t
            .equiv
            .get(&Vec::new())
            .map(|list| {
                list.iter()
                    .filter(|(b, _)| !b.iter().any(|c| c.is_alphabetic()))
                    .map(|(b, _)| b.as_slice())
                    .collect()
            })
            .unwrap_or_default(),
        Mode::Latin => Vec::new(),
    };
    let width = m + 1;
    let mut cost = vec![f32::INFINITY; (n + 1) * width];
    let mut back = vec![(0usize, Move::Start); (n + 1) * width];
    if let Some(c) = cost.get_mut(0) {
        *c = 0.0;
    }
    let relax = |cost: &mut Vec<f32>,
                 back: &mut Vec<(usize, Move)>,
                 from: usize,
                 to: usize,
                 c: f32,
                 mv: Move| {
        if let (Some(&here), Some(slot)) = (cost.get(from), cost.get(to)) {
            let total = here + c;
            if total < *slot - 1e-6 {
                if let Some(c) = cost.get_mut(to) {
                    *c = total;
                }
                if let Some(b) = back.get_mut(to) {
                    *b = (from, mv);
                }
            }
        }
    };
    let within = |c: f32| c.is_finite() && c <= budget;
    for j in 0..=n {
        // Moves only go on to later letters, so a row none of whose cells is within the
        // budget when it is reached has no cell within it at all.
        let row = cost.get(j * width..(j + 1) * width).unwrap_or(&[]);
        if !row.iter().any(|&c| within(c)) {
            continue;
        }
        for i in 0..=m {
            let here = j * width + i;
            if !cost.get(here).is_some_and(|&c| within(c)) {
                continue;
            }
            {
                let es = edges.at(j, t);
                let next = s.get(i);
                for (x, e) in es.iter().enumerate() {
                    if e.out.first().is_some_and(|c| Some(c) != next) {
                        continue;
                    }
                    if i + e.out.len() <= m && starts_at(s, i, &e.out) && j + e.k <= n {
                        let to = (j + e.k) * width + i + e.out.len();
                        if to != here {
                            let x = u16::try_from(x).unwrap_or(u16::MAX);
                            relax(&mut cost, &mut back, here, to, e.cost, Move::Edge(x));
                        }
                    }
                }
            }
            let sc = s.get(i).copied();
            let lc = l.get(j).copied();
            if let Some(sc) = sc {
                if i > 0
                    && s.get(i - 1) == Some(&sc)
                    && sc.is_alphabetic()
                    && !is_vowel(sc)
                    && (reversed || adds_double(sc))
                {
                    relax(
                        &mut cost,
                        &mut back,
                        here,
                        here + 1,
                        DOUBLE,
                        Move::DoubleSpelled,
                    );
                }
                for &ins in &inserts {
                    if !ins.is_empty() && starts_at(s, i, ins) {
                        let c = if mode == Mode::Cyrillic {
                            CROSS
                        } else {
                            SAME_LETTER
                        };
                        relax(
                            &mut cost,
                            &mut back,
                            here,
                            here + ins.len(),
                            c,
                            Move::Insert,
                        );
                    }
                }
                relax(&mut cost, &mut back, here, here + 1, OTHER, Move::Ins);
            }
            if let Some(lc) = lc {
                if j > 0
                    && l.get(j - 1) == Some(&lc)
                    && lc.is_alphabetic()
                    && !is_vowel(lc)
                    && (!reversed || adds_double(lc))
                {
                    relax(
                        &mut cost,
                        &mut back,
                        here,
                        here + width,
                        DOUBLE,
                        Move::DoubleListed,
                    );
                }
                relax(&mut cost, &mut back, here, here + width, OTHER, Move::Del);
            }
            if let (Some(sc), Some(lc)) = (sc, lc) {
                // Two different ASCII letters never fold alike: no fold (and no allocation)
                // for the cells of two Latin words but where a letter has a diacritic.
                let folded = matches!(mode, Mode::Latin | Mode::Hidden)
                    && sc != lc
                    && !(sc.is_ascii() && lc.is_ascii())
                    && ascii_fold(&[sc]) == ascii_fold(&[lc]);
                if folded {
                    relax(
                        &mut cost,
                        &mut back,
                        here,
                        here + width + 1,
                        FOLDED,
                        Move::Folded,
                    );
                } else if sc != lc || mode == Mode::Render {
                    let c = if is_vowel(sc) && is_vowel(lc) {
                        VOWEL
                    } else {
                        OTHER
                    };
                    relax(&mut cost, &mut back, here, here + width + 1, c, Move::Sub);
                }
            }
        }
    }
    // Walk back from the end.
    let end = n * width + m;
    let total = cost
        .get(end)
        .copied()
        .filter(|&c| c <= budget)
        .unwrap_or(f32::INFINITY);
    let mut moves = Vec::new();
    let mut at = end;
    while at != 0 {
        let Some(&(prev, mv)) = back.get(at) else {
            break;
        };
        if mv == Move::Start {
            break;
        }
        moves.push((prev, at, mv));
        at = prev;
    }
    moves.reverse();
    let text =
        |v: &[char], a: usize, b: usize| v.get(a..b).unwrap_or(&[]).iter().collect::<String>();
    let mut steps = Vec::new();
    let mut notes = Vec::new();
    let mut masks = Vec::new();
    let mut lossy = false;
    let mut solid = Vec::new();
    let mut blocks = Vec::new();
    // Differences are reported a run at a time.
    let mut run: Option<(usize, usize, usize, usize, usize)> = None; // j0, i0, j1, i1, count
    let flush = |run: &mut Option<(usize, usize, usize, usize, usize)>,
                 blocks: &mut Vec<String>| {
        let Some((j0, i0, j1, i1, count)) = run.take() else {
            return;
        };
        if brief {
            return;
        }
        let (sp, li) = (text(s, i0, i1), text(l, j0, j1));
        let pos = offset + i0;
        if j1 == n && i1 == m && (j0 + 3 >= n || i0 + 3 >= m) {
            blocks.push(format!("ending -{}≠-{}", sp, li));
        } else if count == 1 && !sp.is_empty() && !li.is_empty() {
            let (a, b) = (
                s.get(i0).copied().unwrap_or(' '),
                l.get(j0).copied().unwrap_or(' '),
            );
            let kind = match (is_vowel(a), is_vowel(b)) {
                (true, true) => "vowel",
                (false, false) => "consonant",
                _ => "letter",
            };
            blocks.push(format!("{kind} {sp}≠{li} at {pos}"));
        } else if li.is_empty() {
            blocks.push(format!("extra {sp} at {pos}"));
        } else if sp.is_empty() {
            blocks.push(format!("missing {li} at {pos}"));
        } else {
            blocks.push(format!("{sp}≠{li} at {pos}"));
        }
    };
    for &(from, to, mv) in &moves {
        let (j0, i0, j1, i1) = (from / width, from % width, to / width, to % width);
        let (step_cost, how) = match mv {
            Move::Edge(x) => {
                let e = edges.reached(j0).and_then(|es| es.get(usize::from(x)));
                if let Some(note) = e.and_then(|e| e.note.clone()) {
                    notes.push(note);
                } else if let Some(e) = e {
                    masks.push(e.sys);
                    lossy |= e.cost >= LOSSY_FOLD && lone_vowel(&e.out);
                    if !(e.out.is_empty() && j1 == n) {
                        solid.push(e.sys);
                    }
                }
                (
                    e.map_or(0.0, |e| e.cost),
                    e.filter(|_| !brief)
                        .map_or(String::new(), |e| system_names(t, e.sys)),
                )
            }
            Move::DoubleSpelled | Move::DoubleListed => {
                notes.push(format!("double {}", text(s, i0, i1) + &text(l, j0, j1)));
                (DOUBLE, "double".to_owned())
            }
            Move::Insert => {
                let c = if mode == Mode::Cyrillic {
                    CROSS
                } else {
                    SAME_LETTER
                };
                notes.push(format!("-~{}", text(s, i0, i1)));
                (c, "signs".to_owned())
            }
            Move::Folded => (FOLDED, "latin".to_owned()),
            Move::Sub => (
                if is_vowel(s.get(i0).copied().unwrap_or(' '))
                    && is_vowel(l.get(j0).copied().unwrap_or(' '))
                {
                    VOWEL
                } else {
                    OTHER
                },
                "different".to_owned(),
            ),
            Move::Ins | Move::Del => (OTHER, "different".to_owned()),
            Move::Start => (0.0, String::new()),
        };
        if matches!(mv, Move::Sub | Move::Ins | Move::Del) {
            run = Some(match run {
                Some((a, b, _, _, k)) => (a, b, j1, i1, k + 1),
                None => (j0, i0, j1, i1, 1),
            });
        } else {
            flush(&mut run, &mut blocks);
        }
        if !brief {
            steps.push(Step {
                spelled: text(s, i0, i1),
                listed: text(l, j0, j1),
                how,
                cost: step_cost,
            });
        }
    }
    flush(&mut run, &mut blocks);
    WordResult {
        cost: total,
        steps,
        blocks,
        notes,
        used: Vec::new(),
        masks,
        lossy,
        solid,
    }
}
