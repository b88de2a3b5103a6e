"""extract_quotes (article -> attributed quotes) and join_utterances (split quotes joined)."""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import replace

from bot.news.models import Article, Quote, Sentence
from bot.news.sentences import WORD

from .candidates import Candidate, QuoteSite, candidates
from .context import _Context, _resolve, _Resolved
from .labels import _role_head, _shown_speaker, _tidy_mention, _tidy_role
from .marks import _find_spans, _is_title, _Span, _trim, _words
from .names import _body_named, _Names, _person_named
from .ranker import choose, load_model
from .sources import NOBODY, _embedded, _explicit, _heard_from, _inherit, _signature_below, _signed
from .speakers import _Speaker
from .verbs import _VERB

log = logging.getLogger(__name__)


_MAX_QUOTES = 2000


def extract_quotes(article: Article, sentences: list[Sentence]) -> list[Quote]:
    """Every direct quote of the article with its speaker and role, the speaker chosen by the ranker."""
    weights = load_model()
    return [
        with_speaker(quote, choose(found, weights)) for quote, found in speaker_candidates(article, sentences)
    ]


def with_speaker(quote: Quote, chosen: Candidate) -> Quote:
    """The quote with the chosen candidate as its speaker (the rules' pick keeps its role and mention)."""
    if chosen.rules_pick:
        return quote
    if chosen.name is None:
        return replace(quote, speaker=None, role=None, mention=None)
    return replace(quote, speaker=chosen.name, role=chosen.role, mention=chosen.mention)


def speaker_candidates(article: Article, sentences: list[Sentence]) -> list[tuple[Quote, list[Candidate]]]:
    """Every direct quote as the attribution rules read it, with the candidates for its speaker."""
    text = article.text
    spans = _find_spans(article)
    top = [s for s in spans if s.depth == 0][:_MAX_QUOTES]
    if not top:
        return []
    names = _Names(text)
    for s in top:
        s.words = _words(text[s.start : s.end])
    context = _Context(article, sentences, spans)
    context.known = names.known
    roles: dict[str, str] = {}
    resolved, paths = _attribute(top, article, names, context, roles)
    return _quote_sites(resolved, paths, roles, article, sentences, names, context)


def _attribute(
    top: list[_Span], article: Article, names: _Names, context: _Context, roles: dict[str, str]
) -> tuple[list[_Resolved], dict[int, tuple[str, str | None, str | None]]]:
    """The rules' speaker of every quotation, and by id(span) the rule and phrase that named it."""
    by_paragraph: dict[int, list[_Span]] = {}
    for s in top:
        by_paragraph.setdefault(s.paragraph, []).append(s)
    resolved: list[_Resolved] = []
    paths: dict[int, tuple[str, str | None, str | None]] = {}
    for s in top:
        speaker, path = _read_speaker(s, by_paragraph[s.paragraph], article, context)
        if s.words <= 3 and s.close_at is not None:
            # A scare quote is never output; resolve its speaker only if a quote after it inherits it.
            pending = speaker if speaker is not None and speaker.kind != "name" else None
            entry = _Resolved(s, None, None, pending)
            if speaker is not None and speaker.kind == "name":
                entry.name, entry.role, entry.mention = _resolve(speaker, s.open_at, names, context, roles)
            resolved.append(entry)
            continue
        if speaker is None:
            speaker, path = _signature_below(s, article), "signature"
        phrase = speaker
        heard = speaker is NOBODY  # "she was warned that “…”": nobody named, not even the quote before's
        name, role, mention = _resolve(None if heard else speaker, s.open_at, names, context, roles)
        if name is None and not heard:
            name, role, mention = _inherit(s, resolved, article, names, context, roles)
            path, phrase = "inherit", None
        if name is None and not heard:
            speaker = _embedded(s, article, context, names.known)
            name, role, mention = _resolve(speaker, s.open_at, names, context, roles)
            path, phrase = "embedded", speaker
        paths[id(s)] = (
            path if name else "heard" if heard else "none",
            phrase.kind if phrase else None,
            phrase.name if phrase else None,
        )
        if name and role:
            roles.setdefault(name, role)
        resolved.append(_Resolved(s, name, role, mention=mention))
        if name:
            context.last_speaker = (s.open_at, name, role, mention)
    return resolved, paths


