"""Coreference: resolving pronouns, surnames and descriptions across the article."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from bot.news.lexicon import load_phrases, load_words
from bot.news.models import Article, Sentence
from bot.news.steps import Case, Decided, Outcome, Step, run_steps

from .attribution import (
    _MINDS,
    _THINGS,
    _described_person,
    _earlier_subject,
    _phrase_end,
    _subject,
    _tail_mention,
    _verb_after,
    _verb_before,
)
from .marks import _Span, _words
from .names import (
    _ADVERBS,
    _FEMALE_KIN,
    _LIGHT_LEADS,
    _MALE_KIN,
    _NOT_OR_TITLE,
    _NOT_ROLE_START,
    _ORGANISATION_HEADS,
    _PREPOSITIONS,
    _TITLES,
    _Names,
    first_name_gender,
)
from .speakers import _GROUPS, PERSONAL_KINDS, _mention, _Speaker, parse_speaker
from .verbs import _SPEECH_FORMS, _VERB, _Found, _is_finite_verb, _looks_like_verb

# Bounds that keep the work per quote constant however long a paragraph is: a reporting clause is short.
_WINDOW = 400


@dataclass(eq=False)
class _Resolved:
    """A quotation with its speaker, or with a speaker phrase still to resolve (`pending`)."""

    span: _Span
    name: str | None
    role: str | None
    pending: _Speaker | None = None
    mention: str | None = None


# "the senator" -> the words that give someone that office in the article
_OFFICES = {
    "senator": ("sen.", "sen", "senator", "sens."),
    "governor": ("gov.", "gov", "governor"),
    "president": ("president", "pres."),
    "mayor": ("mayor",),
    "congressman": ("rep.", "rep", "congressman"),
    "congresswoman": ("rep.", "rep", "congresswoman"),
    "secretary": ("secretary",),
    "judge": ("judge",),
    "minister": ("minister",),
    "ambassador": ("ambassador",),
    "speaker": ("speaker",),
}

_SPOKESPEOPLE = {"spokesman", "spokeswoman", "spokesperson"}

# "Instead, the Vermont senator is sticking to …": a definite description as a sentence's subject
_DEFINITE_SUBJECT = re.compile(
    r"(?:[A-Z][a-z]+,\s+)?([Tt]he\s+(?:[A-Z][\w’'\-]*\s+){0,3}[a-z][\w\-]*(?:\s+[a-z][\w\-]*)?)\s+(\w+)"
)

_CONTRAST = re.compile(r",?\s+but\s+|;\s+|,\s+while\s+|,\s+whereas\s+|,\s+and\s+(?=[A-Z][a-z]+\s+[a-z])")

# ", president of the Miami-based Florida Democratic Black Caucus." closing a sentence: a source introduced
_INTRODUCED_TAIL = re.compile(
    r"(,\s+(?:(?:a|an|the)\s+)?(?:[a-z][\w’'\-]*|[A-Z][\w’'\-]*[’']s)\b[^“”\"!?;:]*?)\.?\s*$"
)


def _second_comma(tail: str) -> Outcome:
    """ "…, Henry Crespo, president of X, and …": the sentence goes on past the appositive."""
    return Decided(False) if "," in tail[1:] else None


def _too_long(tail: str) -> Outcome:
    """An appositive is a short description, not the rest of a long sentence."""
    return Decided(False) if _words(tail) > _APPOSITIVE_WORDS else None


def _opens_like_no_role(tail: str) -> Outcome:
    """ "…, where …", "…, whose …", "…, running …", "…, than …": no description of the person opens so."""
    lead = tail[1:].split()[0].lower()
    no_role = lead in _NOT_ROLE_START or lead.endswith("ing") or lead in _NOT_APPOSITIVE_LEADS
    return Decided(False) if no_role else None


def _holds_a_verb(tail: str) -> Outcome:
    """ "…, Christie’s stare seemed to reflect sadness.": a clause with its verb, not a description."""
    return Decided(False) if any(_is_finite_verb(w) for w in tail.split()) else None


def _a_description(tail: str) -> Outcome:
    """What is left describes the person: ", president of the Miami chapter"."""
    return Decided(True)


_APPOSITIVE_WORDS = 14
_NOT_APPOSITIVE_LEADS = frozenset({"where", "whose", "than", "or"})

# Whether the words after a name that ends a sentence describe that person (an appositive), as rows in order.
_APPOSITIVE_STEPS: tuple[Step[str], ...] = (
    Step("second comma", _second_comma, (Case(", president of the union, and the board agreed.", None),)),
    Step(
        "too long",
        _too_long,
        (Case(", the man who ran the state party for many years before he left for a job in Ohio", None),),
    ),
    Step(
        "opens like no role",
        _opens_like_no_role,
        (Case(", where the union met", None), Case(", running the plant", None)),
    ),
    Step("holds a verb", _holds_a_verb, (Case(", Christie’s stare seemed to reflect sadness.", None),)),
    Step("a description", _a_description, (Case(", president of the Miami chapter.", "appositive"),)),
)


def _describes_the_name(tail: str) -> bool:
    """Whether a sentence's last words after a name's comma describe that person ("…, president of X.")."""
    outcome = run_steps(_APPOSITIVE_STEPS, tail)
    return isinstance(outcome, Decided) and bool(outcome.value)


# "Brewer, an early supporter", "Körner, chairman of …": a name with an appositive describing a person
_DESCRIBED_PERSON = re.compile(r"[\w’'.]+,\s+(?:an?|the|who|whose|[a-z]+ of)\s")
_OPENING_NAME = re.compile(r"[A-Z][a-z]+ (?:[A-Z]\. )?([A-Z][a-z][\w\-]+)\b(?![’'.])")
_CLAUSE_LEADS = r"(?:(?:But|And|Meanwhile|Then|Still|Yet|So|Now|Later|Instead|However|Also|Earlier),?\s+)?"


# Cached: one pattern per name, asked again for every sentence and quote; names outnumber re's own cache,
# which then compiles them again. The pattern depends on the word alone, so a cached one is the same pattern.
@functools.lru_cache(maxsize=1024)
def _clause_opening(word: str) -> re.Pattern[str]:
    """The pattern of a sentence that opens with `word` (after a quote mark and a linking word)."""
    return re.compile(
        r"[\s“\"‘']*" + _CLAUSE_LEADS + re.escape(word) + r"(?:’s|'s)?(?:\s*(,)|\s+([\w’'\-]+))"
    )


def _opens_clause(word: str, sentence: str) -> bool:
    """True when a sentence opens with `word` as its subject: "Cruz openly admitted", "Rihanna, who …"."""
    match = _clause_opening(word).match(sentence)
    if match is None:
        return False
    after = match.group(2) or ""
    return (
        bool(match.group(1))
        or _looks_like_verb(after)
        or after in _ADVERBS
        or after.endswith("ly")
        or after in _MINDS
    )


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
_SUBORDINATE = re.compile(
    r"\s*(?:(?:But|And|Yet|So|Even|Just|Shortly|Soon|Long|Only|Right)\s+(?:(?:even|just|shortly|soon|long|only|right)\s+)?"
    r"(?:after|when|as|before|while|although|though|because|if|since|once|until)"
    r"|After|When|As|Before|While|Although|Though|Because|If|Since|Once|Until)\s"
)  # "After Glenn Beck asked …,", "But even before Newcastle said …,": a clause before the main one

_CLAUSE_COMMA = re.compile(r",[”\"’']?\s|(?<=[“\"]\s\s\s)\s*[”\"]\s+(?=[A-Z])")

_OWNED_SUBJECT = re.compile(r"\s*((?:[A-Z][\w\-]*\.?\s+){0,2}[A-Z][\w\-]*)(?:’s|'s)\s+([a-z]+)\b")
# After an owned subject's noun, a preposition before a name: "Savage's future at Birmingham" is Savage's
_OWNED_THING = re.compile(r"\s+(?:at|in|about|of|for|on|with|from|over|against)\s+[A-Z]")


def _owned_thing(mention: str) -> bool:
    """Whether a subject's words are a thing its first name owns, then a name after a preposition ("Savage's
    future at Birmingham"), not an owner's office and a name ("Norland's foreign minister, Erik Vass")."""
    owned = _OWNED_SUBJECT.match(mention)
    return owned is not None and _OWNED_THING.match(mention, owned.end()) is not None


