"""Source lineage: each ``via`` names a source, and no chain of carriers comes back on itself."""

from __future__ import annotations

from collections.abc import Mapping

from ..model import SourceIn
from ..parse.files import RawRecord
from .collect import Collector
from .known import Known


def check_lineage(checked: list[tuple[RawRecord, SourceIn]], own: set[str], known: Known,
                  out: Collector) -> None:  # fmt: skip
    """Report a ``via`` that names no source (of this dataset or the database), the source
    itself, or a source that is, through its own carriers, carried by this one.

    ``checked``: the dataset's sources as read, its accounts of other datasets' sources too
    (whose stored ``via`` stays: only the sources in ``own`` change the chains)."""
    via = {sid: props.get("via") for sid, (_, props) in known.sources.items()}
    via |= {parsed.id: parsed.via for _, parsed in checked if parsed.id in own}
    for record, parsed in checked:
        carrier = parsed.via
        if carrier is None or carrier in out.tainted_sources:
            continue  # none, or one already reported
        if carrier == parsed.id:
            out.add(record, "via", f"source {parsed.id!r} cannot be carried by itself")
        elif carrier not in via:
            out.add(record, "via", f"{carrier!r} names no source of this dataset or of the "
                    "database: `via` takes the id of the source that carried this one")  # fmt: skip
        elif parsed.id in (chain := carriers(carrier, via)):
            loop = " → ".join([parsed.id, carrier, *chain[: chain.index(parsed.id) + 1]])
            out.add(record, "via", f"the carriers go round in a circle: {loop}")


def carriers(source: str, via: Mapping[str, str | None]) -> list[str]:
    """The sources that carried ``source`` to us, nearest first: its ``via``, that source's
    ``via``, and on (``via``: source id -> its via). A chain that comes back on itself, which
    validation refuses, stops before it repeats; so does one that reaches an unknown id."""
    chain: list[str] = []
    seen = {source}
    carrier = via.get(source)
    while carrier is not None and carrier not in seen:
        chain.append(carrier)
        seen.add(carrier)
        carrier = via.get(carrier)
    return chain
