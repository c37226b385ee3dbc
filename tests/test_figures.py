"""Numbers claims give (graph.figures): written, checked, stored flat and summable, compared in
claims-disputed and on the page, and carried whole through exports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph import Graph
from graph import query as q
from graph.errors import DatasetError
from graph.figures import disagree, disputes, text
from graph.loader import load
from graph.validate import validate_paths
from graph.views import Filters, select, write_html

from .conftest import run_cli
from .test_render import hover, node_position


def named(graph: Graph, name: str, **params) -> list[dict]:  # type: ignore[no-untyped-def]
    return q.rows(q.run_named(graph, name, params))


HEAD = """dataset: figures
sources:
  - {id: s1, title: One, reliability: C}
actors:
  - {id: a, name: Alpha, kind: armed_group}
  - {id: b, name: Beta, kind: armed_group}
  - {id: c, name: Gamma, kind: armed_group}
events:
  - {id: e1, name: First battle, kind: battle}
  - {id: e2, name: Second battle, kind: battle}
relations:
"""


def relation(claimant: str, quantities: str, extra: str = "", ends: str = "Alpha|Beta") -> str:
    start, end = ends.split("|")
    return (f"  - {{from: {start}, term: fights, to: {end}, claimant: {claimant}, sources: [s1], "
            f"credibility: 3, confidence: 0.5, evidence: x, quantities: {quantities}{extra}}}\n")  # fmt: skip


def write(tmp_path: Path, *relations: str) -> Path:
    path = tmp_path / "figures.yaml"
    path.write_text(HEAD + "".join(relations))
    return path


def test_figures_text_and_disagreement_rule() -> None:
    assert text({"best": 350}) == "350"
    assert text({"low": 24, "high": 99, "said": "dozens"}) == '24–99 ("dozens")'
    assert text({"low": 41}) == "41 or more"
    assert text({"high": 100}) == "up to 100"
    assert text({"low": 300, "best": 350, "high": 400}) == "350 (300–400)"
    assert disagree({"low": 24, "high": 99}, {"best": 350})  # ranges do not meet
    assert not disagree({"low": 200, "high": 999}, {"best": 350})
    assert disagree({"best": 300, "high": 400}, {"best": 320})  # two best estimates differ
    assert not disagree({"low": 41}, {"best": 350})  # "more than 40" is open above
    assert disagree({"high": 10}, {"low": 41})


def test_bad_figures_name_the_file_line_and_field(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        relation("a", "{kiled: 3}"),
        relation("a", "{wounded: {low: 5, best: 2}}", ", since: 2020"),
        relation("a", "{fighters: {}}", ", since: 2021"),
        relation("a", "{killed: {best: -1}}", ", since: 2022"),
        relation("a", "{killed: {best: 3, of: Gamma}}", ", since: 2023"),
    )
    with pytest.raises(DatasetError) as raised:
        validate_paths([path])
    found = {(p.line, p.field, p.message) for p in raised.value.problems}
    assert (12, "quantities", "'kiled' is not allowed: write 'killed', 'wounded', 'casualties', "
            "'captured', 'fighters' or 'displaced'") in found  # fmt: skip
    assert (13, "quantities", "wounded: a figure's numbers run low ≤ best ≤ high") in found
    assert (14, "quantities", "fighters: a figure gives at least one of low, best, high") in found
    assert any(line == 15 and "killed.best" in message for line, _, message in found)
    assert any(line == 16 and "'Gamma' is neither end of the relation" in m for line, _, m in found)
    # The CLI says the same, exits 2 and writes nothing.
    result = run_cli("validate", str(path))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{path}:16: quantities: killed.of:" in result.stderr


def test_figures_are_stored_flat_summable_and_disputes_listed(db: Graph, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        relation("a", "{killed: {low: 24, high: 99, of: Beta, said: dozens}, captured: 40}"),
        relation("b", "{casualties: {best: 350, of: Beta}}", ", event: e1"),
        relation("c", "{killed: {best: 60, of: Beta}}", ", event: e2"),
        relation("a", "{killed: {best: 5, of: Beta}}", ", event: e1", ends="Gamma|Beta"),
    )
    load(db, [path])
    stored = db.read(
        "MATCH ()-[r {claimant: 'a'}]->() WHERE r.captured_best IS NOT NULL "
        "RETURN r.quantities AS q, r.killed_low AS low, r.killed_high AS high, "
        "r.killed_of AS of, r.killed_said AS said, r.captured_best AS captured"
    )
    assert stored == [{"q": ["killed", "captured"], "low": 24, "high": 99, "of": "b",
                       "said": "dozens", "captured": 40}]  # fmt: skip
    total = db.read("MATCH ()-[r]->() RETURN sum(r.killed_best) AS killed")
    assert total == [{"killed": 65}]
    rows = named(db, "claims-disputed")
    # dozens (no event) against 350 casualties at e1; against 60 at e2 they agree; e1 and e2
    # are different events; Gamma's figure is about another pair.
    (row,) = rows
    assert {row["claimant"], row["counter_claimant"]} == {"a", "b"}
    assert {row["claim"], row["counter_claim"]} == {
        'Alpha fights Beta: killed of Beta 24–99 ("dozens")',
        "Alpha fights Beta: casualties of Beta 350",
    }
    assert named(db, "claims-disputed", exclude_claimants=["Beta"]) == []


def test_figures_survive_json_and_csv_exports(db: Graph, tmp_path: Path) -> None:
    path = write(tmp_path, relation("a", '{killed: {low: 24, high: 99, of: Beta, said: "a; b"}}'))
    load(db, [path])
    result = run_cli("export", "--format", "json", "--out", str(tmp_path / "out.json"))
    assert result.returncode == 0, result.stderr
    exported = json.loads((tmp_path / "out.json").read_text())
    (claim,) = exported["relations"]
    assert claim["quantities"] == {"killed": {"low": 24, "high": 99, "of": "b", "said": "a; b"}}
    result = run_cli("export", "--format", "csv", "--out", str(tmp_path / "csv"))
    assert result.returncode == 0, result.stderr
    before = db.read("MATCH ()-[r]->() RETURN properties(r) AS p")
    for again in (tmp_path / "out.json", tmp_path / "csv"):
        db.write("MATCH (n) DETACH DELETE n")
        load(db, [again], dataset="figures")
        after = db.read("MATCH ()-[r]->() RETURN properties(r) AS p")
        wanted = {k: v for k, v in before[0]["p"].items() if k.startswith("killed")}
        assert {k: v for k, v in after[0]["p"].items() if k.startswith("killed")} == wanted


def test_bundled_data_shows_the_three_casualty_figures(panjshir: Graph) -> None:
    claims = [(r["claim"], r["counter_claim"]) for r in named(panjshir, "claims-disputed")]
    shown = " ".join(f"{a} | {b}" for a, b in claims)
    for words in ('("dozens")', '("in the hundreds")', '350 ("Taliban has 350 casualties")'):
        assert words in shown


def test_the_page_shows_figures_and_who_disputes_them(db: Graph, tmp_path: Path, open_page) -> None:
    path = write(
        tmp_path,
        relation("a", "{killed: {low: 24, high: 99, of: Beta, said: dozens}}"),
        relation("b", "{killed: {best: 350, of: Beta}}", ", event: e1"),
    )
    load(db, [path])
    view = select(db, Filters())
    edges = sorted(view.edges, key=lambda e: e["id"])
    assert set(disputes(edges)) == {(e["id"], "figures", "killed") for e in edges}
    opened = open_page(write_html(view, tmp_path / "f.html"))
    (x1, y1), (x2, y2) = node_position(opened, "a"), node_position(opened, "b")
    # Both claims are one hostile tie: its tooltip lists each figure and who disputes it.
    tip = hover(opened, (x1 + x2) / 2, (y1 + y2) / 2)
    assert "2 claims, hostile" in tip and "1 event, 350 killed (1 claim's best estimate)" in tip
    assert 'killed of Beta 24–99 ("dozens")' in tip and "killed of Beta 350" in tip
    assert "disputed bykilled 350, by Beta" in tip.replace("\n", "")
    assert 'disputed bykilled 24–99 ("dozens"), by Alpha' in tip.replace("\n", "")
    assert opened.errors == []


def test_feeds_give_their_deaths_as_the_figure_of_the_relation_each_event_asserts(
    db: Graph,
) -> None:
    from graph.loader import import_ucdp_ged

    from .test_ucdp import SAMPLE

    import_ucdp_ged(db, SAMPLE, dataset="ged")
    figures = db.read(
        "MATCH ()-[r {dataset: 'ged'}]->(:Actor) WHERE r.event IS NOT NULL "
        "RETURN r.event AS event, r.quantities AS q, r.killed_low AS low, r.killed_best AS best, "
        "r.killed_high AS high, r.claimant AS by ORDER BY event"
    )
    assert [tuple(f.values()) for f in figures] == [
        ("ucdp-ged-500001", ["killed"], 10, 12, 15, "ucdp"),
        ("ucdp-ged-500002", ["killed"], 3, 3, 3, "ucdp"),
        ("ucdp-ged-500003", ["killed"], 5, 5, 7, "ucdp"),
    ]
    # The events keep their own fields: both sums agree.
    summed = db.read(
        "MATCH (e:Event {dataset: 'ged'}) WITH sum(e.fatalities) AS events "
        "MATCH ()-[r {dataset: 'ged'}]->() RETURN events, sum(r.killed_best) AS relations"
    )
    assert summed == [{"events": 20, "relations": 20}]


def test_a_feeds_lone_zero_is_no_figure_but_an_estimate_of_zero_is() -> None:
    from graph.parse.feeds import deaths

    assert deaths({"fatalities": "0"}) == {}  # ACLED: no fatalities reported
    assert deaths({"fatalities": "12.0"}) == {"quantities": {"killed": {"best": 12}}}
    ucdp = {"fatalities_low": "0", "fatalities": "0", "fatalities_high": "2"}
    assert deaths(ucdp) == {"quantities": {"killed": {"low": 0, "best": 0, "high": 2}}}
    assert deaths({"fatalities": "3", "fatalities_low": "5"}) == {}  # out of order: the event's


def test_hostile_figures_are_problems_not_crashes(tmp_path: Path) -> None:
    deep = "[" * 5000 + "]" * 5000
    (tmp_path / "sources.csv").write_text("id,title,reliability\ns1,One,C\n")
    (tmp_path / "actors.csv").write_text("id,name,kind\na,Alpha,armed_group\nb,Beta,armed_group\n")
    rows = [deep, '{"killed": 1, "killed": 2}', '{"killed": {"best": true}}',
            '{"killed": {"best": "12"}}', '{"killed": 2.0}', "not json", "null"]  # fmt: skip
    with open(tmp_path / "relations.csv", "w") as out:
        out.write(
            "from,term,to,claimant,sources,evidence,credibility,confidence,since,quantities\n"
        )
        for year, cell in enumerate(rows, start=2000):
            out.write(f'a,fights,b,a,s1,x,3,0.5,{year},"{cell.replace(chr(34), chr(34) * 2)}"\n')
    result = run_cli("validate", str(tmp_path))
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    said = result.stderr
    assert "relations.csv:2: quantities: nested deeper than any figure" in said
    assert "relations.csv:3: quantities: the key 'killed' is given twice" in said
    assert "relations.csv:4: quantities: killed.best: Input should be a valid integer" in said
    assert "relations.csv:5: quantities: killed.best: Input should be a valid integer" in said
    assert "relations.csv:6: quantities: killed: a figure is a whole number" in said
    assert "relations.csv:7: quantities: write the figures as a mapping" in said
    assert "relations.csv:8" not in said  # null: no figures
    (tmp_path / "y").mkdir()
    part = write(tmp_path / "y", relation("a", "{killed: {best: 5, estimate: 7}}"))
    wrong = run_cli("validate", str(part))
    assert "killed.estimate: unknown part; a figure takes low, best, high, of, said" in wrong.stderr


def test_two_datasets_sharing_a_claim_id_draw_and_dispute(
    db: Graph, tmp_path: Path, open_page
) -> None:
    for name, best in (("da", 10), ("db", 500)):
        folder = tmp_path / name
        folder.mkdir()
        text = HEAD.replace("dataset: figures", f"dataset: {name}") + relation(
            "a", f"{{wounded: {{best: {best}, of: Beta}}}}", ", id: clash"
        )
        (folder / "d.yaml").write_text(text)
        load(db, [folder / "d.yaml"])
    rows = named(db, "claims-disputed")
    assert [(r["claim_id"], r["counter_claim_id"]) for r in rows] == [("clash", "clash")]
    view = select(db, Filters())
    opened = open_page(write_html(view, tmp_path / "both.html"))
    assert opened.errors == []
    shown = opened.page.evaluate("() => window.actorgraph.edges.get().map(e => e.info.figures)")
    assert sorted(f[0]["disputed"][0] for f in shown) == [
        "wounded 10, by Alpha", "wounded 500, by Alpha"]  # fmt: skip


def test_a_figure_naming_no_event_meets_every_event_whatever_the_ids(
    db: Graph, tmp_path: Path
) -> None:
    many = [relation("b", f"{{killed: {{best: {n}, of: Beta}}}}", f", event: e{n}, id: at-{n:03}")
            for n in (1, 2)]  # fmt: skip
    path = write(
        tmp_path, relation("a", "{killed: {best: 500, of: Beta}}", ", id: zz-loose"), *many
    )
    load(db, [path])
    rows = named(db, "claims-disputed")
    # the loose figure against each event's (the events' own figures differ, but at two events)
    assert [(r["claim_id"], r["counter_claim_id"]) for r in rows] == [
        ("at-001", "zz-loose"), ("at-002", "zz-loose")]  # fmt: skip
    edges = select(db, Filters()).edges
    found = disputes(edges)
    assert len(found[("zz-loose", "figures", "killed")]) == 2
    assert len(found[("at-001", "figures", "killed")]) == 1
