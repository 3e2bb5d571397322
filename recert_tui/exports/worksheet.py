"""The audit-ready recertification worksheet (the audit packet): Markdown, text, HTML or PDF.

The content is `packet.build_packet`'s; this module writes it as Markdown or plain text, at
most `WIDTH` columns on every line, and hands HTML and PDF to their own writers (imported
only when asked for: the PDF library stays off every other path).

Every text is shown as typed: the writers pass each one through `visible` (control and
bidirectional characters become escapes such as `\\x1b`), whether it came from a record or
from a rule file (a user's own may rename a credential), and Markdown escapes what would
format. Widths are counted in terminal columns: East Asian wide characters take two,
combining marks none (`columns`, from the standard library's Unicode tables).
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Sequence

from ..domain.engine import Report
from ..textsafe import columns, visible
from ..textsafe import fit as fit_columns
from .packet import (
    ALL_COUNT,
    ATTESTATION,
    BLANK,
    CERTIFICATE,
    NO_CREDENTIALS,
    NONE_COUNTED,
    RULE_HEADER,
    RULES_HEADING,
    ActivityEntry,
    Packet,
    Section,
    build_packet,
)

FORMATS = ("md", "txt", "html", "pdf")
TEXT_FORMATS = ("md", "txt")
WIDTH = 100  # the widest line a Markdown or text worksheet has
SEPARATOR = " · "  # between an activity's fields
DAY_WIDTH = len("30 Sep 2026")  # the widest date `show_date` writes


def render_worksheet(report: Report, fmt: str = "md", holder: str = "") -> str:
    """Every credential's worksheet as Markdown (`md`) or plain text (`txt`), for `holder`."""
    if fmt not in TEXT_FORMATS:
        raise ValueError(f"format: {fmt!r} is not one of {', '.join(TEXT_FORMATS)}")
    writer: _Writer = _Markdown() if fmt == "md" else _Plain()
    write_packet(writer, build_packet(report, holder))
    return writer.text()


def worksheet_bytes(report: Report, fmt: str = "md", holder: str = "") -> bytes:
    """The worksheet as the bytes of a file in `fmt` (md, txt, html or pdf) for `holder`."""
    if fmt in TEXT_FORMATS:
        return render_worksheet(report, fmt, holder).encode("utf-8")
    if fmt == "html":
        from .packet_html import render_html

        return render_html(build_packet(report, holder)).encode("utf-8")
    if fmt == "pdf":
        # Imported here: fpdf2 (and fontTools under it) is the heaviest import of any export.
        from .packet_pdf import render_pdf

        return render_pdf(build_packet(report, holder))
    raise ValueError(f"format: {fmt!r} is not one of {', '.join(FORMATS)}")


def write_packet(writer: _Writer, packet: Packet) -> None:
    writer.title(packet.title)
    writer.facts([("Holder", packet.holder_shown)])
    if not packet.sections:
        writer.para(NO_CREDENTIALS)
    for section in packet.sections:
        _section(writer, section)


def _section(writer: _Writer, section: Section) -> None:
    writer.heading(section.heading)
    writer.facts(list(section.facts))
    writer.subheading(RULES_HEADING)
    writer.table(list(RULE_HEADER), [list(row) for row in section.rule_rows])
    writer.para(section.needs)
    writer.subheading(section.counted_heading)
    if section.certificate_sentence:
        writer.para(section.certificate_sentence)
    writer.activities(section.counted, NONE_COUNTED)
    for note in section.notes:
        writer.para(note)
    writer.subheading(section.not_counted_heading)
    writer.activities(section.not_counted, ALL_COUNT)
    writer.signature(section.holder)


# --- widths and wrapping ------------------------------------------------------------------------


def _atoms(word: str) -> list[str]:
    """A word's characters, with a Markdown escape (a backslash and what it escapes) kept as one,
    so a word cut to fit a line never splits an escape from its character."""
    atoms: list[str] = []
    index = 0
    while index < len(word):
        size = 2 if word[index] == "\\" and index + 1 < len(word) else 1
        atoms.append(word[index : index + size])
        index += size
    return atoms


def _cut(word: str, width: int) -> list[str]:
    """A word wider than `width` in pieces that each fit."""
    pieces, piece, used = [], "", 0
    for atom in _atoms(word):
        size = columns(atom)
        if piece and used + size > width:
            pieces.append(piece)
            piece, used = "", 0
        piece += atom
        used += size
    return [*pieces, piece] if piece else pieces


