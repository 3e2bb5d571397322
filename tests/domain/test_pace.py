"""Points over a cycle against the pace line: the series, the line, and the deadline's edges."""

from datetime import date, timedelta

import pytest

from recert_tui.domain.counting import COUNTED, NOT_COUNTED, PARTLY, CountedActivity
from recert_tui.domain.cycle import Cycle
from recert_tui.domain.engine import compute
from recert_tui.domain.models import HeldCredential, Profile
from recert_tui.domain.pace import points_of, points_over_cycle

from .conftest import activity

# Ten days from the first day credit counts to the deadline, 10 points required: the pace
# line is at k points at the end of day k, so every value below can be checked by eye.
START = date(2025, 1, 1)
DEADLINE = date(2025, 1, 11)
CYCLE = Cycle(
    starts_on=START, expires_on=DEADLINE, ce_route_closes_on=date(2025, 1, 31), credit_from=START,
    credit_until=date(2025, 1, 31),
)  # fmt: skip
REQUIRED = 10.0
DAY = timedelta(days=1)


def counted(day: str, points: float, outcome: str = COUNTED) -> CountedActivity:
    """A counting result: `points` counted (in general) from an activity done on `day`."""
    return CountedActivity(activity(day, general=points), {"general": points} if points else {}, True, outcome, "")


def series(*items: CountedActivity, today: date = date(2025, 1, 6)):
    return points_over_cycle(items, CYCLE, REQUIRED, today)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (DEADLINE - DAY, 9.0),  # the day before: not there yet
        (DEADLINE, 10.0),  # the day of: the whole total
        (DEADLINE + DAY, 10.0),  # after: the line stays at the total
        (START - DAY, 0.0),
        (START, 0.0),
        (START + DAY, 1.0),
        (date(2025, 1, 6), 5.0),  # half way
    ],
)
def test_the_pace_line_is_straight_from_the_start_to_the_total_on_the_deadline(day, expected):
    assert series().pace_by(day) == pytest.approx(expected)


def test_an_activity_counts_from_the_end_of_its_day():
    points = series(counted("2025-01-04", 3))
    assert points.earned_by(date(2025, 1, 3)) == 0
    assert points.earned_by(date(2025, 1, 4)) == 3
    assert points.earned_by(date(2025, 1, 5)) == 3


def test_points_add_up_by_date_and_only_counted_points_count():
    points = series(
        counted("2025-01-08", 2.5),
        counted("2025-01-02", 1),
        counted("2025-01-08", 0.25),  # the same day: one step
        counted("2025-01-03", 4, PARTLY),  # partly counted: what counted (4) is what is drawn
        counted("2025-01-05", 0, NOT_COUNTED),  # counted nothing: no step
    )
    assert points.days == (date(2025, 1, 2), date(2025, 1, 3), date(2025, 1, 8))
    assert points.totals == (1, 5, 7.75)
    assert points.earned == 7.75


def test_ahead_and_behind_today_to_a_tenth():
    # Today 6 Jan: the line stands at 5.
    assert series(counted("2025-01-02", 6.25)).ahead == 1.2  # 1.25 ahead, shown to a tenth
    assert series(counted("2025-01-02", 3)).ahead == -2
    assert series(counted("2025-01-02", 5)).ahead == 0
    # Points after today are not yet earned today.
    assert series(counted("2025-01-07", 8)).earned_today == 0


@pytest.mark.parametrize(
    ("today", "pace", "end"),
    [
        (DEADLINE - DAY, 9.0, DEADLINE),  # the day before the deadline: the chart ends on it
        (DEADLINE, 10.0, DEADLINE),  # the day of
        (DEADLINE + DAY, 10.0, DEADLINE + DAY),  # after it, in the grace: the chart goes on to today
        (date(2025, 3, 1), 10.0, date(2025, 1, 31)),  # past the last day credit counts: no further
    ],
)
def test_today_against_the_deadline(today, pace, end):
    points = series(counted("2025-01-02", 4), today=today)
    assert points.pace_today == pace
    assert points.end == end
    assert points.ahead == pytest.approx(4 - pace)


