"""A load cut short by the server dying leaves nothing partial (own server: this one is killed)."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph import ActorGraphError, Graph, LocalServer
from graph.loader import drop, load
from graph.query import rows, run_named
from graph.server import free_port

from .conftest import PANJSHIR, server_with, snapshot, synthetic


@pytest.fixture(scope="module")
def victim(tmp_path_factory: pytest.TempPathFactory, sandbox: Path) -> Iterator[LocalServer]:
    root = tmp_path_factory.mktemp("victim")
    server = LocalServer(home=root / "home", password_file=root / "pw", port=free_port())
    server.start(timeout=300)
    try:
        yield server
    finally:
        server.stop()


# 1,200 actors, a source and 6,000 relations (7,201 items) in batches of 500 rows, written in
# batches past 1,000 items (BATCHED) or in one transaction (ONE_TX). The rows done when the
# server is killed: among the actors, early and late among the relations.
ACTORS, RELATIONS = 1200, 6000
KILL_POINTS = [700, 2500, 6800]
BATCHED = {"one_transaction_max": 1000}
ONE_TX = {"one_transaction_max": 100_000}


@pytest.mark.parametrize("kill_after", KILL_POINTS)
def test_server_killed_mid_batched_load_leaves_it_hidden_and_a_rerun_converges(
    victim: LocalServer, tmp_path: Path, kill_after: int
) -> None:
    settings = victim.connection_settings()
    with Graph(settings) as g:
        g.write("MATCH (n) DETACH DELETE n")
        load(g, [PANJSHIR])
        before = rows(run_named(g, "relations-of", {"actor": "Taliban"}))
        expected = snapshot(g)
    data = synthetic(tmp_path / "big", actors=ACTORS, relations=RELATIONS)
    killed_at, said = load_killing_the_server(victim, data, kill_after, **BATCHED)
    assert killed_at is not None  # after a commit
    assert "Cannot reach Neo4j" in said  # and what is left, and what to do:
    assert "The load of 'synthetic' stopped midway" in said and "run this load again" in said
    victim.start(timeout=300)
    with Graph(settings) as g:
        assert g.read("MATCH (l:LoadLock) RETURN l.staging AS s") == [{"s": ["synthetic"]}]
        assert rows(run_named(g, "relations-of", {"actor": "Taliban"})) == before
        report = load(g, [data], dataset="synthetic", **BATCHED)  # removes the batches, loads
        assert report.total("created") == ACTORS + 1 + RELATIONS  # converged: nothing twice ...
        counts = g.read(
            "MATCH ()-[r]->() WHERE r.dataset = 'synthetic' "
            "RETURN count(r) AS n, count(DISTINCT r.id) AS ids"
        )
        assert counts == [{"n": RELATIONS, "ids": RELATIONS}]  # ... nothing lost
        drop(g, "synthetic")
        assert without_loads(snapshot(g)) == without_loads(expected)


def test_server_killed_mid_batched_reload_leaves_the_old_version_and_a_rerun_converges(
    victim: LocalServer, tmp_path: Path
) -> None:
    """A re-load in batches (graph.loader.generations), its server killed among the batches of
    its new generation: readers see the old version whole, and the next load ends it."""
    settings = victim.connection_settings()
    first = synthetic(tmp_path / "v1", actors=ACTORS, relations=RELATIONS)
    second = tmp_path / "v2"
    second.mkdir()
    for name in ("actors.csv", "sources.csv"):
        (second / name).write_bytes((first / name).read_bytes())
    regraded = (first / "relations.csv").read_text().replace(",6,0.5\n", ",5,0.7\n")
    (second / "relations.csv").write_text(regraded)
    with Graph(settings) as g:
        g.write("MATCH (n) DETACH DELETE n")
        load(g, [PANJSHIR])
        load(g, [first], dataset="synthetic")
        expected = snapshot(g)
    killed_at, said = load_killing_the_server(victim, second, KILL_POINTS[1], **BATCHED)
    assert killed_at is not None and "Cannot reach Neo4j" in said
    assert "The re-load of 'synthetic' stopped midway" in said
    victim.start(timeout=300)
    with Graph(settings) as g:
        assert without_loads(snapshot(g)) != without_loads(expected)  # new items, hidden ...
        shown = rows(run_named(g, "relations-of", {"actor": "syn-7"}))
        assert {r["confidence"] for r in shown} == {0.5}  # ... readers see the old version
        report = load(g, [second], dataset="synthetic", **BATCHED)
        assert report.total("updated") == RELATIONS
        counts = g.read(
            "MATCH ()-[r]->() WHERE r.dataset = 'synthetic' RETURN count(r) AS n, "
            "count(DISTINCT r.id) AS ids, collect(DISTINCT r.confidence) AS confidence, "
            "count(r.generation) AS marked"
        )
        assert counts == [{"n": RELATIONS, "ids": RELATIONS, "confidence": [0.7], "marked": 0}]
        assert g.read("MATCH (l:LoadLock) RETURN l.marks AS m") == [{"m": None}]


def load_killing_the_server(
    victim: LocalServer, data: Path, kill_after: int, **options: int
) -> tuple[int | None, str]:
    """Load ``data`` and SIGKILL the server after the batch that passes ``kill_after`` rows
    (inside the open transaction, or after a committed batch of a batched load); the rows
    done then, and what the load said. The load must fail."""
    killed: dict[str, int | None] = {"at": None}

    def kill_midway(done: int, total: int) -> None:
        if killed["at"] is None and done > kill_after:
            killed["at"] = done
            os.kill(victim.pid(), signal.SIGKILL)

    settings = victim.connection_settings()
    with Graph(settings, retry_seconds=1.0) as g, pytest.raises(ActorGraphError) as failed:
        load(g, [data], dataset="synthetic", progress=kill_midway, batch_size=500, **options)
    return killed["at"], str(failed.value)


def without_loads(snap: list) -> list:
    """The data: no load records, no lock node (its list of hidden datasets may be empty now)."""
    return [[i for i in part if "'Load'" not in i and "'LoadLock'" not in i] for part in snap]


# One open transaction: wherever it dies, nothing of it was committed. Two points (early,
# among the actors; late, among the relations) of the three above.
@pytest.mark.parametrize("kill_after", [KILL_POINTS[0], KILL_POINTS[-1]])
def test_server_killed_mid_load_leaves_the_previous_state_intact(
    victim: LocalServer, tmp_path: Path, kill_after: int
) -> None:
    settings = victim.connection_settings()
    with Graph(settings) as g:
        g.write("MATCH (n) DETACH DELETE n")
        load(g, [PANJSHIR])
        before = snapshot(g)
    data = synthetic(tmp_path / "big", actors=ACTORS, relations=RELATIONS)
    killed_at, _ = load_killing_the_server(victim, data, kill_after, **ONE_TX)
    assert killed_at is not None and killed_at < ACTORS + 1 + RELATIONS
    victim.start(timeout=300)
    with Graph(settings) as g:
        assert snapshot(g) == before
        # Re-running the load now completes, once, with no duplicates.
        report = load(g, [data], dataset="synthetic")
        created = ACTORS + 1 + RELATIONS - report.by_type["OPPOSES"]["unchanged"]
        assert report.total("created") == created
        rows = g.read("MATCH (:Entity {dataset: 'synthetic'}) RETURN count(*) AS n")
        assert rows == [{"n": ACTORS}]


def test_bulk_load_builds_the_same_graph_as_a_normal_load(
    victim: LocalServer, tmp_path: Path
) -> None:
    from graph.loader import bulk_load, check

    # Text with line breaks (the importer reads CSV fields over several lines only when told).
    data = tmp_path / "panjshir.yaml"
    data.write_text(PANJSHIR.read_text().replace(
        'evidence: "Geography stated throughout the article."',
        'evidence: "Geography stated\\nthroughout the article."'))  # fmt: skip

    settings = victim.connection_settings()
    with Graph(settings) as g:
        g.write("MATCH (n) DETACH DELETE n")
        load(g, [data])
        expected = [
            [n for n in part if "'Load'" not in n and "'LoadLock'" not in n] for part in snapshot(g)
        ]
        with pytest.raises(ActorGraphError, match="empty database"):
            bulk_load(g, check(g, [data]), server=victim)
        g.write("MATCH (n) DETACH DELETE n")
        dataset = check(g, [data])
        report = bulk_load(g, dataset, server=victim)
    assert report.total("created") == 132
    with Graph(settings) as g:
        got = [
            [n for n in part if "'Load'" not in n and "'LoadLock'" not in n] for part in snapshot(g)
        ]
        assert got == expected
        # A later normal load of the same data finds nothing to change.
        assert load(g, [data]).total("unchanged") == 132


def test_ctrl_c_during_a_cli_load_exits_130_and_writes_nothing(
    victim: LocalServer, tmp_path: Path
) -> None:
    import subprocess
    import sys

    settings = victim.connection_settings()
    with Graph(settings) as g:
        before = without_loads(snapshot(g))
    data = synthetic(tmp_path / "big", actors=5000, relations=60_000)  # no repeated pairs
    env = {**os.environ, "NEO4J_URI": settings.uri, "NEO4J_PASSWORD": settings.password}
    process = subprocess.Popen(
        [sys.executable, "-m", "graph", "load", str(data), "--dataset", "interrupted"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    writing = False
    with Graph(settings) as g:
        while not writing and time.monotonic() < deadline and process.poll() is None:
            # Poll until the load's transaction is creating relations (this query's own text
            # mentions the pattern too, so it is left out).
            running = g.read(
                "SHOW TRANSACTIONS YIELD currentQuery "
                "WHERE currentQuery CONTAINS $pattern AND NOT currentQuery STARTS WITH 'SHOW' "
                "RETURN count(*) AS n",
                {"pattern": "CREATE (a)-[r:"},
            )
            writing = running[0]["n"] > 0
            time.sleep(0.05)
    assert writing, "the load never started writing"
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=120)
    assert process.returncode == 130, err
    assert "interrupted: Nothing of this load is shown" in " ".join(err.split())
    with Graph(settings) as g:  # (the lock node counts the batched load begun)
        assert without_loads(snapshot(g)) == before


@pytest.fixture(scope="module")
def tight_memory(tmp_path_factory: pytest.TempPathFactory, sandbox: Path) -> Iterator[LocalServer]:
    """A server of its own whose transactions may use 4 MiB (db.memory.transaction.max)."""
    with server_with(
        tmp_path_factory.mktemp("tight-memory"), "db.memory.transaction.max=4m\n"
    ) as server:
        yield server


def test_a_load_too_big_for_the_servers_memory_stops_at_once_with_what_to_do(
    tight_memory: LocalServer, tmp_path: Path
) -> None:
    """Neo4j calls this error transient; retried, it would fail the same way for 30 s."""
    data = synthetic(tmp_path / "big", actors=2000, relations=20_000)
    with Graph(tight_memory.connection_settings()) as g:
        load(g, [PANJSHIR])
        before = snapshot(g)
        with pytest.raises(ActorGraphError) as failure:
            load(g, [data], dataset="synthetic", **ONE_TX)
        assert snapshot(g) == before
        with pytest.raises(ActorGraphError) as batches_too_big:
            load(g, [data], dataset="synthetic")  # in batches of 10,000 rows: still too big
        assert without_loads(snapshot(g)) == without_loads(before)  # the batches were removed
        # In smaller batches the whole load fits transactions of 4 MiB.
        assert load(g, [data], dataset="synthetic", batch_size=100).total("created") == 22_001
    message = str(failure.value)
    assert "needs more memory than Neo4j" in message and "4.0 MiB" in message
    assert "--heap" in message and "one_transaction_max" in message  # load()'s own names
    assert "batch_size" in str(batches_too_big.value)  # said in a writer thread too
