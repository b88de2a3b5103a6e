from bot.news.articles import parse_article
from bot.news.briefing import analyse

ARTICLE = """Flood waters rise in the valley

About 4,000 people fled the town of Riverton on Tuesday. The mayor said 12 schools were closed.

Officials expect the river to fall by 2 metres by Friday."""


def test_each_figure_keeps_the_sentence_the_analysis_found_it_in() -> None:
    briefing = analyse(parse_article(ARTICLE, "flood.txt"))
    assert briefing.figures, "the article has figures"
    assert len(briefing.figure_sentences) == len(briefing.figures)
    for figure, sentence in zip(briefing.figures, briefing.figure_sentences, strict=True):
        assert figure.text in sentence
    by_text = dict(zip((f.text for f in briefing.figures), briefing.figure_sentences, strict=True))
    assert by_text["About 4,000 people"] == "About 4,000 people fled the town of Riverton on Tuesday."


def test_figure_sentences_stay_out_of_the_json_contract() -> None:
    data = analyse(parse_article(ARTICLE, "flood.txt")).to_dict()
    assert "figure_sentences" not in data
