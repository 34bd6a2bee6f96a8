#!/usr/bin/env python3
"""Score canonym and OpenSanctions' logic-v2 matcher on labelled name pairs (issue 20's target).

    python3 benches/pairs/run.py BIN [--data FILE ...] [--mode pair|bulk] [--no-logic-v2]
                                     [--out DIR] [--top N] [--min-score S]

Pairs are the TSV files of benches/pairs/data/ (columns a, b, kind, label, family, source).

canonym is asked the question screening asks: with b as the one entity of a user table
(JSON Lines, `--no-builtin`), does `canonym lookup --json` resolve a to it? In `pair` mode
(default) each pair gets a table of its own, so no other pair's name can take the answer; in
`bulk` mode every distinct b is one entity of one table and all a's are looked up in one process,
as a screening run would (the pair counts as matched when b's entity is the id or among the
candidates). `explain` mode asks `canonym explain a b` per pair (exit 0: the verifier aligns
the two spellings letter by letter; no word order, patronymic or table logic). Bulk recall is
lower by construction: the pair set holds one person under several
spellings, each its own entity here, and lookup answers with the best of them only. A resolved a scored below
`--min-score` is no match. With `--either`, a pair also counts as matched when b, looked up in a
table of a, resolves to it (lookup is directional: a listed name with a patronymic is not found
by the name without it, the reverse is).

logic-v2 (PyPI nomenklatura, `nomenklatura.matching.LogicV2`, the algorithm yente's /match
uses) compares two FollowTheMoney entities (Person or Company, name only) and the pair counts
as matched at yente's default threshold, 0.70 (yente/settings.py SCORE_THRESHOLD). It needs
`pip install nomenklatura followthemoney`; run this script with that environment's python.

Prints precision, recall and F1 of both, overall, per kind and per family, then canonym's false
matches (its bugs) and a sample of its misses. Exits 0 whatever the figures.
"""

import argparse
import collections
import concurrent.futures as cf
import glob
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
THRESHOLD = 0.70
KIND = {"person": ("person", "Person"), "company": ("organization", "Company")}


def read_pairs(paths):
    rows = []
    for p in paths:
        with open(p, encoding="utf-8") as f:
            header = None
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                cols = line.rstrip("\n").split("\t")
                if header is None:
                    header = cols
                    continue
                r = dict(zip(header, cols))
                r["file"] = os.path.basename(p)
                rows.append(r)
    return rows


def table_row(i, r):
    return {"id": f"p{i}", "kind": KIND[r["kind"]][0], "canonical": r["b"], "names": [r["b"]]}


