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
    timeline_html,
    write_timeline,
)


def render(
    graph: Graph,
    out: Path,
    filters: Filters | None = None,
    title: str | None = None,
    aggregate: bool = True,
    events: bool = False,
    places: bool = False,
) -> View:
    """Select with ``filters`` and write the page to ``out``; returns what was drawn. The page
    shows actors: events and places are drawn only with ``events``/``places`` or when the
    filters chose them (graph.subgraph.folded); nodes without a relation in the selection are
    left out unless ``filters.isolated``. It draws the claims between two nodes with one sign
    as one line unless not ``aggregate``."""
    chosen = folded(select(graph, filters, title), events=events, places=places)
    view = replace(connected(chosen), aggregate=aggregate)
    write_html(view, out)
    return view


__all__ = [
    "Filters",
    "View",
    "blocs_view",
    "centrality_view",
    "changes_view",
    "compare_view",
    "network",
    "render",
    "render_html",
    "select",
    "timeline_html",
    "write_html",
    "write_timeline",
]
