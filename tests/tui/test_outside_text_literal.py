"""Text from files, hosts and the environment is shown literally: a key name in keymap.toml
or the host name in another session's lock note can never set the terminal title (or colour,
or move the cursor) through a notification, the key bar or any other text."""

from __future__ import annotations

import json
import os
from pathlib import Path

from recert_tui.tui.app import RecertApp
from tests.helpers.screen import screen_text, shows, wait_for

from .conftest import open_session

# TOML escapes: a key name that is an OSC "set title" sequence, and an entry whose id is one.
HOSTILE_KEYMAP = 'help = "\\u001b]0;PWNKEY\\u0007"\n"\\u001b]2;PWNID\\u001b\\\\" = 5\n'


def no_raw_control(text: str) -> bool:
    return not any(char in text for char in ("\x1b", "\x07", "\x9b", "\x9d"))


def notifications(app) -> list[str]:
    return [f"{n.title}\n{n.message}" for n in app._notifications]


async def test_a_hostile_keymap_is_shown_literally(held):
    Path(os.environ["RECERT_KEYMAP"]).write_text(HOSTILE_KEYMAP)
    app = RecertApp(held)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for(pilot, lambda: any("ignored" in note for note in notifications(app)), what="the keymap problem")
        assert all(no_raw_control(note) for note in notifications(app)), notifications(app)
        assert any("\\x1b]2;PWNID" in note for note in notifications(app))  # named, as an escape
        await wait_for(pilot, lambda: shows(app, "ignored"), what="the message on screen")
        assert no_raw_control(screen_text(app))
        assert "\\x1b]0;PWNKEY" in screen_text(app)  # the key bar names the key, visibly
        await pilot.press("question_mark")  # never runs (no such key): help is still listed
        await pilot.press("f1")
        assert no_raw_control(screen_text(app))


async def test_a_hostile_host_name_in_the_lock_note_is_shown_literally(held, db_path, catalog):
    # The writer's lock note names its host: a hand-made (or hostile) one may hold escapes.
    owner = db_path.with_name(db_path.name + ".lock.owner")
    note = json.loads(owner.read_text())
    owner.write_text(json.dumps({**note, "host": "evil\x1b]0;PWNHOST\x07\x1b[2J"}))
    reader = open_session(db_path, catalog)
    try:
        assert reader.read_only and "\x1b" in reader.read_only_reason  # the store keeps it as written
        app = RecertApp(reader)
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await wait_for(pilot, lambda: notifications(app), what="the read-only message")
            app.can_write()  # what any refused change says (the host again)
            await wait_for(pilot, lambda: len(notifications(app)) >= 2, what="the refusal")
            assert all(no_raw_control(note) for note in notifications(app)), notifications(app)
            assert all("\\x1b]0;PWNHOST" in note for note in notifications(app))
            await wait_for(pilot, lambda: shows(app, "PWNHOST"), what="the host on screen")
            assert no_raw_control(screen_text(app))
    finally:
        reader.close()
