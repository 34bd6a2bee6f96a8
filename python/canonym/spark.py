"""canonym in Spark: Arrow-based pandas UDFs.

Each function takes a column (or its name) and returns a Column::

    from canonym.spark import key_udf, lookup_udf, annotate_udf
    df.select(key_udf("name"), lookup_udf("name", gazetteer="people.tsv"))

Rows travel to the Python workers in Arrow batches; each batch is one call into the library,
with the GIL released. A gazetteer — None for the built-in tables, the path of a table (which
every executor must be able to read), or a list of record dicts as for
:meth:`canonym.Gazetteer.from_records` — is built once per Python worker process and kept for
the tasks that follow (Spark reuses its Python workers by default).

``examples/spark_annotate.py`` annotates a directory of text files into Parquet.
"""

from __future__ import annotations

import json
import os
import threading
from typing import Any, Mapping, Sequence, Union

import pandas as pd
from pyspark.sql import Column
from pyspark.sql.functions import pandas_udf
from pyspark.sql.types import ArrayType, IntegerType, StringType, StructField, StructType

from canonym import _canonym
from canonym._canonym import Gazetteer

__all__ = ["key_udf", "translit_udf", "lookup_udf", "annotate_udf", "MENTION"]

ColumnLike = Union[Column, str]
GazetteerSpec = Union[str, "os.PathLike[str]", Sequence[Mapping[str, Any]], None]

#: The Spark type of :func:`annotate_udf`'s result: character offsets, as ``substring`` takes
#: them (plus one: Spark counts from 1).
MENTION = StructType(
    [
        StructField("start", IntegerType(), False),
        StructField("end", IntegerType(), False),
        StructField("id", StringType(), False),
    ]
)

# Gazetteers built in this process, by their description: each executor's Python worker builds
# a table once and reuses it for every batch and task after.
_BUILT: dict[str, Gazetteer] = {}
_LOCK = threading.Lock()


def _describe(gazetteer: GazetteerSpec) -> str | None:
    """A picklable, hashable description of the tables (JSON), made on the driver."""
    if gazetteer is None:
        return None
    if isinstance(gazetteer, (str, os.PathLike)):
        return json.dumps({"path": os.path.abspath(os.fspath(gazetteer))})
    if isinstance(gazetteer, Gazetteer):
        raise TypeError(
            "a Gazetteer object cannot be sent to executors: pass its table's path or its records"
        )
    return json.dumps({"records": list(gazetteer)}, ensure_ascii=False, sort_keys=True)


def _gazetteer(description: str | None) -> Gazetteer | None:
    """The gazetteer a description stands for, built on first use in this process."""
    if description is None:
        return None
    with _LOCK:
        built = _BUILT.get(description)
        if built is None:
            spec = json.loads(description)
            if "path" in spec:
                built = Gazetteer.from_path(spec["path"])
            else:
                built = Gazetteer.from_records(spec["records"])
            _BUILT[description] = built
        return built


def _strings(series: pd.Series) -> list:
    """A column batch as a list of str or None (pandas may give NaN for a missing value)."""
    return [v if isinstance(v, str) else None for v in series.tolist()]


def key_udf(col: ColumnLike) -> Column:
    """The matching key of each name."""

    @pandas_udf(StringType())
    def canonym_key(names: pd.Series) -> pd.Series:
        return pd.Series(_canonym._key_batch(_strings(names)), dtype=object)

    return canonym_key(col)


def translit_udf(
    col: ColumnLike,
    scheme: str | None = None,
    lang: str | None = None,
    ascii: bool = False,
) -> Column:
    """Each text transliterated, as :func:`canonym.translit`. The scheme and language are
    checked here, on the driver."""
    _canonym.translit("", scheme, lang, ascii=ascii)  # raises ValueError early

    @pandas_udf(StringType())
    def canonym_translit(texts: pd.Series) -> pd.Series:
        out = _canonym._translit_batch(_strings(texts), scheme, lang, ascii)
        return pd.Series(out, dtype=object)

    return canonym_translit(col)


def lookup_udf(col: ColumnLike, gazetteer: GazetteerSpec = None) -> Column:
    """The entity ID of each whole name; null when unknown or ambiguous."""
    description = _describe(gazetteer)
    _gazetteer(description)  # a malformed table fails here, on the driver

    @pandas_udf(StringType())
    def canonym_lookup(names: pd.Series) -> pd.Series:
        g = _gazetteer(description)
        return pd.Series(_canonym._lookup_id_batch(_strings(names), g), dtype=object)

    return canonym_lookup(col)


def annotate_udf(col: ColumnLike, gazetteer: GazetteerSpec = None) -> Column:
    """The mentions in each text: an array of ``{start, end, id}`` with character offsets
    (``text[start:end]`` in Python, ``substring(text, start + 1, end - start)`` in Spark)."""
    description = _describe(gazetteer)
    _gazetteer(description)

    @pandas_udf(ArrayType(MENTION))
    def canonym_annotate(texts: pd.Series) -> pd.Series:
        g = _gazetteer(description)
        found = _canonym._annotate_batch(_strings(texts), g)
        return pd.Series(
            [
                None
                if mentions is None
                else [{"start": s, "end": e, "id": i} for s, e, i in mentions]
                for mentions in found
            ],
            dtype=object,
        )

    return canonym_annotate(col)
