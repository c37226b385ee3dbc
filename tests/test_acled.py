"""ACLED import on a small export written from ACLED's codebook, quirks included."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph import Graph
from graph.errors import DatasetError
from graph.loader import import_acled

from .conftest import REPO, run_cli, snapshot

SAMPLE = REPO / "tests" / "data" / "acled-sample.csv"


def test_acled_rows_become_events_places_actors_and_relations(panjshir: Graph) -> None:
    report = import_acled(panjshir, SAMPLE, dataset="acled-afg")
    assert report.by_category["event"]["created"] == 3
    # Taliban and "National Resistance Front" resolve to the actors already loaded.
    created = panjshir.read(
        "MATCH (a:Actor {dataset: 'acled-afg'}) RETURN a.id AS id, a.kind AS kind ORDER BY id"
    )
    assert created == [
        {"id": "acled", "kind": "organisation"},
        {"id": "acled-actor-civilians-afghanistan", "kind": "social_group"},
        {
            "id": "acled-actor-former-military-forces-of-afghanistan-2004-2021",
            "kind": "armed_group",
        },
    ]
    fights = panjshir.read(
        "MATCH (a)-[r:FIGHTS]-(b) WHERE r.event = 'acled-AFG60001' AND a.id < b.id "
        "RETURN a.id AS a, b.id AS b, r.claimant AS claimant, r.sources AS sources, r.since AS since"
    )
    assert fights == [{
        "a": "nrf", "b": "taliban", "claimant": "acled", "since": "2021-08-30",
        "sources": ["acled-afg-export", "acled-src-tolo-news", "acled-src-pajhwok-afghan-news"],
    }]  # fmt: skip
    attack = panjshir.read(
        "MATCH (:Entity {id: 'taliban'})-[r:ATTACKS]->(b) RETURN b.id AS b, r.evidence AS evidence"
    )
    assert attack[0]["b"] == "acled-actor-civilians-afghanistan"
    assert "houses damaged, according to residents." in attack[0]["evidence"]
    assert '"several"' in attack[0]["evidence"]
    allies = panjshir.read("MATCH (a)-[:ALLIED_WITH]-(b {id: 'nrf'}) RETURN a.id AS a")
    assert allies == [{"a": "acled-actor-former-military-forces-of-afghanistan-2004-2021"}]
    # An event with no actor2 (and ACLED's older date format) has no fight or attack.
    lone = panjshir.read(
        "MATCH (e:Event {id: 'acled-AFG60003'}) OPTIONAL MATCH (e)<-[p:PARTICIPATED_IN]-(a) "
        "RETURN e.date AS date, e.kind AS kind, collect(a.id) AS actors"
    )
    assert lone == [{"date": "2021-09-01", "kind": "other", "actors": ["taliban"]}]
    place = panjshir.read(
        "MATCH (:Event {id: 'acled-AFG60001'})-[:LOCATED_IN]->(p)-[:LOCATED_IN*]->(c:Country) "
        "RETURN p.name AS place, p.latitude AS lat, c.name AS country"
    )
    assert place == [{"place": "Khawak", "lat": 35.6667, "country": "Afghanistan"}]


def test_a_newer_export_updates_revised_events_and_removes_dropped_ones(
    panjshir: Graph, tmp_path: Path
) -> None:
    import_acled(panjshir, SAMPLE, dataset="acled-afg")
    lines = SAMPLE.read_text().splitlines()
    newer = [lines[0], lines[1].replace("casualties unknown", "20 dead reported"), lines[3]]
    path = tmp_path / "acled-newer.csv"
    path.write_text("\n".join(newer) + "\n")
    report = import_acled(panjshir, path, dataset="acled-afg")
    assert report.by_category["event"] == {"updated": 1, "unchanged": 1, "removed": 1}
    assert report.by_type["ATTACKS"]["removed"] == 1
    gone = panjshir.read("MATCH (e {id: 'acled-AFG60002'}) RETURN count(e) AS n")
    assert gone == [{"n": 0}]
    revised = panjshir.read("MATCH (e {id: 'acled-AFG60001'}) RETURN e.description AS d")
    assert "20 dead reported" in revised[0]["d"]
    assert panjshir.read("MATCH (a {id: 'taliban'}) RETURN a.dataset AS d") == [{"d": "panjshir"}]


def test_an_ambiguous_acled_actor_is_an_error_and_nothing_is_written(
    panjshir: Graph, tmp_path: Path
) -> None:
    before = snapshot(panjshir)
    lines = SAMPLE.read_text().splitlines()
    path = tmp_path / "acled-bad.csv"
    path.write_text("\n".join([lines[0], lines[1].replace(",Taliban,", ",Massoud,", 1)]) + "\n")
    with pytest.raises(DatasetError) as failure:
        import_acled(panjshir, path)
    [problem] = failure.value.problems
    assert (problem.line, problem.field) == (2, "actor1") and "ambiguous" in problem.message
    assert snapshot(panjshir) == before


def test_import_command_and_a_file_that_is_not_acled(panjshir: Graph, tmp_path: Path) -> None:
    result = run_cli("import", "acled", str(SAMPLE))
    assert result.returncode == 0, result.stderr
    assert "Loaded dataset acled" in result.stdout
    other = tmp_path / "other.csv"
    other.write_text("id,name\n1,x\n")
    bad = run_cli("import", "acled", str(other))
    assert bad.returncode == 2 and "not an ACLED export: missing columns" in bad.stderr


def test_a_second_export_in_another_dataset_refers_to_the_first_ones_records(
    panjshir: Graph,
) -> None:
    import_acled(panjshir, SAMPLE, dataset="acled-a")
    second = import_acled(panjshir, SAMPLE, dataset="acled-b")
    # The shared places, media sources and the ACLED actor stay acled-a's: none is updated.
    assert second.total("updated") == 0 and "defined by another dataset already" in (
        second.references
    )
    again = import_acled(panjshir, SAMPLE, dataset="acled-a")
    assert [again.total(o) for o in ("created", "updated", "removed")] == [0, 0, 0]
    owners = panjshir.read(
        "MATCH (n:Entity) WHERE n.id STARTS WITH 'acled' RETURN DISTINCT n.dataset AS d"
    )
    assert owners == [{"d": "acled-a"}]
