"""Where the database file lives: --db flag, then $RECERT_DB, then the platform data dir."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

ENV_VAR = "RECERT_DB"
APP_NAME = "recert-tui"
FILE_NAME = "recert.json"


def default_db_path() -> Path:
    """$RECERT_DB if set (and non-empty), else <user data dir>/recert-tui/recert.json."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    return Path(user_data_dir(APP_NAME, appauthor=False)).expanduser() / FILE_NAME


def resolve_db_path(cli_value: str | None) -> Path:
    """The path to use: the CLI value wins, then $RECERT_DB, then the default."""
    if cli_value:
        return Path(cli_value).expanduser()
    return default_db_path()
