#!/usr/bin/env python3
"""Converts ICU/CLDR transliteration transforms (the BGN transforms for Belarusian, Russian
and Ukrainian) into canonym scheme tables, and builds their conformance rows.

Usage (from the repository root):
  cldr.py rules ICU_ID                 print the rules of an ICU transform as the installed ICU
                                       compiled them (libicu through ctypes), e.g.
                                       `cldr.py rules Russian-Latin/BGN > /tmp/ru.txt`
  cldr.py write SCHEME RULES_FILE      write tables/translit/SCHEME.tsv from a CLDR transform
                                       (common/transforms/*.xml) or an ICU rules text
  cldr.py samples SCHEME FROM_SCHEME [CANONYM]
                                       write tests/data/translit/SCHEME.tsv: the alphabet and
                                       the inputs of tests/data/translit/FROM_SCHEME.tsv (the
                                       BGN/PCGN documents' examples), expected as ICU's
                                       `uconv -x` writes; rows canonym writes otherwise for a
                                       documented reason (case, apostrophe) are marked `gap:`
  cldr.py check SCHEME [CANONYM]       print the conformance rows where canonym and uconv differ
  cldr.py text SCHEME FILE [CANONYM]   compare canonym with uconv word by word on a text file

How CLDR's transform rule syntax maps onto the row format (tables/translit/README.md):
- `$name = value ;` variables are substituted; `# …` comments and the XML around `<tRule>`
  are dropped.
- `ante { key } post → output ;` (also `>`, `↔`, `<>`; reverse-only rules are skipped): a rule
  whose key is lowercase becomes a row. Its contexts must be single characters or sets; a set
  is read over the Cyrillic block U+0400..U+04FF, both cases folded to the lowercase letter,
  and a set that holds non-letters (`[^[:L:][:M:][:N:]]`) also holds `#`, the word boundary.
  A set that holds most of the block is written negated (`!аеёиоуыэюяй|#`).
- Rules on capital letters are not rows: the engine applies case (a capital followed by a
  lowercase letter in title case, otherwise in capitals, is what these rules say). Each one is
  checked against the lowercase rule for the same letter: a capital rule whose output is not
  the lowercase rule's output in some case is reported as not converted.
- `::Null;` (or any `::` transform after the first rule) ends a pass. The engine makes one
  pass, so a letter's rules of the first pass come before those of the second; and where a
  letter a second-pass rule looks ahead at is certainly rewritten by the first pass (ы after
  a vowel becomes ·y, so `ы}[ауыэ]` no longer sees it), that letter leaves the context.
- `::[set];` (the filter) and `::NFC;`/`::NFD (NFC);` are not rows: ICU leaves letters outside
  the filter unchanged, canonym romanizes them by the table's `@fallback` chain; canonym
  composes decomposed letters itself.
- `’ → …` is the row for the apostrophe inside a word (`'`, `’`, `ʼ` or `´` between letters);
  ICU's rule reads only U+2019, wherever it stands.
- A Latin letter inside a Cyrillic word is a letter to ICU's contexts and a word boundary to
  canonym's (споpе with a Latin p: ICU spope, canonym spopye).
What stays different is listed in the table's header and marked `gap:` in the conformance rows;
`cldr.py text` counts it on running text.
"""
import ctypes
import html
import re
import subprocess
import sys
import textwrap
import unicodedata
from pathlib import Path

# canonym scheme -> (ICU transform ID, CLDR file, language, title, standard, scope, fallback)
SCHEMES = {
    "ru-icu-bgn": ("Russian-Latin/BGN", "Russian-Latin-BGN.xml", "ru", "Russian",
                   "BGN/PCGN 1947 System for Russian",
                   "be-icu-bgn"),
    "be-icu-bgn": ("Belarusian-Latin/BGN", "Belarusian-Latin-BGN.xml", "be", "Belarusian",
                   "BGN/PCGN 1979 System for Belarusian",
                   "uk-icu-bgn"),
    "uk-icu-bgn": ("Ukrainian-Latin/BGN", "Ukrainian-Latin-BGN.xml", "uk", "Ukrainian",
                   "BGN/PCGN 1965 System for Ukrainian",
                   "ru-icu-bgn"),
}
ICU_VERSION = "72"
CLDR_VERSION = "42"
YEAR = "2022"
BOUNDARY = " "
APOSTROPHES = "'’ʼ"
# The domain sets are read over: the Cyrillic block, a space for the word boundary.
DOMAIN = [chr(c) for c in range(0x400, 0x500)] + [BOUNDARY]

