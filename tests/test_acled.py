"""ACLED import on a small export written from ACLED's codebook, quirks included."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from graph import Graph
from graph.errors import DatasetError
from graph.loader import import_acled

from .conftest import REPO, run_cli, snapshot, with_cells_changed

SAMPLE = REPO / "tests" / "data" / "acled-sample.csv"
PANJSHIR = REPO / "data" / "panjshir.yaml"
LAYOUT_2015 = REPO / "tests" / "data" / "acled-2015-layout.csv"
CURRENT = REPO / "tests" / "data" / "acled-current-layout.csv"


def ties(graph: Graph, dataset: str) -> list[tuple[str, str, str, str]]:
    """Every relation between two actors the import made: (event, from, type, to); the ends of
    a symmetric one (FIGHTS) in alphabetical order."""
    rows = graph.read(
        "MATCH (a:Actor)-[r]->(b:Actor) WHERE r.dataset = $d "
        "RETURN r.event AS event, a.id AS a, type(r) AS type, b.id AS b ORDER BY event",
        {"d": dataset},
    )
    out = []
    for r in rows:
        a, b = sorted((r["a"], r["b"])) if r["type"] == "FIGHTS" else (r["a"], r["b"])
        out.append((r["event"], a, r["type"], b))
    return out


def participants(graph: Graph, dataset: str) -> set[tuple[str, str, str]]:
    rows = graph.read(
        "MATCH (a)-[p:PARTICIPATED_IN]->(e:Event) WHERE p.dataset = $d "
        "RETURN e.id AS e, a.id AS a, p.subtype AS role",
        {"d": dataset},
    )
    return {(r["e"], r["a"], r["role"]) for r in rows}


def test_acled_rows_become_events_places_actors_and_relations(panjshir: Graph) -> None:
    report = import_acled(panjshir, SAMPLE, dataset="acled-afg")
    assert report.by_category["event"]["created"] == 3
    # Taliban and "National Resistance Front" resolve to the actors already loaded.
    created = panjshir.read(
        "MATCH (a:Actor {dataset: 'acled-afg'}) RETURN a.id AS id, a.kind AS kind ORDER BY id"
    )
    assert created == [
        {"id": "acled", "kind": "organisation"},
        {"id": "acled-actor-civilians-afghanistan", "kind": "social_group"},
        {  # an associated actor: ACLED's inter2 is the type of actor2 only
            "id": "acled-actor-former-military-forces-of-afghanistan-2004-2021",
            "kind": "organisation",
        },
    ]
    fights = panjshir.read(
        "MATCH (a)-[r:FIGHTS]-(b) WHERE r.event = 'acled-AFG60001' AND a.id < b.id "
        "RETURN a.id AS a, b.id AS b, r.claimant AS claimant, r.sources AS sources, r.since AS since"
    )
    assert fights == [{
        "a": "nrf", "b": "taliban", "claimant": "acled", "since": "2021-08-30",
        "sources": ["acled-afg-export", "acled-src-tolo-news", "acled-src-pajhwok-afghan-news"],
    }]  # fmt: skip
    attack = panjshir.read(
        "MATCH (:Entity {id: 'taliban'})-[r:ATTACKS]->(b) RETURN b.id AS b, r.evidence AS evidence"
    )
    assert attack[0]["b"] == "acled-actor-civilians-afghanistan"
    assert "houses damaged, according to residents." in attack[0]["evidence"]
    assert '"several"' in attack[0]["evidence"]
    # The associated actor took part on NRF's side; ACLED does not say they are allies.
    assert not panjshir.read("MATCH ()-[r:ALLIED_WITH {claimant: 'acled'}]-() RETURN r")
    roles = panjshir.read(
        "MATCH (a)-[p:PARTICIPATED_IN]->(:Event {id: 'acled-AFG60001'}) "
        "RETURN a.id AS actor, p.subtype AS role, p.id AS id ORDER BY id"
    )
    assert roles == [
        {"actor": "taliban", "role": "primary", "id": "acled-AFG60001--a1"},
        {"actor": "nrf", "role": "primary", "id": "acled-AFG60001--a2"},
        {"actor": "acled-actor-former-military-forces-of-afghanistan-2004-2021",
         "role": "associated", "id": "acled-AFG60001--a2-0"},
    ]  # fmt: skip
    # An event with no actor2 (and ACLED's older date format) has no fight or attack.
    lone = panjshir.read(
        "MATCH (e:Event {id: 'acled-AFG60003'}) OPTIONAL MATCH (e)<-[p:PARTICIPATED_IN]-(a) "
        "RETURN e.date AS date, e.kind AS kind, collect(a.id) AS actors"
    )
    assert lone == [{"date": "2021-09-01", "kind": "other", "actors": ["taliban"]}]
    place = panjshir.read(
        "MATCH (:Event {id: 'acled-AFG60001'})-[:LOCATED_IN]->(p)-[:LOCATED_IN*]->(c:Country) "
        "RETURN p.name AS place, p.latitude AS lat, c.name AS country"
    )
    assert place == [{"place": "Khawak", "lat": 35.6667, "country": "Afghanistan"}]


def test_a_newer_export_updates_revised_events_and_removes_dropped_ones(
    panjshir: Graph, tmp_path: Path
) -> None:
    import_acled(panjshir, SAMPLE, dataset="acled-afg")
    lines = SAMPLE.read_text().splitlines()
    newer = [lines[0], lines[1].replace("casualties unknown", "20 dead reported"), lines[3]]
    path = tmp_path / "acled-newer.csv"
    path.write_text("\n".join(newer) + "\n")
    report = import_acled(panjshir, path, dataset="acled-afg")
    assert report.by_category["event"] == {"updated": 1, "unchanged": 1, "removed": 1}
    assert report.by_type["ATTACKS"]["removed"] == 1
    gone = panjshir.read("MATCH (e {id: 'acled-AFG60002'}) RETURN count(e) AS n")
    assert gone == [{"n": 0}]
    revised = panjshir.read("MATCH (e {id: 'acled-AFG60001'}) RETURN e.description AS d")
    assert "20 dead reported" in revised[0]["d"]
    assert panjshir.read("MATCH (a {id: 'taliban'}) RETURN a.dataset AS d") == [{"d": "panjshir"}]


def test_new_actors_named_like_known_ones_are_said_not_merged(
    panjshir: Graph, tmp_path: Path
) -> None:
    """'Talibn' is not the Taliban to the importer (names never guess): it is a new actor,
    and the import says which known actors its name is close to."""
    lines = SAMPLE.read_text().splitlines()
    path = tmp_path / "acled-typo.csv"
    path.write_text("\n".join([lines[0], lines[1].replace(",Taliban,", ",Talibn,", 1)]) + "\n")
    report = import_acled(panjshir, path, dataset="typo", dry_run=True)
    assert "'Talibn' (near taliban)" in report.near and "add its name as an alias" in report.near
    said = run_cli("import", "acled", str(path), "--dataset", "typo", "--dry-run")
    assert (
        said.returncode == 0
        and "Note: 1 new actor is named a letter or two away from" in said.stderr
    )
    assert import_acled(panjshir, SAMPLE, dataset="clean", dry_run=True).near == ""


def test_an_ambiguous_acled_actor_is_an_error_and_nothing_is_written(
    panjshir: Graph, tmp_path: Path
) -> None:
    before = snapshot(panjshir)
    lines = SAMPLE.read_text().splitlines()
    path = tmp_path / "acled-bad.csv"
    path.write_text("\n".join([lines[0], lines[1].replace(",Taliban,", ",Massoud,", 1)]) + "\n")
    with pytest.raises(DatasetError) as failure:
        import_acled(panjshir, path)
    [problem] = failure.value.problems
    assert (problem.line, problem.field) == (2, "actor1") and "ambiguous" in problem.message
    assert "Use the id" not in problem.message and "make the name one entity's" in problem.message
    assert "person). A feed names actors" in problem.message  # one full stop
    assert snapshot(panjshir) == before


def test_import_command_and_a_file_that_is_not_acled(panjshir: Graph, tmp_path: Path) -> None:
    result = run_cli("import", "acled", str(SAMPLE))
    assert result.returncode == 0, result.stderr
    assert "Loaded dataset acled" in result.stdout
    other = tmp_path / "other.csv"
    other.write_text("id,name\n1,x\n")
    bad = run_cli("import", "acled", str(other))
    assert bad.returncode == 2 and "not an ACLED export: missing columns" in bad.stderr


@pytest.mark.parametrize(
    ("written", "said"),
    [(lambda text: text.replace(",", ";"), "holding ';': save the file with commas"),
     (lambda text: text.replace(",", "\t"), "holding tabs: save the file with commas"),
     (lambda text: "sep=,\n" + text, "Excel's 'sep=' line, not the header: delete that line")],
    ids=["semicolons", "tabs", "sep-line"],
)  # fmt: skip
def test_a_spreadsheets_other_csv_dialects_get_a_hint(panjshir: Graph, tmp_path: Path, written,
                                                      said) -> None:  # fmt: skip
    path = tmp_path / "acled-dialect.csv"
    path.write_text(written(CURRENT.read_text()))
    with pytest.raises(DatasetError) as refused:
        import_acled(panjshir, path, dataset="acled-dialect")
    assert said in str(refused.value.problems[0])


def test_a_second_export_in_another_dataset_refers_to_the_first_ones_records(
    panjshir: Graph,
) -> None:
    import_acled(panjshir, SAMPLE, dataset="acled-a")
    second = import_acled(panjshir, SAMPLE, dataset="acled-b")
    # The shared places, media sources and the ACLED actor stay acled-a's: none is updated.
    assert second.total("updated") == 0 and "defined by another dataset already" in (
        second.references
    )
    # the same events twice: said, since every query across both would count them twice
    assert re.match(r"(\d+) of this file's \1 events are in dataset acled-a already",
                    second.repeats), second.repeats  # fmt: skip
    again = import_acled(panjshir, SAMPLE, dataset="acled-a")
    assert [again.total(o) for o in ("created", "updated", "removed")] == [0, 0, 0]
    assert again.repeats == ""
    told = run_cli("import", "acled", str(SAMPLE), "--dataset", "acled-c", "--dry-run")
    assert told.returncode == 0 and "counts each once per dataset" in " ".join(told.stderr.split())
    owners = panjshir.read(
        "MATCH (n:Entity) WHERE n.id STARTS WITH 'acled' RETURN DISTINCT n.dataset AS d"
    )
    assert owners == [{"d": "acled-a"}]


ARMY = "acled-actor-military-forces-of-afghanistan-2004-2021"
POLICE = "acled-actor-police-forces-of-afghanistan-2004-2021"
POLICE_NAME = "Police Forces of Afghanistan (2004-2021)"


def test_the_2015_layout_imports_every_event_type_and_its_ally_columns(panjshir: Graph) -> None:
    """Upper-case headers, ALLY_ACTOR_*, numeric inter codes, old event types, Excel dates."""
    report = import_acled(panjshir, LAYOUT_2015, dataset="acled-2015")
    assert report.by_category["event"]["created"] == 7
    events = panjshir.read(
        "MATCH (e:Event {dataset: 'acled-2015'}) RETURN e.id AS id, e.kind AS kind, "
        "e.date AS date ORDER BY id"
    )
    assert [(e["id"][6:], e["kind"], e["date"]) for e in events] == [
        ("AFG101", "battle", "2015-05-09"), ("AFG102", "attack", "2015-05-10"),
        ("AFG103", "protest", "2015-05-11"), ("AFG104", "other", "2015-05-12"),
        ("AFG105", "other", "2015-05-13"), ("AFG106", "battle", "2015-05-14"),
        ("AFG107", "battle", "2015-05-15"),
    ]  # fmt: skip
    assert ties(panjshir, "acled-2015") == [
        ("acled-AFG101", ARMY, "FIGHTS", "taliban"),
        ("acled-AFG102", "taliban", "ATTACKS", "acled-actor-civilians-afghanistan"),
        ("acled-AFG106", ARMY, "FIGHTS", "taliban"),
        ("acled-AFG107", ARMY, "FIGHTS", "taliban"),
    ]
    # The ally columns are associated actors, each on its side: no alliance is drawn.
    assert {("acled-AFG101", "acled-actor-hezb-e-islami", "associated"),
            ("acled-AFG101", POLICE, "associated")} <= participants(panjshir, "acled-2015")  # fmt: skip
    kinds = panjshir.read(
        "MATCH (a:Actor {dataset: 'acled-2015'}) WHERE a.id IN [$army, $protesters] "
        "RETURN a.id AS id, a.kind AS kind ORDER BY id",
        {"army": ARMY, "protesters": "acled-actor-protesters-afghanistan"},
    )
    assert [k["kind"] for k in kinds] == ["armed_force", "social_group"]


def test_associated_actors_never_become_allies_and_text_inter_codes_give_kinds(
    panjshir: Graph,
) -> None:
    """Co-targets listed together, an insider attacker listed with the attackers' side, and
    infighting: ACLED names who was involved, and nothing more is made of it."""
    import_acled(panjshir, CURRENT, dataset="acled-now")
    assert ties(panjshir, "acled-now") == [
        ("acled-AFG201", "taliban", "ATTACKS", "acled-actor-civilians-afghanistan"),
        ("acled-AFG202", "acled-actor-unidentified-armed-group-afghanistan", "ATTACKS", ARMY),
    ]
    assert {
        ("acled-AFG201", POLICE, "associated"),
        ("acled-AFG201", "acled-actor-pro-government-militia-afghanistan", "associated"),
        ("acled-AFG202", ARMY, "associated"),
        ("acled-AFG202", ARMY, "primary"),
        ("acled-AFG203", "taliban", "primary"),
    } <= participants(panjshir, "acled-now")
    supporters = run_cli("query", "--name", "supporters-of", "-p", "actor=Taliban", "-o", "json")
    assert supporters.returncode == 0, supporters.stderr
    assert "acled" not in supporters.stdout
    kinds = panjshir.read(
        "MATCH (a:Actor {dataset: 'acled-now'}) RETURN a.id AS id, a.kind AS kind ORDER BY id"
    )
    assert {k["id"]: k["kind"] for k in kinds}[ARMY] == "armed_force"


@pytest.mark.parametrize(
    ("written", "expected"),
    [("2020-05-09", "2020-05-09"), ("09 May 2020", "2020-05-09"), ("9 May 2020", "2020-05-09"),
     ("9-May-20", "2020-05-09"), ("09-May-2020", "2020-05-09"), ("21 March 2020", "2020-03-21")],
)  # fmt: skip
def test_acled_dates_as_exported_and_as_spreadsheets_rewrite_them(written: str, expected: str):
    from graph.parse.acled import parse_date

    assert parse_date(written) == expected


@pytest.mark.parametrize("written", ["09/05/2020", "05/09/2020", "2020/13/01", "yesterday"])
def test_a_numeric_or_unreadable_acled_date_is_refused_never_guessed(written: str) -> None:
    from graph.parse.acled import parse_date

    with pytest.raises(ValueError, match="not an ACLED date"):
        parse_date(written)


@pytest.mark.parametrize("written", ["31-Feb-15", "2021-02-30", "30 February 2021"])
def test_a_date_of_no_day_is_said_so_not_blamed_on_its_form(written: str) -> None:
    from graph.parse.acled import parse_date
    from graph.parse.ucdp import _day

    with pytest.raises(ValueError, match="is no day of the calendar"):
        parse_date(written)
    with pytest.raises(ValueError, match="is no day of the calendar"):
        _day("2021-02-30")


def test_an_unknown_event_type_is_an_error_naming_the_row(panjshir: Graph, tmp_path: Path):
    lines = CURRENT.read_text().splitlines()
    path = tmp_path / "acled-new-type.csv"
    path.write_text("\n".join([lines[0], lines[1].replace("Violence against civilians",
                                                           "Cyber operations")]) + "\n")  # fmt: skip
    with pytest.raises(DatasetError) as refused:
        import_acled(panjshir, path, dataset="acled-x")
    [problem] = refused.value.problems
    assert (problem.line, problem.field) == (2, "event_type")
    assert "unknown ACLED event type 'Cyber operations'" in problem.message


def test_fatalities_are_numbers_and_precision_is_kept(panjshir: Graph, tmp_path: Path, open_page):
    from graph.views import Filters, select, write_html

    from .test_render import hover, node_position

    import_acled(panjshir, LAYOUT_2015, dataset="acled-2015")
    total = panjshir.read(
        "MATCH (e:Event {dataset: 'acled-2015'}) RETURN sum(e.fatalities) AS n, "
        "collect(DISTINCT e.date_precision) AS dates, collect(DISTINCT e.place_precision) AS places"
    )
    [row] = total  # collect(DISTINCT …) has no order: compare the sets
    assert (row["n"], set(row["dates"]), set(row["places"])) == (13, {"day", "week"},
                                                                  {"near", "exact"})  # fmt: skip
    base = panjshir.read(
        "MATCH (e:Event {id: 'acled-AFG104'}) RETURN e.description AS d, e.source_event_id AS s"
    )
    assert base == [{"d": "A base is set up.", "s": "AFG104"}]  # no figures in the prose
    # The page says it: hover the base's event node.
    view = select(panjshir, Filters(datasets=["acled-2015"], around="acled-AFG104", depth=1))
    opened = open_page(write_html(view, tmp_path / "acled.html"))
    # titled by the dataset asked for, not by whose entities are drawn (a trial's finding)
    assert opened.page.locator("#title").inner_text() == "actorgraph: acled-2015"
    text = hover(opened, *node_position(opened, "acled-AFG104"))
    assert "2015-05-12 (to within a week)" in text
    assert "place known" in text and "near the place named" in text
    assert "feed's id" in text and "AFG104" in text and "fatalities" in text


def test_a_bad_fatalities_figure_or_precision_code_is_named(panjshir: Graph, tmp_path: Path):
    lines = LAYOUT_2015.read_text().splitlines()
    path = tmp_path / "acled-bad-numbers.csv"
    path.write_text("\n".join([lines[0], lines[1].replace(",Clash on the highway.,4",
                                                          ",Clash on the highway.,some"),
                               lines[2].replace("2015,1,Remote", "2015,9,Remote")]) + "\n")  # fmt: skip
    with pytest.raises(DatasetError) as refused:
        import_acled(panjshir, path, dataset="acled-x")
    found = {(p.line, p.field) for p in refused.value.problems}
    assert found == {(2, "fatalities"), (3, "time_precision")}
    said = {p.field: p.message for p in refused.value.problems}
    assert said["time_precision"] == "'9' is not one of its codes: 1 (day), 2 (week), 3 (month)"
    # Python's int() reads these; a count as written is digits (12, or 12.0 from a sheet).
    future = lines[1].replace("9-May-15", "9-May-67").replace("2015,1,", "2067,1,")
    assert future != lines[1]
    path.write_text("\n".join([lines[0], future]) + "\n")
    with pytest.raises(DatasetError) as refused:
        import_acled(panjshir, path, dataset="acled-x")
    assert [(p.field, p.message) for p in refused.value.problems] == [
        ("event_date", "2067-05-09 is in the future: a feed records what happened")
    ]
    for odd in ("1_000", "+5", "1e3"):
        row = lines[1].replace(",Clash on the highway.,4", f",Clash on the highway.,{odd}")
        path.write_text("\n".join([lines[0], row]) + "\n")
        with pytest.raises(DatasetError) as refused:
            import_acled(panjshir, path, dataset="acled-x")
        assert [p.field for p in refused.value.problems] == ["fatalities"], odd


def test_every_problem_of_a_row_is_named_in_one_run(panjshir: Graph, tmp_path: Path) -> None:
    """A bad date or event type stops a row (nothing of it is imported), but the cells the
    rest of its reading checks are checked too: one run names them all, and the rejected
    row's reason holds each."""
    import csv

    changed = {"event_date": "2021-02-30", "event_type": "Coup", "fatalities": "many",
               "latitude": "95", "inter1": "Aliens", "geo_precision": "9"}  # fmt: skip
    path = with_cells_changed(CURRENT, tmp_path / "acled-many-problems.csv", 1, changed)
    with pytest.raises(DatasetError) as refused:
        import_acled(panjshir, path, dataset="acled-x")
    assert sorted((p.line, p.field) for p in refused.value.problems) == [
        (3, field) for field in ("event_date", "event_type", "fatalities", "geo_precision",
                                 "inter1", "latitude")
    ]  # fmt: skip
    result = run_cli("import", "acled", str(path), "--dataset", "acled-x", "--skip-bad-rows")
    assert result.returncode == 0, result.stderr
    with (tmp_path / "acled-many-problems.csv.rejected.csv").open(newline="") as handle:
        [reason] = [row["reason"] for row in csv.DictReader(handle)]
    assert reason.startswith("line 3: event_date:")
    for field in ("event_type", "fatalities", "geo_precision", "inter1", "latitude"):
        assert f"; {field}: " in reason, field


