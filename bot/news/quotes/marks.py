"""Quote marks: finding and pairing them, pull quotes, and titles or scare quotes to skip."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.news.lexicon import load_words
from bot.news.models import Article
from bot.news.sentences import WORD
from bot.news.steps import Case, Decided, Outcome, Step, run_steps

from .names import _NAME_TOKEN, _NOT_NAMES, _TITLES

_SMALL = load_words("quotes_small")


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


_MARKS = re.compile(r"[“”\"]")

# An opening mark typed for a closing one: "her here,“ said Jim" closes the quote.
# The mark comes first and the look-behind checks the character before it: a pattern that opens with a
# literal lets `re` skip to the marks; one that opens with a look-behind is tried at every character.
_OPEN_AS_CLOSE = re.compile(r"“(?<=[^\s(\[—–:“‘-]“)(?=[\s,.;:!?)]|$)")
_DOUBLED_OPEN = re.compile(r"\"(?=“)")  # "“…”…" : a straight mark wrapping a curly quote is debris


# Markup left in the text (<tweet tweet-author="@X" tweet-date="…">): its attribute marks quote nothing
_TAG = re.compile(r"<[A-Za-z][^<>]{0,200}>")


# A nickname inside a name ('Rep. Robert C. "Bobby" Scott', 'Marcia "Cia" Price') quotes nothing
# (the mark before the look-behind, as in _OPEN_AS_CLOSE: the same matches, found faster)
_NICKNAME = re.compile(r"[\"“](?<=[A-Za-z.] [\"“])([A-Z][\w’'.\-]{1,15})[\"”](?= [A-Z][a-z])")


_NICK_BEFORE = re.compile(r"\b[A-Z][\w.]{0,15} $")


# Doubled single marks (‘‘…’’, some wire copy) are double marks; the space keeps the text's length.
_DOUBLED_SINGLE = (("‘‘", " “"), ("’’", "” "))
# Where single marks are the primary ones (British style: ‘We will act,’ she said): an opening mark at a
# word's start, and a closing one after a word and before a space, punctuation or the end; a mark between
# letters ("don’t") or after a space is an apostrophe.
_SINGLE_OPEN = re.compile(r"(?<![\w’])‘(?=\S)")
_SINGLE_CLOSE = re.compile(r"(?<=\S)’(?=[\s,.;:!?)—–-]|$)")


def single_marks_primary(text: str) -> bool:
    """Whether an article quotes in single marks: it has ‘…’ and no double quote marks at all."""
    return "‘" in text and not any(mark in text for mark in '“”"')


def _single_as_double(text: str) -> str:
    """Single quote marks turned double where they open and close a quotation (same length)."""
    chars = list(text)
    opened: int | None = None
    for m in sorted([*_SINGLE_OPEN.finditer(text), *_SINGLE_CLOSE.finditer(text)], key=lambda m: m.start()):
        if m.group(0) == "‘":
            opened = m.start()
        elif opened is not None:
            chars[opened], chars[m.start()] = "“", "”"
            opened = None
    return "".join(chars)


def _normalise_marks(text: str, single_primary: bool = False) -> str:
    """The paragraph with each quote mark turned the way its context uses it (same length)."""
    for doubled, double in _DOUBLED_SINGLE:
        text = text.replace(doubled, double)
    if single_primary:
        text = _single_as_double(text)
    if "<" in text:
        text = _TAG.sub(lambda m: re.sub(r"[“”\"]", " ", m.group(0)), text)
    text = _OPEN_AS_CLOSE.sub("”", text)
    text = _NICKNAME.sub(
        lambda m: " " + m.group(1) + " " if _NICK_BEFORE.search(text, 0, m.start()) else m.group(0), text
    )
    return _DOUBLED_OPEN.sub(" ", text)


def _scan(text: str, paragraph: int, single_primary: bool = False) -> list[_Span]:
    """Pair the quote marks of one paragraph; unclosed quotes run to the paragraph's end."""
    text = _normalise_marks(text, single_primary)
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
                if prev.isspace() or prev in "([—–-:" or i == 0 or prev in ".!?" and nxt.isupper():
                    stack.append(('"', i))  # 'the authorities."We basically …': a space is missing
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


_ABBREV_END = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Adm|Rev|Prof|Jr|Sr|"
    r"St|"
    r"Mt|Ft|Gens|Sens|Reps|Maj|Cpl|Pvt|Supt|Det|Insp|Cmdr|Ret|Del|U\.S|U\.N|D\.C))$"
)


def _words(text: str) -> int:
    return len(WORD.findall(text))


_CLAUSE_OPENING = re.compile(r"(?:That|It|I|We|He|She|They|There|You|What|Here)[’'](?:s|m|re|ll|ve|d)\s")


def _long_sentence(text: str) -> Outcome:
    """A sentence of more than eight words is speech, whatever its capitals."""
    return Decided(False) if text.rstrip()[-1:] in ".!?…" and len(text.split()) > 8 else None


