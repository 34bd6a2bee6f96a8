#!/usr/bin/env python3
"""How often `--lang auto` romanizes a word as the language of the document it is in.

Usage: benches/translit_detect.py [CANONYM] FILE:LANG...
  e.g. benches/translit_detect.py target/release/canonym /tmp/be1m.txt:be /tmp/ru1m.txt:ru

Each file is one language's text (the bench corpora's be.txt and ru.txt, or a slice of them:
`head -c 1000000 /work/corpus/be.txt > /tmp/be1m.txt`). The file is romanized four times: with
`--lang auto` and with each of be, ru and uk. Only the words whose romanization depends on the
language count (Мінск and Минск alike are written the same way by all three); of those, the
figure is the share that `--lang auto` writes as the document's language does. Words quoted
from another language count as misses, so the figure is a lower bound.
"""
import subprocess
import sys


def romanize(canonym, path, lang):
    out = subprocess.run([canonym, "translit", "--lang", lang, path], capture_output=True,
                         check=True).stdout
    return out.decode("utf-8", "replace").split()


def main():
    args = sys.argv[1:]
    canonym = "target/release/canonym"
    if args and ":" not in args[0]:
        canonym = args.pop(0)
    for arg in args:
        path, doc = arg.rsplit(":", 1)
        outs = {m: romanize(canonym, path, m) for m in ("auto", "be", "ru", "uk")}
        n = len(outs["auto"])
        if any(len(v) != n for v in outs.values()):
            sys.exit(f"{path}: the romanizations have different numbers of words")
        others = [m for m in ("be", "ru", "uk") if m != doc]
        telling = [i for i in range(n) if any(outs[o][i] != outs[doc][i] for o in others)]
        hit = sum(outs["auto"][i] == outs[doc][i] for i in telling)
        print(f"{path} ({doc}): {n} words, {len(telling)} whose romanization depends on the "
              f"language, {hit} of them as {doc} ({100 * hit / len(telling):.2f}%)")


main()
