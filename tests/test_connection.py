"""Connecting to Neo4j: settings precedence and one clear sentence for each failure."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import graph
from graph import ConfigError, ConnectError, LocalServer
from graph.bookmarks import BookmarkFile
from graph.connection import resolve_settings
from graph.server import free_port

from .conftest import run_cli


def test_connect_finds_the_local_server_by_itself(neo4j_server: LocalServer) -> None:
    with graph.connect() as g:
        assert g.settings.uri == neo4j_server.uri
        info = g.info()
    assert info["version"].startswith("5.26.")
    assert info["edition"] == "community"


def test_a_driver_that_fails_to_close_does_not_hide_what_stopped_the_work(
    neo4j_server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C in the middle of a message to the server leaves the driver's send buffer in use,
    and closing it then fails (found by a trial: a load stopped so ended as an internal error,
    exit 70). The interruption is what is said; with nothing else to say, the failure is."""
    g = graph.connect()
    g.read("RETURN 1 AS one")
    really_close = g.driver.close

    def cut_short() -> None:
        raise BufferError("Existing exports of data: object cannot be re-sized")

    monkeypatch.setattr(g.driver, "close", cut_short)
    with pytest.raises(KeyboardInterrupt), g:
        raise KeyboardInterrupt
    with pytest.raises(BufferError), g:
        pass
    really_close()


# Ctrl-C (a real SIGINT) a second into a statement that would run for minutes, in a process
# of its own: pytest would take a stray SIGINT for the end of the run.
_INTERRUPTED = """
import os, signal, sys, threading, time
import graph
SPIN = "UNWIND range(1, 10000000000) AS x WITH x WHERE x < 0 RETURN count(*) AS n"
g = graph.connect()
threading.Timer(1, os.kill, (os.getpid(), signal.SIGINT)).start()
began = time.monotonic()
try:
    if sys.argv[1] == "query":
        list(graph.run(g, SPIN, timeout=120).rows)
    else:
        g.transaction(lambda tx: tx.run("CREATE (:CtrlCProbe) WITH 1 AS one " + SPIN).consume(), timeout=120)
except KeyboardInterrupt:
    print(f"{time.monotonic() - began:.1f}")
print(g.read("RETURN 1 AS one")[0]["one"])
"""


@pytest.mark.parametrize("how", ["query", "transaction"])
def test_ctrl_c_ends_the_statement_on_the_server_at_once(
    neo4j_server: LocalServer, db: graph.Graph, how: str
) -> None:
    """A notebook's Ctrl-C used to wait until the server had finished the statement (an orderly
    close of the session waits for it); the connection is dropped now, which ends the
    transaction on the server, and the same connection answers the next statement."""
    import subprocess
    import sys
    import time

    done = subprocess.run(
        [sys.executable, "-c", _INTERRUPTED, how], capture_output=True, text=True, timeout=90
    )
    assert done.returncode == 0, done.stderr
    waited, answered = done.stdout.split()
    assert float(waited) < 30 and answered == "1"  # not a timing: the statement runs minutes
    running: list[dict] = []
    for _ in range(50):  # the server notices the closed connection within moments
        running = db.read(
            "SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery CONTAINS 'range(1,' "
            "AND NOT currentQuery STARTS WITH 'SHOW' RETURN currentQuery"
        )
        if not running:
            break
        time.sleep(0.2)
    assert running == []
    assert db.read("MATCH (p:CtrlCProbe) RETURN count(p) AS n") == [{"n": 0}]


def test_a_stream_cut_short_is_not_read_to_its_end(db: graph.Graph) -> None:
    """A read whose rows stop being read (`limit`, a `break`) drops its connection: closing
    the session in order would have the server produce every row first, only to throw them
    away (minutes for this statement)."""
    import time

    endless = "UNWIND range(1, 10000000000) AS x RETURN x"
    began = time.monotonic()
    assert list(graph.run(db, endless, limit=2, timeout=300)) == [{"x": 1}, {"x": 2}]
    stream = graph.run(db, endless, timeout=300)
    assert next(iter(stream)) == {"x": 1}
    stream.rows.close()  # what a loop's `break` leads to once the result is let go
    assert time.monotonic() - began < 60  # not a timing: each statement would run minutes
    assert db.read("RETURN 1 AS one") == [{"one": 1}]


