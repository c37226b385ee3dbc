"""Source lineage: a source may name the source that carried it (`via`); every claim resting on
a source, directly or through what it carried, can be listed, and claims resting on one line of
sources are found. Rules on hand-built data, then the real database and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph import Graph
from graph.analyze.provenance import exposure, independent, lineages, provenance
from graph.errors import DatasetError
from graph.exchange import write
from graph.loader import drop, load
from graph.subgraph import View
from graph.validate import validate_paths
from graph.validate.lineage import carriers
from graph.views import select

from .conftest import PANJSHIR, run_cli

# A tweet relayed by an agency, whose wire a newspaper printed; an independent report; and
# a statement the newspaper printed too.
SOURCES = {
    "tweet": {"via": "agency", "party": "a"},
    "agency": {"via": "paper"},
    "paper": {},
    "report": {},
    "statement": {"via": "paper", "party": "b"},
}


def hand_view(claims: dict[str, list[str]]) -> View:
    nodes = [{"id": n, "name": n.upper()} for n in ("a", "b")]
    edges = [{"id": c, "start": "a", "end": "b", "term": "supports", "sources": cited}
             for c, cited in claims.items()]  # fmt: skip
    sources = {s: {"id": s, "props": {"id": s, **p}} for s, p in SOURCES.items()}
    return View(nodes=nodes, edges=edges, sources=sources)


def test_carriers_follow_via_at_any_depth_and_stop_at_a_loop() -> None:
    via = {s: p.get("via") for s, p in SOURCES.items()}
    assert carriers("tweet", via) == ["agency", "paper"]
    assert carriers("paper", via) == []
    assert carriers("x", {"x": "y", "y": "x"}) == ["y"]
    assert carriers("x", {"x": "gone"}) == ["gone"]


def test_provenance_lists_direct_and_carried_claims_with_their_chains() -> None:
    view = hand_view({"c1": ["tweet"], "c2": ["paper"], "c3": ["report"],
                      "c4": ["tweet", "report"], "c5": ["statement", "paper"]})  # fmt: skip
    result = provenance(view, "paper")
    assert [r["id"] for r in result["rows"]] == ["c1", "c2", "c4", "c5"]
    assert (result["claims"], result["direct"], result["carried"]) == (4, 2, 2)
    through = {r["id"]: r["through"] for r in result["rows"]}
    assert through["c1"] == ["tweet → agency → paper"]
    assert through["c5"] == ["statement → paper", "paper"]
    assert result["by_cited_source"] == {"tweet": 2, "paper": 2, "statement": 1}
    # The agency carried only the tweet; the report nothing.
    assert [r["id"] for r in provenance(view, "agency")["rows"]] == ["c1", "c4"]
    assert provenance(view, "report")["carried"] == 0


def test_sources_that_came_through_one_carrier_are_one_line() -> None:
    lines = lineages(hand_view({}))
    assert independent(["tweet", "report"], lines) == [["tweet", "agency", "paper"], ["report"]]
    # The tweet and the statement are two statements, but one newspaper brought both.
    assert independent(["tweet", "statement"], lines) == [["tweet", "agency", "statement", "paper"]]
    view = hand_view({"c1": ["tweet"], "c2": ["tweet", "statement"], "c3": ["tweet", "report"]})
    result = exposure(view)
    assert [r["lines"] for r in result["rows"]] == [1, 1, 2]
    assert (result["claims"], result["exposed"]) == (3, 2)
    assert result["exposed_by_source"] == {"paper": 2}


def test_claims_only_the_parties_make_are_partisan() -> None:
    view = hand_view({"c1": ["tweet"], "c2": ["tweet", "paper"], "c3": ["tweet", "report"],
                      "c4": ["tweet", "statement"], "c5": ["paper"]})  # fmt: skip
    rows = {r["id"]: r for r in exposure(view)["rows"]}
    # The paper cited beside the tweet it carried is the tweet's carrier, not a second voice.
    assert rows["c2"]["originators"] == ["tweet"]
    assert {c: r["partisan"] for c, r in rows.items()} == {
        "c1": True, "c2": True, "c3": False, "c4": True, "c5": False
    }  # fmt: skip
    assert rows["c4"]["parties"] == ["A", "B"]  # by name
    assert exposure(view)["partisan"] == 3


def test_a_via_must_name_a_source_and_never_go_round(tmp_path: Path) -> None:
    path = tmp_path / "lineage.yaml"
    path.write_text(
        "dataset: lineage\n"
        "sources:\n"
        "  - {id: a, title: A, reliability: C, via: b}\n"
        "  - {id: b, title: B, reliability: C, via: a}\n"
        "  - {id: c, title: C, reliability: C, via: c}\n"
        "  - {id: d, title: D, reliability: C, via: papr}\n"
        "  - {id: e, title: E, reliability: C, via: 'not an id!'}\n"
    )
    with pytest.raises(DatasetError) as caught:
        validate_paths([path])
    found = {(p.line, p.field): p.message for p in caught.value.problems}
    assert found[(3, "via")] == "the carriers go round in a circle: a → b → a"
    assert found[(4, "via")] == "the carriers go round in a circle: b → a → b"
    assert found[(5, "via")] == "source 'c' cannot be carried by itself"
    assert found[(6, "via")].startswith("'papr' names no source of this dataset or of the database")
    assert (7, "via") in found  # not an id: the model's own check
    assert len(found) == 5


def test_a_party_is_an_actor_stored_by_id(tmp_path: Path) -> None:
    path = tmp_path / "party.yaml"
    path.write_text(
        "dataset: party\n"
        "sources:\n"
        "  - {id: a, title: A, reliability: C, party: The Movement}\n"
        "  - {id: b, title: B, reliability: C, party: Nobody Known}\n"
        "  - {id: c, title: C, reliability: C, party: Kabul}\n"
        "actors:\n"
        "  - {id: movement, name: Movement, kind: armed_group, aliases: [The Movement]}\n"
        "places:\n"
        "  - {id: kabul, name: Kabul, kind: city}\n"
    )
    with pytest.raises(DatasetError) as caught:
        validate_paths([path])
    found = {(p.line, p.field): p.message for p in caught.value.problems}
    assert set(found) == {(4, "party"), (5, "party")}
    assert "'Nobody Known'" in found[(4, "party")]
    path.write_text(path.read_text().replace("  - {id: b, title: B, reliability: C, party: "
                    "Nobody Known}\n  - {id: c, title: C, reliability: C, party: Kabul}\n", ""))  # fmt: skip
    [(source, _)] = validate_paths([path]).sources
    assert source.party == "movement"


PAPER = """\
dataset: papers
sources:
  - {id: paper, title: The Daily, reliability: B}
