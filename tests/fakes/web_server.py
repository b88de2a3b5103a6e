"""A local stand-in for the web: feeds and pages on loopback, with the failures real servers produce.

Each path is a `Route` (status, headers, body, and behaviours: ETag/Last-Modified answered with 304,
gzip, a slow body, a redirect). The real aiohttp client of the bot talks to it over a loopback socket.
"""

from __future__ import annotations

import asyncio
import gzip
from collections import Counter
from dataclasses import dataclass, field

from aiohttp import web


@dataclass
class Route:
    """How one path answers."""

    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None  # answered with 304 when the client sends it back
    last_modified: str | None = None
    gzip: bool = False  # send the body gzip-encoded
    raw_gzip: bytes | None = None  # send these bytes as the gzip-encoded body (e.g. a bomb)
    chunk_delay: float = 0.0  # seconds between 1 KB chunks: a slow body
    redirect: str | None = None  # Location of a 3xx answer


class FakeWeb:
    """An aiohttp web server on 127.0.0.1 that serves the routes it is given and counts requests."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self.requests: list[tuple[str, dict[str, str]]] = []
        self._runner: web.AppRunner | None = None
        self.port = 0

    @property
    def base(self) -> str:
        """http://127.0.0.1:PORT"""
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        """The URL of a path (on another host name for the same server, e.g. localhost)."""
        return f"http://{host}:{self.port}{path}"

    def add(self, path: str, route: Route | None = None, **kwargs: object) -> str:
        """Serve a path; returns its URL."""
        self.routes[path] = route or Route(**kwargs)  # type: ignore[arg-type]
        return self.url(path)

    def page(self, path: str, title: str, paragraphs: list[str], **kwargs: object) -> str:
        """Serve a news page with a headline and body paragraphs."""
        body = "".join(f"<p>{p}</p>" for p in paragraphs)
        html = (
            f"<html><head><title>{title}</title></head><body><nav>Home | World | Sport</nav>"
            f"<article><h1>{title}</h1>{body}</article><footer>Copyright Example News</footer></body></html>"
        )
        return self.add(path, Route(body=html.encode(), **kwargs))  # type: ignore[arg-type]

    async def start(self) -> None:
        """Listen on a free loopback port."""
        app = web.Application()
        app.router.add_route("GET", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def close(self) -> None:
        """Stop serving."""
        if self._runner is not None:
            await self._runner.cleanup()

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        path = request.path_qs if request.path_qs in self.routes else request.path
        self.hits[path] += 1
        self.requests.append((path, dict(request.headers)))
        route = self.routes.get(path)
        if route is None:
            return web.Response(status=404, text="not found")
        headers = dict(route.headers)
        if route.redirect is not None:
            headers["Location"] = route.redirect
            return web.Response(status=route.status if route.status >= 300 else 302, headers=headers)
        if route.etag:
            headers["ETag"] = route.etag
        if route.last_modified:
            headers["Last-Modified"] = route.last_modified
        if (route.etag and request.headers.get("If-None-Match") == route.etag) or (
            route.last_modified and request.headers.get("If-Modified-Since") == route.last_modified
        ):
            return web.Response(status=304, headers=headers)
        body = route.body
        if route.raw_gzip is not None or route.gzip:
            body = route.raw_gzip if route.raw_gzip is not None else gzip.compress(route.body)
            headers["Content-Encoding"] = "gzip"
        headers["Content-Type"] = route.content_type
        if not route.chunk_delay:
            return web.Response(status=route.status, body=body, headers=headers)
        response = web.StreamResponse(status=route.status, headers=headers)
        await response.prepare(request)
        for start in range(0, len(body), 1024):
            await response.write(body[start : start + 1024])
            await asyncio.sleep(route.chunk_delay)
        await response.write_eof()
        return response
