"""`actorgraph validate|load|loads`: dataset files checked, and loaded into Neo4j."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.text import Text

from ..arguments import MOST
from ..errors import DatasetError
from ..settings import ONE_TRANSACTION_MAX
from .options import (
    LOAD_STOPPED,
    DatabaseOption,
    FormatOption,
    PasswordOption,
    ProblemsOption,
    UriOption,
    UserOption,
    VocabularyOption,
    interrupted_says,
    open_graph,
    problems_written,
    refuse_in_read_only,
    writes_nothing,
)
from .output import console, err_console, print_json, print_rows, progress_bar, shown

if TYPE_CHECKING:
    from ..loader import LoadReport


PathsArgument = Annotated[
    list[Path],
    typer.Argument(help="YAML files, CSV files (actors.csv, relations.csv, ...) or folders"),
]
DatasetOption = Annotated[
    str | None,
    typer.Option(
        "--dataset",
        help="Dataset name (default: the file's `dataset:`, else the folder's or file's name)",
    ),
]


WaitOption = Annotated[
    float,
    typer.Option(
        "--wait",
        help="Seconds to wait for another load, import, restore or drop to finish",
        min=0,
        metavar="SECONDS",
    ),
]
OneTransactionMaxOption = Annotated[
    int,
    typer.Option(
        "--one-transaction-max",
        help="A load with more nodes and relations than this to create (a first load) or to "
        "create, rewrite and delete (a re-load) is written in committed batches (so the heap "
        "bounds a batch, not the load), and readers see the dataset as it was until it is "
        "whole; smaller loads are one transaction",
        min=0,
        metavar="ITEMS",
    ),
]
BatchSizeOption = Annotated[
    int,
    typer.Option(
        "--batch-size",
        help="Rows per write statement (and per committed batch when a load is written in batches)",
        min=1,
        metavar="ROWS",
    ),
]
DryRunOption = Annotated[
    bool, typer.Option("--dry-run", help="Report what would change, then roll back")
]
BulkOption = Annotated[
    bool,
    typer.Option(
        "--bulk",
        help="First load into an empty local database with Neo4j's offline importer "
        "(stops and restarts the server)",
    ),
]
ReplaceOption = Annotated[
    bool,
    typer.Option(
        "--replace",
        help="Replace the dataset even if another kind of input wrote it last (a feed's "
        "import, or files); without it that is refused, as a likely typo in --dataset",
    ),
]
RecheckOption = Annotated[
    bool,
    typer.Option(
        "--recheck",
        help="Read, validate and compare every record even when the files and the "
        "database are as the last load of them left them",
    ),
]


def validate(
    paths: PathsArgument,
    dataset: DatasetOption = None,
    vocabulary: VocabularyOption = None,
    problems: ProblemsOption = None,
) -> None:
    """Check dataset files without a database: syntax, fields, kinds, terms, names, grades.

    Every problem is listed with file, line and field; the exit code is 2 if there are any.
    Names are resolved within the files given (use `load --dry-run` to resolve against the
    database too).

    Examples:

      actorgraph validate data/panjshir.yaml

      actorgraph validate my-study/          # every .yaml and .csv in the folder

      actorgraph validate big-export/ --problems problems.txt
    """
    from ..loader import check
    from ..vocabulary import load_vocabulary

    with writes_nothing():
        vocab = load_vocabulary(*(vocabulary or []))
        with problems_written(problems, paths):
            checked = check(None, paths, dataset=dataset, vocabulary=vocab)
    counts = ", ".join(f"{n} {what}" for what, n in checked.counts().items())
    console.print(Text.assemble(("ok", "green"), f" {shown(checked.name)}: {counts}"))
    if checked.defaulted:
        console.print(Text(checked.defaults_summary() + "."), soft_wrap=True)
    if checked.references:
        console.print(Text(shown(checked.references_summary())), soft_wrap=True)


def load(
    paths: PathsArgument,
    dataset: DatasetOption = None,
    vocabulary: VocabularyOption = None,
    dry_run: DryRunOption = False,
    bulk: BulkOption = False,
    recheck: RecheckOption = False,
    wait: WaitOption = 600.0,
    one_transaction_max: OneTransactionMaxOption = ONE_TRANSACTION_MAX,
    batch_size: BatchSizeOption = 10_000,
    replace: ReplaceOption = False,
    problems: ProblemsOption = None,
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:
    """Validate, then load files into Neo4j as one dataset, all or nothing.

    With any problem in the input nothing is written, and a load that fails half-way (server
    stopped, connection lost) leaves the database as readers saw it before. Loading the same
    files again changes nothing; changed files update the graph in place, and what the
    dataset no longer has is removed. Each load is recorded (see `actorgraph loads`).

    A first load of more than --one-transaction-max new items (0: always) is written in
    committed batches, two at a time (its relations while the next ones are still being
    checked), and hidden from actorgraph's readers until it is whole;
    a re-load that changes more than that many items writes its new version the same way,
    readers seeing the old one until a small transaction swaps them. Ad-hoc Cypher sees the
    batches. If it is killed, the next load, import or drop removes what it wrote, or finishes
    a re-load already shown (run it again to finish).

    The same files, into a database still as their last load left it, are recognised from
    fingerprints and not read again; --recheck reads, validates and compares them anyway.
    A dataset that a feed's import wrote last is not replaced by files without --replace.

    Examples:

      actorgraph load data/panjshir.yaml

      actorgraph load --dry-run data/panjshir.yaml extra-relations.csv

      actorgraph load --recheck data/panjshir.yaml

      actorgraph load big-export/ --dataset big --batch-size 5000
    """
    from .. import loader
    from ..vocabulary import load_vocabulary

    if bulk:
        refuse_in_read_only("run a bulk import (it stops the server)")
    vocab = load_vocabulary(*(vocabulary or []))
    with open_graph(uri, user, password, database) as g, problems_written(problems, paths):
        if bulk:
            checked = loader.check(g, paths, dataset=dataset, vocabulary=vocab)
            return print_report(loader.bulk_load(g, checked, on_step=console.print))
        with interrupted_says(LOAD_STOPPED), progress_bar() as progress:
            options = {"dry_run": dry_run, "recheck": recheck, "progress": progress}
            options |= {"wait": wait, "on_wait": say_waiting}
            options |= {"one_transaction_max": one_transaction_max, "batch_size": batch_size}
            options |= {"replace": replace}
            report = loader.load(g, paths, dataset=dataset, vocabulary=vocab, **options)
    print_report(report)


def say_cleared(report: LoadReport) -> None:
    """What interrupted work had left, dealt with first: said apart from this load's counts."""
    if report.cleared:
        cleared = report.cleared.items()
        what = ", ".join(f"{shown(name)} ({n:,} items deleted)" for name, n in cleared)
        console.print(
            Text(f"First, an unfinished load, re-load or drop was finished or undone: {what}."),
            soft_wrap=True,
        )


