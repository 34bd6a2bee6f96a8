"""Names per second from Python: canonym beside the tools a Python user would reach for
instead, over the same inputs in the same run.

    python python/bench.py [--names FILE] [--text FILE ...] [--repeat N]

Inputs: ``--names`` (one name a line; default ``$CANONYM_BENCH_CORPUS/names.txt``, else
``../shared/corpus/names.txt``, else the names of ``tests/data/lookup.tsv``) and ``--text``
(running text for mentions; default ``en.txt`` and ``ru.txt`` beside the names file, when
present). Each figure is the best of ``--repeat`` runs, in CPU time of the process (so a
multi-threaded Polars run is charged for every thread). Peers that are not installed are
skipped with a note: unidecode, iuliia, rigour, flashtext, polars.

Jobs:
- key: canonym.key per call, canonym.polars.key over a column of a million names; peers
  unidecode(name).lower() and rigour's ``ascii_text(normalize_name(name))`` (lowercase, then
  ICU transliteration to ASCII: the name key OpenSanctions' tools compare by).
- translit: canonym.translit per call (language detected per word); peers unidecode and
  iuliia (Russian Wikipedia scheme).
- lookup: canonym.lookup per call and canonym.polars.lookup_id on a column; peer a dict of
  every built-in name folded by unidecode + lower (the lookup a user would write), with the
  number of names each resolves.
- mentions: canonym.annotate over each text; peer flashtext's KeywordProcessor loaded with
  every built-in name (case-insensitive), with the number of mentions each finds.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

# This script's folder holds the package's source, without its compiled module: import the
# installed package instead.
sys.path = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import canonym  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def _mode(cp) -> str:
    """Which way canonym.polars runs in this build."""
    return "native plugin" if cp.PLUGIN else "map_batches"


def best(repeat: int, f) -> tuple[float, object]:
    """The shortest of `repeat` runs of f() in CPU seconds of this process (all its threads),
    and its last result. CPU time, not wall time: on a shared machine the wall clock counts
    the other tenants' work too."""
    times = []
    out = None
    for _ in range(repeat):
        t = time.process_time()
        out = f()
        times.append(time.process_time() - t)
    return min(times), out


def default_names() -> Path | None:
    candidates = []
    if os.environ.get("CANONYM_BENCH_CORPUS"):
        candidates.append(Path(os.environ["CANONYM_BENCH_CORPUS"]) / "names.txt")
    candidates.append(REPO.parent / "shared" / "corpus" / "names.txt")
    candidates.append(Path("/work/shared/corpus/names.txt"))
    return next((p for p in candidates if p.is_file()), None)


def read_names(path: Path | None) -> tuple[list[str], str]:
    if path is None:
        rows = (REPO / "tests" / "data" / "lookup.tsv").read_text(encoding="utf-8").splitlines()
        names = [r.split("\t")[0] for r in rows if r.strip() and not r.startswith("#")]
        return names, "tests/data/lookup.tsv"
    names = [n.strip() for n in path.read_text(encoding="utf-8").splitlines() if n.strip()]
    return names, str(path)


class Report:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str]] = []

    def add(self, job: str, tool: str, n: int, seconds: float, unit: str = "names/s", note: str = "") -> None:
        rate = n / seconds if seconds > 0 else float("inf")
        self.rows.append((job, tool, f"{rate:,.0f} {unit}", note))
        print(f"{job:<10} {tool:<44} {rate:>14,.0f} {unit:<8} {note}", flush=True)

    def skip(self, job: str, tool: str, why: str) -> None:
        self.rows.append((job, tool, "—", why))
        print(f"{job:<10} {tool:<44} {'skipped':>14}          {why}", flush=True)

    def markdown(self) -> str:
        lines = ["| job | tool | speed | note |", "|---|---|---|---|"]
        lines += [f"| {j} | {t} | {s} | {n} |" for j, t, s, n in self.rows]
        return "\n".join(lines)


def bench_key(r: Report, names: list[str], repeat: int, million: list[str]) -> None:
    t, _ = best(repeat, lambda: [canonym.key(n) for n in names])
    r.add("key", "canonym.key (per call)", len(names), t)
    t, _ = best(repeat, lambda: canonym._canonym._key_batch(names))
    r.add("key", "canonym batch (one call, GIL released)", len(names), t)
    try:
        import polars as pl

        import canonym.polars as cp

        df = pl.DataFrame({"name": million})
        t, _ = best(repeat, lambda: df.select(cp.key("name")))
        r.add("key", f"canonym.polars.key ({_mode(cp)}, {len(million):,} names)", len(million), t, note=f"{t:.2f} s")
    except ImportError as e:
        r.skip("key", "canonym.polars.key", str(e))
    try:
        from unidecode import unidecode

        t, _ = best(repeat, lambda: [unidecode(n).lower() for n in names])
        r.add("key", "unidecode(name).lower()", len(names), t)
    except ImportError as e:
        r.skip("key", "unidecode", str(e))
    try:
        from rigour.names import normalize_name
        from rigour.text import ascii_text

        t, _ = best(repeat, lambda: [ascii_text(normalize_name(n)) for n in names])
        r.add("key", "rigour ascii_text(normalize_name(name))", len(names), t)
    except ImportError as e:
        r.skip("key", "rigour", str(e))


