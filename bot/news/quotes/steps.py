"""Named steps: a long decision written as a table of small rules tried in order.

Each row of a step table names a rule and points to a function of the shared state. The function returns
None to let the next row decide, `SKIP` to drop the current item (a chunk of a clause, a word), or
`Decided(value)` to end the decision with that value. A newcomer adds a rule by adding a row (and its
function) where it belongs in the order; the rows' names show in the tests and in a debugger.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
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
class Step(Generic[State]):
    """One named rule of a step table: `run(state)` returns None (next row), SKIP or Decided(value)."""

    name: str
    run: Callable[[State], Outcome]


def run_steps(steps: Sequence[Step[State]], state: State) -> Outcome:
    """The outcome of the first row that decides or skips, or None when every row lets the next decide."""
    for step in steps:
        outcome = step.run(state)
        if outcome is not None:
            return outcome
    return None
