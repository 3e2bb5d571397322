"""The audit packet's content, before any format: what the Markdown, text, HTML and PDF writers show.

One section per credential: who holds it, the cycle, the totals against each rule, every
activity of the cycle with what it counts and whether its certificate is on file, the
points against the pace line, and a signature line. Figures come from the engine; texts
stay as typed here, and each writer makes them safe in its own way (`visible`, then
Markdown or HTML escapes).
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from ..domain.counting import COUNTED, NOT_COUNTED, PARTLY, CountedActivity, plural_points, points_text
from ..domain.dates import show_date
from ..domain.engine import CredentialReport, Report, cycle_number
from ..domain.models import AREAS, KIND_LABELS, Activity
from ..domain.pace import PointsOverCycle, points_of
from ..domain.urgency import days_words

MISSING = "MISSING"  # the mark on an activity with no certificate reference
NO_HOLDER = "not recorded (set it with `recert profile --name`)"
ATTESTATION = "I confirm that the activities listed as counted were completed as shown."
RULE_HEADER = ("Rule", "Required", "Counted", "Still needed")
CERTIFICATE = "Certificate"  # the label of an activity's certificate reference
# The packet's fixed words, the same in every format.
NO_CREDENTIALS = "No credentials recorded yet."
RULES_HEADING = "Totals against each rule"
PACE_HEADING = "Points against the pace line"
NONE_COUNTED = "None yet."
ALL_COUNT = "Every activity in this cycle counts."
BLANK = "_" * 40  # a line to write on


class ActivityEntry(NamedTuple):
    """One activity of the cycle as the packet lists it."""

    day: str  # "10 Jan 2023"
    title: str
    fields: tuple[tuple[str, str], ...]  # (label, value), in the order shown; the certificate after them
    certificate: str  # its reference; "" when none was recorded (shown as MISSING)

    @property
    def certificate_missing(self) -> bool:
        return not self.certificate

    @property
    def certificate_shown(self) -> str:
        return self.certificate or MISSING


class Section(NamedTuple):
    """One credential's part of the packet."""

    code: str
    heading: str
    holder: str
    facts: tuple[tuple[str, str], ...]
    rule_rows: tuple[tuple[str, str, str, str], ...]  # under RULE_HEADER
    needs: str
    counted: tuple[ActivityEntry, ...]
    not_counted: tuple[ActivityEntry, ...]
    notes: tuple[str, ...]  # partly counted activities, unconfirmed rule values
    points: PointsOverCycle
    current: bool  # the cycle in progress (a past one's pace is history)

    @property
    def missing_certificates(self) -> int:
        """Counted activities with no certificate reference: the ones an auditor asks about."""
        return sum(entry.certificate_missing for entry in self.counted)

    @property
    def certificate_sentence(self) -> str:
        missing, count = self.missing_certificates, len(self.counted)
        if not count:
            return ""
        if not missing:
            return f"Every counted activity has a certificate reference ({count} of {count})."
        return (
            f"{missing} of {count} counted {'activity' if count == 1 else 'activities'} "
            f"{'has' if missing == 1 else 'have'} no certificate "
            f"reference (marked {MISSING}): find the certificate or ask the provider for a copy."
        )

    @property
    def chart_caption(self) -> str:
        """What the points chart shows, in words (its legend, and its text for a screen reader)."""
        points = self.points
        about = (
            "Solid line and shading: points counted, by the date of each activity. Dashed line: the pace "
            f"line, the steady rate that reaches {points_text(points.required)} points by "
            f"{show_date(points.deadline)}."
        )
        if self.current:
            return f"{about} {pace_sentence(points)}"
        return f"{about} {plural_points(points.earned)} counted in this cycle."

    @property
    def counted_heading(self) -> str:
        return f"Counted activities ({len(self.counted)})"

    @property
    def not_counted_heading(self) -> str:
        return f"Not counted ({len(self.not_counted)})"


class Packet(NamedTuple):
    title: str
    holder: str  # "" when not recorded
    today: date
    sections: tuple[Section, ...]

    @property
    def holder_shown(self) -> str:
        return self.holder or NO_HOLDER


def build_packet(report: Report, holder: str = "") -> Packet:
    """The packet for every credential in `report` (the current cycles, or one past cycle's)."""
    holder = holder.strip()
    sections = tuple(_section(credential, holder, report.today) for credential in report.credentials)
    return Packet(f"Recertification worksheet, as of {show_date(report.today)}", holder, report.today, sections)


def pace_sentence(points: PointsOverCycle) -> str:
    """`56.5 points counted by 23 Nov 2026; the pace line to 60 by 31 Mar 2027 stands at 55.8: 0.7 ahead.`"""
    ahead = points.ahead  # to a tenth of a point: 0 is on the line
    if ahead == 0:
        where = "on the line"
    else:
        where = f"{points_text(abs(ahead))} {'ahead' if ahead > 0 else 'behind'}"
    return (
        f"{plural_points(points.earned_today)} counted by {show_date(points.today)}; the pace line to "
        f"{points_text(points.required)} by {show_date(points.deadline)} stands at "
        f"{points_text(points.pace_today)}: {where}."
    )


