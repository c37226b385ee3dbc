"""Re-loads recognised from fingerprints: taken only when nothing a load depends on changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph import Graph
from graph.errors import DatasetError
from graph.loader import load, loads
from graph.vocabulary import load_vocabulary

from .conftest import PANJSHIR, run_cli, snapshot

# A second dataset: an actor of its own and a claim that disputes one of Panjshir's relations.
KABUL_ACTORS = "id,name,kind\nkabul-front,Kabul Front,armed_group\n"
KABUL_RELATIONS = (
    "from,term,to,claimant,sources,evidence,credibility,confidence,contradicts\n"
    "Kabul Front,allied_with,NRF,Kabul Front,src-article,Says it fights beside the NRF.,5,0.2,"
    "ceasefire-broken-by-nrf-per-taliban\n"
)


def kabul(folder: Path) -> Path:
    folder.mkdir()
    (folder / "actors.csv").write_text(KABUL_ACTORS)
    (folder / "relations.csv").write_text(KABUL_RELATIONS)
    return folder


def relations(folder: Path, *rows: str) -> None:
    """``folder``'s relations.csv: these rows (from, term, to, claimant, sources, evidence,
    credibility, confidence), made first if need be."""
    folder.mkdir(exist_ok=True)
    header = "from,term,to,claimant,sources,evidence,credibility,confidence\n"
    (folder / "relations.csv").write_text(header + "".join(f"{row}\n" for row in rows))


def test_the_same_files_again_are_recognised_and_recorded(db: Graph) -> None:
    first = load(db, [PANJSHIR])
    before = snapshot(db)
    again = load(db, [PANJSHIR])
    assert again.method == "recognised"
    assert again.total("unchanged") == first.total("created") == 132
    assert again.by_type["SUPPORTS"]["unchanged"] == 10
    assert again.by_category["source"]["unchanged"] == 6
    assert snapshot(db)[1] == before[1]
    newest = loads(db)[0]
    assert newest["id"] == again.load_id and newest["unchanged"] == 132


def test_recheck_and_dry_run_always_read_validate_and_compare(db: Graph) -> None:
    load(db, [PANJSHIR])
    checked = load(db, [PANJSHIR], recheck=True)
    assert checked.method == "transaction" and checked.total("unchanged") == 132
    assert load(db, [PANJSHIR], dry_run=True).method == "transaction"


def test_a_changed_file_is_read_again(db: Graph, tmp_path: Path) -> None:
    copy = tmp_path / "panjshir.yaml"
    shutil.copy(PANJSHIR, copy)
    load(db, [copy])
    copy.write_text(copy.read_text().replace("confidence: 0.2,", "confidence: 0.25,", 1))
    report = load(db, [copy])
    assert report.method == "transaction" and report.total("updated") == 1


def test_another_vocabulary_means_reading_again(db: Graph, tmp_path: Path) -> None:
    load(db, [PANJSHIR])
    extra = tmp_path / "mine.yaml"
    extra.write_text("actor_kinds:\n  militia: Militia\n")
    report = load(db, [PANJSHIR], vocabulary=load_vocabulary(extra))
    assert report.method == "transaction" and report.total("unchanged") == 132


def test_a_change_in_another_dataset_means_reading_again(db: Graph, tmp_path: Path) -> None:
    """Names may resolve to other datasets' actors, so any change there counts."""
    load(db, [PANJSHIR])
    load(db, [kabul(tmp_path / "kabul")], dataset="kabul")
    report = load(db, [PANJSHIR])
    assert report.method == "transaction" and report.total("unchanged") == 132
    assert load(db, [PANJSHIR]).method == "recognised"


def test_an_item_changed_by_hand_means_reading_again(db: Graph) -> None:
    load(db, [PANJSHIR])
    db.write("MATCH (n {id: 'cia'}) SET n.name = 'CIA (edited)' REMOVE n.content_hash")
    report = load(db, [PANJSHIR])
    assert report.method == "transaction" and report.total("updated") == 1
    assert db.read("MATCH (n {id: 'cia'}) RETURN n.name AS name") == [
        {"name": "Central Intelligence Agency"}
    ]


def test_a_disputed_claim_that_disappeared_is_noticed(db: Graph, tmp_path: Path) -> None:
    """The outside relation a `contradicts` names is part of what a load depends on: once it
    is gone, the same files are read again, and now fail."""
    load(db, [PANJSHIR])
    folder = kabul(tmp_path / "kabul")
    load(db, [folder], dataset="kabul")
    db.write("MATCH ()-[r {id: 'ceasefire-broken-by-nrf-per-taliban'}]->() DELETE r", ours=True)
    before = snapshot(db)
    with pytest.raises(DatasetError, match="no relation has the id"):
        load(db, [folder], dataset="kabul")
    assert snapshot(db) == before


def test_an_older_version_of_the_files_is_not_taken_for_the_current_state(
    db: Graph, tmp_path: Path
) -> None:
    copy = tmp_path / "panjshir.yaml"
    original = PANJSHIR.read_text()
    copy.write_text(original)
    load(db, [copy])
    copy.write_text(original.replace("confidence: 0.2,", "confidence: 0.25,", 1))
    load(db, [copy])
    copy.write_text(original)
    report = load(db, [copy])
    assert report.method == "transaction" and report.total("updated") == 1


