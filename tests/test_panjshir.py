"""The bundled Panjshir dataset, loaded into a real Neo4j: complete, resolvable, attributed."""

from __future__ import annotations

import pytest

from graph import Graph

from .conftest import run_cli

ARTICLE_ENTITIES = {
    # actors
    "taliban": "Taliban",
    "nrf": "National Resistance Front of Afghanistan",
    "northern-alliance": "Northern Alliance",
    "amrullah-saleh": "Amrullah Saleh",
    "ahmad-massoud": "Ahmad Massoud",
    "ahmad-shah-massoud": "Ahmad Shah Massoud",
    "amir-khan-muttaqi": "Amir Khan Muttaqi",
    "ali-maisam-nazary": "Ali Maisam Nazary",
    "munib-amiri": "Munib Amiri",
    "india": "India",
    "russia": "Russia",
    "iran": "Iran",
    "tajikistan": "Tajikistan",
    "uzbekistan": "Uzbekistan",
    "soviet-union": "Soviet Union",
    "united-states": "United States",
    "cia": "Central Intelligence Agency",
    "islamic-republic": "Islamic Republic of Afghanistan",
    "andsf": "Afghan National Defense and Security Forces",
    "tajiks": "Tajiks",
    # places
    "afghanistan": "Afghanistan",
    "panjshir-valley": "Panjshir Valley",
    "panjshir-tunnels": "Panjshir tunnel network",
    "khavak": "Khavak",
    "baghlan": "Baghlan Province",
    "parwan": "Parwan Province",
    "banu": "Banu District",
    "pol-e-hesar": "Pol-e-Hesar District",
    "deh-salah": "Deh Salah District",
    # events
    "soviet-panjshir-offensives": "Soviet offensives in the Panjshir Valley",
    "taliban-1990s-panjshir-offensive": "Taliban attempts to take Panjshir in the 1990s",
    "taliban-2021-offensive": "Taliban offensive of 2021",
    "baghlan-district-captures": "Capture of three Baghlan districts",
    "taliban-resistance-talks": "Talks between the Taliban and the resistance",
    "undeclared-ceasefire": "Undeclared ceasefire between the Taliban and the resistance",
    "battle-of-khavak": "Battle of Khavak",
}


def test_every_actor_place_and_event_of_the_article_is_present_once(panjshir: Graph) -> None:
    rows = panjshir.read(
        "MATCH (n:Entity) WHERE n.id IN $ids RETURN n.id AS id, n.name AS name, count(*) AS c",
        {"ids": list(ARTICLE_ENTITIES)},
    )
    assert {r["id"]: r["name"] for r in rows} == ARTICLE_ENTITIES
    assert all(r["c"] == 1 for r in rows)


def test_kinds_are_labels_so_analysts_can_match_by_kind(panjshir: Graph) -> None:
    people = panjshir.read("MATCH (p:Person) RETURN p.id AS id ORDER BY id")
    assert [r["id"] for r in people] == [
        "ahmad-massoud", "ahmad-shah-massoud", "ali-maisam-nazary", "amir-khan-muttaqi",
        "amrullah-saleh", "munib-amiri", "panjshir-analyst",
    ]  # fmt: skip
    states = panjshir.read("MATCH (s:Actor:State) RETURN count(s) AS n")[0]["n"]
    assert states == 7
    assert panjshir.read("MATCH (v:Place:Valley) RETURN v.id AS id") == [{"id": "panjshir-valley"}]
    assert panjshir.read("MATCH (e:Event:Ceasefire) RETURN e.id AS id") == [
        {"id": "undeclared-ceasefire"}
    ]


