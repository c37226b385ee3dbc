"""Our Cypher, kept in ``cypher/*.cypher`` files with ``$parameters``; Python never builds it.

A statement may use a *fragment* of ``cypher/fragments/`` by writing ``@name`` where the
fragment's text belongs (``WHERE @in_force``): a rule written in several statements (for
instance "a relation in force on a day") then has one home. Our files and named queries
(a user's too) are expanded; ``@word`` that names no fragment, and comment lines, stay as
written. Ad-hoc statements are run exactly as given.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from .errors import ActorGraphError

_PACKAGE_DIR = Path(__file__).resolve().parent
_FRAGMENT = re.compile(r"@([a-z_]+)\b")


def cypher_dir() -> Path:
    """``cypher/`` of the source tree, or its copy inside an installed wheel."""
    for candidate in (_PACKAGE_DIR / "_cypher", _PACKAGE_DIR.parent / "cypher"):
        if candidate.is_dir():
            return candidate
    raise ActorGraphError(f"The cypher/ folder was not found next to {_PACKAGE_DIR}; reinstall.")


@cache
def cypher(name: str) -> str:
    """The text of ``cypher/<name>.cypher`` with its fragments in place, e.g. ``write/actors``."""
    return expand(read(cypher_dir() / f"{name}.cypher"))


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def expand(text: str) -> str:
    """Put each ``@fragment`` of our own statements in place (comment lines are left alone)."""
    lines = text.splitlines(keepends=True)
    return "".join(
        line if line.lstrip().startswith("//") else _FRAGMENT.sub(_fragment_of, line)
        for line in lines
    )


def _fragment_of(match: re.Match[str]) -> str:
    return _fragment(match.group(1)) or match.group(0)


@cache
def _fragment(name: str) -> str | None:
    path = cypher_dir() / "fragments" / f"{name}.cypher"
    if not path.is_file():
        return None
    body = [line for line in read(path).splitlines() if not line.lstrip().startswith("//")]
    return "(" + expand(" ".join(" ".join(body).split())) + ")"  # it may use fragments too


def split_statements(text: str) -> list[str]:
    """Split a script on ``;`` at line ends, dropping ``//`` comment lines and blanks."""
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
    return [part.strip() for part in re.split(r";\s*(?:\n|$)", body) if part.strip()]
