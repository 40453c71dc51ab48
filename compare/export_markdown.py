"""The comparison as a Markdown document a user can paste into a write-up.

The document renders on Git hosts, in pandoc and in editors: CommonMark plus GFM tables, and
``<del>``/``<ins>`` for word-level differences (``plain=True`` uses CriticMarkup
``{--…--}``/``{++…++}``/``{==…==}`` instead, no HTML at all). Its own labels are Chinese by default or English;
quoted report text stays in the report's script unless ``script="simplified"``.

Report text is untrusted. It reaches the output only through the escaping functions below, one
per context (``md_inline`` for running text, ``md_block_line`` for a line that starts a block,
``md_cell`` for a table cell, ``md_heading`` for a heading): every character Markdown could
read as syntax is backslash-escaped, and control characters never pass (``clean_text``).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .model import (
    Comparison,
    DiffOp,
    Initiative,
    Mark,
    Metric,
    MetricMatch,
    Report,
    SectionDiff,
    SectionPair,
)
from .normalize import to_simplified
from .pipeline import section_diff

Lang = Literal["zh", "en"]
Script = Literal["original", "simplified"]


@dataclass(frozen=True)
class MarkdownOptions:
    """What the document contains and how it labels things."""

    lang: Lang = "zh"  # the document's own labels
    script: Script = "original"  # quoted report text as written, or converted to simplified
    text: bool = True  # False: summary, initiatives and metrics only (no per-section parts)
    only_changes: bool = False  # leave out sections with identical text and unchanged metrics
    plain: bool = False  # no HTML: CriticMarkup {--deleted--}{++inserted++}, {==shared==}


# --------------------------------------------------------------------------- labels

# code -> (Chinese, English); codes as used by the aligner (see compare/topics.py)
TOPIC_LABELS: dict[str, tuple[str, str]] = {
    "LEAD": ("组织领导", "Leadership and responsibility"),
    "FUNC": ("政府职能", "Government functions"),
    "RULES": ("立法与规范性文件", "Legislation and normative documents"),
    "DECIS": ("行政决策", "Administrative decisions"),
    "ENFORCE": ("行政执法", "Administrative enforcement"),
    "EMERG": ("突发事件应对", "Emergency response"),
    "DISPUTE": ("矛盾纠纷化解", "Dispute resolution"),
    "OVERSIGHT": ("权力制约监督", "Oversight of power"),
    "OPEN": ("政务公开", "Open government"),
    "EDU": ("普法", "Legal education"),
    "LEGALSVC": ("公共法律服务", "Public legal services"),
    "PROBLEMS": ("问题与不足", "Problems and shortcomings"),
    "NEXT": ("下一步工作", "Next steps"),
}

# similarity components the aligner may report; unknown names are shown as they are
PART_LABELS: dict[str, tuple[str, str]] = {
    "topics": ("主题", "topics"),
    "topic": ("主题", "topics"),
    "headings": ("标题", "headings"),
    "heading": ("标题", "headings"),
    "text": ("正文", "text"),
    "terms": ("用语", "terms"),
    "coverage": ("覆盖", "coverage"),
    "structure": ("结构", "structure"),
    "initiatives": ("举措", "initiatives"),
    "metrics": ("数据", "metrics"),
    "content": ("内容", "content"),
    "topic_overlap": ("主题重合", "topic overlap"),
    "coverage_a": ("A 覆盖", "coverage of A"),
    "coverage_b": ("B 覆盖", "coverage of B"),
}

_L: dict[str, tuple[str, str]] = {
    "title": ("报告对比：{a} 与 {b}", "Report comparison: {a} and {b}"),
    "report_name": ("{org}{year}", "{org}{year}"),
    "year_suffix": (" {y}年", " ({y})"),
    "field": ("项目", "Field"),
    "meta_title": ("标题", "Title"),
    "meta_org": ("发布机构", "Organisation"),
    "meta_year": ("报告年度", "Report year"),
    "meta_published": ("发布日期", "Published"),
    "meta_file": ("源文件", "Source file"),
    "meta_script": ("文字", "Script"),
    "meta_length": ("长度", "Length"),
    "meta_sections": ("章节数", "Sections"),
    "chars": ("{n} 字", "{n} characters"),
    "simplified": ("简体", "simplified"),
    "traditional": ("繁体", "traditional"),
    "summary": ("概要", "Summary"),
    "similarity": ("总体相似度：{v}", "Overall similarity: {v}"),
    "sections_line": (
        "章节：对齐 {n} 对，仅见于 A {a} 节，仅见于 B {b} 节",
        "Sections: {n} aligned pairs, {a} only in A, {b} only in B",
    ),
    "initiatives_line": (
        "共同举措与文件：{n} 项（仅见于 A {a} 项，仅见于 B {b} 项）",
        "Shared initiatives and documents: {n} ({a} only in A, {b} only in B)",
    ),
    "metrics_line": (
        "数据：{n} 项有变化（相同 {s} 项，仅见于 A {a} 项，仅见于 B {b} 项）",
        "Metrics: {n} changed ({s} the same, {a} only in A, {b} only in B)",
    ),
    "coverage": ("主题覆盖", "Topic coverage"),
    "alignment": ("章节对应", "Section alignment"),
    "score_col": ("匹配度", "Score"),
    "topic": ("主题", "Topic"),
    "n_sections": ("{n} 节：{items}", "{n} sections: {items}"),
    "one_section": ("1 节：{items}", "1 section: {items}"),
    "and_more": ("等", "…"),
    "initiatives": ("举措与文件", "Initiatives and documents"),
    "shared": ("共同举措与文件（{n}）", "Shared initiatives and documents ({n})"),
    "only_a": ("仅见于 A（{n}）", "Only in A ({n})"),
    "only_b": ("仅见于 B（{n}）", "Only in B ({n})"),
    "name": ("名称", "Name"),
    "name_a": ("A 中名称", "Name in A"),
    "name_b": ("B 中名称", "Name in B"),
    "kind": ("类型", "Kind"),
    "where": ("出现位置", "Where"),
    "where_a": ("A 中位置", "Where in A"),
    "where_b": ("B 中位置", "Where in B"),
    "mentions": ("次数", "Mentions"),
    "note": ("说明", "Note"),
    "generic_note": ("仅通用标题相同：{g}", "matched by generic title only: {g}"),
    "kind_quoted": ("引号名称", "quoted name"),
    "kind_title": ("文件", "document"),
    "kind_mechanism": ("机制", "mechanism"),
    "metrics": ("数据对比", "Metrics"),
    "section_or_topic": ("章节/主题", "Section or topic"),
    "counted": ("统计项", "What is counted"),
    "difference": ("差值", "Difference"),
    "st_same": ("相同", "same"),
    "st_only_a": ("仅见于 A", "only in A"),
    "st_only_b": ("仅见于 B", "only in B"),
    "pairs": ("逐节对比", "Section by section"),
    "pair_only_a": ("（仅见于 A）", " (only in A)"),
    "pair_only_b": ("（仅见于 B）", " (only in B)"),
    "seen_a": ("A 原文见第 {n} 部分。", "Text of A: see part {n}."),
    "seen_b": ("B 原文见第 {n} 部分。", "Text of B: see part {n}."),
    "excerpt_a": ("A 原文摘录（全文见第 {n} 部分）：", "Text of A, excerpt (in full in part {n}):"),
    "excerpt_b": ("B 原文摘录（全文见第 {n} 部分）：", "Text of B, excerpt (in full in part {n}):"),
    "score": ("匹配度：{v}", "Match score: {v}"),
    "reason": ("依据：{r}", "because of: {r}"),
    "manual": ("（手动配对）", "(paired by hand)"),
    "pair_topic": ("主题：{t}", "Topic: {t}"),
    "text_similarity": ("文本相似度：{v}", "Text similarity: {v}"),
    "shared_phrases": ("共同用语：{p}", "Shared phrases: {p}"),
    "text_a": ("A 原文：", "Text of A:"),
    "text_b": ("B 原文：", "Text of B:"),
    "no_text": ("（无正文）", "(no text)"),
    "identical": ("两节正文相同。", "The two texts are identical."),
    "none": ("（无）", "(none)"),
    "legend_diff": (
        "标记：<del>删除</del> 为仅见于 A 的文字，<ins>新增</ins> 为仅见于 B 的文字。",
        "Marks: <del>deleted</del> is text only in A, <ins>inserted</ins> is text only in B.",
    ),
    "legend_diff_plain": (
        "标记：{--…--} 为仅见于 A 的文字，{++…++} 为仅见于 B 的文字。",
        "Marks: {--…--} is text only in A, {++…++} is text only in B.",
    ),
    "legend_shared": ("标记：**加粗** 为两节共同的用语。", "Marks: **bold** phrases appear in both texts."),
    "legend_shared_plain": ("标记：{==…==} 为两节共同的用语。", "Marks: {==…==} phrases appear in both texts."),
    "preamble": ("前言", "Preamble"),
    "problems": ("问题与不足", "Problems"),
    "next_steps": ("下一步", "Next steps"),
    "closing": ("结尾", "Closing"),
    "untitled": ("（无标题）", "(untitled)"),
    "sep": ("、", ", "),
    "list_sep": ("；", "; "),
    "colon": ("：", ": "),
}


# --------------------------------------------------------------------------- escaping

_NEWLINES = re.compile(r"\r\n|[\r\u2028\u2029\x85]")
# C0 (but \t and \n), DEL and C1: never in the output (a report must not drive a terminal)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f]")
# bidirectional overrides and isolates reorder what a reader sees; they carry no content
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
# anything Markdown (CommonMark, GFM, Git-host extensions such as $math$) may read as syntax
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&$#!])")
# block markers a line could start with: quote, list items, setext underline, ordered list
_LINE_START = re.compile(r"^(?:([-+=>])|(\d{1,9})([.)]))")


def clean_text(text: str) -> str:
    """Report text safe for any output: one kind of line break, no control characters."""
    text = _NEWLINES.sub("\n", text).replace("\t", " ")
    text = _CONTROLS.sub("\ufffd", text)
    return _BIDI.sub("", text)


def md_inline(text: str) -> str:
    """Text for the middle of a line: every Markdown-significant character escaped."""
    text = clean_text(text).replace("\n", " ")
    return _INLINE_SPECIAL.sub(r"\\\1", text)


def md_block_line(text: str) -> str:
    """One line that starts a block (paragraph, quote line): also no list/quote/heading start."""
    text = md_inline(text).lstrip(" ")  # four leading spaces would make a code block
    return _LINE_START.sub(lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3), text)


def md_cell(text: str) -> str:
    """Text for a GFM table cell (one line, pipes escaped)."""
    return md_inline(text).strip()


def md_heading(text: str) -> str:
    """Text for an ATX heading (one line)."""
    return md_inline(text).strip()


def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """A GFM table; cells must already be escaped with ``md_cell`` (or be our own labels)."""
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    for row in rows:
        assert len(row) == len(header)
        out.append("| " + " | ".join(c if c else " " for c in row) + " |")
    return out


# --------------------------------------------------------------------------- formatting


def _num(v: float | None) -> str:
    if v is None or not math.isfinite(v):
        return "—"
    if v == int(v) and abs(v) < 1e15:
        return str(int(v))
    return f"{v:.2f}".rstrip("0").rstrip(".")


def _pct(v: float | None) -> str:
    if v is None or not math.isfinite(v):
        return "—"
    return f"{round(v * 100)}%"


def _is_punct(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "PSZ" or ch.isspace()


class _Doc:
    """Labels and report-text conversion for one rendering."""

    def __init__(self, c: Comparison, opts: MarkdownOptions):
        self.c = c
        self.o = opts
        self.i = 1 if opts.lang == "en" else 0
        self.seen_a: dict[str, int] = {}  # section id -> the part that quoted its text
        self.seen_b: dict[str, int] = {}
        # indexes, so a long report's thousands of pairs and metrics don't rescan each other
        self.pair_of_both: dict[tuple[str, str], SectionPair] = {}
        self.pair_of_a: dict[str, SectionPair] = {}
        self.pair_of_b: dict[str, SectionPair] = {}
        for p in c.alignment.pairs:
            if p.a and p.b:
                self.pair_of_both.setdefault((p.a, p.b), p)
            if p.a:
                self.pair_of_a.setdefault(p.a, p)
            if p.b:
                self.pair_of_b.setdefault(p.b, p)
        self.metrics_of: dict[tuple[str, str], list[MetricMatch]] = {}  # (side, section id)
        self.metric_rank = {id(m): k for k, m in enumerate(c.metrics)}
        for m in c.metrics:
            ids = {("a", m.a.section) if m.a else None, ("b", m.b.section) if m.b else None}
            for key in ids - {None}:
                self.metrics_of.setdefault(key, []).append(m)

    def pair_of(self, m: MetricMatch) -> SectionPair | None:
        """The pair holding both sides of a metric, else the one holding A's side, else B's."""
        sa = m.a.section if m.a else None
        sb = m.b.section if m.b else None
        return (
            (sa and sb and self.pair_of_both.get((sa, sb)))
            or (sa and self.pair_of_a.get(sa))
            or (sb and self.pair_of_b.get(sb))
            or None
        )

    def pair_metrics(self, pair: SectionPair) -> list[MetricMatch]:
        """Metrics with a side in either section of the pair, in the comparison's order."""
        found = {
            self.metric_rank[id(m)]: m
            for side, sid in (("a", pair.a), ("b", pair.b))
            if sid
            for m in self.metrics_of.get((side, sid), ())
        }
        return [found[k] for k in sorted(found)]

    def t(self, key: str, **kw) -> str:
        s = _L[key][self.i]
        return s.format(**kw) if kw else s

    def quote(self, text: str | None, report: Report) -> str:
        """Report text in the requested script (never escaped here)."""
        if not text:
            return ""
        if self.o.script == "simplified":
            return to_simplified(text, report.script)
        return text

    def topic(self, code: str) -> str:
        label = TOPIC_LABELS.get(code)
        return label[self.i] if label else code

    def section_label(self, report: Report, sid: str | None, width: int = 24) -> str:
        """Number and heading of a section, shortened, in report text (unescaped)."""
        if sid is None:
            return ""
        try:
            s = report.section(sid)
        except KeyError:
            return sid
        heading = self.quote(s.heading, report).strip()
        if len(heading) > width:
            heading = heading[: width - 1] + "…"
        if not heading and s.kind != "heading":
            heading = self.t(s.kind)
        if not heading and not s.number:
            heading = self.t("untitled")
        return f"{s.number}{heading}" if s.number else heading

    def short_ref(self, report: Report, sid: str) -> str:
        """A section's number, or its shortened heading when it has none."""
        try:
            s = report.section(sid)
        except KeyError:
            return sid
        if not s.number:
            return self.section_label(report, sid, width=10)
        # numbers restart under each parent: 三、(一) tells the two (一) apart
        numbers = [s.number]
        parent = s.parent
        while parent:
            try:
                up = report.section(parent)
            except KeyError:
                break
            if up.number:
                numbers.append(up.number)
            parent = up.parent
        return "".join(reversed(numbers))

    def report_name(self, r: Report, fallback: str) -> str:
        m = r.meta
        name = self.quote(m.organization or m.title, r) or (Path(r.path).name if r.path else fallback)
        year = self.t("year_suffix", y=m.year) if m.year else ""
        return name + year


