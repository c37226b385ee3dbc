"""`actorgraph load --bulk` as a user runs it: nothing left behind in the current folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from graph import Graph, LocalServer

from .conftest import PANJSHIR, synthetic
from .test_tallies import same_both_ways


def test_bulk_load_leaves_no_file_in_the_current_folder(
    db: Graph, neo4j_server: LocalServer, tmp_path: Path
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "graph", "load", "--bulk", str(PANJSHIR)],
        cwd=work,
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "132 created" in done.stdout
    assert sorted(work.iterdir()) == []
    # The importer's report went to the server's log folder instead.
    assert (neo4j_server.log_dir / "import.report").exists()
    with Graph(neo4j_server.connection_settings()) as g:
        assert g.read("MATCH (a:Actor) RETURN count(a) AS n") == [{"n": 25}]
        # The new store is tallied (graph.tallies) as the importer left it: `sources` reads it.
        assert sum(row["claims"] for row in same_both_ways(g)) > 85
        # The import leaves the load lock in place: loads started at once still take turns.
        data = synthetic(tmp_path / "more", actors=200, relations=1500, prefix="more")
        loads = [
            subprocess.Popen(
                [sys.executable, "-m", "graph", "load", str(data)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        assert [p.wait(timeout=600) for p in loads] == [0, 0]
        counts = g.read(
            "MATCH ()-[r]->() RETURN count(r) AS relations, count(DISTINCT r.id) AS ids"
        )
        assert counts == [{"relations": 85 + 1500, "ids": 85 + 1500}]
