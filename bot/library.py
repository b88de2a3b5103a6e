"""The article library: scans the articles folder and keeps the store's analyses up to date."""

from __future__ import annotations

import contextlib
import hashlib
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable
from concurrent.futures import Executor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from bot.errors import ArticleError
from bot.leases import AnalysisClaims
from bot.news.articles import decode_article, find_article_files, parse_article
from bot.news.briefing import analyse
from bot.news.models import Article
from bot.storage import database_errors
from bot.store import ArticleRecord, FileState, Store, storage_advice

log = logging.getLogger(__name__)

_MARKDOWN = {".md", ".markdown"}


@dataclass(frozen=True)
class ScanResult:
    """What one scan of the articles folder did."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0


def make_record(
    article: Article, raw_text: str, content_hash: str, points: int, size: int = 0, mtime_ns: int = 0
) -> ArticleRecord:
    """Analyse an article into the record the store keeps."""
    briefing = analyse(article, points=points)
    return ArticleRecord(
        id=article.id,
        source=article.source,
        title=article.title,
        date=article.date.isoformat() if article.date else None,
        place=article.place,
        content_hash=content_hash,
        text=raw_text,
        points=points,
        analysis=briefing.to_dict(),
        figure_sentences=briefing.figure_sentences,
        size=size,
        mtime_ns=mtime_ns,
    )


@dataclass(frozen=True)
class _Job:
    """One file to analyse: everything a worker process needs (picklable)."""

    text: str
    source: str
    article_id: str
    markdown: bool
    content_hash: str
    points: int
    size: int
    mtime_ns: int
    is_new: bool


def analyse_job(job: _Job) -> ArticleRecord | str:
    """Analyse one file into a record, or a warning line when it cannot be read (runs in a worker)."""
    try:
        article = parse_article(job.text, job.source, article_id=job.article_id, markdown=job.markdown)
        return make_record(article, job.text, job.content_hash, job.points, job.size, job.mtime_ns)
    except ArticleError as exc:
        return f"skipping article: {exc}"
    except Exception as exc:  # the analysis must never take the bot down
        return f"skipping article {job.source}: the analysis failed ({type(exc).__name__}: {exc})"


@dataclass(frozen=True)
class _Plan:
    """What a scan found in the folder: the files to analyse, and the ones it did not."""

    jobs: list[_Job]
    unchanged: int
    failed: int


def _split_stored(jobs: list[_Job], states: dict[str, FileState]) -> tuple[list[_Job], list[_Job]]:
    """The jobs whose very version is in the database already (another process stored it), and the rest."""
    stored: list[_Job] = []
    rest: list[_Job] = []
    for job in jobs:
        state = states.get(job.source)
        (stored if state is not None and state.content_hash == job.content_hash else rest).append(job)
    return stored, rest


def _claim_key(job: _Job) -> str:
    """A file version's key among processes sharing the folder and the database."""
    return f"file:{job.source}#{job.content_hash}"


def _sum(a: ScanResult, b: ScanResult) -> ScanResult:
    return ScanResult(
        a.added + b.added, a.updated + b.updated, a.unchanged + b.unchanged, a.failed + b.failed
    )


CLAIM_WAIT_SECONDS = 0.25  # how often a scan looks for the articles another process is analysing
BATCH = 64  # records written per transaction while a scan runs (commands see articles as they come)


