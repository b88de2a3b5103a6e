"""Tests generated from the step tables of the quote and figure rules: every case of every named row runs
through the real decision it belongs to, and a case marked `fires` is decided or skipped by its own row."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.news.articles import parse_article
from bot.news.figures import _extract as figures_extract
from bot.news.figures import extract_figures
from bot.news.quotes import attribution, candidates, context, labels, marks, names
from bot.news.quotes.extract import speaker_candidates
from bot.news.quotes.speakers import _Speaker
from bot.news.sentences import split_sentences
from bot.news.steps import SKIP, Case, Decided, Step, run_steps, traced


def _subject(case: Case) -> str | None:
    found = attribution._subject(case.given, set(case.known) or None)
    return found.name if found else None


def _before(case: Case) -> str | None:
    found = attribution._verb_before(case.given, set(case.known) or None)
    return found.name if found else None


def _after(case: Case) -> str | None:
    found = attribution._verb_after(case.given)
    return found.name if found else None


def _article(case: Case) -> str | None:
    """The speaker the rules read for the last quote of a made-up article body."""
    article = parse_article("Officials met on Tuesday to discuss the plan.\n\n" + case.given, "t.txt")
    quote, _ = speaker_candidates(article, split_sentences(article))[-1]
    return quote.speaker


def _role_head(case: Case) -> str | None:
    return labels._role_head(case.given)


def _tidy_role(case: Case) -> str | None:
    return labels._tidy_role(case.given)


def _figure_about(case: Case) -> str | None:
    """What the first figure of a made-up sentence counts, as the extractor reads it."""
    article = parse_article(case.given, "t.txt")
    found = extract_figures(article, split_sentences(article))
    return found[0].about if found else None


def _figure_reading(case: Case) -> str | None:
    """The first figure of a made-up sentence as "text = value unit", as the extractor reads it."""
    article = parse_article(case.given, "t.txt")
    found = extract_figures(article, split_sentences(article))
    return f"{found[0].text} = {found[0].value} {found[0].unit}" if found else None


def _title(case: Case) -> str | None:
    return "title" if marks._is_title(case.given) else None


def _appositive(case: Case) -> str | None:
    return "appositive" if context._describes_the_name(case.given) else None


def _appositive_role(case: Case) -> str | None:
    return names._appositive(case.given)


def _person_named(case: Case) -> str | None:
    """The person's own name for "name || mention || article text" (mention and text default to the name)."""
    parts = [part.strip() for part in case.given.split("||")]
    name, mention, text = (parts + [parts[0], parts[0]])[:3] if len(parts) < 3 else parts
    return names._person_named(name, None, mention, names._Names(text))[0]


def _candidate_kind(case: Case) -> str | None:
    """The kind of "name || article text" (the text defaults to the name); "other" reads as None."""
    name, _, text = (part.strip() for part in case.given.partition("||"))
    kind = candidates._kind(name, names._Names(text or name))
    return None if kind == "other" else kind


def _pull_quote_signature(case: Case) -> str | None:
    found = marks._pull_quote(case.given)
    return found[1] if found else None


TABLES: dict[str, tuple[tuple[Step, ...], Callable[[Case], str | None]]] = {
    "subject chunks": (attribution._CHUNK_STEPS, _subject),
    "subject words": (attribution._WORD_STEPS, _subject),
    "clause before": (attribution._BEFORE_STEPS, _before),
    "words after": (attribution._AFTER_STEPS, _after),
    "resolve": (context._RESOLVE_STEPS, _article),
    "role head": (labels._ROLE_HEAD_STEPS, _role_head),
    "tidy role": (labels._TIDY_ROLE_STEPS, _tidy_role),
    "figure about": (figures_extract._ABOUT_STEPS, _figure_about),
    "plural number": (figures_extract._PLURAL_STEPS, _figure_reading),
    "title in quote marks": (marks._TITLE_STEPS, _title),
    "pull quote": (marks._PULL_QUOTE_STEPS, _pull_quote_signature),
    "appositive at a sentence end": (context._APPOSITIVE_STEPS, _appositive),
    "role after a name": (names._APPOSITIVE_ROLE_STEPS, _appositive_role),
    "person named in a run": (names._PERSON_NAMED_STEPS, _person_named),
    "kind of candidate": (candidates._KIND_STEPS, _candidate_kind),
}
CASES = [
    pytest.param(table, step.name, case, id=f"{step.name}-{k}")
    for table, (steps, _) in TABLES.items()
    for step in steps
    for k, case in enumerate(step.cases)
]


@pytest.mark.parametrize(("table", "row", "case"), CASES)
def test_each_step_case_gets_its_speaker(table: str, row: str, case: Case) -> None:
    decide = TABLES[table][1]
    with traced() as fired:
        shown = decide(case)
    if case.speaker is None:
        assert shown is None, shown
    else:
        assert shown is not None and case.speaker.casefold() in shown.casefold(), shown
    if case.not_speaker:
        assert case.not_speaker.casefold() not in (shown or "").casefold()
    if case.fires:
        assert row in fired, fired


@pytest.mark.parametrize("table", list(TABLES))
def test_every_row_has_a_unique_name_and_a_case(table: str) -> None:
    steps = TABLES[table][0]
    names = [step.name for step in steps]
    assert len(names) == len(set(names))
    assert all(step.cases for step in steps), [s.name for s in steps if not s.cases]


def test_run_steps_stops_at_the_first_row_that_decides_or_skips() -> None:
    seen: list[str] = []

    def note(name: str, outcome: object) -> Step[list[str]]:
        return Step(name, lambda state: (state.append(name), outcome)[1])

    rows = (note("a", None), note("b", SKIP), note("c", Decided(_Speaker("x", None, "name"))))
    assert run_steps(rows, seen) is SKIP
    assert seen == ["a", "b"]
    with traced() as fired:
        assert run_steps(rows[2:], seen) == Decided(_Speaker("x", None, "name"))
    assert fired == ["c"]
    assert run_steps(rows[:1], seen) is None