# Where canonym answers otherwise than ICU on purpose: the conformance rows that differ only
# so are marked `gap:` with these reasons.
GAP_SINGLE = ("ICU's rules for a capital look at the letter after it, and a one-letter word has "
              "none: Ж → ZH, Ё → Ë (not Yë); canonym writes the word as Zh, Yë")
GAP_CASE = ("ICU takes each capital's case from the letter after it (Оы → O·Y, "
            "ДЛИННОЕ → DLINNOYe); canonym takes it from the word: an ALL-CAPS word in capitals, "
            "otherwise as the Cyrillic letter")
GAP_MIXED = ("ICU's rules for тс, шч, зг… cover ТС, Тс and тс but not тС: inside a word in mixed "
             "case it reads the letters one by one; canonym reads the sequence whatever its case")
GAP_PASS = ("ICU's first pass reads its contexts in the text it has already rewritten: the third "
            "е of -еее- follows the second's Latin ye there, so it is not after a vowel "
            "(Длинношеее → Dlinnosheyee); canonym's contexts read the Cyrillic letters (Dlinnosheyeye)")
# Inputs that show where the rows cannot follow ICU, beside the documents' examples, with the
# reason they differ (see the table's `not exact` notes).
EXTRA = {"ru-icu-bgn": {"Длинношеее Змееед": GAP_PASS}}
GAP_APOSTROPHE = ("ICU's rule reads only ’ (U+2019) and leaves the ASCII ' as it is; canonym reads "
                  "' ’ ʼ ´ between two letters alike")


# ---------------------------------------------------------------------------------------
# Reading rules
# ---------------------------------------------------------------------------------------

def rules_text(path):
    """The rule text of a CLDR transform file (the `<tRule>` elements) or an ICU rules file."""
    text = Path(path).read_text(encoding="utf-8")
    if "<tRule" not in text:
        return text
    parts = []
    for body in re.findall(r"<tRule>(.*?)</tRule>", text, re.S):
        body = re.sub(r"<!\[CDATA\[(.*?)\]\]>", r"\1", body, flags=re.S)
        parts.append(html.unescape(body))
    return "\n".join(parts)


def statements(text):
    """Splits rule text into statements: comments dropped, quoting and escapes kept."""
    out, cur, i, depth, quoted = [], [], 0, 0, False
    while i < len(text):
        c = text[i]
        if quoted:
            cur.append(c)
            quoted = c != "'"
        elif c == "'":
            cur.append(c)
            quoted = True
        elif c == "\\" and i + 1 < len(text):
            cur.append(text[i : i + 2])
            i += 1
        elif c == "#" and depth == 0:
            while i < len(text) and text[i] != "\n":
                i += 1
            continue
        elif c == "[":
            depth += 1
            cur.append(c)
        elif c == "]":
            depth -= 1
            cur.append(c)
        elif c == ";" and depth == 0:
            s = "".join(cur).strip()
            if s:
                out.append(s)
            cur = []
        else:
            cur.append(c)
        i += 1
    if "".join(cur).strip():
        out.append("".join(cur).strip())
    return out


def unescape(s):
    s = re.sub(r"\\u([0-9A-Fa-f]{4})", lambda m: chr(int(m.group(1), 16)), s)
    s = re.sub(r"\\x\{([0-9A-Fa-f]+)\}", lambda m: chr(int(m.group(1), 16)), s)
    return s


# ---------------------------------------------------------------------------------------
# Sets, read over DOMAIN
# ---------------------------------------------------------------------------------------