@dataclass(frozen=True)
class _Who:
    """A resolved speaker: the full name, the role and the mention as written (all None: nobody).

    It unpacks like the (name, role, mention) triple it replaces: `name, role, mention = _resolve(...)`.
    """

    name: str | None = None
    role: str | None = None
    mention: str | None = None

    def __iter__(self) -> Iterator[str | None]:
        return iter((self.name, self.role, self.mention))


# Who a sentence is about: the speaker of its reporting clause, its subject, and a description of its subject
@dataclass(frozen=True)
class _Attribution:
    """A speaker named at a quote: where, their full name, and the mention as written there."""

    at: int
    name: str
    mention: str


@dataclass(frozen=True)
class _People:
    """Who a sentence is about: the speaker of its reporting clause, its subject, and a description of its
    subject as written ("the Vermont senator"); it unpacks in that order."""

    reporting: _Speaker | None
    subject: _Speaker | None
    described: str | None

    def __iter__(self) -> Iterator[_Speaker | str | None]:
        return iter((self.reporting, self.subject, self.described))


_VERB_FIRST = re.compile(r"(?:[”\",],?|^)\s*$")
_AFTER_QUOTE = re.compile(r"[”\"],?\s*$")


def _main_clause(clause: str, names: _Names) -> tuple[str, _Found | None]:
    """The clause from its main clause on, and its first reporting verb: "After Glenn Beck asked him …,
    D’Souza replied, “…”": the main clause's verb reports (the comma may close a blanked quotation: "… calls
    it “Medicare for all,” Clinton seized")."""
    first_verb = _VERB.search(clause)
    if first_verb is None or _SUBORDINATE.match(clause) is None:
        return clause, first_verb
    found = _CLAUSE_COMMA.search(clause)
    comma = found.start() if found else -1
    after = found.end() if found else 1
    later = _VERB.search(clause, after) if comma > first_verb.start() else None
    if later is not None:
        main = _verb_before(clause[after : later.end()], names.known)
        if main is not None and main.kind in PERSONAL_KINDS:
            return clause[after:], later
    return clause, first_verb


def _speaker_after_first_verb(clause: str, first_verb: _Found, reporting: _Speaker | None) -> _Speaker | None:
    """ "“…,” said David Wasserman, an analyst": a verb that opens the clause has its speaker after it (also
    "“…,” said master of ceremonies Asab Al-Tabchi, a Syrian engineer": role words, then the name; not
    "Aparna Mathur, who studies tax policy, said Ivanka Trump's statement …")."""
    before = clause[: first_verb.start()]
    if not _VERB_FIRST.search(before) or first_verb.group(0).lower() in {"told", "tells", "telling"}:
        return reporting
    tail = clause[first_verb.end() :]
    end = _phrase_end(tail)
    upper = tail[:end].strip()[:1].isupper() and tail[end:].lstrip(" ")[:1] in {",", ".", ""}
    after = parse_speaker(tail[:end]) if upper else None
    lower_lead = tail[:1] == " " and tail[1:2].isalnum() and not tail[1:2].isupper()
    if after is None and lower_lead and _AFTER_QUOTE.search(before):
        after = _verb_after(clause[first_verb.start() :])
        after = after if after is not None and after.kind == "name" else None
    clause_after = after is not None and any(_looks_like_verb(w) for w in tail[:end].split()[1:])
    if (
        after is not None
        and after.kind == "name"
        and not (clause_after and reporting is not None and reporting.kind == "name")
    ):
        return replace(after, mention=_tail_mention(tail) or after.mention)
    return reporting


