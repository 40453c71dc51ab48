"""PDF reports read as paragraphs rebuilt from the page layout (compare/read_pdf.py)."""

from __future__ import annotations

import re

import pytest
from pdf_helpers import HEADER, encrypt, render_pdf, write_pdf

from reportdiff.compare.load import load_report
from reportdiff.compare.model import ReportError
from reportdiff.compare.pipeline import compare_reports, open_report
from reportdiff.compare.seeds import seed_paths


def _signature(c):
    def secs(r):
        return [(s.level, s.number, s.heading, s.kind) for s in r.sections]

    pairs = [(p.a, p.b, round(p.score, 4), p.topic) for p in c.alignment.pairs]
    metrics = [
        (m.status, m.label, m.a and (m.a.value, m.a.unit, m.a.text, m.a.section), m.b and (m.b.value, m.b.unit, m.b.text, m.b.section))
        for m in c.metrics
    ]
    ini = c.initiatives
    initiatives = ([s.key for s in ini.shared], [i.key for i in ini.only_a], [i.key for i in ini.only_b])
    return {"sections": (secs(c.a), secs(c.b)), "pairs": pairs, "metrics": metrics, "initiatives": initiatives}


@pytest.mark.parametrize("which", [0, 1])  # a simplified and a traditional seed
def test_a_seed_as_pdf_compares_the_same_as_the_seed_as_text(tmp_path, which):
    seeds = seed_paths()
    txt, other = seeds[which], seeds[2]
    pdf = write_pdf(tmp_path / "seed.pdf", txt.read_text(encoding="utf-8"))
    from_txt = compare_reports(open_report(txt), open_report(other))
    from_pdf = compare_reports(open_report(pdf), open_report(other))
    a, b = _signature(from_txt), _signature(from_pdf)
    for key in a:
        assert a[key] == b[key], key
    assert open_report(pdf).format == "pdf"


def test_wrapped_lines_are_joined_and_furniture_set_aside(tmp_path):
    long = "全面落实领导干部学法制度，" * 12 + "全年组织学法12次。"
    text = "\n".join(
        [
            "某县2023年法治政府建设情况报告",
            "一、加强组织领导",
            long,
            "（一）健全工作机制",
            "1.制定年度工作要点",
            "2.召开专题会议",
            "一是压实责任。",
            long,
        ]
    )
    r = load_report(write_pdf(tmp_path / "r.pdf", text, lines_per_page=6))
    lines = [ln.text for ln in r.lines]
    assert lines == text.split("\n")
    assert not any(HEADER in ln or ln.startswith("- ") for ln in r.text.split("\n"))


def test_latin_words_keep_their_space_across_a_line_break(tmp_path):
    text = "报告采用 " + "open government data " * 12 + "标准。"
    r = load_report(write_pdf(tmp_path / "r.pdf", text, header=None))
    assert "data open" in r.text and "dataopen" not in r.text
    assert len(r.lines) == 1


def test_aes_encrypted_pdf_with_an_empty_user_password_reads(tmp_path):
    body = "全年组织领导干部学法12次，审查规范性文件23件，" * 6 + "办理复议案件5件。"
    data = render_pdf("某县人民政府\n一、加强组织领导\n" + body, header=None)
    for algorithm in ("AES-128", "AES-256"):
        p = tmp_path / f"restricted-{algorithm}.pdf"
        p.write_bytes(encrypt(data, algorithm=algorithm))
        r = load_report(p)
        assert [ln.text for ln in r.lines] == ["某县人民政府", "一、加强组织领导", body]


def test_password_protected_aes_256_pdf_says_it_needs_a_password(tmp_path):
    p = tmp_path / "locked.pdf"
    p.write_bytes(encrypt(render_pdf("正文。"), user="secret", algorithm="AES-256"))
    with pytest.raises(ReportError) as err:
        load_report(p)
    message = str(err.value)
    assert "password" in message and "\n" not in message and message.startswith(str(p))


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.4\n garbage without objects \n%%EOF", b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"],
)
def test_a_damaged_pdf_gives_plain_words(tmp_path, data):
    p = tmp_path / "broken.pdf"
    p.write_bytes(data)
    with pytest.raises(ReportError) as err:
        load_report(p)
    message = str(err.value)
    assert "PDF" in message and "\n" not in message
    assert not re.search(r"\(\w*(Error|Exception|EOF|Syntax)\w*\)", message)  # no library exception names


@pytest.mark.parametrize(
    "name, data",
    [("bad.docx", b"PK\x03\x04 not really a zip"), ("bad2.docx", b"hello"), ("bad.pdf", b"%PDF-1.4 garbage garbage")],
)
def test_error_messages_name_no_library_exception(tmp_path, name, data):
    p = tmp_path / name
    p.write_bytes(data)
    with pytest.raises(ReportError) as err:
        load_report(p)
    assert not re.search(r"BadZipFile|KeyError|ValueError|PdfReadError|PSEOF|\((?:[A-Z][a-z]+){2,}\)", str(err.value))
