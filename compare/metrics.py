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

Matching pairs A's metrics with B's one to one, greedily by score: first pairs whose sections
lie in an aligned section pair (or their subtrees), then report-wide. A pair needs compatible
units and either similar labels plus some shared context, or a nearly identical context (the
same sentence around the number); the score mixes label similarity, context similarity
(numbers masked), equal values and relative position.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from .model import Alignment, Metric, MetricMatch, Report
from .numerals import MAGNITUDES, arabic_value, chinese_value
from .terms import REPORT_VERBS, tokenizer

# --------------------------------------------------------------------------- vocabulary

UNITS = (
    "个百分点", "百分点", "平方公里", "平方米", "万平方米", "公顷", "个工作日", "工作日",
    "人次", "件次", "场次", "户次", "车次", "批次", "个月", "小时", "分钟", "公里", "千米",
    "%", "‰", "个", "件", "项", "次", "家", "元", "天", "名", "人", "场", "条", "份", "户",
    "批", "期", "所", "米", "吨", "亩", "台", "套", "部", "卷", "本", "类", "张", "起", "宗",
    "位", "支", "辆", "座", "处", "篇", "册", "种", "轮", "组", "款", "笔", "例", "倍", "间",
    "栋", "棵", "株", "只", "层", "块", "片", "根", "门", "堂", "节", "班", "队", "周", "秒",
    "岁", "units",
)
UNITS = tuple(u for u in UNITS if u != "units")
# a one-character unit followed by these characters is the start of a word, not a unit
_NOT_UNIT = {
    "部": "门署分委", "处": "罚理置室长级", "条": "例件款文", "所": "有属在以谓", "期": "间限满",
    "批": "准复示评", "名": "单称义额", "场": "所地景", "类": "型别似", "起": "草诉来到",
    "宗": "旨教", "位": "置于", "支": "持付部出援", "组": "织成建长", "款": "项",
    "笔": "录", "例": "会如行", "层": "级面", "片": "区", "门": "户槛类诊", "节": "点约日",
    "班": "子", "队": "伍", "人": "员民口大才", "家": "庭属长", "户": "籍口", "次": "数要",
    "件": "数", "项": "目", "元": "旦素", "天": "然", "本": "级部地市区县单领", "种": "类植",
    "周": "年边期", "间": "隔", "台": "账", "套": "餐", "本级": "",
}
_COUNTING = set(UNITS) - {"%", "‰", "个百分点", "百分点", "元", "天", "小时", "分钟", "秒",
                         "个月", "周", "工作日", "个工作日", "倍", "岁", "平方米", "万平方米",
                         "公顷", "平方公里", "公里", "千米", "米", "吨", "亩"}
# units a reader treats as the same measure
_UNIT_FAMILY = {"名": "人", "位": "人", "宗": "件", "起": "件", "场次": "场", "百分点": "个百分点",
                "工作日": "天", "个工作日": "天", "千米": "公里", "类": "种"}

