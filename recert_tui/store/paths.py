"""Where the database file lives: --db flag, then $RECERT_DB, then the platform data dir."""

from __future__ import annotations

import os
from pathlib import Path

from ..dirs import user_data_dir

ENV_VAR = "RECERT_DB"
FILE_NAME = "recert.json"


def default_db_path() -> Path:
    """$RECERT_DB if set (and non-empty), else <user data dir>/recert-tui/recert.json."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    return Path(user_data_dir()) / FILE_NAME


def resolve_db_path(cli_value: str | None) -> Path:
    """The path to use: the CLI value wins, then $RECERT_DB, then the default."""
    if cli_value:
        return Path(cli_value).expanduser()
    return default_db_path()


def permission_problem(real_path: Path, name: str) -> str | None:
    """A sentence if users other than the owner can open the file, else None."""
    try:
        mode = os.stat(real_path).st_mode & 0o777
    except OSError:
        return None
    if not mode & 0o077:
        return None
    return (f"{name} can be opened by other users on this computer (mode {mode:04o}); "
            "it should be private to you (0600).")
