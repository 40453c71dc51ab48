"""The ``reportdiff`` console script: ``diff`` runs headless, anything else opens the app."""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Sequence

from reportdiff.compare import i18n
from reportdiff.compare.i18n import _


def usage() -> str:
    return _(
        "usage: reportdiff [--lang zh|en]           the app, on the bundled sample reports\n"
        "       reportdiff [--lang zh|en] DIR       the app, choosing reports from DIR\n"
        "       reportdiff [--lang zh|en] FILE      the app, with FILE chosen as report A\n"
        "       reportdiff [--lang zh|en] A B       the app, comparing A and B\n"
        "       reportdiff diff A B ...             headless comparison as Markdown, JSON or Word (reportdiff diff -h)\n"
        "       reportdiff series R1 R2 …           one government across the years (reportdiff series -h)\n"
        "       reportdiff --version                the installed version\n"
        "\n"
        "--lang sets the language of the interface; without it the locale decides\n"
        "(LANGUAGE, LC_ALL, LC_MESSAGES, LANG): Chinese when it names zh, English otherwise."
    )


def _app_args(args: list[str]) -> tuple[list[str], str | None] | str:
    """The paths and ``--lang`` of an app command line, or what is wrong with it."""
    paths: list[str] = []
    lang: str | None = None
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--lang" or arg.startswith("--lang="):
            value = args[i + 1] if arg == "--lang" and i + 1 < len(args) else arg.partition("=")[2]
            if value not in i18n.LANGUAGES:
                return _("--lang takes zh or en, not {value!r}").format(value=value)
            lang = value
            i += 2 if arg == "--lang" else 1
            continue
        if arg.startswith("-") and arg != "-":
            # the options of a headless comparison given to the app: say where they belong
            return _("unknown option {option}; for Markdown, JSON or Word output: reportdiff diff A B {option} …").format(
                option=arg.partition("=")[0])
        paths.append(arg)
        i += 1
    return (paths, lang) if len(paths) <= 2 else _("give at most two reports")


EXIT_INTERRUPTED = 130


def _interrupted() -> int:
    if sys.stderr is not None:
        try:
            sys.stderr.write("reportdiff: interrupted\n")
        except (OSError, ValueError):
            pass
    return EXIT_INTERRUPTED


def run_app(app, **run_options) -> tuple[int, bool]:
    """Run the Textual app; (its exit status, whether worker threads are still running).

    The app's thread workers run on this loop's executor. When the app ends (``q``, a crash)
    a worker may still be inside a long computation that cannot be interrupted; asyncio.run
    would wait for it (seconds, or minutes on hostile input), so the loop is our own and the
    executor is shut down without waiting.
    """
    # imported here, not at the top: a headless run never needs them (50-100 ms of imports)
    import asyncio
    import contextlib
    import functools
    from concurrent.futures import ThreadPoolExecutor

    loop = asyncio.new_event_loop()
    executor = ThreadPoolExecutor(thread_name_prefix="reportdiff-worker")
    loop.set_default_executor(executor)
    for name in ("SIGTERM", "SIGHUP"):  # end like q does, with the shell's status for the signal
        signum = getattr(signal, name, None)
        if signum is not None:
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(signum, functools.partial(app.exit, return_code=128 + signum))
    try:
        app.run(loop=loop, **run_options)
    finally:
        try:  # what asyncio.run does at the end, except waiting for the executor's threads
            tasks = [t for t in asyncio.all_tasks(loop) if not t.done()]
            for task in tasks:
                task.cancel()
            if tasks:
                loop.run_until_complete(asyncio.gather(*tasks, return_exceptions=True))
            loop.run_until_complete(loop.shutdown_asyncgens())
        finally:
            executor.shutdown(wait=False, cancel_futures=True)
            loop.close()
    busy = any(t.is_alive() for t in getattr(executor, "_threads", ()))
    status = app.return_code
    return (status if status is not None else 0), busy


def _say(text: str, stream=None) -> int:
    """Print ``text``; 0, or 1 when the reader has gone (``reportdiff --help | head -1``)."""
    stream = sys.stdout if stream is None else stream
    try:
        print(text, file=stream)
        stream.flush()
    except BrokenPipeError:
        # Python would report the closed pipe again when it flushes at exit: point the stream
        # at /dev/null first, as the signal module's documentation advises
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), stream.fileno())
        return 1
    except (OSError, ValueError):
        return 1
    return 0


def _exit_now(status: int) -> None:
    """End the process at once, leaving worker threads behind (the screen is restored) but no
    half-written export."""
    from reportdiff.compare.files import remove_unfinished_exports

    remove_unfinished_exports()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(status)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``reportdiff`` command."""
    try:
        return _main(argv)
    except KeyboardInterrupt:  # Ctrl-C while starting up or in a headless run
        return _interrupted()


def _lang_after_command(args: list[str]) -> list[str]:
    """``--lang X diff …`` (or ``series``) as ``diff --lang X …``: the command takes the option."""
    n = 1 if args[:1] and args[0].startswith("--lang=") else 2 if args[:1] == ["--lang"] else 0
    if n and args[n : n + 1] in (["diff"], ["series"]):
        return [args[n], *args[:n], *args[n + 1 :]]
    return args


def _main(argv: Sequence[str] | None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    i18n.use(i18n.language_from_args(args))
    args = _lang_after_command(args)
    if args and args[0] == "diff":
        from reportdiff.compare.cli import run_diff

        return run_diff(args[1:])
    if args and args[0] == "series":
        from reportdiff.compare.cli import run_series

        return run_series(args[1:])
    if args and args[0] in ("-V", "--version"):
        from importlib.metadata import PackageNotFoundError, version

        try:
            return _say(f"reportdiff {version('reportdiff')}")
        except PackageNotFoundError:
            return _say("reportdiff (version unknown: not installed as a package)")
    if args[:1] == ["help"] or any(a in ("-h", "--help") for a in args):
        return _say(usage())
    parsed = _app_args(args)
    if isinstance(parsed, str):
        _say(usage(), sys.stderr)
        _say("reportdiff: " + _("error: {reason}").format(reason=parsed), sys.stderr)
        return 2
    paths, lang = parsed
    from .app import make_app  # Textual loads only when the app is wanted

    try:
        status, busy = run_app(make_app(paths, lang=lang))
    except KeyboardInterrupt:
        status, busy = _interrupted(), True
    if busy and threading.current_thread() is threading.main_thread() and argv is None:
        _exit_now(status)  # a worker thread would keep the process alive: do not wait for it
    return status


if __name__ == "__main__":
    sys.exit(main())
