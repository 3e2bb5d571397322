"""The palette's "Screenshot" (Textual's system command) writes the SVG private to the user
(0600), like every export: a screenshot shows the user's records."""

from __future__ import annotations

import os

import pytest

from recert_tui.tui.app import RecertApp
from tests.helpers.files import mode
from tests.helpers.screen import screen_text, wait_for


@pytest.fixture
def loose_umask():
    previous = os.umask(0o022)  # the usual default: new files readable by everyone
    yield
    os.umask(previous)


@pytest.fixture
def downloads(tmp_path, monkeypatch):
    home = tmp_path / "home"
    (home / "Downloads").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DOWNLOAD_DIR", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    return home / "Downloads"


async def test_the_palettes_screenshot_is_private(held, downloads, loose_umask):
    app = RecertApp(held)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("ctrl+p", *"screenshot")
        await wait_for(pilot, lambda: "Save an SVG" in screen_text(app), what="the Screenshot command")
        await pilot.press("enter")
        await wait_for(pilot, lambda: list(downloads.glob("*.svg")), what="the screenshot written")
        [svg] = downloads.glob("*.svg")
        await wait_for(
            pilot,
            lambda: svg.stat().st_size > 0 and any("creenshot" in n.title + n.message for n in app._notifications),
        )
        assert mode(svg) == 0o600, oct(mode(svg))
        assert svg.read_text(encoding="utf-8").lstrip().startswith("<svg")


async def test_a_screenshot_to_a_folder_is_private_too(held, tmp_path, loose_umask):
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        app.deliver_screenshot("shot.svg", str(tmp_path))
        await wait_for(pilot, lambda: (tmp_path / "shot.svg").exists() and (tmp_path / "shot.svg").stat().st_size)
        assert mode(tmp_path / "shot.svg") == 0o600
