"""Values that remember their place in a file, so every error can name file, line and field.

The YAML reader builds values from PyYAML's (libyaml's) parser events with its safe scalar
rules, and these changes: mappings and lists carry line numbers, a key given twice is an error
(PyYAML keeps the last one silently), aliases are refused (which also rules out "billion
laughs" expansion), and no tags but the standard ones are accepted.
"""

from __future__ import annotations

import hashlib
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import ScalarNode

from ..errors import DatasetError, Problem

# Largest file read. A file is also refused before reading when checking it would take more
# memory than the machine has free (see fits_in_memory).
MAX_YAML_BYTES = 64 * 1024 * 1024
MAX_CSV_BYTES = 1024 * 1024 * 1024
# Memory a check takes per byte of input, measured by bench/memory.py (about 31 for YAML
# records and 41 for CSV relations on the benchmark machine), with room to spare.
MEMORY_PER_BYTE = {"yaml": 40, "csv": 50}


class LocatedDict(dict):
    """A mapping with the line of itself and of each key (1-based)."""

    __slots__ = ("key_lines", "line")  # no __dict__ per record: large files stay small
    line: int
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LocatedList(list):
    """A list with the line of itself and of each item (1-based)."""

    __slots__ = ("item_lines", "line")
    line: int
    item_lines: list[int]


@dataclass
class Document:
    path: Path
    value: Any
    problems: list[Problem] = field(default_factory=list)


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML was built with it
_DEFAULT_TAGS = {None, "!", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}
_SCALAR_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null")}
_REFUSED_SCALARS = {
    "tag:yaml.org,2002:merge": "merge keys (<<) are not allowed: write the fields out",
    "tag:yaml.org,2002:value": "a bare = is not a value: quote it ('=')",
    "tag:yaml.org,2002:binary": "binary values (!!binary) are not allowed: write text",
}


class _Builder:
    """Values straight from the parser's events, never a tree of nodes: memory stays close to
    the values themselves. Mappings and lists carry their lines, a key given twice is an
    error, aliases are refused, and dates stay text (our partial-date parser reads them)."""

    def __init__(self, text: str) -> None:
        self.loader = _Loader(text)

    def document(self) -> Any:
        loader = self.loader
        loader.get_event()  # stream start
        if loader.check_event(yaml.StreamEndEvent):
            return None
        loader.get_event()  # document start
        value = self.value()
        loader.get_event()  # document end
        if not loader.check_event(yaml.StreamEndEvent):
            event = loader.get_event()
            raise yaml.MarkedYAMLError(
                None, None, "expected a single document in the file", event.start_mark
            )
        return value

    def value(self) -> Any:
        event = self.loader.get_event()
        if isinstance(event, yaml.AliasEvent):
            problem = "anchors and aliases (*name) are not allowed"
            raise yaml.MarkedYAMLError("while reading", None, problem, event.start_mark)
        if isinstance(event, yaml.ScalarEvent):
            return self.scalar(event)
        if getattr(event, "tag", None) not in _DEFAULT_TAGS:
            problem = f"tags such as {event.tag} are not allowed"
            raise yaml.MarkedYAMLError("while reading", None, problem, event.start_mark)
        if isinstance(event, yaml.SequenceStartEvent):
            return self.sequence(event)
        return self.mapping(event)

    def scalar(self, event: yaml.ScalarEvent) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.loader.resolve(ScalarNode, event.value, event.implicit)
        if tag == "tag:yaml.org,2002:timestamp":
            return event.value
        if tag not in _SCALAR_TAGS:
            problem = _REFUSED_SCALARS.get(tag, f"tags such as {tag} are not allowed here")
            raise yaml.MarkedYAMLError("while reading", None, problem, event.start_mark)
        if "\x00" in event.value:  # an escape ("\0", "\u0000"): the file itself holds none
            problem = "a NUL character (\\0) is not text: no CSV file can hold it; remove it"
            raise yaml.MarkedYAMLError("while reading", None, problem, event.start_mark)
        node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            return self.loader.yaml_constructors[tag](self.loader, node)
        except (ValueError, KeyError, TypeError, OverflowError):
            problem = f"{event.value[:60]!r} is not a valid {tag.rsplit(':', 1)[-1]}"
            raise yaml.MarkedYAMLError("while reading", None, problem, event.start_mark) from None

    def sequence(self, event: yaml.SequenceStartEvent) -> LocatedList:
        result = LocatedList()
        result.line = event.start_mark.line + 1
        result.item_lines = []
        while not self.loader.check_event(yaml.SequenceEndEvent):
            result.item_lines.append(self.loader.peek_event().start_mark.line + 1)
            result.append(self.value())
        self.loader.get_event()
        return result

    def mapping(self, event: yaml.MappingStartEvent) -> LocatedDict:
        result = LocatedDict()
        result.line = event.start_mark.line + 1
        result.key_lines = {}
        while not self.loader.check_event(yaml.MappingEndEvent):
            mark = self.loader.peek_event().start_mark
            key = self.value()
            if not isinstance(key, str | int | float | bool) or key is None:
                raise yaml.MarkedYAMLError("while reading a mapping", None,
                                           "keys must be plain words", mark)  # fmt: skip
            key = str(key)
            if key in result:
                problem = f"key {key!r} appears twice (first on line {result.key_lines[key]})"
                raise yaml.MarkedYAMLError("while reading a mapping", None, problem, mark)
            result.key_lines[key] = mark.line + 1
            result[key] = self.value()
        self.loader.get_event()
        return result


