"""The source of one quote: its own clause, its sentence, a signature, or the quote it continues."""

from __future__ import annotations

import logging
import re
from dataclasses import replace

from bot.news.lexicon import load_phrases
from bot.news.models import Article, Sentence

from .attribution import (
    _DASH_ATTRIBUTION,
    _SAID_CLAUSE,
    _dash_source,
    _described_speaker,
    _described_subject,
    _introduces_next,
    _is_described,
    _mid_clause,
    _subject,
    _thing_before,
    _verb_after,
    _verb_before,
)
from .context import _CONTRAST, _DEFINITE_SUBJECT, _WINDOW, _Context, _resolve, _Resolved, _settle
from .marks import _ABBREV_END, _all_quoted, _Span, _words
from .names import _Names
from .speakers import _PRONOUNS, _is_plain_name, _mention, _Speaker, _titled_name, parse_speaker
from .verbs import _ANY_VERB, _VERB, _VERB_AFTER, _looks_like_verb

log = logging.getLogger(__name__)


_LOOKBACK = 12

_NAME_VERBED = re.compile(r"\s*([A-Z][a-z]+(?: [A-Z][a-z]+)?)\s+[a-z]{3,}ed\s*[.,]")
_WORD_NAME_SAID = re.compile(
    r"\s*,?\s*([A-Z][a-z]+)\s+(?:said|says|wrote|writes|added|adds|told|tweeted|asked)\b"
)

_SHORT_VERBS = frozenset(load_phrases("quotes_short_verbs"))


def _signed(s: _Span) -> _Speaker | None:
    """The person who signs a pull quote, when the signature names one."""
    if s.signed is None:
        return None
    found = parse_speaker(s.signed.split(",")[0])
    if found is None or found.kind != "name":
        return None
    return _Speaker(found.name, found.role, found.kind, _mention(s.signed))


def _explicit(s: _Span, siblings: list[_Span], article: Article, context: _Context) -> _Speaker | None:
    """The speaker named by a reporting clause right after or right before the quote."""
    para = article.paragraphs[s.paragraph]
    k = siblings.index(s)
    # the clause after a quote runs to the next real quote; a scare-quoted name inside it does not stop it
    next_open = next((x.open_at for x in siblings[k + 1 :] if x.close_at is None or x.words > 3), para.end)
    prev_close = siblings[k - 1].close_at + 1 if k > 0 and siblings[k - 1].close_at is not None else None
    held: _Speaker | None = None  # an attribution after the quote that may belong to a later clause
    if s.close_at is not None:
        after = _after_window(s, article, context, next_open)
        found, held = _after_quote(s, article.text, context, after, next_open)
        if found is not None:
            return found
    return _before_quote(s, article, context, prev_close, held)


def _after_window(s: _Span, article: Article, context: _Context, next_open: int) -> str:
    """The words after a closed quote up to the end of its sentence (past a title's abbreviation: "said
    Del. Stacey Plaskett"), or the next sentence when it is only the attribution."""
    text, para, sentences = article.text, article.paragraphs[s.paragraph], context.sentences
    close = s.close_at if s.close_at is not None else s.end
    si = context.sentence_index(close)
    stop = min(sentences[si].end if sentences else para.end, next_open, close + 1 + _WINDOW)
    after = text[close + 1 : stop]
    if (
        _ABBREV_END.search(after.rstrip().rstrip("."))
        and after.rstrip().endswith(".")
        and si + 1 < len(sentences)
        and sentences[si + 1].paragraph == sentences[si].paragraph
    ):
        stop = min(sentences[si + 1].end, next_open, close + 1 + _WINDOW)
        after = text[close + 1 : stop]
    if not after.strip() and stop < next_open and si + 1 < len(sentences):
        nxt = sentences[si + 1]
        # “…?” Clinton asks.  /  “….” Trump said.  /  “…!” Murphy, the head of Right to Rise, tweeted.
        ends = text[close - 3 : close].rstrip("’'")[-1:]  # “… ‘What can we do?’” Renteria told …
        if (
            nxt.paragraph == s.paragraph
            and ends in {"?", "!", "."}
            and _only_attribution(text, nxt, next_open)
        ):
            after = text[nxt.start : min(nxt.end, next_open)]
    return after


def _only_attribution(text: str, nxt: Sentence, next_open: int) -> bool:
    """The sentence after a quote is only its attribution: not "He said Nunberg was bound by …", nor "Trump
    replied:", which opens the next quote ("US Senator Jeff Sessions said as he …" is)."""
    verb = _VERB.search(text, nxt.start, min(nxt.end, next_open))
    if verb is None:
        return False
    lead = text[nxt.start : verb.start()]
    short = verb.group(0).lower() in _SHORT_VERBS or (
        not verb.group(0).endswith("ing") and _words(lead) <= 3 and _is_plain_name(lead)
    )
    rest = text[verb.end() : min(nxt.end, next_open)]
    pronoun = lead.strip().lower() in _PRONOUNS
    ends_soon = _words(rest) <= 6 or rest.lstrip()[:1] in {",", "."}
    brief = (
        _words(lead) <= 3 or (lead.count(",") == 2 and _words(lead) <= 14) or ends_soon and _titled_name(lead)
    )
    return (
        short
        and brief
        and not rest.rstrip().endswith(":")
        and (not pronoun or _words(rest) <= 6 or rest.lstrip()[:1] in {",", "."})
    )


