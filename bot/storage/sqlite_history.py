"""SQLite schema versions 1 to 4, as written before the FTS5 index (kept to migrate old files)."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterable

from bot import search_index
from bot.search import text_terms

log = logging.getLogger(__name__)

# v1's channel tables (subscriptions, the digest ledger, what was posted): PostgreSQL's baseline starts from
# the same text (bot.storage.schema), so they are written once. Frozen: a change is a new version.
SERVICE_TABLES_V1 = """
    CREATE TABLE subscriptions (
        platform TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        schedule TEXT NOT NULL,
        timezone TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        origin TEXT NOT NULL CHECK (origin IN ('config', 'command')),
        active_since TEXT,
        PRIMARY KEY (platform, channel_id)
    );

    CREATE TABLE digests (
        platform TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        scheduled_for TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('claimed', 'sent')),
        article_ids TEXT NOT NULL,
        max_seq BIGINT NOT NULL,
        outcome TEXT,
        claimed_at TEXT NOT NULL,
        sent_at TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        retry_after TEXT,
        PRIMARY KEY (platform, channel_id, scheduled_for)
    );
    CREATE INDEX digests_claimed ON digests (state) WHERE state = 'claimed';

    CREATE TABLE posted (
        platform TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        article_seq BIGINT NOT NULL,
        scheduled_for TEXT NOT NULL,
        PRIMARY KEY (platform, channel_id, article_seq)
    ) WITHOUT ROWID;
"""

_ARTICLE_TABLES_V1 = """
    CREATE TABLE articles (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        title TEXT,
        date TEXT,
        place TEXT,
        date_key TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        size INTEGER NOT NULL DEFAULT 0,
        mtime_ns INTEGER NOT NULL DEFAULT 0,
        text TEXT NOT NULL,
        points INTEGER NOT NULL,
        analysis TEXT NOT NULL,
        analysed_at TEXT NOT NULL
    );
    CREATE INDEX articles_newest ON articles (date_key DESC, seq DESC);
    CREATE INDEX articles_source ON articles (source);
    CREATE INDEX articles_title ON articles (title COLLATE NOCASE);

    CREATE TABLE quotes (
        rowid INTEGER PRIMARY KEY,
        article_seq INTEGER NOT NULL REFERENCES articles (seq) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        text TEXT NOT NULL,
        speaker TEXT,
        speaker_key TEXT,
        role TEXT,
        data TEXT NOT NULL
    );
    CREATE INDEX quotes_article ON quotes (article_seq, idx);
    CREATE INDEX quotes_speaker ON quotes (speaker_key, article_seq);
    CREATE TABLE quote_terms (
        term TEXT NOT NULL,
        quote_id INTEGER NOT NULL REFERENCES quotes (rowid) ON DELETE CASCADE,
        PRIMARY KEY (term, quote_id)
    ) WITHOUT ROWID;
    CREATE INDEX quote_terms_quote ON quote_terms (quote_id);

    CREATE TABLE figures (
        rowid INTEGER PRIMARY KEY,
        article_seq INTEGER NOT NULL REFERENCES articles (seq) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        text TEXT NOT NULL,
        about TEXT,
        sentence TEXT,
        data TEXT NOT NULL
    );
    CREATE INDEX figures_article ON figures (article_seq, idx);
    CREATE TABLE figure_terms (
        term TEXT NOT NULL,
        figure_id INTEGER NOT NULL REFERENCES figures (rowid) ON DELETE CASCADE,
        PRIMARY KEY (term, figure_id)
    ) WITHOUT ROWID;
    CREATE INDEX figure_terms_figure ON figure_terms (figure_id);