def wrap(text: str, first: str = "", rest: str = "", width: int = WIDTH) -> list[str]:
    """`text` in lines of at most `width` columns, the first after `first`, the others after
    `rest`; words are cut only when one alone is wider than a line."""
    lines: list[str] = []
    line, used = first, columns(first)
    fresh = True  # nothing but the prefix on the line yet
    for word in text.split():
        size = columns(word)
        if not fresh and used + 1 + size <= width:
            line, used = f"{line} {word}", used + 1 + size
            continue
        if not fresh:
            lines.append(line)
            line, used = rest, columns(rest)
        room = max(width - used, 1)
        pieces = _cut(word, room) if size > room else [word]
        for piece in pieces[:-1]:
            lines.append(line + piece)
            line, used = rest, columns(rest)
        line, used = line + pieces[-1], used + columns(pieces[-1])
        fresh = False
    lines.append(line)
    return lines


def fit(text: str, width: int = WIDTH) -> str:
    """One line of at most `width` columns: `text`, cut with an ellipsis if it is wider
    (never between a Markdown escape's backslash and its character)."""
    return fit_columns(text, width, _atoms)


def join_fields(fields: Sequence[str], indent: str, width: int = WIDTH) -> list[str]:
    """Fields on lines after `indent`, as many to a line as fit, separated by " · "; a field
    starts a new line rather than break, unless it is wider than a line on its own."""
    lines: list[str] = []
    line = ""
    room = width - columns(indent)
    for field in fields:
        joined = f"{line}{SEPARATOR}{field}" if line else field
        if columns(joined) <= room:
            line = joined
            continue
        if line:
            lines.append(indent + line)
        if columns(field) <= room:
            line = field
        else:
            *whole, line = wrap(field, width=room)
            lines += [indent + part for part in whole]
    if line:
        lines.append(indent + line)
    return lines


# --- the writers ---------------------------------------------------------------------------------