def _read_speaker(
    s: _Span, in_paragraph: list[_Span], article: Article, context: _Context
) -> tuple[_Speaker | None, str]:
    """The speaker phrase a pull quote's signature or the reporting clause gives, and which rule read it."""
    speaker = _signed(s)
    if speaker is not None:
        return speaker, "signed"
    speaker = _explicit(s, in_paragraph, article, context)
    if speaker is not None and speaker.kind == "description" and _heard_from(s, article, context):
        return speaker, "heard"  # "was told by the regulator that “…”": the agent of a passive report
    return speaker, "explicit"


def _quote_sites(
    resolved: list[_Resolved],
    paths: dict[int, tuple[str, str | None, str | None]],
    roles: dict[str, str],
    article: Article,
    sentences: list[Sentence],
    names: _Names,
    context: _Context,
) -> list[tuple[Quote, list[Candidate]]]:
    """The quotes worth showing, as the rules labelled them, each with the candidates for its speaker."""
    text = article.text
    quotes: list[tuple[Quote, list[Candidate]]] = []
    starts = [x.start for x in sentences]
    last: str | None = None
    previous: tuple[int, str | None] = (-1, None)
    quoted = [text[e.span.start : e.span.end] for e in resolved if e.span.signed is None and e.span.words > 3]
    transcript = excerpt = False
    excerpt_by: str | None = None
    for entry in resolved:
        s, name = entry.span, entry.name
        a, b = _trim(text, s.start, s.end)
        body = text[a:b]
        if _TRANSCRIPT_TAG.match(body) or (transcript and s.continues):
            transcript = True
            continue  # "WALLACE: Let’s start …" and the paragraphs of its turn: a transcript, not a quote
        transcript = False
        if _excerpted(article, s) or (excerpt and s.continues and name == excerpt_by):
            excerpt, excerpt_by = True, name
            continue  # "From Jo Ames writing at the Herald: “…”": an excerpt of another outlet's article
        excerpt = False  # a paragraph with a speaker of its own ("“…,” Kelly charged") quotes that speaker
        if _not_a_quote(article, s, body, name, quoted):
            continue
        name, role, mention = _labelled(name, entry.role, entry.mention, names, roles)
        quote = Quote(text=body, speaker=name, role=role, start=a, end=b, mention=mention)
        path, kind, phrase = paths.get(id(s), ("none", None, None))
        here = previous[1] if previous[0] == s.paragraph else None
        site = QuoteSite(s, name or mention, role, mention, path, kind, phrase, here, last)
        quotes.append((quote, candidates(site, article, context.masked, sentences, starts, names)))
        if name or mention:
            last, previous = name or mention, (s.paragraph, name or mention)
    return quotes


def _not_a_quote(article: Article, s: _Span, body: str, name: str | None, quoted: list[str]) -> bool:
    """Words in marks that are no quote: scare quotes, titles, cited headlines, captions, pull quotes."""
    text = article.text
    if _words(body) <= 3:
        return True  # scare quotes and names in marks ("Article 5") are not quotes
    if _is_title(body) or (
        s.close_at is not None and text[s.close_at - 1] == "," and _BYLINE.match(text, s.close_at + 1)
    ):
        return True  # a title or slogan in marks ("The Art of the Deal"; "“Museum to close,” by Jo Ames")
    if _runs_out_of_parenthesis(text, article.paragraphs[s.paragraph].start, s.start, body):
        return True  # "(… among “somewhat liberal), education (…)": the mark never closed in its parenthesis
    if (
        s.close_at is not None
        and text[s.open_at - 1 : s.open_at] == "("
        and _CITED_SOURCE.match(text, s.close_at + 1)
        and text[s.close_at - 1] == ","
    ):
        return True  # "(“Romney blasts Trump,” USATODAY.com, Thursday)": a headline a letter cites
    if name is None and s.close_at is not None and _DATED_CAPTION.match(text, s.close_at + 1):
        return True  # "“No special rights for foreigners!” (2015)": a poster or headline dated as a caption
    # a pull quote repeats words the article quotes in its text
    return s.signed is not None and any(_repeated(body, other) >= 0.8 for other in quoted)


