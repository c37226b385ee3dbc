"""Write a view of the graph in the formats analysts' other tools read.

- ``json``: our dataset schema (the same sections and fields as the YAML datasets, documented
  in docs/model.md), so ``actorgraph load export.json`` recreates the graph.
- ``csv``: a folder of ``sources.csv``, ``actors.csv``, ``places.csv``, ``events.csv`` and
  ``relations.csv`` in the loader's CSV format (list cells joined with ``;``).
- ``graphml`` and ``gexf``: for Gephi, networkx, yEd; GEXF carries time intervals (``start`` and
  ``end`` of each actor, event and relation) so Gephi's timeline can play the graph.
- ``cypher``: a script of ``MERGE``/``CREATE`` statements, one per line, that recreates the graph
  in any Neo4j 5. Labels and types are checked words from the vocabulary; every value is written
  as an escaped Cypher literal.
"""

from __future__ import annotations

import csv
import json
import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ActorGraphError

if TYPE_CHECKING:
    import networkx as nx

    from ..views.data import View

FORMATS = ("json", "csv", "graphml", "gexf", "cypher")
SCHEMA = "actorgraph/1"
SECTION_OF = {"actor": "actors", "place": "places", "event": "events"}
ENTITY_FIELDS = {
    "actor": ["id", "name", "kind", "aliases", "description", "since", "until", "note"],
    "place": ["id", "name", "kind", "aliases", "description", "latitude", "longitude", "note"],
    "event": ["id", "name", "kind", "aliases", "description", "date", "note"],
}
SOURCE_FIELDS = ["id", "title", "publisher", "author", "date", "url", "reliability", "note"]
RELATION_FIELDS = [
    "id", "from", "term", "subtype", "to", "since", "until", "claimant", "sources", "evidence",
    "credibility", "confidence", "outcome", "event", "contradicts", "note",
]  # fmt: skip
_WORD = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class ExportError(ActorGraphError):
    """The view cannot be written in the format asked for."""


def document(view: View) -> dict[str, Any]:
    """The view as a dataset document (the loader's schema)."""
    doc: dict[str, Any] = {
        "format": SCHEMA,
        "dataset": ", ".join(view.datasets) or "export",
        "meta": {
            "exported": datetime.now(UTC).isoformat(timespec="seconds"),
            "filters": view.filters.describe(),
        },
        "sources": [
            _pick(s.get("props") or s, SOURCE_FIELDS) for _, s in sorted(view.sources.items())
        ],
        "actors": [],
        "places": [],
        "events": [],
        "relations": [],
    }
    for node in view.nodes:
        category = node.get("category") or "actor"
        doc[SECTION_OF[category]].append(_pick(node.get("props") or node, ENTITY_FIELDS[category]))
    for edge in view.edges:
        record = dict(edge, **{"from": edge["start"], "to": edge["end"]})
        doc["relations"].append(_pick(record, RELATION_FIELDS))
    return doc


def _pick(props: dict[str, Any], fields: list[str]) -> dict[str, Any]:
    return {k: _plain(props[k]) for k in fields if props.get(k) not in (None, [], "")}


def _plain(value: Any) -> Any:
    if hasattr(value, "iso_format"):
        return value.iso_format()
    if isinstance(value, date):
        return value.isoformat()
    return value


def write(view: View, fmt: str, out: Path) -> list[Path]:
    """Write ``view`` as ``fmt`` to ``out`` (a file, or a folder for csv); returns the paths."""
    if fmt not in FORMATS:
        raise ExportError(f"Unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}.")
    out = Path(out)
    if fmt == "csv":
        return write_csv(view, out)
    out.parent.mkdir(parents=True, exist_ok=True)
    import networkx as nx  # only the GraphML/GEXF writers need it; kept off the CLI's start

    if fmt == "json":
        out.write_text(json.dumps(document(view), ensure_ascii=False, indent=1) + "\n")
    elif fmt == "graphml":
        nx.write_graphml(to_networkx(view, dynamic=False), out)
    elif fmt == "gexf":
        nx.write_gexf(to_networkx(view, dynamic=True), out)
    else:
        out.write_text(cypher_script(view), encoding="utf-8")
    return [out]