def canonym_pair(bin_, rows, tmp, min_score, jobs, swap=False):
    def one(i):
        r = rows[i]
        if swap:
            r = dict(r, a=r["b"], b=r["a"])
        path = os.path.join(tmp, f"t{i}.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            f.write(json.dumps(table_row(i, r), ensure_ascii=False) + "\n")
        out = subprocess.run([bin_, "lookup", "--no-builtin", "--table", path, "--json",
                              "--min-score", str(min_score), "--", r["a"]],
                             capture_output=True, text=True)
        os.unlink(path)
        if out.returncode == 2:
            return i, None, out.stderr.strip()
        j = json.loads(out.stdout.splitlines()[0])
        hit = j.get("id") == f"p{i}" or any(
            c.get("id") == f"p{i}" for c in j.get("candidates") or [])
        return i, hit, j.get("why") or ""

    res = {}
    with cf.ThreadPoolExecutor(jobs) as ex:
        for i, hit, why in ex.map(one, range(len(rows))):
            res[i] = (hit, why)
    return res


def canonym_explain(bin_, rows, jobs):
    def one(i):
        r = rows[i]
        out = subprocess.run([bin_, "explain", "--", r["a"], r["b"]], capture_output=True,
                             text=True)
        if out.returncode == 2:
            return i, None, out.stderr.strip()
        head = out.stdout.splitlines()[1] if out.stdout.count("\n") > 1 else ""
        return i, out.returncode == 0, head

    with cf.ThreadPoolExecutor(jobs) as ex:
        return {i: (hit, why) for i, hit, why in ex.map(one, range(len(rows)))}


def canonym_bulk(bin_, rows, tmp, min_score):
    # one entity per distinct b: a list holds a name once
    ent = {}
    for r in rows:
        ent.setdefault((r["kind"], r["b"]), f"e{len(ent)}")
    path = os.path.join(tmp, "table.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        for (kind, b), eid in ent.items():
            row = {"id": eid, "kind": KIND[kind][0], "canonical": b, "names": [b]}
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    inp = "".join(r["a"] + "\n" for r in rows)
    out = subprocess.run([bin_, "lookup", "--no-builtin", "--table", path, "--json",
                          "--min-score", str(min_score)],
                         input=inp, capture_output=True, text=True)
    res = {}
    for i, line in enumerate(out.stdout.splitlines()):
        j = json.loads(line)
        ids = {j.get("id")} | {c.get("id") for c in j.get("candidates") or []}
        res[i] = (ent[(rows[i]["kind"], rows[i]["b"])] in ids, j.get("why") or "")
    return res


def logic_v2(rows):
    from followthemoney import model
    from nomenklatura.matching import LogicV2

    cfg = LogicV2.default_config()
    res = {}
    for i, r in enumerate(rows):
        schema = KIND[r["kind"]][1]
        ents = []
        # distinct IDs per pair: name processing is cached by entity ID
        for side in ("a", "b"):
            e = model.make_entity(schema)
            e.id = f"{side}{i}"
            e.add("name", r[side])
            ents.append(e)
        s = LogicV2.compare(ents[0], ents[1], cfg).score
        res[i] = (s >= THRESHOLD, f"{s:.3f}")
    return res


def prf(rows, pred, sel):
    tp = fp = fn = tn = 0
    for i in sel:
        gold = rows[i]["label"] == "match"
        p = bool(pred[i][0])
        tp += gold and p
        fp += (not gold) and p
        fn += gold and not p
        tn += (not gold) and not p
    prec = tp / (tp + fp) if tp + fp else float("nan")
    rec = tp / (tp + fn) if tp + fn else float("nan")
    f1 = 2 * prec * rec / (prec + rec) if tp else 0.0
    return tp, fp, fn, tn, prec, rec, f1


def fmt(x):
    return "  -  " if x != x else f"{x:.3f}"


def report(rows, systems, groups, title):
    names = list(systems)
    print(f"\n## {title}\n")
    head = "| group | pairs (+/-) |" + "".join(f" {n} P | {n} R | {n} F1 | {n} FP |" for n in names)
    print(head)
    print("|" + " --- |" * (2 + 4 * len(names)))
    for g, sel in groups:
        pos = sum(rows[i]["label"] == "match" for i in sel)
        line = f"| {g} | {len(sel)} ({pos}/{len(sel) - pos}) |"
        for n in names:
            tp, fp, fn, tn, p, r, f1 = prf(rows, systems[n], sel)
            line += f" {fmt(p)} | {fmt(r)} | {fmt(f1)} | {fp} |"
        print(line)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("bin")
    ap.add_argument("--data", nargs="*", default=None)
    ap.add_argument("--mode", choices=["pair", "bulk", "explain"], default="pair")
    ap.add_argument("--min-score", type=float, default=0.0)
    ap.add_argument("--no-logic-v2", action="store_true")
    ap.add_argument("--either", action="store_true",
                    help="pair mode: a pair matches when either side, looked up, resolves to "
                         "the other (b listed and a asked, or the reverse)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--out", default=None)
    args = ap.parse_args()
    paths = args.data or sorted(glob.glob(os.path.join(HERE, "data", "*.tsv")))
    rows = read_pairs(paths)
    tmp = tempfile.mkdtemp(prefix="pairs.")
    systems = {}
    if args.mode == "pair":
        systems["canonym"] = canonym_pair(args.bin, rows, tmp, args.min_score, args.jobs)
        if args.either:
            back = canonym_pair(args.bin, rows, tmp, args.min_score, args.jobs, swap=True)
            systems["canonym"] = {i: (h or back[i][0], w or (back[i][1] and "b->a " + back[i][1]))
                                  for i, (h, w) in systems["canonym"].items()}
    elif args.mode == "explain":
        systems["canonym"] = canonym_explain(args.bin, rows, args.jobs)
    else:
        systems["canonym"] = canonym_bulk(args.bin, rows, tmp, args.min_score)
    if not args.no_logic_v2:
        systems["logic-v2"] = logic_v2(rows)
    print(f"# {len(rows)} pairs from {', '.join(os.path.basename(p) for p in paths)}; "
          f"canonym mode {args.mode}{' --either' if args.either else ''}, "
          f"--min-score {args.min_score}; "
          f"logic-v2 threshold {THRESHOLD}")
    allsel = list(range(len(rows)))
    report(rows, systems, [("all", allsel)] + [
        (f"file {f}", [i for i in allsel if rows[i]["file"] == f])
        for f in sorted({r["file"] for r in rows})], "Overall")
    report(rows, systems, [(k, [i for i in allsel if rows[i]["kind"] == k])
                           for k in sorted({r["kind"] for r in rows})], "Per kind")
    fams = collections.defaultdict(list)
    for i in allsel:
        fam = rows[i]["family"]
        fams[fam.split(":")[0] if fam.startswith("company-translit") else fam].append(i)
    report(rows, systems, sorted(fams.items(), key=lambda kv: (
        rows[kv[1][0]]["label"], kv[0])), "Per family")
    errs = {"false": [], "missed": []}
    for i in allsel:
        gold = rows[i]["label"] == "match"
        hit, why = systems["canonym"][i]
        if hit is None:
            print(f"error on pair {i}: {why}", file=sys.stderr)
        elif hit and not gold:
            errs["false"].append(i)
        elif gold and not hit:
            errs["missed"].append(i)
    lv2 = systems.get("logic-v2")
    for kind, top in (("false", None), ("missed", args.top)):
        sel = errs[kind]
        print(f"\n## canonym {kind} matches: {len(sel)}\n")
        for i in sel[:top]:
            r = rows[i]
            extra = f"\tlogic-v2 {lv2[i][1]}" if lv2 else ""
            print(f"{r['family']}\t{r['a']}\t{r['b']}\t{systems['canonym'][i][1]}{extra}")
    if args.out:
        os.makedirs(args.out, exist_ok=True)
        with open(os.path.join(args.out, "pairs_scored.tsv"), "w", encoding="utf-8") as f:
            f.write("a\tb\tkind\tlabel\tfamily\t" + "\t".join(
                f"{n}\t{n}_why" for n in systems) + "\n")
            for i, r in enumerate(rows):
                f.write("\t".join([r["a"], r["b"], r["kind"], r["label"], r["family"]] + [
                    x for n in systems for x in (str(int(bool(systems[n][i][0]))),
                                                 systems[n][i][1])]) + "\n")


if __name__ == "__main__":
    main()
