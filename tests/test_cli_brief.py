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
