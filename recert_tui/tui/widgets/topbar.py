"""The one-line bar at the top: which screen is shown, how to reach the others, and markers."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ..actions import MODES

MODE_LABELS = tuple((place.name, place.tab_label) for place in MODES)


class TopBar(Static):
    """`recert  [1 Dashboard]  2 Activities  3 Exams  4 Study    READ-ONLY`.

    The current screen is bracketed and bold, so it does not depend on colour.
    """

    def __init__(self, current: str, keys: dict[str, str], marker: str = "") -> None:
        super().__init__(self._text(current, keys, marker))

    @staticmethod
    def _text(current: str, keys: dict[str, str], marker: str) -> Text:
        text = Text("recert ", style="bold")
        for mode, label in MODE_LABELS:
            key = keys.get(mode, "")
            if mode == current:
                text.append(f" [{key} {label}] ", style="bold reverse")
            else:
                text.append(f"  {key} {label}  ")
        if marker:
            text.append("  ")
            text.append(marker, style="bold reverse")
        return text
