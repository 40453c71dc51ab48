"""The text of a PDF report, rebuilt as paragraphs from the page layout.

A PDF holds positioned lines, not paragraphs: read line by line, every wrapped line of a
report becomes a paragraph of its own and words, figures and initiatives are cut apart
("落实领" / "导干部"). pdfminer.six (MIT) gives each text line with its box; from the boxes:

* the page furniture is set aside: running headers and footers (the same text near the top
  or the bottom of most pages) and page numbers ("- 3 -", "第3页", "3/12");
* a line continues the paragraph above it when that line runs to the right edge of the
  text block, this one starts at the left edge (not indented like a first line), has the
  same size, and does not open a heading or a list item (一、 （二） 3. ① 第一条 一是);
  across a page break too;
* the paragraphs are returned one per line, as a .txt report would hold them.

pypdf was measured against it: faster (0.06 s against 0.3 s on a four-page seed), but its
text callbacks give positions without widths, so whether a line fills the measure can only
be guessed. AES-encrypted files need ``cryptography``; one that opens with the empty user
password (the usual "restricted" government PDF) is read, one that needs a password is
refused with a message saying so.
"""

from __future__ import annotations

import io
import logging
import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .i18n import _
from .model import ReportError
from .sanitize import replace_surrogates

MAX_PAGES = 2000  # a longer document is refused rather than read for minutes
EDGE_BAND = 0.09  # share of the page height at the top and bottom where furniture sits
FULL_LINE = 1.6  # a line ending within this many character widths of the right edge is full
INDENT = 0.6  # a line starting this many character widths right of the left edge is indented

# a line that opens a heading or a list item never continues the paragraph above it
_OPENS_BLOCK = re.compile(
    r"^(?:第[一二三四五六七八九十百零〇\d]+[章节条部分篇]"
    r"|[一二三四五六七八九十百]+[、.．]"
    r"|[（(][一二三四五六七八九十\d]+[)）]"
    r"|\d{1,2}[、.．](?!\d)"
    r"|[①-⑳⑴-⒇]"
    r"|[一二三四五六七八九十]+是"
    r"|[—-]{1,2}\s*\d+\s*[—-]{1,2}$)"
)
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–_·\s]*\d{1,4}[-—–_·\s]*|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}"
    r"|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class PdfLine:
    """One text line of a page: its box (PDF units, y upwards) and its text."""

    page: int
    x0: float
    x1: float
    y0: float
    y1: float
    text: str

    @property
    def size(self) -> float:
        return max(self.y1 - self.y0, 1.0)


@contextmanager
def _quiet():
    """pdfminer logs a warning on every odd file; the user gets our one line instead."""
    logger = logging.getLogger("pdfminer")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _page_lines(data: bytes, p: Path) -> tuple[list[list[PdfLine]], list[float]]:
    """Every page's text lines (top to bottom) and its height."""
    try:
        from pdfminer.layout import LAParams, LTTextContainer, LTTextLine
        from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
        from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
        from pdfminer.converter import PDFPageAggregator
        from pdfminer.pdfpage import PDFPage
        from pdfminer.pdfparser import PDFParser
    except ImportError:  # pragma: no cover - a dependency of the package
        raise ReportError(_("{p}: cannot read PDF files (pdfminer.six is not installed)").format(p=p)) from None

    pages: list[list[PdfLine]] = []
    heights: list[float] = []
    try:
        with _quiet():
            parser = PDFParser(io.BytesIO(data))
            try:
                document = PDFDocument(parser, password="")
            except PDFPasswordIncorrect:
                raise ReportError(_("{p}: the PDF is password-protected (it needs a password to open)").format(p=p)) from None
            except PDFEncryptionError:
                raise ReportError(_("{p}: the PDF is encrypted in a way that cannot be read").format(p=p)) from None
            rsrc = PDFResourceManager()
            device = PDFPageAggregator(rsrc, laparams=LAParams(line_margin=0.3, char_margin=2.0))
            interpreter = PDFPageInterpreter(rsrc, device)
            for n, page in enumerate(PDFPage.create_pages(document)):
                if n >= MAX_PAGES:
                    raise ReportError(_("{p}: the PDF has more than {limit} pages").format(p=p, limit=MAX_PAGES))
                interpreter.process_page(page)
                layout = device.get_result()
                lines: list[PdfLine] = []

                def collect(items: Iterable) -> None:
                    for item in items:
                        if isinstance(item, LTTextLine):
                            text = replace_surrogates(item.get_text()).strip()
                            if text:
                                lines.append(PdfLine(n, item.x0, item.x1, item.y0, item.y1, text))
                        elif isinstance(item, LTTextContainer):
                            collect(item)

                collect(layout)
                pages.append(_merge_baselines(lines))
                heights.append(float(layout.height))
    except ReportError:
        raise
    except Exception:  # noqa: BLE001 - a damaged file fails in many ways inside pdfminer
        raise ReportError(_("{p}: not a valid PDF file (it is damaged or not a PDF)").format(p=p)) from None
    return pages, heights


