"""The module-level API over the built-in tables, checked on the Rust tests' data files and
the crate's documented examples."""

from __future__ import annotations

import threading

import pytest

import canonym
from conftest import DATA, parse_marked, tsv


def test_key_pairs(failures):
    for line, (a, relation, b) in tsv("key.tsv"):
        same = canonym.key(a) == canonym.key(b)
        failures.check(
            same == (relation == "="),
            lambda: f"key.tsv:{line}: {a} {relation} {b}: keys {canonym.key(a)!r} {canonym.key(b)!r}",
        )
    failures.assert_none("key.tsv")


def test_key_examples():
    assert canonym.key("Lukashenka") == canonym.key("Лукашенко")
    assert canonym.key("Zhodzina") == canonym.key("Жодино")
    assert canonym.key("Tsikhanouskaya") != canonym.key("Tsikhanouski")
    assert canonym.key(canonym.key("Жодзіна")) == canonym.key("Zhodino")
    assert canonym.key("Lukаshenka") == canonym.key("Lukashenka")  # a Cyrillic "а" inside


def test_lookup_cases(failures):
    for line, fields in tsv("lookup.tsv"):
        name, want = fields[0], fields[1]
        gap = fields[2] if len(fields) > 2 else None
        m = canonym.lookup(name)
        got = m.id if m else "-"
        if gap is None:
            failures.check(got == want, lambda: f"lookup.tsv:{line}: {name}: want {want}, got {got}")
        else:
            failures.check(got != want, lambda: f"lookup.tsv:{line}: {name} now resolves; drop {gap!r}")
    failures.assert_none("lookup.tsv")


def test_lookup_match_fields():
    m = canonym.lookup("Łukaszenka")
    assert m is not None
    assert (m.id, m.canonical, m.kind) == (
        "per:alyaksandr-lukashenka",
        "Alyaksandr Lukashenka",
        "person",
    )
    assert m.how in {"alias", "key", "words", "given-name", "inflection", "coreference"}
    assert m.homoglyph is False
    assert 0.0 < m.score <= 1.0 and m.why
    # The crate's documented example: a listed spelling is certain.
    exact = canonym.lookup("Lukashenka")
    assert (exact.score, exact.why) == (1.0, "alias")
    assert m.entity.id == m.id
    assert [e.id for e in m.candidates] == ["per:alyaksandr-lukashenka"]
    assert canonym.key(m.name) == canonym.key("Łukaszenka")
    assert canonym.lookup("Lukаshenka").homoglyph  # a Cyrillic "а" inside
    assert canonym.lookup("Светланы Тихановской").how == "inflection"
    assert canonym.lookup("Atlantis") is None


def test_candidates_of_an_ambiguous_name():
    # Valery and Veronika Tsapkala share the initial: no lookup, two candidates.
    assert canonym.lookup("V. Tsapkala") is None
    assert [e.id for e in canonym.candidates("V. Tsapkala")] == [
        "per:valery-tsapkala",
        "per:veronika-tsapkala",
    ]
    assert canonym.candidates("Atlantis") == []


def test_entity():
    belarus = canonym.entity("loc:belarus")
    assert belarus.qid == "Q184"
    assert belarus.kind == "place"
    assert canonym.entity("loc:zhodzina").canonical == "Žodzina"
    assert canonym.entity("loc:atlantis") is None
    lukashenka = canonym.lookup("Лукашэнка").entity
    assert any(text == "Лукашенко" for text, _, _ in lukashenka.names)
    assert lukashenka == canonym.entity("per:alyaksandr-lukashenka")
    assert len({lukashenka, canonym.entity("per:alyaksandr-lukashenka")}) == 1


def test_annotate_gives_python_string_indices():
    text = "Тихановская встретилась с Лукашенко"
    found = canonym.annotate(text)
    assert [(m.start, m.end, m.id) for m in found] == [
        (0, 11, "per:sviatlana-tsikhanouskaya"),
        (26, 35, "per:alyaksandr-lukashenka"),
    ]
    assert [text[m.start : m.end] for m in found] == ["Тихановская", "Лукашенко"]
    assert [m.text for m in found] == ["Тихановская", "Лукашенко"]
    # The byte offsets are the library's own.
    assert [(m.byte_start, m.byte_end) for m in found] == [(0, 22), (49, 67)]


def test_annotate_mentions_fields():
    text = "Svetlana Tikhanovskaya met Lukashenka's rivals in Мінску."
    found = canonym.annotate(text)
    assert [(m.id, m.text) for m in found] == [
        ("per:sviatlana-tsikhanouskaya", "Svetlana Tikhanovskaya"),
        ("per:alyaksandr-lukashenka", "Lukashenka"),
        ("loc:minsk", "Мінску"),
    ]
    assert found[2].how == "inflection"
    assert found[2].why.startswith("inflection")
    assert all(0.0 < m.score <= 1.0 for m in found)
    assert found[2].kind == "place"
    assert found[2].entity.canonical == "Minsk"
    assert canonym.annotate("«Гродноазот» и Лукашэнкі")[0].how == "alias"
    # Astral characters count once in Python strings; the offsets follow them.
    text = "🇧🇾 𝐍𝐞𝐱𝐭: Лукашэнка"
    [m] = canonym.annotate(text)
    assert text[m.start : m.end] == "Лукашэнка"


