"""`actorgraph datasets list|show|drop`: the datasets side by side in one database."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.text import Text

from ..settings import ONE_TRANSACTION_MAX
from .load import WaitOption, say_cleared, say_waiting
from .options import (
    DatabaseOption,
    FormatOption,
    PasswordOption,
    UriOption,
    UserOption,
    interrupted_says,
    open_graph,
)
from .output import console, print_json, print_table
from .output import shown as escape

app = typer.Typer(
    help="The datasets in the database: list them, show one, drop one.\n\n"
    "  actorgraph datasets list\n\n"
    "  actorgraph datasets show panjshir\n\n"
    "  actorgraph datasets drop acled-afg --dry-run",
    no_args_is_help=True,
)
NameArgument = Annotated[str, typer.Argument(help="The dataset's name (see `datasets list`)")]
COLUMNS = [
    "name",
    "entities",
    "relations",
    "sources",
    "shared",
    "accounts",
    "last_load",
    "files",
    "description",
]


@app.command("list")
def list_datasets(
    output: FormatOption = "auto",
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:
    """Every dataset: what it owns (entities, relations, sources), how many entities of other
    datasets its relations refer to (shared) or it keeps its own account of (accounts), its
    newest load, and its description."""
    from dataclasses import asdict

    from ..loader.datasets import datasets

    with open_graph(uri, user, password, database) as g:
        rows = [asdict(info) for info in datasets(g)]
    if output == "json":
        return print_json(rows)
    if not rows:
        console.print("No datasets in this database; load one with `actorgraph load FILE`.")
        return
    for row in rows:
        row["last_load"] = (row["last_load"] or "")[:16].replace("T", " ")
        if row["hidden"]:
            row["last_load"] = f"{'being dropped' if row['dropping'] else 'unfinished'} (hidden)"
        elif row["last_method"] == "drop":  # what is left, other datasets' relations use
            row["last_load"] += " dropped, kept for others"
        if row["reloading"]:  # shown as it was (or as the new version, once "old")
            row["last_load"] += RELOADING[row["reloading"]]
        row["files"] = ", ".join(row["files"])
    print_table(rows, COLUMNS, keep_whole=("name", "last_load"))


# What `datasets list` adds to a dataset's last load while a re-load in batches is under way or
# was stopped (graph.loader.generations): readers see one whole version meanwhile.
RELOADING = {
    "new": " (a re-load writing, or stopped: the next load, import or drop ends it)",
    "old": " (re-loaded; its old version is being deleted)",
}


@app.command()
def show(
    name: NameArgument,
    output: FormatOption = "auto",
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:
    """One dataset: its counts, newest load and files."""
    from dataclasses import asdict

    from ..loader.datasets import dataset

    with open_graph(uri, user, password, database) as g:
        info = asdict(dataset(g, name))
    if output == "json":
        return print_json(info)
    for key, value in info.items():
        shown = ", ".join(value) if isinstance(value, list) else "" if value is None else value
        if key == "reloading" and value:
            shown = RELOADING[value].strip(" ()")
        console.print(Text.assemble((f"{key:>12}", "bold"), "  ", escape(str(shown))))


@app.command()
def drop(
    name: NameArgument,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Report what would go, then roll back")
    ] = False,
    wait: WaitOption = 600.0,
    one_transaction_max: Annotated[
        int,
        typer.Option(
            "--one-transaction-max",
            help="A dataset with more relations than this is hidden first, then deleted in "
            "committed batches (so the heap bounds a batch, not the drop)",
            min=0,
            metavar="RELATIONS",
        ),
    ] = ONE_TRANSACTION_MAX,
    batch_size: Annotated[
        int,
        typer.Option(
            "--batch-size",
            help="Relations per committed batch of a large drop",
            min=1,
            metavar="RELATIONS",
        ),
    ] = 10_000,
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:
    """Remove a dataset: its relations, and its entities and sources no other dataset uses.

    What other datasets' relations still use is kept (under the dropped dataset's name, until
    a load of it takes it back, or the drop or load that ends its last use removes it).
    Under the load lock, recorded like a load (`actorgraph loads`); refused in --read-only
    mode. Readers see the dataset whole or gone, never part of
    it: a small drop is one transaction; a large one (above --one-transaction-max relations)
    hides the dataset at once, then deletes it in batches, and if it is stopped midway the next
    load, import or drop finishes it. A dry run of a large drop counts only its relations.

    Example:

      actorgraph datasets drop acled-afg --dry-run
    """
    from ..loader.datasets import drop as drop_dataset

    stopped = f"the drop was rolled back: {name!r} is as it was."
    with interrupted_says(stopped), open_graph(uri, user, password, database) as g:
        report = drop_dataset(g, name, dry_run=dry_run, wait=wait, on_wait=say_waiting,
                              one_transaction_max=one_transaction_max,
                              batch_size=batch_size)  # fmt: skip
    removed, kept = report.total("removed"), report.total("kept")
    verb = "Would drop" if dry_run else "Dropped"
    tail = " (dry run: rolled back)" if dry_run else f" as load {report.load_id}"
    console.print(
        Text(
            f"{verb} dataset {escape(name)} in {report.seconds:.1f} s{tail}: {removed} removed"
            + (f" ({_parts(report, 'removed')})" if removed else "")
            + f"; {kept} kept for other datasets"
            + (f" ({_parts(report, 'kept')})." if kept else ".")
        ),
        soft_wrap=True,
    )
    say_cleared(report)


def _parts(report, outcome: str) -> str:  # type: ignore[no-untyped-def]
    counts = {**report.by_category, **report.by_type}
    return ", ".join(f"{n[outcome]} {key}" for key, n in sorted(counts.items()) if n[outcome])
