"""Exports: round trips through our own loader and through Neo4j, and files Gephi tools read."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
from lxml import etree

from graph import Graph
from graph.cypher import split_statements
from graph.exchange import write
from graph.exchange.script import literal
from graph.loader import dataset, drop, load
from graph.views import select

from .conftest import PANJSHIR, run_cli, snapshot


def graph_only(db: Graph) -> list:
    """The snapshot without load records and the tallies (graph.tallies: counted from the
    relations, not exported)."""
    nodes, rels = snapshot(db)
    kept = ("'Load'", "'LoadLock'", "'SourceTally'", "'DisputeTally'")
    return [[n for n in nodes if not any(label in n for label in kept)], rels]


def wipe(db: Graph) -> None:
    db.write("MATCH (n) DETACH DELETE n")


def test_json_export_loads_back_into_the_same_graph(panjshir: Graph, tmp_path: Path) -> None:
    before = graph_only(panjshir)
    [path] = write(select(panjshir), "json", tmp_path / "p.json")
    wipe(panjshir)
    report = load(panjshir, [path])
    assert report.total("created") == 132
    assert graph_only(panjshir) == before


def test_a_json_export_with_characters_yaml_refuses_loads_back(
    panjshir: Graph, tmp_path: Path
) -> None:
    """DEL and C1 controls are valid JSON as they are, but `load` reads JSON as YAML, which
    refuses them in a file, and folds NEL and U+2028 into spaces: the export escapes them, and
    the names come back as they were."""
    odd = "A\x7fB\x85C\x9fD\ufffeE\u2028F"
    panjshir.write("MATCH (n:Entity {id: 'nrf'}) SET n.name = $name", {"name": odd})
    [path] = write(select(panjshir), "json", tmp_path / "p.json")
    wipe(panjshir)
    assert load(panjshir, [path]).total("created") == 132
    assert panjshir.read("MATCH (n:Entity {id: 'nrf'}) RETURN n.name AS n") == [{"n": odd}]


def test_a_dataset_exported_whole_keeps_what_no_relation_touches(
    panjshir: Graph, tmp_path: Path
) -> None:
    before = graph_only(panjshir)
    result = run_cli(
        "export", "-o", "json", "--dataset", "panjshir", "--out", str(tmp_path / "p.json")
    )
    assert result.returncode == 0 and "(41 nodes, 85 relations" in result.stdout, result.stderr
    wipe(panjshir)
    load(panjshir, [tmp_path / "p.json"])
    assert graph_only(panjshir) == before  # the United States, which no claim names, is there


def test_csv_export_loads_back_into_the_same_graph(panjshir: Graph, tmp_path: Path) -> None:
    before = graph_only(panjshir)
    result = run_cli("export", "--format", "csv", "--out", str(tmp_path / "csv"))
    assert result.returncode == 0, result.stderr
    again = load(panjshir, [tmp_path / "csv"])  # named by its dataset.yaml: the same claims
    assert again.dataset == "panjshir" and again.total("created") == 0, again.by_category
    wipe(panjshir)
    load(panjshir, [tmp_path / "csv"])
    assert graph_only(panjshir) == before


def test_a_description_goes_with_an_export_and_not_past_a_drop(
    panjshir: Graph, tmp_path: Path
) -> None:
    """A whole dataset's export carries its description, so that loaded back after a drop it
    has it again; a dropped dataset's old description never comes back by itself."""
    described = dataset(panjshir, "panjshir").description
    assert described and described.startswith("Actors, places")
    for fmt, out in (("json", tmp_path / "p.json"), ("csv", tmp_path / "csv")):
        result = run_cli("export", "-o", fmt, "--dataset", "panjshir", "--out", str(out))
        assert result.returncode == 0, result.stderr
        drop(panjshir, "panjshir")
        load(panjshir, [out])
        assert dataset(panjshir, "panjshir").description == described, fmt
    drop(panjshir, "panjshir")
    bare = tmp_path / "bare.yaml"
    bare.write_text(PANJSHIR.read_text().replace(f"description: {described}\n", ""))
    load(panjshir, [bare])
    assert dataset(panjshir, "panjshir").description is None
    drop(panjshir, "panjshir")


