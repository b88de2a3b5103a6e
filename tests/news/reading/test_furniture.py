"""Furniture rules: every row's examples are left out, its counter-examples kept (tests from the rows)."""

from __future__ import annotations

import pytest

from bot.news.reading.furniture import RULES, Context, furniture_rule, promo_score, stamp_length


def _ctx(text: str, index: int = 5, count: int = 10) -> Context:
    words = len(text.split())
    return Context(index=index, count=count, heading=not text.rstrip().endswith((".", "!", "?")), words=words)


@pytest.mark.parametrize(
    ("rule", "text"), [(r.name, e) for r in RULES for e in r.examples], ids=lambda v: str(v)[:40]
)
def test_each_example_meets_its_rule(rule: str, text: str) -> None:
    # The bio rule is about the last paragraph: the examples stand there.
    ctx = _ctx(text, index=9)
    assert next(r for r in RULES if r.name == rule).test(text, ctx)
    assert furniture_rule(text, ctx) is not None


@pytest.mark.parametrize(
    ("rule", "text"), [(r.name, e) for r in RULES for e in r.counter_examples], ids=lambda v: str(v)[:40]
)
def test_each_counter_example_is_story_text(rule: str, text: str) -> None:
    assert not next(r for r in RULES if r.name == rule).test(text, _ctx(text, index=9))


@pytest.mark.parametrize(
    "text",
    [
        "The council approved the budget on Monday after a long debate, the mayor said.",
        "Police said 12 people were hurt when the bus left the road near Dunmore.",
        "“We will rebuild,” said Maria Lopez, who lost her shop in the fire.",
        "Shares of the company rose 4% in early trading in New York.",
    ],
)
def test_story_sentences_meet_no_rule(text: str) -> None:
    assert furniture_rule(text, _ctx(text)) is None


def test_long_paragraphs_are_never_furniture() -> None:
    text = "Follow us on Twitter. " + "The storm moved north and the rain kept falling. " * 10
    assert furniture_rule(text, _ctx(text)) is None


def test_a_reported_app_launch_is_not_a_message_to_the_reader() -> None:
    assert promo_score("Users can download the app on iOS and Android, the company said.") < 5
    assert promo_score("Download our app for iOS and Android and follow us on Twitter.") >= 5


@pytest.mark.parametrize(
    ("text", "stamp"),
    [
        ("16.06 AirAsia said the plane was lost.", "16.06 "),
        ("17:00 BST We are leaving it here.", "17:00 BST "),
    ],
)
def test_live_blog_stamps_are_measured(text: str, stamp: str) -> None:
    assert text[: stamp_length(text)] == stamp


def test_a_number_that_opens_a_sentence_is_no_stamp() -> None:
    assert stamp_length("3.5 million people voted.") == 0
    assert stamp_length("12.30 is the time of the launch.") == 0
