"""The language of the interface: messages of the app and the command line, via gettext.

Catalogs live in ``compare/locale/<lang>/LC_MESSAGES/reportdiff.po`` (source, edited by hand
or with Babel: ``pybabel extract`` / ``update`` / ``compile``, see ``babel.cfg``) and the
compiled ``.mo`` next to it, which is what is loaded. English is the source language: its
messages are the msgids themselves.

Which language: ``--lang zh|en`` when given, otherwise the locale, read the way gettext reads
it (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``, first one set): Chinese when it names
``zh``, English for anything else (``C``, ``POSIX``, unset included).

This is the one piece of process-wide state of the package, like the C locale it stands in
for: ``use(lang)`` is called once by an entry point (the console script, the app factory) and
``_``/``ngettext`` translate with it. In ``compare`` only the one-line error messages
(loading, export files, the command line) go through it; the Markdown export's labels take
their language as an argument.
"""

from __future__ import annotations

import errno
import gettext as _gettext
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Literal

Language = Literal["zh", "en"]
LANGUAGES: tuple[Language, ...] = ("zh", "en")
DOMAIN = "reportdiff"
LOCALE_DIR = Path(__file__).with_name("locale")
_ENV_ORDER = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_active: _gettext.NullTranslations = _gettext.NullTranslations()
_active_lang: Language = "en"


def language_from_env(environ: Mapping[str, str] | None = None) -> Language:
    """``zh`` when the locale names Chinese, else ``en`` (gettext's order of variables)."""
    env = os.environ if environ is None else environ
    for name in _ENV_ORDER:
        value = env.get(name, "")
        if not value:
            continue
        # LANGUAGE may list several ("zh_CN:en"); the first decides
        first = value.split(":")[0].strip().lower()
        return "zh" if first.startswith("zh") else "en"
    return "en"


def language_from_args(argv: Sequence[str]) -> Language | None:
    """The value of ``--lang X`` / ``--lang=X`` in ``argv`` if it is a known language."""
    args = list(argv)
    for i, arg in enumerate(args):
        value = None
        if arg == "--lang" and i + 1 < len(args):
            value = args[i + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        if value in LANGUAGES:
            return value  # type: ignore[return-value]
    return None


def resolve(lang: str | None = None, environ: Mapping[str, str] | None = None) -> Language:
    """``lang`` if it is a known language, else what the locale says."""
    return lang if lang in LANGUAGES else language_from_env(environ)  # type: ignore[return-value]


def translation(lang: Language) -> _gettext.NullTranslations:
    """The catalog of ``lang`` (English: the messages as written)."""
    if lang == "en":
        return _gettext.NullTranslations()
    return _gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[lang], fallback=True)


def use(lang: str | None = None) -> Language:
    """Make ``lang`` (or the locale's language) the interface language; returns it."""
    global _active, _active_lang
    _active_lang = resolve(lang)
    _active = translation(_active_lang)
    return _active_lang


def current() -> Language:
    """The interface language in use."""
    return _active_lang


def _(message: str) -> str:
    """``message`` in the interface language."""
    return _active.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural message for ``n``, in the interface language."""
    return _active.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for extraction; translated later, where it is shown."""
    return message


# The system's reasons for a failed file operation, by errno, in the C library's English
# (glibc's strerror texts, so English output is unchanged); the Chinese follows glibc's zh_CN
# catalogue. An errno not listed keeps the system's own text.
OS_REASONS: dict[int, str] = {
    code: text
    for name, text in (
        ("ENOENT", N_("No such file or directory")),
        ("EACCES", N_("Permission denied")),
        ("EPERM", N_("Operation not permitted")),
        ("EISDIR", N_("Is a directory")),
        ("ENOTDIR", N_("Not a directory")),
        ("ENOSPC", N_("No space left on device")),
        ("EROFS", N_("Read-only file system")),
        ("EEXIST", N_("File exists")),
        ("ELOOP", N_("Too many levels of symbolic links")),
        ("ENAMETOOLONG", N_("File name too long")),
        ("EIO", N_("Input/output error")),
        ("EMFILE", N_("Too many open files")),
        ("EBUSY", N_("Device or resource busy")),
        ("EXDEV", N_("Invalid cross-device link")),
        ("EINVAL", N_("Invalid argument")),
        ("ENXIO", N_("No such device or address")),
        ("ENODEV", N_("No such device")),
        ("EFBIG", N_("File too large")),
        ("EDQUOT", N_("Disk quota exceeded")),
        ("ESTALE", N_("Stale file handle")),
        ("ENOMEM", N_("Cannot allocate memory")),
        ("ETIMEDOUT", N_("Connection timed out")),
    )
    if (code := getattr(errno, name, None)) is not None
}


def os_reason(exc: OSError) -> str:
    """Why a file operation failed, in the interface language (the system's text for an
    errno without a translation)."""
    known = OS_REASONS.get(exc.errno) if exc.errno is not None else None
    return _(known) if known else str(exc.strerror or exc)