def _names_names(text: str) -> Outcome:
    """ "That’s Jeb Bush and Marco Rubio.": a sentence that names names, not a title."""
    return Decided(False) if text.rstrip()[-1:] == "." and _CLAUSE_OPENING.match(text) else None


def _capitalised_words(text: str) -> Outcome:
    """Up to twelve words, every one but the small ones capitalised: a title or a slogan."""
    words = text.split()
    big = [w for w in words if w.lower() not in _SMALL]
    caps = sum(1 for w in big if w[:1].isupper() or not w[:1].isalpha())
    return Decided(bool(big) and caps == len(big) and len(words) <= 12)


# Whether words in quote marks are a title or slogan rather than speech, as rows tried in order.
_TITLE_STEPS: tuple[Step[str], ...] = (
    Step(
        "long sentence",
        _long_sentence,
        (Case("We Will Fight On And We Will Win Every Single Time.", None),),
    ),
    Step("names names", _names_names, (Case("That’s Jeb Bush and Marco Rubio.", None),)),
    Step(
        "capitalised words",
        _capitalised_words,
        (Case("Make America Great Again", "title"), Case("we will not back down", None)),
    ),
)


def _is_title(text: str) -> bool:
    """A title or slogan in quote marks: capitalised words, and no sentence punctuation unless short."""
    if not text.split():
        return False
    outcome = run_steps(_TITLE_STEPS, text)
    return isinstance(outcome, Decided) and bool(outcome.value)


# A pull quote: a paragraph that is one quotation signed by its last words ("“…here. S.C. Rep. Jim Clyburn.”")
_SENTENCE_END = re.compile(r"[.?!…][’'”]?\s+(?=[A-Z])")


_CLOSED_AFTER_FULL_STOP = re.compile(r"\.[’'”\"]*[”\"]$")


def _not_opened_by_a_mark(text: str) -> Outcome:
    """A pull quote opens with its quote mark."""
    return Decided(None) if text[:1] not in {'"', "“"} else None


def _not_closed_after_a_full_stop(text: str) -> Outcome:
    """A pull quote ends with its signature's full stop and the closing mark."""
    return Decided(None) if not _CLOSED_AFTER_FULL_STOP.search(text) else None


def _more_than_one_quotation(text: str) -> Outcome:
    """A pull quote is one quotation: two marks in all."""
    return Decided(None) if len(_MARKS.findall(text)) != 2 else None


def _signed_by_its_last_words(text: str) -> Outcome:
    """The last sentence that is a name with its titles signs the quote; where the quoted words end."""
    found = None
    for match in reversed(list(_SENTENCE_END.finditer(text))):
        if _ABBREV_END.search(text[: match.start() + 1]):
            continue  # "… with Mr. Trump": a title, not the end of a sentence
        who = text[match.end() :].rstrip("”\"’' ").rstrip(".")
        if _words(who) > 12:
            break
        if _is_signature(who.split(",")[0]):
            found = (match.start() + 1, who)
    return Decided(found)


# Whether a paragraph is one quotation signed by its last words, as rows tried in order.
_PULL_QUOTE_STEPS: tuple[Step[str], ...] = (
    Step(
        "not opened by a quote mark",
        _not_opened_by_a_mark,
        (Case("He said: “We will keep fighting for every worker. Jim Clyburn.”", None),),
    ),
    Step(
        "not closed after a full stop",
        _not_closed_after_a_full_stop,
        (Case("“We will keep fighting for every worker. Jim Clyburn”", None),),
    ),
    Step(
        "more than one quotation",
        _more_than_one_quotation,
        (Case("“We will keep fighting,” he said. “Every worker. Jim Clyburn.”", None),),
    ),
    Step(
        "signed by its last words",
        _signed_by_its_last_words,
        (
            Case("“We will keep fighting for every worker here. S.C. Rep. Jim Clyburn.”", "Jim Clyburn"),
            Case("“We will keep fighting for every worker here. We will win.”", None),
        ),
    ),
)


def _pull_quote(text: str) -> tuple[int, str] | None:
    """Where the quoted words of a signed pull-quote paragraph end, and its signature."""
    outcome = run_steps(_PULL_QUOTE_STEPS, text.rstrip())
    return outcome.value if isinstance(outcome, Decided) else None


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
    single = single_marks_primary(article.text)
    for index, para in enumerate(article.paragraphs):
        if para.is_heading:
            open_tail = False
            continue
        found = _scan(para.text, index, single)
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


_BETWEEN_QUOTES = re.compile(r"“[^“”]*”|\"[^\"]*\"")


def _all_quoted(text: str) -> bool:
    """A paragraph that is nothing but quotations, one after another (“…” “…” “…”)."""
    rest = _BETWEEN_QUOTES.sub("", text)
    return text.count("“") + text.count('"') >= 2 and not re.search(r"\w", rest)
