"""Keys of initiatives: what makes two mentions of a programme, mechanism or document the same.

Keys make the same thing meet across reports and scripts: simplified script, width, quotes and
punctuation folded; a document without 《》, 中华人民共和国, its local prefix (place, body,
year) and a trailing (修订) / (试行) / (2021-2025年); a mechanism without its 制度 / 机制 suffix
(公平竞争审查制度 = 公平竞争审查机制 = 公平竞争审查); the aliases of the data file (党政主要负责人
履行推进法治建设第一责任人职责 = 法治建设第一责任人制度; 行政规范性文件 = 规范性文件). A document
that every government issues for itself (工作要点, 实施方案, 应急预案 with a local prefix) has a
generic title, by which alone two reports share it. The vocabularies of extraction and keys are
loaded here from ``compare/data/initiatives.json`` (each list notes its source).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

def _load() -> dict:
    path = Path(__file__).resolve().parent / "data" / "initiatives.json"
    return json.loads(path.read_text(encoding="utf-8"))


_DATA = _load()
PROGRAMMES: tuple[str, ...] = tuple(_DATA["programmes"]["names"])
HEADS: tuple[str, ...] = tuple(sorted(_DATA["heads"]["words"], key=len, reverse=True))
SLOGAN_HEADS: tuple[str, ...] = tuple(sorted(_DATA["slogan_heads"]["words"], key=len, reverse=True))
WEAK_HEADS: frozenset[str] = frozenset(_DATA["weak_heads"]["words"])
SERVICE_WORDS: tuple[str, ...] = tuple(_DATA["service_words"]["words"])
SERVICE_CHARS: tuple[str, ...] = tuple(_DATA["service_words"]["chars"])
PLATFORMS: tuple[str, ...] = tuple(_DATA["platforms"]["names"])
PROGRAMME_PATTERNS: tuple[re.Pattern, ...] = tuple(re.compile(p) for p in _DATA["programme_patterns"]["patterns"])
PROGRAMME_VERBS: tuple[str, ...] = tuple(sorted(_DATA["programme_verbs"]["words"], key=len, reverse=True))
OBSERVANCE_ENDINGS: tuple[str, ...] = tuple(_DATA["observance"]["endings"])
FORM_ENDINGS: tuple[str, ...] = tuple(_DATA["forms"]["endings"])
GENERIC_DOCUMENT_HEADS: tuple[str, ...] = tuple(_DATA["generic_documents"]["heads"])
LAW_ENDINGS: tuple[str, ...] = tuple(_DATA["laws"]["endings"])
MEDIA_WORDS: tuple[str, ...] = tuple(_DATA["media"]["words"])
ZONE_HEADS: tuple[str, ...] = tuple(_DATA["zones"]["heads"])
_CANONICAL = frozenset(k for k in _DATA["aliases"] if not k.startswith("_"))
_ALIASES = [(re.compile(rx), canon) for canon, rxs in _DATA["aliases"].items() if not canon.startswith("_")
            for rx in rxs]

_KEY_DROP = re.compile(r"[\s、,，.。·•・“”\"'‘’()（）\[\]〔〕【】<>〈〉《》\-—–~～_/:：;；!！?？]")
_YEAR_PREFIX = re.compile(r"^(?:\d{4}|[〇零一二三四五六七八九]{4})年度?")
_PLACE_PREFIX = re.compile(
    r"^[\u4e00-\u9fff]{2,8}?(?:省|自治区|自治州|地区|自治县|市|州|盟|县|区|旗|镇|乡|片区)"
    r"(?:人民政府办公室|人民政府|政府办公室|政府|管委会办公室|管委会|委员会|办公室|[\u4e00-\u9fff]{1,8}?局|党组)?"
)
_TITLE_TAIL = re.compile(r"[(（][^()（）]{1,16}[)）]$")
_WRAPPER = re.compile(r"^关于印发[〈<《](.+)[〉>》]的通知$")


# a quoted enumeration of three or more short items (“一网、一门、一次”) names one set of items,
# in whatever order a report lists them
_ENUMERATION = re.compile(r"“([^“”、]{1,4}(?:、[^“”、]{1,4}){2,})”")


def _in_order(m: re.Match) -> str:
    return "“" + "、".join(sorted(m.group(1).split("、"))) + "”"


def unordered_key(name: str, title: bool = False) -> str | None:
    """The key of a name whose quoted enumeration is put in one order (“一門、一網、一次”的改革 and
    “一网、一门、一次”改革 meet), or None when it has no such enumeration. The key itself keeps the
    order as written, since it is shown."""
    from .normalize import fold, to_simplified

    folded = fold(to_simplified(name))
    if not _ENUMERATION.search(folded):
        return None
    return (document_key if title else mechanism_key)(_ENUMERATION.sub(_in_order, folded))


@lru_cache(maxsize=8192)
def initiative_key(name: str) -> str:
    """The identity of a name across reports (script, width, punctuation, aliases folded)."""
    from .normalize import fold, to_simplified

    key = _KEY_DROP.sub("", fold(to_simplified(name)))
    for rx, canon in _ALIASES:
        key = rx.sub(canon, key)
    return key


@lru_cache(maxsize=8192)
def document_key(title: str) -> str:
    """The key of a document title: without 关于印发〈…〉的通知, 中华人民共和国, a trailing
    (修订) / (试行) / (2021-2025年) and its 《》."""
    from .normalize import fold, to_simplified

    t = fold(to_simplified(title)).strip()
    m = _WRAPPER.match(t)
    if m:
        t = m.group(1)
    while _TITLE_TAIL.search(t):
        t = _TITLE_TAIL.sub("", t)
    t = t.removeprefix("中华人民共和国")
    return initiative_key(t)


# a count of things (四项, 三大, 两张): no name, whether a key would be cut to it or a qualifier ends in it
COUNT_WORD = r"[一二三四五六七八九十两几多\d]+[项个条张类种大]"
_COUNT = re.compile(COUNT_WORD)


def mechanism_key(name: str) -> str:
    """A mechanism's key without its 制度 / 机制 / 改革 / 活动 suffix and leading generic words
    (政府权责清单制度 = 权责清单制度; “放管服”改革 = 放管服)."""
    key = initiative_key(name.replace("”的", "”"))  # “一門、一網、一次”的改革 = “一网、一门、一次”改革
    if key in _CANONICAL or key in PROGRAMME_KEYS:
        return key
    for p in _PROGRAMME_KEYS_BY_LENGTH:
        if key.startswith(p) and len(key) > len(p) and key[len(p):].endswith(_HEAD_KEYS):
            return p  # “互联网+政务服务”一体化平台 = “互联网+政务服务”
    # a quoted name is its quote, whatever head says what kind of thing it is or qualifier says
    # its field (“双12条”措施 = “双12条”; “工业上楼”试点 = “工业上楼”项目; 学位供给“双十工程” =
    # “双十工程”; 行政执法“三项制度” = “三项制度”, the alias of 行政执法三项制度); a quote with
    # words on both sides (家庭医生“承包”责任制) is no name alone
    close = name.rfind("”")
    open_ = name.find("“")
    if 0 <= open_ < close and (open_ == 0) != (close == len(name) - 1):
        inner = name[open_ + 1:close]
        inner_key = initiative_key(inner)
        if len(inner_key) >= 2 and not inner_key.isdigit() and "“" not in inner:
            return mechanism_key(inner)  # keyed as the quote alone is (“双十工程” = 双十)
    for suffix in ("工作机制", "工作制度", "专项活动", "系列活动", "培养工程", "工程", "制度",
                   "机制", "改革", "活动", "专栏", "栏目", "平台", "体系"):
        if key.endswith(suffix) and len(key) - len(suffix) >= 2 and not _COUNT.fullmatch(key[: -len(suffix)]):
            key = key[: -len(suffix)]  # but “四项工程” stays whole: 四项 is a count, no name
            break
    if len(key) >= 8:
        key = re.sub(r"^[一二三四五六七八九十]级", "", key)  # 三级公共法律服务体系
    for lead in ("党政机关", "政府", "全面", "本级", "各级"):  # whose system it is: 党政机关法律顾问制度
        if key.startswith(lead) and len(key) - len(lead) >= 3:
            key = key[len(lead):]
    return key


def generic_title(key: str) -> str | None:
    """A title key without its leading place, government body and year; None if it has none."""
    rest = key
    for rx in (_YEAR_PREFIX, _PLACE_PREFIX, _YEAR_PREFIX):  # 2018年某市… / 某市2018年…
        m = rx.match(rest)
        if m and len(rest) - m.end() >= 4:
            rest = rest[m.end():]
    rest = re.sub(r"^(?:关于)?", "", rest)
    rest = re.sub(r"\d{4}年度?", "", rest)
    return rest if rest != key else None


def is_generic_document(key: str) -> bool:
    """Whether a title key is a document every government issues for itself (工作要点 …)."""
    return key.endswith(GENERIC_DOCUMENT_HEADS) and generic_title(key) is not None


PROGRAMME_KEYS = frozenset(initiative_key(p) for p in PROGRAMMES)
_PROGRAMME_KEYS_BY_LENGTH = tuple(sorted(PROGRAMME_KEYS, key=len, reverse=True))
_HEAD_KEYS = tuple(initiative_key(h) for h in HEADS) + ("创建", "建设", "体系", "一体化平台")
