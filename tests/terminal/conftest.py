"""The installed `recert` in a real terminal (or without one), as a user runs it."""

from __future__ import annotations

import os
from pathlib import Path

from recert_tui.session import Session
from tests.helpers.rules import TODAY, shipped_catalog


def recert_env(home: Path) -> dict[str, str]:
    """The environment `recert` runs in: no user rules, keymap or config of the developer's."""
    env = dict(os.environ)
    env.update(
        RECERT_RULES_DIR=str(home / "rules"),
        RECERT_KEYMAP=str(home / "keymap.toml"),
        RECERT_CACHE_DIR=str(home / "cache"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        HOME=str(home),
        TERM="xterm-256color",
        ESCDELAY="10",
    )
    env.pop("NO_COLOR", None)
    return env


def seeded_db(folder: Path, *titles: str) -> Path:
    """A database holding a CMA (AAMA) earned 15 Mar 2022 and one activity per title."""
    db = folder / "recert.json"
    with Session.open(db, TODAY, catalog=shipped_catalog()) as session:
        session.add_credential("cma-aama", "2022-03-15", "CMA-1")
        for day, title in enumerate(titles, start=1):
            session.add_activity(
                {
                    "credential": "cma-aama",
                    "title": title,
                    "date": f"2025-03-{day:02d}",
                    "kind": "ceu",
                    "points": "1",
                    "area": "clinical",
                }
            )
    return db
