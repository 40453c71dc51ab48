"""Named programmes, mechanisms and documents, and which of them two reports share.

Three kinds, found on the normalised content lines (offsets mapped back to the original):

* ``quoted``: a programme name in quotes (“放管服”, “最多跑一次”, “双随机、一公开”), 2 to 30
  characters; a quoted 七五/八五 followed by 普法 is the programme 七五普法;
* ``title``: a document title in 《》 (up to 60 characters);
* ``mechanism``: an unquoted named mechanism: a short qualifier before 制度 / 机制 / 负责制 /
  责任制 (行政执法三项制度, 法律顾问制度, 首问负责制), 河长制-style …长制, and 七五普法-style
  campaigns. The qualifier is the clause text before the suffix, cut after the last verb
  (落实, 建立, 推行 …) and trimmed of fillers; 2 to 12 characters, and not a generic word
  (工作机制, 长效机制, 规章制度 are not names).

Keys (identity across reports): simplified script, full-width folded, without white space,
quotes, 、·, dashes or brackets, so “双随机一公开” = “双随机、一公开”. A title also gets a
``generic`` form without its leading place name, government body and year
(《同江市…方案》 and 《沅江市…方案》 share one), used only when the exact keys do not match.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right, insort
from dataclasses import dataclass, field

from .model import Initiative, InitiativeDiff, InitiativeKind, Report, SharedInitiative
from .terms import REPORT_VERBS

MAX_QUOTED = 30
MAX_TITLE = 60
MAX_QUALIFIER = 12

_QUOTED = re.compile(r"“([^“”\n]{1,40})”")
_TITLE = re.compile(r"《([^《》\n]{2,80})》")
_MECHANISM = re.compile(r"制度|机制|负责制|责任制|[河湖林田路山]长制|[一二三四五六七八九]五普法")
_CAMPAIGN = re.compile(r"^[一二三四五六七八九]五$")
_KEY_DROP = re.compile(r"[\s、,，.。·•・“”\"'‘’()（）\[\]〔〕【】<>〈〉\-—–~～_/:：;；!！?？]")
_YEAR_PREFIX = re.compile(r"^(?:\d{4}|[〇零一二三四五六七八九]{4})年度?")
_PLACE_PREFIX = re.compile(
    r"^[\u4e00-\u9fff]{2,6}?(?:省|自治区|自治州|地区|自治县|市|州|盟|县|区|旗|镇|乡)"
    r"(?:人民政府办公室|人民政府|政府办公室|政府|委员会|办公室)?"
)
_GENERIC_QUALIFIERS = {
    "工作", "长效", "各项", "相关", "规章", "管理", "有关", "配套", "协调", "联动", "保障",
    "运行", "考核", "监督", "责任", "领导", "体制", "一系列", "多项", "各类", "系列", "常态化",
    "体制机制", "制度", "机制", "规范", "完善", "健全", "这一", "该项", "此项", "新", "好",
    "会议", "基本", "重要", "科学", "内部", "日常", "学习", "现代", "法律",
}
_MECH_LEAD = REPORT_VERBS + (
    "落实", "建立", "健全", "完善", "推行", "实行", "执行", "坚持", "推进", "深化", "强化",
    "严格", "规范", "全面", "重点", "进一步", "加强", "创新", "探索", "构建", "形成", "出台",
    "制定", "修订", "实施", "贯彻", "推动", "用好", "抓好", "做好", "发挥", "运用", "依托",
    "按照", "通过", "根据", "依据", "以", "将", "把", "对", "和", "与", "及", "等", "的", "了",
    "均", "已", "并", "还", "都", "各", "普遍", "积极", "认真", "不断", "逐步", "切实", "实现",
)
_MECH_LEAD = tuple(sorted(set(_MECH_LEAD), key=len, reverse=True))
# a lead word is never the start of a longer word: 规范性文件 is not 规范 + 性文件
_MECH_LEAD_RX = re.compile("(?:" + "|".join(map(re.escape, _MECH_LEAD)) + ")(?![性化率])")
_BREAK = set(",;。:!?、()“”《》\n ")


@dataclass
class _Acc:
    """Occurrences of one key in one report."""

    key: str
    name: str
    kind: InitiativeKind
    generic: str | None
    sections: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    count: int = 0


def initiative_key(name: str) -> str:
    """The identity of a name across reports (script, width, punctuation and spaces folded)."""
    from .normalize import fold, to_simplified

    return _KEY_DROP.sub("", fold(to_simplified(name)))


def generic_title(key: str) -> str | None:
    """A title key without its leading place, government body and year; None if it has none."""
    rest = key
    for rx in (_YEAR_PREFIX, _PLACE_PREFIX, _YEAR_PREFIX):  # 2018年同江市… / 同江市2018年…
        m = rx.match(rest)
        if m and len(rest) - m.end() >= 4:
            rest = rest[m.end():]
    return rest if rest != key else None


def extract_initiatives(report: Report) -> tuple[Initiative, ...]:
    """Named initiatives and document titles of the report, in order of first mention."""
    acc: dict[str, _Acc] = {}

    def add(line, a: int, b: int, name_norm: str, kind: InitiativeKind) -> None:
        key = initiative_key(name_norm)
        if len(key) < 2:
            return
        start, end = _span(report, line, a, b)
        name = report.text[start:end]
        entry = acc.get(key)
        if entry is None:
            generic = generic_title(key) if kind == "title" else None
            entry = acc[key] = _Acc(key, name, kind, generic)
        entry.count += 1
        if name not in entry.names:
            entry.names.append(name)
        section = report.section_at(start)
        if section is not None and section.id not in entry.sections:
            entry.sections.append(section.id)

    for line in report.lines:
        s = line.norm
        taken: list[tuple[int, int]] = []
        for m in _TITLE.finditer(s):
            if len(m.group(1)) <= MAX_TITLE:
                add(line, m.start(1), m.end(1), m.group(1), "title")
                insort(taken, m.span())
        for m in _QUOTED.finditer(s):
            text = m.group(1).strip()
            if len(text) < 2 or len(text) > MAX_QUOTED or _inside(taken, m.start()):
                continue
            if not re.search(r"[\u4e00-\u9fffA-Za-z]", text):
                continue  # “12·4”, “3550”: dates and numbers, not names
            a, b = m.start(1), m.end(1)
            if _CAMPAIGN.match(text) and s.startswith("普法", m.end()):
                add(line, a, m.end() + 2, text + "普法", "mechanism")
                continue
            add(line, a, b, text, "quoted")
            insort(taken, m.span())
        for m in _MECHANISM.finditer(s):
            if _inside(taken, m.start()):
                continue
            span = _mechanism_span(s, m.start(), m.end())
            if span is not None:
                add(line, span[0], span[1], s[span[0]:span[1]], "mechanism")
    return tuple(
        Initiative(
            key=e.key,
            name=e.name,
            kind=e.kind,
            sections=tuple(e.sections),
            count=e.count,
            generic=e.generic,
            names=tuple(e.names),
        )
        for e in acc.values()
    )


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    """Whether ``pos`` falls in one of the sorted, non-overlapping ``spans``."""
    # bisect, not a scan: a long unbroken line can hold tens of thousands of names
    i = bisect_right(spans, (pos, math.inf)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _span(report: Report, line, a: int, b: int) -> tuple[int, int]:
    if line.norm == line.text:
        return line.start + a, line.start + b
    return report.norm.span_to_original(line.nstart + a, line.nstart + b)


def _mechanism_span(s: str, start: int, end: int) -> tuple[int, int] | None:
    """Span of a named mechanism ending at ``end`` (qualifier + suffix), or None."""
    if s.endswith(("普法", "长制"), start, end):
        return start, end  # 七五普法, 河长制: the match is the name
    i = start
    while i > 0 and s[i - 1] not in _BREAK and start - i < 20:
        i -= 1
    qual = s[i:start]
    # cut after the last verb or filler, so 重点推进行政执法三项制度 -> 行政执法三项制度
    cut = 0
    for m in _MECH_LEAD_RX.finditer(qual):  # left to right, so 落实行政 is 落实 + 行政
        if len(qual) - m.end() >= 2:
            cut = m.end()
    qual = qual[cut:]
    if not (2 <= len(qual) <= MAX_QUALIFIER) or qual in _GENERIC_QUALIFIERS:
        return None
    if qual.endswith(tuple(_GENERIC_QUALIFIERS)) and len(qual) <= 3:
        return None
    if re.search(r"\d", qual):
        return None
    return start - len(qual), end


def match_initiatives(a: Report, b: Report) -> InitiativeDiff:
    """Shared, only-in-A and only-in-B initiatives: exact keys first, then generic titles."""
    ia, ib = extract_initiatives(a), extract_initiatives(b)
    by_key_b = {x.key: x for x in ib}
    shared: list[SharedInitiative] = []
    used_b: set[str] = set()
    rest_a = []
    for x in ia:
        y = by_key_b.get(x.key)
        if y is not None:
            shared.append(SharedInitiative(x.key, x, y))
            used_b.add(y.key)
        else:
            rest_a.append(x)
    generic_b: dict[str, list] = {}
    for y in ib:
        if y.key not in used_b:
            g = y.generic or (y.key if y.kind == "title" else None)
            if g:
                generic_b.setdefault(g, []).append(y)
    only_a = []
    for x in rest_a:
        g = x.generic or (x.key if x.kind == "title" else None)
        cands = [y for y in generic_b.get(g, ()) if y.key not in used_b] if g else []
        if cands and (x.generic or cands[0].generic):
            y = cands[0]
            shared.append(SharedInitiative(g, x, y, generic=True))
            used_b.add(y.key)
        else:
            only_a.append(x)
    only_b = [y for y in ib if y.key not in used_b]
    return InitiativeDiff(shared=tuple(shared), only_a=tuple(only_a), only_b=tuple(only_b))
