"""Writing an export to disk without ever losing a file.

``write_export`` refuses to overwrite an existing file unless told to, refuses to write over
any of the compared reports (same path, symlink or hard link: same inode), and writes
atomically: a temporary file in the target's folder, flushed and fsync'ed, then moved into
place, so a crash or a full disk leaves either the old file or the new one, never half of one.
Every failure is an ``ExportError`` with a one-line message.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .model import ReportError


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


def check_export_target(path: str | Path, *, force: bool, inputs: Iterable[str | Path] = ()) -> Path:
    """The real path an export to ``path`` would write; ExportError if it must not be written.

    Called before the (slow) comparison so a refusal comes at once, and again by ``write_export``.
    """
    if not str(path).strip():
        raise ExportError("the output file name is empty")
    p = Path(path)
    real = Path(os.path.realpath(p))  # write through a symlink, never replace the link itself
    st = _stat(real)
    if st is not None:
        for inp in inputs:
            ist = _stat(inp)
            if ist is not None and _same_file(st, ist):
                raise ExportError(f"{p}: is one of the compared reports; refusing to write over it")
        if real.is_dir():
            raise ExportError(f"{p}: is a directory; give a file name")
        if not force:
            raise ExportExists(f"{p}: the file already exists")
    folder = real.parent
    if not folder.exists():
        raise ExportError(f"{p}: the folder {folder} does not exist")
    if not folder.is_dir():
        raise ExportError(f"{p}: {folder} is not a folder")
    return real


def _message(p: Path, folder: Path, exc: OSError) -> str:
    code = exc.errno
    if code == errno.ENOSPC:
        return f"{p}: no space left on the disk; nothing was written"
    if code == getattr(errno, "EDQUOT", -1):
        return f"{p}: disk quota exceeded; nothing was written"
    if code in (errno.EACCES, errno.EPERM):
        return f"{p}: permission denied (cannot write in {folder})"
    if code == errno.EROFS:
        return f"{p}: the folder {folder} is on a read-only file system"
    if code in (errno.ENOENT, errno.ENOTDIR):
        return f"{p}: the folder {folder} does not exist"
    return f"{p}: cannot write the file ({exc.strerror or exc})"


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
    folder = real.parent
    existing = _stat(real)
    mode = (existing.st_mode & 0o7777) if existing is not None else _new_file_mode()
    data = text.encode("utf-8") if isinstance(text, str) else bytes(text)
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{real.name}.", suffix=".tmp")
        try:
            os.fchmod(fd, mode)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
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
            try:
                os.unlink(tmp)
            except OSError:
                pass
    return real


def _link_no_clobber(tmp: str, real: Path, shown: Path) -> None:
    """Move ``tmp`` to ``real`` only if ``real`` does not exist (atomically where links work)."""
    try:
        os.link(tmp, real)
    except FileExistsError:
        raise ExportExists(f"{shown}: the file already exists") from None
    except OSError as exc:
        # file systems without hard links (FAT, some network shares): check, then rename
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.EXDEV):
            raise
        if os.path.lexists(real):
            raise ExportExists(f"{shown}: the file already exists") from None
        os.replace(tmp, real)
        return
    os.unlink(tmp)
