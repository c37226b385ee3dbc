"""A view as a dataset document: the loader's own schema (docs/model.md), so that
``actorgraph load`` reads an export back. Field lists come from the model (graph.model)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from ..figures import as_written
from ..model import CATEGORY_MODELS, FILE_SECTIONS, SECTION_OF, RelationIn, SourceIn, field_names
from ..parse.files import dataset_name_problem
from ..subgraph import View, account_of
from ..values import plain
from .claims import unique_claims

SCHEMA = "actorgraph/1"
ENTITY_FIELDS = {category: field_names(model) for category, model in CATEGORY_MODELS.items()}
SOURCE_FIELDS = field_names(SourceIn)
RELATION_FIELDS = field_names(RelationIn)
COLUMNS = {
    "sources": SOURCE_FIELDS,
    **{SECTION_OF[category]: fields for category, fields in ENTITY_FIELDS.items()},
    "relations": RELATION_FIELDS,
}


def document(view: View) -> dict[str, Any]:
    """The view as a dataset document (the loader's schema)."""
    doc: dict[str, Any] = {
        "format": SCHEMA,
        "dataset": _name(view.filters.datasets or view.datasets, part=view.filters.narrows()),
        "meta": {
            "exported": datetime.now(UTC).isoformat(timespec="seconds"),
            "filters": view.filters.describe(),
        },
        **{section: [] for section in FILE_SECTIONS},
    }
    if view.description and not view.filters.narrows():  # of the whole dataset
        doc["description"] = view.description
    named = view.filters.datasets or view.datasets
    own = named[0] if len(named) == 1 else None
    doc["sources"] = [
        _pick(_as_said(s.get("props") or s, own), SOURCE_FIELDS)
        for _, s in sorted(view.sources.items())
    ]
    drawn = {node["id"] for node in view.nodes}
    claimants = [node for node in view.claimants if node["id"] not in drawn]
    for node in [*view.nodes, *claimants]:  # claimants: every claim's claimant travels with it
        category = node.get("category") or "actor"
        said = _as_said(node.get("props") or node, own)
        doc[SECTION_OF[category]].append(_pick(said, ENTITY_FIELDS[category]))
    for edge in unique_claims(view.edges):
        record = edge | {"from": edge["start"], "to": edge["end"], "quantities": as_written(edge)}
        doc["relations"].append(_pick(record, RELATION_FIELDS))
    return doc


def _name(datasets: list[str], part: bool) -> str:
    """The datasets asked for, else every one the view holds: a name the loader takes. Part of
    them (``part``: a filtered view) is named apart, so that loading it back makes a dataset of
    its own instead of replacing the whole with the part."""
    suffix = " (part)" if part else ""
    joined = ", ".join(datasets) + suffix
    if dataset_name_problem(joined) is None:
        return joined
    return (f"export of {len(datasets)} datasets" if datasets else "export") + suffix


def _as_said(props: dict[str, Any], dataset: str | None) -> dict[str, Any]:
    """An entity or source of another dataset as ``dataset`` says it (docs/model.md): its own
    account when it keeps one, else the other's definition marked ``defined_by`` that dataset,
    a copy that loads as a reference beside it and as a definition where none is. Loading the
    export back so changes no account."""
    owner = props.get("dataset")
    if dataset is None or owner in (None, dataset):
        return props
    if account := account_of(props, dataset):
        return {"id": props["id"], **account}
    return {**props, "defined_by": owner}


def _pick(props: dict[str, Any], fields: list[str]) -> dict[str, Any]:
    return {k: plain(props[k]) for k in fields if props.get(k) not in (None, [], "", {})}
