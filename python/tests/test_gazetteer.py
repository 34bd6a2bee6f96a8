"""User tables (the Rust tests' `tests/data/gazetteer/`): from a path, from records, errors."""

from __future__ import annotations

import json

import pytest

import canonym
from canonym import Gazetteer, GazetteerError
from conftest import DATA, parse_marked, tsv

PEOPLE_TSV = DATA / "gazetteer" / "people.tsv"
PEOPLE_JSONL = DATA / "gazetteer" / "people.jsonl"


@pytest.fixture(scope="module")
def people():
    return Gazetteer.from_path(PEOPLE_TSV)


def records():
    lines = PEOPLE_JSONL.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="module")
def people_records():
    return Gazetteer.from_records(records())


def test_a_user_table_resolves_spellings_it_does_not_list(people, people_records, failures):
    jsonl = Gazetteer.from_path(str(PEOPLE_JSONL))
    for line, fields in tsv("gazetteer/queries.tsv"):
        query, want = fields[0], fields[1]
        gap = fields[2] if len(fields) > 2 else None
        for fmt, g in [("tsv", people), ("jsonl", jsonl), ("records", people_records)]:
            m = g.lookup(query)
            got = m.id if m else "-"
            if gap is None:
                failures.check(
                    got == want, lambda: f"queries.tsv:{line} ({fmt}): {query}: want {want}, got {got}"
                )
            else:
                failures.check(got != want, lambda: f"queries.tsv:{line}: {query} now resolves")
    failures.assert_none("gazetteer/queries.tsv")
    for g in (jsonl, people_records):
        bialiatski = g.entity("per:ales-bialiatski")
        assert bialiatski.qid == "Q1290530"
        assert len(bialiatski.names) == 3, "canonical name plus two listed"


def test_a_user_table_finds_mentions_in_any_case_form(people, people_records, failures):
    for g in (people, people_records):
        for line, (_, marked) in tsv("gazetteer/sentences.tsv"):
            text, want = parse_marked(marked)
            got = {(m.id, m.start, m.end) for m in g.annotate(text)}
            failures.check(got == want, lambda: f"sentences.tsv:{line}: {text}\n want {want}\n got  {got}")
    failures.assert_none("gazetteer/sentences.tsv")


def test_namesakes_in_text_are_ambiguous_unless_the_document_settles_them(failures):
    """`gazetteer/namesakes.tsv`'s annotate rows, as the Rust test reads them: a name several
    entities share is a mention with no ID and its candidates, ranked, unless the text named
    one of them before; without ``ambiguous=True`` only the settled mentions are given."""
    g = Gazetteer.from_path(DATA / "gazetteer" / "namesakes.jsonl", builtin=False)
    for line, fields in tsv("gazetteer/namesakes.tsv"):
        if fields[0] != "annotate":
            continue
        text, want = parse_marked(fields[1])
        got = set()
        for m in g.annotate(text, ambiguous=True):
            if m.id is None:
                assert m.score is None and m.kind is None and m.entity is None
                assert all(c.name for c in m.candidates)
                got.add(("?" + ",".join(c.id for c in m.candidates), m.start, m.end))
            else:
                assert m.candidates == []
                got.add((m.id, m.start, m.end))
        failures.check(got == want, lambda: f"namesakes.tsv:{line}: {text}\n want {want}\n got  {got}")
        settled = {w for w in want if not w[0].startswith("?")}
        plain = {(m.id, m.start, m.end) for m in g.annotate(text)}
        failures.check(plain == settled, lambda: f"namesakes.tsv:{line} (default): {text}\n got {plain}")
    failures.assert_none("gazetteer/namesakes.tsv")


def test_the_readme_example(people):
    assert [people.lookup(n).id for n in ["Roman Protasevich", "Protassewitsch, Roman", "Igor Losik", "Lukashenko"]] == [
        "per:raman-pratasevich",
        "per:raman-pratasevich",
        "per:ihar-losik",
        "per:alyaksandr-lukashenka",
    ]
    text = "Ігара Лосіка затрымалі ў Баранавічах, Романа Протасевича — в Минске."
    assert [(text[m.start : m.end], m.id) for m in people.annotate(text)] == [
        ("Ігара Лосіка", "per:ihar-losik"),
        ("Баранавічах", "loc:baranovichi-by"),
        ("Романа Протасевича", "per:raman-pratasevich"),
        ("Минске", "loc:minsk"),
    ]
    alone = Gazetteer.from_path(PEOPLE_TSV, builtin=False)
    assert alone.lookup("Lukashenko") is None
    assert len(alone) < len(people)
    assert people.rewrite("Романа Протасевича", to="id") == "per:raman-pratasevich"


def test_records_one_by_one():
    g = Gazetteer.from_records(
        [
            {
                "id": "per:stsiapan-putsila",
                "kind": "person",
                "canonical": "Stsiapan Putsila",
                "names": [{"name": "Степан Путило", "lang": "ru-Cyrl"}],
            }
        ],
        on_conflict="skip",
    )
    assert g.lookup("Stepan Putilo").id == "per:stsiapan-putsila"
    text = "Основатель NEXTA Степан Путило живёт в Варшаве."
    assert [m.text for m in g.annotate(text) if m.kind == "person"] == ["Степан Путило"]
    assert g.candidates("Putilo Stepan")[0].canonical == "Stsiapan Putsila"
    assert g.warnings == []


def test_malformed_rows_are_reported_with_file_and_line():
    with pytest.raises(GazetteerError) as e:
        Gazetteer.from_path(DATA / "gazetteer" / "bad.tsv")
    assert isinstance(e.value, ValueError)
    assert f'{DATA / "gazetteer" / "bad.tsv"}:4: malformed language tag "English"' in str(e.value)
    with pytest.raises(GazetteerError, match=r"^records:2: "):
        Gazetteer.from_records([records()[0], {"id": "per:x", "names": []}])
    with pytest.raises(GazetteerError, match="cannot read"):
        Gazetteer.from_path("/nonexistent/people.tsv")
    with pytest.raises(ValueError, match="unknown conflict rule"):
        Gazetteer.from_path(PEOPLE_TSV, on_conflict="maybe")


def test_builtin():
    g = Gazetteer.builtin()
    assert g.lookup("Zhodino").id == "loc:zhodzina"
    assert len(g) == len(Gazetteer())
    assert g._id == 0
