"""Turn a checked dataset into the rows each Cypher statement of the loader takes. Pure."""

from __future__ import annotations

import hashlib
from functools import cache
from typing import Any

from pydantic import BaseModel

from ..figures import stored
from ..model import Entity, PartialDate, Relation, SourceIn
from ..resolve import normalize
from ..validate import Dataset
from ..vocabulary import CATEGORY_LABELS

Row = dict[str, Any]


def _clean(props: dict[str, Any]) -> dict[str, Any]:
    """Neo4j stores no nulls and we store no empty lists: drop both, so that a re-load of the
    same record compares equal to what is stored."""
    return {k: v for k, v in props.items() if v is not None and v != []}


def _when(prefix: str, value: PartialDate | None) -> dict[str, Any]:
    if value is None:
        return {}
    return {prefix: value.text, f"{prefix}_start": value.start, f"{prefix}_end": value.end}


def record_props(record: BaseModel, skip: frozenset[str] = frozenset()) -> dict[str, Any]:
    """Every field of a record as written (see graph.model), as stored: partial dates become
    their text and the ``_start``/``_end`` of their range, lists are copied."""
    props: dict[str, Any] = {}
    for name, value in record.__dict__.items():  # pydantic keeps the fields there, in order
        if value is None or name in skip:
            continue
        if isinstance(value, PartialDate):
            props |= _when(name, value)
        else:
            props[name] = list(value) if isinstance(value, list) else value
    return props


@cache
def stored_fields(model: type[BaseModel]) -> tuple[str, ...]:
    return tuple(model.model_fields)


def entity_row(entity: Entity, dataset: str, vocabulary_label: str) -> Row:
    record = entity.record
    props = record_props(record) | {
        "category": entity.category,
        "aliases_text": " | ".join(record.aliases) or None,
        "name_keys": sorted({normalize(n) for n in (record.id, record.name, *record.aliases)}),
        "dataset": dataset,
    }
    labels = [CATEGORY_LABELS[entity.category], vocabulary_label]
    return {"id": record.id, "labels": labels, "props": _stored(props, labels=labels)}


_NOT_AS_IS = frozenset({"from_", "to", "quantities"})


def relation_row(relation: Relation, dataset: str) -> Row:
    props = (
        record_props(relation.record, skip=_NOT_AS_IS)
        | stored(relation.record.quantities)
        | {
            # as resolved: the stored term (not an inverse's name), ids for names
            "id": relation.id,
            "term": relation.term,
            "claimant": relation.claimant,
            "event": relation.event,
            "sign": relation.sign,
            "symmetric": True if relation.symmetric else None,
            "duration": "point" if relation.point else None,  # a lasting state is the default
            "rests_on": list(relation.rests_on) if relation.rests_on else None,
            "dataset": dataset,
        }
    )
    ends = {"start": relation.start, "end": relation.end, "type": relation.type}
    return {"id": relation.id, **ends, "props": _stored(props, **ends)}


def source_row(source: SourceIn, dataset: str) -> Row:
    return {"id": source.id, "props": _stored(record_props(source) | {"dataset": dataset})}


def _stored(props: dict[str, Any], **also: Any) -> dict[str, Any]:
    """Properties as stored: cleaned, plus a fingerprint of them (and of ``also``)."""
    clean = _clean(props)
    clean["content_hash"] = content_hash({**clean, **also})
    return clean


def content_hash(props: dict[str, Any]) -> int:
    """A fingerprint of an item's properties: a re-load compares it instead of every value.

    ``repr`` of the sorted items is stable for the values we store (text, numbers, lists of
    text, dates) and several times cheaper than JSON. The fingerprint is a non-negative 63-bit
    integer: Neo4j stores it inline in the property record (a 32-character hex string cost
    about 10 % of a fresh load's write time), and sums of its halves fingerprint a whole
    dataset (see :func:`fingerprint`).
    """
    text = repr(sorted(props.items()))
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest()) >> 1


HALF = 1 << 32


def fingerprint(rows: list[Row]) -> dict[str, int]:
    """Count and sums of the high and low halves of the rows' content hashes.

    cypher/read/*_fingerprint computes the same three numbers on the server: when they are
    equal, the stored items are the wanted ones (up to a 2**-64 chance) and a re-load need not
    read them back one by one.
    """
    hashes = [row["props"]["content_hash"] for row in rows]
    return {
        "count": len(hashes),
        "high": sum(h // HALF for h in hashes),
        "low": sum(h % HALF for h in hashes),
    }


def plan(dataset: Dataset) -> dict[str, list[Row]]:
    """Rows per statement: entities, sources, relations, and what pruning must keep."""
    vocab = dataset.vocabulary
    entities = [
        entity_row(e, dataset.name, vocab.label(e.category, e.record.kind))
        for e in dataset.entities
    ]
    sources = [source_row(s, dataset.name) for s, _origin in dataset.sources]
    relations = [relation_row(r, dataset.name) for r in dataset.relations]
    return {"entities": entities, "sources": sources, "relations": relations}
