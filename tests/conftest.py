"""Shared fixtures: every test sees only the shipped rules, never a developer's overrides."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Point the user rules folder, keymap, parse cache and default database at empty temporary places."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("RECERT_RULES_DIR", str(home / "rules"))
    monkeypatch.setenv("RECERT_DB", str(home / "data" / "recert.json"))
    monkeypatch.setenv("RECERT_KEYMAP", str(home / "keymap.toml"))
    monkeypatch.setenv("RECERT_CACHE_DIR", str(home / "cache"))
    return home
