"""Reliability and security: dropped connections, bad input of every kind, injection attempts,
read-only mode, and backups. All against the real Neo4j."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph import ActorGraphError, Graph, LocalServer
from graph.backup import dump, restore
from graph.errors import DatasetError
from graph.loader import load
from graph.settings import ConnectionSettings
from graph.validate import validate_paths

from .conftest import PANJSHIR, run_cli, snapshot
from .faults import CuttableProxy


# -- transient faults ----------------------------------------------------------------------------
def test_a_connection_dropped_mid_load_is_retried_and_the_load_completes(
    neo4j_server: LocalServer, db: Graph, tmp_path: Path
) -> None:
    from .test_load_faults import synthetic

    data = synthetic(tmp_path / "big", actors=500, relations=5000)
    proxy = CuttableProxy(neo4j_server.port)
    seen: list[int] = []

    def cut_once(done: int, total: int) -> None:
        seen.append(done)
        if proxy.cuts == 0 and done > 2000:
            proxy.cut()

    local = neo4j_server.connection_settings()
    through = ConnectionSettings(f"bolt://127.0.0.1:{proxy.port}", local.user, local.password)
    try:
        with Graph(through) as g:
            report = load(g, [data], dataset="synthetic", progress=cut_once, batch_size=500)
    finally:
        proxy.close()
    assert proxy.cuts == 1
    assert any(b < a for a, b in itertools.pairwise(seen)), "the load started again"
    assert report.total("created") == 500 + 1 + 5000
    counts = db.read("MATCH (n:Entity {dataset: 'synthetic'}) RETURN count(n) AS n")
    assert counts == [{"n": 500}]
    rels = db.read("MATCH ()-[r {dataset: 'synthetic'}]->() RETURN count(r) AS n")
    assert rels == [{"n": 5000}]


# -- bad input corpus ----------------------------------------------------------------------------
BAD_INPUTS: dict[str, bytes] = {
    "truncated.yaml": b"dataset: x\nactors:\n  - id: a\n    name: [unclosed\n",
    "wrong-types.yaml": b"dataset: x\nactors:\n  - id: a\n    name: {not: text}\n    kind: person\n",
    "list-not-mapping.yaml": b"- a\n- b\n",
    "huge-string.yaml": b"dataset: x\nactors:\n  - id: a\n    kind: person\n    name: "
    + b"x" * 200_000
    + b"\n",
    "deep-nesting.yaml": b"dataset: x\nactors: " + b"[" * 5000 + b"]" * 5000 + b"\n",
    "nul-byte.yaml": b"dataset: x\nactors:\n  - id: a\x00\n",
    # a NUL written as an escape loaded, and its CSV export could not be loaded back
    "nul-escaped.yaml": b'dataset: x\nactors:\n  - {id: a, name: "a\\0b", kind: person}\n',
    "nul-escaped.json": b'{"dataset": "x", "actors": [{"id": "a", "name": "a\\u0000b"}]}\n',
    "invalid-utf8.yaml": b"dataset: x\nactors:\n  - id: a\n    name: \xc3\x28\n",
    "duplicate-keys.yaml": b"dataset: x\nactors:\n  - id: a\n    id: b\n    name: A\n    kind: person\n",
    "billion-laughs.yaml": b'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    b"b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n",
    "tabs.yaml": b"dataset: x\nactors:\n\t- id: a\n",
    "empty.yaml": b"",
    "relations.csv": b"from,term,to\nA,supports\nB,supports,C,extra\n",
    "actors.csv": b'id,name,kind\na,"unterminated,person\n',
    "bom-and-bad.csv": b"\xef\xbb\xbfid,name\n1,x\n",
    "unknown.txt": b"hello\n",
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_every_malformed_file_gets_a_clear_error_and_changes_nothing(
    panjshir: Graph, tmp_path: Path, name: str
) -> None:
    path = tmp_path / name
    path.write_bytes(BAD_INPUTS[name])
    before = snapshot(panjshir)
    with pytest.raises(DatasetError) as failure:
        load(panjshir, [path])
    assert all(p.file == str(path) for p in failure.value.problems), failure.value.problems
    assert snapshot(panjshir) == before


def test_a_bom_is_accepted_in_yaml(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + PANJSHIR.read_bytes())
    assert validate_paths([path]).counts()["relations"] == 85


FIELDS = st.sampled_from(["id", "name", "kind", "aliases", "from", "to", "term", "since",
                          "credibility", "confidence", "sources", "claimant", "evidence", "x"])  # fmt: skip
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)
RECORDS = st.dictionaries(FIELDS, VALUES, max_size=8)
DOCUMENTS = st.fixed_dictionaries(
    {},
    optional={
        "dataset": VALUES,
        "actors": st.lists(RECORDS, max_size=4),
        "sources": st.lists(RECORDS, max_size=2),
        "relations": st.lists(RECORDS, max_size=4),
    },
)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(document=DOCUMENTS)
def test_fuzzed_documents_either_validate_or_raise_dataset_error(tmp_path: Path, document) -> None:
    path = tmp_path / "fuzz.json"
    path.write_text(json.dumps(document, default=str))
    try:
        validate_paths([path])
    except DatasetError as exc:
        assert exc.problems and all(p.file == str(path) for p in exc.problems)


# -- injection -----------------------------------------------------------------------------------
HOSTILE = """\
dataset: hostile
sources:
  - {id: s1, title: "'}) MATCH (n) DETACH DELETE n //", reliability: A}
