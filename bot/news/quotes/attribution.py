"""Attribution clauses: the reporting verb before or after a quote and its subject."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from bot.news.lexicon import load_phrases, load_words
from bot.news.steps import SKIP, Case, Decided, Outcome, Step, run_steps

from .labels import _POSSESSIVES
from .marks import _ABBREV_END, _MARKS, _SMALL, _Span
from .names import (
    _ADVERBS,
    _LIGHT_LEADS,
    _NAME_TOKEN,
    _NOT_ABBREV,
    _NOT_NAMES,
    _NOT_OR_TITLE,
    _OBJECT_LEAD,
    _PREPOSITIONS,
    _ROLE_STOP,
    _TITLES,
    _appositive,
    _is_name_token,
)
from .speakers import (
    _CUT_PREPOSITIONS,
    _GROUPS,
    _JOINERS,
    _PRONOUNS,
    _SHARE,
    _SUBJECT_PRONOUNS,
    DESCRIBED_KINDS,
    PERSONAL_KINDS,
    _clean_phrase,
    _clean_role,
    _mention,
    _Speaker,
    parse_speaker,
)
from .verbs import (
    _ALL_FORMS,
    _ANY_VERB,
    _ARTICLES,
    _AUX_VERBS,
    _AUXILIARIES,
    _BE_BEFORE,
    _LISTENER_VERBS,
    _SPEECH_FORMS,
    _VERB,
    _VERB_AFTER,
    _is_finite_verb,
    _looks_like_verb,
    _reports,
    _verb_in,
)

# a signature after a dash starts with a capital ("― Jacklyn Ashley"), never "― just as he did with X"
_DASH_ATTRIBUTION = re.compile(
    r"^[\s,]*[―—–]+\s*(?=[A-Z@])(?P<who>(?:[^.;:!?“\"(\n]|(?<=\b[A-Z])\.(?= [A-Z])){2,80})"
)
_TAIL_STOP = re.compile(
    r"[;:!?(“\"—–―]|\s-\s|\.(?=\s|$)|,|\b(?:in|on|at|during|after|before|when|while|who|which|as|about|to|that|"
    r"because|last|this|earlier|later|yesterday|today|recently|told|said|says|added|adding|via|through|from|"
    r"for|with|of|the\s+day|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)


def _phrase_end(tail: str, allow_of: bool = True) -> int:
    """Where the speaker phrase that opens `tail` ends (a stop word, a comma or a real full stop)."""
    for match in _TAIL_STOP.finditer(tail):
        token = match.group(0)
        if token == "." and _ABBREV_END.search(tail, 0, match.start()):
            continue
        if allow_of and token == "of" and _starts_name(tail[match.end() :]):
            continue  # "Gov. Earl Ray Tomblin of West Virginia"
        if match.start() == 0:
            continue
        return match.start()
    return len(tail)


def _starts_name(text: str) -> bool:
    words = text.split(None, 1)
    return bool(words) and words[0][:1].isupper()


_INNER_STOP = re.compile(r"(?:[!?;:“”\"]|" + _NOT_ABBREV + r"\.)(?:\s|$)|\n")


# "said both …", "said all …": a quantifier opens the clause said reports, so the sentence is its own
_SAID_CLAUSE = re.compile(r"\s+(?:both|all|each|neither|none|many|most|some|several|no|every)\s")


@dataclass
class _After:
    """What the steps of _verb_after read: the words after a quote, split at their first reporting verb."""

    window: str
    closed: bool  # the quote ended its sentence ("….”)
    head: str  # the words before the verb
    verb: str  # the verb as written, spaces folded
    verb_end: int  # where the verb ends in the window

    @property
    def tail(self) -> str:
        return self.window[self.verb_end :]


def _own_sentence(a: _After) -> Outcome:
    """The verb belongs to a sentence of its own, no attribution: a quote opens it, or "“….” Russia insisted
    that Pyongyang …", "“…” The GOP speechwriter said the deal-breaker was …", "“….” Reid said both …"."""
    head = a.head.strip()
    if a.head.lstrip()[:1] in {"“", '"'}:
        return Decided(None)
    if a.closed and _THAT_AFTER.match(a.tail) and head:
        return Decided(None)
    if head and a.verb in {"said", "says"} and _CLAUSE_AFTER_SAID.match(a.tail):
        return Decided(None)
    if a.closed and head and a.verb in {"said", "says"} and _SAID_CLAUSE.match(a.window, a.verb_end):
        return Decided(None)
    if a.closed and _BE_BEFORE.search(a.head) and _TO_AFTER.match(a.tail):
        return Decided(None)  # "“….” Inter are reported to have …": hearsay of the next sentence's own
    lead = head.split()
    if a.closed and len(lead) > 1 and lead[0] in _NEW_SENTENCE_LEADS:
        return Decided(None)  # "“….” But Trump’s attorney, Rudy Giuliani, told …": a sentence of its own
    if a.closed and head and _object_after(a):
        return Decided(None)  # "“….” City recently announced debts of £62m": the verb has its own object
    return None


_NEW_SENTENCE_LEADS = frozenset({"But", "And", "Yet", "However", "Meanwhile", "Still", "Instead"})
_FIRST_WORD = re.compile(r"\s+([a-z][a-z’'-]*)")
_CLAUSE_ENDERS = load_words("quotes_clause_enders")  # "said again", "wrote back", "added today"


def _object_after(a: _After) -> bool:
    """Whether the verb after a quote that ends its sentence takes an object of its own ("announced debts",
    "unveiled a plan"), so it reports its own sentence, not the quote ("said on Monday", "told reporters",
    "added later" end the quote's attribution)."""
    verb = a.verb.lower()
    if verb in _LISTENER_VERBS or verb.endswith("ing") or verb in {"said", "says"}:
        return False  # "said" has its own rules above
    word = _FIRST_WORD.match(a.tail)
    if word is None:
        return False
    w = word.group(1)
    return not (w in _PREPOSITIONS or w in _ADVERBS or w in _CLAUSE_ENDERS or w.endswith("ly"))


_TO_AFTER = re.compile(r"\s+to\b")


def _long_head(a: _After) -> Outcome:
    """ "…,” Trump, the 2016 GOP frontrunner and polling leader in South Carolina by a wide margin, said.":
    a long head is a name and its appositive, or no attribution."""
    head = a.head
    if len(head.split()) <= 22:
        return None
    first = parse_speaker(head.split(",")[1] if head.lstrip().startswith(",") else head.split(",")[0])
    if first is None or first.kind != "name":
        return Decided(None)
    return Decided(replace(first, mention=_mention(head) or first.mention))


