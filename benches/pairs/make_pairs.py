#!/usr/bin/env python3
"""Generate the labelled name pairs of benches/pairs/data/generated.tsv (seeded, reproducible).

    python3 benches/pairs/make_pairs.py [--seed 20] [--out benches/pairs/data/generated.tsv]

Needs (PyPI, versions the committed file was made with are written in its header):
Faker, iuliia, transliterate, cyrtranslit, Unidecode, pypinyin.

Names are Faker's locale lists (real given names, patronymics and surnames of ru_RU, uk_UA,
bg_BG, pl_PL, cs_CZ, de_DE, en_US, zh_CN). A positive pair is one name written two ways by an
independent implementation (a romanization library, a spelling convention, another word order,
an added title, one typo); a negative pair is two different people or companies whose names are
close (the same surname in the other gender, another patronymic, another surname with the same
consonants or one letter apart, another given name, another company sharing a generic word).
"""

import argparse
import collections
import importlib.metadata as md
import random
import re

import cyrtranslit
import iuliia
import transliterate
import unidecode
from faker import Faker

PKGS = ["Faker", "iuliia", "transliterate", "cyrtranslit", "Unidecode", "pypinyin"]
VOWELS = set("аеёиоуыэюяіїєaeiouyАЕЁИОУЫЭЮЯІЇЄ")


def iu(schema):
    s = getattr(iuliia, schema.upper(), None)
    return s.translate if s else None


# Romanizers of Russian: name -> function. Each is an independent implementation.
RU_SCHEMES = {
    "iuliia-wikipedia": iu("wikipedia"),
    "iuliia-bgn_pcgn": iu("bgn_pcgn"),
    "iuliia-icao_doc_9303": iu("icao_doc_9303"),
    "iuliia-gost_7034": iu("gost_7034"),
    "iuliia-ala_lc": iu("ala_lc"),
    "iuliia-mvd_782": iu("mvd_782"),
    "iuliia-scientific": iu("scientific"),
    "iuliia-telegram": iu("telegram"),
    "transliterate-ru": lambda t: transliterate.translit(t, "ru", reversed=True),
    "cyrtranslit-ru": lambda t: cyrtranslit.to_latin(t, "ru"),
    "unidecode": unidecode.unidecode,
}
RU_SCHEMES = {k: v for k, v in RU_SCHEMES.items() if v}
UK_SCHEMES = {
    "transliterate-uk": lambda t: transliterate.translit(t, "uk", reversed=True),
    "cyrtranslit-ua": lambda t: cyrtranslit.to_latin(t, "ua"),
    "unidecode": unidecode.unidecode,
}
UK_SCHEMES = {k: v for k, v in UK_SCHEMES.items() if v}
BG_SCHEMES = {
    "transliterate-bg": lambda t: transliterate.translit(t, "bg", reversed=True),
    "cyrtranslit-bg": lambda t: cyrtranslit.to_latin(t, "bg"),
    "unidecode": unidecode.unidecode,
}
SCHEMES = {"ru_RU": RU_SCHEMES, "uk_UA": UK_SCHEMES, "bg_BG": BG_SCHEMES}
TITLES = ["Dr.", "Mr.", "Mrs.", "Prof.", "Sir", "Dr", "General", "Colonel"]
TITLES_F = {"Mrs.", "Ms."}


def clean(s):
    """Romanizers keep apostrophes for soft signs and ALA-LC a dot in t·s; strip what a list
    would not print."""
    return " ".join(s.replace("ʹ", "'").replace("ʺ", "").replace("·", "").split())


def skeleton(s):
    return "".join(c for c in s.lower() if c not in VOWELS and c not in "ьъй")


def lev1(a, b):
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    if len(a) > len(b):
        a, b = b, a
    return any(b[:i] + b[i + 1:] == a for i in range(len(b)))


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.rows = []
        self.seen = set()

    def add(self, a, b, kind, label, family, source):
        a, b = clean(a), clean(b)
        if not a or not b or (a, b) in self.seen or "\t" in a + b:
            return
        if label == "match" and a == b:
            return
        self.seen.add((a, b))
        self.rows.append((a, b, kind, label, family, source))


def people(fk, g, sex):
    f = getattr(fk, f"first_name_{sex}")()
    l = getattr(fk, f"last_name_{sex}")()
    p = ""
    mid = getattr(fk, f"middle_name_{sex}", None)
    if mid:
        p = mid()
    return f, p, l


