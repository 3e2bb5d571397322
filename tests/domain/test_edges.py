"""Right at the edges: what counts for each credential, which route is still open, the pace
near the end, and past cycles. Every deadline is tried the day before, the day of and the
day after."""

from datetime import date, timedelta

import pytest

from recert_tui.domain.counting import COUNTED, NOT_COUNTED
from recert_tui.domain.engine import compute, cycle_number, history
from recert_tui.domain.models import ExamAttempt, HeldCredential, Profile, Reenrollment
from recert_tui.domain.needs import pace_for, pace_text
from recert_tui.domain.routes import next_anniversary_month_end

from .conftest import activity

DAY = timedelta(days=1)


def report_for(catalog, held, *activities, today, attempts=()):
    profile = Profile(credentials=(held,), activities=activities, exam_attempts=attempts)
    return compute(profile, catalog.credentials, today).credential(held.code)


def around(day: date) -> list[date]:
    return [day - DAY, day, day + DAY]


# --- counting that matches each credential ------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "earned", "category"),
    [
        ("rma-amt", date(2025, 1, 10), "professional-education"),
        ("ncma-ncct", date(2026, 3, 1), ""),
        ("ccma-nha", date(2025, 6, 1), ""),
        ("cmac-amca", date(2025, 6, 1), ""),
    ],
)
def test_credit_that_does_not_qualify_is_listed_but_never_counted(catalog, code, earned, category):
    rules = catalog.credentials[code]
    held = HeldCredential(code, earned)
    need = rules.ce.total_points.value
    outside = activity("2026-04-01", credential=code, category=category, approved=False, general=need)
    report = report_for(catalog, held, outside, today=date(2026, 5, 1))
    assert report.tally.counted == 0
    assert not report.ready
    assert report.needs.minimum_additional == need
    (item,) = report.activities
    assert item.outcome == NOT_COUNTED
    assert item.reason == f"not {rules.approved_label}: {rules.name} counts only {rules.approved_label} credit"


def test_the_cma_caps_credit_that_is_not_aama_approved_instead_of_refusing_it(catalog):
    held = HeldCredential("cma-aama", date(2022, 3, 15))
    report = report_for(catalog, held, activity("2023-01-01", approved=False, clinical=40), today=date(2026, 11, 23))
    assert report.tally.counted == 30
    assert report.activities[0].reason.endswith("-point limit on credit that is not AAMA-approved is reached")


def test_rma_credit_without_a_ccp_category_is_not_counted_and_says_how_to_fix_it(catalog):
    held = HeldCredential("rma-amt", date(2025, 1, 10))
    report = report_for(catalog, held, activity("2025-05-01", credential="rma-amt", general=5), today=date(2026, 5, 1))
    assert report.tally.counted == 0
    assert report.activities[0].reason.startswith("no RMA (AMT) category chosen: edit it and choose one (")


@pytest.mark.parametrize(("day", "counts"), [("2020-12-30", True), ("2020-12-31", True), ("2021-01-01", False)])
def test_rma_employment_verification_counts_only_for_work_up_to_the_end_of_2020(catalog, day, counts):
    held = HeldCredential("rma-amt", date(2019, 6, 1), recertified_on=(date(2020, 6, 1),))
    item = activity(day, credential="rma-amt", category="employment-verification", general=5)
    report = report_for(catalog, held, item, today=date(2021, 2, 1))
    assert (report.activities[0].outcome == COUNTED) is counts
    if not counts:
        assert report.activities[0].reason == "Employment verification counts only for work up to 31 Dec 2020"


@pytest.mark.parametrize(
    ("today", "due"),
    [
        (date(2027, 3, 30), date(2027, 3, 31)),
        (date(2027, 3, 31), date(2027, 3, 31)),
        (date(2027, 4, 1), date(2028, 3, 31)),
    ],
)
def test_the_rma_annual_fee_is_due_by_the_end_of_the_anniversary_month(catalog, today, due):
    assert next_anniversary_month_end(date(2025, 3, 9), today) == due
    held = HeldCredential("rma-amt", date(2025, 3, 9))
    ce = report_for(catalog, held, today=today).routes[0]
    assert ("annual fee due", due) in [(step.label, step.on) for step in ce.steps]


