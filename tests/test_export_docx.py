"""The Word export, read back with python-docx; the CLI's docx and --version."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import docx
from export_helpers import CONTROLS, HOSTILE, crafted_comparison, exported

from reportdiff.compare.export_doc import DocOptions
from reportdiff.compare.export_docx import to_docx
from reportdiff.compare.pipeline import PairDiffs
from reportdiff.compare.seeds import seed_paths

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def runs(d, pred) -> list[str]:
    return [r.text for p in d.paragraphs for r in p.runs if pred(r)]


def test_headings_memo_and_parts_in_order():
    d = read(exported(to_docx))
    heads = [(p.style.name, p.text) for p in d.paragraphs if p.style.name.startswith("Heading")]
    assert heads[:3] == [
        ("Heading 1", "报告对比：某市人民政府 2021年 与 某县人民政府 2022年"),
        ("Heading 2", "要点"),
        ("Heading 3", "变化最大的可比数据"),
    ]
    assert [t for s, t in heads if s == "Heading 3"][-4:] == ["第 1 部分", "第 2 部分", "第 3 部分", "第 4 部分"]
    bullets = [p.text for p in d.paragraphs if p.style.name == "List Bullet"]
    assert "总体相似度：50%，部分相似" in bullets
    assert "仅 A 涉及的主题：突发事件应对（第 3 部分）" in bullets


def test_tables_are_real_tables():
    d = read(exported(to_docx))
    changes = d.tables[0]
    assert [c.text for c in changes.rows[0].cells] == ["A 中统计项", "B 中统计项", "A → B", "变化", "见"]
    assert [c.text for c in changes.rows[1].cells] == ["常务会议学法", "常务会议学法", "12次 → 15次", "+3次 (+25%)", "第 1 部分"]
    meta = d.tables[1]
    assert meta.rows[0].cells[0].text == "项目" and len(meta.rows) == 9
    assert len(d.tables) == 10  # the same tables as the Markdown


def test_differences_are_formatted_runs():
    d = read(exported(to_docx))
    assert runs(d, lambda r: r.font.strike) == ["2021", "市政府", "12", "严格落实"]
    assert runs(d, lambda r: r.font.underline and r.font.color.rgb is not None and str(r.font.color.rgb) == "0050A0") == [
        "2022",
        "县政府",
        "15",
        "全面落实",
    ]
    bold = runs(d, lambda r: r.bold)
    assert bold.count("主动公开政府信息") == 2 and bold.count("依申请公开") == 2
    quote = [p.text for p in d.paragraphs if p.style.name == "Quote"]
    assert "20212022年，市政府县政府召开常务会议学法1215次，审查规范性文件23件。" in quote


def test_links_jump_to_bookmarks_on_the_parts():
    d = read(exported(to_docx))
    body = d.element.body
    anchors = {h.get(W + "anchor") for h in body.iter(W + "hyperlink")}
    marks = {b.get(W + "name") for b in body.iter(W + "bookmarkStart")}
    assert anchors and anchors <= marks
    assert len(marks) == 4


def test_report_script_kept_and_simplified_on_request():
    c, known = crafted_comparison()
    from dataclasses import replace

    c = replace(c, b=replace(c.b, meta=replace(c.b.meta, organization="某縣人民政府"), script="traditional"))
    diffs = PairDiffs(c, known)
    assert "某縣人民政府" in read(to_docx(c, pair_diffs=diffs)).paragraphs[0].text
    assert "某县人民政府" in read(to_docx(c, DocOptions(script="simplified"), diffs)).paragraphs[0].text


def test_hostile_text_is_literal_and_the_file_stays_valid():
    data = exported(to_docx, hostile=True)
    d = read(data)
    text = "\n".join(p.text for p in d.paragraphs)
    assert HOSTILE in text
    assert not [ch for ch in text if (ord(ch) < 32 and ch != "\n") or 0x7F <= ord(ch) <= 0x9F or ch == "\u202e"]
    assert "\ufffd" in text and CONTROLS


def test_memo_alone():
    d = read(exported(to_docx, DocOptions(text=False)))
    heads = [p.text for p in d.paragraphs if p.style.name.startswith("Heading")]
    assert heads == ["报告对比：某市人民政府 2021年 与 某县人民政府 2022年", "变化最大的可比数据"]
    assert not list(d.element.body.iter(W + "hyperlink"))


# --------------------------------------------------------------------------- the CLI


def _cli(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reportdiff.tui", *args], capture_output=True, **kw)


def test_cli_writes_a_docx_and_refuses_a_terminal(tmp_path: Path):
    a, b = map(str, seed_paths()[:2])
    out = tmp_path / "x.docx"
    r = _cli("diff", a, b, "--format", "docx", "-o", str(out))
    assert r.returncode == 0, r.stderr
    d = read(out.read_bytes())
    assert "同江市人民政府" in d.paragraphs[0].text
    # to a pipe, the bytes go through
    r = _cli("diff", a, b, "--format", "docx")
    assert r.returncode == 0 and r.stdout.startswith(b"PK")
    # to a terminal: one line, status 2
    import pty

    master, slave = pty.openpty()
    try:
        r = subprocess.run([sys.executable, "-m", "reportdiff.tui", "diff", a, b, "--format", "docx"], stdout=slave, stderr=subprocess.PIPE)
    finally:
        os.close(slave)
        os.close(master)
    assert r.returncode == 2
    err = r.stderr.decode()
    assert err.count("\n") == 1 and "-o FILE" in err and "Traceback" not in err


def test_version():
    r = _cli("--version", text=True)
    assert r.returncode == 0 and r.stdout.startswith("reportdiff ")
    from importlib.metadata import version

    assert r.stdout.strip() == f"reportdiff {version('reportdiff')}"


def test_the_same_comparison_gives_the_same_bytes():
    assert exported(to_docx) == exported(to_docx)
