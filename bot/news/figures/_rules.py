"""Named rules for the numbers that are not figures, each with examples it must and must not fire on.

A rule looks at one spot: a candidate number (or a whole figure, for the rules on spans) in its sentence.
Its examples mark the spot with ⟦ ⟧; tests are generated from the rows, so a rule is added by adding a row.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Generic, TypeVar

CONTEXT = 80  # characters a rule reads on either side of its spot (keeps every rule linear in the text)


@dataclass(frozen=True)
class Spot:
    """A candidate figure in its sentence: the text, the candidate's span and the sentence's span."""

    text: str
    start: int
    end: int
    s_start: int
    s_end: int

    @cached_property
    def raw(self) -> str:
        """The candidate's own characters."""
        return self.text[self.start : self.end]

    @cached_property
    def before(self) -> str:
        """The sentence's text before the candidate, at most CONTEXT characters."""
        return self.text[max(self.s_start, self.start - CONTEXT) : self.start]

    @cached_property
    def after(self) -> str:
        """The sentence's text after the candidate, at most CONTEXT characters."""
        return self.text[self.end : min(self.s_end, self.end + CONTEXT)]


S = TypeVar("S")  # what a rule looks at: a Spot, or a hedge before a number


@dataclass(frozen=True)
class Rule(Generic[S]):
    """A named rule: where it fires, why, and examples it must fire on (positives) and not (negatives)."""

    name: str
    why: str
    test: Callable[[S], bool]
    positives: tuple[str, ...]
    negatives: tuple[str, ...]

    def fires(self, spot: S) -> bool:
        """Whether the rule fires at the spot (for the rules on numbers: the spot is not a figure)."""
        return self.test(spot)


def pattern_rule(
    name: str,
    why: str,
    *,
    before: str | None = None,
    after: str | None = None,
    raw: str | None = None,
    positives: tuple[str, ...],
    negatives: tuple[str, ...],
) -> Rule:
    """A rule that fires when every pattern given matches: `before` ends at the spot, `after` starts right
    after it, `raw` is the spot's whole text."""
    before_re = re.compile(rf"(?:{before})$") if before else None
    after_re = re.compile(after) if after else None
    raw_re = re.compile(raw) if raw else None

    def test(spot: Spot) -> bool:
        return (
            (before_re is None or before_re.search(spot.before) is not None)
            and (after_re is None or after_re.match(spot.after) is not None)
            and (raw_re is None or raw_re.fullmatch(spot.raw) is not None)
        )

    return Rule(name, why, test, positives, negatives)


def first_firing(rules: tuple[Rule[S], ...], spot: S) -> Rule[S] | None:
    """The first rule that says the spot is not a figure, if any."""
    # A plain loop calling each rule's test (what Rule.fires does): it runs for every rule at every candidate
    # figure, and a generator and an extra call per rule cost more than most tests.
    for rule in rules:
        if rule.test(spot):
            return rule
    return None


_MONTH_WORD = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_STREET = (
    r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Place|Pl|Square|Sq|Way|Court|Ct|Terrace"
    r"|Highway|Hwy|Parkway|Pkwy)\b"
)