def test_the_annual_fee_comes_first_in_the_next_step_when_it_is_due_first(catalog):
    held = HeldCredential("rma-amt", date(2025, 3, 9))
    report = report_for(catalog, held, today=date(2027, 3, 1))
    assert report.next_step == "Pay the annual fee ($50) by 31 Mar 2027. Earn 30 more points by 9 Mar 2028."


def test_ncma_hours_count_toward_exactly_one_recertification_year(catalog):
    # Certified 1 Jun 2024; recertified 1 Jun 2025. Credit reaches back to the calendar year
    # before each recertification year, so Mar 2025 lies in both windows: the earlier year keeps it.
    held = HeldCredential("ncma-ncct", date(2024, 6, 1), recertified_on=(date(2025, 6, 1),))
    march = activity("2025-03-01", credential="ncma-ncct", general=14)
    july = activity("2025-07-01", credential="ncma-ncct", general=3)
    profile = Profile(credentials=(held,), activities=(march, july))
    cycles = history(profile, catalog.credentials, date(2025, 8, 1)).credentials
    first, second = cycles
    assert [a.activity.completed_on for a in first.activities if a.outcome == COUNTED] == [date(2025, 3, 1)]
    assert [a.activity.completed_on for a in second.activities if a.outcome == COUNTED] == [date(2025, 7, 1)]
    assert first.tally.counted + second.tally.counted == 17
    assert second.activities[0].reason.startswith("belongs to the earlier cycle")


@pytest.mark.parametrize("title", ["BLS renewal", "cpr card", "PALS provider", "Pediatric First Aid"])
def test_ncma_never_counts_renewal_cards_whatever_kind_they_were_entered_as(catalog, title):
    held = HeldCredential("ncma-ncct", date(2026, 3, 1))
    report = report_for(
        catalog, held, activity("2026-04-01", credential="ncma-ncct", title=title, clinical=4), today=date(2026, 5, 1)
    )
    assert report.tally.counted == 0
    assert "NCCT does not accept activities that need periodic renewal" in report.activities[0].reason


def test_ncma_counts_a_course_whose_title_only_contains_those_letters(catalog):
    held = HeldCredential("ncma-ncct", date(2026, 3, 1))
    report = report_for(
        catalog,
        held,
        activity("2026-04-01", credential="ncma-ncct", title="Scaffolding care plans", general=4),
        today=date(2026, 5, 1),
    )
    assert report.tally.counted == 4


@pytest.mark.parametrize(("repeat", "counts"), [("2026-02-28", False), ("2026-03-01", True), ("2026-03-02", True)])
def test_ncma_recurring_training_counts_once_in_five_years(catalog, repeat, counts):
    held = HeldCredential("ncma-ncct", date(2021, 3, 1), recertified_on=(date(2025, 3, 1),))
    first = activity("2021-03-01", credential="ncma-ncct", title="Annual HIPAA training", recurring=True, general=2)
    again = activity(repeat, credential="ncma-ncct", title="annual  HIPAA training", recurring=True, general=2)
    report = report_for(catalog, held, first, again, today=date(2026, 3, 5))
    item = next(a for a in report.activities if a.activity is again)
    assert (item.outcome == COUNTED) is counts
    if not counts:
        assert item.reason == "a recurring training counts once in 5 years; this one counted on 1 Mar 2021"


def test_a_training_not_marked_recurring_counts_every_time(catalog):
    held = HeldCredential("ncma-ncct", date(2026, 3, 1))
    items = [activity(day, credential="ncma-ncct", title="HIPAA", general=2) for day in ("2026-03-02", "2026-04-02")]
    assert report_for(catalog, held, *items, today=date(2026, 5, 1)).tally.counted == 4


# --- the route planner -------------------------------------------------------------------------

