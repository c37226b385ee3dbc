"""What every command prints with: the consoles, tables of plain text, JSON, the run's state."""

from __future__ import annotations

import json
import os
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from rich.console import Console
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

from ..values import escaped

if TYPE_CHECKING:
    from pathlib import Path

    from ..subgraph import View

console = Console()
err_console = Console(stderr=True)

# Set by the root command's flags (and ACTORGRAPH_DEBUG); read by open_graph and run().
STATE: dict[str, Any] = {"debug": bool(os.environ.get("ACTORGRAPH_DEBUG")), "read_only": None}


def shown(text: str, lines: bool = True) -> str:
    """Text from data as the terminal should show it: control and format characters (escape
    sequences, bidi overrides, line separators) written as ``\\x1b``, ``\\u202e`` …, so no
    string can drive the terminal. Newlines stay when ``lines``."""
    out = []
    for char in text:
        if (char == "\n" and lines) or unicodedata.category(char) not in ("Cc", "Cf", "Zl", "Zp"):
            out.append(char)
        else:
            out.append(escaped(char))
    return "".join(out)


def print_table(
    rows: list[dict[str, Any]], columns: list[str], keep_whole: tuple[str, ...] = ()
) -> None:
    """Rows as a table; every cell is plain text (data is never read as markup). Cells of the
    ``keep_whole`` columns are never wrapped; the others fold to fit the terminal."""
    table = Table(show_edge=False, pad_edge=False, header_style="bold")
    for column in columns:
        table.add_column(Text(column), overflow="fold", no_wrap=column in keep_whole)
    for row in rows:
        table.add_row(
            *(Text("" if row.get(c) is None else shown(str(row.get(c)))) for c in columns)
        )
    console.print(table)


def wrote_page(view: View, path: Path, output: str = "table") -> None:
    """Write an analysis's network page and say where (on stderr when stdout carries JSON)."""
    from ..views import write_html

    (err_console if output == "json" else console).print(Text(f"Wrote {write_html(view, path)}"))


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
        bar.stop()
