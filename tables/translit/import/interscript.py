#!/usr/bin/env python3
"""Vendors the `tests` blocks of interscript's maps (https://github.com/interscript/maps, MIT
licence) for Belarusian, Russian and Ukrainian as conformance rows, and reports how canonym
does on them.

Usage (from the repository root):
  interscript.py MAPS_DIR check [CANONYM]   print each map's rows that canonym fails
  interscript.py MAPS_DIR write             append the rows to tests/data/translit/<scheme>.tsv

interscript maps are programs in a small DSL (`sub` rules with `before`/`after`/`not_before`
contexts, `parallel` blocks, dependencies); the scheme tables were written by hand from them
(see each table's `# source:` line), and only the tests are taken over mechanically here. The
tests sometimes write a Latin i for the Cyrillic і (Аршанскi): such inputs are kept as they are.
"""
import re
import unicodedata
import subprocess
import sys
from pathlib import Path

# interscript map -> canonym scheme. Every Belarusian, Russian and Ukrainian map of interscript
# (36 in December 2026) but one: icao-ukr-Cyrl-Latn-9303 has no tests and its lowercase rows
# contradict its capitals (у → "", ю → "i", ў → ""); ICAO publishes one table for all Cyrillic,
# which ru-icao holds for the Ukrainian letters too (є ie, ї i, ґ g), and Ukraine writes its
# passports by its national system (uk-national), so canonym has no uk-icao.
MAPS = {
    "alalc-bel-Cyrl-Latn-1997": "be-ala-lc",
    "alalc-rus-Cyrl-Latn-1997": "ru-ala-lc-1997",
    "alalc-rus-Cyrl-Latn-2012": "ru-ala-lc",
    "alalc-ukr-Cyrl-Latn-1997": "uk-ala-lc",
    "alalc-ukr-Cyrl-Latn-2011": "uk-ala-lc",
    "bas-rus-Cyrl-Latn-2017-bss": "ru-bas-2017-bss",
    "bas-rus-Cyrl-Latn-2017-oss": "ru-bas-2017-oss",
    "bgnpcgn-bel-Cyrl-Latn-1979": "be-bgn-pcgn",
    "bgnpcgn-rus-Cyrl-Latn-1947": "ru-bgn-pcgn",
    "bgnpcgn-ukr-Cyrl-Latn-1965": "uk-bgn-pcgn",
    "bgnpcgn-ukr-Cyrl-Latn-2019": "uk-bgn-pcgn-2019",
    "by-bel-Cyrl-Latn-1998": "be-national-1998",
    "by-bel-Cyrl-Latn-2007": "be-national",
    "gki-bel-Cyrl-Latn-1992": "be-national-1992",
    "gki-bel-Cyrl-Latn-2000": "be-national-2000",
    "gost-rus-Cyrl-Latn-16876-71-1983": "ru-gost-16876-1983",
    "gost-rus-Cyrl-Latn-7.79-2000-2002": "ru-gost-7.79-a",
    "icao-bel-Cyrl-Latn-9303": "be-icao",
    "icao-rus-Cyrl-Latn-9303": "ru-icao",
    "iso-rus-Cyrl-Latn-9-1995": "ru-iso9",
    "mvd-bel-Cyrl-Latn-2008": "be-mvd-2008",
    "mvd-bel-Cyrl-Latn-2010": "be-mvd-2010",
    "mvd-rus-Cyrl-Latn-2008": "ru-mvd-2008",
    "mvd-rus-Cyrl-Latn-2010": "ru-mvd-2010",
    "odni-bel-Cyrl-Latn-2015": "be-odni-2015",
    "odni-rus-Cyrl-Latn-2015": "ru-odni-2015",
    "odni-ukr-Cyrl-Latn-2015": "uk-odni-2015",
    "stategeocadastre-ukr-Cyrl-Latn-1993": "uk-geocadastre-1993",
    "ua-ukr-Cyrl-Latn-1996": "uk-national-1996",
    "ua-ukr-Cyrl-Latn-2007": "uk-national-2007",
    "ua-ukr-Cyrl-Latn-2010": "uk-national",
    "un-bel-Cyrl-Latn-2007": "be-national",
    "un-rus-Cyrl-Latn-1987": "ru-ungegn-1987",
    "un-ukr-Cyrl-Latn-1998": "uk-ungegn-1998",
    "un-ukr-Cyrl-Latn-2012": "uk-national",
}

