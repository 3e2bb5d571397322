"""The Activities list at 10,000 and 50,000 activities, in a real 80x24 pty (not part of the test run).

`python tests/perf/list_bench.py [--sizes 10000,50000] [--repeats 5] [--json PATH]`

Times what a user waits for, from writing a key to the terminal showing its answer:

- open: `2` on the dashboard to the list's count line ("10000 activities · sorted by ...");
- filter: each letter typed into the filter (`/`, then `c`, `l`, `i`, then backspace) to the
  count line naming the rows that match, worked out with the screen's own `matching`;
- move, page and sort: `down`, `pagedown` and `s` to the screen changing (the highlighted
  row's detail, or the order).

Targets (issue 17): every keystroke <= 50 ms at 10,000 and <= 100 ms at 50,000; the first
open <= 200 ms at 10,000.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import TODAY, build_database  # noqa: E402
from ptyrun import PtySession  # noqa: E402

from recert_tui.session import Session  # noqa: E402
from recert_tui.tui.screens.activities import build_rows  # noqa: E402
from recert_tui.tui.widgets.row_table import matching  # noqa: E402

TARGETS = {  # figure -> {size: limit in ms}
    "open_ms": {10_000: 200},
    "filter_ms": {10_000: 50, 50_000: 100},
    "move_ms": {10_000: 50, 50_000: 100},
    "page_ms": {10_000: 50, 50_000: 100},
    "sort_ms": {10_000: 50, 50_000: 100},
}
TIMEOUT = 120.0
FILTER = "cli"  # typed one letter at a time, then one backspace


def expected_counts(db: Path) -> list[int]:
    """The rows matching each prefix of FILTER, then FILTER less its last letter, as the screen counts them."""
    with Session.open(db, TODAY, write=False) as session:
        rows = build_rows(session.report)
    prefixes = [FILTER[: i + 1] for i in range(len(FILTER))] + [FILTER[:-1]]
    return [len(matching(rows, prefix.lower().split())) for prefix in prefixes]


def changed(tty: PtySession, key: bytes | str) -> float:
    """ms from writing `key` to the screen showing anything different."""
    before = tty.screen.text()
    sent = tty.write(key, mark=True)
    return 1000 * (tty.wait_for_screen(lambda screen: screen.text() != before, TIMEOUT) - sent)


def measure(db: Path, size: int, repeats: int) -> dict[str, list[float]]:
    from bench import recert_command

    counts = expected_counts(db)
    times: dict[str, list[float]] = {name: [] for name in TARGETS}
    argv = [*recert_command(), "--db", str(db), "--today", TODAY.isoformat(), "--read-only"]
    for _ in range(repeats):
        with PtySession(argv) as tty:
            tty.wait_for("CMA (AAMA)", TIMEOUT, what="the dashboard")
            tty.drain(0.5)
            sent = tty.write("2", mark=True)
            times["open_ms"].append(1000 * (tty.wait_for(f"{size} activities · sorted", TIMEOUT) - sent))
            tty.drain(0.5)
            times["move_ms"].append(changed(tty, b"\x1b[B"))  # down
            tty.drain(0.3)
            times["page_ms"].append(changed(tty, b"\x1b[6~"))  # page down
            tty.drain(0.3)
            tty.write("/")
            tty.drain(0.3)
            for letter, count in zip([*FILTER, "\x7f"], counts, strict=True):
                sent = tty.write(letter, mark=True)
                shown = tty.wait_for(f"{count} of {size} activities", TIMEOUT, what=f"{count} rows after {letter!r}")
                times["filter_ms"].append(1000 * (shown - sent))
                tty.drain(0.3)
            tty.write("\r")  # back to the list, the filter kept
            tty.drain(0.3)
            times["sort_ms"].append(changed(tty, "s"))
            tty.drain(0.3)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,50000")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--json", dest="json_path")
    options = parser.parse_args()
    sizes = [int(size) for size in options.sizes.split(",")]
    results: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="recert-list-bench-") as folder:
        for size in sizes:
            db = build_database(Path(folder) / f"recert-{size}.json", size)
            times = measure(db, size, options.repeats)
            results[size] = {name: statistics.median(values) for name, values in times.items() if values}
            print(size, {name: [round(v) for v in values] for name, values in times.items()}, file=sys.stderr)
    print("| figure | " + " | ".join(f"{size:,} activities" for size in sizes) + " |")
    print("|---|" + "---|" * len(sizes))
    for name in TARGETS:
        cells = []
        for size in sizes:
            value = results[size].get(name)
            limit = TARGETS[name].get(size)
            verdict = "" if limit is None else (" ok" if value <= limit else f" MISS (<= {limit})")
            cells.append(f"{value:.0f} ms{verdict}")
        print(f"| {name} | " + " | ".join(cells) + " |")
    if options.json_path:
        Path(options.json_path).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
