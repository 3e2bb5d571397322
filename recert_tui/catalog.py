"""Load the rule catalog: the shipped `data/credentials/*.toml`, then the user's overrides.

The user's folder (`<config dir>/rules/`, or `RECERT_RULES_DIR`) may hold a file with the same
name as a shipped one, whose values replace the shipped ones key by key and are marked as the
user's, or a file for a credential the app does not ship.
"""

import os
from functools import lru_cache
from typing import NamedTuple

from .dirs import expand_user, pure_path, user_config_dir
from .domain.outline import ExamOutline, category_refusal_for, outlines_of
from .domain.rules import CredentialRules, RuleFileError, build_rules, merge_override
from .toml_cache import TOMLError, read_toml_files

# The order of the rules reference: the CMA (AAMA) is the primary credential and leads every list.
SHIPPED_ORDER = ("cma-aama", "ccma-nha", "rma-amt", "ncma-ncct", "cmac-amca")


def user_rules_dir() -> str:
    """Where a user keeps rule overrides."""
    configured = os.environ.get("RECERT_RULES_DIR")
    if configured:
        return expand_user(configured)
    return pure_path(os.path.join(user_config_dir(), "rules"))


def shipped_data_dir() -> str:
    """The `data/` folder: inside an installed package it is `recert_tui.data`.

    Run from a source checkout without installing (as the tests do, since the repository
    folder comes first on sys.path), it is the `data/` beside the package.
    """
    try:
        # The package's own folder, not importlib.resources: that import (with zipfile) cost
        # more than the rule files themselves, and the package is never run from a zip.
        from . import data  # type: ignore[attr-defined]  # the top-level data/, a package only once installed
    except ImportError:  # `from . import` says "cannot import name", not ModuleNotFoundError
        return os.path.join(os.path.dirname(os.path.dirname(os.path.realpath(__file__))), "data")
    return os.path.dirname(data.__file__)


def _toml_files(folder: str) -> list[str]:
    """The `*.toml` files in `folder`, sorted; none if it cannot be listed (as Path.glob)."""
    try:
        names = os.listdir(folder)
    except (FileNotFoundError, NotADirectoryError, PermissionError):
        return []
    return [pure_path(os.path.join(folder, name)) for name in sorted(names) if name.endswith(".toml")]


def _stem(path: str) -> str:
    return os.path.splitext(os.path.basename(path))[0]


def _read_rule_files(paths: list[str]) -> list[dict]:
    try:
        return read_toml_files(paths)
    except TOMLError as error:
        raise RuleFileError(f"{error.path}: not valid TOML ({error})") from None
    except OSError as error:
        raise RuleFileError(f"{error.filename}: cannot be read ({error.strerror})") from None


class Catalog(NamedTuple):
    """Every credential's rules, by code, in a stable order."""

    credentials: dict[str, CredentialRules]

    def get(self, code: str) -> CredentialRules:
        try:
            return self.credentials[code]
        except KeyError:
            raise KeyError(code) from None

    def __contains__(self, code: object) -> bool:
        return code in self.credentials

    @property
    def codes(self) -> list[str]:
        return list(self.credentials)

    @property
    def exam_codes(self) -> list[str]:
        return [code for code, rules in self.credentials.items() if rules.exam is not None]


def load_catalog(
    shipped_dir: str | os.PathLike[str] | None = None, user_dir: str | os.PathLike[str] | None = None
) -> Catalog:
    """Read and validate every rule file. Raises RuleFileError naming the file and the key."""
    shipped_dir = pure_path(os.fspath(shipped_dir or os.path.join(shipped_data_dir(), "credentials")))
    user_dir = pure_path(os.fspath(user_dir if user_dir is not None else user_rules_dir()))
    shipped = _toml_files(shipped_dir)
    users = _toml_files(user_dir)
    parsed = _read_rule_files(shipped + users)  # one read of the parse cache for all of them
    # strict=False: `parsed` goes on with the user's files, taken in the loop below.
    raw_by_name: dict[str, tuple[str, dict]] = {
        _stem(path): (path, raw) for path, raw in zip(shipped, parsed, strict=False)
    }
    overrides: dict[str, dict[str, str]] = {}
    for path, user_raw in zip(users, parsed[len(shipped) :], strict=True):
        stem = _stem(path)
        if stem in raw_by_name:
            shipped_file, shipped_raw = raw_by_name[stem]
            merged, touched = merge_override(shipped_raw, user_raw)
            raw_by_name[stem] = (path, merged)
            overrides[stem] = {key: os.path.basename(path) for key in touched}
        else:
            raw_by_name[stem] = (path, user_raw)
    credentials: dict[str, CredentialRules] = {}
    ordered = sorted(
        raw_by_name, key=lambda stem: (SHIPPED_ORDER.index(stem) if stem in SHIPPED_ORDER else len(SHIPPED_ORDER), stem)
    )
    for stem in ordered:
        file, raw = raw_by_name[stem]
        rules = build_rules(file, raw, overrides.get(stem))
        if rules.code != stem:
            raise RuleFileError(f"{file}: key 'code': {rules.code!r} must match the file name {stem!r}")
        credentials[rules.code] = rules
    return Catalog(credentials)


# --- exam outlines ---------------------------------------------------------------------------


def outline_for(code: str) -> ExamOutline:
    """The outline of exam `code` from the catalog (shipped rules and the user's); KeyError if none."""
    outline = _outlines(user_rules_dir()).get(code)
    if outline is None:
        raise KeyError(code)
    return outline


def outline_codes() -> list[str]:
    """The exam codes that have an outline, in the catalog's order."""
    return list(_outlines(user_rules_dir()))


def category_refusal(code: str, category: str) -> str | None:
    """None if `category` is one of exam `code`'s outline categories, else one sentence naming them."""
    try:
        outline = outline_for(code)
    except KeyError:
        return f"{code!r} is not an exam with a content outline (known: {', '.join(outline_codes())})"
    return category_refusal_for(outline, code, category)


@lru_cache(maxsize=4)
def _outlines(user_dir: str) -> dict[str, ExamOutline]:
    """Loaded once per user rules folder: the catalog's own check names any bad file."""
    return outlines_of(load_catalog(user_dir=user_dir).credentials)


def clear_outline_cache() -> None:
    """Forget loaded outlines (a user changed a rule file; tests)."""
    _outlines.cache_clear()
