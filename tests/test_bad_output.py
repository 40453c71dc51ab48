"""Where the output goes wrong: a full disk behind stdout, a closed stdout, signals, Ctrl-C,
hostile file names as random bytes, and report text that Markdown would make live.

The subprocess cases run the real console entry point (``python -m reportdiff.tui``) on two short
reports, because what they test (stdout's buffering, a closed descriptor, a device as
stdout) only exists in a real process.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bad_inputs import CAN_MKNOD, SEED_TEXT
from reportdiff.compare import sanitize
from reportdiff.compare.load import load_text
from reportdiff.tui.__main__ import main, run_app

SMALL_A = "\n".join(SEED_TEXT.split("\n")[:30])
SMALL_B = SMALL_A.replace("2023", "2024")
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def pair(tmp_path) -> tuple[str, str]:
    (tmp_path / "a.txt").write_text(SMALL_A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(SMALL_B, encoding="utf-8")
    return str(tmp_path / "a.txt"), str(tmp_path / "b.txt")


def cli(*args: str, stdout=subprocess.PIPE, env: dict | None = None, shell_redirect: str = ""):
    """Run ``reportdiff`` in a child process; (status, stdout bytes, stderr text)."""
    cmd = [sys.executable, "-m", "reportdiff.tui", *args]
    full_env = {**os.environ, **(env or {})}
    if shell_redirect:
        import shlex

        proc = subprocess.run(
            " ".join(shlex.quote(c) for c in cmd) + " " + shell_redirect,
            shell=True, stdout=stdout, stderr=subprocess.PIPE, env=full_env, cwd=ROOT, timeout=120,
        )
    else:
        proc = subprocess.run(cmd, stdout=stdout, stderr=subprocess.PIPE, env=full_env, cwd=ROOT, timeout=120)
    return proc.returncode, proc.stdout, proc.stderr.decode("utf-8", "replace")


def one_line(err: str, *words: str) -> None:
    assert err.count("\n") == 1 and err.startswith("reportdiff: ") and "Traceback" not in err, err
    for w in words:
        assert w in err, err


def _full_device(tmp_path: Path) -> str:
    if CAN_MKNOD:
        p = tmp_path / "full"  # a scratch node of /dev/full's kind
        os.mknod(p, stat.S_IFCHR | 0o666, os.makedev(1, 7))
        return str(p)
    if os.path.exists("/dev/full"):
        return "/dev/full"  # only ever written into (and it refuses every byte)
    pytest.skip("no full device")


# --- standard output ------------------------------------------------------------------------
@pytest.mark.parametrize("unbuffered", [False, True], ids=["buffered", "PYTHONUNBUFFERED"])
def test_stdout_on_a_full_disk_fails_with_one_line_and_status_2(tmp_path, pair, unbuffered):
    env = {"PYTHONUNBUFFERED": "1"} if unbuffered else {"PYTHONUNBUFFERED": ""}
    if not unbuffered:
        env.pop("PYTHONUNBUFFERED")
    with open(_full_device(tmp_path), "wb") as full:
        status, _, err = cli("diff", *pair, stdout=full, env=env)
    assert status == 2
    one_line(err, "standard output", "no space left")


def test_closed_stdout_says_so(pair):
    status, _, err = cli("diff", *pair, stdout=None, shell_redirect=">&-")
    assert status == 2
    one_line(err, "standard output is closed")


def test_output_to_dev_stdout_into_a_pipe_is_the_export(pair):
    status, out, err = cli("diff", *pair, "-o", "/dev/stdout")
    assert status == 0 and err == ""
    assert out.decode("utf-8").startswith("# ")


def test_output_to_dev_stdout_in_process_is_stdout(capsys, pair):
    assert main(["diff", *pair, "-o", "/dev/stdout"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("# ") and err == ""


# --- signals and Ctrl-C -------------------------------------------------------------------
@pytest.mark.parametrize("signame", ["SIGTERM", "SIGHUP"])
def test_a_signal_during_the_write_leaves_no_temporary_file(capsys, monkeypatch, tmp_path, pair, signame):
    import reportdiff.compare.files as files

    signum = getattr(signal, signame)
    real_fsync = os.fsync

    def fsync_then_signal(fd):  # the signal arrives while the temporary file is being written
        real_fsync(fd)
        os.kill(os.getpid(), signum)

    monkeypatch.setattr(files.os, "fsync", fsync_then_signal)
    target = tmp_path / "out" / "cmp.md"
    target.parent.mkdir()
    before = signal.getsignal(signum)
    status = main(["diff", *pair, "-o", str(target)])
    out, err = capsys.readouterr()
    assert status == 128 + signum
    one_line(err, signame)
    assert sorted(os.listdir(target.parent)) == []  # neither the export nor a hidden .tmp
    assert signal.getsignal(signum) == before  # the handler is put back


def test_ctrl_c_while_comparing_is_one_line_and_status_130(capsys, monkeypatch, pair):
    import reportdiff.compare.cli as cli_module

    def interrupted(a, b):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_module, "compare_paths", interrupted)
    status = main(["diff", *pair])
    out, err = capsys.readouterr()
    assert status == 130 and out == ""
    one_line(err, "interrupted")


def test_ctrl_c_while_writing_leaves_no_temporary_file(capsys, monkeypatch, tmp_path, pair):
    import reportdiff.compare.files as files

    def fsync_interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "fsync", fsync_interrupted)
    status = main(["diff", *pair, "-o", str(tmp_path / "cmp.md")])
    _, err = capsys.readouterr()
    assert status == 130
    one_line(err, "interrupted")
    assert not [n for n in os.listdir(tmp_path) if n.startswith(".cmp.md")]
    assert not (tmp_path / "cmp.md").exists()


# --- the app's exit ---------------------------------------------------------------------------
def test_the_app_returns_its_real_status_after_a_crash():
    from textual.app import App

    class Crashing(App[None]):
        def on_mount(self) -> None:
            raise RuntimeError("boom")

    status, busy = run_app(Crashing(), headless=True)
    assert status == 1 and not busy


def test_quitting_does_not_wait_for_a_busy_worker():
    """``q`` ends the app while a thread worker is still inside a long computation."""
    import threading

    from textual import work
    from textual.app import App

    release = threading.Event()
    started = threading.Event()

    class Busy(App[None]):
        def on_mount(self) -> None:
            self.grind()

        @work(thread=True)
        def grind(self) -> None:
            started.set()
            release.wait(60)  # a computation that does not look at cancellation

        def on_ready(self) -> None:
            started.wait(10)
            self.exit()

    try:
        status, busy = run_app(Busy(), headless=True)
        assert status == 0 and busy  # returned while the worker still runs: the caller exits
        assert not release.is_set()
    finally:
        release.set()


@pytest.mark.parametrize("signame", ["SIGTERM", "SIGHUP"])
def test_the_app_ends_on_sigterm_and_sighup_with_the_signals_status(signame):
    from textual.app import App

    signum = getattr(signal, signame)

    class Signalled(App[None]):
        def on_ready(self) -> None:
            os.kill(os.getpid(), signum)  # as `kill` from another shell does

    status, _busy = run_app(Signalled(), headless=True)
    assert status == 128 + signum


def test_an_export_cut_short_leaves_no_temporary_file(tmp_path, monkeypatch):
    """What the app does before ending at once (SIGTERM with a writer thread still running):
    the half-written export's temporary file is removed."""
    import threading

    from reportdiff.compare import files

    writing, release = threading.Event(), threading.Event()

    def slow_write(fd, data):
        writing.set()
        release.wait(10)
        os.write(fd, data)

    monkeypatch.setattr(files, "write_all", slow_write)
    def export() -> None:
        with pytest.raises(files.ExportError):  # its temporary file is gone: nothing is linked
            files.write_export(tmp_path / "cmp.md", "x")

    writer = threading.Thread(target=export, daemon=True)
    writer.start()
    assert writing.wait(10)
    assert [n for n in os.listdir(tmp_path) if n.endswith(".tmp")]  # the write is under way
    files.remove_unfinished_exports()
    assert not [n for n in os.listdir(tmp_path) if n.endswith(".tmp")]
    release.set()
    writer.join(10)
    assert not (tmp_path / "cmp.md").exists() and not os.listdir(tmp_path)


