"""Read dataset files (YAML documents, CSV tables, or folders of them) into raw records.

Nothing is validated here beyond the file format; each record keeps its file, line and the
line of each field, so that later stages can point at the exact place of a problem.
"""

from __future__ import annotations

import os
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DatasetError, Problem, as_option
from ..model import FILE_SECTIONS
from ..values import from_spreadsheet
from .csvfile import csv_rows
from .located import LocatedDict, LocatedList, fits_in_memory, read_yaml_file

SECTIONS = FILE_SECTIONS
TOP_LEVEL = {"dataset", "defaults", "description", "format", "meta", *SECTIONS}
# Relation fields a dataset may give once, for every relation that does not give its own.
DEFAULTABLE = ("claimant", "sources", "evidence", "credibility", "confidence", "status")
SHOWN_PER_SECTION = 100  # records of one section that are not mappings, listed one by one
YAML_SUFFIXES = {".yaml", ".yml", ".json"}  # JSON is YAML, read by the same parser


@dataclass(slots=True)
class RawRecord:
    section: str
    data: dict[str, Any]
    file: str
    line: int | None
    field_lines: dict[str, int] = field(default_factory=dict)
    field_files: dict[str, str] = field(default_factory=dict)  # fields given in another file

    def line_of(self, name: str) -> int | None:
        return self.field_lines.get(name, self.line)

    def file_of(self, name: str) -> str:
        return self.field_files.get(name, self.file)


@dataclass(frozen=True)
class Default:
    """A value of a ``defaults:`` section, and where it was written."""

    value: Any
    file: str
    line: int


