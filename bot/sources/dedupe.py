"""Article identity: canonical URLs, entry GUIDs and a near-duplicate fingerprint (SimHash) of the text."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that only track the reader: removed before URLs are compared.
TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "piwik_", "hsa_", "_hs")
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "msclkid",
        "yclid",
        "igshid",
        "ref",
        "ref_src",
        "cmpid",
        "cmp",
        "ocid",
        "at_medium",
        "at_campaign",
        "smid",
        "smtyp",
        "guccounter",
        "__twitter_impression",
    }
)
DEFAULT_PORTS = {"http": 80, "https": 443}
SHINGLE_WORDS = 3
NEAR_DUPLICATE_BITS = 7  # SimHash distance at or below which two texts are one story (unrelated: ~32)
FINGERPRINT_BITS = 64
_WORD = re.compile(r"\w+")


def canonical_url(url: str) -> str:
    """The URL with tracking parameters, fragment, default port and letter case of scheme/host removed."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    port = parts.port
    netloc = host if port is None or DEFAULT_PORTS.get(scheme) == port else f"{host}:{port}"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in TRACKING_PARAMS and not k.lower().startswith(TRACKING_PREFIXES)
    ]
    path = parts.path or "/"
    if len(path) > 1 and path.endswith("/"):
        path = path.rstrip("/") or "/"
    # http and https copies of one page are one article.
    return urlunsplit(
        ("https" if scheme in DEFAULT_PORTS else scheme, netloc, path, urlencode(sorted(query)), "")
    )


def url_key(url: str) -> str:
    """A short stable key of a canonical URL."""
    return "url:" + hashlib.sha256(canonical_url(url).encode()).hexdigest()[:32]


def guid_key(guid: str) -> str:
    """A short stable key of an entry GUID (GUIDs are global by definition; URL-like ones canonicalised)."""
    value = canonical_url(guid) if guid.startswith(("http://", "https://")) else guid.strip()
    return "guid:" + hashlib.sha256(value.encode()).hexdigest()[:32]


def shingles(text: str, size: int = SHINGLE_WORDS) -> Iterable[str]:
    """Overlapping runs of `size` lower-case words."""
    words = [w.casefold() for w in _WORD.findall(text)]
    if len(words) < size:
        return [" ".join(words)] if words else []
    return (" ".join(words[i : i + size]) for i in range(len(words) - size + 1))


def simhash(text: str) -> int:
    """A 64-bit SimHash over word shingles: near-identical texts get fingerprints a few bits apart."""
    counts = [0] * FINGERPRINT_BITS
    for shingle in shingles(text):
        value = int.from_bytes(hashlib.blake2b(shingle.encode(), digest_size=8).digest(), "big")
        for bit in range(FINGERPRINT_BITS):
            counts[bit] += 1 if value >> bit & 1 else -1
    return sum(1 << bit for bit, count in enumerate(counts) if count > 0)


def hamming(a: int, b: int) -> int:
    """Bits that differ between two fingerprints."""
    return (a ^ b).bit_count()


class FingerprintIndex:
    """Near-duplicate lookup: 8 bands of 8 bits, so any fingerprint within 7 bits shares a band with it."""

    BANDS = NEAR_DUPLICATE_BITS + 1

    def __init__(self) -> None:
        self._bands: list[dict[int, list[tuple[int, str]]]] = [{} for _ in range(self.BANDS)]

    def _keys(self, fingerprint: int) -> list[int]:
        width = FINGERPRINT_BITS // self.BANDS
        return [(fingerprint >> (i * width)) & ((1 << width) - 1) for i in range(self.BANDS)]

    def add(self, fingerprint: int, article_id: str) -> None:
        """Remember an article's fingerprint."""
        for band, key in zip(self._bands, self._keys(fingerprint), strict=True):
            band.setdefault(key, []).append((fingerprint, article_id))

    def find(self, fingerprint: int, max_bits: int = NEAR_DUPLICATE_BITS) -> str | None:
        """The article whose fingerprint is within `max_bits` of this one, if any."""
        for band, key in zip(self._bands, self._keys(fingerprint), strict=True):
            for other, article_id in band.get(key, ()):
                if hamming(other, fingerprint) <= max_bits:
                    return article_id
        return None
