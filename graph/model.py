"""What an analyst writes down: actors, places, events, sources and graded relations.

The ``*In`` models validate one record as written in a file (pydantic, unknown fields refused).
Resolution (:mod:`graph.resolve`) then turns names into ids and terms into stored types.

Grades follow the Admiralty (NATO) system: a source's *reliability* A–F and a claim's
*credibility* 1–6. *Confidence* in [0, 1] is the analyst's own weight for the relation.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)

from .figures import Count, Quantities

RELIABILITY = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
CREDIBILITY = {
    1: "confirmed by other sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$"
Id = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=ID_PATTERN),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000)]
MAX_NAME = 500
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_NAME)]
Ref = Name  # an id, name or alias; resolved later


# -- partial dates ---------------------------------------------------------------------------
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})\Z")
_MONTH = re.compile(r"^(\d{4})-(\d{2})\Z")
_YEAR = re.compile(r"^(\d{4})\Z")
_DECADE = re.compile(r"^(\d{3})0s\Z")


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to a day, month, year or decade, kept as the range it stands for.

    ``2021-08`` is 2021-08-01..2021-08-31; ``1990s`` is 1990-01-01..1999-12-31; an interval
    ``2021-08-30/2021-09-06`` runs from the start of one to the end of the other.
    """

    text: str
    start: date
    end: date

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, date):
            value = value.isoformat()
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise ValueError("a date is text such as 2021-08-30, 2021-08, 2021 or 1990s")
        text = value.strip()
        if "/" in text:
            first, _, last = text.partition("/")
            if "/" in last:  # 2021/09/01: no interval, and no part of it the problem
                raise ValueError(f"{text!r} is not a date: {_FORMS}")
            try:
                start, end = cls.parse(first).start, cls.parse(last).end
            except ValueError as exc:
                raise ValueError(f"interval {text!r}: {exc}") from None
            if end < start:
                raise ValueError(f"interval {text!r} ends before it starts")
            return cls(text, start, end)
        start, end = _bounds(text)
        return cls(text, start, end)

    def __str__(self) -> str:
        return self.text


def _bounds(text: str) -> tuple[date, date]:
    try:
        if m := _DAY.match(text):
            day = date(int(m[1]), int(m[2]), int(m[3]))
            return day, day
        if m := _MONTH.match(text):
            year, month = int(m[1]), int(m[2])
            last = calendar.monthrange(year, month)[1]
            return date(year, month, 1), date(year, month, last)
        if m := _YEAR.match(text):
            return date(int(text), 1, 1), date(int(text), 12, 31)
        if m := _DECADE.match(text):
            first = int(m[1]) * 10
            return date(first, 1, 1), date(first + 9, 12, 31)
    except ValueError:
        raise ValueError(f"{text!r} is not a real date") from None
    raise ValueError(f"{text!r} is not a date: {_FORMS}")


_FORMS = "write 2021-08-30, 2021-08, 2021, 1990s, or an interval A/B"


def _partial_date(value: object) -> PartialDate | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return PartialDate.parse(value)


When = Annotated[PartialDate | None, BeforeValidator(_partial_date)]


def _not_before_since(cls: type, until: PartialDate | None, info: ValidationInfo) -> Any:
    """``until`` may not end before ``since`` starts (overlapping partial dates are fine:
    since 2021-05, until 2021)."""
    since = info.data.get("since")
    if until is not None and since is not None and until.end < since.start:
        raise ValueError(f"{until} is before since ({since}): the two are swapped, or one is wrong")
    return until


def listed(value: Any) -> Any:
    """Allow a single value where a list is expected; CSV cells split on ';'."""
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(";") if part.strip()]
    return value


NameList = Annotated[list[Name], BeforeValidator(listed)]
IdList = Annotated[list[Id], BeforeValidator(listed)]


# -- records as written ----------------------------------------------------------------------
class _Record(BaseModel):
    model_config = ConfigDict(
        extra="forbid", populate_by_name=True, str_strip_whitespace=True, allow_inf_nan=False
    )  # NaN failed `le=1` and was said to be too large


class EntityIn(_Record):
    """Common shape of actors, places and events."""

    id: Id
    name: Name
    kind: Name
    aliases: NameList = Field(default_factory=list)
    description: Text | None = None
    note: Text | None = None
    # This dataset's own account of an entity another dataset defined, under another name if
    # it must (the kind stays): see docs/model.md, "Datasets that share ids".
    extends: bool | None = None
    # A copy of the entity as that dataset defines it, which an export writes so that it loads
    # on its own: where any dataset defines the id, the record is a reference and no account.
    defined_by: Name | None = None


class ActorIn(EntityIn):
    since: When = None
    until: When = None

    _until = field_validator("until")(_not_before_since)


class PlaceIn(EntityIn):
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)


# How exactly a feed knows when and where an event happened (ACLED's time/geo and UCDP's
# date/where precision on one scale each): "week": the date is known to within a week.
DatePrecision = Literal["day", "week", "month", "year", "longer"]
PlacePrecision = Literal["exact", "near", "district", "province", "country", "other"]


