"""Feeds as their APIs answer: ACLED's JSON (every value text) and UCDP's (numbers typed) give
the graph their CSV exports give; faults in the JSON are named by row and field."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from graph import Graph
from graph.loader import drop, import_acled, import_ucdp_ged

from .conftest import REPO, run_cli, snapshot

ACLED = REPO / "tests" / "data" / "acled-current-layout.csv"
GED = REPO / "tests" / "data" / "ucdp-ged-sample.csv"


def rows_of(path: Path) -> list[dict[str, str]]:
    with path.open(newline="") as handle:
        return list(csv.DictReader(handle))


def acled_answer(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """ACLED's API answer: every value a string, as the API writes them."""
    return {"status": 200, "success": True, "last_update": 12, "count": len(rows),
            "messages": [], "data": rows, "filename": "acled-export"}  # fmt: skip


def typed(value: str) -> Any:
    """A CSV cell as UCDP's API types it: numbers as numbers, an empty cell as null."""
    for kind in (int, float):
        try:
            return kind(value)
        except ValueError:
            pass
    return value or None


def ged_answer(rows: list[dict[str, str]]) -> dict[str, Any]:
    result = [{key: typed(value) for key, value in row.items()} for row in rows]
    return {"TotalCount": len(result), "TotalPages": 1, "PreviousPageUrl": "",
            "NextPageUrl": "", "Result": result}  # fmt: skip


def written(tmp_path: Path, name: str, document: Any, indent: int | None = None) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document, indent=indent))
    return path


def without_inputs(graph: Graph) -> list:
    """The snapshot without load records and the export's own source (its title names the
    file), so that imports of one feed from two files compare."""
    nodes, relations = snapshot(graph)
    ours = [n for n in nodes if not any(f"'{label}'" in n for label in ("Load", "Source"))]
    return [ours, relations]


@pytest.mark.parametrize(
    ("importer", "export", "answer"),
    [(import_acled, ACLED, acled_answer), (import_ucdp_ged, GED, ged_answer)],
    ids=["acled", "ucdp"],
)
def test_an_api_answer_imports_what_the_csv_export_does(
    panjshir: Graph, tmp_path: Path, importer, export: Path, answer
) -> None:
    importer(panjshir, export, dataset="feed")
    from_csv = without_inputs(panjshir)
    drop(panjshir, "feed")
    minified = written(tmp_path, "answer.json", answer(rows_of(export)))
    report = importer(panjshir, minified, dataset="feed")
    assert report.total("created") > 0
    assert without_inputs(panjshir) == from_csv
    indented = written(tmp_path, "answer.json", answer(rows_of(export)), indent=2)  # same name
    again = importer(panjshir, indented, dataset="feed")
    assert again.total("created") == again.total("updated") == again.total("removed") == 0


def test_a_saved_list_of_rows_is_an_export_too(panjshir: Graph, tmp_path: Path) -> None:
    path = written(tmp_path, "rows.json", rows_of(ACLED))
    report = import_acled(panjshir, path, dataset="feed")
    assert report.by_category["event"]["created"] == 3


