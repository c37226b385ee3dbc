"""The plain data every stage after the query works on: which part of the graph was asked for
(:class:`Filters`) and what it holds (:class:`View`). No database, no drawing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass
class Filters:
    """How to narrow the graph. Empty lists and None mean "no filter"."""

    around: str | None = None
    depth: int = 1
    relations: list[str] = field(default_factory=list)
    as_of: date | None = None
    min_confidence: float = 0.0
    kinds: list[str] = field(default_factory=list)
    query: str | None = None
    cypher: str | None = None
    params: dict[str, Any] = field(default_factory=dict)

    def describe(self) -> list[str]:
        """Human-readable lines for the page header."""
        lines = []
        if self.around:
            lines.append(f"around {self.around}, depth {self.depth}")
        if self.relations:
            lines.append("relations: " + ", ".join(self.relations))
        if self.as_of:
            lines.append(f"in force on {self.as_of.isoformat()}")
        if self.min_confidence:
            lines.append(f"confidence ≥ {self.min_confidence:g}")
        if self.kinds:
            lines.append("kinds: " + ", ".join(self.kinds))
        if self.query:
            params = ", ".join(f"{k}={v}" for k, v in self.params.items())
            lines.append(f"query {self.query}" + (f" ({params})" if params else ""))
        if self.cypher:
            lines.append("ad-hoc Cypher query")
        return lines


@dataclass
class View:
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    title: str = "actorgraph"
    filters: Filters = field(default_factory=Filters)
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def datasets(self) -> list[str]:
        return sorted({n["dataset"] for n in self.nodes if n.get("dataset")})


def day_of(value: Any) -> date | None:
    """A stored date (driver date, Python date or ISO text) as a Python date."""
    if value is None:
        return None
    if isinstance(value, date):
        return value
    if hasattr(value, "to_native"):
        return value.to_native()
    return date.fromisoformat(str(value))


def in_force(edge: dict[str, Any], on: date) -> bool:
    """Whether a relation is in force on a day: begun by then (by the earliest reading of a
    partial date) and not yet over (by the latest reading). The same rule as
    cypher/fragments/in_force.cypher, which the views and the ``as-of`` query use."""
    start, end = day_of(edge.get("since_start")), day_of(edge.get("until_end"))
    return start is not None and start <= on and (end is None or end >= on)
