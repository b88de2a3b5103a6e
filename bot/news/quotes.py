"""Direct quotes and who said them.

The quotes are found by pairing quote marks inside each paragraph (curly or straight; a paragraph that
opens a quote and never closes it continues into the next paragraph that opens with a mark). Each quote
is attributed from the clause next to it ("…,” X said", "X said: “…”", "“…” said X", "according to X",
"X told reporters …"), else it inherits the speaker of the quote it continues (a split quote, or a whole
paragraph of quotation after an attributed one). Speakers are parsed into a name and a role
("Russian deputy defence minister Alexander Fomin"), and surnames, titles ("Mr. Obama"), pronouns and
definite descriptions ("the senator") are resolved to the full name introduced earlier in the article.

A quote split by its attribution (“…,” he said. “…”) stays two quotes with one speaker, as in the
labelled data the scorer uses; `join_utterances` joins them for display. Scare quotes and titles in marks
(“Article 5”, three words or fewer, or a capitalised title) are not quotes. Offsets point into
`Article.text` so that `article.text[q.start:q.end] == q.text`.
"""

from __future__ import annotations

import bisect
import functools
import logging
import re
from collections import Counter
from dataclasses import dataclass, replace

from bot.news.models import Article, Quote, Sentence
from bot.news.sentences import WORD

log = logging.getLogger(__name__)



def _inflect(verb: str) -> set[str]:
    """The forms of a reporting verb ("say" -> says, said, saying); a multi-word verb inflects its head."""
    head, _, rest = verb.partition(" ")
    rest = f" {rest}" if rest else ""
    irregular = {
        "say": ("says", "said", "saying"), "tell": ("tells", "told", "telling"),
        "write": ("writes", "wrote", "writing"), "read": ("reads", "read", "reading"),
        "go": ("goes", "went", "going"), "shoot": ("shoots", "shot", "shooting"),
        "hit": ("hits", "hit", "hitting"), "jab": ("jabs", "jabbed", "jabbing"),
        "brag": ("brags", "bragged", "bragging"), "put": ("puts", "put", "putting"),
        "sum": ("sums", "summed", "summing"), "quip": ("quips", "quipped", "quipping"),
        "snap": ("snaps", "snapped", "snapping"), "dub": ("dubs", "dubbed", "dubbing"),
        "label": ("labels", "labeled", "labeling"), "think": ("thinks", "thought", "thinking"),
        "sing": ("sings", "sang", "singing"),
        "slam": ("slams", "slammed", "slamming"), "text": ("texts", "texted", "texting"),
        "admit": ("admits", "admitted", "admitting"), "chat": ("chats", "chatted", "chatting"),
        "plead": ("pleads", "pleaded", "pleading"), "find": ("finds", "found", "finding"),
    }
    if head in irregular:
        forms = {head, *irregular[head]}
    elif head.endswith("y") and head[-2] not in "aeiou":
        forms = {head, head[:-1] + "ies", head[:-1] + "ied", head + "ing"}
    elif head.endswith("e"):
        forms = {head, head + "s", head + "d", head[:-1] + "ing"}
    elif head.endswith(("s", "sh", "ch", "x")):
        forms = {head, head + "es", head + "ed", head + "ing"}
    else:
        forms = {head, head + "s", head + "ed", head + "ing"}
    if head == "label":
        forms |= {"labelled", "labelling"}
    return {f + rest for f in forms}


# Verbs that report speech: the quote's speaker is their subject, before or after the quote.
_SPEECH = [
    "say", "tell", "add", "ask", "explain", "state", "write", "tweet", "note", "insist", "argue", "warn",
    "declare", "recall", "continue", "report", "claim", "suggest", "acknowledge", "reply", "respond",
    "announce", "comment", "remark", "concede", "emphasize", "emphasise", "stress", "observe", "testify",
    "post", "quip", "joke", "predict", "promise", "vow", "caution", "complain", "admit", "urge", "agree",
    "counter", "shout", "exclaim", "conclude", "boast", "charge", "contend", "maintain", "muse", "lament",
    "demand", "opine", "wonder", "proclaim", "assert", "chant", "yell", "scream", "whisper", "snap",
    "retort", "answer", "elaborate", "recount", "confirm", "deny", "allege", "pledge", "repeat", "reiterate",
    "recommend", "advise", "reveal", "point out", "go on", "sum up", "put it", "text", "email", "explain",
    "quote", "read", "mutter", "sing", "cry", "plead", "crow", "brag", "rant", "muse", "jab", "tease",
    "write back", "thunder", "tell reporters", "speculate", "estimate", "add that", "interject", "inform",
    "caution", "shoot back", "fire back", "hit back", "boom", "gush", "rail", "sneer", "scoff", "concur",
    "object", "protest", "acknowledge", "surmise", "scoff",
    "fume", "gripe", "grumble", "marvel", "rave", "scold", "huff", "riff", "relate", "remember", "beg",
    "implore", "lecture", "chide", "taunt", "bellow", "holler", "gloat", "bemoan", "intone", "deadpan",
    "assure", "reassure", "clarify", "underscore", "chime in", "pronounce", "venture", "laugh", "sigh",
    "groan", "chuckle", "press", "question", "react", "exhort", "affirm", "retaliate",
]
# Verbs that introduce a quote after them in the same clause, never one before them
# ("Clinton called them “deplorables”" but not "“…,” Clinton called").
_PRE_ONLY = [
    "call", "label", "dub", "brand", "describe", "think", "believe", "blast", "slam", "tout", "accuse",
    "criticize", "criticise", "praise", "thank", "mock", "promise", "vow", "pledge", "want", "hope",
    "express", "characterize", "characterise", "decry", "denounce", "condemn", "dismiss", "question",
    "refer", "cite", "invoke", "attack", "defend", "tell", "chat", "joke", "offer", "issue", "release",
    "send", "find",
]
# Base forms are often nouns ("a counter", "the post"): only these few count as verbs.
_BASE_OK = {
    "say", "tell", "write", "ask", "argue", "insist", "warn", "explain", "add", "tell reporters",
    "put it",  # "as a memo put it": the past tense is the base form
}
# Plural nouns that look like verbs ("hundreds of emails", "the charges").
_NOUN_LIKE = {
    "emails", "texts", "posts", "quotes", "objects", "states", "counters", "charges", "remarks", "comments",
    "demands", "answers", "cries", "pledges", "promises", "vows", "reads", "calls", "claims", "reports",
}
_SPEECH_FORMS = {
    form for v in _SPEECH for form in _inflect(v) if (form != v or v in _BASE_OK) and form not in _NOUN_LIKE
} | {"according to", "reports", "claims"}
_PRE_FORMS = {form for v in _PRE_ONLY for form in _inflect(v) if form != v} - _SPEECH_FORMS
_ALL_FORMS = _SPEECH_FORMS | _PRE_FORMS


_LETTERS = re.compile(r"[A-Za-z]+")
# After an auxiliary, a reporting verb's base form is a verb ("did suggest"), not a noun ("the post")
_MODALS = {"did", "does", "do", "will", "would", "could", "can", "may", "might", "should", "must"}
_BASE_FORMS = {v for v in _SPEECH if " " not in v}


class _Found:
    """Where a reporting verb was found (the part of `re.Match` that the attribution code uses)."""

    __slots__ = ("_start", "_end", "_text")

    def __init__(self, start: int, end: int, text: str) -> None:
        self._start, self._end, self._text = start, end, text

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self, _: int = 0) -> str:
        return self._text


class _VerbFinder:
    """Finds reporting verbs word by word: a set look-up is several times faster than a large alternation."""

    def __init__(self, forms: set[str], capitalised: set[str]) -> None:
        self.single = {f for f in forms if " " not in f} | capitalised
        self.multi: dict[str, list[re.Pattern[str]]] = {}
        for form in sorted((f for f in forms | capitalised if " " in f), key=len, reverse=True):
            head, rest = form.split(" ", 1)
            pattern = re.compile(r"\s+" + r"\s+".join(map(re.escape, rest.split())) + r"\b")
            self.multi.setdefault(head, []).append(pattern)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        """Every reporting verb in text[pos:endpos], in order (a multi-word form before its head word)."""
        end = len(text) if endpos is None else endpos
        previous = ""
        for word in _LETTERS.finditer(text, pos, end):
            token = word.group(0)
            for rest in self.multi.get(token, ()):
                tail = rest.match(text, word.end(), end)
                if tail:
                    yield _Found(word.start(), tail.end(), text[word.start(): tail.end()])
                    break
            else:
                if token in self.single or previous in _MODALS and token in _BASE_FORMS:
                    yield _Found(word.start(), word.end(), token)  # "Allen did suggest", "he would argue"
            previous = token

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> _Found | None:
        """The first reporting verb in text[pos:endpos], or None."""
        return next(self.finditer(text, pos, endpos), None)


_CAPITALISED = {"According to", "Tweeted", "Said", "Says"}
_VERB = _VerbFinder(_SPEECH_FORMS, _CAPITALISED)
# After a quote, "…,” Bozell answers." reads a plural-looking form as the verb it is.
_VERB_AFTER = _VerbFinder(_SPEECH_FORMS | _NOUN_LIKE | {"read"}, _CAPITALISED)  # "“…,” the article read."
_ANY_VERB = _VerbFinder(_ALL_FORMS, {"According to"})
_PRONOUNS = {"he", "she", "they", "i", "we", "it", "you", "him", "her", "them"}
_SMALL = {
    "of", "the", "and", "for", "in", "on", "at", "to", "a", "an", "de", "van", "von", "der", "del", "la",
    "is", "are", "was", "with", "by", "from", "as", "or", "nor", "but", "vs", "vs.", "into", "over", "upon",
    "le", "du", "da", "dos", "bin", "al", "y", "&",
}
_CONNECTORS = {
    "de", "van", "von", "der", "del", "la", "le", "du", "da", "dos", "bin", "al", "ibn", "di", "st.",
}
# Capitalised words that start sentences or clauses but are never part of a speaker's name.
_NOT_NAMES = {
    "the", "a", "an", "but", "and", "yet", "so", "then", "also", "meanwhile", "however", "still", "now",
    "in", "on", "at", "for", "later", "asked", "when", "while", "after", "before", "if", "as", "speaking",
    "earlier", "last", "this", "that", "these", "those", "another", "his", "her", "their", "its", "our",
    "my", "your", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "instead",
    "indeed", "there", "here", "by", "with", "from", "during", "since", "until", "although", "though",
    "because", "even", "some", "many", "most", "one", "two", "several", "both", "all", "each", "other",
    "others", "what", "who", "which", "where", "why", "how", "it", "he", "she", "they", "we", "i", "you",
    "not", "no", "only", "just", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "following", "regarding", "including", "based", "six", "seven",
    "eight", "nine", "ten", "moments", "minutes", "hours", "days", "weeks", "months", "years", "photo",
    "video", "watch", "read", "see", "again", "finally", "first", "second", "today", "yesterday", "tonight",
    "tomorrow", "thus", "hence", "according", "despite", "among", "without", "under", "over", "about",
    "like", "unlike", "former", "late", "said", "says", "told", "added", "wrote", "writing", "tweeting",
    "democrat", "republican", "democrats", "republicans", "mr", "mrs", "ms", "dr", "sen", "rep", "gov",
    "gen", "lt", "col", "sgt", "capt", "adm", "president", "vice", "prime", "minister", "secretary",
    "senator", "representative", "governor", "mayor", "general", "judge", "justice", "chief", "director",
    "chairman", "chairwoman", "speaker", "attorney", "ambassador", "commissioner", "pope", "king", "queen",
    "prince", "sheriff", "officer", "rev", "deputy", "press", "spokesman", "spokeswoman", "spokesperson",
    "candidate", "nominee", "host", "anchor", "leader", "congressman", "congresswoman", "sens", "reps",
    "gens", "lawmaker", "democratic", "gop", "u.s", "federal", "state", "white", "house", "campaign",
    "party", "committee", "department", "national", "presidential", "senate", "majority", "minority", "whip",
    "executive", "acting", "assistant", "chair", "top", "senior", "junior", "russian", "ukrainian",
    "american", "british", "french", "german", "chinese", "israeli", "palestinian", "iranian", "syrian",
    "iraqi", "afghan", "mexican", "canadian", "european", "conservative", "liberal", "progressive",
    "independent", "libertarian", "fbi", "cia", "nsa", "doj",
}
_TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt", "adm", "rev",
    "prof", "president", "vice", "prime", "minister", "secretary", "senator", "representative", "governor",
    "mayor", "general", "judge", "justice", "chief", "director", "chairman", "chairwoman", "speaker",
    "attorney", "ambassador", "commissioner", "pope", "king", "queen", "prince", "sheriff", "officer",
    "deputy", "former", "congressman", "congresswoman", "sens", "reps", "gens", "candidate", "nominee",
    "leader", "whip", "host", "state", "press", "house", "democratic", "republican", "majority", "minority",
    "first", "lady", "ret", "maj", "cpl", "pvt", "supt", "det", "insp", "cmdr", "chancellor", "premier",
    "foreign", "defense", "defence", "treasury", "u.s", "us", "gop", "dem", "rep.", "sen.", "gov.",
    "democrat", "presidential", "vice-president", "chair", "ceo", "professor", "coach", "anchor", "pastor",
    "bishop", "cardinal", "father", "sister", "brother", "lord", "dame", "sir", "emir", "sheikh",
    "ayatollah", "councilman", "councilwoman", "assemblyman", "assemblywoman", "delegate", "trustee",
    "superintendent", "commander", "colonel", "major", "captain", "sergeant", "admiral", "lieutenant",
    "private", "corporal", "inspector", "detective", "agent", "spokesman", "spokeswoman", "spokesperson",
    "analyst", "pollster", "strategist", "adviser", "advisor", "aide", "counsel", "lawyer", "economist",
    "historian", "author", "activist", "businessman", "businesswoman", "billionaire", "mogul", "top",
}
_ADVERBS = {
    "also", "later", "then", "once", "previously", "recently", "again", "repeatedly", "further", "simply",
    "has", "had", "have", "was", "is", "would", "will", "did", "does", "do", "reportedly", "flatly",
    "bluntly", "publicly", "privately", "often", "frequently", "famously", "may", "might", "could", "should",
    "must", "can", "not", "never", "even", "just", "already", "still", "quickly", "clearly", "angrily",
    "emphatically", "firmly", "finally", "subsequently", "separately", "similarly", "likewise", "earlier",
    "initially", "originally", "first", "second", "openly", "directly", "only", "correctly", "wrongly",
    "falsely", "loudly", "plainly", "candidly", "matter-of-factly", "ultimately", "eventually", "been", "be",
    "being", "who", "whom", "which", "and", "but", "yet", "so", "allegedly", "apparently", "actually",
    "tweeted", "wrote", "said", "told", "says", "added",
}
_NOT_OR_TITLE = _NOT_NAMES | _TITLES
_NAME_TOKEN = re.compile(r"^(?:[A-Z][\w’'\-]*\.?|[A-Z]\.(?:[A-Z]\.)*|Mc[A-Z]\w*|O’[A-Z]\w*|[A-Z]{2,}\w*)$")
_PARENS = re.compile(r"\([^()]{0,60}\)")
# The look-behind comes after the first capital so that the scan can skip to capitals quickly.
_FULL_NAME = re.compile(
    r"[A-Z](?<![\w’'][A-Z])(?:[a-z][\w’'\-]*|\.|c[A-Z]\w*)"
    r"(?:[^\S\n]+(?:de|van|von|der|del|la|le|bin|al|[A-Z]\.|[A-Z][a-z][\w’'\-]*|Mc[A-Z]\w*|O’[A-Z]\w*))+"
    r"(?![\w’'])"
)


# Bounds that keep the work per quote constant however long a paragraph is: a reporting clause is short.
_WINDOW = 400
_LOOKBACK = 12
_MAX_QUOTES = 2000


@dataclass(eq=False)
class _Span:
    """A quotation inside one paragraph (local offsets), before attribution."""

    open_at: int
    start: int
    end: int
    close_at: int | None
    paragraph: int
    depth: int
    continues: bool = False
    speaker: str | None = None
    role: str | None = None
    words: int = 0
    signed: str | None = None  # a pull quote's signature line ("…\nS.C. Rep. Jim Clyburn.")


@dataclass(frozen=True)
class _Speaker:
    """A parsed speaker phrase."""

    name: str | None
    role: str | None
    kind: str  # name, pronoun, description
    mention: str | None = None  # the phrase as written, with its appositive ("Len Burman, head of …")


_MARKS = re.compile(r"[“”\"]")


@dataclass(eq=False)
class _Resolved:
    """A quotation with its speaker, or with a speaker phrase still to resolve (`pending`)."""

    span: _Span
    name: str | None
    role: str | None
    pending: _Speaker | None = None
    mention: str | None = None


# An opening mark typed for a closing one: "her here,“ said Jim" closes the quote.
_OPEN_AS_CLOSE = re.compile(r"(?<=[^\s(\[—–:“‘-])“(?=[\s,.;:!?)]|$)")
_DOUBLED_OPEN = re.compile(r"\"(?=“)")  # "“…”…" : a straight mark wrapping a curly quote is debris


# Markup left in the text (<tweet tweet-author="@X" tweet-date="…">): its attribute marks quote nothing
_TAG = re.compile(r"<[A-Za-z][^<>]{0,200}>")


# A nickname inside a name ('Rep. Robert C. "Bobby" Scott', 'Marcia "Cia" Price') quotes nothing
_NICKNAME = re.compile(r"(?<=[A-Za-z.] )[\"“]([A-Z][\w’'.\-]{1,15})[\"”](?= [A-Z][a-z])")


_NICK_BEFORE = re.compile(r"\b[A-Z][\w.]{0,15} $")


def _normalise_marks(text: str) -> str:
    """The paragraph with each quote mark turned the way its context uses it (same length)."""
    if "<" in text:
        text = _TAG.sub(lambda m: re.sub(r"[“”\"]", " ", m.group(0)), text)
    text = _OPEN_AS_CLOSE.sub("”", text)
    text = _NICKNAME.sub(lambda m: " " + m.group(1) + " " if _NICK_BEFORE.search(text, 0, m.start())
                         else m.group(0), text)
    return _DOUBLED_OPEN.sub(" ", text)


def _scan(text: str, paragraph: int) -> list[_Span]:
    """Pair the quote marks of one paragraph; unclosed quotes run to the paragraph's end."""
    text = _normalise_marks(text)
    spans: list[_Span] = []
    stack: list[tuple[str, int]] = []
    for mark_match in _MARKS.finditer(text):
        i = mark_match.start()
        ch = mark_match.group(0)
        if ch == "“":
            if stack and stack[-1][0] == "“":
                mark, at = stack.pop()
                spans.append(_Span(at, at + 1, i, None, paragraph, len(stack)))
            stack.append(("“", i))
        elif ch == "”":
            if stack and stack[-1][0] in {"“", '"'}:  # a straight opener closed by a curly mark happens too
                mark, at = stack.pop()
                spans.append(_Span(at, at + 1, i, i, paragraph, len(stack)))
        elif ch == '"':
            prev = text[i - 1] if i else " "
            nxt = text[i + 1] if i + 1 < len(text) else " "
            if stack and stack[-1][0] == '"':
                if prev.isspace() and not (nxt.isspace() or nxt in ",.;:!?"):
                    # A straight mark after a space opens a quote: the previous one was never closed.
                    if len(stack) == 1:
                        mark, at = stack.pop()
                        spans.append(_Span(at, at + 1, i, None, paragraph, len(stack)))
                        stack.append(('"', i))
                        continue
                mark, at = stack.pop()
                spans.append(_Span(at, at + 1, i, i, paragraph, len(stack)))
            elif not stack:
                if prev.isspace() or prev in "([—–-:" or i == 0:
                    stack.append(('"', i))
            elif prev.isspace() or prev in "([—–-:":
                stack.append(('"', i))
            elif len(stack) == 1 and (nxt.isspace() or nxt in ",.;:!?"):
                # “…speech," Trump said: a straight mark closing a curly quote, not a nested one
                mark, at = stack.pop()
                spans.append(_Span(at, at + 1, i, i, paragraph, len(stack)))
    while stack:
        mark, at = stack.pop()
        spans.append(_Span(at, at + 1, len(text), None, paragraph, len(stack)))
    spans.sort(key=lambda s: s.open_at)
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow [start, end) to the quoted words: no surrounding space, no trailing comma or dash."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;—–-"):
        end -= 1
    return start, end


def _clean_phrase(phrase: str) -> str:
    phrase = _PARENS.sub(" ", phrase)
    return re.sub(r"\s+", " ", phrase).strip(" ,;:—–―-\"“”'’‘")


def _plausible_role(role: str) -> bool:
    """A role has no verb or pronoun and does not dangle ("just as he did", "Mr. Morgan of the")."""
    words = role.split()
    if len(words) > 18 or words[-1].lower() in _RUN_BREAKS:
        return False
    return not any(_is_verb_word(w) or w.lower() in _PRONOUNS for w in words)


def _is_verb_word(word: str) -> bool:
    """A reporting verb or an auxiliary: what a role phrase ("president and CEO of X") never contains."""
    bare = word.strip(",.;:“”\"'").lower()
    return word[:1].islower() and (bare in _ALL_FORMS or bare in _AUX_VERBS)


def _is_role_phrase(phrase: str) -> bool:
    """A descriptive noun phrase ("a former Obama aide", "president of the union"), not a clause."""
    words = phrase.split()
    if not words or len(words) > 16:
        return False
    first = words[0].lower()
    if first not in {"a", "an", "the", "another"} and not words[0][:1].islower():
        return False
    if first in _NOT_ROLE_START or first in _ADVERBS or _ends_mention(words[0]):
        return False
    return not any(_is_verb_word(w) for w in words)


_INITIALS = re.compile(r"^(?:[A-Z]\.)+$")


# What may stand between a verb and its object's name ("took to Twitter", "included the Philippines")
_OBJECT_LEAD = {"the", "a", "an", "his", "her", "its", "their", "to", "in", "on", "at", "with", "for", "from",
                "about", "into", "over", "against", "by", "of"}