def _pronoun_people(clause: str, first_verb: _Found | None, reporting: _Speaker, names: _Names) -> _People:
    """A pronoun reports: the person it stands for when the sentence named one before it ("Rep. Dale Morrow
    didn’t …, but he did ask for …"; "Trump included the Philippines on a list of countries he said …": the
    subject speaks), else the pronoun."""
    opening = _subject(clause[: first_verb.start()], names.known) if first_verb else None
    gender = {"he": "male", "she": "female"}.get(reporting.name or "")
    parts = _CONTRAST.split(clause[: first_verb.start()]) if first_verb else []
    opens = len(parts) > 1 and parts[-1].split()[:1] == [reporting.name]
    earlier = _earlier_subject(parts[:-1], clause, names.known) if opens else None
    full = names.full(earlier.name or "", 1 << 30) if earlier is not None else ""
    if full and gender and names.gender(full) in {gender, None} and names.is_person(full):
        return _People(None, earlier, None)
    if (
        opening is not None
        and opening.kind == "name"
        and gender
        and names.gender(names.full(opening.name or "", 1 << 30)) == gender
    ):
        return _People(None, opening, None)
    return _People(reporting, None, None)


def _last_part_subject(clause: str, names: _Names) -> _Speaker | None:
    """The subject of the last contrasted part that has one (a pronoun: the name it follows, if any)."""
    parts = _CONTRAST.split(clause)
    for at in range(len(parts) - 1, -1, -1):
        subject = _subject(parts[at], names.known)
        if subject is not None:
            if subject.kind == "pronoun":
                subject = _earlier_subject(parts[:at], clause, names.known) or subject
            return subject
    return None


def _subject_people(clause: str, reporting: _Speaker | None, names: _Names) -> _People:
    """The reporting speaker, the subject and the describing subject of a sentence no pronoun reports:
    "Palin’s pugnacious posts about ISIS include …": the owner is whom the sentence is about; "Instead, the
    Vermont senator is sticking to his message."; "The Vermont senator declined …": the capitalised words
    describe the subject, they name no one."""
    if reporting is not None and reporting.kind == "definite":
        described = reporting.mention
    else:
        lead = _DEFINITE_SUBJECT.match(clause.lstrip(" “\"‘'"))
        described = lead.group(1) if lead and _looks_like_verb(lead.group(2)) else None
    subject = _last_part_subject(clause, names)
    owned = _OWNED_SUBJECT.match(clause) if reporting is None else None
    if owned is not None and subject is not None and _owned_thing(subject.mention or ""):
        # "Savage's future at Birmingham has been …": the owner is whom it is about, not the place
        subject = None
    owned = owned if subject is None else None
    if (
        owned is not None
        and owned.group(1).split()[-1].lower() in names.known
        and owned.group(1).split()[0].lower() not in _PREPOSITIONS | _LIGHT_LEADS
    ):
        subject = _Speaker(owned.group(1), None, "name", owned.group(1))
    opening = _described_person(clause)
    if opening is None:
        return _People(reporting, subject, described)
    if described is None and any(w[:1].isupper() for w in opening.split()[1:]):
        described = opening
    for found in (reporting, subject):
        if found is not None and found.kind == "name" and (found.mention or "").lower() in opening.lower():
            described = opening
            reporting = None if found is reporting else reporting
            subject = None if found is subject else subject
    return _People(reporting, subject, described)


@dataclass
class _Search:
    """A look back for the person a pronoun or description points at, and what it has found so far."""

    pos: int
    names: _Names
    want: str | None  # the pronoun's gender: "male", "female", or None
    office: str | None  # the office a description names ("senator"), if any
    nominal: str | None = None  # "the Texas senator said": the nearest mention may describe, not name
    nominal_at: int = 0
    fallback: tuple[str | None, str | None] = (None, None)  # a person of the other gender, if nothing fits

    def __post_init__(self) -> None:
        self.nominal_at = self.pos


_TITLE_WORD = re.compile(r"[\w’'\-]+\.?")