def prop(name):
    neg = name.startswith("^")
    name = name.lstrip("^")
    cats = {"L": "L", "Letter": "L", "M": "M", "Mark": "M", "N": "N", "Number": "N"}
    if name in cats:
        f = lambda c: unicodedata.category(c).startswith(cats[name])
    elif name in ("Lowercase", "Lowercase_Letter", "Ll"):
        f = lambda c: c.islower()
    elif name in ("Uppercase", "Uppercase_Letter", "Lu"):
        f = lambda c: c.isupper()
    else:
        raise ValueError(f"unknown property [:{name}:]")
    return (lambda c: not f(c)) if neg else f


def parse_set(s, i):
    """Parses the set starting at s[i] ('['); returns (members of DOMAIN, next index)."""
    if s.startswith("[:", i):
        j = s.index(":]", i)
        f = prop(s[i + 2 : j])
        return {c for c in DOMAIN if f(c)}, j + 2
    i += 1
    neg = s[i] == "^"
    if neg:
        i += 1
    acc, op, prev_char = set(), None, None

    def combine(acc, op, other):
        if op == "-":
            return acc - other
        if op == "&":
            return acc & other
        return acc | other

    while True:
        while s[i].isspace():
            i += 1
        c = s[i]
        if c == "]":
            i += 1
            break
        if c == "[":
            other, i = parse_set(s, i)
            acc, op, prev_char = combine(acc, op, other), None, None
            continue
        if c in "-&" and s[i + 1 :].lstrip().startswith("["):
            op = c
            i += 1
            continue
        if c == "-" and prev_char is not None:
            i += 1
            while s[i].isspace():
                i += 1
            hi, i = literal(s, i)
            acc |= {chr(x) for x in range(ord(prev_char), ord(hi) + 1)}
            prev_char = None
            continue
        ch, i = literal(s, i)
        acc = combine(acc, op, {ch})
        op, prev_char = None, ch
    if neg:
        acc = set(DOMAIN) - acc
    return acc, i


def literal(s, i):
    if s[i] == "\\":
        if s[i + 1] == "u":
            return chr(int(s[i + 2 : i + 6], 16)), i + 6
        return s[i + 1], i + 2
    if s[i] == "'":
        j = s.index("'", i + 1)
        return s[i + 1 : j] or "'", j + 1
    return s[i], i + 1


def items(s):
    """A rule part as a list of (set of DOMAIN members or a literal string, quantifier)."""
    out, i = [], 0
    while i < len(s):
        if s[i].isspace():
            i += 1
            continue
        if s[i] == "[":
            st, i = parse_set(s, i)
        else:
            ch, i = literal(s, i)
            st = ch
        q = ""
        if i < len(s) and s[i] in "?*+":
            q, i = s[i], i + 1
        out.append((st, q))
    return out


def split_top(s, seps):
    """Splits s at the first top-level occurrence of one of seps (outside sets and quotes)."""
    depth, quoted = 0, False
    for i, c in enumerate(s):
        if quoted:
            quoted = c != "'"
            continue
        if c == "'":
            quoted = True
        elif c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
        elif depth == 0:
            for sep in seps:
                if s.startswith(sep, i):
                    return s[:i], sep, s[i + len(sep) :]
    return s, None, ""


# ---------------------------------------------------------------------------------------
# Rules to rows
# ---------------------------------------------------------------------------------------

class Rule:
    def __init__(self, n, ante, key, post, out, passno, text):
        self.n, self.ante, self.key, self.post = n, ante, key, post
        self.out, self.passno, self.text = out, passno, text


def parse_rules(text):
    variables, rules, filt, passno, notes = {}, [], None, 0, []
    for st in statements(text):
        st = re.sub(r"\$(\w+)", lambda m: variables.get(m.group(1), m.group(0)), st)
        if st.startswith("::"):
            body = st[2:].strip()
            if body.startswith("[") and not rules and filt is None:
                filt, _ = parse_set(body, 0)
            else:
                notes.append(body)
                if rules:
                    passno += 1
            continue
        m = re.match(r"^\$(\w+)\s*=\s*(.*)$", st, re.S)
        if m:
            variables[m.group(1)] = m.group(2).strip()
            continue
        lhs, op, rhs = split_top(st, ["<>", "↔", "→", ">", "←", "<"])
        if op is None or op in ("←", "<"):
            continue
        ante, b1, rest = split_top(lhs, ["{"])
        if b1 is None:
            ante, rest = "", lhs
        key, b2, post = split_top(rest, ["}"])
        if b2 is None:
            post = ""
        out = unescape(re.sub(r"'([^']*)'", r"\1", "".join(rhs.split())))
        out = out.replace("|", "")
        rules.append(Rule(len(rules), items(ante), items(key), items(post), out, passno, st))
    return rules, filt, notes


