"""The tallies of what rests on each source and of the claims in dispute (graph.tallies):
``sources`` and ``claims-disputed`` read them instead of every relation, and give what a pass
over every relation gives, after every kind of write.

Real Neo4j. Each check runs the named query twice: as it reads the tallies, and with the lock
node's record of them taken away, when it reads every relation as before they were kept.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
import yaml

from graph import Graph
from graph.backup import dump, restore
from graph.cypher import cypher
from graph.loader import drop, load
from graph.query import rows, run_named
from graph.tallies import VERSION

from .conftest import PANJSHIR, run_cli
from .test_batched import BATCHED, contents


def claims(folder: Path, name: str, relations: int, seed: int, first: int = 0) -> Path:
    """A dataset of ``relations`` graded claims among 30 actors, citing 12 sources at random,
    some carried by others (``via``) up to two deep; confidences repeat, so that ties between
    them are broken by id. Actors and sources are named after ``name``. Every 11th claim
    contradicts the one before it, and every 7th gives a death toll of a fight between the
    first two actors, which other tolls of it may dispute."""
    rng = random.Random(seed)
    sources = [
        {"id": f"{name}-s{i}", "title": f"source {i}", "reliability": "C"} for i in range(12)
    ]
    for i in range(4):
        sources[i]["via"] = f"{name}-s{i + 4}"  # s4..s7 carried s0..s3
    sources[4]["via"] = f"{name}-s8"  # and s8 carried s4: s0 rests on s4 and s8 too
    actors = [{"id": f"{name}-a{i}", "name": f"{name} actor {i}", "kind": "armed_group"}
              for i in range(30)]  # fmt: skip
    terms = ["supports", "opposes", "fights", "negotiates_with"]
    rows = []
    for i in range(first, first + relations):
        start, end = rng.sample(range(30), 2)
        cited = sorted({f"{name}-s{rng.randrange(12)}" for _ in range(rng.randint(1, 2))})
        rows.append({
            "id": f"{name}-r{i:05}", "from": f"{name}-a{start}", "term": rng.choice(terms),
            "to": f"{name}-a{end}", "claimant": f"{name}-a{rng.randrange(30)}",
            "sources": cited, "evidence": f"claim {i}", "credibility": 4,
            "confidence": rng.choice([0.3, 0.5, 0.5, 0.8]),
        })  # fmt: skip
        if i % 11 == 10 and i > first:
            rows[-1]["contradicts"] = [f"{name}-r{i - 1:05}"]
        if i % 7 == 6:
            rows[-1].update({"from": f"{name}-a0", "term": "fights", "to": f"{name}-a1"})
            rows[-1]["quantities"] = {"killed": {"best": rng.choice([5, 10, 20])}}
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yaml"
    document = {"dataset": name, "sources": sources, "actors": actors, "relations": rows}
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    return path


def sources(
    graph: Graph,
    params: dict[str, Any] | None = None,
    *,
    tallied: bool = True,
    query: str = "sources",
) -> list:
    """The rows of ``sources`` (or another ``query``), read from the tallies (which must be
    right) or (``tallied=False``) from every relation."""
    if tallied:
        assert graph.read(cypher("read/tallied"), {"version": VERSION})[0]["tallied"]
        return rows(run_named(graph, query, params or {}))
    kept = graph.read("MATCH (l:LoadLock) RETURN l.tallies AS v")[0]["v"]
    graph.write("MATCH (l:LoadLock) REMOVE l.tallies", ours=True)
    try:
        return rows(run_named(graph, query, params or {}))
    finally:
        graph.write("MATCH (l:LoadLock) SET l.tallies = $v", {"v": kept}, ours=True)


def same_both_ways(
    graph: Graph, params: dict[str, Any] | None = None, query: str = "sources"
) -> list:
    """The rows ``sources`` (or another ``query``) gives, checked to be the same both ways;
    they are returned."""
    found = sources(graph, params, query=query)
    assert found == sources(graph, params, tallied=False, query=query)
    return found


def disputes_same_both_ways(graph: Graph) -> list:
    """The rows ``claims-disputed`` gives, the same both ways with and without filters (of
    the first and last datasets, and of the first claimant)."""
    found = same_both_ways(graph, query="claims-disputed")
    names = sorted(graph.read(cypher("read/dataset_names"))[0]["names"])
    filters: list[dict[str, Any]] = [{"datasets": names[:1]}, {"exclude_datasets": names[-1:]}]
    if found:
        filters += [{"claimants": [found[0]["claimant"]]},
                    {"exclude_claimants": [found[0]["claimant"]]}]  # fmt: skip
    for params in filters:
        same_both_ways(graph, params, "claims-disputed")
    return found


def tallies(graph: Graph) -> list[str]:
    """The tally nodes' contents, in a stable order, and the relations claims name; relations
    by their ids (element ids differ after a restore)."""
    disputes = graph.read(
        "MATCH (t:DisputeTally) "
        "CALL (t) { UNWIND t.claims AS id MATCH ()-[r]->() WHERE elementId(r) = id "
        "           RETURN collect(r.id) AS claims } "
        "RETURN t.dataset + ' ' + coalesce(t.generation, '') AS t, "
        "       claims, t.wanted AS wanted"
    )
    named = graph.read(
        "MATCH (l:LoadLock) UNWIND coalesce(l.disputes_named, []) AS id "
        "MATCH ()-[r]->() WHERE elementId(r) = id RETURN r.dataset + ' ' + r.id AS r"
    )
    return (
        [line for line in contents(graph)[0] if "SourceTally" in line]
        + sorted(f"{row['t']} {sorted(row['claims'])} {sorted(row['wanted'])}" for row in disputes)
        + sorted(row["r"] for row in named)
    )


def recounted(graph: Graph) -> list[str]:
    """The tallies counted afresh from the relations (what each write must leave)."""
    from graph.tallies import retally_all

    retally_all(graph)
    return tallies(graph)


def test_sources_from_the_tallies_are_what_every_relation_gives(db: Graph, tmp_path: Path) -> None:
    load(db, [PANJSHIR])
    load(db, [claims(tmp_path, "alpha", 400, seed=1)])
    load(db, [claims(tmp_path, "beta", 300, seed=2)])
    found = same_both_ways(db)
    by_id = {row["source"]: row for row in found}
    # alpha-s0 is cited directly, and what it says rests on its carriers s4 and s8 as well
    assert by_id["alpha-s8"]["claims"] > by_id["alpha-s8"]["cited"] > 0
    assert all(len(row["examples"]) == min(3, row["claims"]) for row in found)
    for params in (
        {"datasets": ["alpha"]},
        {"datasets": ["alpha", "panjshir"]},
        {"exclude_datasets": ["beta"]},
        {"examples": 1},
        {"examples": 10},
        {"examples": 11},  # more than a tally keeps: every relation is read
        {"examples": 0},
        {"claimants": ["alpha-a3"]},  # claimants are not tallied: every relation is read
        {"exclude_claimants": ["taliban"]},
    ):
        same_both_ways(db, params)
    # the first ten of each source's claims by confidence, then id, across both datasets
    ten = {row["source"]: row["examples"] for row in sources(db, {"examples": 10})}
    assert ten == {
        row["source"]: row["examples"] for row in sources(db, {"examples": 10}, tallied=False)
    }
    disputed = disputes_same_both_ways(db)
    ids = {(row["claim_id"], row["counter_claim_id"]) for row in disputed}
    assert ("alpha-r00009", "alpha-r00010") in ids  # one contradicts the other
    assert ("nrf-attacked-first-per-taliban", "taliban-attack-per-nazary") in ids
    assert any(row["claim"].startswith("alpha actor 0 fights") for row in disputed)  # tolls


def test_a_contradiction_names_the_relations_of_that_id_in_every_dataset(
    db: Graph, tmp_path: Path
) -> None:
    """Relation ids are unique within a dataset only: a claim that contradicts an id is paired
    with each dataset's relation of that id, whichever was loaded first, and no longer with
    one its dataset dropped."""
    other = tmp_path / "gamma.yaml"
    other.write_text(yaml.safe_dump({
        "dataset": "gamma",
        "defaults": {"sources": ["g-s"], "credibility": 3, "confidence": 0.5},
        "sources": [{"id": "g-s", "title": "gamma's source", "reliability": "C"}],
        "actors": [{"id": "alpha-a1", "name": "alpha actor 1", "kind": "armed_group"},
                   {"id": "g-a", "name": "gamma actor", "kind": "armed_group"}],
        "relations": [
            {"id": "alpha-r00001", "from": "g-a", "term": "supports", "to": "alpha-a1",
             "claimant": "g-a", "evidence": "the same id as one of alpha's"},
            {"id": "g-denial", "from": "g-a", "term": "opposes", "to": "alpha-a1",
             "claimant": "g-a", "contradicts": ["alpha-r00001"], "evidence": "no support"},
        ],
    }, sort_keys=False))  # fmt: skip
    load(db, [other])
    pairs = {(row["claim_id"], row["counter_claim_id"]) for row in disputes_same_both_ways(db)}
    assert pairs == {("alpha-r00001", "g-denial")}  # gamma's own relation of that id
    load(db, [claims(tmp_path, "alpha", 30, seed=9)])  # alpha's relation of that id comes
    found = disputes_same_both_ways(db)
    named = [row for row in found if row["counter_claim_id"] == "g-denial"]
    claimants = sorted(row["claimant"] for row in named)  # gamma's copy, then alpha's
    assert len(named) == 2 and claimants[0].startswith("alpha-a") and claimants[1] == "g-a"
    assert tallies(db) == recounted(db)

    def against_the_denial(**params: list[str]) -> list[str]:  # whose claim it disputes
        found = same_both_ways(db, params, "claims-disputed")
        return sorted(row["claimant"][:5] for row in found if row["counter_claim_id"] == "g-denial")

    # a dispute across two datasets is shown for either (as for either claimant), and left
    # out with either
    assert against_the_denial(datasets=["alpha"]) == ["alpha"]
    assert against_the_denial(datasets=["gamma"]) == ["alpha", "g-a"]
    assert against_the_denial(exclude_datasets=["alpha"]) == ["g-a"]
    drop(db, "alpha")
    pairs = {(row["claim_id"], row["counter_claim_id"]) for row in disputes_same_both_ways(db)}
    assert pairs == {("alpha-r00001", "g-denial")}


def test_every_write_leaves_the_tallies_a_count_from_scratch_gives(
    db: Graph, tmp_path: Path
) -> None:
    first = claims(tmp_path / "v1", "alpha", 400, seed=1)
    load(db, [PANJSHIR])
    load(db, [first])
    assert tallies(db) and tallies(db) == recounted(db)
    # a re-load with claims changed, removed and added, in one transaction
    second = claims(tmp_path / "v2", "alpha", 380, seed=3, first=50)
    load(db, [second])
    assert tallies(db) == recounted(db)
    same_both_ways(db)
    disputes_same_both_ways(db)
    # a re-load in batches (a new generation), and back
    load(db, [first], **BATCHED)
    assert tallies(db) == recounted(db)
    same_both_ways(db)
    disputes_same_both_ways(db)
    # a drop in one transaction leaves no tally of the dataset
    drop(db, "alpha")
    assert not any("alpha" in line for line in tallies(db))
    same_both_ways(db)
    disputes_same_both_ways(db)
    # a first load in batches (hidden until whole), then a drop in batches
    load(db, [second], **BATCHED)
    assert tallies(db) == recounted(db)
    drop(db, "alpha", one_transaction_max=10, batch_size=20)
    assert not any("alpha" in line for line in tallies(db))
    same_both_ways(db)
    disputes_same_both_ways(db)


def test_a_database_from_before_the_tallies_is_counted_by_the_next_write(
    db: Graph, tmp_path: Path
) -> None:
    load(db, [PANJSHIR])
    load(db, [claims(tmp_path, "alpha", 200, seed=4)])
    expected = tallies(db)
    db.write("MATCH (t:SourceTally) DELETE t")
    db.write("MATCH (l:LoadLock) REMOVE l.tallies")  # as actorgraph before tallies left it
    wanted = sources(db, tallied=False)
    assert rows(run_named(db, "sources", {})) == wanted  # read from every relation meanwhile
    load(db, [claims(tmp_path / "b", "beta", 50, seed=5)])  # schema applied first: all counted
    assert set(expected) <= set(tallies(db))
    same_both_ways(db)


def test_a_write_of_ones_own_is_read_from_every_relation_until_counted(
    panjshir: Graph,
) -> None:
    before = sources(panjshir)
    deleted = run_cli("query", "--write", "MATCH ()-[r:SUPPORTS]->() DELETE r")
    assert deleted.returncode == 0, deleted.stderr
    after = rows(run_named(panjshir, "sources", {}))  # the tallies know nothing of it: not read
    assert after == sources(panjshir, tallied=False) != before
    applied = run_cli("schema", "apply")
    assert applied.returncode == 0, applied.stderr
    assert "counted again" in applied.stdout
    assert same_both_ways(panjshir) == after
    # the same for a statement of one's own from Python
    disputed = disputes_same_both_ways(panjshir)
    panjshir.write("MATCH ()-[r:FIGHTS|ATTACKS]->() DELETE r")
    changed = rows(run_named(panjshir, "sources", {}))
    assert changed == sources(panjshir, tallied=False) != after
    fewer = rows(run_named(panjshir, "claims-disputed", {}))
    assert fewer == sources(panjshir, tallied=False, query="claims-disputed")
    assert len(fewer) < len(disputed)
    assert run_cli("schema", "apply").returncode == 0
    assert same_both_ways(panjshir) == changed
    assert disputes_same_both_ways(panjshir) == fewer


def test_sources_nothing_rests_on_are_listed_with_none(db: Graph, tmp_path: Path) -> None:
    """When no relation passes the filters, each source of the datasets asked for is still
    listed, with 0, by either way of counting."""
    load(db, [PANJSHIR])
    load(db, [claims(tmp_path, "alpha", 40, seed=8)])
    listed = {row["source"] for row in same_both_ways(db)}
    for params, of in (
        ({"claimants": ["alpha-a0"], "exclude_claimants": ["alpha-a0"]}, ("alpha", "panjshir")),
        ({"datasets": ["alpha"], "exclude_datasets": ["alpha"]}, ()),
        ({"datasets": ["alpha"], "claimants": ["taliban"]}, ("alpha",)),
    ):
        found = same_both_ways(db, params)
        assert all(row["claims"] == row["cited"] == 0 and not row["examples"] for row in found)
        wanted = (
            {s for s in listed if s.startswith("alpha-")}
            if of == ("alpha",)
            else (listed if of else set())
        )
        assert {row["source"] for row in found} == wanted, params
    # a dataset asked for lists its own sources only, those with claims first
    alpha = same_both_ways(db, {"datasets": ["alpha"]})
    assert {row["source"] for row in alpha} == {s for s in listed if s.startswith("alpha-")}


def test_a_change_by_an_older_actorgraph_is_read_from_every_relation_until_counted(
    panjshir: Graph, tmp_path: Path
) -> None:
    """An older version's load counts `stages` (lock/changing) and keeps no tallies."""
    panjshir.write(
        "MATCH ()-[r:SUPPORTS]->() DELETE r WITH count(*) AS gone "
        "MATCH (l:LoadLock) SET l.stages = l.stages + 1",
        ours=True,  # the bump of `stages` alone must be noticed
    )
    assert not panjshir.read(cypher("read/tallied"), {"version": VERSION})[0]["tallied"]
    wanted = sources(panjshir, tallied=False)
    assert rows(run_named(panjshir, "sources", {})) == wanted
    load(panjshir, [claims(tmp_path, "alpha", 50, seed=7)])  # this version: counts them all first
    assert tallies(panjshir) == recounted(panjshir)
    same_both_ways(panjshir)
    disputes_same_both_ways(panjshir)
    assert sources(panjshir, {"exclude_datasets": ["alpha"]}) == wanted


