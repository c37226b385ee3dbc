"""What a view shows: the nodes and relations the filters select, read from Neo4j.

Pure data out (no HTML here): :func:`select` returns a :class:`~graph.subgraph.View` that the
renderer draws, the exporters write, the analyses read, or a notebook inspects.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import neo4j

from ..arguments import MOST_DAYS, Whole, checked
from ..cypher import cypher
from ..db import Graph
from ..errors import QueryError, ViewTooLargeError, as_option
from ..resolve import Resolver
from ..subgraph import Filters, View, account_of
from ..text import counted
from ..validate.lineage import carriers
from .hidden import hiding, unhidden, unmixed
from .known import check_datasets, check_words, resolve_name, resolver_for
from .named import find
from .params import bind, chosen_params, convert, entity_params, names_given, param_named
from .run import limited, run


def narrowing(filters: Filters) -> str:
    """The options that would narrow a view too large to draw, given those already used."""
    ways = []
    if filters.around:
        depth, around = (
            as_option("--depth", "Filters.depth"),
            as_option("--around", "Filters.around"),
        )
        ways.append(f"a smaller {depth}" if filters.depth > 1 else f"another {around}")
    else:
        ways.append(as_option("--around NAME", "Filters.around"))
    if filters.query or filters.cypher:
        ways.append("a narrower query")
    ways += [
        as_option(option, f"Filters.{field}")
        for option, field in (("--dataset", "datasets"), ("--relation", "relations"),
                              ("--as-of", "as_of"), ("--kind", "kinds"),
                              ("--min-confidence", "min_confidence"), ("--claimant", "claimants"))
    ]  # fmt: skip
    return ", ".join(ways[:-1]) + " or " + ways[-1]


@checked
def select(
    graph: Graph,
    filters: Filters | None = None,
    title: str | None = None,
    *,
    max_relations: Whole | None = None,
    on_step: Callable[[str], None] | None = None,
) -> View:
    """Read the part of the graph the filters ask for (none of a dataset a batched load is
    writing: graph.query.hidden).

    With ``max_relations``, the relations are counted in the server first, and a selection
    of more is refused (:class:`~graph.errors.ViewTooLargeError`) before any is read.
    ``on_step`` hears what is being done ("Reading 84,000 relations")."""
    wanted = _dated_by_query(filters or Filters())
    step = on_step or (lambda _message: None)
    return unmixed(graph, lambda hidden: _select(graph, wanted, title, hidden, max_relations, step))


def _dated_by_query(filters: Filters) -> Filters:
    """The filters, in force on the day a named query is asked about (its ``date`` parameter,
    as ``as-of`` has, with its ``window``) unless a day is chosen already: the page then draws
    the relations in force that day among the entities the query returns, not all of theirs.
    Not when it asks for undated relations too, which are in force on no day."""
    if filters.query is None or "date" not in filters.params:
        return filters
    declared = {p.name: p.type for p in find(filters.query).params}
    if declared.get("date") != "date":
        return filters
    read = ("date", "window", "include_undated")
    given = {
        k: convert(v, declared.get(k, "string"), param_named(k))
        for k, v in filters.params.items()
        if k in read and k in declared
    }
    asked = "window" in given and declared["window"] in ("int", "count")
    chosen = filters.as_of is not None or filters.window != Filters().window  # --window given
    if asked and chosen and given["window"] != filters.window:
        raise QueryError(
            f"{as_option('--window', 'Filters.window')} {filters.window} and "
            f"{param_named('window')}={given['window']} differ: the page "
            f"would draw another window than the query reads. Give one of them (or the same "
            "number to both)."
        )
    if filters.as_of is not None:
        if given["date"] != filters.as_of:
            raise QueryError(
                f"{as_option('--as-of', 'Filters.as_of')} {filters.as_of.isoformat()} and "
                f"{param_named('date')}={given['date'].isoformat()} name two days: give one of "
                "them."
            )
        return filters
    if given.get("include_undated") is True:
        return filters
    window = given["window"] if asked else filters.window
    if window is None or not 0 <= window <= MOST_DAYS:  # one's own query may say `int`
        raise QueryError(
            f"{param_named('window')}: {window} is not a number of days the page can draw (0 to "
            f"{MOST_DAYS:,})."
        )
    return replace(filters, as_of=given["date"], window=window)


def _select(
    graph: Graph,
    filters: Filters,
    title: str | None,
    hidden: list[str],
    max_relations: int | None,
    step: Callable[[str], None],
) -> View:
    unhidden(filters.datasets, hidden)
    check_datasets(graph, [*filters.datasets, *filters.exclude_datasets])
    check_words(graph, filters.relations, filters.kinds)
    ids: list[str] | None = None
    resolver = resolver_for(graph)  # reads, for each name, what it may stand for
    rows = 0  # that the query returned
    if filters.query or filters.cypher:
        step(f"Running the query {filters.query}" if filters.query else "Running the Cypher")
        ids, rows = _ids_from_query(graph, filters, resolver, hidden)
    claimants = _claimant_ids(filters, resolver)
    params = {
        "relations": filters.relations,
        "min_confidence": filters.min_confidence,
        "as_of": filters.as_of,
        "window": filters.window,
        "kinds": filters.kinds,
        "ids": ids,
        "datasets": filters.datasets,
        "exclude_datasets": [*filters.exclude_datasets, *hidden],
        **claimants,
    }
    center = None
    if filters.around:
        center = resolve_name(resolver, filters.around)
        keep = _around(graph, center, filters.depth, params)
        params["ids"] = sorted(keep if ids is None else keep & set(ids))
        ids = sorted(keep)
    if max_relations:
        step("Counting the relations of the view")
        total = graph.read(cypher("views/edges_count"), params)[0]["relations"]
        if total > max_relations:
            limit = as_option("--max-relations", "max_relations")
            raise ViewTooLargeError(
                f"This view takes in {total:,} relations; a page draws at most "
                f"{max_relations:,} ({limit}). Narrow it with {narrowing(filters)}, or raise "
                f"{limit} (0: no limit)."
            )
        step(f"Reading {counted(total, 'relation')}")
    edges = sorted(graph.read_values(cypher("views/edges"), params), key=_by_id)
    if not filters.around and _narrowed(filters):
        ids = sorted({e["start"] for e in edges} | {e["end"] for e in edges} | set(ids or []))
        if _whole_datasets(filters):
            chosen = {"datasets": filters.datasets}
            ids = sorted({*ids, *graph.read(cypher("views/dataset_entities"), chosen)[0]["ids"]})
    wanted = {"ids": ids, "kinds": filters.kinds, "hidden": hidden}
    nodes = graph.read_values(cypher("views/nodes"), wanted)
    if rows and not nodes:
        kinds = " of the kinds asked" if filters.kinds else ""
        raise QueryError(
            f"The query gave {counted(rows, 'row')} but no actor, place or event{kinds} to draw: "
            "a page draws the entities a query returns as nodes, relationships or paths, or "
            "as ids in a column named id or ending in _id."
        )
    source_ids = sorted({s for e in edges for s in e["props"].get("sources", [])})
    # A view of one dataset is exported with its accounts of other datasets' sources, which
    # may name other carriers and parties (graph.exchange.document).
    own = filters.datasets[0] if len(filters.datasets) == 1 else None
    sources = _with_carriers(graph, source_ids, own)
    names = {n["id"]: n["name"] for n in nodes}
    # Claimants not drawn, the events claims name, and the actors sources speak for: an export
    # loads on its own.
    said = [(s.get("props") or {}, account_of(s.get("props") or {}, own)) for s in sources.values()]
    parties = {told.get("party") for props, account in said for told in (props, account)}
    named = {e["props"].get(key) for e in edges for key in ("claimant", "event")}
    claimant_ids = sorted((named | parties) - set(names) - {None})
    claimants = []
    if claimant_ids:
        claimants = graph.read_values(
            cypher("views/nodes"), {"ids": claimant_ids, "kinds": [], "hidden": hidden}
        )
        names |= {n["id"]: n["name"] for n in claimants}
    drawn = [_edge(e, names) for e in edges]
    return View(
        nodes=nodes,
        edges=drawn,
        title=title or _default_title(filters, nodes, drawn),
        description=_description(graph, filters, [*nodes, *drawn]),
        filters=filters,
        sources=sources,
        claimants=claimants,
        center=center,
    )


def _claimant_ids(filters: Filters, resolver: Resolver) -> dict[str, list[str]]:
    """The claimant filters' names as ids (a name that matches no actor, or several, is an
    error: an empty selection would hide the typo)."""
    return {
        key: [resolve_name(resolver, name, option, ["actor"]) for name in names]
        for key, names, option in (
            ("claimants", filters.claimants, as_option("--claimant", "Filters.claimants")),
            (
                "exclude_claimants",
                filters.exclude_claimants,
                as_option("--exclude-claimant", "Filters.exclude_claimants"),
            ),
        )
    }


def _with_carriers(
    graph: Graph, ids: list[str], dataset: str | None = None
) -> dict[str, dict[str, Any]]:
    """The sources with these ids, and every source that carried one (``via``, and on): an
    export must hold the article a statement it cites came through, and lineage reads it.
    With ``dataset``, the carriers its accounts name too. Two reads whatever the depth: the
    carriers, then the sources."""
    rows = graph.read(cypher("read/source_via"))
    via = {r["id"]: r["via"] for r in rows}
    told = via | {r["id"]: v for r in rows if (v := account_of(r, dataset).get("via"))}
    wanted = set(ids).union(*(carriers(source, via) for source in ids))
    wanted = wanted.union(*(carriers(source, told) for source in ids))
    rows = graph.read_values(cypher("views/sources"), {"ids": sorted(wanted)})
    return {s["id"]: s for s in rows}


def _narrowed(filters: Filters) -> bool:
    return bool(
        filters.relations
        or filters.as_of
        or filters.min_confidence
        or filters.query
        or filters.cypher
        or filters.datasets
        or filters.exclude_datasets
        or filters.claimants
        or filters.exclude_claimants
    )


def _whole_datasets(filters: Filters) -> bool:
    """Datasets chosen and nothing else that narrows their relations: each comes whole, with
    the entities no relation of it touches."""
    chooses = _narrowed(replace(filters, datasets=[], exclude_datasets=[]))
    return bool(filters.datasets) and not chooses and not filters.kinds


def _description(graph: Graph, filters: Filters, items: list[dict]) -> str | None:
    """The description of the one dataset asked for, or that the items are of, if one."""
    of = filters.datasets or sorted({i["dataset"] for i in items if i.get("dataset")})
    if len(of) != 1:
        return None
    described = [
        r["description"] for r in graph.read(cypher("datasets/last_loads")) if r["name"] == of[0]
    ]
    return described[0] if described else None


def _default_title(filters: Filters, nodes: list[dict], edges: list[dict]) -> str:
    """The datasets asked for, or else those whose claims are drawn (or, with none, whose
    entities are): a study's claims about a feed's places are the study's page."""
    drawn = edges or nodes
    datasets = filters.datasets or sorted({i["dataset"] for i in drawn if i.get("dataset")})
    return "actorgraph: " + (", ".join(datasets) if datasets else "graph")


