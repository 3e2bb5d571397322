"""The activity form asks what only some credentials' rules ask: AMT's CCP category, and
whether a training recurs (NCCT). Driven by keys only, as a person would."""

from __future__ import annotations

from textual.widgets import Input, Select

from recert_tui.tui.app import RecertApp
from recert_tui.tui.screens.activities import ActivitiesScreen
from recert_tui.tui.screens.activity_form import ActivityForm
from recert_tui.tui.widgets.field import FormField
from tests.helpers.screen import screen_text, shows, wait_for


async def open_form(pilot) -> ActivityForm:
    """`a` on the dashboard; focus starts in the title."""
    await wait_for(pilot, lambda: "Add activity" in screen_text(pilot.app), what="the dashboard")
    await pilot.press("a")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ActivityForm), what="the activity form")
    form = pilot.app.screen
    await wait_for(pilot, lambda: form.query_one("#title", Input).has_focus, what="the title focused")
    return form


async def focus(pilot, form: ActivityForm, name: str, key: str = "tab") -> None:
    """Press Tab (or shift+tab) until the field `name` has focus."""
    control = form.query_one(f"#{name}")
    for _ in range(20):
        if control.has_focus:
            return
        await pilot.press(key)
        await pilot.pause()
    raise AssertionError(f"{name} never got focus with {key}")


async def choose(pilot, form: ActivityForm, name: str, downs: int) -> None:
    """Open the choice box `name` with Enter and move `downs` options down (up if negative)
    from the one chosen, then Enter."""
    await pilot.press("enter")
    await wait_for(pilot, lambda: form.query_one(f"#{name}", Select).expanded, what=f"{name}'s list open")
    await pilot.press(*["down" if downs > 0 else "up"] * abs(downs), "enter")
    await wait_for(pilot, lambda: not form.query_one(f"#{name}", Select).expanded, what=f"{name}'s list closed")


async def choose_credential(pilot, form: ActivityForm, downs: int) -> None:
    await focus(pilot, form, "credential", "shift+tab")
    await choose(pilot, form, "credential", downs)
    await pilot.pause()


def shown(form: ActivityForm, name: str) -> bool:
    return form.query_one(f"#field-{name}", FormField).display


async def test_category_is_asked_for_rma_and_not_for_cma(held):
    held.add_credential("rma-amt", "2024-01-10")  # the list: CMA (AAMA), then RMA (AMT)
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot)
        assert not shown(form, "category") and "Category" not in screen_text(app)
        assert not shown(form, "recurring")
        await choose_credential(pilot, form, 1)  # RMA (AMT)
        await wait_for(pilot, lambda: "Category" in screen_text(app), what="the category field")
        assert shown(form, "category") and not form.query_one("#category", Select).disabled
        await focus(pilot, form, "category")  # reachable with Tab
        await choose(pilot, form, "category", 1)
        await wait_for(pilot, lambda: "Professional education" in screen_text(app))
        await choose_credential(pilot, form, -1)  # back to CMA (AAMA)
        await wait_for(pilot, lambda: not shown(form, "category"), what="the category hidden again")
        assert "Category" not in screen_text(app)
        assert "category" not in form.values()  # a hidden field is not sent
        await choose_credential(pilot, form, 1)  # RMA (AMT) again: the category chosen is still there
        await wait_for(pilot, lambda: shows(app, "Category        Professional education"))
        assert form.values()["category"] == "professional-education"


async def test_a_saved_rma_activity_keeps_its_category(session):
    session.add_credential("rma-amt", "2024-01-10")
    app = RecertApp(session)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot)
        assert shown(form, "category")
        await pilot.press(*"Phlebotomy update")
        await focus(pilot, form, "category")
        await choose(pilot, form, "category", 2)  # Formal education
        await focus(pilot, form, "points")
        await pilot.press("2")
        await focus(pilot, form, "area")
        await choose(pilot, form, "area", 2)  # clinical
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: session.profile.activities, what="the activity to be saved")
        assert session.profile.activities[0].category == "formal-education"

        await pilot.press("2")
        await wait_for(pilot, lambda: isinstance(app.screen, ActivitiesScreen))
        await wait_for(pilot, lambda: "Phlebotomy" in screen_text(app))
        await pilot.press("enter")  # edit the highlighted activity
        await wait_for(pilot, lambda: isinstance(app.screen, ActivityForm), what="the edit form")
        await wait_for(pilot, lambda: shows(app, "Category        Formal education"), what="the stored category")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ActivitiesScreen), what="the form to close")
        assert session.profile.activities[0].category == "formal-education"


async def test_an_rma_activity_without_a_category_is_not_saved(session):
    session.add_credential("rma-amt", "2024-01-10")
    app = RecertApp(session)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot)
        await pilot.press(*"Phlebotomy update")
        await focus(pilot, form, "points")
        await pilot.press("2")
        await focus(pilot, form, "area")
        await choose(pilot, form, "area", 2)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "✗ Category is empty" in screen_text(app), what="the error under the field")
        assert isinstance(app.screen, ActivityForm)
        assert form.query_one("#title", Input).value == "Phlebotomy update"
        assert session.profile.activities == ()


async def test_recurring_is_asked_for_ncct_with_its_rule(session):
    session.add_credential("ncma-ncct", "2024-01-10")
    app = RecertApp(session)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot)
        assert shown(form, "recurring") and not shown(form, "category")
        assert "Recurring?" in screen_text(app)
        assert "NCCT counts a recurring employer training once in 5 years" in screen_text(app)
        await pilot.press(*"Annual HIPAA training")
        await focus(pilot, form, "recurring")
        await choose(pilot, form, "recurring", 1)  # yes
        await focus(pilot, form, "points")
        await pilot.press("1")
        await focus(pilot, form, "area")
        await choose(pilot, form, "area", 1)  # administrative
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: session.profile.activities, what="the activity to be saved")
        saved = session.profile.activities[0]
        assert saved.recurring is True and saved.category == ""


async def test_the_recurring_hint_follows_the_credential(held):
    held.add_credential("ncma-ncct", "2024-01-10")  # the list: CMA (AAMA), then NCMA (NCCT)
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot)
        assert not shown(form, "recurring") and "once in 5 years" not in screen_text(app)
        await choose_credential(pilot, form, 1)
        await wait_for(
            pilot,
            lambda: "NCCT counts a recurring employer training once in 5 years" in screen_text(app),
            what="the recurring field and its hint",
        )
        await focus(pilot, form, "recurring")  # reachable with Tab
