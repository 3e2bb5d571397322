"""The audit packet as a PDF (fpdf2), with the points chart drawn in it.

Imported only by `worksheet_bytes(..., "pdf")`: fpdf2 and fontTools are the heaviest
imports of any export. The page is US Letter (the certifying bodies are American) with
margins wide enough that it also prints whole on A4 at actual size. Text is set in DejaVu
Sans, shipped in `data/fonts` with its licence, so names in most scripts print as typed; a
character the font lacks is written as its code (`\\u6771`), and without the font files
(a trimmed install) the PDF falls back to the built-in Helvetica and Latin-1. Every text goes
through `visible` first. The file is the same bytes for the same records and day: its
creation date is the report's day, not the clock.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import TTFFont

from ..catalog import shipped_data_dir
from ..domain.counting import points_text
from ..domain.dates import show_date
from ..domain.pace import PointsOverCycle
from ..textsafe import visible
from .packet import (
    ALL_COUNT,
    ATTESTATION,
    BLANK,
    CERTIFICATE,
    NO_CREDENTIALS,
    NONE_COUNTED,
    PACE_HEADING,
    RULE_HEADER,
    RULES_HEADING,
    ActivityEntry,
    Packet,
    Section,
)

FONT = "DejaVu"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
FALLBACK_FONT = "helvetica"
MARGIN = 18  # mm: Letter is 216 mm wide, A4 210: both keep the text whole
LINE = 5.0  # mm per line of body text
BODY, SMALL, HEADING, TITLE = 10, 8.5, 13, 16  # font sizes, in points
CHART_HEIGHT = 55  # mm
KEEP_WITH_HEADING = 25  # mm of what follows that a heading takes to the next page with it
GREY = (110, 110, 110)


class _Document(FPDF):
    """A Letter page with a footer naming the packet and the page."""

    footer_text = ""

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.font_family, "", 7.5)
        self.set_text_color(*GREY)
        self.cell(0, 4, f"{self.footer_text} · page {self.page_no()} of {{nb}}", align="C")
        self.set_text_color(0, 0, 0)


def render_pdf(packet: Packet) -> bytes:
    pdf = _Document(unit="mm", format="letter")
    pdf.set_margins(MARGIN, 16, MARGIN)
    pdf.set_auto_page_break(True, margin=18)
    safe = _use_font(pdf)
    pdf.footer_text = safe(packet.title)
    pdf.set_title(safe(packet.title))
    if packet.holder:
        pdf.set_author(safe(packet.holder))
    pdf.set_creator("recert-tui")
    pdf.set_lang("en")
    # The report's day, so the same records give the same file.
    pdf.set_creation_date(datetime(packet.today.year, packet.today.month, packet.today.day, tzinfo=UTC))
    writer = _Writer(pdf, safe)
    pdf.add_page()
    writer.text(packet.title, TITLE, bold=True)
    writer.facts([("Holder", packet.holder_shown)])
    if not packet.sections:
        writer.text(NO_CREDENTIALS)
    for index, section in enumerate(packet.sections):
        if index:
            pdf.add_page()  # each credential on pages of its own: one body's audit, one bundle
        writer.section(section)
    return bytes(pdf.output())


def _use_font(pdf: FPDF) -> Callable[[str], str]:
    """Set DejaVu Sans (or, without its files, Helvetica); returns what makes a text printable in it."""
    folder = os.path.join(shipped_data_dir(), "fonts")
    paths = {style: os.path.join(folder, name) for style, name in FONT_FILES.items()}
    if all(os.path.isfile(path) for path in paths.values()):
        for style, path in paths.items():
            pdf.add_font(FONT, style, path)
        pdf.set_font(FONT, size=BODY)
        font = pdf.fonts[FONT.lower()]
        assert isinstance(font, TTFFont)  # added from a .ttf just above
        covered = frozenset(font.cmap)
    else:
        pdf.set_font(FALLBACK_FONT, size=BODY)
        covered = frozenset([*range(0x20, 0x7F), *range(0xA0, 0x100)])
    return lambda text: printable(text, covered)


def printable(text: str, covered: Iterable[int] | frozenset[int]) -> str:
    """`text` made visible, each character the font lacks written as its code (`\\u6771`)."""
    have = covered if isinstance(covered, frozenset) else frozenset(covered)
    shown = visible(text)
    if all(ord(char) in have for char in shown):
        return shown
    return "".join(char if ord(char) in have else _code(char) for char in shown)


def _code(char: str) -> str:
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


class _Writer:
    """Lays the packet out on the pages, one block at a time, moving down.

    Lines are broken here, a word's width measured once, and each line set as one cell:
    fpdf2's own `multi_cell` measures a line again for every character added to it, which
    took seconds for a few hundred activities.
    """

    def __init__(self, pdf: FPDF, safe: Callable[[str], str]) -> None:
        self.pdf = pdf
        self.safe = safe

    def width(self, text: str) -> float:
        """`text`'s width in mm in the current font: the font's own measure, without the
        per-call set-up `get_string_width` does (which, per word, cost most of the PDF's time)."""
        pdf = self.pdf
        font = pdf.current_font
        assert font is not None  # a font is set before anything is written
        return font.get_text_width(text, pdf.font_size_pt, None)[1] / pdf.k

    def lines(self, text: str, width: float) -> list[str]:
        """`text` (made printable) in lines no wider than `width` mm in the current font."""
        pdf = self.pdf
        room = width - 2 * pdf.c_margin
        space = self.width(" ")
        lines: list[str] = []
        line, used = "", 0.0
        for word in self.safe(text).split():
            size = self.width(word)
            if line and used + space + size <= room:
                line, used = f"{line} {word}", used + space + size
                continue
            if line:
                lines.append(line)
            while size > room:  # a word wider than the line: cut where it fills one
                cut = self._fitting(word, room)
                lines.append(word[:cut])
                word = word[cut:]
                size = self.width(word)
            line, used = word, size
        return [*lines, line] if line else lines or [""]

    def _fitting(self, word: str, room: float) -> int:
        """How many of `word`'s first characters fit in `room` mm (at least one)."""
        used = 0.0
        for index, char in enumerate(word):
            used += self.width(char)
            if used > room:
                return max(index, 1)
        return len(word)

    def write(self, text: str, size: float = BODY, *, bold: bool = False, indent: float = 0.0) -> float:
        """`text` from the left margin (plus `indent`), wrapped; returns the height it took."""
        return self.write_lines(self.laid_out(text, size, bold=bold, indent=indent), size, bold=bold, indent=indent)

    def laid_out(self, text: str, size: float, *, bold: bool = False, indent: float = 0.0) -> list[str]:
        """`text` wrapped as write() would write it (measured once, for its height, then written)."""
        self.pdf.set_font(style="B" if bold else "", size=size)
        lines = self.lines(text, self.pdf.epw - indent)
        self.pdf.set_font(style="", size=BODY)
        return lines

    def write_lines(self, lines: list[str], size: float, *, bold: bool = False, indent: float = 0.0) -> float:
        """Lines from laid_out(), from the left margin (plus `indent`); returns the height they took."""
        pdf = self.pdf
        pdf.set_font(style="B" if bold else "", size=size)
        for line in lines:
            pdf.set_x(pdf.l_margin + indent)
            pdf.cell(pdf.epw - indent, size * 0.45, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font(style="", size=BODY)
        return size * 0.45 * len(lines)

    def text(self, text: str, size: float = BODY, *, bold: bool = False, gap: float = 1.5) -> None:
        self.write(text, size, bold=bold)
        self.pdf.ln(gap)

    def heading(self, text: str, size: float = HEADING, keep: float = KEEP_WITH_HEADING) -> None:
        """A heading never ends a page: it moves on with the first `keep` mm of what follows it."""
        if self.pdf.will_page_break(size * 0.45 + keep):
            self.pdf.add_page()
        self.text(text, size, bold=True, gap=1)

    def facts(self, pairs: list[tuple[str, str]]) -> None:
        pdf = self.pdf
        pdf.set_font(style="B", size=BODY)
        widest = max(pdf.get_string_width(self.safe(label + ":")) for label, _ in pairs)
        label_width = min(widest + 3, pdf.epw * 0.4)
        for label, value in pairs:
            pdf.set_font(style="", size=BODY)
            values = self.lines(value, pdf.epw - label_width)
            pdf.set_font(style="B", size=BODY)
            labels = self.lines(label + ":", label_width)
            rows = max(len(values), len(labels))
            if pdf.will_page_break(LINE * rows):
                pdf.add_page()
            y = pdf.get_y()
            for index, line in enumerate(labels):
                pdf.set_xy(pdf.l_margin, y + index * LINE)
                pdf.cell(label_width, LINE, line)
            pdf.set_font(style="", size=BODY)
            for index, line in enumerate(values):
                pdf.set_xy(pdf.l_margin + label_width, y + index * LINE)
                pdf.cell(pdf.epw - label_width, LINE, line)
            pdf.set_xy(pdf.l_margin, y + rows * LINE)
        pdf.ln(2)

    def section(self, section: Section) -> None:
        self.heading(section.heading, HEADING + 1)
        self.facts(list(section.facts))
        self.heading(RULES_HEADING)
        self.rule_table(section.rule_rows)
        self.text(section.needs)
        self.heading(PACE_HEADING)
        self.chart(section.points, section.chart_caption)
        self.heading(section.counted_heading, keep=KEEP_WITH_HEADING + 20)  # the sentence and an activity
        if section.certificate_sentence:
            self.text(section.certificate_sentence, bold=bool(section.missing_certificates))
        self.activities(section.counted, NONE_COUNTED)
        for note in section.notes:
            self.text(note, SMALL)
        self.heading(section.not_counted_heading)
        self.activities(section.not_counted, ALL_COUNT)
        self.signature(section.holder)

    def rule_table(self, rows: tuple[tuple[str, str, str, str], ...]) -> None:
        pdf = self.pdf
        figure = 28
        widths = [pdf.epw - 3 * figure, figure, figure, figure]
        for number, row in enumerate([RULE_HEADER, *rows]):
            pdf.set_font(style="B" if number == 0 else "", size=BODY - 0.5)
            labels = self.lines(row[0], widths[0])
            height = LINE * len(labels)
            if pdf.will_page_break(height):
                pdf.add_page()
            x, y = pdf.l_margin, pdf.get_y()
            for width in widths:
                pdf.rect(x, y, width, height)
                x += width
            for index, label in enumerate(labels):
                pdf.set_xy(pdf.l_margin, y + index * LINE)
                pdf.cell(widths[0], LINE, label)
            x = pdf.l_margin + widths[0]
            for cell, width in zip(row[1:], widths[1:], strict=True):
                pdf.set_xy(x, y + height - LINE)  # the figures on the last line of a wrapped name
                pdf.cell(width, LINE, self.safe(cell), align="R")
                x += width
            pdf.set_xy(pdf.l_margin, y + height)
        pdf.set_font(style="", size=BODY)
        pdf.ln(2)

    def activities(self, entries: tuple[ActivityEntry, ...], empty: str) -> None:
        if not entries:
            self.text(empty)
            return
        pdf = self.pdf
        for entry in entries:
            head = f"{entry.day}: {entry.title}"
            about = " · ".join(f"{label}: {value}" for label, value in entry.fields)
            proof = f"{CERTIFICATE}: {entry.certificate_shown}"
            head_lines, about_lines = self.laid_out(head, BODY, bold=True), self.laid_out(about, SMALL)
            height = (BODY * len(head_lines) + SMALL * len(about_lines)) * 0.45 + LINE + 2
            if pdf.will_page_break(height):
                pdf.add_page()  # an activity is never split over two pages
            self.write_lines(head_lines, BODY, bold=True)
            self.write_lines(about_lines, SMALL)
            if entry.certificate_missing:
                pdf.set_font(style="B", size=SMALL)
                pdf.set_draw_color(0, 0, 0)
                shown = self.safe(proof)
                pdf.cell(pdf.get_string_width(shown) + 3, LINE - 0.5, shown, border=1)  # boxed: MISSING
                pdf.ln(LINE - 0.5)
                pdf.set_font(style="", size=BODY)
            else:
                self.write(proof, SMALL)
            pdf.ln(2)

    def signature(self, holder: str) -> None:
        pdf = self.pdf
        if pdf.will_page_break(40):
            pdf.add_page()
        pdf.ln(4)
        self.text(ATTESTATION)
        pdf.ln(12)
        y = pdf.get_y()
        left = pdf.l_margin
        sign_end = left + pdf.epw * 0.62
        date_start = sign_end + 10
        pdf.line(left, y, sign_end, y)
        pdf.line(date_start, y, left + pdf.epw, y)
        pdf.set_font(style="", size=SMALL)
        pdf.set_xy(left, y + 1)
        pdf.cell(sign_end - left, 4, "Signature")
        pdf.set_xy(date_start, y + 1)
        pdf.cell(0, 4, "Date", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(3)
        self.write(f"Name: {holder or BLANK}")

    def chart(self, points: PointsOverCycle, caption: str) -> None:
        """The staircase of points counted, shaded, and the dashed pace line, with dates and totals,
        and `caption` under it."""
        pdf = self.pdf
        if pdf.will_page_break(CHART_HEIGHT + 22):
            pdf.add_page()
        left, top = pdf.l_margin + 12, pdf.get_y() + 2
        width, height = pdf.epw - 14, CHART_HEIGHT - 12
        bottom = top + height

        def x(day: date) -> float:
            return left + width * points.day_share(day)

        def y(value: float) -> float:
            return bottom - height * points.value_share(value)

        pdf.set_font(style="", size=SMALL)
        pdf.set_line_width(0.2)
        pdf.set_draw_color(190, 190, 190)
        for value in points.ticks():
            pdf.line(left, y(value), left + width, y(value))
            label = points_text(value)
            pdf.text(left - 2 - pdf.get_string_width(label), y(value) + 1.2, label)
        corners = [(x(day), y(value)) for day, value in points.corners()]
        pdf.set_fill_color(214, 226, 240)
        pdf.polygon([*corners, (corners[-1][0], bottom), (corners[0][0], bottom)], style="F")
        pdf.set_draw_color(31, 95, 168)
        pdf.set_line_width(0.7)
        pdf.polyline(corners)
        pdf.set_draw_color(0, 0, 0)
        pdf.set_line_width(0.35)
        pdf.set_dash_pattern(dash=1.6, gap=1.1)
        pdf.polyline([(x(day), y(value)) for day, value in points.pace_corners()])
        if points.shows_today:
            pdf.set_dash_pattern(dash=0.3, gap=0.9)
            pdf.set_line_width(0.2)
            pdf.line(x(points.today), top, x(points.today), bottom)
            shift = -1 - pdf.get_string_width("today") if x(points.today) > left + width / 2 else 1
            pdf.text(x(points.today) + shift, top + 3, "today")
        pdf.set_dash_pattern()
        pdf.set_line_width(0.3)
        pdf.line(left, bottom, left + width, bottom)
        pdf.text(left, bottom + 4, show_date(points.start))
        due = f"due {show_date(points.deadline)}"
        due_x = min(x(points.deadline) - pdf.get_string_width(due) / 2, left + width - pdf.get_string_width(due))
        pdf.text(due_x, bottom + 4, due)
        if points.end > points.deadline:
            end = show_date(points.end)
            pdf.text(left + width - pdf.get_string_width(end), bottom + 8, end)
        pdf.set_y(bottom + 10)
        self.write(caption, SMALL)
        pdf.ln(2)
