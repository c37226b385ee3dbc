"""A dataset's own accounts of entities other datasets defined (docs/model.md).

The entity keeps the props of the dataset that defined it first; each other dataset that
defines it too (the same entity, or ``extends: true``) keeps what it says in the node's
``accounts`` (JSON by dataset), lists itself in ``account_datasets``, and adds its names to
``account_names``, which name resolution reads with the aliases. Only the dataset's own
entry is ever written, so another dataset's props and content hash never change.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import neo4j

from ..cypher import cypher
from ..errors import WriteConflictError
from ..model import PartialDate
from ..validate import Dataset
from .plan import stored_fields


def account_rows(dataset: Dataset) -> dict[str, dict[str, Any]]:
    """What the dataset says of each entity it gives an account of, by id (JSON-ready)."""
    rows = {}
    for entity in dataset.accounts:
        record = entity.record
        said: dict[str, Any] = {"category": entity.category}
        for name in stored_fields(type(record)):
            value = getattr(record, name)
            if isinstance(value, PartialDate):
                value = value.text
            if value not in (None, [], "") and name != "id":
                said[name] = list(value) if isinstance(value, list) else value
        rows[record.id] = said
    return rows


def sync_accounts(
    tx: neo4j.ManagedTransaction, dataset: str, wanted: dict[str, dict[str, Any]]
) -> Counter:
    """Make the dataset's accounts the wanted ones; returns created/updated/unchanged/removed."""
    outcomes: Counter = Counter()
    rows = []
    for stored in tx.run(cypher("read/dataset_accounts"), dataset=dataset, ids=list(wanted)):
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
        done = tx.run(cypher("write/accounts"), rows=rows).single()["count"]
        if done != len(rows):  # guarded like every write of a load
            raise WriteConflictError(
                f"cypher/write/accounts.cypher changed {done} entities where {len(rows)} "
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
