"""Figures: numbers with their unit, qualifier and what they count."""

from __future__ import annotations

import bisect
import functools
import logging
import re
from dataclasses import dataclass, replace
from datetime import date
from typing import NamedTuple

from bot.news.figures._kinds import CURRENCIES, HitKind, currency_of, figure_kind
from bot.news.figures._qualifiers import (
    HedgedNumber,
    can_hedge,
    canonical_qualifier,
    qualifier_after,
    qualifier_before,
)
from bot.news.figures._rules import (
    AGE_RULES,
    CONTEXT,
    NUMBER_RULES,
    PERCENT_RULES,
    SPAN_RULES,
    Rule,
    Spot,
    first_firing,
    rule_table,
)
from bot.news.figures._units import COUNT_NOUNS, DURATIONS, MEASURE_UNITS, MEASURES, rate_after, unit_after
from bot.news.lexicon import load_table, load_words
from bot.news.models import Article, Figure, Sentence
from bot.news.steps import Case, Decided, Outcome, Step, run_steps

log = logging.getLogger(__name__)

# Qualifiers are reported as the article words them ("around", "over", "almost"), lower-cased: labellers copy
# the hedge they read, and nothing tells them which synonym to prefer. True maps each to one form per meaning.
CANONICAL_QUALIFIERS = False

# fmt: off
MONTHS = {word: int(month) for word, month in load_table("months")}
_FULL_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_ABBREVIATED_MONTHS = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept?", "Oct", "Nov", "Dec")
_MONTH = rf"(?:{_FULL_MONTHS}|(?:{'|'.join(_ABBREVIATED_MONTHS)})(?:\.|\b))"
# A mixed fraction ("5-1/2", "2 1/2") is one number; so are "3,900,000", "3.9" and "5½".
_NUM = r"\d{1,3}[-\s][1-9]/[1-9]\d?(?![\d/])|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?[½¼¾⅓⅔]?"
_NUMBER_WORDS = {word: int(value) for word, value in load_table("number_words")}
_SCALE_ABBR = {word: int(value) for word, value in load_table("scale_abbreviations")}
# A scale word or abbreviation after a number; a lone "b" only glued to money ("$3b"): "5 b" is no billion.
_SCALE_NAMES = sorted(
    {*(w for w, v in _NUMBER_WORDS.items() if v >= 100), *(a for a in _SCALE_ABBR if a != "b")},
    key=len,
    reverse=True,
)
_SCALE = "(?:" + "|".join(_SCALE_NAMES) + ")"
# A minus sign before a temperature is the number's own: "-30C", "−4 °F" (elsewhere a dash joins numbers).
_NEGATIVE_TEMPERATURE = r"[-−](?=\d{1,3}(?:\.\d+)?\s?°?\s?[CF]\b)"
_NEGATIVE_TEMPERATURE_AT = re.compile(_NEGATIVE_TEMPERATURE)


def _below_zero(text: str, pos: int) -> bool:
    """Whether the digit at `pos` follows a minus sign of its own ("it fell to -30C", not "10-30C")."""
    return _NEGATIVE_TEMPERATURE_AT.match(text, pos - 1) is not None and not text[pos - 2 : pos - 1].isalnum()
# "R" (rand) only before a number written as money: "R1.2-billion", "R15,000", "R500m".
_CURRENCY_UNIT = dict(load_table("currencies"))
# Signs of one character anchor a candidate; longer ones ("HK$", "USD") are found just before the digit.
_CURRENCY_SIGNS = "".join(sorted({c for c in _CURRENCY_UNIT if len(c) == 1 and not c.isalpha()}))
_CURRENCY_PREFIXES = sorted((c for c in _CURRENCY_UNIT if len(c) > 1), key=len, reverse=True)
# "R" (rand) only before a number written as money: "R1.2-billion", "R15,000", "R500m".
_CURRENCY = (
    r"(?:" + "|".join(re.escape(c) for c in _CURRENCY_PREFIXES) + r"|[" + re.escape(_CURRENCY_SIGNS) + r"]"
    r"|Rs\.?\s?"
    r"|R(?=\d[\d.]*(?:\s?-?(?:million|billion|trillion|bn|m)\b)|\d{1,3}(?:,\d{3})+))"
)
_CURRENCY_BEFORE = re.compile(
    r"(?<![A-Za-z])(?<!\d\s)(?:" + "|".join(re.escape(c.rstrip("$")) for c in _CURRENCY_PREFIXES) + r")\s?$"
)
_CURRENCY_REACH = max(map(len, _CURRENCY_PREFIXES)) + 1  # characters before a digit its prefix may start at
_UNITS_WORD = {w: v for w, v in _NUMBER_WORDS.items() if v < 100}
_SCALE_WORD = {w: v for w, v in _NUMBER_WORDS.items() if v >= 100}
# Nouns that are numbers after "a" or a number word: "a dozen" (12), "a decade" (10 years), "half a century".
_COUNTED_SPANS = {"dozen": 12, "decade": 10, "century": 100}
_WORD_NUM = "|".join(sorted([*_UNITS_WORD, *_SCALE_WORD, *_COUNTED_SPANS], key=len, reverse=True))

# Candidates are found from cheap anchors (a digit or currency sign, a month name, a number word) and then
# matched in full at the anchor: one big alternation tried at every character was ten times slower.
# A digit after a digit is never a candidate's start (every numeric pattern but ISO dates wants no word
# character before it), so only the first digit of a run anchors.
# One character class, checked after the fact (a class lets `re` skip ahead; an alternation does not).
_ANCHOR = re.compile(r"[\d" + re.escape(_CURRENCY_SIGNS) + r"](?<!\d\d)")
_NUMERIC = re.compile(
    rf"(?P<iso>\d{{4}}-\d{{2}}-\d{{2}}\b)"
    rf"|(?P<dmy>(?<![\w.,])(?P<dmy_d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dmy_m>{_MONTH})"
    rf"(?:,?\s+(?P<dmy_y>\d{{4}})\b)?)"
    rf"|(?P<money>(?P<cur>{_CURRENCY})\s?(?P<m_num>{_NUM})(?:\s?-?\s?(?P<m_scale>{_SCALE})\b|(?P<m_glued>[KMB]|BN|Bn|b)\b)?)"
    rf"|(?P<pair>(?<![\w.,$£€-])(?P<p_a>\d{{1,4}})(?:[-–]|-to-)(?P<p_b>\d{{1,4}})(?![\w/-]|[.,]\d))"
    # "mid-2019", "the early-1990s", "in her mid-50s"
    rf"|(?P<num>(?:(?<=mid-)|(?<=late-)|(?<=early-))(?:\d{{4}}|[1-9]0(?=s\b))(?=s\b|\b)"
    # "62%-32%", "$2-3 billion": a dash joins two numbers; "-30C": a minus sign
    rf"|(?<![\w.,$£€/:#+©])(?<!(?<![%\d])-)(?:{_NEGATIVE_TEMPERATURE})?(?:{_NUM}))"
)
# The same alternatives as _MONTH in the same order, each abbreviation with its own "(?:\.|\b)": every
# alternative then opens with a letter, which lets `re` skip ahead to the letters that can start a month
# instead of trying the whole alternation at every character (several times faster; same matches).
_MONTH_ANCHOR = re.compile(
    rf"(?:{_FULL_MONTHS}|"
    + "|".join(rf"{abbreviation}(?:\.|\b)" for abbreviation in _ABBREVIATED_MONTHS)
    + ")"
)
_MONTHLY = re.compile(
    rf"(?P<mdy>{_MONTH}\s+(?P<mdy_d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!:|\.\d|,\d{{3}})(?:,?\s+(?P<mdy_y>\d{{4}})\b)?)"
    rf"|(?P<my>(?P<my_m>{_MONTH})(?:\s+of)?,?\s+(?P<my_y>\d{{4}})\b)"
    rf"|(?P<mo>{_MONTH})"
)
# A month alone dates an event after a preposition of time ("in May", "by the end of June").
_MONTH_ALONE_BEFORE = re.compile(
    r"\b(?:in|since|by|until|till|through|from|during|last|next|early|late|mid|this|of|before|after)[\s-]+$",
    re.IGNORECASE,
)
_MONTH_SPAN_AFTER = re.compile(rf"\s*(?:-|–|to|through|until|till|and|or)\s*{_MONTH}")


def _prefix_tree(words: list[str]) -> str:
    """One pattern for the words, their shared beginnings written once ("t(?:en|wo|hree)"), the longest
    first at every branch: the same matches as "ten|two|three", but `re` tries each letter once."""
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        joined = branches[0] if len(branches) == 1 and "" not in node else "(?:" + "|".join(branches) + ")"
        return joined + ("?" if "" in node else "")

    return pattern(tree)


