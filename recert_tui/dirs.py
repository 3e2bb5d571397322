"""The user's folders for recert-tui (data, config and cache), and paths as text.

On Linux and the BSDs these follow the XDG base-directory rules, computed here exactly as
platformdirs computes them (a test holds the two together). Importing platformdirs costs
more than the rest of `recert status --json`'s path lookups together, so it is imported
only on the systems whose rules are not this simple: macOS, Windows and Android.
"""

from __future__ import annotations

import os
import pwd
import sys

APP_NAME = "recert-tui"

# folder kind -> (XDG variable, fallback under the home folder)
_XDG = {
    "data": ("XDG_DATA_HOME", ".local/share"),
    "config": ("XDG_CONFIG_HOME", ".config"),
    "cache": ("XDG_CACHE_HOME", ".cache"),
}


def user_data_dir() -> str:
    return _user_dir("data")


def user_config_dir() -> str:
    return _user_dir("config")


def user_cache_dir() -> str:
    return _user_dir("cache")


def _user_dir(kind: str) -> str:
    if not _plain_xdg():
        import platformdirs

        return getattr(platformdirs, f"user_{kind}_dir")(APP_NAME, appauthor=False)
    variable, fallback = _XDG[kind]
    configured = os.environ.get(variable, "")
    if os.path.isabs(configured):  # XDG: a relative value is to be ignored
        return os.path.join(configured, APP_NAME)
    return os.path.join(_home(), fallback, APP_NAME)


def _plain_xdg() -> bool:
    """Whether this system's folders follow plain XDG rules (platformdirs' Unix class)."""
    if sys.platform in ("win32", "darwin"):
        return False
    android = os.environ.get("ANDROID_DATA") == "/data" and os.environ.get("ANDROID_ROOT") == "/system"
    return not android


def _home() -> str:
    """$HOME if it is an absolute path, else the account's home folder (platformdirs' rule)."""
    home = os.environ.get("HOME", "")
    if os.path.isabs(home):
        return home
    return pwd.getpwuid(os.getuid()).pw_dir.rstrip("/") or "/"


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
