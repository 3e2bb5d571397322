"""Routes: CE and exam, their deadlines and fees, and what changes once lapsed."""

from datetime import date

import pytest

from recert_tui.domain.engine import compute
from recert_tui.domain.models import ExamAttempt, HeldCredential, Profile

from .conftest import activity

HELD = HeldCredential("cma-aama", date(2022, 3, 15))


def routes(catalog, today, held=HELD, attempts=()):
    report = compute(Profile(credentials=(held,), exam_attempts=attempts), catalog.credentials, today)
    return {route.key: route for route in report.credential(held.code).routes}


def test_cma_exam_route_deadlines_and_fees(catalog):
    exam = routes(catalog, date(2026, 11, 23))["exam"]
    assert exam.open
    # The application is due 30 days before expiry (1 Mar), but the exam must be passed two
    # months before (31 Jan): an application after the pass-by date would be no use, so the
    # route never shows the two side by side.
    assert [(d.label, d.on) for d in exam.steps] == [("apply by", date(2027, 1, 31)), ("pass by", date(2027, 1, 31))]
    assert [f.amount.value for f in exam.fees] == [125, 250]


def test_ce_route_fee_is_unknown_and_marked(catalog):
    ce = routes(catalog, date(2026, 11, 23))["ce"]
    assert ce.open
    assert "unknown (unconfirmed)" in ce.fee_text
    assert ce.unconfirmed


def test_in_grace_the_ce_route_is_open_and_says_the_credential_may_not_be_used(catalog):
    ce = routes(catalog, date(2027, 4, 2))["ce"]
    assert ce.open and "may not be used" in ce.note


def test_lapsed_only_the_late_exam_route_with_the_reactivation_fee(catalog):
    found = routes(catalog, date(2027, 7, 1))
    assert not found["ce"].open
    assert not found["exam"].open
    assert found["late-exam"].open
    assert 50 in [f.amount.value for f in found["late-exam"].fees]


def test_rma_has_no_exam_route(catalog):
    found = routes(catalog, date(2026, 11, 23), held=HeldCredential("rma-amt", date(2024, 1, 10)))
    assert list(found) == ["ce"]
    steps = [(step.label, step.on) for step in found["ce"].steps]
    assert steps == [("CE by", date(2027, 1, 10)), ("annual fee due", date(2027, 1, 31))]
    assert "$50" in found["ce"].fee_text


def test_exam_route_closes_when_reenrollment_is_required(catalog):
    failed = tuple(ExamAttempt("cma-aama", date(2026, m, 1), "fail", id=m) for m in (1, 4, 7))
    exam = routes(catalog, date(2026, 11, 23), attempts=failed)["exam"]
    assert not exam.open
    assert "Re-enrollment required" in exam.note


def exam_route_met(catalog, today, attempts=(), activities=()):
    profile = Profile(credentials=(HELD,), exam_attempts=attempts, activities=activities)
    return compute(profile, catalog.credentials, today).credential(HELD.code).exam_route_met


@pytest.mark.parametrize(
    ("passed_on", "met"),
    [
        (date(2022, 3, 15), ""),  # the day the cycle began: that pass earned the credential
        (date(2022, 3, 16), "Done: the exam was passed on 16 Mar 2022."),
        (date(2027, 1, 30), "Done: the exam was passed on 30 Jan 2027."),  # the day before pass by
        (date(2027, 1, 31), "Done: the exam was passed on 31 Jan 2027."),  # pass by itself
        (date(2027, 2, 1), ""),  # the day after: too late to recertify on time by exam
    ],
)
def test_the_exam_route_is_met_by_a_pass_in_the_cycle_by_its_pass_by_date(catalog, passed_on, met):
    passed = (ExamAttempt("cma-aama", passed_on, "pass", id=1),)
    assert exam_route_met(catalog, max(passed_on, date(2026, 11, 23)), passed) == met


def test_the_exam_route_is_not_needed_once_every_ce_point_is_in(catalog):
    assert exam_route_met(catalog, date(2026, 11, 23)) == ""
    done = tuple(
        activity(f"2025-0{month}-01", administrative=10, clinical=10, general=10) for month in (1, 2)
    )  # 60 AAMA-approved points, 20 in each area
    assert exam_route_met(catalog, date(2026, 11, 23), activities=done) == (
        "Not needed: every CE point is in, so you can recertify by CE by 31 Mar 2027."
    )


def test_a_credential_without_an_exam_route_has_nothing_to_meet(catalog):
    rma = HeldCredential("rma-amt", date(2024, 1, 10))
    report = compute(Profile(credentials=(rma,)), catalog.credentials, date(2026, 11, 23))
    assert report.credential(rma.code).exam_route_met == ""
