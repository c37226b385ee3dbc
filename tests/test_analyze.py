"""Analyses, checked on textbook graphs with known answers and on the Panjshir data against
computations done independently in the test."""

from __future__ import annotations

import itertools
import json
from datetime import date
from pathlib import Path

import pytest

from graph import Graph
from graph.analyze import balance, centrality, diff, timeline
from graph.views import View, select

from .conftest import run_cli, synthetic


def signed_view(ties: list[tuple[str, str, int]]) -> View:
    names = sorted({n for a, b, _ in ties for n in (a, b)})
    return View(
        nodes=[{"id": n, "name": n.upper(), "category": "actor", "kind": "person"} for n in names],
        edges=[
            {"id": f"{a}-{b}", "start": a, "end": b, "sign": s, "confidence": 1.0, "term": "x"}
            for a, b, s in ties
        ],
    )


@pytest.mark.parametrize(
    ("signs", "balanced", "frustration"),
    [
        ((1, 1, 1), True, 0),
        ((1, -1, -1), True, 0),
        ((1, 1, -1), False, 1),
        ((-1, -1, -1), False, 1),
    ],
)
def test_textbook_triangles(signs, balanced, frustration) -> None:
    result = balance(
        signed_view([("a", "b", signs[0]), ("b", "c", signs[1]), ("a", "c", signs[2])])
    )
    assert [t.balanced for t in result.triads] == [balanced]
    assert result.balance_index == (1.0 if balanced else 0.0)
    assert result.frustration == frustration and result.exact


def test_enemy_of_my_enemy_splits_into_two_blocs() -> None:
    result = balance(signed_view([("a", "b", 1), ("c", "d", 1), ("a", "c", -1), ("b", "d", -1)]))
    assert result.frustration == 0
    assert sorted(map(sorted, result.blocs[0])) == [["a", "b"], ["c", "d"]]


def test_integer_programme_agrees_with_brute_force_on_a_larger_graph() -> None:
    import random

    rng = random.Random(3)
    nodes = [f"n{i}" for i in range(12)]
    ties = [
        (a, b, rng.choice([1, -1]))
        for a, b in itertools.combinations(nodes, 2)
        if rng.random() < 0.4
    ]
    expected = min(
        sum((s > 0) != (side[a] == side[b]) for a, b, s in ties)
        for bits in itertools.product((0, 1), repeat=len(nodes))
        for side in [dict(zip(nodes, bits, strict=True))]
    )
    milp = balance(signed_view(ties), exhaustive_max=3)  # force the integer programme
    exhaustive = balance(signed_view(ties))
    assert milp.frustration == exhaustive.frustration == expected
    assert milp.exact and "integer programme" in milp.method


def test_panjshir_balance_matches_an_independent_computation(panjshir: Graph) -> None:
    view = select(panjshir)
    result = balance(view)
    # Independently: net sign per actor pair from the raw relations, then brute-force triangles.
    actors = {n["id"] for n in view.nodes if n["category"] == "actor"}
    # (a claim only speculated, forecast or denied is no tie: Russia's support of the NRF)
    rows = panjshir.read(
        "MATCH (a:Actor)-[r]->(b:Actor) WHERE r.sign <> 0 AND a <> b "
        "AND NOT coalesce(r.status, '') IN ['speculated', 'forecast', 'denied'] "
        "RETURN a.id AS a, b.id AS b, r.sign * r.confidence AS w"
    )
    net: dict[frozenset, float] = {}
    for row in rows:
        key = frozenset((row["a"], row["b"]))
        net[key] = net.get(key, 0) + row["w"]
    sign = {k: (1 if v > 0 else -1) for k, v in net.items() if v != 0}
    triangles = [
        t for t in itertools.combinations(sorted(actors), 3)
        if all(frozenset(p) in sign for p in itertools.combinations(t, 2))
    ]  # fmt: skip
    balanced = [
        t
        for t in triangles
        if sign[frozenset(t[:2])] * sign[frozenset(t[1:])] * sign[frozenset((t[0], t[2]))] > 0
    ]
    assert len(result.triads) == len(triangles) == 5
    assert sum(t.balanced for t in result.triads) == len(balanced) == 5
    assert result.ties == len(sign) == 26
    assert balance(view, include_status=["speculated"]).ties == 27
    assert result.frustration == 0
    main, _cia = result.blocs
    assert sorted(main[1]) == ["amir-khan-muttaqi", "taliban"]
    assert {"nrf", "russia", "tajikistan", "northern-alliance"} <= set(main[0])