_PRE_QUALIFIERS = (
    "同比增长", "同比下降", "同比提高", "同比减少", "同比增加", "同比", "累计", "共计", "合计",
    "总计", "全年", "超过", "不少于", "不低于", "不超过", "不足", "多达", "高达", "增长",
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


# --------------------------------------------------------------------------- extraction


def extract_metrics(report: Report) -> tuple[Metric, ...]:
    """Every quantitative statement of the report, in text order."""
    out: list[Metric] = []
    for line in report.lines:
        s = line.norm
        hits = _find_quantities(s)
        prev_label, prev_end = "", -1
        for h in hits:
            lab_a, lab_b = _label_span(s, h, prev_end, prev_label)
            label_norm = s[lab_a:lab_b] if lab_b > lab_a else prev_label
            if lab_b <= lab_a and not label_norm:
                label_norm = ""
            ca, cb = _clause(s, h.start, h.end)
            quals = _clause_qualifiers(s[max(ca, prev_end):h.start], h.qualifiers)
            start, end = _to_original(report, line, h.start, h.end)
            label = _original(report, line, lab_a, lab_b) if lab_b > lab_a else _inherited(out, prev_label)
            out.append(
                Metric(
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
                )
            )
            prev_label, prev_end = label_norm, h.end
    return tuple(out)


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
    if unit in ("万元", "亿元"):
        unit = "元"
    quals = _qualifiers_before(s, start) + tuple(
        q for q in (m.group("q1"), m.group("q2")) if q
    )
    post = next((q for q in _POST_QUALIFIERS if s.startswith(q, end)), None)
    if post == "内" and unit not in ("天", "小时", "分钟", "个工作日", "工作日", "个月", "周", "秒"):
        post = None
    if post:
        quals += (post,)
        end += len(post)
    return _Hit(start, end, value, upper, unit, quals, m.start("n1"))


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


def _label_span(s: str, h: _Hit, prev_end: int, prev_label: str) -> tuple[int, int]:
    """Span of the label in ``s``; an empty span means: inherit the previous quantity's label."""
    after = _after_phrase(s, h.end) if h.unit in _COUNTING else (h.end, h.end)
    if after[1] - after[0] >= 2 and s[after[0]:after[1]] not in _VAGUE and _is_noun_phrase(s[after[0]:after[1]]):
        return after
    i = h.start
    while i > 0 and s[i - 1] not in _CLAUSE_BREAK and i > prev_end:
        i -= 1
    continues = prev_end >= 0 and i == prev_end
    raw = s[i:h.start]
    if continues and prev_label and _CONTINUATION.fullmatch(raw):
        return h.start, h.start  # 由2802个精简至2684个: the same count, before and after
    a, b = _trim_before(s, i, h.start)
    if prev_label and (b <= a or s[a:b] in _BARE_CHANGE):
        return h.start, h.start  # “…1935亿元,增长7.3%”: the growth of the previous count
    if b - a >= 2:
        return a, b
    k = h.start - 1
    while k >= 0 and s[k] == " ":
        k -= 1
    if k >= 0 and s[k] in "(（":  # 城管(19项): the word before the parenthesis
        j = k
        while j > 0 and s[j - 1] not in _CLAUSE_BREAK and s[j - 1] not in "、)）":
            j -= 1
        pa, pb = _trim_before(s, j, k)
        if pb - pa >= 1:
            return pa, pb
    if after[1] - after[0] >= 2:
        return after  # 4件予以修改: the verb phrase is all there is
    if b > a:
        return a, b
    if continues and prev_label:
        return h.start, h.start
    return a, b


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


# --------------------------------------------------------------------------- matching


@dataclass
class _Side:
    metrics: tuple[Metric, ...]
    labels: list[str]  # normalised
    left: list[str]  # normalised context before the quantity, numbers masked
    right: list[str]
    sections: list[str | None]


def match_metrics(a: Report, b: Report, alignment: Alignment) -> tuple[MetricMatch, ...]:
    """Pair A's metrics with B's one to one: same, changed, only_a, only_b.

    Aligned section pairs (and their subtrees) are matched first, then the rest report-wide.
    Order: A's metrics in text order (with their partner), then B-only metrics.
    """
    sa, sb = _side(a), _side(b)
    na, nb = len(sa.metrics), len(sb.metrics)
    aligned = _aligned_section_pairs(a, b, alignment)
    candidates: list[tuple[int, float, int, int]] = []
    by_unit: dict[str, list[int]] = {}
    for j in range(nb):
        by_unit.setdefault(_unit_key(sb.metrics[j].unit), []).append(j)
    for i in range(na):
        group = by_unit.get(_unit_key(sa.metrics[i].unit), [])
        for j in _plausible_partners(sa, i, sb, group):
            score = _pair_score(sa, i, sb, j, na, nb)
            if score is None:
                continue
            in_pair = (sa.sections[i], sb.sections[j]) in aligned
            candidates.append((0 if in_pair else 1, -score, i, j))
    candidates.sort()
    partner_a: dict[int, int] = {}
    partner_b: dict[int, int] = {}
    for _, _, i, j in candidates:
        if i in partner_a or j in partner_b:
            continue
        partner_a[i] = j
        partner_b[j] = i
    out: list[MetricMatch] = []
    for i, ma in enumerate(sa.metrics):
        j = partner_a.get(i)
        if j is None:
            out.append(MetricMatch("only_a", ma.label, ma, None))
            continue
        mb = sb.metrics[j]
        same = _close(ma.value, mb.value) and _close(ma.upper, mb.upper)
        out.append(
            MetricMatch(
                "same" if same else "changed",
                ma.label or mb.label,
                ma,
                mb,
                difference=mb.value - ma.value,
                ratio=(mb.value / ma.value) if ma.value else None,
            )
        )
    for j, mb in enumerate(sb.metrics):
        if j not in partner_b:
            out.append(MetricMatch("only_b", mb.label, None, mb))
    return tuple(out)


_SMALL_GROUP = 200  # below this many same-unit metrics in B, every pair is scored
_SHORTLIST = 25


def _plausible_partners(sa: _Side, i: int, sb: _Side, group: list[int]) -> list[int]:
    """B metrics worth scoring against A's metric ``i``: all of them in a small group, else the
    best by label and by left context (rapidfuzz's C loop keeps huge reports fast)."""
    if len(group) <= _SMALL_GROUP and len(sa.metrics) <= 2000:
        return group
    picked: set[int] = set()
    for query, pool in ((sa.labels[i], [sb.labels[j] for j in group]),
                        (sa.left[i], [sb.left[j] for j in group])):
        for _, _, k in process.extract(query, pool, scorer=fuzz.ratio, limit=_SHORTLIST, score_cutoff=50):
            picked.add(group[k])
    return sorted(picked)


def _close(x: float | None, y: float | None) -> bool:
    if x is None or y is None:
        return x is y
    return abs(x - y) <= 1e-9 * max(1.0, abs(x), abs(y))


def _unit_key(unit: str) -> str:
    return _UNIT_FAMILY.get(unit, unit)


_MASK = re.compile(rf"{_AR}|百分之")
_WINDOW_LEFT, _WINDOW_RIGHT = 16, 10


def _side(report: Report) -> _Side:
    metrics = extract_metrics(report)
    labels, left, right = [], [], []
    text = report.norm.text
    for m in metrics:
        ns, ne = report.norm.to_normalised(m.start), report.norm.to_normalised(m.end)
        a = ns
        while a > 0 and ns - a < _WINDOW_LEFT and text[a - 1] not in _SENTENCE_BREAK:
            a -= 1
        b = ne
        while b < len(text) and b - ne < _WINDOW_RIGHT and text[b] not in _SENTENCE_BREAK:
            b += 1
        left.append(_MASK.sub("#", text[a:ns]))
        right.append(_MASK.sub("#", text[ne:b]))
        labels.append(_norm_label(m.label))
    return _Side(metrics, labels, left, right, [m.section for m in metrics])


@lru_cache(maxsize=8192)
def _norm_label(label: str) -> str:
    from .normalize import fold, to_simplified

    return re.sub(r"[\s、,，()（）“”]", "", fold(to_simplified(label)))


def _pair_score(sa: _Side, i: int, sb: _Side, j: int, na: int, nb: int) -> float | None:
    la, lb = sa.labels[i], sb.labels[j]
    if la and lb:
        lab = fuzz.ratio(la, lb) / 100
        if min(len(la), len(lb)) >= 2 and (la in lb or lb in la):
            lab = max(lab, 0.85)
    else:
        lab = 0.0
    left = fuzz.ratio(sa.left[i], sb.left[j]) / 100 if (sa.left[i] or sb.left[j]) else 1.0
    right = fuzz.ratio(sa.right[i], sb.right[j]) / 100 if (sa.right[i] or sb.right[j]) else 1.0
    ctx = 0.6 * left + 0.4 * right
    if not ((lab >= 0.6 and ctx >= 0.35) or ctx >= 0.8 or (lab >= 0.95 and ctx >= 0.2)):
        return None
    ma, mb = sa.metrics[i], sb.metrics[j]
    same_value = 1.0 if _close(ma.value, mb.value) else 0.0
    position = 1.0 - abs(i / max(na, 1) - j / max(nb, 1))
    return 0.45 * lab + 0.35 * ctx + 0.12 * same_value + 0.08 * position


def _aligned_section_pairs(a: Report, b: Report, alignment: Alignment) -> set[tuple[str | None, str | None]]:
    """(section of A, section of B) pairs whose metrics may be matched in the first round.

    A pair of aligned sections also covers every pair of their descendants.
    """
    kids_a = _descendants(a)
    kids_b = _descendants(b)
    out: set[tuple[str | None, str | None]] = set()
    for p in alignment.pairs:
        if p.a is None or p.b is None:
            continue
        for x in kids_a.get(p.a, (p.a,)):
            for y in kids_b.get(p.b, (p.b,)):
                out.add((x, y))
    return out


def _descendants(report: Report) -> dict[str, tuple[str, ...]]:
    children: dict[str | None, list[str]] = {}
    for s in report.sections:
        children.setdefault(s.parent, []).append(s.id)
    out: dict[str, tuple[str, ...]] = {}

    def walk(sid: str) -> tuple[str, ...]:
        if sid in out:
            return out[sid]
        acc = [sid]
        for c in children.get(sid, ()):
            acc.extend(walk(c))
        out[sid] = tuple(acc)
        return out[sid]

    for s in report.sections:
        walk(s.id)
    return out
