"""The README's "From Python" example runs as written, from the repository's root."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from graph import Graph

from .conftest import REPO


def python_example() -> str:
    text = (REPO / "README.md").read_text()
    section = text[text.index("## From Python") :]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def test_the_from_python_example_runs_and_draws_its_pages(db: Graph, tmp_path: Path) -> None:
    (tmp_path / "data").symlink_to(REPO / "data")
    done = subprocess.run(
        [sys.executable, "-c", python_example()],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == ("{'actors': 25, 'places': 9, 'events': 7, 'sources': 6, 'relations': 85}")
    assert lines[1] == "132 items in the dataset"
    assert lines[2].startswith("blocs: [[") and "'Taliban'" in lines[2]
    assert lines[3].startswith("most between: ")
    assert lines[4] == "['supporter_id', 'supporter', 'term'] 3 rows"
    for page in ("nrf.html", "nrf-blocs.html"):
        assert "vis-network" in (tmp_path / page).read_text()[:200_000]
