"""`actorgraph import ...`: conflict feeds as datasets (ACLED, UCDP GED)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from .load import (
    ONE_TRANSACTION_MAX,
    BatchSizeOption,
    OneTransactionMaxOption,
    ReplaceOption,
    WaitOption,
    print_report,
    say_waiting,
)
from .options import (
    LOAD_STOPPED,
    DatabaseOption,
    PasswordOption,
    ProblemsOption,
    UriOption,
    UserOption,
    interrupted_says,
    open_graph,
    problems_written,
)
from .output import progress_bar

app = typer.Typer(
    help="Bring in conflict feeds as datasets: ACLED exports and UCDP's GED.\n\n"
    "  actorgraph import acled acled-afghanistan.csv --dataset acled-afg\n\n"
    "  actorgraph import ucdp-ged GEDEvent_v24_1.csv --dataset ged-afg",
    no_args_is_help=True,
)

DatasetName = Annotated[str, typer.Option(help="Dataset name; re-import with the same name")]
CredibilityOption = Annotated[
    int, typer.Option(min=1, max=6, help="Credibility 1-6 of the feed's claims")
]
ConfidenceOption = Annotated[float, typer.Option(min=0, max=1, help="Confidence in them")]
ReliabilityOption = Annotated[str, typer.Option(help="Reliability A-F of the media it cites")]
DryRunOption = Annotated[bool, typer.Option("--dry-run", help="Report, then roll back")]
SkipBadRowsOption = Annotated[
    bool,
    typer.Option(
        "--skip-bad-rows",
        help="Import the good rows; write the others, with a reason column, to "
        "<input>.rejected.csv; an event the dataset holds whose new row is bad stays as it "
        "was (default: all or nothing)",
    ),
]


@app.command("acled")
def import_acled(
    path: Annotated[
        Path, typer.Argument(help="An ACLED export: CSV, or the API's JSON answer saved as is")
    ],
    dataset: DatasetName = "acled",
    credibility: CredibilityOption = 3,
    confidence: ConfidenceOption = 0.6,
    reliability: ReliabilityOption = "F",
    dry_run: DryRunOption = False,
    skip_bad_rows: SkipBadRowsOption = False,
    date_format: Annotated[
        str | None,
        typer.Option(
            help="How the export writes numeric dates, e.g. %d/%m/%Y or %m/%d/%Y (without it "
            "they are refused: 09/05/2020 could be either)"
        ),
    ] = None,
    problems: ProblemsOption = None,
    wait: WaitOption = 600.0,
    one_transaction_max: OneTransactionMaxOption = ONE_TRANSACTION_MAX,
    batch_size: BatchSizeOption = 10_000,
    replace: ReplaceOption = False,
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
    event_id_cnty) and removes the ones ACLED no longer lists; a dataset that something else
    wrote (a study loaded from files, a UCDP import) is not replaced without --replace.
    Field by field: docs/acled.md.

    Examples:

      actorgraph import acled acled-afghanistan-2021.csv --dataset acled-afg

      actorgraph import acled big-export.csv --skip-bad-rows --problems problems.txt

      actorgraph import acled from-excel.csv --date-format %d/%m/%Y

      actorgraph import acled acled-api-answer.json --dataset acled-afg
    """
    from ..errors import DatasetError, Problem
    from ..loader import import_acled as run_import
    from ..parse.acled import check_date_format

    if date_format and (wrong := check_date_format(date_format)):
        raise DatasetError([Problem("--date-format", None, None, wrong)])
    _run(run_import, path, dataset, (credibility, confidence, reliability), problems,
         dry_run=dry_run, skip_bad_rows=skip_bad_rows, wait=wait,
         one_transaction_max=one_transaction_max, batch_size=batch_size, replace=replace,
         reader_options={"date_format": date_format},
         connection=(uri, user, password, database))  # fmt: skip


@app.command("ucdp-ged")
def import_ucdp_ged(
    path: Annotated[
        Path,
        typer.Argument(help="A UCDP GED export (GEDEvent_v*.csv), or the API's JSON answer"),
    ],
    dataset: DatasetName = "ucdp-ged",
    credibility: CredibilityOption = 2,
    confidence: ConfidenceOption = 0.7,
    reliability: ReliabilityOption = "F",
    dry_run: DryRunOption = False,
    skip_bad_rows: SkipBadRowsOption = False,
    problems: ProblemsOption = None,
    wait: WaitOption = 600.0,
    one_transaction_max: OneTransactionMaxOption = ONE_TRANSACTION_MAX,
    batch_size: BatchSizeOption = 10_000,
    replace: ReplaceOption = False,
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:
    """Import UCDP's Georeferenced Event Dataset: events with best/low/high deaths, sides.

    side_a and side_b take part in each event; state-based and non-state violence: they
    fight; one-sided violence: side_a attacks side_b (civilians). Date and place precision
    are kept. Names resolve through the alias resolver ("Taleban" is the Taliban already
    loaded when an alias says so). UCDP is the claimant. Field by field: docs/ucdp.md.

    Examples:

      actorgraph import ucdp-ged GEDEvent_v24_1.csv --dataset ged

      actorgraph import ucdp-ged ged-afghanistan.csv --dataset ged-afg --skip-bad-rows
    """
    from ..loader import import_ucdp_ged as run_import

    _run(run_import, path, dataset, (credibility, confidence, reliability), problems,
         dry_run=dry_run, skip_bad_rows=skip_bad_rows, wait=wait,
         one_transaction_max=one_transaction_max, batch_size=batch_size, replace=replace,
         connection=(uri, user, password, database))  # fmt: skip


def _run(
    run_import: Callable[..., Any],
    path: Path,
    dataset: str,
    grades: tuple[int, float, str],
    problems: Path | None,
    *,
    connection: tuple[Any, ...],
    **options: Any,
) -> None:
    from ..errors import DatasetError, Problem
    from ..parse.feeds import Grades

    credibility, confidence, reliability = grades
    if len(reliability) != 1 or reliability.upper() not in "ABCDEF":
        problem = Problem("--reliability", None, None, f"{reliability!r} is not a grade A-F")
        raise DatasetError([problem])
    options |= {"grades": Grades(credibility, confidence, reliability.upper()),
                "on_wait": say_waiting}  # fmt: skip
    with (
        interrupted_says(LOAD_STOPPED),
        open_graph(*connection) as g,
        problems_written(problems, [path]),
        progress_bar() as progress,
    ):
        report = run_import(g, path, dataset=dataset, progress=progress, **options)
    print_report(report)
    # The rows left out, and why (none: an empty file, not an old one); a dry run writes none.
    if problems is not None and not options.get("dry_run"):
        from ..files import write_private_text

        write_private_text(problems, "".join(f"{reason}\n" for reason in report.rejected_reasons))
