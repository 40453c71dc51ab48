"""Hand-made comparisons for the app's tests, independent of the parser's and aligner's heuristics.

Two small reports (A simplified, B traditional) with hand-placed sections, a hand-made
alignment, metric and initiative matches, and pre-computed section diffs, so the app's
tests see exactly the highlights they assert on. The texts carry markup-like content
(``[bold]``, ``[/]``, ``[通知公告]``, ``[@click=app.quit]``) that must show literally.
"""

from __future__ import annotations

import io
from dataclasses import replace

from rich.console import Console
from textual.worker import WorkerCancelled

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
    Section,
    SectionDiff,
    SectionPair,
    SharedInitiative,
)
from reportdiff.compare.pipeline import PairDiffs
from reportdiff.tui import core

A_TEXT = """\
某市人民政府关于2022年法治政府建设情况的报告
一、加强组织领导
全年召开常务会议学法12次，印发《法治政府建设实施方案》。[bold]不是粗体[/] [通知公告] [@click=app.quit]退出[/]
市政府主要负责人履行推进法治建设第一责任人职责。
二、推进严格规范公正文明执法
办理行政复议案件23件，全面推行行政执法公示制度。
三、深化普法宣传
开展“法律进社区”活动40场。
某市人民政府
2023年1月10日
"""

B_TEXT = """\
某縣人民政府2023年法治政府建設工作報告
一、強化組織領導
全年召開常務會議學法15次，印發《法治政府建設實施方案》。
縣政府主要負責人履行推進法治建設第一責任人職責。
二、嚴格行政執法
辦理行政複議案件31件，推行「雙隨機、一公開」監管。
三、推進政務公開
主動公開政府信息1200條。
某縣人民政府
2024年1月8日
"""


def _sections(report: Report, headings: list[tuple[str, str]]) -> tuple[Section, ...]:
    """Sections at the given headings (number, heading); each runs to the next one."""
    text = report.text
    starts = [text.index(num + head) for num, head in headings]
    end_all = text.index("\n某", starts[-1]) + 1
    out = []
    for k, ((num, head), start) in enumerate(zip(headings, starts)):
        end = starts[k + 1] if k + 1 < len(starts) else end_all
        body = start + len(num + head) + 1
        out.append(Section(f"s{k + 1}", None, 1, num, head, "heading", start, end, body))
    return tuple(out)


def reports() -> tuple[Report, Report]:
    """The two crafted reports, sections included."""
    a = load_text(A_TEXT, path="/nonexistent/a.txt")
    b = load_text(B_TEXT, path="/nonexistent/b.txt")
    a = replace(
        a,
        sections=_sections(a, [("一、", "加强组织领导"), ("二、", "推进严格规范公正文明执法"), ("三、", "深化普法宣传")]),
    )
    b = replace(
        b, sections=_sections(b, [("一、", "強化組織領導"), ("二、", "嚴格行政執法"), ("三、", "推進政務公開")])
    )
    return a, b


def _span(text: str, needle: str, kind: str) -> Mark:
    i = text.index(needle)
    return Mark(i, i + len(needle), kind)  # type: ignore[arg-type]


def _metric(report: Report, text: str, value: float, label: str, section: str) -> Metric:
    start = report.text.index(text)
    context = report.text[report.text.rindex("\n", 0, start) + 1 : report.text.index("，", start)]
    return Metric(value, "次" if "次" in text else "件", label, text, context, section, start, start + len(text))


def comparison() -> Comparison:
    """The crafted comparison: two aligned pairs (word diff, shared phrases) and two lone
    sections; the app shows it with its hand-made text diffs."""
    c, known = _crafted()
    core.use_diffs(c, PairDiffs(c, known))
    return c


