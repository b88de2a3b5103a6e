"""Non-sentences of a news page: captions, credits, share and subscribe lines, sign-offs, labels, stamps.

Each rule is a named row: a predicate over one paragraph (and its place in the article), what it
decides, and examples it must and must not match (the tests are generated from the rows). The cues
are general: the shape of the line, its position, repetition, link-likeness and the known forms of
credits, not phrases of any one site. Every pattern is anchored or bounded, so it runs in linear time.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

# A paragraph longer than this is running text whatever its words: no rule below drops it.
MAX_FURNITURE_WORDS = 70
_FINAL = (".", "!", "?", "…", '"', "”", "’", "'", ")")

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")

# Known credit forms: photo/image credits, agency photo tags, gallery counters.
_CREDIT_LINE = re.compile(
    r"^[(\[]?\s*(?:photo(?:graph)?s?|images?|pictures?|credits?|illustrations?|graphics?|videos?|"
    r"source|courtesy(?:\s+of)?|file\s+photo|photo\s+credit)\s*(?::|/|by\b)",
    re.IGNORECASE,
)
_AGENCY_PHOTO = re.compile(
    r"\((?:AP|AFP|Reuters|EPA|Getty|PA|Xinhua|ANP|dpa)\s+Photo\b|\bGetty\s+Images\b|\bREUTERS/|"
    r"\bPhotograph:\s|\bPhoto(?:graph)?:\s|\bCredit:\s|\bAFP\s+via\s+Getty\b|\bShutterstock\b|"
    r"\bView\s+full\s+size\b|\bExpand\s+image\b",
    re.IGNORECASE,
)
_GALLERY = re.compile(
    r"^\s*(?:image\s+|photo\s+|slide\s+)?\d{1,3}\s*(?:of|/)\s*\d{1,3}\b[.:]?", re.IGNORECASE
)
# "... Las Croabas. By U.S. CUSTOMS AND BORDER PROTECTION", "... in Kyiv. Photo: Jane Doe"
_CREDIT_TAIL = re.compile(
    r"(?:^|[.!?]\s{1,4})(?:By|Photo(?:graph)?s?|Credit|Image|Courtesy(?:\s+of)?|Pictured)\b[: ]\s{0,3}"
    r"(?P<who>[^.!?]{2,80}|(?:[A-Z]\.){1,4}[^.!?]{2,80})$"
)
_REPORTING = re.compile(
    r"^[(\[]?\s*(?:additional\s+)?(?:reporting|writing|editing|compiled|produced|translated|research|"
    r"graphics|fact-?checked)\s+by\b",
    re.IGNORECASE,
)
_CONTRIBUTED = re.compile(
    r"\b(?:contributed|contributing)\s+(?:to\s+)?(?:this\s+)?(?:report|story|article|reporting)\b",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)\s+\d{4}|^\W{0,3}copyright\b|\ball\s+rights\s+reserved\b|\bmay\s+not\s+be\s+(?:published|"
    r"reproduced|redistributed)\b)",
    re.IGNORECASE,
)
_SIGN_OFF = re.compile(r"^\s*(?:-+\s*30\s*-+|#{3}|\*{3}|-{3,}|={3,}|(?:end|ends)\.?)\s*$", re.IGNORECASE)
_URL_ONLY = re.compile(
    r"^\s*[(<\[]?(?:https?://|www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}(?:/\S*)?[)>\]]?\s*$", re.IGNORECASE
)
_LABEL = re.compile(r"^\s*[\w'’&-]+(?:\s+[\w'’&-]+){0,3}\s*:\s*$")
# "Read more: Another story's headline", "RELATED: ...", "WATCH: ..." with no sentence after the label.
_LINK_LABEL = re.compile(
    r"^\s*(?:#{1,6}\s*)?(?:read|see|watch|listen|related|more|also\s+read|read\s+more|read\s+also|"
    r"see\s+also|recommended|trending|popular|latest|top\s+stories|in\s+pictures|in\s+photos|more\s+from)"
    r"\b[^:\n]{0,30}(?::|\s[|»›>]|$)",
    re.IGNORECASE,
)
_FOOTNOTE = re.compile(r"^\s*\*(?=[A-Za-z(])")
_TABLE = re.compile(r"\|.*\||\t.*\t")
# "Jane Doe is a senior writer for The Daily ..." at the very end: the author's bio.
_BIO = re.compile(
    r"^(?:[A-Z][\w.'’-]+\s+){1,3}[A-Z][\w.'’-]+\s+(?:is|was|has\s+been)\s+(?:a|an|the)\b", re.UNICODE
)
_BIO_ROLE = re.compile(
    r"\b(?:writer|reporter|editor|correspondent|columnist|contributor|journalist|founder|author|"
    r"consultant|producer|freelance|intern|fellow|analyst|blogger|host|staff)\b",
    re.IGNORECASE,
)
_TIME_STAMP = re.compile(
    r"^\s*(?:updated\s+|posted\s+)?(?:[01]?\d|2[0-3])[.:h][0-5]\d(?:\s?(?:am|pm|a\.m\.|p\.m\.))?"
    r"(?:\s?(?:GMT|BST|UTC|CET|CEST|EST|EDT|ET|PST|PDT|PT|IST|AEDT|AEST|JST|local(?:\s+time)?))?"
    r"(?:\s*[:|—–-])?\s+",
    re.IGNORECASE,
)
_STAMP_ONLY = re.compile(
    r"^\s*(?:updated\s+|posted\s+|last\s+updated\s*:?\s*)?(?:[01]?\d|2[0-3])[.:h][0-5]\d(?:\s?(?:am|pm))?"
    r"(?:\s?[A-Z]{2,4})?\s*$",
    re.IGNORECASE,
)
_LINK_PHRASE = re.compile(
    r"\b(?:read\s+more|click\s+here|more\s+here|learn\s+more|find\s+out\s+more)\b", re.IGNORECASE
)
_ATTRIBUTION = frozenset("said says told according added stated announced".split())

# Words of a page talking to its reader about the site rather than the story (weights: an action
# verb of reading the site counts 2, a channel or an address to the reader 1).
_ACTIONS = {
    "subscribe": 2,
    "subscribed": 2,
    "subscriber": 2,
    "subscribers": 2,
    "subscription": 2,
    "subscriptions": 2,
    "newsletter": 2,
    "newsletters": 2,
    "signup": 2,
    "login": 2,
    "log": 1,
    "sign": 1,
    "register": 2,
    "download": 2,
    "follow": 2,
    "share": 2,
    "click": 2,
    "tap": 2,
    "submit": 2,
    "unsubscribe": 2,
    "advertiser": 2,
    "advertisers": 2,
    "advertisement": 2,
    "advertising": 1,
    "sponsored": 2,
    "comment": 1,
    "comments": 1,
    "bookmark": 2,
    "paywall": 2,
    "donate": 2,
    "donation": 1,
    "premium": 1,
}
_CHANNELS = frozenset(
    """twitter facebook instagram youtube tiktok linkedin whatsapp telegram snapchat pinterest reddit ios
    android app apps email e-mail inbox rss podcast podcasts edition epaper e-paper newsletter notifications
    alerts browser cookies website site""".split()
)
_READER = frozenset("you your you're you’re yours our us please".split())
_IMPERATIVE = frozenset(
    """subscribe sign follow download get join click tap share read watch listen submit register log
    support like email send visit don't never""".split()
)


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def promo_score(text: str) -> int:
    """How strongly a paragraph speaks to the reader about the site (subscribe, follow, download…)."""
    words = _words(text)
    if not words:
        return 0
    score = sum(_ACTIONS.get(w, 0) for w in words)
    if score == 0:
        return 0
    score += min(sum(1 for w in words if w in _CHANNELS), 3)
    score += min(sum(1 for w in words if w in _READER), 2)
    if words[0] in _IMPERATIVE:
        score += 1
    if " up" in text.lower() and ("sign" in words or "signup" in words):
        score += 1
    if "log" in words and "in" in words:
        score += 1
    if _LINK_PHRASE.search(text):
        score += 2
    if not _ATTRIBUTION.isdisjoint(words):
        score -= 3  # "users can download the app, the company said": the story, reported
    return score


