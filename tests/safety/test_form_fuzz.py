"""Bad input in the terminal app: hypothesis-generated text in every field of the activity form.

One app runs per example and takes a series of attempts: each types (keys for plain ASCII, a
bracketed paste for everything else, as a terminal delivers them) into every text field, picks
the choice fields, and presses ctrl+s. After each attempt:

- the app is still running, with no exception;
- a refused save keeps exactly what was typed in every field, shows why, and writes nothing;
- a save stores what the form showed, and every record in the file still passes the input rules;
- the form refuses exactly what the session's own validation refuses (the form and the CLI
  cannot drift apart).
"""

from __future__ import annotations

import asyncio
import json
import string

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from textual import events
from textual.widgets import Input, Select

from recert_tui.domain.validate import InvalidInput
from recert_tui.session import Session
from recert_tui.tui.app import RecertApp
from recert_tui.tui.screens.activities import ActivitiesScreen
from recert_tui.tui.screens.activity_form import TEXT_FIELDS, ActivityForm
from tests.helpers.rules import TODAY, shipped_catalog
from tests.helpers.screen import screen_text, wait_for

from .conftest import fresh_db, record_problems, seed

CATALOG = shipped_catalog()
KEYS_OK = set(string.ascii_letters + string.digits + " -./=,:")

NEAR = {
    "title": ["Wound care", "", "   ", "x" * 500, "x" * 501, "[red]x[/red]", "[@click=app.quit]q[/]"],
    "date": [
        "2025-03-05",
        "3/5/2025",
        "2025-02-29",
        "13/45/2026",
        "2026-11-24",
        "1949-12-31",
        "",
        "soon",
        "2025-3-5",
        "٢٠٢٥-٠٣-٠٥",
    ],
    "college_credits": ["1", "0.5", "8", "9", "0", "-1", "nan", "x", ""],
    "points": ["2", "1.5", "0", "-1", "120", "120.01", "1.005", "nan", "inf", "lots", "", "1e2", "٣"],
    "split": [
        "",
        "clinical=1,general=2",
        "clinical=1,clinical=1",
        "surgical=1",
        "clinical=",
        "=1",
        ",",
        "clinical=60,general=61",
    ],
    "provider": ["", "AAMA", "x" * 300, "x" * 301, "\x1b[31mred"],
    "certificate": ["", "C-1", "x" * 301, "=cmd|' /C calc'!A0"],
    "notes": ["", "n" * 2000, "\x1b]0;title\x07", "\u202eevil"],
}
TEXT = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=12)


GOOD = {
    "title": "Wound care",
    "date": "2025-03-05",
    "college_credits": "",
    "points": "2",
    "split": "",
    "provider": "AAMA",
    "certificate": "",
    "notes": "",
}


@st.composite
def attempt(draw) -> dict:
    """A valid form, then 0 to 4 fields given near-miss or arbitrary text."""
    fields = dict(GOOD)
    for name in draw(st.lists(st.sampled_from(TEXT_FIELDS), max_size=4, unique=True)):
        fields[name] = draw(st.one_of(st.sampled_from(NEAR[name]), TEXT))
    choices = {
        "credential": draw(st.sampled_from(["cma-aama", "rma-amt"])),
        "kind": draw(st.sampled_from(["ceu", "ceu", "cpr", "college", "other"])),
        "area": draw(st.sampled_from(["clinical", "administrative", "general", Select.NULL])),
        "approved": draw(st.sampled_from([Select.NULL, "yes", "no"])),
    }
    typed = draw(st.lists(st.sampled_from(TEXT_FIELDS), max_size=2, unique=True))
    return {"fields": fields, "choices": choices, "edit": draw(st.integers(0, 4)) == 0, "typed": typed}


async def type_text(pilot, box: Input, text: str) -> None:
    """Clear the box, then type: keys for a few plain characters at the start, a paste for the rest."""
    box.value = ""
    box.focus()
    await pilot.pause()
    driver = pilot.app._driver
    chunk = ""
    for index, character in enumerate(text):
        if character in KEYS_OK and index < 3 and not chunk:
            if chunk:
                driver.send_message(events.Paste(chunk))
                chunk = ""
            await pilot.press(character)
        else:
            chunk += character
    if chunk:
        driver.send_message(events.Paste(chunk))
    await pilot.pause()


