"""A small text chart of the points counted over a cycle against the pace line.

Drawn from `domain.pace.PointsOverCycle`: three rows of eighth blocks (24 steps high) for
the points counted by each date, shading up to the pace line where they fall behind it,
dots for the pace line still ahead, and a line of dates under it. The figures are written
beside the chart in words, and each part has its own character, so it reads the same
without colour (NO_COLOR, 16 colours): the fill is bold, the shading and the dots dim.

The dashboard card draws it into its own text (`chart_content`) rather than as a widget
of its own: a card is one block of text, built once per change, because a widget costs
more to mount, style and lay out than its text costs to draw (see `card.py`).
"""

from __future__ import annotations

from datetime import timedelta

from textual.content import Content

from ...domain.counting import points_text
from ...domain.dates import show_date
from ...domain.pace import PointsOverCycle

PLOT_WIDTH = 30  # columns: under the card's 22-column bars and their figures, at 80x24
ROWS = 3
LEFT = 17  # the labels' width before the card's bars and this plot, which start in one column
LABEL = "Over time"
BLOCKS = " ▁▂▃▄▅▆▇█"  # 0 to 8 eighths of a cell
PACE_MARK = "·"
SHORT_MARK = "░"
FILL_STYLE = "bold"
PACE_STYLE = "dim"  # the dots and the shortfall: drawn, never only coloured
NEWLINE = Content("\n")


def chart_cells(points: PointsOverCycle, width: int = PLOT_WIDTH, rows: int = ROWS) -> list[str]:
    """The plot alone, top row first: one character per column and row.

    Column c stands for the days up to `start + (c + 1) * span / width`. Up to today it is
    filled (█, and ▁ to ▇ at the top) to the points counted by then, and shaded (░) from
    there up to the pace line where the points are behind it: the shortfall, as the bars
    above it show one. After today a dot marks where the pace line will be.
    """
    span = points.span_days
    levels = rows * 8
    drawn_until = points.drawn_until
    grid = [[" "] * width for _ in range(rows)]
    for column in range(width):
        day = points.start + timedelta(days=(column + 1) * span // width)
        previous = points.start + timedelta(days=column * span // width)
        past = column == 0 or previous < drawn_until
        earned = round(points.value_share(points.earned_by(min(day, drawn_until))) * levels) if past else 0
        pace = round(points.value_share(points.pace_by(day)) * levels)
        for row in range(rows):
            base = (rows - 1 - row) * 8  # the eighths below this cell
            if earned >= base + 8:
                grid[row][column] = BLOCKS[8]
            elif earned > base:
                grid[row][column] = BLOCKS[earned - base]
            elif past and pace > base:
                grid[row][column] = SHORT_MARK
            elif not past and (pace > base or base == 0) and pace <= base + 8:
                grid[row][column] = PACE_MARK
    return ["".join(row) for row in grid]


def legend(points: PointsOverCycle) -> list[str]:
    """What the chart says in words, one line beside each row."""
    ahead = points.ahead  # to a tenth of a point: 0 is on the line
    if ahead < 0:
        where = f"{SHORT_MARK} {points_text(-ahead)} behind pace"
    elif ahead > 0:
        where = f"{points_text(ahead)} ahead of pace"
    else:
        where = "on the pace line"
    return [
        f"█ counted {points_text(points.earned_today)}",
        f"{PACE_MARK} pace line {points_text(points.pace_today)} today",
        where,
    ]


def chart_content(points: PointsOverCycle) -> Content:
    """The chart with its scale, words and dates: four lines, at most 72 columns."""
    cells = chart_cells(points)
    words = legend(points)
    top = points_text(points.top)
    tick_width = max(len(top), 1)
    label_width = LEFT - tick_width - 1
    lines = []
    for row, plot in enumerate(cells):
        label = LABEL if row == 0 else ""
        tick = top if row == 0 else "0" if row == len(cells) - 1 else ""
        axis = "┤" if tick else "│"
        parts: list[str | tuple[str, str]] = [f"{label[:label_width]:<{label_width}}{tick:>{tick_width}}{axis}"]
        parts += _styled(plot)
        word = words[row] if row < len(words) else ""
        parts.append(("  " + word, "bold") if row == 2 and points.ahead < 0 else "  " + word)
        lines.append(Content.assemble(*parts))
    lines.append(Content(" " * LEFT + _dates(points)))
    return NEWLINE.join(lines)


def _styled(plot: str) -> list[str | tuple[str, str]]:
    """The plot's characters in runs: blocks bold, dots dim, spaces plain."""
    runs: list[str | tuple[str, str]] = []
    start = 0
    for index in range(1, len(plot) + 1):
        if index == len(plot) or _kind(plot[index]) != _kind(plot[start]):
            run, kind = plot[start:index], _kind(plot[start])
            runs.append((run, FILL_STYLE) if kind == "fill" else (run, PACE_STYLE) if kind == "pace" else run)
            start = index
    return runs


def _kind(char: str) -> str:
    return "pace" if char in (PACE_MARK, SHORT_MARK) else "blank" if char == " " else "fill"


def _dates(points: PointsOverCycle) -> str:
    """`15 Mar 2022      due 31 Mar 2027` under the plot: its first day and its last."""
    first = show_date(points.start)
    last = f"due {show_date(points.deadline)}" if points.end == points.deadline else show_date(points.end)
    gap = max(PLOT_WIDTH - len(first) - len(last), 1)
    return f"{first}{' ' * gap}{last}"
