"""Relations: the term read through the vocabulary, every name resolved, ids made stable."""

from __future__ import annotations

import difflib
import hashlib
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import replace

from ..errors import ResolveError
from ..model import ID_PATTERN, MAX_NAME, Origin, Relation, RelationIn, listed
from ..parse.files import Default, RawDataset, RawRecord
from ..resolve import Candidate, Resolver, normalize
from ..vocabulary import Reading, Term, Vocabulary
from .collect import MAX_PROBLEMS, Collector, parse_record
from .lineage import carriers, single_line


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


def relations_of(
    raw: RawDataset,
    vocabulary: Vocabulary,
    out: Collector,
    resolver: Resolver,
    via: dict[str, str | None],
    known_relation_ids: set[str],
    defaulted: Counter[str],
) -> Iterator[Relation]:
    """Every relation record checked, in order; problems go to ``out``, good relations are
    given as they are checked (the ids other relations contradict are checked once all are).

    ``via``: every source a relation may cite, and the source that carried it (or None).
    A field a record does not give is taken from the dataset's ``defaults:`` and counted in
    ``defaulted`` (a problem with it points at the default's line).
    """
    checker = _Checker(vocabulary, out, resolver, via)
    for record in raw.section("relations"):
        if out.full():
            out.add(record, None, f"stopped checking relations here, after {MAX_PROBLEMS:,} "
                                  "problems; fix these and run again")  # fmt: skip
            break
        relation = checker.check(with_defaults(record, raw.defaults, defaulted))
        if relation is not None:
            yield relation
    for record, parsed in checker.pending_contradicts:
        for other in parsed.contradicts:
            if other not in checker.seen and other not in known_relation_ids:
                out.add(record, "contradicts", f"no relation has the id {other!r}")


def with_defaults(
    record: RawRecord, defaults: dict[str, Default], defaulted: Counter[str]
) -> RawRecord:
    """The record with the defaults it lacks filled in (a new record: the raw one is kept)."""
    missing = [key for key in defaults if key not in record.data]
    if not missing:
        return record
    data, lines, files = dict(record.data), dict(record.field_lines), dict(record.field_files)
    for key in missing:
        data[key] = defaults[key].value
        lines[key], files[key] = defaults[key].line, defaults[key].file
        defaulted[key] += 1
    return replace(record, data=data, field_lines=lines, field_files=files)


_ID = re.compile(ID_PATTERN)


