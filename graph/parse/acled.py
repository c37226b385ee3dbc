"""ACLED's CSV exports, of every layout since 2015, as actorgraph records.

Each ACLED row (one event) becomes an event node; its location, admin areas and country become
places linked by ``located_in``; ``actor1``/``actor2`` and the associated actors become actors,
resolved through the alias resolver to actors already known (a new actor is created only for a
name nothing matches; an ambiguous name is an error, never a guess). Relations:

- ``actor1`` and ``actor2`` ``participated_in`` the event (subtype ``primary``), and so did each
  associated actor (subtype ``associated``); the relation's id says the side (``--a1``,
  ``--a2-0`` …). Associates never get a tie to anyone: ACLED lists who was involved on a side,
  which is not an alliance;
- battles (every era's battle types): actor1 ``fights`` actor2 (``fights`` is symmetric);
- violence against civilians, explosions/remote violence and the older remote violence: actor1
  ``attacks`` actor2;
- other types (protests, riots, strategic developments …) assert no relation between actors.

Headers are read in any case (the 2015 layout's are upper case, its ``ALLY_ACTOR_1/2`` are the
associated actors); ``inter1/inter2`` are numbers or text. An event type not listed in
``EVENT_TYPES`` is an error naming the row, never dropped.

Provenance: ACLED itself (an actor ``acled``) is the claimant; the sources named in the row's
``source`` column (split on ``;``) and the export file are the sources; ``notes`` is quoted as
the evidence. Grades default to credibility 3 and confidence 0.6 (options of the import).

Records get ids from ``event_id_cnty``, so importing a newer export of the same dataset updates
events ACLED revised and removes those it no longer lists.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from ..errors import DatasetError, Problem, ResolveError
from ..resolve import Candidate, Resolver, normalize
from .csvfile import csv_rows
from .files import RawDataset, RawRecord
from .located import fits_in_memory

REQUIRED = ("event_id_cnty", "event_date", "event_type", "actor1")
# Columns of older layouts under their current names (the 2015 layout's ALLY_ACTOR_1/2 are the
# associated actors of later ones). Headers are compared in lower case.
RENAMED = {"ally_actor_1": "assoc_actor_1", "ally_actor_2": "assoc_actor_2"}
# Every event type of every era since 2015, with the kind of event it is and the relation
# between actor1 and actor2 it asserts (None: none; ACLED names who was involved, not how).
EVENT_TYPES: dict[str, tuple[str, str | None]] = {
    "battles": ("battle", "fights"),
    "battle-no change of territory": ("battle", "fights"),
    "battle-government regains territory": ("battle", "fights"),
    "battle-non-state actor overtakes territory": ("battle", "fights"),
    "explosions/remote violence": ("attack", "attacks"),
    "remote violence": ("attack", "attacks"),
    "violence against civilians": ("attack", "attacks"),
    "protests": ("protest", None),
    "riots": ("protest", None),
    "riots/protests": ("protest", None),
    "strategic developments": ("other", None),
    "headquarters or base established": ("other", None),
    "non-violent transfer of territory": ("other", None),
}
# ``inter1``/``inter2``: numbers in older layouts, text in the current one.
INTER_KINDS = {
    "1": "armed_force", "state forces": "armed_force",
    "2": "armed_group", "rebel group": "armed_group",
    "3": "armed_group", "political militia": "armed_group",
    "4": "armed_group", "identity militia": "armed_group",
    "5": "social_group", "rioters": "social_group",
    "6": "social_group", "protesters": "social_group",
    "7": "social_group", "civilians": "social_group",
    "8": "armed_force", "external/other forces": "armed_force",
}  # fmt: skip
# ACLED's precision codes on actorgraph's scales (graph.model.DatePrecision, PlacePrecision):
# time_precision 1 the day, 2 a week, 3 a month; geo_precision 1 the town itself, 2 near it or
# part of a region, 3 only the province. Any other code is refused by validation.
TIME_PRECISION = {"1": "day", "2": "week", "3": "month"}
GEO_PRECISION = {"1": "exact", "2": "near", "3": "province"}
DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d-%b-%y", "%d-%b-%Y", "%d %b %Y")


@dataclass
class Grades:
    credibility: int = 3
    confidence: float = 0.6
    reliability: str = "F"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normalize(text)).strip("-") or "x"


MAX_ID = 100  # the model allows 128 characters; room is left for "--in" and the like


def make_id(*parts: str) -> str:
    """An id from already-slugged parts; one too long keeps its start and gets a short hash
    of the whole, so the same names always give the same id (re-imports match)."""
    whole = "--".join(parts)
    if len(whole) <= MAX_ID:
        return whole
    digest = hashlib.sha256(whole.encode()).hexdigest()[:12]
    return f"{whole[: MAX_ID - 13].rstrip('-')}-{digest}"


def parse_date(text: str) -> str:
    """ACLED writes ``2021-09-01`` in current exports and ``01 September 2021`` in older ones;
    a spreadsheet rewrites them as ``9-May-20`` or ``09-May-2020``. Numeric day/month orders
    (``09/05/2020``) are refused: which number is the month cannot be told."""
    text = text.strip()
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date().isoformat()
        except ValueError:
            continue
    raise ValueError(
        f"{text!r} is not an ACLED date (2021-09-01, 01 September 2021 or 9-May-20); "
        "numeric dates such as 09/05/2020 are refused, since the month cannot be told"
    )


def read_acled(
    path: Path,
    known: list[tuple[Candidate, list[str]]],
    dataset: str,
    grades: Grades,
    skip: Collection[int] = (),
) -> RawDataset:
    """Turn an ACLED export into raw records for the usual validation and loading; the rows
    starting on the lines in ``skip`` are left out."""
    file = str(path)
    raw = RawDataset(name=dataset, files=[path])
    if too_much := fits_in_memory([path]):
        raise DatasetError([too_much])
    rows = csv_rows(path, raw.digests)
    header = [h.strip().lower() for h in next(rows, (1, []))[1]]
    header = [RENAMED.get(h, h) for h in header]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise DatasetError(
            [Problem(file, 1, None, f"not an ACLED export: missing columns {', '.join(missing)}")]
        )
    builder = _Builder(raw, file, Resolver(known), grades)
    builder.add("sources", None, {
        "id": f"{dataset}-export", "title": f"ACLED export {path.name}", "reliability": "B",
        "publisher": "ACLED",
    })  # fmt: skip
    builder.add("actors", None, {"id": "acled", "name": "ACLED", "kind": "organisation",
                                 "aliases": ["Armed Conflict Location & Event Data"]})  # fmt: skip
    for line, row in rows:
        if line in skip or not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            message = f"row has {len(row)} cells, the header {len(header)}"
            raw.problems.append(Problem(file, line, None, message))
            continue
        builder.event(line, dict(zip(header, (cell.strip() for cell in row), strict=True)))
    return raw


class _Builder:
    def __init__(self, raw: RawDataset, file: str, resolver: Resolver, grades: Grades) -> None:
        self.raw, self.file, self.resolver, self.grades = raw, file, resolver, grades
        self.created: dict[str, str] = {}
        self.typed: dict[str, dict[str, Any]] = {}  # actors made without a type, by name key
        self.ids: set[str] = set()

    def add(self, section: str, line: int | None, data: dict[str, Any]) -> bool:
        """Add a record once; returns False if one with that id was already added."""
        key = (section, data.get("id"))
        if section != "relations" and key in self.ids:
            return False
        self.ids.add(key)  # type: ignore[arg-type]
        record = RawRecord(section, data, self.file, line)  # every field is on `line`
        self.raw.records.append(record)
        return True

    def actor(self, line: int, field: str, name: str, inter: str | None) -> str | None:
        """The id ``name`` stands for: a known actor, or a new one made for this import.

        ``inter`` is ACLED's type of a side's main actor; an associated actor has none (the
        code describes actor1/actor2 only), so it is an ``organisation`` until a row names it
        as a side's main actor."""
        key = normalize(name)
        kind = INTER_KINDS.get(inter) if inter else None
        if key in self.created:
            record = self.typed.get(key)
            if record is not None and kind:
                record["kind"] = kind
                del self.typed[key]
            return self.created[key]
        try:
            found = self.resolver.resolve(name, ["actor"])
            return found.id
        except ResolveError as exc:
            if exc.candidates:
                self.raw.problems.append(Problem(self.file, line, field, str(exc)))
                return None
        actor_id = make_id(f"acled-actor-{slug(name)}")
        record = {"id": actor_id, "name": name, "kind": kind or "organisation"}
        self.add("actors", line, record)
        self.created[key] = actor_id
        if not kind:
            self.typed[key] = record  # its kind may still come from a row naming it main actor
        return actor_id

    def place(self, line: int, kind: str, name: str, parent: str | None, row: dict) -> str:
        place_id = make_id(parent, slug(name)) if parent else make_id(f"acled-{kind}-{slug(name)}")
        record = {"id": place_id, "name": name, "kind": kind}
        if kind == "area" and row.get("latitude") and row.get("longitude"):
            record |= {"latitude": row["latitude"], "longitude": row["longitude"]}
        if self.add("places", line, record) and parent:
            self.relation(line, place_id, "located_in", parent, row, f"{place_id}--in")
        return place_id

    def relation(
        self, line: int, start: str, term: str, end: str, row: dict, rid: str, **extra: Any
    ) -> None:
        sources = [f"{self.raw.name}-export"] + [
            make_id(f"acled-src-{slug(s)}") for s in row.get("source", "").split(";") if s.strip()
        ]
        evidence = (
            f"ACLED event {row['event_id_cnty']} ({row.get('event_type')}"
            f"{' / ' + row['sub_event_type'] if row.get('sub_event_type') else ''}) on "
            f"{row.get('event_date')}" + (f": {row['notes']}" if row.get("notes") else ".")
        )
        self.add("relations", line, {
            "id": rid, "from": start, "term": term, "to": end, "claimant": "acled",
            "sources": sources, "evidence": evidence[:20_000],
            "credibility": self.grades.credibility, "confidence": self.grades.confidence,
            **extra,
        })  # fmt: skip

    def event(self, line: int, row: dict[str, str]) -> None:
        for column in REQUIRED:
            if not row.get(column):
                self.raw.problems.append(Problem(self.file, line, column, "required cell is empty"))
                return
        try:
            day = parse_date(row["event_date"])
        except ValueError as exc:
            self.raw.problems.append(Problem(self.file, line, "event_date", str(exc)))
            return
        if row["event_type"].lower() not in EVENT_TYPES:
            known = ", ".join(sorted({t.capitalize() for t in EVENT_TYPES}))
            message = f"unknown ACLED event type {row['event_type']!r}; known: {known}"
            self.raw.problems.append(Problem(self.file, line, "event_type", message))
            return
        row = row | {"event_date": day}
        for source in row.get("source", "").split(";"):
            if source.strip():
                self.add("sources", line, {"id": make_id(f"acled-src-{slug(source)}"),
                                           "title": source.strip(),
                                           "reliability": self.grades.reliability})  # fmt: skip
        event_id = f"acled-{row['event_id_cnty']}"
        self._event_node(line, row, event_id, day)
        self._event_places(line, row, event_id)
        first, second = (self._side(line, row, side, event_id) for side in ("1", "2"))
        term = EVENT_TYPES[row["event_type"].lower()][1]
        if term and first and second and first != second:
            self.relation(line, first, term, second, row, f"{event_id}--{term}",
                          event=event_id, since=day)  # fmt: skip

    def _event_node(self, line: int, row: dict[str, str], event_id: str, day: str) -> None:
        location = row.get("location") or row.get("admin3") or row.get("admin2") or "unknown"
        record: dict[str, Any] = {
            "id": event_id, "kind": EVENT_TYPES[row["event_type"].lower()][0],
            "date": day, "source_event_id": row["event_id_cnty"],
            "name": f"{row['event_type']}"
                    f"{': ' + row['sub_event_type'] if row.get('sub_event_type') else ''}"
                    f" in {location} ({day})",
        }  # fmt: skip
        if row.get("notes"):
            record["description"] = row["notes"]
        for column, field, values in (
            ("fatalities", "fatalities", None),
            ("time_precision", "date_precision", TIME_PRECISION),
            ("geo_precision", "place_precision", GEO_PRECISION),
        ):
            if value := row.get(column):
                record[field] = value if values is None else values.get(value, value)
        self.add("events", line, record)

    def _event_places(self, line: int, row: dict[str, str], event_id: str) -> None:
        """Country, admin areas and location as nested places; the event is in the last."""
        parent = None
        for kind, column in (("country", "country"), ("province", "admin1"),
                             ("district", "admin2"), ("area", "admin3")):  # fmt: skip
            if row.get(column):
                parent = self.place(line, kind, row[column], parent, row)
        if row.get("location"):
            parent = self.place(line, "area", row["location"], parent, row)
        if parent:
            self.relation(line, event_id, "located_in", parent, row, f"{event_id}--place")

    def _side(self, line: int, row: dict[str, str], side: str, event_id: str) -> str | None:
        """One side's actor (role ``primary``) and its associated actors (role ``associated``)
        as participants of the event; returns the side's actor id. Associates are only that:
        ACLED lists an insider attacker among its victims' associates, and co-targets together,
        so no tie between an associate and the side's actor is drawn from them."""
        name = row.get(f"actor{side}")
        inter = row.get(f"inter{side}", "").strip().lower()
        main = self.actor(line, f"actor{side}", name, inter) if name else None
        if main:
            self.relation(line, main, "participated_in", event_id, row, f"{event_id}--a{side}",
                          subtype="primary")  # fmt: skip
        for k, name in enumerate(row.get(f"assoc_actor_{side}", "").split(";")):
            if not name.strip():
                continue
            assoc = self.actor(line, f"assoc_actor_{side}", name.strip(), None)
            if assoc is not None:
                self.relation(line, assoc, "participated_in", event_id, row,
                              f"{event_id}--a{side}-{k}", subtype="associated")  # fmt: skip
        return main