def test_a_restore_counts_the_tallies_of_what_it_restored(panjshir: Graph, tmp_path: Path) -> None:
    load(panjshir, [claims(tmp_path, "alpha", 100, seed=6)])
    expected = tallies(panjshir)
    path = tmp_path / "backup.jsonl"
    dump(panjshir, path)
    assert "Tally" not in path.read_text()  # counted again, not carried
    panjshir.write("MATCH (n) WHERE NOT n:LoadLock DETACH DELETE n")
    restore(panjshir, path)
    assert tallies(panjshir) == expected
    same_both_ways(panjshir)
    disputes_same_both_ways(panjshir)


def test_tallies_that_name_other_relations_now_are_not_trusted(panjshir: Graph) -> None:
    """A copy of the store (neo4j-admin) may number relationships anew, the lock node's record
    coming along: the tallies' element ids then name other relations, and claims-disputed
    reads every relation instead of answering from them."""
    expected = sources(panjshir, query="claims-disputed", tallied=False)
    assert expected
    panjshir.write(
        "MATCH ()-[r]->() WHERE r.quantities IS NULL AND r.contradicts IS NULL "
        "WITH collect(elementId(r)) AS others "
        "MATCH (t:DisputeTally) SET t.claims = others[..size(t.claims)]",
        ours=True,  # as a copy does: the record that the tallies are right stays
    )
    assert panjshir.read(cypher("read/tallied"), {"version": VERSION})[0]["tallied"]
    assert rows(run_named(panjshir, "claims-disputed", {})) == expected


def test_a_dataset_with_too_many_figures_to_list_is_read_whole(
    db: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A feed gives a figure on most of its relations: past graph.tallies.LISTED, its tally
    lists none, and claims-disputed reads every relation (the same rows)."""
    from graph import tallies as kept

    load(db, [PANJSHIR])
    monkeypatch.setattr(kept, "LISTED", 20)
    load(db, [claims(tmp_path, "alpha", 300, seed=3)])  # about 43 tolls and 27 contradictions
    unlisted = db.read("MATCH (t:DisputeTally) RETURN t.dataset AS d, t.claims IS NULL AS none")
    assert sorted((row["d"], row["none"]) for row in unlisted) == [
        ("alpha", True), ("panjshir", False)
    ]  # fmt: skip
    assert disputes_same_both_ways(db)
