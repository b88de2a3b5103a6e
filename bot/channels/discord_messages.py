"""Replies as Discord messages: escaping untrusted text, templates, embeds packed within Discord's limits.

No network here: `render_reply` turns a Reply into plain message specs that the adapter converts to
discord.py objects, so the layout is tested with plain data.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from discord.utils import escape_mentions

from bot.moments import parse_moment
from bot.render import cap_words, make_environment, render_reply, split_message
from bot.replies import Reply

log = logging.getLogger(__name__)

# Discord's limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits)
MAX_CONTENT = 2000
MAX_EMBEDS = 10
MAX_TITLE = 256
MAX_DESCRIPTION = 4096
MAX_FIELDS = 25
MAX_FIELD_NAME = 256
MAX_FIELD_VALUE = 1024
MAX_FOOTER = 2048
MAX_TOTAL = 6000  # all embeds of one message together

ITEMS_PER_PAGE = 6  # quotes/figures per page before paginating with buttons
LINES_PER_PAGE = 15  # articles per page
PAGE_FOOTER_ROOM = 100  # characters kept free in each page for its "Page i of n" footer
COLOUR = 0x3B82F6
CONTINUED = " (continued)"

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_ANGLE = re.compile(r"<(?=[@#:/!&a-zA-Z])")  # <@id> <@&id> <#id> </cmd:id> <t:..> <:emoji:id> <a:..>
_AT_WORD = re.compile(r"@(?=(everyone|here)\b)", re.IGNORECASE)
# Every pattern here runs over untrusted text and is linear-time: no nested or overlapping quantifiers
# (discord.utils.escape_markdown is not: `\[.+\]\(.+\)` and its lookaheads backtrack on "[a](" * 5000).
_INLINE = str.maketrans({c: "\\" + c for c in "\\*_~|`["})  # [ too: no masked link [text](url)
_LINE_START = re.compile(r"^([ \t]*)(>|#|-|\d+(?=\.\s)|\d+(?=\.$))", re.MULTILINE)
_URL = re.compile(r"https?://[^\s<>]+")
_ZWSP = "\u200b"


def neutralise_mentions(text: str) -> str:
    """Make @everyone, @here and every <@…>/<#…>/<t:…> token inert by inserting a zero-width space."""
    text = escape_mentions(text)  # @everyone, @here, @id, @!id, @&id
    text = _AT_WORD.sub("@" + _ZWSP, text)  # case variants escape_mentions leaves alone (@Everyone)
    return _ANGLE.sub("<" + _ZWSP, text)


def escape_plain(text: str) -> str:
    """For places Discord shows without Markdown (footers): strip controls, defuse mentions, cap words."""
    return neutralise_mentions(cap_words(_CONTROL.sub("", text)))


def escape_text(text: str) -> str:
    """For content, titles, descriptions and fields: escape Markdown, so article text renders as written.

    Inline marks (* _ ~ | ` [ and the backslash) get a backslash; at a line start so do block quotes,
    headings, "-" lists and the dot of "1." lists. URLs are left whole so they stay clickable.
    """
    text = cap_words(_CONTROL.sub("", text))
    parts: list[str] = []
    last = 0
    for match in _URL.finditer(text):
        parts.append(_escape_inline(text[last : match.start()]))
        parts.append(match.group())
        last = match.end()
    parts.append(_escape_inline(text[last:]))
    return neutralise_mentions("".join(parts))


def _escape_inline(text: str) -> str:
    text = text.translate(_INLINE)
    return _LINE_START.sub(_line_start, text)


def _line_start(match: re.Match[str]) -> str:
    indent, mark = match.groups()
    if mark[0].isdigit():
        return f"{indent}{mark}\\"  # "1." -> "1\." (the backslash goes before the dot that follows)
    return f"{indent}\\{mark}"


@dataclass(frozen=True)
class FieldSpec:
    """One embed field."""

    name: str
    value: str


@dataclass(frozen=True)
class EmbedSpec:
    """One embed, already escaped and within the per-embed limits."""

    title: str | None = None
    description: str | None = None
    fields: tuple[FieldSpec, ...] = ()
    footer: str | None = None
    url: str | None = None
    colour: int = COLOUR

    @property
    def size(self) -> int:
        """Characters counting towards Discord's 6,000 per message."""
        total = len(self.title or "") + len(self.description or "") + len(self.footer or "")
        return total + sum(len(f.name) + len(f.value) for f in self.fields)


@dataclass(frozen=True)
class MessageSpec:
    """One Discord message: content and embeds within the per-message limits."""

    content: str | None = None
    embeds: tuple[EmbedSpec, ...] = ()


@dataclass(frozen=True)
class RenderedReply:
    """A reply as messages to send in order; `paginated` when they are pages of one message (buttons)."""

    messages: tuple[MessageSpec, ...]
    paginated: bool = False