# Participles that only describe the titled person after them ("retired Army Gen. Tom Reyes"), no verbs
_TITLE_PARTICIPLES = {"retired", "retiring"}


def _name_run(tokens: list[str]) -> tuple[int, int] | None:
    """The last run of name tokens in a phrase as token indexes [i, j); after 'of', an earlier run wins."""
    runs: list[tuple[int, int]] = []
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        if _is_name_token(tok):
            j = i + 1
            while j < n:
                t = tokens[j]
                if t.endswith(("’s", "'s")) and j > i:
                    break
                if _is_name_token(t):
                    j += 1
                elif (t.lower() in _CONNECTORS or t == "of") and j + 1 < n and _is_name_token(tokens[j + 1]) \
                        and tokens[j + 1].lower() not in _NOT_NAMES:
                    j += 1
                else:
                    break
                if tokens[j - 1].endswith(("’s", "'s")):
                    break
            runs.append((i, j))
            i = j
        else:
            i += 1
    cleaned = []
    for a, b in runs:
        while a < b and (tokens[a].lower().rstrip(".") in _NOT_NAMES or tokens[a].endswith(("’s", "'s"))):
            a += 1
            if tokens[a - 1].lower().rstrip(".") in _HONORIFICS and a < b:
                break  # "Mr. King": whatever follows an honorific is a surname
        if a >= b:
            continue
        if b < len(tokens) and tokens[b - 1].endswith(("’s", "'s", "’")):
            continue  # "Duncan Hunter’s chief of staff": the possessor does not speak
        if all(_INITIALS.match(t.strip(",")) for t in tokens[a:b]):
            continue  # "D.C.", "U.S.": places, not people
        cleaned.append((a, b))
    if not cleaned:
        return None
    best = cleaned[-1]
    if best[0] > 0:
        # "Hillary Clinton took to Twitter", "electing Donald Trump": a name after a verb is its object
        since = cleaned[-2][1] if len(cleaned) > 1 else 0
        between = tokens[since: best[0]]
        verbs = [j for j, t in enumerate(between) if (_is_finite_verb(t) or re.fullmatch(r"[a-z]{3,}ing", t))
                 and t not in _TITLE_PARTICIPLES]
        if verbs and all(t.lower() in _OBJECT_LEAD for t in between[verbs[-1] + 1:]):
            if len(cleaned) == 1:
                return None
            best = cleaned[-2]
    if len(cleaned) > 1 and best[0] > 0 and tokens[best[0] - 1].lower() in {"of", "from", "at", "in"}:
        prev = cleaned[-2]
        if prev[1] == best[0] - 1 or prev[1] >= best[0] - 3:
            best = prev
    return best


def _is_plain_name(phrase: str) -> bool:
    """A phrase that is only a name, maybe with a title ("Vitter", "Mr. King")."""
    found = parse_speaker(phrase)
    return found is not None and found.kind == "name" and found.role in {None, "Mr.", "Mrs.", "Ms.", "Dr."} \
        and phrase.split()[0][:1].isupper() and phrase.split()[0].lower() not in _NOT_NAMES - _HONORIFICS


# "the senator" -> the words that give someone that office in the article
_OFFICES = {
    "senator": ("sen.", "sen", "senator", "sens."), "governor": ("gov.", "gov", "governor"),
    "president": ("president", "pres."), "mayor": ("mayor",), "congressman": ("rep.", "rep", "congressman"),
    "congresswoman": ("rep.", "rep", "congresswoman"), "secretary": ("secretary",), "judge": ("judge",),
    "minister": ("minister",), "ambassador": ("ambassador",), "speaker": ("speaker",),
}
_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr"}


def _is_name_token(tok: str) -> bool:
    return bool(_NAME_TOKEN.match(tok)) and tok.lower().rstrip(".") not in {"i"} and not (
        len(tok) > 4 and tok.isupper() and tok.isalpha()) and not _PARTY_TAG.match(tok)


_PARTY_TAG = re.compile(r"^[RDI]-[A-Z]")  # "R-Utah", "D-N.Y.": a party and state, never a name


def _mention(phrase: str) -> str | None:
    """A speaker phrase as written, tidied: one space between words, no stray edge punctuation."""
    phrase = re.sub(r"\s+", " ", phrase).strip(" ,;:—–―-\"“”'‘")
    if phrase.count("(") > phrase.count(")"):
        phrase = phrase[: phrase.rfind("(")].rstrip(" ,")
    if phrase.endswith(".") and not _ABBREV_END.search(phrase, 0, len(phrase) - 1):
        phrase = phrase[:-1].rstrip(" ,")
    return phrase or None


def _word_hits(text: str, word: str, end: int | None = None) -> list[tuple[int, int]]:
    """Where `word` stands as a whole word in text[:end], as (start, end) pairs."""
    hits: list[tuple[int, int]] = []
    stop = len(text) if end is None else end
    at = text.find(word, 0, stop)
    while at >= 0:
        after = at + len(word)
        before_ok = at == 0 or not (text[at - 1].isalnum() or text[at - 1] in "_’'.-")
        after_ok = after >= len(text) or not (text[after].isalnum() or text[after] in "_’'-")
        if before_ok and after_ok:
            hits.append((at, after))
        at = text.find(word, at + 1, stop)
    return hits


@functools.lru_cache(maxsize=8192)
def parse_speaker(phrase: str) -> _Speaker | None:
    """Split a speaker phrase into name and role ("Ukrainian negotiator Oleksander Chaly")."""
    found = _parse_speaker(phrase)
    if found is None or found.kind == "pronoun":
        return found
    if found.kind == "name" and found.mention and "(" not in phrase and not _MARKS.search(phrase):
        # nothing was dropped from the phrase: the mention is already as written
        return _Speaker(found.name, found.role, found.kind, _mention(found.mention))
    raw = re.sub(r"\s+", " ", phrase)
    cleaned = _clean_phrase(phrase)
    at = cleaned.find(found.mention) if found.kind == "name" and found.mention else -1
    if at >= 0:
        # The same words in the phrase as written (with its "(D-N.Y.)"): map both ends of the mention
        words = found.mention.split()
        first, last = words[0].strip(",.;:’'"), words[-1].strip(",.;:’'")
        end = len(raw)
        if last and at + len(found.mention) < len(cleaned.rstrip(" .")):
            nth = len(_word_hits(cleaned, last, at + len(found.mention))) - 1
            hits = _word_hits(raw, last)
            if 0 <= nth < len(hits):
                end = hits[nth][1]
                closing = re.match(r"\s*\([^()]*\)", raw[end:])
                end += closing.end() if closing else 0  # "Sen. Ted Cruz (R-Tex.)"
        if first:
            nth = len(_word_hits(cleaned, first, at))
            hits = _word_hits(raw, first, end)
            if nth < len(hits):
                raw = raw[hits[nth][0]: end]
    return _Speaker(found.name, found.role, found.kind, _mention(raw))


def _ends_mention(word: str) -> bool:
    """A word that starts the rest of a clause, not a description of the speaker before it."""
    bare = word.lower().strip(",.;:")
    return word in {"-", "—", "–"} or word[:1].islower() and bare not in _JOINERS and (
        bare in _ADVERBS or bare in _TRAILING or bare.endswith(("n’t", "n't")) or _looks_like_verb(word)
    )


_CUT_PREPOSITIONS = {"in", "on", "at", "for", "with", "to", "into", "after", "before", "during", "over",
                     "from", "about", "against", "since", "through", "until", "via"}
_TRAILING = {"almost", "never", "too", "meanwhile", "however", "though", "himself", "herself", "themselves",
             "recently", "once", "now", "today", "yesterday", "there", "here"}
# "the Clinton campaign" speaks as a body named after someone, not as a description of a person
_GROUPS = {"campaign", "campaigns", "camp", "team", "administration", "foundation", "committee", "office",
           "government", "ministry", "family", "staff", "spokesman", "spokeswoman", "spokesperson", "aides",
           "people", "organization", "organisation", "group", "party", "company", "agency", "department"}
_SPOKESPEOPLE = {"spokesman", "spokeswoman", "spokesperson"}
_JOINERS = {"and", "but", "yet", "so", "who", "whom", "which", "that"}
_LEAD_WORDS = {"after", "before", "and", "but", "or", "so", "then", "when", "while", "as", "if", "because",
               "although", "though", "since", "until", "with", "by", "in", "on", "at", "from", "for", "to"}


def _segments(phrase: str) -> list[tuple[str, int]]:
    """The comma- or dash-separated parts of a phrase, stripped, with their offsets."""
    parts: list[tuple[str, int]] = []
    pos = 0
    for sep in [*re.finditer(r",|\s—\s|\s–\s", phrase), None]:
        end = sep.start() if sep else len(phrase)
        chunk = phrase[pos:end]
        if chunk.strip():
            parts.append((chunk.strip(), pos + len(chunk) - len(chunk.lstrip())))
        pos = sep.end() if sep else end
    return parts


def _parse_speaker(phrase: str) -> _Speaker | None:
    phrase = _clean_phrase(phrase)
    if not phrase:
        return None
    located = _segments(phrase)
    segments = [seg for seg, _ in located]
    if not segments:
        return None
    first = segments[0].lower()
    if first in _PRONOUNS:
        return _Speaker(first, None, "pronoun")
    last_words = segments[-1].lower().split()
    if last_words and last_words[-1] in _PRONOUNS and len(last_words) <= 3:
        return _Speaker(last_words[-1], None, "pronoun")
    if first.split()[0] in {"he’s", "she’s", "he's", "she's"}:
        return _Speaker(first.split()[0][:-2], None, "pronoun")
    for index, segment in enumerate(segments):
        tokens = segment.split()
        run = _name_run(tokens)
        if not run:
            continue
        a, b = run
        if index == 0 and tokens[0].lower() in _INDEFINITE and b < len(tokens) and \
                tokens[b].lower() not in {"of", "for", "at", "from", "with"}:
            # "an Iowa Democrat", "one unaligned Florida Republican strategist": the name only describes
            return _Speaker(_clean_phrase(segment), None, "description")
        if index == 0 and tokens[0].lower() == "the" and b < len(tokens) and tokens[b][:1].islower() and \
                tokens[b].lower() not in _CUT_PREPOSITIONS | {"of"} and len(tokens) <= 8 and \
                not _VERB_OR_PRONOUN.search(segment) and tokens[-1].lower() not in _GROUPS:
            # "the Indiana governor", "the Florida senator": a description of someone named before
            return _Speaker(_clean_phrase(segment), None, "definite")
        for i in range(b - 2, a - 1, -1):
            if tokens[i].lower().rstrip(".") in _TITLES or tokens[i] == "Del.":
                a = i + 1  # "Finance Minister Jan Novak": the title words belong to the role
                break
        while a < b - 1 and (tokens[a].lower() in _CONNECTORS or tokens[a] == "of"):
            a += 1
        role_tokens = tokens[:a]
        starts = [m.start() for m in re.finditer(r"\S+", segment)]
        mention_at = located[index][1] + starts[a]
        if len(role_tokens) > 1 and role_tokens[-1].lower() in {"for", "of", "at", "from", "with"}:
            role_tokens = role_tokens[:-1]  # "a spokesman for Acme" -> role "spokesman"
        name_tokens = tokens[a:b]
        name = " ".join(name_tokens)
        if not name_tokens[-1].endswith("."):
            name = name.strip(" ,.’'")
        if name.endswith(".") and not re.search(r"\b(?:Jr|Sr|[A-Z])\.$", name):
            name = name[:-1]
        name = re.sub(r"(?:’s|'s)$", "", name)
        role_parts = [" ".join(role_tokens)] if role_tokens else []
        if b < len(tokens) and tokens[b].lower() in {"of", "for", "at", "from"}:
            role_parts.append(" ".join(tokens[b:]))
        others = [s for k, s in enumerate(segments) if k != index and k <= index + 1]
        extra_before = False
        if not role_parts and others:
            extra = others[0] if index == 0 else segments[index - 1]
            if _is_role_phrase(extra):
                role_parts.append(extra)
                extra_before = index > 0
        role = _clean_phrase(" ".join(role_parts)) or None
        if role and (role.lower() in {"the", "a", "an"} or not _plausible_role(role)):
            role = None
        if role:
            role = re.sub(r"^(?:the|a|an)\s+", "", role, flags=re.I) or None
            if extra_before:
                mention_at = located[index - 1][1]  # "The minister of defence, Piotr Nowak"
            elif role_tokens:
                mention_at = located[index][1]  # "Ukrainian negotiator Oleksander Chaly"
        while phrase[mention_at:].split(None, 1)[0].lower() in _LEAD_WORDS:
            mention_at += len(phrase[mention_at:].split(None, 1)[0]) + 1  # "After BlazeTV’s Glenn Beck"
        mention = phrase[mention_at:]
        for j in range(b, len(tokens)):
            if _ends_mention(tokens[j]) or tokens[j].lower() in _CUT_PREPOSITIONS and not (
                j == b and tokens[j].lower() in {"of", "for", "at", "from", "in"}
            ):
                # "Trump almost (seemed)", "Clinton left office", "the Carson campaign in October"
                mention = phrase[mention_at: located[index][1] + starts[j]].rstrip()
                break
        else:
            for later, at in located[index + 1:]:
                if _ends_mention(later.split()[0]):
                    mention = phrase[mention_at: at].rstrip(" ,")  # "Trump, however, …"
                    break
        return _Speaker(name, role, "name", mention)
    words = phrase.split()
    if len(words) > 1 and words[0][:1].isupper() and words[0].endswith(("’s", "'s")) and len(words) <= 6 and \
            all(w[:1].islower() for w in words[1:]) and not _VERB_OR_PRONOUN.search(phrase):
        return _Speaker(phrase, None, "description")  # "Obama's former campaign strategist"
    if _SHARE.match(phrase) and len(words) <= 10 and not _VERB_OR_PRONOUN.search(phrase):
        return _Speaker(phrase, None, "description")  # "Only 52 percent of registered voters" (agreed)
    if len(words) > 8 or words[0].lower() not in _DETERMINERS:
        return None
    if words[0].lower() in _DEFINITE and not _VERB_OR_PRONOUN.search(phrase):
        return _Speaker(phrase, None, "definite")  # "the senator": someone named before
    return _Speaker(phrase, None, "description")


# A share of a group that a poll reports ("52 percent of registered voters", "Only a third of Democrats")
_SHARE = re.compile(
    r"(?:(?:Only|only|Just|just|About|about|Nearly|nearly|Almost|almost)\s+)?(?:\d[\d.,]*\s*(?:%|percent)|"
    r"(?:a|one|two)[\s-](?:third|quarter|half|fifth)|half|most|majority)\s+of\s+\w"
)
_INDEFINITE = {"a", "an", "one", "another", "some", "several", "two", "three", "many"}
_DEFINITE = {"the", "his", "her", "their", "its", "this", "that"}
_DETERMINERS = _DEFINITE | {"a", "an", "one", "another", "some", "several", "two", "three", "four", "many",
                            "most", "other", "others", "both", "all", "our", "my", "officials", "police",
                            "critics", "experts", "analysts", "sources", "supporters", "aides", "democrats",
                            "republicans",
                            "voters", "protesters", "residents", "organizers", "lawmakers", "investigators"}
_VERB_OR_PRONOUN = re.compile(
    r"\b(?:he|she|they|it|was|is|were|are|has|have|had|said|says|to|that|who)\b", re.I
)


_ROLE_STOP = {
    "the", "a", "an", "and", "or", "of", "in", "on", "by", "with", "to", "from", "for", "that", "at", "as",
    "said", "says", "told", "between", "among", "including", "like", "than", "is", "was", "are", "were",
    "his", "her", "their", "its", "our",
}


_ROLE_DETERMINERS = {
    "both", "all", "each", "either", "neither", "yet", "meanwhile", "also", "even", "only", "just", "now",
    "then", "still", "while", "whereas", "if", "when", "because", "so", "but",
}


def _role_before(text: str, start: int, titles: list[str]) -> str | None:
    """The descriptor written before a name ("Top Russian negotiator" Vladimir Medinsky), if any."""
    words = text[max(0, start - 80): start].rsplit("\n", 1)[-1].split()  # a role never spans a line break
    role: list[str] = []
    for word in reversed(words[-6:]):
        if word.lower() in _ROLE_STOP or word[-1:] in ",.;:!?”\"’)―—–" or word[:1] in "“\"(―—–" or \
                word.lower() in _ALL_FORMS:
            break
        role.insert(0, word)
    before = words[-len(role) - 1].lower() if len(role) == 1 and len(words) > 1 else ""
    if before == "to" and len(words) > 2 and words[-3].lower() == "according":
        before = ""  # "according to spokesperson Monica Klein"
    if before in {"to", "not", "will", "would", "can", "could", "should", "must", "did", "does", "do"}:
        role = []  # "a pledge not to pardon Hillary Clinton": a verb, not a description
    while role and (role[0].lower() in _ADVERBS or role[0].lower() in _ROLE_DETERMINERS):
        role.pop(0)
    if role and (not role[-1][:1].islower() or role[-1].endswith("ly") or any(map(_looks_like_verb, role))):
        role = []  # the words right before the name must describe it ("negotiator", "minister")
    if role and (role[-1].lower() in _PREPOSITIONS or re.search(r"(?:.{3}ing|able|ible|ous)$", role[-1])):
        role = []  # "regarding Donald Trump", "a memorable Hillary Clinton": no noun for the person
    if role and role[0][:1].isupper() and len(role) == 1 and not titles:
        role = []
    role += titles
    phrase = " ".join(role).strip()
    return phrase or None


_TITLED = re.compile(r"(M(?<![A-Za-z]M)(?:r|rs|s|iss))\b\.?\s+([A-Z][\w’'\-]+)")
_FEMALE_KIN = {"wife", "mother", "daughter", "sister", "widow", "girlfriend", "grandmother", "aunt", "niece"}
_MALE_KIN = {"husband", "father", "son", "brother", "widower", "boyfriend", "grandfather", "uncle", "nephew"}
_KIN_NAME = re.compile(
    r"\b(?:his|her|their|my|our)\s+(?:late\s+|former\s+|\w+-year-old\s+)?("
    + "|".join(sorted(_FEMALE_KIN | _MALE_KIN))
    + r"),?\s+([A-Z][a-z][\w’'\-]*(?:\s+[A-Z][a-z][\w’'\-]*)*)"
)
# First names whose gender the articles make plain often enough to help "he"/"she" resolution.
_FEMALE = {
    "hillary", "nancy", "elizabeth", "sarah", "michelle", "melania", "ivanka", "kellyanne", "huma", "debbie",
    "donna", "carly", "nikki", "susan", "mary", "maria", "anna", "eva", "julia", "jennifer", "karen",
    "linda", "patricia", "barbara", "margaret", "lisa", "laura", "jane", "angela", "theresa", "marine",
    "kamala", "amy", "kirsten", "claire", "dianne", "loretta", "sonia", "ruth", "janet", "hope", "sally",
    "samantha", "condoleezza", "madeleine", "chelsea", "tulsi", "elise", "marsha", "joni", "kelly", "heidi",
    "tammy", "maxine", "sheila",
    # common US first names (Social Security top names of the last decades)
    "abigail", "aisha", "alexandra", "alexandria", "alice", "alison", "allison", "amanda", "amber",
    "amelia", "andrea", "angie", "ann", "anne", "ashley", "ava", "becky", "beth", "betsy", "betty",
    "bonnie", "brenda", "brigid", "carla", "caroline", "carolyn", "catherine", "cecile", "cheryl", "chloe",
    "christina", "christine", "colleen", "cynthia", "deborah", "debra", "denise", "diana", "diane", "doris",
    "dorothy", "eileen", "ellen", "emily", "emma", "erin", "evelyn", "frances", "gina", "gloria", "gwen",
    "hala", "hannah", "heather", "helen", "hilary", "ilhan", "irene", "isabella", "jacqueline", "jana",
    "jeanine", "jeanne", "jenna", "jessica", "jill", "joan", "joyce", "judith", "judy", "julie", "kate",
    "katherine", "kathleen", "kathy", "katie", "kimberly", "kristen", "kristin", "lauren", "liz", "lois",
    "lucy", "madeline", "marcia", "marie", "marilyn", "martha", "maureen", "megan", "meghan", "megyn",
    "melissa", "mia", "michele", "molly", "monica", "natalie", "naureen", "nicole", "nina", "olivia", "pam",
    "pamela", "patti", "patty", "paula", "peggy", "penny", "rachel", "rebecca", "roberta", "rosa", "ruby",
    "sandra", "sandy", "sara", "sharon", "shirley", "sophia", "stacey", "stephanie", "suzanne", "tara",
    "teresa", "tiffany", "tina", "valeria", "valerie", "vanessa", "veronica", "victoria", "wendy", "zoe",
}
_MALE = {
    "donald", "barack", "bill", "bernie", "joe", "john", "mike", "michael", "ted", "marco", "jeb", "chris",
    "ben", "rand", "paul", "mitch", "harry", "george", "james", "robert", "david", "richard", "thomas",
    "charles", "mark", "steven", "stephen", "kevin", "brian", "jason", "jeff", "jim", "tim", "tom",
    "vladimir", "alexander", "oleksander", "volodymyr", "boris", "emmanuel", "justin", "xi", "kim", "martin",
    "rick", "scott", "lindsey", "reince", "newt", "rudy", "jared", "eric", "mitt", "al", "howard", "elijah",
    "adam", "chuck", "jerry",
    # common US first names (Social Security top names of the last decades)
    "aaron", "ahmed", "alan", "albert", "andrew", "anthony", "arthur", "axel", "billy", "bob", "bobby",
    "brad", "bradley", "brett", "bruce", "carl", "carlos", "christopher", "corey", "cornell", "dan",
    "daniel", "danny", "dave", "dennis", "derek", "devin", "dick", "doug", "douglas", "dwayne", "dwight",
    "ed", "edward", "ethan", "francisco", "frank", "fred", "gary", "geoffrey", "gerald", "glenn", "greg",
    "gregory", "hank", "harold", "henry", "herbert", "hugh", "ian", "jack", "jake", "jay", "jeffery",
    "jeffrey", "jeremy", "jesse", "jimmy", "johnny", "jon", "jonathan", "jorge", "jose", "josh", "joshua",
    "juan", "karl", "keith", "ken", "kenneth", "kurt", "lamar", "larry", "lawrence", "leon", "lou", "louis",
    "luis", "luke", "mario", "marty", "matt", "matthew", "miguel", "mohammed", "muhammad", "nathan", "neil",
    "nicholas", "nick", "norman", "oliver", "oscar", "patrick", "pedro", "pete", "peter", "phil", "philip",
    "ralph", "randy", "raymond", "raynard", "reuben", "rob", "rod", "roger", "ron", "ronald", "roy",
    "ruben", "rudolph", "russell", "ryan", "sam", "sammy", "samuel", "sean", "seth", "shaun", "steve",
    "tad", "timothy", "todd", "tony", "travis", "trent", "trey", "victor", "vince", "vincent", "walt",
    "walter", "wesley", "whit", "william", "zach",
}