def _subject_before_verb(a: _After) -> Outcome:
    """The subject right before the verb ("…,” Nefzi said"), past a run-on of the quote's sentence ("“…” by
    the shooting in Orlando that drew attention, Nefzi said") and adverbs; "“…” - and stressed …": the
    sentence's subject goes on; "“…” that would respond …, trial counsel Jane Roe wrote": a relative clause
    before the attribution; "“…” in the 2008 primary, said Paul Beck": the speaker comes after the verb."""
    head = a.head
    words = [w for w in head.strip(" ,;:—–-").split() if w]
    if words and words[0] in _PREPOSITIONS | _JOINERS | _ADVERBS and "," in head and not _MARKS.search(head):
        words = _last_subject(head)
    while words and words[-1].lower().strip(",") in _ADVERBS:
        if words.pop().lower().strip(",") in _JOINERS and not words:
            return Decided(None)
    if len(words) == 1 and words[0].lower() in _JOINERS:
        return Decided(_verb_after(a.tail))
    if words:
        found = parse_speaker(" ".join(words))
        if found is not None or not head.lstrip(" ").startswith(("and", "but", "in", "about", "to", "for")):
            return Decided(found)
    return None


def _lower_case_role_then_name(tail: str) -> _Speaker | None:
    """ "said master of ceremonies Asab Al-Tabchi, a Syrian engineer": lower-case role words, a name."""
    stop = _ROLE_LEAD_STOP.search(tail)
    lead = tail[: stop.start() if stop else len(tail)]
    named = parse_speaker(lead) if len(lead.split()) <= 8 else None
    if (
        named is not None
        and named.kind == "name"
        and named.role
        and all(w[:1].islower() for w in named.role.split())
    ):
        return named
    return None


def _speaker_after_verb(a: _After) -> Outcome:
    """The speaker after the verb ("“…” said X"), a name after its description too ("said Rubio’s deputy
    campaign manager, Rich Beeson"), with its mention and the appositive role after it."""
    tail = a.tail
    if a.verb.endswith("ing"):
        return Decided(None)
    end = _phrase_end(tail)
    found = parse_speaker(tail[:end])
    if (found is None or found.kind in DESCRIBED_KINDS) and tail[end : end + 1] == ",":
        rest = tail[end + 1 :]
        named = parse_speaker(rest[: _phrase_end(rest)])
        if named is not None and named.kind == "name":
            described = (found.name or "") if found else tail[:end]
            role = named.role or _clean_role(described)
            return Decided(_Speaker(named.name, role, "name", _tail_mention(tail) or named.mention))
    if found is None and tail[:1] == " " and tail[1:2].islower():
        found = _lower_case_role_then_name(tail) or found
    if found is None or found.kind == "pronoun":
        return Decided(found)
    mention = _tail_mention(tail) or found.mention
    if found.kind == "name" and found.role is None:
        role = _appositive(tail[end:])
        if role:
            found = _Speaker(found.name, role, found.kind)
    return Decided(replace(found, mention=mention))


# The rules that read the words after a quote from their first reporting verb, in order.
_AFTER_STEPS: tuple[Step[_After], ...] = (
    Step(
        "own_sentence",
        _own_sentence,
        (
            Case(" Russia insisted that Pyongyang was wrong.", None, "Russia"),
            Case(" The GOP speechwriter said the deal was off.", None, "speechwriter"),
            Case(" Inter are reported to have set a price.", None, "Inter"),
            Case(" City recently announced debts of 62m pounds.", None, "City"),
            Case(" But his lawyer, Rudy Giuliani, told reporters the case was over.", None, "Giuliani"),
            Case(" said Mayor Ann Lee.", "Ann Lee", fires=False),  # nothing before the verb: the rows go on
        ),
    ),
    Step(
        "long_head",
        _long_head,
        (
            Case(
                ", Trump, the 2016 GOP frontrunner and polling leader in South Carolina by a wide "
                "margin over every rival in the large field of candidates this year, said.",
                "Trump",
                "South Carolina",
            ),
        ),
    ),
    Step(
        "subject_before_verb",
        _subject_before_verb,
        (
            Case(", Nefzi said.", "Nefzi"),
            Case(" by the shooting in Orlando that drew attention, Nefzi said.", "Nefzi", "Orlando"),
            Case(" - and stressed again.", None),
        ),
    ),
    Step(
        "speaker_after_verb",
        _speaker_after_verb,
        (
            Case(", said Rubio’s deputy campaign manager, Rich Beeson.", "Rich Beeson", "Rubio"),
            Case(", said master of ceremonies Asab Al-Tabchi, a Syrian engineer.", "Asab Al-Tabchi"),
        ),
    ),
)
_GERUND_AFTER = re.compile(r"\s*,?\s*(?!according)[a-z]{3,}ing\b")
_DASH_HANDLE = re.compile(r"\s*@\w+|\s+\d.*$")
_THAT_AFTER = re.compile(r"\s+that\b")
_CLAUSE_AFTER_SAID = re.compile(r"\s+(?:the|a|an|his|her|their|its|he|she|they|it|we|there)\s")
_ROLE_LEAD_STOP = re.compile(r"[,;:!?“”\"(]|\.(?:\s|$)|\s(?:who|which|as|when|while|after|in|on|at)\s")


def _dash_speaker(window: str) -> _Speaker | None:
    """The person named in a dash attribution after the quote ("“…” — Jane Roe, @janeroe"), if any."""
    dash = _DASH_ATTRIBUTION.match(window)
    if not dash:
        return None
    who = dash.group("who")
    who = who[: _phrase_end(who, allow_of=True)] if "," in who else who
    found = parse_speaker(_DASH_HANDLE.sub("", who))
    if found and found.kind == "name":
        return replace(found, mention=_mention(dash.group("who")) or found.mention)
    return None


def _verb_after(window: str, closed: bool = True) -> _Speaker | None:
    """The speaker of a quote from the clause that follows it ("…,” X said" or "“…” said X")."""
    if _GERUND_AFTER.match(window):
        return None  # "“…,” adding that …": the speaker was named before the quote
    dashed = _dash_speaker(window)
    if dashed is not None:
        return dashed
    match = _VERB_AFTER.search(window)
    if not match:
        return None
    verb = _SPACES.sub(" ", match.group(0))
    outcome = run_steps(_AFTER_STEPS, _After(window, closed, window[: match.start()], verb, match.end()))
    return outcome.value if isinstance(outcome, Decided) else None


def _last_subject(head: str) -> list[str]:
    """The words of the comma-separated parts of `head` from the last one that names a person, if any."""
    parts = head.rstrip(" ").split(",")
    if not parts[-1].strip():
        return []  # "…, said X": the speaker follows the verb
    for k in range(len(parts) - 1, 0, -1):
        found = parse_speaker(parts[k])
        if found is not None and found.kind in PERSONAL_KINDS:
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


