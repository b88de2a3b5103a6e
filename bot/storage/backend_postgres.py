"""PostgreSQL for several bot processes: a connection pool, row locks and conditional writes, GIN indexes.

Words and speakers are a tsvector of the same stems and speaker tokens as SQLite's FTS5 index (made by
bot.search_index, so both backends match alike); titles and ids through a GIN index of their pieces.
The password comes only from the environment variable PASSWORD_ENV, never from the URL, and no message
of this module holds it.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import psycopg
from psycopg_pool import ConnectionPool, PoolTimeout

from bot import search_index
from bot.news.models import stored_quote_name
from bot.search import text_terms
from bot.search_index import figure_terms, item_key, like_pattern, pack_analysis, speaker_token
from bot.storage.articles import INFO_COLUMNS, ArticleCache, article_values, info, searchable
from bot.storage.base import Store
from bot.storage.errors import StorageError, register_driver, storage_advice
from bot.storage.location import PASSWORD_ENV, redact
from bot.storage.records import ArticleInfo, ArticleRecord, FileState
from bot.storage.schema import POSTGRES_BASELINE, POSTGRES_MIGRATIONS, SCHEMA_VERSION

log = logging.getLogger(__name__)

register_driver(psycopg.Error, psycopg.OperationalError)  # the rest of the bot handles them as sqlite3's

POOL_SIZE = 4  # connections per store: the bot's threads rarely hold more than a few at once
CONNECT_TIMEOUT = 10  # seconds to reach the server before the bot says it cannot
NEWEST_TITLES = 2000  # titles read in key order before a title search asks the index of pieces
MIGRATION_LOCK = 0x6E657773  # the advisory lock that lets one process at a time migrate the schema


class Row:
    """A result row read as row["column"] or row[0], as sqlite3.Row is."""

    __slots__ = ("_names", "_values")

    def __init__(self, values: Sequence[Any], names: dict[str, int]) -> None:
        self._values = values
        self._names = names

    def __getitem__(self, key: int | str) -> Any:
        return self._values[self._names[key]] if isinstance(key, str) else self._values[key]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def keys(self) -> list[str]:
        """The column names."""
        return list(self._names)


def _rows(cursor: psycopg.Cursor[Any]) -> Any:
    names = {column.name: i for i, column in enumerate(cursor.description or ())}
    return lambda values: Row(values, names)


@lru_cache(maxsize=512)
def pg_sql(sql: str) -> str:
    """The store's SQL ("?" placeholders) in psycopg's form ("%s", a literal "%" doubled)."""
    return sql.replace("%", "%%").replace("?", "%s")


INFO_A = "a.seq, a.id, a.title, a.date, a.place, a.source"


def ascii_lower(text: str) -> str:
    """ASCII letters in lower case, others as they are (how LIKE and ILIKE over "C" text compare)."""
    return "".join(c.lower() if c.isascii() else c for c in text)


def title_grams(*texts: str | None) -> list[str]:
    """Every distinct 1-, 2- and 3-character piece of the texts (ASCII folded): the index of title parts."""
    pieces = set()
    for text in filter(None, texts):
        folded = ascii_lower(text)
        for size in range(1, search_index.TRIGRAM + 1):
            pieces.update(folded[i : i + size] for i in range(len(folded) - size + 1))
    return sorted(pieces)


def grams_cover(text: str) -> list[str]:
    """The pieces a title must hold to have `text` in it: the text itself when short, else every third
    trigram and the last (ILIKE checks the rest); looking up a few pieces is what keeps it fast."""
    folded = ascii_lower(text)
    if len(folded) <= search_index.TRIGRAM:
        return [folded]
    pieces = list(dict.fromkeys(folded[i : i + 3] for i in range(len(folded) - 2)))
    return list(dict.fromkeys(pieces[:: search_index.TRIGRAM] + [pieces[-1]]))


def lexeme(text: str) -> str:
    """A tsquery lexeme literal, taken as it is (no parsing, no stemming: our stems are made already)."""
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"


def tsquery(word_groups: Sequence[Sequence[str]], speakers: Sequence[str] | None = None) -> str:
    """The tsquery of search_index.match_expression: one of the speakers and, per word, one of its terms."""
    groups = [list(group) for group in word_groups]
    if speakers is not None:
        groups.insert(0, sorted({speaker_token(s) for s in speakers}))
    return " & ".join("(" + " | ".join(lexeme(term) for term in group) + ")" for group in groups)


def lexemes(terms: set[str], speaker: str | None = None) -> str:
    """The tsvector lexemes of an item, space-separated (search_index.index_text: no lexeme has a space)."""
    return search_index.index_text(terms, speaker)


class _Transaction:
    """A pooled connection inside one transaction, taking the store's SQL."""

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._conn = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> psycopg.Cursor[Any]:
        """Run one statement; the cursor holds its rows and rowcount."""
        return self._conn.execute(pg_sql(sql), params)

    def pipeline(self) -> psycopg.Pipeline:
        """Send the statements of the block without waiting for each one's answer (results unread)."""
        return self._conn.pipeline()

    def executemany(self, sql: str, params: Sequence[Sequence[Any]]) -> None:
        """Run one statement per parameter row (pipelined: one round trip)."""
        rows = list(params)
        if rows:
            with self._conn.cursor() as cursor:
                cursor.executemany(pg_sql(sql), rows)


