"""A table that draws only the rows on screen: a list of 50,000 rows costs what twenty cost.

Textual's DataTable keeps an index of every row and measures every cell: feeding it 10,000
rows in one batch took 230 ms and its first draw 420 ms more, and removing rows one by one
rebuilt its index each time (the Activities filter froze for seconds). Here the rows are a
plain list the screen hands over whole (`show`), already filtered and sorted, and a line is
made from a row only when it is drawn.

A row is any object with an `id` (int) and `texts`: its cells' Rich Text, in column order,
made by the row itself (so a row's text is built only if it is ever on screen). Its text is
drawn as text, never read as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress
from typing import Protocol, TypeVar

from rich.segment import Segment
from rich.text import Text
from textual.binding import Binding
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

CELL_PADDING = 1  # a space each side of a cell, as DataTable draws them
LINES_KEPT = 500  # rows' lines kept made; a screen shows about twenty


class TableRow(Protocol):
    @property
    def id(self) -> int: ...

    @property
    def texts(self) -> tuple[Text, ...]: ...


class Searchable(Protocol):
    @property
    def haystack(self) -> str: ...  # the lower-case text a filter looks in


Found = TypeVar("Found", bound=Searchable)


def matching(rows: list[Found], words: list[str]) -> list[Found]:
    """The rows whose search text holds every word, in their order, a word at a time (a fifth
    of the time of testing every word per row: list_bench's filter figure)."""
    for word in words:
        rows = [row for row in rows if word in row.haystack]
    return rows


class RowTable(ScrollView, can_focus=True):
    """Fixed-width columns under a header line, one line per row, a row cursor."""

    BINDINGS = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home,ctrl+home", "edge(0)", "First row", show=False),
        Binding("end,ctrl+end", "edge(1)", "Last row", show=False),
        Binding("enter", "select", "Open", show=False),
    ]
    COMPONENT_CLASSES = {"row-table--header", "row-table--cursor", "row-table--even-row"}
    DEFAULT_CSS = """
    RowTable {
        background: $surface;
        color: $foreground;
        & > .row-table--header { text-style: bold; background: $panel; color: $foreground; }
        &:ansi > .row-table--header { background: ansi_bright_blue; color: ansi_default; }
        & > .row-table--even-row { background: $surface-lighten-1 50%; }
        &:dark > .row-table--even-row { background: $surface-darken-1 40%; }
        & > .row-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .row-table--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
    }
    """

    class Highlighted(Message):
        """The cursor moved to another row (or the rows changed under it)."""

    class Selected(Message):
        """Enter (or a click on the row already highlighted) on a row: `selected_id` says which."""

    def __init__(self, columns: Sequence[tuple[str, int]], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.columns = tuple(columns)
        self.rows: Sequence[TableRow] = ()
        self.cursor = 0
        self._index: dict[int, int] | None = None  # row id -> position, built when first asked
        # Each row's line with its cells' own styles, kept while the row is in view: moving
        # the cursor or scrolling restyles lines already made (list_bench's move figure).
        self._lines: dict[TableRow, Strip] = {}
        self._header = Text.assemble(*(self._cell(Text(label), width) for label, width in self.columns))
        self._width = sum(width + 2 * CELL_PADDING for _, width in self.columns)

    # --- the rows ---------------------------------------------------------------------------

    def show(self, rows: Sequence[TableRow], select_id: int | None = None) -> None:
        """Show `rows` (kept, not copied), the cursor on `select_id` if it is among them."""
        highlighted = self.rows[self.cursor] if self.rows else None
        self.rows, self._index = rows, None
        position = None
        if highlighted is not None and highlighted.id == select_id:
            # The usual case (a filter, a sort): the same row object, found by identity in C
            # rather than through a dict of every id (list_bench's filter figure).
            with suppress(ValueError):
                position = rows.index(highlighted)
        elif select_id is not None:
            position = self.position_of(select_id)
        self.cursor = min(self.cursor, max(len(rows) - 1, 0)) if position is None else position
        self.virtual_size = Size(self._width, len(rows) + 1)  # + the header line
        self._keep_cursor_in_view()
        self.refresh()
        self.post_message(self.Highlighted())

    def position_of(self, row_id: int) -> int | None:
        if self._index is None:
            self._index = {row.id: position for position, row in enumerate(self.rows)}
        return self._index.get(row_id)

    @property
    def row_count(self) -> int:
        return len(self.rows)

    @property
    def selected_id(self) -> int | None:
        return self.rows[self.cursor].id if self.rows else None

    def move_cursor_to(self, position: int) -> None:
        position = max(0, min(position, len(self.rows) - 1))
        if position != self.cursor and self.rows:
            before, top = self.cursor, self.scroll_offset.y
            self.cursor = position
            self._keep_cursor_in_view()
            if self.scroll_offset.y == top:  # only the two rows' lines change (+1: the header)
                self.refresh_line(before + 1)
                self.refresh_line(position + 1)
            else:
                self.refresh()
            self.post_message(self.Highlighted())

    # --- keys and mouse ---------------------------------------------------------------------

    def action_move(self, step: int) -> None:
        self.move_cursor_to(self.cursor + step)

    def action_page(self, direction: int) -> None:
        self.move_cursor_to(self.cursor + direction * max(self.size.height - 2, 1))

    def action_edge(self, end: int) -> None:
        self.move_cursor_to(len(self.rows) - 1 if end else 0)

    def action_select(self) -> None:
        if self.rows:
            self.post_message(self.Selected())

    def on_click(self, event: Click) -> None:
        position = int(self.scroll_offset.y) + event.y - 1  # the first line is the header
        if 0 <= position < len(self.rows):
            if position == self.cursor:
                self.action_select()
            self.move_cursor_to(position)

    def _keep_cursor_in_view(self) -> None:
        body = max(self.size.height - 1, 1)  # lines under the header
        top = int(self.scroll_offset.y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + body:
            self.scroll_to(y=self.cursor - body + 1, animate=False, immediate=True)

    # --- drawing ----------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y == 0:
            line = self._header
            style = self.get_component_rich_style("row-table--header")
        else:
            position = int(self.scroll_offset.y) + y - 1
            if position >= len(self.rows):
                return Strip.blank(width, self.rich_style)
            style = self.rich_style
            if position % 2 == 1:
                style += self.get_component_rich_style("row-table--even-row")
            if position == self.cursor:
                style += self.get_component_rich_style("row-table--cursor")
            line_strip = self._row_line(self.rows[position]).apply_style(style)
            return line_strip.extend_cell_length(width, style).crop(0, width)
        segments = [
            Segment(text, (style + seg_style) if seg_style else style)
            for text, seg_style, _ in line.render(self.app.console)
        ]
        return Strip(segments).extend_cell_length(width, style).crop(0, width)

    def _row_line(self, row: TableRow) -> Strip:
        """A row's line with its cells' own styles only (the row's style is applied over it)."""
        line = self._lines.get(row)
        if line is None:
            if len(self._lines) >= LINES_KEPT:
                self._lines.clear()
            cells = (self._cell(text, width) for text, (_, width) in zip(row.texts, self.columns, strict=True))
            line = self._lines[row] = Strip(Text.assemble(*cells).render(self.app.console))
        return line

    @staticmethod
    def _cell(text: Text, width: int) -> Text:
        """`text` cut (with an ellipsis) or padded to `width`, with a space each side."""
        cell = text.copy()
        cell.truncate(width, overflow="ellipsis", pad=True)
        if text.justify == "right":
            plain = cell.plain.rstrip()
            cell = Text(" " * (width - len(plain))) + cell[: len(plain)]
        return Text(" " * CELL_PADDING) + cell + Text(" " * CELL_PADDING)