# A number word, run on lower-cased text: as a prefix tree, `re` tries each letter of the text once.
_NUMBER_WORD = re.compile(rf"(?<!\w)(?:{_prefix_tree(_WORD_NUM.split('|'))})\b")
_FOLD = re.compile(rf"\b({_WORD_NUM}|\d{{1,3}})-?fold\b")  # run on lower-cased text
# "six times higher", "3 times the rate", "7x faster": a multiplier, before what it compares ("won six
# times" counts occasions instead)
_TIMES = re.compile(
    rf"(?<![\w.])({_WORD_NUM}|\d{{1,3}}(?:\.\d)?)(?:\s+times|x)(?=\s+(?:the|as|more|less|its|their|that|what"
    r"|over|[a-z]+er)\b)"
)
MULTIPLIER_WORDS = {word: int(value) for word, value in load_table("figures_multipliers")}
_VERB_MULTIPLIERS = "|".join(w for w in MULTIPLIER_WORDS if w.endswith(("ed", "ing")))
_BASE_MULTIPLIERS = "|".join(w for w in MULTIPLIER_WORDS if not w.endswith(("ed", "ing")) and w != "twice")
_MULTIPLIER_WORD = re.compile(
    rf"\b(?:(?:{_VERB_MULTIPLIERS})\b(?![-\w])"
    rf"|(?:{_BASE_MULTIPLIERS})(?=\s+(?:the|its|their|that|what|as|by|in|since|from|over|last|this|next)\b|\s*[.,;])"
    r"|twice(?=\s+(?:the|its|their|that|what)\b|\s+as\s+(?!an?\b|the\b)[a-z]+))"  # "twice" alone: occasions
)
# "half of the voters" is 50 percent, "two-thirds of members" 66.7: a share, only before "of" or "the"
FRACTIONS = {phrase: float(share) for phrase, share in load_table("fractions")}
_FRACTION = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(r"\s+".join(map(re.escape, p.split())) for p in sorted(FRACTIONS, key=len, reverse=True))
    + r")(?=\s+(?:of|the)\b)"
)
# A share standing alone is one after "by" or a hedge: "cut by a third", "about half came", "more than half".
_FRACTION_ALONE = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(r"\s+".join(map(re.escape, p.split())) for p in sorted(FRACTIONS, key=len, reverse=True))
    + r")(?!\s+(?:of|the|a|an)\b)(?=[\s.,;:!?)]|$)"
)
_FRACTION_ALONE_BEFORE = re.compile(r"\b(?:by|about|around|nearly|almost|roughly|than|over|under)\s+$")
# "a million", "half a million", "a half a billion", "a dozen"
_ARTICLE_BEFORE = re.compile(r"(?<![\w-])(?:a\s+)?(?:half\s+)?a\s+$")
# At most eight words: a number is never longer, and a bound keeps a long run of number words linear.
_WORDS_RUN = re.compile(rf"(?:(?:{_WORD_NUM}|a|half\s+a)[\s-]+(?:and\s+)?){{0,8}}(?:{_WORD_NUM})\b")
_AFTER_NUM = re.compile(
    rf"(?P<scale>\s?-?\s?{_SCALE}\b)?"
    r"(?P<pct>\s?%|\s?-?(?i:percent|per\s+cent|pct)\b|\s+(?i:percentage\s+points?)\b)?"
    r"(?P<deg>\s?°(?:\s?(?P<scale_letter>[CF])(?![A-Za-z]))?)?"  # "2°C of warming", "40 °F"
)
_AGE = re.compile(r"[\s-]*years?[\s-]+old\b|-year-old\b", re.IGNORECASE)  # matched at a number's end
_SUFFIX = re.compile(r"([A-Za-z]+)")  # letters glued to a number, matched at its end
_SECOND_DAY = re.compile(
    r"\s*(?P<join>-|–|to|and|through|until|or)\s*(\d{1,2})\b"
    r"(?!\d|[,.]\d|[%:]|\s*(?:percent|(?!(?:and|or|to|in|at|on|the)\b)[a-z]))"
)
_RUPEES_BEFORE = re.compile(r"(?<![A-Za-z])Rs\.?\s?$")
_RANGE_GAP = re.compile(r"\s*(?:-|–|to|or)\s*")  # "about 10 or 12 people": the hedge covers both
# A share or margin after a capitalised word is a result, not a name: "Clinton 47.1 percent".
_SHARE_AFTER = re.compile(r"\s?(?:%|percent\b|per\s+cent\b|percentage\s+points?\b|points?\b)", re.IGNORECASE)
_SECOND_END_BEFORE = re.compile(rf"(?:%|(?:{_CURRENCY})\s?\d+(?:\.\d+)?)-$")
_PREV_WORD = re.compile(r"([A-Za-z][\w.&’']*)([\s-]?)$")
# Capitalised words that may stand right before a real figure ("In 2013", "Nearly 5,000").
_FUNCTION_CAPS = load_words("figures_function_caps")
# Words naming a thing by its number ("Article 5", "flight 9525", "No. 1"): the number is not a figure.
_NAME_WORDS = load_words("figures_name_words")
# Letters glued to a number that keep it a figure ("5km", "$3bn"); any other glued letters make it a name.
_GLUED_OK = load_words("figures_glued_units")
# Spelled-out counts up to nine are minor ("six patients"); news style writes 10 and up as numerals, so a
# spelled "Ten" opens a sentence and counts as much as "10".
_SMALL_WORD_LIMIT = 9
# Within a sentence a full stop is an abbreviation or a decimal ("Mr. Obama", "U.S. plants"), not an end.
_CLAUSE_END = re.compile(r"[,;:!?()“”\"—–]|\.(?=\s*$)|\s-\s|\s--\s")
_WORDS = re.compile(r"[$£€¥₹₦A-Za-z0-9][\w’'$%.,-]*")
# fmt: on


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    value: float | int | str
    unit: str | None
    kind: HitKind  # how it was read; "minor": a small spelled-out count ("five users")
    unit_end: int = 0  # where the figure's surface ends, past its unit noun ("5,000 people")
    high: float | int | str | None = None  # the top of a range, the other side of a score
    converts: bool = False  # a conversion in brackets of the figure before ("(40 miles)")


WINDOW = 300  # characters of its sentence a figure reads on either side (one source of truth)


def _around(sentence: Sentence, hit: _Hit) -> Sentence:
    """The sentence clipped to WINDOW characters either side of a figure."""
    start, end = max(sentence.start, hit.start - WINDOW), min(sentence.end, hit.end + WINDOW)
    if (start, end) == (sentence.start, sentence.end):
        return sentence
    return replace(sentence, start=start, end=end, text="")


def extract_figures(article: Article, sentences: list[Sentence]) -> list[Figure]:
    """Every figure a reader cares about: normalised value, unit, qualifier and what it counts."""
    text = article.text
    lower = text.lower()
    figures: list[Figure] = []
    told: dict[object, dict[str | None, frozenset[str]]] = {}  # value -> unit -> words of what it counted
    ages: set[tuple[object, str]] = set()
    last: Figure | None = None
    last_subject: str | None = None
    markup = _markup_spans(text)
    anchors = _Anchors.of(text, lower)
    for sentence in sentences:
        if not anchors.any_in(sentence.start, sentence.end):
            continue  # most sentences hold no digit, month or number word: nothing to read
        hits = [
            h
            for h in _sentence_hits(text, lower, sentence, anchors, article.date)
            if not _inside(h.start, markup)
            and not first_firing(SPAN_RULES, Spot(text, h.start, h.end, sentence.start, sentence.end))
        ]
        # Small spelled-out counts are reported when they count something ("five users", "three days").
        hits = [h for h in hits if h.kind != "minor" or h.unit is not None]
        told_here: set[tuple[object, str | None]] = set()
        shares = sum(1 for h in hits if h.kind == "percent")
        for hit in hits:
            figure = _figure(text, _around(sentence, hit), hit)
            if (
                figure.qualifier is None
                and last
                and last.qualifier
                and (hit.converts or _RANGE_GAP.fullmatch(text, last.end, hit.start))
            ):
                figure = replace(figure, qualifier=last.qualifier, qualifier_normal=last.qualifier_normal)
            if figure.subject is None or _PRONOUN_OPENING.match(text, sentence.start):
                # "Its shares rose 8%": the sentence goes on about the last one named
                figure = replace(figure, subject=last_subject or figure.subject)
            last, last_subject = figure, figure.subject or last_subject
            # Two people's ages are two facts even when equal ("Carter, 18," and "Roy, 18,").
            age_of = figure.about.split()[-1] if figure.about and figure.about.startswith("age of ") else None
            value = _told_value(hit)  # a score's or a range's is both sides: "6-3" and "6-4" are two results
            key = (value, hit.unit)
            if age_of:
                if (hit.value, age_of) in ages:
                    continue
                ages.add((hit.value, age_of))
            elif (
                value in told
                and not _another_fact(hit, key, told_here, shares)
                and _same_fact(text, sentence.start, figure, told[value], key in told_here)
            ):
                continue  # the same fact told again (same value, same unit, same thing counted)
            said = told.setdefault(value, {})
            said[figure.unit] = said.get(figure.unit, frozenset()) | _fact_words(figure)
            told_here.add(key)
            figures.append(figure)
    figures.sort(key=lambda f: f.start)
    log.debug("%s: %d figures", article.id, len(figures))
    return figures


# A definite determiner before an amount marks it as given, told before: "the $1.1 billion bill", "of the 19".
_GIVEN_BEFORE = re.compile(
    r"\b(?:the|its|their|his|her|our|that|this|these|those)\s+(?:[a-z]+\s+)?$", re.IGNORECASE
)


def _same_fact(
    text: str, s_start: int, figure: Figure, earlier: dict[str | None, frozenset[str]], this_sentence: bool
) -> bool:
    """Whether a figure restates one told before with the same value: an amount or a score marked as given
    ("the $1.1 billion bill", "the 2-1 win"), one said of the same thing, or a date again in one sentence,
    in a name or of nothing said. "Owns 8%", "rose 8%" are two; so are two matches won 6-3, and "in 2009"
    for two events told in two sentences."""
    same_unit = [words for unit, words in earlier.items() if figure.unit in {unit, None} or unit is None]
    if not same_unit:
        return False
    if _GIVEN_BEFORE.search(text, max(s_start, figure.start - 30), figure.start):
        return True
    words = _fact_words(figure)
    if figure.kind == "date" and (this_sentence or not words or _names_a_thing(text, figure.end)):
        return True  # "the 2020 race" again, or a date of nothing said: the one told before
    return any(words & said for said in same_unit)


_NEXT_WORD = re.compile(r"[-\s]+([a-z]+)")


def _names_a_thing(text: str, end: int) -> bool:
    """Whether a date is part of a name, before a noun ("the 2020 race", "its 2014 entry"), not of a clause
    ("in 2015 and", "in 1987 to")."""
    word = _NEXT_WORD.match(text, end)
    return word is not None and word[1] not in _BOUNDARY_WORDS and word[1] not in _EDGE_WORDS


def _fact_words(figure: Figure) -> frozenset[str]:
    """The content words of what a figure counts, cut to a crude stem, its unit left out."""
    unit = (figure.unit or "")[:5]
    return frozenset(
        w[:5]
        for w in re.findall(r"[a-z]+", (figure.about or "").lower())
        if w not in _EDGE_WORDS and w not in _BOUNDARY_WORDS and w[:5] != unit and len(w) > 2
    )


def _told_value(hit: _Hit) -> object:
    """What makes two figures' values the same: the value, and the other side of a score or a range."""
    return hit.value if hit.high is None else (hit.value, hit.high)


def _another_fact(
    hit: _Hit, key: tuple[object, str | None], told_here: set[tuple[object, str | None]], shares: int
) -> bool:
    """Whether a value told before is a new fact: a share among the results a sentence lists ("42% say they
    are liberal, 34% conservative"), or an amount or a score told twice in one sentence ("up to 25 years for
    fraud, and 25 years for obstruction", "6-2, 6-2"). A date told again is the same one."""
    if hit.kind == "percent" and shares > 1:
        return True
    return hit.kind in {"number", "money", "percent", "score"} and key in told_here


_MARKUP = re.compile(r"<[A-Za-z/][^<>\n]*>")  # '<tweet tweet-date="March 7, 2016">': markup, not text


def _markup_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _MARKUP.finditer(text)] if "<" in text else []


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    """Whether `pos` falls in one of the sorted, disjoint `spans`."""
    i = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


