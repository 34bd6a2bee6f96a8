"""canonym in Polars: expressions over string columns, with no Python per row.

>>> import polars as pl
>>> import canonym.polars as cp
>>> df = pl.DataFrame({"name": ["Lukashenko", "Лукашэнка", "Tikhanovskaya", "Atlantis"]})
>>> df.select(cp.lookup_id("name")).to_series().to_list()
['per:alyaksandr-lukashenka', 'per:alyaksandr-lukashenka', 'per:sviatlana-tsikhanouskaya', None]

Each function takes a column name or a string expression. The same functions are on the
``canonym`` expression namespace: ``pl.col("name").canonym.key()``.

Two ways to run, with the same results: when the package was built with the native plugin
(``MATURIN_PEP517_ARGS="--features polars" pip install ./python``, compiled against Polars 2.1,
Rust crates 0.55.1), Polars runs the Rust functions itself, a chunk of a column at a time on its
own threads. Otherwise (a plain ``pip install ./python``) each expression is a ``map_batches``
that hands a whole chunk to one library call with the GIL released. :data:`PLUGIN` says which.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Callable, Union

import polars as pl

from canonym import _canonym
from canonym._canonym import Gazetteer

__all__ = ["key", "translit", "lookup_id", "annotate", "MENTION", "PLUGIN"]

#: Whether the native Polars plugin is compiled into this build of the package.
PLUGIN: bool = _canonym._POLARS_PLUGIN

IntoExpr = Union[str, pl.Expr]
GazetteerLike = Union[Gazetteer, str, "os.PathLike[str]", None]

#: The type of an element of :func:`annotate`'s lists.
MENTION = pl.Struct({"start": pl.UInt32, "end": pl.UInt32, "id": pl.String})


def _plugin(name: str, expr: IntoExpr, kwargs: dict | None = None) -> pl.Expr:
    from polars.plugins import register_plugin_function

    return register_plugin_function(
        plugin_path=Path(_canonym.__file__),
        function_name=name,
        args=expr,
        kwargs=kwargs,
        is_elementwise=True,
        use_abs_path=True,
    )


def _batches(expr: IntoExpr, run: Callable[[list], list], dtype: pl.DataType) -> pl.Expr:
    """``run`` over each chunk of the column as a list of str or None, in one call. The
    library's errors become Polars' ComputeError, as the plugin reports them."""

    def chunk(s: pl.Series) -> pl.Series:
        if s.dtype != pl.String:
            raise pl.exceptions.SchemaError(f"expected a String column, got {s.dtype}")
        try:
            out = run(s.to_list())
        except ValueError as e:  # GazetteerError too
            raise pl.exceptions.ComputeError(str(e)) from e
        return pl.Series(s.name, out, dtype=dtype)

    if isinstance(expr, str):
        expr = pl.col(expr)
    return expr.map_batches(chunk, return_dtype=dtype, is_elementwise=True)


# Gazetteers built from a path for the map_batches path, kept for the life of the process so
# that each table is read once however many chunks ask for it (as the plugin does).
_BY_PATH: dict[str, Gazetteer] = {}
_LOCK = threading.Lock()


def _path(gazetteer: GazetteerLike) -> str | None:
    if gazetteer is None or isinstance(gazetteer, Gazetteer):
        return None
    if isinstance(gazetteer, (str, os.PathLike)):
        return str(Path(gazetteer).resolve())
    raise TypeError(f"gazetteer: expected a Gazetteer, a path or None, not {type(gazetteer).__name__}")


def _resolve(gazetteer: GazetteerLike) -> Callable[[], Gazetteer | None]:
    """For map_batches: the tables, found when a chunk runs. A path is built on first use
    (its errors surface when the expression runs, as with the plugin); a Gazetteer object is
    held by the expression."""
    path = _path(gazetteer)
    if path is None:
        return lambda: gazetteer  # type: ignore[return-value]

    def by_path() -> Gazetteer:
        with _LOCK:
            built = _BY_PATH.get(path)
            if built is None:
                built = Gazetteer.from_path(path)
                _BY_PATH[path] = built
            return built

    return by_path


def _tables(gazetteer: GazetteerLike) -> dict:
    """The plugin's way to the tables: a live Gazetteer's number, or a path it builds once."""
    path = _path(gazetteer)
    if isinstance(gazetteer, Gazetteer):
        return {"gazetteer": gazetteer._id, "path": None}
    return {"gazetteer": 0, "path": path}


def key(expr: IntoExpr) -> pl.Expr:
    """The matching key of each name (see :func:`canonym.key`); null stays null."""
    if PLUGIN:
        return _plugin("key", expr)
    return _batches(expr, _canonym._key_batch, pl.String)


def translit(
    expr: IntoExpr,
    scheme: str | None = None,
    lang: str | None = None,
    *,
    ascii: bool = False,
) -> pl.Expr:
    """Each text transliterated (see :func:`canonym.translit`). An unknown scheme or
    language fails when the expression runs, with the library's message."""
    if PLUGIN:
        return _plugin("translit", expr, {"scheme": scheme, "lang": lang, "ascii": bool(ascii)})
    ascii = bool(ascii)
    return _batches(
        expr, lambda texts: _canonym._translit_batch(texts, scheme, lang, ascii), pl.String
    )


def lookup_id(expr: IntoExpr, gazetteer: GazetteerLike = None) -> pl.Expr:
    """The entity ID of each whole name, null when unknown or ambiguous.

    ``gazetteer`` is None (the built-in tables), a :class:`canonym.Gazetteer`, or the path of
    a table, which is built once per process. With the native plugin a Gazetteer object must
    be kept alive while the expression runs; without it, the expression holds it.
    """
    if PLUGIN:
        return _plugin("lookup_id", expr, _tables(gazetteer))
    tables = _resolve(gazetteer)
    return _batches(expr, lambda names: _canonym._lookup_id_batch(names, tables()), pl.String)


def annotate(expr: IntoExpr, gazetteer: GazetteerLike = None) -> pl.Expr:
    """The mentions in each text: a list of ``{start, end, id}`` structs whose offsets are
    characters, as ``str.slice`` takes them. ``gazetteer`` as for :func:`lookup_id`."""
    if PLUGIN:
        return _plugin("annotate", expr, _tables(gazetteer))
    tables = _resolve(gazetteer)

    def run(texts: list) -> list:
        return [
            None if found is None else [{"start": s, "end": e, "id": i} for s, e, i in found]
            for found in _canonym._annotate_batch(texts, tables())
        ]

    return _batches(expr, run, pl.List(MENTION))


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
