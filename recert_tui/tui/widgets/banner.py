"""Lines that must not be missed: demo data, a read-only session and why."""

from __future__ import annotations

from textual.widgets import Static

from ..text import literal

DEMO_LINE = "DEMO — sample data on a temporary copy; nothing you change here is kept."


def banner_lines(demo: bool, read_only_reason: str | None) -> list[str]:
    lines = []
    if demo:
        lines.append(DEMO_LINE)
    if read_only_reason is not None:
        lines.append(f"READ-ONLY — {read_only_reason or 'this session cannot save changes.'}")
    return lines


class Banner(Static):
    """Shown only when there is something to say; the reason is store text, shown literally."""

    def __init__(self, demo: bool, read_only_reason: str | None) -> None:
        lines = banner_lines(demo, read_only_reason)
        super().__init__(literal("\n".join(lines)) if lines else "")
        self.display = bool(lines)
