"""A rule cache folder others can write in (a shared RECERT_CACHE_DIR) is never trusted.

Whoever can write there could hand you their own parse of the rule files (here: a CMA that
needs 1 point instead of 60) or plant symlinks for the cache to write through.
"""

from __future__ import annotations

import json
import os
import tomllib

from recert_tui.toml_cache import _to_json
from tests.helpers.rules import SHIPPED, TODAY_TEXT

from .conftest import cli_env, run_recert

CMA = SHIPPED / "cma-aama.toml"


def _forged_cache(folder) -> None:
    """The shipped CMA rules' exact text, mapped to a parse that asks for 1 point."""
    text = CMA.read_text(encoding="utf-8")
    forged = tomllib.loads(text)
    forged["ce"]["total_points"]["value"] = 1
    folder.mkdir(exist_ok=True)
    (folder / "toml.json").write_text(json.dumps({"format": 2, "parses": [[text, _to_json(forged)]]}))


def _required_points(db, cache) -> tuple[int, str]:
    run = run_recert(
        ["--db", str(db), "--today", TODAY_TEXT, "status", "--json"],
        cli_env(db.parent / "no-rules", RECERT_CACHE_DIR=str(cache)),
    )
    assert run.returncode == 0, run.stderr
    [credential] = json.loads(run.stdout)["credentials"]
    return credential["points"]["required"], run.stderr


def test_a_world_writable_cache_folder_is_ignored_with_one_line(db, tmp_path):
    shared = tmp_path / "shared-cache"
    _forged_cache(shared)
    os.chmod(shared, 0o777)
    required, err = _required_points(db, shared)
    assert required == 60
    assert err == (
        f"recert: the rule cache folder {shared} can be written by other users, so it is not used "
        f"(rules are read afresh); make it private with chmod go-w {shared}\n"
    )


def test_a_private_cache_folder_is_used(db, tmp_path):
    mine = tmp_path / "my-cache"
    _forged_cache(mine)
    os.chmod(mine, 0o700)
    required, err = _required_points(db, mine)
    assert (required, err) == (1, "")  # trusted: only its owner can have written it
