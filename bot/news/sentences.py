"""Sentence segmentation and word tokens for news text."""

from __future__ import annotations

import bisect
import functools
import re
import string

from bot.news.models import Article, Sentence

# Titles and other abbreviations that never end a sentence when a capitalised word follows.
_TITLES = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "sr",
    "jr",
    "st",
    "gen",
    "lt",
    "col",
    "maj",
    "capt",
    "cpt",
    "sgt",
    "adm",
    "gov",
    "sen",
    "rep",
    "rev",
    "hon",
    "pres",
    "supt",
    "det",
    "insp",
    "cmdr",
    "cdr",
    "brig",
    "cpl",
    "pvt",
    "fr",
    "mt",
    "ft",
    "ave",
    "blvd",
    "rd",
    "vs",
    "v",
    "messrs",
    "mme",
    "mlle",
    "esq",
    "gens",
    "reps",
    "sens",
    "ald",
    "atty",
    "amb",
    "lieut",
    "sup",
    "dept",
    "univ",
    "inc",
    "corp",
    "ltd",
    "co",
    "bros",
    "approx",
    "est",
    "fig",
    "ref",
    "vol",
    "ch",
    "op",
    "cf",
    "al",
    "e.g",
    "i.e",
    "ca",
}
# Company suffixes: part of a name, but they end a sentence before a typical sentence opener.
_COMPANY = {"inc", "corp", "ltd", "co", "bros", "plc", "llc"}
# Abbreviations that end a sentence unless a number follows ("Jan. 5", "No. 10").
_BEFORE_NUMBER = {
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "no",
    "nos",
    "p",
    "pp",
    "art",
    "sec",
    "para",
    "tel",
}
_STARTERS = {
    "the",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "but",
    "and",
    "in",
    "a",
    "an",
    "this",
    "that",
    "there",
    "his",
    "her",
    "their",
    "its",
    "our",
    "on",
    "at",
    "as",
    "after",
    "when",
    "if",
    "for",
    "meanwhile",
    "however",
    "officials",
    "police",
    "some",
    "many",
    "both",
    "yet",
    "so",
    "still",
    "now",
    "then",
    "what",
}
_WEEKDAYS_MONTHS = {
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "tomorrow",
    "yesterday",
    "tonight",
    "local",
    "et",
    "est",
    "edt",
    "pt",
    "pst",
    "pdt",
    "gmt",
    "utc",
    "bst",
    "cet",
}
_CLOSING = "\"'”’)]"
# A run of final marks is tried once, from its start (the lookbehind), and possessively: linear time
# even over a long run of dots. CJK full stops end a sentence with no space after them.
# The first mark comes before the lookbehind ("no mark before this one"): a pattern that opens with a
# character class is cheap to try at each character, one that opens with a lookbehind is not. The possessive
# run after it reads "..." and "…" as the run they start (same matches as "(?<!…)(?:\.\.\.|…|[.!?])…").
_CANDIDATE = re.compile(r"[.!?…](?<![.!?…][.!?…])[.!?…]*+[\"'”’)\]]*+(?=\s)|[。！？]++[」』”’）]*+")
_CJK_STOPS = frozenset("。！？")
# Text with (almost) no capitals, or almost nothing but capitals, cannot be split by case.
CASELESS_SHARE = 0.004
_WORD_CHARS = frozenset(".&'’-")


def _word_before(text: str, end: int, limit: int = 80) -> str:
    """The token that ends at `end` (letters, digits, dots, "&", apostrophes, hyphens), scanned backwards."""
    start = end
    floor = max(0, end - limit)
    while start > floor:
        ch = text[start - 1]
        if not (ch.isalnum() or ch == "_" or ch in _WORD_CHARS):
            break
        start -= 1
    return text[start:end]


_NEXT_WORD = re.compile(r"\s+([\"“‘'(\[]*)([\w’'&-]+)")
_ACRONYM = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]?$")
WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")


def words(text: str) -> list[str]:
    """Lower-cased word tokens (the same tokenisation the scorer uses)."""
    return [w.lower() for w in WORD.findall(text)]


# Cached: a pure function of the text, asked several times per article (splitting, key points); the last
# few texts are enough, since every caller asks about the article it is working on.
@functools.lru_cache(maxsize=8)
def is_caseless(text: str) -> bool:
    """Whether letter case says nothing about sentence starts: lower-cased or ALL-CAPS text."""
    sample = text[:20_000]
    # ASCII letters are enough to tell (the analysis is for English); str.count per letter runs in C.
    upper = sum(map(sample.count, string.ascii_uppercase))
    lower = sum(map(sample.count, string.ascii_lowercase))
    letters = upper + lower
    return letters >= 20 and min(upper, lower) < CASELESS_SHARE * letters