def test_ctrl_c_while_committing_says_the_transaction_may_be_written() -> None:
    """The driver has sent COMMIT and waits for the answer: whether it was written is not
    known, and saying "nothing was written" could be false."""
    from graph.db import _commit
    from graph.errors import InterruptedMidway

    class Committing:
        def commit(self) -> None:
            raise KeyboardInterrupt

    with pytest.raises(InterruptedMidway, match="may have been written whole"):
        _commit(Committing())  # type: ignore[arg-type]


def test_environment_wins_over_local_server_and_flags_win_over_environment(
    neo4j_server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEO4J_URI", "bolt://example.invalid:7687")
    monkeypatch.setenv("NEO4J_USERNAME", "alice")
    monkeypatch.setenv("NEO4J_DATABASE", "people")
    from_env = resolve_settings()
    assert (from_env.uri, from_env.user, from_env.database) == (
        "bolt://example.invalid:7687",
        "alice",
        "people",
    )
    from_flags = resolve_settings(uri="neo4j+s://abc.databases.neo4j.io", user="bob")
    assert from_flags.uri == "neo4j+s://abc.databases.neo4j.io"
    assert from_flags.user == "bob"


def test_routing_uri_scheme_works_unchanged(neo4j_server: LocalServer) -> None:
    uri = neo4j_server.uri.replace("bolt://", "neo4j://")
    with graph.connect(uri=uri) as g:
        assert g.read("RETURN 2 AS two") == [{"two": 2}]


def test_unreachable_uri_names_it_and_how_to_start(sandbox) -> None:
    uri = f"bolt://127.0.0.1:{free_port()}"
    with pytest.raises(ConnectError) as failure:
        graph.connect(uri=uri, password="x")
    assert uri in str(failure.value)
    assert "actorgraph server start" in str(failure.value)


def test_a_server_that_went_away_is_waited_for_once_per_connection(
    sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each transaction used to wait out the retry window on its own: a load whose server was
    killed retried its batches, then the removal of what they wrote, and said so 105-162 s
    later. Now the statements of one connection share the outage's window."""
    import time

    from graph.db import Graph

    slept: list[float] = []
    real_sleep = time.sleep

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        real_sleep(seconds)

    monkeypatch.setattr(time, "sleep", sleep)
    settings = resolve_settings(uri=f"bolt://127.0.0.1:{free_port()}", password="x")
    with Graph(settings, retry_seconds=1.5) as g:
        with pytest.raises(ConnectError, match="Cannot reach Neo4j"):
            g.read("RETURN 1 AS one")
        assert 0 < sum(slept) <= 1.5  # retried, and not past the window
        slept.clear()
        with pytest.raises(ConnectError, match="Cannot reach Neo4j"):
            g.write("RETURN 1 AS one", ours=True)
        assert slept == []  # the same outage: not waited for again


def test_unknown_database_is_named(neo4j_server: LocalServer) -> None:
    with pytest.raises(ConnectError, match="Database 'nosuchdb' does not exist"):
        graph.connect(database="nosuchdb")


def test_the_servers_status_says_its_database_cannot_answer_without_waiting(
    neo4j_server: LocalServer,
) -> None:
    """Read from the system database: one that is missing or offline is said, not retried."""
    from dataclasses import replace

    from graph.server.auth import server_identity

    settings = neo4j_server.connection_settings()
    version, edition, problem = server_identity(settings)
    assert version.startswith("5.26.") and edition == "community" and problem is None
    missing = replace(settings, database="nosuch")
    assert server_identity(missing)[2] == "The server has no database named nosuch."
    assert neo4j_server.status().problem is None


def test_the_system_database_is_refused_before_connecting(sandbox) -> None:
    """Every statement failed there, quoting actorgraph's own connection check."""
    with pytest.raises(ConfigError, match="'system' database holds Neo4j's users"):
        graph.connect(database="System")
    result = run_cli("query", "--database", "system", "RETURN 1")
    assert result.returncode == 2 and "RETURN 1 AS ok" not in result.stderr


def test_invalid_uri_scheme_is_a_config_error(sandbox) -> None:
    with pytest.raises(ConfigError, match="Invalid Neo4j URI 'http://localhost:7474'"):
        graph.connect(uri="http://localhost:7474", password="x")


def test_info_command_reports_counts(neo4j_server: LocalServer, db: graph.Graph) -> None:
    db.write("CREATE (:Probe)-[:TOUCHES]->(:Probe)")
    result = run_cli("info")
    assert result.returncode == 0, result.stderr
    assert "nodes  2" in result.stdout and "relationships  1" in result.stdout


def test_unreachable_uri_on_the_cli_exits_1_without_traceback(sandbox) -> None:
    result = run_cli("info", "--uri", f"bolt://127.0.0.1:{free_port()}", "--password", "x")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("error: Cannot reach Neo4j")


def test_debug_flag_shows_the_traceback(sandbox) -> None:
    result = run_cli("--debug", "info", "--uri", f"bolt://127.0.0.1:{free_port()}")
    assert result.returncode == 1
    assert "Traceback" in result.stderr


def test_on_a_routed_uri_each_process_starts_from_the_last_ones_bookmark(
    neo4j_server: LocalServer, db: graph.Graph, sandbox: Path
) -> None:
    """On a cluster or Aura (neo4j://) reads go to followers that may lag behind a write: each
    process keeps its last bookmark in a file, and the next one's transactions wait for that
    state. (One server here: what is tested is that the chain is carried from process to
    process, not a lagging follower.) A single server (bolt://) keeps no file."""
    uri = neo4j_server.uri.replace("bolt://", "neo4j://")
    folder = sandbox / "config" / "bookmarks"
    shutil.rmtree(folder, ignore_errors=True)
    assert run_cli("query", "--uri", uri, "--write", "CREATE (:Probe)").returncode == 0
    [kept] = folder.glob("*.json")
    first = json.loads(kept.read_text())["bookmarks"]
    read = run_cli("query", "--uri", uri, "MATCH (n:Probe) RETURN count(n) AS n", "-o", "json")
    assert read.returncode == 0 and json.loads(read.stdout)["rows"] == [{"n": 1}], read.stderr
    assert run_cli("query", "--uri", uri, "--write", "CREATE (:Probe)").returncode == 0
    second = json.loads(kept.read_text())["bookmarks"]
    assert len(first) == len(second) == 1 and second != first  # the later state replaced it
    assert run_cli("query", "--write", "CREATE (:Probe)").returncode == 0  # bolt://
    assert (
        list(folder.glob("*.json")) == [kept]
        and json.loads(kept.read_text())["bookmarks"] == second
    )

    kept.write_text('{"bookmarks": ["FB:not-a-bookmark"]}')  # a damaged file
    stale = run_cli("query", "--uri", uri, "RETURN 1 AS one")
    said = " ".join(stale.stderr.split())
    assert stale.returncode == 2 and "does not know the bookmarks" in said, stale.stderr
    assert "Delete that file" in said and "Traceback" not in said


def test_a_bookmark_file_keeps_what_other_processes_saved_meanwhile(tmp_path: Path) -> None:
    kept = BookmarkFile(tmp_path / "b.json")
    assert kept.read() == []
    kept.save([], ["a"])  # one process
    kept.save([], ["b"])  # another, begun before the first ended: both states stay
    assert kept.read() == ["a", "b"]
    assert (tmp_path / "b.json").stat().st_mode & 0o777 == 0o600  # only this user's
    kept.save(["a", "b"], ["c"])  # one begun from both reached a later state
    assert kept.read() == ["c"]
    (tmp_path / "b.json").write_text("not json")
    assert kept.read() == []  # an unreadable file only loses the wait


def test_a_bookmark_file_held_by_a_stopped_process_holds_no_one_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A process stopped (Ctrl-Z) while it saves keeps the file's lock: the next one waits a
    moment, then saves nothing (it only loses a wait) instead of hanging at its exit."""
    import fcntl
    import os

    from graph import bookmarks

    monkeypatch.setattr(bookmarks, "_LOCK_TRIES", 2)
    kept = BookmarkFile(tmp_path / "b.json")
    kept.save([], ["a"])
    holder = os.open(tmp_path / "b.lock", os.O_WRONLY)
    fcntl.flock(holder, fcntl.LOCK_EX)
    try:
        kept.save(["a"], ["b"])
    finally:
        os.close(holder)
    assert kept.read() == ["a"]
