"""Alias resolution: find the actor, place or event a name stands for, or say why not.

Names match when they are equal after folding case, accents, apostrophes, punctuation and a
leading "the" ("Amrullah Saleh", "amrullah  saleh", "Āmrullāh Sāleh" are one key). Spelling
variants ("Ahmed Masood" for "Ahmad Massoud") match only when the analyst lists them as aliases:
the resolver never guesses. A name shared by several entities is an error listing them all;
a name that matches nothing lists the closest names as suggestions.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from .errors import ResolveError


@dataclass(frozen=True)
class Candidate:
    id: str
    name: str
    category: str
    kind: str

    def describe(self) -> str:
        return f"{self.id} ({self.name}, {self.kind})"


_APOSTROPHES = re.compile(r"['’‘`´ʼ]")
_NON_WORD = re.compile(r"[\W_]+")  # letters and digits of every script are kept


@lru_cache(maxsize=262_144)
def normalize(name: str) -> str:
    """The key names are compared by: no case, accents, apostrophes, punctuation or 'the'."""
    if name.isascii():  # no accents to strip (most feed names): much the commonest case
        plain = name.casefold()
    else:
        decomposed = unicodedata.normalize("NFKD", name)
        plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    plain = _APOSTROPHES.sub("", plain)
    words = _NON_WORD.sub(" ", plain).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def no_name(name: str) -> str:
    """What is wrong with a name whose key (:func:`normalize`) is empty: "?" and "---" would
    be one name."""
    return f"{name!r} has no letters or digits, so it names nothing"


class Resolver:
    """Maps ids, names and aliases to entities. Ids win over names; names never guess."""

    SUGGESTIONS = 200  # "did you mean" looks at every name: only for the first unknown names
    CLOSE = 75  # how alike (0-100, rapidfuzz's ratio) a name must be to be suggested

    def __init__(self, entries: Iterable[tuple[Candidate, Iterable[str]]] = ()) -> None:
        self.suggestions_left = self.SUGGESTIONS
        self._own: set[str] = set()  # ids the dataset being read defines itself
        self._by_id: dict[str, Candidate] = {}
        self._by_key: dict[str, dict[str, Candidate]] = defaultdict(dict)
        self._keys_of: dict[str, set[str]] = {}
        self._keys_for: dict[frozenset[str] | None, list[str]] = {}  # suggest's, until an add
        for candidate, aliases in entries:
            self.add(candidate, aliases)

    def add(self, candidate: Candidate, aliases: Iterable[str] = (), own: bool = False) -> None:
        """Add or replace an entity (a later definition of the same id replaces the earlier);
        ``own``: the dataset being read defines it (its names win, see :meth:`resolve`)."""
        if own:
            self._own.add(candidate.id)
        self._keys_for.clear()
        for key in self._keys_of.pop(candidate.id, ()):
            self._by_key[key].pop(candidate.id, None)
        self._by_id[candidate.id] = candidate
        keys = {normalize(name) for name in (candidate.id, candidate.name, *aliases)} - {""}
        self._keys_of[candidate.id] = keys
        for key in keys:
            self._by_key[key][candidate.id] = candidate

    def others_named(self, entity_id: str) -> list[tuple[str, Candidate]]:
        """The entities the dataset being read does not define that share a name (its id, name
        or an alias, folded) with its entity ``entity_id``: each with the name they share."""
        shared = []
        for key in sorted(self._keys_of.get(entity_id, ())):
            for other_id, other in sorted(self._by_key[key].items()):
                if other_id != entity_id and other_id not in self._own:
                    shared.append((key, other))
        return shared

    def names(self, name: str) -> bool:
        """Whether some entity, of any category, has ``name`` as its id or one of its names."""
        return name.strip() in self._by_id or bool(self._by_key.get(normalize(name)))

    def __len__(self) -> int:
        return len(self._by_id)

    def resolve(self, name: str, categories: Iterable[str] | None = None) -> Candidate:
        """The one entity ``name`` stands for, among ``categories`` if given."""
        self.learn(name)
        return self._resolve(name, set(categories) if categories else None, hint=True)

    def learn(self, name: str) -> None:
        """Make sure every entity ``name`` may stand for is known (a resolver that reads them
        on demand, graph.query.known, reads them here); this one holds them all already."""

    def find(self, name: str, categories: Iterable[str] | None = None) -> Candidate | None:
        """The one entity ``name`` stands for, or None when it names none (among
        ``categories`` if given); ambiguous, a ResolveError. No "did you mean": a feed that
        makes an actor for each new name asks this of every one of them, and each suggestion
        compares the name with every other (0.35 s each against 20,000 actors)."""
        self.learn(name)
        try:
            return self._resolve(name, set(categories) if categories else None, hint=False)
        except ResolveError as exc:
            if exc.candidates:
                raise
            return None

    def _resolve(self, name: str, wanted: set[str] | None, *, hint: bool) -> Candidate:
        exact = self._by_id.get(name.strip())
        if exact is not None and (wanted is None or exact.category in wanted):
            return exact
        key = normalize(name)
        named = list(self._by_key.get(key, {}).values())
        found = named if wanted is None else [c for c in named if c.category in wanted]
        if len(found) == 1:
            return found[0]
        # A name another dataset uses too means, in this dataset, the entity it defines itself:
        # a study's "Afghanistan" stays its own when a feed has imported one.
        if len(own := [c for c in found if c.id in self._own]) == 1:
            return own[0]
        what = " or ".join(sorted(wanted)) if wanted else "actor, place or event"
        if found:
            listed = "; ".join(c.describe() for c in sorted(found, key=lambda c: c.id))
            raise ResolveError(
                f"{name!r} is ambiguous: it names {listed}. Use the id.",
                sorted(found, key=lambda c: c.id),
            )
        if named:  # an entity of another category: say which, rather than guess at spelling
            listed = "; ".join(f"{c.describe()}, {_a(c.category)}" for c in sorted(named, key=_id))
            raise ResolveError(f"no {what} is called {name!r}; it names {listed}")
        said = self.suggest(name, wanted) if hint else ""
        raise ResolveError(f"no {what} is called {name!r}{said}")

    def suggest(self, name: str, wanted: set[str] | None = None) -> str:
        """ "; did you mean …?" with close names (see :meth:`close`), or ''."""
        ids = self.close(name, wanted)
        return f"; did you mean {', '.join(ids)}?" if ids else ""

    def close(
        self, name: str, wanted: set[str] | None = None, *, misspelt: bool = False
    ) -> list[str]:
        """The ids of up to three entities with names close to ``name``, the closest first,
        for the first SUGGESTIONS names asked about (each is compared with every name).
        ``misspelt``: only names a letter or two away (one up to 8 letters; none under 5, where
        a letter makes another acronym), as a typing slip is; 'Civilians (Pakistan)' is near
        'Civilians (Afghanistan)' by likeness, but not one slip away."""
        key = normalize(name)
        if self.suggestions_left <= 0 or not self._by_id:
            return []
        if misspelt and len(key) < 5:  # 'IS' and 'US' are two names, not a slip
            return []
        self.suggestions_left -= 1
        which = frozenset(wanted) if wanted is not None else None
        if which not in self._keys_for:
            self._keys_for[which] = [
                k
                for k, bucket in self._by_key.items()
                if bucket and (which is None or any(c.category in which for c in bucket.values()))
            ]
        if misspelt:
            slips = 1 if len(key) <= 8 else 2
            found = process.extract(key, self._keys_for[which], scorer=Levenshtein.distance,
                                    limit=None, score_cutoff=slips)  # fmt: skip
            ranked = sorted(found, key=lambda f: (f[1], f[0]))  # fewest slips first
        else:
            # rapidfuzz rather than difflib: a measure like difflib's (characters in common
            # over both lengths, as the longest common subsequence: never lower than
            # difflib's) in C++; a load with 60 unknown names against 110,000 took 16.5 s with
            # difflib, 3.1 s so
            found = process.extract(key, self._keys_for[which], scorer=fuzz.ratio, limit=None,
                                    score_cutoff=self.CLOSE)  # fmt: skip
            ranked = sorted(found, key=lambda f: (-f[1], f[0]))  # closest first, ties by name
        close = [match for match, _score, _i in ranked[:3]]
        return list(
            dict.fromkeys(c.id for k in close for c in sorted(self._by_key[k].values(), key=_id))
        )


def _a(category: str) -> str:
    """'an actor', 'an event', 'a place'."""
    return f"{'an' if category[0] in 'aeiou' else 'a'} {category}"


def _id(candidate: Candidate) -> str:
    return candidate.id