# Two amounts joined so that they bound one quantity: "50 to 100 metres", "between 13 and 19", "$2-3 billion".
_RANGE_JOIN = re.compile(r"\s*(?:-|–|to|through)\s*")
_BETWEEN_JOIN = re.compile(r"\s*(?:and|-|–)\s*")
_RANGE_OPENER = re.compile(r"\b(?:between|from)\s+(?:\S+\s+){0,3}$", re.IGNORECASE)
_RANGE_KINDS = frozenset({"number", "money", "percent", "minor"})


def _amounts_in_order(low: _Hit | None, high: _Hit, kinds: frozenset[str], *, or_equal: bool) -> bool:
    """Whether two hits are amounts of the given kinds, the first below the second (or equal to it)."""
    if low is None or low.kind not in kinds or high.kind not in kinds:
        return False
    if not isinstance(low.value, int | float) or not isinstance(high.value, int | float):
        return False
    return low.value < high.value or (or_equal and low.value == high.value)


def _ranges(text: str, hits: list[_Hit], s_start: int) -> list[_Hit]:
    """Adjacent amounts that bound one quantity, merged into one range: the low end is its value."""
    merged: list[_Hit] = []
    for hit in hits:
        prev = merged[-1] if merged else None
        if (
            _amounts_in_order(prev, hit, _RANGE_KINDS, or_equal=False)
            and (prev.unit is None or hit.unit is None or prev.unit == hit.unit)
            and _joins_range(text, prev, hit, s_start)
        ):
            kinds = {prev.kind, hit.kind}
            kind = "money" if "money" in kinds else "percent" if "percent" in kinds else "range"
            kind = "minor" if kinds == {"minor"} else kind  # "two to three days": small spelled-out counts
            merged[-1] = _Hit(
                prev.start,
                hit.end,
                prev.value,
                hit.unit or prev.unit,
                kind,
                max(hit.end, hit.unit_end),
                high=hit.value,
            )
            continue
        merged.append(hit)
    return merged


def _joins_range(text: str, low: _Hit, high: _Hit, s_start: int) -> bool:
    """Whether the words between two amounts make them the ends of one range."""
    if high.start - low.end > 20:
        return False
    between = text[low.end : high.start]
    currency = re.escape(text[high.start : high.start + 1]) if high.kind == "money" else ""
    between = re.sub(rf"{currency}$", "", between) if currency else between
    opener = _RANGE_OPENER.search(text, max(s_start, low.start - 30), low.start)
    if opener and opener.group(0).lower().startswith("between"):
        return bool(_BETWEEN_JOIN.fullmatch(between))
    # "49 percent to 47 percent", "43%-41%": a unit told on both sides makes two results, not one range
    told_twice = low.unit is not None and low.kind != "money" and not opener
    # "rose 5 cents to $3.20", "fell 2% to 1,200": a change told in full and the level it reached, two
    # figures; "rose by 5 to 10 percent" is one range
    told = low.kind in {"money", "percent"} or low.unit is not None
    change = told and "to" in between and _CHANGE_BEFORE.search(text, max(s_start, low.start - 20), low.start)
    return bool(_RANGE_JOIN.fullmatch(between)) and low.unit_end <= low.end and not told_twice and not change


_CHANGE_BEFORE = re.compile(
    r"\b(?:" + "|".join(sorted(load_words("figures_change_verbs"), key=len, reverse=True)) + r")"
    r"(?:\s+by)?\s+(?:about\s+)?$",
    re.IGNORECASE,
)


def _sentence_hits(
    text: str, lower: str, sentence: Sentence, anchors: _Anchors, article_date: date | None
) -> list[_Hit]:
    """Candidate figures of one sentence, names, times, ordinals and minor counts left out."""
    start, end = sentence.start, sentence.end
    candidates = _sentence_candidates(text, lower, start, end, anchors, article_date)
    return _parts_of_wholes(text, _ranges(text, candidates, start))


# "12 of the 19", "29 out of 50 states": one fact, the part; the whole is what it is a part of.
_PART_OF = re.compile(r"\s+(?:out\s+)?of\s+(?:the\s+|its\s+|their\s+|all\s+|about\s+)?")
_COUNT_KINDS = frozenset({"number", "minor"})


def _parts_of_wholes(text: str, hits: list[_Hit]) -> list[_Hit]:
    """Hits without the wholes of "X of Y" counts (the X stays, and is the figure)."""
    kept: list[_Hit] = []
    for hit in hits:
        part = kept[-1] if kept else None
        if (
            _amounts_in_order(part, hit, _COUNT_KINDS, or_equal=True)
            and hit.start - part.unit_end < 20
            and part.unit_end <= part.end  # "12 of", not "12 people of"
            and _PART_OF.fullmatch(text, part.end, hit.start)
        ):
            kept[-1] = replace(part, unit=hit.unit or part.unit, unit_end=max(part.unit_end, hit.unit_end))
            continue
        kept.append(hit)
    return kept


def _sentence_candidates(
    text: str, lower: str, start: int, end: int, anchors: _Anchors, article_date: date | None
) -> list[_Hit]:
    """Every amount of one sentence in reading order, before ranges are merged."""
    hits: list[_Hit] = []
    consumed = start
    for m in _candidates(text, lower, start, end, anchors):
        if m.start() < consumed:
            continue  # inside the previous figure ("3.9-million")
        # A figure reads its sentence at most WINDOW characters either side: a sentence of 100k characters
        # (a table, a run of digits) costs as much per figure as a real one.
        lo, hi = max(start, m.start() - WINDOW), min(end, m.end() + WINDOW)
        for hit in _classify(text, m, lo, hi, article_date):
            consumed = max(consumed, hit.end)
            if hits and _is_conversion(text, hits[-1], hit):
                hit = replace(hit, converts=True)  # "190 kilometers (118 miles)": its own figure, same hedge
            hits.append(hit)
    return hits


@dataclass(frozen=True)
class _Anchors:
    """Where candidates can start in an article, found once for the whole text (sorted positions): a
    sentence looks its own up instead of scanning itself again with every pattern."""

    months: list[int]  # a capitalised month name starting a word
    digits: list[int]  # the first digit of a run, or a currency sign
    words: list[int]  # a number word starting a word (in the lower-cased text)
    shares: list[int]  # "half", "third", "quarter", "fifth": a fraction may be written there
    folds: list[int]  # "fold", "times", "doubled": a multiplier may be written there

    @classmethod
    def of(cls, text: str, lower: str) -> _Anchors:
        """The anchors of one article's text."""
        return cls(
            months=[
                a.start()
                for a in _MONTH_ANCHOR.finditer(text)
                if a.start() == 0 or not text[a.start() - 1].isalnum()
            ],
            digits=[a.start() for a in _ANCHOR.finditer(text)],
            words=[a.start() for a in _NUMBER_WORD.finditer(lower)],
            shares=[a.start() for a in _SHARE_WORD.finditer(lower)],
            folds=[a.start() for a in _FOLD_WORD.finditer(lower)],
        )

    def any_in(self, start: int, end: int) -> bool:
        """Whether any candidate can start in text[start:end]."""
        for found in (self.digits, self.months, self.words, self.shares, self.folds):
            i = bisect.bisect_left(found, start)
            if i < len(found) and found[i] < end:
                return True
        return False


def _between(positions: list[int], start: int, end: int) -> list[int]:
    """The sorted positions that fall in [start, end)."""
    return positions[bisect.bisect_left(positions, start) : bisect.bisect_left(positions, end)]


_SHARE_WORD = re.compile(r"half|third|quarter|fifth")
# where a multiplier may be written: "fold", "times", "7x" and the words of the multiplier table
_FOLD_WORD = re.compile(r"fold|times|\dx|" + "|".join(sorted(MULTIPLIER_WORDS, key=len, reverse=True)))


def _candidates(text: str, lower: str, start: int, end: int, anchors: _Anchors) -> list[re.Match]:
    """Every candidate match in text[start:end], in order of position (longest first at one position)."""
    found: list[re.Match] = []
    for pos in _between(anchors.months, start, end):
        m = _MONTHLY.match(text, pos, end)
        if m:
            found.append(m)
    found += _numeric_candidates(text, start, end, _between(anchors.digits, start, end))
    for pos in _between(anchors.words, start, end):
        article = _ARTICLE_BEFORE.search(lower, max(start, pos - 10), pos)
        m = _WORDS_RUN.match(lower, article.start() if article else pos, end)
        if m:
            found.append(_WordMatch(m))
    # The big alternations run only where a cheap anchor says they can match (most sentences have none).
    if _between(anchors.shares, start, end):
        found += [_WordMatch(m, "fraction") for m in _FRACTION.finditer(lower, start, end)]
        found += [
            _WordMatch(m, "fraction")
            for m in _FRACTION_ALONE.finditer(lower, start, end)
            if _FRACTION_ALONE_BEFORE.search(lower, max(start, m.start() - 12), m.start())
        ]
    if _between(anchors.folds, start, end):
        found += [_WordMatch(m, "fold") for m in _FOLD.finditer(lower, start, end)]
        found += [_WordMatch(m, "fold") for m in _TIMES.finditer(lower, start, end)]
        found += [_WordMatch(m, "multiplier") for m in _MULTIPLIER_WORD.finditer(lower, start, end)]
    found.sort(key=lambda m: (m.start(), -m.end()))
    return found


def _numeric_candidates(text: str, start: int, end: int, digits: list[int]) -> list[re.Match]:
    """The matches of the numeric patterns (dates, money, pairs, numbers) at a sentence's digit anchors."""
    found: list[re.Match] = []
    last = -1
    for pos in digits:
        if pos < last:
            continue
        prefix = _CURRENCY_BEFORE.search(text, max(start, pos - _CURRENCY_REACH), pos)
        money = _NUMERIC.match(text, prefix.start(), end) if prefix else None
        if money and money.lastgroup == "money":
            found.append(money)  # "HK$5", "USD 5", "CHF 300"
            last = money.end()
            continue
        if pos > start and text[pos - 1] == "R" and (pos - 1 == start or not text[pos - 2].isalnum()):
            pos -= 1  # "R1.2-billion": rand
        elif pos > start and _below_zero(text, pos):
            pos -= 1  # "-30C": below zero
        elif "Rs" in text[max(start, pos - 5) : pos]:
            rupees = _RUPEES_BEFORE.search(text, max(start, pos - 5), pos)
            if rupees:
                pos = rupees.start()
        m = _NUMERIC.match(text, pos, end)
        if m:
            found.append(m)
            last = m.end()
    return found


class _WordMatch:
    """A number-word match found in the lower-cased text, shaped like an `re.Match` for `_classify`."""

    lastgroup = "words"

    def __init__(self, m: re.Match, kind: str = "words") -> None:
        self._m = m
        self.lastgroup = kind

    def start(self) -> int:
        return self._m.start()

    def group_text(self, text: str) -> str:
        """The multiplier's number as written ("ten" of "tenfold", "3" of "3-fold"), lower-cased."""
        return text[self._m.start(1) : self._m.end(1)].lower()

    def end(self) -> int:
        return self._m.end()


