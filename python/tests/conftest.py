"""Shared helpers: the Rust tests' data files, read the way `tests/common/mod.rs` reads them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"


def tsv(name: str) -> list[tuple[int, list[str]]]:
    """Rows of a data file as (line number, fields); blank lines and `#` comments skipped."""
    rows = []
    for i, line in enumerate((DATA / name).read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip() and not line.startswith("#"):
            rows.append((i, line.split("\t")))
    return rows


_MARK = re.compile(r"\[\[(.*?)\|([^|\]]*)\]\]")


def parse_marked(marked: str) -> tuple[str, set[tuple[str, int, int]]]:
    """The text with `[[surface|id]]` markup removed, and each mention as (id, start, end) in
    Python string indices (the Rust helper gives bytes; this one characters)."""
    text = []
    spans = set()
    length = 0
    pos = 0
    for m in _MARK.finditer(marked):
        plain = marked[pos : m.start()]
        text.append(plain)
        length += len(plain)
        surface, entity_id = m.group(1), m.group(2)
        spans.add((entity_id, length, length + len(surface)))
        text.append(surface)
        length += len(surface)
        pos = m.end()
    text.append(marked[pos:])
    return "".join(text), spans


class Failures:
    """Collects every failure of a table-driven test and reports them all at once."""

    def __init__(self) -> None:
        self.list: list[str] = []
        self.checked = 0

    def check(self, ok: bool, message) -> None:
        self.checked += 1
        if not ok:
            self.list.append(message())

    def assert_none(self, what: str) -> None:
        assert self.checked > 0, f"{what}: nothing checked"
        assert not self.list, f"{what}: {len(self.list)} of {self.checked} failed:\n" + "\n".join(
            self.list
        )


@pytest.fixture
def failures() -> Failures:
    return Failures()
