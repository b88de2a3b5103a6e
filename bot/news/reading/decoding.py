"""Article bytes -> text: UTF-8 (with or without BOM), UTF-16 (BOM, or the zero bytes of ASCII
text), cp1252 and latin-1; binary and empty files refused; HTML recognised by its content."""

from __future__ import annotations

import codecs
import re

from bot.errors import ArticleError

_SNIFF = 8192
_MAX_CONTROLS = 8
# Control characters other than the whitespace ones (\t \n \f \r): counted in C rather than per character
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
# Markup that only a web page starts with, or tags that fill it.
_HTML_START = re.compile(
    r"^\s*(?:<!doctype\s+html|<html\b|<\?xml[^>]{0,200}>\s*<html\b|<head\b|<!--)", re.IGNORECASE
)
_HTML_TAG = re.compile(
    r"<(?:p|div|span|a|script|meta|link|body|head|article|section|li|br|img)\b[^<>]{0,300}>", re.IGNORECASE
)
HTML_TAG_SHARE = 0.05  # tags per non-space character... over this many tag characters, it is a page


def _utf16(raw: bytes) -> str | None:
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16")
    head = raw[:_SNIFF]
    if len(head) >= 8:
        evens, odds = head[0::2], head[1::2]
        # ASCII letters in UTF-16 leave every other byte zero.
        if odds.count(0) > 0.8 * len(odds) and evens.count(0) < 0.05 * len(evens):
            return raw.decode("utf-16-le", errors="replace")
        if evens.count(0) > 0.8 * len(evens) and odds.count(0) < 0.05 * len(odds):
            return raw.decode("utf-16-be", errors="replace")
    return None


def decode_article(raw: bytes, source: str) -> str:
    """Decode article bytes to text with "\\n" line ends; raise ArticleError for empty or binary input."""
    try:
        text = _utf16(raw)
    except UnicodeDecodeError as exc:
        raise ArticleError(f"{source}: the file is not valid UTF-16 text") from exc
    if text is None:
        if b"\x00" in raw[:_SNIFF]:
            raise ArticleError(f"{source}: the file looks binary, not text")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = raw.decode("cp1252")  # Windows' default: curly quotes and dashes in 0x80-0x9f
            except UnicodeDecodeError:
                text = raw.decode("latin-1")
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise ArticleError(f"{source}: the article is empty")
    controls = len(_CONTROL.findall(text, 0, _SNIFF))
    if controls > _MAX_CONTROLS or "\x00" in text[:_SNIFF]:
        raise ArticleError(f"{source}: the file looks binary, not text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def looks_like_html(text: str) -> bool:
    """Whether a text is a web page's markup (whatever the file is called)."""
    head = text[:_SNIFF]
    if _HTML_START.match(head):
        return True
    tags = sum(len(m.group(0)) for m in _HTML_TAG.finditer(head))
    return tags > HTML_TAG_SHARE * max(len(head.strip()), 1) and tags > 200
