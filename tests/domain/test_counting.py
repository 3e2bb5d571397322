"""Counting rules: caps, CPR cards, college credit, the window, and the best use of capped points."""

from datetime import date

from recert_tui.domain.counting import COUNTED, NOT_COUNTED, PARTLY
from recert_tui.domain.engine import compute
from recert_tui.domain.models import Activity, HeldCredential, Profile

from .conftest import activity

TODAY = date(2026, 11, 23)
HELD = HeldCredential("cma-aama", date(2022, 3, 15))


def report_for(catalog, *activities, held=HELD, today=TODAY):
    profile = Profile(credentials=(held,), activities=tuple(activities))
    return compute(profile, catalog.credentials, today).credential(held.code)


def outcome(report, item):
    return next(c for c in report.activities if c.activity.id == item.id)


def test_approved_points_all_count(catalog):
    report = report_for(
        catalog, activity("2023-01-05", clinical=20, general=20), activity("2024-06-01", administrative=20)
    )
    assert report.tally.counted == 60
    assert report.tally.approved == 60
    assert report.tally.by_area == {"administrative": 20, "clinical": 20, "general": 20}
    assert report.ready


def test_non_approved_points_above_30_do_not_count(catalog):
    approved = activity("2023-01-05", administrative=10, clinical=10, general=10)
    outside_a = activity("2023-02-01", general=20, approved=False)
    outside_b = activity("2023-03-01", clinical=20, approved=False)
    report = report_for(catalog, approved, outside_a, outside_b)
    assert report.tally.non_approved == 30
    assert report.tally.non_approved_offered == 40
    assert report.tally.counted == 60
    assert outcome(report, outside_a).outcome == COUNTED
    partly = outcome(report, outside_b)
    assert partly.outcome == PARTLY and partly.counted_points == 10
    assert "10 of 20 points count" in partly.reason and "30-point limit" in partly.reason


def test_a_fully_capped_activity_is_shown_as_not_counted_with_the_reason(catalog):
    approved = activity("2023-01-05", administrative=10, clinical=10, general=10)
    first = activity("2023-02-01", general=30, approved=False)
    late = activity("2023-03-01", general=5, approved=False)
    report = report_for(catalog, approved, first, late)
    assert outcome(report, late).outcome == NOT_COUNTED
    assert "limit" in outcome(report, late).reason


def test_worked_example_capped_points_go_where_they_satisfy_area_minimums(catalog):
    # AAMA CEUs: 10 administrative, 20 general. Outside credit: an older 25-point general course
    # and a newer 10-point clinical one; only 30 outside points count. Counting by date alone
    # would leave clinical 5 short; counting the clinical points first satisfies every minimum.
    approved = activity("2022-06-01", administrative=10, general=20)
    general_course = activity("2023-01-10", general=25, approved=False)
    clinical_course = activity("2024-04-10", clinical=10, approved=False)
    report = report_for(catalog, approved, general_course, clinical_course)
    assert report.tally.by_area["clinical"] == 10
    assert report.needs.by_area == {"administrative": 0, "clinical": 0, "general": 0}
    assert report.tally.counted == 60
    assert outcome(report, clinical_course).outcome == COUNTED
    left_out = outcome(report, general_course)
    assert left_out.outcome == PARTLY and left_out.counted_points == 20
    assert "limit" in left_out.reason


def test_cpr_cards_count_four_clinical_points_and_at_most_three(catalog):
    cards = [activity(f"202{year}-05-01", kind="cpr", approved=False, clinical=4) for year in (2, 3, 4, 5)]
    report = report_for(catalog, *cards)
    assert report.tally.by_area["clinical"] == 12
    assert report.tally.cpr_cards_counted == 3
    fourth = outcome(report, cards[3])
    assert fourth.outcome == NOT_COUNTED and "only 3 CPR cards" in fourth.reason
    assert not outcome(report, cards[0]).approved  # non-AAMA by default (unconfirmed)


def test_cpr_card_counts_the_rule_points_whatever_was_typed(catalog):
    card = activity("2023-05-01", kind="cpr", approved=False, clinical=9)
    report = report_for(catalog, card)
    assert outcome(report, card).counted == {"clinical": 4}


def test_college_credit_is_non_aama_even_if_marked_approved(catalog):
    course = Activity(
        "cma-aama",
        "Anatomy",
        date(2023, 9, 1),
        {"clinical": 45},
        approved=True,
        kind="college",
        college_credits=3,
        id=900,
    )
    report = report_for(catalog, course)
    assert report.tally.approved == 0
    assert report.tally.non_approved == 30  # 45 points, capped at 30


def test_activities_outside_the_window_are_shown_not_hidden(catalog):
    before = activity("2022-03-14", clinical=5)
    first_day = activity("2022-03-15", clinical=5)
    report = report_for(catalog, before, first_day)
    assert outcome(report, before).outcome == NOT_COUNTED
    assert "before this cycle began on 15 Mar 2022" in outcome(report, before).reason
    assert outcome(report, first_day).outcome == COUNTED
    assert len(report.activities) == 2


def test_activities_in_grace_count_and_after_the_ce_route_do_not(catalog):
    in_grace = activity("2027-05-20", clinical=5)
    too_late = activity("2027-07-01", clinical=5)
    report = report_for(catalog, in_grace, too_late, today=date(2027, 7, 2))
    assert outcome(report, in_grace).outcome == COUNTED
    assert "after the CE route closed on 30 Jun 2027" in outcome(report, too_late).reason


def test_records_of_an_earlier_cycle_stay_as_history(catalog):
    held = HeldCredential("cma-aama", date(2017, 3, 15), recertified_on=(date(2022, 3, 15),))
    old = activity("2020-01-01", clinical=10)
    new = activity("2023-01-01", clinical=10)
    report = report_for(catalog, old, new, held=held)
    assert report.cycle.starts_on == date(2022, 3, 15)
    assert "earlier cycle 15 Mar 2017 to 31 Mar 2022" in outcome(report, old).reason
    assert report.tally.counted == 10
    assert len(report.earlier_cycles) == 1


def test_other_credentials_activities_do_not_count(catalog):
    held = (HELD, HeldCredential("cmac-amca", date(2025, 6, 1)))
    profile = Profile(
        credentials=held,
        activities=(activity("2025-07-01", clinical=3, credential="cmac-amca"), activity("2025-07-01", clinical=7)),
    )
    report = compute(profile, catalog.credentials, TODAY)
    assert report.credential("cma-aama").tally.counted == 7
    assert report.credential("cmac-amca").tally.counted == 3
    assert report.credential("cmac-amca").needs.minimum_additional == 7


def test_ncma_does_not_accept_cpr(catalog):
    held = HeldCredential("ncma-ncct", date(2026, 3, 1))
    card = activity("2026-04-01", kind="cpr", credential="ncma-ncct", clinical=4)
    report = report_for(catalog, card, held=held)
    assert outcome(report, card).outcome == NOT_COUNTED
    assert "CPR" in outcome(report, card).reason


def test_every_activity_has_an_outcome_and_a_reason(catalog):
    items = [
        activity("2021-01-01", clinical=1),
        activity("2023-01-01", clinical=40, approved=False),
        activity("2023-02-01", general=2),
    ]
    report = report_for(catalog, *items)
    assert {c.activity.id for c in report.activities} == {i.id for i in items}
    assert all(c.reason for c in report.activities)