def first_name_gender(first: str) -> str | None:
    """"male"/"female" for a few first names common in the news, else None (unknown)."""
    key = first.strip(".").lower()
    if key in _FEMALE:
        return "female"
    if key in _MALE:
        return "male"
    return None


_RUN_BREAKS = {"of", "the", "and", "for", "to", "in", "on", "at", "a"}


# Given names that are also everyday words: a lower-case "will" in the article does not make "Will Doyle"
# a sentence that opens with a verb
_NAME_WORDS = {
    "will", "rich", "grant", "guy", "rush", "bay", "skip", "joy", "faith", "chase", "price", "hunter",
    "carter", "dean", "gene", "glen", "lance", "wade", "ray", "art", "pat", "hope", "mark", "bill", "rob",
    "sandy", "frank", "jack", "don", "bob", "buddy", "chip", "duke", "king", "penny", "dawn", "april", "may",
    "june",
    "iris", "rose", "lily", "ruby", "summer", "chance", "sonny", "bud", "rusty", "woody", "tucker", "major",
    "earl", "drew", "miles", "cliff", "gay", "holly", "ivy", "amber", "crystal", "destiny", "grace",
    "pearl", "sterling", "rocky", "randy", "brook", "heath", "forest", "kit", "mercy", "page", "reed", "ward",
}


# Words that open names of places and people in lower case too ("New York", "Bill de Blasio")
_NAME_PARTICLES = {
    "new", "de", "la", "le", "van", "von", "der", "del", "da", "di", "du", "st", "san", "los", "las", "el",
    "al", "bin", "ben", "mac", "north", "south", "east", "west", "saint", "fort", "port", "mount", "lake",
    "united", "great", "little", "old", "upper", "lower", "central", "royal", "national", "federal",
}


def _common_lead(token: str, common: set[str]) -> bool:
    """True for a capitalised word opening a run that the article uses in lower case ("Does", "Street")."""
    low = token.lower()
    if re.search(r"-[a-z]", token) or low in _NOT_FIRST or len(low) > 7 and low.endswith("ing"):
        return True  # "Texas-based Matt Mackowiak", "South Korean-born", "Celebrating Clinton"
    return low in common and low not in _NAME_WORDS | _NAME_PARTICLES and first_name_gender(token) is None


def _split_name(run: str, common: set[str] = frozenset()) -> tuple[str, str, list[str]] | None:
    """A capitalised run as (full name, lower-case surname, title words), or None when it names no one.

    `common` holds the article's lower-case words: a run's first word among them is no part of a name
    ("Does Rubio …", "Wall Street Donald Trump").
    """
    tokens = run.split()
    titles: list[str] = []
    for k in range(len(tokens) - 2, -1, -1):
        if tokens[k].endswith(("’s", "'s")):
            tokens = tokens[k + 1:]  # "Boston’s Marty Walsh" -> "Marty Walsh"
            break
    for k in range(len(tokens) - 2, -1, -1):
        if tokens[k].lower() in _RUN_BREAKS:
            tokens = tokens[k + 1:]  # "Sign Of Leadership Marco Rubio" (a headline) -> "Marco Rubio"
            break
    if len(tokens) > 4:
        tokens = tokens[-3:]
    for k in range(len(tokens) - 3, -1, -1):
        if tokens[k].lower().rstrip(".") in _TITLES:
            titles.extend(tokens[: k + 1])  # "Ohio Governor John Kasich" -> "John Kasich"
            tokens = tokens[k + 1:]
            break
    while tokens and tokens[0].lower().rstrip(".") in _NOT_OR_TITLE:
        dropped = tokens.pop(0)
        if dropped.lower().rstrip(".") in _TITLES:
            titles.append(dropped)
    while tokens and _common_lead(tokens[0], common):
        tokens.pop(0)
    if len(tokens) < 2:
        return None
    last = tokens[-1]
    if last.endswith(("’s", "'s")):
        last = last[:-2]
    last = last.rstrip(".")
    return " ".join(tokens[:-1] + [last]), last.lower(), titles


# Titles only a person takes ("President Obama", "Sen. Cruz"), and the verbs that make a word a speaker
_PERSON_TITLE = (
    r"Mr|Mrs|Ms|Miss|Dr|Sen|Rep|Gov|Gen|Rev|Prof|Pres|President|Senator|Governor|Mayor|Secretary|Judge|Justice|"
    r"Speaker|Ambassador|Pope|King|Queen|Prince|Chancellor|Premier|Minister"
)
_TITLED_SURNAME = re.compile(
    r"\b(?:Pres|President|Sen|Senator|Rep|Gov|Governor|Mayor|Secretary|Speaker|Judge|Justice)\.?\s+"
    r"([A-Z][a-z][\w’'\-]+)\b(?![’'\-]|\s+[A-Z])"
)
_SAID = r"said|says|told|tells|added|adds|wrote|writes|asked|asks|tweeted|argued|explained|recalled"
_INSIDE_NAME = re.compile(r"[a-z,] ([A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?:’s|'s)? [a-z]")


_INITIAL = re.compile(r"[A-Z]\.")
_OFFICE_OF = re.compile(
    r"\b((?:(?:Deputy|Assistant|Under|Acting|Vice|Associate|Executive)\s+)?[A-Z][a-z]+)\s+of\s+$"
)


class _Names:
    """Full names mentioned in the article, to resolve surnames ("Fomin") and titles ("Mr. Obama")."""

    def __init__(self, text: str) -> None:
        self.by_last: dict[str, list[tuple[int, str]]] = {}
        self._text = text
        self._mentions: dict[str, list[tuple[int, int, list[str]]]] = {}
        self._roles: dict[str, str | None] = {}
        seen: dict[str, tuple[str, str, list[str]] | None] = {}
        common = set(re.findall(r"(?<![\w’'\-])[a-z][a-z]+(?![\w’'\-])", text))
        for match in _FULL_NAME.finditer(text):
            run = match.group(0)
            if run not in seen:
                seen[run] = _split_name(run, common)
            parsed = seen[run]
            if parsed is None:
                continue
            full, last, titles = parsed
            at = match.start()
            if titles and text[max(0, at - 3): at] == "of ":
                office = _OFFICE_OF.search(text, max(0, at - 40), at)
                if office:  # "Secretary of State John Kerry": the title is "Secretary of State", not "State"
                    titles = [office.group(1), "of", *titles]
            if titles and _INITIAL.fullmatch(titles[0]) and _INITIAL.fullmatch(text[max(0, at - 2): at]):
                titles = [text[at - 2: at] + titles[0], *titles[1:]]  # "U.N. Ambassador", not "N. Ambassador"
            self._mentions.setdefault(full, []).append((at, match.end(), titles))
            self.by_last.setdefault(last, []).append((at, full))
        self.known = set(self.by_last)
        # A surname used alone ("when Trump mentioned") at least twice inside sentences also names someone
        inside = Counter(_INSIDE_NAME.findall(text))
        self.known |= {w.lower() for w, n in inside.items() if n >= 2} - _NOT_OR_TITLE
        # a surname the article gives a person's title ("Pres. Obama admits …") names someone too
        self.known |= {w.lower() for w in _TITLED_SURNAME.findall(text)} - _NOT_OR_TITLE
        self._titled: dict[str, str] | None = None
        self._person_words: dict[str, bool] = {}
        self._people_at: list[tuple[int, str]] | None = None
        self._people_pos: list[int] = []

    @property
    def titled(self) -> dict[str, str]:
        """Surnames given a gendered title in the article ("Mr. Clarke", "Ms. Moore")."""
        if self._titled is None:
            self._titled = {}
            for match in _TITLED.finditer(self._text):
                gender = "male" if match.group(1) == "Mr" else "female"
                self._titled.setdefault(match.group(2).lower(), gender)
            for match in _KIN_NAME.finditer(self._text):
                # "his wife Gerti", "her husband, Bill,": the kin word gives the name's gender
                # (a first name alone: "her husband Bill Clinton" says nothing of "Hillary Clinton")
                if len(match.group(2).split()) == 1:
                    gender = "female" if match.group(1).lower() in _FEMALE_KIN else "male"
                    self._titled.setdefault(match.group(2).lower(), gender)
        return self._titled

    def people_between(self, start: int, end: int) -> list[tuple[int, str]]:
        """Every full-name mention of a person in [start, end) as (offset, full name)."""
        if self._people_at is None:
            found: dict[int, str] = {}
            for full, mentions in self._mentions.items():
                for at, _, _ in mentions:
                    found[at] = full
            self._people_at = sorted(found.items())
            self._people_pos = [at for at, _ in self._people_at]
        lo = bisect.bisect_left(self._people_pos, start)
        hi = bisect.bisect_left(self._people_pos, end)
        return self._people_at[lo:hi]

    def all_full(self) -> list[str]:
        """Every full name the article gives."""
        return list(self._mentions)

    def titles(self, full: str) -> set[str]:
        """The titles written before a person's name, lower-cased ("mayor", "sen.")."""
        return {t.lower() for _, _, titles in self._mentions.get(full, []) for t in titles}

    def role(self, full: str | None) -> str | None:
        """The descriptor written before a mention of the name ("Top Russian negotiator"), if any."""
        if not full:
            return None
        if full not in self._roles:
            mentions = self._mentions.get(full, [])
            # "Jenna Golden, Twitter’s director of political advertising," says most; else "Top negotiator X"
            # "Jimmy Ghazal, 39, a Lebanese man visiting Nice": the age before the description is no role
            after = (_appositive(_AGE.sub("", self._text[end: end + 200], count=1)) for _, end, _ in mentions)
            before = (_role_before(self._text, at, titles) for at, _, titles in mentions)
            self._roles[full] = next((r for r in after if r), None) or next((r for r in before if r), None)
        return self._roles[full]

    def described(self, full: str) -> str:
        """Every title and role the article gives a person, lower-cased ("sen. senator of new york")."""
        mentions = self._mentions.get(full, [])
        words = [t for _, _, titles in mentions for t in titles]
        words += [self._text[max(0, at - 30): at] for at, _, _ in mentions]  # "Sen. Ted Cruz"
        if not mentions and re.fullmatch(r"[A-Z][\w’'\-]+", full):
            # a person the article names by surname only ("Pres. Obama admits …")
            hits = re.finditer(rf"\b{full}\b", self._text)
            words += [self._text[max(0, m.start() - 30): m.start()] for m in hits]
        elif len(full.split()) > 1 and re.fullmatch(r"[A-Z][\w’'\-]+", full.split()[-1]):
            # the title right before a later surname-only mention ("“Gov. Christie, blink twice …”")
            hits = re.finditer(rf"\b([A-Z][a-z]+\.?)\s+{full.split()[-1]}\b", self._text)
            words += [m.group(1) for m in hits]
        return " ".join([*words, self.role(full) or ""]).lower()

    def gender(self, full: str) -> str | None:
        """"male", "female" or None (unknown) for a person's name, from a title or a first-name list."""
        tokens = full.split()
        last = tokens[-1].lower() if tokens else ""
        first = first_name_gender(tokens[0]) if len(tokens) > 1 else None
        if first is not None:
            return first  # "Bill Clinton" is a man though the article writes "Mrs. Clinton" for his wife
        return self.titled.get(last)

    def is_person(self, full: str) -> bool:
        """False for a single word the article never uses as a person's name (no first name, title, said)."""
        tokens = full.split()
        if len(tokens) != 1:
            return True
        word = tokens[0]
        if word.lower() in self.by_last or word.lower() in self.titled:
            return True
        if word not in self._person_words:
            w = re.escape(word)
            self._person_words[word] = re.search(
                rf"\b(?:{_PERSON_TITLE})\.?\s+{w}\b|\b{w}(?:’s|'s)?\s+(?:{_SAID})\b|\b(?:said|says)\s+{w}\b",
                self._text,
            ) is not None
        return self._person_words[word]

    def full(self, name: str, at: int, want: str | None = None) -> str:
        """The fullest earlier form of a (sur)name, of the wanted gender when one fits, else the name."""
        words = name.split()
        # a title word after a first name is a surname ("Turi King", "Anne Bishop"), not a title
        tokens = [t for k, t in enumerate(words) if t.lower().rstrip(".") not in _TITLES or
                  k == len(words) - 1 and k > 0 and t[:1].isupper() and
                  words[k - 1].lower().rstrip(".") not in _TITLES]
        if not tokens:
            return name
        if len(tokens) > 1:
            return " ".join(tokens)
        found = self.by_last.get(tokens[0].lower())
        if not found:
            return tokens[0]
        before = [f for f in found if f[0] <= at] or found[:1]
        if want:
            # a full name of the wanted gender ("Hillary Clinton" for "she") before one of unknown gender
            fitting = [f for f in before if self.gender(f[1]) == want] or \
                [f for f in before if self.gender(f[1]) is None]
            if fitting:
                return fitting[-1][1]
        return before[-1][1]


_NAME_VERBED = re.compile(r"\s*([A-Z][a-z]+(?: [A-Z][a-z]+)?)\s+[a-z]{3,}ed\s*[.,]")
_WORD_NAME_SAID = re.compile(
    r"\s*,?\s*([A-Z][a-z]+)\s+(?:said|says|wrote|writes|added|adds|told|tweeted|asked)\b"
)

_AGE = re.compile(r"^\s*,\s*\d{1,3}(?=\s*,)")

