"""The normalised twin of a report's text, with an offset map back to the original.

Contract (everyone matches on it): simplified script (OpenCC t2s; tw2s for text that is
mostly traditional, see ``to_simplified``); full-width ASCII folded to
half-width (（一）→(一), ，→, ：→: ０→0, full-width space → space); ‘’「」『』 unified to “”;
runs of horizontal white space collapsed to one space and removed at line ends; line endings
(\\r\\n, \\r) unified to \\n, one \\n per original line break; zero-width characters and BOMs
dropped. 。、《》“” are kept. ``NormText.origin[i]`` is the original offset of normalised
character ``i`` and ``origin[len(text)] == len(original)``; the map is strictly increasing.
"""

from __future__ import annotations

import re
from array import array
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Literal

from .model import NormText

# Characters that carry no content: zero-width spaces/joiners, bidi controls, BOM, soft hyphen.
ZERO_WIDTH = "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
# Horizontal white space (everything str.isspace() knows, minus line breaks).
HSPACE = " \t\x0b\x0c\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\x1c\x1d\x1e\x1f"


def _fold_table() -> dict[int, str]:
    table = {c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}  # full-width ASCII block
    table.update({ord(c): " " for c in HSPACE})
    table.update({ord(c): "\n" for c in "\u2028\u2029\x85"})
    table.update(
        {
            ord("‘"): "“", ord("’"): "”", ord("「"): "“", ord("」"): "”",
            ord("『"): "“", ord("』"): "”", ord("﹁"): "“", ord("﹂"): "”",
            ord("﹃"): "“", ord("﹄"): "”",
            ord("｡"): "。", ord("､"): "、", ord("｢"): "“", ord("｣"): "”",
            ord("﹐"): ",", ord("﹑"): "、", ord("﹒"): ".", ord("﹔"): ";", ord("﹕"): ":",
            ord("﹖"): "?", ord("﹗"): "!", ord("﹙"): "(", ord("﹚"): ")",
            ord("￥"): "¥", ord("￠"): "¢", ord("￡"): "£",
        }
    )
    return table


_FOLD = _fold_table()
_HS = re.escape(HSPACE)
_ZW = re.escape(ZERO_WIDTH)
# One alternation, so the whole text is rewritten in a single left-to-right pass:
#  1. a line break with the horizontal space around it  -> "\n"
#  2. leading / trailing space of the whole text        -> ""
#  3. a run of horizontal space (or a lone tab etc.)    -> " "
#  4. a zero-width character                            -> ""
_REWRITE = re.compile(
    rf"(?P<br>[{_HS}{_ZW}]*(?:\r\n|\r|\n)[{_HS}{_ZW}]*)"
    rf"|(?P<edge>^[{_HS}{_ZW}]+|[{_HS}{_ZW}]+\Z)"
    rf"|(?P<sp>[{_HS}][{_HS}{_ZW}]*)"
    rf"|(?P<zw>[{_ZW}]+)"
)
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@lru_cache(maxsize=4)
def _converter(config: str):
    import opencc  # imported lazily: loading its dictionaries costs a few milliseconds

    return opencc.OpenCC(config)


@lru_cache(maxsize=65536)
def _char_convert(ch: str, config: str) -> str:
    out = _converter(config).convert(ch)
    return out if len(out) == 1 else ch


def _char_t2s(ch: str) -> str:
    return _char_convert(ch, "t2s")


def to_simplified(text: str, script: Literal["simplified", "traditional"] | None = None) -> str:
    """``text`` in simplified script, same length, character for character.

    Text that is mostly traditional goes through OpenCC ``tw2s`` (t2s plus the variant and
    phrase tables that resolve 著 → 着 in 著力, 存在著 …); mostly simplified text through plain
    ``t2s``, which leaves its 显著 and 著作 alone. The phrase tables run over the whole text at
    once; if a phrase ever changed the length of a line, that line is converted character by
    character instead, so offsets never shift.
    """
    if not _CJK.search(text):
        return text
    if script is None:
        script = detect_script(text)
    config = "tw2s" if script == "traditional" else "t2s"
    out = _converter(config).convert(text)
    if len(out) == len(text):
        return out
    src_lines = text.split("\n")
    out_lines = out.split("\n")
    if len(src_lines) != len(out_lines):  # cannot happen with OpenCC's tables; be safe anyway
        return "".join(_char_convert(c, config) for c in text)
    fixed = [
        o if len(o) == len(s) else "".join(_char_convert(c, config) for c in s)
        for s, o in zip(src_lines, out_lines)
    ]
    return "\n".join(fixed)


def fold(text: str) -> str:
    """Width and punctuation folding only (same length): ，→, （→( ０→0 ‘’「」→“” …"""
    return text.translate(_FOLD)


def normalise(text: str, script: Literal["simplified", "traditional"] | None = None) -> NormText:
    """The normalised form of ``text`` with its map back to ``text`` (see module doc).

    ``script`` skips the script detection when the caller already knows it.
    """
    folded = fold(to_simplified(text, script))
    parts: list[str] = []
    origin = array("l")
    pos = 0
    for m in _REWRITE.finditer(folded):
        a, b = m.span()
        if a > pos:
            parts.append(folded[pos:a])
            origin.extend(range(pos, a))
        kind = m.lastgroup
        if kind == "br":
            # one "\n" per original line break inside the match ("\r\n" counts once)
            seg = text[a:b]
            for br in re.finditer(r"\r\n|\r|\n|[\u2028\u2029\x85]", seg):
                parts.append("\n")
                origin.append(a + br.start())
        elif kind == "sp":
            parts.append(" ")
            origin.append(a)
        pos = b
    if pos < len(folded):
        parts.append(folded[pos:])
        origin.extend(range(pos, len(folded)))
    origin.append(len(text))
    return NormText("".join(parts), origin)


def detect_script(text: str) -> Literal["simplified", "traditional"]:
    """"traditional" when more characters are traditional-only than simplified-only."""
    counts = Counter(_CJK.findall(text[:200_000]))
    trad = sum(n for ch, n in counts.items() if _char_t2s(ch) != ch)
    if trad == 0:  # the usual case
        return "simplified"
    simplified_only = _simplified_only()
    simp = sum(n for ch, n in counts.items() if ch in simplified_only)
    return "traditional" if trad > simp else "simplified"


@lru_cache(maxsize=1)
def _simplified_only() -> frozenset[str]:
    # OpenCC's s2t table, read off once by scripts/make_simplified_only.py: building the s2t
    # converter here would cost about 0.1 s and 26 MB for one set membership test
    lines = (Path(__file__).with_name("data") / "simplified_only.txt").read_text(encoding="utf-8").splitlines()
    return frozenset("".join(line for line in lines if not line.startswith("#")))