def _is_boundary(text: str, mark_start: int, mark_end: int, caseless: bool = False) -> bool:
    """Decide whether the punctuation at text[mark_start:mark_end] ends a sentence."""
    mark = text[mark_start:mark_end]
    if mark[0] in _CJK_STOPS:
        return True
    nxt = _NEXT_WORD.match(text, mark_end)
    if not nxt:
        return True
    opener, next_word = nxt.group(1), nxt.group(2)
    first = next_word[0]
    if caseless:
        # No capitals to go by: a word after the mark opens a sentence unless an abbreviation,
        # an initial or an omission says otherwise (checked below as for cased text).
        first = first.upper()
        next_word = first + next_word[1:]
    if not (first.isupper() or first.isdigit() or opener):
        return False
    if mark.startswith(("...", "…")):
        # An ellipsis marks an omission inside a sentence far more often than its end,
        # unless a word that typically opens a sentence follows ("He paused... Then he spoke").
        glued = mark_start > 0 and text[mark_start - 1].isalpha()  # "paused..." but not "years ... I"
        return glued and not opener and next_word != "I" and next_word.lower() in _STARTERS
    if mark[0] != ".":
        return True
    if mark.rstrip(_CLOSING) != mark:
        return True  # ." or .) closes the sentence
    token = _word_before(text, mark_start)
    if not token:
        return True
    lower = token.lower().rstrip(".")
    if lower in _COMPANY:
        return next_word.lower() in _STARTERS  # "works for Apple Inc. The company said"
    if lower in _TITLES:
        return False
    if token == "Del" and _word_before(text, mark_start - 4).lower() in {"state", "delegate"}:
        return False  # "state Del. Marcia Price": Delegate, not Delaware
    if lower in _BEFORE_NUMBER and first.isdigit():
        return False
    if len(token) == 1 and (token.isupper() or (caseless and token.isalpha())):
        return False  # an initial: "George W. Bush"
    if _ACRONYM.match(token + "."):
        if lower in {"a.m", "p.m"}:
            return next_word.lower() not in _WEEKDAYS_MONTHS
        return next_word.lower() in _STARTERS
    return True


_QUOTATION = re.compile(r"[“\"]([^“”\"]{1,1500}?)[,]?[”\"]")


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans of quotations that close with an attribution comma (“…,” he said), not to be split."""
    spans = []
    for match in _QUOTATION.finditer(text):
        inner = match.group(0)
        if inner.endswith((",”", ',"')) or (len(inner) > 2 and inner[-2] in ",—–-"):
            spans.append((match.start(), match.end()))
    return spans


def split_text(
    text: str, offset: int = 0, paragraph: int = 0, caseless: bool | None = None
) -> list[Sentence]:
    """Split one paragraph of text into sentences; offsets are shifted by `offset`."""
    if caseless is None:
        caseless = is_caseless(text)
    protected = _quote_spans(text)  # disjoint and in order
    starts = [a for a, _ in protected]
    sentences: list[Sentence] = []
    start = 0
    for match in _CANDIDATE.finditer(text):
        end = match.end()
        k = bisect.bisect_left(starts, match.start()) - 1
        if k >= 0 and match.start() < protected[k][1] - 2:
            continue
        if not _is_boundary(text, match.start(), end, caseless):
            continue
        _append(sentences, text, start, end, offset, paragraph)
        start = end
    _append(sentences, text, start, len(text), offset, paragraph)
    return sentences


def _append(out: list[Sentence], text: str, start: int, end: int, offset: int, paragraph: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    lead = len(chunk) - len(chunk.lstrip())
    s = offset + start + lead
    out.append(Sentence(text=stripped, start=s, end=s + len(stripped), paragraph=paragraph))


def split_sentences(article: Article) -> list[Sentence]:
    """All sentences of an article in reading order; a heading is one sentence marked as such."""
    result: list[Sentence] = []
    caseless = is_caseless(article.text)
    for index, para in enumerate(article.paragraphs):
        if para.is_heading:
            result.append(Sentence(para.text, para.start, para.end, index, is_heading=True))
            continue
        result.extend(split_text(para.text[para.lead :], para.start + para.lead, index, caseless))
    return result