CMA = HeldCredential("cma-aama", date(2022, 3, 15))  # expires 31 Mar 2027; grace to 30 Jun 2027


def test_the_issue_case_after_the_exam_deadline_the_exam_route_is_closed(catalog):
    report = report_for(
        catalog, CMA, activity("2023-01-01", clinical=22, administrative=10, general=10), today=date(2027, 2, 15)
    )
    routes = {route.key: route for route in report.routes}
    assert not routes["exam"].open
    assert "passed by 31 Jan 2027" in routes["exam"].note
    assert routes["ce"].open
    assert report.next_step == "Earn 18 more points by 31 Mar 2027 (grace to 30 Jun 2027)."


@pytest.mark.parametrize(
    ("today", "exam_open"), [(date(2027, 1, 30), True), (date(2027, 1, 31), True), (date(2027, 2, 1), False)]
)
def test_cma_exam_route_on_time_around_its_pass_by_date(catalog, today, exam_open):
    report = report_for(catalog, CMA, today=today)
    routes = {route.key: route for route in report.routes}
    assert routes["exam"].open is exam_open
    assert report.next_step.startswith("Apply for the exam by 31 Jan 2027, or earn 60 more points") is exam_open


@pytest.mark.parametrize(
    ("today", "status", "ce_open"),
    [
        (date(2027, 3, 30), "due-soon", True),
        (date(2027, 3, 31), "due-soon", True),
        (date(2027, 4, 1), "grace", True),
        (date(2027, 6, 29), "grace", True),
        (date(2027, 6, 30), "grace", True),
        (date(2027, 7, 1), "lapsed", False),
    ],
)
def test_cma_expiry_and_grace_end(catalog, today, status, ce_open):
    report = report_for(catalog, CMA, today=today)
    assert report.status == status
    assert report.routes[0].open is ce_open
    if status == "grace":
        assert (
            report.next_step == "Earn 60 more points by 30 Jun 2027 (grace; the credential may not be used meanwhile)."
        )
    if status == "lapsed":
        assert report.next_step == "Pass the exam to restore the credential and pay the reactivation fee."
        assert report.needs.pace is None


# (code, earned, expires, CE route closes)
DEADLINES = [
    ("cma-aama", date(2022, 3, 15), date(2027, 3, 31), date(2027, 6, 30)),
    ("ccma-nha", date(2025, 6, 1), date(2027, 6, 1), date(2027, 6, 1)),
    ("rma-amt", date(2024, 6, 1), date(2027, 6, 1), date(2027, 6, 1)),
    ("ncma-ncct", date(2026, 6, 1), date(2027, 6, 1), date(2031, 6, 1)),
    ("cmac-amca", date(2025, 6, 1), date(2027, 6, 1), date(2027, 7, 1)),
]


@pytest.mark.parametrize(("code", "earned", "expires", "closes"), DEADLINES)
def test_every_credential_around_expiry_and_the_close_of_the_ce_route(catalog, code, earned, expires, closes):
    held = HeldCredential(code, earned)
    for today in around(expires) + around(closes):
        report = report_for(catalog, held, today=today)
        assert report.cycle.expires_on == expires and report.cycle.ce_route_closes_on == closes
        expected = "lapsed" if today > closes else "grace" if today > expires else "due-soon"
        assert report.status == expected, today
        ce = report.routes[0]
        assert ce.open is (today <= closes), today
        if ce.open:
            assert report.next_step.startswith("Earn "), (today, report.next_step)
        else:
            assert report.needs.pace is None
            assert "Earn" not in report.next_step
        _assert_no_contradiction(report.routes)


def _assert_no_contradiction(routes):
    for route in routes:
        dates = [step.on for step in route.steps]
        assert dates == sorted(dates), route
        labels = {step.label: step.on for step in route.steps}
        if "apply by" in labels:
            assert labels["apply by"] <= labels["pass by"], route


