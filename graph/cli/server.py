"""`actorgraph server ...`: the local Neo4j that needs no Docker."""

from __future__ import annotations

import time
import warnings
from typing import Annotated

import typer
from rich.text import Text

from ..arguments import MOST_SECONDS
from ..server import LOOPBACK, ExposedServerWarning, LocalServer, PrivacyWarning, ServerStatus
from .options import refuse_in_read_only
from .output import console, err_console, shown

app = typer.Typer(
    help="Run a local Neo4j 5.26 Community server from Neo4j's own jars (Java 17/21 + Maven, "
    "no Docker). Its password is generated on first start and kept for you.\n\n"
    "  actorgraph server start\n\n"
    "  actorgraph server status\n\n"
    "  actorgraph server logs -n 50\n\n"
    "  actorgraph server stop",
    no_args_is_help=True,
)

PortOption = Annotated[
    int | None,
    typer.Option("--port", help="Bolt port (default: 7687, or the last one used)"),
]


@app.command()
def start(
    port: PortOption = None,
    heap: Annotated[str | None, typer.Option(help="Java heap, e.g. 1g or 4g (default: 1g)")] = None,
    pagecache: Annotated[
        str | None, typer.Option(help="Neo4j page cache, e.g. 256m or 4g (default: 256m)")
    ] = None,
    timeout: Annotated[
        float,
        typer.Option(min=0, max=MOST_SECONDS, help="Seconds to wait for Bolt to answer"),
    ] = 180.0,
    listen: Annotated[
        str | None,
        typer.Option(
            help="Address to listen on (default: 127.0.0.1, this machine only). Anything else "
            "lets other machines connect: you are warned, and it is kept for later starts."
        ),
    ] = None,
) -> None:
    """Start the local Neo4j and wait until it answers; a running one is left as it is.

    The first start downloads Neo4j's jars with Maven (about 120 MB, cached) and generates a
    password, stored with mode 0600 in your config dir; it is never printed.

    Examples:

      actorgraph server start

      actorgraph server start --port 7688 --heap 2g --pagecache 1g

      actorgraph server start --listen 0.0.0.0   # reachable from other machines
    """
    refuse_in_read_only("start a server")
    server = LocalServer(port=port, heap=heap, pagecache=pagecache, listen_address=listen)
    began = time.monotonic()
    with console.status("Starting Neo4j…") as spinner, warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always", ExposedServerWarning)
        warnings.simplefilter("always", PrivacyWarning)
        status = server.start(timeout=timeout, on_step=lambda msg: spinner.update(msg + "…"))
    for warning in seen:
        if issubclass(warning.category, ExposedServerWarning | PrivacyWarning):
            _warn(str(warning.message))
    if not status.already_running and not status.problem:
        _prepare(server)
    if status.already_running:
        console.print(f"Neo4j is already running (pid {status.pid}); nothing started.")
        if status.not_as_asked:
            _warn(
                f"it runs with {'; '.join(status.not_as_asked)}. Stop it first "
                "(`actorgraph server stop`) to start it so."
            )
    else:
        console.print(f"Neo4j started in {time.monotonic() - began:.1f} s.")
    _print_status(status, warn=False)  # the start has said what it found
    if status.problem:  # running, but its database cannot answer: nothing can be loaded
        raise typer.Exit(1)


@app.command()
def stop(
    timeout: Annotated[
        float,
        typer.Option(min=0, max=MOST_SECONDS, help="Seconds to wait for a clean shutdown"),
    ] = 60.0,
) -> None:
    """Shut the local Neo4j down cleanly and wait until it has exited."""
    refuse_in_read_only("stop the server")
    server = LocalServer()
    busy = _writing_now(server)
    if busy:
        _warn(
            f"stopping the server interrupts {busy}. Run it again once the server is back: "
            "an interrupted load, import or drop is rolled back or kept hidden until it is "
            "run again, which completes it (docs/reliability.md)."
        )
    with console.status("Stopping Neo4j…"):
        stopped = server.stop(timeout=timeout)
    console.print("Neo4j stopped." if stopped else "Neo4j was not running.")


def _writing_now(server: LocalServer) -> str | None:
    """What writes to the running local server now, if it can be asked (within seconds)."""
    from ..db import Graph
    from ..errors import ActorGraphError
    from ..lock import writing

    if server.pid() is None:
        return None
    try:
        with Graph(server.connection_settings(), retry_seconds=2.0) as graph:
            return writing(graph)  # not retried for long: a database offline would hold it
    except (ActorGraphError, OSError):
        return None  # not answering, or no password here: stop it all the same


@app.command()
def status() -> None:
    """Say whether the local Neo4j runs and answers, its version, URI and data folder.

    Exits with code 3 when the server is not running, so scripts can test it.
    """
    current = LocalServer().status()
    _print_status(current)
    if not current.running:
        raise typer.Exit(3)


@app.command()
def logs(
    lines: Annotated[int, typer.Option("-n", "--lines", help="How many lines to show")] = 40,
    follow: Annotated[bool, typer.Option("-f", "--follow", help="Keep printing new lines")] = False,
) -> None:
    """Show the end of the local Neo4j's log (logs/neo4j.log in its home)."""
    server = LocalServer()
    text = server.tail_logs(lines)
    if not text:
        err_console.print(f"No log yet at {server.log_file}; has the server been started?")
        raise typer.Exit(1)
    print(text)
    if follow:
        _follow(server)


def _follow(server: LocalServer) -> None:
    with open(server.log_file, errors="replace") as handle:
        handle.seek(0, 2)
        try:
            while True:
                line = handle.readline()
                if line:
                    print(line, end="", flush=True)
                else:
                    time.sleep(0.5)
        except KeyboardInterrupt:
            return


def _prepare(server: LocalServer) -> None:
    """A new or restarted server gets the schema and the load lock before anyone loads."""
    from ..db import Graph
    from ..lock import ensure_schema

    with Graph(server.connection_settings()) as graph:
        ensure_schema(graph)


def _warn(message: str) -> None:
    err_console.print(Text.assemble(("Warning:", "yellow"), " ", shown(message)), soft_wrap=True)


def _print_status(status: ServerStatus, warn: bool = True) -> None:
    """Key and value rows; values may hold paths and server messages, so they are text."""
    state = Text.assemble(
        ("running", "green") if status.running else ("stopped", "yellow"),
        f" (pid {status.pid})" if status.pid else "",
    )
    rows: list[tuple[str, Text | str]] = [("state", state)]
    if status.running:
        answers = ("answers", "") if status.bolt_answers else ("does not answer", "red")
        rows.append(("bolt", Text(*answers)))
        if status.version:
            rows.append(("neo4j", f"{status.version} {status.edition}"))
    rows += [("uri", status.uri), ("data", str(status.data_path))]
    if status.listen_address not in LOOPBACK:
        reach = f"{status.listen_address}, reachable from other machines"
        rows.append(("listen", Text(shown(reach), "yellow")))
    if status.problem:
        rows.append(("problem", Text(shown(status.problem), "red")))
    for key, value in rows:
        shown_value = value if isinstance(value, Text) else Text(shown(value))
        console.print(Text.assemble((f"{key:>7}", "bold"), "  ", shown_value))
    for warning in status.warnings if warn else []:
        _warn(warning)
