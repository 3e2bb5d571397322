"""What `status --check` calls due: each boundary the day before, of and after, with the shipped rules.

CMA (AAMA) earned 15 Mar 2022: expires 31 Mar 2027, grace (the CE route) to 30 Jun 2027;
60 points, at least 10 in each area and 30 approved. RMA (AMT) earned the same day: expires
15 Mar 2025, no grace.
"""

from datetime import date, timedelta

import pytest

from recert_tui.domain.engine import compute, history
from recert_tui.domain.models import ExamAttempt, HeldCredential, Profile, Reenrollment
from recert_tui.domain.urgency import (
    ACTION_SOON,
    LAPSED_OR_REENROLL,
    NOTHING_DUE,
    Check,
    CheckItem,
    check,
    days_words,
)

from .conftest import activity

DAY = timedelta(days=1)
CMA = HeldCredential("cma-aama", date(2022, 3, 15))
CMA_EXPIRES = date(2027, 3, 31)
CMA_GRACE_ENDS = date(2027, 6, 30)
RMA = HeldCredential("rma-amt", date(2022, 3, 15))
RMA_EXPIRES = date(2025, 3, 15)
EVERY_POINT = (
    activity("2023-01-10", administrative=20),
    activity("2023-02-10", clinical=20),
    activity("2023-03-10", general=20),
)
MOST_POINTS = EVERY_POINT[:2]  # 40 of 60: 20 more, all of them general


def check_on(catalog, today: date, within: int = 90, **records) -> Check:
    return check(compute(Profile(**records), catalog.credentials, today), within)


def only_item(result: Check) -> CheckItem:
    (item,) = result.items
    return item


# --- a credential before its expiry: due once within the days asked about ----------------------


@pytest.mark.parametrize("within", [0, 1, 90, 3650])
def test_a_credential_is_due_from_exactly_within_days_before_its_expiry(catalog, within):
    first_due = CMA_EXPIRES - timedelta(days=within)
    before = check_on(catalog, first_due - DAY, within, credentials=(CMA,), activities=MOST_POINTS)
    assert before == Check(NOTHING_DUE, ())
    for today in (first_due, first_due + DAY):
        if today > CMA_EXPIRES:
            continue  # within 0: the day after is the grace, tried below
        item = only_item(check_on(catalog, today, within, credentials=(CMA,), activities=MOST_POINTS))
        assert item.level == ACTION_SOON
        assert item.subject == "CMA (AAMA)"
        assert item.on == CMA_EXPIRES
        days = (CMA_EXPIRES - today).days
        words = {0: "today", 1: "1 day"}.get(days, f"{days} days")
        assert item.sentence == f"20 points still needed by 31 Mar 2027 ({words})"


def test_the_brief_example_reads_in_plain_words(catalog):
    # 48 of 60 points in, 128 days before expiry, asked about the next 128 days.
    held = (activity("2023-01-10", administrative=20), activity("2023-02-10", clinical=18, general=10))
    result = check_on(catalog, date(2026, 11, 23), 128, credentials=(CMA,), activities=held)
    assert result == Check(
        ACTION_SOON,
        (CheckItem(ACTION_SOON, "CMA (AAMA)", "12 points still needed by 31 Mar 2027 (128 days)", CMA_EXPIRES),),
    )


def test_every_point_in_but_not_recertified_still_needs_the_recertification_sent(catalog):
    far = check_on(catalog, CMA_EXPIRES - timedelta(days=91), credentials=(CMA,), activities=EVERY_POINT)
    assert far.code == NOTHING_DUE
    item = only_item(check_on(catalog, CMA_EXPIRES - timedelta(days=90), credentials=(CMA,), activities=EVERY_POINT))
    assert (item.level, item.on) == (ACTION_SOON, CMA_EXPIRES)
    assert item.sentence == "every point is in: send the CE recertification by 31 Mar 2027 (90 days)"


def test_a_recertified_credential_is_not_due_until_its_new_cycle_comes_near(catalog):
    recertified = CMA._replace(recertified_on=(date(2027, 2, 1),), routes_used={date(2027, 2, 1): "ce"})
    # The new cycle runs to 28 Feb 2032: nothing is due on the old expiry or in its grace.
    for today in (CMA_EXPIRES - DAY, CMA_EXPIRES, CMA_EXPIRES + DAY, CMA_GRACE_ENDS + DAY):
        assert check_on(catalog, today, credentials=(recertified,)).code == NOTHING_DUE
    assert check_on(catalog, date(2031, 12, 1), credentials=(recertified,)).code == ACTION_SOON


def test_past_cycles_in_a_history_report_are_never_due(catalog):
    recertified = CMA._replace(recertified_on=(date(2027, 2, 1),), routes_used={date(2027, 2, 1): "ce"})
    report = history(Profile(credentials=(recertified,)), catalog.credentials, date(2028, 1, 1))
    assert [item.status for item in report.credentials] == ["recertified", "current"]
    assert check(report, 3650).items[0].on == date(2032, 2, 29)  # only the current cycle
    assert len(check(report, 3650).items) == 1


