"""The picker's two lines of text: which folder and how many reports, and the choice of A and B."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text

from reportdiff.compare.i18n import _, ngettext
from reportdiff.compare.model import Report

from .. import core
from ..display import display_path, one_line, pad


def folder_name(folder: Path) -> str:
    """The folder as the user would type it; the bundled samples by that name."""
    try:
        if folder.resolve() == core.seeds_dir().resolve():
            return _("the bundled sample reports")
    except OSError:
        pass
    return display_path(folder)


def folder_line(folder: Path, n: int, total: int | None, loading: bool, exports: int) -> Text:
    """"Reports in FOLDER (3 reports)", or its progress while loading."""
    if loading and total:
        status = _("loading {n}/{total}…").format(n=n, total=total)
    else:
        status = ngettext("{n} report", "{n} reports", n).format(n=n)
    if exports:
        status += _("; {n} exports of reportdiff not listed").format(n=exports)
    t = Text(_("Reports in "), style="bold")
    t.append(folder_name(folder))
    t.append(f"  ({status})", style="dim")
    return t


def choice_line(a: Report | None, b: Report | None) -> Text:
    """The reports chosen as A and B (or that they are not)."""
    t = Text(no_wrap=True, end="")
    for side, r in (("A", a), ("B", b)):
        t.append(f" {side}: ", style="bold reverse")
        t.append(" ")
        t.append_text(pad(Text(one_line(core.report_label(r)) if r else _("(not chosen)"), style="" if r else "dim"), 30))
        t.append("  ")
    return t
