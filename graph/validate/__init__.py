"""From raw records to a checked, resolved dataset, collecting every problem on the way.

Pure: no database. What is already in the database (for references to actors or sources loaded
earlier) comes in as a :class:`Known` value.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DatasetError, Problem
from ..model import Entity, Origin, Relation, SourceIn
from ..parse.files import RawDataset, read_dataset
from ..resolve import Resolver
from ..vocabulary import Vocabulary, load_vocabulary
from .collect import MAX_PROBLEMS, MISSING, Collector
from .entities import Owned, entities_of, sources_of
from .known import Known
from .relations import relation_id, relations_of

__all__ = ["MAX_PROBLEMS", "Dataset", "Known", "build_dataset", "relation_id", "validate_paths"]


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


def _columns_missing(problems: set[Problem], raw: RawDataset) -> set[Problem]:
    """A required field that no row of a CSV file gives (its column is absent, or empty
    throughout) is one problem at the header, not one per row."""
    rows = Counter(r.file for r in raw.records if r.file.lower().endswith(".csv"))
    missing = Counter(
        (p.file, p.field) for p in problems if p.message == MISSING and p.file in rows
    )
    whole = {key for key, n in missing.items() if n == rows[key[0]] and n > 1}
    if not whole:
        return problems
    kept = {p for p in problems if not (p.message == MISSING and (p.file, p.field) in whole)}
    return kept | {
        Problem(file, 1, field, f"no row gives it ({rows[file]:,} rows): the file needs a "
                                f"column '{field}' with a value in each row")
        for file, field in whole
    }  # fmt: skip


def build_dataset(raw: RawDataset, *, known: Known | None, vocabulary: Vocabulary) -> Dataset:
    known = known or Known()
    out = Collector(raw.problems)
    resolver = Resolver(known.entities)
    name = raw.name or "dataset"
    owned = Owned(name, known, [], [], [])
    entities = entities_of(raw, vocabulary, out, resolver, owned)
    sources = sources_of(raw, out, owned, resolver)
    via = dict.fromkeys(known.source_ids) | {i: p.get("via") for i, (_, p) in known.sources.items()}
    via |= {s.id: s.via for s, _ in sources}  # every source id, and the source carrying it
    defaulted: Counter[str] = Counter()
    relations = relations_of(raw, vocabulary, out, resolver, via, known.relation_ids, defaulted)
    if out.problems:
        problems = _columns_missing(set(out.problems), raw)
        raise DatasetError(sorted(problems, key=_problem_order)[:MAX_PROBLEMS])
    return Dataset(
        name=name,
        files=raw.files,
        description=raw.description,
        entities=entities,
        sources=sources,
        relations=relations,
        vocabulary=vocabulary,
        digests=raw.digests,
        defaulted=dict(defaulted),
        references=owned.references,
        accounts=owned.accounts,
        source_accounts=owned.source_accounts,
    )


def _problem_order(problem: Problem) -> tuple:
    return (problem.file, problem.line or 0, problem.field or "", problem.message)