def test_a_balance_stopped_by_its_time_limit_is_a_reproducible_upper_bound() -> None:
    """Stopped early, the integer programme's best split depended on how far it got (a worse
    bound with more time); the split from the ties' signs, improved actor by actor, is kept
    when better, so the bound is the same on every run when the programme finds none."""
    import random

    rng = random.Random(11)
    camp = {f"n{i:03}": i % 2 for i in range(400)}  # two camps, and 10 % of ties the other way
    pairs = {tuple(sorted(rng.sample(sorted(camp), 2))) for _ in range(3000)}
    ties = [(a, b, (1 if camp[a] == camp[b] else -1) * (-1 if rng.random() < 0.1 else 1))
            for a, b in sorted(pairs)]  # fmt: skip
    planted = sum((sign > 0) != (camp[a] == camp[b]) for a, b, sign in ties)
    runs = [balance(signed_view(ties), time_limit=0.01) for _ in range(2)]
    for result in runs:
        assert not result.exact and result.frustration == len(result.frustrated)
        assert result.frustration <= planted * 1.5  # near the planted split, not thousands
    assert runs[0].frustration == runs[1].frustration


def test_star_centrality_is_the_textbook_answer() -> None:
    leaves = [f"l{i}" for i in range(5)]
    view = signed_view([("hub", leaf, 1) for leaf in leaves])
    rows = {r["id"]: r for r in centrality(view)}
    assert rows["hub"]["degree"] == 5 and rows["l0"]["degree"] == 1
    assert rows["hub"]["betweenness"] == 10  # C(5, 2) pairs of leaves, all through the hub
    assert rows["l0"]["betweenness"] == 0
    # PageRank of an undirected star with n = 6, d = 0.85, solved by hand:
    # p_leaf = (1-d)/n + d*p_hub/5 and p_hub = (1-d)/n + d*5*p_leaf.
    d, n = 0.85, 6
    p_hub = ((1 - d) / n + d * 5 * (1 - d) / n) / (1 - d * d)
    assert rows["hub"]["pagerank"] == pytest.approx(p_hub, abs=1e-4)


def test_centrality_gives_networkx_reference_values_on_a_random_network() -> None:
    """Computed with igraph (networkx's betweenness took minutes at 20,000 actors); the values
    are networkx's, the reference implementations, with isolated pairs and a hub."""
    import random

    import networkx as nx

    rng = random.Random(5)
    pairs = {(f"n{rng.randrange(120)}", f"n{rng.randrange(120)}") for _ in range(300)}
    ties = [(a, b, 1) for a, b in pairs if a != b] + [("x", "y", -1)]
    rows = {r["id"]: r for r in centrality(signed_view(ties))}
    reference = nx.Graph((a, b) for a, b, _sign in ties)
    betweenness = nx.betweenness_centrality(reference, normalized=False)
    pagerank = nx.pagerank(reference, alpha=0.85, tol=1e-10)
    assert rows.keys() == set(reference.nodes)
    for node, row in rows.items():
        assert row["degree"] == reference.degree(node)
        assert row["betweenness"] == pytest.approx(betweenness[node], abs=1e-3)
        assert row["pagerank"] == pytest.approx(pagerank[node], abs=1e-4)


