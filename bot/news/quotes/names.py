"""Personal names: name runs, first-name gender, and the registry of the article's people."""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from bot.news.lexicon import load_phrases, load_words
from bot.news.steps import Case, Decided, Outcome, Step, run_steps

from .verbs import _ALL_FORMS, _VERB, _is_finite_verb, _looks_like_verb

_CONNECTORS = load_words("quotes_connectors")
# Capitalised words that start sentences or clauses but are never part of a speaker's name.
_NOT_NAMES = set(load_phrases("not_names"))
_TITLES = set(load_phrases("titles"))
_ADVERBS = set(load_phrases("reporting_adverbs"))
_NOT_OR_TITLE = _NOT_NAMES | _TITLES
_NAME_TOKEN = re.compile(r"^(?:[A-Z][\w’'\-]*\.?|[A-Z]\.(?:[A-Z]\.)*|Mc[A-Z]\w*|O[’'][A-Z]\w*|[A-Z]{2,}\w*)$")

# The look-behind comes after the first capital so that the scan can skip to capitals quickly.
_FULL_NAME = re.compile(
    r"[A-Z](?<![\w’'][A-Z])(?:[a-z][\w’'\-]*|\.|c[A-Z]\w*)"
    r"(?:[^\S\n]+(?:de|van|von|der|del|la|le|bin|al|[A-Z]\.|[A-Z][a-z][\w’'\-]*|Mc[A-Z]\w*|O[’'][A-Z]\w*))+"
    r"(?![\w’'])"
)

_INITIALS = re.compile(r"^(?:[A-Z]\.)+$")


# What may stand between a verb and its object's name ("took to Twitter", "included the Philippines")
_OBJECT_LEAD = load_words("quotes_object_lead")


# Participles that only describe the titled person after them ("retired Army Gen. Tom Reyes"), no verbs
_TITLE_PARTICIPLES = {"retired", "retiring"}


def _run_end(tokens: list[str], i: int) -> int:
    """Where a run of name tokens that starts at i ends: names joined by connectors ("de", "of"), up to a
    possessive."""
    j, n = i + 1, len(tokens)
    while j < n:
        t = tokens[j]
        if t.endswith(("’s", "'s")) and j > i:
            break
        joined = (
            (t.lower() in _CONNECTORS or t == "of")
            and j + 1 < n
            and _is_name_token(tokens[j + 1])
            and tokens[j + 1].lower() not in _NOT_NAMES
        )
        if not _is_name_token(t) and not joined:
            break
        j += 1
        if tokens[j - 1].endswith(("’s", "'s")):
            break
    return j


def _name_runs(tokens: list[str]) -> list[tuple[int, int]]:
    """Every run of name tokens in the phrase, as token indexes [i, j)."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        if _is_name_token(tokens[i]):
            j = _run_end(tokens, i)
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


def _trimmed_run(tokens: list[str], a: int, b: int) -> tuple[int, int] | None:
    """A run without its leading non-name words ("Mr. King": whatever follows an honorific is a surname), or
    None: "Duncan Hunter’s chief of staff" (the possessor does not speak), "D.C.", "U.S." (places)."""
    while a < b and (tokens[a].lower().rstrip(".") in _NOT_NAMES or tokens[a].endswith(("’s", "'s"))):
        a += 1
        if tokens[a - 1].lower().rstrip(".") in _HONORIFICS and a < b:
            break
    if a >= b:
        return None
    if b < len(tokens) and tokens[b - 1].endswith(("’s", "'s", "’")):
        return None
    if all(_INITIALS.match(t.strip(",")) for t in tokens[a:b]):
        return None
    return a, b


def _follows_verb(tokens: list[str], cleaned: list[tuple[int, int]]) -> bool:
    """ "Hillary Clinton took to Twitter", "electing Donald Trump": the last run is a verb's object."""
    best = cleaned[-1]
    since = cleaned[-2][1] if len(cleaned) > 1 else 0
    between = tokens[since : best[0]]
    verbs = [
        j
        for j, t in enumerate(between)
        if (_is_finite_verb(t) or _GERUND.fullmatch(t)) and t not in _TITLE_PARTICIPLES
    ]
    return bool(verbs) and all(t.lower() in _OBJECT_LEAD for t in between[verbs[-1] + 1 :])