# --------------------------------------------------------------------------- parts


def _header(d: _Doc) -> list[str]:
    c = d.c
    out = ["# " + md_heading(d.t("title", a=d.report_name(c.a, "A"), b=d.report_name(c.b, "B"))), ""]

    def row(key: str, fn: Callable[[Report], str]) -> list[str]:
        return [d.t(key), md_cell(fn(c.a)), md_cell(fn(c.b))]

    def year(r: Report) -> str:
        if r.meta.year is None:
            return "—"
        return f"{r.meta.year}" + (f"（{d.quote(r.meta.period, r)}）" if r.meta.period else "")

    rows = [
        row("meta_title", lambda r: d.quote(r.meta.title, r) or "—"),
        row("meta_org", lambda r: d.quote(r.meta.organization, r) or "—"),
        row("meta_year", year),
        row("meta_published", lambda r: r.meta.published or "—"),
        row("meta_file", lambda r: Path(r.path).name if r.path else "—"),
        row("meta_script", lambda r: d.t(r.script) if r.script in ("simplified", "traditional") else r.script),
        row("meta_length", lambda r: d.t("chars", n=len(r.text))),
        row("meta_sections", lambda r: str(len(r.sections))),
    ]
    out += _table([d.t("field"), "A", "B"], rows)
    return out + [""]