def test_panjshir_centrality_betweenness_matches_the_brokers_query(panjshir: Graph) -> None:
    from graph import query as q

    brokers = {
        r["id"]: r["betweenness"] for r in q.rows(q.run_named(panjshir, "brokers", {"limit": 40}))
    }
    rows = centrality(select(panjshir))
    assert rows[0]["id"] == "nrf" and rows[0]["degree"] == 10  # Russia's is only speculated
    for row in rows:
        assert row["betweenness"] == pytest.approx(brokers.get(row["id"], 0.0), abs=1e-3)
    # Counting the speculation too, both agree again.
    brokers = {r["id"]: r["betweenness"] for r in q.rows(q.run_named(
        panjshir, "brokers", {"limit": 40, "include_status": "speculated"}))}  # fmt: skip
    rows = centrality(select(panjshir), ["speculated"])
    assert rows[0]["id"] == "nrf" and rows[0]["degree"] == 11
    for row in rows:
        assert row["betweenness"] == pytest.approx(brokers.get(row["id"], 0.0), abs=1e-3)


def test_one_datasets_brokers_beside_a_larger_one_are_its_own(
    panjshir: Graph, tmp_path: Path
) -> None:
    """The query pairs only actors with a relation that counts (beside 5,000 other actors it
    took 80 s when it paired them all, README): the brokers are those of the dataset alone."""
    from graph import query as q
    from graph.loader import load

    alone = q.rows(q.run_named(panjshir, "brokers", {"limit": 40}))
    load(panjshir, [synthetic(tmp_path / "big", actors=1000, relations=2000)], dataset="big")
    given = {"limit": 40, "datasets": ["panjshir"]}
    assert q.rows(q.run_named(panjshir, "brokers", given, timeout=120)) == alone


def test_timeline_orders_partial_dates_by_the_start_of_their_range(panjshir: Graph) -> None:
    items = timeline(select(panjshir))
    starts = [i["start"] for i in items]
    assert starts == sorted(starts)
    assert items[0]["what"] == "Soviet offensives in the Panjshir Valley"  # 1980s, an event
    assert items[0]["start"] == date(1980, 1, 1)
    last = items[-1]
    assert last["start"] == date(2021, 8, 30)
    nrf = timeline(select(panjshir), "nrf")
    assert all(
        "National Resistance Front of Afghanistan" in i["what"] or i["type"].startswith("event")
        for i in nrf
    )


def test_diff_reports_what_began_ended_and_changed_sign() -> None:
    view = signed_view([("a", "b", 1), ("a", "c", -1)])
    view.edges[0] |= {
        "since_start": date(2020, 1, 1),
        "until_end": date(2020, 12, 31),
        "term": "supports",
    }
    view.edges[1] |= {"since_start": date(2021, 1, 1), "term": "fights"}
    view.edges.append({"id": "b-a", "start": "b", "end": "a", "sign": -1, "confidence": 1.0, "term": "fights",
                       "since_start": date(2021, 1, 1)})  # fmt: skip
    view.edges.append({"id": "a-b-2", "start": "a", "end": "b", "sign": 1, "confidence": 0.5, "term": "supports",
                       "since_start": date(2020, 1, 1)})  # fmt: skip
    changes = diff(view, date(2020, 6, 1), date(2021, 6, 1))
    assert [r["id"] for r in changes["began"]] == ["a-c", "b-a"]
    assert [r["id"] for r in changes["ended"]] == ["a-b"]
    assert changes["changed"] == [{"pair": "A – B", "ends": ["a", "b"], "before": 1, "after": -1}]
    assert [(r["from_id"], r["to_id"]) for r in changes["began"]] == [("a", "c"), ("b", "a")]