# --- expiry, grace, lapse: the credential cannot be used, whatever the days asked about --------


def test_the_day_of_expiry_is_still_action_soon_and_the_day_after_is_the_grace(catalog):
    records = {"credentials": (CMA,), "activities": MOST_POINTS}
    on_the_day = only_item(check_on(catalog, CMA_EXPIRES, **records))
    assert (on_the_day.level, on_the_day.sentence) == (ACTION_SOON, "20 points still needed by 31 Mar 2027 (today)")
    after = only_item(check_on(catalog, CMA_EXPIRES + DAY, 0, **records))
    assert after.level == LAPSED_OR_REENROLL
    assert after.on == CMA_GRACE_ENDS
    assert after.sentence == (
        "expired on 31 Mar 2027 and may not be used until recertified; "
        "20 points still needed by 30 Jun 2027 (90 days) to recertify in the grace"
    )


@pytest.mark.parametrize("today", [CMA_GRACE_ENDS - DAY, CMA_GRACE_ENDS])
def test_the_grace_counts_as_level_2_to_its_last_day_even_with_within_0(catalog, today):
    item = only_item(check_on(catalog, today, 0, credentials=(CMA,), activities=EVERY_POINT))
    assert item.level == LAPSED_OR_REENROLL
    assert "may not be used until recertified; every point is in: send the CE recertification by 30 Jun 2027" in (
        item.sentence
    )


def test_the_day_after_the_grace_the_credential_has_lapsed(catalog):
    item = only_item(check_on(catalog, CMA_GRACE_ENDS + DAY, 0, credentials=(CMA,), activities=EVERY_POINT))
    assert item.level == LAPSED_OR_REENROLL
    assert item.on == CMA_GRACE_ENDS
    assert item.sentence.startswith("lapsed: expired on 31 Mar 2027, and the grace ended on 30 Jun 2027. ")
    assert item.sentence.endswith("Pass the exam to restore the credential and pay the reactivation fee.")


def test_without_a_grace_the_day_after_expiry_is_a_lapse(catalog):
    assert check_on(catalog, RMA_EXPIRES - timedelta(days=1), 0, credentials=(RMA,)).code == NOTHING_DUE
    assert check_on(catalog, RMA_EXPIRES, 0, credentials=(RMA,)).code == ACTION_SOON
    item = only_item(check_on(catalog, RMA_EXPIRES + DAY, 0, credentials=(RMA,)))
    assert item.level == LAPSED_OR_REENROLL
    assert item.sentence.startswith("lapsed: expired on 15 Mar 2025. ")


def test_a_yearly_fee_is_not_reported_since_no_record_says_it_was_paid(catalog):
    # RMA's annual fee falls due at the end of March each year; the cycle is far from expiry.
    recertified = RMA._replace(recertified_on=(date(2025, 3, 1),), routes_used={date(2025, 3, 1): "ce"})
    report = compute(Profile(credentials=(recertified,)), catalog.credentials, date(2026, 3, 20))
    (credential,) = report.credentials
    assert any(step.label == "annual fee due" for step in credential.routes[0].steps)
    assert check(report, 90).code == NOTHING_DUE


# --- exams ---------------------------------------------------------------------------------------


def cma_fail(day: str, id: int) -> ExamAttempt:
    return ExamAttempt("cma-aama", date.fromisoformat(day), "fail", id=id)


THREE_FAILURES = (cma_fail("2026-01-10", 1), cma_fail("2026-04-10", 2), cma_fail("2026-07-10", 3))


def test_reenrollment_required_is_level_2_until_a_reenrollment_is_recorded(catalog):
    today = date(2026, 11, 23)
    assert check_on(catalog, today, exam_attempts=THREE_FAILURES[:2]).code == NOTHING_DUE
    item = only_item(check_on(catalog, today, 0, exam_attempts=THREE_FAILURES))
    assert item == CheckItem(
        LAPSED_OR_REENROLL,
        "CMA (AAMA) Certification/Recertification Exam",
        "re-enrollment required: 3 of 3 attempts used; complete an accredited medical assisting program "
        "again before another attempt, then record the re-enrollment",
        None,
    )
    reenrolled = (Reenrollment("cma-aama", date(2026, 9, 1)),)
    assert check_on(catalog, today, exam_attempts=THREE_FAILURES, reenrollments=reenrolled).code == NOTHING_DUE


CCMA_FAILED = ExamAttempt("ccma-nha", date(2026, 11, 1), "fail", id=1)  # a retake from 1 Dec 2026 (30 days)


