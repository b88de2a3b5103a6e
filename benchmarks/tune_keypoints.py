"""Fit the summariser's feature weights on a summaries file and grid-search its selection settings.

    .venv/bin/python benchmarks/tune_keypoints.py [DATA.jsonl] [--folds 2]

1. Every candidate sentence (bot.news.keypoints.candidates) is labelled with its unigram precision
   against the reference highlights (rouge-score tokens, Porter stemmer).
2. Ridge least squares fits WEIGHTS on those labels (printed, to paste into keypoints.py).
3. The selection settings (target words, word cap, minimum points) are grid-searched on exact ROUGE,
   computed here from cached tokens (same arithmetic as rouge-score), with a 2-fold check that
   the fitted weights transfer to articles they were not fitted on.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _common import eval_dir, require_eval  # noqa: E402
from rouge_score.rouge_scorer import lcs_ind  # noqa: E402
from rouge_score.tokenizers import DefaultTokenizer  # noqa: E402

from bot.news import keypoints as kp  # noqa: E402
from bot.news.articles import parse_article  # noqa: E402
from bot.news.sentences import split_sentences  # noqa: E402

_TOK = DefaultTokenizer(use_stemmer=True)


def toks(text: str) -> list[str]:
    return _TOK.tokenize(text)


class Item:
    """One article: its candidates, their rouge tokens and the reference's."""

    def __init__(self, row: dict) -> None:
        article = parse_article(row["text"], f"{row['id']}.txt", article_id=row["id"])
        self.cands = kp.candidates(article, split_sentences(article))
        self.ctoks = {c.index: toks(c.sentence.text) for c in self.cands}
        self.refs = [toks(h) for h in row["highlights"]]
        self.ref_all = [t for r in self.refs for t in r]
        self.ref1 = Counter(self.ref_all)
        self.ref2 = Counter(zip(self.ref_all, self.ref_all[1:], strict=False))
        self._lcs: dict[tuple[int, int], list[int]] = {}

    def label(self, c: kp.Candidate) -> float:
        t = self.ctoks[c.index]
        if not t:
            return 0.0
        return sum((Counter(t) & self.ref1).values()) / len(t)

    def lcs(self, r: int, c: int) -> list[int]:
        key = (r, c)
        if key not in self._lcs:
            self._lcs[key] = lcs_ind(self.refs[r], self.ctoks[c])
        return self._lcs[key]

    def rouge(self, chosen: list[int]) -> tuple[float, float, float]:
        pred = [t for c in chosen for t in self.ctoks[c]]
        if not pred or not self.ref_all:
            return 0.0, 0.0, 0.0
        f = []
        for n, ref in ((1, self.ref1), (2, self.ref2)):
            grams = Counter(pred) if n == 1 else Counter(zip(pred, pred[1:], strict=False))
            hit = sum((grams & ref).values())
            p, r = hit / max(sum(grams.values()), 1), hit / max(sum(ref.values()), 1)
            f.append(2 * p * r / (p + r) if hit else 0.0)
        cnt_r, cnt_c = Counter(self.ref_all), Counter(pred)
        hits = 0
        for ri, ref in enumerate(self.refs):
            union = sorted(set().union(*(self.lcs(ri, c) for c in chosen if self.ctoks[c])))
            for t in (ref[i] for i in union):
                if cnt_c[t] > 0 and cnt_r[t] > 0:
                    hits += 1
                    cnt_c[t] -= 1
                    cnt_r[t] -= 1
        p, r = hits / len(pred), hits / len(self.ref_all)
        f.append(2 * p * r / (p + r) if hits else 0.0)
        return f[0], f[1], f[2]


def fit(items: list[Item], names: list[str], ridge: float = 1.0) -> dict[str, float]:
    """Ridge least squares of label ~ features, weighted by sentence length (precision is per word)."""
    k = len(names)
    xtx = [[0.0] * k for _ in range(k)]
    xty = [0.0] * k
    for it in items:
        for c in it.cands:
            x = [c.features[kp.FEATURES.index(n)] for n in names]
            y = it.label(c)
            w = c.words
            for i in range(k):
                xi = x[i] * w
                xty[i] += xi * y
                row = xtx[i]
                for j in range(k):
                    row[j] += xi * x[j]
    for i in range(k):
        xtx[i][i] += ridge * (0 if names[i] == "bias" else 1)
    return dict(zip(names, solve(xtx, xty), strict=False))


def solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for col in range(n):
        piv = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[piv] = m[piv], m[col]
        if abs(m[col][col]) < 1e-12:
            continue
        for r in range(n):
            if r != col:
                f = m[r][col] / m[col][col]
                if f:
                    m[r] = [x - f * y for x, y in zip(m[r], m[col], strict=False)]
    return [m[i][n] / m[i][i] if abs(m[i][i]) > 1e-12 else 0.0 for i in range(n)]


def evaluate(items: list[Item], weights: dict[str, float], **settings) -> tuple[float, float, float, float]:
    """Mean R1, R2, RLsum (x100) and words per briefing of the selection on these items."""
    tot = [0.0, 0.0, 0.0]
    words = 0
    for it in items:
        chosen = kp.choose(it.cands, kp.DEFAULT_COUNT, weights, **settings)
        r = it.rouge([c.index for c in chosen])
        for i in range(3):
            tot[i] += r[i]
        words += sum(len(c.sentence.text.split()) for c in chosen)
    n = max(len(items), 1)
    return tuple(round(100 * t / n, 2) for t in tot) + (round(words / n, 1),)  # type: ignore[return-value]