def _labelled(
    name: str | None, role: str | None, mention: str | None, names: _Names, roles: dict[str, str]
) -> tuple[str | None, str | None, str | None]:
    """The speaker, the head of their role and the article's words for them, as the reader sees them."""
    role = _tidy_role(role or (roles.get(name) if name else None))
    mention = _tidy_mention(mention, name) if name else None
    name, role = _shown_speaker(name, role, mention)
    name, role, mention = _person_named(_body_named(name, mention, names), role, mention, names)
    shown = _role_head(role) if role else None
    if shown and name and set(shown.casefold().split()) <= set(name.casefold().split()):
        shown = None  # "Al From" with the role "Al"
    if (
        name
        and role
        and shown != role
        and (not mention or set(mention.casefold().split()) <= set(name.casefold().split()))
    ):
        mention = f"{name} ({role})"  # the reader sees the role's head, the label the article's words
    return name, shown, mention


# A transcript's turn opens with its speaker's name in capitals: "PENCE: Well, look, …"
_TRANSCRIPT_TAG = re.compile(
    r"^(?!(?:YES|NO|NOTE|READ MORE|UPDATE|BREAKING|WATCH|EDITOR'S NOTE|EDITOR’S NOTE):)"
    r"[A-Z][A-Z.’'\-]{2,}(?: [A-Z][A-Z.’'\-]+){0,2}: "
)
# "“City museum to close in December,” by the Post’s Jo Ames": a headline cited with its byline
_BYLINE = re.compile(r"\s*by\s+(?:the\s+)?(?:[A-Z][\w.\-]*\s+){0,3}[A-Z][\w.\-]*(?:’s|'s|’|')\s+[A-Z]")

# A parenthesis right after the closing mark that dates the words: "(campaign poster, 2003)", "(2015)"
_DATED_CAPTION = re.compile(r"\s*\((?:[^()\n]{0,60}\s)?(?:19|20)\d\d\)")

# The source and date that close a parenthesis after a cited headline: "…,” USATODAY.com, Thursday)"
_CITED_SOURCE = re.compile(r"\s+[A-Z][\w.’'&\-]*(?:\s+[A-Z][\w.’'&\-]*){0,3},\s+[^()\n]{1,25}\)")

# An aggregator's lead-in to an excerpt of another outlet's article: "From Jo Ames writing at the Herald:"
_EXCERPT_LEAD = re.compile(r"^\s*From\s+[^:.;“”\"]{2,60}?\s+writing\s+(?:at|in|for)\s+[^:;“”\"]{2,60}:\s*$")


def _excerpted(article: Article, s: _Span) -> bool:
    """A quote that opens the paragraph after an excerpt's lead-in ("From X writing at Y:")."""
    para = article.paragraphs[s.paragraph]
    if s.paragraph == 0 or article.text[para.start : s.open_at].strip():
        return False
    return bool(_EXCERPT_LEAD.match(article.paragraphs[s.paragraph - 1].text))


def _runs_out_of_parenthesis(text: str, para_start: int, start: int, body: str) -> bool:
    """A quote opened inside a parenthesis that closes that parenthesis: its own closing mark is missing."""
    before = text[para_start:start]
    if before.count("(") <= before.count(")"):
        return False
    depth = 0
    for ch in body:
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                return True
            depth -= 1
    return False


def _repeated(a: str, b: str) -> float:
    """The share of the words of `a` that `b` repeats: a pull quote is often a cut of a longer quote."""
    ta, tb = Counter(w.lower() for w in WORD.findall(a)), Counter(w.lower() for w in WORD.findall(b))
    return sum((ta & tb).values()) / max(1, sum(ta.values()))


def join_utterances(article: Article, quotes: list[Quote]) -> list[Quote]:
    """Join the parts of one utterance split by its attribution (“…,” he said. “…”) into one quote.

    `extract_quotes` keeps the parts apart, as the labelled data does; this is for display. A joined
    quote's text is its parts separated by a space, and its offsets run from the first part to the last.
    """
    joined: list[Quote] = []
    for q in quotes:
        prev = joined[-1] if joined else None
        if (
            prev is not None
            and prev.speaker
            and prev.speaker == q.speaker
            and _attribution_between(article, prev.end, q.start)
        ):
            joined[-1] = Quote(
                text=f"{prev.text} {q.text}",
                speaker=prev.speaker,
                role=prev.role or q.role,
                start=prev.start,
                end=q.end,
                mention=prev.mention or q.mention,
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
