"""Type stubs for the compiled extension module; see ``canonym`` for the overview."""

from __future__ import annotations

import os
from typing import Any, Iterable, Literal, Mapping, Sequence, Union, final

_Kind = Literal["person", "place", "organization", "media", "other"]
_How = Literal[
    "alias", "key", "words", "given-name", "inflection", "coreference", "translation", "typo"
]
_OnConflict = Literal["error", "prefer-user", "skip"]
_Path = Union[str, "os.PathLike[str]"]

class GazetteerError(ValueError):
    """A gazetteer could not be built: the message lists every problem, one
    ``path:line: message`` a line."""

@final
class Entity:
    """An entity of the tables: a person, place, organization, media outlet or other."""

    @property
    def id(self) -> str:
        """The stable ID, such as ``per:alyaksandr-lukashenka``."""
    @property
    def kind(self) -> _Kind: ...
    @property
    def canonical(self) -> str:
        """The canonical name: the entity's own or official Latin spelling."""
    @property
    def qid(self) -> str | None:
        """The Wikidata QID, or None."""
    @property
    def description(self) -> str: ...
    @property
    def names(self) -> list[tuple[str, str, str]]:
        """Every listed name as ``(text, lang, source)``, in table order."""
    def __eq__(self, other: object) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Match:
    """A whole name recognised as one entity."""

    @property
    def id(self) -> str: ...
    @property
    def canonical(self) -> str: ...
    @property
    def kind(self) -> _Kind: ...
    @property
    def how(self) -> _How:
        """How the name was recognised."""
    @property
    def name(self) -> str:
        """The listed name the input was recognised as."""
    @property
    def name_lang(self) -> str:
        """The language tag of that listed name, such as ``ru-Cyrl``."""
    @property
    def homoglyph(self) -> bool:
        """Whether the input mixed Latin and Cyrillic look-alike letters in one word."""
    @property
    def score(self) -> float:
        """How sure the match is, in [0, 1]: 1 for a listed spelling."""
    @property
    def why(self) -> str:
        """Why it was accepted: ``alias``, ``words``, ``key:be-national+press-de``, ..."""
    @property
    def entity(self) -> Entity: ...
    @property
    def candidates(self) -> list[Entity]:
        """Every entity the input name could be (computed when asked)."""

@final
class Mention:
    """One mention of an entity in a text; ``text[m.start:m.end] == m.text``.

    With ``annotate(text, ambiguous=True)``, a name several entities could be (namesakes the
    text does not tell apart) is a mention too: ``id``, ``canonical``, ``kind``, ``how``,
    ``score`` and ``why`` are None and ``candidates`` lists the entities, ranked. Without it,
    they are never None."""

    @property
    def start(self) -> int:
        """Character (Python string) offset of the mention's first character."""
    @property
    def end(self) -> int:
        """Character offset just past the mention."""
    @property
    def byte_start(self) -> int:
        """Byte offset in the UTF-8 encoding of the text."""
    @property
    def byte_end(self) -> int: ...
    @property
    def text(self) -> str:
        """The mention as written."""
    @property
    def id(self) -> str | None: ...
    @property
    def canonical(self) -> str | None: ...
    @property
    def kind(self) -> _Kind | None: ...
    @property
    def how(self) -> _How | None: ...
    @property
    def homoglyph(self) -> bool: ...
    @property
    def score(self) -> float | None:
        """How sure the mention is, in [0, 1] (see :attr:`Match.score`)."""
    @property
    def why(self) -> str | None:
        """Why it was accepted (see :attr:`Match.why`)."""
    @property
    def entity(self) -> Entity | None: ...
    @property
    def candidates(self) -> list[Match]:
        """The entities an ambiguous name could be, ranked as :func:`lookup` ranks namesakes
        (the table's weight, then score, then ID); empty for a mention of one entity."""

