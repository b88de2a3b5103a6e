"""`python -m bot check`: validate a config, the environment it needs and the templates it uses."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

from jinja2 import TemplateError

from bot.config import Secrets, Settings, active_platforms, load_config, runtime_problems
from bot.errors import ConfigError
from bot.replies import ReplyKind

REPLY_KINDS: tuple[str, ...] = get_args(ReplyKind)  # every kind has a template per platform


def template_problems(settings: Settings, platforms: list[str]) -> list[str]:
    """Missing or broken reply templates for the platforms that will run."""
    from bot.render import make_environment

    problems = []
    env = make_environment(settings.templates)
    for platform in platforms:
        for kind in REPLY_KINDS:
            name = f"{platform}/{kind}.j2"
            if not (settings.templates / name).is_file():
                problems.append(f"{settings.source}: templates: {settings.templates / name} is missing")
                continue
            try:
                env.get_template(name)
            except TemplateError as exc:
                line = getattr(exc, "lineno", None)
                where = f"{settings.templates / name}:{line}" if line else str(settings.templates / name)
                problems.append(f"{where}: {exc.message if hasattr(exc, 'message') else exc}")
    return problems


def check_config(path: Path | None, secrets: Secrets | None = None) -> tuple[bool, list[str]]:
    """(ok, lines to print): "…: OK" and warnings, or every error with its key path and line."""
    try:
        settings = load_config(path)
    except ConfigError as exc:
        return False, str(exc).splitlines()
    secrets = secrets if secrets is not None else Secrets.from_env()
    platforms = active_platforms(settings, secrets)
    errors = [f"{settings.source}: {p}" for p in runtime_problems(settings, secrets)]
    errors += template_problems(settings, platforms)
    if errors:
        return False, errors
    lines = []
    if not settings.articles.folder.is_dir():
        lines.append(f"warning: articles.folder {settings.articles.folder} does not exist yet")
    idle = sorted({s.platform for s in settings.digests.subscriptions} - set(platforms))
    if idle:
        lines.append(f"warning: subscriptions for {', '.join(idle)} will wait: that platform is not running")
    lines.append(
        f"{settings.source}: OK (platforms: {', '.join(platforms) or 'none'}; "
        f"{len(settings.digests.subscriptions)} declared subscription(s); "
        f"articles from {settings.articles.folder}; "
        f"database {settings.database})"
    )
    return True, lines
