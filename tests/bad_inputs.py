"""The bad-input matrix: files a user may hand the tool, and what each must give.

Shared by the command-line matrix (``test_bad_input.py``) and the app's
(``test_bad_input_app.py``), so both face exactly the same files. Each case builds its
file in a temporary folder and says either which words the one-line error must contain or
that the file must be compared (``error is None``).

``OUTPUT_CASES`` are the same for export targets (``-o`` and the app's export dialog): a
target that must be written (into a FIFO or a character device, never replacing it) or the
words of the one-line refusal.
"""

from __future__ import annotations

import codecs
import io
import os
import socket
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reportdiff.compare.seeds import seed_paths

SEED = seed_paths()[0]
SEED_TEXT = SEED.read_text(encoding="utf-8")
TRADITIONAL = seed_paths()[1]
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _can_mknod() -> bool:
    """Whether scratch device nodes can be made (root, or CAP_MKNOD) in a temporary folder."""
    with tempfile.TemporaryDirectory() as d:
        try:
            os.mknod(os.path.join(d, "null"), stat.S_IFCHR | 0o666, os.makedev(1, 3))
        except (OSError, AttributeError):
            return False
    return True


CAN_MKNOD = _can_mknod()


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path], Path]  # makes the input inside the given folder, returns its path
    error: tuple[str, ...] | None = None  # words of the one-line error; None: it compares
    partner: Path | None = None  # report B (the seed when None; the input itself for "same")
    needs_non_root: bool = False  # root reads any file, so a permission case can't fail
    needs_mknod: bool = False  # makes a scratch device node
    app_error: tuple[str, ...] | None = None  # the app's words, where they differ (see the case)
    in_folder: bool = True  # listed by the picker when the file is put in a folder

    @property
    def skip_reason(self) -> str | None:
        if self.needs_non_root and IS_ROOT:
            return "root reads any file"
        if self.needs_mknod and not CAN_MKNOD:
            return "cannot make device nodes here"
        return None


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


def fifo(folder: Path) -> Path:
    p = folder / "pipe.txt"
    os.mkfifo(p)
    return p


def char_device(folder: Path) -> Path:
    p = folder / "null.txt"  # a scratch node of /dev/null's kind: never the real one
    os.mknod(p, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    return p


def dangling_link(folder: Path) -> Path:
    p = folder / "link.txt"
    p.symlink_to(folder / "gone.txt")
    return p


def _named(name: str | bytes, data: bytes) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        raw = os.fsencode(folder) + b"/" + (name if isinstance(name, bytes) else name.encode())
        with open(raw, "wb") as fh:
            fh.write(data)
        return Path(os.fsdecode(raw))

    return build


def empty_name(folder: Path) -> str:  # type: ignore[return-value]
    return ""


def just_too_large(folder: Path) -> Path:
    p = folder / "big.txt"
    with p.open("wb") as fh:  # sparse
        fh.truncate(20 * 2**20 + 1)
    return p


def _paragraphs() -> str:
    return "".join(f"<p>{ln}</p>" for ln in SEED_TEXT.split("\n") if ln.strip())


def nested_divs(n: int) -> Callable[[Path], Path]:
    return _text(f"nested{n}.html", "<html><body>" + "<div>" * n + _paragraphs() + "</div>" * n + "</body></html>")


def utf16_damaged(folder: Path) -> Path:
    raw = SEED_TEXT.encode("utf-16-le")
    p = folder / "damaged16.txt"
    # two lone surrogate code units and an odd pair, in the middle of the text
    p.write_bytes(raw[:3000] + b"\x00\xd8" + raw[3000:6000] + b"\x00\xdc\xff\xdf" + raw[6000:])
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
    Case("one-450-KB-line", _text("oneline.txt", SEED_TEXT.replace("\n", "")[:5000] * 30)),
    Case("no-headings", _text("plain.txt", NO_HEADINGS)),
    Case("only-headings", _text("outline.txt", ONLY_HEADINGS)),
    Case("same-file", same_file),
    Case("docx", docx_report),
    Case("pdf", _pdf("report.pdf")),
    Case("restricted-aes-pdf", _pdf("restricted.pdf", user="", algorithm="AES-128")),
    Case("html-with-scripts", _text("page.html", HTML_PAGE)),
    # second pass (#19): special files, hostile names, hostile markup, edges of the limits
    Case("fifo", fifo, ("not a regular file", "FIFO")),
    Case("device", char_device, ("not a regular file", "device"), needs_mknod=True),
    Case("dangling-link", dangling_link, ("broken symbolic link",)),
    Case("empty-name", empty_name, ("file name is empty",), app_error=("directory",), in_folder=False),
    Case("osc52-in-name", _named("e\x1b]52;c;aWQK\x1b\\.txt", SEED_TEXT.encode())),
    Case("escapes-in-name-error", _named("x\x1b[2J\x1b]0;PWNED\x1b\\.txt", b""), ("empty", "\\x1b")),
    Case("non-utf8-name", _named(b"bad\xff.txt", SEED_TEXT.encode())),
    Case("non-utf8-name-error", _named(b"bad\xfe.txt", b""), ("empty", "bad\\xfe.txt")),
    Case("bidi-in-name", _named("\u202etxt.exe\u202c.txt", SEED_TEXT.encode())),
    Case("utf-7-html", _text("utf7.html", '<meta charset="utf-7">' + _paragraphs() + "<p>+2AA-</p>")),
    Case("unicode-escape-html", _text("esc.html", '<meta charset="unicode_escape">' + _paragraphs() + r"<p>\ud800</p>")),
    Case("utf-16-damaged", utf16_damaged),
    Case("1000-nested-div", nested_divs(1000)),
    Case("100000-nested-div", nested_divs(100_000)),
    Case("20000-unclosed-span", _text("spans.html", "<html><body>" + _paragraphs() + "<span>x" * 20_000)),
    Case("20-MB-plus-1-byte", just_too_large, ("too large", "20,971,521 bytes", "20,971,520 bytes")),
    Case("utf-32-bom-garbage", _write("u32.txt", codecs.BOM_UTF32_LE + bytes(range(256)) * 8), ("UTF-32",)),
    Case("text-too-long", _text("long.txt", ("一二三四五六七八九十\n" * 50_000)), ("too long", "characters")),
]

