#!/usr/bin/env python3
"""Checker for tests/data/seeds.gold.jsonl and tests/data/sentences.tsv.

Usage (from the repository root):  python3 tests/data/check_gold.py

seeds.gold.jsonl: one JSON object per line {file,start,end,text,id}; start/end are UTF-8
byte offsets into seeds/<file> (end exclusive). Checks: text == bytes[start:end].decode(),
lines sorted by (file, start), no overlapping spans, every id exists in tables/entities.tsv,
spans do not start/end inside a word.
sentences.tsv: `lang<TAB>sentence` with [[surface|id]] marks; checks the markup parses and
every id exists in tables/entities.tsv.
Exit status 1 on any problem.  Does not read tables/names/ (the gold is independent of it).
"""
import json, os, re, sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ids = set()
for line in open(os.path.join(ROOT, "tables/entities.tsv"), encoding="utf-8"):
    if line.strip() and not line.startswith("#"):
        ids.add(line.split("\t")[0])
bad = 0
def err(msg):
    global bad
    bad += 1
    print(msg)

prev = None
n = 0
for ln, line in enumerate(open(os.path.join(ROOT, "tests/data/seeds.gold.jsonl"), encoding="utf-8"), 1):
    o = json.loads(line)
    n += 1
    data = open(os.path.join(ROOT, "seeds", o["file"]), "rb").read()
    got = data[o["start"]:o["end"]].decode("utf-8")
    if got != o["text"]:
        err(f"seeds.gold.jsonl:{ln}: text {o['text']!r} != file bytes {got!r}")
    if o["id"] not in ids:
        err(f"seeds.gold.jsonl:{ln}: unknown id {o['id']}")
    before = data[:o["start"]].decode("utf-8")[-1:]
    after = data[o["end"]:].decode("utf-8")[:1]
    if before.isalnum() or after.isalnum():
        err(f"seeds.gold.jsonl:{ln}: span cuts a word: {before!r}[{got}]{after!r}")
    key = (o["file"], o["start"], o["end"])
    if prev and (key[0], key[1]) < (prev[0], prev[1]):
        err(f"seeds.gold.jsonl:{ln}: out of order")
    if prev and key[0] == prev[0] and key[1] < prev[2]:
        err(f"seeds.gold.jsonl:{ln}: overlaps previous span")
    prev = key
print(f"seeds.gold.jsonl: {n} mentions")

p = os.path.join(ROOT, "tests/data/sentences.tsv")
if os.path.exists(p):
    m_total = s_total = 0
    for ln, line in enumerate(open(p, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2:
            err(f"sentences.tsv:{ln}: expected 2 TAB-separated fields")
            continue
        s_total += 1
        marks = re.findall(r"\[\[([^\[\]|]+)\|([a-z]+:[a-z0-9-]+)\]\]", parts[1])
        for _surface, mid in marks:
            if mid not in ids:
                err(f"sentences.tsv:{ln}: unknown id {mid}")
        rest = re.sub(r"\[\[([^\[\]|]+)\|([a-z]+:[a-z0-9-]+)\]\]", r"\1", parts[1])
        m_total += len(re.findall(r"\[\[", parts[1]))
        if "[[" in rest or "]]" in rest:
            err(f"sentences.tsv:{ln}: malformed [[...]] markup")
    print(f"sentences.tsv: {s_total} sentences, {m_total} marked mentions")
sys.exit(1 if bad else 0)
