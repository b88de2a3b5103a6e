"""Stories: clustering one event's articles from several outlets and briefing them once."""

from __future__ import annotations

from datetime import date

import pytest

from bot.news.articles import parse_article
from bot.news.briefing import analyse
from bot.news.models import Article, Briefing, Figure, Quote
from bot.news.stories import (
    CONCEPT_SYNONYMS,
    ClusterSettings,
    StoryClusterer,
    align_figures,
    brief_stories,
    brief_story,
    cluster_stories,
    figure_concept,
    merge_points,
    merge_quotes,
    source_label,
    story_update,
)

# Three outlets' versions of one made-up earthquake, in different styles and lengths.
QUAKE_WIRE = """date 2024-05-02 Valdora — Strong earthquake strikes Valdora, killing dozens

A magnitude 6.8 earthquake struck the mountain town of Valdora on Thursday, killing at least 42 people and
toppling hundreds of homes, the regional governor Marta Ilves said.

"We are still pulling people from the rubble and the toll will rise," Ilves told reporters at the town hall.

Rescue teams from neighbouring provinces reached Valdora by the evening. About 3,000 residents spent the
night in tents set up in the football stadium.
"""

QUAKE_DAILY = """date 2024-05-02 Valdora — Valdora earthquake: rescuers search rubble as death toll climbs

Rescuers dug through collapsed buildings in Valdora late on Thursday after a magnitude 6.8 earthquake shook
the mountain town, leaving at least 57 people dead, according to the civil protection agency.

Governor Marta Ilves said the search would go on through the night. "We are still pulling people from the
rubble and the toll will rise," she said.

The quake, centred 10 kilometres below the town, cut power to most of the region. About 3,000 residents
slept in tents in the football stadium, and the army sent field kitchens.

Valdora was last hit by a strong earthquake in 1987.
"""

QUAKE_BRIEF = """date 2024-05-03 Valdora — Valdora quake survivors spend night in tents

Thousands of survivors of Thursday's magnitude 6.8 earthquake in Valdora spent the night in tents in the
town's football stadium, as rescuers kept searching the rubble of hundreds of toppled homes.

At least 42 people were killed, governor Marta Ilves said on Friday.
"""

# The same topic, a different event: another earthquake, elsewhere, the next day.
OTHER_QUAKE = """date 2024-05-03 Port Ternay — Earthquake rattles Port Ternay, damaging the harbour

A magnitude 5.2 earthquake shook the coastal city of Port Ternay on Friday, cracking the harbour wall and
sinking two fishing boats, the port authority said. No one was killed.

Harbour master Olek Brandt said ferries would stay in port until divers had inspected the piers.
"""

UNRELATED = """date 2024-05-02 Riga — Teenager wins the Baltic chess open

The 16-year-old grandmaster Ines Kalnina won the Baltic chess open in Riga on Thursday, beating the top seed
in the final round.

"I did not expect to win, I only wanted to enjoy the games," Kalnina said after the last game.
"""


def _article(text: str, name: str) -> Article:
    return parse_article(text, f"news/{name}.txt")


def _briefing(text: str, name: str) -> Briefing:
    return analyse(_article(text, name))


@pytest.fixture(scope="module")
def briefings() -> dict[str, Briefing]:
    texts = {
        "wire": QUAKE_WIRE,
        "daily": QUAKE_DAILY,
        "brief": QUAKE_BRIEF,
        "port": OTHER_QUAKE,
        "chess": UNRELATED,
    }
    return {name: _briefing(text, name) for name, text in texts.items()}


def _groups(stories) -> set[frozenset[str]]:
    return {frozenset(s.article_ids) for s in stories}


def test_versions_of_one_event_form_one_story_apart_from_another_event_on_the_same_topic(briefings):
    stories = cluster_stories(list(briefings.values()))
    assert _groups(stories) == {
        frozenset({"wire", "daily", "brief"}),
        frozenset({"port"}),
        frozenset({"chess"}),
    }


def test_a_story_grows_as_articles_arrive_and_keeps_its_first_articles_id(briefings):
    clusterer = StoryClusterer()
    first = clusterer.add(briefings["wire"])
    assert first.article_ids == ("wire",)
    assert clusterer.add(briefings["chess"]).article_ids == ("chess",)
    grown = clusterer.add(briefings["daily"])
    assert grown.id == "wire" and grown.article_ids == ("wire", "daily")
    assert clusterer.add(briefings["brief"]).article_ids == ("wire", "daily", "brief")
    assert clusterer.story_of("daily") == clusterer.story_of("wire")
    assert clusterer.story_of("never-added") is None
    # Adding an article twice does not duplicate it.
    assert clusterer.add(briefings["daily"]).article_ids == ("wire", "daily", "brief")


