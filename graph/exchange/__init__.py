"""Exchange with the tools analysts use: a view of the graph written in the formats they read.

- ``json``: our dataset schema (the same sections and fields as the YAML datasets, documented
  in docs/model.md), so ``actorgraph load export.json`` recreates the graph.
- ``csv``: a folder of the loader's CSV files (:mod:`.tables`).
- ``graphml`` and ``gexf``: for Gephi, networkx, yEd (:mod:`.graphs`).
- ``cypher``: a script that recreates the graph in any Neo4j 5 (:mod:`.script`).

Query results (columns and rows) are written by :mod:`.tabular`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..arguments import checked
from ..errors import ExportError
from ..files import write_private_text
from ..subgraph import AView, View
from ..values import u_escaped

FORMATS = ("json", "csv", "graphml", "gexf", "cypher")


# Characters JSON leaves as they are but `load`, which reads JSON as YAML, refuses in a file (DEL,
# C1 controls, U+FFFE/U+FFFF) or takes for line breaks and folds into spaces (NEL, U+2028,
# U+2029): the export writes them as \u escapes, which both read back as the character.
_YAML_REFUSES = re.compile("[\x7f-\x9f\u2028\u2029\ufffe\uffff]")


@checked(name="export")
def write(view: AView, fmt: str, out: Path, *, raw_csv: bool = False) -> list[Path]:
    """Write ``view`` as ``fmt`` to ``out`` (a file, or a folder for csv); returns the paths.

    CSV cells that start like a spreadsheet formula get a leading "'" unless ``raw_csv``."""
    if fmt not in FORMATS:
        raise ExportError(f"Unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}.")
    # Each writer is imported when used: networkx and the vocabulary stay off the CLI's start-up.
    out = Path(out)
    if fmt == "csv":
        from .tables import write_csv

        return write_csv(view, out, raw_csv)
    if fmt == "json":
        from .document import document

        text = json.dumps(document(view), ensure_ascii=False, indent=1)
        write_private_text(out, _YAML_REFUSES.sub(lambda c: u_escaped(c[0]), text) + "\n")
    elif fmt in ("graphml", "gexf"):
        from .graphs import write_graph

        write_graph(view, fmt, out)
    else:
        from .script import cypher_script

        write_private_text(out, cypher_script(view))
    return [out]


def relations_written(view: View, fmt: str) -> int:
    """How many relations ``write`` puts in the file: one per id, except in a Cypher script,
    which recreates every stored relation (see :mod:`.claims`)."""
    if fmt == "cypher":
        return len(view.edges)
    from .claims import unique_claims

    return len(unique_claims(view.edges))