def test_bad_json_rows_are_named_by_row_and_field_and_can_be_set_aside(
    panjshir: Graph, tmp_path: Path
) -> None:
    rows: list[dict[str, Any]] = rows_of(ACLED)
    good = len(rows)
    rows.append(dict(rows[0], event_id_cnty="AFG301", fatalities=["6"]))  # row 4
    rows.append(dict(rows[1], event_id_cnty=None))  # row 5: a required value missing
    rows.append(dict(rows[2], event_id_cnty="AFG303", notes="a \x00 in it"))  # row 6
    path = written(tmp_path, "answer.json", acled_answer(rows))
    before = snapshot(panjshir)
    refused = run_cli("import", "acled", str(path))
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert "3 problems in the input; nothing was written." in refused.stderr
    for named in ("answer.json:4: fatalities: a list, not text or a number",
                  "answer.json:5: event_id_cnty: required cell is empty",
                  "answer.json:6: notes: contains a NUL character"):  # fmt: skip
        assert named in refused.stderr.replace("\n", " ")
    assert snapshot(panjshir) == before
    skipped = run_cli("import", "acled", str(path), "--dataset", "feed", "--skip-bad-rows")
    assert skipped.returncode == 0, skipped.stderr
    assert "3 rows with problems were left out" in skipped.stdout
    events = panjshir.read("MATCH (e:Event {dataset: 'feed'}) RETURN count(e) AS n")
    assert events == [{"n": good}]
    with (tmp_path / "answer.json.rejected.csv").open(newline="") as handle:
        rejected = list(csv.DictReader(handle))
    assert [row["reason"].split(":")[0] for row in rejected] == ["record 4", "record 5", "record 6"]
    assert rejected[1]["event_date"] == rows[4]["event_date"]  # each row as it was


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('{"data": [{"event_id_cnty": "A1"}', "answer.json:1: not valid JSON"),
        ('{"status": 403, "success": false, "error": {"message": "Access denied"}}',
         "an API's error answer, not data: {\"message\": \"Access denied\"}"),
        ('{"rows": []}', "JSON without a list of rows: expected the key data or Result"),
        ('{"data": []}', "no rows: an ACLED export's JSON lists at least one"),
        ('{"data": {"a": 1}}', "the rows should be a list, not dict"),
        ('{"success": true, "data": null}', "the rows should be a list, not null"),
        ('[{"event_id_cnty": "A1", "event_date": "2021-01-01", "event_type": "Battles", '
         '"actor1": "A", "actor1": "B"}]', "answer.json:1: actor1: the row gives this key twice"),
        ('[1, 2]', "answer.json:1: a row is an object of columns, not int"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('[{"event_id_cnty": "A1"}]', "not an ACLED export: missing columns"),
        ('{"TotalCount": 1000, "TotalPages": 200, "NextPageUrl": "https://x/?page=1", '
         '"Result": [{"id": 1}]}', "one page of an API answer (1 of 1,000 rows; TotalPages 200)"),
    ],
    ids=["broken", "api-error", "no-rows-key", "empty", "not-a-list", "null", "key-twice", "not-objects",
         "deep", "not-acled", "one-page"],
)  # fmt: skip
def test_json_that_is_no_feed_is_refused_clearly(
    db: Graph, tmp_path: Path, text: str, said: str
) -> None:
    path = tmp_path / "answer.json"
    path.write_text(text)
    result = run_cli("import", "acled", str(path), "--dry-run")
    assert result.returncode == 2, result.stderr
    assert said in " ".join(result.stderr.split()) and "Traceback" not in result.stderr


def test_pages_joined_into_the_first_pages_answer_are_whole() -> None:
    from graph.parse.tables import _one_page

    joined = {"TotalCount": 2, "TotalPages": 2, "NextPageUrl": "https://x/?page=1"}
    assert _one_page(joined, [{}, {}]) is None
    assert "1 of 2 rows" in (_one_page(joined, [{}]) or "")
    assert _one_page({"NextPageUrl": "https://x/?page=1"}, [{}]) is not None


def test_rows_may_spell_a_column_their_own_way_but_not_give_it_twice(
    panjshir: Graph, tmp_path: Path
) -> None:
    """JSON rows each carry their own keys: `Event_Date` in one row, `event_date` in another,
    or the 2015 `ally_actor_1` beside `assoc_actor_1`, are one column, and no row loses its
    value to another's spelling; a row giving one column two values is that row's problem."""
    rows: list[dict[str, Any]] = rows_of(ACLED)
    first = rows[0]
    rows[0] = {("Event_Date" if k == "event_date" else k): v for k, v in first.items()}
    rows[1] = {("ally_actor_1" if k == "assoc_actor_1" else k): v for k, v in rows[1].items()}
    path = written(tmp_path, "answer.json", acled_answer(rows))
    import_acled(panjshir, path, dataset="feed")
    spelled = without_inputs(panjshir)
    drop(panjshir, "feed")
    import_acled(panjshir, ACLED, dataset="feed")
    assert without_inputs(panjshir) == spelled
    rows.append(dict(first, event_id_cnty="AFG309", Event_Date="2021-09-09"))
    rows.append(dict(first, event_id_cnty="AFG310", fatalities="HUGE"))
    path = written(tmp_path, "answer.json", acled_answer(rows))
    path.write_text(path.read_text().replace('"HUGE"', "9" * 5000))  # more digits than int() takes
    result = run_cli("import", "acled", str(path), "--dataset", "feed", "--dry-run")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    said = " ".join(result.stderr.split())
    assert (
        "answer.json:4: event_date: two columns give event_date: '2021-09-09' and '2021-09-05'"
        in said
    )
    assert "answer.json:5: fatalities:" in said