def test_analyze_commands_run_and_render(panjshir: Graph, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "blocs.html"
    result = run_cli("analyze", "balance", "--render", str(out))
    assert result.returncode == 0, result.stderr
    assert "frustration index 0 (exact" in result.stdout and out.exists()
    assert "more triangles" not in result.stdout and not result.stderr  # 5 of them, 20 shown
    # a feed's graph has thousands of triangles: the terminal shows --limit of them
    capped = run_cli("analyze", "balance", "--limit", "2")
    shown = [line for line in capped.stdout.splitlines() if line.rstrip().endswith(("yes", "NO"))]
    assert len(shown) == 2, capped.stdout
    assert "… and 3 more triangles (--limit, or --format json)" in capped.stdout
    every = json.loads(run_cli("analyze", "balance", "--limit", "2", "-o", "json").stdout)
    assert len(every["triads"]) == 5
    whole = run_cli("analyze", "balance", "--limit", "0").stdout  # 0: all of them
    assert (
        "more" not in whole
        and sum(line.rstrip().endswith("yes") for line in whole.splitlines()) == 5
    )
    central = run_cli("analyze", "centrality", "-o", "json")
    assert '"id": "nrf"' in central.stdout
    page = tmp_path / "timeline.html"
    timed = run_cli("analyze", "timeline", "--actor", "Ahmed Masood", "--html", str(page))
    assert timed.returncode == 0 and "Ahmad Massoud leads" in page.read_text()
    blank = run_cli("analyze", "timeline", "--actor", "")  # not "no actor": the whole timeline
    assert blank.returncode == 2 and "Traceback" not in blank.stderr, blank.stderr
    endless = run_cli("analyze", "balance", "--time-limit", "1e308")
    assert endless.returncode == 2 and "'--time-limit'" in endless.stderr
    assert "balance()" not in endless.stderr
    as_json = run_cli("analyze", "timeline", "--html", str(page), "-o", "json")
    assert json.loads(as_json.stdout) and "Wrote" in as_json.stderr  # stdout stays JSON
    changed = run_cli("analyze", "diff", "--from", "1995-01-01", "--to", "2021-09-01", "-o", "json")
    assert changed.returncode == 0 and '"ended"' in changed.stdout
    # a feed's timeline is tens of thousands of rows: the terminal shows --limit of them
    every = len(json.loads(as_json.stdout))
    first = run_cli("analyze", "timeline", "--limit", "3", "-o", "records")
    assert first.stdout.count("-[ record") == 3
    assert f"… and {every - 3:,} more (--limit, or --format json)" in first.stdout
    began = len(json.loads(changed.stdout)["began"])
    capped = run_cli("analyze", "diff", "--from", "1995-01-01", "--to", "2021-09-01",
                     "--limit", "1", "-o", "records")  # fmt: skip
    assert f"began ({began})" in capped.stdout and f"… and {began - 1} more" in capped.stdout


def test_diff_renders_the_relations_that_changed(panjshir: Graph, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "diff.html"
    result = run_cli(
        "analyze", "diff", "--from", "1995-01-01", "--to", "2021-09-01", "--render", str(out)
    )
    assert result.returncode == 0, result.stderr
    assert "Relations that began or ended between 1995-01-01 and 2021-09-01" in out.read_text()


def test_the_timeline_page_escapes_the_data(db: Graph, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from graph.loader import load

    data = tmp_path / "x.yaml"
    data.write_text(
        "sources: [{id: s, title: t, reliability: A}]\n"
        "actors: [{id: a, name: '<script>alert(1)</script>', kind: person},"
        " {id: b, name: 'Tom & Jerry', kind: person}]\n"
        "relations: [{from: a, term: supports, to: b, since: 2021, claimant: a, sources: [s],"
        " credibility: 2, confidence: 1, evidence: e}]\n"
    )
    load(db, [data])
    page = tmp_path / "t.html"
    assert run_cli("analyze", "timeline", "--html", str(page)).returncode == 0
    text = page.read_text()
    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; supports Tom &amp; Jerry" in text


def test_analyses_refuse_a_format_they_do_not_write() -> None:
    # `-o csv` used to print the table as if asked for it; now it is bad input (exit 2).
    for command in (["analyze", "balance"], ["analyze", "provenance"], ["datasets", "list"]):
        result = run_cli(*command, "-o", "csv")
        assert result.returncode == 2, command
        assert "'csv' is not one of 'auto', 'table', 'records', 'json'" in result.stderr
