"""Query parameters: typed ``key=value`` texts from the command line, bound to a named query's
declared parameters (defaults filled in, entity names resolved to ids)."""

from __future__ import annotations

import contextlib
import json
import math
import numbers
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from neo4j.time import Date

from ..arguments import as_day, ascii_numeral
from ..errors import QueryError, as_option
from ..model import STATUSES
from ..resolve import Resolver
from ..text import not_unicode
from .known import resolve_name
from .named import PARAM_TYPES, NamedQuery


def parse_param_args(pairs: Sequence[str], json_pairs: Sequence[str] = ()) -> dict[str, Any]:
    """``key=value`` stays text; ``key:int=3`` (int, count, float, bool, list, json …)
    converts it;
    ``--param-json key=<json>`` takes a JSON value."""
    params: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise QueryError(f"--param {pair!r}: write it as key=value (or key:int=3).")
        name, _, kind = key.partition(":")
        _once(params, name, "--param")
        params[name] = convert(value, kind or "string", f"--param {name}")
    for pair in json_pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise QueryError(f"--param-json {pair!r}: write it as key=<JSON value>.")
        _once(params, key, "--param-json")
        params[key] = convert(value, "json", f"--param-json {key}")
    for key, value in params.items():
        if _holds_non_text(value):
            raise QueryError(
                f"Parameter {key!r}: a string in it is not valid Unicode (a lone surrogate such "
                "as \\ud800, or bytes that were not UTF-8)."
            )
    return params


def _once(params: dict[str, Any], name: str, option: str) -> None:
    """A parameter given twice would quietly take the last value: refused."""
    if name in params:
        raise QueryError(
            f"{option} {name} is given more than once; give it once (a list is one value, "
            "comma-separated: a,b)."
        )