class ArticleLibrary:
    """Reads the articles folder into the store: analyse once, again only when a file's content changes."""

    def __init__(self, store: Store, folder: Path, points: int, max_bytes: int = 2_000_000) -> None:
        self.store = store
        self.folder = folder
        self.points = points
        self.max_bytes = max_bytes
        self._variants: OrderedDict[tuple[str, str, int], dict[str, Any]] = OrderedDict()
        self.pending = 0  # files found by the running scan and not analysed yet ("still reading N")
        # Set unless a background first scan is running (the app clears it when it starts one).
        self.first_scan_done = threading.Event()
        self.first_scan_done.set()
        self._cancel = threading.Event()
        self._storage_fault = False  # the last scan could not store its articles (logged once)
        self.claims: AnalysisClaims | None = None  # several processes: who analyses which file

    def cancel(self) -> None:
        """Stop a running scan at the next article (what is analysed so far is kept); for shutdown."""
        self._cancel.set()

    def scan(self, executor: Executor | None = None) -> ScanResult:
        """Add new files, re-analyse changed ones; a broken file is skipped with a warning.

        With an executor (a process pool) the analyses run there; records are stored in batches.
        """
        try:
            return self._scan(executor)
        finally:
            self.pending = 0
            self.first_scan_done.set()

    def _scan(self, executor: Executor | None) -> ScanResult:
        if not self.folder.is_dir():
            log.warning("articles folder %s does not exist; no articles loaded", self.folder)
            return ScanResult()
        plan = self._plan()
        self.pending = len(plan.jobs)
        if len(plan.jobs) > BATCH:
            log.info("reading %d article(s)", len(plan.jobs))
        # Several processes on one folder and database: each file version is analysed by one of them.
        mine, theirs = self._claim(plan.jobs)
        try:
            result = self._analyse(replace(plan, jobs=mine), executor)
        finally:
            self._release(mine)
        if theirs:
            result = _sum(result, self._await_others(theirs))
        return result

    def _plan(self) -> _Plan:
        """The files to analyse (new or changed), and how many were unchanged or unreadable."""
        states = self.store.file_states()
        ids_in_use = {state.id: source for source, state in states.items()}
        unchanged = failed = 0
        jobs: list[_Job] = []
        for path in find_article_files([self.folder]):
            source = path.relative_to(self.folder).as_posix()
            try:
                job = self._job(path, source, states.get(source), ids_in_use)
            except ArticleError as exc:
                log.warning("skipping article: %s", exc)
                failed += 1
                continue
            except OSError as exc:
                log.warning("skipping article %s: cannot read it (%s)", path, exc)
                failed += 1
                continue
            if job is None:
                unchanged += 1
                continue
            ids_in_use[job.article_id] = source
            jobs.append(job)
        return _Plan(jobs, unchanged, failed)

    def _job(
        self, path: Path, source: str, state: FileState | None, ids_in_use: dict[str, str]
    ) -> _Job | None:
        """The analysis job of one file, or None when it is unchanged since it was stored."""
        stat = path.stat()
        if (
            state is not None
            and state.size == stat.st_size
            and state.mtime_ns == stat.st_mtime_ns
            and state.points == self.points
        ):
            return None
        if stat.st_size > self.max_bytes:
            raise ArticleError(
                f"{path}: {stat.st_size} bytes is over the {self.max_bytes}-byte limit for an article"
            )
        raw = path.read_bytes()
        content_hash = hashlib.sha256(raw).hexdigest()
        if state is not None and state.content_hash == content_hash and state.points == self.points:
            with contextlib.suppress(*database_errors()):  # not stored: re-hashed next time, harmless
                self.store.touch_file(state.id, stat.st_size, stat.st_mtime_ns)
            return None
        text = decode_article(raw, source)
        article_id = state.id if state else self._unique_id(path.stem, content_hash, ids_in_use)
        return _Job(
            text,
            source,
            article_id,
            path.suffix.lower() in _MARKDOWN,
            content_hash,
            self.points,
            stat.st_size,
            stat.st_mtime_ns,
            state is None,
        )

    def _analyse(self, plan: _Plan, executor: Executor | None) -> ScanResult:
        """Analyse the planned files (in the pool when there are many) and store them in batches."""
        jobs, unchanged, failed = plan.jobs, plan.unchanged, plan.failed
        results: Iterable[ArticleRecord | str] = (
            executor.map(analyse_job, jobs, chunksize=16)
            if executor is not None and len(jobs) > BATCH  # a pool's start-up is worth it for many only
            else map(analyse_job, jobs)
        )
        added = updated = 0
        quiet = logging.INFO if len(jobs) <= BATCH else logging.DEBUG  # no 10,000 lines at a first start
        batch: list[ArticleRecord] = []
        for job, result in zip(jobs, results, strict=False):
            if self._cancel.is_set():
                log.info("reading the articles stopped: %d left for the next start", self.pending)
                break
            if isinstance(result, str):
                log.warning("%s", result)
                failed += 1
            else:
                batch.append(result)
                if job.is_new:
                    added += 1
                    log.log(quiet, "new article %s: %s", result.id, result.title)
                else:
                    updated += 1
                    log.info("article %s changed: re-analysed", result.id)
            if len(batch) >= BATCH:
                if not self._store_batch(batch):
                    return ScanResult(0, 0, unchanged, failed)
                batch = []
            self.pending -= 1
        if batch and not self._store_batch(batch):
            return ScanResult(0, 0, unchanged, failed)
        if self._storage_fault:
            log.warning("the database takes articles again")
            self._storage_fault = False
        result = ScanResult(added, updated, unchanged, failed)
        if added or updated or failed:
            log.info("articles scanned: %s", result)
        return result

    def _claim(self, jobs: list[_Job]) -> tuple[list[_Job], list[_Job]]:
        """The jobs this process analyses, and those another process claimed first."""
        if self.claims is None:
            return jobs, []
        mine: list[_Job] = []
        theirs: list[_Job] = []
        for job in jobs:
            (mine if self.claims.claim(_claim_key(job)) else theirs).append(job)
        if mine:
            # Another process may have stored a version and released its claim after this one planned the
            # scan: it stores before it releases, so a claim won now sees that row, and the job is done.
            done, mine = _split_stored(mine, self.store.file_states())
            self._release(done)
            theirs.extend(done)  # counted unchanged by _await_others, which finds them stored
        return mine, theirs

    def _release(self, jobs: list[_Job]) -> None:
        if self.claims is not None:
            for job in jobs:
                self.claims.release(_claim_key(job))

    def _await_others(self, jobs: list[_Job]) -> ScanResult:
        """Wait for the analyses other processes claimed (stored in the shared database; counted unchanged).

        A claim whose owner died lapses, and then this process analyses the file itself.
        """
        assert self.claims is not None
        result = ScanResult()
        deadline = time.monotonic() + self.claims.lease.total_seconds() * 2
        while jobs and not self._cancel.is_set():
            stored, jobs = _split_stored(jobs, self.store.file_states())
            result = _sum(result, ScanResult(unchanged=len(stored)))
            mine, jobs = self._claim(jobs)
            if mine:
                try:
                    result = _sum(result, self._analyse(_Plan(mine, 0, 0), None))
                finally:
                    self._release(mine)
            if jobs and time.monotonic() > deadline:
                log.warning("%d article(s) claimed by another process are not stored yet", len(jobs))
                break
            if jobs:
                time.sleep(CLAIM_WAIT_SECONDS)
        return result

    def _store_batch(self, batch: list[ArticleRecord]) -> bool:
        """Store analysed articles; on a storage fault log once, keep serving what is stored, retry later."""
        try:
            self.store.put_articles(batch)
        except database_errors() as exc:
            if not self._storage_fault:
                log.error(
                    "cannot store new articles in %s (%s): %s; they are read again on the next scan",
                    self.store.path,
                    exc,
                    storage_advice(exc),
                )
            self._storage_fault = True
            return False
        return True

    @staticmethod
    def _unique_id(stem: str, content_hash: str, ids_in_use: dict[str, str]) -> str:
        if stem not in ids_in_use:
            return stem
        return f"{stem}-{content_hash[:8]}"

    def briefing_data(self, article_id: str, points: int | None = None) -> dict[str, Any] | None:
        """Briefing.to_dict() of an article; with a different point count, re-analysed and cached."""
        stored_points = self.store.analysis_points(article_id)
        if stored_points is None:
            return None
        if points is None or points == stored_points:
            return self.store.analysis(article_id)
        located = self.store.article_source(article_id)
        if located is None:
            return None
        key = (article_id, located[1], points)
        cached = self._variants.get(key)
        if cached is not None:
            self._variants.move_to_end(key)
            return cached
        text = self.store.article_text(article_id)
        if text is None:
            return None
        source = located[0]
        article = parse_article(
            text, source, article_id=article_id, markdown=Path(source).suffix.lower() in _MARKDOWN
        )
        data = analyse(article, points=points).to_dict()
        self._variants[key] = data
        if len(self._variants) > 256:
            self._variants.popitem(last=False)
        return data
