"""The speaker ranker: its model file, the candidates it chooses among, and its choice on made-up news."""

from __future__ import annotations

import json
from importlib import resources

from bot.news.articles import parse_article
from bot.news.models import Quote
from bot.news.quotes.candidates import Candidate
from bot.news.quotes.extract import speaker_candidates, with_speaker
from bot.news.quotes.ranker import MODEL_FILE, choose, load_model, score
from bot.news.sentences import split_sentences
from tests.news.quotes.support import quotes_in


def candidates_of(text: str) -> list[tuple[Quote, list[Candidate]]]:
    article = parse_article("Officials met on Tuesday to discuss the plan.\n\n" + text, "t.txt")
    return speaker_candidates(article, split_sentences(article))


def test_the_model_file_holds_one_weight_per_feature() -> None:
    data = json.loads(resources.files("bot.news.quotes").joinpath(MODEL_FILE).read_text(encoding="utf-8"))
    assert len(data["features"]) == len(data["weights"]) == len(set(data["features"]))
    assert {"rule", "nobody", "verb_after", "pronoun_agrees"} <= set(data["features"])
    assert load_model()["rule"] == dict(zip(data["features"], data["weights"], strict=True))["rule"]


def test_choose_takes_the_highest_score_and_the_first_of_equals() -> None:
    weights = {"verb_after": 2.0, "listener": -3.0}
    a = Candidate("Ann Lee", "person", {"verb_after": 1.0, "listener": 1.0})
    b = Candidate("Bo Kim", "person", {"verb_after": 1.0})
    c = Candidate("Cy Ray", "person", {"verb_after": 1.0})
    assert score(a, weights) == -1.0
    assert choose([a, b, c], weights) is b


def test_every_quote_has_a_nobody_candidate_last_and_the_rules_pick_among_them() -> None:
    found = candidates_of(
        "“The new bridge will open in the spring of next year,” said Ana Ruiz, the city engineer."
    )
    quote, cands = found[0]
    assert cands[-1].name is None and cands[-1].kind == "nobody"
    picks = [c for c in cands if c.rules_pick]
    assert len(picks) == 1 and picks[0].name == "Ana Ruiz" and picks[0].features["verb_before"] == 1.0
    assert with_speaker(quote, picks[0]) is quote


def test_candidates_are_people_bodies_unnamed_sources_and_documents() -> None:
    found = candidates_of(
        "Ana Ruiz met the Highway Agency on Monday, and a spokesperson for the Transport Council "
        "quoted a memo.\n\n“The new bridge will open in the spring of next year,” he said."
    )
    kinds = {c.name: c.kind for c in found[0][1]}
    assert kinds["Ana Ruiz"] == "person"
    assert kinds["the Highway Agency"] == "organisation"
    assert kinds["a spokesperson for the Transport Council"] == "unnamed"
    assert kinds["a memo"] == "document"


def test_a_listener_and_a_reporter_differ_in_their_features() -> None:
    found = candidates_of(
        "Ana Ruiz told Tom Hale about the delay. “The new bridge will not open in the spring after all.”"
    )
    feats = {c.name: c.features for c in found[0][1]}
    assert feats["Tom Hale"].get("listener") == 1.0
    assert "listener" not in feats["Ana Ruiz"] and feats["Ana Ruiz"].get("verb_after") == 1.0


def test_a_new_unnamed_speaker_takes_the_pronoun_not_the_person_named_before() -> None:
    quotes = quotes_in(
        "Lecturers at 40 universities walked out on Monday over pay.\n\n“We have been left with no choice,” "
        "said Jo Grady, the general secretary of the University and College Union. “Our members are "
        "exhausted and angry.”\n\nA spokesperson for the Universities and Colleges Employers’ Association "
        "said the strike would harm students.\n\n“UCEA has made a fair offer and the unions should put it to "
        "their members,” he said."
    )
    assert [q.speaker for q in quotes][:2] == ["Jo Grady", "Jo Grady"]
    assert "Grady" not in (quotes[2].speaker_label or "")
    assert "Employers’ Association" in (quotes[2].speaker_label or "")


def test_a_quote_from_a_document_is_the_document_s_not_a_person_s() -> None:
    quotes = quotes_in(
        "The agency knew of the flaw for months.\n\nA memo sent to staff in March read: “The valves must "
        "not be used until further notice from the engineering team.”\n\nMaria Lopez had not seen it."
    )
    assert quotes[0].speaker is not None and "memo" in quotes[0].speaker.lower()


def test_a_clause_fragment_is_no_speaker() -> None:
    quotes = quotes_in(
        "Commuters are slowly returning to the city centre.\n\nThat mobility remains low “is a worry for "
        "every shop owner on the high street and for the council.”"
    )
    assert "mobility" not in (quotes[0].speaker_label or "").lower()
