"""A series as ``reportdiff-series/1`` JSON (docs/series.md) and as Markdown.

The JSON keys are only ever added within ``reportdiff-series/1``, never renamed or removed;
docs/reportdiff-series-1.schema.json is the schema the tests validate every export against.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from .export_json import _UNSAFE, _num
from .export_markdown import md_cell, md_inline
from .series import row_values, sparkline
from .series_model import FigureRow, ProgrammeRow, SectionChain, Series
from .topics import TOPIC_NAMES

SCHEMA = "reportdiff-series/1"
HEAT = " ░▒▓█"


# --------------------------------------------------------------------------- JSON


def _report(s: Series, i: int) -> dict[str, Any]:
    r = s.reports[i]
    m = r.meta
    return {
        "path": r.path,
        "title": m.title,
        "organization": m.organization,
        "year": m.year,
        "published": m.published,
        "period": m.period,
        "format": r.format,
    }


def _figure(row: FigureRow) -> dict[str, Any]:
    values = []
    for k, v in enumerate(row.values):
        prev = row.values[k - 1].metric.value if k else None
        values.append(
            {
                "report": v.report,
                "value": _num(v.metric.value),
                "text": v.metric.text,
                "label": v.metric.label,
                "start": v.metric.start,
                "end": v.metric.end,
                "section": v.metric.section,
                # against the previous value stated (the year before, or the last before a gap)
                "difference": None if prev is None else _num(v.metric.value - prev),
                "ratio": None if not prev else _num(v.metric.value / prev),
            }
        )
    return {"label": row.label, "unit": row.unit, "labels": list(row.labels), "values": values}


def _programme(s: Series, p: ProgrammeRow) -> dict[str, Any]:
    return {
        "key": p.key,
        "names": [{"report": n.report, "name": n.name, "sections": list(n.sections)} for n in p.names],
        "status": [p.status(i) for i in range(len(s.reports))],
    }


def _chain(s: Series, c: SectionChain) -> dict[str, Any]:
    n = len(s.reports)
    return {
        "chain": [{"report": x.report, "id": x.id, "heading": x.heading} for x in c.links],
        "events": [c.event(i, n) for i in range(n - 1)],
    }


def to_series_json(s: Series) -> dict[str, Any]:
    """A plain dict (json.dumps-ready) of the whole series."""
    return {
        "schema": SCHEMA,
        "reports": [_report(s, i) for i in range(len(s.reports))],
        "figures": [_figure(r) for r in s.figures],
        "topics": [
            {
                "topic": t.topic,
                "shares": [
                    {"report": x.report, "sections": x.sections, "share": round(x.share, 4)} for x in t.shares
                ],
            }
            for t in s.topics
        ],
        "initiatives": [_programme(s, p) for p in s.initiatives],
        "sections": [_chain(s, c) for c in s.sections],
    }


def dumps_series_json(s: Series) -> str:
    text = json.dumps(to_series_json(s), ensure_ascii=False, indent=2, allow_nan=False)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text) + "\n"


# --------------------------------------------------------------------------- Markdown

LABELS = {
    "zh": {
        "title": "报告系列对比", "reports": "报告", "year": "年度", "name": "标题", "org": "机关",
        "published": "发布日期", "file": "文件", "figures": "数据变化", "figure": "指标", "unit": "单位",
        "trend": "趋势", "change": "变化", "topics": "主题比重", "topic": "主题",
        "programmes": "举措变化", "programme": "举措", "sections": "章节变化", "chapter": "章节",
        "events": "变化", "gap": "—", "new": "新增", "continued": "延续", "dropped": "不再提及", "present": "",
        "splits": "拆分", "merges": "合并", "disappears": "消失", "persists": "延续",
        "chart": "指标走势图", "once": "仅出现一次的举措", "none": "（无）",
        "share_note": "每格：该主题章节数 · 占全文比重（░▒▓█ 越深比重越大）。",
        "fig_note": "各年数值按原文书写；“—”表示该年报告未提及（不是零）。",
    },
    "en": {
        "title": "Report series", "reports": "Reports", "year": "Year", "name": "Title", "org": "Organisation",
        "published": "Published", "file": "File", "figures": "Figures over time", "figure": "Figure",
        "unit": "Unit", "trend": "Trend", "change": "Change", "topics": "Topics over time", "topic": "Topic",
        "programmes": "Programmes over time", "programme": "Programme", "sections": "Sections over time",
        "chapter": "Chapter", "events": "Changes", "gap": "—", "new": "new", "continued": "continued", "present": "",
        "dropped": "dropped", "splits": "splits", "merges": "merges", "disappears": "disappears",
        "persists": "persists", "chart": "Figures chart", "once": "Programmes named in one report only",
        "none": "(none)",
        "share_note": "Each cell: sections with the topic · share of the report's text (░▒▓█ darker is more).",
        "fig_note": "Values as written each year; \"—\" means that year's report does not state it (not zero).",
    },
}


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out.extend("| " + " | ".join(r) + " |" for r in rows)
    return out


def label_text(row: FigureRow, lang: str) -> str:
    """The row's label, with the other wordings of other years after it."""
    others = list(dict.fromkeys(x for x in row.labels if x and x != row.label))
    if not others:
        return row.label
    return f"{row.label}（{'、'.join(others)}）" if lang == "zh" else f"{row.label} (also: {', '.join(others)})"


