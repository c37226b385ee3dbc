"""Values that remember their place in a file, so every error can name file, line and field.

The YAML reader is PyYAML's safe loader with three changes: mappings and lists carry line
numbers, a key given twice is an error (PyYAML keeps the last one silently), and anchors and
aliases are refused, which also rules out "billion laughs" expansion.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode

from ..errors import DatasetError, Problem

# Largest file read: YAML is parsed with a line for every node (memory grows several times the
# file); CSV rows are plain, so a million relations (about 80 MB) fit.
MAX_YAML_BYTES = 64 * 1024 * 1024
MAX_CSV_BYTES = 1024 * 1024 * 1024


class LocatedDict(dict):
    """A mapping with the line of itself and of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LocatedList(list):
    line: int = 0
    item_lines: list[int]


@dataclass
class Document:
    path: Path
    value: Any
    problems: list[Problem] = field(default_factory=list)


class _Loader(yaml.SafeLoader):
    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.MarkedYAMLError(
                "while reading",
                None,
                "anchors and aliases (*name) are not allowed",
                event.start_mark,
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> LocatedDict:
        result = LocatedDict()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str | int | float | bool) or key is None:
                raise yaml.MarkedYAMLError(
                    "while reading a mapping", None, "keys must be plain words", key_node.start_mark
                )
            key = str(key)
            if key in result:
                raise yaml.MarkedYAMLError(
                    "while reading a mapping",
                    None,
                    f"key {key!r} appears twice (first on line {result.key_lines[key]})",
                    key_node.start_mark,
                )
            result[key] = self.construct_object(value_node, deep=True)
            result.key_lines[key] = key_node.start_mark.line + 1
        return result

    def construct_sequence(self, node, deep=False):  # type: ignore[no-untyped-def]
        result = LocatedList(self.construct_object(child, deep=True) for child in node.value)
        result.line = node.start_mark.line + 1
        result.item_lines = [child.start_mark.line + 1 for child in node.value]
        return result


def _construct_located_mapping(loader: _Loader, node: MappingNode) -> LocatedDict:
    return loader.construct_mapping(node)


def _construct_located_sequence(loader: _Loader, node):  # type: ignore[no-untyped-def]
    return loader.construct_sequence(node)


def _construct_timestamp_as_text(loader: _Loader, node):  # type: ignore[no-untyped-def]
    # Dates stay text: our partial-date parser reads them, with their precision kept.
    return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_located_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_located_sequence)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp_as_text)


def limit_for(path: Path) -> int:
    """The largest file of this type we read (see MAX_YAML_BYTES)."""
    return MAX_CSV_BYTES if path.suffix.lower() == ".csv" else MAX_YAML_BYTES


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """A file's bytes, refused before reading when it is over the limit for its type."""
    limit = limit_for(path) if limit is None else limit
    try:
        size = path.stat().st_size
        if size > limit:
            message = (
                f"file is {size:,} bytes; the limit is {limit:,}: split it into several files "
                "(a folder of files, or several files given together, load as one dataset)"
            )
            raise DatasetError([Problem(str(path), None, None, message)])
        return path.read_bytes()
    except OSError as exc:
        raise DatasetError(
            [Problem(str(path), None, None, f"cannot read: {exc.strerror}")]
        ) from None


def read_text(
    path: Path,
    limit: int = MAX_YAML_BYTES,
    digests: dict[Path, bytes] | None = None,
    data: bytes | None = None,
) -> str:
    """A file's text as UTF-8 (a BOM is dropped); bad bytes are reported with their offset.

    ``digests`` receives the SHA-256 of the bytes read, for the load's inputs fingerprint;
    ``data`` are the file's bytes when the caller has already read them.
    """
    if data is None:
        data = read_bytes(path, limit)
    elif digests is not None and path in digests:
        digests = None  # the caller hashed these very bytes
    if digests is not None:
        digests[path] = hashlib.sha256(data).digest()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DatasetError(
            [Problem(str(path), line, None, f"not valid UTF-8 (byte {exc.start}); save as UTF-8")]
        ) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise DatasetError([Problem(str(path), line, None, "contains a NUL byte")])
    return text


def read_yaml_file(
    path: Path, digests: dict[Path, bytes] | None = None, data: bytes | None = None
) -> Document:
    """Parse one YAML file into located values, or raise DatasetError naming file and line."""
    text = read_text(path, digests=digests, data=data)
    try:
        value = yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "YAML syntax error"
        raise DatasetError([Problem(str(path), line, None, f"YAML: {problem}")]) from None
    except yaml.YAMLError as exc:
        raise DatasetError([Problem(str(path), None, None, f"YAML: {exc}")]) from None
    except RecursionError:
        raise DatasetError([Problem(str(path), None, None, "YAML nested too deeply")]) from None
    return Document(path, value)
