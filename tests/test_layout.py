"""The layout of large networks (graph/views/layout.py): components packed side by side, the
biggest first, each spread over an area in proportion to its nodes; the same picture twice."""

from __future__ import annotations

import json
import math
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from graph.subgraph import View, connected
from graph.views import write_html
from graph.views.layout import SPACING, drl, fruchterman_reingold, packed


def ring(start: int, size: int) -> list[tuple[int, int]]:
    return [(start + i, start + (i + 1) % size) for i in range(size)]


def test_components_are_packed_biggest_first_and_none_is_flung_away() -> None:
    # One ring of 300, ten rings of 20, fifty pairs and a hundred lone nodes.
    edges = ring(0, 300)
    for k in range(10):
        edges += ring(300 + 20 * k, 20)
    edges += [(500 + 2 * k, 501 + 2 * k) for k in range(50)]
    count = 700
    where = packed(count, edges, drl)
    assert len(where) == count
    xs, ys = [p[0] for p in where], [p[1] for p in where]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    # The whole fills a page-like box: neither a line nor a blob with outliers far away.
    assert 0.3 < width / height < 4
    assert width * height < (SPACING * 8) ** 2 * count
    # The biggest component comes first: top left.
    big = [where[i] for i in range(300)]
    assert max(y for _, y in big) <= max(ys) / 2 + SPACING * 20
    assert min(x for x, _ in big) == min(xs)
    # No two nodes of the big ring share a point.
    assert len({(round(x), round(y)) for x, y in big}) > 290
    # A component's nodes sit together: each small ring within a box of its own size.
    for k in range(10):
        ring_points = where[300 + 20 * k : 320 + 20 * k]
        span = max(math.dist(a, b) for a in ring_points for b in ring_points)
        assert span < SPACING * math.sqrt(20) * 3


def test_the_same_view_gets_the_same_picture() -> None:
    edges = [*ring(0, 50), (50, 51), (52, 53)]
    for lay_out in (drl, fruchterman_reingold):
        assert packed(60, edges, lay_out) == packed(60, edges, lay_out)


# What the page shows at fit zoom (window.actorgraph's network): how many nodes cover another
# (their discs meet), and how much of the canvas the middle 90 % of nodes spans.
AT_FIT_ZOOM = """() => {
  const g = window.actorgraph, n = g.network, box = n.body.container.getBoundingClientRect();
  const at = g.nodeView.getIds().map(id => {
    const p = n.canvasToDOM(n.getPosition(id)), node = n.body.nodes[id];
    return {x: p.x, y: p.y, r: (node.shape.radius || node.options.size) * n.getScale()};
  });
  const covered = at.filter((a, i) => at.some((b, j) =>
    i !== j && Math.hypot(a.x - b.x, a.y - b.y) < a.r + b.r)).length;
  const middle = values => { const s = values.slice().sort((u, v) => u - v);
    return s[Math.floor(0.95 * (s.length - 1))] - s[Math.floor(0.05 * (s.length - 1))]; };
  return {covered: covered / at.length, width: middle(at.map(p => p.x)) / box.width,
          height: middle(at.map(p => p.y)) / box.height};
}"""


def heavy_tailed(count: int, seed: int = 1) -> View:
    """A network shaped like a feed's actors: a few hubs, many actors with a tie or two."""
    rng = random.Random(seed)
    nodes = [{"id": f"n{i}", "name": f"Actor {i}", "category": "actor", "kind": "armed_group"}
             for i in range(count)]  # fmt: skip
    edges = []
    for i in range(count * 2):
        a, b = rng.randrange(count), int(rng.paretovariate(1.2)) % count
        if a != b:
            edges.append({"id": f"e{i}", "start": f"n{a}", "end": f"n{b}", "term": "fights",
                          "sign": -1, "confidence": 0.6, "credibility": 3, "sources": []})  # fmt: skip
    return connected(View(nodes=nodes, edges=edges))


def dyads(count: int, seed: int = 2) -> View:
    """A network shaped like UCDP GED's actors: one conflict of many sides and many small
    ones, a government against one or two rebel groups each."""
    rng = random.Random(seed)
    nodes = [{"id": f"n{i}", "name": f"Government of Country {i}", "category": "actor",
              "kind": "state"} for i in range(count)]  # fmt: skip
    edges, i = [], 0
    while i < count:
        size = 40 if i == 0 else rng.choice([2, 2, 2, 3, 4])
        members = list(range(i, min(i + size, count)))
        for k in members[1:]:
            edges.append({"id": f"e{k}", "start": f"n{members[0] if size < 40 else rng.choice(members[:k - i])}",
                          "end": f"n{k}", "term": "fights", "sign": -1, "confidence": 0.9,
                          "credibility": 2, "sources": []})  # fmt: skip
        i += size
    return connected(View(nodes=nodes, edges=edges))


