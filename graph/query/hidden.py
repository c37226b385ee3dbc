"""What readers leave out while work spanning many transactions runs.

- Datasets hidden whole: a first load writing them in committed batches, or one that was
  interrupted (graph.loader.staged); a drop in batches (graph.loader.dropping).
- Generations hidden by their mark: a re-load in batches writes its new items marked as not
  yet shown, then in one small transaction shows them and hides the items it replaces
  (graph.loader.generations).

Every reader of actorgraph leaves them out, so it sees a dataset as it was before such a load
or as it is after, never a mix. Readers get one list, :attr:`Hidden.excluded`, and compare both
an item's ``dataset`` and its ``generation`` with it: a mark holds a random token, so it is
never a dataset's name."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, NamedTuple, TypeVar

from ..cypher import cypher
from ..db import Graph
from ..errors import UnfinishedLoadError
from .named import NamedQuery

Read = Callable[[str], list[dict[str, Any]]]
T = TypeVar("T")
R = TypeVar("R")


class Hidden(NamedTuple):
    """The hidden datasets and generation marks, and how many times what readers see has
    changed: a load, import or drop committed (graph.lock.take), a batched load begun, a
    generation shown. A reader that finds that number changed after it read may have read
    part of a change: Neo4j reads committed data, not a snapshot."""

    datasets: list[str]
    stages: int
    marks: list[str]

    @property
    def excluded(self) -> list[str]:
        """What readers leave out: the hidden datasets' names and the hidden marks."""
        return [*self.datasets, *self.marks]


def hidden_state(source: Graph | Read) -> Hidden:
    """The hidden datasets and the batched loads begun, read through a Graph or a
    transaction's reader."""
    read = source.read if isinstance(source, Graph) else source
    row = read(cypher("read/staging"))[0]
    return Hidden(list(row["datasets"]), row["stages"], list(row["marks"]))


def hidden_datasets(source: Graph | Read) -> list[str]:
    """The hidden datasets' names."""
    return hidden_state(source).datasets


def unmixed(graph: Graph, read: Callable[[list[str]], T], tries: int = 3) -> T:
    """``read(what is hidden)`` (:attr:`Hidden.excluded`), done again if what readers see
    changed meanwhile (:attr:`Hidden.stages`): its statements could each have read another
    state, or one read part of a change."""
    for _ in range(tries):
        before = hidden_state(graph)
        result = read(before.excluded)
        if hidden_state(graph).stages == before.stages:
            return result
    raise UnfinishedLoadError(RACED)


def checked_rows(graph: Graph, before: Hidden, rows: Iterator[R]) -> Iterator[R]:
    """``rows`` as they stream; at their end, an error if what readers see changed meanwhile
    (the rows may hold part of it, and are already out: the reader is told to run again)."""
    yield from rows
    if hidden_state(graph).stages != before.stages:
        raise UnfinishedLoadError(RACED)


RACED = (
    "A load, import or drop changed the database while this was read, so what was read may "
    "mix two states of it; run it again."
)


def unhidden(names: list[str], hidden: list[str]) -> None:
    """A dataset asked for by name that a batched load has not finished is an error, not an
    empty selection."""
    asked = [name for name in names if name in hidden]
    if asked:
        raise UnfinishedLoadError(
            f"Dataset {', '.join(map(repr, asked))} is being loaded or dropped in batches, or "
            "that was interrupted: nothing of it is shown meanwhile (run the load or drop "
            "again if it was interrupted; `actorgraph datasets list` says which)."
        )


def hiding(query: NamedQuery, bound: dict[str, Any], hidden: list[str]) -> dict[str, Any]:
    """A named query's parameters with the ``hidden`` datasets and marks excluded, when it
    chooses relations by dataset (cypher/fragments/of_datasets.cypher; every built-in query
    does)."""
    declared = {p.name for p in query.params}
    if "exclude_datasets" not in declared:
        return bound
    unhidden(list(bound.get("datasets") or []), hidden)
    return bound | {"exclude_datasets": [*(bound.get("exclude_datasets") or []), *hidden]}
