#!/usr/bin/env python3
"""Open-world precision on running text: surnames that are in no table, marked as an entity.

    python3 benches/open_world/surnames.py BIN [--out DIR] [--top N]

Reads tests/data/open_world/surnames.tsv (Faker's surname and given-name lists), drops every
name that is a word of a name of an entity that BIN knows (`BIN entities --json`: those are
right to be marked), and puts each remaining name into a few plain sentences of its language:
the nominative (with a given name, and bare), and for Russian, Ukrainian and Polish some case
forms made by the ordinary declension rules below (genitive, instrumental, prepositional);
Latin-script names also in one English sentence. Each sentence is one document for
`BIN annotate --jsonl-field text`. A form is *marked* when a mention overlaps the name in it
(whatever the entity: none is right). A form spelled exactly like a listed name is left out
(no reader could tell them apart). Mentions elsewhere in a sentence (the frame words) are
counted apart, as a check on the frames: they should be none.

Two measures:
* builtin: the built-in tables only; every name of the list is "not in a table".
* table: per locale, half of its surnames (a fixed split by SHA-1 of the name) become a user
  table (`--table`, one person each; names that share a key or a fold with an earlier one are
  dropped, as when one table could not hold namesakes, so that figures stay comparable), and the other half are put in
  sentences with that table loaded. This is issue 20's "surnames not in a table are marked
  in running text as one that is" (12.8% on main 5a11505 by its own method, target <= 1%).
  Forms marked as the same surname in the other gender (Nováková as Novák, Абрамова as
  Абрамов) are counted apart as well as in the total.

Figures: the fraction of forms marked, the fraction of names with any form marked, per
locale and case, by wrong entity, and the most frequent marked forms of each locale.
"""
import argparse, collections, hashlib, json, os, re, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "tests/data/open_world")

HUSH = set("гкхжшчщ")
SIBILANT = set("жшчщц")


def ru_forms(n, g):
    """Russian surname -> {case: form}. Plain textbook rules; indeclinable endings give none."""
    lo = n.lower()
    f = {}
    if g == "f":
        if lo.endswith(("ова", "ева", "ёва", "ина", "ына")):
            s = n[:-1]
            f = {"gen": s + "ой", "ins": s + "ой", "prep": s + "ой"}
        elif lo.endswith("ая"):
            f = {"gen": n[:-2] + "ой", "ins": n[:-2] + "ой", "prep": n[:-2] + "ой"}
        elif lo.endswith("а"):
            s = n[:-1]
            f = {"gen": s + ("и" if s[-1:].lower() in HUSH else "ы"), "ins": s + "ой", "prep": s + "е"}
        elif lo.endswith("я"):
            s = n[:-1]
            f = {"gen": s + "и", "ins": s + "ей", "prep": s + "е"}
        return f
    if lo.endswith(("ов", "ев", "ёв", "ин", "ын")):
        f = {"gen": n + "а", "ins": n + "ым", "prep": n + "е"}
    elif lo.endswith(("ий", "ый", "ой")) and len(n) > 3:
        s = n[:-2]
        soft = lo.endswith("ий") and s[-1:].lower() not in HUSH
        f = {"gen": s + ("его" if soft else "ого"),
             "ins": s + ("им" if soft or s[-1:].lower() in HUSH else "ым"),
             "prep": s + ("ем" if soft else "ом")}
    elif lo.endswith(("ко", "их", "ых", "аго", "яго")) or lo[-1:] in "оеиуюэы":
        f = {}
    elif lo.endswith("ь"):
        s = n[:-1]
        f = {"gen": s + "я", "ins": s + "ем", "prep": s + "е"}
    elif lo.endswith("й"):
        s = n[:-1]
        f = {"gen": s + "я", "ins": s + "ем", "prep": s + "е"}
    elif lo.endswith("а"):
        s = n[:-1]
        f = {"gen": s + ("и" if s[-1:].lower() in HUSH else "ы"), "ins": s + "ой", "prep": s + "е"}
    elif lo.endswith("я"):
        s = n[:-1]
        f = {"gen": s + "и", "ins": s + "ей", "prep": s + "е"}
    else:  # other consonants: Шевчук, Гусейнов is above
        f = {"gen": n + "а", "ins": n + ("ем" if lo[-1:] in SIBILANT else "ом"), "prep": n + "е"}
    return f


