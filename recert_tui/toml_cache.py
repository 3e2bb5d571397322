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
"""

from __future__ import annotations

import json
import math
import os
from datetime import date
from typing import TYPE_CHECKING

from .dirs import user_cache_dir

if TYPE_CHECKING:
    from pathlib import Path

# Paths are text here (os.path, not pathlib): `recert status --json` never imports pathlib (~3.5 ms).

CACHE_ENV_VAR = "RECERT_CACHE_DIR"
_FORMAT = 2  # bump when the cache file's layout changes (2: parses keyed by text, not path)


class TOMLError(ValueError):
    """`path` is not valid TOML; the message says where in it."""

    def __init__(self, path: str | Path, message: str) -> None:
        super().__init__(message)
        self.path = path


def cache_file() -> str:
    """`$RECERT_CACHE_DIR/toml.json`, else `<user cache dir>/toml.json`."""
    return os.path.join(os.environ.get(CACHE_ENV_VAR) or user_cache_dir(), "toml.json")


def read_toml_files(paths: list[str] | list[Path]) -> list[dict]:
    """Each file's parsed TOML, in order. Raises OSError, or TOMLError naming the problem."""
    texts = [_text(path) for path in paths]
    cached = _read_cache()
    parsed: list[dict] = []
    used: dict[str, object] = {}  # text -> its parse, for each file read now that has a JSON form
    fresh = False
    for path, text in zip(paths, texts):
        if text in cached:
            parsed.append(cached[text])
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
        _write_cache(used)
    return parsed


def _text(path: str | Path) -> str:
    with open(path, "rb") as handle:
        raw = handle.read()
    try:
        return raw.decode("utf-8")  # TOML files are UTF-8, as tomllib reads them
    except UnicodeDecodeError as error:
        raise TOMLError(path, f"not UTF-8 text ({error.reason} at byte {error.start})") from None


def _parse(path: str | Path, text: str) -> dict:
    import tomllib  # only on a cache miss

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


def _read_cache() -> dict[str, object]:
    """File text -> its parse, as the cache file holds them; {} if it holds nothing usable."""
    try:
        with open(cache_file(), "rb") as handle:
            content = json.loads(handle.read(), object_hook=_from_json)
    except (OSError, ValueError):
        return {}
    if not isinstance(content, dict) or content.get("format") != _FORMAT or not isinstance(content.get("parses"), list):
        return {}
    parses = content["parses"]
    if not all(isinstance(entry, list) and len(entry) == 2 and isinstance(entry[0], str) for entry in parses):
        return {}
    return dict(parses)


def _write_cache(parses: dict[str, object]) -> None:
    """Replace the cache file atomically (private to the user) with `parses` (text -> parse);
    failing to is harmless."""
    kept = [[text, _to_json(data)] for text, data in parses.items()]
    target = cache_file()
    folder = os.path.dirname(target)
    temp = os.path.join(folder, f".{os.path.basename(target)}.{os.getpid()}.tmp")
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump({"format": _FORMAT, "parses": kept}, handle, ensure_ascii=False, separators=(",", ":"))
        os.replace(temp, target)
    except (OSError, ValueError):  # ValueError: text the UTF-8 codec cannot write
        try:
            os.unlink(temp)
        except OSError:
            pass
