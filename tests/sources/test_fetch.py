"""The HTTP client against the local web server: status codes, redirects, caps, timeouts, politeness."""

from __future__ import annotations

import asyncio
import gzip
import socket
import time
from dataclasses import replace

import pytest
from aiohttp.abc import AbstractResolver

from bot.sources.fetch import (
    USER_AGENT,
    Fetcher,
    FetchError,
    FetchPolicy,
    SafeResolver,
    backoff_delay,
    parse_retry_after,
)
from bot.sources.urlsafety import UnsafeURLError
from tests.fakes.web_server import FakeWeb
from tests.sources.conftest import TEST_POLICY


async def test_a_page_is_fetched_with_a_descriptive_user_agent(web: FakeWeb, fetcher: Fetcher) -> None:
    url = web.add("/p", body=b"<html>hello</html>")
    result = await fetcher.fetch(url)
    assert (result.status, result.body, result.url) == (200, b"<html>hello</html>", url)
    assert web.requests[0][1]["User-Agent"] == USER_AGENT and "newsbrief" in USER_AGENT


async def test_etag_and_last_modified_are_sent_back_and_304_is_not_modified(
    web: FakeWeb, fetcher: Fetcher
) -> None:
    url = web.add("/f", body=b"<rss/>", etag='"v1"', last_modified="Tue, 17 Nov 2026 08:00:00 GMT")
    first = await fetcher.fetch(url)
    assert (first.etag, first.last_modified) == ('"v1"', "Tue, 17 Nov 2026 08:00:00 GMT")
    again = await fetcher.fetch(url, first.etag, first.last_modified)
    assert again.not_modified and again.status == 304 and again.body == b""
    assert web.requests[1][1]["If-None-Match"] == '"v1"'
    assert web.requests[1][1]["If-Modified-Since"] == "Tue, 17 Nov 2026 08:00:00 GMT"


async def test_a_301_302_chain_is_followed_to_the_final_url(web: FakeWeb, fetcher: Fetcher) -> None:
    final = web.add("/final", body=b"done")
    web.add("/b", redirect=final, status=302)
    start = web.add("/a", redirect="/b", status=301)  # relative Location
    result = await fetcher.fetch(start)
    assert (result.body, result.url) == (b"done", final)


async def test_a_redirect_loop_and_too_many_redirects_fail(web: FakeWeb, fetcher: Fetcher) -> None:
    web.add("/loop1", redirect="/loop2", status=302)
    loop = web.add("/loop2", redirect="/loop1", status=302)
    with pytest.raises(FetchError, match="loop"):
        await fetcher.fetch(loop)
    for i in range(8):
        web.add(f"/hop{i}", redirect=f"/hop{i + 1}", status=301)
    web.add("/hop8", body=b"far")
    with pytest.raises(FetchError, match="more than 5 redirects"):
        await fetcher.fetch(web.url("/hop0"))
    assert web.hits["/hop6"] == 0


@pytest.mark.parametrize(("status", "permanent"), [(404, True), (410, True), (500, False), (403, False)])
async def test_error_statuses_fail_and_404_410_are_permanent(
    web: FakeWeb, fetcher: Fetcher, status: int, permanent: bool
) -> None:
    url = web.add("/e", status=status, body=b"no")
    with pytest.raises(FetchError) as caught:
        await fetcher.fetch(url)
    assert caught.value.status == status and caught.value.permanent is permanent


@pytest.mark.parametrize("status", [429, 503])
async def test_retry_after_of_429_and_503_is_reported(web: FakeWeb, fetcher: Fetcher, status: int) -> None:
    url = web.add("/busy", status=status, headers={"Retry-After": "120"})
    with pytest.raises(FetchError) as caught:
        await fetcher.fetch(url)
    assert caught.value.retry_after == 120.0


def test_retry_after_accepts_an_http_date_and_caps_at_a_day() -> None:
    from datetime import UTC, datetime

    now = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
    assert parse_retry_after("Fri, 20 Nov 2026 08:05:00 GMT", now) == 300.0
    assert parse_retry_after("999999999") == 86400.0
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None


def test_backoff_doubles_with_jitter_and_is_capped() -> None:
    import random

    rng = random.Random(7)
    delays = [backoff_delay(n, 60, 3600, rng) for n in range(1, 10)]
    assert 30 <= delays[0] <= 90 and 60 <= delays[1] <= 180
    assert all(d <= 3600 * 1.5 for d in delays) and delays[-1] >= 1800


async def test_gzip_bodies_are_decompressed(web: FakeWeb, fetcher: Fetcher) -> None:
    url = web.add("/gz", body=b"<p>compressed</p>" * 100, gzip=True)
    assert (await fetcher.fetch(url)).body == b"<p>compressed</p>" * 100
    assert "gzip" in web.requests[0][1]["Accept-Encoding"]