def bench_translit(r: Report, names: list[str], repeat: int) -> None:
    t, _ = best(repeat, lambda: [canonym.translit(n) for n in names])
    r.add("translit", "canonym.translit (per call, detected)", len(names), t)
    t, _ = best(repeat, lambda: [canonym.translit(n, scheme="ru-wikipedia") for n in names])
    r.add("translit", "canonym.translit scheme=ru-wikipedia", len(names), t)
    try:
        from unidecode import unidecode

        t, _ = best(repeat, lambda: [unidecode(n) for n in names])
        r.add("translit", "unidecode", len(names), t)
    except ImportError as e:
        r.skip("translit", "unidecode", str(e))
    try:
        import iuliia

        t, _ = best(repeat, lambda: [iuliia.WIKIPEDIA.translate(n) for n in names])
        r.add("translit", "iuliia.WIKIPEDIA.translate", len(names), t)
    except ImportError as e:
        r.skip("translit", "iuliia", str(e))


def bench_lookup(r: Report, names: list[str], repeat: int, million: list[str]) -> None:
    t, found = best(repeat, lambda: [canonym.lookup(n) for n in names])
    hits = sum(m is not None for m in found)
    r.add("lookup", "canonym.lookup (per call)", len(names), t, note=f"{hits:,} resolved")
    t, found = best(repeat, lambda: canonym._canonym._lookup_id_batch(names))
    r.add("lookup", "canonym batch (one call, GIL released)", len(names), t)
    try:
        import polars as pl

        import canonym.polars as cp

        df = pl.DataFrame({"name": million})
        t, _ = best(repeat, lambda: df.select(cp.lookup_id("name")))
        r.add("lookup", f"canonym.polars.lookup_id ({_mode(cp)}, {len(million):,} names)", len(million), t, note=f"{t:.2f} s")
    except ImportError as e:
        r.skip("lookup", "canonym.polars.lookup_id", str(e))
    try:
        from unidecode import unidecode

        table = {}
        for e in canonym.entities():
            for text, _, _ in e.names:
                table.setdefault(unidecode(text).lower(), e.id)
        t, found = best(repeat, lambda: [table.get(unidecode(n).lower()) for n in names])
        hits = sum(x is not None for x in found)
        r.add("lookup", "dict[unidecode(name).lower()]", len(names), t, note=f"{hits:,} resolved")
    except ImportError as e:
        r.skip("lookup", "unidecode dict", str(e))


def bench_mentions(r: Report, texts: list[Path], repeat: int, limit: int) -> None:
    try:
        from flashtext import KeywordProcessor

        kp = KeywordProcessor(case_sensitive=False)
        for e in canonym.entities():
            for text, _, _ in e.names:
                kp.add_keyword(text, e.id)
    except ImportError:
        kp = None
    for path in texts:
        with path.open("rb") as f:
            text = f.read(limit).decode("utf-8", errors="ignore")
        mb = len(text.encode()) / 1e6
        t, found = best(repeat, lambda: canonym.annotate(text))
        r.add("mentions", f"canonym.annotate {path.name}", mb, t, "MB/s", f"{len(found):,} mentions")
        if kp is None:
            r.skip("mentions", "flashtext", "not installed")
            continue
        t, found = best(repeat, lambda: kp.extract_keywords(text, span_info=True))
        r.add("mentions", f"flashtext {path.name}", mb, t, "MB/s", f"{len(found):,} mentions")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--names", type=Path, default=default_names())
    parser.add_argument("--text", type=Path, action="append")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--text-bytes", type=int, default=5_000_000, help="read at most this much of each text (default 5 MB)")
    parser.add_argument("--jobs", default="key,translit,lookup,mentions", help="comma-separated subset of the jobs")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table at the end")
    args = parser.parse_args()
    names, source = read_names(args.names)
    million = (names * (1_000_000 // len(names) + 1))[:1_000_000]
    texts = args.text
    if texts is None:
        base = args.names.parent if args.names else None
        texts = [base / f for f in ("en.txt", "ru.txt")] if base else []
        texts = [p for p in texts if p.is_file()]
    print(f"# {len(names):,} names from {source}; Python {sys.version.split()[0]}; best of {args.repeat}")
    r = Report()
    jobs = set(args.jobs.split(","))
    if "key" in jobs:
        bench_key(r, names, args.repeat, million)
    if "translit" in jobs:
        bench_translit(r, names, args.repeat)
    if "lookup" in jobs:
        bench_lookup(r, names, args.repeat, million)
    if "mentions" in jobs:
        bench_mentions(r, texts, args.repeat, args.text_bytes)
    if args.markdown:
        print()
        print(r.markdown())


if __name__ == "__main__":
    main()
