"""Activities: every CE record with whether it counts, filterable and sortable."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.timer import Timer
from textual.widgets import DataTable, Input, Static

from ...domain.counting import CountedActivity, points_text
from ...domain.dates import show_date
from ...domain.engine import Report
from ..actions import bindings
from ..text import literal, plural, visible
from ..widgets.ordered_input import OrderedInput
from .base import ModeScreen

if TYPE_CHECKING:
    from _typeshed import SupportsRichComparison

AREA_SHORT = {"administrative": "adm", "clinical": "cli", "general": "gen"}
OUTCOME_SHORT = {"counted": "yes", "partly counted": "part", "not counted": "NO"}


class Row:
    """One activity prepared for the table; built once per data change, filtered per keystroke.

    Only the id and the sort keys are worked out at once. A heavy user has 10,000 rows of
    which a screen shows twenty: the cells' text and the text the filter searches are made
    when first needed, then kept; the detail, for the highlighted row only.
    """

    __slots__ = ("id", "cells", "sort_keys", "_counted", "_short", "_name", "_texts", "_haystack")

    def __init__(self, short: str, name: str, counted: CountedActivity) -> None:
        activity = counted.activity
        self.id = activity.id or 0
        self._counted, self._short, self._name = counted, short, name
        self._texts: tuple[Text, ...] | None = None
        self._haystack: str | None = None
        self.cells = tuple(Cell(self, index) for index in range(len(COLUMNS)))
        # Each key's values compare with the same key's of every other row.
        self.sort_keys: dict[str, SupportsRichComparison] = {
            "date": (activity.completed_on, self.id),
            "title": activity.title.lower(),
            "points": activity.total_points,
            "credential": (name, activity.completed_on),
            "outcome": (counted.outcome, activity.completed_on),
        }

    @property
    def texts(self) -> tuple[Text, ...]:
        """The cells' text, in COLUMNS order."""
        if self._texts is None:
            counted = self._counted
            activity = counted.activity
            areas = " ".join(f"{AREA_SHORT.get(a, a)} {points_text(p)}" for a, p in activity.points.items())
            self._texts = tuple(
                map(
                    _cut_with_ellipsis,
                    (
                        Text(show_date(activity.completed_on)),
                        Text(self._short),
                        literal(activity.title),
                        literal(activity.provider),
                        Text(points_text(activity.total_points), justify="right"),
                        Text(areas),
                        Text("yes" if counted.approved else "no"),
                        Text(
                            OUTCOME_SHORT.get(counted.outcome, counted.outcome),
                            style="bold" if counted.outcome != "counted" else "",
                        ),
                    ),
                )
            )
        return self._texts

    @property
    def detail(self) -> Text:
        """The lines under the table, for the highlighted row."""
        counted = self._counted
        activity = counted.activity
        detail = Text.assemble(
            (f"{self._name} · {show_date(activity.completed_on)} · ", ""),
            literal(activity.title, "bold"),
            ("\n", ""),
            (f"{counted.outcome.capitalize()}: {counted.reason}", ""),
            (f" ({points_text(counted.counted_points)} of {points_text(activity.total_points)} points)", ""),
        )
        if activity.notes:
            detail.append("\nNotes: ")
            detail.append_text(literal(activity.notes))
        return detail

    @property
    def haystack(self) -> str:
        """Lower-case text the filter searches."""
        if self._haystack is None:
            counted = self._counted
            activity = counted.activity
            self._haystack = " ".join(
                visible(part)
                for part in (
                    activity.title,
                    activity.provider,
                    activity.certificate,
                    activity.notes,
                    self._name,
                    activity.kind,
                    counted.outcome,
                    counted.reason,
                    show_date(activity.completed_on),
                )
            ).lower()
        return self._haystack


def _cut_with_ellipsis(text: Text) -> Text:
    """One line, cut where its column ends with "…" (not wrapped: the table shows one line of
    a cell, and a cut at a word boundary hid that anything was missing)."""
    text.no_wrap = True
    text.overflow = "ellipsis"
    return text


