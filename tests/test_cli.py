"""The command line itself: help that teaches, and a start that imports only what it needs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import run_cli


def test_help_starts_without_importing_the_heavy_libraries() -> None:
    probe = (
        "import sys, graph.cli; "
        "print(sorted(m for m in ('neo4j', 'pyvis', 'networkx', 'numpy', 'scipy', 'pydantic', "
        "'rustworkx', 'jinja2') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("command", "teaches"),
    [
        (["--help"], "actorgraph server start"),
        (["load", "--help"], "actorgraph load data/panjshir.yaml"),
        (["query", "--help"], "--name supporters-of"),
        (["queries", "--help"], "@param"),
        (["render", "--help"], "--around"),
        (["export", "--help"], "--format gexf"),
        (["analyze", "--help"], "analyze balance"),
        (["import", "acled", "--help"], "event_id_cnty"),
        (["server", "start", "--help"], "--heap"),
    ],
)
def test_every_command_has_help_with_examples(command: list[str], teaches: str) -> None:
    result = run_cli(*command)
    assert result.returncode == 0
    assert teaches in result.stdout
    # a flag takes no value: no "<bool>" beside it, Typer's own --help included
    assert "<bool>" not in result.stdout


def _commands(command, path=()):  # type: ignore[no-untyped-def]
    yield path, command
    for name, sub in (getattr(command, "commands", None) or {}).items():
        yield from _commands(sub, (*path, name))


def test_no_help_text_is_eaten_as_markup() -> None:
    # Typer shows help through Rich: "[env: X]" or "[default: y]" would be read as a style
    # tag and vanish from the screen. Every command's and option's text must come out whole.
    import typer.main
    from rich.text import Text

    from graph.cli import app

    eaten = [
        (" ".join(path), text)
        for path, command in _commands(typer.main.get_command(app))
        for text in [command.help or "", *(getattr(p, "help", None) or "" for p in command.params)]
        if Text.from_markup(text).plain != text.replace("\\[", "[")
    ]
    assert eaten == []
    start = run_cli("server", "start", "--help", env={"COLUMNS": "200"}).stdout
    assert "(default: 1g)" in start and "(default: 127.0.0.1, this machine only)" in start
    assert "(env: NEO4J_URI" in run_cli("query", "--help", env={"COLUMNS": "200"}).stdout


def test_help_paragraphs_are_wrapped_by_the_terminal_not_the_source() -> None:
    from graph.cli import reflowed

    text = """First line.

    A paragraph written
    over three source
    lines.

      actorgraph render --open

    - a list item
    - another"""
    assert reflowed(text) == (
        "First line.\n\nA paragraph written over three source lines.\n\n"
        "  actorgraph render --open\n\n- a list item\n- another"
    )
    # Typer keeps a paragraph's source line breaks: each line of the docstring ended in a short
    # ragged one on screen.
    shown = run_cli("render", "--help", env={"COLUMNS": "200"}).stdout
    assert "coloured by sign (cooperative, hostile, neutral), dashed when" in shown


def test_every_help_page_keeps_its_examples_indented(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Typer dedents the text after a command's first paragraph: examples alone below one line
    of prose came out flush left, like prose."""
    import inspect

    from click.testing import CliRunner

    from graph.cli import command

    monkeypatch.setenv("COLUMNS", "200")
    cli = command()
    pages = 0
    for path, sub in _commands(cli):
        examples = [
            line.strip().replace("\\[", "[")  # as Rich shows it
            for line in inspect.cleandoc(sub.help or "").splitlines()
            if line.startswith("  actorgraph ")
        ]
        shown = CliRunner().invoke(cli, [*path, "--help"], prog_name="actorgraph").output
        for example in examples:
            assert f"   {example}" in shown, (path, example)
            pages += 1
    assert pages > 30


