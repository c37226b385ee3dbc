"""Where claims come from: which claims rest on a source, directly or through the sources it
carried, and which claims rest on one line of sources only.

A source may name the source that carried it to us (``via``: a spokesman's statement as an
article reports it). A claim citing the statement rests on the article too: if the article
proves unreliable, everything that came through it is in question. Two cited sources are one
*line* when one carried the other or both came through a common carrier; a claim's lines are
its independent ways of being known.
"""

from __future__ import annotations

from typing import Any

from ..subgraph import View
from ..validate.lineage import Lines, independent


def lineages(view: View) -> Lines:
    """Each source of the view with the sources that carried it, itself first (on demand)."""
    return Lines({sid: (s.get("props") or {}).get("via") for sid, s in view.sources.items()})


def provenance(view: View, source: str) -> dict[str, Any]:
    """The claims that rest on ``source``: those citing it, and those citing a source it
    carried (at any depth). Each with the ways it rests on it, e.g.
    ``src-tweet → src-article``; counts of direct and carried claims, and by cited source."""
    lines, names = lineages(view), _names(view)
    claims: list[dict[str, Any]] = []
    by_cited: dict[str, int] = {}
    for edge in view.edges:
        cited = [s for s in edge.get("sources") or [] if source in lines[s]]
        if not cited:
            continue
        for s in cited:
            by_cited[s] = by_cited.get(s, 0) + 1
        chains = [" → ".join(lines[s][: lines[s].index(source) + 1]) for s in cited]
        claims.append(_claim(names, edge) | {"through": chains, "direct": source in cited})
    direct = sum(claim["direct"] for claim in claims)
    return {
        "source": source,
        "claims": len(claims),
        "direct": direct,
        "carried": len(claims) - direct,
        "by_cited_source": dict(sorted(by_cited.items(), key=lambda kv: (-kv[1], kv[0]))),
        "rows": claims,
    }


def exposure(view: View) -> dict[str, Any]:
    """For every claim, its independent lines of sources (see the module's doc) and where each
    comes from; claims resting on one line only are *exposed*: one source, or one carrier,
    failing takes all their support away.

    A claim's *originators* are the sources it cites that carried none of the others it cites
    (a claim citing a tweet and the article quoting it originates with the tweet). When every
    originator speaks for a party to the conflict (its source says ``party``), the claim is
    *partisan*: only the sides themselves say so."""
    lines, names = lineages(view), _names(view)
    party = {sid: (s.get("props") or {}).get("party") for sid, s in view.sources.items()}
    claims: list[dict[str, Any]] = []
    for edge in view.edges:
        cited = list(edge.get("sources") or [])
        groups = independent(cited, lines)
        first = originators(cited, lines)
        parties = sorted({names.get(p, p) for o in first if (p := party.get(o))})
        partisan = bool(first) and all(party.get(o) for o in first)
        claims.append(_claim(names, edge) | {
            "lines": len(groups), "line_sources": groups, "originators": first,
            "parties": parties, "partisan": partisan})  # fmt: skip
    exposed = [c for c in claims if c["lines"] <= 1]
    by_origin: dict[str, int] = {}
    for claim in exposed:
        for group in claim["line_sources"]:
            root = group[-1]  # the outermost carrier of the line
            by_origin[root] = by_origin.get(root, 0) + 1
    return {
        "claims": len(claims),
        "exposed": len(exposed),
        "partisan": sum(c["partisan"] for c in claims),
        "exposed_by_source": dict(sorted(by_origin.items(), key=lambda kv: (-kv[1], kv[0]))),
        "rows": claims,
    }


def originators(cited: list[str], lines: Lines) -> list[str]:
    """The cited sources that carried none of the other cited sources."""
    carrying = {c for s in cited for c in lines[s][1:]}
    return [s for s in cited if s not in carrying]


def _names(view: View) -> dict[str, str]:
    return {n["id"]: n["name"] for n in [*view.nodes, *view.claimants]}


def _claim(names: dict[str, str], edge: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": edge.get("id"),
        "from": names.get(edge["start"], edge["start"]),
        "term": edge.get("term"),
        "to": names.get(edge["end"], edge["end"]),
        "claimant": edge.get("claimant_name") or edge.get("claimant"),
        "credibility": edge.get("credibility"),
        "sources": list(edge.get("sources") or []),
        "dataset": edge.get("dataset"),
    }