def say_waiting(message: str) -> None:
    err_console.print(Text(message + "…"))


def print_report(report: LoadReport) -> None:
    if report.defaulted:
        console.print(Text(report.defaulted + "."), soft_wrap=True)
    if report.references:
        console.print(Text(shown(report.references)), soft_wrap=True)
    if report.method == "recognised":  # all unchanged: said in one line, no table of zeros
        console.print(
            Text(
                f"Dataset {shown(report.dataset)}: the same files as its last load, and the "
                f"database as that load left it; nothing to do (recorded as load "
                f"{report.load_id} in {report.seconds:.1f} s: {report.total('unchanged')} "
                "unchanged). Use --recheck to read, validate and compare every record again."
            ),
            soft_wrap=True,
        )
        return
    outcomes = ("created", "updated", "unchanged", "removed")
    cells = [
        [Text(shown(key)), *(Text(str(group[key][o])) for o in outcomes)]
        for group in (report.by_category, report.by_type)
        for key in sorted(group)
    ]
    print_rows(("", *outcomes), cells, keep_whole=("",), right=outcomes)
    verb = "Would load" if report.dry_run else "Loaded"
    tail = (
        " (dry run: rolled back, nothing written)"
        if report.dry_run
        else f" as load {report.load_id}"
    )
    if report.method == "batches":  # more than one transaction holds (--one-transaction-max)
        how = "would go" if report.dry_run else "went"
        tail += f"; it {how} in committed batches, shown whole at the end"
    console.print(
        Text(
            f"{verb} dataset {shown(report.dataset)} in {report.seconds:.1f} s{tail}: "
            f"{report.total('created')} created, {report.total('updated')} updated, "
            f"{report.total('unchanged')} unchanged, {report.total('removed')} removed."
        ),
        soft_wrap=True,
    )
    say_cleared(report)
    replaced = sum(c["updated"] + c["removed"] for c in report.by_type.values())
    if report.dry_run and report.method == "batches" and replaced:
        err_console.print(Text(
            "Note: a dry run of a re-load in batches counts with the old relations still in "
            "place, so sources, actors, places and events that only they use are not counted as "
            "removed; the load itself removes them."
        ))  # fmt: skip
    removed, kept = report.total("removed"), report.total("updated") + report.total("unchanged")
    if removed > kept + report.total("created"):
        said = "would remove" if report.dry_run else "removed"
        err_console.print(
            Text(
                f"Note: this {said} most of what dataset {shown(report.dataset)} held "
                f"({removed:,} items; {kept:,} kept): a load or import replaces a dataset whole, "
                "so a partial file removes the rest. Load a part into a dataset of its own."
            ),
            soft_wrap=True,
        )
    for note in (report.repeats, report.near, report.shared):
        if note:
            err_console.print(Text(shown(f"Note: {note}")), soft_wrap=True)
    if report.rejected:
        where = (f"they are in {report.rejected_file}, each with its reason" if
                 report.rejected_file else "a dry run writes no file of them")  # fmt: skip
        stay = ""
        if report.held:
            one = report.held == 1
            stay = (f" {report.held:,} of their events {'was' if one else 'were'} in the dataset "
                    f"already and {'would stay' if report.dry_run else 'stay' + 's' * one} as "
                    f"imported before; mend the rows and import again to update "
                    f"{'it' if one else 'them'}.")  # fmt: skip
        console.print(
            Text(shown(f"{_rows_left_out(report.rejected)}; {where}.{stay}")),
            soft_wrap=True,
        )
        if report.dry_run:  # no file says which rows, and why: the terminal does
            reasons = report.rejected_reasons
            for reason in reasons[: DatasetError.shown]:
                err_console.print(Text(shown(reason)), soft_wrap=True)
            if len(reasons) > DatasetError.shown:
                err_console.print(Text(f"… and {len(reasons) - DatasetError.shown:,} more"))


def _rows_left_out(count: int) -> str:
    if count == 1:
        return "1 row with problems was left out"
    return f"{count:,} rows with problems were left out"


def loads(
    limit: Annotated[
        int, typer.Option(min=0, max=MOST, help="How many loads to list; 0: all")
    ] = 20,
    output: FormatOption = "auto",
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:
    """List the loads recorded in the database, newest first: dataset, time, files, changes."""
    from ..loader import loads as recorded

    with open_graph(uri, user, password, database) as g:
        rows = recorded(g, limit or MOST)
    if output == "json":
        return print_json(rows)
    if not rows:
        console.print("No loads recorded in this database.")
        return
    counts = ("created", "updated", "unchanged", "removed")
    cells = [
        [Text(row["at"][:19]), Text(row["what"]), Text(shown(row["dataset"])),
         *(Text(str(row[k])) for k in counts), Text(shown(", ".join(row["files"]))),
         Text(row["id"])]
        for row in rows
    ]  # fmt: skip
    columns = ("at", "what", "dataset", *counts, "files", "id")
    print_rows(columns, cells, keep_whole=("at", "id"), right=counts)
