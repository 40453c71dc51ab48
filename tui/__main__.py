"""The ``reportdiff`` console script: ``diff`` runs headless, anything else opens the app."""

from __future__ import annotations

import sys
from collections.abc import Sequence

USAGE = """\
usage: reportdiff                 the app, on the bundled sample reports
       reportdiff DIR             the app, choosing reports from DIR
       reportdiff FILE            the app, with FILE chosen as report A
       reportdiff A B             the app, comparing A and B
       reportdiff diff A B ...    headless comparison as Markdown, JSON or Word (reportdiff diff -h)
       reportdiff series R1 R2 …  headless comparison of a series of reports (reportdiff series -h)
       reportdiff --version       the installed version"""


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``reportdiff`` command."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "diff":
        from compare.cli import run_diff

        return run_diff(args[1:])
    if args and args[0] == "series":
        from compare.cli import run_series

        return run_series(args[1:])
    if args and args[0] in ("-V", "--version"):
        from importlib.metadata import PackageNotFoundError, version

        try:
            print(f"reportdiff {version('reportdiff')}")
        except PackageNotFoundError:
            print("reportdiff (version unknown: not installed as a package)")
        return 0
    if args and args[0] in ("-h", "--help", "help"):
        print(USAGE)
        return 0
    if len(args) > 2 or any(a.startswith("-") and a != "-" for a in args):
        print(USAGE, file=sys.stderr)
        return 2
    from .app import make_app  # Textual loads only when the app is wanted

    make_app(args).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