# -- CSV -----------------------------------------------------------------------------------------
def write_csv(view: View, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    doc = document(view)
    written = []
    columns = {
        "sources": SOURCE_FIELDS,
        "actors": ENTITY_FIELDS["actor"],
        "places": ENTITY_FIELDS["place"],
        "events": ENTITY_FIELDS["event"],
        "relations": RELATION_FIELDS,
    }
    for section, fields in columns.items():
        path = folder / f"{section}.csv"
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(fields)
            for record in doc[section]:
                writer.writerow([_csv_cell(record, f, section) for f in fields])
        written.append(path)
    return written


def _csv_cell(record: dict[str, Any], field: str, section: str) -> str:
    value = record.get(field)
    if value is None:
        return ""
    if isinstance(value, list):
        for item in value:
            if ";" in str(item):
                raise ExportError(
                    f"{section} {record.get('id')!r}, {field}: {item!r} contains ';', which CSV "
                    "exports use to separate list items; export as json instead."
                )
        return ";".join(str(v) for v in value)
    return str(value)


# -- networkx (GraphML, GEXF) --------------------------------------------------------------------
def to_networkx(view: View, dynamic: bool = False) -> nx.MultiDiGraph:
    """A networkx multigraph with flat attributes (lists joined by '; ', dates as text)."""
    import networkx as nx

    graph = nx.MultiDiGraph(name=view.title)
    for node in view.nodes:
        props = dict(node.get("props") or node)
        attrs = _flat(props, skip={"name_keys", "aliases_text", "id"})
        attrs["label"] = node["name"]
        if dynamic:
            start = props.get("date_start") or props.get("since_start")
            end = props.get("date_end") or props.get("until_end")
            attrs |= _interval(start, end)
        graph.add_node(node["id"], **attrs)
    present = set(graph.nodes)
    for edge in view.edges:
        if edge["start"] not in present or edge["end"] not in present:
            continue
        attrs = _flat(edge, skip={"start", "end", "content_hash"})
        attrs["label"] = edge.get("term") or edge["type"]
        if dynamic:
            attrs |= _interval(edge.get("since_start"), edge.get("until_end"))
        graph.add_edge(edge["start"], edge["end"], key=edge.get("id"), **attrs)
    return graph


def _flat(props: dict[str, Any], skip: set[str]) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in props.items():
        if key in skip or value is None or key in ("start", "end"):
            continue
        value = _plain(value)
        if isinstance(value, list):
            value = "; ".join(str(v) for v in value)
        elif isinstance(value, dict):
            value = json.dumps(value, ensure_ascii=False)
        flat[key] = value
    return flat


def _interval(start: Any, end: Any) -> dict[str, str]:
    interval = {}
    if start is not None:
        interval["start"] = _plain(start)
    if end is not None:
        interval["end"] = _plain(end)
    return interval


# -- Cypher --------------------------------------------------------------------------------------
def cypher_script(view: View, batch: int = 200) -> str:
    """Statements, one per line, that recreate the view in any Neo4j 5."""
    from ..db import cypher, split_statements

    lines = [
        f"// actorgraph export ({SCHEMA}) of {', '.join(view.datasets) or 'a graph'}",
        f"// {len(view.nodes)} nodes, {len(view.edges)} relations, {len(view.sources)} sources."
        " Run it with cypher-shell -f, or `actorgraph query --write --file` one line at a time.",
    ]
    lines += [" ".join(s.split()) + ";" for s in split_statements(cypher("schema"))]
    sources = [{"id": s["id"], "props": s.get("props") or s} for s in view.sources.values()]
    for chunk in _chunks(sources, batch):
        lines.append(
            f"UNWIND {literal(chunk)} AS row MERGE (s:Source {{id: row.id}}) SET s = row.props;"
        )
    groups: dict[str, list[dict[str, Any]]] = {}
    for node in view.nodes:
        props = dict(node.get("props") or {"id": node["id"], "name": node["name"]})
        labels = [_label(node.get("category", "actor").capitalize())]
        kind_label = _kind_label(props)
        if kind_label:
            labels.append(kind_label)
        groups.setdefault(":".join(labels), []).append({"id": node["id"], "props": props})
    for labels, rows in sorted(groups.items()):
        for chunk in _chunks(rows, batch):
            lines.append(
                f"UNWIND {literal(chunk)} AS row MERGE (n:Entity {{id: row.id}}) "
                f"SET n = row.props, n:{labels};"
            )
    by_type: dict[str, list[dict[str, Any]]] = {}
    for edge in view.edges:
        props = {
            k: v for k, v in edge.items() if k not in ("start", "end", "type", "claimant_name")
        }
        by_type.setdefault(_label(edge["type"]), []).append(
            {"start": edge["start"], "end": edge["end"], "props": props}
        )
    for rel_type, rows in sorted(by_type.items()):
        for chunk in _chunks(rows, batch):
            lines.append(
                f"UNWIND {literal(chunk)} AS row MATCH (a:Entity {{id: row.start}}), "
                f"(b:Entity {{id: row.end}}) CREATE (a)-[r:{rel_type}]->(b) SET r = row.props;"
            )
    return "\n".join(lines) + "\n"


def _kind_label(props: dict[str, Any]) -> str | None:
    from ..vocabulary import load_vocabulary

    vocabulary = load_vocabulary()
    category, kind = props.get("category"), props.get("kind")
    try:
        return vocabulary.label(category, kind) if category and kind else None
    except KeyError:
        return None


def _label(word: str) -> str:
    if not _WORD.match(word):
        raise ExportError(f"{word!r} is not a plain label or type; refusing to write it.")
    return word


def _chunks(items: list[Any], size: int):  # type: ignore[no-untyped-def]
    for i in range(0, len(items), size):
        yield items[i : i + size]


def literal(value: Any) -> str:
    """A Cypher literal for ``value``: strings escaped, dates as date(), maps and lists nested."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if hasattr(value, "iso_format") or isinstance(value, date):
        return f"date('{_plain(value)}')"
    if isinstance(value, str):
        return "'" + _escape(value) + "'"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)}: {literal(v)}" for k, v in value.items()) + "}"
    raise ExportError(f"Cannot write a {type(value).__name__} as Cypher.")


def _key(key: str) -> str:
    return key if _WORD.match(key) else "`" + key.replace("`", "``") + "`"


def _escape(text: str) -> str:
    out = []
    for char in text:
        if char == "\\":
            out.append("\\\\")
        elif char == "'":
            out.append("\\'")
        elif char == "\n":
            out.append("\\n")
        elif char == "\r":
            out.append("\\r")
        elif char == "\t":
            out.append("\\t")
        elif ord(char) < 32:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return "".join(out)
