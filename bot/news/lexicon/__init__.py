"""Word lists and rule tables kept as data files in this package, with one loader.

Four shapes: `load_words` (a set of single words, several per line allowed), `load_phrases` (one entry
per line, multi-word entries allowed, file order kept), `load_table` (tab-separated rows) and
`load_records` (TOML, for rule tables whose cells are patterns and lists of examples).
Blank lines and `#` comments (whole-line or after an entry) are left out.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources


def _lines(filename: str) -> list[str]:
    """The meaningful lines of a data file: comments and blank lines left out."""
    path = resources.files(__package__).joinpath(filename)
    if not path.is_file():
        raise FileNotFoundError(f"no data file named {filename!r} in bot/news/lexicon")
    entries = (line.split("#", 1)[0].rstrip() for line in path.read_text(encoding="utf-8").splitlines())
    return [entry for entry in entries if entry.strip()]


@cache
def load_words(name: str) -> frozenset[str]:
    """The words of `<name>.txt`, one entry per line (several per line, separated by spaces, also work)."""
    return frozenset(word for line in _lines(f"{name}.txt") for word in line.split())


@cache
def load_phrases(name: str) -> tuple[str, ...]:
    """The entries of `<name>.txt`, one per line (an entry may hold spaces), in file order."""
    return tuple(line.strip() for line in _lines(f"{name}.txt"))


@cache
def load_table(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of `<name>.tsv`: tab-separated columns, one row per line."""
    return tuple(tuple(cell.strip() for cell in line.split("\t")) for line in _lines(f"{name}.tsv"))


@cache
def load_records(name: str) -> dict:
    """The TOML document `<name>.toml` (rule tables: named rows with patterns and examples)."""
    path = resources.files(__package__).joinpath(f"{name}.toml")
    if not path.is_file():
        raise FileNotFoundError(f"no data file named {name + '.toml'!r} in bot/news/lexicon")
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"bot/news/lexicon/{name}.toml: {exc}") from exc
