"""What needs doing within a number of days, and how urgent the worst of it is: for cron.

Pure: it reads a `Report` and says, for each credential and exam program, whether something
must be done, in one sentence, at one of three levels (the exit codes of `status --check`):

- `LAPSED_OR_REENROLL` (2): the credential cannot be used today. It has lapsed (the CE route
  closed), or it has expired and is in its grace (it may not be used meanwhile, and the grace
  is the last chance by CE), or the rules require re-enrollment before another exam attempt.
  These count whatever the number of days asked about.
- `ACTION_SOON` (1): something must be done by a day within `within_days`: points still to
  earn, or every point in and the recertification still to send, before expiry; a scheduled
  exam attempt that falls before a retake is allowed; an attempt whose result was never
  recorded; an exam program with no attempt allowed and no published way on.
- `NOTHING_DUE` (0): none of that.

A yearly fee is not reported: no record says it was paid, so a reminder could never be
answered and would repeat until the day passed (`recert status` shows when it falls due).
A scheduled attempt that is allowed is a plan, not an action.
"""

from datetime import date
from typing import NamedTuple

from .counting import EPSILON, plural_points
from .dates import show_date
from .engine import CredentialReport, Report
from .exams import ExamReport
from .models import ExamAttempt

NOTHING_DUE = 0
ACTION_SOON = 1
LAPSED_OR_REENROLL = 2

DEFAULT_WITHIN_DAYS = 90


class CheckItem(NamedTuple):
    """One thing to do: its level, the credential or exam it is about, and what, by when."""

    level: int  # ACTION_SOON or LAPSED_OR_REENROLL
    subject: str  # "CMA (AAMA)", "CMA (AAMA) Certification/Recertification Exam"
    sentence: str  # plain words without the subject: "12 points still needed by 31 Mar 2027 (128 days)"
    on: date | None  # the day it is due by, or the day it went wrong; None when no day applies


class Check(NamedTuple):
    code: int  # the highest level among the items; NOTHING_DUE when there are none
    items: tuple[CheckItem, ...]  # most urgent first, then soonest first


def check(report: Report, within_days: int) -> Check:
    """Everything in `report` that needs action within `within_days` days (0: today only)."""
    items: list[CheckItem] = []
    for credential in report.credentials:
        item = _credential_item(credential, report.today, within_days)
        if item is not None:
            items.append(item)
    for exam in report.exams:
        items += _exam_items(exam, report.today, within_days)
    items.sort(key=most_urgent_first)
    return Check(max((item.level for item in items), default=NOTHING_DUE), tuple(items))


def most_urgent_first(item: CheckItem) -> tuple[int, bool, date]:
    """The order items are listed in (a sort key): most urgent first; within a level the
    soonest day first, items without a day last."""
    return (-item.level, item.on is None, item.on or date.min)


def days_words(on: date, today: date) -> str:
    """`today`, `1 day`, `128 days`, `3 days ago`: how far `on` is from `today`."""
    days = (on - today).days
    if days == 0:
        return "today"
    count = f"{abs(days)} day{'' if abs(days) == 1 else 's'}"
    return count if days > 0 else f"{count} ago"


def _credential_item(report: CredentialReport, today: date, within_days: int) -> CheckItem | None:
    cycle, name = report.cycle, report.rules.name
    if report.status == "lapsed":
        when = f"expired on {show_date(cycle.expires_on)}"
        if cycle.ce_route_closes_on > cycle.expires_on:
            when += f", and the grace ended on {show_date(cycle.ce_route_closes_on)}"
        return CheckItem(LAPSED_OR_REENROLL, name, f"lapsed: {when}. {report.next_step}", cycle.ce_route_closes_on)
    if report.status == "grace":
        by = cycle.ce_route_closes_on
        sentence = (
            f"expired on {show_date(cycle.expires_on)} and may not be used until recertified; "
            f"{_what_is_left(report, by, today)} to recertify in the grace"
        )
        return CheckItem(LAPSED_OR_REENROLL, name, sentence, by)
    if report.status not in ("current", "due-soon") or (cycle.expires_on - today).days > within_days:
        return None  # a past cycle (status "recertified") is closed: nothing is left to do for it
    return CheckItem(ACTION_SOON, name, _what_is_left(report, cycle.expires_on, today), cycle.expires_on)


def _what_is_left(report: CredentialReport, by: date, today: date) -> str:
    """`12 points still needed by 31 Mar 2027 (128 days)`, or that only recertifying is left."""
    deadline = f"by {show_date(by)} ({days_words(by, today)})"
    if report.needs.minimum_additional > EPSILON:
        return f"{plural_points(report.needs.minimum_additional)} still needed {deadline}"
    return f"every point is in: send the CE recertification {deadline}"


def _exam_items(exam: ExamReport, today: date, within_days: int) -> list[CheckItem]:
    items = [
        CheckItem(
            ACTION_SOON,
            exam.name,
            f"the attempt on {show_date(attempt.on)} ({days_words(attempt.on, today)}) has no result yet: "
            "record it as pass or fail",
            attempt.on,
        )
        for attempt in exam.history
        if isinstance(attempt, ExamAttempt) and attempt.result == "scheduled" and attempt.on < today
    ]
    used = f"{exam.failures} of {exam.max_attempts} attempts used"
    if exam.reenrollment_required:
        sentence = (
            f"re-enrollment required: {used}; complete an accredited medical assisting program again "
            "before another attempt, then record the re-enrollment"
        )
        items.append(CheckItem(LAPSED_OR_REENROLL, exam.name, sentence, None))
    elif exam.next_eligible_on is None:  # no attempt allowed, and the rules publish no way on
        if exam.remaining > 0 and exam.window_closes_on is not None:
            sentence = (
                f"no attempt is allowed: every attempt had to be taken by {show_date(exam.window_closes_on)}; "
                "what follows is not published: ask the certifying body"
            )
            items.append(CheckItem(ACTION_SOON, exam.name, sentence, exam.window_closes_on))
        else:
            sentence = f"no attempt is allowed: {used}; what follows is not published: ask the certifying body"
            items.append(CheckItem(ACTION_SOON, exam.name, sentence, None))
    else:
        allowed_from = exam.next_eligible_on
        for attempt in exam.upcoming:
            if attempt.on < allowed_from and (attempt.on - today).days <= within_days:
                sentence = (
                    f"the attempt scheduled for {show_date(attempt.on)} ({days_words(attempt.on, today)}) "
                    f"is too early: a retake is allowed only from {show_date(allowed_from)}; move it"
                )
                items.append(CheckItem(ACTION_SOON, exam.name, sentence, attempt.on))
    return items
