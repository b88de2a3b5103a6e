"""Command line: `python -m bot brief | run | check`."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.news.models import Article


def _articles(paths: list[str], skipped: list[str]) -> tuple[Iterable[Article], list[str]]:
    """The articles named on the command line (files, folders, feed and page URLs) and what was not found.

    Articles that could not be read are added to `skipped` with their reason; paths that do not exist and
    URLs that could not be fetched are returned.
    """
    from bot.news.articles import read_articles
    from bot.sources.urlsafety import is_url

    urls = [p for p in paths if is_url(p)]
    files = [p for p in paths if not is_url(p)]
    failed = [p for p in files if not Path(p).exists()]
    for p in failed:
        print(f"brief: no such file or directory: {p}", file=sys.stderr)
    from_files = read_articles((Path(p) for p in files if Path(p).exists()), skipped=skipped)
    if not urls:
        return from_files, failed
    from bot.sources.oneshot import read_urls

    fetched, problems = read_urls(urls)  # typed by the user who runs the process: private hosts allowed
    for problem in problems:
        print(f"brief: {problem.url}: {problem.reason}", file=sys.stderr)
    return [*from_files, *fetched], failed + [problem.url for problem in problems]


def _brief(args: argparse.Namespace) -> int:
    from bot.news.briefing import analyse

    env = None
    if args.format in {"text", "markdown"}:
        from bot.render import make_environment

        env = make_environment(Path(args.templates)) if args.templates else make_environment()
    skipped: list[str] = []
    articles, missing = _articles(args.paths, skipped)
    count = 0
    out = sys.stdout
    for article in articles:
        briefing = analyse(article, points=args.points) if args.points else analyse(article)
        count += 1
        if args.format in {"json", "jsonl"}:
            data = briefing.to_dict()
            if args.format == "jsonl":
                out.write(json.dumps(data, ensure_ascii=False) + "\n")
            else:
                out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        else:
            from bot.render import render

            out.write(render(env, args.format, "briefing", briefing=briefing) + "\n\n")
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
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
