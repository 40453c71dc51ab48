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

from . import i18n
from .files import ExportExists, check_export_target, stream_error, write_all, write_export
from .i18n import N_, _
from .model import ReportError
from .pipeline import PairDiffs, compare_paths
from .sanitize import escape, replace_surrogates

EXIT_OK = 0
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it
STDOUT_NAMES = ("-", "/dev/stdout")  # -o - and -o /dev/stdout both mean standard output

DIFF_DESCRIPTION = N_("Compare two reports and print (or write) the comparison as Markdown, JSON or Word.")
DIFF_EPILOG = N_("""\
examples:
  reportdiff diff a.txt b.txt                      Markdown with Chinese labels, to stdout
  reportdiff diff a.txt b.txt --lang en -o out.md  English labels, written to out.md
  reportdiff diff a.txt b.txt --format json        the reportdiff/1 JSON (docs/json.md)
  reportdiff diff a.txt b.txt --format docx -o out.docx   a Word document
  reportdiff diff a.txt b.txt --no-text            the memo alone (one screen)

An existing output file is never overwritten without --force, and never one of the
compared reports. Exit status 2 on bad input or when the output cannot be written.""")


def build_diff_parser() -> argparse.ArgumentParser:
    """Argument parser of the ``diff`` sub-command."""
    p = argparse.ArgumentParser(
        prog="reportdiff diff",
        description=_(DIFF_DESCRIPTION),
        epilog=_(DIFF_EPILOG),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("a", help=_("first report (.txt .md .html .docx .pdf)"))
    p.add_argument("b", help=_("second report"))
    p.add_argument(
        "--format", choices=("md", "json", "docx"), default="md", help=_("output format (default: md; docx needs -o FILE)")
    )
    p.add_argument("-o", "--output", metavar="FILE", help=_("write to FILE instead of stdout ('-': stdout)"))
    p.add_argument("--force", action="store_true", help=_("overwrite FILE if it exists"))
    md = p.add_argument_group(_("Markdown and Word options"))
    md.add_argument("--only-changes", action="store_true", help=_("leave out identical sections and metrics"))
    md.add_argument(
        "--no-text",
        dest="text",
        action="store_false",
        help=_("the memo alone: reports, similarity, topic gaps, top changes, initiatives"),
    )
    md.add_argument(
        "--lang", choices=("zh", "en"), default="zh", help=_("language of the document's labels and of these messages (default: zh for the document)")
    )
    md.add_argument(
        "--script",
        choices=("original", "simplified"),
        default="original",
        help=_("quoted report text as written, or converted to simplified script (default: original)"),
    )
    md.add_argument(
        "--plain",
        action="store_true",
        help=_("Markdown without HTML: {--deleted--}{++inserted++}, {==shared==}").replace("%", "%%"),
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


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _write_stdout(text: str | bytes) -> int:
    """Write the export to standard output, every byte of it, or fail with one line (status 2).

    The bytes go to the descriptor with ``os.write`` until all are written: with
    PYTHONUNBUFFERED=1 a buffered write may stop short without an error.
    """
    out = sys.stdout
    if out is None:  # started with stdout closed (>&-)
        return _error(_("standard output is closed; give -o FILE"))
    # UTF-8 whatever the locale says; a Word document is bytes already
    data = text if isinstance(text, bytes) else replace_surrogates(text).encode("utf-8")
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


def render(args: argparse.Namespace, comparison) -> str | bytes:
    """The export for parsed ``diff`` arguments (bytes for a Word document).

    Each format imports only its own writer: a JSON run never loads the document builder,
    a Markdown run never loads python-docx. The run owns the pairs' text differences.
    """
    diffs = PairDiffs(comparison)
    if args.format == "json":
        from .export_json import dumps_json

        return dumps_json(comparison, pair_diffs=diffs)
    from .export_markdown import MarkdownOptions, to_markdown

    opts = MarkdownOptions(
        lang=args.lang, script=args.script, text=args.text, only_changes=args.only_changes, plain=args.plain
    )
    if args.format == "docx":
        from .export_docx import to_docx

        return to_docx(comparison, opts.doc(), diffs)
    return to_markdown(comparison, opts, pair_diffs=diffs)


def run_diff(argv: Sequence[str]) -> int:
    """Run ``reportdiff diff``; returns the exit status."""
    i18n.use(i18n.language_from_args(argv))  # --lang also sets the language of the messages
    return _guarded(_run_diff, build_diff_parser().parse_args(list(argv)))


def _guarded(run, args: argparse.Namespace) -> int:
    """Run a sub-command with Ctrl-C, SIGTERM and SIGHUP turned into one line and a status."""
    try:
        with signals_as_exceptions():
            return run(args)
    except KeyboardInterrupt:
        return _error(_("interrupted"), EXIT_INTERRUPTED)
    except Signalled as s:
        return _error(_("stopped by {signal}").format(signal=signal.Signals(s.signum).name), 128 + s.signum)


def _run_diff(args: argparse.Namespace) -> int:
    to_file = args.output is not None and args.output not in STDOUT_NAMES
    inputs = (args.a, args.b)
    if args.format == "docx" and not to_file and _is_terminal(sys.stdout):
        return _error(_("a Word document is binary and is not printed to the terminal: write it with -o FILE.docx"))
    with _reported() as failed:
        if to_file:  # refuse before the comparison, not after it
            check_export_target(args.output, force=args.force, inputs=inputs)
        comparison = compare_paths(args.a, args.b)
        text = render(args, comparison)
        if not to_file:
            return _write_stdout(text)
        write_export(args.output, text, force=args.force, inputs=inputs)
    return failed.status


class _Outcome:
    status = EXIT_OK


@contextlib.contextmanager
def _reported() -> Iterator[_Outcome]:
    """Bad input and refused exports become one line on stderr and status 2 (``.status``)."""
    outcome = _Outcome()
    try:
        yield outcome
    except ExportExists as exc:
        outcome.status = _error(_("{error} (use --force to overwrite it)").format(error=exc))
    except ReportError as exc:
        outcome.status = _error(str(exc))


# --------------------------------------------------------------------------- series

SERIES_DESCRIPTION = (
    "Compare a series of one government's reports (files or a folder), ordered by the year "
    "reported on: figures, topics, programmes and chapters over time."
)
SERIES_EPILOG = """\
examples:
  reportdiff series reports/                       Markdown of every report in the folder, to stdout
  reportdiff series r2021.txt r2022.txt r2023.txt -o series.md
                                                   written to series.md, chart to series.figures.png
  reportdiff series reports/ --format json         the reportdiff-series/1 JSON (docs/series.md)
  reportdiff series reports/ --format docx -o s.docx

An existing output file is never overwritten without --force, and never one of the reports.
Exit status 2 on bad input or when the output cannot be written."""


def build_series_parser() -> argparse.ArgumentParser:
    """Argument parser of the ``series`` sub-command."""
    p = argparse.ArgumentParser(
        prog="reportdiff series",
        description=SERIES_DESCRIPTION,
        epilog=SERIES_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("reports", nargs="+", metavar="REPORT", help="report files or folders of reports")
    p.add_argument("--format", choices=("md", "json", "docx"), default="md", help="output format (default: md)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout ('-': stdout)")
    p.add_argument("--force", action="store_true", help="overwrite FILE (and its chart) if they exist")
    p.add_argument(
        "--lang", choices=("zh", "en"), default="zh", help="language of the document's labels (default: zh)"
    )
    p.add_argument("--no-chart", dest="chart", action="store_false", help="no figures chart beside the document")
    return p


def run_series(argv: Sequence[str]) -> int:
    """Run ``reportdiff series``; returns the exit status."""
    return _guarded(_run_series, build_series_parser().parse_args(list(argv)))


def _run_series(args: argparse.Namespace) -> int:
    from .series import open_series, series_paths
    from .series_docx import chart_path_for, figures_chart_png, to_series_docx
    from .series_export import dumps_series_json, to_series_markdown

    to_file = args.output is not None and args.output not in STDOUT_NAMES
    with _reported() as failed:
        inputs = tuple(str(p) for p in series_paths(args.reports))
        if args.format == "docx" and not to_file:
            return _error(_("a Word document needs an output file: add -o FILE.docx"))
        chart_to = chart_path_for(args.output) if to_file and args.format == "md" and args.chart else None
        if to_file:  # refuse before the comparisons, not after them
            check_export_target(args.output, force=args.force, inputs=inputs)
            if chart_to is not None:
                check_export_target(chart_to, force=args.force, inputs=inputs)
        series = open_series(args.reports)
        _series_notes(series)
        if args.format == "json":
            return _write_stdout(dumps_series_json(series)) if not to_file else _write_file(
                args.output, dumps_series_json(series), args.force, inputs
            )
        if args.format == "docx":
            png = figures_chart_png(series) if args.chart else None
            write_export(args.output, to_series_docx(series, args.lang, png), force=args.force, inputs=inputs)
            return EXIT_OK
        png = figures_chart_png(series) if chart_to is not None else None
        text = to_series_markdown(series, args.lang, chart=chart_to.name if png else None)
        if not to_file:
            return _write_stdout(text)
        if png:
            write_export(chart_to, png, force=args.force, inputs=inputs)
        write_export(args.output, text, force=args.force, inputs=inputs)
    return failed.status


def _series_notes(series) -> None:
    """What the user should know about the series' input (stderr; the output stays clean)."""
    if series.skipped:
        _error(_("note: left out: {names}").format(names=', '.join(series.skipped)))
    orgs = sorted({r.meta.organization for r in series.reports if r.meta.organization})
    if len(orgs) > 1:
        _error(_("note: reports of {count} organisations: {names}").format(count=len(orgs), names=', '.join(orgs)))


def _write_file(path: str, text: str, force: bool, inputs: Sequence[str]) -> int:
    write_export(path, text, force=force, inputs=inputs)
    return EXIT_OK
