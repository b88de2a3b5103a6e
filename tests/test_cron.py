"""DST-safe fire times: a DST week in Europe/Berlin and America/New_York with explicit datetimes."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.cron import check_cron, fire_times, latest_fire_time, make_trigger, next_fire_time, parse_timezone

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")

# (zone, a Friday before the change, the day of the change, the wall-clock hour offset after it)
DST_WEEKS = [
    pytest.param(BERLIN, datetime(2026, 3, 27), date(2026, 3, 29), id="berlin-spring"),
    pytest.param(BERLIN, datetime(2026, 10, 23), date(2026, 10, 25), id="berlin-autumn"),
    pytest.param(NEW_YORK, datetime(2026, 3, 6), date(2026, 3, 8), id="new-york-spring"),
    pytest.param(NEW_YORK, datetime(2026, 10, 30), date(2026, 11, 1), id="new-york-autumn"),
]


def week(tz: ZoneInfo, start: datetime) -> tuple[datetime, datetime]:
    """Local midnight of the first day and of the eighth day, in UTC."""
    begin = start.replace(tzinfo=tz).astimezone(UTC)
    end = (start + timedelta(days=7)).replace(tzinfo=tz).astimezone(UTC)
    return begin, end - timedelta(seconds=1)


def is_spring(tz: ZoneInfo, change: date) -> bool:
    return tz.utcoffset(datetime(change.year, change.month, change.day, 12)) > tz.utcoffset(
        datetime(change.year, change.month, change.day) - timedelta(days=1)
    )


@pytest.mark.parametrize(("tz", "start", "change"), DST_WEEKS)
def test_daily_digest_fires_once_a_day_at_local_time_across_dst(
    tz: ZoneInfo, start: datetime, change: date
) -> None:
    begin, end = week(tz, start)
    times = fire_times("0 8 * * *", tz, begin, end)
    local = [t.astimezone(tz) for t in times]
    assert len(times) == 7
    assert [t.date() for t in local] == [start.date() + timedelta(days=i) for i in range(7)]
    assert all((t.hour, t.minute) == (8, 0) for t in local)
    offsets = {t.utcoffset() for t in local}
    assert len(offsets) == 2  # the week really crosses the change


@pytest.mark.parametrize(("tz", "start", "change"), DST_WEEKS)
def test_a_time_inside_the_changed_hour_neither_skips_nor_doubles(
    tz: ZoneInfo, start: datetime, change: date
) -> None:
    begin, end = week(tz, start)
    times = fire_times("30 2 * * *", tz, begin, end)
    local_dates = [t.astimezone(tz).date() for t in times]
    assert local_dates == [start.date() + timedelta(days=i) for i in range(7)]
    assert times == sorted(set(times))
    on_change_day = next(t.astimezone(tz) for t in times if t.astimezone(tz).date() == change)
    if is_spring(tz, change):
        # Spring: 02:30 does not exist; the digest goes out when the clocks jump to 03:00.
        assert (on_change_day.hour, on_change_day.minute) == (3, 0)
    else:
        # Autumn: 02:30 happens twice; only the first one fires.
        assert (on_change_day.hour, on_change_day.minute, on_change_day.fold) == (2, 30, 0)


@pytest.mark.parametrize(("tz", "start", "change"), DST_WEEKS)
def test_the_apscheduler_trigger_gives_the_same_times(tz: ZoneInfo, start: datetime, change: date) -> None:
    begin, end = week(tz, start)
    trigger = make_trigger("*/30 1-3 * * *", tz)
    produced = []
    previous = None
    now = begin
    while True:
        nxt = trigger.get_next_fire_time(previous, now)
        if nxt is None or nxt > end:
            break
        produced.append(nxt)
        previous = now = nxt
    assert produced == fire_times("*/30 1-3 * * *", tz, begin - timedelta(microseconds=1), end)
    assert produced == sorted(set(produced))
    per_day = {}
    for t in produced:
        per_day.setdefault(t.astimezone(tz).date(), []).append(t)
    assert len(per_day) == 7
    for day, slots in per_day.items():
        # Six wall-clock slots (01:00 ... 03:30); on the spring day two of them do not exist.
        assert len(slots) == (4 if day == change and is_spring(tz, change) else 6), (day, slots)


def test_latest_fire_time_looks_back_far_enough() -> None:
    at = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    assert latest_fire_time("0 8 * * *", BERLIN, at) == datetime(2026, 11, 25, 7, 0, tzinfo=UTC)
    assert latest_fire_time("0 10 * * *", BERLIN, at) == at  # exactly now counts
    assert latest_fire_time("0 11 * * *", BERLIN, at) == datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
    assert latest_fire_time("0 8 * * 1", BERLIN, at) == datetime(2026, 11, 23, 7, 0, tzinfo=UTC)
    assert latest_fire_time("0 0 29 2 *", UTC, at) == datetime(2024, 2, 29, tzinfo=UTC)
    assert latest_fire_time("*/5 * * * *", UTC, at) == at
    assert next_fire_time("*/5 * * * *", UTC, at) == at + timedelta(minutes=5)


@pytest.mark.parametrize("expr", ["0 25 * * *", "0 8 * *", "61 * * * *", "", "every day", "0 8 * * mon-xyz"])
def test_bad_cron_expressions_are_refused(expr: str) -> None:
    with pytest.raises(ValueError):
        check_cron(expr)


def test_time_zone_names() -> None:
    assert parse_timezone("Europe/Berlin") == BERLIN
    for bad in ["", "Europe/Berlinn", "../etc/passwd", "Mars/Base"]:
        with pytest.raises(ValueError, match="time zone"):
            parse_timezone(bad)


@pytest.mark.parametrize(
    ("expr", "days"),
    [
        ("0 8 * * 1-5", ["Mon", "Tue", "Wed", "Thu", "Fri"]),
        ("0 8 * * 0", ["Sun"]),
        ("0 8 * * 7", ["Sun"]),
        ("0 8 * * 1", ["Mon"]),
        ("0 8 * * sat,sun", ["Sat", "Sun"]),
        ("0 8 * * */2", ["Sun", "Tue", "Thu", "Sat"]),
        ("0 8 * * 5-7", ["Fri", "Sat", "Sun"]),
    ],
)
def test_weekdays_use_crontab_numbering_where_sunday_is_zero(expr: str, days: list[str]) -> None:
    # APScheduler 3.x alone would read "1-5" as Tuesday to Saturday.
    monday = datetime(2026, 11, 23, tzinfo=UTC)
    times = fire_times(
        expr, UTC, monday - timedelta(seconds=1), monday + timedelta(days=7) - timedelta(seconds=1)
    )
    assert sorted(t.strftime("%a") for t in times) == sorted(days)


def test_with_both_day_fields_set_either_day_fires_as_in_crontab() -> None:
    start = datetime(2026, 11, 1, tzinfo=UTC)
    times = fire_times("0 8 13 * 5", UTC, start, start + timedelta(days=30))
    days = [t.day for t in times]
    assert days == [6, 13, 20, 27]  # Fridays, plus Friday the 13th once (no double)
    times = fire_times("0 8 1 * 1", UTC, start, start + timedelta(days=30))
    assert [t.day for t in times] == [1, 2, 9, 16, 23, 30]  # the 1st (a Sunday) and every Monday


@pytest.mark.parametrize("expr", ["0 8 31 2 *", "0 8 30 2 *", "30 9 31 4,6,9,11 *"])
def test_a_schedule_that_never_fires_is_refused(expr: str) -> None:
    with pytest.raises(ValueError, match="never fires"):
        check_cron(expr)


@pytest.mark.parametrize("expr", ["0 8 29 2 *", "0 8 31 1-12/2 *", "0 8 31 2 mon"])
def test_rare_schedules_that_do_fire_are_accepted(expr: str) -> None:
    check_cron(expr)
    assert next_fire_time(expr, UTC, datetime(2026, 1, 1, tzinfo=UTC)) is not None


def test_a_stored_schedule_that_never_fires_costs_one_search_only() -> None:
    at = datetime(2026, 1, 1, tzinfo=UTC)
    assert next_fire_time("0 8 31 2 *", UTC, at) is None
    assert latest_fire_time("0 8 31 2 *", UTC, at) is None
    started = time.perf_counter()
    for _ in range(100):  # e.g. /schedule and every scheduler pass: answered from the cached check
        assert next_fire_time("0 8 31 2 *", UTC, at) is None
    assert time.perf_counter() - started < 1.0
