"""Hand-made comparisons for the exporter tests, independent of the aligner's heuristics.

``crafted_comparison()`` builds two small reports with the loader, gives them sections by
hand, and fills every part a document shows: aligned pairs (a word diff and a shared-phrase
pair), one-sided sections, metrics of every status, shared/generic/one-sided initiatives.
``hostile=True`` puts markup-like text and control characters wherever report text goes.
"""

from __future__ import annotations

from dataclasses import replace

from markdown_it import MarkdownIt

from reportdiff.compare.load import load_text
from reportdiff.compare.model import (
    Alignment,
    Comparison,
    DiffOp,
    Initiative,
    InitiativeDiff,
    Mark,
    Metric,
    MetricMatch,
    Report,
    ReportMeta,
    Section,
    SectionDiff,
    SectionPair,
    SharedInitiative,
)
from reportdiff.compare.pipeline import PairDiffs

# Everything a report could contain that Markdown, HTML, Rich markup or a terminal might act on.
HOSTILE = "| * _ # < [x](y) `code` **b** ~~s~~ $x$ &amp; \\ [bold]x[/] [link=http://x]y[/link] [@click=quit]"
HOSTILE_LINES = (
    "> quoted",
    "- item",
    "+ item",
    "* item",
    "1. item",
    "2) item",
    "# heading",
    "    code",
    "---",
    "===",
    "<div>block</div>",
    "[x]: http://evil.example",
    "```",
    "~~~",
    "| a | b |",
)
CONTROLS = "\x1b]0;title\x07\x1b[2J\x9b31m\x00\x7f\u202e"


def _sections(report: Report, specs: list[tuple[str, str | None, int, str, str, str]]) -> Report:
    """Sections from (id, parent, level, number, heading, kind); spans found in the text."""
    text = report.text
    starts = []
    for sid, parent, level, number, heading, kind in specs:
        marker = number + heading
        starts.append(text.index(marker))
    out = []
    for i, (sid, parent, level, number, heading, kind) in enumerate(specs):
        start = starts[i]
        later = [s for j, s in enumerate(starts) if j > i and specs[j][2] <= level]
        end = min(later) - 1 if later else len(text)
        body = text.index("\n", start) + 1
        out.append(Section(sid, parent, level, number, heading, kind, start, end, body))
    return replace(report, sections=tuple(out))


A_TEXT = """某市人民政府关于2021年法治政府建设情况的报告
一、加强组织领导
2021年，市政府召开常务会议学法12次，审查规范性文件23件。
严格落实法治建设第一责任人职责。
二、推进政务公开
主动公开政府信息500条，办理依申请公开30件。
三、强化应急管理
组织应急演练20余次。
某市人民政府
2022年1月20日
"""

B_TEXT = """某县人民政府关于2022年法治政府建设情况的报告
一、加强组织领导
2022年，县政府召开常务会议学法15次，审查规范性文件23件。
全面落实法治建设第一责任人职责。
二、深化政务公开
依托政府网站主动公开政府信息，办理依申请公开41件。
三、加强法律援助
办理法律援助案件300件。
"""


Known = dict[tuple[str | None, str | None], SectionDiff]  # hand-made pair diffs, by (a_id, b_id)


def exported(export, *args, hostile: bool = False, **kwargs):
    """``export`` (to_markdown, dumps_json, to_docx, ...) of the crafted comparison, with its
    hand-made text diffs."""
    c, known = crafted_comparison(hostile)
    return export(c, *args, pair_diffs=PairDiffs(c, known), **kwargs)