def test_a_late_activity_in_the_grace_stretches_the_chart_to_it():
    points = series(counted("2025-01-20", 2), today=date(2025, 1, 25))
    assert points.end == date(2025, 1, 25) and points.drawn_until == date(2025, 1, 25)
    assert points.earned_by(date(2025, 1, 19)) == 0 and points.earned_by(date(2025, 1, 20)) == 2


def test_corners_make_a_staircase_from_the_start_to_today():
    points = series(counted("2025-01-02", 1), counted("2025-01-04", 2))
    assert points.corners() == [
        (START, 0),
        (date(2025, 1, 2), 0),
        (date(2025, 1, 2), 1),
        (date(2025, 1, 4), 1),
        (date(2025, 1, 4), 3),
        (date(2025, 1, 6), 3),  # flat to today
    ]


def test_the_top_of_a_chart_is_the_total_or_more_when_more_was_earned():
    assert series(counted("2025-01-02", 4)).top == 10
    assert series(counted("2025-01-02", 12.5)).top == 12.5


# --- through the engine: a real credential's report ----------------------------------------------

TODAY = date(2026, 11, 23)


def test_a_reports_series_is_its_counted_points_by_date(catalog):
    held = HeldCredential("cma-aama", date(2022, 3, 15))
    profile = Profile(
        credentials=(held,),
        activities=(
            activity("2021-06-01", general=3),  # before the cycle: not on the chart
            activity("2023-01-10", administrative=10),
            activity("2024-01-20", clinical=30, general=15, approved=False),  # 30 of 45 count (the cap)
            activity("2025-05-01", clinical=4),
        ),
    )
    report = compute(profile, catalog.credentials, TODAY).credential("cma-aama")
    points = points_of(report)
    assert points == points_of(report, TODAY)  # the report's own today, worked out from days_left
    assert points.start == date(2022, 3, 15) and points.deadline == date(2027, 3, 31)
    assert points.required == 60
    assert points.days == (date(2023, 1, 10), date(2024, 1, 20), date(2025, 5, 1))
    assert points.totals == (10, 40, 44)
    assert points.earned == report.tally.counted
    # 1714 of the 1842 days from 15 Mar 2022 to 31 Mar 2027 have passed.
    assert points.pace_today == round(60 * 1714 / 1842, 1) == 55.8


def test_a_calendar_year_window_starts_the_line_when_credit_starts(catalog):
    held = HeldCredential("ncma-ncct", date(2026, 3, 1))
    report = compute(Profile(credentials=(held,)), catalog.credentials, TODAY).credential("ncma-ncct")
    points = points_of(report)
    # NCCT counts credit from 1 January of the year before expiry: here before the credential began.
    assert points.start == report.cycle.credit_from == date(2026, 1, 1) < report.cycle.starts_on
    assert points.deadline == report.cycle.expires_on
    assert points.pace_by(points.start) == 0 and points.pace_by(points.deadline) == points.required


def test_a_charts_geometry_is_shares_of_its_width_and_height():
    points = series(counted("2025-01-03", 4))  # today 6 Jan; the chart ends on the deadline
    assert points.span_days == 10
    assert points.day_share(START) == 0.0 and points.day_share(date(2025, 1, 6)) == 0.5
    assert points.day_share(START - DAY) == 0.0 and points.day_share(DEADLINE + DAY) == 1.0  # clamped
    assert points.value_share(5.0) == 0.5 and points.value_share(-1.0) == 0.0 and points.value_share(99.0) == 1.0
    assert points.pace_corners() == [(START, 0.0), (DEADLINE, 10.0), (DEADLINE, 10.0)]
    assert points.ticks() == [0.0, 10.0] and points.shows_today


def test_more_earned_than_required_raises_the_top_and_adds_its_tick():
    points = series(counted("2025-01-02", 12), today=date(2025, 1, 20))
    assert points.top == 12.0 and points.ticks() == [0.0, 10.0, 12.0]
    assert points.value_share(10.0) == pytest.approx(10 / 12)