class _Context:
    """The article with its quotes blanked out, and its sentences, for finding subjects near a quote."""

    def __init__(self, article: Article, sentences: list[Sentence], spans: list[_Span]) -> None:
        chars = list(article.text)
        for s in spans:
            if s.depth == 0:
                for i in range(s.start, s.end):
                    chars[i] = " "
        for para in article.paragraphs:
            if para.is_heading:
                # a section heading ("Spotty Recovery") is no sentence about anyone: it never speaks
                chars[para.start : para.end] = " " * (para.end - para.start)
        self.masked = "".join(chars)
        self.sentences = sentences
        self.starts = [s.start for s in sentences]
        self.known: set[str] = set()
        # (offset, full name, mention) of each speaker named at an attribution, in reading order
        self.attributions: list[_Attribution] = []
        self.found_at = 0  # where `antecedent` found its person (the start of that sentence)
        self.last_speaker: tuple[int, str, str | None, str | None] | None = None
        self._people: dict[tuple[int, int], _People | None] = {}

    @staticmethod
    def _sentence_people(clause: str, names: _Names) -> _People | None:
        """Who a sentence is about: its reporting clause's speaker, its subject and a describing subject."""
        if not clause.strip():
            return None
        clause, first_verb = _main_clause(clause, names)
        reporting = _verb_before(clause[: first_verb.end()], names.known) if first_verb else None
        aside = _PRONOUN_ASIDE.search(clause)
        if (
            aside is not None
            and first_verb is not None
            and first_verb.start() < aside.start()
            and aside.group(2).lower() in _SPEECH_FORMS
        ):
            # "Cost estimates, he added, were …": the aside's pronoun reports, not a noun taken for a verb
            return _People(_Speaker(aside.group(1).lower(), None, "pronoun"), None, None)
        if first_verb is not None:
            reporting = _speaker_after_first_verb(clause, first_verb, reporting)
        if reporting is not None and reporting.kind == "pronoun":
            return _pronoun_people(clause, first_verb, reporting, names)
        return _subject_people(clause, reporting, names)

    def attributed(self, name: str, since: int, before: int) -> str | None:
        """The latest mention of `name` at an attribution in [since, before), if any."""
        for earlier in reversed(self.attributions):
            if earlier.at < since:
                return None
            if earlier.at < before and earlier.name == name:
                return earlier.mention
        return None

    def body_before(self, pos: int, names: _Names) -> _Who:
        """The named body (no person of known gender) that is the subject of the sentence at `pos` or the one
        before it, as (name, role, mention): what "it" points at."""
        if not self.sentences:
            return _Who()
        k = self.sentence_index(pos)
        for index in (k, k - 1):
            if index < 0 or self.sentences[index].paragraph != self.sentences[k].paragraph:
                break
            s = self.sentences[index]
            end = pos if index == k else s.end
            clause = self.masked[max(s.start, end - 2 * _WINDOW) : end]
            found = _subject(clause, names.known)
            owned = _OWNED_SUBJECT.match(clause) if found is None else None
            if owned is not None and owned.group(2).lower() in {"campaign", "office", "team", "camp"}:
                # "Trump’s campaign backtracked. … it said": the campaign speaks for its owner
                return _Who(names.full(owned.group(1), pos), None, owned.group(0).strip())
            if found is None or found.kind != "name" or not found.name:
                continue
            full = names.full(found.name, pos)
            if names.gender(full) is not None:
                continue  # a person is "he" or "she", not "it"
            return _Who(full, found.role, found.mention or full)
        return _Who()

    def sentence_index(self, pos: int) -> int:
        return max(bisect.bisect_right(self.starts, pos) - 1, 0)

    def _introduced(self, s: Sentence, names: _Names, want: str) -> tuple[str, str] | None:
        """The person a sentence ends by introducing ("…, concerns Henry Crespo, president of …."), if any."""
        people = [
            (at, full)
            for at, full in names.people_between(s.start, s.end)
            if len(full.split()) > 1 and names.gender(full) == want
        ]
        if not people:
            return None
        at, full = people[-1]
        text = self.masked[at : s.end]
        last = full.split()[-1]
        end = text.find(last)
        if end < 0:
            return None
        tail = _INTRODUCED_TAIL.match(text[end + len(last) :])
        if tail is None or not _describes_the_name(tail.group(1)):
            return None  # not "Brigid Harrison, Christie’s stare seemed to reflect sadness."
        return full, _mention(text[: end + len(last)] + tail.group(1)) or full

    def antecedent(
        self, pos: int, names: _Names, limit: int = 8, pronoun: str | None = None, office: str | None = None
    ) -> tuple[str | None, str | None]:
        """The person before `pos` that "he"/"she" points at, and that mention of them as written."""
        if not self.sentences:
            return None, None
        search = _Search(pos, names, {"he": "male", "she": "female"}.get(pronoun or ""), office)
        k = self.sentence_index(pos)
        opens = not self.masked[self.sentences[k].start : pos].strip() if self.sentences else False
        if search.want is not None and office is None and k > 0 and opens:
            introduced = self._introduced(self.sentences[k - 1], names, search.want)
            if introduced is not None:
                self.found_at = self.sentences[k - 1].start
                return introduced
        seen = 0
        for index in range(k, -1, -1):
            s = self.sentences[index]
            end = pos if index == k else s.end
            key = (max(s.start, end - _WINDOW), end)
            if key not in self._people:
                self._people[key] = self._sentence_people(self.masked[key[0] : key[1]], names)
            people = self._people[key]
            if people is None and not self.masked[key[0] : key[1]].strip(" \n“”\"‘’'.,"):
                continue  # a sentence inside a quote: blanked, it does not count towards the limit
            seen += 1
            if seen > limit:
                break
            if people is None or people.reporting is not None and people.reporting.kind == "pronoun":
                continue  # "…, she said.": the person we look for is named further back
            found = self._in_sentence(search, s, key, people, index >= k - 1)
            if found is not None:
                return found
        return search.fallback

    def _in_sentence(
        self, search: _Search, s: Sentence, key: tuple[int, int], people: _People, near: bool
    ) -> tuple[str | None, str | None] | None:
        """The person one sentence before the quote gives a pronoun or description, if it gives one."""
        reporting, subject, described = people.reporting, people.subject, people.described
        if search.want is not None and search.office is None:
            unnamed = self._new_unnamed(key, search.names)
            if unnamed is not None:
                self.found_at = s.start
                return unnamed, unnamed
        if search.nominal is None:
            search.nominal = described
            search.nominal_at = s.start
        if subject is not None and subject.kind == "pronoun" and reporting is None:
            return None
        for found in (reporting, subject):
            if found is not None and found.kind == "name" and found.name:
                full = self._fitting_person(search, found, key)
                if full is None:
                    continue
                if search.want is None or search.names.gender(full) in {search.want, None}:
                    self.found_at = search.nominal_at if search.nominal else s.start
                    return full, search.nominal or found.mention
                if search.fallback[0] is None:
                    search.fallback = (full, found.mention)  # the name list can be wrong ("Rand" Paul)
        if (
            search.want is not None
            and search.office is None
            and near
            and (subject is None or subject.kind == "name")
        ):
            # "…, with Hillary Clinton lambasting the plan. “…,” she said": the one person of that gender
            # the sentence names, when its subject is someone else
            names = search.names
            fitting = {
                full for _, full in names.people_between(s.start, key[1]) if names.gender(full) == search.want
            }
            if len(fitting) == 1:
                full = fitting.pop()
                self.found_at = s.start
                return full, search.nominal or full
        return None

    def _new_unnamed(self, key: tuple[int, int], names: _Names) -> str | None:
        """ "A spokesperson for the X said …. “…,” he said": a new, unnamed speaker is the nearest person
        reported speaking, though the article names someone else before."""
        source = _NEW_UNNAMED.match(self.masked, key[0], key[1])
        if source is None:
            return None
        verb = _VERB.search(self.masked, source.end(), min(key[1], source.end() + 30))
        if verb is None or len(self.masked[source.end() : verb.start()].split()) > 1:
            return None
        people = names.people_between(source.start(), source.end())
        if any(full.split()[-1].lower() not in _BODY_WORDS for _, full in people):
            return None
        return source.group("who").strip()

    def _fitting_person(self, search: _Search, found: _Speaker, key: tuple[int, int]) -> str | None:
        """The full name of a person named in a sentence, if a pronoun or description can point to them:
        not "Jeb Bush and Chris Christie, who say", "The Sanders campaign" (no "he"), "the Paris attacks",
        "Congress is wrestling" (not a "he" or "she"); "the senator" is someone the article calls a senator
        (its words, not whitespace runs: "“Gov. Christie, blink twice …”" gives him the title too)."""
        names, want, pos = search.names, search.want, search.pos
        sentence = self.masked[key[0] : key[1]]
        full = names.full(found.name or "", pos, want)
        if want is not None:
            if _conjoined(found, sentence) or _modifies_group(found):
                return None
            person = _as_person(found, full, sentence, names)
            if person is None:
                return None
            full = names.full(person, pos, want)
            if names.names_a_body(full):
                return None  # "City recently announced …": Manchester City Football Club is no "he"
        if search.office:
            said = set(_TITLE_WORD.findall(names.described(full)))
            if not any(w in said for w in _OFFICES[search.office]):
                return None
        return full


