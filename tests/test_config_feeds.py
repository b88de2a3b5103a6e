"""articles.feeds, articles.max_age and articles.allow_private_hosts in config.yaml: values and errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import DEFAULT_FEED_EVERY, DEFAULT_MAX_AGE, FeedSpec, parse_config, parse_duration
from bot.errors import ConfigError


def test_feeds_as_urls_or_mappings_with_name_every_and_filters(tmp_path: Path) -> None:
    settings = parse_config(
        """articles:
  max_age: 36h
  allow_private_hosts: true
  feeds:
    - https://wire.example/rss
    - {url: "https://atom.example/feed", name: Atom, every: 10m,
       include: [ukraine, grain deal], exclude: sport}
""",
        "config.yaml",
        tmp_path,
    )
    a = settings.articles
    assert a.max_age == 36 * 3600 and a.allow_private_hosts is True
    assert a.feeds == (
        FeedSpec("https://wire.example/rss", None, DEFAULT_FEED_EVERY),
        FeedSpec("https://atom.example/feed", "Atom", 600.0, ("ukraine", "grain deal"), ("sport",)),
    )


def test_the_defaults_follow_no_feeds_and_refuse_private_hosts(tmp_path: Path) -> None:
    a = parse_config("", "config.yaml", tmp_path).articles
    assert (a.feeds, a.max_age, a.allow_private_hosts) == ((), DEFAULT_MAX_AGE, False)


BAD = [
    (
        "articles:\n  feeds: https://x.example/rss\n",
        "config.yaml:2: articles.feeds: must be a list of feed URLs",
    ),
    (
        "articles:\n  feeds:\n    - ftp://x.example/rss\n",
        "config.yaml:3: articles.feeds[0]: 'ftp://x.example/rss': only http",
    ),
    ("articles:\n  feeds:\n    - {name: X}\n", "config.yaml:3: articles.feeds[0]: missing key 'url'"),
    (
        "articles:\n  feeds:\n    - {url: 'https://x.example/', every: soon}\n",
        "config.yaml:3: articles.feeds[0].every: a duration",
    ),
    (
        "articles:\n  feeds:\n    - {url: 'https://x.example/', every: 0}\n",
        "articles.feeds[0].every: must be at least 1 seconds",
    ),
    (
        "articles:\n  feeds:\n    - {url: 'https://x.example/', colour: red}\n",
        "config.yaml:3: articles.feeds[0].colour: unknown key",
    ),
    (
        "articles:\n  feeds:\n    - {url: 'https://x.example/', include: [3]}\n",
        "articles.feeds[0].include[0]: must be a keyword",
    ),
    (
        "articles:\n  feeds:\n    - https://x.example/\n    - https://x.example/\n",
        "config.yaml:4: articles.feeds[1]: 'https://x.example/' is listed twice",
    ),
    ("articles:\n  feeds:\n    - 42\n", "config.yaml:3: articles.feeds[0]: must be a feed URL or a mapping"),
    ("articles:\n  max_age: 2 weeks\n", "config.yaml:2: articles.max_age: a duration"),
    (
        "articles:\n  allow_private_hosts: maybe\n",
        "config.yaml:2: articles.allow_private_hosts: must be true or false",
    ),
]


@pytest.mark.parametrize(("text", "error"), BAD)
def test_bad_feed_settings_name_the_key_and_line(tmp_path: Path, text: str, error: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config(text, "config.yaml", tmp_path)
    assert error in str(caught.value)


@pytest.mark.parametrize(
    ("value", "seconds"),
    [(90, 90.0), ("90s", 90.0), ("15m", 900.0), ("2h", 7200.0), ("2d", 172800.0), ("1.5h", 5400.0)],
)
def test_durations_are_seconds_or_a_number_with_a_unit(value: object, seconds: float) -> None:
    assert parse_duration(value) == seconds


@pytest.mark.parametrize("value", [True, "soon", "", "5w", None])
def test_other_durations_are_refused(value: object) -> None:
    with pytest.raises(ValueError):
        parse_duration(value)
