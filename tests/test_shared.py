"""An id another dataset defines is never taken over: the same entity is a reference, another
identity is refused, and the first dataset's records stay exactly as they were."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph import Graph
from graph.errors import DatasetError
from graph.loader import datasets, drop, import_acled, load

from .conftest import PANJSHIR, data_snapshot, run_cli, snapshot

HOSTILE = """\
dataset: other-team
actors:
  - {id: taliban, name: Friendly Neighbours, kind: armed_group}
"""
SOURCE = """\
dataset: other-team
sources:
  - {id: src-article, title: "Panjshir resistance claims", reliability: A}
"""
SAME = """\
dataset: other
sources:
  - {id: src-other, title: Notes, reliability: C}
actors:
  - {id: taliban, name: Taliban, kind: armed_group, aliases: [Talibs]}
  - {id: other-militia, name: Other Militia, kind: armed_group}
relations:
  - {from: Other Militia, term: fights, to: Talibs, claimant: Other Militia,
     sources: [src-other], evidence: Their account., credibility: 4, confidence: 0.3}
"""


def test_a_hostile_redefinition_is_refused_and_changes_nothing(
    panjshir: Graph, tmp_path: Path
) -> None:
    before = snapshot(panjshir)
    for text in (HOSTILE, SOURCE):
        path = tmp_path / "hostile.yaml"
        path.write_text(text)
        result = run_cli("load", str(path))
        assert result.returncode == 2, result.stdout
        assert "dataset panjshir" in result.stderr and "Traceback" not in result.stderr
        assert snapshot(panjshir) == before
    path = tmp_path / "hostile.yaml"
    path.write_text(HOSTILE)
    with pytest.raises(DatasetError, match=r"'taliban' is Taliban \(armed_group\) in dataset "
                       r"panjshir; this file makes it Friendly Neighbours"):  # fmt: skip
        load(panjshir, [path])
    path.write_text(SOURCE)
    with pytest.raises(DatasetError, match=r"source 'src-article' is \"The Lions of Panjshir .*\" "
                       r"in dataset panjshir; this file makes it 'Panjshir resistance claims'"):  # fmt: skip
        load(panjshir, [path])
    row = panjshir.read("MATCH (n {id: 'taliban'}) RETURN n.name AS name, n.dataset AS d")
    assert row == [{"name": "Taliban", "d": "panjshir"}]


def test_the_same_entity_is_a_reference_in_every_order(panjshir: Graph, tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    other.write_text(SAME)
    alone = _data(panjshir)
    report = load(panjshir, [other])
    assert "1 record is defined by another dataset already (panjshir): taliban" in (
        report.references
    )
    assert report.by_category["actor"]["created"] == 1  # only its own militia
    assert report.by_category["account"]["created"] == 1  # what it says of the Taliban
    # Its alias now names Panjshir's Taliban for everyone; Panjshir's own record is untouched.
    who = run_cli("resolve", "--who", "Talibs")
    assert who.returncode == 0, who.stderr
    assert who.stdout.splitlines() == [
        "taliban\tTaliban\tarmed_group",
        "  defined by panjshir: name: Taliban; kind: armed_group; aliases: Taleban, Islamic "
        "Emirate of Afghanistan, Taliban fighters, Taliban forces; description: "
        + _description(panjshir),
        "  account of other: name: Taliban; kind: armed_group; aliases: Talibs",
    ]
    counts = {info.name: (info.entities, info.relations) for info in datasets(panjshir)}
    assert counts == {"other": (1, 1), "panjshir": (41, 85)}
    # Its alias resolved within it, and the claim went to Panjshir's Taliban.
    rows = panjshir.read("MATCH (:Entity {id: 'other-militia'})-[r]->(b) RETURN b.id AS b")
    assert rows == [{"b": "taliban"}]
    # Re-loading either one, in any order, changes nothing in the other.
    assert load(panjshir, [PANJSHIR], recheck=True).total("updated") == 0
    assert load(panjshir, [other], recheck=True).total("updated") == 0
    drop(panjshir, "other")
    assert _data(panjshir) == alone
    # The other dataset first: it defines the Taliban; Panjshir then refers to it.
    panjshir.write("MATCH (n) WHERE NOT n:LoadLock DETACH DELETE n")
    load(panjshir, [other])
    load(panjshir, [PANJSHIR])
    taliban = panjshir.read("MATCH (n {id: 'taliban'}) RETURN n.dataset AS d, n.aliases AS a")
    assert taliban == [{"d": "other", "a": ["Talibs"]}]
    assert {i.name: i.relations for i in datasets(panjshir)} == {"other": 1, "panjshir": 85}
    report = drop(panjshir, "other")  # the Taliban pass to Panjshir, whose account they were
    assert report.by_category["passed to another dataset"]["kept"] == 1
    assert panjshir.read("MATCH ()-[r]->() RETURN count(r) AS n") == [{"n": 85}]
    assert [info.name for info in datasets(panjshir)] == ["panjshir"]
    assert _data(panjshir) == alone  # exactly as if Panjshir had been loaded alone
    assert load(panjshir, [PANJSHIR], recheck=True).total("updated") == 0


def test_another_grading_of_the_same_source_is_that_datasets_account(
    panjshir: Graph, tmp_path: Path
) -> None:
    before = panjshir.read("MATCH (s:Source {id: 'src-article'}) RETURN properties(s) AS p")
    title = before[0]["p"]["title"]
    path = tmp_path / "graded.yaml"
    path.write_text(
        "dataset: second-opinion\nsources:\n"
        f"  - {{id: src-article, title: {title!r}, reliability: B}}\n"
    )
    report = load(panjshir, [path])
    assert report.by_category["account"]["created"] == 1
    after = panjshir.read("MATCH (s:Source {id: 'src-article'}) RETURN properties(s) AS p")
    kept = {k: v for k, v in after[0]["p"].items() if not k.startswith("account")}
    assert kept == before[0]["p"]  # still graded D: Panjshir's grading is Panjshir's
    assert '"reliability": "B"' in after[0]["p"]["accounts"]
    assert load(panjshir, [PANJSHIR], recheck=True).total("updated") == 0
    drop(panjshir, "second-opinion")
    assert panjshir.read("MATCH (s:Source {id: 'src-article'}) RETURN properties(s) AS p") == before


def _description(graph: Graph) -> str:
    return graph.read("MATCH (n {id: 'taliban'}) RETURN n.description AS d")[0]["d"]


def test_extends_keeps_another_name_as_an_account_but_not_another_kind(
    panjshir: Graph, tmp_path: Path
) -> None:
    before = panjshir.read("MATCH (n {id: 'taliban'}) RETURN properties(n) AS p")
    path = tmp_path / "emirate.yaml"
    path.write_text(
        "dataset: emirate\nactors:\n"
        "  - {id: taliban, name: Emirate authorities, kind: armed_group, extends: true}\n"
    )
    assert load(panjshir, [path]).by_category["account"]["created"] == 1
    after = panjshir.read("MATCH (n {id: 'taliban'}) RETURN properties(n) AS p")[0]["p"]
    assert {k: v for k, v in after.items() if not k.startswith("account")} == before[0]["p"]
    assert run_cli("resolve", "Emirate authorities").stdout.startswith("taliban\t")
    said = run_cli("resolve", "--who", "Emirate authorities").stdout.splitlines()
    assert said[-1] == (
        "  account of emirate: name: Emirate authorities; kind: armed_group; extends"
    )  # the mark by its name, not "extends: True"
    path.write_text(
        "dataset: emirate\nactors:\n"
        "  - {id: taliban, name: Emirate authorities, kind: state, extends: true}\n"
    )
    with pytest.raises(DatasetError, match="extends cannot make it another kind of thing"):
        load(panjshir, [path])
    drop(panjshir, "emirate")
    final = panjshir.read("MATCH (n {id: 'taliban'}) RETURN properties(n) AS p")
    assert final == before


_data = data_snapshot


def test_a_name_another_datasets_entity_has_is_said_at_load(
    panjshir: Graph, tmp_path: Path
) -> None:
    """A new entity named as another dataset's (here after a no-break space is trimmed) makes
    that name ambiguous for every query: the load says so. Renaming one's own entity is no
    such case."""
    path = tmp_path / "spoof.yaml"
    path.write_text(
        "dataset: spoof\n"
        "defaults: {claimant: sp-a, sources: [sp-s], credibility: 3, confidence: 0.5,"
        " evidence: x}\n"
        "sources: [{id: sp-s, title: Spoof source, reliability: C}]\n"
        "actors:\n"
        '  - {id: nrf-2, name: "NRF\\u00a0", kind: armed_group}\n'
        "  - {id: sp-a, name: Spoof actor, kind: armed_group, aliases: [Taleban]}\n"
        "relations: [{from: nrf-2, term: fights, to: sp-a}]\n"
    )
    result = run_cli("load", str(path))
    assert result.returncode == 0, result.stderr
    assert "'NRF' (nrf-2 here, nrf there); 'Taleban' (sp-a here, taliban there)" in result.stderr
    ambiguous = run_cli("query", "-n", "supporters-of", "-p", "actor=NRF")
    assert ambiguous.returncode == 2 and "ambiguous" in ambiguous.stderr  # as the note says
    renamed = tmp_path / "renamed.yaml"
    renamed.write_text(path.read_text().replace("id: sp-a", "id: sp-b").replace("sp-a}", "sp-b}")
                       .replace("claimant: sp-a", "claimant: sp-b"))  # fmt: skip
    again = load(panjshir, [renamed])
    assert "sp-a" not in again.shared and "'Taleban' (sp-b here, taliban there)" in again.shared
    assert "'NRF' (nrf here, nrf-2 there)" in load(panjshir, [PANJSHIR], recheck=True).shared
    drop(panjshir, "spoof")
    assert load(panjshir, [PANJSHIR], recheck=True).shared == ""
    # a feed's places and events are its own by design: its names are not looked for (the
    # export names Panjshir's places and people as the study does)
    feed = import_acled(panjshir, Path("tests/data/acled-current-layout.csv"), dataset="acled-x")
    try:
        assert feed.shared == "" and feed.total("created") > 0
    finally:
        drop(panjshir, "acled-x")


REFERS = (
    SAME
    + """\
  - {from: Other Militia, term: negotiates_with, to: NRF, claimant: Other Militia,
     sources: [src-other], evidence: Talks they report., credibility: 4, confidence: 0.3}
