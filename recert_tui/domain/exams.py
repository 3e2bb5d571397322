"""Exam attempts per exam program: how many are left, what follows, when a retake is allowed."""

from datetime import date
from typing import NamedTuple

from .counting import points_text
from .dates import show_date
from .models import ExamAttempt, Reenrollment
from .rules import ExamPolicy


class ExamReport(NamedTuple):
    exam: str
    name: str
    policy: ExamPolicy
    attempts: int  # every attempt taken (pass or fail), all history
    failures: int  # failures since the last pass, re-enrollment or completed wait
    max_attempts: int
    remaining: int
    reenrollment_required: bool
    one_left: bool
    next_eligible_on: date | None  # next date a retake is allowed; None while none is allowed
    wait_ends_on: date | None  # set while a wait after a failure is still running
    window_closes_on: date | None  # end of the span in which all attempts must fall, if any
    last_passed_on: date | None
    upcoming: tuple[ExamAttempt, ...]
    history: tuple[ExamAttempt | Reenrollment, ...]
    flag: str  # the line that cannot be missed
    warnings: tuple[str, ...]

    @property
    def blocked(self) -> bool:
        return self.next_eligible_on is None


def exam_report(
    policy: ExamPolicy,
    attempts: list[ExamAttempt],
    reenrollments: list[Reenrollment],
    today: date,
) -> ExamReport:
    """Walk the attempts in date order; a pass, a re-enrollment or a served wait starts a fresh count."""
    taken = sorted((a for a in attempts if a.result in ("pass", "fail")), key=lambda a: (a.on, a.id or 0))
    events: list[tuple[date, int, ExamAttempt | Reenrollment]] = [(a.on, 1, a) for a in taken]
    # On the same day, a re-enrollment is taken to come after that day's attempt.
    events += [(r.on, 2, r) for r in reenrollments]
    events.sort(key=lambda item: (item[0], item[1]))
    max_attempts = policy.max_attempts.value
    # The wait that ends a series of failures at the limit; None when the policy has no such wait.
    wait_out = (
        policy.wait_after_last.value
        if policy.after_last_failure.value == "wait" and policy.wait_after_last is not None
        else None
    )

    failures = 0
    first_in_series: date | None = None
    last_failure: date | None = None
    last_passed: date | None = None
    for day, _, event in events:
        if wait_out is not None and failures >= max_attempts and last_failure and day >= wait_out.after(last_failure):
            failures, first_in_series = 0, None
        if isinstance(event, Reenrollment) or event.result == "pass":
            failures, first_in_series = 0, None
            if isinstance(event, ExamAttempt):
                last_passed = day
            continue
        failures += 1
        first_in_series = first_in_series or day
        last_failure = day
    if wait_out is not None and failures >= max_attempts and last_failure and today >= wait_out.after(last_failure):
        failures, first_in_series = 0, None

    remaining = max(0, max_attempts - failures)
    reenrollment_required = policy.after_last_failure.value == "reenrollment" and failures >= max_attempts
    window = policy.window.value if policy.window else None
    window_closes_on = window.after(first_in_series) if window is not None and first_in_series else None
    warnings: list[str] = []
    next_eligible = _next_eligible(policy, failures, last_failure, today)
    if next_eligible and window_closes_on and next_eligible > window_closes_on:
        warnings.append(
            f"The window for these attempts closed on {show_date(window_closes_on)} "
            f"({window} from the first attempt); what follows is not published: ask the certifying body."
        )
        next_eligible = None

    upcoming = tuple(sorted((a for a in attempts if a.result == "scheduled" and a.on >= today), key=lambda a: a.on))
    for stale in sorted((a for a in attempts if a.result == "scheduled" and a.on < today), key=lambda a: a.on):
        warnings.append(
            f"The attempt scheduled for {show_date(stale.on)} has no result yet: record it as pass or fail."
        )
    for planned in upcoming:
        if next_eligible is None:
            warnings.append(f"An attempt is scheduled for {show_date(planned.on)}, but no retake is allowed now.")
        elif planned.on < next_eligible:
            warnings.append(
                f"An attempt is scheduled for {show_date(planned.on)}, but a retake is allowed only from {show_date(next_eligible)}."
            )

    flag = _flag(policy, failures, remaining, reenrollment_required, next_eligible, last_failure, upcoming, today)
    events_on_record: list[ExamAttempt | Reenrollment] = [*attempts, *reenrollments]
    history = tuple(sorted(events_on_record, key=lambda item: item.on))
    return ExamReport(
        exam=policy.code,
        name=policy.name,
        policy=policy,
        attempts=len(taken),
        failures=failures,
        max_attempts=max_attempts,
        remaining=remaining,
        reenrollment_required=reenrollment_required,
        one_left=remaining == 1 and failures > 0,
        next_eligible_on=next_eligible,
        wait_ends_on=next_eligible if next_eligible and next_eligible > today else None,
        window_closes_on=window_closes_on,
        last_passed_on=last_passed,
        upcoming=upcoming,
        history=history,
        flag=flag,
        warnings=tuple(warnings),
    )


