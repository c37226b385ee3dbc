"""Interactive network views (pyvis, offline): select what to show, then draw it."""

from pathlib import Path

from ..db import Graph
from .data import Filters, View, select
from .html import network, render_html, write_html


def render(
    graph: Graph, out: Path, filters: Filters | None = None, title: str | None = None
) -> View:
    """Select with ``filters`` and write the page to ``out``; returns what was drawn."""
    view = select(graph, filters, title)
    write_html(view, out)
    return view


__all__ = ["Filters", "View", "network", "render", "render_html", "select", "write_html"]
