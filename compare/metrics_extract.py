"""Extracting quantitative statements and matching them across reports.

Extraction works on each content line's normalised text (``Line.norm``; full-width digits and
signs are folded here too, so it does not depend on the loader's width folding) and maps every
span back to ``Report.text``.

What is a metric: a number (Arabic or Chinese, with 万/亿 folded into the value, ranges,
百分之…) followed by a unit or measure word (件, 项, 人次, %, 个百分点 …) or at least a
magnitude (15.33万). Never a metric: anything followed by 年/月/日/号 (dates, years, damaged
dates such as ``2020429日``), numbers inside 〔〕, 《》 or quotes (document numbers, titles,
slogans such as “3550”), numbers glued to letters, ``-``, ``/``, ``:`` or another number (codes,
times, phone numbers), ordinals (第一), and Chinese digit runs without a position character
(七五普法, 十四五, 二〇一八). A lone Chinese 一 is an article (一支队伍, 一次性), not a count.

The label (what is counted) follows one rule:

1. When the unit is a counting word and a noun phrase follows it (``办理了23件行政复议案件``,
   ``30个高频事项``), the label is that phrase, cut at the next verb, conjunction or digit.
2. Otherwise it is the clause before the number (from the last clause break or the previous
   quantity), with a leading time phrase removed, cut after the last common report verb when
   at least three characters follow it (``共收到行政复议申请`` → 行政复议申请,
   ``全市共梳理政务服务事项清单`` → 政务服务事项清单), and trimmed of fillers and linking words
   (共, 累计, 全市, 达, 为, 由, 至 …).
3. A quantity that only continues the previous one (``由2802个精简至2684个``) inherits its label;
   a quantity in parentheses with no label of its own takes the word before the parenthesis.

Matching lives in ``compare.metrics_match``.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from .model import Alignment, Metric, MetricMatch, Report
from .numerals import MAGNITUDES, arabic_value, chinese_value
from .terms import REPORT_VERBS, tokenizer

# --------------------------------------------------------------------------- vocabulary

def _load_units() -> dict:
    path = Path(__file__).resolve().parent / "data" / "metric_units.json"
    return json.loads(path.read_text(encoding="utf-8"))


_DATA = _load_units()
UNITS: tuple[str, ...] = tuple(
    u for key, group in _DATA["units"].items() if not key.startswith("_") for u in group
)
# a one-character unit followed by these characters is the start of a word, not a unit
_NOT_UNIT: dict[str, str] = {k: v for k, v in _DATA["not_unit_before"].items() if not k.startswith("_")}
_COUNTING = set(UNITS) - set(_DATA["not_counting"]["units"])
# families of units a reader treats as the same measure (人 / 名, 场 / 场次 …)
UNIT_FAMILIES: tuple[frozenset[str], ...] = tuple(
    frozenset(v) for k, v in _DATA["families"].items() if not k.startswith("_")
)

_PRE_QUALIFIERS = (
    "同比增长", "同比下降", "同比提高", "同比减少", "同比增加", "同比", "累计", "共计", "合计",
    "总计", "全年", "超过", "不少于", "不低于", "不超过", "不足", "多达", "高达", "突破", "力争", "增长",
    "下降", "提高", "减少", "增加", "降低", "共", "近", "约", "超", "逾", "仅",
)
_POST_QUALIFIERS = ("以上", "以下", "以内", "之内", "左右", "内")
_FILLER_QUALIFIERS = {"共", "共计", "累计", "合计", "总计", "全年"}

_LEAD_FILLERS = (
    "截至目前", "截止目前", "目前", "其中", "同时", "另外", "此外", "全年", "共计", "累计",
    "合计", "总计", "全市", "全区", "全县", "全镇", "全省", "我市", "我区", "我县", "我镇",
    "本市", "本区", "本县", "各级各类", "各类", "各级", "已经", "已", "共", "均", "又",
    "还", "先后", "分别", "全部", "并", "再", "将", "对", "向", "在", "于", "为", "的", "后",
    "通过", "按照", "根据", "围绕", "和", "及", "与",
)
_TRAIL_FILLERS = (
    "保持在", "提高至", "提升至", "增长至", "下降至", "压减至", "精简至", "缩减至", "减少至",
    "压缩至", "压缩在", "控制在", "增至", "降至", "减至", "达到", "高达", "多达", "突破",
    "超过", "不少于", "不低于", "不超过", "共计", "累计", "合计", "总计", "同比", "分别",
    "已达", "均达", "为", "达", "超", "逾", "约", "近", "共", "至", "到", "由", "从", "有",
    "是", "在", "的", "均", "仅", "已", "就", "计", "增长", "下降", "提高", "提升", "减少",
    "增加", "降低", "占", "比", "较", "现有", "共有", "了", "中",
)
_TRAIL_FILLERS = tuple(sorted(_TRAIL_FILLERS, key=len, reverse=True))
_AFTER_STOPS = (
    "开展", "参加", "参与", "进行", "组成", "实施", "完成", "接受", "提供", "持有", "通过",
    "获得", "纳入", "进入", "实现", "全部", "得到", "为", "和", "与", "及", "等", "在", "的",
    "共", "均", "已", "被", "受", "中", "并", "或", "以", "参", "对", "向", "将", "把", "从",
    "由", "给", "经", "第", "再次", "至", "到", "充分", "积极", "全面", "深入", "主动", "及时", "依法", "进一步",
)
_TIME_PREFIX = re.compile(
    r"^(?:截至|截止|至|到)?(?:\d{4}年|今年|去年|当年|本年度?|全年|年内|上半年|下半年|五年来|"
    r"\d+年来|近年来|以来)(?:底|末|度|以来|上半年|下半年|年底|前|初)?"
)

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
_CLAUSE_BREAK = set(",;。:!?，；。：！？\n")
_SENTENCE_BREAK = set(";。!?；！？\n")
_OPEN_QUOTE, _CLOSE_QUOTE = "“《〔【[", "”》〕】]"


_NAMED_AFTER = ("制度", "机制", "规定", "全会", "会议", "全体会议", "党代会", "代表大会", "清单", "工程", "行动", "措施", "举措", "原则", "标准", "“", "意识",
                "自信", "维护", "全面")
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
        sentence_first: Metric | None = None
        for k, h in enumerate(hits):
            if prev_end < 0 or any(ch in _SENTENCE_BREAK for ch in s[prev_end:h.start]):
                sentence_first = None
            how, lab_a, lab_b = _label_span(s, h, prev_end, prev_label)
            ca, cb = _clause(s, h.start, h.end)
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
                base = prev if word in _BARE_CHANGE or sentence_first is None else sentence_first
                label = base.label + word
                label_norm = _norm_of(base.label) + word
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
            if sentence_first is None:
                sentence_first = metric
            prev_label, prev_end = label_norm, h.end
    return tuple(out)


def _norm_of(label: str) -> str:
    from .normalize import fold

    return fold(label)


def unit_compatible(x: str, y: str) -> bool:
    """Whether two units measure the same way (the same unit, or one family: 人 / 名, 场 / 场次)."""
    return x == y or any(x in f and y in f for f in UNIT_FAMILIES)


# 现代服务业、专业服务业、文化产业分别实现增加值2703.3亿元、412.1亿元、368亿元
_RESPECTIVELY_VERBS = ("实现", "达到", "达", "完成", "为", "是", "有", "占", "增长", "下降", "提高", "减少")


def _respectively(s: str, hits: list[_Hit]) -> dict[int, tuple[tuple[int, int], tuple[int, int]]]:
    """Hits of a 分别 list with their own subject: hit index -> (subject span, measure span)."""
    out: dict[int, tuple[tuple[int, int], tuple[int, int]]] = {}
    k = 0
    while k < len(hits):
        h = hits[k]
        ca, _ = _clause(s, h.start, h.end)
        pos = s.rfind("分别", ca, h.start)
        if pos < 0:
            k += 1
            continue
        run = [k]
        while run[-1] + 1 < len(hits) and s[hits[run[-1]].end:hits[run[-1] + 1].start].strip() in ("、", "和", "及", ","):
            if s[hits[run[-1]].end:hits[run[-1] + 1].start].strip() == "," and len(run) > 1:
                break
            run.append(run[-1] + 1)
        i = pos
        while i > ca and s[i - 1] not in _CLAUSE_BREAK:
            i -= 1
        subjects = _split_subjects(s, i, pos)
        if len(run) >= 2 and len(subjects) == len(run):
            ma, mb = pos + 2, h.start
            for v in sorted(_RESPECTIVELY_VERBS, key=len, reverse=True):
                if s.startswith(v, ma) and mb - ma > len(v):
                    ma += len(v)
                    break
            if s[ma:mb] in _RESPECTIVELY_VERBS or mb - ma > 8:
                ma = mb
            for idx, subj in zip(run, subjects):
                out[idx] = (subj, (ma, mb))
        k = run[-1] + 1
    return out


def _split_subjects(s: str, a: int, b: int) -> list[tuple[int, int]]:
    """The parts of ``s[a:b]`` between 、 / 和 / 及 / 与, trimmed of lead fillers."""
    parts: list[tuple[int, int]] = []
    start = a
    i = a
    while i <= b:
        if i == b or s[i] in "、和及与":
            if i > start:
                lo, hi = _trim_before(s, start, i)
                if hi > lo:
                    parts.append((lo, hi))
            start = i + 1
        i += 1
    return parts


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
    for i, ch in enumerate(s):
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
            hits.append(h)
    return hits


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
    if before and (before.isascii() and (before.isalnum() or before in "_-/.:·~") or before in "第〔"):
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


_CLAUSE_QUALIFIER = re.compile(r"累计|共计|合计|总计|全年|同比|(?<![公总])共(?![同享建治识赢])")


def _clause_qualifiers(segment: str, own: tuple[str, ...]) -> tuple[str, ...]:
    """Qualifiers written earlier in the clause (共收到…23件), then the number's own ones."""
    found = [m.group(0) for m in _CLAUSE_QUALIFIER.finditer(segment)]
    extra = [q for q in dict.fromkeys(found) if not any(q in o for o in own)]
    return tuple(extra) + own


