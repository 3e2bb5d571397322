"""The audit packet as one self-contained HTML file that prints on A4 and on Letter.

No scripts, no fonts, no images or style sheets from elsewhere: the style is inline, the
points chart is inline SVG. Page size is left to the printer (`@page` sets margins only) and
every width is relative, so the same file fits A4 (210 mm) and Letter (216 mm) paper.
Every text goes through `visible`, then `html.escape`.
"""

from __future__ import annotations

from datetime import date
from html import escape

from ..domain.counting import points_text
from ..domain.dates import show_date
from ..domain.pace import PointsOverCycle
from ..textsafe import visible
from .packet import (
    ALL_COUNT,
    ATTESTATION,
    CERTIFICATE,
    MISSING,
    NO_CREDENTIALS,
    NONE_COUNTED,
    PACE_HEADING,
    RULE_HEADER,
    RULES_HEADING,
    ActivityEntry,
    Packet,
    Section,
    pace_sentence,
)

# Fields that describe the activity: shown under its title; the others get a column each.
ABOUT_FIELDS = ("Provider", "Kind", "Category")

STYLE = """
:root { color-scheme: light; }
body { font: 11pt/1.4 system-ui, "Segoe UI", Helvetica, Arial, sans-serif; color: #111; background: #fff;
       max-width: 52rem; margin: 1.5rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-bottom: 2px solid #333; padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .4rem; }
p { margin: .4rem 0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .5rem 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0; }
th, td { border: 1px solid #999; padding: .2rem .35rem; text-align: left; vertical-align: top;
         overflow-wrap: anywhere; }
th { background: #eee; }
td.number, th.number { text-align: right; white-space: nowrap; }
td.day { white-space: nowrap; }
.about { font-size: .9em; color: #333; }
.missing { font-weight: 700; }
td.missing { outline: 2px solid #111; outline-offset: -3px; }
.warning { font-weight: 600; }
figure.chart { margin: .5rem 0; }
figure.chart svg { width: 100%; height: auto; max-height: 20rem; display: block; }
figcaption { font-size: .9em; }
.signature { margin-top: 1.5rem; break-inside: avoid; page-break-inside: avoid; }
.signature .line { display: flex; gap: 2rem; margin: 2.5rem 0 .6rem; }
.signature .line span { border-top: 1px solid #111; padding-top: .2rem; }
.signature .line .sign { flex: 3; }
.signature .line .date { flex: 1; }
@page { margin: 15mm 14mm; }
@media print {
  body { font-size: 10pt; max-width: none; margin: 0; padding: 0; }
  section.credential + section.credential { break-before: page; page-break-before: always; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  tr, figure, dl.facts { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  th { background: #eee; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  figure.chart svg { max-height: 75mm; }
}
"""


def render_html(packet: Packet) -> str:
    holder = f" ({_text(packet.holder)})" if packet.holder else ""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_text(packet.title)}{holder}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_text(packet.title)}</h1>",
        f"<p><strong>Holder:</strong> {_text(packet.holder_shown)}</p>",
        "</header>",
    ]
    if not packet.sections:
        parts.append(f"<p>{NO_CREDENTIALS}</p>")
    parts += [_section(section) for section in packet.sections]
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def _text(text: str) -> str:
    return escape(visible(text))


def _section(section: Section) -> str:
    parts = [f'<section class="credential" id="{escape(section.code)}">', f"<h2>{_text(section.heading)}</h2>"]
    parts.append('<dl class="facts">')
    parts += [f"<dt>{_text(label)}</dt><dd>{_text(value)}</dd>" for label, value in section.facts]
    parts.append("</dl>")
    parts.append(f"<h3>{RULES_HEADING}</h3>")
    parts.append(_table(RULE_HEADER, section.rule_rows))
    parts.append(f"<p>{_text(section.needs)}</p>")
    parts.append(f"<h3>{PACE_HEADING}</h3>")
    parts.append(_chart_figure(section))
    parts.append(f"<h3>{_text(section.counted_heading)}</h3>")
    if section.certificate_sentence:
        css = "warning" if section.missing_certificates else ""
        parts.append(f'<p class="{css}">{_text(section.certificate_sentence)}</p>')
    parts.append(_activities(section.counted, NONE_COUNTED))
    parts += [f"<p>{_text(note)}</p>" for note in section.notes]
    parts.append(f"<h3>{_text(section.not_counted_heading)}</h3>")
    parts.append(_activities(section.not_counted, ALL_COUNT))
    parts.append(_signature(section.holder))
    parts.append("</section>")
    return "\n".join(parts)


def _table(header: tuple[str, ...], rows: tuple[tuple[str, ...], ...]) -> str:
    head = "".join(f'<th scope="col"{_number_class(index)}>{_text(cell)}</th>' for index, cell in enumerate(header))
    body = [
        "<tr>" + "".join(f"<td{_number_class(index)}>{_text(cell)}</td>" for index, cell in enumerate(row)) + "</tr>"
        for row in rows
    ]
    return f'<table class="totals"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def _number_class(index: int) -> str:
    return ' class="number"' if index else ""