def _configure(conn: psycopg.Connection[Any]) -> None:
    """Every pooled connection plans each query for its own values, also once psycopg has prepared it.

    A generic plan cannot know whether `grams @> '{ed}'` holds for every title or for none, and picks one
    way for both: a scan of the index in key order (fast when most titles match) or a bitmap of the
    matches (fast when few do). A custom plan reads the statistics for the value at hand.
    """
    conn.execute("SET plan_cache_mode = force_custom_plan")


def check_url(url: str) -> None:
    """Refuse a URL that holds a password (it would end up in process lists and logs)."""
    if redact(url) != url:
        raise StorageError(
            f"database {redact(url)}: the URL holds a password; remove it and set {PASSWORD_ENV} instead"
        )


class PostgresStore(Store):
    """The bot's database on a PostgreSQL server; safe to share between processes and threads."""

    backend = "postgres"
    FOR_UPDATE = " FOR UPDATE"
    KEY_TAKEN = (psycopg.errors.UniqueViolation,)

    def __init__(self, url: str) -> None:
        url = str(url)
        self.path = redact(url)
        check_url(url)
        self._cache = ArticleCache()
        self._closed = threading.Event()
        password = os.environ.get(PASSWORD_ENV)
        kwargs: dict[str, Any] = {
            "autocommit": True,
            "row_factory": _rows,
            "connect_timeout": CONNECT_TIMEOUT,
        }
        if password:
            kwargs["password"] = password
        try:
            # One direct connection first: a wrong URL fails at once with the server's reason.
            with psycopg.connect(url, **kwargs) as conn:
                self._migrate(conn)
        except StorageError:
            raise
        except (psycopg.Error, OSError, RuntimeError) as exc:
            reason = redact(" ".join(str(exc).split()))  # libpq's reason on one line
            raise StorageError(f"database {self.path}: {reason}; {storage_advice(exc)}") from None
        self._pool = ConnectionPool(
            url,
            kwargs=kwargs,
            min_size=1,
            max_size=POOL_SIZE,
            open=False,
            name="bot-store",
            configure=_configure,
        )
        try:
            self._pool.open(wait=True, timeout=CONNECT_TIMEOUT)
        except PoolTimeout as exc:
            raise StorageError(f"database {self.path}: {exc}; {storage_advice(exc)}") from None

    # ------------------------------------------------------------ plumbing

    def close(self) -> None:
        """Close the pool; safe to call twice."""
        if not self._closed.is_set():
            self._closed.set()
            self._pool.close()

    @contextmanager
    def _transaction(self) -> Iterator[_Transaction]:
        with self._pool.connection() as conn, conn.transaction():
            yield _Transaction(conn)

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        with self._pool.connection() as conn:
            return conn.execute(pg_sql(sql), params).fetchall()

    def _migrate(self, conn: psycopg.Connection[Any]) -> None:
        with conn.transaction():
            # Processes starting together: one migrates, the others wait and find the schema current.
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
            conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            row = conn.execute("SELECT version FROM schema_version").fetchone()
            current = row[0] if row else 0
            if current > SCHEMA_VERSION:
                raise RuntimeError(
                    f"{self.path}: schema version {current} is newer than this bot's ({SCHEMA_VERSION})"
                )
            versions = [v for v in sorted(POSTGRES_MIGRATIONS) if v > current]
            if current == 0 and versions[:1] != [
                POSTGRES_BASELINE
            ]:  # pragma: no cover - a broken schema list
                raise RuntimeError("the PostgreSQL schema must start at its baseline version")
            for version in versions:
                log.info("migrating %s to schema version %d", self.path, version)
                step = POSTGRES_MIGRATIONS[version]
                if callable(step):
                    step(_Transaction(conn))
                else:
                    conn.execute(step)  # no parameters: the script's statements run as they are
            if row is None:
                conn.execute("INSERT INTO schema_version (version) VALUES (%s)", (SCHEMA_VERSION,))
            else:
                conn.execute("UPDATE schema_version SET version = %s", (SCHEMA_VERSION,))

    def file_states(self) -> dict[str, FileState]:
        """What is known of each article file, by source path."""
        rows = self._query("SELECT source, id, content_hash, size, mtime_ns, points FROM articles")
        return {r[0]: FileState(r[1], r[2], r[3], r[4], r[5]) for r in rows}

    # ------------------------------------------------------------ writes

    _ARTICLE_COLUMNS = (
        "source, title, date, place, date_key, content_hash, size, mtime_ns, text, points, analysis, "
        "analysed_at, body_start, body_end"
    )

    def _put(self, db: Any, record: ArticleRecord, now: str) -> None:
        self._put_batch(db, [record], now)

    def _put_batch(self, db: Any, records: list[ArticleRecord], now: str) -> None:
        """The batch in a few statements, pipelined: at 1,000 articles a batch, round trips cost little."""
        latest = {r.id: r for r in records}  # an id given twice: the last one stands, as written in turn
        batch = list(latest.values())
        existing = self._existing_seqs(db, batch)
        rows = self._article_rows(db, batch, existing, now)
        with db.pipeline():
            if existing:
                self._forget_items(db, sorted(existing.values()))
                db.executemany(
                    "UPDATE articles SET source=?, title=?, date=?, place=?, date_key=?, content_hash=?, "
                    "size=?, mtime_ns=?, text=?, points=?, analysis=?, analysed_at=?, body_start=?, "
                    "body_end=?, sort_key=? WHERE seq = ?",
                    [(*values, seq) for record, seq, values in rows if record.id in existing],
                )
            db.executemany(
                f"INSERT INTO articles ({self._ARTICLE_COLUMNS}, sort_key, id, seq) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [(*values, record.id, seq) for record, seq, values in rows if record.id not in existing],
            )
            db.executemany(
                "INSERT INTO article_names (key, seq, id, title, grams) VALUES (?, ?, ?, ?, ?)",
                [(values[-1], seq, r.id, r.title, title_grams(r.id, r.title)) for r, seq, values in rows],
            )
            self._put_items(db, [(record, seq) for record, seq, _ in rows])

    @staticmethod
    def _existing_seqs(db: Any, batch: list[ArticleRecord]) -> dict[str, int]:
        """The seq of each article of the batch already stored, its row locked until the batch commits."""
        return {
            r[0]: r[1]
            for r in db.execute(
                "SELECT id, seq FROM articles WHERE id = ANY(?) ORDER BY seq FOR UPDATE",
                ([r.id for r in batch],),
            ).fetchall()
        }

    @staticmethod
    def _article_rows(
        db: Any, batch: list[ArticleRecord], existing: dict[str, int], now: str
    ) -> list[tuple[ArticleRecord, int, tuple[Any, ...]]]:
        """Each record with its seq (kept, or a new one from the sequence) and its articles row values."""
        fresh = [r for r in batch if r.id not in existing]
        seqs = iter(
            r[0]
            for r in db.execute(
                "SELECT nextval(pg_get_serial_sequence('articles', 'seq')) FROM generate_series(1, ?)",
                (len(fresh),),
            ).fetchall()
        )
        rows = []
        for record in batch:
            seq = existing[record.id] if record.id in existing else next(seqs)
            analysis_json, span = pack_analysis(record.analysis, record.text)
            values = article_values(record, analysis_json, span, now)
            rows.append((record, seq, (*values, search_index.article_key(record.date or "", seq))))
        return rows

    @staticmethod
    def _forget_items(db: Any, old: list[int]) -> None:
        """Replaced articles: their speakers' and words' counts lowered, their quotes, figures, names gone."""
        db.execute(
            "UPDATE speaker_counts s SET n = s.n - c.n FROM (SELECT speaker, COUNT(*) AS n "
            "FROM quotes WHERE article_seq = ANY(?) AND speaker IS NOT NULL GROUP BY speaker) c "
            "WHERE s.speaker = c.speaker",
            (old,),
        )
        db.execute("DELETE FROM speaker_counts WHERE n <= 0")
        for kind in ("quote", "figure"):
            db.execute(
                f"UPDATE {kind}_words w SET n = w.n - c.n FROM (SELECT t, COUNT(*) AS n "
                f"FROM {kind}s, unnest(tsvector_to_array(terms)) t WHERE article_seq = ANY(?) "
                "GROUP BY t) c "
                "WHERE w.term = c.t",
                (old,),
            )
            db.execute(f"DELETE FROM {kind}_words WHERE n <= 0")
        db.execute("DELETE FROM quotes WHERE article_seq = ANY(?)", (old,))
        db.execute("DELETE FROM figures WHERE article_seq = ANY(?)", (old,))
        db.execute("DELETE FROM article_names WHERE seq = ANY(?)", (old,))

    @staticmethod
    def _put_items(db: Any, placed: list[tuple[ArticleRecord, int]]) -> None:
        """The articles' quotes and figures with their lexemes; new words; the speakers' counts."""
        quote_rows, figure_rows, speakers = [], [], []
        words: dict[str, list[str]] = {"quote": [], "figure": []}  # each item's terms, counted
        for record, seq in placed:
            date_key = record.date or ""
            quotes, figures = searchable(record)
            for index, quote in enumerate(quotes):
                speaker = stored_quote_name(quote)  # the clean name, not the label
                terms = text_terms(quote.get("text", ""))
                words["quote"].extend(terms)
                key = speaker.casefold() if speaker else None
                quote_rows.append(
                    (item_key(date_key, seq, index), seq, index, speaker, key, lexemes(terms, speaker))
                )
                if speaker:
                    speakers.append(speaker)
            sentences = record.figure_sentences
            for index, figure in enumerate(figures):
                sentence = sentences[index] if index < len(sentences) else None
                terms = figure_terms(figure, sentence)
                words["figure"].extend(terms)
                figure_rows.append((item_key(date_key, seq, index), seq, index, sentence, lexemes(terms)))
        db.executemany(
            "INSERT INTO quotes (rowid, article_seq, idx, speaker, speaker_key, terms) "
            "VALUES (?, ?, ?, ?, ?, array_to_tsvector(string_to_array(?, ' ')))",
            quote_rows,
        )
        db.executemany(
            "INSERT INTO figures (rowid, article_seq, idx, sentence, terms) "
            "VALUES (?, ?, ?, ?, array_to_tsvector(string_to_array(?, ' ')))",
            figure_rows,
        )
        # Sorted, so two processes writing the same words lock them in one order (no deadlock).
        for kind, found in words.items():
            if found:
                db.execute(
                    f"INSERT INTO {kind}_words (term, n) SELECT t, COUNT(*) FROM unnest(?::text[]) t "
                    f"GROUP BY t ORDER BY t ON CONFLICT (term) DO UPDATE SET n = {kind}_words.n + excluded.n",
                    (sorted(found),),
                )
        if speakers:
            db.execute(
                "INSERT INTO speaker_counts (speaker, n) SELECT s, COUNT(*) FROM unnest(?::text[]) s "
                "GROUP BY s ORDER BY s ON CONFLICT (speaker) DO UPDATE SET n = speaker_counts.n + excluded.n",
                (sorted(speakers),),
            )

    # ------------------------------------------------------------ search

    def _indexed(self, kind: str, term: str) -> bool:
        return bool(self._live_terms(kind, [term]))

    def _live_terms(self, kind: str, terms: Sequence[str]) -> list[str]:
        # The words table counts the items of each word exactly: one key lookup for all the terms.
        found = {
            r[0] for r in self._query(f"SELECT term FROM {kind}_words WHERE term = ANY(?)", (list(terms),))
        }
        return [term for term in terms if term in found]

    def _prefix_terms(self, kind: str, start: str) -> list[str]:
        rows = self._query(
            f"SELECT term FROM {kind}_words WHERE term >= ? AND term < ? ORDER BY term LIMIT ?",
            (start, start + "\uffff", search_index.PREFIX_TERMS),
        )
        return [r[0] for r in rows]

    def _item_match(
        self, kind: str, words: list[list[str]], speakers: Sequence[str] | None
    ) -> tuple[str, str, str, Any]:
        return f"{kind}s x", "x.rowid", "x.terms @@ ?::tsquery", tsquery(words, speakers)

    def find_articles(self, query: str, limit: int = 25) -> list[ArticleInfo]:
        """Articles by id or title: exact matches, else an id prefix or part of a title; newest first."""
        q = query.strip()
        if not q:
            return self.newest_articles(limit)
        exact = self._query(
            f"SELECT {INFO_COLUMNS} FROM articles WHERE id = ? OR lower(title) = lower(?) "
            "ORDER BY date_key DESC, seq DESC LIMIT ?",
            (q, q, limit),
        )
        if exact:
            return [info(r) for r in exact]
        # ILIKE over "C" text (ASCII folded, as SQLite's LIKE) keeps today's rule: an id prefix or a part
        # of a title. A common part is in enough of the newest titles: a short read in key order finds
        # them (the index would hand over thousands of rows to sort); a rarer one comes from the index.
        match = "(n.id ILIKE ? ESCAPE '\\' OR n.title ILIKE ? ESCAPE '\\')"
        patterns = (like_pattern(q, prefix_only=True), like_pattern(q))
        newest = self._query(
            f"SELECT {INFO_A} FROM (SELECT key, seq, id, title FROM article_names "
            f"ORDER BY key DESC LIMIT ?) n JOIN articles a ON a.seq = n.seq WHERE {match} "
            "ORDER BY n.key DESC LIMIT ?",
            (NEWEST_TITLES, *patterns, limit),
        )
        if len(newest) >= limit:
            return [info(r) for r in newest]
        rows = self._query(
            f"SELECT {INFO_A} FROM article_names n JOIN articles a ON a.seq = n.seq "
            f"WHERE n.grams @> ?::text[] AND {match} ORDER BY n.key DESC LIMIT ?",
            (grams_cover(q), *patterns, limit),
        )
        return [info(r) for r in rows]
