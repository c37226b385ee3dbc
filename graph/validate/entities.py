"""Entities (actors, places, events) and sources: parsed, kinds checked, ids unique."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from ..errors import ResolveError
from ..model import CATEGORY_MODELS, SECTIONS, Entity, EntityIn, Origin, SourceIn
from ..parse.files import RawDataset, RawRecord
from ..resolve import Candidate, Resolver, no_name, normalize
from ..vocabulary import Vocabulary
from .collect import Collector, parse_record
from .known import Known
from .lineage import check_lineage


@dataclass
class Owned:
    """Which dataset is checked, what other datasets define, and where references go."""

    dataset: str
    known: Known
    references: list[tuple[str, str, str]]
    accounts: list[Entity]  # this dataset's own accounts of other datasets' entities
    source_accounts: list[SourceIn]  # and of their sources
    # names this dataset's entities share with other datasets' entities: (name, ours, theirs)
    shared: list[tuple[str, str, str]] = field(default_factory=list)

    def entity_owner(self, item_id: str) -> str | None:
        owner = self.known.owners.get(item_id)
        return owner if owner not in (None, self.dataset) else None


def entities_of(
    raw: RawDataset, vocabulary: Vocabulary, out: Collector, resolver: Resolver, owned: Owned
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
                written = record.data.get("id")  # a later record with its id is a duplicate
                if isinstance(written, str) and written not in seen:
                    seen[written] = record
                continue
            if parsed.kind not in kinds:
                _is_duplicate(parsed.id, record, seen, out, "id")  # listed with the kind
                close = difflib.get_close_matches(parsed.kind, kinds, n=1)
                hint = f" (did you mean {close[0]}?)" if close else ""
                known_kinds = ", ".join(kinds)
                message = f"unknown {category} kind {parsed.kind!r}{hint}; known: {known_kinds}"
                out.add(record, "kind", message)
                continue
            if _is_duplicate(parsed.id, record, seen, out, "id"):
                continue
            if nameless := [n for n in (parsed.name, *parsed.aliases) if not normalize(n)]:
                field_name = "name" if parsed.name in nameless else "aliases"
                out.add(record, field_name, no_name(nameless[0]))
                _taint(out, record)  # its relations say nothing more of it
                continue
            if (owner := owned.entity_owner(parsed.id)) is not None:
                _another_datasets(record, category, parsed, owner, owned, resolver, out)
                continue
            origin = Origin(record.file, record.line)
            entities.append(Entity(category, parsed, origin))  # type: ignore[arg-type]
            candidate = Candidate(parsed.id, parsed.name, category, parsed.kind)
            resolver.add(candidate, parsed.aliases, own=True)
    if not raw.feed:  # a feed's places and events are its own by design (RawDataset.feed)
        owned.shared += _shared_names(entities, resolver, owned)
    return entities


def _shared_names(
    entities: list[Entity], resolver: Resolver, owned: Owned
) -> list[tuple[str, str, str]]:
    """The names ``entities`` share with other datasets' entities: (name, ours, theirs). Said,
    not refused: a query by such a name must then give an id."""
    shared = []
    for entity in entities:
        named = {normalize(n): n for n in (entity.record.name, *entity.record.aliases)}
        shared += [(named.get(key, key), entity.record.id, other.id)
                   for key, other in resolver.others_named(entity.record.id)
                   if owned.known.owners.get(other.id) != owned.dataset]  # fmt: skip
    return shared


def _another_datasets(
    record: RawRecord,
    category: str,
    parsed: EntityIn,
    owner: str,
    owned: Owned,
    resolver: Resolver,
    out: Collector,
) -> None:
    """An id another dataset defines: the same entity is a reference; another one is refused.

    The same entity has the same category and kind, and a name either side knows (its name or
    an alias); anything else would give the other dataset's entity a new identity.
    """
    stored, aliases = owned.known.by_id[parsed.id]
    if parsed.defined_by is not None:  # a copy that travels with an export: a reference
        owned.references.append((category, parsed.id, owner))
        resolver.add(stored, [*aliases, parsed.name, *parsed.aliases])
        return
    theirs = {normalize(n) for n in (stored.name, *aliases)}
    ours = {normalize(n) for n in (parsed.name, *parsed.aliases)}
    same_kind = (stored.category, stored.kind) == (category, parsed.kind)
    same_name = normalize(parsed.name) in theirs or normalize(stored.name) in ours
    if same_kind and (same_name or parsed.extends):
        owned.references.append((category, parsed.id, owner))
        owned.accounts.append(Entity(category, parsed, Origin(record.file, record.line)))  # type: ignore[arg-type]
        resolver.add(stored, [*aliases, parsed.name, *parsed.aliases])  # our names resolve too
        return
    _taint(out, record)
    if not same_kind:
        hint = "extends cannot make it another kind of thing" if parsed.extends else ""
    else:
        hint = "or add `extends: true` to keep this file's account of it under its own name"
    out.add(
        record,
        "kind" if not same_kind and parsed.extends else "id",
        f"{parsed.id!r} is {stored.name} ({stored.kind}) in dataset {owner}; this file makes it "
        f"{parsed.name} ({parsed.kind}). Give this entity another id, refer to {owner}'s by "
        f"its id or name without defining it here" + (f", {hint}." if hint else "."),
    )


def _another_datasets_source(
    record: RawRecord,
    parsed: SourceIn,
    owner: str,
    props: dict,
    owned: Owned,
    out: Collector,
) -> None:
    """A source id another dataset defines: the same document (same title, or ``extends``) is
    a reference, and what this dataset says of it (its reliability grade, say) its account;
    another document is refused."""
    if parsed.defined_by is not None:  # a copy that travels with an export: a reference
        owned.references.append(("source", parsed.id, owner))
        return
    if normalize(parsed.title) == normalize(str(props.get("title") or "")) or parsed.extends:
        owned.references.append(("source", parsed.id, owner))
        owned.source_accounts.append(parsed)
        return
    out.tainted_sources.add(parsed.id)
    out.add(
        record,
        "title",
        f"source {parsed.id!r} is {props.get('title')!r} in dataset {owner}; this file makes "
        f"it {parsed.title!r}. Give this source another id, cite {owner}'s as it is, or add "
        "`extends: true` to keep this file's account of it.",
    )


def _party(record: RawRecord, name: str, resolver: Resolver, out: Collector) -> str | None:
    """The id of the actor a source's ``party`` names (a problem if none or several)."""
    try:
        return resolver.resolve(name, ["actor"]).id
    except ResolveError as exc:
        if normalize(name) not in out.tainted:
            out.add(record, "party", str(exc))
        return None


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