def test_long_names_get_short_stable_ids(panjshir: Graph, tmp_path: Path) -> None:
    """A 140-character admin area under long names still fits the 128-character id limit, and
    a re-import finds the same ids."""
    long_area = "Very Long Administrative Area Name " * 4  # 140 characters
    lines = LAYOUT_2015.read_text().splitlines()
    row = lines[1].replace(",Kabul,Surobi,,Surobi,", f",Kabul Province Of The Republic,{long_area},"
                           f"{long_area},Surobi,")  # fmt: skip
    path = tmp_path / "acled-long.csv"
    path.write_text("\n".join([lines[0], row]) + "\n")
    import_acled(panjshir, path, dataset="acled-long")
    ids = [r["id"] for r in panjshir.read(
        "MATCH (p:Place {dataset: 'acled-long'}) RETURN p.id AS id ORDER BY size(p.id) DESC")]  # fmt: skip
    assert ids and len(ids[0]) <= 100 and ids[0].startswith("acled-country-afghanistan--")
    again = import_acled(panjshir, path, dataset="acled-long")
    assert [again.total(o) for o in ("created", "updated", "removed")] == [0, 0, 0]


def _with_bad_rows(tmp_path: Path) -> Path:
    """The current-layout file plus an empty event id, a numeric date and a bad figure."""
    lines = CURRENT.read_text().splitlines()
    bad = [
        lines[1].replace("AFG201,", ",").replace("2021-09-05", "2021-09-08"),
        lines[1].replace("AFG201", "AFG204").replace("2021-09-05", "09/05/2021"),
        lines[1].replace("AFG201", "AFG205").replace('were killed.",6', 'were killed.",many'),
    ]
    path = tmp_path / "acled-bad-rows.csv"
    path.write_text("\n".join([lines[0], lines[1], bad[0], lines[2], bad[1], lines[3], bad[2]])
                    + "\n")  # fmt: skip
    return path


