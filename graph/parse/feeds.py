"""What the importers of conflict feeds (ACLED, UCDP GED) share.

A feed is a CSV export, one event per row. Its rows become the records a dataset file would
hold: the event, its places nested by ``located_in``, its actors (resolved by name and alias to
actors already loaded; a name nothing matches becomes a new actor of the feed, an ambiguous one
is an error), their participation and the relations the feed's event type asserts. The feed's
organisation is the claimant of every relation; each relation cites the export and the row's
media sources, and quotes the row as its evidence.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, ClassVar

from ..errors import Problem, ResolveError
from ..figures import MAX_COUNT, WHOLE, whole_count
from ..model import MAX_NAME
from ..resolve import Candidate, Resolver, no_name, normalize
from .files import RawDataset, RawRecord
from .tables import feed_header, feed_rows, is_json, row_word, rows_as_written

MAX_ID = 100  # the model allows 128 characters; room is left for "--in" and the like


@dataclass
class Grades:
    """How much the import trusts the feed's claims, and the media the feed cites."""

    credibility: int = 3
    confidence: float = 0.6
    reliability: str = "F"


def slug(text: str) -> str:
    """An id part for a name: its ASCII letters and digits, and, for a name in another script
    (طالبان, Ансар), a short hash of the whole, so that no two names share an id."""
    key = normalize(text)
    ascii_part = re.sub(r"[^a-z0-9]+", "-", key).strip("-")
    if key.isascii() and ascii_part:
        return ascii_part
    digest = hashlib.sha256((key or text).encode()).hexdigest()[:10]
    return f"{ascii_part}-{digest}" if ascii_part else digest


_ONE_NAME = (
    "A feed names actors, not ids: make the name one entity's (rename the other or take it out "
    "of its aliases, in its dataset's files, and load that again), then import again"
)


def make_id(*parts: str) -> str:
    """An id from already-slugged parts; one too long keeps its start and gets a short hash
    of the whole, so the same names always give the same id (re-imports match)."""
    whole = "--".join(parts)
    if len(whole) <= MAX_ID:
        return whole
    digest = hashlib.sha256(whole.encode()).hexdigest()[:12]
    return f"{whole[: MAX_ID - 13].rstrip('-')}-{digest}"


_EVENT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,99}\Z")


@dataclass
class Citation:
    """What every relation of one row cites: its sources, and the row quoted as evidence."""

    sources: list[str]
    evidence: str


