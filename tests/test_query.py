"""Cypher through actorgraph: named queries on the Panjshir data, safety, formats, errors."""

from __future__ import annotations

import csv
import io
import json
import random
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import neo4j.time
import networkx as nx
import numpy as np
import pytest

from graph import Filters, Graph, QueryError, select
from graph import query as q

from .conftest import run_cli, snapshot


def named(graph: Graph, name: str, **params) -> list[dict]:
    return q.rows(q.run_named(graph, name, params))


def test_supporters_of_accepts_an_alias_and_lists_grades(panjshir: Graph) -> None:
    rows = named(panjshir, "supporters-of", actor="Resistance in Panjshir")
    assert [(r["supporter_id"], r["subtype"], r["credibility"], r["confidence"]) for r in rows] == [
        ("tajikistan", "logistics", 4, 0.3),
        ("uzbekistan", "logistics", 4, 0.3),
        ("russia", None, 4, 0.2),
    ]
    assert rows[0]["sources"] == ["src-article (D)"] and rows[0]["claimant"] == "article-author"
    strong = named(panjshir, "supporters-of", actor="Northern Alliance", min_confidence=0.5)
    assert sorted(r["supporter_id"] for r in strong) == ["india", "iran", "russia", "tajikistan"]


def test_opponents_of_lists_hostile_relations_both_ways(panjshir: Graph) -> None:
    rows = named(panjshir, "opponents-of", actor="Russia")
    assert [(r["opponent_id"], r["term"], r["direction"]) for r in rows] == [
        ("taliban", "opposes", "outgoing")
    ]
    saleh = named(panjshir, "opponents-of", actor="Amrullah Salih")
    assert [(r["opponent_id"], r["term"], r["direction"]) for r in saleh] == [
        ("taliban", "opposes", "incoming")
    ]


def test_relations_of_covers_both_directions(panjshir: Graph) -> None:
    rows = named(panjshir, "relations-of", actor="Ahmed Masood")
    found = {(r["direction"], r["term"], r["other_id"]) for r in rows}
    assert found == {
        ("outgoing", "child_of", "ahmad-shah-massoud"),
        ("outgoing", "leads", "nrf"),
        ("incoming", "loyal_to", "tajiks"),
    }
    mutual = named(panjshir, "relations-of", actor="taliban")
    assert ("mutual", "fights", "nrf") in {
        (r["direction"], r["term"], r["other_id"]) for r in mutual
    }


def test_path_walks_only_the_chosen_relation_types(panjshir: Graph) -> None:
    ends = {"from": "Ahmed Masood", "to": "Russia"}
    rows = named(panjshir, "path", **ends, include_status="speculated")
    assert [(r["hops"], r["path"]) for r in rows] == [
        (
            2,
            "Ahmad Massoud -[leads]-> National Resistance Front of Afghanistan <-[supports]- Russia",
        )
    ]
    # That support is only speculated: held as fact, the way goes through Russia's clients.
    held = named(panjshir, "path", **ends, types="leads,supports")
    assert [(r["hops"], r["names"][2]) for r in held] == [(3, "Tajikistan"), (3, "Uzbekistan")]
    via = named(
        panjshir,
        "path",
        **{"from": "ahmad-massoud", "to": "india", "types": "child_of,leads,supports"},
    )
    assert [r["terms"] for r in via] == [["child_of", "leads", "supports"]]
    assert via[0]["names"][1:3] == ["Ahmad Shah Massoud", "Northern Alliance"]
    # two names of one actor: the path of no step, not Neo4j's refusal of a shortest path
    same = named(
        panjshir, "path", **{"from": "NRF", "to": "National Resistance Front of Afghanistan"}
    )
    assert [(r["hops"], r["terms"], r["path"]) for r in same] == [
        (0, [], "National Resistance Front of Afghanistan")
    ]
    # a misspelt term is refused, not read as "no path"; a type in capitals is a term's
    with pytest.raises(QueryError, match=r"parameter types 'suports'.*Did you mean 'supports'"):
        named(panjshir, "path", **ends, types="leads,suports")
    assert named(panjshir, "path", **ends, types="leads,SUPPORTS") == held
    refused = run_cli("query", "-n", "brokers", "-p", "types=figths")
    assert refused.returncode == 2 and "Did you mean 'fights'" in refused.stderr
    for typed in ("types:int=3", "types:json=[1]", "datasets:json={}"):  # not lists of texts
        refused = run_cli("query", "-n", "path", "-p", "from=NRF", "-p", "to=Taliban", "-p", typed)
        assert refused.returncode == 2 and "is not a list of texts" in refused.stderr, typed
    listed = named(panjshir, "path", **ends, types=["leads", "supports"])  # as a notebook does
    assert listed == held