def sources_of(
    raw: RawDataset, out: Collector, owned: Owned, resolver: Resolver
) -> list[tuple[SourceIn, Origin]]:
    sources: list[tuple[SourceIn, Origin]] = []
    seen: dict[str, RawRecord] = {}
    checked: list[tuple[RawRecord, SourceIn]] = []
    for record in raw.section("sources"):
        parsed = parse_record(record, SourceIn, out)
        if parsed is None:
            if isinstance(record.data.get("id"), str):
                out.tainted_sources.add(record.data["id"])
            continue
        if _is_duplicate(parsed.id, record, seen, out, "source id"):
            continue
        if parsed.party is not None:  # stored as the actor's id
            party = _party(record, parsed.party, resolver, out)
            parsed = parsed.model_copy(update={"party": party})
        if parsed.kind == "background" and not parsed.note:
            out.add(record, "note", "a background source says in its note what knowledge it "
                    "stands for (the analyst's own, from where, when)")  # fmt: skip
        checked.append((record, parsed))
        owner, props = owned.known.sources.get(parsed.id, (None, {}))
        if owner not in (None, owned.dataset):
            _another_datasets_source(record, parsed, owner, props, owned, out)
            continue
        sources.append((parsed, Origin(record.file, record.line)))
    check_lineage(checked, {s.id for s, _ in sources}, owned.known, out)
    return sources
