"""Activities as CSV: an export that round-trips exactly, and an import that forgives spreadsheets.

In every text cell (all but the date and number columns), export writes control and
bidirectional characters as visible escapes (`\\x1b`, `\\u202e`: textsafe.escaped), so that
the file opened in a terminal or an editor shows them rather than obeys them, and then
neutralises a cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR at the
start) by prefixing `'`, as OWASP advises. Import undoes both, in the reverse order, so the
round trip is exact. Dates and numbers are the app's own and are written as they are, so a
spreadsheet reads them as numbers.
Rows end with CRLF, as RFC 4180 and spreadsheets write them; `csv_bytes(..., excel=True)`
adds a UTF-8 byte-order mark, which Excel needs to read the file as UTF-8 rather than in
the computer's legacy code page. Import takes either, and LF or CR row ends too.
Import validates every row with the same rules as the form and the CLI, and reports every
rejected row with its reason; the caller writes nothing unless it decides to.
The columns are described for people in docs/csv.md.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from dateutil import parser

from ..domain.dates import parse_date
from ..domain.models import AREAS, Activity
from ..domain.validate import InvalidInput
from .escapes import escaped, unescaped

# category and recurring came last, so the columns before them stay where older exports had them.
COLUMNS = (
    "credential",
    "date",
    "title",
    "kind",
    *AREAS,
    "approved",
    "college_credits",
    "provider",
    "certificate",
    "notes",
    "category",
    "recurring",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER_COLUMNS = frozenset({"date", *AREAS, "college_credits", "points"})  # the rest is text

# Header spellings seen in spreadsheets, after lower-casing and dropping everything but letters.
_SYNONYMS = {
    "credential": ("credential", "cred", "certification", "credentialcode"),
    "date": ("date", "completed", "completedon", "completiondate", "datecompleted", "activitydate", "dateofcompletion"),
    "title": ("title", "activity", "activitytitle", "course", "coursetitle", "coursename", "name", "description"),
    "points": ("points", "ceu", "ceus", "hours", "contacthours", "recertificationpoints", "pts", "credithours"),
    "area": ("area", "contentarea", "subject"),
    "administrative": ("administrative", "admin", "adminpoints", "administrativepoints"),
    "clinical": ("clinical", "clinicalpoints"),
    "general": ("general", "generalpoints"),
    "approved": ("approved", "aamaapproved", "aama", "approvedyn", "isapproved", "aamaceu"),
    "kind": ("kind", "type", "activitytype"),
    "college_credits": ("collegecredits", "collegecredit", "semestercredits"),
    "provider": ("provider", "sponsor", "organization", "organisation", "offeredby"),
    "certificate": (
        "certificate",
        "certificateno",
        "certificatenumber",
        "cert",
        "certref",
        "certificateref",
        "reference",
    ),
    "notes": ("notes", "note", "comments", "comment"),
    # A "category" naming a content area is read as the area where there is no area column (_fields_from).
    "category": ("category", "ccpcategory", "cecategory", "creditcategory", "activitycategory"),
    "recurring": ("recurring", "recurrent", "isrecurring", "recurringtraining", "repeated"),
}
_HEADER_TO_FIELD = {spelling: name for name, spellings in _SYNONYMS.items() for spelling in spellings}


def neutralise(cell: str) -> str:
    """Prefix `'` to a cell a spreadsheet would treat as a formula (and to one already so prefixed)."""
    if cell.startswith(_FORMULA_START) or (cell.startswith("'") and cell.lstrip("'").startswith(_FORMULA_START)):
        return "'" + cell
    return cell


def restore(cell: str) -> str:
    """Undo `neutralise`."""
    if cell.startswith("'") and cell.lstrip("'").startswith(_FORMULA_START):
        return cell[1:]
    return cell


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value + 0.0:g}"  # + 0.0: -0.0 is written 0


def export_csv(activities: Iterable[Activity]) -> str:
    """Every activity as one CSV row, oldest first, with a header row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for activity in sorted(activities, key=lambda a: (a.completed_on, a.id or 0)):
        row = {
            "credential": activity.credential,
            "date": activity.completed_on.isoformat(),
            "title": activity.title,
            "kind": activity.kind,
            "approved": "yes" if activity.approved else "no",
            "college_credits": _number(activity.college_credits),
            "provider": activity.provider,
            "certificate": activity.certificate,
            "notes": activity.notes,
            "category": activity.category,
            "recurring": "yes" if activity.recurring else "",  # empty: not recurring, as every credential takes
        }
        for area in AREAS:
            row[area] = _number(activity.points.get(area)) if activity.points.get(area) else ""
        writer.writerow(
            [row[column] if column in _NUMBER_COLUMNS else neutralise(escaped(row[column])) for column in COLUMNS]
        )
    return out.getvalue()


def csv_bytes(activities: Iterable[Activity], *, excel: bool = False) -> bytes:
    """export_csv as the bytes of a file: UTF-8, with a byte-order mark for Excel if `excel`."""
    return ("\ufeff" if excel else "").encode("utf-8") + export_csv(activities).encode("utf-8")


def column_field(header: str) -> str | None:
    """The field import reads from a column headed `header` (spreadsheet spellings too), or None."""
    return _HEADER_TO_FIELD.get(re.sub(r"[^a-z]", "", header.lower()))


@dataclass
class ImportResult:
    """What an import would add, and every row it would not, with the reason."""

    accepted: list[tuple[int, Activity]] = field(default_factory=list)
    rejected: list[tuple[int, str]] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.rejected