_SHORT_VERBS = {
    "said", "says", "asked", "asks", "added", "adds", "wrote", "writes", "tweeted", "told", "replied",
    "shouted", "yelled", "wondered", "continued", "went on", "explained", "insisted", "declared",
}
_PREPOSITIONS = {
    "in", "on", "at", "after", "before", "during", "for", "from", "with", "since", "asked", "by", "when",
    "while", "as", "if", "although", "though", "because", "speaking", "under", "over", "despite", "unlike",
    "like", "until", "to", "of", "about", "into", "through", "last", "earlier", "later", "within", "without",
    "among", "amid", "per", "according", "writing", "responding", "referring", "talking", "addressing",
    "appearing", "campaigning", "meanwhile", "then", "but", "and", "so", "yet", "still", "also", "however",
    "instead", "indeed", "now", "this", "that", "moreover", "furthermore", "additionally", "similarly",
    "likewise", "otherwise", "nonetheless", "nevertheless", "regardless", "throughout", "across", "around",
    "against", "between", "following", "behind", "beyond", "toward", "towards", "upon", "outside", "inside",
    "near", "alongside", "pressed", "shortly", "absent",
}
# a signature after a dash starts with a capital ("― Jacklyn Ashley"), never "― just as he did with X"
_DASH_ATTRIBUTION = re.compile(
    r"^[\s,]*[―—–]+\s*(?=[A-Z@])(?P<who>(?:[^.;:!?“\"(\n]|(?<=\b[A-Z])\.(?= [A-Z])){2,80})"
)
_TAIL_STOP = re.compile(
    r"[;:!?(“\"—–―]|\s-\s|\.(?=\s|$)|,|\b(?:in|on|at|during|after|before|when|while|who|which|as|about|to|that|"
    r"because|last|this|earlier|later|yesterday|today|recently|told|said|says|added|adding|via|through|from|"
    r"for|with|of|the\s+day|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
_ABBREV_END = re.compile(r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Adm|Rev|Prof|Jr|Sr|"
                         r"St|"
                         r"Mt|Ft|Gens|Sens|Reps|Maj|Cpl|Pvt|Supt|Det|Insp|Cmdr|Ret|Del|U\.S|U\.N|D\.C))$")


def _phrase_end(tail: str, allow_of: bool = True) -> int:
    """Where the speaker phrase that opens `tail` ends (a stop word, a comma or a real full stop)."""
    for match in _TAIL_STOP.finditer(tail):
        token = match.group(0)
        if token == "." and _ABBREV_END.search(tail, 0, match.start()):
            continue
        if allow_of and token == "of" and _starts_name(tail[match.end():]):
            continue  # "Gov. Earl Ray Tomblin of West Virginia"
        if match.start() == 0:
            continue
        return match.start()
    return len(tail)


def _starts_name(text: str) -> bool:
    words = text.split(None, 1)
    return bool(words) and words[0][:1].isupper()


# A full stop after an initial or a title ("the Thomas B. Fordham Institute", "an aide to Sen. Cruz") goes on
_NOT_ABBREV = r"(?<!\b[A-Z])" + "".join(
    f"(?<!{a})" for a in ("Sen", "Rep", "Gov", "Gen", "Dr", "Mr", "Ms", "Mrs", "St", "Jr", "Sr", "Lt")
)
_APPOSITIVE = re.compile(
    r"\s*,\s*((?:a|an|the|[a-z]|[A-Z][\w.\-]*(?:’s|'s|’|')\s)[^,;:!?“\"()]{2,140}?)"
    r"(?:,|" + _NOT_ABBREV + r"\.(?=\s|$)|$|;)"
)
_INNER_STOP = re.compile(r"(?:[!?;:“”\"]|" + _NOT_ABBREV + r"\.)(?:\s|$)|\n")
_NOT_ROLE_START = {"who", "which", "that", "and", "but", "as", "in", "on", "at", "after", "before", "when",
                   "while", "said", "says", "told", "according", "adding", "saying", "where", "whose", "to",
                   "for", "with", "from", "by", "or", "so", "if", "because", "since", "though", "although"}


def _appositive(tail: str) -> str | None:
    """A role right after a name: ", president of the United Federation of Teachers," -> the role."""
    match = _APPOSITIVE.match(tail)
    if not match:
        return None
    role = match.group(1).strip()
    first = role.split()[0].lower()
    if first in _NOT_ROLE_START or _looks_like_verb(role.split()[0]) or _VERB.search(role):
        return None
    if first in _TRAILING or first in _LIGHT_LEADS:
        return None  # "Donald Trump, meanwhile, is supported by …": no description
    if len(role.split()) > 16:
        return None
    return role


def _verb_after(window: str, closed: bool = True) -> _Speaker | None:
    """The speaker of a quote from the clause that follows it ("…,” X said" or "“…” said X")."""
    if re.match(r"\s*,?\s*(?!according)[a-z]{3,}ing\b", window):
        return None  # "“…,” adding that …": the speaker was named before the quote
    dash = _DASH_ATTRIBUTION.match(window)
    if dash:
        who = dash.group("who")
        who = who[: _phrase_end(who, allow_of=True)] if "," in who else who
        found = parse_speaker(re.sub(r"\s*@\w+|\s+\d.*$", "", who))
        if found and found.kind == "name":
            return replace(found, mention=_mention(dash.group("who")) or found.mention)
    match = _VERB_AFTER.search(window)
    if not match:
        return None
    head = window[: match.start()]
    verb = re.sub(r"\s+", " ", match.group(0))
    if head.lstrip()[:1] in {"“", '"'}:
        return None
    if closed and re.match(r"\s+that\b", window[match.end():]) and head.strip():
        return None  # "“….” Russia insisted that Pyongyang …": a sentence of its own, not an attribution
    if head.strip() and verb in {"said", "says"} and re.match(
        r"\s+(?:the|a|an|his|her|their|its|he|she|they|it|we|there)\s", window[match.end():]
    ):
        return None  # "“…” The GOP speechwriter said the deal-breaker was …": said with its own clause
    if len(head.split()) > 22:
        # "…,” Trump, the 2016 GOP frontrunner and polling leader in South Carolina by a wide margin, said.
        first = parse_speaker(head.split(",")[1] if head.lstrip().startswith(",") else head.split(",")[0])
        if first is None or first.kind != "name":
            return None
        return replace(first, mention=_mention(head) or first.mention)
    words = [w for w in head.strip(" ,;:—–-").split() if w]
    if words and words[0] in _PREPOSITIONS | _JOINERS | _ADVERBS and "," in head and \
            not _MARKS.search(head):
        # "“…” by the shooting in Orlando that drew attention, Nefzi said": the quote's sentence runs on,
        # and its subject is the phrase right before the verb (or after it: ", said Christine Link")
        words = _last_subject(head)
    while words and words[-1].lower().strip(",") in _ADVERBS:
        if words.pop().lower().strip(",") in _JOINERS and not words:
            return None  # "“…” - and stressed the state’s importance": the sentence's subject goes on
    if len(words) == 1 and words[0].lower() in _JOINERS:
        # "“…” that would respond to requests …, trial counsel Jane Roe wrote": a relative clause, then
        # the attribution
        return _verb_after(window[match.end():])
    if words:
        found = parse_speaker(" ".join(words))
        if found is not None or not head.lstrip(" ").startswith(("and", "but", "in", "about", "to", "for")):
            return found
        # "“…” in the 2008 primary, said Paul Beck": the quote's sentence goes on before its attribution
    tail = window[match.end():]
    if verb.endswith("ing"):
        return None
    end = _phrase_end(tail)
    found = parse_speaker(tail[:end])
    if (found is None or found.kind in {"definite", "description"}) and tail[end:end + 1] == ",":
        # "said Rubio’s deputy campaign manager, Rich Beeson": the name follows its description
        rest = tail[end + 1:]
        named = parse_speaker(rest[: _phrase_end(rest)])
        if named is not None and named.kind == "name":
            described = (found.name or "") if found else tail[:end]
            role = named.role or _clean_role(described)
            return _Speaker(named.name, role, "name", _tail_mention(tail) or named.mention)
    if found is None and tail[:1] == " " and tail[1:2].islower():
        # "said master of ceremonies Asab Al-Tabchi, a Syrian engineer": lower-case role words, then the name
        stop = re.search(r"[,;:!?“”\"(]|\.(?:\s|$)|\s(?:who|which|as|when|while|after|in|on|at)\s", tail)
        lead = tail[: stop.start() if stop else len(tail)]
        named = parse_speaker(lead) if len(lead.split()) <= 8 else None
        if named is not None and named.kind == "name" and named.role and \
                all(w[:1].islower() for w in named.role.split()):
            found = named
    if found is None or found.kind == "pronoun":
        return found
    mention = _tail_mention(tail) or found.mention
    if found.kind == "name" and found.role is None:
        role = _appositive(tail[end:])
        if role:
            found = _Speaker(found.name, role, found.kind)
    return replace(found, mention=mention)


def _last_subject(head: str) -> list[str]:
    """The words of the comma-separated parts of `head` from the last one that names a person, if any."""
    parts = head.rstrip(" ").split(",")
    if not parts[-1].strip():
        return []  # "…, said X": the speaker follows the verb
    for k in range(len(parts) - 1, 0, -1):
        found = parse_speaker(parts[k])
        if found is not None and found.kind in {"name", "pronoun"}:
            return ",".join(parts[k:]).split()
    return head.split()


# Where the description of a speaker named after the verb stops: the circumstances of the saying.
_MENTION_STOP = re.compile(
    r",\s+(?:adding|saying|noting|explaining|arguing|according|referring|speaking|pointing|calling|citing|"
    r"writing|responding|asked|when|while|as|because|before|after|during|though|although|but|and\s+(?:he|she|"
    r"they)\b)\b"
    r"|\s+(?:in\s+(?:an?|his|her|their)\s+(?:interview|statement|speech|e-?mail|phone|telephone|conference|"
    r"call|op-ed|letter|tweet|post|video|press|news|radio|television|TV|appearance|address|remarks|"
    r"message|memo|blog|column|fundraising|campaign)|in\s+(?:an?\s+)?(?:interviews?|statements?|remarks)|"
    r"on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Twitter|Facebook|Instagram|CNN|"
    r"MSNBC|Fox|NBC|ABC|CBS|NPR|the\s+(?:phone|campaign\s+trail|Senate\s+floor|House\s+floor|floor))|"
    r"(?:last|this|earlier|later)\s+(?:week|month|year|morning|evening|night|summer|spring|fall|winter)|"
    r"yesterday|today|told|to\s+(?:reporters|the\s+crowd|supporters|an?\s+audience))\b"
)


_CLAUSE_WORDS = {"when", "while", "as", "because", "before", "after", "during", "though", "although", "but"}


def _tail_mention(tail: str) -> str | None:
    """A speaker's mention after its verb as written: the name with its appositive or relative clause."""
    cut = tail
    for stop in _MENTION_STOP.finditer(tail):
        word = stop.group(0).lstrip(", ").split()[0].lower()
        if word in _CLAUSE_WORDS and re.search(r",\s+(?:who|which|whose|whom)\b", tail[: stop.start()]):
            continue  # "Don Fowler, who helmed the DNC …, during Bill Clinton’s presidency, and …"
        cut = tail[: stop.start()]
        break
    for match in re.finditer(r"[.;:!?](?=\s|$)", cut):
        if match.group(0) == "." and _ABBREV_END.search(cut, 0, match.start()):
            continue
        cut = cut[: match.start()]
        break
    return _mention(cut)


_AUX_VERBS = {
    "is", "was", "are", "were", "has", "have", "had", "will", "would", "could", "can", "may", "might",
    "should", "did", "does", "do", "said", "says", "told", "wrote",
}
# Irregular past tenses, which the "-ed" test misses ("Carly Fiorina threw her support behind …")
_IRREGULAR_PAST = {
    "went", "made", "took", "gave", "got", "came", "ran", "saw", "began", "won", "lost", "met", "left",
    "kept", "held", "brought", "felt", "led", "sent", "spent", "stood", "knew", "found", "became", "spoke",
    "threw", "drew", "broke", "chose", "rose", "fell", "fought", "bought", "caught", "taught", "sought",
    "paid", "sat", "heard", "meant", "struck", "swore", "shook", "blew", "grew", "flew", "drove", "forgot",
    "forgave", "overcame", "withdrew", "undertook", "understood", "built", "lent", "dealt", "fled", "shot",
    "wore", "tore", "hung", "sank", "swam", "rang", "sang", "stole", "froze",
}
_AUXILIARIES = {
    "is", "was", "are", "were", "has", "have", "had", "will", "would", "could", "can", "may", "might",
    "should", "did", "does", "do", "thought", "hit", "put", "set", "cut", "let", "also", "who", "which",
    "that", "and", "but", "says", "said", "told", "wrote", "tells", "adds", "asks", "sees", "seems",
    "seemed", "wants", "thinks", "knows",
} | _IRREGULAR_PAST


def _looks_like_verb(word: str) -> bool:
    """A lower-case word that probably ends a subject phrase: a verb, an auxiliary or a relative pronoun."""
    bare = word.strip(",.;:“”\"'").lower()
    if not word[:1].islower():
        return False
    return bare in _AUXILIARIES or bare in _ALL_FORMS or (bare.endswith("ed") and len(bare) > 4) or \
        bare.endswith(("n’t", "n't"))  # "doesn’t", "won't"


def _is_finite_verb(word: str) -> bool:
    """A lower-case word that is very likely a verb in the past or a reporting verb."""
    bare = word.strip(",.;:“”\"'").lower()
    return word[:1].islower() and (
        bare in _ALL_FORMS
        or bare in {"is", "was", "has", "had", "will", "would", "went", "made", "took", "gave"}
        or (bare.endswith("ed") and len(bare) > 4)
    )


def _subject(clause: str, known: set[str] | None = None) -> _Speaker | None:
    """The subject of a sentence or clause: its first name or pronoun outside introductory phrases.

    A named subject's mention takes in its appositive ("Jimmy Ghazal, 39, a Lebanese man …, told").
    """
    found = _subject_phrase(clause, known)
    if found is None or found.kind != "name" or not found.mention:
        return found
    at = clause.find(found.mention)
    if at < 0:
        return found
    extra = _appositive_to_verb(clause[at + len(found.mention):])
    return replace(found, mention=f"{found.mention}, {extra}") if extra else found


_STATE_ABBREV = re.compile(r"(?<=, )[A-Z][a-z]{1,5}\.(?=$|,)")


def _appositive_to_verb(tail: str) -> str | None:
    """The appositive or relative clause that opens `tail` (", a lawyer who …,") when a verb follows it."""
    if not tail.lstrip(" ").startswith(","):
        return None
    tail = tail[: 300]
    first = tail.index(",")
    for comma in re.finditer(r",", tail):
        if comma.start() == first:
            continue
        inner = tail[first + 1: comma.start()]
        # "Dewayne Smithy, 33, of Baldwin, Miss., dismisses": a state's abbreviation ends no sentence
        if _INNER_STOP.search(_STATE_ABBREV.sub("State", inner)):
            return None
        words = tail[comma.end():].split(None, 2)
        while words and words[0].lower() in _ADVERBS and words[0].lower() not in _AUX_VERBS:
            words.pop(0)
        # ", finds herself", ", used her column"
        present = bool(words) and re.fullmatch(r"[a-z]{3,}[^s]s|[a-z]{2}ed", words[0]) is not None
        if words and (_looks_like_verb(words[0]) or present) and words[0].lower() not in {
            "who", "which", "that", "and", "but", "also", "this", "its", "his", "hers",
        } | _JOINERS:
            return _mention(inner)
    return None


_PLACE_BEFORE = re.compile(r"\b(?:in|at|from|near|of|outside|to|for)\s+(?:[A-Z][\w’'.\-]*\s*){1,3}$")


def _is_place_part(before: str, part: str) -> bool:
    """The state or country of "a rally in Columbus, Ohio,": a place after a place, never a speaker."""
    words = part.split()
    return 0 < len(words) <= 3 and all(w[:1].isupper() for w in words) and bool(
        _PLACE_BEFORE.search(before.rstrip())
    )


def _subject_phrase(clause: str, known: set[str] | None = None) -> _Speaker | None:
    chunks = re.split(r"(?<!\d),(?!\d)|(?<=\d),(?= )|[;:—–]|\s--\s", clause)
    introduced = False  # the chunk before was an introductory phrase
    for index, chunk in enumerate(chunks):
        words = chunk.split()
        if not words:
            continue
        if introduced and words[0].lower() in {"the", "a", "an"} and not _verb_in(words) and \
                index + 1 < len(chunks) and _is_name_token(chunks[index - 1].split()[-1]):
            continue  # "Preceded by Joe Arpaio, the Arizona sheriff, Trump launched": the aside's appositive
        after_opening, introduced = introduced, False
        # "In Columbus, Ohio, the crowd …" names a place; "Speaking in Harlem, Clinton, without naming him, …"
        # names the speaker: a known surname followed by an aside
        following = chunks[index + 1].split()[:1] if index + 1 < len(chunks) else []
        aside = bool(following) and (following[0].lower() in _PREPOSITIONS or _looks_like_verb(following[0]))
        if index > 0 and _is_place_part(chunks[index - 1], chunk) and not (
            aside and known is not None and len(words) == 1 and words[0].lower().strip(".") in known
        ):
            continue
        if index == 0 and len(chunks) > 1 and words[-1].lower() in {"ago", "later", "earlier", "on"}:
            continue  # "Eight years ago, he supported …": a time phrase opens the sentence
        if index == 0 and len(chunks) > 1 and re.fullmatch(r"[A-Z][A-Z .,'’()\-]*", chunk.strip()):
            continue  # "TALLAHASSEE — Rep. Gwen Graham on Friday pummeled …": a dateline
        if index > 0 and words[0] in {"who", "whose", "whom", "which", "that"}:
            # "…, who lost the primaries to Clinton, identified": a relative clause has no subject, nor has
            # the aside "“…” -- that Bloomberg is seen as a liberal -- “…,” he says"
            continue
        light = False
        second = words[1].strip("“”\"'‘’(),") if len(words) > 1 else ""
        named_next = _is_name_token(second) and second.lower() not in _NOT_OR_TITLE
        if words[0].lower() in _LIGHT_LEADS and (named_next or len(words) == 3 and second in {"his", "her"}):
            # "Meanwhile Rihanna, who …, spoke": a sentence adverb, then the subject's name
            words = words[1:]
            chunk = " ".join(words)
            light = True
        appositive = index + 1 < len(chunks) and len(chunks[index + 1].split()) <= 4
        possessor = len(words) > 1 and words[0].endswith(("’s", "'s")) and words[1][:1].islower()
        kin = len(words) == 2 and words[0].lower() in {"his", "her", "their"}  # "his wife, Jane, called"
        if appositive and (words[0].lower() in {"the", "a", "an"} or possessor or kin):
            # "The minister of defence, Piotr Nowak, was less sure": the appositive names the subject
            # (or "Kazakhstan's foreign minister, Erlan Idrissov, plays down …")
            named = parse_speaker(chunks[index + 1])
            if named is not None and named.kind == "name" and not any(_is_name_token(w) for w in words[1:]):
                mention = _mention(f"{chunk}, {chunks[index + 1]}")
                return _Speaker(named.name, _clean_role(chunk), "name", mention)
        if index == 0 and words[0] in {"A", "An"} and len(chunks) > 1 and chunks[1].split()[:1] and \
                chunks[1].split()[0] in {"he", "she"}:
            continue  # "An immigrant from Uganda who became a citizen, she plans …": a fronted appositive
        lead = words[0].strip("“”\"'‘’(").lower()
        participle = lead.endswith("ed") and len(words) > 1 and words[1].lower() in _PREPOSITIONS | {"by"}
        if lead in _PREPOSITIONS or lead.endswith("ing") or participle and index == 0:
            # An introductory phrase: the subject is a name or pronoun followed by its verb, if any
            # ("At an event billed as “…” Clinton unveiled a plan").
            for k in range(1, len(words) - 1):
                bare = words[k].strip("“”\"'‘’(),").lower()
                if _is_finite_verb(words[k + 1]) and (
                    bare in {"he", "she"}
                    or (_is_name_token(words[k].strip("“”\"'‘’(),")) and bare not in _NOT_OR_TITLE
                        and words[k - 1].lower() not in _ARTICLES)  # not "After the Paris attacks, …"
                ):
                    if bare in {"he", "she"}:
                        return _Speaker(bare, None, "pronoun")
                    lead_k = k
                    while lead_k > 0 and _is_name_token(words[lead_k - 1]) and \
                            words[lead_k - 1].lower().rstrip(".") not in _NOT_NAMES | _PREPOSITIONS:
                        lead_k -= 1
                    named = parse_speaker(" ".join(words[lead_k:k + 1]))
                    if named is not None and named.kind == "name":
                        return named
            after_title = re.search(r"[”\"]\s*([^”\"]+)$", chunk)
            if after_title and index + 1 < len(chunks) and chunks[index + 1].split()[:1] and \
                    chunks[index + 1].split()[0] in {"who", "whose"}:
                # "On “Face the Nation,” Sen. Bernie Sanders (Vt.), who lost …, identified": the name after
                # the title in marks opens the main clause
                named = parse_speaker(after_title.group(1))
                if named is not None and named.kind == "name":
                    return named
            if len(chunks) > 1 and chunk is not chunks[-1]:
                introduced = True
                continue
            clauseless = not _verb_in(words) and not any(_looks_like_verb(w) for w in words)
            if lead in _PREPOSITIONS - {"according"} and index == len(chunks) - 1 and clauseless:
                return None  # "From Donald Trump’s “…” in Iowa": a phrase with no clause has no subject
        opening = False
        for k, word in enumerate(words[:12]):
            bare = word.strip("“”\"'‘’()").lower()
            bare = re.sub(r"(?:’s|'s)$", "", bare)
            if bare in {"he", "she", "they", "i", "we"}:
                return _Speaker(bare, None, "pronoun")
            if k == 0 and not light and known is not None and \
                    (len(words) < 2 or not _is_name_token(words[1])) \
                    and bare.rstrip(".") not in known and \
                    (len(words) < 2 or words[1] not in _SPEECH_FORMS and words[1] not in _MINDS):
                continue  # a capitalised first word is a name only if the article names someone so
            if k > 0 and words[k - 1] in _CUT_PREPOSITIONS and _is_name_token(word.strip("“”\"'‘’(),")):
                if any(_is_finite_verb(w) for w in words[:k - 1]):
                    continue  # "the base chief stayed in Libya": a name after a verb and preposition
                if index == 0 and len(chunks) > 1 and not any(_looks_like_verb(w) for w in words):
                    opening = True  # "Here in Columbia, Sanders stepped up …": an opening phrase
                    break
            if 0 < k < len(words) - 1 and words[k - 1].lower() in _POSSESSIVES and \
                    words[k + 1][:1].islower() and not _looks_like_verb(words[k + 1]):
                continue  # "His Catholic faith is important": a capitalised word describing a thing
            if k > 0 and _is_name_token(word.strip("“”\"'‘’(),")) and _verb_in(words[:k]):
                continue  # "a reporter can be heard asking Trump": a name after the verb is its object
            if _is_name_token(word.strip("“”\"'‘’(),")) and bare.rstrip(".") not in _NOT_OR_TITLE:
                # the subject runs from its role words to the first verb ("Obama aide Cornell Belcher picked")
                lead = k
                while lead > 0 and (
                    k - lead < 4 and words[lead - 1].lower() not in _ROLE_STOP
                    and not _looks_like_verb(words[lead - 1])
                    or k - lead < 6 and words[lead - 1] == "of" and lead > 1
                    and words[lead - 2].lower() in _TITLES
                ):
                    lead -= 1  # "Former US secretary of state Madeleine Albright": the title's "of" too
                if lead > 0 and words[lead - 1].lower() == "the":
                    lead -= 1  # "the Indiana governor" describes someone; parse_speaker tells
                phrase = []
                for w in words[k:k + 10]:
                    if phrase and _looks_like_verb(w):
                        break
                    phrase.append(w)
                    if w.endswith(","):
                        break
                named = parse_speaker(" ".join(words[lead:k] + phrase))
                if named is not None and named.kind == "name":
                    return _joined_subject(named, words[k + len(phrase):])
        if opening:
            continue
        if after_opening and index + 1 < len(chunks) and not _verb_in(words) and \
                not any(_looks_like_verb(w) or _is_name_token(w) for w in words):
            introduced = True  # "Following a swiftly called, late-afternoon meeting, the Council issued"
            continue
        return None
    return None


_POSSESSIVES = {"his", "her", "their", "its", "our", "my"}
_ARTICLES = {"a", "an", "the", "his", "her", "their", "its", "this", "that", "our", "my", "your"}


def _verb_in(words: list[str]) -> bool:
    """A finite verb among the words, not an adjective that looks like one ("a hoarse-voiced Sanders")."""
    return any(
        _is_finite_verb(w) and "-" not in w and (k == 0 or words[k - 1].lower() not in _ARTICLES)
        for k, w in enumerate(words)
    )


def _joined_subject(named: _Speaker, rest: list[str]) -> _Speaker:
    """A second name joined by "and" before the verb is in the mention ("Trump and Ryan issued …")."""
    if len(rest) < 3 or rest[0] != "and" or not _is_name_token(rest[1]) or rest[1].lower() in _NOT_OR_TITLE:
        return named
    end = 2
    while end < len(rest) and _is_name_token(rest[end]) and rest[end].lower() not in _NOT_NAMES:
        end += 1
    if end >= len(rest) or not (_is_finite_verb(rest[end]) or _looks_like_verb(rest[end])):
        return named
    return replace(named, mention=f"{named.mention or named.name} {' '.join(rest[:end])}")


_LIGHT_LEADS = {
    "meanwhile", "then", "but", "and", "so", "yet", "still", "also", "however", "instead", "indeed", "now",
    "moreover", "furthermore", "additionally", "similarly", "likewise", "otherwise", "nonetheless",
    "nevertheless", "regardless",
}


# "Instead, the Vermont senator is sticking to …": a definite description as a sentence's subject
_DEFINITE_SUBJECT = re.compile(
    r"(?:[A-Z][a-z]+,\s+)?([Tt]he\s+(?:[A-Z][\w’'\-]*\s+){0,3}[a-z][\w\-]*(?:\s+[a-z][\w\-]*)?)\s+(\w+)"
)


# "At a conference in Aspen, Colo., the Stanford graduate ended …": an opening phrase before the subject
_INTRO_BEFORE_THE = re.compile(
    r"(?:At|In|On|After|Before|During|Speaking|Asked|Later|Earlier)\b(?:[^.;:!?\n]|\.(?=,)){0,100}?"
    r"(?:,[”\"]?|[”\"]) (?=the )"
)


def _described_person(clause: str) -> str | None:
    """A description of a person that opens a clause as its subject: "The Wisconsin Republican did give …"."""
    clause = clause.lstrip(" “\"‘'\n")
    intro = _INTRO_BEFORE_THE.match(clause)
    if intro is not None:
        clause = clause[intro.end():]  # "At a conference in Aspen, Colo., the Stanford graduate ended …"
    tokens = clause.split(" ")
    if tokens and tokens[0].endswith(",") and tokens[0][:1].isupper() and len(tokens) > 1:
        tokens = tokens[1:]  # "Instead, the Vermont senator is sticking …"
    if not tokens or tokens[0] not in {"The", "the"}:
        return None
    for j in range(2, min(len(tokens), 11)):
        word = tokens[j - 1]
        if word == "and" and j < len(tokens) and not _looks_like_verb(tokens[j]) and j > 2:
            continue  # "the former secretary of state and current Democratic nominee said"
        if not re.fullmatch(r"[A-Za-z][\w\-]*", word) or word in _AUXILIARIES:
            return None
        after = tokens[j]
        if after == "and" and j + 1 < len(tokens) and not _looks_like_verb(tokens[j + 1]):
            continue  # the description goes on after "and" (checked as a word on the next round)
        if _looks_like_verb(after) or after in _ADVERBS and after[:1].islower():
            head = word.lower()
            person = word[:1].islower() and head not in _GROUPS and head not in _THINGS or \
                head in {"republican", "democrat"}
            return " ".join(tokens[:j]) if person else None
    return None


_WITH_SUBJECT = re.compile(r"\bwith\s+((?:[A-Z][\w’'.\-]*\s+){0,3}[A-Z][\w’'\-]*)\s+(?:[a-z]+ly\s+)?$")
_BODY_SUBJECT = re.compile(
    r"\s*((?:Her|His|Their|Its|The)\s+(?:[A-Z][\w’'\-]*\s+)?(?:campaign|office|staff|team|committee|spokesman|"
    r"spokeswoman|spokesperson|aides|lawyers|attorneys|family))\s+(?:[a-z]+ly\s+)?[a-z]+(?:ed|s)\b"
)


def _body_subject(clause: str) -> _Speaker | None:
    """A person's office or campaign as the subject ("Her campaign quickly blasted out an email …")."""
    match = _BODY_SUBJECT.match(clause)
    return _Speaker(match.group(1), None, "description", match.group(1)) if match else None


def _described_speaker(clause: str) -> _Speaker | None:
    """The described person a clause opens with, as a definite speaker ("The Ohio governor appeared")."""
    described = _described_person(clause)
    if described is None or not any(w[:1].isupper() for w in described.split()[1:]):
        return None
    found = parse_speaker(described)
    return found if found is not None and found.kind == "definite" else None


def _is_described(found: _Speaker, clause: str) -> bool:
    """True for a definite speaker that is the described person the clause opens with."""
    described = _described_person(clause) if found.kind == "definite" else None
    return described is not None and (found.mention or "").lower() == described.lower()


_DAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_TIME_TAIL = re.compile(
    r"(?<=[,\w])\s+(?:(?:this|last|next|earlier|later)\s+(?:past\s+)?(?:week|month|year|weekend|morning|"
    r"afternoon|evening|night|spring|summer|fall|autumn|winter|" + _DAYS + r")|on\s+" + _DAYS + r"|" + _DAYS
    + r"|yesterday|today|tonight|recently|earlier|later|again)(?:\s+(?:morning|afternoon|evening|night))?$"
)
_CONTRAST = re.compile(r",?\s+but\s+|;\s+|,\s+while\s+|,\s+whereas\s+|,\s+and\s+(?=[A-Z][a-z]+\s+[a-z])")
_CONTINUING = {"went on", "goes on", "continued", "continues", "go on", "continue"}


# Words that open an aside between a subject and its verb ("X, who …, said"; "X, speaking …, said")
_ASIDE_LEADS = {"who", "whose", "whom", "which", "speaking", "like", "as", "in", "at", "on", "with", "also",
                "then", "now", "however", "meanwhile", "though"}


def _verb_before(window: str, known: set[str] | None = None) -> _Speaker | None:
    """The speaker of a quote from the clause before it ("X said: “…”", "according to X, “…”")."""
    matches = list(_ANY_VERB.finditer(window))
    if not matches:
        return None
    match = matches[-1]
    verb = re.sub(r"\s+", " ", match.group(0)).lower()
    tail = window[match.end():]
    if verb in _CONTINUING and tail.strip()[:1] not in {"", ":", ","}:
        return None  # "talks went on for hours" reports no speech
    if verb == "according to":
        return parse_speaker(tail[: _phrase_end(tail)])
    head = window[: match.start()]
    if verb.split()[0].endswith("ing") and verb != "according to":  # "saying", "adding that"
        # "…, saying: “…”": the speaker is the subject of the main clause.
        absolute = _WITH_SUBJECT.search(head)
        if absolute:
            # "…, with Trump reportedly yelling: “…”": the name after "with" does the "-ing"
            named = parse_speaker(absolute.group(1))
            if named is not None and named.kind in {"name", "pronoun"}:
                return named
        inner = _verb_before(head, known) if _VERB.search(head) else None
        opener = head.split()[0] if head.split() else ""
        if inner is not None and inner.name == opener and opener.endswith("ing"):
            inner = None  # "Continuing to explain his view, Carson rejected …, saying": no name
        if inner:
            return inner
        return _subject(head, known) or _body_subject(head)
    # "Reince Priebus, the GOP chairman, this past week announced": the time phrase is not the speaker
    words = _TIME_TAIL.sub("", head.rstrip()).split()
    coordinated = False
    while words and words[-1].lower().strip(",") in _ADVERBS:
        coordinated = coordinated or words[-1].lower() in {"and", "but"}
        words.pop()
    head = " ".join(words)
    if coordinated and not head.rstrip().endswith(","):
        # "Lazar said he welcomed extradition to the United States and added": the first verb's subject
        inner = _verb_before(head, known) if _VERB.search(head) else None
        if inner is None or inner.kind not in {"name", "pronoun"}:
            inner = _subject(head, known)  # "Pat Schroeder lives in his district and wrote …"
        if inner is not None:
            return inner
    if words and words[-1].lower() in {"he", "she", "they", "we", "i"} and len(words) > 1:
        # "Trump included the Philippines on a list of countries he said …": the pronoun says it
        return _Speaker(words[-1].lower(), None, "pronoun")
    if head.endswith(","):
        # "Michael Mulgrew, president of the union, said: “…”": the name is before the appositive.
        parts = [p.strip() for p in head.rstrip(",").split(",")]
        if len(parts) >= 2:
            for k in range(len(parts) - 1, -1, -1):
                lead_word = parts[k].split()[0] if parts[k].split() else ""
                if k > 0 and _is_place_part(parts[k - 1], parts[k]):
                    continue
                if k > 0 and lead_word in {"and", "but"}:
                    # "…, and former midfielder Dietmar Hamann, now a pundit, told": a new clause's subject
                    joined = parse_speaker(parts[k].split(None, 1)[1]) if len(parts[k].split()) > 1 else None
                    if joined is not None and joined.kind == "name":
                        rest = ", ".join([parts[k].split(None, 1)[1], *parts[k + 1:]])
                        return replace(joined, mention=_mention(rest) or joined.mention)
                if k > 0 and (lead_word[:1].islower() or lead_word.lower() in {"a", "an", "the"}) and \
                        lead_word.lower() not in _PRONOUNS:
                    continue
                candidate = parse_speaker(parts[k])
                if candidate and candidate.kind in {"name", "pronoun"}:
                    role = parts[k + 1] if k + 1 < len(parts) and candidate.kind == "name" else None
                    if role and candidate.role is None:
                        candidate = _Speaker(candidate.name, _clean_role(role), candidate.kind)
                    if candidate.kind == "name":
                        candidate = replace(candidate, mention=_mention(", ".join(parts[k:])))
                    return candidate
                if k == 0 and candidate and candidate.kind == "description" and len(parts[0].split()) <= 6 \
                        and all(p.split()[:1] and p.split()[0] in _ASIDE_LEADS for p in parts[1:]):
                    # "An Israeli official, speaking on the condition of anonymity, said": a described source
                    return candidate
    # a closing mark ends a part: "the “woman card,” Fiorina said" has the name after the quote as subject
    parts = re.split(r"(?:(?<!\d),|[”\"]|(?<=\d),(?!\d{3})|;|:|—|–|\bthat\b|\bbut\b|\bwhile\b|\bwhich\b|"
                     r"\bwhen\b|\bafter\b|\bbefore\b|"
                     r"\bbecause\b|\bas\b|\bthough\b|\balthough\b|\bsince\b|\bif\b|\band\b)", head)
    subject = parts[-1].strip() if parts else ""
    if 0 < len(subject.split()) <= 3 and _looks_like_verb(subject.split()[0]) and len(parts) > 2 and \
            all(not p.split() or p.split()[0] in _ASIDE_LEADS for p in parts[1:-1]):
        # "O'Malley, who signed gun laws as governor, interjected to say": the name before the aside
        named = parse_speaker(parts[0])
        if named is not None and named.kind in {"name", "pronoun"}:
            return named
    while len(subject.split()) > 2 and subject.split(None, 1)[0].lower() in _LIGHT_LEADS | {"even", "only"} \
            and not _SHARE.match(subject):
        subject = subject.split(None, 1)[1]  # "…, even a top GOP strategist said": the adverb is no speaker
    what = re.search(r"\bwhat\s+(.+)$", subject)
    if what:
        # "led to what aide Kevin Phillips called “…”": the speaker is named after "what", or no one is
        found = parse_speaker(what.group(1))
        return found if found is not None and found.kind in {"name", "pronoun"} else None
    if not subject:
        if verb in _SPEECH_FORMS:
            found = parse_speaker(tail[: _phrase_end(tail)])
            if found and found.kind == "name":
                # "“…,” said voter Stephanie Hooton of Derry, N.H., before …. “…”": the mention as written
                written = _tail_mention(tail) or ""
                extra = written[len(found.mention or ""):].split()
                if not written.startswith(found.mention or "") or extra and (
                    extra[-1].lower() in _OBJECT_LEAD | {"that", "of", "and", "or", "but"}
                    or any(_is_finite_verb(w) for w in extra)
                ):
                    written = ""  # not "Carl Anthony, historian at the Library, is that she was"
                return replace(found, mention=written or found.mention)
        return _subject(head, known)
    relative = re.match(r"((?:a|an|one|another)\s+[^,]{2,60}?)\s+who\s+\w+", subject, re.I)
    if relative:
        # "a White House official who spoke anonymously to discuss internal strategy said": the source
        described = parse_speaker(relative.group(1))
        if described is not None and described.kind == "description":
            return _Speaker(subject, None, "description", subject)  # the mention as written, clause too
    if len(subject.split()) > 10:
        found = _subject(subject, known)
        return found
    found = parse_speaker(subject)
    if found is None and known and _NAME_TOKEN.match(subject) and subject.lower() in known:
        found = _Speaker(subject, None, "name", subject)  # "King says": a surname that is also a title
    if found is None or found.kind == "description":
        lowered = subject.lower().split()
        if lowered and lowered[-1] in {"he", "she", "they", "i", "we"}:
            return _Speaker(lowered[-1], None, "pronoun")
        if found is None:
            return _subject(head, known)
    words = (found.name or "").split() if found.kind in {"description", "definite"} else []
    if len(words) > 2 and (words[-1] in {"to"} | _AUXILIARIES | _ADVERBS or
                           re.fullmatch(r"[a-z]{3,}ed", words[-1])):
        # "The email goes on to (say)", "a paper … had this to (say)", "The senator said he rarely (talks)":
        # the description runs into its own clause; the subject ends at that clause's verb
        cut = next((k for k, w in enumerate(words) if k > 0 and _looks_like_verb(w)), None)
        if cut is None:
            return found
        phrase = " ".join(words[:cut])
        return _Speaker(phrase, None, "description", phrase) if words[cut - 1].lower() not in _SMALL else None
    return found


def _clean_role(role: str) -> str | None:
    role = _clean_phrase(role)
    role = re.sub(r"^(?:the|a|an)\s+", "", role, flags=re.I)
    return role or None


def _words(text: str) -> int:
    return len(WORD.findall(text))


def _is_title(text: str) -> bool:
    """A title or slogan in quote marks: capitalised words, and no sentence punctuation unless short."""
    words = text.split()
    if not words or (text.rstrip()[-1:] in ".!?…" and len(words) > 8):
        return False
    big = [w for w in words if w.lower() not in _SMALL]
    caps = sum(1 for w in big if w[:1].isupper() or not w[:1].isalpha())
    return bool(big) and caps == len(big) and len(words) <= 12


# ", president of the Miami-based Florida Democratic Black Caucus." closing a sentence: a source introduced
_INTRODUCED_TAIL = re.compile(
    r"(,\s+(?:(?:a|an|the)\s+)?(?:[a-z][\w’'\-]*|[A-Z][\w’'\-]*[’']s)\b[^“”\"!?;:]*?)\.?\s*$"
)


# "Brewer, an early supporter", "Körner, chairman of …": a name with an appositive describing a person
_DESCRIBED_PERSON = re.compile(r"[\w’'.]+,\s+(?:an?|the|who|whose|[a-z]+ of)\s")
_OPENING_NAME = re.compile(r"[A-Z][a-z]+ (?:[A-Z]\. )?([A-Z][a-z][\w\-]+)\b(?![’'.])")
_CLAUSE_LEADS = r"(?:(?:But|And|Meanwhile|Then|Still|Yet|So|Now|Later|Instead|However|Also|Earlier),?\s+)?"


# Verbs of mind a person is the subject of ("Wimes believes that …")
_MINDS = {
    "believes", "thinks", "feels", "knows", "hopes", "fears", "worries", "wants", "agrees", "disagrees",
    "remembers", "expects", "doubts", "wonders", "admits", "acknowledges", "concedes",
}


def _opens_clause(word: str, sentence: str) -> bool:
    """True when a sentence opens with `word` as its subject: "Cruz openly admitted", "Rihanna, who …"."""
    match = re.match(
        r"[\s“\"‘']*" + _CLAUSE_LEADS + re.escape(word) + r"(?:’s|'s)?(?:\s*(,)|\s+([\w’'\-]+))", sentence
    )
    if match is None:
        return False
    after = match.group(2) or ""
    return bool(match.group(1)) or _looks_like_verb(after) or after in _ADVERBS or after.endswith("ly") or \
        after in _MINDS


# Fixed patterns around a name found with str.find: compiling one pattern per name costs more than the
# whole attribution of an article
_AND_AFTER = re.compile(r"(?:’s|'s)?\s+and\s+(?:[A-Z]|his\s|her\s)")
_AND_BEFORE = re.compile(r"[A-Z][\w’'\-]+\s+and\s+$")
_WORD_AFTER = re.compile(r"(?:’s|'s)?\s+(\w+)")


def _name_at(text: str, name: str) -> list[int]:
    """Where `name` starts in `text` after a non-word character (or at the start)."""
    found = []
    at = text.find(name) if name else -1
    while at >= 0:
        if at == 0 or not (text[at - 1].isalnum() or text[at - 1] == "_"):
            found.append(at)
        at = text.find(name, at + 1)
    return found


def _conjoined(found: _Speaker, sentence: str) -> bool:
    """True when the name found is one of two people joined by "and" ("Jeb Bush and Chris Christie")."""
    name = found.name or ""
    for at in _name_at(sentence, name):
        end = at + len(name)
        if _AND_AFTER.match(sentence, end):
            return True
        ends_word = end >= len(sentence) or not (sentence[end].isalnum() or sentence[end] == "_")
        if ends_word and _AND_BEFORE.search(sentence, 0, at):
            return True
    return False


def _modifies_group(found: _Speaker) -> bool:
    """True when the name only modifies a group noun: "The Sanders campaign was …"."""
    if (found.name or "").split()[-1:] and (found.name or "").split()[-1].lower() in _GROUPS - _SPOKESPEOPLE:
        return True  # "Bernie Sanders campaign" taken for a name
    mention, name = found.mention or "", found.name or ""
    at = mention.find(name) if name else -1
    after = _WORD_AFTER.match(mention, at + len(name)) if at >= 0 else None
    return after is not None and after.group(1) in _GROUPS - _SPOKESPEOPLE


def _as_person(found: _Speaker, full: str, sentence: str, names: _Names) -> str | None:
    """The person a name found in a sentence stands for, or None when it is likely no person at all.

    A single word is a person when the article uses it as one (`_Names.is_person`), when it opens the
    sentence as its subject ("Cruz openly admitted"), or when its mention describes it ("Brewer, an early
    supporter"); a mention that opens with a first name and a surname is that person ("Dan McLaughlin at
    the National Review agreed").
    """
    if names.is_person(full) or _opens_clause(full, sentence):
        return full
    if _DESCRIBED_PERSON.search(found.mention or ""):
        return full
    if first_name_gender(full) and not re.search(re.escape(full) + r"\s+[A-Z]", found.mention or ""):
        return full  # "Clinton's husband, Bill, …", not the "Donald" of "Donald Trump’s"
    opening = _OPENING_NAME.match(found.mention or "")
    if opening is not None and first_name_gender(opening.group(0).split()[0]) is not None:
        return opening.group(0)
    return None


_PRONOUN_ASIDE = re.compile(r",\s+(he|she|He|She)\s+(\w+),")
_SUBORDINATE = re.compile(r"\s*(?:After|When|As|Before|While|Although|Though|Because|If|Since|Once|Until)\s")


def _earlier_subject(parts: list[str], clause: str, known: set[str]) -> _Speaker | None:
    """The named subject of a sentence's earlier clauses, which a later "he" or "she" points at."""
    # "Rep. Devin Nunes didn’t …, but he did call for …": the pronoun is the earlier subject
    earlier = next((found for found in (_subject(part, known) for part in parts)
                    if found is not None and found.kind == "name"), None)
    if earlier is None or (earlier.mention or "").lower() in (_described_person(clause) or "").lower():
        return None  # not "The Wisconsin Republican did …, but he …": those words describe, they name no one
    return earlier


_OWNED_SUBJECT = re.compile(r"\s*((?:[A-Z][\w\-]*\.?\s+){0,2}[A-Z][\w\-]*)(?:’s|'s)\s+([a-z]+)\b")


class _Context:
    """The article with its quotes blanked out, and its sentences, for finding subjects near a quote."""

    def __init__(self, article: Article, sentences: list[Sentence], spans: list[_Span]) -> None:
        chars = list(article.text)
        for s in spans:
            if s.depth == 0:
                for i in range(s.start, s.end):
                    chars[i] = " "
        self.masked = "".join(chars)
        self.sentences = sentences
        self.starts = [s.start for s in sentences]
        self.known: set[str] = set()
        # (offset, full name, mention) of each speaker named at an attribution, in reading order
        self.attributions: list[tuple[int, str, str]] = []
        self.found_at = 0  # where `antecedent` found its person (the start of that sentence)
        self.last_speaker: tuple[int, str, str | None, str | None] | None = None
        self._people: dict[tuple[int, int], tuple[_Speaker | None, _Speaker | None, str | None] | None] = {}

    @staticmethod
    def _sentence_people(
        clause: str, names: _Names
    ) -> tuple[_Speaker | None, _Speaker | None, str | None] | None:
        """Who a sentence is about: its reporting clause's speaker, its subject and a describing subject."""
        if not clause.strip():
            return None
        first_verb = _VERB.search(clause)
        opening = _SUBORDINATE.match(clause)
        if first_verb is not None and opening is not None:
            # "After Glenn Beck asked him …, D’Souza replied, “…”": the main clause's verb reports
            comma = clause.find(", ")
            later = _VERB.search(clause, comma + 2) if comma > first_verb.start() else None
            if later is not None:
                main = _verb_before(clause[comma + 2: later.end()], names.known)
                if main is not None and main.kind in {"name", "pronoun"}:
                    first_verb = later
                    clause = clause[comma + 2:]
        reporting = _verb_before(clause[: first_verb.end()], names.known) if first_verb else None
        aside = _PRONOUN_ASIDE.search(clause)
        if aside is not None and first_verb is not None and first_verb.start() < aside.start() and \
                aside.group(2).lower() in _SPEECH_FORMS:
            # "Cost estimates, he added, were …": the aside's pronoun reports, not a noun taken for a verb
            return _Speaker(aside.group(1).lower(), None, "pronoun"), None, None
        if first_verb is not None and re.search(r"(?:[”\",],?|^)\s*$", clause[: first_verb.start()]) and \
                first_verb.group(0).lower() not in {"told", "tells", "telling"}:
            # "“…,” said David Wasserman, an analyst": the speaker follows the verb
            tail = clause[first_verb.end():]
            end = _phrase_end(tail)
            after = parse_speaker(tail[:end]) if tail[:end].strip()[:1].isupper() and \
                tail[end:].lstrip(" ")[:1] in {",", ".", ""} else None
            if after is None and tail[:1] == " " and tail[1:2].isalnum() and not tail[1:2].isupper() and \
                    re.search(r"[”\"],?\s*$", clause[: first_verb.start()]):
                # "“…,” said master of ceremonies Asab Al-Tabchi, a Syrian engineer": role words, then name
                after = _verb_after(clause[first_verb.start():])
                after = after if after is not None and after.kind == "name" else None
            clause_after = after is not None and any(_looks_like_verb(w) for w in tail[:end].split()[1:])
            if after is not None and after.kind == "name" and not (
                clause_after and reporting is not None and reporting.kind == "name"
            ):
                # not "Aparna Mathur, who studies tax policy, said Ivanka Trump's statement …"
                reporting = replace(after, mention=_tail_mention(tail) or after.mention)
        if reporting is not None and reporting.kind == "pronoun":
            opening = _subject(clause[: first_verb.start()], names.known) if first_verb else None
            gender = {"he": "male", "she": "female"}.get(reporting.name or "")
            parts = _CONTRAST.split(clause[: first_verb.start()]) if first_verb else []
            opens = len(parts) > 1 and parts[-1].split()[:1] == [reporting.name]
            earlier = _earlier_subject(parts[:-1], clause, names.known) if opens else None
            full = names.full(earlier.name or "", 1 << 30) if earlier is not None else ""
            if full and gender and names.gender(full) in {gender, None} and names.is_person(full):
                return None, earlier, None  # "Rep. Dale Morrow didn’t …, but he did ask for …"
            if opening is not None and opening.kind == "name" and gender and \
                    names.gender(names.full(opening.name or "", 1 << 30)) == gender:
                # "Trump included the Philippines on a list of countries he said …": the subject speaks
                return None, opening, None
            return reporting, None, None
        if reporting is not None and reporting.kind == "definite":
            described = reporting.mention
        else:
            lead = _DEFINITE_SUBJECT.match(clause.lstrip(" “\"‘'"))
            described = lead.group(1) if lead and _looks_like_verb(lead.group(2)) else None
        subject = None
        parts = _CONTRAST.split(clause)
        for at in range(len(parts) - 1, -1, -1):
            subject = _subject(parts[at], names.known)
            if subject is not None:
                if subject.kind == "pronoun":
                    subject = _earlier_subject(parts[:at], clause, names.known) or subject
                break
        owned = _OWNED_SUBJECT.match(clause) if subject is None and reporting is None else None
        if owned is not None and owned.group(1).split()[-1].lower() in names.known and \
                owned.group(1).split()[0].lower() not in _PREPOSITIONS | _LIGHT_LEADS:
            # "Palin’s pugnacious posts about ISIS include …": the owner is whom the sentence is about
            subject = _Speaker(owned.group(1), None, "name", owned.group(1))
        opening = _described_person(clause)
        if opening is not None and described is None and any(w[:1].isupper() for w in opening.split()[1:]):
            described = opening  # "Instead, the Vermont senator is sticking to his message."
        if opening is not None:
            # "The Vermont senator declined …": the capitalised words describe the subject, they name no one
            for found in (reporting, subject):
                if found is not None and found.kind == "name" and \
                        (found.mention or "").lower() in opening.lower():
                    described = opening
                    reporting = None if found is reporting else reporting
                    subject = None if found is subject else subject
        return reporting, subject, described

    def attributed(self, name: str, since: int, before: int) -> str | None:
        """The latest mention of `name` at an attribution in [since, before), if any."""
        for at, who, mention in reversed(self.attributions):
            if at < since:
                return None
            if at < before and who == name:
                return mention
        return None

    def body_before(self, pos: int, names: _Names) -> tuple[str | None, str | None, str | None]:
        """The named body (no person of known gender) that is the subject of the sentence at `pos` or the one
        before it, as (name, role, mention): what "it" points at."""
        if not self.sentences:
            return None, None, None
        k = self.sentence_index(pos)
        for index in (k, k - 1):
            if index < 0 or self.sentences[index].paragraph != self.sentences[k].paragraph:
                break
            s = self.sentences[index]
            end = pos if index == k else s.end
            clause = self.masked[max(s.start, end - 2 * _WINDOW): end]
            found = _subject(clause, names.known)
            owned = _OWNED_SUBJECT.match(clause) if found is None else None
            if owned is not None and owned.group(2).lower() in {"campaign", "office", "team", "camp"}:
                # "Trump’s campaign backtracked. … it said": the campaign speaks for its owner
                return names.full(owned.group(1), pos), None, owned.group(0).strip()
            if found is None or found.kind != "name" or not found.name:
                continue
            full = names.full(found.name, pos)
            if names.gender(full) is not None:
                continue  # a person is "he" or "she", not "it"
            return full, found.role, found.mention or full
        return None, None, None

    def sentence_index(self, pos: int) -> int:
        return max(bisect.bisect_right(self.starts, pos) - 1, 0)

    def _introduced(self, s: Sentence, names: _Names, want: str) -> tuple[str, str] | None:
        """The person a sentence ends by introducing ("…, concerns Henry Crespo, president of …."), if any."""
        people = [(at, full) for at, full in names.people_between(s.start, s.end)
                  if len(full.split()) > 1 and names.gender(full) == want]
        if not people:
            return None
        at, full = people[-1]
        text = self.masked[at: s.end]
        last = full.split()[-1]
        end = text.find(last)
        if end < 0:
            return None
        tail = _INTRODUCED_TAIL.match(text[end + len(last):])
        if tail is None or "," in tail.group(1)[1:] or _words(tail.group(1)) > 14:
            return None
        lead = tail.group(1)[1:].split()[0].lower()
        if lead in _NOT_ROLE_START or lead.endswith("ing") or lead in {"where", "whose", "than", "or"} or \
                any(_is_finite_verb(w) for w in tail.group(1).split()):
            return None  # not "Brigid Harrison, Christie’s stare seemed to reflect sadness."
        return full, _mention(text[: end + len(last)] + tail.group(1)) or full

    def antecedent(
        self, pos: int, names: _Names, limit: int = 8, pronoun: str | None = None, office: str | None = None
    ) -> tuple[str | None, str | None]:
        """The person before `pos` that "he"/"she" points at, and that mention of them as written."""
        if not self.sentences:
            return None, None
        want = {"he": "male", "she": "female"}.get(pronoun or "")
        k = self.sentence_index(pos)
        opens = not self.masked[self.sentences[k].start: pos].strip() if self.sentences else False
        if want is not None and office is None and k > 0 and opens:
            introduced = self._introduced(self.sentences[k - 1], names, want)
            if introduced is not None:
                self.found_at = self.sentences[k - 1].start
                return introduced
        fallback: tuple[str | None, str | None] = (None, None)
        nominal: str | None = None  # "the Texas senator said": the nearest mention may describe, not name
        nominal_at = pos
        seen = 0
        for index in range(k, -1, -1):
            s = self.sentences[index]
            end = pos if index == k else s.end
            key = (max(s.start, end - _WINDOW), end)
            if key not in self._people:
                self._people[key] = self._sentence_people(self.masked[key[0]: key[1]], names)
            people = self._people[key]
            if people is None and not self.masked[key[0]: key[1]].strip(" \n“”\"‘’'.,"):
                continue  # a sentence inside a quote: blanked, it does not count towards the limit
            seen += 1
            if seen > limit:
                break
            if people is None:
                continue
            reporting, subject, described = people
            if reporting is not None and reporting.kind == "pronoun":
                continue  # "…, she said.": the person we look for is named further back
            if nominal is None:
                nominal = described
                nominal_at = s.start
            if subject is not None and subject.kind == "pronoun" and reporting is None:
                continue
            for found in (reporting, subject):
                if found is not None and found.kind == "name" and found.name:
                    full = names.full(found.name, pos, want)
                    if want is not None and (
                        _conjoined(found, self.masked[key[0]: key[1]])
                        or _modifies_group(found)
                    ):
                        continue  # "Jeb Bush and Chris Christie, who say", "The Sanders campaign": no "he"
                    if want is not None:
                        person = _as_person(found, full, self.masked[key[0]: key[1]], names)
                        if person is None:
                            continue  # "the Paris attacks", "Congress is wrestling": not a "he" or "she"
                        full = names.full(person, pos, want)
                    # words, not whitespace runs: "“Gov. Christie, blink twice …”" gives him the title too
                    said = set(re.findall(r"[\w’'\-]+\.?", names.described(full))) if office else set()
                    if office and not any(w in said for w in _OFFICES[office]):
                        continue  # "the senator" is someone the article calls a senator
                    if want is None or names.gender(full) in {want, None}:
                        self.found_at = nominal_at if nominal else s.start
                        return full, nominal or found.mention
                    if fallback[0] is None:
                        fallback = (full, found.mention)  # the name list can be wrong ("Rand" Paul)
            if want is not None and office is None and index >= k - 1 and \
                    (subject is None or subject.kind == "name"):
                # "…, with Hillary Clinton lambasting the plan. “…,” she said": the one person of that
                # gender the sentence names, when its subject is someone else
                fitting = {
                    full for _, full in names.people_between(s.start, end) if names.gender(full) == want
                }
                if len(fitting) == 1:
                    full = fitting.pop()
                    self.found_at = s.start
                    return full, nominal or full
        return fallback


def extract_quotes(article: Article, sentences: list[Sentence]) -> list[Quote]:
    """Every direct quote of the article with its speaker and role."""
    text = article.text
    spans = _find_spans(article)
    top = [s for s in spans if s.depth == 0][:_MAX_QUOTES]
    if not top:
        return []
    names = _Names(text)
    for s in top:
        s.words = _words(text[s.start:s.end])
    context = _Context(article, sentences, spans)
    context.known = names.known
    by_paragraph: dict[int, list[_Span]] = {}
    for s in top:
        by_paragraph.setdefault(s.paragraph, []).append(s)

    roles: dict[str, str] = {}
    resolved: list[_Resolved] = []
    for s in top:
        speaker = _signed(s) or _explicit(s, by_paragraph[s.paragraph], article, context)
        if s.words <= 3 and s.close_at is not None:
            # A scare quote is never output; resolve its speaker only if a quote after it inherits it.
            pending = speaker if speaker is not None and speaker.kind != "name" else None
            entry = _Resolved(s, None, None, pending)
            if speaker is not None and speaker.kind == "name":
                entry.name, entry.role, entry.mention = _resolve(speaker, s.open_at, names, context, roles)
            resolved.append(entry)
            continue
        if speaker is None:
            speaker = _signature_below(s, article)
        name, role, mention = _resolve(speaker, s.open_at, names, context, roles)
        if name is None:
            name, role, mention = _inherit(s, resolved, article, names, context, roles)
        if name is None:
            speaker = _embedded(s, article, context, names.known)
            name, role, mention = _resolve(speaker, s.open_at, names, context, roles)
        if name and role:
            roles.setdefault(name, role)
        resolved.append(_Resolved(s, name, role, mention=mention))
        if name:
            context.last_speaker = (s.open_at, name, role, mention)

    quotes: list[Quote] = []
    quoted = [text[e.span.start:e.span.end] for e in resolved if e.span.signed is None and e.span.words > 3]
    transcript = False
    for entry in resolved:
        s, name, role, mention = entry.span, entry.name, entry.role, entry.mention
        a, b = _trim(text, s.start, s.end)
        body = text[a:b]
        if _TRANSCRIPT_TAG.match(body) or (transcript and s.continues):
            transcript = True
            continue  # "WALLACE: Let’s start …" and the paragraphs of its turn: a transcript, not a quote
        transcript = False
        if _words(body) <= 3:
            continue  # scare quotes and names in marks ("Article 5") are not quotes
        if _is_title(body) or (s.close_at is not None and text[s.close_at - 1] == "," and
                                _BYLINE.match(text, s.close_at + 1)):
            continue  # a title or slogan in marks ("The Art of the Deal"; "“Museum to close,” by Jo Ames")
        if s.signed is not None and any(_repeated(body, other) >= 0.8 for other in quoted):
            continue  # a pull quote repeats words the article quotes in its text
        role = _tidy_role(role or (roles.get(name) if name else None))
        mention = _tidy_mention(mention, name) if name else None
        name, role = _shown_speaker(name, role, mention)
        name, role, mention = _person_named(name, role, mention, names)
        shown = _role_head(role) if role else None
        if shown and name and set(shown.casefold().split()) <= set(name.casefold().split()):
            shown = None  # "Al From" with the role "Al"
        if name and role and shown != role and (
            not mention or set(mention.casefold().split()) <= set(name.casefold().split())
        ):
            mention = f"{name} ({role})"  # the reader sees the role's head, the label the article's words
        role = shown
        quotes.append(Quote(text=body, speaker=name, role=role, start=a, end=b, mention=mention))
    return quotes


# A transcript's turn opens with its speaker's name in capitals: "PENCE: Well, look, …"
_TRANSCRIPT_TAG = re.compile(
    r"^(?!(?:YES|NO|NOTE|READ MORE|UPDATE|BREAKING|WATCH|EDITOR'S NOTE|EDITOR’S NOTE):)"
    r"[A-Z][A-Z.’'\-]{2,}(?: [A-Z][A-Z.’'\-]+){0,2}: "
)
# "“City museum to close in December,” by the Post’s Jo Ames": a headline cited with its byline
_BYLINE = re.compile(r"\s*by\s+(?:the\s+)?(?:[A-Z][\w.\-]*\s+){0,3}[A-Z][\w.\-]*(?:’s|'s|’|')\s+[A-Z]")


def _signed(s: _Span) -> _Speaker | None:
    """The person who signs a pull quote, when the signature names one."""
    if s.signed is None:
        return None
    found = parse_speaker(s.signed.split(",")[0])
    if found is None or found.kind != "name":
        return None
    return _Speaker(found.name, found.role, found.kind, _mention(s.signed))


def _repeated(a: str, b: str) -> float:
    """The share of the words of `a` that `b` repeats: a pull quote is often a cut of a longer quote."""
    ta, tb = Counter(w.lower() for w in WORD.findall(a)), Counter(w.lower() for w in WORD.findall(b))
    return sum((ta & tb).values()) / max(1, sum(ta.values()))


# Lower-case words that belong to the clause around a mention, never to a description of the speaker
_CLAUSE_JUNK = {"whether", "why", "how", "what", "it’s", "it's", "that", "there’s", "there's", "as"}


_ASIDES = {"however", "meanwhile", "though", "too", "instead", "nonetheless", "nevertheless", "moreover"}


_ROLE_JUNK_LEADS = {"to", "until", "when", "while", "as", "if", "after", "before", "because", "since",
                    "though", "although", "and", "but", "so", "yet", "then", "also", "just", "even", "both"}


_RELATIVE = re.compile(r",?\s+(?:who|whom|whose|which|that)(?:[’']s)?(?:\s+.*)?$|\s+[-–—]\s+.*$|;.*$")
_RELATIVE_LEAD = re.compile(r"^(?:who|which|that)\s+(?:is|was|are|were)\s+(?=(?:an?|the|one)\s)")
_FRAGMENT_LEADS = {"about", "including", "like", "unlike", "with", "without", "despite", "during",
                   "amid", "by", "using", "speaking", "celebrating", "eager", "he", "she", "they", "it", "we"}
_CLAUSE_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could)\b|\w[’']s\s+(?:also|just|barely|not|been|never|now)\b"
)
_LONG_ROLE = 12
# "Frank quotes former Carter adviser", "movie shows": a clause about the speaker, not a description
_REPORTS_IN_ROLE = re.compile(r"\b\w+\s+(?:quotes|says|said|shows|writes|wrote|told|tells|used|asks|asked)\b")
_PAST_REPORTS = {form for form in _ALL_FORMS if form.endswith("ed") and " " not in form}
# Words no description of a speaker holds: the speaker's own voice, a contraction, a share of a poll
_NOT_A_ROLE = re.compile(r"\b(?:I|[Yy]ou|[Ww]e|[Mm]y|[Oo]ur|[Yy]our)\b|n[’']t\b|[’']re\b|^\d+\s+percent\b")


