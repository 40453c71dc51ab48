"""The headless command line: ``reportdiff diff A B --format json|md``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from .export_json import to_json
from .model import ReportError
from .pipeline import compare_paths

EXIT_BAD_INPUT = 2


def build_diff_parser() -> argparse.ArgumentParser:
    """Argument parser of the ``diff`` sub-command."""
    p = argparse.ArgumentParser(
        prog="reportdiff diff",
        description="Compare two reports and print the comparison as JSON or Markdown.",
    )
    p.add_argument("a", help="first report (.txt .md .html .docx .pdf)")
    p.add_argument("b", help="second report")
    p.add_argument("--format", choices=("json", "md"), default="md", help="output format")
    return p


def run_diff(argv: Sequence[str]) -> int:
    """Run ``reportdiff diff``; returns the exit status."""
    args = build_diff_parser().parse_args(argv)
    try:
        comparison = compare_paths(args.a, args.b)
    except ReportError as exc:
        print(f"reportdiff: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.format == "json":
        out = json.dumps(to_json(comparison), ensure_ascii=False, indent=2)
    else:
        raise SystemExit("reportdiff: Markdown output is not available yet")
    sys.stdout.write(out + "\n")
    return 0