_CLAUSE_WORDS = load_words("quotes_clause_words")


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
    extra = _appositive_to_verb(clause[at + len(found.mention) :])
    return replace(found, mention=f"{found.mention}, {extra}") if extra else found


_STATE_ABBREV = re.compile(r"(?<=, )[A-Z][a-z]{1,5}\.(?=$|,)")


def _appositive_to_verb(tail: str) -> str | None:
    """The appositive or relative clause that opens `tail` (", a lawyer who …,") when a verb follows it."""
    if not tail.lstrip(" ").startswith(","):
        return None
    tail = tail[:300]
    first = tail.index(",")
    for comma in re.finditer(r",", tail):
        if comma.start() == first:
            continue
        inner = tail[first + 1 : comma.start()]
        # "Dewayne Smithy, 33, of Baldwin, Miss., dismisses": a state's abbreviation ends no sentence
        if _INNER_STOP.search(_STATE_ABBREV.sub("State", inner)):
            return None
        words = tail[comma.end() :].split(None, 2)
        while words and words[0].lower() in _ADVERBS and words[0].lower() not in _AUX_VERBS:
            words.pop(0)
        # ", finds herself", ", used her column"
        present = bool(words) and re.fullmatch(r"[a-z]{3,}[^s]s|[a-z]{2}ed", words[0]) is not None
        if (
            words
            and (_looks_like_verb(words[0]) or present)
            and words[0].lower()
            not in {
                "who",
                "which",
                "that",
                "and",
                "but",
                "also",
                "this",
                "its",
                "his",
                "hers",
            }
            | _JOINERS
        ):
            return _mention(inner)
    return None


_PLACE_BEFORE = re.compile(r"\b(?:in|at|from|near|of|outside|to|for)\s+(?:[A-Z][\w’'.\-]*\s*){1,3}$")


def _is_place_part(before: str, part: str) -> bool:
    """The state or country of "a rally in Columbus, Ohio,": a place after a place, never a speaker."""
    words = part.split()
    return (
        0 < len(words) <= 3
        and all(w[:1].isupper() for w in words)
        and bool(_PLACE_BEFORE.search(before.rstrip()))
    )


_SUBORDINATORS = load_words("quotes_subordinators")


# Compiled once: _subject_phrase runs for every reporting clause, its word loop for each of their words.
_CLAUSE_BREAK = re.compile(r"(?<!\d),(?!\d)|(?<=\d),(?= )|[;:—–]|\s--\s")
_POSSESSIVE_S = re.compile(r"(?:’s|'s)$")


@dataclass
class _Clause:
    """What the steps of _subject_phrase read and update while they walk one clause chunk by chunk."""

    chunks: list[str]
    known: set[str] | None
    index: int = 0
    chunk: str = ""
    words: list[str] = field(default_factory=list)
    introduced: bool = False  # the chunk before was an introductory phrase
    after_opening: bool = False  # ... and this chunk is the first after it
    light: bool = False  # a sentence adverb was dropped from this chunk ("Meanwhile Rihanna, who …")

    @property
    def has_next(self) -> bool:
        return self.index + 1 < len(self.chunks)

    def next_first_word(self) -> str | None:
        """The first word of the chunk after this one, if any."""
        following = self.chunks[self.index + 1].split()[:1] if self.has_next else []
        return following[0] if following else None


def _aside_appositive(c: _Clause) -> Outcome:
    """ "Preceded by Joe Arpaio, the Arizona sheriff, Trump launched": an aside's appositive, no subject."""
    if (
        c.introduced
        and c.words[0].lower() in {"the", "a", "an"}
        and not _verb_in(c.words)
        and c.has_next
        and _is_name_token(c.chunks[c.index - 1].split()[-1])
    ):
        return SKIP
    c.after_opening, c.introduced = c.introduced, False
    return None


def _place_part(c: _Clause) -> Outcome:
    """ "In Columbus, Ohio, the crowd …" names a place, but "Speaking in Harlem, Clinton, without naming
    him, …" names the speaker: a known surname followed by an aside."""
    following = c.next_first_word()
    aside = following is not None and (following.lower() in _PREPOSITIONS or _looks_like_verb(following))
    words, known = c.words, c.known
    surname = aside and known is not None and len(words) == 1 and words[0].lower().strip(".") in known
    if c.index > 0 and _is_place_part(c.chunks[c.index - 1], c.chunk) and not surname:
        return SKIP
    return None


def _opening_time_or_dateline(c: _Clause) -> Outcome:
    """ "Eight years ago, he supported …" (a time phrase) and "TALLAHASSEE — Rep. Gwen Graham …" (a
    dateline) open the sentence without being its subject."""
    if c.index == 0 and len(c.chunks) > 1:
        if c.words[-1].lower() in _TIME_ENDS or _DATELINE_CHUNK.fullmatch(c.chunk.strip()):
            return SKIP
    return None


def _relative_clause(c: _Clause) -> Outcome:
    """ "…, who lost the primaries to Clinton, identified": a relative clause has no subject, nor has the
    aside "“…” -- that Bloomberg is seen as a liberal -- “…,” he says"."""
    return SKIP if c.index > 0 and c.words[0] in _RELATIVES else None


def _light_lead(c: _Clause) -> Outcome:
    """ "Meanwhile Rihanna, who …, spoke": a sentence adverb, then the subject's name (the adverb drops)."""
    words = c.words
    second = words[1].strip("“”\"'‘’(),") if len(words) > 1 else ""
    named_next = _is_name_token(second) and second.lower() not in _NOT_OR_TITLE
    if words[0].lower() in _LIGHT_LEADS and (named_next or len(words) == 3 and second in {"his", "her"}):
        c.words = words[1:]
        c.chunk = " ".join(c.words)
        c.light = True
    return None


def _appositive_names(c: _Clause) -> Outcome:
    """ "The minister of defence, Piotr Nowak, was less sure" (or "Kazakhstan's foreign minister, Erlan
    Idrissov, plays down …", "his wife, Jane, called"): the short appositive names the subject."""
    words = c.words
    appositive = c.has_next and len(c.chunks[c.index + 1].split()) <= 4
    possessor = len(words) > 1 and words[0].endswith(("’s", "'s")) and words[1][:1].islower()
    kin = len(words) == 2 and words[0].lower() in {"his", "her", "their"}
    if appositive and (words[0].lower() in {"the", "a", "an"} or possessor or kin):
        named = parse_speaker(c.chunks[c.index + 1])
        if named is not None and named.kind == "name" and not any(_is_name_token(w) for w in words[1:]):
            mention = _mention(f"{c.chunk}, {c.chunks[c.index + 1]}")
            return Decided(_Speaker(named.name, _clean_role(c.chunk), "name", mention))
    return None


