"""The headless command line: ``reportdiff diff A B [--format md|json] [-o FILE] ...``.

Exit status: 0 on success, 2 for bad input or an export that cannot be written (one line
``reportdiff: …`` on stderr, never a traceback; argparse's usage errors are 2 as well);
130 after Ctrl-C, 128 + N after signal N (SIGTERM, SIGHUP), with one line too. A signal
during ``-o FILE`` leaves no temporary file: it is raised as an exception, and the writer's
clean-up runs.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
from collections.abc import Iterator, Sequence

from .export_json import dumps_json
from .export_markdown import MarkdownOptions, to_markdown
from .files import ExportExists, check_export_target, stream_error, write_all, write_export
from .model import ReportError
from .sanitize import escape, replace_surrogates
from .pipeline import compare_paths

EXIT_OK = 0
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it
STDOUT_NAMES = ("-", "/dev/stdout")  # -o - and -o /dev/stdout both mean standard output

DIFF_DESCRIPTION = "Compare two reports and print (or write) the comparison as Markdown or JSON."
DIFF_EPILOG = """\
examples:
  reportdiff diff a.txt b.txt                      Markdown with Chinese labels, to stdout
  reportdiff diff a.txt b.txt --lang en -o out.md  English labels, written to out.md
  reportdiff diff a.txt b.txt --format json        the reportdiff/1 JSON (docs/json.md)

An existing output file is never overwritten without --force, and never one of the
compared reports. Exit status 2 on bad input or when the output cannot be written."""


def build_diff_parser() -> argparse.ArgumentParser:
    """Argument parser of the ``diff`` sub-command."""
    p = argparse.ArgumentParser(
        prog="reportdiff diff",
        description=DIFF_DESCRIPTION,
        epilog=DIFF_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("a", help="first report (.txt .md .html .docx .pdf)")
    p.add_argument("b", help="second report")
    p.add_argument("--format", choices=("md", "json"), default="md", help="output format (default: md)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout ('-': stdout)")
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    md = p.add_argument_group("Markdown options")
    md.add_argument("--only-changes", action="store_true", help="leave out identical sections and metrics")
    md.add_argument(
        "--no-text", dest="text", action="store_false", help="summary, initiatives and metrics only"
    )
    md.add_argument(
        "--lang", choices=("zh", "en"), default="zh", help="language of the document's labels (default: zh)"
    )
    md.add_argument(
        "--script",
        choices=("original", "simplified"),
        default="original",
        help="quoted report text as written, or converted to simplified script (default: original)",
    )
    md.add_argument(
        "--plain", action="store_true", help="no HTML: mark differences as {--deleted--}{++inserted++}"
    )
    return p


def _error(message: str, status: int = EXIT_BAD_INPUT) -> int:
    """One line on stderr (escape sequences and line breaks in file names shown escaped)."""
    err = sys.stderr
    if err is not None:  # closed stderr (2>&-): the status alone must tell
        with contextlib.suppress(OSError, ValueError):
            err.write(f"reportdiff: {escape(message)}\n")
            err.flush()
    return status


def _quiet_stdout() -> None:
    """Point a dead standard output at /dev/null, so the interpreter's flush at exit is silent."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _write_stdout(text: str) -> int:
    """Write the export to standard output, every byte of it, or fail with one line (status 2).

    The bytes go to the descriptor with ``os.write`` until all are written: with
    PYTHONUNBUFFERED=1 a buffered write may stop short without an error.
    """
    out = sys.stdout
    if out is None:  # started with stdout closed (>&-)
        return _error("standard output is closed; give -o FILE")
    data = replace_surrogates(text).encode("utf-8")  # UTF-8 whatever the locale says
    try:
        try:
            fd = out.fileno()
        except (OSError, ValueError, AttributeError):
            fd = None  # not a real file (captured output): its own write
        if fd is None:
            buffer = getattr(out, "buffer", None)
            if buffer is not None:
                buffer.write(data)
                buffer.flush()
            else:
                out.write(data.decode("utf-8"))
                out.flush()
        else:
            out.flush()
            write_all(fd, data)
    except BrokenPipeError:
        # the reader went away (reportdiff diff … | head); stop quietly
        _quiet_stdout()
        return 1
    except OSError as exc:
        _quiet_stdout()
        return _error(stream_error("standard output", exc))
    return EXIT_OK


class Signalled(BaseException):
    """SIGTERM or SIGHUP arrived: unwinds like KeyboardInterrupt, so clean-ups run."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_signalled(signum: int, frame) -> None:
    raise Signalled(signum)


@contextlib.contextmanager
def signals_as_exceptions() -> Iterator[None]:
    """While inside, SIGTERM and SIGHUP raise ``Signalled`` (main thread only; restored after)."""
    saved: list[tuple[int, object]] = []
    try:
        for name in ("SIGTERM", "SIGHUP"):
            signum = getattr(signal, name, None)
            if signum is None:
                continue
            try:
                saved.append((signum, signal.signal(signum, _raise_signalled)))
            except (ValueError, OSError):  # not the main thread, or not allowed here
                pass
        yield
    finally:
        for signum, handler in saved:
            with contextlib.suppress(ValueError, OSError, TypeError):
                signal.signal(signum, handler)


def render(args: argparse.Namespace, comparison) -> str:
    """The export text for parsed ``diff`` arguments."""
    if args.format == "json":
        return dumps_json(comparison)
    opts = MarkdownOptions(
        lang=args.lang, script=args.script, text=args.text, only_changes=args.only_changes, plain=args.plain
    )
    return to_markdown(comparison, opts)


def run_diff(argv: Sequence[str]) -> int:
    """Run ``reportdiff diff``; returns the exit status."""
    args = build_diff_parser().parse_args(list(argv))
    try:
        with signals_as_exceptions():
            return _run_diff(args)
    except KeyboardInterrupt:
        return _error("interrupted", EXIT_INTERRUPTED)
    except Signalled as s:
        return _error(f"stopped by {signal.Signals(s.signum).name}", 128 + s.signum)


def _run_diff(args: argparse.Namespace) -> int:
    to_file = args.output is not None and args.output not in STDOUT_NAMES
    inputs = (args.a, args.b)
    try:
        if to_file:  # refuse before the comparison, not after it
            check_export_target(args.output, force=args.force, inputs=inputs)
        comparison = compare_paths(args.a, args.b)
        text = render(args, comparison)
        if not to_file:
            return _write_stdout(text)
        write_export(args.output, text, force=args.force, inputs=inputs)
    except ExportExists as exc:
        return _error(f"{exc} (use --force to overwrite it)")
    except ReportError as exc:
        return _error(str(exc))
    return EXIT_OK