actors:
  - {id: a1, name: "x'}) DETACH DELETE n //", kind: person, aliases: ["` MATCH (m) DELETE m"]}
  - {id: a2, name: "$(labels)", kind: person}
relations:
  - {from: a1, term: supports, to: a2, claimant: a1, sources: [s1], credibility: 2,
     confidence: 1, evidence: "}]->() CALL db.clearQueryCaches() //"}
"""


def test_hostile_strings_are_stored_as_text_and_run_nothing(
    panjshir: Graph, tmp_path: Path
) -> None:
    path = tmp_path / "hostile.yaml"
    path.write_text(HOSTILE)
    before = len(snapshot(panjshir)[0])
    load(panjshir, [path])
    # 2 actors, 1 source, 1 load record, and the tally of what rests on the source
    assert len(snapshot(panjshir)[0]) == before + 3 + 1 + 1
    names = panjshir.read("MATCH (a:Actor {dataset: 'hostile'}) RETURN a.name AS n ORDER BY a.id")
    assert names == [{"n": "x'}) DETACH DELETE n //"}, {"n": "$(labels)"}]
    found = run_cli("resolve", "x'}) DETACH DELETE n //")
    assert found.stdout.startswith("a1\t")


@pytest.mark.parametrize("bad_id", ["a b", "x'}) //", "`x`", "", "a" * 200])
def test_ids_must_be_plain(tmp_path: Path, bad_id: str) -> None:
    path = tmp_path / "ids.yaml"
    path.write_text(json.dumps({"actors": [{"id": bad_id, "name": "X", "kind": "person"}]}))
    with pytest.raises(DatasetError) as failure:
        validate_paths([path])
    assert failure.value.problems[0].field == "id"


# -- read-only mode ------------------------------------------------------------------------------
def test_read_only_mode_refuses_every_write(panjshir: Graph, tmp_path: Path) -> None:
    before = snapshot(panjshir)
    env = {"ACTORGRAPH_READ_ONLY": "1"}
    loaded = run_cli("load", str(PANJSHIR), env=env)
    assert loaded.returncode == 1 and "read-only mode" in loaded.stderr
    written = run_cli("query", "--write", "CREATE (:X)", env=env)
    assert written.returncode == 1 and "read-only mode" in written.stderr
    flag = run_cli("--read-only", "load", str(PANJSHIR))
    assert flag.returncode == 1 and "read-only mode" in flag.stderr
    reads = run_cli("query", "MATCH (a:Actor) RETURN count(a) AS n", "-o", "json", env=env)
    assert json.loads(reads.stdout)["rows"] == [{"n": 25}]
    assert snapshot(panjshir) == before


# -- backup --------------------------------------------------------------------------------------
def test_dump_and_restore_round_trip_the_whole_database(panjshir: Graph, tmp_path: Path) -> None:
    before = snapshot(panjshir)
    path = tmp_path / "backup.jsonl"
    result = run_cli("dump", str(path))
    assert result.returncode == 0, result.stderr
    assert json.loads(path.read_text().splitlines()[0]) == {"format": "actorgraph-dump/1"}
    refused = run_cli("restore", str(path))
    assert refused.returncode == 1 and "empty database" in refused.stderr
    panjshir.write("MATCH (n) DETACH DELETE n")
    restored = run_cli("restore", str(path))
    assert restored.returncode == 0, restored.stderr
    assert snapshot(panjshir) == before


def test_a_damaged_dump_leaves_the_database_empty(panjshir: Graph, tmp_path: Path) -> None:
    path = tmp_path / "backup.jsonl"
    dump(panjshir, path)
    lines = path.read_text().splitlines()
    lines.insert(len(lines) // 2, "{not json")
    path.write_text("\n".join(lines) + "\n")
    panjshir.write("MATCH (n) DETACH DELETE n")
    with pytest.raises(DatasetError, match=r"backup\.jsonl:\d+: not a JSON line"):
        restore(panjshir, path)
    # Refused before anything was written: the emptied database is left exactly as it was.
    assert panjshir.read("MATCH (n) RETURN labels(n) AS l") == []


def test_read_only_mode_also_stops_restore(panjshir: Graph, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("ACTORGRAPH_READ_ONLY", "1")
    with Graph(panjshir.settings) as g, pytest.raises(ActorGraphError, match="read-only"):
        g.write("CREATE (:X)")
