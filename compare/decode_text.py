"""Decoding the bytes of a plain-text report: byte-order marks, UTF-8, GB18030, Big5, UTF-16.

A strict decode that fits is scored by how much the text looks like real Chinese text (the share
of common characters), so a file is never read in the wrong one of two encodings that both
decode it; charset-normalizer guesses when nothing scores well.
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache
from pathlib import Path

from .i18n import _
from .model import ReportError

# C0/C1 controls other than \t \n \r, and DEL: counted when judging a decode (the text itself
# passes ``sanitize.clean``: a report must never emit an escape sequence in a terminal)
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_BINARY_MAGIC = (  # signatures long or odd enough never to start a text file
    (b"\x89PNG\r\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b\x08", "gzip data"),
    (b"\x7fELF", "a program"),
    (b"MZ\x90\x00", "a program"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document (.doc/.xls); save it as .docx"),
    (b"SQLite format 3\x00", "a database"),
)

# The 500 most frequent Chinese characters (simplified); their traditional forms are added at
# first use. Real Chinese text has about half its characters in this set, mis-decoded bytes
# (Big5 read as GBK, GBK read as Big5, UTF-8 read as GB18030) a small fraction.
_COMMON_SIMPLIFIED = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下"
    "过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两"
    "体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线"
    "内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并"
    "提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见"
    "计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七"
    "海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场"
    "身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广"
    "石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办"
    "青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江"
    "型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞推务项"
)


@lru_cache(maxsize=1)
def _common_chars() -> frozenset[str]:
    from .normalize import _converter

    trad = _converter("s2t").convert(_COMMON_SIMPLIFIED)
    return frozenset(_COMMON_SIMPLIFIED) | frozenset(trad)


def _plausibility(text: str) -> float:
    """How much ``text`` looks like real (Chinese) text: 0 = garbage, about 0.5 = typical."""
    common_chars = _common_chars()
    sample = text[:50_000]
    if not sample:
        return 0.0
    bad = len(_CONTROLS.findall(sample)) + sample.count("\ufffd") + sample.count("\x00")
    bad += len(re.findall(r"[\ue000-\uf8ff\ud800-\udfff]", sample))  # private use: mis-decode
    cjk = _CJK.findall(sample)
    hangul_etc = len(re.findall(r"[\uac00-\ud7af\u0400-\u04ff\u0600-\u06ff\u3040-\u30ff]", sample))
    letters = sum(1 for ch in sample if ch.isalnum())
    if cjk:
        common = sum(1 for ch in cjk if ch in common_chars) / len(cjk)
        cjk_share = len(cjk) / max(letters, 1)
        score = common * min(1.0, cjk_share * 1.5)
    else:
        # no Chinese at all: plain ASCII/Latin text is plausible, scattered symbols are not
        score = 0.3 if letters / len(sample) > 0.5 else 0.1
    score -= 3 * bad / len(sample) + hangul_etc / max(letters, 1)
    return score


def _utf16_candidates(data: bytes) -> list[str]:
    # Without a BOM both byte orders are tried; the wrong one yields Hangul, symbols and rare
    # characters, which the plausibility score rejects. (NUL counts are no guide: U+4E00 一
    # has a zero byte too.)
    if len(data) < 2 or len(data) % 2:
        return []
    return ["utf-16-le", "utf-16-be"]


def decode_bytes(data: bytes, path: Path | str = "<text>") -> tuple[str, str]:
    """Decode plain-text bytes: (text, encoding name). ReportError when nothing fits.

    Order: BOM; strict UTF-8; the best-scoring strict decode among GB18030, Big5 and UTF-16
    (scored by how many characters are common Chinese characters); charset-normalizer's guess;
    UTF-8 with replacement characters when only a few bytes are broken.
    """
    for bom, enc, name in (
        (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
        (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
    ):
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(enc), name
            except UnicodeDecodeError:
                text = data[len(bom):].decode(enc, errors="replace")
            if text.count("\ufffd") <= max(8, len(text) // 20):
                return text, name  # a few damaged characters: they lose only themselves
            if name == "utf-8-sig":
                break  # a UTF-8 BOM in front of another encoding: detect it below
            raise ReportError(_("{path}: starts with a {encoding} byte-order mark but is not {encoding} text").format(path=path, encoding=name.upper()))
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            raise ReportError(_("{path}: this is {what}, not a text report").format(path=path, what=what))
    try:
        text = data.decode("utf-8")
        if "\x00" not in text:
            if _looks_binary(text):
                raise ReportError(_("{path}: binary data, not a text report").format(path=path))
            return text, "utf-8"
    except UnicodeDecodeError:
        pass

    candidates: list[tuple[float, int, str, str]] = []
    for order, enc in enumerate(["gb18030", "big5hkscs", *_utf16_candidates(data)]):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        candidates.append((_plausibility(text), -order, text, enc))
    # a few damaged bytes (UTF-8) or code units (UTF-16, e.g. a lone surrogate) lose only
    # themselves; the penalty keeps a clean decode ahead
    for order, enc in enumerate(["utf-8", *_utf16_candidates(data)]):
        lenient = data.decode(enc, errors="replace")
        broken = lenient.count("\ufffd") / max(len(lenient), 1)
        if broken < 0.05:
            candidates.append((_plausibility(lenient) - 2 * broken, -10 - order, lenient, enc))
    if not candidates or max(candidates)[0] < 0.15:
        guess = _charset_normalizer_guess(data)
        if guess is not None:
            candidates.append((_plausibility(guess[0]) - 0.05, -20, *guess))
    if candidates:
        score, _rank, text, enc = max(candidates)
        if score >= 0.1 and not _looks_binary(text):
            return text, canonical_name(enc)
    if b"\x00" in data[:8192]:
        raise ReportError(_("{path}: binary data, not a text report").format(path=path))
    raise ReportError(_("{path}: cannot decode the text (not UTF-8, GB18030, Big5 or UTF-16)").format(path=path))


def canonical_name(enc: str) -> str:
    """The codec's standard name (``big5`` for the Big5-HKSCS superset it is decoded with)."""
    try:
        name = codecs.lookup(enc).name
    except LookupError:
        return enc
    return "big5" if name == "big5hkscs" else name


def _charset_normalizer_guess(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        return None
    try:
        return data.decode(best.encoding), best.encoding
    except (UnicodeDecodeError, LookupError):
        return None


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    odd = len(_CONTROLS.findall(sample)) + sample.count("\ufffd")
    return odd > max(8, len(sample) // 20)
