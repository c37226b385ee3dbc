"""Names are resolved against the database by reading only the entities they may stand for,
with the answers a reading of every entity gives."""

from __future__ import annotations

import pytest

from graph import Graph
from graph.errors import ResolveError
from graph.loader.check import names_in
from graph.parse.files import read_dataset
from graph.query.known import known_from, resolver_for
from graph.resolve import Resolver

from .conftest import PANJSHIR


def test_a_reading_scoped_to_names_keeps_every_entity_they_may_stand_for(panjshir: Graph) -> None:
    known = known_from(panjshir, names={"Taleban", "  ahmad-massoud ", "MASSOUD", "nobody at all"})
    ids = sorted(candidate.id for candidate, _aliases in known.entities)
    # an alias, an id (spaces around it), a name two entities share; nothing for the unknown
    assert ids == ["ahmad-massoud", "ahmad-shah-massoud", "taliban"]
    assert len(known_from(panjshir).entities) > 20


@pytest.mark.parametrize(
    "name",
    [
        "Taleban",
        "taliban",
        "The Taliban",
        "Āhmad Massoud",
        "Massoud",
        "Talibn",
        "Panjshir Valley",
        # no such name: its suggestions, found through the full-text index, are the same
        "Natonal Resistence Frnt",
        "Panjshr",
        "Ahmad Masud",
        "???",
        "nfr",
        "Talibn Government",
    ],
)
def test_the_database_resolver_answers_as_one_over_every_entity(panjshir: Graph, name: str) -> None:
    everything = Resolver(known_from(panjshir).entities)

    def outcome(resolver: Resolver) -> str:
        try:
            return resolver.resolve(name, ["actor"]).id
        except ResolveError as exc:
            return str(exc)  # ambiguous: every entity named; unknown: the same suggestions

    assert outcome(resolver_for(panjshir)) == outcome(everything)


def test_find_reads_what_a_name_may_stand_for_too(panjshir: Graph) -> None:
    """find (no suggestions) on the resolver that reads the database on demand."""
    assert resolver_for(panjshir).find("Taleban", ["actor"]).id == "taliban"
    assert resolver_for(panjshir).find("nobody at all") is None
    with pytest.raises(ResolveError):
        resolver_for(panjshir).find("Massoud")


def test_a_dataset_names_what_its_records_and_defaults_refer_to() -> None:
    names = names_in(read_dataset([PANJSHIR], None))
    assert {"taliban", "nrf", "ahmad-massoud"} <= names  # ids and relation ends
    assert not any(len(name) > 200 for name in names)  # no evidence or notes


TYPO = """\
dataset: typo
sources:
  - {id: src-typo, title: Notes, reliability: C}
actors:
  - {id: typo-militia, name: Typo Militia, kind: armed_group}
relations:
  - {from: Typo Militia, term: fights, to: Talibn, claimant: Typo Militia,
     sources: [src-typo], evidence: A typo., credibility: 4, confidence: 0.3}
  - {from: Typo Militia, term: fights, to: Taleban, claimant: Typo Militia,
     sources: [src-typo], evidence: An alias., credibility: 4, confidence: 0.3}
"""


def test_a_load_that_refers_to_another_datasets_entity(panjshir: Graph, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from graph.errors import DatasetError
    from graph.loader import load

    path = tmp_path / "typo.yaml"
    path.write_text(TYPO)
    # The scoped reading does not hold the Taliban under "Talibn": the problem is reported
    # after a reading of every entity, with the suggestion it gives.
    with pytest.raises(DatasetError, match=r"'Talibn'; did you mean taliban\?"):
        load(panjshir, [path])
    path.write_text(TYPO.replace("Talibn", "Northern Alliance"))
    report = load(panjshir, [path])
    assert report.by_type["FIGHTS"]["created"] == 2
    ends = panjshir.read(
        "MATCH (:Actor {id: 'typo-militia'})-[:FIGHTS]-(b) RETURN b.id AS id ORDER BY id"
    )
    assert ends == [{"id": "northern-alliance"}, {"id": "taliban"}]


OWN = """\
dataset: own
sources:
  - {id: src-own, title: Notes, reliability: C}
actors:
  - {id: own-a, name: Own A, kind: armed_group}
  - {id: own-b, name: Own B, kind: armed_group, aliases: [Bee]}
relations:
  - {from: Own A, term: fights, to: Bee, claimant: Own A,
     sources: [src-own], evidence: Seen., credibility: 4, confidence: 0.3}
"""


def _reload_without_own_b(db: Graph, tmp_path, to: str):  # type: ignore[no-untyped-def]
    from graph.loader import load

    path = tmp_path / "own.yaml"
    path.write_text(OWN)
    load(db, [path])
    path.write_text(OWN.replace(OWN_B, "").replace("to: Bee", f"to: {to}"))
    return load(db, [path])


OWN_B = "  - {id: own-b, name: Own B, kind: armed_group, aliases: [Bee]}\n"


def test_a_reload_that_no_longer_defines_what_it_names(db: Graph, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # A re-load does not read back its own stored entities that its files define again; one
    # they name but no longer define is read, and wins as it did.
    report = _reload_without_own_b(db, tmp_path, "Bee")
    assert report.by_type["FIGHTS"] == {"unchanged": 1}
    assert db.read("MATCH (n:Actor {id: 'own-b'}) RETURN n.name AS name") == [{"name": "Own B"}]


@pytest.mark.parametrize(("to", "outcome"), [("Bee", "'Bee' is ambiguous"), ("own-b", "own-b")])
def test_a_stored_entity_no_longer_defined_still_counts_against_others(  # type: ignore[no-untyped-def]
    db: Graph, tmp_path, to: str, outcome: str
) -> None:
    from graph.errors import DatasetError
    from graph.loader import load

    other = tmp_path / "other.yaml"
    other.write_text(
        "dataset: other\nactors:\n  - {id: other-bee, name: Bee, kind: armed_group}\n"
        "  - {id: ownb, name: Own-B, kind: armed_group}\n"
    )
    load(db, [other])
    if outcome.startswith("'"):  # the name is the stored own-b's and another's: ambiguous
        with pytest.raises(DatasetError, match=outcome):
            _reload_without_own_b(db, tmp_path, to)
        return
    _reload_without_own_b(db, tmp_path, to)  # by id, not Own-B's key
    ends = db.read("MATCH (:Actor {id: 'own-a'})-[:FIGHTS]-(b) RETURN b.id AS id")
    assert ends == [{"id": outcome}]


def test_a_figure_naming_a_side_in_a_csv_cell_is_read(panjshir: Graph, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # "of" inside a CSV cell's JSON names an entity too: 'taliban' is Panjshir's by id, not
    # this dataset's actor named "Taliban", and so neither end of the relation.
    from graph.errors import DatasetError
    from graph.loader import load

    (tmp_path / "sources.csv").write_text("id,title,reliability\ns-csv,One,C\n")
    (tmp_path / "actors.csv").write_text(
        "id,name,kind\ntb,Taliban Fighters Here,armed_group\nx,Ex,armed_group\n"
        "tal,Taliban,armed_group\n"
    )
    cell = '"{""killed"": {""best"": 3, ""of"": ""taliban""}}"'
    (tmp_path / "relations.csv").write_text(
        "from,term,to,claimant,sources,evidence,credibility,confidence,quantities\n"
        f"tal,fights,x,x,s-csv,Seen.,3,0.5,{cell}\n"
    )
    with pytest.raises(DatasetError, match=r"killed.of: 'taliban' is neither end"):
        load(panjshir, [tmp_path], dataset="csv-figures")
