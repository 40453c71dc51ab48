"""Figures of a report: quantitative statements with value, unit, scale and qualifiers.

Extraction works on each content line's normalised text (``Line.norm``; full-width digits and
signs are folded here too, so it does not depend on the loader's width folding) and maps every
span back to ``Report.text``.

What is a figure: a number (Arabic or Chinese, with 万/亿 folded into the value and kept as the
``scale``, ranges, 百分之…, a space as published before the unit) followed by a unit or measure
word (件, 项, 人次, %, 个百分点, 亿美元 …; ``compare/data/metric_units.json``) or at least a
magnitude (15.33万). Never a figure: anything followed by 年/月/日/号 (dates, years, damaged
dates such as ``2020429日``), numbers inside 〔〕, 《》 or quotes (document numbers, titles,
slogans such as “3550”), numbers glued to letters, ``-``, ``/``, ``:`` or another number (codes,
times, phone numbers), ordinals (第一), and Chinese digit runs without a position character
(七五普法, 十四五, 二〇一八). A lone Chinese 一 is an article (一支队伍, 一次性), not a count.
A bound or target (不低于, 突破) keeps that word as a qualifier (``Metric.threshold``).

What is counted (the label) is ``compare.metric_labels``; a change written inside the report
(由2802个精简至2684个) is one figure with its earlier value as ``was``. Matching two reports'
figures is ``compare.metrics_match``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from .model import TARGET_QUALIFIERS, Metric, Report
from .numerals import MAGNITUDES, arabic_value, chinese_value
from .metric_labels import _BARE_CHANGE, _label_span, _respectively, enclosing
from .metric_units import NOT_UNIT, UNITS, unit_compatible

# --------------------------------------------------------------------------- vocabulary


_PRE_QUALIFIERS = (
    "同比增长", "同比下降", "同比提高", "同比减少", "同比增加", "同比", "累计", "共计", "合计",
    "总计", "全年", "超过", "不少于", "不低于", "不超过", "不足", "多达", "高达", "突破", "力争", "增长",
    "下降", "提高", "减少", "增加", "降低", "共", "近", "约", "超", "逾", "仅",
)
_POST_QUALIFIERS = ("以上", "以下", "以内", "之内", "左右", "内")
_FILLER_QUALIFIERS = {"共", "共计", "累计", "合计", "总计", "全年"}


# --------------------------------------------------------------------------- the quantity pattern

_AR = r"\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CN = r"[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*(?:点[零〇一二三四五六七八九]+)?"
_UNIT_RX = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
_QTY = re.compile(
    rf"(?P<pct>百分之)?(?P<n1>{_AR}|{_CN})"
    rf"(?:(?P<rsep>至|到|-|~|～|—|–)(?P<n2>{_AR}|{_CN}))?"
    # a space as published inside the figure: “97.3 %”, “2500 余人次”
    rf"(?:[ \u00a0\u3000](?=余|多|万|亿|{_UNIT_RX}))?"
    r"(?P<mag>万亿|千万|百万|万|亿)?(?P<q1>余|多)?(?P<mag2>万|亿)?"
    rf"(?P<unit>{_UNIT_RX})?(?P<q2>余|多)?"
)
# same-length folding of the full-width forms, so offsets stay valid when the loader did not
_SENTENCE_BREAK = set(";。!?；！？\n")
_OPEN_QUOTE, _CLOSE_QUOTE = "“《〔【[", "”》〕】]"
_QUOTE_MARK = re.compile("[" + re.escape(_OPEN_QUOTE + _CLOSE_QUOTE) + "]")


_NAMED_AFTER = ("制度", "机制", "规定", "全会", "会议", "全体会议", "党代会", "代表大会", "清单", "工程", "行动", "措施", "举措", "原则", "标准", "“", "意识",
                "自信", "维护", "全面")
# works built in phases (现代汉语词典: 二期工程): N期 before one of them is the phase, not a count
_PHASE_WORKS = ("工程", "项目", "改造", "扩建", "改扩建", "建设", "用地")
_ORDINAL_LIST = re.compile(r"第[零〇一二两三四五六七八九十\d]+(?:、[零〇一二两三四五六七八九十\d]+)*、$")


@dataclass(frozen=True)
class _Hit:
    """One quantity found on a normalised line (offsets into that line)."""

    start: int
    end: int
    value: float
    upper: float | None
    unit: str
    qualifiers: tuple[str, ...]
    num_start: int  # where the first number itself starts (after 百分之 / qualifiers)
    scale: str = ""  # 万 / 亿 as written before the unit (12.5亿元)


# --------------------------------------------------------------------------- extraction


def extract_metrics(report: Report) -> tuple[Metric, ...]:
    """Every quantitative statement of the report, in text order.

    A change written inside the report (由2802个精简至2684个) is one metric: the later value,
    with the earlier one as ``was``.
    """
    out: list[Metric] = []
    for line in report.lines:
        s = line.norm
        hits = _find_quantities(s)
        listed = _respectively(s, hits)
        prev_label, prev_end = "", -1
        line_first = len(out)
        sentence: list[Metric] = []  # the figures of the sentence so far
        for k, h in enumerate(hits):
            if prev_end < 0 or any(ch in _SENTENCE_BREAK for ch in s[prev_end:h.start]):
                sentence = []
            how, lab_a, lab_b = _label_span(s, h, prev_end, prev_label)
            ca, cb = enclosing(s, h.start, h.end)
            quals = _clause_qualifiers(s[max(ca, prev_end):h.start], h.qualifiers)
            start, end = _to_original(report, line, h.start, h.end)
            prev = out[-1] if len(out) > line_first else None
            was = None
            if k in listed:
                (sa, sb), (ma, mb) = listed[k]
                label = _original(report, line, sa, sb) + _original(report, line, ma, mb)
                label_norm = s[sa:sb] + s[ma:mb]
            elif how == "own":
                label = _original(report, line, lab_a, lab_b)
                label_norm = s[lab_a:lab_b]
            elif prev is not None and how == "growth":
                word = s[lab_a:lab_b]
                # 固定资产投资 / 固定资产投资增长; 收到申请23件,已审结2件: 申请 / 申请审结
                if word in _BARE_CHANGE or not sentence:
                    # 规上企业突破600家、增长13.8%: a bound in the same clause is what grew
                    joined = not any(ch in "，,；;" for ch in s[prev_end:h.start])
                    base = out[-1] if joined else _level_before(sentence or out[line_first:])
                else:  # the sentence's first count in the same measure (受理信访件48件…已办结42件)
                    base = next((m for m in sentence if unit_compatible(m.unit, h.unit)), sentence[0])
                label = base.label + word
                label_norm = _norm_of(base.label) + word
                # 力争完成工业投资180亿元，增长10%以上: the growth of a target is part of the target
                if any(m is base for m in sentence):
                    quals = tuple(q for q in base.qualifiers if q in TARGET_QUALIFIERS and q not in quals) + quals
            else:
                label = prev.label if prev is not None and prev_label else ""
                label_norm = prev_label
                if prev is not None and how == "continues" and unit_compatible(prev.unit, h.unit) and prev.was is None:
                    was = out.pop()  # 由2802个精简至2684个: one change of one count
            metric = Metric(
                value=h.value,
                unit=h.unit,
                label=label,
                text=report.text[start:end],
                context=_original(report, line, ca, cb),
                section=_section_id(report, start),
                start=start,
                end=end,
                qualifiers=quals,
                upper=h.upper,
                scale=h.scale,
                was=was,
            )
            out.append(metric)
            sentence.append(metric)
            # 突破四千亿元大关，达4018.3亿元: the bound's noun is no counted thing of the next figure
            bound_noun = next((w for w in _BOUND_NOUNS if s.startswith(w, h.end)), "")
            prev_label, prev_end = label_norm, h.end + len(bound_noun)
    return tuple(out)


# the level a figure passes (千亿大关, 万亿关口, 5000亿元台阶)
_BOUND_NOUNS = ("大关", "关口", "台阶")


def _level_before(figures: list[Metric]) -> Metric:
    """The figure a bare change word (增长) is the change of: the last one of its sentence that is
    a result, not a bound (地区生产总值4287.86亿元，3年突破两个千亿大关，增长11%: the 亿元), or the
    bound when the sentence has no result (一般公共预算收入突破180亿元，增长10.6%); never a figure
    of an earlier sentence."""
    for m in reversed(figures):
        if not m.threshold:
            return m
    return figures[-1]


def _norm_of(label: str) -> str:
    from .normalize import fold

    return fold(label)





def _inherited(out: list[Metric], prev_label_norm: str) -> str:
    return out[-1].label if out and prev_label_norm else ""


def _to_original(report: Report, line, a: int, b: int) -> tuple[int, int]:
    if line.norm == line.text:
        return line.start + a, line.start + b
    return report.norm.span_to_original(line.nstart + a, line.nstart + b)


def _original(report: Report, line, a: int, b: int) -> str:
    if b <= a:
        return ""
    start, end = _to_original(report, line, a, b)
    return report.text[start:end]


def _section_id(report: Report, pos: int) -> str | None:
    section = report.section_at(pos)
    return section.id if section else None


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _quoted_spans(s: str) -> list[tuple[int, int]]:
    """Spans inside “…”, 《…》, 〔…〕, 【…】, […] (unbalanced openers run to the line end)."""
    spans, stack = [], []
    for mark in _QUOTE_MARK.finditer(s):  # the quote marks only, not every character
        i, ch = mark.start(), mark.group()
        k = _OPEN_QUOTE.find(ch)
        if k >= 0:
            stack.append((k, i))
            continue
        k = _CLOSE_QUOTE.find(ch)
        if k >= 0:
            for j in range(len(stack) - 1, max(-1, len(stack) - 9), -1):
                if stack[j][0] == k:
                    spans.append((stack[j][1], i))
                    del stack[j:]
                    break
    # an opener never closed on this line: only trust it when short (a title cut by a wrap)
    for _, i in stack:
        spans.append((i, min(len(s), i + 30)))
    return spans


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    """Is ``pos`` strictly inside one of the sorted, non-nested ``spans``?"""
    k = bisect_left(spans, (pos,)) - 1
    return k >= 0 and spans[k][0] < pos < spans[k][1]


def _find_quantities(s: str) -> list[_Hit]:
    quoted = _merge(sorted(_quoted_spans(s)))
    hits: list[_Hit] = []
    for m in _QTY.finditer(s):
        h = _accept(s, m, quoted)
        if h is not None:
            hits.extend(_bare_items_before(s, h, hits[-1].end if hits else 0))
            hits.append(h)
    return hits


# 分别达51.1和21.5亿元: numbers of a 分别 list written bare before the last one, which has the unit
_BARE_ITEM = re.compile(r"(\d+(?:\.\d+)?)(?:和|、|与|及)$")


def _bare_items_before(s: str, h: _Hit, floor: int) -> list[_Hit]:
    """The bare numbers of a 分别 list that share the unit (and 万 / 亿) of the hit ending it."""
    if not h.unit or h.upper is not None:
        return []
    ca, _ = enclosing(s, h.start, h.end)
    if s.rfind("分别", max(ca, floor), h.start) < 0:
        return []
    factor = MAGNITUDES.get(h.scale, 1.0)
    items: list[_Hit] = []
    end = h.start
    while (m := _BARE_ITEM.search(s, max(ca, floor), end)) is not None and m.end() == end:
        if _glued_to_code(s[m.start() - 1] if m.start() else ""):
            break
        value = arabic_value(m.group(1))
        if value is None:
            break
        items.insert(0, _Hit(m.start(), m.end(1), value * factor, None, h.unit, (), m.start(),
                             h.scale))
        end = m.start()
    return items


def _glued_to_code(before: str) -> bool:
    """Whether the character before a number makes it part of a code, a time, a longer decimal, a
    document number or an ordinal (A3, 08:25, 〔2018〕, 第3)."""
    return bool(before) and (before.isascii() and (before.isalnum() or before in "_-/.:·~") or before in "第〔")


def _accept(s: str, m: re.Match, quoted: list[tuple[int, int]]) -> _Hit | None:
    """A regex match turned into a quantity, or None when it is a date, code, name …"""
    n1, n2, unit = m.group("n1"), m.group("n2"), m.group("unit") or ""
    pct = bool(m.group("pct"))
    mag = m.group("mag") or m.group("mag2") or ""
    start, end = m.start(), m.end()
    before = s[start - 1] if start else ""
    after = s[end] if end < len(s) else ""
    arabic = n1[0].isdigit()
    if _inside(quoted, start):
        return None
    # codes, times, decimals glued to more digits, document numbers, ordinals
    if _glued_to_code(before):
        return None
    if after and (after.isascii() and after.isalpha() or after == "·" or (after in ".:/-" and s[end + 1: end + 2].isdigit())):
        return None
    if n2 is None and m.group("rsep"):
        return None
    if unit and not _unit_ok(unit, s, end - len(m.group("q2") or "")):
        # “3处罚” or “5部门”: the character starts a word; drop the unit
        end = m.start("unit")
        after = s[end] if end < len(s) else ""
        unit = ""
    if after and after in "年月日号时届" and not unit:
        return None
    if not unit and not pct and not mag:
        return None
    if unit in ("个", "项") and after.isdigit():
        return None  # 两个100%: a measure word needs a noun; here it counts the figures that follow
    if unit == "期" and s.startswith(_PHASE_WORKS, end):
        return None  # 区二院二期改造工程: the second phase of a works (二期工程), not two of them
    if not arabic:
        if n1 == "一" and not pct and not mag:
            return None  # an article (一支队伍, 一次性), not a count
        if unit and s.startswith(_NAMED_AFTER, end):
            return None  # 三项制度, 四个“全覆盖”: the name of a mechanism or a slogan
        if before == "、" and _ORDINAL_LIST.search(s, max(0, start - 24), start):
            return None  # 第一、二批
    v1 = arabic_value(n1) if arabic else chinese_value(n1)
    if v1 is None:
        return None
    v2 = None
    if n2 is not None:
        v2 = arabic_value(n2) if n2[0].isdigit() else chinese_value(n2)
        if v2 is None or v2 <= v1:
            return None  # 2015-2020 without 年 is a period, 12-3 a code
    factor = MAGNITUDES.get(mag, 1.0)
    if not arabic and mag and m.group("mag2") is None:
        factor = 1.0  # a Chinese numeral already carries its 万/亿
    value = v1 * factor
    upper = v2 * factor if v2 is not None else None
    if pct:
        unit = "%"
    quals = _qualifiers_before(s, start) + tuple(
        q for q in (m.group("q1"), m.group("q2")) if q
    )
    post = next((q for q in _POST_QUALIFIERS if s.startswith(q, end)), None)
    if post == "内" and unit not in ("天", "小时", "分钟", "个工作日", "工作日", "个月", "周", "秒"):
        post = None
    if post:
        quals += (post,)
        end += len(post)
    scale = mag if (arabic or m.group("mag2")) and mag in ("万", "亿", "万亿") else ""
    return _Hit(start, end, value, upper, unit, quals, m.start("n1"), scale)


_CLAUSE_QUALIFIER = re.compile(r"累计|共计|合计|总计|全年|同比|(?<![公总])共(?![同享建治识赢])|力争|确保|争取")


def _clause_qualifiers(segment: str, own: tuple[str, ...]) -> tuple[str, ...]:
    """Qualifiers written earlier in the clause (共收到…23件), then the number's own ones."""
    found = [m.group(0) for m in _CLAUSE_QUALIFIER.finditer(segment)]
    extra = [q for q in dict.fromkeys(found) if not any(q in o for o in own)]
    return tuple(extra) + own


def _unit_ok(unit: str, s: str, unit_end: int) -> bool:
    nxt = s[unit_end] if unit_end < len(s) else ""
    return not (nxt and nxt in NOT_UNIT.get(unit, ""))


def _qualifiers_before(s: str, start: int) -> tuple[str, ...]:
    quals: list[str] = []
    i = start
    while True:
        q = next((q for q in _PRE_QUALIFIERS if s.startswith(q, i - len(q)) and i - len(q) >= 0), None)
        if q is None:
            break
        quals.insert(0, q)
        i -= len(q)
    return tuple(quals)



