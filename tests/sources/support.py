"""Made-up news stories and feed documents for the feed tests (written for these tests, not copied)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape

from tests.fakes.web_server import FakeWeb

STORIES: dict[str, tuple[str, list[str]]] = {
    "harbour": (
        "Harbour council approves new ferry terminal after long debate",
        [
            "The harbour council of Northwick voted seven to two on Tuesday to build a ferry terminal on "
            "the old coal quay, ending a dispute that has divided the town for three years.",
            '"This terminal will bring the islands within an hour of the mainland," said Maria Oduya, the '
            "council's chair, after the vote. Opponents had warned about traffic on the narrow coast road.",
            "The project is expected to cost 48 million pounds, of which the regional government has "
            "promised 30 million. Construction should begin next spring and take about two years.",
            "Fishermen who use the quay will be moved to a new pier on the eastern side of the harbour, "
            "which the council says will have better moorings and a fuel station.",
        ],
    ),
    "orchard": (
        "Late frost ruins a third of the apple harvest in the valley",
        [
            "Growers in the Ashvale valley lost roughly a third of this year's apple crop after two nights "
            "of late frost in April killed blossoms across hundreds of orchards.",
            '"We have not seen anything like it since 1991," said Tomas Krell, who farms 40 hectares near '
            "Bramford. Insurance covers only part of the damage, growers said.",
            "The regional farmers' union asked the agriculture ministry for emergency loans and for a "
            "delay in repaying earlier credit, saying many small farms could close.",
            "Cider makers expect prices to rise by up to 15 percent as they buy fruit from abroad to keep "
            "their presses running through the autumn.",
        ],
    ),
    "library": (
        "City library reopens with robots that sort returned books",
        [
            "After eighteen months of renovation the central library in Dunmore reopened on Saturday with "
            "an automated sorting hall where returned books ride conveyor belts to the right shelf.",
            '"Our staff can finally spend their time with readers instead of carts," said librarian Ines '
            "Halvorsen, who led the project. About 2,000 visitors came on the first morning.",
            "The building also gained a roof garden, a recording studio for local musicians and a "
            "children's floor with a reading tent shaped like a whale.",
            "The renovation cost 12.5 million euros and was paid for mostly by a city bond approved by "
            "voters in a referendum two years ago.",
        ],
    ),
    "comet": (
        "Amateur astronomer spots a new comet from her back garden",
        [
            "A retired teacher in Kestrel Bay has discovered a comet using a small telescope in her back "
            "garden, the International Astronomical Union confirmed on Wednesday.",
            '"I thought it was a smudge on the lens at first," said Dora Finch, 67, who has watched the '
            "sky every clear night for twenty years. The comet will carry her name.",
            "Astronomers expect it to pass closest to the Sun in March, when it may be visible with "
            "binoculars from dark places in the northern hemisphere.",
            "It is the fourth comet found by an amateur this decade, a sign that patient observers can "
            "still beat automated surveys, researchers said.",
        ],
    ),
}

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def serve_story(web: FakeWeb, key: str, path: str | None = None, extra: str = "") -> str:
    """Serve a story as a page; returns its URL."""
    title, paragraphs = STORIES[key]
    return web.page(path or f"/news/{key}.html", title, [*paragraphs, *([extra] if extra else [])])


def rss(items: list[tuple[str, str, str | None, datetime | None]], title: str = "Example wire") -> bytes:
    """An RSS 2.0 document of (title, link, guid, published) items."""
    parts = []
    for item_title, link, guid, published in items:
        parts.append(
            f"<item><title>{escape(item_title)}</title><link>{escape(link)}</link>"
            + (f"<guid>{escape(guid)}</guid>" if guid else "")
            + (f"<pubDate>{format_datetime(published, usegmt=True)}</pubDate>" if published else "")
            + "</item>"
        )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{escape(title)}</title>'
        f"<link>http://example.test/</link><description>d</description>{''.join(parts)}</channel></rss>"
    ).encode()


def atom(items: list[tuple[str, str, str, datetime]], title: str = "Example atom") -> bytes:
    """An Atom 1.0 document of (title, link, id, updated) entries."""
    entries = "".join(
        f'<entry><title>{escape(t)}</title><link href="{escape(link)}"/><id>{escape(i)}</id>'
        f"<updated>{u.strftime('%Y-%m-%dT%H:%M:%SZ')}</updated></entry>"
        for t, link, i, u in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{escape(title)}</title><id>urn:example</id><updated>2026-11-20T08:00:00Z</updated>"
        f"{entries}</feed>"
    ).encode()


def json_feed(items: list[dict]) -> bytes:
    """A JSON Feed 1.1 document."""
    return json.dumps(
        {"version": "https://jsonfeed.org/version/1.1", "title": "Example JSON", "items": items}
    ).encode()


def hours_ago(hours: float) -> datetime:
    """NOW minus some hours."""
    return NOW - timedelta(hours=hours)
