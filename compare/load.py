"""Reading a report file (.txt/.md, .html/.htm, .docx, .pdf) into a Report.

``load_report`` turns bytes into text (format sniffing, encoding detection), then
``load_text`` neutralises control characters, normalises, splits content lines, sets page
boilerplate aside and reads the metadata. Every failure is a one-line ReportError naming the file.
"""

from __future__ import annotations

import codecs
import io
import re
import warnings
import zipfile
from functools import lru_cache
from pathlib import Path

from .boilerplate import find_boilerplate
from .metadata import extract_metadata
from .model import Line, Report, ReportError
from .normalize import HSPACE, ZERO_WIDTH, detect_script, normalise
from .read_pdf import pdf_text

MAX_BYTES = 20 * 1024 * 1024  # larger files are refused rather than risk a long stall
MAX_UNPACKED = 200 * 1024 * 1024  # a .docx is a zip: its unpacked size is checked too

# C0/C1 controls other than \t \n \r, and DEL: a report must never be able to emit an escape
# sequence (ESC, CSI \x9b, OSC \x9d ...) in a terminal, so they become U+FFFD.
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
    text = _CONTROLS.sub("\ufffd", text)
    text = text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\x85", "\n")
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
    if not text.strip(_STRIP + "\r\n\ufffd"):
        raise ReportError(f"{p}: the file has no text (only white space)")
    return load_text(text, str(p), fmt, encoding)


# --------------------------------------------------------------------------- reading


def _read_bytes(p: Path) -> bytes:
    try:
        st = p.stat()
    except FileNotFoundError:
        raise ReportError(f"{p}: no such file") from None
    except OSError as e:
        raise ReportError(f"{p}: cannot read the file ({e.strerror or e})") from None
    if p.is_dir():
        raise ReportError(f"{p}: is a directory, not a report file")
    if not p.is_file():
        raise ReportError(f"{p}: not a regular file")
    if st.st_size > MAX_BYTES:
        raise ReportError(
            f"{p}: the file is too large ({st.st_size / 1024 / 1024:.1f} MB; the limit is "
            f"{MAX_BYTES // 1024 // 1024} MB)"
        )
    try:
        with p.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except PermissionError:
        raise ReportError(f"{p}: permission denied (cannot read the file)") from None
    except OSError as e:
        raise ReportError(f"{p}: cannot read the file ({e.strerror or e})") from None
    if len(data) > MAX_BYTES:
        raise ReportError(f"{p}: the file is too large (the limit is {MAX_BYTES // 1024 // 1024} MB)")
    if not data:
        raise ReportError(f"{p}: the file is empty")
    return data


def _format_of(p: Path, data: bytes) -> str:
    """The reader to use: by content where it is unambiguous, else by extension."""
    suffix = p.suffix.lower()
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        if suffix == ".docx" or b"word/" in data[:4096]:
            return "docx"
        raise ReportError(f"{p}: a ZIP archive, not a report (expected .txt, .html, .docx or .pdf)")
    if suffix == ".docx":
        return "docx"
    if suffix == ".pdf":
        return "pdf"
    if suffix == ".doc":
        raise ReportError(f"{p}: old Word .doc files are not supported; save it as .docx")
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
                return data[len(bom):].decode(enc, errors="replace"), name
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            raise ReportError(f"{path}: this is {what}, not a text report")
    try:
        text = data.decode("utf-8")
        if "\x00" not in text:
            if _looks_binary(text):
                raise ReportError(f"{path}: binary data, not a text report")
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
    lenient = data.decode("utf-8", errors="replace")
    broken = lenient.count("\ufffd") / max(len(lenient), 1)
    if broken < 0.05:
        candidates.append((_plausibility(lenient) - 2 * broken, -10, lenient, "utf-8"))
    if not candidates or max(candidates)[0] < 0.15:
        guess = _charset_normalizer_guess(data)
        if guess is not None:
            candidates.append((_plausibility(guess[0]) - 0.05, -20, *guess))
    if candidates:
        score, _, text, enc = max(candidates)
        if score >= 0.1 and not _looks_binary(text):
            return text, _canonical_name(enc)
    if b"\x00" in data[:8192]:
        raise ReportError(f"{path}: binary data, not a text report")
    raise ReportError(f"{path}: cannot decode the text (not UTF-8, GB18030, Big5 or UTF-16)")


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


def _decode_html(p: Path, data: bytes) -> tuple[str, str]:
    if not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        m = _META_CHARSET.search(data[:4096])
        if m:
            declared = m.group(1).decode("ascii").lower()
            if declared in ("gb2312", "gbk"):
                declared = "gb18030"  # the superset; pages labelled gb2312 often use GBK chars
            try:
                return data.decode(declared), declared
            except (UnicodeDecodeError, LookupError):
                pass  # wrong label: detect instead
    return decode_bytes(data, p)


def _html_text(p: Path, data: bytes) -> tuple[str, str]:
    """Visible text of an HTML page, one line per block element or <br>; nothing is fetched."""
    from bs4 import BeautifulSoup, Comment, Declaration, Doctype, ProcessingInstruction

    markup, encoding = _decode_html(p, data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # bs4 warns about text that "looks like a URL"
            soup = BeautifulSoup(markup, "html.parser")
    except Exception:  # html.parser gives up on some broken markup
        raise ReportError(f"{p}: cannot read the HTML (the page is damaged or not HTML)") from None
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for node in soup.find_all(string=lambda s: isinstance(s, (Comment, Declaration, Doctype, ProcessingInstruction))):
        node.extract()
    for tag in soup.find_all(True):
        if tag.decomposed:
            continue
        style = (tag.get("style") or "").replace(" ", "").lower()
        if tag.has_attr("hidden") or "display:none" in style or "visibility:hidden" in style:
            tag.decompose()
    chunks: list[str] = []

    def walk(node, pre: bool) -> None:
        for child in node.children:
            name = getattr(child, "name", None)
            if name is None:
                s = str(child)
                chunks.append(s if pre else re.sub(r"[ \t\r\n\f]+", " ", s))
            elif name == "br":
                chunks.append("\n")
            elif name in _BLOCK_TAGS:
                chunks.append("\n")
                walk(child, pre or name == "pre")
                chunks.append("\n")
            elif name in _CELL_TAGS:
                chunks.append("\t")  # cell separator, made two spaces below
                walk(child, pre)
                chunks.append("\t")
            else:
                walk(child, pre)

    body = soup.body or soup
    walk(body, False)
    raw = "".join(chunks)
    # tidy the soup of spaces and breaks the walk leaves: keep paragraph breaks, trim line ends
    lines = [re.sub(r" *\t[ \t]*", "  ", ln.strip(" \t")) for ln in raw.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    return text, encoding


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
            raise ReportError(f"{p}: the .docx unpacks to more than {MAX_UNPACKED // 2**20} MB")
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
        raise ReportError(f"{p}: not a valid .docx file (it is damaged or not a Word document)") from None
    except Exception:  # python-docx raises a variety of lxml/package errors on corrupt files
        raise ReportError(f"{p}: cannot read the .docx file (its contents are damaged)") from None
    text = "\n".join(out)
    if not text.strip():
        raise ReportError(f"{p}: the .docx file contains no text")
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
