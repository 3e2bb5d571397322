"""Activities: every CE record with whether it counts, filterable and sortable."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input, Static

from ...domain.counting import CountedActivity, points_text
from ...domain.dates import show_date
from ...domain.engine import Report
from ..actions import bindings
from ..text import literal, plural, visible
from ..widgets.ordered_input import OrderedInput
from ..widgets.row_table import RowTable, matching
from .base import ModeScreen

if TYPE_CHECKING:
    from _typeshed import SupportsRichComparison

AREA_SHORT = {"administrative": "adm", "clinical": "cli", "general": "gen"}
OUTCOME_SHORT = {"counted": "yes", "partly counted": "part", "not counted": "NO"}


class Row:
    """One activity prepared for the table; built once per data change, filtered per keystroke.

    Only the id is worked out at once. A heavy user has 10,000 rows of which a screen shows
    twenty: the cells' text and the text the filter searches are made when first needed,
    then kept; the detail, for the highlighted row only.
    """

    __slots__ = ("id", "_counted", "_short", "_name", "_texts", "_haystack")

    def __init__(self, short: str, name: str, counted: CountedActivity) -> None:
        self.id = counted.activity.id or 0
        self._counted, self._short, self._name = counted, short, name
        self._texts: tuple[Text, ...] | None = None
        self._haystack: str | None = None

    def sort_key(self, key: str) -> SupportsRichComparison:
        """This row's value for one of SORTS' keys; each compares with every other row's."""
        counted = self._counted
        activity = counted.activity
        if key == "date":
            return (activity.completed_on, self.id)
        if key == "title":
            return activity.title.lower()
        if key == "points":
            return activity.total_points
        if key == "credential":
            return (self._name, activity.completed_on)
        return (counted.outcome, activity.completed_on)

    @property
    def texts(self) -> tuple[Text, ...]:
        """The cells' text, in COLUMNS order."""
        if self._texts is None:
            counted = self._counted
            activity = counted.activity
            areas = " ".join(f"{AREA_SHORT.get(a, a)} {points_text(p)}" for a, p in activity.points.items())
            self._texts = (
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
            # One `visible` over the joined text: it escapes the same characters, and a space
            # is not one of them.
            self._haystack = visible(
                " ".join(
                    (
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
                )
            ).lower()
        return self._haystack


SEARCH_TEXT_SLICE = 2_000  # rows whose search text is made in one go (about 10 ms)

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


def _narrows(before: list[str], after: list[str]) -> bool:
    """Whether every row holding all of `after` holds all of `before`: each earlier word is
    part of a word now (`cl` -> `cli`, or a word added)."""
    return all(any(old in new for new in after) for old in before)


class ActivitiesScreen(ModeScreen):
    MODE = "activities"
    CATCH_UP_DELAY = 0.02  # thousands of rows: see ModeScreen
    BINDINGS = bindings("activities")

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Row] = []
        self.sort_index = 0
        self._row_cache: dict[tuple, Row] = {}
        self._sorted: dict[int, list[Row]] = {}  # SORTS index -> every row in that order, this data
        # The last filter's words and rows: a filter that only narrows it (a letter typed at
        # the end) searches those rows, not all of them.
        self._filtered: tuple[list[str], int, list[Row]] | None = None

    def compose_body(self) -> ComposeResult:
        yield OrderedInput(
            placeholder="/ filter: words in title, provider, notes, credential…", id="filter", compact=True
        )
        yield Static(id="summary")
        yield RowTable(COLUMNS, id="table")
        yield Static(id="detail")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(RowTable).focus()

    # --- data --------------------------------------------------------------------------

    def show_data(self) -> None:
        self.rows = build_rows(self.recert.session.report, self._row_cache)
        self._sorted, self._filtered = {}, None
        self.render_rows()
        self.call_after_refresh(self._prepare_search, self.rows, 0)

    def _prepare_search(self, rows: list[Row], start: int) -> None:
        """Make the rows' search text a slice at a time, between keystrokes, so that the first
        letter typed into the filter finds it made (list_bench's filter figure at 50,000:
        making it all at once took 230 ms). Stops when the data changes."""
        if rows is not self.rows:
            return
        end = start + SEARCH_TEXT_SLICE
        for row in rows[start:end]:
            row.haystack  # noqa: B018  # made and kept by the property
        if end < len(rows):
            self.call_after_refresh(self._prepare_search, rows, end)

    def _in_order(self) -> list[Row]:
        """Every row in the chosen order, sorted once per data change and order."""
        rows = self._sorted.get(self.sort_index)
        if rows is None:
            _label, key, descending = SORTS[self.sort_index]
            rows = sorted(self.rows, key=lambda row: row.sort_key(key), reverse=descending)
            self._sorted[self.sort_index] = rows
        return rows

    def _matching(self, words: list[str]) -> list[Row]:
        """The rows in order that hold every word; filtering keeps the order."""
        if not words:
            return self._in_order()
        searched = self._in_order()
        last = self._filtered
        if last is not None and last[1] == self.sort_index and _narrows(last[0], words):
            searched = last[2]
        kept = matching(searched, words)
        self._filtered = (words, self.sort_index, kept)
        return kept

    def render_rows(self, select_id: int | None = None) -> None:
        table = self.query_one(RowTable)
        if select_id is None:
            select_id = table.selected_id
        words = self.query_one("#filter", Input).value.lower().split()
        shown = self._matching(words)
        table.show(shown, select_id)
        total = len(self.rows)
        count = f"{len(shown)} of {plural(total, 'activity')}" if words else plural(total, "activity")
        label = SORTS[self.sort_index][0]
        # layout=False: the summary and the detail have fixed heights (activities.tcss), so a
        # keystroke lays nothing out again (list_bench's move and filter figures).
        self.query_one("#summary", Static).update(
            Text(f"{count} · sorted by {label} (s to change) · / to filter"), layout=False
        )  # the detail follows RowTable.Highlighted, which show() posts

    @property
    def selected_id(self) -> int | None:
        return self.query_one(RowTable).selected_id

    def show_detail(self) -> None:
        table = self.query_one(RowTable)
        detail = self.query_one("#detail", Static)
        if table.rows:
            detail.update(table.rows[table.cursor].detail, layout=False)  # type: ignore[attr-defined]  # our Rows
        elif self.rows:
            detail.update(Text("No activity matches the filter."), layout=False)
        else:
            detail.update(
                Text(f"No activities yet. Press {self.recert.keys('activity.add')} to add one."), layout=False
            )

    def on_row_table_highlighted(self, _event: RowTable.Highlighted) -> None:
        self.show_detail()

    def on_row_table_selected(self, _event: RowTable.Selected) -> None:
        self.action_edit()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "filter":
            self.render_rows()  # list_bench's filter figure: well under a keystroke's budget at 50,000

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "filter":
            self.query_one(RowTable).focus()

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
        table = self.query_one(RowTable)
        position = table.position_of(activity_id)
        if position is not None:
            table.move_cursor_to(position)

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