def clip(text: str, limit: int) -> str:
    """Shorten text to the limit at a word boundary, marking the cut with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    if cut < limit // 2:
        cut = limit - 1
    return text[:cut].rstrip() + "…"


def split_field(name: str, value: str) -> list[FieldSpec]:
    """A field, as several when its value is over 1,024 characters (cut between words, nothing lost)."""
    name = clip(name.strip() or "\u200b", MAX_FIELD_NAME)
    chunks = split_message(value, MAX_FIELD_VALUE) or ["\u200b"]
    cont = clip(name, MAX_FIELD_NAME - len(CONTINUED)) + CONTINUED
    return [FieldSpec(name if i == 0 else cont, chunk) for i, chunk in enumerate(chunks)]


@dataclass
class _Draft:
    title: str | None
    footer: str | None
    url: str | None
    lines: list[str] = field(default_factory=list)
    fields: list[FieldSpec] = field(default_factory=list)

    def size(self) -> int:
        n = len(self.title or "") + len(self.footer or "") + len("\n".join(self.lines))
        return n + sum(len(f.name) + len(f.value) for f in self.fields)

    def spec(self) -> EmbedSpec:
        return EmbedSpec(self.title, "\n".join(self.lines) or None, tuple(self.fields), self.footer, self.url)


def pack_embeds(
    title: str,
    lines: Sequence[str],
    fields: Sequence[FieldSpec],
    footer: str | None = None,
    url: str | None = None,
    reserve: int = 0,
) -> list[EmbedSpec]:
    """Embeds holding the lines (as description) then the fields, starting a new embed at a line or field
    boundary whenever one would pass the description, field-count or 6,000-character limit.

    `reserve` keeps room in every embed for text added later (a page footer)."""
    budget = MAX_TOTAL - reserve
    title = clip(title, MAX_TITLE)
    footer = clip(footer, MAX_FOOTER) if footer else None
    embeds: list[EmbedSpec] = []
    draft = _Draft(title, footer, url)

    def next_draft() -> _Draft:
        embeds.append(draft.spec())
        return _Draft(clip(title, MAX_TITLE - len(CONTINUED)) + CONTINUED, None, None)

    room = budget - MAX_TITLE - len(footer or "")
    pieces = [p for line in lines for p in split_message(line, min(MAX_DESCRIPTION, room))]
    for line in pieces:
        description = len("\n".join(draft.lines)) + len(line) + (1 if draft.lines else 0)
        if draft.lines and (description > MAX_DESCRIPTION or draft.size() + len(line) + 1 > budget):
            draft = next_draft()
        draft.lines.append(line)
    for f in fields:
        full = len(draft.fields) >= MAX_FIELDS or draft.size() + len(f.name) + len(f.value) > budget
        if full:
            draft = next_draft()
        draft.fields.append(f)
    embeds.append(draft.spec())
    return embeds


def pack_messages(embeds: Sequence[EmbedSpec], content: str | None = None) -> list[MessageSpec]:
    """Messages of at most 10 embeds and 6,000 embed characters each; content (if any) comes first."""
    messages: list[MessageSpec] = []
    texts = split_message(content, MAX_CONTENT) if content else []
    for text in texts[:-1]:
        messages.append(MessageSpec(text))
    current: list[EmbedSpec] = []
    size = 0
    for embed in embeds:
        if current and (len(current) >= MAX_EMBEDS or size + embed.size > MAX_TOTAL):
            messages.append(MessageSpec(texts.pop() if texts else None, tuple(current)))
            texts = []
            current, size = [], 0
        current.append(embed)
        size += embed.size
    if current or texts:
        messages.append(MessageSpec(texts.pop() if texts else None, tuple(current)))
    return messages


def text_messages(text: str) -> list[MessageSpec]:
    """Plain content split at line boundaries into messages of at most 2,000 characters."""
    return [MessageSpec(chunk) for chunk in split_message(text, MAX_CONTENT)] or [MessageSpec("\u200b")]


_MARKER_LINE = re.compile(r"^-# digest \S+ · \d+/\d+$", re.MULTILINE)


def digest_marker(key: str, index: int, total: int) -> str:
    """The small last line of digest message `index`: its scheduled time and part, found again on retry."""
    scheduled = key.split(":", 2)[-1]  # the ledger key is platform:channel:time; the channel is implied
    return f"-# digest {scheduled} · {index + 1}/{total}"


def with_marker(spec: MessageSpec, marker: str) -> MessageSpec:
    """The message with the marker as its content's last line (within the content limit)."""
    if not spec.content:
        return MessageSpec(marker, spec.embeds)
    content = clip(spec.content, MAX_CONTENT - len(marker) - 1)
    return MessageSpec(f"{content}\n{marker}", spec.embeds)


def markers_in(content: str) -> set[str]:
    """The digest markers in a message's content."""
    return set(_MARKER_LINE.findall(content))


def message_nonce(channel_id: str, reply: Reply, index: int) -> str:
    """A stable nonce for message `index` of a posted reply, so Discord drops a retried duplicate."""
    key = json.dumps([channel_id, reply.kind, reply.data, index], sort_keys=True, default=str)
    return hashlib.sha256(key.encode()).hexdigest()[:25]


