"""The action registry: each action declared once, and everything derived from it."""

from __future__ import annotations

import os
from pathlib import Path

from recert_tui.tui import actions
from recert_tui.tui.app import RecertApp
from recert_tui.tui.commands import RecertCommands
from recert_tui.tui.screens.activities import ActivitiesScreen
from recert_tui.tui.screens.dashboard import DashboardScreen
from tests.helpers.screen import screen_text, wait_for


def test_an_id_names_one_action_wherever_it_is_used():
    """An action shown in two places differs there only in its label or key-bar place."""
    first: dict[str, actions.Action] = {}
    for place in actions.PLACES:
        for each in actions.actions_at(place.name):
            seen = first.setdefault(each.id, each)
            assert each.at(label=seen.label, show=seen.show) == seen, each.id


def test_screens_bind_what_the_registry_declares():
    assert [b.id for b in DashboardScreen.BINDINGS if b.id] == [a.id for a in actions.actions_at("dashboard")]
    assert [(b.key, b.action, b.id) for b in ActivitiesScreen.BINDINGS] == [
        (a.keys, a.action, a.id) for a in actions.actions_at("activities")
    ]
    assert set(RecertApp.MODES) == {place.name for place in actions.MODES}


def test_each_screen_has_the_action_its_bindings_run():
    for place in actions.MODES:
        screen_class = RecertApp.MODES[place.name].__closure__  # noqa: F841  (built lazily: import by path)
        module, _, name = place.screen.partition(":")
        cls = getattr(__import__(module, fromlist=[name]), name)
        for each in place.actions:
            target = each.action.split("(")[0]
            owner = RecertApp if target.startswith("app.") else cls
            assert hasattr(owner, f"action_{target.removeprefix('app.')}"), (place.name, each.id)


def test_read_only_leaves_out_exactly_the_editing_actions():
    assert actions.write_actions("activities") == {"add_activity", "edit", "delete", "undo"}
    assert actions.write_actions("dashboard") == {"add_activity", "undo"}  # c runs on the app
    assert "add_credential" in actions.write_actions("app")
    assert "export_menu" not in actions.write_actions("app")


def test_help_lists_every_action_and_each_screens_own_keys():
    groups = dict(actions.help_groups())
    listed = [row.id for rows in groups.values() for row in rows if isinstance(row, actions.Action)]
    assert set(listed) == {each.id for each in actions.all_actions()}
    for place in actions.MODES:  # a screen's group has every key of that screen
        ids = [row.id for row in groups[place.title] if isinstance(row, actions.Action)]
        assert ids == [each.id for each in place.actions], place.name
    assert listed.count("dialog.cancel") == 1  # a dialog's shared keys are said once


async def test_a_keymap_override_reaches_key_bar_top_bar_palette_and_texts(held):
    Path(os.environ["RECERT_KEYMAP"]).write_text('activity.add = "insert"\nmode.activities = "f6"\n')
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: "insert Add activity" in screen_text(app), what="the key bar")
        assert "f6 Activities" in screen_text(app).splitlines()[0]  # the top bar
        assert app.keys("activity.add") == "insert"
        hits = {hit.text: hit.help async for hit in RecertCommands(app.screen).discover()}
        assert hits["Add activity"].endswith("Key: insert.")
        await pilot.press("f6")
        await wait_for(pilot, lambda: isinstance(app.screen, ActivitiesScreen))
        await wait_for(pilot, lambda: "insert Add" in screen_text(app), what="the activities key bar")


def test_every_style_a_place_names_exists_and_is_read_once():
    from pathlib import Path

    tui = Path(actions.__file__).parent
    for each in actions.PLACES:
        if each.style:
            assert (tui / each.style).is_file(), (each.name, each.style)
    assert len(RecertApp.LATER_CSS) == len(set(RecertApp.LATER_CSS))
    assert "screens/practice.tcss" in RecertApp.LATER_CSS
