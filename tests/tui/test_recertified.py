"""Recertified… on the credential screen (`c`, then `r`): the date and the route, a question
in plain words, then the new cycle on the dashboard. Driven by keys only."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, Select

from recert_tui.domain.errors import InvalidInput
from recert_tui.tui.app import RecertApp
from recert_tui.tui.screens.dialogs import ConfirmScreen
from recert_tui.tui.screens.first_run import CredentialScreen
from recert_tui.tui.screens.recertified import RecertifiedForm
from tests.helpers.screen import screen_text, shows, wait_for

from .conftest import open_session

SIZE = (80, 24)


async def open_recertified(pilot) -> RecertifiedForm:
    """`c` on the dashboard, then `r` on the highlighted credential (CMA (AAMA), first)."""
    app = pilot.app
    await wait_for(pilot, lambda: "expires 31 Mar 2027" in screen_text(app), what="the dashboard")
    await pilot.press("c")
    await wait_for(pilot, lambda: isinstance(app.screen, CredentialScreen), what="the credential screen")
    await wait_for(pilot, lambda: "r Recertified…" in screen_text(app), what="r in the key bar")
    await pilot.press("r")
    await wait_for(pilot, lambda: isinstance(app.screen, RecertifiedForm), what="the Recertified form")
    form = app.screen
    await wait_for(pilot, lambda: form.query_one("#on", Input).has_focus, what="the date focused")
    return form


async def test_recertified_records_the_date_and_the_route(held):
    app = RecertApp(held)  # CMA (AAMA), earned 15 Mar 2022: expires 31 Mar 2027
    async with app.run_test(size=SIZE) as pilot:
        form = await open_recertified(pilot)
        assert form.query_one("#on", Input).value == "2026-11-23"  # today
        await pilot.press("ctrl+u", *"11/20/2026", "tab")
        await wait_for(pilot, lambda: form.query_one("#route", Select).has_focus)
        await pilot.press("enter")
        await wait_for(pilot, lambda: form.query_one("#route", Select).expanded, what="the routes listed")
        assert shows(app, "Continuing education Exam, on time Exam after the deadline")
        await pilot.press("down", "enter")  # Exam, on time
        await wait_for(pilot, lambda: form.query_one("#route", Select).value == "exam")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="the question")
        assert shows(app, "Record that CMA (AAMA) was recertified on 20 Nov 2026 by exam?")
        assert shows(app, "A new 60-month cycle starts that day; it expires 30 Nov 2031.")
        assert held.profile.credentials[0].recertified_on == ()  # nothing saved before yes
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, CredentialScreen), what="back on the credential screen")
        await wait_for(
            pilot,
            lambda: shows(app, "Saved: CMA (AAMA) recertified on 20 Nov 2026 by exam; it now expires 30 Nov 2031."),
            what="the line saying so",
        )
        credential = held.profile.credentials[0]
        assert credential.recertified_on == (date(2026, 11, 20),)
        assert credential.routes_used == {date(2026, 11, 20): "exam"}
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: "expires 30 Nov 2031" in screen_text(app), what="the dashboard's new expiry")


async def test_continuing_education_is_the_default_route(held):
    app = RecertApp(held)
    async with app.run_test(size=SIZE) as pilot:
        await open_recertified(pilot)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="the question")
        assert shows(app, "recertified on 23 Nov 2026 by continuing education?")
        await pilot.press("y")
        await wait_for(pilot, lambda: held.profile.credentials[0].routes_used == {date(2026, 11, 23): "ce"})


async def test_a_refused_date_keeps_what_was_typed(held):
    app = RecertApp(held)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_recertified(pilot)
        await pilot.press("ctrl+u", *"2022-03-01", "ctrl+s")
        await wait_for(pilot, lambda: "✗ Recertified on" in screen_text(app), what="the error under the field")
        assert shows(app, "2022-03-01 is not after the current cycle's start (2022-03-15)")
        assert isinstance(app.screen, RecertifiedForm)  # not asked: there is nothing to say yes to
        assert form.query_one("#on", Input).value == "2022-03-01"
        assert held.profile.credentials[0].recertified_on == ()


async def test_a_refusal_when_saving_shows_its_sentence_and_keeps_the_typing(held, monkeypatch):
    def refuse(code, on, route="ce"):
        raise InvalidInput({"on": "2026-11-20 is already recorded", "credential": "the file changed meanwhile"})

    app = RecertApp(held)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_recertified(pilot)
        monkeypatch.setattr(held, "record_recertification", refuse)
        await pilot.press("ctrl+u", *"2026-11-20", "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="the question")
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, RecertifiedForm), what="the form again")
        await wait_for(pilot, lambda: shows(app, "✗ Recertified on: 2026-11-20 is already recorded"))
        assert shows(app, "Not saved: the file changed meanwhile")
        assert form.query_one("#on", Input).value == "2026-11-20"


async def test_cancel_changes_nothing(held):
    app = RecertApp(held)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_recertified(pilot)
        await pilot.press("ctrl+u", *"2026-11-20", "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="the question")
        await pilot.press("n")  # no: back to the form, as typed
        await wait_for(pilot, lambda: app.screen is form)
        assert form.query_one("#on", Input).value == "2026-11-20"
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: isinstance(app.screen, CredentialScreen), what="the credential screen")
        assert "Saved:" not in screen_text(app)
        assert held.profile.credentials[0].recertified_on == ()
        assert held.profile.credentials[0].routes_used == {}


async def test_recertified_is_offered_for_a_held_credential_only(held):
    app = RecertApp(held)  # CMA (AAMA) held; CCMA (NHA), second in the list, is not
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: "expires 31 Mar 2027" in screen_text(app))
        await pilot.press("c")
        await wait_for(pilot, lambda: "r Recertified…" in screen_text(app), what="r for CMA (AAMA)")
        await pilot.press("down")
        await wait_for(pilot, lambda: "Recertified" not in screen_text(app), what="r gone for CCMA (NHA)")
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, CredentialScreen)
        await pilot.press("up", "enter")  # into the date field: r is typed there, not offered
        await wait_for(pilot, lambda: app.screen.query_one("#earned", Input).has_focus)
        await wait_for(pilot, lambda: "Recertified" not in screen_text(app), what="r gone while typing")


async def test_a_read_only_session_does_not_offer_recertified(held, db_path, catalog):
    reader = open_session(db_path, catalog)  # the writer (held) has the lock
    try:
        assert reader.read_only
        app = RecertApp(reader)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: "READ-ONLY —" in screen_text(app))
            await pilot.press("c")  # refused with the reason
            await pilot.pause()
            assert not isinstance(app.screen, CredentialScreen)
            # Even shown some other way, the screen neither offers nor runs r.
            await app.push_screen(CredentialScreen(reader, first_run=False))
            await wait_for(pilot, lambda: isinstance(app.screen, CredentialScreen))
            await pilot.pause()
            assert "Recertified" not in screen_text(app)
            await pilot.press("r")
            await pilot.pause()
            assert isinstance(app.screen, CredentialScreen)
        assert held.profile.credentials[0].recertified_on == ()
    finally:
        reader.close()


def test_recertified_form_snapshot(snap_compare, session):
    from .conftest import build_sample

    assert snap_compare(RecertApp(build_sample(session)), terminal_size=SIZE, press=["c", "r"])


def test_recertified_question_snapshot(snap_compare, session):
    from .conftest import build_sample

    assert snap_compare(RecertApp(build_sample(session)), terminal_size=SIZE, press=["c", "r", "ctrl+s"])