CASE_IDS = [c.name for c in CASES]


def build(case: Case, folder: Path) -> tuple[Path, Path]:
    """The two paths to compare for ``case``: its input as A, its partner as B."""
    a = case.build(folder)
    b = a if case.name == "same-file" else case.partner or SEED
    return a, b


# --------------------------------------------------------------------------- export targets


@dataclass(frozen=True)
class OutputCase:
    name: str
    build: Callable[[Path], str]  # makes the target inside the given folder, returns its name
    error: tuple[str, ...] | None = None  # words of the one-line refusal; None: written
    kind: str = "file"  # what the target must still be afterwards: file, fifo, chr, blk, sock
    needs_mknod: bool = False
    needs_non_root: bool = False
    force: bool = True

    @property
    def skip_reason(self) -> str | None:
        if self.needs_non_root and IS_ROOT:
            return "root searches any folder"
        if self.needs_mknod and not CAN_MKNOD:
            return "cannot make device nodes here"
        return None


def _node(name: str, kind: int, major: int, minor: int) -> Callable[[Path], str]:
    def build(folder: Path) -> str:
        p = folder / name  # a scratch node: never the real device
        os.mknod(p, kind | 0o666, os.makedev(major, minor))
        return str(p)

    return build


def _fifo_target(folder: Path) -> str:
    p = folder / "out.fifo"
    os.mkfifo(p)
    return str(p)


def _socket_target(folder: Path) -> str:
    p = folder / "out.sock"
    s = socket.socket(socket.AF_UNIX)
    s.bind(str(p))
    s.close()
    return str(p)


def _unsearchable(folder: Path) -> str:
    d = folder / "locked"
    d.mkdir()
    d.chmod(0o600)  # readable, not searchable
    return str(d / "out.md")


def _raw_name(name: bytes) -> Callable[[Path], str]:
    return lambda folder: os.fsdecode(os.fsencode(folder) + b"/" + name)


def _existing(folder: Path) -> str:
    p = folder / "old.md"
    p.write_text("old", encoding="utf-8")
    return str(p)


OUTPUT_CASES: list[OutputCase] = [
    OutputCase("fifo", _fifo_target, kind="fifo"),
    OutputCase("null-device", _node("null", stat.S_IFCHR, 1, 3), kind="chr", needs_mknod=True),
    OutputCase("full-device", _node("full", stat.S_IFCHR, 1, 7), ("no space left",), kind="chr", needs_mknod=True),
    OutputCase("block-device", _node("disk", stat.S_IFBLK, 7, 200), ("not a regular file", "block device"),
               kind="blk", needs_mknod=True),
    OutputCase("socket", _socket_target, ("not a regular file", "socket"), kind="sock"),
    OutputCase("over-PATH_MAX", lambda f: str(f) + ("/" + "d" * 200) * 30 + "/out.md", ("too long",), kind="none"),
    OutputCase("name-over-NAME_MAX", lambda f: str(f / ("n" * 300 + ".md")), ("too long",), kind="none"),
    OutputCase("unsearchable-folder", _unsearchable, ("permission denied",), kind="none", needs_non_root=True),
    OutputCase("missing-folder", lambda f: str(f / "no" / "out.md"), ("does not exist",), kind="none"),
    OutputCase("folder", lambda f: str(f), ("directory",), kind="dir"),
    OutputCase("existing-no-force", _existing, ("already exists",), force=False),
    OutputCase("escapes-in-name", _raw_name(b"x\x1b]0;PWNED\x1b\\.md")),
    OutputCase("escapes-in-missing-folder", _raw_name(b"no\x1b[2J/out.md"), ("does not exist", "\\x1b"), kind="none"),
    OutputCase("non-utf8-name", _raw_name(b"out\xff.md")),
]
OUTPUT_IDS = [c.name for c in OUTPUT_CASES]


def kind_of(path: str) -> str:
    """What is at ``path`` now: file, fifo, chr, blk, sock, dir or none."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return "none"
    for test, name in ((stat.S_ISREG, "file"), (stat.S_ISFIFO, "fifo"), (stat.S_ISCHR, "chr"),
                       (stat.S_ISBLK, "blk"), (stat.S_ISSOCK, "sock"), (stat.S_ISDIR, "dir")):
        if test(mode):
            return name
    return "other"


class FifoReader:
    """Reads a FIFO in a thread while an export is written into it (a writer blocks without one)."""

    def __init__(self, path: str) -> None:
        import threading

        self.path = path
        self.data = b""
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        with open(self.path, "rb") as fh:  # blocks until a writer opens the FIFO
            self.data = fh.read()  # until the writer closes it

    def result(self) -> bytes:
        """What was read; called after the writer is done (or never opened the FIFO)."""
        if self._thread.is_alive():
            try:  # release a reader still waiting for a writer: it then reads nothing
                os.close(os.open(self.path, os.O_WRONLY | os.O_NONBLOCK))
            except OSError:
                pass
        self._thread.join()
        return self.data