class EventIn(EntityIn):
    date: When = None
    date_precision: DatePrecision | None = None
    place_precision: PlacePrecision | None = None
    fatalities: Count | None = None  # the feed's figure (UCDP's best estimate)
    fatalities_low: Count | None = None  # UCDP's low and high estimates
    fatalities_high: Count | None = None
    source_event_id: Name | None = None  # the feed's own id (ACLED event_id_cnty, UCDP id)
    intra_group: bool | None = None  # both sides one actor: infighting, an insider attack


class SourceIn(_Record):
    id: Id
    title: Text
    publisher: Name | None = None
    author: Name | None = None
    date: When = None
    url: Annotated[str, StringConstraints(max_length=2000)] | None = None
    reliability: Literal["A", "B", "C", "D", "E", "F"]
    note: Text | None = None
    extends: bool | None = None  # its own account of another dataset's source (another title)
    defined_by: Name | None = None  # a copy, as for entities (EntityIn.defined_by)
    # The source that carried this one to us: a statement as an article reports it, a tweet an
    # agency relays. A claim citing this source rests on the carrier too (validate.lineage).
    via: Id | None = None
    # The actor the source speaks for, when it is a party to the conflict (a spokesman's
    # statement, a side's own channel): an actor's id, name or alias, stored as its id.
    party: Ref | None = None
    # "background": the analyst's own knowledge, said in the note; none: a document.
    kind: Literal["document", "background"] | None = None

    @field_validator("reliability", mode="before")
    @classmethod
    def _upper(cls, value: Any) -> Any:
        return value.strip().upper() if isinstance(value, str) else value


# How the claimant holds a claim: reports it (the default), asserts it in its own voice, infers
# it, only speculates, denies it, or forecasts it. Analyses of what holds (balance, centrality,
# path, brokers) leave the TENTATIVE ones out unless asked (docs/model.md).
Status = Literal["reported", "asserted", "inferred", "speculated", "denied", "forecast"]
STATUSES: tuple[str, ...] = Status.__args__  # type: ignore[attr-defined]
TENTATIVE = ("speculated", "denied", "forecast")


class RelationIn(_Record):
    id: Id | None = None
    from_: Ref = Field(alias="from")
    term: Name
    subtype: Name | None = None
    to: Ref
    since: When = None
    until: When = None
    claimant: Ref
    sources: Annotated[IdList, Field(min_length=1)]
    evidence: Text
    credibility: int = Field(ge=1, le=6)
    confidence: float = Field(ge=0.0, le=1.0)
    outcome: Name | None = None
    event: Ref | None = None
    contradicts: IdList = Field(default_factory=list)
    status: Status | None = None  # stored only when given: none is "reported"
    quantities: Quantities = Field(default_factory=dict)  # its numbers (graph.figures)
    note: Text | None = None

    _until = field_validator("until")(_not_before_since)

    @field_validator("sources")
    @classmethod
    def _each_once(cls, value: list[str]) -> list[str]:
        """A source cited twice would count twice wherever claims are counted by source."""
        if twice := sorted({s for s in value if value.count(s) > 1}):
            raise ValueError(f"{', '.join(map(repr, twice))} cited twice: cite each source once")
        return value

    @field_validator("status", mode="before")
    @classmethod
    def _lower(cls, value: Any) -> Any:
        return value.strip().lower() or None if isinstance(value, str) else value


CATEGORY_MODELS: dict[str, type[EntityIn]] = {"actor": ActorIn, "place": PlaceIn, "event": EventIn}
# The sections of a dataset file that hold entities, and the category of each.
SECTIONS = {"actors": "actor", "places": "place", "events": "event"}
SECTION_OF = {category: section for section, category in SECTIONS.items()}
# Every section of a dataset file, in the order files list them.
FILE_SECTIONS = ("sources", *SECTIONS, "relations")


def field_names(model: type[BaseModel]) -> list[str]:
    """A record's fields as written in dataset files (``from``, not ``from_``), ``note`` last:
    the columns of CSV files and the keys of exported records."""
    names = [field.alias or name for name, field in model.model_fields.items()]
    return [n for n in names if n != "note"] + (["note"] if "note" in names else [])


# -- resolved --------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Origin:
    """Where a record was read: file and line."""

    file: str
    line: int | None


@dataclass(frozen=True, slots=True)
class Entity:
    category: Literal["actor", "place", "event"]
    record: EntityIn
    origin: Origin

    @property
    def id(self) -> str:
        return self.record.id


@dataclass(frozen=True, slots=True)
class Relation:
    """A relation after resolution: ends are ids, the term is the stored one."""

    id: str
    term: str
    type: str
    sign: int
    symmetric: bool
    start: str
    end: str
    claimant: str
    event: str | None
    record: RelationIn
    origin: Origin
    point: bool = False  # a dated act: the term's duration is "point", or it names an event
    # The sources it cites and every source that carried one (validate.lineage), when carriers
    # add to what it cites; stored, so that queries count the claims resting on a source.
    rests_on: tuple[str, ...] | None = None
