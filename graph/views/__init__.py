"""Interactive network views (pyvis, offline): select what to show, then draw it.

:func:`render` selects and writes the network page; :mod:`.pages` makes the pages of analysis
results (blocs, centrality, what changed, the timeline) from plain data.
"""

from dataclasses import replace
from pathlib import Path

from ..db import Graph
from ..query import select
from ..subgraph import Filters, View, connected, folded
from .html import network, render_html, write_html
from .pages import (
    blocs_view,
    centrality_view,
    changes_view,
    compare_view,
    sized_by_betweenness,
    timeline_html,
    write_timeline,
)


def actor_view(
    graph: Graph,
    filters: Filters | None = None,
    title: str | None = None,
    aggregate: bool = True,
    events: bool = False,
    places: bool = False,
) -> View:
    """What :func:`render` draws: the selection, with events and places folded into ties
    unless ``events``/``places`` or the filters chose them (graph.subgraph.folded), and
    without the nodes that have no relation in it unless ``filters.isolated``."""
    chosen = folded(select(graph, filters, title), events=events, places=places)
    return replace(connected(chosen), aggregate=aggregate)


def render(
    graph: Graph,
    out: Path,
    filters: Filters | None = None,
    title: str | None = None,
    aggregate: bool = True,
    events: bool = False,
    places: bool = False,
) -> View:
    """Select with ``filters`` and write the page to ``out`` (:func:`actor_view`); returns
    what was drawn. It draws the claims between two nodes with one sign as one line unless
    not ``aggregate``."""
    view = actor_view(graph, filters, title, aggregate, events=events, places=places)
    write_html(view, out)
    return view


__all__ = [
    "Filters",
    "View",
    "actor_view",
    "blocs_view",
    "centrality_view",
    "changes_view",
    "compare_view",
    "network",
    "render",
    "render_html",
    "select",
    "sized_by_betweenness",
    "timeline_html",
    "write_html",
    "write_timeline",
]
