"""Whose story: --claimant / --exclude-claimant choose relations by who claims them in views,
analyses, exports and named queries, and `analyze compare` sets two claimants side by side."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph import Graph
from graph.analyze.compare import compare
from graph.errors import QueryError
from graph.query import rows, run_named
from graph.subgraph import View
from graph.views import Filters, select
from graph.views.items import style

from .conftest import run_cli


def test_claimant_filters_choose_by_who_claims(panjshir: Graph, tmp_path: Path) -> None:
    every = select(panjshir).edges
    nrf = select(panjshir, Filters(claimants=["NRF"])).edges  # an alias
    assert nrf and {e["claimant"] for e in nrf} == {"nrf"}
    assert len(nrf) == sum(e["claimant"] == "nrf" for e in every)
    rest = select(panjshir, Filters(exclude_claimants=["nrf", "Taliban"])).edges
    assert len(rest) == sum(e["claimant"] not in ("nrf", "taliban") for e in every)
    with pytest.raises(QueryError, match=r"Filters\.claimants: no actor is called 'Nob"):
        select(panjshir, Filters(claimants=["Nobody"]))
    # Named queries take them as parameters, names resolved.
    backers = rows(run_named(panjshir, "supporters-of", {"actor": "NRF"}))
    by_author = rows(run_named(panjshir, "supporters-of",
                               {"actor": "NRF", "claimants": "article-author"}))  # fmt: skip
    assert 0 < len(by_author) <= len(backers)
    assert {r["claimant"] for r in by_author} == {"article-author"}
    none = run_cli("query", "-n", "supporters-of", "-p", "actor=NRF", "--exclude-claimant",
                   "article-author", "-o", "json")  # fmt: skip
    assert none.returncode == 0, none.stderr
    assert len(json.loads(none.stdout)["rows"]) == len(backers) - len(by_author)
    # Views, exports and analyses honour them; the page says so.
    out = tmp_path / "taliban.html"
    drawn = run_cli("render", "--claimant", "Taliban", "--out", str(out), "--events", "--places")
    assert drawn.returncode == 0, drawn.stderr
    taliban = sum(e["claimant"] == "taliban" for e in every)
    assert f"{taliban} relations" in drawn.stdout and "claimed by: Taliban" in out.read_text()
    exported = run_cli("export", "--format", "json", "--claimant", "nrf", "--out",
                       str(tmp_path / "nrf.json"))  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    written = json.loads((tmp_path / "nrf.json").read_text())["relations"]
    assert {r["claimant"] for r in written} == {"nrf"} and len(written) == len(nrf)
    blocs = run_cli("analyze", "balance", "--claimant", "nrf", "-o", "json")
    assert json.loads(blocs.stdout)["ties"] == 2
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "count.cypher").write_text("// Count.\nMATCH ()-[r]->() RETURN count(r) AS n\n")
    refused = run_cli("query", "--queries-dir", str(mine), "-n", "count", "--claimant", "nrf")
    assert refused.returncode == 2 and "does not choose relations by claimant" in refused.stderr
    adhoc = run_cli("query", "MATCH (n) RETURN count(n)", "--claimant", "nrf")
    assert adhoc.returncode == 2 and "test r.dataset and r.claimant" in adhoc.stderr


def test_compare_sorts_ties_into_only_one_both_and_disagreements() -> None:
    def edge(a: str, b: str, sign: int, who: str, term: str = "t") -> dict:
        return {
            "start": a,
            "end": b,
            "sign": sign,
            "claimant": who,
            "term": term,
            "confidence": 0.5,
        }

    nodes = [{"id": n, "name": n.upper(), "category": "actor"} for n in "xyzw"]
    view = View(nodes=nodes, edges=[
        edge("x", "y", 1, "p", "supports"), edge("y", "x", -1, "q", "fights"),  # disagree
        edge("x", "z", -1, "p"), edge("z", "x", -1, "q", "attacks"),  # both, either direction
        edge("y", "z", -1, "p"),  # only p
        edge("z", "w", 0, "q"),  # only q
        edge("x", "w", 1, "r"),  # neither
        edge("y", "w", -1, "q", "attacks"),
    ])  # fmt: skip
    result = compare(view, "p", "q")
    assert [r["pair"] for r in result["only_first"]] == ["X — Y", "Y — Z"]
    assert [(r["pair"], r["sign"]) for r in result["only_second"]] == [
        ("W — Y", "−"), ("W — Z", "0"), ("X — Y", "−")
    ]  # fmt: skip
    assert [(r["pair"], r["sign"]) for r in result["both"]] == [("X — Z", "−")]
    assert [(r["terms"], r["first_terms"], r["second_terms"]) for r in result["both"]] == [
        ("attacks, t", "t", "attacks")
    ]  # each one's terms, and both together
    assert result["disagree"] == [
        {"pair": "X — Y", "ends": ["x", "y"], "first": "+", "second": "−"}
    ]
    assert [r["ends"] for r in result["only_first"]] == [["x", "y"], ["y", "z"]]
    assert result["blocs"]["p"] == [[["X", "Y"], ["Z"]]] or result["blocs"]["p"] == [
        [["Z"], ["X", "Y"]]
    ]


def test_a_neutral_tie_beside_a_side_taken_is_still_a_disagreement() -> None:
    def edge(a: str, b: str, sign: int, who: str) -> dict:
        return {"start": a, "end": b, "sign": sign, "claimant": who, "term": "t"}

    nodes = [{"id": n, "name": n.upper(), "category": "actor"} for n in "xyz"]
    view = View(nodes=nodes, edges=[
        # allies who also talk, says p; they fight, says q
        edge("x", "y", 1, "p"), edge("x", "y", 0, "p"), edge("y", "x", -1, "q"),
        # both say x and z talk, and p says allies too: q takes no side, no disagreement
        edge("x", "z", 0, "p"), edge("x", "z", 1, "p"), edge("z", "x", 0, "q"),
        # both sides taken by q (allies once, enemies later): not one side against the other
        edge("y", "z", -1, "p"), edge("y", "z", 1, "q"), edge("y", "z", -1, "q"),
    ])  # fmt: skip
    assert compare(view, "p", "q")["disagree"] == [
        {"pair": "X — Y", "ends": ["x", "y"], "first": "+ 0", "second": "−"}
    ]


def test_compare_runs_on_the_bundled_data(panjshir: Graph) -> None:
    said = run_cli("analyze", "compare", "--claimant", "nrf", "--claimant", "taliban")
    assert said.returncode == 0, said.stderr
    lines = said.stdout.splitlines()
    assert lines[0].startswith("only nrf claims (")
    both = lines[lines.index(next(x for x in lines if x.startswith("both claim"))) + 1]
    assert both.split() == ["pair", "┃", "sign", "┃", "nrf", "┃", "taliban"]
    assert (
        "taliban's blocs, component 1: National Resistance Front of Afghanistan against Taliban"
        in lines
    )
    found = json.loads(run_cli("analyze", "compare", "--claimant", "NRF", "--claimant",
                               "article-author", "-o", "json").stdout)  # fmt: skip
    assert found["disagree"] == []
    table = run_cli("analyze", "compare", "--claimant", "nrf", "--claimant", "article-author")
    lines = table.stdout.splitlines()
    after = lines[lines.index("they disagree on (0)") + 1]  # its count, and no bare header
    assert after.startswith("nrf's blocs"), after
    assert found["first"] == "nrf" and found["second"] == "article-author"
    assert {r["pair"] for r in found["both"]} >= {
        "National Resistance Front of Afghanistan — Taliban"
    }
    once = run_cli("analyze", "compare", "--claimant", "nrf")
    assert once.returncode == 2 and "Give --claimant twice" in once.stderr


def test_compare_refuses_one_actor_twice_and_markup_in_names_is_text(panjshir: Graph) -> None:
    twice = run_cli("analyze", "compare", "--claimant", "nrf", "--claimant", "NRF")
    assert twice.returncode == 2 and "give two different claimants" in twice.stderr
    marked = run_cli("analyze", "compare", "--claimant", "nrf[/]", "--claimant", "taliban")
    assert marked.returncode == 0, marked.stderr
    assert "nrf[/]" in marked.stdout  # a column named as typed, shown as text
    column = run_cli("query", "RETURN 1 AS `[/]`")
    assert column.returncode == 0 and "[/]" in column.stdout


def test_compare_draws_whose_ties_each_claim_is(panjshir: Graph, tmp_path: Path, open_page) -> None:
    out = tmp_path / "whose.html"
    said = run_cli("analyze", "compare", "--claimant", "nrf", "--claimant", "taliban",
                   "--render", str(out), "-o", "json")  # fmt: skip
    assert said.returncode == 0, said.stderr
    assert json.loads(said.stdout)["first"] == "nrf"  # the page's line goes to stderr
    assert f"Wrote {out}" in said.stderr
    opened = open_page(out)
    assert opened.errors == []
    spec = style()["compare"]
    drawn = opened.page.evaluate(
        "() => window.actorgraph.edges.get().map(e => [e.info.claimant, e.info.from, e.info.to,"
        " e.color.color || e.color])"
    )
    claimants = {claimant for claimant, *_ in drawn}
    assert claimants == {"nrf", "taliban"}  # only the two claimants' claims
    colours = {(claimant, a, b): colour for claimant, a, b, colour in drawn}
    # Both say the NRF and the Taliban are hostile; only the NRF names Munib Amiri a member.
    assert colours[("taliban", "nrf", "taliban")] == spec["both"]["color"]
    assert colours[("nrf", "munib-amiri", "nrf")] == spec["first"]["color"]
    assert colours[("taliban", "nrf", "undeclared-ceasefire")] == spec["second"]["color"]
    title = opened.page.locator("#title").inner_text()
    assert title.startswith("Whose story: only nrf (blue), only taliban (orange)")
    legend = opened.page.locator("#legend").inner_text()
    assert "only nrf claims" in legend and "only taliban claims" in legend
    assert "cooperative" not in legend  # the colours say whose, not which sign
