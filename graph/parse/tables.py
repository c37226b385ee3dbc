"""A feed's table as rows of text cells, from a CSV export or from an API's JSON.

ACLED's API answers ``{"success": true, "count": …, "data": [{column: value, …}, …]}`` and
UCDP's ``{"TotalCount": …, "Result": [{…}, …]}``; a saved list of such rows (``[{…}, …]``)
is read too. JSON rows become what a CSV export gives: a header (every key, in the order first
met) and, per row, its cells as text (numbers written plainly, a missing key or null as an
empty cell), so the feed's reader handles both alike.

A CSV row is numbered by the line it starts on; a JSON row by its place in the list (1 is the
first), since an API's answer is often one line. :func:`row_word` says which.
:func:`feed_rows` gives a feed's rows as dicts by column, whichever the file.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Any

from ..errors import DatasetError, Problem
from .csvfile import MAX_FIELD, csv_rows, kept_digest
from .files import RawDataset
from .located import MAX_CSV_BYTES, fits_in_memory, not_a_regular_file, not_utf8, too_big

ROW_LISTS = ("data", "Result")  # where ACLED's and UCDP's APIs put the rows
_SURROGATE = re.compile("[\ud800-\udfff]")  # JSON's \\ud800 escapes give what UTF-8 cannot hold


def is_json(path: Path) -> bool:
    """Whether the file holds JSON: a file not named ``.csv`` whose first character other
    than space is ``{`` or ``[``. (A pipe or a device is not opened: CSV reading refuses it.)"""
    if path.suffix.lower() == ".csv" or not_a_regular_file(path):
        return False
    try:
        with open(path, "rb") as handle:
            start = handle.read(4096).removeprefix(b"\xef\xbb\xbf").lstrip()
    except OSError:
        return False  # reading it as CSV says why it cannot be read
    return start[:1] in (b"{", b"[")


def row_word(path: Path) -> str:
    """What the number after a feed file's name counts: its lines, or its JSON rows."""
    return "record" if is_json(path) else "line"


def json_rows(
    path: Path, digests: dict[Path, bytes], problems: list[Problem], skip: Collection[int] = ()
) -> Iterator[tuple[int, list[str]]]:
    """The rows of a JSON answer as a table: the header numbered 0, then rows from 1.

    A row with a value no cell can hold (a list, an object, a NUL) is left out and its problem
    put in ``problems``; rows numbered in ``skip`` are left out unread."""
    file, found = str(path), []

    def checked(number: int, row: Any) -> list[str] | None:
        before = len(found)
        if not isinstance(row, dict):
            kind = type(row).__name__
            found.append(Problem(file, number, None, f"a row is an object of columns, not {kind}"))
            return None
        if isinstance(row, _Twice):
            found.append(Problem(file, number, row.twice, "the row gives this key twice"))
            return None
        cells = [_cell(row.get(key), file, number, key, found) for key in header]
        return cells if len(found) == before else None

    rows = _rows_of(_document(path, digests), file)
    header = _header(rows)
    if bad := next((key for key in header if "\x00" in key or _SURROGATE.search(key)), None):
        message = (f"the key {json.dumps(bad)} holds a NUL or half of a UTF-16 pair: no column "
                   "can be named so")  # fmt: skip
        raise DatasetError([Problem(file, None, None, message)])
    yield 0, header
    for number, row in enumerate(rows, start=1):
        if number not in skip and (cells := checked(number, row)) is not None:
            yield number, cells
    problems.extend(found)


def rows_as_written(path: Path) -> Iterator[tuple[int, list[str]]]:
    """Every row of the file, header first, each cell as it was (a JSON list or object as its
    JSON text): for writing rows back out, faults and all."""
    if not is_json(path):
        yield from csv_rows(path)
        return
    rows = _rows_of(_document(path, None), str(path))
    header = _header(rows)
    yield 0, header
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            yield number, [json.dumps(row, ensure_ascii=False)]
            continue
        yield number, [_as_written(row.get(key)) for key in header]


def _header(rows: list[Any]) -> list[str]:
    return list(dict.fromkeys(key for row in rows if isinstance(row, dict) for key in row))


def _as_written(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else None
    text = _cell(value, "", 0, "", []) if text is None else text
    # half a UTF-16 pair cannot be written as UTF-8: keep it as its escape
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _document(path: Path, digests: dict[Path, bytes] | None) -> Any:
    file = str(path)
    if problem := not_a_regular_file(path):
        raise DatasetError([problem])
    if message := too_big(path, MAX_CSV_BYTES):
        raise DatasetError([Problem(file, None, None, message)])
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DatasetError([Problem(file, None, None, f"cannot read: {exc.strerror}")]) from None
    kept_digest(path, hashlib.sha256(data).digest(), digests, given=False)
    try:
        # NaN and Infinity stay text: the field that gets one refuses it as it would in a CSV
        text = data.decode("utf-8-sig")
        return json.loads(text, object_pairs_hook=_once, parse_constant=str, parse_int=_integer)
    except UnicodeDecodeError as exc:
        raise DatasetError([Problem(file, None, None, not_utf8(path, exc.start))]) from None
    except json.JSONDecodeError as exc:
        message = f"not valid JSON: {exc.msg} (column {exc.colno})"
        raise DatasetError([Problem(file, exc.lineno, None, message)]) from None
    except RecursionError:
        message = "JSON nested too deeply to be a table of rows"
        raise DatasetError([Problem(file, None, None, message)]) from None


class _Twice(dict):
    """An object that gives a key twice (which value would be the fact?): its row's problem."""

    twice: str


def _once(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    row = dict(pairs)
    if len(row) == len(pairs):
        return row
    seen: set[str] = set()
    marked = _Twice(row)
    marked.twice = next(key for key, _ in pairs if key in seen or seen.add(key))
    return marked


def _integer(text: str) -> int | str:
    """An integer, or its digits as text when Python would refuse to make one that long
    (the field that gets it says what is wrong with it)."""
    return int(text) if len(text) <= 4000 else text


def _rows_of(document: Any, file: str) -> list[Any]:
    """The list of rows an API answer (or a saved list) holds."""
    rows = document
    if isinstance(document, _Twice):
        message = f"the answer gives the key {document.twice!r} twice"
        raise DatasetError([Problem(file, None, None, message)])
    if isinstance(document, dict):
        listed = any(key in document for key in ROW_LISTS)
        if document.get("success") is False or (document.get("error") and not listed):
            error = document.get("error") or document.get("messages") or document
            message = f"the file is an API's error answer, not data: {json.dumps(error)[:300]}"
            raise DatasetError([Problem(file, None, None, message)])
        if not listed:
            keys = ", ".join(list(document)[:10]) or "none"
            message = (f"JSON without a list of rows: expected the key {' or '.join(ROW_LISTS)} "
                       f"(an API's answer) or a list; its keys are {keys}")  # fmt: skip
            raise DatasetError([Problem(file, None, None, message)])
        rows = next(document[key] for key in ROW_LISTS if key in document)
        if message := _one_page(document, rows):
            raise DatasetError([Problem(file, None, None, message)])
    if not isinstance(rows, list):
        given = "null" if rows is None else type(rows).__name__
        message = f"the rows should be a list, not {given}"
        raise DatasetError([Problem(file, None, None, message)])
    if rows and not any(isinstance(row, dict) for row in rows):
        message = f"a row is an object of columns, not {type(rows[0]).__name__}"
        raise DatasetError([Problem(file, 1, None, message)])
    return rows


def _one_page(document: dict[str, Any], rows: Any) -> str | None:
    """Why the answer is one page of UCDP's API rather than the whole of what was asked, or
    None: imported, one page would replace the dataset with a fraction of it."""
    total, pages = document.get("TotalCount"), document.get("TotalPages")
    if isinstance(total, int) and isinstance(rows, list):
        more = total > len(rows)  # pages joined into the first's wrapper are whole
    else:
        more = bool(document.get("NextPageUrl")) or (isinstance(pages, int) and pages > 1)
    if not more:
        return None
    held = f"{len(rows):,} of {total:,} rows" if isinstance(total, int) else "one page"
    return (f"one page of an API answer ({held}; TotalPages {pages}): save every page and "
            "give their rows as one list, [{...}, ...]")  # fmt: skip


def _cell(value: Any, file: str, number: int, key: str, problems: list[Problem]) -> str:
    """A JSON value as the text a CSV cell would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if not isinstance(value, str | int | float):
        what = "an object" if isinstance(value, dict) else "a list"
        problems.append(Problem(file, number, key, f"{what}, not text or a number"))
        return ""
    text = str(value)
    if "\x00" in text:
        problems.append(Problem(file, number, key, "contains a NUL character"))
    elif _SURROGATE.search(text):
        message = "holds half of a UTF-16 pair (a lone \\ud800-\\udfff escape), which is no text"
        problems.append(Problem(file, number, key, message))
    elif len(text) > MAX_FIELD:
        problems.append(Problem(file, number, key, f"longer than {MAX_FIELD:,} characters"))
    return text


def feed_rows(
    path: Path,
    raw: RawDataset,
    *,
    feed: str,
    required: Collection[str],
    renamed: dict[str, str] | None = None,
    skip: Collection[int] = (),
    read: Collection[str] = (),
) -> Iterator[tuple[int, dict[str, str]]]:
    """The rows of a feed's export (CSV, or an API's JSON: see :mod:`.tables`) as dicts of
    stripped cells, by lower-case column name.

    A missing required column stops the file; a row with more or fewer cells than the header
    is a problem of its line; rows starting on the lines in ``skip`` are left out."""
    file = str(path)
    if too_much := fits_in_memory([path], feed=True):
        raise DatasetError([too_much])
    if is_json(path):
        rows = json_rows(path, raw.digests, raw.problems, skip)
    else:  # rows in ``skip`` are left out below
        rows = csv_rows(path, raw.digests)
    at, header = next(rows, (1, []))  # a JSON answer's header is no line of the file: 0
    header = feed_header(header, renamed)
    if missing := [c for c in required if c not in header]:
        message = f"not {feed} export: missing columns {', '.join(missing)}"
        if not header:
            message = (f"no rows: {feed} export's JSON lists at least one" if at == 0 else
                       f"the file is empty: {feed} export starts with its header row")  # fmt: skip
        elif len(header) == 1 and (sep := next((c for c in ";\t|" if c in header[0]), None)):
            shown_sep = {"\t": "tabs", ";": "';'", "|": "'|'"}[sep]
            message += (f"; its header is one column holding {shown_sep}: save the file with "
                        "commas between cells (some spreadsheets use ';' or tabs)")  # fmt: skip
        elif header[0].startswith("sep="):
            message += ("; its first line is Excel's 'sep=' line, not the header: delete that "
                        "line")  # fmt: skip
        raise DatasetError([Problem(file, at or None, None, message)])
    if misspelt := _misspelt(header, read):
        raise DatasetError([Problem(file, at or None, None, misspelt)])
    for line, row in rows:
        if line in skip or not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            message = f"row has {len(row)} cells, the header {len(header)}"
            raw.problems.append(Problem(file, line, None, message))
            continue
        if len(set(header)) == len(header):
            yield line, dict(zip(header, (cell.strip() for cell in row), strict=True))
        elif (cells := _one_per_column(header, row, file, line, raw.problems)) is not None:
            yield line, cells


def feed_header(header: list[str], renamed: dict[str, str] | None = None) -> list[str]:
    """A feed's header as its rows are read by: lower case, stripped, older names renamed
    (``EVENT_ID_CNTY``, ``ALLY_ACTOR_1``)."""
    return [(renamed or {}).get(h, h) for h in (h.strip().lower() for h in header)]


def _misspelt(header: list[str], read: Collection[str]) -> str | None:
    """A column the feed does not read, named nearly as one it reads that the header lacks
    (``fatalites``, ``lat``): its values would be lost without a word."""
    absent = [column for column in read if column not in header]
    for column in header:
        if not column or column in read:
            continue
        near = difflib.get_close_matches(column, absent, n=1, cutoff=0.85)
        near = near or [a for a in absent if len(column) >= 3 and a.startswith(column)][:1]
        if near:
            return (f"the header has {column!r} but no {near[0]!r}, which is read: rename the "
                    f"column {near[0]} (its values would be lost otherwise)")  # fmt: skip
    return None


def _one_per_column(
    header: list[str], row: list[str], file: str, line: int, problems: list[Problem]
) -> dict[str, str] | None:
    """A row whose header names a column twice (``Event_Date`` and ``event_date``, or
    ``ally_actor_1`` beside ``assoc_actor_1``; JSON rows may each spell a key their own way):
    each column takes the one value given, and two different values are the row's problem."""
    cells: dict[str, str] = {}
    for name, cell in zip(header, (cell.strip() for cell in row), strict=True):
        if not name:  # a column without a name is read by no one
            continue
        if cell and cells.get(name) and cells[name] != cell:
            message = f"two columns give {name}: {cells[name]!r} and {cell!r}"
            problems.append(Problem(file, line, name, message))
            return None
        if cell or name not in cells:
            cells[name] = cell
    return cells
