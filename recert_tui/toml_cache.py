"""TOML files parsed once: later reads take the parse from a JSON cache beside its exact text.

Importing tomllib and parsing the five rule files cost about a tenth of `recert status
--json`; decoding the same values as JSON costs a fraction of a millisecond, and json is
loaded anyway. A cached parse is used only when the file's text today is the very text it
was parsed from (the text is stored with it and compared whole), so an edited, replaced or
reinstalled file is always parsed afresh: the cache can be slow to help, never stale.

The cache lives in the user's cache folder; if it cannot be read or written, files are
simply parsed, as without it. It is keyed by text, not by path: two installs of the same
rules share their parses, and it holds only the parses of the files read last, so it never
grows (it grew by a copy of every rule file for each place recert was installed).

Whoever can write in the cache folder decides your rules (a parse is trusted as it is) and,
through a symlink planted at a name the cache writes, could overwrite your files. So the
folder is used only if it is yours and no one else can write in it (a shared RECERT_CACHE_DIR
is not: one line on stderr says so, once, and the files are parsed); it is checked on the
folder actually opened, and every file in it is opened through that descriptor. A symlink
at the cache file is never followed, and its files are created anew (O_EXCL | O_NOFOLLOW)
under a random name, then renamed into place.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import stat
import sys
from datetime import date
from typing import TYPE_CHECKING, cast

from .dirs import user_cache_dir
from .textsafe import visible

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

CACHE_ENV_VAR = "RECERT_CACHE_DIR"
_FORMAT = 2  # bump when the cache file's layout changes (2: parses keyed by text, not path)

# Where a folder cannot be opened as a descriptor (Windows), names are joined to its path.
_FOLDER_FDS = os.open in os.supports_dir_fd and hasattr(os, "O_DIRECTORY")
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
# O_NONBLOCK: a FIFO planted at the cache file must not hang the start (no effect on a file).
_READ_FLAGS = os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0)
_CREATE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW
_CACHE_NAME = "toml.json"
_warned = False  # the unsafe-folder warning is given once per process


class TOMLError(ValueError):
    """`path` is not valid TOML; the message says where in it."""

    def __init__(self, path: str | Path, message: str) -> None:
        super().__init__(message)
        self.path = path


def cache_file() -> str:
    """`$RECERT_CACHE_DIR/toml.json`, else `<user cache dir>/toml.json`."""
    return os.path.join(os.environ.get(CACHE_ENV_VAR) or user_cache_dir(), _CACHE_NAME)


def read_toml_files(paths: Sequence[str | Path]) -> list[dict]:
    """Each file's parsed TOML, in order. Raises OSError, or TOMLError naming the problem."""
    texts = [_text(path) for path in paths]
    folder = _cache_folder()
    try:
        return _parses(paths, texts, folder)
    finally:
        if isinstance(folder, int):
            os.close(folder)


def _parses(paths: Sequence[str | Path], texts: list[str], folder: int | str | None) -> list[dict]:
    cached = _read_cache(folder) if folder is not None else {}
    parsed: list[dict] = []
    used: dict[str, object] = {}  # text -> its parse, for each file read now that has a JSON form
    fresh = False
    for path, text in zip(paths, texts, strict=True):
        if text in cached:
            # A cached parse is a TOML file's parse, a table: the cache is written only from those.
            parsed.append(cast(dict, cached[text]))
            used[text] = cached[text]
            continue
        data = _parse(path, text)
        parsed.append(data)
        try:
            _to_json(data)
        except _NoJSONForm:
            continue  # a TOML time: this file is parsed every time, and the cache left as it is
        used[text] = data
        fresh = True
    if fresh:
        _write_cache(used, folder)
    return parsed


def _text(path: str | Path) -> str:
    with open(path, "rb") as handle:
        raw = handle.read()
    try:
        return raw.decode("utf-8")  # TOML files are UTF-8, as tomllib reads them
    except UnicodeDecodeError as error:
        raise TOMLError(path, f"not UTF-8 text ({error.reason} at byte {error.start})") from None


def _parse(path: str | Path, text: str) -> dict:
    import tomllib  # only on a cache miss: a share of the bench's `status --json` figure (docs/speed.md)

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise TOMLError(path, str(error)) from None


_DATE_TAG = "$date"  # a TOML date is cached as {"$date": "2026-11-23"}


class _NoJSONForm(Exception):
    """The value has no exact JSON form here (a TOML time, or a table shaped like our date tag)."""


def _to_json(value: object) -> object:
    """`value` with its dates tagged, so that JSON gives it back exactly; else _NoJSONForm."""
    if isinstance(value, dict):
        if _DATE_TAG in value:
            raise _NoJSONForm
        return {key: _to_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_to_json(item) for item in value]
    if type(value) is date:  # not datetime, a subclass: TOML date-times stay uncached
        return {_DATE_TAG: value.isoformat()}
    if isinstance(value, float):
        if math.isfinite(value):
            return value
        raise _NoJSONForm
    if isinstance(value, (str, int)):  # bool is an int
        return value
    raise _NoJSONForm


