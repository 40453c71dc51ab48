"""The one sanitiser: what may reach a screen, a terminal or an export file.

Report text and file names are untrusted. A report may contain ESC, CSI (``\\x9b``), OSC,
bidirectional overrides or lone surrogates (from UTF-7, ``unicode_escape`` or a broken PDF font
map); a file name may contain all of those and bytes that are not UTF-8 at all (Python holds
them as the surrogates U+DC80..U+DCFF, PEP 383). None of that may drive a terminal, reorder
what a reader sees, or make an encoder raise.

Two ways to make a string safe, for two uses:

* ``clean`` — for report text: every unsafe character becomes U+FFFD *one for one*, so offsets
  into the text stay valid (highlights, search hits). Line breaks are kept.
* ``escape`` — for names and messages (file names, error lines): every unsafe character is shown
  as a visible escape (``\\x1b``, ``\\u202e``; a non-UTF-8 byte of a file name as ``\\xff``), on
  one line. ``show_path`` does this for a path, whatever type it comes as.

Unsafe means: C0 controls, DEL, C1 controls, the bidirectional embeddings, overrides and
isolates (Unicode UAX #9: U+202A..U+202E, U+2066..U+2069, the characters of the "Trojan
Source" attack, CVE-2021-42574), the line and paragraph separators, and surrogates (never valid on their own).
Tab and line feed are safe in ``clean`` (tab optionally becomes a space); ``escape`` allows
neither. Both functions are idempotent: their output contains no unsafe character.
"""

from __future__ import annotations

import os
import re

# C0 controls other than \t and \n, DEL, C1 controls (NEL \x85 included)
_C0_C1 = "\x00-\x08\x0b-\x1f\x7f-\x9f"
# bidi embeddings/overrides, isolates and marks; line and paragraph separators
_BIDI_ETC = "\u202a-\u202e\u2066-\u2069\u2028\u2029"
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_SURROGATES = "\ud800-\udfff"

_UNSAFE_TEXT = re.compile(f"[{_C0_C1}{_BIDI_ETC}{_SURROGATES}]")
_UNSAFE_LINE = re.compile(f"[\t\n{_C0_C1}{_BIDI_ETC}{_SURROGATES}]")
_SURROGATE = re.compile(f"[{_SURROGATES}]")
_LINE_BREAKS = re.compile(r"\r\n|[\n\r\x85\u2028\u2029]")

REPLACEMENT = "\ufffd"


def clean(text: str, *, tab: str = "\t", keep: str = "") -> str:
    """Report text safe to show or write: unsafe characters become U+FFFD, one for one.

    Line feeds stay; ``tab`` is what a tab becomes (one character, so lengths never change);
    ``keep`` names unsafe characters to leave alone (the loader keeps ``\r`` and the bidi
    controls, which its line splitting and normalisation handle themselves).
    """
    if len(tab) != 1:
        raise ValueError("tab must be one character")
    if keep:
        out = _UNSAFE_TEXT.sub(lambda m: m.group() if m.group() in keep else REPLACEMENT, text)
    else:
        out = _UNSAFE_TEXT.sub(REPLACEMENT, text)
    return out if tab == "\t" else out.replace("\t", tab)


def clean_lines(text: str) -> str:
    """``clean``, after turning every kind of line break (CR LF, CR, NEL, U+2028/9) into LF."""
    return clean(_LINE_BREAKS.sub("\n", text))


def replace_surrogates(text: str) -> str:
    """Lone surrogates (never valid text) as U+FFFD, one for one; everything else kept."""
    return _SURROGATE.sub(REPLACEMENT, text)


def _visible(m: re.Match[str]) -> str:
    ch = m.group()
    code = ord(ch)
    if ch in "\t\n":
        return " "
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def escape(text: str) -> str:
    """One line safe for a terminal: unsafe characters as visible escapes (``\\x1b``, ``\\u202e``).

    Tabs and line breaks become spaces; a non-UTF-8 byte of a file name (U+DC80..U+DCFF, as
    ``os.fsdecode`` gives it) is shown as the byte, ``\\xff``.
    """
    return _UNSAFE_LINE.sub(_visible, _LINE_BREAKS.sub(" ", text))


def show_path(path: str | bytes | os.PathLike[str] | os.PathLike[bytes]) -> str:
    """A file name as it may be shown anywhere (message, screen, export): ``escape``'d."""
    raw = os.fspath(path)
    name = os.fsdecode(raw) if isinstance(raw, bytes) else raw
    return escape(name)


def is_safe(text: str) -> bool:
    """Whether ``text`` holds nothing ``clean`` would replace."""
    return _UNSAFE_TEXT.search(text) is None


def safe_file_name(text: str | None, limit: int = 24) -> str:
    """A fragment for a suggested file name: no unsafe characters, no path or shell-special
    characters, no white space; at most ``limit`` characters."""
    s = _UNSAFE_LINE.sub("", text or "")
    s = re.sub(r"[/\\:*?\"<>|\s]+", "", s)
    return s[:limit]


# --------------------------------------------------------------------------- Markdown

# GitHub-flavoured Markdown's extended autolinks (cmark-gfm, extensions/autolink.c): a scheme
# before "://", "www." and e-mail addresses become links in plain text. A backslash before the
# ":" or the "." stops the first two; e-mail addresses are recognised after escapes are
# resolved, so the only way to keep one plain text is a character between its parts that is
# not text to the matcher: U+2060 WORD JOINER (invisible, and no line break opportunity).
_SCHEME_COLON = re.compile(r"(?i)(?<=[a-z0-9])(:)(?=//)")
_WWW_DOT = re.compile(r"(?i)(?<![a-z0-9])(www)\.")
_MAIL_AT = re.compile(r"(?i)(?<=[a-z0-9._+\-])@(?=\\?[a-z0-9_\-])")
# CriticMarkup's openers and closers ({--, {++, {==, --}, ++}, ==}; {~~ ~> ~~} {>> <<} hold
# characters the Markdown escaping already backslashes): a backslash between the brace and
# the mark breaks the sequence for a CriticMarkup processor and still renders as the text.
_CRITIC_OPEN = re.compile(r"\{([-+=])")
_CRITIC_CLOSE = re.compile(r"([-+=])\}")
WORD_JOINER = "\u2060"


def defuse_markdown(escaped: str) -> str:
    """Markdown text (already backslash-escaped) that no renderer turns into a link or a
    CriticMarkup mark: ``http\\://``, ``www\\.``, a word joiner before an e-mail's ``@``,
    ``{\\--`` and ``-\\-}``. The rendered text reads exactly as before."""
    out = _SCHEME_COLON.sub(r"\\\1", escaped)
    out = _WWW_DOT.sub(r"\1\\.", out)
    out = _MAIL_AT.sub(WORD_JOINER + "@", out)
    out = _CRITIC_OPEN.sub(r"{\\\1", out)
    return _CRITIC_CLOSE.sub(r"\\\1}", out)


__all__ = [
    "BIDI_CONTROLS",
    "REPLACEMENT",
    "clean",
    "clean_lines",
    "defuse_markdown",
    "escape",
    "is_safe",
    "replace_surrogates",
    "safe_file_name",
    "show_path",
]
