"""The engine's results as plain text, readable at 80 columns. Nothing here counts or does date math.

Every line passes through `wrap`, which shows control characters as escapes (`visible`), so
nothing a user typed (or a rule file says) can move the cursor or change colours.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable
from datetime import date
from typing import Any

from ..domain.counting import CountedActivity, plural_points, points_text
from ..domain.dates import Duration, show_date
from ..domain.engine import CredentialReport, Report
from ..domain.exams import ExamReport, attempt_words
from ..domain.models import Activity, ExamAttempt, HeldCredential, Reenrollment
from ..domain.needs import pace_text
from ..domain.routes import Route, recertified_by_words, route_state
from ..domain.rules import CredentialRules, Sourced
from ..textsafe import visible

WIDTH = 80
INDENT = "  "


_DATE = re.compile(r"\b(\d{1,2}) ([A-Z][a-z]{2}) (\d{4})\b")  # show_date's `31 Mar 2027`
_COMMAND = re.compile(r"`[^`]{1,60}`")  # e.g. `recert doctor --restore`
_GLUE = "\ue000"  # a private-use character holds a date together while wrapping


def wrap(text: str, indent: str = "", hang: str = INDENT) -> str:
    """One paragraph, made safe (`visible`) and wrapped to WIDTH; continuation lines hang.

    A date, or a short `command` in backticks, is never split across lines.
    """
    glued = _DATE.sub(lambda m: _GLUE.join(m.groups()), visible(text).replace(_GLUE, " "))
    glued = _COMMAND.sub(lambda m: m.group().replace(" ", _GLUE), glued)
    wrapped = textwrap.fill(
        glued,
        WIDTH,
        initial_indent=indent,
        subsequent_indent=indent + hang,
        break_on_hyphens=False,
        break_long_words=True,
    )
    return wrapped.replace(_GLUE, " ")


def lines_text(lines: Iterable[str]) -> str:
    return "\n".join(lines)


def area_points(points: dict[str, float]) -> str:
    return ", ".join(f"{area} {points_text(value)}" for area, value in points.items()) or "no points"


# --- status -----------------------------------------------------------------------------------


def status(report: Report) -> str:
    if not report.credentials and not report.exams:
        return (
            "No credentials yet. Add the one you hold, e.g.\n"
            "  recert credential add cma-aama --earned 2022-03-15 --number 123456\n"
            "See `recert rules` for the credentials known."
        )
    blocks = [credential_status(item) for item in report.credentials]
    held = {item.code for item in report.credentials}
    blocks += [exam_status(item) for item in report.exams if item.exam not in held]
    return "\n\n".join(blocks)


def headline(report: CredentialReport) -> str:
    credential = report.credential
    number = f" no. {credential.number}" if credential.number else ""
    state = report.status_words + (", ready to recertify" if report.ready else "")
    expiry = show_date(report.cycle.expires_on)
    if report.days_left > 1:
        when = f"expires {expiry} ({report.days_left} days left)"
    elif report.days_left == 1:
        when = f"expires {expiry} (1 day left)"
    elif report.days_left == 0:
        when = f"expires {expiry} (today is the last day)"
    else:
        ago = -report.days_left
        when = f"expired {expiry} ({ago} day{'s' if ago != 1 else ''} ago)"
    return f"{report.rules.name}{number}: {state}, {when}"


def credential_status(report: CredentialReport) -> str:
    lines = [wrap(headline(report)), wrap(f"Next step: {report.next_step}", INDENT)]
    needs_line = report.needs.sentence
    pace = pace_text(report.needs)
    if pace:
        needs_line += f" Pace: {pace}."
    lines.append(wrap(needs_line, INDENT))
    lines += [wrap(line, INDENT) for line in points_lines(report)]
    lines.append(f"{INDENT}Routes:")
    for route in report.routes:
        head, *details = route_lines(route)
        lines.append(wrap(head, INDENT * 2))
        lines += [wrap(detail, INDENT * 3) for detail in details]
    if report.exam is not None:
        lines.append(wrap(f"Exam attempts: {report.exam.flag}", INDENT))
        lines += [wrap(f"Warning: {warning}", INDENT) for warning in report.exam.warnings]
    if report.unconfirmed:
        keys = ", ".join(key for key, _ in report.unconfirmed)
        lines.append(wrap(f"Unconfirmed rules in use: {keys}; see `recert rules {report.code}`", INDENT))
    return lines_text(lines)


def points_lines(report: CredentialReport) -> list[str]:
    tally, ce, label = report.tally, report.rules.ce, report.rules.approved_label
    first = f"Points: {points_text(tally.counted)} of {points_text(ce.total_points.value)} counted"
    if ce.approved_minimum:
        first += f"; {points_text(tally.approved)} {label} (at least {points_text(ce.approved_minimum.value)} needed)"
    else:
        first += f"; {points_text(tally.approved)} {label}"
    if ce.non_approved_maximum and ce.non_approved_maximum.value <= 0:
        first += f"; only {label} credit counts"
    elif tally.non_approved or ce.non_approved_maximum:
        first += f"; {points_text(tally.non_approved)} not {label}"
        if ce.non_approved_maximum:
            first += f" (at most {points_text(ce.non_approved_maximum.value)} count)"
    if any(ce.minimum_for(area) for area in tally.by_area):
        by_area = ", ".join(
            f"{area} {points_text(value)} of {points_text(ce.minimum_for(area))}"
            for area, value in tally.by_area.items()
        )
        second = f"By area (counted of minimum): {by_area}"
    else:
        second = f"By area: {area_points(tally.by_area)}"
    return [first + ".", second + "."]


def route_lines(route: Route) -> list[str]:
    """The route with its deadlines, then its fees and note."""
    state = route_state(route)
    if route.unconfirmed:
        state += ", partly on unconfirmed rules"
    # A closed route's note says why; its old dates would only read as choices still open.
    deadlines = (
        "; ".join(f"{d.label} {show_date(d.on)}{' (passed)' if d.passed else ''}" for d in route.steps)
        if route.open
        else ""
    )
    lines = [f"{route.name} ({state})" + (f": {deadlines}." if deadlines else ".")]
    if route.fees:
        lines.append(f"Fees: {route.fee_text}.")
    if route.note:
        lines.append(route.note)
    return lines


def exam_status(report: ExamReport) -> str:
    lines = [wrap(f"{report.name} ({report.exam}): {report.flag}")]
    lines += [wrap(f"Warning: {warning}", INDENT) for warning in report.warnings]
    return lines_text(lines)


# --- credentials ------------------------------------------------------------------------------


def credentials(held: tuple[HeldCredential, ...], report: Report) -> str:
    if not held:
        return "No credentials yet. Add one: recert credential add cma-aama --earned 2022-03-15"
    blocks = []
    for credential in held:
        item = report.credential(credential.code)
        name = item.rules.name if item else "(no rules loaded for this credential)"
        number = f" no. {credential.number}" if credential.number else ""
        lines = [wrap(f"{credential.code}  {name}{number}")]
        history = f"earned {show_date(credential.earned_on)}"
        if credential.recertified_on:
            history += "; recertified " + ", ".join(
                recertified_words(credential, day) for day in credential.recertified_on
            )
        lines.append(wrap(history, INDENT))
        if item:
            lines.append(wrap(f"{item.status_words}; this cycle {item.cycle.label}", INDENT))
        blocks.append(lines_text(lines))
    return "\n".join(blocks)


def recertified_words(credential: HeldCredential, day: date) -> str:
    """`15 May 2027 (by exam)`; the date alone where it was recorded before routes were kept."""
    route = credential.routes_used.get(day)
    return show_date(day) + (f" ({recertified_by_words(route)})" if route else "")


# --- activities -------------------------------------------------------------------------------


def activities(rows: list[tuple[Activity, CountedActivity | None, str, str]]) -> str:
    """Rows of (activity, how it counts or None, the credential's approved label, the label of
    its category or ""), newest first."""
    if not rows:
        return "No activities recorded."
    return "\n".join(activity_block(*row) for row in rows)


def activity_block(activity: Activity, counted: CountedActivity | None, label: str, category: str = "") -> str:
    head = f"#{activity.id}  {show_date(activity.completed_on)}  {activity.credential}  {activity.title}"
    detail = f"{plural_points(activity.total_points)}: {area_points(activity.points)}"
    approved = counted.approved if counted else activity.approved
    detail += f"; {'' if approved else 'not '}{label}; {activity.kind}"
    if activity.college_credits is not None:
        detail += f" ({points_text(activity.college_credits)} credits)"
    if category:
        detail += f"; {category}"
    if activity.recurring:
        detail += "; recurring"
    if activity.provider:
        detail += f"; provider: {activity.provider}"
    if activity.certificate:
        detail += f"; certificate: {activity.certificate}"
    if counted is not None:
        outcome = f"{counted.outcome}: {counted.reason}"
    else:
        outcome = "not counted: this credential is not in your list"
    return lines_text([wrap(head), wrap(detail, INDENT * 2), wrap(outcome, INDENT * 2)])


# --- exams ------------------------------------------------------------------------------------


def exams(reports: tuple[ExamReport, ...]) -> str:
    if not reports:
        return "No exam programs to show: add a credential or record an attempt (recert exam add)."
    return "\n\n".join(exam_block(report) for report in reports)


def exam_block(report: ExamReport) -> str:
    lines = [wrap(f"{report.name} ({report.exam})")]
    if not report.history:
        lines.append(f"{INDENT}No attempts recorded.")
    for item in report.history:
        lines.append(wrap(history_line(item), INDENT))
    lines.append(wrap(report.flag, INDENT))
    lines += [wrap(f"Warning: {warning}", INDENT) for warning in report.warnings]
    return lines_text(lines)


def history_line(item: ExamAttempt | Reenrollment) -> str:
    if isinstance(item, Reenrollment):
        return f"{show_date(item.on)}  re-enrolled in an accredited program"
    return attempt_words(item)


# --- rules ------------------------------------------------------------------------------------


def rules(all_rules: list[CredentialRules]) -> str:
    return "\n\n".join(rules_block(item) for item in all_rules)


def rules_block(rules: CredentialRules) -> str:
    lines = [
        wrap(f"{rules.name}: {rules.title} ({rules.code})"),
        wrap(f"{rules.body}; rule file {rules.file}", INDENT),
    ]
    unconfirmed = [key for key, value in rules.sourced_values() if value.unconfirmed]
    if unconfirmed:
        lines.append(
            wrap(
                f"{len(unconfirmed)} value(s) UNCONFIRMED: no official source was found; "
                "the app applies them but they may be wrong.",
                INDENT,
            )
        )
    for key, value in rules.sourced_values():
        lines.append("")
        lines += rule_value_lines(rules, key, value)
    return lines_text(lines)


def rule_value_lines(rules: CredentialRules, key: str, value: Sourced[Any]) -> list[str]:
    mark = "UNCONFIRMED" if value.unconfirmed else value.provenance
    lines = [wrap(f"{key} = {rule_value(rules, key, value.value)}  [{mark}]", INDENT)]
    checked = f" (checked {show_date(value.source.checked)})" if value.source.checked else ""
    lines.append(wrap(f"source: {value.source.url}{checked}", INDENT * 2))
    if value.note:
        lines.append(wrap(f"note: {value.note}", INDENT * 2))
    return lines


def rule_value(rules: CredentialRules, key: str, value: Any) -> str:
    if key.startswith("fees."):
        fee = rules.fee(key.split(".", 1)[1])
        if fee is not None:
            return f"{fee.amount_text} ({fee.label}; {fee.when})"
    return plain_value(value)


def plain_value(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None:
        return "unknown"
    if isinstance(value, float):
        return points_text(value)
    if isinstance(value, Duration):
        return str(value)
    if isinstance(value, tuple):
        return ", ".join(plain_value(item) for item in value) or "none"
    if isinstance(value, dict):
        return ", ".join(f"{name} {plain_value(item)}" for name, item in value.items())
    return str(value)