def change_text(row: FigureRow, lang: str = "en") -> str:
    """First to last value: relative change in percent, percentage points for a rate, "=" when
    unchanged."""
    first, last = row.values[0].metric.value, row.values[-1].metric.value
    if first == last:
        return "="
    if row.unit in ("%", "‰", "个百分点", "百分点"):
        return f"{last - first:+.1f}" + ("个百分点" if lang == "zh" else "pp")
    if first:
        return f"{(last - first) / abs(first) * 100:+.0f}%"
    return "+" if last > first else "-"


def heat(share: float, top: float) -> str:
    if share <= 0 or top <= 0:
        return HEAT[0]
    return HEAT[max(1, min(len(HEAT) - 1, round(share / top * (len(HEAT) - 1))))]


def topic_name(code: str, lang: str) -> str:
    name = TOPIC_NAMES.get(code, code)
    if lang == "zh" and "(" in name:
        return name[name.rindex("(") + 1 : -1]
    return name.split(" (")[0]


def to_series_markdown(s: Series, lang: str = "zh", chart: str | None = None) -> str:
    """The series as a Markdown document; ``chart`` is the file name of the figures chart, if any."""
    L = LABELS[lang]
    n = len(s.reports)
    years = s.years()
    out = [f"# {L['title']}", ""]
    out += [f"## {L['reports']}", ""]
    out += _table(
        ["#", L["year"], L["name"], L["org"], L["published"], L["file"]],
        [
            [
                str(i + 1), years[i], md_cell(r.meta.title or ""), md_cell(r.meta.organization or ""),
                r.meta.published or "", md_cell(r.path or ""),
            ]
            for i, r in enumerate(s.reports)
        ],
    )
    out += ["", f"## {L['figures']}", "", L["fig_note"], ""]
    if chart:
        out += [f"![{L['chart']}]({md_inline(chart)})", ""]
    rows = []
    for k, row in enumerate(s.figures, 1):
        cells = [L["gap"]] * n
        for v in row.values:
            cells[v.report] = md_cell(v.metric.text)
        rows.append(
            [f"F{k}", md_cell(label_text(row, lang)), md_cell(row.unit), *cells, sparkline(row_values(row, n)),
             change_text(row, lang)]
        )
    out += _table(["#", L["figure"], L["unit"], *years, L["trend"], L["change"]], rows) if rows else [L["none"]]
    out += ["", f"## {L['topics']}", "", L["share_note"], ""]
    top = max((x.share for t in s.topics for x in t.shares), default=0.0)
    out += _table(
        [L["topic"], *years],
        [
            [topic_name(t.topic, lang)]
            + [f"{heat(x.share, top)} {x.sections} · {x.share * 100:.0f}%" if x.sections else "" for x in t.shares]
            for t in s.topics
        ],
    ) if s.topics else [L["none"]]
    out += ["", f"## {L['programmes']}", ""]
    recurring = [p for p in s.initiatives if len(p.names) >= 2]
    rows = []
    for p in recurring:
        cells = []
        for i in range(n):
            st = p.status(i)
            name = next((x.name for x in p.names if x.report == i), None)
            if name is not None:
                cells.append(f"{L[st]}: {md_cell(name)}" if L[st] else md_cell(name))
            else:
                cells.append(L["dropped"] if st == "dropped" else "")
        rows.append([md_cell(p.key), *cells])
    out += _table([L["programme"], *years], rows) if rows else [L["none"]]
    once = [p for p in s.initiatives if len(p.names) == 1]
    if once:
        out += ["", f"{L['once']}: {len(once)}", ""]
        for i in range(n):
            names = [md_inline(p.names[0].name) for p in once if p.names[0].report == i]
            if names:
                out.append(f"- {years[i]}: " + "、".join(names[:40]) + (" …" if len(names) > 40 else ""))
    out += ["", f"## {L['sections']}", ""]
    rows = []
    for c in s.sections:
        cells = []
        for i in range(n):
            here = c.at(i)
            cells.append(" / ".join(md_cell(x.title) for x in here) if here else L["gap"])
        events = [f"{years[i]}→{years[i + 1]} {L[e]}" for i in range(n - 1) if (e := c.event(i, n)) not in (None, "persists")]
        rows.append([*cells, md_cell("; ".join(events))])
    out += _table([*years, L["events"]], rows) if rows else [L["none"]]
    return "\n".join(out) + "\n"