def test_cypher_script_recreates_the_graph_in_neo4j(panjshir: Graph, tmp_path: Path) -> None:
    before = graph_only(panjshir)
    [path] = write(select(panjshir), "cypher", tmp_path / "p.cypher")
    wipe(panjshir)
    for statement in split_statements(path.read_text()):
        panjshir.write(statement)
    assert graph_only(panjshir) == before


def test_cypher_literals_escape_everything() -> None:
    assert literal("it's a \\ test\nnext") == "'it\\'s a \\\\ test\\nnext'"
    assert literal({"a b": [1, None, True]}) == "{`a b`: [1, null, true]}"


def test_cypher_literals_of_times_spans_and_points_give_the_same_values(panjshir: Graph) -> None:
    """What a user's own write may store: a duration was written as date('[0, 1, 0, 0]')."""
    stored = panjshir.read(
        "RETURN [date('2021-09-01'), datetime('2021-09-01T10:00:00+02:00'), "
        "localdatetime('2021-09-01T10:00'), localtime('10:00'), time('10:00+01:00'), "
        "duration('P1DT2H'), point({longitude: 69.5, latitude: 35.3}), point({x: 1, y: 2}), "
        "datetime('2021-08-15T12:00:00[America/St_Johns]')] AS v"
    )[0]["v"]
    again = panjshir.read(f"RETURN {literal(stored)} AS v")[0]["v"]
    assert again == stored
    # a named zone's datetime as the instant and its offset (the driver's own text was an
    # hour off for St John's -02:30)
    assert literal(stored[-1]) == "datetime('2021-08-15T12:00:00.000000000-02:30')"


def test_graphml_and_gexf_open_in_networkx_with_attributes_and_time(
    panjshir: Graph, tmp_path: Path
) -> None:
    view = select(panjshir)
    [graphml] = write(view, "graphml", tmp_path / "p.graphml")
    [gexf] = write(view, "gexf", tmp_path / "p.gexf")
    g1 = nx.read_graphml(graphml)
    assert g1.number_of_nodes() == 41 and g1.number_of_edges() == 85
    assert g1.nodes["ahmad-massoud"]["kind"] == "person"
    assert "Ahmed Masood" in g1.nodes["ahmad-massoud"]["aliases"]
    edge = next(
        d for _, _, d in g1.edges(data=True) if d.get("id") == "ceasefire-broken-by-nrf-per-taliban"
    )
    assert edge["claimant"] == "taliban" and edge["credibility"] == 6
    g2 = nx.read_gexf(gexf)
    assert g2.graph["mode"] == "dynamic"
    assert g2.number_of_nodes() == 41 and g2.number_of_edges() == 85
    assert g2.nodes["battle-of-khavak"]["start"] == "2021-08-30"
    india = next(d for a, _, d in g2.edges(data=True) if a == "india")
    assert (india["start"], india["end"]) == ("1990-01-01", "1999-12-31")
    # As Gephi reads it: an edge's own `type` is its direction, so the relation's type is an
    # attribute; every value is of its declared type; the title is the description.
    gexf_ns = {"g": "http://www.gexf.net/1.2draft"}
    doc = etree.parse(str(gexf), etree.XMLParser(recover=False))
    assert doc.findtext("g:meta/g:description", namespaces=gexf_ns) == view.title
    edges = doc.findall("g:graph/g:edges/g:edge", gexf_ns)
    assert len(edges) == 85 and all(e.get("type") in (None, "directed") for e in edges)
    declared = {
        a.get("id"): (a.get("title"), a.get("type"))
        for a in doc.findall("g:graph/g:attributes/g:attribute", gexf_ns)
    }
    parse = {"long": int, "double": float, "boolean": ["true", "false"].index, "string": str}
    for value in doc.findall(".//g:attvalue", gexf_ns):
        parse[declared[value.get("for")][1]](value.get("value"))  # raises if not of its type
    assert {"type", "term", "credibility"} <= {title for title, _ in declared.values()}
    assert {d["type"] for *_, d in g2.edges(data=True)} >= {"SUPPORTS", "FIGHTS"}
    # An act lasts as long as its date on Gephi's timeline, not from then on for ever.
    acts = [
        d
        for *_, d in g2.edges(data=True)
        if d.get("duration") == "point" and "since" in d and "until" not in d
    ]
    assert acts and all(d["end"] == d["since_end"] for d in acts)