def crafted_comparison(hostile: bool = False) -> tuple[Comparison, Known]:
    a = load_text(A_TEXT, "/data/a 报告.txt")
    b = load_text(B_TEXT, "/data/b.txt")
    a = _sections(
        a,
        [
            ("s1", None, 1, "一、", "加强组织领导", "heading"),
            ("s2", None, 1, "二、", "推进政务公开", "heading"),
            ("s3", None, 1, "三、", "强化应急管理", "heading"),
        ],
    )
    b = _sections(
        b,
        [
            ("s1", None, 1, "一、", "加强组织领导", "heading"),
            ("s2", None, 1, "二、", "深化政务公开", "heading"),
            ("s3", None, 1, "三、", "加强法律援助", "heading"),
        ],
    )
    a = replace(a, meta=ReportMeta(title="某市人民政府关于2021年法治政府建设情况的报告", organization="某市人民政府", year=2021, published="2022-01-20"))
    b = replace(b, meta=ReportMeta(title="某县人民政府关于2022年法治政府建设情况的报告", organization="某县人民政府", year=2022, published="2023-01"))

    pairs = (
        SectionPair("s1", "s1", 0.91, ("组织领导", "学法"), "LEAD"),
        SectionPair("s2", "s2", 0.64, ("政务公开",), "OPEN", manual=True),
        SectionPair("s3", None, 0.0),
        SectionPair(None, "s3", 0.0),
    )
    alignment = Alignment(
        pairs=pairs,
        similarity=0.5,
        parts=(("topic_overlap", 0.5), ("content", 0.25)),
        topics_a={"s1": ("LEAD",), "s2": ("OPEN",), "s3": ("EMERG",)},
        topics_b={"s1": ("LEAD",), "s2": ("OPEN",), "s3": ("LEGALSVC",)},
    )

    def metric(r, sid, value, unit, label, written, qual=()):
        start = r.text.index(written)
        return Metric(value, unit, label, written, written, sid, start, start + len(written), qual)

    meetings_a = metric(a, "s1", 12, "次", "常务会议学法", "12次")
    meetings_b = metric(b, "s1", 15, "次", "常务会议学法", "15次")
    docs_a = metric(a, "s1", 23, "件", "审查规范性文件", "23件")
    docs_b = metric(b, "s1", 23, "件", "审查规范性文件", "23件")
    drills = metric(a, "s3", 20, "次", "应急演练", "20余次", ("余",))
    aid = metric(b, "s3", 300, "件", "法律援助案件", "300件")
    metrics = (
        MetricMatch("same", "审查规范性文件", docs_a, docs_b, 0, 1.0),
        MetricMatch("changed", "常务会议学法", meetings_a, meetings_b, 3, 1.25),
        MetricMatch("only_a", "应急演练", drills, None),
        MetricMatch("only_b", "法律援助案件", None, aid),
    )

    plan_a = Initiative("法治政府建设实施方案", "《某市法治政府建设实施方案》", "title", ("s1",), 2, "法治政府建设实施方案")
    plan_b = Initiative("法治政府建设实施方案", "《某县法治政府建设实施方案》", "title", ("s1",), 1, "法治政府建设实施方案")
    leader_a = Initiative("第一责任人", "第一责任人", "mechanism", ("s1",))
    leader_b = Initiative("第一责任人", "第一责任人", "mechanism", ("s1",))
    initiatives = InitiativeDiff(
        shared=(SharedInitiative("第一责任人", leader_a, leader_b), SharedInitiative("法治政府建设实施方案", plan_a, plan_b, generic=True)),
        only_a=(Initiative("应急演练", "“应急演练”", "quoted", ("s3",)),),
        only_b=(Initiative("法律援助", "“法律援助”", "quoted", ("s3",), 3),),
    )

    c = Comparison(a=a, b=b, alignment=alignment, metrics=metrics, initiatives=initiatives)
    known: Known = {}
    a1, b1 = a.body_text(a.section("s1")), b.body_text(b.section("s1"))
    known[("s1", "s1")] = SectionDiff(
        mode="diff",
        similarity=0.8,
        a_text=a1,
        b_text=b1,
        ops=(
            DiffOp("delete", "2021"),
            DiffOp("insert", "2022"),
            DiffOp("equal", "年，"),
            DiffOp("delete", "市"),
            DiffOp("insert", "县"),
            DiffOp("equal", "政府召开常务会议学法"),
            DiffOp("delete", "12"),
            DiffOp("insert", "15"),
            DiffOp("equal", "次，审查规范性文件23件。\n"),
            DiffOp("delete", "严格"),
            DiffOp("insert", "全面"),
            DiffOp("equal", "落实法治建设第一责任人职责。"),
        ),
    )
    a2, b2 = a.body_text(a.section("s2")), b.body_text(b.section("s2"))
    pa, pb = a2.index("主动公开政府信息"), b2.index("主动公开政府信息")
    known[("s2", "s2")] = SectionDiff(
        mode="shared",
        similarity=0.3,
        a_text=a2,
        b_text=b2,
        a_marks=(Mark(pa, pa + 8, "shared"), Mark(a2.index("依申请公开"), a2.index("依申请公开") + 5, "shared")),
        b_marks=(Mark(pb, pb + 8, "shared"), Mark(b2.index("依申请公开"), b2.index("依申请公开") + 5, "shared")),
        shared=("主动公开政府信息", "依申请公开"),
    )
    if hostile:
        return _make_hostile(c, known)
    return c, known


