"""The ``reportdiff`` console script: ``diff`` runs headless, anything else opens the app."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``reportdiff`` command."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "diff":
        from compare.cli import run_diff

        return run_diff(args[1:])
    print("reportdiff: the app is not available yet; use 'reportdiff diff A B'", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
