#!/usr/bin/env python3
"""Open-world precision on name lists: names of other places that resolve to a built-in entity.

    python3 benches/open_world/lists.py BIN geonames|cldr [--out DIR] [--top N]

Every distinct name of the vendored list is resolved with `BIN lookup --json` (over standard
input, one name a line). A name that gets an ID is judged against
tests/data/open_world/entity_places.tsv, which says what each built-in place is in GeoNames
(a geonameid) or in CLDR (an ISO 3166-1 or region code):

* geonames (tests/data/open_world/geonames_cities.tsv): right when the entity is one of the
  cities that carry that name; also right (counted apart) when it is a country entity and the
  name is a CLDR name of that same country (a city named like its country); any other
  entity -- another city, a country, a person, an organization -- is a *false link*.
* cldr (tests/data/open_world/cldr_countries.tsv): right when the entity is mapped to one of
  the codes the name has; any other entity is a false link.

A false link is a *namesake* when lookup found the name among the wrong entity's listed names
(match `alias`: the same letters up to case, marks and apostrophes -- `Marino` is Mar'ino, a
district of Moscow, and a town in Italy; `Puola` is Finnish for Poland and a name GeoNames
gives Pula): no rule of canonym's made it, and the built-in tables cannot know the other
place. Loaded beside the list (`--table`), such a name gives both as candidates and no ID.
`<list>_false_by_rule` counts the others: those a key, a case form or a transliteration made.

Counts are of distinct name strings. Prints `key<TAB>value` figures after `## figures`, the
false links grouped by wrong entity, and the most frequent false links (with the place the
name is of and how it matched). With --out DIR writes every false link to DIR/<list>_false.tsv.
"""
import argparse, collections, json, os, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "tests/data/open_world")


def rows(path):
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        yield line.rstrip("\n").split("\t")


def entity_places():
    m = {}
    for f in rows(os.path.join(DATA, "entity_places.tsv")):
        m[f[0]] = set() if f[1] == "-" else set(f[1].split(","))
    return m


def lookup(bin_, names, table=None):
    """names -> list of JSON results, in order (one lookup process, names over stdin)."""
    extra = ["--table", table] if table else []
    r = subprocess.run([bin_, "lookup", "--json", *extra], input="\n".join(names) + "\n",
                       capture_output=True, text=True)
    if r.returncode not in (0, 1):
        sys.exit(f"{bin_} lookup exited {r.returncode}: {r.stderr[:500]}")
    out = [json.loads(l) for l in r.stdout.splitlines() if l.strip()]
    if len(out) != len(names):
        sys.exit(f"lookup gave {len(out)} answers for {len(names)} names")
    return out