"""
)


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_a_datasets_export_loads_back_unchanged_beside_the_one_it_refers_to(
    panjshir: Graph, tmp_path: Path, fmt: str
) -> None:
    """The export copies the entities the dataset refers to (so that it loads on its own):
    the Taliban as its own account says them, the NRF, of which it keeps none, as Panjshir
    defines it. Loaded back, neither adds nor changes an account."""
    other = tmp_path / "other.yaml"
    other.write_text(REFERS)
    load(panjshir, [other])
    before = data_snapshot(panjshir)
    out = tmp_path / ("other.json" if fmt == "json" else "other-csv")
    exported = run_cli("export", "--dataset", "other", "-o", fmt, "--out", str(out))
    assert exported.returncode == 0, exported.stderr
    report = load(panjshir, [out])
    assert report.total("created") == report.total("updated") == report.total("removed") == 0
    assert data_snapshot(panjshir) == before
    held = "MATCH (n) WHERE 'other' IN n.account_datasets RETURN collect(n.id) AS ids"
    assert panjshir.read(held) == [{"ids": ["taliban"]}]


def test_an_export_loaded_first_passes_its_copies_to_their_dataset_on_a_drop(
    panjshir: Graph, tmp_path: Path
) -> None:
    """Loaded into an empty database, an export defines the entities it copies; the dataset
    they were copied from, loaded after it, keeps its own account of them; dropping the
    export leaves the database as if that dataset had been loaded alone."""
    alone = _data(panjshir)
    other = tmp_path / "other.yaml"
    other.write_text(REFERS)
    load(panjshir, [other])
    out = tmp_path / "other.json"
    assert run_cli("export", "--dataset", "other", "-o", "json", "--out", str(out)).returncode == 0
    panjshir.write("MATCH (n) WHERE NOT n:LoadLock DETACH DELETE n")
    load(panjshir, [out])
    nrf = panjshir.read("MATCH (n {id: 'nrf'}) RETURN n.dataset AS d, n.defined_by AS copied")
    assert nrf == [{"d": "other", "copied": "panjshir"}]
    load(panjshir, [PANJSHIR])
    drop(panjshir, "other")
    assert _data(panjshir) == alone


CARRIED = """\
dataset: carrier-a
sources:
  - {id: wire, title: Wire report, reliability: C}
  - {id: statement, title: A statement, reliability: D, via: wire}
