#!/usr/bin/env python3
"""Generate the million-person bench table: real given names and surnames, sampled by frequency.

    python3 benches/million/make_table.py --bin target/release/canonym --persons 1000000 --out DIR

writes DIR/table.jsonl (one person per line, the JSON Lines format of `--table`, README "Your own
tables") and DIR/queries.txt (1,000 names for bulk lookup: names of the table in other
spellings, word orders, letter and grammatical cases, and names that are not in it), and prints
what it made on standard error. The same arguments give the same bytes (`--seed`).

Where the names come from — nothing here is a counter:
- given names, surnames and patronymics: the person providers of the PyPI package Faker
  (`pip install Faker`): ru_RU, uk_UA, pl_PL, cs_CZ, lt_LT, lv_LV, de_DE, en_US. en_US comes
  with frequencies; the other lists are used in their order where that is a frequency order
  (ru_RU's surnames start Смирнов, Иванов, Кузнецов) and in a seeded shuffle where it is
  alphabetical; the most frequent given names of each country are put first (below);
- Belarusian persons: the Belarusian forms of tables/given_names.tsv and, as surnames, the
  Belarusian person-like words of /work/shared/corpus/names.txt (hunspell proper nouns);
- spellings in the other script: `canonym translit` (the romanization a passport, an
  encyclopedia or a library would give) and, for names that exist only in Latin, `canonym
  translit --reverse` after a small per-language respelling (Polish `sz` → `š`, German `sch`
  → `š`, …) into the letters that ISO 9 reads back.

Each list is sampled Zipf-like (weight 1 / (rank + 3)), so namesakes occur as in life: many
people share a full name, most full names have one bearer. A person has an ID `per:m-0000123`,
a canonical Latin name, a Cyrillic name, often a patronymic form (East Slavic), and often a
second spelling (another romanization, an ASCII form, a middle name).

`--unique` keeps only the first bearer of every listed name and key (for a canonym that refuses
namesakes); `--weight` adds a `weight` field (a prominence from 1 to 1000).
"""

import argparse
import json
import random
import re
import subprocess
import sys
import unicodedata
from bisect import bisect
from itertools import accumulate
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
NAMES_TXT = Path("/work/shared/corpus/names.txt")

# The share of each origin among the persons.
ORIGINS = {
    "ru": 0.38,
    "uk": 0.20,
    "be": 0.12,
    "pl": 0.08,
    "cs": 0.04,
    "lt": 0.04,
    "lv": 0.03,
    "de": 0.05,
    "en": 0.06,
}

# The most frequent given names of each country (census and registry top lists), put before
# the rest of the Faker lists, which are alphabetical.
TOP_GIVEN = {
    ("ru", "m"): "Александр Сергей Дмитрий Андрей Алексей Владимир Иван Михаил Николай Евгений "
    "Максим Артём Игорь Юрий Виктор Павел Роман Олег Денис Антон",
    ("ru", "f"): "Елена Ольга Наталья Татьяна Ирина Светлана Анна Мария Екатерина Юлия Анастасия "
    "Марина Людмила Галина Надежда Валентина Дарья Ксения Оксана Виктория",
    ("uk", "m"): "Олександр Сергій Андрій Володимир Іван Микола Юрій Дмитро Василь Віктор Олег "
    "Максим Ігор Михайло Петро Богдан Тарас Роман Анатолій Віталій",
    ("uk", "f"): "Олена Наталія Тетяна Ірина Світлана Оксана Юлія Людмила Ольга Марія Анна "
    "Галина Катерина Вікторія Надія Валентина Любов Анастасія Ніна Лариса",
}

# Belarusian forms are taken from tables/given_names.tsv; these are the most frequent.
TOP_GIVEN_BE = {
    "m": "Аляксандр Сяргей Андрэй Дзмітрый Уладзімір Аляксей Іван Мікалай Міхаіл Юрый Віктар "
    "Яўген Павел Максім Ігар Антон Раман Васіль Алег Віталь",
    "f": "Алена Вольга Наталля Таццяна Ірына Святлана Ганна Марыя Кацярына Юлія Анастасія "
    "Марына Людміла Галіна Надзея Валянціна Дар'я Ксенія Вікторыя Ала",
}

