"""The library called as a notebook calls it: arguments of every shape a notebook holds are
taken as the CLI takes its options, or refused by name (ArgumentError, exit code 2), before
anything is read or written; never a traceback from deep inside, never a silent empty result."""

from __future__ import annotations

import math
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import graph
from graph import Filters, Graph
from graph.errors import ActorGraphError, ArgumentError, ConnectError, QueryError, ResolveError

from .conftest import PANJSHIR, data_snapshot, run_cli

ACLED = Path("tests/data/acled-current-layout.csv")


@pytest.mark.parametrize(
    "given, field, taken",
    [
        ({"as_of": datetime(2021, 9, 1, 13, 30)}, "as_of", date(2021, 9, 1)),
        ({"as_of": np.datetime64("2021-09-01")}, "as_of", date(2021, 9, 1)),
        ({"as_of": np.datetime64("2021-09-01T10:00")}, "as_of", date(2021, 9, 1)),
        ({"as_of": "2021-09-01"}, "as_of", date(2021, 9, 1)),
        ({"around": "NRF", "depth": "2"}, "depth", 2),
        ({"window": "30"}, "window", 30),
        ({"min_confidence": "0.5"}, "min_confidence", 0.5),
        ({"relations": "fights"}, "relations", ["fights"]),
        ({"datasets": ("panjshir",)}, "datasets", ["panjshir"]),
        ({"claimants": "NRF"}, "claimants", ["NRF"]),
    ],
)
def test_filters_take_what_a_notebook_holds(
    given: dict[str, Any], field: str, taken: object
) -> None:
    assert getattr(Filters(**given), field) == taken


@pytest.mark.parametrize(
    "given, said",
    [
        ({"as_of": "01/09/2021"}, "as_of: a day is a date, or text written YYYY-MM-DD"),
        ({"as_of": np.datetime64("NaT")}, "as_of: a day is a date"),
        ({"as_of": 20210901}, "as_of:"),
        ({"min_confidence": 2}, "min_confidence: Input should be less than or equal to 1"),
        ({"min_confidence": math.nan}, "min_confidence: Input should be a finite number"),
        ({"depth": -1}, "depth: Input should be greater than or equal to 0"),
        ({"window": -5}, "window: Input should be greater than or equal to 0"),
        ({"depth": "two"}, "depth: Input should be a valid integer"),
        ({"kinds": [1]}, "kinds.0: Input should be a valid string"),
        ({"params": [1, 2]}, "params: Input should be a valid dictionary"),
        ({"query_timeout": 0}, "query_timeout: Input should be greater than 0"),
        ({"around": 7}, "around: Input should be a valid string"),
        ({"around": " "}, "around: give an id, name or alias, not blank text"),
        ({"as_of": 1630454400}, "as_of: a day is a date"),  # not seconds since 1970
        ({"window": 10**30}, "window: Input should be less than or equal to 100000"),
        ({"query": "as-of", "cypher": "RETURN 1"}, "give query or cypher, not both"),
        ({"depth": 3}, "depth 3 counts steps from around"),
        ({"arround": "NRF"}, "arround: it takes no such field; did you mean around?"),
        ({"around": "NRF", "depth": True}, "depth: give a number, not True or False"),
        ({"min_confidence": np.False_}, "min_confidence: give a number, not True or False"),
    ],
)
def test_filters_refuse_what_they_cannot_take(given: dict[str, Any], said: str) -> None:
    with pytest.raises(ArgumentError) as refused:
        Filters(**given)
    assert str(refused.value).startswith("Filters: " + said), refused.value
    assert refused.value.exit_code == 2


def test_a_field_set_later_is_checked_as_when_made() -> None:
    filters = Filters(around="NRF")
    filters.depth = "3"
    assert filters.depth == 3
    with pytest.raises(ArgumentError, match="Filters: depth: Input should be a valid integer"):
        filters.depth = "abc"
    with pytest.raises(ArgumentError, match="Filters: dpeth: it takes no such field"):
        filters.dpeth = 2  # kept, it would never be read


def test_a_day_as_a_datetime_chooses_what_the_same_date_does(panjshir: Graph) -> None:
    by_date = graph.select(panjshir, Filters(as_of=date(2021, 9, 1)))
    assert by_date.edges  # a datetime used to select nothing (DateTime against Date: null)
    for day in (datetime(2021, 9, 1, 8), np.datetime64("2021-09-01"), "2021-09-01"):
        view = graph.select(panjshir, Filters(as_of=day))
        assert sorted(e["id"] for e in view.edges) == sorted(e["id"] for e in by_date.edges)