def with_the_list(bin_, names, tsv):
    """How many of `names` (namesakes of built-in entities) give no built-in entity's ID once
    the cities of `tsv` are loaded beside the built-in tables as a user's table: their answer
    is then candidates and no ID, or the city itself."""
    cities = collections.defaultdict(list)
    for n, gid, cc in rows(tsv):
        cities[gid].append(n)
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as f:
        for gid, ns in cities.items():
            f.write(json.dumps({"id": f"geonames:{gid}", "kind": "place", "canonical": ns[0],
                                "names": ns}, ensure_ascii=False) + "\n")
    try:
        res = lookup(bin_, names, table=f.name)
    finally:
        os.unlink(f.name)
    return sum(1 for r in res if not (r["id"] or "").startswith(("loc:", "per:", "org:")))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("list", choices=["geonames", "cldr"])
    ap.add_argument("--out")
    ap.add_argument("--top", type=int, default=30)
    a = ap.parse_args()
    places = entity_places()
    # CLDR names by code, to accept a city named like its country
    cldr_codes = collections.defaultdict(set)
    for n, code, _ in rows(os.path.join(DATA, "cldr_countries.tsv")):
        cldr_codes[n].add(code)

    truth = collections.defaultdict(set)   # name -> codes (geonameids or CLDR codes)
    country_of = collections.defaultdict(set)  # name -> ISO country codes of its cities
    what = {}                              # code -> a readable label
    if a.list == "geonames":
        for n, gid, cc in rows(os.path.join(DATA, "geonames_cities.tsv")):
            truth[n].add(gid)
            country_of[n].add(cc)
        # the city's main name, for readable output: the first Latin row of each geonameid
        for n, gid, cc in rows(os.path.join(DATA, "geonames_cities.tsv")):
            what.setdefault(gid, f"{n} ({cc}, geonameid {gid})")
    else:
        for n, code, loc in rows(os.path.join(DATA, "cldr_countries.tsv")):
            truth[n].add(code)
            if loc == "en" or code not in what:
                what[code] = f"{code} ({n})"
    names = sorted(truth)
    res = lookup(a.bin, names)

    n_id = n_right = n_country = 0
    false = []  # (name, wrong entity, match, truth)
    for name, r in zip(names, res):
        e = r["id"]
        if e is None:
            continue
        n_id += 1
        codes = places.get(e, set())
        if codes & truth[name]:
            n_right += 1
        elif a.list == "geonames" and codes & country_of[name] and codes & cldr_codes.get(name, set()):
            n_country += 1
        else:
            false.append((name, e, r.get("match"), truth[name]))

    tag = a.list
    print("## figures")
    print(f"{tag}_names\t{len(names)}\t(distinct names looked up)")
    print(f"{tag}_resolved\t{n_id}\t(names that got an ID)")
    print(f"{tag}_right\t{n_right + n_country}\t({n_country} of them a city named like its country)" if tag == "geonames"
          else f"{tag}_right\t{n_right}")
    target = "at most 5" if tag == "geonames" else "none"
    namesakes = [f for f in false if f[2] == "alias"]
    print(f"{tag}_false_links\t{len(false)}\t({len(namesakes)} of them namesakes: a name the entity lists)")
    print(f"{tag}_false_by_rule\t{len(false) - len(namesakes)}\t(target: {target})")
    if tag == "geonames" and namesakes:
        settled = with_the_list(a.bin, sorted({f[0] for f in namesakes}),
                                os.path.join(DATA, "geonames_cities.tsv"))
        print(f"{tag}_namesakes_settled_with_the_list\t{settled} of {len({f[0] for f in namesakes})}"
              "\t(the list loaded with --table: candidates and no ID, or the city itself)")
    by_ent = collections.Counter(e for _, e, _, _ in false)
    by_match = collections.Counter(m for _, _, m, _ in false)
    print(f"\n## {tag}: false links by wrong entity")
    for e, n in by_ent.most_common():
        print(f"{n}\t{e}")
    print(f"\n## {tag}: false links by match kind")
    for m, n in by_match.most_common():
        print(f"{n}\t{m}")

    def desc(codes):
        return "; ".join(sorted(what.get(c, c) for c in codes)[:2]) + (" ..." if len(codes) > 2 else "")

    # the most frequent false links: a few per wrong entity, round robin, so every family shows
    per = collections.defaultdict(list)
    for f in false:
        per[f[1]].append(f)
    shown, i = [], 0
    while len(shown) < a.top and any(i < len(v) for v in per.values()):
        for e, _ in by_ent.most_common():
            if i < len(per[e]) and len(shown) < a.top:
                shown.append(per[e][i])
        i += 1
    print(f"\n## {tag}: {len(shown)} false links, a few for each wrong entity (name -> wrong entity [match]: what the name is)")
    for name, e, m, t in shown:
        print(f"{name} -> {e} [{m}]: {desc(t)}")
    if a.out:
        os.makedirs(a.out, exist_ok=True)
        with open(os.path.join(a.out, f"{tag}_false.tsv"), "w", encoding="utf-8") as f:
            f.write("name\twrong_entity\tmatch\tis\tnamesake\n")
            for name, e, m, t in sorted(false, key=lambda x: (x[1], x[0])):
                namesake = "yes" if m == "alias" else "no"
                f.write(f"{name}\t{e}\t{m}\t{desc(t)}\t{namesake}\n")


if __name__ == "__main__":
    main()
