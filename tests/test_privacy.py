"""What another user of the machine can read, and files other tools must be able to read.

Exports, dumps and pages hold evidence and sources: they are written owner-only (0600, new
folders 0700) and whole or not at all. A password file others can read, or that is a symbolic
link, is warned about; a dangling one is a clear error. GraphML and GEXF stay valid XML when the
data holds control characters (checked with lxml, a strict parser, and networkx).
"""

from __future__ import annotations

import json
import os
import stat
import warnings
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree

from graph import Graph, LocalServer, ServerError
from graph.loader import load
from graph.server import PrivacyWarning, free_port

from .conftest import run_cli

CONTROL = (
    'dataset: ctl\nsources:\n  - {id: s, title: "T\\x01itle \\e[31m", reliability: C}\n'
    'actors:\n  - {id: a, name: "Esc\\e]0;x\\a Gr\\x0boup", kind: armed_group}\n'
    '  - {id: b, name: "B\\uFFFE", kind: armed_group}\n'
    "relations:\n  - {from: a, term: fights, to: b, claimant: b, sources: [s],"
    " evidence: \"x\\x01y\\x1f\", credibility: 3, confidence: 0.5, since: '2021'}\n"
)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def control(db: Graph, tmp_path: Path) -> Graph:
    path = tmp_path / "ctl.yaml"
    path.write_text(CONTROL)
    load(db, [path])
    return db


def test_exports_dumps_and_pages_are_owner_only(control: Graph, tmp_path: Path) -> None:
    out = tmp_path / "new" / "folder"
    runs = [
        run_cli("export", "-o", "json", "--out", str(out / "g.json")),
        run_cli("export", "-o", "csv", "--out", str(out / "csv")),
        run_cli("export", "-o", "graphml", "--out", str(out / "g.graphml")),
        run_cli("export", "-o", "gexf", "--out", str(out / "g.gexf")),
        run_cli("export", "-o", "cypher", "--out", str(out / "g.cypher")),
        run_cli("dump", str(out / "dump.jsonl")),
        run_cli("render", "--out", str(out / "page.html")),
        run_cli("analyze", "timeline", "--html", str(out / "timeline.html")),
    ]
    for result in runs:
        assert result.returncode == 0, result.stdout + result.stderr
    files = [p for p in (tmp_path / "new").rglob("*") if p.is_file()]
    assert len(files) == 13  # 5 CSV files and dataset.yaml
    assert {mode(p) for p in files} == {0o600}
    assert {mode(p) for p in [tmp_path / "new", out, out / "csv"]} == {0o700}
    assert not list(out.glob(".*")), "no temporary file is left beside the exports"


def test_an_existing_folder_keeps_its_mode(control: Graph, tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    os.chmod(shared, 0o755)
    assert run_cli("export", "-o", "json", "--out", str(shared / "g.json")).returncode == 0
    assert mode(shared) == 0o755 and mode(shared / "g.json") == 0o600
    os.chmod(shared / "g.json", 0o644)  # the user opened it to others: written again, it stays
    assert run_cli("export", "-o", "json", "--out", str(shared / "g.json")).returncode == 0
    assert mode(shared / "g.json") == 0o644
    os.chmod(shared / "g.json", 0o4755)  # but never setuid nor executable
    assert run_cli("export", "-o", "json", "--out", str(shared / "g.json")).returncode == 0
    assert mode(shared / "g.json") == 0o644
    assert run_cli("export", "-o", "csv", "--out", str(shared / "csv")).returncode == 0
    os.chmod(shared / "csv" / "actors.csv", 0o640)  # each file of a CSV export likewise
    assert run_cli("export", "-o", "csv", "--out", str(shared / "csv")).returncode == 0
    assert mode(shared / "csv" / "actors.csv") == 0o640
    assert mode(shared / "csv" / "relations.csv") == 0o600


def test_a_file_of_a_group_its_writer_cannot_give_becomes_owner_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page 0640 for a team, written again by its owner, keeps that group; when the system
    refuses the owner that group (not in the team), it is not left 0640 for the owner's own
    group, but owner-only. (The refusal is the system's: here it is made to refuse.)"""
    from graph.files import keep_mode

    page, new = tmp_path / "page.html", tmp_path / ".new"
    page.write_text("old")
    os.chmod(page, 0o640)
    fields = list(page.stat())
    fields[stat.ST_GID] += 1  # of a team: another group than the new file's
    team = os.stat_result(fields)
    given = []
    monkeypatch.setattr(os, "chown", lambda path, uid, gid: given.append(gid))
    new.write_text("new")
    keep_mode(new, team)
    assert (given, mode(new)) == ([team.st_gid], 0o640)

    def refused(path: Path, uid: int, gid: int) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "chown", refused)
    keep_mode(new, team)
    assert mode(new) == 0o600
    fields[stat.ST_UID] += 1  # another user's file: what is written is the writer's, 0600
    os.chmod(new, 0o600)
    keep_mode(new, os.stat_result(fields))
    assert mode(new) == 0o600


def test_graphml_and_gexf_with_control_characters_are_valid_xml(control: Graph, tmp_path: Path):
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        path = tmp_path / f"g.{fmt}"
        result = run_cli("export", "-o", fmt, "--out", str(path))
        assert result.returncode == 0, result.stderr
        # said: two actors' names and the relation's evidence
        assert "Note: 3 of the nodes and relations hold control characters" in result.stderr
        etree.parse(str(path), etree.XMLParser(recover=False))  # raises on any invalid byte
        labels = {data["label"] for _, data in read(path).nodes(data=True)}
        assert "Esc\\x1b]0;x\\x07 Gr\\x0boup" in labels and "B\\ufffe" in labels


def test_a_readable_or_linked_password_file_is_warned_about(tmp_path: Path) -> None:
    config = tmp_path / "config"
    config.mkdir(mode=0o755)
    os.chmod(config, 0o755)
    real = config / "real-password"
    real.write_text("secret\n")
    os.chmod(real, 0o644)
    link = config / "neo4j-password"
    link.symlink_to(real)
    env = {"ACTORGRAPH_HOME": str(tmp_path / "data"), "ACTORGRAPH_CONFIG_DIR": str(config)}
    status = run_cli("server", "status", env=env)
    assert status.returncode == 3
    assert f"password folder {config} is open to other users (mode 0755)" in status.stderr
    assert f"password file {link} is a symbolic link (to {real})" in status.stderr
    link.unlink()
    real.rename(link)
    status = run_cli("server", "status", env=env)
    assert f"run `chmod 600 {link}`" in status.stderr


def test_a_dangling_password_link_is_a_clear_error(tmp_path: Path) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "neo4j-password").symlink_to(tmp_path / "gone")
    env = {"ACTORGRAPH_HOME": str(tmp_path / "data"), "ACTORGRAPH_CONFIG_DIR": str(config),
           "PORT": str(free_port())}  # fmt: skip
    result = run_cli("server", "start", "--port", env["PORT"], env=env)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "is a symbolic link to" in result.stderr and "which does not exist" in result.stderr
    assert "internal error" not in result.stderr
    assert not (tmp_path / "data" / "neo4j" / "run").exists()