def _fronted_appositive(c: _Clause) -> Outcome:
    """ "An immigrant from Uganda who became a citizen, she plans …": a fronted appositive."""
    if c.index == 0 and c.words[0] in {"A", "An"} and c.next_first_word() in {"he", "she"}:
        return SKIP
    return None


def _lead_word(c: _Clause) -> str:
    return c.words[0].strip("“”\"'‘’(").lower()


def _subordinate_clause(c: _Clause) -> Outcome:
    """ "after Clinton suffered a concussion, Axelrod emailed her": a subordinate clause's subject is not the
    sentence's; the main clause that follows has it."""
    if _lead_word(c) in _SUBORDINATORS and c.has_next:
        main = _subject_phrase(",".join(c.chunks[c.index + 1 :]), c.known)
        if main is not None:
            return Decided(main)
    return None


def _named_before_verb(words: list[str]) -> _Speaker | None:
    """Inside an introductory phrase, a pronoun or name followed by its verb ("At an event billed as “…”
    Clinton unveiled a plan"), not "After the Paris attacks, …"."""
    for k in range(1, len(words) - 1):
        bare = words[k].strip("“”\"'‘’(),").lower()
        if not _is_finite_verb(words[k + 1]):
            continue
        if bare in {"he", "she"}:
            return _Speaker(bare, None, "pronoun")
        named_word = _is_name_token(words[k].strip("“”\"'‘’(),")) and bare not in _NOT_OR_TITLE
        if not named_word or words[k - 1].lower() in _ARTICLES:
            continue
        lead_k = k
        while (
            lead_k > 0
            and _is_name_token(words[lead_k - 1])
            and words[lead_k - 1].lower().rstrip(".") not in _NOT_NAMES | _PREPOSITIONS
        ):
            lead_k -= 1
        named = parse_speaker(" ".join(words[lead_k : k + 1]))
        if named is not None and named.kind == "name":
            return named
    return None


def _introductory_phrase(c: _Clause) -> Outcome:
    """An introductory phrase ("At an event …", "Speaking in Harlem", "Preceded by …"): its subject, if it
    has one, else the next chunk's; a phrase with no clause at the end has none."""
    lead, words = _lead_word(c), c.words
    participle = lead.endswith("ed") and len(words) > 1 and words[1].lower() in _PREPOSITIONS | {"by"}
    if not (lead in _PREPOSITIONS or lead.endswith("ing") or participle and c.index == 0):
        return None
    named = _named_before_verb(words)
    if named is not None:
        return Decided(named)
    after_title = _AFTER_TITLE.search(c.chunk)
    if after_title and c.next_first_word() in {"who", "whose"}:
        # "On “Face the Nation,” Sen. Bernie Sanders (Vt.), who lost …, identified": the name after the
        # title in marks opens the main clause
        named = parse_speaker(after_title.group(1))
        if named is not None and named.kind == "name":
            return Decided(named)
    if len(c.chunks) > 1 and c.chunk is not c.chunks[-1]:
        c.introduced = True
        return SKIP
    clauseless = not _verb_in(words) and not any(_looks_like_verb(w) for w in words)
    if lead in _PREPOSITIONS - {"according"} and c.index == len(c.chunks) - 1 and clauseless:
        return Decided(None)  # "From Donald Trump’s “…” in Iowa": a phrase with no clause has no subject
    return None


@dataclass
class _Word:
    """One word of a chunk as the word steps of _subject_phrase read it."""

    c: _Clause
    k: int
    word: str
    bare: str  # lower-case, without marks, brackets and a possessive "’s"
    name_like: bool  # a capitalised name token once marks and commas are stripped


def _subject_pronoun(w: _Word) -> Outcome:
    """ "he", "she", "they" …: a subject pronoun is the subject."""
    return Decided(_Speaker(w.bare, None, "pronoun")) if w.bare in _SUBJECT_PRONOUNS else None


def _unknown_first_word(w: _Word) -> Outcome:
    """A capitalised first word is a name only if the article names someone so ("Critics said")."""
    words, known = w.c.words, w.c.known
    if (
        w.k == 0
        and not w.c.light
        and known is not None
        and (len(words) < 2 or not _is_name_token(words[1]))
        and w.bare.rstrip(".") not in known
        and (len(words) < 2 or words[1] not in _SPEECH_FORMS and words[1] not in _MINDS)
    ):
        return SKIP
    return None


def _after_preposition(w: _Word) -> Outcome:
    """ "the base chief stayed in Libya": a name after a verb and preposition is no subject; "Here in
    Columbia, Sanders stepped up …": an opening phrase, the subject is in the next chunk."""
    words, k = w.c.words, w.k
    if k == 0 or words[k - 1] not in _CUT_PREPOSITIONS or not w.name_like:
        return None
    if any(_is_finite_verb(x) for x in words[: k - 1]):
        return SKIP
    if w.c.index == 0 and len(w.c.chunks) > 1 and not any(_looks_like_verb(x) for x in words):
        return Decided(_OPENING)
    return None


def _describes_thing(w: _Word) -> Outcome:
    """ "His Catholic faith is important": a capitalised word describing a thing."""
    words, k = w.c.words, w.k
    if (
        0 < k < len(words) - 1
        and words[k - 1].lower() in _POSSESSIVES
        and words[k + 1][:1].islower()
        and not _looks_like_verb(words[k + 1])
    ):
        return SKIP
    return None


def _object_of_verb(w: _Word) -> Outcome:
    """ "a reporter can be heard asking Trump": a name after the verb is its object."""
    return SKIP if w.k > 0 and w.name_like and _verb_in(w.c.words[: w.k]) else None


def _role_start(words: list[str], k: int) -> int:
    """Where the role words before the name at k begin ("Obama aide Cornell Belcher", "Former US secretary
    of state Madeleine Albright": the title's "of" too; "the Indiana governor": parse_speaker tells)."""
    lead = k
    while lead > 0 and (
        k - lead < 4
        and words[lead - 1].lower() not in _ROLE_STOP
        and not _looks_like_verb(words[lead - 1])
        or k - lead < 6
        and words[lead - 1] == "of"
        and lead > 1
        and words[lead - 2].lower() in _TITLES
    ):
        lead -= 1
    if lead > 0 and words[lead - 1].lower() == "the":
        lead -= 1
    return lead