def test_filters_apply_to_exports(panjshir: Graph, tmp_path: Path) -> None:
    out = tmp_path / "supports.graphml"
    result = run_cli("export", "--format", "graphml", "--out", str(out), "--relation", "supports")
    assert result.returncode == 0, result.stderr
    assert nx.read_graphml(out).number_of_edges() == 10


def test_an_output_path_that_cannot_be_one_is_bad_input(panjshir: Graph, tmp_path: Path) -> None:
    """A folder given for a file, or a file's name for the CSV export's folder: exit 2 (the
    argument must change), nothing written."""
    folder = tmp_path / "folder"
    folder.mkdir()
    for args in (
        ["render", "--out", str(folder)],
        ["export", "--format", "json", "--out", str(folder)],
        ["export", "--format", "csv", "--out", str(tmp_path / "p.json")],
    ):
        result = run_cli(*args)
        assert result.returncode == 2, (args, result.returncode, result.stderr)
        assert result.stderr.startswith("error: Cannot write")
    assert list(tmp_path.iterdir()) == [folder] and not list(folder.iterdir())


def test_a_cypher_export_of_line_separators_replays_the_same_graph_and_runs_nothing_else(
    db: Graph, tmp_path: Path
) -> None:
    """U+2028 and kin are line breaks to str.splitlines: written raw, a crafted title and alias
    closed the statement and ran their own Cypher when the export was replayed. Characters
    beyond U+FFFF that are escaped too (a flag's tags) are written as Cypher reads them."""
    path = tmp_path / "sep.yaml"
    path.write_text(
        'dataset: sep\nsources:\n  - {id: s, title: "Report\\u2028// ", reliability: C}\n'
        "actors:\n"
        '  - {id: a, name: "A\\u2029B\\x85C\\u000bD", kind: person,'
        ' aliases: ["x\'}]; CREATE (:Pwned); //\\u2028"]}\n'
        # Scotland's flag: an emoji and format characters beyond U+FFFF (tags)
        '  - {id: b, name: "Bravo \\U0001F3F4\\U000E0067\\U000E0062\\U000E0073\\U000E0063'
        '\\U000E0074\\U000E007F", kind: person}\n'
        "relations:\n  - {from: a, term: opposes, to: b, claimant: b, sources: [s],"
        ' evidence: "line\\u2028two", credibility: 3, confidence: 0.5}\n'
    )
    load(db, [path])
    before = graph_only(db)
    [script] = write(select(db), "cypher", tmp_path / "sep.cypher")
    text = script.read_text(encoding="utf-8")
    assert "\u2028" not in text and "\u2029" not in text and "\x85" not in text
    for split in (
        split_statements,
        lambda t: [s for s in t.split(";\n") if s.strip() and not s.startswith("//")],
    ):
        wipe(db)
        for statement in split(text):
            db.write(statement)
        assert db.read("MATCH (n:Pwned) RETURN count(n) AS n") == [{"n": 0}]
        assert graph_only(db) == before


def test_a_filtered_export_carries_its_claimants_and_loads_on_its_own(
    panjshir: Graph, tmp_path: Path
) -> None:
    """The article's author only claims: a view around one actor does not draw them, but its
    export must hold them, or loading it elsewhere fails on every claim."""
    from graph.subgraph import Filters

    view = select(panjshir, Filters(around="Uzbekistan", depth=1))
    drawn = {node["id"] for node in view.nodes}
    [path] = write(view, "json", tmp_path / "uz.json")
    # loaded back beside the whole, a part is a dataset of its own: it never replaces the whole
    before = graph_only(panjshir)
    written = write(view, "csv", tmp_path / "uz-csv")
    assert (tmp_path / "uz-csv" / "dataset.yaml") in written
    for part in (path, tmp_path / "uz-csv"):
        assert load(panjshir, [part]).dataset == "panjshir (part)"
        drop(panjshir, "panjshir (part)")
        assert graph_only(panjshir) == before
    wipe(panjshir)
    report = load(panjshir, [path])
    actors = {r["id"] for r in panjshir.read("MATCH (a:Actor) RETURN a.id AS id")}
    assert actors - drawn and report.total("created") > len(drawn)


