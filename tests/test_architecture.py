"""The rules of the house (ARCHITECTURE.md): which module may import which, checked on the source itself."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

BOT = Path(__file__).resolve().parents[1] / "bot"

ROOT_PACKAGE = "bot"  # bot/__init__.py itself: matched exactly, not as the prefix of every module

# Lowest first: a module may import modules of its own layer or of a lower one, never of a higher one.
# A module belongs to the layer of the longest prefix that names it; a new top-level module is placed here.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("errors", ("bot.errors",)),
    ("core", ("bot.news",)),
    (
        "helpers",
        (
            "bot.cron",
            "bot.search",
            "bot.sources.urlsafety",
            "bot.storage.location",
            "bot.replies",
            "bot.render",
            "bot.command_specs",
            "bot.leases",
            "bot.command_text",
            "bot.moments",
        ),
    ),
    ("config", ("bot.config",)),
    ("storage", ("bot.store", "bot.storage", "bot.search_index", "bot.sources.state")),
    ("sources", ("bot.library", "bot.sources")),
    (
        "service",
        (
            "bot.reply_shaping",
            "bot.commands",
            "bot.feed_commands",
            "bot.story_digest",
            "bot.story_threads",
            "bot.scheduling",
        ),
    ),
    ("channels", ("bot.channels",)),
    ("root", ("bot.app", "bot.checks", "bot.__main__", "bot.brief_batch", ROOT_PACKAGE)),
)

# Outside libraries that only some layers may use: the core knows no platform, scheduler, network or database.
CONFINED: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("discord", ("bot.channels",)),
    ("slack_bolt", ("bot.channels",)),
    ("slack_sdk", ("bot.channels",)),
    ("apscheduler", ("bot.cron", "bot.scheduling", "bot.app")),
    ("aiohttp", ("bot.sources", "bot.channels")),
    ("sqlite3", ("bot.storage", "bot.search_index")),
    ("psycopg", ("bot.storage",)),
    ("psycopg_pool", ("bot.storage",)),
    ("jinja2", ("bot.render", "bot.checks")),
)

# The core imports nothing of the service around it (only itself and the error types).
CORE_MAY_IMPORT = ("bot.news", "bot.errors")


def module_name(path: Path) -> str:
    """The dotted module name of a file under bot/ (a package's __init__ is the package)."""
    parts = list(path.relative_to(BOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path, module: str | None = None) -> set[str]:
    """Every module a file imports, absolute and dotted (`from bot import x` counts as bot.x)."""
    me = module or module_name(path)
    package = me.split(".") if path.name == "__init__.py" else me.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            imported = ".".join([*base, node.module] if node.module else base)
            if imported == "bot":  # `from bot import x` imports the module bot.x, not the composition root
                found.update(f"bot.{alias.name}" for alias in node.names)
            else:
                found.add(imported)
    return found


def matches(module: str, prefix: str) -> bool:
    """Whether `module` is `prefix` or inside it (the root package matches only itself)."""
    return module == prefix or (prefix != ROOT_PACKAGE and module.startswith(prefix + "."))


def layer_of(module: str) -> int:
    """The index in LAYERS of the module's layer, by its longest matching prefix; LookupError if none."""
    hits = [(len(p), i) for i, (_, prefixes) in enumerate(LAYERS) for p in prefixes if matches(module, p)]
    if not hits:
        raise LookupError(module)
    return max(hits)[1]


SOURCES = sorted(BOT.rglob("*.py"))


def test_every_module_has_a_layer() -> None:
    unplaced = [module_name(p) for p in SOURCES if not _placed(module_name(p))]
    assert not unplaced, f"add these modules to a layer in LAYERS (and to ARCHITECTURE.md): {unplaced}"


def _placed(module: str) -> bool:
    try:
        layer_of(module)
    except LookupError:
        return False
    return True


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: module_name(p))
def test_imports_point_down(path: Path) -> None:
    me = module_name(path)
    upward = [
        f"{m} ({LAYERS[layer_of(m)][0]})"
        for m in sorted(imports(path))
        if m.startswith("bot") and _placed(m) and layer_of(m) > layer_of(me)
    ]
    assert not upward, f"{me} ({LAYERS[layer_of(me)][0]}) imports a higher layer: {upward}"


@pytest.mark.parametrize("path", [p for p in SOURCES if matches(module_name(p), "bot.news")], ids=module_name)
def test_the_core_imports_only_itself(path: Path) -> None:
    outside = [
        m
        for m in sorted(imports(path))
        if m.split(".")[0] == "bot" and not any(matches(m, p) for p in CORE_MAY_IMPORT)
    ]
    assert not outside, f"{module_name(path)} imports the service: {outside}"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: module_name(p))
def test_outside_libraries_stay_in_their_layers(path: Path) -> None:
    me = module_name(path)
    strays = [
        m
        for m in sorted(imports(path))
        for library, allowed in CONFINED
        if matches(m, library) and not any(matches(me, p) for p in allowed)
    ]
    assert not strays, f"{me} imports {strays}, which belong only to their own layers (see CONFINED)"


def test_the_checker_sees_an_upward_import(tmp_path: Path) -> None:
    # The rules must be able to fail: a core module importing the store, relatively or not, is caught.
    probe = tmp_path / "probe.py"
    probe.write_text("from bot.store import Store\nfrom ...config import Settings\n", encoding="utf-8")
    found = imports(probe, "bot.news.quotes.probe")
    assert {"bot.store", "bot.config"} <= found
    assert all(layer_of(m) > layer_of("bot.news.quotes.probe") for m in ("bot.store", "bot.config"))
    assert layer_of("bot.channels.discord_adapter") > layer_of("bot.commands")
    for unplaced in ("elsewhere.module", "bot.brand_new_module"):
        with pytest.raises(LookupError):
            layer_of(unplaced)
