"""Restore checks the whole dump before writing: every bad line is named, nothing is written.

Each case is one the adversarial review of issue 16 reproduced; before the fix they restored part
of the file, doubled relationships, left the database without its constraints, or ended in
"internal error" (exit 70). The fuzz test at the end throws random lines at `restore` and at
`query -p`, and holds that the answer is a result or a clear error, never exit 70.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from graph import Graph
from graph.backup import dump, restore
from graph.cli import run
from graph.errors import DatasetError
from graph.loader import load

from .conftest import PANJSHIR, data_snapshot, run_cli, snapshot

HEADER = {"format": "actorgraph-dump/1"}
GOOD = [
    {"node": 0, "labels": ["Entity", "Actor"], "props": {"id": "a", "name": "A",
                                                          "since": {"$date": "2021-08-01"}}},
    {"node": 1, "labels": ["Entity", "Actor"], "props": {"id": "b", "name": "B",
                                                          "aliases": ["Bee", "Bey"]}},
    {"node": 2, "labels": ["Source"], "props": {"id": "s", "seen": {"$datetime":
                                                                    "2021-08-01T10:00:00Z"},
     "local": {"$datetime": "2021-08-01T10:00:00+01:00[Europe/London]"},
     "east": {"$datetime": "2021-08-01T10:00:00+04:30"},
     "nfld": {"$datetime": "2021-08-15T12:00:00-02:30[America/St_Johns]"}}},
    {"rel": "SUPPORTS", "start": 0, "end": 1, "props": {"credibility": 2}},
    {"rel": "CITES", "start": 1, "end": 2, "props": {}},
]  # fmt: skip


def write_dump(path: Path, lines: list, header: object = HEADER) -> Path:
    texts = [line if isinstance(line, str) else json.dumps(line) for line in [header, *lines]]
    path.write_text("\n".join(texts) + "\n")
    return path


def only_the_lock(graph: Graph) -> bool:
    return graph.read("MATCH (n) RETURN collect(labels(n)) AS l")[0]["l"] == [["LoadLock"]]


def test_a_good_dump_restores_exactly(db: Graph, tmp_path: Path) -> None:
    assert restore(db, write_dump(tmp_path / "d.jsonl", GOOD)) == {"nodes": 3, "relationships": 2}
    # datetimes as Neo4j holds them: UTC as the offset Z (not the zone [UTC]), a named zone
    moments = ("MATCH (s:Source) RETURN [toString(s.seen), toString(s.local), toString(s.east),"
               " toString(s.nfld)] AS t")  # fmt: skip
    written = db.read(moments)[0]["t"]
    assert written == ["2021-08-01T10:00:00Z", "2021-08-01T10:00:00+01:00[Europe/London]",
                       "2021-08-01T10:00:00+04:30",
                       "2021-08-15T12:00:00-02:30[America/St_Johns]"]  # fmt: skip
    again = tmp_path / "again.jsonl"
    dump(db, again)
    db.write("MATCH (n) WHERE NOT n:LoadLock DETACH DELETE n")
    before = restore(db, again)
    assert before == {"nodes": 3, "relationships": 2}
    assert db.read("MATCH (:Actor {id: 'a'})-[r:SUPPORTS]->(:Actor {id: 'b'}) RETURN count(r) AS n")
    assert db.read("MATCH (a {id: 'a'}) RETURN a.since AS d")[0]["d"].iso_format() == "2021-08-01"
    assert db.read(moments)[0]["t"] == written
    # saved again by an editor that puts a byte-order mark first
    marked = tmp_path / "marked.jsonl"
    marked.write_bytes(b"\xef\xbb\xbf" + again.read_bytes())
    db.write("MATCH (n) WHERE NOT n:LoadLock DETACH DELETE n")
    assert restore(db, marked) == {"nodes": 3, "relationships": 2}


def test_labels_and_types_of_any_text_restore_as_they_were(db: Graph, tmp_path: Path) -> None:
    """A user's own labels and types with a space, a backtick or Cypher in them: dump wrote
    them and restore refused them (trial); restore passes them as parameters."""
    odd = ["Weird Label", "back`tick", "X`]->() DETACH DELETE n //", "ünï\nline"]
    db.write(
        "CREATE (a:$($labels) {id: 'odd-a'})-[:$($types[0])]->(b:Other {id: 'odd-b'}), "
        "(b)-[:$($types[1])]->(a)",
        {"labels": odd, "types": ["REL TYPE", odd[2]]},
    )
    before = data_snapshot(db)
    dump(db, tmp_path / "odd.jsonl")
    db.write("MATCH (n) WHERE NOT n:LoadLock DETACH DELETE n")
    assert restore(db, tmp_path / "odd.jsonl") == {"nodes": 2, "relationships": 2}
    assert data_snapshot(db) == before


@pytest.mark.parametrize(
    ("lines", "header", "expected"),
    [
        # A relationship to a node that is not in the file: it was counted but never stored.
        ([*GOOD, {"rel": "X", "start": 0, "end": 9}], HEADER, r"d\.jsonl:7: no node 9"),
        # The same node number twice doubled every relationship that used it.
        ([*GOOD, {**GOOD[0], "props": {"id": "z"}}], HEADER, r"d\.jsonl:7: node: node 0 twice"),
        # The same id twice: part of the file was written, then the constraint broke it.
        ([*GOOD[:3], {**GOOD[0], "node": 5}], HEADER,
         r"d\.jsonl:5: props: a second :Entity with id \"a\""),
        ([*GOOD, {"node": 7, "props": {"d": {"$date": "2021-13-45"}}}], HEADER,
         r"d\.jsonl:7: props\.d: \$date \"2021-13-45\" is not a valid ISO date"),
        ([*GOOD, {"node": 7, "props": {"d": {"$datetime": 5}}}], HEADER, r"props\.d: a property"),
        (GOOD, [HEADER], r"d\.jsonl:1: not an actorgraph dump"),
        ([*GOOD, "[" * 100_000 + "]" * 100_000], HEADER, r"d\.jsonl:7: nested too deeply"),
        ([*GOOD, {"node": 7, "props": [1, 2]}], HEADER, r"d\.jsonl:7: props: must be an object"),
        ([*GOOD, {"node": 7, "props": {"n": 2**63}}], HEADER,
         r"d\.jsonl:7: props\.n: 9223372036854775808 does not fit a 64-bit integer"),
        ([*GOOD, {"node": 2**64}], HEADER, r"d\.jsonl:7: node: must be a node number"),
        ([*GOOD, {"node": 7, "props": {"l": [1, "x"]}}], HEADER, r"holds values of one type"),
        ([*GOOD, {"node": 7, "props": {"l": [[1]]}}], HEADER, r"cannot hold lists"),
        ([*GOOD, {"node": 7, "props": {"m": {"a": 1}}}], HEADER, r"props\.m: a property is"),
        ([*GOOD, {"node": 7, "props": {"m": None}}], HEADER, r"props\.m: null is not"),
        ([*GOOD, {"node": 7, "labels": ["Restoring"]}], HEADER, r"Restoring is restore's own"),
        ([*GOOD, {"node": 7, "labels": ["SourceTally"]}, {"rel": "X", "start": 0, "end": 7}],
         HEADER, r"d\.jsonl:8: .*no node 7"),  # a tally is skipped, as the lock is
        ([*GOOD, {"node": 7, "props": {"_restore": 1}}], HEADER, r"props\._restore: is restore"),
        ([*GOOD, {"node": 7, "labels": [""]}], HEADER, r"labels: a label must be text, not empty"),
        ([*GOOD, {"node": 7, "labels": ["A\x00B"]}], HEADER, r"labels: a label must be text"),
        ([*GOOD, {"rel": "", "start": 0, "end": 1}], HEADER, r"rel: a relationship type must be"),
        ([*GOOD, {"rel": 5, "start": 0, "end": 1}], HEADER, r"rel: a relationship type must be"),
        ([*GOOD, {"node": 7, "colour": "red"}], HEADER, r"neither a node nor a relationship"),
        ([*GOOD, "{not json"], HEADER, r"d\.jsonl:7: not a JSON line"),
        ([*GOOD, '{"node": 7, "props": {}, "props": {"a": 1}}'], HEADER,
         r"d\.jsonl:7: the key \"props\" is given twice"),
        ([*GOOD, '{"node": 7, "props": {"a": 1, "b": {"$date": "2021-01-01", "$date": 5}}}'],
         HEADER, r"d\.jsonl:7: the key \"\$date\" is given twice"),
    ],
)  # fmt: skip
def test_a_bad_dump_is_refused_before_anything_is_written(
    db: Graph, tmp_path: Path, lines: list, header: object, expected: str
) -> None:
    path = write_dump(tmp_path / "d.jsonl", lines, header)
    with pytest.raises(DatasetError, match=expected):
        restore(db, path)
    assert only_the_lock(db)


def test_every_problem_is_named_with_its_line_and_the_cli_exits_2(db: Graph, tmp_path: Path):
    bad = [
        *GOOD,
        {"node": 3, "props": {"d": {"$date": "yesterday"}}},
        {"rel": "Y", "start": 3, "end": 0},  # node 3 is there, if wrong: no second problem
        {"rel": "X", "start": 0, "end": 42},
        b"\xff\xfe not utf-8".decode("latin-1"),
    ]
    path = write_dump(tmp_path / "d.jsonl", bad)
    path.write_bytes(path.read_bytes().replace("ÿþ".encode(), b"\xff\xfe"))
    result = run_cli("restore", str(path))
    assert result.returncode == 2, result.stderr
    assert "3 problems in the input; nothing was written." in result.stderr
    for line in (":7: props.d:", ":9: no node 42", ":10: not UTF-8"):
        assert line in result.stderr
    assert "Traceback" not in result.stderr
    assert only_the_lock(db)


def test_a_missing_dump_is_a_clear_error(db: Graph, tmp_path: Path) -> None:
    result = run_cli("restore", str(tmp_path / "nowhere.jsonl"))
    assert result.returncode == 2
    assert "nowhere.jsonl: cannot read it: No such file or directory" in result.stderr


def test_a_refused_restore_leaves_even_a_new_database_untouched(db: Graph, tmp_path: Path):
    """Duplicates are found without the database's constraint (our schema's keys count too),
    and nothing is written: not the schema either. A load afterwards works."""
    for row in db.read("SHOW CONSTRAINTS YIELD name"):
        db.write(f"DROP CONSTRAINT {row['name']}")  # names Neo4j gave: plain words
    db.write("MATCH (n) DETACH DELETE n")
    path = write_dump(tmp_path / "d.jsonl", [*GOOD, {**GOOD[0], "node": 9}])
    with pytest.raises(DatasetError, match="a second :Entity"):
        restore(db, path)
    assert db.read("SHOW CONSTRAINTS YIELD name") == []
    assert db.read("MATCH (n) RETURN count(n) AS n") == [{"n": 0}]
    load(db, [PANJSHIR])
    assert "entity_id" in [r["name"] for r in db.read("SHOW CONSTRAINTS YIELD name")]
    assert snapshot(db)


BAD_VALUES = [
    ({"node": 7, "props": {"a": "\ud800"}}, "props.a: text with a lone surrogate"),
    ({"node": 7, "props": {"\udfff": 1}}, "cannot name a property"),
    ({"node": 7, "props": {"": 1}}, "cannot name a property"),
    ({"node": 7, "props": {"k\u0000": 1}}, "cannot name a property"),
    ({"node": 7, "props": {"l": [{"$datetime": "2021-01-01T00:00:00"},
                                 {"$datetime": "2021-01-01T00:00:00+01:00"}]}},
     "dates with or without a time zone"),
    ({"node": 7, "labels": ["Entity"], "props": {"id": 1}}, None),
]  # fmt: skip


def test_values_neo4j_cannot_store_are_refused_with_their_line(db: Graph, tmp_path: Path):
    lines = [*GOOD, *(line for line, _ in BAD_VALUES)]
    lines.append({"node": 8, "labels": ["Entity"], "props": {"id": 1.0}})  # Neo4j: 1 = 1.0
    lines += ["garbage"] * 60  # more problems than are read: the list stops, sorted, exit 2
    path = tmp_path / "d.jsonl"
    path.write_text("\n".join(json.dumps(x) if isinstance(x, dict) else x for x in
                              [HEADER, *lines]) + "\n")  # fmt: skip
    with pytest.raises(DatasetError) as refused:
        restore(db, path)
    found = [str(p) for p in refused.value.problems]
    for line, (_, message) in enumerate(BAD_VALUES, start=7):
        if message:
            assert any(f"d.jsonl:{line}:" in f and message in f for f in found), (line, found)
    assert any("d.jsonl:13: props: a second :Entity with id 1" in f for f in found)
    assert found[-1].endswith("stopped reading here") and only_the_lock(db)


def test_restore_reads_only_regular_files(db: Graph, tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero"), tmp_path):
        with pytest.raises(DatasetError, match=r"not a regular file|a folder"):
            restore(db, path)
    assert only_the_lock(db)


def test_dump_refuses_values_its_format_does_not_hold_and_skips_the_lock(db: Graph, tmp_path):
    from graph.errors import BackupError

    db.write("MATCH (l:LoadLock) CREATE (:Note {n: 1})-[:ABOUT]->(l)")
    dump(db, tmp_path / "ok.jsonl")  # the relationship to the lock is not data: left out
    assert '"ABOUT"' not in (tmp_path / "ok.jsonl").read_text()
    for value in ("localtime('12:00')", "duration('P1D')", "point({x: 1, y: 2})",
                  "date('0000-01-01')"):  # fmt: skip
        db.write(f"MATCH (n:Note) SET n.odd = {value}")  # our own literals, not user input
        with pytest.raises(BackupError, match="\n  property 'odd' of a :Note node: a"):
            dump(db, tmp_path / "odd.jsonl")
        assert not (tmp_path / "odd.jsonl").exists()
    # a year Python cannot hold is said so, not named by the driver's stand-in for it; and
    # every kind of value refused is named at once, not one per try
    db.write("MATCH (n:Note) SET n.span = duration('P1D') CREATE (:Note {at: time('12:00')})")
    with pytest.raises(BackupError) as refused:
        dump(db, tmp_path / "odd.jsonl")
    said = str(refused.value)
    assert "property 'odd' of a :Note node: a date or time Python cannot hold" in said
    assert "property 'span' of a :Note node: a Duration value" in said
    assert "property 'at' of a :Note node: a Time value" in said
    # a kind of value per node: the first twenty named, the rest counted
    db.write("UNWIND range(1, 25) AS i CREATE (:Many {n: i}) "
             "WITH i MATCH (m:Many {n: i}) SET m['p' + i] = duration('P1D')")  # fmt: skip
    with pytest.raises(BackupError) as refused:
        dump(db, tmp_path / "odd.jsonl")
    assert str(refused.value).count("\n  property ") == 20
    assert "… and 8 more values of other properties or labels" in str(refused.value)


# -- fuzz ------------------------------------------------------------------------------------
SCALARS = (
    st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False) | st.text(max_size=8)
)  # fmt: skip
JSON = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)
TAGGED = st.dictionaries(st.sampled_from(["$date", "$datetime"]), JSON | st.text(max_size=30),
                         min_size=1, max_size=1)  # fmt: skip
FIELDS = st.sampled_from(["node", "labels", "props", "rel", "start", "end", "colour"])


@st.composite
def mutated(draw: st.DrawFn) -> list:
    """GOOD with some lines changed: a field set to odd JSON, a line replaced, one added."""
    lines: list = [dict(line) for line in GOOD]
    for _ in range(draw(st.integers(1, 3))):
        index = draw(st.integers(0, len(lines) - 1))
        how = draw(st.sampled_from(["field", "prop", "line", "add"]))
        if how == "field" and isinstance(lines[index], dict):
            lines[index][draw(FIELDS)] = draw(JSON)
        elif how == "prop" and isinstance(lines[index], dict):
            props = lines[index].get("props")
            if isinstance(props, dict):
                props[draw(st.text(max_size=6))] = draw(JSON | TAGGED | st.lists(TAGGED))
        elif how == "line":
            lines[index] = draw(JSON | st.text(max_size=20) | st.just("[" * 50_000))
        else:
            lines.append(draw(JSON))
    return lines


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(lines=mutated())
def test_fuzzed_dumps_restore_or_are_refused_never_an_internal_error(
    db: Graph, tmp_path: Path, lines: list
) -> None:  # fmt: skip
    path = tmp_path / "fuzz.jsonl"
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in
                              [HEADER, *lines]) + "\n")  # fmt: skip
    code = run(["restore", str(path)])
    assert code in (0, 2)
    if code == 2:
        assert only_the_lock(db)
    db.write("MATCH (n) WHERE NOT n:LoadLock DETACH DELETE n")


PARAM_KINDS = st.sampled_from(["", ":int", ":float", ":bool", ":list", ":json", ":date", ":x"])


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    kind=PARAM_KINDS,
    value=st.text(max_size=30) | st.just("9" * 5000) | st.just("[" * 50_000) | JSON.map(json.dumps),
)
@example(kind=":int", value="9" * 100_000)
@example(kind=":json", value="[" * 50_000 + "]" * 50_000)
def test_fuzzed_query_parameters_are_used_or_refused_never_an_internal_error(
    db: Graph, kind: str, value: str
) -> None:  # fmt: skip
    assert run(["query", "RETURN $x AS x", "-p", f"x{kind}={value}", "--format", "json"]) in (
        0,
        1,
        2,
    )
