"""A series as a Word document (python-docx) and its figures chart (matplotlib, Agg backend).

The chart is a PNG of small multiples, one panel per recurring figure (the ones stated in the
most years first), numbered F1, F2 … as in the figures table; a year without the figure is a
break in the line, never a zero. Panels carry only numbers and years, so the chart needs no
CJK font.
"""

from __future__ import annotations

import io
from pathlib import Path

from .series import row_values, sparkline
from .series_export import LABELS, change_text, heat, label_text, topic_name
from .series_model import Series

CHART_PANELS = 12


def chart_rows(s: Series, limit: int = CHART_PANELS) -> list[int]:
    """Indexes (into s.figures) of the figures the chart shows: stated in three years or more."""
    return [k for k, row in enumerate(s.figures) if len(row.values) >= min(3, len(s.reports))][:limit]


def figures_chart_png(s: Series, limit: int = CHART_PANELS) -> bytes | None:
    """The figures chart as PNG bytes, or None when no figure recurs enough to draw."""
    picked = chart_rows(s, limit)
    if not picked:
        return None
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    n = len(s.reports)
    years = s.years()
    cols = min(3, len(picked))
    rows = (len(picked) + cols - 1) // cols
    fig = Figure(figsize=(3.2 * cols, 2.1 * rows), dpi=110)
    for p, k in enumerate(picked):
        ax = fig.add_subplot(rows, cols, p + 1)
        vals = row_values(s.figures[k], n)
        xs = [r.meta.year for r in s.reports] if all(r.meta.year for r in s.reports) else list(range(n))
        ys = [v if v is not None else float("nan") for v in vals]
        ax.plot(xs, ys, marker="o", linewidth=1.5, color="#1f77b4")
        ax.set_title(f"F{k + 1}", fontsize=9)
        ax.set_xticks(xs)
        ax.set_xticklabels(years, fontsize=7, rotation=45 if n > 6 else 0)
        ax.tick_params(axis="y", labelsize=7)
        ax.grid(True, alpha=0.3)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def chart_path_for(output: str | Path) -> Path:
    """Where the chart of an export written to ``output`` goes: beside it, ``<stem>.figures.png``."""
    p = Path(output)
    return p.with_name(p.stem + ".figures.png")


def to_series_docx(s: Series, lang: str = "zh", chart_png: bytes | None = None) -> bytes:
    """The series as .docx bytes: reports, figures (with the chart), topics, programmes, chapters."""
    from docx import Document
    from docx.shared import Inches

    L = LABELS[lang]
    n = len(s.reports)
    years = s.years()
    doc = Document()
    doc.add_heading(L["title"], level=0)

    def table(header: list[str], rows: list[list[str]]) -> None:
        t = doc.add_table(rows=1, cols=len(header))
        t.style = "Table Grid"
        for c, h in zip(t.rows[0].cells, header):
            c.text = h
        for r in rows:
            cells = t.add_row().cells
            for c, v in zip(cells, r):
                c.text = _safe(v)

    doc.add_heading(L["reports"], level=1)
    table(
        ["#", L["year"], L["name"], L["org"], L["published"], L["file"]],
        [
            [str(i + 1), years[i], r.meta.title or "", r.meta.organization or "", r.meta.published or "",
             Path(r.path).name if r.path else ""]
            for i, r in enumerate(s.reports)
        ],
    )
    doc.add_heading(L["figures"], level=1)
    doc.add_paragraph(L["fig_note"])
    if chart_png:
        doc.add_picture(io.BytesIO(chart_png), width=Inches(6.2))
    rows = []
    for k, row in enumerate(s.figures, 1):
        cells = [L["gap"]] * n
        for v in row.values:
            cells[v.report] = v.metric.text
        rows.append([f"F{k}", label_text(row, lang), *cells, sparkline(row_values(row, n)), change_text(row, lang)])
    if rows:
        table(["#", L["figure"], *years, L["trend"], L["change"]], rows)
    doc.add_heading(L["topics"], level=1)
    doc.add_paragraph(L["share_note"])
    top = max((x.share for t in s.topics for x in t.shares), default=0.0)
    if s.topics:
        table(
            [L["topic"], *years],
            [
                [topic_name(t.topic, lang)]
                + [f"{heat(x.share, top)} {x.sections} · {x.share * 100:.0f}%" if x.sections else "" for x in t.shares]
                for t in s.topics
            ],
        )
    doc.add_heading(L["programmes"], level=1)
    rows = []
    for p in (p for p in s.initiatives if len(p.names) >= 2):
        cells = []
        for i in range(n):
            name = next((x.name for x in p.names if x.report == i), None)
            st = p.status(i)
            if name is not None:
                cells.append(f"{L[st]}: {name}" if L[st] else name)
            else:
                cells.append(L["dropped"] if st == "dropped" else "")
        rows.append([p.key, *cells])
    if rows:
        table([L["programme"], *years], rows)
    doc.add_heading(L["sections"], level=1)
    rows = []
    for c in s.sections:
        cells = [" / ".join(x.title for x in c.at(i)) or L["gap"] for i in range(n)]
        events = [f"{years[i]}→{years[i + 1]} {L[e]}" for i in range(n - 1) if (e := c.event(i, n)) not in (None, "persists")]
        rows.append([*cells, "; ".join(events)])
    if rows:
        table([*years, L["events"]], rows)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _safe(text: str) -> str:
    """Text Word accepts: XML 1.0 has no control characters (python-docx would raise)."""
    return "".join(ch if ch in "\t\n" or ord(ch) >= 0x20 and ch not in "\ufffe\uffff" else "\ufffd" for ch in text)
