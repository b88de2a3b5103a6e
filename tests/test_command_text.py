import pytest

from bot.command_specs import COMMANDS_BY_NAME
from bot.command_text import UNCLOSED_QUOTE, parse_command_text

QUOTE = COMMANDS_BY_NAME["quote"]


@pytest.mark.parametrize(
    ("free_text", "expected"),
    [("each", {"speaker": "Fomin", "about": "peace"}), ("joined", {"speaker": "Fomin peace"})],
)
def test_free_words_fill_options_as_the_caller_asks(free_text: str, expected: dict[str, str]) -> None:
    assert parse_command_text(QUOTE, "Fomin peace", free_text=free_text).args == expected


@pytest.mark.parametrize("free_text", ["each", "joined"])
def test_named_values_read_the_same_in_both_modes(free_text: str) -> None:
    parsed = parse_command_text(QUOTE, 'about:"New York" Speaker:Fomin', free_text=free_text)
    assert parsed.args == {"about": "New York", "speaker": "Fomin"} and parsed.error is None


def test_public_is_an_option_only_where_the_caller_allows_it() -> None:
    assert parse_command_text(QUOTE, "fomin public:yes").public is True
    refused = parse_command_text(QUOTE, "public:yes", allow_public=False)
    assert refused.error is not None and "Unknown option `public:`" in refused.error
    assert "public:yes" not in refused.error


def test_an_open_quotation_mark_is_a_sentence_for_the_user() -> None:
    assert parse_command_text(QUOTE, 'about:"New York').error == UNCLOSED_QUOTE


def test_a_point_count_after_an_article_is_read_by_the_points_range() -> None:
    brief = COMMANDS_BY_NAME["brief"]
    assert parse_command_text(brief, "peace talks 10").args == {"article": "peace talks", "points": "10"}
    assert parse_command_text(brief, "flight 370").args == {"article": "flight 370"}
