"""From raw records to a checked, resolved dataset, collecting every problem on the way.

Pure: no database. What is already in the database (for references to actors or sources loaded
earlier) comes in as a :class:`Known` value.
"""

from __future__ import annotations

import difflib
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel

from ..errors import DatasetError, Problem
from ..model import CATEGORY_MODELS, SECTIONS, Entity, Origin, Relation, RelationIn, SourceIn
from ..parse.files import RawDataset, read_dataset
from ..resolve import Resolver
from ..vocabulary import Vocabulary, load_vocabulary
from .collect import MAX_PROBLEMS, UNKNOWN, Collector, fields_of
from .entities import Owned, entities_of, sources_of
from .known import Known
from .relations import relation_id, relations_of

__all__ = [
    "MAX_PROBLEMS",
    "Checking",
    "Dataset",
    "Known",
    "build_dataset",
    "relation_id",
    "validate_paths",
]


@dataclass
class Dataset:
    name: str
    files: list[Path]
    entities: list[Entity]
    sources: list[tuple[SourceIn, Origin]]
    relations: list[Relation]
    vocabulary: Vocabulary
    digests: dict[Path, bytes] = field(default_factory=dict)  # of the bytes read, per file
    description: str | None = None
    defaulted: dict[str, int] = field(default_factory=dict)  # relations per defaulted field
    # Records another dataset defines already: (what, id, that dataset). Not written here.
    references: list[tuple[str, str, str]] = field(default_factory=list)
    accounts: list[Entity] = field(default_factory=list)  # of other datasets' entities
    source_accounts: list[SourceIn] = field(default_factory=list)  # and sources
    # Events of a feed's rows left out (--skip-bad-rows): stored, they stay as they were.
    held: frozenset[str] = frozenset()
    # Names its entities share with other datasets' entities: (name, its id, the other's id).
    shared: list[tuple[str, str, str]] = field(default_factory=list)

    def shared_summary(self) -> str:
        """Which names its entities share with other datasets' entities, or ''."""
        if not self.shared:
            return ""
        shown = "; ".join(f"{name!r} ({ours} here, {theirs} there)"
                          for name, ours, theirs in self.shared[:5])  # fmt: skip
        more = f" and {len(self.shared) - 5} more" if len(self.shared) > 5 else ""
        return (
            f"{shown}{more}: names this dataset's entities share with entities of other "
            "datasets. Each stays an entity of its own, and a query or a dataset that gives such "
            "a name is refused as ambiguous: give the id. If they are one, refer to the other "
            "dataset's entity by its id instead of defining another."
        )

    def references_summary(self) -> str:
        """What the files define that other datasets define already, or ''."""
        if not self.references:
            return ""
        owners = sorted({owner for _, _, owner in self.references})
        ids = ", ".join(item for _, item, _ in self.references[:8])
        more = f" and {len(self.references) - 8} more" if len(self.references) > 8 else ""
        return (
            f"{len(self.references)} record{' is' if len(self.references) == 1 else 's are'} "
            "defined by another dataset already "
            f"({', '.join(owners)}): {ids}{more}. This dataset refers to them, and keeps what it "
            "says of an entity as its own account of it (`actorgraph resolve --who`)."
        )

    def defaults_summary(self) -> str:
        """'58 relations took claimant, sources from defaults; 3 took confidence', or ''."""
        by_count: dict[int, list[str]] = {}
        for key, n in sorted(self.defaulted.items()):
            by_count.setdefault(n, []).append(key)
        parts = [
            f"{n} relation{'s' if n != 1 else ''} took {', '.join(keys)}"
            for n, keys in sorted(by_count.items(), reverse=True)
        ]
        return "; ".join(parts) + " from the defaults" if parts else ""

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


# The record model of each section, whose required fields a CSV file of it must give.
_MODELS: dict[str, type[BaseModel]] = {
    **{section: CATEGORY_MODELS[category] for section, category in SECTIONS.items()},
    "sources": SourceIn,
    "relations": RelationIn,
}


def csv_columns(raw: RawDataset) -> tuple[Counter, Counter]:
    """One pass over the records read from CSV files: rows per (file, section), and rows
    giving each (file, section, column) a value; what :func:`absent_columns` and
    :func:`unknown_columns` read."""
    rows: Counter[tuple[str, str]] = Counter()
    given: Counter[tuple[str, str, str]] = Counter()
    for record in raw.records:
        if record.file.lower().endswith(".csv"):
            rows[record.file, record.section] += 1
            given.update((record.file, record.section, column) for column in record.data)
    return rows, given


def absent_columns(
    raw: RawDataset, rows: Counter, given: Counter
) -> dict[tuple[str, str, str], int]:
    """(file, section, field) → rows, for each required field that no row of a CSV file gives
    (its column is absent, or empty throughout) and no default fills: one problem at the
    header, not one per row. Found before the records are checked, so that a big file missing
    a column is still checked whole rather than stopping at the problem limit on that one
    column. (A feed's file holds records of several sections: each is looked at alone.)
    ``rows`` and ``given``: :func:`csv_columns`'s."""
    absent: dict[tuple[str, str, str], int] = {}
    for (file, section), count in rows.items():
        model = _MODELS.get(section)
        if model is None or count < 2:  # one row: its own problem says as much
            continue
        filled = raw.defaults if section == "relations" else {}
        for name, info in model.model_fields.items():
            column = info.alias or name  # a column may be headed either way (`from`, `from_`)
            headed = any(given[file, section, c] or c in filled for c in {column, name})
            if info.is_required() and not headed:
                absent[file, section, column] = count
    return absent