def long_names(view: View) -> View:
    for node in view.nodes:
        node["name"] = f"{node['name']} Communal Militia (Synthetica)"
    return view


@pytest.mark.parametrize(
    ("name", "view"),
    [("acled-shaped", lambda: long_names(heavy_tailed(150))), ("ucdp-shaped", lambda: dyads(300))],
)
def test_a_network_the_browser_lays_out_fills_the_page_and_names_its_hubs(
    name: str, view: Callable[[], View], tmp_path: Path, open_page
) -> None:
    opened = open_page(write_html(view(), tmp_path / f"{name}.html"))
    shown = opened.page.evaluate(AT_FIT_ZOOM)
    labels = opened.page.evaluate(LABELS)
    assert shown["covered"] < 0.05, shown
    assert shown["width"] >= 0.5 and shown["height"] >= 0.5, shown
    assert labels["shown"] >= 5 and labels["overlapping"] == 0, labels
    assert opened.errors == []


@pytest.mark.parametrize(
    ("name", "view"),
    [
        ("heavy-tailed", lambda: heavy_tailed(1000)),
        # many small components (DrL, for one big component, took 85 s for these 2,000)
        ("dyads", lambda: dyads(2000)),
    ],
)
def test_a_large_network_fills_the_page_and_few_nodes_cover_another(
    name: str, view: Callable[[], View], tmp_path: Path, open_page
) -> None:
    drawn = view()
    assert len(drawn.nodes) > 800  # laid out in Python: past the browser's physics
    opened = open_page(write_html(drawn, tmp_path / f"{name}.html"))
    shown = opened.page.evaluate(AT_FIT_ZOOM)
    assert shown["covered"] < 0.05, shown
    assert shown["width"] >= 0.5 and shown["height"] >= 0.5, shown
    # The hubs are named at fit zoom, and no two names drawn overlap (vis's own label boxes).
    # UCDP's dyads have no hub (158 tree centres alike): their names show once zoomed in.
    if name == "dyads":
        opened.page.evaluate("() => window.actorgraph.network.moveTo({scale: 1})")
        opened.page.mouse.move(400, 300)
        opened.page.mouse.wheel(0, -50)  # a real zoom: the page lays its names out again
        opened.page.wait_for_timeout(800)
    labels = opened.page.evaluate(LABELS)
    assert labels["shown"] >= 3 and labels["overlapping"] == 0, labels
    assert opened.errors == []


def test_no_two_names_drawn_overlap_on_the_bundled_page(
    panjshir, tmp_path: Path, open_page
) -> None:  # type: ignore[no-untyped-def]
    from graph.views import render

    for name, extra in (("actors", {}), ("all", {"events": True, "places": True})):
        page = tmp_path / f"{name}.html"
        render(panjshir, page, **extra)
        opened = open_page(page)
        labels = opened.page.evaluate(LABELS)
        assert labels["overlapping"] == 0 and labels["shown"] >= 15, labels
        # Zoomed in by the wheel, the names are laid out again: still none overlap.
        opened.page.evaluate("() => window.actorgraph.network.moveTo({scale: 3})")
        opened.page.mouse.move(300, 300)
        opened.page.mouse.wheel(0, -50)  # a real zoom: the page lays its names out again
        opened.page.wait_for_timeout(600)
        again = opened.page.evaluate(LABELS)
        assert again["overlapping"] == 0, again
        assert opened.errors == []


def pairs(count: int, chains: int = 0) -> View:
    """Separate pairs of long-named actors, as a UCDP export of many small dyads gives, and
    ``chains`` of three beside them (their middles the biggest nodes, but many alike)."""
    nodes = [{"id": f"n{i}", "name": f"People's Popular Rebels of the Hills {i}",
              "category": "actor", "kind": "armed_group"} for i in range(count)]  # fmt: skip
    edges = [{"id": f"e{i}", "start": f"n{i}", "end": f"n{i + 1}", "term": "fights", "sign": -1,
              "confidence": 0.9, "credibility": 2, "sources": []}
             for i in range(0, count - 1, 2)]  # fmt: skip
    for k in range(chains):
        ids = [f"c{k}-{j}" for j in range(3)]
        nodes += [{"id": i, "name": f"Militia of the Long Valley {i}", "category": "actor",
                   "kind": "armed_group"} for i in ids]  # fmt: skip
        edges += [{"id": f"ce{k}-{j}", "start": ids[j], "end": ids[j + 1], "term": "fights",
                   "sign": -1, "confidence": 0.9, "credibility": 2, "sources": []}
                  for j in range(2)]  # fmt: skip
    return View(nodes=nodes, edges=edges)


