"""URL safety: only http/https, and never a host that resolves to an internal address (SSRF guard)."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from urllib.parse import quote, urlsplit, urlunsplit

ALLOWED_SCHEMES = ("http", "https")
MAX_URL_LENGTH = 2048
_PATH_SAFE = "/%:@!$&'()*+,;=~"  # RFC 3986 path characters and existing escapes stay as they are
_QUERY_SAFE = _PATH_SAFE + "?"


class UnsafeURLError(ValueError):
    """A URL the bot refuses to fetch; the message is safe to show to the user who gave it."""


def is_url(text: str) -> bool:
    """Whether a command-line argument is a web address rather than a path."""
    return text.startswith(("http://", "https://"))


def quote_unsafe(url: str) -> str:
    """A sloppy link made fetchable: spaces and non-ASCII in path, query and fragment percent-encoded."""
    parts = urlsplit(url)
    return urlunsplit(
        (
            parts.scheme,
            parts.netloc,
            quote(parts.path, safe=_PATH_SAFE),
            quote(parts.query, safe=_QUERY_SAFE),
            quote(parts.fragment, safe=_QUERY_SAFE),
        )
    )


def check_url(url: str) -> str:
    """The URL's host after checking its syntax: http/https, a host, no control characters."""
    if not isinstance(url, str) or not url or len(url) > MAX_URL_LENGTH:
        raise UnsafeURLError(f"not a usable URL (at most {MAX_URL_LENGTH} characters)")
    if any(ord(ch) < 33 or ord(ch) == 127 for ch in url):
        raise UnsafeURLError("a URL may not contain spaces or control characters")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise UnsafeURLError(f"not a valid URL ({exc})") from exc
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        raise UnsafeURLError("only http:// and https:// URLs can be followed")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise UnsafeURLError("the URL has no host name")
    if port == 0:
        raise UnsafeURLError("the URL's port is not valid")
    return host


def is_public_address(address: str) -> bool:
    """True for a globally routable unicast address (not loopback, private, link-local, metadata...)."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def literal_address(host: str) -> str | None:
    """The host when it is an IP literal (brackets removed), else None."""
    try:
        return str(ipaddress.ip_address(host.strip("[]")))
    except ValueError:
        return None


def check_literal_host(host: str, allow_private: bool) -> None:
    """Refuse an IP-literal host that is internal (host names are checked when they are resolved)."""
    if allow_private:
        return
    address = literal_address(host)
    if address is not None and not is_public_address(address):
        raise UnsafeURLError(f"{host} is an internal address; the bot does not fetch from it")
    if host.lower() == "localhost" or host.lower().endswith(".localhost"):
        raise UnsafeURLError(f"{host} is an internal address; the bot does not fetch from it")


async def check_host_resolves_public(host: str, allow_private: bool) -> None:
    """Resolve a host name now and refuse it when it points inside (for /feed add's early answer)."""
    check_literal_host(host, allow_private)
    if allow_private or literal_address(host) is not None:
        return
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise UnsafeURLError(f"{host} cannot be resolved ({exc.strerror or exc})") from exc
    if any(not is_public_address(info[4][0]) for info in infos):
        raise UnsafeURLError(f"{host} resolves to an internal address; the bot does not fetch from it")
