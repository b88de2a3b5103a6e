"""Speaker labels: the clean role and mention shown next to the name."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.news.lexicon import load_words
from bot.news.steps import Case, Decided, Outcome, Step, run_steps

from .marks import _MARKS
from .names import (
    _ADVERBS,
    _BODIES,
    _LIGHT_LEADS,
    _OCCUPATIONS,
    _PREPOSITIONS,
    _TITLES,
    _TRAILING,
    first_name_gender,
)
from .speakers import _DEFINITE, _DETERMINERS, _INDEFINITE, _JOINERS, _PRONOUNS
from .verbs import _ALL_FORMS, _is_clause_verb, _looks_like_verb

_POSSESSIVES = load_words("quotes_possessives")

# Lower-case words that belong to the clause around a mention, never to a description of the speaker
_CLAUSE_JUNK = load_words("quotes_clause_junk")


_ASIDES = load_words("quotes_asides")


_ROLE_JUNK_LEADS = load_words("quotes_role_junk_leads")


_RELATIVE = re.compile(r",?\s+(?:who|whom|whose|which|that)(?:[’']s)?(?:\s+.*)?$|\s+[-–—]\s+.*$|;.*$")
_RELATIVE_LEAD = re.compile(r"^(?:who|which|that)\s+(?:is|was|are|were)\s+(?=(?:an?|the|one)\s)")
_FRAGMENT_LEADS = load_words("quotes_fragment_leads")
_CLAUSE_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could)\b|\w[’']s\s+(?:also|just|barely|not|been|never|now)\b"
)
_LONG_ROLE = 12
# "Frank quotes former Carter adviser", "movie shows": a clause about the speaker, not a description
_REPORTS_IN_ROLE = re.compile(r"\b\w+\s+(?:quotes|says|said|shows|writes|wrote|told|tells|used|asks|asked)\b")
_PAST_REPORTS = {form for form in _ALL_FORMS if form.endswith("ed") and " " not in form}
# Words no description of a speaker holds: the speaker's own voice, a contraction, a share of a poll
_NOT_A_ROLE = re.compile(r"\b(?:I|[Yy]ou|[Ww]e|[Mm]y|[Oo]ur|[Yy]our)\b|n[’']t\b|[’']re\b|^\d+\s+percent\b")


@dataclass
class _Role:
    """A role being cut down to its head: the text and its words (steps may shorten both)."""

    text: str
    words: list[str] = field(default_factory=list)


def _abbreviation_tail(r: _Role) -> Outcome:
    r.text = re.sub(r"^[A-Z]\.\s+(?=[A-Z])", "", r.text)  # "N. Ambassador": the cut end of "U.N."
    return None


def _no_description(r: _Role) -> Outcome:
    if re.search(r"[\[\]()“”\"]", r.text) or re.fullmatch(
        r"[A-Z][A-Z\s]{4,}|(?:Mr|Mrs|Ms|Miss|Dr)\.?", r.text
    ):
        return Decided(None)  # "[Lee", "LONDON", "Mr.": no description of the speaker
    return None


def _dateline(r: _Role) -> Outcome:
    dateline = re.match(r"^[A-Z][A-Z.,\s]+\s+[-–—]\s+(?=\S)", r.text)
    if dateline:
        r.text = r.text[dateline.end() :]  # "NEW YORK - Republican presidential candidate"
    return None


def _relative_clause(r: _Role) -> Outcome:
    r.text = _RELATIVE.sub("", _RELATIVE_LEAD.sub("", r.text)).strip(" ,")
    r.words = r.text.split()
    return None


def _clause_fragment(r: _Role) -> Outcome:
    words = r.words
    if (
        not words
        or words[0].lower() in _FRAGMENT_LEADS
        or re.match(r"(?i)(?:who|whom|whose|which|that)\b", r.text)
        or _CLAUSE_VERB.search(r.text)
        or words[0] == "of"
        and any(w[:1].islower() for w in words[1:])
    ):
        return Decided(None)  # "who’s chairing …", "of Philadelphia sold water …"; "of Sarasota" places
    return None


def _dangling_joiner(r: _Role) -> Outcome:
    while len(r.words) > 2 and r.words[-1].lower() in {"and", "or"}:
        r.words.pop()  # "executive director at the Center of Media Justice and"
    r.text = " ".join(r.words)
    return None


def _clause_at_the_edges(r: _Role) -> Outcome:
    words, role = r.words, r.text
    first, last = words[0].lower(), words[-1].lower().strip(".")
    if (
        first in (_PREPOSITIONS - {"of"}) | {"just", "even", "again"}
        or last in _PREPOSITIONS | {"a", "an", "the", "his", "her", "their", "its", "via"}
        or _NOT_A_ROLE.search(role)
        or _REPORTS_IN_ROLE.search(role)
        or any(w in _PAST_REPORTS for w in words)
        or first.endswith("ing")
        and len(words) > 1
        and words[1].lower() in _PREPOSITIONS | _DETERMINERS | {"down", "up", "out", "off"}
    ):
        return Decided(None)  # "from Mike Lee", "still backs", "stars an", "I think", "37 percent"
    return None


def _owner(r: _Role) -> Outcome:
    owner = re.fullmatch(r"((?:[A-Z][\w.\-]*\s+)*[A-Z][\w.\-]*)(?:’s|'s|’|')", r.text)
    if owner:
        # "Gallup’s", "Iowa State University's": the body the speaker works for
        lead = owner.group(1).split()[0]
        return Decided(None if lead in {"Here", "There", "It", "That", "What", "Who"} else owner.group(1))
    return None


def _possessive_end(r: _Role) -> Outcome:
    return Decided(None) if re.search(r"[’']s?$", r.text) else None  # "Trump’s": about someone else


def _too_long(r: _Role) -> Outcome:
    while len(r.words) > _LONG_ROLE:
        cut = max(
            (
                i
                for i, w in enumerate(r.words[:-1])
                if i > 1 and w in {"in", "at", "from", "since", "and", "with", "during", "for", "on"}
            ),
            default=_LONG_ROLE,
        )
        r.words = r.words[:cut]
    return None


# The head of a role, as rows tried in order: a row that cuts the role lets the next decide (its case is
# checked on the result, fires=False); a row that rejects it decides None.
_ROLE_HEAD_STEPS: tuple[Step[_Role], ...] = (
    Step("abbreviation tail", _abbreviation_tail, (Case("N. Ambassador", "Ambassador", fires=False),)),
    Step("no description", _no_description, (Case("LONDON", None), Case("Mr.", None))),
    Step(
        "dateline",
        _dateline,
        (Case("NEW YORK - Republican presidential candidate", "Republican presidential", fires=False),),
    ),
    Step(
        "relative clause",
        _relative_clause,
        (
            Case(
                "a former state chair who is supporting Brooks", "a former state chair", "Brooks", fires=False
            ),
            Case("who is a pastor at Grace Church", "a pastor at Grace Church", fires=False),
        ),
    ),
    Step("clause fragment", _clause_fragment, (Case("the delegate math is daunting", None),)),
    Step(
        "dangling joiner",
        _dangling_joiner,
        (
            Case(
                "executive director at the Center of Media Justice and", "Media Justice", " and", fires=False
            ),
        ),
    ),
    Step("clause at the edges", _clause_at_the_edges, (Case("from Mike Lee", None), Case("I think", None))),
    Step("owner", _owner, (Case("Gallup’s", "Gallup"), Case("Here’s", None))),
    Step("possessive end", _possessive_end, (Case("a friend of Trump’s", None),)),
    Step(
        "too long",
        _too_long,
        (
            Case(
                "a senior fellow and longtime adviser of the group with offices in Ohio since the year began",
                "a senior fellow",
                "since the year began",
                fires=False,
            ),
        ),
    ),
)


def _role_head(role: str) -> str | None:
    """The appositive head of a role: no relative clause, no clause fragment, at most a dozen words.

    "a former state chair who is supporting Brooks" -> "a former state chair"; "who is a pastor at X" ->
    "a pastor at X"; "about the content mix", "the delegate math is daunting" -> None.
    """
    state = _Role(role)
    outcome = run_steps(_ROLE_HEAD_STEPS, state)
    if isinstance(outcome, Decided):
        return outcome.value
    return " ".join(state.words).rstrip(" ,") or None


@dataclass(frozen=True)
class _RoleWords:
    """A role read for words of the clause around the name; `described`: it opens as a description."""

    role: str
    words: list[str]
    described: bool


def _clause_junk(r: _RoleWords) -> Outcome:
    words = r.words
    lead = words[0].lower() in _ROLE_JUNK_LEADS | _CLAUSE_JUNK
    if lead or not r.described and any(w.strip(",") in _CLAUSE_JUNK for w in words):
        return Decided(None)  # not "a history teacher at the school that was hosting it"
    return None


def _quoted_words(r: _RoleWords) -> Outcome:
    quoted = _MARKS.search(r.role) or "‘" in r.role or r.role.startswith("'")
    return Decided(None) if quoted else None  # "'crazy election,'": quoted words, not a role


def _number_or_clause(r: _RoleWords) -> Outcome:
    clause = any(w.endswith(("n’t", "n't")) or w in {"when", "whether"} for w in r.words)
    if r.role.strip(" ,.").isdigit() or not r.described and clause:
        return Decided(None)  # "35", "this isn’t a campaign", "half-empty when GOP presidential candidate"
    return None


def _lone_light_word(r: _RoleWords) -> Outcome:
    word = r.words[0]
    light = _looks_like_verb(word) or word in _ADVERBS | _TRAILING | _LIGHT_LEADS | _DETERMINERS
    return Decided(None) if len(r.words) == 1 and word[:1].islower() and light else None


# Whether a role read before or after a name is words of the clause around it: rows tried in order.
_TIDY_ROLE_STEPS: tuple[Step[_RoleWords], ...] = (
    Step(
        "clause junk",
        _clause_junk,
        (Case("Asked whether", None), Case("a history teacher", "history teacher", fires=False)),
    ),
    Step("quoted words", _quoted_words, (Case("'crazy election,'", None),)),
    Step(
        "number or clause",
        _number_or_clause,
        (Case("35", None), Case("half-empty when GOP presidential candidate", None)),
    ),
    Step(
        "lone light word",
        _lone_light_word,
        (Case("reportedly", None), Case("told", None), Case("economist", "economist", fires=False)),
    ),
)


def _tidy_role(role: str | None) -> str | None:
    """A role, or None when it is words of the clause around the name ("Asked whether", "to Sen.")."""
    if not role:
        return role
    words = role.split()
    described = words[0].lower() in _DETERMINERS | _POSSESSIVES | {"who", "whose", "whom", "which"}
    outcome = run_steps(_TIDY_ROLE_STEPS, _RoleWords(role, words, described))
    return outcome.value if isinstance(outcome, Decided) else role


# "a New Hampshire Republican", "A reporter for Agence France-Presse": the name only places the speaker
_PLACED_BY = re.compile(r"\b(?:at|inside|from|to)\s+(?:the\s+)?$")  # "a spokesman for X": X speaks
# "Chuck Schumer of New York", "Fox News’ Sean Hannity": the person's name inside a longer phrase
_NAME_OF = re.compile(r"^((?:[A-Z][\w’'\-]*\.?\s+){1,3}[A-Z][\w’'\-]*)\s+of\s+[A-Z].*$")

_OUTLET_OWNED = re.compile(
    r"^(?:[A-Z][\w\-.]*\s+){0,3}[A-Z][\w\-.]*(?:’s|'s|’|')\s+(?=[A-Z][\w’'\-]*\s+[A-Z])"
)


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
    if (
        mention
        and mention != name
        and name in mention
        and not mention.startswith(name)
        and (
            mention.split()[0].lower() in _INDEFINITE or re.match(r"[A-Z][\w.\-]*(?:’s|'s)\s+[a-z]", mention)
        )
    ):
        at = mention.index(name)
        after = mention[at + len(name) :]
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
        if (
            first[:1].isupper()
            or first.lower() in _DETERMINERS
            or first.lower() in _POSSESSIVES
            or first.lower() in _TITLES
            or first[:1].isdigit()
        ):
            return mention  # "the businessman", "New Jersey’s sitting governor", "President"
        return None  # "demonstrate how", "to Sen.": words of the clause, not a mention
    lead = words[:at]
    cut = max((i for i, w in enumerate(lead) if w.strip(",") in _CLAUSE_JUNK | {"As"}), default=-1)
    if cut >= 0 and words[cut + 1][:1].isupper():
        words = words[cut + 1 :]
        at -= cut + 1
    after = words[at + 1] if at + 1 < len(words) else ""
    bare = after.lower().strip(",")
    adverb = (
        bare in _ADVERBS | _TRAILING | _ASIDES
        or len(bare) > 4
        and bare.endswith("ly")
        and bare
        not in {
            "family",
            "reply",
            "supply",
            "ally",
            "rally",
            "assembly",
            "daily",
            "weekly",
            "monthly",
            "quarterly",
        }
    )
    if (
        after[:1].islower()
        and not words[at].endswith((",", "’s", "'s"))
        and bare not in _JOINERS
        and (_looks_like_verb(after) or adverb)
        or bare in _ASIDES
        and words[at].endswith(",")
    ):
        words = words[: at + 1]  # "Mendoza regularly", "Murphy owes", "Trump, however": the clause goes on
    return " ".join(words).rstrip(" ,;:") or None
