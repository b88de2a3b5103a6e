"""Jinja2 rendering of briefings and replies, with per-platform escaping."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

log = logging.getLogger(__name__)

DEFAULT_TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates"


def make_environment(template_dir: Path = DEFAULT_TEMPLATE_DIR) -> SandboxedEnvironment:
    """A sandboxed Jinja2 environment over the template folder; undefined names are errors."""
    env = SandboxedEnvironment(
        loader=FileSystemLoader(str(template_dir)),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    return env


def render(env: SandboxedEnvironment, platform: str, name: str, **context: Any) -> str:
    """Render templates/<platform>/<name>.j2 with the context."""
    return env.get_template(f"{platform}/{name}.j2").render(**context).strip()
