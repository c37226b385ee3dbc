"""A view as a folder of the loader's CSV files: sources.csv, actors.csv, places.csv,
events.csv and relations.csv (list cells joined with ``;``)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from ..errors import ExportError
from ..subgraph import View
from .document import COLUMNS, document


def write_csv(view: View, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    doc = document(view)
    written = []
    for section, fields in COLUMNS.items():
        path = folder / f"{section}.csv"
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(fields)
            for record in doc[section]:
                writer.writerow([_csv_cell(record, f, section) for f in fields])
        written.append(path)
    return written


def _csv_cell(record: dict[str, Any], field: str, section: str) -> str:
    value = record.get(field)
    if value is None:
        return ""
    if isinstance(value, list):
        for item in value:
            if ";" in str(item):
                raise ExportError(
                    f"{section} {record.get('id')!r}, {field}: {item!r} contains ';', which CSV "
                    "exports use to separate list items; export as json instead."
                )
        return ";".join(str(v) for v in value)
    return str(value)
