"""Tables of metrics (label, A, B, difference) and initiatives (shared / only A / only B)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from rich.text import Text
from textual.widgets import DataTable

from compare.model import InitiativeDiff, Metric, MetricMatch

from ..display import one_line

STATUS = {"same": "=", "changed": "≠ changed", "only_a": "only A", "only_b": "only B"}


def number(v: float | None) -> str:
    if v is None or not math.isfinite(v):
        return "—"
    if v == int(v) and abs(v) < 1e15:
        return f"{int(v):+d}" if v else "0"
    return f"{v:+.2f}".rstrip("0").rstrip(".")


def _metric_cell(m: Metric | None) -> Text:
    if m is None:
        return Text("—", style="dim")
    return Text(one_line(m.text or f"{m.value:g}{m.unit}"))


def _diff_cell(m: MetricMatch) -> Text:
    if m.difference is None:
        return Text("")
    unit = one_line((m.b or m.a).unit if (m.b or m.a) else "")
    t = Text(f"{number(m.difference)}{unit}", style="bold" if m.status == "changed" else "")
    if m.ratio is not None and math.isfinite(m.ratio) and m.status == "changed":
        t.append(f" (×{m.ratio:.2f})", style="dim")
    return t


class _RowsTable(DataTable):
    """A read-only table filled in batches: the table measures every new cell, so thousands
    of rows added at once would hold the screen still for a second or more."""

    BATCH = 150  # rows per screen refresh
    COLUMNS: tuple[str, ...] = ()

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = True
        self._fill_generation = 0

    def fill(self, rows: list[tuple[Text, ...]]) -> None:
        """Replace the rows: the first batch now, the others after each refresh."""
        if not self.columns:
            self.add_columns(*self.COLUMNS)
        self.clear()
        self._fill_generation += 1
        self._add_batch(rows, 0, self._fill_generation)

    def _add_batch(self, rows: list[tuple[Text, ...]], start: int, generation: int) -> None:
        if generation != self._fill_generation:  # a newer fill replaced these rows
            return
        for row in rows[start : start + self.BATCH]:
            self.add_row(*row)
        if start + self.BATCH < len(rows):
            self.call_after_refresh(self._add_batch, rows, start + self.BATCH, generation)


class MetricsTable(_RowsTable):
    """Metric matches, one row each; an empty table says so."""

    COLUMNS = ("", "What", "A", "B", "Difference")

    def show(self, matches: Sequence[MetricMatch]) -> None:
        if not matches:
            self.fill([(Text(""), Text("No metrics found here", style="dim italic"), Text(""), Text(""), Text(""))])
            return
        self.fill([
            (
                Text(STATUS.get(m.status, m.status), style="bold" if m.status != "same" else "dim"),
                Text(one_line(m.label)),
                _metric_cell(m.a),
                _metric_cell(m.b),
                _diff_cell(m),
            )
            for m in matches
        ])


class InitiativesTable(_RowsTable):
    """Initiatives: shared ones first, then only in A, then only in B."""

    COLUMNS = ("", "In A", "In B", "Mentions A/B")

    def show(self, d: InitiativeDiff) -> None:
        if not (d.shared or d.only_a or d.only_b):
            self.fill([(Text(""), Text("No named initiatives found here", style="dim italic"), Text(""), Text(""))])
            return
        rows = [
            (
                Text("shared (title)" if s.generic else "shared", style="bold"),
                Text(one_line(s.a.name)),
                Text(one_line(s.b.name)),
                Text(f"{s.a.count}/{s.b.count}"),
            )
            for s in d.shared
        ]
        rows += [(Text("only A"), Text(one_line(i.name)), Text("—", style="dim"), Text(f"{i.count}/0")) for i in d.only_a]
        rows += [(Text("only B"), Text("—", style="dim"), Text(one_line(i.name)), Text(f"0/{i.count}")) for i in d.only_b]
        self.fill(rows)