actors:
  - {id: x, name: X, kind: armed_group}
  - {id: y, name: Y, kind: armed_group}
  - {id: z, name: Z, kind: armed_group}
relations:
  - {from: X, term: fights, to: Y, claimant: X, sources: [paper], evidence: Said so.,
     credibility: 3, confidence: 0.5}
"""
QUOTES = """\
dataset: quotes
sources:
  - {id: quote, title: A spokesman as the Daily quotes him, reliability: D, via: paper}
  - {id: echo, title: A blog repeating the quote, reliability: E, via: quote, party: Z}
relations:
  - {from: Y, term: opposes, to: X, claimant: Y, sources: [echo], evidence: Quoted.,
     credibility: 4, confidence: 0.3}
"""


def test_lineage_crosses_datasets_survives_a_drop_and_an_export(db: Graph, tmp_path: Path) -> None:
    (tmp_path / "papers.yaml").write_text(PAPER)
    (tmp_path / "quotes.yaml").write_text(QUOTES)
    load(db, [tmp_path / "papers.yaml"])
    load(db, [tmp_path / "quotes.yaml"])  # its via names the other dataset's source
    result = provenance(select(db), "paper")
    assert result["claims"] == 2
    assert [r["through"] for r in result["rows"] if not r["direct"]] == [["echo → quote → paper"]]
    # An export of the quotes alone carries the sources its claim came through.
    from graph.subgraph import Filters

    [path] = write(select(db, Filters(datasets=["quotes"])), "json", tmp_path / "q.json")
    written = {s["id"]: s for s in json.loads(path.read_text())["sources"]}
    assert written["echo"]["via"] == "quote" and written["quote"]["via"] == "paper"
    assert "paper" in written
    # Dropping the papers keeps the source the quotes came through.
    report = drop(db, "papers")
    assert report.by_category["source"] == {"kept": 1}
    # X and Y are ends of the quotes' relation; Z no relation's, but the echo's party.
    assert report.by_category["actor"] == {"kept": 3}
    assert db.read("MATCH (n:Entity {id: 'z'}) RETURN n.dataset AS d") == [{"d": "papers"}]
    assert db.read("MATCH (s:Source {id: 'paper'}) RETURN s.dataset AS d") == [{"d": "papers"}]
    load(db, [tmp_path / "quotes.yaml"], recheck=True)  # still valid
    # A loop through the database is refused: the paper now says it came via the echo.
    (tmp_path / "papers.yaml").write_text(PAPER.replace("reliability: B}", "reliability: B, "
                                                        "via: echo}"))  # fmt: skip
    with pytest.raises(DatasetError, match="go round in a circle: paper → echo → quote → paper"):
        load(db, [tmp_path / "papers.yaml"])


def test_every_panjshir_claim_came_through_the_article(panjshir: Graph) -> None:
    relations = panjshir.read("MATCH ()-[r {dataset: 'panjshir'}]->() RETURN r.sources AS s")
    quoted_only = sum("src-article" not in r["s"] for r in relations)
    result = run_cli("analyze", "provenance", "--source", "src-article", "--format", "json")
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["claims"] == len(relations)
    assert found["carried"] == quoted_only > 0
    table = run_cli("analyze", "provenance", "--source", "src-article", "--limit", "3")
    assert table.returncode == 0, table.stderr
    assert table.stdout.splitlines()[0] == (
        f"{len(relations)} claims rest on src-article: {len(relations) - quoted_only} cite it, "
        f"{quoted_only} came through it."
    )
    assert "statement → src-article" in table.stdout
    tweeted = [r for r in found["rows"] if "src-nrf-tweet → src-article" in r["through"]]
    assert len(tweeted) == found["by_cited_source"]["src-nrf-tweet"] > 0
    assert f"… and {len(relations) - 3} more" in table.stdout
    # Every claim rests on the article; only those graded 1 also on the analyst's knowledge.
    # Those whose originators (the article only carried the quotes) are quotes are partisan.
    lines = json.loads(run_cli("analyze", "provenance", "--format", "json").stdout)
    alone = sum("src-analyst-background" not in r["s"] for r in relations)
    assert lines["exposed_by_source"] == {"src-article": alone} and alone < len(relations)
    quotes = {"src-nrf-tweet", "src-nazary-statement", "src-taliban-statement",
              "src-muttaqi-statement"}  # fmt: skip
    said = [set(r["s"]) - {"src-article"} for r in relations]
    assert lines["partisan"] == sum(bool(o) and o <= quotes for o in said) >= quoted_only
    # By title too; a typo is told what is close, without a traceback.
    title = "The Lions of Panjshir have started slaying Taliban's hyenas in the hundreds"
    by_title = run_cli("analyze", "provenance", "--source", title, "--format", "json")
    assert json.loads(by_title.stdout)["source"] == "src-article"
    typo = run_cli("analyze", "provenance", "--source", "src-artcle")
    assert typo.returncode == 2 and "Traceback" not in typo.stderr
    assert "No source 'src-artcle' in the database. Did you mean src-article" in typo.stderr


def test_the_bundled_file_says_which_sources_the_article_carried() -> None:
    dataset = validate_paths([PANJSHIR])
    via = {s.id: s.via for s, _ in dataset.sources}
    assert via["src-article"] is None
    assert {s for s, v in via.items() if v == "src-article"} == {
        "src-nrf-tweet", "src-nazary-statement", "src-taliban-statement", "src-muttaqi-statement"
    }  # fmt: skip
    party = {s.id: s.party for s, _ in dataset.sources}
    assert party == {"src-article": None, "src-nrf-tweet": "nrf", "src-nazary-statement": "nrf",
                     "src-taliban-statement": "taliban", "src-muttaqi-statement": "taliban",
                     "src-analyst-background": None}  # fmt: skip


CONFIRMED = """\
dataset: confirmed
sources:
  - {id: paper, title: The Daily, reliability: B}
  - {id: quote, title: A statement the Daily printed, reliability: C, via: paper}
  - {id: mine, title: What I know, reliability: B, kind: background, note: "Gazetteer, 2026."}
  - {id: bare, title: What I know too, reliability: B, kind: background}
