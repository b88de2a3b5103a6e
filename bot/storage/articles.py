"""Articles, their quotes and figures, and the word and speaker search over them (both backends)."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice
from typing import Any

from bot import search_index
from bot.search import query_terms, related_terms
from bot.search_index import unpack_analysis
from bot.storage.connection import Connected
from bot.storage.records import ArticleInfo, ArticleRecord, utc_iso

log = logging.getLogger(__name__)

INFO_COLUMNS = "seq, id, title, date, place, source"
WRITE_ATTEMPTS = 3  # tries of a batch of articles that met a concurrent insert of one of them
ITEM_KINDS = ("quote", "figure")  # a quote's rows are in table "quotes", its words in "quote_words"


@dataclass
class ArticleCache:
    """What the store keeps in memory between queries, dropped whenever articles change."""

    version: int = 0
    speakers: list[str] | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def info(row: Any) -> ArticleInfo:
    """An ArticleInfo from a row of INFO_COLUMNS."""
    return ArticleInfo(row["seq"], row["id"], row["title"], row["date"], row["place"], row["source"])


def article_values(
    record: ArticleRecord, analysis_json: str, span: tuple[int, int] | None, now: str
) -> tuple:
    """The articles row's columns (source .. body_end, in the order the backends write them)."""
    return (
        record.source,
        record.title,
        record.date,
        record.place,
        record.date or "",
        record.content_hash,
        record.size,
        record.mtime_ns,
        record.text,
        record.points,
        analysis_json,
        now,
        *(span or (None, None)),
    )


def searchable(record: ArticleRecord) -> tuple[list[dict], list[dict]]:
    """The quotes and figures of an article that the index holds (logged when some are left out)."""
    quotes = record.analysis.get("quotes", [])
    figures = record.analysis.get("figures", [])
    if max(len(quotes), len(figures)) > search_index.MAX_ITEMS:
        log.warning(
            "article %s: only the first %d quotes and figures are searchable",
            record.id,
            search_index.MAX_ITEMS,
        )
    return quotes[: search_index.MAX_ITEMS], figures[: search_index.MAX_ITEMS]


