"""The dump file: its format, and reading one back with every line checked.

A dump is JSON lines: first ``{"format": FORMAT}``, then every node
(``{"node": n, "labels": [...], "props": {...}}``), then every relationship
(``{"rel": type, "start": n, "end": n, "props": {...}}``), where ``n`` numbers the nodes in the
file. Dates are tagged (``{"$date": "2021-08-01"}``, ``{"$datetime": ...}``) so they come back as
dates. A file is checked whole (:func:`check`) before a restore writes anything: a dump that is
not exactly what :func:`graph.backup.dump` could have written is refused with every problem and
its line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, timedelta
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import BackupError, DatasetError, Problem, driver_could_not_read, unheld
from ..parse.located import not_a_regular_file
from ..values import datetime_text

FORMAT = "actorgraph-dump/1"
LOCK_LABEL = "LoadLock"  # each database has its own lock: older dumps held it, restore skips it
INTERNAL_LABELS = frozenset({"Restoring"})  # restore's own bookkeeping
TALLY_LABELS = frozenset({"SourceTally", "DisputeTally"})  # restore counts them again: skipped
INTERNAL_KEY = "_restore"
MAX_LINE = 64 * 1024 * 1024
MAX_PROBLEMS = 50
_SURROGATE = re.compile("[\ud800-\udfff]")
_INT64 = range(-(2**63), 2**63)
_NODE_FIELDS = frozenset({"node", "labels", "props"})
_REL_FIELDS = frozenset({"rel", "start", "end", "props"})


@dataclass(frozen=True)
class Node:
    line: int
    number: int
    labels: list[str]
    props: dict[str, Any]


@dataclass(frozen=True)
class Rel:
    line: int
    type: str
    start: int
    end: int
    props: dict[str, Any]


class _Bad(Exception):
    """One problem with one line: the field it is in, and what is wrong."""

    def __init__(self, field: str | None, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message
        self.node: int | None = None  # the number of the node on the line, if it has one


@dataclass
class BadNode:
    """After the Problem of a node's line: its number, so that no relationship to it is
    reported as one to a node missing from the dump."""

    number: int


# -- values ----------------------------------------------------------------------------------
class Unheld(Exception):
    """A value the dump format does not hold, and where it is (``property 'p' of a :Note
    node``); :func:`unheld_values` says them all at once."""

    def __init__(self, where: str, what: str) -> None:
        super().__init__(f"{where}: {what}")


UNHELD_SHOWN = 20  # kinds of unheld value a refused dump names; the rest are counted


def unheld_values(found: list[str], more: int) -> BackupError:
    """The refusal of a dump that met values it cannot hold: each kind of them (where, what),
    and how many more values there were."""
    also = f"\n  … and {more:,} more values of other properties or labels" if more else ""
    return BackupError(
        "cannot dump values the dump format does not hold (it holds text, numbers, booleans, "
        "dates and datetimes of the years 1 to 9999, and lists of them); actorgraph never "
        "writes such values: change or remove them with `query --write`, then dump again. "
        "Nothing was written.\n" + "\n".join(f"  {line}" for line in found) + also
    )


def encode(value: Any, where: str = "a value") -> Any:
    """A property value as JSON: dates and datetimes tagged, text, numbers and booleans as they
    are. Anything else (a time of day, a duration, a point, a date Python cannot hold) is
    refused (:class:`Unheld`, naming ``where``), rather than written as something restore
    would read back as another value."""
    from neo4j.time import Date, DateTime

    if isinstance(value, list):
        return [encode(v, where) for v in value]
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Date):
        return {"$date": value.iso_format()}
    if isinstance(value, DateTime):
        return {"$datetime": datetime_text(value)}
    if error := driver_could_not_read(value):
        raise Unheld(where, f"a date or time Python cannot hold ({unheld(error)})")
    raise Unheld(where, f"a {type(value).__name__} value")


def _scalar(value: Any, field: str) -> Any:
    """A value Neo4j can store in a property (or in a list property), decoded."""
    if isinstance(value, str):
        if _SURROGATE.search(value):
            raise _Bad(field, "text with a lone surrogate (\\ud800-\\udfff), which is not Unicode")
        return value
    if isinstance(value, bool | float):
        return value
    if isinstance(value, int):
        if value not in _INT64:
            raise _Bad(field, f"{value} does not fit a 64-bit integer")
        return value
    if isinstance(value, dict) and len(value) == 1:
        (tag, text), = value.items()  # fmt: skip
        if tag in ("$date", "$datetime") and isinstance(text, str):
            return _moment(tag, text, field)
    if value is None:
        raise _Bad(field, "null is not a property value")
    raise _Bad(field, "a property is a string, number, boolean, $date, $datetime or a list of one")


_ZONE = re.compile(r"\[([A-Za-z0-9_+\-/]{1,64})\]\Z")


@cache
def _zones() -> frozenset[str]:
    """The IANA zone names pytz and Neo4j (Java) both know."""
    import pytz

    return frozenset(pytz.all_timezones_set - {"Factory", "localtime", "posixrules"})


def _moment(tag: str, text: str, field: str) -> Any:
    try:
        if tag == "$date":
            return date.fromisoformat(text)
        from neo4j.time import DateTime

        named = _ZONE.search(text)
        moment = DateTime.from_iso_format(text[: named.start()] if named else text)
        if named:
            if named[1] not in _zones():
                raise ValueError(named[1])
            # pytz, the driver's own zones: zoneinfo's with the driver's DateTime gave wrong
            # hours, and crashed the interpreter now and then
            import pytz

            return moment.astimezone(pytz.timezone(named[1]))
        if moment.tzinfo is not None and moment.utcoffset() == timedelta(0):
            # as an offset (Neo4j's Z): the driver sends its own UTC as the zone named UTC
            return moment.replace(tzinfo=UTC)
        return moment
    except (ValueError, TypeError, OverflowError, AttributeError):
        raise _Bad(field, f"{tag} {json.dumps(text)[:80]} is not a valid ISO {tag[1:]}") from None


def _value(value: Any, field: str) -> Any:
    if not isinstance(value, list):
        return _scalar(value, field)
    items = [_scalar(v, field) for v in value if not isinstance(v, list)]
    if len(items) != len(value):
        raise _Bad(field, "a list property cannot hold lists")
    if len({(type(v), getattr(v, "tzinfo", None) is None) for v in items}) > 1:
        raise _Bad(field, "a list property holds values of one type (dates with or without a "
                          "time zone count as two)")  # fmt: skip
    return items


def _props(item: dict[str, Any]) -> dict[str, Any]:
    props = item.get("props", {})
    if not isinstance(props, dict):
        raise _Bad("props", "must be an object of property names and values")
    if INTERNAL_KEY in props:
        raise _Bad(f"props.{INTERNAL_KEY}", "is restore's own bookkeeping, not a property")
    for key in props:
        if not key or "\x00" in key or _SURROGATE.search(key):
            raise _Bad("props", f"{json.dumps(key)[:80]} cannot name a property (empty, NUL or "
                                "not Unicode)")  # fmt: skip
    return {key: _value(value, f"props.{key}") for key, value in props.items()}


# -- lines -----------------------------------------------------------------------------------
def _number(item: dict[str, Any], field: str) -> int:
    value = item.get(field)
    if not isinstance(value, int) or isinstance(value, bool) or value not in _INT64:
        raise _Bad(field, "must be a node number (an integer)")
    return value


def _token(value: Any, field: str, what: str) -> str:
    """A label or relationship type: any text Neo4j can name one with (``Weird Label`` and
    ``back`tick`` too, as dump writes them); restore passes them as parameters, never in the
    statement's text (cypher/backup)."""
    if not isinstance(value, str) or not value or "\x00" in value or _SURROGATE.search(value):
        shown = json.dumps(value)[:80] if isinstance(value, str) else repr(value)[:80]
        raise _Bad(field, f"{what} must be text, not empty, with no NUL (got {shown})")
    return value


def _node(line: int, item: dict[str, Any]) -> Node | None:
    number = _number(item, "node")
    try:
        return _node_numbered(line, number, item)
    except _Bad as bad:
        bad.node = number  # reported here; relationships to it are not "to no node"
        raise


def _node_numbered(line: int, number: int, item: dict[str, Any]) -> Node | None:
    labels = item.get("labels", [])
    if not isinstance(labels, list):
        raise _Bad("labels", "must be a list of labels")
    labels = [_token(label, "labels", "a label") for label in labels]
    if LOCK_LABEL in labels or TALLY_LABELS.intersection(labels):
        return None  # not data: a relationship to one is one to a node not in the dump
    if internal := INTERNAL_LABELS.intersection(labels):
        raise _Bad("labels", f"{sorted(internal)[0]} is restore's own label, not data")
    return Node(line, number, labels, _props(item))


def _rel(line: int, item: dict[str, Any]) -> Rel:
    kind = _token(item["rel"], "rel", "a relationship type")
    return Rel(line, kind, _number(item, "start"), _number(item, "end"), _props(item))


def _one_each(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object whose keys differ: with a key twice, json keeps the last value without a
    word, and restore would write something the dump's writer never held."""
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise _Bad(None, f"the key {json.dumps(key)[:80]} is given twice in one object")
        found[key] = value
    return found


def _item(line: int, text: str) -> Node | Rel | None:
    try:
        item = json.loads(text, object_pairs_hook=_one_each)
    except RecursionError:
        raise _Bad(None, "nested too deeply to be a dump line") from None
    except ValueError:
        raise _Bad(None, "not a JSON line; is this a dump?") from None
    if not isinstance(item, dict):
        raise _Bad(None, "a dump line is a JSON object")
    if "node" in item and not item.keys() - _NODE_FIELDS:
        return _node(line, item)
    if "rel" in item and not item.keys() - _REL_FIELDS:
        return _rel(line, item)
    raise _Bad(None, "neither a node nor a relationship (fields: node/labels/props or "
                     "rel/start/end/props)")  # fmt: skip


def _lines(path: Path) -> Iterator[tuple[int, str | None]]:
    """Each non-blank line with its number; ``None`` for a line that is not UTF-8 or too long.
    A dump is read twice (checked, then written), so it must be a regular file: not a pipe or a
    device."""
    if problem := not_a_regular_file(path):
        raise DatasetError([problem])
    try:
        with open(path, "rb") as handle:
            yield from _numbered(handle)
    except OSError as exc:
        problem = Problem(str(path), None, None, f"cannot read it: {exc.strerror or exc}")
        raise DatasetError([problem]) from None


def _numbered(handle: BinaryIO) -> Iterator[tuple[int, str | None]]:
    number = 0
    while raw := handle.readline(MAX_LINE + 1):
        number += 1
        if len(raw) > MAX_LINE:
            while raw and not raw.endswith(b"\n"):  # skip the rest of the long line
                raw = handle.readline(MAX_LINE)
            yield number, None
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            yield number, None
            continue
        if number == 1:  # a byte-order mark, as an editor that saved the file may add
            text = text.removeprefix("\ufeff")
        if text.strip():
            yield number, text


def items(path: Path) -> Iterator[Node | Rel | Problem | BadNode]:
    """Every node and relationship of the dump in file order, or a Problem for a bad line
    (then, for a node's line, its number)."""
    where = str(path)
    lines = _lines(path)
    number, first = next(lines, (1, ""))
    try:
        header = json.loads(first) if first else None
    except (ValueError, RecursionError):
        header = None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        yield Problem(where, number, None, f"not an actorgraph dump (expected format {FORMAT})")
        return
    for number, text in lines:
        if text is None:
            yield Problem(where, number, None, f"not UTF-8 text, or longer than {MAX_LINE} bytes")
            continue
        try:
            item = _item(number, text)
        except _Bad as bad:
            yield Problem(where, number, bad.field, bad.message)
            if bad.node is not None:
                yield BadNode(bad.node)
            continue
        if item is not None:
            yield item


# -- the whole file --------------------------------------------------------------------------
@dataclass
class Checked:
    nodes: int = 0
    relationships: int = 0


def check(path: Path, unique: dict[str, list[list[str]]]) -> Checked:
    """Read the whole dump and raise DatasetError with every problem (up to a cap): bad lines,
    node numbers used twice, relationships to no node, and duplicates of what ``unique``
    (label → property lists, from the database's constraints) says is unique."""
    where = str(path)
    problems: list[Problem] = []
    numbers: set[int] = set()
    keys: set[str] = set()
    ends: list[tuple[int, int]] = []  # (line, number) of ends not seen yet
    counts = Checked()
    for item in items(path):
        if isinstance(item, Problem):
            problems.append(item)
        elif isinstance(item, BadNode):
            numbers.add(item.number)  # reported already; relationships to it are not wrong
            continue
        elif isinstance(item, Node):
            if item.number in numbers:
                problems.append(Problem(where, item.line, "node", f"node {item.number} twice"))
            numbers.add(item.number)
            problems.extend(_duplicates(where, item, unique, keys))
            counts.nodes += 1
        else:
            ends.extend((item.line, n) for n in (item.start, item.end) if n not in numbers)
            counts.relationships += 1
        if len(problems) >= MAX_PROBLEMS:
            problems.append(Problem(where, item.line, None, "stopped reading here"))
            break
    for line, number in ends:
        if number not in numbers:
            problems.append(Problem(where, line, None, f"no node {number} in the dump"))
    if problems:
        raise DatasetError(sorted(problems, key=lambda p: (p.line or 0, p.field or "", p.message)))
    return counts


def _duplicates(
    where: str, node: Node, unique: dict[str, list[list[str]]], seen: set[str]
) -> Iterator[Problem]:
    for label in node.labels:
        for properties in unique.get(label, []):
            values = [node.props.get(p) for p in properties]
            if any(v is None for v in values):
                continue
            # Neo4j compares 1 and 1.0 as equal: so does the key.
            same = [int(v) if isinstance(v, float) and v.is_integer() else v for v in values]
            key = json.dumps([label, properties, same], default=str)
            if key in seen:
                shown = ", ".join(f"{p} {json.dumps(v, default=str)[:60]}" for p, v in
                                  zip(properties, values, strict=True))  # fmt: skip
                yield Problem(where, node.line, "props", f"a second :{label} with {shown}")
            seen.add(key)
