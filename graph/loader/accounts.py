"""A dataset's own accounts of entities other datasets defined (docs/model.md).

The entity keeps the props of the dataset that defined it first; each other dataset that
defines it too (the same entity, or ``extends: true``) keeps what it says in the node's
``accounts`` (JSON by dataset), lists itself in ``account_datasets``, and adds its names to
``account_names``, which name resolution reads with the aliases. Only the dataset's own
entry is ever written, so another dataset's props and content hash never change. An account
that says word for word what the definition says (an export of the dataset loaded back, whose
file copies the other dataset's entities so that it loads on its own) is not kept: it adds
nothing, and the entity is a plain reference.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import neo4j
from pydantic import BaseModel

from ..cypher import cypher
from ..errors import WriteConflictError
from ..model import CATEGORY_MODELS, Entity, Origin, PartialDate, SourceIn
from ..validate import Dataset
from ..vocabulary import CATEGORY_LABELS
from .plan import entity_row, source_row, stored_fields

# The statements that read and write accounts, for entities and for sources.
STATEMENTS = {
    "entity": ("read/dataset_accounts", "write/accounts"),
    "source": ("read/dataset_source_accounts", "write/source_accounts"),
}


def account_rows(dataset: Dataset) -> dict[str, dict[str, dict[str, Any]]]:
    """What the dataset says of each entity and source it gives an account of (JSON-ready),
    by ``entity``/``source`` and id."""
    entities = {e.record.id: {"category": e.category, **_said(e.record)} for e in dataset.accounts}
    sources = {s.id: _said(s) for s in dataset.source_accounts}
    return {"entity": entities, "source": sources}


def _said(record: BaseModel) -> dict[str, Any]:
    said: dict[str, Any] = {}
    for name in stored_fields(type(record)):
        value = getattr(record, name)
        if isinstance(value, PartialDate):
            value = value.text
        if value not in (None, [], "") and name != "id":
            said[name] = list(value) if isinstance(value, list) else value
    return said


def sync_all(
    tx: neo4j.ManagedTransaction, dataset: str, wanted: dict[str, dict[str, dict[str, Any]]]
) -> Counter:
    """:func:`sync_accounts` for entities and sources; ``wanted`` as :func:`account_rows`."""
    outcomes: Counter = Counter()
    for kind in STATEMENTS:
        outcomes.update(sync_accounts(tx, dataset, wanted.get(kind, {}), kind))
    return outcomes


def sync_accounts(
    tx: neo4j.ManagedTransaction,
    dataset: str,
    wanted: dict[str, dict[str, Any]],
    kind: str = "entity",
) -> Counter:
    """Make the dataset's accounts the wanted ones; returns created/updated/unchanged/removed."""
    read, write = STATEMENTS[kind]
    outcomes: Counter = Counter()
    rows = []
    for stored in tx.run(cypher(read), dataset=dataset, ids=list(wanted)):
        accounts = json.loads(stored["accounts"] or "{}")
        old, new = accounts.get(dataset), wanted.get(stored["id"])
        if new is not None and _repeats_definition(stored, new):
            new = None
        if old == new:
            outcomes["unchanged"] += new is not None
            continue
        outcomes["removed" if new is None else "created" if old is None else "updated"] += 1
        if new is None:
            del accounts[dataset]
        else:
            accounts[dataset] = new
        rows.append(_row(stored["id"], accounts))
    if rows:
        done = tx.run(cypher(write), rows=rows).single()["count"]
        if done != len(rows):  # guarded like every write of a load
            raise WriteConflictError(
                f"cypher/{write}.cypher changed {done} items where {len(rows)} "
                "were planned; nothing was written."
            )
    return outcomes


def _repeats_definition(stored: neo4j.Record, said: dict[str, Any]) -> bool:
    """Whether ``said``, stored as the owner's own definition, would be the node's props."""
    if stored["owner"] is None:  # kept for others after its dataset was dropped
        return False
    props = _defined_props(stored["id"], dict(said), stored["owner"], stored["labels"])
    return props["content_hash"] == stored["content_hash"]


def _defined_props(
    item: str, said: dict[str, Any], dataset: str, labels: list[str]
) -> dict[str, Any]:
    """The props ``dataset``'s own load would write for an entity or source of which it says
    ``said`` (an account: an entity's has its ``category``); ``labels``: the node's, but
    ``Entity``."""
    if "category" not in said:
        return source_row(SourceIn.model_validate({"id": item, **said}), dataset)["props"]
    category = said.pop("category")
    record = CATEGORY_MODELS[category].model_validate({"id": item, **said})
    kinds = [label for label in labels if label != CATEGORY_LABELS[category]]
    return entity_row(Entity(category, record, Origin("", None)), dataset, kinds[0])["props"]


def _row(entity: str, accounts: dict[str, dict[str, Any]]) -> dict[str, Any]:
    names = {n for said in accounts.values() for n in (said.get("name"), *said.get("aliases", []))}
    return {
        "id": entity,
        "accounts": json.dumps(accounts, sort_keys=True, ensure_ascii=False) if accounts else None,
        "datasets": sorted(accounts) or None,
        "names": sorted(n for n in names if n) or None,
    }


def hand_over(
    tx: neo4j.ManagedTransaction, dataset: str, keep: list[str], keep_sources: list[str]
) -> Counter:
    """Entities and sources ``dataset`` defines no more but others keep an account of pass to
    the first of those datasets (by name): its account becomes the node's props, exactly as
    its own load would write them, so that its next load finds them unchanged."""
    rows, outcomes = [], Counter()
    found = tx.run(
        cypher("read/handed_over"), dataset=dataset, keep=keep, keep_sources=keep_sources
    )
    for stored in found:
        accounts = json.loads(stored["accounts"])
        heir = sorted(accounts)[0]
        props = _defined_props(stored["id"], accounts.pop(heir), heir, stored["labels"])
        extra = _row(stored["id"], accounts)
        kept = {
            "accounts": extra["accounts"],
            "account_datasets": extra["datasets"],
            "account_names": None if stored["source"] else extra["names"],
        }
        props |= {key: value for key, value in kept.items() if value is not None}
        rows.append({"eid": stored["eid"], "props": props})
        outcomes["handed over"] += 1
    if rows:
        tx.run(cypher("write/hand_over"), rows=rows).consume()
    return outcomes
