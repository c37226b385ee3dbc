"""The layout of large networks (graph/views/layout.py): components packed side by side, the
biggest first, each spread over an area in proportion to its nodes; the same picture twice."""

from __future__ import annotations

import math

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