_GERUND = re.compile(r"[a-z]{3,}ing")


def _name_run(tokens: list[str]) -> tuple[int, int] | None:
    """The last run of name tokens in a phrase as token indexes [i, j); after 'of', an earlier run wins."""
    cleaned = [run for a, b in _name_runs(tokens) if (run := _trimmed_run(tokens, a, b)) is not None]
    if not cleaned:
        return None
    best = cleaned[-1]
    if best[0] > 0 and _follows_verb(tokens, cleaned):
        if len(cleaned) == 1:
            return None
        best = cleaned[-2]
    if len(cleaned) > 1 and best[0] > 0 and tokens[best[0] - 1].lower() in {"of", "from", "at", "in"}:
        prev = cleaned[-2]
        if prev[1] == best[0] - 1 or prev[1] >= best[0] - 3:
            best = prev
    return best


_HONORIFICS = load_words("quotes_honorifics")


def _is_name_token(tok: str) -> bool:
    return (
        bool(_NAME_TOKEN.match(tok))
        and tok.lower().rstrip(".") not in {"i"}
        and not (len(tok) > 4 and tok.isupper() and tok.isalpha())
        and not _PARTY_TAG.match(tok)
    )


_PARTY_TAG = re.compile(r"^[RDI]-[A-Z]")  # "R-Utah", "D-N.Y.": a party and state, never a name

_TRAILING = load_words("quotes_trailing")

_ROLE_STOP = load_words("quotes_role_stop")


_ROLE_DETERMINERS = load_words("quotes_role_determiners")


def _role_before(text: str, start: int, titles: list[str]) -> str | None:
    """The descriptor written before a name ("Top Russian negotiator" Vladimir Medinsky), if any."""
    words = text[max(0, start - 80) : start].rsplit("\n", 1)[-1].split()  # a role never spans a line break
    role: list[str] = []
    for word in reversed(words[-6:]):
        if (
            word.lower() in _ROLE_STOP
            or word[-1:] in ',.;:!?”"’)―—–'
            or word[:1] in '“"(―—–'
            or word.lower() in _ALL_FORMS
        ):
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
_FEMALE_KIN = load_words("quotes_female_kin")
_MALE_KIN = load_words("quotes_male_kin")
_KIN_NAME = re.compile(
    r"\b(?:his|her|their|my|our)\s+(?:late\s+|former\s+|\w+-year-old\s+)?("
    + "|".join(sorted(_FEMALE_KIN | _MALE_KIN))
    + r"),?\s+([A-Z][a-z][\w’'\-]*(?:\s+[A-Z][a-z][\w’'\-]*)*)"
)
# First names whose gender the articles make plain often enough to help "he"/"she" resolution.
_FEMALE = load_words("quotes_female")
_MALE = load_words("quotes_male")


def first_name_gender(first: str) -> str | None:
    """ "male"/"female" for a few first names common in the news, else None (unknown)."""
    key = first.strip(".").lower()
    if key in _FEMALE:
        return "female"
    if key in _MALE:
        return "male"
    return None


_RUN_BREAKS = load_words("quotes_run_breaks")


# Given names that are also everyday words: a lower-case "will" in the article does not make "Will Doyle"
# a sentence that opens with a verb
_NAME_WORDS = load_words("quotes_name_words")


# Words that open names of places and people in lower case too ("New York", "Bill de Blasio")
_NAME_PARTICLES = load_words("quotes_name_particles")


_HYPHEN_LOWER = re.compile(r"-[a-z]")  # compiled once: _common_lead runs for every name-like run's words


