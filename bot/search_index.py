"""The SQLite full-text index of quotes, figures and titles: FTS5 tables whose rowid is the newest-first key.

Every quote and figure row has as its rowid a sort key (article date, arrival, position), so "newest first"
is the index's own order: a word or speaker filter reads FTS5 matches in rowid order and stops at the
limit, however many items match. Words are indexed as Snowball stems (bot.search), computed here, so FTS5
only splits on spaces; speakers are one token each, "@" + their folded name, so no word can clash.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import date

from bot.search import text_terms, tokens

# Bits of a sort key, high to low: the date's day number, the article's seq, the item's position (inverted,
# so that rowid DESC reads an article's items in order). 22 + 29 + 12 = 63 bits: a positive SQLite integer;
# 2**29 articles and days up to the year 9999.
DAY_BITS = 22
SEQ_BITS = 29
IDX_BITS = 12
MAX_ITEMS = 1 << IDX_BITS  # quotes or figures searchable per article; more are not (logged)
_IDX_MASK = MAX_ITEMS - 1
_SEQ_MASK = (1 << SEQ_BITS) - 1

TRIGRAM = 3  # the shortest text the title index holds
SHORT_QUERY_TRIGRAMS = 64  # a 1-2 character query held in more trigrams than this matches early in a scan
PREFIX_TERMS = 20  # a word matches at most this many indexed words it begins (in alphabetical order)

# FTS5 splits on spaces and keeps "_" (a \w character) and "@" (the speaker mark) inside tokens.
_TOKENIZE = "unicode61 remove_diacritics 0 tokenchars '_@'"

SCHEMA_SQL = f"""
    CREATE VIRTUAL TABLE quote_search USING fts5(terms, detail=none, columnsize=0, tokenize="{_TOKENIZE}");
    CREATE TABLE quote_words (term TEXT PRIMARY KEY) WITHOUT ROWID;
    CREATE VIRTUAL TABLE figure_search USING fts5(terms, detail=none, columnsize=0, tokenize="{_TOKENIZE}");
    CREATE TABLE figure_words (term TEXT PRIMARY KEY) WITHOUT ROWID;
    CREATE TABLE article_names (key INTEGER PRIMARY KEY, id TEXT NOT NULL, title TEXT);
    CREATE INDEX article_names_short ON article_names (key) WHERE length(id) < 3 OR length(title) < 3;
    CREATE VIRTUAL TABLE article_titles USING fts5(
        id, title, content='article_names', content_rowid='key', detail=none, tokenize='trigram'
    );
    CREATE TABLE title_grams (
        gram TEXT NOT NULL, trigram TEXT NOT NULL, PRIMARY KEY (gram, trigram)
    ) WITHOUT ROWID;
    CREATE TRIGGER article_names_index AFTER INSERT ON article_names BEGIN
        INSERT INTO article_titles (rowid, id, title) VALUES (new.key, new.id, new.title);
    END;
    CREATE TRIGGER article_names_unindex AFTER DELETE ON article_names BEGIN
        INSERT INTO article_titles (article_titles, rowid, id, title)
            VALUES ('delete', old.key, old.id, old.title);
    END;
    CREATE TRIGGER quotes_unindex AFTER DELETE ON quotes BEGIN
        DELETE FROM quote_search WHERE rowid = old.rowid;
    END;
    CREATE TRIGGER figures_unindex AFTER DELETE ON figures BEGIN
        DELETE FROM figure_search WHERE rowid = old.rowid;
    END;
    CREATE TRIGGER articles_unindex AFTER DELETE ON articles BEGIN
        DELETE FROM article_names WHERE key = old.sort_key;
    END;
    CREATE TABLE speaker_counts (speaker TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
    CREATE INDEX speaker_counts_rank ON speaker_counts (n DESC, speaker);
    CREATE TRIGGER quotes_count_speaker AFTER INSERT ON quotes WHEN new.speaker IS NOT NULL BEGIN
        INSERT INTO speaker_counts (speaker, n) VALUES (new.speaker, 1)
            ON CONFLICT (speaker) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER quotes_uncount_speaker AFTER DELETE ON quotes WHEN old.speaker IS NOT NULL BEGIN
        UPDATE speaker_counts SET n = n - 1 WHERE speaker = old.speaker;
        DELETE FROM speaker_counts WHERE speaker = old.speaker AND n <= 0;
    END
"""


def day_number(date_key: str) -> int:
    """The day of an ISO date (0 for none or an unreadable one, which sort oldest as before)."""
    try:
        return min(date.fromisoformat(date_key[:10]).toordinal(), (1 << DAY_BITS) - 1)
    except ValueError:
        return 0


def article_key(date_key: str, seq: int) -> int:
    """An article's place newest first: the rowid of its title row."""
    return (day_number(date_key) << SEQ_BITS) | (seq & _SEQ_MASK)


def item_key(date_key: str, seq: int, idx: int) -> int:
    """A quote's or figure's place newest first (date, arrival, then position in the article)."""
    return (article_key(date_key, seq) << IDX_BITS) | (_IDX_MASK - idx)


def item_range(date_key: str, seq: int) -> tuple[int, int]:
    """The lowest and highest item key of one article."""
    low = article_key(date_key, seq) << IDX_BITS
    return low, low | _IDX_MASK


def speaker_token(name: str) -> str:
    """A speaker's one index token ("Alexander Fomin" -> "@alexander_fomin"); exact names decide later."""
    return "@" + "_".join(tokens(name))


def index_text(terms: Iterable[str], speaker: str | None = None) -> str:
    """The FTS5 document of an item: its stems, and its speaker's token."""
    words = sorted(terms)
    if speaker:
        words.append(speaker_token(speaker))
    return " ".join(words)


def _any_of(terms: Sequence[str]) -> str:
    return "(" + " OR ".join(phrase(term) for term in terms) + ")"


def match_expression(word_groups: Sequence[Sequence[str]], speakers: Sequence[str] | None = None) -> str:
    """An FTS5 query: one of the speakers (if given) and, per word, one of its terms."""
    groups = [_any_of(group) for group in word_groups]
    if speakers is not None:
        groups.insert(0, _any_of(sorted({speaker_token(s) for s in speakers})))
    return " AND ".join(groups)


def index_item(
    db: sqlite3.Connection, kind: str, rowid: int, terms: set[str], speaker: str | None = None
) -> None:
    """Index a quote or figure (kind "quote" or "figure"): its FTS5 document, and its words for prefixes."""
    db.execute(f"INSERT INTO {kind}_search (rowid, terms) VALUES (?, ?)", (rowid, index_text(terms, speaker)))
    db.executemany(f"INSERT OR IGNORE INTO {kind}_words (term) VALUES (?)", [(t,) for t in terms])


def index_title(
    db: sqlite3.Connection, key: int, article_id: str, title: str | None, known: set[str] | None = None
) -> None:
    """Index an article's id and title (its trigrams, and their one- and two-character parts).

    `known`: trigrams already in title_grams (they are never removed), to skip writing them again.
    """
    db.execute("INSERT INTO article_names (key, id, title) VALUES (?, ?, ?)", (key, article_id, title))
    pieces = [p for text in (article_id, title) if text for p in trigrams(text)]
    new = [p for p in pieces if known is None or p not in known]
    if new:
        db.executemany("INSERT OR IGNORE INTO title_grams (gram, trigram) VALUES (?, ?)", title_grams(*new))
        if known is not None:
            known.update(new)


def figure_terms(figure: dict, sentence: str | None) -> set[str]:
    """The words a figure is found by: its text, its subject and its sentence."""
    return text_terms(" ".join(filter(None, (figure.get("text"), figure.get("about"), sentence))))


def like_pattern(text: str, prefix_only: bool = False) -> str:
    """A LIKE pattern (escape character "\\") for text anywhere, or at the start."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%" if prefix_only else "%" + escaped + "%"


# ------------------------------------------------------------ migration to the FTS5 index


_REBUILD_SQL = """
    CREATE TABLE quotes_v4 (
        rowid INTEGER PRIMARY KEY,
        article_seq INTEGER NOT NULL REFERENCES articles (seq) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        speaker TEXT,
        speaker_key TEXT
    );
    CREATE TABLE figures_v4 (
        rowid INTEGER PRIMARY KEY,
        article_seq INTEGER NOT NULL REFERENCES articles (seq) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        sentence TEXT
    );
    ALTER TABLE articles ADD COLUMN sort_key INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE articles ADD COLUMN body_start INTEGER;
    ALTER TABLE articles ADD COLUMN body_end INTEGER
"""

_SWAP_SQL = """
    DROP TABLE quote_terms;
    DROP TABLE figure_terms;
    DROP TABLE quotes;
    DROP TABLE figures;
    ALTER TABLE quotes_v4 RENAME TO quotes;
    ALTER TABLE figures_v4 RENAME TO figures;
    CREATE INDEX quotes_article ON quotes (article_seq, idx);
    CREATE INDEX figures_article ON figures (article_seq, idx);
    CREATE INDEX articles_sort ON articles (sort_key)
"""


def run_script(db: sqlite3.Connection, script: str) -> None:
    """Run semicolon-separated statements inside the current transaction (trigger bodies kept whole)."""
    for statement in _statements(script):
        db.execute(statement)


def _statements(script: str) -> list[str]:
    statements, current = [], ""
    for piece in script.split(";"):
        current = f"{current};{piece}" if current else piece
        # A trigger body has its own semicolons: complete once its END is reached.
        if "CREATE TRIGGER" in current.upper() and not current.rstrip().upper().endswith("END"):
            continue
        if current.strip():
            statements.append(current)
        current = ""
    return statements


def body_span(raw_text: str, body: str | None) -> tuple[int, int] | None:
    """Where the analysed body lies in the file's text, so it is stored once (None: keep it apart)."""
    if not body:
        return None
    start = raw_text.find(body)
    return (start, start + len(body)) if start >= 0 else None


def pack_analysis(analysis: dict, raw_text: str) -> tuple[str, tuple[int, int] | None]:
    """The analysis JSON to store, without its body when the body is a part of the file's text."""
    span = body_span(raw_text, analysis.get("text"))
    stored = {k: v for k, v in analysis.items() if k != "text"} if span else analysis
    return json.dumps(stored, ensure_ascii=False), span


def unpack_analysis(stored: str, raw_text: str, start: int | None, end: int | None) -> dict:
    """The analysis as it was given to the store (the body put back in its place)."""
    data = json.loads(stored)
    if start is not None and end is not None:
        # The body was the analysis' "text", keep the key order of Briefing.to_dict (text before key_points).
        ordered = {}
        for key, value in data.items():
            if key == "key_points":
                ordered["text"] = raw_text[start:end]
            ordered[key] = value
        ordered.setdefault("text", raw_text[start:end])
        return ordered
    return data


def _items_by_article(db: sqlite3.Connection, table: str, columns: str) -> dict[int, list[tuple]]:
    found: dict[int, list[tuple]] = {}
    for row in db.execute(f"SELECT article_seq, idx, {columns}, data FROM {table} ORDER BY article_seq, idx"):
        found.setdefault(row[0], []).append(tuple(row))
    return found


def migrate(db: sqlite3.Connection) -> None:
    """Schema v4: items keyed newest first, the FTS5 word/speaker/title index, the body stored once.

    A quote's or figure's JSON (and its text) now lives only in its article's analysis; the rows keep
    what the analysis lacks: the speaker's key, a figure's sentence.
    """
    jobs: list[tuple[str, int, set[str], str | None]] = []  # (kind, rowid, terms, speaker) to index
    run_script(db, _REBUILD_SQL)
    quotes = _items_by_article(db, "quotes", "text, speaker, speaker_key, role")
    figures = _items_by_article(db, "figures", "text, about, sentence")
    for seq, date_key, text, analysis in db.execute(
        "SELECT seq, date_key, text, analysis FROM articles"
    ).fetchall():
        data = json.loads(analysis)
        for name, rows in (("quotes", quotes.get(seq, [])), ("figures", figures.get(seq, []))):
            items = [json.loads(row[-1]) for row in rows]
            if items and data.get(name, [])[: len(items)] != items:
                data[name] = items  # the rows are what searches answered with
        packed, span = pack_analysis(data, text)
        db.execute(
            "UPDATE articles SET sort_key = ?, analysis = ?, body_start = ?, body_end = ? WHERE seq = ?",
            (article_key(date_key, seq), packed, *(span or (None, None)), seq),
        )
        for idx, (*_, quote_text, speaker, speaker_key, _role, _data) in enumerate(quotes.get(seq, [])):
            if idx < MAX_ITEMS:
                rowid = item_key(date_key, seq, idx)
                db.execute(
                    "INSERT INTO quotes_v4 (rowid, article_seq, idx, speaker, speaker_key) "
                    "VALUES (?,?,?,?,?)",
                    (rowid, seq, idx, speaker, speaker_key),
                )
                jobs.append(("quote", rowid, text_terms(quote_text), speaker))
        for idx, (*_, figure_text, about, sentence, _data) in enumerate(figures.get(seq, [])):
            if idx < MAX_ITEMS:
                rowid = item_key(date_key, seq, idx)
                db.execute(
                    "INSERT INTO figures_v4 (rowid, article_seq, idx, sentence) VALUES (?,?,?,?)",
                    (rowid, seq, idx, sentence),
                )
                jobs.append(
                    ("figure", rowid, figure_terms({"text": figure_text, "about": about}, sentence), None)
                )
    run_script(db, _SWAP_SQL)
    run_script(db, SCHEMA_SQL)
    for kind, rowid, terms, speaker in jobs:
        index_item(db, kind, rowid, terms, speaker)
    db.execute(
        "INSERT INTO speaker_counts (speaker, n) SELECT speaker, COUNT(*) FROM quotes "
        "WHERE speaker IS NOT NULL GROUP BY speaker"
    )
    for key, article_id, title in db.execute("SELECT sort_key, id, title FROM articles").fetchall():
        index_title(db, key, article_id, title)


def phrase(text: str) -> str:
    """An FTS5 string literal."""
    return '"' + text.replace('"', '""') + '"'


def title_grams(*texts: str | None) -> list[tuple[str, str]]:
    """(one or two characters, a trigram holding them) of the texts: how a short query finds its trigrams."""
    pairs = set()
    for text in filter(None, texts):
        for piece in trigrams(text):
            pairs.update((gram, piece) for gram in {piece[0], piece[1], piece[2], piece[:2], piece[1:]})
    return sorted(pairs)


def trigram_cover(text: str) -> list[str]:
    """Every third distinct trigram of a text: what a title query asks the index (LIKE checks the rest)."""
    pieces = trigrams(text)
    if not pieces:
        return []
    return pieces[::TRIGRAM] + ([pieces[-1]] if (len(pieces) - 1) % TRIGRAM else [])


def trigrams(text: str) -> list[str]:
    """The distinct three-character pieces of a text, folded as the trigram index folds ASCII."""
    folded = text.lower()
    return list(dict.fromkeys(folded[i : i + TRIGRAM] for i in range(len(folded) - TRIGRAM + 1)))