def unknown_columns(given: Counter) -> dict[tuple[str, str, str], str]:
    """(file, section, column) → its problem, for each column of a CSV file that is no field of
    its section and that two rows or more give (``given``: :func:`csv_columns`'s): one
    problem at the header (a misspelt `To` was a problem per row, past the problem limit),
    with the field it may stand for."""
    unknown: dict[tuple[str, str, str], str] = {}
    for (file, section, column), count in given.items():
        model = _MODELS.get(section)
        if model is None or count < 2:
            continue
        names = {info.alias or name for name, info in model.model_fields.items()}
        if column in names or column in model.model_fields:
            continue
        close = difflib.get_close_matches(column.strip().lower(), sorted(names), n=1, cutoff=0.6)
        hint = f" (did you mean {close[0]}?)" if close else ""
        unknown[file, section, column] = f"{UNKNOWN}{hint}; {fields_of(model)}"
    return unknown


def _header_problems(
    absent: dict[tuple[str, str, str], int], unknown: dict[tuple[str, str, str], str]
) -> list[Problem]:
    missing = [
        Problem(file, 1, field, f"no row gives it ({rows:,} rows): the file needs a column "
                                f"'{field}' with a value in each row")
        for (file, _section, field), rows in absent.items()
    ]  # fmt: skip
    return missing + [Problem(file, 1, column, said) for (file, _, column), said in unknown.items()]


def build_dataset(raw: RawDataset, *, known: Known | None, vocabulary: Vocabulary) -> Dataset:
    """``raw`` checked and resolved against ``known``; :class:`DatasetError` lists every
    problem."""
    return Checking(raw, known=known, vocabulary=vocabulary).dataset()


class Checking:
    """A dataset being checked: its columns, entities and sources when made, its relations as
    they are asked for (:meth:`relations_in`), the rest by :meth:`dataset`. A loader writes
    the good relations hidden while the next ones are checked (graph.loader.streamed)."""

    def __init__(self, raw: RawDataset, *, known: Known | None, vocabulary: Vocabulary) -> None:
        known = known or Known()
        self.raw, self.vocabulary, self.known = raw, vocabulary, known
        self.name = raw.name or "dataset"
        rows, given = csv_columns(raw)
        absent, unknown = absent_columns(raw, rows, given), unknown_columns(given)
        header = _header_problems(absent, unknown)
        self.out = Collector([*raw.problems, *header], absent=set(absent) | set(unknown))
        self.resolver = Resolver(known.entities)
        self.owned = Owned(self.name, known, [], [], [])
        self.entities = entities_of(raw, vocabulary, self.out, self.resolver, self.owned)
        self.sources = sources_of(raw, self.out, self.owned, self.resolver)
        via = dict.fromkeys(known.source_ids)
        via |= {i: p.get("via") for i, (_, p) in known.sources.items()}
        self.via = via | {s.id: s.via for s, _ in self.sources}  # every source a claim may cite
        self.defaulted: Counter[str] = Counter()
        self.relations: list[Relation] = []
        self._checked = self._stopped = False

    @cached_property
    def unchecked(self) -> int:
        """How many relation records the files give (before any is checked)."""
        return len(self.raw.section("relations"))

    @property
    def sound(self) -> bool:
        """No problem found so far."""
        return not self.out.problems

    def relations_in(self, size: int, *, stop: bool = False) -> Iterator[list[Relation]]:
        """Check every relation record, giving the good relations ``size`` at a time while no
        problem is found; after one, the rest are still checked, for the list, but not given
        (with ``stop``: not checked, and the list of problems is partial). A relation given
        may still be refused by a problem found later."""
        chunk: list[Relation] = []
        self.relations, self.defaulted = [], Counter()  # a check begun again starts afresh
        for relation in relations_of(
            self.raw, self.vocabulary, self.out, self.resolver, self.via,
            self.known.relation_ids, self.defaulted,
        ):  # fmt: skip
            self.relations.append(relation)
            chunk.append(relation)
            if len(chunk) == size:
                if self.sound:
                    yield chunk
                elif stop:
                    self._stopped = True
                    return
                chunk = []
        self._checked = True
        if chunk and self.sound:
            yield chunk

    def dataset(self) -> Dataset:
        """The checked dataset (relations not asked for yet are checked now), or
        :class:`DatasetError` listing every problem (but after ``relations_in(stop=True)``
        stopped)."""
        if not (self._checked or self._stopped):
            for _ in self.relations_in(sys.maxsize):
                pass
        if self.out.problems:
            raise DatasetError(sorted(set(self.out.problems), key=_problem_order)[:MAX_PROBLEMS])
        return self._made(self.relations)

    def so_far(self) -> Dataset:
        """The dataset as checked so far: its entities and sources, and no relation yet."""
        return self._made([])

    def _made(self, relations: list[Relation]) -> Dataset:
        raw, owned = self.raw, self.owned
        return Dataset(
            name=self.name,
            files=raw.files,
            description=raw.description,
            entities=self.entities,
            sources=self.sources,
            relations=relations,
            vocabulary=self.vocabulary,
            digests=raw.digests,
            held=frozenset(raw.held),
            defaulted=dict(self.defaulted),
            references=owned.references,
            accounts=owned.accounts,
            source_accounts=owned.source_accounts,
            shared=owned.shared,
        )


def _problem_order(problem: Problem) -> tuple:
    return (problem.file, problem.line or 0, problem.field or "", problem.message)
