"""What is still needed: shortfalls, the fewest extra points, the pace and the sentence."""

from datetime import date

from recert_tui.domain.engine import compute
from recert_tui.domain.models import HeldCredential, Profile

from .conftest import activity

TODAY = date(2026, 11, 23)
HELD = HeldCredential("cma-aama", date(2022, 3, 15))


def report_for(catalog, *activities, today=TODAY, held=HELD):
    return compute(Profile(credentials=(held,), activities=activities), catalog.credentials, today).credential(
        held.code
    )


def test_worked_example_18_more_points_at_least_4_clinical(catalog):
    report = report_for(catalog, activity("2023-01-01", administrative=10, general=26, clinical=6))
    needs = report.needs
    assert (needs.points, needs.approved) == (18, 0)
    assert needs.by_area == {"administrative": 0, "clinical": 4, "general": 0}
    assert needs.minimum_additional == 18
    assert needs.sentence == "18 more points by 31 Mar 2027, at least 4 of them clinical."
    assert not report.ready


def test_approved_shortfall_can_decide_the_minimum(catalog):
    report = report_for(
        catalog,
        activity("2023-01-01", administrative=10),
        activity("2023-02-01", clinical=15, general=15, approved=False),
    )
    assert report.needs.points == 20
    assert report.needs.approved == 20
    assert report.needs.minimum_additional == 20
    assert "at least 20 must be AAMA-approved" in report.needs.sentence


def test_area_shortfalls_add_up_and_can_decide_the_minimum(catalog):
    report = report_for(catalog, activity("2023-01-01", general=55))
    assert report.needs.points == 5
    assert report.needs.by_area == {"administrative": 10, "clinical": 10, "general": 0}
    assert report.needs.minimum_additional == 20
    assert "at least 10 of them administrative and 10 clinical" in report.needs.sentence


def test_pace_is_points_per_month_to_the_deadline(catalog):
    report = report_for(catalog, activity("2023-01-01", administrative=10, general=26, clinical=6))
    # 129 days from 23 Nov 2026 to 31 Mar 2027 inclusive: 4.24 months; 18 / 4.24 = 4.25 -> 4.3
    assert report.needs.per_month == 4.3
    assert report.needs.deadline == date(2027, 3, 31)


def test_nothing_needed_means_ready(catalog):
    report = report_for(catalog, activity("2023-01-01", administrative=20, general=20, clinical=20))
    assert report.needs.minimum_additional == 0
    assert report.needs.per_month is None
    assert report.ready
    assert report.needs.sentence.startswith("All 60 points are in")


def test_in_grace_the_deadline_is_the_close_of_the_ce_route(catalog):
    report = report_for(catalog, activity("2023-01-01", general=30), today=date(2027, 4, 15))
    assert report.status == "grace"
    assert report.needs.deadline == date(2027, 6, 30)
    assert "by 30 Jun 2027" in report.needs.sentence


def test_lapsed_is_never_ready_and_has_no_deadline(catalog):
    report = report_for(
        catalog, activity("2023-01-01", administrative=20, general=20, clinical=20), today=date(2027, 7, 1)
    )
    assert report.status == "lapsed"
    assert not report.ready
    assert report.needs.deadline is None
    assert "closed" in report.needs.sentence


def test_other_credentials_use_their_own_totals(catalog):
    held = HeldCredential("rma-amt", date(2024, 1, 10))
    report = report_for(
        catalog, activity("2024-05-01", general=12, credential="rma-amt", category="professional-education"), held=held
    )
    assert report.needs.minimum_additional == 18
    assert report.needs.by_area == {"administrative": 0, "clinical": 0, "general": 0}
    assert report.needs.sentence == "18 more points by 10 Jan 2027."
