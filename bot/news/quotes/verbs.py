"""Reporting verbs: the speech-verb lexicon, its inflections and the finders that match them."""

from __future__ import annotations

import re

from bot.news.lexicon import load_phrases, load_table, load_words

# "say" -> ("says", "said", "saying"): the verbs the regular rules below would get wrong
_IRREGULAR = {base: tuple(forms) for base, *forms in load_table("irregular_verbs")}
_EXTRA_FORMS: dict[str, set[str]] = {}
for _base, _form in load_table("extra_verb_forms"):
    _EXTRA_FORMS.setdefault(_base, set()).add(_form)


def _inflect(verb: str) -> set[str]:
    """The forms of a reporting verb ("say" -> says, said, saying); a multi-word verb inflects its head."""
    head, _, rest = verb.partition(" ")
    rest = f" {rest}" if rest else ""
    if head in _IRREGULAR:
        forms = {head, *_IRREGULAR[head]}
    elif head.endswith("y") and head[-2] not in "aeiou":
        forms = {head, head[:-1] + "ies", head[:-1] + "ied", head + "ing"}
    elif head.endswith("e"):
        forms = {head, head + "s", head + "d", head[:-1] + "ing"}
    elif head.endswith(("s", "sh", "ch", "x")):
        forms = {head, head + "es", head + "ed", head + "ing"}
    else:
        forms = {head, head + "s", head + "ed", head + "ing"}
    forms |= _EXTRA_FORMS.get(head, set())
    return {f + rest for f in forms}


# Verbs that report speech: the quote's speaker is their subject, before or after the quote.
_SPEECH = list(load_phrases("speech_verbs"))
# Verbs that introduce a quote after them in the same clause, never one before them
# ("Clinton called them “deplorables”" but not "“…,” Clinton called").
_PRE_ONLY = list(load_phrases("pre_quote_verbs"))
# Base forms are often nouns ("a counter", "the post"): only these few count as verbs.
_BASE_OK = set(load_phrases("base_form_verbs"))
# Plural nouns that look like verbs ("hundreds of emails", "the charges").
_NOUN_LIKE = set(load_phrases("verb_like_nouns"))
_SPEECH_FORMS = {
    form for v in _SPEECH for form in _inflect(v) if (form != v or v in _BASE_OK) and form not in _NOUN_LIKE
} | {"according to", "reports", "claims"}
_PRE_FORMS = {form for v in _PRE_ONLY for form in _inflect(v) if form != v} - _SPEECH_FORMS
_ALL_FORMS = _SPEECH_FORMS | _PRE_FORMS


_LETTERS = re.compile(r"[A-Za-z]+")
_AUXILIARY = load_words("auxiliary_verbs")  # is, was, has, will, would, did, …
# After an auxiliary, a reporting verb's base form is a verb ("did suggest"), not a noun ("the post")
_MODALS = load_words("modal_verbs")
_BASE_FORMS = {v for v in _SPEECH if " " not in v}


# After a quote, a plural subject takes the base form: "“…,” the Saudis state", "“…,” they note".
_PLURAL_SUBJECT = re.compile(r"they|we|[A-Z][a-z]+[^s\W]s")


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


