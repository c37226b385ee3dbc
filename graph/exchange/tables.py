"""A view as a folder of the loader's CSV files: sources.csv, actors.csv, places.csv,
events.csv and relations.csv (list cells joined with ``;``), and dataset.yaml naming the
dataset, so that ``load FOLDER`` reads it back under the same name."""

from __future__ import annotations

import csv
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import yaml

from ..errors import ExportError, OutputError
from ..files import keep_mode, output_target, private_folder, private_opener
from ..subgraph import View
from ..values import spreadsheet_safe
from .document import COLUMNS, document

# --out names that are files, not the folder a CSV export writes (which may hold dots)
_FILE_SUFFIXES = frozenset({".csv", ".json", ".jsonl", ".yaml", ".yml", ".graphml", ".gexf",
                            ".cypher", ".html", ".txt", ".xml"})  # fmt: skip


def write_csv(view: View, folder: Path, raw: bool = False) -> list[Path]:
    """Every file is written beside the folder first and moved in only when all succeeded, so a
    refused export leaves nothing behind (and an earlier export in the folder stays whole).
    Cells that start like a spreadsheet formula get a leading "'" unless ``raw``; the loader
    takes it off again."""
    if not folder.is_dir() and folder.suffix.lower() in _FILE_SUFFIXES:
        raise OutputError(
            f"Cannot write {folder}: the CSV export is a folder of files (actors.csv, "
            "relations.csv …), and this names a file. Give a folder, e.g. --out export-csv/."
        )
    doc = document(view)
    tables = {  # every cell first: a cell that cannot be written stops before any file is made
        section: [[c if raw else spreadsheet_safe(c) for c in
                   (_csv_cell(record, f, section) for f in fields)] for record in doc[section]]
        for section, fields in COLUMNS.items()
    }  # fmt: skip
    said = {key: doc[key] for key in ("dataset", "description") if key in doc}
    named = yaml.safe_dump(said, allow_unicode=True, sort_keys=False)
    written = [folder / f"{section}.csv" for section in COLUMNS] + [folder / "dataset.yaml"]
    private_folder(folder)
    targets = [output_target(path) for path in written]  # refused: a folder, a pipe … in the way
    try:
        with tempfile.TemporaryDirectory(prefix=".actorgraph-export-", dir=folder) as staging:
            for section, fields in COLUMNS.items():
                staged = Path(staging) / f"{section}.csv"
                with open(staged, "w", newline="", encoding="utf-8", opener=private_opener) as out:
                    writer = csv.writer(out)
                    writer.writerow(fields)
                    writer.writerows(tables[section])
            staged = Path(staging) / "dataset.yaml"
            with open(staged, "w", encoding="utf-8", opener=private_opener) as out:
                out.write("# The dataset these files hold, for `actorgraph load` (an export)\n")
                out.write(named)
            for path, (target, existing) in zip(written, targets, strict=True):
                keep_mode(Path(staging) / path.name, existing)
                os.replace(Path(staging) / path.name, target)
    except OSError as exc:
        raise OutputError(f"Cannot write {folder}: {exc.strerror or exc}.") from None
    return written


def _csv_cell(record: dict[str, Any], field: str, section: str) -> str:
    value = record.get(field)
    if value is None:
        return ""
    if isinstance(value, dict):  # a relation's figures: the loader reads the JSON back
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        for item in value:
            if ";" in str(item):
                raise ExportError(
                    f"{section} {record.get('id')!r}, {field}: {item!r} contains ';', which CSV "
                    "exports use to separate list items; export as json instead."
                )
        return ";".join(str(v) for v in value)
    return str(value)