@dataclass
class FeedBuilder:
    """Records for one feed's rows, each added once (by section and id). A feed subclasses it,
    says what its export is (the class constants) and turns one row into records (``event``);
    :meth:`read` does the rest."""

    FEED: ClassVar[str]  # "an ACLED", as messages say it
    REQUIRED: ClassVar[tuple[str, ...]]  # columns every row must fill
    RENAMED: ClassVar[dict[str, str]] = {}  # older column names → current ones
    PREFIX: ClassVar[str]  # of the ids the feed's records get: "acled", "ucdp"
    EXPORT: ClassVar[dict[str, str]]  # the export as a source: title (before the file name), …
    ACTOR: ClassVar[dict[str, Any]]  # the feed's organisation, claimant of every relation
    # Event fields copied from one column each: field → (column, codes to translate, or None).
    FIELDS: ClassVar[dict[str, tuple[str, dict[str, str] | None]]]
    READ: ClassVar[tuple[str, ...]] = ()  # the other columns a row is read from, if present
    # The column of a row's event id, and the prefix of the event's id made from it.
    EVENT_ID: ClassVar[tuple[str, str]]
    # The columns that name actors, each with what parts several names in a cell (None: one).
    NAMES: ClassVar[dict[str, str | None]]

    raw: RawDataset
    file: str
    resolver: Resolver
    grades: Grades
    citation: Citation = field(default_factory=lambda: Citation([], ""))
    created: dict[str, str] = field(default_factory=dict)  # actors made here, by name key
    untyped: dict[str, dict[str, Any]] = field(default_factory=dict)  # ... without a kind yet
    ids: set[tuple[str, Any]] = field(default_factory=set)
    events: dict[str, int] = field(default_factory=dict)  # the feed's event ids, first line
    row_word: str = "line"  # what numbers the file's rows: "line", or "record" for JSON
    foreign: Collection[str] = frozenset()  # ids of the actors other datasets define

    @classmethod
    def read(
        cls,
        path: Path,
        known: list[tuple[Candidate, list[str]]],
        dataset: str,
        grades: Grades,
        skip: Collection[int] = (),
        **options: Any,
    ) -> RawDataset:
        """The export's rows as raw records for the usual validation and loading; the rows
        starting on the lines in ``skip`` are left out; ``options`` go to the builder."""
        # The dataset's description says where it came from (not a study's it may replace).
        origin = f"Imported from the {cls.EXPORT['title']} {path.name}."
        raw = RawDataset(name=dataset, files=[path], description=origin, feed=True)
        rows = feed_rows(path, raw, feed=cls.FEED, required=cls.REQUIRED, renamed=cls.RENAMED,
                         skip=skip, read=cls.read_columns())  # fmt: skip
        builder = cls(raw, str(path), Resolver(known), grades, **options)
        builder.row_word = row_word(path)
        title = f"{cls.EXPORT['title']} {path.name}"
        builder.add("sources", None, {"id": builder.export_id, "reliability": "B",
                                      **cls.EXPORT, "title": title})  # fmt: skip
        builder.add("actors", None, dict(cls.ACTOR))
        for line, row in rows:
            if builder.complete(line, row):
                builder.event(line, row)
        if skip:
            raw.held = cls.held_events(path, skip) - {cls.event_id(e) for e in builder.events}
        return raw

    @classmethod
    def event_id(cls, given: str) -> str:
        """The id of the event a row's event id (``EVENT_ID``'s column) names."""
        return f"{cls.EVENT_ID[1]}{given}"

    @classmethod
    def held_events(cls, path: Path, lines: Collection[int]) -> set[str]:
        """The ids of the events on ``lines``, the rows left out for their problems: a dataset
        that holds one from an earlier import keeps it as it was (the row is bad, not gone).
        The rows are read as written, so that one the import cannot read (more or fewer cells
        than the header, a list in a JSON value) still gives its id; a JSON record that is no
        object gives none."""
        rows = rows_as_written(path)
        _, header = next(rows, (0, []))
        names = feed_header(header, cls.RENAMED)
        at = [i for i, name in enumerate(names) if name == cls.EVENT_ID[0]]  # JSON: spelt two ways
        found = set()
        for line, cells in rows:
            if line not in lines or (is_json(path) and len(cells) != len(names)):
                continue
            given = next((cells[i].strip() for i in at if i < len(cells) and cells[i].strip()), "")
            if _EVENT_ID.match(given):
                found.add(cls.event_id(given))
        return found

    @classmethod
    def actor_names(cls, path: Path) -> list[str]:
        """Every actor name the file gives, the feed's own first, in the order they come: the
        names an import resolves (graph.query.known.actors_named reads what they stand for)."""
        names = [cls.ACTOR["id"], cls.ACTOR["name"], *cls.ACTOR.get("aliases", [])]
        for _, row in cls._rows(path):
            for column, between in cls.NAMES.items():
                cell = row.get(column, "")
                names.extend(n.strip() for n in (cell.split(between) if between else [cell]))
        return [name for name in dict.fromkeys(names) if name]

    @classmethod
    def _rows(cls, path: Path) -> Iterator[tuple[int, dict[str, str]]]:
        """The file's rows again, as the import reads them (its layout's columns, JSON keys
        spelt several ways); their problems are the import's to say."""
        scratch = RawDataset(name=None, files=[path])
        return feed_rows(path, scratch, feed=cls.FEED, required=cls.REQUIRED,
                         renamed=cls.RENAMED, read=cls.read_columns())  # fmt: skip

    @classmethod
    def read_columns(cls) -> frozenset[str]:
        """Every column a row is read from (to tell a misspelt one: ``fatalites``)."""
        return frozenset((*cls.REQUIRED, *cls.READ, *(c for c, _ in cls.FIELDS.values())))

    @classmethod
    def columns(cls, **more: str) -> dict[str, str]:
        """Event field → the column it comes from, for problems to name the column."""
        return {name: column for name, (column, _) in cls.FIELDS.items()} | more

    @property
    def claimant(self) -> str:
        return self.ACTOR["id"]

    @property
    def export_id(self) -> str:
        """The id of the source that is the export itself: one per dataset, so a dataset name
        that its slug does not spell out (ACLED-PAK, 'acled pak') gets a hash of it too, and
        does not share acled-pak's."""
        name = self.raw.name or self.PREFIX
        part = slug(name)
        if part != name:
            part = f"{part}-{hashlib.sha256(name.encode()).hexdigest()[:8]}"
        return make_id(f"{part}-export")

    def event(self, line: int, row: dict[str, str]) -> None:
        raise NotImplementedError

    def complete(self, line: int, row: dict[str, str]) -> bool:
        """False (and a problem) when the row leaves a required cell empty."""
        for column in self.REQUIRED:
            if not row.get(column):
                self.problem(line, column, "required cell is empty")
                return False
        return True

    def copied(self, line: int, row: dict[str, str]) -> dict[str, Any]:
        """The event fields the row fills (FIELDS), its codes translated; a code the feed does
        not have is a problem that names the feed's codes (not the words they become)."""
        fields: dict[str, Any] = {}
        for name, (column, codes) in self.FIELDS.items():
            if not (value := row.get(column)):
                continue
            if not codes:
                fields[name] = value
            elif (given := code(value)) in codes:
                fields[name] = codes[given]
            else:
                known = ", ".join(f"{number} ({word})" for number, word in codes.items())
                self.problem(line, column, f"{value[:40]!r} is not one of its codes: {known}")
        return fields

    def unread(self, line: int, row: dict[str, str]) -> None:
        """The problems of a row read no further (a bad date, type or id stops it: nothing of
        it is imported) in the cells its reading would have checked, so that one run lists
        them all: codes, counts and coordinates."""
        said = set()  # the fields the row's problems name: the last ones listed
        for problem in reversed(self.raw.problems):
            if problem.line != line or problem.file != self.file:
                break
            said.add(problem.field)
        self.copied(line, row)
        self._point(line, row)
        for name, (column, _) in self.FIELDS.items():
            if column in said:
                continue
            if name.startswith("fatalities") and (text := (row.get(column) or "").strip()):
                try:
                    if whole_count(text) > MAX_COUNT:
                        self.problem(line, column, f"{text[:40]!r} is more than {MAX_COUNT:,}")
                except ValueError as exc:
                    self.problem(line, column, str(exc))

    def add(self, section: str, line: int | None, data: dict[str, Any]) -> bool:
        """Add a record once; returns False if one with that id was already added."""
        key = (section, data.get("id"))
        if section != "relations" and key in self.ids:
            return False
        self.ids.add(key)
        self.raw.records.append(RawRecord(section, data, self.file, line))  # fields on `line`
        return True

    def problem(self, line: int, field_name: str | None, message: str) -> None:
        self.raw.problems.append(Problem(self.file, line, field_name, message))

    def happened(self, line: int, column: str, day: str) -> bool:
        """False (and a problem) for an ISO day after tomorrow (time zones): a feed's events
        have happened, and 2099 is a typo or a placeholder."""
        if day > (date.today() + timedelta(days=1)).isoformat():
            self.problem(line, column, f"{day} is in the future: a feed records what happened")
            return False
        return True

    def well_formed(self, line: int, column: str, event_id: str) -> bool:
        """False (and a problem) when ``event_id`` could not be part of the ids made from it."""
        if not _EVENT_ID.match(event_id):
            message = f"{event_id[:60]!r} is not an event id: up to 100 letters, digits and . _ : -"
            self.problem(line, column, message)
            return False
        return True

    def first_time(self, line: int, column: str, event_id: str) -> bool:
        """False (and a problem) when the file has given this event before, or its id could
        not be part of the ids made from it. Asked only of rows read on: a bad row does not
        take the id from a good one after it (which --skip-bad-rows imports)."""
        if not self.well_formed(line, column, event_id):
            return False
        first = self.events.setdefault(event_id, line)
        if first != line:
            where = f"{self.row_word} {first}"
            self.problem(line, column, f"{event_id!r} appears twice (first on {where})")
        return first == line

    def actor(self, line: int, field_name: str, name: str, kind: str | None) -> str | None:
        """The id ``name`` stands for: a known actor, or a new one made for this import.

        An actor made without a ``kind`` (the feed did not say what it is) is an
        ``organisation`` until a row gives its kind."""
        key = normalize(name)
        if not key:  # "?", "---": no name, and two of them would be one actor
            self.problem(line, field_name, no_name(name))
            return None
        if len(name.strip()) > MAX_NAME:
            message = f"{len(name.strip()):,} characters: a name has at most {MAX_NAME}"
            self.problem(line, field_name, message)
            return None
        if key in self.created:
            record = self.untyped.get(key)
            if record is not None and kind:
                record["kind"] = kind
                del self.untyped[key]
            return self.created[key]
        actor_id = make_id(f"{self.PREFIX}-actor-{slug(name)}")
        try:
            found = self.resolver.find(name, ["actor"])
        except ResolveError as exc:  # ambiguous: the file cannot name one by its id, as a study can
            said = str(exc).removesuffix(" Use the id.").removesuffix(".")
            self.problem(line, field_name, f"{said}. {_ONE_NAME}")
            return None
        # An actor loaded before: the feed's own is declared again by its own dataset, and
        # referred to by any other (a kind guessed from another export must not redefine it).
        if found is not None and (found.id != actor_id or found.id in self.foreign):
            return found.id
        if found is None and (close := self.resolver.close(name, {"actor"}, misspelt=True)):
            self.raw.near[name] = close  # a new actor, or a known one misspelt? (said, not guessed)
        record = {"id": actor_id, "name": name, "kind": kind or "organisation"}
        self.add("actors", line, record)
        self.created[key] = actor_id
        if not kind:
            self.untyped[key] = record
        return actor_id

    def locate(self, line: int, event_id: str, levels: list[tuple[str, str]],
               row: dict[str, str]) -> None:  # fmt: skip
        """The event ``located_in`` the innermost of its nested places (kind, name, outermost
        first), which gets the row's coordinates."""
        parent = None
        levels = [(kind, name) for kind, name in levels if name]
        point = self._point(line, row)
        for depth, (kind, name) in enumerate(levels, start=1):
            place_id = (make_id(parent, slug(name)) if parent else
                        make_id(f"{self.PREFIX}-{kind}-{slug(name)}"))  # fmt: skip
            record: dict[str, Any] = {"id": place_id, "name": name, "kind": kind}
            if depth == len(levels) and point:
                record |= point
            if self.add("places", line, record) and parent:
                self.relation(line, place_id, "located_in", parent, f"{place_id}--in")
            parent = place_id
        if parent:
            self.relation(line, event_id, "located_in", parent, f"{event_id}--place")

    def _point(self, line: int, row: dict[str, str]) -> dict[str, float] | None:
        """The row's coordinates, checked on every row (a place keeps its first row's): a
        problem names the column when one is not a number in its range."""
        point = {}
        given = [c for c in ("latitude", "longitude") if (row.get(c) or "").strip()]
        if len(given) == 1:  # half a pair places nothing: said, not dropped
            other = "longitude" if given[0] == "latitude" else "latitude"
            self.problem(line, other, f"empty, while {given[0]} is given: a place needs both")
            return None
        for column, limit in (("latitude", 90), ("longitude", 180)):
            text = (row.get(column) or "").strip()
            if not text:
                return None
            try:
                value = float(text)
            except ValueError:
                value = math.nan
            if not -limit <= value <= limit:  # NaN fails too
                self.problem(line, column, f"{text!r} is not a {column} (-{limit} to {limit})")
                return None
            point[column] = value
        return point

    def between(
        self, line: int, event: dict[str, Any], sides: tuple[str | None, str | None],
        term: str | None, since: str, until: str,
    ) -> None:  # fmt: skip
        """The event, and the relation ``term`` its type asserts between its two sides. Sides
        that are one actor (infighting, an insider attack coded so) assert none: the event is
        marked ``intra_group`` instead."""
        first, second = sides
        if first and first == second:
            event = event | {"intra_group": True}
        self.add("events", line, event)
        if term and first and second and first != second:
            self.relation(line, first, term, second, f"{event['id']}--{term}",
                          event=event["id"], since=since, until=until,
                          **deaths(event))  # fmt: skip

    def source(self, line: int, title: str) -> str:
        """A medium the feed cites (graded with the import's reliability)."""
        source_id = make_id(f"{self.PREFIX}-src-{slug(title)}")
        self.add("sources", line, {"id": source_id, "title": title,
                                   "reliability": self.grades.reliability})  # fmt: skip
        return source_id

    def relation(self, line: int, start: str, term: str, end: str, rid: str, **extra: Any) -> None:
        """A relation the feed claims, citing the current row (:attr:`citation`)."""
        self.add("relations", line, {
            "id": rid, "from": start, "term": term, "to": end, "claimant": self.claimant,
            "sources": self.citation.sources, "evidence": self.citation.evidence[:20_000],
            "credibility": self.grades.credibility, "confidence": self.grades.confidence,
            **extra,
        })  # fmt: skip