@pytest.mark.parametrize(
    ("spelling", "expected"),
    [
        ("Ahmed Masood", "ahmad-massoud"),
        ("Ahmed Massoud", "ahmad-massoud"),
        ("ahmad massoud", "ahmad-massoud"),
        ("Ahmad Masoud", "ahmad-massoud"),
        ("Ahmad Shah Massoud", "ahmad-shah-massoud"),
        ("Lion of Panjshir", "ahmad-shah-massoud"),
        ("Lions of Panjshir", "nrf"),
        ("NRF", "nrf"),
        ("Resistance from Panjshir", "nrf"),
        ("Northern Alliance", "northern-alliance"),
        ("Amrullah Salih", "amrullah-saleh"),
        ("Pansjir Valley", "panjshir-valley"),
        ("Panjsher", "panjshir-valley"),
        ("Khawak", "khavak"),
        ("De Salah", "deh-salah"),
        ("Pul-e-Hisar", "pol-e-hesar"),
        ("the Soviets", "soviet-union"),
        ("ANDSF", "andsf"),
        ("CIA", "cia"),
        ("gentleman agreement", "undeclared-ceasefire"),
    ],
)
def test_names_resolve_however_the_article_spells_them(
    panjshir: Graph, spelling: str, expected: str
) -> None:
    result = run_cli("resolve", spelling)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\t")[0] == expected


def test_massoud_alone_is_ambiguous_and_lists_father_and_son(panjshir: Graph) -> None:
    result = run_cli("resolve", "Massoud")
    assert result.returncode == 2
    assert "ahmad-massoud" in result.stderr and "ahmad-shah-massoud" in result.stderr


def test_ahmad_massoud_is_distinct_from_his_father(panjshir: Graph) -> None:
    rows = panjshir.read(
        "MATCH (son:Person {id: 'ahmad-massoud'})-[r:CHILD_OF]->(father:Person) "
        "RETURN father.id AS father, r.claimant AS claimant"
    )
    assert rows == [{"father": "ahmad-shah-massoud", "claimant": "article-author"}]
    leaders = panjshir.read(
        "MATCH (p:Person)-[:LEADS]->(g {id: $g}) RETURN p.id AS id ORDER BY id", {"g": "nrf"}
    )
    assert [r["id"] for r in leaders] == ["ahmad-massoud", "amrullah-saleh"]


def test_both_sides_claims_of_who_broke_the_ceasefire_are_kept(panjshir: Graph) -> None:
    rows = panjshir.read(
        "MATCH (who)-[r:BREACHED]->(:Ceasefire) "
        "RETURN who.id AS breaker, r.claimant AS claimant, r.credibility AS credibility, "
        "r.contradicts AS contradicts ORDER BY r.id"
    )
    claims = {(r["breaker"], r["claimant"]) for r in rows}
    assert claims == {
        ("taliban", "ali-maisam-nazary"),
        ("nrf", "taliban"),
        ("taliban", "article-author"),
    }
    assert all(r["credibility"] == 6 and r["contradicts"] for r in rows)


def test_every_relation_carries_provenance(panjshir: Graph) -> None:
    missing = panjshir.read(
        "MATCH ()-[r]->() WHERE r.claimant IS NULL OR size(r.sources) = 0 "
        "OR r.evidence IS NULL OR r.credibility IS NULL OR r.confidence IS NULL "
        "RETURN count(r) AS n"
    )
    assert missing == [{"n": 0}]
    unknown_sources = panjshir.read(
        "MATCH ()-[r]->() UNWIND r.sources AS s "
        "OPTIONAL MATCH (src:Source {id: s}) WITH s, src WHERE src IS NULL RETURN count(*) AS n"
    )
    assert unknown_sources == [{"n": 0}]


def test_partial_dates_are_stored_as_ranges(panjshir: Graph) -> None:
    rows = panjshir.read(
        "MATCH (:Entity {id: 'india'})-[r:SUPPORTS]->() "
        "RETURN r.since AS since, toString(r.since_start) AS start, toString(r.since_end) AS end"
    )
    assert rows == [{"since": "1990s", "start": "1990-01-01", "end": "1999-12-31"}]
