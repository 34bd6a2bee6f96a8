"""canonym makes names comparable across scripts and spelling systems.

The same person, place or organization is written many ways: *Lukashenka*, *Lukashenko*,
*Лукашэнка*, *Лукашенко*, *Łukaszenka*. This package is the Rust library canonym, called from
Python; every answer comes from the library (nothing is matched in Python):

>>> import canonym
>>> canonym.key("Lukashenka") == canonym.key("Лукашенко")
True
>>> canonym.lookup("Łukaszenka").id
'per:alyaksandr-lukashenka'
>>> text = "Тихановская встретилась с Лукашенко"
>>> [(text[m.start:m.end], m.id) for m in canonym.annotate(text)]
[('Тихановская', 'per:sviatlana-tsikhanouskaya'), ('Лукашенко', 'per:alyaksandr-lukashenka')]
>>> canonym.translit("Жодзіна", scheme="be-national")
'Žodzina'

``canonym.polars`` is a Polars expression plugin and ``canonym.spark`` has Spark UDFs; both
import their engine, so they are separate modules.
"""

from canonym._canonym import (
    Cluster,
    Entity,
    Gazetteer,
    GazetteerError,
    Match,
    Mention,
    Scheme,
    annotate,
    candidates,
    cluster,
    entities,
    entity,
    key,
    lookup,
    rewrite,
    schemes,
    translit,
)

__version__ = "0.1.0"

__all__ = [
    "Cluster",
    "Entity",
    "Gazetteer",
    "GazetteerError",
    "Match",
    "Mention",
    "Scheme",
    "annotate",
    "candidates",
    "cluster",
    "entities",
    "entity",
    "key",
    "lookup",
    "rewrite",
    "schemes",
    "translit",
]