def uk_forms(n, g):
    """Ukrainian surname -> {case: form} (genitive, instrumental)."""
    lo = n.lower()
    if g == "f":
        if lo.endswith(("ська", "цька", "зька")):
            return {"gen": n[:-1] + "ої", "ins": n[:-1] + "ою"}
        if lo.endswith(("ова", "ева", "єва", "іна", "їна", "ина")):
            return {"gen": n[:-1] + "ої", "ins": n[:-1] + "ою"}
        if lo.endswith("а"):
            return {"gen": n[:-1] + "и", "ins": n[:-1] + "ою"}
        return {}
    if lo.endswith("ко"):
        return {"gen": n[:-1] + "а", "ins": n[:-1] + "ом"}
    if lo.endswith(("ський", "цький", "зький")):
        return {"gen": n[:-2] + "ого", "ins": n[:-2] + "им"}
    if lo.endswith(("ов", "ев", "єв", "ін", "їн", "ин")):
        return {"gen": n + "а", "ins": n + "им"}
    if lo.endswith("а"):
        return {"gen": n[:-1] + "и", "ins": n[:-1] + "ою"}
    if lo.endswith(("ь", "й")):
        return {"gen": n[:-1] + "я", "ins": n[:-1] + "ем"}
    if lo[-1:] in "оеиіїуюєя":
        return {}
    return {"gen": n + "а", "ins": n + ("ем" if lo[-1:] in SIBILANT else "ом")}


def pl_forms(n, g):
    """Polish masculine surname -> {case: form} (genitive, instrumental)."""
    lo = n.lower()
    if g != "m":
        return {}
    if lo.endswith(("ski", "cki", "dzki")):
        return {"gen": n[:-1] + "iego", "ins": n + "m"}
    if lo[-1:] in "aeiouyąęó":
        return {}
    return {"gen": n + "a", "ins": n + ("iem" if lo[-1:] in "kg" else "em")}


# locale -> frames: (case, gender or None, template); {} is the name
FRAMES = {
    "ru_RU": [("nom", "m", "Иван {} сказал, что всё в порядке."),
              ("nom", "f", "Анна {} сказала, что всё в порядке."),
              ("nom", None, "Вчера {} ответил на вопросы журналистов."),
              ("gen", None, "Письмо от {} пришло утром."),
              ("ins", None, "Встреча с {} прошла спокойно."),
              ("prep", None, "Мы долго говорили о {}.")],
    "uk_UA": [("nom", "m", "Іван {} сказав, що все гаразд."),
              ("nom", "f", "Олена {} сказала, що все гаразд."),
              ("nom", None, "Учора {} відповів на запитання журналістів."),
              ("gen", None, "Лист від {} прийшов уранці."),
              ("ins", None, "Зустріч з {} пройшла спокійно.")],
    "bg_BG": [("nom", "m", "Иван {} каза, че всичко е наред."),
              ("nom", "f", "Мария {} каза, че всичко е наред.")],
    "pl_PL": [("nom", "m", "Jan {} powiedział, że wszystko jest w porządku."),
              ("nom", "f", "Anna {} powiedziała, że wszystko jest w porządku."),
              ("gen", None, "List od {} przyszedł rano."),
              ("ins", None, "Spotkanie z {} przebiegło spokojnie.")],
    "cs_CZ": [("nom", "m", "Jan {} řekl, že je vše v pořádku."),
              ("nom", "f", "Jana {} řekla, že je vše v pořádku.")],
    "sk_SK": [("nom", "m", "Ján {} povedal, že je všetko v poriadku."),
              ("nom", "f", "Jana {} povedala, že je všetko v poriadku.")],
    "lv_LV": [("nom", "m", "Jānis {} teica, ka viss ir kārtībā."),
              ("nom", "f", "Anna {} teica, ka viss ir kārtībā.")],
    "lt_LT": [("nom", None, "Vakar {} pasakė, kad viskas gerai.")],
    "de_DE": [("nom", None, "Herr {} sagte am Montag, alles sei in Ordnung.")],
    "en": [("nom", None, "{} said on Monday that the talks would go on.")],
}
GIVEN_FRAMES = {
    "ru_RU": {"m": "Вчера {} позвонил мне.", "f": "Вчера {} позвонила мне."},
    "uk_UA": {"m": "Учора {} подзвонив мені.", "f": "Учора {} подзвонила мені."},
    "pl_PL": {"m": "Wczoraj {} do mnie zadzwonił.", "f": "Wczoraj {} do mnie zadzwoniła."},
}
FORMS = {"ru_RU": ru_forms, "uk_UA": uk_forms, "pl_PL": pl_forms}