def _summary(d: _Doc) -> list[str]:
    c = d.c
    al = c.alignment
    out = ["## " + d.t("summary"), ""]
    sim = d.t("similarity", v=_pct(al.similarity))
    if al.parts:
        parts = d.t("sep").join(
            f"{(PART_LABELS.get(name) or (name, name))[d.i]} {_pct(v)}" for name, v in al.parts
        )
        sim += f"（{parts}）" if d.i == 0 else f" ({parts})"
    aligned = sum(1 for p in al.pairs if p.a and p.b)
    only_a = sum(1 for p in al.pairs if p.a and not p.b)
    only_b = sum(1 for p in al.pairs if p.b and not p.a)
    ini = c.initiatives
    status = [m.status for m in c.metrics]
    lines = [
        sim,
        d.t("sections_line", n=aligned, a=only_a, b=only_b),
        d.t("initiatives_line", n=len(ini.shared), a=len(ini.only_a), b=len(ini.only_b)),
        d.t(
            "metrics_line",
            n=status.count("changed"),
            s=status.count("same"),
            a=status.count("only_a"),
            b=status.count("only_b"),
        ),
    ]
    out += ["- " + md_inline(x) for x in lines] + [""]
    return out + _coverage(d) + _alignment_table(d)


def _alignment_table(d: _Doc) -> list[str]:
    """Which section goes with which, at a glance (the only view of it with ``text=False``)."""
    c = d.c
    out = ["### " + d.t("alignment"), ""]
    if not c.alignment.pairs:
        return out + [d.t("none"), ""]
    rows = []
    for n, p in enumerate(c.alignment.pairs, 1):
        both = bool(p.a and p.b)
        rows.append(
            [
                str(n),
                md_cell(d.section_label(c.a, p.a)) or "—",
                md_cell(d.section_label(c.b, p.b)) or "—",
                _pct(p.score) if both else "—",
                md_cell(d.topic(p.topic)) if p.topic else "—",
            ]
        )
    return out + _table(["#", "A", "B", d.t("score_col"), d.t("topic")], rows) + [""]