"""

MIGRATIONS: dict[int, str | Callable[[sqlite3.Connection], None]] = {
    1: _ARTICLE_TABLES_V1 + SERVICE_TABLES_V1,
}


_V2_SQL = """
    ALTER TABLE quotes ADD COLUMN date_key TEXT NOT NULL DEFAULT '';
    ALTER TABLE figures ADD COLUMN date_key TEXT NOT NULL DEFAULT '';
    UPDATE quotes SET date_key = (SELECT date_key FROM articles WHERE seq = quotes.article_seq);
    UPDATE figures SET date_key = (SELECT date_key FROM articles WHERE seq = figures.article_seq);
    DROP INDEX quotes_speaker;
    CREATE INDEX quotes_speaker ON quotes (speaker_key, date_key DESC, article_seq DESC, idx);
    CREATE INDEX quotes_newest ON quotes (date_key DESC, article_seq DESC, idx);
    CREATE INDEX figures_newest ON figures (date_key DESC, article_seq DESC, idx);
    DROP TABLE quote_terms;
    DROP TABLE figure_terms;
    CREATE TABLE quote_terms (
        term TEXT NOT NULL,
        date_key TEXT NOT NULL,
        article_seq INTEGER NOT NULL,
        idx INTEGER NOT NULL,
        quote_id INTEGER NOT NULL REFERENCES quotes (rowid) ON DELETE CASCADE,
        PRIMARY KEY (term, date_key DESC, article_seq DESC, idx)
    ) WITHOUT ROWID;
    CREATE INDEX quote_terms_item ON quote_terms (quote_id, term);
    CREATE TABLE figure_terms (
        term TEXT NOT NULL,
        date_key TEXT NOT NULL,
        article_seq INTEGER NOT NULL,
        idx INTEGER NOT NULL,
        figure_id INTEGER NOT NULL REFERENCES figures (rowid) ON DELETE CASCADE,
        PRIMARY KEY (term, date_key DESC, article_seq DESC, idx)
    ) WITHOUT ROWID;
    CREATE INDEX figure_terms_item ON figure_terms (figure_id, term)
"""


def _migrate_v2(db: sqlite3.Connection) -> None:
    """Search terms carry the article's sort key, so filtered results come newest first from the index."""
    search_index.run_script(db, _V2_SQL)
    for rowid, date_key, seq, idx, text in db.execute(
        "SELECT rowid, date_key, article_seq, idx, text FROM quotes"
    ).fetchall():
        _insert_terms(db, "quote_terms", "quote_id", text_terms(text), date_key, seq, idx, rowid)
    for rowid, date_key, seq, idx, text, about, sentence in db.execute(
        "SELECT rowid, date_key, article_seq, idx, text, about, sentence FROM figures"
    ).fetchall():
        terms = text_terms(" ".join(filter(None, (text, about, sentence))))
        _insert_terms(db, "figure_terms", "figure_id", terms, date_key, seq, idx, rowid)


def _insert_terms(
    db: sqlite3.Connection,
    table: str,
    column: str,
    terms: Iterable[str],
    date_key: str,
    seq: int,
    idx: int,
    item_id: int,
) -> None:
    db.executemany(
        f"INSERT OR IGNORE INTO {table} (term, date_key, article_seq, idx, {column}) VALUES (?, ?, ?, ?, ?)",
        [(term, date_key, seq, idx, item_id) for term in terms],
    )


MIGRATIONS[2] = _migrate_v2
# v3: a claim has an owner and a lease, so only one process posts a digest and a retry takes only claims
# whose owner is gone; `parts_sent` lists the messages of a multi-message digest already delivered.
CLAIM_LEASES_V3 = """
    ALTER TABLE digests ADD COLUMN owner TEXT;
    ALTER TABLE digests ADD COLUMN lease_until TEXT;
    ALTER TABLE digests ADD COLUMN parts_sent TEXT NOT NULL DEFAULT '[]'
"""
# v4: where each article was shown in a channel, so a story update goes into that message's thread.
THREAD_PARENTS_V4 = """
    CREATE TABLE thread_parents (
        platform TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        article_id TEXT NOT NULL,
        parent_ref TEXT NOT NULL,
        PRIMARY KEY (platform, channel_id, article_id)
    ) WITHOUT ROWID
"""
MIGRATIONS[3] = CLAIM_LEASES_V3
MIGRATIONS[4] = THREAD_PARENTS_V4
