"""`python -m bot brief`: the scorer's JSONL contract, rendered formats and bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def run_brief(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "brief", *args], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


def test_jsonl_prints_one_object_per_article_and_progress_on_stderr(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text((SEEDS / "000_58a705924de33721.txt").read_text())
    (tmp_path / "b.txt").write_text("(CNN)A short story. It has two sentences.")
    (tmp_path / "c.txt").write_bytes(b"")
    proc = run_brief("--format", "jsonl", str(tmp_path))
    assert proc.returncode == 0
    lines = proc.stdout.splitlines()
    assert len(lines) == 2
    rows = [json.loads(line) for line in lines]
    assert [Path(r["source"]).name for r in rows] == ["a.txt", "b.txt"]
    seed = rows[0]
    assert seed["date"] == "2022-03-29"
    assert set(seed) >= {"source", "title", "date", "key_points", "quotes", "figures"}
    assert all(isinstance(k, str) and k for k in seed["key_points"])
    assert "c.txt" in proc.stderr and "empty" in proc.stderr


def test_points_option_limits_key_points() -> None:
    proc = run_brief("--format", "json", "--points", "2", str(SEEDS))
    assert proc.returncode == 0
    assert len(json.loads(proc.stdout)["key_points"]) == 2


def test_markdown_format_renders_the_template() -> None:
    proc = run_brief("--format", "markdown", str(SEEDS))
    assert proc.returncode == 0
    assert proc.stdout.startswith("## ")
    assert "**Key points**" in proc.stdout
    assert "2022-03-29 · Istanbul/Kyiv" in proc.stdout


def test_missing_path_is_reported_not_crashed(tmp_path: Path) -> None:
    proc = run_brief(str(tmp_path / "nope"))
    assert proc.returncode == 2
    assert "no such file or directory" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_bad_points_value_is_a_usage_error() -> None:
    proc = run_brief("--points", "0", str(SEEDS))
    assert proc.returncode == 2
    assert "--points" in proc.stderr


def test_nothing_analysed_exits_non_zero_and_says_why(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02\x03\x04binary")
    proc = run_brief("--format", "jsonl", str(tmp_path))
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert "0 article(s) analysed, 2 skipped (" in proc.stderr
    assert "1 empty" in proc.stderr and "1 binary" in proc.stderr


def test_some_analysed_exits_zero_and_counts_the_skipped(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The mayor opened the new bridge on Monday, officials said.")
    (tmp_path / "b.txt").write_bytes(b"")
    proc = run_brief("--format", "jsonl", str(tmp_path))
    assert proc.returncode == 0
    assert "1 article(s) analysed, 1 skipped (1 empty)" in proc.stderr


def test_html_files_in_a_folder_are_briefed_with_url_author_site_and_text(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(
        "<html><head><title>Pier reopens after storm - Bay Times</title>"
        '<meta property="og:site_name" content="Bay Times"><meta name="author" content="Ola Berg">'
        '<link rel="canonical" href="https://baytimes.example.org/pier"></head><body><article>'
        "<h1>Pier reopens after storm</h1><p>The town pier reopened on Saturday after repairs to storm "
        "damage that cost $300,000, the harbour office said.</p><p>Fishing boats were back at their berths "
        "by the afternoon, and the cafe at the end of the pier was full.</p></article></body></html>",
        encoding="utf-8",
    )
    proc = run_brief("--format", "jsonl", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    row = json.loads(proc.stdout)
    assert row["title"] == "Pier reopens after storm"
    assert row["url"] == "https://baytimes.example.org/pier"
    assert (row["author"], row["site"]) == ("Ola Berg", "Bay Times")
    assert "The town pier reopened on Saturday after repairs" in row["text"]
    assert row["key_points"][0].startswith("The town pier reopened on Saturday")


def test_jobs_option_briefs_a_folder_over_workers_in_order(tmp_path: Path) -> None:
    seed = (SEEDS / "000_58a705924de33721.txt").read_text()
    for i in range(5):
        (tmp_path / f"{i}.txt").write_text(f"Headline {i}\n\n{seed}")
    proc = run_brief("--format", "jsonl", "--jobs", "2", str(tmp_path))
    assert proc.returncode == 0
    assert [json.loads(line)["title"] for line in proc.stdout.splitlines()] == [
        f"Headline {i}" for i in range(5)
    ]


def test_bad_jobs_value_is_a_usage_error() -> None:
    proc = run_brief("--jobs", "0", str(SEEDS))
    assert proc.returncode == 2
    assert "--jobs must be at least 1" in proc.stderr
