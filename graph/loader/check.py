"""Parse and validate the files of a load, resolving names against what the database holds."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import neo4j

from ..arguments import NonEmpty, checked
from ..db import Graph
from ..errors import ArgumentError, DatasetError
from ..figures import figures_of
from ..model import SECTIONS
from ..parse.files import RawDataset, expand_paths, read_dataset
from ..query.known import known_from
from ..validate import Checking, Dataset, build_dataset
from ..vocabulary import Vocabulary, load_vocabulary


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for bulk work.

    Reading, validating and planning 100k records allocates millions of small objects, and the
    collector's full passes over them took over half the time (3.4 s + 2.7 s against 1.6 s +
    1.0 s for 100k relations here). Nothing in this work creates reference cycles that need
    collecting before it ends; the collector runs again afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@checked
def check(
    graph: Graph | None,
    paths: Annotated[list[Path], NonEmpty],
    *,
    dataset: str | None = None,
    vocabulary: Vocabulary | None = None,
    contents: dict[Path, bytes] | None = None,
) -> Dataset:
    """Read and validate files, resolving names against the database if one is given.

    ``contents`` holds files' bytes already read (and hashed) by the caller; they are parsed
    instead of reading the files again.
    """
    vocabulary = vocabulary or load_vocabulary()
    if contents:
        contents = _for_files(expand_paths(paths), contents)
    with gc_paused():
        raw = read_dataset(paths, dataset, contents)
        if graph is None:
            return build_dataset(raw, known=None, vocabulary=vocabulary)
        return validated(graph, raw, vocabulary)


def _for_files(files: list[Path], contents: dict[Path, bytes]) -> dict[Path, bytes]:
    """``contents`` keyed as the files to read are (a key may name the same file another
    way: relative, absolute); bytes for a file not read are refused, not ignored."""
    named = {path.resolve(): path for path in files}
    stray = [str(path) for path in contents if path.resolve() not in named]
    if stray:
        listed = ", ".join(stray[:3]) + (f" and {len(stray) - 3} more" if len(stray) > 3 else "")
        raise ArgumentError(
            f"check(): contents: {listed}: not among the files of paths; its bytes would "
            "not be read."
        )
    return {named[path.resolve()]: data for path, data in contents.items()}


def validated(
    source: Graph | neo4j.ManagedTransaction,
    raw: RawDataset,
    vocabulary: Vocabulary,
    begun: Checking | None = None,
) -> Dataset:
    """``raw`` checked against what the database holds: first against only the stored entities its
    names may stand for (with 200,000 in the database, checking a dataset of 132 items against
    every one took 12 s; bench/names.py). A reading that leaves entities out can only make a
    name fail, never resolve it otherwise; so on any problem it is checked again against every
    entity, and the problems (with their "did you mean") are those a full reading gives. The
    first reading also leaves out the dataset's own stored entities that its files define
    again, which replace them in the resolver (a re-load of 300,000 relations read its 100,000
    actors back for nothing); those they no longer define are read, as they may still win a
    name. ``begun``: that first check, begun already by :func:`checking`."""
    try:
        return (begun or checking(source, raw, vocabulary)).dataset()
    except DatasetError:
        refs = contradicted(raw)
        return build_dataset(raw, known=known_from(source, refs), vocabulary=vocabulary)


def checking(
    source: Graph | neo4j.ManagedTransaction, raw: RawDataset, vocabulary: Vocabulary
) -> Checking:
    """The first check of :func:`validated`, as far as the entities and sources (the relations
    are checked as they are asked for)."""
    redefined = (raw.name, defined_ids(raw)) if raw.name else None
    known = known_from(source, contradicted(raw), names_in(raw), redefined=redefined)
    return Checking(raw, known=known, vocabulary=vocabulary)


# Fields whose text names an entity (``of`` inside a relation's figures); the records' own ids
# too, so that an entity another dataset defines is known as such.
_NAMING = frozenset({"id", "from", "to", "claimant", "event", "party", "of"})


def names_in(raw: RawDataset) -> set[str]:
    """Every id and name the records and the defaults give in a naming field, and the names
    and aliases of the entities they define (another dataset's entity may have one too)."""
    names: set[str] = set()
    for record in raw.records:
        _naming(record.data, names)
        if record.section in SECTIONS:
            names.update(_entity_names(record.data))
    _naming({key: default.value for key, default in raw.defaults.items()}, names)
    return names


def _entity_names(data: dict[str, Any]) -> list[str]:
    """An entity record's name and aliases as written (a CSV cell lists aliases with ;)."""
    name, aliases = data.get("name"), data.get("aliases")
    found = [name] if isinstance(name, str) else []
    if isinstance(aliases, str):
        found += aliases.split(";")
    elif isinstance(aliases, list):
        found += [alias for alias in aliases if isinstance(alias, str)]
    return found


def defined_ids(raw: RawDataset) -> set[str]:
    """The ids of the actors, places and events the records define."""
    return {
        record.data["id"]
        for record in raw.records
        if record.section in SECTIONS and isinstance(record.data.get("id"), str)
    }


def _naming(data: dict[str, Any], names: set[str]) -> None:
    for key, value in data.items():
        if key == "quantities" and isinstance(value, str):  # a CSV cell's JSON
            with contextlib.suppress(ValueError):
                value = figures_of(value)  # not figures: reported by the check
        if isinstance(value, dict):
            _naming(value, names)
        elif key in _NAMING:
            names.update(
                v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str)
            )


def contradicted(raw: RawDataset) -> set[str]:
    """The relation ids the records' ``contradicts`` name: some may be in the database."""
    return {
        ref
        for record in raw.section("relations")
        for ref in _as_list(record.data.get("contradicts"))
    }


def _as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [v.strip() for v in value.split(";") if v.strip()]
    return [str(v) for v in value] if isinstance(value, list) else []
