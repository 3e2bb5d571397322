"""The user's key remapping: `keymap.toml` lines of `binding-id = "key"`.

Read once at start. A broken file must not stop the app, so problems come back as a sentence
for a notification instead of an exception.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path


def keymap_path() -> Path:
    """`RECERT_KEYMAP`, else `<user config dir>/keymap.toml`."""
    configured = os.environ.get("RECERT_KEYMAP")
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir("recert-tui", appauthor=False)) / "keymap.toml"


def load_keymap(path: Path | None = None) -> tuple[dict[str, str], str]:
    """(binding id -> keys, problem sentence or ''). A missing file is no problem."""
    path = path or keymap_path()
    try:
        with path.open("rb") as handle:
            raw = tomllib.load(handle)
    except FileNotFoundError:
        return {}, ""
    except (OSError, tomllib.TOMLDecodeError) as error:
        return {}, f"The keymap {path} was not used: {error}."
    # TOML reads `activity.add = "insert"` as a nested table, so flatten it back to dotted ids;
    # an enclosing [keys] or [keymap] table is accepted too.
    keymap: dict[str, str] = {}
    ignored: list[str] = []
    for binding_id, value in _flatten(raw):
        binding_id = binding_id.removeprefix("keys.").removeprefix("keymap.")
        if isinstance(value, str) and value.strip():
            keymap[binding_id] = value.strip()
        else:
            ignored.append(binding_id)
    problem = f"In {path}, these entries are not `id = \"key\"` and were ignored: {', '.join(ignored)}." if ignored else ""
    return keymap, problem


def _flatten(table: dict, prefix: str = ""):
    for key, value in table.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, dict):
            yield from _flatten(value, dotted + ".")
        else:
            yield dotted, value