def _from_json(table: dict) -> object:
    """json's object_hook: a tagged date back to a date."""
    if len(table) == 1 and _DATE_TAG in table:
        return date.fromisoformat(table[_DATE_TAG])
    return table


def _cache_folder(create: bool = False) -> int | str | None:
    """The cache folder, open as a descriptor, if it is the user's own and only they can write
    in it; None if it is missing (and not `create`d) or not safe, which stderr is told once.

    Where folders cannot be opened (Windows, which has no such owner and mode bits), its path.
    """
    path = os.path.dirname(cache_file())
    try:
        if create:
            os.makedirs(path, mode=0o700, exist_ok=True)
        if not _FOLDER_FDS:
            return path if os.path.isdir(path) else None
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return None
    try:
        folder = os.fstat(fd)  # the folder opened, not its path: swapping the path later changes nothing
    except OSError:
        os.close(fd)
        return None
    if folder.st_uid != os.getuid():
        problem = "owner"
    elif folder.st_mode & (stat.S_IWGRP | stat.S_IWOTH):  # sticky or not: others could plant files
        problem = "mode"
    else:
        return fd
    os.close(fd)
    _warn(path, problem)
    return None


_UNSAFE_FOLDER = {
    "owner": "belongs to another user, so it is not used (rules are read afresh); "
    "set RECERT_CACHE_DIR to a folder of your own",
    "mode": "can be written by other users, so it is not used (rules are read afresh); "
    "make it private with chmod go-w {path}",
}


def _warn(path: str, problem: str) -> None:
    """Say once, in one line, why the cache folder at `path` is not used."""
    global _warned
    if _warned or sys.stderr is None:
        return
    _warned = True
    shown = visible(path)
    with contextlib.suppress(OSError, ValueError):  # stderr closed or full: the warning is not worth failing for
        print(f"recert: the rule cache folder {shown} {_UNSAFE_FOLDER[problem].format(path=shown)}", file=sys.stderr)


def _in(folder: int | str, name: str) -> tuple[str, int | None]:
    """(name, dir_fd) for os calls on `name` inside `folder`."""
    return (name, folder) if isinstance(folder, int) else (os.path.join(folder, name), None)


def _read_cache(folder: int | str) -> dict[str, object]:
    """File text -> its parse, as the cache file holds them; {} if it holds nothing usable."""
    name, dir_fd = _in(folder, _CACHE_NAME)
    try:
        fd = os.open(name, _READ_FLAGS, dir_fd=dir_fd)  # a symlink there fails (ELOOP): never followed
    except OSError:
        return {}
    try:
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or (_FOLDER_FDS and info.st_uid != os.getuid()):
                return {}  # not a plain file of the user's: parsed afresh, and replaced
            content = json.loads(handle.read(), object_hook=_from_json)
    except (OSError, ValueError):
        return {}
    if not isinstance(content, dict) or content.get("format") != _FORMAT or not isinstance(content.get("parses"), list):
        return {}
    parses = content["parses"]
    if not all(isinstance(entry, list) and len(entry) == 2 and isinstance(entry[0], str) for entry in parses):
        return {}
    return dict(parses)


def _temporary_name() -> str:
    """A fresh name for the file the cache is written to before it is renamed into place."""
    return f".{_CACHE_NAME}.{os.getpid()}.{os.urandom(8).hex()}.tmp"


def _write_cache(parses: dict[str, object], folder: int | str | None) -> None:
    """Replace the cache file atomically (private to the user) with `parses` (text -> parse);
    failing to is harmless. `folder` is the one read from, None if it was missing."""
    kept = [[text, _to_json(data)] for text, data in parses.items()]
    made = folder is None
    if folder is None:
        folder = _cache_folder(create=True)
        if folder is None:
            return
    temp, dir_fd = _in(folder, _temporary_name())
    target, _ = _in(folder, _CACHE_NAME)
    created = False
    try:
        # O_EXCL | O_NOFOLLOW: whatever is already at that name (a planted symlink) is never opened.
        fd = os.open(temp, _CREATE_FLAGS, 0o600, dir_fd=dir_fd)
        created = True
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump({"format": _FORMAT, "parses": kept}, handle, ensure_ascii=False, separators=(",", ":"))
        os.replace(temp, target, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)  # replaces a link there, never follows it
    except (OSError, ValueError):  # ValueError: text the UTF-8 codec cannot write
        if created:
            with contextlib.suppress(OSError):
                os.unlink(temp, dir_fd=dir_fd)
    finally:
        if made and isinstance(folder, int):
            os.close(folder)
