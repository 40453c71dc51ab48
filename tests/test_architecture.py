"""The core stays a UI-free library of small modules: nothing under compare/ imports the app or
Textual, prints, or grows past the size limits."""

import ast
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parent.parent / "compare"
UI_MODULES = {"textual", "tui", "rich"}


def imported_top_levels(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_core_never_imports_the_user_interface():
    offenders = {
        str(p.relative_to(CORE.parent)): sorted(imported_top_levels(p) & UI_MODULES)
        for p in CORE.rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_core_does_not_print():
    printing = [
        str(p.relative_to(CORE.parent))
        for p in CORE.rglob("*.py")
        if p.name != "cli.py"
        and any(
            isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "print"
            for n in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
        )
    ]
    assert printing == []


# Size limits: a module that outgrows these has more than one job and is split by job.
MAX_MODULE_LINES = 520
MAX_CLASS_LINES = 260


def _line_count(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def test_no_core_module_is_over_the_size_limit():
    too_long = {
        str(p.relative_to(CORE.parent)): _line_count(p)
        for p in CORE.rglob("*.py")
        if _line_count(p) > MAX_MODULE_LINES
    }
    assert too_long == {}


@pytest.mark.parametrize(
    "package",
    [
        "compare",
        "tui",
    ],
)
def test_no_class_is_over_the_size_limit(package: str):
    root = CORE.parent / package
    too_long = {
        f"{p.relative_to(root.parent)}:{node.name}": node.end_lineno - node.lineno + 1
        for p in root.rglob("*.py")
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
        if isinstance(node, ast.ClassDef) and node.end_lineno - node.lineno + 1 > MAX_CLASS_LINES
    }
    assert too_long == {}
