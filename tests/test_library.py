"""The article library: analyse once, re-analyse when a file changes, new files become new articles."""

from __future__ import annotations

import hashlib
import os
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

from bot import library as library_module
from bot.leases import AnalysisClaims
from bot.library import ArticleLibrary
from bot.sources.state import FeedState
from bot.store import Store
from tests.service_support import SEED_ID, copy_seeds


def analysed_at(store: Store, article_id: str) -> str:
    return store._query("SELECT analysed_at || content_hash FROM articles WHERE id = ?", (article_id,))[0][0]


def test_scan_analyses_once_and_again_only_when_content_changes(tmp_path: Path) -> None:
    folder = copy_seeds(tmp_path / "articles")
    store = Store(tmp_path / "bot.db")
    library = ArticleLibrary(store, folder, points=3)
    first = library.scan()
    assert (first.added, first.unchanged) == (1, 0)
    stamp = analysed_at(store, SEED_ID)
    assert 1 <= len(store.analysis(SEED_ID)["key_points"]) <= 3

    assert library.scan().unchanged == 1
    seed = folder / f"{SEED_ID}.txt"
    os.utime(seed, ns=(1, 1))  # touched, same content: not re-analysed
    assert library.scan().unchanged == 1
    assert analysed_at(store, SEED_ID) == stamp

    seed.write_text(seed.read_text() + "\n\nOfficials said 300 buses left the city on Friday.\n")
    result = library.scan()
    assert (result.updated, result.added) == (1, 0)
    assert analysed_at(store, SEED_ID) != stamp
    assert store.count_articles() == 1
    store.close()


def test_new_files_become_articles_and_broken_ones_are_skipped(tmp_path: Path) -> None:
    folder = copy_seeds(tmp_path / "articles")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (folder / "notes.md").write_text(
        "# Harvest festival\n\nThe town of Lviv said 2,000 visitors came on Sunday.\n"
    )
    store = Store(tmp_path / "bot.db")
    library = ArticleLibrary(store, folder, points=4)
    result = library.scan()
    assert (result.added, result.failed) == (2, 2)
    assert store.article("notes").title == "Harvest festival"
    (folder / "later.txt").write_text("2026-11-20 Kyiv — Trains ran again on Friday, officials said.\n")
    assert library.scan().added == 1
    assert store.newest_articles(1)[0].id == "later"
    store.close()


def test_same_stem_in_two_files_gets_two_ids(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "story.txt").write_text("First story. It is short.\n")
    (folder / "story.md").write_text("# Second\n\nAnother story entirely.\n")
    store = Store(tmp_path / "bot.db")
    ArticleLibrary(store, folder, points=2).scan()
    assert store.count_articles() == 2
    store.close()


def test_changing_the_point_count_reanalyses(tmp_path: Path) -> None:
    folder = copy_seeds(tmp_path / "articles")
    store = Store(tmp_path / "bot.db")
    ArticleLibrary(store, folder, points=2).scan()
    two = store.analysis(SEED_ID)["key_points"]
    assert 1 <= len(two) <= 2
    assert ArticleLibrary(store, folder, points=5).scan().updated == 1
    assert store.analysis_points(SEED_ID) == 5
    five = store.analysis(SEED_ID)["key_points"]
    assert len(two) < len(five) <= 5  # the summariser may stop early, never beyond the asked count
    store.close()


def test_briefing_with_other_points_is_computed_on_demand(tmp_path: Path) -> None:
    folder = copy_seeds(tmp_path / "articles")
    store = Store(tmp_path / "bot.db")
    library = ArticleLibrary(store, folder, points=4)
    library.scan()
    stored = library.briefing_data(SEED_ID)
    assert stored == store.analysis(SEED_ID)
    two = library.briefing_data(SEED_ID, 2)
    assert 1 <= len(two["key_points"]) <= 2 < len(stored["key_points"])
    assert library.briefing_data(SEED_ID, 2) is two  # cached
    assert two["date"] == "2022-03-29"  # the dateline survives re-parsing
    assert library.briefing_data("missing") is None
    store.close()


