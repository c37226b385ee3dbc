"""Turn a checked dataset into the rows each Cypher statement of the loader takes. Pure."""

from __future__ import annotations

import hashlib
from typing import Any

from .model import ActorIn, Entity, EventIn, PartialDate, PlaceIn, Relation
from .resolve import normalize
from .validate import Dataset
from .vocabulary import CATEGORY_LABELS

Row = dict[str, Any]


def _clean(props: dict[str, Any]) -> dict[str, Any]:
    """Neo4j stores no nulls and we store no empty lists: drop both, so that a re-load of the
    same record compares equal to what is stored."""
    return {k: v for k, v in props.items() if v is not None and v != []}


def _when(prefix: str, value: PartialDate | None) -> dict[str, Any]:
    if value is None:
        return {}
    return {prefix: value.text, f"{prefix}_start": value.start, f"{prefix}_end": value.end}


def entity_row(entity: Entity, dataset: str, vocabulary_label: str) -> Row:
    record = entity.record
    props: dict[str, Any] = {
        "id": record.id,
        "name": record.name,
        "kind": record.kind,
        "category": entity.category,
        "aliases": list(record.aliases),
        "aliases_text": " | ".join(record.aliases) or None,
        "name_keys": sorted({normalize(n) for n in (record.id, record.name, *record.aliases)}),
        "description": record.description,
        "note": record.note,
        "dataset": dataset,
    }
    if isinstance(record, ActorIn):
        props |= _when("since", record.since) | _when("until", record.until)
    elif isinstance(record, EventIn):
        props |= _when("date", record.date)
    elif isinstance(record, PlaceIn):
        props |= {"latitude": record.latitude, "longitude": record.longitude}
    labels = [CATEGORY_LABELS[entity.category], vocabulary_label]
    return {"id": record.id, "labels": labels, "props": _stored(props, labels=labels)}


def relation_row(relation: Relation, dataset: str) -> Row:
    record = relation.record
    props: dict[str, Any] = {
        "id": relation.id,
        "term": relation.term,
        "subtype": record.subtype,
        "sign": relation.sign,
        "symmetric": True if relation.symmetric else None,
        "claimant": relation.claimant,
        "sources": list(record.sources),
        "evidence": record.evidence,
        "credibility": record.credibility,
        "confidence": record.confidence,
        "outcome": record.outcome,
        "event": relation.event,
        "contradicts": list(record.contradicts),
        "note": record.note,
        "dataset": dataset,
        **_when("since", record.since),
        **_when("until", record.until),
    }
    ends = {"start": relation.start, "end": relation.end, "type": relation.type}
    return {"id": relation.id, **ends, "props": _stored(props, **ends)}


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
    sources = [
        {
            "id": s.id,
            "props": _stored(
                {
                    "id": s.id,
                    "title": s.title,
                    "publisher": s.publisher,
                    "author": s.author,
                    "url": s.url,
                    "reliability": s.reliability,
                    "note": s.note,
                    "dataset": dataset.name,
                    **_when("date", s.date),
                }
            ),
        }
        for s, _origin in dataset.sources
    ]
    relations = [relation_row(r, dataset.name) for r in dataset.relations]
    return {"entities": entities, "sources": sources, "relations": relations}
