"""Cron expressions and time zones: validation and DST-safe fire times.

Fire times are computed on the wall clock of the subscription's time zone and then mapped to instants:
a wall time that occurs twice (autumn) fires once, at its first occurrence; a wall time that does not
exist (spring) fires at the moment the clocks jump. APScheduler's own CronTrigger fires twice on the
autumn day for a time inside the repeated hour, so the scheduler uses `WallClockCronTrigger` instead.
Expressions follow crontab: weekdays 0-7 with 0 and 7 Sunday (APScheduler 3 counts from Monday), and
with both day fields restricted either one fires. apscheduler is imported lazily (`bot.config` stays cheap).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

_ONE_SECOND = timedelta(seconds=1)
_LOOKBACK = (
    timedelta(minutes=2),
    timedelta(hours=1),
    timedelta(days=1),
    timedelta(days=8),
    timedelta(days=32),
    timedelta(days=370),
    timedelta(days=3000),
)


def parse_timezone(name: str) -> ZoneInfo:
    """The IANA time zone called `name`; ValueError with a readable message when there is none."""
    if not isinstance(name, str) or not name.strip():
        raise ValueError("a time zone name is required, e.g. 'Europe/Berlin' or 'UTC'")
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise ValueError(f"'{name}' is not a known IANA time zone (e.g. 'Europe/Berlin', 'UTC')") from exc


@lru_cache(maxsize=1)
def timezone_names() -> tuple[str, ...]:
    """Every IANA time zone name, sorted."""
    return tuple(sorted(available_timezones()))


_DAY_NAMES = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")  # crontab numbering: 0 (and 7) is Sunday


def _day_number(token: str) -> int:
    token = token.strip().lower()
    if token[:3] in _DAY_NAMES and token.isalpha():
        return _DAY_NAMES.index(token[:3])
    if token.isdigit() and 0 <= int(token) <= 7:
        return int(token) % 7
    raise ValueError(f"day of week {token!r} is not 0-7 or sun-sat")


def _weekdays(field: str) -> str:
    """A crontab day-of-week field in APScheduler's terms (its 3.x numbers start at Monday; names agree)."""
    days: set[int] = set()
    for part in field.split(","):
        base, _, step_text = part.partition("/")
        step = 1
        if step_text:
            if not step_text.isdigit() or int(step_text) < 1:
                raise ValueError(f"day of week step {step_text!r} is not a positive number")
            step = int(step_text)
        if base == "*":
            first, last = 0, 6
        elif "-" in base:
            low, high = base.split("-", 1)
            first, last = _day_number(low), _day_number(high)
            if high.strip() == "7":
                last = 7
            if last < first:
                raise ValueError(f"day of week range {base!r} runs backwards")
        else:
            first = last = _day_number(base)
            if step_text:
                last = 6
        days.update(d % 7 for d in range(first, last + 1, step))
    if days == set(range(7)):
        return "*"
    return ",".join(_DAY_NAMES[d] for d in sorted(days))


@lru_cache(maxsize=256)
def _wall_trigger(expr: str) -> Any:
    from apscheduler.triggers.cron import CronTrigger

    fields = expr.split()
    if len(fields) != 5:
        raise ValueError(f"Wrong number of fields; got {len(fields)}, expected 5")
    minute, hour, day, month, weekday = fields
    # The trigger runs in UTC on naive wall-clock values; zoneinfo maps them to instants afterwards.
    days = _weekdays(weekday)
    if day.startswith("*") or weekday.startswith("*"):
        return CronTrigger(minute=minute, hour=hour, day=day, month=month, day_of_week=days, timezone=UTC)
    # crontab: with both day fields restricted, a day matching either one fires (APScheduler wants both).
    return _EitherTrigger(
        CronTrigger(minute=minute, hour=hour, day=day, month=month, timezone=UTC),
        CronTrigger(minute=minute, hour=hour, month=month, day_of_week=days, timezone=UTC),
    )


class _EitherTrigger:
    """Fires when either of two triggers fires."""

    def __init__(self, first: Any, second: Any) -> None:
        self.triggers = (first, second)

    def get_next_fire_time(self, previous: datetime | None, now: datetime) -> datetime | None:
        """The earlier of the two next fire times."""
        times = [
            t for t in (trig.get_next_fire_time(previous, now) for trig in self.triggers) if t is not None
        ]
        return min(times) if times else None