# How each origin's names are written in the other script, and the second spellings offered.
ROMANIZE = {
    "ru": ("ru-wikipedia", ["ru-icao", "ru-gost-7.79-b", "ru-bgn-pcgn", "ru-mvd-310", "ru-ala-lc-alt"]),
    "uk": ("uk-national", ["uk-bgn-pcgn", "uk-ala-lc", "uk-national-2007", "uk-iso9"]),
    "be": ("be-icao", ["be-national", "be-bgn-pcgn", "be-lacinka", "be-mvd-2008"]),
}
LANG_TAG = {"ru": "ru", "uk": "uk", "be": "be", "pl": "pl", "cs": "cs", "lt": "lt", "lv": "lv",
            "de": "de", "en": "en"}


def zipf_sampler(items, rng, s=1.0, q=3.0):
    """A function drawing an item of `items` (most frequent first) with weight 1 / (rank + q)^s."""
    weights = [1.0 / (r + 1 + q) ** s for r in range(len(items))]
    return weighted_sampler(items, weights, rng)


def weighted_sampler(items, weights, rng):
    cum = list(accumulate(weights))
    total = cum[-1]
    items = list(items)

    def draw():
        return items[min(bisect(cum, rng.random() * total), len(items) - 1)]

    return draw


def ranked(items, rng):
    """`items` in frequency order: as given, unless they are alphabetical (then shuffled)."""
    items = list(dict.fromkeys(items))
    in_order = sum(a <= b for a, b in zip(items, items[1:]))
    if in_order > 0.9 * max(len(items) - 1, 1):
        items = sorted(items)
        rng.shuffle(items)
    return items


def with_top(top, items):
    top = [t for t in top.split() if t]
    return list(dict.fromkeys(top + list(items)))


def faker_lists(rng):
    """Given names (per gender), surnames (per gender) and patronymics of each Faker origin."""
    try:
        from faker.providers.person import (cs_CZ, de_DE, en_US, lt_LT, lv_LV, pl_PL, ru_RU,
                                            uk_UA)
    except ImportError:
        sys.exit("make_table.py: needs the PyPI package Faker: pip install Faker")
    lists = {}
    for origin, mod in [("ru", ru_RU), ("uk", uk_UA)]:
        p = mod.Provider
        lists[origin] = {
            "given_m": with_top(TOP_GIVEN[(origin, "m")], ranked(p.first_names_male, rng)),
            "given_f": with_top(TOP_GIVEN[(origin, "f")], ranked(p.first_names_female, rng)),
            "sur_m": ranked(p.last_names_male, rng),
            "sur_f": ranked(p.last_names_female, rng),
            "pat_m": ranked(p.middle_names_male, rng),
            "pat_f": ranked(p.middle_names_female, rng),
        }
    p = pl_PL.Provider
    pl_sur = list(p.male_last_names) + ranked(p.unisex_last_names, rng)
    lists["pl"] = {
        "given_m": ranked(p.first_names_male, rng),
        "given_f": ranked(p.first_names_female, rng),
        "sur_m": pl_sur,
        "sur_f": [polish_feminine(s) for s in pl_sur],
    }
    for origin, mod in [("cs", cs_CZ), ("lv", lv_LV)]:
        p = mod.Provider
        lists[origin] = {
            "given_m": ranked(p.first_names_male, rng),
            "given_f": ranked(p.first_names_female, rng),
            "sur_m": ranked(p.last_names_male, rng),
            "sur_f": ranked(p.last_names_female, rng),
        }
    p = lt_LT.Provider
    lt_given = ranked(p.first_names, rng)
    lists["lt"] = {
        # Lithuanian men's given names end in -as, -is, -us; women's in -a, -ė.
        "given_m": [g for g in lt_given if g.endswith(("s", "us"))],
        "given_f": [g for g in lt_given if not g.endswith("s")],
        "sur_m": list(p.last_names),
        "sur_f": [lithuanian_feminine(s) for s in p.last_names],
    }
    p = de_DE.Provider
    de_sur = ranked(p.last_names, rng)
    lists["de"] = {
        "given_m": ranked(p.first_names_male, rng),
        "given_f": ranked(p.first_names_female, rng),
        "sur_m": de_sur,
        "sur_f": de_sur,
    }
    p = en_US.Provider
    lists["en"] = {
        "given_m": dict(p.first_names_male),
        "given_f": dict(p.first_names_female),
        "sur_m": dict(p.last_names),
        "sur_f": dict(p.last_names),
    }
    return lists


