"""Annotate a directory of text files into Parquet with Spark.

    python spark_annotate.py INPUT_DIR OUTPUT_DIR [--table people.tsv] [--master local[2]]

Every ``*.txt`` file under INPUT_DIR is one document. The output has one row per mention:
``path``, ``start`` and ``end`` (character offsets into the document), ``id`` (the entity) and
``text`` (the mention as written). The gazetteer — the built-in tables, or them and the table
given with ``--table`` — is built once per executor's Python worker, not once per row or batch.
"""

from __future__ import annotations

import argparse
import os
import sys

from pyspark.sql import SparkSession
from pyspark.sql import functions as F

from canonym.spark import annotate_udf


def annotate_dir(spark: SparkSession, input_dir: str, output_dir: str, table: str | None = None) -> int:
    """Writes the mentions of the documents in ``input_dir`` to Parquet in ``output_dir``
    and returns how many there were."""
    docs = (
        spark.read.option("recursiveFileLookup", "true")
        .option("pathGlobFilter", "*.txt")
        .text(input_dir, wholetext=True)
        .select(F.col("_metadata.file_path").alias("path"), F.col("value").alias("body"))
    )
    mentions = (
        docs.select("path", "body", F.explode(annotate_udf("body", gazetteer=table)).alias("m"))
        .select(
            "path",
            F.col("m.start").alias("start"),
            F.col("m.end").alias("end"),
            F.col("m.id").alias("id"),
            # Spark's substring counts characters from 1, as the offsets count characters from 0.
            F.expr("substring(body, m.start + 1, m.end - m.start)").alias("text"),
        )
    )
    mentions.write.mode("overwrite").parquet(output_dir)
    return spark.read.parquet(output_dir).count()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input_dir")
    parser.add_argument("output_dir")
    parser.add_argument("--table", help="a table of your own (TSV, JSON Lines or a directory)")
    parser.add_argument("--master", default="local[2]")
    args = parser.parse_args()
    # In local mode the workers should run this interpreter, the one canonym is installed in.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = SparkSession.builder.master(args.master).appName("canonym-annotate").getOrCreate()
    try:
        n = annotate_dir(spark, args.input_dir, args.output_dir, args.table)
        print(f"{n} mentions written to {args.output_dir}")
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
