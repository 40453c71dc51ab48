"""What a figure counts: its label, from the words around the number (rule of ``compare.metrics_extract``).

1. When the unit is a counting word and a noun phrase follows it (``办理了23件行政复议案件``,
   ``30个高频事项``), the label is that phrase, cut at the next verb, conjunction or digit.
2. Otherwise it is the clause before the number, with a leading time phrase removed, cut after
   the last common report verb when at least three characters follow it, and trimmed of fillers
   and linking words (共, 累计, 全市, 达, 为, 由, 至 …).
3. A number that continues the previous one (由2802个精简至2684个) is the same count; a bare change
   word or verb (增长, 审结) takes the previous count's label before it; the figures of a 分别 list
   take their own subjects.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from .metric_units import COUNTING as _COUNTING
from .terms import REPORT_VERBS, tokenizer

if TYPE_CHECKING:
    from .metrics_extract import _Hit

_CLAUSE_BREAK = set(",;。:!?，；。：！？\n")

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
    # adverbs of time and intent before the verb (固定资产投资首次突破200亿元, 游客力争突破600万人次)
    "首次", "再次", "力争", "预计",
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


# 现代服务业、专业服务业、文化产业分别实现增加值2703.3亿元、412.1亿元、368亿元
_RESPECTIVELY_VERBS = ("实现", "达到", "达", "完成", "为", "是", "有", "占", "增长", "下降", "提高", "减少")


def _respectively(s: str, hits: list[_Hit]) -> dict[int, tuple[tuple[int, int], tuple[int, int]]]:
    """Hits of a 分别 list with their own subject: hit index -> (subject span, measure span)."""
    out: dict[int, tuple[tuple[int, int], tuple[int, int]]] = {}
    k = 0
    while k < len(hits):
        h = hits[k]
        ca, _ = enclosing(s, h.start, h.end)
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
            shared = _shared_quantity(s, subjects) if ma == mb else None
            for idx, subj in zip(run, subjects):
                # 会议、文件数量分别下降6.5%、5.6%: 会议数量 and 文件数量
                own = shared is None or s[subj[0]:subj[1]].endswith(s[shared[0]:shared[1]])
                out[idx] = (subj, (ma, mb) if own else shared)
        k = run[-1] + 1
    return out


# nouns that name a quantity of what comes before them (会议数量, 财政收入总额): a 分别 list that writes
# one after its last item means it for every item
_QUANTITY_HEADS = ("数量", "总量", "总额", "金额", "面积", "人数", "户数", "件数", "次数", "规模",
                   "比重", "占比", "比例", "增速", "增幅", "降幅")


def _shared_quantity(s: str, subjects: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The span of a quantity noun that ends the last subject of a list and no other one."""
    lo, hi = subjects[-1]
    tags = _pos_tags(s[lo:hi])
    head = tags[-1][0] if len(tags) >= 2 else ""
    # a word of its own after a thing of two characters or more (会议、文件数量; not 社会消费品零售总额,
    # 亡人数); every other item names a thing, not already a quantity (事故宗数、死亡人数)
    if head not in _QUANTITY_HEADS or hi - lo - len(head) < 2:
        return None
    if any(s[b - 1] in "数量额率" for _, b in subjects[:-1]):
        return None
    return hi - len(head), hi


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



