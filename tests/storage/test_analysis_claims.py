"""Analysis claims between processes on one database (bot.storage.analysis_claims), on each backend."""

from __future__ import annotations

from datetime import timedelta

from bot.storage import Store
from tests.sources.support import NOW

LEASE = timedelta(seconds=30)


def test_an_analysis_claim_is_won_once_among_many_asking_at_once(db_location: str) -> None:
    states = [Store(db_location) for _ in range(4)]
    won = [
        s.claim_analysis("url:https://example.com/a#v1", f"proc-{i}", LEASE, NOW)
        for i, s in enumerate(states)
    ]
    assert won == [True, False, False, False]
    assert states[1].claim_analysis("url:https://example.com/a#v2", "proc-1", LEASE, NOW)  # a new version
    states[0].release_analysis("url:https://example.com/a#v1", "proc-0")
    assert states[2].claim_analysis("url:https://example.com/a#v1", "proc-2", LEASE, NOW)
    for s in states:
        s.close()


def test_a_lapsed_analysis_claim_is_taken_over_and_the_owner_may_renew(db_location: str) -> None:
    a, b = Store(db_location), Store(db_location)
    key = "file:ferry.txt#abc"
    assert a.claim_analysis(key, "proc-a", LEASE, NOW)
    assert a.claim_analysis(key, "proc-a", LEASE, NOW + timedelta(seconds=20))  # renewed to 50 s
    assert not b.claim_analysis(key, "proc-b", LEASE, NOW + timedelta(seconds=49))
    assert b.claim_analysis(key, "proc-b", LEASE, NOW + timedelta(seconds=50))  # its owner died
    a.release_analysis(key, "proc-a")  # no longer a's: nothing happens
    assert not a.claim_analysis(key, "proc-a", LEASE, NOW + timedelta(seconds=51))
    a.close()
    b.close()
