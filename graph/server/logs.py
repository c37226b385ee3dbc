"""What Neo4j's logs say about one start: the part of each log written since it began.

Neo4j writes to three files under ``logs/``: ``console.log`` gets what the JVM prints itself
(``OutOfMemoryError``, a bad option, a crash before logging starts), ``neo4j.log`` the server's
progress, and ``debug.log`` every error with its cause. A failed start is explained from all
three, so the user sees the cause, not only the last progress line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .process import read_text

HINTS = {
    "OutOfMemoryError": "Neo4j ran out of Java heap: start it with more (`actorgraph server "
    "start --heap 2g`). If it still fails while recovering after a full disk, see "
    "'Full disk' in docs/reliability.md.",
    "Address already in use": "Another program listens on this port: start with `--port`.",
    "No space left on device": "The disk of the server's home is full: free some space.",
}


@dataclass(frozen=True)
class LogMarks:
    """How long each log was when a start began."""

    folder: Path
    sizes: dict[str, int]

    @classmethod
    def now(cls, folder: Path) -> LogMarks:
        names = ("console.log", "neo4j.log", "debug.log")
        return cls(folder, {name: len(read_text(folder / name)) for name in names})

    def since(self, name: str) -> list[str]:
        """The lines of log ``name`` written since the marks were taken."""
        text = read_text(self.folder / name)[self.sizes.get(name, 0) :]
        return [line for line in text.splitlines() if line.strip()]


def explain_failed_start(marks: LogMarks, exit_code: int | None) -> str:
    """The cause of a failed start, from the logs written since ``marks``."""
    console = marks.since("console.log")
    errors = [line for line in marks.since("debug.log") if " ERROR " in line]
    progress = marks.since("neo4j.log")
    parts = [f"Neo4j exited during start-up (exit code {exit_code})."]
    if console:
        parts.append("The Java process said (console.log):\n" + "\n".join(console[-10:]))
    if errors:
        parts.append("Errors in debug.log:\n" + "\n".join(line[:300] for line in errors[:5]))
    if progress and not (console or errors):
        parts.append("neo4j.log ends:\n" + "\n".join(progress[-12:]))
    seen = "\n".join(console + errors + progress[-12:])
    parts += [hint for needle, hint in HINTS.items() if needle in seen]
    parts.append(f"Full logs: {marks.folder}")
    return "\n".join(parts)
