"""What a report says about itself: title, issuing government, year, dates, addressee, signature.

Values are returned in the report's own script (matching happens on the normalised lines and is
mapped back through ``NormText``). Rules, in order of preference:

* title — the first line above the body that names a report (报告/总结/情况), else the page's
  ``信息名称`` field.
* organization — as the report names it, never a name the text does not contain: a 人民政府/政府
  in the signature block, else the department or 管委会 that signs it (a 中医管理局); then
  "我代表X人民政府" in the opening; then an organisation the title starts with ("某市人民政府关于…",
  "某某局2022年…"); then the title's place + 人民政府 when the text names that government (or
  the title is a 政府工作报告); then a government line above the body; then the department that
  publishes the page (发布机构, 发文机关, 来源 …, as written); last the title's place as written.
  The page's index fields are read from the chrome set aside and from an index line too long
  to have been set aside.
* year — the year reported on: the title's year ("2017年度…", "关于2018年…"), except for a
  政府工作报告 (delivered to the congress the year after), where a review heading
  ("一、2023年工作回顾", "一、关于2019年工作") wins and the title year minus one is the fallback;
  then an opening "2022年,…" sentence; last, the publication year minus one for reports
  published in the first half of a year. ``period`` is set for "2020年和五年来" or "2016-2020年".
* published — a labelled date of the page (发布日期, 公开日期, 日期, 时间 …), else a timestamp line above
  the report, else the date under the signature. Damaged dates ("202117") are ignored.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from .boilerplate import is_addressee, is_body_like, label_values
from .model import Line, NormText, ReportMeta

_REPORT_WORDS = re.compile(r"报告|总结|情况|白皮书|工作要点")
_ORG_TOKEN = re.compile(
    r"^[\u3400-\u9fff()]{2,30}(?:人民政府|政府|委员会|常委会|委|局|厅|办公室|办|院|部|处|中心|所|署|会)$"
)
_TITLE_ORG = re.compile(
    r"^([\u3400-\u9fff()]{2,30}?(?:人民政府|政府|管理委员会|管委会|委员会|局|厅|办公室))\s?(?:关于|\d{4}|[(（]?\d)"
)
_PLACE_END = re.compile(r"(?:\d|关于|人民政府|政府|年|\s)")
_PLACE_SUFFIX = re.compile(r"自治州|自治县|自治旗|省|市|县|区|州|旗|盟")
_CJK_ONLY = re.compile(r"[\u3400-\u9fff]{2,20}")
_DEPARTMENT = re.compile(r"[\u3400-\u9fff]{1,12}(?:局|委员会|委|办公室|办|厅|中心|院|所|处)")
_NOT_PLACES = frozenset({"本市", "全市", "我市", "我区", "全区", "本区", "全县", "我县", "本县", "全省", "我省"})
_YEAR = r"((?:19[89]|20\d)\d)"
_PERIOD_AND = re.compile(_YEAR + r"\s?年?度?(?:和|及|暨|与|以及)([一二三四五六七八九十两\d]+年(?:以来|来))")
_PERIOD_RANGE = re.compile(_YEAR + r"\s?年?\s?[-—–~至到]\s?" + _YEAR + r"\s?年")
_TITLE_YEAR = re.compile(_YEAR + r"(?!\d)")
_REVIEW_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\))?\s?(?:关于)?" + _YEAR
    + r"\s?年度?(?:以来)?(?:的)?(?:主要)?(?:工作)?(?:回顾|总结|情况|工作)"
)
_OPENING_YEAR = re.compile(r"^(?:刚刚过去的|过去的)?" + _YEAR + r"\s?年(?:度|以来|来)?(?:,|是|我|全)")
_DATE = re.compile(r"((?:19|20)\d\d)\s?[-/.年]\s?(\d{1,2})\s?[-/.月]\s?(\d{1,2})(?!\d)\s?日?")
_MONTH = re.compile(r"((?:19|20)\d\d)\s?[-/.年]\s?(\d{1,2})(?!\d)\s?月?")
_CN_DIGITS = str.maketrans("〇零○Ｏ一二三四五六七八九", "0000123456789")
_CN_DATE_LINE = re.compile(r"^([〇零○Ｏ一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$")
_DATE_LINE = re.compile(r"^((?:19|20)\d\d)\s?年\s?(\d{1,2})\s?月\s?(\d{1,2})\s?日$")
_PUBLISHED_LABELS = ("发布日期", "公开日期", "发文日期", "成文日期", "印发日期", "发布时间", "日期", "生成日期", "时间")


def extract_metadata(
    text: str, norm: NormText, content: Sequence[Line], boilerplate: Sequence[Line]
) -> ReportMeta:
    """ReportMeta from a report's content lines and the page chrome set aside from them."""

    def original(line: Line, a: int, b: int) -> str:
        s, e = norm.span_to_original(line.nstart + a, line.nstart + b)
        return text[s:e].strip()

    fields: dict[str, list[tuple[Line, int, int]]] = {}
    # the page's index fields: set aside as chrome, or an index line too long for that
    index_lines = list(boilerplate[:60]) + [ln for ln in content[:6] if len(label_values(ln.norm)) >= 3]
    for ln in index_lines:
        for label, a, b in label_values(ln.norm):
            if b > a:
                fields.setdefault(label, []).append((ln, a, b))

    first_body = next((i for i, ln in enumerate(content) if is_body_like(ln.norm)), len(content))
    head = content[:first_body]
    opening = content[first_body:first_body + 8]

    # the title as (line, start, end) of its normalised text, so parts of it map back
    title_src: tuple[Line, int, int] | None = None
    title_line = next((ln for ln in head if _REPORT_WORDS.search(ln.norm) and len(ln.norm) <= 100), None)
    if title_line is not None:
        title_src = (title_line, 0, len(title_line.norm))
    elif "信息名称" in fields:
        title_src = fields["信息名称"][0]
    title = original(*title_src) if title_src else None
    title_norm = title_src[0].norm[title_src[1]:title_src[2]] if title_src else ""

    def title_part(a: int, b: int) -> str:
        """Original text of ``title_norm[a:b]``."""
        if title_src is None:
            return title_norm[a:b]
        return original(title_src[0], title_src[1] + a, title_src[1] + b)

    addressee = None
    for ln in opening[:3]:
        if is_addressee(ln.norm):
            addressee = ln.text.rstrip(":：").strip()
            break

    signature_lines, signed_on = _signature(content)
    signature = " ".join(ln.text for ln in signature_lines) or None

    published = _published(fields, boilerplate, head, signed_on)
    year, period = _year(title_norm, title_part, opening, content[:40], published)
    organization = _organization(signature_lines, opening, title_norm, title_part, head, fields, original, norm.text)

    return ReportMeta(
        title=title,
        organization=organization,
        year=year,
        period=period,
        published=published,
        addressee=addressee,
        signature=signature,
    )


