"""The user's key remapping: `keymap.toml` lines of `binding-id = "key"`.

Read once at start. A broken file must not stop the app, so problems come back as a sentence
for a notification instead of an exception.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from ..dirs import user_config_dir
from . import actions


def keymap_path() -> Path:
    """`RECERT_KEYMAP`, else `<user config dir>/keymap.toml`."""
    configured = os.environ.get("RECERT_KEYMAP")
    if configured:
        return Path(configured).expanduser()
    return Path(user_config_dir()) / "keymap.toml"


def load_keymap(path: Path | None = None) -> tuple[dict[str, str], str]:
    """(binding id -> keys, problem sentence or ''). A missing file is no problem."""
    path = path or keymap_path()
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        return {}, ""
    except OSError as error:
        return {}, f"The keymap {path} was not used: {error}."

    try:
        raw = tomllib.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
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
    problem = (
        f'In {path}, these entries are not `id = "key"` and were ignored: {", ".join(ignored)}.' if ignored else ""
    )
    return keymap, problem


def _flatten(table: dict, prefix: str = ""):
    for key, value in table.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, dict):
            yield from _flatten(value, dotted + ".")
        else:
            yield dotted, value


def key_words(keymap: dict[str, str], action_id: str) -> str:
    """The keys that run the action `action_id`, as a person types them (`ctrl+s`; `n, q`):
    the keys the user's keymap gives it, else its own.

    For text that tells which key to press, so that it names the key that works.
    """
    keys = keymap.get(action_id, actions.action(action_id).keys)
    return ", ".join(key.strip() for key in keys.split(",") if key.strip())