# A sentence that introduces an unnamed speaker: "A spokesperson for the Universities Association said …"
_BODY_WORDS = _ORGANISATION_HEADS
_UNNAMED_HEADS = "|".join(sorted(load_phrases("unnamed_sources"), key=len, reverse=True))
_NEW_UNNAMED = re.compile(
    r"\s*(?:[A-Z][a-z]+,?\s+)?(?P<who>(?:[Aa]n?|[Oo]ne|[Aa]nother)\s+(?:[\w’'.\-]+\s+){0,3}?(?:"
    + _UNNAMED_HEADS
    + r")\b(?:\s+(?:at|of|for|from|in|to|with)\s+(?:the\s+)?[A-Z][\w’'.\-]*"
    r"(?:\s+(?:and|of|for|the|[A-Z][\w’'.\-]*)){0,6})?)"
)

# Things that speak without anyone named before having written them: not "Florida (The ad)"
_UNSIGNED = load_words("quotes_unsigned")


@functools.lru_cache(maxsize=64)
def _described_thing(head: str) -> re.Pattern[str]:
    # "the Vox Populi (Voice of the People) column": a gloss in parentheses may follow the name
    return re.compile(
        r"\b(?:[Tt]he|[Aa]n?)\s+(?:[A-Z][\w’'.\-]*\s+){1,4}(?:\([^()\n]{1,40}\)\s+)?"
        + re.escape(head)
        + r"\b"
    )


_Named = _Who  # what _resolve gives: a full name, role and mention
_NO_ONE = _Who()


@dataclass
class _Resolving:
    """What the steps of _resolve read: the speaker phrase at a quote and what the article said before."""

    speaker: _Speaker
    at: int
    names: _Names
    context: _Context
    roles: dict[str, str]

    @property
    def head(self) -> str:
        """The last word of the phrase, lower-cased ("the senator" -> "senator")."""
        return (self.speaker.name or "").split()[-1].lower()

    def recent_speaker(self) -> _Named | None:
        """Whoever spoke the quote before, when it was no more than three sentences back."""
        last = self.context.last_speaker
        if (
            last is not None
            and self.context.sentence_index(self.at) - self.context.sentence_index(last[0]) <= 3
        ):
            return _Who(last[1], last[2], last[3])
        return None


def _named_phrase(r: _Resolving) -> Outcome:
    """A name: its fullest earlier form, recorded as an attribution at this quote."""
    speaker, context = r.speaker, r.context
    if speaker.kind != "name" or not speaker.name:
        return None
    name = r.names.full(speaker.name, r.at)
    mention = speaker.mention or name
    if not context.attributions or context.attributions[-1].at <= r.at:
        context.attributions.append(_Attribution(r.at, name, mention))
    return Decided(_Who(name, speaker.role or r.roles.get(name) or r.names.role(name), mention))


def _it_pronoun(r: _Resolving) -> Outcome:
    """ "it": the body the sentence before is about ("The Post reported that Klein said …. It added"), else
    the body or document that spoke just before ("“…,” the article read. “…,” it added."), else the body
    the sentence is about ("The Security Council … pledged sanctions … to what it called “…”")."""
    if r.speaker.kind != "pronoun" or r.speaker.name != "it":
        return None
    body = r.context.body_before(r.at, r.names)
    if body.name is not None:
        return Decided(body)
    return Decided(r.recent_speaker() or r.context.body_before(r.at, r.names))


def _they_pronoun(r: _Resolving) -> Outcome:
    """ "they": whoever spoke the quote before, if recently, else nobody."""
    if r.speaker.kind == "pronoun" and r.speaker.name == "they" and r.context.last_speaker is not None:
        return Decided(r.recent_speaker() or _NO_ONE)
    return None


def _described_document(r: _Resolving) -> Outcome:
    """ "the article read" after "a Times article": the same document, described with its name; "The ad
    says" with nobody named before who wrote it: the ad speaks (else, as for a person, whoever the article
    just named: "Fox News … “…,” the statement said")."""
    speaker = r.speaker
    if speaker.kind != "definite" or r.head not in _THINGS:
        return None
    nominal = speaker.mention or speaker.name or ""
    head = (speaker.name or "").split()[-1]
    earlier = None
    for match in _described_thing(head).finditer(r.context.masked, max(0, r.at - 3000), r.at):
        earlier = match.group(0)
    if earlier:
        return Decided(_Who(_ARTICLE_LEAD.sub("the ", earlier), None, nominal))
    if head.lower() in _UNSIGNED and len(nominal.split()) <= 4:
        return Decided(_Who(_THE_LEAD.sub("the ", nominal), None, nominal))
    return None


def _proper_body_phrase(r: _Resolving) -> Outcome:
    """ "the State Department told CREW that": a body's own name, not a description of someone before."""
    speaker = r.speaker
    if speaker.kind == "definite" and _proper_body(speaker.name or ""):
        return Decided(_Who(speaker.name, None, speaker.mention or speaker.name))
    return None


def _unnamed_earlier(r: _Resolving) -> Outcome:
    """ "the aide" after "a Republican committee aide", "the company" after "Acme Corp": that source."""
    speaker = r.speaker
    if speaker.kind != "definite" or not r.context.sentences:
        return None
    unnamed = _unnamed_before(speaker, r.at, r.names, r.context) or _body_before(speaker, r.at, r.context)
    return Decided(_Who(unnamed, None, speaker.mention or speaker.name)) if unnamed is not None else None


