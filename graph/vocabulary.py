"""The controlled vocabulary (kinds and relation terms), kept as data in ``vocabulary.yaml``.

Every Neo4j label and relationship type that the loader writes comes from here and is checked
against a strict pattern, so a dataset can never smuggle Cypher in through a kind or a term.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import VocabularyError
from .parse.located import read_yaml_file

Category = Literal["actor", "place", "event"]
RESERVED_LABELS = {
    "Entity", "Actor", "Place", "Event", "Source", "Load", "LoadLock", "Restoring", "SourceTally",
    "DisputeTally",
}  # fmt: skip
CATEGORY_LABELS: dict[str, str] = {"actor": "Actor", "place": "Place", "event": "Event"}
_LABEL = re.compile(r"^[A-Z][A-Za-z0-9]{0,62}\Z")
_TYPE = re.compile(r"^[A-Z][A-Z0-9_]{0,62}\Z")
_WORD = re.compile(r"^[a-z][a-z0-9_]{0,62}\Z")
BUILTIN = Path(__file__).with_name("vocabulary.yaml")


class Term(BaseModel):
    """One relation term as analysts write it, and how it is stored."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = ""
    type: str
    sign: Literal[-1, 0, 1]
    symmetric: bool = False
    inverse: str | None = None
    from_: tuple[Category, ...] = Field(alias="from")
    to: tuple[Category, ...]
    subtypes: tuple[str, ...] = ()
    self: bool = False
    cameo: str | None = None
    plover: str | None = None
    # "point": a dated act (an attack, a capture), in force around its date only; "state": a
    # lasting relation (support, membership), in force from its start until its end.
    duration: Literal["point", "state"] = "state"
    description: str = ""

    @field_validator("type")
    @classmethod
    def _type_is_safe(cls, value: str) -> str:
        if not _TYPE.match(value):
            raise ValueError(f"relationship type {value!r} must be UPPER_SNAKE (A-Z, 0-9, _)")
        return value

    @field_validator("inverse")
    @classmethod
    def _inverse_is_word(cls, value: str | None) -> str | None:
        if value is not None and not _WORD.match(value):
            raise ValueError(f"inverse {value!r} must be lower_snake")
        return value


@dataclass(frozen=True)
class Reading:
    """A term as found in a dataset: the stored term, and whether its ends are swapped."""

    term: Term
    swapped: bool


class Vocabulary(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    actor_kinds: dict[str, str]
    place_kinds: dict[str, str]
    event_kinds: dict[str, str]
    terms: dict[str, Term]

    @field_validator("actor_kinds", "place_kinds", "event_kinds")
    @classmethod
    def _labels_are_safe(cls, kinds: dict[str, str]) -> dict[str, str]:
        for word, label in kinds.items():
            if not _WORD.match(word):
                raise ValueError(f"kind {word!r} must be lower_snake")
            if not _LABEL.match(label) or label in RESERVED_LABELS:
                raise ValueError(
                    f"label {label!r} of kind {word!r} must be CamelCase and not one of "
                    f"{sorted(RESERVED_LABELS)}"
                )
        return kinds

    @field_validator("terms")
    @classmethod
    def _terms_are_words(cls, terms: dict[str, Term]) -> dict[str, Term]:
        for word in terms:
            if not _WORD.match(word):
                raise ValueError(f"term {word!r} must be lower_snake")
        return {word: term.model_copy(update={"name": word}) for word, term in terms.items()}

    def kinds(self, category: str) -> dict[str, str]:
        return {"actor": self.actor_kinds, "place": self.place_kinds, "event": self.event_kinds}[
            category
        ]

    def label(self, category: str, kind: str) -> str:
        return self.kinds(category)[kind]

    def read(self, word: str) -> Reading | None:
        """Find a term by its name or its inverse's name."""
        if word in self.terms:
            return Reading(self.terms[word], swapped=False)
        for term in self.terms.values():
            if term.inverse == word:
                return Reading(term, swapped=True)
        return None

    def words(self) -> list[str]:
        inverses = [t.inverse for t in self.terms.values() if t.inverse]
        return sorted([*self.terms, *inverses])

    def by_type(self, rel_type: str) -> Term | None:
        return next((t for t in self.terms.values() if t.type == rel_type), None)


def load_vocabulary(*extra: Path) -> Vocabulary:
    """Our vocabulary, extended by the files given and by ``ACTORGRAPH_VOCABULARY``."""
    paths = [BUILTIN, *extra]
    env = os.environ.get("ACTORGRAPH_VOCABULARY")
    if env:
        paths += [Path(p) for p in env.split(os.pathsep) if p]
    return _load(tuple(paths))


@cache
def _load(paths: tuple[Path, ...]) -> Vocabulary:
    merged: dict[str, dict] = {"actor_kinds": {}, "place_kinds": {}, "event_kinds": {}, "terms": {}}
    for path in paths:
        document = read_yaml_file(path).value
        if not isinstance(document, dict):
            raise VocabularyError(f"{path}: a vocabulary file is a mapping of sections")
        for section, entries in document.items():
            if section not in merged:
                raise VocabularyError(
                    f"{path}: unknown section {section!r}; expected one of {sorted(merged)}"
                )
            if not isinstance(entries or {}, dict):
                raise VocabularyError(f"{path}: section {section!r} is a mapping of names")
            merged[section].update(entries or {})
    try:
        vocabulary = Vocabulary.model_validate(merged)
    except ValidationError as exc:
        problems = "\n".join(
            f"{paths[-1]}: vocabulary field {'.'.join(str(p) for p in error['loc'])}: "
            + ("unknown field" if error["type"] == "extra_forbidden" else error["msg"])
            for error in exc.errors()
        )
        raise VocabularyError(problems) from None
    types = [t.type for t in vocabulary.terms.values()]
    duplicated = {t for t in types if types.count(t) > 1}
    if duplicated:
        raise VocabularyError(f"{paths[-1]}: relationship types used twice: {sorted(duplicated)}")
    return vocabulary
