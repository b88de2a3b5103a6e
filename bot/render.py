"""Jinja2 rendering of replies per platform, with per-platform escaping and length limits."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from bot.replies import Reply

DEFAULT_TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates"

# Terminal escape sequences, other control characters and bidi overrides: untrusted text must not
# recolour, move the cursor or reverse the terminal's text.
_TERMINAL_ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|.)?")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


MAX_WORD = 200  # characters of one word in any message; a longer run without spaces is cut
_LONG_WORD = re.compile(rf"(?<!\S)\S{{{MAX_WORD + 1},}}")  # the lookbehind keeps it linear-time


def cap_words(text: str) -> str:
    """Cut every word longer than MAX_WORD characters (a 120,000-character "word" becomes 201)."""
    if len(text) <= MAX_WORD:
        return text
    return _LONG_WORD.sub(lambda m: m.group()[:MAX_WORD] + "…", text)


def strip_controls(text: str) -> str:
    """The console's escape: drop terminal escape sequences and control characters, keep newlines and tabs."""
    return _CONTROL.sub("", _TERMINAL_ESCAPE.sub("", text))


def make_environment(
    template_dir: Path = DEFAULT_TEMPLATE_DIR, escape: Callable[[str], str] | None = None
) -> SandboxedEnvironment:
    """A sandboxed Jinja2 environment over the template folder; undefined names are errors.

    `escape` is applied to every string a template prints with {{ }} (after cap_words), so untrusted
    article text is escaped for the platform while the template's own markup is kept. Share fragments with
    {% include %} (its output is not escaped again); printing a macro's result with {{ }} escapes it twice.
    """

    def finalize(value: Any) -> Any:
        if isinstance(value, str):
            value = cap_words(value)
            return escape(value) if escape is not None else value
        return value

    return SandboxedEnvironment(
        loader=FileSystemLoader(str(template_dir)),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        finalize=finalize,
    )


def render(env: SandboxedEnvironment, platform: str, name: str, **context: Any) -> str:
    """Render templates/<platform>/<name>.j2 with the context."""
    return env.get_template(f"{platform}/{name}.j2").render(**context).strip()


def render_reply(env: SandboxedEnvironment, platform: str, reply: Reply, **extra: Any) -> str:
    """Render a reply with templates/<platform>/<kind>.j2: it sees `data`, `reply` and the extras."""
    return render(env, platform, reply.kind, data=reply.data, reply=reply, **extra)


def split_message(text: str, limit: int) -> list[str]:
    """Split text into chunks of at most `limit` characters at line (point) boundaries, never mid-word."""
    chunks: list[str] = []
    current = ""
    for line in text.split("\n"):
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) <= limit:
            current = candidate
            continue
        if current:
            chunks.append(current.rstrip())
        while len(line) > limit:
            cut = line.rfind(" ", 0, limit + 1)
            if cut <= 0:
                cut = limit  # a single word longer than the limit: no better place exists
            chunks.append(line[:cut].rstrip())
            line = line[cut:].lstrip()
        current = line
    if current.strip():
        chunks.append(current.rstrip())
    return [c for c in chunks if c.strip()]
