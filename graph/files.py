"""Files actorgraph writes for the user (dumps, exports, pages): owner-only, and whole or absent.

Evidence text, sources and grades are often confidential, so every such file is created 0600
and every folder actorgraph makes for them 0700; a folder the user already has keeps its mode,
and so does a file of the user's own written again (its read and write bits, and its group
when the user may give it that group, else owner-only): a page opened to a team stays open
when it is rendered again. A file is
written beside its target and moved into place when complete, so a failure leaves the previous
file (or none), never half of one. A symbolic link is written through
to its target; a device, a pipe or a socket is refused, never replaced by a file.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from .errors import OutputError

FILE_MODE = 0o600
FOLDER_MODE = 0o700


def private_folder(folder: Path) -> Path:
    """Make ``folder`` (and missing parents) owner-only; an existing folder is left as it is."""
    missing = []
    for path in [folder, *folder.parents]:
        if path.exists():
            break
        missing.append(path)
    try:
        for path in reversed(missing):
            path.mkdir(mode=FOLDER_MODE, exist_ok=True)
    except OSError as exc:
        raise _cannot(folder, exc) from None
    if not folder.is_dir():
        raise OutputError(f"Cannot write into {folder}: it is {_kind(folder)}, not a folder.")
    return folder


def private_opener(path: str, flags: int) -> int:
    """For ``open(..., opener=private_opener)``: a new file is created owner-only."""
    return os.open(path, flags, FILE_MODE)


@contextmanager
def private_output(path: Path, mode: str = "w", **options: Any) -> Iterator[IO[Any]]:
    """Open a temporary owner-only file beside ``path``; it replaces ``path`` when the block
    ends without error, and is removed if it raises. A failure to write (no room, a folder
    in the way) is an :class:`OutputError` naming ``path``."""
    target, existing = output_target(path)
    private_folder(target.parent)
    try:
        fd, temporary = tempfile.mkstemp(prefix=".actorgraph-", suffix=".part", dir=target.parent)
    except OSError as exc:
        raise _cannot(path, exc) from None
    try:
        with os.fdopen(fd, mode, **options) as handle:
            yield handle
        keep_mode(Path(temporary), existing)
        os.replace(temporary, target)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise _cannot(path, exc) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def output_target(path: Path) -> tuple[Path, os.stat_result | None]:
    """The file ``path`` stands for, and the status of the file there if there is one: a
    symbolic link's target (the link is kept, as editors keep it), refused when it is anything
    but a regular file or none yet. Moving a new file into place would replace a device
    (``/dev/null``, as root), a pipe or a socket with an ordinary file, and a link with a
    copy."""
    target = Path(os.path.realpath(path))
    try:
        existing = target.stat()
    except FileNotFoundError:
        return target, None
    except OSError as exc:
        raise OutputError(f"Cannot write {path}: {exc.strerror}. Nothing was written.") from None
    mode = existing.st_mode
    if stat.S_ISREG(mode):
        return target, existing
    if stat.S_ISDIR(mode):
        raise OutputError(f"Cannot write {path}: it is a folder; give a file name.")
    raise OutputError(
        f"Cannot write {path}: it is {_kind(target)}, not a file; actorgraph writes whole "
        "files only (give a file name). Nothing was written."
    )


def keep_mode(temporary: Path, existing: os.stat_result | None) -> None:
    """Give the owner-only ``temporary``, about to replace the file ``existing`` describes, that
    file's read and write bits and group, when it is the user's own: never its execute, setuid
    or sticky bits, and never more than owner-only when that group cannot be given (a file
    0640 for a team is not left 0640 for the user's own group)."""
    if existing is None or existing.st_uid != os.geteuid():
        return
    mode = stat.S_IMODE(existing.st_mode) & 0o666
    try:
        if existing.st_gid != temporary.stat().st_gid:
            os.chown(temporary, -1, existing.st_gid)
    except OSError:
        mode &= 0o600
    os.chmod(temporary, mode)


def _kind(path: Path) -> str:
    """What is at ``path``, in a word or two, for a message that refuses it."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return "not readable"
    if stat.S_ISREG(mode):
        return "a file"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "a pipe" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"


def writable(path: Path, nothing_done: str = "Nothing was done") -> Path:
    """Refuse, before any work, an output ``path`` that could not be written: a folder in its
    place, or a nearest existing folder that is a file or not the user's to write in."""
    try:
        if path.exists() and not path.is_file():
            raise OutputError(f"Cannot write {path}: it is not a file. {nothing_done}.")
        folder = next(p for p in path.absolute().parents if p.exists())
    except OSError as exc:  # a folder on the way the user may not enter
        raise OutputError(f"Cannot write {path}: {exc.strerror}. {nothing_done}.") from None
    if not folder.is_dir():
        raise OutputError(f"Cannot write {path}: {folder} is a file. {nothing_done}.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"Cannot write {path} (no permission in {folder}). {nothing_done}.")
    return path


def write_private_text(path: Path, text: str) -> Path:
    """``path.write_text(text)``, owner-only and whole or absent."""
    with private_output(path, encoding="utf-8") as out:
        out.write(text)
    return path


def _cannot(path: Path, exc: OSError) -> OutputError:
    error = OutputError(f"Cannot write {path}: {exc.strerror or exc}. Nothing was written there.")
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EIO):  # the machine's, not the path's
        error.exit_code = 1
    return error
