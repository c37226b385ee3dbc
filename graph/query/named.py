"""Named queries: ``.cypher`` files in ``cypher/queries/`` (and the user's folders) whose
leading ``//`` comment is their header::

    // Who supports an actor, with the claim's sources and grades.
    // @param actor: entity                   the actor supported (any id, name or alias)
    // @param min_confidence: share = 0.0     leave out claims below this confidence

The first lines are the description; each ``@param`` line gives a name, a type (``string``,
``int``, ``count`` (0 or more), ``float``, ``share`` (0 to 1), ``bool``, ``date``, ``list``,
``entity`` …: see :data:`PARAM_TYPES`), an optional default and a help text. ``entity``
parameters accept any alias and are resolved to an id before the query runs. Comment lines
after the first ``@param`` are notes on the statement, not part of the description (unless
nothing came before it).
"""

from __future__ import annotations

import difflib
import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..cypher import cypher_dir, expand
from ..errors import QueryError

PARAM_TYPES = (
    "string",
    "int",
    "count",
    "float",
    "share",
    "bool",
    "date",
    "list",
    "entity",
    "entities",
    "actor",
    "actors",
    "statuses",
    "terms",
    "json",
)
_PARAM_NAME = r"[A-Za-z_][A-Za-z0-9_]*"  # what an @param line can name
_PARAM_LINE = re.compile(
    rf"^@param\s+(?P<name>{_PARAM_NAME})\s*:\s*(?P<type>[a-z]+)"
    r'(?:\s*=\s*(?P<default>"(?:[^"\\]|\\.)*"|\[[^\]]*\]|\S+))?\s*(?P<help>.*)$'  # "a b", [a, b]
)
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*\Z")
# A parameter of the statement ($name, $`name`, $0), or text where a `$` is no parameter (a
# string, a comment, a quoted name): the first alternative that matches where a token begins.
# `$any(…)` and `$all(…)` are Cypher's dynamic labels, not parameters; a name is any word
# (Cypher takes letters beyond ASCII), a quoted one doubles its backticks.
_TOKEN = re.compile(
    r"(?P<text>'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|//[^\n]*|/\*.*?\*/|`(?:[^`]|``)*`)"
    r"|\$(?:`(?P<quoted>(?:[^`]|``)*)`|(?P<name>[^\W\d]\w*|\d+)(?!\w|\s*\())",
    re.S,
)
_DECLARABLE = re.compile(_PARAM_NAME + r"\Z")
GIVEN = ("actorgraph_rows",)  # parameters actorgraph gives a query itself (graph.query.limited)


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: Any = None
    required: bool = True
    help: str = ""

    def describe(self) -> str:
        default = "" if self.required else f" = {json.dumps(self.default)}"
        return f"{self.name}: {self.type}{default}"


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    params: tuple[Param, ...]
    text: str
    path: Path

    @property
    def builtin(self) -> bool:
        """One of actorgraph's own queries (cypher/queries), not a user's."""
        return self.path.parent == builtin_queries_dir()

    @property
    def summary(self) -> str:
        return self.description.split(". ")[0]


def builtin_queries_dir() -> Path:
    return cypher_dir() / "queries"


def query_dirs(extra: Sequence[Path] = ()) -> list[Path]:
    """Where named queries are found: ours, ``ACTORGRAPH_QUERIES``, then folders given."""
    dirs = [builtin_queries_dir()]
    env = os.environ.get("ACTORGRAPH_QUERIES")
    if env:
        dirs += [Path(p) for p in env.split(os.pathsep) if p]
    dirs += list(extra)
    return dirs


def discover(extra: Sequence[Path] = ()) -> dict[str, NamedQuery]:
    """All named queries that can be run (see :func:`survey` for the files left out)."""
    return survey(extra)[0]


def survey(extra: Sequence[Path] = ()) -> tuple[dict[str, NamedQuery], list[str]]:
    """All named queries, and why any file was left out: a file that cannot be read as a
    named query is reported without stopping the others. A name is one query: a user's file
    may not take the name of one of ours (a shared query folder could otherwise run something
    else under a trusted name), nor of another user file; the whole lookup is refused then."""
    found: dict[str, NamedQuery] = {}
    skipped: list[str] = []
    for folder in query_dirs(extra):
        if not folder.is_dir():
            what = "is a file, not a folder" if folder.exists() else "does not exist"
            raise QueryError(f"Query folder {folder} {what}.")
        for path in sorted(folder.glob("*.cypher")):
            try:
                query = parse_named_query(path)
            except QueryError as exc:
                skipped.append(str(exc))
                continue
            if (first := found.get(query.name)) is not None:
                whose = "actorgraph's own query" if first.builtin else str(first.path)
                raise QueryError(
                    f"{path}: the named query {query.name!r} is already {whose}; rename this "
                    "file (named queries are never replaced)."
                )
            found[query.name] = query
    return found, skipped