class Cell:
    """One table cell: its row's text for one column, drawn as is.

    DataTable measures every cell it is given, so that a column sized to its content can
    widen. These columns have fixed widths, and measuring a heavy user's 80,000 cells was
    half of the list's first showing. A renderable without `__rich_measure__` is not
    measured, and its text is made only when its row is drawn.
    """

    __slots__ = ("row", "column")

    def __init__(self, row: Row, column: int) -> None:
        self.row, self.column = row, column

    @property
    def text(self) -> Text:
        return self.row.texts[self.column]

    @property
    def plain(self) -> str:
        return self.text.plain

    def __rich_console__(self, console, options):
        yield self.text


# (label, sort key, newest/largest first?)
SORTS = (
    ("date, newest first", "date", True),
    ("date, oldest first", "date", False),
    ("title", "title", False),
    ("points, most first", "points", True),
    ("credential", "credential", False),
    ("counted or not", "outcome", False),
)


COLUMNS = (
    ("Date", 11),
    ("Cred", 4),
    ("Title", 16),
    ("Provider", 9),
    ("Pts", 4),
    ("Areas", 8),
    ("Appr", 4),
    ("Count", 5),
)
COLUMN_KEYS = tuple(label.lower() for label, _ in COLUMNS)
FILTER_PAUSE_SECONDS = 0.15


def build_rows(report: Report, cache: dict[tuple, Row] | None = None) -> list[Row]:
    """One Row per activity. With a cache, an activity whose record and outcome did not
    change keeps its Row object, so the table can tell unchanged rows apart for free."""
    rows = []
    reused: dict[tuple, Row] = {}
    for credential in report.credentials:
        name = credential.rules.name
        short = name.split(" ")[0]
        for counted in credential.activities:
            # The store keeps an unchanged record as the same object, so identity is enough.
            key = (
                id(counted.activity),
                name,
                counted.outcome,
                counted.reason,
                counted.approved,
                counted.counted_points,
            )
            row = cache.get(key) if cache is not None else None
            if row is None or row.id != counted.activity.id:
                row = Row(short, name, counted)
            reused[key] = row
            rows.append(row)
    if cache is not None:
        cache.clear()
        cache.update(reused)
    return rows


def matches(row: Row, words: list[str]) -> bool:
    return all(word in row.haystack for word in words)


