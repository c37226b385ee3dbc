"""The driver's values made plain: nodes and relationships as dicts, dates as ISO text."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any

from .errors import cannot_hold, driver_could_not_read


def plain(value: Any) -> Any:
    """Turn driver values into JSON-friendly ones: nodes and relationships become dicts."""
    import neo4j  # here, not at the top: the CLI's start-up stays free of the driver

    if isinstance(value, neo4j.graph.Node):
        return {"_labels": sorted(value.labels), **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, neo4j.graph.Relationship):
        return {
            "_type": value.type,
            "_start": value.start_node.get("id") if value.start_node else None,
            "_end": value.end_node.get("id") if value.end_node else None,
            **{k: plain(v) for k, v in value.items()},
        }
    if isinstance(value, neo4j.graph.Path):
        return {
            "nodes": [plain(n) for n in value.nodes],
            "relationships": [plain(r) for r in value.relationships],
        }
    # a duration and a point are tuples to the driver: named before lists, or they lose their
    # meaning ([0, 1, 0, 0] for one day)
    if isinstance(value, neo4j.time.Duration):
        return value.iso_format()
    if isinstance(value, neo4j.spatial.Point):
        return {"srid": value.srid, **dict(zip(("x", "y", "z"), map(float, value), strict=False))}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, neo4j.time.DateTime):
        return datetime_text(value)
    if error := driver_could_not_read(value):  # in a list, a map or a node: not raised yet
        raise cannot_hold("a value", error)
    if hasattr(value, "iso_format"):
        return value.iso_format()
    if isinstance(value, date):
        return value.isoformat()
    return value


_OFFSET = re.compile(r"[+-]\d\d:\d\d(?::\d\d)?\Z")


def datetime_text(value: Any, *, zone: bool = True) -> str:
    """A driver's DateTime as Cypher writes it: the offset, then a named time zone
    (``+01:00[Europe/Paris]``; UTC as ``+00:00``, since the driver reads Neo4j's Z and Z[UTC]
    alike). The offset is worked out from ``utcoffset()``: ``iso_format()`` writes St John's
    -2:30 as -03:30, an hour off, and drops the zone's name. Seconds of an offset (local mean
    time before 1900) are left out, as the driver's reader leaves them out. Without ``zone``,
    the offset alone."""
    text = value.iso_format()
    offset = value.utcoffset()
    if offset is None:  # a local datetime
        return text
    seconds = int(offset.total_seconds())
    hours, minutes = divmod(abs(seconds) // 60, 60)
    text = _OFFSET.sub("", text) + f"{'-' if seconds < 0 else '+'}{hours:02d}:{minutes:02d}"
    if not zone:
        return text
    name = getattr(value.tzinfo, "zone", None) or getattr(value.tzinfo, "key", None)
    return text + (f"[{name}]" if name and name != "UTC" else "")


# A cell a spreadsheet would run as a formula starts with one of these (OWASP's list).
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """A CSV cell that no spreadsheet runs: text starting like a formula gets a leading "'"
    (numbers such as -1.5 stay as they are); :func:`from_spreadsheet` undoes it exactly."""
    if _number(text):
        return text
    if text.startswith(_FORMULA) or (
        text.startswith("'") and text.lstrip("'").startswith(_FORMULA)
    ):
        return "'" + text
    return text


def from_spreadsheet(text: str) -> str:
    """The text :func:`spreadsheet_safe` was given."""
    if text.startswith("'") and text.lstrip("'").startswith(_FORMULA) and not _number(text[1:]):
        return text[1:]
    return text


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


# Characters XML 1.0 cannot hold at all, even escaped: C0 controls but tab, newline and carriage
# return; lone surrogates; U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


# controls, format characters (bidi overrides, zero widths, the soft hyphen), line and paragraph
# separators, and lone surrogates (bytes that were not UTF-8, as Python decodes them) act
# rather than show; but the joiners Dari and Pashto words and emoji need (U+200C, U+200D) show
_ACTING = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})
_JOINERS = frozenset({"\u200c", "\u200d"})


def acts(char: str) -> bool:
    """Whether a character from data would act on a screen rather than show (see _ACTING)."""
    return char not in _JOINERS and unicodedata.category(char) in _ACTING


def visible(text: str) -> str:
    """``text`` as a screen should show it: each character that :func:`acts` (but newlines and
    tabs) written as :func:`escaped`, so that "Tal\\u200biban" does not pass for Taliban."""
    if text.isascii() and text.isprintable():
        return text
    return "".join(escaped(c) if c not in "\n\t" and acts(c) else c for c in text)


def escaped(char: str) -> str:
    """A character as visible text: ``\\x1b`` below U+0100, ``\\u202e`` above (how the
    terminal and XML exports show characters they cannot hold)."""
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def u_escaped(char: str) -> str:
    """A character as JSON and Cypher write it in a string, ``\\u001b``: beyond U+FFFF as the
    two halves of its UTF-16 pair (``\\udb40\\udc01``), the only form both read back."""
    units = char.encode("utf-16-be", "surrogatepass")
    return "".join(f"\\u{units[i] << 8 | units[i + 1]:04x}" for i in range(0, len(units), 2))


def xml_safe(text: Any) -> Any:
    """Text an XML file can hold: each character XML 1.0 forbids :func:`escaped` (so ESC from
    data shows as ``\\x1b``, and the file stays valid). Other values are returned as they are."""
    if not isinstance(text, str):
        return text
    return _NOT_XML.sub(lambda match: escaped(match[0]), text)


def not_xml(value: Any) -> bool:
    """Whether ``value`` (a text, or a list or map of them) holds a character XML 1.0 forbids,
    which :func:`xml_safe` writes escaped."""
    if isinstance(value, str):
        return _NOT_XML.search(value) is not None
    if isinstance(value, list | tuple):
        return any(not_xml(v) for v in value)
    if isinstance(value, dict):
        return any(not_xml(k) or not_xml(v) for k, v in value.items())
    return False


def scalar_type(value: Any) -> str | None:
    """ "boolean", "long" or "double" for those values (the names XML Schema, GEXF and Neo4j's
    importer give them); None for any other."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    return None
