"""The visible text of an HTML page (.html/.htm): its declared or detected encoding, then one
linear pass over the markup that keeps what a browser would show, one line per block element."""

from __future__ import annotations

import codecs
import html
import re
from pathlib import Path

from .decode_text import canonical_name, decode_bytes
from .i18n import _
from .model import ReportError

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
                    return data.decode(declared), canonical_name(declared)
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


def html_text(p: Path, data: bytes) -> tuple[str, str]:
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