def test_missing_folder_is_not_fatal(tmp_path: Path) -> None:
    store = Store(tmp_path / "bot.db")
    assert ArticleLibrary(store, tmp_path / "nope", points=4).scan().added == 0
    store.close()


def test_html_and_utf16_files_in_the_folder_become_articles(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "page.htm").write_text(
        "<html><head><title>Ferry back after storm - Isle Post</title></head><body><article>"
        "<h1>Ferry back after storm</h1><p>The island ferry resumed its crossings on Wednesday, two days "
        "after a storm damaged the pier, the operator said.</p><p>Extra sailings will run at the weekend "
        "to clear the backlog of passengers and freight.</p></article></body></html>",
        encoding="utf-8",
    )
    notepad = "Market hall to reopen\r\n\r\nThe market hall will reopen in May, the council said."
    (folder / "notepad.txt").write_bytes(notepad.encode("utf-16"))
    store = Store(tmp_path / "bot.db")
    library = ArticleLibrary(store, folder, points=3)
    assert library.scan().added == 2
    page = store.analysis("page")
    assert page["title"] == "Ferry back after storm"
    assert page["key_points"][0].startswith("The island ferry resumed its crossings on Wednesday")
    assert store.analysis("notepad")["title"] == "Market hall to reopen"
    assert library.briefing_data("page", points=2)["key_points"][0].startswith("The island ferry resumed")
    store.close()


def _processes(location: str, folder: Path, lease: float) -> list[tuple[ArticleLibrary, Store, FeedState]]:
    """Libraries as three bot processes hold them: own connections and owner names, one folder and file."""
    result = []
    for index in range(3):
        store, state = Store(location), FeedState(location)
        library = ArticleLibrary(store, folder, points=3)
        library.claims = AnalysisClaims(state, f"proc-{index}", timedelta(seconds=lease))
        result.append((library, store, state))
    return result


def _story(index: int) -> str:
    return (
        f"Ferry line {index} reopens\n\nThe harbour authority said ferry line {index} would carry "
        f"{index * 100 + 40} passengers a day from Monday, after repairs that took {index + 2} weeks.\n"
    )


def test_processes_scanning_one_folder_at_once_analyse_each_file_once(
    tmp_path: Path, db_location: str, monkeypatch
) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for index in range(12):
        (folder / f"ferry{index:02d}.txt").write_text(_story(index))
    analysed: list[str] = []
    real = library_module.analyse_job

    def counting(job):
        analysed.append(job.source)
        time.sleep(0.02)  # a real analysis takes a while: the processes overlap
        return real(job)

    monkeypatch.setattr(library_module, "analyse_job", counting)
    processes = _processes(db_location, folder, lease=30)
    with ThreadPoolExecutor(3) as pool:
        results = list(pool.map(lambda p: p[0].scan(), processes))
    assert sorted(analysed) == sorted(p.name for p in folder.iterdir())  # each file once, by someone
    assert sum(r.added for r in results) == 12 and all(r.added + r.unchanged == 12 for r in results)
    for _, store, state in processes:
        assert store.count_articles() == 12  # every process sees all of them when its scan returns
        store.close()
        state.close()


def test_a_file_claimed_by_a_process_that_died_is_analysed_once_its_claim_lapses(
    tmp_path: Path, db_location: str
) -> None:
    folder = copy_seeds(tmp_path / "articles")
    processes = _processes(db_location, folder, lease=2)  # the ledger's times are whole seconds
    (alive, store, _), (dead, _, _), *_ = processes
    seed = folder / f"{SEED_ID}.txt"
    key = f"file:{seed.name}#{hashlib.sha256(seed.read_bytes()).hexdigest()}"
    assert dead.claims is not None and dead.claims.claim(key)  # then the process was killed
    started = time.monotonic()
    result = alive.scan()
    assert result.failed == 0 and store.count_articles() == 1
    assert 0.9 <= time.monotonic() - started < 10  # it waited for the lease (over 1 s left), not for ever
    for _, each_store, each_state in processes:
        each_state.close()
        each_store.close()
