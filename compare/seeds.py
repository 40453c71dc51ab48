"""Where the bundled sample reports live, in a source checkout or an installed package."""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def seeds_dir() -> Path:
    """The folder of bundled sample reports."""
    installed = _HERE / "seeds"  # the wheel places seeds/ inside the package
    if installed.is_dir():
        return installed
    return _HERE.parent / "seeds"


def seed_paths() -> list[Path]:
    """The bundled sample reports, sorted by file name."""
    return sorted(p for p in seeds_dir().iterdir() if p.is_file() and not p.name.startswith("."))
