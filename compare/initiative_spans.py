"""Where the name of an initiative starts and ends on a line.

Three kinds of name (see ``compare/initiatives.py``): a quote used as a name (with the head word
that follows it, or the qualifier before it, or a service mode named in a clause on service
items), and an unquoted mechanism: a specific qualifier before 制度 / 机制 / 改革 / 平台, cut after
the last verb or filler, or an online service platform after its place. Each test here returns a span
of the normalised line, or None when the words are emphasis, a slogan, a fragment or a bare
generic mechanism.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .initiative_keys import (
    COUNT_WORD,
    HEADS,
    OBSERVANCE_ENDINGS,
    PLATFORMS,
    PROGRAMME_KEYS,
    PROGRAMME_PATTERNS,
    PROGRAMME_VERBS,
    PROGRAMMES,
    SERVICE_CHARS,
    SERVICE_WORDS,
    SLOGAN_HEADS,
    WEAK_HEADS,
    initiative_key,
    mechanism_key,
)
from .metric_labels import tag_words
from .terms import REPORT_VERBS, token_spans

MAX_QUOTED = 30
MAX_QUALIFIER = 16

QUOTED = re.compile(r"“([^“”\n]{1,40})”")
INTERNET_PLUS = "互联网+"
_GENERIC_QUALIFIERS = {
    "工作", "长效", "各项", "相关", "规章", "管理", "有关", "配套", "协调", "联动", "保障",
    "运行", "考核", "监督", "责任", "领导", "体制", "一系列", "多项", "各类", "系列", "常态化",
    "体制机制", "制度", "机制", "规范", "完善", "健全", "这一", "该项", "此项", "新", "好",
    "会议", "基本", "重要", "科学", "内部", "日常", "学习", "现代", "法律", "法治", "议事",
    "协作", "问责", "统筹", "动态", "深化", "全面", "党内法规", "制度体系", "工作体系",
    "重点领域", "关键环节",  # 重点领域和关键环节制度建设: the stock phrase of any report
}
_MECH_LEAD = REPORT_VERBS + (
    "落实", "建立", "健全", "完善", "推行", "实行", "执行", "坚持", "推进", "深化", "强化",
    "严格", "规范", "全面", "重点", "进一步", "加强", "创新", "探索", "构建", "形成", "出台",
    "制定", "修订", "实施", "贯彻", "推动", "用好", "抓好", "做好", "发挥", "运用", "依托",
    "按照", "通过", "根据", "依据", "以", "将", "把", "对", "和", "与", "及", "等", "的", "了",
    "均", "已", "并", "还", "都", "各", "普遍", "积极", "认真", "不断", "逐步", "切实", "实现",
    "确保", "接受", "认领", "使用", "推广", "应用", "稳步", "持续", "扎实", "着力", "大力",
    "继续", "常态化", "全面推行", "严格落实", "有关", "相关", "各项", "各类", "各种", "多种", "一系列", "系列",
    "利用", "充分利用", "依托", "加快", "加大", "打造", "搭建", "建成", "巩固", "拓展", "提升",
    # the reporting body speaking of itself (as in the fillers of metric_similarity)
    "本单位", "本部门", "本机关", "本系统", "我局", "我区", "我市", "我县", "我委", "我办",
)
_MECH_LEAD = tuple(sorted(set(_MECH_LEAD), key=len, reverse=True))
# a lead word is never the start of a longer word: 规范性文件 is not 规范 + 性文件
_MECH_LEAD_RX = re.compile("(?:" + "|".join(map(re.escape, _MECH_LEAD)) + ")(?![性化率])")
_BREAK = set(",;。:!?、()“”《》\n ")
_ACTION_LEADS = tuple(v for v in _MECH_LEAD if v not in REPORT_VERBS)

PLATFORM_RX = re.compile("|".join(sorted(map(re.escape, PLATFORMS), key=len, reverse=True)))
PROGRAMME_RX = re.compile("|".join(sorted((re.escape(p) for p in PROGRAMMES), key=len, reverse=True)))

_CONTROL_WORDS = frozenset({"落实", "建立", "健全", "完善", "推行", "实行", "执行", "坚持", "严格", "全面", "严格落实",
                            "全面推行", "的", "和", "与", "及", "等", "了", "将", "把", "对", "以"})
_SYSTEM_HEADS = ("制度", "机制", "责任制")
_CAMPAIGN_HEADS = ("专项整治", "专项行动")


def quoted_name(s: str, m: re.Match) -> tuple[int, int] | None:
    """The span of the initiative a quote names (the quote, plus its head word when one follows),
    or None when the quote is emphasis, a slogan, a date or an observance."""
    text = m.group(1).strip()
    a, b = m.start(), m.end()
    if not re.search(r"[\u4e00-\u9fffA-Za-z]", text):
        # “12345”便民服务热线: a number named by the head that follows
        end = extend_head(s, b)
        # “12345”便民服务热线; “5+3+1”现代产业体系: numbers that name a set, by their head, or by
        # the head of the list they open (“3550”、“不见面审批”等改革)
        if not re.fullmatch(r"\d+(?:[+＋]\d+)*", text):
            return None
        if end > b:
            return a, end
        return (a + 1, b - 1) if _shares_a_later_head(s, b) else None
    if len(text) < 2 or len(text) > MAX_QUOTED:
        return None
    if re.search(r"\d", text) and text.endswith(OBSERVANCE_ENDINGS):
        return None  # “4.15国家安全教育日”
    if text.endswith(OBSERVANCE_ENDINGS) and not s.startswith(_SYSTEM_HEADS, b):
        return None  # 国家宪法日, 宪法宣传周; but “领导接访日”制度 is a system
    if re.match(r"[一二三四五六七八九]五$", text) and s.startswith("普法", b):
        return a, b + 2
    if re.fullmatch(r"十[一二三四五六七八九]?五", text):
        # “十四五”: the national five-year plan of that number (and a local one made under it)
        end = b + 2 if s.startswith("规划", b) else b
        return (a, end) if end > b else (a + 1, b - 1)
    key = initiative_key(text)
    # “互联网+X”: a field of the national “互联网+” action (国务院关于积极推进“互联网+”行动的指导意见)
    known = (key in PROGRAMME_KEYS or PROGRAMME_RX.fullmatch(text) is not None
             or any(p.fullmatch(key) for p in PROGRAMME_PATTERNS)
             or key.startswith(INTERNET_PLUS) and len(key) > len(INTERNET_PLUS) + 1)
    after = s[b:b + 6]
    if after.startswith("的"):
        # “一門、一網、一次”的改革; but “…”的模式 / 的工作 describe, they do not name
        head = next((h for h in _STRONG_HEADS if s.startswith(h, b + 1) and h != "模式"), None)
        if head is not None:
            return a, b + 1 + len(head)  # “一門、一網、一次”的改革: 的 joins the name to its head
    # “模拟审批制”, “四张清单”: the quote ends in the kind of thing it names
    names_its_kind = not known and text.endswith(_STRONG_HEADS + ("制", "清单"))
    # “基层减负年”, “法治建设年”: a year named for a campaign (not a date, not an anniversary)
    campaign_year = text.endswith("年") and len(text) >= 4 and not re.search(r"[\d〇零一二三四五六七八九十百]年$", text)
    if after.startswith(SLOGAN_HEADS) and not known and not names_its_kind and not campaign_year:
        return None  # but “规范涉企行政执法专项行动”要求 is still the campaign's name
    # a weak head (工作, 措施) names neither a dictionary word (“一揽子”措施) nor a count (“三防”工作)
    coined = not _one_word(text)
    end = extend_head(s, b, weak=coined and not _COUNTED.fullmatch(text), coined=coined)
    if end > b:
        return a, end
    if names_its_kind:
        # “模拟审批制”, “审批服务便民化改革”: the quote names its own kind; 行政执法“三项制度”
        # and 投资项目“模拟审批制” keep the qualifier written before the quote
        start = _with_qualifier(s, a)
        return (start, b) if start < a else (a + 1, b - 1)
    if known or campaign_year:
        return a + 1, b - 1
    if _is_phrase_list(text):
        return None
    if s.startswith("等", b) and extend_head(s, b + 1) > b + 1:
        return a + 1, b - 1  # “两令一书一信”等工作激励制度: the quote names one such system
    k = a
    while k > 0 and s[k - 1] == " ":
        k -= 1
    if len(text) >= 4 and s[max(0, k - 4):k].endswith(PROGRAMME_VERBS):
        return a + 1, b - 1  # 开展“四门四访”: a campaign named by the verb that starts it
    if _shares_a_later_head(s, b):
        return a + 1, b - 1  # “紅黃牌”和“好差評”制度, “秒批”“秒付”和“信用审批”改革: one head for all
    if _names_a_service_mode(s, a, b, text):
        return a + 1, b - 1  # 98项政务实现“零跑腿”: the mode service items reach
    return None


def _one_word(text: str) -> bool:
    """Whether a quote is one word of the general dictionary (“一揽子”, “一对一”), which reports
    quote for emphasis, unlike a coined name (“秒批”, “一照通”)."""
    words = tag_words(text)
    return len(words) == 1 and words[0][0] == text


_CLAUSE_BREAK = re.compile(r"[，,。；;：:！!？?\n]")
# a count of one or two characters (“两违”, “四风”, “三公”, “一窗”) names a set of things or is a
# fragment, and a count with 个 is a slogan (“四个意识”, “两个维护”): neither is a mode
_COUNTED = re.compile(r"[一二三四五六七八九十两双多]\S?|.*[一二三四五六七八九十两]个.*")


# a quote before a place or desk names that place (“综合受理”服务窗口), a body, not a mode
_PLACE_AFTER = re.compile(r"[\u4e00-\u9fff]{0,3}?(?:窗口|大厅|中心|专区|站|室)")


def _names_a_service_mode(s: str, a: int, b: int, text: str) -> bool:
    """Whether a bare quote names a service mode: a coined name (no dictionary word, no count,
    no list of phrases) in a clause about service items (事项, 政务服务, 审批 …)."""
    if _one_word(text) or _COUNTED.fullmatch(text) or _is_phrase_list(text) or _PLACE_AFTER.match(s, b):
        return False
    lo = max((m.end() for m in _CLAUSE_BREAK.finditer(s, 0, a)), default=0)
    hi = next((m.start() for m in _CLAUSE_BREAK.finditer(s, b)), len(s))
    clause = s[lo:hi]
    return any(w in clause for w in SERVICE_WORDS) and any(c in text for c in SERVICE_CHARS)


_QUOTE_LINKS = ("和“", "与“", "及“", "、“")
_LIST_ITEM = re.compile(r"[^、，,。；;：:“”()\n]{2,16}?(?=[、“]|等)")


def _shares_a_later_head(s: str, b: int) -> bool:
    """Whether the quote ending at ``b`` opens a list of quoted names (side by side, or joined by
    和 / 与 / 及 / 、) whose last one is followed by a head word, directly or after 等."""
    pos = b
    for _ in range(8):
        if s.startswith("“", pos):
            nxt = QUOTED.match(s, pos)
        elif s[pos:pos + 2] in _QUOTE_LINKS:
            nxt = QUOTED.match(s, pos + 1)
        elif s.startswith("、", pos) and (item := _LIST_ITEM.match(s, pos + 1)) is not None:
            # an unquoted item of the same list (“3550”、相对集中行政许可权、乡镇“三整合”等改革)
            pos = item.end()
            if s.startswith("等", pos) and extend_head(s, pos + 1) > pos + 1:
                return True
            continue
        else:
            return False
        if nxt is None:
            return False
        pos = nxt.end()
        if extend_head(s, pos) > pos or s.startswith("等", pos) and extend_head(s, pos + 1) > pos + 1:
            return True
    return False


_ABBREVIATION = re.compile(r"[(（]简称(“[^“”\n]{1,40}”)")


def abbreviated(s: str, end: int) -> str | None:
    """The key of the short name a full name declares right after it (省一体化大融合行政执法平台
    （简称“闽执法”平台）), so that both are names of one initiative; None when there is none."""
    m = _ABBREVIATION.match(s, end)
    if m is None:
        return None
    span = quoted_name(s, QUOTED.match(s, m.start(1)))
    return mechanism_key(s[span[0]:span[1]]) if span is not None else None


def _run_start(s: str, a: int, limit: int) -> int:
    """Where the run of words ending at ``a`` starts: the last break before it, at most ``limit`` back."""
    i = a
    while i > 0 and s[i - 1] not in _BREAK and a - i < limit:
        i -= 1
    return i


def _with_qualifier(s: str, a: int) -> int:
    i = _run_start(s, a, 8)
    cut = i
    for m in _MECH_LEAD_RX.finditer(s, i, a):
        cut = m.end()
    qual = s[cut:a]
    if 2 <= len(qual) <= 6 and not _all_generic(qual) and _names_an_object(qual):
        return cut
    return a




_STRONG_HEADS = tuple(h for h in HEADS if h not in WEAK_HEADS)
# heads that also start longer words, so that they head a name only where a word ends
# (战略 of 战略机遇, 模式 of 模式创新, 项目 of 项目建设)
_COMPOUND_HEADS = WEAK_HEADS | {"战略", "发展战略", "模式"}
_QUALIFIED_HEAD = re.compile(r"[\u4e00-\u9fff]{1,6}?(" + "|".join(_STRONG_HEADS) + ")")


def extend_head(s: str, b: int, weak: bool = False, coined: bool = True) -> int:
    """End of a head word right after position ``b`` (改革, 制度, 平台 …), up to 8 characters on
    (“蒲公英”普法志愿者队伍: 普法志愿者 + 队伍), or ``b`` when none follows. A weak head
    (工作, 措施 …) counts only right after ``b`` and only when ``weak`` is set; after a quote
    that is not ``coined`` (a dictionary word) the words before a head must be a noun phrase."""
    end = b
    for h in HEADS:
        if s.startswith(h, b) and (weak or h not in WEAK_HEADS) and (
                h not in _COMPOUND_HEADS or _ends_a_word(s, b, b + len(h))):
            end = b + len(h)
            break
    # a short qualifier then a head: “互联网+政务服务”一体化平台, “12345”便民服务热线; not a
    # clause (“一揽子”解决矛盾纠纷模式) nor a scope word (各项, 相关, 重大)
    m = _QUALIFIED_HEAD.match(s[b:b + 10])
    if m and _names_a_kind(m.group(0)[:-len(m.group(1))], coined) and (
            m.group(1) not in _COMPOUND_HEADS or _ends_a_word(s, b + m.start(1), b + m.end())):
        end = max(end, b + m.end())
    if end > b and s.startswith(("队伍", "团队"), end):
        end += 2
    return end


_NOT_A_KIND = ("的", "和", "等", "了", "、", "到", "在", "于", "为", "各", "相关", "有关", "重大")


@lru_cache(maxsize=8192)
def _names_a_kind(qual: str, coined: bool) -> bool:
    """Whether the words between a quote and its head say what kind of thing it is (便民服务,
    企业服务), not a scope; after a quoted dictionary word (not ``coined``) they must be a noun
    phrase, not a clause (“在意”企业服务模式, but “一揽子”解决矛盾纠纷模式)."""
    if qual == "新" or any(v in qual for v in _NOT_A_KIND):
        return False
    if coined:
        return True
    tags = tag_words(qual)
    return bool(tags) and tags[0][1] not in ("v", "vd", "vi", "d", "p", "c", "u", "r")


def _is_phrase_list(text: str) -> bool:
    """A quoted list of short phrases (集体领导、民主集中、个别酝酿、会议决定): a slogan."""
    parts = [p for p in re.split(r"[、,，;；]", text) if p]
    return len(parts) >= 2


def lead_cut(item: str) -> int:
    cut = 0
    for m in _MECH_LEAD_RX.finditer(item):
        if len(item) - m.end() >= 2 and m.start() == cut:
            cut = m.end()
    return cut


def _starts_with_word(qual: str, word: str) -> bool:
    """Whether the segmenter reads ``word`` as the first word of ``qual`` (建设 | 综合…, not 建设工程)."""
    spans = token_spans(qual)
    return bool(spans) and spans[0][0] == word


def _ends_a_word(s: str, start: int, end: int) -> bool:
    """Whether the segmenter ends a word where the head ``s[start:end]`` ends, so that it is not
    the start of a longer word (改革 of 改革开放); a word may end in it (体制改革, 服务平台)."""
    lo, hi = max(0, start - 6), min(len(s), end + 6)
    return any(lo + b == end for _, _, b in token_spans(s[lo:hi]))


_BATCH = re.compile(r"[一两几多]批|若干|一些")
_AWARD_AFTER = re.compile(r"[\u4e00-\u9fff]{0,3}奖")
_COUNT_END = re.compile(COUNT_WORD + "$")


def mechanism_span(s: str, start: int, end: int) -> tuple[int, int] | None:
    """Span of a named mechanism ending at ``end`` (qualifier + suffix), or None."""
    if not _ends_a_word(s, start, end):
        return None  # 改革开放: the head starts a longer word
    if s.endswith(("普法", "长制"), start, end):
        return start, end  # 七五普法, 河长制: the match is the name
    if s.startswith(("制度", "机制", "体系", "化", "改革"), end) or s.startswith(("改革发展", "改革创新"), start):
        return None  # 体制机制, 制度体系, 制度化; 改革发展, 改革创新 (of a field): not the end of a name
    if _AWARD_AFTER.match(s, end):
        return None  # 地方教育制度创新奖: the name of an award, not of a mechanism
    i = _run_start(s, start, 24)
    limit = MAX_QUALIFIER
    # after an enumeration's 、, a 和 / 及 / 与 joins its last item (公示、全过程记录和法制审核制度)
    links = ("和", "与", "及") if i > 1 and s[i - 1] == "、" else ()
    own_lead = any(
        len(s[i:start]) - m.end() >= 2 and m.group(0) not in links for m in _MECH_LEAD_RX.finditer(s[i:start])
    )
    # 行政执法公示、执法全过程记录、重大执法决定法制审核制度: one name over an enumeration
    # (but an item that ends in a head is a name of its own: 区域评估改革、建设工程…联合审查改革)
    while not own_lead and i > 1 and s[i - 1] == "、" and not s.startswith(("制度", "机制", "改革", "平台"), i - 3):
        k = _run_start(s, i - 1, 12)
        if i - 1 - k < 2 or re.fullmatch(r"[一二三四五六七八九十\d]+", s[k:i - 1]):
            break  # 四、健全…机制: a heading number, not an item
        i = k
        limit = 48
    digits = list(re.finditer(r"\d+", s[i:start]))
    if digits:
        i += digits[-1].end()  # 12345热线平台涉旅诉求快速办理制度
        if s[i:i + 1] in set("项个条类件种大") :
            return None  # 3项决策制度: a count of mechanisms, not a name
    qual = s[i:start]
    if _BATCH.search(qual) or _COUNT_END.search(qual):
        return None  # 建设一批观景平台, 实体、网络、热线三大平台: a batch or count, not one by name
    # cut after the last verb or filler, so 重点推进行政执法三项制度 -> 行政执法三项制度
    cuts = [(0, True)]
    first = qual.find("、") if limit > MAX_QUALIFIER else len(qual)
    for m in _MECH_LEAD_RX.finditer(qual, 0, first):  # left to right, so 落实行政 is 落实 + 行政
        # a verb of the report's own (备案, 审查) may be part of a name; a control verb
        # (落实, 建立) or a linking word never is
        control = m.group(0) in _CONTROL_WORDS or m.group(0) not in REPORT_VERBS
        if first - m.end() >= (2 if control else 3):
            cuts.append((m.end(), control))
    # a cut after a verb of the report's own that leaves a generic rest was inside the name
    # (发文目录月报送 | 动态监管制度: the name is 发文目录月报送动态监管制度)
    # (but not before a verb: 纠纷化解 | 形成新制度 is a clause)
    while len(cuts) > 1 and not cuts[-1][1] and _all_generic(qual[cuts[-1][0]:first]) and (
            tag_words(qual[cuts[-1][0]:first])[0][1] not in ("v", "vd", "vi")):
        cuts.pop()
    cut = cuts[-1][0]
    qstart = i + cut
    while qstart < start and s[qstart] == "、":
        qstart += 1
    if s.startswith("建设", qstart) and start - qstart >= 5 and _starts_with_word(s[qstart:start], "建设"):
        qstart += 2  # 建设综合监管信息平台: the verb; 建设工程 and 建设项目 are nouns, and stay
    qual = s[qstart:start]
    if 1 <= len(qual) <= 2 and qstart > 0 and s[qstart - 1] in "和与及":
        # 询问和质询制度: two words joined by 和 before one head are one name
        first = _coordinated(s, i, qstart - 1)
        if first is not None and not _all_generic(qual):
            return first, end  # each word is specific (neither is 监督 / 管理), so the pair is too
    if any(adv in qual for adv in ("均", "都", "皆", "已")):
        return None  # 所有行政执法活动均纳入平台: a scope or aspect adverb makes a clause, not a name
    if ("制度" in qual or "机制" in qual) and not s.startswith("改革", start):
        return None  # …衔接制度协作机制: two names run together, or a fragment
    if qual.endswith("等"):
        qual = qual[:-1]
    if qual.endswith(("和", "与", "及")):
        return None  # 工作程序和制度: a bare head joined to another word, not a name
    if not (2 <= len(qual) <= limit) or qual in _GENERIC_QUALIFIERS or _all_generic(qual):
        return None
    reform = s.startswith("改革", start)
    if reform and qual.endswith(_ACTION_LEADS):
        return None  # 深化改革: an action, not a named reform (but 联合审查改革 names one)
    if len(qual) <= 2 and s[start:end] in ("制度", "机制", "改革", "平台", "体系", "专项整治", "专项行动") and not (
            reform and _is_noun(qual)):
        return None  # 协作机制, 问责机制, 议事制度: a bare generic mechanism (but 国企改革 names its field)
    if qual.endswith(tuple(_GENERIC_QUALIFIERS)) and len(qual) <= 4 and not reform:
        return None  # 内部管理制度; but a field's reform is named by it (预算管理改革, 财税体制改革)
    # a campaign may be named by the practice it acts against (越级进京访专项整治), a verb phrase
    # that does not start with the action itself (打击整治专项行动 names none)
    if not _names_an_object(qual) and not (s.startswith(_CAMPAIGN_HEADS, start) and _names_a_practice(qual)):
        return None
    return qstart, end


# tags of words that are no part of a zone's name: verbs, adverbs, prepositions, conjunctions,
# pronouns, numerals, particles
_NOT_IN_NAME = frozenset({"v", "vd", "vi", "d", "p", "c", "r", "m", "mq", "u", "uj", "ul", "ad"})
# verbs jieba tags as nouns (vn) that start, never name, a zone (建设 / 服务 粤港澳大湾区)
_ZONE_VERBS = frozenset({"建设", "服务", "启动", "融入", "创建", "争创"})


def zone_start(s: str, start: int, head: int) -> int | None:
    """Where the name of a zone ending in a head at ``head`` starts, given the qualifier found
    from ``start``: after the last verb before it (高标准建设 / 深度服务 …); None when the qualifier
    is shorter than three characters or holds a verb, an adverb, a preposition or a list
    (支持高水平建设合作区, 各方对合作区)."""
    if start > 0 and s[start - 1] not in _BREAK and len(tag_words(s[start - 1:head])[0][0]) >= 2:
        start -= 1  # the lead cut took 和 of 和谐劳动关系: a zone's name starts at a word's start
    words = list(tag_words(s[start:head]))
    # cut after the last verb that leaves three characters or more (高标准建设 | 国家产城融合)
    pos, cut = start, None
    for k, (word, flag) in enumerate(words):
        pos += len(word)
        if (flag == "v" or word in _ZONE_VERBS) and head - pos >= 3:
            cut = k + 1
    if cut is not None:
        start += sum(len(w) for w, _ in words[:cut])
        words = words[cut:]
    qualifier = s[start:head]
    if len(qualifier) < 3 or any(ch in qualifier for ch in "、，,"):
        return None
    # a verb left in the qualifier makes it a clause (支持…建设合作区, 纳入大湾区), at the cost of a
    # few names with one (科技创新合作区)
    if not words or any(flag in _NOT_IN_NAME or word in _ZONE_VERBS for word, flag in words):
        return None
    return start


def platform_start(s: str, start: int) -> int:
    """Where the name of a platform found at ``start`` begins: at the place name right before it
    (福建省 | 网上办事大厅, 江苏 | 政务服务网), or at ``start``."""
    words = list(token_spans(s[max(0, start - 6):start]))
    if words and words[-1][2] == start - max(0, start - 6):
        word = words[-1][0]
        if tag_words(word)[0][1] == "ns" or re.fullmatch(r"[\u4e00-\u9fff]{1,4}[省市区县]", word):
            return start - len(word)
    return start


def _coordinated(s: str, i: int, link: int) -> int | None:
    """Start of the word joined by the link word at ``link`` (询问 in 接受询问和质询制度): the 2 to 4
    characters before it after the last lead word, or None."""
    lo = max(i, link - 6)
    cut = lo
    for m in _MECH_LEAD_RX.finditer(s, lo, link):
        if link - m.end() >= 2:
            cut = m.end()
    return cut if 2 <= link - cut <= 4 and not _all_generic(s[cut:link]) else None


_GENERIC_MODIFIERS = ("动态", "长效", "常态化", "协调", "联动", "统筹", "日常", "内部", "工作")


@lru_cache(maxsize=8192)
def _all_generic(qual: str) -> bool:
    """A qualifier made only of words every report uses (法治建设, 依法行政), or a generic
    modifier before at most two characters (动态监管, 统筹指导)."""
    from .terms import GENERIC_WORDS, tokenizer

    rest = qual
    for lead in _GENERIC_MODIFIERS:
        if rest.startswith(lead):
            rest = rest[len(lead):]
    if len(rest) <= 2 and rest != qual:
        return True
    words = [w for w, _, _ in tokenizer().tokenize(qual) if w.strip()]
    return bool(words) and all(w in GENERIC_WORDS or w in _GENERIC_QUALIFIERS for w in words)


@lru_cache(maxsize=8192)
def _names_an_object(qual: str) -> bool:
    """Whether a qualifier names what the mechanism is about (a noun), not only an action
    (动态监管, 统筹指导: any government has such a mechanism)."""
    from .terms import tokenizer

    tags = tuple(tokenizer().tag(qual))
    if not tags:
        return False
    if tags[0][1] in ("v", "d", "p", "c", "u", "uj", "r"):
        return False
    return any(f[0] in "nj" or f in ("l", "i", "m", "vn") and len(w) >= 3 for w, f in tags) or (
        sum(1 for _, f in tags if f == "vn") >= 2 and len(qual) >= 5
    )


def _is_noun(word: str) -> bool:
    """Whether the segmenter reads ``word`` as one noun or abbreviation (国企, 税制)."""
    tags = tag_words(word)
    return len(tags) == 1 and tags[0][1][0] in "nj"


@lru_cache(maxsize=8192)
def _names_a_practice(qual: str) -> bool:
    """Whether a verb phrase names a practice (越级进京访), not an action (打击整治)."""
    from .terms import tokenizer

    tags = tuple(tokenizer().tag(qual))
    return len(qual) >= 4 and bool(tags) and not tags[0][1].startswith(("v", "p", "c", "u", "r"))