def polish_feminine(s):
    for m, f in [("ski", "ska"), ("cki", "cka"), ("dzki", "dzka")]:
        if s.endswith(m):
            return s[: -len(m)] + f
    return s


def lithuanian_feminine(s):
    # The married form: -ius, -as, -is, -ys, -us → -ienė.
    for m in ("ius", "as", "is", "ys", "us"):
        if s.endswith(m):
            return s[: -len(m)] + "ienė"
    return s


def belarusian_lists(rng):
    """Belarusian given names (tables/given_names.tsv) and surnames (names.txt)."""
    given = {"m": [], "f": []}
    path = ROOT / "tables" / "given_names.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        _, gender, forms = line.split("\t")
        for form in forms.split(" | "):
            lang, _, name = form.partition(":")
            if lang == "be":
                given[gender].append(name)
                break
    surnames = []
    if NAMES_TXT.exists():
        words = NAMES_TXT.read_text(encoding="utf-8").split("\n")
        # Person-like Belarusian words: Belarusian letters only, a surname ending, and not a
        # town (-аў/-ін towns are excluded by preferring the endings below).
        pat = re.compile(r"^[А-ЯІЎЁ][а-яіўё']+(віч|evіч|ёнак|онак|енка|ёнка|чык|ук|юк|ка|скі|цкі|ель)$")
        surnames = [w for w in words if pat.match(w) and not re.search(r"[иеъщ]", w)]
    # Frequent Belarusian surnames first.
    top = ("Іваноў Новік Кавалёў Шэўчук Кавалеўскі Мельнік Казлоў Бондар Ткачук Кавальчук "
           "Марозаў Васілеўскі Лукашэвіч Клімовіч Кузьміч Жук Грыгор'еў Карповіч Сакалоў Макарэвіч")
    surnames = with_top(top, ranked(surnames, rng))
    return {
        "given_m": with_top(TOP_GIVEN_BE["m"], ranked(given["m"], rng)),
        "given_f": with_top(TOP_GIVEN_BE["f"], ranked(given["f"], rng)),
        "sur_m": surnames,
        # Adjectival surnames take the feminine ending; the others do not change.
        "sur_f": [belarusian_feminine(s) for s in surnames],
    }


def belarusian_feminine(s):
    for m, f in [("скі", "ская"), ("цкі", "цкая"), ("оў", "ова"), ("ёў", "ёва"), ("еў", "ева"),
                 ("аў", "ава"), ("ін", "іна")]:
        if s.endswith(m):
            return s[: -len(m)] + f
    return s


def belarusian_patronymic(father, gender):
    """Аляксандр → Аляксандравіч / Аляксандраўна; Андрэй → Андрэевіч / Андрэеўна."""
    stem, male, female = father, "авіч", "аўна"
    if father.endswith("й"):
        stem, male, female = father[:-1], "евіч", "еўна"
    elif father.endswith(("а", "я")):
        stem = father[:-1]
    elif father.endswith("ь"):
        stem, male, female = father[:-1], "евіч", "еўна"
    return stem + (male if gender == "m" else female)


def sampler_of(key, values, rng):
    if isinstance(values, dict):
        return weighted_sampler(list(values), list(values.values()), rng)
    # The lists hold a few hundred surnames where a country has tens of thousands: a flatter
    # head keeps the most frequent one near its real share (Смирнов, 1.3% of Russians).
    return zipf_sampler(values, rng, q=20.0 if key.startswith("sur") else 3.0)


def ascii_fold(s, german=False):
    if german:
        for a, b in [("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"),
                     ("Ü", "Ue"), ("ß", "ss")]:
            s = s.replace(a, b)
    s = s.replace("ł", "l").replace("Ł", "L").replace("ß", "ss")
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


