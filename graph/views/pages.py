"""Views of analysis results: the network page coloured by blocs, sized by centrality, narrowed
to what changed, and the timeline page. Each takes plain data and returns a new View or HTML."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, Required

import jinja2
from typing_extensions import TypedDict

from ..arguments import checked
from ..files import write_private_text
from ..subgraph import View
from .items import style


def blocs_view(view: View, blocs: list[tuple[list[str], list[str]]]) -> View:
    """Actors coloured by bloc (per component: bloc A, bloc B); actors in neither are grey."""
    spec = style()["blocs"]
    colours: dict[str, str] = {}
    for left, right in blocs:
        colours |= dict.fromkeys(left, spec["a"]["color"]) | dict.fromkeys(
            right, spec["b"]["color"]
        )
    nodes = [n | {"color": colours.get(n["id"], spec["none"]["color"])} for n in view.nodes]
    title = (
        f"Blocs: {spec['a']['label']} against {spec['b']['label']} "
        f"({spec['none']['label']}: no signed ties)"
    )
    return replace(view, nodes=nodes, title=title)


def compare_view(view: View, first: str, second: str, names: tuple[str, str]) -> View:
    """The claims of two claimants (ids), each drawn in the colour of its tie (a pair and a
    sign, as :func:`graph.analyze.compare` reads them): claimed by the first only, by the
    second only, or by both. ``names``: the two as the user wrote them, for the title."""
    spec = style()["compare"]
    edges = [e for e in view.edges if e.get("claimant") in (first, second)]
    claimed: dict[tuple, set[str]] = {}
    for edge in edges:
        tie = (*sorted((edge["start"], edge["end"])), edge.get("sign") or 0)
        claimed.setdefault(tie, set()).add(edge["claimant"])

    def colour(edge: dict[str, Any]) -> str:
        by = claimed[(*sorted((edge["start"], edge["end"])), edge.get("sign") or 0)]
        return spec["both" if len(by) == 2 else "first" if first in by else "second"]["color"]

    ends = {e[k] for e in edges for k in ("start", "end")}
    title = (
        f"Whose story: only {names[0]} ({spec['first']['label']}), only {names[1]} "
        f"({spec['second']['label']}), both ({spec['both']['label']})"
    )
    said = {"first": f"only {names[0]} claims", "second": f"only {names[1]} claims",
            "both": "both claim (a pair and a sign)"}  # fmt: skip
    return replace(
        view,
        nodes=[n for n in view.nodes if n["id"] in ends],
        edges=[e | {"color": colour(e)} for e in edges],
        title=title,
        edge_legend=[{"color": spec[key]["color"], "label": label} for key, label in said.items()],
    )


def sized_by_betweenness(view: View, rows: list[dict[str, Any]]) -> View:
    """Node size (and label size, and which names are drawn first) by betweenness instead of
    the number of neighbours; rows as :func:`graph.analyze.centrality` returns them, and a
    node it does not score (not an actor) is drawn smallest."""
    score = {r["id"]: r["betweenness"] for r in rows}
    return replace(view, nodes=[n | {"value": score.get(n["id"], 0.0)} for n in view.nodes])


def centrality_view(view: View, rows: list[dict[str, Any]]) -> View:
    """`analyze centrality --render`: node size by betweenness, and a title that says so."""
    sized = sized_by_betweenness(view, rows)
    return replace(sized, title="Centrality: node size by betweenness")


def changes_view(
    view: View, changes: dict[str, list[dict[str, Any]]], since: str, until: str
) -> View:
    """Only the relations that began or ended (:func:`graph.analyze.diff`), and their ends."""
    moved = {r["id"] for r in changes["began"] + changes["ended"]}
    edges = [e for e in view.edges if e.get("id") in moved]
    ends = {e[k] for e in edges for k in ("start", "end")}
    return replace(
        view,
        nodes=[n for n in view.nodes if n["id"] in ends],
        edges=edges,
        title=f"Relations that began or ended between {since} and {until}",
    )


def timeline_html(items: list[dict[str, Any]], title: str, filters: list[str]) -> str:
    """A page listing dated relations and events (:func:`graph.analyze.timeline`) in order."""
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("graph.views", "."), autoescape=True
    )
    spec = style()
    colours = {
        "cooperative": spec["signs"]["1"]["color"],
        "hostile": spec["signs"]["-1"]["color"],
        "event": spec["categories"]["event"]["color"],
    }
    page = environment.get_template("timeline.html")
    return page.render(title=title, items=items, filters=filters, colours=colours)


class TimelineItem(TypedDict, total=False):
    """A line of the timeline page, as :func:`graph.analyze.timeline` gives it."""

    type: Required[str]  # "relation", "event: battle"
    when: str | None
    what: str | None
    sign: int | None
    claimant: str | None
    credibility: int | None


@checked
def write_timeline(
    items: list[TimelineItem], path: Path, title: str = "Timeline", filters: Sequence[str] = ()
) -> Path:
    """Write the timeline page, owner-only; the folder is created if needed."""
    return write_private_text(Path(path), timeline_html(items, title, list(filters)))