def _unit_ok(unit: str, s: str, unit_end: int) -> bool:
    nxt = s[unit_end] if unit_end < len(s) else ""
    return not (nxt and nxt in _NOT_UNIT.get(unit, ""))


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


def _clause(s: str, a: int, b: int) -> tuple[int, int]:
    i = a
    while i > 0 and s[i - 1] not in _CLAUSE_BREAK:
        i -= 1
    j = b
    while j < len(s) and s[j] not in _CLAUSE_BREAK:
        j += 1
    return i, j


def _label_span(s: str, h: _Hit, prev_end: int, prev_label: str) -> tuple[str, int, int]:
    """How the label is found and its span in ``s``.

    ``own``: the span is the label; ``continues``: the number continues the previous one
    (由2802个精简至2684个); ``growth``: the span is a bare change word of the previous count
    (“…1935亿元,增长7.3%”); ``inherit``: the previous quantity's label.
    """
    after = _after_phrase(s, h.end) if h.unit in _COUNTING else (h.end, h.end)
    if after[1] - after[0] >= 2 and s[after[0]:after[1]] not in _VAGUE and _is_noun_phrase(s[after[0]:after[1]]):
        return "own", after[0], after[1]
    i = h.start
    while i > 0 and s[i - 1] not in _CLAUSE_BREAK and i > prev_end:
        i -= 1
    continues = prev_end >= 0 and i == prev_end
    raw = s[i:h.start]
    if continues and prev_label and _CONTINUATION.fullmatch(raw):
        return "continues", h.start, h.start
    a, b = _trim_before(s, i, h.start)
    if prev_label and b <= a:
        return "inherit", h.start, h.start
    if prev_label and (s[a:b] in _BARE_CHANGE or s[a:b] in BARE_VERBS):
        return "growth", a, b
    if b - a >= 2 and s[a:b] not in BARE_VERBS:
        return "own", a, b
    k = h.start - 1
    while k >= 0 and s[k] == " ":
        k -= 1
    if k >= 0 and s[k] in "(（":  # 城管(19项): the word before the parenthesis
        j = k
        while j > 0 and s[j - 1] not in _CLAUSE_BREAK and s[j - 1] not in "、)）":
            j -= 1
        pa, pb = _trim_before(s, j, k)
        if pb - pa >= 1:
            return "own", pa, pb
    if after[1] - after[0] >= 2:
        return "own", after[0], after[1]  # 4件予以修改: the verb phrase is all there is
    if b > a and s[a:b] not in BARE_VERBS and s[a:b] not in _LEAD_FILLERS:
        return "own", a, b
    if prev_label:
        return "inherit", h.start, h.start
    return "own", a, a


