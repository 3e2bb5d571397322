"""Export one 80x24 SVG per screen for the README: `python tests/tui/make_screenshots.py`.

Uses the shipped demo profile with today fixed at 2026-11-23, so the pictures match the tests.
The demo profile has no study records, so the study picture adds the tests' sample ones.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from recert_tui.catalog import load_catalog  # noqa: E402
from recert_tui.tui.app import RecertApp  # noqa: E402
from tests.helpers.rules import SHIPPED  # noqa: E402
from tests.tui.conftest import add_study, open_session  # noqa: E402

OUT = ROOT / "docs" / "screens"
SHOTS = {  # file name -> keys pressed before the picture
    "dashboard": [],
    "activities": ["2"],
    "activity-form": ["2", "a"],
    "exams": ["3"],
    "help": ["question_mark"],
}


def with_starter_bank(session) -> None:
    from recert_tui.exports.starter_bank import starter_items

    session.import_bank(starter_items("cma-aama"))


async def shoot(name: str, keys: list[str], db: Path, demo: bool = False, prepare=None) -> None:
    session = open_session(db, load_catalog(SHIPPED, Path("/nonexistent")))
    if prepare is not None:
        prepare(session)
    app = RecertApp(session, demo=demo)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause(0.3)
            for key in keys:
                await pilot.press(key)
                await pilot.pause(0.2)
            app.save_screenshot(filename=f"{name}.svg", path=str(OUT))
    finally:
        session.close()


async def shoot_roster(folder: Path) -> None:
    """The Roster over the tests' ten sample people, with paths shown relative to their folder."""
    from tests.helpers.roster_people import reading_of, showcase

    here = os.getcwd()
    os.chdir(folder)
    try:
        showcase(folder / "clinic")
        session = open_session(folder / "own.json", load_catalog(SHIPPED, Path("/nonexistent")), write=False)
        app = RecertApp(session, roster=reading_of(session, ["clinic"]))
        try:
            async with app.run_test(size=(80, 24)) as pilot:
                while not app.screen.loaded:
                    await pilot.pause(0.05)
                await pilot.pause(0.3)
                app.save_screenshot(filename="roster.svg", path=str(OUT))
        finally:
            session.close()
    finally:
        os.chdir(here)


async def main() -> None:
    os.environ["RECERT_KEYMAP"] = "/nonexistent/keymap.toml"
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        demo = Path(folder) / "demo.json"
        shutil.copyfile(ROOT / "data" / "demo" / "profile.json", demo)
        for name, keys in SHOTS.items():
            await shoot(name, keys, demo)
        await shoot("first-run", [], Path(folder) / "empty.json")
        studying = Path(folder) / "study.json"
        shutil.copyfile(ROOT / "data" / "demo" / "profile.json", studying)
        await shoot("study", ["4"], studying, prepare=add_study)
        banked = Path(folder) / "bank.json"
        shutil.copyfile(ROOT / "data" / "demo" / "profile.json", banked)
        await shoot("study-bank", ["4"], banked, prepare=with_starter_bank)
        await shoot("mock-exam", ["4", "m", "c", "f"], banked)
        await shoot_roster(Path(folder))
    print(f"wrote {len(SHOTS) + 5} screenshots to {OUT}")


if __name__ == "__main__":
    asyncio.run(main())
