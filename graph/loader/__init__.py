"""The write stage: check files, plan rows, compare with the database, write in one transaction.

``check`` (parse + validate, names resolved against the database) → ``plan`` (rows per Cypher
statement) → ``diff`` (what changes) → ``write`` (one transaction, with its :Load record);
``recognise`` skips all of it for unchanged inputs into an unchanged database; ``bulk`` hands a
first load to Neo4j's offline importer.
"""

from .bulk import bulk_load
from .check import check, gc_paused
from .datasets import DatasetInfo, dataset, datasets, drop
from .pipeline import import_acled, import_feed, import_ucdp_ged, load
from .records import LoadReport, load_record, loads
from .write import BATCH_SIZE, write

__all__ = [
    "BATCH_SIZE",
    "DatasetInfo",
    "LoadReport",
    "bulk_load",
    "check",
    "dataset",
    "datasets",
    "drop",
    "gc_paused",
    "import_acled",
    "import_feed",
    "import_ucdp_ged",
    "load",
    "load_record",
    "loads",
    "write",
]
