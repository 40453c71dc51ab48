"""The text of a Word document (.docx): paragraphs and table rows in document order."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from .i18n import _
from .model import ReportError

MAX_UNPACKED = 200 * 1024 * 1024  # a .docx is a zip: its unpacked size is checked too


def docx_text(p: Path, data: bytes) -> str:
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
