"""Every cycle of every held credential, oldest first: its dates, the route that closed it,
its totals against each rule and the activities it counted. `recert history` prints it and
the app's History screen shows it: one text, two faces."""

from __future__ import annotations

from ..domain.counting import COUNTED, PARTLY, points_text
from ..domain.dates import show_date
from ..domain.engine import CredentialReport, Report, cycle_number
from ..textsafe import visible


def history_lines(report: Report) -> list[str]:
    """Plain lines (no wrapping): a heading per credential, a block per cycle."""
    if not report.credentials:
        return ["No credentials yet: nothing has a history."]
    lines: list[str] = []
    shown = None
    for item in report.credentials:
        if item.code != shown:
            if lines:
                lines.append("")
            lines.append(f"{item.rules.name}")
            shown = item.code
        lines += cycle_lines(item)
    return lines


def cycle_lines(item: CredentialReport) -> list[str]:
    """One cycle: its head line, its totals and the activities it counted."""
    cycle = item.cycle
    number = cycle_number(item)
    if item.status == "recertified":
        head = f"Cycle {number}: {cycle.label}. {item.needs.sentence}"
    else:
        state = "current" if item.status == "current" else f"current, {item.status_words}"
        head = f"Cycle {number} ({state}): {cycle.label}. {item.needs.sentence}"
    lines = [head, "  " + totals_text(item)]
    counted = [entry for entry in item.activities if entry.outcome in (COUNTED, PARTLY)]
    lines.append(f"  Counted activities: {len(counted)}")
    for entry in counted:
        activity = entry.activity
        partly = " (partly)" if entry.outcome == PARTLY else ""
        lines.append(
            f"    {show_date(activity.completed_on)}  {visible(activity.title)}  "
            f"{points_text(entry.counted_points)}{partly}"
        )
    return lines


def totals_text(item: CredentialReport) -> str:
    """`Points: 60 of 60; AAMA-approved 35 (at least 30); administrative 12 of 10, ...`."""
    ce, tally, label = item.rules.ce, item.tally, item.rules.approved_label
    parts = [f"Points: {points_text(tally.counted)} of {points_text(ce.total_points.value)}"]
    if ce.approved_minimum:
        parts.append(f"{label} {points_text(tally.approved)} (at least {points_text(ce.approved_minimum.value)})")
    minimums = [area for area in tally.by_area if ce.minimum_for(area)]
    if minimums:
        parts.append(
            ", ".join(
                f"{area} {points_text(tally.by_area[area])} of {points_text(ce.minimum_for(area))}" for area in minimums
            )
        )
    return "; ".join(parts) + "."
