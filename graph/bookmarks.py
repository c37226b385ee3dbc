"""Causal consistency from one actorgraph process to the next, on a cluster.

On a cluster or Aura (a ``neo4j://`` URI) the driver sends reads to followers, which may not
yet hold what was just written. A bookmark names a state of the database: a transaction given
one waits until the server running it has reached that state. One :class:`~graph.db.Graph`
chains its own transactions with a bookmark manager; a :class:`BookmarkFile` carries that chain
to the next process, so that ``actorgraph load`` followed by ``actorgraph query`` reads what
the load wrote. A single server (``bolt://``) has no followers, and keeps no file.

The file holds the bookmarks no later transaction is known to have passed: a process that ends
replaces those it began from with its own, and keeps those other processes saved meanwhile.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from .settings import ConnectionSettings, config_dir

ROUTING_SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc")
_LOCK_TRIES = 50  # tenths of a second a process waits for another's save, then saves nothing
_MOST = 64  # bookmarks kept at most: each is a state some process reached; the server waits
# for all of them, so old ones cost nothing but bytes


class BookmarkFile:
    """Where the bookmarks of one database (URI, user, database) are kept between processes."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def for_settings(cls, settings: ConnectionSettings) -> BookmarkFile | None:
        """The file for a routed connection (``neo4j://``), None for a single server."""
        if settings.uri.split("://", 1)[0] not in ROUTING_SCHEMES:
            return None
        endpoint = "\n".join((settings.uri, settings.user, settings.database or ""))
        name = hashlib.sha256(endpoint.encode()).hexdigest()[:24]
        return cls(config_dir() / "bookmarks" / f"{name}.json")

    def read(self) -> list[str]:
        """The bookmarks saved, or none: a missing or unreadable file only loses the wait."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        found = data.get("bookmarks") if isinstance(data, dict) else None
        return [b for b in found if isinstance(b, str)] if isinstance(found, list) else []

    def save(self, started: Iterable[str], reached: Iterable[str]) -> None:
        """Keep ``reached`` (this process's last bookmarks) instead of the ``started`` ones it
        began from, beside those other processes saved meanwhile. A file that cannot be written
        is left as it is: the next process then waits for less, as one without a file does."""
        reached = list(reached)
        with contextlib.suppress(OSError), self._locked():
            others = [b for b in self.read() if b not in set(started) and b not in reached]
            kept = (others + reached)[-_MOST:]
            temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}")
            flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
            with os.fdopen(os.open(temporary, flags, 0o600), "w", encoding="utf-8") as out:
                out.write(json.dumps({"bookmarks": kept}))  # only this user reads them
            os.replace(temporary, self.path)

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """One process at a time reads and replaces the file (where the system has flock; on
        Windows the last process to end wins, which only loses a wait)."""
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        descriptor = os.open(self.path.with_suffix(".lock"), os.O_WRONLY | os.O_CREAT, 0o600)
        with os.fdopen(descriptor, "w") as lock:
            try:
                import fcntl
            except ImportError:
                yield
                return
            for _ in range(_LOCK_TRIES):  # a holder stopped (Ctrl-Z) must not hold this one up
                try:
                    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    time.sleep(0.1)
            else:
                raise OSError("the bookmark file stayed locked")  # save() leaves it as it is
            yield
