"""Briefing a folder over worker processes: the same output, in the same order, skips kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.brief_batch import (
    MAX_WORKERS,
    MIN_FILES_PER_WORKER,
    BriefOptions,
    brief_files,
    worker_count,
)

ROOT = Path(__file__).resolve().parents[1]
SEED = (ROOT / "seeds" / "000_58a705924de33721.txt").read_text()


def folder(tmp_path: Path, count: int) -> list[Path]:
    """`count` article files, each different, with an empty (unusable) one in the middle."""
    paths = []
    for i in range(count):
        path = tmp_path / f"{i:03d}.txt"
        body = "" if i == count // 2 else f"Story {i}\n\n{SEED}\n\nThe council met {i} times."
        path.write_text(body)
        paths.append(path)
    return paths


def test_workers_give_the_same_briefings_in_the_files_order_with_the_skip_kept(tmp_path: Path) -> None:
    paths = folder(tmp_path, 21)
    options = BriefOptions("jsonl")
    alone = list(brief_files(paths, options, workers=1))
    shared = list(brief_files(paths, options, workers=2))
    assert shared == alone
    skipped = [o for o in shared if o.skipped]
    assert len(skipped) == 1 and "010.txt" in skipped[0].skipped
    titles = [json.loads(o.output)["title"] for o in shared if o.output]
    assert titles == [f"Story {i}" for i in range(21) if i != 10]


def test_rendered_formats_work_in_workers_too(tmp_path: Path) -> None:
    paths = folder(tmp_path, 3)[:1]
    (outcome,) = brief_files(paths, BriefOptions("markdown"), workers=2)
    assert outcome.output.startswith("## Story 0")


@pytest.mark.parametrize(
    ("files", "jobs", "cores", "expected"),
    [
        (10, None, 2, 1),  # a small folder is briefed in this process: workers would cost more than they save
        (MIN_FILES_PER_WORKER * 2, None, 2, 2),
        (1000, None, 1, 1),
        (10_000, None, 64, MAX_WORKERS),
        (10, 4, 2, 4),  # asked for: honoured, even past the cores
        (3, 8, 2, 3),  # never more workers than files
    ],
)
def test_worker_count(files: int, jobs: int | None, cores: int, expected: int, monkeypatch) -> None:
    monkeypatch.setattr("bot.brief_batch.available_cores", lambda: cores)
    assert worker_count(files, jobs) == expected
