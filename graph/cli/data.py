"""`actorgraph validate|load|loads|resolve|schema|vocabulary`: datasets in and out of Neo4j."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from .common import DatabaseOption, PasswordOption, UriOption, UserOption, console, open_graph

if TYPE_CHECKING:
    from .. import load as loader

PROGRESS_THRESHOLD = 2000

PathsArgument = Annotated[
    list[Path],
    typer.Argument(help="YAML files, CSV files (actors.csv, relations.csv, ...) or folders"),
]
DatasetOption = Annotated[
    str | None,
    typer.Option("--dataset", help="Dataset name [default: the file's `dataset:` or its name]"),
]
VocabularyOption = Annotated[
    list[Path] | None,
    typer.Option("--vocabulary", help="Extra vocabulary file(s) with your own kinds and terms"),
]


def validate(
    paths: PathsArgument,
    dataset: DatasetOption = None,
    vocabulary: VocabularyOption = None,
) -> None:
    """Check dataset files without a database: syntax, fields, kinds, terms, names, grades.

    Every problem is listed with file, line and field; the exit code is 2 if there are any.
    Names are resolved within the files given (use `load --dry-run` to resolve against the
    database too).

    Examples:

      actorgraph validate data/panjshir.yaml

      actorgraph validate my-study/          # every .yaml and .csv in the folder
    """
    from ..io.files import read_dataset
    from ..validate import build_dataset
    from ..vocabulary import load_vocabulary

    vocab = load_vocabulary(*(vocabulary or []))
    checked = build_dataset(read_dataset(paths, dataset), known=None, vocabulary=vocab)
    counts = ", ".join(f"{n} {what}" for what, n in checked.counts().items())
    console.print(f"[green]ok[/] {checked.name}: {counts}", highlight=False)


def load(
    paths: PathsArgument,
    dataset: DatasetOption = None,
    vocabulary: VocabularyOption = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Report what would change, then roll back")
    ] = False,
    bulk: Annotated[
        bool,
        typer.Option(
            "--bulk",
            help="First load into an empty local database with Neo4j's offline importer "
            "(stops and restarts the server)",
        ),
    ] = False,
    recheck: Annotated[
        bool,
        typer.Option(
            "--recheck",
            help="Read, validate and compare every record even when the files and the "
            "database are as the last load of them left them",
        ),
    ] = False,
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:
    """Validate, then load files into Neo4j as one dataset, in one transaction.

    All or nothing: with any problem in the input nothing is written, and a load that fails
    half-way (server stopped, connection lost) leaves the database as it was. Loading the same
    files again changes nothing; changed files update the graph in place, and what the dataset
    no longer has is removed. Each load is recorded (see `actorgraph loads`).

    The same files, into a database still as their last load left it, are recognised from
    fingerprints and not read again; --recheck reads, validates and compares them anyway.

    Examples:

      actorgraph load data/panjshir.yaml

      actorgraph load --dry-run data/panjshir.yaml extra-relations.csv

      actorgraph load --recheck data/panjshir.yaml
    """
    from .. import load as loader
    from ..vocabulary import load_vocabulary

    vocab = load_vocabulary(*(vocabulary or []))
    with open_graph(uri, user, password, database) as g:
        if bulk:
            from ..bulk import bulk_load

            with loader.gc_paused():
                checked = loader.check(g, paths, dataset=dataset, vocabulary=vocab)
            return _print_report(bulk_load(g, checked, on_step=console.print))
        with _progress_bar() as progress:
            report = loader.load(
                g,
                paths,
                dataset=dataset,
                vocabulary=vocab,
                dry_run=dry_run,
                recheck=recheck,
                progress=progress,
            )
    _print_report(report)


@contextmanager
def _progress_bar() -> Iterator[Callable[[int, int], None]]:
    """A progress callback that shows a bar once a load has at least PROGRESS_THRESHOLD rows."""
    bar = Progress(
        TextColumn("loading"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    task: TaskID | None = None

    def update(done: int, total: int) -> None:
        nonlocal task
        if total < PROGRESS_THRESHOLD:
            return
        if task is None:
            bar.start()
            task = bar.add_task("load", total=total)
        bar.update(task, completed=done, total=total)

    try:
        yield update
    finally:
        bar.stop()


import_app = typer.Typer(help="Bring in data from other tools (ACLED).", no_args_is_help=True)


@import_app.command("acled")
def import_acled(
    path: Annotated[Path, typer.Argument(help="An ACLED CSV export")],
    dataset: Annotated[
        str, typer.Option(help="Dataset name; re-import with the same name")
    ] = "acled",
    credibility: Annotated[int, typer.Option(min=1, max=6, help="Credibility of ACLED claims")] = 3,
    confidence: Annotated[float, typer.Option(min=0, max=1, help="Confidence in them")] = 0.6,
    reliability: Annotated[
        str, typer.Option(help="Reliability A-F of the media ACLED cites")
    ] = "F",
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Report, then roll back")] = False,
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:
    """Import an ACLED export: events, actors, places and relations, with provenance.

    Actor names are resolved against the actors already loaded (aliases included); names that
    match nothing become new actors. Importing a newer export under the same --dataset updates
    revised events (by event_id_cnty) and removes the ones ACLED no longer lists.

    Example:

      actorgraph import acled acled-afghanistan-2021.csv --dataset acled-afg
    """
    from .. import load as loader
    from ..io.acled import Grades

    grades = Grades(credibility, confidence, reliability.upper())
    with open_graph(uri, user, password, database) as g:
        report = loader.import_acled(g, path, dataset=dataset, grades=grades, dry_run=dry_run)
    _print_report(report)


def _print_report(report: loader.LoadReport) -> None:
    table = Table(title=None, show_edge=False, pad_edge=False)
    table.add_column("")
    for outcome in ("created", "updated", "unchanged", "removed"):
        table.add_column(outcome, justify="right")
    for group in (report.by_category, report.by_type):
        for key in sorted(group):
            counts = group[key]
            table.add_row(
                key, *(str(counts[o]) for o in ("created", "updated", "unchanged", "removed"))
            )
    console.print(table)
    if report.method == "recognised":
        console.print(
            f"Dataset [bold]{report.dataset}[/]: the same files as its last load, and the "
            f"database as that load left it; nothing to do (recorded as load {report.load_id} "
            f"in {report.seconds:.1f} s: {report.total('unchanged')} unchanged). "
            "Use --recheck to read, validate and compare every record again.",
            highlight=False,
            soft_wrap=True,
        )
        return
    verb = "Would load" if report.dry_run else "Loaded"
    tail = (
        " (dry run: rolled back, nothing written)"
        if report.dry_run
        else f" as load {report.load_id}"
    )
    console.print(
        f"{verb} dataset [bold]{report.dataset}[/] in {report.seconds:.1f} s{tail}: "
        f"{report.total('created')} created, {report.total('updated')} updated, "
        f"{report.total('unchanged')} unchanged, {report.total('removed')} removed.",
        highlight=False,
        soft_wrap=True,
    )


def loads(
    limit: Annotated[int, typer.Option(help="How many loads to list")] = 20,
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:
    """List the loads recorded in the database, newest first: dataset, time, files, changes."""
    from .. import load as loader

    with open_graph(uri, user, password, database) as g:
        rows = loader.loads(g, limit)
    if not rows:
        console.print("No loads recorded in this database.")
        return
    table = Table(show_edge=False, pad_edge=False)
    for column in ("at", "dataset", "created", "updated", "unchanged", "removed", "files", "id"):
        table.add_column(column)
    for row in rows:
        table.add_row(
            row["at"][:19],
            row["dataset"],
            *(str(row[k]) for k in ("created", "updated", "unchanged", "removed")),
            ", ".join(row["files"]),
            row["id"],
        )
    console.print(table)


def resolve(
    name: Annotated[str, typer.Argument(help="An id, name or alias, in any case or accents")],
    data: Annotated[
        list[Path] | None,
        typer.Option("--data", help="Resolve against these dataset files instead of Neo4j"),
    ] = None,
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:
    """Print the actor, place or event a name stands for: id, then name and kind.

    Exits 1 when the name matches nothing (with suggestions) or is ambiguous (with candidates).

    Examples:

      actorgraph resolve "Ahmed Masood"        # -> ahmad-massoud  Ahmad Massoud  person

      actorgraph resolve Pansjir --data data/panjshir.yaml
    """
    from ..load import known_from
    from ..resolve import Candidate, Resolver

    if data:
        from ..io.files import read_dataset
        from ..validate import build_dataset
        from ..vocabulary import load_vocabulary

        checked = build_dataset(read_dataset(data), known=None, vocabulary=load_vocabulary())
        resolver = Resolver(
            (Candidate(e.id, e.record.name, e.category, e.record.kind), e.record.aliases)
            for e in checked.entities
        )
    else:
        with open_graph(uri, user, password, database) as g:
            resolver = Resolver(known_from(g, set()).entities)
    found = resolver.resolve(name)
    print(f"{found.id}\t{found.name}\t{found.kind}")


def dump(
    path: Annotated[Path, typer.Argument(help="The JSON-lines file to write")],
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:
    """Back up the whole database (every node and relationship, loads included) as JSON lines.

    Example:

      actorgraph dump backups/2021-09-01.jsonl
    """
    from ..backup import dump as write_dump

    with open_graph(uri, user, password, database) as g, console.status("Dumping…"):
        counts = write_dump(g, path)
    console.print(
        f"Wrote {path}: {counts['nodes']} nodes, {counts['relationships']} relationships."
    )


def restore(
    path: Annotated[Path, typer.Argument(help="A file written by `actorgraph dump`")],
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:
    """Restore a dump into an empty database; if it fails half-way, the database is emptied again.

    Example:

      actorgraph restore backups/2021-09-01.jsonl
    """
    from ..backup import restore as read_dump

    with open_graph(uri, user, password, database) as g, console.status("Restoring…"):
        counts = read_dump(g, path)
    console.print(f"Restored {counts['nodes']} nodes and {counts['relationships']} relationships.")


schema_app = typer.Typer(help="The Neo4j constraints and indexes actorgraph relies on.")


@schema_app.command("apply")
def schema_apply(
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:
    """Create the constraints and indexes of cypher/schema.cypher (idempotent)."""
    with open_graph(uri, user, password, database) as g:
        count = g.apply_script("schema")
    console.print(f"Schema applied: {count} constraints and indexes in place.")


def vocabulary(
    extra: VocabularyOption = None,
) -> None:
    """List the kinds and relation terms datasets may use, with sign and CAMEO/PLOVER family."""
    from ..vocabulary import load_vocabulary

    vocab = load_vocabulary(*(extra or []))
    table = Table(show_edge=False, pad_edge=False)
    for column in ("term", "type", "sign", "from → to", "inverse", "subtypes", "CAMEO", "PLOVER"):
        table.add_column(column)
    signs = {1: "+", 0: "0", -1: "−"}
    for name, term in vocab.terms.items():
        ends = f"{'/'.join(term.from_)} → {'/'.join(term.to)}" + (
            " (symmetric)" if term.symmetric else ""
        )
        table.add_row(
            name,
            term.type,
            signs[term.sign],
            ends,
            term.inverse or "",
            ", ".join(term.subtypes),
            term.cameo or "",
            term.plover or "",
        )
    console.print(table)
    for category in ("actor", "place", "event"):
        kinds = ", ".join(vocab.kinds(category))
        console.print(f"[bold]{category} kinds:[/] {kinds}", highlight=False)