def _calls(g: Graph, tmp: Path) -> list[tuple[str, Any]]:
    """(what is refused, the call) for every public function, each with one bad argument."""
    view = graph.select(g, Filters(datasets=["panjshir"]))
    return [
        ("load(): paths: List should have at least 1 item", lambda: graph.load(g, [])),
        ("load(): paths: Input should be a valid list", lambda: graph.load(g, str(PANJSHIR))),
        ("load(): argument 3: it takes 2 by position (graph, paths); give the others by name",
         lambda: graph.load(g, [PANJSHIR], "panjshir")),
        ("load(): batch_size: Input should be greater than or equal to 1",
         lambda: graph.load(g, [PANJSHIR], batch_size=0)),
        ("load(): vocabulary:", lambda: graph.load(g, [PANJSHIR], vocabulary="vocab.yaml")),
        ("check(): paths: Input should be a valid list", lambda: graph.check(g, PANJSHIR)),
        ("check(): contents: other.yaml: not among the files of paths",
         lambda: graph.check(g, [PANJSHIR], contents={Path("other.yaml"): b"x"})),
        ("loads(): limit: Input should be greater than or equal to 0",
         lambda: graph.loads(g, limit=-1)),
        ("select(): graph:", lambda: graph.select(None)),
        ("select(): filters:", lambda: graph.select(g, "NRF")),
        ("actor_view(): graph:", lambda: graph.views.actor_view(view)),
        ("run(): params: Input should be a valid dictionary",
         lambda: graph.run(g, "RETURN 1 AS n", [1, 2])),
        ("run(): statement: Input should be a valid string", lambda: graph.run(g, None)),
        ("run(): timeout: Input should be greater than 0",
         lambda: graph.run(g, "RETURN 1 AS n", timeout=-1)),
        ("run(): limit: Input should be greater than or equal to 0",
         lambda: graph.run(g, "RETURN 1 AS n", limit=-2)),
        ("run_named(): params: Input should be a valid dictionary",
         lambda: graph.run_named(g, "supporters-of", ["NRF"])),
        ("diff(): since:", lambda: graph.diff(view, "last August", "2021-09-30")),
        ("timeline(): actor: Input should be a valid string", lambda: graph.timeline(view, 5)),
        ("export(): out:", lambda: graph.export(view, "json", None)),
        ("balance(): view: Input should be an instance of View",
         lambda: graph.balance({"nodes": [{"id": "a"}], "edges": [{"from": "a"}]})),
        ("write_timeline(): items.0.type: Field required",
         lambda: graph.views.write_timeline([{}], tmp / "t.html")),
        ("write_html(): path:", lambda: graph.write_html(view, None)),
        ("write_timeline(): items: Input should be a valid list",
         lambda: graph.views.write_timeline("x", tmp / "t.html")),
        ("balance(): time_limit: Input should be greater than 0",
         lambda: graph.balance(view, time_limit=-1)),
        ("centrality(): include_status.0: Input should be a valid string",
         lambda: graph.centrality(view, include_status=[1])),
        ("connect(): uri: Input should be a valid string", lambda: graph.connect(uri=7687)),
        ("select(): filters.arond: it takes no such argument",
         lambda: graph.select(g, {"arond": "NRF"})),
        ("loads(): limit: Input should be less than or equal to 9223372036854775807",
         lambda: graph.loads(g, 10**20)),
        ("import_acled(): dryrun: it takes no such argument",
         lambda: graph.loader.import_acled(g, ACLED, dryrun=True)),
        ("import_acled(): batch_size: Input should be greater than or equal to 1",
         lambda: graph.loader.import_acled(g, ACLED, batch_size=0)),
        ("import_acled(): reader_options.zzz: it takes no such argument",
         lambda: graph.loader.import_acled(g, ACLED, reader_options={"zzz": 5})),
        ("import_acled(): grades: Input should be a dictionary or an instance of Grades",
         lambda: graph.loader.import_acled(g, ACLED, grades="B")),
        ("import_ucdp_ged(): wait: Input should be greater than or equal to 0",
         lambda: graph.loader.import_ucdp_ged(g, ACLED, wait=-1)),
    ]  # fmt: skip


