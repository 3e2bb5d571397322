"""Keystroke to updated dashboard, in the real app driven headless (Textual's pilot).

Measures, on a given database, the time from the key that changes the data to the dashboard
showing the new figures: ctrl+s in the add-activity form, and y confirming a delete, each
followed by the key back to the dashboard. Pilot timing includes Textual's own message
handling and rendering, not the terminal's.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from pathlib import Path

from recert_tui.domain.counting import points_text
from recert_tui.session import Session
from recert_tui.tui.app import RecertApp

from generate import TODAY


def _shows(app, text: str) -> bool:
    strips = app.screen._compositor.render_strips()
    return any(text in "".join(segment.text for segment in strip) for strip in strips)


async def _until(pilot, predicate, timeout: float = 10.0) -> None:
    end = time.perf_counter() + timeout
    while not predicate():
        if time.perf_counter() > end:
            raise TimeoutError("the dashboard did not show the new figures")
        await pilot.pause(0)


def _total_text(session: Session) -> str:
    report = session.report.credential("cma-aama")
    return f"{points_text(report.tally.counted)} of {points_text(report.rules.ce.total_points.value)}"


async def _measure(db: Path, repeats: int) -> list[float]:
    session = Session.open(db, TODAY)
    app = RecertApp(session)
    times: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await _until(pilot, lambda: _shows(app, "CMA (AAMA)"))
        for index in range(repeats):
            # Add: fill the form, then time from ctrl+s to the dashboard's new total.
            await pilot.press("2", "a")
            await pilot.pause(0.2)
            await pilot.press(*f"bench {index}", "tab", *"2026-11-01", "tab", "tab", "2", "tab", "enter", "down", "enter")
            await pilot.pause(0.2)
            before = len(session.profile.activities)
            started = time.perf_counter()
            await pilot.press("ctrl+s")
            await _until(pilot, lambda: len(session.profile.activities) == before + 1)
            await pilot.press("1")
            expected = _total_text(session)
            await _until(pilot, lambda: _shows(app, expected))
            times.append(time.perf_counter() - started)
            # Delete the newest (it is highlighted first), confirm, back to the dashboard.
            await pilot.press("2")
            await pilot.pause(0.2)
            before = len(session.profile.activities)
            await pilot.press("d")
            await pilot.pause(0.2)
            started = time.perf_counter()
            await pilot.press("y")
            await _until(pilot, lambda: len(session.profile.activities) == before - 1)
            await pilot.press("1")
            expected = _total_text(session)
            await _until(pilot, lambda: _shows(app, expected))
            times.append(time.perf_counter() - started)
    session.close()
    return times


def keystroke_ms(db: Path, repeats: int) -> float:
    """Median milliseconds from a data-changing key to the dashboard's new figures."""
    return statistics.median(asyncio.run(_measure(db, repeats))) * 1000
