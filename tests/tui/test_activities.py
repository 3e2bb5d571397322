"""Activities: add, edit, delete and undo, field validation, filtering and sorting."""

from __future__ import annotations

from textual.widgets import Input, Select

from recert_tui.tui.app import RecertApp
from recert_tui.tui.screens.activities import ActivitiesScreen
from recert_tui.tui.screens.activity_form import ActivityForm
from recert_tui.tui.screens.dialogs import ConfirmScreen
from recert_tui.tui.widgets.row_table import RowTable
from tests.helpers.screen import press_to_open, screen_text, wait_for

from .conftest import activity_fields


async def open_activities(pilot):
    await pilot.press("2")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ActivitiesScreen), what="the activities screen")


async def type_into(pilot, selector: str, text: str) -> None:
    """Focus a field the way a user would reach it, clear it and type."""
    widget = pilot.app.screen.query_one(selector)
    widget.focus()
    await pilot.pause()
    await pilot.press("ctrl+u", *text) if text else await pilot.press("ctrl+u")


def table(app) -> RowTable:
    return app.screen.query_one(RowTable)


async def test_add_an_activity_and_the_dashboard_shows_it(held):
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_activities(pilot)
        await press_to_open(pilot, "a", ActivityForm)
        await pilot.press(*"Infection control")  # the title has focus
        await type_into(pilot, "#date", "3/5/2025")  # US form
        await type_into(pilot, "#points", "2")
        app.screen.query_one("#area", Select).value = "clinical"
        await type_into(pilot, "#provider", "AAMA e-Learning Center")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ActivitiesScreen), what="the form to close")
        saved = held.profile.activities[0]
        assert (saved.title, saved.completed_on.isoformat(), saved.points) == (
            "Infection control",
            "2025-03-05",
            {"clinical": 2.0},
        )
        assert table(app).row_count == 1
        await pilot.press("1")
        await wait_for(pilot, lambda: "2 of 60" in screen_text(app), what="the dashboard total")


async def test_validation_errors_show_under_the_field_and_keep_the_typing(held):
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_activities(pilot)
        await press_to_open(pilot, "a", ActivityForm)
        await pilot.press(*"Wound care")
        await type_into(pilot, "#date", "13/45/2026")
        await pilot.press("tab")  # leaving the field checks it
        await wait_for(pilot, lambda: "is not a real calendar date" in screen_text(app), what="the date error")
        await type_into(pilot, "#points", "lots")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "Not saved" in screen_text(app))
        form = app.screen
        assert isinstance(form, ActivityForm)
        assert form.query_one("#date", Input).value == "13/45/2026"
        assert form.query_one("#points", Input).value == "lots"
        assert form.query_one("#title", Input).value == "Wound care"
        assert "'lots' is not a number" in screen_text(app)
        assert held.profile.activities == ()
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: isinstance(app.screen, ActivitiesScreen))


async def test_a_cpr_card_and_a_college_course_fill_in_their_points(held):
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_activities(pilot)
        form = await press_to_open(pilot, "a", ActivityForm)
        form.query_one("#kind", Select).value = "cpr"
        await wait_for(pilot, lambda: form.query_one("#points", Input).value == "4", what="CPR points")
        assert form.query_one("#area", Select).value == "clinical"
        form.query_one("#kind", Select).value = "college"
        await wait_for(pilot, lambda: not form.query_one("#college_credits", Input).disabled, what="credits enabled")
        await type_into(pilot, "#college_credits", "2")
        await wait_for(pilot, lambda: form.query_one("#points", Input).value == "30", what="college points")


async def test_edit_delete_and_undo(held):
    first = held.add_activity(activity_fields(title="Phlebotomy", date="2025-01-10"))
    held.add_activity(activity_fields(title="Coding update", date="2025-06-01", area="administrative"))
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_activities(pilot)
        assert table(app).row_count == 2
        await pilot.press("down")  # newest first: Phlebotomy is the second row
        assert app.screen.selected_id == first.id
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ActivityForm))
        await type_into(pilot, "#points", "3.5")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ActivitiesScreen))
        assert held.activity(first.id).points == {"clinical": 3.5}
        assert app.screen.selected_id == first.id

        assert "u Undo" not in screen_text(app).splitlines()[-1]  # nothing to undo: not offered
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("n")  # no: nothing happens
        await wait_for(pilot, lambda: isinstance(app.screen, ActivitiesScreen))
        assert len(held.profile.activities) == 2
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_for(pilot, lambda: table(app).row_count == 1, what="the row to go")
        assert held.activity(first.id) is None
        await wait_for(pilot, lambda: "u Undo" in screen_text(app).splitlines()[-1], what="undo offered")

        await pilot.press("u")
        await wait_for(pilot, lambda: table(app).row_count == 2, what="the row to come back")
        assert held.activity(first.id).title == "Phlebotomy"
        await wait_for(pilot, lambda: "u Undo" not in screen_text(app).splitlines()[-1], what="undo gone again")


