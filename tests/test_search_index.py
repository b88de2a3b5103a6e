"""The search index (SQLite FTS5, PostgreSQL GIN) answers as a plain scan does: same items, order, titles."""

from __future__ import annotations

import json
import random
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot import search_index
from bot.search import query_terms, related_terms, text_terms
from bot.store import ArticleRecord, Store

SPEAKERS = ["Anna Kovalenko", "Ivan Melnyk", "José Ortega", "Jose Ortega", "Olena Bondar", "Taras Volkov"]
QUOTE_WORDS = [
    "we will rebuild the bridge before winter",
    "the refugees fled across the river",
    "evacuation of the old town continues",
    "evacuees are sleeping in the school",
    "our military is ready for talks",
    "the harvest was late and prices rose",
    "a ceasefire is possible this week",
    "neutrality was discussed in Istanbul",
]
FIGURES = [
    ("12,000 refugees", "refugees", "About 12,000 refugees fled across the river."),
    ("3.9 million", "people", "3.9 million people have fled abroad."),
    ("$40 million", "budget", "The city spent $40 million on repairs."),
    ("300 tonnes", "grain", "Farmers sold 300 tonnes of grain at the port."),
    ("15%", "unemployment", "Unemployment rose to 15% in the region."),
    ("200 evacuees", None, "Volunteers drove 200 evacuees to Lviv."),
]
TITLES = [
    "Kharkiv talks",
    "Odesa harbour reopens",
    "100% of the grain_ship",
    'A "quoted" title',
    "Kraków fair",
]


def made_up_archive(count: int = 60, seed: int = 3) -> list[ArticleRecord]:
    """Articles written here: random quotes and figures, dates with ties and gaps, some undated."""
    rng = random.Random(seed)
    records = []
    for n in range(count):
        quotes = [
            {"text": rng.choice(QUOTE_WORDS), "speaker_name": rng.choice(SPEAKERS), "speaker": "x", "n": i}
            for i in range(rng.randint(0, 4))
        ]
        picked = [rng.choice(FIGURES) for _ in range(rng.randint(0, 4))]
        figures = [{"text": t, "about": a, "n": i} for i, (t, a, _) in enumerate(picked)]
        date = None if n % 11 == 0 else f"2026-0{rng.randint(1, 3)}-{rng.randint(10, 12)}"
        title = f"{rng.choice(TITLES)} {n}"
        text = f"header\n{title}\nBody of article {n}."
        records.append(
            ArticleRecord(
                id=f"art{n:03d}",
                source=f"art{n:03d}.txt",
                title=title,
                date=date,
                place=None,
                content_hash=f"h{n}",
                text=text,
                points=4,
                analysis={
                    "id": f"art{n:03d}",
                    "title": title,
                    "text": f"Body of article {n}." if n % 2 else "not a part of the file",
                    "key_points": ["A point."],
                    "quotes": quotes,
                    "figures": figures,
                },
                figure_sentences=tuple(s for _, _, s in picked),
            )
        )
    return records


class Scan:
    """Today's matching rules, applied to every item of the archive in turn."""

    def __init__(self, store: Store, records: list[ArticleRecord]) -> None:
        self.quotes: list[tuple[tuple, dict, set[str], str | None, str]] = []
        self.figures: list[tuple[tuple, dict, set[str], str | None, str]] = []
        for r in records:
            seq = store.article(r.id).seq
            for i, q in enumerate(r.analysis["quotes"]):
                key = (r.date or "", seq, -i)
                self.quotes.append((key, q, text_terms(q["text"]), q["speaker_name"], r.id))
            for i, f in enumerate(r.analysis["figures"]):
                sentence = r.figure_sentences[i]
                terms = text_terms(" ".join(filter(None, (f["text"], f["about"], sentence))))
                self.figures.append((key := (r.date or "", seq, -i), f, terms, None, r.id))
                del key

    @staticmethod
    def groups(items: list, about: str) -> list[list[str]] | None:
        vocabulary = set().union(*(terms for _, _, terms, _, _ in items))
        result = []
        for stem in query_terms(about):
            exact = [t for t in (stem, *related_terms(stem)) if t in vocabulary]
            if not exact:
                if len(stem) < 3:
                    return None
                exact = sorted(t for t in vocabulary if t.startswith(stem))[:20]
                if not exact:
                    return None
            result.append(exact)
        return result

    def search(self, items: list, speakers, about, article_id, limit) -> list[tuple[dict, str]]:
        groups = self.groups(items, about) if about else []
        if groups is None:
            return []
        keys = {s.casefold() for s in speakers} if speakers is not None else None
        hits = [
            (key, data, aid)
            for key, data, terms, speaker, aid in items
            if all(terms & set(g) for g in groups)
            and (keys is None or (speaker or "").casefold() in keys)
            and (article_id is None or aid == article_id)
        ]
        hits.sort(key=lambda h: h[0], reverse=True)
        return [(data, aid) for _, data, aid in hits[:limit]]