def _coverage(d: _Doc) -> list[str]:
    c = d.c
    by_topic: dict[str, tuple[list[str], list[str]]] = {}
    for side, (report, topics) in enumerate(((c.a, c.alignment.topics_a), (c.b, c.alignment.topics_b))):
        order = {s.id: i for i, s in enumerate(report.sections)}
        for sid in sorted(topics, key=lambda s: order.get(s, len(order))):
            for code in topics[sid]:
                by_topic.setdefault(code, ([], []))[side].append(sid)
    out = ["### " + d.t("coverage"), ""]
    if not by_topic:
        return out + [d.t("none"), ""]
    known = [k for k in TOPIC_LABELS if k in by_topic]
    codes = known + sorted(k for k in by_topic if k not in TOPIC_LABELS)

    def cell(report: Report, sids: list[str]) -> str:
        if not sids:
            return "—"
        refs = [d.short_ref(report, s) for s in sids[:6]]
        items = " ".join(refs) + (" " + d.t("and_more") if len(sids) > 6 else "")
        key = "one_section" if len(sids) == 1 else "n_sections"
        return md_cell(d.t(key, n=len(sids), items=items))

    rows = [[md_cell(d.topic(k)), cell(c.a, by_topic[k][0]), cell(c.b, by_topic[k][1])] for k in codes]
    return out + _table([d.t("topic"), "A", "B"], rows) + [""]


