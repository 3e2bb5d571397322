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


def _wheel_text(wheel: Path, suffix: str) -> str:
    """The one file in the wheel whose name ends with `suffix`, as text."""
    archive = zipfile.ZipFile(wheel)
    (name,) = [name for name in archive.namelist() if name.endswith(suffix)]
    return archive.read(name).decode("utf-8")


def test_wheel_ships_the_manual_page_as_data_for_share_man_man1(wheel):
    page = _wheel_text(wheel, ".data/data/share/man/man1/recert.1")
    assert page == (ROOT / "docs" / "recert.1").read_text(encoding="utf-8")


def test_wheel_metadata_names_the_project_addresses_and_the_recert_command(wheel):
    metadata = _wheel_text(wheel, ".dist-info/METADATA")
    for label, address in [
        ("Homepage", "https://github.com/recert-tui/recert-tui"),
        ("Source", "https://github.com/recert-tui/recert-tui"),
        ("Issues", "https://github.com/recert-tui/recert-tui/issues"),
        ("Changelog", "https://github.com/recert-tui/recert-tui/blob/main/CHANGELOG.md"),
    ]:
        assert f"Project-URL: {label}, {address}" in metadata.splitlines()
    assert "License-Expression: MIT" in metadata
    entry_points = _wheel_text(wheel, ".dist-info/entry_points.txt")
    assert "recert = recert_tui.cli:command_line" in entry_points.splitlines()


def test_an_install_puts_the_command_in_bin_and_the_page_in_share_man_man1(wheel, tmp_path):
    # What pipx does in its own venv: a prefix gets bin/recert and share/man/man1/recert.1.
    prefix = tmp_path / "prefix"
    subprocess.run(
        # --ignore-installed: with --prefix alone, pip first uninstalls the recert-tui this
        # environment runs the tests from.
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--ignore-installed",
            "-q",
            "--prefix",
            str(prefix),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    assert (prefix / "share" / "man" / "man1" / "recert.1").read_text(encoding="utf-8").startswith(".TH RECERT ")
    assert (prefix / "bin" / "recert").is_file()