actors:
  - {id: x, name: X, kind: armed_group}
  - {id: y, name: Y, kind: armed_group}
defaults: {claimant: x, evidence: e, confidence: 0.9}
relations:
  - {from: X, term: attacks, to: Y, credibility: 1, sources: [quote]}
  - {from: X, term: opposes, to: Y, credibility: 1, sources: [quote, paper]}
  - {from: Y, term: attacks, to: X, credibility: 1, sources: [quote, mine]}
  - {from: Y, term: opposes, to: X, credibility: 2, sources: [paper]}
"""


def test_credibility_one_needs_two_independent_lines(tmp_path: Path) -> None:
    path = tmp_path / "confirmed.yaml"
    path.write_text(CONFIRMED)
    with pytest.raises(DatasetError) as caught:
        validate_paths([path])
    found = {(p.line, p.field): p.message for p in caught.value.problems}
    assert set(found) == {(6, "note"), (12, "credibility"), (13, "credibility")}
    assert found[(12, "credibility")].startswith(
        "credibility 1 (confirmed by other sources) needs two independent sources; this claim "
        "rests on one: quote → paper."
    )
    assert "background source says in its note" in found[(6, "note")]
    # The quote and the analyst's own knowledge are two lines; so is a second document.
    path.write_text(CONFIRMED.replace("  - {id: bare, title: What I know too, reliability: B, "
                                      "kind: background}\n", "")
                    .replace("sources: [quote]}", "sources: [quote, mine]}")
                    .replace("sources: [quote, paper]}", "sources: [paper, mine]}"))  # fmt: skip
    assert len(validate_paths([path]).relations) == 4


WIRES = """\
dataset: wires
sources:
  - {id: wire, title: The wire, reliability: B}
  - {id: article, title: An article on the wire, reliability: C, via: wire}
  - {id: spokesman, title: A spokesman, reliability: D, party: Side}
