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

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, ClassVar

from ..resolve import normalize
from .feeds import Citation, FeedBuilder, code

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
    "strategic development": ("other", None),  # the singular of the 2015-2019 files
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


def parse_date(text: str, numeric: str | None = None) -> str:
    """ACLED writes ``2021-09-01`` in current exports and ``01 September 2021`` in older ones;
    a spreadsheet rewrites them as ``9-May-20`` or ``09-May-2020``. Numeric day/month orders
    (``09/05/2020``) are read only with ``numeric``, a strptime format the user gives
    (``%d/%m/%Y``); without it they are refused: which number is the month cannot be told."""
    text = text.strip()
    impossible = ""  # written as a date, but of a day no calendar has (31-Feb-15)
    # the user's format first: with %Y-%d-%m, 2020-05-09 is 5 September (one reading per file)
    for pattern in (*([numeric] if numeric else []), *DATE_FORMATS):
        try:
            return datetime.strptime(text, pattern).date().isoformat()
        except ValueError as exc:
            impossible = str(exc) if "out of range" in str(exc) else impossible
    if impossible:
        raise ValueError(f"{text!r} is no day of the calendar ({impossible})")
    if numeric:
        raise ValueError(f"{text!r} is not an ACLED date, nor one of the form {numeric}")
    raise ValueError(
        f"{text!r} is not an ACLED date (2021-09-01, 01 September 2021 or 9-May-20); numeric "
        "dates such as 09/05/2020 are read only with --date-format (%d/%m/%Y or %m/%d/%Y), "
        "since the month cannot be told"
    )


def check_date_format(numeric: str) -> str | None:
    """Why ``numeric`` cannot be a --date-format, or None: it must give day, month and year."""
    if not all(code in numeric for code in ("%d", "%m")) or not (
        "%Y" in numeric or "%y" in numeric
    ):
        return f"--date-format {numeric!r} must give %d, %m and %Y (or %y), e.g. %d/%m/%Y"
    sample = date(2021, 5, 9)
    try:  # a stray directive (%Q) would fail every row: try it on one date first
        if datetime.strptime(sample.strftime(numeric), numeric).date() == sample:
            return None
    except (ValueError, re.error):  # re.error: a directive twice (%d/%m/%Y %d)
        pass
    return f"--date-format {numeric!r} does not read back the dates it writes; e.g. %d/%m/%Y"


