"""Word lists as data files: `load_words("name")` reads this folder's `name.txt` (one entry a line)."""

from __future__ import annotations

import functools
import logging
from importlib import resources

log = logging.getLogger(__name__)


@functools.cache
def load_words(name: str) -> tuple[str, ...]:
    """The entries of the word list `name`, in file order, without blank lines and comments."""
    path = resources.files(__name__).joinpath(f"{name}.txt")
    if not path.is_file():
        raise KeyError(f"no word list named {name!r} in bot/news/lexicon")
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            entries.append(entry)
    return tuple(entries)
