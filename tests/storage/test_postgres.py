"""PostgreSQL's own duties: the password only from the environment and never shown, migrations once."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bot.config import parse_config
from bot.errors import ConfigError
from bot.storage import PASSWORD_ENV, StorageError, Store, redact
from bot.storage.schema import SCHEMA_VERSION
from tests.databases import NO_SERVER, POSTGRES_URL_ENV, fresh_postgres

SECRET = "s3cret-Pa55"


def test_a_url_with_a_password_is_refused_without_showing_it(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    for url in (f"postgresql://bot:{SECRET}@db.example/news", f"postgresql://bot@/news?password={SECRET}"):
        with pytest.raises(StorageError) as caught:
            Store(url)
        assert SECRET not in str(caught.value) and PASSWORD_ENV in str(caught.value)
    assert SECRET not in caplog.text


def test_an_unreachable_server_names_the_database_but_not_the_password(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    caplog.set_level(logging.DEBUG)
    monkeypatch.setenv(PASSWORD_ENV, SECRET)
    url = f"postgresql://bot@/news?host={tmp_path}&port=9"  # no server listens on this socket
    with pytest.raises(StorageError) as caught:
        Store(url)
    message = str(caught.value)
    assert message.startswith(f"database {url}: ") and "PostgreSQL server runs" in message
    assert SECRET not in message and SECRET not in repr(caught.value.__cause__)
    assert SECRET not in caplog.text


def test_the_config_refuses_a_password_in_the_url_naming_the_key() -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config(f"database: postgresql://bot:{SECRET}@db.example/news\n", "config.yaml", Path("."))
    assert "config.yaml:1: database:" in str(caught.value) and PASSWORD_ENV in str(caught.value)
    assert SECRET not in str(caught.value)
    settings = parse_config("database: postgresql://bot@db.example/news\n", "config.yaml", Path("."))
    assert settings.database == "postgresql://bot@db.example/news"


def test_redact_hides_url_and_keyword_passwords() -> None:
    assert redact(f"postgresql://bot:{SECRET}@h/db") == "postgresql://bot:***@h/db"
    assert redact(f"host=h password={SECRET} dbname=x") == "host=h password=*** dbname=x"
    assert redact("data/bot.db") == "data/bot.db"


def test_the_password_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PASSWORD_ENV, SECRET)
    with fresh_postgres() as url:
        store = Store(url)
        try:
            with store._pool.connection() as conn:
                assert conn.info.password == SECRET  # what libpq was given (the test server trusts anyone)
            assert SECRET not in store.path
        finally:
            store.close()


def test_processes_starting_together_migrate_the_schema_once() -> None:
    with fresh_postgres() as url, ThreadPoolExecutor(4) as pool:
        stores = list(pool.map(lambda _: Store(url), range(4)))
        try:
            assert {s.schema_version() for s in stores} == {SCHEMA_VERSION}
            assert len(stores[0]._query("SELECT version FROM schema_version")) == 1
        finally:
            for store in stores:
                store.close()


def test_a_database_from_a_newer_version_is_refused() -> None:
    with fresh_postgres() as url:
        Store(url).close()
        store = Store(url)
        with store._transaction() as db:
            db.execute("UPDATE schema_version SET version = 99")
        store.close()
        with pytest.raises(StorageError, match=rf"newer than this bot's .{SCHEMA_VERSION}.; upgrade the bot"):
            Store(url)


@pytest.mark.parametrize(
    ("url", "outcome"),
    # A fixture that fails makes its test an error: pytest exits 1 as for a failed assertion.
    [("postgresql://bot@/postgres?host=/nonexistent-bot-test&port=9", "1 error"), (None, "1 skipped")],
)
def test_postgres_cases_fail_on_an_unreachable_server_and_skip_without_one(
    url: str | None, outcome: str
) -> None:
    env = {k: v for k, v in os.environ.items() if k != POSTGRES_URL_ENV}
    if url:
        env[POSTGRES_URL_ENV] = url
    test = "tests/storage/test_feeds.py::test_health_and_entries_round_trip[postgres]"
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-o", "addopts=", "-q", "-rs", "-p", "no:cacheprovider", test],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).parents[2],
        timeout=120,
    )
    assert outcome in run.stdout and run.returncode == (1 if url else 0), run.stdout[-2000:]
    assert ("the PostgreSQL server cannot be reached" if url else NO_SERVER) in run.stdout


def test_a_sqlite_bot_never_loads_the_postgresql_driver(tmp_path: Path) -> None:
    code = (
        "import sys, bot.app\n"
        "from bot.storage import Store, database_errors\n"
        f"Store({str(tmp_path / 'bot.db')!r}).close()\n"
        "print('psycopg' in sys.modules, len(database_errors()))\n"
    )
    root = Path(__file__).parents[2]
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=root)
    assert run.stdout.split() == ["False", "1"], run.stderr  # 22 MB less resident memory


def test_postgresql_errors_count_as_database_errors() -> None:
    import psycopg

    from bot.storage import database_errors, database_faults

    with fresh_postgres() as url:
        Store(url).close()
    assert psycopg.Error in database_errors() and psycopg.OperationalError in database_faults()


def test_a_title_part_beyond_the_newest_titles_comes_from_the_index(monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.storage import backend_postgres
    from tests.test_search_index import made_up_archive

    monkeypatch.setattr(backend_postgres, "NEWEST_TITLES", 3)  # so most titles are beyond the first read
    records = made_up_archive(30, seed=11)
    with fresh_postgres() as url:
        store = Store(url)
        try:
            store.put_articles(records)
            newest = sorted(records, key=lambda r: (r.date or "", store.article(r.id).seq), reverse=True)
            for part in ("talks", "odesa", "art00", "ra", "zz"):
                expected = [r.id for r in newest if part in r.title.lower() or r.id.startswith(part)]
                assert [a.id for a in store.find_articles(part, limit=4)] == expected[:4], part
        finally:
            store.close()


def test_two_processes_storing_the_same_new_article_at_once_both_succeed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tests.test_store import record

    with fresh_postgres() as url:
        first, second = Store(url), Store(url)
        try:
            read_existing = type(second)._existing_seqs
            raced = []

            def stale_read(db, batch):  # the other process commits "x" right after this one looked
                found = read_existing(db, batch)
                if not raced:
                    raced.append(True)
                    first.put_articles([record("x", title="First version")])
                return found

            monkeypatch.setattr(second, "_existing_seqs", stale_read)
            assert second.put_articles([record("y"), record("x", title="Second version")]) == 2
            assert raced and first.count_articles() == 2
            assert first.article("x").title == "Second version"
        finally:
            first.close()
            second.close()
