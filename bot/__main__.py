"""Command line: `python -m bot brief | run | check`."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.brief_batch import Outcome

log = logging.getLogger("bot.news.articles")


def _outcomes(args: argparse.Namespace, missing: list[str]) -> Iterator[Outcome]:
    """Each named article's outcome: files and folders (over worker processes when many), then URLs.

    Paths that do not exist and URLs that could not be fetched are added to `missing`.
    """
    from bot.brief_batch import BriefOptions, brief_articles, brief_files, worker_count
    from bot.news.articles import find_article_files
    from bot.sources.urlsafety import is_url

    options = BriefOptions(args.format, args.points, args.templates)
    files = [p for p in args.paths if not is_url(p)]
    for p in files:
        if not Path(p).exists():
            missing.append(p)
            print(f"brief: no such file or directory: {p}", file=sys.stderr)
    found = list(find_article_files(Path(p) for p in files if Path(p).exists()))
    yield from brief_files(found, options, worker_count(len(found), args.jobs))
    urls = [p for p in args.paths if is_url(p)]
    if urls:
        from bot.sources.oneshot import read_urls

        fetched, problems = read_urls(urls)  # typed by the user who runs the process: private hosts allowed
        for problem in problems:
            print(f"brief: {problem.url}: {problem.reason}", file=sys.stderr)
            missing.append(problem.url)
        yield from brief_articles(fetched, options)


def _brief(args: argparse.Namespace) -> int:
    skipped: list[str] = []
    missing: list[str] = []
    count = 0
    for outcome in _outcomes(args, missing):
        if outcome.skipped is not None:
            log.warning("skipping article: %s", outcome.skipped)
            skipped.append(outcome.skipped)
            continue
        sys.stdout.write(outcome.output or "")
        count += 1
        if count % 100 == 0:
            print(f"brief: {count} articles analysed", file=sys.stderr)
    print(f"brief: {_summary(count, skipped, missing)}", file=sys.stderr)
    return 0 if count else (2 if missing else 1)


def _summary(count: int, skipped: list[str], missing: list[str]) -> str:
    """ "3 article(s) analysed, 2 skipped (1 empty, 1 binary), 1 path not found"."""
    from collections import Counter

    from bot.news.articles import skip_reason

    parts = [f"{count} article(s) analysed"]
    if skipped:
        reasons = Counter(skip_reason(message) for message in skipped)
        why = ", ".join(f"{n} {reason}" for reason, n in reasons.most_common())
        parts.append(f"{len(skipped)} skipped ({why})")
    if missing:
        parts.append(f"{len(missing)} path(s) or URL(s) not found")
    return ", ".join(parts)


def _run(args: argparse.Namespace) -> int:
    from bot.app import main_run

    return main_run(Path(args.config) if args.config else None, once=args.once)


def _check(args: argparse.Namespace) -> int:
    from bot.checks import check_config

    ok, lines = check_config(Path(args.config) if args.config else None)
    for line in lines:
        print(line)
    return 0 if ok else 2


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the command line."""
    parser = argparse.ArgumentParser(prog="python -m bot", description="News briefing bot.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages to stderr")
    sub = parser.add_subparsers(dest="command", required=True)

    brief = sub.add_parser("brief", help="print the briefing of each article")
    brief.add_argument(
        "paths", nargs="+", metavar="PATH", help="an article file or folder, or a feed or page URL"
    )
    brief.add_argument("--format", choices=["text", "markdown", "json", "jsonl"], default="text")
    brief.add_argument(
        "--points", type=int, default=None, help="key points per briefing (default: the summariser's)"
    )
    brief.add_argument("--templates", help="template folder (default: the project's templates/)")
    brief.add_argument(
        "--jobs",
        type=int,
        default=None,
        help="worker processes (default: one per core for a folder of many articles; 1: none)",
    )
    brief.set_defaults(func=_brief)

    run = sub.add_parser("run", help="run the bot: commands from chat (or stdin) and scheduled digests")
    run.add_argument("--config", help="config file (default: ./config.yaml, else the embedded default)")
    run.add_argument("--once", action="store_true", help="post the digests that are due, then exit")
    run.set_defaults(func=_run)

    check = sub.add_parser("check", help="validate a config file and say exactly what is wrong and where")
    check.add_argument("--config", help="config file (default: ./config.yaml, else the embedded default)")
    check.set_defaults(func=_check)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the command line."""
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    if getattr(args, "points", None) is not None and args.points < 1:
        parser.error("--points must be at least 1")
    if getattr(args, "jobs", None) is not None and args.jobs < 1:
        parser.error("--jobs must be at least 1")
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
