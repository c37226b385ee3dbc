"""How claims are held: analyses of what holds count the claims reported, asserted or inferred,
and leave out speculation, forecasts and denials unless asked (graph.model.TENTATIVE)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from ..model import TENTATIVE
from ..query.params import statuses
from ..subgraph import View


def held(view: View, include: Iterable[str] = ()) -> View:
    """The view with only the claims held as fact, and those of the ``include`` statuses."""
    wanted = set(statuses(include))
    edges = [e for e in view.edges if e.get("status") not in TENTATIVE or e["status"] in wanted]
    return view if len(edges) == len(view.edges) else replace(view, edges=edges)


def left_out(view: View, include: Iterable[str] = ()) -> dict[str, int]:
    """How many claims of each tentative status :func:`held` leaves out."""
    wanted = set(statuses(include))
    counts: dict[str, int] = {}
    for edge in view.edges:
        status = edge.get("status")
        if status in TENTATIVE and status not in wanted:
            counts[status] = counts.get(status, 0) + 1
    return counts
