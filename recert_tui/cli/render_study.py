"""The study companion's report as text (80 columns) and as JSON values. Nothing here computes."""

from __future__ import annotations

from typing import Any

from ..domain.counting import points_text
from ..domain.dates import show_date
from ..domain.study import CategoryStatus, StudyReport
from .render_json import iso, number
from .render_text import INDENT, lines_text, wrap

BARS = "▁▂▃▄▅▆▇█"


def sparkline(values: tuple[int, ...] | list[int]) -> str:
    """One bar per value, scaled to the largest; zero is the lowest bar."""
    top = max(values, default=0)
    if top <= 0:
        return BARS[0] * len(values)
    return "".join(BARS[round(value / top * (len(BARS) - 1))] for value in values)


# --- text -------------------------------------------------------------------------------------


def text(reports: list[StudyReport]) -> str:
    if not reports:
        return (
            "No exam programs to show. Record study time, e.g.\n"
            "  recert study add --exam cma-aama --date 2026-11-20 --minutes 45 --category clinical"
        )
    return "\n\n".join(block(report) for report in reports)


def countdown(report: StudyReport) -> str:
    if report.next_exam_on is None:
        return "no attempt scheduled (record one with `recert exam add --result scheduled`)"
    days = report.days_to_exam
    when = "today" if days == 0 else f"in {days} day{'s' if days != 1 else ''}"
    return f"next attempt {show_date(report.next_exam_on)} ({when})"


def block(report: StudyReport) -> str:
    lines = [wrap(f"{report.name} ({report.exam}): {countdown(report)}")]
    weekly = report.weekly_minutes
    lines.append(wrap(f"Minutes per week, last {len(weekly)} weeks (from {show_date(report.week_starts[0])}):", INDENT))
    lines.append(wrap(f"{sparkline(weekly)}  {' '.join(str(m) for m in weekly)}", INDENT * 2))
    lines += table(report)
    if report.weights_unconfirmed and any(c.weight is not None for c in report.categories):
        lines.append(wrap(f"* unconfirmed weight: no official source; see `recert rules {report.exam}`", INDENT))
    if report.weakest:
        order = ", ".join(item.label for item in report.weakest)
        lines.append(wrap(f"Weakest first: {order}", INDENT))
    lines.append(wrap(report.suggestion, INDENT))
    return lines_text(lines)


def table(report: StudyReport) -> list[str]:
    header = ["Category", "Latest", "Trend", "Weight", "Minutes"]
    rows = [cells(item, report.weights_unconfirmed) for item in report.categories]
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]
    widths[0] = min(widths[0], 30)
    out = []
    for row in (header, *rows):
        first = row[0] if len(row[0]) <= widths[0] else row[0][: widths[0] - 1] + "…"
        line = "  ".join(
            [first.ljust(widths[0]), *(cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True))]
        )
        out.append(wrap(line.rstrip(), INDENT))
    return out


def cells(item: CategoryStatus, unconfirmed: bool) -> list[str]:
    latest = "no test" if item.latest is None else f"{points_text(item.latest)}%"
    if item.trend is None:
        trend = "-"
    else:
        trend = f"{'+' if item.trend > 0 else ''}{points_text(item.trend)}"
    if item.weight is None:
        weight = "-"
    else:
        weight = f"{points_text(item.weight)}%{'*' if unconfirmed else ''}"
    return [item.label, latest, trend, weight, str(item.minutes)]


# --- JSON -------------------------------------------------------------------------------------


def json_report(report: StudyReport) -> dict[str, Any]:
    return {
        "exam": report.exam,
        "name": report.name,
        "next_exam_on": iso(report.next_exam_on),
        "days_to_exam": report.days_to_exam,
        "weights_unconfirmed": report.weights_unconfirmed,
        "weekly_minutes": [
            {"week_start": iso(start), "minutes": minutes}
            for start, minutes in zip(report.week_starts, report.weekly_minutes, strict=True)
        ],
        "categories": [json_category(item, report.weights_unconfirmed) for item in report.categories],
        "weakest": [item.category for item in report.weakest],
        "suggestion": report.suggestion,
    }


def json_category(item: CategoryStatus, unconfirmed: bool) -> dict[str, Any]:
    return {
        "category": item.category,
        "label": item.label,
        "weight": number(item.weight),
        "weight_unconfirmed": unconfirmed and item.weight is not None,
        "latest": number(item.latest),
        "latest_on": iso(item.latest_on),
        "trend": number(item.trend),
        "minutes": item.minutes,
    }
