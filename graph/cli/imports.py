"""`actorgraph import ...`: data from other tools (ACLED)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .load import WaitOption, print_report, say_waiting
from .options import (
    DatabaseOption,
    PasswordOption,
    ProblemsOption,
    UriOption,
    UserOption,
    open_graph,
    problems_written,
)

app = typer.Typer(help="Bring in data from other tools (ACLED).", no_args_is_help=True)


@app.command("acled")
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
    skip_bad_rows: Annotated[
        bool,
        typer.Option(
            "--skip-bad-rows",
            help="Import the good rows; write the others, with a reason column, to "
            "<input>.rejected.csv [default: all or nothing]",
        ),
    ] = False,
    problems: ProblemsOption = None,
    wait: WaitOption = 600.0,
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:
    """Import an ACLED export (any layout since 2015): events, actors, places and relations.

    Each actor takes part in its event (primary: actor1/actor2; associated: the actors ACLED
    lists with them, who get no other tie). Battles: the two sides fight; violence against
    civilians and remote violence: actor1 attacks actor2. Actor names are resolved against
    the actors already loaded (aliases included); names that match nothing become new actors.
    Importing a newer export under the same --dataset updates revised events (by
    event_id_cnty) and removes the ones ACLED no longer lists.

    Example:

      actorgraph import acled acled-afghanistan-2021.csv --dataset acled-afg

      actorgraph import acled big-export.csv --skip-bad-rows --problems problems.txt
    """
    from ..loader import import_acled as run_import
    from ..parse.feeds import Grades

    grades = Grades(credibility, confidence, reliability.upper())
    with open_graph(uri, user, password, database) as g, problems_written(problems):
        options = {"grades": grades, "dry_run": dry_run, "wait": wait, "on_wait": say_waiting}
        report = run_import(g, path, dataset=dataset, skip_bad_rows=skip_bad_rows, **options)
    print_report(report)
