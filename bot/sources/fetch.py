"""One shared HTTP client: per-host limits, timeouts, size caps, safe redirects, conditional GET."""

from __future__ import annotations

import asyncio
import random
import socket
import time
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import aiohttp
from aiohttp.abc import AbstractResolver
from aiohttp.resolver import ThreadedResolver

from bot.sources.urlsafety import UnsafeURLError, check_literal_host, check_url, is_public_address

USER_AGENT = "newsbrief-bot/0.1 (+https://github.com/newsbrief/newsbrief-bot; feed reader)"
REDIRECT_CODES = (301, 302, 303, 307, 308)
RETRY_AFTER_CODES = (429, 503)
PERMANENT_CODES = (404, 410)
MAX_RETRY_AFTER = 24 * 3600.0


@dataclass(frozen=True)
class FetchPolicy:
    """How politely and defensively pages are fetched (the one source of these limits)."""

    total_timeout: float = 30.0
    connect_timeout: float = 10.0
    read_timeout: float = 15.0  # between two chunks: a stalled body fails, a slow steady one finishes
    max_bytes: int = 5_000_000  # on the wire
    max_decompressed_bytes: int = 10_000_000  # after gzip/deflate: no decompression bombs
    max_redirects: int = 5
    per_host_concurrency: int = 2
    per_host_interval: float = 0.25  # seconds between two request starts to one host
    total_concurrency: int = 32
    user_agent: str = USER_AGENT
    allow_private: bool = False
    trusted_hosts: frozenset[str] = frozenset()  # exempt from the internal-address refusal (deliberate)


class FetchError(Exception):
    """A fetch that failed; `retry_after` is the server's wish in seconds, `permanent` for 404/410."""

    def __init__(
        self,
        message: str,
        status: int | None = None,
        retry_after: float | None = None,
        permanent: bool = False,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after
        self.permanent = permanent


@dataclass(frozen=True)
class FetchResult:
    """A fetched resource (or a 304 answer with `not_modified`)."""

    url: str  # after redirects
    status: int
    body: bytes
    content_type: str
    charset: str | None
    etag: str | None
    last_modified: str | None
    not_modified: bool = False


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date), capped at a day."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    delta = (moment - (now or datetime.now(UTC))).total_seconds()
    return min(max(delta, 0.0), MAX_RETRY_AFTER)


def backoff_delay(failures: int, base: float, cap: float, rng: random.Random | None = None) -> float:
    """Exponential backoff with jitter: base * 2**(failures-1), capped, times a random 0.5-1.5."""
    if failures <= 0:
        return base
    raw = min(base * (2 ** min(failures - 1, 30)), cap)
    return raw * (rng or random).uniform(0.5, 1.5)


def decompress(body: bytes, encoding: str, limit: int) -> bytes:
    """Undo gzip/deflate content coding with a cap on the output size."""
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return body
    if encoding in ("gzip", "x-gzip"):
        decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        decoder = zlib.decompressobj(zlib.MAX_WBITS if body[:1] == b"\x78" else -zlib.MAX_WBITS)
    else:
        raise FetchError(f"unsupported content encoding {encoding!r}")
    try:
        out = decoder.decompress(body, limit + 1)
    except zlib.error as exc:
        raise FetchError(f"broken {encoding} body ({exc})") from exc
    if len(out) > limit or decoder.unconsumed_tail:
        raise FetchError(f"the body is over {limit} bytes once decompressed")
    return out


class SafeResolver(AbstractResolver):
    """An aiohttp resolver that refuses internal addresses at connect time (also defeats DNS rebinding)."""

    def __init__(
        self,
        allow_private: bool = False,
        inner: AbstractResolver | None = None,
        trusted_hosts: frozenset[str] = frozenset(),
    ) -> None:
        self.allow_private = allow_private
        self.trusted_hosts = trusted_hosts
        self._inner = inner or ThreadedResolver()

    async def resolve(self, host: str, port: int = 0, family: int = socket.AF_INET) -> list[dict[str, Any]]:
        """Resolve, then refuse the host if any of its addresses is internal."""
        trusted = self.allow_private or host.lower() in self.trusted_hosts
        check_literal_host(host, trusted)
        hosts = await self._inner.resolve(host, port, family)
        if not trusted:
            bad = [h["host"] for h in hosts if not is_public_address(h["host"])]
            if bad:
                raise UnsafeURLError(
                    f"{host} resolves to an internal address; the bot does not fetch from it"
                )
        return hosts

    async def close(self) -> None:
        """Close the wrapped resolver."""
        await self._inner.close()


class _HostGate:
    """Per-host concurrency and a minimum interval between request starts."""

    def __init__(self, concurrency: int, interval: float) -> None:
        self.semaphore = asyncio.Semaphore(concurrency)
        self.interval = interval
        self.next_start = 0.0
        self.lock = asyncio.Lock()

    async def wait_turn(self) -> None:
        async with self.lock:
            delay = self.next_start - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            self.next_start = time.monotonic() + self.interval


