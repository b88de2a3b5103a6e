"""Run the official scorer with baselines on every dev set and print one table of the numbers.

    .venv/bin/python benchmarks/score_dev.py [--markdown] [--limit N] [DATA.jsonl ...]

By default it scores every `../shared/eval/dev/*.jsonl` next to the repository (one scorer run per
file, so each set's speed is measured on its own): key-point ROUGE beside Lead-3, LexRank and
TextRank; quote F1 and attributed F1; figure F1 and qualifier accuracy; the project's whole-process
seconds beside sumy LexRank's, with the issue's acceptance targets checked. Needs the `eval` extra.
"""

from __future__ import annotations

import argparse
import json
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _common import require_eval  # noqa: E402

# ../shared/eval beside the checkout (or further up from a worktree), or EVAL_DIR.
EVAL = require_eval(quick="--quick" in sys.argv[1:])
SCORER = EVAL / "score.py"
DEV = EVAL / "dev"

ROUGE = (("rouge1", "ROUGE-1"), ("rouge2", "ROUGE-2"), ("rougeLsum", "ROUGE-Lsum"))
SYSTEMS = ("project", "lead3", "lexrank", "textrank")


def fail(message: str) -> None:
    """Stop with a clear message on stderr."""
    print(f"score_dev: {message}", file=sys.stderr)
    raise SystemExit(2)


def run_scorer(data: Path, cmd: str, limit: int | None) -> dict:
    """One run of score.py --baselines --json on one data file, from the repository root."""
    args = [sys.executable, str(SCORER), str(data), "--baselines", "--json", "--cmd", cmd]
    if limit:
        args += ["--limit", str(limit)]
    print(f"score_dev: scoring {data.name} ...", file=sys.stderr, flush=True)
    proc = subprocess.run(args, cwd=ROOT, capture_output=True, text=True)
    if proc.returncode:
        fail(f"score.py failed on {data.name}:\n{proc.stderr[-3000:]}")
    try:
        return json.loads(proc.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        fail(f"score.py printed no JSON for {data.name}:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
        raise


def check(ok: bool | None) -> str:
    return "" if ok is None else ("PASS" if ok else "FAIL")


def rows_for(name: str, res: dict) -> list[tuple[str, str, str, str, str, str, str]]:
    """Table rows (set, metric, project, lead3, lexrank, textrank, target) of one scorer result."""
    out = []
    part = res.get(name, {})
    summ = part.get("summaries")
    if summ:
        ratio = summ.get("ratio_to_lead3", {})
        for key, label in ROUGE:
            vals = [summ.get(s, {}).get(key) for s in SYSTEMS]
            r = ratio.get(key)
            target = f"ratio {r} >=1.0 {check(r is not None and r >= 1.0)}"
            out.append((name, label, *(str(v) if v is not None else "-" for v in vals), target))
        words = summ.get("project_words_per_briefing")
        # The length and speed targets are averages over a large set, not one article.
        large = summ.get("articles", 0) >= 100
        words_ok = check(words is not None and words <= 75) if large else "(target on large sets)"
        out.append((name, "words/briefing", str(words), "", "", "", f"<=75 {words_ok}"))
        out.append((name, "reference words", str(summ.get("reference_words_per_briefing")), "", "", "", ""))
    quotes = part.get("quotes")
    if quotes:
        for key in ("f1", "attributed_f1", "precision", "recall", "speaker_accuracy"):
            v = quotes.get(key)
            target = f">=0.85 {check(v is not None and v >= 0.85)}" if key == "attributed_f1" else ""
            out.append((name, f"quotes {key}", str(v), "", "", "", target))
    figures = part.get("figures")
    if figures:
        for key, bar in (("f1", 0.85), ("precision", None), ("recall", None), ("qualifier_accuracy", 0.9)):
            v = figures.get(key)
            target = f">={bar} {check(v is not None and v >= bar)}" if bar else ""
            out.append((name, f"figures {key}", str(v), "", "", "", target))
    speed = res.get("speed_ratio_lexrank_over_project")
    large = bool(summ) and summ.get("articles", 0) >= 100
    target = f">=2 {check(speed is not None and speed >= 2)}" if large else ""
    out.append(
        (
            name,
            "whole-process seconds",
            str(res.get("project_seconds")),
            "",
            str(res.get("lexrank_seconds")),
            "",
            "",
        )
    )
    out.append((name, "speed ratio lexrank/project", str(speed), "", "", "", target))
    return out


def render(rows: list[tuple[str, ...]], markdown: bool) -> str:
    """The rows as an aligned text table or a Markdown table."""
    head = ("set", "metric", "project", "lead3", "lexrank", "textrank", "target")
    if markdown:
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(r) + " |" for r in rows]
        return "\n".join(lines)
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    return "\n".join(fmt.format(*r).rstrip() for r in [head, *rows])


def main() -> None:
    """Score every dev set and print the table."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", nargs="*", help="data files (default: ../shared/eval/dev/*.jsonl)")
    ap.add_argument("--cmd", default=f"{shlex.quote(sys.executable)} -m bot brief --format jsonl")
    ap.add_argument("--limit", type=int, help="score only the first N articles of each file")
    ap.add_argument("--markdown", action="store_true", help="print a Markdown table (for README)")
    ap.add_argument("--json", action="store_true", help="also print the raw scorer results")
    ap.add_argument("--quick", action="store_true", help="the first 20 articles of each dev set")
    a = ap.parse_args()
    if a.quick:
        a.limit = 20
    # pages.jsonl is the web-page set of ../shared/eval/pages.py, not a score.py set
    files = [Path(p) for p in a.data] if a.data else sorted(set(DEV.glob("*.jsonl")) - {DEV / "pages.jsonl"})
    if not files:
        fail(f"no data files found in {DEV}")
    missing = [str(p) for p in files if not p.is_file()]
    if missing:
        fail("no such data file: " + ", ".join(missing))
    table: list[tuple[str, ...]] = []
    raw = {}
    for path in files:
        res = run_scorer(path.resolve(), a.cmd, a.limit)
        raw[path.stem] = res
        table += rows_for(path.stem, res)
    print(render(table, a.markdown))
    if a.json:
        print(json.dumps(raw, indent=1))


if __name__ == "__main__":
    main()
