"""CSV files read as a stream: row by row, hashed as they are read, refused at the first fault.

A CSV file may be far larger than the records it holds are worth keeping twice, so it is never
read whole: the bytes pass once through SHA-256 (for the load's inputs fingerprint) and the
UTF-8 decoder into :mod:`csv`. A field over :data:`MAX_FIELD` characters, bytes that are not
UTF-8, or a NUL stop the file at once with its line, whatever its size.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import DatasetError, Problem
from .located import MAX_CSV_BYTES, not_a_regular_file, not_utf8, too_big

MAX_FIELD = 1_000_000  # characters in one cell
MAX_LINE = 8 * MAX_FIELD  # characters in one line of the file
_CHUNK = 1 << 16


class _Hashing(io.RawIOBase):
    """A binary stream that hashes what passes through it."""

    def __init__(self, source: BinaryIO) -> None:
        self.source = source
        self.sha256 = hashlib.sha256()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        count = self.source.readinto(buffer)  # type: ignore[attr-defined]
        if count:
            self.sha256.update(memoryview(buffer)[:count])
        return count or 0


def csv_rows(
    path: Path, digests: dict[Path, bytes] | None = None, data: bytes | None = None
) -> Iterator[tuple[int, list[str]]]:
    """Each row of the file (the header first) with the line it starts on.

    ``data`` are the file's bytes when the caller has them already. Once the whole file is read,
    ``digests[path]`` holds the SHA-256 of its bytes; if it held another (taken when the file was
    read before), the file changed in between and that is an error."""
    file = str(path)
    if data is None and (problem := not_a_regular_file(path)):
        raise DatasetError([problem])
    if data is None and (message := too_big(path, MAX_CSV_BYTES)):
        raise DatasetError([Problem(file, None, None, message)])
    try:
        source: BinaryIO = io.BytesIO(data) if data is not None else open(path, "rb")  # noqa: SIM115
    except OSError as exc:
        raise DatasetError([Problem(file, None, None, f"cannot read: {exc.strerror}")]) from None
    hashing = _Hashing(source)
    text = io.TextIOWrapper(io.BufferedReader(hashing, _CHUNK), encoding="utf-8-sig", newline="")
    csv.field_size_limit(MAX_FIELD)
    reader = csv.reader(_lines(text, file), strict=True)  # a quote left open is an error
    line = 1
    try:
        for row in reader:
            if any("\x00" in cell for cell in row):
                raise DatasetError([Problem(file, line, None, "contains a NUL byte")])
            yield line, row
            line = reader.line_num + 1
    except csv.Error as exc:
        raise DatasetError([Problem(file, line, None, f"CSV: {exc}")]) from None
    except UnicodeDecodeError:
        where, at = _first_bad_byte(path, data)
        raise DatasetError([Problem(file, where, None, not_utf8(path, at))]) from None
    finally:
        text.close()
    kept_digest(path, hashing.sha256.digest(), digests, given=data is not None)


def _lines(text: io.TextIOWrapper, file: str) -> Iterator[str]:
    """The file's lines; one too long to be a table row stops the file before it is kept."""
    number = 0
    while line := text.readline(MAX_LINE + 1):
        number += 1
        if len(line) > MAX_LINE:
            message = f"line longer than {MAX_LINE:,} characters; is this a CSV table?"
            raise DatasetError([Problem(file, number, None, message)])
        yield line


def kept_digest(path: Path, digest: bytes, digests: dict[Path, bytes] | None, given: bool) -> None:
    """Keep the SHA-256 of the bytes read in ``digests``; an error if it held another (the
    file changed since it was read before)."""
    if digests is None:
        return
    if not given and digests.get(path, digest) != digest:
        message = "the file changed while it was being read; run the command again"
        raise DatasetError([Problem(str(path), None, None, message)])
    digests[path] = digest


def _first_bad_byte(path: Path, data: bytes | None) -> tuple[int, int]:
    """The line and offset of the first byte that is not UTF-8, found by reading again."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset, line = 0, 1
    with io.BytesIO(data) if data is not None else open(path, "rb") as source:
        while chunk := source.read(_CHUNK):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                return line + chunk[: exc.start].count(b"\n"), offset + exc.start
            offset, line = offset + len(chunk), line + chunk.count(b"\n")
    return line, offset
