"""The points chart on each dashboard card: the drawing, its words, and the card showing it."""

from __future__ import annotations

from datetime import date

from rich.cells import cell_len

from recert_tui.domain.counting import CountedActivity
from recert_tui.domain.cycle import Cycle
from recert_tui.domain.models import Activity
from recert_tui.domain.pace import points_over_cycle
from recert_tui.tui.app import RecertApp
from recert_tui.tui.screens.dashboard import DashboardScreen
from recert_tui.tui.widgets.card import CredentialCard
from recert_tui.tui.widgets.points_chart import chart_cells, chart_content, legend
from tests.helpers.screen import screen_text, wait_for

from .conftest import activity_fields

# Ten days, 24 points required, drawn 10 columns wide and 3 rows (24 eighths) high: a column
# is a day and a point is an eighth of a cell, so every cell below can be worked out by hand.
CYCLE = Cycle(date(2025, 1, 1), date(2025, 1, 11), date(2025, 1, 31), date(2025, 1, 1), date(2025, 1, 31))
TODAY = date(2025, 1, 6)  # the end of column 4: columns 0-4 are past, 5-9 to come


def points(*done: tuple[str, float], today: date = TODAY):
    counted = [
        CountedActivity(
            Activity("cma-aama", "t", date.fromisoformat(day), {"general": value}),
            {"general": value},
            True,
            "counted",
            "",
        )
        for day, value in done
    ]
    return points_over_cycle(counted, CYCLE, 24, today)


def test_nothing_counted_shades_the_shortfall_and_dots_the_line_to_come():
    # The pace line at the end of day c+1 is 2.4 (c+1) points: 2, 5, 7, 10, 12 | 14, 17, 19, 22, 24 eighths.
    assert chart_cells(points(), width=10) == [
        "      ····",  # top row (16-24 eighths): the line to come
        "   ░░·    ",  # middle (8-16): behind in columns 3-4; the line in column 5
        "░░░░░     ",  # bottom (0-8): behind from the start
    ]


def test_points_ahead_of_the_line_fill_to_their_height():
    assert chart_cells(points(("2025-01-01", 20)), width=10) == [
        "▄▄▄▄▄ ····",  # 20 eighths: 4 into the top row
        "█████·    ",
        "█████     ",
    ]


def test_a_part_filled_cell_and_the_shortfall_above_it():
    # 3 points on 3 Jan: column 0 (to 2 Jan) has none (behind: shaded), then ▃, and shading
    # above it wherever the line has climbed out of the bottom row.
    assert chart_cells(points(("2025-01-03", 3)), width=10) == [
        "      ····",
        "   ░░·    ",
        "░▃▃▃▃     ",
    ]


def test_the_words_say_what_the_chart_shows():
    assert legend(points(("2025-01-02", 3))) == ["█ counted 3", "· pace line 12 today", "░ 9 behind pace"]
    assert legend(points(("2025-01-02", 14.5)))[2] == "2.5 ahead of pace"
    assert legend(points(("2025-01-02", 12)))[2] == "on the pace line"


def test_the_chart_fits_a_card_at_80_columns_and_names_its_dates():
    lines = chart_content(points(("2025-01-02", 3))).plain.splitlines()
    assert len(lines) == 4 and max(cell_len(line) for line in lines) <= 72
    assert lines[0].startswith("Over time") and "24┤" in lines[0] and "0┤" in lines[2]
    assert lines[3].strip().startswith("1 Jan 2025") and lines[3].endswith("due 11 Jan 2025")


async def test_each_card_shows_its_chart_and_it_follows_the_records(held):
    held.add_activity(activity_fields(date="2023-01-10", points="12", area="clinical"))
    app = RecertApp(held)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen))
        text = screen_text(app)
        assert "Over time" in text and "█ counted 12" in text
        assert "15 Mar 2022" in text and "due 31 Mar 2027" in text
        assert "· pace line 55.8 today" in text and "░ 43.8 behind pace" in text
        held.add_activity(activity_fields(date="2026-11-01", points="46", area="general"))
        app.data_changed()
        await wait_for(pilot, lambda: "█ counted 58" in screen_text(app), what="the new total on the chart")
        assert "2.2 ahead of pace" in screen_text(app)
        card = app.screen.query_one(CredentialCard)
        assert "58" in card.render().plain


def test_the_chart_snapshot_at_80x24_in_16_colours(snap_compare, held):
    """Behind the pace line for most of the cycle, then ahead: the fill, the shading, the dots to come."""
    for day, points_earned in (("2022-09-01", "4"), ("2024-02-01", "6"), ("2026-06-01", "40")):
        held.add_activity(activity_fields(date=day, points=points_earned, area="clinical"))
    held.set_setting("theme", "ansi-dark")
    assert snap_compare(RecertApp(held), terminal_size=(80, 24))
