"""Source, dateline and byline prefixes that open news stories: "(CNN)", "Moscow (CNN) --", "By ..."."""

from __future__ import annotations

import re

# A source or dateline before the story: "(CNN)", "Moscow (CNN) -- ", "(The Hollywood Reporter)",
# "By . Jane Doe . PUBLISHED: . 10:00 EST, 1 May 2014 . | . UPDATED: . ... . ", "March 10, 2015 . ".
_LEAD_BOILERPLATE = re.compile(
    r"""^(?:
        (?:[A-Z][\w'.\-]*(?:[ ,]+[A-Z][\w'.\-]*){0,5}\s*)?
        (?:\(CNN[\w.' ]{0,20}\)\s*(?:--|—|–)?\s*
          | \([A-Z][\w.+&' ]{0,40}\)(?:\s*(?:--|—|–)\s*|(?=[A-Z"“‘0-9])))
      | By\s*\.?\s+.{0,80}?\s\.\s+(?=\S)
      | (?:PUBLISHED|UPDATED|Last\s+updated)\b.{0,120}?\d{4}\s*\.\s*(?:\|\s*\.\s*)?
      | (?:January|February|March|April|May|June|July|August|September|October|November|December)
        \s+\d{1,2},\s+\d{4}\s*\.\s+
    )""",
    re.VERBOSE,
)
# The same for text without capitals to go by ("( cnn ) --", "london , england ( cnn ) --"): only a
# source in brackets or a dated byline, since a run of words cannot be told from a place by case.
_LEAD_BOILERPLATE_CASELESS = re.compile(
    r"""^(?:
        \(\s?cnn[\w.' ]{0,20}\)\s*(?:--|—|–)?\s*
      | [a-z][\w'.\-]*(?:[ ,]+[a-z][\w'.\-]*){0,5}\s*\(\s?cnn[\w.' ]{0,20}\)(?:\s*(?:--|—|–)\s*|(?=[\w"“]))
      | by\s*\.?\s+.{0,80}?\s\.\s+(?=\S)
      | (?:published|updated|last\s+updated)\b.{0,120}?\d{4}\s*\.\s*(?:\|\s*\.\s*)?
    )""",
    re.VERBOSE | re.IGNORECASE,
)


def lead_boilerplate_length(text: str, caseless: bool = False) -> int:
    """How many leading characters of a sentence are source/dateline/byline boilerplate (0 if none)."""
    pattern = _LEAD_BOILERPLATE_CASELESS if caseless else _LEAD_BOILERPLATE
    rest = text
    for _ in range(4):
        match = pattern.match(rest)
        if not match or match.end() >= len(rest):
            break
        rest = rest[match.end() :]
    return len(text) - len(rest)
