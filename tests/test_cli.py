"""The headless CLI: output to stdout or a file, options, and never losing a file.

Most tests call ``run_diff`` in-process (fast); a few run the real console entry point
(``python -m reportdiff.tui``) to check exit status and stderr as a user sees them.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

import reportdiff.compare.files as files
from reportdiff.compare import cli
from reportdiff.compare.cli import build_diff_parser, run_diff
from reportdiff.compare.files import ExportError, ExportExists, write_export
from reportdiff.compare.seeds import seed_paths

A, B = (str(p) for p in seed_paths()[:2])
ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reportdiff.tui", *args], capture_output=True, text=True, timeout=120
    )


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = run_diff(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def assert_one_line_error(code: int, err: str, *words: str) -> None:
    assert code == 2
    assert err.startswith("reportdiff: ") and err.endswith("\n") and err.count("\n") == 1, err
    assert "Traceback" not in err
    for w in words:
        assert w in err, (w, err)


# --------------------------------------------------------------------------- output


def test_bundled_seeds_are_the_five_reports():
    names = [p.name for p in seed_paths()]
    assert len(names) == 5
    assert names[0] == "000_e3797f5fab609ce7.txt"


def test_markdown_to_stdout_by_default(capsys):
    code, out, err = run(capsys, A, B)
    assert code == 0 and err == ""
    assert out.startswith("# 报告对比：同江市人民政府 2018年 与 沅江市司法局 2023年\n")
    assert "## 逐节对比" in out


def test_options_reach_the_document(capsys):
    code, out, _ = run(capsys, A, B, "--lang", "en", "--no-text", "--script", "simplified")
    assert code == 0
    assert out.startswith("# Report comparison: 同江市人民政府 (2018) and 沅江市司法局 (2023)\n")
    assert "## Section by section" not in out and "## Largest changes in comparable figures" in out
    assert "沅江市2023年法治政府建设工作报告" in out  # B's traditional title, simplified
    code, out, _ = run(capsys, A, B, "--plain")
    assert code == 0 and "<del>" not in out and "<ins>" not in out


def test_json_to_stdout(capsys):
    code, out, err = run(capsys, A, B, "--format", "json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["schema"] == "reportdiff/1"
    assert data["a"]["path"] == A and data["b"]["organization"] == "沅江市司法局"


def test_dash_output_means_stdout(capsys, tmp_path):
    code, out, _ = run(capsys, A, B, "--format", "json", "-o", "-")
    assert code == 0 and json.loads(out)["schema"] == "reportdiff/1"
    assert not Path("-").exists()


def test_help_lists_the_options():
    text = build_diff_parser().format_help()
    for opt in ("--format", "-o FILE", "--force", "--only-changes", "--no-text", "--lang", "--script", "--plain"):
        assert opt in text


def test_argument_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as exc:
        run_diff([A, B, "--format", "html"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        run_diff([A])
    assert exc.value.code == 2


# --------------------------------------------------------------------------- writing files


def test_output_file_is_written_and_stdout_stays_empty(capsys, tmp_path):
    target = tmp_path / "out.md"
    code, out, err = run(capsys, A, B, "-o", str(target))
    assert code == 0 and out == "" and err == ""
    expected = run(capsys, A, B)[1]
    assert target.read_text(encoding="utf-8") == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]  # no temporary file left


def test_existing_file_is_not_overwritten_without_force(capsys, tmp_path):
    target = tmp_path / "out.md"
    target.write_text("my notes", encoding="utf-8")
    code, out, err = run(capsys, A, B, "-o", str(target))
    assert_one_line_error(code, err, "already exists", "--force")
    assert target.read_text(encoding="utf-8") == "my notes"
    code, _, err = run(capsys, A, B, "-o", str(target), "--force", "--format", "json")
    assert code == 0 and err == ""
    assert json.loads(target.read_text(encoding="utf-8"))["schema"] == "reportdiff/1"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]


def test_refusal_comes_before_the_comparison(capsys, tmp_path, monkeypatch):
    target = tmp_path / "out.md"
    target.write_text("x", encoding="utf-8")

    def boom(*_):
        raise AssertionError("compared although the output could not be written")

    monkeypatch.setattr(cli, "compare_paths", boom)
    code, _, err = run(capsys, A, B, "-o", str(target))
    assert_one_line_error(code, err, "already exists")


@pytest.mark.parametrize("how", ["same path", "relative path", "symlink", "hard link"])
def test_never_writes_over_an_input_even_with_force(capsys, tmp_path, monkeypatch, how):
    a = tmp_path / "a.txt"
    a.write_bytes(Path(A).read_bytes())
    before = a.read_bytes()
    if how == "same path":
        target = str(a)
    elif how == "relative path":
        monkeypatch.chdir(tmp_path)
        target = "./sub/../a.txt"
        (tmp_path / "sub").mkdir()
    elif how == "symlink":
        target = str(tmp_path / "link.md")
        os.symlink(a, target)
    else:
        target = str(tmp_path / "hard.md")
        os.link(a, target)
    code, _, err = run(capsys, str(a), B, "-o", target, "--force")
    assert_one_line_error(code, err, "one of the compared reports")
    assert a.read_bytes() == before


def test_symlinked_output_is_written_through_not_replaced(capsys, tmp_path):
    real = tmp_path / "real.md"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    code, _, err = run(capsys, A, B, "-o", str(link), "--force", "--no-text")
    assert code == 0, err
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("# 报告对比")


def test_missing_folder_and_directory_target(capsys, tmp_path):
    code, _, err = run(capsys, A, B, "-o", str(tmp_path / "nope" / "out.md"))
    assert_one_line_error(code, err, "does not exist")
    code, _, err = run(capsys, A, B, "-o", str(tmp_path), "--force")
    assert_one_line_error(code, err, "is a directory")


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write in any folder")
def test_unwritable_folder_is_a_clear_error(capsys, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        code, _, err = run(capsys, A, B, "-o", str(folder / "out.md"))
    finally:
        folder.chmod(0o700)
    assert_one_line_error(code, err, "permission denied")
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize(
    "code_, words",
    [(errno.EACCES, "permission denied"), (errno.ENOSPC, "no space left"), (errno.EROFS, "read-only")],
)
def test_write_failures_are_one_line_and_leave_nothing_behind(capsys, tmp_path, monkeypatch, code_, words):
    target = tmp_path / "out.md"
    target.write_text("keep me", encoding="utf-8")

    def failing_write(fd, data):
        raise OSError(code_, os.strerror(code_))

    monkeypatch.setattr(files.os, "write", failing_write)
    code, _, err = run(capsys, A, B, "-o", str(target), "--force")
    assert_one_line_error(code, err, words)
    assert target.read_text(encoding="utf-8") == "keep me"  # the old file is intact
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]  # no temporary file left


def test_unwritable_folder_when_creating_the_temporary_file(capsys, tmp_path, monkeypatch):
    def denied(*_, **__):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    code, _, err = run(capsys, A, B, "-o", str(tmp_path / "out.md"))
    assert_one_line_error(code, err, "permission denied", str(tmp_path))


def test_write_export_is_atomic_and_keeps_permissions(tmp_path):
    target = tmp_path / "x.md"
    write_export(target, "一\n", force=False)
    assert target.read_text(encoding="utf-8") == "一\n"
    target.chmod(0o640)
    write_export(target, "二\n", force=True)
    assert target.read_text(encoding="utf-8") == "二\n"
    assert target.stat().st_mode & 0o777 == 0o640
    with pytest.raises(ExportExists):
        write_export(target, "三\n", force=False)
    with pytest.raises(ExportError, match="one of the compared reports"):
        write_export(target, "x", force=True, inputs=[str(target)])
    assert target.read_text(encoding="utf-8") == "二\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.md"]


def test_a_file_appearing_during_the_export_is_not_clobbered(tmp_path, monkeypatch):
    """Without --force the final step is a no-clobber link, not a check-then-rename."""
    target = tmp_path / "x.md"
    real_mkstemp = tempfile.mkstemp

    def racing_mkstemp(*args, **kwargs):
        result = real_mkstemp(*args, **kwargs)
        target.write_text("written meanwhile", encoding="utf-8")
        return result

    monkeypatch.setattr(tempfile, "mkstemp", racing_mkstemp)
    with pytest.raises(ExportExists):
        write_export(target, "new", force=False)
    assert target.read_text(encoding="utf-8") == "written meanwhile"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.md"]


# --------------------------------------------------------------------------- bad input


def _bad_inputs(tmp_path: Path) -> dict[str, tuple[str, str]]:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text(" \n\u3000\n", encoding="utf-8")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (tmp_path / "folder").mkdir()
    (tmp_path / "bad.txt").write_bytes(bytes(range(256)) * 20)  # no signature, decodes to nothing
    return {
        "missing": (str(tmp_path / "nope.txt"), "no such file"),
        "directory": (str(tmp_path / "folder"), "directory"),
        "empty": (str(tmp_path / "empty.txt"), "empty"),
        "white space": (str(tmp_path / "blank.txt"), "no text"),
        "binary": (str(tmp_path / "image.txt"), "PNG"),
        "undecodable": (str(tmp_path / "bad.txt"), "bad.txt"),
    }


@pytest.mark.parametrize("case", ["missing", "directory", "empty", "white space", "binary", "undecodable"])
def test_bad_input_is_one_line_exit_2(capsys, tmp_path, case):
    path, words = _bad_inputs(tmp_path)[case]
    for args in ((path, A), (A, path)):
        code, out, err = run(capsys, *args)
        assert out == ""
        assert_one_line_error(code, err, words)


def test_bad_input_through_the_console_script(tmp_path):
    proc = run_cli("diff", str(tmp_path / "nope.txt"), A)
    assert_one_line_error(proc.returncode, proc.stderr, "no such file")
    assert proc.stdout == ""


def test_console_script_writes_json(tmp_path):
    target = tmp_path / "out.json"
    proc = run_cli("diff", A, B, "--format", "json", "-o", str(target))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "" and proc.stderr == ""
    assert json.loads(target.read_text(encoding="utf-8"))["schema"] == "reportdiff/1"


# --------------------------------------------------------------------------- hostile text


HOSTILE_REPORT = (
    "某市人民政府关于2021年法治政府建设情况的报告\n"
    "一、[bold]加强组织领导[/] \x1b]0;pwned\x07\n"
    "召开会议[link=http://x]12次[/link]，\x1b[2J清屏\x9b31m红色。[@click=quit]退出\n"
    "二、推进政务公开\n"
    "公开信息500条。`code` <script>alert(1)</script> | * _ #\n"
)


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_hostile_report_exports_literally_without_control_bytes(capsys, tmp_path, fmt):
    path = tmp_path / "hostile.txt"
    path.write_text(HOSTILE_REPORT, encoding="utf-8")
    code, out, err = run(capsys, str(path), A, "--format", fmt)
    assert code == 0, err
    for ch in ("\x1b", "\x07", "\x9b", "\x00"):
        assert ch not in out
    if fmt == "json":
        text = json.dumps(json.loads(out), ensure_ascii=False)
        assert "[bold]加强组织领导[/]" in text  # the heading, as written
    else:
        assert "\\[bold\\]加强组织领导\\[/\\]" in out  # escaped: renders as the literal text
        assert "<script>" not in out


def test_error_messages_cannot_carry_escape_sequences(capsys, tmp_path):
    code, _, err = run(capsys, str(tmp_path / "a\x1b]0;x\x07\nb.txt"), A)
    assert_one_line_error(code, err)
    assert "\x1b" not in err and "\x07" not in err


def test_help_into_a_closed_pipe_ends_quietly():
    """``reportdiff --help | head -1``: the reader has gone; no traceback, status 1."""
    script = (
        "import os, sys\n"
        "r, w = os.pipe(); os.close(r); os.dup2(w, 1)\n"
        "from reportdiff.tui.__main__ import main\n"
        "sys.exit(main(['--help']))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent)
    assert done.returncode == 1
    assert done.stderr == ""


def test_the_same_input_gives_the_same_output_whatever_the_string_hashing(tmp_path):
    # a 16x synthetic pair (benchmarks/perf.py's, seeds pasted together several times): its
    # identical sections tie exactly, and a tie once went to whichever topic hashing put first
    import random

    from benchmark_helpers import load_benchmark

    perf = load_benchmark("perf")
    rng = random.Random(7)
    for n in (1, 1, 4, 4, 16, 16):  # the draws before the pair, as the benchmark makes them
        perf.synthetic_report(n, rng)
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(perf.synthetic_report(16, rng), encoding="utf-8")
    b.write_text(perf.synthetic_report(16, rng), encoding="utf-8")
    outputs = []
    for seed in ("1", "2"):
        done = subprocess.run(
            [sys.executable, "-m", "reportdiff.tui", "diff", str(a), str(b), "--format", "json"],
            capture_output=True, text=True, timeout=300, env={**os.environ, "PYTHONHASHSEED": seed},
        )
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