def _relative_phrase(r: _Resolving) -> Outcome:
    """ "his aunt said": a relative of the person "his" points at, never that person; the relative is whom
    the article named with that kin word before ("His aunt, Jane Starner,"), else the phrase as written."""
    speaker = r.speaker
    phrase = speaker.name or ""
    if speaker.kind != "definite" or not _KIN_OF_SOMEONE.fullmatch(phrase):
        return None
    kin = phrase.split()[-1].lower().rstrip("s")
    named = [
        m.group(2)
        for m in _KIN_NAMED.finditer(r.context.masked, max(0, r.at - _KIN_REACH), r.at)
        if m.group(1).lower() == kin
    ]
    if named:
        return Decided(_Who(r.names.full(named[-1], r.at), phrase, speaker.mention or phrase))
    return Decided(_Who(phrase, None, speaker.mention or phrase))


def _person_pointed_at(r: _Resolving) -> Outcome:
    """ "he", "she", "the senator": the person the article named before (see _point_back)."""
    if r.speaker.kind not in {"pronoun", "definite"}:
        return None
    if r.speaker.name in {"he", "she"} or r.speaker.kind == "definite":
        return Decided(_point_back(r))
    return Decided(_NO_ONE)


def _owner_phrase(r: _Resolving) -> Outcome:
    """ "Ryan’s office said", "Ivana Trump's brief argues": the person speaks through it."""
    owner = _owner(r.speaker)
    if owner is not None:
        return Decided(_Who(r.names.full(owner, r.at), None, r.speaker.mention or r.speaker.name))
    return None


# How a speaker phrase resolves, by kind, in order; a phrase no row takes stands as written.
_RESOLVE_STEPS: tuple[Step[_Resolving], ...] = (
    Step(
        "named_phrase",
        _named_phrase,
        (
            Case(
                "Maria Lopez ran the plant for ten years.\n\n"
                "“The valves could fail at any moment and nobody would know,” Lopez said.",
                "Maria Lopez",
            ),
        ),
    ),
    Step(
        "it_pronoun",
        _it_pronoun,
        (
            Case(
                "The Post reported on Monday that the mayor had resigned after the vote.\n\n"
                "“We stand by every word of our reporting and will publish more soon,” it added.",
                None,
                "mayor",
            ),
        ),
    ),
    Step(
        "they_pronoun",
        _they_pronoun,
        (
            Case(
                "“We will not back down on this budget,” said Jane Roe, who leads the Green group.\n\n"
                "“We will not support a budget that cuts the bus services,” they said.",
                "Jane Roe",
            ),
        ),
    ),
    Step(
        "described_document",
        _described_document,
        (
            Case(
                "A Times article on Sunday described the plan in detail.\n\n"
                "“The plan would cost billions and help very few people in the end,” the article "
                "said.",
                "Times article",
            ),
        ),
    ),
    Step(
        "proper_body_phrase",
        _proper_body_phrase,
        (
            Case(
                "“We have no record of any such request from the senator or his staff,” the State "
                "Department said.",
                "the State Department",
                "senator",
            ),
        ),
    ),
    Step(
        "unnamed_earlier",
        _unnamed_earlier,
        (
            Case(
                "A Republican committee aide said the bill was dead.\n\n"
                "“There is no way this passes the House this year or next,” the aide said.",
                "A Republican committee aide",
            ),
        ),
    ),
    Step(
        "relative_phrase",
        _relative_phrase,
        (
            Case(
                "Tom Reyes grew up in Ohio. His aunt, Jane Starner, raised him.\n\n"
                "“He was brilliant from the start and read at an adult level,” his aunt said.",
                "Jane Starner",
                "Tom Reyes",
            ),
            Case(
                "Tom Reyes grew up in Ohio and went to college there.\n\n"
                "“He was brilliant from the start and read at an adult level,” his aunt said.",
                "his aunt",
                "Tom Reyes",
            ),
        ),
    ),
    Step(
        "person_pointed_at",
        _person_pointed_at,
        (
            Case(
                "Mark Olsen chairs the council.\n\n"
                "“Every line of it should have been checked twice by the auditors,” he said.",
                "Mark Olsen",
            ),
        ),
    ),
    Step(
        "owner_phrase",
        _owner_phrase,
        (
            Case(
                "Paul Ryan spoke on Monday.\n\n"
                "“The speaker will not take up the bill before the summer recess,” Ryan’s office "
                "said.",
                "Paul Ryan",
            ),
        ),
    ),
)
_ARTICLE_LEAD = re.compile(r"^(?:[Tt]he|[Aa]n?)\s+")
_THE_LEAD = re.compile(r"^[Tt]he\s+")


def _resolve(
    speaker: _Speaker | None, at: int, names: _Names, context: _Context, roles: dict[str, str]
) -> _Named:
    """A speaker phrase as a full name, role and mention: surnames and pronouns point to an earlier name.

    The mention is how the article describes the speaker there: the phrase itself, or for a pronoun
    the mention it points back to.
    """
    if speaker is None:
        return _NO_ONE
    outcome = run_steps(_RESOLVE_STEPS, _Resolving(speaker, at, names, context, roles))
    if isinstance(outcome, Decided):
        return outcome.value
    return _Who(speaker.name, speaker.role, speaker.mention or speaker.name)


def _search_from(r: _Resolving) -> tuple[int, str | None]:
    """Where to look back from, and the pronoun to look for: "The Indiana governor said" looks before its
    sentence for a person of the description's gender; "Cruz defends his record in an ad: “…,” the senator
    says": the sentence's opening before the quote may name the person; a document looks before its
    citation."""
    speaker, context, at = r.speaker, r.context, r.at
    pronoun = speaker.name
    if speaker.kind != "definite" or not context.sentences:
        return at, pronoun
    start = context.sentences[context.sentence_index(at)].start
    opening = context.masked[start:at]
    pronoun = _own_pronoun(speaker.mention or "", opening) or _head_pronoun(speaker.name or "") or pronoun
    if (
        not opening.rstrip(' “"').endswith(":")
        or (speaker.mention or speaker.name or "").lower() in opening.lower()
    ):
        at = min(at, start)
    if r.head in _THINGS - _BODY_HEADS:
        at = _before_citing(speaker.name or "", at, context)
    return at, pronoun