def _common_lead(token: str, common: set[str]) -> bool:
    """True for a capitalised word opening a run that the article uses in lower case ("Does", "Street")."""
    low = token.lower()
    if _HYPHEN_LOWER.search(token) or low in _NOT_FIRST or len(low) > 7 and low.endswith("ing"):
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
            tokens = tokens[k + 1 :]  # "Boston’s Marty Walsh" -> "Marty Walsh"
            break
    for k in range(len(tokens) - 2, -1, -1):
        if tokens[k].lower() in _RUN_BREAKS:
            tokens = tokens[k + 1 :]  # "Sign Of Leadership Marco Rubio" (a headline) -> "Marco Rubio"
            break
    if len(tokens) > 4:
        tokens = tokens[-3:]
    for k in range(len(tokens) - 3, -1, -1):
        if tokens[k].lower().rstrip(".") in _TITLES:
            titles.extend(tokens[: k + 1])  # "Ohio Governor John Kasich" -> "John Kasich"
            tokens = tokens[k + 1 :]
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
# The words that name a speaker: "Sen. Cruz", "Cruz’s … said"/"Cruz said", "said Cruz" (each captured)
# (the word before "said" is read possessively: a space can never follow part of it, so giving letters back
# only wastes time, and the matches are the same)
_SPEAKING_WORD = (
    re.compile(rf"\b(?:{_PERSON_TITLE})\.?\s+([\w’'\-]+)"),
    re.compile(rf"([\w’'\-]++)\s+(?:{_SAID})\b"),
    re.compile(r"\b(?:said|says)\s+([\w’'\-]+)"),
)
_POSSESSIVE_END = re.compile(r"(?:’s|'s)$")
_RUN_CHAR = re.compile(r"[\w’'\-]")


