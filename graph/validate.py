"""From raw records to a checked, resolved dataset, collecting every problem on the way.

Pure: no database. What is already in the database (for references to actors or sources loaded
earlier) comes in as a :class:`Known` value.
"""

from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from .io.files import RawDataset, RawRecord, read_dataset
from .io.located import DatasetError, Problem
from .model import (
    CATEGORY_MODELS,
    SECTIONS,
    Entity,
    Origin,
    Relation,
    RelationIn,
    SourceIn,
)
from .resolve import Candidate, ResolveError, Resolver, normalize
from .vocabulary import Vocabulary, load_vocabulary

MAX_PROBLEMS = 200


@dataclass
class Known:
    """What the database already holds that a dataset may refer to."""

    entities: list[tuple[Candidate, list[str]]] = field(default_factory=list)
    source_ids: set[str] = field(default_factory=set)
    relation_ids: set[str] = field(default_factory=set)


@dataclass
class Dataset:
    name: str
    files: list[Path]
    entities: list[Entity]
    sources: list[tuple[SourceIn, Origin]]
    relations: list[Relation]
    vocabulary: Vocabulary
    digests: dict[Path, bytes] = field(default_factory=dict)  # of the bytes read, per file

    def counts(self) -> dict[str, int]:
        by_category = {c: 0 for c in ("actor", "place", "event")}
        for entity in self.entities:
            by_category[entity.category] += 1
        return {
            "actors": by_category["actor"],
            "places": by_category["place"],
            "events": by_category["event"],
            "sources": len(self.sources),
            "relations": len(self.relations),
        }


class _Collector:
    def __init__(self, initial: list[Problem]) -> None:
        self.problems = list(initial)
        self.tainted: set[str] = set()  # names of records that are themselves in error
        self.tainted_sources: set[str] = set()

    def add(self, record: RawRecord, field_name: str | None, message: str) -> None:
        line = record.line_of(field_name) if field_name else record.line
        self.problems.append(Problem(record.file, line, field_name, message))

    def full(self) -> bool:
        return len(self.problems) >= MAX_PROBLEMS


def validate_paths(
    paths: list[Path],
    *,
    name: str | None = None,
    known: Known | None = None,
    vocabulary: Vocabulary | None = None,
) -> Dataset:
    """Read and check dataset files; raise :class:`DatasetError` listing every problem."""
    raw = read_dataset(paths, name)
    return build_dataset(raw, known=known, vocabulary=vocabulary or load_vocabulary())


def build_dataset(raw: RawDataset, *, known: Known | None, vocabulary: Vocabulary) -> Dataset:
    known = known or Known()
    out = _Collector(raw.problems)
    resolver = Resolver(known.entities)
    entities = _entities(raw, vocabulary, out, resolver)
    sources = _sources(raw, out)
    source_ids = known.source_ids | {s.id for s, _ in sources}
    relations = _relations(raw, vocabulary, out, resolver, source_ids, known.relation_ids)
    if out.problems:
        raise DatasetError(sorted(set(out.problems), key=_problem_order)[:MAX_PROBLEMS])
    return Dataset(
        name=raw.name or "dataset",
        files=raw.files,
        entities=entities,
        sources=sources,
        relations=relations,
        vocabulary=vocabulary,
        digests=raw.digests,
    )


def _problem_order(problem: Problem) -> tuple:
    return (problem.file, problem.line or 0, problem.field or "", problem.message)


def _validate(record: RawRecord, model: type, out: _Collector):  # type: ignore[no-untyped-def]
    try:
        return model.model_validate(record.data)
    except ValidationError as exc:
        for error in exc.errors():
            loc = [str(p) for p in error["loc"]]
            field_name = (loc[0] if loc else None) or None
            if field_name == "from_":
                field_name = "from"
            message = error["msg"]
            if error["type"] == "extra_forbidden":
                allowed = ", ".join(model.model_fields[k].alias or k for k in model.model_fields)
                message = f"unknown field; {model.__name__[:-2].lower()} fields are: {allowed}"
            elif error["type"] == "missing":
                message = "required field is missing"
            elif len(loc) > 1:
                message = f"item {int(loc[1]) + 1}: {message}" if loc[1].isdigit() else message
            out.add(record, field_name, message)
        return None


def _entities(
    raw: RawDataset, vocabulary: Vocabulary, out: _Collector, resolver: Resolver
) -> list[Entity]:
    entities: list[Entity] = []
    seen: dict[str, RawRecord] = {}
    for section, category in SECTIONS.items():
        kinds = vocabulary.kinds(category)
        for record in raw.section(section):
            parsed = _validate(record, CATEGORY_MODELS[category], out)
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
    item_id: str, record: RawRecord, seen: dict[str, RawRecord], out: _Collector, what: str
) -> bool:
    """Report a second definition of an id (pointing at the first); remember first ones."""
    first = seen.setdefault(item_id, record)
    if first is record:
        return False
    out.add(
        record, "id", f"duplicate {what} {item_id!r}: first defined at {first.file}:{first.line}"
    )
    return True


