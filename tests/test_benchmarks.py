"""The benchmarks of tests/perf, run by CI's slow tier: each must run to its table.

A benchmark that no longer runs (a screen renamed, a text it waits for gone) would otherwise
be found only by the next person measuring. The figures are printed (`-s` shows them) and
written under the run's temporary folder, never asserted: timing targets live in the
benchmarks' tables (MISS marks a figure over its target), and a shared CI machine's speed
is not the app's. Fewer repeats than a measuring run, so the slow tier stays minutes long.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PERF = ROOT / "tests" / "perf"

BENCHMARKS = {
    "bench": (
        [str(PERF / "bench.py"), "--sizes", "1000,10000,50000", "--repeats", "3"],
        "keystroke to updated dashboard",
    ),
    "list": ([str(PERF / "list_bench.py"), "--sizes", "10000,50000", "--repeats", "1"], "filter_ms"),
    "roster": (["-m", "tests.perf.roster_bench", "--repeats", "1"], "every_row_ms"),
    "study": ([str(PERF / "study_bench.py"), "--repeats", "1"], "ms"),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(BENCHMARKS))
def test_each_benchmark_runs_to_its_table(name, tmp_path):
    argv, last_figure = BENCHMARKS[name]
    if name == "bench":
        argv = [*argv, "--json", str(tmp_path / "bench.json")]
    run = subprocess.run([sys.executable, *argv], cwd=ROOT, capture_output=True, text=True, timeout=1800, check=False)
    print(run.stdout)  # the figures, for whoever reads the slow tier's output (-s)
    (tmp_path / f"{name}.txt").write_text(run.stdout + run.stderr)
    # 1: the benchmark ran and a figure missed its target (roster_bench, study_bench say so
    # with their exit status); anything else, or no table, is a benchmark that broke.
    assert run.returncode in (0, 1) and "Traceback" not in run.stderr, run.stderr[-2000:]
    assert last_figure in run.stdout, run.stdout[-2000:]
