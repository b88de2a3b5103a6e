"""Named steps: a long decision written as a table of small rules tried in order.

Each row of a step table names a rule and points to a function of the shared state. The function returns
None to let the next row decide, `SKIP` to drop the current item (a chunk of a clause, a word), or
`Decided(value)` to end the decision with that value. A newcomer adds a rule by adding a row (and its
function) where it belongs in the order, with made-up cases: what the decision must give when the row
fires (`speaker`) and the reading it must avoid (`not_speaker`). The tests are generated from the rows
(tests/news/test_steps.py): every case runs through the real decision, and a case marked `fires`
must be decided or skipped by its own row (`traced` records which rows did).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Generic, TypeVar

State = TypeVar("State")
Value = TypeVar("Value")


class _Skip:
    """The outcome of a step that drops the current item and moves on to the next one."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "SKIP"


SKIP = _Skip()


@dataclass(frozen=True)
class Decided(Generic[Value]):
    """The outcome of a step that ends the decision with `value` (which may be None: "nobody")."""

    value: Value


Outcome = Decided | _Skip | None


@dataclass(frozen=True)
class Case:
    """A made-up input of a step table's decision, the speaker it must give (None: nobody) and one it
    must not; `known` are the surnames the article names; `fires`: the row itself decides or skips."""

    given: str
    speaker: str | None
    not_speaker: str | None = None
    known: tuple[str, ...] = ()
    fires: bool = True


@dataclass(frozen=True)
class Step(Generic[State]):
    """One named rule of a step table: `run(state)` returns None (next row), SKIP or Decided(value)."""

    name: str
    run: Callable[[State], Outcome]
    cases: tuple[Case, ...] = ()


_trace: list[str] | None = None  # the rows that decided or skipped, while `traced` is active


@contextmanager
def traced() -> Iterator[list[str]]:
    """Record the names of the rows that decide or skip while the block runs (for the tests)."""
    global _trace
    previous, _trace = _trace, []
    try:
        yield _trace
    finally:
        _trace = previous


def run_steps(steps: Sequence[Step[State]], state: State) -> Outcome:
    """The outcome of the first row that decides or skips, or None when every row lets the next decide."""
    for step in steps:
        outcome = step.run(state)
        if outcome is not None:
            if _trace is not None:
                _trace.append(step.name)
            return outcome
    return None