def _after_quote(
    s: _Span, text: str, context: _Context, after: str, next_open: int
) -> tuple[_Speaker | None, _Speaker | None]:
    """The speaker the words after a closed quote name, and one held back for the clause before it."""
    close = s.close_at if s.close_at is not None else s.end
    if not after.strip():
        # “…” ― Jacklyn Ashley: a signature after the quote, even when a sentence ends at the mark
        signature = text[close + 1 : min(next_open, close + 121)]
        found = _verb_after(signature) if _DASH_ATTRIBUTION.match(signature) else None
        return (found if found is not None and found.kind == "name" else None), None
    if after.lstrip()[:1] in ".!?":
        return None, None
    # a quote that ends its sentence ("….”) may be followed by a sentence of its own
    found = _verb_after(after, closed=text[s.start : s.end].rstrip()[-1:] in {".", "?", "!", "…"})
    if found is not None and _introduces_next(text, s, after):
        found = None  # "“Why now?” Mills then writes back, “You look cute.”": the next quote's verb
    held = None
    if found is not None and _mid_clause(text, s, after):
        # "Cruz says he is “tied for second” with Marco Rubio, in a finish he said …": the clause that
        # holds the quote names its speaker before it; the verb after belongs to another clause
        held, found = found, None
    if found is not None:
        return _with_source(found, after), None
    return _known_word_said(text, close, after, context), held


def _known_word_said(text: str, close: int, after: str, context: _Context) -> _Speaker | None:
    """ "“…,” From said.": a surname that is also a common word, known from the article's names; "“…,”
    Oliver barked.": after a quote that ends in a comma, a known name and any past-tense verb that ends the
    clause report it."""
    plain = _WORD_NAME_SAID.match(after)
    if plain and plain.group(1).lower() in context.known and not _SAID_CLAUSE.match(after, plain.end()):
        return _Speaker(plain.group(1), None, "name", plain.group(1))
    barked = _NAME_VERBED.match(after)
    if barked and text[close - 1] == "," and barked.group(1).split()[-1].lower() in context.known:
        return _Speaker(barked.group(1), None, "name", barked.group(1))
    return None


def _prompted_speaker(before: str) -> _Speaker | None:
    """ "That record prompted Dave Leip’s Atlas, which examines bellwethers, to state, “…”": the object of
    the verb that moves someone to speak is the speaker."""
    prompted = _PROMPTED_TO_SAY.search(before)
    if prompted is None:
        return None
    who = _RELATIVE_TAIL.sub("", prompted.group("who").rstrip(" ,"))
    found = parse_speaker(who)
    if found is not None and found.kind in {"name", "description", "definite"}:
        return replace(found, mention=prompted.group("who").rstrip(" ,"))
    return None


def _passive_agent(before: str) -> _Speaker | None:
    """ "She was warned that “…”": the subject heard the words; the speaker is the agent ("was told by the
    regulator": the body itself, not a person named before who "the regulator" is), or NOBODY."""
    passive = _PASSIVE_REPORT.search(before)
    if passive is None:
        return None
    agent = parse_speaker(passive.group("agent")) if passive.group("agent") else None
    if agent is not None and agent.kind == "definite":
        agent = replace(agent, kind="description")
    return agent if agent is not None else NOBODY


def _before_quote(
    s: _Span, article: Article, context: _Context, prev_close: int | None, held: _Speaker | None
) -> _Speaker | None:
    """The speaker the clause before the quote names (a roundup's dash source, a prompted or passive
    report, a reporting verb, "Trump … boomed: “…”"), else the one held from after it, else a thing."""
    para, sentences = article.paragraphs[s.paragraph], context.sentences
    si = context.sentence_index(s.open_at)
    begin = max(sentences[si].start if sentences else para.start, para.start, s.open_at - _WINDOW)
    if prev_close is not None and prev_close > begin:
        begin = prev_close
    before = article.text[begin : s.open_at]
    source = _DASH_SOURCE.search(before)
    if source is not None:
        return _dash_source(source.group("who"))
    found = _prompted_speaker(before) or _passive_agent(before)
    if found is not None:
        return found
    if before.strip() and _ANY_VERB.search(before):
        found = _verb_before(before, context.known)
        if found is not None:
            return _with_source_before(found, before)
    if before.rstrip().endswith(":"):
        # "a spokesman for the senator could only quip: “…”"
        return _subject(before, context.known) or held or _thing_before(before) or _described_subject(before)
    return held or _thing_before(before)


_RELATIVE_TAIL = re.compile(r",\s+(?:who|which)\s[^,]*,?$")


# A roundup's source after a dash and before a colon: "Pollsters agree - Carl Bialik: “…”"
_DASH_SOURCE = re.compile(
    r"(?:^|\s)[-–—]\s*(?:[Mm]ore from\s+)?"
    r"(?P<who>[A-Z][^\s:;“”\"]*(?:\s+(?:and\s+)?[A-Z][^\s:;“”\"]*){0,5}):\s*$"
)

