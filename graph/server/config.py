"""The local server's ``conf/neo4j.conf``: written from our settings on every start."""

from __future__ import annotations

import warnings
from pathlib import Path

LOOPBACK = ("127.0.0.1", "localhost", "::1")


class ExposedServerWarning(UserWarning):
    """The local server was told to listen beyond this machine."""


class PrivacyWarning(UserWarning):
    """Other users of this machine could read the server's files or password (or could until
    now: the home was made owner-only)."""


def write_config(
    conf_dir: Path,
    *,
    listen_address: str,
    listen_host: str,
    exposed: bool,
    port: int,
    pagecache: str,
) -> None:
    """Write conf/neo4j.conf from the server's settings; conf/user.conf is appended untouched.

    ``listen_address`` is where Neo4j listens, ``listen_host`` where this machine reaches it.
    """
    conf_dir.mkdir(parents=True, exist_ok=True)
    if exposed:
        warnings.warn(
            f"Neo4j will listen on {listen_address}: other machines that can reach "
            f"this one can connect to port {port} (authentication stays on, traffic is "
            "not encrypted). Start with --listen 127.0.0.1 to keep it local.",
            ExposedServerWarning,
            stacklevel=3,
        )
    lines = [
        "# Written by actorgraph on every start; put your own settings in user.conf.",
        f"server.default_listen_address={listen_address}",
        f"server.bolt.listen_address=:{port}",
        f"server.bolt.advertised_address={listen_host}:{port}",
        "server.http.enabled=false",
        "server.https.enabled=false",
        "dbms.security.auth_enabled=true",
        f"server.memory.pagecache.size={pagecache}",
        "dbms.usage_report.enabled=false",
        "db.tx_log.rotation.retention_policy=1 days",
        "# LOAD CSV reads nothing: actorgraph reads dataset files itself. No file URLs (they",
        "# could read any file the server can, its password included) and no network address",
        "# (a query could send data out). Override in user.conf if you must.",
        "dbms.security.allow_csv_import_from_file_urls=false",
        "internal.dbms.cypher_ip_blocklist=0.0.0.0/0,::/0",
    ]
    user_conf = conf_dir / "user.conf"
    if user_conf.exists():
        lines += ["", "# From user.conf", user_conf.read_text()]
    (conf_dir / "neo4j.conf").write_text("\n".join(lines) + "\n")
