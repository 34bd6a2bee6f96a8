#!/usr/bin/env python3
"""Open-world precision on running text: false mentions in the shared documentation corpora.

    python3 benches/open_world/corpus.py BIN CORPUS_DIR [--out DIR] [--contexts N] [--top N]

CORPUS_DIR is what ../shared/corpus/build.sh writes (en.txt, ru.txt, be.txt; en.txt holds
the five seed articles of seeds/). Each of en/ru/be is annotated with
`BIN annotate --format jsonl`; every mention is then judged:

* inside a seed article (located in en.txt by its text): true when the gold of
  tests/data/seeds.gold.jsonl has the same span and ID, false otherwise;
* anywhere else (documentation, man pages, catalogues, fortunes): by the verdict that
  tests/data/open_world/corpus_labels.tsv gives its (surface, entity) pair; a row with a
  fifth column (a regular expression) applies only where it matches the mention's window,
  written `before [[mention]] after` (60 bytes either side, whitespace collapsed), and such
  rows are tried before the pair's plain row. A pair with no row is *unlabelled*: it is listed so that whoever adds it reviews it (read its contexts
  with --contexts, then add a row).

Prints the figures (total, false, true, unlabelled mentions; seed gold found) as
`key<TAB>value` lines after a `## figures` header, then the most frequent false pairs and
every unlabelled pair. With --out DIR it also keeps the raw JSONL and a per-pair table.
Exit status 0 unless the binary failed (figures are reported, not judged).
"""
import argparse, collections, json, os, re, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LABELS = os.path.join(ROOT, "tests/data/open_world/corpus_labels.tsv")
GOLD = os.path.join(ROOT, "tests/data/seeds.gold.jsonl")
SEEDS = os.path.join(ROOT, "seeds")


def read_labels(path):
    """-> {(surface, entity): [(context regex or None, verdict)]}, rows with a context first."""
    labels = {}
    for ln, line in enumerate(open(path, encoding="utf-8"), 1):
        if not line.strip() or line.startswith("#"):
            continue
        f = line.rstrip("\n").split("\t")
        if len(f) < 3 or f[2] not in ("true", "false"):
            sys.exit(f"{path}:{ln}: want surface<TAB>entity<TAB>true|false<TAB>note[<TAB>context regex]")
        ctx = re.compile(f[4]) if len(f) > 4 and f[4] else None
        rules = labels.setdefault((f[0], f[1]), [])
        if any((c is None) == (ctx is None) and (c is None or c.pattern == ctx.pattern) for c, _ in rules):
            sys.exit(f"{path}:{ln}: pair labelled twice: {f[0]} {f[1]}")
        rules.append((ctx, f[2] == "true"))
        rules.sort(key=lambda r: r[0] is None)
    return labels


def verdict(rules, window):
    """The verdict of the first rule whose context matches the window (the mention written
    [[so]] with 60 bytes either side), else of the rule without a context; None if none."""
    for ctx, v in rules or []:
        if ctx is None or ctx.search(window):
            return v
    return None