def is_cyrillic(s):
    return any("\u0400" <= ch <= "\u04ff" for ch in s)


def sentences(name, kind, gender, loc):
    """-> [(case, sentence, start byte, end byte of the name)]"""
    out = []

    def put(case, tpl, form):
        pre = tpl.split("{}")[0]
        s = tpl.format(form)
        a = len(pre.encode())
        out.append((case, form, s, a, a + len(form.encode())))

    if kind == "given":
        fr = GIVEN_FRAMES.get(loc, {})
        tpl = fr.get(gender) or fr.get("m")
        if tpl:
            put("nom", tpl, name)
        return out
    forms = {"nom": name, **FORMS.get(loc, lambda n, g: {})(name, gender)}
    frames = FRAMES.get(loc, [])
    if not is_cyrillic(name):
        frames = frames + FRAMES["en"]
    for case, g, tpl in frames:
        if g is not None and gender not in (g, "-"):
            continue
        if g is not None and gender == "-" and g == "f":
            continue  # gender unknown: one nominative frame (the masculine one) is enough
        if case in forms:
            put(case, tpl, forms[case])
    return out


def keys(bin_, names):
    r = subprocess.run([bin_, "key"], input="\n".join(names) + "\n", capture_output=True, text=True)
    out = r.stdout.split("\n")[:len(names)]
    if len(out) != len(names):
        sys.exit(f"{bin_} key gave {len(out)} keys for {len(names)} names")
    return out


def half(name):
    """A fixed split of the list in two: by the first byte of the name's SHA-1."""
    return hashlib.sha1(name.encode()).digest()[0] % 2


def new_stats():
    return {"stat": collections.defaultdict(collections.Counter),
            "per_loc": collections.defaultdict(collections.Counter),
            "marked_names": collections.defaultdict(set), "all_names": collections.defaultdict(set),
            "by_entity": collections.Counter(), "by_case": collections.defaultdict(collections.Counter),
            "hits": collections.Counter(), "frame_hits": collections.Counter(),
            "by_match": collections.Counter()}


def measure(bin_, names, table=None, st=None, taken=frozenset()):
    """taken: casefolded words that are listed names; a form spelled like one (the genitive
    Колесникова of Колесников, a listed name of Maria Kalesnikava) is not counted."""
    docs = []  # (name row, case, form, sentence, a, b)
    st = new_stats() if st is None else st
    for row in names:
        for case, form, s, x, y in sentences(*row):
            if form.casefold() in taken:
                st["stat"][row[1]]["taken"] += 1
                continue
            docs.append((row, case, form, s, x, y))
    payload = "".join(json.dumps({"text": d[3]}, ensure_ascii=False) + "\n" for d in docs)
    cmd = [bin_, "annotate", "--jsonl-field", "text"]
    if table:
        cmd += ["--table", table, "--on-conflict", "skip"]
    r = subprocess.run(cmd, input=payload.encode(), capture_output=True)
    if r.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} exited {r.returncode}: {r.stderr[:500]}")
    outs = [json.loads(l) for l in r.stdout.decode().splitlines() if l.strip()]
    if len(outs) != len(docs):
        sys.exit(f"annotate gave {len(outs)} objects for {len(docs)} sentences")
    for (row, case, form, s, x, y), o in zip(docs, outs):
        n, kind, g, loc = row
        st["all_names"][kind].add(row)
        st["stat"][kind]["forms"] += 1
        st["per_loc"][(kind, loc)]["forms"] += 1
        st["by_case"][kind][case + "_forms"] += 1
        # A name several entities could be is reported with candidates and no ID: no link.
        linked = [m for m in o.get("entities", []) if m.get("id") is not None]
        on = [m for m in linked if m["start"] < y and m["end"] > x]
        for m in linked:
            if not (m["start"] < y and m["end"] > x):
                st["frame_hits"][(m["text"], m["id"])] += 1
        if on:
            st["stat"][kind]["marked"] += 1
            st["per_loc"][(kind, loc)]["marked"] += 1
            st["by_case"][kind][case + "_marked"] += 1
            st["marked_names"][kind].add(row)
            if table and any(m["id"].startswith("per:ow-") and counterpart(n, m["canonical"]) for m in on):
                st["stat"][kind]["counterpart"] += 1
            st["by_match"][on[0]["match"]] += 1
            for m in on:
                ent = m["id"] if not m["id"].startswith("per:ow-") else "table:" + m["canonical"]
                st["by_entity"][(kind, m["id"] if not m["id"].startswith("per:ow-") else "(a surname of the table)")] += 1
                st["hits"][(kind, m["text"], ent, m["match"], loc, case)] += 1
    return st


