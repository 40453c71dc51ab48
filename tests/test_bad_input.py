"""The bad-input matrix through the command line: a correct comparison or a one-line error.

Every case of ``bad_inputs.CASES`` runs ``reportdiff diff A B`` (in-process, through the same
``main`` the console script calls) and must either succeed with a well-formed result or exit
with status 2 and one line on stderr — never a traceback. Some cases then get a closer look.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from bad_inputs import CASE_IDS, CASES, OUTPUT_CASES, OUTPUT_IDS, SEED, SEED_TEXT, Case, FifoReader, OutputCase, build, kind_of
from reportdiff.tui.__main__ import main

BY_NAME = {c.name: c for c in CASES}
SMALL_A = "\n".join(SEED_TEXT.split("\n")[:40])
SMALL_B = SMALL_A.replace("2023", "2024").replace("一、", "一、进一步")


@pytest.fixture
def small_pair(tmp_path_factory) -> tuple[str, str]:
    """Two short reports (a few hundred characters): quick to compare."""
    d = tmp_path_factory.mktemp("pair")
    (d / "a.txt").write_text(SMALL_A, encoding="utf-8")
    (d / "b.txt").write_text(SMALL_B, encoding="utf-8")
    return str(d / "a.txt"), str(d / "b.txt")


def run(capsys, *args: str) -> tuple[int, str, str]:
    status = main(["diff", *args])
    out, err = capsys.readouterr()
    return status, out, err


def assert_one_line_error(status: int, err: str, *words: str) -> None:
    assert status == 2
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert err.startswith("reportdiff: ") and "Traceback" not in err
    assert_terminal_safe(err)
    for w in words:
        assert w in err


def assert_terminal_safe(text: str) -> None:
    """No escape sequence, control, bidi control or lone surrogate can reach the terminal."""
    bad = [c for c in text if (ord(c) < 32 and c != "\n") or 0x7F <= ord(c) <= 0x9F
           or "\u202a" <= c <= "\u202e" or "\u2066" <= c <= "\u2069" or "\ud800" <= c <= "\udfff"]
    assert not bad, bad
    text.encode("utf-8")  # encodable: no lone surrogate


def assert_compared(status: int, out: str, err: str) -> dict:
    assert status == 0, err
    data = json.loads(out)
    assert data["schema"] == "reportdiff/1"
    return data


def compare_case(capsys, name: str, tmp_path: Path) -> dict:
    a, b = build(BY_NAME[name], tmp_path)
    return assert_compared(*run(capsys, str(a), str(b), "--format", "json"))


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_matrix(capsys, tmp_path, case: Case):
    if case.skip_reason:
        pytest.skip(case.skip_reason)
    a, b = build(case, tmp_path)
    status, out, err = run(capsys, str(a), str(b), "--format", "json")
    if case.error:
        assert_one_line_error(status, err, *case.error)
        assert out == ""
    else:
        data = assert_compared(status, out, err)
        assert data["a"]["sections"] and data["pairs"]
        assert_terminal_safe(out.replace("\n", " "))
        status, md, err = run(capsys, str(a), str(b))  # the Markdown export too
        assert status == 0 and not err
        assert_terminal_safe(md)


# --- export targets ---------------------------------------------------------------------
@pytest.mark.parametrize("case", OUTPUT_CASES, ids=OUTPUT_IDS)
def test_output_matrix(capsys, tmp_path, small_pair, case: OutputCase):
    if case.skip_reason:
        pytest.skip(case.skip_reason)
    target = case.build(tmp_path)
    before = kind_of(target)
    reader = FifoReader(target) if before == "fifo" else None
    args = [*small_pair, "-o", target] + (["--force"] if case.force else [])
    status, out, err = run(capsys, *args)
    got = reader.result() if reader else None
    assert out == ""
    if case.error:
        assert_one_line_error(status, err, *case.error)
    else:
        assert status == 0 and err == "", err
    assert kind_of(target) == case.kind  # a FIFO or device is never replaced by a file
    if case.kind == "file" and not case.error:
        assert open(os.fsencode(target), "rb").read().decode("utf-8").startswith("# ")
    if reader is not None:
        assert got.decode("utf-8").startswith("# ")
    leftovers = [n for n in os.listdir(os.fsencode(tmp_path)) if n.endswith(b".tmp")]
    assert not leftovers


# --- a closer look at the valid ones ---------------------------------------------------
@pytest.mark.parametrize(
    "name",
    ["gb18030", "utf-16-le", "utf-16-be", "utf-16-le-bom", "utf-16-be-bom", "utf-8-bom",
     "cr-only", "crlf", "mixed-endings", "docx", "html-with-scripts", "utf-16-damaged", "osc52-in-name",
     "non-utf8-name", "bidi-in-name", "1000-nested-div", "100000-nested-div"],
)
def test_other_encodings_formats_and_line_endings_parse_like_the_utf8_seed(capsys, tmp_path, name):
    data = compare_case(capsys, name, tmp_path)
    assert [s["heading"] for s in data["a"]["sections"]] == [
        s["heading"] for s in data["b"]["sections"]
    ]


def test_big5_traditional_parses_like_its_utf8_original(capsys, tmp_path):
    data = compare_case(capsys, "big5", tmp_path)
    assert len(data["a"]["sections"]) == len(data["b"]["sections"])


def test_invalid_utf8_bytes_lose_only_themselves(capsys, tmp_path):
    data = compare_case(capsys, "invalid-utf8", tmp_path)
    assert len(data["a"]["sections"]) >= len(data["b"]["sections"]) - 1


def test_no_headings_compares_paragraphs(capsys, tmp_path):
    data = compare_case(capsys, "no-headings", tmp_path)
    paragraphs = [s["id"] for s in data["a"]["sections"] if s["kind"] == "heading"]
    assert len(paragraphs) == 4  # the title and first paragraph are the preamble
    partners = {p["b"] for p in data["pairs"] if p["a"] in paragraphs and p["b"]}
    assert len(partners) >= 2  # paragraphs find partners of their own


def test_only_headings(capsys, tmp_path):
    data = compare_case(capsys, "only-headings", tmp_path)
    assert len([s for s in data["a"]["sections"] if s["kind"] == "heading"]) == 3


def test_same_file_twice_pairs_every_section(capsys, tmp_path):
    data = compare_case(capsys, "same-file", tmp_path)
    assert data["pairs"] and all(p["a"] and p["b"] for p in data["pairs"])


def test_html_scripts_and_styles_are_not_text(capsys, tmp_path):
    a, b = build(BY_NAME["html-with-scripts"], tmp_path)
    status, out, err = run(capsys, str(a), str(b), "--format", "json")
    assert_compared(status, out, err)
    assert "不应出现" not in out and "alert" not in out and "color:red" not in out


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


def test_utf7_label_is_not_obeyed_and_no_surrogate_survives(capsys, tmp_path):
    from reportdiff.compare.load import load_report

    compare_case(capsys, "utf-7-html", tmp_path)
    r = load_report(tmp_path / "utf7.html")
    assert "+2AA-" in r.text  # read as the ASCII it is, not decoded to a lone surrogate
    r.text.encode("utf-8")
    u = load_report(BY_NAME["unicode-escape-html"].build(tmp_path))
    assert "\\ud800" in u.text and u.text.encode("utf-8")  # the label ignored: literal text


def test_hostile_names_are_shown_escaped_in_the_exports(capsys, tmp_path):
    a, b = build(BY_NAME["osc52-in-name"], tmp_path)
    data = assert_compared(*run(capsys, str(a), str(b), "--format", "json"))
    assert data["a"]["path"].endswith("e\\x1b]52;c;aWQK\\x1b\\.txt")
    status, md, _ = run(capsys, str(a), str(b))
    assert status == 0 and "\x1b" not in md and "e\\\\x1b\\]52;c;aWQK" in md  # escaped, then Markdown-escaped


def test_suggested_export_names_hold_no_controls():
    from reportdiff.compare.sanitize import safe_file_name

    assert safe_file_name("某市\x1b]0;x\x07人民\u202e政府\x9b/2023\n", 24) == "某市]0;x人民政府2023"


@pytest.mark.parametrize(
    "args, words",
    [
        ([str(SEED), str(SEED), "--format", "md"], ["unknown option --format", "reportdiff diff A B --format"]),
        (["--lang", "fr"], ["--lang", "'fr'"]),
        (["a.txt", "b.txt", "c.txt"], ["at most two reports"]),
    ],
)
def test_a_bad_app_command_line_says_what_is_wrong(capsys, args, words):
    """Not one of the app's command lines: the usage, then the reason in one line, status 2."""
    status = main(["--lang", "en", *args] if args[0] != "--lang" else args)
    out, err = capsys.readouterr()
    assert status == 2 and out == ""
    last = err.rstrip("\n").splitlines()[-1]
    assert last.startswith("reportdiff: error: ") and "Traceback" not in err
    for w in words:
        assert w in last
