"""The headless command line: ``reportdiff diff A B [--format md|json] [-o FILE] ...``.

Exit status: 0 on success, 2 for bad input or an export that cannot be written (one line
``reportdiff: …`` on stderr, never a traceback; argparse's usage errors are 2 as well).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from .export_json import dumps_json
from .export_markdown import MarkdownOptions, clean_text, to_markdown
from .files import ExportExists, check_export_target, write_export
from .model import ReportError
from .pipeline import compare_paths

EXIT_OK = 0
EXIT_BAD_INPUT = 2

DIFF_DESCRIPTION = "Compare two reports and print (or write) the comparison as Markdown, JSON or Word."
DIFF_EPILOG = """\
examples:
  reportdiff diff a.txt b.txt                      Markdown with Chinese labels, to stdout
  reportdiff diff a.txt b.txt --lang en -o out.md  English labels, written to out.md
  reportdiff diff a.txt b.txt --format json        the reportdiff/1 JSON (docs/json.md)
  reportdiff diff a.txt b.txt --format docx -o out.docx   a Word document
  reportdiff diff a.txt b.txt --no-text            the memo alone (one screen)

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
    p.add_argument("--format", choices=("md", "json", "docx"), default="md", help="output format (default: md; docx needs -o FILE)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout ('-': stdout)")
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    md = p.add_argument_group("Markdown and Word options")
    md.add_argument("--only-changes", action="store_true", help="leave out identical sections and metrics")
    md.add_argument(
        "--no-text", dest="text", action="store_false", help="the memo alone: reports, similarity, topic gaps, top changes, initiatives"
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
        "--plain", action="store_true", help="Markdown without HTML: {--deleted--}{++inserted++}, {==shared==}"
    )
    return p


def _error(message: str) -> int:
    # a file name may hold line breaks or escape sequences: one clean line, always
    message = clean_text(message).replace("\n", " ")
    print(f"reportdiff: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _write_stdout(text: str | bytes) -> int:
    out = sys.stdout
    try:
        buffer = getattr(out, "buffer", None)
        if isinstance(text, bytes) and buffer is None:
            return _error("cannot write a Word document to this output: use -o FILE.docx")
        if buffer is not None:  # UTF-8 whatever the locale says; Chinese must not become '?'
            out.flush()
            buffer.write(text if isinstance(text, bytes) else text.encode("utf-8"))
            buffer.flush()
        else:
            out.write(text)
            out.flush()
    except BrokenPipeError:
        # the reader went away (reportdiff diff … | head); stop quietly
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, out.fileno())
        except (OSError, ValueError):
            pass
        return 1
    return EXIT_OK


def render(args: argparse.Namespace, comparison) -> str | bytes:
    """The export for parsed ``diff`` arguments (bytes for a Word document)."""
    if args.format == "json":
        return dumps_json(comparison)
    opts = MarkdownOptions(
        lang=args.lang, script=args.script, text=args.text, only_changes=args.only_changes, plain=args.plain
    )
    if args.format == "docx":
        from .export_docx import to_docx

        return to_docx(comparison, opts.doc())
    return to_markdown(comparison, opts)


def run_diff(argv: Sequence[str]) -> int:
    """Run ``reportdiff diff``; returns the exit status."""
    args = build_diff_parser().parse_args(list(argv))
    to_file = args.output not in (None, "-")
    inputs = (args.a, args.b)
    if args.format == "docx" and not to_file and _is_terminal(sys.stdout):
        return _error("a Word document is binary and is not printed to the terminal: write it with -o FILE.docx")
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
    from .series import open_series, series_paths
    from .series_docx import chart_path_for, figures_chart_png, to_series_docx
    from .series_export import dumps_series_json, to_series_markdown

    args = build_series_parser().parse_args(list(argv))
    to_file = args.output not in (None, "-")
    try:
        inputs = tuple(str(p) for p in series_paths(args.reports))
        if args.format == "docx" and not to_file:
            return _error("a Word document needs an output file: add -o FILE.docx")
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
    except ExportExists as exc:
        return _error(f"{exc} (use --force to overwrite it)")
    except ReportError as exc:
        return _error(str(exc))
    return EXIT_OK


def _series_notes(series) -> None:
    """What the user should know about the series' input (stderr; the output stays clean)."""
    if series.skipped:
        names = ", ".join(series.skipped)
        print(clean_text(f"reportdiff: note: left out: {names}").replace("\n", " "), file=sys.stderr)
    orgs = sorted({r.meta.organization for r in series.reports if r.meta.organization})
    if len(orgs) > 1:
        print(clean_text(f"reportdiff: note: reports of {len(orgs)} organisations: {', '.join(orgs)}").replace("\n", " "), file=sys.stderr)


def _write_file(path: str, text: str, force: bool, inputs: Sequence[str]) -> int:
    write_export(path, text, force=force, inputs=inputs)
    return EXIT_OK