GENDER_PAIRS = [("", "а"), ("", "ová"), ("ý", "á"), ("i", "a"), ("ий", "ая"), ("ый", "ая"), ("ой", "ая"),
                ("ий", "а"), ("s", "a"), ("s", "e"), ("ський", "ська"), ("цький", "цька"), ("is", "ė"),
                ("as", "ienė"), ("", "ova")]


def counterpart(x, y):
    """x and y are one surname in its masculine and feminine form (Novák/Nováková, Иванов/Иванова)."""
    x, y = x.casefold(), y.casefold()
    for m, f in GENDER_PAIRS:
        for a_, b_ in ((x, y), (y, x)):
            if a_.endswith(m) and a_[:len(a_) - len(m)] + f == b_ and a_ != b_:
                return True
    return False


def pct(a_, b_):
    return f"{100.0 * a_ / b_:.1f}%" if b_ else "n/a"


def report(st, tag, top, kinds=("surname", "given"), note=""):
    for kind in kinds:
        s = st["stat"][kind]
        label = f"{tag}_{kind}"
        tgt = "\t(target <= 1%)" if kind == "surname" else ""
        print(f"{label}_forms_marked\t{pct(s['marked'], s['forms'])}\t({s['marked']} of {s['forms']} sentences; "
              f"{s['taken']} forms spelled like a listed name left out){note if kind == 'surname' else ''}{tgt}")
        if s["counterpart"]:
            print(f"{label}_forms_marked_as_gender_counterpart\t{pct(s['counterpart'], s['forms'])}\t({s['counterpart']} forms: the table has the same surname in the other gender, Novák/Nováková; the rest are other surnames)")
        print(f"{label}s_with_a_form_marked\t{pct(len(st['marked_names'][kind]), len(st['all_names'][kind]))}\t({len(st['marked_names'][kind])} of {len(st['all_names'][kind])} names)")
    fh = st["frame_hits"]
    print(f"{tag}_frame_mentions\t{sum(fh.values())}\t(mentions outside the name: should be 0){' ' + str(fh.most_common(5)) if fh else ''}")


