"""The loader against a real Neo4j: idempotent, updates in place, all or nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph import Graph
from graph.cypher import cypher
from graph.errors import DatasetError
from graph.loader import check, drop, load, loads
from graph.loader.plan import fingerprint, plan

from .conftest import PANJSHIR, run_cli, snapshot, synthetic

CSV_ACTORS = "id,name,kind,aliases\nkabul-front,Kabul Front,armed_group,KF;Kabul Resistance\n"
CSV_RELATIONS = (
    "from,term,to,claimant,sources,evidence,credibility,confidence,since\n"
    "Kabul Front,allied_with,Ahmed Masood,KF,src-article,"
    "Said to coordinate with Massoud.,4,0.3,2021-09\n"
)


def counts(graph: Graph) -> tuple[int, int]:
    row = graph.read(
        "CALL () { MATCH (n:Entity) RETURN count(n) AS nodes } "
        "CALL () { MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS rels } RETURN nodes, rels"
    )[0]
    return row["nodes"], row["rels"]


def test_first_load_creates_everything_and_is_recorded(db: Graph) -> None:
    report = load(db, [PANJSHIR])
    assert report.total("created") == 25 + 9 + 7 + 6 + 85
    assert report.by_type["SUPPORTS"]["created"] == 10
    assert counts(db) == (41, 85)
    [recorded] = loads(db)
    assert recorded["dataset"] == "panjshir" and recorded["created"] == 132
    assert recorded["files"] == [str(PANJSHIR)]


def test_reloading_the_same_data_changes_nothing(db: Graph) -> None:
    load(db, [PANJSHIR])
    before = snapshot(db)
    again = load(db, [PANJSHIR])
    assert again.total("unchanged") == 132
    assert again.total("created") == again.total("updated") == again.total("removed") == 0
    assert snapshot(db)[1] == before[1]
    assert counts(db) == (41, 85)
    assert len(loads(db)) == 2


def test_the_server_fingerprints_a_dataset_as_the_loader_does(db: Graph) -> None:
    """Re-loads skip reading items back when these agree (graph.loader.diff.unchanged)."""
    load(db, [PANJSHIR])
    rows = plan(check(db, [PANJSHIR]))
    stored = db.read(cypher("read/relations_fingerprint"), {"dataset": "panjshir"})
    assert stored == [fingerprint(rows["relations"])]
    ids = [r["id"] for r in rows["entities"]]
    stored = db.read(cypher("read/entities_fingerprint"), {"ids": ids})
    assert stored == [fingerprint(rows["entities"])]


def test_a_reload_repairs_what_was_changed_behind_its_back(db: Graph) -> None:
    """A stored item whose hash no longer matches (an old-style string hash; a hash removed by
    whoever edited it) spoils the fingerprint, so the loader compares item by item and puts it
    right. An edit that keeps the stored hash is not seen: the hash is what is compared."""
    load(db, [PANJSHIR])
    db.write(
        "MATCH ({id: 'russia'})-[r:SUPPORTS]->({id: 'nrf'}) "
        "SET r.confidence = 0.99, r.content_hash = 'ba784605d599908fbaacd8eb23609532'"
    )
    db.write("MATCH (n {id: 'cia'}) SET n.name = 'CIA (edited)' REMOVE n.content_hash")
    report = load(db, [PANJSHIR])
    assert report.by_type["SUPPORTS"]["updated"] == 1
    assert report.by_category["actor"]["updated"] == 1
    assert report.total("updated") == 2
    rows = db.read("MATCH ({id: 'russia'})-[r:SUPPORTS]->({id: 'nrf'}) RETURN r.confidence AS c")
    assert rows == [{"c": 0.2}]
    assert load(db, [PANJSHIR]).total("unchanged") == 132


def test_changed_data_updates_in_place_and_dropped_relations_are_removed(
    db: Graph, tmp_path: Path
) -> None:
    load(db, [PANJSHIR])
    changed = tmp_path / "panjshir.yaml"
    text = PANJSHIR.read_text()
    text = text.replace(
        "credibility: 4, confidence: 0.2,", "credibility: 5, confidence: 0.1,"
    )  # Russia supports NRF
    text = text.replace(
        "  - {from: Munib Amiri, term: member_of, to: NRF, since: 2021-08, claimant: nrf,\n"
        "     sources: [src-nrf-tweet], credibility: 3, confidence: 0.8,\n"
        '     evidence: "The resistance\'s tweet names him as one of its commanders."}\n',
        "",
    )
    changed.write_text(text)
    report = load(db, [changed])
    assert report.by_type["SUPPORTS"]["updated"] == 1
    assert report.by_type["MEMBER_OF"]["removed"] == 1
    assert report.total("created") == 0
    row = db.read(
        "MATCH ({id: 'russia'})-[r:SUPPORTS]->({id: 'nrf'}) "
        "RETURN r.confidence AS c, r.credibility AS g"
    )
    assert row == [{"c": 0.1, "g": 5}]
    assert counts(db) == (41, 84)


def test_a_second_dataset_can_refer_to_actors_and_sources_already_loaded(
    db: Graph, tmp_path: Path
) -> None:
    load(db, [PANJSHIR])
    (tmp_path / "actors.csv").write_text(CSV_ACTORS)
    (tmp_path / "relations.csv").write_text(CSV_RELATIONS)
    report = load(db, [tmp_path], dataset="kabul")
    assert report.by_category["actor"]["created"] == 1
    assert report.by_type["ALLIED_WITH"]["created"] == 1
    rows = db.read(
        "MATCH (a)-[r:ALLIED_WITH]-(b {id: 'kabul-front'}) RETURN a.id AS a, r.since AS since"
    )
    assert rows == [{"a": "ahmad-massoud", "since": "2021-09"}]
    # Reloading panjshir leaves the other dataset's relation alone.
    assert load(db, [PANJSHIR]).total("removed") == 0
    assert counts(db) == (42, 86)


def test_dry_run_reports_but_writes_nothing(db: Graph) -> None:
    before = snapshot(db)
    report = load(db, [PANJSHIR], dry_run=True)
    assert report.total("created") == 132
    assert snapshot(db) == before


BAD_EDITS = {
    "yaml syntax": ("dataset: panjshir", "dataset: [panjshir"),
    "unknown field": ("    kind: armed_group\n", "    kind: armed_group\n    colour: red\n"),
    "missing id": ("  - id: iran\n    name: Iran", "  - name: Iran"),
    "unknown actor": ("{from: Russia, term: opposes", "{from: Rusia, term: opposes"),
    "ambiguous alias": ("{from: Ahmad Massoud, term: child_of", "{from: Massoud, term: child_of"),
    "unknown term": ("term: opposes", "term: hates"),
    "bad date": ("until: 1990s, status", "until: the nineties, status"),
    "grade out of range": ("credibility: 6, confidence: 0.3", "credibility: 9, confidence: 0.3"),
    "duplicate id": ("  - id: uzbekistan", "  - id: tajikistan"),
    "self relation": ("term: demands, to: NRF", "term: demands, to: Taliban"),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(BAD_EDITS))
def test_bad_input_names_file_line_field_and_leaves_the_database_as_it_was(
    db: Graph, tmp_path: Path, case: str
) -> None:
    load(db, [PANJSHIR])
    before = snapshot(db)
    old, new = BAD_EDITS[case]
    text = PANJSHIR.read_text()
    assert old in text, case
    bad = tmp_path / "panjshir.yaml"
    bad.write_text(text.replace(old, new, 1))
    result = run_cli("load", str(bad))
    assert result.returncode == 2, result.stdout + result.stderr
    assert "nothing was written" in result.stderr
    first = result.stderr.splitlines()[1]
    assert first.startswith(f"{bad}:"), first
    line = int(first.split(":")[1])
    assert line >= 1
    assert "Traceback" not in result.stderr
    assert snapshot(db) == before


def test_a_missing_file_is_named(db: Graph, tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="no such file"):
        load(db, [tmp_path / "nope.yaml"])


def test_load_and_loads_commands(db: Graph, tmp_path: Path) -> None:
    copy = tmp_path / "panjshir.yaml"
    shutil.copy(PANJSHIR, copy)
    result = run_cli("load", str(copy))
    assert result.returncode == 0, result.stderr
    assert "132 created, 0 updated, 0 unchanged, 0 removed" in result.stdout
    listed = run_cli("loads")
    assert "panjshir" in listed.stdout and "132" in listed.stdout


def test_a_folder_given_as_dot_names_the_dataset_after_itself(
    db: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`load .` inside a folder was named 'dataset', so two folders loaded so replaced each
    other's data; and a recognised re-load named it otherwise than a full one."""
    for name in ("proj-a", "proj-c"):
        synthetic(tmp_path / name, actors=13, relations=8, prefix=name)
    monkeypatch.chdir(tmp_path / "proj-a")
    assert load(db, [Path(".")]).dataset == "proj-a"
    assert load(db, [Path("actors.csv"), Path("relations.csv"), Path("sources.csv")]).dataset == (
        "proj-a"
    )
    monkeypatch.chdir(tmp_path / "proj-c" / ".." / "proj-c")
    assert load(db, [Path("../proj-c")]).dataset == "proj-c"
    assert load(db, [Path(".")]).total("unchanged") > 0  # recognised, as the same dataset
    assert load(db, [Path(".")], recheck=True).dataset == "proj-c"
    names = {row["name"] for row in db.read("MATCH (l:Load) RETURN DISTINCT l.dataset AS name")}
    assert names == {"proj-a", "proj-c"}
    # files loaded so before, named 'dataset' then, are not loaded a second time under the
    # folder's name
    monkeypatch.chdir(tmp_path / "proj-a")
    drop(db, "proj-a")
    assert load(db, [Path(".")], dataset="dataset").dataset == "dataset"
    with pytest.raises(DatasetError, match=r"loaded as the dataset 'dataset' .+ dataset='dataset'"):
        load(db, [Path(".")])


def test_a_folder_is_named_after_itself_whatever_it_holds(db: Graph, tmp_path: Path) -> None:
    """A folder of one CSV file was named after the file ('actors'): a second file then
    renamed the dataset, and a load of the same folder copied every claim. It is the folder's
    name now; files a load named the old way are not loaded a second time under the new."""
    folder = tmp_path / "edges"
    folder.mkdir()
    (folder / "actors.csv").write_text("id,name,kind\nx,Actor X,person\n")
    assert load(db, [folder], dry_run=True).dataset == "edges"
    assert load(db, [folder / "actors.csv"], dry_run=True).dataset == "actors"  # one file given
    load(db, [folder], dataset="actors")  # as a load of this folder was named before
    with pytest.raises(DatasetError, match=r"loaded as the dataset 'actors' .+ dataset='actors'"):
        load(db, [folder])
    drop(db, "actors")
    assert load(db, [folder]).dataset == "edges"
    (folder / "sources.csv").write_text("id,title,reliability\ns1,Report,C\n")
    assert load(db, [folder]).dataset == "edges"