actors:
  - {id: side, name: Side, kind: armed_group}
"""
ECHOES = """\
dataset: echoes
sources:
  - {id: post, title: A post quoting the article, reliability: E, via: article}
actors:
  - {id: p, name: P, kind: armed_group}
  - {id: q, name: Q, kind: armed_group}
relations:
  - {from: P, term: opposes, to: Q, claimant: P, sources: [post, spokesman], evidence: e,
     credibility: 4, confidence: 0.3}
"""


def test_a_drop_keeps_every_carrier_and_party_what_stays_needs(db: Graph, tmp_path: Path) -> None:
    (tmp_path / "wires.yaml").write_text(WIRES)
    (tmp_path / "echoes.yaml").write_text(ECHOES)
    load(db, [tmp_path / "wires.yaml"])
    load(db, [tmp_path / "echoes.yaml"])
    report = drop(db, "wires")
    # The article carried the post, the wire the article (depth 2); the spokesman is cited,
    # and Side, whom he speaks for, stays with him.
    assert report.by_category["source"] == {"kept": 3}
    assert report.by_category["actor"] == {"kept": 1}
    from graph.subgraph import Filters

    [path] = write(select(db, Filters(datasets=["echoes"])), "json", tmp_path / "e.json")
    db.write("MATCH (n) DETACH DELETE n")
    from graph.lock import ensure_schema

    ensure_schema(db)
    load(db, [path], dataset="echoes-again")  # carriers and party travel with the export
    assert provenance(select(db), "wire")["carried"] == 1


def test_a_long_chain_of_carriers_is_walked_once() -> None:
    """5,000 carriers deep (the grouping once compared every pair of a line's sources)."""
    sources = {f"s{i}": {"via": f"s{i + 1}"} for i in range(5000)}
    edges = [{"id": f"e{i}", "start": "a", "end": "b", "term": "supports",
              "sources": ["s0", f"s{i * 50}"]} for i in range(100)]  # fmt: skip
    view = View(
        nodes=[{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
        edges=edges,
        sources={s: {"id": s, "props": {"id": s, **p}} for s, p in sources.items()},
    )
    result = exposure(view)
    assert result["exposed"] == 100
    assert result["rows"][0]["line_sources"][0][0] == "s0"
    assert result["rows"][0]["line_sources"][0][-1] == "s5000"


def test_the_sources_query_counts_what_came_through_at_any_depth(db: Graph, tmp_path: Path) -> None:
    from graph.query import rows, run_named

    (tmp_path / "wires.yaml").write_text(WIRES)
    (tmp_path / "echoes.yaml").write_text(ECHOES)
    load(db, [tmp_path / "wires.yaml"])
    load(db, [tmp_path / "echoes.yaml"])  # cites the post, carried by the article, by the wire
    found = {r["source"]: (r["claims"], r["cited"]) for r in rows(run_named(db, "sources", {}))}
    assert found == {"wire": (1, 0), "article": (1, 0), "post": (1, 1), "spokesman": (1, 1)}
    stored = db.read("MATCH ()-[r]->() RETURN r.rests_on AS rests")
    assert stored == [{"rests": ["post", "spokesman", "article", "wire"]}]
