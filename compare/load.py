"""Reading a report file into a Report (placeholder: UTF-8 text only, identity normalisation)."""

from __future__ import annotations

from array import array
from pathlib import Path

from .model import Line, NormText, Report, ReportError


def load_text(text: str, path: str | None = None, fmt: str = "txt") -> Report:
    """Build a Report from already-decoded text."""
    norm = NormText(text, array("l", range(len(text) + 1)))
    lines = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            s = pos + raw.index(stripped[0])
            e = s + len(stripped)
            lines.append(Line(s, e, s, e, stripped, stripped))
        pos += len(raw) + 1
    return Report(path=path, text=text, norm=norm, lines=tuple(lines), format=fmt)


def load_report(path: str | Path) -> Report:
    """Read and decode a report file."""
    p = Path(path)
    if not p.exists():
        raise ReportError(f"{p}: no such file")
    return load_text(p.read_text(encoding="utf-8"), str(p))
