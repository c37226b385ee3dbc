"""A load from files to the database: read once, recognise, or check, plan and write."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

import neo4j
from typing_extensions import TypedDict, Unpack

from ..arguments import NonEmpty, Positive, Wait, Whole, checked
from ..cypher import cypher
from ..db import Graph
from ..errors import ArgumentError, DatasetError, Problem, as_option
from ..lock import DEFAULT_WAIT, ensure_schema, waiting
from ..parse.feeds import Grades
from ..parse.files import (
    RawDataset,
    check_dataset_name,
    default_name,
    expand_paths,
    read_dataset,
)
from ..parse.located import MAX_CSV_BYTES, not_a_regular_file, read_bytes, sha256_of, too_big
from ..query.known import actors_named
from ..settings import ONE_TRANSACTION_MAX
from ..validate import Checking, Dataset
from ..vocabulary import Vocabulary, load_vocabulary
from .check import checking, validated
from .recognise import inputs_fingerprint, reload_unchanged
from .records import LoadReport, Progress
from .write import BATCH_SIZE, Checks, write_with_schema


@checked
def load(
    graph: Graph,
    paths: Annotated[list[Path], NonEmpty],
    *,
    dataset: str | None = None,
    vocabulary: Vocabulary | None = None,
    dry_run: bool = False,
    recheck: bool = False,
    progress: Progress | None = None,
    batch_size: Positive = BATCH_SIZE,
    wait: Wait = DEFAULT_WAIT,
    on_wait: Callable[[str], None] | None = None,
    one_transaction_max: Whole = ONE_TRANSACTION_MAX,
    replace: bool = False,
) -> LoadReport:
    """Validate, then load the files as one dataset in one transaction (more than
    ``one_transaction_max`` items to write: in batches, hidden until whole; see
    :mod:`graph.loader.staged` and :mod:`graph.loader.generations`). A dataset a feed's
    import wrote last is replaced only with ``replace``.

    Files a previous load read, into a database still as that load left it, are recognised
    and recorded as unchanged without being read again, unless ``recheck`` (or ``dry_run``).
    Each file is read and hashed once: the bytes hashed for the fingerprint are the bytes
    parsed. Another writer's work is waited for (up to ``wait`` seconds, said once through
    ``on_wait``); names are resolved under the load lock, against the database as it is then.
    """
    vocabulary = vocabulary or load_vocabulary()
    files = expand_paths(paths)
    contents, digests = read_files(files)
    inputs = None
    if len(digests) == len(files):  # a file that cannot be read is reported by the check
        inputs = inputs_fingerprint(files, dataset, vocabulary, digests, paths)
    ensure_schema(graph)
    if dataset is None:
        _named_dataset_before(graph, paths, files)
    parsed: list[RawDataset] = []  # parsed once, and only if not recognised

    def raw() -> RawDataset:
        if not parsed:
            parsed.append(read_dataset(paths, dataset, contents, digests))
        return parsed[0]

    prepare = Checks(
        begin=lambda tx: checking(tx, raw(), vocabulary),
        end=lambda tx, begun: validated(tx, raw(), vocabulary, begun),
    )

    def attempt() -> LoadReport:
        recognise = inputs is not None and not (recheck or dry_run)
        if recognise and (report := reload_unchanged(graph, files, inputs, digests)):
            return report
        options = {"dry_run": dry_run, "progress": progress, "batch_size": batch_size}
        options |= {"one_transaction_max": one_transaction_max, "replace": replace}
        return write_with_schema(graph, prepare, inputs=inputs, **options)

    return waiting(graph, attempt, wait, on_wait)


def _named_dataset_before(graph: Graph, paths: list[Path], files: list[Path]) -> None:
    """Refuse to load under its new name files that the last load of a dataset named as
    actorgraph named them before read: 'dataset' for `load .` (files of the working folder),
    the file's stem for a folder of one file. A load under the new name would put every
    relation in the database twice."""
    name = default_name(paths, files)
    if len(files) >= 2 and not files[0].parent.name and name:
        before = "dataset"  # the name a load of the working folder had before
    elif len(paths) == 1 and Path(paths[0]).is_dir() and len(files) == 1:
        before = files[0].stem  # the name a load of a folder of one file had before
    else:
        return
    if before == name:
        return
    for row in graph.read(cypher("datasets/last_loads")):
        if row["name"] == before and sorted(row["files"] or []) == sorted(map(str, files)):
            again = as_option(f"--dataset {before}", f"dataset={before!r}")
            message = (
                f"these files were loaded as the dataset {before!r} (the name actorgraph gave "
                f"them before); load them again with {again}, or drop it first "
                f"(actorgraph datasets drop {before}) to load them as {name!r}"
            )
            raise DatasetError([Problem(str(files[0]), None, None, message)])


def read_files(files: list[Path]) -> tuple[dict[Path, bytes], dict[Path, bytes]]:
    """Each file's SHA-256, and the bytes of the YAML files, read once; files that cannot be
    read are left out (reading them again while checking reports every problem of every file
    together). CSV files are only hashed here: the parser streams them, hashing again, and
    refuses a file whose bytes changed in between."""
    contents: dict[Path, bytes] = {}
    digests: dict[Path, bytes] = {}
    for path in files:
        try:
            if path.suffix.lower() == ".csv":
                if not (not_a_regular_file(path) or too_big(path, MAX_CSV_BYTES)):
                    digests[path] = sha256_of(path)
                continue
            contents[path] = read_bytes(path)
        except (DatasetError, OSError):
            continue
        digests[path] = hashlib.sha256(contents[path]).digest()
    return contents, digests


class ReaderOptions(TypedDict, total=False):
    """What a feed's reader takes beyond the file: ACLED's ``date_format`` (--date-format)."""

    __pydantic_config__ = {"extra": "forbid"}  # noqa: RUF012 (pydantic's, not a field)
    date_format: str | None


class FeedOptions(TypedDict, total=False):
    """The options of :func:`import_acled` and :func:`import_ucdp_ged`, as
    :func:`import_feed` takes them (an unknown one is refused, not ignored)."""

    __pydantic_config__ = {"extra": "forbid"}  # noqa: RUF012 (pydantic's, not a field)
    grades: Grades | None
    dry_run: bool
    skip_bad_rows: bool
    reader_options: ReaderOptions | None
    progress: Progress | None
    wait: Wait
    on_wait: Callable[[str], None] | None
    one_transaction_max: Whole
    batch_size: Positive
    replace: bool


@checked
def import_acled(
    graph: Graph, path: Path, *, dataset: str = "acled", **options: Unpack[FeedOptions]
) -> LoadReport:
    """Import an ACLED CSV export as a dataset (see :mod:`graph.parse.acled`); the options are
    :func:`import_feed`'s."""
    from ..parse.acled import COLUMNS, acled_names, check_date_format, read_acled

    date_format = (options.get("reader_options") or {}).get("date_format")
    if date_format and (wrong := check_date_format(date_format)):
        raise DatasetError([Problem("date_format", None, None, wrong)])
    return import_feed(
        graph,
        path,
        read_acled,
        acled_names,
        dataset=dataset,
        columns=COLUMNS,
        kind="acled",
        **options,
    )


