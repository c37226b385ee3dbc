"""A Neo4j server of our own on 127.0.0.1: configure, start, wait, report, stop.

The server runs from Neo4j's Maven jars (see :mod:`.runtime`) in the background. Its home holds
``conf/``, ``data/``, ``logs/`` and ``run/``; the password that protects it is generated on first
start and kept in a 0600 file in the user's config dir, never printed nor put on a command line.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ServerError
from ..files import private_opener
from ..settings import ConnectionSettings, config_dir, data_dir
from . import runtime
from .config import LOOPBACK, PrivacyWarning, write_config
from .logs import LogMarks, explain_failed_start
from .privacy import (
    UMASK,
    ensure_password_file,
    password_file_problems,
    private_home,
    read_password,
    refuse_dangling,
)
from .process import is_alive, is_our_process, port_accepts, port_free, read_text

DEFAULT_PORT = 7687
DEFAULT_HEAP = "1g"
DEFAULT_PAGECACHE = "256m"
_STATE_FILE = "actorgraph-server.json"
_SIZE_PATTERN = r"^\d+[kKmMgG]\Z"


@dataclass
class ServerStatus:
    """What `actorgraph server status` reports."""

    running: bool
    pid: int | None
    uri: str
    home: Path
    listen_address: str = "127.0.0.1"
    bolt_answers: bool = False
    version: str | None = None
    edition: str | None = None
    problem: str | None = None
    already_running: bool = False
    # a start that found the server running: the settings asked for that it does not have
    not_as_asked: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def data_path(self) -> Path:
        return self.home / "data"


@dataclass
class LocalServer:
    """One local Neo4j installation: its home folder, port, memory and password file.

    All arguments default to the user's standard locations, so ``LocalServer()`` is the server
    the CLI manages; tests pass a temporary ``home``, ``password_file`` and a free ``port``.
    """

    home: Path = field(default_factory=lambda: data_dir() / "neo4j")
    password_file: Path = field(default_factory=lambda: config_dir() / "neo4j-password")
    port: int | None = None
    heap: str | None = None
    pagecache: str | None = None
    listen_address: str | None = None
    user: str = "neo4j"

    def __post_init__(self) -> None:
        self.home = Path(self.home)
        self.password_file = Path(self.password_file)
        saved = self._read_state()
        self.port = self.port or saved.get("port") or DEFAULT_PORT
        self.heap = self.heap or saved.get("heap") or DEFAULT_HEAP
        self.pagecache = self.pagecache or saved.get("pagecache") or DEFAULT_PAGECACHE
        self.listen_address = self.listen_address or saved.get("listen_address") or LOOPBACK[0]
        for name, value in (("heap", self.heap), ("page cache", self.pagecache)):
            if not re.match(_SIZE_PATTERN, value):
                raise ServerError(
                    f"Invalid {name} size {value!r}: use a number with k, m or g, e.g. 512m or 2g."
                )

    # -- paths -------------------------------------------------------------------------------
    @property
    def uri(self) -> str:
        host = f"[{self.listen_host}]" if ":" in self.listen_host else self.listen_host
        return f"bolt://{host}:{self.port}"

    @property
    def conf_dir(self) -> Path:
        return self.home / "conf"

    @property
    def log_dir(self) -> Path:
        return self.home / "logs"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "neo4j.log"

    @property
    def console_log(self) -> Path:
        return self.log_dir / "console.log"

    @property
    def pid_file(self) -> Path:
        return self.home / "run" / "neo4j.pid"

    # -- state -------------------------------------------------------------------------------
    def _read_state(self) -> dict:
        path = self.home / _STATE_FILE
        try:
            return json.loads(path.read_text())
        except (OSError, ValueError):
            return {}

    def _write_state(self, version: str) -> None:
        state = {
            "port": self.port,
            "heap": self.heap,
            "pagecache": self.pagecache,
            "listen_address": self.listen_address,
            "neo4j_version": version,
        }
        (self.home / _STATE_FILE).write_text(json.dumps(state, indent=2) + "\n")

    def is_configured(self) -> bool:
        """True once a server has been set up here (it may be stopped)."""
        # lexists: a password file that is a link to nothing is this server's, and reading it
        # says what is wrong (rather than "no server has been set up")
        return os.path.lexists(self.password_file) and (self.home / _STATE_FILE).exists()

    def connection_settings(self) -> ConnectionSettings:
        return ConnectionSettings(
            uri=self.uri,
            user=self.user,
            password=read_password(self.password_file),
            origin="local server",
            data_dir=self.home / "data",
        )

    # -- process -----------------------------------------------------------------------------
    def pid(self) -> int | None:
        """The pid of our Neo4j process if it is alive, else None (a stale pid file is removed)."""
        try:
            pid = int(self.pid_file.read_text().strip())
        except (OSError, ValueError):
            return None
        if is_our_process(pid, self.home):
            return pid
        self.pid_file.unlink(missing_ok=True)
        return None

    def status(self) -> ServerStatus:
        pid = self.pid()
        status = ServerStatus(
            running=pid is not None,
            pid=pid,
            uri=self.uri,
            home=self.home,
            listen_address=self.listen_address,
            warnings=self.privacy_problems(),
        )
        if pid is None:
            return status
        status.bolt_answers = port_accepts(self.listen_host, self.port)
        if status.bolt_answers and self.password_file.exists():
            from .auth import server_identity  # the driver, only when asked (CLI start-up)

            try:
                identity = server_identity(self.connection_settings())
                status.version, status.edition, status.problem = identity
            except Exception as exc:  # status reports problems, it does not fail on them
                status.problem = str(exc)
        return status

    def privacy_problems(self) -> list[str]:
        """What lets other users of this machine read the database or its password."""
        problems = password_file_problems(self.password_file)
        if self.home.is_dir() and os.stat(self.home).st_mode & 0o077:
            problems.append(
                f"The server's home {self.home} is open to other users: `actorgraph server "
                f"start` makes it owner-only, or run `chmod 700 {self.home}`."
            )
        return problems

    @property
    def listen_host(self) -> str:
        """Where this machine reaches the server: loopback when it listens on every address."""
        return "127.0.0.1" if self.listen_address in ("0.0.0.0", "::") else self.listen_address

    @property
    def exposed(self) -> bool:
        """True when other machines may reach the server (it listens beyond loopback)."""
        return self.listen_address not in LOOPBACK

    def start(
        self,
        timeout: float = 180.0,
        on_step: Callable[[str], None] | None = None,
    ) -> ServerStatus:
        """Start the server and wait until Bolt answers; a running server is left alone."""
        step = on_step or (lambda _msg: None)
        refuse_dangling(self.password_file)
        for notice in [private_home(self.home), *password_file_problems(self.password_file)]:
            if notice:
                warnings.warn(notice, PrivacyWarning, stacklevel=2)
        if self.pid() is not None:
            # as it runs: asked for another port, this one's password is not for what is there
            running = LocalServer(home=self.home, password_file=self.password_file)
            status = running.status()
            status.already_running = True
            status.not_as_asked = [
                f"{name} {have}, not {asked}"
                for name, asked, have in (
                    ("port", self.port, running.port),
                    ("heap", self.heap, running.heap),
                    ("page cache", self.pagecache, running.pagecache),
                    ("listen address", self.listen_address, running.listen_address),
                )
                if asked != have
            ]
            return status
        if not port_free(self.listen_host, self.port):
            raise ServerError(
                f"Port {self.port} on {self.listen_host} is already in use by another program, "
                f"so Neo4j cannot listen there. Stop that program, or choose another port with "
                f"`actorgraph server start --port N`."
            )
        java = runtime.find_java()  # before anything is written: say what to install
        version = runtime.neo4j_version()
        if not (runtime.jars_dir(version) / ".complete").exists():
            step(f"Downloading Neo4j {version} with Maven (first start only, about 120 MB)")
        runtime.resolve_jars(version)
        password = ensure_password_file(self.password_file)
        write_config(
            self.conf_dir,
            listen_address=self.listen_address,
            listen_host=self.listen_host,
            exposed=self.exposed,
            port=self.port,
            pagecache=self.pagecache,
        )
        saved = read_text(self.home / _STATE_FILE)
        self._write_state(version)
        step(f"Starting Neo4j {version} on {self.uri}")
        marks = LogMarks.now(self.log_dir)
        process = self._launch(java)
        step("Waiting for Bolt to answer")
        try:
            self._wait_for_bolt(process, timeout, marks)
        except ServerError:
            if process.poll() is not None:  # it did not start: keep what last worked
                state = self.home / _STATE_FILE
                if saved:
                    state.write_text(saved)
                else:
                    state.unlink(missing_ok=True)
            raise
        from .auth import ensure_password

        ensure_password(self.uri, self.user, password, self.password_file)
        return self.status()

    def _launch(self, java: runtime.Java) -> subprocess.Popen:
        """Run Neo4j in its own session (it outlives this process), its output in console.log,
        with umask 077 and no environment but what Java needs."""
        command = runtime.java_command(
            runtime.ENTRY_POINT,
            f"--home-dir={self.home}",
            f"--config-dir={self.conf_dir}",
            heap=self.heap,
            java=java,
            server=True,
        )
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.pid_file.parent.mkdir(parents=True, exist_ok=True)
        with open(self.console_log, "ab", opener=private_opener) as console:
            process = subprocess.Popen(
                command,
                cwd=self.home,
                stdin=subprocess.DEVNULL,
                stdout=console,
                stderr=subprocess.STDOUT,
                env=runtime.java_env(),
                umask=UMASK,
                start_new_session=True,
            )
        self.pid_file.write_text(f"{process.pid}\n")
        return process

    def _wait_for_bolt(self, process: subprocess.Popen, timeout: float, marks: LogMarks) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                self.pid_file.unlink(missing_ok=True)
                raise ServerError(explain_failed_start(marks, process.returncode))
            started = any("Started." in line for line in marks.since("neo4j.log"))
            if started and port_accepts(self.listen_host, self.port):
                return
            time.sleep(0.25)
        raise ServerError(
            f"Neo4j did not answer on {self.uri} within {timeout:.0f} s; it is left running "
            f"(pid {process.pid}). Look at {self.log_file}, or stop it with "
            "`actorgraph server stop`."
        )

    def stop(self, timeout: float = 60.0) -> bool:
        """Ask Neo4j to shut down cleanly and wait for it; returns False if it was not running."""
        pid = self.pid()
        if pid is None:
            return False
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not is_alive(pid):
                self.pid_file.unlink(missing_ok=True)
                return True
            time.sleep(0.2)
        os.kill(pid, signal.SIGKILL)
        self.pid_file.unlink(missing_ok=True)
        raise ServerError(
            f"Neo4j (pid {pid}) did not shut down within {timeout:.0f} s and was killed; "
            f"it will recover its store on the next start. See {self.log_file}."
        )

    def tail_logs(self, lines: int = 40) -> str:
        """The last lines of neo4j.log (or the console log if Neo4j died before logging)."""
        text = read_text(self.log_file) or read_text(self.console_log)
        return "\n".join(text.splitlines()[-lines:])