def _runs_before(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    r"""The matches of `pattern.finditer(text)` for a pattern that opens with a possessive word run
    (`[\w’'\-]++`), about twice as fast: a run can match only from its first character (from a later one
    it ends at the same place and fails the same way), so a look-behind skips the rest, except where the
    previous match ended inside a run ("said-so"): there the run's tail is tried, as finditer does."""
    fast = re.compile(r"(?<![\w’'\-])" + pattern.pattern)  # re's own cache keeps it compiled
    pos, end = 0, len(text)
    while pos <= end:
        if 0 < pos < end and _RUN_CHAR.match(text, pos - 1) and _RUN_CHAR.match(text, pos):
            tail = pattern.match(text, pos)
            if tail is not None:
                yield tail
                pos = tail.end()
                continue
        found = fast.search(text, pos)
        if found is None:
            return
        yield found
        pos = found.end()


_INSIDE_NAME = re.compile(r"[a-z,] ([A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?:’s|'s)? [a-z]")


_INITIAL = re.compile(r"[A-Z]\.")
_OFFICE_OF = re.compile(
    r"\b((?:(?:Deputy|Assistant|Under|Acting|Vice|Associate|Executive)\s+)?[A-Z][a-z]+)\s+of\s+$"
)


def _folded(word: str) -> str:
    """A word lower-cased without its accents: "Rosselló" -> "rossello"."""
    return "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c))


class _Names:
    """Full names mentioned in the article, to resolve surnames ("Fomin") and titles ("Mr. Obama")."""

    def __init__(self, text: str) -> None:
        self.by_last: dict[str, list[tuple[int, str]]] = {}
        self._by_first: dict[str, list[tuple[int, str]]] = {}  # "Tedros", "Kim": a full name's first word
        self._acronyms: dict[str, str] | None = None  # read when a speaker is an acronym: see `acronyms`
        self._folded: dict[str, list[tuple[int, str]]] | None = None  # see `_by_folded_last`
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
            if titles and text[max(0, at - 3) : at] == "of ":
                office = _OFFICE_OF.search(text, max(0, at - 40), at)
                if office:  # "Secretary of State John Kerry": the title is "Secretary of State", not "State"
                    titles = [office.group(1), "of", *titles]
            if titles and _INITIAL.fullmatch(titles[0]) and _INITIAL.fullmatch(text[max(0, at - 2) : at]):
                titles = [
                    text[at - 2 : at] + titles[0],
                    *titles[1:],
                ]  # "U.N. Ambassador", not "N. Ambassador"
            self._mentions.setdefault(full, []).append((at, match.end(), titles))
            self.by_last.setdefault(last, []).append((at, full))
            for given in _given_names(full):
                self._by_first.setdefault(given.lower(), []).append((at, full))
        self.known = set(self.by_last)
        # A surname used alone ("when Trump mentioned") at least twice inside sentences also names someone
        inside = Counter(_INSIDE_NAME.findall(text))
        self.known |= {w.lower() for w, n in inside.items() if n >= 2} - _NOT_OR_TITLE
        # a surname the article gives a person's title ("Pres. Obama admits …") names someone too
        self.known |= {w.lower() for w in _TITLED_SURNAME.findall(text)} - _NOT_OR_TITLE
        self._titled: dict[str, str] | None = None
        self._bodies: set[str] | None = None  # short forms of the bodies named in full: see `names_a_body`
        self._described: dict[str, str] = {}
        self._speaking_words: set[str] | None = None  # words after a title, before "said" or after "said"
        self._people_at: list[tuple[int, str]] | None = None
        self._people_pos: list[int] = []

    @property
    def acronyms(self) -> dict[str, str]:
        """The article's acronyms and the names they stand for ("RFU" -> "Rugby Football Union")."""
        if self._acronyms is None:
            self._acronyms = _acronyms(self._text)
        return self._acronyms

    def names_a_body(self, full: str) -> bool:
        """Whether a name is the short form of a body the article also names in full ("Manchester City" of
        "Manchester City Football Club", "Four-Kings" of "Four-Kings Gaming Club"), and no person of known
        gender."""
        if self.gender(full) is not None:
            return False
        if self._bodies is None:
            self._bodies = {
                " ".join(words[:k])
                for words in (name.split() for name in self._mentions)
                if len(words) > 1 and words[-1].lower() in _ORGANISATION_HEADS
                for k in range(1, len(words))
            }
        return full in self._bodies

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
            after = (
                _appositive(_AGE.sub("", self._text[end : end + 200], count=1)) for _, end, _ in mentions
            )
            before = (_role_before(self._text, at, titles) for at, _, titles in mentions)
            self._roles[full] = next((r for r in after if r), None) or next((r for r in before if r), None)
        return self._roles[full]

    def described(self, full: str) -> str:
        """Every title and role the article gives a person, lower-cased ("sen. senator of new york")."""
        if full not in self._described:
            self._described[full] = self._describe(full)  # each name once: it scans the whole text
        return self._described[full]

    def _describe(self, full: str) -> str:
        mentions = self._mentions.get(full, [])
        words = [t for _, _, titles in mentions for t in titles]
        words += [self._text[max(0, at - 30) : at] for at, _, _ in mentions]  # "Sen. Ted Cruz"
        if not mentions and re.fullmatch(r"[A-Z][\w’'\-]+", full):
            # a person the article names by surname only ("Pres. Obama admits …")
            hits = re.finditer(rf"\b{full}\b", self._text)
            words += [self._text[max(0, m.start() - 30) : m.start()] for m in hits]
        elif len(full.split()) > 1 and re.fullmatch(r"[A-Z][\w’'\-]+", full.split()[-1]):
            # the title right before a later surname-only mention ("“Gov. Christie, blink twice …”")
            hits = re.finditer(rf"\b([A-Z][a-z]+\.?)\s+{full.split()[-1]}\b", self._text)
            words += [m.group(1) for m in hits]
        return " ".join([*words, self.role(full) or ""]).lower()

    def gender(self, full: str) -> str | None:
        """ "male", "female" or None (unknown) for a person's name, from a title or a first-name list."""
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
        if self._speaking_words is None:
            # one pass over the text for every word at once: a search per word is quadratic in long texts
            titled, before_said, after_said = _SPEAKING_WORD
            found = {m.group(1) for m in titled.finditer(self._text)}
            found |= {m.group(1) for m in _runs_before(before_said, self._text)}
            found |= {m.group(1) for m in after_said.finditer(self._text)}
            self._speaking_words = found | {_POSSESSIVE_END.sub("", w) for w in found}
        return word in self._speaking_words

    def full(self, name: str, at: int, want: str | None = None) -> str:
        """The fullest earlier form of a (sur)name, of the wanted gender when one fits, else the name."""
        words = name.split()
        # a title word after a first name is a surname ("Turi King", "Anne Bishop"), not a title
        tokens = [
            t
            for k, t in enumerate(words)
            if t.lower().rstrip(".") not in _TITLES
            or k == len(words) - 1
            and k > 0
            and t[:1].isupper()
            and words[k - 1].lower().rstrip(".") not in _TITLES
        ]
        if not tokens:
            return name
        if len(tokens) > 1:
            return " ".join(tokens)
        if tokens[0].isupper() and tokens[0] in self.acronyms:
            return self.acronyms[tokens[0]]
        found = self.by_last.get(tokens[0].lower()) or self._by_folded_last().get(_folded(tokens[0]))
        if not found:
            return self._by_first_name(tokens[0], at)
        # the mentions are in reading order: the ones before `at` without scanning them all
        before = found[: bisect.bisect_right(found, (at, "\U0010ffff"))] or found[:1]
        if want:
            # a full name of the wanted gender ("Hillary Clinton" for "she") before one of unknown gender
            fitting = [f for f in before if self.gender(f[1]) == want] or [
                f for f in before if self.gender(f[1]) is None
            ]
            if fitting:
                return fitting[-1][1]
        return before[-1][1]

    def _by_folded_last(self) -> dict[str, list[tuple[int, str]]]:
        """The surnames without accents ("rossello" for "Rosselló"): one article may write both."""
        if self._folded is None:
            self._folded = {}
            for last, found in self.by_last.items():
                self._folded.setdefault(_folded(last), []).extend(found)
            for found in self._folded.values():
                found.sort()
        return self._folded

    def _by_first_name(self, word: str, at: int) -> str:
        """The one full name named earlier that a first word alone stands for ("Tedros" for "Tedros Adhanom
        Ghebreyesus", "Kim" for "Kim Jong Un"); the word itself when none or several fit."""
        found = self._by_first.get(word.lower(), [])
        earlier = Counter(full for start, full in found if start < at and _looks_personal(full))
        if len(earlier) <= 1:
            return next(iter(earlier), word)
        # several: the one named most often, of equals the first named ("Kim" for "Kim Jong Un", the
        # article's subject, not for his father "Kim Jong Il" named once in the background)
        return earlier.most_common(1)[0][0]  # counts in reading order: equals go to the first named


# The last word of a body that speaks as one ("the X Association said"): one list for every module
_ORGANISATION_HEADS = frozenset(load_phrases("organisation_heads"))
_GROUP_WORDS = _ORGANISATION_HEADS


# The small words between a body's capitalised words, which its acronym skips ("Competition and Markets")
_ACRONYM_JOINERS = frozenset({"of", "for", "and", "the", "on", "in", "to", "&"})
_JOINER = "(?:" + "|".join(map(re.escape, sorted(_ACRONYM_JOINERS))) + ")"
# "the Rugby Football Union (RFU)": a body's name and the acronym the article gives it
_DEFINED_ACRONYM = re.compile(rf"((?:[A-Z][\w’'&.-]*\s+(?:{_JOINER}\s+){{0,2}}){{1,9}})\(([A-Z]{{2,7}})\)")


# A body's name written out: capitalised words, small joiners between ("Competition and Markets Authority")
_NAME_RUN = re.compile(rf"\b[A-Z][a-z][\w’'-]*(?:\s+(?:{_JOINER}\s+){{0,2}}[A-Z][a-z][\w’'-]*){{1,7}}")
_ACRONYM_WORD = re.compile(r"\b[A-Z]{2,7}\b")


def _acronyms(text: str) -> dict[str, str]:
    """The acronyms of an article, each with the name it stands for: the name the article defines it as
    ("the Rugby Football Union (RFU)"), else a name written out whose capitals spell it ("the NRA" and the
    "National Rifle Association")."""
    found: dict[str, str] = {}
    used = set(_ACRONYM_WORD.findall(text))
    if not used:
        return found
    for m in _DEFINED_ACRONYM.finditer(text):
        acronym, words = m.group(2), m.group(1).split()
        while words and words[-1] in _ACRONYM_JOINERS:
            words.pop()
        # the name is the last run of words whose initials spell the acronym
        for k in range(len(words)):
            name = words[k:]
            if name[0][:1].isupper() and "".join(w[0] for w in name if w not in _ACRONYM_JOINERS) == acronym:
                found.setdefault(acronym, " ".join(name))
                break
    for m in _NAME_RUN.finditer(text):
        words = m.group(0).split()
        # every part of the run that starts and ends on a capitalised word ("The National Rifle Association")
        for a in range(len(words)):
            if words[a] in _ACRONYM_JOINERS:
                continue
            for b in range(a + 2, len(words) + 1):
                if words[b - 1] in _ACRONYM_JOINERS:
                    continue
                initials = "".join(w[0] for w in words[a:b] if w not in _ACRONYM_JOINERS)
                if initials in used:
                    found.setdefault(initials, " ".join(words[a:b]))
    return found


def _given_names(full: str) -> set[str]:
    """The words a name may be called by alone, its surname aside: the first that is no title ("Tedros" of
    "Director-General Tedros Adhanom Ghebreyesus") and the one before the surname ("Abby" of "Ocean Florida
    Abby Dunn", a name run on from its employer's)."""
    words = [
        w for w in full.split()[:-1] if not all(part.lower().rstrip(".") in _TITLES for part in w.split("-"))
    ]
    return {words[0], words[-1]} if words else set()


def _looks_personal(full: str) -> bool:
    """A run of two to four capitalised words that may be a person's name: no body's head word ("Party",
    "Center"), no possessive end ("Suu Kyi's")."""
    words = full.split()
    return (
        1 < len(words) <= 4
        and not any(w.lower() in _GROUP_WORDS for w in words)
        and not full.endswith(("’s", "'s", "’", "'"))
    )


_AGE = re.compile(r"^\s*,\s*\d{1,3}(?=\s*,)")

_PREPOSITIONS = load_words("quotes_prepositions")

# A full stop after an initial or a title ("the Thomas B. Fordham Institute", "an aide to Sen. Cruz") goes on
_NOT_ABBREV = r"(?<!\b[A-Z])" + "".join(
    f"(?<!{a})" for a in ("Sen", "Rep", "Gov", "Gen", "Dr", "Mr", "Ms", "Mrs", "St", "Jr", "Sr", "Lt")
)
_APPOSITIVE = re.compile(
    r"\s*,\s*((?:a|an|the|[a-z]|[A-Z][\w.\-]*(?:’s|'s|’|')\s)[^,;:!?“\"()]{2,140}?)"
    r"(?:,|" + _NOT_ABBREV + r"\.(?=\s|$)|$|;)"
)

_NOT_ROLE_START = load_words("quotes_not_role_start")


def _verb_opens_or_holds(role: str) -> Outcome:
    """ ", who said …", ", speaking on Monday", ", was arrested": a clause, not a description."""
    first = role.split()[0]
    return (
        Decided(None)
        if first.lower() in _NOT_ROLE_START or _looks_like_verb(first) or _VERB.search(role)
        else None
    )


def _light_lead(role: str) -> Outcome:
    """ "Donald Trump, meanwhile, is supported by …": an aside, no description."""
    first = role.split()[0].lower()
    return Decided(None) if first in _TRAILING or first in _LIGHT_LEADS else None


def _too_long_for_a_role(role: str) -> Outcome:
    """A role is a short phrase, not the rest of a sentence."""
    return Decided(None) if len(role.split()) > _ROLE_WORDS else None


def _a_role(role: str) -> Outcome:
    """What is left describes the person: "president of the United Federation of Teachers"."""
    return Decided(role)


_ROLE_WORDS = 16

# Whether the words between commas after a name are that person's role, as rows in order.
_APPOSITIVE_ROLE_STEPS: tuple[Step[str], ...] = (
    Step(
        "verb opens or holds",
        _verb_opens_or_holds,
        (Case(", who said the plan would fail,", None), Case(", was arrested on Monday,", None)),
    ),
    Step("light lead", _light_lead, (Case(", meanwhile, is supported by the party", None),)),
    Step(
        "too long for a role",
        _too_long_for_a_role,
        (
            Case(
                ", a man from a small town in the north of the state whose family had farmed the land for"
                " many generations before him,",
                None,
            ),
        ),
    ),
    Step(
        "a role",
        _a_role,
        (Case(", president of the United Federation of Teachers,", "president of the United Federation"),),
    ),
)


def _appositive(tail: str) -> str | None:
    """A role right after a name: ", president of the United Federation of Teachers," -> the role."""
    match = _APPOSITIVE.match(tail)
    if not match:
        return None
    outcome = run_steps(_APPOSITIVE_ROLE_STEPS, match.group(1).strip())
    return outcome.value if isinstance(outcome, Decided) else None


_LIGHT_LEADS = load_words("quotes_light_leads")

_BODIES = load_words("quotes_bodies")

# Occupations written like a title before a name ("Actress Amandla Stenberg"); a reader sees them as a role
_OCCUPATIONS = load_words("quotes_occupations")

_CAPS_FUNCTION = load_words("quotes_caps_function")
# Capitalised words that open a sentence, never a name: "Neither Johnson nor Weld …", "Was Szlachta …"
_NOT_FIRST = load_words("quotes_not_first")


def _body_named(name: str | None, mention: str | None, names: _Names) -> str | None:
    """The body itself when the rules read a word before a group as its owner but the article names no person
    by that word ("the Scottish government said": "the Scottish government", not "Scottish")."""
    if not name or not mention or len(name.split()) != 1 or names.is_person(name):
        return name
    words = mention.split()
    if len(words) == 2 and words[0] == name and words[1].lower() in _GROUP_WORDS:
        return f"the {mention}"
    return name


@dataclass(frozen=True)
class _NamedRun:
    """What _person_named reads: the rules' name, role and mention, and the article's names."""

    name: str
    role: str | None
    mention: str | None
    names: _Names

    @property
    def tokens(self) -> list[str]:
        """The name's words."""
        return self.name.split()


def _lower_case_phrase(r: _NamedRun) -> Outcome:
    """ "the senator", "a spokesperson": no run of a name to trim."""
    return Decided((r.name, r.role, r.mention)) if r.name[:1].islower() else None


def _headline_capitals(r: _NamedRun) -> Outcome:
    """ "REST OF THE", "TO USE": words of a headline in capitals name no one."""
    tokens = r.tokens
    capitals = re.fullmatch(r"[A-Z’'\s]+", r.name) is not None
    if capitals and (len(tokens) >= 3 or any(t in _CAPS_FUNCTION for t in tokens)):
        return Decided((None, None, r.mention or r.name))
    return None


def _function_word_first(r: _NamedRun) -> Outcome:
    """ "Of course, Clinton …": the function word opened the sentence; the name after it speaks."""
    if len(r.tokens) != 1 or r.name.lower() not in _RUN_BREAKS | _PREPOSITIONS:
        return None
    later = [w.strip(",.;:") for w in (r.mention or "").split()[1:] if w[:1].isupper()]
    if not later:
        return Decided((None, None, r.mention))
    fulls = {full for _, full in r.names.by_last.get(later[-1].lower(), [])}
    return Decided(((fulls.pop() if len(fulls) == 1 else later[-1]), r.role, r.mention))


def _sentence_opener_first(r: _NamedRun) -> Outcome:
    """ "Neither Johnson", "Stated Stone", "Interestingly Blocher": the surname, in full if there is one."""
    tokens = r.tokens
    if len(tokens) != 2 or tokens[0].lower() not in _NOT_FIRST:
        return None
    fulls = {full for _, full in r.names.by_last.get(tokens[1].lower(), []) if full != r.name}
    return Decided(((fulls.pop() if len(fulls) == 1 else tokens[1]), r.role, r.mention or r.name))


def _first_name_alone(r: _NamedRun) -> Outcome:
    """ "Donald" -> "Donald Trump" when the article gives one full name that starts with it."""
    if len(r.tokens) != 1 or first_name_gender(r.name) is None:
        return None
    fulls = {full for full in r.names.all_full() if full.split()[0] == r.name and len(full.split()) >= 2}
    if len(fulls) == 1:
        return Decided((fulls.pop(), r.role, r.mention or r.name))
    return Decided((r.name, r.role, r.mention))


def _words_before_a_first_name(r: _NamedRun) -> Outcome:
    """ "North Korea Donald Trump", "Chicago Alderman Jason C. Ervin": the words before the first name are
    dropped (a title or occupation among them is the role); not "Anne Marie Murphy", "J. Gerald Hebert",
    "Trayvon Martin Foundation"."""
    tokens, role, mention = r.tokens, r.role, r.mention
    at = next(
        (
            i
            for i, t in enumerate(tokens[1:-1], 1)
            if first_name_gender(t) is not None or re.search(r"-[a-z]", tokens[i - 1])
        ),
        None,
    )
    if (
        at is None
        or not all(t[:1].isupper() for t in tokens[:at])
        or first_name_gender(tokens[0])
        or re.fullmatch(r"(?:[A-Z]\.)+", tokens[0])
        or tokens[-1].lower() in _BODIES
    ):
        return Decided((r.name, role, mention))
    dropped = tokens[:at]
    if role is None and (
        dropped[-1].lower().rstrip(".") in _TITLES | _OCCUPATIONS
        or "-" in dropped[-1]
        and not re.search(r"-[a-z]+$", dropped[-1])
        or dropped[-1] in {"Recorder", "Advocate"}
    ):
        role = " ".join(dropped)  # "Chicago Alderman", "Post Editor-in-Chief"
    if not mention or set(mention.casefold().split()) <= set(r.name.casefold().split()):
        mention = r.name  # the label keeps the article's words
    return Decided((" ".join(tokens[at:]), role, mention))


# The person's own name in the run the rules read, as rows in order. A case's `given` is
# "name || mention || article text" (the mention and text default to the name).
_PERSON_NAMED_STEPS: tuple[Step[_NamedRun], ...] = (
    Step("lower-case phrase", _lower_case_phrase, (Case("the senator", "the senator"),)),
    Step("headline capitals", _headline_capitals, (Case("REST OF THE", None),)),
    Step(
        "function word first",
        _function_word_first,
        (Case("Of || Of course, Clinton || Hillary Clinton spoke.", "Hillary Clinton"),),
    ),
    Step(
        "sentence opener first",
        _sentence_opener_first,
        (Case("Neither Johnson || Neither Johnson || Gary Johnson ran.", "Gary Johnson"),),
    ),
    Step(
        "first name alone",
        _first_name_alone,
        (Case("Donald || Donald || Donald Trump spoke.", "Donald Trump"),),
    ),
    Step(
        "words before a first name",
        _words_before_a_first_name,
        (
            Case("North Korea Donald Trump", "Donald Trump", "North Korea"),
            Case("Anne Marie Murphy", "Anne Marie Murphy"),
        ),
    ),
)


def _person_named(
    name: str | None, role: str | None, mention: str | None, names: _Names
) -> tuple[str | None, str | None, str | None]:
    """The person's own name when a run holds words before it ("North Korea Donald Trump", "Chicago
    Alderman Jason C. Ervin") or the article gives only one full name for a first name ("Donald").

    The mention keeps the article's words, so the label loses none of them.
    """
    if not name:
        return name, role, mention
    outcome = run_steps(_PERSON_NAMED_STEPS, _NamedRun(name, role, mention, names))
    return outcome.value if isinstance(outcome, Decided) else (name, role, mention)
