"""A first load too big for one transaction: written in committed batches, hidden from every
reader until a last transaction shows it whole (graph.loader.staged).

Real Neo4j; readers in other connections and other OS processes; loads killed with SIGKILL.
The limit is set low (``--one-transaction-max``) so that a few thousand relations take dozens
of batches.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from graph import Graph, LocalServer
from graph.backup import dump
from graph.errors import DatasetError, LockBusyError, QueryError, WriteConflictError
from graph.loader import datasets, drop, load
from graph.query import rows, run_named
from graph.query.hidden import unmixed
from graph.subgraph import Filters
from graph.validate.relations import _Checker
from graph.views import select

from .conftest import PANJSHIR, run_cli, start_cli, synthetic

BATCHED = {"one_transaction_max": 100, "batch_size": 50}


def big(folder: Path, relations: int = 3000) -> Path:
    """400 actors and ``relations`` relations of their own, plus 40 claims that they support
    the Taliban and the NRF of the Panjshir study (relations between two datasets' nodes)."""
    synthetic(folder, 400, relations)
    with open(folder / "relations.csv", "a") as out:
        for i in range(40):
            target = "taliban" if i % 2 else "nrf"
            out.write(f"syn-{i},supports,{target},syn-{i % 13},syn,backing {i},4,0.7\n")
    return folder


def contents(graph: Graph) -> list[list[str]]:
    """The data, without the records of loads (their ids and times differ run to run)."""
    nodes = graph.read(
        "MATCH (n) WHERE NOT n:Load AND NOT n:LoadLock "
        "RETURN labels(n) AS labels, properties(n) AS props"
    )
    rels = graph.read(
        "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS type, properties(r) AS props, b.id AS b"
    )
    for row in nodes:
        row["labels"] = sorted(row["labels"])

    def stable(row: dict) -> str:
        return repr({k: sorted(v.items()) if isinstance(v, dict) else v for k, v in row.items()})

    return [sorted(map(stable, nodes)), sorted(map(stable, rels))]


def lock_state(graph: Graph) -> dict[str, Any]:
    """The lock node's properties but the count of changes readers saw (it only grows) and
    the tallies' record and the relations claims name (graph.tallies)."""
    props = graph.read("MATCH (l:LoadLock) RETURN properties(l) AS p")[0]["p"]
    counts = ("stages", "tallies", "tallies_kept", "tallied_stages", "disputes_named")
    return {k: v for k, v in props.items() if k not in counts}


def readers(graph: Graph, tmp_path: Path) -> dict[str, Any]:
    """What each of actorgraph's readers shows."""
    view = select(graph)
    backed = rows(run_named(graph, "supporters-of", {"actor": "taliban"}))
    listed = {d.name: (d.hidden, d.relations if not d.hidden else None) for d in datasets(graph)}
    counts = dump(graph, tmp_path / "readers.jsonl")
    listed_sources = rows(run_named(graph, "sources", {}))
    return {
        "view": (len(view.nodes), len(view.edges)),
        "sources": sorted((r["source"], r["claims"]) for r in listed_sources),
        "supporters-of taliban": sorted(r["supporter_id"] for r in backed),
        "datasets": listed,
        "dump": counts,
    }


def test_a_batched_first_load_writes_what_one_transaction_writes(
    panjshir: Graph, tmp_path: Path
) -> None:
    folder = big(tmp_path / "syn")
    whole = load(panjshir, [folder], dataset="syn")
    expected = contents(panjshir)
    drop(panjshir, "syn")
    batched = load(panjshir, [folder], dataset="syn", **BATCHED)
    assert contents(panjshir) == expected
    assert (batched.by_category, batched.by_type) == (whole.by_category, whole.by_type)
    assert batched.total("created") == 400 + 3040 + 1  # actors, relations, the source
    assert lock_state(panjshir) == {"id": "loads"}  # shown, and unmarked
    again = load(panjshir, [folder], dataset="syn", recheck=True, **BATCHED)
    assert again.total("unchanged") == 400 + 3040 + 1 and again.total("created") == 0


def test_readers_see_nothing_of_a_batched_load_until_it_is_whole(
    panjshir: Graph, neo4j_server: LocalServer, tmp_path: Path
) -> None:
    folder = big(tmp_path / "syn")
    before = readers(panjshir, tmp_path)
    cli_before = run_cli("query", "--name", "supporters-of", "-p", "actor=Taliban", "-o", "json")
    during: list[tuple[int, dict[str, Any]]] = []
    cli_during: list[subprocess.CompletedProcess] = []
    other = Graph(neo4j_server.connection_settings())  # another connection, as another user

    def progress(done: int, total: int) -> None:
        written = other.read("MATCH ()-[r]->() WHERE r.dataset = 'syn' RETURN count(r) AS n")
        if written[0]["n"] > 0 and len(during) < 3:
            seen = readers(other, tmp_path)
            during.append((written[0]["n"], seen))
            if not cli_during:
                args = ("query", "--name", "supporters-of", "-p", "actor=Taliban", "-o", "json")
                cli_during.append(run_cli(*args))

    try:
        load(panjshir, [folder], dataset="syn", progress=progress, **BATCHED)
        after = readers(other, tmp_path)
        shown = select(other, Filters(datasets=["syn"]))
    finally:
        other.close()
    assert len(during) == 3 and all(n > 0 for n, _ in during)  # relations were committed ...
    hidden = before | {"datasets": before["datasets"] | {"syn": (True, None)}}
    assert [seen for _, seen in during] == [hidden] * 3  # ... and no reader saw any of them
    assert cli_during[0].returncode == 0 and cli_during[0].stdout == cli_before.stdout
    assert after["datasets"]["syn"] == (False, 3040)
    assert len(after["supporters-of taliban"]) == len(before["supporters-of taliban"]) + 20
    assert len(shown.edges) == 3040


def test_a_batched_load_that_fails_removes_what_it_wrote(panjshir: Graph, tmp_path: Path) -> None:
    folder = big(tmp_path / "syn")
    before = contents(panjshir)

    def fail_midway(done: int, total: int) -> None:
        if done > total // 2:
            raise RuntimeError("the analyst's notebook cell was interrupted")

    with pytest.raises(RuntimeError, match="interrupted"):
        load(panjshir, [folder], dataset="syn", progress=fail_midway, **BATCHED)
    assert contents(panjshir) == before
    assert lock_state(panjshir) == {"id": "loads"}


def committed_relations(graph: Graph, dataset: str) -> int:
    return graph.read("MATCH ()-[r]->() WHERE r.dataset = $d RETURN count(r) AS n", {"d": dataset})[
        0
    ]["n"]


@pytest.mark.parametrize(
    ("bad_row", "problem"),
    [
        (
            "syn-1,hates,syn-2,syn-1,syn,a bad term at the end,6,0.5",
            "unknown relation term 'hates'",
        ),
        ("syn-1,opposes,nobody-at-all,syn-1,syn,an unknown name at the end,6,0.5", "nobody-at-all"),
    ],
)
def test_a_streamed_load_that_finds_a_problem_late_removes_its_batches_and_lists_every_problem(
    panjshir: Graph,
    neo4j_server: LocalServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    bad_row: str,
    problem: str,
) -> None:
    """A first load too big for one transaction writes its relations while the next ones are
    checked (graph.loader.streamed): a bad row at the end of the file is found after batches
    were committed; they are removed, and the problems are those any load reports."""
    folder = big(tmp_path / "syn")
    with open(folder / "relations.csv", "a") as out:
        out.write(bad_row + "\n")
    with pytest.raises(DatasetError) as checked_whole:
        load(panjshir, [folder], dataset="syn", dry_run=True, **BATCHED)  # checked, then written
    before = contents(panjshir)
    other = Graph(neo4j_server.connection_settings())
    seen: list[int] = []
    check = _Checker.check
    waited: list[bool] = []

    def slow_check(self: _Checker, record: Any) -> Any:
        """Row 500 is checked once the actors are written (the relations wait for them, and
        checking 3,000 rows would otherwise outrun the writing)."""
        if record.data.get("evidence") == "generated row 500" and not waited:
            waited.append(True)
            query = "MATCH (n:Entity {dataset: 'syn'}) RETURN count(n) AS n"
            for _ in range(600):
                if other.read(query)[0]["n"] == 400:
                    break
                time.sleep(0.05)
        return check(self, record)

    monkeypatch.setattr(_Checker, "check", slow_check)

    def progress(done: int, total: int) -> None:
        seen.append(committed_relations(other, "syn"))

    try:
        with pytest.raises(DatasetError) as streamed:
            load(panjshir, [folder], dataset="syn", progress=progress, **BATCHED)
    finally:
        other.close()
    assert waited and max(seen) >= 50  # batches committed before the last row was checked
    assert streamed.value.problems == checked_whole.value.problems
    assert any(problem in p.message for p in streamed.value.problems)
    assert contents(panjshir) == before
    assert lock_state(panjshir) == {"id": "loads"}
    said = run_cli("load", str(folder), "--dataset", "syn", "--one-transaction-max", "100")
    assert said.returncode == 2 and problem in said.stderr and "Traceback" not in said.stderr
    assert contents(panjshir) == before


def test_a_streamed_load_is_refused_for_a_problem_known_once_every_relation_is_checked(
    panjshir: Graph, tmp_path: Path
) -> None:
    """A relation that contradicts an id no relation has is known only once every relation is
    checked, after the last batch was written: the load is refused all the same."""
    folder = big(tmp_path / "syn")
    header, first, *rest = (folder / "relations.csv").read_text().splitlines()
    lines = [header + ",contradicts", first + ",r-nothing-has-this-id", *(x + "," for x in rest)]
    (folder / "relations.csv").write_text("\n".join(lines) + "\n")
    before = contents(panjshir)
    with pytest.raises(DatasetError, match="no relation has the id 'r-nothing-has-this-id'"):
        load(panjshir, [folder], dataset="syn", **BATCHED)
    assert contents(panjshir) == before
    assert lock_state(panjshir) == {"id": "loads"}
    assert "syn" not in {d.name for d in datasets(panjshir)}


def test_a_batched_load_whose_mark_lapsed_writes_no_more_and_removes_its_batches(
    panjshir: Graph, tmp_path: Path
) -> None:
    """Another machine's writer cleared this load's mark (not renewed in time: a suspended
    laptop). The next batch finds the mark gone and stops; what was written goes."""
    folder = big(tmp_path / "syn")
    before = contents(panjshir)

    def lapse_midway(done: int, total: int) -> None:
        if done > total // 2:
            panjshir.write("MATCH (l:LoadLock) REMOVE l.busy, l.busy_pid, l.busy_host, "
                           "l.busy_since, l.busy_token, l.busy_renewed")  # fmt: skip

    with pytest.raises(WriteConflictError, match="mark on the load lock was cleared by another"):
        load(panjshir, [folder], dataset="syn", progress=lapse_midway, **BATCHED)
    assert contents(panjshir) == before
    assert lock_state(panjshir) == {"id": "loads"}


def start_load(folder: Path, *extra: str) -> subprocess.Popen:
    return start_cli(
        "load", str(folder), "--dataset", "syn", "--one-transaction-max", "100", *extra
    )


PROGRESS = (
    "MATCH (l:LoadLock) "
    "CALL () { MATCH (n:Entity {dataset: 'syn'}) RETURN count(n) AS entities } "
    "CALL () { MATCH ()-[r]->() WHERE r.dataset = 'syn' RETURN count(r) AS relations } "
    "RETURN 'syn' IN coalesce(l.staging, []) AS staged, entities, relations"
)
# Where the load is killed: a condition on what it has committed so far.
KILL_POINTS = {
    "once staged": lambda s: s["staged"],
    "among the node batches": lambda s: s["staged"] and 0 < s["entities"] < 400,
    "among the first relation batches": lambda s: 0 < s["relations"] < 1000,
    # Not at the very end: a load seen at 3,000 of its 3,040 relations may finish and show
    # itself before the kill lands (it did once in CI, on a quiet machine).
    "among the last relation batches": lambda s: 2000 <= s["relations"] < 2800,
}


def kill_when(
    graph: Graph,
    process: subprocess.Popen,
    point: str,
    sig: int = signal.SIGKILL,
    points: dict[str, Any] = KILL_POINTS,
    progress: str = PROGRESS,
) -> dict[str, Any]:
    """SIGKILL (or ``sig``) the load once it reaches ``point`` of ``points``, judged by what
    the ``progress`` query reads; what it had committed."""
    reached = points[point]
    while process.poll() is None:
        state = graph.read(progress)[0]
        if reached(state):
            os.kill(process.pid, sig)
            process.wait(timeout=60)
            return state
    raise AssertionError(f"the load ended before {point}: {process.communicate()}")


@pytest.mark.parametrize("point", list(KILL_POINTS))
def test_a_killed_batched_load_stays_hidden_and_running_it_again_converges(
    panjshir: Graph, tmp_path: Path, point: str
) -> None:
    folder = big(tmp_path / "syn")
    load(panjshir, [folder], dataset="syn")  # the reference: the same load, whole
    expected = contents(panjshir)
    drop(panjshir, "syn")
    before = readers(panjshir, tmp_path)
    # more, smaller batches where the kill must land inside a span of them
    batch = "50" if point in ("once staged", "among the first relation batches") else "20"
    killed = kill_when(panjshir, start_load(folder, "--batch-size", batch), point)
    assert killed["staged"]
    seen = readers(panjshir, tmp_path)
    assert seen == before | {"datasets": before["datasets"] | {"syn": (True, None)}}
    listed = run_cli("datasets", "list")
    assert listed.returncode == 0 and "unfinished (hidden)" in listed.stdout
    refused = run_cli("load", str(folder), "--dataset", "syn", "--dry-run")
    assert refused.returncode == 1 and "unfinished load or drop of 'syn'" in refused.stderr
    rerun = run_cli("load", str(folder), "--dataset", "syn", "--one-transaction-max", "100")
    assert rerun.returncode == 0, rerun.stderr
    assert contents(panjshir) == expected  # converged: nothing twice, nothing lost
    assert lock_state(panjshir) == {"id": "loads"}


def test_ctrl_c_removes_what_a_batched_load_wrote_and_says_so(
    panjshir: Graph, tmp_path: Path
) -> None:
    folder = big(tmp_path / "syn")
    before = contents(panjshir)
    process = start_load(folder, "--batch-size", "50")
    kill_when(panjshir, process, "among the first relation batches", signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "interrupted: Nothing of this load is shown" in " ".join(stderr.split())
    assert "Traceback" not in stderr
    assert contents(panjshir) == before
    assert lock_state(panjshir) == {"id": "loads"}


def test_what_a_killed_load_wrote_goes_before_any_other_write(
    panjshir: Graph, tmp_path: Path
) -> None:
    folder = big(tmp_path / "syn")
    before = contents(panjshir)
    kill_when(
        panjshir, start_load(folder, "--batch-size", "50"), "among the first relation batches"
    )
    dropped = run_cli("datasets", "drop", "syn")
    assert dropped.returncode == 0, dropped.stderr
    assert "unfinished load" in dropped.stdout
    assert contents(panjshir) == before
    kill_when(panjshir, start_load(folder, "--batch-size", "50"), "among the last relation batches")
    other = run_cli("load", str(PANJSHIR), "--dataset", "panjshir", "--recheck")
    assert other.returncode == 0, other.stderr
    assert contents(panjshir) == before  # the other load removed it first, then changed nothing


def test_a_batched_load_that_wrote_more_than_planned_is_refused_and_removed(
    panjshir: Graph, tmp_path: Path
) -> None:
    """A batch written twice (a retried commit whose first attempt did commit) is caught by
    the count before the dataset is shown."""
    folder = big(tmp_path / "syn", relations=300)
    before = contents(panjshir)
    extra = {"n": 0}

    def write_one_more(done: int, total: int) -> None:
        if done > 400 and not extra["n"]:  # among the relation batches
            panjshir.write(
                "MATCH (a:Entity {id: 'syn-1'}), (b:Entity {id: 'syn-2'}) "
                "CREATE (a)-[:OPPOSES {id: 'twice', dataset: 'syn'}]->(b)"
            )
            extra["n"] = 1

    with pytest.raises(WriteConflictError, match="were planned; what they wrote was removed"):
        load(panjshir, [folder], dataset="syn", progress=write_one_more, **BATCHED)
    assert contents(panjshir) == before


def test_datasets_list_says_which_dataset_is_hidden(panjshir: Graph, tmp_path: Path) -> None:
    folder = big(tmp_path / "syn")
    kill_when(
        panjshir, start_load(folder, "--batch-size", "50"), "among the first relation batches"
    )
    listed = run_cli("datasets", "list", "--format", "json")
    assert listed.returncode == 0
    by_name = {row["name"]: row for row in json.loads(listed.stdout)}
    assert by_name["syn"]["hidden"] is True and by_name["panjshir"]["hidden"] is False
    asked = run_cli("render", "--dataset", "syn", "--out", str(tmp_path / "syn.html"))
    assert asked.returncode == 1 and "being loaded or dropped in batches" in asked.stderr
    assert not (tmp_path / "syn.html").exists()
    queried = run_cli("query", "-n", "relations-of", "-p", "actor=NRF", "--dataset", "syn")
    assert queried.returncode == 1, queried.stderr  # not "No dataset named 'syn'"
    assert "being loaded or dropped in batches" in queried.stderr


def test_a_dry_run_of_a_batched_load_counts_without_writing(
    panjshir: Graph, tmp_path: Path
) -> None:
    """It would otherwise write every new item in one transaction before rolling back: the
    very transaction a batched load avoids."""
    folder = big(tmp_path / "syn")
    before = contents(panjshir)
    tried = load(panjshir, [folder], dataset="syn", dry_run=True, **BATCHED)
    assert contents(panjshir) == before
    done = load(panjshir, [folder], dataset="syn", **BATCHED)
    assert (tried.by_category, tried.by_type) == (done.by_category, done.by_type)


def test_a_reader_that_a_batched_load_overtook_reads_again(panjshir: Graph) -> None:
    """Neo4j reads committed data: a batched load that begins while a reader reads could put
    its first batches in what is read. The reader sees the count of begun loads change."""
    begin_a_load = "MATCH (l:LoadLock) SET l.stages = coalesce(l.stages, 0) + 1"
    calls: list[list[str]] = []

    def read(hidden: list[str]) -> int:
        calls.append(hidden)
        if len(calls) == 1:
            panjshir.write(begin_a_load)
        return len(calls)

    assert unmixed(panjshir, read) == 2 and len(calls) == 2
    with pytest.raises(QueryError, match="changed the database while this was read"):
        unmixed(panjshir, lambda hidden: panjshir.write(begin_a_load))
    streamed = run_named(panjshir, "relations-of", {"actor": "Taliban"})
    first = next(streamed.rows)
    panjshir.write(begin_a_load)
    with pytest.raises(QueryError, match="run it again"):
        list(streamed.rows)
    assert first


def test_a_reader_reads_again_when_a_write_in_one_transaction_lands_between_its_statements(
    panjshir: Graph, tmp_path: Path
) -> None:
    """A view reads its relations, then its nodes, then its sources: a load or drop committed
    in between (one transaction, no batches) gave exports and dumps of two states at once,
    exit 0 (a trial with writers and readers in loops: 8-10 % of JSON exports). Every write
    that takes the lock now counts as a change; a dry run, rolled back, does not."""
    folder = synthetic(tmp_path / "syn", 30, 60)

    def reading(write: Any) -> int:
        calls: list[int] = []

        def read(hidden: list[str]) -> int:
            calls.append(1)
            if len(calls) == 1:
                write()
            return len(calls)

        return unmixed(panjshir, read)

    assert reading(lambda: load(panjshir, [folder], dataset="syn")) == 2
    assert reading(lambda: load(panjshir, [folder], dataset="other", dry_run=True)) == 1
    assert reading(lambda: drop(panjshir, "syn")) == 2


def test_restore_does_not_hide_what_it_restores(panjshir: Graph, tmp_path: Path) -> None:
    """A batched load killed before its first batch leaves only its name on the hidden list;
    an empty database then takes a restore, which must show every dataset it restores."""
    dump(panjshir, tmp_path / "all.jsonl")
    panjshir.write("MATCH (n) WHERE NOT n:LoadLock DETACH DELETE n")
    panjshir.write("MATCH (l:LoadLock) SET l.staging = ['panjshir']")
    restored = run_cli("restore", str(tmp_path / "all.jsonl"))
    assert restored.returncode == 0, restored.stderr
    assert lock_state(panjshir) == {"id": "loads"}
    assert len(select(panjshir).edges) == 85


def test_a_stale_mark_is_cleared_only_if_it_is_still_the_one_read(panjshir: Graph) -> None:
    """Two writers may find the same stale mark; the second must not clear the mark the first
    set since (compare-and-clear by token)."""
    from graph.lock import marking, release, unmark

    params = marking("a load of syn in batches")
    try:
        panjshir.write(
            "MATCH (l:LoadLock) SET l.busy = $what, l.busy_pid = $pid, l.busy_host = $host, "
            "l.busy_since = datetime(), l.busy_token = $token",
            params,
        )
        unmark(panjshir, "the token of an older, stale mark")
        assert lock_state(panjshir)["busy_token"] == params["token"]
        with pytest.raises(LockBusyError):  # this process's live mark is waited for
            load(panjshir, [PANJSHIR], dataset="again", wait=0.5)
    finally:
        release(params["token"])
    assert load(panjshir, [PANJSHIR], dataset="again", wait=5).total("created") > 0


def test_bad_input_removes_no_unfinished_load_and_a_good_one_says_it_did(
    panjshir: Graph, tmp_path: Path
) -> None:
    folder = big(tmp_path / "syn")
    kill_when(
        panjshir, start_load(folder, "--batch-size", "50"), "among the first relation batches"
    )
    bad = tmp_path / "bad.yaml"
    bad.write_text("dataset: bad\nrelations:\n  - {from: taliban, term: hates, to: nrf}\n")
    refused = run_cli("load", str(bad))
    assert refused.returncode == 2 and "nothing was written" in refused.stderr
    assert lock_state(panjshir)["staging"] == ["syn"]  # still there, hidden
    tried = run_cli("load", str(PANJSHIR), "--dataset", "other", "--dry-run")
    assert tried.returncode == 0, tried.stderr  # a dry run of another dataset goes ahead
    loaded = run_cli("load", str(PANJSHIR), "--recheck")
    assert loaded.returncode == 0, loaded.stderr
    assert "an unfinished load, re-load or drop was finished or undone: syn" in loaded.stdout
    assert lock_state(panjshir) == {"id": "loads"}


# -- drops too big for one transaction (graph.loader.dropping) -----------------------------------
USES_SYN = """\
dataset: uses
sources:
  - {id: src-uses, title: Notes that cite syn's actors, reliability: C}
relations:
  - {from: syn-5, term: opposes, to: taliban, claimant: syn-7, sources: [src-uses],
     evidence: Said by syn-7., credibility: 4, confidence: 0.5}
"""


def dropped_reference(graph: Graph, folder: Path, used: bool = False) -> tuple[list, dict]:
    """Load syn (and, if ``used``, a dataset whose relation uses two of its actors, which a
    drop keeps), drop syn in one transaction: what is left and what the drop counted."""
    load(graph, [folder], dataset="syn", **BATCHED)
    if used:
        (folder.parent / "uses.yaml").write_text(USES_SYN)
        load(graph, [folder.parent / "uses.yaml"])
    report = drop(graph, "syn")
    return contents(graph), counts_of(report)


def counts_of(report: Any) -> dict[str, Any]:
    """What a drop counted: by category and type, and in total."""
    return {"removed": report.total("removed"), "kept": report.total("kept"),
            "by_category": report.by_category, "by_type": report.by_type}  # fmt: skip


def test_a_large_drop_in_batches_leaves_what_one_transaction_leaves(
    panjshir: Graph, tmp_path: Path
) -> None:
    folder = big(tmp_path / "syn")
    expected, counted = dropped_reference(panjshir, folder, used=True)
    load(panjshir, [folder], dataset="syn", **BATCHED)
    report = drop(panjshir, "syn", one_transaction_max=100, batch_size=100)
    assert contents(panjshir) == expected
    assert counts_of(report) == counted  # the actors deleted in batches counted as before
    assert counted["kept"] >= 2  # syn-5 and syn-7, which the other dataset uses
    assert lock_state(panjshir) == {"id": "loads"}
    # A dry run of a large drop counts its relations and deletes nothing.
    load(panjshir, [folder], dataset="syn", **BATCHED)
    before = contents(panjshir)
    trial = drop(panjshir, "syn", dry_run=True, one_transaction_max=100)
    assert sum(trial.by_type[t]["removed"] for t in trial.by_type) == 3040
    assert contents(panjshir) == before


DROPPING = (
    "MATCH (l:LoadLock) "
    "CALL () { MATCH ()-[r]->() WHERE r.dataset = 'syn' RETURN count(r) AS relations } "
    "RETURN 'syn' IN coalesce(l.dropping, []) AS dropping, relations"
)


@pytest.mark.parametrize(
    ("sig", "finisher"),
    [(signal.SIGKILL, "drop"), (signal.SIGKILL, "load"), (signal.SIGINT, "drop")],
)
def test_a_large_drop_stopped_midway_is_hidden_and_the_next_writer_finishes_it(
    panjshir: Graph, tmp_path: Path, sig: int, finisher: str
) -> None:
    folder = big(tmp_path / "syn")
    before = readers(panjshir, tmp_path)  # without syn
    expected, _ = dropped_reference(panjshir, folder)
    load(panjshir, [folder], dataset="syn", **BATCHED)
    process = start_cli(
        "datasets", "drop", "syn", "--one-transaction-max", "100", "--batch-size", "20"
    )
    while process.poll() is None:
        state = panjshir.read(DROPPING)[0]
        if state["dropping"] and 0 < state["relations"] < 3000:  # among the batches
            os.kill(process.pid, sig)
            break
    _, stderr = process.communicate(timeout=120)
    assert state["dropping"], "the drop ended before it could be stopped"
    if sig == signal.SIGINT:
        assert process.returncode == 130 and "stopped midway" in stderr, stderr
    # Every reader sees the dataset gone already; `datasets list` says it is hidden.
    midway = readers(panjshir, tmp_path)
    assert "being dropped (hidden)" in run_cli("datasets", "list").stdout
    records = "MATCH (l:Load) RETURN count(l) AS n"
    loads_midway = panjshir.read(records)[0]["n"]
    assert midway["datasets"] == before["datasets"] | {"syn": (True, None)}
    assert midway["view"] == before["view"]
    assert midway["supporters-of taliban"] == before["supporters-of taliban"]
    assert midway["sources"] == before["sources"]
    # The next writer finishes the drop first, whatever it came to do.
    if finisher == "drop":
        done = run_cli("datasets", "drop", "syn")
        assert done.returncode == 0, done.stderr
    else:
        other = tmp_path / "other.yaml"
        other.write_text(
            "actors: [{id: lone, name: Lone Actor, kind: person}]\n"
            "sources: [{id: lone-notes, title: Notes, reliability: C}]\n"
        )
        done = run_cli("load", str(other), "--dataset", "other")
        assert done.returncode == 0, done.stderr
        drop(panjshir, "other")
    assert contents(panjshir) == expected
    assert lock_state(panjshir) == {"id": "loads"}
    # A dump midway held what one after the drop holds, but the records of loads since.
    after, since = (
        readers(panjshir, tmp_path)["dump"],
        panjshir.read(records)[0]["n"] - loads_midway,
    )
    assert midway["dump"] == {
        "nodes": after["nodes"] - since,
        "relationships": after["relationships"],
    }


def test_a_name_not_found_while_a_dataset_is_hidden_says_so(panjshir: Graph) -> None:
    """A name of a dataset still being loaded in batches is not found: the error says why."""
    panjshir.write("MATCH (l:LoadLock) SET l.staging = ['acled-afg']")
    try:
        result = run_cli("query", "-n", "supporters-of", "-p", "actor=c840")
    finally:
        panjshir.write("MATCH (l:LoadLock) REMOVE l.staging")
    said = " ".join(result.stderr.split())
    assert result.returncode == 2 and "no actor is called 'c840'" in said  # an actor asked
    assert "Dataset acled-afg is hidden while a load or drop writes it in batches" in said
