from bot.news.models import Quote
from bot.reply_shaping import article_link, figure_data, quote_data


def test_a_quote_reply_keeps_the_clean_name_and_the_label_under_their_own_keys() -> None:
    quote = Quote(
        "We will rebuild", "Len Burman", "economist", 0, 10, mention="Len Burman, head of the centre"
    )
    stored = quote.to_dict()
    assert stored["speaker"] == "Len Burman, head of the centre"  # the scorer's JSONL stays as it is
    assert quote_data(stored) == {
        "text": "We will rebuild",
        "speaker": "Len Burman",
        "label": "Len Burman, head of the centre",
        "role": "economist",
    }


def test_a_quote_stored_before_speaker_name_existed_reads_its_name() -> None:
    data = quote_data({"text": "x", "speaker": "Ben Ode", "role": None})
    assert (data["speaker"], data["label"]) == ("Ben Ode", "Ben Ode")


def test_figure_data_keeps_the_contract_keys_only() -> None:
    stored = {
        "text": "4,000 people",
        "value": 4000,
        "unit": "people",
        "qualifier": None,
        "about": "fled",
        "start": 3,
        "end": 15,
        "kind": "number",
    }
    assert figure_data(stored) == {
        "text": "4,000 people",
        "value": 4000,
        "unit": "people",
        "qualifier": None,
        "about": "fled",
    }


def test_article_link_names_the_feed_else_the_site_else_the_host() -> None:
    assert article_link({"url": "https://news.example/a", "feed": "Wire"}) == {
        "url": "https://news.example/a",
        "origin": "Wire",
    }
    assert article_link({"url": "https://news.example/a"})["origin"] == "news.example"
    assert article_link({"url": "javascript:alert(1)"}) == {"url": None, "origin": None}
    assert article_link({}) == {"url": None, "origin": None}
