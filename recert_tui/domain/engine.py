"""The one computation: a profile, the rules and today in; everything a face shows out.

Pure: no Textual, no files, no clock. The CLI and the TUI render a `Report`; neither adds a
number of its own.
"""

from datetime import date
from typing import Mapping, NamedTuple

from .counting import CountedActivity, Tally, count_cycle
from .cycle import DEFAULT_DUE_SOON_DAYS, STATUS_WORDS, Cycle, cycle_status, cycles_for
from .exams import ExamReport, exam_report
from .models import HeldCredential, Profile
from .needs import Needs, needs_for
from .routes import Route, routes_for
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
    activities_by_code: dict[str, list] = {}
    for activity in profile.activities:
        activities_by_code.setdefault(activity.credential, []).append(activity)
    reports = []
    for credential in profile.credentials:
        rules = rules_by_code.get(credential.code)
        if rules is None:
            continue  # a credential whose rule file was removed: nothing trustworthy to say
        cycles = cycles_for(credential, rules)
        cycle, earlier = cycles[-1], cycles[:-1]
        status = cycle_status(cycle, today, due_soon_days)
        tally = count_cycle(activities_by_code.get(credential.code, []), rules, cycle, earlier)
        deadline = None
        if status in ("current", "due-soon"):
            deadline = cycle.expires_on
        elif status == "grace":
            deadline = cycle.ce_route_closes_on
        needs = needs_for(tally, rules, deadline, today)
        exam = exam_by_code.get(credential.code)
        reports.append(
            CredentialReport(
                credential=credential,
                rules=rules,
                cycle=cycle,
                earlier_cycles=tuple(earlier),
                status=status,
                days_left=(cycle.expires_on - today).days,
                tally=tally,
                needs=needs,
                routes=routes_for(rules, cycle, status, today, exam),
                exam=exam,
                unconfirmed=tuple((key, value) for key, value in rules.sourced_values() if value.unconfirmed),
            )
        )
    study = [
        study_report(
            rules_by_code[exam.exam].exam,
            [s for s in profile.study_sessions if s.exam == exam.exam],
            [t for t in profile.practice_tests if t.exam == exam.exam],
            exam,
            today,
        )
        for exam in exams
    ]
    return Report(today, tuple(reports), tuple(exams), tuple(study))


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
