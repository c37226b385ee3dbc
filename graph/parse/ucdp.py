"""UCDP's Georeferenced Event Dataset (GED) CSV as actorgraph records.

Each GED row (one event) becomes an event with UCDP's best, low and high estimates of deaths
(``fatalities``, ``fatalities_low``, ``fatalities_high``), its id (``source_event_id``) and how
precisely its date and place are known; its country and admin units nest as places, with the
coordinates on the innermost. ``side_a`` and ``side_b`` are resolved by name and alias to
actors already loaded ("Taleban" is the Taliban when an alias says so), or made; each
``participated_in`` the event (subtype ``primary``; the relation id says the side, ``--a`` or
``--b``). The relation the type of violence asserts:

- 1, state-based, and 2, non-state: side_a ``fights`` side_b (symmetric);
- 3, one-sided violence: side_a ``attacks`` side_b (the civilians).

UCDP (an actor ``ucdp``) is the claimant; the export is the source, and the row's
``source_article`` is quoted in the evidence. A newer GED version under the same dataset
updates revised events (by ``id``) and removes those UCDP dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

from ..figures import MAX_COUNT, whole_count
from .feeds import Citation, FeedBuilder

REQUIRED = ("id", "type_of_violence", "side_a", "side_b", "date_start", "date_end", "best")
VIOLENCE = {  # type_of_violence: (name, event kind, relation side_a → side_b)
    "1": ("state-based conflict", "battle", "fights"),
    "2": ("non-state conflict", "battle", "fights"),
    "3": ("one-sided violence", "attack", "attacks"),
}
# date_prec 1 the day; 2 within 2-6 days; 3 the month; 4 the year; 5 longer.
DATE_PRECISION = {"1": "day", "2": "week", "3": "month", "4": "year", "5": "longer"}
# where_prec 1 the place; 2 within about 25 km; 3 the second-order unit; 4 the first-order
# unit; 5 part of a country; 6 the country; 7 international waters or air space.
PLACE_PRECISION = {"1": "exact", "2": "near", "3": "district", "4": "province", "5": "other",
                   "6": "country", "7": "other"}  # fmt: skip


def _day(text: str) -> str:
    """GED's date, with or without the time some versions write (``2020-01-02 00:00:00.000``)."""
    try:
        return datetime.fromisoformat(text.strip()).date().isoformat()
    except ValueError as exc:
        if "out of range" in str(exc) or "must be in" in str(exc):  # 2020-02-30, 2020-13-01
            raise ValueError(f"{text!r} is no day of the calendar ({exc})") from None
        raise ValueError(f"{text!r} is not a GED date (2020-01-31)") from None