# Respellings into the Latin letters of ISO 9 (which `translit --reverse` reads as Russian),
# applied in order to the lowercased name.
RESPELL_COMMON = [("x", "ks"), ("q", "k"), ("ph", "f"), ("th", "t")]
RESPELL = {
    "pl": [("szcz", "ŝ"), ("sz", "š"), ("cz", "č"), ("rz", "ž"), ("ch", "h"), ("dż", "dž"),
           ("ż", "ž"), ("ź", "z"), ("ś", "s"), ("ć", "c"), ("ń", "nʹ"), ("ł", "l"), ("w", "v"),
           ("ó", "u"), ("ą", "on"), ("ę", "en"), ("ie", "e"), ("ia", "â"), ("io", "ë"),
           ("iu", "û"), ("ja", "â"), ("ju", "û"), ("je", "e")],
    "cs": [("ch", "h"), ("h", "g"), ("ř", "rž"), ("ě", "e"), ("ů", "u"), ("ý", "i"), ("y", "i"),
           ("ja", "â"), ("ju", "û")],
    "lt": [("ch", "h"), ("ū", "u"), ("ų", "u"), ("ė", "e"), ("ę", "e"), ("ą", "a"), ("į", "i"),
           ("y", "i"), ("ja", "â"), ("ju", "û"), ("io", "ë"), ("ia", "â")],
    "lv": [("ā", "a"), ("ē", "e"), ("ī", "i"), ("ū", "u"), ("ņ", "nʹ"), ("ļ", "lʹ"), ("ķ", "kʹ"),
           ("ģ", "gʹ"), ("ja", "â"), ("ju", "û")],
    "de": [("tsch", "č"), ("sch", "š"), ("ck", "k"), ("ch", "h"), ("ei", "aj"), ("eu", "oj"),
           ("äu", "oj"), ("ie", "i"), ("ß", "s"), ("ä", "e"), ("ö", "ë"), ("jü", "û"), ("ü", "û"),
           ("ja", "â"), ("ju", "û"), ("v", "f"), ("w", "v"), ("z", "c"), ("tz", "c"), ("cc", "c"),
           ("y", "i")],
    "en": [("sh", "š"), ("tch", "č"), ("ch", "č"), ("ck", "k"), ("ee", "i"), ("oo", "u"),
           ("ea", "i"), ("w", "u"), ("j", "dž"), ("ce", "se"), ("ci", "si"), ("cy", "si"),
           ("c", "k"), ("y", "i")],
}


def respell(name, origin):
    s = name.lower()
    for a, b in RESPELL_COMMON + RESPELL[origin]:
        s = s.replace(a, b)
    # Double letters are written once in Russian spellings of foreign names.
    s = re.sub(r"([bcdfgklmnprstvz])\1", r"\1", s)
    # Other diacritics (Czech length marks, ť, ď) are dropped: ISO 9 would not read them.
    return "".join(c if c in "šžčŝëâûʹ" else ascii_fold(c) for c in s)


def capitalize_words(s):
    return " ".join(w[:1].upper() + w[1:] for w in s.split(" "))


def run_canonym(binary, args, lines):
    """`canonym ARGS` over `lines` on standard input, one output line per input line."""
    text = "".join(line + "\n" for line in lines)
    done = subprocess.run([binary, *args], input=text.encode(), capture_output=True, check=True)
    out = done.stdout.decode().split("\n")
    if out and out[-1] == "":
        out.pop()
    if len(out) != len(lines):
        sys.exit(f"make_table.py: canonym {' '.join(args)}: {len(out)} lines for {len(lines)}")
    return out