# --- hostile file names ------------------------------------------------------------------------
NAME_BYTES = st.binary(min_size=1, max_size=60).map(lambda b: b.replace(b"/", b"_").replace(b"\x00", b"_")).filter(
    lambda b: b not in (b".", b"..")
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=NAME_BYTES)
def test_random_bytes_as_file_names(capsys, tmp_path_factory, name):
    d = tmp_path_factory.mktemp("names")
    raw = os.fsencode(d) + b"/" + name
    with open(raw, "wb") as fh:
        fh.write(SMALL_A.encode("utf-8"))
    a = os.fsdecode(raw)
    b = str(d / "b-partner.txt") if name != b"b-partner.txt" else str(d / "other.txt")
    Path(b).write_text(SMALL_B, encoding="utf-8")
    for args in ([a, b], [a, b, "--format", "json"]):
        status = main(["diff", *args])
        out, err = capsys.readouterr()
        assert status == 0, err
        assert sanitize.is_safe(out.replace("\n", " ")), out[:200]
        out.encode("utf-8")
    target = os.fsdecode(raw + b".md")
    assert main(["diff", a, b, "-o", target]) == 0
    assert os.path.exists(os.fsencode(target))
    missing = os.fsdecode(raw + b"-missing")
    assert main(["diff", missing, b]) == 2
    _, err = capsys.readouterr()
    one_line(err, "no such file")
    assert sanitize.is_safe(err.rstrip("\n")) and "\x1b" not in err
    assert sanitize.show_path(missing) in err


