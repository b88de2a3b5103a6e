"""SQLite state: articles and analyses, quotes and figures for filtering, subscriptions, the digest ledger."""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import islice
from pathlib import Path
from typing import Any

from bot import search_index
from bot.errors import BotError
from bot.search import query_terms, related_terms, text_terms
from bot.search_index import (
    figure_terms,
    item_key,
    item_range,
    like_pattern,
    match_expression,
    pack_analysis,
    phrase,
    unpack_analysis,
)

log = logging.getLogger(__name__)

SCHEMA_VERSION = 6

_MIGRATIONS: dict[int, str | Callable[[sqlite3.Connection], None]] = {
    1: """
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
        max_seq INTEGER NOT NULL,
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
        article_seq INTEGER NOT NULL,
        scheduled_for TEXT NOT NULL,
        PRIMARY KEY (platform, channel_id, article_seq)
    ) WITHOUT ROWID;
    """,
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
    _run_script(db, _V2_SQL)
    for rowid, date_key, seq, idx, text in db.execute(
        "SELECT rowid, date_key, article_seq, idx, text FROM quotes"
    ).fetchall():
        _insert_terms(db, "quote_terms", "quote_id", text_terms(text), date_key, seq, idx, rowid)
    for rowid, date_key, seq, idx, text, about, sentence in db.execute(
        "SELECT rowid, date_key, article_seq, idx, text, about, sentence FROM figures"
    ).fetchall():
        terms = text_terms(" ".join(filter(None, (text, about, sentence))))
        _insert_terms(db, "figure_terms", "figure_id", terms, date_key, seq, idx, rowid)


def _run_script(db: sqlite3.Connection, script: str) -> None:
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


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


_MIGRATIONS[2] = _migrate_v2
# v3: a claim has an owner and a lease, so only one process posts a digest and a retry takes only claims
# whose owner is gone; `parts_sent` lists the messages of a multi-message digest already delivered.
_MIGRATIONS[3] = """
    ALTER TABLE digests ADD COLUMN owner TEXT;
    ALTER TABLE digests ADD COLUMN lease_until TEXT;
    ALTER TABLE digests ADD COLUMN parts_sent TEXT NOT NULL DEFAULT '[]'
"""
# v4: where each article was shown in a channel, so a story update goes into that message's thread.
_MIGRATIONS[4] = """
    CREATE TABLE thread_parents (
        platform TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        article_id TEXT NOT NULL,
        parent_ref TEXT NOT NULL,
        PRIMARY KEY (platform, channel_id, article_id)
    ) WITHOUT ROWID
"""

# v5: the FTS5 index of words, speakers and titles (bot.search_index) replaces the term tables.
_MIGRATIONS[5] = search_index.migrate
# v6: Slack apps installed in many workspaces (bot.channels.slack_installations): one installation per
# workspace (slack_sdk's Installation as JSON, its bot token included), and which workspace a channel is in.
_MIGRATIONS[6] = """
    CREATE TABLE slack_installations (
        enterprise_id TEXT NOT NULL,
        team_id TEXT NOT NULL,
        installed_at TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (enterprise_id, team_id)
    );
    CREATE TABLE slack_channels (
        channel_id TEXT PRIMARY KEY,
        enterprise_id TEXT NOT NULL,
        team_id TEXT NOT NULL
    );
    CREATE INDEX slack_channels_team ON slack_channels (enterprise_id, team_id)
"""


def utc_iso(moment: datetime) -> str:
    """A UTC ISO-8601 string for an aware datetime (the ledger's key format)."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def parse_utc(text: str) -> datetime:
    """Read a datetime written by utc_iso."""
    return datetime.fromisoformat(text).astimezone(UTC)


class StorageError(BotError):
    """The database cannot be opened or used; the message names the file and what to do."""


# What an operator does about each SQLite failure, by a phrase of its message (first match wins).
_ADVICE: tuple[tuple[str, str], ...] = (
    ("disk is full", "free disk space"),
    ("readonly", "fix the file's permissions (the bot needs to write it and its folder)"),
    ("read-only", "fix the file's permissions (the bot needs to write it and its folder)"),
    ("unable to open", "check that the path is a writable file in a folder the bot may write"),
    ("not a database", "restore it from a backup or move it aside to start afresh"),
    ("malformed", "restore it from a backup or move it aside to start afresh"),
    ("newer than this bot", "upgrade the bot (or point database: at another file)"),
    ("locked", "another program holds the database; stop it or wait"),
    ("disk i/o error", "check the disk and free space"),
)


def storage_advice(exc: BaseException) -> str:
    """What to do about a storage error, in a few words."""
    text = str(exc).lower()
    return next((advice for phrase, advice in _ADVICE if phrase in text), "check the file and the disk")


@dataclass(frozen=True)
class ArticleRecord:
    """Everything stored for one analysed article file."""

    id: str
    source: str
    title: str | None
    date: str | None
    place: str | None
    content_hash: str
    text: str
    points: int
    analysis: dict[str, Any]  # Briefing.to_dict()
    figure_sentences: tuple[str, ...] = ()  # the sentence around each figure, for word filters
    size: int = 0
    mtime_ns: int = 0


@dataclass(frozen=True)
class ArticleInfo:
    """An article's metadata as the reply contract's ARTICLE dict needs it."""

    seq: int
    id: str
    title: str | None
    date: str | None
    place: str | None
    source: str

    def to_reply(self) -> dict[str, Any]:
        """The ARTICLE dict of bot.replies."""
        return {
            "id": self.id,
            "title": self.title,
            "date": self.date,
            "place": self.place,
            "source": self.source,
        }


@dataclass(frozen=True)
class FileState:
    """What the store knows of an article file, to skip unchanged files cheaply."""

    id: str
    content_hash: str
    size: int
    mtime_ns: int
    points: int


@dataclass(frozen=True)
class Subscription:
    """A channel's digest schedule."""

    platform: str
    channel_id: str
    schedule: str
    timezone: str
    created_by: str
    created_at: datetime
    origin: str = "command"  # "config" | "command"
    active_since: datetime | None = None  # fire times before this are not owed; None: owed at once

    @property
    def key(self) -> tuple[str, str]:
        """(platform, channel_id)."""
        return (self.platform, self.channel_id)


@dataclass(frozen=True)
class LedgerEntry:
    """One digest of the ledger: a (platform, channel, scheduled time) and what happened to it."""

    platform: str
    channel_id: str
    scheduled_for: datetime
    state: str  # "claimed" | "sent"
    article_ids: tuple[str, ...]
    max_seq: int
    outcome: str | None = None  # "posted" | "notice" | "skipped"
    attempts: int = 0
    last_error: str | None = None
    retry_after: datetime | None = None
    owner: str | None = None  # the process posting it now (or that died posting it)
    lease_until: datetime | None = None  # the owner's claim lapses then; another process may take over
    parts_sent: tuple[int, ...] = ()  # message indexes of the digest already delivered

    @property
    def key(self) -> tuple[str, str]:
        """(platform, channel_id)."""
        return (self.platform, self.channel_id)

    @property
    def ledger_key(self) -> str:
        """The digest's identity as posted with it (Slack metadata, Discord nonce and marker)."""
        return f"{self.platform}:{self.channel_id}:{utc_iso(self.scheduled_for)}"


@dataclass
class _Cache:
    version: int = 0
    speakers: list[str] | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def connect(path: str) -> sqlite3.Connection:
    """A connection to the database file in WAL mode, shared by threads (callers hold their own lock)."""
    # timeout: the busy timeout, so two processes on one file wait for each other's short writes.
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=10)
    db.row_factory = sqlite3.Row
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    return db


