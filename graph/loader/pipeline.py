"""A load from files to the database: read once, recognise, or check, plan and write."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from ..db import Graph
from ..parse.files import expand_paths
from ..parse.located import read_bytes
from ..query.known import known_from
from ..validate import build_dataset
from ..vocabulary import Vocabulary, load_vocabulary
from .check import check, gc_paused
from .recognise import inputs_fingerprint, reload_unchanged
from .records import LoadReport, Progress
from .write import BATCH_SIZE, write


def load(
    graph: Graph,
    paths: list[Path],
    *,
    dataset: str | None = None,
    vocabulary: Vocabulary | None = None,
    dry_run: bool = False,
    recheck: bool = False,
    progress: Progress | None = None,
    batch_size: int = BATCH_SIZE,
) -> LoadReport:
    """Validate, then load the files as one dataset in one transaction.

    Files a previous load read, into a database still as that load left it, are recognised
    and recorded as unchanged without being read again, unless ``recheck`` (or ``dry_run``).
    Each file is read and hashed once: the bytes hashed for the fingerprint are the bytes
    parsed.
    """
    vocabulary = vocabulary or load_vocabulary()
    files = expand_paths(paths)
    contents = {path: read_bytes(path) for path in files}
    digests = {path: hashlib.sha256(data).digest() for path, data in contents.items()}
    inputs = inputs_fingerprint(files, dataset, vocabulary, digests)
    if not (recheck or dry_run) and (report := reload_unchanged(graph, files, inputs, digests)):
        return report
    with gc_paused():
        checked = check(graph, paths, dataset=dataset, vocabulary=vocabulary, contents=contents)
        return write(
            graph,
            checked,
            dry_run=dry_run,
            progress=progress,
            batch_size=batch_size,
            inputs=inputs,
        )


def import_acled(
    graph: Graph,
    path: Path,
    *,
    dataset: str = "acled",
    grades: Any = None,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> LoadReport:
    """Import an ACLED CSV export as a dataset (see :mod:`graph.parse.acled`)."""
    from ..parse.acled import Grades, read_acled

    known = known_from(graph)
    raw = read_acled(path, known.entities, dataset, grades or Grades())
    checked = build_dataset(raw, known=known, vocabulary=load_vocabulary())
    return write(graph, checked, dry_run=dry_run, progress=progress)