def test_every_public_function_refuses_a_bad_argument_by_name(
    panjshir: Graph, tmp_path: Path
) -> None:
    before = data_snapshot(panjshir)
    for said, call in _calls(panjshir, tmp_path):
        with pytest.raises(ArgumentError) as refused:
            call()
        assert str(refused.value).startswith(said), (said, str(refused.value))
    assert data_snapshot(panjshir) == before
    assert list(tmp_path.iterdir()) == []


def test_arguments_in_a_notebooks_shapes_are_taken(panjshir: Graph, tmp_path: Path) -> None:
    report = graph.load(panjshir, (p for p in [str(PANJSHIR)]), recheck=True)  # a generator
    assert report.total("updated") == 0
    rows = graph.run(panjshir, "UNWIND range(1, 5) AS n RETURN n", limit="2").rows
    assert [row["n"] for row in rows] == [1, 2]
    view = graph.select(panjshir, {"around": "NRF", "depth": "1"})  # a dict for the filters
    assert view.center == "nrf"
    assert graph.balance(view, include_status="speculated").blocs  # a status, not 10 letters
    changes = graph.diff(view, "2021-08-01", datetime(2021, 9, 30))
    assert set(changes) >= {"began", "ended"}
    with graph.connect(read_only="false") as g:
        assert g.read_only is False
    plain = list(graph.run_named(panjshir, "supporters-of", {"actor": "NRF"}).rows)
    column = {"actor": "NRF", "datasets": np.array(["panjshir"])}  # a pandas column's values
    assert list(graph.run_named(panjshir, "supporters-of", column).rows) == plain
    with pytest.raises(QueryError, match="None names no entity"):
        graph.run_named(panjshir, "supporters-of", {"actor": None})
    exact = {"actor": "NRF", "min_confidence": Decimal("0.3")}  # a notebook's exact decimal
    assert list(graph.run_named(panjshir, "supporters-of", exact).rows)
    for written in ("１", "1_0"):  # Python's int() reads them; nothing else would
        with pytest.raises(QueryError, match=r"parameter window: .* is not a valid"):
            graph.run_named(panjshir, "as-of", {"date": "2021-09-01", "window": written})
    assert {"connect", "load", "select", "views"} <= set(dir(graph))  # completion offers them
    edited = b"dataset: edited\nactors: [{id: e1, name: E1, kind: person}]\n"
    relative = PANJSHIR.relative_to(Path.cwd()) if PANJSHIR.is_relative_to(Path.cwd()) else None
    for key in (PANJSHIR.resolve(), str(PANJSHIR), relative):  # the same file, named any way
        if key is not None:
            checked = graph.check(None, [PANJSHIR], contents={key: edited})
            assert [e.id for e in checked.entities] == ["e1"]


def test_the_timeline_of_an_actor_is_found_by_name_as_in_the_cli(panjshir: Graph) -> None:
    view = graph.select(panjshir)
    by_id = graph.timeline(view, actor="nrf")
    assert by_id
    assert graph.timeline(view, actor="NRF") == by_id  # used to be [] for a name
    assert graph.timeline(view, actor="National Resistance Front") == by_id
    with pytest.raises(ResolveError, match=r"Among the view's actors, no actor is called 'Nobody'"):
        graph.timeline(view, actor="Nobody")


def test_a_closed_connection_says_so(panjshir: Graph) -> None:
    g = graph.connect()
    g.close()
    for call in (lambda: g.read("RETURN 1 AS n"), g.verify, lambda: graph.select(g)):
        with pytest.raises(ConnectError, match=r"is closed .* open another with graph.connect"):
            call()
    assert issubclass(ConnectError, ActorGraphError)


def test_a_number_beyond_neo4js_integers_is_bad_input_not_a_crash(panjshir: Graph) -> None:
    for args in (["query", "RETURN 1 AS n", "--timeout", "1e300"],
                 ["query", "-n", "as-of", "-p", "date=2021-09-01", "--limit", "1" + "0" * 20],
                 ["render", "--as-of", "2021-09-01", "--window", "1" + "0" * 20]):  # fmt: skip
        refused = run_cli(*args)
        assert refused.returncode == 2, (args, refused.stderr)
        assert "Traceback" not in refused.stderr and "internal error" not in refused.stderr
    with pytest.raises(ActorGraphError, match="beyond its 64-bit integers"):
        graph.run(panjshir, "RETURN $a AS a", {"a": 10**30})
    with pytest.raises(ActorGraphError, match="a value Neo4j cannot take"):
        graph.run(panjshir, "RETURN $a AS a", {"a": {1, 2}})