def _named_subject(w: _Word) -> Outcome:
    """The subject runs from its role words to the first verb ("Obama aide Cornell Belcher picked")."""
    if not w.name_like or w.bare.rstrip(".") in _NOT_OR_TITLE:
        return None
    words, k = w.c.words, w.k
    phrase: list[str] = []
    for x in words[k : k + 10]:
        if phrase and _looks_like_verb(x):
            break
        phrase.append(x)
        if x.endswith(","):
            break
    named = parse_speaker(" ".join(words[_role_start(words, k) : k] + phrase))
    if named is not None and named.kind == "name":
        return Decided(_joined_subject(named, words[k + len(phrase) :]))
    return None


# The rules for each of a chunk's first twelve words, in order: the first that decides or skips wins.
_WORD_STEPS: tuple[Step[_Word], ...] = (
    Step("subject_pronoun", _subject_pronoun, (Case("they said", "they"),)),
    Step(
        "unknown_first_word",
        _unknown_first_word,
        (Case("Critics of the plan rallied", None, "Critics", ("trump",)),),
    ),
    Step(
        "after_preposition",
        _after_preposition,
        (
            Case("the base chief stayed in Libya", None, "Libya", ("libya",)),
            Case("Here in Columbia, Sanders stepped up", "Sanders", "Columbia", ("sanders", "columbia")),
        ),
    ),
    Step(
        "describes_thing",
        _describes_thing,
        (Case("His Catholic faith is important", None, "Catholic", ("catholic",)),),
    ),
    Step(
        "object_of_verb",
        _object_of_verb,
        (Case("a reporter can be heard asking Trump", None, "Trump", ("trump",)),),
    ),
    Step(
        "named_subject",
        _named_subject,
        (Case("Obama aide Cornell Belcher picked", "Cornell Belcher", "Obama", ("belcher", "obama")),),
    ),
)
_OPENING = _Speaker("", None, "pronoun")  # marker: the chunk is an opening phrase, read the next one


def _word_subject(c: _Clause) -> Outcome:
    """The first of the chunk's words that the word steps take for the subject, if any."""
    for k, word in enumerate(c.words[:12]):
        bare = _POSSESSIVE_S.sub("", word.strip("“”\"'‘’()").lower())
        name_like = _is_name_token(word.strip("“”\"'‘’(),"))
        if not name_like and bare not in _SUBJECT_PRONOUNS:
            continue  # only a pronoun or a name can be the subject: every row lets such a word go
        outcome = run_steps(_WORD_STEPS, _Word(c, k, word, bare, name_like))
        if isinstance(outcome, Decided):
            return SKIP if outcome.value is _OPENING else outcome
    return None


def _opening_without_clause(c: _Clause) -> Outcome:
    """ "Following a swiftly called, late-afternoon meeting, the Council issued": a second chunk of an
    opening phrase with no verb and no name is part of it."""
    if (
        c.after_opening
        and c.has_next
        and not _verb_in(c.words)
        and not any(_looks_like_verb(w) or _is_name_token(w) for w in c.words)
    ):
        c.introduced = True
        return SKIP
    return Decided(None)


# The rules for each chunk of a clause (between commas and dashes), in order.
_CHUNK_STEPS: tuple[Step[_Clause], ...] = (
    Step(
        "aside_appositive",
        _aside_appositive,
        (
            Case(
                "Preceded by Joe Arpaio, the Arizona sheriff, Trump launched",
                "Trump",
                "Arpaio",
                ("trump", "arpaio"),
            ),
        ),
    ),
    Step(
        "place_part",
        _place_part,
        (
            Case("At a rally in Columbus, Ohio, the crowd cheered", None, "Ohio", ("clinton",)),
            Case(
                "Speaking in Harlem, Clinton, without naming him, said",
                "Clinton",
                known=("clinton",),
                fires=False,
            ),
        ),
    ),
    Step(
        "opening_time_or_dateline",
        _opening_time_or_dateline,
        (
            Case("Eight years ago, he supported the plan", "he"),
            Case("TALLAHASSEE — Rep. Gwen Graham on Friday pummeled", "Gwen Graham", "TALLAHASSEE"),
        ),
    ),
    Step(
        "relative_clause",
        _relative_clause,
        (
            Case(
                "In the debate, which Clinton won, Sanders conceded",
                "Sanders",
                "Clinton",
                ("clinton", "sanders"),
            ),
        ),
    ),
    Step(
        "light_lead",
        _light_lead,
        (Case("Meanwhile Rihanna, who sang, spoke", "Rihanna", "Meanwhile", ("rihanna",), fires=False),),
    ),
    Step(
        "appositive_names",
        _appositive_names,
        (Case("The minister of defence, Piotr Nowak, was less sure", "Piotr Nowak", "minister", ("nowak",)),),
    ),
    Step(
        "fronted_appositive",
        _fronted_appositive,
        (Case("An immigrant from Uganda who became a citizen, she plans to vote", "she", "Uganda"),),
    ),
    Step(
        "subordinate_clause",
        _subordinate_clause,
        (
            Case(
                "after Clinton suffered a concussion, Axelrod emailed her",
                "Axelrod",
                "Clinton",
                ("clinton", "axelrod"),
            ),
        ),
    ),
    Step(
        "introductory_phrase",
        _introductory_phrase,
        (
            Case("At an event billed as a rally Clinton unveiled a plan", "Clinton", "event", ("clinton",)),
            Case("From Donald Trump’s rally in Iowa", None, "Trump", ("trump",)),
        ),
    ),
    Step(
        "word_subject",
        _word_subject,
        (Case("Obama aide Cornell Belcher picked", "Cornell Belcher", known=("belcher", "obama")),),
    ),
    Step(
        "opening_without_clause",
        _opening_without_clause,
        (
            Case(
                "Following a swiftly called, late-afternoon meeting, the Council issued",
                "Council",
                "meeting",
                ("council",),
            ),
        ),
    ),
)
_TIME_ENDS = frozenset({"ago", "later", "earlier", "on"})
_DATELINE_CHUNK = re.compile(r"[A-Z][A-Z .,'’()\-]*")
_RELATIVES = frozenset({"who", "whose", "whom", "which", "that"})
_AFTER_TITLE = re.compile(r"[”\"]\s*([^”\"]+)$")


def _subject_phrase(clause: str, known: set[str] | None = None) -> _Speaker | None:
    """The subject of a clause, read chunk by chunk by the rows of _CHUNK_STEPS (None: no subject)."""
    state = _Clause(_CLAUSE_BREAK.split(clause), known)
    for index, chunk in enumerate(state.chunks):
        words = chunk.split()
        if not words:
            continue
        state.index, state.chunk, state.words, state.light = index, chunk, words, False
        outcome = run_steps(_CHUNK_STEPS, state)
        if isinstance(outcome, Decided):
            return outcome.value
    return None


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
        clause = clause[intro.end() :]  # "At a conference in Aspen, Colo., the Stanford graduate ended …"
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
            person = (
                word[:1].islower()
                and head not in _GROUPS
                and head not in _THINGS
                or head in {"republican", "democrat"}
            )
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
    r"afternoon|evening|night|spring|summer|fall|autumn|winter|"
    + _DAYS
    + r")|on\s+"
    + _DAYS
    + r"|"
    + _DAYS
    + r"|yesterday|today|tonight|recently|earlier|later|again)(?:\s+(?:morning|afternoon|evening|night))?$"
)

