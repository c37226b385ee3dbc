"""Keep the local server's files from other users of the machine.

The server's home (store files, logs with query text) is made owner-only, and Neo4j runs with
umask 077 so every file it writes is 0600. The password file is created 0600 in a 0700 folder;
if someone later opened it up, or it is a symbolic link (which another user may be able to
repoint), ``server start`` and ``server status`` say so and how to fix it.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

from ..errors import ServerError

UMASK = 0o077  # what Neo4j and its tools run with: files 0600, folders 0700


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def private_home(home: Path) -> str | None:
    """Create ``home`` owner-only; an existing home open to others is closed, and said so."""
    if not home.exists():
        home.parent.mkdir(parents=True, exist_ok=True)
        home.mkdir(mode=0o700)
        return None
    mode = _mode(home)
    if home.is_symlink() or not mode & 0o077:
        return None
    os.chmod(home, 0o700)
    return (
        f"Made the server's home {home} owner-only (it was {mode:04o}), so other users "
        "of this machine cannot read the database, its logs or dumps kept there."
    )


def password_file_problems(password_file: Path) -> list[str]:
    """What lets other users read or replace the password file; empty when all is well."""
    problems = []
    folder = password_file.parent
    for path, what in ((folder, "folder"), (password_file, "file")):
        if not os.path.lexists(path):
            continue
        if path.is_symlink() and not path.exists():
            problems.append(
                f"The password {what} {path} is a symbolic link to {os.readlink(path)}, which "
                "does not exist: restore its target, or point the link at the right one."
            )
            continue
        if path.is_symlink():
            problems.append(
                f"The password {what} {path} is a symbolic link (to {os.readlink(path)}); "
                "whoever can change the link's target can read or replace the password. "
                "Replace the link with the real "
                f"{what}."
            )
            continue
        mode = _mode(path)
        if mode & 0o077:
            fix = "700" if what == "folder" else "600"
            problems.append(
                f"The password {what} {path} is open to other users (mode {mode:04o}): "
                f"run `chmod {fix} {path}`."
            )
    return problems


def refuse_dangling(password_file: Path) -> None:
    """A password file that is a link to nothing cannot be read or created: say so."""
    if password_file.is_symlink() and not password_file.exists():
        raise ServerError(
            f"The password file {password_file} is a symbolic link to "
            f"{os.readlink(password_file)}, which does not exist. Restore its target (the "
            "server's password is kept there), or point the link at the right file."
        )


def read_password(password_file: Path) -> str:
    try:
        return password_file.read_text().strip()
    except FileNotFoundError:
        refuse_dangling(password_file)
        raise ServerError(
            f"The local server's password file {password_file} is missing; "
            "start the server once with `actorgraph server start` to create it."
        ) from None
    except OSError as exc:
        raise ServerError(
            f"Cannot read the local server's password file {password_file}: {exc.strerror or exc}."
        ) from None


def ensure_password_file(password_file: Path) -> str:
    """Create the password file (0600; its folder 0700 if new) the first time; the password."""
    if password_file.exists():
        return read_password(password_file)
    folder = password_file.parent
    if not folder.exists():  # a folder the user already has is left as it is (warned about)
        folder.parent.mkdir(parents=True, exist_ok=True)
        folder.mkdir(mode=0o700)
    password = secrets.token_urlsafe(24)
    fd = os.open(password_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(password + "\n")
    return password
