"""Who might have spoken a quote: the candidates, found by rules, and the features the ranker weighs.

The rules only propose (the attribution rules' own pick, the people, organisations, unnamed sources and
documents written in the sentence of the quote and the ones around it, the paragraph's last speaker and
"nobody") and describe (the verb next to a mention, its distance and side, "according to", "told", "said of",
the pronoun of the reporting clause, the candidate's kind). `ranker.choose` learns which one spoke.
"""

from __future__ import annotations

import bisect
import logging
import math
import re
from dataclasses import dataclass, field

from bot.news.lexicon import load_phrases
from bot.news.models import Article, Sentence
from bot.news.steps import Case, Decided, Outcome, Step, run_steps

from .marks import _Span
from .names import _ORGANISATION_HEADS, _Names
from .verbs import _BE_BEFORE, _LISTENER_VERBS, _VERB

log = logging.getLogger(__name__)

# Bounds that keep the work per quote constant: the window of sentences around it and the candidates in it.
_NEAR = 600
PRONOUN_MODE = "cue"
_MAX_CANDIDATES = 12

_ORG_HEADS = _ORGANISATION_HEADS
_DOCUMENTS = frozenset(load_phrases("documents"))
_UNNAMED = frozenset(load_phrases("unnamed_sources"))
_PREPOSITIONS = frozenset(load_phrases("object_prepositions"))