def test_tables_fit_the_terminal_or_show_one_record_per_block(panjshir) -> None:  # type: ignore[no-untyped-def]
    narrow = {"COLUMNS": "80"}
    listed = run_cli("datasets", "list", env=narrow)
    assert listed.returncode == 0, listed.stderr
    # Too wide for 80 columns: one record per block, every value whole.
    assert "-[ record 1 ]" in listed.stdout and "…" not in listed.stdout
    assert "description Actors, places, events and claims" in listed.stdout
    assert all(len(line) <= 80 for line in listed.stdout.splitlines())
    table = run_cli("datasets", "list", "--format", "table", env=narrow)
    assert "┃" in table.stdout and "record" not in table.stdout
    # A table asked for at 80 columns is printed whole, its lines longer: no column squeezed.
    forced = run_cli("loads", "--format", "table", env=narrow).stdout.splitlines()
    assert all(word in forced[0] for word in ("dataset", "created", "unchanged", "files"))
    wide = run_cli("datasets", "list", env={"COLUMNS": "400"})
    assert "┃" in wide.stdout and "record" not in wide.stdout
    # Nothing cut short: loads' times and names, the vocabulary's terms.
    loads = run_cli("loads", env=narrow)
    assert "panjshir" in loads.stdout and "…" not in loads.stdout
    assert len(loads.stdout.split("at ")[1].split()[0]) == 19  # 2026-11-27T01:26:21
    terms = run_cli("vocabulary", env=narrow)
    assert "allied_with" in terms.stdout and "demands_surrender_of" in terms.stdout
    assert "…" not in terms.stdout
    # A query's rows: records when asked, a table when they fit.
    disputed = run_cli("query", "-n", "claims-disputed", "-o", "records")
    assert disputed.stdout.count("-[ record") >= 3 and "counter_claimant" in disputed.stdout
    small = run_cli("query", "RETURN 1 AS x", env=narrow)
    assert "record" not in small.stdout and "x" in small.stdout.splitlines()[0]
    assert "1 row" in small.stdout


def test_a_reader_that_goes_away_is_no_error(panjshir) -> None:  # type: ignore[no-untyped-def]
    for fmt in ("records", "json", "csv"):
        piped = subprocess.run(
            ["bash", "-c", f"set -o pipefail; {sys.executable} -m graph query "
             f"'UNWIND range(1, 200000) AS n RETURN n' --format {fmt} | head -1"],
            capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
        assert piped.returncode == 0 and piped.stderr == "", (fmt, piped.stderr)


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["render", "--relation", "figths", "--out", "x.html"], "Did you mean 'fights'"),
        (["export", "-o", "json", "--kind", "armed_grop", "--out", "x.json"], "armed_group"),
        (["export", "-o", "xml", "--out", "x.xml"], "Unknown export format 'xml'"),
        (["datasets", "list"], "Invalid Neo4j URI 'notaurl'"),
        (["render", "--as-of", "", "--out", "x.html"], "--as-of '': give the date"),
        (["render", "--depth", "3", "--out", "x.html"], "give --around NAME too"),
        (["query", "-n", "as-of", "-p", "date=2021-09"], "(a day as YYYY-MM-DD, e.g. 2021-09-01)"),
        (["query", "RETURN 1 AS x", "--limit", "-1"], "greater than or equal to 0"),
        (["query", "-n", "sources", "-p", "examples=-1"], "(a whole number, 0 or more, e.g. 3)"),
        (["query", "-n", "brokers", "-p", "limit:float=2.5"], "limit: 2.5 is not a valid count"),
        (
            ["query", "-n", "supporters-of", "-p", "actor=nrf", "-p", "min_confidence=nan"],
            "'nan' is not a valid share (a number from 0 to 1",
        ),
        (["query", "RETURN $x AS x", "--param-json", "x=[1, 1e400]"], "not finite (NaN, or"),
        (
            ["query", "-n", "opponents-of", "-p", "actor=nrf", "-p", "min_confidence=5"],
            "min_confidence: '5' is not a valid share (a number from 0 to 1",
        ),
        (
            ["query", "-n", "supporters-of", "-p", "actor=nrf", "-p", "min_confidence:float=-1"],
            "min_confidence: -1.0 is not a valid share",
        ),
    ],
)
def test_a_misspelt_word_option_or_uri_is_bad_input(panjshir, args, says, tmp_path) -> None:  # type: ignore[no-untyped-def]
    env = {"NEO4J_URI": "notaurl"} if args == ["datasets", "list"] else None
    result = run_cli(*[str(tmp_path / a) if a.startswith("x.") else a for a in args], env=env)
    assert result.returncode == 2 and says in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_a_terminal_said_to_be_too_narrow_still_gets_every_message(panjshir) -> None:  # type: ignore[no-untyped-def]
    for columns in ("0", "10"):
        missing = run_cli("datasets", "drop", "nosuch", env={"COLUMNS": columns})
        assert missing.returncode == 2 and "No dataset named 'nosuch'" in missing.stderr
        rows = run_cli("query", "RETURN 1 AS x", env={"COLUMNS": columns})
        assert rows.returncode == 0 and "1 row" in rows.stdout