@pytest.mark.parametrize(("within", "due"), [(19, False), (20, True), (21, True)])
def test_a_scheduled_attempt_before_a_retake_is_allowed_is_due_within_the_days(catalog, within, due):
    today = date(2026, 11, 5)
    too_early = ExamAttempt("ccma-nha", date(2026, 11, 25), "scheduled", id=2)  # in 20 days
    result = check_on(catalog, today, within, exam_attempts=(CCMA_FAILED, too_early))
    if not due:
        assert result == Check(NOTHING_DUE, ())
        return
    assert only_item(result) == CheckItem(
        ACTION_SOON,
        "CCMA (NHA) exam",
        "the attempt scheduled for 25 Nov 2026 (20 days) is too early: a retake is allowed only from 1 Dec 2026; "
        "move it",
        date(2026, 11, 25),
    )


@pytest.mark.parametrize(
    ("scheduled_on", "due"), [(date(2026, 11, 30), True), (date(2026, 12, 1), False), (date(2026, 12, 2), False)]
)
def test_a_scheduled_attempt_is_a_plan_not_an_action_from_the_day_a_retake_is_allowed(catalog, scheduled_on, due):
    attempt = ExamAttempt("ccma-nha", scheduled_on, "scheduled", id=2)
    result = check_on(catalog, date(2026, 11, 5), exam_attempts=(CCMA_FAILED, attempt))
    assert result.code == (ACTION_SOON if due else NOTHING_DUE)


def test_an_attempt_left_without_a_result_is_due_from_the_day_after(catalog):
    attempt = ExamAttempt("ccma-nha", date(2026, 11, 23), "scheduled", id=1)
    for today in (date(2026, 11, 22), date(2026, 11, 23)):
        assert check_on(catalog, today, 0, exam_attempts=(attempt,)).code == NOTHING_DUE
    item = only_item(check_on(catalog, date(2026, 11, 24), 0, exam_attempts=(attempt,)))
    assert item.level == ACTION_SOON
    assert item.sentence == "the attempt on 23 Nov 2026 (1 day ago) has no result yet: record it as pass or fail"


def amca_fail(day: str, id: int) -> ExamAttempt:
    return ExamAttempt("cmac-amca", date.fromisoformat(day), "fail", id=id)


def test_an_exam_whose_attempt_window_has_closed_asks_the_certifying_body(catalog):
    # CMAC (AMCA): every attempt within a year of the first; after 2 failures the third waits 60 days.
    failures = (amca_fail("2026-01-10", 1), amca_fail("2026-11-20", 2))
    assert check_on(catalog, date(2026, 11, 23), exam_attempts=failures[:1]).code == NOTHING_DUE
    item = only_item(check_on(catalog, date(2026, 11, 23), exam_attempts=failures))
    assert item.level == ACTION_SOON
    assert item.on == date(2027, 1, 10)
    assert item.sentence == (
        "no attempt is allowed: every attempt had to be taken by 10 Jan 2027; what follows is not published: "
        "ask the certifying body"
    )


def test_an_exam_with_no_attempts_left_and_no_published_rule_asks_the_certifying_body(catalog):
    failures = (amca_fail("2026-01-10", 1), amca_fail("2026-02-10", 2), amca_fail("2026-04-20", 3))
    item = only_item(check_on(catalog, date(2026, 11, 23), exam_attempts=failures))
    assert (item.level, item.on) == (ACTION_SOON, None)
    assert (
        item.sentence
        == "no attempt is allowed: 3 of 3 attempts used; what follows is not published: ask the certifying body"
    )


# --- the whole check -----------------------------------------------------------------------------


def test_the_code_is_the_worst_level_and_items_come_most_urgent_then_soonest_first(catalog):
    today = date(2025, 3, 20)  # RMA lapsed 5 days ago; CMA expires in 2 years
    stale = ExamAttempt("ccma-nha", date(2025, 3, 1), "scheduled", id=9)
    failures = (cma_fail("2024-05-10", 1), cma_fail("2024-08-10", 2), cma_fail("2024-11-10", 3))
    result = check_on(catalog, today, 3650, credentials=(CMA, RMA), exam_attempts=(stale, *failures))
    assert result.code == LAPSED_OR_REENROLL
    assert [(item.level, item.subject) for item in result.items] == [
        (LAPSED_OR_REENROLL, "RMA (AMT)"),  # 15 Mar 2025
        (LAPSED_OR_REENROLL, "CMA (AAMA) Certification/Recertification Exam"),  # no day: last of its level
        (ACTION_SOON, "CCMA (NHA) exam"),  # 1 Mar 2025
        (ACTION_SOON, "CMA (AAMA)"),  # 31 Mar 2027
    ]


def test_nothing_held_nothing_due(catalog):
    assert check_on(catalog, date(2026, 11, 23)) == Check(NOTHING_DUE, ())


@pytest.mark.parametrize(
    ("offset", "words"), [(0, "today"), (1, "1 day"), (128, "128 days"), (-1, "1 day ago"), (-3, "3 days ago")]
)
def test_days_words(offset, words):
    today = date(2026, 11, 23)
    assert days_words(today + timedelta(days=offset), today) == words