@checked
def import_ucdp_ged(
    graph: Graph, path: Path, *, dataset: str = "ucdp-ged", **options: Unpack[FeedOptions]
) -> LoadReport:
    """Import a UCDP GED CSV export as a dataset (see :mod:`graph.parse.ucdp`); the options
    are :func:`import_feed`'s (no reader options)."""
    from ..parse.ucdp import COLUMNS, ged_names, read_ged

    if options.get("reader_options"):
        raise ArgumentError("import_ucdp_ged(): reader_options: a GED file takes none.")
    return import_feed(
        graph,
        path,
        read_ged,
        ged_names,
        dataset=dataset,
        columns=COLUMNS,
        kind="ucdp-ged",
        **options,
    )


def import_feed(
    graph: Graph,
    path: Path,
    read: Callable[..., RawDataset],
    names: Callable[[Path], list[str]],
    *,
    dataset: str,
    grades: Grades | None = None,
    dry_run: bool = False,
    skip_bad_rows: bool = False,
    reader_options: dict[str, Any] | None = None,
    columns: dict[str, str] | None = None,
    progress: Progress | None = None,
    wait: float = DEFAULT_WAIT,
    on_wait: Callable[[str], None] | None = None,
    one_transaction_max: int = ONE_TRANSACTION_MAX,
    batch_size: int = BATCH_SIZE,
    kind: str = "feed",
    replace: bool = False,
) -> LoadReport:
    """Import a feed's export with ``read`` (path, known actors, dataset, grades, skip, and
    ``reader_options`` such as ACLED's ``date_format``). A problem with a record field the feed
    fills from one of its columns names that column (``columns``: field → column). ``kind``
    names the feed in the :Load record; a dataset another kind of input wrote last is replaced
    only with ``replace``. ``names`` gives the actor names a file holds, so that only the actors
    they may stand for are read (graph.query.known.actors_named).

    Its actor names are resolved under the load lock, like a load's. All or nothing, unless
    ``skip_bad_rows``: then the rows with problems are left out, written with their reasons to
    ``<input>.rejected.csv`` (see :mod:`graph.loader.rejected`), and counted in the report.
    """
    from .rejected import rejected_path, room_for_rejected, skipping_bad_rows, write_rejected

    check_dataset_name(dataset)
    if skip_bad_rows and not dry_run:
        room_for_rejected(path)  # before the import: it could not say where its rows went
    ensure_schema(graph)
    vocabulary = load_vocabulary()
    skipped: dict[int, list[str]] = {}
    built: list[Dataset] = []  # what the last attempt built (none when recognised unchanged)
    near: dict[str, list[str]] = {}  # its new actors named like known ones

    def read_feed(tx: neo4j.ManagedTransaction, skip: set[int]) -> RawDataset:
        # The reader resolves actor names only (a feed's events and places are its own ids):
        # the database's events, often most of its entities, are not read for it.
        known = actors_named(tx, lambda: names(path))
        foreign = {i for i, owner in known.owners.items() if owner != dataset}
        options = {"skip": skip, "foreign": foreign, **(reader_options or {})}
        raw = read(path, known.entities, dataset, grades or Grades(), **options)
        near.clear()
        near.update(raw.near)
        return raw

    def checked_feed(
        source: Graph | neo4j.ManagedTransaction, raw: RawDataset, begun: Checking | None = None
    ) -> Dataset:
        try:
            return validated(source, raw, vocabulary, begun)
        except DatasetError as exc:
            problems = [_in_columns(p, path, columns) for p in exc.problems]
            raise DatasetError(problems, lead=exc.lead) from None

    def without_bad_rows(tx: neo4j.ManagedTransaction) -> Dataset:
        kept, rows = skipping_bad_rows(path, lambda skip: checked_feed(tx, read_feed(tx, skip)))
        skipped.clear()
        skipped.update(rows)
        built[:] = [_with_events(kept, path, rows)]
        return built[0]

    raws: list[RawDataset] = []  # the last attempt's rows

    def begin(tx: neo4j.ManagedTransaction) -> Checking:
        raws[:] = [read_feed(tx, set())]
        return checking(tx, raws[0], vocabulary)

    def end(source: Graph | neo4j.ManagedTransaction, begun: Checking) -> Dataset:
        built[:] = [_with_events(checked_feed(source, raws[0], begun), path)]
        return built[0]

    prepare = without_bad_rows if skip_bad_rows else Checks(begin, end)

    def attempt() -> LoadReport:
        options = {"dry_run": dry_run, "progress": progress, "batch_size": batch_size}
        options |= {"input_kind": kind, "replace": replace}
        return write_with_schema(graph, prepare, one_transaction_max=one_transaction_max, **options)

    try:
        report = waiting(graph, attempt, wait, on_wait)
    except DatasetError as exc:
        if not (exc.lead and skipped) or dry_run:
            raise
        # Every row was set aside (_with_events): they are kept, with their reasons, as they
        # would have been beside an import of the others.
        where = f"; they are in {write_rejected(path, skipped)}, each with its reasons"
        raise DatasetError(exc.problems, lead=exc.lead + where) from None
    report.repeats = repeated_events(built[0]) if built else ""
    report.near = near_names(near)
    report.rejected = len(skipped)
    report.rejected_reasons = [
        f"{path}:{line}: {'; '.join(reasons)}" for line, reasons in sorted(skipped.items())
    ]
    if skipped and not dry_run:  # a dry run writes nothing, not even this
        report.rejected_file = str(write_rejected(path, skipped))
    elif skip_bad_rows and not dry_run:  # no row set aside this time: an older list misleads
        rejected_path(path).unlink(missing_ok=True)
    return report


