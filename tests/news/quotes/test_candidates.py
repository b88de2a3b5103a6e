"""Candidate speakers: the patterns that propose them, and the cheap search for a mention's verb."""

from __future__ import annotations

import random
import re

from bot.news.articles import parse_article
from bot.news.models import Quote
from bot.news.quotes import candidates as cm
from bot.news.quotes.extract import speaker_candidates
from bot.news.quotes.verbs import _VERB
from bot.news.sentences import split_sentences


def candidates_of(text: str) -> list[tuple[Quote, list[cm.Candidate]]]:
    article = parse_article("Officials met on Tuesday to discuss the plan.\n\n" + text, "t.txt")
    return speaker_candidates(article, split_sentences(article))


# The plain form the fast _CAPITAL_RUN stands for: "the" (optional), one to five capital words, a body's head.
PLAIN_CAPITAL_RUN = re.compile(r"(?:\b[Tt]he\s+)?(?:[A-Z][\w’'&\-]*\s+){1,5}(?P<head>" + cm._HEADS + r")\b")
PIECES = (
    "The |the |Tthe |A|Ministry |of |Health |Council|Mc|Donald |t|he |Board |x|\n|’s |UN |Agency|-".split("|")
)


def test_the_capital_run_finds_bodies_named_by_capital_words() -> None:
    text = "He met the Highway Agency, then the Scottish Government and Friends of the Earth Council."
    assert [m.group(0) for m in cm._CAPITAL_RUN.finditer(text)] == [
        "the Highway Agency",
        "the Scottish Government",
        "the Earth Council",
    ]


def test_the_capital_run_matches_its_plain_form_on_random_text() -> None:
    rng = random.Random(11)
    for _ in range(5000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randrange(1, 14)))
        pos = rng.randrange(len(text) + 1)
        fast = [(m.start(), m.group(0)) for m in cm._CAPITAL_RUN.finditer(text, pos)]
        plain = [(m.start(), m.group(0)) for m in PLAIN_CAPITAL_RUN.finditer(text, pos)]
        assert fast == plain, (text, pos)


def test_the_verb_after_a_mention_counts_in_its_first_words_or_up_to_a_clause_mark_after_a_comma() -> None:
    assert cm._verb_after(" said on Monday").group(0) == "said"
    assert cm._verb_after(", a spokesman for the agency, said.").group(0) == "said"
    assert cm._verb_after(" was told by aides").group(0) == "told"
    assert cm._verb_after(" arrived. Later she said so") is None  # past a full stop and three words
    assert cm._verb_after(" and the others in the room said") is None  # no comma: too far


def test_the_verb_after_a_mention_is_the_plain_search_wherever_it_can_give_a_feature() -> None:
    rng = random.Random(5)
    words = [
        "said",
        "told",
        "was",
        "he",
        "the",
        "agency",
        ",",
        ".",
        ":",
        "“",
        "then",
        "a",
        "spokesman",
        "noted",
    ]
    for _ in range(5000):
        after = " " + " ".join(rng.choice(words) for _ in range(rng.randrange(0, 25)))
        found, plain = cm._verb_after(after), _VERB.search(after)
        if found is not None:
            assert plain is not None and (found.start(), found.group(0)) == (plain.start(), plain.group(0))
        elif plain is not None:
            gap = after[: plain.start()]
            assert len(gap.split()) > 2  # no feature either way: too far, and past a mark after a comma
            assert not gap.lstrip().startswith(",") or cm._CLAUSE_MARK.search(gap)


def test_a_described_speaker_s_head_may_follow_modifiers() -> None:
    text = (
        "The internal memo, seen by reporters, said so. Then the company’s chief spokesman for Acme said no."
    )
    found = {shown: kind for _, _, shown, kind in cm._described(text, 0, len(text))}
    assert found == {
        "The internal memo": "document",
        "the company’s chief spokesman for Acme": "unnamed",
    }


def test_a_phrase_without_a_listed_head_is_no_described_speaker() -> None:
    text = "The new bridge will open in the spring of next year."
    assert cm._described(text, 0, len(text)) == []


def test_a_section_heading_is_never_a_candidate() -> None:
    found = candidates_of(
        "The economy grew by 2 percent last year, officials said.\n\nSpotty Recovery\n\n"
        "“Some regions are still far behind the rest of the country and will be for years,” he said."
    )
    assert "Spotty Recovery" not in {c.name for c in found[0][1]}
    assert found[0][1][-1].kind == "nobody"


def test_a_memo_named_after_its_modifiers_is_a_document_candidate() -> None:
    found = candidates_of(
        "The agency knew of the flaw for months.\n\nThe internal memo, seen by reporters, said: “Staff "
        "should not discuss the valve problem with anyone outside the engineering team.”"
    )
    kinds = {c.name: c.kind for c in found[0][1]}
    assert kinds["The internal memo"] == "document"
