"""Writing an export to disk without ever losing a file.

``write_export`` refuses to overwrite an existing file unless told to, refuses to write over
any of the compared reports (same path, symlink or hard link: same inode), and writes
atomically: a temporary file in the target's folder, flushed and fsync'ed, then moved into
place, so a crash or a full disk leaves either the old file or the new one, never half of one.
Every failure is an ``ExportError`` with a one-line message.

Only a regular file is ever replaced. A target that is a stream — a named pipe (FIFO), a
character device such as ``/dev/null`` or a terminal, or an open descriptor named as
``/dev/stdout``, ``/dev/fd/N`` or ``/proc/self/fd/N`` — is written *into*, as a shell's ``>``
would (no ``--force`` needed: nothing is replaced, nothing is created). A block device, a
socket or any other special file is refused ("not a regular file").
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from .i18n import _, os_reason
from .model import ReportError
from .sanitize import replace_surrogates, show_path


class ExportError(ReportError):
    """An export cannot be written; the message is one line for the user."""


class ExportExists(ExportError):
    """The target exists and overwriting was not allowed (the app asks, the CLI wants --force)."""


def _same_file(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _stat(path: str | Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except (OSError, ValueError):
        return None


_DESCRIPTOR_PATHS = ("/dev/stdout", "/dev/stderr")
_DESCRIPTOR_FOLDERS = ("/dev/fd/", "/proc/self/fd/")


def _names_descriptor(path: str) -> bool:
    return path in _DESCRIPTOR_PATHS or path.startswith(_DESCRIPTOR_FOLDERS)


def _kind(mode: int) -> str:
    if stat.S_ISBLK(mode):
        return _("a block device")
    if stat.S_ISSOCK(mode):
        return _("a socket")
    return _("a special file")


def is_stream_target(path: str | Path) -> bool:
    """Whether an export to ``path`` is written into it (FIFO, character device, an open
    descriptor) rather than atomically replacing a regular file."""
    name = os.fspath(path)
    if _names_descriptor(name):
        return True
    st = _stat(name)
    return st is not None and (stat.S_ISFIFO(st.st_mode) or stat.S_ISCHR(st.st_mode))


def _lookup_error(shown: str, exc: OSError) -> ExportError:
    """An OSError met while looking at the target (before writing) as one line."""
    code = exc.errno
    if code == errno.ENAMETOOLONG:
        return ExportError(_("{shown}: the file name is too long").format(shown=shown))
    if code in (errno.EACCES, errno.EPERM):
        return ExportError(_("{shown}: permission denied (a folder on the way cannot be opened)").format(shown=shown))
    if code == errno.ELOOP:
        return ExportError(_("{shown}: too many levels of symbolic links").format(shown=shown))
    if code in (errno.ENOENT, errno.ENOTDIR):
        return ExportError(_("{shown}: the folder does not exist").format(shown=shown))
    return ExportError(_("{shown}: cannot write there ({reason})").format(shown=shown, reason=os_reason(exc)))


def check_export_target(path: str | Path, *, force: bool, inputs: Iterable[str | Path] = ()) -> Path:
    """The real path an export to ``path`` would write; ExportError if it must not be written.

    Called before the (slow) comparison so a refusal comes at once, and again by ``write_export``.
    A stream target (see ``is_stream_target``) is returned as given.
    """
    name = os.fspath(path)
    if not name.strip():
        raise ExportError(_("the output file name is empty"))
    p = Path(name)
    shown = show_path(name)
    try:
        st: os.stat_result | None = os.stat(name)
    except (FileNotFoundError, NotADirectoryError):
        st = None
    except OSError as exc:
        raise _lookup_error(shown, exc) from None
    except ValueError:
        raise ExportError(_("{shown}: not a valid file name").format(shown=shown)) from None
    if st is not None:
        for inp in inputs:
            ist = _stat(inp)
            if ist is not None and _same_file(st, ist):
                raise ExportError(_("{shown}: is one of the compared reports; refusing to write over it").format(shown=shown))
        if stat.S_ISDIR(st.st_mode):
            raise ExportError(_("{shown}: is a directory; give a file name").format(shown=shown))
        if _names_descriptor(name) or stat.S_ISFIFO(st.st_mode) or stat.S_ISCHR(st.st_mode):
            return p  # written into, never replaced
        if not stat.S_ISREG(st.st_mode):
            raise ExportError(_("{shown}: not a regular file ({kind}); refusing to write to it").format(shown=shown, kind=_kind(st.st_mode)))
        if not force:
            raise ExportExists(_("{shown}: the file already exists").format(shown=shown))
    elif _names_descriptor(name):
        raise ExportError(_("{shown}: no such open file descriptor").format(shown=shown))
    try:
        real = Path(os.path.realpath(p))  # write through a symlink, never replace the link itself
        folder = real.parent
        fst = os.stat(folder)
    except (FileNotFoundError, NotADirectoryError):
        raise ExportError(_("{shown}: the folder {folder} does not exist").format(shown=shown, folder=show_path(p.parent))) from None
    except OSError as exc:
        raise _lookup_error(shown, exc) from None
    if not stat.S_ISDIR(fst.st_mode):
        raise ExportError(_("{shown}: {folder} is not a folder").format(shown=shown, folder=show_path(folder)))
    return real


def _message(p: Path, folder: Path, exc: OSError) -> str:
    code = exc.errno
    shown, where = show_path(p), show_path(folder)
    if code == errno.ENOSPC:
        return _("{shown}: no space left on the disk; nothing was written").format(shown=shown)
    if code == getattr(errno, "EDQUOT", -1):
        return _("{shown}: disk quota exceeded; nothing was written").format(shown=shown)
    if code in (errno.EACCES, errno.EPERM):
        return _("{shown}: permission denied (cannot write in {where})").format(shown=shown, where=where)
    if code == errno.EROFS:
        return _("{shown}: the folder {where} is on a read-only file system").format(shown=shown, where=where)
    if code in (errno.ENOENT, errno.ENOTDIR):
        return _("{shown}: the folder {where} does not exist").format(shown=shown, where=where)
    if code == errno.ENAMETOOLONG:
        return _("{shown}: the file name is too long").format(shown=shown)
    return _("{shown}: cannot write the file ({reason})").format(shown=shown, reason=os_reason(exc))


def stream_error(shown: str, exc: OSError) -> str:
    """One line for a failed write into a stream (standard output, a pipe, a device)."""
    code = exc.errno
    if code == errno.ENOSPC:
        return _("{shown}: no space left on the device; the output is incomplete").format(shown=shown)
    if code == errno.EPIPE:
        return _("{shown}: the reader of the pipe went away; the output is incomplete").format(shown=shown)
    if code == errno.EBADF:
        return _("{shown}: not open for writing").format(shown=shown)
    if code in (errno.EACCES, errno.EPERM):
        return _("{shown}: permission denied").format(shown=shown)
    return _("{shown}: cannot write ({reason})").format(shown=shown, reason=os_reason(exc))


def write_all(fd: int, data: bytes) -> None:
    """Write every byte of ``data`` to ``fd`` (``os.write`` may write less than asked)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _write_stream(p: Path, data: bytes) -> Path:
    """Write into a FIFO, a character device or an open descriptor: never created, never
    truncated (O_APPEND: ``/dev/fd/N`` of a file opened with ``>>`` keeps what it holds)."""
    shown = show_path(p)
    try:
        fd = os.open(p, os.O_WRONLY | os.O_APPEND | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise ExportError(stream_error(shown, exc)) from None
    try:
        write_all(fd, data)
    except OSError as exc:
        raise ExportError(stream_error(shown, exc)) from None
    finally:
        os.close(fd)
    return p


def _new_file_mode() -> int:
    """0o666 minus the process umask, as open() would give a new file (mkstemp gives 0o600)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)  # no other way to read it; restored at once
    os.umask(mask)
    return 0o666 & ~mask


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # not possible on every platform; the rename itself is still atomic
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_export(
    path: str | Path, text: str | bytes, *, force: bool = False, inputs: Iterable[str | Path] = ()
) -> Path:
    """Write ``text`` (UTF-8; bytes as they are) to ``path`` atomically; returns the path written.

    ``inputs`` are the compared reports' paths: never written over, even with ``force``.
    Without ``force`` an existing file is left alone (ExportExists), also when it appears
    while the export is being written.
    """
    inputs = tuple(inputs)
    p = Path(path)
    real = check_export_target(p, force=force, inputs=inputs)
    data = text if isinstance(text, bytes) else replace_surrogates(text).encode("utf-8")
    if is_stream_target(p):
        return _write_stream(p, data)
    folder = real.parent
    existing = _stat(real)
    mode = (existing.st_mode & 0o7777) if existing is not None else _new_file_mode()
    tmp: str | None = None
    try:
        # the temporary file is removed on any failure, and on KeyboardInterrupt or the
        # exception the command line raises for SIGTERM/SIGHUP (``finally`` below); a process
        # that must end at once removes it with remove_unfinished_exports()
        import tempfile  # only a run that writes a file needs it (5-10 ms to import)

        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{real.name[:200]}.", suffix=".tmp")
        _UNFINISHED.add(tmp)
        try:
            os.fchmod(fd, mode)
            write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        if force:
            os.replace(tmp, real)
        else:
            _link_no_clobber(tmp, real, p)
        tmp = None
        _fsync_dir(folder)
    except OSError as exc:
        raise ExportError(_message(p, folder, exc)) from None
    finally:
        if tmp is not None:
            _UNFINISHED.discard(tmp)
            try:
                os.unlink(tmp)
            except OSError:
                pass
    _UNFINISHED.difference_update({t for t in _UNFINISHED if not os.path.lexists(t)})
    return real


# Temporary files of exports still being written. The one piece of process-wide state in the
# core, and on purpose: a process ending at once (the app on SIGTERM, with a writer thread
# still running) has no other way to find them, and a hidden .tmp must not be left behind.
_UNFINISHED: set[str] = set()


def remove_unfinished_exports() -> None:
    """Remove the temporary files of exports still being written (before the process ends)."""
    for tmp in list(_UNFINISHED):
        _UNFINISHED.discard(tmp)
        try:
            os.unlink(tmp)
        except OSError:
            pass


def _link_no_clobber(tmp: str, real: Path, shown: Path) -> None:
    """Move ``tmp`` to ``real`` only if ``real`` does not exist (atomically where links work)."""
    try:
        os.link(tmp, real)
    except FileExistsError:
        raise ExportExists(_("{file}: the file already exists").format(file=show_path(shown))) from None
    except OSError as exc:
        # file systems without hard links (FAT, some network shares): check, then rename
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.EXDEV):
            raise
        if os.path.lexists(real):
            raise ExportExists(_("{file}: the file already exists").format(file=show_path(shown))) from None
        os.replace(tmp, real)
        return
    os.unlink(tmp)