_SMALL = frozenset({"of", "for", "the", "and", "at", "a", "an"})
_CAPITAL_WORD = re.compile(r"[A-Z][\w’'\-]+")
# \b[A-Z]{2,6}s?\b with its first capital before the look-behind that stands for the \b: a pattern that opens
# with a character class lets `re` skip to the capitals (same matches).
_ACRONYM = re.compile(r"[A-Z](?<!\w[A-Z])[A-Z]{1,5}s?\b")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\W{0,3}$")
_ACCORDING = re.compile(r"\baccording\s+to\s+(?:the\s+)?$", re.I)
_SAID_OF = re.compile(r"\b(?:said|says|say|wrote|writes|told)\s+(?:of|about)\s+(?:the\s+)?$")
_POSSESSIVE = re.compile(r"(?:’s|'s|’|')(?=\s)")
_CLAUSE_PRONOUN_AFTER = re.compile(r"[\s,”\"’']{0,4}(?:(he|she|they|it|I|we)\s+(\w+))", re.I)
_CLAUSE_PRONOUN_BEFORE = re.compile(r"\b(he|she|they|it|I|we)\s+(\w+)[\w\s]{0,30}[,:]?\s*[“\"]?\s*$", re.I)
_PASSIVE_BEFORE = re.compile(
    r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?(?:told|warned|informed|"
    r"reminded|advised|assured|promised|asked)\b[^.!?]{0,40}$"
)
_READ_VERB = re.compile(
    r"\b(?:read|reads|reading|states|stated|stating|notes|noted|warned|warns|said|says)"
    r"\b\W{0,3}$"
)

# Noun phrases that can speak without a personal name: "a spokesperson for the X Association", "the internal
# memo", "the company spokesman", "the Scottish government", "UCEA": a determiner, up to three words, a head
# word from the lists, and a tail naming whose ("for the X Association"). Each token class is disjoint from
# its separator, so the bounded repetitions cannot backtrack against each other.
_DETERMINER = re.compile(r"\b(?:[Aa]n?|[Tt]he|[Oo]ne|[Aa]nother|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+")
_PHRASE_WORD = re.compile(r"([\w’'\-]+)(\s*)")
_HEAD_FORM = re.compile(r"[a-z][a-z\-]+|[A-Z][a-z]+")
_PHRASE_WORDS = 4  # the head is among the first four words after the determiner
_TAIL = re.compile(
    r"(?:\s+(?:for|of|at|with|from)\s+(?:the\s+)?[A-Z][\w’'&\-]*(?:\s+(?:of|and|for|the|&|[A-Z][\w’'&\-]*)){0,7})?"
)
_HEADS = "|".join(sorted({h for w in _ORG_HEADS for h in (w, w.capitalize())}, key=len, reverse=True))
_CAPITAL_RUN_WORD = r"[A-Z][\w’'&\-]*\s+"
# (?:\b[Tt]he\s+)?(?:CAPITAL_WORD){1,5}HEAD\b, opened by the character class of its first letter, so that `re`
# skips to the candidates' first letters: "the " (with the look-behind that stands for \b) or a capital word
# (same matches, same order of trials).
_CAPITAL_RUN = re.compile(
    r"[A-Zt](?:(?<=[Tt])(?<!\w[Tt])he\s+(?:"
    + _CAPITAL_RUN_WORD
    + r"){1,5}|(?<=[A-Z])[\w’'&\-]*\s+(?:"
    + _CAPITAL_RUN_WORD
    + r"){0,4})(?P<head>"
    + _HEADS
    + r")\b"
)


@dataclass
class Candidate:
    """One possible speaker of a quote: how it would be shown, what it is, and its features."""

    name: str | None
    kind: str  # person, organisation, unnamed, document, other, nobody
    features: dict[str, float] = field(default_factory=dict)
    role: str | None = None
    mention: str | None = None
    rules_pick: bool = False  # the attribution rules' own pick (shown with the role and mention they read)


@dataclass
class QuoteSite:
    """What the candidates of one quote need to know about it and the rules' attribution of it."""

    span: _Span
    rule_name: str | None
    rule_role: str | None
    rule_mention: str | None
    path: str  # which rule named the speaker: explicit, inherit, embedded, signed, signature, heard, none
    phrase_kind: str | None  # the kind of the phrase the rule read: name, pronoun, definite, description
    phrase_name: str | None
    previous: str | None  # the speaker of the quote before, in the same paragraph
    last: str | None  # the latest speaker named before this quote


@dataclass(frozen=True)
class _KindOf:
    """What _kind reads: a candidate's words and the article's names."""

    name: str
    names: _Names

    @property
    def words(self) -> list[str]:
        """The candidate's words."""
        return self.name.split()


def _unnamed_source(k: _KindOf) -> Outcome:
    """ "a spokesperson", "one official": a source the article does not name (no gendered name in it)."""
    unnamed = any(w.lower() in _UNNAMED for w in k.words) and not k.names.gender(k.name)
    return Decided("unnamed") if unnamed else None


def _document_head(k: _KindOf) -> Outcome:
    """ "the statement", "a memo": a document speaks."""
    head = k.words[-1].lower().strip(".,") if k.words else ""
    return Decided("document") if head in _DOCUMENTS else None


def _organisation_words(k: _KindOf) -> Outcome:
    """ "the Labour Party", "NATO", "the Trump administration": a body, by its head word or an acronym."""
    low = [w.lower() for w in k.words]
    head = low[-1].strip(".,") if low else ""
    body = (
        head in _ORG_HEADS or re.fullmatch(r"[A-Z]{2,6}s?", k.name) or any(w in _ORG_HEADS for w in low[1:])
    )
    return Decided("organisation") if body else None


def _short_form_of_a_body(k: _KindOf) -> Outcome:
    """ "Manchester City", named in full as "Manchester City Football Club": the body, never a person."""
    return Decided("organisation") if k.names.names_a_body(k.name) else None


def _personal_name(k: _KindOf) -> Outcome:
    """A name of known gender, a run of capitalised words, or one word the article uses as a person's."""
    words = k.words
    if k.names.gender(k.name) is not None or (len(words) >= 2 and all(w[:1].isupper() for w in words)):
        return Decided("person")
    if len(words) == 1 and words[0][:1].isupper() and k.names.is_person(k.name):
        return Decided("person")
    return None


# What kind of speaker a candidate is (person, organisation, document, unnamed; else "other"), rows in order.
_KIND_STEPS: tuple[Step[_KindOf], ...] = (
    Step("unnamed source", _unnamed_source, (Case("a spokesperson for the council", "unnamed"),)),
    Step("document head", _document_head, (Case("the statement", "document"),)),
    Step(
        "organisation words",
        _organisation_words,
        (Case("the Labour Party", "organisation"), Case("NATO", "organisation")),
    ),
    Step(
        "short form of a body",
        _short_form_of_a_body,
        (Case("Manchester City || Manchester City Football Club said.", "organisation"),),
    ),
    Step(
        "personal name",
        _personal_name,
        (Case("Maria Lopez", "person"), Case("the weather", None, fires=False)),
    ),
)


def _kind(name: str, names: _Names) -> str:
    """person, organisation, document, unnamed or other, from the words of a candidate."""
    outcome = run_steps(_KIND_STEPS, _KindOf(name, names))
    return outcome.value if isinstance(outcome, Decided) else "other"


def _clause_pronoun(text: str, s: _Span) -> str | None:
    """The pronoun that reports the quote ("…,” he said" / "She said: “…”"), lower-cased, if any."""
    if s.close_at is not None:
        after = _CLAUSE_PRONOUN_AFTER.match(text, s.close_at + 1, min(len(text), s.close_at + 40))
        if after and _VERB.search(after.group(2)):
            return after.group(1).lower()
    before = _CLAUSE_PRONOUN_BEFORE.search(text, max(0, s.open_at - 60), s.open_at)
    if before and _VERB.search(before.group(2)):
        return before.group(1).lower()
    return None


def _window(s: _Span, article: Article, sentences: list[Sentence], index: list[int]) -> tuple[int, int]:
    """From the sentence before the quote's to the sentence after it, within _NEAR characters."""
    first = max(bisect.bisect_right(index, s.open_at) - 1, 0)
    end_at = s.close_at if s.close_at is not None else s.end
    last = max(bisect.bisect_right(index, end_at) - 1, 0)
    start = sentences[max(first - 1, 0)].start if sentences else article.paragraphs[s.paragraph].start
    para = article.paragraphs[s.paragraph]
    end = sentences[min(last + 1, len(sentences) - 1)].end if sentences else para.end
    return max(start, s.open_at - _NEAR), min(end, end_at + _NEAR)


def _mentions(masked: str, start: int, end: int, names: _Names) -> list[tuple[int, int, str, str]]:
    """(start, end, shown name, kind) of every speaker-like mention in masked[start:end]."""
    found: list[tuple[int, int, str, str]] = []
    for at, full in names.people_between(start, end):
        if _blank_line(masked, at):
            continue  # a section heading ("Spotty Recovery"), blanked in the masked text: it never speaks
        head = full.split()[-1].lower()
        body = head in _ORG_HEADS or names.names_a_body(full)
        found.append((at, at + len(full), full, "organisation" if body else "person"))
    covered = {at for at, *_ in found}
    for word in _CAPITAL_WORD.finditer(masked, start, end):
        token = word.group(0).rstrip("’'")
        if word.start() in covered or token.lower() not in names.by_last:
            continue
        full = names.full(token, word.start())
        found.append((word.start(), word.end(), full, "person"))
    found.extend(_described(masked, start, end))
    for match in _CAPITAL_RUN.finditer(masked, start, end):
        found.append((match.start(), match.end(), match.group(0).strip(), "organisation"))
    for match in _ACRONYM.finditer(masked, start, end):
        if match.group(0).lower() not in names.by_last:
            found.append((match.start(), match.end(), match.group(0), "organisation"))
    return found


def _described(masked: str, start: int, end: int) -> list[tuple[int, int, str, str]]:
    """Phrases that name a speaker by what it is: "a spokesperson for X", "the internal memo"."""
    found: list[tuple[int, int, str, str]] = []
    after = start
    for det in _DETERMINER.finditer(masked, start, end):
        if det.start() < after:
            continue  # inside the tail of the phrase before ("the memo of the Council")
        head = None
        at = det.end()
        for _ in range(_PHRASE_WORDS):
            word = _PHRASE_WORD.match(masked, at, end)
            if word is None:
                break
            listed = _HEAD_FORM.fullmatch(word.group(1)) and _head_kind(word.group(1).lower())
            if listed:
                head = (word.end(1), listed)  # a compound ("the company spokesman") ends on its last head
            elif head is not None:
                break
            if not word.group(2):
                break  # punctuation ends the phrase
            at = word.end()
        if head is None:
            continue
        tail = _TAIL.match(masked, head[0], end)
        stop = tail.end() if tail else head[0]
        found.append((det.start(), stop, masked[det.start() : stop].strip(), head[1]))
        after = stop
    return found


def _head_kind(word: str) -> str | None:
    """unnamed, document or organisation for a head word of the lists, else None."""
    if word in _UNNAMED:
        return "unnamed"
    if word in _DOCUMENTS:
        return "document"
    return "organisation" if word in _ORG_HEADS else None


_HEADING = 200  # a section heading is a short line: past this many characters a line is no heading


def _blank_line(masked: str, at: int) -> bool:
    """True when the short line holding offset `at` is blank in the masked text (a heading's line)."""
    if not masked[at : at + 1].isspace():
        return False
    start = masked.rfind("\n", max(0, at - _HEADING), at)
    end = masked.find("\n", at, at + _HEADING)
    if end < 0 and at + _HEADING < len(masked) or start < 0 and at > _HEADING:
        return False  # no line break near: a long line (a one-paragraph article), never a heading
    return masked[start + 1 : end if end >= 0 else len(masked)].isspace()


def _within(part: str, whole: str) -> bool:
    """True when the words of `part` are all words of the longer `whole` ("scottish" in "the scottish …")."""
    small, big = part.split(), whole.split()
    return len(small) < len(big) and set(small) <= set(big)


# Compiled once: _local runs for every mention near every quote.
_CLAUSE_MARK = re.compile(r"[.;:!?“”\"]")  # punctuation or a quote mark between a mention and its verb
_STOP_MARK = re.compile(r"[.;:!?]")


_AFTER = 120  # how far after a mention its reporting verb is looked for
_THIRD_TOKEN = re.compile(r"\s*\S+\s+\S+\s+\S+")
_MULTI_WORD_VERB = 60  # room past the limit for a verb of several words that starts before it


def _verb_after(after: str):
    """The first reporting verb of `after` that can give a feature, or None (as `_VERB.search`, cheaper).

    A verb counts among the first three words (verb_after, passive_subject) or, after a comma (", a
    spokesman for X, said"), before the first clause mark; the word-by-word search stops there.
    """
    third = _THIRD_TOKEN.match(after)
    limit = third.end() if third else len(after)
    if after.lstrip().startswith(","):
        mark = _CLAUSE_MARK.search(after)
        limit = max(limit, mark.start() if mark else len(after))
    verb = _VERB.search(after, 0, min(len(after), limit + _MULTI_WORD_VERB))
    return verb if verb is not None and verb.start() < limit else None


def _local(masked: str, a: int, b: int, sentence_start: int) -> dict[str, float]:
    """Features of one mention from the words around it."""
    f: dict[str, float] = {}
    after = masked[b : b + _AFTER]
    verb = _verb_after(after)
    if verb is not None:
        gap = after[: verb.start()]
        if _BE_BEFORE.search(gap) and len(gap.split()) <= 2:
            f["passive_subject"] = 1.0  # "Hale was told": the mention heard the words
        elif not _CLAUSE_MARK.search(gap) and (len(gap.split()) <= 2 or gap.lstrip().startswith(",")):
            f["verb_after"] = 1.0
            f["verb_after_near"] = 1.0 if len(gap.split()) <= 1 else 0.0
    before = masked[max(0, a - 40) : a]
    verbs = list(_VERB.finditer(before))
    gap = before[verbs[-1].end() :] if verbs else ""
    if verbs and len(gap.split()) <= 3 and not _STOP_MARK.search(gap):
        f["verb_before"] = 1.0
    word = _WORD_BEFORE.search(before)
    lead = word.group(1).lower() if word else ""
    if lead in _LISTENER_VERBS:
        f["listener"] = 1.0
    if lead in _PREPOSITIONS:
        f["object_of_preposition"] = 1.0
    if _ACCORDING.search(before):
        f["according_to"] = 1.0
    if _SAID_OF.search(before):
        f["said_of"] = 1.0
    if _POSSESSIVE.match(masked, b, b + 3):
        f["possessive"] = 1.0
    opening = masked[sentence_start:a]
    if len(opening.strip(" \n“”\"‘’'-—").split()) <= 1:
        f["opens_sentence"] = 1.0
    return f


def candidates(
    site: QuoteSite,
    article: Article,
    masked: str,
    sentences: list[Sentence],
    starts: list[int],
    names: _Names,
) -> list[Candidate]:
    """The possible speakers of one quote, each with its features."""
    s = site.span
    start, end = _window(s, article, sentences, starts)
    mentions = _site_mentions(site, masked, start, end, names)
    by_name, nearest = _near_candidates(site, mentions, masked, sentences, starts, start)
    # speakers named elsewhere: the rules' pick and the paragraph's last speaker
    for extra in (site.rule_name, site.previous, site.last):
        if extra and extra.casefold() not in by_name and len(by_name) < _MAX_CANDIDATES + 3:
            by_name[extra.casefold()] = Candidate(extra, "", {"not_near": 1.0}, mention=extra)
    order = sorted(nearest.items(), key=lambda kv: kv[1])
    rank = {key: i for i, (key, _) in enumerate(order)}
    reporters = _reporters(site, by_name, nearest)
    pronoun = _clause_pronoun(masked, s)
    result: list[Candidate] = []
    for key, cand in by_name.items():
        f = cand.features
        _recency_features(key, cand, site, by_name, nearest, reporters)
        if not cand.kind:
            cand.kind = _kind(cand.name or "", names)
        f["kind_" + cand.kind] = 1.0
        f["rank"] = min(rank.get(key, _MAX_CANDIDATES), _MAX_CANDIDATES) / _MAX_CANDIDATES
        f["nearest"] = 1.0 if rank.get(key) == 0 else 0.0
        if f.get("verb_after") or f.get("verb_before"):
            f["verb_" + cand.kind] = 1.0
        _rule_features(key, cand, site)
        if site.previous and key == site.previous.casefold():
            f["previous_speaker"] = 1.0
        if site.last and key == site.last.casefold():
            f["last_speaker"] = 1.0
        _pronoun_features(cand, pronoun, names)
        if cand.role is None and cand.kind == "person":
            cand.role = names.role(cand.name or "")
        result.append(cand)
    result.append(_nobody(site, masked, bool(result)))
    return result


def _site_mentions(
    site: QuoteSite, masked: str, start: int, end: int, names: _Names
) -> list[tuple[int, int, str, str]]:
    """The mentions of the quote's window, with the words the rules read, nearest the quote first."""
    s = site.span
    close = s.close_at if s.close_at is not None else s.end
    mentions = _mentions(masked, start, end, names)
    if site.rule_name and site.rule_name.casefold() not in {m[2].casefold() for m in mentions}:
        # the words the rules read ("the regulator"), where the window holds them, are a mention too
        for said in dict.fromkeys(w for w in (site.rule_mention, site.rule_name) if w):  # in this order
            at = masked.rfind(said, start, s.open_at)
            at = at if at >= 0 else masked.find(said, close, end)
            if at >= 0:
                mentions.append((at, at + len(said), site.rule_name, _kind(site.rule_name, names)))
                break
    mentions.sort(key=lambda m: min(abs(s.open_at - m[1]), abs(m[0] - close)))
    return mentions


def _near_candidates(
    site: QuoteSite,
    mentions: list[tuple[int, int, str, str]],
    masked: str,
    sentences: list[Sentence],
    starts: list[int],
    start: int,
) -> tuple[dict[str, Candidate], dict[str, float]]:
    """One candidate per distinct name mentioned near the quote, with its local and position features."""
    s = site.span
    close = s.close_at if s.close_at is not None else s.end
    q_sentence = max(bisect.bisect_right(starts, s.open_at) - 1, 0)
    by_name: dict[str, Candidate] = {}
    nearest: dict[str, float] = {}
    for a, b, shown, kind in mentions:
        key = shown.casefold()
        if key in by_name:
            by_name[key].features["mentions_near"] += 1
            continue
        if len(by_name) >= _MAX_CANDIDATES:
            continue
        before = b <= s.open_at
        dist = s.open_at - b if before else a - close
        k = max(bisect.bisect_right(starts, a) - 1, 0)
        f = _local(masked, a, b, sentences[k].start if sentences else start)
        f["side_before"] = 1.0 if before else 0.0
        f["side_after"] = 0.0 if before else 1.0
        f["distance"] = min(max(dist, 0), _NEAR) / _NEAR
        f["log_distance"] = math.log1p(max(dist, 0)) / math.log1p(_NEAR)
        f["same_sentence"] = 1.0 if k == q_sentence else 0.0
        f["sentence_before"] = 1.0 if k < q_sentence else 0.0
        f["sentence_after"] = 1.0 if k > q_sentence else 0.0
        f["mentions_near"] = 1.0
        nearest[key] = dist
        by_name[key] = Candidate(shown, kind, f, mention=shown)
    return by_name, nearest


def _reporters(
    site: QuoteSite, by_name: dict[str, Candidate], nearest: dict[str, float]
) -> list[tuple[float, str]]:
    """The reporting clauses before the quote, nearest first, as (distance, candidate key).

    A person or unnamed source right before or after its verb; not a body inside the rules' own mention.
    """
    own = (site.rule_mention or "").casefold()
    return sorted(
        (nearest[k], k)
        for k, c in by_name.items()
        if k in nearest
        and c.kind in {"person", "unnamed"}
        and c.features.get("side_before")
        and (c.features.get("verb_after_near") or c.features.get("verb_before"))
        and k not in own
    )


def _recency_features(
    key: str,
    cand: Candidate,
    site: QuoteSite,
    by_name: dict[str, Candidate],
    nearest: dict[str, float],
    reporters: list[tuple[float, str]],
) -> None:
    """Recency cues: a speaker reported since this mention, the latest reporter, the rules' name inside."""
    f = cand.features
    mine = nearest.get(key, float(_NEAR) * 2) if f.get("side_before") or key not in nearest else -1.0
    newer = [k for d, k in reporters if d < mine and k != key and not _within(k, key)]
    if newer:
        f["newer_reporter"] = 1.0  # someone else was reported speaking after this candidate's mention
        if by_name[newer[0]].kind == "unnamed":
            f["newer_unnamed_reporter"] = 1.0
    if reporters and reporters[0][1] == key:
        f["latest_reporter"] = 1.0
    rule_key = site.rule_name.casefold() if site.rule_name else None
    if rule_key and key != rule_key and _within(rule_key, key):
        f["contains_rule_name"] = 1.0  # "the Scottish government" where the rules read "Scottish"


def _rule_features(key: str, cand: Candidate, site: QuoteSite) -> None:
    """Whether the attribution rules picked this candidate, by which path and from what kind of phrase."""
    f = cand.features
    is_rule = site.rule_name is not None and key == site.rule_name.casefold()
    if not is_rule:
        return
    if site.phrase_kind == "pronoun" and PRONOUN_MODE != "rule":
        # "he said": who "he" is, the ranker decides from agreement and recency, the rules' pick is a cue
        if PRONOUN_MODE == "cue":
            f["rule_antecedent"] = 1.0
    else:
        phrase = site.phrase_kind or "none"
        f["rule"] = 1.0
        f["rule_" + site.path] = 1.0
        f["rule_phrase_" + phrase] = 1.0
        f["rule_kind_" + cand.kind] = 1.0
        f[f"rule_{site.path}_{phrase}"] = 1.0
        for cue in ("newer_reporter", "newer_unnamed_reporter", "not_near", "latest_reporter"):
            if f.get(cue):
                f[f"rule_{phrase}_{cue}"] = 1.0
    cand.rules_pick = True
    cand.role, cand.mention = site.rule_role, site.rule_mention


def _pronoun_features(cand: Candidate, pronoun: str | None, names: _Names) -> None:
    """Agreement of the reporting pronoun ("he said") with the candidate's gender and kind."""
    f = cand.features
    want = {"he": "male", "she": "female"}.get(pronoun or "")
    name = cand.name or ""
    if cand.kind == "person":
        gender = names.gender(name)
        if want is not None:
            agreement = "agrees" if gender == want else "unknown" if gender is None else "disagrees"
            f["pronoun_" + agreement] = 1.0
        if pronoun in {"they", "it"}:
            f["pronoun_not_person"] = 1.0
    elif pronoun in {"he", "she"} and cand.kind == "unnamed":
        f["pronoun_unnamed"] = 1.0  # "a spokesperson for X said … “…,” he said"
    elif pronoun in {"he", "she"}:
        f["pronoun_person_wanted"] = 1.0
    elif pronoun in {"it", "they"}:
        f["pronoun_thing"] = 1.0
    if cand.kind == "other" and any(w[:1].islower() and w not in _SMALL for w in name.split()):
        f["lowercase_words"] = 1.0


def _nobody(site: QuoteSite, masked: str, others: bool) -> Candidate:
    """The "nobody named" candidate, with the cues that the words come from no one the article names."""
    s = site.span
    nobody = Candidate(None, "nobody", {"nobody": 1.0})
    if site.rule_name is None and site.path == "heard":
        # the rules read that nobody named spoke ("she was warned that “…”"): their pick, like any other
        nobody.features.update({"rule": 1.0, "rule_heard": 1.0})
        nobody.rules_pick = True
    elif site.rule_name is None:
        nobody.features["nobody_rule_none"] = 1.0
    if _PASSIVE_BEFORE.search(masked, max(0, s.open_at - 80), s.open_at):
        nobody.features["nobody_passive"] = 1.0
    if _READ_VERB.search(masked, max(0, s.open_at - 25), s.open_at):
        nobody.features["nobody_read_verb"] = 1.0
    if not others:
        nobody.features["nobody_alone"] = 1.0
    return nobody
