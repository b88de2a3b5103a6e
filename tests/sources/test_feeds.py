"""Feed parsing: RSS 0.91/1.0/2.0, Atom and JSON Feed, broken and mis-declared documents."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.sources.feeds import FeedError, looks_like_feed, parse_feed
from tests.sources.support import atom, hours_ago, json_feed, rss

RSS091 = b"""<?xml version="1.0"?>
<rss version="0.91"><channel><title>Old wire</title><link>http://old.example/</link><description>d</description>
<item><title>First item</title><link>http://old.example/1</link><description>One</description></item>
<item><title>Second item</title><link>http://old.example/2</link><description>Two</description></item>
</channel></rss>"""

RSS10 = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://rdf.example/"><title>RDF wire</title><link>http://rdf.example/</link>
<description>d</description></channel>
<item rdf:about="http://rdf.example/a"><title>RDF story</title><link>http://rdf.example/a</link>
<dc:date>2026-11-19T10:00:00Z</dc:date></item>
</rdf:RDF>"""


def test_rss_091_items_are_read_in_feed_order() -> None:
    feed = parse_feed(RSS091, "http://old.example/rss")
    assert feed.title == "Old wire" and feed.kind == "rss091u"
    assert [e.url for e in feed.entries] == ["http://old.example/1", "http://old.example/2"]


def test_rss_10_rdf_items_carry_their_dublin_core_dates() -> None:
    feed = parse_feed(RSS10, "http://rdf.example/rss")
    (entry,) = feed.entries
    assert (entry.title, entry.url) == ("RDF story", "http://rdf.example/a")
    assert entry.published == datetime(2026, 11, 19, 10, 0, tzinfo=UTC)


def test_rss_20_and_atom_entries_come_newest_first_with_guid_and_date() -> None:
    doc = rss(
        [
            ("Older", "http://w.example/o", "tag:w,1:o", hours_ago(5)),
            ("Newer", "http://w.example/n", "tag:w,1:n", hours_ago(1)),
        ]
    )
    feed = parse_feed(doc, "http://w.example/rss")
    assert [(e.title, e.guid) for e in feed.entries] == [("Newer", "tag:w,1:n"), ("Older", "tag:w,1:o")]
    assert feed.entries[0].published == hours_ago(1)
    doc = atom(
        [
            ("A1", "http://a.example/1", "urn:1", hours_ago(3)),
            ("A2", "http://a.example/2", "urn:2", hours_ago(2)),
        ]
    )
    feed = parse_feed(doc, "http://a.example/atom")
    assert feed.kind == "atom10"
    assert [(e.url, e.guid) for e in feed.entries] == [
        ("http://a.example/2", "urn:2"),
        ("http://a.example/1", "urn:1"),
    ]


def test_json_feed_items_with_html_or_text_content() -> None:
    long_text = "Word " * 300
    doc = json_feed(
        [
            {
                "id": "1",
                "url": "https://j.example/1",
                "title": "J one",
                "date_published": "2026-11-19T08:00:00Z",
                "content_html": "<p>short</p>",
            },
            {"id": 2, "url": "https://j.example/2", "title": "J two", "content_text": long_text},
            "not an item",
        ]
    )
    assert looks_like_feed(doc)
    feed = parse_feed(doc, "https://j.example/feed.json")
    assert feed.kind == "json" and feed.title == "Example JSON"
    by_id = {e.guid: e for e in feed.entries}
    assert by_id["1"].published == datetime(2026, 11, 19, 8, 0, tzinfo=UTC)
    assert not by_id["1"].has_full_text
    assert by_id["2"].has_full_text and by_id["2"].content.startswith("<p>Word")


def test_an_entry_with_full_content_needs_no_page() -> None:
    body = "".join(f"<p>{f'Sentence number {i} of a long article. ' * 5}</p>" for i in range(12))
    doc = (
        '<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        "<channel><title>Full</title><link>http://f.example/</link><description>d</description>"
        f"<item><title>Long one</title><link>http://f.example/1</link><content:encoded><![CDATA[{body}]]>"
        "</content:encoded></item></channel></rss>"
    ).encode()
    (entry,) = parse_feed(doc, "http://f.example/rss").entries
    assert entry.has_full_text and "Sentence number 11" in entry.content


def test_truncated_xml_keeps_the_entries_before_the_break_with_a_warning() -> None:
    doc = rss([(f"Story {i}", f"http://t.example/{i}", f"g{i}", hours_ago(i)) for i in range(1, 4)])
    cut = doc[: doc.index(b"<item><title>Story 3")] + b"<item><title>Sto"
    feed = parse_feed(cut, "http://t.example/rss")
    assert [e.title for e in feed.entries] == ["Story 1", "Story 2"]
    assert feed.warning and "broken" in feed.warning


def test_a_latin1_feed_declared_as_utf8_is_still_read() -> None:
    doc = rss([("Café über alles", "http://c.example/1", "c1", hours_ago(1))]).replace(
        b"utf-8", b"iso-8859-1"
    )
    latin = doc.decode("utf-8").encode("latin-1")
    feed = parse_feed(latin, "http://c.example/rss", "application/rss+xml; charset=utf-8")
    assert feed.entries[0].title == "Café über alles"
    wrong = rss([("Café", "http://c.example/2", "c2", hours_ago(1))]).decode().encode("latin-1")
    feed = parse_feed(wrong, "http://c.example/rss")  # declared utf-8, bytes latin-1: read, not lost
    assert feed.entries and feed.entries[0].url == "http://c.example/2"


@pytest.mark.parametrize(
    "body",
    [b"<html><body>Not a feed</body></html>", b"", b'{"version": "1", "items": []}', b"{broken json"],
)
def test_documents_that_are_not_feeds_raise_feed_error(body: bytes) -> None:
    with pytest.raises(FeedError):
        parse_feed(body, "http://x.example/")


@pytest.mark.parametrize(
    ("body", "content_type", "feed"),
    [
        (b'<?xml version="1.0"?>\n<!-- hi --><rss version="2.0">', "text/xml", True),
        (b"\xef\xbb\xbf<feed xmlns='http://www.w3.org/2005/Atom'>", "", True),
        (b"<rdf:RDF xmlns:rdf='x'>", "", True),
        (b"<!DOCTYPE html><html><head>", "text/html", False),
        (b"<html>", "application/rss+xml", True),
        (b"<?xml version='1.0'?><!-- unterminated", "", False),
    ],
)
def test_looks_like_feed_by_media_type_or_first_element(body: bytes, content_type: str, feed: bool) -> None:
    assert looks_like_feed(body, content_type) is feed
