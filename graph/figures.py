"""Numbers a claim gives: people killed, wounded, captured, fighters, displaced.

A relation may say ``quantities: {killed: {low: 24, high: 99, of: Taliban, said: dozens}}``:
each figure is the relation's claimant's, rests on the relation's sources and carries its
grades. ``low``/``best``/``high`` follow UCDP's estimates (any one may be given alone: "more
than 40" is ``low: 41``); ``said`` keeps the source's own words; ``of`` names whose people they
are (one of the relation's two ends). A bare number is a best estimate: ``captured: 40``.

Stored flat on the relation, since Neo4j keeps no maps: ``quantities`` lists the names given,
and each figure's parts are ``<name>_low``, ``<name>_best``, … (``killed_best``), so that
Cypher can sum them: ``sum(r.killed_best)``. The names are a fixed list: a typo is refused,
and no property name ever comes from data.
"""

from __future__ import annotations

import json
import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    model_validator,
)

QUANTITIES = {
    "killed": "people killed",
    "wounded": "people wounded",
    "casualties": "people killed or wounded, as the source counts them",
    "captured": "people taken prisoner",
    "fighters": "fighters under arms",
    "displaced": "people forced from their homes",
}
Quantity = Literal["killed", "wounded", "casualties", "captured", "fighters", "displaced"]
# Figures compared with each other in claims-disputed: the same quantity, and killed with
# casualties (casualty counts are often retold as deaths: a headline's "slaying in the
# hundreds" from a tweet's "350 casualties"). cypher/queries/claims-disputed.cypher says it too.
MEASURE = {"casualties": "killed"}
PARTS = ("low", "best", "high", "of", "said")
# A count as a file or a feed writes it: 12, or 12.0 (a spreadsheet's); not 1_000, +5 or 1e3,
# which Python's int() and pydantic would take.
WHOLE = re.compile(r"([0-9]{1,18})(?:\.0*)?\Z")  # more digits: no count, and int() refuses 4,301
MAX_COUNT = 1_000_000_000


def whole_count(value: str) -> int:
    """A count as written (``12``, ``12.0``), or a ValueError saying why it is none."""
    text = value.strip()
    if not (written := WHOLE.match(text)):
        too_big = text.isascii() and text.isdigit()
        below = text.startswith("-") and WHOLE.match(text[1:].strip()) is not None
        why = "too large" if too_big else "negative" if below else "not a whole number"
        raise ValueError(f"{value[:40]!r} is {why}")
    return int(written[1])


def _count(value: Any) -> Any:
    return whole_count(value) if isinstance(value, str) else value


Count = Annotated[int, BeforeValidator(_count), Field(ge=0, le=MAX_COUNT)]
# A figure's numbers are whole numbers as written: not "12", not 12.0, not true.
Number = Annotated[int, Strict(), Field(ge=0, le=MAX_COUNT)]
SHAPE = "a figure is a whole number (a best estimate) or a mapping of low, best, high, of, said"


