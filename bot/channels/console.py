"""The console channel: digests printed to the terminal, slash commands read from stdin."""

from __future__ import annotations

import asyncio
import codecs
import logging
import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from bot.command_specs import COMMANDS_BY_NAME
from bot.command_text import parse_command_text
from bot.render import DEFAULT_TEMPLATE_DIR, make_environment, render_reply, strip_controls
from bot.replies import Caller, CommandHandler, CommandRequest, Reply, notice

log = logging.getLogger(__name__)

PLATFORM = "console"
CHANNEL_ID = "console"
_QUIT = {"quit", "exit", "/quit", "/exit"}
MAX_LINE = 4000  # characters of one typed command (Slack's own cap on command text)


def parse_command(line: str, caller: Caller) -> CommandRequest | str | None:
    """Parse `/quote speaker:Fomin about:"New York"` into a request, an error text, or None (blank line)."""
    text = line.strip()
    if not text or text.startswith("#"):
        return None
    if len(text) > MAX_LINE:
        return f"That command is too long ({len(text)} characters; at most {MAX_LINE})."
    parts = text.removeprefix("/").split(None, 1)
    if not parts:
        return None
    name, rest = parts[0].lower(), parts[1] if len(parts) > 1 else ""
    spec = COMMANDS_BY_NAME.get(name)
    if spec is None:
        return f"I don't know the command /{name}. Type /help to see what I can do."
    # Free words fill the options in order (`/quote Fomin peace`); there is no `public:` on a terminal.
    parsed = parse_command_text(spec, rest, free_text="each", allow_public=False)
    if parsed.error:
        return parsed.error
    return CommandRequest(name=name, args=parsed.args, caller=caller)


class ConsoleChannel:
    """A Channel on the terminal: posts are printed, commands come from stdin; the console user is admin."""

    platform = PLATFORM

    def __init__(
        self,
        handler: CommandHandler,
        template_dir: Path = DEFAULT_TEMPLATE_DIR,
        stdin: TextIO | None = None,
        stdout: TextIO | None = None,
        user_name: str = "console",
    ) -> None:
        self.handler = handler
        self.env = make_environment(template_dir, escape=strip_controls)
        self.stdin = stdin if stdin is not None else sys.stdin
        self.stdout = stdout if stdout is not None else sys.stdout
        self.caller = Caller(PLATFORM, CHANNEL_ID, "console", user_name=user_name, is_admin=True)
        self.finished = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._interactive = bool(getattr(self.stdin, "isatty", lambda: False)())

    async def start(self) -> None:
        """Begin reading commands from stdin (in a thread, so the event loop never blocks)."""
        if self._task is not None:
            return
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[str | None] = asyncio.Queue()

        def read_lines() -> None:
            try:
                for line in self._lines():
                    loop.call_soon_threadsafe(queue.put_nowait, line)
            except (OSError, ValueError) as exc:  # stdin closed under us
                log.debug("console input ended: %s", exc)
            finally:
                try:
                    loop.call_soon_threadsafe(queue.put_nowait, None)
                except RuntimeError:  # the loop is already closed
                    pass

        threading.Thread(target=read_lines, name="console-stdin", daemon=True).start()
        self._task = asyncio.create_task(self._serve(queue))
        self._prompt()

    def _lines(self) -> Iterator[str]:
        """Lines of input; a real file is read with os.read so no buffer lock is held at interpreter exit."""
        try:
            fd = self.stdin.fileno()
        except (AttributeError, OSError, ValueError):
            yield from iter(self.stdin.readline, "")
            return
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        pending = ""
        while True:
            chunk = os.read(fd, 65536)
            pending += decoder.decode(chunk, final=not chunk)
            *lines, pending = pending.split("\n")
            for line in lines:
                yield line + "\n"
            if not chunk:
                break
        if pending:
            yield pending

    async def _serve(self, queue: asyncio.Queue[str | None]) -> None:
        try:
            while True:
                line = await queue.get()
                if line is None or line.strip().lower() in _QUIT:
                    break
                await self.handle_line(line)
                self._prompt()
        finally:
            self.finished.set()

    async def handle_line(self, line: str) -> None:
        """Answer one line of input."""
        parsed = parse_command(line, self.caller)
        if parsed is None:
            return
        if isinstance(parsed, str):
            self._write(notice(parsed, "error"))
            return
        reply = await self.handler.handle(parsed)
        self._write(reply)

    async def post(self, channel_id: str, reply: Reply) -> None:
        """Print a posted reply (a digest) to the terminal."""
        self._write(reply, header=None if channel_id == CHANNEL_ID else f"[{channel_id}]")

    def _write(self, reply: Reply, header: str | None = None) -> None:
        try:
            text = render_reply(self.env, PLATFORM, reply)
        except Exception:
            log.exception("cannot render a %s reply for the console", reply.kind)
            text = "Error: this reply could not be shown (see the log)."
        if header:
            text = f"{header}\n{text}"
        self.stdout.write(text + "\n\n")
        self.stdout.flush()

    def _prompt(self) -> None:
        if self._interactive and not self.finished.is_set():
            self.stdout.write("> ")
            self.stdout.flush()

    async def wait_closed(self) -> None:
        """Wait until the input ends (end of file, "quit") or close() is called."""
        await self.finished.wait()

    async def close(self) -> None:
        """Stop reading commands; safe to call twice."""
        if self._task is not None and not self._task.done():
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
        self.finished.set()
