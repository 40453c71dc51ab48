"""Tables of metrics (label, A, B, difference) and initiatives (shared / only A / only B).

Every column fits the table's width: long labels and names (several 《…》 titles) are cut
with "…" to the room left by the other columns, and cut again when the table is resized.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from rich.text import Text
from textual.widgets import DataTable

from reportdiff.compare.model import InitiativeDiff, Metric, MetricMatch

from reportdiff.compare.i18n import N_, _

from ..display import one_line, pad

STATUS = {"same": "=", "changed": N_("≠ changed"), "only_a": N_("only A"), "only_b": N_("only B")}
CELL_PADDING = 2  # DataTable's cell padding, one cell each side


def fit(text: Text, width: int) -> Text:
    """``text`` cut with "…" to ``width`` cells if longer (never padded)."""
    return pad(text, width, ellipsis=True) if text.cell_len > width else text


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
        self._shown: object = None
        self._shown_width = 0

    def _room(self) -> int:
        """Cells for all columns' content: the width less padding and a scrollbar."""
        width = self.size.width or (self.app.size.width - 2)
        return width - CELL_PADDING * len(self.COLUMNS) - 1

    def on_resize(self) -> None:
        if self._shown is not None and self._room() != self._shown_width:
            self.show(self._shown)  # type: ignore[attr-defined]

    def fill(self, rows: list[tuple[Text, ...]]) -> None:
        """Replace the rows: the first batch now, the others after each refresh."""
        if not self.columns:
            self.add_columns(*(_(c) if c else c for c in self.COLUMNS))
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

    COLUMNS = ("", N_("What"), "A", "B", N_("Difference"))

    def show(self, matches: Sequence[MetricMatch]) -> None:
        self._shown, self._shown_width = matches, self._room()
        if not matches:
            self.fill([(Text(""), Text(_("No metrics found here"), style="dim italic"), Text(""), Text(""), Text(""))])
            return
        # status, value and difference columns at their natural widths (capped), the label the rest
        value = 14
        status = max(Text(_(v)).cell_len for v in STATUS.values())
        diff = 18
        label = max(self._shown_width - status - 2 * value - diff, 8)
        self.fill([
            (
                Text(_(STATUS.get(m.status, m.status)), style="bold" if m.status != "same" else "dim"),
                fit(Text(one_line(m.label)), label),
                fit(_metric_cell(m.a), value),
                fit(_metric_cell(m.b), value),
                fit(_diff_cell(m), diff),
            )
            for m in matches
        ])


class InitiativesTable(_RowsTable):
    """Initiatives: shared ones first, then only in A, then only in B."""

    COLUMNS = ("", N_("In A"), N_("In B"), N_("Mentions A/B"))

    def show(self, d: InitiativeDiff) -> None:
        self._shown, self._shown_width = d, self._room()
        if not (d.shared or d.only_a or d.only_b):
            self.fill([(Text(""), Text(_("No named initiatives found here"), style="dim italic"), Text(""), Text(""))])
            return
        kinds = (_("shared (title)"), _("shared"), _("only A"), _("only B"))
        status = max(Text(k).cell_len for k in kinds)
        mentions = max(Text(_("Mentions A/B")).cell_len, 7)
        name = max((self._shown_width - status - mentions) // 2, 8)

        def cell(text: str) -> Text:
            return fit(Text(one_line(text)), name)

        rows = [
            (
                Text(kinds[0] if s.generic else kinds[1], style="bold"),
                cell(s.a.name),
                cell(s.b.name),
                Text(f"{s.a.count}/{s.b.count}"),
            )
            for s in d.shared
        ]
        rows += [(Text(kinds[2]), cell(i.name), Text("—", style="dim"), Text(f"{i.count}/0")) for i in d.only_a]
        rows += [(Text(kinds[3]), Text("—", style="dim"), cell(i.name), Text(f"0/{i.count}")) for i in d.only_b]
        self.fill(rows)
