"""The History screen: every cycle, the route that closed it, and what it counted."""

from __future__ import annotations

from recert_tui.tui.app import RecertApp
from recert_tui.tui.screens.history import HistoryScreen
from tests.helpers.screen import screen_text, shows, wait_for

from .conftest import activity_fields


async def test_history_shows_each_cycle_with_its_route_and_counted_activities(session):
    session.add_credential("cma-aama", "2017-03-15")
    session.add_activity(activity_fields(title="Old [b]course[/b]", date="2019-05-01", points="6"))
    session.add_activity(activity_fields(title="New course", date="2023-05-01", points="4"))
    session.add_activity(activity_fields(title="Line\nbreak", date="2023-06-01", points="1"))
    session.record_recertification("cma-aama", "2022-03-15", "exam")
    app = RecertApp(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"History", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen), what="the history")
        assert shows(app, "Cycle 1: 15 Mar 2017 to 31 Mar 2022. Recertified on 15 Mar 2022 by exam;")
        assert shows(app, "1 May 2019  Old [b]course[/b]  6")  # titles are shown as typed, never as markup
        assert shows(app, "Cycle 2 (current, due soon): 15 Mar 2022 to 31 Mar 2027.")
        assert shows(app, "1 May 2023  New course  4")
        lines = [line.strip("│ ") for line in screen_text(app).splitlines()]
        assert "CMA (AAMA)" in lines  # the heading stands on a line of its own
        assert shows(app, "1 Jun 2023  Line\\nbreak  1")  # a break typed in a title is shown escaped
        assert screen_text(app).count("\\n") == 1  # the title's only: the lines' breaks are breaks
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: not isinstance(app.screen, HistoryScreen), what="the history to close")


async def test_h_on_the_dashboard_opens_the_history(held):
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen), what="the history")
        assert shows(app, "Cycle 1 (current, due soon): 15 Mar 2022 to 31 Mar 2027.")
        await pilot.press("q")
        await wait_for(pilot, lambda: not isinstance(app.screen, HistoryScreen), what="the history to close")