# a label is a counted thing, never a bare verb (实现, 推出)
BARE_VERBS = frozenset(REPORT_VERBS) | {"实现", "推出", "达到", "完成", "精简", "压减", "缩减", "新建", "拥有", "累计", "共计", "进行", "予以", "给予", "开展了", "进行了"}

_BARE_CHANGE = {"增长", "下降", "提高", "减少", "增加", "降低", "上升", "同比增长", "同比下降",
                "同比提高", "同比减少", "增幅", "降幅", "年均增长", "分别增长", "分别下降"}
_VAGUE = {"内容", "工作", "情况", "方面工作", "事情", "东西"}

# what may stand between two quantities of the same count: 由12项深化扩展为25项
_CONTINUATION = re.compile(
    r"[、\s]*(?:(?:精简|压减|缩减|减少|增加|增长|提高|提升|下降|降低|压缩|扩展|深化扩展|调整|上升|扩大)?"
    r"(?:至|到|为)|增至|降至|减至)\s*"
)
_AFTER_RUN = re.compile(r"[\u4e00-\u9fff“”]{0,16}")
_AFTER_STOP_RX = re.compile("|".join(sorted(map(re.escape, _AFTER_STOPS), key=len, reverse=True)))
_HEADS = ("人员", "员", "机构", "部门", "单位", "中心", "人")