def epoch(value: Any) -> int | None:
    """Seconds since 1970 of an ISO date-time (for Discord's <t:…> timestamps); None if it is not one."""
    moment = parse_moment(value)
    return int(moment.timestamp()) if moment is not None else None


class DiscordRenderer:
    """Renders replies with templates/discord/<kind>.j2 (macros) into messages within Discord's limits."""

    def __init__(self, template_dir: Path) -> None:
        self._text = make_environment(template_dir, escape_text)
        self._plain = make_environment(template_dir, escape_plain)
        for env in (self._text, self._plain):
            env.filters["epoch"] = epoch  # an int, so templates can build <t:…:f> (shown in local time)

    def _macro(self, kind: str, name: str, plain: bool = False) -> Callable[..., str]:
        env = self._plain if plain else self._text
        module = env.get_template(f"discord/{kind}.j2").module
        macro = getattr(module, name)
        return lambda *args: str(macro(*args)).strip()

    def render(self, reply: Reply) -> RenderedReply:
        """The reply as Discord messages."""
        kind = reply.kind
        data: Mapping[str, Any] = reply.data
        if kind == "briefing":
            return RenderedReply(tuple(pack_messages(self.briefing_embeds(data))))
        if kind == "digest":
            embeds = [e for b in data.get("briefings", []) for e in self.briefing_embeds(b)]
            header = self._macro("digest", "header")(data)
            return RenderedReply(tuple(pack_messages(embeds, header)))
        if kind in ("quotes", "figures"):
            return self._item_pages(kind, data)
        if kind == "articles":
            return self._article_pages(data)
        if kind in ("schedule", "help", "notice"):  # one text, rendered whole as on the other platforms
            return RenderedReply(tuple(text_messages(render_reply(self._text, "discord", reply))))
        log.warning("no Discord template for reply kind %r; sending it as a notice", kind)
        return RenderedReply(tuple(text_messages(escape_text(str(data.get("text", kind))))))

    def briefing_embeds(self, data: Mapping[str, Any]) -> list[EmbedSpec]:
        """The embeds of one briefing: key points in the description, quotes and figures as fields."""
        m = lambda name, plain=False: self._macro("briefing", name, plain)  # noqa: E731
        article = data["article"]
        lines = [m("point")(p) for p in data.get("key_points", [])] or [m("no_points")()]
        fields: list[FieldSpec] = []
        for q in data.get("quotes", []):
            fields += split_field(m("quote_name")(q), m("quote_value")(q))
        for f in data.get("figures", []):
            fields += split_field(m("figure_name")(f), m("figure_value")(f))
        source = str(article.get("source") or "")
        url = source if re.match(r"https?://\S+$", source) and len(source) <= 2048 else None
        return pack_embeds(m("title")(article), lines, fields, m("footer", True)(article) or None, url)

    def _item_pages(self, kind: str, data: Mapping[str, Any]) -> RenderedReply:
        m = lambda name, plain=False: self._macro(kind, name, plain)  # noqa: E731
        items = list(data.get("items", []))
        if not items:
            return RenderedReply(tuple(text_messages(m("empty")(data))))
        title = m("title")(data)
        chunks = [items[i : i + ITEMS_PER_PAGE] for i in range(0, len(items), ITEMS_PER_PAGE)]
        embeds: list[EmbedSpec] = []
        for chunk in chunks:
            fields = [f for item in chunk for f in split_field(m("item_name")(item), m("item_value")(item))]
            embeds += pack_embeds(title, [], fields, reserve=PAGE_FOOTER_ROOM)
        return self._pages(kind, embeds)

    def _article_pages(self, data: Mapping[str, Any]) -> RenderedReply:
        m = lambda name, plain=False: self._macro("articles", name, plain)  # noqa: E731
        items = list(data.get("items", []))
        if not items:
            return RenderedReply(tuple(text_messages(m("empty")(data))))
        title = m("title")(data)
        embeds: list[EmbedSpec] = []
        for i in range(0, len(items), LINES_PER_PAGE):
            lines = [m("item")(a) for a in items[i : i + LINES_PER_PAGE]]
            embeds += pack_embeds(title, lines, [], reserve=PAGE_FOOTER_ROOM)
        return self._pages("articles", embeds)

    def _pages(self, kind: str, embeds: list[EmbedSpec]) -> RenderedReply:
        if len(embeds) == 1:
            return RenderedReply((MessageSpec(None, (embeds[0],)),))
        page = self._macro(kind, "page", True)
        pages = []
        for i, e in enumerate(embeds):
            footer = clip(page(i + 1, len(embeds)), PAGE_FOOTER_ROOM)
            pages.append(MessageSpec(None, (EmbedSpec(e.title, e.description, e.fields, footer, e.url),)))
        return RenderedReply(tuple(pages), paginated=True)