def seed_spans(en_bytes):
    """Locate each seed article in en.txt as build.py wrote it (one chunk: its paragraphs
    joined by a blank line) and map the gold's byte offsets into en.txt.
    Returns (regions [(start, end)], gold {(start, end, id)})."""
    gold_by_file = collections.defaultdict(list)
    for line in open(GOLD, encoding="utf-8"):
        o = json.loads(line)
        gold_by_file[o["file"]].append(o)
    regions, gold, used = [], set(), set()
    for name in sorted(os.listdir(SEEDS)):
        raw = open(os.path.join(SEEDS, name), "rb").read()
        text = raw.decode("utf-8")
        # paragraphs with their byte offsets in the seed file
        paras, pos = [], 0
        for m in re.finditer(r"\n\s*\n", text + "\n\n"):
            seg = text[pos:m.start()]
            lead = len(seg) - len(seg.lstrip("\n"))
            p = seg.strip("\n")
            if p.strip():
                paras.append((len(text[:pos + lead].encode()), p.encode()))
            pos = m.end()
        chunk = b"\n\n".join(p for _, p in paras)
        at = [m.start() for m in re.finditer(re.escape(chunk), en_bytes)]
        at = [a for a in at if a not in used]
        if not at:
            print(f"warning: seed {name} not found in en.txt", file=sys.stderr)
            continue
        base = at[0]
        used.add(base)
        regions.append((base, base + len(chunk)))
        # seed-file offset -> en.txt offset, paragraph by paragraph
        cpos = base
        pmap = []
        for off, p in paras:
            pmap.append((off, off + len(p), cpos))
            cpos += len(p) + 2
        for o in gold_by_file.get(name, []):
            for a, b, c in pmap:
                if a <= o["start"] and o["end"] <= b:
                    gold.add((c + o["start"] - a, c + o["end"] - a, o["id"]))
                    break
            else:
                print(f"warning: gold span {o} not inside one paragraph", file=sys.stderr)
    return regions, gold


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("corpus_dir")
    ap.add_argument("--out")
    ap.add_argument("--labels", default=LABELS)
    ap.add_argument("--contexts", type=int, default=0, help="print N contexts of each pair")
    ap.add_argument("--top", type=int, default=30)
    a = ap.parse_args()
    labels = read_labels(a.labels)
    out = a.out or tempfile.mkdtemp(prefix="open_world_corpus.")
    os.makedirs(out, exist_ok=True)

    mentions = []  # (corpus, dict)
    texts = {}
    for lang in ("en", "ru", "be"):
        path = os.path.join(a.corpus_dir, lang + ".txt")
        if not os.path.exists(path):
            print(f"warning: {path} missing, skipped", file=sys.stderr)
            continue
        jl = os.path.join(out, lang + ".jsonl")
        with open(jl, "wb") as f:
            r = subprocess.run([a.bin, "annotate", "--format", "jsonl", path], stdout=f)
        if r.returncode not in (0, 1):
            sys.exit(f"{a.bin} annotate {path} exited {r.returncode}")
        texts[lang] = open(path, "rb").read()
        for line in open(jl, encoding="utf-8"):
            m = json.loads(line)
            # A name several entities could be is reported with candidates and no ID: no link.
            if m.get("id") is not None:
                mentions.append((lang, m))

    regions, gold = seed_spans(texts["en"]) if "en" in texts else ([], set())

    def in_seed(lang, m):
        return lang == "en" and any(s <= m["start"] < e for s, e in regions)

    pairs = collections.Counter()
    pair_v = collections.defaultdict(collections.Counter)
    kinds = {}
    verdict_n = collections.Counter()
    false_pairs = collections.Counter()
    unl_pairs = collections.Counter()
    per_lang = collections.Counter()
    seed_found, seed_extra = set(), []
    ctx = collections.defaultdict(list)
    for lang, m in mentions:
        per_lang[lang] += 1
        key = (m["text"], m["id"])
        kinds.setdefault(key, set()).add(m["match"])
        if in_seed(lang, m):
            span = (m["start"], m["end"], m["id"])
            if span in gold:
                seed_found.add(span)
                verdict_n["seed_true"] += 1
            else:
                seed_extra.append(m)
                verdict_n["seed_false"] += 1
                false_pairs[key + ("seed",)] += 1
            continue
        pairs[key] += 1
        t = texts[lang]
        st, en_ = m["start"], m["end"]
        window = " ".join((t[max(0, st - 60):st].decode("utf-8", "replace") + "[[" +
                           t[st:en_].decode("utf-8", "replace") + "]]" +
                           t[en_:en_ + 60].decode("utf-8", "replace")).split())
        v = verdict(labels.get(key), window)
        pair_v[key][{None: "unlabelled", True: "true", False: "false"}[v]] += 1
        if v is None:
            verdict_n["unlabelled"] += 1
            unl_pairs[key] += 1
        elif v:
            verdict_n["true"] += 1
        else:
            verdict_n["false"] += 1
            false_pairs[key + (lang,)] += 1
        if a.contexts and len(ctx[key]) < a.contexts:
            t = texts[lang]
            s, e = m["start"], m["end"]
            c = t[max(0, s - 70):s].decode("utf-8", "replace") + "[[" + \
                t[s:e].decode("utf-8", "replace") + "]]" + t[e:e + 70].decode("utf-8", "replace")
            ctx[key].append(f"{lang}@{s}: " + " ".join(c.split()))

    total = len(mentions)
    false_total = verdict_n["false"] + verdict_n["seed_false"]
    print("## figures")
    print(f"corpus_mentions\t{total}\t(en {per_lang['en']}, ru {per_lang['ru']}, be {per_lang['be']})")
    print(f"corpus_false_mentions\t{false_total}\t(target <= 50; {verdict_n['seed_false']} of them inside the seed articles)")
    print(f"corpus_true_mentions\t{verdict_n['true'] + verdict_n['seed_true']}")
    print(f"corpus_unlabelled_mentions\t{verdict_n['unlabelled']}\t({len(unl_pairs)} pairs: label them in {os.path.relpath(a.labels, ROOT)})")
    print(f"corpus_distinct_pairs\t{len(pairs)}\t(surface, entity) outside the seed articles")
    print(f"seed_gold_found\t{len(seed_found)}/{len(gold)}\t(target: all)")
    missed = sorted(gold - seed_found)
    print(f"\n## top {a.top} false mentions (count, surface -> wrong entity, match, corpus)")
    agg = collections.Counter()
    where = collections.defaultdict(set)
    for (s, i, lang), n in false_pairs.items():
        agg[(s, i)] += n
        where[(s, i)].add(lang)
    for (s, i), n in agg.most_common(a.top):
        print(f"{n}\t{s} -> {i}\t{'/'.join(sorted(kinds[(s, i)]))}\t{','.join(sorted(where[(s, i)]))}")
    if missed:
        print(f"\n## seed gold mentions not found ({len(missed)})")
        en = texts["en"]
        for s, e, i in missed:
            print(f"{s}\t{en[s:e].decode()}\t{i}")
    if seed_extra:
        print(f"\n## mentions inside the seed articles that the gold does not have ({len(seed_extra)})")
        for m in seed_extra:
            print(f"{m['start']}\t{m['text']}\t{m['id']}\t{m['match']}")
    if unl_pairs:
        print(f"\n## unlabelled pairs ({len(unl_pairs)}): add a verdict to corpus_labels.tsv")
        for (s, i), n in unl_pairs.most_common():
            print(f"{n}\t{s}\t{i}\t{'/'.join(sorted(kinds[(s, i)]))}")
    with open(os.path.join(out, "pairs.tsv"), "w", encoding="utf-8") as f:
        f.write("count\tsurface\tentity\tmatch\ttrue\tfalse\tunlabelled\n")
        for (s, i), n in pairs.most_common():
            c = pair_v[(s, i)]
            f.write(f"{n}\t{s}\t{i}\t{'/'.join(sorted(kinds[(s, i)]))}\t{c['true']}\t{c['false']}\t{c['unlabelled']}\n")
    if a.contexts:
        print("\n## contexts")
        for (s, i), n in pairs.most_common():
            print(f"### {s}\t{i}\t{n}\t{[(c.pattern if c else None, v) for c, v in labels.get((s, i), [])]}")
            for c in ctx[(s, i)]:
                print("   " + c)


if __name__ == "__main__":
    main()