class Articles(Connected):
    """Article reads and searches written once; each backend adds how it writes and indexes them."""

    _cache: ArticleCache

    # ------------------------------------------------------------ backend hooks

    def _put(self, db: Any, record: ArticleRecord, now: str) -> None:
        raise NotImplementedError

    def _put_batch(self, db: Any, records: list[ArticleRecord], now: str) -> None:
        """Write a batch of articles inside one transaction (a backend may send them together)."""
        for record in records:
            self._put(db, record, now)

    def find_articles(self, query: str, limit: int = 25) -> list[ArticleInfo]:
        """Articles by id or title: exact matches, else an id prefix or part of a title; newest first."""
        raise NotImplementedError

    def _indexed(self, kind: str, term: str) -> bool:
        """Whether the word index of quotes or figures holds a term (any live item has it)."""
        raise NotImplementedError

    def _item_match(
        self, kind: str, words: list[list[str]], speakers: Sequence[str] | None
    ) -> tuple[str, str, str, Any]:
        """(FROM clause, the item key column, the match condition, its parameter) of an index search."""
        raise NotImplementedError

    # ------------------------------------------------------------ writes

    @property
    def version(self) -> int:
        """A counter bumped whenever articles change (for caches)."""
        return self._cache.version

    def articles_changed(self) -> None:
        """Forget cached article data: another connection (the feed poller's own Store) wrote articles."""
        self._cache.version += 1
        self._cache.speakers = None

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
        batch = list(records)
        count = len(batch)
        now = utc_iso(datetime.now(UTC))
        try:
            if batch:
                self._write_batch(batch, now)
        except BaseException:
            self._cache.extra.pop("trigrams", None)  # it may name trigrams of the rolled-back titles
            raise
        if count:
            self.articles_changed()
        return count

    def _write_batch(self, batch: list[ArticleRecord], now: str) -> None:
        # Two processes storing the same new article at once: one insert waits for the other and then
        # finds the id taken. The batch is rolled back whole and written again; the row is then an update.
        for attempt in range(WRITE_ATTEMPTS):
            try:
                with self._transaction() as db:
                    self._put_batch(db, batch, now)
                return
            except self.KEY_TAKEN as exc:
                if attempt + 1 == WRITE_ATTEMPTS:
                    raise
                log.info("an article of the batch was stored meanwhile (%s); writing the batch again", exc)

    # ------------------------------------------------------------ reads

    def count_articles(self) -> int:
        """How many articles the store holds."""
        return int(self._query("SELECT COUNT(*) FROM articles")[0][0])

    def max_seq(self) -> int:
        """The insertion number of the latest article (0 when empty)."""
        return int(self._query("SELECT COALESCE(MAX(seq), 0) FROM articles")[0][0])

    def newest_articles(self, limit: int = 20) -> list[ArticleInfo]:
        """Articles newest first (by date, then by arrival)."""
        rows = self._query(
            f"SELECT {INFO_COLUMNS} FROM articles ORDER BY date_key DESC, seq DESC LIMIT ?", (limit,)
        )
        return [info(r) for r in rows]

    def article(self, article_id: str) -> ArticleInfo | None:
        """One article by exact id."""
        rows = self._query(f"SELECT {INFO_COLUMNS} FROM articles WHERE id = ?", (article_id,))
        return info(rows[0]) if rows else None

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

    # ------------------------------------------------------------ search

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
        return self._search("quote", speakers, about, article_seq, limit)

    def search_figures(
        self, about: str | None = None, article_seq: int | None = None, limit: int = 10
    ) -> list[tuple[dict[str, Any], ArticleInfo]]:
        """Figures whose text, subject or sentence has all the words, in one article or all; newest first."""
        return self._search("figure", None, about, article_seq, limit)

    def _word_terms(self, kind: str, about: str) -> list[list[str]] | None:
        """Per query word, the terms it matches (its stem, else terms it begins); None if one has none."""
        result = []
        for stem_ in query_terms(about):
            exact = self._live_terms(kind, (stem_, *related_terms(stem_)))
            if exact:
                result.append(exact)
                continue
            if len(stem_) < 3:
                return None
            found = self._prefix_terms(kind, stem_)
            if not found:
                return None
            result.append(found)
        return result

    def _live_terms(self, kind: str, terms: Sequence[str]) -> list[str]:
        """The terms that some quote or figure has, in the order given."""
        return [term for term in terms if self._indexed(kind, term)]

    def _prefix_terms(self, kind: str, start: str) -> list[str]:
        """The first PREFIX_TERMS live terms (alphabetically) that begin with `start`."""
        # The words table may keep words of deleted items: each is checked in the index itself.
        words = self._query(
            f"SELECT term FROM {kind}_words WHERE term >= ? AND term < ? ORDER BY term",
            (start, start + "\uffff"),
        )
        live = (r[0] for r in words if self._indexed(kind, r[0]))
        return list(islice(live, search_index.PREFIX_TERMS))

    def _search(
        self,
        kind: str,
        speakers: Sequence[str] | None,
        about: str | None,
        article_seq: int | None,
        limit: int,
    ) -> list[tuple[dict[str, Any], ArticleInfo]]:
        words: list[list[str]] = []
        if about:
            resolved = self._word_terms(kind, about)
            if resolved is None:
                return []
            words = resolved
        table = f"{kind}s"
        where: list[str] = []
        params: list[Any] = []
        if not words and speakers is None:
            # Newest rows first is the table's own key order; one article's rows by their index.
            source, key = f"{table} x", "x.rowid"
            if article_seq is not None:
                where.append("x.article_seq = ?")
                params.append(article_seq)
        else:
            # The index yields matches in key (= newest-first) order, so LIMIT stops the read early.
            source, key, condition, expression = self._item_match(kind, words, speakers)
            where.append(condition)
            params.append(expression)
            if article_seq is not None:
                found = self._query("SELECT date_key FROM articles WHERE seq = ?", (article_seq,))
                if not found:
                    return []
                where.append(f"{key} BETWEEN ? AND ?")
                params.extend(search_index.item_range(found[0][0], article_seq))
            if speakers is not None:
                # Speaker tokens are folded names: the exact names decide.
                keys = sorted({s.casefold() for s in speakers})
                where.append(f"x.speaker_key IN ({','.join('?' * len(keys))})")
                params.extend(keys)
        sql = (
            f"SELECT x.idx, x.article_seq FROM {source}"
            + (" WHERE " + " AND ".join(where) if where else "")
            + f" ORDER BY {key} DESC LIMIT ?"
        )
        params.append(limit)
        return self._items_of(table, self._query(sql, params))

    def _items_of(self, table: str, rows: list[Any]) -> list[tuple[dict[str, Any], ArticleInfo]]:
        """The found (idx, article_seq) rows as items with their article's info, in the rows' order."""
        seqs = sorted({r["article_seq"] for r in rows})
        if not seqs:
            return []
        # An item's JSON is read from its article's analysis (stored once); a few articles per answer.
        articles = {
            r["seq"]: (info(r), json.loads(r["analysis"]).get(table, []))
            for r in self._query(
                f"SELECT {INFO_COLUMNS}, analysis FROM articles WHERE seq IN ({','.join('?' * len(seqs))})",
                seqs,
            )
        }
        return [(articles[r["article_seq"]][1][r["idx"]], articles[r["article_seq"]][0]) for r in rows]