class _Checker:
    """Checks relation records one by one, remembering the ids seen so far."""

    def __init__(
        self, vocabulary: Vocabulary, out: Collector, resolver: Resolver, via: dict[str, str | None]
    ) -> None:
        self.vocabulary, self.out, self.resolver = vocabulary, out, resolver
        self.via = via
        self.seen: dict[str, RawRecord] = {}
        self.pending_contradicts: list[tuple[RawRecord, RelationIn]] = []

    def check(self, record: RawRecord) -> Relation | None:
        parsed = parse_record(record, RelationIn, self.out)
        if parsed is None:
            self._check_names(record)
            return None
        reading = self._reading(record, parsed)
        if reading is None:
            return None
        ends = self._ends(record, parsed, reading)
        claimant = self._resolve(record, "claimant", parsed.claimant, ["actor"])
        event = None
        if parsed.event is not None:
            event = self._resolve(record, "event", parsed.event, ["event"])
        self._check_sources(record, parsed)
        if ends is None or claimant is None:
            return None
        parsed = self._whose(record, parsed, ends)
        return self._relation(record, parsed, reading, ends, claimant, event)

    def _whose(
        self, record: RawRecord, parsed: RelationIn, ends: tuple[Candidate, Candidate]
    ) -> RelationIn:
        """The record with each figure's ``of`` as the id of the end it names (a figure counts
        the people of one side of its relation); a name that is neither end is a problem."""
        if all(figure.of is None for figure in parsed.quantities.values()):
            return parsed  # most records: nothing to resolve, and no copy (0.2 s per 100k)
        figures = dict(parsed.quantities)
        for name, figure in parsed.quantities.items():
            if figure.of is None:
                continue
            try:
                whose = self.resolver.resolve(figure.of, ["actor", "place", "event"]).id
            except ResolveError as exc:
                # A name several entities have counts the one end among them.
                named = [end.id for end in ends if end.id in {c.id for c in exc.candidates}]
                if exc.candidates and len(named) != 1:
                    self.out.add(record, "quantities", f"{name}.of: {exc}")
                    continue
                whose = named[0] if named else None
            if whose not in (ends[0].id, ends[1].id):
                message = (
                    f"{name}.of: {figure.of!r} is neither end of the relation "
                    f"({ends[0].id}, {ends[1].id}); a figure counts one side's people"
                )
                self.out.add(record, "quantities", message)
                continue
            figures[name] = figure.model_copy(update={"of": whose})
        return parsed.model_copy(update={"quantities": figures})

    def _reading(self, record: RawRecord, parsed: RelationIn) -> Reading | None:
        """The term as the vocabulary reads it (and its subtype checked), or None."""
        reading = self.vocabulary.read(parsed.term)
        if reading is None:
            self.out.add(record, "term", self._unknown_term(parsed.term))
            return None
        self._check_subtype(record, reading.term, parsed.subtype)
        return reading

    def _check_subtype(self, record: RawRecord, term: Term, subtype: object) -> None:
        if isinstance(subtype, str) and subtype and subtype not in term.subtypes:
            allowed = ", ".join(term.subtypes) if term.subtypes else "none"
            message = f"{subtype!r} is not a subtype of {term.name}; allowed: {allowed}"
            self.out.add(record, "subtype", message)

    def _ends(
        self, record: RawRecord, parsed: RelationIn, reading: Reading
    ) -> tuple[Candidate, Candidate] | None:
        """The written ``from`` and ``to``, resolved to the categories the term allows."""
        wanted = _wanted(reading)
        resolved: dict[str, Candidate] = {}
        for field_name, name in (("from", parsed.from_), ("to", parsed.to)):
            try:
                resolved[field_name] = self.resolver.resolve(name, wanted[field_name])
            except ResolveError as exc:
                if normalize(name) not in self.out.tainted:
                    self.out.add(record, field_name, _wants(exc, reading, wanted[field_name]))
        if len(resolved) < 2:
            return None
        return resolved["from"], resolved["to"]

    def _check_names(self, record: RawRecord) -> None:
        """A record refused for its fields: the names and sources it gives are still checked,
        so that every problem is listed at once (not the unknown names only once the fields
        are mended). With a term the vocabulary reads, ``from`` and ``to`` are resolved to the
        categories it takes, as when the record is whole; without one, only names nothing is
        called are reported (a name both an actor and a place may be either)."""
        term = record.data.get("term")
        reading = self.vocabulary.read(term) if isinstance(term, str) else None
        if reading is None and isinstance(term, str) and term.strip():
            self.out.add(record, "term", self._unknown_term(term))
        if reading is not None:
            subtype = record.data.get("subtype")
            self._check_subtype(record, reading.term, subtype.strip() if subtype else None)
        anything = ["actor", "place", "event"]
        resolved: dict[str, str] = {}
        ends = _wanted(reading) if reading else dict.fromkeys(("from", "to"), anything)
        for field_name, categories in (*ends.items(), ("claimant", ["actor"]),
                                       ("event", ["event"])):  # fmt: skip
            name = record.data.get(field_name)
            if not isinstance(name, str) or not name.strip() or len(name) > MAX_NAME:
                continue  # no name, or one its field's own problem is about
            try:
                resolved[field_name] = self.resolver.resolve(name, categories).id
            except ResolveError as exc:
                if normalize(name) in self.out.tainted:
                    continue
                if reading and field_name in ends:
                    self.out.add(record, field_name, _wants(exc, reading, categories))
                elif not exc.candidates:
                    self.out.add(record, field_name, str(exc))
        same = resolved.get("from") is not None and resolved.get("from") == resolved.get("to")
        if reading is not None and same and not reading.term.self:
            self.out.add(record, "to", _to_itself(reading.term, resolved["from"]))
        sources = listed(record.data.get("sources"))  # a CSV cell: 's1; s2'
        strings = sources if isinstance(sources, list) else []
        given = [s.strip() for s in strings if isinstance(s, str)]
        self._unknown_sources(record, [s for s in given if _ID.match(s)])  # others: not ids

    def _unknown_term(self, term: str) -> str:
        close = difflib.get_close_matches(term, self.vocabulary.words(), n=2)
        hint = f" (did you mean {' or '.join(close)}?)" if close else ""
        return f"unknown relation term {term!r}{hint}; see `actorgraph vocabulary`"

    def _unknown_sources(self, record: RawRecord, sources: list[str]) -> None:
        for source in sources:
            if source not in self.via and source not in self.out.tainted_sources:
                self.out.add(
                    record,
                    "sources",
                    f"unknown source {source!r}; define it under `sources:` (or load it first)",
                )

    def _resolve(
        self, record: RawRecord, field_name: str, name: str, categories: list[str]
    ) -> Candidate | None:
        try:
            return self.resolver.resolve(name, categories)
        except ResolveError as exc:
            if normalize(name) not in self.out.tainted:
                self.out.add(record, field_name, str(exc))
            return None

    def _check_sources(self, record: RawRecord, parsed: RelationIn) -> None:
        known = [source for source in parsed.sources if source in self.via]
        self._unknown_sources(record, parsed.sources)
        whole = parsed.credibility == 1 and len(known) == len(parsed.sources)
        if whole and (line := single_line(known, self.via)):
            message = (
                "credibility 1 (confirmed by other sources) needs two independent sources; this "
                f"claim rests on one: {' → '.join(line)}. Cite another (a `kind: background` "
                "source for your own knowledge, with a note), or grade it 2"
            )
            self.out.add(record, "credibility", message)

    def _relation(
        self,
        record: RawRecord,
        parsed: RelationIn,
        reading: Reading,
        ends: tuple[Candidate, Candidate],
        claimant: Candidate,
        event: Candidate | None,
    ) -> Relation | None:
        """The stored relation: ends in stored order, a stable id, no self-loop or duplicate."""
        term: Term = reading.term
        start, end = ends
        if reading.swapped:
            start, end = end, start
        if start.id == end.id and not term.self:
            self.out.add(record, "to", _to_itself(term, start.id))
            return None
        if term.symmetric and start.id > end.id:
            start, end = end, start
        rid = parsed.id or relation_id(start.id, term.name, end.id, parsed, claimant.id)
        if rid in self.seen:
            first = self.seen[rid]
            what = "id" if parsed.id else "relation (same ends, term, claimant, since)"
            self.out.add(
                record,
                "id" if parsed.id else None,
                f"duplicate {what} {rid!r}: first at {first.file}:{first.line}",
            )
            return None
        self.seen[rid] = record
        if parsed.contradicts:
            self.pending_contradicts.append((record, parsed))
        return Relation(
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
            # An act of an event is dated by it, whatever its term: a battle's "fights"
            # is over with the battle, and "in force" counts it as a recent act.
            point=term.duration == "point" or event is not None,
            rests_on=self._rests_on(parsed.sources),
        )

    def _rests_on(self, cited: list[str]) -> tuple[str, ...] | None:
        """The cited sources and their carriers, in that order, when carriers add any."""
        rests = dict.fromkeys(cited)
        for source in cited:
            rests |= dict.fromkeys(carriers(source, self.via))
        return tuple(rests) if len(rests) > len(set(cited)) else None


def _wanted(reading: Reading) -> dict[str, Sequence[str]]:
    """The categories the term takes at the written ``from`` and ``to``: the stored start and
    end, swapped for an inverse term."""
    term = reading.term
    return {
        "from": term.to if reading.swapped else term.from_,
        "to": term.from_ if reading.swapped else term.to,
    }


def _wants(exc: ResolveError, reading: Reading, categories: Sequence[str]) -> str:
    return f"{exc} (here: {reading.term.name} wants {' or '.join(categories)})"


def _to_itself(term: Term, entity: str) -> str:
    return f"{term.name} cannot relate {entity!r} to itself"