@dataclass
class _Acled(FeedBuilder):
    FEED = "an ACLED"
    REQUIRED = REQUIRED
    RENAMED = RENAMED
    PREFIX = "acled"
    EVENT_ID = ("event_id_cnty", "acled-")
    NAMES: ClassVar[dict[str, str | None]] = {
        "actor1": None, "actor2": None, "assoc_actor_1": ";", "assoc_actor_2": ";",
    }  # fmt: skip
    EXPORT: ClassVar[dict[str, str]] = {"title": "ACLED export", "publisher": "ACLED"}
    ACTOR: ClassVar[dict[str, Any]] = {
        "id": "acled", "name": "ACLED", "kind": "organisation",
        "aliases": ["Armed Conflict Location & Event Data"],
    }  # fmt: skip
    READ = ("actor2", "assoc_actor_1", "assoc_actor_2", "inter1", "inter2", "sub_event_type",
            "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
            "source")  # fmt: skip
    FIELDS: ClassVar[dict[str, tuple[str, dict[str, str] | None]]] = {
        "source_event_id": ("event_id_cnty", None),
        "fatalities": ("fatalities", None),
        "date_precision": ("time_precision", TIME_PRECISION),
        "place_precision": ("geo_precision", GEO_PRECISION),
        "description": ("notes", None),
    }
    date_format: str | None = None  # how the export writes numeric dates (--date-format)

    def event(self, line: int, row: dict[str, str]) -> None:
        day = self._day(line, row)
        known_type = row["event_type"].lower() in EVENT_TYPES
        if not known_type:
            known = ", ".join(sorted({t.capitalize() for t in EVENT_TYPES}))
            message = f"unknown ACLED event type {row['event_type']!r}; known: {known}"
            self.problem(line, "event_type", message)
        given = row["event_id_cnty"]
        if not (day and known_type and self.first_time(line, "event_id_cnty", given)):
            if not (day and known_type):
                self.well_formed(line, "event_id_cnty", given)
            for side in ("1", "2"):
                self._kind(line, row, side)
            self.unread(line, row)
            return
        row = row | {"event_date": day}
        # A piece with no letters or digits ('---', what is left of a mangled cell) names no
        # source: leaving it out keeps a source titled '---' from standing for every such name.
        cited = [name.strip() for name in row.get("source", "").split(";") if normalize(name)]
        media = dict.fromkeys(self.source(line, name) for name in cited)  # 'Tolo; TOLO': one
        self.citation = Citation([self.export_id, *media], _evidence(row))
        event_id = self.event_id(row["event_id_cnty"])
        sides = (self._side(line, row, "1", event_id), self._side(line, row, "2", event_id))
        kind, term = EVENT_TYPES[row["event_type"].lower()]
        location = row.get("location") or row.get("admin3") or row.get("admin2") or "unknown"
        sub = f": {row['sub_event_type']}" if row.get("sub_event_type") else ""
        name = f"{row['event_type']}{sub} in {location} ({day})"
        event = {"id": event_id, "kind": kind, "date": day, "name": name, **self.copied(line, row)}
        self.between(line, event, sides, term, since=day, until=day)
        self.locate(line, event_id, [
            ("country", row.get("country", "")), ("province", row.get("admin1", "")),
            ("district", row.get("admin2", "")), ("area", row.get("admin3", "")),
            ("area", row.get("location", "")),
        ], row)  # fmt: skip

    def _day(self, line: int, row: dict[str, str]) -> str | None:
        """The event's day (ISO), or None and a problem."""
        try:
            day = parse_date(row["event_date"], self.date_format)
        except ValueError as exc:
            self.problem(line, "event_date", str(exc))
            return None
        return day if self.happened(line, "event_date", day) else None

    def _kind(self, line: int, row: dict[str, str], side: str) -> str | None:
        """The kind of a side's main actor, from ``inter1``/``inter2`` (a code or its text);
        None when not given, or unknown (a problem)."""
        inter = code(row.get(f"inter{side}", ""))
        kind = INTER_KINDS.get(inter.lower())
        if row.get(f"actor{side}") and kind is None and inter not in ("", "0"):  # 0: no actor
            known = ", ".join(k for k in INTER_KINDS if not k.isdigit())
            self.problem(line, f"inter{side}", f"unknown ACLED actor type {inter[:60]!r}; known: "
                         f"1 to 8, or {known} (any case)")  # fmt: skip
        return kind

    def _side(self, line: int, row: dict[str, str], side: str, event_id: str) -> str | None:
        """One side's actor (role ``primary``) and its associated actors (role ``associated``)
        as participants of the event; returns the side's actor id. Associates are only that:
        ACLED lists an insider attacker among its victims' associates, and co-targets together,
        so no tie between an associate and the side's actor is drawn from them. ``inter`` is
        the type of actor1/actor2 only: an associate made here is an organisation until a row
        names it as a side's main actor."""
        name = row.get(f"actor{side}")
        kind = self._kind(line, row, side)
        main = self.actor(line, f"actor{side}", name, kind) if name else None
        day = row["event_date"]  # dated as the event, so that --as-of keeps it with its ties
        if main:
            self.relation(line, main, "participated_in", event_id, f"{event_id}--a{side}",
                          subtype="primary", since=day, until=day)  # fmt: skip
        for k, name in enumerate(row.get(f"assoc_actor_{side}", "").split(";")):
            if not name.strip():
                continue
            assoc = self.actor(line, f"assoc_actor_{side}", name.strip(), None)
            if assoc is not None:
                self.relation(line, assoc, "participated_in", event_id,
                              f"{event_id}--a{side}-{k}", subtype="associated",
                              since=day, until=day)  # fmt: skip
        return main


read_acled = _Acled.read
acled_names = _Acled.actor_names
# for problems to name ACLED's columns; names are made from several (a too long one is said so)
COLUMNS = _Acled.columns(
    date="event_date",
    name="name (made from actor1, actor2, assoc_actor_*, location, admin1-3, country, "
    "event_type or sub_event_type)",
)


def _evidence(row: dict[str, str]) -> str:
    return (
        f"ACLED event {row['event_id_cnty']} ({row.get('event_type')}"
        f"{' / ' + row['sub_event_type'] if row.get('sub_event_type') else ''}) on "
        f"{row.get('event_date')}" + (f": {row['notes']}" if row.get("notes") else ".")
    )
