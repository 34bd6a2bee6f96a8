"""The Polars plugin gives the same answers as the Python API, column-wise."""

from __future__ import annotations

import pytest

pl = pytest.importorskip("polars")

import canonym  # noqa: E402
import canonym.polars as cp  # noqa: E402
from conftest import DATA, parse_marked, tsv  # noqa: E402

# Both ways of running: the native plugin when this build has it, and map_batches always
# (every expression reads `cp.PLUGIN` when it is made).
PATHS = [True, False] if cp.PLUGIN else [False]


@pytest.fixture(autouse=True, params=PATHS, ids=lambda p: "plugin" if p else "map_batches")
def polars_path(request, monkeypatch):
    monkeypatch.setattr(cp, "PLUGIN", request.param)
    return request.param


NAMES = ["Lukashenko", "Лукашэнка", "Tikhanovskaya", "Atlantis", None, "V. Tsapkala", "Łukaszenka"]


def test_key():
    df = pl.DataFrame({"name": NAMES})
    got = df.select(cp.key("name")).to_series().to_list()
    assert got == [None if n is None else canonym.key(n) for n in NAMES]
    # The namespace and a lazy frame give the same.
    lazy = df.lazy().select(pl.col("name").canonym.key()).collect().to_series().to_list()
    assert lazy == got


def test_key_pairs():
    rows = [f for _, f in tsv("key.tsv")]
    df = pl.DataFrame({"a": [r[0] for r in rows], "b": [r[2] for r in rows]})
    same = df.select(cp.key("a") == cp.key("b")).to_series().to_list()
    assert same == [r[1] == "=" for r in rows]


def test_translit():
    texts = ["Аляксандр Лукашэнка", "Елена", None, "Lukashenka, 2020"]
    df = pl.DataFrame({"t": texts})
    got = df.select(cp.translit("t", scheme="be-national")).to_series().to_list()
    assert got == [None if t is None else canonym.translit(t, scheme="be-national") for t in texts]
    assert got[0] == "Aliaksandr Lukašenka"
    auto = df.select(pl.col("t").canonym.translit(ascii=True)).to_series().to_list()
    assert auto == [None if t is None else canonym.translit(t, ascii=True) for t in texts]
    with pytest.raises(pl.exceptions.ComputeError, match="unknown scheme `be-natinal`"):
        df.select(cp.translit("t", scheme="be-natinal"))


def test_lookup_id_builtin():
    df = pl.DataFrame({"name": NAMES})
    got = df.select(cp.lookup_id("name")).to_series().to_list()
    want = [None if n is None else (m.id if (m := canonym.lookup(n)) else None) for n in NAMES]
    assert got == want
    assert got[:4] == [
        "per:alyaksandr-lukashenka",
        "per:alyaksandr-lukashenka",
        "per:sviatlana-tsikhanouskaya",
        None,
    ]


def test_lookup_id_lookup_cases():
    rows = [(f[0], f[1]) for _, f in tsv("lookup.tsv") if len(f) == 2]
    df = pl.DataFrame({"name": [r[0] for r in rows]})
    got = df.select(cp.lookup_id("name")).to_series().to_list()
    wrong = [(n, w, g) for (n, w), g in zip(rows, got) if (g or "-") != w]
    assert not wrong


def test_lookup_id_user_table():
    people = DATA / "gazetteer" / "people.tsv"
    g = canonym.Gazetteer.from_path(people)
    df = pl.DataFrame({"name": ["Roman Protasevich", "Igor Losik", "Lukashenko", "Nobody"]})
    want = ["per:raman-pratasevich", "per:ihar-losik", "per:alyaksandr-lukashenka", None]
    assert df.select(cp.lookup_id("name", gazetteer=g)).to_series().to_list() == want
    assert df.select(cp.lookup_id("name", gazetteer=people)).to_series().to_list() == want
    assert df.select(cp.lookup_id("name", gazetteer=str(people))).to_series().to_list() == want


def test_lookup_id_fails_for_a_bad_table():
    df = pl.DataFrame({"name": ["x"]})
    with pytest.raises(pl.exceptions.ComputeError, match="malformed language tag"):
        df.select(cp.lookup_id("name", gazetteer=DATA / "gazetteer" / "bad.tsv"))


def test_annotate_character_offsets():
    texts = ["Тихановская встретилась с Лукашенко", None, "nothing here", "🇧🇾 Лукашэнка у Мінску"]
    df = pl.DataFrame({"text": texts})
    out = df.with_columns(cp.annotate("text").alias("m"))
    assert out.schema["m"] == pl.List(cp.MENTION)
    lists = out["m"].to_list()
    assert lists[0] == [
        {"start": 0, "end": 11, "id": "per:sviatlana-tsikhanouskaya"},
        {"start": 26, "end": 35, "id": "per:alyaksandr-lukashenka"},
    ]
    assert lists[1] is None
    assert lists[2] == []
    # Polars slices by characters, as the offsets count them.
    spans = (
        out.explode("m")
        .drop_nulls("m")
        .unnest("m")
        .select(pl.col("text").str.slice(pl.col("start"), pl.col("end") - pl.col("start")))
        .to_series()
        .to_list()
    )
    assert spans == ["Тихановская", "Лукашенко", "Лукашэнка", "Мінску"]


def test_annotate_sentences():
    rows = [parse_marked(f[1]) for _, f in tsv("sentences.tsv")]
    df = pl.DataFrame({"text": [text for text, _ in rows]})
    got = df.select(cp.annotate("text")).to_series().to_list()
    for (text, _), mentions in zip(rows, got):
        assert [(m["start"], m["end"], m["id"]) for m in mentions] == [
            (m.start, m.end, m.id) for m in canonym.annotate(text)
        ]


def test_annotate_user_table():
    g = canonym.Gazetteer.from_records(
        [{"id": "per:ihar-losik", "canonical": "Ihar Losik", "names": [{"name": "Ігар Лосік", "lang": "be-Cyrl"}]}]
    )
    df = pl.DataFrame({"text": ["Ігара Лосіка затрымалі ў Баранавічах."]})
    got = df.select(pl.col("text").canonym.annotate(gazetteer=g)).to_series().to_list()
    assert got == [[{"start": 0, "end": 12, "id": "per:ihar-losik"}, {"start": 25, "end": 36, "id": "loc:baranovichi-by"}]]


def test_a_dropped_gazetteer():
    # The plugin receives a number, not the object: a Gazetteer dropped before the expression
    # runs is a clear error. The map_batches path holds the object, so the expression works.
    g = canonym.Gazetteer.from_records([{"id": "per:ihar-losik", "canonical": "Ihar Losik", "names": []}])
    expr = cp.lookup_id("name", gazetteer=g)
    del g
    df = pl.DataFrame({"name": ["Ihar Losik"]})
    if cp.PLUGIN:
        with pytest.raises(pl.exceptions.ComputeError, match="no longer exists"):
            df.select(expr)
    else:
        assert df.select(expr).to_series().to_list() == ["per:ihar-losik"]
