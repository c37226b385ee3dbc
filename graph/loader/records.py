"""What a load did, and the :Load record it leaves in the database."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Any

from ..arguments import Whole, checked
from ..cypher import cypher
from ..db import Graph
from ..parse.located import sha256_of

Progress = Callable[[int, int], None]
OUTCOMES = ("created", "updated", "unchanged", "removed")


@dataclass
class LoadReport:
    """What a load did, per category and relation type."""

    load_id: str
    dataset: str
    files: list[str]
    seconds: float = 0.0
    dry_run: bool = False
    # "transaction"; "batches" (more to write than one transaction holds: graph.loader.staged,
    # graph.loader.generations); "recognised" when the inputs and the database were as a
    # previous load left them, so nothing was read or compared (graph.loader.recognise); "bulk"
    method: str = "transaction"
    # what wrote it: "files" (`load`), or a feed's importer ("acled", "ucdp-ged"); None for a
    # load recorded by a version that did not say (graph.loader.datasets.refuse_replacing)
    input: str | None = "files"
    by_category: dict[str, Counter] = field(default_factory=dict)
    by_type: dict[str, Counter] = field(default_factory=dict)
    defaulted: str = ""  # which fields relations took from the dataset's defaults
    references: str = ""  # what the files define that other datasets define already
    shared: str = ""  # names its entities share with other datasets' entities
    # what a feed import repeats of other datasets: their events, by the same event ids
    repeats: str = ""
    near: str = ""  # and the new actors it made whose names are close to known actors'
    description: str | None = None  # the dataset's, as its files say
    rejected: int = 0  # rows of a feed left out for their problems (--skip-bad-rows) ...
    rejected_file: str | None = None  # ... and where they were written with their reasons
    rejected_reasons: list[str] = field(default_factory=list)  # "file:line: reasons", each
    held: int = 0  # ... of which events stored already, kept as they were
    # what interrupted work (a batched load, re-load or drop) had left, dealt with before this
    # one: items deleted, by dataset; not this load's own counts, nor in its record
    cleared: dict[str, int] = field(default_factory=dict)

    def total(self, outcome: str) -> int:
        return sum(c[outcome] for c in (*self.by_category.values(), *self.by_type.values()))

    def add(self, table: dict[str, Counter], key: str, outcome: str, count: int) -> None:
        table.setdefault(key, Counter())[outcome] += count

    def counts(self) -> tuple[dict[str, Counter], dict[str, Counter]]:
        """A copy of the counts so far, for :meth:`recount` (a transaction the driver retries
        must count from there again, not twice)."""
        return ({k: Counter(v) for k, v in self.by_category.items()},
                {k: Counter(v) for k, v in self.by_type.items()})  # fmt: skip

    def recount(self, counts: tuple[dict[str, Counter], dict[str, Counter]]) -> None:
        """The counts back to a copy :meth:`counts` made (copied again: it may be needed twice)."""
        self.by_category = {k: Counter(v) for k, v in counts[0].items()}
        self.by_type = {k: Counter(v) for k, v in counts[1].items()}

    def summary(self) -> dict[str, Any]:
        return {
            "by_category": {k: dict(v) for k, v in self.by_category.items()},
            "by_type": {k: dict(v) for k, v in self.by_type.items()},
        }


def load_record(
    report: LoadReport,
    files: list[Path],
    *,
    digests: dict[Path, bytes] | None = None,
    method: str | None = None,
    inputs: str | None = None,
    state: str | None = None,
    refs: list[str] | None = None,
) -> dict:
    """The parameters of cypher/write/load_record: what a load did, from which files."""
    return {
        "id": report.load_id,
        "dataset": report.dataset,
        "files": report.files,
        "hashes": [file_digest(p, {} if digests is None else digests).hex() for p in files],
        "version": package_version("actorgraph"),
        **{outcome: report.total(outcome) for outcome in OUTCOMES},
        "summary": json.dumps(
            report.summary() | {"method": method or report.method, "input": report.input},
            sort_keys=True,
        ),
        "inputs": inputs,
        "description": report.description,
        "state": state,
        "refs": refs or [],
    }


def file_digest(path: Path, digests: dict[Path, bytes]) -> bytes:
    """A file's SHA-256: the one ``digests`` holds (taken when it was read), else read now and
    kept there, so that a load reads each file once for its fingerprints and its record."""
    if path not in digests:
        digests[path] = sha256_of(path)
    return digests[path]


@checked
def loads(graph: Graph, limit: Whole = 50) -> list[dict[str, Any]]:
    """The loads recorded in the database, newest first, each with what it was (``what``: a
    load, a drop, an import of a feed …)."""
    rows = graph.read(cypher("read/loads"), {"limit": limit})
    for row in rows:
        summary = _summary(row.pop("summary"))
        row["what"] = _what(summary.get("method"), summary.get("input"))
    return rows


def _summary(text: Any) -> dict[str, Any]:
    try:
        found = json.loads(text) if isinstance(text, str) else {}
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def _what(method: Any, kind: Any) -> str:
    """A recorded load as the command that made it: load, load --bulk, import acled, drop."""
    if method == "drop":
        return "drop"
    done = f"import {kind}" if kind not in (None, "files") else "load"
    if method == "bulk":
        return f"{done} --bulk"
    return f"{done} (unchanged)" if method == "recognised" else done
