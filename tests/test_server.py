"""The local server's lifecycle, on a Neo4j of its own (the session server stays untouched)."""

from __future__ import annotations

import contextlib
import os
import socket
import stat
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import graph
from graph import Graph, LocalServer, ServerError
from graph.cypher import cypher
from graph.server import free_port

from .conftest import run_cli


@pytest.fixture(scope="module")
def own(tmp_path_factory: pytest.TempPathFactory, sandbox: Path) -> Iterator[dict[str, str]]:
    """Environment for a second, private server; it is stopped even if a test fails."""
    root = tmp_path_factory.mktemp("own")
    env = {
        "ACTORGRAPH_HOME": str(root / "data"),
        "ACTORGRAPH_CONFIG_DIR": str(root / "config"),
    }
    port = str(free_port())
    env["PORT"] = port
    yield env
    run_cli("server", "stop", env=env)


def _server(env: dict[str, str]) -> LocalServer:
    return LocalServer(
        home=Path(env["ACTORGRAPH_HOME"]) / "neo4j",
        password_file=Path(env["ACTORGRAPH_CONFIG_DIR"]) / "neo4j-password",
    )


def test_status_before_first_start_says_stopped_and_exits_3(own: dict[str, str]) -> None:
    result = run_cli("server", "status", env=own)
    assert result.returncode == 3
    assert "stopped" in result.stdout


def test_start_reports_running_server_with_version_and_uri(own: dict[str, str]) -> None:
    result = run_cli("server", "start", "--port", own["PORT"], env=own)
    assert result.returncode == 0, result.stderr
    assert "Neo4j started" in result.stdout
    status = run_cli("server", "status", env=own)
    assert status.returncode == 0
    assert "5.26." in status.stdout and "community" in status.stdout
    assert f"bolt://127.0.0.1:{own['PORT']}" in status.stdout
    assert str(Path(own["ACTORGRAPH_HOME"]) / "neo4j" / "data") in status.stdout


