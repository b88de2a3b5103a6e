from dataclasses import replace
from pathlib import Path

import pytest

from bot.command_specs import COMMANDS_BY_NAME, POINTS
from bot.commands import CommandOptions
from bot.config import BriefingSettings, parse_config
from bot.errors import ConfigError
from bot.news.briefing import DEFAULT_POINTS


def test_the_points_option_is_the_one_spec_of_brief() -> None:
    brief = {o.name: o for o in COMMANDS_BY_NAME["brief"].options}
    assert brief["points"] is POINTS
    assert (POINTS.kind, POINTS.min, POINTS.max, POINTS.default) == ("integer", 1, 10, DEFAULT_POINTS)
    assert POINTS.help == "How many key points (1-10)"


def test_the_default_points_come_from_the_core() -> None:
    assert BriefingSettings().points == CommandOptions().points == POINTS.default == DEFAULT_POINTS


@pytest.mark.parametrize("value, expected", [("1", 1), ("10", 10), (" 7 ", 7)])
def test_parse_integer_takes_values_in_range(value: str, expected: int) -> None:
    assert POINTS.parse_integer(value) == expected


@pytest.mark.parametrize(
    "value, says", [("0", "got 0"), ("11", "got 11"), ("many", "'many' is not a number")]
)
def test_parse_integer_refuses_with_the_range(value: str, says: str) -> None:
    with pytest.raises(ValueError) as caught:
        POINTS.parse_integer(value)
    assert "points must be a whole number from 1 to 10" in str(caught.value)
    assert says in str(caught.value)


def test_a_narrower_spec_narrows_the_message() -> None:
    narrow = replace(POINTS, max=3)
    assert narrow.help == "How many key points (1-3)"
    with pytest.raises(ValueError, match="from 1 to 3; got 4"):
        narrow.parse_integer("4")


def test_the_config_checker_takes_the_options_range(tmp_path: Path) -> None:
    assert parse_config("briefing:\n  points: 10\n", "c.yaml", tmp_path).briefing.points == 10
    with pytest.raises(ConfigError, match=r"c.yaml:2: briefing.points: must be from 1 to 10; got 11"):
        parse_config("briefing:\n  points: 11\n", "c.yaml", tmp_path)
