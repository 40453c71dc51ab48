"""Loading report files: formats, encodings, line offsets and the bad-input matrix."""

import io
import os
import time
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfWriter

from reportdiff.compare.load import MAX_BYTES, decode_bytes, load_report, load_text
from reportdiff.compare.model import ReportError
from reportdiff.compare.seeds import seed_paths

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"
SEEDS = {p.name[:3]: p for p in seed_paths()}
SIMPLIFIED = (
    "扬州市人民政府:\n一、2020年和五年来法治政府工作回顾\n(一)提高政治站位,法治政府建设重点任务稳步推进\n"
    "健全组织领导。强化法治政府建设第一责任人职责,建立并动态调整区法治政府建设工作领导小组。\n"
)
TRADITIONAL = (
    "一、堅持高位推進,壓緊壓實工作責任\n強化組織,高位推動。著力加強黨對法治建設工作的統一領導,"
    "每年定期召開市委全面依法治市工作會議。\n"
)


# --------------------------------------------------------------------------- helpers


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def _check_offsets(report):
    for ln in report.lines + report.boilerplate:
        assert report.text[ln.start:ln.end] == ln.text
        assert ln.text == ln.text.strip() and ln.text
        assert report.norm.text[ln.nstart:ln.nend] == ln.norm
        s, e = report.norm.span_to_original(ln.nstart, ln.nend)
        assert ln.start <= s and e <= ln.end


