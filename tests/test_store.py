"""The store on each backend: articles, quotes, figures, subscriptions, the ledger; SQLite: WAL, versions."""

from __future__ import annotations

import fcntl
import sqlite3
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.storage.backend_sqlite import SqliteStore
from bot.store import _MIGRATIONS, SCHEMA_VERSION, ArticleRecord, StorageError, Store, Subscription

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def record(
    article_id: str, date: str | None = "2026-11-20", title: str | None = None, **extra
) -> ArticleRecord:
    analysis = {
        "id": article_id,
        "title": title or f"Story {article_id}",
        "key_points": [f"Point of {article_id}."],
        "quotes": extra.pop(
            "quotes",
            [
                {
                    "text": "We will rebuild the bridge",
                    "speaker": "Anna Kovalenko",
                    "role": "mayor",
                    "start": 0,
                    "end": 1,
                }
            ],
        ),
        "figures": extra.pop(
            "figures",
            [
                {
                    "text": "12,000 refugees",
                    "value": 12000,
                    "unit": "people",
                    "qualifier": None,
                    "about": "refugees",
                }
            ],
        ),
    }
    return ArticleRecord(
        id=article_id,
        source=f"{article_id}.txt",
        title=title or f"Story {article_id}",
        date=date,
        place=None,
        content_hash=f"hash-{article_id}",
        text="raw text",
        points=4,
        analysis=analysis,
        figure_sentences=extra.pop("figure_sentences", ("About 12,000 refugees fled across the river.",)),
    )


@pytest.fixture
def store(db_location: str) -> Iterator[Store]:
    s = Store(db_location)
    yield s
    s.close()


def test_new_database_has_schema_version_and_wal(tmp_path: Path) -> None:
    store = Store(tmp_path / "bot.db")
    assert store.schema_version() == SCHEMA_VERSION == 8
    mode = sqlite3.connect(tmp_path / "bot.db").execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"
    store.close()
    store.close()  # closing twice is harmless


def test_a_database_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    Store(tmp_path / "bot.db").close()
    db = sqlite3.connect(tmp_path / "bot.db")
    db.execute("UPDATE schema_version SET version = 99")
    db.commit()
    db.close()
    with pytest.raises(StorageError, match=rf"newer than this bot's .{SCHEMA_VERSION}.; upgrade the bot"):
        Store(tmp_path / "bot.db")


def test_a_version_1_database_is_migrated_and_keeps_its_data(tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / "bot.db")
    db.executescript(
        _MIGRATIONS[1] + ";CREATE TABLE schema_version (version INTEGER NOT NULL);"
        "INSERT INTO schema_version VALUES (1);"
    )
    db.execute(
        "INSERT INTO articles (id, source, title, date, place, date_key, content_hash, text, points, "
        "analysis, "
        "analysed_at) VALUES ('old', 'old.txt', 'Old story', '2021-05-01', NULL, '2021-05-01', 'h', 't', 4, "
        "'{\"key_points\": [\"A point.\"]}', '2021-05-01T00:00:00+00:00')"
    )
    db.execute(
        "INSERT INTO quotes (article_seq, idx, text, speaker, speaker_key, role, data) VALUES "
        "(1, 0, 'The harvest was late', 'Ivan Melnyk', 'ivan melnyk', NULL, "
        '\'{"text": "The harvest was late", "speaker": "Ivan Melnyk", "role": null}\')'
    )
    db.execute(
        "INSERT INTO figures (article_seq, idx, text, about, sentence, data) VALUES "
        "(1, 0, '300 tonnes', 'grain', 'Farmers sold 300 tonnes of grain.', "
        '\'{"text": "300 tonnes", "value": 300}\')'
    )
    db.commit()
    db.close()
    store = Store(tmp_path / "bot.db")
    assert store.schema_version() == SCHEMA_VERSION
    assert [q["text"] for q, _ in store.search_quotes(["Ivan Melnyk"], "harvest")] == ["The harvest was late"]
    assert [f["value"] for f, a in store.search_figures("farmers")] == [300]
    store.put_article(record("new", "2026-01-01"))
    assert [a.id for _, a in store.search_quotes()] == ["new", "old"]
    store.close()


