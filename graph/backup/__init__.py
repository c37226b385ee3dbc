"""Backups in a portable format: the whole graph as JSON lines (:mod:`.dumpfile`), and back.

Any Neo4j 5 can read a dump back with :func:`restore`; the file is plain text that diff and grep
understand. ``restore`` goes into an empty database only, checks the whole file before writing,
and removes what it wrote if it fails half-way, so the database ends either restored or empty.
"""

from .dumpfile import FORMAT
from .dumping import dump
from .restoring import restore

__all__ = ["FORMAT", "dump", "restore"]
