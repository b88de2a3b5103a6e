"""The quote rules that decide a speaker outright, as a table: each row names the rule, what it decides,
and made-up examples it must get right (`speaker`) and wrong readings it must avoid (`not_speaker`).

The tests are generated from this table (tests/news/quotes/test_rules.py): a newcomer adds a rule by adding
its row here and its code where the row's `where` points. The choice among candidates is not a rule: the
ranker (ranker.py) learns it; these rows cover what generates or removes candidates. The rules inside
the long decisions of attribution.py and context.py are rows of their step tables (bot/news/steps.py),
each with its own made-up cases (tests/news/test_steps.py).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Example:
    """A made-up article body, the quote it is about, and who spoke it (None: nobody named)."""

    text: str
    quote: str
    speaker: str | None
    not_speaker: str | None = None


@dataclass(frozen=True)
class Rule:
    """A named quote rule: what it decides, where its code lives, and its examples."""

    name: str
    decides: str
    where: str
    examples: tuple[Example, ...]


RULES: tuple[Rule, ...] = (
    Rule(
        "new_unnamed_speaker",
        "a pronoun after a sentence introducing an unnamed speaker points to that speaker",
        "context._Context.antecedent (_NEW_UNNAMED)",
        (
            Example(
                "“We have been left with no choice,” said Jo Grady, the general secretary of the University "
                "and College Union.\n\nA spokesperson for the Universities and Colleges Employers’ "
                "Association "
                "said the strike would harm students.\n\n“UCEA has made a fair offer and the unions should "
                "put it to their members,” he said.",
                "UCEA has made",
                "A spokesperson for the Universities",
                not_speaker="Jo Grady",
            ),
            Example(
                "“The budget is a disgrace,” said Mark Olsen, who chairs the council.\n\nAn official at the "
                "Treasury said the figures were sound.\n\n“Every line of it has been checked twice by "
                "independent auditors,” she said.",
                "Every line of it",
                "An official at the Treasury",
                not_speaker="Mark Olsen",
            ),
            Example(
                "Mark Olsen chairs the council.\n\nOlsen said the figures were wrong.\n\n“Every line of it "
                "should have been checked twice by independent auditors,” he said.",
                "Every line of it",
                "Mark Olsen",
            ),
        ),
    ),
    Rule(
        "passive_report",
        'a quote reported in the passive ("was warned that") is the agent\'s, or nobody named spoke it',
        "sources._explicit (_PASSIVE_REPORT)",
        (
            Example(
                "Maria Lopez ran the plant for ten years.\n\nShe was warned that “the valves could fail "
                "at any "
                "moment and the whole line would stop.”",
                "the valves could fail",
                None,
                not_speaker="Maria Lopez",
            ),
            Example(
                "Maria Lopez ran the plant for ten years.\n\nShe warned that “the valves could fail at any "
                "moment and the whole line would stop.”",
                "the valves could fail",
                "Maria Lopez",
            ),
        ),
    ),
    Rule(
        "headings_never_speak",
        'a section heading ("Spotty Recovery") is no sentence about anyone: it is never a speaker',
        "context._Context (headings blanked)",
        (
            Example(
                "The economy grew by 2 percent last year, officials said.\n\nSpotty Recovery\n\n"
                "“Some regions "
                "are still far behind the rest of the country and will be for years,” he said.",
                "Some regions are",
                None,
                not_speaker="Spotty Recovery",
            ),
            Example(
                "Ana Ruiz, an economist at the central bank, has studied the regions for a decade.\n\nSpotty "
                "Recovery\n\n“Some regions are still far behind the rest of the country and will be for "
                "years.”",
                "Some regions are",
                "Ana Ruiz",
                not_speaker="Spotty Recovery",
            ),
        ),
    ),
    Rule(
        "body_not_owner",
        '"the Scottish government said": a word before a group naming no person shows the whole body',
        "names._body_named",
        (
            Example(
                "Ministers in Edinburgh rejected the plan on Tuesday.\n\n“This proposal would cost families "
                "hundreds of pounds a year and we will not support it,” the Scottish government said.",
                "This proposal would",
                "the Scottish government",
            ),
            Example(
                "Barack Obama spoke on Monday.\n\n“We will not let this stand, and we will act with our "
                "allies,” the Obama administration said.",
                "We will not let",
                "Obama",
            ),
        ),
    ),
    Rule(
        "documents_speak",
        'a document that reads or says the words ("a memo read:") speaks them, not a person nearby',
        "attribution._thing_before, candidates (documents word list)",
        (
            Example(
                "The agency knew of the flaw for months.\n\nA memo sent to staff in March read: “The valves "
                "must not be used until further notice from the engineering team.”\n\nMaria Lopez, who ran "
                "the plant, said she had never seen it.",
                "The valves must not",
                "memo",
                not_speaker="Maria Lopez",
            ),
        ),
    ),
)
