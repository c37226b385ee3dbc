"""The library's arguments, checked as the command line checks its options.

Typer checks the CLI's options before anything runs. A notebook calls the functions with
whatever it holds: ``graph.load(g, "file.yaml")``, ``Filters(depth="2")``, a pandas
``Timestamp`` for a day. Unchecked, such a call failed deep inside (an ``IndexError``), or
worse, quietly did something else (a string taken letter by letter, an empty view). Each public
function is therefore wrapped by :func:`checked`, and :class:`~graph.subgraph.Filters` checks
each field it is given with :func:`checked_field`. Both validate against the annotations with
pydantic, the validator the loader uses for records: ``"2"`` is taken as 2, ``"false"`` as
False, and a string is not taken for a list. A mismatch is an
:class:`~graph.errors.ArgumentError` (bad input, exit 2) that names the function, the
argument and what it takes.

pydantic is imported on the first call, not with this module: the CLI's ``--help`` stays quick.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import typing
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

from .errors import ArgumentError

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler, TypeAdapter, ValidationError
    from pydantic_core import CoreSchema

F = TypeVar("F", bound=Callable[..., Any])


class _Field:
    """pydantic's ``Field(**bounds)`` as annotation metadata, made when first validated."""

    def __init__(self, **bounds: Any) -> None:
        self.bounds = bounds

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        from pydantic import Field

        return handler.generate_schema(Annotated[source, Field(**self.bounds)])


class _Before:
    """pydantic's ``BeforeValidator(convert)``, made when first validated."""

    def __init__(self, convert: Callable[[Any], Any]) -> None:
        self.convert = convert

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        from pydantic_core import core_schema

        return core_schema.no_info_before_validator_function(self.convert, handler(source))


class _Instance:
    """Only an instance of the annotated class: pydantic would build a dataclass from a dict,
    unchecked inside (a View of dicts without their keys)."""

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        from pydantic_core import core_schema

        return core_schema.is_instance_schema(source)


Instance = _Instance()


def _one_or_many(value: Any) -> Any:
    """A single name where a list of names is taken: ``relations="fights"``."""
    return [value] if isinstance(value, str) else value


def as_day(value: Any) -> Any:
    """A day from what notebooks hold: a datetime (pandas' Timestamp is one) is its day, and
    numpy's datetime64 is read by its ISO text. Text must be YYYY-MM-DD."""
    if isinstance(value, int | float) and not isinstance(value, bool):  # not epoch seconds
        raise ValueError("a day is a date, or text written YYYY-MM-DD")
    if isinstance(value, datetime):
        try:
            day = value.date()
        except (TypeError, ValueError):
            day = None
        if type(day) is not date:  # pandas' NaT (no time) is a datetime whose day is NaT
            raise ValueError(f"{value!r} is no day")
        return day
    if type(value).__name__ == "datetime64":  # numpy's, without importing numpy
        value = str(value)[:10]
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError("a day is a date, or text written YYYY-MM-DD") from None
    return value


def _number(value: Any) -> Any:
    """A number, not a boolean: pydantic takes True for 1 (``batch_size=True`` wrote batches
    of one row), numpy's booleans too; nor text Python alone reads as one ("1_0", "１")."""
    if isinstance(value, bool) or getattr(getattr(value, "dtype", None), "kind", "") == "b":
        raise ValueError("give a number, not True or False")
    if isinstance(value, str):
        ascii_numeral(value)
    return value


def ascii_numeral(text: str) -> str:
    """``text`` if it is written in ASCII without ``_``, else a ValueError: Python's ``int``
    and ``float`` also read full-width digits (``１``) and ``1_0`` as 10, which no other tool
    of the user's would."""
    if not text.isascii() or "_" in text:
        raise ValueError("write a number in ASCII digits, without _")
    return text


def _some_text(value: Any) -> Any:
    """Text with a letter in it: "" or " " would quietly mean "no filter"."""
    if isinstance(value, str) and not value.strip():
        raise ValueError("give an id, name or alias, not blank text")
    return value