@dataclass(frozen=True)
class Context:
    """Where a paragraph stands: its index, the article's size, and whether it reads as a heading."""

    index: int
    count: int
    heading: bool
    words: int

    @property
    def last(self) -> bool:
        return self.index == self.count - 1


@dataclass(frozen=True)
class Rule:
    """A named furniture rule with the examples that document (and test) it."""

    name: str
    test: Callable[[str, Context], bool]
    examples: tuple[str, ...]
    counter_examples: tuple[str, ...]


def _short(ctx: Context, limit: int = MAX_FURNITURE_WORDS) -> bool:
    return ctx.words <= limit


def _is_credit_tail(text: str) -> bool:
    match = _CREDIT_TAIL.search(text[-140:])
    if not match:
        return False
    who = match.group("who").strip()
    # A credit names someone: capitals, no running words in lower case ("By the time he left" is not).
    lower = [w for w in who.split() if w[:1].islower() and w not in {"and", "of", "for", "via", "the"}]
    return not lower and not who.endswith(_FINAL)


RULES: tuple[Rule, ...] = (
    Rule(
        "photo credit or caption",
        lambda t, c: (
            _short(c, 60) and bool(_CREDIT_LINE.match(t) or _AGENCY_PHOTO.search(t) or _is_credit_tail(t))
        ),
        (
            "(Credit: Jane Roe / Daily Planet)",
            "Photo: Anna Berg",
            "Rescuers search the rubble in Tarn on Monday. (AP Photo/Carl Witt)",
            "Firefighters at the scene. By NORTHERN FIRE SERVICE",
            "A view of the harbour. REUTERS/Tom Hale",
            "Credit: Sam Fox View full size image",
        ),
        (
            "The fire was put out by Monday evening, the service said.",
            "By the time the police arrived, the crowd had gone.",
        ),
    ),
    Rule(
        "gallery counter",
        lambda t, c: _short(c, 60) and bool(_GALLERY.match(t)),
        ("1 of 4. Workers clear the road near Hilltown on Tuesday.", "Image 3 of 12"),
        ("12 of the 40 passengers were hurt, police said.",),
    ),
    Rule(
        "reporting credit",
        lambda t, c: (
            _short(c) and (bool(_REPORTING.match(t)) or (c.index > 0 and bool(_CONTRIBUTED.search(t))))
        ),
        (
            "(Reporting by Ann Lee in Oslo; Editing by Tom Fry)",
            "Additional reporting by Kim Park.",
            "Associated Press writer Jo Bell in Rome contributed to this report.",
        ),
        ("Reporting from the front line is dangerous, the editor said.",),
    ),
    Rule(
        "copyright line",
        lambda t, c: _short(c, 40) and bool(_COPYRIGHT.search(t)),
        ("*© Wire Service 2020*", "Copyright 2021 The Daily Planet. All rights reserved."),
        ("The court ruled on a copyright dispute between two publishers on Tuesday.",),
    ),
    Rule(
        "sign-off",
        lambda t, c: c.index > 0 and c.words <= 5 and bool(_SIGN_OFF.match(t)),
        ("-30-", "###", "ENDS"),
        ("— Jane Doe", "End of an era."),
    ),
    Rule(
        "link or site name alone",
        lambda t, c: c.words <= 8 and bool(_URL_ONLY.match(t)),
        ("DAILYNEWS.COM", "https://example.org/story/123", "www.example.com"),
        ("Example.com said profits rose.",),
    ),
    Rule(
        "label without content",
        lambda t, c: c.words <= 4 and bool(_LABEL.match(t)),
        ("Release Date:", "Filed under:"),
        ("He said: it is over.",),
    ),
    Rule(
        "related-link line",
        lambda t, c: (
            c.words <= 25
            and not t.rstrip().endswith((".", "!", "?", '."', ".”"))
            and bool(_LINK_LABEL.match(t))
        ),
        (
            "Read more: Floods close the main road",
            "RELATED: Council votes on budget",
            "## Related",
            "Watch | Storm video",
        ),
        ("Read the report before the vote, she said.", "More than 40 people were hurt."),
    ),
    Rule(
        "footnote",
        lambda t, c: _short(c, 60) and bool(_FOOTNOTE.match(t)),
        ("*Prices are estimates and may change.",),
        ("* * *",),
    ),
    Rule(
        "table or line-up",
        lambda t, c: (
            bool(_TABLE.search(t))
            or (
                c.words >= 6
                and t.count(",") >= 6
                and t.count(",") * 3 >= c.words
                and not t.rstrip().endswith(".")
            )
        ),
        ("| Team | Won | Lost |", "Rovers: A Ball, B Cole, C Dean, D Eyre, F Gale, G Hart, H Ives, J Kent"),
        ("Rain, wind, hail and snow hit the north on Monday, the weather office said.",),
    ),
    Rule(
        "author bio at the end",
        lambda t, c: (
            c.last and c.index >= 3 and _short(c) and bool(_BIO.match(t)) and bool(_BIO_ROLE.search(t))
        ),
        ("Jane Roe is a senior writer for The Daily Planet.",),
        ("Jane Roe is a nurse who has worked at the hospital since 1990.",),
    ),
    Rule(
        "live-blog time stamp alone",
        lambda t, c: c.words <= 5 and bool(_STAMP_ONLY.match(t)),
        ("16:06", "Updated 4.32pm GMT"),
        ("16 people died.",),
    ),
    Rule(
        "message to the reader",
        lambda t, c: _short(c, 60) and promo_score(t) >= (3 if c.heading or c.words <= 6 else 5),
        (
            "Subscribe now to our weekly edition for the full story.",
            "Follow us on Twitter and Instagram for the latest news.",
            "Get the Daily Planet newsletter by email and never miss a story. Free Sign Up",
            "Planet Games Newsletter",
            "If you are already a subscriber, you can log in to read this story.",
        ),
        (
            "Users can download the app on iOS and Android, the company said.",
            "She has 2 million followers on Instagram.",
        ),
    ),
)


def furniture_rule(text: str, ctx: Context) -> str | None:
    """The name of the first furniture rule a paragraph meets, or None for story text."""
    if ctx.words > MAX_FURNITURE_WORDS:
        return None
    for rule in RULES:
        if rule.test(text, ctx):
            return rule.name
    return None


def stamp_length(text: str) -> int:
    """Length of the time stamp opening a live-blog entry ("16.06 AirAsia said …" -> 6), or 0."""
    match = _TIME_STAMP.match(text)
    if not match or match.end() >= len(text):
        return 0
    follower = text[match.end()]
    return match.end() if follower.isupper() or follower in "\"“‘'(" else 0
