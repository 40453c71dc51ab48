"""The core stays a UI-free library: nothing under compare/ imports the app or Textual."""

import ast
from pathlib import Path

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
