"""The one computation: a profile, the rules and today in; everything a face shows out.

Pure: no Textual, no files, no clock. The CLI and the TUI render a `Report`; neither adds a
number of its own.
"""

from collections.abc import Mapping
from datetime import date
from typing import NamedTuple

from .counting import CountedActivity, Tally, count_cycle, points_text
from .cycle import DEFAULT_DUE_SOON_DAYS, STATUS_WORDS, Cycle, cycle_status, cycles_for
from .dates import show_date
from .exams import ExamReport, exam_report
from .models import HeldCredential, Profile
from .needs import Needs, needs_for
from .routes import RECERTIFIED_BY, Route, exam_route_met, next_step, routes_for
from .rules import CredentialRules, Sourced
from .study import StudyReport, study_report


class CredentialReport(NamedTuple):
    """One held credential, as of `today`."""

    credential: HeldCredential
    rules: CredentialRules
    cycle: Cycle
    earlier_cycles: tuple[Cycle, ...]
    status: str
    days_left: int  # days until expiry; negative once expired
    tally: Tally
    needs: Needs
    routes: tuple[Route, ...]
    exam: ExamReport | None
    unconfirmed: tuple[tuple[str, Sourced], ...]  # unconfirmed rule values this report relies on
    next_step: str = ""  # the one most urgent thing to do, in plain words
    closed_on: date | None = None  # a past cycle: the recertification that closed it

    @property
    def code(self) -> str:
        return self.credential.code

    @property
    def ready(self) -> bool:
        """Every CE rule is met and the CE route is still open."""
        return self.needs.met and self.status != "lapsed"

    @property
    def status_words(self) -> str:
        return STATUS_WORDS[self.status]

    @property
    def exam_route_met(self) -> str:
        """Why this cycle's exam-route deadlines are met or not needed; "" while they stand
        (and for a credential without an exam route)."""
        if not any(route.key == "exam" for route in self.routes):
            return ""
        return exam_route_met(self.rules, self.cycle, self.exam, self.needs.deadline if self.ready else None)

    @property
    def activities(self) -> tuple[CountedActivity, ...]:
        return self.tally.activities


class Report(NamedTuple):
    today: date
    credentials: tuple[CredentialReport, ...]
    exams: tuple[ExamReport, ...]
    study: tuple[StudyReport, ...] = ()

    def credential(self, code: str) -> CredentialReport | None:
        return next((report for report in self.credentials if report.code == code), None)

    def exam(self, code: str) -> ExamReport | None:
        return next((report for report in self.exams if report.exam == code), None)

    def study_for(self, code: str) -> StudyReport | None:
        return next((report for report in self.study if report.exam == code), None)


def compute(
    profile: Profile,
    rules_by_code: Mapping[str, CredentialRules],
    today: date,
    *,
    due_soon_days: int = DEFAULT_DUE_SOON_DAYS,
) -> Report:
    """Compute every credential's cycle, counting, needs and routes, and every exam's attempts."""
    exams = _exam_reports(profile, rules_by_code, today)
    exam_by_code = {report.exam: report for report in exams}
    activities_by_code = _activities_by_code(profile)
    reports = []
    for credential in profile.credentials:
        rules = rules_by_code.get(credential.code)
        if rules is None:
            continue  # a credential whose rule file was removed: nothing trustworthy to say
        activities = activities_by_code.get(credential.code, [])
        exam = exam_by_code.get(credential.code)
        cycles = cycles_for(credential, rules)
        reports.append(_credential_report(credential, rules, cycles, activities, exam, today, due_soon_days, -1))
    study = [
        study_report(
            exam.policy,  # the rule file's exam policy, which the report was made from
            [s for s in profile.study_sessions if s.exam == exam.exam],
            [t for t in profile.practice_tests if t.exam == exam.exam],
            exam,
            today,
        )
        for exam in exams
    ]
    return Report(today, tuple(reports), tuple(exams), tuple(study))


def _activities_by_code(profile: Profile) -> dict[str, list]:
    """Each credential's activities, in the profile's order."""
    activities_by_code: dict[str, list] = {}
    for activity in profile.activities:
        activities_by_code.setdefault(activity.credential, []).append(activity)
    return activities_by_code


