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


def spans_dataset(folder: Path, term: str = "supports") -> Path:
    lines = [
        "sources: [{id: s, title: Notes, reliability: C}]",
        "actors:",
        *(f"  - {{id: a{i}, name: Actor {i}, kind: armed_group}}" for i in range(len(SPANS) + 1)),
        "relations:",
    ]
    for i, (since, until) in enumerate(SPANS):
        dates = "".join(f", {k}: '{v}'" for k, v in (("since", since), ("until", until)) if v)
        lines.append(
            f"  - {{id: r{i}, from: a{i}, term: {term}, to: a{i + 1}, claimant: a0, "
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


def test_point_acts_are_in_force_only_within_the_window_before_the_day(
    db: Graph, tmp_path: Path
) -> None:
    """Attacks are acts, not lasting relations: an attack of 2021-08 counts on 2021-09-30 with
    a window of 60 days (its latest reading, 31 August, is 30 days before), not with 20."""
    load(db, [spans_dataset(tmp_path, term="attacks")])
    everything = select(db).edges
    assert {e["duration"] for e in everything} == {"point"}
    for day in DAYS:
        for window in (0, 20, 60, 90):
            by_python = {e["id"] for e in everything if in_force(e, day, window)}
            by_view = {e["id"] for e in select(db, Filters(as_of=day, window=window)).edges}
            params = {"date": day.isoformat(), "window": window}
            assert by_view == by_python, (day, window)
            assert len(list(run_named(db, "as-of", params).rows)) == len(by_python), (day, window)
    late = date(2021, 9, 30)
    assert {e["id"] for e in everything if in_force(e, late, 60)} == {"r0", "r1", "r2", "r4"}
    # 20 days: only the act whose span runs to 2021-09-30 (r4 of 2 September is too old)
    assert {e["id"] for e in everything if in_force(e, late, 20)} == {"r1"}
    # The act of the 1990s, over by 2001-11, counts in 2021 only with a window of 20 years.
    assert not in_force(next(e for e in everything if e["id"] == "r3"), late, 365)


def test_a_claim_about_an_event_is_an_act_of_that_event(db: Graph, tmp_path: Path) -> None:
    """A battle's "fights" (a feed's row, or a study's claim naming the event) is over with the
    battle: on a later day it counts as a recent act, within the window, whatever its term."""
    path = tmp_path / "battle.yaml"
    path.write_text(
        "sources: [{id: s, title: Notes, reliability: C}]\n"
        "actors: [{id: a, name: A, kind: armed_group}, {id: b, name: B, kind: armed_group}]\n"
        "events: [{id: clash, name: Clash, kind: battle, date: '2021-08-10'}]\n"
        "relations:\n"
        "  - {id: r, from: a, term: fights, to: b, event: clash, since: '2021-08-10',"
        " until: '2021-08-10', claimant: a, sources: [s], evidence: e, credibility: 3, confidence: 0.5}\n"
        "  - {id: war, from: a, term: fights, to: b, since: '2021-08-10', until: '2021-08-10',"
        " claimant: a, sources: [s], evidence: e, credibility: 3, confidence: 0.5}\n"
    )
    load(db, [path])
    for day, window, expected in [
        (date(2021, 8, 10), 90, {"r", "war"}),
        (date(2021, 9, 1), 90, {"r"}),  # the battle is 22 days old; the state is over
        (date(2021, 9, 1), 10, set()),
        (date(2021, 8, 9), 90, set()),
    ]:
        chosen = {e["id"] for e in select(db, Filters(as_of=day, window=window)).edges}
        assert chosen == expected, (day, window)
        rows = run_named(db, "as-of", {"date": day.isoformat(), "window": window}).rows
        assert len(list(rows)) == len(expected)