def parse_named_query(path: Path) -> NamedQuery:
    name = path.stem
    if not _NAME.match(name):
        raise QueryError(f"{path}: query names are lower-case words with - or _ (got {name!r}).")
    text = expand(read_cypher(path))  # @in_force etc.: see graph.cypher
    description: list[str] = []
    notes: list[str] = []  # comment lines after the first @param: about the statement
    params: list[Param] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line.startswith("//"):
            break
        body = line[2:].strip()
        if body.startswith("@param"):
            param = _parse_param(path, number, body)
            if any(p.name == param.name for p in params):
                raise QueryError(f"{path}:{number}: the parameter {param.name} is declared twice.")
            params.append(param)
        elif body:
            (notes if params else description).append(body)
    description = description or notes  # a header that gives its parameters first
    if not description:
        raise QueryError(f"{path}:1: a named query starts with a // comment describing it.")
    undeclared = _parameters(text) - {p.name for p in params} - set(GIVEN)
    if undeclared:
        first = sorted(undeclared)[0]
        named = (n if _DECLARABLE.match(n) else f"`{n}`" for n in sorted(undeclared))
        uses = ", ".join("$" + n for n in named)
        if not _DECLARABLE.match(first):  # `$0`, `` $`two words` ``: a header cannot name them
            raise QueryError(
                f"{path}: the statement uses {uses}, which no @param line can declare: name "
                "parameters with ASCII letters, digits and _, not beginning with a digit, and "
                "declare them."
            )
        raise QueryError(
            f"{path}: the statement uses {uses}, which no @param line declares; add one to the "
            f"header, e.g. `// @param {first}: string  what it is` (types: "
            + ", ".join(PARAM_TYPES)
            + ")."
        )
    return NamedQuery(name, " ".join(description), tuple(params), text, path)


def _parameters(text: str) -> set[str]:
    """The names of the parameters a statement uses, outside its strings and comments."""
    return {
        token["quoted"].replace("``", "`") if token["quoted"] is not None else token["name"]
        for token in _TOKEN.finditer(text)
        if token["text"] is None and (token["quoted"] is not None or token["name"])
    }


def read_cypher(path: Path) -> str:
    """The text of a Cypher file: UTF-8, without the byte-order mark Windows editors begin
    with; a file that is not text is a :class:`QueryError` naming it."""
    try:
        return cypher_text(path.read_bytes(), str(path))
    except OSError as exc:
        raise QueryError(f"Cannot read {path}: {exc.strerror}.") from None


def cypher_text(data: bytes, where: str) -> str:
    """``data`` (read from ``where``: a file or standard input) as Cypher text."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # PowerShell's `>` writes this
            raise QueryError(f"{where}: UTF-16 text; save it as UTF-8.") from None
        why = f"not valid UTF-8 (byte {exc.start}); save it as UTF-8"
        raise QueryError(f"{where}: {why}.") from None


def _parse_param(path: Path, line: int, body: str) -> Param:
    match = _PARAM_LINE.match(body)
    if not match or match["type"] not in PARAM_TYPES:
        raise QueryError(
            f"{path}:{line}: write parameters as `@param name: type [= default] help`, with a "
            f"type among {', '.join(PARAM_TYPES)}."
        )
    default_text = match["default"]
    if default_text is None:
        return Param(match["name"], match["type"], help=match["help"].strip())
    try:
        default = json.loads(default_text)
    except ValueError:
        default = default_text
    if match["type"] in ("string", "entity", "actor") and not isinstance(default, str | None):
        default = default_text  # `= 2021`: a text of digits, not a number
    return Param(match["name"], match["type"], default, False, match["help"].strip())


def find(name: str, extra: Sequence[Path] = ()) -> NamedQuery:
    queries, skipped = survey(extra)
    if name in queries:
        return queries[name]
    left_out = [why for why in skipped if f"/{name}.cypher" in why]
    if left_out:
        raise QueryError(f"The named query {name!r} could not be read: {left_out[0]}")
    close = difflib.get_close_matches(name, list(queries), n=3, cutoff=0.5)
    hint = f" Did you mean {', '.join(close)}?" if close else ""
    raise QueryError(f"No named query {name!r}.{hint} `actorgraph queries` lists them all.")
