"""The picker's table of reports: title, file, organisation, year, size, and a tag column.

It keeps the rows it shows, so when its width changes it rebuilds the columns to fit (the
title takes what the others leave) and puts the rows back.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from reportdiff.compare.i18n import _

from .. import core
from ..display import one_line, pad


def human_size(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n / 1024 / 1024:.1f} MB"


class ReportsTable(DataTable):
    """One row per file of the folder, keyed by its path; a tag says A, B and marked."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._rows: dict[str, tuple[core.ReportEntry, str]] = {}  # key -> (entry, tag)
        self._table_width: int | None = None
        self._widths = (12, 16, 10)  # title, file, organisation

    def reset(self) -> None:
        """No rows, columns fitted to the width now."""
        self._rows.clear()
        self._columns()

    def _columns(self) -> None:
        width = self.size.width or self.screen.size.width or 80
        wide = width >= 100
        org = 20 if wide else 10
        name = 28 if wide else 16
        # 6 columns with 1 cell of padding each side, and a scrollbar
        title = max(width - (3 + name + org + 4 + 7) - 12 - 1, 12)
        self._widths = (title, name, org)
        self.clear(columns=True)
        self.add_column("", key="tag", width=3)
        self.add_column(_("Title"), key="title", width=title)
        self.add_column(_("File"), key="file", width=name)
        self.add_column(_("Organisation"), key="org", width=org)
        self.add_column(_("Year"), key="year", width=4)
        self.add_column(_("Size"), key="size", width=7)
        self._table_width = width

    def on_resize(self) -> None:
        if self._table_width == self.size.width or not self.size.width:
            return
        cursor = self.cursor_row
        self._columns()
        for key, (entry, tag) in self._rows.items():
            self.add_row(*self._cells(entry, tag), key=key)
        if self.row_count:
            self.move_cursor(row=min(cursor, self.row_count - 1))

    def put(self, entry: core.ReportEntry, tag: str = "") -> None:
        """Add the entry's row, or replace it when its file is listed already."""
        key = str(entry.path)
        if key in self._rows:
            self.remove_row(key)
        self._rows[key] = (entry, tag)
        self.add_row(*self._cells(entry, tag), key=key)

    def retag(self, tags: dict[str, str]) -> None:
        """New tags for the readable reports (key -> tag)."""
        for key, (entry, _old) in list(self._rows.items()):
            if entry.report is not None:
                tag = tags.get(key, "")
                self._rows[key] = (entry, tag)
                self.update_cell(key, "tag", Text(tag, style="bold"))

    def highlighted_key(self) -> str | None:
        """The key of the row under the cursor (None: no rows)."""
        if self.row_count == 0:
            return None
        try:
            return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        except Exception:  # noqa: BLE001 - no valid cursor
            return None

    def _cells(self, entry: core.ReportEntry, tag: str) -> list[Text]:
        title_w, name_w, org_w = self._widths
        r = entry.report
        file = pad(Text(one_line(entry.path.name)), name_w, ellipsis=True)
        size = Text(human_size(entry.size), justify="right")
        if r is None:
            return [Text("✗", style="bold"), Text(_("(unreadable)"), style="italic"), file, Text(""), Text(""), size]
        m = r.meta
        return [
            Text(tag, style="bold"),
            pad(Text(one_line(m.title or entry.path.stem)), title_w, ellipsis=True),
            file,
            pad(Text(one_line(m.organization, "—")), org_w, ellipsis=True),
            Text(str(m.year) if m.year else "—"),
            size,
        ]