def _activities(entries: tuple[ActivityEntry, ...], empty: str) -> str:
    if not entries:
        return f"<p>{_text(empty)}</p>"
    columns = [*(label for label, _ in entries[0].fields if label not in ABOUT_FIELDS), CERTIFICATE]
    head = "".join(f'<th scope="col">{_text(label)}</th>' for label in ["Date", "Activity", *columns])
    rows = []
    for entry in entries:
        about = "<br>".join(f"{_text(label)}: {_text(value)}" for label, value in entry.fields if label in ABOUT_FIELDS)
        cells = [f'<td class="day">{_text(entry.day)}</td>']
        cells.append(f'<td><strong>{_text(entry.title)}</strong><div class="about">{about}</div></td>')
        cells += [f"<td>{_text(value)}</td>" for label, value in entry.fields if label not in ABOUT_FIELDS]
        if entry.certificate_missing:
            cells.append(f'<td class="missing">{escape(MISSING)}</td>')
        else:
            cells.append(f"<td>{_text(entry.certificate)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f'<table class="activities"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def _signature(holder: str) -> str:
    """The attestation, lines to sign and date on, and the name (a line to write it on if unknown)."""
    name = f"<p>Name: {_text(holder)}</p>" if holder else '<div class="line"><span class="sign">Name</span></div>'
    return (
        '<div class="signature">'
        f"<p>{_text(ATTESTATION)}</p>"
        '<div class="line"><span class="sign">Signature</span><span class="date">Date</span></div>'
        f"{name}</div>"
    )


# --- the chart -------------------------------------------------------------------------------------

VIEW_WIDTH, VIEW_HEIGHT = 640, 250
LEFT, RIGHT, TOP, BOTTOM = 48, 620, 16, 206  # the plot area inside the view box


def _chart_figure(section: Section) -> str:
    caption = section.chart_caption
    return (
        f'<figure class="chart">{chart_svg(section.points, caption)}<figcaption>{_text(caption)}</figcaption></figure>'
    )


def chart_svg(points: PointsOverCycle, label: str = "") -> str:
    """The points earned over the cycle against the pace line, as an inline SVG; `label` says
    what it shows, for a screen reader."""

    def x(day: date) -> float:
        return round(LEFT + (RIGHT - LEFT) * points.day_share(day), 1)

    def y(value: float) -> float:
        return round(BOTTOM - (BOTTOM - TOP) * points.value_share(value), 1)

    corners = [(x(day), y(value)) for day, value in points.corners()]
    earned_line = " ".join(f"{px},{py}" for px, py in corners)
    shaded = f"{earned_line} {corners[-1][0]},{BOTTOM} {corners[0][0]},{BOTTOM}"
    pace_line = " ".join(f"{x(day)},{y(value)}" for day, value in points.pace_corners())
    label = label or f"Points counted over the cycle against the pace line: {pace_sentence(points)}"
    parts = [
        f'<svg viewBox="0 0 {VIEW_WIDTH} {VIEW_HEIGHT}" role="img" '
        f'aria-label="{_text(label)}" font-family="sans-serif" font-size="12">',
        f"<title>{_text(label)}</title>",
    ]
    for value in points.ticks():
        parts.append(f'<line x1="{LEFT}" y1="{y(value)}" x2="{RIGHT}" y2="{y(value)}" stroke="#bbb"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{y(value) + 4}" text-anchor="end">{escape(points_text(value))}</text>')
    parts.append(f'<polygon points="{shaded}" fill="#1f5fa8" fill-opacity="0.18" stroke="none"/>')
    parts.append(f'<polyline points="{earned_line}" fill="none" stroke="#1f5fa8" stroke-width="2.5"/>')
    parts.append(
        f'<polyline points="{pace_line}" fill="none" stroke="#111" stroke-width="1.5" stroke-dasharray="6 4"/>'
    )
    if points.shows_today:
        today = x(points.today)
        parts.append(f'<line x1="{today}" y1="{TOP}" x2="{today}" y2="{BOTTOM}" stroke="#111" stroke-dasharray="1 3"/>')
        anchor = "end" if today > (LEFT + RIGHT) / 2 else "start"
        shift = -4 if anchor == "end" else 4
        parts.append(f'<text x="{today + shift}" y="{TOP + 10}" text-anchor="{anchor}">today</text>')
    parts.append(f'<line x1="{LEFT}" y1="{BOTTOM}" x2="{RIGHT}" y2="{BOTTOM}" stroke="#111"/>')
    parts.append(f'<text x="{LEFT}" y="{BOTTOM + 18}" text-anchor="start">{escape(show_date(points.start))}</text>')
    deadline = x(points.deadline)
    anchor = "end" if deadline > RIGHT - 80 else "middle"
    parts.append(
        f'<text x="{deadline}" y="{BOTTOM + 18}" text-anchor="{anchor}">due {escape(show_date(points.deadline))}</text>'
    )
    if points.end > points.deadline:
        parts.append(f'<text x="{RIGHT}" y="{BOTTOM + 34}" text-anchor="end">{escape(show_date(points.end))}</text>')
    parts.append("</svg>")
    return "".join(parts)
