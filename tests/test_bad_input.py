"""The bad-input matrix through the command line: a correct comparison or a one-line error.

Every case runs ``reportdiff diff A B`` (in-process, through the same ``main`` the console
script calls) and checks that it either succeeds with a well-formed result or exits with
status 2 and one line on stderr — never a traceback.
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path

import pytest

from compare.seeds import seed_paths
from tui.__main__ import main

SEED = seed_paths()[0]
SEED_TEXT = SEED.read_text(encoding="utf-8")
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


def run(capsys, *args: str) -> tuple[int, str, str]:
    status = main(["diff", *args])
    out, err = capsys.readouterr()
    return status, out, err


def assert_one_line_error(status: int, err: str, *words: str) -> None:
    assert status == 2
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert err.startswith("reportdiff: ") and "Traceback" not in err
    for w in words:
        assert w in err


def assert_compared(status: int, out: str, err: str) -> dict:
    assert status == 0, err
    data = json.loads(out)
    assert data["schema"] == "reportdiff/1"
    return data


# --- files that are not reports --------------------------------------------------------
def test_missing_path(capsys, tmp_path):
    assert_one_line_error(*run(capsys, str(tmp_path / "nope.txt"), str(SEED))[::2], "no such file")


def test_directory(capsys, tmp_path):
    assert_one_line_error(*run(capsys, str(tmp_path), str(SEED))[::2], "directory")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_no_read_permission(capsys, tmp_path):
    p = tmp_path / "locked.txt"
    p.write_text(SEED_TEXT, encoding="utf-8")
    p.chmod(0)
    assert_one_line_error(*run(capsys, str(p), str(SEED))[::2], "permission")


@pytest.mark.parametrize(
    "content, words",
    [
        (b"", ("empty",)),
        (b"  \n\t\r\n \xe3\x80\x80 \n", ("white space",)),
        (PNG + bytes(range(256)) * 4, ("PNG",)),
        (bytes(range(256)) * 64, ("binary",)),
    ],
    ids=["empty", "white-space-only", "png", "binary"],
)
def test_not_a_report(capsys, tmp_path, content, words):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    assert_one_line_error(*run(capsys, str(p), str(SEED))[::2], *words)


def test_corrupt_docx(capsys, tmp_path):
    p = tmp_path / "broken.docx"
    p.write_bytes(b"PK\x03\x04 this is not really a zip archive")
    assert_one_line_error(*run(capsys, str(p), str(SEED))[::2], "docx")


def test_corrupt_pdf(capsys, tmp_path):
    p = tmp_path / "broken.pdf"
    p.write_bytes(b"%PDF-1.4\n garbage without objects \n%%EOF")
    assert_one_line_error(*run(capsys, str(p), str(SEED))[::2], "PDF")


def test_image_only_pdf(capsys, tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    p = tmp_path / "scan.pdf"
    with p.open("wb") as fh:
        writer.write(fh)
    assert_one_line_error(*run(capsys, str(p), str(SEED))[::2], "text")


def test_oversized_file_is_refused_quickly(capsys, tmp_path):
    p = tmp_path / "huge.txt"
    with p.open("wb") as fh:  # sparse: 50 MB without writing 50 MB
        fh.truncate(50 * 2**20)
    assert_one_line_error(*run(capsys, str(p), str(SEED))[::2], "too large")


# --- unusual but valid reports ----------------------------------------------------------
@pytest.mark.parametrize(
    "encoding", ["gb18030", "utf-16-le", "utf-16-be", "utf-16", "utf-8-sig"]
)
def test_encodings_compare_like_utf8(capsys, tmp_path, encoding):
    p = tmp_path / f"{encoding}.txt"
    p.write_bytes(SEED_TEXT.encode(encoding))
    data = assert_compared(*run(capsys, str(p), str(SEED), "--format", "json"))
    assert [s["heading"] for s in data["a"]["sections"]] == [
        s["heading"] for s in data["b"]["sections"]
    ]


def test_big5_traditional(capsys, tmp_path):
    trad = seed_paths()[1].read_text(encoding="utf-8")
    p = tmp_path / "big5.txt"
    p.write_bytes(trad.encode("big5", errors="replace"))
    data = assert_compared(*run(capsys, str(p), str(seed_paths()[1]), "--format", "json"))
    assert len(data["a"]["sections"]) == len(data["b"]["sections"])


def test_invalid_utf8_bytes_in_text(capsys, tmp_path):
    raw = SEED_TEXT.encode("utf-8")
    p = tmp_path / "damaged.txt"
    p.write_bytes(raw[:3000] + b"\xff\xfe\xc3" + raw[3000:])
    data = assert_compared(*run(capsys, str(p), str(SEED), "--format", "json"))
    assert len(data["a"]["sections"]) >= len(data["b"]["sections"]) - 1


@pytest.mark.parametrize("newline", ["\r", "\r\n", "mixed"])
def test_line_endings(capsys, tmp_path, newline):
    lines = SEED_TEXT.split("\n")
    if newline == "mixed":
        text = "".join(ln + ("\r\n", "\r", "\n")[i % 3] for i, ln in enumerate(lines))
    else:
        text = newline.join(lines)
    p = tmp_path / "endings.txt"
    p.write_bytes(text.encode("utf-8"))
    data = assert_compared(*run(capsys, str(p), str(SEED), "--format", "json"))
    assert [s["heading"] for s in data["a"]["sections"]] == [
        s["heading"] for s in data["b"]["sections"]
    ]


def test_one_huge_line(capsys, tmp_path):
    p = tmp_path / "oneline.txt"
    p.write_text(SEED_TEXT.replace("\n", "")[:5000] * 1000, encoding="utf-8")  # ~5 MB
    assert_compared(*run(capsys, str(p), str(SEED), "--format", "json"))


def test_no_headings_at_all(capsys, tmp_path):
    p = tmp_path / "plain.txt"
    p.write_text(
        "我市持续推进行政复议体制改革,全年收到行政复议申请23件。\n\n"
        "我市深入开展普法宣传,组织法治讲座10余场。\n",
        encoding="utf-8",
    )
    data = assert_compared(*run(capsys, str(p), str(SEED), "--format", "json"))
    assert data["a"]["sections"]


def test_only_headings(capsys, tmp_path):
    p = tmp_path / "outline.txt"
    p.write_text("一、加强组织领导\n二、深化放管服改革\n三、推进严格规范公正文明执法\n", "utf-8")
    data = assert_compared(*run(capsys, str(p), str(SEED), "--format", "json"))
    assert len([s for s in data["a"]["sections"] if s["kind"] == "heading"]) == 3


def test_same_file_twice(capsys):
    data = assert_compared(*run(capsys, str(SEED), str(SEED), "--format", "json"))
    assert data["pairs"] and all(p["a"] and p["b"] for p in data["pairs"])


def test_html_with_scripts_and_styles(capsys, tmp_path):
    body = "".join(f"<p>{ln}</p>" for ln in SEED_TEXT.split("\n") if ln.strip())
    page = (
        "<html><head><title>t</title><style>p{color:red}</style>"
        "<script>document.write('不应出现')</script></head><body>"
        f"<img src='http://example.invalid/x.png'>{body}<script>alert(1)</script></body></html>"
    )
    p = tmp_path / "page.html"
    p.write_text(page, encoding="utf-8")
    status, out, err = run(capsys, str(p), str(SEED), "--format", "json")
    data = assert_compared(status, out, err)
    assert "不应出现" not in out and "alert" not in out and "color:red" not in out
    assert len(data["a"]["sections"]) == len(data["b"]["sections"])


def test_docx_report(capsys, tmp_path):
    from docx import Document

    doc = Document()
    for ln in SEED_TEXT.split("\n"):
        if ln.strip():
            doc.add_paragraph(ln)
    p = tmp_path / "report.docx"
    buf = io.BytesIO()
    doc.save(buf)
    p.write_bytes(buf.getvalue())
    assert zipfile.is_zipfile(p)
    data = assert_compared(*run(capsys, str(p), str(SEED), "--format", "json"))
    assert len(data["a"]["sections"]) == len(data["b"]["sections"])


def test_usage_error_exits_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["diff", str(SEED)])
    assert exc.value.code == 2


def test_inputs_untouched(capsys, tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(SEED_TEXT, encoding="utf-8")
    before = p.read_bytes()
    run(capsys, str(p), str(SEED), "--format", "json")
    assert p.read_bytes() == before and sorted(x.name for x in tmp_path.iterdir()) == ["a.txt"]


def test_path_helper_is_not_confused_by_names(capsys, tmp_path):
    odd = tmp_path / "报告 [bold] (1).txt"
    odd.write_text(SEED_TEXT, encoding="utf-8")
    data = assert_compared(*run(capsys, str(odd), str(SEED), "--format", "json"))
    assert Path(data["a"]["path"]).name == odd.name
