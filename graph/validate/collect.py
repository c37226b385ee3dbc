"""Problems found while checking records, with the file, line and field of each."""

from __future__ import annotations

from pydantic import ValidationError

from ..errors import Problem
from ..figures import PARTS
from ..parse.files import RawRecord

MISSING = "required field is missing"
UNKNOWN = "unknown field"  # and the fields there are (:func:`fields_of`)
MAX_PROBLEMS = 10_000  # relations are checked until this many problems, then checking stops


class Collector:
    def __init__(
        self, initial: list[Problem], absent: set[tuple[str, str, str]] | None = None
    ) -> None:
        self.problems = list(initial)
        # problems said once: a bad default is the same problem for every row that takes it
        self._said = set(self.problems)
        # (file, section, field): a column missing from a file or unknown, said once at its header
        self.absent = absent or set()
        self.tainted: set[str] = set()  # names of records that are themselves in error
        self.tainted_sources: set[str] = set()

    def add(self, record: RawRecord, field_name: str | None, message: str) -> None:
        line = record.line_of(field_name) if field_name else record.line
        file = record.file_of(field_name) if field_name else record.file
        if (file, record.section, field_name) in self.absent and (
            message == MISSING or message.startswith(UNKNOWN)
        ):
            return  # said once, at the header
        problem = Problem(file, line, field_name, message)
        if problem not in self._said:
            self._said.add(problem)
            self.problems.append(problem)

    def full(self) -> bool:
        return len(self.problems) >= MAX_PROBLEMS


def fields_of(model: type) -> str:
    """'actor fields are: id, name, …' for an unknown field's problem."""
    allowed = ", ".join(model.model_fields[k].alias or k for k in model.model_fields)
    return f"{model.__name__[:-2].lower()} fields are: {allowed}"


def _given(error: dict) -> str:  # type: ignore[type-arg]
    given = repr(error["input"])
    return given if len(given) <= 60 else given[:57] + "..."


def parse_record(record: RawRecord, model: type, out: Collector):  # type: ignore[no-untyped-def]
    try:
        return model.model_validate(record.data)
    except ValidationError as exc:
        for error in exc.errors():
            loc = [str(p) for p in error["loc"]]
            field_name = (loc[0] if loc else None) or None
            if field_name == "from_":
                field_name = "from"
            message = error["msg"].removeprefix("Value error, ")
            if error["type"] == "extra_forbidden" and len(loc) > 2:  # quantities.killed.estimate
                message = f"{'.'.join(loc[1:])}: unknown part; a figure takes {', '.join(PARTS)}"
            elif error["type"] == "extra_forbidden":
                message = f"{UNKNOWN}; {fields_of(model)}"
            elif error["type"] == "missing":
                message = MISSING
            elif error["type"] == "literal_error":  # say what was given, not only what is allowed
                message = f"{_given(error)} is not allowed: write {error['ctx']['expected']}"
            elif error["type"] == "string_pattern_mismatch":  # ids: the one pattern, said in words
                message = (f"{_given(error)} is not an id: up to 128 letters, digits and . _ : -, "
                           "starting with a letter or digit")  # fmt: skip
            elif len(loc) > 1 and loc[1].isdigit():
                message = f"item {int(loc[1]) + 1}: {message}"
            elif len(loc) > 1:  # inside a mapping: quantities.killed.best
                message = f"{'.'.join(loc[1:])}: {message}"
            out.add(record, field_name, message)
        return None