def _classify(
    text: str, m: re.Match | _WordMatch, s_start: int, s_end: int, article_date: date | None
) -> list[_Hit]:
    kind = m.lastgroup
    if kind == "pair":
        return _pair_hits(text, m, s_start, s_end)
    hit = _classify_one(text, m, s_start, s_end, article_date)
    if hit and kind == "mdy" and not m.group("mdy_y"):
        second = _SECOND_DAY.match(text, hit.end, s_end)
        if second:  # "between March 10 and 17": the second day shares the month
            day = int(second.group(2))
            value = f"{hit.value[:8]}{day:02d}"
            between = re.search(r"\bbetween\s+$", text[max(s_start, m.start() - 10) : m.start()], re.I)
            if 1 <= day <= 31 and second.group("join") in {"and", "or"} and not between:
                return [hit, _Hit(second.start(2), second.end(2), value, "date", "date", second.end(2))]
            if 1 <= day <= 31 and value > hit.value:  # "Feb. 11-14": one span of days
                return [replace(hit, end=second.end(2), unit_end=second.end(2), high=value)]
    if hit and kind == "my":
        first = _FIRST_MONTH.search(text, max(s_start, m.start() - 25), m.start())
        if first:  # "from April to November 2007": the first month shares the year
            month = MONTHS[first.group(1).rstrip(".").lower()]
            year = int(hit.value[:4]) - (month > int(hit.value[5:7]))  # "between August and January 2015"
            value = f"{year:04d}-{month:02d}"
            return [_Hit(first.start(1), first.end(1), value, "date", "date", first.end(1)), hit]
    return [hit] if hit else []


_FIRST_MONTH = re.compile(rf"(?<![\w.])({_MONTH})\s*(?:-|–|to|through|until|till|and|or)\s*$")


def _classify_one(
    text: str, m: re.Match | _WordMatch, s_start: int, s_end: int, article_date: date | None
) -> _Hit | None:
    kind = m.lastgroup
    if kind == "mo":
        return _month_hit(text, m, s_start, s_end)
    if kind in {"mdy", "dmy", "my"}:
        return _date_hit(m, kind, article_date)
    if kind == "iso":
        return _Hit(m.start(), m.end(), text[m.start() : m.end()], "date", "date")
    if kind == "money":
        return _money_hit(text, m, s_end)
    if kind == "num":
        return _number_hit(text, m, s_start, s_end)
    if kind == "words":
        return _words_hit(text, m, s_start, s_end)
    if kind == "fold":  # "a tenfold rise", "grew 3-fold": a multiplier
        written = m.group_text(text)
        value = int(written) if written.isdigit() else _parse_words(written)
        return _Hit(m.start(), m.end(), value, "times", "number", m.end()) if value and value > 1 else None
    if kind == "multiplier":  # "tripled", "more than double", "twice as many"
        value = MULTIPLIER_WORDS[text[m.start() : m.end()].lower()]
        return _Hit(m.start(), m.end(), value, "times", "number", m.end())
    if kind == "fraction":
        share = FRACTIONS[re.sub(r"\s+", " ", text[m.start() : m.end()].lower())]
        scale = _OF_A_SCALE.match(text, m.end(), s_end)
        if scale:  # "a quarter of a million students": a count, not a share
            end = scale.end()
            unit, unit_end = unit_after(text, end, s_end)
            value = share / 100 * _NUMBER_WORDS[scale.group(1).lower()]
            return _Hit(m.start(), end, _tidy(round(value)), unit, "number", unit_end)
        return _Hit(m.start(), m.end(), _tidy(share), "percent", "percent", m.end())
    return None


# "a quarter of a million", "three quarters of a billion": the share of a scale word is a count
_OF_A_SCALE = re.compile(
    r"\s+of\s+(?:a|an|one)\s+(hundred|thousand|million|billion|trillion)\b", re.IGNORECASE
)


def _without_time_word(spot: Spot) -> bool:
    return not _MONTH_ALONE_BEFORE.search(spot.text, max(spot.s_start, spot.start - 12), spot.start)


def _span_opener(spot: Spot) -> bool:
    return _MONTH_SPAN_AFTER.match(spot.text, spot.end, spot.s_end) is not None


def _may_the_verb(spot: Spot) -> bool:
    return spot.raw == "May" and not _MAY_THE_MONTH_AFTER.match(spot.text[spot.end : spot.end + 8])


_MAY_THE_MONTH_AFTER = re.compile(r"\s*(?:[,.;:)]|$|\s+(?:and|to|when|as|after|before)\b)")
# Where a month written alone ("in May") is not read as a date of its own.
MONTH_RULES: tuple[Rule[Spot], ...] = rule_table(
    "month",
    {"without_time_word": _without_time_word, "span_opener": _span_opener, "may_the_verb": _may_the_verb},
)


def _month_hit(text: str, m: re.Match, s_start: int, s_end: int) -> _Hit | None:
    """ "in May": the month without its year, "XXXX-05" (the year is not guessed)."""
    if first_firing(MONTH_RULES, Spot(text, m.start(), m.end(), s_start, s_end)):
        return None
    month = MONTHS[m.group("mo").rstrip(".").lower()]
    return _Hit(m.start(), m.end(), f"XXXX-{month:02d}", "date", "date", m.end())


def _date_hit(m: re.Match, kind: str, article_date: date | None) -> _Hit | None:
    if kind == "mdy":
        month_text, day, year = (
            re.match(r"[A-Za-z]+", m.group(0)).group(0),
            m.group("mdy_d"),
            m.group("mdy_y"),
        )
    elif kind == "dmy":
        month_text, day, year = m.group("dmy_m"), m.group("dmy_d"), m.group("dmy_y")
    else:
        month_text, day, year = m.group("my_m"), None, m.group("my_y")
    if not _MONTH_ANCHOR.match(month_text):
        return None  # "may 5" is a verb and a number, not a date
    month = MONTHS[month_text.rstrip(".").lower()]
    if day is None:
        return _Hit(m.start(), m.end(), f"{int(year):04d}-{month:02d}", "date", "date")
    d = int(day)
    if not 1 <= d <= 31:
        return None
    if year:
        value = f"{int(year):04d}-{month:02d}-{d:02d}"
    elif article_date:
        value = f"{_resolve_year(month, d, article_date):04d}-{month:02d}-{d:02d}"
    else:
        value = f"XXXX-{month:02d}-{d:02d}"
    return _Hit(m.start(), m.end(), value, "date", "date")


def _resolve_year(month: int, day: int, article_date: date) -> int:
    """The year of a year-less date: the article's, or the year before if that is over six months ahead."""
    year = article_date.year
    try:
        candidate = date(year, month, day)
    except ValueError:
        return year
    return year - 1 if (candidate - article_date).days > 183 else year


def _money_hit(text: str, m: re.Match, s_end: int) -> _Hit | None:
    value = _parse_num(m.group("m_num"))
    scale = m.group("m_scale") or m.group("m_glued") or _range_scale(text, m.end(), s_end, money=True)
    if scale:
        value *= _scale_of(scale)
    cur = m.group("cur").rstrip(". ")
    unit = "inr" if cur == "Rs" else _CURRENCY_UNIT.get(cur, _CURRENCY_UNIT.get(cur.strip(), "usd"))
    return _Hit(m.start(), m.end(), _tidy(value), unit, "money")


# The scales of a million and more that a range's second end may carry for both ("$50 to 60 million")
_MILLIONS = "|".join(n for n in _SCALE_NAMES if (_SCALE_WORD.get(n) or _SCALE_ABBR[n]) >= 1_000_000)
_RANGE_SCALE = re.compile(rf"\s*(?:-|–|to|and|or)\s*(?:{_CURRENCY})?\s?(?:{_NUM})\s?-?\s?({_MILLIONS})\b")


def _range_scale(text: str, end: int, s_end: int, money: bool = False) -> str | None:
    """The scale word a range's first end shares with its second: "$50 to 60 million", "2-3 billion"."""
    m = _RANGE_SCALE.match(text, end, s_end)
    if not m or not money and m.group(1) not in _SCALE_WORD:
        return None  # "5 to 10 m" is metres, not millions
    first = re.search(r"[\d.,]+$", text[max(0, end - 12) : end])
    second = re.search(r"[\d.,]*\d", m.group(0))
    if not first or not second or not _parse_num(first.group(0)) < _parse_num(second.group(0)) < 1000:
        return None  # "$755,000 to $5.75 million", "in 2014 to $557 million": each end has its own scale
    return m.group(1)


_TIEBREAK = re.compile(r"\s?\(\d{1,2}\)")
# A scale word after a pair scales both ends ("350–375 million"); not "m" or "k", which are metres or a name.
_PAIR_SCALE = re.compile(
    r"\s?(" + "|".join(n for n in _SCALE_NAMES if len(n) > 1 and n != "hundred") + r")\b", re.IGNORECASE
)


def _pair_unit(spot: Spot) -> str | None:
    """The unit read after a pair of numbers ("10-15 percent", "10-15 km", "3-1 win")."""
    if spot.after.lstrip().startswith("%") or _PERCENT_WORD.match(spot.after):
        return "percent"
    return unit_after(spot.text, spot.end, spot.s_end).unit


def _measured_after(spot: Spot) -> bool:
    return _pair_unit(spot) in MEASURES


def _counted_after(spot: Spot) -> bool:
    return _pair_unit(spot) in COUNT_NOUNS


_PERCENT_WORD = re.compile(r"\s*(?:percent|per\s+cent|pct)\b")
# When two numbers joined by a dash are a range, not a score (the [[range_pair]] rows of figures_rules.toml).
RANGE_PAIR_RULES: tuple[Rule[Spot], ...] = rule_table(
    "range_pair", {"measured_after": _measured_after, "counted_after": _counted_after}
)