def _office_holder(r: _Resolving, at: int, office: str) -> tuple[str | None, str | None]:
    """ "… that Mayor Bill de Blasio described …": the latest person the article gave that office."""
    names = r.names
    for _, full in reversed(names.people_between(max(0, at - 3000), at)):
        titles = names.titles(full)
        if (
            names.gender(full) is not None
            and "vice" not in titles
            and any(w in titles for w in _OFFICES[office])
        ):
            return full, None
    return None, None


def _latest_fitting_speaker(r: _Resolving, at: int) -> tuple[str | None, str | None]:
    """ "“…,” she said" after a run of "she" sentences: whoever spoke the quote before, if the gender fits;
    else the latest speaker named at a quote whose gender fits."""
    want = {"he": "male", "she": "female"}.get(r.speaker.name or "")
    if r.context.last_speaker is not None:
        _, who, _, p_mention = r.context.last_speaker
        if r.names.gender(who) in {want, None}:
            return who, p_mention
    for earlier in reversed(r.context.attributions):
        if earlier.at < at and r.names.gender(earlier.name) in {want, None}:
            return earlier.name, earlier.mention
    return None, None


def _antecedent_of(
    r: _Resolving, at: int, pronoun: str | None, office: str | None
) -> tuple[str | None, str | None]:
    """The person a pronoun or description points back to, with the fallbacks when none is found."""
    speaker, names, context = r.speaker, r.names, r.context
    name, mention = context.antecedent(at, names, pronoun=pronoun, office=office)
    if name and speaker.kind == "definite" and r.head in _THINGS:
        name = _body_of(name, context.masked[max(0, at - 1500) : at]) or name
    if name is None and office:
        name, mention = _office_holder(r, at, office)
    if name is None and office:
        name, mention = context.antecedent(at, names, pronoun=speaker.name)
        if name is not None and names.gender(name) is None:
            name, mention = None, None  # "the mayor" is a person, not "Chelsea" named just before
    if name is None and speaker.kind == "pronoun":
        name, mention = _latest_fitting_speaker(r, at)
    return name, mention


# "his aunt", "her husband": a relative of the person the pronoun points at, never that person
_KIN_WORDS = "|".join(sorted(_FEMALE_KIN | _MALE_KIN))
_KIN_REACH = 3000  # how far back "his aunt" looks for the relative named with that word
_KIN_OF_SOMEONE = re.compile(rf"(?:his|her|their)\s+(?:[a-z]+\s+){{0,2}}(?:{_KIN_WORDS})s?", re.IGNORECASE)
# "His aunt, Jane Starner,": the relative named with the kin word
_KIN_NAMED = re.compile(
    rf"\b(?i:his|her|their)\s+(?:late\s+|former\s+|\w+-year-old\s+)?({_KIN_WORDS}),?\s+"
    r"([A-Z][a-z][\w’'\-]*(?:\s+[A-Z][a-z][\w’'\-]*)*)"
)


def _point_back(r: _Resolving) -> _Named:
    """The person "he", "she" or "the senator" points back to, with the mention the article gave there."""
    speaker, context = r.speaker, r.context
    context.found_at = r.at
    at, pronoun = _search_from(r)
    office = None
    if speaker.kind == "definite":
        office = next((w for w in reversed((speaker.name or "").lower().split()) if w in _OFFICES), None)
    name, mention = _antecedent_of(r, at, pronoun, office)
    if name is not None:
        # the person's latest attribution, when it is no further back than the antecedent found
        mention = context.attributed(name, context.found_at, at) or mention
    if speaker.kind == "definite":
        if name is None:
            return _Who(speaker.name, None, speaker.mention or speaker.name or "")
        mention = _described_mention(r, at, name, mention)
    if name is None:
        return _NO_ONE
    return _Who(name, r.roles.get(name) or r.names.role(name), mention or name)


def _described_mention(r: _Resolving, at: int, name: str, mention: str | None) -> str:
    """The mention of a person a description points to: the description as written ("The Indiana governor
    said", recorded as an attribution when it opens the sentence; "said the senator"), with the appositive
    that named the person before it ("Donna Lages, 39, a waitress at …" before "the woman")."""
    nominal = r.speaker.mention or r.speaker.name or ""
    named = mention if mention and name in mention and "," in mention else None
    if nominal[:1].isupper():
        r.context.attributions.append(_Attribution(at, name, nominal))
    if named is not None and nominal.lower() not in named.lower():
        return f"{named} ({nominal})"
    return nominal


# Heads in _THINGS that name a body, not a document: "the company" may be mentioned before it speaks
_BODY_HEADS = load_words("quotes_body_heads")


def _before_citing(document: str, at: int, context: _Context) -> int:
    """Where the sentences just before `at` that cite `document` begin ("According to the statement, Kelly
    met …"): what they say is the document's content, so its author is named before them."""
    k = context.sentence_index(at)
    pattern = re.compile(r"\b" + re.escape(document) + r"\b", re.IGNORECASE)
    for index in range(k - 1, max(k - 3, -1), -1):
        s = context.sentences[index]
        if s.start >= at:
            continue
        if not pattern.search(context.masked, s.start, min(s.end, at)):
            break
        at = s.start
    return at


def _proper_body(phrase: str) -> bool:
    """True for "the State Department", "the FBI": "the" and a capitalised name, with no title word."""
    words = phrase.split()
    return (
        len(words) >= 2
        and words[0].lower() == "the"
        and all(w[:1].isupper() for w in words[1:])
        and not any(w.lower().strip(".,’'s") in _TITLES or w.lower() in _OFFICES for w in words[1:])
    )


# A word of a description: inner dots ("U.S.-based", "U.N.") but no full stop ending a sentence before it
_DESCRIPTION_WORD = r"[\w’'\-]+(?:\.[\w’'\-]+)*\.?(?<![a-z]{3}\.)"

_UNNAMED_SOURCES = (
    r"(?:source|official|aide|adviser|advisor|person|strategist|operative|staffer|insider|"
    r"ally|confidant|associate|spokesman|spokeswoman|spokesperson)"
)


