"""What the database already holds that a dataset may refer to (read by graph.query.known)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from ..resolve import Candidate


@dataclass
class Known:
    """What the database already holds that a dataset may refer to."""

    entities: list[tuple[Candidate, list[str]]] = field(default_factory=list)
    source_ids: set[str] = field(default_factory=set)
    relation_ids: set[str] = field(default_factory=set)
    owners: dict[str, str] = field(default_factory=dict)  # entity id -> its dataset
    sources: dict[str, tuple[str, dict]] = field(default_factory=dict)  # id -> dataset, props

    @cached_property
    def by_id(self) -> dict[str, tuple[Candidate, list[str]]]:
        """Each stored entity and its aliases by id (a dataset that refers to 20,000 of
        another's entities looked each up by a scan of them all: a minute at 100,000)."""
        return {candidate.id: (candidate, aliases) for candidate, aliases in self.entities}