class Batch:
    """Strings to transliterate, grouped by the canonym arguments, run once per group."""

    def __init__(self, binary):
        self.binary = binary
        self.jobs = {}

    def add(self, args, text):
        group = self.jobs.setdefault(tuple(args), {})
        return group.setdefault(text, len(group)), tuple(args)

    def run(self):
        self.done = {}
        for args, texts in self.jobs.items():
            self.done[args] = run_canonym(self.binary, list(args), list(texts))

    def get(self, ticket):
        index, args = ticket
        return self.done[args][index]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default=str(ROOT / "target/release/canonym"))
    ap.add_argument("--persons", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=21)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--unique", action="store_true",
                    help="keep only the first bearer of each listed name and key")
    ap.add_argument("--weight", action="store_true", help="add a weight field to each person")
    ap.add_argument("--queries", type=int, default=1000)
    args = ap.parse_args()

    rng = random.Random(args.seed)
    lists = faker_lists(rng)
    lists["be"] = belarusian_lists(rng)
    samplers = {o: {k: sampler_of(k, v, rng) for k, v in ls.items()} for o, ls in lists.items()}
    draw_origin = weighted_sampler(list(ORIGINS), list(ORIGINS.values()), rng)
    batch = Batch(args.bin)

    people = []
    for i in range(args.persons):
        origin = draw_origin()
        gender = "m" if rng.random() < 0.5 else "f"
        s = samplers[origin]
        given = s["given_" + gender]()
        surname = s["sur_" + gender]()
        person = {"i": i, "origin": origin, "gender": gender, "given": given, "surname": surname}
        if origin in ROMANIZE:
            cyr = f"{given} {surname}"
            person["cyr"] = cyr
            if rng.random() < 0.85:
                if origin == "be":
                    father = s["given_m"]()
                    patronymic = belarusian_patronymic(father, gender)
                else:
                    patronymic = s["pat_" + gender]()
                person["pat"] = f"{given} {patronymic} {surname}"
            canonical, others = ROMANIZE[origin]
            person["lat"] = batch.add(["translit", "--scheme", canonical], cyr)
            # Other romanizations (a passport's, a library's), kept when they differ.
            person["var"] = [
                (scheme, batch.add(["translit", "--scheme", scheme], cyr))
                for scheme in rng.sample(others, 2)
            ]
        else:
            lat = f"{given} {surname}"
            person["lat_native"] = lat
            reverse = ["translit", "--reverse", "--scheme", "ru-iso9"]
            person["cyr_t"] = batch.add(reverse, respell(lat, origin))
            if rng.random() < 0.5:
                # The Ukrainian spelling, as Ukrainian media would write the name.
                uk = ["translit", "--reverse", "--scheme", "uk-iso9"]
                person["cyr_uk"] = batch.add(uk, respell(lat, origin).replace("y", "i"))
            folded = ascii_fold(lat, german=origin == "de")
            if folded != lat:
                person["var_native"] = folded
            elif origin == "en" and rng.random() < 0.6:
                middle = s["given_" + gender]()
                if middle != given:
                    person["var_native"] = f"{given} {middle} {surname}"
            elif rng.random() < 0.5:
                # Initial and surname, as in a byline or a list of authors.
                person["var_native"] = f"{given[0]}. {surname}"
        people.append(person)
    batch.run()

    entities = []
    for p in people:
        o = p["origin"]
        tag = LANG_TAG[o]
        names = []
        if "cyr" in p:
            canonical = p_lat = batch.get(p["lat"])
            names.append({"name": p["cyr"], "lang": f"{tag}-Cyrl"})
            if "pat" in p:
                names.append({"name": p["pat"], "lang": f"{tag}-Cyrl"})
            seen = {p_lat}
            for scheme, ticket in p["var"]:
                var = batch.get(ticket)
                if var not in seen:
                    seen.add(var)
                    names.append({"name": var, "lang": f"{tag}-Latn", "source": scheme})
        else:
            canonical = p["lat_native"]
            cyr = capitalize_words(batch.get(p["cyr_t"]))
            names.append({"name": cyr, "lang": "ru-Cyrl", "source": "translit"})
            if "cyr_uk" in p:
                uk = capitalize_words(batch.get(p["cyr_uk"]))
                if uk != cyr:
                    names.append({"name": uk, "lang": "uk-Cyrl", "source": "translit"})
            if "var_native" in p:
                names.append({"name": p["var_native"], "lang": tag})
        entity = {
            "id": f"per:m-{p['i']:07d}",
            "kind": "person",
            "canonical": canonical,
            "names": names,
        }
        if args.weight:
            entity["weight"] = int(1000 * rng.random() ** 4) + 1
        entities.append(entity)

    kept = entities
    if args.unique:
        kept = keep_first_bearers(args.bin, entities)

    args.out.mkdir(parents=True, exist_ok=True)
    suffix = "-unique" if args.unique else ""
    table = args.out / f"table{suffix}.jsonl"
    with open(table, "w", encoding="utf-8") as f:
        for e in kept:
            f.write(json.dumps(e, ensure_ascii=False) + "\n")
    queries = make_queries(args, rng, kept, lists, people)
    (args.out / f"queries{suffix}.txt").write_text("".join(q + "\n" for q in queries),
                                                   encoding="utf-8")
    report(table, kept, entities)


