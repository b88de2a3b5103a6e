"""Several processes over one database: each digest and each feed poll is won by exactly one of them."""

from __future__ import annotations

import multiprocessing
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from datetime import timedelta

from bot.storage import Store
from tests.storage.claimers import START, claim_all

DIGESTS = 60
FEEDS = 40
PROCESSES = 4


def test_processes_racing_for_the_same_digests_win_each_once(db_location: str) -> None:
    Store(db_location).close()  # the schema is made once, before the race
    context = multiprocessing.get_context("spawn")  # fresh interpreters, as separate bot processes are
    with ProcessPoolExecutor(PROCESSES, mp_context=context) as pool:
        futures = [pool.submit(claim_all, db_location, f"p{i}", DIGESTS, FEEDS) for i in range(PROCESSES)]
        results = [f.result(timeout=120) for f in futures]
    digests = Counter(n for won, _ in results for n in won)
    polls = Counter(n for _, won in results for n in won)
    assert digests == Counter(range(DIGESTS))  # every digest claimed, none twice
    assert polls == Counter(range(FEEDS))
    store = Store(db_location)
    owners = {e.owner for e in store.ledger()}
    assert len(store.ledger()) == DIGESTS and owners <= {f"p{i}" for i in range(PROCESSES)}
    store.close()


def test_one_taker_of_a_lapsed_claim_among_threads(db_location: str) -> None:
    stores = [Store(db_location) for _ in range(6)]
    try:
        assert stores[0].claim_digest("slack", "C1", START, ["a"], 1, START, "dead", timedelta(minutes=1))
        later = START + timedelta(minutes=2)  # the first owner's lease has lapsed
        with ThreadPoolExecutor(len(stores)) as pool:
            wins = list(
                pool.map(
                    lambda pair: pair[1].take_over_digest("slack", "C1", START, f"t{pair[0]}", later),
                    enumerate(stores),
                )
            )
        assert wins.count(True) == 1
        entry = stores[0].ledger_entry("slack", "C1", START)
        assert entry.owner == f"t{wins.index(True)}" and entry.lease_until == later + timedelta(minutes=15)
        assert not stores[1].take_over_digest("slack", "C1", START, "late", later)  # the new lease holds
        assert stores[2].supersede_digest("slack", "C1", START, later) is False  # a live owner is posting
    finally:
        for store in stores:
            store.close()
