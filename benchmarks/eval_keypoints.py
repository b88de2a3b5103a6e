"""In-process ROUGE of the key points beside Lead-3, for fast iteration (confirm with the official scorer).

    .venv/bin/python benchmarks/eval_keypoints.py [DATA.jsonl] [--limit N] [--offset N] [--points N]

Articles go through the project's own reader, segmenter and summariser; ROUGE is rouge-score's
(Porter stemmer), exactly as ../shared/eval/score.py computes it. Lead-3 uses pysbd like the scorer
and is cached next to the data in the temp directory. Confirm any result with benchmarks/score_dev.py.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _common import eval_dir, require_eval  # noqa: E402

from bot.news.articles import parse_article  # noqa: E402
from bot.news.keypoints import DEFAULT_COUNT, select_key_points  # noqa: E402
from bot.news.sentences import split_sentences  # noqa: E402

DEFAULT_DATA = (eval_dir() or ROOT.parent / "shared" / "eval") / "dev" / "summaries.jsonl"
KEYS = ("rouge1", "rouge2", "rougeLsum")


def load(path: Path, offset: int, limit: int | None) -> list[dict]:
    """Rows of a summaries file that carry highlights."""
    with path.open(encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    rows = [r for r in rows if r.get("highlights")][offset:]
    return rows[:limit] if limit else rows


def lead3(rows: list[dict]) -> list[list[str]]:
    """Lead-3 with pysbd, as the scorer does; cached by the ids of the rows."""
    key = hashlib.sha1("".join(r["id"] for r in rows).encode()).hexdigest()[:16]
    cache = Path(tempfile.gettempdir()) / f"lead3_{key}.json"
    if cache.exists():
        return json.loads(cache.read_text())
    import pysbd

    seg = pysbd.Segmenter(language="en", clean=False)
    out = []
    for r in rows:
        sents = [s.strip() for line in r["text"].splitlines() for s in seg.segment(line) if s.strip()]
        out.append(sents[:3])
    cache.write_text(json.dumps(out))
    return out


def rouge(pairs: list[tuple[list[str], list[str]]]) -> dict[str, float]:
    """Mean ROUGE F1 (x100) of (prediction, reference) sentence lists."""
    from rouge_score import rouge_scorer

    sc = rouge_scorer.RougeScorer(list(KEYS), use_stemmer=True)
    tot = dict.fromkeys(KEYS, 0.0)
    for pred, ref in pairs:
        s = sc.score("\n".join(ref), "\n".join(pred))
        for k in KEYS:
            tot[k] += s[k].fmeasure
    n = max(len(pairs), 1)
    return {k: round(100 * v / n, 2) for k, v in tot.items()}


def summarise(rows: list[dict], points: int) -> tuple[list[list[str]], float]:
    """The project's key points for every row, and the seconds spent on them."""
    t0 = time.perf_counter()
    out = []
    for r in rows:
        article = parse_article(r["text"], f"{r['id']}.txt", article_id=r["id"])
        out.append([s.text for s in select_key_points(article, split_sentences(article), points)])
    return out, time.perf_counter() - t0


def main() -> None:
    """Print the project's ROUGE beside Lead-3's on the chosen rows."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", nargs="?", default=str(DEFAULT_DATA))
    ap.add_argument("--limit", type=int)
    ap.add_argument("--offset", type=int, default=0)
    ap.add_argument("--points", type=int, default=DEFAULT_COUNT)
    ap.add_argument("--show", type=int, default=0, help="print the first N briefings")
    ap.add_argument("--quick", action="store_true", help="the first 20 summaries: seconds")
    a = ap.parse_args()
    path = Path(a.data)
    if a.quick:
        a.limit = 20
        if not path.exists():
            require_eval(True)  # the summaries and their highlights are the shared set's
    if not path.exists():
        sys.exit(f"eval_keypoints: no data file at {path} (is ../shared next to the repository?)")
    rows = load(path, a.offset, a.limit)
    ours, secs = summarise(rows, a.points)
    refs = [r["highlights"] for r in rows]
    project = rouge(list(zip(ours, refs, strict=False)))
    base = rouge(list(zip(lead3(rows), refs, strict=False)))
    words = sum(len(" ".join(p).split()) for p in ours) / max(len(ours), 1)
    npoints = sum(len(p) for p in ours) / max(len(ours), 1)
    print(f"articles: {len(rows)}  summariser seconds (incl. parsing): {secs:.2f}")
    print(f"project: {project}  words/briefing: {words:.1f}  points/briefing: {npoints:.2f}")
    print(f"lead3:   {base}")
    print("ratio:   " + json.dumps({k: round(project[k] / base[k], 3) for k in KEYS}))
    for p, r in list(zip(ours, rows, strict=False))[: a.show]:
        print("\n--", r["id"], "\n  " + "\n  ".join(p), "\n  REF: " + " | ".join(r["highlights"]))


if __name__ == "__main__":
    main()
