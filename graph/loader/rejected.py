"""Importing the good rows of a feed and setting the bad ones aside (``--skip-bad-rows``).

An import is all or nothing by default. With bad rows skipped, the rows with problems are left
out and the file is read again without them, until it is clean (a row may only fail because of
another, so this can take a second pass); a problem that belongs to no row (a missing column,
the file itself) still stops the import. The rows left out are written, as they were, with a
``reason`` column to ``<input>.rejected.csv``.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ..errors import DatasetError, Problem
from ..files import private_output, writable
from ..parse.tables import row_word, rows_as_written

T = TypeVar("T")
MAX_PASSES = 5


def skipping_bad_rows(
    path: Path, attempt: Callable[[set[int]], T]
) -> tuple[T, dict[int, list[str]]]:
    """``attempt(skip)`` until it succeeds; returns its result and the rows skipped (line →
    reasons). Re-raises when a problem is not a row's, or the rows never come out clean."""
    skipped: dict[int, list[str]] = {}
    for _ in range(MAX_PASSES):
        try:
            return attempt(set(skipped)), skipped
        except DatasetError as exc:
            rows = rows_in_error(exc.problems, path)
            if rows is None or not rows.keys() - skipped.keys():
                raise
            for line, reasons in rows.items():
                skipped.setdefault(line, []).extend(reasons)
    raise DatasetError([Problem(str(path), None, None, "bad rows kept turning up; fix the file")])


def rows_in_error(problems: list[Problem], path: Path) -> dict[int, list[str]] | None:
    """The rows of ``path`` that have problems, with their messages; None if a problem is not
    one row's (another file, no line)."""
    rows: dict[int, list[str]] = {}
    for problem in problems:
        if problem.file != str(path) or not problem.line:
            return None
        reason = f"{problem.field}: {problem.message}" if problem.field else problem.message
        rows.setdefault(problem.line, []).append(reason)
    return rows


def rejected_path(path: Path) -> Path:
    return path.with_name(path.name + ".rejected.csv")


def room_for_rejected(path: Path) -> None:
    """Refuse, before anything is imported, when ``<input>.rejected.csv`` could not be written
    (a folder in its place, a folder the user may not write in)."""
    writable(rejected_path(path), "Nothing was imported; --skip-bad-rows puts the rows it "
             "leaves out there, so copy the input somewhere writable")  # fmt: skip


def write_rejected(path: Path, skipped: dict[int, list[str]]) -> Path:
    """The skipped rows of ``path`` as they were, each with its reasons, beside the input (as
    CSV, whatever the input: an API's JSON rows become CSV rows)."""
    out = rejected_path(path)
    rows, word = rows_as_written(path), row_word(path)
    with private_output(out, newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        _, header = next(rows, (1, []))
        writer.writerow([*header, "reason"])
        for line, row in rows:
            if line in skipped:
                writer.writerow([*row, f"{word} {line}: " + "; ".join(skipped[line])])
    return out