def import_csv(
    text: str,
    validate: Callable[[Mapping[str, object]], Activity],
    *,
    default_credential: str | None = None,
    existing: Iterable[Activity] = (),
    on_row: Callable[[int], None] | None = None,
) -> ImportResult:
    """Parse CSV text; each row becomes an Activity through `validate` or a rejection reason.

    Row numbers are spreadsheet rows (the header is row 1). A row identical to an activity
    already recorded (or to an earlier row) is rejected, so importing a file twice adds nothing.
    `on_row(n)` is called as each row is read, with the number of rows read so far (a long
    import's progress).
    """
    result = ImportResult()
    text = text.lstrip("\ufeff")  # spreadsheets often write a byte-order mark
    try:  # only the delimiter is guessed; quoting stays the standard (Excel) one
        delimiter = csv.Sniffer().sniff((text.splitlines() or [""])[0], delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    # newline="": the csv module then takes CR, LF or CRLF row ends (old Mac Excel writes CR)
    # and keeps line breaks inside quoted cells exactly.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        result.rejected.append((1, "the file is empty; the first row must name the columns"))
        return result
    except csv.Error as error:
        result.rejected.append((1, f"the first row cannot be read as CSV ({error})"))
        return result
    fields_by_index: dict[int, str] = {}
    for index, name in enumerate(header):
        field_name = column_field(name)
        if field_name is not None:
            fields_by_index.setdefault(index, field_name)
        elif name.strip():
            result.unknown_columns.append(name.strip())
    found = set(fields_by_index.values())
    missing = [name for name in ("date", "title") if name not in found]
    if not ({"points"} & found or set(AREAS) & found or "kind" in found):
        missing.append("points (or administrative/clinical/general columns)")
    if missing:
        result.rejected.append(
            (1, f"no column for {', '.join(missing)}; found: {', '.join(h for h in header if h.strip())}")
        )
        return result

    seen = {_fingerprint(activity) for activity in existing}
    for row_number, row in _rows(reader, result):
        if on_row is not None:
            on_row(row_number - 1)
        if not any(cell.strip() for cell in row):
            continue
        raw: dict[str, str] = {}
        for index, cell in enumerate(row):
            field = fields_by_index.get(index)
            if field is not None:  # the export's steps undone in reverse: the quote, then the escapes
                raw[field] = restore(cell) if field in _NUMBER_COLUMNS else unescaped(restore(cell))
        try:
            activity = validate(_fields_from(raw, default_credential))
        except InvalidInput as error:
            result.rejected.append(
                (row_number, "; ".join(f"{name}: {message}" for name, message in error.errors.items()))
            )
            continue
        fingerprint = _fingerprint(activity)
        if fingerprint in seen:
            result.rejected.append((row_number, "already recorded (same credential, date, title and points)"))
            continue
        seen.add(fingerprint)
        result.accepted.append((row_number, activity))
    return result


def _rows(reader, result: ImportResult):
    """(spreadsheet row number, cells) for each row; a row the csv module cannot read is
    rejected with the reason, and reading stops there (what follows cannot be trusted)."""
    number = 1
    while True:
        number += 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            result.rejected.append((number, f"cannot be read as CSV ({error}); nothing after it was read"))
            return
        yield number, row


def _fingerprint(activity: Activity) -> tuple:
    return (
        activity.credential,
        activity.completed_on,
        activity.title.strip().lower(),
        tuple(sorted(activity.points.items())),
    )


def _fields_from(raw: dict[str, str], default_credential: str | None) -> dict[str, object]:
    """Spreadsheet cells -> the field names the validator takes."""
    fields: dict[str, object] = {key: value if key == "notes" else value.strip() for key, value in raw.items()}
    if not fields.get("credential") and default_credential:
        fields["credential"] = default_credential
    fields["date"] = _normalise_date(str(fields.get("date", "")))
    fields["approved"] = _normalise_flag(str(fields.get("approved", "")))
    fields["recurring"] = _normalise_flag(str(fields.get("recurring", "")))
    # Spreadsheets often call the content area "category": without an area column (or
    # per-area columns), such a cell is the area, not the credential's own category.
    category = str(fields.get("category", ""))
    if category.lower() in AREAS and "area" not in raw and not set(AREAS) & set(raw):
        del fields["category"]
        fields["area"] = category.lower()
    fields["kind"] = str(fields.get("kind", "")).lower() or None
    # Per-area columns become a split; a CPR card's points come from the rules instead.
    split = ",".join(f"{area}={value}" for area in AREAS if (value := str(fields.pop(area, "")).strip()))
    if split and fields["kind"] != "cpr":
        fields["split"] = split
    return fields


def _normalise_flag(text: str) -> str:
    cleaned = text.strip().lower()
    if cleaned in ("x", "✓", "✔"):
        return "yes"
    return cleaned


_MONTH_NAME = re.compile(r"[A-Za-z]{3,}")


def _normalise_date(text: str) -> str:
    """Accept ISO, US (3/5/2025), 2025/03/05, and written months (Mar 5, 2025 or 5 March 2025)."""
    text = text.strip()
    try:
        return parse_date(text).isoformat()
    except ValueError:
        pass
    slashed = re.fullmatch(r"(\d{4})/(\d{1,2})/(\d{1,2})", text)
    if slashed:
        return "-".join(slashed.groups())
    if _MONTH_NAME.search(text):
        try:
            return parser.parse(text, dayfirst=False, fuzzy=False).date().isoformat()
        except (ValueError, OverflowError):
            pass
    return text  # the validator explains what is accepted
