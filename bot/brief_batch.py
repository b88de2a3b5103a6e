"""Brief many article files for the command line, over worker processes when there are enough of them."""

from __future__ import annotations

import json
import multiprocessing
import multiprocessing.context
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from pathlib import Path

from bot.news.articles import ArticleError, read_article
from bot.news.models import Article

# Workers start only for a folder big enough to repay their start-up (about 0.1 s each).
MIN_FILES_PER_WORKER = 32
# At most this many workers however many cores: past it, reading the files and printing dominate.
MAX_WORKERS = 8
# Files are handed out this many at a time, and at most this many wait at once, so memory stays flat
# for a folder of any size and the output keeps the files' order.
CHUNK = 8
WINDOW = 512


@dataclass(frozen=True)
class BriefOptions:
    """How each briefing is made and written: the output format, key points and templates."""

    format: str
    points: int | None = None
    templates: str | None = None


@dataclass(frozen=True)
class Outcome:
    """One article's result: its written briefing, or why it was skipped."""

    output: str | None = None
    skipped: str | None = None


def available_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def worker_count(files: int, jobs: int | None) -> int:
    """How many worker processes to use: `jobs` when given, else one per core for a big enough folder."""
    if jobs is not None:
        return max(1, min(jobs, files or 1))
    return max(1, min(available_cores(), MAX_WORKERS, files // MIN_FILES_PER_WORKER))


def brief_article(article: Article, options: BriefOptions) -> str:
    """The written briefing of one article in the chosen format."""
    from bot.news.briefing import analyse

    briefing = analyse(article, points=options.points) if options.points else analyse(article)
    if options.format in {"json", "jsonl"}:
        indent = 2 if options.format == "json" else None
        return json.dumps(briefing.to_dict(), ensure_ascii=False, indent=indent) + "\n"
    from bot.render import render

    return render(_environment(options.templates), options.format, "briefing", briefing=briefing) + "\n\n"


@lru_cache(maxsize=4)
def _environment(templates: str | None):  # noqa: ANN202 (a jinja2 Environment, imported lazily)
    """The template environment, made once per process for the chosen template folder."""
    from bot.render import make_environment

    return make_environment(Path(templates)) if templates else make_environment()


def brief_file(path: Path, options: BriefOptions) -> Outcome:
    """Read and brief one article file; a file that cannot be used becomes a skip with its reason."""
    try:
        article = read_article(path)
    except ArticleError as exc:
        return Outcome(skipped=str(exc))
    return Outcome(output=brief_article(article, options))


def _brief_chunk(paths: list[Path], options: BriefOptions) -> list[Outcome]:
    """A worker's share: several files briefed in order (one round trip for several articles)."""
    return [brief_file(path, options) for path in paths]


def brief_files(paths: Iterable[Path], options: BriefOptions, workers: int) -> Iterator[Outcome]:
    """Each file's outcome in the files' order, briefed by `workers` processes (1: in this one)."""
    if workers <= 1:
        yield from (brief_file(path, options) for path in paths)
        return
    with ProcessPoolExecutor(max_workers=workers, mp_context=_worker_context()) as pool:
        for window in _batches(iter(paths), WINDOW):
            chunks = [window[i : i + CHUNK] for i in range(0, len(window), CHUNK)]
            for outcomes in pool.map(_brief_chunk, chunks, [options] * len(chunks)):
                yield from outcomes


def _worker_context() -> multiprocessing.context.BaseContext:
    """How workers start: from a clean server process that has loaded the analysis once ("forkserver"), not
    by forking this one, whose threads (a database pool, a scheduler) may hold a lock at the fork."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")  # Windows, macOS without it: a fresh interpreter each
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["bot.news.briefing", "bot.news.articles"])
    return context


def _batches(items: Iterator[Path], size: int) -> Iterator[list[Path]]:
    """The items in lists of `size` (the last one shorter)."""
    while batch := list(islice(items, size)):
        yield batch


def brief_articles(articles: Iterable[Article], options: BriefOptions) -> Iterator[Outcome]:
    """Each already-read article's outcome (fetched pages), briefed here in order."""
    yield from (Outcome(output=brief_article(article, options)) for article in articles)