def test_articles_survive_a_restart(tmp_path: Path) -> None:
    store = Store(tmp_path / "bot.db")
    store.put_article(record("a1"))
    store.put_subscription(Subscription("slack", "C1", "0 8 * * *", "Europe/Berlin", "U1", NOW))
    store.close()
    again = Store(tmp_path / "bot.db")
    assert again.count_articles() == 1
    assert again.analysis("a1")["key_points"] == ["Point of a1."]
    sub = again.subscription("slack", "C1")
    assert sub is not None and sub.timezone == "Europe/Berlin" and sub.created_at == NOW
    again.close()


def test_newest_first_by_date_then_arrival(store: Store) -> None:
    store.put_articles([record("old", "2020-01-01"), record("new", "2026-01-01"), record("undated", None)])
    store.put_article(record("new2", "2026-01-01"))
    assert [a.id for a in store.newest_articles(10)] == ["new2", "new", "old", "undated"]
    assert [a.id for a in store.newest_articles(2)] == ["new2", "new"]


def test_replacing_an_article_replaces_its_quotes_and_figures(store: Store) -> None:
    store.put_article(record("a1"))
    store.put_article(
        record(
            "a1",
            quotes=[{"text": "Nothing changes", "speaker": "Ben Ode", "role": None}],
            figures=[],
            figure_sentences=(),
        )
    )
    assert store.count_articles() == 1
    assert store.speakers() == ["Ben Ode"]
    assert store.search_figures() == []
    assert [q["text"] for q, _ in store.search_quotes()] == ["Nothing changes"]


def test_find_articles_by_id_title_and_parts(store: Store) -> None:
    store.put_articles(
        [record("abc123", title="Peace talks in Istanbul"), record("xyz", title="Harvest report")]
    )
    assert [a.id for a in store.find_articles("abc123")] == ["abc123"]
    assert [a.id for a in store.find_articles("peace talks in istanbul")] == ["abc123"]
    assert [a.id for a in store.find_articles("abc")] == ["abc123"]
    assert [a.id for a in store.find_articles("harvest")] == ["xyz"]
    assert store.find_articles("100%_") == []


def test_figure_filters_match_text_subject_sentence_and_stems(store: Store) -> None:
    store.put_article(record("a1"))
    for word in ["refugees", "Refugee", "fled", "river", "12,000", "REFUG", "rive"]:
        assert len(store.search_figures(word)) == 1, word
    assert store.search_figures("bridge") == []
    assert store.search_figures("refugees river") != []
    assert store.search_figures("refugees mountain") == []


def test_quote_filters_by_speaker_words_and_article(store: Store) -> None:
    store.put_articles([record("a1", "2026-01-01"), record("a2", "2026-02-01")])
    rows = store.search_quotes(["Anna Kovalenko"], "bridge")
    assert [a.id for _, a in rows] == ["a2", "a1"]
    a1 = store.article("a1")
    assert [a.id for _, a in store.search_quotes(None, None, a1.seq)] == ["a1"]
    assert store.search_quotes([], None) == []
    assert store.search_quotes(["Nobody"], None) == []
    assert store.search_quotes(None, "rebuilding") != []  # the stem of "rebuild"


def test_ledger_claims_once_and_sent_marks_articles_posted(store: Store) -> None:
    store.put_articles([record("a1"), record("a2")])
    when = NOW.replace(hour=8)
    assert store.claim_digest("slack", "C1", when, ["a2", "a1"], store.max_seq(), NOW)
    assert not store.claim_digest("slack", "C1", when, ["a2"], store.max_seq(), NOW)
    entry = store.ledger_entry("slack", "C1", when)
    assert entry.state == "claimed" and entry.article_ids == ("a2", "a1")
    assert [e.scheduled_for for e in store.claimed_digests()] == [when]
    unposted, _ = store.unposted_articles("slack", "C1", 10)
    assert len(unposted) == 2
    store.mark_sent("slack", "C1", when, "posted", NOW)
    assert store.ledger_entry("slack", "C1", when).state == "sent"
    assert store.claimed_digests() == []
    assert store.unposted_articles("slack", "C1", 10)[0] == []
    assert len(store.unposted_articles("slack", "OTHER", 10)[0]) == 2
    store.put_article(record("a3"))
    assert [a.id for a in store.unposted_articles("slack", "C1", 10)[0]] == ["a3"]


