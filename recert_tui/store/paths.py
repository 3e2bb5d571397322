"""Where the database file lives: --db flag, then $RECERT_DB, then the platform data dir.

Paths here are text, handled with os.path: `recert status --json` never imports pathlib
(with urllib.parse and ipaddress, ~3.5 ms of it).
"""

from __future__ import annotations

import os

from ..dirs import user_data_dir

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


def expand_user(text: str) -> str:
    """str(Path(text).expanduser()), failing the same way when there is no home folder."""
    expanded = os.path.expanduser(pure_path(text))
    if expanded.startswith("~"):
        raise RuntimeError("Could not determine home directory.")
    return expanded


def pure_path(text: str) -> str:
    """str(Path(text)): '.' parts, doubled and trailing slashes dropped; '..' kept as typed."""
    root = "//" if text[:2] == "//" and text[2:3] != "/" else "/" if text[:1] == "/" else ""
    return root + "/".join(part for part in text.split("/") if part and part != ".") or "."


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
    return (f"{name} can be opened by other users on this computer (mode {mode:04o}); "
            "it should be private to you (0600).")


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
        import pwd  # only a file of another user's gets here

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return f"user id {uid}"