class ActivitiesScreen(ModeScreen):
    MODE = "activities"
    CATCH_UP_DELAY = 0.02  # thousands of rows: see ModeScreen
    BINDINGS = bindings("activities")

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Row] = []
        self.sort_index = 0
        self._row_cache: dict[tuple, Row] = {}
        self._in_table: dict[int, Row] = {}  # what the table holds now, by activity id
        self._order: list[int] = []
        self._filter_timer: Timer | None = None

    def compose_body(self) -> ComposeResult:
        yield OrderedInput(
            placeholder="/ filter: words in title, provider, notes, credential…", id="filter", compact=True
        )
        yield Static(id="summary")
        table: DataTable = DataTable(id="table", cursor_type="row", zebra_stripes=True)
        for label, width in COLUMNS:
            table.add_column(label, width=width, key=label.lower())
        yield table
        yield Static(id="detail")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(DataTable).focus()

    # --- data --------------------------------------------------------------------------

    def show_data(self) -> None:
        self.rows = build_rows(self.recert.session.report, self._row_cache)
        self.render_rows()

    def render_rows(self, select_id: int | None = None) -> None:
        table = self.query_one(DataTable)
        if select_id is None:
            select_id = self.selected_id
        words = self.query_one("#filter", Input).value.lower().split()
        label, key, descending = SORTS[self.sort_index]
        kept = [row for row in self.rows if matches(row, words)] if words else self.rows
        shown = sorted(kept, key=lambda r: r.sort_keys[key], reverse=descending)
        self._update_table(table, shown)
        total = len(self.rows)
        count = f"{len(shown)} of {plural(total, 'activity')}" if words else plural(total, "activity")
        self.query_one("#summary", Static).update(Text(f"{count} · sorted by {label} (s to change) · / to filter"))
        if select_id is not None and select_id in self._in_table:
            table.move_cursor(row=table.get_row_index(str(select_id)))
        self.show_detail()

    def _update_table(self, table: DataTable, shown: list[Row]) -> None:
        """Bring the table to `shown` touching only what changed.

        A heavy user has thousands of rows; clearing and re-adding them all makes the table
        measure every cell again, which took seconds. One save changes a row or two.
        """
        wanted = {row.id: row for row in shown}
        held = self._in_table
        gone = held.keys() - wanted.keys()
        if len(gone) + len(wanted.keys() - held.keys()) > max(50, len(wanted) // 4):
            table.clear()  # a new filter: starting over is cheaper than thousands of edits
            held = {}
            gone = set()
        for row_id in gone:
            table.remove_row(str(row_id))
        added = False
        for row_id, row in wanted.items():
            old = held.get(row_id)
            if old is None:
                table.add_row(*row.cells, key=str(row_id))
                added = True
            elif old is not row:
                for column, cell in zip(COLUMN_KEYS, row.cells, strict=True):
                    table.update_cell(str(row_id), column, cell)
        order = [row.id for row in shown]
        # Removing rows keeps the others in order; only new rows (added at the end) or a new
        # sort need the table sorted, which is slow with thousands of rows.
        kept_in_order = not added and order == [row_id for row_id in self._order if row_id in wanted]
        if not kept_in_order:
            # DataTable hands the key function only cell values; our first cell object
            # identifies its row (and asking for that column alone saves building tuples).
            position = {id(row.cells[0]): index for index, row in enumerate(shown)}
            table.sort(COLUMN_KEYS[0], key=lambda cell: position[id(cell)])
        self._in_table, self._order = wanted, order

    @property
    def selected_id(self) -> int | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        try:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        except Exception:  # the cursor can sit past the end right after a clear
            return None
        return int(key.value) if key.value is not None else None

    def show_detail(self) -> None:
        selected = self.selected_id
        row = self._in_table.get(selected) if selected is not None else None  # what the table shows
        detail = self.query_one("#detail", Static)
        if row is not None:
            detail.update(row.detail)
        elif self.rows:
            detail.update(Text("No activity matches the filter." if self.rows else ""))
        else:
            detail.update(Text(f"No activities yet. Press {self.recert.keys('activity.add')} to add one."))

    def on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def on_data_table_row_selected(self, _event: DataTable.RowSelected) -> None:
        self.action_edit()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "filter":
            # Filter once typing pauses, not on every key: thousands of rows per keystroke lag.
            if self._filter_timer is not None:
                self._filter_timer.stop()
            self._filter_timer = self.set_timer(FILTER_PAUSE_SECONDS, self.render_rows)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "filter":
            self.query_one(DataTable).focus()

    # --- actions -----------------------------------------------------------------------

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_sort(self) -> None:
        self.sort_index = (self.sort_index + 1) % len(SORTS)
        self.render_rows()

    def action_add_activity(self) -> None:
        self.recert.open_activity_form(None, self.select_after_save)

    def action_edit(self) -> None:
        selected = self.selected_id
        if selected is None:
            self.notify(
                f"There is no activity to edit here. Press {self.recert.keys('activity.add')} to add one.", markup=False
            )  # the key may be the user's, from keymap.toml: not markup
            return
        self.recert.open_activity_form(selected, self.select_after_save)

    def select_after_save(self, activity_id: int) -> None:
        self.catch_up()  # re-renders only if the save has not been shown yet
        table = self.query_one(DataTable)
        if str(activity_id) in table.rows:
            table.move_cursor(row=table.get_row_index(str(activity_id)))

    def action_delete(self) -> None:
        selected = self.selected_id
        if selected is None:
            self.notify("There is no activity to delete here.")
            return
        self.recert.delete_activity(selected)

    def action_undo(self) -> None:
        self.recert.undo_delete(self.select_after_save)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not super().check_action(action, parameters):  # read-only: no editing key
            return False
        # Undo is in the key bar only while there is a delete to undo: at 80 columns the bar
        # has no room for it and the palette's hint together (RecertApp.refresh_bindings on change).
        if action == "undo":
            return self.recert.last_deleted is not None
        return True