def _pair_hits(text: str, m: re.Match, s_start: int, s_end: int) -> list[_Hit]:
    """ "2-1" is a score; "10-15 percent", "aged 13-19" and "2014-15" are ranges, read as their two ends."""
    a, b = m.group("p_a"), m.group("p_b")
    after = text[m.end() : s_end]
    if first_firing(ALL_NUMBER_RULES, Spot(text, m.start(), m.end(), s_start, s_end)):
        return []  # "call 555-0134", "open 9-5 pm"
    if len(a) == 4 and 1500 <= int(a) <= 2100:
        # "2004-12", "2014-15": a span of years, read as its two ends.
        end_year = int(b) if len(b) == 4 else int(a[: 4 - len(b)] + b)
        first = _Hit(m.start("p_a"), m.end("p_a"), a, "date", "date", m.end("p_a"))
        if end_year <= int(a):
            return [first]
        return [first, _Hit(m.start("p_b"), m.end("p_b"), str(end_year), "date", "date", m.end())]
    scale = _PAIR_SCALE.match(after)  # "350–375 million people": both ends in millions
    if scale:
        times = _scale_of(scale.group(1))
        value, high = int(a) * times, int(b) * times
        end = m.end() + scale.end()
        scaled_unit, unit_end = unit_after(text, end, s_end)
        return [_Hit(m.start(), end, value, scaled_unit, "range", max(end, unit_end), high=high)]
    spot = Spot(text, m.start(), m.end(), s_start, s_end)
    unit = _pair_unit(spot)
    if not first_firing(RANGE_PAIR_RULES, spot):
        # "won 30-20", "took 6-70": a score, the first side is the value, the other its `high`
        tiebreak = _TIEBREAK.match(text, m.end(), s_end)  # "7-6 (5)": a tennis set's tie-break, not a figure
        end = tiebreak.end() if tiebreak else m.end()
        return [_Hit(m.start(), end, int(a), "score", "score", end, high=int(b))]
    if unit is None and re.search(r"\bage", text[max(s_start, m.start() - 12) : m.start()], re.IGNORECASE):
        unit = "year"
    if unit == "percent":
        pct = _AFTER_NUM.match(text, m.end(), s_end)
        unit_end = pct.end() if pct else m.end()
    else:
        unit_end = unit_after(text, m.end(), s_end)[1]
    return [_Hit(m.start(), m.end(), int(a), unit, "range", max(m.end(), unit_end), high=int(b))]


# A decade dates an event after a preposition ("in the 1990s", "since the early 1980s"); elsewhere it is an
# era's label ("'80s music", "a 1960s song") and no figure.
_DECADE_BEFORE = re.compile(
    r"\b(?:(?:in|during|since|until|through|throughout|by|from|to)\s+)?the\s+(?:(?:early|mid|late)[\s-])?$"
    r"|\b(?:early|mid|late)[\s-]$",
    re.IGNORECASE,
)
_AGE_BAND_BEFORE = re.compile(r"\b(?:his|her|their|my|your|our)\s+(?:(?:early|mid|late)[\s-])?$", re.I)
_BAND_LOOKBACK = 20


@dataclass(frozen=True)
class _Plural:
    """A number written with a plural "s" ("1990s", "20s", "1300s"): where it is and what comes before."""

    text: str
    start: int
    end: int  # past the "s"
    raw: str  # the digits
    s_start: int


def _age_band(p: _Plural) -> Outcome:
    """ "in his 20s": an age band, 20 to 29 years."""
    band_start = max(p.s_start, p.start - _BAND_LOOKBACK)
    if re.fullmatch(r"[1-9]0", p.raw) and _AGE_BAND_BEFORE.search(p.text, band_start, p.start):
        return Decided(_Hit(p.start, p.end, int(p.raw), "year", "number", p.end, high=int(p.raw) + 9))
    return None


def _era(p: _Plural) -> Outcome:
    """ "in the 1990s", "the early 1980s": the decade's first year, unit "decade" ("the 1300s": "century");
    an era's label ("'80s music", "a 1960s song") is no figure."""
    if not re.fullmatch(r"1\d\d0|20\d0", p.raw):  # "the 1300s" to "the 2020s"
        return None
    if not _DECADE_BEFORE.search(p.text, max(p.s_start, p.start - 30), p.start):
        return Decided(None)
    unit = "century" if p.raw.endswith("00") else "decade"
    return Decided(_Hit(p.start, p.end, p.raw, unit, "date", p.end))


# How a number with a plural "s" reads, as rows tried in order; when none decides, it is no figure.
_PLURAL_STEPS: tuple[Step[_Plural], ...] = (
    Step(
        "age band",
        _age_band,
        (
            Case("The suspect is in his 20s.", "20s = 20 year"),
            Case("The actress is in her mid-50s.", "50s = 50 year"),
            Case("Sales rose in the 20s.", None, fires=False),
        ),
    ),
    Step(
        "decade or century",
        _era,
        (
            Case("Prices fell in the 1990s.", "1990s = 1990 decade"),
            Case("The town grew in the 1300s.", "1300s = 1300 century"),
            Case("She sang a 1960s song.", None),
        ),
    ),
)


def _decade_hit(text: str, m: re.Match, s_start: int) -> _Hit | None:
    """A decade, a century or an age band written as a plural number ("the 1990s", "in his 20s")."""
    if not re.match(r"['’]?s\b", text[m.end() : m.end() + 3]):
        return None
    end = m.end() + (2 if text[m.end()] in "'’" else 1)
    outcome = run_steps(_PLURAL_STEPS, _Plural(text, m.start(), end, m.group(0), s_start))
    return outcome.value if isinstance(outcome, Decided) else None


# "the 19th century", "the 21st-century economy": the century's number, unit "century"
_CENTURY_AFTER = re.compile(r"(?:st|nd|rd|th)[\s-]+century\b", re.IGNORECASE)


def _century_hit(text: str, m: re.Match) -> _Hit | None:
    """ "19th century": 19, unit "century"."""
    century = _CENTURY_AFTER.match(text, m.end(), m.end() + 14)
    if not century or not re.fullmatch(r"[1-9]|1\d|2[01]", m.group(0)):
        return None
    return _Hit(m.start(), century.end(), int(m.group(0)), "century", "date", century.end())


# A rating out of ten ("9/10", "7.5/10"); not a date ("9/10/2019", "on 9/10")
_OUT_OF_TEN = re.compile(r"/10\b(?![/\d]|\.\d)")
_RATING = re.compile(r"10|\d(?:\.\d)?")
_DATED_BY = re.compile(r"\b(?:on|since|by|until|till|from|before|after|through)\s+$", re.IGNORECASE)

# Sides of an object, each maybe with its unit, the last always with it: "60x63x113.5cm", "62cm x 146cm"
_SIDE = r"\d+(?:\.\d+)?"
_SIDE_UNIT = r"(?:cm|mm|m|in|ft)"
_DIMENSIONS = re.compile(
    rf"{_SIDE}\s?{_SIDE_UNIT}?\s?[x×]\s?{_SIDE}(?:\s?{_SIDE_UNIT}?\s?[x×]\s?{_SIDE})?"
    rf"\s?(?P<unit>cm|mm|m|inches|inch|ft|feet|metres|meters)\b"
)


def _number_hit(text: str, m: re.Match, s_start: int, s_end: int) -> _Hit | None:
    """A number written in digits with its scale, percent sign, degrees or unit; None when it is no figure."""
    decade = _decade_hit(text, m, s_start) or _century_hit(text, m)
    if decade:
        return decade
    rating = _OUT_OF_TEN.match(text, m.end(), s_end) if _RATING.fullmatch(m.group(0)) else None
    if rating and not _DATED_BY.search(text, max(s_start, m.start() - 12), m.start()):
        # "Best value heated airer, 9/10", "(9/10, WIRED Recommends)": a review's rating, not a date
        return _Hit(m.start(), rating.end(), _tidy(float(m.group(0))), "rating", "number", rating.end())
    dimension = _DIMENSIONS.match(text, m.start(), s_end)
    spot = Spot(text, m.start(), m.end(), s_start, s_end)
    if dimension and not first_firing(ALL_NUMBER_RULES, spot):
        # "60x63x113.5cm", "62cm x 146cm": one measure, told by its first side
        unit = MEASURE_UNITS.get(dimension.group("unit").lower(), dimension.group("unit").lower())
        first = float(m.group(0).replace(",", ""))
        return _Hit(m.start(), dimension.end(), _tidy(first), unit, "number", dimension.end())
    glued = _SUFFIX.match(text, m.end(), s_end)
    if glued and glued.group(1).lower() not in _GLUED_OK:
        return None  # "3rd", "1990s", "4G", "737MAX": ordinals, decades and names
    rule = first_firing(ALL_NUMBER_RULES, spot)
    if rule:
        log.debug("not a figure (%s): %r", rule.name, m.group(0))
        return None
    tail = _AFTER_NUM.match(text, m.end(), s_end)  # every part is optional: it always matches
    value, end = _scaled(text, m, tail, glued, s_end)
    if tail.group("pct"):
        end = tail.end("pct")
        if value == 100 and first_firing(PERCENT_RULES, Spot(text, m.start(), end, s_start, s_end)):
            return None  # "100% sure", "agrees with me 100 percent"
    if tail.group("deg"):
        letter = tail.group("scale_letter")
        end = tail.end("deg")
        unit = f"degrees {letter.lower()}" if letter else "degree"
        return _Hit(m.start(), end, _tidy(value), unit, "number", end)
    if tail.group("pct"):
        return _Hit(m.start(), end, _tidy(value), "percent", "percent", end)
    return _counted_number(text, m, value, end, glued, s_start, s_end)


class _Scaled(NamedTuple):
    value: float  # the number times its scale word
    end: int  # past the scale word, if any


def _scaled(text: str, m: re.Match, tail: re.Match, glued: re.Match | None, s_end: int) -> _Scaled:
    """A number's value times its scale word ("3.9 million", "5m people"), and where the scale ends."""
    raw, end = m.group(0), m.end()
    value = _parse_num(raw)
    if tail.group("scale"):
        scale_text = tail.group("scale").strip(" -").lower()
        counted = unit_after(text, tail.end("scale"), s_end)[0]
        if scale_text == "m" and not (glued and (counted in COUNT_NOUNS or counted in CURRENCIES)):
            return _Scaled(value, end)  # "200m freestyle", "5 m": metres; "5m people", "785m euros": millions
        return _Scaled(value * _scale_of(scale_text), tail.end("scale"))
    if not tail.group("pct") and "." not in raw[-3:-2]:
        shared = _range_scale(text, end, s_end)
        if shared:
            value *= _scale_of(shared)  # "between 50 and 60 million people": 50 million
    return _Scaled(value, end)


def _counted_number(
    text: str, m: re.Match, value: float, end: int, glued: re.Match | None, s_start: int, s_end: int
) -> _Hit:
    """A number with the unit written after it ("5km", "18 years old", "40 people"), a year, or an age."""
    raw = m.group(0)
    age = _AGE.match(text, end, s_end)
    if glued and end == m.end():
        unit, unit_end = MEASURE_UNITS.get(glued.group(1).lower(), glued.group(1).lower()), glued.end(1)
    elif age:
        unit, unit_end = "year", age.end()
    else:
        unit, unit_end = unit_after(text, end, s_end)
    if _is_year(raw, value, unit):
        return _Hit(m.start(), end, raw, "date", "date", end)
    hundredth = _in_hundredths(text, m.start(), value, end, s_end)  # "10 cents", "274.5 pence"
    if hundredth:
        return hundredth
    if unit is None and first_firing(AGE_RULES, Spot(text, m.start(), end, s_start, s_end)):
        unit = "year"
    return _Hit(m.start(), end, _tidy(value), unit, "number", unit_end)