def test_bad_rows_stop_the_import_and_every_problem_can_be_written(panjshir: Graph, tmp_path):
    path = _with_bad_rows(tmp_path)
    before = snapshot(panjshir)
    listed = tmp_path / "problems.txt"
    result = run_cli("import", "acled", str(path), "--problems", str(listed))
    assert result.returncode == 2, result.stderr
    assert "3 problems in the input; nothing was written." in result.stderr
    assert f"All 3 problems are in {listed}." in result.stderr
    written = listed.read_text().splitlines()
    assert [line.split(": ")[0].rsplit(":", 1)[1] for line in written] == ["3", "5", "7"]
    assert snapshot(panjshir) == before


def test_skip_bad_rows_imports_the_good_ones_and_sets_the_others_aside(panjshir: Graph, tmp_path):
    import csv

    path = _with_bad_rows(tmp_path)
    rejected = tmp_path / "acled-bad-rows.csv.rejected.csv"
    dry = run_cli("import", "acled", str(path), "--skip-bad-rows", "--dry-run")
    assert dry.returncode == 0 and "3 rows with problems were left out; a dry run" in dry.stdout
    # no file says which rows and why: the terminal does
    assert [line.split(": ")[0][-2:] for line in dry.stderr.splitlines()
            if "acled-bad-rows.csv:" in line] == [":3", ":5", ":7"]  # fmt: skip
    assert not rejected.exists()
    listed = tmp_path / "problems.txt"
    result = run_cli("import", "acled", str(path), "--dataset", "acled-skip", "--skip-bad-rows",
                     "--problems", str(listed))  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert [line.split(": ")[0][-2:] for line in listed.read_text().splitlines()] == [
        ":3",
        ":5",
        ":7",
    ]
    assert f"3 rows with problems were left out; they are in {rejected}" in result.stdout
    events = panjshir.read("MATCH (e:Event {dataset: 'acled-skip'}) RETURN e.id AS id ORDER BY id")
    assert [e["id"] for e in events] == ["acled-AFG201", "acled-AFG202", "acled-AFG203"]
    rows = list(csv.reader(rejected.open()))
    assert rows[0][-1] == "reason" and len(rows) == 4
    reasons = [row[-1] for row in rows[1:]]
    assert reasons[0].startswith("line 3: event_id_cnty: required cell is empty")
    assert reasons[1].startswith("line 5: event_date:") and "numeric" in reasons[1]
    assert reasons[2].startswith("line 7: fatalities:")
    assert rows[2][1] == "09/05/2021"  # each row as it was in the export