@final
class Cluster:
    """A group of spellings of one name."""

    @property
    def key(self) -> str: ...
    @property
    def canonical(self) -> str:
        """The most frequent spelling, Latin preferred."""
    @property
    def spellings(self) -> list[tuple[str, int]]:
        """Each distinct spelling with its count, most frequent first."""
    def __len__(self) -> int:
        """How many input names fell into the group, with repeats."""

@final
class Scheme:
    """A transliteration scheme."""

    @property
    def name(self) -> str: ...
    @property
    def lang(self) -> Literal["be", "ru", "uk"]: ...
    @property
    def title(self) -> str: ...
    @property
    def standard(self) -> str: ...
    @property
    def source(self) -> str: ...

@final
class Gazetteer:
    """The tables that lookup and mention finding read: the built-in ones, or a user's own
    built at run time (merged with the built-in ones unless ``builtin=False``)."""

    def __init__(self) -> None:
        """The built-in tables."""
    @staticmethod
    def builtin() -> Gazetteer: ...
    @staticmethod
    def from_records(
        records: Iterable[Mapping[str, Any]],
        builtin: bool = True,
        on_conflict: _OnConflict = "error",
    ) -> Gazetteer:
        """Builds from dicts shaped like JSON Lines table rows: ``id``, ``kind``,
        ``canonical``, ``names`` (strings or dicts with ``name``, ``lang``, ``source``,
        ``flags``), ``qid``, ``description``. Raises GazetteerError."""
    @staticmethod
    def from_path(
        path: _Path | Sequence[_Path],
        builtin: bool = True,
        on_conflict: _OnConflict = "error",
    ) -> Gazetteer:
        """Builds from a TSV names file, a ``.jsonl``/``.ndjson`` file, a ``tables/``-like
        directory, or a list of them. Raises GazetteerError."""
    def lookup(self, name: str) -> Match | None: ...
    def candidates(self, name: str) -> list[Entity]: ...
    def entity(self, id: str) -> Entity | None: ...
    def entities(self) -> list[Entity]:
        """Every entity, sorted by ID."""
    def annotate(self, text: str, ambiguous: bool = False) -> list[Mention]:
        """The mentions in ``text``; with ``ambiguous``, the names several entities could be
        too (``id`` None, ``candidates`` ranked)."""
    def rewrite(self, text: str, to: str = "canonical") -> str: ...
    @property
    def warnings(self) -> list[str]:
        """Conflicts the build resolved by its ``on_conflict`` rule."""
    @property
    def _id(self) -> int: ...
    def __len__(self) -> int: ...

def key(name: str) -> str:
    """The matching key of a name, known or not."""

def translit(
    text: str,
    scheme: str | None = None,
    lang: Literal["be", "ru", "uk", "auto"] | None = None,
    *,
    ascii: bool = False,
) -> str:
    """Transliterates the Cyrillic words of ``text``. Raises ValueError for an unknown
    scheme or language."""

def schemes() -> list[Scheme]: ...
def lookup(name: str) -> Match | None: ...
def candidates(name: str) -> list[Entity]: ...
def entity(id: str) -> Entity | None: ...
def entities() -> list[Entity]:
    """Every built-in entity, sorted by ID."""
def annotate(text: str, ambiguous: bool = False) -> list[Mention]: ...
def rewrite(text: str, to: str = "canonical") -> str:
    """Replaces each mention by ``canonical``, ``id`` or the name romanized by a scheme.
    Raises ValueError for anything else."""
def cluster(names: Iterable[str]) -> list[Cluster]: ...
_POLARS_PLUGIN: bool
def _key_batch(names: Sequence[str | None]) -> list[str | None]: ...
def _translit_batch(
    texts: Sequence[str | None],
    scheme: str | None = None,
    lang: str | None = None,
    ascii: bool = False,
) -> list[str | None]: ...
def _lookup_id_batch(
    names: Sequence[str | None], gazetteer: Gazetteer | None = None
) -> list[str | None]: ...
def _annotate_batch(
    texts: Sequence[str | None], gazetteer: Gazetteer | None = None
) -> list[list[tuple[int, int, str]] | None]: ...