def _minimal_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with a text layer (Helvetica, ASCII), built by hand."""
    content = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(f"({t}) Tj T*" for t in lines) + " ET"
    objs = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{o}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{off:010d} 00000 n \n".encode() for off in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


# --------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    "encoding, bom",
    [
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16-le", b""),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b""),
        ("utf-16-be", b"\xfe\xff"),
        ("gb18030", b""),
        ("gbk", b""),
    ],
)
def test_simplified_text_in_every_encoding(tmp_path, encoding, bom):
    p = _write(tmp_path, "r.txt", bom + SIMPLIFIED.encode(encoding))
    r = load_report(p)
    assert r.text == SIMPLIFIED
    assert r.lines[1].text == "一、2020年和五年来法治政府工作回顾"
    _check_offsets(r)


@pytest.mark.parametrize("encoding", ["big5", "utf-16-le", "gb18030", "utf-8"])
def test_traditional_text_in_every_encoding(tmp_path, encoding):
    p = _write(tmp_path, "r.txt", TRADITIONAL.encode(encoding))
    r = load_report(p)
    assert r.text == TRADITIONAL
    assert r.script == "traditional"
    assert r.lines[0].norm == "一、坚持高位推进,压紧压实工作责任"
    if encoding == "big5":
        assert r.encoding == "big5"


@pytest.mark.parametrize("text", ["法治", "法治政府建設", "各位代表：", "一、加强组织领导"])
@pytest.mark.parametrize("encoding", ["gb18030", "big5", "utf-16-le", "utf-16-be"])
def test_short_texts_are_not_misdetected(text, encoding):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        pytest.skip("not representable")
    assert decode_bytes(data)[0] == text


def test_seed_round_trips_through_gb18030_and_utf16(tmp_path):
    original = SEEDS["000"].read_text(encoding="utf-8")
    for enc in ("gb18030", "utf-16-le", "utf-16-be"):
        r = load_report(_write(tmp_path, f"s-{enc}.txt", original.encode(enc)))
        assert r.text == original, enc


def test_a_few_broken_bytes_in_utf8_become_replacement_characters(tmp_path):
    good = SEEDS["000"].read_bytes()
    r = load_report(_write(tmp_path, "r.txt", good[:3000] + b"\xff\xfe\xfa" + good[3000:]))
    assert r.encoding == "utf-8"
    assert "\ufffd" in r.text
    assert r.meta.title == "同江市人民政府关于2018年法治政府建设情况的年度报告"


# --------------------------------------------------------------------------- formats


CRAFTED_HTML = """<!DOCTYPE html>
<html><head><meta charset="gbk"><title>某县人民政府</title>
<style>.x{color:red}</style><script>var a = "一、不应出现";</script>
<link rel="stylesheet" href="http://example.com/a.css"></head>
<body>
<div class="nav"><a href="/">首页</a> <a href="/xxgk">信息公开</a> <a href="/bs">网上办事</a></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a>政务公开</a> &gt; 年度报告</div>
<h1>某县人民政府关于2022年法治政府建设情况的报告</h1>
<div class="info">发布日期：2023-03-15　　来源：某县司法局　　浏览次数：<span>123</span></div>
<!-- 注释不应出现 -->
<div class="content">
<p>　　2022年，某县坚持以习近平法治思想为指导，深入推进法治政府建设，现将有关情况报告如下：</p>
<p>　　一、加强组织领导</p>
<p>　　县政府常务会议专题研究法治政府建设工作4次。<br>全年组织学法活动12场。</p>
<table><tr><td>行政复议</td><td>23件</td></tr></table>
<noscript>请启用脚本</noscript><template><p>模板文字</p></template>
<p style="display: none">隐藏文字</p>
<p>某县人民政府<br>2023年3月1日</p>
</div>
<div class="tools">【<a href="javascript:print()">打印本页</a>】【<a href="#">关闭窗口</a>】</div>
<div class="footer"><p>主办：某县人民政府办公室　承办：某县大数据中心</p>
<p>网站标识码：1234567890　某ICP备12345678号</p></div>
<img src="http://example.com/x.png"><iframe src="http://example.com/"></iframe>
</body></html>
"""


def test_html_visible_text_only_with_paragraphs_and_chrome_set_aside(tmp_path):
    p = _write(tmp_path, "page.html", CRAFTED_HTML.encode("gbk"))
    r = load_report(p)
    assert r.format == "html"
    for hidden in ("不应出现", "注释", "请启用脚本", "模板文字", "隐藏文字", ".x{", "example.com"):
        assert hidden not in r.text
    content = [ln.text for ln in r.lines]
    assert content == [
        "某县人民政府关于2022年法治政府建设情况的报告",
        "2022年，某县坚持以习近平法治思想为指导，深入推进法治政府建设，现将有关情况报告如下：",
        "一、加强组织领导",
        "县政府常务会议专题研究法治政府建设工作4次。",
        "全年组织学法活动12场。",
        "行政复议  23件",
        "某县人民政府",
        "2023年3月1日",
    ]
    chrome = " ".join(ln.text for ln in r.boilerplate)
    for piece in ("首页 信息公开 网上办事", "当前位置", "浏览次数", "打印本页", "主办", "ICP备"):
        assert piece in chrome
    assert r.meta.published == "2023-03-15"
    assert r.meta.year == 2022
    assert r.meta.organization == "某县人民政府"
    _check_offsets(r)


def test_markup_without_an_html_extension_is_sniffed(tmp_path):
    page = "<!DOCTYPE html><html><body><p>一、总体情况</p><p>正文。</p></body></html>"
    r = load_report(_write(tmp_path, "page", page.encode()))
    assert r.format == "html"
    assert [ln.text for ln in r.lines] == ["一、总体情况", "正文。"]


def test_docx_paragraphs_and_tables_in_order(tmp_path):
    d = docx.Document()
    d.add_paragraph("某市人民政府关于2021年法治政府建设情况的报告")
    d.add_paragraph("一、加强领导")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "复议案件"
    table.cell(0, 1).text = "23件"
    d.add_paragraph("全年办理复议案件23件。")
    p = tmp_path / "r.docx"
    d.save(p)
    r = load_report(p)
    assert r.format == "docx"
    assert [ln.text for ln in r.lines] == [
        "某市人民政府关于2021年法治政府建设情况的报告",
        "一、加强领导",
        "复议案件  23件",
        "全年办理复议案件23件。",
    ]
    assert r.meta.year == 2021


def test_pdf_text_layer(tmp_path):
    p = _write(tmp_path, "r.pdf", _minimal_pdf(["Annual report 2023", "1. Leadership"]))
    r = load_report(p)
    assert r.format == "pdf"
    assert [ln.text for ln in r.lines] == ["Annual report 2023", "1. Leadership"]


# --------------------------------------------------------------------------- lines


def test_cr_only_and_mixed_line_endings(tmp_path):
    text = "一、总体情况\r正文一。\r\n正文二。\n\r\n二、下一步\r"
    r = load_report(_write(tmp_path, "r.txt", text.encode()))
    assert [ln.text for ln in r.lines] == ["一、总体情况", "正文一。", "正文二。", "二、下一步"]
    assert r.text == text
    _check_offsets(r)


def test_lines_are_stripped_of_full_width_and_zero_width_space():
    r = load_text("\u3000\u3000一、2023年工作回顾\u3000\n\xa0\xa0\u200b正文。 \n")
    assert [ln.text for ln in r.lines] == ["一、2023年工作回顾", "正文。"]
    _check_offsets(r)


def test_control_characters_are_neutralised():
    r = load_text("一、标题\x1b]0;pwned\x07\n正文\x9b31m内容。\x1b[2J\x00")
    assert not any(ch in r.text for ch in "\x1b\x07\x9b\x00")
    assert r.text.count("\ufffd") == 5
    assert r.lines[0].text == "一、标题\ufffd]0;pwned\ufffd"


def test_one_long_line_does_not_hang(tmp_path):
    p = _write(tmp_path, "long.txt", ("法治政府建设" * 80_000).encode())  # 1.4 MB, under the text limit
    t = time.perf_counter()
    r = load_report(p)
    assert time.perf_counter() - t < 5
    assert len(r.lines) == 1 and r.lines[0].end == len(r.text)
    longer = _write(tmp_path, "longer.txt", ("法治政府建设" * 300_000).encode())  # 5.4 MB: over it
    with pytest.raises(ReportError, match=r"text is too long \(1,800,000 characters; the limit is 500,000\)"):
        load_report(longer)


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_seed_offsets_round_trip(key):
    r = load_report(SEEDS[key])
    assert r.lines and r.encoding == "utf-8" and r.format == "txt"
    _check_offsets(r)
    assert r.sections == ()


def test_work_report_samples_lose_nothing():
    samples = sorted(SAMPLES.glob("*.txt"))
    if not samples:
        pytest.skip("shared samples not available")
    for path in samples:
        r = load_report(path)
        assert r.boilerplate == (), path.name
        raw_lines = [s for s in path.read_text(encoding="utf-8").splitlines() if s.strip()]
        assert len(r.lines) == len(raw_lines)
        assert r.lines[0].text == "各位代表："
        assert r.lines[2].text.startswith("一、")
        assert r.lines[2].norm.startswith("一、")


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("empty.txt", b"", "the file is empty"),
        ("blank.txt", " \n\t\u3000\r\n".encode(), "only white space"),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG image"),
        ("nul.txt", b"abc\x00\x00\x01\x02" * 100, "binary"),
        ("noise.txt", bytes(range(128, 256)) * 20, "cannot decode"),
        ("bad.docx", b"PK\x03\x04 not really a zip", ".docx"),
        ("bad2.docx", b"hello", ".docx"),
        ("bad.pdf", b"%PDF-1.4 garbage garbage", "PDF"),
        ("archive.txt", b"PK\x03\x04" + b"\x00" * 60, "ZIP archive"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 60, ".doc"),
        ("old.txt", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 60, "old Office document"),
        ("controls.txt", bytes(range(1, 9)) * 50, "binary"),
    ],
)
def test_bad_files_give_one_line_errors_naming_the_file(tmp_path, name, data, message):
    p = _write(tmp_path, name, data)
    with pytest.raises(ReportError) as err:
        load_report(p)
    text = str(err.value)
    assert "\n" not in text
    assert text.startswith(str(p))
    assert message in text


def test_missing_path_and_directory(tmp_path):
    with pytest.raises(ReportError, match="no such file"):
        load_report(tmp_path / "nope.txt")
    with pytest.raises(ReportError, match="is a directory"):
        load_report(tmp_path)


def test_image_only_pdf(tmp_path):
    w = PdfWriter()
    w.add_blank_page(200, 200)
    buf = io.BytesIO()
    w.write(buf)
    with pytest.raises(ReportError, match="no text layer"):
        load_report(_write(tmp_path, "scan.pdf", buf.getvalue()))


def test_unreadable_file(tmp_path, monkeypatch):
    p = _write(tmp_path, "secret.txt", "正文。".encode())

    def denied(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", denied)
    with pytest.raises(ReportError, match="permission denied"):
        load_report(p)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file_by_mode(tmp_path):
    p = _write(tmp_path, "secret.txt", "正文。".encode())
    p.chmod(0)
    with pytest.raises(ReportError, match="permission denied"):
        load_report(p)


def test_oversized_file_is_refused_quickly(tmp_path):
    p = tmp_path / "huge.txt"
    with p.open("wb") as fh:  # sparse: costs no disk
        fh.seek(50 * 1024 * 1024)
        fh.write(b"x")
    t = time.perf_counter()
    with pytest.raises(ReportError, match=r"too large: 52,428,801 bytes; the limit is 20,971,520 bytes \(20 MB\)"):
        load_report(p)
    assert time.perf_counter() - t < 1
    assert MAX_BYTES == 20 * 1024 * 1024


def test_text_starting_like_a_file_signature_is_still_text(tmp_path):
    r = load_report(_write(tmp_path, "r.txt", "MZ 公司年度报告\nRIFF 项目。\n".encode()))
    assert [ln.text for ln in r.lines] == ["MZ 公司年度报告", "RIFF 项目。"]


def test_page_of_nothing_but_chrome_keeps_its_lines():
    r = load_text("当前位置:首页>通知公告\n联系我们\n")
    assert [ln.text for ln in r.lines] == ["当前位置:首页>通知公告", "联系我们"]
    assert r.boilerplate == ()


# --------------------------------------------------------------------------- properties

_PIECES = st.sampled_from(
    [
        "一、", "（二）", "(3)", "1.", "一是", "法治政府", "建設", "报告", "2023年", "12件", "。", "，",
        "：", ":", "索引号:", "发布日期:2021-01-18", "当前位置:首页>", "打印本页", "【关闭窗口】",
        "联系我们", "ICP备", "各位代表：", "人民政府", " ", "\u3000", "\xa0", "\t", "\n", "\r",
        "\r\n", "\x1b[31m", "\x9b", "\x00", "\u200b", "\ufeff", "\ufffd", "[bold]", "二〇二〇年一月",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=60).map("".join))
def test_any_text_loads_with_consistent_offsets(text):
    r = load_text(text)
    assert not any(ch in r.text for ch in "\x1b\x9b\x00")
    assert len(r.text) == len(text)
    _check_offsets(r)
    starts = [ln.start for ln in sorted(r.lines + r.boilerplate, key=lambda ln: ln.start)]
    assert len(set(starts)) == len(starts)
    if r.meta.published:
        assert len(r.meta.published) in (4, 7, 10)


def test_password_protected_pdf(tmp_path):
    w = PdfWriter()
    w.add_blank_page(200, 200)
    w.encrypt("secret")
    buf = io.BytesIO()
    w.write(buf)
    with pytest.raises(ReportError, match="password-protected"):
        load_report(_write(tmp_path, "locked.pdf", buf.getvalue()))
