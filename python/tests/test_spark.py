"""The Spark UDFs in a local[2] session, and the documented example end to end."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

pyspark = pytest.importorskip("pyspark")
if shutil.which("java") is None:
    pytest.skip("Spark needs a Java runtime", allow_module_level=True)

from pyspark.sql import SparkSession  # noqa: E402
from pyspark.sql import functions as F  # noqa: E402

import canonym  # noqa: E402
from canonym.spark import annotate_udf, key_udf, lookup_udf, translit_udf  # noqa: E402
from conftest import DATA  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "examples"))
from spark_annotate import annotate_dir  # noqa: E402

PEOPLE = DATA / "gazetteer" / "people.tsv"


@pytest.fixture(scope="module")
def spark():
    # The workers must run this interpreter (the one with canonym installed), not `python3`.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("canonym-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


NAMES = ["Lukashenko", "Лукашэнка", "Roman Protasevich", None, "Pinsk", "Жодзіна"]


def test_key_translit_lookup(spark):
    df = spark.createDataFrame([(n,) for n in NAMES], "name string")
    rows = df.select(
        "name",
        key_udf("name").alias("key"),
        translit_udf(F.col("name"), scheme="be-national").alias("latin"),
        lookup_udf("name").alias("id"),
        lookup_udf("name", gazetteer=str(PEOPLE)).alias("id_people"),
    ).collect()
    assert [r["name"] for r in rows] == NAMES
    for r in rows:
        n = r["name"]
        if n is None:
            assert (r["key"], r["latin"], r["id"], r["id_people"]) == (None,) * 4
            continue
        assert r["key"] == canonym.key(n)
        assert r["latin"] == canonym.translit(n, scheme="be-national")
        m = canonym.lookup(n)
        assert r["id"] == (m.id if m else None)
    ids = {r["name"]: r["id_people"] for r in rows}
    assert ids["Roman Protasevich"] == "per:raman-pratasevich"
    assert ids["Lukashenko"] == "per:alyaksandr-lukashenka"
    assert {r["name"]: r["id"] for r in rows}["Roman Protasevich"] is None


def test_lookup_with_records(spark):
    records = [json.loads(line) for line in (DATA / "gazetteer" / "people.jsonl").read_text().splitlines() if line]
    df = spark.createDataFrame([("Igor Losik",), ("Ales Byalyatski",)], "name string")
    got = [r[0] for r in df.select(lookup_udf("name", gazetteer=records)).collect()]
    assert got == ["per:ihar-losik", "per:ales-bialiatski"]


def test_errors_surface_on_the_driver(spark):
    with pytest.raises(ValueError, match="unknown scheme"):
        translit_udf("name", scheme="be-natinal")
    with pytest.raises(canonym.GazetteerError, match="malformed language tag"):
        lookup_udf("name", gazetteer=str(DATA / "gazetteer" / "bad.tsv"))


def test_annotate(spark):
    texts = ["Тихановская встретилась с Лукашенко", None, "nothing", "Workers at BelAZ in Zhodzina"]
    df = spark.createDataFrame([(t,) for t in texts], "text string")
    rows = df.select("text", annotate_udf("text").alias("m")).collect()
    for r in rows:
        if r["text"] is None:
            assert r["m"] is None
            continue
        assert [(m["start"], m["end"], m["id"]) for m in r["m"]] == [
            (m.start, m.end, m.id) for m in canonym.annotate(r["text"])
        ]
    assert [(m["start"], m["end"]) for m in rows[0]["m"]] == [(0, 11), (26, 35)]


def test_the_example_annotates_a_directory_into_parquet(spark, tmp_path):
    docs = tmp_path / "docs"
    (docs / "nested").mkdir(parents=True)
    (docs / "a.txt").write_text("Тихановская встретилась с Лукашенко.\n", encoding="utf-8")
    (docs / "nested" / "b.txt").write_text(
        "Ігара Лосіка затрымалі ў Баранавічах, Романа Протасевича — в Минске.", encoding="utf-8"
    )
    (docs / "skip.md").write_text("Lukashenka", encoding="utf-8")
    out = tmp_path / "mentions.parquet"
    n = annotate_dir(spark, str(docs), str(out), str(PEOPLE))
    assert n == 6
    import pyarrow.parquet as pq

    table = pq.read_table(out).to_pylist()
    got = sorted((Path(r["path"]).name, r["start"], r["end"], r["id"], r["text"]) for r in table)
    assert got == [
        ("a.txt", 0, 11, "per:sviatlana-tsikhanouskaya", "Тихановская"),
        ("a.txt", 26, 35, "per:alyaksandr-lukashenka", "Лукашенко"),
        ("b.txt", 0, 12, "per:ihar-losik", "Ігара Лосіка"),
        ("b.txt", 25, 36, "loc:baranovichi-by", "Баранавічах"),
        ("b.txt", 38, 56, "per:raman-pratasevich", "Романа Протасевича"),
        ("b.txt", 61, 67, "loc:minsk", "Минске"),
    ]
