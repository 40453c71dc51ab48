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


class MetricsTable(DataTable):
    """Metric matches, one row each; an empty table says so."""

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = True

    def show(self, matches: Sequence[MetricMatch]) -> None:
        if not self.columns:
            self.add_columns("", "What", "A", "B", "Difference")
        self.clear()
        if not matches:
            self.add_row(Text(""), Text("No metrics found here", style="dim italic"), Text(""), Text(""), Text(""))
            return
        for m in matches:
            self.add_row(
                Text(STATUS.get(m.status, m.status), style="bold" if m.status != "same" else "dim"),
                Text(one_line(m.label)),
                _metric_cell(m.a),
                _metric_cell(m.b),
                _diff_cell(m),
            )


class InitiativesTable(DataTable):
    """Initiatives: shared ones first, then only in A, then only in B."""

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = True

    def show(self, d: InitiativeDiff) -> None:
        if not self.columns:
            self.add_columns("", "In A", "In B", "Mentions A/B")
        self.clear()
        if not (d.shared or d.only_a or d.only_b):
            self.add_row(Text(""), Text("No named initiatives found here", style="dim italic"), Text(""), Text(""))
            return
        for s in d.shared:
            tag = "shared (title)" if s.generic else "shared"
            self.add_row(
                Text(tag, style="bold"), Text(one_line(s.a.name)), Text(one_line(s.b.name)), Text(f"{s.a.count}/{s.b.count}")
            )
        for i in d.only_a:
            self.add_row(Text("only A"), Text(one_line(i.name)), Text("—", style="dim"), Text(f"{i.count}/0"))
        for i in d.only_b:
            self.add_row(Text("only B"), Text("—", style="dim"), Text(one_line(i.name)), Text(f"0/{i.count}"))