def test_articles_outside_the_time_window_start_a_new_story():
    early = _briefing(QUAKE_WIRE, "wire")
    late_text = QUAKE_DAILY.replace("date 2024-05-02", "date 2024-05-20")
    late = _briefing(late_text, "daily")
    assert len(cluster_stories([early, late], ClusterSettings(window_hours=72))) == 2
    assert len(cluster_stories([early, late], ClusterSettings(window_hours=24 * 30))) == 1


def test_the_threshold_decides_how_alike_articles_must_be(briefings):
    pair = [briefings["wire"], briefings["daily"]]
    assert len(cluster_stories(pair, ClusterSettings(threshold=0.2))) == 1
    assert len(cluster_stories(pair, ClusterSettings(threshold=0.99))) == 2


def test_the_story_briefing_lists_every_source_and_folds_duplicate_points(briefings):
    story = brief_story([briefings["daily"], briefings["wire"], briefings["brief"]])
    assert story.story_id == "daily"  # same day as "wire": ids break the tie, so the order is stable
    assert [s.label for s in story.sources] == ["daily", "wire", "brief"]
    assert story.key_points and all(p.sources for p in story.key_points)
    texts = [p.text for p in story.key_points]
    assert len(texts) == len(set(texts))
    # Each outlet's lead tells the same news: it is shown once, credited to more than one outlet.
    assert any(len(p.sources) >= 2 for p in story.key_points)


def test_the_same_quote_from_two_outlets_is_shown_once_with_both_sources(briefings):
    story = brief_story([briefings["wire"], briefings["daily"]])
    rubble = [q for q in story.quotes if "pulling people from the rubble" in q.text]
    assert len(rubble) == 1
    assert set(rubble[0].sources) == {"wire", "daily"}
    assert rubble[0].speaker == "Marta Ilves"


def test_quotes_keep_a_speaker_when_the_first_outlet_gave_none():
    article_a, article_b = _article(QUAKE_WIRE, "a"), _article(QUAKE_DAILY, "b")
    words = "the bridge will reopen once the engineers are satisfied"
    unattributed = Briefing(article_a, (), (Quote(words, None, None, 0, 10),))
    attributed = Briefing(article_b, (), (Quote(words, "Olek Brandt", "harbour master", 0, 10),))
    (quote,) = merge_quotes([unattributed, attributed], ["a", "b"], 5)
    assert quote.speaker == "Olek Brandt" and quote.sources == ("a", "b")


def test_figures_about_the_same_thing_disagree_with_each_value_and_its_source(briefings):
    story = brief_story([briefings["wire"], briefings["daily"], briefings["brief"]])
    deaths = [
        f for f in story.figures if "=death" in set().union(*(figure_concept(v.figure) for v in f.values))
    ]
    assert len(deaths) == 1
    (toll,) = deaths
    assert toll.agreement == "disagree"
    assert {v.figure.value: v.source for v in toll.values if v.source == "daily"} == {57: "daily"}
    assert sorted(v.figure.value for v in toll.values) == [42, 42, 57]
    assert "at least 42 people (wire, brief)" in toll.statement
    assert "at least 57 people (daily)" in toll.statement
    assert story.disagreements == (toll,)
    tents = [f for f in story.figures if any(v.figure.value == 3000 for v in f.values)]
    assert tents and tents[0].agreement == "agree" and set(tents[0].sources) == {"wire", "daily"}


def _figure(text: str, value: float, about: str, unit: str | None = "people") -> Figure:
    return Figure(text, value, unit, None, about, 0, len(text))


@pytest.mark.parametrize(
    ("first", "second", "aligned"),
    [
        (_figure("5,000", 5000, "people killed"), _figure("4,000", 4000, "deaths"), True),
        (_figure("3.9 million", 3.9e6, "fled abroad"), _figure("4 million", 4e6, "refugees"), True),
        # a different place: two quantities, not a disagreement
        (_figure("5,000", 5000, "killed in Mariupol"), _figure("4,000", 4000, "killed in Kharkiv"), False),
        # a different measure
        (_figure("5,000", 5000, "people killed"), _figure("4,000", 4000, "people injured"), False),
        # too far apart to be one quantity
        (_figure("5,000", 5000, "people killed"), _figure("90", 90, "people killed"), False),
    ],
)
def test_figure_alignment_needs_the_same_measure_place_and_magnitude(first, second, aligned):
    # Each figure's article is just its own sentence, so only the figure's words can align it.
    a = _article(f"{first.text} {first.about}.", "a")
    b = _article(f"{second.text} {second.about}.", "b")
    groups = align_figures([Briefing(a, (), (), (first,)), Briefing(b, (), (), (second,))], ["a", "b"], 5)
    assert (len(groups) == 1) is aligned
    if aligned:
        assert groups[0].agreement == "disagree"
        assert groups[0].statement == f"{first.text} (a); {second.text} (b)"