@pytest.fixture
def archive(db_location: str) -> Iterator[tuple[Store, list[ArticleRecord]]]:
    store = Store(db_location)
    records = made_up_archive()
    store.put_articles(records)
    yield store, records
    store.close()


ABOUTS = [
    None,
    "refugees",
    "fled",
    "bridge",
    "evac",
    "military talks",
    "winter bridge",
    "zebra",
    "ri",
    "pric",
]
SPEAKER_SETS = [None, ["Anna Kovalenko"], ["José Ortega"], ["Jose Ortega", "Ivan Melnyk"], ["Nobody Here"]]


def test_quote_search_answers_as_a_scan(archive: tuple[Store, list[ArticleRecord]]) -> None:
    store, records = archive
    scan = Scan(store, records)
    checked = 0
    for about in ABOUTS:
        for speakers in SPEAKER_SETS:
            for article_id in (None, "art005", "art013"):
                for limit in (3, 1000):
                    seq = store.article(article_id).seq if article_id else None
                    got = [(q, a.id) for q, a in store.search_quotes(speakers, about, seq, limit)]
                    assert got == scan.search(scan.quotes, speakers, about, article_id, limit), (
                        about,
                        speakers,
                        article_id,
                    )
                    checked += bool(got)
    assert checked > 40  # most combinations find something: the comparison is not of empty lists


def test_figure_search_answers_as_a_scan(archive: tuple[Store, list[ArticleRecord]]) -> None:
    store, records = archive
    scan = Scan(store, records)
    for about in [*ABOUTS, "displaced", "spent", "unemployment rose", "farmers grain"]:
        for article_id in (None, "art007", "art020"):
            for limit in (2, 1000):
                seq = store.article(article_id).seq if article_id else None
                got = [(f, a.id) for f, a in store.search_figures(about, seq, limit)]
                assert got == scan.search(scan.figures, None, about, article_id, limit), (about, article_id)
    assert len(store.search_figures("refugees", limit=1000)) > 10


def like(text: str, pattern: str) -> bool:
    """SQLite's LIKE without wildcards in the text: ASCII letters in either case."""
    return pattern.lower() in "".join(c.lower() if c.isascii() else c for c in text)


@pytest.mark.parametrize(
    "query",
    [
        "",
        "art01",
        "ARt0",
        "harbour",
        "kharkiv TALKS",
        "100%",
        "grain_s",
        '"quoted"',
        "Kraków",
        "ra",
        "%",
        "zz",
    ],
)
def test_title_search_answers_as_a_scan(archive: tuple[Store, list[ArticleRecord]], query: str) -> None:
    store, records = archive
    newest = sorted(records, key=lambda r: (r.date or "", store.article(r.id).seq), reverse=True)
    q = query.strip()
    exact = [r for r in newest if r.id == q or (r.title or "").lower() == q.lower()]
    found = exact or [r for r in newest if not q or r.id.lower().startswith(q.lower()) or like(r.title, q)]
    assert [a.id for a in store.find_articles(query, limit=7)] == [r.id for r in found[:7]]


def test_the_body_is_stored_once_and_given_back(archive: tuple[Store, list[ArticleRecord]]) -> None:
    store, records = archive
    for r in records[:6]:
        assert store.analysis(r.id) == r.analysis
        assert list(store.analysis(r.id)) == list(r.analysis)  # the keys in their order
    stored = store.execute("SELECT analysis FROM articles WHERE id = 'art001'")[0][0]
    assert "Body of article" not in stored