def _section(report: CredentialReport, holder: str, today: date) -> Section:
    rules, cycle = report.rules, report.cycle
    current = report.status != "recertified"
    points = points_of(report, today)
    facts = [
        ("Holder", holder or NO_HOLDER),
        ("Certifying body", rules.body),
        ("Certificate number", report.credential.number or "not recorded"),
        ("Cycle", f"{cycle_number(report)}: {show_date(cycle.starts_on)} to {show_date(cycle.expires_on)}"),
        ("Credit counts", f"{show_date(cycle.credit_from)} to {show_date(cycle.credit_until)}"),
    ]
    if not current:  # a past cycle: how it ended is its status
        facts.append(("Status", report.needs.sentence))
    else:
        facts += [
            ("CE route closes", show_date(cycle.ce_route_closes_on)),
            ("Status", f"{report.status_words} ({_expiry_words(cycle.expires_on, today)})"),
            ("Ready to recertify by CE", "yes" if report.ready else "no"),
            ("Next step", report.next_step),
            ("Against the pace line", pace_sentence(points)),
        ]
    counted = [item for item in report.activities if item.outcome in (COUNTED, PARTLY)]
    uncounted = [item for item in report.activities if item.outcome == NOT_COUNTED]
    notes = [
        f"Partly counted: {item.activity.title} ({show_date(item.activity.completed_on)}): {item.reason}."
        for item in counted
        if item.outcome == PARTLY
    ]
    if report.unconfirmed:
        keys = ", ".join(key for key, _ in report.unconfirmed)
        notes.append(f"Unconfirmed rule values in use (check with {rules.body}): {keys}.")
    return Section(
        code=report.code,
        heading=f"{rules.name}: {rules.title}",
        holder=holder,
        facts=tuple(facts),
        rule_rows=_rule_rows(report),
        needs=report.needs.sentence,
        counted=tuple(_entry(item, report) for item in counted),
        not_counted=tuple(_entry(item, report) for item in uncounted),
        notes=tuple(notes),
        points=points,
        current=current,
    )


def _expiry_words(expires_on: date, today: date) -> str:
    """`1 day left`, `expires today`, `expired 3 days ago`."""
    words = days_words(expires_on, today)
    if expires_on > today:
        return f"{words} left"
    return "expires today" if expires_on == today else f"expired {words}"


def _rule_rows(report: CredentialReport) -> tuple[tuple[str, str, str, str], ...]:
    ce, tally, needs = report.rules.ce, report.tally, report.needs
    rows = [("Total points", points_text(ce.total_points.value), points_text(tally.counted), points_text(needs.points))]
    if ce.approved_minimum:
        rows.append(
            (
                f"{report.rules.approved_label} minimum",
                points_text(ce.approved_minimum.value),
                points_text(tally.approved),
                points_text(needs.approved),
            )
        )
    if ce.non_approved_maximum:
        rows.append(
            (
                f"Not {report.rules.approved_label}, at most",
                points_text(ce.non_approved_maximum.value),
                points_text(tally.non_approved),
                "-",
            )
        )
    for area in AREAS:
        minimum = ce.minimum_for(area)
        if minimum:
            rows.append(
                (
                    f"{area.capitalize()} minimum",
                    points_text(minimum),
                    points_text(tally.by_area[area]),
                    points_text(needs.by_area[area]),
                )
            )
    rows.append(("Fewest extra points to meet every rule", "", "", points_text(needs.minimum_additional)))
    return tuple(rows)


def _entry(item: CountedActivity, report: CredentialReport) -> ActivityEntry:
    activity, rules = item.activity, report.rules
    fields = [
        ("Provider", activity.provider or "not recorded"),
        ("Kind", _kind(activity)),
        ("Points", _points(activity)),
        ("Counts", f"{points_text(item.counted_points)}, {item.reason}"),
        (rules.approved_label, "yes" if item.approved else "no"),
    ]
    if rules.ce.categories is not None:
        fields.append(("Category", rules.ce.category_label(activity.category) if activity.category else "none chosen"))
    return ActivityEntry(show_date(activity.completed_on), activity.title, tuple(fields), activity.certificate)


def _kind(activity: Activity) -> str:
    words = KIND_LABELS.get(activity.kind, activity.kind)
    if activity.college_credits is not None:
        credits = activity.college_credits
        words += f", {points_text(credits)} credit{'' if credits == 1 else 's'}"
    if activity.recurring:
        words += ", recurring"
    return words


def _points(activity: Activity) -> str:
    """`10 administrative`, `10: 4 clinical, 6 general`: as entered, by content area."""
    areas = [f"{points_text(activity.points[area])} {area}" for area in AREAS if activity.points.get(area, 0) > 0]
    if len(areas) == 1:
        return areas[0]
    total = points_text(activity.total_points)
    return f"{total}: {', '.join(areas)}" if areas else total