def test_two_figures_of_one_article_are_never_aligned_with_each_other():
    article = _article(QUAKE_WIRE, "a")
    figures = (_figure("42", 42, "people killed"), _figure("57", 57, "people killed"))
    groups = align_figures([Briefing(article, (), (), figures)], ["a"], 5)
    assert [g.agreement for g in groups] == ["single", "single"]


def test_source_label_prefers_site_then_host_then_file_name():
    base = _article(UNRELATED, "chess-desk")
    assert source_label(base) == "chess-desk"
    from dataclasses import replace

    assert source_label(replace(base, url="https://www.example.org/a/b")) == "example.org"
    assert source_label(replace(base, url="https://www.example.org/a", site="Example News")) == "Example News"


def test_two_articles_of_one_outlet_get_distinct_labels():
    one = _briefing(QUAKE_WIRE, "wire")
    two = analyse(parse_article(QUAKE_BRIEF, "other/wire.txt", article_id="wire-2"))
    story = brief_story([one, two])
    assert [s.label for s in story.sources] == ["wire", "wire (2)"]


def test_brief_stories_analyses_clusters_and_puts_the_newest_story_first():
    articles = [
        _article(t, n) for t, n in ((QUAKE_WIRE, "wire"), (QUAKE_BRIEF, "brief"), (UNRELATED, "chess"))
    ]
    stories = brief_stories(articles)
    assert [[s.label for s in story.sources] for story in stories] == [["wire", "brief"], ["chess"]]
    assert stories[0].sources[-1].date == date(2024, 5, 3)
    data = stories[0].to_dict()
    assert data["story_id"] == "wire" and data["sources"][1]["date"] == "2024-05-03"
    assert all("statement" in f for f in data["figures"])


def test_an_empty_story_is_refused():
    with pytest.raises(ValueError, match="at least one article"):
        brief_story([])


def test_the_stories_module_loads_no_platform_scheduler_network_or_database_module():
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import sys, bot.news.stories\n"
        "heavy = ['discord', 'slack_bolt', 'slack_sdk', 'apscheduler', 'aiohttp', 'sqlite3', 'psycopg',"
        " 'bot.store', 'bot.storage', 'bot.channels', 'httpx', 'requests']\n"
        "print([m for m in heavy if m in sys.modules])\n"
    )
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_points_stating_the_same_number_in_other_words_are_folded_into_one():
    a, b = _article(QUAKE_WIRE, "a"), _article(QUAKE_DAILY, "b")
    first = (
        "The meeting at the palace was the first in-person round between the two delegations since March 10."
    )
    talks = (
        "The talks held in Istanbul on Tuesday were the first face-to-face meeting between the sides since"
    )
    second, other = f"{talks} March 10.", f"{talks} June 2."
    folded = merge_points([Briefing(a, (first,)), Briefing(b, (second,))], ["a", "b"], 4)
    assert [(p.text, p.sources) for p in folded] == [(first, ("a", "b"))]
    kept = merge_points([Briefing(a, (first,)), Briefing(b, (other,))], ["a", "b"], 4)
    assert len(kept) == 2


def test_a_story_update_keeps_what_the_new_outlets_add(briefings):
    whole = brief_story([briefings["wire"], briefings["daily"]], points=50, quotes=50, figures=50)
    update = story_update(whole, {"wire"}, points=3)
    assert (update.new_sources, update.earlier_sources) == (("daily",), ("wire",))
    assert update.key_points and all(p.sources == ("daily",) for p in update.key_points)
    # The toll the new outlet disputes is in the update; the tents both agree on are not news.
    assert any(f.agreement == "disagree" and "daily" in f.sources for f in update.figures)
    assert not any(any(v.figure.value == 3000 for v in f.values) for f in update.figures)
    assert story_update(whole, {"wire", "daily"}).new_sources == ()


@pytest.mark.parametrize("concept", CONCEPT_SYNONYMS, ids=lambda c: c.name)
def test_each_concept_row_aligns_its_two_wordings_and_not_another_concepts(concept):
    first, second = concept.example
    a = _figure("5,000", 5000, first, unit=None)
    b = _figure("4,000", 4000, second, unit=None)
    assert f"={concept.name}" in figure_concept(a) and f"={concept.name}" in figure_concept(b)
    pair = [Briefing(_article(f"{a.text} {first}.", "a"), (), (), (a,))]
    pair.append(Briefing(_article(f"{b.text} {second}.", "b"), (), (), (b,)))
    (aligned,) = align_figures(pair, ["a", "b"], 5)
    assert aligned.agreement == "disagree"
    others = [c for c in CONCEPT_SYNONYMS if c is not concept]
    other = _figure("4,500", 4500, others[0].example[0], unit=None)
    mixed = [pair[0], Briefing(_article(f"{other.text} {other.about}.", "c"), (), (), (other,))]
    assert len(align_figures(mixed, ["a", "c"], 5)) == 2
