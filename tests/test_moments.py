from datetime import UTC, datetime, timedelta, timezone

import pytest

from bot.moments import parse_moment


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-01T08:00:00Z", datetime(2026, 3, 1, 8, tzinfo=UTC)),
        ("2026-03-01T08:00:00", datetime(2026, 3, 1, 8, tzinfo=UTC)),  # no offset: UTC
        ("2026-03-01T09:00:00+01:00", datetime(2026, 3, 1, 9, tzinfo=timezone(timedelta(hours=1)))),
        ("2026-03-01", datetime(2026, 3, 1, tzinfo=UTC)),
    ],
)
def test_iso_date_times_become_aware_moments(text: str, expected: datetime) -> None:
    moment = parse_moment(text)
    assert moment == expected and moment.tzinfo is not None


@pytest.mark.parametrize("value", [None, 1700000000, "", "yesterday", "2026-13-01T00:00:00Z"])
def test_anything_else_is_no_moment(value: object) -> None:
    assert parse_moment(value) is None