def _role_head(role: str) -> str | None:
    """The appositive head of a role: no relative clause, no clause fragment, at most a dozen words.

    "a former state chair who is supporting Brooks" -> "a former state chair"; "who is a pastor at X" ->
    "a pastor at X"; "about the content mix", "the delegate math is daunting" -> None.
    """
    role = re.sub(r"^[A-Z]\.\s+(?=[A-Z])", "", role)  # "N. Ambassador": the cut end of "U.N."
    if re.search(r"[\[\]()“”\"]", role) or re.fullmatch(r"[A-Z][A-Z\s]{4,}|(?:Mr|Mrs|Ms|Miss|Dr)\.?", role):
        return None  # "[Lee", "LONDON", "Mr.": no description of the speaker
    dateline = re.match(r"^[A-Z][A-Z.,\s]+\s+[-–—]\s+(?=\S)", role)
    if dateline:
        role = role[dateline.end():]  # "NEW YORK - Republican presidential candidate"
    role = _RELATIVE_LEAD.sub("", role)
    role = _RELATIVE.sub("", role).strip(" ,")
    words = role.split()
    if not words or words[0].lower() in _FRAGMENT_LEADS or \
            re.match(r"(?i)(?:who|whom|whose|which|that)\b", role) or \
            _CLAUSE_VERB.search(role) or words[0] == "of" and any(w[:1].islower() for w in words[1:]):
        return None  # "who’s chairing …", "of Philadelphia sold water …"; "of Sarasota" places the speaker
    while len(words) > 2 and words[-1].lower() in {"and", "or"}:
        words.pop()  # "executive director at the Center of Media Justice and"
    role = " ".join(words)
    first, last = words[0].lower(), words[-1].lower().strip(".")
    if first in (_PREPOSITIONS - {"of"}) | {"just", "even", "again"} or \
            last in _PREPOSITIONS | {"a", "an", "the", "his", "her", "their", "its", "via"} or \
            _NOT_A_ROLE.search(role) or _REPORTS_IN_ROLE.search(role) or \
            any(w in _PAST_REPORTS for w in words) or first.endswith("ing") and len(words) > 1 and \
            words[1].lower() in _PREPOSITIONS | _DETERMINERS | {"down", "up", "out", "off"}:
        return None  # "from Mike Lee", "still backs", "stars an", "I think", "37 percent", "taking down"
    owner = re.fullmatch(r"((?:[A-Z][\w.\-]*\s+)*[A-Z][\w.\-]*)(?:’s|'s|’|')", role)
    if owner:
        # "Gallup’s", "Iowa State University's": the body the speaker works for
        lead = owner.group(1).split()[0]
        return None if lead in {"Here", "There", "It", "That", "What", "Who"} else owner.group(1)
    if re.search(r"[’']s?$", role):
        return None  # "Trump’s": the start of a phrase about someone else
    while len(words) > _LONG_ROLE:
        cut = max((i for i, w in enumerate(words[:-1]) if i > 1 and w in {"in", "at", "from", "since", "and",
                                                                            "with", "during", "for", "on"}),
                  default=_LONG_ROLE)
        words = words[:cut]
    return " ".join(words).rstrip(" ,") or None


