"""The series screen's four tables: figures, topics, programmes and chapters, one column a year.

Each table fills itself from a ``compare.series.Series`` (``show``) and says which sections its
row is about in two years (``section_ids``), so the screen can open that pair of years there.
Report text only ever enters as ``Text`` (never markup).
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from reportdiff.compare.i18n import N_, _, current
from reportdiff.compare.series import Series, row_values, sparkline
from reportdiff.compare.series_export import HEAT, change_text, heat, topic_name

from ..display import one_line, pad

# what happens to a chapter between two years, as shown under it
EVENTS = {"splits": N_("splits"), "merges": N_("merges"), "disappears": N_("disappears")}
HEAT_STYLES = ("", "on grey23", "on grey35", "on dark_cyan", "black on cyan")  # by HEAT level


class YearTable(DataTable):
    """A label column (or none), then one column per year of the series."""

    LABEL = ""  # the first column's heading; "" for no label column

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="cell", zebra_stripes=True)

    def start(self, series: Series, label_width: int, year_width: int) -> None:
        """Empty the table and make its columns."""
        self.clear(columns=True)
        if self.LABEL:
            self.add_column(_(self.LABEL), key="label", width=label_width)
        self.before_years(series)
        for i, y in enumerate(series.years()):
            self.add_column(y, key=f"y{i}", width=year_width)

    def before_years(self, series: Series) -> None:
        """Columns between the label and the years (none by default)."""

    def show(self, series: Series, label_width: int, wide: bool) -> None:
        raise NotImplementedError

    def section_ids(self, series: Series, row: int, i: int, j: int) -> list[tuple[int, str]]:
        """(report, section id) of what row ``row`` is about, in reports ``i`` and ``j``."""
        return []


class FiguresTable(YearTable):
    LABEL = N_("Figure")

    def before_years(self, series: Series) -> None:
        self.add_column(_("Trend"), key="trend", width=max(len(series.reports), 5))

    def show(self, series: Series, label_width: int, wide: bool) -> None:
        n, vw = len(series.reports), 12 if wide else 9
        self.start(series, label_width, vw)
        self.add_column(_("Change"), key="change", width=8)
        for k, row in enumerate(series.figures):
            cells = [Text("—", style="dim")] * n
            for v in row.values:
                cells[v.report] = pad(Text(one_line(v.metric.text)), vw, ellipsis=True)
            self.add_row(
                pad(Text(one_line(row.label)), label_width, ellipsis=True),
                Text(sparkline(row_values(row, n)), style="bold"),
                *cells,
                Text(change_text(row), justify="right"),
                key=f"f{k}",
            )

    def section_ids(self, series: Series, row: int, i: int, j: int) -> list[tuple[int, str]]:
        return [(v.report, v.metric.section) for v in series.figures[row].values if v.metric.section]


class TopicsTable(YearTable):
    LABEL = N_("Topic")

    def show(self, series: Series, label_width: int, wide: bool) -> None:
        self.start(series, label_width, 9)
        top = max((x.share for t in series.topics for x in t.shares), default=0.0)
        for k, row in enumerate(series.topics):
            cells = [
                Text(f"{x.sections} {x.share * 100:3.0f}%", style=HEAT_STYLES[HEAT.index(heat(x.share, top))])
                if x.sections else Text("")
                for x in row.shares
            ]
            self.add_row(pad(Text(topic_name(row.topic, current())), label_width, ellipsis=True), *cells, key=f"t{k}")

    def section_ids(self, series: Series, row: int, i: int, j: int) -> list[tuple[int, str]]:
        """The sections the aligner gave the row's topic in either year (consecutive years only)."""
        code = series.topics[row].topic
        al = series.steps[i].alignment if j == i + 1 else None
        if al is None:
            return []
        return [
            *((i, sid) for sid, codes in al.topics_a.items() if code in codes),
            *((j, sid) for sid, codes in al.topics_b.items() if code in codes),
        ]


class ProgrammesTable(YearTable):
    LABEL = N_("Programme")

    def show(self, series: Series, label_width: int, wide: bool) -> None:
        n = len(series.reports)
        self.start(series, label_width, 9)
        marks = {
            "present": ("●", ""),
            "new": (_("new"), "bold green"),
            "continued": ("●", ""),
            "dropped": (_("dropped"), "red"),
            "absent": ("", ""),
        }
        for k, p in enumerate(series.initiatives):
            if len(p.names) < 2 and p.status(n - 1) != "new":
                continue  # named once, before the last year: listed in the export only
            cells = [Text(marks[p.status(i)][0], style=marks[p.status(i)][1]) for i in range(n)]
            self.add_row(pad(Text(one_line(p.key)), label_width, ellipsis=True), *cells, key=f"p{k}")

    def section_ids(self, series: Series, row: int, i: int, j: int) -> list[tuple[int, str]]:
        return [(x.report, sid) for x in series.initiatives[row].names for sid in x.sections]


class SectionsTable(YearTable):
    def show(self, series: Series, label_width: int, wide: bool) -> None:
        n = len(series.reports)
        width = max(12, min(28, (self.screen.size.width - 4) // max(n, 1) - 2))
        self.start(series, label_width, width)
        for k, c in enumerate(series.sections):
            cells = []
            for i in range(n):
                here = c.at(i)
                if not here:
                    cells.append(Text("—", style="dim"))
                    continue
                # one line per chapter: a split shows its parts one under the other
                t = Text("\n").join(pad(Text(one_line(x.title)), width, ellipsis=True) for x in here)
                event = c.event(i, n)
                if event in EVENTS:
                    t.append(f"\n({_(EVENTS[event])})", style="italic yellow")
                cells.append(t)
            height = max(len(str(x).split("\n")) for x in cells)
            self.add_row(*cells, key=f"c{k}", height=height)

    def section_ids(self, series: Series, row: int, i: int, j: int) -> list[tuple[int, str]]:
        return [(x.report, x.id) for x in series.sections[row].links]
