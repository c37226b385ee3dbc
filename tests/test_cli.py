"""The command line itself: help that teaches, and a start that imports only what it needs."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import run_cli


def test_help_starts_without_importing_the_heavy_libraries() -> None:
    probe = (
        "import sys, graph.cli; "
        "print(sorted(m for m in ('neo4j', 'pyvis', 'networkx', 'numpy', 'scipy', 'pydantic', "
        "'rustworkx', 'jinja2') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("command", "teaches"),
    [
        (["--help"], "actorgraph server start"),
        (["load", "--help"], "actorgraph load data/panjshir.yaml"),
        (["query", "--help"], "--name supporters-of"),
        (["queries", "--help"], "@param"),
        (["render", "--help"], "--around"),
        (["export", "--help"], "--format gexf"),
        (["analyze", "--help"], "analyze balance"),
        (["import", "acled", "--help"], "event_id_cnty"),
        (["server", "start", "--help"], "--heap"),
    ],
)
def test_every_command_has_help_with_examples(command: list[str], teaches: str) -> None:
    result = run_cli(*command)
    assert result.returncode == 0
    assert teaches in result.stdout