def limit_for(path: Path) -> int:
    """The largest file of this type we read (see MAX_YAML_BYTES)."""
    return MAX_CSV_BYTES if path.suffix.lower() == ".csv" else MAX_YAML_BYTES


def not_utf8(path: Path, at: int) -> str:
    """Why ``path`` is not UTF-8 text from ``at`` on, and what to do: the packagings a download
    comes in (a ZIP, as UCDP distributes GED; gzip; an Excel workbook; Excel's "Unicode text")
    are named, not taken for text in another encoding."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError:
        head = b""
    if head.startswith(b"PK\x03\x04"):
        names = _zipped(path)
        if any(name.startswith("xl/") for name in names):
            return "an Excel workbook, not CSV text: open it and save it as CSV UTF-8"
        if "content.xml" in names and "mimetype" in names:
            return "an OpenDocument spreadsheet, not CSV text: open it and save it as CSV UTF-8"
        held = f" holding {', '.join(names[:3])}" if names else ""
        return f"a ZIP archive{held}: unzip it and give the file inside"
    if head.startswith(b"\x1f\x8b"):
        return "gzip-compressed: decompress it first (gunzip) and give the file inside"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "an Excel 97-2003 workbook, not CSV text: open it and save it as CSV UTF-8"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return 'UTF-16 text (Excel\'s "Unicode text"): save it as CSV UTF-8'
    return f"not valid UTF-8 (byte {at}); save as UTF-8"


def _zipped(path: Path) -> list[str]:
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            return archive.namelist()
    except (OSError, zipfile.BadZipFile):
        return []


def not_a_regular_file(path: Path) -> Problem | None:
    """Why ``path`` cannot be read as an input file, or None: a pipe, a device or a socket has
    no size to check and may never end, so only regular files (and links to them) are read."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None  # reading it says why it cannot be read
    if stat.S_ISREG(mode):
        return None
    what = "a folder" if stat.S_ISDIR(mode) else "not a regular file (a pipe or a device)"
    return Problem(str(path), None, None, f"{what}; give a file")


def too_big(path: Path, limit: int) -> str | None:
    """Why the file is too big to read, or None (a file that cannot be stat-ed is read, and
    reading it reports why it cannot be)."""
    try:
        size = path.stat().st_size
    except OSError:
        return None
    if size <= limit:
        return None
    return (
        f"file is {size:,} bytes; the limit is {limit:,}: split it into several files "
        "(a folder of files, or several files given together, load as one dataset)"
    )


def fits_in_memory(
    files: list[Path], available: int | None = None, *, feed: bool = False
) -> Problem | None:
    """Why these files cannot be checked in the memory this machine has free, or None.

    Everything read is held until it is checked (references run across files), so the need
    grows with the input: MEMORY_PER_BYTE times its size. ``available`` defaults to the
    kernel's MemAvailable; where that is unknown (not Linux), nothing is refused. A ``feed``
    (an ACLED or GED export, CSV or JSON) counts as CSV, under the CSV limit."""
    available = available if available is not None else _memory_available()
    sizes = {"yaml": 0, "csv": 0}
    for path in files:
        try:
            size = path.stat().st_size
        except OSError:
            continue
        table = feed or path.suffix.lower() == ".csv"
        if size <= (MAX_CSV_BYTES if feed else limit_for(path)):  # over it: refused, and why
            sizes["csv" if table else "yaml"] += size
    need = sum(MEMORY_PER_BYTE[kind] * size for kind, size in sizes.items())
    if available is None or need <= available:
        return None
    gib = 1024**3
    return Problem(
        str(files[0]) if len(files) == 1 else f"{len(files)} files",
        None,
        None,
        f"checking {sum(sizes.values()) / 1024**2:,.0f} MB of input takes about "
        f"{need / gib:.1f} GiB of memory, and this machine has {available / gib:.1f} GiB "
        "free: load the files as several datasets, or free memory first",
    )


def _memory_available() -> int | None:
    try:
        with open("/proc/meminfo") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def sha256_of(path: Path) -> bytes:
    """The SHA-256 of a file, read in chunks (never whole)."""
    with open(path, "rb") as source:
        return hashlib.file_digest(source, "sha256").digest()


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """A file's bytes, refused before reading when it is over the limit for its type."""
    limit = limit_for(path) if limit is None else limit
    if problem := not_a_regular_file(path):
        raise DatasetError([problem])
    if message := too_big(path, limit):
        raise DatasetError([Problem(str(path), None, None, message)])
    try:
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
        raise DatasetError([Problem(str(path), line, None, not_utf8(path, exc.start))]) from None
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
        value = _Builder(text).document()
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