def _after_phrase(s: str, end: int) -> tuple[int, int]:
    """The phrase right after the unit (“30个高频事项”), cut at a verb, conjunction or digit."""
    a = end
    if s.startswith("的", a):
        a += 1
    b = a
    m = _AFTER_RUN.match(s, a)
    b = m.end()
    stop = _AFTER_STOP_RX.search(s, a, b)
    if stop:
        b = stop.start()
    if b < len(s) and _is_cjk(s[b]) and b - a >= 16:
        return a, a  # a long run: a whole predicate, not a noun phrase
    if s.startswith(("至", "到", "为"), b):
        return a, a  # 由2972个精简至2766个: a change of the count, not what is counted
    phrase = s[a:b]
    cut = _verb_cut(phrase)
    return a, a + cut


@lru_cache(maxsize=8192)
def _verb_cut(phrase: str) -> int:
    """Length of the noun phrase at the start of ``phrase`` (cut before a verb after a noun)."""
    pos = 0
    tokens = _pos_tags(phrase)
    for k, (word, flag) in enumerate(tokens):
        if k and flag in ("v", "vd", "vi", "d", "p", "c", "r", "u", "uj", "ul", "ad"):
            prev = tokens[k - 1][1]
            nxt = tokens[k + 1][0] if k + 1 < len(tokens) else ""
            if flag.startswith("v") and (not prev.startswith("n") or nxt.startswith(_HEADS)):
                pos += len(word)
                continue
            return pos
        pos += len(word)
    return pos


