"""Bulk first loads: Neo4j's own offline importer (``neo4j-admin database import full``).

For a very large first load into an empty local database, writing import CSVs and letting the
importer build the store is several times faster than any transactional load. It needs the
local server stopped while it runs, so this module stops it, imports, starts it again, applies
the schema and records the load like any other. The dataset is validated first, exactly as for
``actorgraph load``; nothing is stopped if the input has problems.
"""

from __future__ import annotations

import csv
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from ..cypher import cypher
from ..db import Graph
from ..errors import BulkError
from ..lock import data_nodes, ensure_schema, mark, wait
from ..server import LocalServer
from ..server.importer import import_full
from ..validate import Dataset
from ..values import scalar_type
from .plan import plan
from .records import LoadReport, load_record

ARRAY_DELIMITER = "|"


def _type_of(values: list[Any]) -> str:
    sample = next((v for v in values if v is not None), "")
    if scalar := scalar_type(sample):
        return scalar
    if isinstance(sample, date):
        return "date"
    if isinstance(sample, list):
        return "string[]"
    return "string"


def _cell(value: Any, where: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        for item in value:
            if ARRAY_DELIMITER in str(item):
                raise BulkError(
                    f"{where}: {item!r} contains {ARRAY_DELIMITER!r}, the bulk importer's list "
                    "separator; load without --bulk instead."
                )
        return ARRAY_DELIMITER.join(str(v) for v in value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def write_import_files(dataset: Dataset, folder: Path) -> tuple[Path, Path, Path]:
    """nodes.csv, sources.csv and relationships.csv in the importer's header format."""
    rows = plan(dataset)
    nodes = folder / "nodes.csv"
    _write(nodes, rows["entities"], id_column="id:ID", labels=True)
    sources = folder / "sources.csv"
    _write(sources, [{**r, "labels": ["Source"]} for r in rows["sources"]], "id:ID(source)", True)
    relationships = folder / "relationships.csv"
    _write(relationships, rows["relations"], id_column=None, labels=False)
    return nodes, sources, relationships


def _write(path: Path, rows: list[dict[str, Any]], id_column: str | None, labels: bool) -> None:
    keys = sorted({k for r in rows for k in r["props"]} - {"id"})
    types = {k: _type_of([r["props"].get(k) for r in rows]) for k in keys}
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        if id_column:
            header = [id_column]  # the :ID column is also stored as the `id` property
            header += [f"{k}:{types[k]}" for k in keys]
            header += [":LABEL"] if labels else []
        else:
            header = [":START_ID", ":END_ID", ":TYPE", "id"] + [f"{k}:{types[k]}" for k in keys]
        writer.writerow(header)
        for row in rows:
            props = row["props"]
            where = f"{path.stem} {props['id']!r}"
            cells = [_cell(props.get(k), where) for k in keys]
            if id_column:
                line = [props["id"], *cells]
                if labels:
                    extra = [] if "Source" in row["labels"] else ["Entity"]
                    line.append(ARRAY_DELIMITER.join([*extra, *row["labels"]]))
            else:
                line = [row["start"], row["end"], row["type"], props["id"], *cells]
            writer.writerow(line)


def _empty(tx: Any) -> None:
    if count := data_nodes(tx):
        raise BulkError(
            f"--bulk is for a first load into an empty database, and this one holds {count} "
            "nodes; load without --bulk to add to it."
        )


def bulk_load(
    graph: Graph,
    dataset: Dataset,
    server: LocalServer | None = None,
    on_step: Callable[[str], None] | None = None,
) -> LoadReport:
    """Load ``dataset`` into the empty local database with Neo4j's importer."""
    step = on_step or (lambda _message: None)
    server = server or LocalServer()
    if (
        not server.is_configured()
        or server.uri.split("://")[1] != graph.settings.uri.split("://")[1]
    ):
        raise BulkError(
            "--bulk works only on the local server that actorgraph manages (the importer writes "
            "its store files directly); load without --bulk for other servers."
        )
    ensure_schema(graph)
    wait(graph, on_wait=step)
    # Under the load lock: the database is empty, and stays so (marked) until the server stops.
    mark(graph, "a bulk import (load --bulk)", check=_empty)
    began = time.monotonic()
    report = LoadReport(str(uuid.uuid4()), dataset.name, [str(p) for p in dataset.files])
    report.description = dataset.description
    with tempfile.TemporaryDirectory(prefix="actorgraph-import-") as folder:
        step("Writing the importer's CSV files")
        nodes, sources, relationships = write_import_files(dataset, Path(folder))
        step("Stopping Neo4j for the import (it restarts afterwards)")
        graph.close()
        server.stop()
        try:
            step("Running neo4j-admin database import")
            import_full(server, [nodes, sources], [relationships], ARRAY_DELIMITER)
        except BaseException:
            # The importer leaves a half-built store; the database was empty, so start afresh.
            for part in ("databases", "transactions"):
                shutil.rmtree(server.home / "data" / part / "neo4j", ignore_errors=True)
            raise
        finally:
            step("Starting Neo4j again")
            server.start()
    with Graph(graph.settings) as fresh:
        ensure_schema(fresh)
        for entity in dataset.entities:
            report.add(report.by_category, entity.category, "created", 1)
        report.add(report.by_category, "source", "created", len(dataset.sources))
        for relation in dataset.relations:
            report.add(report.by_type, relation.type, "created", 1)
        fresh.write(
            cypher("write/load_record"),
            load_record(report, dataset.files, digests=dataset.digests, method="bulk"),
            ours=True,
        )
    report.seconds = time.monotonic() - began
    return report
