"""The errors a user sees, all in one place.

Every failure the user can act on is an :class:`ActorGraphError` whose message names the thing
(file and line, URI, port, path) and what to do about it. The CLI prints the message on one line
and exits non-zero: 2 for bad input (a file, an argument, a name, a statement), 1 when the
input is sound but the database or the machine could not do it. Anything else is a bug and
shows a traceback only with ``--debug``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

# Whether the command line is running: the same message names an option there (--claimant) and
# a function's argument from Python (Filters.claimants), which is all a notebook's user knows.
_ON_THE_COMMAND_LINE: ContextVar[bool] = ContextVar("actorgraph_cli", default=False)


@contextmanager
def on_the_command_line() -> Iterator[None]:
    """Messages made within name the CLI's options (graph.cli runs every command so)."""
    token = _ON_THE_COMMAND_LINE.set(True)
    try:
        yield
    finally:
        _ON_THE_COMMAND_LINE.reset(token)


def wording_carried() -> Callable[[], None]:
    """An initializer for worker threads, which start without this thread's context: their
    messages then name what the user gave as this thread's do."""
    on_the_command_line = _ON_THE_COMMAND_LINE.get()

    def initializer() -> None:
        _ON_THE_COMMAND_LINE.set(on_the_command_line)

    return initializer


def as_option(option: str, argument: str) -> str:
    """How a message names what the user gave: ``option`` as the command line spells it
    (``--max-relations``), ``argument`` as the library does (``max_relations``)."""
    return option if _ON_THE_COMMAND_LINE.get() else argument


class ActorGraphError(Exception):
    """Base class for errors whose message is meant for the user."""

    exit_code = 1


# -- connecting and running ----------------------------------------------------------------------
class ConfigError(ActorGraphError):
    """Settings are malformed or contradict each other (a URI that is not one): bad input."""

    exit_code = 2


class ServerError(ActorGraphError):
    """The local Neo4j server could not be set up, started or stopped."""


class ConnectError(ActorGraphError):
    """Neo4j could not be reached, or refused our credentials."""


class ReadOnlyError(ActorGraphError):
    """A write was attempted in read-only mode."""


class QueryError(ActorGraphError):
    """A statement or its arguments are wrong: Neo4j refused the statement (syntax, an unknown
    function, a blocked address), or a parameter, date, status or option is not what it takes."""

    exit_code = 2


class ArgumentError(QueryError):
    """A library function was called with an argument it does not take (a notebook's call: the
    CLI checks its options itself), named with what it takes (graph.arguments)."""


class DatabaseFailure(QueryError):
    """Neo4j failed to run a sound statement: its disk, its memory, an internal error."""

    exit_code = 1


class UnfinishedLoadError(QueryError):
    """A batched load is under way, or was interrupted, where this reads: what it asked for is
    not whole yet (running it again after the load answers)."""

    exit_code = 1


class ViewTooLargeError(ActorGraphError):
    """A view holds more than a page can usefully draw (render's --max-relations, --max-nodes):
    narrow it, or raise the limit."""

    exit_code = 2


class DiskSpaceError(ActorGraphError):
    """The local server's disk has too little room for a load's writes."""


class LockBusyError(ActorGraphError):
    """Another writer holds the load lock, or longer work (a restore, a bulk import) marks it."""


class UnknownDatasetError(ActorGraphError):
    """No dataset of that name is in the database."""

    exit_code = 2


class ReplaceRefusedError(ActorGraphError):
    """A load would replace a dataset another kind of input wrote, without --replace."""

    exit_code = 2


class WriteConflictError(ActorGraphError):
    """A write statement changed fewer items than planned; the transaction was rolled back."""


# -- input ---------------------------------------------------------------------------------------
@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, and exactly where."""

    file: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        what = f" {self.field}:" if self.field else ""
        return f"{where}:{what} {self.message}"


class DatasetError(ActorGraphError):
    """The input has problems; nothing was written. Carries every problem found (up to a cap)."""

    exit_code = 2
    shown = 50

    def __init__(self, problems: list[Problem], *, writes: bool = True, lead: str = "") -> None:
        """``writes``: the command would have written (a load, an import), and did not; a
        check that writes nothing anyway (``validate``) does not say so. ``lead``: what the
        problems come to, said before them and not counted as one of them."""
        self.problems = problems
        self.lead = lead
        head = "\n".join(str(p) for p in problems[: self.shown])
        more = len(problems) - self.shown
        tail = f"\n… and {more} more" if more > 0 else ""
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        said = "; nothing was written." if writes else "."
        first = f"{lead}\n" if lead else ""
        super().__init__(f"{first}{count} in the input{said}\n{head}{tail}")


class ResolveError(ActorGraphError):
    """A name matches nothing, or more than one entity (``candidates``, graph.resolve's)."""

    exit_code = 2

    def __init__(self, message: str, candidates: list[Any] | None = None) -> None:
        super().__init__(message)
        self.candidates = candidates or []


class VocabularyError(ActorGraphError):
    """A vocabulary file is malformed (bad input: 2)."""

    exit_code = 2


# -- writing and exchanging ----------------------------------------------------------------------
class BulkError(ActorGraphError):
    """The bulk path cannot be used here."""


class BackupError(ActorGraphError):
    """A dump cannot be written or restored."""


class OutputError(ActorGraphError):
    """A file or folder the user asked for cannot be written: a path that cannot be one (a
    folder in the way, no permission) is bad input; no room or a failing disk is not (1)."""

    exit_code = 2


class ExportError(ActorGraphError):
    """The view cannot be written in the format asked for (no such format, or a value the
    format cannot hold): the request must change."""

    exit_code = 2


class InterruptedMidway(KeyboardInterrupt):
    """Ctrl-C after part of the work had committed: ``left`` says what it left behind (the CLI
    says it instead of its usual "nothing was written")."""

    def __init__(self, left: str) -> None:
        super().__init__(left)
        self.left = left


def interruption(failure: BaseException) -> KeyboardInterrupt | None:
    """The Ctrl-C that ``failure`` was raised while handling, if any, and it is no error of
    ours: Ctrl-C can cut a message to the server in half, and the driver then fails on its own
    when the connection is used or closed on the way out (a BufferError from its buffers)."""
    if isinstance(failure, ActorGraphError):
        return None
    seen: set[int] = set()
    cause: BaseException | None = failure
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, KeyboardInterrupt):
            return cause
        seen.add(id(cause))
        cause = cause.__context__
    return None


def unheld(error: BaseException | None) -> str:
    """What the driver said of a value it could not turn into Python's (a date of year 0)."""
    return (str(error) or type(error).__name__) if error else "no reason given"


def cannot_hold(where: str, error: BaseException | None) -> QueryError:
    """A result holding a value Python cannot (``where``: "column 'd'", "a value")."""
    return QueryError(
        f"A row holds a value Python cannot hold in {where} ({unheld(error)}): a date or time "
        "outside the years 1 to 9999, or in a time zone Python does not know. Return it as "
        "text instead, e.g. toString(d)."
    )


def driver_could_not_read(value: object) -> BaseException | None:
    """The driver's reason when ``value`` is its stand-in for what it could not read (inside a
    list, a map or a node's properties it is left in place; a whole column raises)."""
    error = getattr(value, "error", None)
    return error if isinstance(error, Exception) and hasattr(value, "raw_data") else None
