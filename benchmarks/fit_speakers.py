"""Fit the speaker ranker on the train quotes, report its k-fold score (by article) and store its weights.

.venv/bin/pip install -e ".[fit]"   # numpy and scipy, for fitting only
.venv/bin/python benchmarks/fit_speakers.py [/work/shared/eval/train/quotes.jsonl] [--folds 5] [--write]
.venv/bin/python benchmarks/fit_speakers.py --quick   # 60 articles, 2 folds, seconds; writes nothing

Every quote the rules find gets its candidates (bot/news/quotes/candidates.py); a candidate is right when
the scorer would accept the speaker it shows ("nobody named" when no candidate is). A conditional logit
(a softmax over each quote's candidates, L2 penalty 1/c) is fitted with scipy, here only; at run time
the quote's speaker is the candidate its weights score highest (bot/news/quotes/ranker.py, a dot product).
The cross-validated attributed F1 is the scorer's own metric over the held-out articles of each fold.
With --write, the model fitted on every article is written to bot/news/quotes/speaker_model.json.
It also prints the ceiling (how often the right speaker is among the candidates) and, per rule path,
how often the rules' pick, the held-out ranker and the best candidate are right.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _common import require_eval  # noqa: E402

SCORER = require_eval(quick="--quick" in sys.argv[1:])

import score  # noqa: E402

from bot.news.articles import parse_article  # noqa: E402
from bot.news.quotes.extract import speaker_candidates, with_speaker  # noqa: E402
from bot.news.quotes.ranker import MODEL_FILE, choose  # noqa: E402
from bot.news.sentences import split_sentences  # noqa: E402

NOBODY_WEIGHT = 0.0  # set by --nobody: learn "nobody named" from quotes none of whose candidates spoke
PRONOUNS = {"he", "she", "they", "it", "i", "we", "you", "him", "her", "them"}
MODEL_PATH = Path(__file__).resolve().parent.parent / "bot" / "news" / "quotes" / MODEL_FILE


def collect(rows: list[dict]) -> list[dict]:
    """Per article: its quotes, each with its candidates, their features and the label each would earn."""
    data = []
    for r in rows:
        article = parse_article(r["text"], f"{r['id']}.txt")
        found = speaker_candidates(article, split_sentences(article))
        gold = [q for q in r["quotes"] if len(score.tokens(q["text"])) >= 5]
        used: set[int] = set()
        quotes = []
        for quote, cands in found:
            key = None
            if len(score.tokens(quote.text)) >= 5:
                best, bi = 0.0, None
                for i, g in enumerate(gold):
                    if i not in used:
                        f = score.overlap_f1(quote.text, g["text"])
                        if f > best:
                            best, bi = f, i
                if bi is not None and best >= 0.6:
                    used.add(bi)
                    said_by = gold[bi].get("speaker_name") or gold[bi].get("speaker")
                    key = score.speaker_key(said_by)
                    if key is None and said_by and said_by.strip().lower() not in PRONOUNS:
                        key = ""  # "the memo", "a narrator": a description, matched by its head word
                        described = said_by
            shown = [with_speaker(quote, c).speaker_label for c in cands]
            if key:
                labels = [score.speaker_matches(key, s or "") for s in shown]
            elif key == "":
                head = set(score.tokens(described))
                labels = [bool(s and score.tokens(s)) and score.tokens(s)[-1] in head for s in shown]
            else:
                labels = [False] * len(cands)
            if key is not None and not any(labels):
                labels[-1] = True  # no candidate spoke: "nobody named" (the last candidate) is right
            quotes.append(
                {
                    "quote": quote.to_dict(),
                    "features": [c.features for c in cands],
                    "shown": shown,
                    "labels": labels,
                    "key": key,
                    "cands": cands,
                }
            )
        data.append({"row": r, "quotes": quotes})
    return data


def fit(data: list[dict], c: float):
    """A conditional logit (softmax over each quote's candidates) with an L2 penalty of 1/c.

    The likelihood of a quote is the probability the model gives its right candidates, so the weights
    learn to rank the candidates of one quote, not to score candidates across quotes.
    """
    import numpy as np
    from scipy.optimize import minimize
    from scipy.sparse import csr_matrix

    names = sorted({k for art in data for q in art["quotes"] for f in q["features"] for k in f})
    column = {n: i for i, n in enumerate(names)}
    rows, cols, vals, right, groups, weight = [], [], [], [], [], []
    n = 0
    for art in data:
        for q in art["quotes"]:
            if (
                q["key"] is None
                or all(q["labels"])
                or not any(q["labels"])
                or not NOBODY_WEIGHT
                and not any(q["labels"][:-1])
            ):
                continue
            first = n
            weight.append(1.0 if any(q["labels"][:-1]) else NOBODY_WEIGHT)
            for feats, label in zip(q["features"], q["labels"], strict=True):
                for k, v in feats.items():
                    rows.append(n)
                    cols.append(column[k])
                    vals.append(v)
                right.append(1.0 if label else 0.0)
                n += 1
            groups.append((first, n))
    x = csr_matrix((vals, (rows, cols)), shape=(n, len(names)))
    y = np.array(right)
    g_weight = np.array(weight)
    group_of = np.zeros(n, dtype=int)
    for g, (a, b) in enumerate(groups):
        group_of[a:b] = g

    def loss(w):
        s = x @ w
        top = np.full(len(groups), -np.inf)
        np.maximum.at(top, group_of, s)
        e = np.exp(s - top[group_of])
        total = np.bincount(group_of, weights=e, minlength=len(groups))
        good = np.bincount(group_of, weights=e * y, minlength=len(groups))
        value = -np.sum(g_weight * (np.log(good) - np.log(total))) + 0.5 / c * w @ w
        p_all = e / total[group_of]
        p_good = e * y / good[group_of]
        grad = x.T @ ((p_all - p_good) * g_weight[group_of]) + w / c
        return value, grad

    result = minimize(loss, np.zeros(len(names)), jac=True, method="L-BFGS-B", options={"maxiter": 2000})
    return {name: float(w) for name, w in zip(names, result.x, strict=True)}, 0.0


def pick_of(cands: list, weights: dict[str, float] | None) -> int:
    """The index of the candidate the weights choose (None: the rules' own pick, else "nobody")."""
    if weights is None:
        return next((k for k, c in enumerate(cands) if c.rules_pick), len(cands) - 1)
    return cands.index(choose(cands, weights))


def predict(data: list[dict], weights: dict[str, float] | None) -> dict[str, dict]:
    """The scorer's outputs with each quote's speaker chosen by the weights (None: the rules' pick)."""
    outs = {}
    for art in data:
        quotes = []
        for q in art["quotes"]:
            q["pick" if weights is not None else "rules_pick"] = pick = pick_of(q["cands"], weights)
            quotes.append({"text": q["quote"]["text"], "speaker": q["shown"][pick]})
        outs[art["row"]["id"]] = {"quotes": quotes}
    return outs


def rule_path(cand) -> str:
    """Which rule named the rules' pick (explicit_name, inherit_none, antecedent, …): the row of by_path."""
    if cand.features.get("rule_antecedent"):
        return "antecedent"
    paths = [k[5:] for k in cand.features if k.count("_") == 2 and k.startswith("rule_")]
    paths = [p for p in paths if not p.startswith(("kind_", "phrase_"))]
    return paths[0] if paths else "heard" if cand.features.get("rule_heard") else "none"


def by_path(data: list[dict]) -> None:
    """Per rule path: quotes, right by the rules' pick, by the held-out ranker, and by the best candidate."""
    table: dict[str, list[int]] = {}
    for art in data:
        for q in art["quotes"]:
            if not q["key"]:
                continue
            row = table.setdefault(rule_path(q["cands"][q["rules_pick"]]), [0, 0, 0, 0])
            row[0] += 1
            row[1] += q["labels"][q["rules_pick"]]
            row[2] += q["labels"][q["pick"]]
            row[3] += any(q["labels"][:-1])
    print(f"{'rules path':20} {'quotes':>6} {'rules':>6} {'ranker':>6} {'ceiling':>7}")
    for path, (n, rules, ranker, ceiling) in sorted(table.items(), key=lambda kv: -kv[1][0]):
        print(f"{path:20} {n:6} {rules / n:6.3f} {ranker / n:6.3f} {ceiling / n:7.3f}")


def cross_validate(data: list[dict], folds: int, c: float, seed: int) -> dict[str, dict]:
    """The held-out outputs of a k-fold split by article: each fold chosen by weights fitted on the others."""
    order = list(range(len(data)))
    random.Random(seed).shuffle(order)
    outs: dict[str, dict] = {}
    for k in range(folds):
        test = {i for n, i in enumerate(order) if n % folds == k}
        weights, bias = fit([d for i, d in enumerate(data) if i not in test], c)
        weights["bias"] = bias
        outs.update(predict([d for i, d in enumerate(data) if i in test], weights))
    return outs


def write_model(weights: dict[str, float], bias: float, a: argparse.Namespace, articles: int) -> None:
    """Store the weights fitted on every article as the package's model file."""
    names = sorted(weights)
    model = {
        "fitted_on": Path(a.data).parent.name + "/" + Path(a.data).name,
        "articles": articles,
        "c": a.c,
        "nobody_weight": a.nobody,
        "folds": a.folds,
        "features": names,
        "weights": [round(weights[n], 6) for n in names],
        "intercept": round(bias, 6),
    }
    MODEL_PATH.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print("wrote", MODEL_PATH)


def arguments() -> argparse.Namespace:
    """The command line."""
    ap = argparse.ArgumentParser()
    ap.add_argument("data", nargs="?", default=str(SCORER / "train" / "quotes.jsonl"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--c", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=11, help="of the split into folds")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--quick", action="store_true", help="the first 60 articles, 2 folds, nothing written")
    ap.add_argument("--write", action="store_true")
    ap.add_argument(
        "--nobody",
        type=float,
        default=0.3,
        help="weight of the quotes none of whose candidates spoke, which teach 'nobody named'",
    )
    ap.add_argument("--pronoun", default=None, help="rule | cue | none: what the rules' antecedent adds")
    a = ap.parse_args()
    if a.quick:
        if a.write:
            ap.error("--quick fits on a sample: it never writes the model")
        a.limit, a.folds = a.limit or 60, 2
    return a


def main() -> None:
    """Collect, cross-validate, and optionally write the model."""
    a = arguments()
    if a.pronoun:
        import bot.news.quotes.candidates as cmod

        cmod.PRONOUN_MODE = a.pronoun
    global NOBODY_WEIGHT
    NOBODY_WEIGHT = a.nobody
    rows = [json.loads(line) for line in open(a.data, encoding="utf-8") if line.strip()][: a.limit]
    data = collect(rows)
    rowsets = [art["row"] for art in data]
    oracle = sum(any(q["labels"][:-1]) for art in data for q in art["quotes"] if q["key"])
    keyed = sum(1 for art in data for q in art["quotes"] if q["key"])
    # the ceiling of any choice among these candidates: how often the right speaker is one of them
    print(f"quotes with a gold speaker: {keyed}; gold speaker among the candidates: {oracle / keyed:.3f}")
    print("rules only:", json.dumps(score.score_quotes(rowsets, predict(data, None))))
    outs = cross_validate(data, a.folds, a.c, a.seed)
    print(f"ranker, {a.folds}-fold by article:", json.dumps(score.score_quotes(rowsets, outs)))
    by_path(data)
    weights, bias = fit(data, a.c)
    print(
        "ranker, fitted on all (train score):",
        json.dumps(score.score_quotes(rowsets, predict(data, {**weights, "bias": bias}))),
    )
    if a.write:
        write_model(weights, bias, a, len(data))


if __name__ == "__main__":
    main()