@lru_cache(maxsize=8192)
def _is_noun_phrase(phrase: str) -> bool:
    tokens = _pos_tags(phrase.replace("“", "").replace("”", ""))
    if not tokens or tokens[0][1] in ("v", "vd", "vi", "d", "p", "c", "u", "uj", "ul"):
        return False
    last = tokens[-1][1]
    return any(f.startswith("n") for _, f in tokens) and (last[0] == "n" or last in ("vn", "j", "l"))


@lru_cache(maxsize=8192)
def _pos_tags(phrase: str) -> tuple[tuple[str, str], ...]:
    return tuple(tokenizer().tag(phrase))


def _trim_before(s: str, a: int, b: int) -> tuple[int, int]:
    """The label inside the clause ``s[a:b]`` before a number (rule 2 of the module doc)."""
    lo, hi = _trim_segment(s[a:b])
    return a + lo, a + hi


@lru_cache(maxsize=16384)
def _trim_segment(seg: str) -> tuple[int, int]:
    a = 0

    def drop_left(n: int) -> None:
        nonlocal a, seg
        a += n
        seg = seg[n:]

    def strip_left() -> None:
        changed = True
        while changed and seg:
            changed = False
            m = _TIME_PREFIX.match(seg) or _ENUM_PREFIX.match(seg)
            if m and m.end() > 0:
                drop_left(m.end())
                changed = True
                continue
            for f in _LEAD_FILLERS:
                if seg.startswith(f) and len(seg) > len(f):
                    drop_left(len(f))
                    changed = True
                    break

    def strip_right() -> None:
        nonlocal seg
        changed = True
        while changed and seg:
            changed = False
            m = _TRAIL_YEARS.search(seg)
            if m and m.start() > 0:
                seg = seg[: m.start()]
                changed = True
            for f in _TRAIL_FILLERS:
                if seg.endswith(f) and len(seg) > len(f):
                    seg = seg[: -len(f)]
                    changed = True
                    break

    seg_strip = seg.lstrip(" 、()（）")
    drop_left(len(seg) - len(seg_strip))
    strip_left()
    strip_right()
    # the subject comes before 共/累计: 开发区审批局累计办件 -> 办件
    for f in ("累计", "共计", "合计", "共"):
        k = seg.rfind(f)
        rest = seg[k + len(f):]
        if k > 0 and len(rest) >= 2 and (f != "共" or rest.startswith(REPORT_VERBS)):
            drop_left(k + len(f))
            break
    # cut after the last report verb that leaves a real phrase (not a suffix such as 率)
    best = -1
    for v in REPORT_VERBS:
        k = seg.rfind(v)
        while k >= 0:
            rest = seg[k + len(v):]
            if len(rest) >= 3:
                if rest[0] not in _BOUND_SUFFIX and k + len(v) > best:
                    best = k + len(v)
                break
            k = seg.rfind(v, 0, k)
    if best > 0:
        drop_left(best)
    strip_left()
    # a long label: keep what follows the last 的 / 等 / 、 (the head of the phrase)
    if len(seg) > 12:
        for sep in ("等", "的", "、", "按照", "对", "将"):
            k = seg.rfind(sep)
            if k >= 0 and len(seg) - k - len(sep) >= 4:
                drop_left(k + len(sep))
                strip_left()
                break
    # unbalanced brackets and quotes at the ends
    if seg.count("(") > seg.count(")"):
        k = seg.rfind("(")
        seg = seg[:k] if k >= 2 else seg.replace("(", "")
    while seg and seg[0] in "”)）、 " or (seg and seg[0] == "“" and seg.count("“") > seg.count("”")):
        drop_left(1)
    while seg and (seg[-1] in "“(（、 " or (seg[-1] == "”" and seg.count("”") > seg.count("“"))):
        seg = seg[:-1]
    return a, a + len(seg)


_ENUM_PREFIX = re.compile(r"^[一二三四五六七八九十]+是|^(?:据统计|据了解|经统计)")
_TRAIL_YEARS = re.compile(r"\d+年来?$|[一二三四五两]年来?$")
_BOUND_SUFFIX = set("率数量额类性化局室科处员人者方式制")


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"