# Rules checked at a bare number, before its unit or scale is read.
NUMBER_RULES: tuple[Rule, ...] = (
    pattern_rule(
        "slash or colon after",
        "a date written with slashes, a fraction of a name or a clock time: 9/11, 24/7, 5:30",
        after=r"[/:]\d",
        positives=("the ⟦9⟧/11 attacks", "open ⟦24⟧/7", "at ⟦5⟧:30 on Monday"),
        negatives=("⟦9⟧ of 11 judges", "the score: ⟦5⟧, then 6"),
    ),
    pattern_rule(
        "dash and capital or digit after",
        "a name or code joined by a dash: 7-Eleven, 3-D, 56-5A1",
        after=r"-[A-Z\d]",
        positives=("a ⟦7⟧-Eleven store", "a ⟦3⟧-D film"),
        negatives=("a ⟦7⟧-year-old boy",),
    ),
    pattern_rule(
        "version number",
        "a dotted version or section number: iOS 13.2.1, section 4.3.2",
        after=r"\.\d",
        positives=("version ⟦13.2⟧.1 shipped",),
        negatives=("it grew ⟦13.2⟧ percent.",),
    ),
    pattern_rule(
        "clock time",
        "a time of day is not a fact a reader counts (live-blog stamps, 'around 11 a.m.')",
        after=r"(?::\d{2})?\s*(?i:a\.?m\b|p\.?m\b|o['’]clock|GMT\b|UTC\b|[ECMP][SD]?T\b|local\s+time)",
        positives=("around ⟦11⟧ a.m. Monday", "at ⟦6.24⟧pm", "by ⟦10⟧ o'clock", "at ⟦14⟧:05 GMT"),
        negatives=("⟦11⟧ amendments passed", "⟦6⟧ people died"),
    ),
    pattern_rule(
        "clock time range",
        "the first end of a range of clock times: from 2 to 2:45 p.m.",
        after=r"\s*(?:-|–|to|and|or|until)\s*\d{1,2}(?::\d\d)?\s*(?i:a\.?m\b|p\.?m\b)",
        positives=("from ⟦2⟧ to 2:45 p.m.", "open ⟦9⟧-5 pm daily"),
        negatives=("from ⟦2⟧ to 45 people",),
    ),
    pattern_rule(
        "phone number",
        "a phone number: 877-942-5343, (555) 123-4567, 020 7946 0958",
        after=r"\)?[-.\s]\d{3,4}[-.\s]\d{3,4}",
        positives=("call ⟦877⟧-942-5343 now", "call (⟦555⟧) 123-4567", "ring ⟦020⟧ 7946 0958 today"),
        negatives=("⟦877⟧ people and 942 more",),
    ),
    pattern_rule(
        "seven-digit phone number",
        "a local phone number: 555-0134, 123-4567",
        raw=r"\d{3}[-–]\d{4}",
        positives=("call ⟦555-0134⟧ today",),
        negatives=("a ⟦555⟧-mile trip", "the ⟦1990-2010⟧ span"),
    ),
    pattern_rule(
        "emergency number",
        "the emergency number is a name, not an amount",
        raw=r"911",
        positives=("she called ⟦911⟧ twice", "a ⟦911⟧ dispatcher"),
        negatives=("⟦912⟧ calls",),
    ),
    pattern_rule(
        "identifier",
        "ten or more digits in a row are an identifier (a tweet id, an account), not an amount",
        raw=r"\d{10,}",
        positives=("tweet ⟦783499116076687360⟧ said",),
        negatives=("⟦7834⟧ tweets",),
    ),
    pattern_rule(
        "title in quotes",
        'a number opening a quoted title: "50 Shades of Grey", “13 Reasons Why”',
        before=r"[\"“]",
        after=r"\s+[A-Z]",
        positives=('the film "⟦50⟧ Shades of Grey"', "“⟦13⟧ Reasons Why”"),
        negatives=('"⟦50⟧ people came," she said',),
    ),
    pattern_rule(
        "title-case title",
        "a number inside a capitalised title: The History of 8 Hallucinogens, Ocean's 11 Heist",
        before=r"[A-Z][\w’']+\s+(?:of|the|and|for|in|on|to|a|my|our|your)\s+",
        after=r"\s+(?!(?:" + _MONTH_WORD + r")\b)[A-Z][a-z]+",
        raw=r"(?!(?:1[5-9]|20)\d\d$)[\d,.]+",  # "In the 2016 Election" dates it
        positives=("read The History of ⟦8⟧ Hallucinogens today", "The Tale of ⟦2⟧ Cities"),
        negatives=("In ⟦2015⟧ sales rose", "Nearly ⟦5,000⟧ people fled", "In the ⟦2016⟧ Election"),
    ),
    pattern_rule(
        "work named by a number",
        "a film, book or album whose name is a number: the film 1917, the album 21",
        before=r"\b(?i:film|movie|album|novel|book|song|single|musical|show|sitcom|series|game)\s+",
        after=(
            r"(?!\s*(?:-|–|%|percent|years?|months?|weeks?|days?|hours?|minutes?|people|copies|times|episodes"
            r"|seasons|million|billion)\b)"
        ),
        positives=("the film ⟦1917⟧ won", "Adele's album ⟦21⟧ sold", "the movie ⟦1917⟧ was a hit"),
        negatives=("the film ⟦20⟧ years later", "the album ⟦2⟧ million copies"),
    ),
    pattern_rule(
        "street address",
        "a house number before a street: 1225 N. Rampart St., 131 West 23rd Street",
        after=r"(?:\s+(?:[A-Z][a-z]*\.?|\d+(?:st|nd|rd|th))){1,4}\s+" + _STREET,
        positives=("at ⟦1225⟧ N. Rampart St. in town", "at ⟦131⟧ West 23rd Street", "⟦10⟧ Downing Street"),
        negatives=("⟦10⟧ Downing officials", "⟦1225⟧ New Yorkers"),
    ),
    pattern_rule(
        "technical term",
        "a number baked into a term: a 52-week high, a 3-pointer, a one-time fee, a two-way street",
        after=(
            r"-(?:week\s+(?:high|low|range)\b|pointers?\b|point\s+(?:range|line|shot|play)\b|time\b|way\b"
            r"|seaters?\b|packs?\b|wheel\s+drive\b|party\s+system\b|star\s+(?:hotel|rating|general)\b)"
        ),
        positives=("a ⟦52⟧-week high", "hit a ⟦3⟧-pointer", "a ⟦one⟧-time fee", "a ⟦two⟧-way street"),
        negatives=("a ⟦52⟧-week strike", "won by ⟦3⟧ points", "⟦two⟧ ways to win"),
    ),
    pattern_rule(
        "block of a street",
        "a block number locates a place: the 2100 block of Main Street",
        after=r"\s+block\s+of\b",
        positives=("in the ⟦2100⟧ block of Main St.",),
        negatives=("⟦2100⟧ blocks were cleared",),
    ),
    pattern_rule(
        "race named by its distance",
        "an event's name: the 400-meter freestyle, the 4×100m relay, the 110m hurdles",
        after=(
            r"(?:[×x]\d+)?[-\s]?(?i:meters?|metres?|m|yards?|yd)[-\s]+(?i:individual\s+)?"
            r"(?i:freestyle|backstroke|breaststroke|butterfly|medley|relay|hurdles|dash|steeplechase)\b"
        ),
        positives=("won the ⟦400⟧-meter freestyle", "the ⟦4⟧×100m relay", "the ⟦110⟧m hurdles"),
        negatives=("swam ⟦400⟧ meters today",),
    ),
    pattern_rule(
        "clipped year",
        "a year or decade with its century clipped: the '90s, class of '75",
        before=r"['’]",
        positives=("the class of '⟦75⟧ met",),
        negatives=("“⟦75⟧ people came”",),
    ),
    pattern_rule(
        "two-digit decade with an apostrophe",
        "a decade clipped to two digits: the 90’s, in 80's fashion",
        after=r"['’]s\b",
        raw=r"\d{2}",
        positives=("the ⟦90⟧’s were wild", "in ⟦80⟧'s fashion"),
        negatives=("⟦30⟧ cars", "the ⟦100⟧'s"),
    ),
    pattern_rule(
        "list marker",
        "a small number opening a sentence with a stop: 1. The Walking Dead",
        before=r"^[\s\"'“‘(]*",
        after=r"\.(?:\s|$)",
        raw=r"\d{1,2}",
        positives=("⟦1⟧. The Walking Dead",),
        negatives=("He had ⟦1⟧.",),
    ),
    pattern_rule(
        "enumeration in brackets",
        "a small number closed by a bracket: (1) that the minor is mature; 2) espionage",
        before=r"(?:^|[\s(;:,])",
        after=r"\)\s+[a-z]",
        raw=r"\d{1,2}",
        positives=("kinds: ⟦1⟧) homicide", "that (⟦1⟧) the minor is mature"),
        negatives=("a rise (of ⟦12⟧%) came", "seats (⟦15⟧) Democrats"),
    ),
)