class _Writer(ABC):
    """Collects a worksheet's lines; each format says how a piece of it looks."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.lines).rstrip() + "\n"

    @abstractmethod
    def title(self, text: str) -> None: ...

    @abstractmethod
    def heading(self, text: str) -> None: ...

    @abstractmethod
    def subheading(self, text: str) -> None: ...

    @abstractmethod
    def para(self, text: str) -> None: ...

    @abstractmethod
    def facts(self, pairs: list[tuple[str, str]]) -> None: ...

    @abstractmethod
    def table(self, header: list[str], rows: list[list[str]]) -> None: ...

    @abstractmethod
    def activities(self, entries: Sequence[ActivityEntry], empty: str) -> None: ...

    def signature(self, holder: str) -> None:
        self.para(ATTESTATION)
        # Written as is: Markdown reads a run of underscores between spaces as plain text.
        self.lines += [f"Signature: {BLANK}    Date: {BLANK[:16]}", ""]
        if holder:
            self.para(f"Name: {holder}")
        else:
            self.lines += [f"Name: {BLANK}", ""]


class _Markdown(_Writer):
    def title(self, text: str) -> None:
        self.lines += [fit(f"# {_md(text)}"), ""]

    def heading(self, text: str) -> None:
        self.lines += [fit(f"## {_md(text)}"), ""]

    def subheading(self, text: str) -> None:
        self.lines += [fit(f"### {_md(text)}"), ""]

    def para(self, text: str) -> None:
        self.lines += [*_guarded(wrap(_md(text))), ""]

    def facts(self, pairs: list[tuple[str, str]]) -> None:
        for label, value in pairs:
            self.lines += _guarded(wrap(f"**{_md(label)}:** {_md(value)}", "- ", "  "))
        self.lines.append("")

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        cells = [[_md(cell) for cell in row] for row in [header, *rows]]
        widths = [max(columns(row[index]) for row in cells) for index in range(len(header))]
        if sum(widths) + 3 * len(widths) + 1 > WIDTH:
            # Markdown cannot wrap a table cell: a rule file's long name becomes a list instead.
            for row in rows:
                label, *values = row
                shown = "; ".join(
                    f"{name.lower()} {value}" for name, value in zip(header[1:], values, strict=True) if value
                )
                self.lines += _guarded(wrap(f"**{_md(label)}:** {_md(shown)}", "- ", "  "))
            self.lines.append("")
            return
        padded = [
            [cell + " " * (width - columns(cell)) for cell, width in zip(row, widths, strict=True)] for row in cells
        ]
        self.lines.append("| " + " | ".join(padded[0]) + " |")
        self.lines.append("|" + "|".join("-" * (width + 2) for width in widths) + "|")
        self.lines += ["| " + " | ".join(row) + " |" for row in padded[1:]]
        self.lines.append("")

    def activities(self, entries: Sequence[ActivityEntry], empty: str) -> None:
        if not entries:
            self.para(empty)
            return
        for entry in entries:
            head = wrap(f"**{_md(entry.day)}: {_md(entry.title)}**", "- ", "  ", WIDTH - 1)
            head[-1] += "\\"  # a hard line break: the fields start on a line of their own
            fields = [f"{_md(label)}: {_md(value)}" for label, value in entry.fields]
            proof = f"{CERTIFICATE}: {_md(entry.certificate_shown)}"
            fields.append(f"**{proof}**" if entry.certificate_missing else proof)
            self.lines += _guarded(head) + _guarded(join_fields(fields, "  "))
        self.lines.append("")


_ENTITY = re.compile(r"&(?=#?\w+;)")  # `&amp;` would show as `&`: such an ampersand is escaped
_BLOCK_START = re.compile(r"^(\s*)([#+=-]|\d+[.)](?=\s|$))")  # what would start a heading or a list


def _md(text: str) -> str:
    """User text made visible, then Markdown-escaped: shown as typed, never as formatting or a table break."""
    out = []
    for char in visible(text):
        if char in "\\`*_[]<>|~":  # the characters that format inline text or break a table row
            out.append("\\" + char)
        else:
            out.append(char)
    return _ENTITY.sub(r"\\&", "".join(out))


def _guarded(lines: list[str]) -> list[str]:
    """Wrapped lines after the first, with a start that Markdown would read as a heading, a
    list item or an underline escaped: a wrapped title stays one paragraph of text."""
    return lines[:1] + [_BLOCK_START.sub(_escape_start, line, count=1) for line in lines[1:]]


def _escape_start(match: re.Match[str]) -> str:
    indent, mark = match.group(1), match.group(2)
    if mark[0].isdigit():
        return f"{indent}{mark[:-1]}\\{mark[-1]}"
    return f"{indent}\\{mark}"


class _Plain(_Writer):
    def title(self, text: str) -> None:
        self._underlined(text, "=")

    def heading(self, text: str) -> None:
        self._underlined(text, "-")

    def _underlined(self, text: str, mark: str) -> None:
        lines = wrap(visible(text))
        self.lines += [*lines, mark * max(columns(line) for line in lines), ""]

    def subheading(self, text: str) -> None:
        self.lines += [*wrap(visible(text)), ""]

    def para(self, text: str) -> None:
        self.lines += [*wrap(visible(text)), ""]

    def facts(self, pairs: list[tuple[str, str]]) -> None:
        pairs = [(visible(label), visible(value)) for label, value in pairs]
        width = min(max(columns(label) for label, _ in pairs) + 1, 30)
        for label, value in pairs:
            head = label + ":" + " " * max(width - columns(label) - 1, 0) + " "
            self.lines += wrap(value, head, " " * (width + 1))
        self.lines.append("")

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        cells = [[visible(cell) for cell in row] for row in [header, *rows]]
        widths = [max(columns(row[index]) for row in cells) for index in range(len(header))]
        # The first column (the rule's name) wraps; the figures keep their width.
        widths[0] = min(widths[0], WIDTH - sum(widths[1:]) - 2 * (len(widths) - 1))
        for number, row in enumerate(cells):
            label_lines = wrap(row[0], width=widths[0])
            for index, label in enumerate(label_lines):
                rest = row[1:] if index == len(label_lines) - 1 else [""] * (len(row) - 1)
                parts = [label + " " * (widths[0] - columns(label))]
                parts += [cell + " " * (width - columns(cell)) for cell, width in zip(rest, widths[1:], strict=True)]
                self.lines.append("  ".join(parts).rstrip())
            if number == 0:
                self.lines.append("  ".join("-" * width for width in widths))
        self.lines.append("")

    def activities(self, entries: Sequence[ActivityEntry], empty: str) -> None:
        if not entries:
            self.para(empty)
            return
        # The dates in a column of their own, the title and the fields beside them.
        indent = " " * (2 + DAY_WIDTH + 2)
        for entry in entries:
            day = visible(entry.day)
            self.lines += wrap(visible(entry.title), f"  {day}{' ' * (DAY_WIDTH - columns(day))}  ", indent)
            fields = [*entry.fields, (CERTIFICATE, entry.certificate_shown)]
            self.lines += join_fields([f"{visible(label)}: {visible(value)}" for label, value in fields], indent)
        self.lines.append("")