def _edge(row: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    props = dict(row["props"])
    props["claimant_name"] = names.get(props.get("claimant", ""), props.get("claimant"))
    return {"start": row["start"], "end": row["end"], "type": row["type"], **props}


def _around(graph: Graph, center: str, depth: int, params: dict[str, Any]) -> set[str]:
    """Everything within ``depth`` steps of ``center`` along the relations the view draws
    (``params``: its filters), directions ignored; read a step at a time."""
    keep, frontier = {center}, [center]
    for _ in range(depth):
        if not frontier:
            break
        step = {**params, "frontier": frontier}
        found = set(graph.read(cypher("views/neighbours"), step)[0]["ids"])
        frontier = sorted(found - keep)
        keep |= found
    return keep


def _by_id(edge: dict[str, Any]) -> tuple[bool, str]:
    """Relations in the order of their ids (those without one last), as ORDER BY r.id gave."""
    rid = edge["props"].get("id")
    return rid is None, rid or ""


def _ids_from_query(
    graph: Graph, filters: Filters, resolver: Resolver, hidden: list[str]
) -> tuple[list[str], int]:
    """The entities a query returns (nodes, relationships' ends, paths, and id columns), and
    how many rows it returned."""
    if filters.query:
        named = find(filters.query)
        entities = entity_params(named)
        chosen = chosen_params(named, datasets=filters.datasets,
                               exclude_datasets=filters.exclude_datasets,
                               claimants=filters.claimants,
                               exclude_claimants=filters.exclude_claimants)  # fmt: skip
        given = chosen | filters.params
        bound = bind(named, given, resolver if names_given(named, given) else None)
        text, bound = limited(named, hiding(named, bound, hidden), None)
        result = run(graph, text, bound, ours=named.builtin, timeout=filters.query_timeout)
        ids = {v for k, v in bound.items() if k in entities and isinstance(v, str)}
    else:
        result = run(graph, filters.cypher or "", filters.params, timeout=filters.query_timeout)
        ids = set()
    rows = 0
    for row in result.rows:
        rows += 1
        for column, value in row.items():
            _collect(value, ids, column)
    return sorted(ids), rows


def _collect(value: Any, ids: set[str], column: str) -> None:
    if isinstance(value, neo4j.graph.Node):
        if "id" in value:
            ids.add(value["id"])
    elif isinstance(value, neo4j.graph.Relationship):
        for end in (value.start_node, value.end_node):
            if end is not None and "id" in end:
                ids.add(end["id"])
    elif isinstance(value, neo4j.graph.Path):
        for node in value.nodes:
            _collect(node, ids, column)
    elif isinstance(value, list):
        for item in value:
            _collect(item, ids, column)
    elif isinstance(value, str) and (column == "id" or column.endswith("_id")):
        ids.add(value)
