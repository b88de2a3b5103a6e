"""Word lists and rule tables kept as data files in this package, with one loader."""

from __future__ import annotations

import logging
from functools import cache
from importlib import resources

log = logging.getLogger(__name__)


def _lines(name: str) -> list[str]:
    """The meaningful lines of data file `name`: blank lines and `#` comments left out."""
    raw = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    return [line for line in raw.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@cache
def load_words(name: str) -> frozenset[str]:
    """The words of `<name>.txt`, one entry per line (several per line, separated by spaces, also work)."""
    return frozenset(word for line in _lines(f"{name}.txt") for word in line.split())


@cache
def load_table(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of `<name>.tsv`: tab-separated columns, one row per line."""
    return tuple(tuple(cell.strip() for cell in line.split("\t")) for line in _lines(f"{name}.tsv"))