# path as it was before it searched every relation first: each relation tested on the way
_PATH_TESTED_ON_THE_WAY = """\
// Shortest paths, each relation tested as the search walks it (the reference).
// @param from: entity
// @param to: entity
// @param types: terms = []
// @param datasets: list = []
// @param exclude_datasets: list = []
// @param claimants: entities = []
// @param exclude_claimants: entities = []
// @param include_status: statuses = []
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
WHERE a <> b
MATCH p = allShortestPaths((a)-[*..8]-(b))
WHERE all(r IN relationships(p) WHERE @walked)
RETURN [n IN nodes(p) | n.id] AS ids, [r IN relationships(p) | r.term] AS terms
"""


def test_path_gives_the_paths_a_search_testing_every_relation_gives(
    panjshir: Graph, tmp_path: Path
) -> None:
    """path looks first for the shortest paths over every relation and keeps those whose
    relations pass its tests; only when none does, it searches again testing each relation.
    The same paths as testing on the way, for pairs whose shortest way is speculated, of a
    dataset left out or of a claimant left out, for every filter; and past the 1,000 paths
    the first search keeps."""
    from graph.loader import load

    rng = random.Random(20)
    statuses = ["", "", "", "speculated", "denied"]
    with open(tmp_path / "actors.csv", "w") as out:
        out.write("id,name,kind\n" + "".join(f"p{i},Party {i},armed_group\n" for i in range(30)))
    for dataset in ("west", "east"):  # the second one's relations join the first one's actors
        with open(tmp_path / f"{dataset}-relations.csv", "w") as out:
            out.write("id,from,term,to,claimant,status,sources,evidence,credibility,confidence\n")
            for i in range(50):
                a, b = rng.sample(range(30), 2)
                row = [f"{dataset}-{i}", f"p{a}", rng.choice(["fights", "supports"]), f"p{b}",
                       f"p{rng.randrange(3)}", rng.choice(statuses), "src-article", "Said.",
                       "3", "0.5"]  # fmt: skip
                out.write(",".join(row) + "\n")
        files = [tmp_path / "actors.csv"] if dataset == "west" else []
        load(panjshir, [*files, tmp_path / f"{dataset}-relations.csv"], dataset=dataset)
    (tmp_path / "queries").mkdir()
    (tmp_path / "queries" / "tested.cypher").write_text(_PATH_TESTED_ON_THE_WAY)
    pairs = [rng.sample(range(30), 2) for _ in range(8)]
    every = {  # the length of each pair's shortest way over every relation
        (a, b): [
            row["hops"]
            for row in panjshir.read(
                "MATCH (a:Entity {id: $a}), (b:Entity {id: $b}) "
                "MATCH p = shortestPath((a)-[*..8]-(b)) RETURN length(p) AS hops",
                {"a": f"p{a}", "b": f"p{b}"},
            )
        ]
        for a, b in pairs
    }
    shorter = 0  # pairs whose shortest way over every relation does not pass the tests
    for filters in ({}, {"include_status": "speculated"}, {"exclude_datasets": ["east"]},
                    {"exclude_claimants": ["p0"]}, {"datasets": ["west"]},
                    {"types": "fights"}):  # fmt: skip
        for a, b in pairs:
            ends = {"from": f"p{a}", "to": f"p{b}"} | filters
            found = q.rows(q.run_named(panjshir, "path", ends))
            tested = q.rows(
                q.run_named(panjshir, "tested", ends, extra_dirs=[tmp_path / "queries"])
            )
            assert sorted((r["names"], r["terms"]) for r in found) == sorted(
                ([f"Party {i[1:]}" for i in r["ids"]], r["terms"]) for r in tested
            ), ends
            shorter += every[a, b] != [r["hops"] for r in found[:1]]
    assert shorter >= 10
    # Four claims on each of five steps: 1,024 shortest paths, past the 1,000 the first search
    # keeps; then the search that tests on the way gives them all, or the 32 held as fact.
    with open(tmp_path / "chain-actors.csv", "w") as out:
        out.write("id,name,kind\n" + "".join(f"k{i},Link {i},armed_group\n" for i in range(6)))
    with open(tmp_path / "chain-relations.csv", "w") as out:
        out.write("id,from,term,to,claimant,status,sources,evidence,credibility,confidence\n")
        for step in range(5):
            for claim in range(4):
                status = "speculated" if claim % 2 else ""
                out.write(f"c{step}-{claim},k{step},fights,k{step + 1},k0,{status},src-article,"
                          "Said.,3,0.5\n")  # fmt: skip
    load(panjshir, [tmp_path / "chain-actors.csv", tmp_path / "chain-relations.csv"],
         dataset="chain")  # fmt: skip
    for filters, paths in (({"include_status": "speculated"}, 1024), ({}, 32)):
        ends = {"from": "k0", "to": "k5"} | filters
        found = q.rows(q.run_named(panjshir, "path", ends))
        tested = q.rows(q.run_named(panjshir, "tested", ends, extra_dirs=[tmp_path / "queries"]))
        assert len(found) == len(tested) == paths, (filters, len(found), len(tested))