def test_a_lapsed_ncma_starts_over_by_exam_and_a_lapsed_ccma_asks_about_reinstatement(catalog):
    ncma = report_for(catalog, HeldCredential("ncma-ncct", date(2020, 6, 1)), today=date(2026, 12, 6))
    assert ncma.status == "lapsed"
    assert ncma.next_step == "Retake the exam to certify again."
    ccma = report_for(catalog, HeldCredential("ccma-nha", date(2024, 6, 1)), today=date(2026, 12, 6))
    assert ccma.next_step == "Ask the National Healthcareer Association about reinstatement."


def test_when_no_route_is_open_the_next_step_says_so(catalog):
    rma = report_for(catalog, HeldCredential("rma-amt", date(2020, 6, 1)), today=date(2026, 12, 6))
    assert rma.status == "lapsed"
    assert rma.next_step.startswith("No route is open. Closed on 1 Jun 2023.")
    assert rma.next_step.endswith("Contact the American Medical Technologists.")


def test_a_blocked_exam_closes_both_exam_routes(catalog):
    fails = tuple(ExamAttempt("cma-aama", date(2026, m, 1), "fail", id=m) for m in (1, 4, 7))
    report = report_for(catalog, CMA, today=date(2027, 7, 1), attempts=fails)
    assert not any(route.open for route in report.routes)
    assert report.next_step.startswith("No route is open.")
    assert "Re-enrollment required" in report.next_step


# --- pace ---------------------------------------------------------------------------------------


def test_three_days_before_a_cmac_expiry_the_pace_is_the_whole_amount(catalog):
    report = report_for(catalog, HeldCredential("cmac-amca", date(2025, 1, 9)), today=date(2027, 1, 6))
    assert pace_text(report.needs) == "10 points in 3 days"


@pytest.mark.parametrize(
    ("days", "text"),
    [
        (0, "10 points today, the last day"),
        (1, "10 points in 1 day"),
        (14, "10 points in 14 days"),
        (15, "about 0.7 points a day"),
        (30, "about 0.4 points a day"),
        (31, "about 2.3 points a week"),
        (182, "about 0.4 points a week"),
        (183, "about 1.7 points a month"),
    ],
)
def test_the_pace_unit_fits_the_time_left(days, text):
    class Needs:
        pace = pace_for(10, days)

    assert pace_text(Needs) == text


# --- history -----------------------------------------------------------------------------------


def test_history_lists_each_cycle_with_its_own_count_and_the_route_that_closed_it(catalog):
    held = HeldCredential(
        "cma-aama", date(2017, 3, 15), recertified_on=(date(2022, 3, 15),), routes_used={date(2022, 3, 15): "exam"}
    )
    old = activity("2019-01-01", clinical=20)
    new = activity("2023-01-01", general=12)
    report = history(Profile(credentials=(held,), activities=(old, new)), catalog.credentials, date(2026, 11, 23))
    first, current = report.credentials
    assert (cycle_number(first), cycle_number(current)) == (1, 2)
    assert first.status == "recertified"
    assert first.tally.counted == 20 and current.tally.counted == 12
    assert first.needs.sentence == "Recertified on 15 Mar 2022 by exam; 20 of 60 points counted for this cycle."
    assert first.routes == () and first.next_step == ""
    assert [a.outcome for a in first.activities] == [COUNTED, NOT_COUNTED]
    assert first.activities[1].reason.startswith("belongs to the later cycle")
    assert current.status == "due-soon"


def test_a_recertification_in_grace_closes_the_cycle_before_it_on_that_day(catalog):
    # Expired 31 Mar 2027, recertified by CE in grace on 15 May 2027.
    held = HeldCredential("cma-aama", date(2022, 3, 15), recertified_on=(date(2027, 5, 15),))
    items = [activity(day, clinical=1) for day in ("2027-05-14", "2027-05-15")]
    first, second = history(
        Profile(credentials=(held,), activities=tuple(items)), catalog.credentials, date(2027, 6, 1)
    ).credentials
    assert first.cycle.credit_until == date(2027, 5, 14)
    assert [a.outcome for a in first.activities] == [COUNTED, NOT_COUNTED]
    assert [a.outcome for a in second.activities] == [NOT_COUNTED, COUNTED]
    assert "by a route not recorded" in first.needs.sentence