def typo(r, s):
    """One keyboard-style slip inside a Latin word: substitution, deletion or transposition."""
    words = s.split()
    i = max(range(len(words)), key=lambda k: len(words[k]))
    w = words[i]
    if len(w) < 5:
        return None
    j = r.randrange(1, len(w) - 1)
    op = r.choice("sdt")
    if op == "s":
        w = w[:j] + r.choice("aeioulnrst".replace(w[j].lower(), "")) + w[j + 1:]
    elif op == "d":
        w = w[:j] + w[j + 1:]
    else:
        w = w[:j] + w[j + 1] + w[j] + w[j + 2:]
    words[i] = w
    return " ".join(words)


def cyr_locales(g, n):
    for loc in ["ru_RU", "uk_UA", "bg_BG"]:
        fk = Faker(loc)
        fk.seed_instance(g.r.randrange(1 << 30))
        src = f"Faker {loc}"
        schemes = SCHEMES[loc]
        # Surname lists of each gender, for negatives built from real surnames.
        surn = {sex: sorted({getattr(fk, f"last_name_{sex}")() for _ in range(3000)})
                for sex in ("male", "female")}
        for _ in range(n):
            sex = g.r.choice(["male", "female"])
            f, p, l = people(fk, g, sex)
            full = " ".join(x for x in (f, p, l) if x)
            short = f"{f} {l}"
            sname, rom = g.r.choice(sorted(schemes.items()))
            latin_full = rom(full)
            latin_short = rom(short)
            # positives
            g.add(full, latin_full, "person", "match", f"translit:{sname}", src)
            g.add(latin_short, short, "person", "match", f"translit:{sname}", src)
            # the list has the patronymic, the query has not (the usual screening case)
            if p:
                g.add(latin_short, full, "person", "match", "patronymic-listed-only", src)
                # official Russian lists write SURNAME Given Patronymic
                g.add(latin_short, f"{l} {f} {p}", "person", "match",
                      "patronymic-listed-surname-first", src)
            other = g.r.choice(sorted(schemes.items()))
            if other[0] != sname:
                g.add(rom(short), other[1](short), "person", "match",
                      "two-romanizations", f"{src}; {sname} vs {other[0]}")
            g.add(f"{l} {f}" + (f" {p}" if p else ""), latin_full, "person", "match",
                  "word-order", src)
            g.add(f"{l.upper()}, {f}", latin_short, "person", "match", "word-order", src)
            if p:
                g.add(full, short, "person", "match", "patronymic-query-only", src)
                g.add(f"{f[0]}. {p[0]}. {l}", full, "person", "match", "initials", src)
            t = g.r.choice(TITLES)
            g.add(f"{t} {latin_short}", short, "person", "match", "title", src)
            ty = typo(g.r, latin_short)
            if ty and ty != latin_short:
                g.add(ty, short, "person", "match", "typo", src)
            # negatives
            osex = "female" if sex == "male" else "male"
            # the same surname in the other gender, with the given name of the other gender
            if loc != "bg_BG" or True:
                of, op, _ = people(fk, g, osex)
                ol = gender_flip(l, sex)
                if ol:
                    g.add(rom(f"{of} {ol}"), short, "person", "non-match", "other-gender", src)
                    g.add(rom(ol), l, "person", "non-match", "other-gender-surname", src)
            if p:
                _, p2, _ = people(fk, g, sex)
                if p2 and p2 != p and rom(p2) != rom(p):
                    g.add(rom(f"{f} {p2} {l}"), full, "person", "non-match",
                          "patronymic-contradiction", src)
            f2 = getattr(fk, f"first_name_{sex}")()
            if f2 != f and rom(f2) != rom(f):
                g.add(rom(f"{f2} {l}"), full, "person", "non-match", "other-given-name", src)
            # another real surname with the same consonants, or one letter apart
            pool = surn[sex]
            sk = skeleton(l)
            same = [s for s in pool if s != l and skeleton(s) == sk]
            if same:
                l2 = g.r.choice(same)
                g.add(rom(f"{f} {l2}"), short, "person", "non-match", "surname-same-consonants", src)
                g.add(l2, l, "person", "non-match", "surname-same-consonants", src)
            near = [s for s in pool if s != l and lev1(s, l) and skeleton(s) != sk]
            if near:
                l2 = g.r.choice(near)
                g.add(rom(f"{f} {l2}"), short, "person", "non-match", "surname-one-letter", src)
            # a random other person of the same sex (easy negative)
            f3, _, l3 = people(fk, g, sex)
            if l3 != l:
                g.add(rom(f"{f3} {l3}"), short, "person", "non-match", "different-person", src)


