"""Reading a report file (.txt/.md, .html/.htm, .docx, .pdf) into a Report.

``load_report`` turns bytes into text (format sniffing, encoding detection), then
``load_text`` neutralises control characters, normalises, splits content lines, sets page
boilerplate aside and reads the metadata. Every failure is a one-line ReportError naming the file.
"""

from __future__ import annotations

import codecs
import html
import io
import logging
import os
import re
import stat
import warnings
import zipfile
from functools import lru_cache
from pathlib import Path

from . import sanitize
from .boilerplate import find_boilerplate
from .i18n import _, os_reason
from .metadata import extract_metadata
from .model import Line, Report, ReportError
from .normalize import HSPACE, ZERO_WIDTH, detect_script, normalise
from .read_pdf import pdf_text

MAX_BYTES = 20 * 1024 * 1024  # larger files are refused rather than risk a long stall
MAX_UNPACKED = 200 * 1024 * 1024  # a .docx is a zip: its unpacked size is checked too
# The text itself is bounded too: memory and time grow faster than its length (segmentation,
# alignment features, diffs). Measured on two files of short lines (scripts/measure_limits.py):
# 500,000 characters each peak at 326 MB, 1,000,000 at 874 MB. The longest real report of the
# devset and series is about 25,000 characters, so the limit is twenty times that.
MAX_CHARS = 500_000

# C0/C1 controls other than \t \n \r, and DEL: counted when judging a decode (the text itself
# passes ``sanitize.clean``: a report must never emit an escape sequence in a terminal)
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# what surrounds a content line and is stripped from it (an argument to str.strip)
_STRIP = HSPACE + ZERO_WIDTH

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
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}


# --------------------------------------------------------------------------- public API


def load_text(text: str, path: str | None = None, fmt: str = "txt", encoding: str = "utf-8") -> Report:
    """Build a Report (lines, boilerplate, metadata) from already-decoded text."""
    text = text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\x85", "\n")
    # controls and lone surrogates (UTF-7, unicode_escape, a PDF's font map) become U+FFFD;
    # line splitting handles \r, normalisation drops the bidi controls
    text = sanitize.clean(text, keep="\r" + sanitize.BIDI_CONTROLS)
    script = detect_script(text)
    norm = normalise(text, script)
    all_lines = _split_lines(text, norm)
    flags = find_boilerplate(all_lines)
    if not any(not bp for bp in flags):
        flags = [False] * len(all_lines)  # never strip everything: chrome rules were wrong here
    content = tuple(ln for ln, bp in zip(all_lines, flags) if not bp)
    boiler = tuple(ln for ln, bp in zip(all_lines, flags) if bp)
    meta = extract_metadata(text, norm, content, boiler)
    return Report(
        path=path,
        text=text,
        norm=norm,
        lines=content,
        boilerplate=boiler,
        meta=meta,
        encoding=encoding,
        format=fmt,
        script=script,
    )


def load_report(path: str | Path) -> Report:
    """Read, decode and load a report file; ReportError (one line, naming the file) if it cannot."""
    if not os.fspath(path).strip():
        raise ReportError(_("the file name is empty"))
    p = Path(path)
    data = _read_bytes(p)
    fmt = _format_of(p, data)
    if fmt == "docx":
        text, encoding = _docx_text(p, data), "docx"
    elif fmt == "pdf":
        text, encoding = pdf_text(p, data), "pdf"
    elif fmt == "html":
        text, encoding = _html_text(p, data)
    else:
        text, encoding = decode_bytes(data, p)
    if not text.strip(_STRIP + "\r\n"):
        raise ReportError(_("{p}: the file has no text (only white space)").format(p=p))
    if not text.strip(_STRIP + "\r\n\ufffd"):
        raise ReportError(_("{p}: the file has no readable text (only bytes that cannot be decoded)").format(p=p))
    if len(text) > MAX_CHARS:
        raise ReportError(
            f"{p}: the text is too long ({len(text):,} characters; the limit is {MAX_CHARS:,})"
        )
    return load_text(text, str(p), fmt, encoding)


# --------------------------------------------------------------------------- reading