TWO_TEAMS = """\
dataset: {name}
sources:
  - {{id: src-{name}, title: "{name} notes", reliability: B}}
actors:
  - {{id: north, name: North Front, kind: armed_group}}
  - {{id: south, name: South Army, kind: armed_force}}
relations:
  - {{id: clash, from: north, term: fights, to: south, claimant: north, since: 2021-09-01,
     sources: [src-{name}], evidence: Both sides report fighting., credibility: 2,
     confidence: 0.8}}
  - {{id: talks, from: north, term: negotiates_with, to: south, claimant: south,
     sources: [src-{name}], evidence: "Talks, as {name} tells it.", credibility: {grade},
     confidence: 0.5}}
{more}"""
DENIAL = """\
  - {id: denial, from: north, term: allied_with, to: south, claimant: north,
     sources: [src-two], evidence: North denies any talks., credibility: 5, confidence: 0.2,
     contradicts: [talks]}
"""


def test_an_export_of_datasets_sharing_relation_ids_loads_back(db: Graph, tmp_path: Path) -> None:
    """Two datasets each hold relations `clash` and `talks`: `clash` says the same in both (one
    claim citing both sources), `talks` differs (two claims, each id followed by its dataset,
    and the denial that contradicts `talks` names both, as it did in the database)."""
    for name, grade, more in (("one", 2, ""), ("two", 4, DENIAL)):
        path = tmp_path / f"{name}.yaml"
        path.write_text(TWO_TEAMS.format(name=name, grade=grade, more=more))
        load(db, [path])
    view = select(db)
    [path] = write(view, "json", tmp_path / "both.json")
    [graphml] = write(view, "graphml", tmp_path / "both.graphml")
    keys = sorted(
        key for *_, key in nx.read_graphml(graphml, force_multigraph=True).edges(keys=True)
    )
    assert keys == ["clash", "denial", "talks--one", "talks--two"]
    db.write("MATCH (n) DETACH DELETE n")
    report = load(db, [path])
    assert report.total("created") == 2 + 2 + 4  # sources, actors, relations
    rows = db.read("MATCH ()-[r]->() RETURN r.id AS id, r.sources AS sources, "
                   "r.credibility AS grade, r.contradicts AS contradicts, r.dataset AS dataset "
                   "ORDER BY id")  # fmt: skip
    assert rows == [
        {"id": "clash", "sources": ["src-one", "src-two"], "grade": 2, "contradicts": None,
         "dataset": "one, two"},
        {"id": "denial", "sources": ["src-two"], "grade": 5,
         "contradicts": ["talks--one", "talks--two"], "dataset": "one, two"},
        {"id": "talks--one", "sources": ["src-one"], "grade": 2, "contradicts": None,
         "dataset": "one, two"},
        {"id": "talks--two", "sources": ["src-two"], "grade": 4, "contradicts": None,
         "dataset": "one, two"},
    ]  # fmt: skip


def test_copies_of_one_id_are_merged_per_content_and_edges_without_ids_pass() -> None:
    from graph.exchange.claims import unique_claims

    def copy(dataset: str, grade: int) -> dict:
        return {"id": "x", "start": "a", "end": "b", "dataset": dataset, "credibility": grade,
                "sources": [f"src-{dataset}"]}  # fmt: skip

    loose = {"start": "a", "end": "c", "dataset": "one"}
    denial = {**copy("four", 5), "id": "y", "contradicts": ["x"]}
    claims = unique_claims([copy("one", 2), copy("two", 2), copy("three", 4), loose, denial])
    assert [(c.get("id"), c.get("sources")) for c in claims] == [
        (None, None),
        ("x--one", ["src-one", "src-two"]),  # one and two say the same: one claim
        ("x--three", ["src-three"]),
        ("y", ["src-four"]),
    ]
    assert claims[-1]["contradicts"] == ["x--one", "x--three"]