def test_skip_bad_rows_does_not_skip_a_problem_of_the_whole_file(panjshir: Graph, tmp_path):
    path = tmp_path / "acled-no-date.csv"
    path.write_text(CURRENT.read_text().replace("event_date,", "day,", 1))
    result = run_cli("import", "acled", str(path), "--skip-bad-rows")
    assert result.returncode == 2 and "missing columns event_date" in result.stderr
    assert not (tmp_path / "acled-no-date.csv.rejected.csv").exists()


def test_a_problems_path_that_cannot_be_written_is_refused_before_the_import(
    panjshir: Graph, tmp_path: Path
) -> None:
    """It was found out after the import had committed: exit 1 for a dataset that was loaded."""
    folder = tmp_path / "problems"
    folder.mkdir()
    bad = _with_bad_rows(tmp_path)
    blocked = run_cli("import", "acled", str(bad), "--dataset", "acled-p", "--skip-bad-rows",
                      "--problems", str(folder))  # fmt: skip
    assert blocked.returncode == 2 and "it is not a file. Nothing was loaded" in blocked.stderr
    assert panjshir.read("MATCH (n {dataset: 'acled-p'}) RETURN count(n) AS n") == [{"n": 0}]
    listed = tmp_path / "p.txt"
    dry = run_cli("import", "acled", str(bad), "--dataset", "acled-p", "--skip-bad-rows",
                  "--problems", str(listed), "--dry-run")  # fmt: skip
    assert dry.returncode == 0 and not listed.exists(), dry.stderr