def repeated_events(dataset: Dataset) -> str:
    """What a feed import repeats of other datasets, or '': events another dataset holds
    already (the same event ids: the same export imported under another name, or exports
    that overlap), whose claims are then in both."""
    owners = Counter(owner for category, _, owner in dataset.references if category == "event")
    if not owners:
        return ""
    events = owners.total() + sum(1 for e in dataset.entities if e.category == "event")
    if len(owners) == 1:
        where = f"dataset {next(iter(owners))}"
    else:
        each = ", ".join(f"{n:,} in {owner}" for owner, n in sorted(owners.items()))
        where = f"other datasets ({each})"
    return (
        f"{owners.total():,} of this file's {events:,} events are in {where} already, by the "
        "same event ids (counted by the dataset that imported each first), so their claims "
        "are in more than one dataset and a query across them counts each once per dataset. "
        "A newer export of a feed belongs in the dataset that holds the older one "
        "(import it with that --dataset); to keep both, query one dataset at a time "
        "(--dataset)."
    )


def near_names(near: dict[str, list[str]]) -> str:
    """What a feed import says of the actors it made whose names are a letter or two away from
    known actors' (a misspelling of one, or another actor: it cannot tell, and does not
    guess), or ''."""
    if not near:
        return ""
    listed = "; ".join(f"{name!r} (near {', '.join(ids)})" for name, ids in list(near.items())[:10])
    more = f"; and {len(near) - 10:,} more" if len(near) > 10 else ""
    return (
        f"{len(near):,} new actor{'s are' if len(near) > 1 else ' is'} named a letter or two "
        f"away from actors already known: {listed}{more}. If one is a known actor misspelt, "
        "add its name as an "
        "alias of that actor (in its dataset's files), load that, and import again."
    )


def _in_columns(problem: Problem, path: Path, columns: dict[str, str] | None) -> Problem:
    """The problem as the feed's user reads it: a field named by the feed's column."""
    if problem.file != str(path) or not columns or problem.field not in columns:
        return problem
    return replace(problem, field=columns[problem.field])


def _with_events(
    dataset: Dataset, path: Path, rejected: dict[int, list[str]] | None = None
) -> Dataset:
    """A feed import with no event left is refused, whatever the cause (a header-only file,
    every row rejected: then with each row's problems): it would leave the dataset empty."""
    if any(e.category == "event" for e in [*dataset.entities, *dataset.accounts]):
        return dataset
    empty = "an import of no events would leave the dataset empty"
    if not rejected:
        message = f"nothing to import: the file has no event rows, and {empty}"
        raise DatasetError([Problem(str(path), None, None, message)])
    rows = [
        Problem(str(path), line, None, reason)
        for line, reasons in sorted(rejected.items())
        for reason in reasons
    ]
    lead = f"{path}: nothing to import: all {len(rejected):,} rows have problems, and {empty}"
    raise DatasetError(rows, lead=lead)
