"""Writers never interleave: several `actorgraph` processes at once, on the real Neo4j.

Each test starts real OS processes (the CLI), as analysts sharing a database would.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph import ActorGraphError, Graph, LocalServer
from graph.backup import dump
from graph.errors import LockBusyError, WriteConflictError
from graph.loader import check, load, write
from graph.lock import LEASE_SECONDS, ensure_schema, renewing, unmark

from .conftest import PANJSHIR, run_cli, snapshot, start_cli, synthetic


def finish(processes: list[subprocess.Popen]) -> list[tuple[int, str, str]]:
    return [(p.wait(timeout=600), *p.communicate()) for p in processes]


def fresh(graph: Graph) -> None:
    """As a new database: no nodes, no constraints, no indexes (so no lock node either)."""
    graph.write("MATCH (n) DETACH DELETE n")
    for kind, plural in (("CONSTRAINT", "CONSTRAINTS"), ("INDEX", "INDEXES")):
        for row in graph.read(f"SHOW {plural} YIELD name, type RETURN name, type"):
            if row["type"] != "LOOKUP":
                graph.write(f"DROP {kind} {row['name']} IF EXISTS")


def relation_counts(graph: Graph) -> dict[str, int]:
    return graph.read(
        "MATCH ()-[r]->() WHERE r.id IS NOT NULL "
        "RETURN count(r) AS relations, count(DISTINCT r.id) AS ids"
    )[0]


def reported_created(stdout: str) -> int:
    """What a load says it created (a load recognised as unchanged created nothing)."""
    if "nothing to do" in stdout:
        return 0
    line = next(line for line in stdout.splitlines() if "created," in line)
    return int(line.split(": ")[-1].split(" created")[0])


@pytest.mark.parametrize("processes", [2, 4])
def test_the_same_load_started_at_once_on_a_fresh_database_is_written_once(
    db: Graph, tmp_path: Path, processes: int
) -> None:
    fresh(db)
    data = synthetic(tmp_path / "data", actors=500, relations=4000)
    results = finish([start_cli("load", str(data)) for _ in range(processes)])
    assert [code for code, _, _ in results] == [0] * processes, [err for _, _, err in results]
    assert relation_counts(db) == {"relations": 4000, "ids": 4000}
    # Exactly one process created everything; the others found it there.
    created = [reported_created(out) for _, out, _ in results]
    assert sorted(created) == [0] * (processes - 1) + [500 + 1 + 4000]
    assert db.read("MATCH (l:LoadLock) RETURN count(l) AS n") == [{"n": 1}]


def test_different_datasets_loaded_at_once_equal_loading_them_in_turn(
    db: Graph, tmp_path: Path
) -> None:
    fresh(db)
    folders = [synthetic(tmp_path / p, 300, 2000, prefix=p) for p in ("aa", "bb", "cc", "dd")]
    results = finish([start_cli("load", str(f), "--dataset", f.name) for f in folders])
    assert [code for code, _, _ in results] == [0, 0, 0, 0], [err for _, _, err in results]
    assert relation_counts(db) == {"relations": 8000, "ids": 8000}
    assert sum(reported_created(out) for _, out, _ in results) == 4 * (300 + 1 + 2000)
    together = snapshot(db)
    db.write("MATCH (n) DETACH DELETE n")
    for folder in folders:
        load(db, [folder], dataset=folder.name)
    in_turn = snapshot(db)
    assert [_without_loads(p) for p in together] == [_without_loads(p) for p in in_turn]


def _without_loads(part: list[str]) -> list[str]:
    return [n for n in part if "'Load'" not in n and "'LoadLock'" not in n]


def test_a_load_during_a_restore_waits_for_it(db: Graph, tmp_path: Path) -> None:
    big = synthetic(tmp_path / "big", actors=3000, relations=25_000)
    load(db, [big], dataset="big")
    load(db, [PANJSHIR])
    backup = tmp_path / "all.jsonl"
    dump(db, backup)
    expected = relation_counts(db)
    db.write("MATCH (n) DETACH DELETE n")
    restoring = start_cli("restore", str(backup))
    marked = "MATCH (l:LoadLock) WHERE l.busy IS NOT NULL RETURN count(l) AS n"
    _wait_until(lambda: db.read(marked) == [{"n": 1}])
    loading = start_cli("load", str(PANJSHIR))
    (restored, _, err_restore), (loaded, _out, err) = finish([restoring, loading])
    assert restored == 0, err_restore
    assert loaded == 0, err
    assert "Waiting for a restore of all.jsonl" in err
    assert relation_counts(db) == expected  # not doubled
    assert db.read("MATCH (l:LoadLock) RETURN l.busy AS b") == [{"b": None}]


def _wait_until(condition, seconds: float = 60.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_a_mark_left_by_a_dead_process_is_cleared_and_a_live_one_waited_for(
    db: Graph, tmp_path: Path
) -> None:
    ensure_schema(db)
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    mark = "MATCH (l:LoadLock) SET l.busy = $what, l.busy_pid = $pid, l.busy_host = $host, "
    mark += "l.busy_since = datetime()"
    host = socket.gethostname()
    db.write(mark, {"what": "a restore of old.jsonl", "pid": gone.pid, "host": host}, ours=True)
    assert load(db, [PANJSHIR]).total("created") == 132  # the stale mark was cleared
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    try:
        db.write(
            mark, {"what": "a restore of live.jsonl", "pid": live.pid, "host": host}, ours=True
        )
        before = snapshot(db)
        refused = run_cli("load", str(PANJSHIR), "--dataset", "again", "--wait", "1")
        assert refused.returncode == 1
        assert "Waiting for a restore of live.jsonl" in refused.stderr
        assert f"process {live.pid} on {host}" in refused.stderr
        assert "still so after 1 s" in refused.stderr and "Traceback" not in refused.stderr
        with pytest.raises(LockBusyError):
            load(db, [PANJSHIR], dataset="again", wait=0.5)
        assert snapshot(db) == before
    finally:
        live.kill()
        live.wait()
    unmark(db, None)


def test_a_mark_this_process_left_when_its_server_died_is_cleared(db: Graph) -> None:
    """A notebook's batched load whose server died could not clear its mark; the process is
    alive, but holds no mark any more, so its next load must not wait for itself."""
    ensure_schema(db)
    mark = "MATCH (l:LoadLock) SET l.busy = $what, l.busy_pid = $pid, l.busy_host = $host, "
    mark += "l.busy_since = datetime()"
    db.write(mark, {"what": "a load of syn in batches", "pid": os.getpid(),
                    "host": socket.gethostname()})  # fmt: skip
    assert load(db, [PANJSHIR], wait=5).total("created") == 132


REMOTE_MARK = (
    "MATCH (l:LoadLock) SET l.busy = 'a restore of team.jsonl', l.busy_pid = 4242, "
    "l.busy_host = 'analyst-laptop-7', l.busy_since = datetime() - duration('PT1H'), "
    "l.busy_token = 'theirs', l.busy_renewed = CASE WHEN $ago IS NULL THEN null "
    "ELSE datetime() - duration({seconds: $ago}) END"
)


def test_a_mark_from_another_machine_lapses_only_when_no_longer_renewed(db: Graph) -> None:
    """This machine cannot see another's processes: a mark set there counts as live while its
    process renews it, and as a dead process's once it has not for LEASE_SECONDS. A mark from
    a version that never renewed is waited for, as before."""
    ensure_schema(db)
    for ago in (10, None):
        db.write(REMOTE_MARK, {"ago": ago})
        with pytest.raises(LockBusyError, match=r"process 4242 on analyst-laptop-7"):
            load(db, [PANJSHIR], wait=0.5)
        assert db.read("MATCH (n:Entity) RETURN count(n) AS n") == [{"n": 0}]
    db.write(REMOTE_MARK, {"ago": LEASE_SECONDS + 5})
    assert load(db, [PANJSHIR], wait=5).total("created") == 132
    assert db.read("MATCH (l:LoadLock) RETURN l.busy_token AS token") == [{"token": None}]


def test_marked_work_renews_its_mark_while_it_runs(db: Graph) -> None:
    ensure_schema(db)
    db.write(REMOTE_MARK, {"ago": 600})
    quiet = "MATCH (l:LoadLock) RETURN duration.inSeconds(l.busy_renewed, datetime()).seconds AS s"
    with renewing(db, "theirs", every=0.1):
        _wait_until(lambda: db.read(quiet)[0]["s"] < 5, seconds=30)
    unmark(db, "theirs")


def test_a_relation_whose_end_vanished_before_the_write_aborts_the_load(
    panjshir: Graph, tmp_path: Path
) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text(
        "dataset: extra\n"
        "relations:\n"
        "  - {from: Russia, term: supports, to: Taliban, claimant: article-author,\n"
        "     sources: [src-article], evidence: e, credibility: 5, confidence: 0.1}\n"
    )
    checked = check(panjshir, [extra])  # names resolved now; the write comes later
    # as another process would, but leaving the tallies' record (which the load would count
    # again as it begins, whatever happens to it after)
    panjshir.write("MATCH (n:Entity {id: 'russia'}) DETACH DELETE n", ours=True)
    before = snapshot(panjshir)
    with pytest.raises(WriteConflictError, match=r"changed 0 items where 1 were planned"):
        write(panjshir, checked)
    assert snapshot(panjshir) == before


def test_read_only_refuses_bulk_server_and_administration_before_touching_anything(
    panjshir: Graph, neo4j_server: LocalServer
) -> None:
    pid = neo4j_server.pid()
    before = snapshot(panjshir)
    refused = {
        ("load", "--bulk", str(PANJSHIR)): "bulk import",
        ("server", "stop"): "stop the server",
        ("server", "start"): "start a server",
        ("query", "TERMINATE TRANSACTIONS 'neo4j-transaction-1'"): "TerminateTransactions",
        ("query", "CALL dbms.killConnection('bolt-1')"): "changes the schema or the server",
        ("query", "CALL db.clearQueryCaches()"): "changes the schema or the server",
        ("query", "--write", "CREATE (:X)"): "read-only mode",
    }
    for args, reason in refused.items():
        result = run_cli("--read-only", *args)
        assert result.returncode == 1, (args, result.stdout, result.stderr)
        assert "read-only mode" in result.stderr and reason in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
    assert neo4j_server.pid() == pid
    assert snapshot(panjshir) == before
    reads = run_cli("--read-only", "query", "SHOW TRANSACTIONS YIELD transactionId", "-o", "json")
    assert reads.returncode == 0 and json.loads(reads.stdout)["rows"]


def test_without_write_a_query_that_is_not_a_read_is_refused(panjshir: Graph) -> None:
    result = run_cli("query", "TERMINATE TRANSACTIONS 'neo4j-transaction-1'")
    assert result.returncode == 2
    assert "uses TerminateTransactions" in result.stderr and "--write" in result.stderr
    with pytest.raises(ActorGraphError, match="read-only by default"):
        from graph import run

        run(panjshir, "CALL db.clearQueryCaches()")
