"""Reading a report file (.txt/.md, .html/.htm, .docx, .pdf) into a Report.

``load_report`` turns bytes into text (format sniffing, encoding detection), then
``load_text`` neutralises control characters, normalises, splits content lines, sets page
boilerplate aside and reads the metadata. Every failure is a one-line ReportError naming the file.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from pathlib import Path

from . import sanitize
from .boilerplate import find_boilerplate
from .decode_text import decode_bytes
from .i18n import _, os_reason
from .metadata import extract_metadata
from .model import Line, NormText, Report, ReportError
from .normalize import HSPACE, ZERO_WIDTH, detect_script, normalise
from .read_html import html_text

MAX_BYTES = 20 * 1024 * 1024  # larger files are refused rather than risk a long stall
# The text itself is bounded too: memory and time grow faster than its length (segmentation,
# alignment features, diffs). Measured on two files of short lines (scripts/measure_limits.py):
# 500,000 characters each peak at 326 MB, 1,000,000 at 874 MB. The longest real report of the
# devset and series is about 25,000 characters, so the limit is twenty times that.
MAX_CHARS = 500_000

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# what surrounds a content line and is stripped from it (an argument to str.strip)
_STRIP = HSPACE + ZERO_WIDTH
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
# every file name a report may have: what a folder of reports offers (the app's picker, a series)
REPORT_SUFFIXES = frozenset(TEXT_SUFFIXES | HTML_SUFFIXES | {".docx", ".pdf"})


# --------------------------------------------------------------------------- public API


def report_candidates(folder: Path) -> list[Path]:
    """The entries of ``folder`` named like reports (``REPORT_SUFFIXES``, not hidden), sorted
    by name: what a folder offers the app's picker and a series. ReportError when the folder
    cannot be listed."""
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        raise ReportError(
            _("{p}: cannot list the folder ({reason})").format(p=sanitize.show_path(folder), reason=os_reason(exc))
        ) from None
    return [p for p in entries if not p.name.startswith(".") and p.suffix.lower() in REPORT_SUFFIXES]


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
    return Report(path=path, text=text, norm=norm, lines=content, boilerplate=boiler, meta=meta,
                  encoding=encoding, format=fmt, script=script)


def load_report(path: str | Path) -> Report:
    """Read, decode and load a report file; ReportError (one line, naming the file) if it cannot."""
    if not os.fspath(path).strip():
        raise ReportError(_("the file name is empty"))
    p = Path(path)
    data = _read_bytes(p)
    fmt = _format_of(p, data)
    if fmt == "docx":
        from .read_docx import docx_text  # zipfile and python-docx only for a Word report

        text, encoding = docx_text(p, data), "docx"
    elif fmt == "pdf":
        from .read_pdf import pdf_text  # only a PDF needs the PDF reader

        text, encoding = pdf_text(p, data), "pdf"
    elif fmt == "html":
        text, encoding = html_text(p, data)
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


# --------------------------------------------------------------------------- lines


def _split_lines(text: str, norm: NormText) -> list[Line]:
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