def expand_key(key):
    """The strings a key matches (literal letters, or sets of letters, no quantifiers)."""
    outs = [""]
    for st, q in key:
        if q:
            return None
        if isinstance(st, str):
            outs = [o + st for o in outs]
        else:
            outs = [o + c for o in outs for c in sorted(st) if c != BOUNDARY]
    return outs


def ctx_letters(part):
    """A context as a set of lowercase letters (and BOUNDARY), or None if not one item."""
    if not part:
        return None
    if len(part) != 1 or part[0][1]:
        raise ValueError("not a single-character context")
    st = part[0][0]
    if isinstance(st, str):
        st = {st}
    out = set()
    for c in st:
        if c == BOUNDARY:
            out.add(BOUNDARY)
        elif c.isalpha() and "\u0400" <= c <= "\u04ff":
            out.add(c.lower())
    return out


def ctx_text(letters):
    """A context in the table format: `*`, letters and `#`, or their complement after `!`."""
    if letters is None:
        return "*"
    alphabet = {c for c in DOMAIN if c == BOUNDARY or (c.isalpha() and c.islower())}
    letters = letters & alphabet
    if letters == alphabet:
        return "*"

    def write(s):
        parts = (["#"] if BOUNDARY in s else []) + ["".join(sorted(c for c in s if c != BOUNDARY))]
        return "|".join(p for p in parts if p)

    rest = alphabet - letters
    if len(rest) < len(letters):
        return "!" + write(rest)
    return write(letters)


def key_of(s):
    return "'" if s in APOSTROPHES else s


def convert(rules):
    """Returns (rows, problems): rows as dicts in engine order, problems as strings."""
    rows, problems, capitals = [], [], []
    for r in rules:
        keys = expand_key(r.key)
        if keys is None:
            problems.append(f"not converted (quantifier in the key): {r.text}")
            continue
        # A rule on capitals (its key may hold a capital, or its output is in capitals, as in
        # `[АЕ…]{[Ыы]} > ·Y`) is about case, which the engine applies.
        capital = any(c.isupper() for c in r.out) or any(
            any(c.isupper() for c in (st if isinstance(st, set) else {st})) for st, _ in r.key)
        for k in keys:
            if not capital and (k in APOSTROPHES or all(c.islower() for c in k)):
                try:
                    prev, nxt = ctx_letters(r.ante), ctx_letters(r.post)
                except ValueError as e:
                    problems.append(f"not converted ({e}): {r.text}")
                    continue
                rows.append(dict(key=key_of(k), out=r.out, prev=prev, next=nxt,
                                 passno=r.passno, n=r.n, text=r.text))
            else:
                capitals.append((k, r))
    # A letter rewritten by the first pass is not there for the second pass to look at.
    for row in rows:
        if row["passno"] == 0 or row["next"] is None:
            continue
        last = row["key"][-1]
        for x in sorted(row["next"] - {BOUNDARY}):
            for p in rows:
                if p["passno"] < row["passno"] and p["key"][0] == x:
                    if p["next"] is None and (p["prev"] is None or last in p["prev"]):
                        row["next"] = row["next"] - {x}
                        row.setdefault("adjusted", []).append(x)
                    elif p["prev"] is None or last in p["prev"]:
                        problems.append(f"not exact: {row['text']}: whether the first pass rewrites {x} after {last} depends on the letter after it")
    # First-pass rules whose context holds a letter the first pass itself may rewrite read
    # ICU's output there, which a one-letter context cannot tell: reported.
    for row in rows:
        if row["passno"] > 0 or row["prev"] is None:
            continue
        rewritten = sorted({p["key"] for p in rows if p["passno"] == 0 and p["key"] in row["prev"]
                            and p["prev"] is not None})
        if rewritten:
            problems.append(f"not exact: `{row['text']}`: where the letter before ({' '.join(rewritten)}) was itself rewritten by the first pass, ICU's context sees its Latin output and the rule does not apply; canonym's reads the Cyrillic letter")
    # Order: by the Cyrillic column, then pass, then the rules' order.
    rows.sort(key=lambda r: (r["key"], r["passno"], r["n"]))
    out, done = [], set()
    for row in rows:
        if row["key"] in done:
            problems.append(f"never reached (an unconditional rule comes first): {row['text']}")
            continue
        line = (row["key"], row["out"], ctx_text(row["prev"]), ctx_text(row["next"]))
        if out and out[-1][:2] == line[:2] and out[-1][3] == line[3] and "*" not in (out[-1][2], line[2]):
            merged = (out[-1][4] | row["prev"])
            out[-1] = (line[0], line[1], ctx_text(merged), line[3], merged)
        elif not out or out[-1][:4] != line:
            out.append(line + (row["prev"] or set(),))
        if line[2] == "*" and line[3] == "*":
            done.add(row["key"])
    # Capital rules: each must be the lowercase rule's output in some case.
    lower_outs = {}
    for row in rows:
        lower_outs.setdefault(row["key"], set()).add(unicodedata.normalize("NFC", row["out"]))
    for k, r in capitals:
        want = lower_outs.get(key_of(k.lower()), set())
        if r.out.lower() not in {w.lower() for w in want}:
            problems.append(f"not converted (a capital rule whose output is not the lowercase rule's): {r.text}")
    return [o[:4] for o in out], problems


