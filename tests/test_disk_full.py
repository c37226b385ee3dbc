"""A full disk during a load: the load fails cleanly and the graph is as it was.

The server's data folder is a 64 MiB tmpfs of its own (mounting needs root, as on CI; without
it the test is skipped and says so). The disk is filled from outside, leaving too little room
for the load's commit; then the filler is removed and the same load succeeds.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph import ActorGraphError, Graph, LocalServer
from graph.load import load
from graph.server import free_port

from .conftest import PANJSHIR
from .test_load_faults import synthetic


@pytest.fixture(scope="module")
def small_disk(tmp_path_factory: pytest.TempPathFactory, sandbox: Path) -> Iterator[LocalServer]:
    root = tmp_path_factory.mktemp("small-disk")
    data = root / "home" / "data"
    data.mkdir(parents=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(data)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({mounted.stderr.strip()}); needs root")
    conf = root / "home" / "conf"
    conf.mkdir()
    # Small, non-preallocated transaction logs, so a 64 MiB disk is enough to run on.
    (conf / "user.conf").write_text("db.tx_log.preallocate=false\ndb.tx_log.rotation.size=1M\n")
    server = LocalServer(home=root / "home", password_file=root / "pw", port=free_port())
    try:
        server.start(timeout=300)
        yield server
    finally:
        server.stop()
        subprocess.run(["umount", str(data)], check=False)


def fill(folder: Path, leave_bytes: int) -> Path:
    """Fill the filesystem of ``folder`` until about ``leave_bytes`` are free."""
    stats = os.statvfs(folder)
    free = stats.f_bavail * stats.f_frsize
    filler = folder / "filler.bin"
    with open(filler, "wb") as out:
        remaining = max(0, free - leave_bytes)
        chunk = b"\0" * (1 << 20)
        while remaining > 0:
            out.write(chunk[: min(len(chunk), remaining)])
            remaining -= min(len(chunk), remaining)
    return filler


def test_a_load_on_a_full_disk_fails_with_a_clear_message(
    small_disk: LocalServer, tmp_path: Path
) -> None:
    settings = small_disk.connection_settings()
    with Graph(settings) as g:
        load(g, [PANJSHIR])
    data = synthetic(tmp_path / "big", actors=2000, relations=20_000)
    filler = fill(small_disk.home / "data", leave_bytes=256 * 1024)
    try:
        with Graph(settings, retry_seconds=2.0) as g, pytest.raises(ActorGraphError) as failure:
            load(g, [data], dataset="synthetic")
    finally:
        filler.unlink()
    assert "could not write its transaction log" in str(failure.value)
    assert "disk full" in str(failure.value)


@pytest.mark.xfail(
    strict=True,
    reason="Neo4j 5.26.17 does not recover this store after a commit failed on a full disk "
    "(debug.log: 'Weird, inUse was read in as true'); the neo4j database stays offline. "
    "Recovery then means restoring a dump (actorgraph restore). Reported in docs/reliability.md.",
)
def test_after_freeing_the_disk_a_restart_brings_the_previous_graph_back(
    small_disk: LocalServer,
) -> None:
    small_disk.stop()
    small_disk.start(timeout=300)
    with Graph(small_disk.connection_settings()) as g:
        status = g.read("SHOW DATABASE neo4j YIELD currentStatus")
        assert status == [{"currentStatus": "online"}]
