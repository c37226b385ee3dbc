"""Change over time: what happened in what order, and what changed between two dates.

Partial dates are ranges (``2021-08`` is 1 to 31 August): an item is ordered by the start of its
range, then by its end; "in force on a day" (:func:`graph.subgraph.in_force`, the same rule as
the views' ``--as-of``) means begun by the earliest reading of its start and not yet over by the
latest reading of its end. Undated relations are not placed in time.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..arguments import Day, checked
from ..errors import ResolveError
from ..resolve import Candidate, Resolver
from ..subgraph import AView, View, day_of, in_force


@checked
def timeline(view: AView, actor: str | None = None) -> list[dict[str, Any]]:
    """Relations and events that have a date, in time order; with ``actor`` (an id, name or
    alias of an actor in the view), that actor's only."""
    names = {n["id"]: n["name"] for n in view.nodes}
    if actor is not None and actor not in names:
        actor = actor_of(view, actor)
    items: list[dict[str, Any]] = []
    for edge in view.edges:
        start = day_of(edge.get("since_start"))
        if start is None or (actor and actor not in (edge["start"], edge["end"])):
            continue
        items.append(
            {
                "start": start,
                "end": day_of(edge.get("until_end")),
                "when": edge.get("since") + (f" – {edge['until']}" if edge.get("until") else ""),
                "what": f"{names.get(edge['start'], edge['start'])} {edge.get('term')} "
                f"{names.get(edge['end'], edge['end'])}",
                "type": "relation",
                "sign": edge.get("sign"),
                "claimant": edge.get("claimant_name") or edge.get("claimant"),
                "credibility": edge.get("credibility"),
                "id": edge.get("id"),
            }
        )
    involved = {e["end"] for e in view.edges if actor in (e["start"], e["end"])} if actor else None
    for node in view.nodes:
        props = node.get("props") or {}
        start = day_of(props.get("date_start"))
        if node.get("category") != "event" or start is None:
            continue
        if involved is not None and node["id"] not in involved:
            continue
        items.append(
            {
                "start": start,
                "end": day_of(props.get("date_end")),
                "when": props.get("date"),
                "what": node["name"],
                "type": f"event: {node.get('kind')}",
                "sign": None,
                "claimant": None,
                "credibility": None,
                "id": node["id"],
            }
        )
    return sorted(items, key=lambda i: (i["start"], i["end"] or date.max, i["type"], i["what"]))


def actor_of(view: View, name: str) -> str:
    """The id of the view's one actor ``name`` names (id, name or alias; a ResolveError if none
    or several), as the CLI resolves names against the database."""
    resolver = Resolver(
        (Candidate(n["id"], n["name"], n.get("category") or "actor", n.get("kind") or ""),
         n.get("aliases") or [])
        for n in view.nodes
    )  # fmt: skip
    try:
        return resolver.resolve(name, ["actor"]).id
    except ResolveError as exc:
        raise ResolveError(f"Among the view's actors, {exc}", exc.candidates) from None


@checked
def diff(view: AView, since: Day, until: Day) -> dict[str, list[dict[str, Any]]]:
    """Relations that began or ended between two dates, and actor pairs whose sign changed."""
    names = {n["id"]: n["name"] for n in view.nodes}

    def describe(edge: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": edge.get("id"),
            "from": names.get(edge["start"], edge["start"]),
            "term": edge.get("term"),
            "to": names.get(edge["end"], edge["end"]),
            "from_id": edge["start"],
            "to_id": edge["end"],
            "since": edge.get("since"),
            "until": edge.get("until"),
            "claimant": edge.get("claimant_name") or edge.get("claimant"),
        }

    window = view.filters.window
    before = [e for e in view.edges if in_force(e, since, window)]
    after = [e for e in view.edges if in_force(e, until, window)]
    before_ids = {e.get("id") for e in before}
    after_ids = {e.get("id") for e in after}
    began = [describe(e) for e in after if e.get("id") not in before_ids]
    ended = [describe(e) for e in before if e.get("id") not in after_ids]
    sign_before, sign_after = _net_signs(before), _net_signs(after)
    changed = [
        {
            "pair": f"{names.get(a, a)} – {names.get(b, b)}",
            "ends": [a, b],
            "before": sign_before.get((a, b), 0),
            "after": sign_after.get((a, b), 0),
        }
        for (a, b) in sorted(set(sign_before) | set(sign_after))
        if sign_before.get((a, b), 0) != sign_after.get((a, b), 0)
        and sign_before.get((a, b), 0) != 0
        and sign_after.get((a, b), 0) != 0
    ]
    key = lambda r: (r["from"], r["term"], r["to"], r["id"] or "")  # noqa: E731
    return {"began": sorted(began, key=key), "ended": sorted(ended, key=key), "changed": changed}


def _net_signs(edges: list[dict[str, Any]]) -> dict[tuple[str, str], int]:
    total: dict[tuple[str, str], float] = {}
    for edge in edges:
        sign = edge.get("sign") or 0
        if sign == 0:
            continue
        pair = tuple(sorted((edge["start"], edge["end"])))
        total[pair] = total.get(pair, 0.0) + sign * (edge.get("confidence") or 0.0)  # type: ignore[index]
    return {pair: (1 if v > 0 else -1) for pair, v in total.items() if abs(v) > 1e-9}  # type: ignore[misc]