def keep_first_bearers(binary, entities):
    """The entities none of whose listed names (canonical included) shares a key or a spelling
    with a name of an earlier entity: a table that a canonym refusing namesakes loads."""
    texts = [e["canonical"] for e in entities] + [n["name"] for e in entities for n in e["names"]]
    distinct = list(dict.fromkeys(texts))
    keys = dict(zip(distinct, run_canonym(binary, ["key"], distinct)))
    taken = set()
    kept = []
    for e in entities:
        # Beside the key, the spelling without diacritics: canonym's light fold reads ś and š
        # alike where the key does not.
        texts = [e["canonical"]] + [n["name"] for n in e["names"]]
        mine = {keys[t] for t in texts} | {"fold:" + ascii_fold(t).lower() for t in texts}
        if mine & taken:
            continue
        taken |= mine
        kept.append(e)
    return kept


def genitive_ru(name, gender):
    """A rough Russian genitive of `Given Surname` (enough to exercise case forms)."""
    out = []
    for w in name.split(" "):
        if gender == "m":
            if w.endswith("й"):
                w = w[:-1] + "я"
            elif w.endswith("ь"):
                w = w[:-1] + "я"
            elif w.endswith("а"):
                w = w[:-1] + "ы"
            elif w[-1] in "бвгдзклмнпрстфхцчшщ":
                w += "а"
        else:
            if w.endswith(("ова", "ева", "ина", "ская")):
                w = w[:-1] + "ой"
            elif w.endswith("ия"):
                w = w[:-1] + "и"
            elif w.endswith("а"):
                w = w[:-1] + ("и" if w[-2:-1] in "гкхжшчщ" else "ы")
            elif w.endswith("я"):
                w = w[:-1] + "и"
        out.append(w)
    return " ".join(out)


def make_queries(args, rng, kept, lists, people):
    """Names from the table in other spellings and forms, and names not in it."""
    queries = []
    n = args.queries
    in_table = set()
    for e in kept:
        in_table.add(e["canonical"].lower())
        for name in e["names"]:
            in_table.add(name["name"].lower())
    sample = rng.sample(kept, min(len(kept), n * 6 // 10))
    origins = {p["i"]: p for p in people}
    extra = Batch(args.bin)
    pending = []
    for e in sample:
        p = origins[int(e["id"].split("-")[1])]
        how = rng.randrange(6)
        names = [e["canonical"]] + [x["name"] for x in e["names"]]
        if how == 0:
            queries.append(rng.choice(names))
        elif how == 1:
            queries.append(rng.choice(names).upper())
        elif how == 2:
            words = rng.choice(names).split(" ")
            queries.append(" ".join([words[-1]] + words[:-1]))
        elif how == 3 and p["origin"] == "ru":
            queries.append(genitive_ru(p["cyr"], p["gender"]))
        elif how == 4 and "cyr" in p:
            scheme = {"ru": "ru-telegram", "uk": "uk-ala-lc", "be": "be-national-ascii"}[p["origin"]]
            pending.append(extra.add(["translit", "--scheme", scheme], p["cyr"]))
        else:
            queries.append(ascii_fold(rng.choice(names)).lower())
    extra.run()
    queries.extend(extra.get(t) for t in pending)
    # Names that are not in the table: a given name and a surname of one origin that no
    # person has together, and real place names of names.txt.
    places = []
    if NAMES_TXT.exists():
        places = [w for w in NAMES_TXT.read_text(encoding="utf-8").split("\n") if w]
    while len(queries) < n:
        if places and rng.random() < 0.3:
            q = rng.choice(places)
        else:
            origin = rng.choice(["ru", "uk", "pl", "de", "en"])
            ls = lists[origin]
            pick = lambda v: rng.choice(list(v))
            q = f"{pick(ls['given_m'])} {pick(ls['sur_m'])}"
        if q.lower() not in in_table:
            queries.append(q)
    rng.shuffle(queries)
    return queries[:n]


def report(table, kept, entities):
    names = sum(1 + len(e["names"]) for e in kept)
    full = {}
    for e in entities:
        full[e["canonical"]] = full.get(e["canonical"], 0) + 1
    shared = sum(c for c in full.values() if c > 1)
    top = sorted(full.items(), key=lambda kv: -kv[1])[:3]
    print(
        f"{table}: {len(kept):,} persons, {names:,} names (canonical included); of all "
        f"{len(entities):,} generated, {len(full):,} distinct canonical names, {shared:,} "
        f"persons share theirs with another; most shared: "
        + ", ".join(f"{k} ×{v}" for k, v in top),
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