@pytest.mark.parametrize(("today", "state"), [(date(2027, 1, 31), "not yet"), (date(2027, 2, 1), "open")])
def test_the_late_exam_route_opens_the_day_after_the_on_time_deadline(catalog, today, state):
    from recert_tui.domain.routes import route_state

    late = {route.key: route for route in report_for(catalog, CMA, today=today).routes}["late-exam"]
    assert route_state(late) == state
    assert late.steps[0] == ("exam from", date(2027, 2, 1), False)


# --- attempts: every wait and window, the day before, of and after -----------------------------


def _refusal(catalog, code, attempts, day, reenrollments=()):
    from recert_tui.domain.exams import attempt_refusal

    policy = catalog.credentials[code].exam
    return attempt_refusal(policy, list(attempts), list(reenrollments), ExamAttempt(code, day, "fail"))


@pytest.mark.parametrize(
    ("code", "fails", "allowed_from"),
    [
        ("cmac-amca", (date(2026, 1, 1),), date(2026, 1, 31)),  # 30 days after the first failure
        ("cmac-amca", (date(2026, 1, 1), date(2026, 3, 1)), date(2026, 4, 30)),  # 60 days after the second
        ("ccma-nha", (date(2026, 1, 1),), date(2026, 1, 31)),  # NHA: 30 days after a failure
        ("ccma-nha", (date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)), date(2027, 3, 1)),  # then 12 months
    ],
)
def test_each_wait_refuses_the_day_before_and_allows_the_day_it_ends(catalog, code, fails, allowed_from):
    attempts = [ExamAttempt(code, day, "fail", id=index) for index, day in enumerate(fails, 1)]
    field, sentence = _refusal(catalog, code, attempts, allowed_from - DAY)
    assert field == "date" and "is too early: the next attempt is allowed from" in sentence
    assert _refusal(catalog, code, attempts, allowed_from) is None
    assert _refusal(catalog, code, attempts, allowed_from + DAY) is None


def test_cmac_attempts_must_fall_within_a_year_of_the_first(catalog):
    attempts = [ExamAttempt("cmac-amca", date(2026, 1, 1), "fail", id=1)]
    assert _refusal(catalog, "cmac-amca", attempts, date(2026, 12, 31)) is None
    assert _refusal(catalog, "cmac-amca", attempts, date(2027, 1, 1)) is None
    field, sentence = _refusal(catalog, "cmac-amca", attempts, date(2027, 1, 2))
    assert (field, sentence.split(":")[0]) == ("date", "2 Jan 2027 is too late")


def test_the_cma_limit_and_a_reenrollment_on_the_day_before_of_and_after(catalog):
    fails = [ExamAttempt("cma-aama", date(2026, m, 1), "fail", id=m) for m in (1, 4, 7)]
    field, sentence = _refusal(catalog, "cma-aama", fails, date(2026, 9, 1))
    assert (
        field == "result" and "re-enrollment in an accredited medical assisting program is required first" in sentence
    )
    enrolled = [Reenrollment("cma-aama", date(2026, 9, 1))]
    assert _refusal(catalog, "cma-aama", fails, date(2026, 8, 31), enrolled) is not None
    assert _refusal(catalog, "cma-aama", fails, date(2026, 9, 1), enrolled) is None
    assert _refusal(catalog, "cma-aama", fails, date(2026, 9, 2), enrolled) is None


def test_correcting_the_third_failure_is_judged_without_itself(catalog):
    from recert_tui.domain.exams import attempt_refusal

    fails = [ExamAttempt("cma-aama", date(2026, m, 1), "fail", id=m) for m in (1, 4, 7)]
    policy = catalog.credentials["cma-aama"].exam
    assert attempt_refusal(policy, fails, [], fails[2]._replace(result="pass")) is None
