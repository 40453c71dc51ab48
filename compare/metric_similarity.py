"""How alike two counted things, two sentences and two windows of text are.

The measures behind figure pairing (``compare/metrics_match.py``): the counted thing of a label
(fillers and leading verbs dropped), character-bigram similarity of two counted things and a
test for two kinds of one head (法律援助案件 / 信访案件), and the rare-bigram overlap of two
sentences.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from .metric_labels import BARE_VERBS
from .terms import REPORT_VERBS

# Fillers that do not change what is counted: 其中行政诉讼案件 = 各类行政诉讼案件; a bare result
# verb between a subject and its measure (现代服务业实现增加值 = 现代服务业增加值) and an estimate
# (文化产业预计实现增加值: the year's result, not yet final) count the same thing.
_FILLERS = re.compile(
    r"预计|实现|其中|各级各类|各类|各项|全区|全市|全县|全镇|全省|全局|我局|我区|我市|我县|本级|全年|年内|今年|当年|"
    r"累计|共计|合计|总计|共|均|已|分别|以来|目前|截至目前|“|”|\"|\(|\)|（|）|、|\s|\d"
)


@lru_cache(maxsize=8192)
def simplified(label: str) -> str:
    from .normalize import fold, to_simplified

    return fold(to_simplified(label))


@lru_cache(maxsize=8192)
def core_label(label: str) -> str:
    """The counted thing: the label in simplified script without fillers, quotes, digits and
    leading verbs (出动执法人员 counts 执法人员; the verb is kept apart as the action). Words
    before a verb inside the label say how or where it was done, not what was counted
    (高质量办理人大代表建议 counts 人大代表建议), when at least four characters follow the verb."""
    core = _FILLERS.sub("", simplified(label))
    changed = True
    while changed:
        changed = False
        for v in _LEAD_VERBS:
            if core.startswith(v) and len(core) >= len(v) + 3:
                core = core[len(v):]
                changed = True
                break
    last = max((m.end() for m in _LEAD_VERB_RX.finditer(core) if m.start() > 0 and len(core) - m.end() >= 4),
               default=0)
    return core[last:]


_INNER_VERBS = tuple(sorted(set(REPORT_VERBS) | {"出动", "安排", "组织"}, key=len, reverse=True))
_LEAD_VERB_RX = re.compile("|".join(map(re.escape, _INNER_VERBS)))
# at the start, the bare verbs too (实现集装箱吞吐量 counts 集装箱吞吐量); inside a label the words
# before 实现 are its subject (综保区实现进出口额), so those are cut only at the report verbs
_LEAD_VERBS = tuple(sorted(BARE_VERBS | set(_INNER_VERBS), key=len, reverse=True))



def bigrams(s: str) -> Counter:
    s = re.sub(r"[\s,，、:：]", "", s)
    return Counter(s[k:k + 2] for k in range(len(s) - 1))



def weighted(g: Counter, idf: dict[str, float]) -> tuple[dict[str, float], float]:
    vec = {k: idf.get(k, 0.0) for k in g}
    return vec, sum(vec.values()) or 1.0


def cosine(x: tuple[dict[str, float], float], y: tuple[dict[str, float], float]) -> float:
    """Weighted overlap of two sentences' bigrams, relative to the shorter sentence: a short
    sentence wholly inside a long one is as similar as it can be."""
    (vx, nx), (vy, ny) = x, y
    if len(vx) > len(vy):
        vx, vy = vy, vx
    shared = sum(min(w, vy[k]) for k, w in vx.items() if k in vy)
    return shared / (min(nx, ny) or 1.0)



@lru_cache(maxsize=65536)
def label_similarity(x: str, y: str) -> float:
    """Similarity of two counted things (core labels), 0..1.

    Character bigrams (Dice), raised when one contains the other or both end in the same
    two characters (案件, 诉求件: the head of a Chinese noun phrase is at its end).
    """
    if not x or not y:
        return 0.0
    if x == y:
        return 1.0
    x, y = _BODY_WORDS.sub("", x) or x, _BODY_WORDS.sub("", y) or y
    if x != y:  # 普法活动 / 宣传活动: compared as 普法宣传教育活动 / 宣传活动
        x, y = _spelled_out(x), _spelled_out(y)
    gx = {x[k:k + 2] for k in range(len(x) - 1)} or {x}
    gy = {y[k:k + 2] for k in range(len(y) - 1)} or {y}
    sim = 2 * len(gx & gy) / (len(gx) + len(gy))
    ux, uy = set(x), set(y)
    sim = max(sim, 0.8 * 2 * len(ux & uy) / (len(ux) + len(uy)) - 0.1)
    short, long_ = sorted((x, y), key=len)
    if len(short) >= 2 and short in long_:
        sim = max(sim, 0.6 + 0.4 * len(short) / len(long_))
    if len(x) >= 2 and len(y) >= 2 and x[-2:] == y[-2:] and x[-2:] not in GENERIC_HEADS:
        sim = sim + 0.2
    elif set(x) & set(y):
        sim = max(sim, 0.05)
    return min(sim, 0.95)  # only the same counted thing is 1


# heads that say little of what is counted (法制审核人员 / 行政执法人员; a change word: 新设企业增长 /
# 服务业增加值增长): the modifiers must carry it
GENERIC_HEADS = frozenset({"人员", "单位", "部门", "机构", "企业", "群众", "增长", "下降", "提高", "降低", "增加", "减少", "上升"})


def shares_a_pair(x: str, y: str) -> bool:
    return bool({x[k:k + 2] for k in range(len(x) - 1)} & {y[k:k + 2] for k in range(len(y) - 1)})


def part_of(whole: str, part: str, unit: str = "") -> bool:
    """Whether ``part`` names a kind of ``whole``: it ends like it and holds its characters in
    order (信访件 / 国重信访件, 信访件 / 信访初查件). When the whole ends in its own measure word
    (信访件 counted in 件), that word is no head: 信访复查 is a kind of 信访件 too."""
    if unit and whole.endswith(unit) and len(whole) > len(unit) + 1:
        whole = whole[: -len(unit)]
        it = iter(part)
        return part != whole and all(ch in it for ch in whole)
    it = iter(part)
    return whole[-1:] == part[-1:] and all(ch in it for ch in whole)


@lru_cache(maxsize=65536)
def different_kinds(x: str, y: str) -> bool:
    """Two counted things with the same head but unrelated modifiers: 法律援助案件 / 信访案件,
    规范性文件 / 政府合同文件. The head of a Chinese noun phrase is its end; when what comes
    before it shares no character on the two sides, the two count different kinds of it."""
    k = 0
    while k < min(len(x), len(y)) and x[-1 - k] == y[-1 - k]:
        k += 1
    if k == 0:
        # alike only before two different things: 市级以上创新载体 / 市级以上专精特新企业 (each
        # rest a phrase of its own; 民生领域投入 / 民生领域支出 differ by a word only)
        p = 0
        while p < min(len(x), len(y)) and x[p] == y[p]:
            p += 1
        return p >= 2 and min(len(x), len(y)) - p >= 4 and not shares_a_pair(x[p:], y[p:])
    mx, my = _BODY_WORDS.sub("", x[:-k]), _BODY_WORDS.sub("", y[:-k])
    # a leading word both share does not make the kinds alike: 行政许可事项 / 行政执法事项,
    # 行政复议案件 / 行政诉讼案件 differ in what stands between it and the head
    p = 0
    while p < min(len(mx), len(my)) and mx[p] == my[p]:
        p += 1
    if p >= 2 and len(mx) - p >= 2 and len(my) - p >= 2:  # two words, not 全面 / 全方位
        mx, my = mx[p:], my[p:]
    # function words say nothing of the kind: 占财政支出比重 / 金融业增加值占GDP比重
    shared = (set(_with_aliases(mx)) & set(_with_aliases(my))) - _FUNCTION_CHARS
    return bool(mx) and bool(my) and not shared


_FUNCTION_CHARS = frozenset("占的之和及与")


def _spelled_out(label: str) -> str:
    """The label with each short name written out (普法活动 → 法治宣传教育活动)."""
    for short, full in _SHORT_NAMES:
        if short in label and full not in label:
            label = label.replace(short, full)
    return label


def _with_aliases(modifier: str) -> str:
    """The modifier and its spelled-out form together (代表 → 代表人大代表), so that either shares
    a character with the other side."""
    return modifier + _spelled_out(modifier)


# 代表建议 are 人大代表 建议, 委员提案 政协委员 提案: the terms of 《全国人民代表大会代表建议、批评和意见
# 处理办法》 and the 政协 提案 rules; 普法 is 法治宣传教育 (the 八五普法规划 is 关于开展法治宣传教育的
# 第八个五年规划), so 普法活动 are 宣传活动
_SHORT_NAMES = (("代表", "人大代表"), ("委员", "政协委员"), ("普法", "法治宣传教育"))


# who issued or holds a thing does not say what kind it is: 政府合同文件 / 区政府行政规范性文件
_BODY_WORDS = re.compile(r"^[省市区县镇乡]?(?:人民)?政府")


# a figure measured against something: 增速高于工业平均增速 2.4个百分点
_COMPARED = re.compile(r"(?:高于|低于|快于|慢于|超过|超出|领先|落后于?)(.+)$")


def other_bases(x: str, y: str) -> bool:
    """Whether two figures are each measured against something, and against different things
    (增速高于工业平均增速 / 增速高于上年: two gaps, not one gap in two years)."""
    mx, my = _COMPARED.search(x), _COMPARED.search(y)
    return mx is not None and my is not None and mx.group(1) != my.group(1)


@lru_cache(maxsize=65536)
def inserted_kind(x: str, y: str) -> bool:
    """Whether one counted thing is the other with words inserted before its head (行政执法人员 /
    行政执法监督人员): a narrower kind. Words put in front (执法人员 / 行政执法人员) or after
    (行政复议 / 行政复议案件) only write the same thing more fully."""
    short, long_ = sorted((x, y), key=len)
    if len(short) < 3 or short in long_:
        return False
    k = 0
    while k < len(short) and short[k] == long_[k]:
        k += 1
    tail = short[k:]
    if not (2 <= k and len(tail) >= 2 and long_.endswith(tail) and len(long_) - len(short) >= 2):
        return False
    # an inserted activity narrows the kind (监督, 受理); an inserted holder does not (政协委员提案)
    from .terms import tokenizer

    return any(flag.startswith("v") for _, flag in tokenizer().tag(long_[k:len(long_) - len(tail)]))


@lru_cache(maxsize=65536)
def ratio(x: str, y: str) -> float:
    if not x and not y:
        return 1.0
    from rapidfuzz import fuzz

    return fuzz.ratio(x, y) / 100