def test_the_cli_says_when_it_recognised_a_reload(db: Graph) -> None:
    assert run_cli("load", str(PANJSHIR)).returncode == 0
    again = run_cli("load", str(PANJSHIR))
    assert again.returncode == 0, again.stderr
    assert "nothing to do" in again.stdout and "--recheck" in again.stdout
    assert again.stdout.count("\n") == 1  # that one line, no table of zeros
    checked = run_cli("load", "--recheck", str(PANJSHIR))
    assert checked.returncode == 0 and "132 unchanged" in checked.stdout
    assert "nothing to do" not in checked.stdout


def test_a_file_edited_while_it_was_read_is_not_taken_for_what_was_loaded(
    db: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each file is read once: the bytes fingerprinted are the bytes parsed. Edited while the
    load checks it, the load stores and records the version it read, and the edited file is
    not taken for what was loaded."""
    import graph.loader.pipeline

    copy = tmp_path / "panjshir.yaml"
    original = PANJSHIR.read_text()
    copy.write_text(original)
    real_read = graph.loader.pipeline.read_dataset

    def read_while_edited(*args, **kwargs):  # type: ignore[no-untyped-def]
        copy.write_text(original.replace("confidence: 0.2,", "confidence: 0.25,", 1))
        return real_read(*args, **kwargs)

    monkeypatch.setattr(graph.loader.pipeline, "read_dataset", read_while_edited)
    load(db, [copy])
    monkeypatch.undo()
    assert db.read("MATCH ()-[r {confidence: 0.25}]->() RETURN count(r) AS n") == [{"n": 0}]
    report = load(db, [copy])
    assert report.method == "transaction" and report.total("updated") == 1


def test_a_node_kept_for_another_dataset_is_pruned_once_that_dataset_lets_go(
    db: Graph, tmp_path: Path
) -> None:
    """A re-load that would prune something is never taken for unchanged."""
    first = tmp_path / "first"
    first.mkdir()
    (first / "actors.csv").write_text("id,name,kind\nx,Actor X,person\ny,Actor Y,person\n")
    (first / "sources.csv").write_text("id,title,reliability\ns1,Report,C\n")
    second = tmp_path / "second"
    relations(second, "Actor X,supports,Actor Y,Actor Y,s1,X backs Y.,3,0.5")
    load(db, [first], dataset="first")
    load(db, [second], dataset="second")
    (first / "actors.csv").write_text("id,name,kind\ny,Actor Y,person\n")
    assert load(db, [first], dataset="first").total("removed") == 0  # x kept: second uses it
    relations(second)
    load(db, [second], dataset="second")
    report = load(db, [first], dataset="first")
    assert report.method == "transaction"
    assert report.by_category["actor"]["removed"] == 1
    assert db.read("MATCH (n:Entity {id: 'x'}) RETURN count(n) AS n") == [{"n": 0}]


@pytest.mark.parametrize("batched", [False, True])
def test_a_source_the_files_no_longer_have_is_removed_unless_used(
    db: Graph, tmp_path: Path, batched: bool
) -> None:
    """A re-load mirrors the files for sources too: one they no longer define goes, unless a
    relation (another dataset's) cites it; then it goes with the next re-load once none does.
    In one transaction, and as a new generation in batches (once the old one is gone)."""
    from .test_batched import BATCHED

    options = BATCHED if batched else {}
    first = tmp_path / "first"
    first.mkdir()
    (first / "actors.csv").write_text("id,name,kind\nx,Actor X,person\ny,Actor Y,person\n")
    (first / "sources.csv").write_text(
        "id,title,reliability\ns1,Report,C\ns2,Cited elsewhere,B\ns3,Kept,A\n"
    )
    (first / "relations.csv").write_text(
        "id,from,term,to,claimant,sources,evidence,credibility,confidence\n"
        + "".join(
            f"r{i},Actor X,supports,Actor Y,Actor Y,s3,Claim {i}.,3,0.5\n" for i in range(150)
        )
    )
    second = tmp_path / "second"
    relations(second, "Actor Y,opposes,Actor X,Actor X,s2,Y opposes X.,3,0.5")
    load(db, [first], dataset="first")
    load(db, [second], dataset="second")
    (first / "sources.csv").write_text("id,title,reliability\ns3,Kept,A\n")
    (first / "relations.csv").write_text(  # every claim changed: a new generation in batches
        (first / "relations.csv").read_text().replace(".,3,0.5", " again.,3,0.5")
    )
    report = load(db, [first], dataset="first", recheck=True, **options)
    assert report.method == ("batches" if batched else "transaction"), report.method
    assert report.by_category["source"]["removed"] == 1  # s1; s2 is cited by second
    stored = "MATCH (s:Source) RETURN s.id AS id ORDER BY id"
    assert [row["id"] for row in db.read(stored)] == ["s2", "s3"]
    listed = run_cli("query", "--name", "sources", "-o", "json")
    assert "s1" not in listed.stdout and "Cited elsewhere" in listed.stdout
    relations(second)
    load(db, [second], dataset="second")
    again = load(db, [first], dataset="first", recheck=True, **options)
    assert again.by_category["source"]["removed"] == 1
    assert [row["id"] for row in db.read(stored)] == ["s3"]
    assert load(db, [first], dataset="first").total("removed") == 0