@contextmanager
def immediate_transaction(db: sqlite3.Connection, lock: threading.RLock) -> Iterator[sqlite3.Connection]:
    """One write transaction, taken at once (BEGIN IMMEDIATE), rolled back on any error."""
    with lock:
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            if db.in_transaction:  # SQLite may have rolled back already (a full disk)
                db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")


class Connected:
    """A SQLite connection shared by threads behind one lock: close, write transactions and queries."""

    _db: sqlite3.Connection
    _lock: threading.RLock

    def close(self) -> None:
        """Close the connection; safe to call twice."""
        with self._lock:
            try:
                self._db.close()
            except sqlite3.Error:  # pragma: no cover - closing twice
                pass

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        """Run one SQL statement past the store's API and return its rows (tests and maintenance only)."""
        with self._lock:
            return self._db.execute(sql, params).fetchall()

    def _transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        return immediate_transaction(self._db, self._lock)

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._db.execute(sql, params).fetchall()


class Store(Connected):
    """The bot's SQLite database (WAL mode, versioned schema); one instance per process."""

    def __init__(self, path: Path | str) -> None:
        self.path = str(path)
        self._lock = threading.RLock()
        self._cache = _Cache()
        try:
            if self.path != ":memory:":
                if Path(self.path).is_dir():
                    raise StorageError(f"database {self.path}: is a folder; set database: to a file path")
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self._db = connect(self.path)
            self._db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except StorageError:
            raise
        except (sqlite3.Error, OSError, RuntimeError) as exc:
            raise StorageError(f"database {self.path}: {exc}; {storage_advice(exc)}") from exc

    # ------------------------------------------------------------ plumbing

    def _migrate(self) -> None:
        with self._transaction() as db:
            db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            row = db.execute("SELECT version FROM schema_version").fetchone()
            current = row[0] if row else 0
            if current > SCHEMA_VERSION:
                raise RuntimeError(
                    f"{self.path}: schema version {current} is newer than this bot's ({SCHEMA_VERSION})"
                )
            for version in range(current + 1, SCHEMA_VERSION + 1):
                log.info("migrating %s to schema version %d", self.path, version)
                step = _MIGRATIONS[version]
                if callable(step):
                    step(db)
                else:
                    _run_script(db, step)
            if row is None:
                db.execute("INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION,))
            else:
                db.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION,))

    def schema_version(self) -> int:
        """The schema version recorded in the database."""
        return int(self._query("SELECT version FROM schema_version")[0][0])

    @property
    def version(self) -> int:
        """A counter bumped whenever articles change (for caches)."""
        return self._cache.version

    # ------------------------------------------------------------ articles

    def file_states(self) -> dict[str, FileState]:
        """What is known of each article file, by source path."""
        # Row by row, not fetchall: at 100,000 articles the list of rows alone would be tens of MB.
        with self._lock:
            cursor = self._db.execute("SELECT source, id, content_hash, size, mtime_ns, points FROM articles")
            cursor.row_factory = None
            return {source: FileState(*rest) for source, *rest in cursor}

    def touch_file(self, article_id: str, size: int, mtime_ns: int) -> None:
        """Record a new size/mtime for a file whose content did not change."""
        with self._transaction() as db:
            db.execute(
                "UPDATE articles SET size = ?, mtime_ns = ? WHERE id = ?", (size, mtime_ns, article_id)
            )

    def put_article(self, record: ArticleRecord) -> None:
        """Insert or replace an article and its quotes and figures (one transaction)."""
        self.put_articles([record])

    def put_articles(self, records: Iterable[ArticleRecord]) -> int:
        """Insert or replace many articles in one transaction; returns how many."""
        count = 0
        now = utc_iso(datetime.now(UTC))
        try:
            with self._transaction() as db:
                for record in records:
                    self._put(db, record, now)
                    count += 1
        except BaseException:
            self._cache.extra.pop("trigrams", None)  # it may name trigrams of the rolled-back titles
            raise
        if count:
            self._cache.version += 1
            self._cache.speakers = None
        return count

    def _put(self, db: sqlite3.Connection, record: ArticleRecord, now: str) -> None:
        analysis_json, span = pack_analysis(record.analysis, record.text)
        date_key = record.date or ""
        existing = db.execute("SELECT seq, sort_key FROM articles WHERE id = ?", (record.id,)).fetchone()
        values = (
            record.source,
            record.title,
            record.date,
            record.place,
            date_key,
            record.content_hash,
            record.size,
            record.mtime_ns,
            record.text,
            record.points,
            analysis_json,
            now,
            *(span or (None, None)),
        )
        if existing:
            seq = existing[0]
            db.execute("DELETE FROM quotes WHERE article_seq = ?", (seq,))
            db.execute("DELETE FROM figures WHERE article_seq = ?", (seq,))
            db.execute("DELETE FROM article_names WHERE key = ?", (existing[1],))
            db.execute(
                "UPDATE articles SET source=?, title=?, date=?, place=?, date_key=?, content_hash=?, size=?, "
                "mtime_ns=?, text=?, points=?, analysis=?, analysed_at=?, body_start=?, body_end=? "
                "WHERE seq = ?",
                (*values, seq),
            )
        else:
            cursor = db.execute(
                "INSERT INTO articles (source, title, date, place, date_key, content_hash, size, mtime_ns, "
                "text, points, analysis, analysed_at, body_start, body_end, id) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (*values, record.id),
            )
            seq = cursor.lastrowid
        key = search_index.article_key(date_key, seq)
        db.execute("UPDATE articles SET sort_key = ? WHERE seq = ?", (key, seq))
        if "trigrams" not in self._cache.extra:
            known = db.execute("SELECT DISTINCT trigram FROM title_grams").fetchall()
            self._cache.extra["trigrams"] = {r[0] for r in known}
        search_index.index_title(db, key, record.id, record.title, self._cache.extra["trigrams"])
        self._put_items(db, record, seq, date_key)

    @staticmethod
    def _put_items(db: sqlite3.Connection, record: ArticleRecord, seq: int, date_key: str) -> None:
        """An article's quotes and figures, each with its newest-first key and its search index entry."""
        quotes = record.analysis.get("quotes", [])
        figures = record.analysis.get("figures", [])
        if max(len(quotes), len(figures)) > search_index.MAX_ITEMS:
            log.warning(
                "article %s: only the first %d quotes and figures are searchable",
                record.id,
                search_index.MAX_ITEMS,
            )
        for index, quote in enumerate(quotes[: search_index.MAX_ITEMS]):
            speaker = quote.get("speaker_name", quote.get("speaker"))  # the clean name, not the label
            rowid = item_key(date_key, seq, index)
            db.execute(
                "INSERT INTO quotes (rowid, article_seq, idx, speaker, speaker_key) VALUES (?,?,?,?,?)",
                (rowid, seq, index, speaker, speaker.casefold() if speaker else None),
            )
            search_index.index_item(db, "quote", rowid, text_terms(quote.get("text", "")), speaker)
        sentences = record.figure_sentences
        for index, figure in enumerate(figures[: search_index.MAX_ITEMS]):
            sentence = sentences[index] if index < len(sentences) else None
            rowid = item_key(date_key, seq, index)
            db.execute(
                "INSERT INTO figures (rowid, article_seq, idx, sentence) VALUES (?,?,?,?)",
                (rowid, seq, index, sentence),
            )
            search_index.index_item(db, "figure", rowid, figure_terms(figure, sentence))

    def count_articles(self) -> int:
        """How many articles the store holds."""
        return int(self._query("SELECT COUNT(*) FROM articles")[0][0])

    def max_seq(self) -> int:
        """The insertion number of the latest article (0 when empty)."""
        return int(self._query("SELECT COALESCE(MAX(seq), 0) FROM articles")[0][0])

    _INFO = "seq, id, title, date, place, source"
    _INFO_A = "a.seq, a.id, a.title, a.date, a.place, a.source"

    @staticmethod
    def _info(row: sqlite3.Row) -> ArticleInfo:
        return ArticleInfo(row["seq"], row["id"], row["title"], row["date"], row["place"], row["source"])

    def newest_articles(self, limit: int = 20) -> list[ArticleInfo]:
        """Articles newest first (by date, then by arrival)."""
        rows = self._query(
            f"SELECT {self._INFO} FROM articles ORDER BY date_key DESC, seq DESC LIMIT ?", (limit,)
        )
        return [self._info(r) for r in rows]

    def article(self, article_id: str) -> ArticleInfo | None:
        """One article by exact id."""
        rows = self._query(f"SELECT {self._INFO} FROM articles WHERE id = ?", (article_id,))
        return self._info(rows[0]) if rows else None

    def find_articles(self, query: str, limit: int = 25) -> list[ArticleInfo]:
        """Articles by id or title: exact matches, else an id prefix or part of a title; newest first."""
        q = query.strip()
        if not q:
            return self.newest_articles(limit)
        exact = self._query(
            f"SELECT {self._INFO} FROM articles WHERE id = ? OR title = ? COLLATE NOCASE "
            "ORDER BY date_key DESC, seq DESC LIMIT ?",
            (q, q, limit),
        )
        if exact:
            return [self._info(r) for r in exact]
        prefix, pattern = like_pattern(q, prefix_only=True), like_pattern(q)
        match = self._title_match(q)
        # Every id or title holding the text is in the index's answer (or, for short text, in the scan);
        # LIKE keeps today's exact rule (an id prefix, a part of a title, ASCII case-insensitive).
        if match is None:
            source, order, params = "article_names n", "n.key DESC", []
        elif match == "":
            # No trigram holds the text: only ids and titles too short for trigrams can.
            source, order, params = "article_names n INDEXED BY article_names_short", "n.key DESC", []
        else:
            source = "article_titles JOIN article_names n ON n.key = article_titles.rowid"
            order, params = "article_titles.rowid DESC", [match]
        where = ["article_titles MATCH ?"] if match else []
        if match == "":
            where.append("(length(n.id) < 3 OR length(n.title) < 3)")
        where.append("(n.id LIKE ? ESCAPE '\\' OR n.title LIKE ? ESCAPE '\\')")
        rows = self._query(
            f"SELECT a.seq, a.id, a.title, a.date, a.place, a.source FROM {source} "
            f"JOIN articles a ON a.sort_key = n.key WHERE {' AND '.join(where)} ORDER BY {order} LIMIT ?",
            (*params, prefix, pattern, limit),
        )
        return [self._info(r) for r in rows]

    def _title_match(self, text: str) -> str | None:
        """The title index query for a text: all its trigrams; "" when none can hold it; None: scan."""
        pieces = search_index.trigram_cover(text)
        if pieces:
            return " AND ".join(phrase(piece) for piece in pieces)
        if not text.isascii():
            return None  # the index folds other letters its own way: read the titles
        holding = self._query(
            "SELECT trigram FROM title_grams WHERE gram = ? LIMIT ?",
            (text.lower(), search_index.SHORT_QUERY_TRIGRAMS + 1),
        )
        if len(holding) > search_index.SHORT_QUERY_TRIGRAMS:
            return None  # a common piece of text: the newest titles have it
        return " OR ".join(phrase(r[0]) for r in holding)

    def analysis(self, article_id: str) -> dict[str, Any] | None:
        """The stored Briefing.to_dict() of an article."""
        rows = self._query(
            "SELECT analysis, text, body_start, body_end FROM articles WHERE id = ?", (article_id,)
        )
        return unpack_analysis(*rows[0]) if rows else None

    def analysis_points(self, article_id: str) -> int | None:
        """How many key points the stored analysis was made with."""
        rows = self._query("SELECT points FROM articles WHERE id = ?", (article_id,))
        return int(rows[0][0]) if rows else None

    def article_text(self, article_id: str) -> str | None:
        """The decoded text of an article's file as it was analysed."""
        rows = self._query("SELECT text FROM articles WHERE id = ?", (article_id,))
        return rows[0][0] if rows else None

    def article_source(self, article_id: str) -> tuple[str, str] | None:
        """(source path, content hash) of an article."""
        rows = self._query("SELECT source, content_hash FROM articles WHERE id = ?", (article_id,))
        return (rows[0][0], rows[0][1]) if rows else None

    def speakers(self) -> list[str]:
        """Every distinct quote speaker, most quoted first (cached until articles change)."""
        if self._cache.speakers is None:
            rows = self._query("SELECT speaker FROM speaker_counts ORDER BY n DESC, speaker")
            self._cache.speakers = [r[0] for r in rows]
        return self._cache.speakers

    def search_quotes(
        self,
        speakers: Sequence[str] | None = None,
        about: str | None = None,
        article_seq: int | None = None,
        limit: int = 10,
    ) -> list[tuple[dict[str, Any], ArticleInfo]]:
        """Quotes by any of the speakers (exact names), with all the words, in one article; newest first."""
        if speakers is not None and not speakers:
            return []
        return self._search("quotes", "quote_search", speakers, about, article_seq, limit)

    def search_figures(
        self, about: str | None = None, article_seq: int | None = None, limit: int = 10
    ) -> list[tuple[dict[str, Any], ArticleInfo]]:
        """Figures whose text, subject or sentence has all the words, in one article or all; newest first."""
        return self._search("figures", "figure_search", None, about, article_seq, limit)

    def _word_terms(self, index: str, about: str) -> list[list[str]] | None:
        """Per query word, the terms it matches (its stem, else terms it begins); None if one has none."""
        result = []
        for stem_ in query_terms(about):
            exact = [term for term in (stem_, *related_terms(stem_)) if self._indexed(index, term)]
            if exact:
                result.append(exact)
                continue
            starts = stem_
            if len(starts) < 3:
                return None
            # The words table may keep words of deleted items: each is checked in the index itself.
            words = self._query(
                f"SELECT term FROM {index.replace('_search', '_words')} WHERE term >= ? AND term < ? "
                "ORDER BY term",
                (starts, starts + "\uffff"),
            )
            live = (r[0] for r in words if self._indexed(index, r[0]))
            found = list(islice(live, search_index.PREFIX_TERMS))
            if not found:
                return None
            result.append(found)
        return result

    def _indexed(self, index: str, term: str) -> bool:
        return bool(self._query(f"SELECT rowid FROM {index} WHERE {index} MATCH ? LIMIT 1", (phrase(term),)))

    def _search(
        self,
        table: str,
        index: str,
        speakers: Sequence[str] | None,
        about: str | None,
        article_seq: int | None,
        limit: int,
    ) -> list[tuple[dict[str, Any], ArticleInfo]]:
        words: list[list[str]] = []
        if about:
            resolved = self._word_terms(index, about)
            if resolved is None:
                return []
            words = resolved
        where: list[str] = []
        params: list[Any] = []
        if not words and speakers is None:
            # Newest rows first is the table's own rowid order; one article's rows by their index.
            source, order = f"{table} x", "x.rowid DESC"
            if article_seq is not None:
                where.append("x.article_seq = ?")
                params.append(article_seq)
        else:
            # FTS5 yields matches in rowid (= newest-first key) order, so LIMIT stops the read early.
            source, order = f"{index} JOIN {table} x ON x.rowid = {index}.rowid", f"{index}.rowid DESC"
            where.append(f"{index} MATCH ?")
            params.append(match_expression(words, speakers))
            if article_seq is not None:
                found = self._query("SELECT date_key FROM articles WHERE seq = ?", (article_seq,))
                if not found:
                    return []
                where.append(f"{index}.rowid BETWEEN ? AND ?")
                params.extend(item_range(found[0][0], article_seq))
            if speakers is not None:
                # Speaker tokens are folded names: the exact names decide.
                keys = sorted({s.casefold() for s in speakers})
                where.append(f"x.speaker_key IN ({','.join('?' * len(keys))})")
                params.extend(keys)
        sql = (
            f"SELECT x.idx, x.article_seq FROM {source}"
            + (" WHERE " + " AND ".join(where) if where else "")
            + f" ORDER BY {order} LIMIT ?"
        )
        params.append(limit)
        rows = self._query(sql, params)
        seqs = sorted({r["article_seq"] for r in rows})
        # An item's JSON is read from its article's analysis (stored once); a few articles per answer.
        articles = (
            {
                r["seq"]: (self._info(r), json.loads(r["analysis"]).get(table, []))
                for r in self._query(
                    f"SELECT {self._INFO}, analysis FROM articles WHERE seq IN ({','.join('?' * len(seqs))})",
                    seqs,
                )
            }
            if seqs
            else {}
        )
        return [(articles[r["article_seq"]][1][r["idx"]], articles[r["article_seq"]][0]) for r in rows]

    # ------------------------------------------------------------ feeds: articles written elsewhere

    def articles_changed(self) -> None:
        """Forget cached article data: another connection (the feed poller's own Store) wrote articles."""
        self._cache.version += 1
        self._cache.speakers = None

    # ------------------------------------------------------------ subscriptions

    @staticmethod
    def _subscription(row: sqlite3.Row) -> Subscription:
        return Subscription(
            platform=row["platform"],
            channel_id=row["channel_id"],
            schedule=row["schedule"],
            timezone=row["timezone"],
            created_by=row["created_by"],
            created_at=parse_utc(row["created_at"]),
            origin=row["origin"],
            active_since=parse_utc(row["active_since"]) if row["active_since"] else None,
        )

    def subscriptions(self, platform: str | None = None) -> list[Subscription]:
        """Every subscription (of one platform)."""
        if platform is None:
            rows = self._query("SELECT * FROM subscriptions ORDER BY platform, channel_id")
        else:
            rows = self._query(
                "SELECT * FROM subscriptions WHERE platform = ? ORDER BY channel_id", (platform,)
            )
        return [self._subscription(r) for r in rows]

    def subscription(self, platform: str, channel_id: str) -> Subscription | None:
        """The subscription of one channel."""
        rows = self._query(
            "SELECT * FROM subscriptions WHERE platform = ? AND channel_id = ?", (platform, channel_id)
        )
        return self._subscription(rows[0]) if rows else None

    def put_subscription(self, sub: Subscription) -> None:
        """Create or replace a channel's subscription."""
        with self._transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO subscriptions (platform, channel_id, schedule, timezone, created_by, "
                "created_at, origin, active_since) VALUES (?,?,?,?,?,?,?,?)",
                (
                    sub.platform,
                    sub.channel_id,
                    sub.schedule,
                    sub.timezone,
                    sub.created_by,
                    utc_iso(sub.created_at),
                    sub.origin,
                    utc_iso(sub.active_since) if sub.active_since else None,
                ),
            )

    def delete_subscription(self, platform: str, channel_id: str) -> bool:
        """Remove a channel's subscription; False when it had none."""
        with self._transaction() as db:
            cursor = db.execute(
                "DELETE FROM subscriptions WHERE platform = ? AND channel_id = ?", (platform, channel_id)
            )
            return cursor.rowcount > 0

    # ------------------------------------------------------------ digest ledger

    @staticmethod
    def _entry(row: sqlite3.Row) -> LedgerEntry:
        return LedgerEntry(
            platform=row["platform"],
            channel_id=row["channel_id"],
            scheduled_for=parse_utc(row["scheduled_for"]),
            state=row["state"],
            article_ids=tuple(json.loads(row["article_ids"])),
            max_seq=row["max_seq"],
            outcome=row["outcome"],
            attempts=row["attempts"],
            last_error=row["last_error"],
            retry_after=parse_utc(row["retry_after"]) if row["retry_after"] else None,
            owner=row["owner"],
            lease_until=parse_utc(row["lease_until"]) if row["lease_until"] else None,
            parts_sent=tuple(json.loads(row["parts_sent"] or "[]")),
        )

    def unposted_articles(self, platform: str, channel_id: str, limit: int) -> tuple[list[ArticleInfo], int]:
        """The newest articles not yet in a digest of this channel, and the latest article seq."""
        rows = self._query(
            f"SELECT {self._INFO} FROM articles a WHERE NOT EXISTS (SELECT 1 FROM posted p WHERE "
            "p.platform = ? AND p.channel_id = ? AND p.article_seq = a.seq) "
            "ORDER BY date_key DESC, seq DESC LIMIT ?",
            (platform, channel_id, limit),
        )
        return [self._info(r) for r in rows], self.max_seq()

    def thread_parent(self, platform: str, channel_id: str, article_ids: Sequence[str]) -> str | None:
        """The message (its platform ref) that first showed one of the articles in the channel, if any."""
        for article_id in article_ids:
            rows = self._query(
                "SELECT parent_ref FROM thread_parents "
                "WHERE platform = ? AND channel_id = ? AND article_id = ?",
                (platform, channel_id, article_id),
            )
            if rows:
                return str(rows[0][0])
        return None

    def put_thread_parent(
        self, platform: str, channel_id: str, article_ids: Iterable[str], parent_ref: str
    ) -> None:
        """Remember the message that showed these articles (the first one recorded stays)."""
        with self._transaction() as db:
            db.executemany(
                "INSERT OR IGNORE INTO thread_parents (platform, channel_id, article_id, parent_ref) "
                "VALUES (?, ?, ?, ?)",
                [(platform, channel_id, a, parent_ref) for a in article_ids],
            )

    def posted_articles(self, platform: str, channel_id: str, limit: int) -> list[ArticleInfo]:
        """The newest articles already in a digest of this channel (stories continue from them)."""
        rows = self._query(
            f"SELECT {self._INFO} FROM articles a WHERE EXISTS (SELECT 1 FROM posted p WHERE "
            "p.platform = ? AND p.channel_id = ? AND p.article_seq = a.seq) "
            "ORDER BY date_key DESC, seq DESC LIMIT ?",
            (platform, channel_id, limit),
        )
        return [self._info(r) for r in rows]

    def claim_digest(
        self,
        platform: str,
        channel_id: str,
        scheduled_for: datetime,
        article_ids: Sequence[str],
        max_seq: int,
        now: datetime,
        owner: str = "",
        lease: timedelta = timedelta(minutes=15),
    ) -> bool:
        """Claim the digest (platform, channel, scheduled time) for `owner`; False when it was claimed before.

        The primary key makes the INSERT a claim only one process can win, whatever the timing.
        """
        with self._transaction() as db:
            cursor = db.execute(
                "INSERT OR IGNORE INTO digests (platform, channel_id, scheduled_for, state, article_ids, "
                "max_seq, claimed_at, owner, lease_until) VALUES (?, ?, ?, 'claimed', ?, ?, ?, ?, ?)",
                (
                    platform,
                    channel_id,
                    utc_iso(scheduled_for),
                    json.dumps(list(article_ids)),
                    max_seq,
                    utc_iso(now),
                    owner,
                    utc_iso(now + lease),
                ),
            )
            return cursor.rowcount == 1

    def take_over_digest(
        self,
        platform: str,
        channel_id: str,
        scheduled_for: datetime,
        owner: str,
        now: datetime,
        lease: timedelta = timedelta(minutes=15),
    ) -> bool:
        """Take an unfinished digest whose lease has lapsed (its owner died or gave it up); True if won."""
        with self._transaction() as db:
            cursor = db.execute(
                "UPDATE digests SET owner = ?, lease_until = ? "
                "WHERE platform = ? AND channel_id = ? AND scheduled_for = ? AND state = 'claimed' "
                "AND (lease_until IS NULL OR lease_until <= ?) AND (retry_after IS NULL OR retry_after <= ?)",
                (
                    owner,
                    utc_iso(now + lease),
                    platform,
                    channel_id,
                    utc_iso(scheduled_for),
                    utc_iso(now),
                    utc_iso(now),
                ),
            )
            return cursor.rowcount == 1

    def mark_part_sent(
        self,
        platform: str,
        channel_id: str,
        scheduled_for: datetime,
        index: int,
        owner: str,
        lease_until: datetime,
    ) -> None:
        """Record that message `index` of a digest was delivered, and extend the owner's lease."""
        with self._transaction() as db:
            row = db.execute(
                "SELECT parts_sent FROM digests WHERE platform = ? AND channel_id = ? AND scheduled_for = ?",
                (platform, channel_id, utc_iso(scheduled_for)),
            ).fetchone()
            if row is None:
                return
            parts = sorted(set(json.loads(row[0] or "[]")) | {index})
            db.execute(
                "UPDATE digests SET parts_sent = ?, "
                "lease_until = CASE WHEN owner = ? THEN ? ELSE lease_until END "
                "WHERE platform = ? AND channel_id = ? AND scheduled_for = ?",
                (
                    json.dumps(parts),
                    owner,
                    utc_iso(lease_until),
                    platform,
                    channel_id,
                    utc_iso(scheduled_for),
                ),
            )

    def renew_lease(
        self, platform: str, channel_id: str, scheduled_for: datetime, owner: str, lease_until: datetime
    ) -> bool:
        """Extend the owner's lease on a digest it is still posting; False when it is no longer the owner."""
        with self._transaction() as db:
            cursor = db.execute(
                "UPDATE digests SET lease_until = ? "
                "WHERE platform = ? AND channel_id = ? AND scheduled_for = ? "
                "AND state = 'claimed' AND owner = ?",
                (utc_iso(lease_until), platform, channel_id, utc_iso(scheduled_for), owner),
            )
            return cursor.rowcount == 1

    def last_scheduled(self, platform: str, channel_id: str) -> datetime | None:
        """The latest scheduled time in the channel's ledger (what was owed last, whatever the clock says)."""
        rows = self._query(
            "SELECT MAX(scheduled_for) FROM digests WHERE platform = ? AND channel_id = ?",
            (platform, channel_id),
        )
        return parse_utc(rows[0][0]) if rows and rows[0][0] else None

    def ledger_entry(self, platform: str, channel_id: str, scheduled_for: datetime) -> LedgerEntry | None:
        """The ledger row of one digest."""
        rows = self._query(
            "SELECT * FROM digests WHERE platform = ? AND channel_id = ? AND scheduled_for = ?",
            (platform, channel_id, utc_iso(scheduled_for)),
        )
        return self._entry(rows[0]) if rows else None

    def ledger(self, platform: str | None = None, channel_id: str | None = None) -> list[LedgerEntry]:
        """Ledger rows, oldest first."""
        rows = self._query(
            "SELECT * FROM digests WHERE (? IS NULL OR platform = ?) AND (? IS NULL OR channel_id = ?) "
            "ORDER BY scheduled_for",
            (platform, platform, channel_id, channel_id),
        )
        return [self._entry(r) for r in rows]

    def claimed_digests(self) -> list[LedgerEntry]:
        """Digests claimed but not marked sent (a crash or a failed post)."""
        rows = self._query("SELECT * FROM digests WHERE state = 'claimed' ORDER BY scheduled_for")
        return [self._entry(r) for r in rows]

    def mark_sent(
        self, platform: str, channel_id: str, scheduled_for: datetime, outcome: str, now: datetime
    ) -> None:
        """Mark a claimed digest sent and record its articles as posted to the channel."""
        key = (platform, channel_id, utc_iso(scheduled_for))
        with self._transaction() as db:
            row = db.execute(
                "SELECT max_seq FROM digests WHERE platform = ? AND channel_id = ? AND scheduled_for = ?", key
            ).fetchone()
            if row is None:
                raise KeyError(f"no ledger row for {key}")
            db.execute(
                "UPDATE digests SET state = 'sent', outcome = ?, sent_at = ?, attempts = attempts + 1, "
                "last_error = NULL, retry_after = NULL "
                "WHERE platform = ? AND channel_id = ? AND scheduled_for = ?",
                (outcome, utc_iso(now), *key),
            )
            # Every article known at claim time counts as covered, including older ones beyond max_articles.
            db.execute(
                "INSERT OR IGNORE INTO posted (platform, channel_id, article_seq, scheduled_for) "
                "SELECT ?, ?, seq, ? FROM articles WHERE seq <= ?",
                (*key, row[0]),
            )

    def supersede_digest(
        self, platform: str, channel_id: str, scheduled_for: datetime, now: datetime
    ) -> bool:
        """Close an unfinished digest unposted (a newer one covers it) unless a live owner is posting it."""
        with self._transaction() as db:
            cursor = db.execute(
                "UPDATE digests SET state = 'sent', outcome = 'superseded', sent_at = ? "
                "WHERE platform = ? AND channel_id = ? AND scheduled_for = ? AND state = 'claimed' "
                "AND (lease_until IS NULL OR lease_until <= ?) AND parts_sent = '[]'",
                (utc_iso(now), platform, channel_id, utc_iso(scheduled_for), utc_iso(now)),
            )
            return cursor.rowcount == 1

    def record_failure(
        self, platform: str, channel_id: str, scheduled_for: datetime, error: str, retry_after: datetime
    ) -> None:
        """Keep a claimed digest retryable after a failed post (its lease ends: any process may retry)."""
        with self._transaction() as db:
            db.execute(
                "UPDATE digests SET attempts = attempts + 1, last_error = ?, retry_after = ?, "
                "lease_until = NULL "
                "WHERE platform = ? AND channel_id = ? AND scheduled_for = ? AND state = 'claimed'",
                (error[:500], utc_iso(retry_after), platform, channel_id, utc_iso(scheduled_for)),
            )

    # ------------------------------------------------------------ Slack installations (OAuth)
    # Plain parameterised SQL; "" stands for "no enterprise" (Enterprise Grid ids are optional).

    def put_slack_installation(self, enterprise_id: str, team_id: str, data: str, now: datetime) -> None:
        """Store (or replace) a workspace's installation (JSON text)."""
        with self._transaction() as db:
            key = (enterprise_id, team_id)
            if db.execute(
                "SELECT 1 FROM slack_installations WHERE enterprise_id = ? AND team_id = ?", key
            ).fetchone():
                db.execute(
                    "UPDATE slack_installations SET data = ?, installed_at = ? "
                    "WHERE enterprise_id = ? AND team_id = ?",
                    (data, utc_iso(now), *key),
                )
            else:
                db.execute(
                    "INSERT INTO slack_installations (enterprise_id, team_id, installed_at, data) "
                    "VALUES (?, ?, ?, ?)",
                    (*key, utc_iso(now), data),
                )

    def slack_installation(self, enterprise_id: str, team_id: str) -> str | None:
        """A workspace's installation (JSON text), or None."""
        rows = self._query(
            "SELECT data FROM slack_installations WHERE enterprise_id = ? AND team_id = ?",
            (enterprise_id, team_id),
        )
        return str(rows[0][0]) if rows else None

    def slack_workspaces(self) -> list[tuple[str, str]]:
        """Every installed workspace as (enterprise_id, team_id), oldest installation first."""
        rows = self._query("SELECT enterprise_id, team_id FROM slack_installations ORDER BY installed_at")
        return [(str(r[0]), str(r[1])) for r in rows]

    def delete_slack_installation(self, enterprise_id: str, team_id: str) -> list[str]:
        """Forget a workspace: its installation and its channels; the channels it had."""
        with self._transaction() as db:
            key = (enterprise_id, team_id)
            channels = [
                str(r[0])
                for r in db.execute(
                    "SELECT channel_id FROM slack_channels WHERE enterprise_id = ? AND team_id = ?", key
                )
            ]
            db.execute("DELETE FROM slack_installations WHERE enterprise_id = ? AND team_id = ?", key)
            db.execute("DELETE FROM slack_channels WHERE enterprise_id = ? AND team_id = ?", key)
        return channels

    def put_slack_channel(self, channel_id: str, enterprise_id: str, team_id: str) -> None:
        """Remember which workspace a channel is in."""
        with self._transaction() as db:
            if db.execute("SELECT 1 FROM slack_channels WHERE channel_id = ?", (channel_id,)).fetchone():
                db.execute(
                    "UPDATE slack_channels SET enterprise_id = ?, team_id = ? WHERE channel_id = ?",
                    (enterprise_id, team_id, channel_id),
                )
            else:
                db.execute(
                    "INSERT INTO slack_channels (channel_id, enterprise_id, team_id) VALUES (?, ?, ?)",
                    (channel_id, enterprise_id, team_id),
                )

    def slack_channel(self, channel_id: str) -> tuple[str, str] | None:
        """The workspace (enterprise_id, team_id) a channel is in, when known."""
        rows = self._query(
            "SELECT enterprise_id, team_id FROM slack_channels WHERE channel_id = ?", (channel_id,)
        )
        return (str(rows[0][0]), str(rows[0][1])) if rows else None
