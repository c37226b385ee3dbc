"""Connecting to Neo4j: settings precedence and one clear sentence for each failure."""

from __future__ import annotations

import pytest

import graph
from graph import ConfigError, ConnectError, LocalServer
from graph.connection import resolve_settings
from graph.server import free_port

from .conftest import run_cli


def test_connect_finds_the_local_server_by_itself(neo4j_server: LocalServer) -> None:
    with graph.connect() as g:
        assert g.settings.uri == neo4j_server.uri
        info = g.info()
    assert info["version"].startswith("5.26.")
    assert info["edition"] == "community"


def test_environment_wins_over_local_server_and_flags_win_over_environment(
    neo4j_server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEO4J_URI", "bolt://example.invalid:7687")
    monkeypatch.setenv("NEO4J_USERNAME", "alice")
    monkeypatch.setenv("NEO4J_DATABASE", "people")
    from_env = resolve_settings()
    assert (from_env.uri, from_env.user, from_env.database) == (
        "bolt://example.invalid:7687",
        "alice",
        "people",
    )
    from_flags = resolve_settings(uri="neo4j+s://abc.databases.neo4j.io", user="bob")
    assert from_flags.uri == "neo4j+s://abc.databases.neo4j.io"
    assert from_flags.user == "bob"


def test_routing_uri_scheme_works_unchanged(neo4j_server: LocalServer) -> None:
    uri = neo4j_server.uri.replace("bolt://", "neo4j://")
    with graph.connect(uri=uri) as g:
        assert g.read("RETURN 2 AS two") == [{"two": 2}]


def test_unreachable_uri_names_it_and_how_to_start(sandbox) -> None:
    uri = f"bolt://127.0.0.1:{free_port()}"
    with pytest.raises(ConnectError) as failure:
        graph.connect(uri=uri, password="x")
    assert uri in str(failure.value)
    assert "actorgraph server start" in str(failure.value)


def test_unknown_database_is_named(neo4j_server: LocalServer) -> None:
    with pytest.raises(ConnectError, match="Database 'nosuchdb' does not exist"):
        graph.connect(database="nosuchdb")


def test_invalid_uri_scheme_is_a_config_error(sandbox) -> None:
    with pytest.raises(ConfigError, match="Invalid Neo4j URI 'http://localhost:7474'"):
        graph.connect(uri="http://localhost:7474", password="x")


def test_info_command_reports_counts(neo4j_server: LocalServer, db: graph.Graph) -> None:
    db.write("CREATE (:Probe)-[:TOUCHES]->(:Probe)")
    result = run_cli("info")
    assert result.returncode == 0, result.stderr
    assert "nodes  2" in result.stdout and "relationships  1" in result.stdout


def test_unreachable_uri_on_the_cli_exits_1_without_traceback(sandbox) -> None:
    result = run_cli("info", "--uri", f"bolt://127.0.0.1:{free_port()}", "--password", "x")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("error: Cannot reach Neo4j")


def test_debug_flag_shows_the_traceback(sandbox) -> None:
    result = run_cli("--debug", "info", "--uri", f"bolt://127.0.0.1:{free_port()}")
    assert result.returncode == 1
    assert "Traceback" in result.stderr
