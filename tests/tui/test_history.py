"""The History screen: every cycle, the route that closed it, and what it counted."""

from __future__ import annotations

from recert_tui.tui.app import RecertApp
from recert_tui.tui.screens.history import HistoryScreen

from .conftest import activity_fields, shows, wait_for


async def test_history_shows_each_cycle_with_its_route_and_counted_activities(session):
    session.add_credential("cma-aama", "2017-03-15")
    session.add_activity(activity_fields(title="Old [b]course[/b]", date="2019-05-01", points="6"))
    session.add_activity(activity_fields(title="New course", date="2023-05-01", points="4"))
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
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: not isinstance(app.screen, HistoryScreen), what="the history to close")