def test_failures_keep_the_claim_retryable(store: Store) -> None:
    when = NOW.replace(hour=8)
    store.claim_digest("discord", "1", when, [], 0, NOW)
    store.record_failure("discord", "1", when, "Missing Access", NOW + timedelta(minutes=2))
    (entry,) = store.claimed_digests()
    assert entry.attempts == 1 and entry.last_error == "Missing Access"
    assert entry.retry_after == NOW + timedelta(minutes=2)


def test_subscriptions_crud(store: Store) -> None:
    sub = Subscription("discord", "42", "0 8 * * 1-5", "UTC", "u1", NOW, "command", active_since=NOW)
    store.put_subscription(sub)
    assert store.subscription("discord", "42") == sub
    assert store.subscriptions("slack") == []
    assert store.delete_subscription("discord", "42")
    assert not store.delete_subscription("discord", "42")
    assert store.subscriptions() == []


def test_thread_parents_remember_the_first_message_that_showed_an_article(store: Store) -> None:
    assert store.thread_parent("slack", "C1", ["a"]) is None
    store.put_thread_parent("slack", "C1", ["a", "b"], "1700000000.000100")
    store.put_thread_parent("slack", "C1", ["b", "c"], "1700000999.000200")
    assert store.thread_parent("slack", "C1", ["x", "b"]) == "1700000000.000100"
    assert store.thread_parent("slack", "C1", ["c"]) == "1700000999.000200"
    assert store.thread_parent("slack", "C2", ["a"]) is None  # per channel


def test_words_of_a_replaced_article_are_no_longer_found_even_by_their_start(store: Store) -> None:
    quotes = [{"text": "Zanzibar ferries resume", "speaker": "Ben Ode", "role": None}]
    store.put_articles([record("a1", quotes=quotes), record("a2")])
    assert [a.id for _, a in store.search_quotes(about="zanzib")] == ["a1"]  # a word's start
    assert [a.id for _, a in store.search_quotes(about="ferries")] == ["a1"]
    store.put_article(record("a1"))  # the same article, its quote changed
    assert store.search_quotes(about="zanzib") == [] and store.search_quotes(about="ferries") == []
    assert store.speakers() == ["Anna Kovalenko"]
    assert [a.id for _, a in store.search_quotes(["Anna Kovalenko"], "bridge")] == ["a2", "a1"]


def test_slack_installations_are_kept_replaced_and_forgotten_per_workspace(store: Store) -> None:
    now = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    store.put_slack_installation("", "T1", '{"bot_token": "xoxb-1"}', now)
    store.put_slack_installation("E9", "T2", '{"bot_token": "xoxb-2"}', now + timedelta(minutes=1))
    # a re-install replaces the token (and counts as the newest installation)
    store.put_slack_installation("", "T1", '{"bot_token": "xoxb-1b"}', now + timedelta(minutes=2))
    assert store.slack_installation("", "T1") == '{"bot_token": "xoxb-1b"}'
    assert store.slack_installation("E9", "T1") is None  # another enterprise's T1 is another workspace
    assert store.slack_workspaces() == [("E9", "T2"), ("", "T1")]  # the oldest installation first
    store.put_slack_channel("C1", "", "T1")
    store.put_slack_channel("C2", "", "T1")
    store.put_slack_channel("C3", "E9", "T2")
    store.put_slack_channel("C2", "E9", "T2")  # a channel moved (shared) to the other workspace
    assert store.slack_channel("C2") == ("E9", "T2")
    assert sorted(store.delete_slack_installation("", "T1")) == ["C1"]
    assert store.slack_installation("", "T1") is None and store.slack_channel("C1") is None
    assert store.slack_workspaces() == [("E9", "T2")] and store.slack_channel("C3") == ("E9", "T2")


def test_a_start_waits_while_another_process_opens_the_same_file(tmp_path: Path) -> None:
    path = tmp_path / "bot.db"
    opened = threading.Event()
    with open(f"{path}-start.lock", "a") as other:  # another process in the middle of its start
        fcntl.flock(other, fcntl.LOCK_EX)
        starter = threading.Thread(target=lambda: (SqliteStore(path).close(), opened.set()))
        starter.start()
        assert not opened.wait(0.5)  # it takes its turn instead of racing the migration
        fcntl.flock(other, fcntl.LOCK_UN)
    starter.join(10)
    assert opened.is_set()
    store = SqliteStore(path)
    assert store.subscriptions() == []
    store.close()