FEM = [("ова", "ов"), ("ева", "ев"), ("ёва", "ёв"), ("ина", "ин"), ("ына", "ын"),
       ("ская", "ский"), ("цкая", "цкий"), ("ая", "ой"), ("ая", "ый")]


def gender_flip(l, sex):
    """Zakharov <-> Zakharova: the surname of the other gender, None when it has none."""
    if sex == "female":
        for fe, ma in FEM:
            if l.endswith(fe):
                return l[: -len(fe)] + ma
    else:
        for fe, ma in FEM:
            if l.endswith(ma):
                return l[: -len(ma)] + fe
    return None


GERMAN = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}


def latin_locales(g, n):
    for loc in ["pl_PL", "cs_CZ", "de_DE", "en_US"]:
        fk = Faker(loc)
        fk.seed_instance(g.r.randrange(1 << 30))
        src = f"Faker {loc}"
        surn = sorted({fk.last_name() for _ in range(3000)})
        for _ in range(n):
            sex = g.r.choice(["male", "female"])
            f = getattr(fk, f"first_name_{sex}")()
            l = getattr(fk, f"last_name_{sex}")()
            name = f"{f} {l}"
            ascii_ = unidecode.unidecode(name)
            if ascii_ != name:
                g.add(ascii_, name, "person", "match", "diacritics-dropped", src)
            if loc == "de_DE" and any(c in name for c in GERMAN):
                g.add("".join(GERMAN.get(c, c) for c in name), name, "person", "match",
                      "german-umlaut-ae", src)
            g.add(f"{l}, {f}", name, "person", "match", "word-order", src)
            g.add(f"{g.r.choice(TITLES)} {name}", name, "person", "match", "title", src)
            ty = typo(g.r, ascii_)
            if ty and ty != ascii_:
                g.add(ty, name, "person", "match", "typo", src)
            f2 = getattr(fk, f"first_name_{sex}")()
            if f2 != f:
                g.add(f"{f2} {l}", name, "person", "non-match", "other-given-name", src)
            sk = skeleton(unidecode.unidecode(l))
            same = [s for s in surn if s != l and skeleton(unidecode.unidecode(s)) == sk
                    and unidecode.unidecode(s) != unidecode.unidecode(l)]
            if same:
                g.add(f"{f} {g.r.choice(same)}", name, "person", "non-match",
                      "surname-same-consonants", src)
            # another surname one letter apart, not the same one without its diacritics
            # (Trüb/Trub) or in German transcription (Müller/Mueller)
            near = [s for s in surn if s != l and lev1(s, l)
                    and unidecode.unidecode(s) != unidecode.unidecode(l)
                    and "".join(GERMAN.get(c, c) for c in s) != "".join(GERMAN.get(c, c) for c in l)]
            if near:
                g.add(f"{f} {g.r.choice(near)}", name, "person", "non-match",
                      "surname-one-letter", src)
            # company of the locale: legal-form variants are the same company
            c = fk.company()
            g.add(unidecode.unidecode(c), c, "company", "match", "company-ascii", src) \
                if unidecode.unidecode(c) != c else None
            c2 = fk.company()
            if c2 != c:
                g.add(c2, c, "company", "non-match", "company-different", src)


RU_FORMS = [("ООО", ["OOO", "LLC", "Limited Liability Company", "ООО"]),
            ("АО", ["AO", "JSC", "Joint Stock Company"]),
            ("ПАО", ["PAO", "PJSC", "Public Joint Stock Company"]),
            ("ЗАО", ["ZAO", "CJSC", "Closed Joint Stock Company"]),
            ("ОАО", ["OAO", "OJSC", "Open Joint Stock Company"])]
GENERIC = ["Строй", "Нефть", "Газ", "Транс", "Инвест", "Торг", "Пром", "Снаб", "Энерго",
           "Агро", "Сервис", "Групп", "Капитал", "Логистик", "Техно"]
GENERIC_WORDS = [("Торговый дом", "Trading House"), ("Группа компаний", "Group of Companies"),
                 ("Инвест", "Invest"), ("Логистика", "Logistics"), ("Холдинг", "Holding")]