_CONTINUING = frozenset(load_phrases("quotes_continuing"))


# Words that open an aside between a subject and its verb ("X, who …, said"; "X, speaking …, said")
_ASIDE_LEADS = load_words("quotes_aside_leads")


@dataclass
class _Before:
    """What the steps of _verb_before read and update: the clause before a quote, split at its last verb."""

    known: set[str] | None
    verb: str  # the reporting verb, spaces folded, lower-case
    tail: str  # the words after the verb
    head: str  # the words before the verb
    words: list[str] = field(default_factory=list)  # the head's words once adverbs are dropped
    parts: list[str] = field(default_factory=list)  # the head split at closing marks and conjunctions
    subject: str = ""  # the last of those parts: the verb's subject


def _continuing_verb(b: _Before) -> Outcome:
    """ "talks went on for hours" reports no speech."""
    return Decided(None) if b.verb in _CONTINUING and b.tail.strip()[:1] not in {"", ":", ","} else None


def _according_to(b: _Before) -> Outcome:
    """ "according to X, “…”": the speaker follows the verb."""
    return Decided(parse_speaker(b.tail[: _phrase_end(b.tail)])) if b.verb == "according to" else None


def _participle_verb(b: _Before) -> Outcome:
    """ "…, saying: “…”": the speaker of a "-ing" verb is the subject of the main clause ("…, with Trump
    reportedly yelling: “…”": the name after "with"; not "Continuing to explain his view, Carson …")."""
    if not b.verb.split()[0].endswith("ing"):
        return None
    head, known = b.head, b.known
    absolute = _WITH_SUBJECT.search(head)
    if absolute:
        named = parse_speaker(absolute.group(1))
        if named is not None and named.kind in PERSONAL_KINDS:
            return Decided(named)
    inner = _verb_before(head, known) if _VERB.search(head) else None
    opener = head.split()[0] if head.split() else ""
    if inner is not None and inner.name == opener and opener.endswith("ing"):
        inner = None
    return Decided(inner or _subject(head, known) or _body_subject(head))


def _coordinated_verb(b: _Before) -> Outcome:
    """ "Lazar said he welcomed extradition … and added": the first verb's subject (or "Pat Schroeder lives in
    his district and wrote …"); "X said …, but said, “…”": a second verb of the same subject after "but".
    The time phrase before the verb ("Reince Priebus, the GOP chairman, this past week announced") and
    adverbs are dropped from the head."""
    words = _TIME_TAIL.sub("", b.head.rstrip()).split()
    coordinated = False
    contrast = bool(words) and words[-1] == "but" and not _RELATIVE_AFTER_COMMA.search(b.head)
    while words and words[-1].lower().strip(",") in _ADVERBS:
        coordinated = coordinated or words[-1].lower() in {"and", "but"}
        words.pop()
    b.words, b.head = words, " ".join(words)
    if coordinated and (contrast or not b.head.rstrip().endswith(",")):
        inner = _verb_before(b.head, b.known) if _VERB.search(b.head) else None
        if inner is None or inner.kind not in PERSONAL_KINDS:
            inner = _subject(b.head, b.known)
        if inner is not None:
            return Decided(inner)
    return None


def _pronoun_before_verb(b: _Before) -> Outcome:
    """ "Trump included the Philippines on a list of countries he said …": the pronoun says it."""
    words = b.words
    if words and words[-1].lower() in _SUBJECT_PRONOUNS and len(words) > 1:
        return Decided(_Speaker(words[-1].lower(), None, "pronoun"))
    return None


def _appositive_part(parts: list[str], k: int) -> Outcome:
    """One comma-separated part of a head that ends in a comma (see _name_before_appositive)."""
    lead_word = parts[k].split()[0] if parts[k].split() else ""
    if k > 0 and _is_place_part(parts[k - 1], parts[k]):
        return SKIP
    if k > 0 and lead_word in {"and", "but"}:
        # "…, and former midfielder Dietmar Hamann, now a pundit, told": a new clause's subject
        joined = parse_speaker(parts[k].split(None, 1)[1]) if len(parts[k].split()) > 1 else None
        if joined is not None and joined.kind == "name":
            rest = ", ".join([parts[k].split(None, 1)[1], *parts[k + 1 :]])
            return Decided(replace(joined, mention=_mention(rest) or joined.mention))
    lowered = lead_word.lower()
    if k > 0 and (lead_word[:1].islower() or lowered in {"a", "an", "the"}) and lowered not in _PRONOUNS:
        return SKIP
    candidate = parse_speaker(parts[k])
    if (
        candidate
        and candidate.kind == "name"
        and candidate.role
        and parts[k].startswith(candidate.role)
        and k > 0
    ):
        # "David Rose, Chief Executive of Hereford Hospitals NHS Trust, said": the office is the appositive
        # of the person named before it, not a speaker of its own
        named = parse_speaker(parts[k - 1])
        if named is not None and named.kind == "name" and named.role is None:
            role = _clean_role(parts[k])
            return Decided(_Speaker(named.name, role, "name", _mention(", ".join(parts[k - 1 :]))))
    if candidate and candidate.kind in PERSONAL_KINDS:
        role = parts[k + 1] if k + 1 < len(parts) and candidate.kind == "name" else None
        if role and candidate.role is None:
            candidate = _Speaker(candidate.name, _clean_role(role), candidate.kind)
        if candidate.kind == "name":
            candidate = replace(candidate, mention=_mention(", ".join(parts[k:])))
        return Decided(candidate)
    if (
        k == 0
        and candidate
        and candidate.kind == "description"
        and len(parts[0].split()) <= 6
        and all(p.split()[:1] and p.split()[0] in _ASIDE_LEADS for p in parts[1:])
    ):
        # "An Israeli official, speaking on the condition of anonymity, said": a described source
        return Decided(candidate)
    return None


def _name_before_appositive(b: _Before) -> Outcome:
    """ "Michael Mulgrew, president of the union, said: “…”": the name is before the appositive."""
    if not b.head.endswith(","):
        return None
    parts = [p.strip() for p in b.head.rstrip(",").split(",")]
    if len(parts) < 2:
        return None
    for k in range(len(parts) - 1, -1, -1):
        outcome = _appositive_part(parts, k)
        if isinstance(outcome, Decided):
            return outcome
    return None


