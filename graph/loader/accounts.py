"""A dataset's own accounts of entities other datasets defined (docs/model.md).

The entity keeps the props of the dataset that defined it first; each other dataset that
defines it too (the same entity, or ``extends: true``) keeps what it says in the node's
``accounts`` (JSON by dataset), lists itself in ``account_datasets``, and adds its names to
``account_names``, which name resolution reads with the aliases. Only the dataset's own
entry is ever written, so another dataset's props and content hash never change. A record
marked ``defined_by`` (an export's copy of another dataset's entity) is a reference and no
account (graph.validate.entities).
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
        said = {"id": stored["id"], **accounts.pop(heir)}
        if stored["source"]:
            props = source_row(SourceIn.model_validate(said), heir)["props"]
        else:
            category = said.pop("category")
            record = CATEGORY_MODELS[category].model_validate(said)
            entity = Entity(category, record, Origin("", None))
            kinds = [label for label in stored["labels"] if label != CATEGORY_LABELS[category]]
            props = entity_row(entity, heir, kinds[0])["props"]
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
