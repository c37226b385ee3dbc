"""The pieces a local Neo4j needs on this machine: a Java runtime and Neo4j's jars.

Neo4j publishes its server as Maven artifacts. We resolve them once with the system's Maven into
the user's cache, so the first start downloads about 120 MB and later starts use the cache.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..errors import ServerError
from ..settings import cache_dir

DEFAULT_NEO4J_VERSION = "5.26.17"
SUPPORTED_JAVA = (17, 21)
_COMPLETE_MARKER = ".complete"
ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"
JVM_FLAGS = [
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+ExitOnOutOfMemoryError",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
]


@dataclass(frozen=True)
class Java:
    executable: Path
    major: int


def find_java() -> Java:
    """The Java that runs Neo4j: ``$JAVA_HOME/bin/java`` if set, else ``java`` on PATH."""
    java_home = os.environ.get("JAVA_HOME")
    candidate = Path(java_home) / "bin" / "java" if java_home else None
    if candidate is None or not candidate.exists():
        found = shutil.which("java")
        candidate = Path(found) if found else None
    if candidate is None:
        raise ServerError(
            "Neo4j needs Java 17 or 21 and no `java` was found on PATH or in JAVA_HOME. "
            "Install one, e.g. `sudo apt-get install openjdk-17-jre-headless` on Debian/Ubuntu "
            "or `brew install openjdk@17` on macOS, then run the command again."
        )
    proc = subprocess.run([str(candidate), "-version"], capture_output=True, text=True, check=False)
    match = re.search(r'version "(\d+)(?:\.(\d+))?', proc.stderr + proc.stdout)
    if not match:
        raise ServerError(
            f"Could not read the version of Java at {candidate}: {proc.stderr.strip()}"
        )
    major = int(match.group(1))
    if major == 1 and match.group(2):  # "1.8" style
        major = int(match.group(2))
    if major not in SUPPORTED_JAVA:
        raise ServerError(
            f"Neo4j 5.26 runs on Java 17 or 21, but {candidate} is Java {major}. "
            "Install Java 17 (e.g. `sudo apt-get install openjdk-17-jre-headless`) and point "
            "JAVA_HOME at it."
        )
    return Java(candidate, major)


def java_command(
    main: str, *args: str, heap: str, java: Java | None = None, server: bool = False
) -> list[str]:
    """The command line that runs ``main`` from Neo4j's jars (resolved first if needed).

    ``server`` adds the JVM flags Neo4j's own launcher gives the server, and a fixed heap.
    """
    java = java or find_java()
    lib = resolve_jars()
    memory = [f"-Xms{heap}", f"-Xmx{heap}", *JVM_FLAGS] if server else [f"-Xmx{heap}"]
    return [str(java.executable), *memory, "-cp", f"{lib}/*", main, *args]


# What Java and Neo4j's scripts need from the caller's environment; nothing else is passed on
# (the caller may hold NEO4J_PASSWORD or other secrets, readable in /proc/PID/environ).
JAVA_ENV = ("PATH", "HOME", "USER", "LOGNAME", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR",
            "JAVA_HOME")  # fmt: skip


def java_env(**extra: str) -> dict[str, str]:
    """The environment for a Java process of ours: JAVA_ENV from ours, plus ``extra``."""
    return {**{k: v for k, v in os.environ.items() if k in JAVA_ENV}, **extra}


def find_maven() -> Path:
    found = shutil.which("mvn")
    if not found:
        raise ServerError(
            "Maven is needed once, to download Neo4j's jars, and `mvn` was not found on PATH. "
            "Install it (e.g. `sudo apt-get install maven` on Debian/Ubuntu, `brew install maven` "
            "on macOS), then run the command again."
        )
    return Path(found)


def neo4j_version() -> str:
    """The Neo4j version to run; ``ACTORGRAPH_NEO4J_VERSION`` overrides the tested default."""
    version = os.environ.get("ACTORGRAPH_NEO4J_VERSION", DEFAULT_NEO4J_VERSION)
    if not re.fullmatch(r"5\.26\.\d+", version):
        raise ServerError(
            f"ACTORGRAPH_NEO4J_VERSION={version!r} is not a Neo4j 5.26 LTS version "
            "(expected 5.26.N); actorgraph is tested against 5.26 only."
        )
    return version


def jars_dir(version: str) -> Path:
    return cache_dir() / f"neo4j-{version}" / "lib"


def resolve_jars(version: str | None = None) -> Path:
    """Return the folder holding Neo4j's jars, downloading them with Maven the first time.

    The jars are copied into a temporary folder that is renamed into place only when Maven
    succeeded, so an interrupted download never leaves a half-filled cache behind.
    """
    version = version or neo4j_version()
    target = jars_dir(version)
    if (target / _COMPLETE_MARKER).exists():
        return target
    mvn = find_maven()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix="lib-", dir=target.parent))
    with resources.as_file(resources.files(__package__) / "pom.xml") as pom:
        proc = subprocess.run(
            [
                str(mvn),
                "-B",
                "-q",
                "-f",
                str(pom),
                f"-Dneo4j.version={version}",
                "dependency:copy-dependencies",
                f"-DoutputDirectory={staging}",
                "-DincludeScope=runtime",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
    jars = list(staging.glob("*.jar"))
    if proc.returncode != 0 or not jars:
        shutil.rmtree(staging, ignore_errors=True)
        tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-8:])
        raise ServerError(
            f"Maven could not download Neo4j {version} (org.neo4j:neo4j and "
            f"org.neo4j.app:neo4j-server) from Maven Central. Check the network or the proxy "
            f"settings in ~/.m2/settings.xml. Maven said:\n{tail}"
        )
    (staging / _COMPLETE_MARKER).write_text(f"{len(jars)} jars\n")
    if target.exists():
        shutil.rmtree(target)
    staging.rename(target)
    return target