def _credential_report(
    credential: HeldCredential,
    rules: CredentialRules,
    cycles: list[Cycle],
    activities: list,
    exam: ExamReport | None,
    today: date,
    due_soon_days: int,
    index: int,
) -> CredentialReport:
    """The report on one of `cycles` (the credential's): the current one (index -1) or a past one."""
    cycle = cycles[index]
    position = index % len(cycles)
    others = cycles[:position] + cycles[position + 1 :]
    tally = count_cycle(activities, rules, cycle, others)
    closed_on = cycles[position + 1].starts_on if position < len(cycles) - 1 else None
    if closed_on is not None:
        status = "recertified"
        needs = needs_for(tally, rules, None, today)
        route = RECERTIFIED_BY.get(credential.routes_used.get(closed_on, ""), "a route not recorded")
        needs = needs._replace(
            sentence=f"Recertified on {show_date(closed_on)} by {route}; {points_text(tally.counted)} of "
            f"{points_text(rules.ce.total_points.value)} points counted for this cycle.",
            per_month=None,
            pace=None,
        )
        routes: tuple[Route, ...] = ()
        step = ""
    else:
        status = cycle_status(cycle, today, due_soon_days)
        deadline = None
        if status in ("current", "due-soon"):
            deadline = cycle.expires_on
        elif status == "grace":
            deadline = cycle.ce_route_closes_on
        needs = needs_for(tally, rules, deadline, today)
        routes = routes_for(rules, cycle, status, today, exam, credential.earned_on)
        step = next_step(rules, routes, needs, cycle, today)
    return CredentialReport(
        credential=credential,
        rules=rules,
        cycle=cycle,
        earlier_cycles=tuple(cycles[:position]),
        status=status,
        days_left=(cycle.expires_on - today).days,
        tally=tally,
        needs=needs,
        routes=routes,
        exam=exam,
        # The exam outline serves the study companion: a credential's standing does not rest on it.
        unconfirmed=tuple(
            (key, value)
            for key, value in rules.sourced_values()
            if value.unconfirmed and not key.startswith("outline.")
        ),
        next_step=step,
        closed_on=closed_on,
    )


def history(
    profile: Profile,
    rules_by_code: Mapping[str, CredentialRules],
    today: date,
    *,
    due_soon_days: int = DEFAULT_DUE_SOON_DAYS,
) -> Report:
    """The same report for every cycle of every held credential, oldest first per credential.

    A past cycle has status "recertified", no routes, and its needs sentence says when and
    by which route it was closed; `cycle_number` (1-based) picks one out.
    """
    exam_by_code = {report.exam: report for report in _exam_reports(profile, rules_by_code, today)}
    activities_by_code = _activities_by_code(profile)
    reports = []
    for credential in profile.credentials:
        rules = rules_by_code.get(credential.code)
        if rules is None:
            continue
        activities = activities_by_code.get(credential.code, [])
        exam = exam_by_code.get(credential.code)
        cycles = cycles_for(credential, rules)
        reports += [
            _credential_report(credential, rules, cycles, activities, exam, today, due_soon_days, index)
            for index in range(len(cycles))
        ]
    return Report(today, tuple(reports), tuple(exam_by_code.values()))


def cycle_number(report: CredentialReport) -> int:
    """1 for a credential's first cycle, 2 for the one after the first recertification, ..."""
    return len(report.earlier_cycles) + 1


def _exam_reports(profile: Profile, rules_by_code: Mapping[str, CredentialRules], today: date) -> list[ExamReport]:
    """An exam report for every held credential's exam and every exam program with any record."""
    codes = [c.code for c in profile.credentials]
    codes += [a.exam for a in profile.exam_attempts] + [r.exam for r in profile.reenrollments]
    codes += [s.exam for s in profile.study_sessions] + [t.exam for t in profile.practice_tests]
    reports = []
    for code in dict.fromkeys(codes):
        rules = rules_by_code.get(code)
        if rules is None or rules.exam is None:
            continue
        attempts = [a for a in profile.exam_attempts if a.exam == code]
        reenrollments = [r for r in profile.reenrollments if r.exam == code]
        reports.append(exam_report(rules.exam, attempts, reenrollments, today))
    return reports