def deaths(event: dict[str, Any]) -> dict[str, Any]:
    """The event's deaths as the figure (graph.figures) of the relation its type asserts, so
    that the feed's numbers are claims like any other: ``killed`` with the feed's best, low and
    high estimates. The event keeps its ``fatalities`` fields too. Cells that are not plain
    counts, or estimates out of order, are left to the event's own checks (no figure).

    A lone 0 (ACLED's "no fatalities reported") is no figure: it is not a count of none that
    other claims could be in dispute with. UCDP's 0 beside a low and a high is an estimate."""
    cells = {"low": "fatalities_low", "best": "fatalities", "high": "fatalities_high"}
    texts = {part: str(event.get(field) or "").strip() for part, field in cells.items()}
    counts = {part: WHOLE.match(text) for part, text in texts.items()}
    figure = {part: int(m[1]) for part, m in counts.items() if m}
    if (
        not figure
        or list(figure.values()) != sorted(figure.values())
        or figure == {"best": 0}
        or max(figure.values()) > MAX_COUNT
    ):
        return {}
    return {"quantities": {"killed": figure}}


_SHEET_NUMBER = re.compile(r"(\d+)\.0*")


def code(text: str) -> str:
    """A feed's numeric code as the feed writes it: ``1`` also when a spreadsheet made it
    ``1.0``."""
    text = text.strip()
    return match[1] if (match := _SHEET_NUMBER.fullmatch(text)) else text