def _too_large(p: Path, size: int | None) -> ReportError:
    limit = _("the limit is {limit:,} bytes ({megabytes} MB)").format(limit=MAX_BYTES, megabytes=MAX_BYTES // 2**20)
    if size is None:
        return ReportError(_("{p}: the file is too large; {limit}").format(p=p, limit=limit))
    return ReportError(_("{p}: the file is too large: {size:,} bytes; {limit}").format(p=p, size=size, limit=limit))


def _read_bytes(p: Path) -> bytes:
    try:
        st = p.stat()
    except FileNotFoundError:
        if p.is_symlink():
            raise ReportError(_("{p}: a broken symbolic link (its target does not exist)").format(p=p)) from None
        raise ReportError(_("{p}: no such file").format(p=p)) from None
    except OSError as e:
        raise ReportError(_("{p}: cannot read the file ({reason})").format(p=p, reason=os_reason(e))) from None
    except ValueError:  # a NUL byte in the name
        raise ReportError(_("{p}: not a valid file name").format(p=p)) from None
    mode = st.st_mode
    if stat.S_ISDIR(mode):
        raise ReportError(_("{p}: is a directory, not a report file").format(p=p))
    if not stat.S_ISREG(mode):
        kind = (
            _("a named pipe (FIFO)") if stat.S_ISFIFO(mode)
            else _("a device") if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else _("a socket") if stat.S_ISSOCK(mode)
            else _("a special file")
        )
        raise ReportError(_("{p}: not a regular file ({kind})").format(p=p, kind=kind))
    if st.st_size > MAX_BYTES:
        raise _too_large(p, st.st_size)
    try:
        with p.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except PermissionError:
        raise ReportError(_("{p}: permission denied (cannot read the file)").format(p=p)) from None
    except OSError as e:
        raise ReportError(_("{p}: cannot read the file ({reason})").format(p=p, reason=os_reason(e))) from None
    if len(data) > MAX_BYTES:
        raise _too_large(p, None)
    if not data:
        raise ReportError(_("{p}: the file is empty").format(p=p))
    return data


def _format_of(p: Path, data: bytes) -> str:
    """The reader to use: by content where it is unambiguous, else by extension."""
    suffix = p.suffix.lower()
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        if suffix == ".docx" or b"word/" in data[:4096]:
            return "docx"
        raise ReportError(_("{p}: a ZIP archive, not a report (expected .txt, .html, .docx or .pdf)").format(p=p))
    if suffix == ".docx":
        return "docx"
    if suffix == ".pdf":
        return "pdf"
    if suffix == ".doc":
        raise ReportError(_("{p}: old Word .doc files are not supported; save it as .docx").format(p=p))
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "txt"
    head = data[:4096].lstrip(codecs.BOM_UTF8).lstrip().lower()
    if re.match(rb"<(!doctype html|html|head|body|meta|div|p|table)\b", head) or b"<html" in head:
        return "html"
    return "txt"


# --------------------------------------------------------------------------- text encodings

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
            return text, _canonical_name(enc)
    if b"\x00" in data[:8192]:
        raise ReportError(_("{path}: binary data, not a text report").format(path=path))
    raise ReportError(_("{path}: cannot decode the text (not UTF-8, GB18030, Big5 or UTF-16)").format(path=path))


def _canonical_name(enc: str) -> str:
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


# --------------------------------------------------------------------------- HTML

_DROP_TAGS = ["script", "style", "noscript", "template", "head", "iframe", "object", "embed",
              "svg", "canvas", "button", "select", "input", "textarea", "form"]
_BLOCK_TAGS = {
    "p", "div", "section", "article", "header", "footer", "nav", "aside", "main", "h1", "h2",
    "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody",
    "tfoot", "tr", "blockquote", "pre", "address", "figure", "figcaption", "hr", "center",
    "title", "caption", "fieldset", "legend", "details", "summary",
}
_CELL_TAGS = {"td", "th"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)


def _declared_codec(label: str) -> str | None:
    """The Python codec for a ``<meta charset>`` label, by the WHATWG Encoding Standard's
    label table (what browsers accept); None for labels it does not know (``utf-7``,
    ``unicode_escape`` and other codecs that are not web encodings)."""
    import webencodings

    enc = webencodings.lookup(label)
    if enc is None or enc.name in ("x-user-defined", "replacement"):
        return None
    if enc.name in ("gbk", "gb18030"):
        return "gb18030"  # the superset; pages labelled gb2312 often use GBK characters
    if enc.name == "big5":
        return "big5hkscs"
    return enc.codec_info.name


def _decode_html(p: Path, data: bytes) -> tuple[str, str]:
    if not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        m = _META_CHARSET.search(data[:4096])
        if m:
            declared = _declared_codec(m.group(1).decode("ascii"))
            if declared is not None:
                try:
                    return data.decode(declared), _canonical_name(declared)
                except (UnicodeDecodeError, LookupError):
                    pass  # wrong label: detect instead
    return decode_bytes(data, p)


_DROP_SET = frozenset(_DROP_TAGS)
_VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                        "param", "source", "track", "wbr", "keygen", "frame", "basefont", "bgsound"})
# elements whose content is not markup (HTML Living Standard, 13.1.2 "raw text" and
# "escapable raw text" elements, plus the obsolete xmp/plaintext/noembed/noframes)
_RAW_TEXT = frozenset({"script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"})
_RCDATA = frozenset({"title", "textarea"})
_WS = re.compile(r"[ \t\r\n\f]+")
_MARKUP = re.compile(r"<[A-Za-z/!?]")
_TAG_NAME = re.compile(r"/?\s*([A-Za-z][^\s/>]*)")
_HIDDEN_ATTR = re.compile(r"\shidden(?=[\s=/]|$)")
_CLOSERS: dict[str, re.Pattern[str]] = {}
MAX_HTML_TAGS = 1_000_000  # far above any real page (thousands); bounds the work on a tag bomb


