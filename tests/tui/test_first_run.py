"""First run: an empty database asks which credential is held; it can be skipped."""

from __future__ import annotations

from textual.widgets import Input, OptionList

from recert_tui.tui.app import RecertApp
from recert_tui.tui.screens.exams import ExamsScreen
from recert_tui.tui.screens.first_run import CredentialScreen
from recert_tui.tui.screens.study import StudyScreen
from recert_tui.tui.widgets.card import CredentialCard
from tests.helpers.screen import screen_text, wait_for


async def test_first_run_adds_a_credential_with_keys_only(session):
    app = RecertApp(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: "Welcome" in screen_text(app), what="the first-run screen")
        await pilot.press("enter")  # the highlighted credential (CMA (AAMA), first in the list)
        await pilot.press(*"3/15/2022", "enter", *"CMA-123", "enter")
        await wait_for(pilot, lambda: session.held_codes == {"cma-aama"}, what="the credential to be saved")
        assert session.profile.credentials[0].number == "CMA-123"
        await wait_for(pilot, lambda: "Added: CMA (AAMA), earned 15 Mar 2022" in screen_text(app))
        assert "In your list, earned 15 Mar 2022" in " ".join(screen_text(app).split())  # the line under the list
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: app.screen.query(CredentialCard), what="the dashboard card")
        await wait_for(pilot, lambda: "expires 31 Mar 2027" in screen_text(app))


async def test_first_run_can_be_skipped(session):
    app = RecertApp(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, CredentialScreen) and "Welcome" in screen_text(app))
        welcome = " ".join(screen_text(app).split())
        # Someone not certified yet is told, before anything else, that skipping is their way in.
        assert "Not certified yet? Press 3 to record exam attempts, 4 to practise." in welcome
        assert welcome.index("Welcome") < welcome.index("Not certified yet?")
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: "No credentials yet" in screen_text(app), what="the empty dashboard")
        assert session.profile.credentials == ()
        # Someone studying for a first exam is told where to go, with the keys to press.
        said = " ".join(screen_text(app).split())
        assert "Not certified yet? Press 3 to record your exam attempts" in said
        assert "4 to practise for the exam" in said


async def test_the_welcome_keys_for_someone_not_certified_work_from_it(session):
    """The welcome says "Press 3 ..., 4 ...": each opens its screen from the welcome itself."""
    app = RecertApp(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, CredentialScreen) and "Welcome" in screen_text(app))
        await pilot.press("3")
        await wait_for(pilot, lambda: isinstance(app.screen, ExamsScreen), what="the Exams screen")
        await pilot.press("4")
        await wait_for(pilot, lambda: isinstance(app.screen, StudyScreen), what="the Study screen")
        assert session.profile.credentials == ()


async def test_a_bad_date_keeps_what_was_typed(session):
    app = RecertApp(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, CredentialScreen) and "Welcome" in screen_text(app))
        await pilot.press("enter", *"31/31/2022", "ctrl+s")
        await wait_for(pilot, lambda: "✗ Date earned" in screen_text(app), what="the error under the field")
        assert app.screen.query_one("#earned", Input).value == "31/31/2022"
        assert session.profile.credentials == ()


async def test_demo_mode_says_so_on_every_screen(held):
    app = RecertApp(held, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("1", "2", "3"):
            await pilot.press(key)
            await wait_for(pilot, lambda: "DEMO — sample data on a temporary copy" in screen_text(app))


async def test_the_dashboard_is_up_to_date_before_the_first_run_screen_closes(session):
    """Closing a screen brings the one it reveals up to date at once, not when Textual's
    ScreenResume reaches it: a frame drawn in between showed "No credentials yet" after ctrl+g."""
    app = RecertApp(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, CredentialScreen) and "Welcome" in screen_text(app))
        await pilot.press("enter", *"3/15/2022", "ctrl+s")
        await wait_for(pilot, lambda: session.held_codes == {"cma-aama"}, what="the credential to be saved")
        dashboard = app.mode_screens["dashboard"]
        assert not dashboard.query(CredentialCard)  # hidden under the first-run screen: not redrawn yet
        app.pop_screen()  # what ctrl+g does (dismiss), without yet handling any message
        assert not dashboard.query_one("#empty").display
        await wait_for(pilot, lambda: "expires 31 Mar 2027" in screen_text(app))


async def test_a_held_credential_shows_its_date_and_a_corrected_one_is_saved(held):
    app = RecertApp(held)  # CMA (AAMA), earned 15 Mar 2022
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: "expires 31 Mar 2027" in screen_text(app))
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, CredentialScreen))
        earned = app.screen.query_one("#earned", Input)
        await wait_for(pilot, lambda: earned.value == "2022-03-15", what="the held credential's date")
        assert "In your list, earned 15 Mar 2022: to correct it" in " ".join(screen_text(app).split())
        await pilot.press("down")  # a credential not held: the fields empty again
        await wait_for(pilot, lambda: earned.value == "", what="the fields emptied")
        await pilot.press("up", "enter", "ctrl+u", *"2023-03-15", "ctrl+s")
        await wait_for(
            pilot, lambda: held.profile.credentials[0].earned_on.isoformat() == "2023-03-15", what="the corrected date"
        )
        assert "Saved: CMA (AAMA) corrected: earned 15 Mar 2023" in " ".join(screen_text(app).split())
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: "expires 31 Mar 2028" in screen_text(app), what="the new expiry")


async def test_what_the_user_typed_is_not_replaced_by_a_fill(session):
    session.add_credential("rma-amt", "2024-01-10")
    app = RecertApp(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, CredentialScreen))
        await pilot.press("enter", *"3/15/2022")  # typed for CMA (AAMA), first in the list
        await pilot.press("shift+tab")
        earned = app.screen.query_one("#earned", Input)
        options = app.screen.query_one(OptionList)
        await wait_for(pilot, lambda: options.has_focus, what="the list focused again")
        codes = [options.get_option_at_index(i).id for i in range(options.option_count)]
        for _ in range(codes.index("rma-amt")):  # to RMA (AMT), held: its date would fill the field
            await pilot.press("down")
        await wait_for(pilot, lambda: codes[options.highlighted] == "rma-amt", what="RMA (AMT) highlighted")
        await pilot.pause()
        assert earned.value == "3/15/2022"


async def test_the_credential_enter_chooses_is_marked_in_words(session):
    app = RecertApp(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: "▸   CMA (AAMA)" in screen_text(app), what="the first one marked")
        await pilot.press("down")
        await wait_for(pilot, lambda: "▸   CCMA (NHA)" in screen_text(app), what="the mark moved")
        assert screen_text(app).count("▸") == 1
        await pilot.press("enter")  # focus moves to the date; the mark stays on the choice
        await wait_for(pilot, lambda: app.screen.query_one("#earned", Input).has_focus)
        assert "▸   CCMA (NHA)" in screen_text(app)


async def test_the_whole_welcome_fits_at_80x24_whichever_credential_is_highlighted(session):
    # The box scrolls only when it must: a line more and the welcome's first line was hidden
    # under the top edge (the scroll bar narrows the text, so a step wraps too).
    app = RecertApp(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, CredentialScreen) and "Welcome" in screen_text(app))
        for _ in session.catalog.credentials:
            shown = screen_text(app)
            assert "Welcome to recert" in shown and "Not certified yet?" in shown and "Your name" in shown
            assert app.screen.query_one("#credential-box").max_scroll_y == 0
            await pilot.press("down")
            await pilot.pause()
