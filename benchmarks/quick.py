"""Run every benchmark's quick mode (`--quick`: small N, seconds) and fail if any of them fails.

    .venv/bin/python benchmarks/quick.py [--timeout 300] [NAME ...]

`.ci/run` calls this after the tests. A script that needs data this machine does not have (the shared
scorer) exits with status 3 and is listed as skipped with its reason; any other non-zero status, a timeout
or a missing `--quick` mode fails the run.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # _common beside this script (pysbd installs a package named "benchmarks")

from _common import ROOT, SKIPPED  # noqa: E402

NOT_BENCHMARKS = {"_common.py", "quick.py", "__init__.py"}


def scripts(names: list[str]) -> list[Path]:
    """The benchmark scripts to run: the named ones, or every script in benchmarks/."""
    found = sorted(p for p in HERE.glob("*.py") if p.name not in NOT_BENCHMARKS)
    if names:
        found = [p for p in found if p.stem in names or p.name in names]
    return found


def run(script: Path, timeout: float) -> tuple[str, float, str]:
    """Run one quick mode: its outcome (ok, skipped, failed), the seconds taken, its last output line."""
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, str(script), "--quick"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return "failed", time.perf_counter() - started, f"timed out after {timeout:.0f} s"
    seconds = time.perf_counter() - started
    output = (done.stdout + done.stderr).strip().splitlines()
    last = output[-1] if output else ""
    if done.returncode == 0:
        return "ok", seconds, last
    if done.returncode == SKIPPED:
        return "skipped", seconds, last
    print(f"--- {script.name} exited {done.returncode}:\n{done.stdout}{done.stderr}", file=sys.stderr)
    return "failed", seconds, last


def main() -> int:
    """Run the quick modes and print one line per script."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="only these scripts (e.g. bench_commands)")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds allowed per script")
    args = parser.parse_args()
    outcomes = []
    for script in scripts(args.names):
        outcome, seconds, last = run(script, args.timeout)
        outcomes.append(outcome)
        print(f"{outcome:8} {seconds:6.1f} s  {script.name:24} {last[:100]}", flush=True)
    failed = outcomes.count("failed")
    print(f"quick modes: {outcomes.count('ok')} ok, {outcomes.count('skipped')} skipped, {failed} failed")
    return 1 if failed or not outcomes else 0


if __name__ == "__main__":
    raise SystemExit(main())
