"""Neo4j's offline importer (``neo4j-admin database import full``) on the stopped local server."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import BulkError
from . import runtime
from .privacy import UMASK

if TYPE_CHECKING:
    from .local import LocalServer


def import_full(
    server: LocalServer,
    nodes: list[Path],
    relationships: list[Path],
    array_delimiter: str,
) -> None:
    """Build the ``neo4j`` database from CSV files; the server must be stopped.

    The importer's output goes to ``logs/import.log`` and its report to ``logs/import.report``
    in the server's home: nothing is written to the caller's current folder.
    """
    log = server.log_dir / "import.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    command = runtime.java_command(
        runtime.ADMIN_TOOL,
        "database", "import", "full",
        *(f"--nodes={path}" for path in nodes),
        *(f"--relationships={path}" for path in relationships),
        f"--array-delimiter={array_delimiter}",
        "--overwrite-destination=true",
        "--skip-bad-relationships=false",
        "--multiline-fields=true",  # text may hold line breaks (evidence, notes, figures' words)
        f"--report-file={server.log_dir / 'import.report'}",
        "--verbose",
        "neo4j",
        heap=server.heap,
    )  # fmt: skip
    env = runtime.java_env(NEO4J_HOME=str(server.home), NEO4J_CONF=str(server.conf_dir))
    with open(log, "w") as output:
        done = subprocess.run(
            command,
            stdout=output,
            stderr=subprocess.STDOUT,
            env=env,
            umask=UMASK,
            cwd=server.home,
            check=False,
        )
    if done.returncode != 0:
        tail = "\n".join(log.read_text(errors="replace").splitlines()[-10:])
        raise BulkError(f"neo4j-admin database import failed (see {log}):\n{tail}")