def test_a_home_open_to_others_is_closed_and_said_so(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    os.chmod(home, 0o755)
    # A heap too small to start: the home is dealt with before Java runs, and nothing waits.
    server = LocalServer(home=home, password_file=tmp_path / "pw", port=free_port(), heap="24m")
    with warnings.catch_warnings(record=True) as seen, pytest.raises(ServerError):
        warnings.simplefilter("always")
        server.start(timeout=60)
    notes = [str(w.message) for w in seen if issubclass(w.category, PrivacyWarning)]
    assert notes == [
        f"Made the server's home {home} owner-only (it was 0755), so other users "
        "of this machine cannot read the database, its logs or dumps kept there."
    ]
    assert mode(home) == 0o700
    fresh = LocalServer(home=tmp_path / "new" / "home", password_file=tmp_path / "pw2",
                        port=free_port(), heap="24m")  # fmt: skip
    with pytest.raises(ServerError):
        fresh.start(timeout=60)
    assert mode(fresh.home) == 0o700


def test_a_dangling_password_link_is_named_by_every_command(tmp_path: Path) -> None:
    """Set up, then the link broken: not "no server has been set up", but what is wrong."""
    home, config = tmp_path / "data" / "neo4j", tmp_path / "config"
    home.mkdir(parents=True)
    config.mkdir()
    (home / "actorgraph-server.json").write_text(json.dumps({"port": free_port()}))
    (config / "neo4j-password").symlink_to(tmp_path / "gone")
    env = {"ACTORGRAPH_HOME": str(tmp_path / "data"), "ACTORGRAPH_CONFIG_DIR": str(config)}
    for args in (["info"], ["query", "RETURN 1"]):
        result = run_cli(*args, env=env)
        assert result.returncode == 1 and "which does not exist" in result.stderr, result.stderr
    status = run_cli("server", "status", env=env)
    assert "is a symbolic link to" in status.stderr and "which does not exist" in status.stderr


@pytest.mark.parametrize("fmt", ["json", "graphml", "cypher", "csv"])
def test_output_that_cannot_be_written_is_a_clear_error(control: Graph, tmp_path: Path, fmt):
    folder = tmp_path / "a-folder"
    (folder / ("actors.csv" if fmt == "csv" else "")).mkdir(parents=True)
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    for out in (folder, a_file / "x"):
        result = run_cli("export", "-o", fmt, "--out", str(out))
        assert result.returncode == 2, result.stdout + result.stderr  # the path must change
        assert "Cannot write" in result.stderr and "internal error" not in result.stderr
    assert sorted(p.name for p in folder.iterdir()) == (["actors.csv"] if fmt == "csv" else [])
    long_name = tmp_path / ("n" * 240 + ".json")  # a valid name; no longer too long with .part
    assert run_cli("export", "-o", "json", "--out", str(long_name)).returncode == 0


def test_a_link_is_written_through_and_a_pipe_is_refused(control: Graph, tmp_path: Path) -> None:
    """Output moved into place must not replace what is not a file: a pipe (or, as root, a
    device such as /dev/full) would become an ordinary file, and a link a copy."""
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "target.json"
    target.write_text("old")
    link = folder / "link.json"
    link.symlink_to(target)
    for args in (
        ["export", "-o", "json", "--out", str(link)],
        ["dump", str(link)],
        ["dump", "--out", str(link)],
    ):
        result = run_cli(*args)
        assert result.returncode == 0, result.stderr
        assert link.is_symlink() and target.read_text() != "old"
        target.write_text("old")
    pipe = folder / "pipe"
    os.mkfifo(pipe)
    for args in (
        ["export", "-o", "json", "--out", str(pipe)],
        ["render", "--out", str(pipe)],
        ["dump", str(pipe)],
        ["export", "-o", "csv", "--out", str(pipe)],  # a folder of files: not a pipe either
    ):
        result = run_cli(*args)
        assert result.returncode == 2, result.stdout + result.stderr
        assert f"{pipe}: it is a pipe" in result.stderr, result.stderr
        assert stat.S_ISFIFO(pipe.lstat().st_mode)
    assert sorted(p.name for p in folder.iterdir()) == ["link.json", "pipe", "target.json"]