# --------------------------------------------------------------------------- signature


def _signature(content: Sequence[Line]) -> tuple[list[Line], str | None]:
    """The organisation lines at the end of the report and the date under them, if any."""
    tail = list(content[-6:])
    date = None
    orgs: list[Line] = []
    while tail:
        n = tail[-1].norm
        if (_DATE_LINE.match(n) or _CN_DATE_LINE.match(n)) and not orgs and date is None:
            date = _parse_date_line(n) or ""  # "" marks a date line that is not a real date
        elif re.fullmatch(r"[\d\s.\-/]{4,12}", n) and not orgs:
            pass  # a damaged date such as "202117": not a date, not an organisation
        elif all(_ORG_TOKEN.match(t) for t in n.split(" ")) and len(n) <= 60:
            orgs.append(tail[-1])
        else:
            break
        tail.pop()
    return orgs[::-1], date or None


def _parse_date_line(n: str) -> str | None:
    m = _DATE_LINE.match(n)
    if m:
        return _iso(m.group(1), m.group(2), m.group(3))
    m = _CN_DATE_LINE.match(n)
    if m:
        return _iso(m.group(1).translate(_CN_DIGITS), _cn_number(m.group(2)), _cn_number(m.group(3)))
    return None


def _cn_number(s: str) -> str:
    """一..三十一 as digits (enough for months and days)."""
    digits = "一二三四五六七八九"
    if "十" not in s:
        return str(digits.index(s) + 1) if s in digits else "0"
    tens, _, ones = s.partition("十")
    t = digits.index(tens) + 1 if tens else 1
    o = digits.index(ones) + 1 if ones else 0
    return str(t * 10 + o)


def _iso(y: str, m: str | None = None, d: str | None = None) -> str | None:
    try:
        if d is not None and m is not None:
            return dt.date(int(y), int(m), int(d)).isoformat()
        if m is not None:
            if 1 <= int(m) <= 12:
                return f"{int(y):04d}-{int(m):02d}"
            return None
        return f"{int(y):04d}"
    except ValueError:
        return None