@dataclass
class RawDataset:
    name: str | None
    files: list[Path]
    records: list[RawRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    digests: dict[Path, bytes] = field(default_factory=dict)  # SHA-256 of the bytes read
    defaults: dict[str, Default] = field(default_factory=dict)  # for relations, by field
    description: str | None = None  # the first file's `description:`
    named_at: str | None = None  # where the name came from: --dataset, or file:line
    # a feed's new actors named like actors the database knows: name → the known ones' ids
    near: dict[str, list[str]] = field(default_factory=dict)
    # the events of a feed's rows left out for their problems (--skip-bad-rows), by id: a
    # dataset that holds one already keeps it as it was
    held: set[str] = field(default_factory=set)
    # a feed's export: its places and events are its own by design, whatever a study calls its
    # own, so the names they share with other datasets' entities are not looked for
    feed: bool = False

    def section(self, name: str) -> list[RawRecord]:
        return [r for r in self.records if r.section == name]


def expand_paths(paths: list[Path]) -> list[Path]:
    """Files as given; folders become their YAML and CSV files, sorted."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(
                p for p in path.iterdir() if p.suffix in YAML_SUFFIXES or p.suffix == ".csv"
            )
            if not found:
                raise DatasetError([Problem(str(path), None, None, "no .yaml or .csv files here")])
            files += found
        elif path.exists():
            files.append(path)
        else:
            raise DatasetError([Problem(str(path), None, None, "no such file or folder")])
    return files


def read_dataset(
    paths: list[Path],
    name: str | None = None,
    contents: dict[Path, bytes] | None = None,
    digests: dict[Path, bytes] | None = None,
) -> RawDataset:
    """Read every file; syntax problems of all files are collected before failing.

    ``contents`` holds the bytes of files the caller already read, and ``digests`` their
    SHA-256; each is parsed from there (and dropped from ``contents`` once parsed) instead of
    being read and hashed again.
    """
    files = expand_paths(paths)
    if name is not None:
        check_dataset_name(name)
    if too_much := fits_in_memory(files):
        raise DatasetError([too_much])
    raw = RawDataset(name=name, files=files, digests=dict(digests or {}))
    raw.named_at = "--dataset" if name is not None else None
    contents = {} if contents is None else contents
    for path in files:
        try:
            if path.suffix in YAML_SUFFIXES:
                _read_yaml(path, raw, contents.pop(path, None))
            elif path.suffix == ".csv":
                _read_csv(path, raw, contents.pop(path, None))
            else:
                raw.problems.append(
                    Problem(str(path), None, None, "unknown file type; use .yaml, .yml or .csv")
                )
        except DatasetError as exc:
            raw.problems += exc.problems
    if raw.name is None:
        raw.name = default_name(paths, files)
        if not raw.name:  # files in the file system's root
            raw.problems.append(
                Problem(str(files[0]), None, None, "no folder name to name the dataset after; "
                        f"give one with {_give_name()}")
            )  # fmt: skip
            raw.name = "dataset"
        if wrong := dataset_name_problem(raw.name):
            raw.problems.append(
                Problem(
                    str(files[0]),
                    None,
                    None,
                    f"{wrong}; give one with {_give_name()}",
                )
            )
    return raw


def default_name(paths: Sequence[Path | str], files: list[Path]) -> str:
    """The name of a dataset read from ``files`` (found at ``paths``, as given) when neither
    they nor the user name it: the folder's when one folder is given, whatever it holds (a
    folder of one file was named after the file before); one file's stem; else the folder of
    the first file, also when it is given as ``.`` or ``..`` (whose Path has no name; such
    loads were named 'dataset' before); empty in the root."""
    if len(paths) == 1 and Path(paths[0]).is_dir():
        return Path(os.path.abspath(paths[0])).name
    if len(files) == 1:
        return files[0].stem
    return Path(os.path.abspath(files[0])).parent.name


def check_dataset_name(name: object) -> None:
    """Refuse a dataset name given as ``--dataset`` (``dataset=`` from Python) that cannot
    name one, as bad input."""
    if wrong := dataset_name_problem(name):
        raise DatasetError([Problem(as_option("--dataset", "dataset"), None, None, wrong)])


def dataset_name_problem(name: object) -> str | None:
    """Why ``name`` cannot name a dataset, or None: 1 to 128 characters of text, with no
    control characters, line breaks or spaces at either end."""
    if not isinstance(name, str):
        kind = next(  # the YAML reader's own list and mapping types are lists and mappings
            (t.__name__ for t in type(name).__mro__[:-1] if t.__module__ == "builtins"),
            type(name).__name__,
        )
        return f"a dataset's name is text, not {kind} {name!r:.80}"
    if not name or name != name.strip() or len(name) > 128:
        return f"dataset name {name[:140]!r}: 1 to 128 characters, no spaces at either end"
    if any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in name):
        return f"dataset name {name!r} has a control character or a line break"
    return None


def _read_yaml(path: Path, raw: RawDataset, data: bytes | None) -> None:
    document = read_yaml_file(path, raw.digests, data).value
    file = str(path)
    if document is None:
        raw.problems.append(Problem(file, None, None, "the file is empty"))
        return
    if not isinstance(document, LocatedDict):
        raw.problems.append(
            Problem(file, 1, None, f"expected a mapping with sections {', '.join(SECTIONS)}")
        )
        return
    for key in document:
        if key not in TOP_LEVEL:
            raw.problems.append(
                Problem(
                    file,
                    document.line_of(key),
                    key,
                    f"unknown section; expected one of {', '.join(sorted(TOP_LEVEL))}",
                )
            )
    if "dataset" in document:
        _dataset_name(document["dataset"], file, document.line_of("dataset"), raw)
    if isinstance(document.get("description"), str) and raw.description is None:
        raw.description = document["description"].strip()[:2000]
    if "defaults" in document:
        _read_defaults(document["defaults"], file, document.line_of("defaults"), raw)
    for section in SECTIONS:
        items = document.get(section)
        if items is None:
            continue
        if not isinstance(items, LocatedList):
            line = document.line_of(section)
            raw.problems.append(Problem(file, line, section, "must be a list of records"))
            continue
        bad = 0
        for item, line in zip(items, items.item_lines, strict=True):
            if isinstance(item, LocatedDict):
                raw.records.append(RawRecord(section, dict(item), file, item.line, item.key_lines))
            elif (bad := bad + 1) <= SHOWN_PER_SECTION:
                raw.problems.append(Problem(file, line, section, "each record must be a mapping"))
        if bad > SHOWN_PER_SECTION:
            more = f"and {bad - SHOWN_PER_SECTION:,} more records that are not mappings"
            raw.problems.append(Problem(file, items.line, section, more))


def _give_name() -> str:
    """How a message says to name the dataset: the option, or load()'s argument."""
    return as_option("--dataset NAME", "dataset=NAME")