# (scheme, input) -> reason: rows canonym answers otherwise on purpose (known gaps).
BREVE = "the Library of Congress writes й as ĭ (i with a breve, U+012D), as canonym does; interscript writes ǐ (a caron)"
GAPS = {
    ("be-ala-lc", "сям´я"): "canonym reads ´ between letters as the apostrophe, which the table romanizes ʺ; interscript's 1997 map drops it",
    ("uk-ala-lc", "Єнакієве"): "the Library of Congress capitalizes both tied letters (I͡Akutsk); interscript only the first",
    ("ru-bgn-pcgn", "ЙА Йа йа"): "canonym omits BGN/PCGN's optional middle dot (note 3: 'may be romanized'), as BGN's own gazetteer does",
    ("ru-bgn-pcgn", "ЫУ Ыу ыу"): "canonym omits BGN/PCGN's optional middle dot (note 3)",
    ("ru-bgn-pcgn", "ОЫ Оы оы"): "canonym omits BGN/PCGN's optional middle dot (note 3)",
    ("ru-bgn-pcgn", "ОЫУ Оыу оыу"): "canonym omits BGN/PCGN's optional middle dot (note 3)",
    ("ru-bgn-pcgn", "СЭ Сэ сэ"): "canonym omits BGN/PCGN's optional middle dot (note 3)",
    ("ru-bgn-pcgn", "ТС тс Тс тС"): "canonym omits BGN/PCGN's optional middle dot (note 3)",
    ("ru-bgn-pcgn", "ШЧ шч Шч шЧ"): "canonym omits BGN/PCGN's optional middle dot (note 3)",
    ("ru-gost-7.79-a", "съезд"): "GOST 7.79 system A (table 1) writes ъ as ʺ (U+02BA), as iuliia does; interscript writes an ASCII quotation mark",
    ("ru-gost-7.79-a", "альбом"): "GOST 7.79 system A (table 1) writes ь as ʹ (U+02B9), as iuliia does; interscript writes ´",
}
for word in ["Грозный", "Дзержинский", "Озёрный", "Йошкар-Ола", "Бийск", "Енисейск", "Северобайкальск",
             "Чайковский", "Прохладный", "Подъездной", "Юбилейный"]:
    GAPS[("ru-ala-lc", word)] = BREVE
    GAPS[("ru-ala-lc-1997", word)] = BREVE
for word in ["Чeчeльник", "Пoдъячeвo", "Пaрaньгa", "Кaзaнь", "Щучьe", "Юрюзaнь", "Язъявaн", "Вязьмa"]:
    GAPS[("ru-ungegn-1987", word)] = "the UN table of 1987 writes ь and ъ as the primes ʹ ʺ (U+02B9, U+02BA); interscript writes ’ ”"

def gap(scheme, text):
    if scheme == "ru-bgn-pcgn" and text.startswith("Выборы депутатов"):
        return "interscript writes ъ as an ASCII quotation mark in one word (ob\"yedinennaya) of this text; BGN/PCGN's table writes ”"
    return GAPS.get((scheme, text))


STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')


def unescape(s):
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            n = s[i + 1]
            if n in "uU":
                out.append(chr(int(s[i + 2 : i + 6], 16)))
                i += 6
                continue
            # \n stays escaped: the conformance files write a newline as \n.
            out.append({"n": "\\n", "t": "\t", '"': '"', "\\": "\\"}.get(n, n))
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def tests(path):
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line.startswith("test "):
            continue
        s = STRING.findall(line)
        if len(s) >= 2:
            # The expected output in NFC, as canonym writes it (Zmiïv: i + U+0308 → ï).
            rows.append((unescape(s[0]), unicodedata.normalize("NFC", unescape(s[1]))))
    return rows


def run(canonym, scheme, inputs):
    text = "\n".join(i.replace("\\n", "\ue000") for i in inputs) + "\n"
    out = subprocess.run([canonym, "translit", "--scheme", scheme], input=text.encode(),
                         capture_output=True, check=True).stdout.decode()
    return [o.replace("\ue000", "\\n") for o in out.split("\n")[: len(inputs)]]


def main():
    maps, mode = Path(sys.argv[1]), sys.argv[2]
    for name, scheme in MAPS.items():
        rows = tests(maps / f"{name}.imp")
        if not rows:
            continue
        if mode == "check":
            canonym = sys.argv[3] if len(sys.argv) > 3 else "target/debug/canonym"
            try:
                got = run(canonym, scheme, [a for a, _ in rows])
            except subprocess.CalledProcessError:
                print(f"{name} -> {scheme}: no such scheme ({len(rows)} rows)")
                continue
            bad = [(a, b, g) for (a, b), g in zip(rows, got) if g != b and gap(scheme, a) is None]
            print(f"{name} -> {scheme}: {len(rows) - len(bad)}/{len(rows)}")
            for a, b, g in bad:
                print(f"    {a[:60]!r}: want {b[:60]!r} got {g[:60]!r}")
        elif mode == "write":
            data = Path("tests/data/translit") / f"{scheme}.tsv"
            text = data.read_text(encoding="utf-8") if data.exists() else f"# Conformance: {scheme}.\n"
            if f"maps/{name}.imp" in text:
                continue
            out = [f"# source: interscript maps/{name}.imp, its `tests` block (https://github.com/interscript/maps, MIT licence)"]
            for a, b in rows:
                g = gap(scheme, a)
                out.append(f"{a}\t{b}" + (f"\tgap: {g}" if g else ""))
            data.write_text(text.rstrip("\n") + "\n\n" + "\n".join(out) + "\n", encoding="utf-8")


main()