def _kind(d: _Doc, kind: str) -> str:
    return d.t(f"kind_{kind}") if f"kind_{kind}" in _L else kind


def _where(d: _Doc, report: Report, sids: Sequence[str]) -> str:
    refs = [d.section_label(report, s, width=12) for s in sids[:5]]
    text = d.t("list_sep").join(refs)
    if len(sids) > 5:
        text += " " + d.t("and_more")
    return md_cell(text) if text else "—"


def _initiative_name(d: _Doc, i: Initiative, report: Report) -> str:
    return md_cell(d.quote(i.name, report))


def _initiatives(d: _Doc) -> list[str]:
    c = d.c
    ini = c.initiatives
    out = ["## " + d.t("initiatives"), "", "### " + d.t("shared", n=len(ini.shared)), ""]
    if ini.shared:
        rows = []
        for s in ini.shared:
            note = ""
            if s.generic:
                g = s.a.generic or s.b.generic or s.key
                note = md_cell(d.t("generic_note", g=d.quote(g, c.a)))
            rows.append(
                [
                    _initiative_name(d, s.a, c.a),
                    _initiative_name(d, s.b, c.b),
                    _kind(d, s.a.kind),
                    _where(d, c.a, s.a.sections),
                    _where(d, c.b, s.b.sections),
                    note,
                ]
            )
        header = [d.t(k) for k in ("name_a", "name_b", "kind", "where_a", "where_b", "note")]
        out += _table(header, rows)
    else:
        out.append(d.t("none"))
    out.append("")
    for key, items, report in (("only_a", ini.only_a, c.a), ("only_b", ini.only_b, c.b)):
        out += ["### " + d.t(key, n=len(items)), ""]
        if items:
            rows = [
                [_initiative_name(d, i, report), _kind(d, i.kind), _where(d, report, i.sections), str(i.count)]
                for i in items
            ]
            out += _table([d.t(k) for k in ("name", "kind", "where", "mentions")], rows)
        else:
            out.append(d.t("none"))
        out.append("")
    return out


