"""Speaker phrases: parsing a phrase into a name, a role and the article's own mention."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal

from bot.news.lexicon import load_phrases, load_words

from .marks import _ABBREV_END, _MARKS, _words
from .names import (
    _ADVERBS,
    _CONNECTORS,
    _HONORIFICS,
    _NOT_NAMES,
    _NOT_ROLE_START,
    _RUN_BREAKS,
    _TITLES,
    _TRAILING,
    _name_run,
)
from .verbs import _is_verb_word, _looks_like_verb

_PRONOUNS = load_words("quotes_pronouns")
_SUBJECT_PRONOUNS = load_words("quotes_subject_pronouns")

_PARENS = re.compile(r"\([^()]{0,60}\)")


# What a speaker phrase is: a person's name ("Jan Novak"), a pronoun ("she"), a description of someone
# unnamed ("a White House official"), a definite description of someone named before ("the senator"), or
# the rules' reading that nobody named spoke ("she was warned that “…”": sources.NOBODY)
SpeakerKind = Literal["name", "pronoun", "description", "definite", "nobody"]
# the kinds that stand for one person (a name, or a pronoun that points to one), and for someone described
PERSONAL_KINDS: frozenset[SpeakerKind] = frozenset({"name", "pronoun"})
DESCRIBED_KINDS: frozenset[SpeakerKind] = frozenset({"definite", "description"})


@dataclass(frozen=True)
class _Speaker:
    """A parsed speaker phrase."""

    name: str | None
    role: str | None
    kind: SpeakerKind
    mention: str | None = None  # the phrase as written, with its appositive ("Len Burman, head of …")


def _clean_phrase(phrase: str) -> str:
    phrase = _PARENS.sub(" ", phrase)
    return re.sub(r"\s+", " ", phrase).strip(" ,;:—–―-\"“”'’‘")


def _plausible_role(role: str) -> bool:
    """A role has no verb or pronoun and does not dangle ("just as he did", "Mr. Morgan of the")."""
    words = role.split()
    if len(words) > 18 or words[-1].lower() in _RUN_BREAKS:
        return False
    return not any(_is_verb_word(w) or w.lower() in _PRONOUNS for w in words)


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


def _is_plain_name(phrase: str) -> bool:
    """A phrase that is only a name, maybe with a title ("Vitter", "Mr. King")."""
    found = parse_speaker(phrase)
    return (
        found is not None
        and found.kind == "name"
        and found.role in {None, "Mr.", "Mrs.", "Ms.", "Dr."}
        and phrase.split()[0][:1].isupper()
        and phrase.split()[0].lower() not in _NOT_NAMES - _HONORIFICS
    )


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
                raw = raw[hits[nth][0] : end]
    return _Speaker(found.name, found.role, found.kind, _mention(raw))


def _ends_mention(word: str) -> bool:
    """A word that starts the rest of a clause, not a description of the speaker before it."""
    bare = word.lower().strip(",.;:")
    return (
        word in {"-", "—", "–"}
        or word[:1].islower()
        and bare not in _JOINERS
        and (bare in _ADVERBS or bare in _TRAILING or bare.endswith(("n’t", "n't")) or _looks_like_verb(word))
    )


_CUT_PREPOSITIONS = load_words("quotes_cut_prepositions")

# "the Clinton campaign" speaks as a body named after someone, not as a description of a person
_GROUPS = set(load_phrases("speaking_groups"))

_JOINERS = load_words("quotes_joiners")
_DEMONYMS = load_words("demonyms")
_LEAD_WORDS = load_words("quotes_lead_words")


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


def _pronoun_phrase(segments: list[str]) -> _Speaker | None:
    """A phrase that is a pronoun: "he", "… she" at the end of a short last segment, "he’s" (contracted)."""
    first = segments[0].lower()
    if first in _PRONOUNS:
        return _Speaker(first, None, "pronoun")
    last_words = segments[-1].lower().split()
    if last_words and last_words[-1] in _PRONOUNS and len(last_words) <= 3:
        return _Speaker(last_words[-1], None, "pronoun")
    if first.split()[0] in {"he’s", "she’s", "he's", "she's"}:
        return _Speaker(first.split()[0][:-2], None, "pronoun")
    return None


def _name_describes(index: int, tokens: list[str], b: int, segment: str) -> _Speaker | None:
    """A name inside a description: "an Iowa Democrat", "one unaligned Florida Republican strategist" (the
    name only describes); "the Indiana governor", "the Florida senator" (someone named before)."""
    if index != 0:
        return None
    if b == len(tokens) == 2 and tokens[0].lower() == "the" and tokens[1].lower() in _DEMONYMS:
        return _Speaker(_clean_phrase(segment), None, "definite")  # "the Spaniard": someone named before
    if b >= len(tokens):
        return None
    lead, after = tokens[0].lower(), tokens[b]
    if lead in _INDEFINITE and after.lower() not in {"of", "for", "at", "from", "with"}:
        return _Speaker(_clean_phrase(segment), None, "description")
    if (
        lead == "the"
        and after[:1].islower()
        and after.lower() not in _CUT_PREPOSITIONS | {"of"}
        and len(tokens) <= 8
        and not _VERB_OR_PRONOUN.search(segment)
        and tokens[-1].lower() not in _GROUPS
    ):
        return _Speaker(_clean_phrase(segment), None, "definite")
    return None


def _name_start(tokens: list[str], a: int, b: int) -> int:
    """Where the name of the run tokens[a:b] starts: after its title words ("Finance Minister Jan Novak":
    they belong to the role) and connectors."""
    for i in range(b - 2, a - 1, -1):
        if tokens[i].lower().rstrip(".") in _TITLES or tokens[i] == "Del.":
            a = i + 1
            break
    while a < b - 1 and (tokens[a].lower() in _CONNECTORS or tokens[a] == "of"):
        a += 1
    return a


def _clean_name(name_tokens: list[str]) -> str:
    """The name as shown: no trailing punctuation (an initial's or "Jr." full stop stays), no possessive."""
    name = " ".join(name_tokens)
    if not name_tokens[-1].endswith("."):
        name = name.strip(" ,.’'")
    if name.endswith(".") and not _KEPT_STOP.search(name):
        name = name[:-1]
    return _POSSESSIVE_TAIL.sub("", name)


@dataclass(frozen=True)
class _Run:
    """A name run found in one segment of a speaker phrase."""

    phrase: str
    located: list[tuple[str, int]]  # the phrase's segments and where each starts
    index: int  # the segment holding the name
    tokens: list[str]  # its words
    a: int  # the name's first token
    b: int  # the token after the name

    @functools.cached_property
    def starts(self) -> list[int]:
        """Where each token of the segment starts in it."""
        return [m.start() for m in _NON_SPACE.finditer(self.located[self.index][0])]


def _role_of(run: _Run) -> tuple[str | None, int]:
    """The role of a named speaker ("a spokesman for Acme" -> "spokesman"; the words after the name from
    "of", "for" …; else a role phrase in the segment next to it) and where its mention starts ("The minister
    of defence, Piotr Nowak", "Ukrainian negotiator Oleksander Chaly")."""
    tokens, a, b, index, located = run.tokens, run.a, run.b, run.index, run.located
    segments = [seg for seg, _ in located]
    mention_at = located[index][1] + run.starts[a]
    role_tokens = tokens[:a]
    if len(role_tokens) > 1 and role_tokens[-1].lower() in {"for", "of", "at", "from", "with"}:
        role_tokens = role_tokens[:-1]
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
        role = _ARTICLE_START.sub("", role) or None
        if extra_before:
            mention_at = located[index - 1][1]
        elif role_tokens:
            mention_at = located[index][1]
    return role, mention_at


def _mention_of(run: _Run, mention_at: int) -> str:
    """The speaker's mention as written, from `mention_at` (past lead words: "After BlazeTV’s Glenn Beck")
    to where the clause goes on ("Trump almost (seemed)", "Clinton left office", "the Carson campaign in
    October", "Trump, however, …")."""
    phrase, tokens, b, located = run.phrase, run.tokens, run.b, run.located
    while phrase[mention_at:].split(None, 1)[0].lower() in _LEAD_WORDS:
        mention_at += len(phrase[mention_at:].split(None, 1)[0]) + 1
    for j in range(b, len(tokens)):
        word = tokens[j].lower()
        cut = word in _CUT_PREPOSITIONS and not (j == b and word in {"of", "for", "at", "from", "in"})
        if _ends_mention(tokens[j]) or cut:
            return phrase[mention_at : located[run.index][1] + run.starts[j]].rstrip()
    for later, at in located[run.index + 1 :]:
        if _ends_mention(later.split()[0]):
            return phrase[mention_at:at].rstrip(" ,")
    return phrase[mention_at:]


def _named_speaker(phrase: str, located: list[tuple[str, int]]) -> _Speaker | None | bool:
    """The person a segment of the phrase names, a description holding a name, or False: no name run."""
    for index, (segment, _) in enumerate(located):
        tokens = segment.split()
        found = _name_run(tokens)
        if not found:
            continue
        a, b = found
        described = _name_describes(index, tokens, b, segment)
        if described is not None:
            return described
        run = _Run(phrase, located, index, tokens, _name_start(tokens, a, b), b)
        role, mention_at = _role_of(run)
        return _Speaker(_clean_name(tokens[run.a : b]), role, "name", _mention_of(run, mention_at))
    return False


def _unnamed_speaker(phrase: str) -> _Speaker | None:
    """A phrase that names no one: "Obama's former campaign strategist", "Only 52 percent of registered
    voters" (agreed), "the senator" (someone named before), "a spokesman"; else no speaker."""
    words = phrase.split()
    if (
        len(words) > 1
        and words[0][:1].isupper()
        and words[0].endswith(("’s", "'s"))
        and len(words) <= 6
        and all(w[:1].islower() for w in words[1:])
        and not _VERB_OR_PRONOUN.search(phrase)
    ):
        return _Speaker(phrase, None, "description")
    if _SHARE.match(phrase) and len(words) <= 10 and not _VERB_OR_PRONOUN.search(phrase):
        return _Speaker(phrase, None, "description")
    if len(words) > 8 or words[0].lower() not in _DETERMINERS:
        return None
    if words[0].lower() in _DEFINITE and not _VERB_OR_PRONOUN.search(phrase):
        return _Speaker(phrase, None, "definite")
    return _Speaker(phrase, None, "description")


_NON_SPACE = re.compile(r"\S+")
_KEPT_STOP = re.compile(r"\b(?:Jr|Sr|[A-Z])\.$")
_POSSESSIVE_TAIL = re.compile(r"(?:’s|'s)$")
_ARTICLE_START = re.compile(r"^(?:the|a|an)\s+", re.I)


def _parse_speaker(phrase: str) -> _Speaker | None:
    """The speaker a phrase names: a pronoun, a person with role and mention, or a description."""
    phrase = _clean_phrase(phrase)
    if not phrase:
        return None
    located = _segments(phrase)
    if not located:
        return None
    pronoun = _pronoun_phrase([seg for seg, _ in located])
    if pronoun is not None:
        return pronoun
    named = _named_speaker(phrase, located)
    if named is not False:
        return named
    return _unnamed_speaker(phrase)


# A share of a group that a poll reports ("52 percent of registered voters", "Only a third of Democrats")
_SHARE = re.compile(
    r"(?:(?:Only|only|Just|just|About|about|Nearly|nearly|Almost|almost)\s+)?(?:\d[\d.,]*\s*(?:%|percent)|"
    r"(?:a|one|two)[\s-](?:third|quarter|half|fifth)|half|most|majority)\s+of\s+\w"
)
_INDEFINITE = load_words("quotes_indefinite")
_DEFINITE = load_words("quotes_definite")
_DETERMINERS = _DEFINITE | {
    "a",
    "an",
    "one",
    "another",
    "some",
    "several",
    "two",
    "three",
    "four",
    "many",
    "most",
    "other",
    "others",
    "both",
    "all",
    "our",
    "my",
    "officials",
    "police",
    "critics",
    "experts",
    "analysts",
    "sources",
    "supporters",
    "aides",
    "democrats",
    "republicans",
    "voters",
    "protesters",
    "residents",
    "organizers",
    "lawmakers",
    "investigators",
}
_VERB_OR_PRONOUN = re.compile(
    r"\b(?:he|she|they|it|was|is|were|are|has|have|had|said|says|to|that|who)\b", re.I
)


def _clean_role(role: str) -> str | None:
    role = _clean_phrase(role)
    role = re.sub(r"^(?:the|a|an)\s+", "", role, flags=re.I)
    return role or None


def _titled_name(phrase: str) -> bool:
    """A name with its title words only ("US Senator Jeff Sessions"): a whole attribution's subject."""
    named = parse_speaker(phrase) if _words(phrase) <= 6 else None
    return (
        named is not None
        and named.kind == "name"
        and not any(w[:1].islower() and w.lower().rstrip(".") not in _TITLES for w in phrase.split())
    )