def test_negotiations_show_outcome_and_claimant(panjshir: Graph) -> None:
    rows = named(panjshir, "negotiations")
    assert [(r["party"], r["term"], r["counterpart"], r["outcome"], r["claimant"], r["held"])
            for r in rows] == [
        ("National Resistance Front of Afghanistan", "negotiates_with", "Taliban", "failed", "amir-khan-muttaqi", "reported"),
        ("National Resistance Front of Afghanistan", "negotiates_with", "Taliban", "failed", "article-author", "asserted"),
        ("Taliban", "requests_mediation_from", "Russia", None, "article-author", "asserted"),
        # "unlikely to offer its good offices": a mediation the author expects not to happen
        ("Russia", "mediates", "National Resistance Front of Afghanistan", None, "article-author", "denied"),
        ("Russia", "mediates", "Taliban", None, "article-author", "denied"),
    ]  # fmt: skip


def test_as_of_keeps_relations_in_force_on_the_date(panjshir: Graph) -> None:
    september = named(panjshir, "as-of", date="2021-09-01")
    assert len(september) == 38
    # The speculated support of Russia is no relation in force, unless asked for.
    speculated = named(panjshir, "as-of", date="2021-09-01", include_status="speculated")
    assert [(r["from"], r["term"], r["to"]) for r in speculated if r not in september] == [
        ("Russia", "supports", "National Resistance Front of Afghanistan")
    ]
    terms = {(r["from"], r["term"], r["to"]) for r in september}
    assert ("Tajikistan", "supports", "National Resistance Front of Afghanistan") in terms
    assert ("India", "supports", "Northern Alliance") not in terms
    nineties = named(panjshir, "as-of", date="1995-06-01")
    assert {(r["from"], r["term"]) for r in nineties} == {
        ("India", "supports"), ("Iran", "supports"), ("Russia", "supports"),
        ("Tajikistan", "supports"), ("Ahmad Shah Massoud", "leads"), ("Northern Alliance", "fights"),
        ("Taliban", "attacks"),
    }  # fmt: skip
    assert len(named(panjshir, "as-of", date="2021-09-01", include_undated="true")) > 38


def test_claims_disputed_puts_contradicting_claims_side_by_side(panjshir: Graph) -> None:
    rows = named(panjshir, "claims-disputed")
    assert [(r["claimant"], r["counter_claimant"]) for r in rows] == [
        ("taliban", "article-author"),  # who broke the ceasefire
        ("taliban", "ali-maisam-nazary"),
        ("article-author", "article-author"),  # the article's "dozens" against its headline
        ("article-author", "nrf"),  # and against the tweet's 350 casualties
        ("taliban", "ali-maisam-nazary"),  # who attacked first
        ("taliban", "article-author"),
        ("article-author", "panjshir-global-media"),  # who controls the valley
    ]
    assert rows[0]["claim"].startswith("National Resistance Front of Afghanistan breached")
    assert rows[0]["counter_claim"].startswith("Taliban breached")


def test_sources_lists_what_each_backs(panjshir: Graph) -> None:
    rows = named(panjshir, "sources")
    # Every claim rests on the article: 72 cite it, 13 came through the quotes it carried.
    assert [(r["source"], r["reliability"], r["claims"], r["cited"]) for r in rows] == [
        ("src-article", "D", 85, 72),
        ("src-analyst-background", "B", 14, 14),
        ("src-nrf-tweet", "D", 8, 8),
        ("src-nazary-statement", "D", 2, 2),
        ("src-taliban-statement", "D", 2, 2),
        ("src-muttaqi-statement", "C", 1, 1),
    ]
    assert len(rows[0]["examples"]) == 3


def test_external_backers_are_states_and_agencies_behind_armed_groups(panjshir: Graph) -> None:
    rows = named(panjshir, "external-backers")
    assert [(r["backer"], r["group"], r["subtype"]) for r in rows] == [
        ("Russia", "National Resistance Front of Afghanistan", None),
        ("Tajikistan", "National Resistance Front of Afghanistan", "logistics"),
        ("Uzbekistan", "National Resistance Front of Afghanistan", "logistics"),
        ("India", "Northern Alliance", None),
        ("Iran", "Northern Alliance", None),
        ("Russia", "Northern Alliance", None),
        ("Tajikistan", "Northern Alliance", None),
    ]


def test_brokers_match_networkx_betweenness(panjshir: Graph) -> None:
    rows = named(panjshir, "brokers", limit=5)
    assert [r["id"] for r in rows] == [
        "nrf",
        "northern-alliance",
        "taliban",
        "amrullah-saleh",
        "ahmad-massoud",
    ]
    # Claims only speculated, forecast or denied are not ties (Russia's support of the NRF).
    ties = panjshir.read(
        "MATCH (a:Actor)-[r]-(b:Actor) WHERE NOT r.status IN ['speculated', 'forecast', "
        "'denied'] OR r.status IS NULL RETURN a.id AS a, b.id AS b"
    )
    network = nx.Graph()
    network.add_nodes_from(r["id"] for r in panjshir.read("MATCH (a:Actor) RETURN a.id AS id"))
    network.add_edges_from((t["a"], t["b"]) for t in ties)
    expected = nx.betweenness_centrality(network, normalized=False)
    for row in rows:
        assert row["betweenness"] == pytest.approx(expected[row["id"]], abs=1e-3)


