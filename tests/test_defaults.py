"""A signed edge list needs its claimant, sources and grades only once: dataset `defaults:`."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph import Graph
from graph.errors import DatasetError
from graph.loader import check, load

from .conftest import run_cli

DEFAULTS = """\
dataset: signed-edges
defaults:
  claimant: analyst
  sources: [notes]
  evidence: From the analyst's signed edge list of 2021-09.
  credibility: 3
  confidence: 0.5
sources:
  - {id: notes, title: Analyst's notes, reliability: C}
actors:
  - {id: analyst, name: The analyst, kind: person}
  - {id: a, name: Alpha, kind: armed_group}
  - {id: b, name: Bravo, kind: armed_group}
  - {id: c, name: Charlie, kind: state}
"""
EDGES = "from,term,to,confidence\nAlpha,supports,Bravo,\nBravo,fights,Charlie,0.9\nAlpha,opposes,Charlie,\n"


def edge_list(folder: Path, defaults: str = DEFAULTS) -> Path:
    folder.mkdir()
    (folder / "dataset.yaml").write_text(defaults)
    (folder / "relations.csv").write_text(EDGES)
    return folder


def test_a_signed_edge_list_with_defaults_loads_and_its_relations_carry_them(
    db: Graph, tmp_path: Path
) -> None:
    folder = edge_list(tmp_path / "edges")
    checked = check(None, [folder])
    assert checked.defaulted == {
        "claimant": 3, "sources": 3, "evidence": 3, "credibility": 3, "confidence": 2,
    }  # fmt: skip
    shown = run_cli("validate", str(folder))
    assert shown.returncode == 0
    assert "3 relations took claimant, credibility, evidence, sources; 2 relations took " \
        "confidence from the defaults." in shown.stdout  # fmt: skip
    loaded = run_cli("load", str(folder))
    assert loaded.returncode == 0, loaded.stderr
    assert "from the defaults" in loaded.stdout
    rows = db.read(
        "MATCH (a)-[r]->(b) RETURN a.id AS a, r.term AS term, b.id AS b, r.claimant AS claimant,"
        " r.sources AS sources, r.credibility AS credibility, r.confidence AS confidence"
        " ORDER BY a, b"
    )
    assert rows == [
        {"a": "a", "term": "supports", "b": "b", "claimant": "analyst", "sources": ["notes"],
         "credibility": 3, "confidence": 0.5},
        {"a": "a", "term": "opposes", "b": "c", "claimant": "analyst", "sources": ["notes"],
         "credibility": 3, "confidence": 0.5},
        {"a": "b", "term": "fights", "b": "c", "claimant": "analyst", "sources": ["notes"],
         "credibility": 3, "confidence": 0.9},
    ]  # fmt: skip
    assert load(db, [folder]).method == "recognised"


def test_a_bad_default_is_reported_once_at_its_own_line(tmp_path: Path) -> None:
    folder = edge_list(tmp_path / "edges", DEFAULTS.replace("credibility: 3", "credibility: 9"))
    with pytest.raises(DatasetError) as failure:
        check(None, [folder])
    assert [str(p) for p in failure.value.problems] == [
        f"{folder / 'dataset.yaml'}:6: credibility: Input should be less than or equal to 6"
    ]


def test_defaults_given_twice_differently_or_for_other_fields_are_refused(tmp_path: Path) -> None:
    folder = edge_list(tmp_path / "edges")
    (folder / "more.yaml").write_text("defaults:\n  credibility: 4\n  term: supports\n")
    with pytest.raises(DatasetError) as failure:
        check(None, [folder])
    messages = [str(p) for p in failure.value.problems]
    assert any(
        "more.yaml:2: defaults: default credibility is 4 here but 3 at" in m
        and "dataset.yaml:6; give it once" in m
        for m in messages
    )
    assert any("more.yaml:3: defaults: no default for 'term'" in m for m in messages)
