"""Extraction on saved news pages: read each page with `read_html` and print the metrics of pages.py.

    .venv/bin/python benchmarks/bench_pages.py [FOLDER] [--show]

FOLDER holds pages/ and pages.jsonl (default: ../shared/eval/dev). Metrics, as `../shared/eval/pages.py`
computes them from the `brief` JSONL: recall of the `with` snippets in the text, share of the `without`
boilerplate kept out of the text, boilerplate snippets inside key points, pages titled by the page's own
headlines, words per briefing; also the read time per page. `--show` lists every miss.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _common import require_eval  # noqa: E402

from bot.errors import ArticleError  # noqa: E402
from bot.news.briefing import analyse  # noqa: E402
from bot.news.html import read_html  # noqa: E402

# ../shared beside the checkout, or one level further up from a worktree.
DEV = next((p / "shared" / "eval" / "dev" for p in ROOT.parents if (p / "shared" / "eval").is_dir()), ROOT)


def norm(s: str) -> str:
    """pages.py's normal form: NFKC, straight quotes, one space, lower case."""
    s = (
        unicodedata.normalize("NFKC", s)
        .replace("’", "'")
        .replace("‘", "'")
        .replace("“", '"')
        .replace("”", '"')
    )
    return re.sub(r"\s+", " ", s).strip().lower()


def page_headlines(raw: bytes, stem: str) -> list[str]:
    """Every headline the page gives itself (pages.py's rule): <title>, og:/twitter: titles, first <h1>."""
    m = re.search(rb"<title[^>]*>(.*?)</title>", raw, re.S | re.I)
    found = [html.unescape(m.group(1).decode("utf-8", "replace")).strip() if m else stem]
    for pat in (
        rb'<meta[^>]+(?:property|name)=["\'](?:og|twitter):title["\'][^>]*content=["\']([^"\']+)',
        rb'<meta[^>]+content=["\']([^"\']+)["\'][^>]*(?:property|name)=["\'](?:og|twitter):title',
        rb"<h1[^>]*>(.*?)</h1>",
    ):
        found += [
            html.unescape(re.sub(rb"<[^>]+>", b" ", x).decode("utf-8", "replace")).strip()
            for x in re.findall(pat, raw, re.S | re.I)[:1]
        ]
    return [x for x in found if x]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(DEV))
    parser.add_argument("--show", action="store_true", help="list every miss")
    parser.add_argument("--quick", action="store_true", help="the first 5 pages: seconds")
    args = parser.parse_args()
    src = Path(args.folder)
    if not (src / "pages.jsonl").is_file():
        require_eval(args.quick)  # the default folder is the shared dev set: say so when it is missing
    rows = [json.loads(line) for line in open(src / "pages.jsonl", encoding="utf-8")]
    if args.quick:
        rows = rows[:5]
    w_in = w_all = wo_out = wo_all = kp_bad = titled = words = found = 0
    seconds = 0.0
    for r in rows:
        path = src / "pages" / r["file"]
        raw = path.read_bytes()
        t0 = time.perf_counter()
        try:
            article = read_html(raw, str(path), url=r.get("url"))
        except ArticleError as exc:
            print(f"MISS page {r['file']}: {exc}")
            continue
        briefing = analyse(article)
        seconds += time.perf_counter() - t0
        found += 1
        text = norm(article.text)
        kp = norm(" ".join(briefing.key_points))
        words += len(kp.split())
        mine = set(norm(article.title or "").split())
        heads = page_headlines(raw, path.stem)
        ok_title = len(mine) >= 3 and any(len(mine & set(norm(h).split())) >= 0.6 * len(mine) for h in heads)
        titled += ok_title
        if args.show and not ok_title:
            print(f"UNTITLED {r['file']}: {article.title!r} vs {heads[:2]}")
        for s in r["with"]:
            w_all += 1
            hit = norm(s) in text
            w_in += hit
            if args.show and not hit:
                print(f"WITH-MISS {r['file']}: {s!r}")
        for s in r["without"]:
            wo_all += 1
            out = norm(s) not in text
            wo_out += out
            kp_bad += norm(s) in kp
            if args.show and not out:
                print(f"KEPT {r['file']}: {s!r}" + (" (IN KEY POINTS)" if norm(s) in kp else ""))
    n = max(found, 1)
    numbers = {
        "articles": f"{found}/{len(rows)}",
        "with_recall": round(w_in / max(w_all, 1), 3),
        "boilerplate_out": round(wo_out / max(wo_all, 1), 3),
        "boilerplate_in_points": kp_bad,
        "titled": f"{titled}/{found}",
        "words_per_brief": round(words / n, 1),
        "ms_per_page": round(1000 * seconds / n, 1),
    }
    ok = (
        found == len(rows)
        and numbers["with_recall"] >= 0.95
        and numbers["boilerplate_out"] >= 0.95
        and kp_bad == 0
        and titled == found
        and words / n <= 75
    )
    print(("all page checks met" if ok else "short of the targets") + " | " + json.dumps(numbers))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