def test_what_only_json_can_hold_or_a_bad_output_path_stops_before_anything_is_written(
    panjshir: Graph, tmp_path: Path
) -> None:
    rows: list[dict[str, Any]] = rows_of(ACLED)
    rows.append(dict(rows[0], event_id_cnty="AFG304", actor1="\ud800x"))  # row 4: half a pair
    rows.append(dict(rows[1]))  # row 5: the event of row 2 again
    path = written(tmp_path, "answer.json", acled_answer(rows))
    before = snapshot(panjshir)
    refused = run_cli("import", "acled", str(path), "--problems", str(path))
    assert refused.returncode == 2 and "is an input file" in refused.stderr
    assert json.loads(path.read_text())["data"] == rows  # the input is as it was
    refused = run_cli("import", "acled", str(path))
    said = " ".join(refused.stderr.split())
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert "answer.json:4: actor1: holds half of a UTF-16 pair" in said
    assert "answer.json:5: event_id_cnty: 'AFG202' appears twice (first on record 2)" in said
    rejected = tmp_path / "answer.json.rejected.csv"
    rejected.mkdir()
    blocked = run_cli("import", "acled", str(path), "--dataset", "feed", "--skip-bad-rows")
    assert blocked.returncode == 2 and "it is not a file. Nothing was imported" in blocked.stderr
    assert snapshot(panjshir) == before
    rejected.rmdir()
    skipped = run_cli("import", "acled", str(path), "--dataset", "feed", "--skip-bad-rows")
    assert skipped.returncode == 0, skipped.stderr
    with rejected.open(newline="", encoding="utf-8") as handle:
        kept = list(csv.DictReader(handle))
    assert [row["actor1"] for row in kept] == ["\\ud800x", rows[1]["actor1"]]


def test_a_key_that_is_no_text_is_the_files_problem_and_problem_files_hold_no_escapes(
    panjshir: Graph, tmp_path: Path
) -> None:
    """A key with half a UTF-16 pair: with --skip-bad-rows the import was written, then writing
    the rejected rows' header failed (exit 70); with --problems, writing the list failed.
    Problems quoting escape sequences wrote them raw into the --problems file."""
    rows: list[dict[str, Any]] = rows_of(ACLED)
    rows[1] = dict(rows[1], **{"\ud800x": "1"})
    path = written(tmp_path, "keys.json", acled_answer(rows))
    listed = tmp_path / "problems.txt"
    before = snapshot(panjshir)
    for options in (["--skip-bad-rows"], ["--problems", str(listed)]):
        refused = run_cli("import", "acled", str(path), "--dataset", "keys", *options)
        assert refused.returncode == 2, refused.stderr
        assert 'the key "\\ud800x" holds a NUL or half of a UTF-16 pair' in refused.stderr
    assert snapshot(panjshir) == before and not (tmp_path / "keys.json.rejected.csv").exists()
    assert "\\ud800x" in listed.read_text(encoding="utf-8")
    rows = rows_of(ACLED)
    rows[1] = dict(rows[1], event_date="\x1b[31mred\x1b]8;;http://x\x07")
    path = written(tmp_path, "escapes.json", acled_answer(rows))
    refused = run_cli("import", "acled", str(path), "--problems", str(listed))
    assert refused.returncode == 2
    text = listed.read_text(encoding="utf-8")
    assert "\\x1b[31mred" in text and "\x1b" not in text and "\x07" not in text