def test_annotate_sentences(failures):
    """The matcher's sentence set (tests/data/sentences.tsv) with the offsets in characters,
    row by row as the Rust test reads it: every mention found and nothing else, except on rows
    marked as a known gap (a third column), which must still be wrong; every offset on the
    mention."""
    for line, fields in tsv("sentences.tsv"):
        marked, gap = fields[1], (fields[2] if len(fields) > 2 else None)
        text, want = parse_marked(marked)
        found = canonym.annotate(text)
        for m in found:
            failures.check(
                text[m.start : m.end] == m.text
                == text.encode()[m.byte_start : m.byte_end].decode(),
                lambda: f"sentences.tsv:{line}: offsets {m.start}..{m.end} miss {m.text!r}",
            )
        got = {(m.id, m.start, m.end) for m in found}
        if gap is None:
            failures.check(
                got == want,
                lambda: f"sentences.tsv:{line}: missed {sorted(want - got)} extra {sorted(got - want)}",
            )
        else:
            failures.check(got != want, lambda: f"sentences.tsv:{line}: now exact; drop {gap!r}")
    failures.assert_none("sentences.tsv")


def test_rewrite():
    text = "Lukashenko's visit to Мінск"
    assert canonym.rewrite(text) == "Alyaksandr Lukashenka's visit to Minsk"
    assert canonym.rewrite(text, to="id") == "per:alyaksandr-lukashenka's visit to loc:minsk"
    assert canonym.rewrite("Лукашенко", to="be-national") == "Aliaksandr Lukašenka"
    assert canonym.rewrite("Лукашенко", to="ru-bgn-pcgn") == "Aleksandr Lukashenko"
    with pytest.raises(ValueError, match=r"^to=\"nowhere\": expected canonical, id or a scheme"):
        canonym.rewrite(text, to="nowhere")


def test_translit_conformance(failures):
    """Every scheme's conformance file (tests/data/translit/), as the Rust test runs it."""
    for path in sorted((DATA / "translit").glob("*.tsv")):
        for line, fields in tsv(f"translit/{path.name}"):
            cyrillic, want = (f.replace("\\n", "\n") for f in fields[:2])
            gap = fields[2] if len(fields) > 2 else None  # "gap: reason": must still fail
            got = canonym.translit(cyrillic, scheme=path.stem)
            if gap is None:
                failures.check(
                    got == want, lambda: f"{path.name}:{line}: {cyrillic}: want {want}, got {got}"
                )
            else:
                failures.check(
                    got != want, lambda: f"{path.name}:{line}: {cyrillic}: {gap} now passes"
                )
    failures.assert_none("translit conformance")


def test_translit_examples():
    assert canonym.translit("Аляксандр Лукашэнка", scheme="be-national") == "Aliaksandr Lukašenka"
    assert canonym.translit("Елена", scheme="ru-bgn-pcgn") == "Yelena"
    # Detected per word by default, each language with its default scheme.
    assert canonym.translit("Ціханоўская і Лукашэнка") == "Cichanoŭskaja i Lukašenka"
    assert canonym.translit("Тихановская и Лукашенко") == "Tikhanovskaya i Lukashenko"
    assert canonym.translit("Жодзіна, Αθήνα", ascii=True) == "Zodzina, Athena"
    assert canonym.translit("Жодзіна", lang="be") == "Žodzina"
    assert canonym.translit("Lukashenka, 2020") == "Lukashenka, 2020"
    # Every scheme, sorted by name; each has a conformance file (the Rust tests require it).
    names = [s.name for s in canonym.schemes()]
    assert names == sorted(p.stem for p in (DATA / "translit").glob("*.tsv"))


def test_errors_carry_the_library_message():
    with pytest.raises(ValueError) as e:
        canonym.translit("x", scheme="be-natinal")
    assert str(e.value).startswith("unknown scheme `be-natinal`; valid schemes: be-ala-lc,")
    with pytest.raises(ValueError, match="unknown language `pl`; valid languages: be, ru, uk"):
        canonym.translit("x", lang="pl")


def test_cluster():
    groups = canonym.cluster(
        ["Lukashenka", "Лукашэнка", "Tsikhanouskaya", "Lukashenko", "Тихановская",
         "Tsikhanouski", "Łukaszenka"]
    )
    assert len(groups) == 3  # she and her husband stay apart
    assert len(groups[0]) == 4
    assert groups[0].canonical == "Lukashenka"
    assert groups[0].key == canonym.key("Lukashenka")
    assert sum(n for _, n in groups[0].spellings) == 4
    assert canonym.cluster(iter(["", "  "])) == []


def test_long_calls_release_the_gil():
    """While one thread annotates a long text, another keeps running Python: the longest
    pause the main thread sees is well under the length of the call."""
    import time

    text = "Рабочыя сабраліся каля заводу. " * 400_000 + "Лукашэнка"
    span = {}
    done = threading.Event()

    def work():
        span["start"] = time.perf_counter()
        found = canonym.annotate(text)
        span["end"] = time.perf_counter()
        span["found"] = len(found)
        done.set()

    t = threading.Thread(target=work)
    longest, last = 0.0, time.perf_counter()
    t.start()
    while not done.is_set():
        now = time.perf_counter()
        longest, last = max(longest, now - last), now
    t.join()
    assert span["found"] == 1
    duration = span["end"] - span["start"]
    assert longest < duration / 2, (longest, duration)