def test_writes_are_refused_without_write_and_nothing_changes(panjshir: Graph) -> None:
    before = snapshot(panjshir)
    result = run_cli("query", "MATCH (n:Entity {id: 'taliban'}) DETACH DELETE n")
    assert result.returncode == 2
    assert "read-only by default" in result.stderr and "--write" in result.stderr
    assert snapshot(panjshir) == before
    allowed = run_cli(
        "query", "--write", "CREATE (:Note {text: 'ok'}) RETURN 1 AS done", "-o", "json"
    )
    assert allowed.returncode == 0 and json.loads(allowed.stdout)["rows"] == [{"done": 1}]


@pytest.mark.parametrize(
    "hostile", ["' OR 1=1 //", "}) DETACH DELETE n //", "taliban'})-[r]-() DELETE r //"]
)
def test_parameters_carrying_cypher_are_plain_values(panjshir: Graph, hostile: str) -> None:
    before = snapshot(panjshir)
    result = run_cli(
        "query",
        "MATCH (n:Entity) WHERE n.id = $id RETURN count(n) AS n",
        "-p",
        f"id={hostile}",
        "-o",
        "json",
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["rows"] == [{"n": 0}]
    named_run = run_cli("query", "--name", "relations-of", "-p", f"actor={hostile}")
    assert named_run.returncode == 2 and "no actor, place or event is called" in named_run.stderr
    assert snapshot(panjshir) == before


STATEMENT = (
    "MATCH (s:State)-[r:SUPPORTS]->(g) WHERE r.since = $since "
    "RETURN s.name AS state, g.id AS group, r.confidence AS confidence, r.sources AS sources, "
    "r.until AS until, s AS node ORDER BY state"
)


def test_json_jsonl_and_csv_parse_and_round_trip_the_values(panjshir: Graph) -> None:
    expected = [
        (r["state"], r["group"], r["confidence"], r["sources"])
        for r in q.rows(q.run(panjshir, STATEMENT, {"since": "2021-08"}))
    ]
    assert len(expected) == 3
    as_json = run_cli("query", STATEMENT, "-p", "since=2021-08", "-o", "json")
    document = json.loads(as_json.stdout)
    assert document["columns"] == ["state", "group", "confidence", "sources", "until", "node"]
    assert [
        (r["state"], r["group"], r["confidence"], r["sources"]) for r in document["rows"]
    ] == expected
    assert document["rows"][0]["node"]["_labels"] == ["Actor", "Entity", "State"]
    as_jsonl = run_cli("query", STATEMENT, "-p", "since=2021-08", "-o", "jsonl")
    lines = [json.loads(line) for line in as_jsonl.stdout.splitlines()]
    assert [(r["state"], r["group"], r["confidence"], r["sources"]) for r in lines] == expected
    as_csv = run_cli("query", STATEMENT, "-p", "since=2021-08", "-o", "csv")
    parsed = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert [
        (r["state"], r["group"], float(r["confidence"]), json.loads(r["sources"])) for r in parsed
    ] == expected
    assert parsed[0]["until"] == ""


def test_typed_parameters_and_limit(panjshir: Graph) -> None:
    result = run_cli(
        "query", "UNWIND range(1, $n) AS x RETURN x, $flag AS flag, $tags AS tags",
        "-p", "n:int=50", "-p", "flag:bool=true", "-p", "tags:list=a,b", "--limit", "3", "-o", "jsonl",
    )  # fmt: skip
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows == [{"x": i, "flag": True, "tags": ["a", "b"]} for i in (1, 2, 3)]
    text = run_cli("query", "RETURN $since AS since", "-p", "since=2021-08-01", "-o", "json")
    assert json.loads(text.stdout)["rows"] == [{"since": "2021-08-01"}]


@pytest.mark.parametrize(
    ("name", "params"),
    [("as-of", {"date": "2021-09-01"}), ("sources", {}), ("brokers", {"limit": 5})],
)
def test_a_limited_named_query_gives_the_first_rows_of_the_whole(
    panjshir: Graph, name: str, params: dict
) -> None:
    """With a limit, actorgraph's own queries tell the server (which then sorts only for the
    top rows): the rows are the first ones of the whole answer, in its order."""
    whole = q.rows(q.run_named(panjshir, name, params))
    assert len(whole) > 3
    assert q.rows(q.run_named(panjshir, name, params, limit=3)) == whole[:3]


def test_syntax_error_shows_neo4js_message_with_the_position(panjshir: Graph) -> None:
    result = run_cli("query", "MATCH (n) RETRN n")
    assert result.returncode == 2
    assert "Cypher syntax error" in result.stderr and "RETRN" in result.stderr
    assert "^" in result.stderr and "Traceback" not in result.stderr


def test_an_empty_statement_is_said_to_be_empty(panjshir: Graph, tmp_path: Path) -> None:
    """Nothing to run (an empty pipe, a file of comments) is said so, not Neo4j's parser."""
    comments = tmp_path / "notes.cypher"
    comments.write_text("// to do\n/* MATCH (n)\n RETURN n */\n")
    for args, stdin, where in (
        (["query", "-"], "", "standard input"),
        (["query", "--file", str(comments)], None, str(comments)),
        (["query", "  "], None, "the statement given"),
    ):
        result = subprocess.run(
            [sys.executable, "-m", "graph", *args], input=stdin, text=True,
            capture_output=True, check=False, timeout=600,
        )  # fmt: skip
        assert result.returncode == 2, result.stderr
        assert f"No statement to run in {where}: it is empty" in result.stderr


def test_a_typed_value_of_another_kind_is_refused(panjshir: Graph) -> None:
    """`-p date:int=5` skips the text's check: the value's own kind is checked against the
    declared one, not left to Neo4j (a raw type error, or no row)."""
    for typed, kind in (("date:int=5", "date"), ("date:json=\"2021\"", "date"),
                        ("window:json=1.5", "count"), ("include_undated:int=1", "bool")):  # fmt: skip
        day = [] if typed.startswith("date") else ["-p", "date=2021-09-01"]  # once each
        result = run_cli("query", "-n", "as-of", *day, "-p", typed)
        assert result.returncode == 2, (typed, result.stderr)
        assert f"is not a valid {kind}" in result.stderr, result.stderr
    with pytest.raises(QueryError, match="is not a valid date"):
        named(panjshir, "as-of", date=np.datetime64("NaT"))
    held = named(panjshir, "as-of", date="2021-09-01", window=30, include_undated=True)
    # a date is one, and so are the driver's date, a pandas column's numbers and booleans; a
    # notebook's datetime or numpy datetime64 is its day, as Filters(as_of=...) takes it
    days = (datetime(2021, 9, 1, 12), np.datetime64("2021-09-01T10:00"))
    for day in (date(2021, 9, 1), neo4j.time.Date(2021, 9, 1), *days):
        given = {"window": np.int64(30), "include_undated": np.True_}
        assert named(panjshir, "as-of", date=day, **given) == held
    assert named(panjshir, "as-of", date=day, window=30.0, include_undated=True) == held
    for odd in (np.float32("nan"), np.True_, 1.5, None):  # a confidence is from 0 to 1
        with pytest.raises(QueryError, match="is not a valid share"):
            named(panjshir, "opponents-of", actor="NRF", min_confidence=odd)
    assert named(panjshir, "opponents-of", actor="NRF", min_confidence=np.float32(0.5))


def test_a_default_written_as_digits_is_a_text_for_a_text_parameter(
    panjshir: Graph, tmp_path: Path
) -> None:
    (tmp_path / "coded.cypher").write_text(
        "// The code given.\n// @param code: string = 2021  a code\nRETURN $code AS code\n"
    )
    result = run_cli("query", "--queries-dir", str(tmp_path), "-n", "coded", "-o", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["rows"] == [{"code": "2021"}]


def test_unknown_named_query_suggests_close_ones(panjshir: Graph) -> None:
    result = run_cli("query", "--name", "supporter-of")
    assert result.returncode == 2 and "Did you mean supporters-of" in result.stderr


def test_missing_and_unknown_parameters_are_named(panjshir: Graph) -> None:
    """From Python a parameter is named as one; on the command line, as its option."""
    with pytest.raises(QueryError, match="needs the parameter actor"):
        named(panjshir, "supporters-of")
    missing = run_cli("query", "-n", "supporters-of")
    assert missing.returncode == 2 and "needs --param actor" in missing.stderr
    with pytest.raises(QueryError, match="parameter min_confidence: "):
        named(panjshir, "supporters-of", actor="NRF", min_confidence=5)
    with pytest.raises(QueryError, match=r"Filters\.relations 'figths'"):
        select(panjshir, Filters(relations=["figths"]))
    with pytest.raises(QueryError, match="has no parameter 'actr'"):
        named(panjshir, "supporters-of", actr="nrf")
    with pytest.raises(QueryError, match="not a valid date"):
        named(panjshir, "as-of", date="September")


def test_a_slow_query_times_out_with_a_clear_message(panjshir: Graph) -> None:
    slow = "UNWIND range(1, 200000000) AS x WITH x WHERE x < 0 RETURN count(x) AS n"
    result = run_cli("query", slow, "--timeout", "0.5")
    assert result.returncode == 1
    assert "timed out after 0.5 s" in result.stderr


def test_a_headers_description_is_what_comes_before_its_parameters(tmp_path: Path) -> None:
    """Comment lines after the @param lines are notes on the statement (brokers has one), not
    the description `queries` lists; a header that gives its parameters first still has one."""
    noted = tmp_path / "noted.cypher"
    noted.write_text(
        "// Actors of a kind.\n// @param kind: string = person  the kind\n"
        "// Reads the kind index.\nMATCH (a:Actor {kind: $kind}) RETURN a.id AS id\n"
    )
    assert q.parse_named_query(noted).description == "Actors of a kind."
    noted.write_text(
        "// @param kind: string = person  the kind\n// Actors of a kind.\n"
        "MATCH (a:Actor {kind: $kind}) RETURN a.id AS id\n"
    )
    assert q.parse_named_query(noted).description == "Actors of a kind."
    assert "pairing the others" not in q.find("brokers").description


def test_users_add_named_queries_in_their_own_folder(panjshir: Graph, tmp_path: Path) -> None:
    (tmp_path / "people-count.cypher").write_text(
        "// How many people the graph knows.\n// @param kind: string = person  the kind to count\n"
        "MATCH (a:Actor {kind: $kind}) RETURN count(a) AS people\n"
    )
    listed = run_cli("queries", "--queries-dir", str(tmp_path))
    assert "people-count" in listed.stdout and "supporters-of" in listed.stdout
    result = run_cli(
        "query", "--name", "people-count", "--queries-dir", str(tmp_path), "-o", "json"
    )
    assert json.loads(result.stdout)["rows"] == [{"people": 7}]
    # Defaults are values as given ones are: names resolved, quoted text whole.
    (tmp_path / "claimed-by.cypher").write_text(
        "// Claims by some actors.\n// @param who: actors = NRF,Taliban  the claimants\n"
        '// @param label: string = "two words"  a label\n'
        "MATCH ()-[r]->() WHERE r.claimant IN $who RETURN $who AS who, $label AS label, "
        "count(r) > 0 AS some\n"
    )
    claimed = run_cli("query", "-n", "claimed-by", "--queries-dir", str(tmp_path), "-o", "json")
    assert json.loads(claimed.stdout)["rows"] == [
        {"who": ["nrf", "taliban"], "label": "two words", "some": True}
    ], claimed.stderr
    twice = run_cli("query", "-n", "relations-of", "-p", "actor=NRF", "-p", "actor=Taliban")
    assert twice.returncode == 2 and "--param actor is given more than once" in twice.stderr
    (tmp_path / "doubled.cypher").write_text(
        "// Twice.\n// @param x: int = 1  one\n// @param x: int = 2  two\nRETURN $x AS x\n"
    )
    doubled = run_cli("query", "-n", "doubled", "--queries-dir", str(tmp_path))
    assert doubled.returncode == 2 and "the parameter x is declared twice" in doubled.stderr
    # A parameter the header does not declare could be neither given nor left out: said.
    (tmp_path / "undeclared.cypher").write_text(
        "// Who.\n// @param kind: string = person  k\n"
        "MATCH (a:Actor {kind: $kind}) WHERE a.id = $who AND a.name <> '$quoted' // $said\n"
        "RETURN a.name AS name\n"
    )
    why = "undeclared.cypher: the statement uses $who, which no @param line declares"
    assert why in run_cli("queries", "--queries-dir", str(tmp_path)).stderr
    undeclared = run_cli("query", "-n", "undeclared", "--queries-dir", str(tmp_path))
    assert undeclared.returncode == 2 and why in undeclared.stderr
    (tmp_path / "spaced.cypher").write_text("// Spaced.\nRETURN $`two words` AS a\n")
    spaced = run_cli("query", "-n", "spaced", "--queries-dir", str(tmp_path))
    assert "uses $`two words`, which no @param line can declare" in spaced.stderr
    as_file = run_cli("queries", "--queries-dir", str(tmp_path / "claimed-by.cypher"))
    assert as_file.returncode == 2 and "is a file, not a folder" in as_file.stderr


def test_cypher_that_is_not_utf8_is_named_and_a_byte_order_mark_is_dropped(
    panjshir: Graph, tmp_path: Path
) -> None:
    """A binary file, a Windows editor's byte-order mark: in a file, on standard input and in
    a folder of named queries, where one bad file leaves the others usable."""
    binary = tmp_path / "binary.cypher"
    binary.write_bytes(b"// not text\nRETURN '\xff\xfe\x00\x81' AS x\n")
    marked = tmp_path / "marked.cypher"
    marked.write_bytes("\ufeff// As Notepad saves it.\nRETURN 1 AS one\n".encode())
    for args, stdin, why in (
        (["query", "--file", str(binary)], None, f"{binary}: not valid UTF-8 (byte 20)"),
        (["query", "-"], "binary", "standard input: not valid UTF-8 (byte 20)"),
        (["query", "--queries-dir", str(tmp_path), "-n", "binary"], None,
         f"The named query 'binary' could not be read: {binary}: not valid UTF-8"),
    ):  # fmt: skip
        if stdin:
            result = subprocess.run(
                [sys.executable, "-m", "graph", *args], input=binary.read_bytes(),
                capture_output=True, check=False, timeout=600,
            )  # fmt: skip
            out, err = result.stdout.decode(), result.stderr.decode()
        else:
            result = run_cli(*args)
            out, err = result.stdout, result.stderr
        assert result.returncode == 2 and why in err, out + err
        assert "internal error" not in err
    for args in (
        ["query", "--file", str(marked), "-o", "json"],
        ["query", "--queries-dir", str(tmp_path), "-n", "marked", "-o", "json"],
        ["query", "--queries-dir", str(tmp_path), "-n", "relations-of", "-p", "actor=NRF",
         "-o", "json"],
    ):  # fmt: skip
        result = run_cli(*args)
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["rows"]
    (tmp_path / "wide.cypher").write_bytes("// PowerShell's >\nRETURN 1\n".encode("utf-16"))
    wide = run_cli("query", "--file", str(tmp_path / "wide.cypher"))
    assert wide.returncode == 2 and "wide.cypher: UTF-16 text; save it as UTF-8." in wide.stderr
    listed = run_cli("queries", "--queries-dir", str(tmp_path))
    assert "As Notepad saves it." in listed.stdout
    assert f"left out: {binary}: not valid UTF-8" in listed.stdout + listed.stderr


def test_every_shipped_query_is_listed_with_a_description() -> None:
    queries = q.discover()
    assert set(queries) >= {
        "supporters-of", "opponents-of", "relations-of", "path", "negotiations", "as-of",
        "claims-disputed", "sources", "external-backers", "brokers",
    }  # fmt: skip
    assert all(query.description for query in queries.values())


def test_a_named_querys_name_given_as_the_statement_says_how_to_run_it(panjshir: Graph) -> None:
    result = run_cli("query", "supporters-of", "-p", "actor=Taliban")
    assert result.returncode == 2
    assert "'supporters-of' is a named query: run it with --name" in result.stderr
    assert "syntax" not in result.stderr


# negotiations as it was before it read the index: every talk, sorted (the reference)
_ALL_TALKS = """
MATCH (a:Actor)-[r:NEGOTIATES_WITH|MEDIATES|REQUESTS_MEDIATION_FROM]->(b:Actor)
WHERE r.dataset IS NOT NULL AND (size($datasets) = 0 OR r.dataset IN $datasets)
  AND NOT r.dataset IN $exclude_datasets
  AND (size($claimants) = 0 OR r.claimant IN $claimants)
  AND NOT coalesce(r.claimant, '') IN $exclude_claimants
RETURN a.name AS party, r.term AS term, b.name AS counterpart, r.since AS since,
       r.claimant AS claimant, r.evidence AS evidence
ORDER BY since, party, counterpart, claimant, evidence
"""


def test_negotiations_read_in_index_order_give_the_rows_a_full_sort_gives(
    panjshir: Graph, tmp_path: Path
) -> None:
    """Told the rows wanted, negotiations reads each type's dated talks in the order of its
    `since` index and stops there; the undated come last. The same rows as sorting them all,
    for every limit and filter, with many talks on one day and undated talks of each type."""
    terms = ["negotiates_with", "mediates", "requests_mediation_from"]
    days = ["2021-09-01", "2021-09", "2021", "1990s", "2021-08-30/2021-09-06", ""]
    with open(tmp_path / "actors.csv", "w") as out:
        out.write(
            "id,name,kind\n" + "".join(f"t{i},Talker {i % 7},organisation\n" for i in range(9))
        )
    with open(tmp_path / "relations.csv", "w") as out:
        out.write("id,from,term,to,since,claimant,sources,evidence,credibility,confidence\n")
        for i in range(120):
            a, b = i % 9, (i * 5 + 2) % 9
            b = (b + 1) % 9 if a == b else b
            row = [f"talk-{i}", f"t{a}", terms[i % 3], f"t{b}", days[(i // 3) % 6], f"t{i % 4}",
                   "src-article", f"talk {i:03d}", "3", "0.5"]  # fmt: skip
            out.write(",".join(row) + "\n")
    from graph.loader import load

    load(panjshir, [tmp_path / "actors.csv", tmp_path / "relations.csv"], dataset="talks")
    keys = ("party", "term", "counterpart", "since", "claimant", "evidence")
    for filters in ({}, {"datasets": ["talks"], "exclude_claimants": ["t1"]}):
        bound = {"datasets": [], "exclude_datasets": [], "claimants": [],
                 "exclude_claimants": []} | filters  # fmt: skip
        every = [tuple(r.values()) for r in panjshir.read(_ALL_TALKS, bound)]
        assert len(every) > 40 and any(r[3] is None for r in every)
        for limit in (None, 0, 1, 5, 17, 40, len(every) - 1, len(every) + 5):
            result = q.run_named(panjshir, "negotiations", dict(filters), limit=limit)
            rows = [tuple(row[k] for k in keys) for row in q.rows(result)]
            # in the query's order (since, party, counterpart, claimant); talks alike in all
            # four may come in any order
            assert [r[:5] for r in rows] == [r[:5] for r in every[:limit]], (filters, limit)
        assert sorted(rows, key=str) == sorted(every, key=str)


def test_an_actor_parameter_reads_actors_only(panjshir: Graph, tmp_path: Path) -> None:
    """A feed's actor named like a study's place (ACLED names groups after valleys): the
    queries about an actor resolve the name among actors; one about any entity says it is
    ambiguous, and a place's name given for an actor says what it names."""
    (tmp_path / "front.yaml").write_text(
        "dataset: front\n"
        "sources:\n"
        "  - {id: front-wire, title: A wire, reliability: C}\n"
        "actors:\n"
        "  - {id: panjshir-front, name: Panjshir, kind: armed_group}\n"
        "relations:\n"
        "  - {from: iran, term: supports, to: panjshir-front, claimant: iran, credibility: 5,"
        " confidence: 0.4, sources: [front-wire], evidence: a wire says so}\n"
    )
    from graph.loader import load

    load(panjshir, [tmp_path / "front.yaml"])
    backers = named(panjshir, "supporters-of", actor="Panjshir")
    assert [(r["supporter_id"], r["confidence"]) for r in backers] == [("iran", 0.4)]
    assert named(panjshir, "opponents-of", actor="Panjshir") == []
    with pytest.raises(QueryError, match="ambiguous"):
        named(panjshir, "relations-of", actor="Panjshir")
    with pytest.raises(QueryError) as place:
        named(panjshir, "supporters-of", actor="Khavak")
    assert "no actor is called 'Khavak'" in str(place.value) and "khavak" in str(place.value)
    # the type a query of one's own may declare
    assert q.find("supporters-of").params[0].type == "actor"


def test_a_date_python_cannot_hold_is_said_so_in_every_format(
    panjshir: Graph, tmp_path: Path
) -> None:
    """Neo4j holds years 0 and 10000; Python's dates do not. The driver's error used to end
    the CLI as an internal error (exit 70)."""
    statement = "RETURN 1 AS a, date('0000-01-01') AS `odd day`"
    for output in ("json", "csv", "table"):
        said = run_cli("query", statement, "-o", output)
        assert said.returncode == 2, (output, said.stderr)
        assert "in column 'odd day'" in said.stderr and "toString(d)" in said.stderr
    far = run_cli("export", "--format", "json", "--out", str(tmp_path / "far.json"), "--cypher",
                  "RETURN localdatetime('+10000-01-01T00:00') AS d")  # fmt: skip
    assert far.returncode == 2 and "outside the years 1 to 9999" in far.stderr
    with pytest.raises(QueryError, match="Python cannot hold in column 'odd day'"):
        panjshir.read(statement)
    # inside a list, a map or a node the driver leaves a stand-in, which no output may print
    panjshir.write("CREATE (:Note {id: 'far-note', odd: date('0000-01-01')})")
    for inside in ("MATCH (n:Note {id: 'far-note'}) RETURN n", "RETURN [date('0000-01-01')] AS l",
                   "RETURN {d: date('0000-01-01')} AS m"):  # fmt: skip
        for output in ("json", "csv", "table")[: 2 if "MATCH" in inside else 3]:  # a table
            said = run_cli("query", inside, "-o", output)  # names a node by its id and name
            assert said.returncode == 2, (inside, output, said.stderr)
            assert "Python cannot hold in a value" in said.stderr, said.stderr
    exported = run_cli("export", "--format", "json", "--out", str(tmp_path / "n.json"),
                       "--cypher", "MATCH (n:Note {id: 'far-note'}) RETURN n.odd AS odd, n")  # fmt: skip
    assert exported.returncode == 2 and "Python cannot hold" in exported.stderr


def test_a_datetime_keeps_its_offset_and_zone_in_every_format(panjshir: Graph) -> None:
    """The driver's own text wrote St John's -02:30 as -03:30 (an hour off) and dropped every
    zone's name (trial); the output is Cypher's, as dumps write it."""
    statement = ("RETURN datetime('2021-08-15T12:00:00[America/St_Johns]') AS j, "
                 "datetime('2021-08-01T10:00:00[Europe/Berlin]') AS b, "
                 "datetime('2021-08-01T10:00+04:30') AS o, localdatetime('2021-08-01T10:00') AS l")  # fmt: skip
    rows = json.loads(run_cli("query", statement, "-o", "json").stdout)["rows"]
    assert rows == [{"j": "2021-08-15T12:00:00.000000000-02:30[America/St_Johns]",
                     "b": "2021-08-01T10:00:00.000000000+02:00[Europe/Berlin]",
                     "o": "2021-08-01T10:00:00.000000000+04:30",
                     "l": "2021-08-01T10:00:00.000000000"}]  # fmt: skip
    assert "-02:30[America/St_Johns]" in run_cli("query", statement, "-o", "csv").stdout


def test_durations_and_points_keep_their_meaning_in_every_format(panjshir: Graph) -> None:
    """The driver gives both as tuples: they came out as [0, 1, 0, 0] and [1.0, 2.0]."""
    statement = "RETURN duration('P1DT2H') AS d, point({longitude: 69.5, latitude: 35.3}) AS p"
    as_json = run_cli("query", statement, "-o", "json")
    assert json.loads(as_json.stdout)["rows"] == [
        {"d": "P1DT2H", "p": {"srid": 4326, "x": 69.5, "y": 35.3}}
    ]
    as_csv = run_cli("query", statement, "-o", "csv").stdout.splitlines()
    assert as_csv == ["d,p", 'P1DT2H,"{""srid"": 4326, ""x"": 69.5, ""y"": 35.3}"']