_STATUS_ORDER = {"changed": 0, "only_a": 1, "only_b": 2, "same": 3}


def _metric_value(d: _Doc, m: Metric | None, report: Report) -> str:
    if m is None:
        return "—"
    written = d.quote(m.text, report).strip() or f"{_num(m.value)}{m.unit}"
    return md_cell(written)


def _difference(d: _Doc, m: MetricMatch) -> str:
    if m.status == "same":
        return d.t("st_same")
    if m.status == "only_a":
        return d.t("st_only_a")
    if m.status == "only_b":
        return d.t("st_only_b")
    if m.difference is None or not math.isfinite(m.difference):
        return "—"
    unit = (m.a.unit if m.a else "") or (m.b.unit if m.b else "")
    text = ("+" if m.difference > 0 else "") + _num(m.difference) + unit
    if m.ratio is not None and math.isfinite(m.ratio) and m.ratio > 0:
        change = round((m.ratio - 1) * 100)
        text += f" ({'+' if change > 0 else ''}{change}%)"
    return md_cell(text)


def _metric_rows(d: _Doc, metrics: Iterable[MetricMatch], with_place: bool) -> list[list[str]]:
    c = d.c
    rows = []
    for m in sorted(metrics, key=lambda m: _STATUS_ORDER.get(m.status, 9)):
        side_report = c.a if m.a else c.b
        row = [
            md_cell(d.quote(m.label, side_report)) or "—",
            _metric_value(d, m.a, c.a),
            _metric_value(d, m.b, c.b),
            _difference(d, m),
        ]
        if with_place:
            row.insert(0, _metric_place(d, m))
        rows.append(row)
    return rows


def _metric_place(d: _Doc, m: MetricMatch) -> str:
    c = d.c
    if m.a and m.a.section:
        label = d.section_label(c.a, m.a.section, width=16)
    elif m.b and m.b.section:
        label = d.section_label(c.b, m.b.section, width=16)
    else:
        return "—"
    pair = d.pair_of(m)
    if pair is not None and pair.topic:
        label += f"（{d.topic(pair.topic)}）" if d.i == 0 else f" ({d.topic(pair.topic)})"
    return md_cell(label)


def _visible_metrics(d: _Doc, metrics: Iterable[MetricMatch]) -> list[MetricMatch]:
    return [m for m in metrics if not (d.o.only_changes and m.status == "same")]


def _metrics(d: _Doc) -> list[str]:
    out = ["## " + d.t("metrics"), ""]
    metrics = _visible_metrics(d, d.c.metrics)
    if not metrics:
        return out + [d.t("none"), ""]
    header = [d.t(k) for k in ("section_or_topic", "counted")] + ["A", "B", d.t("difference")]
    return out + _table(header, _metric_rows(d, metrics, with_place=True)) + [""]


# --------------------------------------------------------------------------- text differences


