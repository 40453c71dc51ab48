"""Reports rendered to PDF for the reader's tests, as a word processor would lay them out.

reportlab's built-in CID font STSong-Light needs no font file (the viewer supplies the
glyphs; the text layer maps to Unicode through the Adobe-GB1 CMap), so the test runs in any
environment. Each paragraph of the text is wrapped to the measure with a two-character
first-line indent; every page has a running header and a page number at the foot.
"""

from __future__ import annotations

import io
from pathlib import Path

FONT = "STSong-Light"
HEADER = "某市人民政府文件"


def render_pdf(
    text: str,
    *,
    size: float = 12,
    header: str | None = HEADER,
    page_numbers: bool = True,
    lines_per_page: int | None = None,
) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    w, h = A4
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    left, right, top, bottom = 72, w - 72, h - 80, 80
    width = right - left
    page = 1
    y = top
    on_page = 0

    def furniture() -> None:
        c.setFont(FONT, 9)
        if header:
            c.drawString(left, h - 50, header)
        if page_numbers:
            c.drawCentredString(w / 2, 45, f"- {page} -")

    furniture()
    for para in text.split("\n"):
        rest = para.strip()
        first = True
        while rest:
            indent = 2 * size if first else 0
            n = 1
            while n <= len(rest) and pdfmetrics.stringWidth(rest[:n], FONT, size) <= width - indent:
                n += 1
            line, rest = rest[: n - 1], rest[n - 1 :]
            if y < bottom or (lines_per_page is not None and on_page >= lines_per_page):
                c.showPage()
                page += 1
                y = top
                on_page = 0
                furniture()
            c.setFont(FONT, size)
            c.drawString(left + indent, y, line)
            y -= size * 1.6
            on_page += 1
            first = False
    c.save()
    return buf.getvalue()


def write_pdf(path: Path, text: str, **kw) -> Path:
    path.write_bytes(render_pdf(text, **kw))
    return path


def encrypt(data: bytes, *, user: str = "", owner: str = "owner", algorithm: str = "AES-256") -> bytes:
    """The PDF encrypted with pypdf (AES-256 by default; an empty user password opens it)."""
    from pypdf import PdfReader, PdfWriter

    w = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    w.encrypt(user_password=user, owner_password=owner, algorithm=algorithm)
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()