def _crafted() -> tuple[Comparison, dict[tuple[str | None, str | None], SectionDiff]]:
    """The crafted comparison and its pairs' text diffs, by (a_id, b_id)."""
    a, b = reports()
    pairs = (
        SectionPair("s1", "s1", 0.91, ("学法", "法治政府"), "LEAD"),
        SectionPair("s2", "s2", 0.74, ("行政复议",), "ENFORCE"),
        SectionPair("s3", None, 0.0),
        SectionPair(None, "s3", 0.0),
    )
    alignment = Alignment(
        pairs=pairs,
        similarity=0.58,
        parts=(("content", 0.5),),
        candidates={
            "s1": (("s1", 0.91), ("s3", 0.12)),
            "s2": (("s2", 0.74), ("s1", 0.08)),
            "s3": (("s3", 0.21), ("s2", 0.05)),
        },
    )
    metrics = (
        MetricMatch(
            "changed", "常务会议学法", _metric(a, "12次", 12, "常务会议学法", "s1"), _metric(b, "15次", 15, "常務會議學法", "s1"), 3.0, 1.25
        ),
        MetricMatch(
            "changed", "行政复议案件", _metric(a, "23件", 23, "行政复议案件", "s2"), _metric(b, "31件", 31, "行政複議案件", "s2"), 8.0, 31 / 23
        ),
    )
    plan_a = Initiative("法治政府建设实施方案", "《法治政府建设实施方案》", "title", ("s1",))
    plan_b = Initiative("法治政府建设实施方案", "《法治政府建設實施方案》", "title", ("s1",))
    initiatives = InitiativeDiff(
        shared=(SharedInitiative("法治政府建设实施方案", plan_a, plan_b),),
        only_a=(Initiative("法律进社区", "“法律进社区”", "quoted", ("s3",)),),
        only_b=(Initiative("双随机一公开", "「雙隨機、一公開」", "quoted", ("s2",)),),
    )
    c = Comparison(a, b, alignment, metrics, initiatives)
    # the pairs' text diffs, made by hand so the highlights are known
    known = {}
    for pair in pairs:
        sa = a.section(pair.a) if pair.a else None
        sb = b.section(pair.b) if pair.b else None
        ta = a.body_text(sa, subtree=True) if sa else ""
        tb = b.body_text(sb, subtree=True) if sb else ""
        if pair.a == "s1" and pair.b == "s1":
            d = SectionDiff(
                "diff",
                0.8,
                ta,
                tb,
                a_marks=(_span(ta, "12", "delete"), _span(ta, "市政府", "delete")),
                b_marks=(_span(tb, "15", "insert"), _span(tb, "縣政府", "insert")),
                ops=(DiffOp("equal", "全年召开常务会议学法"), DiffOp("delete", "12"), DiffOp("insert", "15"), DiffOp("equal", "次")),
            )
        elif pair.a and pair.b:
            d = SectionDiff(
                "shared",
                0.2,
                ta,
                tb,
                a_marks=(_span(ta, "行政复议案件", "shared"),),
                b_marks=(_span(tb, "行政複議案件", "shared"),),
                shared=("行政复议案件",),
            )
        else:
            d = SectionDiff("one_sided", 0.0, ta, tb)
        known[(pair.a, pair.b)] = d
    return c, known


def hostile_comparison() -> Comparison:
    """The crafted comparison whose first pair's text holds escape sequences and controls."""
    c, known = _crafted()
    d = known[("s1", "s1")]
    evil = "\x1b]0;pwned\x07标题\x1b[2J清屏\x9b31m\u202e反向\x08退格"
    known[("s1", "s1")] = replace(d, a_text=d.a_text + "\n" + evil)
    core.use_diffs(c, PairDiffs(c, known))
    return c


def screen_text(app) -> str:
    """What the terminal shows now, as plain text (like the SVG screenshot, without styles)."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()


async def settle(pilot) -> None:
    """Until the workers are done (one cancelled by a newer one is done too)."""
    await pilot.pause()
    for _ in range(10):
        try:
            await pilot.app.workers.wait_for_complete()
            break
        except WorkerCancelled:
            await pilot.pause()
    await pilot.pause()