@given(text=st.text())
def test_the_sanitiser_leaves_nothing_unsafe(text):
    cleaned = sanitize.clean(text)
    assert len(cleaned) == len(text) and sanitize.is_safe(cleaned)
    assert sanitize.clean(cleaned) == cleaned
    line = sanitize.escape(text)
    assert "\n" not in line and sanitize.is_safe(line) and sanitize.escape(line) == line
    line.encode("utf-8")


def test_show_path_escapes_bytes_controls_and_bidi():
    assert sanitize.show_path(b"bad\xff.txt") == "bad\\xff.txt"
    assert sanitize.show_path(os.fsdecode(b"bad\xff.txt")) == "bad\\xff.txt"
    assert sanitize.show_path("e\x1b]52;c;aWQK\x1b\\.txt") == "e\\x1b]52;c;aWQK\\x1b\\.txt"
    assert sanitize.show_path("a\u202etxt.exe") == "a\\u202etxt.exe"
    assert sanitize.show_path(Path("报告\n第二行.txt")) == "报告 第二行.txt"


# --- text from any source ------------------------------------------------------------------------
def test_lone_surrogates_become_replacement_characters_at_load():
    # what a broken PDF font map (ToUnicode) or a unicode_escape page hands the loader
    r = load_text("某县2023年法治政府建设情况\n一、加强\ud800组织领导\n全年\udfff办理案件23件。\n")
    assert "\ud800" not in r.text and "\udfff" not in r.text
    assert r.text.count("\ufffd") == 2 and r.text.encode("utf-8")
    assert len(r.text) == len("某县2023年法治政府建设情况\n一、加强\ud800组织领导\n全年\udfff办理案件23件。\n")


# --- Markdown that must stay text -----------------------------------------------------------------
LIVE = (
    "详见http://www.example.gov.cn/xxgk/index.html，",
    "或访问www.example.gov.cn查询，",
    "来信请寄fzb@example.gov.cn。",
    "也可见<http://x.example>与<fzb@example.gov.cn>。",
    "mailto:fzb@example.gov.cn；xmpp:fzb@example.gov.cn；ftp://ftp.example.gov.cn/a。",
)
CRITIC = "原文写作{--删除--}与{++新增++}及{==标注==}、{~~旧~>新~~}和{>>批注<<}。"


@pytest.fixture
def linky_pair(tmp_path) -> tuple[str, str]:
    body = "\n".join(SEED_TEXT.split("\n")[:12])
    extra = "".join(LIVE) + CRITIC
    (tmp_path / "a.txt").write_text(body + "\n" + extra + "\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(body.replace("2023", "2024") + "\n" + extra + "本年新增。\n", encoding="utf-8")
    return str(tmp_path / "a.txt"), str(tmp_path / "b.txt")


@pytest.mark.parametrize("plain", [False, True], ids=["html", "plain"])
def test_urls_and_addresses_in_report_text_do_not_become_links_on_github(capsys, linky_pair, plain):
    import cmarkgfm

    assert main(["diff", *linky_pair] + (["--plain"] if plain else [])) == 0
    md, _ = capsys.readouterr()
    assert "example.gov.cn" in md
    html = cmarkgfm.github_flavored_markdown_to_html(md)
    # the document's own links go to its parts (#anchors); report text must make no other link
    outside = re.findall(r'<a href="(?!#)[^"]*"', html)
    assert not outside, outside[:3]
    # and the text reads as written once rendered
    assert "fzb@example.gov.cn" in html.replace("\u2060", "") and "http://www.example.gov.cn" in html


def test_criticmarkup_in_report_text_is_not_a_mark_in_plain_output(capsys, linky_pair):
    assert main(["diff", *linky_pair, "--plain"]) == 0
    md, _ = capsys.readouterr()
    # the export's own marks are {--…--} / {++…++}; the report's text must not contain one
    quoted = [ln for ln in md.split("\n") if "删除" in ln or "标注" in ln]
    assert quoted
    for ln in quoted:
        assert "{--删除--}" not in ln and "{++新增++}" not in ln and "{==标注==}" not in ln


def test_a_nul_byte_in_a_name_is_one_line(capsys, pair):
    assert main(["diff", "a\x00b.txt", pair[1]]) == 2
    _, err = capsys.readouterr()
    one_line(err, "not a valid file name", "a\\x00b.txt")
    assert main(["diff", *pair, "-o", "out\x00.md"]) == 2
    _, err = capsys.readouterr()
    one_line(err, "not a valid file name")