def _alternation(words: set[str]) -> str:
    """A regex matching exactly the given words, as a trie: one branch per shared prefix, not one per word."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def branch(node: dict[str, dict]) -> str:
        ends = "" in node
        parts = [re.escape(char) + branch(child) for char, child in sorted(node.items()) if char]
        if not parts:
            return ""
        body = parts[0] if len(parts) == 1 and len(parts[0]) == 1 else "(?:" + "|".join(parts) + ")"
        return body + "?" if ends else body

    return branch(trie)


_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _previous_word(text: str, at: int, pos: int) -> str:
    """The run of letters last before `at` and not before `pos` ("" when there is none)."""
    end = at
    while end > pos and text[end - 1] not in _ASCII_LETTERS:
        end -= 1
    start = end
    while start > pos and text[start - 1] in _ASCII_LETTERS:
        start -= 1
    return text[start:end]


class _VerbFinder:
    """Finds reporting verbs word by word: a set look-up is several times faster than a large alternation."""

    def __init__(self, forms: set[str], capitalised: set[str], plural_base: bool = False) -> None:
        self.plural_base = plural_base
        self.single = {f for f in forms if " " not in f} | capitalised
        self.multi: dict[str, list[re.Pattern[str]]] = {}
        for form in sorted((f for f in forms | capitalised if " " in f), key=len, reverse=True):
            head, rest = form.split(" ", 1)
            pattern = re.compile(r"\s+" + r"\s+".join(map(re.escape, rest.split())) + r"\b")
            self.multi.setdefault(head, []).append(pattern)
        # Only the words that can start a find are looked at in Python; the regex skips every other word in C.
        heads = {w for w in self.single | set(self.multi) | _BASE_FORMS if _LETTERS.fullmatch(w)}
        self._heads = re.compile(r"(?<![A-Za-z])" + _alternation(heads) + r"(?![A-Za-z])")

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        """Every reporting verb in text[pos:endpos], in order (a multi-word form before its head word)."""
        end = len(text) if endpos is None else endpos
        start = pos
        if 0 < pos < min(end, len(text)) and text[pos - 1] in _ASCII_LETTERS and text[pos] in _ASCII_LETTERS:
            # the window starts inside a word: its tail is a word of its own, which the look-behind would miss
            tail = _LETTERS.match(text, pos, end)
            found = self._found_at(text, pos, tail.end(), end, pos)
            if found is not None:
                yield found
            start = tail.end()
        for word in self._heads.finditer(text, start, end):
            found = self._found_at(text, word.start(), word.end(), end, pos)
            if found is not None:
                yield found

    def _found_at(self, text: str, start: int, stop: int, end: int, pos: int) -> _Found | None:
        """The reporting verb that begins with the word text[start:stop], if it is one."""
        token = text[start:stop]
        for rest in self.multi.get(token, ()):
            tail = rest.match(text, stop, end)
            if tail:
                return _Found(start, tail.end(), text[start : tail.end()])
        if token in self.single:
            return _Found(start, stop, token)
        if token in _BASE_FORMS:
            previous = _previous_word(text, start, pos)
            if previous in _MODALS or self.plural_base and _PLURAL_SUBJECT.fullmatch(previous):
                return _Found(start, stop, token)  # "Allen did suggest", "he would argue"
        return None

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> _Found | None:
        """The first reporting verb in text[pos:endpos], or None."""
        return next(self.finditer(text, pos, endpos), None)


_CAPITALISED = {"According to", "Tweeted", "Said", "Says"}
_VERB = _VerbFinder(_SPEECH_FORMS, _CAPITALISED)
# After a quote, "…,” Bozell answers." reads a plural-looking form as the verb it is ("“…,” the memo read.")
_VERB_AFTER = _VerbFinder(_SPEECH_FORMS | _NOUN_LIKE | {"read"}, _CAPITALISED, plural_base=True)
_ANY_VERB = _VerbFinder(_ALL_FORMS, {"According to"})


def _is_verb_word(word: str) -> bool:
    """A reporting verb or an auxiliary: what a role phrase ("president and CEO of X") never contains."""
    bare = word.strip(",.;:“”\"'").lower()
    return word[:1].islower() and (bare in _ALL_FORMS or bare in _AUX_VERBS)


_AUX_VERBS = _AUXILIARY | {"said", "says", "told", "wrote"}
_IRREGULAR_PAST = load_words("irregular_past")  # which the "-ed" test misses ("Fiorina threw …")
_AUXILIARIES = _AUXILIARY | load_words("subject_enders") | _IRREGULAR_PAST


def _looks_like_verb(word: str) -> bool:
    """A lower-case word that probably ends a subject phrase: a verb, an auxiliary or a relative pronoun."""
    bare = word.strip(",.;:“”\"'").lower()
    if not word[:1].islower():
        return False
    return (
        bare in _AUXILIARIES
        or bare in _ALL_FORMS
        or (bare.endswith("ed") and len(bare) > 4)
        or bare.endswith(("n’t", "n't"))
    )  # "doesn’t", "won't"


def _is_finite_verb(word: str) -> bool:
    """A lower-case word that is very likely a verb in the past or a reporting verb."""
    bare = word.strip(",.;:“”\"'").lower()
    return word[:1].islower() and (
        bare in _ALL_FORMS or bare in _FINITE or (bare.endswith("ed") and len(bare) > 4)
    )


_ARTICLES = load_words("determiners")
_FINITE = load_words("finite_verbs")
_CLAUSE_ONLY = frozenset({"goes", "plans"})  # "The email goes on": verbs only in a clause
_DOCUMENT_VERBS = frozenset({"states", "stated", "reads", "read"})  # "the decree states"


def _verb_in(words: list[str]) -> bool:
    """A finite verb among the words, not an adjective that looks like one ("a hoarse-voiced Sanders")."""
    return any(
        _is_finite_verb(w) and "-" not in w and (k == 0 or words[k - 1].lower() not in _ARTICLES)
        for k, w in enumerate(words)
    )


def _is_clause_verb(word: str) -> bool:
    """A verb that makes a description a clause ("The email goes on", "a reporter can be heard")."""
    bare = word.strip(",.;:").lower()
    return (
        word[:1].islower()
        and not bare.endswith("ing")
        and (bare in _ALL_FORMS or bare in _AUXILIARIES or bare in _CLAUSE_ONLY)
    )


def _reports(word: str) -> bool:
    """A form of a reporting verb, its bare form included ("could only quip", "the decree states")."""
    bare = word.lower()
    return (
        bare in _ALL_FORMS
        or bare in _DOCUMENT_VERBS
        or any(bare + ending in _SPEECH_FORMS for ending in ("s", "es", "ed", "d"))
    )


# Verbs whose object hears the words rather than says them ("told Smith", "asked Jones").
_LISTENER_VERBS = frozenset(load_phrases("listener_verbs"))
# A form of "be" (or "get") just before a participle: a passive ("are reported to", "was told by").
_BE_BEFORE = re.compile(r"\b(?:was|were|is|are|been|being|be|got|get)\s+(?:[a-z]+ly\s+)?$")