def _holds_non_text(value: Any) -> bool:
    if isinstance(value, str):
        return not_unicode(value)
    if isinstance(value, dict):
        return any(_holds_non_text(k) or _holds_non_text(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_holds_non_text(v) for v in value)
    return False


def convert(value: Any, kind: str, where: str) -> Any:
    """Convert a command-line text to a parameter of the declared type."""
    if kind == "count":  # how many: a whole number, 0 or more, typed (-p n:int=3) or not
        number = None
        if isinstance(value, str):
            with contextlib.suppress(QueryError):  # said below, as a count
                number = convert(value, "int", where)
        else:
            number = _typed(_from_decimal(value, kind), "int", where, said="count")
        if number is None or number < 0:
            raise QueryError(f"{where}: {str(value)[:80]!r} is not a valid count{_FORMS[kind]}.")
        return number
    if kind == "share":  # a confidence: a number from 0 to 1, typed or not
        number = None
        if isinstance(value, str):
            with contextlib.suppress(ValueError):
                number = float(ascii_numeral(value))
        else:
            number = _typed(_from_decimal(value, kind), "float", where, said="share")
        if number is None or not math.isfinite(number) or not 0 <= number <= 1:
            shown = repr(value[:80] if isinstance(value, str) else value)[:80]
            raise QueryError(f"{where}: {shown} is not a valid share{_FORMS[kind]}.")
        return number
    if kind in _LISTS and not isinstance(value, str):  # typed: a notebook's list, -p x:json=…
        if isinstance(value, Iterable) and not isinstance(value, bytes | dict | set):
            value = list(value)  # a tuple, a numpy array of texts, a pandas column
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise QueryError(
                f"{where}: {str(value)[:80]!r} is not a list of texts (write them "
                "comma-separated, e.g. a,b)."
            )
        return statuses(value, where) if kind == "statuses" else [v.strip() for v in value]
    if not isinstance(value, str):  # given typed: from a notebook, or -p x:int=…, x:json=…
        value = _from_decimal(value, kind)
        if _not_finite(value):
            raise QueryError(f"{where}: {value!r} is not a finite number{_FORMS['float']}.")
        return _typed(value, kind, where)
    try:
        if kind in ("string", "entity", "actor"):
            return value
        if kind == "int":
            number = int(ascii_numeral(value))
            if not -(2**63) <= number < 2**63:
                raise QueryError(f"{where}: {value[:40]!r} is beyond Neo4j's 64-bit integers.")
            return number
        if kind == "float":
            number = float(ascii_numeral(value))
            if not math.isfinite(number):  # NaN compares false with everything: no row
                raise ValueError(value)
            return number
        if kind == "bool":
            lowered = value.lower()
            if lowered not in ("true", "false", "yes", "no", "1", "0"):
                raise ValueError(value)
            return lowered in ("true", "yes", "1")
        if kind == "date":
            return date.fromisoformat(ascii_numeral(value))
        if kind in ("list", "entities", "actors", "terms"):
            return [item.strip() for item in value.split(",") if item.strip()]
        if kind == "statuses":  # how claims are held (graph.model.STATUSES)
            return statuses([value], where)
        if kind == "json":
            return _json_value(value, where)
    except ValueError:
        raise QueryError(
            f"{where}: {value[:80]!r} is not a valid {kind}{_FORMS.get(kind, '')}."
        ) from None
    raise QueryError(f"{where}: unknown type {kind!r}; use one of {', '.join(PARAM_TYPES)}.")


_LISTS = frozenset({"list", "entities", "actors", "statuses", "terms"})


def _from_decimal(value: Any, kind: str) -> Any:
    """A notebook's ``Decimal`` as the number it is (the driver has no type for it): an int
    for a whole number asked as one, else a float."""
    if not isinstance(value, Decimal) or kind not in ("int", "count", "float", "share"):
        return value
    if value.is_nan():
        return math.nan
    if kind in ("int", "count") and value.is_finite() and value == value.to_integral_value():
        return int(value)
    return float(value)


def _typed(value: Any, kind: str, where: str, said: str | None = None) -> Any:
    """A value given typed (not as text), checked to be of the declared kind, as the driver
    sends it: Neo4j would compare a number with a date, or a text with a number, as null and
    answer with no row, or fail with its own message. numpy's numbers and booleans (a pandas
    column's) and the driver's own dates are taken too."""
    is_bool = isinstance(value, bool) or (  # numpy's one boolean, not an array of them
        getattr(value, "shape", None) == () and getattr(value.dtype, "kind", "") == "b"
    )
    if value is None or kind == "json":
        return value
    if is_bool:
        if kind == "bool":
            return bool(value)
    elif kind == "float" and isinstance(value, numbers.Real):
        return float(value)
    elif kind == "int" and (
        isinstance(value, numbers.Integral)
        or (isinstance(value, numbers.Real) and float(value).is_integer())
    ):
        number = int(value)  # 30.0, from a notebook, is 30
        if -(2**63) <= number < 2**63:
            return number
        raise QueryError(f"{where}: {str(number)[:40]}… is beyond Neo4j's 64-bit integers.")
    elif kind == "date" and isinstance(value, date | Date) and not isinstance(value, datetime):
        return value
    elif kind == "date" and (isinstance(value, datetime) or type(value).__name__ == "datetime64"):
        with contextlib.suppress(ValueError):  # NaT: refused below
            return as_day(value)  # its day, as Filters takes it: a DateTime is no Date in Cypher
    said = said or kind
    shown = f"{value!r}"[:80]  # repr: a typed value's own form, never raw text
    raise QueryError(f"{where}: {shown} is not a valid {said}{_FORMS.get(said, '')}.")


_FORMS = {  # how a value of each kind is written, for the message that refuses one
    "int": " (a whole number, e.g. 3)",
    "count": " (a whole number, 0 or more, e.g. 3)",
    "float": " (a finite number, e.g. 0.5)",
    "share": " (a number from 0 to 1, e.g. 0.5)",
    "bool": " (true or false)",
    "date": " (a day as YYYY-MM-DD, e.g. 2021-09-01)",
}


def statuses(names: Iterable[str], where: str | None = None) -> list[str]:
    """The statuses named (each item may list several, comma-separated), checked: a QueryError
    names the unknown ones and the statuses there are (``where``: the option or parameter)."""
    found = [part.strip().lower() for name in names for part in name.split(",") if part.strip()]
    if unknown := [n for n in found if n not in STATUSES]:
        said = f"{where}: unknown status" if where else "Unknown status"
        listed = ", ".join(map(repr, unknown))
        raise QueryError(f"{said} {listed}; statuses: {', '.join(STATUSES)}.")
    return found


def _json_value(text: str, where: str) -> Any:
    try:
        value = json.loads(text)
        too_big, not_finite = _too_big(value), _not_finite(value)
    except RecursionError:
        raise QueryError(f"{where}: the JSON value is nested too deeply.") from None
    if too_big:
        raise QueryError(f"{where}: the JSON value has an integer beyond 64 bits.")
    if not_finite:
        raise QueryError(f"{where}: the JSON value has a number that is not finite (NaN, or "
                         "beyond a float's range such as 1e400).")  # fmt: skip
    return value


def _leaves(value: Any) -> Iterator[Any]:
    """The values in ``value``, through its lists and maps."""
    if isinstance(value, list):
        for item in value:
            yield from _leaves(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _leaves(item)
    else:
        yield value


def _not_finite(value: Any) -> bool:
    """Whether ``value`` holds a number that is not finite (numpy's floats too)."""
    return any(
        isinstance(v, numbers.Real) and not isinstance(v, numbers.Integral) and not math.isfinite(v)
        for v in _leaves(value)
    )


def _too_big(value: Any) -> bool:
    return any(
        isinstance(v, int) and not isinstance(v, bool) and not -(2**63) <= v < 2**63
        for v in _leaves(value)
    )


def bind(
    query: NamedQuery, given: dict[str, Any], resolver: Resolver | None = None
) -> dict[str, Any]:
    """The parameters a named query runs with: declared types, defaults, aliases resolved.

    Parameters naming entities are resolved to ids with ``resolver`` when one is given:
    ``actor`` and ``actors`` among actors only (so is a claimant), so that a place or an
    event of the same name makes no ambiguity.
    """
    declared = {p.name: p for p in query.params}
    unknown = sorted(set(given) - set(declared))
    if unknown:
        known = ", ".join(declared) or "none"
        raise QueryError(
            f"Query {query.name!r} has no parameter {', '.join(map(repr, unknown))}; "
            f"its parameters: {known}."
        )
    bound: dict[str, Any] = {}
    for param in query.params:
        if param.name in given:
            bound[param.name] = convert(given[param.name], param.type, param_named(param.name))
        elif param.required:
            needs = as_option(f"--param {param.name}=…", f"the parameter {param.name}")
            what = f"{param.type}: {param.help}" if param.help else param.type
            raise QueryError(f"Query {query.name!r} needs {needs} ({what}).")
        else:
            bound[param.name] = convert(param.default, param.type, f"default of {param.name}")
    if resolver is not None:
        for param in entity_params(query):
            where = param_named(param)
            wanted = ["actor"] if param in CHOOSERS or declared[param].type in ACTORS else None
            if bound[param] is None:  # str(None) would look for an entity called 'None'
                raise QueryError(f"{where}: None names no entity; give an id, name or alias.")
            if isinstance(bound[param], list):  # entities
                bound[param] = [resolve_name(resolver, str(v), where, wanted) for v in bound[param]]
            else:
                bound[param] = resolve_name(resolver, str(bound[param]), where, wanted)
    return bound


# The types of parameter that name entities: one, or a list; any entity, or an actor.
ONE_ENTITY, ENTITY_LISTS, ACTORS = ("entity", "actor"), ("entities", "actors"), ("actor", "actors")


def entity_params(query: NamedQuery) -> list[str]:
    """The parameters that name entities (``entity``/``actor``, or a list of them:
    ``entities``/``actors``)."""
    return [p.name for p in query.params if p.type in (*ONE_ENTITY, *ENTITY_LISTS)]


def names_given(query: NamedQuery, given: dict[str, Any]) -> bool:
    """Whether binding ``given`` resolves a name: the query has a parameter naming one entity,
    or one naming a list of them is given (reading every entity for an empty list would be
    waste)."""
    return any(
        p.type in ONE_ENTITY or (p.type in ENTITY_LISTS and given.get(p.name, p.default))
        for p in query.params
    )  # a default names entities as much as a value given does


# The options that choose relations, the parameters they become, and the fragment that reads
# them (cypher/fragments/): a named query declares the parameters to honour the options.
CHOOSERS = {
    "datasets": ("--dataset", "list", "of_datasets"),
    "exclude_datasets": ("--exclude-dataset", "list", "of_datasets"),
    "claimants": ("--claimant", "entities", "of_claimants"),
    "exclude_claimants": ("--exclude-claimant", "entities", "of_claimants"),
}


def param_named(name: str) -> str:
    """How a message names a named query's parameter: as its option on the command line
    (``--claimant``, ``--param NAME``), as ``parameter NAME`` from Python."""
    return as_option(
        CHOOSERS[name][0] if name in CHOOSERS else f"--param {name}", f"parameter {name}"
    )


def chosen_params(query: NamedQuery, **chosen: Sequence[str]) -> dict[str, Any]:
    """``--dataset``, ``--claimant`` and their ``--exclude-…`` (``chosen``, by parameter name:
    CHOOSERS) as the parameters of a named query that declares them; a query that does not
    cannot honour them."""
    given = {key: list(value) for key, value in chosen.items() if value}
    declared = {p.name for p in query.params}
    if missing := sorted(set(given) - declared):
        options = "/".join(CHOOSERS[m][0] for m in missing)
        params = ", ".join(f"`@param {m}: {CHOOSERS[m][1]} = []`" for m in missing)
        fragments = " and ".join(sorted({f"`@{CHOOSERS[m][2]}`" for m in missing}))
        by = " or ".join(sorted({CHOOSERS[m][2].removeprefix("of_")[:-1] for m in missing}))
        raise QueryError(
            f"Query {query.name!r} does not choose relations by {by} (no parameter "
            f"{', '.join(missing)}); leave out {options}, or add {params} and {fragments} to it."
        )
    return given
