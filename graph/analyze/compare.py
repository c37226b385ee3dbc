"""Whose story: the ties one claimant asserts and another does not, where they disagree, and
the blocs each one's claims alone would draw.

A *tie* is a pair of entities (either direction) with a sign: cooperative, hostile or neutral.
Two claimants share a tie when both claim some relation of that sign between the pair; they
*disagree* on a pair when one claims only cooperative ties and the other only hostile ones,
neutral ties aside (that two sides talk, or that one leads the other, takes no side).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from ..subgraph import View
from .balance import balance
from .status import held

SIGNS = {1: "+", -1: "−", 0: "0"}


def compare(
    view: View, first: str, second: str, include_status: Iterable[str] = ()
) -> dict[str, Any]:
    """The ties only ``first`` claims, only ``second``, both (with the terms each uses), the
    pairs they disagree on, and each one's blocs (claimant ids; the claims held as fact, and
    ``include_status``)."""
    include = list(include_status)
    view = held(view, include)
    names = {n["id"]: n["name"] for n in [*view.nodes, *view.claimants]}
    said: dict[tuple[str, str], dict[int, dict[str, set[str]]]] = {}
    for edge in view.edges:
        who = edge.get("claimant")
        if who not in (first, second):
            continue
        pair = tuple(sorted((edge["start"], edge["end"])))
        terms = said.setdefault(pair, {}).setdefault(edge.get("sign") or 0, {})  # type: ignore[arg-type]
        terms.setdefault(who, set()).add(str(edge.get("term")))
    rows: dict[str, list[dict[str, Any]]] = {"only_first": [], "only_second": [], "both": []}
    disagree = []
    for pair, by_sign in sorted(said.items()):
        shown = " — ".join(names.get(end, end) for end in pair)
        for sign, by in sorted(by_sign.items(), reverse=True):
            group = "both" if len(by) == 2 else "only_first" if first in by else "only_second"
            row = {"pair": shown, "ends": list(pair), "sign": SIGNS.get(sign, str(sign)),
                   "terms": ", ".join(sorted(set().union(*by.values())))}  # fmt: skip
            if group == "both":  # and which of them says which
                row |= {"first_terms": ", ".join(sorted(by[first])),
                        "second_terms": ", ".join(sorted(by[second]))}  # fmt: skip
            rows[group].append(row)
        signs = {who: {s for s, by in by_sign.items() if who in by} for who in (first, second)}
        if signs[first] and signs[second] and _opposed(signs[first], signs[second]):
            disagree.append({"pair": shown, "ends": list(pair), "first": _signs(signs[first]),
                             "second": _signs(signs[second])})  # fmt: skip
    blocs = {}
    for who in (first, second):
        own = replace(view, edges=[e for e in view.edges if e.get("claimant") == who])
        blocs[who] = [[sorted(names.get(a, a) for a in side) for side in component]
                      for component in balance(own, include_status=include).blocs]  # fmt: skip
    return {"first": first, "second": second, **rows, "disagree": disagree, "blocs": blocs}


def _opposed(one: set[int], other: set[int]) -> bool:
    """One side says only cooperative, the other only hostile (or the reverse), neutral ties
    aside."""
    one, other = one - {0}, other - {0}
    return (one == {1} and other == {-1}) or (one == {-1} and other == {1})


def _signs(signs: set[int]) -> str:
    return " ".join(SIGNS.get(s, str(s)) for s in sorted(signs, reverse=True))
