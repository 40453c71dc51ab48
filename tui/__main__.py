"""The ``reportdiff`` console script: ``diff`` runs headless, anything else opens the app."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from compare import i18n
from compare.i18n import _


def usage() -> str:
    return _(
        "usage: reportdiff [--lang zh|en]           the app, on the bundled sample reports\n"
        "       reportdiff [--lang zh|en] DIR       the app, choosing reports from DIR\n"
        "       reportdiff [--lang zh|en] FILE      the app, with FILE chosen as report A\n"
        "       reportdiff [--lang zh|en] A B       the app, comparing A and B\n"
        "       reportdiff diff A B ...             headless comparison as Markdown or JSON (reportdiff diff -h)\n"
        "\n"
        "--lang sets the language of the interface; without it the locale decides\n"
        "(LANGUAGE, LC_ALL, LC_MESSAGES, LANG): Chinese when it names zh, English otherwise."
    )


def _app_args(args: list[str]) -> tuple[list[str], str | None] | None:
    """The paths and ``--lang`` of an app command line; None when it is not one."""
    paths: list[str] = []
    lang: str | None = None
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--lang" or arg.startswith("--lang="):
            value = args[i + 1] if arg == "--lang" and i + 1 < len(args) else arg.partition("=")[2]
            if value not in i18n.LANGUAGES:
                return None
            lang = value
            i += 2 if arg == "--lang" else 1
            continue
        if arg.startswith("-") and arg != "-":
            return None
        paths.append(arg)
        i += 1
    return (paths, lang) if len(paths) <= 2 else None


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``reportdiff`` command."""
    args = list(sys.argv[1:] if argv is None else argv)
    i18n.use(i18n.language_from_args(args))
    if args and args[0] == "diff":
        from compare.cli import run_diff

        return run_diff(args[1:])
    if args[:1] == ["help"] or any(a in ("-h", "--help") for a in args):
        print(usage())
        return 0
    parsed = _app_args(args)
    if parsed is None:
        print(usage(), file=sys.stderr)
        return 2
    paths, lang = parsed
    from .app import make_app  # Textual loads only when the app is wanted

    app = make_app(paths, lang=lang)
    app.run()
    return app.return_code or 0


if __name__ == "__main__":
    sys.exit(main())