def _tidy_role(role: str | None) -> str | None:
    """A role, or None when it is words of the clause around the name ("Asked whether", "to Sen.")."""
    if not role:
        return role
    words = role.split()
    described = words[0].lower() in _DETERMINERS | _POSSESSIVES | {"who", "whose", "whom", "which"}
    if words[0].lower() in _ROLE_JUNK_LEADS | _CLAUSE_JUNK or not described and any(
        w.strip(",") in _CLAUSE_JUNK for w in words
    ):
        return None  # not "a history teacher at the school that was hosting it", "who identifies as …"
    if _MARKS.search(role) or "‘" in role or role.startswith("'"):
        return None  # "'crazy election,'": quoted words, not a role
    if role.strip(" ,.").isdigit() or not described and any(
        w.endswith(("n’t", "n't")) or w in {"when", "whether"} for w in words
    ):
        return None  # "35", "this isn’t a campaign", "half-empty when GOP presidential candidate"
    if len(words) == 1 and words[0][:1].islower() and (
        _looks_like_verb(words[0]) or words[0] in _ADVERBS | _TRAILING | _LIGHT_LEADS | _DETERMINERS
    ):
        return None
    return role


# "a New Hampshire Republican", "A reporter for Agence France-Presse": the name only places the speaker
_PLACED_BY = re.compile(r"\b(?:at|inside|from|to)\s+(?:the\s+)?$")  # "a spokesman for X": X speaks
# "Chuck Schumer of New York", "Fox News’ Sean Hannity": the person's name inside a longer phrase
_NAME_OF = re.compile(r"^((?:[A-Z][\w’'\-]*\.?\s+){1,3}[A-Z][\w’'\-]*)\s+of\s+[A-Z].*$")
_BODIES = {"board", "patriarchate", "university", "department", "bank", "college", "church", "party",
           "council",
           "committee", "institute", "association", "league", "society", "court", "union", "office", "bureau",
           "center", "centre", "school", "foundation", "federation", "ministry", "house", "city", "state",
           "chamber", "academy", "agency", "commission", "service", "services", "fund", "group", "coalition"}
_OUTLET_OWNED = re.compile(
    r"^(?:[A-Z][\w\-.]*\s+){0,3}[A-Z][\w\-.]*(?:’s|'s|’|')\s+(?=[A-Z][\w’'\-]*\s+[A-Z])"
)


# Occupations written like a title before a name ("Actress Amandla Stenberg"); a reader sees them as a role
_OCCUPATIONS = {
    "actor", "actress", "comedian", "comic", "editor", "founder", "co-founder", "filmmaker", "journalist",
    "reporter", "columnist", "rabbi", "pastor", "alderman", "alderwoman", "recorder", "anchor", "host",
    "author", "writer", "singer", "rapper", "producer", "director", "activist", "businessman",
    "businesswoman",
    "billionaire", "economist", "historian", "pollster", "strategist", "commentator", "professor", "attorney",
    "lawyer", "candidate", "nominee", "challenger", "rival", "star", "celebrities", "entrepreneur", "chef",
}


def _shown_description(name: str, mention: str | None) -> str | None:
    """A description as a reader should see it: whole ("a person close to the Clintons"), not a clause."""
    if mention and mention != name and mention.startswith(name):
        whole = re.split(r",|\s+(?:who|whom|which|that)\s", mention)[0].strip(" .)")
        if len(whole.split()) <= 10 and not any(_is_clause_verb(w) for w in whole.split()):
            return whole  # "a person close" -> "a person close to the Clintons"
    words = name.split()
    verb = next((i for i, w in enumerate(words) if i >= 2 and _is_clause_verb(w)), len(words))
    words = words[:verb]
    dangling = {"who", "whom", "which", "that", "just", "also"} | _PREPOSITIONS
    while len(words) > 2 and (words[-1].lower() in dangling or words[-1].endswith(("ly", "’s", "'s"))):
        words.pop()  # "the groups who", "An Egyptian textbook just"
    if len(words) == 1 and words[0].lower() in _INDEFINITE | _PRONOUNS:
        return None  # "one", "some": no one a reader could name
    return " ".join(words).rstrip(" ,.)") or None


def _is_clause_verb(word: str) -> bool:
    """A verb that makes a description a clause ("The email goes on", "a reporter can be heard")."""
    bare = word.strip(",.;:").lower()
    return word[:1].islower() and not bare.endswith("ing") and (
        bare in _ALL_FORMS or bare in _AUXILIARIES or bare in {"goes", "plans"}
    )


_RUN = r"[A-Z][\w’'\-]+(?:\s+(?:[A-Z]\.|[A-Z][\w’'\-]+)){1,3}"
_LEADING_PERSON = re.compile(rf"^({_RUN})(?=\s+of\s|,)")  # "Jeffrey Lewis of the James Martin Center …"
_TRAILING_PERSON = re.compile(rf",\s+({_RUN})$")  # "His former business partner at Lenox, Lawrence Cummings"


def _person_in_mention(name: str, mention: str | None) -> str | None:
    """The person a mention names when the speaker found is a body or place inside it, else None."""
    if not mention or name not in mention or mention == name:
        return None
    for pattern in (_TRAILING_PERSON, _LEADING_PERSON):
        if mention.startswith(name) and (pattern is _LEADING_PERSON or name[:1].isupper()):
            continue  # "Drew Heiserman, a member of …": the mention opens with the speaker's own name
        match = pattern.search(mention)
        if match and name not in match.group(1) and first_name_gender(match.group(1).split()[0]) is not None:
            return match.group(1)
    return None


_CAPS_FUNCTION = {"OF", "THE", "TO", "IN", "AT", "ON", "FOR", "AND", "A", "AN", "ITS", "IS", "WAS"}
# Capitalised words that open a sentence, never a name: "Neither Johnson nor Weld …", "Was Szlachta …"
_NOT_FIRST = {
    "neither", "either", "both", "was", "is", "are", "were", "does", "did", "has", "had", "absent", "not",
    "asserting", "stated", "continued", "interestingly", "enter", "maybe", "perhaps", "fault",
}


