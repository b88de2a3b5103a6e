"""Search helpers: stems for word filters and fuzzy speaker names."""

from __future__ import annotations

import pytest

from bot.search import (
    SpeakerIndex,
    edit_distance,
    fold,
    query_terms,
    related_terms,
    speaker_score,
    stem,
    text_terms,
)

SPEAKERS = [
    "Alexander Fomin",
    "Oleksander Chaly",
    "Vladimir Medinsky",
    "Vladimir Putin",
    "Volodymyr Zelenskyy",
]


def test_terms_are_stems_so_plurals_and_tenses_meet() -> None:
    assert text_terms("12,000 refugees fled; Mariupol's mayor") >= {"refuge", "fled", "mariupol", "12", "000"}
    assert query_terms("Refugee REFUGEES") == ["refuge"]
    assert fold("Kraków ZELENSKYY") == "krakow zelenskyy"


def test_related_terms_link_a_readers_word_to_the_articles_words() -> None:
    assert {"fled", stem("displaced")} <= set(related_terms(stem("refugees")))
    assert stem("refugees") in related_terms(stem("fled"))
    assert stem("deaths") in related_terms(stem("killed"))
    assert related_terms(stem("mariupol")) == ()
    assert stem("refugees") not in related_terms(stem("refugees"))


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ("fomin", "fomin", 0),
        ("fomim", "fomin", 1),
        ("chlay", "chaly", 1),
        ("medinski", "medinsky", 1),
        ("ab", "xyz", 3),
    ],
)
def test_edit_distance(a: str, b: str, distance: int) -> None:
    assert edit_distance(a, b) == distance


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Fomin", ["Alexander Fomin"]),
        ("alexander fomin", ["Alexander Fomin"]),
        ("Vladimir", ["Vladimir Medinsky", "Vladimir Putin"]),
        ("put", ["Vladimir Putin"]),
        ("Chlay", ["Oleksander Chaly"]),
        ("Zelensky", ["Volodymyr Zelenskyy"]),
        ("Medinski", ["Vladimir Medinsky"]),
        ("Xi", []),
        ("", []),
    ],
)
def test_speaker_index_finds_the_best_matches(query: str, expected: list[str]) -> None:
    assert SpeakerIndex(SPEAKERS).match(query) == expected


def test_an_exact_surname_beats_a_typo_of_another() -> None:
    index = SpeakerIndex(["Anna Petrov", "Ivan Petrova"])
    assert index.match("Petrov") == ["Anna Petrov"]
    assert speaker_score("Petrov", "Ivan Petrova") == 80  # still offered by autocomplete, ranked lower
    assert [name for _, name in index.ranked("Petrov")] == ["Anna Petrov", "Ivan Petrova"]


def _ranked_by_scoring_everyone(speakers: list[str], query: str) -> list[tuple[int, str]]:
    """The ranking as a scan does it: every speaker scored, typos only when nothing else matched."""
    exact = [(s, n) for n in speakers if (s := speaker_score(query, n)) > 60]
    if not exact:
        exact = [(s, n) for n in speakers if (s := speaker_score(query, n)) > 0]
    return sorted(exact, key=lambda pair: -pair[0])


def test_the_speaker_index_ranks_as_scoring_every_speaker_does() -> None:
    import random

    rng = random.Random(11)
    first = ["Anna", "Ivan", "Olena", "José", "Jose", "Taras", "Mary-Jane", "Li"]
    last = ["Petrov", "Petrova", "Kovalenko", "Ortega", "Bondar", "Volkov", "O'Neill", "Chaly", "Fomin"]
    speakers = list(dict.fromkeys(f"{rng.choice(first)} {rng.choice(last)}" for _ in range(60)))
    index = SpeakerIndex([*speakers, "Ivan", "—"])
    queries = [
        "petrov",
        "pet",
        "ortega",
        "jose ortega",
        "ana",
        "kovalenk",
        "kovalneko",
        "van pet",
        "mary jane",
        "o neill",
        "oneill",
        "li",
        "l",
        "bondra",
        "zzz",
        "",
        "ivan",
        "fomim",
        "chalyy",
        "ortgea jsoe",
    ]
    found = 0
    for query in queries:
        expected = _ranked_by_scoring_everyone([*speakers, "Ivan", "—"], query)
        assert index.ranked(query) == expected, query
        found += bool(expected)
    assert found >= 15