def _merge_marks(text: str, marks: Iterable[Mark]) -> list[tuple[int, int]]:
    """Shared-phrase spans, merged, trimmed of edge punctuation.

    CommonMark only opens ``**`` before a letter (or after punctuation/space), so a span that
    began with “ right after a Chinese character would print its asterisks literally.
    """
    spans = sorted((max(0, m.start), min(len(text), m.end)) for m in marks if m.kind == "shared")
    merged: list[list[int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    out = []
    for a, b in merged:
        while a < b and _is_punct(text[a]):
            a += 1
        while b > a and _is_punct(text[b - 1]):
            b -= 1
        if a < b:
            out.append((a, b))
    return out


Segment = tuple[str, str]  # (kind: "text" | "delete" | "insert" | "shared", text)


def _lines_of(segments: Iterable[Segment]) -> list[list[Segment]]:
    """Split segments at line breaks; a marked span never runs across lines."""
    lines: list[list[Segment]] = [[]]
    for kind, text in segments:
        parts = clean_text(text).split("\n")
        for i, part in enumerate(parts):
            if i:
                lines.append([])
            if part:
                lines[-1].append((kind, part))
    return lines


def _render_line(d: _Doc, segs: list[Segment]) -> str:
    """One quoted line with its marks; the first piece is escaped as a block start."""
    segs = list(segs)
    while segs and not segs[0][1].strip(" "):
        segs.pop(0)
    while segs and not segs[-1][1].strip(" "):
        segs.pop()
    if not segs:
        return ""
    segs[0] = (segs[0][0], segs[0][1].lstrip(" "))
    segs[-1] = (segs[-1][0], segs[-1][1].rstrip(" "))
    plain = d.o.plain
    out = []
    for n, (kind, text) in enumerate(segs):
        body = md_block_line(text) if n == 0 and kind == "text" else md_inline(text)
        if kind == "delete":
            out.append(f"{{--{body}--}}" if plain else f"<del>{body}</del>")
        elif kind == "insert":
            out.append(f"{{++{body}++}}" if plain else f"<ins>{body}</ins>")
        elif kind == "shared":
            out.append(f"{{=={body}==}}" if plain else f"**{body}**")
        else:
            out.append(body)
    return "".join(out)


def _quote_block(d: _Doc, segments: Iterable[Segment]) -> list[str]:
    """Report text as a block quote, one paragraph per line of the report."""
    out: list[str] = []
    for segs in _lines_of(segments):
        line = _render_line(d, segs)
        if not line:
            continue
        if out:
            out.append(">")
        out.append("> " + line)
    return out + [""] if out else []


def _marked_segments(text: str, marks: Iterable[Mark]) -> list[Segment]:
    segs: list[Segment] = []
    pos = 0
    for a, b in _merge_marks(text, marks):
        if a > pos:
            segs.append(("text", text[pos:a]))
        segs.append(("shared", text[a:b]))
        pos = b
    if pos < len(text):
        segs.append(("text", text[pos:]))
    return segs


def _op_segments(d: _Doc, ops: Sequence[DiffOp]) -> list[Segment]:
    kinds = {"equal": "text", "delete": "delete", "insert": "insert"}
    return [
        (kinds[op.op], d.quote(op.text, d.c.b if op.op == "insert" else d.c.a))
        for op in ops
        if op.op in kinds
    ]


def _is_unchanged(pair: SectionPair, diff: SectionDiff) -> bool:
    if not (pair.a and pair.b):
        return False
    if diff.ops:
        return all(op.op == "equal" for op in diff.ops)
    return diff.a_text == diff.b_text


def _text_part(d: _Doc, n: int, pair: SectionPair, diff: SectionDiff) -> list[str]:
    c = d.c
    out: list[str] = []
    if _is_unchanged(pair, diff) and (diff.a_text or diff.b_text):
        return [d.t("identical"), ""]
    if diff.mode == "diff" and diff.ops:
        out += [d.t("legend_diff_plain" if d.o.plain else "legend_diff"), ""]
        return out + _quote_block(d, _op_segments(d, diff.ops))
    shared_mode = diff.mode == "shared"
    if shared_mode:
        if diff.shared:
            phrases = d.t("sep").join(d.quote(p, c.a) for p in diff.shared)
            out += [md_block_line(d.t("shared_phrases", p=phrases)), ""]
        out += [d.t("legend_shared_plain" if d.o.plain else "legend_shared"), ""]
    for key, sid, text, marks, report, seen in (
        ("a", pair.a, diff.a_text, diff.a_marks, c.a, d.seen_a),
        ("b", pair.b, diff.b_text, diff.b_marks, c.b, d.seen_b),
    ):
        if not sid:
            continue
        shown = d.quote(text, report)
        if sid in seen:
            # a section paired several times is quoted in full once; later parts point back
            # to it and quote only the sentences that hold this pair's shared phrases
            excerpt = _excerpt(shown, marks) if shared_mode else []
            if not excerpt:
                out += [d.t(f"seen_{key}", n=seen[sid]), ""]
                continue
            out += [d.t(f"excerpt_{key}", n=seen[sid]), ""]
            out += _quote_block(d, [seg for part in excerpt for seg in part])
            continue
        seen[sid] = n
        if pair.a and pair.b:
            out += [d.t(f"text_{key}"), ""]
        block = _quote_block(d, _marked_segments(shown, marks if shared_mode else ()))
        out += block or [d.t("no_text"), ""]
    return out


_SENTENCE = re.compile(r"[^。！？!?；;\n]*(?:[。！？!?；;]+|\n|$)")


def _excerpt(text: str, marks: Sequence[Mark]) -> list[list[Segment]]:
    """The sentences of ``text`` that contain a shared mark, each as marked segments + a break."""
    spans = _merge_marks(text, marks)
    out = []
    for m in _SENTENCE.finditer(text):
        a, b = m.span()
        if a == b:
            continue
        inside = [Mark(max(s, a) - a, min(e, b) - a, "shared") for s, e in spans if s < b and e > a]
        if inside:
            out.append(_marked_segments(text[a:b].strip("\n"), inside) + [("text", "\n")])
    return out


def _pair_parts(d: _Doc) -> list[str]:
    c = d.c
    out = ["## " + d.t("pairs"), ""]
    shown = 0
    for n, pair in enumerate(c.alignment.pairs, 1):
        diff = section_diff(c, pair)
        if d.o.only_changes and _is_unchanged(pair, diff):
            continue
        shown += 1
        out += _pair_part(d, n, pair, diff)
    if not shown:
        out += [d.t("none"), ""]
    return out


def _pair_part(d: _Doc, n: int, pair: SectionPair, diff: SectionDiff) -> list[str]:
    c = d.c
    la = d.section_label(c.a, pair.a, width=30)
    lb = d.section_label(c.b, pair.b, width=30)
    if pair.a and pair.b:
        title = f"{la} ↔ {lb}"
    elif pair.a:
        title = la + d.t("pair_only_a")
    else:
        title = lb + d.t("pair_only_b")
    out = [f"### {n}. " + md_heading(title), ""]
    colon = d.t("colon")
    bullets = []
    if pair.a:
        bullets.append("A" + colon + d.section_label(c.a, pair.a, width=200))
    if pair.b:
        bullets.append("B" + colon + d.section_label(c.b, pair.b, width=200))
    if pair.a and pair.b:
        score = d.t("score", v=_pct(pair.score))
        if pair.reason:
            reason = d.t("sep").join(d.quote(r, c.a) for r in pair.reason)
            score += ("；" if d.i == 0 else "; ") + d.t("reason", r=reason)
        if pair.manual:
            score += d.t("manual") if d.i == 0 else " " + d.t("manual")
        bullets.append(score)
    if pair.topic:
        bullets.append(d.t("pair_topic", t=d.topic(pair.topic)))
    if pair.a and pair.b:
        bullets.append(d.t("text_similarity", v=_pct(diff.similarity)))
    out += ["- " + md_inline(b) for b in bullets] + [""]
    metrics = _visible_metrics(d, d.pair_metrics(pair))
    if metrics:
        header = [d.t("counted"), "A", "B", d.t("difference")]
        out += _table(header, _metric_rows(d, metrics, with_place=False)) + [""]
    return out + _text_part(d, n, pair, diff)


# --------------------------------------------------------------------------- entry point


def to_markdown(
    comparison: Comparison,
    options: MarkdownOptions | None = None,
    *,
    lang: Lang = "zh",
    script: Script = "original",
    text: bool = True,
    only_changes: bool = False,
    plain: bool = False,
) -> str:
    """The comparison as a Markdown document (``options`` overrides the keyword arguments)."""
    opts = options or MarkdownOptions(
        lang=lang, script=script, text=text, only_changes=only_changes, plain=plain
    )
    d = _Doc(comparison, opts)
    lines = _header(d) + _summary(d) + _initiatives(d) + _metrics(d)
    if opts.text:
        lines += _pair_parts(d)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


def pair_to_markdown(comparison: Comparison, index: int, options: MarkdownOptions | None = None) -> str:
    """Pair ``index`` (0-based) as its part of the document: heading, facts, figures, text."""
    d = _Doc(comparison, options or MarkdownOptions())
    pair = comparison.alignment.pairs[index]
    lines = _pair_part(d, index + 1, pair, section_diff(comparison, pair))
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"
