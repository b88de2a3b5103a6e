"""Word and name matching for command filters: search terms, stems and fuzzy speaker names."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from functools import lru_cache
from itertools import accumulate

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.news.stemming import stem

_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Case- and accent-insensitive form of a text ("Zelenskyy" ~ "zelenskyy", "Kraków" ~ "krakow")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokens(text: str) -> list[str]:
    """Folded word tokens of a text."""
    return _WORD.findall(fold(text))


@lru_cache(maxsize=1 << 17)
def name_tokens(name: str) -> list[str]:
    """tokens() of a speaker's name, remembered: the speaker index is rebuilt whenever articles change."""
    return tokens(name)


def text_terms(text: str) -> set[str]:
    """The index terms of a text: the stem of every word."""
    return {stem(w) for w in tokens(text)}


def query_terms(text: str) -> list[str]:
    """The stems of a query's words, each once, in order."""
    return list(dict.fromkeys(stem(w) for w in tokens(text)))


# Words a reader uses for what news text says in other words: "/figures about:refugees" should find
# "3.9 million people have fled abroad". Each group is a set of interchangeable query words.
_RELATED_GROUPS: tuple[tuple[str, ...], ...] = (
    ("refugee", "refugees", "fled", "flee", "fleeing", "displaced", "evacuated", "evacuees", "asylum"),
    ("killed", "dead", "deaths", "died", "death", "fatalities", "toll"),
    ("injured", "wounded", "hurt", "injuries"),
    ("cost", "costs", "price", "spent", "spending", "budget", "funding", "paid"),
    ("jobs", "unemployment", "jobless", "employment", "workers"),
    ("percent", "percentage", "per", "rate"),
    ("arrested", "arrests", "detained", "custody"),
    ("election", "vote", "votes", "voters", "ballot", "polls"),
)


@lru_cache(maxsize=1)
def _related_index() -> dict[str, tuple[str, ...]]:
    index: dict[str, set[str]] = {}
    for group in _RELATED_GROUPS:
        stems = {stem(w) for w in group}
        for s in stems:
            index.setdefault(s, set()).update(stems - {s})
    return {s: tuple(sorted(others)) for s, others in index.items()}


def related_terms(term: str) -> tuple[str, ...]:
    """Stems of words a reader uses for the same thing as this stem ("refuge" -> "fled", "flee", ...)."""
    return _related_index().get(term, ())


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Damerau-Levenshtein (optimal string alignment) distance, capped at `limit` + 1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _allowed_typos(word: str) -> int:
    return 0 if len(word) < 4 else 1 if len(word) < 8 else 2


TYPO_SCORE = 60  # a name matched only with typos in it


def _score_tokens(q_words: list[str], s_words: list[str], fuzzy: bool) -> int:
    if not q_words or not s_words:
        return 0
    if q_words == s_words:
        return 100
    if all(w in s_words for w in q_words):
        return 90  # "Fomin" in "Alexander Fomin"
    if all(any(s.startswith(w) for s in s_words) for w in q_words):
        return 80  # "Fom", "alex fom"
    if " ".join(q_words) in " ".join(s_words):
        return 70
    if fuzzy and all(any(edit_distance(w, s) <= _allowed_typos(w) for s in s_words) for w in q_words):
        return TYPO_SCORE  # "Fomim", "Chalyy"
    return 0


def speaker_score(query: str, speaker: str) -> int:
    """How well a typed name matches a speaker: 0 (not at all) to 100 (the same name)."""
    return _score_tokens(tokens(query), tokens(speaker), fuzzy=True)


class SpeakerIndex:
    """The known speakers with their folded name tokens, for fast fuzzy lookups.

    Scores are those of speaker_score, but only speakers that can score are scored: those with a token
    beginning with each typed word, or whose joined name holds the typed words; with typos, those with a
    token near each typed word (distinct tokens are far fewer than speakers, as names share words).
    """

    def __init__(self, speakers: Iterable[str]) -> None:
        self.entries = [(name, name_tokens(name)) for name in speakers]
        by_token: dict[str, set[int]] = {}
        for number, (_, words) in enumerate(self.entries):
            for word in words:
                by_token.setdefault(word, set()).add(number)
        self._by_token = by_token
        self._sorted_tokens = sorted(by_token)
        # Every joined name in one text, so a part of a name is found by one str.find pass.
        self._joined = "\n".join(" ".join(words) for _, words in self.entries) + "\n"
        self._starts = list(accumulate((len(" ".join(w)) + 1 for _, w in self.entries), initial=0))

    def _with_prefix(self, word: str) -> set[int]:
        found: set[int] = set()
        at = bisect_left(self._sorted_tokens, word)
        while at < len(self._sorted_tokens) and self._sorted_tokens[at].startswith(word):
            found |= self._by_token[self._sorted_tokens[at]]
            at += 1
        return found

    def _holding(self, text: str) -> set[int]:
        found: set[int] = set()
        at = self._joined.find(text)
        while at >= 0:
            found.add(bisect_right(self._starts, at) - 1)
            at = self._joined.find(text, at + 1)
        return found

    def _near(self, word: str) -> set[int]:
        limit = _allowed_typos(word)
        found: set[int] = set()
        # rapidfuzz's OSA distance is edit_distance in C: every distinct token is compared at C speed.
        near = process.extract(word, self._sorted_tokens, scorer=OSA.distance, score_cutoff=limit, limit=None)
        for token, _distance, _at in near:
            found |= self._by_token[token]
        return found

    def _candidates(self, q_words: list[str], fuzzy: bool) -> list[int]:
        if not q_words:
            return []
        pick = self._near if fuzzy else self._with_prefix
        found = set.intersection(*(pick(w) for w in q_words))
        if not fuzzy:
            found |= self._holding(" ".join(q_words))
        return sorted(found)

    def _scored(self, q_words: list[str], fuzzy: bool) -> list[tuple[int, str]]:
        if fuzzy:
            # Asked only when no name matched without typos: every candidate is near in each word.
            return [(TYPO_SCORE, self.entries[n][0]) for n in self._candidates(q_words, fuzzy=True)]
        hits = []
        for number in self._candidates(q_words, fuzzy=False):
            name, words = self.entries[number]
            if (score := _score_tokens(q_words, words, fuzzy=False)) > 0:
                hits.append((score, name))
        return hits

    def ranked(self, query: str) -> list[tuple[int, str]]:
        """(score, speaker) per matching speaker, best first; typos count only if nothing else matches."""
        q_words = tokens(query)
        hits = self._scored(q_words, fuzzy=False) or self._scored(q_words, fuzzy=True)
        return sorted(hits, key=lambda pair: -pair[0])

    def match(self, query: str) -> list[str]:
        """The speakers a typed name means: all those with the best score."""
        hits = self.ranked(query)
        return [name for score, name in hits if score == hits[0][0]] if hits else []
