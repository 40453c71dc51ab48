"""The comparison as a Word document (python-docx): the Markdown export's content, formatted.

The blocks are ``compare.export_doc``'s, so the document says what the Markdown says:
headings, the memo, tables, and each pair's text with its differences as formatted runs —
deleted text struck through, inserted text underlined, shared phrases in bold — in the
report's own script. Links to parts are internal hyperlinks to bookmarks on the parts'
headings, so they work in Word and WPS.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from datetime import datetime, timezone
from collections.abc import Iterable

from .export_blocks import Block, Bullets, DocOptions, Heading, Legend, Para, Quote, Run, Table
from .export_doc import build_document
from .export_labels import label
from .export_markdown import clean_text
from .model import Comparison
from .pipeline import DiffSource

# what clean_text leaves that XML 1.0 still forbids: report text must never spoil the file
_XML_UNSAFE = re.compile(r"[\ufffe\uffff\ud800-\udfff]")
EAST_ASIA_FONT = "SimSun"  # a font Word and WPS have for Chinese text; others substitute


# run properties in the order the OOXML schema wants them (b, strike, color, u)
_RUN_PROPS: dict[str, tuple[tuple[str, str | None], ...]] = {
    "delete": (("w:strike", None), ("w:color", "B00020")),
    "insert": (("w:color", "0050A0"), ("w:u", "single")),
    "shared": (("w:b", None),),
    "strong": (("w:b", None),),
}


def _clean(text: str) -> str:
    return _XML_UNSAFE.sub("\ufffd", clean_text(text))


class _Writer:
    def __init__(self, opts: DocOptions):
        import docx
        from docx.oxml.ns import qn
        from docx.shared import Pt

        self.o = opts
        self.qn = functools.lru_cache(maxsize=None)(qn)  # a few tags, asked for thousands of times
        self.doc = docx.Document()
        style = self.doc.styles["Normal"]
        style.font.size = Pt(10.5)
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = rpr.makeelement(qn("w:rFonts"), {})
            rpr.append(fonts)
        fonts.set(qn("w:eastAsia"), EAST_ASIA_FONT)
        self.bookmark_id = 0

    # --- runs
    def add_runs(self, paragraph, runs: Iterable[Run]) -> None:
        for r in runs:
            text = _clean(r.text).replace("\n", " ")
            if not text:
                continue
            if r.kind == "link" and r.target:
                self.add_link(paragraph, text, r.target)
            else:
                paragraph._p.append(self.run(text, _RUN_PROPS.get(r.kind, ())))

    def run(self, text: str, props: Iterable[tuple[str, str | None]]):
        """A w:r element (built directly: python-docx's add_run walks the text per character)."""
        qn = self.qn
        p = self.doc.element
        run = p.makeelement(qn("w:r"), {})
        props = tuple(props)
        if props:
            rpr = run.makeelement(qn("w:rPr"), {})
            for tag, val in props:
                rpr.append(rpr.makeelement(qn(tag), {qn("w:val"): val} if val else {}))
            run.append(rpr)
        t = run.makeelement(qn("w:t"), {})
        t.text = text
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        run.append(t)
        return run

    def add_link(self, paragraph, text: str, anchor: str) -> None:
        """An internal hyperlink (w:hyperlink w:anchor) to a bookmark."""
        qn = self.qn
        p = paragraph._p
        link = p.makeelement(qn("w:hyperlink"), {qn("w:anchor"): _bookmark(anchor), qn("w:history"): "1"})
        run = self.run(text, (("w:color", "0563C1"), ("w:u", "single")))
        link.append(run)
        p.append(link)

    def add_bookmark(self, paragraph, anchor: str) -> None:
        qn = self.qn
        p = paragraph._p
        self.bookmark_id += 1
        bid = str(self.bookmark_id)
        start = p.makeelement(qn("w:bookmarkStart"), {qn("w:id"): bid, qn("w:name"): _bookmark(anchor)})
        end = p.makeelement(qn("w:bookmarkEnd"), {qn("w:id"): bid})
        p.insert(0, start)
        p.append(end)

    # --- blocks
    def paragraph(self, style_id: str | None = None):
        """A new paragraph; the style is set by its id (the default template defines them)."""
        p = self.doc.add_paragraph()
        if style_id:
            p._p.style = style_id
        return p

    def block(self, b: Block) -> None:
        from docx.table import _Cell

        d = self.doc
        if isinstance(b, Heading):
            h = self.paragraph(f"Heading{min(b.level, 9)}")
            h.add_run(_clean(b.text))
            if b.anchor:
                self.add_bookmark(h, b.anchor)
        elif isinstance(b, Para):
            self.add_runs(self.paragraph(), b.runs)
        elif isinstance(b, Legend):
            key = "legend_diff_docx" if b.kind == "diff" else "legend_shared"
            p = self.paragraph()
            p.add_run(label(self.o.lang, key)).italic = True
        elif isinstance(b, Bullets):
            for item in b.items:
                self.add_runs(self.paragraph("ListBullet"), item)
        elif isinstance(b, Table):
            table = d.add_table(rows=1 + len(b.rows), cols=len(b.header))
            table._tbl.tblPr.style = "TableGrid"  # by id: python-docx's lookup by name is slow
            # a new table merges no cells: one cell per w:tc. (table.rows[i].cells rebuilds
            # the row list and works out spans on every call, quadratic in the rows.)
            grid = [[_Cell(tc, table) for tc in tr.tc_lst] for tr in table._tbl.tr_lst]
            for cell, h in zip(grid[0], b.header, strict=True):
                cell.paragraphs[0].add_run(_clean(h)).bold = True
            for cells, row in zip(grid[1:], b.rows, strict=True):
                for cell, runs in zip(cells, row, strict=True):
                    self.add_runs(cell.paragraphs[0], runs)
            self.paragraph()
        elif isinstance(b, Quote):
            for line in b.lines:
                self.add_runs(self.paragraph("Quote"), line)
        else:
            raise TypeError(type(b).__name__)


def _bookmark(anchor: str) -> str:
    """A bookmark name Word accepts: starts with a letter, at most 40 characters, no spaces."""
    name = re.sub(r"[^0-9A-Za-z_]", "_", anchor.replace("第-", "part_").replace("-部分", ""))
    return ("p_" + name)[:40]


def render_docx(blocks: Iterable[Block], opts: DocOptions) -> bytes:
    """Document blocks as the bytes of a .docx file."""
    w = _Writer(opts)
    for b in blocks:
        w.block(b)
    core = w.doc.core_properties
    core.author = "reportdiff"
    core.comments = ""
    core.created = core.modified = datetime(2000, 1, 1, tzinfo=timezone.utc)  # reproducible bytes
    buf = io.BytesIO()
    w.doc.save(buf)
    return _reproducible(buf.getvalue())


def _reproducible(data: bytes) -> bytes:
    """The same package with fixed member times, so one comparison gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def to_docx(comparison: Comparison, options: DocOptions | None = None, pair_diffs: DiffSource | None = None) -> bytes:
    """The comparison as a Word document (the bytes of a .docx file; ``pair_diffs`` as for
    ``build_document``)."""
    opts = options or DocOptions()
    return render_docx(build_document(comparison, opts, pair_diffs), opts)