def _outside_address() -> str:
    """This machine's address as other machines see it (the route's source, nothing sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: no packet leaves, only a route lookup
        except OSError:
            pytest.skip("this machine has no network interface besides loopback")
        address = probe.getsockname()[0]
    if address.startswith("127."):
        pytest.skip("this machine has no network interface besides loopback")
    return address


def _accepts(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


def test_the_server_listens_on_this_machine_only(own: dict[str, str]) -> None:
    port = int(own["PORT"])
    assert _accepts("127.0.0.1", port)
    assert not _accepts(_outside_address(), port)


def test_second_start_reports_the_running_server_and_starts_nothing(own: dict[str, str]) -> None:
    pid_before = _server(own).pid()
    result = run_cli("server", "start", env=own)
    assert result.returncode == 0
    assert "already running" in result.stdout
    assert _server(own).pid() == pid_before
    # Asked for another port and heap: it says what it runs with, and does not knock on the
    # other port with this server's password (some other program may listen there).
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        moved = run_cli("server", "start", "--port", str(port), "--heap", "3g", env=own)
        other.settimeout(0.5)
        with pytest.raises(TimeoutError):
            other.accept()
    assert moved.returncode == 0 and "already running" in moved.stdout
    said = " ".join(moved.stderr.split())
    assert f"port {own['PORT']}, not {port}" in said and "heap 1g, not 3g" in said
    assert f"bolt://127.0.0.1:{own['PORT']}" in moved.stdout and "answers" in moved.stdout
    assert _server(own).pid() == pid_before


def test_password_file_is_private_and_secret_never_shown(own: dict[str, str]) -> None:
    server = _server(own)
    mode = stat.S_IMODE(server.password_file.stat().st_mode)
    assert mode == 0o600
    assert stat.S_IMODE(server.password_file.parent.stat().st_mode) == 0o700
    password = server.password_file.read_text().strip()
    assert len(password) >= 24
    outputs = [run_cli(*args, env=own) for args in (["server", "status"], ["info"])]
    outputs.append(run_cli("server", "logs", "-n", "500", env=own))
    for result in outputs:
        assert password not in result.stdout + result.stderr
    for path in server.home.rglob("*"):
        if path.is_file() and path.suffix in (".log", ".conf", ".json", ".pid"):
            assert password not in path.read_text(errors="replace"), path
    cmdline = Path(f"/proc/{server.pid()}/cmdline").read_bytes()
    assert password.encode() not in cmdline


def test_the_servers_files_are_owner_only_and_java_gets_no_secrets(own: dict[str, str]) -> None:
    """Another user of the machine reads nothing: the home is 0700, Neo4j writes 0600."""
    from graph.server.runtime import JAVA_ENV

    server = _server(own)
    assert stat.S_IMODE(server.home.stat().st_mode) == 0o700
    written_by_neo4j = [server.log_file, *(server.home / "data" / "databases").rglob("neostore*")]
    assert len(written_by_neo4j) > 5
    for path in written_by_neo4j:
        if path.is_file():
            assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path
    # The caller's environment (ACTORGRAPH_*, and any NEO4J_PASSWORD) stays out of Java's.
    environ = Path(f"/proc/{server.pid()}/environ").read_bytes().split(b"\0")
    names = {item.split(b"=")[0].decode() for item in environ if item}
    assert names <= set(JAVA_ENV), names - set(JAVA_ENV)


def test_authentication_is_on_and_the_library_finds_the_password(own: dict[str, str]) -> None:
    server = _server(own)
    with graph.connect(uri=server.uri, password=server.password_file.read_text().strip()) as g:
        assert g.read("RETURN 1 AS one") == [{"one": 1}]
    with pytest.raises(graph.ConnectError) as wrong:
        graph.connect(uri=server.uri, user="neo4j", password="not-the-password")
    message = str(wrong.value)
    assert server.uri in message and "'neo4j'" in message and "password" in message


def test_wrong_password_on_the_cli_is_one_line_and_exit_1(own: dict[str, str]) -> None:
    server = _server(own)
    env = {**own, "NEO4J_URI": server.uri, "NEO4J_PASSWORD": "wrong-password"}
    result = run_cli("info", env=env)
    assert result.returncode == 1
    assert "refused the credentials" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    # the local server's URI, a password given: the hint points to where it was given
    alone = run_cli("info", env={**own, "NEO4J_PASSWORD": "wrong-password"})
    assert alone.returncode == 1 and "check --password or NEO4J_PASSWORD" in alone.stderr
    # more wrong passwords in a row: Neo4j refuses the user for 5 s, said as such
    locked = run_cli("info", env={**own, "NEO4J_PASSWORD": "wrong-password"})
    assert locked.returncode == 1 and "too many wrong passwords" in locked.stderr
    assert "Traceback" not in locked.stderr
    time.sleep(6)  # Neo4j's dbms.security.auth_lock_time, for the tests after this one


def test_port_taken_by_another_program_is_named(own: dict[str, str], tmp_path: Path) -> None:
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        port = squatter.getsockname()[1]
        other = LocalServer(home=tmp_path / "other", password_file=tmp_path / "pw", port=port)
        with pytest.raises(ServerError, match=f"Port {port} on 127.0.0.1 is already in use"):
            other.start()
    assert not (tmp_path / "other" / "run" / "neo4j.pid").exists()


def test_stop_shuts_down_and_waits_and_says_what_it_interrupts(own: dict[str, str]) -> None:
    """A writer holding the load lock (as a load's transaction does) is named before the stop
    interrupts it."""
    server = _server(own)
    pid = server.pid()
    assert pid is not None
    with Graph(server.connection_settings()) as g, g.session(write=True) as session:
        writer = session.begin_transaction()
        writer.run(cypher("lock/take")).consume()
        result = run_cli("server", "stop", env=own)
        with contextlib.suppress(Exception):  # it went with the server
            writer.close()
    assert result.returncode == 0 and "Neo4j stopped" in result.stdout
    assert "Warning: stopping the server interrupts another load, import or drop" in " ".join(
        result.stderr.split()
    )
    assert not Path(f"/proc/{pid}").exists() or _is_zombie(pid)
    assert run_cli("server", "status", env=own).returncode == 3
    again = run_cli("server", "stop", env=own)
    assert "not running" in again.stdout


def test_commands_after_stop_say_the_server_is_not_running(own: dict[str, str]) -> None:
    result = run_cli("info", env=own)
    assert result.returncode == 1
    assert "Cannot reach Neo4j at bolt://127.0.0.1:" in result.stderr
    assert "actorgraph server start" in result.stderr


def _is_zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] == "Z"
    except OSError:
        return True


def test_missing_java_names_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    from graph.server import find_java

    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(ServerError, match="openjdk-17-jre-headless"):
        find_java()


def test_missing_maven_names_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    from graph.server import find_maven

    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(ServerError, match="apt-get install maven"):
        find_maven()


def test_bad_memory_size_is_refused_before_anything_starts(tmp_path: Path) -> None:
    with pytest.raises(ServerError, match="Invalid heap size 'lots'"):
        LocalServer(home=tmp_path, password_file=tmp_path / "pw", heap="lots")
    assert not list(tmp_path.iterdir())


def test_a_failed_start_shows_its_cause_from_the_logs_that_hold_it(tmp_path: Path) -> None:
    """The JVM's OutOfMemoryError reaches console.log only; the message must quote it."""
    server = LocalServer(home=tmp_path, password_file=tmp_path / "pw", port=free_port(), heap="24m")
    with pytest.raises(ServerError) as failed:
        server.start(timeout=120)
    message = str(failed.value)
    assert "exited during start-up" in message
    assert "console.log" in message and "OutOfMemoryError" in message
    assert "--heap 2g" in message and str(tmp_path / "logs") in message
    # The heap that failed is not kept for the next start.
    assert LocalServer(home=tmp_path, password_file=tmp_path / "pw").heap == "1g"


def test_environment_is_isolated_from_the_users_own_server(sandbox: Path) -> None:
    """Run alone or in the suite: the sandbox fixture, not test order, sets this up."""
    assert os.environ["ACTORGRAPH_HOME"] == str(sandbox / "data")
    assert os.environ["ACTORGRAPH_CONFIG_DIR"] == str(sandbox / "config")
    assert not [k for k in os.environ if k.startswith("NEO4J_")]


def test_debug_output_never_shows_the_password(own: dict[str, str]) -> None:
    # The server is stopped by now: the CLI connects with the stored password and fails.
    server = _server(own)
    password = server.password_file.read_text().strip()
    result = run_cli("--debug", "info", env=own)
    assert result.returncode == 1 and "Traceback" in result.stderr
    assert password not in result.stdout + result.stderr


def test_listening_beyond_this_machine_is_asked_for_and_warned(own: dict[str, str]) -> None:
    """--listen 0.0.0.0 warns on stderr, shows in status, and other machines can connect."""
    outside = _outside_address()
    result = run_cli("server", "start", "--listen", "0.0.0.0", env=own)
    try:
        assert result.returncode == 0, result.stderr
        assert "Warning: Neo4j will listen on 0.0.0.0" in result.stderr
        assert "other machines" in result.stderr
        assert _accepts(outside, int(own["PORT"]))
        status = run_cli("server", "status", env=own)
        assert "0.0.0.0, reachable from other machines" in status.stdout
    finally:
        run_cli("server", "stop", env=own)
    back = run_cli("server", "start", "--listen", "127.0.0.1", env=own)
    try:
        assert back.returncode == 0 and "Warning" not in back.stderr
        assert not _accepts(outside, int(own["PORT"]))
    finally:
        run_cli("server", "stop", env=own)