def _merge_baselines(lines: list[PdfLine]) -> list[PdfLine]:
    """Lines sorted top to bottom; pieces on one baseline joined left to right."""
    lines = sorted(lines, key=lambda ln: (-round(ln.y0, 1), ln.x0))
    out: list[PdfLine] = []
    for ln in lines:
        last = out[-1] if out else None
        if last is not None and abs(last.y0 - ln.y0) < 0.3 * min(last.size, ln.size) and ln.x0 >= last.x1 - 1:
            gap = " " if ln.x0 - last.x1 > 0.4 * ln.size else ""
            out[-1] = PdfLine(last.page, last.x0, ln.x1, min(last.y0, ln.y0), max(last.y1, ln.y1), last.text + gap + ln.text)
        else:
            out.append(ln)
    return out


def _furniture(pages: Sequence[Sequence[PdfLine]], heights: Sequence[float]) -> set[tuple[int, int]]:
    """(page, index) of the running headers, footers and page numbers."""
    def in_band(ln: PdfLine, h: float) -> bool:
        return ln.y0 > h * (1 - EDGE_BAND) or ln.y1 < h * EDGE_BAND

    repeated = Counter()
    for page, h in zip(pages, heights):
        repeated.update({_DIGITS.sub("#", ln.text) for ln in page if in_band(ln, h)})
    many = max(2, (len(pages) + 1) // 2)
    out = set()
    for n, (page, h) in enumerate(zip(pages, heights)):
        for i, ln in enumerate(page):
            if not in_band(ln, h):
                continue
            if _PAGE_NUMBER.match(ln.text) or (len(pages) >= 2 and repeated[_DIGITS.sub("#", ln.text)] >= many):
                out.add((n, i))
    return out


def _join(a: str, b: str) -> str:
    """Two pieces of one paragraph: a space only between two Latin words."""
    if a[-1:].isascii() and a[-1:].isalpha() and b[:1].isascii() and b[:1].isalpha():
        return a + " " + b
    return a + b


def _right_edge(ends: Sequence[float], slack: float) -> float:
    """The right edge of the text block: where the full lines end.

    The rightmost line end that enough lines (a tenth, at least two) reach within ``slack``
    of, so that a stray wide line does not move it; the rightmost end in a short text.
    """
    ends = sorted(ends, reverse=True)
    need = max(2, len(ends) // 10)
    j = 0
    for i, v in enumerate(ends):
        j = max(j, i)
        while j < len(ends) and ends[j] >= v - slack:
            j += 1
        if j - i >= need:
            return v
    return ends[0]


def paragraphs(pages: Sequence[Sequence[PdfLine]], heights: Sequence[float]) -> list[str]:
    """The body lines of all pages rebuilt into paragraphs."""
    skip = _furniture(pages, heights)
    body = [ln for n, page in enumerate(pages) for i, ln in enumerate(page) if (n, i) not in skip]
    if not body:
        return []
    size = statistics.median(ln.size for ln in body)
    left = Counter(round(ln.x0) for ln in body).most_common(1)[0][0]
    right = _right_edge([ln.x1 for ln in body], FULL_LINE * size)
    out: list[str] = []
    prev: PdfLine | None = None
    for ln in body:
        joins = (
            prev is not None
            and prev.x1 >= right - FULL_LINE * size
            and ln.x0 <= left + INDENT * size
            and abs(ln.size - prev.size) <= 0.2 * size
            and not _OPENS_BLOCK.match(ln.text)
        )
        if joins:
            out[-1] = _join(out[-1], ln.text)
        else:
            out.append(ln.text)
        prev = ln
    return out


def pdf_text(p: Path, data: bytes) -> str:
    """The text of a PDF as paragraphs, one per line; ReportError (one line) if it cannot be read."""
    pages, heights = _page_lines(data, p)
    text = "\n".join(paragraphs(pages, heights))
    if not text.strip():
        raise ReportError(_("{p}: the PDF has no text layer (a scanned or image-only PDF?)").format(p=p))
    return text
