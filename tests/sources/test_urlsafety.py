"""URL safety: which URLs and addresses the bot refuses to fetch (rows: input, refused?)."""

from __future__ import annotations

import pytest

from bot.sources.urlsafety import UnsafeURLError, check_literal_host, check_url, is_public_address

URLS = [
    ("https://news.example.com/rss", False),
    ("http://news.example.com:8080/feed.xml", False),
    ("ftp://news.example.com/feed", True),
    ("file:///etc/passwd", True),
    ("javascript:alert(1)", True),
    ("gopher://x/", True),
    ("https:///nohost", True),
    ("https://exa mple.com/", True),
    ("https://example.com/\x00", True),
    ("https://example.com:99999/", True),
    ("https://" + "a" * 3000 + ".com/", True),
]


@pytest.mark.parametrize(("url", "refused"), URLS)
def test_check_url_accepts_only_http_and_https_urls_with_a_host(url: str, refused: bool) -> None:
    if refused:
        with pytest.raises(UnsafeURLError):
            check_url(url)
    else:
        assert check_url(url) == url.split("://")[1].split("/")[0].split(":")[0]


ADDRESSES = [
    ("93.184.216.34", True),
    ("2606:2800:220:1:248:1893:25c8:1946", True),
    ("127.0.0.1", False),
    ("10.1.2.3", False),
    ("172.16.0.9", False),
    ("192.168.1.1", False),
    ("169.254.169.254", False),  # cloud metadata
    ("100.64.0.1", False),  # carrier-grade NAT
    ("0.0.0.0", False),
    ("::1", False),
    ("fe80::1", False),
    ("fd00:ec2::254", False),  # AWS metadata over IPv6
    ("::ffff:127.0.0.1", False),  # IPv4-mapped loopback
    ("224.0.0.1", False),
    ("not an address", False),
]


@pytest.mark.parametrize(("address", "public"), ADDRESSES)
def test_only_globally_routable_addresses_are_public(address: str, public: bool) -> None:
    assert is_public_address(address) is public


@pytest.mark.parametrize("host", ["127.0.0.1", "[::1]", "10.0.0.5", "localhost", "db.localhost"])
def test_internal_literal_hosts_are_refused_unless_allowed(host: str) -> None:
    with pytest.raises(UnsafeURLError, match="internal"):
        check_literal_host(host, allow_private=False)
    check_literal_host(host, allow_private=True)


def test_a_public_literal_and_a_host_name_pass_the_literal_check() -> None:
    check_literal_host("93.184.216.34", allow_private=False)
    check_literal_host("news.example.com", allow_private=False)  # its addresses are checked on connect
