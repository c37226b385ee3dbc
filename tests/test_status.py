"""How a claim is held (`status`): speculation, forecasts and denials are kept and drawn, but
analyses of what holds (balance, centrality, path, brokers) leave them out unless asked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph import Graph
from graph.analyze import balance, centrality
from graph.analyze.status import held, left_out
from graph.errors import DatasetError, QueryError
from graph.loader import load
from graph.query import rows, run_named
from graph.views import Filters, View, select, write_html

from .conftest import run_cli
from .test_render import hover, node_position

HELD = """\
dataset: held
defaults: {claimant: a, sources: [s], evidence: Said., credibility: 3, confidence: 0.5}
sources:
  - {id: s, title: S, reliability: C}
actors:
  - {id: a, name: A, kind: armed_group}
  - {id: b, name: B, kind: armed_group}
  - {id: c, name: C, kind: armed_group}
relations:
  - {from: A, term: fights, to: B}
  - {from: B, term: fights, to: C, status: Asserted}
  - {from: A, term: supports, to: C, status: speculated}
  - {from: C, term: supports, to: B, status: forecast}
  - {from: A, term: supports, to: B, status: denied}
"""


def hand_view() -> View:
    statuses = [None, "asserted", "speculated", "forecast", "denied"]
    edges = [{"id": f"e{i}", "start": "a", "end": "b", "sign": 1, "term": "supports",
              "status": s} for i, s in enumerate(statuses)]  # fmt: skip
    return View(nodes=[{"id": "a", "name": "A"}, {"id": "b", "name": "B"}], edges=edges)


def test_only_claims_held_as_fact_count_unless_a_status_is_named() -> None:
    view = hand_view()
    assert [e["id"] for e in held(view).edges] == ["e0", "e1"]
    assert [e["id"] for e in held(view, ["Forecast"]).edges] == ["e0", "e1", "e3"]
    assert left_out(view) == {"speculated": 1, "forecast": 1, "denied": 1}
    assert left_out(view, ["denied", "speculated"]) == {"forecast": 1}
    with pytest.raises(QueryError, match="Unknown status 'rumoured'; statuses: reported, "):
        held(view, ["rumoured"])


def test_a_status_is_one_of_six_and_may_be_a_dataset_default(tmp_path: Path) -> None:
    from graph.validate import validate_paths

    path = tmp_path / "held.yaml"
    path.write_text(HELD)
    dataset = validate_paths([path])
    assert [r.record.status for r in dataset.relations] == [
        None, "asserted", "speculated", "forecast", "denied"
    ]  # fmt: skip
    path.write_text(HELD.replace("status: denied", "status: rumoured"))
    with pytest.raises(DatasetError) as caught:
        validate_paths([path])
    [problem] = caught.value.problems
    assert (problem.line, problem.field) == (14, "status")
    assert "rumoured" in problem.message and "speculated" in problem.message, problem.message
    path.write_text(HELD.replace("confidence: 0.5}", "confidence: 0.5, status: forecast}"))
    assert {r.record.status for r in validate_paths([path]).relations} == {
        "forecast", "asserted", "speculated", "denied"
    }  # fmt: skip


def test_analyses_leave_out_what_is_not_held_as_fact(db: Graph, tmp_path: Path) -> None:
    (tmp_path / "held.yaml").write_text(HELD)
    load(db, [tmp_path / "held.yaml"])
    view = select(db)
    assert balance(view).ties == 2  # A–B fights, B–C fights
    assert balance(view, include_status=["speculated"]).ties == 3  # A–C supports
    # B–C: fights (−0.5) and the forecast support (+0.5) cancel out
    assert balance(view, include_status=["speculated", "forecast"]).cancelled == [("b", "c")]
    scores = {r["id"]: r["betweenness"] for r in centrality(view)}
    assert scores == {"a": 0.0, "b": 1.0, "c": 0.0}
    scores = {r["id"]: r["betweenness"] for r in centrality(view, ["speculated"])}
    assert scores == {"a": 0.0, "b": 0.0, "c": 0.0}  # A–C now direct
    # The named queries walk the same claims.
    path = rows(run_named(db, "path", {"from": "A", "to": "C"}))
    assert [r["hops"] for r in path] == [2]
    path = rows(run_named(db, "path", {"from": "A", "to": "C", "include_status": "speculated"}))
    assert [r["terms"] for r in path] == [["supports"]]
    brokers = rows(run_named(db, "brokers", {}))
    assert [(r["id"], r["betweenness"]) for r in brokers] == [("b", 1.0)]
    assert rows(run_named(db, "brokers", {"include_status": "speculated"})) == []
    # The CLI says what it left out, and counts it when asked.
    said = run_cli("analyze", "balance")
    assert said.returncode == 0, said.stderr
    assert said.stdout.splitlines()[0] == (
        "Left out: 1 denied, 1 forecast, 1 speculated claims (--include-status STATUS counts them)."
    )
    counted = run_cli("analyze", "balance", "--include-status", "speculated", "-o", "json")
    assert json.loads(counted.stdout)["ties"] == 3
    wrong = run_cli("analyze", "centrality", "--include-status", "rumoured")
    assert wrong.returncode == 2 and "Traceback" not in wrong.stderr
    assert "Unknown status 'rumoured'" in wrong.stderr


def test_the_page_draws_tentative_claims_dotted_and_says_how_they_are_held(
    db: Graph, tmp_path: Path, open_page
) -> None:
    from graph.views.items import vis_edges

    (tmp_path / "held.yaml").write_text(HELD)
    load(db, [tmp_path / "held.yaml"])
    view = select(db)
    drawn = {e["label"]: e["dashes"] for e in vis_edges(view)}
    assert drawn["supports (speculated)"] == [2, 6] and drawn["fights"] is False
    speculation = select(db, Filters(relations=["supports"], around="C"))
    opened = open_page(write_html(speculation, tmp_path / "held.html"))
    (x1, y1), (x2, y2) = node_position(opened, "a"), node_position(opened, "c")
    text = hover(opened, (x1 + x2) / 2, (y1 + y2) / 2)
    assert "A supports C" in text and "held as" in text and "speculated" in text
    legend = opened.page.inner_text("#legend")
    assert "only speculated, forecast or denied" in legend


def test_statuses_in_query_parameters_are_checked_like_the_options(panjshir: Graph) -> None:
    ends = {"from": "Ahmed Masood", "to": "Russia", "types": "leads,supports"}
    assert [r["hops"] for r in rows(run_named(panjshir, "path", ends))] == [3, 3]
    mixed = rows(run_named(panjshir, "path", ends | {"include_status": "Speculated, denied"}))
    assert [r["hops"] for r in mixed] == [2]
    wrong = run_cli("query", "-n", "path", "-p", "from=NRF", "-p", "to=Russia",
                    "-p", "include_status=bogus")  # fmt: skip
    assert wrong.returncode == 2 and "unknown status 'bogus'" in wrong.stderr
    both = run_cli("analyze", "balance", "--include-status", "speculated,denied", "-o", "json")
    assert both.returncode == 0 and json.loads(both.stdout)["ties"] == 27