class _TooMuchMarkup(Exception):
    pass


class _VisibleText:
    """The visible text of a page in one linear pass, without building a tree.

    A tree builder recurses on deep nesting (bs4), or rescans its stack of open elements for
    every stray end tag (libxml2, lexbor: 80,000 unclosed spans then 80,000 stray end tags take
    20 s and 240 s), and the standard library's tokenizer rescans an unclosed start tag (a page
    of ``<x<x<x…`` takes minutes). Here every character is looked at a bounded number of times:
    ``str.find`` moves forward only, a count per tag name ignores an end tag with no open
    element at once, and each element is popped once.
    """

    def __init__(self) -> None:
        self.chunks: list[str] = []
        self._stack: list[tuple[str, bool]] = []  # (tag, hidden) of each open element
        self._open: dict[str, int] = {}
        self._hidden = 0  # open elements that hide their content
        self._pre = 0  # open <pre> elements
        self._tags = 0

    def feed(self, markup: str) -> str:
        n = len(markup)
        pos = 0
        while pos < n:
            m = _MARKUP.search(markup, pos)
            if m is None:
                self._data(markup[pos:])
                break
            lt = m.start()
            if lt > pos:
                self._data(markup[pos:lt])
            if markup.startswith("<!--", lt):
                end = markup.find("-->", lt + 4)
                pos = n if end < 0 else end + 3
                continue
            gt = markup.find(">", lt + 1)
            if gt < 0:
                break  # a tag cut off by the end of the file: nothing visible
            pos = gt + 1
            body = markup[lt + 1 : gt]
            if body[0] in "!?":
                continue  # doctype, CDATA, processing instruction
            name_m = _TAG_NAME.match(body)
            if name_m is None:
                continue
            tag = name_m.group(1).lower()
            if body[0] == "/":
                self._end(tag)
                continue
            self._start(tag, body[name_m.end() :])
            if tag in _RAW_TEXT or tag in _RCDATA:
                closer = _CLOSERS.get(tag)
                if closer is None:
                    closer = _CLOSERS[tag] = re.compile(rf"</{tag}[\s/>]", re.I)
                c = closer.search(markup, pos)
                stop = n if c is None else c.start()
                if tag in _RCDATA:
                    self._data(markup[pos:stop])
                elif tag == "plaintext" or not self._hidden:
                    self.chunks.append(markup[pos:stop])
                self._end(tag)
                pos = n if c is None else max(markup.find(">", c.start()) + 1, c.end())
        return "".join(self.chunks)

    def _start(self, tag: str, attrs: str) -> None:
        self._tags += 1
        if self._tags > MAX_HTML_TAGS:
            raise _TooMuchMarkup
        if tag == "body" and self._open.get("head"):
            self._end("head")  # a page that never closes <head>: the body is not inside it
        if tag in _VOID_TAGS:
            if self._hidden == 0 and tag == "br":
                self.chunks.append("\n")
            elif self._hidden == 0 and tag == "hr":
                self.chunks.append("\n\n")
            return
        low = attrs.lower()
        hidden = tag in _DROP_SET or _HIDDEN_ATTR.search(low) is not None
        if not hidden and "style" in low:
            style = _WS.sub("", low[low.find("style") :])
            hidden = "display:none" in style or "visibility:hidden" in style
        self._stack.append((tag, hidden))
        self._open[tag] = self._open.get(tag, 0) + 1
        if tag == "pre":
            self._pre += 1
        if hidden:
            self._hidden += 1
        elif self._hidden == 0:
            if tag in _BLOCK_TAGS:
                self.chunks.append("\n")
            elif tag in _CELL_TAGS:
                self.chunks.append("\t")  # cell separator, made two spaces later

    def _end(self, tag: str) -> None:
        """Close the innermost open ``tag`` and everything opened inside it."""
        if not self._open.get(tag):
            return  # a stray end tag
        while self._stack:
            name, hidden = self._stack.pop()
            self._open[name] -= 1
            if name == "pre":
                self._pre -= 1
            if hidden:
                self._hidden -= 1
            elif self._hidden == 0:
                if name in _BLOCK_TAGS:
                    self.chunks.append("\n")
                elif name in _CELL_TAGS:
                    self.chunks.append("\t")
            if name == tag:
                return

    def _data(self, data: str) -> None:
        if self._hidden == 0 and data:
            if "&" in data:
                data = html.unescape(data)
            self.chunks.append(data if self._pre else _WS.sub(" ", data))