# A reporting verb in the passive right before the quote: the subject is who heard it ("was told that “")
_PASSIVE_REPORT = re.compile(
    r"\b(?:was|were|been|being|is|are|got|get)\s+(?:[a-z]+ly\s+)?"
    r"(?:told|warned|informed|reminded|advised|assured|promised|cautioned|instructed)\b"
    r"(?:\s+by\s+(?P<agent>[^,.;:“”\"]{2,60}?))?(?:\s+that)?\s*[,:]?\s*$"
)


def _heard_from(s: _Span, article: Article, context: _Context) -> bool:
    """True when the clause right before the quote reports it in the passive ("was told by X that “…")."""
    sentence = context.sentences[context.sentence_index(s.open_at)] if context.sentences else None
    begin = max(sentence.start if sentence else 0, s.open_at - _WINDOW)
    return _PASSIVE_REPORT.search(article.text, begin, s.open_at) is not None


# The speaker of a quote whose clause says that nobody named spoke it (the passive above, with no agent)
NOBODY = _Speaker(None, None, "nobody")

_ACCORDING = re.compile(r"^[^“”\"\n]{0,120}?,?\s+according\s+to\s+([^,.;:!?“”\"\n]{2,80})")


_PROMPTED_TO_SAY = re.compile(
    r"\b(?:prompted|led|caused|moved|inspired|forced|pushed|urged|invited|encouraged|compelled)\s+"
    r"(?P<who>(?:[^“”\"().;:]|\.(?=\S)|(?<=\b[A-Z])\.){2,120}?)\s+to\s+(?:say|state|write|declare|add|remark|quip|joke|tweet)[,:]?\s*$"
)


def _with_source(found: _Speaker, after: str) -> _Speaker:
    """ "“…,” Sanders said, according to CNN": the mention shows the source the article cites."""
    if found.kind not in {"name", "definite"}:
        return found
    source = _ACCORDING.match(after)
    if source is None or _VERB_AFTER.search(after, 0, source.start(1) - len("according to ")) is None:
        return found
    return replace(found, mention=f"{found.mention or found.name}, according to {source.group(1).strip()}")


_ACCORDING_BEFORE = re.compile(r"(?:^|[^\w])[Aa]ccording\s+to\s+([^,.;:!?“”\"\n]{2,80}),")


def _with_source_before(found: _Speaker, before: str) -> _Speaker:
    """ "According to Yahoo News, Clinton spokesman Jesse Lehrich said …, “…”": the cited source is shown."""
    source = _ACCORDING_BEFORE.search(before)
    if found.kind not in {"name", "definite"} or source is None:
        return found
    cited = source.group(1).strip()
    if (found.name or "") in cited or _VERB.search(before, source.end()) is None:
        return found  # the source is the speaker itself ("according to X, “…”")
    return replace(found, mention=f"{found.mention or found.name}, according to {cited}")


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
    before = context.masked[begin : s.open_at]
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
        if (
            lead
            and (_looks_like_verb(lead.group(2)) or lead.group(2).endswith("ly"))
            and not any(_looks_like_verb(w) for w in lead.group(1).split()[1:])
        ):
            found = parse_speaker(lead.group(1))  # not "The vote was (set)": the verb ends the subject
    return found or _described_speaker(before)


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
    if si == 0 or article.text[sent.start : s.open_at].strip(" “\"‘'"):
        return None
    prev = context.sentences[si - 1]
    if prev.paragraph != s.paragraph or any(
        e.span.close_at is not None and e.span.open_at >= prev.start and e.span.words > 3
        for e in resolved[-_LOOKBACK:]
    ):
        # a sentence with a quotation of its own speaks for that one (a title in marks does not count)
        return None
    clause = context.masked[max(prev.start, prev.end - _WINDOW) : prev.end]
    verb = _ANY_VERB.search(clause)
    found = _verb_before(clause[: verb.end()], context.known) if verb else None
    if found is None or found.kind not in {"name", "pronoun"}:
        found = _subject(clause, context.known) or _described_speaker(clause) or found
    if found is None or found.kind not in {"name", "pronoun"} and not _is_described(found, clause):
        return None
    return found


def _stray_close(rest: str) -> bool:
    """The rest of a paragraph after a quote ends in a closing mark that no mark opens: the quote's mark was
    an inch sign or a typo ("… the size of someone who is 5’2”. You know what they say …?”")."""
    rest = rest.rstrip()
    return rest.endswith(("”", '"')) and not re.search(r"[“”\"]", rest[:-1])


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
            window = article.text[sent.start : colon_at]
        speaker = _verb_before(window, names.known) if _ANY_VERB.search(window) else None
        if speaker is None:
            speaker = _subject(window, names.known)
        name, role, mention = _resolve(speaker, colon_at, names, context, roles)
        if name:
            return name, role, mention
    if (
        s.continues
        or s.close_at is None
        or para.end - s.close_at <= 2
        or _all_quoted(para.text)
        or _stray_close(article.text[s.close_at + 1 : para.end])
    ):
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
