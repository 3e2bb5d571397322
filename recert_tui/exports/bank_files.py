"""Question and flashcard files: the bank's CSV, and Anki's "Notes in Plain Text" export.

CSV (questions), with exactly this header (a byte-order mark before it is accepted):

    exam,category,question,a,b,c,d,e,answer,explanation,source

Anki plain text (flashcards): tab-separated front, back and tags, after header lines such as
`#separator:tab`, `#html:true` and `#tags column:3` (a `#guid`, `#notetype` or `#deck column`
is skipped). The tags say where a card belongs: one tag is an exam code (`cma-aama`) and one
is a category of that exam (`clinical`; Anki writes no spaces in tags, so `Clinical_Competency`
names the category by its label); or one hierarchical tag holds both (`cma-aama::clinical`).
Other tags are ignored. With `#html:true` a field is read as HTML made plain: `<br>` and the end
of a `<div>` or `<p>` are new lines, other tags are dropped, then entities are unescaped.

Every item is checked by the same rules as any other (domain.validate); a bad row is reported
with its line and one sentence. Text is data: nothing in it is read as markup. The CSV export
writes control characters as escapes and guards formula cells as the activity export does
(exports.csv_io), and reading undoes both, so the round trip is exact.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from ..catalog import outline_codes, outline_for
from ..domain.bank import LETTERS, Flashcard, Question
from ..domain.errors import InvalidInput
from ..domain.outline import ExamOutline, category_form
from ..domain.validate import flashcard_from_fields, input_sentence, question_from_fields
from ..textsafe import visible
from .csv_io import neutralise, restore
from .escapes import escaped, unescaped

HEADER = ("exam", "category", "question", "a", "b", "c", "d", "e", "answer", "explanation", "source")
_TEXT_COLUMNS = frozenset(HEADER) - {"exam", "category", "answer"}
_BOM = "\ufeff"
_SKIPPED_COLUMNS = ("guid", "notetype", "deck")


class BankProblem(NamedTuple):
    """A row that cannot be imported: where it is and why, in one sentence."""

    source: str  # the file's name, or "stdin"
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{visible(self.source)}, line {self.line}: {self.reason}"


def read_bank(
    text: str, source_name: str, *, outlines: Mapping[str, ExamOutline] | None = None
) -> tuple[list[Question | Flashcard], list[BankProblem]]:
    """The questions (CSV) or flashcards (Anki plain text) in `text`, and every bad row.

    `outlines` (exam code -> outline) decides the exams and categories accepted; by default
    the catalog's (catalog.outline_for).
    """
    if outlines is None:
        outlines = {code: outline_for(code) for code in outline_codes()}
    text = text[1:] if text.startswith(_BOM) else text
    first = next((line for line in text.splitlines() if line.strip()), "")
    if not first:
        return [], [BankProblem(source_name, 1, "the file is empty")]
    if "\t" in first or first.startswith("#"):
        return _read_anki(text, source_name, outlines)
    if first.split(",")[0].strip().lower() == "exam":
        return _read_csv(text, source_name, outlines)
    return [], [
        BankProblem(
            source_name,
            1,
            f"this is neither the question CSV (its header is {','.join(HEADER)}) nor Anki's tab-separated notes",
        )
    ]


def _read_csv(text: str, source: str, outlines: Mapping[str, ExamOutline]) -> tuple[list, list[BankProblem]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    items: list[Question | Flashcard] = []
    problems: list[BankProblem] = []
    try:
        header = next(reader)
        if tuple(header) != HEADER:
            return [], [BankProblem(source, 1, f"the header must be exactly {','.join(HEADER)}")]
        start = reader.line_num + 1
        for row in reader:
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue  # a blank line
            if len(row) != len(HEADER):
                problems.append(
                    BankProblem(source, line, f"the row has {len(row)} fields; the header has {len(HEADER)}")
                )
                continue
            fields = {
                name: (unescaped(restore(cell)) if name in _TEXT_COLUMNS else cell)
                for name, cell in zip(HEADER, row, strict=True)
            }
            try:
                items.append(question_from_fields(fields, outlines=outlines))
            except InvalidInput as error:
                problems.append(BankProblem(source, line, input_sentence(error.errors)))
    except csv.Error as error:
        problems.append(BankProblem(source, reader.line_num, f"the CSV cannot be read here ({error})"))
    return items, problems


def _read_anki(text: str, source: str, outlines: Mapping[str, ExamOutline]) -> tuple[list, list[BankProblem]]:
    lines = text.splitlines(keepends=True)
    as_html, tags_column, skipped = False, None, set()
    body_start = 0
    for number, header in enumerate(lines):
        if not header.startswith("#"):
            break
        body_start = number + 1
        name, _, value = header[1:].strip().partition(":")
        name, value = name.strip().lower(), value.strip()
        if name == "separator" and value.lower() != "tab":
            return [], [
                BankProblem(
                    source,
                    number + 1,
                    f"only tab-separated notes are read, not {value!r} (export with the Tab separator)",
                )
            ]
        if name == "html":
            as_html = value.lower() == "true"
        elif name.endswith(" column") and value.isdigit() and int(value) >= 1:
            kind = name[: -len(" column")]
            if kind == "tags":
                tags_column = int(value) - 1
            elif kind in _SKIPPED_COLUMNS:
                skipped.add(int(value) - 1)
    reader = csv.reader(io.StringIO("".join(lines[body_start:]), newline=""), delimiter="\t")
    items: list[Question | Flashcard] = []
    problems: list[BankProblem] = []
    start = body_start + 1
    try:
        for row in reader:
            line, start = start, body_start + reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            tags_at = tags_column if tags_column is not None else (len(row) - 1 if len(row) >= 3 else None)
            fields = [cell for index, cell in enumerate(row) if index != tags_at and index not in skipped]
            tags = row[tags_at].split() if tags_at is not None and tags_at < len(row) else []
            if len(fields) < 2:
                problems.append(BankProblem(source, line, "a note needs a front and a back, separated by a tab"))
                continue
            front, back = (_plain(field) if as_html else field for field in fields[:2])
            placed = _exam_and_category(tags, outlines)
            if isinstance(placed, str):
                problems.append(BankProblem(source, line, placed))
                continue
            try:
                items.append(flashcard_from_fields(placed[0], placed[1], front, back, outlines=outlines))
            except InvalidInput as error:
                problems.append(BankProblem(source, line, input_sentence(error.errors)))
    except csv.Error as error:
        problems.append(BankProblem(source, body_start + reader.line_num, f"the notes cannot be read here ({error})"))
    return items, problems


def _exam_and_category(tags: list[str], outlines: Mapping[str, ExamOutline]) -> tuple[str, str] | str:
    """(exam, category) named by the tags, or one sentence saying why they name none."""
    parts = [part for tag in tags for part in tag.split("::")]
    exams = sorted({part.lower() for part in parts if part.lower() in outlines})
    if not exams:
        return f"no tag names an exam (tag the note with one of {', '.join(outlines)})"
    if len(exams) > 1:
        return f"the tags name more than one exam ({', '.join(exams)}); keep one"
    outline = outlines[exams[0]]
    categories = sorted({name for part in parts if (name := outline.match(part.replace("_", " "))) is not None})
    if not categories:
        return f"no tag names a category of {exams[0]} (tag it with one of {', '.join(outline.names)})"
    if len(categories) > 1:
        return f"the tags name more than one category of {exams[0]} ({', '.join(categories)}); keep one"
    return exams[0], categories[0]


_LINE_BREAK = re.compile(r"<br\s*/?>|</(?:div|p)\s*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


def _plain(field: str) -> str:
    """An HTML field as plain text: line breaks kept, tags dropped, then entities unescaped."""
    text = _TAG.sub("", _LINE_BREAK.sub("\n", field))
    return html.unescape(text).replace("\xa0", " ").strip()


def write_bank_csv(questions: Iterable[Question]) -> str:
    """The questions as the CSV `read_bank` reads, with its header."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for question in questions:
        choices = [*question.choices, *([""] * (len(LETTERS) - len(question.choices)))]
        cells = dict(
            zip(  # a cell for each column: the choices are padded to every letter
                HEADER,
                (
                    question.exam,
                    question.category,
                    question.stem,
                    *choices,
                    question.answer_letter,
                    question.explanation,
                    question.source,
                ),
                strict=True,
            )
        )
        writer.writerow(
            [neutralise(escaped(value)) if name in _TEXT_COLUMNS else value for name, value in cells.items()]
        )
    return out.getvalue()


__all__ = ["HEADER", "BankProblem", "category_form", "read_bank", "write_bank_csv"]
