#!/usr/bin/env python3
"""Recall of canonym's Ukrainian case forms, checked against an independent dictionary.

Usage (a virtualenv is enough; nothing is written to the repository):

    python3 -m venv /tmp/uk && /tmp/uk/bin/pip install pymorphy3 pymorphy3-dicts-uk
    /tmp/uk/bin/python tables/tools/check_uk_declension.py target/release/canonym [--per-class N]

The dictionary (pymorphy3-dicts-uk, from the LanguageTool/VESUM Ukrainian dictionary; licences:
pymorphy3 MIT, the dictionary data CC BY-NC-SA 4.0 — used here only to measure, nothing of it is
copied into the tables) tags surnames (`Surn`) and given names (`Name`) with their gender and
gives each its seven case forms. The script takes a fixed sample of each (surname/given name ×
gender: every k-th entry in dictionary order, k chosen for N entries), writes them as one user
table (one person per name, lang uk-Cyrl, the nominative capitalised), and looks up every case
form with `canonym lookup --no-builtin --table`. A form is recalled when it resolves to its own
name's entity. Names whose nominative does not resolve to themselves (two names sharing a key or
a fold: the table keeps the first) are left out. Prints recall by case and gender, overall and on
the forms that differ from the nominative, and the first misses of each ending.
"""
import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile

CASES = ["nomn", "gent", "datv", "accs", "ablt", "loct", "voct"]


def sample(per_class):
    import pymorphy3

    m = pymorphy3.MorphAnalyzer(lang="uk")
    d = m.dictionary
    seen = collections.defaultdict(list)
    for word, tag, normal, para_id, idx in d.iter_known_words():
        s = str(tag)
        if "nomn" not in s or ("Surn" not in s and "Name" not in s) or "Fixd" in s:
            continue
        if "plur" in s or word != normal or not word.isalpha():
            continue
        kind = "surname" if "Surn" in s else "given"
        gender = tag.gender
        if gender not in ("masc", "femn"):
            continue
        seen[(kind, gender)].append((word, para_id, idx))
    out = {}
    for cls, rows in sorted(seen.items()):
        rows = sorted(set(rows))
        step = max(1, len(rows) // per_class)
        picked = rows[::step][:per_class]
        entries = []
        for word, para_id, idx in picked:
            forms = {}
            for p in m.parse(word):
                if p.normal_form == word and ("Surn" in p.tag or "Name" in p.tag) and p.tag.gender == cls[1]:
                    for f in p.lexeme:
                        for c in CASES:
                            if c in f.tag and "plur" not in f.tag:
                                forms.setdefault(c, set()).add(f.word)
                    break
            if forms.get("nomn"):
                entries.append((word, forms))
        out[cls] = (len(rows), entries)
    return out


def cap(w):
    return "'".join(x[:1].upper() + x[1:] if i == 0 else x for i, x in enumerate(w.split("'")))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("--per-class", type=int, default=400)
    ap.add_argument("--misses", type=int, default=8)
    a = ap.parse_args()
    data = sample(a.per_class)
    # One user table cannot hold two names that share a key (a build error, as in tables/):
    # keep the first name of each key.
    noms = [(cls, e) for cls, (_, entries) in data.items() for e in entries]
    r = subprocess.run(
        [a.bin, "key", "-"],
        input="\n".join(cap(e[0]) for _, e in noms) + "\n",
        capture_output=True,
        text=True,
    )
    keys = r.stdout.splitlines()
    seen_keys = set()
    kept_entries = {cls: [] for cls in data}
    for (cls, e), k in zip(noms, keys):
        if k and k not in seen_keys:
            seen_keys.add(k)
            kept_entries[cls].append(e)
    data = {cls: (n, kept_entries[cls]) for cls, (n, _) in data.items()}
    tmp = tempfile.mkdtemp()
    table = os.path.join(tmp, "uk_names.tsv")
    ids = {}
    with open(table, "w") as f:
        f.write("# source: pymorphy3-dicts-uk sample (check_uk_declension.py)\n")
        for (kind, gender), (_, entries) in data.items():
            for i, (word, _) in enumerate(entries):
                pid = f"per:uk-{kind}-{gender}-{i}"
                ids[(kind, gender, word)] = pid
                f.write(f"{pid}\t{cap(word)}\tuk-Cyrl\tpress\t-\n")
    queries = []
    for (kind, gender), (_, entries) in data.items():
        for word, forms in entries:
            for c, ws in forms.items():
                for w in sorted(ws):
                    queries.append((kind, gender, word, c, cap(w)))
    r = subprocess.run(
        [a.bin, "lookup", "--json", "--no-builtin", "--table", table, "--on-conflict", "skip", "-"],
        input="\n".join(q[4] for q in queries) + "\n",
        capture_output=True,
        text=True,
    )
    got = [json.loads(line) for line in r.stdout.splitlines() if line.startswith("{")]
    if len(got) != len(queries):
        sys.exit(f"lookup gave {len(got)} answers for {len(queries)} names: {r.stderr[:500]}")
    by_name = {}
    for q, g in zip(queries, got):
        by_name.setdefault(q[:3], []).append((q, g))
    hits = collections.Counter()
    total = collections.Counter()
    misses = collections.defaultdict(list)
    kept = collections.Counter()
    for key, rows in by_name.items():
        kind, gender, word = key
        own = ids[key]
        nom_ok = any(q[3] == "nomn" and g.get("id") == own for q, g in rows)
        if not nom_ok:
            continue
        kept[(kind, gender)] += 1
        for q, g in rows:
            c = q[3]
            changed = q[4].lower() != word
            for k in [(kind, gender, c, "all")] + ([(kind, gender, c, "changed")] if changed else []):
                total[k] += 1
                if g.get("id") == own:
                    hits[k] += 1
                elif changed and k[3] == "changed":
                    misses[(kind, gender, c)].append(f"{cap(word)}→{q[4]}")
    print(f"# canonym: {a.bin}; dictionary: pymorphy3-dicts-uk; sample ≤ {a.per_class} per class")
    for (kind, gender), (n, entries) in data.items():
        print(f"# {kind} {gender}: {n} in the dictionary, {len(entries)} sampled, {kept[(kind, gender)]} kept")
    print("class\tgender\tcase\trecall_all\trecall_changed_forms")
    for (kind, gender) in data:
        for c in CASES:
            ta, tc = total[(kind, gender, c, "all")], total[(kind, gender, c, "changed")]
            ha, hc = hits[(kind, gender, c, "all")], hits[(kind, gender, c, "changed")]
            fa = f"{ha / ta:.3f} ({ha}/{ta})" if ta else "-"
            fc = f"{hc / tc:.3f} ({hc}/{tc})" if tc else "-"
            print(f"{kind}\t{gender}\t{c}\t{fa}\t{fc}")
    ta = sum(v for k, v in total.items() if k[3] == "changed")
    ha = sum(v for k, v in hits.items() if k[3] == "changed")
    print(f"overall (forms that differ from the nominative): {ha / max(ta, 1):.3f} ({ha}/{ta})")
    for k, v in sorted(misses.items()):
        print("misses", *k, ", ".join(v[: a.misses]), sep="\t")


if __name__ == "__main__":
    main()
