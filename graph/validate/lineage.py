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
    circling = on_cycles(via)
    for record, parsed in checked:
        carrier = parsed.via
        if carrier is None or carrier in out.tainted_sources:
            continue  # none, or one already reported
        if carrier == parsed.id:
            out.add(record, "via", f"source {parsed.id!r} cannot be carried by itself")
        elif carrier not in via:
            out.add(record, "via", f"{carrier!r} names no source of this dataset or of the "
                    "database: `via` takes the id of the source that carried this one")  # fmt: skip
        elif parsed.id in circling and via.get(parsed.id) == carrier:
            loop = " → ".join([parsed.id, *carriers(parsed.id, via), parsed.id])
            out.add(record, "via", f"the carriers go round in a circle: {loop}")


def on_cycles(via: Mapping[str, str | None]) -> set[str]:
    """The sources whose chain of carriers comes back to them, found in one pass."""
    done: set[str] = set()
    circling: set[str] = set()
    for start in via:
        path: dict[str, int] = {}
        node: str | None = start
        while node is not None and node in via and node not in done and node not in path:
            path[node] = len(path)
            node = via[node]
        if node in path:
            circling.update(list(path)[path[node] :])
        done.update(path)
    return circling


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


class Lines(dict[str, list[str]]):
    """Each source's chain, itself first, then its carriers (``lines[s]``); computed when
    first asked for, so a view holding long chains pays only for the sources claims cite."""

    def __init__(self, via: Mapping[str, str | None]) -> None:
        super().__init__()
        self.via = via
        self._depths: dict[str, int] = {}

    def __missing__(self, source: str) -> list[str]:
        chain = self[source] = [source, *carriers(source, self.via)]
        return chain

    def depth(self, source: str) -> int:
        """``len(self[source])`` without building the chain: each source walked once."""
        path: list[str] = []
        node: str | None = source
        while node is not None and node not in self._depths and node not in path:
            path.append(node)
            node = self.via.get(node)
        known = self._depths.get(node, 0) if node is not None and node not in path else 0
        for step in reversed(path):
            known += 1
            self._depths[step] = known
        return self._depths[source]


def independent(cited: list[str], lines: Lines) -> list[list[str]]:
    """The cited sources grouped into independent lines: two are one line when their chains
    of carriers share a source. Each line lists its sources and carriers, the innermost
    (longest chain) first, the outermost carrier last."""
    groups: list[set[str]] = []
    for source in cited:
        chain = set(lines[source])
        for group in [g for g in groups if g & chain]:
            groups.remove(group)
            chain |= group
        groups.append(chain)
    return [sorted(g, key=lambda s: (-lines.depth(s), s)) for g in groups]


def single_line(cited: list[str], via: Mapping[str, str | None]) -> list[str] | None:
    """The sources of the one line ``cited`` rests on (innermost first), or None when the
    sources are at least two independent lines. See :func:`independent`."""
    groups = independent(cited, Lines(via))
    return groups[0] if len(groups) == 1 else None
