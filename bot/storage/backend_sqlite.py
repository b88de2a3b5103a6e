"""The embedded default backend: one SQLite file in WAL mode, FTS5 for words, speakers and titles."""

from __future__ import annotations

import fcntl
import logging
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

from bot import search_index
from bot.news.models import stored_quote_name
from bot.search import text_terms
from bot.search_index import figure_terms, item_key, like_pattern, match_expression, pack_analysis, phrase
from bot.storage.articles import INFO_COLUMNS, ArticleCache, article_values, info, searchable
from bot.storage.base import Store
from bot.storage.errors import StorageError, storage_advice
from bot.storage.records import ArticleInfo, ArticleRecord, FileState
from bot.storage.schema import SCHEMA_VERSION, SQLITE_MIGRATIONS

log = logging.getLogger(__name__)


# How long a process waits for another's write lock: a fresh file's migration by a process started at the
# same moment can take seconds on a loaded machine, and giving up means the start fails (seen once at 10 s).
BUSY_TIMEOUT_SECONDS = 30


def connect(path: str) -> sqlite3.Connection:
    """A connection to the database file in WAL mode, shared by threads (callers hold their own lock)."""
    # timeout: the busy timeout, so two processes on one file wait for each other's short writes.
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_SECONDS)
    db.row_factory = sqlite3.Row
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    return db


@contextmanager
def one_starter_at_a_time(path: str) -> Iterator[None]:
    """Hold an exclusive lock on a sidecar file while this process opens and migrates the database."""
    # Two processes opening a fresh file at once could each switch it to WAL and migrate it; SQLite may then
    # refuse one with "database is locked" without waiting (its deadlock rule), so starts take turns.
    with open(f"{path}-start.lock", "a") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)


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


class SqliteStore(Store):
    """The bot's SQLite database (WAL mode, versioned schema); one connection shared by threads."""

    backend = "sqlite"

    def __init__(self, path: Path | str) -> None:
        self.path = str(path)
        self._lock = threading.RLock()
        self._cache = ArticleCache()
        try:
            if self.path != ":memory:":
                if Path(self.path).is_dir():
                    raise StorageError(f"database {self.path}: is a folder; set database: to a file path")
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
                with one_starter_at_a_time(self.path):
                    self._open()
            else:
                self._open()
        except StorageError:
            raise
        except (sqlite3.Error, OSError, RuntimeError) as exc:
            raise StorageError(f"database {self.path}: {exc}; {storage_advice(exc)}") from exc

    # ------------------------------------------------------------ plumbing

    def _open(self) -> None:
        self._db = connect(self.path)
        self._db.execute("PRAGMA foreign_keys=ON")
        self._migrate()

    def close(self) -> None:
        """Close the connection; safe to call twice."""
        with self._lock:
            try:
                self._db.close()
            except sqlite3.Error:  # pragma: no cover - closing twice
                pass

    def _transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        return immediate_transaction(self._db, self._lock)

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._db.execute(sql, params).fetchall()

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
                step = SQLITE_MIGRATIONS[version]
                if callable(step):
                    step(db)
                else:
                    search_index.run_script(db, step)
            if row is None:
                db.execute("INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION,))
            else:
                db.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION,))

    def file_states(self) -> dict[str, FileState]:
        """What is known of each article file, by source path."""
        # Row by row, not fetchall: at 100,000 articles the list of rows alone would be tens of MB.
        with self._lock:
            cursor = self._db.execute("SELECT source, id, content_hash, size, mtime_ns, points FROM articles")
            cursor.row_factory = None
            return {source: FileState(*rest) for source, *rest in cursor}

    # ------------------------------------------------------------ writes

    def _put(self, db: sqlite3.Connection, record: ArticleRecord, now: str) -> None:
        analysis_json, span = pack_analysis(record.analysis, record.text)
        date_key = record.date or ""
        existing = db.execute("SELECT seq, sort_key FROM articles WHERE id = ?", (record.id,)).fetchone()
        values = article_values(record, analysis_json, span, now)
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
        quotes, figures = searchable(record)
        for index, quote in enumerate(quotes):
            speaker = stored_quote_name(quote)  # the clean name, not the label
            rowid = item_key(date_key, seq, index)
            db.execute(
                "INSERT INTO quotes (rowid, article_seq, idx, speaker, speaker_key) VALUES (?,?,?,?,?)",
                (rowid, seq, index, speaker, speaker.casefold() if speaker else None),
            )
            search_index.index_item(db, "quote", rowid, text_terms(quote.get("text", "")), speaker)
        sentences = record.figure_sentences
        for index, figure in enumerate(figures):
            sentence = sentences[index] if index < len(sentences) else None
            rowid = item_key(date_key, seq, index)
            db.execute(
                "INSERT INTO figures (rowid, article_seq, idx, sentence) VALUES (?,?,?,?)",
                (rowid, seq, index, sentence),
            )
            search_index.index_item(db, "figure", rowid, figure_terms(figure, sentence))

    # ------------------------------------------------------------ search

    def _indexed(self, kind: str, term: str) -> bool:
        index = f"{kind}_search"
        return bool(self._query(f"SELECT rowid FROM {index} WHERE {index} MATCH ? LIMIT 1", (phrase(term),)))

    def _item_match(
        self, kind: str, words: list[list[str]], speakers: Sequence[str] | None
    ) -> tuple[str, str, str, Any]:
        # FTS5 yields matches in rowid (= newest-first key) order.
        index = f"{kind}_search"
        source = f"{index} JOIN {kind}s x ON x.rowid = {index}.rowid"
        return source, f"{index}.rowid", f"{index} MATCH ?", match_expression(words, speakers)

    _INFO_A = "a.seq, a.id, a.title, a.date, a.place, a.source"

    def find_articles(self, query: str, limit: int = 25) -> list[ArticleInfo]:
        """Articles by id or title: exact matches, else an id prefix or part of a title; newest first."""
        q = query.strip()
        if not q:
            return self.newest_articles(limit)
        exact = self._query(
            f"SELECT {INFO_COLUMNS} FROM articles WHERE id = ? OR title = ? COLLATE NOCASE "
            "ORDER BY date_key DESC, seq DESC LIMIT ?",
            (q, q, limit),
        )
        if exact:
            return [info(r) for r in exact]
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
            f"SELECT {self._INFO_A} FROM {source} "
            f"JOIN articles a ON a.sort_key = n.key WHERE {' AND '.join(where)} ORDER BY {order} LIMIT ?",
            (*params, prefix, pattern, limit),
        )
        return [info(r) for r in rows]

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
