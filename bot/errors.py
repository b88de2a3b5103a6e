"""The project's small set of exception types."""

from __future__ import annotations


class BotError(Exception):
    """Base of every error the project raises on purpose."""


class ConfigError(BotError):
    """The configuration is invalid; the message names the key path and line."""


class ArticleError(BotError):
    """An article file cannot be read (empty, binary, too large, unreadable)."""


class UserError(BotError):
    """A user's command cannot be carried out; the message is safe to show to that user."""