def test_a_changed_or_deleted_article_leaves_nothing_in_the_index(
    archive: tuple[Store, list[ArticleRecord]],
) -> None:
    store, records = archive
    first = records[1]
    moved = ArticleRecord(
        **{
            **first.__dict__,
            "date": "2030-01-01",
            "title": "Moved story",
            "analysis": {
                **first.analysis,
                "quotes": [{"text": "only this bridge", "speaker_name": "Ivan Melnyk"}],
            },
        }
    )
    store.put_article(moved)
    assert [(q["text"], a.id) for q, a in store.search_quotes(about="bridge", limit=1)] == [
        ("only this bridge", first.id)
    ]
    assert [a.id for a in store.find_articles("moved stor")] == [first.id]
    assert first.id not in [a.id for a in store.find_articles(first.title)]
    for table in ("quotes", "figures"):  # the replaced article's old items are gone
        rows = store.execute(
            f"SELECT COUNT(*) FROM {table} WHERE article_seq = ?", (store.article(first.id).seq,)
        )
        assert rows[0][0] == len(moved.analysis[table]), table
    if store.backend == "sqlite":  # its triggers keep the index in step with any deletion
        store.execute("DELETE FROM articles")
        store.articles_changed()
        for table in ("quote_search", "figure_search", "article_titles", "speaker_counts"):
            assert store.execute(f"SELECT COUNT(*) FROM {table}")[0][0] == 0, table
        assert store.speakers() == []


def test_speakers_are_counted_most_quoted_first(archive: tuple[Store, list[ArticleRecord]]) -> None:
    store, records = archive
    counts: dict[str, int] = {}
    for r in records:
        for q in r.analysis["quotes"]:
            counts[q["speaker_name"]] = counts.get(q["speaker_name"], 0) + 1
    assert store.speakers() == sorted(counts, key=lambda s: (-counts[s], s))


def test_a_version_3_archive_is_migrated_to_the_same_answers(tmp_path: Path) -> None:
    records = made_up_archive(25, seed=5)
    fresh = Store(tmp_path / "fresh.db")
    fresh.put_articles(records)
    old = sqlite3.connect(tmp_path / "old.db")
    from bot import store as store_module

    old.executescript(
        store_module._MIGRATIONS[1] + ";CREATE TABLE schema_version (version INTEGER NOT NULL);"
    )
    for step in (2, 3):
        migration = store_module._MIGRATIONS[step]
        migration(old) if callable(migration) else search_index.run_script(old, migration)
    old.execute("INSERT INTO schema_version VALUES (3)")
    for seq, r in enumerate(records, 1):  # the rows as the version 3 store wrote them
        date_key = r.date or ""
        old.execute(
            "INSERT INTO articles (seq, id, source, title, date, place, date_key, content_hash, text, "
            "points, "
            "analysis, analysed_at) VALUES (?,?,?,?,?,NULL,?,?,?,4,?,'now')",
            (seq, r.id, r.source, r.title, r.date, date_key, r.content_hash, r.text, json.dumps(r.analysis)),
        )
        for i, q in enumerate(r.analysis["quotes"]):
            old.execute(
                "INSERT INTO quotes (article_seq, idx, date_key, text, speaker, speaker_key, role, data) "
                "VALUES (?,?,?,?,?,?,NULL,?)",
                (seq, i, date_key, q["text"], q["speaker_name"], q["speaker_name"].casefold(), json.dumps(q)),
            )
        for i, f in enumerate(r.analysis["figures"]):
            old.execute(
                "INSERT INTO figures (article_seq, idx, date_key, text, about, sentence, data) "
                "VALUES (?,?,?,?,?,?,?)",
                (seq, i, date_key, f["text"], f["about"], r.figure_sentences[i], json.dumps(f)),
            )
    old.commit()
    old.close()
    migrated = Store(tmp_path / "old.db")
    assert migrated.schema_version() == fresh.schema_version()
    for about in ABOUTS:
        for speakers in SPEAKER_SETS:
            assert migrated.search_quotes(speakers, about, limit=50) == fresh.search_quotes(
                speakers, about, limit=50
            )
        assert migrated.search_figures(about, limit=50) == fresh.search_figures(about, limit=50)
    assert migrated.speakers() == fresh.speakers()
    assert migrated.find_articles("kharkiv") == fresh.find_articles("kharkiv")
    assert all(migrated.analysis(r.id) == r.analysis for r in records)
    migrated.close()
    fresh.close()
