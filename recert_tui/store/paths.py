"""Where the database file lives: --db flag, then $RECERT_DB, then the platform data dir.

Paths here are text, handled with os.path.
"""

from __future__ import annotations

import os
import pwd

from ..dirs import expand_user, pure_path, user_data_dir

ENV_VAR = "RECERT_DB"
FILE_NAME = "recert.json"


def default_db_path() -> str:
    """$RECERT_DB if set (and non-empty), else <user data dir>/recert-tui/recert.json."""
    env = os.environ.get(ENV_VAR)
    if env:
        return expand_user(env)
    return pure_path(os.path.join(user_data_dir(), FILE_NAME))


def resolve_db_path(cli_value: str | None) -> str:
    """The path to use: the CLI value wins, then $RECERT_DB, then the default."""
    if cli_value:
        return expand_user(cli_value)
    return default_db_path()


def absolute_path(path: str | os.PathLike[str]) -> str:
    """str(Path(path).expanduser().absolute()): like os.path.abspath, but '..' stays as typed."""
    text = expand_user(os.fspath(path))
    return text if text.startswith("/") else pure_path(os.path.join(os.getcwd(), text))


def permission_problem(real_path: str | os.PathLike[str], name: str) -> str | None:
    """A sentence if users other than the owner can open the file, else None."""
    try:
        mode = os.stat(real_path).st_mode & 0o777
    except OSError:
        return None
    if not mode & 0o077:
        return None
    return (
        f"{name} can be opened by other users on this computer (mode {mode:04o}); it should be private to you (0600)."
    )


def foreign_owner(path: str | os.PathLike[str], uid: int | None = None) -> str | None:
    """The name of the user who owns `path` (or `uid`) when that is not the user running recert.

    None when it is ours, or it cannot be told (no such file, no user ids on this system).
    """
    if not hasattr(os, "getuid"):
        return None
    if uid is None:
        try:
            uid = os.stat(path).st_uid
        except OSError:
            return None
    if uid == os.getuid():
        return None
    try:
        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return f"user id {uid}"