def table(scheme, rules_path):
    icu_id, cldr_file, lang, language, standard, fallback = SCHEMES[scheme]
    rules, filt, notes = parse_rules(rules_text(rules_path))
    rows, problems = convert(rules)
    passes = 1 + max(r.passno for r in rules)
    notes_text = (
        "The ICU transform, not the BGN/PCGN document: it writes ь ъ as the primes ʹ ʺ, keeps the "
        "optional middle dots and follows CLDR's reading of the notes. Not rows (see cldr.py): "
        "the rules on capitals (the engine applies case; a one-letter word is in title case, where "
        "ICU writes Ж → ZH), the filter (canonym romanizes the letters outside it by @fallback, "
        "ICU leaves them), `::" + "; ::".join(notes) + "`"
        + (f"; {passes} passes are made one, a letter's first-pass rules before its second-pass ones"
           if passes > 1 else "") + ".")
    lines = [
        f"# {language} — BGN/PCGN as ICU and CLDR implement it: the transform `{icu_id}`.",
        f"# source: CLDR common/transforms/{cldr_file} (© Unicode, Inc., Unicode License v3), as compiled into ICU {ICU_VERSION} (CLDR {CLDR_VERSION}) and read back with utrans_toRules; converted by tables/translit/import/cldr.py",
    ]
    lines += ["# " + l for l in textwrap.wrap(notes_text, 94)]
    for p in problems:
        lines += ["# " + l for l in textwrap.wrap(p, 94)]
    lines += [
        f"@scheme\t{scheme}",
        f"@lang\t{lang}",
        f"@title\tICU/CLDR BGN ({icu_id})",
        f"@standard\tCLDR transform {icu_id}: the {standard} as ICU implements it",
        f"@year\t{YEAR}",
        "@scope\tgeographic names in software built on ICU",
        f"@fallback\t{fallback}",
        "# cyrillic\tlatin\tprev\tnext",
    ]
    for k, o, p, n in rows:
        o = unicodedata.normalize("NFC", o) or "-"
        if (p, n) == ("*", "*"):
            lines.append(f"{k}\t{o}")
        elif n == "*":
            lines.append(f"{k}\t{o}\t{p}")
        else:
            lines.append(f"{k}\t{o}\t{p}\t{n}")
    Path("tables/translit", f"{scheme}.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for p in problems:
        print(f"{scheme}: {p}", file=sys.stderr)


# ---------------------------------------------------------------------------------------
# Conformance rows
# ---------------------------------------------------------------------------------------

def uconv(icu_id, inputs):
    text = "\n".join(i.replace("\\n", "\ue000") for i in inputs) + "\n"
    out = subprocess.run(["uconv", "-x", icu_id], input=text.encode(), capture_output=True,
                         check=True).stdout.decode()
    return [unicodedata.normalize("NFC", o.replace("\ue000", "\\n")) for o in out.split("\n")[: len(inputs)]]


def canonym(binary, scheme, inputs):
    text = "\n".join(i.replace("\\n", "\ue000") for i in inputs) + "\n"
    out = subprocess.run([binary, "translit", "--scheme", scheme], input=text.encode(),
                         capture_output=True, check=True).stdout.decode()
    return [o.replace("\ue000", "\\n") for o in out.split("\n")[: len(inputs)]]


def inputs_of(path):
    rows, source = [], None
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.startswith("# source:"):
            source = line
        if line.startswith("#") or not line.strip():
            continue
        rows.append((line.split("\t")[0], source))
    return rows


def gap(text, icu, ours):
    """The documented reasons canonym writes `text` otherwise than ICU, word by word, or None
    if a word differs for another reason (or nothing differs)."""
    if icu == ours:
        return None
    words, a, b = text.split(" "), icu.split(" "), ours.split(" ")
    if not len(words) == len(a) == len(b):
        return None
    reasons = []
    for w, x, y in zip(words, a, b):
        if x == y:
            continue
        if len(w) == 1 and w.isupper():
            r = GAP_SINGLE
        elif x.lower() == y.lower():
            r = GAP_CASE
        elif re.search(r"[а-яёіўїєґ][А-ЯЁІЎЇЄҐ]", w) and \
                x.replace("·", "").lower() == y.replace("·", "").lower():
            r = GAP_MIXED
        elif "'" in w and x.replace("'", "ʺ") == y:
            r = GAP_APOSTROPHE
        else:
            return None
        if r not in reasons:
            reasons.append(r)
    return "; ".join(reasons)


def samples(scheme, from_scheme, binary):
    icu_id = SCHEMES[scheme][0]
    lang = SCHEMES[scheme][2]
    alphabet = {"be": "абвгдеёжзійклмнопрстуўфхцчшыьэюя",
                "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                "uk": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"}[lang]
    letters = [
        " ".join(alphabet),
        # Each capital before its lowercase letter: ICU's title-case rules.
        " ".join(c.upper() + c for c in alphabet),
        # ALL-CAPS words.
        " ".join(c.upper() * 2 for c in alphabet),
    ]
    seen, inputs = set(letters), []
    for text, _ in inputs_of(Path("tests/data/translit") / f"{from_scheme}.tsv"):
        if text not in seen:
            seen.add(text)
            inputs.append(text)

    def rows(texts):
        out = []
        for a, b, o in zip(texts, uconv(icu_id, texts), canonym(binary, scheme, texts)):
            # ICU leaves letters outside its filter (і in a Russian text): not its language.
            if any("\u0400" <= c <= "\u04ff" for c in b):
                continue
            g = gap(a, b, o)
            out.append(f"{a}\t{b}" + (f"\tgap: {g}" if g else ""))
        return out

    def extra_rows():
        extra = EXTRA.get(scheme, {})
        texts = list(extra)
        out = []
        for a, b, o in zip(texts, uconv(icu_id, texts) if texts else [],
                           canonym(binary, scheme, texts) if texts else []):
            out.append(f"{a}\t{b}" + (f"\tgap: {extra[a]}" if b != o else ""))
        return out

    text = "\n".join([
        f"# Conformance: {scheme} — the ICU/CLDR transform {icu_id}.",
        f"# source: ICU {ICU_VERSION} (CLDR {CLDR_VERSION}) transform `{icu_id}`, run with `uconv -x '{icu_id}'` (the expected column is ICU's output) on each letter as a word, each capital before its lowercase letter, each letter doubled in capitals, and the words that show where the rows cannot follow ICU; generated by tables/translit/import/cldr.py",
        *rows(letters),
        *extra_rows(),
        "",
        f"# source: ICU {ICU_VERSION} `{icu_id}` (uconv -x) on the inputs of tests/data/translit/{from_scheme}.tsv (the examples of the BGN/PCGN document, and the tests of interscript's map for it, https://github.com/interscript/maps, MIT licence), those in ICU's alphabet",
        *rows(inputs),
    ])
    (Path("tests/data/translit") / f"{scheme}.tsv").write_text(text + "\n", encoding="utf-8")


def check(scheme, binary):
    icu_id = SCHEMES[scheme][0]
    rows = []
    for line in (Path("tests/data/translit") / f"{scheme}.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        rows.append(line.split("\t"))
    inputs = [r[0] for r in rows]
    icu = uconv(icu_id, inputs)
    ours = canonym(binary, scheme, inputs)
    bad = 0
    for r, i, o in zip(rows, icu, ours):
        if i != o:
            bad += 1
            mark = " (gap)" if len(r) > 2 else ""
            print(f"  {r[0][:70]!r}{mark}\n    icu     {i[:70]!r}\n    canonym {o[:70]!r}")
    print(f"{scheme}: {len(rows) - bad}/{len(rows)} rows as ICU writes them")


def text(scheme, path, binary):
    """Word-by-word agreement with ICU on running text, the differences by kind."""
    icu_id = SCHEMES[scheme][0]
    src = Path(path).read_text(encoding="utf-8")
    icu = subprocess.run(["uconv", "-x", icu_id], input=src.encode(), capture_output=True,
                         check=True).stdout.decode()
    ours = subprocess.run([binary, "translit", "--scheme", scheme], input=src.encode(),
                          capture_output=True, check=True).stdout.decode()
    words, a, b = src.split(), unicodedata.normalize("NFC", icu).split(), ours.split()
    kinds = {}
    for w, x, y in zip(words, a, b):
        if x == y:
            continue
        if any("\u0400" <= c <= "\u04ff" for c in x):
            k = "ICU left Cyrillic (outside its filter)"
        elif x.lower() == y.lower():
            k = "case"
        elif "'" in w and x.replace("'", "ʺ").lower() == y.lower():
            k = "the ASCII apostrophe"
        else:
            k = "other"
        kinds.setdefault(k, []).append((w, x, y))
    same = len(words) - sum(len(v) for v in kinds.values())
    print(f"{scheme}: {same} of {len(words)} words as ICU writes them")
    for k, v in kinds.items():
        print(f"  {k}: {len(v)}, e.g. " + ", ".join(f"{w} → {x} / {y}" for w, x, y in v[:3]))


# ---------------------------------------------------------------------------------------

def icu_rules(icu_id):
    i18n = ctypes.CDLL(f"libicui18n.so.{ICU_VERSION}")
    open_u = getattr(i18n, f"utrans_openU_{ICU_VERSION}")
    open_u.restype = ctypes.c_void_p
    to_rules = getattr(i18n, f"utrans_toRules_{ICU_VERSION}")
    to_rules.restype = ctypes.c_int32
    raw = icu_id.encode("utf-16-le")
    err = ctypes.c_int(0)
    t = open_u(ctypes.create_string_buffer(raw, len(raw) + 2), len(raw) // 2, 0, None, 0, None,
               ctypes.byref(err))
    if err.value > 0:
        sys.exit(f"cldr.py: ICU cannot open {icu_id} (error {err.value})")
    cap = 1 << 18
    buf = ctypes.create_string_buffer(2 * cap)
    n = to_rules(ctypes.c_void_p(t), 0, buf, cap, ctypes.byref(err))
    return buf.raw[: 2 * n].decode("utf-16-le")


def main():
    mode = sys.argv[1]
    if mode == "rules":
        print(icu_rules(sys.argv[2]))
    elif mode == "write":
        table(sys.argv[2], sys.argv[3])
    elif mode == "samples":
        samples(sys.argv[2], sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else "target/debug/canonym")
    elif mode == "text":
        text(sys.argv[2], sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else "target/debug/canonym")
    elif mode == "check":
        check(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else "target/debug/canonym")
    else:
        sys.exit(__doc__)


main()