class Fetcher:
    """The bot's one HTTP client session; use `async with Fetcher(policy) as f: await f.fetch(url)`."""

    def __init__(self, policy: FetchPolicy | None = None) -> None:
        self.policy = policy or FetchPolicy()
        self._session: aiohttp.ClientSession | None = None
        self._gates: dict[str, _HostGate] = {}
        self._total = asyncio.Semaphore(self.policy.total_concurrency)

    async def __aenter__(self) -> Fetcher:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def start(self) -> None:
        """Open the session (inside the running event loop)."""
        if self._session is not None:
            return
        p = self.policy
        connector = aiohttp.TCPConnector(
            resolver=SafeResolver(p.allow_private, trusted_hosts=p.trusted_hosts),
            limit=p.total_concurrency,
            ttl_dns_cache=300,
        )
        self._session = aiohttp.ClientSession(
            connector=connector,
            timeout=aiohttp.ClientTimeout(
                total=p.total_timeout, sock_connect=p.connect_timeout, sock_read=p.read_timeout
            ),
            headers={"User-Agent": p.user_agent, "Accept-Encoding": "gzip, deflate"},
            auto_decompress=False,  # decompressed here, with a cap
            trust_env=False,
        )

    async def close(self) -> None:
        """Close the session; safe to call twice."""
        if self._session is not None:
            await self._session.close()
            self._session = None

    def _gate(self, host: str) -> _HostGate:
        gate = self._gates.get(host)
        if gate is None:
            gate = self._gates[host] = _HostGate(
                self.policy.per_host_concurrency, self.policy.per_host_interval
            )
        return gate

    async def fetch(
        self,
        url: str,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = "*/*",
    ) -> FetchResult:
        """GET a URL, following a few redirects, each hop checked; raise FetchError or UnsafeURLError."""
        if self._session is None:
            await self.start()
        assert self._session is not None
        seen: set[str] = set()
        current = url
        for _hop in range(self.policy.max_redirects + 1):
            host = check_url(current)
            check_literal_host(host, self.policy.allow_private or host.lower() in self.policy.trusted_hosts)
            if current in seen:
                raise FetchError(f"redirect loop at {current}")
            seen.add(current)
            headers = {"Accept": accept}
            if current == url:  # validators belong to the URL they were stored for
                if etag:
                    headers["If-None-Match"] = etag
                if last_modified:
                    headers["If-Modified-Since"] = last_modified
            result, location = await self._get_once(current, host, headers)
            if result is not None:
                return result
            assert location is not None
            current = urljoin(current, location)
        raise FetchError(f"more than {self.policy.max_redirects} redirects from {url}")

    async def _get_once(
        self, url: str, host: str, headers: dict[str, str]
    ) -> tuple[FetchResult | None, str | None]:
        assert self._session is not None
        gate = self._gate(host.lower())
        async with self._total, gate.semaphore:
            await gate.wait_turn()
            try:
                async with self._session.get(url, headers=headers, allow_redirects=False) as resp:
                    return await self._read(url, resp)
            except (UnsafeURLError, FetchError):
                raise
            except aiohttp.ClientConnectorError as exc:
                cause = exc.__cause__ or exc.os_error
                if isinstance(cause, UnsafeURLError):
                    raise cause from exc
                raise FetchError(f"cannot connect to {host} ({exc.os_error})") from exc
            except TimeoutError as exc:
                raise FetchError(f"timed out fetching {url}") from exc
            except aiohttp.ClientError as exc:
                if isinstance(exc.__cause__, UnsafeURLError):
                    raise exc.__cause__ from exc
                raise FetchError(f"fetching {url} failed ({type(exc).__name__}: {exc})") from exc

    async def _read(self, url: str, resp: aiohttp.ClientResponse) -> tuple[FetchResult | None, str | None]:
        status = resp.status
        if status in REDIRECT_CODES:
            location = resp.headers.get("Location")
            if not location:
                raise FetchError(f"{status} redirect without a Location from {url}", status)
            return None, location
        etag = resp.headers.get("ETag")
        last_modified = resp.headers.get("Last-Modified")
        if status == 304:
            return FetchResult(url, 304, b"", "", None, etag, last_modified, not_modified=True), None
        if status in RETRY_AFTER_CODES:
            wait = parse_retry_after(resp.headers.get("Retry-After"))
            raise FetchError(f"HTTP {status} from {url}", status, retry_after=wait)
        if status >= 400:
            raise FetchError(f"HTTP {status} from {url}", status, permanent=status in PERMANENT_CODES)
        length = resp.headers.get("Content-Length")
        if length and length.isdigit() and int(length) > self.policy.max_bytes:
            raise FetchError(f"{url} is {length} bytes, over the {self.policy.max_bytes}-byte limit", status)
        chunks: list[bytes] = []
        size = 0
        async for chunk in resp.content.iter_chunked(65536):
            size += len(chunk)
            if size > self.policy.max_bytes:
                raise FetchError(f"{url} is over the {self.policy.max_bytes}-byte limit", status)
            chunks.append(chunk)
        body = decompress(
            b"".join(chunks), resp.headers.get("Content-Encoding", ""), self.policy.max_decompressed_bytes
        )
        content_type = resp.content_type or ""
        return FetchResult(url, status, body, content_type, resp.charset, etag, last_modified), None


def host_of(url: str) -> str:
    """The lower-case host of a URL ('' when it has none)."""
    return (urlsplit(url).hostname or "").lower()