def _person_named(
    name: str | None, role: str | None, mention: str | None, names: _Names
) -> tuple[str | None, str | None, str | None]:
    """The person's own name when a run holds words before it ("North Korea Donald Trump", "Chicago
    Alderman Jason C. Ervin") or the article gives only one full name for a first name ("Donald").

    The mention keeps the article's words, so the label loses none of them.
    """
    if not name or name[:1].islower():
        return name, role, mention
    tokens = name.split()
    if re.fullmatch(r"[A-Z’'\s]+", name) and (len(tokens) >= 3 or any(t in _CAPS_FUNCTION for t in tokens)):
        return None, None, mention or name  # "REST OF THE", "TO USE": words of a headline in capitals
    if len(tokens) == 1 and name.lower() in _RUN_BREAKS | _PREPOSITIONS:
        # "Of course, Clinton …": the function word opened the sentence; the name after it speaks
        later = [w.strip(",.;:") for w in (mention or "").split()[1:] if w[:1].isupper()]
        if not later:
            return None, None, mention
        fulls = {full for _, full in names.by_last.get(later[-1].lower(), [])}
        return (fulls.pop() if len(fulls) == 1 else later[-1]), role, mention
    if len(tokens) == 2 and tokens[0].lower() in _NOT_FIRST:
        # "Neither Johnson", "Stated Stone", "Interestingly Blocher": the surname, in full if there is one
        fulls = {full for _, full in names.by_last.get(tokens[1].lower(), []) if full != name}
        return (fulls.pop() if len(fulls) == 1 else tokens[1]), role, mention or name
    if len(tokens) == 1 and first_name_gender(name) is not None:
        fulls = {full for full in names.all_full() if full.split()[0] == name and len(full.split()) >= 2}
        if len(fulls) == 1:
            return fulls.pop(), role, mention or name  # "Donald" -> "Donald Trump"
        return name, role, mention
    at = next((i for i, t in enumerate(tokens[1:-1], 1) if first_name_gender(t) is not None or
               re.search(r"-[a-z]", tokens[i - 1])), None)
    if at is None or not all(t[:1].isupper() for t in tokens[:at]) or first_name_gender(tokens[0]) or \
            re.fullmatch(r"(?:[A-Z]\.)+", tokens[0]) or tokens[-1].lower() in _BODIES:
        return name, role, mention  # "Anne Marie Murphy", "J. Gerald Hebert", "Trayvon Martin Foundation"
    dropped = tokens[:at]
    if role is None and (dropped[-1].lower().rstrip(".") in _TITLES | _OCCUPATIONS or "-" in dropped[-1] and
                         not re.search(r"-[a-z]+$", dropped[-1]) or dropped[-1] in {"Recorder", "Advocate"}):
        role = " ".join(dropped)  # "Chicago Alderman", "Post Editor-in-Chief"
    if not mention or set(mention.casefold().split()) <= set(name.casefold().split()):
        mention = name  # the label keeps the article's words
    return " ".join(tokens[at:]), role, mention


def _shown_speaker(name: str | None, role: str | None, mention: str | None) -> tuple[str | None, str | None]:
    """The speaker's name and role as a reader should see them; the mention keeps the article's words.

    A name that only places an unnamed speaker ("a New Hampshire Republican") gives way to the
    description; "Chuck Schumer of New York" and "Fox News’ Sean Hannity" show the person's name.
    """
    if not name:
        return name, role
    if name.lower() in _INDEFINITE | _PRONOUNS:
        # "one" of "one of those advisers, who …"; "some": no one a reader could name
        return _shown_description(name, mention), None
    if len(name.split()) >= 4 and re.search(r"\s(?:Is|Are|Was|Not|Of|In|To|And|For|With)\s", name):
        # "Deporting Parents Is Not The Kind Of Values Americans Believe": a headline, not a name
        return (mention if mention and mention != name else None), None
    person = _person_in_mention(name, mention)
    if person:
        return person, None  # the role found was the description's, the body's or the place's
    described = name[:1].islower() or name.split()[0].lower() in _INDEFINITE | _DEFINITE
    if described:
        return _shown_description(name, mention), role
    lead = name.split()[0]
    if len(name.split()) >= 3 and mention and f" of {name}" in mention and first_name_gender(name.split()[1]):
        return name.split(" ", 1)[1], role  # "RNC Chief of Staff Katie Walsh": "Staff" ends the title
    if len(name.split()) >= 3 and lead.lower() in _OCCUPATIONS:
        # "Comedian Sarah Silverman", "Founder Beverly Bond": the occupation is the role
        return name.split(" ", 1)[1], role or lead.lower()
    if mention and mention != name and name in mention and not mention.startswith(name) and (
        mention.split()[0].lower() in _INDEFINITE or re.match(r"[A-Z][\w.\-]*(?:’s|'s)\s+[a-z]", mention)
    ):
        at = mention.index(name)
        after = mention[at + len(name):]
        indefinite = mention.split()[0].lower() in _INDEFINITE
        if _PLACED_BY.search(mention[:at]) or indefinite and re.match(r"\s+[A-Za-z]", after):
            # "another New Hampshire Democrat", "One operative inside Trump Tower", "Mexico's ambassador to
            # the United States"; the label keeps the rest
            return mention.split(",")[0], None
    match = _NAME_OF.match(name)
    if match and len(match.group(1).split()) >= 2 and match.group(1).split()[-1].lower() not in _BODIES:
        name = match.group(1)  # "Ben Cardin of Maryland"
    name = _OUTLET_OWNED.sub("", name)  # "RealClearPolitics’ David Byler"
    return name, role


def _tidy_mention(mention: str | None, name: str) -> str | None:
    """The article's mention of a speaker without the clause words caught around it, or None if it is junk.

    "Asked whether Clinton" -> "Clinton"; "Mendoza regularly" -> "Mendoza"; "demonstrate how" -> None.
    """
    if not mention or mention == name or any(w[:1].islower() for w in name.split()):
        return mention  # a description speaks as itself
    words = mention.split()
    surname = name.split()[-1] if name.split() else ""
    at = next((i for i, w in enumerate(words) if w.strip(",.;:’'").removesuffix("’s") == surname), None)
    if at is None:
        first = words[0]
        if first[:1].isupper() or first.lower() in _DETERMINERS or first.lower() in _POSSESSIVES or \
                first.lower() in _TITLES or first[:1].isdigit():
            return mention  # "the businessman", "New Jersey’s sitting governor", "President"
        return None  # "demonstrate how", "to Sen.": words of the clause, not a mention
    lead = words[:at]
    cut = max((i for i, w in enumerate(lead) if w.strip(",") in _CLAUSE_JUNK | {"As"}), default=-1)
    if cut >= 0 and words[cut + 1][:1].isupper():
        words = words[cut + 1:]
        at -= cut + 1
    after = words[at + 1] if at + 1 < len(words) else ""
    bare = after.lower().strip(",")
    adverb = bare in _ADVERBS | _TRAILING | _ASIDES or len(bare) > 4 and bare.endswith("ly") and bare not in {
        "family", "reply", "supply", "ally", "rally", "assembly", "daily", "weekly", "monthly", "quarterly"}
    if after[:1].islower() and not words[at].endswith((",", "’s", "'s")) and bare not in _JOINERS and (
        _looks_like_verb(after) or adverb
    ) or bare in _ASIDES and words[at].endswith(","):
        words = words[: at + 1]  # "Mendoza regularly", "Murphy owes", "Trump, however": the clause goes on
    return " ".join(words).rstrip(" ,;:") or None


def join_utterances(article: Article, quotes: list[Quote]) -> list[Quote]:
    """Join the parts of one utterance split by its attribution (“…,” he said. “…”) into one quote.

    `extract_quotes` keeps the parts apart, as the labelled data does; this is for display. A joined
    quote's text is its parts separated by a space, and its offsets run from the first part to the last.
    """
    joined: list[Quote] = []
    for q in quotes:
        prev = joined[-1] if joined else None
        if prev is not None and prev.speaker and prev.speaker == q.speaker and _attribution_between(
            article, prev.end, q.start
        ):
            joined[-1] = Quote(
                text=f"{prev.text} {q.text}", speaker=prev.speaker, role=prev.role or q.role,
                start=prev.start, end=q.end, mention=prev.mention or q.mention,
            )
        else:
            joined.append(q)
    return joined


def _attribution_between(article: Article, end: int, start: int) -> bool:
    """True when only a short reporting clause (", he said. ") separates two quotes of one paragraph."""
    gap = article.text[end:start]
    if "\n" in gap or _words(gap) > 12:
        return False
    return _VERB.search(gap) is not None and gap.count("“") + gap.count('"') <= 1


# A pull quote: a paragraph that is one quotation signed by its last words ("“…here. S.C. Rep. Jim Clyburn.”")
_SENTENCE_END = re.compile(r"[.?!…][’'”]?\s+(?=[A-Z])")


def _pull_quote(text: str) -> tuple[int, str] | None:
    """Where the quoted words of a signed pull-quote paragraph end, and its signature."""
    text = text.rstrip()
    if text[:1] not in {'"', "“"} or not re.search(r"\.[’'”\"]*[”\"]$", text) or \
            len(_MARKS.findall(text)) != 2:
        return None
    found = None
    for match in reversed(list(_SENTENCE_END.finditer(text))):
        if _ABBREV_END.search(text[:match.start() + 1]):
            continue  # "… with Mr. Trump": a title, not the end of a sentence
        who = text[match.end():].rstrip("”\"’' ").rstrip(".")
        if _words(who) > 12:
            break
        if _is_signature(who.split(",")[0]):
            found = (match.start() + 1, who)
    return found


def _is_signature(phrase: str) -> bool:
    """A name with its titles ("Former NAACP president Ben Jealous"), and nothing else."""
    words = phrase.split()
    if len(words) < 2 or not all(_NAME_TOKEN.match(w) for w in words[-2:]):
        return False
    if words[0].lower().strip(".") in _NOT_NAMES - _TITLES:
        return False
    return all(_NAME_TOKEN.match(w) or w.lower().strip(".") in _TITLES for w in words)


def _find_spans(article: Article) -> list[_Span]:
    """All quotations of the article, marking those that continue an unclosed one before them."""
    spans: list[_Span] = []
    open_tail = False
    for index, para in enumerate(article.paragraphs):
        if para.is_heading:
            open_tail = False
            continue
        found = _scan(para.text, index)
        pull = _pull_quote(para.text)
        if pull is not None:
            for span in found:
                if span.depth == 0 and span.end > pull[0]:
                    span.end, span.close_at, span.signed = pull[0], pull[0], pull[1]
        for span in found:
            span.open_at += para.start
            span.start += para.start
            span.end += para.start
            if span.close_at is not None:
                span.close_at += para.start
        if found and open_tail and found[0].open_at == para.start:
            found[0].continues = True
        tops = [s for s in found if s.depth == 0]
        open_tail = bool(tops) and tops[-1].close_at is None
        spans.extend(found)
    return spans


def _explicit(s: _Span, siblings: list[_Span], article: Article, context: _Context) -> _Speaker | None:
    """The speaker named by a reporting clause right after or right before the quote."""
    text = article.text
    para = article.paragraphs[s.paragraph]
    k = siblings.index(s)
    held: _Speaker | None = None  # an attribution after the quote that may belong to a later clause
    # the clause after a quote runs to the next real quote; a scare-quoted name inside it does not stop it
    next_open = next((x.open_at for x in siblings[k + 1:] if x.close_at is None or x.words > 3), para.end)
    prev_close = siblings[k - 1].close_at + 1 if k > 0 and siblings[k - 1].close_at is not None else None
    sentences = context.sentences
    if s.close_at is not None:
        si = context.sentence_index(s.close_at)
        stop = min(sentences[si].end if sentences else para.end, next_open, s.close_at + 1 + _WINDOW)
        after = text[s.close_at + 1: stop]
        if _ABBREV_END.search(after.rstrip().rstrip(".")) and after.rstrip().endswith(".") and \
                si + 1 < len(sentences) and sentences[si + 1].paragraph == sentences[si].paragraph:
            # "said Del. Stacey Plaskett": the sentence was cut at a title, the name follows it
            stop = min(sentences[si + 1].end, next_open, s.close_at + 1 + _WINDOW)
            after = text[s.close_at + 1: stop]
        if not after.strip() and stop < next_open and si + 1 < len(sentences):
            nxt = sentences[si + 1]
            # “…?” Clinton asks.  /  “….” Trump said.  /  “…!” Murphy, the head of Right to Rise, tweeted.
            ends = text[s.close_at - 3: s.close_at].rstrip("’'")[-1:]  # “… ‘What can we do?’” Renteria told …
            if nxt.paragraph == s.paragraph and ends in {"?", "!", "."}:
                verb = _VERB.search(text, nxt.start, min(nxt.end, next_open))
                lead = text[nxt.start: verb.start()] if verb else ""
                short = verb is not None and (
                    verb.group(0).lower() in _SHORT_VERBS
                    or not verb.group(0).endswith("ing") and _words(lead) <= 3 and _is_plain_name(lead)
                )
                # the sentence is only the attribution: not "He said Nunberg was bound by …"
                rest = text[verb.end(): min(nxt.end, next_open)] if verb else ""
                pronoun = lead.strip().lower() in _PRONOUNS
                ends_soon = _words(rest) <= 6 or rest.lstrip()[:1] in {",", "."}
                brief = _words(lead) <= 3 or (lead.count(",") == 2 and _words(lead) <= 14) or \
                    ends_soon and _titled_name(lead)  # "US Senator Jeff Sessions said as he …"
                if verb and short and brief and not rest.rstrip().endswith(":") and (
                    not pronoun or _words(rest) <= 6 or rest.lstrip()[:1] in {",", "."}
                ):  # not "Trump replied:", which opens the next quote
                    after = text[nxt.start: min(nxt.end, next_open)]
        if after.strip() and after.lstrip()[:1] not in ".!?":
            # a quote that ends its sentence ("….”) may be followed by a sentence of its own
            found = _verb_after(after, closed=text[s.start: s.end].rstrip()[-1:] in {".", "?", "!", "…"})
            if found is not None and _introduces_next(text, s, after):
                found = None  # "“Why now?” Mills then writes back, “You look cute.”": the next quote's verb
            if found is not None and _mid_clause(text, s, after):
                # "Cruz says he is “tied for second” with Marco Rubio, in a finish he said …": the clause
                # that holds the quote names its speaker before it; the verb after belongs to another clause
                held = found
                found = None
            if found is not None:
                return _with_source(found, after)
            plain = _WORD_NAME_SAID.match(after)
            if plain and plain.group(1).lower() in context.known:
                # "“…,” From said.": a surname that is also a common word, known from the article's names
                return _Speaker(plain.group(1), None, "name", plain.group(1))
            barked = _NAME_VERBED.match(after)
            if barked and text[s.close_at - 1] == "," and \
                    barked.group(1).split()[-1].lower() in context.known:
                # "“…,” Oliver barked.": after a quote that ends in a comma, a known name and any past-tense
                # verb that ends the clause report it
                return _Speaker(barked.group(1), None, "name", barked.group(1))
        elif not after.strip():
            # “…” ― Jacklyn Ashley: a signature after the quote, even when a sentence ends at the mark
            signature = text[s.close_at + 1: min(next_open, s.close_at + 121)]
            found = _verb_after(signature) if _DASH_ATTRIBUTION.match(signature) else None
            if found is not None and found.kind == "name":
                return found
    si = context.sentence_index(s.open_at)
    begin = max(sentences[si].start if sentences else para.start, para.start, s.open_at - _WINDOW)
    if prev_close is not None and prev_close > begin:
        begin = prev_close
    before = text[begin: s.open_at]
    source = _DASH_SOURCE.search(before)
    if source is not None:
        return _dash_source(source.group("who"))
    if before.strip() and _ANY_VERB.search(before):
        found = _verb_before(before, context.known)
        if found is not None:
            return _with_source_before(found, before)
    if before.rstrip().endswith(":"):
        # "Trump … boomed: “…”"; "a spokesman for the senator could only quip: “…”"
        return _subject(before, context.known) or held or _thing_before(before) or _described_subject(before)
    return held or _thing_before(before)


# A described subject whose clause ends in a colon: "Obama's first five questioners ranged from skeptical
# to hostile: “…”", "The scheduling was so odd that a spokesman for Bernie Sanders could only quip: “…”"
_CLAUSE_START = re.compile(r"^|,\s+|\bthat\s+|[.!?]\s+")
_NP_LEAD = re.compile(r"^(?:[Aa]n?|[Oo]ne|[Aa]nother|[Ss]ome|[Tt]he|[A-Z][\w\-]*(?:’s|'s))$")


def _reports(word: str) -> bool:
    """A form of a reporting verb, its bare form included ("could only quip", "the decree states")."""
    bare = word.lower()
    return bare in _ALL_FORMS or bare in {"states", "stated", "reads", "read"} or any(
        bare + ending in _SPEECH_FORMS for ending in ("s", "es", "ed", "d"))


def _described_subject(before: str) -> _Speaker | None:
    """A noun phrase that opens the clause ending in the colon before a quote, followed by its verb."""
    clause = before.rstrip()
    if not clause.endswith(":"):
        return None
    for start in reversed([m.end() for m in _CLAUSE_START.finditer(clause)]):
        words = clause[start:-1].split()
        if not words or not _NP_LEAD.match(words[0]) or re.search(r"[,;“”\"]", clause[start:-1]):
            continue
        k = next((i for i, w in enumerate(words) if i > 0 and (_looks_like_verb(w) or (
            w in _ADVERBS and i + 1 < len(words) and _looks_like_verb(words[i + 1])))), None)
        if k is None or len(words) - k > 8 or k > 8 or \
                any(w.lower() in _PRONOUNS or not re.fullmatch(r"[\w’'\-.]+", w) for w in words) or \
                not any(_reports(w) for w in words[k:]):
            return None  # "the implications of his study are clear:" reports no speech
        phrase = " ".join(words[:k])
        return _Speaker(phrase, None, "description", phrase)
    return None


# A roundup's source after a dash and before a colon: "Pollsters agree - Carl Bialik: “…”"
_DASH_SOURCE = re.compile(
    r"(?:^|\s)[-–—]\s*(?:[Mm]ore from\s+)?"
    r"(?P<who>[A-Z][^\s:;“”\"]*(?:\s+(?:and\s+)?[A-Z][^\s:;“”\"]*){0,5}):\s*$"
)


def _dash_source(who: str) -> _Speaker:
    """The person or outlet named as a roundup's source ("Mark Blumenthal and Jon Cohen", "HuffPollster")."""
    found = parse_speaker(who)
    if found is not None and found.kind == "name" and " and " not in who:
        return replace(found, mention=who)
    return _Speaker(who, None, "description", who)


# A document or a body as the subject of the clause that introduces a quote: "One Club for Growth ad,
# which is currently airing, argues that “…”", "The headline reads: “…”",
# "Ryan’s campaign shrugged off Trump’s comments, telling reporters, “…”"
_DOCUMENTS = (
    "headline|ad|advertisement|letter|statement|email|e-mail|memo|report|website|site|tweet|post|release|"
    "editorial|column|brief|filing|complaint|petition|message|note|response|reply|answer|campaign|office|"
    "ruling|lawsuit|transcript|caption|banner|sign|flyer|mailer|page|book|study|document|passage|resolution"
)
_THING_SUBJECT = re.compile(
    r"(?:^|(?<=[.!?;—]\s)|(?<=\bAnd\s)|(?<=\bBut\s)|(?<=\bbout\s))"
    r"(?P<np>(?:(?:[Tt]he|[Tt]his|[Tt]hat|[Oo]ne|[Aa]n?|[Aa]nother|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+|"
    r"(?=(?:[A-Z][\w\-]*\s+){0,2}[A-Z][\w\-]*(?:’s|'s|’|')\s))"
    r"(?:[\w\-/’',]+\s+){0,5}?(?:" + _DOCUMENTS + r")"
    r"(?:\s+(?:from|of|by)\s+(?:the\s+)?(?:[A-Z][\w\-.’']*\s*){1,4})?)"
    r"(?P<tail>(?:,\s+(?:which|that)\s+[^,“”\"]{1,80},)?\s+[^“”\".!?;]{0,80})$"
)
_THING_VERBS = {
    "reads", "read", "says", "said", "states", "stated", "notes", "noted", "argues", "argued", "declares",
    "declared", "claims", "claimed", "warns", "warned", "adds", "added", "continues", "continued", "was",
    "is", "makes", "made", "lists", "listed", "asks", "asked", "begins", "began", "concludes", "concluded",
    "saying", "stating", "telling", "writes", "wrote", "explains", "explained", "insists", "insisted",
}


def _thing_before(before: str) -> _Speaker | None:
    """The document or body that a clause before the quote makes its speaker, when its verb reports."""
    match = _THING_SUBJECT.search(before.rstrip())
    if match is None:
        return None
    tail = re.sub(r",\s+(?:which|that)\s+[^,“”\"]{1,80},", " ", match.group("tail"))
    words = [w.strip(",:").lower() for w in tail.split()]
    if not words or len(words) > 12 or not any(w in _THING_VERBS for w in words) or \
            any(w in _PRONOUNS for w in words):
        return None
    end = before.rstrip()
    if not (end.endswith((":", ",")) or words[-1] in {"that", *_THING_VERBS}):
        return None  # "The answer was not as bite-sized as the “…”": no quote is introduced
    phrase = _clean_phrase(match.group("np"))
    words = phrase.split()
    if any(_looks_like_verb(w) for w in words[1:-1]):
        return None  # "The town released a statement": a clause, not a noun phrase
    lead = words[0].lower()
    if lead in {"his", "her", "their", "its"}:
        return None  # "Her campaign": who "her" is is a question for the pronoun resolver, not this rule
    owner = re.match(r"^((?:[Tt]he|[Tt]his|[Tt]hat)\s+[^’']+)(?:’s|'s)\s+\S+$", phrase)
    if owner and not _is_name_token(owner.group(1).split()[-1]):
        # "The Florida senator’s answer was that": the senator named before speaks
        return _Speaker(owner.group(1), None, "definite", phrase)
    return _Speaker(phrase, None, "description", phrase)


_CLAUSE_END = {",", ".", "!", "?", "…", "—", "–", "-", ":", ";"}


_ACCORDING = re.compile(r"^[^“”\"\n]{0,120}?,?\s+according\s+to\s+([^,.;:!?“”\"\n]{2,80})")


def _with_source(found: _Speaker, after: str) -> _Speaker:
    """"“…,” Sanders said, according to CNN": the mention shows the source the article cites for the words."""
    if found.kind not in {"name", "definite"}:
        return found
    source = _ACCORDING.match(after)
    if source is None or _VERB_AFTER.search(after, 0, source.start(1) - len("according to ")) is None:
        return found
    return replace(found, mention=f"{found.mention or found.name}, according to {source.group(1).strip()}")


_ACCORDING_BEFORE = re.compile(r"(?:^|[^\w])[Aa]ccording\s+to\s+([^,.;:!?“”\"\n]{2,80}),")


def _with_source_before(found: _Speaker, before: str) -> _Speaker:
    """"According to Yahoo News, Clinton spokesman Jesse Lehrich said …, “…”": the cited source is shown."""
    source = _ACCORDING_BEFORE.search(before)
    if found.kind not in {"name", "definite"} or source is None:
        return found
    cited = source.group(1).strip()
    if (found.name or "") in cited or _VERB.search(before, source.end()) is None:
        return found  # the source is the speaker itself ("according to X, “…”")
    return replace(found, mention=f"{found.mention or found.name}, according to {cited}")