def details(st, tag, top):
    print(f"\n## {tag}: forms marked, per locale and case")
    for (kind, loc), c in sorted(st["per_loc"].items()):
        print(f"{kind}\t{loc}\t{pct(c['marked'], c['forms'])}\t{c['marked']}/{c['forms']}")
    for kind, c in sorted(st["by_case"].items()):
        print(kind + "\t" + "  ".join(f"{k}: {pct(c[k + '_marked'], c[k + '_forms'])} of {c[k + '_forms']}"
                                      for k in ("nom", "gen", "ins", "prep") if c[k + "_forms"]))
    print(f"\n## {tag}: marked forms by match kind")
    for k, n in st["by_match"].most_common():
        print(f"{n}\t{k}")
    print(f"\n## {tag}: marked forms by wrong entity")
    for (kind, e), n in st["by_entity"].most_common(20):
        print(f"{n}\t{kind}\t{e}")
    # the most frequent marked forms, taken in turn from each locale so that every family shows
    per = collections.defaultdict(list)
    for h, n in st["hits"].most_common():
        per[h[4]].append((h, n))
    shown, i = [], 0
    while len(shown) < top and any(i < len(v) for v in per.values()):
        for loc in sorted(per, key=lambda l: -len(per[l])):
            if i < len(per[loc]) and len(shown) < top:
                shown.append(per[loc][i])
        i += 1
    print(f"\n## {tag}: {len(shown)} marked forms, the most frequent of each locale in turn "
          f"(count, form -> wrong entity [match], locale, kind, case)")
    for (kind, t, e, m, loc, case), n in shown:
        print(f"{n}\t{t} -> {e} [{m}]\t{loc} {kind} {case}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("--out")
    ap.add_argument("--top", type=int, default=30)
    a = ap.parse_args()

    ents = subprocess.run([a.bin, "entities", "--json"], capture_output=True, text=True, check=True).stdout
    words = set()
    for line in ents.splitlines():
        for nm in json.loads(line).get("names", []):
            for w in nm["name"].replace("-", " ").split():
                words.add(w.strip(".,'\"()").casefold())

    rows, excluded = [], []
    for line in open(os.path.join(DATA, "surnames.tsv"), encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        n, kind, g, loc = line.rstrip("\n").split("\t")
        (excluded if n.casefold() in words else rows).append((n, kind, g, loc))

    # 1. built-in tables only: every name of the list is "not in a table"
    st1 = measure(a.bin, rows, taken=words)

    # 2. per locale, a user table of half of its surnames (one entity each; of names that share
    #    a key or a fold with an earlier one only the first, since one table may not hold two
    #    such today), and the other half, the names not in it, in sentences of that language.
    #    Per locale, so that a name is not met by its own spelling in another orthography
    #    (Polák/Polak, Novotný/Nowotny), which would be right.
    frame_words = sorted({w.strip(".,").casefold() for fr in FRAMES.values() for f in fr
                          for w in f[2].split() if w != "{}"})
    frame_keys = set(keys(a.bin, frame_words))
    tdir = a.out or tempfile.mkdtemp(prefix="open_world_surnames.")
    os.makedirs(tdir, exist_ok=True)
    st2, table_sizes = new_stats(), {}
    for loc in sorted({r[3] for r in rows if r[1] == "surname"}):
        sur = [r for r in rows if r[1] == "surname" and r[3] == loc]
        cand = sorted({r[0] for r in sur if half(r[0]) == 0})
        seen, table_names = set(frame_keys), []  # nor a key of a frame word (Jana, Anna, ...)
        for n, k in zip(cand, keys(a.bin, cand)):
            if k not in seen:
                seen.add(k)
                table_names.append(n)
        tpath = os.path.join(tdir, f"surname_table_{loc}.jsonl")
        # the tables refuse names that fold alike too: drop the rows the loader names, until it loads
        for _ in range(20):
            with open(tpath, "w", encoding="utf-8") as f:
                for i, n in enumerate(table_names):
                    f.write(json.dumps({"id": f"per:ow-{loc.lower().replace('_', '-')}-{i}", "kind": "person", "canonical": n,
                                        "names": [n]}, ensure_ascii=False) + "\n")
            r = subprocess.run([a.bin, "lookup", "--table", tpath, "--on-conflict", "skip", "x"],
                               capture_output=True, text=True)
            if r.returncode in (0, 1):
                break
            bad = {int(m) for m in re.findall(re.escape(os.path.basename(tpath)) + r":(\d+):", r.stderr)}
            if not bad:
                sys.exit(f"the surname table does not load: {r.stderr[:500]}")
            table_names = [n for i, n in enumerate(table_names, 1) if i not in bad]
        else:
            sys.exit("the surname table still does not load")
        table_sizes[loc] = len(table_names)
        in_table = {n.casefold() for n in cand}
        probes = [r for r in sur if half(r[0]) == 1 and r[0].casefold() not in in_table]
        measure(a.bin, probes, tpath, st2, taken=words | {n.casefold() for n in table_names})

    print("## figures")
    report(st1, "builtin", a.top)
    report(st2, "table", a.top, kinds=("surname",),
           note=f" (tables of {sum(table_sizes.values())} other surnames, per locale; issue 20: 12.8% on main 5a11505)")
    print(f"names_left_out\t{len(excluded)}\t(a word of a built-in entity's name: "
          f"{', '.join(sorted({e[0] for e in excluded})[:12])}{' ...' if len(excluded) > 12 else ''})")
    details(st1, "builtin", a.top)
    details(st2, "table", a.top)
    if a.out:
        for tag, st in (("builtin", st1), ("table", st2)):
            with open(os.path.join(a.out, f"surnames_{tag}_marked.tsv"), "w", encoding="utf-8") as f:
                f.write("count\tkind\tform\twrong_entity\tmatch\tlocale\tcase\n")
                for (kind, t, e, m, loc, case), n in st["hits"].most_common():
                    f.write(f"{n}\t{kind}\t{t}\t{e}\t{m}\t{loc}\t{case}\n")


if __name__ == "__main__":
    main()