def _joined_by_dash(spot: Spot) -> bool:
    """ "3-2-1", "27.14-15", "877-942-5343"; but "$2-3 billion" and "62%-32%" are the two ends of a range."""
    if not spot.before.endswith("-") or _ERA_BEFORE.search(spot.before):
        return False  # "mid-2019", "the early-1990s": a part of a year, not a code
    return not _SECOND_END_BEFORE.search(spot.text, max(spot.s_start, spot.start - 12), spot.start)


_SUBUNITS = dict(load_table("currency_subunits"))
# "10 cents", "274.5 pence", and glued to the number the pence sign alone: "15p an hour"
_SUBUNIT = re.compile(
    r"(?:\s(" + "|".join(sorted(_SUBUNITS, key=len, reverse=True)) + r")|(p))\b(?![-’'])", re.IGNORECASE
)


def _in_hundredths(text: str, start: int, value: float, end: int, s_end: int) -> _Hit | None:
    """Money written in a currency's hundredths ("10 cents", "four pence"), as the currency: usd 0.10."""
    hundredth = _SUBUNIT.match(text, end, s_end)
    if hundredth is None:
        return None
    currency = _SUBUNITS[(hundredth.group(1) or hundredth.group(2)).lower()]
    return _Hit(start, hundredth.end(), _tidy(value / 100), currency, "money", hundredth.end())


_ERA_BEFORE = re.compile(r"\b(?:mid|early|late)-$", re.IGNORECASE)


def _named(spot: Spot) -> bool:
    """A number inside a name ("Article 5", "G20", "S&P 500"), unless it is a share, a tally's count or a
    result after a team or player ("beat Russia 2-1", "defeated Khachanov 6-3")."""
    return (
        _looks_named(spot)
        and not _SHARE_AFTER.match(spot.after)
        and not _result_after_name(spot)
        and not _in_tally(spot.text, spot.start, *_tally_window(spot))
    )


# Two sides of one or two digits: a result; model numbers have more ("737-800", "A320-200").
_SMALL_PAIR = re.compile(r"\d{1,2}\s?[-–]\s?\d{1,2}")


def _result_after_name(spot: Spot) -> bool:
    before = word_before(spot)
    return (
        _SMALL_PAIR.fullmatch(spot.raw) is not None and before is not None and before.lower not in _NAME_WORDS
    )


def _tally_window(spot: Spot) -> tuple[int, int]:
    """The span a tally around a spot is looked for in: its sentence, at most four contexts either side."""
    return max(spot.s_start, spot.start - 4 * CONTEXT), min(spot.s_end, spot.end + 4 * CONTEXT)


# The rules that need this module's word lists, checked at numbers in digits after the pattern rules.
DIGIT_RULES: tuple[Rule[Spot], ...] = rule_table(
    "digits", {"joined_by_dash": _joined_by_dash, "named": _named}
)
ALL_NUMBER_RULES: tuple[Rule[Spot], ...] = (*NUMBER_RULES, *DIGIT_RULES)


def _capitalised_inside(spot: Spot) -> bool:
    """A capitalised number word not opening its sentence: "Formula One", "Air Force One"."""
    return spot.raw[:1].isupper() and bool(spot.before.strip(" \"'“‘("))


# The rules for spelled-out numbers.
WORD_RULES: tuple[Rule[Spot], ...] = rule_table("word", {"capitalised_inside": _capitalised_inside})
RULES: tuple[Rule[Spot], ...] = (*ALL_NUMBER_RULES, *WORD_RULES, *PERCENT_RULES, *SPAN_RULES)  # not figures


def _words_hit(text: str, m: _WordMatch, s_start: int, s_end: int) -> _Hit | None:
    """A spelled-out number ("ten", "a dozen", "two hundred"), unless a rule says it is no figure."""
    raw = text[m.start() : m.end()]
    joint = _LOOSE_AND.search(raw)
    if joint:
        raw = raw[: joint.start()]  # "three and ten years": two numbers, not thirteen
    end = m.start() + len(raw)
    spot = Spot(text, m.start(), end, s_start, s_end)
    rule = first_firing(NUMBER_RULES, spot) or first_firing(WORD_RULES, spot)
    if rule:
        log.debug("not a figure (%s): %r", rule.name, raw)
        return None
    value = _parse_words(raw)
    if value is None or raw.lower() in {*_SCALE_WORD, *_COUNTED_SPANS}:
        return None  # a bare "million" belongs to a number not taken
    half = _AND_A_HALF.match(text, end, s_end)
    if half:  # "five-and-a-half points", "three and a half million votes": no count, so never minor
        end = half.end()
        scale = _NUMBER_WORDS[half.group("scale").lower()] if half.group("scale") else 1
        unit, unit_end = unit_after(text, end, s_end)
        return _Hit(m.start(), end, _tidy((value + 0.5) * scale), unit, "number", unit_end)
    unit, unit_end = unit_after(text, end, s_end)
    per_cent = _PERCENT_WORD.match(text, end, s_end)
    if per_cent:  # "nine per cent": a share is never a minor count
        return _Hit(m.start(), per_cent.end(), _tidy(value), "percent", "percent", per_cent.end())
    hundredth = _in_hundredths(text, m.start(), value, end, s_end)  # "two cts", "four pence"
    if hundredth:
        return hundredth
    if value < 2 and not (value == 1 and unit in MEASURES and unit not in DURATIONS):
        return None  # "one" is a pronoun as often as a count; "one millimetre" measures
    if value <= _SMALL_WORD_LIMIT:
        return _Hit(m.start(), end, value, unit, "minor", unit_end)  # small spelled-out counts are minor
    if raw.lower().endswith(("decade", "century")):
        unit, unit_end = "year", end  # "more than a decade": 10 years
    return _Hit(m.start(), end, _tidy(value), unit, "number", unit_end)


# "five-and-a-half", "two and a half": a half more
_AND_A_HALF = re.compile(
    r"(?:\s+|-)and(?:\s+|-)a(?:\s+|-)half\b(?:\s+(?P<scale>hundred|thousand|million|billion|trillion)\b)?",
    re.IGNORECASE,
)
# "and" joins number words only after a scale word ("three hundred and twelve").
_LOOSE_AND = re.compile(r"(?<!hundred)(?<!thousand)(?<!million)(?<!billion)\s+and\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Restatement:
    """A figure read right after another, which may restate it in other units ("65 km (40 miles)")."""

    text: str
    prev: _Hit
    hit: _Hit


def _score_in_brackets(pair: Restatement) -> bool:
    return pair.hit.kind == "score"


def _count_before(pair: Restatement) -> bool:
    return pair.prev.kind == "minor" and (pair.prev.unit not in MEASURES or pair.prev.unit in DURATIONS)


def _far_from_it(pair: Restatement) -> bool:
    return pair.hit.start - pair.prev.end > _RESTATEMENT_REACH


def _bracketed(pair: Restatement) -> bool:
    return _CONVERSION_BRACKET.fullmatch(pair.text, pair.prev.end, pair.hit.start) is not None


def _after_or(pair: Restatement) -> bool:
    prev, hit = pair.prev, pair.hit
    measures = prev.unit in MEASURES and hit.unit in MEASURES and prev.value != hit.value
    return (
        measures and _CONVERSION_OR.fullmatch(pair.text, max(prev.end, prev.unit_end), hit.start) is not None
    )


_RESTATEMENT_REACH = 40  # characters between an amount and its restatement, at most
# When a figure right after another is no restatement of it, and when it is (the [[not_restatement]] and
# [[restatement]] rows of figures_rules.toml): a restatement is its own figure and takes the first's hedge.
NOT_RESTATEMENT_RULES: tuple[Rule[Restatement], ...] = rule_table(
    "not_restatement",
    {"score_in_brackets": _score_in_brackets, "count_before": _count_before, "far_from_it": _far_from_it},
)
RESTATEMENT_RULES: tuple[Rule[Restatement], ...] = rule_table(
    "restatement", {"bracketed": _bracketed, "after_or": _after_or}
)


def _is_conversion(text: str, prev: _Hit, hit: _Hit) -> bool:
    """Whether a figure restates the one before in other units ("65 kilometers (40 miles)")."""
    pair = Restatement(text, prev, hit)
    return (
        first_firing(NOT_RESTATEMENT_RULES, pair) is None
        and first_firing(RESTATEMENT_RULES, pair) is not None
    )


_CONVERSION_HEDGE = r"(?:about|around|roughly|some|nearly|approximately)?"
_CONVERSION_BRACKET = re.compile(rf"\s*[A-Za-z. ]{{0,20}}\s*\(\s*{_CONVERSION_HEDGE}\s*")
_CONVERSION_OR = re.compile(rf",?\s+or\s+{_CONVERSION_HEDGE}\s*")


class WordBefore(NamedTuple):
    """The word right before a number, as the rules on names read it."""

    word: str  # as written ("iPhone", "No.", "Smith's")
    gap: str  # what joins it to the number: "", " " or "-"
    lower: str  # lower-cased, a closing full stop left out
    number: str  # the number's first characters ("2004 ")


def word_before(spot: Spot) -> WordBefore | None:
    """The word right before the spot's number within 40 characters of its sentence, if any."""
    before = spot.text[max(spot.s_start, spot.start - 40) : spot.start]
    prev = _PREV_WORD.search(before)
    if not prev:
        return None
    word, gap = prev.group(1), prev.group(2)
    return WordBefore(word, gap, word.lower().rstrip("."), spot.text[spot.start : spot.start + 5])


_DASH_PREFIXES = frozenset({"mid", "pre", "post", "late", "early", "under", "over", "top", "ex"})


def _dash_joined(w: WordBefore) -> bool:
    return w.gap == "-" and w.lower not in _DASH_PREFIXES


def _glued(w: WordBefore) -> bool:
    return w.gap == "" and not w.word.endswith(".")


def _name_word(w: WordBefore) -> bool:
    return w.gap != "-" and (w.lower in _NAME_WORDS or w.word.lower() in _NAME_WORDS)


def _possessive(w: WordBefore) -> bool:
    return w.word.endswith(("'s", "’s"))


def _camel_case(w: WordBefore) -> bool:
    camel = w.word[0].islower() and any(c.isupper() for c in w.word[1:])
    return w.gap != "-" and not _possessive(w) and camel


def _capitalised(w: WordBefore) -> bool:
    acronym_before_year = w.word.isupper() and len(w.word) > 1 and re.match(r"\d{4}\b", w.number)
    return (
        w.gap != "-"
        and not _possessive(w)
        and w.word[0].isupper()
        and w.lower not in _FUNCTION_CAPS
        and w.lower not in MONTHS
        and not acronym_before_year
    )


# The shapes of a word before a number that make the number part of a name ("Article 5", "Covid-19").
NAME_SHAPES: tuple[Rule[WordBefore], ...] = rule_table(
    "name_shape",
    {
        "dash_joined": _dash_joined,
        "glued": _glued,
        "name_word": _name_word,
        "camel_case": _camel_case,
        "capitalised": _capitalised,
    },
)


def _looks_named(spot: Spot) -> bool:
    """Whether the spot's number is part of a name: "Article 5", "World War 2", "Covid-19", "No. 1"."""
    if spot.before.endswith("#"):
        return True
    before = word_before(spot)
    return before is not None and first_firing(NAME_SHAPES, before) is not None


# "Name N" closing a list item: "Donald Trump 384, Sen. Ted Cruz 300, Rubio 151, and Kasich 37".
_TALLY_ITEM = re.compile(r"([A-Z][\w’'-]*)\s(\d[\d,]*(?:\.\d+)?)(?=\s*(?:[,;)]|\.?$|\.\s|\s+and\b))")


def _in_tally(text: str, start: int, s_start: int, s_end: int) -> bool:
    """Whether the number at `start` is one count of a tally listing several names with their numbers; a
    series of one name ("World War 1 and World War 2") or of years ("Sochi 2014, Rio 2016") names things."""
    items = [
        m
        for m in _TALLY_ITEM.finditer(text, s_start, s_end)
        if m.group(1).lower() not in _NAME_WORDS and not re.fullmatch(r"1[5-9]\d\d|20\d\d", m.group(2))
    ]
    if not any(m.start(2) == start for m in items):
        return False
    # "Ted Cruz 1, John Kasich 2, Marco Rubio 3": a ranking names places, not amounts
    return len({m.group(1) for m in items}) >= 2 and max(_parse_num(m.group(2)) for m in items) >= 10


def _is_year(raw: str, value: float, unit: str | None) -> bool:
    """A four-digit number without a comma is a year (news writes 1,500 for a count) unless it counts."""
    if not re.fullmatch(r"\d{4}", raw) or not 1000 <= value <= 2100:
        return False
    return not (unit in MEASURES or unit in COUNT_NOUNS or unit == "percent")


_FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3}


