"""Key points on the dev summaries in two forms: as written, and one sentence per line in lower case.

    .venv/bin/python benchmarks/score_forms.py [--limit N] [--form lower|tokens ...]

The second form is how much web and wire text arrives (pysbd splits the sentences; each goes on its
own line in lower case; `tokens` also splits punctuation off the words, PTB style, `` '' quotes).
For each form it runs the official scorer (`../shared/eval/score.py`, the project's whole process)
and prints ROUGE-1/2/Lsum, Lead-3's, words per briefing and the longest key point (counted in
process on the same texts); then each form's ROUGE as a share of the normal form's (target: within
3%) and whether any briefing broke the budget (75 words on average, no key point over 55 words).
Needs the `eval` extra.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _common import require_eval  # noqa: E402

from bot.news.articles import parse_article  # noqa: E402
from bot.news.briefing import analyse  # noqa: E402
from bot.news.keypoints import BUDGET_WORDS as MAX_BRIEF_WORDS  # noqa: E402
from bot.news.keypoints import MAX_POINT_WORDS  # noqa: E402

SHARED = require_eval(quick="--quick" in sys.argv[1:])
SCORER = SHARED / "score.py"
DATA = SHARED / "dev" / "summaries.jsonl"
ROUGE = ("rouge1", "rouge2", "rougeLsum")
_PUNCT = re.compile(r"([.,!?;:()\[\]]|'s\b|n't\b)")


def lower_lines(text: str, segmenter) -> str:
    """One sentence per line, in lower case."""
    return "\n".join(s.strip().lower() for s in segmenter.segment(text) if s.strip())


def tokenised_lines(text: str, segmenter) -> str:
    """One sentence per line, lower case, punctuation split off and `` '' quotes (PTB style)."""
    lines = []
    for sentence in segmenter.segment(text):
        s = sentence.strip().lower()
        if not s:
            continue
        s = re.sub(r'"(?=\w)', "`` ", s)
        s = s.replace('"', " ''")
        s = _PUNCT.sub(r" \1 ", s)
        lines.append(" ".join(s.split()))
    return "\n".join(lines)


FORMS = {"normal": None, "lower": lower_lines, "tokens": tokenised_lines}


def score(path: Path, limit: int | None) -> dict:
    """The scorer's summaries result on one data file."""
    cmd = f"{sys.executable} -m bot brief --format jsonl"
    args = [sys.executable, str(SCORER), str(path), "--json", "--cmd", cmd]
    if limit:
        args += ["--limit", str(limit)]
    proc = subprocess.run(args, cwd=ROOT, capture_output=True, text=True)
    if proc.returncode:
        raise SystemExit(f"score.py failed on {path.name}:\n{proc.stderr[-2000:]}")
    # score.py --json prints the scores as one JSON object on its last line
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    return next(
        part["summaries"] for part in result.values() if isinstance(part, dict) and "summaries" in part
    )


def lengths(rows: list[dict]) -> tuple[float, int, int]:
    """Words per briefing, the longest key point and the most words in one briefing, in process."""
    total = longest = most = 0
    for row in rows:
        briefing = analyse(parse_article(row["text"], f"{row['id']}.txt"))
        counts = [len(p.split()) for p in briefing.key_points]
        total += sum(counts)
        longest = max([longest, *counts])
        most = max(most, sum(counts))
    return total / max(len(rows), 1), longest, most


def _triple(scores: dict) -> str:
    return "/".join(f"{scores[k]:.2f}" for k in ROUGE)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int)
    parser.add_argument("--form", action="append", choices=[f for f in FORMS if f != "normal"])
    parser.add_argument("--quick", action="store_true", help="the first 20 summaries")
    args = parser.parse_args()
    if args.quick:
        args.limit = 20
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False)
    rows = [json.loads(line) for line in open(DATA, encoding="utf-8")][: args.limit or None]
    results: dict[str, dict] = {}
    ok = True
    # pysbd takes minutes over the set: each transformed form is kept between runs.
    cache = Path(tempfile.gettempdir()) / "score_forms"
    cache.mkdir(exist_ok=True)
    for form in ["normal", *(args.form or ["lower"])]:
        transform = FORMS[form]
        path = cache / f"{form}-{len(rows)}.jsonl"
        if transform is None:
            data = rows
        elif path.exists():
            data = [json.loads(line) for line in open(path, encoding="utf-8")]
        else:
            data = [{**r, "text": transform(r["text"], segmenter)} for r in rows]
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in data), encoding="utf-8")
        res = score(path, None)
        per_brief, longest, most = lengths(data)
        results[form] = res
        project = res["project"]
        print(
            f"{form:7} ROUGE-1/2/Lsum {_triple(project)}  lead3 {_triple(res['lead3'])}"
            f"  words/briefing {res['project_words_per_briefing']} (in process {per_brief:.1f},"
            f" most {most})  longest point {longest} words"
        )
        ok &= longest <= MAX_POINT_WORDS and per_brief <= MAX_BRIEF_WORDS
        if form != "normal":
            base = results["normal"]["project"]
            shares = {k: project[k] / base[k] for k in ROUGE if base[k]}
            print(f"{form:7} share of normal: " + ", ".join(f"{k} {v:.3f}" for k, v in shares.items()))
            ok &= all(v >= 0.97 for v in shares.values())
    if args.quick:  # 20 articles are too few to judge a 3% share: the quick mode checks that it runs
        print("quick run: " + ("the form checks met" if ok else "short of the targets on 20 articles"))
        return 0
    print("all form checks met" if ok else "short of the targets")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
