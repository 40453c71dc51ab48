"""Named programmes, mechanisms and documents, and which of them two reports share.

An initiative is a named programme, reform, mechanism or system, campaign, platform, or a
cited document. Found on the normalised content lines (offsets mapped back to the original),
in three kinds:

* ``title``: a document title in 《》 (not a form, a periodical or an observance);
* ``quoted``: a name in quotes that is used as one: followed by a head word (“放管服”改革,
  “蒲公英”普法志愿者队伍, “闽执法”平台, whose name then includes the head), introduced by a
  programme verb (开展“四门四访”), or a programme of the national documents
  (``compare/data/initiatives.json``), or, in a clause on service items, a coined name of a
  service mode (98项政务服务事项实现“零跑腿”). Emphasis and slogans are not names: “关键少数”,
  “全覆盖”, a quoted word of the general dictionary (“一揽子”措施), a quoted list of short
  phrases, or a quote followed by 原则 / 要求 / 目标 …; a quoted name is keyed by its quote,
  whatever head follows (“工业上楼”试点 = “工业上楼”项目);
* ``mechanism``: an unquoted name: a specific qualifier before 制度 / 机制 / 责任制 / 改革 /
  平台 (公平竞争审查制度, 行政执法三项制度, 行政复议体制改革), a national programme name
  (扫黑除恶, 主题教育, 公平竞争审查), an online service platform (福建省网上办事大厅), or a law
  in an enumeration (宪法、民法典、安全生产法等).
  A bare generic mechanism (协作机制, 问责机制: a qualifier that names no object) is not one.

Each is filed under its key (``compare/initiative_keys.py``: script, punctuation, local prefix
and 制度 / 机制 suffix folded, aliases); the wording of each side is kept (``Initiative.name`` /
``names``) for display. A document that every government issues for itself is ``generic``: two
reports share it by its generic title only, and the match says so.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right, insort
from dataclasses import dataclass, field

from .initiative_keys import (
    FORM_ENDINGS,
    LAW_ENDINGS,
    MEDIA_WORDS,
    OBSERVANCE_ENDINGS,
    ZONE_HEADS,
    document_key,
    generic_title,
    initiative_key,
    is_generic_document,
    mechanism_key,
    unordered_key,
)
from .initiative_spans import (
    PLATFORM_RX,
    PROGRAMME_RX,
    QUOTED,
    abbreviated,
    extend_head,
    lead_cut,
    mechanism_span,
    platform_start,
    quoted_name,
    zone_start,
)
from .normalize import fold, to_simplified
from .model import Initiative, InitiativeDiff, InitiativeKind, Report, SharedInitiative

__all__ = ["extract_initiatives", "match_initiatives", "initiative_key", "document_key", "generic_title",
           "mechanism_key"]

MAX_TITLE = 60

_TITLE = re.compile(r"《([^《》\n]{2,80})》")
_MECHANISM = re.compile(r"专项整治|专项行动|责任制|制度|机制|改革|平台|[河湖林田路山]长制|[一二三四五六七八九]五普法|"
                        + "|".join(ZONE_HEADS))
_LAW_LIST = re.compile(
    r"(?:[\u4e00-\u9fff]{1,16}?(?:" + "|".join(LAW_ENDINGS) + r")(?:、|和|以及|及))+"
    r"[\u4e00-\u9fff]{1,16}?(?:" + "|".join(LAW_ENDINGS) + r")(?=等|、|以及|,|，|。|$)"
)
# words ending in 法 that are not laws (学法, 执法, 方法 …: 现代汉语词典 words)
_NOT_LAWS = {"学法", "用法", "守法", "找法", "普法", "执法", "懂法", "知法", "立法", "司法", "方法",
             "做法", "违法", "犯法", "依法", "护法", "讲法", "说法", "看法", "想法", "办法", "宪法"[:0] or "无法"}
_LAW_VERBS = ("尊崇", "学习", "遵守", "维护", "运用", "宣传", "普及", "贯彻", "实施", "执行", "落实", "开展")


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


# --------------------------------------------------------------------------- extraction


def extract_initiatives(report: Report) -> tuple[Initiative, ...]:
    """Named initiatives and document titles of the report, in order of first mention."""
    acc: dict[str, _Acc] = {}

    def add(line, a: int, b: int, kind: InitiativeKind, key: str) -> None:
        if len(key) < 2:
            return
        start, end = _span(report, line, a, b)
        name = report.text[start:end]
        entry = acc.get(key)
        if entry is None:
            generic = None
            if kind == "title":
                generic = generic_title(key) if is_generic_document(key) else None
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
        titles: list[tuple[int, int]] = []
        for m in _TITLE.finditer(s):
            title = m.group(1)
            if len(title) <= MAX_TITLE and not title.endswith(FORM_ENDINGS + OBSERVANCE_ENDINGS[:2]):
                ca, cb = m.start(), m.end()
                while ca > 0 and s[ca - 1] not in ",;。:!?，；：！？\n":
                    ca -= 1
                while cb < len(s) and s[cb] not in ",;。:!?，；：！？\n":
                    cb += 1
                clause = s[ca:m.start()] + s[m.end():cb]
                if any(w in clause for w in MEDIA_WORDS) and not s.startswith(("栏目", "专栏"), m.end()):
                    insort(taken, m.span())
                    continue  # 拍摄《“帮信”也是罪》等普法短视频: a video, not a document
                add(line, m.start(1), m.end(1), "title", document_key(title))
                titles.append(m.span())
        # names inside a title count too (《关于全面落实行政机关负责人出庭应诉制度的通知》)
        for m in QUOTED.finditer(s):
            if _inside(taken, m.start()):
                continue
            span = quoted_name(s, m)
            insort(taken, m.span())
            if span is not None:
                add(line, span[0], span[1], "quoted", mechanism_key(s[span[0]:span[1]]))
                if span[1] > m.end():
                    insort(taken, (m.end(), span[1]))
        for m in _LAW_LIST.finditer(s):
            if _inside(taken, m.start()):
                continue
            pos = m.start()
            for item in re.split(r"、|和|以及|及", m.group(0)):
                k = s.find(item, pos)
                pos = k + len(item)
                cut = max(lead_cut(item), item.rfind("了") + 1, item.rfind("的") + 1,
                          *(item.rfind(v) + len(v) for v in _LAW_VERBS if item.rfind(v) >= 0))
                name = item[cut:]
                if len(name) < 2 or name[-2:] in _NOT_LAWS or name.startswith(_LAW_VERBS):
                    continue
                add(line, k + cut, k + len(item), "mechanism", document_key(name))
                insort(taken, (k + cut, k + len(item)))
        for m in PROGRAMME_RX.finditer(s):
            if _inside(taken, m.start()) or _inside(taken, m.end() - 1):
                continue
            end = extend_head(s, m.end())
            if s.startswith(("宣传", "相伴", "进", "日", "周"), m.end()) and m.group(0) in ("民法典",):
                continue
            add(line, m.start(), end, "mechanism", mechanism_key(s[m.start():end]))
            insort(taken, (m.start(), end))
        for m in PLATFORM_RX.finditer(s):
            if _inside(taken, m.start()):
                continue
            start = platform_start(s, m.start())
            add(line, start, m.end(), "mechanism", mechanism_key(s[start:m.end()]))
            insort(taken, (start, m.end()))
        for m in _MECHANISM.finditer(s):
            if _inside(taken, m.start()):
                continue
            span = mechanism_span(s, m.start(), m.end())
            k = bisect_right(titles, (m.start(), math.inf)) - 1
            in_title = titles[k] if k >= 0 and titles[k][0] < m.start() < titles[k][1] else None
            if in_title is not None and span is not None:
                # inside a title only the title's subject: 《关于全面落实…出庭应诉制度的通知》
                if not (s.startswith(("的", "实施"), span[1]) and (span[0] == in_title[0] + 1 or s[span[0] - 2:span[0]] in _SUBJECT_VERBS)):
                    continue
            if span is not None and m.group(0) in ZONE_HEADS:
                # a zone is named by a noun phrase (深港科技创新合作区; not 支持高水平建设合作区)
                start = zone_start(s, span[0], m.start())
                span = (start, span[1]) if start is not None else None
            if span is not None and not _inside(taken, span[0]):
                add(line, span[0], span[1], "mechanism", abbreviated(s, span[1]) or mechanism_key(s[span[0]:span[1]]))
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


_SUBJECT_VERBS = {"落实", "建立", "推行", "实行", "健全", "完善", "关于", "执行"}


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    """Whether ``pos`` falls in one of the sorted, non-overlapping ``spans``."""
    # bisect, not a scan: a long unbroken line can hold tens of thousands of names
    i = bisect_right(spans, (pos, math.inf)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _span(report: Report, line, a: int, b: int) -> tuple[int, int]:
    if line.norm == line.text:
        return line.start + a, line.start + b
    return report.norm.span_to_original(line.nstart + a, line.nstart + b)


# --------------------------------------------------------------------------- matching


def match_initiatives(a: Report, b: Report) -> InitiativeDiff:
    """Shared, only-in-A and only-in-B initiatives: exact keys first, then the same enumeration
    in another order, then generic titles."""
    ia, ib = extract_initiatives(a), extract_initiatives(b)
    by_key_b = {x.key: x for x in ib}
    shared: list[SharedInitiative] = []
    used_b: set[str] = set()
    rest_a = []
    for x in ia:
        y = by_key_b.get(x.key)
        if y is not None:
            shared.append(SharedInitiative(x.key, x, y, generic=bool(x.generic or y.generic)))
            used_b.add(y.key)
        else:
            rest_a.append(x)
    rest_a = _same_set_in_another_order(rest_a, ib, used_b, shared)
    generic_b: dict[str, list] = {}
    for y in ib:
        if y.key not in used_b and y.generic:
            generic_b.setdefault(y.generic, []).append(y)
    only_a = []
    for x in rest_a:
        cands = [y for y in generic_b.get(x.generic, ()) if y.key not in used_b] if x.generic else []
        if cands:
            y = cands[0]
            shared.append(SharedInitiative(x.generic, x, y, generic=True))
            used_b.add(y.key)
        else:
            only_a.append(x)
    only_b = [y for y in ib if y.key not in used_b]
    only_a = _quoted_in_other(only_a, b, shared, a_side=True)
    only_b = _quoted_in_other(only_b, a, shared, a_side=False)
    return InitiativeDiff(shared=tuple(shared), only_a=tuple(only_a), only_b=tuple(only_b))


def _quoted_in_other(rest: list[Initiative], other: Report, shared: list, a_side: bool) -> list[Initiative]:
    """The quoted initiatives of ``rest`` the other report quotes word for word as well, if only as
    a slogan there (开展“大学习、深调研、真落实”活动 / 做好“大学习、深调研、真落实”工作): shared.
    The rest is returned."""
    left = []
    text = other.norm.text
    for x in rest:
        name = fold(to_simplified(x.name))
        m = _QUOTE_IN_NAME.search(name) if x.kind == "quoted" else None
        found = m.group(0) if m else ""
        pos = text.find(found) if found else -1
        bare = found[1:-1] if m else name if x.kind == "quoted" else ""
        if pos < 0 and len(bare) >= MIN_BARE_NAME:
            # the other report writes the name without quotes (“四门四访” / 开展四门四访活动)
            found = bare
            pos = text.find(found)
        if pos < 0:
            left.append(x)
            continue
        start, end = other.norm.span_to_original(pos, pos + len(found))
        section = other.section_at(start)
        name = other.text[start:end]
        y = Initiative(key=x.key, name=name, kind="quoted", sections=(section.id,) if section else (),
                       count=text.count(found), names=(name,))
        shared.append(SharedInitiative(x.key, x, y) if a_side else SharedInitiative(x.key, y, x))
    return left


_QUOTE_IN_NAME = re.compile(r"“[^“”]{2,}”")
# a quoted name this long, written unquoted in the other report, is the same programme there; a
# shorter one (“两违”, “放管服”) is a word the other report may use of something else
MIN_BARE_NAME = 4


def _unordered(x: Initiative) -> set[str]:
    return {k for n in x.names or (x.name,) if (k := unordered_key(n, x.kind == "title"))}


def _same_set_in_another_order(rest_a: list, ib, used_b: set[str], shared: list) -> list:
    """Pair the A initiatives left whose enumeration B writes in another order; the rest of A."""
    by_set: dict[str, Initiative] = {}
    for y in ib:
        if y.key not in used_b:
            for k in _unordered(y):
                by_set.setdefault(k, y)
    left = []
    for x in rest_a:
        y = next((by_set[k] for k in _unordered(x) if k in by_set and by_set[k].key not in used_b), None)
        if y is None:
            left.append(x)
        else:
            shared.append(SharedInitiative(x.key, x, y, generic=bool(x.generic or y.generic)))
            used_b.add(y.key)
    return left
