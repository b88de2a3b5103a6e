"""What the benchmark scripts share: where the repository and the shared evaluation data are; quick-mode data.

Every script in benchmarks/ has a `--quick` mode (small N, seconds) that `benchmarks/quick.py` runs in
`.ci/run` after the tests, so a benchmark that no longer runs fails CI instead of rotting. Scripts that need
the shared scorer (`../shared/eval/score.py`, beside the repository or named by EVAL_DIR) say so and stop
cleanly in quick mode when it is not on the machine; the rest run on data kept in the repository.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SKIPPED = 3  # exit status of a quick run that cannot run on this machine (the runner reports it as skipped)
QUICK_ARTICLES = ROOT / "benchmarks" / "data" / "figures_real.jsonl"  # real article texts kept in the repo


def eval_dir() -> Path | None:
    """The shared evaluation folder (holding score.py): EVAL_DIR, else ../shared/eval beside the repo."""
    named = os.environ.get("EVAL_DIR")
    candidates = [Path(named)] if named else [p / "shared" / "eval" for p in ROOT.parents]
    return next((p for p in candidates if (p / "score.py").is_file()), None)


def require_eval(quick: bool) -> Path:
    """The shared evaluation folder, put on sys.path for `import score`; stops when it is missing."""
    found = eval_dir()
    if found is None:
        message = "the shared scorer is not on this machine (set EVAL_DIR to a folder holding score.py)"
        print(f"skipped: {message}" if quick else f"error: {message}", file=sys.stderr)
        raise SystemExit(SKIPPED if quick else 2)
    if str(found) not in sys.path:
        sys.path.insert(0, str(found))
    return found


def quick_rows(limit: int) -> list[dict]:
    """The first `limit` real articles kept in the repository, as rows with "id" and "text"."""
    with QUICK_ARTICLES.open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    return [{"id": r["id"], "text": r["text"]} for r in rows[:limit]]
