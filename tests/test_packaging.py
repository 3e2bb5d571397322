"""A plain (non-editable) install must carry the rule catalog and the demo profile."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    return next(out.glob("recert_tui-*.whl"))


def test_wheel_ships_every_rule_file(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    shipped = sorted(p.name for p in (ROOT / "data" / "credentials").glob("*.toml"))
    assert shipped
    for name in shipped:
        assert f"recert_tui/data/credentials/{name}" in names


def test_installed_wheel_finds_the_rules_from_anywhere(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    code = (
        "import recert_tui, sys; from recert_tui.catalog import load_catalog, shipped_data_dir;"
        f"assert recert_tui.__file__.startswith({str(target)!r}), recert_tui.__file__;"
        "print(shipped_data_dir()); print(','.join(load_catalog().codes))"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert str(target) in result.stdout
    assert "cma-aama,ccma-nha,rma-amt,ncma-ncct,cmac-amca" in result.stdout