def _taint(out: _Collector, record: RawRecord) -> None:
    for key in ("id", "name"):
        if isinstance(record.data.get(key), str):
            out.tainted.add(normalize(record.data[key]))
    aliases = record.data.get("aliases")
    if isinstance(aliases, list):
        out.tainted.update(normalize(a) for a in aliases if isinstance(a, str))


def _sources(raw: RawDataset, out: _Collector) -> list[tuple[SourceIn, Origin]]:
    sources: list[tuple[SourceIn, Origin]] = []
    seen: dict[str, RawRecord] = {}
    for record in raw.section("sources"):
        parsed = _validate(record, SourceIn, out)
        if parsed is None:
            if isinstance(record.data.get("id"), str):
                out.tainted_sources.add(record.data["id"])
            continue
        if _is_duplicate(parsed.id, record, seen, out, "source id"):
            continue
        sources.append((parsed, Origin(record.file, record.line)))
    return sources


def relation_id(start: str, term: str, end: str, record: RelationIn, claimant: str) -> str:
    """A stable id for a relation without one: the same claim always gets the same id."""
    parts = [
        start,
        term,
        end,
        claimant,
        record.subtype or "",
        record.since.text if record.since else "",
        record.event or "",
    ]
    digest = hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:12]
    return f"r-{digest}"


def _relations(
    raw: RawDataset,
    vocabulary: Vocabulary,
    out: _Collector,
    resolver: Resolver,
    source_ids: set[str],
    known_relation_ids: set[str],
) -> list[Relation]:
    relations: list[Relation] = []
    seen: dict[str, RawRecord] = {}
    pending_contradicts: list[tuple[RawRecord, RelationIn]] = []
    for record in raw.section("relations"):
        if out.full():
            break
        parsed = _validate(record, RelationIn, out)
        if parsed is None:
            continue
        reading = vocabulary.read(parsed.term)
        if reading is None:
            close = difflib.get_close_matches(parsed.term, vocabulary.words(), n=2)
            hint = f" (did you mean {' or '.join(close)}?)" if close else ""
            out.add(
                record,
                "term",
                f"unknown relation term {parsed.term!r}{hint}; see `actorgraph vocabulary`",
            )
            continue
        term = reading.term
        if parsed.subtype is not None and parsed.subtype not in term.subtypes:
            allowed = ", ".join(term.subtypes) if term.subtypes else "none"
            out.add(
                record,
                "subtype",
                f"{parsed.subtype!r} is not a subtype of {term.name}; allowed: {allowed}",
            )
        # The written "from" is the stored start unless the term is an inverse.
        ends = {
            "from": term.to if reading.swapped else term.from_,
            "to": term.from_ if reading.swapped else term.to,
        }
        resolved: dict[str, Candidate] = {}
        for field_name in ("from", "to"):
            name = parsed.from_ if field_name == "from" else parsed.to
            try:
                resolved[field_name] = resolver.resolve(name, ends[field_name])
            except ResolveError as exc:
                if normalize(name) in out.tainted:
                    continue
                out.add(
                    record,
                    field_name,
                    f"{exc} (here: {term.name} wants {' or '.join(ends[field_name])})",
                )
        claimant = event = None
        try:
            claimant = resolver.resolve(parsed.claimant, ["actor"])
        except ResolveError as exc:
            if normalize(parsed.claimant) not in out.tainted:
                out.add(record, "claimant", str(exc))
        if parsed.event is not None:
            try:
                event = resolver.resolve(parsed.event, ["event"])
            except ResolveError as exc:
                if normalize(parsed.event) not in out.tainted:
                    out.add(record, "event", str(exc))
        for source in parsed.sources:
            if source not in source_ids and source not in out.tainted_sources:
                out.add(
                    record,
                    "sources",
                    f"unknown source {source!r}; define it under `sources:` (or load it first)",
                )
        if len(resolved) < 2 or claimant is None:
            continue
        start, end = resolved["from"], resolved["to"]
        if reading.swapped:
            start, end = end, start
        if start.id == end.id and not term.self:
            out.add(record, "to", f"{term.name} cannot relate {start.id!r} to itself")
            continue
        if term.symmetric and start.id > end.id:
            start, end = end, start
        rid = parsed.id or relation_id(start.id, term.name, end.id, parsed, claimant.id)
        if rid in seen:
            first = seen[rid]
            what = "id" if parsed.id else "relation (same ends, term, claimant, since)"
            out.add(
                record,
                "id" if parsed.id else None,
                f"duplicate {what} {rid!r}: first at {first.file}:{first.line}",
            )
            continue
        seen[rid] = record
        if parsed.contradicts:
            pending_contradicts.append((record, parsed))
        relations.append(
            Relation(
                id=rid,
                term=term.name,
                type=term.type,
                sign=term.sign,
                symmetric=term.symmetric,
                start=start.id,
                end=end.id,
                claimant=claimant.id,
                event=event.id if event else None,
                record=parsed,
                origin=Origin(record.file, record.line),
            )
        )
    for record, parsed in pending_contradicts:
        for other in parsed.contradicts:
            if other not in seen and other not in known_relation_ids:
                out.add(record, "contradicts", f"no relation has the id {other!r}")
    return relations
