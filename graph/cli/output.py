"""What every command prints with: the consoles, tables of plain text, JSON, the run's state."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TextIO

from rich.cells import cell_len
from rich.console import Console
from rich.measure import Measurement
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from ..values import acts, escaped, u_escaped

if TYPE_CHECKING:
    from pathlib import Path

    from ..subgraph import View


class _Console(Console):
    def on_broken_pipe(self) -> None:
        """The reader went away (`| head`): rich would exit 1; graph.cli.run exits 0 quietly,
        as it does for any broken pipe (a BrokenPipeError without errno, which click lets by)."""
        self.quiet = True
        raise BrokenPipeError


def _least_width() -> int | None:
    """A width when COLUMNS asks for one too narrow to print in (rich printed nothing at all,
    errors included, with COLUMNS=0); None lets rich read the terminal and COLUMNS."""
    columns = os.environ.get("COLUMNS", "")
    return MIN_WIDTH if columns.isdigit() and int(columns) < MIN_WIDTH else None


MIN_WIDTH = 40
console = _Console(width=_least_width())
err_console = _Console(stderr=True, width=_least_width())

# Set by the root command's flags (and ACTORGRAPH_DEBUG); read by open_graph and run().
STATE: dict[str, Any] = {"debug": bool(os.environ.get("ACTORGRAPH_DEBUG")), "read_only": None}


class _ShownStream:
    """What is written goes through :func:`shown` (``as_json``: with JSON's ``\\u007f``)."""

    def __init__(self, stream: TextIO, as_json: bool) -> None:
        self._stream = stream
        self._as_json = as_json

    def write(self, text: str) -> int:
        return self._stream.write(shown(text, json_escapes=self._as_json))


def for_terminal(stream: TextIO, as_json: bool = False) -> TextIO:
    """``stream``, writing data as text (:func:`shown`) when it is a terminal: CSV and JSON
    rows printed there could carry escape sequences and bidi overrides; a file or a pipe gets
    them as they are. JSON stays JSON: ``as_json`` writes them as its own ``\\u`` escapes."""
    if not stream.isatty():
        return stream
    return _ShownStream(stream, as_json)  # type: ignore[return-value]


def shown(text: str, lines: bool = True, json_escapes: bool = False) -> str:
    """Text from data as the terminal should show it: control and format characters (escape
    sequences, bidi overrides, line separators) written as ``\\x1b``, ``\\u202e`` …, so no
    string can drive the terminal. Newlines stay when ``lines``; ``json_escapes`` writes every
    one as ``\\u001b``, which a JSON reader reads back as the character."""
    out = []
    for char in text:
        if (char == "\n" and lines) or not acts(char):
            out.append(char)
        elif json_escapes:
            out.append(u_escaped(char))
        else:
            out.append(escaped(char))
    return "".join(out)


def print_table(
    rows: list[dict[str, Any]], columns: list[str], keep_whole: tuple[str, ...] = ()
) -> None:
    """Rows of plain values (data is never read as markup), as :func:`print_rows` shows them."""
    cells = [[Text("" if row.get(c) is None else shown(str(row.get(c)))) for c in columns]
             for row in rows]  # fmt: skip
    print_rows(columns, cells, keep_whole)


def first(items: list, limit: int) -> tuple[list, int]:
    """The first ``limit`` items (a command's ``--limit``; 0: all), and how many are left."""
    kept = items[: limit or len(items)]
    return kept, len(items) - len(kept)


def print_first(rows: list[dict[str, Any]], columns: list[str], limit: int, what: str = "") -> None:
    """The first ``limit`` rows (see :func:`first`), then how many more there are."""
    kept, hidden = first(rows, limit)
    print_table(kept, columns)
    said_more(hidden, what)


def said_more(hidden: int, what: str = "") -> None:
    """'… and 1,234 more' items left out of what the terminal shows, and how to see them."""
    if hidden > 0:
        what = f" {what}" if what else ""
        console.print(Text(f"… and {hidden:,} more{what} (--limit, or --format json)"))


# How tables are shown: "auto" (a table when it fits the terminal, else records), "table",
# "records". Set by the commands' --format (options.FormatOption).
LAYOUTS = ("auto", "table", "records")


def print_rows(
    columns: Sequence[str],
    rows: Sequence[Sequence[Text | str]],
    keep_whole: Sequence[str] = (),
    right: Sequence[str] = (),
) -> None:
    """Rows as a table when it fits the terminal at its natural width, else one record per
    block (field: value), like psql's ``\\x auto``; ``--format table|records`` chooses (a
    table asked for is printed whole, however wide). In a table, the ``keep_whole`` columns
    never wrap and the others fold (nothing is cut off); ``right`` columns are right-aligned
    (counts)."""
    layout = STATE.get("layout") or "auto"
    table = Table(show_edge=False, pad_edge=False, header_style="bold")
    for column in columns:
        table.add_column(
            Text(column), overflow="fold", no_wrap=column in keep_whole,
            justify="right" if column in right else "left",
        )  # fmt: skip
    for row in rows:
        table.add_row(*row)
    if layout == "table" or (layout == "auto" and not _wider_than(columns, rows, console.width)):
        natural = _natural_width(table)
        if layout == "table" or natural <= console.width:
            # Asked for, a table too wide for the terminal is printed whole at its own width
            # (the terminal wraps its lines), not squeezed to columns a letter wide.
            shown_on = _Console(width=natural) if natural > console.width else console
            if console.is_terminal:
                shown_on.print(table)
            else:  # a file or a pipe: without the spaces rich pads the last column with
                with shown_on.capture() as captured:
                    shown_on.print(table)
                _write_lines([Text(line) for line in captured.get().splitlines()])
            return
    _print_records(columns, rows)


def _print_records(columns: Sequence[str], rows: Sequence[Sequence[Text | str]]) -> None:
    """One record per block: each name, then its value folded at the width left (as rich's
    grid folds it, without a grid laid out per record: 88,000 records took 110 s so). Names
    too wide to leave a value 10 columns have each value on the lines under them. To a file
    or a pipe, plain lines without trailing spaces."""
    if console.quiet:
        return
    indent = max(map(cell_len, columns), default=0) + 1
    under = console.width - indent < 10  # the names leave the values no room beside them
    width = console.width - 2 if under else console.width - indent
    if not console.is_terminal:  # plain lines, without the styles' Text to build (3× faster)
        _write_plain_records(columns, rows, indent, width, under)
        return
    lines: list[Text] = []
    for number, row in enumerate(rows, 1):
        lines.append(Text(f"-[ record {number} ]" + "-" * 20, style="dim"))
        for column, cell in zip(columns, row, strict=True):
            text = cell if isinstance(cell, Text) else Text(cell)
            folded = _folded(text, width)
            name = Text(column, style="bold")
            if under:
                lines += [name, *(Text("  ") + line for line in folded)]
            else:
                lines.append(name + " " * (indent - cell_len(column)) + folded[0])
                lines += [Text(" " * indent) + line for line in folded[1:]]
        if len(lines) > 10_000 or number == len(rows):
            _write_lines(lines)
            lines.clear()


def _folded(text: Text, width: int) -> list[Text]:
    """A value's lines, folded at ``width``."""
    if "\n" not in text.plain and cell_len(text.plain) <= width:
        return [text]  # fits: most values do, and folding each took most of the time
    return list(text.wrap(console, width, overflow="fold")) or [Text()]


def _write_plain_records(
    columns: Sequence[str], rows: Sequence[Sequence[Text | str]], indent: int, width: int,
    under: bool,
) -> None:  # fmt: skip
    """:func:`_print_records` to a file or a pipe: the same lines, as plain text."""
    pads = {column: " " * (indent - cell_len(column)) for column in columns}
    lines: list[str] = []
    for number, row in enumerate(rows, 1):
        lines.append(f"-[ record {number} ]" + "-" * 20)
        for column, cell in zip(columns, row, strict=True):
            folded = [line.plain for line in _folded(Text(str(cell)), width)]
            if under:
                lines += [column, *(f"  {line}" for line in folded)]
            else:
                lines.append(f"{column}{pads[column]}{folded[0]}")
                lines += [" " * indent + line for line in folded[1:]]
        if len(lines) > 10_000 or number == len(rows):
            console.file.write("".join(line.rstrip(" ") + "\n" for line in lines))
            lines.clear()


def _write_lines(lines: list[Text]) -> None:
    """Lines without trailing spaces: with their styles on a terminal, else as plain text."""
    for line in lines:  # spaces only: a value of a no-break space stays
        if padding := len(line.plain) - len(line.plain.rstrip(" ")):
            line.right_crop(padding)
    if console.is_terminal:
        for line in lines:
            console.print(line, crop=False, soft_wrap=True)
    else:
        console.file.write("".join(f"{line.plain}\n" for line in lines))


def _wider_than(columns: Sequence[str], rows: Sequence[Sequence[Text | str]], width: int) -> bool:
    """Whether a table of these rows is wider than ``width`` for sure: its columns' longest
    lines alone are, which the first rows of a wide result show. Rich measures every cell
    (4 s for 5,000 rows); this stops there."""
    longest = [cell_len(column) for column in columns]
    for row in rows:
        for i, cell in enumerate(row):
            text = cell.plain if isinstance(cell, Text) else cell
            longest[i] = max(longest[i], *map(cell_len, text.split("\n")))
        if sum(longest) + len(columns) - 1 > width:
            return True
    return False


def _natural_width(table: Table) -> int:
    """The table's width with nothing wrapped (to compare with the terminal's: 80 when piped)."""
    unbounded = console.options.update_width(1_000_000)  # else the measure is clamped to fit
    return Measurement.get(console, unbounded, table).maximum


def wrote_page(view: View, path: Path, output: str = "table") -> None:
    """Write an analysis's network page and say where (see :func:`said_wrote`)."""
    from ..views import write_html

    said_wrote(write_html(view, path), output)


def said_wrote(path: Path, output: str = "table") -> None:
    """Say that a page was written: on stderr when stdout carries JSON, which it would spoil."""
    (err_console if output == "json" else console).print(Text(f"Wrote {shown(str(path))}"))


def print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=1, default=str))


PROGRESS_THRESHOLD = 2000  # rows: a smaller load ends before a bar would help


@contextmanager
def progress_bar() -> Iterator[Callable[[int, int], None]]:
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
        if task is not None:  # stopping a bar never started printed an empty line
            bar.stop()
