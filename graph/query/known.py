"""What the database holds that names can stand for: entities, sources, relation ids.

Read once per operation: a load resolves a whole dataset against one reading (of the entities
its names may stand for), and a query or view resolves its few names with one resolver that
reads, for each, only what it may stand for.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from typing import Any

import neo4j

from ..cypher import cypher
from ..db import Graph
from ..errors import QueryError, ResolveError, as_option
from ..resolve import Candidate, Resolver, normalize
from ..validate import Known
from ..vocabulary import load_vocabulary
from .hidden import hidden_datasets


def known_from(
    source: Graph | neo4j.ManagedTransaction,
    relation_refs: set[str] | None = None,
    names: set[str] | None = None,
    categories: list[str] | None = None,
    redefined: tuple[str, set[str]] | None = None,
) -> Known:
    """What the database holds that a dataset may refer to, read through a Graph or inside a
    transaction (a load reads it there, under the load lock). Given ``names`` (ids and names
    the dataset uses), only the entities they may stand for are read, not every one, and of
    ``redefined`` (a dataset, ids), not the dataset's entities with those ids; given
    ``categories``, only entities of those."""
    read = source.read if isinstance(source, Graph) else _reader(source)
    entities, owners = _entities(read, _scope(names, categories, redefined))
    sources = {r["id"]: r for r in read(cypher("read/known_sources"))}
    relations: set[str] = set()
    if relation_refs:
        rows = read(cypher("read/existing_relations"), {"ids": sorted(relation_refs)})
        relations = {r["id"] for r in rows}
    return Known(
        entities,
        set(sources),
        relations,
        owners=owners,
        sources={i: (r["dataset"], r["props"]) for i, r in sources.items() if r["dataset"]},
    )


def _entities(read: Any, scope: dict[str, Any]) -> tuple[list, dict[str, str]]:
    """The entities cypher/read/known_entities.cypher reads for ``scope`` (:func:`_scope`), as
    the resolver takes them, and the dataset of each one a dataset defines."""
    entities, owners = [], {}
    for r in read(cypher("read/known_entities"), scope):
        entities.append(_entity(r))
        if r["dataset"]:
            owners[r["id"]] = r["dataset"]
    return entities, owners


def _scope(
    names: set[str] | None = None,
    categories: list[str] | None = None,
    redefined: tuple[str, set[str]] | None = None,
) -> dict[str, Any]:
    """The parameters of cypher/read/known_entities.cypher (see :func:`known_from`)."""
    dataset, defined = redefined or (None, set())
    scope = {"ids": None, "keys": None, "categories": categories, "dataset": dataset}
    scope["defined"] = sorted(defined)
    if names is not None:
        scope["ids"] = sorted({n.strip() for n in names})
        scope["keys"] = sorted(set(map(normalize, names)))
    return scope


def _reader(tx: neo4j.ManagedTransaction) -> Any:
    def read(statement: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        return tx.run(statement, params or {}).data()

    return read


def _entity(row: dict[str, Any]) -> tuple[Candidate, list[str]]:
    return Candidate(row["id"], row["name"], row["category"], row["kind"]), row["aliases"]


def resolver_for(graph: Graph) -> Resolver:
    """A resolver over every actor, place and event in the database (see :class:`_OnDemand`)."""
    return _OnDemand(graph)


class _OnDemand(Resolver):
    """Resolves a few names against the database, reading for each only the entities it may
    stand for (cypher/read/known_entities.cypher with its id and key), so it answers as a
    resolver over every entity would. Reading every entity first took 12 s with 200,000 in
    the database (bench/names.py), for a query that then ran in 10 ms. For a name that matches
    nothing, the entities whose names the full-text index finds near it are compared with it,
    to suggest the closest (:func:`near_names`)."""

    def __init__(self, graph: Graph) -> None:
        super().__init__()
        self._graph = graph
        self._asked: set[str] = set()
        self._suggesting: dict[tuple[str, ...] | None, Resolver] = {}

    def learn(self, name: str) -> None:
        if name not in self._asked:
            self._asked.add(name)
            for row in self._graph.read(cypher("read/known_entities"), _scope({name})):
                self.add(*_entity(row))

    def resolve(self, name: str, categories: Iterable[str] | None = None) -> Candidate:
        wanted = tuple(sorted(set(categories))) if categories else None
        try:
            return super().resolve(name, wanted)
        except ResolveError:
            if self.names(name):  # ambiguous, or another category's: all it names is here
                raise
        try:
            return self._suggesting_for(name, wanted)  # the same error, with suggestions
        except ResolveError as exc:
            loading = hidden_datasets(self._graph)
            if not loading:
                raise
            which = (
                f"Dataset {loading[0]} is"
                if len(loading) == 1
                else (f"Datasets {', '.join(loading)} are")
            )
            raise ResolveError(
                f"{exc} ({which} hidden while a load or drop writes it in batches, or since one "
                "was interrupted: names of its own resolve once it is shown; `datasets list` "
                "says which.)",
                exc.candidates,
            ) from None

    def _suggesting_for(self, name: str, wanted: tuple[str, ...] | None) -> Candidate:
        chosen = list(wanted) if wanted else None
        near = near_names(self._graph, name)
        if near is not None:  # the entities near it, compared with it as every one would be
            known = known_from(self._graph, names=set(near), categories=chosen)
            return Resolver(known.entities).resolve(name, wanted)
        if wanted not in self._suggesting:
            self._suggesting[wanted] = Resolver(known_from(self._graph, categories=chosen).entities)
        return self._suggesting[wanted].resolve(name, wanted)


NEAR_NAMES = 100  # entities a name that matched none is compared with, of each way of finding


def near_names(graph: Graph, name: str) -> list[str] | None:
    """The ids of entities whose names or ids may be near ``name``, for its suggestions:
    by the full-text index (each of its first words within an edit, two from five letters;
    the names with most of them first) and by its first two
    characters as an id's. None when the index cannot answer (a database without it): then
    every entity is read, as before the index was used (12 s at 200,000 entities)."""
    search = _near_search(name)
    if search is None:  # no letters or digits: nothing is near it
        return []
    params = {"search": search, "prefix": name.strip()[:2], "limit": NEAR_NAMES}
    try:
        return graph.read(cypher("read/near_names"), params)[0]["ids"]
    except QueryError:
        return None


def _near_search(name: str) -> str | None:
    """The full-text search for names near ``name``: each of its first words within an edit
    (two from five letters), in a name or an alias; None for a name of no letters or digits."""
    words = [w for w in normalize(name).split() if len(w) <= 40][:8]  # \w+ only: no syntax
    if not words:
        return None
    terms = " ".join(w if len(w) == 1 else f"{w}~{1 if len(w) < 5 else 2}" for w in words)
    return f"name:({terms}) OR aliases_text:({terms})"


# Up to this many actors in the database, a feed's import reads them all; above, those its
# names may stand for, and those near its new names: 60,000 actors took 4 s to read and hold
# for a 10,000-row import that names 53 actors.
ALL_ACTORS_MAX = 5_000


def actors_named(tx: neo4j.ManagedTransaction, names: Callable[[], list[str]]) -> Known:
    """The actors a feed's import resolves its ``names`` (read only when needed) against: the
    ones they may stand for, and those the full-text index finds near the first new ones (for
    the note on new actors named a letter or two away from known ones, Resolver.close), or
    every actor when the database holds few. Only entities and their owners: no source."""
    read = _reader(tx)
    if tx.run(cypher("read/actor_count")).single()["n"] <= ALL_ACTORS_MAX:
        every, owners = _entities(read, _scope(categories=["actor"]))
        return Known(every, owners=owners)
    given = names()
    entities, owners = _entities(read, _scope(set(given), ["actor"]))
    resolver = Resolver(entities)
    new = [name for name in given if _unknown(resolver, name)][: Resolver.SUGGESTIONS]
    searches = [search for search in map(_near_search, new) if search is not None]
    near = tx.run(cypher("read/near_actors"), searches=searches, limit=NEAR_NAMES).single()
    had = {candidate.id for candidate, _ in entities}
    if ids := set(near["ids"] if near else []) - had:
        extra, extra_owners = _entities(read, _scope(ids, ["actor"]))
        entities += [e for e in extra if e[0].id not in had]
        owners |= extra_owners
    return Known(entities, owners=owners)


def _unknown(resolver: Resolver, name: str) -> bool:
    try:
        return resolver.find(name, ["actor"]) is None
    except ResolveError:  # ambiguous: known, and the import says so
        return False


def resolve_name(
    resolver: Resolver, name: str, where: str | None = None, categories: list[str] | None = None
) -> str:
    """The id ``name`` stands for (among ``categories`` if given: a claimant is an actor); a
    name that matches nothing or several is a QueryError."""
    try:
        return resolver.resolve(name, categories).id
    except ResolveError as exc:
        raise QueryError(f"{where}: {exc}" if where else str(exc)) from None


def resolve_source(graph: Graph, ref: str) -> str:
    """The id of the source ``ref`` names: its id, or its title when one source has it. One
    that names none is a QueryError with the closest ids."""
    rows = graph.read(cypher("read/known_sources"))
    ids = sorted(r["id"] for r in rows)
    if ref.strip() in ids:
        return ref.strip()
    key = normalize(ref)  # empty for '???' or '': a title without letters or digits is no match
    titled = sorted(
        r["id"] for r in rows if key and normalize(str(r["props"].get("title") or "")) == key
    )
    if len(titled) == 1:
        return titled[0]
    if titled:
        raise QueryError(f"{ref!r} is the title of {', '.join(titled)}: give the id.")
    close = difflib.get_close_matches(ref.strip(), ids, n=3)
    hint = f" Did you mean {' or '.join(close)}?" if close else ""
    raise QueryError(
        f"No source {ref!r} in the database.{hint} `actorgraph query --name sources` lists them."
    )


def accounts_of(graph: Graph, entity: str) -> list[dict[str, Any]]:
    """Who says what of an entity: the defining dataset's account first, then the others'."""
    import json

    rows = graph.read(cypher("read/accounts_of"), {"id": entity})
    if not rows:
        return []
    first = rows[0]
    said = [{k: first[k] for k in ("dataset", "name", "kind", "aliases", "description")}]
    order = ("name", "kind", "aliases", "description")
    for dataset, account in sorted(json.loads(first["accounts"] or "{}").items()):
        rest = {k: v for k, v in account.items() if k not in (*order, "category")}
        said.append({"dataset": dataset, **{k: account.get(k) for k in order}, **rest})
    return said


def check_datasets(graph: Graph, names: list[str]) -> None:
    """A dataset filter that names no dataset is a typo, not an empty selection."""
    if not names:
        return
    there = sorted(graph.read(cypher("read/dataset_names"))[0]["names"])
    unknown = [name for name in names if name not in there]
    if unknown:
        listed = ", ".join(there) if there else "none"
        raise QueryError(
            f"No dataset named {', '.join(map(repr, unknown))}; datasets there: {listed}. "
            "`actorgraph datasets list` shows them."
        )


def check_words(
    graph: Graph, relations: list[str], kinds: list[str], relation_option: str | None = None
) -> None:
    """A ``--relation`` or ``--kind`` word that neither the vocabulary nor the database knows
    is a QueryError naming the closest words; a known word with nothing of it selects nothing."""
    vocabulary = load_vocabulary()
    terms = {*vocabulary.terms, *(t.type for t in vocabulary.terms.values())}
    kinds_known = {*vocabulary.actor_kinds, *vocabulary.place_kinds, *vocabulary.event_kinds}
    relation_option = relation_option or as_option("--relation", "Filters.relations")
    asked = [(relation_option, w, terms) for w in relations if w not in terms]
    asked += [
        (as_option("--kind", "Filters.kinds"), w, kinds_known)
        for w in kinds
        if w not in kinds_known
    ]
    if not asked:
        return
    used = {
        r["word"]
        for r in graph.read(cypher("read/words_in_use"), {"words": [w for _, w, _ in asked]})
    }
    for option, word, known in asked:
        if word not in used:
            close = difflib.get_close_matches(word, sorted(known), n=3, cutoff=0.6)
            hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
            listing = "terms" if option == relation_option else "kinds"
            raise QueryError(
                f"{option} {word!r}: the vocabulary has no such {listing[:-1]} and nothing in the"
                f" database uses it.{hint} (`actorgraph vocabulary` lists the {listing}.)"
            )
