"""The headless command line: ``reportdiff diff A B [--format md|json] [-o FILE] ...``.

Exit status: 0 on success, 2 for bad input or an export that cannot be written (one line
``reportdiff: …`` on stderr, never a traceback; argparse's usage errors are 2 as well).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from . import i18n
from .export_json import dumps_json
from .export_markdown import MarkdownOptions, clean_text, to_markdown
from .files import ExportExists, check_export_target, write_export
from .i18n import N_, _
from .model import ReportError
from .pipeline import compare_paths

EXIT_OK = 0
EXIT_BAD_INPUT = 2

DIFF_DESCRIPTION = N_("Compare two reports and print (or write) the comparison as Markdown or JSON.")
DIFF_EPILOG = N_("""\
examples:
  reportdiff diff a.txt b.txt                      Markdown with Chinese labels, to stdout
  reportdiff diff a.txt b.txt --lang en -o out.md  English labels, written to out.md
  reportdiff diff a.txt b.txt --format json        the reportdiff/1 JSON (docs/json.md)

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
    p.add_argument("--format", choices=("md", "json"), default="md", help=_("output format (default: md)"))
    p.add_argument("-o", "--output", metavar="FILE", help=_("write to FILE instead of stdout ('-': stdout)"))
    p.add_argument("--force", action="store_true", help=_("overwrite FILE if it exists"))
    md = p.add_argument_group(_("Markdown options"))
    md.add_argument("--only-changes", action="store_true", help=_("leave out identical sections and metrics"))
    md.add_argument(
        "--no-text", dest="text", action="store_false", help=_("summary, initiatives and metrics only")
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
        "--plain", action="store_true", help=_("no HTML: mark differences as {--deleted--}{++inserted++}").replace("%", "%%")
    )
    return p


def _error(message: str) -> int:
    # a file name may hold line breaks or escape sequences: one clean line, always
    message = clean_text(message).replace("\n", " ")
    print(f"reportdiff: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _write_stdout(text: str) -> int:
    out = sys.stdout
    try:
        buffer = getattr(out, "buffer", None)
        if buffer is not None:  # UTF-8 whatever the locale says; Chinese must not become '?'
            out.flush()
            buffer.write(text.encode("utf-8"))
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
    i18n.use(i18n.language_from_args(argv))  # --lang also sets the language of the messages
    args = build_diff_parser().parse_args(list(argv))
    to_file = args.output not in (None, "-")
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
        return _error(_("{error} (use --force to overwrite it)").format(error=exc))
    except ReportError as exc:
        return _error(str(exc))
    return EXIT_OK
