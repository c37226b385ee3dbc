""" "In force on a day" has one rule: the views' --as-of, the `as-of` query and the analyses agree.

The rule is written once for Cypher (cypher/fragments/in_force.cypher, used by the views and the
named query) and once for a View's edges (graph.subgraph.in_force); this pins them together on
partial dates at the edges of their ranges, open ends and undated claims.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from graph import Filters, Graph, run_named, select
from graph.loader import load
from graph.subgraph import in_force

SPANS = [  # (since, until) of each relation
    ("2021-08", None),
    ("2021-08-31", "2021-09"),
    ("2021", "2021-08-30"),
    ("1990s", "2001-11"),
    ("2021-09-02", None),
    (None, None),
    (None, "2021-09"),
]
DAYS = [
    date(2021, 8, 1),
    date(2021, 8, 30),
    date(2021, 8, 31),
    date(2021, 9, 30),
    date(1999, 12, 31),
]


def spans_dataset(folder: Path) -> Path:
    lines = [
        "sources: [{id: s, title: Notes, reliability: C}]",
        "actors:",
        *(f"  - {{id: a{i}, name: Actor {i}, kind: armed_group}}" for i in range(len(SPANS) + 1)),
        "relations:",
    ]
    for i, (since, until) in enumerate(SPANS):
        dates = "".join(f", {k}: '{v}'" for k, v in (("since", since), ("until", until)) if v)
        lines.append(
            f"  - {{id: r{i}, from: a{i}, term: supports, to: a{i + 1}, claimant: a0, "
            f"sources: [s], evidence: e, credibility: 3, confidence: 0.5{dates}}}"
        )
    path = folder / "spans.yaml"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_views_query_and_analyses_agree_on_what_is_in_force(db: Graph, tmp_path: Path) -> None:
    load(db, [spans_dataset(tmp_path)])
    everything = select(db).edges
    assert len(everything) == len(SPANS)
    for day in DAYS:
        by_python = {e["id"] for e in everything if in_force(e, day)}
        by_view = {e["id"] for e in select(db, Filters(as_of=day)).edges}
        by_query = len(list(run_named(db, "as-of", {"date": day.isoformat()}).rows))
        assert by_view == by_python, day
        assert by_query == len(by_python), day
    assert {e["id"] for e in everything if in_force(e, date(2021, 8, 31))} == {"r0", "r1"}
