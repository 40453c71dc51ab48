"""Reading numbers as reports write them: Arabic (23, 12.02, 1,200) and Chinese (两, 十一, 五万).

Chinese numerals are converted with cn2an, which knows positional numerals, 两, 〇 and
magnitudes (万, 亿); this module adds the checks a report needs on top of it: digit-by-digit
sequences such as 七五 (七五普法) or 二〇一八 (a year) are names or dates, not counts.
"""

from __future__ import annotations

import re
from functools import lru_cache

CN_DIGITS = "零〇一二两三四五六七八九"
CN_POSITIONS = "十百千万亿"
CN_NUMERAL_CHARS = CN_DIGITS + CN_POSITIONS
MAGNITUDES = {"万": 1e4, "亿": 1e8, "千": 1e3, "百": 1e2, "百万": 1e6, "千万": 1e7, "万亿": 1e12}

# A lone digit (两个, 四项) is by far the commonest Chinese numeral in reports; reading it needs
# no parser, and cn2an costs 0.13 s to import (it compiles its patterns on import).
_ONE_CHARACTER = {ch: float(v) for ch, v in zip("零〇一二两三四五六七八九十", (0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9, 10))}

_ARABIC = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")


_DIGIT_VALUE = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_POSITION_VALUE = {"十": 10, "百": 100, "千": 1000}


@lru_cache(maxsize=4096)
def chinese_int(s: str) -> int | None:
    """Value of a positional Chinese numeral below 10000 (一, 十二, 二十, 一百零五, 两千三百);
    None when ``s`` is not one, or is zero. The one reader of small numerals (section numbers
    such as 十二、 and counts such as 三十五件), with no import cost."""
    if not s or any(ch not in _DIGIT_VALUE and ch not in _POSITION_VALUE for ch in s):
        return None
    total, cur, last_pos = 0, 0, 10**9
    for ch in s:
        if ch in _POSITION_VALUE:
            pos = _POSITION_VALUE[ch]
            if pos >= last_pos:
                return None  # 十百: positions must fall
            total += (cur or 1) * pos
            cur, last_pos = 0, pos
        else:
            cur = cur * 10 + _DIGIT_VALUE[ch] if cur else _DIGIT_VALUE[ch]
    total += cur
    return total or None


def _grouped_int(s: str) -> int | None:
    """A whole numeral in groups of 亿 and 万 (五万, 三亿二千万, 一万零五百), each group below
    10000; None when it is not such a numeral (cn2an then reads it). Reports write 万 and 亿
    numerals often enough that importing cn2an for them would cost most runs 0.1 s."""
    total = 0
    rest = s
    for mark, scale in (("亿", 10**8), ("万", 10**4)):
        if mark in rest:
            head, _, rest = rest.partition(mark)
            n = chinese_int(head)
            if n is None or mark in rest:
                return None
            total += n * scale
    if rest:
        if rest[0] in "零〇":  # 一万零五百: the zero only marks the empty place
            rest = rest[1:]
        elif total and len(rest) == 1 and rest in _DIGIT_VALUE:
            return None  # 三万五 is 35000 by usage: left to cn2an, which knows it
        n = chinese_int(rest)
        if n is None:
            return None
        total += n
    return total or None


@lru_cache(maxsize=4096)
def chinese_value(s: str) -> float | None:
    """Value of a Chinese numeral such as 两, 十一, 三千五百, 五万, 零点五; None if it is not one.

    A run of two or more digits without a position character (七五, 二〇一八) is rejected:
    in reports these are names and years, never quantities.
    """
    if not s or any(ch not in CN_NUMERAL_CHARS + "点" for ch in s):
        return None
    if s[0] not in CN_DIGITS + "十":
        return None
    whole = s.split("点", 1)[0]
    if len(whole) > 1 and not any(ch in CN_POSITIONS for ch in whole):
        return None
    if s in _ONE_CHARACTER:
        return _ONE_CHARACTER[s]
    if "点" not in s:
        value = _grouped_int(s)
        if value is not None:
            return float(value)
        if not any(ch in "万亿" for ch in s):
            return None
    import cn2an  # imported lazily: its configuration is read at import time

    try:
        return float(cn2an.cn2an(s, "normal"))
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def arabic_value(s: str) -> float | None:
    """Value of an Arabic number with optional thousands commas (1,200) and decimals."""
    if not _ARABIC.fullmatch(s):
        return None
    return float(s.replace(",", ""))


def number_value(s: str) -> float | None:
    """Value of an Arabic or Chinese number (without magnitude suffix handling beyond 万/亿)."""
    if not s:
        return None
    if s[0].isdigit():
        return arabic_value(s)
    return chinese_value(s)


def to_chinese(n: int) -> str:
    """Chinese numeral for a non-negative integer (23 -> 二十三)."""
    import cn2an

    return cn2an.an2cn(int(n))
