"""Room on the local server's disk for a load, checked before anything is written."""

from __future__ import annotations

import shutil

from ..db import Graph
from ..errors import DiskSpaceError
from .diff import Changes

# Disk a write needs on the local server, per node or relation created or updated, and a margin
# for checkpoints and index updates. Measured on the 100k-relation bench data: 580 bytes of
# transaction log and 470 of store per item; twice that allows for longer texts. (With the
# default preallocated logs, a log rotation takes another 256 MiB at once.)
BYTES_PER_ITEM = 2048
HEADROOM = 32 * 1024 * 1024


def room_for(graph: Graph, nodes: Changes, relations: Changes, more: int = 0) -> None:
    """Refuse, before writing anything, a load the local server's disk has no room for.

    A full disk during the commit fails the load, but Neo4j 5.26 then sometimes cannot recover
    the store on restart (docs/reliability.md); refusing first avoids that. Only for a local
    server: the disk of another one is not ours to see. ``more``: items not planned yet (the
    relations a streamed load has still to check).
    """
    folder = graph.settings.data_dir
    items = sum(len(c.created) + len(c.updated) for c in (nodes, relations)) + more
    if folder is None or items == 0 or not folder.exists():
        return
    need = HEADROOM + items * BYTES_PER_ITEM
    free = shutil.disk_usage(folder).free
    if free < need:
        raise DiskSpaceError(
            f"The local Neo4j's disk ({folder}) has {free / 2**20:,.1f} MiB free; writing "
            f"{items:,} nodes and relations needs about {need / 2**20:,.0f} MiB (transaction "
            "log and store). Nothing was written. Free some space (or move the server's home "
            "with ACTORGRAPH_HOME) and load again."
        )
