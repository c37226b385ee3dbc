"""A view as a Cypher script that recreates it in any Neo4j 5: one statement per line.

The statements are the templates in ``cypher/export/``; their only variable parts are labels
and relationship types, checked as plain words (the kind's label comes from the vocabulary), and
``$`` values, each written as a Cypher literal by :func:`literal`. Nothing from the data is ever
put into the script's text any other way.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from datetime import date
from typing import Any

from ..cypher import cypher, split_statements
from ..errors import ExportError
from ..subgraph import View
from ..values import datetime_text, plain, u_escaped
from ..vocabulary import load_vocabulary
from .document import SCHEMA

_WORD = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*\Z")
_PLACEHOLDER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def cypher_script(view: View, batch: int = 200) -> str:
    """Statements, one per line, that recreate the view in any Neo4j 5."""
    lines = [
        f"// actorgraph export ({SCHEMA}) of {', '.join(view.datasets) or 'a graph'}",
        f"// {len(view.nodes)} nodes, {len(view.edges)} relations, {len(view.sources)} sources."
        " Run it with cypher-shell -f, or `actorgraph query --write --file` one line at a time.",
    ]
    lines += [" ".join(s.split()) + ";" for s in split_statements(cypher("schema"))]
    sources = [{"id": s["id"], "props": s.get("props") or s} for s in view.sources.values()]
    for chunk in _chunks(sources, batch):
        lines.append(statement("export/sources", {"rows": chunk}))
    for labels, rows in sorted(_entities_by_labels(view).items()):
        for chunk in _chunks(rows, batch):
            lines.append(statement("export/entities", {"rows": chunk}, labels=labels))
    for rel_type, rows in sorted(_relations_by_type(view).items()):
        for chunk in _chunks(rows, batch):
            lines.append(statement("export/relations", {"rows": chunk}, type=rel_type))
    return "\n".join(lines) + "\n"


def statement(template: str, values: dict[str, Any], **words: str) -> str:
    """One line of the script: the template with each ``$name`` replaced, in one pass, by a
    checked word from ``words`` or by the literal of ``values[name]``."""

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in words:
            return ":".join(_word(part) for part in words[name].split(":"))
        return literal(values[name])

    text = split_statements(cypher(template))[0]
    return _PLACEHOLDER.sub(fill, " ".join(text.split())) + ";"


def _entities_by_labels(view: View) -> dict[str, list[dict[str, Any]]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for node in view.nodes:
        props = dict(node.get("props") or {"id": node["id"], "name": node["name"]})
        labels = [node.get("category", "actor").capitalize()]
        kind_label = _kind_label(props)
        if kind_label:
            labels.append(kind_label)
        groups.setdefault(":".join(labels), []).append({"id": node["id"], "props": props})
    return groups


def _relations_by_type(view: View) -> dict[str, list[dict[str, Any]]]:
    by_type: dict[str, list[dict[str, Any]]] = {}
    for edge in view.edges:
        props = {
            k: v for k, v in edge.items() if k not in ("start", "end", "type", "claimant_name")
        }
        by_type.setdefault(edge["type"], []).append(
            {"start": edge["start"], "end": edge["end"], "props": props}
        )
    return by_type


def _kind_label(props: dict[str, Any]) -> str | None:
    vocabulary = load_vocabulary()
    category, kind = props.get("category"), props.get("kind")
    try:
        return vocabulary.label(category, kind) if category and kind else None
    except KeyError:
        return None


def _word(word: str) -> str:
    if not _WORD.match(word):
        raise ExportError(f"{word!r} is not a plain label or type; refusing to write it.")
    return word


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def literal(value: Any) -> str:
    """A Cypher literal for ``value``: strings escaped, dates as date() (and other times and
    spans by their functions), points as point(), maps and lists nested."""
    import neo4j  # here, as in graph.values: the CLI's start-up stays free of the driver

    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, neo4j.time.DateTime) and value.tzinfo is not None:
        # the instant by its offset: a zone's name with it is refused by a server whose zone
        # rules give another offset (a local mean time pytz rounds to the minute)
        return f"datetime('{datetime_text(value, zone=False)}')"
    if (temporal := _temporal(value)) is not None:
        return f"{temporal}('{plain(value)}')"
    if isinstance(value, neo4j.spatial.Point):
        return "point(" + literal(plain(value)) + ")"
    if isinstance(value, str):
        return "'" + _escape(value) + "'"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)}: {literal(v)}" for k, v in value.items()) + "}"
    raise ExportError(f"Cannot write a {type(value).__name__} as Cypher.")


def _temporal(value: Any) -> str | None:
    """The Cypher function that makes ``value`` from its ISO text, if it is a time or a
    span: a date written by a load, or what a user's own write stored (a datetime, a
    duration)."""
    import neo4j

    kinds = ((neo4j.time.DateTime, "datetime"), (neo4j.time.Date, "date"),
             (neo4j.time.Time, "time"), (neo4j.time.Duration, "duration"))  # fmt: skip
    for kind, function in kinds:
        if isinstance(value, kind):
            if function in ("datetime", "time") and value.tzinfo is None:
                return "local" + function
            return function
    return "date" if isinstance(value, date) else None


def _key(key: str) -> str:
    return key if _WORD.match(key) else "`" + key.replace("`", "``") + "`"


_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(text: str) -> str:
    """Inside single quotes: backslash and quote escaped, and every character that any tool
    may take for a line break (\\n, \\r, U+0085, U+2028, U+2029 ...) or that is a control or
    format character written as \\uXXXX, so a statement stays on its one line for
    cypher-shell, for our own splitter and for str.splitlines alike."""
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") or (
            char.isspace() and char != " "
        ):
            out.append(u_escaped(char))
        else:
            out.append(char)
    return "".join(out)