def _parse_num(raw: str) -> float:
    if "/" in raw:  # "5-1/2", "2 1/2"
        whole, numerator, denominator = re.split(r"[-\s/]", raw)
        return int(whole) + int(numerator) / int(denominator)
    if raw[-1] in _FRACTIONS:
        return float(raw[:-1].replace(",", "")) + _FRACTIONS[raw[-1]]
    return float(raw.replace(",", "").replace("−", "-"))  # a typeset minus: "−4 °F"


def _scale_of(scale: str) -> int:
    scale = scale.lower()
    return _SCALE_WORD.get(scale) or _SCALE_ABBR.get(scale, 1)


def _parse_words(raw: str) -> int | None:
    """ "twenty-five" -> 25, "two million" -> 2000000, "half a million" -> 500000."""
    tokens = [t for t in re.split(r"[\s-]+", raw.lower()) if t and t != "and"]
    total = current = 0
    half = False
    seen_number = False
    for i, tok in enumerate(tokens):
        if tok == "half":
            half = True
        elif tok in _COUNTED_SPANS:
            current = max(current, 1) * _COUNTED_SPANS[tok]  # "a dozen", "two dozen", "a decade"
            seen_number = True
        elif tok == "a":
            if i + 1 < len(tokens) and tokens[i + 1] == "half":
                continue  # "a half a billion"
            if i + 1 < len(tokens) and tokens[i + 1] in {*_SCALE_WORD, *_COUNTED_SPANS}:
                current = max(current, 1)
            else:
                return None
        elif tok in _UNITS_WORD:
            if current % 100 and (current % 10 or current < 20 or _UNITS_WORD[tok] >= 10):
                return None  # "three-seven-zero": digits read out, not one number ("twenty-five" is)
            current += _UNITS_WORD[tok]
            seen_number = True
        elif tok == "hundred":
            current = max(current, 1) * 100
            seen_number = True
        elif tok in _SCALE_WORD:
            total += max(current, 1) * _SCALE_WORD[tok]
            current = 0
            seen_number = True
    value = total + current
    if not seen_number or value == 0:
        return None
    return value // 2 if half else value


