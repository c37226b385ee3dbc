"""UCDP GED import on a small export written from the GED codebook's columns.

Hand-checked expectations, row by row (tests/data/ucdp-ged-sample.csv):
- 500001, state-based: Government of Afghanistan (the feed's own actor: the Panjshir study has
  no such alias) fights the Taleban (the study's Taliban, by its alias); 12 deaths (10-15); the
  day and the place exact;
  GED's "2020-01-02 00:00:00.000" is the day 2020-01-02.
- 500002, non-state: IS fights the Taliban from 2020-01-05 to 2020-01-09 (known to a week),
  3 deaths, placed only in the province.
- 500003, one-sided: the Taliban attack civilians (a social group), 5 deaths (5-7), known to
  the month and the district.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph import Graph
from graph.errors import DatasetError
from graph.loader import import_ucdp_ged

from .conftest import REPO, run_cli, with_cells_changed

SAMPLE = REPO / "tests" / "data" / "ucdp-ged-sample.csv"
# "Government of Afghanistan" is no alias in the Panjshir study: it would take whichever
# government a feed means, the Islamic Republic's or the Taliban's. The feed keeps its own.
GOV = "ucdp-actor-government-of-afghanistan"


def test_ged_rows_become_events_with_deaths_precision_and_the_relation_their_type_asserts(
    panjshir: Graph,
) -> None:
    report = import_ucdp_ged(panjshir, SAMPLE, dataset="ged")
    assert report.by_category["event"]["created"] == 3
    events = panjshir.read(
        "MATCH (e:Event {dataset: 'ged'}) RETURN e.id AS id, e.kind AS kind, e.date AS date, "
        "e.fatalities AS best, e.fatalities_low AS low, e.fatalities_high AS high, "
        "e.date_precision AS dp, e.place_precision AS pp, e.source_event_id AS sid ORDER BY id"
    )
    assert [tuple(e.values()) for e in events] == [
        ("ucdp-ged-500001", "battle", "2020-01-02", 12, 10, 15, "day", "exact", "500001"),
        ("ucdp-ged-500002", "battle", "2020-01-05/2020-01-09", 3, 3, 3, "week", "province",
         "500002"),
        ("ucdp-ged-500003", "attack", "2020-02-01", 5, 5, 7, "month", "district", "500003"),
    ]  # fmt: skip
    ties = panjshir.read(
        "MATCH (a:Actor)-[r]->(b:Actor) WHERE r.dataset = 'ged' "
        "RETURN r.event AS event, a.id AS a, type(r) AS type, b.id AS b, r.claimant AS by "
        "ORDER BY event"
    )
    found = [(t["event"], *sorted((t["a"], t["b"])), t["type"], t["by"]) for t in ties]
    assert found == [
        ("ucdp-ged-500001", "taliban", GOV, "FIGHTS", "ucdp"),
        ("ucdp-ged-500002", "taliban", "ucdp-actor-is", "FIGHTS", "ucdp"),
        ("ucdp-ged-500003", "taliban", "ucdp-actor-civilians", "ATTACKS", "ucdp"),
    ]
    attack = panjshir.read("MATCH (:Entity {id: 'taliban'})-[r:ATTACKS]->() RETURN r.evidence AS e")
    assert "best estimate 5 deaths (low 5, high 7). Sources: Tolo News" in attack[0]["e"]
    kinds = {r["id"]: r["kind"] for r in panjshir.read(
        "MATCH (a:Actor {dataset: 'ged'}) RETURN a.id AS id, a.kind AS kind")}  # fmt: skip
    assert kinds["ucdp-actor-civilians"] == "social_group" and "taliban" not in kinds
    sides = panjshir.read(
        "MATCH (a)-[p:PARTICIPATED_IN]->(:Event {id: 'ucdp-ged-500001'}) "
        "RETURN a.id AS a, p.subtype AS role, p.id AS id ORDER BY id"
    )
    assert sides == [
        {"a": GOV, "role": "primary", "id": "ucdp-ged-500001--a"},
        {"a": "taliban", "role": "primary", "id": "ucdp-ged-500001--b"},
    ]
    place = panjshir.read(
        "MATCH (:Event {id: 'ucdp-ged-500001'})-[:LOCATED_IN]->(p)-[:LOCATED_IN*]->(c:Country) "
        "RETURN p.name AS place, p.latitude AS lat, c.name AS country"
    )
    assert place == [{"place": "Surobi town", "lat": 34.59, "country": "Afghanistan"}]


def test_a_ged_reimport_changes_nothing_and_a_newer_version_updates_and_removes(
    panjshir: Graph, tmp_path: Path
) -> None:
    import_ucdp_ged(panjshir, SAMPLE, dataset="ged")
    again = import_ucdp_ged(panjshir, SAMPLE, dataset="ged")
    assert [again.total(o) for o in ("created", "updated", "removed")] == [0, 0, 0]
    lines = SAMPLE.read_text().splitlines()
    newer = tmp_path / "GEDEvent_newer.csv"
    newer.write_text("\n".join([lines[0], lines[1].replace(",12,15,10,", ",14,15,10,"),
                                lines[3]]) + "\n")  # fmt: skip
    report = import_ucdp_ged(panjshir, newer, dataset="ged")
    assert report.by_category["event"] == {"updated": 1, "unchanged": 1, "removed": 1}
    best = panjshir.read("MATCH (e {id: 'ucdp-ged-500001'}) RETURN e.fatalities AS n")
    assert best == [{"n": 14}]


def test_two_countries_in_two_datasets_never_touch_each_other(panjshir: Graph, tmp_path):
    lines = SAMPLE.read_text().splitlines()
    other = tmp_path / "ged-other.csv"
    other.write_text("\n".join([lines[0], lines[1].replace("500001", "600001")]) + "\n")
    # Each record as ged-afg wrote it: another dataset's identical definition is kept beside
    # it as that dataset's account (accounts, account_*), never written over it.
    first = (
        "MATCH (n {dataset: 'ged-afg'}) RETURN n.id AS id, [k IN keys(n) WHERE NOT k STARTS "
        "WITH 'account' | [k, n[k]]] AS p ORDER BY id"
    )
    import_ucdp_ged(panjshir, SAMPLE, dataset="ged-afg")
    before = panjshir.read(first)
    report = import_ucdp_ged(panjshir, other, dataset="ged-other")
    assert report.total("updated") == 0 and report.total("removed") == 0
    assert panjshir.read(first) == before  # shared places and UCDP itself stay ged-afg's
    again = import_ucdp_ged(panjshir, SAMPLE, dataset="ged-afg")
    assert [again.total(o) for o in ("created", "updated", "removed")] == [0, 0, 0]
    assert panjshir.read("MATCH (e:Event {dataset: 'ged-other'}) RETURN e.id AS id") == [
        {"id": "ucdp-ged-600001"}
    ]


def test_a_government_side_is_a_states_forces_and_civilians_a_social_group() -> None:
    from graph.parse.feeds import Grades
    from graph.parse.ucdp import read_ged

    raw = read_ged(SAMPLE, [], "ged", Grades())
    kinds = {r.data["name"]: r.data["kind"] for r in raw.records if r.section == "actors"}
    assert kinds == {"UCDP": "organisation", "Government of Afghanistan": "armed_force",
                     "Taleban": "organisation", "IS": "organisation",
                     "Civilians": "social_group"}  # fmt: skip


@pytest.mark.parametrize(
    ("change", "field"),
    [((",1,,,,,,Government", ",4,,,,,,Government"), "type_of_violence"),
     ((",2020-01-02 00:00:00.000,2020", ",02/01/2020,2020"), "date_start"),
     ((",2020-01-02 00:00:00.000,2020", ",2020-01-02T12:99:99,2020"), "date_start"),
     (("00:00:00.000,2020-01-02 00:00:00.000,,", "00:00:00.000,garbage,,"), "date_end"),
     (("00:00:00.000,2020-01-02 00:00:00.000,,", "00:00:00.000,2019-12-31,,"), "date_end"),
     (("00:00:00.000,2020-01-02 00:00:00.000,,", "00:00:00.000,2099-01-01,,"), "date_end"),
     ((",12,15,10,", ",twelve,15,10,"), "best")],
)  # fmt: skip
def test_a_bad_ged_row_is_named(panjshir: Graph, tmp_path: Path, change, field) -> None:
    lines = SAMPLE.read_text().splitlines()
    path = tmp_path / "ged-bad.csv"
    path.write_text("\n".join([lines[0], lines[1].replace(*change)]) + "\n")
    with pytest.raises(DatasetError) as refused:
        import_ucdp_ged(panjshir, path, dataset="ged-bad")
    assert [(p.line, p.field) for p in refused.value.problems] == [(2, field)]


def test_every_problem_of_a_ged_row_is_named_in_one_run(panjshir: Graph, tmp_path: Path) -> None:
    changed = {"type_of_violence": "4", "best": "-1", "latitude": "95", "date_prec": "9"}
    path = with_cells_changed(SAMPLE, tmp_path / "ged-many-problems.csv", 0, changed)
    with pytest.raises(DatasetError) as refused:
        import_ucdp_ged(panjshir, path, dataset="ged-bad")
    assert sorted((p.line, p.field) for p in refused.value.problems) == [
        (2, "best"), (2, "date_prec"), (2, "latitude"), (2, "type_of_violence")
    ]  # fmt: skip


def test_a_bad_row_does_not_take_the_id_of_a_good_one_after_it(
    panjshir: Graph, tmp_path: Path
) -> None:
    lines = SAMPLE.read_text().splitlines()
    bad = lines[1].replace(",1,,,,,,Government", ",4,,,,,,Government")
    assert bad != lines[1]
    path = tmp_path / "ged-bad-then-good.csv"
    path.write_text("\n".join([lines[0], bad, *lines[1:]]) + "\n")
    with pytest.raises(DatasetError) as refused:
        import_ucdp_ged(panjshir, path, dataset="ged-bad")
    assert [(p.line, p.field) for p in refused.value.problems] == [(2, "type_of_violence")]
    report = import_ucdp_ged(panjshir, path, dataset="ged-skip", skip_bad_rows=True)
    assert report.rejected == 1  # and the good row of that id is imported, as every other
    assert report.by_category["event"]["created"] == len(lines) - 1


def test_the_ged_command_and_a_file_that_is_not_ged(panjshir: Graph, tmp_path: Path) -> None:
    result = run_cli("import", "ucdp-ged", str(SAMPLE), "--dataset", "ged-cli")
    assert result.returncode == 0, result.stderr
    assert "Loaded dataset ged-cli" in result.stdout
    other = tmp_path / "other.csv"
    other.write_text("id,name\n1,x\n")
    bad = run_cli("import", "ucdp-ged", str(other))
    assert bad.returncode == 2 and "not a UCDP GED export: missing columns" in bad.stderr
    supporters = run_cli("query", "--name", "supporters-of", "-p", "actor=Taliban", "-o", "json")
    assert supporters.returncode == 0 and "ucdp" not in supporters.stdout


def test_estimates_out_of_order_are_refused(panjshir: Graph, tmp_path: Path) -> None:
    lines = SAMPLE.read_text().splitlines()
    path = tmp_path / "ged-order.csv"
    path.write_text("\n".join([lines[0], lines[1].replace(",12,15,10,", ",12,5,20,")]) + "\n")
    with pytest.raises(DatasetError) as refused:
        import_ucdp_ged(panjshir, path, dataset="ged-order")
    [problem] = refused.value.problems
    assert (problem.line, problem.field) == (2, "best") and "low ≤ best ≤ high" in problem.message
    # written as 5.0 and 20.0 (which validation reads as whole numbers), compared all the same
    path.write_text("\n".join([lines[0], lines[1].replace(",12,15,10,", ",12,5.0,20.0,")]) + "\n")
    with pytest.raises(DatasetError) as refused:
        import_ucdp_ged(panjshir, path, dataset="ged-order")
    assert [(p.line, p.field) for p in refused.value.problems] == [(2, "best")]
    interval = panjshir.read("RETURN 1 AS one")  # the database was not touched
    assert interval == [{"one": 1}]
    # a best estimate that is no count is named for what it is, not as out of order, and cut
    for best, why in (("9" * 1000, "is too large"), ("-3", "is negative")):
        path.write_text("\n".join([lines[0], lines[1].replace(",12,15,10,", f",{best},15,10,")]))
        with pytest.raises(DatasetError) as refused:
            import_ucdp_ged(panjshir, path, dataset="ged-order")
        [problem] = refused.value.problems
        assert (problem.field, why in problem.message) == ("best", True), problem.message
        assert len(problem.message) < 100
