"""Write query results as JSON, JSON lines or CSV, streaming rows as they come."""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Iterable
from typing import Any, TextIO

from ..values import plain, spreadsheet_safe

FORMATS = ("table", "json", "jsonl", "csv")


def write_json(columns: list[str], rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    """One document: {"columns": [...], "rows": [{column: value}, ...]}."""
    out.write('{"columns": ' + json.dumps(columns) + ', "rows": [')
    count = 0
    for row in rows:
        out.write(("," if count else "") + "\n  " + _dumps(row))
        count += 1
    out.write("\n]}\n" if count else "]}\n")
    return count


def write_jsonl(columns: list[str], rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    count = 0
    for row in rows:
        out.write(_dumps(row) + "\n")
        count += 1
    return count


def write_csv(
    columns: list[str], rows: Iterable[dict[str, Any]], out: TextIO, raw: bool = False
) -> int:
    """A header, then one line per row; lists, maps, nodes and relationships as JSON text.
    A cell that starts like a formula gets a leading "'" unless ``raw``."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    count = 0
    for row in rows:
        writer.writerow([csv_cell(plain(row[c]), raw) for c in columns])
        count += 1
    return count


def csv_cell(value: Any, raw: bool = False) -> str:
    """A value as a CSV cell; formula-like text made spreadsheet-safe unless ``raw``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    else:
        text = str(value)
    return text if raw else spreadsheet_safe(text)


def _dumps(row: dict[str, Any]) -> str:
    """One row as JSON; NaN and infinities (which JSON has not) become null."""
    return json.dumps({k: _finite(plain(v)) for k, v in row.items()}, ensure_ascii=False)


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, list):
        return [_finite(v) for v in value]
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    return value


WRITERS = {"json": write_json, "jsonl": write_jsonl, "csv": write_csv}