actors:
  - {id: side-a, name: Side A, kind: armed_group}
  - {id: side-b, name: Side B, kind: armed_group}
relations:
  - {from: Side A, term: fights, to: Side B, claimant: Side A, sources: [statement],
     evidence: Their report., credibility: 4, confidence: 0.5}
"""
CARRIED_OTHERWISE = """\
dataset: carrier-b
sources:
  - {id: radio, title: Radio bulletin, reliability: C}
  - {id: statement, title: A statement, reliability: B, via: radio}
relations:
  - {from: Side B, term: attacks, to: Side A, claimant: Side B, sources: [statement],
     evidence: The other report., credibility: 3, confidence: 0.4}
"""


def test_an_export_holds_the_carrier_its_account_of_a_source_names(
    db: Graph, tmp_path: Path
) -> None:
    """carrier-b's account of a source says another carrier came with it: its export holds
    that carrier too, and so loads on its own."""
    for name, text in (("a.yaml", CARRIED), ("b.yaml", CARRIED_OTHERWISE)):
        (tmp_path / name).write_text(text)
        load(db, [tmp_path / name])
    out = tmp_path / "b.json"
    exported = run_cli("export", "--dataset", "carrier-b", "-o", "json", "--out", str(out))
    assert exported.returncode == 0, exported.stderr
    db.write("MATCH (n) WHERE NOT n:LoadLock DETACH DELETE n")
    load(db, [out])
    rows = db.read("MATCH (s:Source) RETURN s.id AS id, s.via AS via ORDER BY id")
    assert rows == [{"id": "radio", "via": None}, {"id": "statement", "via": "radio"},
                    {"id": "wire", "via": None}]  # fmt: skip