def _html_text(p: Path, data: bytes) -> tuple[str, str]:
    """Visible text of an HTML page, one line per block element or <br>; nothing is fetched."""
    markup, encoding = _decode_html(p, data)
    try:
        raw = _VisibleText().feed(markup)
    except _TooMuchMarkup:
        raise ReportError(_("{p}: the page has more than {limit:,} tags; not a report").format(p=p, limit=MAX_HTML_TAGS)) from None
    # tidy the soup of spaces and breaks the walk leaves: keep paragraph breaks, trim line ends
    lines = [_CELL_GAP.sub("  ", ln.strip(" \t")) for ln in raw.split("\n")]
    text = _MANY_BREAKS.sub("\n\n", "\n".join(lines)).strip("\n")
    return text, encoding


_CELL_GAP = re.compile(r" *\t[ \t]*")
_MANY_BREAKS = re.compile(r"\n{3,}")


# --------------------------------------------------------------------------- DOCX (PDF: read_pdf.py)


def _docx_text(p: Path, data: bytes) -> str:
    """Paragraphs and table rows of a .docx, in document order."""
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        with zipfile.ZipFile(io.BytesIO(data)) as z:
            unpacked = sum(info.file_size for info in z.infolist())
        if unpacked > MAX_UNPACKED:  # a zip bomb would otherwise fill memory
            raise ReportError(_("{p}: the .docx unpacks to more than {megabytes} MB").format(p=p, megabytes=MAX_UNPACKED // 2**20))
        document = docx.Document(io.BytesIO(data))
        out: list[str] = []
        body = document.element.body
        for child in body.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                out.append(Paragraph(child, document).text)
            elif tag == "tbl":
                for row in Table(child, document).rows:
                    cells: list[str] = []
                    for cell in row.cells:
                        t = cell.text.strip()
                        if t and (not cells or cells[-1] != t):  # merged cells repeat
                            cells.append(t)
                    out.append("  ".join(cells))
    except ReportError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise ReportError(_("{p}: not a valid .docx file (it is damaged or not a Word document)").format(p=p)) from None
    except Exception:  # python-docx raises a variety of lxml/package errors on corrupt files
        raise ReportError(_("{p}: cannot read the .docx file (its contents are damaged)").format(p=p)) from None
    text = "\n".join(out)
    if not text.strip():
        raise ReportError(_("{p}: the .docx file contains no text").format(p=p))
    return text


# --------------------------------------------------------------------------- lines


def _split_lines(text: str, norm) -> list[Line]:
    """Every non-blank line, stripped, with its original and normalised offsets."""
    lines: list[Line] = []
    n = len(text)
    starts = [0]
    ends = []
    for m in _LINE_BREAK.finditer(text):
        ends.append(m.start())
        starts.append(m.end())
    ends.append(n)
    for s0, e0 in zip(starts, ends):
        raw = text[s0:e0]
        stripped = raw.strip(_STRIP)
        if not stripped:
            continue
        s = s0 + (len(raw) - len(raw.lstrip(_STRIP)))
        e = s + len(stripped)
        ns, ne = norm.to_normalised(s), norm.to_normalised(e)
        ntext = norm.text[ns:ne]
        # the normalised line can still start/end with a space (e.g. from U+FFFD neighbours)
        lead = len(ntext) - len(ntext.lstrip(" "))
        ntext = ntext.strip(" ")
        ns += lead
        ne = ns + len(ntext)
        lines.append(Line(s, e, ns, ne, stripped, ntext))
    return lines