async def test_a_gzip_bomb_is_refused_by_the_decompressed_size_cap(web: FakeWeb) -> None:
    bomb = gzip.compress(b"\0" * 20_000_000)  # ~20 KB on the wire
    url = web.add("/bomb", raw_gzip=bomb)
    async with Fetcher(replace(TEST_POLICY, max_decompressed_bytes=1_000_000)) as f:
        with pytest.raises(FetchError, match="decompressed"):
            await f.fetch(url)


async def test_a_huge_body_is_refused_by_the_size_cap(web: FakeWeb) -> None:
    url = web.add("/huge", body=b"x" * 3_000_000)
    async with Fetcher(replace(TEST_POLICY, max_bytes=1_000_000)) as f:
        with pytest.raises(FetchError, match="limit"):
            await f.fetch(url)


async def test_a_stalled_body_times_out_and_a_slow_steady_one_finishes(web: FakeWeb) -> None:
    stalled = web.add("/stalled", body=b"y" * 4096, chunk_delay=2.0)
    steady = web.add("/steady", body=b"z" * 4096, chunk_delay=0.05)
    async with Fetcher(replace(TEST_POLICY, read_timeout=0.5, total_timeout=5)) as f:
        with pytest.raises(FetchError, match="timed out"):
            await f.fetch(stalled)
        assert (await f.fetch(steady)).body == b"z" * 4096


async def test_a_literal_private_address_is_refused_without_a_request(web: FakeWeb) -> None:
    async with Fetcher(FetchPolicy(per_host_interval=0)) as f:
        with pytest.raises(UnsafeURLError, match="internal"):
            await f.fetch(web.add("/secret", body=b"s3cret"))
        with pytest.raises(UnsafeURLError):
            await f.fetch("http://169.254.169.254/latest/meta-data/")
    assert web.hits["/secret"] == 0


async def test_localhost_by_name_is_refused(web: FakeWeb) -> None:
    async with Fetcher(FetchPolicy(per_host_interval=0)) as f:
        with pytest.raises(UnsafeURLError):
            await f.fetch(web.url("/x", host="localhost"))
    assert web.hits["/x"] == 0


class _StubDNS(AbstractResolver):
    """Name resolution as a DNS server would answer (no DNS server runs in the tests)."""

    def __init__(self, answers: dict[str, list[str]]) -> None:
        self.answers = answers

    async def resolve(self, host: str, port: int = 0, family: int = socket.AF_INET) -> list[dict]:
        return [
            {"hostname": host, "host": a, "port": port, "family": family, "proto": 0, "flags": 0}
            for a in self.answers[host]
        ]

    async def close(self) -> None:
        pass


@pytest.mark.parametrize(
    ("answers", "refused"),
    [
        (["93.184.216.34"], False),
        (["10.0.0.5"], True),
        (["93.184.216.34", "127.0.0.1"], True),  # one internal address is enough (rebinding)
        (["169.254.169.254"], True),
        (["::1"], True),
    ],
)
async def test_the_resolver_refuses_names_that_resolve_inside(answers: list[str], refused: bool) -> None:
    resolver = SafeResolver(inner=_StubDNS({"news.example": answers}))
    if refused:
        with pytest.raises(UnsafeURLError, match="internal"):
            await resolver.resolve("news.example", 80)
    else:
        assert [h["host"] for h in await resolver.resolve("news.example", 80)] == answers
    trusting = SafeResolver(allow_private=True, inner=_StubDNS({"news.example": answers}))
    assert [h["host"] for h in await trusting.resolve("news.example", 80)] == answers


async def test_a_redirect_to_a_private_address_is_refused_on_that_hop(web: FakeWeb) -> None:
    web.add("/secret", body=b"s3cret")
    web.add("/go", redirect=web.url("/secret"), status=302)
    web.add("/meta", redirect="http://169.254.169.254/latest/meta-data/", status=301)
    # "localhost" is deliberately trusted here so the first hop reaches the fake; the redirect is not.
    policy = FetchPolicy(per_host_interval=0, trusted_hosts=frozenset({"localhost"}))
    async with Fetcher(policy) as f:
        with pytest.raises(UnsafeURLError, match="internal"):
            await f.fetch(web.url("/go", host="localhost"))
        with pytest.raises(UnsafeURLError, match="internal"):
            await f.fetch(web.url("/meta", host="localhost"))
    assert web.hits["/go"] == 1 and web.hits["/secret"] == 0


async def test_requests_to_one_host_keep_the_minimum_interval(web: FakeWeb) -> None:
    url = web.add("/i", body=b"ok")
    async with Fetcher(replace(TEST_POLICY, per_host_interval=0.2)) as f:
        started = time.monotonic()
        await asyncio.gather(*(f.fetch(url) for _ in range(4)))
        assert time.monotonic() - started >= 0.6