class Figure(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    low: Number | None = None
    best: Number | None = None
    high: Number | None = None
    of: Annotated[str, StringConstraints(min_length=1, max_length=500)] | None = None
    said: Annotated[str, StringConstraints(min_length=1, max_length=500)] | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Figure:
        given = [v for v in (self.low, self.best, self.high) if v is not None]
        if not given:
            raise ValueError("a figure gives at least one of low, best, high")
        if given != sorted(given):
            raise ValueError("a figure's numbers run low ≤ best ≤ high")
        return self


def figures_of(value: Any) -> Any:
    """A CSV cell holds the mapping as JSON; a bare number is a best estimate."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return {}
    if isinstance(value, str):
        value = _json(value)
        if value is None:  # a cell saying null
            return {}
    if not isinstance(value, dict):
        raise ValueError("write the figures as a mapping: {killed: {best: 12}}")
    figures = {}
    for name, figure in value.items():
        if isinstance(figure, int) and not isinstance(figure, bool):
            figure = {"best": figure}
        elif not isinstance(figure, dict):
            raise ValueError(f"{name}: {SHAPE}, not {figure!r:.40}")
        figures[name] = figure
    return figures


def _json(cell: str) -> Any:
    """A CSV cell's JSON: a key given twice, or nesting no figure has, is refused."""

    def once(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [key for key, _ in pairs]
        if twice := sorted({key for key in keys if keys.count(key) > 1}):
            raise ValueError(f"the key {twice[0]!r} is given twice")
        return dict(pairs)

    hint = 'write the figures as a mapping, in a CSV cell as JSON: {"killed": {"best": 12}}'
    try:
        return json.loads(cell, object_pairs_hook=once)
    except RecursionError:
        raise ValueError(f"nested deeper than any figure; {hint}") from None
    except ValueError as exc:
        if "given twice" in str(exc):
            raise
        raise ValueError(hint) from None


Quantities = Annotated[dict[Quantity, Figure], BeforeValidator(figures_of)]


def stored(quantities: dict[str, Figure]) -> dict[str, Any]:
    """The figures as flat properties: ``quantities`` (the names, in QUANTITIES' order) and
    ``<name>_<part>`` for each part given."""
    if not quantities:
        return {}
    props: dict[str, Any] = {"quantities": [q for q in QUANTITIES if q in quantities]}
    for name, figure in quantities.items():
        for part in PARTS:
            if (value := getattr(figure, part)) is not None:
                props[f"{name}_{part}"] = value
    return props


def as_written(props: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The figures of stored properties, as a dataset file writes them."""
    return {
        name: {p: props[f"{name}_{p}"] for p in PARTS if props.get(f"{name}_{p}") is not None}
        for name in props.get("quantities") or []
    }


def text(figure: dict[str, Any]) -> str:
    """'350', '24–99', '41 or more', 'up to 100', '350 (300–400)'; then the words, quoted."""
    low, best, high = figure.get("low"), figure.get("best"), figure.get("high")
    if low is not None and high is not None:
        span = f"{low}–{high}"
    elif low is not None:
        span = f"{low} or more"
    elif high is not None:
        span = f"up to {high}"
    else:
        span = ""
    shown = span if best is None else f"{best} ({span})" if span else str(best)
    said = figure.get("said")
    return f'{shown} ("{said}")' if said else shown


def disagree(one: dict[str, Any], other: dict[str, Any]) -> bool:
    """Two figures of one measure disagree when their ranges do not meet, or both give a best
    estimate and the two differ. A missing low is 0; a missing high is open."""

    def span(f: dict[str, Any]) -> tuple[float, float]:
        low = next(v for v in (f.get("low"), f.get("best"), 0) if v is not None)
        high = next((v for v in (f.get("high"), f.get("best")) if v is not None), float("inf"))
        return low, high

    (a_low, a_high), (b_low, b_high) = span(one), span(other)
    bests = one.get("best"), other.get("best")
    return a_low > b_high or b_low > a_high or (None not in bests and bests[0] != bests[1])


def disputes(edges: list[dict[str, Any]]) -> dict[tuple[Any, Any, str], list[dict[str, Any]]]:
    """For each figure of these relations (stored properties, with ``start``, ``end``), keyed
    by the relation's id, its dataset and the quantity, the figures of other relations that
    disagree with it, by the rule claims-disputed follows: the same two ends, the same side, the
    same event or one naming none, one measure. Grouped by event, so that a feed's thousands
    of events between two sides cost one pass."""
    groups: dict[tuple, dict[Any, list[tuple[dict[str, Any], str, dict[str, Any]]]]] = {}
    for edge in edges:
        for name, figure in as_written(edge).items():
            ends = tuple(sorted((edge["start"], edge["end"])))
            key = (ends, figure.get("of"), MEASURE.get(name, name))
            at_event = groups.setdefault(key, {}).setdefault(edge.get("event"), [])
            at_event.append((edge, name, figure))
    found: dict[tuple[Any, Any, str], list[dict[str, Any]]] = {}
    for by_event in groups.values():
        loose = by_event.get(None, [])
        everything = [item for items in by_event.values() for item in items]
        for event, items in by_event.items():
            partners = everything if event is None else items + loose
            for edge, name, figure in items:
                for other, other_name, other_figure in partners:
                    if other is not edge and disagree(figure, other_figure):
                        found.setdefault((edge.get("id"), edge.get("dataset"), name), []).append(
                            {"quantity": other_name, "claimant": other.get("claimant"),
                             "claimant_name": other.get("claimant_name"), **other_figure}
                        )  # fmt: skip
    return found
