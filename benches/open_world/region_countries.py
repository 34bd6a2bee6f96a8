#!/usr/bin/env python3
"""The region's country names in the ten core locales: how many resolve to the right country.

    python3 benches/open_world/region_countries.py BIN [NODE_MODULES] [--write]

Issue 24's target: of the names CLDR gives Belarus, Russia, Ukraine, Poland, Lithuania, Latvia
and Germany in the locales en be ru uk pl de fr lt lv cs (the `-alt-short` and `-alt-variant`
forms included), at least 95% resolve to the country and none to another entity.

With NODE_MODULES (a directory where `npm install cldr-localenames-full@48.2.0` ran) the names
are read from the CLDR package; without it, from the vendored copy
tests/data/open_world/region_countries.tsv, which `--write` (re)writes from the package. Every
name is resolved with `BIN lookup --json`. Prints the figures, then every name that resolves
to another entity or to none.
"""
import argparse
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SAMPLE = os.path.join(ROOT, "tests/data/open_world/region_countries.tsv")
LOCALES = ["en", "be", "ru", "uk", "pl", "de", "fr", "lt", "lv", "cs"]
COUNTRIES = {"BY": "loc:belarus", "RU": "loc:russia", "UA": "loc:ukraine", "PL": "loc:poland",
             "LT": "loc:lithuania", "LV": "loc:latvia", "DE": "loc:germany"}


def from_cldr(node_modules):
    """[(name, code, locales)] of the seven countries in the ten locales, sorted."""
    base = os.path.join(node_modules, "cldr-localenames-full")
    version = json.load(open(os.path.join(base, "package.json")))["version"]
    seen = {}
    for loc in LOCALES:
        path = os.path.join(base, "main", loc, "territories.json")
        t = json.load(open(path, encoding="utf-8"))["main"][loc]["localeDisplayNames"]["territories"]
        for k, name in t.items():
            code = k.split("-alt-")[0]
            if code in COUNTRIES:
                seen.setdefault((" ".join(name.split()), code), []).append(loc)
    return version, sorted((n, c, ",".join(locs)) for (n, c), locs in seen.items())


def from_sample():
    out = []
    for line in open(SAMPLE, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        name, code, locs = line.rstrip("\n").split("\t")[:3]
        out.append((name, code, locs))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("node_modules", nargs="?")
    ap.add_argument("--write", action="store_true", help="rewrite the vendored copy from the package")
    a = ap.parse_args()
    if a.node_modules:
        version, names = from_cldr(a.node_modules)
    else:
        version, names = None, from_sample()
    if a.write:
        if not version:
            sys.exit("--write needs NODE_MODULES")
        with open(SAMPLE, "w", encoding="utf-8") as f:
            f.write(f"""# The names of Belarus, Russia, Ukraine, Poland, Lithuania, Latvia and Germany in the ten core locales
# (en be ru uk pl de fr lt lv cs), -alt-short and -alt-variant forms included: {len(names)} distinct (name, code).
# Source: Unicode CLDR, as shipped by the npm package cldr-localenames-full {version} (main/*/territories.json).
# Licence: Unicode License v3 (Unicode-3.0), Copyright (c) Unicode, Inc.
# Written by benches/open_world/region_countries.py BIN NODE_MODULES --write; read by tests/open_world.rs.
# Columns: name<TAB>ISO code<TAB>locales that have it
""")
            for r in names:
                f.write("\t".join(r) + "\n")
    r = subprocess.run([a.bin, "lookup", "--json"], input="\n".join(n for n, _, _ in names) + "\n",
                       capture_output=True, text=True)
    if r.returncode not in (0, 1):
        sys.exit(f"{a.bin} lookup exited {r.returncode}: {r.stderr[:500]}")
    res = [json.loads(l) for l in r.stdout.splitlines() if l.strip()]
    right, wrong, none = [], [], []
    for (name, code, locs), j in zip(names, res):
        want = COUNTRIES[code]
        (right if j["id"] == want else none if j["id"] is None else wrong).append((name, code, locs, j["id"]))
    n = len(names)
    src = f"cldr-localenames-full {version}" if version else SAMPLE
    print(f"region_country_names\t{n}\t(distinct (name, code) of 7 countries in 10 locales; {src})")
    print(f"region_country_names_right\t{len(right)}\t({100 * len(right) / n:.1f}%; target >= 95%)")
    print(f"region_country_names_to_another_entity\t{len(wrong)}\t(target: 0)")
    print(f"region_country_names_unresolved\t{len(none)}")
    for name, code, locs, got in wrong + none:
        print(f"  {name}\t{code}\t{locs}\t-> {got}")


if __name__ == "__main__":
    main()