def _tidy(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(value, 6)


@dataclass(frozen=True)
class _Qualified:
    """A figure's hedge as reported (None when it is stated flat) and the figure's span with its hedge."""

    qualifier: str | None
    start: int
    end: int


def _qualified(text: str, sentence: Sentence, hit: _Hit) -> _Qualified:
    """The figure's hedge, before it ("about 300") or after it ("300-plus", "20 minutes or more")."""
    end = max(hit.end, hit.unit_end)
    is_date = hit.kind == "date"
    number = HedgedNumber(
        hit.start, hit.end, hit.unit, hit.unit_end, sentence.start, sentence.end, amount=hit.kind == "number"
    )
    hedge, q_start = qualifier_before(text, number)
    if hedge is not None and not can_hedge(hedge, is_date):
        hedge, q_start = None, hit.start  # "over 2012", "about 2016 plans", "some 2014 films": not hedges
    qualifier = hedge.reported if hedge else None
    if qualifier is None and not is_date:
        for pos in dict.fromkeys((hit.end, end)):
            qualifier, bound_end = qualifier_after(text, pos, sentence.end)
            if qualifier:
                end = max(end, bound_end)
                break
    if CANONICAL_QUALIFIERS:
        qualifier = canonical_qualifier(qualifier)
    return _Qualified(qualifier, q_start, end)


# Kinds never read as a rate: "5% a year" stays a percent, as the guide labels it; a date or score is no rate.
_NEVER_RATES = frozenset({"date", "time", "score", "percent"})


def _figure(text: str, sentence: Sentence, hit: _Hit) -> Figure:
    qualified = _qualified(text, sentence, hit)
    qualifier, q_start, end = qualified.qualifier, qualified.start, qualified.end
    kind = figure_kind(hit.kind, hit.unit, hit.high is not None)
    unit, currency = hit.unit, currency_of(kind, hit.unit)
    per = rate_after(text, end, sentence.end) if kind not in _NEVER_RATES and unit else None
    if per is not None and per.unit is not None and per.unit != unit:
        # "10p per hour", "$1.4 billion a month": a rate, in the unit per the thing (the currency stays)
        unit, end, kind = f"{unit} per {per.unit}", per.end, "rate" if kind != "range" else kind
    surface = text[q_start:end]
    counted, subject = _counted(text, hit, kind), _subject(text, sentence, q_start, end)
    about = _about(text, sentence, hit, q_start, end)
    if about is None or about.islower() and " " not in about:  # "rose", "just": say whose and what
        about = " ".join(dict.fromkeys(w for w in (subject, about, counted) if w)) or None
    return Figure(
        text=surface,
        value=hit.value,
        unit=unit,
        qualifier=qualifier,
        about=about,
        start=q_start,
        end=end,
        kind=kind,
        high=hit.high,
        currency=currency,
        qualifier_normal=canonical_qualifier(qualifier),
        counted=counted,
        subject=subject,
    )


def _counted(text: str, hit: _Hit, kind: str) -> str | None:
    """The noun phrase a count counts, as written after its number: "internally displaced people"."""
    if kind in {"date", "score", "money", "percent"} or hit.unit is None or hit.unit_end <= hit.end:
        return None
    if hit.unit in MEASURES:
        return None  # "5 km", "18 years old": a measure, not a thing counted
    words = _WORDS.findall(text[hit.end : hit.unit_end])
    return " ".join(words) or None


# A name: capitalised words, maybe joined by "of", "&" or "and" ("Bank of America", "Johnson & Johnson"),
# never letters glued to a word or number ("5,000mAh", "65W").
_NAME_RUN = re.compile(
    r"(?<![\w’'])[A-Z][\w’'.&-]*(?:\s+(?:(?:of|and|&|de|du|von|van)\s+)?[A-Z][\w’'.&-]*){0,4}"
)
_PRONOUN_OPENING = re.compile(r"[\s\"'“‘(]*(?:It|Its|They|Their|He|His|She|Her|The\s+company|The\s+firm)\b")


def _subject(text: str, sentence: Sentence, start: int, end: int) -> str | None:
    """Whose the figure is, as its sentence says: the nearest name before it in its clause, else the first
    name after it ("Tesla's shares rose 8%" -> "Tesla"; "8% of Ford" -> "Ford")."""
    common = _lower_words(text)
    runs = list(_NAME_RUN.finditer(text, sentence.start, start))
    nearest = next((name for name in (_name_of(r, common) for r in reversed(runs)) if name), None)  # the last
    if nearest:
        return nearest
    after = _NAME_RUN.finditer(text, end, sentence.end)
    return next((name for name in (_name_of(r, common) for r in after) if name), None)


@functools.lru_cache(maxsize=4)
def _lower_words(text: str) -> frozenset[str]:
    """The words the article writes in lower case: capitalised at a sentence's start, they name no one."""
    return frozenset(_LOWER_WORD.findall(text))


_LOWER_WORD = re.compile(r"(?<![\w’'\-])[a-z]+(?![\w’'\-])")


def _name_of(run: re.Match, common: frozenset[str] = frozenset()) -> str | None:
    """A capitalised run without the sentence-opening, calendar and function words it starts with ("Best
    value airer": "best" is a word the article writes in lower case too)."""
    words = run.group(0).split()
    while words and _POSSESSIVE.sub("", words[0]).rstrip(".,").lower() in _NOT_NAMES:
        words.pop(0)
    if len(words) == 1 and words[0].lower() in common:
        words.pop(0)
    return _POSSESSIVE.sub("", " ".join(words)).rstrip(".,") or None if words else None


# Words a phrase of what a figure counts never starts or ends on: articles, prepositions, conjunctions,
# auxiliaries ("when Schilling played the role of a" is cut short; "Schilling played the role" is whole).
_EDGE_WORDS = load_words("figures_edge_words")
# Words that open a new constituent: a phrase cut short backs off to just before one of them.
_BOUNDARY_WORDS = load_words("figures_boundary_words")
_COPULAS = frozenset("is are was were be been being".split())
# A phrase may start on a determiner ("the role", "His daughter") but never end on one.
_DETERMINERS = frozenset(
    "a an the this these those his her its their our my your some any each every".split()
)
_PRONOUNS = frozenset("he she they we i you him them us me".split())
# ... and may start on a subject ("He would beat ..."), never on a preposition, conjunction or auxiliary.
_LEAD_EDGE_WORDS = _EDGE_WORDS - _DETERMINERS - _PRONOUNS
_YEAR_AS_ADJECTIVE = re.compile(r"(?:^|\s)(?:a|an|the|his|her|its|their|our|this|that)\s+$", re.IGNORECASE)
_PHRASE_WORDS = 12  # an `about` phrase is short: at most this many words
_BEFORE_SPLIT = re.compile(r"[;:()“”\"—–]|,\s|\s--?\s")
_APPOSITIVE_NAME = re.compile(r"((?:[A-Z][\w’'-]+\s){0,3}[A-Z][\w’'-]+),\s*$")
_CAPS_RUN = r"(?:[A-Z][\w’'.-]*\s){0,3}[A-Z][\w’'-]+"
_NAME_AFTER = re.compile(
    rf"\s+(?:[A-Z][\w’'-]+\s+(?:[a-z][\w-]+\s+){{1,2}}(?P<titled>[A-Z][\w’'.-]*\s{_CAPS_RUN})|(?P<name>{_CAPS_RUN}))"
)  # "17-year-old Gabby Schilling"; "55-year-old Kremlin critic Boris Nemtsov" names Nemtsov
_DEMONYMS = load_words("demonyms")
_NAME_A_BEFORE = re.compile(rf"({_CAPS_RUN}),\s+(?:a|an|the)\s+$")  # "Duritskaya, a 23-year-old"
_POSSESSIVE = re.compile(r"['’]s?$")
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_NOT_NAMES = _FUNCTION_CAPS | _EDGE_WORDS | _PRONOUNS | frozenset({"it"}) | frozenset(MONTHS) | _WEEKDAYS


def _about(text: str, sentence: Sentence, hit: _Hit, start: int, end: int) -> str | None:
    """A short phrase of what the figure counts, from its clause: "people have fled abroad"."""
    phrase = _about_phrase(text, sentence, hit, start, end)
    if phrase:
        return phrase
    unit_words = _WORDS.findall(text[hit.end : end])  # "including 377 combat hours": at least "combat hours"
    return " ".join(unit_words) if len(unit_words) > 1 or unit_words and len(unit_words[0]) > 3 else None


@dataclass(frozen=True)
class _Counted:
    """A figure in its sentence, read for what it counts: the words before it and after it."""

    text: str
    hit: _Hit
    end: int  # past the figure's unit
    before_text: str  # its sentence up to the figure
    before: str  # the last clause of that
    before_words: list[str]
    after: list[str]  # the content words of the clause after it (after the unit, for a counted noun)
    counted: bool  # the unit is a noun counted ("people", "members"), not a measure, money or a date


def _counted_spot(text: str, sentence: Sentence, hit: _Hit, start: int, end: int) -> _Counted:
    before_text = text[sentence.start : start]
    counted = (
        hit.unit not in (None, "date", "percent", "score", "year")
        and hit.unit not in MEASURES
        and hit.kind != "money"
    )
    noun_start = hit.end if counted or hit.unit == "percent" else end
    after = _clause_words(text[noun_start : sentence.end].lstrip(" ,"))
    segments = _BEFORE_SPLIT.split(before_text)
    before = segments[-1]
    before_words = _before_words(before)
    opening = before_text[: len(before_text) - len(before)].rstrip()
    if not before_words and len(segments) > 1 and opening.endswith((",", ":")) and not after:
        before_words = _before_words(segments[-2])  # "Donald Trump, who is 70."
    return _Counted(text, hit, end, before_text, before, before_words, after, counted)


def _age_of_a_person(c: _Counted) -> Outcome:
    person = _person_of_age(c.text, c.before_text, c.hit, c.end) if c.hit.unit == "year" else None
    return Decided(f"age of {person}") if person else None


def _count_of_the_noun_before(c: _Counted) -> Outcome:
    if not (c.counted and len(c.after) < 2 and c.before_words):
        return None
    raw = _WORDS.findall(c.before)
    last = c.before_words[-1]
    tail = raw[len(raw) - raw[::-1].index(last) :] if last in raw else []
    if any(w.lower() in _BOUNDARY_WORDS for w in tail):
        return Decided(" ".join(c.before_words))  # "beat all Republican candidates by at least 10 points"
    # "the group had fewer than 400 members"
    return Decided(" ".join([*c.before_words, *tail, c.hit.unit or ""]).strip())


def _money_before_its_noun(c: _Counted) -> Outcome:
    if c.hit.kind != "money" or len(c.after) != 1 or not re.match(r"\s+[a-z]", c.text[c.end : c.end + 2]):
        return None
    adjacent = c.before_words and c.before.rstrip().endswith(c.before_words[-1])
    if adjacent and c.after[0].lower() not in _EDGE_WORDS:
        return Decided(" ".join([*c.before_words, c.after[0]]))  # "held on a cash-only $300,000 bond"
    return None


def _modifier(c: _Counted) -> bool:
    """A figure that says which thing the words after it name: "a 15-year consultation period", "a 2012
    gang rape in South Delhi"."""
    if re.search(r"\d-[a-z]", c.text[c.hit.start : c.end]):
        return True
    return (
        c.hit.kind == "date"
        and _YEAR_AS_ADJECTIVE.search(c.before_text) is not None
        and bool(re.match(r"\s+[a-z]", c.text[c.end : c.end + 2]))
        and bool(c.after)
        and c.after[0].lower() not in _EDGE_WORDS
    )


def _the_words_after(c: _Counted) -> Outcome:
    modifier = _modifier(c) and (len(c.after) >= 2 or bool(c.after) and len(c.before_words) < 2)
    share_of = c.hit.unit == "percent" and bool(c.after) and c.after[0].lower() == "of"
    if c.counted or modifier or share_of:
        return Decided(" ".join(c.after) or None)
    return None


def _the_words_before(c: _Counted) -> Outcome:
    if len(c.before_words) >= 3 or (c.before_words and len(c.after) < 2):
        return Decided(" ".join(c.before_words))
    return None


# What a figure counts, as rows tried in order; when none decides, the words after it, else before it.
_ABOUT_STEPS: tuple[Step[_Counted], ...] = (
    Step(
        "age of a person",
        _age_of_a_person,
        (Case("Michelle Carter, 18, was charged.", "age of Michelle Carter"),),
    ),
    Step(
        "count of the noun before",
        _count_of_the_noun_before,
        (Case("The group had fewer than 400 members.", "group had members"),),
    ),
    Step(
        "money before its noun",
        _money_before_its_noun,
        (Case("He was held on a cash-only $300,000 bond.", "held on a cash-only bond"),),
    ),
    Step(
        "the words after",
        _the_words_after,
        (Case("Officials began a 15-year consultation period on the status.", "consultation period"),),
    ),
    Step(
        "the words before",
        _the_words_before,
        (Case("Analysts said the total cost reached $40 million.", "total cost reached"),),
    ),
)


def _about_phrase(text: str, sentence: Sentence, hit: _Hit, start: int, end: int) -> str | None:
    spot = _counted_spot(text, sentence, hit, start, end)
    outcome = run_steps(_ABOUT_STEPS, spot)
    if isinstance(outcome, Decided):
        return outcome.value
    return " ".join(spot.after) or (" ".join(spot.before_words) or None)


def _person_of_age(text: str, before_text: str, hit: _Hit, end: int) -> str | None:
    """Whose age a figure is: "Michelle Carter, 18, ..." or "17-year-old Gabby Schilling"."""
    if hit.end == end:
        name = _APPOSITIVE_NAME.search(before_text)
        if not name or text[end : end + 1] != ",":
            return None
        parts = name.group(1).split()
    else:
        if not re.search(r"-old$", text[hit.start : end]):
            return None
        name = _NAME_AFTER.match(text, end)
        before = _NAME_A_BEFORE.search(before_text)
        alone = name and not name.group("titled") and " " not in name.group("name")
        if alone and name.group("name").rstrip("’'s").lower() in _DEMONYMS:
            name = None  # "the 50-year-old Italian": who he is, not his name
        if name and not (alone and re.match(r"\s+[a-z]", text[name.end() :])):
            parts = (name.group("titled") or name.group("name")).split()  # not "a 26-year-old American woman"
        elif before:
            parts = before.group(1).split()
        else:
            return None
        parts[-1] = _POSSESSIVE.sub("", parts[-1])  # "88-year-old Harper Lee's ability"
    while len(parts) > 1 and parts[0].lower() in _FUNCTION_CAPS | {"when", "while", "after"}:
        parts.pop(0)
    return " ".join(parts)


def _clause_words(text: str, limit: int = _PHRASE_WORDS) -> list[str]:
    """The words of the clause opening `text`, trimmed to a whole phrase of at most `limit` words."""
    clause = _CLAUSE_END.split(text, maxsplit=1)[0]
    words = _WORDS.findall(clause)
    while words and words[0].lower() in _LEAD_EDGE_WORDS - {"of"}:
        words.pop(0)
    if len(words) > limit:
        cut = next((i for i in range(limit, 2, -1) if words[i].lower() in _BOUNDARY_WORDS), limit)
        words = words[:cut]
    while words and _ends_badly(words):
        words.pop()
    words = [w.rstrip(",") for w in words]
    return [*words[:-1], words[-1].rstrip(".")] if words else []  # "U.S." and "Mr." keep their stops


def _ends_badly(words: list[str]) -> bool:
    """Whether a phrase ends on a word that cannot end one ("of", "the", "was"); a lone subject ("He") can."""
    last = words[-1].lower()
    return last in _EDGE_WORDS and (len(words) > 1 or last not in _PRONOUNS)


def _before_words(text: str, limit: int = _PHRASE_WORDS) -> list[str]:
    """The last words of `text`, starting where a phrase starts, at most `limit` of them."""
    words = _WORDS.findall(text)
    if len(words) > limit:
        first = len(words) - limit
        window = range(first, len(words) - 2)
        # a copula's noun complement reads whole ("… on Tuesday were the first meeting since"): start there
        after_copula = (
            i for i in window if words[i - 1].lower() in _COPULAS and words[i].lower() in {"the", "a", "an"}
        )
        opens = (i for i in window if words[i - 1].lower() in _BOUNDARY_WORDS)
        start = next(after_copula, None) or next(opens, first)
        words = words[start:]
    while words and _ends_badly(words):
        words.pop()
    while words and words[0].lower() in _LEAD_EDGE_WORDS:
        words.pop(0)
    return [w.rstrip(",") for w in words]