def _name_before_aside(b: _Before) -> Outcome:
    """ "O'Malley, who signed gun laws in Maryland, interjected to say": the name before the aside. The
    subject is the last part of the head: a closing mark ends a part ("the “woman card,” Fiorina said"), so
    does a dash, spaced hyphens too ("In May - after Clinton left - the State Department told …")."""
    b.parts = parts = _SUBJECT_PARTS.split(b.head)
    b.subject = subject = parts[-1].strip() if parts else ""
    if (
        0 < len(subject.split()) <= 3
        and _looks_like_verb(subject.split()[0])
        and len(parts) > 2
        and all(not p.split() or p.split()[0] in _ASIDE_LEADS for p in parts[1:-1])
    ):
        named = parse_speaker(parts[0])
        if named is not None and named.kind in PERSONAL_KINDS:
            return Decided(named)
    return None


def _leading_adverb(b: _Before) -> Outcome:
    """ "…, even a top GOP strategist said": the adverb is no speaker."""
    while (
        len(b.subject.split()) > 2
        and b.subject.split(None, 1)[0].lower() in _LIGHT_LEADS | {"even", "only"}
        and not _SHARE.match(b.subject)
    ):
        b.subject = b.subject.split(None, 1)[1]
    return None


def _what_called(b: _Before) -> Outcome:
    """ "led to what aide Kevin Phillips called “…”": the speaker is named after "what", or no one is."""
    what = _WHAT.search(b.subject)
    if not what:
        return None
    found = parse_speaker(what.group(1))
    return Decided(found if found is not None and found.kind in PERSONAL_KINDS else None)


def _verb_first(b: _Before) -> Outcome:
    """ "“…,” said voter Stephanie Hooton of Derry, N.H., before …. “…”": no subject before the verb, the
    speaker after it with the mention as written (not "Carl Anthony, historian at the Library, is that
    she was"); else the subject of the whole head."""
    if b.subject:
        return None
    if b.verb in _SPEECH_FORMS:
        found = parse_speaker(b.tail[: _phrase_end(b.tail)])
        if found and found.kind == "name":
            written = _tail_mention(b.tail) or ""
            extra = written[len(found.mention or "") :].split()
            if (
                not written.startswith(found.mention or "")
                or extra
                and (
                    extra[-1].lower() in _OBJECT_LEAD | {"that", "of", "and", "or", "but"}
                    or any(_is_finite_verb(w) for w in extra)
                )
            ):
                written = ""
            return Decided(replace(found, mention=written or found.mention))
    return Decided(_subject(b.head, b.known))


def _relative_source(b: _Before) -> Outcome:
    """ "a White House official who spoke anonymously to discuss internal strategy said": the source, with
    the mention as written, its clause too."""
    relative = _RELATIVE_SOURCE.match(b.subject)
    if relative:
        described = parse_speaker(relative.group(1))
        if described is not None and described.kind == "description":
            return Decided(_Speaker(b.subject, None, "description", b.subject))
    return None


def _long_subject(b: _Before) -> Outcome:
    """A subject of more than ten words is a clause of its own: its subject."""
    return Decided(_subject(b.subject, b.known)) if len(b.subject.split()) > 10 else None


def _parsed_subject(b: _Before) -> Outcome:
    """The subject as parse_speaker reads it ("King says": a surname that is also a title, when known); a
    description that runs into its own clause ("The email goes on to (say)", "a paper … had this to (say)",
    "The senator said he rarely (talks)") ends at that clause's verb."""
    subject, known = b.subject, b.known
    found = parse_speaker(subject)
    if found is None and known and _NAME_TOKEN.match(subject) and subject.lower() in known:
        found = _Speaker(subject, None, "name", subject)
    if found is None or found.kind == "description":
        lowered = subject.lower().split()
        if lowered and lowered[-1] in _SUBJECT_PRONOUNS:
            return Decided(_Speaker(lowered[-1], None, "pronoun"))
        if found is None:
            return Decided(_subject(b.head, known))
    words = (found.name or "").split() if found.kind in {"description", "definite"} else []
    if len(words) > 2 and (words[-1] in {"to"} | _AUXILIARIES | _ADVERBS or _PAST_WORD.fullmatch(words[-1])):
        cut = next((k for k, w in enumerate(words) if k > 0 and _looks_like_verb(w)), None)
        if cut is None:
            return Decided(found)
        phrase = " ".join(words[:cut])
        return Decided(
            _Speaker(phrase, None, "description", phrase) if words[cut - 1].lower() not in _SMALL else None
        )
    return Decided(found)