async def test_filter_as_you_type_and_sort(held):
    for title, day in (
        ("Alpha wound care", "2025-01-10"),
        ("Beta coding", "2025-02-10"),
        ("Gamma wound dressing", "2025-03-10"),
    ):
        held.add_activity(activity_fields(title=title, date=day))
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_activities(pilot)
        await pilot.press("slash", *"wound")
        await wait_for(pilot, lambda: table(app).row_count == 2, what="the filter")
        assert "2 of 3 activities" in screen_text(app)
        await pilot.press("enter")  # back to the table, filter kept
        assert isinstance(app.focused, RowTable)
        app.screen.query_one("#filter", Input).value = ""
        await wait_for(pilot, lambda: table(app).row_count == 3)

        def first_title() -> str:
            return table(app).rows[0].texts[2].plain

        assert first_title() == "Gamma wound dressing"  # newest first
        await pilot.press("s")  # oldest first
        await wait_for(pilot, lambda: first_title() == "Alpha wound care")
        assert "sorted by date, oldest first" in screen_text(app)


async def test_user_text_is_shown_literally(held):
    title = "[red]x[/red] \x1b[2J done"
    held.add_activity(activity_fields(title=title, provider="[b]Clinic[/b]", notes="line1\nline2"))
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_activities(pilot)
        row = table(app).rows[0].texts
        assert row[2].plain == "[red]x[/red] \\x1b[2J done"
        assert row[3].plain == "[b]Clinic[/b]"
        text = screen_text(app)
        assert "[red]x[/red] \\x1b[2J done" in text  # the detail line, in full
        assert "\x1b" not in text
        assert "line1\\nline2" in text
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "[red]x[/red]" in screen_text(app)


async def test_a_long_list_makes_the_text_of_the_rows_it_draws_only(held):
    """Cells are neither measured nor made into text until their row is drawn: with 300
    activities, the rows drawn are the ones on screen (and the detail's)."""
    from datetime import date, timedelta

    from recert_tui.domain.models import Activity

    start = date(2023, 1, 2)
    held.add_activities(
        [Activity("cma-aama", f"Course {n:03d}", start + timedelta(days=n), {"general": 0.5}) for n in range(300)]
    )
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_activities(pilot)
        await wait_for(pilot, lambda: "300 activities" in screen_text(app), what="the list")
        screen = app.screen
        drawn = [row for row in screen.rows if row._texts is not None]
        assert 0 < len(drawn) <= 24
        assert table(app).rows[0].texts[2].plain == "Course 299"  # newest first, drawn as before
        assert "Course 299" in screen_text(app)
        await pilot.press("slash", *"course 007", "enter")
        await wait_for(pilot, lambda: "1 of 300 activities" in screen_text(app), what="the filtered list")
        assert table(app).rows[0].texts[2].plain == "Course 007"


async def test_the_not_saved_line_shows_when_the_form_was_scrolled_to_its_last_field(held):
    """A form taller than the screen, scrolled to the notes at its foot: ctrl+s must show why
    nothing was saved where the user is looking, not above the fold (a case the form fuzzer
    found at 80x24 with every field and its error shown; a short terminal makes it plain)."""
    app = RecertApp(held)
    async with app.run_test(size=(80, 16)) as pilot:
        await open_activities(pilot)
        form = await press_to_open(pilot, "a", ActivityForm)
        await type_into(pilot, "#date", "13/45/2026")
        await type_into(pilot, "#notes", "typed at the foot of the form")
        scroller = form.query_one("#form")
        scroller.scroll_end(animate=False)
        await pilot.pause()
        assert scroller.scroll_offset.y > 0  # the top of the form is out of view
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "Not saved" in screen_text(app), what="the Not saved line, in view")
        assert isinstance(app.screen, ActivityForm)
