"""The plain data every stage after the query works on: which part of the graph was asked for
(:class:`Filters`) and what it holds (:class:`View`). No database, no drawing."""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace
from datetime import date, timedelta
from typing import Annotated, Any

from .arguments import Day, Days, Instance, Named, Names, Seconds, Share, Whole, checked_field
from .errors import ArgumentError
from .text import counted


def _known_fields(cls: type, names: Iterable[str]) -> None:
    """Refuse a name that is none of the dataclass ``cls``'s fields, with the closest one."""
    known = [f.name for f in fields(cls)]
    for name in names:
        if name not in known:
            close = difflib.get_close_matches(name, known, n=1)
            hint = f"; did you mean {close[0]}?" if close else f"; it takes {', '.join(known)}."
            raise ArgumentError(f"{cls.__name__}: {name}: it takes no such field{hint}")


@dataclass
class Filters:
    """How to narrow the graph. Empty lists and None mean "no filter".

    The fields are checked and normalised when made and when set (graph.arguments): a single
    name is a list of one, a datetime or pandas Timestamp is its day, and a depth of -1 or a
    confidence of 2 is refused (:class:`~graph.errors.ArgumentError`)."""

    around: Named | None = None
    depth: Whole = 1
    relations: Names = field(default_factory=list)
    as_of: Day | None = None
    window: Days = 90  # with as_of: point acts (attacks …) of this many days before count
    min_confidence: Share = 0.0
    kinds: Names = field(default_factory=list)
    query: str | None = None
    cypher: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    query_timeout: Seconds | None = None  # seconds before Neo4j stops the query or Cypher
    datasets: Names = field(default_factory=list)  # only these datasets' relations
    exclude_datasets: Names = field(default_factory=list)
    claimants: Names = field(default_factory=list)  # only what these actors claim (names)
    exclude_claimants: Names = field(default_factory=list)
    isolated: bool = False  # views and analyses: also nodes without a relation here

    # Built from a dict (``select(g, {"around": "NRF"})``), a misspelt key is refused.
    __pydantic_config__ = {"extra": "forbid"}  # noqa: RUF012 (pydantic's, not a field)

    def __new__(cls, *args: Any, **given: Any) -> Filters:
        _known_fields(cls, given)  # the dataclass's own refusal is a TypeError
        return super().__new__(cls)

    def __setattr__(self, name: str, value: Any) -> None:
        _known_fields(type(self), [name])  # `f.dpeth = 2` would be kept and never read
        super().__setattr__(name, checked_field(type(self), name, value))

    def __post_init__(self) -> None:
        if self.query and self.cypher:
            raise ArgumentError("Filters: give query or cypher, not both.")
        if self.around is None and self.depth != 1:
            raise ArgumentError(f"Filters: depth {self.depth} counts steps from around: give it.")

    def narrows(self) -> bool:
        """Whether the view holds part of its datasets (not every item of each)."""
        return bool(
            self.around or self.relations or self.as_of or self.min_confidence or self.kinds
            or self.query or self.cypher or self.claimants or self.exclude_claimants
        )  # fmt: skip

    def describe(self) -> list[str]:
        """Human-readable lines for the page header."""
        lines = []
        if self.around:
            lines.append(f"around {self.around}, depth {self.depth}")
        if self.relations:
            lines.append("relations: " + ", ".join(self.relations))
        if self.as_of:
            lines.append(f"in force on {self.as_of.isoformat()} (acts of the {self.window} days "
                         "before)")  # fmt: skip
        if self.min_confidence:
            lines.append(f"confidence ≥ {self.min_confidence:g}")
        if self.kinds:
            lines.append("kinds: " + ", ".join(self.kinds))
        if self.query:
            params = ", ".join(f"{k}={v}" for k, v in self.params.items())
            lines.append(f"query {self.query}" + (f" ({params})" if params else ""))
        if self.cypher:
            lines.append("ad-hoc Cypher query")
        if self.datasets:
            lines.append("datasets: " + ", ".join(self.datasets))
        if self.exclude_datasets:
            lines.append("without datasets: " + ", ".join(self.exclude_datasets))
        if self.claimants:
            lines.append("claimed by: " + ", ".join(self.claimants))
        if self.exclude_claimants:
            lines.append("not claimed by: " + ", ".join(self.exclude_claimants))
        return lines