# The rules that read the clause before a quote from its last reporting verb back, in order.
_BEFORE_STEPS: tuple[Step[_Before], ...] = (
    Step(
        "continuing_verb",
        _continuing_verb,
        (
            Case("talks went on for hours", None),
            Case("Smith went on:", "Smith", known=("smith",), fires=False),
        ),
    ),
    Step("according_to", _according_to, (Case("according to Jane Roe, ", "Jane Roe"),)),
    Step(
        "participle_verb",
        _participle_verb,
        (
            Case(
                "Jane Roe spoke for an hour, with Trump reportedly yelling: ",
                "Trump",
                "Roe",
                ("roe", "trump"),
            ),
        ),
    ),
    Step(
        "coordinated_verb",
        _coordinated_verb,
        (
            Case(
                "Lazar said he welcomed extradition to the United States and added",
                "Lazar",
                "United States",
                ("lazar",),
            ),
        ),
    ),
    Step(
        "pronoun_before_verb",
        _pronoun_before_verb,
        (
            Case(
                "Trump included the Philippines on a list of countries he said",
                "he",
                "Philippines",
                ("trump",),
            ),
        ),
    ),
    Step(
        "name_before_appositive",
        _name_before_appositive,
        (
            Case("Michael Mulgrew, president of the union, said: ", "Michael Mulgrew", "union", ("mulgrew",)),
            Case(
                "Earlier, David Rose, Chief Executive of Hereford NHS Trust, said: ", "David Rose", "Hereford"
            ),
            Case("An Israeli official, speaking on the condition of anonymity, said", "An Israeli official"),
        ),
    ),
    Step(
        "name_before_aside",
        _name_before_aside,
        (
            Case(
                "O'Malley, who signed gun laws in Maryland, interjected to say",
                "O'Malley",
                "governor",
                ("o'malley",),
            ),
        ),
    ),
    Step(
        "leading_adverb",
        _leading_adverb,
        (
            Case(
                "The plan failed, even a top GOP strategist said", "a top GOP strategist", "even", fires=False
            ),
        ),
    ),
    Step(
        "what_called",
        _what_called,
        (
            Case("led to what aide Kevin Phillips called", "Kevin Phillips", known=("phillips",)),
            Case("led to what many called", None, "many"),
        ),
    ),
    Step("verb_first", _verb_first, (Case(" said voter Stephanie Hooton of Derry, ", "Stephanie Hooton"),)),
    Step(
        "relative_source",
        _relative_source,
        (
            Case(
                "a White House official who spoke anonymously to discuss internal strategy said",
                "a White House official",
            ),
        ),
    ),
    Step(
        "long_subject",
        _long_subject,
        (
            Case(
                "Supporters of the plan who gathered outside the town hall on a cold Monday morning "
                "in Leeds said",
                "Supporters",
                "Leeds",
            ),
        ),
    ),
    Step(
        "parsed_subject",
        _parsed_subject,
        (
            Case("King says", "King", known=("king",)),
            Case("The committee chairman said", "The committee chairman"),
        ),
    ),
)
_SPACES = re.compile(r"\s+")
_RELATIVE_AFTER_COMMA = re.compile(r",\s+(?:who|which)\s")
_SUBJECT_PARTS = re.compile(
    r"(?:(?<!\d),|[”\"]|(?<=\d),(?!\d{3})|;|:|—|–|\s--?\s|"
    r"\bthat\b|\bbut\b|\bwhile\b|\bwhich\b|"
    r"\bwhen\b|\bafter\b|\bbefore\b|"
    r"\bbecause\b|\bas\b|\bthough\b|\balthough\b|\bsince\b|\bif\b|\band\b)"
)
_WHAT = re.compile(r"\bwhat\s+(.+)$")
_RELATIVE_SOURCE = re.compile(r"((?:a|an|one|another)\s+[^,]{2,60}?)\s+who\s+\w+", re.I)
_PAST_WORD = re.compile(r"[a-z]{3,}ed")


def _verb_before(window: str, known: set[str] | None = None) -> _Speaker | None:
    """The speaker of a quote from the clause before it ("X said: “…”", "according to X, “…”")."""
    matches = list(_ANY_VERB.finditer(window))
    if not matches:
        return None
    match = matches[-1]
    verb = _SPACES.sub(" ", match.group(0)).lower()
    state = _Before(known, verb, window[match.end() :], window[: match.start()])
    outcome = run_steps(_BEFORE_STEPS, state)
    return outcome.value if isinstance(outcome, Decided) else None


# Verbs of mind a person is the subject of ("Wimes believes that …")
_MINDS = load_words("quotes_minds")


def _earlier_subject(parts: list[str], clause: str, known: set[str]) -> _Speaker | None:
    """The named subject of a sentence's earlier clauses, which a later "he" or "she" points at."""
    # "Rep. Devin Nunes didn’t …, but he did call for …": the pronoun is the earlier subject
    earlier = next(
        (
            found
            for found in (_subject(part, known) for part in parts)
            if found is not None and found.kind == "name"
        ),
        None,
    )
    if earlier is None or (earlier.mention or "").lower() in (_described_person(clause) or "").lower():
        return None  # not "The Wisconsin Republican did …, but he …": those words describe, they name no one
    return earlier


# A described subject whose clause ends in a colon: "Obama's first five questioners ranged from skeptical
# to hostile: “…”", "The scheduling was so odd that a spokesman for Bernie Sanders could only quip: “…”"
_CLAUSE_START = re.compile(r"^|,\s+|\bthat\s+|[.!?]\s+")
_NP_LEAD = re.compile(r"^(?:[Aa]n?|[Oo]ne|[Aa]nother|[Ss]ome|[Tt]he|[A-Z][\w\-]*(?:’s|'s))$")


def _described_subject(before: str) -> _Speaker | None:
    """A noun phrase that opens the clause ending in the colon before a quote, followed by its verb."""
    clause = before.rstrip()
    if not clause.endswith(":"):
        return None
    for start in reversed([m.end() for m in _CLAUSE_START.finditer(clause)]):
        words = clause[start:-1].split()
        if not words or not _NP_LEAD.match(words[0]) or re.search(r"[,;“”\"]", clause[start:-1]):
            continue
        k = next(
            (
                i
                for i, w in enumerate(words)
                if i > 0
                and (
                    _looks_like_verb(w)
                    or (w in _ADVERBS and i + 1 < len(words) and _looks_like_verb(words[i + 1]))
                )
            ),
            None,
        )
        if (
            k is None
            or len(words) - k > 8
            or k > 8
            or any(w.lower() in _PRONOUNS or not re.fullmatch(r"[\w’'\-.]+", w) for w in words)
            or not any(_reports(w) for w in words[k:])
        ):
            return None  # "the implications of his study are clear:" reports no speech
        phrase = " ".join(words[:k])
        return _Speaker(phrase, None, "description", phrase)
    return None


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
_THING_VERBS = load_words("quotes_thing_verbs")


def _thing_before(before: str) -> _Speaker | None:
    """The document or body that a clause before the quote makes its speaker, when its verb reports."""
    match = _THING_SUBJECT.search(before.rstrip())
    if match is None:
        return None
    tail = re.sub(r",\s+(?:which|that)\s+[^,“”\"]{1,80},", " ", match.group("tail"))
    words = [w.strip(",:").lower() for w in tail.split()]
    if (
        not words
        or len(words) > 12
        or not any(w in _THING_VERBS for w in words)
        or any(w in _PRONOUNS for w in words)
    ):
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


_CLAUSE_END = load_words("quotes_clause_end")


def _introduces_next(text: str, s: _Span, after: str) -> bool:
    """A sentence after a closed quote whose verb introduces a quote of its own ("X writes back, “…”")."""
    if text[s.start : s.end].rstrip()[-1:] not in {".", "?", "!"}:
        return False  # "“…,” he said, “…”": one utterance split by its attribution
    match = _VERB_AFTER.search(after)
    return match is not None and re.match(r"(?:\s+back)?\s*[,:]?\s*[“\"]", after[match.end() :]) is not None


def _mid_clause(text: str, s: _Span, after: str) -> bool:
    """A quote that its clause runs on after, unpunctuated ("“…” with X"), so a verb after it is another's."""
    if s.close_at is None or text[s.start : s.end].rstrip()[-1:] in _CLAUSE_END:
        return False
    first = after.split(None, 1)[0] if after.split() else ""
    return first[:1].islower() and first.lower().strip(",.;:") not in _ALL_FORMS


# Heads of descriptions that name a document or a body, not a person ("the letter", "the agency")
_THINGS = load_words("quotes_things")