def _dataset_name(value: Any, file: str, line: int, raw: RawDataset) -> None:
    """The first file's ``dataset:`` names the dataset (unless --dataset did); another file
    that names another dataset is an error naming both."""
    if wrong := dataset_name_problem(value):
        raw.problems.append(Problem(file, line, "dataset", wrong))
    elif raw.name is None:
        raw.name, raw.named_at = value, f"{file}:{line}"
    elif raw.named_at != "--dataset" and value != raw.name:
        raw.problems.append(
            Problem(
                file,
                line,
                "dataset",
                f"this file is dataset {value!r}, but {raw.named_at} says {raw.name!r}: load "
                f"each dataset on its own, or give {_give_name()}",
            )
        )


def _read_defaults(section: Any, file: str, line: int, raw: RawDataset) -> None:
    """``defaults:`` give relation fields once for the whole dataset (every file loaded with
    it); two files that give one field different values are an error naming both."""
    if not isinstance(section, LocatedDict):
        raw.problems.append(Problem(file, line, "defaults", "must be a mapping of field: value"))
        return
    for key, value in section.items():
        where = section.line_of(key)
        if key not in DEFAULTABLE:
            message = f"no default for {key!r}; defaults may give {', '.join(DEFAULTABLE)}"
            raw.problems.append(Problem(file, where, "defaults", message))
            continue
        first = raw.defaults.setdefault(key, Default(value, file, where))
        if first.value != value:
            message = (
                f"default {key} is {value!r} here but {first.value!r} at "
                f"{first.file}:{first.line}; give it once"
            )
            raw.problems.append(Problem(file, where, "defaults", message))


def csv_section(path: Path) -> str | None:
    """`actors.csv`, `panjshir-relations.csv`, ... name the section they hold."""
    stem = path.stem.lower()
    return next((s for s in SECTIONS if stem == s or stem.endswith(("-" + s, "_" + s))), None)


def _read_csv(path: Path, raw: RawDataset, data: bytes | None) -> None:
    file = str(path)
    section = csv_section(path)
    if section is None:
        names = ", ".join(s + ".csv" for s in SECTIONS)
        raw.problems.append(
            Problem(
                file,
                None,
                None,
                f"cannot tell what the CSV holds: name it {names} "
                "(a prefix like panjshir-actors.csv is fine)",
            )
        )
        return
    rows = csv_rows(path, raw.digests, data)
    header = [h.strip() for h in next(rows, (1, []))[1]]
    if not header:
        raw.problems.append(Problem(file, 1, None, "the file is empty: a header row is needed"))
        return
    if len(set(header)) != len(header) or "" in header:
        raw.problems.append(Problem(file, 1, None, "header has empty or repeated column names"))
        return
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raw.problems.append(
                Problem(file, line, None, f"row has {len(row)} cells, the header {len(header)}")
            )
            continue
        data = {k: _cell(v) for k, v in zip(header, row, strict=True) if v.strip() != ""}
        raw.records.append(RawRecord(section, data, file, line))  # every field on `line`


def _cell(text: str) -> str:
    """A CSV cell as the loader takes it; short ones (ids, terms, grades, dates), which repeat
    across rows, are shared rather than kept once per row."""
    text = from_spreadsheet(text)
    return sys.intern(text) if len(text) <= 40 else text