def test_window_without_as_of_is_refused_where_nothing_would_use_it(tmp_path: Path) -> None:
    """An export or an analysis without --as-of chooses every claim, so --window would change
    nothing: refused, before connecting. A page takes it for its date slider."""
    for args in (
        ("export", "--format", "json", "--out", str(tmp_path / "x.json"), "--window", "30"),
        ("analyze", "centrality", "--window", "30"),
        ("analyze", "balance", "--window", "7"),
    ):
        refused = run_cli(*args)
        assert refused.returncode == 2, args
        assert "--window counts the days before --as-of" in " ".join(refused.stderr.split())
    assert not (tmp_path / "x.json").exists()


def test_out_dash_is_refused_not_written_as_a_file_named_dash(tmp_path: Path) -> None:
    for args in (("render", "--out", "-"), ("export", "--format", "json", "--out", "-"),
                 ("analyze", "centrality", "--render", "-")):  # fmt: skip
        refused = subprocess.run(
            [sys.executable, "-m", "graph", *args], capture_output=True, text=True,
            cwd=tmp_path, check=False,
        )  # fmt: skip
        assert refused.returncode == 2, args
        assert "standard output) is not supported" in " ".join(refused.stderr.split())
        assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("width", [40, 80, 200])
def test_records_written_to_a_file_are_rich_records_without_the_padding(
    width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Piped or redirected, records are written as plain lines (rich's grid took 110 s for
    88,000 records): the lines the grid gives, folded the same, with no trailing spaces. Names
    too wide to leave a value room have each value under them (the grid printed no values)."""
    import io

    from rich.table import Table
    from rich.text import Text

    from graph.cli import output

    values = ["short", "", "a " * 60, "x" * 150, "word " * 10 + "y" * 90 + " tail", " leading",
              "two  spaces  here " * 6, "line one\nline two is long " + "z " * 50,
              "hyphen-ated-words-" * 8, "« quotes » – dash — … " * 5, "東京 " * 30,
              "trailing space ", "12\u202f000 killed", "\u00a0", "a\n\nb"]  # fmt: skip
    rows = [[Text(v), Text(values[(i * 5) % len(values)]), "str"] for i, v in enumerate(values)]
    columns = ["party", "evidence_text", "x"]

    def written(write) -> list[str]:  # type: ignore[no-untyped-def]
        buffer = io.StringIO()
        monkeypatch.setattr(output, "console", output._Console(file=buffer, width=width))
        write()
        return buffer.getvalue().splitlines()

    def grid() -> None:
        for number, row in enumerate(rows, 1):
            output.console.print(Text(f"-[ record {number} ]" + "-" * 20))
            block = Table.grid(padding=(0, 1))
            block.add_column(no_wrap=True)
            block.add_column(overflow="fold")
            for column, cell in zip(columns, row, strict=True):
                block.add_row(Text(column), cell)
            output.console.print(block)

    plain = written(lambda: output._print_records(columns, rows))
    assert plain == [line.rstrip(" ") for line in written(grid)]
    assert all(line == line.rstrip(" ") for line in plain)
    wide = [f"{name[:3]}_{'n' * (width - 8)}" for name in columns]  # leave values 4 columns
    under = written(lambda: output._print_records(wide, rows))
    assert under[1:4] == [wide[0], "  short", wide[1]] and all(len(u) <= width for u in under)
    given = sum(str(cell).count("東京") for row in rows for cell in row)
    assert "".join(under).count("東京") == given  # nothing lost


def test_validate_says_its_problems_without_claiming_it_wrote_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("dataset: bad\nactors:\n  - {id: a, name: A, kind: alien}\n")
    result = run_cli("validate", str(bad))
    assert result.returncode == 2 and "error: 1 problem in the input.\n" in result.stderr
    assert "nothing was written" not in result.stderr and f"{bad}:3: kind:" in result.stderr