def _next_eligible(policy: ExamPolicy, failures: int, last_failure: date | None, today: date) -> date | None:
    if failures == 0 or last_failure is None:
        return today
    if failures >= policy.max_attempts.value:
        if policy.after_last_failure.value == "wait" and policy.wait_after_last is not None:
            return max(today, policy.wait_after_last.value.after(last_failure))
        return None
    return max(today, policy.wait_after_failure(failures).after(last_failure))


def _after_last_words(policy: ExamPolicy) -> str:
    rule = policy.after_last_failure.value
    if rule == "reenrollment":
        return "before re-enrollment is required"
    if rule == "wait" and policy.wait_after_last is not None:
        return f"before a {policy.wait_after_last.value} wait"
    return "(what follows a last failure is not published)"


def _flag(
    policy: ExamPolicy,
    failures: int,
    remaining: int,
    reenrollment_required: bool,
    next_eligible: date | None,
    last_failure: date | None,
    upcoming: tuple[ExamAttempt, ...],
    today: date,
) -> str:
    used = f"{failures} of {policy.max_attempts.value} attempts used"
    if reenrollment_required:
        return (
            f"Re-enrollment required: {used}. Complete an accredited medical assisting "
            "program again before another attempt, then record the re-enrollment."
        )
    if remaining == 0:
        if next_eligible is not None:
            return f"No attempts left until {show_date(next_eligible)}: {used}."
        return f"No attempts left: {used}; {_after_last_words(policy)}"
    if remaining == 1 and failures > 0:
        line = f"One attempt left {_after_last_words(policy)}: {used}."
    elif failures:
        line = f"{used}; {remaining} left."
    else:
        line = f"{remaining} attempts available."
    if next_eligible and next_eligible > today:
        line += f" Next retake allowed from {show_date(next_eligible)}."
    if upcoming:
        days = (upcoming[0].on - today).days
        when = "today" if days == 0 else f"in {days} day{'s' if days != 1 else ''}"
        line += f" Exam {when} ({show_date(upcoming[0].on)})."
    return line


def attempt_words(attempt: ExamAttempt) -> str:
    """`#3  5 Jun 2026  fail, score 400`: one attempt as `recert exam list` and the app list it."""
    score = f", score {points_text(attempt.score)}" if attempt.score is not None else ""
    return f"#{attempt.id}  {show_date(attempt.on)}  {attempt.result}{score}"


def attempt_refusal(
    policy: ExamPolicy,
    attempts: list[ExamAttempt],
    reenrollments: list[Reenrollment],
    attempt: ExamAttempt,
) -> tuple[str, str] | None:
    """Why `attempt` cannot be recorded, as (the field at fault, one sentence); None if it can.

    Judged from the attempts and re-enrollments before its day (the one it replaces, with
    the same id, left out): past the attempt limit, before a wait after a failure has run
    out, or after the window in which every attempt must fall. A result already on record
    before the rule applied is not judged again: only the attempt being saved is.
    """
    others = [a for a in attempts if attempt.id is None or a.id != attempt.id]
    taken_before = [a for a in others if a.result in ("pass", "fail") and a.on <= attempt.on]
    report = exam_report(policy, taken_before, [r for r in reenrollments if r.on <= attempt.on], attempt.on)
    day = show_date(attempt.on)
    if report.reenrollment_required:
        return "result", (
            f"{report.failures} of {policy.max_attempts.value} attempts are used, so no attempt can be recorded "
            f"for {day}: re-enrollment in an accredited medical assisting program is required first; record the re-enrollment, "
            "which starts a fresh count."
        )
    if report.window_closes_on is not None and policy.window is not None and attempt.on > report.window_closes_on:
        return "date", (
            f"{day} is too late: every attempt must fall within {policy.window.value} of the first "
            f"(by {show_date(report.window_closes_on)}); what follows is not published: ask the certifying body."
        )
    if report.next_eligible_on is None:
        return "result", f"No attempt is allowed on {day}: {report.flag}"
    if attempt.on < report.next_eligible_on:
        words = next_attempt_words(report, attempt.on)
        return "date", f"{day} is too early: {words[0].lower()}{words[1:]}"
    return None


def next_attempt_words(report: ExamReport, today: date) -> str:
    """When the next attempt is allowed, and why: the exam form's line."""
    policy = report.policy
    if report.reenrollment_required or report.next_eligible_on is None:
        return report.flag  # it says why no attempt is allowed, and what restarts the count
    window = ""
    if report.window_closes_on is not None:
        window = f"; every attempt must be taken by {show_date(report.window_closes_on)}"
    if report.next_eligible_on <= today:
        return f"The next attempt is allowed from today{window}."
    last_failure = next(
        (a for a in reversed(report.history) if isinstance(a, ExamAttempt) and a.result == "fail"), None
    )
    why = ""
    if last_failure is not None:
        wait = (
            policy.wait_after_failure(report.failures)
            if report.failures < report.max_attempts
            # At the limit a retake is allowed (next_eligible_on is set) only after the policy's last wait.
            else policy.wait_after_last.value  # type: ignore[union-attr]
        )
        why = f" ({wait} after the failure on {show_date(last_failure.on)})"
    return f"The next attempt is allowed from {show_date(report.next_eligible_on)}{why}{window}."