def _date_in(s: str) -> str | None:
    m = _DATE.search(s)
    if m:
        return _iso(*m.groups())
    m = _MONTH.search(s)  # "2021年1月": the month is all that is known
    if m:
        return _iso(*m.groups())
    return None


# --------------------------------------------------------------------------- published


def _published(fields, boilerplate: Sequence[Line], head: Sequence[Line], signed_on: str | None) -> str | None:
    for label in _PUBLISHED_LABELS:
        for ln, a, b in fields.get(label, ()):
            d = _date_in(ln.norm[a:b])
            if d:
                return d
    for ln in list(boilerplate[:20]) + list(head):
        if re.match(r"^(?:19|20)\d\d\s?[-/.年]\s?\d{1,2}\s?[-/.月]\s?\d{1,2}日?\s?\d{1,2}:\d{2}", ln.norm):
            d = _date_in(ln.norm)
            if d:
                return d
    return signed_on


# --------------------------------------------------------------------------- year


def _year(title_norm, title_part, opening, early, published) -> tuple[int | None, str | None]:
    m = _PERIOD_AND.search(title_norm)
    if m:
        return int(m.group(1)), title_part(m.start(), m.end())
    m = _PERIOD_RANGE.search(title_norm)
    if m:
        return int(m.group(2)), title_part(m.start(), m.end())

    work_report = "政府工作报告" in title_norm and "法治" not in title_norm
    title_year = None
    m = _TITLE_YEAR.search(title_norm)
    if m:
        title_year = int(m.group(1))
        if not work_report:
            return title_year, None

    for ln in early:
        if len(ln.norm) <= 40:
            m = _REVIEW_HEADING.match(ln.norm)
            if m:
                return int(m.group(1)), None
    if title_year is not None:
        return title_year - 1, None  # 政府工作报告: delivered in the year after the one reviewed
    for ln in opening:
        m = _OPENING_YEAR.match(ln.norm)
        if m:
            return int(m.group(1)), None
    if published and len(published) >= 7 and int(published[5:7]) <= 6:
        return int(published[:4]) - 1, None  # annual reports appear early in the next year
    return None, None


# --------------------------------------------------------------------------- organization


def _organization(signature_lines, opening, title_norm, title_part, head, fields, original, text) -> str | None:
    """The organisation as the report names it; never a name the text does not contain."""
    tokens = [(ln, a, t) for ln in signature_lines for a, t in _tokens(ln.norm) if _ORG_TOKEN.match(t)]
    for ln, a, t in tokens:
        if t.endswith("政府"):
            return original(ln, a, a + len(t))
    if tokens:  # a department or 管委会 signs it: that is the organisation
        ln, a, t = tokens[-1]
        return original(ln, a, a + len(t))
    for ln in opening[:3]:
        m = re.search(r"代表([\u3400-\u9fff]{2,20}?人民政府)", ln.norm)
        if m:
            return original(ln, m.start(1), m.end(1))
    m = _TITLE_ORG.match(title_norm)
    if m:  # "某市人民政府关于…", "某某局2022年…": the title names it
        return title_part(0, m.end(1))
    place = _place(title_norm)
    if place and (place + "人民政府" in text or "政府工作报告" in title_norm):
        # "某区政府关于…", "某区2024年政府工作报告": the government the text itself names
        return title_part(0, len(place)) + "人民政府"
    for ln in head:
        if _ORG_TOKEN.match(ln.norm) and ln.norm.endswith("政府"):
            return ln.text
    for label in ("发布机构", "发文机关", "发文机构", "发布单位", "来源", "信息来源"):
        for ln, a, b in fields.get(label, ()):
            value = ln.norm[a:b].split(" ")[0]
            if _ORG_TOKEN.match(value):  # the department that publishes it, as written
                return original(ln, a, a + len(value))
    if place:
        return title_part(0, len(place))
    return signature_lines[-1].text if signature_lines else None


def _place(s: str) -> str | None:
    """Leading place name followed by a year, 关于, 政府 or a department: "某市2023年…" → "某市"."""
    head = s[:30]
    for m in _PLACE_SUFFIX.finditer(head):
        name, rest = head[: m.end()], s[m.end():]
        if not _CJK_ONLY.fullmatch(name):
            return None
        if not rest or _PLACE_END.match(rest) or _DEPARTMENT.fullmatch(rest):
            return None if name in _NOT_PLACES else name
    return None


def _tokens(n: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for t in n.split(" "):
        out.append((pos, t))
        pos += len(t) + 1
    return out
