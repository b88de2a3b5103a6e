"""The deployment examples in deploy/ stay valid: the shared config passes the checker, compose and systemd
run the bot's own command with secrets from the environment only."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from bot.config import parse_config
from bot.storage import is_postgres

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"


def test_the_shared_config_is_valid_and_runs_no_console() -> None:
    settings = parse_config((DEPLOY / "config.yaml").read_text(), "deploy/config.yaml", Path("/srv/newsbot"))
    assert settings.platforms.console is False
    assert settings.digests.lease == 300.0
    assert is_postgres(settings.database)
    assert (
        re.search(r"//[^/@\s]*:[^/@\s]*@", (DEPLOY / "config.yaml").read_text()) is None
    )  # no user:password@


def test_compose_runs_replicas_over_postgres_with_secrets_from_the_environment() -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    bot = compose["services"]["bot"]
    assert bot["deploy"]["replicas"] >= 2
    assert bot["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert all(str(value).startswith("${") for value in bot["environment"].values())  # nothing inline
    assert (DEPLOY.parent / bot["build"]["dockerfile"]).is_file()


def test_the_systemd_unit_runs_the_bot_and_does_not_loop_on_a_broken_config() -> None:
    unit = (DEPLOY / "newsbot@.service").read_text()
    assert "ExecStart=/srv/newsbot/.venv/bin/python -m bot run --config" in unit
    assert "RestartPreventExitStatus=2" in unit and "EnvironmentFile=" in unit
