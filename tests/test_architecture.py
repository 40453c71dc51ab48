"""The core stays a UI-free library of small modules: nothing under compare/ imports the app or
Textual, prints, or grows past the size limits."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "compare"
UI_MODULES = {"textual", "rich", "reportdiff.tui"}


def imported_modules(path: Path) -> set[str]:
    """Absolute names of the modules a file imports (relative imports resolved against the
    installed package, ``reportdiff.<folder>``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ["reportdiff", *path.relative_to(ROOT).parent.parts]
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            names.add(".".join([*base, *([node.module] if node.module else [])]))
    return names


def _under(name: str, roots: set[str]) -> bool:
    return any(name == r or name.startswith(r + ".") for r in roots)


def test_core_never_imports_the_user_interface():
    offenders = {
        str(p.relative_to(ROOT)): sorted(n for n in imported_modules(p) if _under(n, UI_MODULES))
        for p in CORE.rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_code_is_imported_only_as_the_reportdiff_package():
    """The folders compare/ and tui/ install as reportdiff.compare and reportdiff.tui; an import
    of a top-level ``compare`` or ``tui`` would load a second copy of every module."""
    files = [p for d in ("compare", "tui", "tests", "benchmarks", "scripts") for p in (ROOT / d).rglob("*.py")]
    offenders = {
        str(p.relative_to(ROOT)): sorted(n for n in imported_modules(p) if _under(n, {"compare", "tui"}))
        for p in files
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