# Rules checked on every figure once it is read, whatever its kind (dates and money too).
SPAN_RULES: tuple[Rule, ...] = (
    pattern_rule(
        "inside square brackets",
        "brackets hold footnote markers, editors' notes and links, not the article's facts",
        before=r"\[[^\[\]\n]{0,60}",
        after=r"[^\[\]\n]{0,60}\]",
        positives=("as reported [⟦1⟧] today", "[Updated ⟦March 3, 2023⟧]"),
        negatives=("[a note] ⟦5⟧ people came",),
    ),
    pattern_rule(
        "inside a link",
        "a number inside a web address is part of the address",
        before=r"(?i:https?://|www\.)\S*",
        positives=("see https://example.com/news/⟦2023⟧/story", "www.site.org/⟦55⟧"),
        negatives=("see https://example.com ⟦55⟧ people",),
    ),
    pattern_rule(
        "publication stamp",
        "a live-blog or publication stamp: Updated 3:45 pm, Published Jan 16, 2023, Posted at 10:02",
        before=(
            r"(?:^|\n)\s*(?i:updated|published|posted|last\s+updated|first\s+published|last\s+modified)"
            r"\b[^\n.]{0,40}"
        ),
        positives=("Published ⟦Jan 16, 2023⟧", "Last updated on ⟦March 3⟧"),
        negatives=("The report was published in ⟦2023⟧",),
    ),
    pattern_rule(
        "dateline",
        "a date opening a paragraph and closed by a colon or dash dates the report, not an event in it",
        before=r"^[\s\"“]*(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?",
        after=r"\s*(?::|\s[—–-]\s)",
        positives=("⟦December 28, 2031⟧: Stocks fell", "Monday, ⟦6 January 2031⟧ — The council met"),
        negatives=("⟦December 28, 2031⟧ was the day", "On ⟦March 3⟧: a vote"),
    ),
    pattern_rule(
        "citation year",
        "the year of a source cited in brackets: (Climate Service, 2031), (Smith et al. 2029)",
        before=r"\([^()\n]{2,60}(?:,|et\s+al\.?)\s*",
        after=r"\s*[);]",
        raw=r"(?:1[5-9]|20)\d\d",
        positives=("warming (Climate Service, ⟦2031⟧) rose", "as shown (Smith et al. ⟦2029⟧)"),
        negatives=("rose (about ⟦2031⟧ homes)", "(in ⟦2029⟧) it fell"),
    ),
)