@dataclass
class View:
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    title: str = "actorgraph"
    filters: Filters = field(default_factory=Filters)
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    left_out: int = 0  # nodes of the selection not shown: no relation in it (see connected)
    # Actors that only claim relations of the view, events its claims name (`event`) and actors
    # its sources speak for (`party`): not drawn, but exported with it, so that the export loads
    # on its own.
    claimants: list[dict[str, Any]] = field(default_factory=list)
    # What the edges' colours mean when a page of an analysis colours them itself (a colour and a
    # label each); none: by sign, as always.
    edge_legend: list[dict[str, str]] = field(default_factory=list)
    # The page draws the claims between two nodes with one sign as one line (a tie), which a
    # click opens; False: every claim its own line.
    aggregate: bool = True
    # The node the selection was made around (--around), by id.
    center: str | None = None
    # Nodes not drawn because the page shows actors: {"event": n, "place": m} (see folded).
    folded: dict[str, int] = field(default_factory=dict)
    # The description of the one dataset the view is of, if it is of one (exports carry it).
    description: str | None = None

    @property
    def not_drawn(self) -> str | None:
        """What the selection held that the page does not draw, and the options that draw it:
        "7 events (--events), 9 places (--places), 5 without a relation here (--isolated)"."""
        parts = [
            f"{counted(count, category)} (--{category}s)"
            for category, count in sorted(self.folded.items())
        ]
        if self.left_out:
            parts.append(f"{self.left_out} without a relation here (--isolated)")
        return ", ".join(parts) or None

    @property
    def datasets(self) -> list[str]:
        held = [*self.nodes, *self.edges]
        return sorted({item["dataset"] for item in held if item.get("dataset")})


def account_of(props: dict[str, Any], dataset: str | None) -> dict[str, Any]:
    """What ``dataset``'s own account of another dataset's entity or source says, from the
    item's props (``accounts``: JSON by dataset; docs/model.md); {} without one."""
    if dataset is None or not props.get("accounts"):
        return {}
    return json.loads(props["accounts"]).get(dataset) or {}


# A View argument of the library's functions: an instance, never a dict made into one
# (graph.arguments.Instance).
AView = Annotated[View, Instance]


def connected(view: View) -> View:
    """The view without nodes that have no relation in it (a claimant-only actor, say), unless
    its filters ask for them (``isolated``): such nodes stray at the edges of a drawing and
    shift centrality. How many were left out is kept in ``left_out``."""
    if view.filters.isolated:
        return view
    ends = {end for edge in view.edges for end in (edge["start"], edge["end"])}
    nodes = [node for node in view.nodes if node["id"] in ends]
    return replace(view, nodes=nodes, left_out=view.left_out + len(view.nodes) - len(nodes))


def folded(view: View, events: bool = False, places: bool = False) -> View:
    """The actors' view of a selection: events and places are not drawn (nor the relations
    that reach them), so that a feed's events read as ties between actors, each claim keeping
    the event it names. Kept when asked for (``events``, ``places``), or when the selection
    chose them: a --kind, a query's own nodes, or the node it is made around. How many were
    folded is kept in ``folded``; an export never folds."""
    chosen = view.filters
    if chosen.kinds or chosen.query or chosen.cypher:
        return view
    hide = {c for c, keep in (("event", events), ("place", places)) if not keep}
    gone = {n["id"] for n in view.nodes if n.get("category") in hide and n["id"] != view.center}
    if not gone:
        return view
    counts: dict[str, int] = {}
    for node in view.nodes:
        if node["id"] in gone:
            counts[node["category"]] = counts.get(node["category"], 0) + 1
    known = {c["id"] for c in view.claimants}
    return replace(
        view,
        nodes=[n for n in view.nodes if n["id"] not in gone],
        edges=[e for e in view.edges if e["start"] not in gone and e["end"] not in gone],
        folded=counts,
        # Still named in tooltips ("event: Battle of Khavak") and exported.
        claimants=[*view.claimants, *(n for n in view.nodes if n["id"] in gone - known)],
    )


def day_of(value: Any) -> date | None:
    """A stored date (driver date, Python date or ISO text) as a Python date."""
    if value is None:
        return None
    if isinstance(value, date):
        return value
    if hasattr(value, "to_native"):
        return value.to_native()
    return date.fromisoformat(str(value))


def in_force(edge: dict[str, Any], on: date, window: int = 90) -> bool:
    """Whether a relation is in force on a day: begun by then (by the earliest reading of a
    partial date) and not yet over (by the latest reading); a point act (an attack, a capture:
    ``duration`` "point") only within ``window`` days before the day. The same rule as
    cypher/fragments/in_force.cypher, which the views and the ``as-of`` query use."""
    start, end = day_of(edge.get("since_start")), day_of(edge.get("until_end"))
    if start is None or start > on:
        return False
    if edge.get("duration") == "point":
        last = end or day_of(edge.get("since_end"))
        return last is not None and last >= on - timedelta(days=window)
    return end is None or end >= on