def input_values(form: ActivityForm) -> dict[str, str]:
    return {name: form.query_one(f"#{name}", Input).value for name in TEXT_FIELDS}


async def open_form(pilot, app, edit: bool) -> ActivityForm:
    if not isinstance(app.screen, ActivityForm):
        await pilot.press("e" if edit and app.session.profile.activities else "a")
        await wait_for(pilot, lambda: isinstance(app.screen, ActivityForm), what="the form")
        await wait_for(pilot, lambda: app.screen.ready, what="the form to be ready")
    return app.screen


async def one_app(db, attempts: list[dict]) -> None:
    session = Session.open(db, TODAY, catalog=CATALOG)
    app = RecertApp(session)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("2")
            await wait_for(pilot, lambda: isinstance(app.screen, ActivitiesScreen), what="the activities")
            for number, plan in enumerate(attempts):
                form = await open_form(pilot, app, plan["edit"])
                for name, choice in plan["choices"].items():
                    select = form.query_one(f"#{name}", Select)
                    known = {value for _, value in select._options}
                    if choice is not None and (choice in known or (choice is Select.NULL and select._allow_blank)):
                        select.value = choice
                        await pilot.pause()
                for name, text in plan["fields"].items():
                    box = form.query_one(f"#{name}", Input)
                    if box.disabled:
                        continue
                    if name in plan["typed"]:  # keys and a paste, as a terminal sends them
                        await type_text(pilot, box, text)
                    else:  # the same Input.Changed path, without a round trip per key
                        box.value = text
                await pilot.pause()
                typed = input_values(form)
                fields = form.values()
                editing = form.activity.id if form.activity else None
                before = db.read_bytes() if db.exists() else b""
                try:
                    session.activity_from(fields, editing)
                    valid = True
                except InvalidInput:
                    valid = False
                await pilot.press("ctrl+s")
                await pilot.pause()
                label = f"attempt {number}: {plan!r}"
                assert app.is_running and app._exception is None, label
                refused = isinstance(app.screen, ActivityForm) and app.screen is form
                event("refused" if refused else "saved")
                if refused:
                    assert not valid, f"{label}: a valid form was refused: {screen_text(app)}"
                    assert input_values(form) == typed, label  # everything typed is still there
                    assert "Not saved" in screen_text(app), label
                    assert (db.read_bytes() if db.exists() else b"") == before, label
                else:
                    assert valid, f"{label}: saved what the session refuses: {fields}"
                    saved = session.profile.activities
                    changed = session.activity(editing) if editing else max(saved, key=lambda a: a.id)
                    assert changed.title == fields["title"].strip(), label
                    assert changed.notes == fields["notes"], label
                    problems = record_problems(db, CATALOG, TODAY)
                    assert problems == [], f"{label}: {problems}"
                    json.loads(db.read_bytes())
            await pilot.press("ctrl+g")
    finally:
        session.close()
    assert app._exception is None


FORM = settings(max_examples=3, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.mark.slow  # an app driven by a fuzzer: the longest item of the default run
@FORM
@given(attempts=st.lists(attempt(), min_size=7, max_size=7))
def test_typing_anything_into_the_activity_form(tmp_path_factory, attempts):
    folder = tmp_path_factory.mktemp("form")
    db = fresh_db(folder, None)
    seed(db, CATALOG)
    asyncio.run(one_app(db, attempts))


@pytest.mark.slow
@settings(FORM, max_examples=15)
@given(attempts=st.lists(attempt(), min_size=10, max_size=10))
def test_typing_anything_into_the_activity_form_long_run(tmp_path_factory, attempts):
    folder = tmp_path_factory.mktemp("form")
    db = fresh_db(folder, None)
    seed(db, CATALOG)
    asyncio.run(one_app(db, attempts))