# Cached for the reason _clause_opening is: one pattern per head word, and the pattern depends on it alone.
@functools.lru_cache(maxsize=1024)
def _unnamed_source_pattern(head: str) -> re.Pattern[str]:
    """The unnamed source "a/an …{head}", with "at/of/for … Name" after it when the text says so."""
    return re.compile(
        rf"\b[Aa]n?\s+(?:{_DESCRIPTION_WORD}\s+){{0,3}}?{head}\b"
        r"(?:\s+(?:at|of|for|from|in|to|with)\s+(?:the\s+|both\s+)?"
        r"[A-Z][\w’'.\-]*(?:\s+[A-Z][\w’'.\-]*)*)?"
    )


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
    pattern = _unnamed_source_pattern(head)
    found = next(reversed(list(pattern.finditer(context.masked, since, at))), None)
    if found is None or names.people_between(found.end(), at):
        return None
    before = context.masked[max(0, found.start() - 80) : found.start()]
    if re.search(r"[A-Z][\w’'\-]*(?:\s+\([^)]*\))?,\s*$", before):
        return None  # "Dana Whitfield, a businesswoman,": the description is the named person's
    since_words = re.findall(r"\b[A-Z][\w’'\-]+", context.masked[found.end() : at])
    if any(w.lower() in names.known for w in since_words):
        return None  # "… asking Whitfield …": someone named since
    return found.group(0)


_BODY_HEADS = load_words("quotes_context_body_heads")
_COMPANY_HEADS = frozenset({"company", "firm"})
_COMPANY_NAME = re.compile(
    r"\b(?:[A-Z][\w&\-]* ){1,4}(?i:"
    + "|".join(sorted(load_words("quotes_company_suffixes"), key=len, reverse=True))
    + r")\b\.?"
)


# A government office by name: what "the agency" points back to
_AGENCY = re.compile(
    r"\b[Tt]he\s+(?:[A-Z][\w.\-]*\s+){0,4}(?:Department|Agency|Bureau|Administration|"
    r"Service)\b|\b[Tt]he\s+(?:FBI|CIA|NSA|EPA|IRS|FDA|CDC|DHS|DOJ|TSA|FEC)\b"
)


def _body_before(speaker: _Speaker, at: int, context: _Context) -> str | None:
    """The body that a later "the ministry" points back to ("China’s foreign ministry", "The State
    Department"), named in the last three sentences."""
    # "the agency, which fell short of the target": the head before a relative clause
    words = re.split(r",\s+(?:which|who)\s", speaker.name or "")[0].split()
    if len(words) != 2 or words[0].lower() != "the" or words[1].lower() not in _BODY_HEADS:
        return None
    k = context.sentence_index(at)
    since = context.sentences[max(0, k - 3)].start
    if words[1].lower() == "agency":
        # "The State Department also said …. “…,” the agency said": any government office named since
        offices = list(_AGENCY.finditer(context.masked, since, at))
        if offices:
            return re.sub(r"^The\s", "the ", offices[-1].group(0))
    if words[1].lower() in _COMPANY_HEADS:
        # "American Motors Corp said …. “…,” the company said": the company named last
        companies = list(_COMPANY_NAME.finditer(context.masked, since, at))
        if companies:
            return companies[-1].group(0)
    head = re.escape(words[1].lower())
    pattern = re.compile(
        rf"(?:\b[Tt]he\s+|\b[A-Z][\w.\-]*(?:’s|'s)\s+)(?:{_DESCRIPTION_WORD}\s+){{0,3}}?"
        rf"(?:{head}|{head.capitalize()})\b(?:\s+(?:of|for)\s+(?:the\s+)?"
        r"[A-Z][\w’'.\-]*(?:\s+[A-Z][\w’'.\-]*)*)?"
    )
    found = [
        m
        for m in pattern.finditer(context.masked, since, at)
        if m.group(0).lower() != (speaker.mention or speaker.name or "").lower()
        and any(w[:1].isupper() for w in m.group(0).split()[m.group(0)[:1] in "Tt" :])
    ]
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
_SPEAKS_FOR = _THINGS - {
    "agency",
    "company",
    "firm",
    "board",
    "commission",
    "network",
    "court",
    "council",
    "newspaper",
    "magazine",
    "paper",
    "bill",
    "order",
    "platform",
} | {
    "campaign",
    "office",
    "team",
    "camp",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "posts",
    "tweets",
    "statements",
    "letters",
    "emails",
    "remarks",
    "response",
    "reply",
    "answer",
    "speech",
    "account",
    "page",
    "blog",
    "op-ed",
    "essay",
    "memoir",
    "lawyers",
    "attorneys",
    "lawyer",
    "attorney",
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
    if (
        not words
        or len(words) > 4
        or words[-1].lower() not in _SPEAKS_FOR
        or any(w[:1].isupper() for w in words)
    ):
        return None
    owner = match.group(1)
    return None if owner.split()[-1].lower() in _NOT_OR_TITLE else owner


_FEMALE_HEADS = load_words("quotes_female_heads")
_MALE_HEADS = load_words("quotes_male_heads")


def _head_pronoun(description: str) -> str | None:
    """ "she" for "the woman", "he" for "the businessman": the pronoun a description's head noun takes."""
    head = next((w for w in reversed(description.lower().split()) if w.isalpha()), "")
    return "she" if head in _FEMALE_HEADS else "he" if head in _MALE_HEADS else None


def _own_pronoun(description: str, sentence: str) -> str | None:
    """ "he" or "she" when "his" or "her" follows the description ("the graduate ended her speech")."""
    at = sentence.find(description) if description else -1
    if at < 0:
        return None
    found = re.search(r"\b(his|him|himself|her|herself)\b", sentence[at + len(description) :])
    return None if found is None else "she" if found.group(1).startswith("her") else "he"


def _settle(entry: _Resolved, names: _Names, context: _Context, roles: dict[str, str]) -> None:
    """Resolve a speaker phrase that was left pending."""
    if entry.pending is not None:
        entry.name, entry.role, entry.mention = _resolve(
            entry.pending, entry.span.open_at, names, context, roles
        )
        entry.pending = None