@dataclass
class _Ged(FeedBuilder):
    FEED = "a UCDP GED"
    REQUIRED = REQUIRED
    PREFIX = "ucdp"
    EVENT_ID = ("id", "ucdp-ged-")
    NAMES: ClassVar[dict[str, str | None]] = {"side_a": None, "side_b": None}
    EXPORT: ClassVar[dict[str, str]] = {"title": "UCDP GED export",
                                        "publisher": "Uppsala Conflict Data Program"}  # fmt: skip
    ACTOR: ClassVar[dict[str, Any]] = {
        "id": "ucdp", "name": "UCDP", "kind": "organisation",
        "aliases": ["Uppsala Conflict Data Program"],
    }  # fmt: skip
    READ = ("dyad_name", "country", "adm_1", "adm_2", "where_coordinates", "latitude",
            "longitude", "source_article")  # fmt: skip
    FIELDS: ClassVar[dict[str, tuple[str, dict[str, str] | None]]] = {
        "source_event_id": ("id", None),
        "fatalities": ("best", None),
        "fatalities_low": ("low", None),
        "fatalities_high": ("high", None),
        "date_precision": ("date_prec", DATE_PRECISION),
        "place_precision": ("where_prec", PLACE_PRECISION),
        "description": ("source_headline", None),
    }

    def event(self, line: int, row: dict[str, str]) -> None:
        read = True
        if row["type_of_violence"] not in VIOLENCE:
            self.problem(line, "type_of_violence", "must be 1 (state-based), 2 (non-state) or "
                                                   "3 (one-sided)")  # fmt: skip
            read = False
        days = []
        for column in ("date_start", "date_end"):
            try:
                day = _day(row[column])
            except ValueError as exc:
                self.problem(line, column, str(exc))
                continue
            if self.happened(line, column, day):
                days.append(day)
        if len(days) == 2 and days[1] < days[0]:
            self.problem(line, "date_end", f"{days[1]} is before date_start ({days[0]})")
        if _out_of_order(row):
            self.problem(line, "best", f"the estimates must run low ≤ best ≤ high: low "
                                       f"{row.get('low')}, best {row['best']}, high "
                                       f"{row.get('high')}")  # fmt: skip
            read = False
        read = read and len(days) == 2 and days[0] <= days[1]
        if not (read and self.first_time(line, "id", row["id"])):
            if not read:
                self.well_formed(line, "id", row["id"])
            self.unread(line, row)
            return
        start, end = days
        violence, kind, term = VIOLENCE[row["type_of_violence"]]
        when = start if start == end else f"{start}/{end}"
        self.citation = Citation([self.export_id], _evidence(row, violence, when))
        event_id = self.event_id(row["id"])
        civilians = "social_group" if row["type_of_violence"] == "3" else None  # one-sided
        sides = (self._side(line, row, "a", event_id, None, (start, end)),
                 self._side(line, row, "b", event_id, civilians, (start, end)))  # fmt: skip
        where = row.get("where_coordinates") or row.get("adm_2") or row.get("country") or "?"
        dyad = row.get("dyad_name") or f"{row['side_a']} - {row['side_b']}"
        event = {"id": event_id, "kind": kind, "date": when,
                 "name": f"{dyad} in {where} ({when})", **self.copied(line, row)}  # fmt: skip
        self.between(line, event, sides, term, since=start, until=end)
        self.locate(line, event_id, [
            ("country", row.get("country", "")), ("province", row.get("adm_1", "")),
            ("district", row.get("adm_2", "")), ("area", row.get("where_coordinates", "")),
        ], row)  # fmt: skip

    def _side(
        self, line: int, row: dict[str, str], side: str, event_id: str, kind: str | None,
        when: tuple[str, str],
    ) -> str | None:  # fmt: skip
        """A side as a participant, dated as the event (``when``: its first and last day); a
        government side ("Government of X") is a state's forces. UCDP gives no other type, so
        other sides are organisations until known better."""
        name = row[f"side_{side}"]
        if name.lower().startswith("government of"):
            kind = "armed_force"
        actor = self.actor(line, f"side_{side}", name, kind)
        if actor:
            self.relation(line, actor, "participated_in", event_id, f"{event_id}--{side}",
                          subtype="primary", since=when[0], until=when[1])  # fmt: skip
        return actor


read_ged = _Ged.read
ged_names = _Ged.actor_names
# for problems to name GED's columns; names are made from several (a too long one is said so)
COLUMNS = _Ged.columns(
    date="date_start",
    name="name (made from side_a, side_b, dyad_name, where_coordinates, adm_1, adm_2 or country)",
)


def _out_of_order(row: dict[str, str]) -> bool:
    """True when low ≤ best ≤ high does not hold; only counts are compared (``20.0`` is 20):
    a figure that is none (negative, too large, not a number) is left to the check of its
    column, which names it."""
    try:
        low, best, high = (whole_count(row.get(k) or row["best"]) for k in ("low", "best", "high"))
    except ValueError:
        return False
    return max(low, best, high) <= MAX_COUNT and not low <= best <= high


def _evidence(row: dict[str, str], violence: str, when: str) -> str:
    article = row.get("source_article")
    return (
        f"UCDP GED event {row['id']} ({violence}, {row.get('dyad_name') or 'dyad not named'}) "
        f"on {when}: best estimate {row['best']} deaths"
        + (f" (low {row['low']}, high {row['high']})" if row.get("low") and row.get("high") else "")
        + (f". Sources: {article}" if article else ".")
    )
