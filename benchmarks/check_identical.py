"""Byte-identity check of the analysis output: write a reference once, then compare every later run to it.

    .venv/bin/python benchmarks/check_identical.py --write REF.tsv   # before a refactoring
    .venv/bin/python benchmarks/check_identical.py REF.tsv             # after each step: exit 1 if any differ
    .venv/bin/python benchmarks/check_identical.py --quick [REF.tsv]  # ~50 articles, seconds

The articles are the dev summaries, the dev quotes and the first 300 train quotes (../shared/eval), written as
DIR/<id>.txt and run through `python -m bot brief --format jsonl DIR`, the scorer's contract. Lines are keyed
by article id, so a quick run compares its articles against the full reference. Without a reference file
(`--quick` alone), it prints the run's size and seconds and exits 0.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]
# ../shared/eval next to the checkout, or the team's /work/shared/eval when the checkout is a worktree
EVAL = next(
    (p for p in (_ROOT.parent / "shared" / "eval", Path("/work/shared/eval")) if p.is_dir()),
    _ROOT.parent / "shared" / "eval",
)
SETS = (("dev/summaries.jsonl", None), ("dev/quotes.jsonl", None), ("train/quotes.jsonl", 300))
QUICK_PER_SET = 17  # ~50 articles over the three sets


def articles(quick: bool) -> dict[str, str]:
    """Article id -> text of the articles the check runs on."""
    chosen: dict[str, str] = {}
    for name, limit in SETS:
        rows = [json.loads(line) for line in (EVAL / name).open(encoding="utf-8") if line.strip()]
        for row in rows[: QUICK_PER_SET if quick else limit]:
            chosen[row["id"]] = row["text"]
    return chosen


def run_brief(texts: dict[str, str]) -> tuple[dict[str, str], float]:
    """Article id -> its output line (folder prefix taken out), and the run's seconds."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        for ident, text in texts.items():
            (folder / f"{ident}.txt").write_text(text, encoding="utf-8")
        started = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-m", "bot", "brief", "--format", "jsonl", str(folder)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        seconds = time.perf_counter() - started
    lines: dict[str, str] = {}
    prefix = f"{folder}/"
    for line in out.splitlines():
        ident = Path(json.loads(line)["source"]).stem
        lines[ident] = line.replace(prefix, "DIR/")
    return lines, seconds


def main() -> int:
    """Write or compare the reference; exit 1 when any article's output differs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reference", nargs="?", type=Path, help="the reference JSONL (id<TAB>line rows)")
    parser.add_argument("--write", action="store_true", help="write the reference instead of comparing")
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_PER_SET} articles of each set")
    args = parser.parse_args()
    lines, seconds = run_brief(articles(args.quick))
    print(f"{len(lines)} articles in {seconds:.1f}s")
    if args.reference is None:
        return 0
    if args.write:
        args.reference.write_text("".join(f"{k}\t{v}\n" for k, v in sorted(lines.items())), encoding="utf-8")
        print(f"reference written: {args.reference}")
        return 0
    reference = dict(row.split("\t", 1) for row in args.reference.read_text(encoding="utf-8").splitlines())
    differ = sorted(k for k, v in lines.items() if reference.get(k) != v)
    for ident in differ[:10]:
        print(f"differs: {ident}")
    print("identical" if not differ else f"{len(differ)} of {len(lines)} articles differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
