"""Fixtures every folder shares, and the slow tier.

Every test sees only the shipped rules, never a developer's overrides. Helpers that are plain
functions live in tests/helpers; a folder's own conftest.py holds only what that folder uses.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import Phase, settings

from recert_tui.catalog import Catalog
from tests.helpers.rules import shipped_catalog

# The suite starts `recert` in a few hundred subprocesses. Where the environment forbids
# bytecode files (PYTHONDONTWRITEBYTECODE, set on some machines), each of them compiled every
# module again: about 30 s of the default run. The suite's own subprocesses write and reuse
# __pycache__ (ignored by git) as on any developer's machine.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


def _slow_tier(config) -> bool:
    """Whether this run asked for the long runs: `-m ...` or RECERT_SLOW=1 (what CI runs after
    the test command)."""
    return bool(config.option.markexpr or os.environ.get("RECERT_SLOW"))


def pytest_configure(config):
    """Outside the slow tier, a failing hypothesis example is reported as found, not shrunk:
    shrinking one that drives the whole app can take hypothesis five minutes (its own cap),
    longer than the rest of the run. The slow tier shrinks it to its smallest form."""
    quick = [phase for phase in Phase if phase not in (Phase.shrink, Phase.explain)]
    settings.register_profile("recert-default-run", phases=quick)
    settings.register_profile("recert-slow-tier", phases=list(Phase))
    settings.load_profile("recert-slow-tier" if _slow_tier(config) else "recert-default-run")


def pytest_xdist_auto_num_workers(config) -> int:
    """`-n auto`: two workers a core. Much of the suite waits rather than computes (the CLI in
    subprocesses, apps in terminals, timers), so on 2 cores 4 workers took 2 min 44 s where 2
    took 3 min 56 s. The slow tier keeps one a core: its runs time themselves against the
    machine (kills landing mid-command, the benchmarks), and doubled up they starved."""
    return (1 if _slow_tier(config) else 2) * (os.cpu_count() or 1)


def pytest_collection_modifyitems(config, items):
    """Tests marked `slow` (long fault runs, minutes each) run only in the slow tier."""
    if _slow_tier(config):
        return
    skip = pytest.mark.skip(reason="a long run: use -m slow or RECERT_SLOW=1")
    for item in items:
        if item.get_closest_marker("slow"):
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Point the user rules folder, keymap, parse cache and default database at empty temporary places."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("RECERT_RULES_DIR", str(home / "rules"))
    monkeypatch.setenv("RECERT_DB", str(home / "data" / "recert.json"))
    monkeypatch.setenv("RECERT_KEYMAP", str(home / "keymap.toml"))
    monkeypatch.setenv("RECERT_CACHE_DIR", str(home / "cache"))
    return home


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """The shipped rules, no user's own."""
    return shipped_catalog()
