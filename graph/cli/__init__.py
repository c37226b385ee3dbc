"""The `actorgraph` command: a thin layer of Typer commands over the `graph` library.

Each command parses its arguments, calls one library function and prints the result. Errors
meant for the user (:class:`~graph.errors.ActorGraphError`) become one red line and their exit
code (2 for bad input, 1 otherwise); anything else is a bug and shows its traceback only
with ``--debug``.
"""

from __future__ import annotations

import errno
import inspect
import logging
import os
import sys
import traceback
from collections.abc import Sequence
from typing import Annotated

import click
import typer
import typer.main
from rich.text import Text

from ..errors import ActorGraphError, interruption, on_the_command_line
from ..text import not_unicode
from . import (
    analyze,
    backup,
    datasets,
    imports,
    load,
    query,
    render,
    resolve,
    schema,
    server,
    vocabulary,
)
from .export import export
from .options import DatabaseOption, PasswordOption, UriOption, UserOption, open_graph
from .output import STATE, console, shown
from .output import err_console as _err

app = typer.Typer(
    name="actorgraph",
    help="Map who supports, negotiates with, fights and opposes whom: an actor-relationship "
    "graph on Neo4j, with every claim attributed and graded.\n\n"
    "Start here:\n\n"
    "  actorgraph server start    # a local Neo4j with a generated password\n\n"
    "  actorgraph info            # what you are connected to",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.add_typer(server.app, name="server")
app.add_typer(schema.app, name="schema")
app.add_typer(imports.app, name="import")
for _command in (
    load.validate,
    load.load,
    load.loads,
    resolve.resolve,
    vocabulary.vocabulary,
    backup.dump,
    backup.restore,
    query.query,
    query.queries,
    render.render,
    export,
):
    app.command()(_command)
app.add_typer(datasets.app, name="datasets")
app.add_typer(analyze.app, name="analyze")


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        console.print(f"actorgraph {version('actorgraph')}")
        raise typer.Exit()


@app.callback()
def _root(
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks for errors (env: ACTORGRAPH_DEBUG)")
    ] = False,
    read_only: Annotated[
        bool,
        typer.Option(
            "--read-only",
            help="Refuse every write: loads, restores, --write queries (env: ACTORGRAPH_READ_ONLY)",
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    if debug:
        STATE["debug"] = True
        _DRIVER_LOG.removeHandler(_SILENT)  # the driver's own warnings, to stderr again
    if read_only:
        STATE["read_only"] = True


@app.command()
def info(
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:
    """Connect and report the server, its version and how big the database is.

    Examples:

      actorgraph info

      NEO4J_URI=bolt://localhost:7687 NEO4J_PASSWORD=... actorgraph info
    """
    with open_graph(uri, user, password, database) as g:
        facts = g.info()
    for key, value in facts.items():
        console.print(Text.assemble((f"{key:>13}", "bold"), f"  {shown(str(value))}"))


# The driver's log is for its developers: its warnings (such as a session closed with rows not
# read, after `| head` went away) are not the user's business unless --debug.
_DRIVER_LOG, _SILENT = logging.getLogger("neo4j"), logging.NullHandler()


def command() -> click.Command:
    """The click command behind ``app``, its help texts reflowed (:func:`reflowed`) and its
    flags shown without a type: Typer 0.29 lists ``--dry-run <bool>``, as if it took a value
    (``--dry-run false`` is then read as a file named false)."""
    cli = typer.main.get_command(app)
    _reflow(cli)
    return cli


def _reflow(cli: click.Command) -> None:
    cli.help = reflowed(cli.help)
    for param in cli.params:
        _no_type(param)
    own_help = cli.get_help_option  # made when asked for, once: -h/--help, a flag too

    def help_option(ctx: click.Context) -> click.Option | None:
        option = own_help(ctx)
        if option is not None:
            _no_type(option)
        return option

    cli.get_help_option = help_option  # type: ignore[method-assign]
    for sub in getattr(cli, "commands", {}).values():
        _reflow(sub)


def _no_type(param: click.Parameter) -> None:
    if getattr(param, "is_flag", False) and param.metavar is None:  # Typer's own click
        param.metavar = ""


def reflowed(text: str | None) -> str | None:
    """A docstring's paragraphs as single lines, for the terminal to wrap: Typer keeps the
    line breaks of every paragraph after the first, so at 80 columns each source line ended in
    a short ragged one. Lines that start indented or as a list item keep their own line."""
    if text is None:
        return None
    paragraphs = []
    for paragraph in inspect.cleandoc(text).split("\n\n"):
        lines: list[str] = []
        for line in paragraph.split("\n"):
            if lines and not line.startswith((" ", "- ", "* ", "\b")):
                lines[-1] += " " + line.strip()
            else:
                lines.append(line)
        paragraphs.append("\n".join(lines))
    first, rest = paragraphs[0], "\n\n".join(paragraphs[1:])
    # Typer dedents what follows the first paragraph by the least indentation of its lines after
    # the first: with only examples below a one-line paragraph, they would lose theirs. A blank
    # first line (which does not show) keeps that line among those measured.
    later = rest.split("\n")[1:]
    if all(line.startswith(" ") for line in later if line.strip()):
        rest = "\n" + rest
    return f"{first}\n\n{rest}" if rest else first


def run(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code; user errors become one line, not a traceback."""
    _DRIVER_LOG.addHandler(_SILENT)
    args = list(argv) if argv is not None else sys.argv[1:]
    if (bad := next((a for a in args if not_unicode(a)), None)) is not None:
        _err.print(
            Text(
                f"error: the argument '{shown(_as_bytes(bad))}' is not UTF-8 text (the bytes "
                "shown \\x..); give names and paths in UTF-8."
            ),
            soft_wrap=True,
        )
        return 2
    try:
        with on_the_command_line():
            command()(args=args, prog_name="actorgraph")
    except SystemExit as done:
        if _reader_went_away():
            return 0
        return done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    except ActorGraphError as exc:
        if STATE["debug"]:
            traceback.print_exc()
        # The message may quote the user's input: it is text, never markup.
        _err.print(
            Text.assemble(("error:", "bold red"), " ", _fitted(shown(str(exc)))), soft_wrap=True
        )
        return exc.exit_code
    except KeyboardInterrupt:
        _err.print("[red]interrupted[/]")
        return 130
    except BrokenPipeError:
        # The reader went away (`| head`): what it wanted was written; say nothing more.
        _quiet_stdout()
        return 0
    except OSError as exc:
        if exc.errno not in (errno.ENOSPC, errno.EIO, errno.EDQUOT):
            return _internal(exc)
        _quiet_stdout()
        _err.print(Text(f"error: the output could not be written ({exc.strerror})."))
        return 1
    except Exception as exc:
        return _internal(exc)
    return 0


LONGEST_LINE = 2000  # characters of one line of an error message shown whole


def _fitted(message: str) -> str:
    """``message`` with each line longer than LONGEST_LINE cut in its middle: a value of
    100,000 characters quoted back (a name, a parameter) would fill the screen and hide the
    rest of what is said."""
    lines = []
    for line in message.split("\n"):
        if len(line) > LONGEST_LINE:
            head, tail = line[: LONGEST_LINE // 2], line[-LONGEST_LINE // 4 :]
            cut = len(line) - len(head) - len(tail)
            line = f"{head} … ({cut:,} characters left out) … {tail}"
        lines.append(line)
    return "\n".join(lines)


def _as_bytes(argument: str) -> str:
    """An argument that was not UTF-8, its bytes beyond ASCII written ``\\xff``."""
    try:
        raw = argument.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate no byte decodes to (from Python, not a shell)
        raw = argument.encode("utf-8", "backslashreplace")
    return raw.decode("ascii", "backslashreplace")


def _internal(exc: Exception) -> int:
    if STATE["debug"]:
        raise exc
    if interruption(exc) is not None:  # a failure on the way out of a Ctrl-C (errors.py)
        _err.print("[red]interrupted[/]")
        return 130
    _err.print(
        Text.assemble(
            ("internal error:", "bold red"),
            f" {type(exc).__name__}: {_fitted(shown(str(exc)))}\nThis is a bug in actorgraph; run "
            "again with --debug for the traceback and report it.",
        )
    )
    return 70


def _reader_went_away() -> bool:
    """Whether click met a broken pipe on stdout (`| head` read what it wanted): it exits 1
    after swapping stdout for a wrapper that swallows the flush at exit."""
    return type(sys.stdout).__name__.lstrip("_") == "PacifyFlushWrapper"


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so that Python's own flush at exit writes nothing more."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def main() -> None:
    """Console-script entry point."""
    sys.exit(run())
