"""What the figure matcher reads of each figure of one report (``compare/metrics_match.py``).

For each figure of a report: its counted thing (the label's core, without fillers, a leading
action or the reporting body's own place), the action before the number (``ACTIONS``), narrowing
scope words (``SCOPE``), whether its clause counts the year's new ones or a total held, the name
its label quotes or that opens its clause, its sentence (as text and as character bigrams), the
words around the number, and whether it is one of several kinds of one thing in its sentence.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .metric_labels import enclosing
from .metric_similarity import bigrams, core_label, shares_a_pair, simplified
from .metrics_extract import extract_metrics
from .model import Metric, Report

# What is done to the counted thing; different groups count different things. From the verbs
# of the 法治政府建设 report outline (受理 / 办结 行政复议, 出台 / 废止 规范性文件 ...).
ACTIONS: dict[str, tuple[str, ...]] = {
    "intake": ("受理", "收到", "接收", "接到", "登记", "新收"),
    "close": ("办结", "审结", "结案", "答复", "化解", "调处成功", "调解成功", "成功调处", "成功调解", "已出结果"),
    "issue": ("出台", "制定", "印发", "发布", "制发", "公布", "新建", "新增"),
    "repeal": ("废止", "取消", "删除", "宣布失效"),
    "revise": ("修改", "修订"),
    "keep": ("保留",),
    "review": ("审查", "审核", "备案"),
    "reject": ("不予受理", "驳回", "败诉", "未出结果"),
    "correct": ("纠错", "撤销", "确认违法", "变更"),
}
_ACTION_RX = re.compile("|".join(sorted((re.escape(v) for vs in ACTIONS.values() for v in vs), key=len, reverse=True)))
_ACTION_OF = {v: k for k, vs in ACTIONS.items() for v in vs}
# a label that is its action alone (决定保留, 予以修改): the verb is the action, not the thing
_ACTION_ONLY = re.compile("(?:决定|予以|依法)?(?:" + _ACTION_RX.pattern + ")")
# actions written before the counted thing, bare or in brackets (（修订）规范性文件)
_ACTION_LEAD = re.compile("^(?:[(（]?(?:" + _ACTION_RX.pattern + ")[)）]?[、和或及]?)+")

# Words that narrow what is counted to a part (涉企 纠错 is a part of all 纠错).
SCOPE = ("其他", "其余", "另有", "新增", "重大", "一般", "涉企", "涉外", "涉台", "涉旅", "涉法", "涉诉",
         "市级", "区级", "县级", "乡镇", "街道", "社区", "村级", "市直", "区直")
_SCOPE_RX = re.compile("|".join(SCOPE))

# words before a figure that make it a total held (增至41个, 总量达2215家), not the year's new ones (新增)
_STOCK_WORDS = ("增至", "总数", "总量", "累计", "共有", "现有", "达到", "总计")

RATE_UNITS = frozenset({"%", "‰", "个百分点", "百分点"})

# levels of government before a counted thing (市、区政协提案): shared by two counts, they do not
# make them kinds of one whole
_LEVELS = re.compile(r"^[省市区县镇乡、]+")
_MASK = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?|百分之")
_QUOTED_NAME = re.compile(r"“([^“”]{2,})”")
_SENTENCE_BREAK = set(";。!?；！？\n")


@dataclass
class FigureSide:
    """What the matcher reads of every figure of one report, figure by figure."""

    metrics: tuple[Metric, ...]
    labels: list[str]
    actions: list[frozenset[str]]
    scopes: list[frozenset[str]]
    left: list[str]
    right: list[str]
    sentences: list[int]  # sentence id of each metric
    anchors: list[str]  # the counted thing of the first figure of the sentence, when not this one
    breakdown: list[bool]  # one of several counts of the same head in its sentence (a part)
    thresholds: list[bool]  # a bound or target (不低于, 突破), not a result
    sentence_grams: list[Counter] = field(default_factory=list)
    quoted: list[str] = field(default_factory=list)  # the name quoted in the label (“网上办”事项) or opening its clause
    label_chars: list[frozenset[str]] = field(default_factory=list)  # the characters of each label
    sentence_texts: list[str] = field(default_factory=list)  # each figure's sentence, simplified
    stocks: list[str] = field(default_factory=list)  # "flow" (新增 …), "stock" (增至, 总量 …) or ""


def read_side(report: Report, window_left: int, window_right: int) -> FigureSide:
    """What the matcher reads of each figure of ``report`` (``window_*``: characters of context
    kept on each side of a number)."""
    metrics = extract_metrics(report)
    text = report.norm.text
    own_places = _own_places(report)
    labels, actions, scopes, left, right, sentences = [], [], [], [], [], []
    stocks: list[str] = []
    clause_names: list[str] = []
    sentence_texts: list[str] = []
    sentence_of: dict[str, int] = {}
    grams: list[Counter] = []
    for m in metrics:
        ns, ne = report.norm.to_normalised(m.start), report.norm.to_normalised(m.end)
        a, b = enclosing(text, ns, ne, _SENTENCE_BREAK)
        sentence_texts.append(simplified(text[a:b]))
        key = _MASK.sub("#", text[a:b])  # one id per distinct sentence: repeated text is scored once
        if key not in sentence_of:
            sentence_of[key] = len(grams)
            grams.append(bigrams(key))
        sentences.append(sentence_of[key])
        wa = max(a, ns - window_left)
        wb = min(b, ne + window_right)
        left.append(_MASK.sub("#", text[wa:ns]))
        right.append(_MASK.sub("#", text[ne:wb]))
        label = core_label(m.label)
        if _ACTION_ONLY.fullmatch(label):
            label = ""
        elif m.unit not in RATE_UNITS:  # （修订）规范性文件: the action is read apart, the thing is
            rest = _ACTION_LEAD.sub("", label)  # 规范性文件; but 办结率 is a rate of its own
            label = rest if len(rest) >= 3 else label
        # the reporting body naming itself (某片区各类行政诉讼复议案件) says where, not what
        own = next((p for p in own_places if label.startswith(p) and len(label) - len(p) >= 2), None)
        if own is not None:
            label = label[len(own):]
        labels.append(label)
        # the action is the verb nearest before the number in its clause, or one in the label
        clause_start = max(a, ns - 24)
        for k in range(ns - 1, clause_start - 1, -1):
            if text[k] in ",，;；:：":
                clause_start = k + 1
                break
        acts = _last_actions(text, clause_start, ns)
        if not acts:
            found = [mm.group(0) for mm in _ACTION_RX.finditer(simplified(m.label))]
            acts = {_ACTION_OF[f] for f in found[-1:]}
        actions.append(frozenset(acts))
        scopes.append(frozenset(_SCOPE_RX.findall(simplified(m.label))))
        name, stock = _clause_reading(simplified(text[clause_start:ns]))
        clause_names.append(name)
        stocks.append(stock)
    anchors = []
    for k, sid in enumerate(sentences):
        first = k
        while first > 0 and sentences[first - 1] == sid:
            first -= 1
        anchors.append(labels[first] if first != k else "")
    # a figure labelled by its action alone (决定保留25件 after 规范性文件46件) counts the thing of
    # the sentence's first figure
    labels = [lab or anchor for lab, anchor in zip(labels, anchors)]
    breakdown = []
    for k, sid in enumerate(sentences):
        # another count in the same sentence, of the same unit and the same domain (信访初查件,
        # 信访复查 …): each is one kind of a whole
        # a rate is no part of a whole: 增长5.2%，占财政支出比重75.9% are not two kinds of one thing
        breakdown.append(bool(labels[k]) and metrics[k].unit not in RATE_UNITS and any(
            sentences[o] == sid and o != k and metrics[o].unit == metrics[k].unit
            and labels[o] != labels[k] and shares_a_pair(_LEVELS.sub("", labels[o]), _LEVELS.sub("", labels[k]))
            for o in range(max(0, k - 8), min(len(labels), k + 9))))
    thresholds = [m.threshold for m in metrics]
    quoted = _quoted_names(metrics, sentences, clause_names)
    return FigureSide(metrics, labels, actions, scopes, left, right, sentences, anchors, breakdown, thresholds, grams,
                 quoted, [frozenset(lab) for lab in labels], sentence_texts, stocks)




def _clause_reading(before: str) -> tuple[str, str]:
    """What the clause before a figure says of it: the quoted name that opens the clause (its
    subject: “两区一带”重点区域完成年度固定资产投资), and whether it counts the year's new ones ("flow":
    新增) or a total held ("stock": 增至, 总量 …), else ""."""
    opening = _QUOTED_NAME.match(before)
    stock = "flow" if "新增" in before else "stock" if any(w in before for w in _STOCK_WORDS) else ""
    return (opening.group(1) if opening else ""), stock


def _quoted_names(metrics, sentences: list[int], clause_names: list[str]) -> list[str]:
    """The name each figure's label quotes, else the one opening its clause; a growth written
    after its level (…369.3亿元，增长57.3%) counts within the level's named part."""
    names = list(clause_names)
    for k in range(1, len(metrics)):
        if not names[k] and sentences[k] == sentences[k - 1] and metrics[k].label.startswith(metrics[k - 1].label):
            names[k] = names[k - 1]
    out = []
    for k, m in enumerate(metrics):
        q = _QUOTED_NAME.search(simplified(m.label))
        out.append(q.group(1) if q else names[k])
    return out


# a place or area an organisation is named after: 某综合实验区 / 某片区 in 某综合实验区某片区管理局
_PLACE = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:综合实验区|实验区|开发区|新区|片区|自治州|自治县|自治区|省|市|区|县|镇|乡|街道)")


def _own_places(report: Report) -> tuple[str, ...]:
    """The places the report's own title and organisation are named after, longest first."""
    names = {simplified(n) for n in (report.meta.organization, report.meta.title) if n}
    found = {m.group(0) for n in names for m in _PLACE.finditer(n)}
    return tuple(sorted(found, key=len, reverse=True))


# what joins alternative actions of one count: 出台（修订）, 制定、修订, 受理和办结
_ACTION_JOINS = frozenset({"(", "（", "、", "/", "和", "或", "及", "与"})


def _last_actions(text: str, start: int, end: int) -> set[str]:
    """The action groups of the verb nearest before ``end`` and of the verbs joined to it."""
    found = list(_ACTION_RX.finditer(text, start, end))
    if not found:
        return set()
    joined = [found[-1]]
    for mm in reversed(found[:-1]):
        if text[mm.end():joined[-1].start()] not in _ACTION_JOINS:
            break
        joined.append(mm)
    return {_ACTION_OF[mm.group(0)] for mm in joined}