def _make_hostile(c: Comparison, known: Known) -> tuple[Comparison, Known]:
    """The same comparison with hostile text in every place report text can reach."""
    h = HOSTILE + CONTROLS
    lines = "\n".join(HOSTILE_LINES)

    def hostile_report(r: Report) -> Report:
        sections = tuple(replace(s, heading=s.heading + h) for s in r.sections)
        meta = replace(r.meta, title=h, organization=(r.meta.organization or "") + h)
        return replace(r, sections=sections, meta=meta)

    a, b = hostile_report(c.a), hostile_report(c.b)
    pairs = tuple(replace(p, reason=p.reason + (h,)) for p in c.alignment.pairs)
    metrics = tuple(
        replace(
            m,
            label=m.label + h,
            a=replace(m.a, text=m.a.text + h) if m.a else None,
            b=replace(m.b, text=m.b.text + h) if m.b else None,
        )
        for m in c.metrics
    )
    ini = c.initiatives
    initiatives = InitiativeDiff(
        shared=tuple(replace(s, a=replace(s.a, name=s.a.name + h), b=replace(s.b, name=s.b.name + h)) for s in ini.shared),
        only_a=tuple(replace(i, name=i.name + h) for i in ini.only_a),
        only_b=tuple(replace(i, name=i.name + h) for i in ini.only_b),
    )
    out = Comparison(
        a=a,
        b=b,
        alignment=replace(c.alignment, pairs=pairs),
        metrics=metrics,
        initiatives=initiatives,
    )
    out_known: Known = {}
    d1 = known[("s1", "s1")]
    out_known[("s1", "s1")] = replace(
        d1,
        ops=d1.ops
        + (DiffOp("equal", "\n" + lines + "\n"), DiffOp("delete", h + "\n- gone"), DiffOp("insert", "\n> new " + h)),
    )
    d2 = known[("s2", "s2")]
    out_known[("s2", "s2")] = replace(
        d2,
        a_text=d2.a_text + "\n" + lines + "\n" + h,
        b_text=d2.b_text + "\n" + lines + "\n" + h,
        shared=d2.shared + (h,),
    )
    # one-sided sections: their text comes from the pipeline's own diff; make it hostile too
    out_known[("s3", None)] = SectionDiff("one_sided", 0.0, lines + "\n" + h, "")
    out_known[(None, "s3")] = SectionDiff("one_sided", 0.0, "", h + "\n" + lines)
    return out, out_known


# --------------------------------------------------------------------------- markdown parsing


def md_parser(html: bool = True) -> MarkdownIt:
    """CommonMark plus GFM tables and strikethrough, as a Git host renders."""
    return MarkdownIt("commonmark", {"html": html}).enable(["table", "strikethrough"])


def inline_text(token) -> str:
    """The literal text an inline token renders (raw HTML tags left out)."""
    out = []
    for ch in token.children or ():
        if ch.type in ("text", "code_inline"):
            out.append(ch.content)
        elif ch.type in ("softbreak", "hardbreak"):
            out.append("\n")
    return "".join(out)


_SLUG_DROP = None


def slug(heading: str) -> str:
    """The anchor a Git host (GitHub's slugger) and pandoc give a heading of this text.

    Lower case; characters other than letters, digits, marks, spaces, ``-`` and ``_``
    removed; spaces become ``-``. Our part headings ("第 3 部分", "Part 3") are named the same
    by both.
    """
    import unicodedata

    out = []
    for ch in heading.strip().lower():
        cat = unicodedata.category(ch)
        if ch == " ":
            out.append("-")
        elif ch in "-_" or cat[0] in "LNM":
            out.append(ch)
    return "".join(out)