@pytest.mark.parametrize("chains", [0, 400])
def test_zoomed_in_both_sides_of_each_pair_are_named(  # type: ignore[no-untyped-def]
    tmp_path: Path, open_page, chains: int
) -> None:
    """vis draws a name the same size in the drawing at every zoom (its maxVisible only fades
    it), so names that overlap do at any zoom: on a page of 1,200 separate pairs, each name
    four times the room between two nodes and grown to name hubs there were none of, one side
    of every pair went unnamed; so it did beside 400 chains of three, whose 400 middles are
    no hubs. Zoomed in to read them, every name on screen is drawn."""
    opened = open_page(write_html(pairs(1200, chains), tmp_path / "pairs.html"))
    page = opened.page
    centre = "c200-1" if chains else "n600"  # the chains are packed first: the biggest
    where = json.dumps(page.evaluate(f"() => window.actorgraph.network.getPosition('{centre}')"))
    page.evaluate(f"() => window.actorgraph.network.moveTo({{position: {where}, scale: 1}})")
    page.mouse.move(400, 300)
    page.mouse.wheel(0, -50)  # a real zoom: the page lays its names out again
    page.wait_for_timeout(800)
    labels = page.evaluate(LABELS)
    named = page.evaluate(NAMED)
    assert labels["overlapping"] == 0, labels
    assert named["both"] == named["pairs"] and named["whole"] == named["chains"], named
    assert (named["chains"] >= 1) if chains else (named["pairs"] >= 4), named
    assert opened.errors == []


# Of the pairs whose two nodes are both on screen, how many have both names drawn.
NAMED = """() => {
  const g = window.actorgraph, n = g.network, frame = n.body.container.getBoundingClientRect();
  const corner = n.DOMtoCanvas({x: 0, y: 0}), far = n.DOMtoCanvas({x: frame.width, y: frame.height});
  const seen = id => { const p = n.getPosition(id);
    return p.x > corner.x && p.x < far.x && p.y > corner.y && p.y < far.y; };
  const named = id => n.body.nodes[id].options.font.color !== 'rgba(0,0,0,0)';
  let pairs = 0, both = 0;
  const count = g.nodeView.getIds().filter(id => /^n[0-9]+$/.test(id)).length;
  for (let i = 0; i < count - 1; i += 2) {
    if (seen('n' + i) && seen('n' + (i + 1))) {
      pairs++; if (named('n' + i) && named('n' + (i + 1))) { both++; }
    }
  }
  let chains = 0, whole = 0;  // and of the chains of three on screen, how many fully named
  for (let k = 0; g.nodeView.get('c' + k + '-0'); k++) {
    const ids = [0, 1, 2].map(j => 'c' + k + '-' + j);
    if (ids.every(seen)) { chains++; if (ids.every(named)) { whole++; } }
  }
  return {pairs: pairs, both: both, chains: chains, whole: whole};
}"""


# The names on screen now (vis draws a label from a pixel under drawThreshold high, and the
# page makes the ones it drops transparent) and how many pairs of them overlap.
LABELS = """() => {
  const g = window.actorgraph, n = g.network, scale = n.getScale();
  const least = g.data.options.nodes.scaling.label.drawThreshold - 1;  // drawn faded from there
  const frame = n.body.container.getBoundingClientRect();
  const corner = n.DOMtoCanvas({x: 0, y: 0}), far = n.DOMtoCanvas({x: frame.width, y: frame.height});
  const boxes = g.nodeView.getIds().map(id => n.body.nodes[id]).filter(node =>
    node.options.label && node.labelModule.size.width > 0 &&
    node.options.font.size * scale >= least && node.options.font.color !== 'rgba(0,0,0,0)'
  ).map(node => node.labelModule.size).filter(s =>
    s.left < far.x && s.left + s.width > corner.x && s.top < far.y && s.top + s.height > corner.y);
  let overlapping = 0;
  boxes.forEach((a, i) => boxes.slice(i + 1).forEach(b => {
    if (a.left < b.left + b.width && b.left < a.left + a.width &&
        a.top < b.top + b.height && b.top < a.top + a.height) { overlapping++; }
  }));
  return {shown: boxes.length, overlapping: overlapping};
}"""


def test_a_few_points_flung_far_away_do_not_shrink_the_rest_to_a_strip() -> None:
    from graph.views.layout import _scaled

    def flung(size: int, edges: list[tuple[int, int]]) -> list[tuple[float, float]]:
        rng = random.Random(3)
        core = [(rng.random(), rng.random()) for _ in range(size - 2)]
        return [*core, (1000.0, 5.0), (-3.0, 900.0)]  # DrL's strays

    width, height, points = _scaled(200, flung, [])
    core = points[:-2]
    spread_x = max(p[0] for p in core) - min(p[0] for p in core)
    spread_y = max(p[1] for p in core) - min(p[1] for p in core)
    assert spread_x > 0.8 * width and spread_y > 0.8 * height
    assert all(0 <= x <= width and 0 <= y <= height for x, y in points)
