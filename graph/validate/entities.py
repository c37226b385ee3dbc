"""Entities (actors, places, events) and sources: parsed, kinds checked, ids unique."""

from __future__ import annotations

import difflib

from ..model import CATEGORY_MODELS, SECTIONS, Entity, Origin, SourceIn
from ..parse.files import RawDataset, RawRecord
from ..resolve import Candidate, Resolver, normalize
from ..vocabulary import Vocabulary
from .collect import Collector, parse_record


def entities_of(
    raw: RawDataset, vocabulary: Vocabulary, out: Collector, resolver: Resolver
) -> list[Entity]:
    entities: list[Entity] = []
    seen: dict[str, RawRecord] = {}
    for section, category in SECTIONS.items():
        kinds = vocabulary.kinds(category)
        for record in raw.section(section):
            parsed = parse_record(record, CATEGORY_MODELS[category], out)
            if parsed is None or parsed.kind not in kinds or parsed.id in seen:
                # Already reported (or reported below); remember its names so that
                # relations using them do not add a second, misleading problem.
                _taint(out, record)
            if parsed is None:
                continue
            if parsed.kind not in kinds:
                close = difflib.get_close_matches(parsed.kind, kinds, n=1)
                hint = f" (did you mean {close[0]}?)" if close else ""
                known_kinds = ", ".join(kinds)
                message = f"unknown {category} kind {parsed.kind!r}{hint}; known: {known_kinds}"
                out.add(record, "kind", message)
                continue
            if _is_duplicate(parsed.id, record, seen, out, "id"):
                continue
            origin = Origin(record.file, record.line)
            entities.append(Entity(category, parsed, origin))  # type: ignore[arg-type]
            resolver.add(Candidate(parsed.id, parsed.name, category, parsed.kind), parsed.aliases)
    return entities


def _is_duplicate(
    item_id: str, record: RawRecord, seen: dict[str, RawRecord], out: Collector, what: str
) -> bool:
    """Report a second definition of an id (pointing at the first); remember first ones."""
    first = seen.setdefault(item_id, record)
    if first is record:
        return False
    out.add(
        record, "id", f"duplicate {what} {item_id!r}: first defined at {first.file}:{first.line}"
    )
    return True


def _taint(out: Collector, record: RawRecord) -> None:
    for key in ("id", "name"):
        if isinstance(record.data.get(key), str):
            out.tainted.add(normalize(record.data[key]))
    aliases = record.data.get("aliases")
    if isinstance(aliases, list):
        out.tainted.update(normalize(a) for a in aliases if isinstance(a, str))


def sources_of(raw: RawDataset, out: Collector) -> list[tuple[SourceIn, Origin]]:
    sources: list[tuple[SourceIn, Origin]] = []
    seen: dict[str, RawRecord] = {}
    for record in raw.section("sources"):
        parsed = parse_record(record, SourceIn, out)
        if parsed is None:
            if isinstance(record.data.get("id"), str):
                out.tainted_sources.add(record.data["id"])
            continue
        if _is_duplicate(parsed.id, record, seen, out, "source id"):
            continue
        sources.append((parsed, Origin(record.file, record.line)))
    return sources
