"""Telling page chrome (breadcrumbs, index blocks, print links, menus, footers) from report text.

Rules look at features of a normalised line, never at a list of known pages: its length, a
``label:value`` shape with a label from the vocabulary government sites use, link words that
fill the whole line, footer markers (ICP备, 版权所有 ...), and position — menus are only
recognised above the report's first body line or below its last one. Anything that reads like a
sentence (long, ends with 。) is never chrome.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .model import Line

# Labels of the index/metadata block on government pages ("索引号:", "发布机构:" ...).
META_LABELS = (
    "索引号", "统一编号", "发布机构", "发文机关", "发文机构", "发布单位", "所属机构", "所属部门",
    "信息类别", "信息分类", "主题分类", "体裁分类", "组配分类", "服务对象", "所属主题", "所属栏目",
    "点击次数", "点击数", "点击量", "点击", "访问量", "访问次数", "浏览次数", "浏览量", "阅读次数",
    "阅读量", "阅读数", "发布日期", "发布时间", "发文日期", "公开日期", "生成日期", "成文日期",
    "印发日期", "更新日期", "更新时间", "发布人", "日期", "时间", "来源", "信息来源", "文章来源",
    "稿件来源", "文件编号", "发文字号", "文号", "编号", "时效", "有效性", "效力状态", "信息名称",
    "标题", "名称", "公开范围", "公开方式", "公开形式", "公开时限", "公开类别", "公开属性", "作者",
    "责任编辑", "编辑", "审核", "校对", "字号", "字体", "分享到", "分享", "主题词", "关键词",
)
# Labels that open an index block by themselves; the others need a second label on the line.
_STRONG_LABELS = frozenset(META_LABELS) - {"名称", "标题", "时间", "编号", "作者", "审核", "编辑"}


def _label_alternation(labels: Sequence[str]) -> str:
    # longest first, and letters may be spaced out ("索 引 号")
    return "|".join(r"\s?".join(map(re.escape, lab)) for lab in sorted(labels, key=len, reverse=True))


# a label at the line start or after a space/bracket, then a colon
LABEL_RE = re.compile(rf"(?:^|(?<=[\s\]】)|]))(?P<label>{_label_alternation(META_LABELS)})\s?:")


_SENTENCE_PUNCT = re.compile(r"[,。;!?、“”《》()]")
_HEADING_RE = re.compile(r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d{1,2}[.、])")


def is_body_like(norm: str) -> bool:
    """A line that reads like report text: a sentence, a numbered heading or an addressee."""
    if len(norm) >= 50 or (len(norm) >= 16 and "。" in norm):
        return True
    if _HEADING_RE.match(norm) and len(norm) >= 4:
        return True
    return is_addressee(norm)


def is_addressee(norm: str) -> bool:
    """``扬州市人民政府:`` / ``各位代表:``: a short salutation ending with a colon."""
    return (
        norm.endswith(":")
        and 2 <= len(norm) <= 30
        and " " not in norm
        and not _SENTENCE_PUNCT.search(norm)
        and not LABEL_RE.search(norm)
        and "如下" not in norm
        and "以下" not in norm
    )


def label_values(norm: str) -> list[tuple[str, int, int]]:
    """``(label, value_start, value_end)`` for each ``label:value`` of an index line.

    Labels are returned without inner spaces; value offsets index ``norm`` and exclude the
    surrounding spaces (an empty value has start == end).
    """
    found = list(LABEL_RE.finditer(norm))
    out = []
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(norm)
        a = m.end()
        while a < end and norm[a] == " ":
            a += 1
        b = end
        while b > a and norm[b - 1] == " ":
            b -= 1
        out.append((m.group("label").replace(" ", ""), a, b))
    return out


_TIMESTAMP_RE = re.compile(r"^\d{4}\s?[-/.年]\s?\d{1,2}\s?[-/.月]\s?\d{1,2}日?\s?\d{1,2}:\d{2}(?::\d{2})?")


def _is_metadata(n: str) -> bool:
    if len(n) > 240:
        return False
    labels = [m.group("label").replace(" ", "") for m in LABEL_RE.finditer(n)]
    if not labels:
        return bool(_TIMESTAMP_RE.match(n)) and len(n) <= 80
    if len(labels) >= 2:
        return True
    starts = LABEL_RE.match(n) is not None
    if not starts:
        return len(n) <= 60 and not n.endswith("。")
    return labels[0] in _STRONG_LABELS and (len(n) <= 80 or "。" not in n)


_QR_RE = re.compile(r"扫一扫|二维码|手机打开|手机查看|微信扫")
_LINK_WORDS_RE = re.compile(
    r"打印本页|打印此页|打印文章|打印|关闭窗口|关闭本页|关闭|返回顶部|返回首页|返回列表|返回|"
    r"收藏本页|加入收藏|收藏|设为首页|分享到|分享|字体|字号|默认|大 中 小|[大中小](?= |$|】|\])|"
    r"我要纠错|纠错|上一篇|下一篇|相关链接|相关文章|相关阅读|扫一扫|二维码|在手机打开当前页|"
    r"手机打开|手机查看|保存本页|保存|视力保护色|无障碍|长者模式|繁体|简体|繁体版|简体版|English"
)


def _is_link_line(n: str) -> bool:
    if len(n) > 60:
        return False
    if n.startswith(("上一篇", "下一篇")):
        return True
    if _QR_RE.search(n) and len(n) <= 40:
        return True
    if not _LINK_WORDS_RE.search(n):
        return False
    rest = _LINK_WORDS_RE.sub("", n)
    rest = re.sub(r"[\s【】\[\]()|/:·•>-]", "", rest)
    return len(rest) <= 2


_FOOTER_RE = re.compile(
    r"ICP\s?[备证]|公网安备|网安备|网站标识码|版权所有|Copyright|©|\(C\)\s?\d{4}|"
    r"建议使用.{0,20}浏览器|分辨率.{0,6}\d{3,4}\s?[x×*]\s?\d{3,4}|"
    r"(?:^|(?<=\s))(?:主办|承办|协办|技术支持|网站维护|维护)(?:单位)?\s?:"
)
_NAV_WORDS = frozenset(
    "联系我们 网站地图 站点地图 关于我们 网站声明 隐私声明 使用帮助 帮助中心 首页 返回首页 English "
    "无障碍 政务微博 政务微信 移动版 手机版 网站纠错 意见反馈 免责声明 RSS".split()
)
_NAV_SEPARATORS = re.compile(r"[\s|丨｜/·•]+")


def _is_footer(n: str) -> bool:
    if len(n) > 150 or n.endswith("。"):
        return False
    if _FOOTER_RE.search(n):
        return True
    words = [w for w in _NAV_SEPARATORS.split(n) if w]
    return bool(words) and all(w in _NAV_WORDS for w in words)


def _is_bracket_only(n: str) -> bool:
    return re.fullmatch(r"(?:\s?[【\[][^【】\[\]]{1,12}[】\]])+", n) is not None


_ORG_SUFFIX_RE = re.compile(
    r"(?:人民政府|政府|委员会|常委会|委|局|厅|办公室|办|院|部|处|中心|所|署|会|室|公司|法院|检察院)$"
)
_DATE_TOKEN_RE = re.compile(r"\d{4}|年|月|日")
_CJK_RE = re.compile(r"[\u3400-\u9fff]")


def _is_nav_menu(n: str) -> bool:
    """Several short words separated by spaces, e.g. ``新闻 信息公开 智能办事``."""
    tokens = n.split(" ")
    if not 2 <= len(tokens) <= 15 or len(n) > 80:
        return False
    if len(tokens) == 2 and min(map(len, tokens)) < 4:
        return False  # "区长 张三" under a title is a byline, not a menu
    if len(_CJK_RE.findall(n)) < len(n) // 2:
        return False  # menus of Chinese sites are Chinese; a Latin phrase is not a menu
    for t in tokens:
        if not 1 <= len(t) <= 10 or _SENTENCE_PUNCT.search(t) or ":" in t:
            return False
        if _ORG_SUFFIX_RE.search(t) or _DATE_TOKEN_RE.search(t) or _HEADING_RE.match(t):
            return False  # a signature block or a date, not a menu
        if "报告" in t:
            return False
    return sum(len(t) for t in tokens) / len(tokens) <= 8


_BREADCRUMB_RE = re.compile(r"当前位置|所在位置|您的位置|当前页面|当前栏目|首页\s?(?:>|>>|›|»|→|/|\\|-|>)")
_HAS_WORD = re.compile(r"[0-9A-Za-z\u3400-\u9fff]")
# Footer details that only count below the report (a report may give an address itself).
_CONTACT_RE = re.compile(r"(?:联系)?(?:电话|地址|邮编|传真|邮箱|E-?mail)\s?:", re.I)


def find_boilerplate(lines: Sequence[Line]) -> list[bool]:
    """For each content line, whether it is page chrome rather than report text."""
    norms = [ln.norm for ln in lines]
    flags = [False] * len(norms)
    for i, n in enumerate(norms):
        if len(n) > 240:
            continue  # long lines are always report text (and keep the rules linear)
        if (
            (len(n) <= 100 and _BREADCRUMB_RE.search(n))
            or _is_metadata(n)
            or _is_link_line(n)
            or _is_footer(n)
            or not _HAS_WORD.search(n)
        ):
            flags[i] = True
    body = [i for i, n in enumerate(norms) if not flags[i] and is_body_like(n)]
    if not body:
        return flags  # no report text to stand above or below: position says nothing
    first_body = body[0]
    last_sentence = max(
        (i for i, n in enumerate(norms) if not flags[i] and ("。" in n or len(n) >= 50)),
        default=len(norms) - 1,
    )
    in_footer = False  # below the report, menus count only once the footer has begun
    for i, n in enumerate(norms):
        if i > last_sentence and flags[i]:
            in_footer = True
        if flags[i] or first_body <= i <= last_sentence:
            continue
        if i < first_body or in_footer:
            if _is_nav_menu(n) or _is_bracket_only(n):
                flags[i] = True
        if i > last_sentence and _CONTACT_RE.search(n) and len(n) <= 100:
            flags[i] = True
        in_footer = in_footer or (i > last_sentence and flags[i])
    # a heading repeated above the report (site name, title shown twice): keep the last copy
    head = [i for i in range(first_body) if not flags[i]]
    for k, i in enumerate(head):
        if any(norms[j] == norms[i] for j in head[k + 1:]):
            flags[i] = True
    return flags