def test_a_download_still_packed_is_named_for_what_it_is(panjshir: Graph, tmp_path: Path) -> None:
    """A ZIP (as UCDP distributes GED), gzip, an Excel workbook and Excel's "Unicode text"
    were all told to "save as UTF-8"."""
    import gzip
    import zipfile

    data = CURRENT.read_bytes()
    packed = {"acled.zip": "a ZIP archive holding acled.csv: unzip it",
              "acled.xlsx": "an Excel workbook, not CSV text",
              "acled.ods": "an OpenDocument spreadsheet, not CSV text",
              "acled.csv.gz": "gzip-compressed: decompress it first",
              "acled-utf16.csv": "UTF-16 text"}  # fmt: skip
    with zipfile.ZipFile(tmp_path / "acled.zip", "w") as archive:
        archive.writestr("acled.csv", data)
    with zipfile.ZipFile(tmp_path / "acled.xlsx", "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with zipfile.ZipFile(tmp_path / "acled.ods", "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    (tmp_path / "acled.csv.gz").write_bytes(gzip.compress(data))
    (tmp_path / "acled-utf16.csv").write_bytes(data.decode().encode("utf-16"))
    for name, said in packed.items():
        with pytest.raises(DatasetError) as refused:
            import_acled(panjshir, tmp_path / name, dataset="acled-packed")
        assert said in str(refused.value.problems[0]), name


def test_a_partial_file_that_removes_most_of_a_dataset_says_so(panjshir: Graph, tmp_path):
    header, *rows = CURRENT.read_text().splitlines()
    many = [f"AFG{500 + n}," + rows[n % 3].split(",", 1)[1] for n in range(30)]
    export, week = tmp_path / "acled-all.csv", tmp_path / "acled-week.csv"
    export.write_text("\n".join([header, *many]) + "\n")
    week.write_text("\n".join([header, many[0]]) + "\n")
    whole = run_cli("import", "acled", str(export), "--dataset", "acled-w")
    assert whole.returncode == 0 and "Note:" not in whole.stderr
    part = run_cli("import", "acled", str(week), "--dataset", "acled-w", "--dry-run")
    said = " ".join(part.stderr.split())
    assert part.returncode == 0 and "Note: this would remove most of what dataset acled-w" in said


@pytest.mark.parametrize(
    ("written", "numeric", "expected"),
    [("09/05/2020", "%d/%m/%Y", "2020-05-09"), ("09/05/2020", "%m/%d/%Y", "2020-09-05"),
     ("2020-05-09", "%d/%m/%Y", "2020-05-09")],
)  # fmt: skip
def test_numeric_dates_are_read_only_in_the_order_the_user_gives(written, numeric, expected):
    from graph.parse.acled import parse_date

    assert parse_date(written, numeric) == expected


def test_a_date_format_without_day_month_and_year_is_refused(panjshir: Graph) -> None:
    result = run_cli("import", "acled", str(SAMPLE), "--date-format", "%Y")
    assert result.returncode == 2 and "must give %d, %m and %Y" in result.stderr
    stray = run_cli("import", "acled", str(SAMPLE), "--date-format", "%d/%m/%Y %Q")
    assert stray.returncode == 2 and "does not read back the dates it writes" in stray.stderr


def test_an_event_whose_sides_are_one_actor_is_kept_and_marked(panjshir: Graph) -> None:
    import_acled(panjshir, CURRENT, dataset="acled-now")
    infighting = panjshir.read(
        "MATCH (e:Event {id: 'acled-AFG203'}) OPTIONAL MATCH (a)-[:PARTICIPATED_IN]->(e) "
        "RETURN e.intra_group AS intra, collect(DISTINCT a.id) AS actors"
    )
    assert infighting == [{"intra": True, "actors": ["taliban"]}]
    marked = panjshir.read("MATCH (e:Event {intra_group: true}) RETURN e.id AS id")
    assert marked == [{"id": "acled-AFG203"}]


# -- found by a second session trying the importers as an analyst would --------------------------
def test_the_study_still_loads_after_a_feed_named_its_places_too(panjshir: Graph) -> None:
    """ACLED's country "Afghanistan" and the study's: the study means its own."""
    from graph.loader import load

    import_acled(panjshir, CURRENT, dataset="acled-now")
    again = load(panjshir, [PANJSHIR], recheck=True)
    assert again.total("created") == 0 and again.total("removed") == 0


def test_names_in_other_scripts_stay_distinct_actors(panjshir: Graph, tmp_path: Path) -> None:
    lines = CURRENT.read_text().splitlines()
    row = lines[1].replace("AFG201", "AFG703").replace("Violence against civilians", "Battles")
    row = row.replace(",Taliban,", ",طالبان,").replace("Civilians (Afghanistan)", "داعش")
    path = tmp_path / "acled-scripts.csv"
    path.write_text("\n".join([lines[0], row.replace(",Civilians,", ",Rebel group,")]) + "\n")
    import_acled(panjshir, path, dataset="acled-scripts")
    fights = panjshir.read(
        "MATCH (a)-[:FIGHTS]-(b) WHERE a.name = 'طالبان' RETURN b.name AS other, a.id <> b.id AS two"
    )
    assert fights == [{"other": "داعش", "two": True}]


def test_a_feed_relation_holds_for_its_event_only(panjshir: Graph) -> None:
    import_acled(panjshir, CURRENT, dataset="acled-now")
    attack = panjshir.read(
        "MATCH ()-[r:ATTACKS {event: 'acled-AFG201'}]->() RETURN r.since AS s, r.until AS u"
    )
    assert attack == [{"s": "2021-09-05", "u": "2021-09-05"}]
    later = run_cli("query", "--name", "as-of", "-p", "date=2024-06-01", "-o", "json")
    assert later.returncode == 0 and "acled-AFG201" not in later.stdout


def test_more_real_quirks_strategic_development_and_huge_figures(panjshir: Graph, tmp_path):
    lines = LAYOUT_2015.read_text().splitlines()
    singular = lines[4].replace("Headquarters or base established", "Strategic development")
    huge = lines[2].replace("Roadside bomb.,1", "Roadside bomb.,99999999999999999999")
    path = tmp_path / "acled-quirks.csv"
    path.write_text("\n".join([lines[0], singular, huge]) + "\n")
    with pytest.raises(DatasetError) as refused:
        import_acled(panjshir, path, dataset="acled-q")
    assert [(p.line, p.field) for p in refused.value.problems] == [(3, "fatalities")]


def test_options_and_empty_imports_are_refused_before_they_empty_a_dataset(
    panjshir: Graph, tmp_path: Path
) -> None:
    import_acled(panjshir, SAMPLE, dataset="acled-s")
    before = snapshot(panjshir)
    bad = run_cli("import", "acled", str(SAMPLE), "--dataset", "acled-s", "--reliability", "Z",
                  "--skip-bad-rows")  # fmt: skip
    assert bad.returncode == 2 and "--reliability: 'Z' is not a grade A-F" in bad.stderr
    header_only = tmp_path / "acled-header.csv"
    header_only.write_text(SAMPLE.read_text().splitlines()[0] + "\n")
    empty = run_cli("import", "acled", str(header_only), "--dataset", "acled-s")
    assert empty.returncode == 2 and "nothing to import" in empty.stderr
    all_bad = tmp_path / "acled-all-bad.csv"
    all_bad.write_text(
        SAMPLE.read_text().replace("2021-08-3", "08/3").replace("01 September 2021", "01/09/2021")
    )
    skipped = run_cli("import", "acled", str(all_bad), "--dataset", "acled-s", "--skip-bad-rows")
    assert skipped.returncode == 2 and "nothing to import" in skipped.stderr, skipped.stderr
    assert f"{all_bad}:2: event_date:" in skipped.stderr  # each row's reason, not only a count
    assert "3 problems in the input" in skipped.stderr  # the rows', not the summary too
    set_aside = tmp_path / "acled-all-bad.csv.rejected.csv"  # every row, with its reason
    assert f"they are in {set_aside}" in skipped.stderr.replace("\n", "")
    rows = list(csv.DictReader(set_aside.open(encoding="utf-8")))
    assert [(row["event_id_cnty"], row["reason"][:19]) for row in rows] == [
        ("AFG60001", "line 2: event_date:"),
        ("AFG60002", "line 3: event_date:"),
        ("AFG60003", "line 4: event_date:"),
    ]
    assert snapshot(panjshir) == before
    spaced = run_cli("import", "acled", str(SAMPLE), "--dataset", "acled afg")
    assert spaced.returncode == 0, spaced.stderr
    semicolons = tmp_path / "acled-excel.csv"
    semicolons.write_text(SAMPLE.read_text().replace(",", ";"))
    excel = run_cli("import", "acled", str(semicolons))
    assert excel.returncode == 2 and "save the file with commas" in excel.stderr


def test_a_one_dataset_export_keeps_the_datasets_name(panjshir: Graph, tmp_path: Path) -> None:
    import json

    import_acled(panjshir, CURRENT, dataset="acled-now")
    out = tmp_path / "acled.json"
    assert (
        run_cli("export", "-o", "json", "--dataset", "acled-now", "--out", str(out)).returncode == 0
    )
    assert json.loads(out.read_text())["dataset"] == "acled-now"


def test_reimport_declares_the_feeds_own_actors_again(panjshir: Graph, tmp_path: Path) -> None:
    """An actor the feed made is the feed's: a newer export that names it as a side's main
    actor gives it its kind, and an identical re-import counts what it first created."""
    lines = CURRENT.read_text().splitlines()
    first = tmp_path / "acled-v1.csv"
    first.write_text("\n".join([lines[0], lines[1]]) + "\n")  # police: an associate only
    created = import_acled(panjshir, first, dataset="acled-v")
    again = import_acled(panjshir, first, dataset="acled-v")
    assert again.total("unchanged") == created.total("created")
    newer = tmp_path / "acled-v2.csv"
    promoted = lines[2].replace(",Military Forces of Afghanistan (2004-2021),,State forces",
                                f",{POLICE_NAME},,State forces")  # fmt: skip
    newer.write_text("\n".join([lines[0], lines[1], promoted]) + "\n")
    import_acled(panjshir, newer, dataset="acled-v")
    kind = panjshir.read("MATCH (a {id: $id}) RETURN a.kind AS kind", {"id": POLICE})
    assert kind == [{"kind": "armed_force"}]


def test_an_actor_another_export_defined_is_referred_to_whatever_kind_this_one_guesses(
    panjshir: Graph, tmp_path: Path
) -> None:
    """Police are a main actor (state forces) in one country's export and only an associate
    (kind unknown: organisation) in another's: the second import takes the first's actor
    instead of refusing to redefine it, in either order."""
    lines = CURRENT.read_text().splitlines()
    main = tmp_path / "acled-main.csv"
    main.write_text("\n".join([lines[0], lines[2].replace(
        ",Military Forces of Afghanistan (2004-2021),,State forces",
        f",{POLICE_NAME},,State forces")]) + "\n")  # fmt: skip
    associate = tmp_path / "acled-associate.csv"
    associate.write_text("\n".join([lines[0], lines[1]]) + "\n")  # police: an associate only
    for first, second in ((main, associate), (associate, main)):
        import_acled(panjshir, first, dataset="acled-first")
        import_acled(panjshir, second, dataset="acled-second")
        owner = panjshir.read("MATCH (a {id: $id}) RETURN a.dataset AS d", {"id": POLICE})
        assert owner == [{"d": "acled-first"}]
        for name in ("acled-second", "acled-first"):
            assert run_cli("datasets", "drop", name).returncode == 0


def test_a_name_without_letters_or_digits_and_a_bad_later_coordinate_are_named(
    panjshir: Graph, tmp_path: Path
) -> None:
    """ "?" and "---" would be one actor (their ids and name keys were the same), and a place's
    second row had its coordinates never read."""
    lines = CURRENT.read_text().splitlines()
    path = tmp_path / "acled-odd.csv"
    nameless = lines[2].replace(",Military Forces of Afghanistan (2004-2021),,State forces",
                                ",?,,State forces")  # fmt: skip
    far = lines[3].replace("35.31,69.52", "999,69.52")
    path.write_text("\n".join([lines[0], lines[1], nameless, far]) + "\n")
    assert ",35.31,69.52," in lines[3], "the third row shares the first row's place"
    with pytest.raises(DatasetError) as refused:
        import_acled(panjshir, path, dataset="acled-odd")
    found = {(p.line, p.field): p.message for p in refused.value.problems}
    assert set(found) == {(3, "actor2"), (4, "latitude")}
    assert "'?' has no letters or digits" in found[3, "actor2"]
    assert "'999' is not a latitude" in found[4, "latitude"]
    long_name = "Front " * 90  # 540 characters
    path.write_text("\n".join([lines[0], lines[2].replace("Unidentified Armed Group", long_name),
                               lines[1].replace("AFG201", "AFG 201")]) + "\n")  # fmt: skip
    with pytest.raises(DatasetError) as refused:
        import_acled(panjshir, path, dataset="acled-odd")
    found = {(p.line, p.field): p.message for p in refused.value.problems}
    assert "a name has at most 500" in found[2, "actor1"]
    assert "'AFG 201' is not an event id: up to 100 letters" in found[3, "event_id_cnty"]


def test_an_event_id_given_twice_is_named_once(panjshir: Graph, tmp_path: Path) -> None:
    lines = CURRENT.read_text().splitlines()
    path = tmp_path / "acled-dup.csv"
    path.write_text("\n".join([lines[0], lines[1], lines[2].replace("AFG202", "AFG201")]) + "\n")
    with pytest.raises(DatasetError) as refused:
        import_acled(panjshir, path, dataset="acled-dup")
    assert [str(p).split(": ", 1)[1] for p in refused.value.problems] == [
        "event_id_cnty: 'AFG201' appears twice (first on line 2)"
    ]


def test_an_events_view_in_force_on_a_day_keeps_the_events_with_their_ties(
    panjshir: Graph,
) -> None:
    """Participation is dated as its event: --as-of with --events draws the events of the
    window beside the ties they make, not the ties alone."""
    from datetime import date

    from graph import Filters
    from graph.views import actor_view

    import_acled(panjshir, SAMPLE, dataset="acled-afg")
    chosen = Filters(datasets=["acled-afg"], as_of=date(2021, 9, 30))
    view = actor_view(panjshir, chosen, events=True)
    events = {n["id"] for n in view.nodes if n.get("category") == "event"}
    assert events
    ties = [e for e in view.edges if e.get("event")]
    assert {e["event"] for e in ties} <= events


def test_header_and_cell_faults_that_would_lose_values_are_refused(
    panjshir: Graph, tmp_path: Path
) -> None:
    """Each lost data without a word: a misspelt column (its values unread), half a coordinate
    pair (no place point), a --date-format directive given twice (an internal error); a
    column with no name is read by no one, even twice with different values."""
    lines = CURRENT.read_text().splitlines()
    before = snapshot(panjshir)

    def refused(name: str, text: str, *options: str) -> str:
        path = tmp_path / name
        path.write_text(text)
        result = run_cli("import", "acled", str(path), "--dataset", "acled-f", *options)
        assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
        return " ".join(result.stderr.split())

    misspelt = "\n".join([lines[0].replace(",fatalities,", ",fatalites,"), *lines[1:]]) + "\n"
    assert "has 'fatalites' but no 'fatalities'" in refused("acled-typo.csv", misspelt)
    half = lines[1].replace("35.31,69.52", "35.31,")
    said = refused("acled-half.csv", "\n".join([lines[0], half]) + "\n")
    assert ":2: longitude: empty, while latitude is given" in said
    twice = refused("acled-ok.csv", CURRENT.read_text(), "--date-format", "%d/%m/%Y %d")
    assert "--date-format '%d/%m/%Y %d' does not read back" in twice
    assert snapshot(panjshir) == before
    unnamed = [lines[0] + ",,", *(line + f",x{n},y{n}" for n, line in enumerate(lines[1:]))]
    (tmp_path / "acled-unnamed.csv").write_text("\n".join(unnamed) + "\n")
    kept = run_cli("import", "acled", str(tmp_path / "acled-unnamed.csv"), "--dataset", "acled-f")
    assert kept.returncode == 0, kept.stderr


def test_a_date_format_given_reads_every_date_of_the_file_one_way(tmp_path: Path) -> None:
    """With %Y-%d-%m, 2020-05-09 is 5 September, as 2020-25-09 is 25 September: the built-in
    ISO reading no longer wins for the dates it can read."""
    from graph.parse.acled import parse_date

    assert parse_date("2020-05-09", "%Y-%d-%m") == "2020-09-05"
    assert parse_date("2020-25-09", "%Y-%d-%m") == "2020-09-25"
    assert parse_date("9-May-20", "%Y-%d-%m") == "2020-05-09"  # the spreadsheet's form still


def test_a_source_named_twice_in_a_row_is_cited_once(panjshir: Graph, tmp_path: Path) -> None:
    """'Tolo News; TOLO news' made every relation of the row cite it twice, and `sources`
    counted each claim twice."""
    lines = CURRENT.read_text().splitlines()
    row = lines[1].replace(",Tolo News,", ",Tolo News; TOLO news;  ;---,")
    path = tmp_path / "acled-dup-source.csv"
    path.write_text("\n".join([lines[0], row]) + "\n")
    import_acled(panjshir, path, dataset="acled-ds")
    cited = panjshir.read("MATCH ()-[r {dataset: 'acled-ds'}]->() RETURN collect(r.sources) AS s")[
        0
    ]["s"]
    assert cited and all(len(s) == len(set(s)) for s in cited)


def test_dataset_names_that_slug_alike_keep_their_own_export_source(
    panjshir: Graph, tmp_path: Path
) -> None:
    """ACLED-PAK's export source was acled-pak's (the slug of both): the second import was
    refused, or, from a file of the same name, shared the first one's source."""
    other = tmp_path / "acled-other-name.csv"
    other.write_text(CURRENT.read_text())
    import_acled(panjshir, CURRENT, dataset="acled-pak")
    for name, path in (("ACLED-PAK", other), ("acled pak", CURRENT)):
        import_acled(panjshir, path, dataset=name)
    exports = panjshir.read(
        "MATCH (s:Source) WHERE s.id ENDS WITH '-export' RETURN s.dataset AS d, s.id AS id"
    )
    assert sorted(r["d"] for r in exports) == ["ACLED-PAK", "acled pak", "acled-pak"]
    assert len({r["id"] for r in exports}) == 3


def _dataset_items(graph: Graph, dataset: str) -> list[tuple]:
    """Every relation of ``dataset`` with its ends and fingerprint, and every entity and source
    it owns."""
    relations = graph.read(
        "MATCH (a)-[r {dataset: $d}]->(b) "
        "RETURN a.id AS a, type(r) AS t, b.id AS b, r.content_hash AS h ORDER BY a, t, b, h",
        {"d": dataset},
    )
    nodes = graph.read(
        "MATCH (n {dataset: $d}) WHERE n:Entity OR n:Source "
        "RETURN n.id AS id, n.content_hash AS h ORDER BY id",
        {"d": dataset},
    )
    return [tuple(r.values()) for r in relations] + [tuple(n.values()) for n in nodes]


def _of_event(items: list[tuple], name: str) -> list[tuple]:
    """The items with an end or id that holds ``name``."""
    return [item for item in items if any(name in str(part) for part in item[:3])]


@pytest.mark.parametrize("one_transaction_max", [20_000, 1])  # one transaction; a new generation
def test_a_rejected_row_keeps_its_events_stored_version(
    panjshir: Graph, tmp_path: Path, one_transaction_max: int
) -> None:
    """A re-import with --skip-bad-rows removed the stored version of an event whose new row
    was rejected, as if ACLED had dropped it: a bad row is not a deleted event."""
    dataset = f"acled-held-{one_transaction_max}"
    lines = CURRENT.read_text().splitlines()
    # AFG202 alone in its district and village: their places' links up stay with it
    lines[2] = lines[2].replace("Panjshir,Bazarak,,Bazarak", "Panjshir,Paryan,,Dara")
    first = tmp_path / "acled-first.csv"
    first.write_text("\n".join(lines) + "\n")
    import_acled(panjshir, first, dataset=dataset)
    before = _dataset_items(panjshir, dataset)
    newer = [
        lines[0],
        lines[1].replace("were killed.", "were killed, ACLED revised."),  # AFG201 revised
        lines[2].replace('colleagues.",2', 'colleagues.",many'),  # AFG202: a bad figure
        lines[2].replace("AFG202", "AFG209").replace("2021-09-06", "09/06/2021"),  # new, bad
    ]  # and AFG203 dropped by the newer export
    path = tmp_path / "acled-newer.csv"
    path.write_text("\n".join(newer) + "\n")
    report = import_acled(panjshir, path, dataset=dataset, skip_bad_rows=True,
                          one_transaction_max=one_transaction_max)  # fmt: skip
    assert report.rejected == 2 and report.held == 1
    after = _dataset_items(panjshir, dataset)
    for kept in ("acled-AFG202", "paryan", "dara"):
        assert _of_event(after, kept) == _of_event(before, kept) != [], kept
    assert _of_event(after, "acled-AFG203") == []
    assert _of_event(after, "acled-AFG209") == []
    assert _of_event(after, "acled-AFG201") != _of_event(before, "acled-AFG201")
    assert panjshir.read("MATCH (e {id: 'acled-AFG202'}) RETURN e.fatalities AS f") == [{"f": 2}]
    # the same file again changes nothing, and says why the event is still there
    again = run_cli("import", "acled", str(path), "--dataset", dataset, "--skip-bad-rows")
    assert again.returncode == 0, again.stderr
    assert "2 rows with problems were left out" in again.stdout
    said = " ".join(again.stdout.split())
    assert "1 of their events was in the dataset already and stays as imported before" in said
    assert _dataset_items(panjshir, dataset) == after
    # mended, the row replaces the stored version
    path.write_text("\n".join([newer[0], newer[1], newer[2].replace(",many,", ",3,")]) + "\n")
    mended = import_acled(panjshir, path, dataset=dataset, skip_bad_rows=True)
    assert mended.rejected == 0 and mended.held == 0
    assert panjshir.read("MATCH (e {id: 'acled-AFG202'}) RETURN e.fatalities AS f") == [{"f": 3}]


def test_the_held_events_are_read_from_each_feeds_id_column(tmp_path: Path) -> None:
    from graph.parse.acled import _Acled
    from graph.parse.ucdp import _Ged

    rows = LAYOUT_2015.read_text().splitlines()  # upper-case headers, the id second
    assert _Acled.held_events(LAYOUT_2015, {2, 3}) == {
        f"acled-{row.split(',')[1]}" for row in rows[1:3]
    }
    ged = REPO / "tests" / "data" / "ucdp-ged-sample.csv"
    first = ged.read_text().splitlines()[1].split(",")[0]
    assert _Ged.held_events(ged, {2}) == {f"ucdp-ged-{first}"}
    empty_id = tmp_path / "a.csv"
    empty_id.write_text(CURRENT.read_text().replace("AFG201,", ",", 1))
    assert _Acled.held_events(empty_id, {2}) == set()
    # an API's JSON whose records spell the id's key two ways, and a record that is no object
    import csv
    import json

    records: list = list(csv.DictReader(CURRENT.open(newline="")))
    records[1] = {k.upper(): v for k, v in records[1].items()}
    answer = tmp_path / "acled.json"
    records[2]["fatalities"] = [3]  # a value the import cannot read: its id still holds
    answer.write_text(json.dumps({"data": [*records, 12345]}))
    assert _Acled.held_events(answer, {1, 2, 3, 4}) == {f"acled-AFG20{n}" for n in (1, 2, 3)}
    # a row of more cells than the header (an unquoted comma in its notes)
    lines = CURRENT.read_text().splitlines()
    extra = tmp_path / "extra.csv"
    extra.write_text("\n".join([lines[0], lines[1].replace(",Tolo News,", ",Tolo, News,")]) + "\n")
    assert _Acled.held_events(extra, {2}) == {"acled-AFG201"}


def test_beside_many_actors_an_import_reads_only_those_its_names_need(
    panjshir: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above ALL_ACTORS_MAX actors in the database, an import reads the actors its names may
    stand for and those near its new names, not every one (4 s of a 10,000-row import beside
    60,000 actors). It must find what reading all of them finds: the same report for every
    sample file, the same near names, the same ambiguity."""
    from graph.loader import import_ucdp_ged
    from graph.query import known

    lines = SAMPLE.read_text().splitlines()
    typo = tmp_path / "acled-typo.csv"
    typo.write_text("\n".join([lines[0], lines[1].replace(",Taliban,", ",Talibn,", 1)]) + "\n")
    ambiguous = tmp_path / "acled-ambiguous.csv"
    ambiguous.write_text("\n".join([lines[0], lines[1].replace(",Taliban,", ",Massoud,", 1)]))
    import_acled(panjshir, SAMPLE, dataset="acled-first")  # a second export refers to it
    ged = REPO / "tests" / "data" / "ucdp-ged-sample.csv"
    imports = [(import_acled, path) for path in (SAMPLE, LAYOUT_2015, CURRENT, typo)]

    def reports() -> list:
        said = []
        for how, path in [*imports, (import_ucdp_ged, ged)]:
            report = how(panjshir, path, dataset="beside", dry_run=True)
            said.append((report.summary(), report.references, report.repeats, report.near))
        with pytest.raises(DatasetError) as failure:
            import_acled(panjshir, ambiguous, dataset="beside", dry_run=True)
        return [*said, [str(p) for p in failure.value.problems]]

    every_actor = reports()
    monkeypatch.setattr(known, "ALL_ACTORS_MAX", 0)
    assert reports() == every_actor
    assert "'Talibn' (near taliban)" in every_actor[3][3]


def test_an_unknown_actor_type_is_refused_not_made_an_organisation(
    db: Graph, tmp_path: Path
) -> None:
    """ACLED's inter1/inter2 give actor1/actor2's type; a text not among them was read as no
    type, and the actor became an organisation without a word."""
    text = CURRENT.read_text().replace(",Taliban,,Rebel group,", ",Taliban,,Martians,", 1)
    assert "Martians" in text
    odd = tmp_path / "odd.csv"
    odd.write_text(text)
    with pytest.raises(DatasetError, match=r"odd\.csv:2: inter1: unknown ACLED actor type "
                       r"'Martians'; known: 1 to 8, or state forces"):  # fmt: skip
        import_acled(db, odd, dataset="odd")
    skipped = import_acled(db, odd, dataset="odd", skip_bad_rows=True)
    assert skipped.rejected == 1


def test_codes_a_spreadsheet_wrote_as_decimals_are_read(db: Graph, tmp_path: Path) -> None:
    """A sheet saves the codes 1 and 2 as 1.0 and 2.0; they are the same codes."""
    lines = LAYOUT_2015.read_text().splitlines()
    sheet = lines[1].replace("2015,1,Battle", "2015,1.0,Battle").replace(",Hezb-e-Islami,2,",
                                                                         ",Hezb-e-Islami,2.0,")  # fmt: skip
    sheet = sheet.replace(",69.76,2,", ",69.76,2.00,")
    assert sheet.count(".0") == 3
    path = tmp_path / "sheet.csv"
    path.write_text(lines[0] + "\n" + sheet + "\n")
    import_acled(db, path, dataset="sheet")
    event = db.read("MATCH (e:Event {id: 'acled-AFG101'}) RETURN e.date_precision AS d, "
                    "e.place_precision AS p")  # fmt: skip
    assert event == [{"d": "day", "p": "near"}]