def check_cron(expr: str) -> None:
    """Raise ValueError with the parser's reason when `expr` is not a 5-field cron expression."""
    if not isinstance(expr, str) or not expr.strip():
        raise ValueError("a cron expression is required, e.g. '0 8 * * *'")
    normal = normalise_cron(expr)
    try:
        _wall_trigger(normal)
    except (ValueError, TypeError, KeyError) as exc:
        raise ValueError(str(exc) or exc.__class__.__name__) from exc
    if not _fires(normal):
        raise ValueError(
            f"'{normal}' never fires (no such date, e.g. 31 February); pick a day that the chosen months have"
        )


# Every date a 5-field cron can name occurs within 28 years from 2000 (the Gregorian weekday cycle, 2000
# a leap year); a schedule with no fire time in that span has none at all.
_PROBE_START = datetime(2000, 1, 1, tzinfo=UTC)
_PROBE_END = datetime(2028, 1, 1, tzinfo=UTC)


@lru_cache(maxsize=256)
def _fires(expr: str) -> bool:
    """Whether the expression has a fire time at all (checked once per expression: it may cost 0.3 s)."""
    found = _wall_trigger(expr).get_next_fire_time(None, _PROBE_START)
    return found is not None and found < _PROBE_END


def normalise_cron(expr: str) -> str:
    """The expression with single spaces between fields."""
    return " ".join(expr.split())


def _local_wall(instant: datetime, tz: tzinfo) -> datetime:
    return instant.astimezone(tz).replace(tzinfo=None)


def wall_to_instant(wall: datetime, tz: tzinfo) -> datetime:
    """The UTC instant of a naive wall time: first occurrence if repeated, the jump if skipped."""
    first = wall.replace(tzinfo=tz, fold=0).astimezone(UTC)
    if _local_wall(first, tz) == wall:
        return first
    # The wall time falls in a spring-forward gap: find the instant the clocks jump.
    low = int(wall.replace(tzinfo=tz, fold=1).astimezone(UTC).timestamp())
    high = int(first.timestamp())
    if low > high:
        low, high = high, low
    while high - low > 1:
        mid = (low + high) // 2
        if _local_wall(datetime.fromtimestamp(mid, UTC), tz) >= wall:
            high = mid
        else:
            low = mid
    return datetime.fromtimestamp(high, UTC)


def next_fire_time(expr: str, tz: tzinfo, after: datetime) -> datetime | None:
    """The first fire time strictly after the instant `after` (UTC), or None if the schedule ends."""
    normal = normalise_cron(expr)
    if not _fires(normal):  # a stored schedule from before the check: never search years for nothing
        return None
    trigger = _wall_trigger(normal)
    cursor = _local_wall(after, tz).replace(tzinfo=UTC)
    for _ in range(100_000):
        candidate = trigger.get_next_fire_time(None, cursor)
        if candidate is None:
            return None
        instant = wall_to_instant(candidate.replace(tzinfo=None), tz)
        if instant > after:
            return instant
        cursor = candidate + _ONE_SECOND
    return None  # pragma: no cover - a cron expression fires at least every year


def latest_fire_time(expr: str, tz: tzinfo, at: datetime) -> datetime | None:
    """The last fire time at or before the instant `at` (UTC), or None if there is none in ~8 years."""
    for back in _LOOKBACK:
        found = next_fire_time(expr, tz, at - back)
        if found is None or found > at:
            continue
        while True:
            following = next_fire_time(expr, tz, found)
            if following is None or following > at:
                return found
            found = following
    return None


def fire_times(expr: str, tz: tzinfo, start: datetime, end: datetime) -> list[datetime]:
    """Every fire time in (start, end]."""
    result: list[datetime] = []
    current = next_fire_time(expr, tz, start)
    while current is not None and current <= end:
        result.append(current)
        current = next_fire_time(expr, tz, current)
    return result


def make_trigger(expr: str, tz: tzinfo) -> Any:
    """An APScheduler trigger firing at the DST-safe fire times of `expr` in `tz`."""
    from apscheduler.triggers.base import BaseTrigger

    class WallClockCronTrigger(BaseTrigger):
        """APScheduler trigger over `next_fire_time` (one fire per wall-clock time, DST-safe)."""

        def __init__(self) -> None:
            self.expr = normalise_cron(expr)
            self.tz = tz

        def get_next_fire_time(self, previous_fire_time: datetime | None, now: datetime) -> datetime | None:
            """The next fire time after the previous one (or at/after now for the first)."""
            if previous_fire_time is None:
                return next_fire_time(self.expr, self.tz, now - timedelta(microseconds=1))
            return next_fire_time(self.expr, self.tz, previous_fire_time)

        def __str__(self) -> str:
            return f"cron[{self.expr} {self.tz}]"

    return WallClockCronTrigger()