# Bounded numbers, as the CLI's options bound them. Neo4j takes 64-bit integers, and a
# transaction timeout in milliseconds as one; a window of days is subtracted from a date.
MOST = 2**63 - 1
MOST_SECONDS = 1e9  # about 31 years
MOST_DAYS = 100_000  # about 270 years
Whole = Annotated[int, _Field(ge=0, le=MOST), _Before(_number)]  # a count or a limit: 0 or more
Positive = Annotated[int, _Field(ge=1, le=MOST), _Before(_number)]
Days = Annotated[int, _Field(ge=0, le=MOST_DAYS), _Before(_number)]
Seconds = Annotated[float, _Field(gt=0, le=MOST_SECONDS, allow_inf_nan=False), _Before(_number)]
Wait = Annotated[float, _Field(ge=0, allow_inf_nan=False), _Before(_number)]
Share = Annotated[float, _Field(ge=0, le=1, allow_inf_nan=False), _Before(_number)]  # a confidence
Names = Annotated[list[str], _Before(_one_or_many)]
Day = Annotated[date, _Before(as_day)]
Named = Annotated[str, _Before(_some_text)]
NonEmpty = _Field(min_length=1)


def checked(function: F | None = None, *, name: str | None = None) -> Any:
    """``function`` with its arguments validated against its annotations first; errors name
    it ``name`` if given (its public name: graph.export is graph.exchange.write)."""
    if function is None:
        return functools.partial(checked, name=name)
    positional = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    parameters = inspect.signature(function).parameters.values()
    names = [p.name for p in parameters if p.kind in positional]  # a positional argument's
    called = f"{name or function.__name__}()"

    @functools.wraps(function)
    def call(*args: Any, **kwargs: Any) -> Any:
        from pydantic import ValidationError

        try:
            return _validating(function)(*args, **kwargs)
        except ValidationError as exc:
            if exc.title != function.__name__:  # raised inside it, not by its arguments
                raise
            raise _refused(called, exc, names=names) from None

    return call  # type: ignore[return-value]


@functools.cache
def _validating(function: Callable[..., Any]) -> Callable[..., Any]:
    from pydantic import ConfigDict, validate_call

    return validate_call(config=ConfigDict(arbitrary_types_allowed=True))(function)


def checked_field(cls: type, name: str, value: Any) -> Any:
    """``value`` validated and normalised for the dataclass field ``name`` of ``cls``, by its
    annotation (a dataclass that calls this from ``__setattr__`` is checked when made and
    whenever a field is set)."""
    from pydantic import ValidationError

    adapter = _adapters(cls).get(name)
    if adapter is None:
        return value
    try:
        return adapter.validate_python(value)
    except ValidationError as exc:
        raise _refused(cls.__name__, exc, name) from None


@functools.cache
def _adapters(cls: type) -> dict[str, TypeAdapter]:
    from pydantic import ConfigDict, TypeAdapter

    hints = typing.get_type_hints(cls, include_extras=True)
    config = ConfigDict(arbitrary_types_allowed=True)
    return {
        f.name: TypeAdapter(hints[f.name], config=config)
        for f in dataclasses.fields(cls)
        if hints[f.name] is not Any
    }


def _refused(
    where: str, exc: ValidationError, field: str | None = None, names: Sequence[str] = ()
) -> ArgumentError:
    first = exc.errors(include_url=False)[0]
    loc = list(first["loc"])
    if loc and isinstance(loc[0], int) and loc[0] < len(names):  # given by position
        loc[0] = names[loc[0]]
    place = ".".join(str(part) for part in (field, *loc) if part is not None)
    given = repr(first["input"])
    given = given if len(given) <= 60 else given[:59] + "…"
    more = len(exc.errors()) - 1
    also = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    message = first["msg"].removeprefix("Value error, ")
    if first["type"] in ("extra_forbidden", "unexpected_keyword_argument"):
        message = "it takes no such argument"
    if first["type"] == "unexpected_positional_argument":
        place = f"argument {first['loc'][0] + 1}"
        message = f"it takes {len(names)} by position ({', '.join(names)}); give the others by name"
    return ArgumentError(f"{where}: {place}: {message}; given {given}{also}.")