def enclosing(s: str, a: int, b: int, breaks: set[str] = _CLAUSE_BREAK) -> tuple[int, int]:
    """The span of ``s`` around ``a:b`` up to the nearest ``breaks`` on each side (its clause)."""
    i = a
    while i > 0 and s[i - 1] not in breaks:
        i -= 1
    j = b
    while j < len(s) and s[j] not in breaks:
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
    if continues and prev_label and raw.startswith(prev_label) and raw[len(prev_label):len(prev_label) + 1] in _LIST_JOINS:
        # 34条黑臭水体治理工程、764公里雨污分流管网: the previous figure's thing came after it,
        # so in the same list this one's comes after it too
        if after[1] - after[0] < 2 and h.unit not in _COUNTING:
            after = _after_phrase(s, h.end)
        if after[1] - after[0] >= 2 and s[after[0]:after[1]] not in _VAGUE:
            return "own", after[0], after[1]
    a, b = _trim_before(s, i, h.start)
    if raw.strip() in _LINKS and i > 0 and s[i - 1] in ",，":  # a clause of a link word alone
        if i - 1 <= prev_end:
            if prev_label:
                # 工业增加值增长12.0%，达2240.65亿元: the level of the thing the clause before counts
                return "inherit", h.start, h.start
        else:
            # 集装箱吞吐量再创历史新高，达1416.1万标箱: the subject is in the clause before
            j = i - 1
            while j > 0 and s[j - 1] not in _CLAUSE_BREAK and j > prev_end:
                j -= 1
            pa, pb = _trim_before(s, j, i - 1)
            if pb - pa >= 2:
                return "own", pa, pb
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
# linking words that may stand alone between a comma and a figure
_LINKS = {"达", "达到", "为", "是", "共", "共计", "累计", "合计", "计", "约", "近", "超", "超过"}
_VAGUE = {"内容", "工作", "情况", "方面工作", "事情", "东西"}
# what joins the items of a list of figures (34条…工程、764公里…管网)
_LIST_JOINS = frozenset({"、", "和", "及", "与"})

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
    if b == m.end() and _names_next_figure(s, b):
        return a, a  # 办理人大代表建议12件政协提案4件: the phrase names the next figure
    phrase = s[a:b]
    close = phrase.find("”") if phrase.startswith("“") else -1
    if close > 0:
        # a quoted name is one word, whatever verbs it holds (6场“福田表达”全国公开课展示活动)
        return a, a + close + 1 + _verb_cut(phrase[close + 1:])
    cut = _verb_cut(phrase)
    return a, a + cut


def _names_next_figure(s: str, b: int) -> bool:
    """Whether a figure starts at ``b`` with nothing counted after it (…政协提案4件，), so that
    the phrase before it is its label; 8个部门共3项职权 keeps 部门 for the 8."""
    m = _NEXT_FIGURE.match(s, b)
    return m is not None and not (m.end() < len(s) and _is_cjk(s[m.end()]))


_NEXT_FIGURE = re.compile(r"\d+(?:\.\d+)?[余多]?(?:" + "|".join(sorted(map(re.escape, _COUNTING), key=len, reverse=True)) + ")")


@lru_cache(maxsize=8192)
def _verb_cut(phrase: str) -> int:
    """Length of the noun phrase at the start of ``phrase`` (cut before a verb after a noun)."""
    pos = 0
    tokens = _pos_tags(phrase)
    for k, (word, flag) in enumerate(tokens):
        if k and flag in ("v", "vd", "vi", "d", "p", "c", "r", "u", "uj", "ul", "ad"):
            prev = tokens[k - 1][1]
            nxt = tokens[k + 1][0] if k + 1 < len(tokens) else ""
            # a verb between nouns that ends in a noun modifies it (便民服务审批事项)
            rest_nouns = k + 1 < len(tokens) and all(f.startswith("n") for _, f in tokens[k + 1:])
            if flag.startswith("v") and (not prev.startswith("n") or nxt.startswith(_HEADS) or rest_nouns):
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


def tag_words(phrase: str) -> tuple[tuple[str, str], ...]:
    """jieba's words of ``phrase`` with their part-of-speech tags (cached)."""
    return _pos_tags(phrase)


def has_verb(phrase: str) -> bool:
    """Whether jieba tags a word of ``phrase`` as a verb (实施, 改建; not the noun-verb 检查)."""
    return any(flag in ("v", "vd", "vi") for _, flag in _pos_tags(phrase))


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
    # the subject comes before 共/累计: 开发区审批局累计办件 -> 办件; but when only a verb follows
    # it, what comes before is the counted thing (现场办件共计办理3048件 -> 现场办件)
    for f in ("累计", "共计", "合计", "共"):
        k = seg.rfind(f)
        rest = seg[k + len(f):]
        if k >= 2 and rest in REPORT_VERBS and f != "共":
            seg = seg[:k]
            break
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
                # what is left must be a thing, not a bare quantity (旅游接待总人数 is not 总人数)
                if rest[0] not in _BOUND_SUFFIX and k + len(v) > best and rest.lstrip("总") not in _QUANTITY_HEADS:
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
