"""canonym as a Polars expression plugin: Rust functions that Polars runs on its own threads,
a chunk of a column at a time, with no Python per row.

>>> import polars as pl
>>> import canonym.polars as cp
>>> df = pl.DataFrame({"name": ["Lukashenko", "Лукашэнка", "Tikhanovskaya", "Pinsk"]})
>>> df.select(cp.lookup_id("name")).to_series().to_list()
['per:alyaksandr-lukashenka', 'per:alyaksandr-lukashenka', 'per:sviatlana-tsikhanouskaya', None]

Each function takes a column name or a string expression. The same functions are on the
``canonym`` expression namespace: ``pl.col("name").canonym.key()``.

The plugin is compiled against Polars 2.1 (Rust crates 0.55.1).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Union

import polars as pl
from polars.plugins import register_plugin_function

from canonym import _canonym
from canonym._canonym import Gazetteer

__all__ = ["key", "translit", "lookup_id", "annotate", "MENTION"]

_LIB = Path(_canonym.__file__)

IntoExpr = Union[str, pl.Expr]
GazetteerLike = Union[Gazetteer, str, "os.PathLike[str]", None]

#: The type of an element of :func:`annotate`'s lists.
MENTION = pl.Struct({"start": pl.UInt32, "end": pl.UInt32, "id": pl.String})


def _call(name: str, expr: IntoExpr, kwargs: dict | None = None) -> pl.Expr:
    return register_plugin_function(
        plugin_path=_LIB,
        function_name=name,
        args=expr,
        kwargs=kwargs,
        is_elementwise=True,
        use_abs_path=True,
    )


def _tables(gazetteer: GazetteerLike) -> dict:
    """The plugin's way to the tables: a live Gazetteer's number, or a path it builds once."""
    if gazetteer is None:
        return {"gazetteer": 0, "path": None}
    if isinstance(gazetteer, Gazetteer):
        return {"gazetteer": gazetteer._id, "path": None}
    if isinstance(gazetteer, (str, os.PathLike)):
        return {"gazetteer": 0, "path": str(Path(gazetteer).resolve())}
    raise TypeError(f"gazetteer: expected a Gazetteer, a path or None, not {type(gazetteer).__name__}")


def key(expr: IntoExpr) -> pl.Expr:
    """The matching key of each name (see :func:`canonym.key`); null stays null."""
    return _call("key", expr)


def translit(
    expr: IntoExpr,
    scheme: str | None = None,
    lang: str | None = None,
    *,
    ascii: bool = False,
) -> pl.Expr:
    """Each text transliterated (see :func:`canonym.translit`). An unknown scheme or
    language fails when the expression runs, with the library's message."""
    return _call("translit", expr, {"scheme": scheme, "lang": lang, "ascii": bool(ascii)})


def lookup_id(expr: IntoExpr, gazetteer: GazetteerLike = None) -> pl.Expr:
    """The entity ID of each whole name, null when unknown or ambiguous.

    ``gazetteer`` is None (the built-in tables), a :class:`canonym.Gazetteer` (kept alive
    while the expression runs), or the path of a table, which is built once per process.
    """
    return _call("lookup_id", expr, _tables(gazetteer))


def annotate(expr: IntoExpr, gazetteer: GazetteerLike = None) -> pl.Expr:
    """The mentions in each text: a list of ``{start, end, id}`` structs whose offsets are
    characters, as ``str.slice`` takes them. ``gazetteer`` as for :func:`lookup_id`."""
    return _call("annotate", expr, _tables(gazetteer))


@pl.api.register_expr_namespace("canonym")
class CanonymNamespace:
    """``pl.col(...).canonym.key()`` and friends: the module's functions as methods."""

    def __init__(self, expr: pl.Expr) -> None:
        self._expr = expr

    def key(self) -> pl.Expr:
        return key(self._expr)

    def translit(
        self, scheme: str | None = None, lang: str | None = None, *, ascii: bool = False
    ) -> pl.Expr:
        return translit(self._expr, scheme, lang, ascii=ascii)

    def lookup_id(self, gazetteer: GazetteerLike = None) -> pl.Expr:
        return lookup_id(self._expr, gazetteer)

    def annotate(self, gazetteer: GazetteerLike = None) -> pl.Expr:
        return annotate(self._expr, gazetteer)