def ru_companies(g, n):
    fk = Faker("ru_RU")
    fk.seed_instance(g.r.randrange(1 << 30))
    rom = RU_SCHEMES["iuliia-wikipedia"]
    src = "Faker ru_RU (surnames, city names) + Russian legal forms (Civil Code art. 87-106)"
    words = sorted({fk.last_name_male() for _ in range(500)} | {fk.city_name() for _ in range(300)})
    for _ in range(n):
        base = g.r.choice(words)
        if g.r.random() < 0.5:
            base = base + g.r.choice(GENERIC).lower() if g.r.random() < 0.5 else \
                g.r.choice(GENERIC) + base.lower()
        form, latin_forms = g.r.choice(RU_FORMS)
        cyr = f"{form} «{base}»"
        sname, r2 = g.r.choice(sorted(RU_SCHEMES.items()))
        lat = r2(base)
        lf = g.r.choice(latin_forms)
        if lf in ("LLC", "JSC", "PJSC", "CJSC", "OJSC") or "Company" in lf:
            g.add(f"{lat} {lf}", cyr, "company", "match", "company-legal-form", src)
        else:
            g.add(f'{lf} "{lat}"', cyr, "company", "match", f"company-translit:{sname}", src)
        g.add(f"{lat}, {g.r.choice(latin_forms)}", f"{form} {base}", "company", "match",
              "company-legal-form", src)
        # negatives: another company with the same legal form and a shared generic word
        gen, gen_en = g.r.choice(GENERIC_WORDS)
        b1, b2 = g.r.sample(words, 2)
        g.add(f'{form} «{gen} «{b1}»', f"{rom(b2)} {gen_en} {lf}", "company", "non-match",
              "company-shared-generic-word", src)
        base2 = g.r.choice(words)
        if base2 != base and rom(base2) != lat:
            g.add(f"{rom(base2)} {lf}", cyr, "company", "non-match", "company-different", src)


def cjk(g, n):
    from pypinyin import lazy_pinyin
    fk = Faker("zh_CN")
    fk.seed_instance(g.r.randrange(1 << 30))
    src = "Faker zh_CN + pypinyin"
    names = sorted({fk.name() for _ in range(4 * n)})
    given = sorted({nm[1:] for nm in names if len(nm) >= 2})
    for nm in g.r.sample(names, n):
        py = lazy_pinyin(nm)
        latin = py[0].capitalize() + " " + "".join(py[1:]).capitalize()
        g.add(latin, nm, "person", "match", "cjk-pinyin", src)
        g.add(" ".join(p.capitalize() for p in py[1:]) + " " + py[0].capitalize(), nm,
              "person", "match", "cjk-pinyin-given-first", src)
        # one character different: another person
        other = nm[0] + g.r.choice(given)
        if other != nm and lazy_pinyin(other) != py:
            g.add(other, nm, "person", "non-match", "cjk-other-character", src)
            opy = lazy_pinyin(other)
            g.add(opy[0].capitalize() + " " + "".join(opy[1:]).capitalize(), nm, "person",
                  "non-match", "cjk-other-character", src)


ARABIC = ["Muhammad", "Ahmad", "Abdullah", "Khalid", "Salman", "Faisal", "Nasser", "Hamad",
          "Sultan", "Zayed", "Tamim", "Hamdan", "Mansour", "Saud", "Turki", "Nayef", "Omar",
          "Ali", "Hassan", "Hussein", "Yousef", "Ibrahim", "Majid", "Rashid", "Saif", "Fahd"]


def arabic_bin(g, n):
    src = "common Arabic given names (hand list); nasab order a bin b"
    for _ in range(n):
        a, b = g.r.sample(ARABIC, 2)
        g.add(f"{a} bin {b}", f"{b} bin {a}", "person", "non-match", "bin-order-swapped", src)
        g.add(f"{a} bin {b}", f"{a} ibn {b}", "person", "match", "bin-ibn", src)
        c = g.r.choice([x for x in ARABIC if x not in (a, b)])
        g.add(f"{a} bin {b}", f"{a} bin {c}", "person", "non-match", "bin-other-father", src)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=20)
    ap.add_argument("--n", type=int, default=120)
    ap.add_argument("--out", default="benches/pairs/data/generated.tsv")
    args = ap.parse_args()
    g = Gen(args.seed)
    Faker.seed(args.seed)
    cyr_locales(g, args.n)
    latin_locales(g, args.n // 2)
    ru_companies(g, args.n)
    cjk(g, args.n // 4)
    arabic_bin(g, 40)
    vers = ", ".join(f"{p}=={md.version(p)}" for p in PKGS)
    with open(args.out, "w") as f:
        f.write(f"# generated by benches/pairs/make_pairs.py --seed {args.seed} --n {args.n}\n")
        f.write(f"# source: {vers} (PyPI)\n")
        f.write("a\tb\tkind\tlabel\tfamily\tsource\n")
        for row in g.rows:
            f.write("\t".join(row) + "\n")
    c = collections.Counter((r[3]) for r in g.rows)
    print(f"{len(g.rows)} pairs: {dict(c)}")


if __name__ == "__main__":
    main()