LEAD3 = (28.31, 10.52, 25.14)  # the official scorer's Lead-3 on dev/summaries.jsonl


def objective(result: tuple[float, ...]) -> float:
    """Half the worst and half the mean ratio to Lead-3: all three must beat it."""
    ratios = [r / b for r, b in zip(result[:3], LEAD3, strict=False)]
    return 0.5 * min(ratios) + 0.5 * sum(ratios) / 3


def descend(items: list[Item], weights: dict[str, float], rounds: int, **settings) -> dict[str, float]:
    """Coordinate descent of the weights on the ROUGE objective."""
    weights = dict(weights)
    best = objective(evaluate(items, weights, **settings))
    step = {k: max(abs(v) * 0.5, 0.03) for k, v in weights.items()}
    for rnd in range(rounds):
        improved = False
        for k in weights:
            for direction in (1, -1):
                trial = dict(weights)
                trial[k] = weights[k] + direction * step[k]
                score = objective(evaluate(items, trial, **settings))
                if score > best + 1e-5:
                    best, weights, improved = score, trial, True
                    break
            else:
                step[k] *= 0.5
        print(f"round {rnd}: objective {best:.4f}", flush=True)
        if not improved:
            break
    return weights


def lead3_like(items: list[Item]) -> tuple[float, float, float]:
    """The first three candidates (our segmentation), as a sanity reference."""
    tot = [0.0, 0.0, 0.0]
    for it in items:
        r = it.rouge([c.index for c in it.cands[:3]])
        for i in range(3):
            tot[i] += r[i]
    n = max(len(items), 1)
    return tuple(round(100 * t / n, 2) for t in tot)  # type: ignore[return-value]


def main() -> None:
    """Fit, grid-search and print the result."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    default = (eval_dir() or ROOT.parent / "shared" / "eval") / "dev" / "summaries.jsonl"
    ap.add_argument("data", nargs="?", default=str(default))
    ap.add_argument("--limit", type=int)
    ap.add_argument("--ridge", type=float, default=1.0)
    ap.add_argument("--grid", action="store_true")
    ap.add_argument("--descent", type=int, default=0, help="rounds of coordinate descent on ROUGE")
    ap.add_argument("--fold", choices=["all", "A", "B"], default="all", help="descend on one half only")
    ap.add_argument("--from-current", action="store_true", help="descend from WEIGHTS, not the fit")
    ap.add_argument("--target", type=float, default=kp.TARGET_WORDS)
    ap.add_argument("--max-words", type=int, default=kp.MAX_WORDS)
    ap.add_argument("--min-points", type=int, default=kp.MIN_POINTS)
    ap.add_argument("--quick", action="store_true", help="fit on the first 40 summaries, no grid or descent")
    a = ap.parse_args()
    if a.quick:
        a.limit, a.grid, a.descent = 40, False, 0
        if not Path(a.data).exists():
            require_eval(True)  # the summaries and their highlights are the shared set's
    with open(a.data, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    rows = [r for r in rows if r.get("highlights")][: a.limit]
    items = [Item(r) for r in rows]
    names = list(kp.WEIGHTS)
    print("first-3 candidates:", lead3_like(items))
    print("current weights:   ", evaluate(items, kp.WEIGHTS))
    weights = fit(items, names, a.ridge)
    print("fitted weights:    ", evaluate(items, weights))
    print(json.dumps({k: round(v, 4) for k, v in weights.items()}, indent=1))
    half = len(items) // 2
    wa, wb = fit(items[:half], names, a.ridge), fit(items[half:], names, a.ridge)
    print("2-fold: fit A eval B", evaluate(items[half:], wa), " fit B eval A", evaluate(items[:half], wb))
    print("        full on B    ", evaluate(items[half:], weights))
    print("        full on A    ", evaluate(items[:half], weights))
    settings = {"target_words": a.target, "max_words": a.max_words, "min_points": a.min_points}
    if a.descent:
        train = {"all": items, "A": items[:half], "B": items[half:]}[a.fold]
        test = {"all": items, "A": items[half:], "B": items[:half]}[a.fold]
        start = dict(kp.WEIGHTS) if a.from_current else weights
        tuned = descend(train, start, a.descent, **settings)
        print(
            "descended on",
            a.fold,
            "train",
            evaluate(train, tuned, **settings),
            "test",
            evaluate(test, tuned, **settings),
        )
        print("start (not descended) on test", evaluate(test, start, **settings))
        print(json.dumps({k: round(v, 4) for k, v in tuned.items()}, indent=1))
    if a.grid:
        for tw, mw, rd in itertools.product((15, 20, 25, 30, 35), (50, 55, 65, 75), (0.4, 0.5, 0.6)):
            res = evaluate(items, kp.WEIGHTS, target_words=tw, max_words=mw, redundant=rd)
            print(tw, mw, rd, res, round(objective(res), 4), flush=True)


if __name__ == "__main__":
    main()
