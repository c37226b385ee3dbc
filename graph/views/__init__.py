"""Interactive network views (pyvis, offline): select what to show, then draw it.

:func:`render` selects and writes the network page; :mod:`.pages` makes the pages of analysis
results (blocs, centrality, what changed, the timeline) from plain data.
"""

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from ..arguments import Whole, checked
from ..db import Graph
from ..errors import ViewTooLargeError, as_option
from ..query import select
from ..query.select import narrowing
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


@checked
def actor_view(
    graph: Graph,
    filters: Filters | None = None,
    title: str | None = None,
    aggregate: bool = True,
    events: bool = False,
    places: bool = False,
    *,
    max_relations: Whole | None = None,
    max_nodes: Whole | None = None,
    on_step: Callable[[str], None] | None = None,
) -> View:
    """What :func:`render` draws: the selection, with events and places folded into ties
    unless ``events``/``places`` or the filters chose them (graph.subgraph.folded), and
    without the nodes that have no relation in it unless ``filters.isolated``.

    A view of more than ``max_relations`` relations is refused before they are read, and one
    of more than ``max_nodes`` nodes before it is laid out
    (:class:`~graph.errors.ViewTooLargeError`); ``on_step`` hears what is being done."""
    chosen = select(graph, filters, title, max_relations=max_relations, on_step=on_step)
    view = connected(folded(chosen, events=events, places=places))
    return replace(fits_a_page(view, max_nodes), aggregate=aggregate)


def analysis_page(view: View, max_nodes: int | None = None, *, fold: bool = True) -> View:
    """What the page of an analysis draws of the view analysed, if a page may hold it
    (:func:`fits_a_page`): what :func:`actor_view` would (events and places folded into ties;
    not when ``fold`` is false, for analyses of claims that may be about events: compare,
    diff), without the nodes left with no relation."""
    return fits_a_page(connected(folded(view) if fold else view), max_nodes)


def fits_a_page(view: View, max_nodes: int | None) -> View:
    """``view``, if a page may draw its nodes: at most ``max_nodes`` (None or 0: any number);
    else :class:`~graph.errors.ViewTooLargeError`, before anything is laid out."""
    if max_nodes and len(view.nodes) > max_nodes:
        limit = as_option("--max-nodes", "max_nodes")
        raise ViewTooLargeError(
            f"This view draws {len(view.nodes):,} nodes; a page draws at most {max_nodes:,} "
            f"({limit}). Narrow it with {narrowing(view.filters)}, or raise {limit} "
            "(0: no limit)."
        )
    return view


@checked
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
    "analysis_page",
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
