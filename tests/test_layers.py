"""The layers hold as written in pyproject.toml's [tool.importlinter], and no modules import each other in a circle."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

grimp = pytest.importorskip("grimp", reason="import-linter (the dev extra) brings grimp")

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["cli", "tui", "exports", "session", "store", "catalog", "domain", "ground"]
GROUND = {"textsafe", "dirs", "terminal", "toml_cache", "data"}


def test_the_import_contracts_hold():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    if not lint_imports.exists():
        pytest.skip("lint-imports is not installed (the dev extra)")
    result = subprocess.run([str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def _circles() -> list[list[str]]:
    """Every group of recert_tui modules that import each other in a circle (Tarjan's algorithm).

    Imports under TYPE_CHECKING count too: a circle that only type checking closes is still one.
    """
    graph = grimp.build_graph("recert_tui", cache_dir=None)
    modules = sorted(graph.modules)
    edges = {m: sorted(graph.find_modules_directly_imported_by(m)) for m in modules}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in edges[module]:
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10 * len(modules)))
    for module in modules:
        if module not in index:
            visit(module)
    return found


def _package(module: str) -> str:
    part = module.split(".")[1] if "." in module else ""
    return "ground" if part in GROUND or not part else part


def _circles_in(package: str) -> list[list[str]]:
    return [group for group in _circles() if {_package(m) for m in group} == {package}]


@pytest.mark.parametrize("package", PACKAGES)
def test_no_import_circle_within(package):
    assert _circles_in(package) == []


def test_no_import_circle_across_packages():
    assert [group for group in _circles() if len({_package(m) for m in group}) > 1] == []


def test_the_circle_finder_finds_a_circle(tmp_path, monkeypatch):
    # The finder itself can fail: two modules that import each other are found.
    package = tmp_path / "circled"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from . import b\n")
    (package / "b.py").write_text("from . import a\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    real = grimp.build_graph
    monkeypatch.setattr(grimp, "build_graph", lambda _name, **kwargs: real("circled", **kwargs))
    assert _circles() == [["circled.a", "circled.b"]]