def _titled_name(phrase: str) -> bool:
    """A name with its title words only ("US Senator Jeff Sessions"): a whole attribution's subject."""
    named = parse_speaker(phrase) if _words(phrase) <= 6 else None
    return named is not None and named.kind == "name" and not any(
        w[:1].islower() and w.lower().rstrip(".") not in _TITLES for w in phrase.split()
    )


def _introduces_next(text: str, s: _Span, after: str) -> bool:
    """A sentence after a closed quote whose verb introduces a quote of its own ("X writes back, “…”")."""
    if text[s.start: s.end].rstrip()[-1:] not in {".", "?", "!"}:
        return False  # "“…,” he said, “…”": one utterance split by its attribution
    match = _VERB_AFTER.search(after)
    return match is not None and re.match(r"(?:\s+back)?\s*[,:]?\s*[“\"]", after[match.end():]) is not None


def _mid_clause(text: str, s: _Span, after: str) -> bool:
    """A quote that its clause runs on after, unpunctuated ("“…” with X"), so a verb after it is another's."""
    if s.close_at is None or text[s.start: s.end].rstrip()[-1:] in _CLAUSE_END:
        return False
    first = after.split(None, 1)[0] if after.split() else ""
    return first[:1].islower() and first.lower().strip(",.;:") not in _ALL_FORMS


_SIGNATURE = re.compile(r"^\s*[-―—–]+\s*(?P<who>[A-Z][^.;:!?“”\"()\n]{1,60}?)\s*[.,]?\s*$")


def _signature_below(s: _Span, article: Article) -> _Speaker | None:
    """A quote whose paragraph ends with it, signed on the next line: “…” / "- Bernie Sanders."."""
    para = article.paragraphs[s.paragraph]
    if s.close_at is None or para.end - s.close_at > 3 or s.paragraph + 1 >= len(article.paragraphs):
        return None
    below = _SIGNATURE.match(article.paragraphs[s.paragraph + 1].text)
    if below is None:
        return None
    found = parse_speaker(below.group("who").split(",")[0])
    return found if found is not None and found.kind == "name" else None


_MAIN_SUBJECT = re.compile(r"[,”’\"\s]*(he|she|[A-Z][a-z]+(?: [A-Z][a-z]+)?)\s+[a-z]")
_PARTICIPLE_OPENING = re.compile(r"(?:After|Before|While|When|Since|Despite)\s+[a-z]+ing\b")


def _embedded(s: _Span, article: Article, context: _Context, known: set[str]) -> _Speaker | None:
    """A quote inside a narrative sentence without a reporting verb belongs to the sentence's subject."""
    si = context.sentence_index(s.open_at)
    if not context.sentences:
        return None
    sent = context.sentences[si]
    begin = max(sent.start, article.paragraphs[s.paragraph].start, s.open_at - _WINDOW)
    before = context.masked[begin: s.open_at]
    if len(before.split()) < 2:
        return None
    parts = _CONTRAST.split(before)
    # "Jindal signed an order, while Mike Huckabee, the former governor, proposed we “…”": the clause
    # that holds the quote has its own subject
    found = _subject(parts[-1], known) if len(parts) > 1 and len(parts[-1].split()) > 1 else None
    found = found or _subject(before, known)
    if found is None and s.close_at is not None and _PARTICIPLE_OPENING.match(before.lstrip(" “\"‘'")):
        # "After saying her foot was “…,” she was whisked …": the opening phrase's subject follows the quote
        main = _MAIN_SUBJECT.match(article.text, s.close_at + 1)
        if main is not None:
            found = parse_speaker(main.group(1))
    if found is None:
        # "The Christian leader further related that …": a described subject, named earlier
        lead = _DEFINITE_SUBJECT.match(before.lstrip(" “\"‘'"))
        if lead and (_looks_like_verb(lead.group(2)) or lead.group(2).endswith("ly")) and \
                not any(_looks_like_verb(w) for w in lead.group(1).split()[1:]):
            found = parse_speaker(lead.group(1))  # not "The vote was (set)": the verb ends the subject
    return found or _described_speaker(before)


# Heads of descriptions that name a document or a body, not a person ("the letter", "the agency")
_THINGS = {
    "article", "report", "letter", "statement", "email", "memo", "column", "editorial", "ad", "advertisement",
    "video", "book", "study", "poll", "survey", "post", "tweet", "release", "document", "filing", "complaint",
    "lawsuit", "newspaper", "magazine", "website", "site", "transcript", "passage", "bill", "ruling", "order",
    "agency", "company", "firm", "board", "commission", "network", "court", "council", "paper", "piece",
    "message", "note", "petition", "resolution", "platform", "brief", "motion", "indictment", "story",
}


# Things that speak without anyone named before having written them: not "Florida (The ad)"
_UNSIGNED = {
    "ad", "advertisement", "video", "poll", "survey", "study", "lawsuit", "complaint", "filing", "petition",
    "ruling", "order", "indictment", "motion", "passage", "transcript", "document", "bill", "resolution",
    "platform", "article", "story", "piece", "column", "brief",
}


@functools.lru_cache(maxsize=64)
def _described_thing(head: str) -> re.Pattern[str]:
    # "the Vox Populi (Voice of the People) column": a gloss in parentheses may follow the name
    return re.compile(r"\b(?:[Tt]he|[Aa]n?)\s+(?:[A-Z][\w’'.\-]*\s+){1,4}(?:\([^()\n]{1,40}\)\s+)?"
                      + re.escape(head) + r"\b")


def _resolve(
    speaker: _Speaker | None, at: int, names: _Names, context: _Context, roles: dict[str, str]
) -> tuple[str | None, str | None, str | None]:
    """A speaker phrase as a full name, role and mention: surnames and pronouns point to an earlier name.

    The mention is how the article describes the speaker there: the phrase itself, or for a pronoun
    the mention it points back to.
    """
    if speaker is None:
        return None, None, None
    if speaker.kind == "name" and speaker.name:
        name = names.full(speaker.name, at)
        mention = speaker.mention or name
        if not context.attributions or context.attributions[-1][0] <= at:
            context.attributions.append((at, name, mention))
        return name, speaker.role or roles.get(name) or names.role(name), mention
    if speaker.kind == "pronoun" and speaker.name == "it":
        # "“…,” the article read. “…,” it added.": the body or document that spoke just before
        if context.last_speaker is not None:
            last_at, name, role, mention = context.last_speaker
            if context.sentence_index(at) - context.sentence_index(last_at) <= 3:
                return name, role, mention
        # "The Security Council … pledged sanctions as a deterrence to what it called “…”": the body that
        # the sentence, or the one before, is about
        return context.body_before(at, names)
    if speaker.kind == "pronoun" and speaker.name == "they" and context.last_speaker is not None:
        last_at, name, role, mention = context.last_speaker
        if context.sentence_index(at) - context.sentence_index(last_at) <= 3:
            return name, role, mention
        return None, None, None
    if speaker.kind == "definite" and (speaker.name or "").split()[-1].lower() in _THINGS:
        # "the article read" after "a Times article": the same document, described with its name
        # (else, as for a person, whoever the article just named: "Fox News … “…,” the statement said")
        nominal = speaker.mention or speaker.name or ""
        head = (speaker.name or "").split()[-1]
        earlier = None
        for match in _described_thing(head).finditer(context.masked, max(0, at - 3000), at):
            earlier = match.group(0)  # "a Times article": the same thing, described with its name
        if earlier:
            return re.sub(r"^(?:[Tt]he|[Aa]n?)\s+", "the ", earlier), None, nominal
        if head.lower() in _UNSIGNED and len(nominal.split()) <= 4:
            # "The ad says": nobody named before wrote it, so the ad speaks, not "Florida" or the rival
            return re.sub(r"^[Tt]he\s+", "the ", nominal), None, nominal
    if speaker.kind == "definite" and context.sentences:
        unnamed = _unnamed_before(speaker, at, names, context) or _body_before(speaker, at, context)
        if unnamed is not None:
            return unnamed, None, speaker.mention or speaker.name
    if speaker.kind == "pronoun" or speaker.kind == "definite":
        if speaker.name in {"he", "she"} or speaker.kind == "definite":
            context.found_at = at
            pronoun = speaker.name
            if speaker.kind == "definite" and context.sentences:
                # "The Indiana governor said": the person was named before this sentence
                start = context.sentences[context.sentence_index(at)].start
                pronoun = _own_pronoun(speaker.mention or "", context.masked[start:at]) or \
                    _head_pronoun(speaker.name or "") or pronoun
                opening = context.masked[start:at]
                if not opening.rstrip(" “\"").endswith(":") or \
                        (speaker.mention or speaker.name or "").lower() in opening.lower():
                    at = min(at, start)
                # else "Cruz defends his record in an ad: “…,” the senator says": the sentence's opening
                # before the quote may name the person
            office = None
            if speaker.kind == "definite":
                heads = reversed((speaker.name or "").lower().split())
                office = next((w for w in heads if w in _OFFICES), None)
            name, mention = context.antecedent(at, names, pronoun=pronoun, office=office)
            if name and speaker.kind == "definite" and (speaker.name or "").split()[-1].lower() in _THINGS:
                name = _body_of(name, context.masked[max(0, at - 1500): at]) or name
            if name is None and office:
                # "… that Mayor Bill de Blasio described …": the latest person the article gave that office
                for _, full in reversed(names.people_between(max(0, at - 3000), at)):
                    titles = names.titles(full)
                    if names.gender(full) is not None and "vice" not in titles and \
                            any(w in titles for w in _OFFICES[office]):
                        name, mention = full, None
                        break
            if name is None and office:
                name, mention = context.antecedent(at, names, pronoun=speaker.name)
                if name is not None and names.gender(name) is None:
                    name, mention = None, None  # "the mayor" is a person, not "Chelsea" named just before
            if name is None and speaker.kind == "pronoun" and context.last_speaker is not None:
                # "“…,” she said" after a run of "she" sentences: whoever spoke the quote before, if it fits
                want = {"he": "male", "she": "female"}.get(speaker.name or "")
                _, who, _, p_mention = context.last_speaker
                if names.gender(who) in {want, None}:
                    name, mention = who, p_mention
            if name is None and speaker.kind == "pronoun" and context.attributions:
                # nobody of that gender in the sentences before: the latest speaker named at a quote
                want = {"he": "male", "she": "female"}.get(speaker.name or "")
                for p_at, who, p_mention in reversed(context.attributions):
                    if p_at < at and names.gender(who) in {want, None}:
                        name, mention = who, p_mention
                        break
            if name is not None:
                # the person's latest attribution, when it is no further back than the antecedent found
                mention = context.attributed(name, context.found_at, at) or mention
            if speaker.kind == "definite":
                nominal = speaker.mention or speaker.name or ""
                if name is None:
                    return speaker.name, None, nominal
                named = mention if mention and name in mention and "," in mention else None
                if nominal[:1].isupper():
                    # "The Indiana governor said": a description that opens the sentence names the speaker
                    mention = nominal
                    context.attributions.append((at, name, nominal))
                else:
                    # "said the senator": the article named that person just before
                    mention = nominal
                if named is not None and nominal.lower() not in named.lower():
                    # "Donna Lages, 39, a waitress at …" named her before "the woman" spoke: both mentions
                    mention = f"{named} ({nominal})"
            if name is None:
                return None, None, None
            return name, roles.get(name) or names.role(name), mention or name
        return None, None, None
    owner = _owner(speaker)
    if owner is not None:
        # "Ryan’s office said", "Ivana Trump's brief argues": the person speaks through it
        return names.full(owner, at), None, speaker.mention or speaker.name
    return speaker.name, speaker.role, speaker.mention or speaker.name


_UNNAMED_SOURCES = (r"(?:source|official|aide|adviser|advisor|person|strategist|operative|staffer|insider|"
                    r"ally|confidant|associate|spokesman|spokeswoman|spokesperson)")


def _unnamed_before(speaker: _Speaker, at: int, names: _Names, context: _Context) -> str | None:
    """The unnamed source ("A Republican committee aide") that a later "the aide" points back to, when
    no person is named between them in the last two sentences."""
    words = (speaker.name or "").split()
    if len(words) != 2 or words[0].lower() != "the" or not words[1].islower() or words[1] in _THINGS:
        return None
    k = context.sentence_index(at)
    since = context.sentences[max(0, k - 2)].start
    # "the person" or "the source" takes up whichever unnamed source spoke ("a longtime adviser to …")
    head = _UNNAMED_SOURCES if words[1] in {"person", "source"} else re.escape(words[1])
    pattern = re.compile(rf"\b[Aa]n?\s+(?:[\w’'.\-]+\s+){{0,3}}?{head}\b"
                         r"(?:\s+(?:at|of|for|from|in|to|with)\s+(?:the\s+|both\s+)?"
                         r"[A-Z][\w’'.\-]*(?:\s+[A-Z][\w’'.\-]*)*)?")
    found = next(reversed(list(pattern.finditer(context.masked, since, at))), None)
    if found is None or names.people_between(found.end(), at):
        return None
    before = context.masked[max(0, found.start() - 80): found.start()]
    if re.search(r"[A-Z][\w’'\-]*(?:\s+\([^)]*\))?,\s*$", before):
        return None  # "Dana Whitfield, a businesswoman,": the description is the named person's
    since_words = re.findall(r"\b[A-Z][\w’'\-]+", context.masked[found.end(): at])
    if any(w.lower() in names.known for w in since_words):
        return None  # "… asking Whitfield …": someone named since
    return found.group(0)


_BODY_HEADS = {
    "agency", "ministry", "department", "group", "board", "commission", "committee", "company", "firm",
}


def _body_before(speaker: _Speaker, at: int, context: _Context) -> str | None:
    """The body that a later "the ministry" points back to ("China’s foreign ministry", "The State
    Department"), named in the last three sentences."""
    words = (speaker.name or "").split()
    if len(words) != 2 or words[0].lower() != "the" or words[1].lower() not in _BODY_HEADS:
        return None
    k = context.sentence_index(at)
    since = context.sentences[max(0, k - 3)].start
    head = re.escape(words[1].lower())
    pattern = re.compile(rf"(?:\b[Tt]he\s+|\b[A-Z][\w.\-]*(?:’s|'s)\s+)(?:[\w’'.\-]+\s+){{0,3}}?"
                         rf"(?:{head}|{head.capitalize()})\b(?:\s+(?:of|for)\s+(?:the\s+)?"
                         r"[A-Z][\w’'.\-]*(?:\s+[A-Z][\w’'.\-]*)*)?")
    found = [m for m in pattern.finditer(context.masked, since, at)
             if m.group(0).lower() != (speaker.mention or speaker.name or "").lower()
             and any(w[:1].isupper() for w in m.group(0).split()[m.group(0)[:1] in "Tt":])]
    return found[-1].group(0) if found else None


def _body_of(place: str, before: str) -> str | None:
    """The body a place name ends ("the Republican Party of Wyoming"), when the text just before names one.

    A document ("the release said") speaks for a body, not for the state the body is named after.
    """
    if " " in place or first_name_gender(place) is not None:
        return None
    pattern = rf"\b((?:[Tt]he\s+)?(?:[A-Z][\w’'\-]*\s+){{1,4}}of\s+(?:the\s+)?){re.escape(place)}\b"
    found = None
    for match in re.finditer(pattern, before):
        found = match  # the latest
    if found is None or found.group(1).split()[-2][:1].islower():
        return None
    return re.sub(r"^The\s", "the ", found.group(0))


# What speaks for the person who owns it: "Ryan’s office", "Palin’s posts", "Ivana Trump's brief"
_SPEAKS_FOR = _THINGS - {"agency", "company", "firm", "board", "commission", "network", "court", "council",
                         "newspaper", "magazine", "paper", "bill", "order", "platform"} | {
    "campaign", "office", "team", "camp", "spokesman", "spokeswoman", "spokesperson", "posts", "tweets",
    "statements", "letters", "emails", "remarks", "response", "reply", "answer", "speech", "account", "page",
    "blog", "op-ed", "essay", "memoir", "lawyers", "attorneys", "lawyer", "attorney",
}
_OWNER = re.compile(r"^(?:[Tt]he\s+)?((?:[A-Z][\w\-]*\.?\s+){0,2}[A-Z][\w\-]*)(?:’s|'s|’|')\s+(.+)$")


def _owner(speaker: _Speaker) -> str | None:
    """The person a possessive description speaks for ("Ryan’s campaign" -> Ryan), if it names one."""
    if speaker.kind not in {"description", "definite"}:
        return None
    match = _OWNER.match(speaker.name or "")
    if match is None:
        return None
    words = match.group(2).split()
    if not words or len(words) > 4 or words[-1].lower() not in _SPEAKS_FOR or \
            any(w[:1].isupper() for w in words):
        return None
    owner = match.group(1)
    return None if owner.split()[-1].lower() in _NOT_OR_TITLE else owner


_FEMALE_HEADS = {
    "woman", "mother", "wife", "daughter", "actress", "businesswoman", "congresswoman", "chairwoman",
    "spokeswoman", "grandmother", "sister", "girl", "lady", "widow", "mom",
}
_MALE_HEADS = {
    "man", "father", "husband", "son", "businessman", "congressman", "chairman", "spokesman", "grandfather",
    "brother", "boy", "widower", "dad",
}


def _head_pronoun(description: str) -> str | None:
    """"she" for "the woman", "he" for "the businessman": the pronoun a description's head noun takes."""
    head = next((w for w in reversed(description.lower().split()) if w.isalpha()), "")
    return "she" if head in _FEMALE_HEADS else "he" if head in _MALE_HEADS else None


def _own_pronoun(description: str, sentence: str) -> str | None:
    """"he" or "she" when "his" or "her" follows the description ("the graduate ended her speech")."""
    at = sentence.find(description) if description else -1
    if at < 0:
        return None
    found = re.search(r"\b(his|him|himself|her|herself)\b", sentence[at + len(description):])
    return None if found is None else "she" if found.group(1).startswith("her") else "he"


def _previous_sentence(
    s: _Span, resolved: list[_Resolved], article: Article, context: _Context
) -> _Speaker | None:
    """The speaker of a quote that opens a sentence inside a paragraph: who the sentence before is about.

    "Bolton distanced himself from the movement. “…”" -> Bolton; only when that sentence has no quote.
    """
    if not context.sentences:
        return None
    si = context.sentence_index(s.open_at)
    sent = context.sentences[si]
    if si == 0 or article.text[sent.start: s.open_at].strip(" “\"‘'"):
        return None
    prev = context.sentences[si - 1]
    if prev.paragraph != s.paragraph or any(e.span.close_at is not None and e.span.open_at >= prev.start
                                            and e.span.words > 3 for e in resolved[-_LOOKBACK:]):
        # a sentence with a quotation of its own speaks for that one (a title in marks does not count)
        return None
    clause = context.masked[max(prev.start, prev.end - _WINDOW): prev.end]
    verb = _ANY_VERB.search(clause)
    found = _verb_before(clause[: verb.end()], context.known) if verb else None
    if found is None or found.kind not in {"name", "pronoun"}:
        found = _subject(clause, context.known) or _described_speaker(clause) or found
    if found is None or found.kind not in {"name", "pronoun"} and not _is_described(found, clause):
        return None
    return found


def _settle(entry: _Resolved, names: _Names, context: _Context, roles: dict[str, str]) -> None:
    """Resolve a speaker phrase that was left pending."""
    if entry.pending is not None:
        entry.name, entry.role, entry.mention = _resolve(
            entry.pending, entry.span.open_at, names, context, roles
        )
        entry.pending = None


_BETWEEN_QUOTES = re.compile(r"“[^“”]*”|\"[^\"]*\"")


def _all_quoted(text: str) -> bool:
    """A paragraph that is nothing but quotations, one after another (“…” “…” “…”)."""
    rest = _BETWEEN_QUOTES.sub("", text)
    return text.count("“") + text.count('"') >= 2 and not re.search(r"\w", rest)


def _inherit(
    s: _Span,
    resolved: list[_Resolved],
    article: Article,
    names: _Names,
    context: _Context,
    roles: dict[str, str],
) -> tuple[str | None, str | None, str | None]:
    """The speaker of an unattributed quote: the split quote it belongs to, or the paragraph it continues."""
    if s.paragraph > 0 or s.open_at > article.paragraphs[s.paragraph].start:
        found = _previous_sentence(s, resolved, article, context)
        if found is not None:
            name, role, mention = _resolve(found, s.open_at, names, context, roles)
            if name:
                return name, role, mention
    for entry in reversed(resolved[-_LOOKBACK:]):
        if entry.span.paragraph != s.paragraph:
            break
        _settle(entry, names, context, roles)
        if entry.name:
            return entry.name, entry.role, entry.mention
    para = article.paragraphs[s.paragraph]
    if s.open_at != para.start or s.paragraph == 0:
        return None, None, None
    prev_para = article.paragraphs[s.paragraph - 1]
    lead = prev_para.text.rstrip()
    if lead.endswith(":"):
        window = lead[:-1]
        colon_at = prev_para.start + len(window)  # where the lead ends, for resolving "he declared:"
        k = context.sentence_index(colon_at - 1)
        sent = context.sentences[k] if context.sentences else None
        if sent is not None and sent.paragraph == s.paragraph - 1:
            window = article.text[sent.start: colon_at]
        speaker = _verb_before(window, names.known) if _ANY_VERB.search(window) else None
        if speaker is None:
            speaker = _subject(window, names.known)
        name, role, mention = _resolve(speaker, colon_at, names, context, roles)
        if name:
            return name, role, mention
    if s.continues or s.close_at is None or para.end - s.close_at <= 2 or _all_quoted(para.text):
        for entry in reversed(resolved[-_LOOKBACK:]):
            if entry.span.paragraph < s.paragraph - 1:
                break
            _settle(entry, names, context, roles)
            if entry.name:
                return entry.name, entry.role, entry.mention
        # a paragraph of quotation after a paragraph about someone: that person speaks
        name, mention = context.antecedent(s.open_at, names, limit=3)
        if name:
            return name, roles.get(name), mention or name
    return None, None, None
