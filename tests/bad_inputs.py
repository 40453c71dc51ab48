"""The bad-input matrix: files a user may hand the tool, and what each must give.

Shared by the command-line matrix (``test_bad_input.py``) and the app's
(``test_bad_input_app.py``), so both face exactly the same files. Each case builds its
file in a temporary folder and says either which words the one-line error must contain or
that the file must be compared (``error is None``).
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from compare.seeds import seed_paths

SEED = seed_paths()[0]
SEED_TEXT = SEED.read_text(encoding="utf-8")
TRADITIONAL = seed_paths()[1]
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path], Path]  # makes the input inside the given folder, returns its path
    error: tuple[str, ...] | None = None  # words of the one-line error; None: it compares
    partner: Path | None = None  # report B (the seed when None; the input itself for "same")
    needs_non_root: bool = False  # root reads any file, so a permission case can't fail


def _write(name: str, data: bytes) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        p = folder / name
        p.write_bytes(data)
        return p

    return build


def _text(name: str, text: str, encoding: str = "utf-8") -> Callable[[Path], Path]:
    return _write(name, text.encode(encoding))


def missing(folder: Path) -> Path:
    return folder / "nope.txt"


def directory(folder: Path) -> Path:
    d = folder / "folder.txt"
    d.mkdir()
    return d


def unreadable(folder: Path) -> Path:
    p = folder / "locked.txt"
    p.write_text(SEED_TEXT, encoding="utf-8")
    p.chmod(0)
    return p


def oversized(folder: Path) -> Path:
    p = folder / "huge.txt"
    with p.open("wb") as fh:  # sparse: 50 MB without writing 50 MB
        fh.truncate(50 * 2**20)
    return p


def image_only_pdf(folder: Path) -> Path:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    p = folder / "scan.pdf"
    with p.open("wb") as fh:
        writer.write(fh)
    return p


def docx_report(folder: Path) -> Path:
    from docx import Document

    doc = Document()
    for ln in SEED_TEXT.split("\n"):
        if ln.strip():
            doc.add_paragraph(ln)
    buf = io.BytesIO()
    doc.save(buf)
    p = folder / "report.docx"
    p.write_bytes(buf.getvalue())
    return p


def same_file(folder: Path) -> Path:
    return SEED


def big5(folder: Path) -> Path:
    p = folder / "big5.txt"
    p.write_bytes(TRADITIONAL.read_text(encoding="utf-8").encode("big5", errors="replace"))
    return p


def invalid_utf8(folder: Path) -> Path:
    raw = SEED_TEXT.encode("utf-8")
    p = folder / "damaged.txt"
    p.write_bytes(raw[:3000] + b"\xff\xfe\xc3" + raw[3000:])
    return p


def _mixed_endings() -> str:
    lines = SEED_TEXT.split("\n")
    return "".join(ln + ("\r\n", "\r", "\n")[i % 3] for i, ln in enumerate(lines))


HTML_PAGE = (
    "<html><head><title>t</title><style>p{color:red}</style>"
    "<script>document.write('不应出现')</script></head><body>"
    "<img src='http://example.invalid/x.png'>"
    + "".join(f"<p>{ln}</p>" for ln in SEED_TEXT.split("\n") if ln.strip())
    + "<script>alert(1)</script></body></html>"
)

NO_HEADINGS = (
    "某市2023年法治政府建设情况\n\n"
    "2023年，我市坚持以习近平新时代中国特色社会主义思想为指导，全面推进依法行政，"
    "法治政府建设取得新成效。现将有关情况报告如下。\n\n"
    "我市持续推进行政复议体制改革，全年收到行政复议申请23件，依法受理21件。\n\n"
    "我市深入开展普法宣传，组织法治讲座10余场，建设法治文化阵地5个。\n\n"
    "我市严格落实重大行政决策程序，对12项重大行政决策开展合法性审查。\n\n"
    "我市深化放管服改革，政务服务事项网上可办率达到98%。\n"
)
ONLY_HEADINGS = "一、加强组织领导\n二、深化放管服改革\n三、推进严格规范公正文明执法\n"

def _pdf(name: str, **encryption) -> Callable[[Path], Path]:
    """The seed rendered to PDF (tests/pdf_helpers.py), encrypted with pypdf when asked."""

    def build(folder: Path) -> Path:
        from pdf_helpers import encrypt, render_pdf

        data = render_pdf(SEED_TEXT)
        p = folder / name
        p.write_bytes(encrypt(data, **encryption) if encryption else data)
        return p

    return build


CASES: list[Case] = [
    # not reports: a one-line error
    Case("missing", missing, ("no such file",)),
    Case("directory", directory, ("directory",)),
    Case("no-permission", unreadable, ("permission",), needs_non_root=True),
    Case("empty", _write("empty.txt", b""), ("empty",)),
    Case("white-space-only", _write("blank.txt", "  \n\t\r\n \u3000 \n".encode()), ("white space",)),
    Case("png", _write("image.txt", PNG + bytes(range(256)) * 4), ("PNG",)),
    Case("binary", _write("data.txt", bytes(range(256)) * 64), ("binary",)),
    Case("corrupt-docx", _write("broken.docx", b"PK\x03\x04 this is not really a zip archive"), ("docx",)),
    Case("corrupt-pdf", _write("broken.pdf", b"%PDF-1.4\n garbage without objects \n%%EOF"), ("PDF",)),
    Case("image-only-pdf", image_only_pdf, ("text",)),
    Case("aes-256-pdf-with-password", _pdf("locked.pdf", user="secret", algorithm="AES-256"), ("password",)),
    Case("50-MB", oversized, ("too large",)),
    # unusual but valid: compared
    Case("invalid-utf8", invalid_utf8),
    Case("gb18030", _text("gb18030.txt", SEED_TEXT, "gb18030")),
    Case("big5", big5, partner=TRADITIONAL),
    Case("utf-16-le", _text("le.txt", SEED_TEXT, "utf-16-le")),
    Case("utf-16-be", _text("be.txt", SEED_TEXT, "utf-16-be")),
    Case("utf-16-le-bom", _write("le-bom.txt", b"\xff\xfe" + SEED_TEXT.encode("utf-16-le"))),
    Case("utf-16-be-bom", _write("be-bom.txt", b"\xfe\xff" + SEED_TEXT.encode("utf-16-be"))),
    Case("utf-8-bom", _text("bom.txt", SEED_TEXT, "utf-8-sig")),
    Case("cr-only", _text("cr.txt", SEED_TEXT.replace("\n", "\r"))),
    Case("crlf", _text("crlf.txt", SEED_TEXT.replace("\n", "\r\n"))),
    Case("mixed-endings", _text("mixed.txt", _mixed_endings())),
    Case("one-5-MB-line", _text("oneline.txt", SEED_TEXT.replace("\n", "")[:5000] * 1000)),
    Case("no-headings", _text("plain.txt", NO_HEADINGS)),
    Case("only-headings", _text("outline.txt", ONLY_HEADINGS)),
    Case("same-file", same_file),
    Case("docx", docx_report),
    Case("pdf", _pdf("report.pdf")),
    Case("restricted-aes-pdf", _pdf("restricted.pdf", user="", algorithm="AES-128")),
    Case("html-with-scripts", _text("page.html", HTML_PAGE)),
]

CASE_IDS = [c.name for c in CASES]


def build(case: Case, folder: Path) -> tuple[Path, Path]:
    """The two paths to compare for ``case``: its input as A, its partner as B."""
    a = case.build(folder)
    b = a if case.name == "same-file" else case.partner or SEED
    return a, b
