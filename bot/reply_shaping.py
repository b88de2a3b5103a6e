"""Reply shaping: stored analyses -> the plain dicts of the reply contract (bot.replies), for every caller.

Commands (/brief, /quote, /figures) and scheduled digests show the same shapes, so both build them here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from bot.news.models import stored_quote_label, stored_quote_name

if TYPE_CHECKING:
    from bot.store import ArticleInfo

_FIGURE_KEYS = ("text", "value", "unit", "qualifier", "about")


def quote_data(quote: Mapping[str, Any]) -> dict[str, Any]:
    """The QUOTE dict of the reply contract: "speaker" is the clean name, "label" the article's wording."""
    return {
        "text": quote.get("text"),
        "speaker": stored_quote_name(quote),
        "label": stored_quote_label(quote),
        "role": quote.get("role"),
    }


def figure_data(figure: Mapping[str, Any]) -> dict[str, Any]:
    """The FIGURE dict of the reply contract."""
    return {key: figure.get(key) for key in _FIGURE_KEYS}


def article_link(analysis: Mapping[str, Any]) -> dict[str, str | None]:
    """An article's link and where it came from (feed name, else site, else host); None for files."""
    url = analysis.get("url")
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        return {"url": None, "origin": None}
    origin = analysis.get("feed") or analysis.get("site") or urlsplit(url).hostname
    return {"url": url, "origin": str(origin) if origin else None}


def briefing_reply_data(
    analysis: Mapping[str, Any], info: ArticleInfo, quotes_shown: int, figures_shown: int
) -> dict[str, Any]:
    """The "briefing" data of the reply contract from a stored analysis."""
    return {
        "article": {**info.to_reply(), **article_link(analysis)},
        "key_points": [str(p) for p in analysis.get("key_points", [])],
        "quotes": [quote_data(q) for q in analysis.get("quotes", [])[:quotes_shown]],
        "figures": [figure_data(f) for f in analysis.get("figures", [])[:figures_shown]],
    }
