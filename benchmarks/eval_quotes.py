"""In-process quote evaluator: the scorer's quote metric on labelled sets, with the misses printed.

.venv/bin/python benchmarks/eval_quotes.py ../shared/eval/dev/quotes.jsonl [--misses N] [--limit N]
.venv/bin/python benchmarks/eval_quotes.py --quick   # the first 30 train articles, seconds

Prints the scorer's quote metrics and the seconds spent in segmentation plus quote extraction.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _common import require_eval  # noqa: E402

SCORER = require_eval(quick="--quick" in sys.argv[1:])

import score  # noqa: E402

from bot.news.articles import parse_article  # noqa: E402
from bot.news.quotes import extract_quotes  # noqa: E402
from bot.news.sentences import split_sentences  # noqa: E402


def predict(rows: list[dict]) -> tuple[dict[str, dict], float, float]:
    """The project's quotes for every row, and the wall and CPU seconds of segmentation plus quote extraction.

    CPU seconds hold on a shared machine, where the wall clock also counts other processes' turns.
    """
    out = {}
    spent = cpu = 0.0
    for r in rows:
        article = parse_article(r["text"], f"{r['id']}.txt")
        t0, c0 = time.perf_counter(), time.process_time()
        quotes = extract_quotes(article, split_sentences(article))
        spent += time.perf_counter() - t0
        cpu += time.process_time() - c0
        out[r["id"]] = {"quotes": [q.to_dict() for q in quotes]}
    return out, spent, cpu


def name_only(rows: list[dict], outs: dict[str, dict]) -> float:
    """Attributed F1 with the gold key from the speaker's name only (before any appositive or party tag)."""
    head = re.compile(r"\s*(?:,|\().*$", re.S)
    patched = [
        {
            **r,
            "quotes": [
                {**q, "speaker_name": head.sub("", q.get("speaker_name") or q.get("speaker") or "")}
                for q in r["quotes"]
            ],
        }
        for r in rows
    ]
    return score.score_quotes(patched, outs)["attributed_f1"]


def misses(rows: list[dict], outs: dict[str, dict], limit: int, show_context: bool = False) -> None:
    """Print unmatched gold quotes, false positives and wrong speakers."""
    shown = 0
    for r in rows:
        gold = [q for q in r["quotes"] if len(score.tokens(q["text"])) >= 5]
        pred = [q for q in outs[r["id"]]["quotes"] if len(score.tokens(q["text"])) >= 5]
        used: dict[int, dict] = {}
        lines = []
        for p in pred:
            best, bi = 0.0, None
            for i, g in enumerate(gold):
                if i in used:
                    continue
                f = score.overlap_f1(p["text"], g["text"])
                if f > best:
                    best, bi = f, i
            if bi is not None and best >= 0.6:
                used[bi] = p
                g = gold[bi]
                key = score.speaker_key(g.get("speaker_name") or g.get("speaker"))
                # the scorer's comparison (possessives stripped, any script): a miss listed is one it counts
                if key is not None and not score.speaker_matches(key, p.get("speaker") or ""):
                    ctx = ""
                    if show_context:
                        t = r["text"]
                        at = t.find(p["text"])
                        ctx = (
                            "\n      << "
                            + t[max(0, at - 160) : at].replace("\n", " / ")
                            + " >> "
                            + t[at + len(p["text"]) : at + len(p["text"]) + 120].replace("\n", " / ")
                        )
                    lines.append(
                        f"  SPK gold={g.get('speaker_name') or g.get('speaker')!r} pred={p['speaker']!r} :: "
                        f"{p['text'][:90]!r}{ctx}"
                    )
            else:
                lines.append(f"  FP  [{p['speaker']}] {p['text'][:120]!r}")
        for i, g in enumerate(gold):
            if i not in used:
                lines.append(f"  FN  [{g.get('speaker_name')}] {g['text'][:120]!r}")
        if lines:
            print(f"== {r['id']}")
            print("\n".join(lines))
            shown += 1
            if shown >= limit:
                return


def main() -> None:
    """Score the given sets and print the misses."""
    ap = argparse.ArgumentParser()
    ap.add_argument("data", nargs="*", default=[str(SCORER / "train" / "quotes.jsonl")])
    ap.add_argument("--quick", action="store_true", help="the first 30 articles of each set")
    ap.add_argument("--misses", type=int, default=0)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--skip", type=int, default=0)
    ap.add_argument("--context", action="store_true")
    ap.add_argument(
        "--name-only", action="store_true", help="judge speakers by the gold name without appositive"
    )
    ap.add_argument("--only", default="", help="show only these kinds: SPK, FP, FN")
    a = ap.parse_args()
    if a.quick:
        a.limit = a.limit or 30
    for path in a.data:
        rows = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
        rows = rows[a.skip :]
        if a.limit:
            rows = rows[: a.limit]
        outs, spent, cpu = predict(rows)
        res = score.score_quotes(rows, outs)
        res["name_only_attributed_f1"] = name_only(rows, outs)
        joined = {
            k: {
                "quotes": [
                    {**q, "speaker": ", ".join(x for x in (q["speaker"], q["role"]) if x) or None}
                    for q in v["quotes"]
                ]
            }
            for k, v in outs.items()
        }
        res["speaker_plus_role_attributed_f1"] = score.score_quotes(rows, joined)["attributed_f1"]
        print(
            Path(path).parent.name + "/" + Path(path).name, json.dumps(res), f"{spent:.2f}s (cpu {cpu:.2f}s)"
        )
        if a.misses:
            if a.name_only:
                head = re.compile(r"\s*(?:,|\().*$", re.S)
                rows = [
                    {
                        **r,
                        "quotes": [
                            {
                                **q,
                                "speaker_name": head.sub("", q.get("speaker_name") or q.get("speaker") or ""),
                            }
                            for q in r["quotes"]
                        ],
                    }
                    for r in rows
                ]
            misses(rows, outs, a.misses, a.context)


if __name__ == "__main__":
    main()
