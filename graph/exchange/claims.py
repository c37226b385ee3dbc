"""A view's relations with ids unique across its datasets, for the formats that need them.

A relation id is unique within its dataset only: two datasets may each hold a relation with the
same id (two feeds that nest the same places, the same claim loaded twice). A file the loader
reads, or a multigraph keyed by id, holds one relation per id, so an export of several datasets
would be refused on loading or would silently keep one of the two. Here:

- relations that say the same thing apart from their sources (the same ends, term, claimant,
  dates and grades) are one claim: it is written once and cites every source of each;
- relations that differ keep their own claims: each distinct claim gets the id followed by
  the name of the first dataset holding it (``X--dataset``), and a ``contradicts`` that named
  the id names each of them, as it does in the database.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..parse.feeds import make_id, slug

# what two datasets' copies of one claim may differ in
_PER_DATASET = frozenset({"sources", "dataset", "content_hash"})


def unique_claims(edges: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """``edges`` (a view's, in its order) with one relation per id; see the module's text.
    An edge without an id is passed on as it is."""
    groups: dict[str, list[dict[str, Any]]] = {}
    claims: list[dict[str, Any]] = []
    for edge in edges:
        if edge.get("id"):
            groups.setdefault(edge["id"], []).append(edge)
        else:
            claims.append(edge)
    taken = set(groups)
    renamed: dict[str, list[str]] = {}
    for key, group in groups.items():
        if len(group) == 1:  # the rule: no two datasets share the id
            claims.append(group[0])
            continue
        group.sort(key=lambda edge: edge.get("dataset") or "")  # the same file every time
        merged = _merged(group)
        if len(merged) == 1:
            claims.append(merged[0])
            continue
        for claim in merged:
            new = _free(make_id(key, slug(claim.get("dataset") or "")), taken)
            renamed.setdefault(key, []).append(new)
            claims.append(dict(claim, id=new))
    if not renamed:
        return claims
    return [_retargeted(edge, renamed) for edge in claims]


def _merged(copies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One claim per distinct content among the copies of an id, citing every copy's sources."""
    claims: dict[str, dict[str, Any]] = {}
    for edge in copies:
        key = repr(sorted(_claim(edge).items()))
        if key in claims:
            claim = claims[key]
            sources = [*(claim.get("sources") or []), *(edge.get("sources") or [])]
            claims[key] = dict(claim, sources=list(dict.fromkeys(sources)))
        else:
            claims[key] = edge
    return list(claims.values())


def _claim(edge: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in edge.items() if k not in _PER_DATASET}


def _free(wanted: str, taken: set[Any]) -> str:
    """``wanted``, or it with a counter when another relation of the view has that id."""
    new, n = wanted, 1
    while new in taken:
        n += 1
        new = make_id(wanted, str(n))
    taken.add(new)
    return new


def _retargeted(edge: dict[str, Any], renamed: dict[str, list[str]]) -> dict[str, Any]:
    named = edge.get("contradicts") or []
    if not any(target in renamed for target in named):
        return edge
    return dict(edge, contradicts=[new for t in named for new in renamed.get(t, [t])])
