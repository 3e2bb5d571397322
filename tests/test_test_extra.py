"""`pip install '.[test]'` installs everything the tests import.

Every import in every file under tests/ (read with ast, so nothing is run) that is neither
the standard library nor this project must come from a distribution named in the `test`
extra or the runtime dependencies of pyproject.toml: a test that imports a package only
some other package happens to pull in breaks the day that package stops pulling it in.
Import names are mapped to distribution names by the installed packages' own metadata
(`recurring_ical_events` is recurring-ical-events, `argparse_manpage` is argparse-manpage,
`dateutil` is python-dateutil). pytest plugins the suite uses without importing them are
checked from the configuration and the fixtures used.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from collections.abc import Iterable
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
FIRST_PARTY = {"recert_tui", "tests"}

# pytest plugins used by configuration or fixture, never by an import: what uses each, and
# how to tell from the source or pyproject.toml that it is used.
PLUGINS = {
    "pytest-asyncio": ("asyncio_mode in [tool.pytest.ini_options]", lambda config, _: "asyncio_mode" in config),
    "pytest-xdist": ("--dist in addopts", lambda config, _: "--dist" in config.get("addopts", "")),
    "pytest-textual-snapshot": ("the snap_compare fixture", lambda _, source: "snap_compare" in source),
}


def distribution_key(name: str) -> str:
    """A distribution's name as pip compares them (PEP 503): `Recurring_ICAL.events` -> recurring-ical-events."""
    return re.sub(r"[-_.]+", "-", name).lower()


def declared(pyproject: dict) -> set[str]:
    """The distributions the runtime dependencies and the test extra name."""
    project = pyproject["project"]
    requirements = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    return {distribution_key(re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", text).group()) for text in requirements}


def imported_names(source: str, path: Path) -> Iterable[tuple[str, int]]:
    """(top-level module name, line) of every absolute import in `source`, at any depth."""
    for node in ast.walk(ast.parse(source, str(path))):
        if isinstance(node, ast.Import):
            yield from ((alias.name.partition(".")[0], node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.partition(".")[0], node.lineno


def third_party_imports(path: Path, source: str) -> Iterable[tuple[str, int]]:
    """Imports of `path` that are neither the standard library, this project, nor a sibling
    module (tests/perf's scripts import each other by name)."""
    siblings = {child.stem for child in path.parent.iterdir() if child.suffix == ".py" or child.is_dir()}
    for name, line in imported_names(source, path):
        if name not in sys.stdlib_module_names and name not in FIRST_PARTY and name not in siblings:
            yield name, line


def undeclared(files: Iterable[Path], allowed: set[str], providers: dict[str, list[str]]) -> list[str]:
    """One line per import that the allowed distributions do not provide."""
    problems = []
    for path in files:
        for name, line in third_party_imports(path, path.read_text(encoding="utf-8")):
            where = f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}:{line}"
            distributions = {distribution_key(d) for d in providers.get(name, [])}
            if not distributions:
                problems.append(f"{where}: imports {name}, which no installed distribution provides")
            elif not distributions & allowed:
                problems.append(f"{where}: imports {name} from {', '.join(sorted(distributions))}, not declared")
    return problems


def _test_files() -> list[Path]:
    return sorted(TESTS.rglob("*.py"))


def test_every_package_the_tests_import_is_declared():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    problems = undeclared(_test_files(), declared(pyproject), packages_distributions())
    assert not problems, "add to the test extra in pyproject.toml:\n" + "\n".join(problems)


def test_every_pytest_plugin_the_tests_use_is_declared():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    config = pyproject["tool"]["pytest"]["ini_options"]
    source = "\n".join(path.read_text(encoding="utf-8") for path in _test_files())
    allowed = declared(pyproject)
    missing = [
        f"{plugin} (for {why})"
        for plugin, (why, used) in PLUGINS.items()
        if used(config, source) and distribution_key(plugin) not in allowed
    ]
    assert not missing, "add to the test extra in pyproject.toml: " + ", ".join(missing)


def test_the_check_finds_an_undeclared_import_and_maps_names(tmp_path):
    """The check itself: an import the extra does not name is reported, with its file and line."""
    test = tmp_path / "test_x.py"
    test.write_text(
        "import os\nimport yaml\nfrom dateutil import parser\n\ndef f():\n"
        "    import recurring_ical_events\n    from . import sibling\n    import helper\n",
        encoding="utf-8",
    )
    (tmp_path / "helper.py").write_text("", encoding="utf-8")
    providers = {
        "yaml": ["PyYAML"],
        "dateutil": ["python-dateutil"],
        "recurring_ical_events": ["recurring_ical_events"],
    }
    allowed = {"python-dateutil", "recurring-ical-events"}
    assert undeclared([test], allowed, providers) == [f"{test}:2: imports yaml from pyyaml, not declared"]
    assert undeclared([test], allowed | {"pyyaml"}, providers) == []
    assert undeclared([test], allowed, {}) == [
        f"{test}:2: imports yaml, which no installed distribution provides",
        f"{test}:3: imports dateutil, which no installed distribution provides",
        f"{test}:6: imports recurring_ical_events, which no installed distribution provides",
    ]


def test_requirement_names_are_read_as_pip_compares_them():
    pyproject = {
        "project": {
            "dependencies": ["textual>=8.2.8,<8.3", "python-dateutil>=2.8"],
            "optional-dependencies": {"test": ["Recurring_Ical.Events>=3", "pypdf>=4  ; python_version >= '3.11'"]},
        }
    }
    assert declared(pyproject) == {"textual", "python-dateutil", "recurring-ical-events", "pypdf"}
