"""Bad input is reported with file, line and field, all problems at once; no database needed."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import DatasetError, Problem
from graph.parse.files import RawDataset, RawRecord
from graph.parse.located import MAX_CSV_BYTES, MAX_YAML_BYTES
from graph.validate import MAX_PROBLEMS, build_dataset, validate_paths
from graph.vocabulary import load_vocabulary

from .conftest import PANJSHIR, run_cli

GOOD = """\
dataset: tiny
sources:
  - id: s1
    title: A report
    reliability: B
actors:
  - id: a
    name: Alpha Front
    kind: armed_group
    aliases: [AF]
  - id: b
    name: Bravo State
    kind: state
places:
  - id: p
    name: Pass
    kind: area
relations:
  - from: Bravo State
    term: supports
    subtype: military
    to: AF
    since: 2021-08
    claimant: a
    sources: [s1]
    evidence: Bravo sends arms.
    credibility: 2
    confidence: 0.7
"""


def problems_of(tmp_path: Path, text: str, name: str = "data.yaml") -> list[Problem]:
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(DatasetError) as failure:
        validate_paths([path])
    return failure.value.problems


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, problems
    return problems[0]


def test_the_good_example_and_the_bundled_dataset_validate(tmp_path: Path) -> None:
    path = tmp_path / "data.yaml"
    path.write_text(GOOD)
    assert validate_paths([path]).counts()["relations"] == 1
    counts = validate_paths([PANJSHIR]).counts()
    assert counts == {"actors": 25, "places": 9, "events": 7, "sources": 6, "relations": 85}


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    problem = only(problems_of(tmp_path, GOOD.replace("    title: A report", "    title: [A")))
    assert problem.file.endswith("data.yaml") and problem.line in (5, 6)
    assert "YAML" in problem.message


def test_unknown_field_is_named_with_its_line(tmp_path: Path) -> None:
    problem = only(
        problems_of(tmp_path, GOOD.replace("    kind: state", "    kind: state\n    colour: red"))
    )
    assert (problem.line, problem.field) == (14, "colour")
    assert "unknown field" in problem.message


def test_a_dataset_name_that_is_not_text_says_what_it_is(tmp_path: Path) -> None:
    """Not the YAML reader's own class (it said "not LocatedList ['a', 'b']")."""
    assert GOOD.startswith("dataset: ")
    named = GOOD.replace(GOOD.splitlines()[0], "dataset: [a, b]", 1)
    assert "not list ['a', 'b']" in only(problems_of(tmp_path, named)).message


def test_missing_id(tmp_path: Path) -> None:
    problem = only(problems_of(tmp_path, GOOD.replace("  - id: b\n    name", "  - name")))
    assert (problem.line, problem.field, problem.message) == (11, "id", "required field is missing")


def test_unknown_actor_suggests_the_close_name(tmp_path: Path) -> None:
    problem = only(problems_of(tmp_path, GOOD.replace("from: Bravo State", "from: Bravo Stat")))
    assert (problem.line, problem.field) == (19, "from")
    assert (
        "no actor is called 'Bravo Stat'" in problem.message and "did you mean b" in problem.message
    )


def test_ambiguous_alias_lists_the_candidates(tmp_path: Path) -> None:
    text = GOOD.replace("    kind: state", "    kind: state\n    aliases: [AF]")
    problem = only(problems_of(tmp_path, text))
    assert problem.field == "to" and "ambiguous" in problem.message
    assert "a (Alpha Front" in problem.message and "b (Bravo State" in problem.message


def test_unknown_relation_term(tmp_path: Path) -> None:
    problem = only(problems_of(tmp_path, GOOD.replace("term: supports", "term: suports")))
    assert (problem.line, problem.field) == (20, "term")
    assert "did you mean supports" in problem.message


def test_bad_date(tmp_path: Path) -> None:
    problem = only(problems_of(tmp_path, GOOD.replace("since: 2021-08", "since: August 2021")))
    assert (problem.line, problem.field) == (23, "since")
    assert "is not a date" in problem.message
    # quoted whole, not the piece between slashes that failed
    problem = only(problems_of(tmp_path, GOOD.replace("since: 2021-08", "since: 2021/09/01")))
    assert problem.message.startswith("'2021/09/01' is not a date")


def test_until_before_since_is_refused_and_overlapping_partial_dates_are_not(
    tmp_path: Path,
) -> None:
    swapped = GOOD.replace("since: 2021-08", "since: 2021-08\n    until: 2020")
    problem = only(problems_of(tmp_path, swapped))
    assert (problem.line, problem.field) == (24, "until")
    assert "2020 is before since (2021-08)" in problem.message
    actor = GOOD.replace("kind: state", "kind: state\n    since: 2001\n    until: 1996-09-27")
    problem = only(problems_of(tmp_path, actor))
    assert (problem.line, problem.field) == (15, "until")
    overlapping = GOOD.replace(
        "kind: state", "kind: state\n    since: 1996-09-27\n    until: 1996-09"
    )
    (tmp_path / "ok.yaml").write_text(
        overlapping.replace("since: 2021-08", "since: 2021-08\n    until: 2021")
    )
    validate_paths([tmp_path / "ok.yaml"])  # raises nothing


def test_a_name_without_letters_or_digits_is_one_problem(tmp_path: Path) -> None:
    """'?' and '---' fold to no name at all: they could not be told apart. The relation that
    names the entity by its id adds no second problem."""
    problem = only(problems_of(tmp_path, GOOD.replace("name: Alpha Front", 'name: "?"')))
    assert (problem.line, problem.field) == (8, "name")
    assert "'?' has no letters or digits" in problem.message
    alias = only(problems_of(tmp_path, GOOD.replace("aliases: [AF]", "aliases: [AF, '---']")))
    assert alias.field == "aliases"


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("credibility: 2", "credibility: 7", "credibility"),
        ("confidence: 0.7", "confidence: 1.5", "confidence"),
        ("reliability: B", "reliability: G", "reliability"),
    ],
)
def test_grades_out_of_range(tmp_path: Path, old: str, new: str, field: str) -> None:
    problem = only(problems_of(tmp_path, GOOD.replace(old, new)))
    assert problem.field == field


def test_a_confidence_of_nan_is_said_to_be_no_number(tmp_path: Path) -> None:
    """NaN failed `at most 1` and was reported as too large."""
    problem = only(problems_of(tmp_path, GOOD.replace("confidence: 0.7", "confidence: .nan")))
    assert (problem.field, problem.message) == ("confidence", "Input should be a finite number")


def test_duplicate_id(tmp_path: Path) -> None:
    problem = only(problems_of(tmp_path, GOOD.replace("  - id: b\n", "  - id: a\n")))
    assert (problem.line, problem.field) == (11, "id")
    assert "duplicate id 'a': first defined at" in problem.message


def test_relation_to_itself_where_the_term_forbids_it(tmp_path: Path) -> None:
    problem = only(problems_of(tmp_path, GOOD.replace("to: AF", "to: Bravo State")))
    assert problem.field == "to" and "cannot relate 'b' to itself" in problem.message


def test_wrong_end_category_is_refused(tmp_path: Path) -> None:
    problem = only(problems_of(tmp_path, GOOD.replace("to: AF", "to: Pass")))
    assert problem.field == "to" and "supports wants actor" in problem.message


def test_unknown_source_and_subtype(tmp_path: Path) -> None:
    text = GOOD.replace("sources: [s1]", "sources: [s9]").replace("military", "moral")
    fields = {p.field for p in problems_of(tmp_path, text)}
    assert fields == {"sources", "subtype"}


def test_duplicate_key_is_an_error_not_a_silent_overwrite(tmp_path: Path) -> None:
    problem = only(
        problems_of(tmp_path, GOOD.replace("    kind: state", "    kind: state\n    kind: person"))
    )
    assert problem.line == 14 and "appears twice" in problem.message


def test_yaml_aliases_are_refused_so_no_billion_laughs(tmp_path: Path) -> None:
    bomb = 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\n'
    problem = only(problems_of(tmp_path, bomb))
    assert "aliases" in problem.message


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = (
        GOOD.replace("kind: state", "kind: statez")
        .replace("credibility: 2", "credibility: 0")
        .replace("since: 2021-08", "since: soon")
    )
    problems = problems_of(tmp_path, text)
    assert {p.field for p in problems} >= {"kind", "credibility", "since"}


def test_names_and_ids_are_checked_in_records_refused_for_other_fields(tmp_path: Path) -> None:
    """Mending the fields used to bring a second list: the duplicate id of an actor with a bad
    kind, and the unknown names and sources of relations with a bad value."""
    (tmp_path / "t.yaml").write_text(
        "dataset: t\nsources:\n  - {id: s1, title: Notes, reliability: C}\nactors:\n"
        "  - {id: a1, name: Alpha, kind: armed_grup}\n"
        "  - {id: a1, name: Alpha Again, kind: armed_group}\n"
        "  - {id: b, name: Bravo, kind: armed_group}\n"
        "places:\n  - {id: bravo-town, name: Bravo, kind: city}\nrelations:\n"
        "  - {from: Bravo, term: fights, to: Charlie, claimant: Bravo, sources: [' s1', s2],"
        " evidence: x, credibility: 3, confidence: 1.5}\n"
    )
    with pytest.raises(DatasetError) as failure:
        validate_paths([tmp_path / "t.yaml"])
    found = {(p.line, p.field) for p in failure.value.problems}
    # not "Bravo is ambiguous" (the actor or the town: the term, unread, would tell), not ' s1'
    assert found == {(5, "kind"), (6, "id"), (11, "confidence"), (11, "to"), (11, "sources")}


def test_a_record_refused_for_a_field_still_has_its_ends_read_by_its_term(tmp_path: Path):
    """A relation with a bad confidence had its ends checked against every category, so a
    place where the term wants an actor was found only once the confidence was mended."""
    (tmp_path / "t.yaml").write_text(
        "dataset: t\nsources:\n  - {id: s1, title: Notes, reliability: C}\nactors:\n"
        "  - {id: a, name: Alpha, kind: armed_group}\n"
        "places:\n  - {id: kabul, name: Kabul, kind: city}\nrelations:\n"
        "  - {from: Alpha, term: fights, to: Kabul, claimant: Alpha, sources: [s1],"
        " evidence: x, credibility: 3, confidence: 1.5}\n"
        "  - {from: Alpha, term: fights, to: Kabul, claimant: Alpha, sources: [s1],"
        " evidence: x, credibility: 3, confidence: 0.5}\n"
        "  - {from: Alpha, term: hates, to: Alpha, claimant: Alpha, sources: [s1],"
        " evidence: x, credibility: 9, confidence: 0.5}\n"
        "  - {from: Alpha, term: fights, subtype: feud, to: Alpha, claimant: Alpha,"
        " sources: [s1], evidence: x, credibility: 9, confidence: 0.5}\n"
    )
    with pytest.raises(DatasetError) as failure:
        validate_paths([tmp_path / "t.yaml"])
    found = {(p.line, p.field): p.message for p in failure.value.problems}
    assert set(found) == {(9, "confidence"), (9, "to"), (10, "to"), (11, "credibility"),
                          (11, "term"), (12, "credibility"), (12, "subtype"), (12, "to")}  # fmt: skip
    assert found[(12, "to")] == "fights cannot relate 'a' to itself"
    assert found[(11, "term")].startswith("unknown relation term 'hates'")
    assert found[(9, "to")] == found[(10, "to")] and "fights wants actor" in found[(9, "to")]


def test_csv_rows_report_their_line_including_quoted_newlines(tmp_path: Path) -> None:
    (tmp_path / "actors.csv").write_text(
        'id,name,kind,description\na,Alpha,armed_group,"two\nlines"\nb,Bravo,stat,\nc,Charlie\n'
    )
    with pytest.raises(DatasetError) as failure:
        validate_paths([tmp_path])
    problems = {(p.line, p.field) for p in failure.value.problems}
    assert problems == {(4, "kind"), (5, None)}


def test_a_csv_column_no_row_gives_is_one_problem_at_the_header(tmp_path: Path) -> None:
    """A file without its `kind` column was a problem per row (300 for 300 rows)."""
    rows = "".join(f"a{n},Alpha {n}\n" for n in range(300))
    (tmp_path / "actors.csv").write_text("id,name\n" + rows + "b,Bravo,state\n")
    with pytest.raises(DatasetError) as failure:
        validate_paths([tmp_path])
    problems = {(p.line, p.field): p.message for p in failure.value.problems}
    assert problems.keys() == {(1, "kind"), (302, None)}  # and the row with a cell too many
    assert "no row gives it (300 rows)" in problems[1, "kind"]
    # one row without it is that row's problem, as before
    (tmp_path / "actors.csv").write_text("id,name,kind\na,Alpha,\nb,Bravo,state\n")
    with pytest.raises(DatasetError) as failure:
        validate_paths([tmp_path])
    assert [(p.line, p.field) for p in failure.value.problems] == [(2, "kind")]


def test_a_missing_column_in_a_big_file_leaves_every_row_checked(tmp_path: Path) -> None:
    """Past the problem limit (10,000), a file missing a column was 10,000 problems of that
    column, and its other rows went unchecked; the header problem no longer counts per row."""
    (tmp_path / "actors.csv").write_text("id,name,kind\na,Alpha,state\nb,Bravo,state\n")
    (tmp_path / "sources.csv").write_text("id,title,reliability\ns1,Notes,C\n")
    rows = "".join(f"a,supports,b,a,s1,seen {n},3\n" for n in range(MAX_PROBLEMS + 5))
    (tmp_path / "relations.csv").write_text(
        "from,term,to,claimant,sources,evidence,credibility\n" + rows + "a,supports,b,a,s1,x,9\n"
    )
    with pytest.raises(DatasetError) as failure:
        validate_paths([tmp_path])
    found = [(p.line, p.field) for p in failure.value.problems]
    assert found == [(1, "confidence"), (MAX_PROBLEMS + 7, "credibility")]
    assert f"no row gives it ({MAX_PROBLEMS + 6:,} rows)" in failure.value.problems[0].message


def test_a_column_headed_by_its_field_name_is_given_and_sections_are_looked_at_alone(
    tmp_path: Path,
) -> None:
    """`from_` is accepted for `from`: a file headed so is not missing its column. A feed's file
    holds several sections: one's missing field hides no problem of another's rows."""
    (tmp_path / "actors.csv").write_text("id,name,kind\na,Alpha,state\nb,Bravo,state\n")
    (tmp_path / "sources.csv").write_text("id,title,reliability\ns1,Notes,C\n")
    (tmp_path / "relations.csv").write_text(
        "from_,term,to,claimant,sources,evidence,credibility,confidence\n"
        "a,supports,b,a,s1,x,3,0.5\nb,supports,a,a,s1,y,3,0.5\n"
    )
    assert len(validate_paths([tmp_path]).relations) == 2
    feed = "feed.csv"
    raw = RawDataset("f", [Path(feed)], records=[
        RawRecord("actors", {"id": "a", "kind": "state"}, feed, 2),  # no name, in every actor
        RawRecord("actors", {"id": "b", "kind": "state"}, feed, 3),
        RawRecord("events", {"id": "e1", "name": "E", "kind": "battle"}, feed, 2),
        RawRecord("events", {"id": "e2", "kind": "battle"}, feed, 3),  # no name: its own
    ])  # fmt: skip
    with pytest.raises(DatasetError) as failure:
        build_dataset(raw, known=None, vocabulary=load_vocabulary())
    found = {(p.line, p.field, p.message[:20]) for p in failure.value.problems}
    assert found == {(1, "name", "no row gives it (2 r"), (3, "name", "required field is mi")}


def test_an_unknown_column_and_a_bad_default_are_each_said_once(tmp_path: Path) -> None:
    """A misspelt header (`To `) was an unknown field per row, and a bad default the same
    problem per row: 10,000 of them filled the problem limit ("stopped checking relations
    here"), though only the few distinct ones were shown."""
    (tmp_path / "dataset.yaml").write_text(
        "dataset: d\ndefaults:\n  credibility: 9\n  claimant: a\n  sources: [s1]\n"
        "  evidence: x\n  confidence: 0.5\n"
        "actors:\n  - {id: a, name: Alpha, kind: state}\n  - {id: b, name: Bravo, kind: state}\n"
        "sources:\n  - {id: s1, title: Notes, reliability: C}\n"
    )
    rows = "".join("a,supports,b\n" for _ in range(MAX_PROBLEMS + 5))
    (tmp_path / "relations.csv").write_text("from,term,to\n" + rows)
    (tmp_path / "more-relations.csv").write_text(
        "from,term,To ,credibility\n" + "a,supports,b,3\n" * 3
    )
    with pytest.raises(DatasetError) as failure:
        validate_paths([tmp_path])
    found = {(Path(p.file).name, p.line, p.field): p.message for p in failure.value.problems}
    assert set(found) == {
        ("dataset.yaml", 3, "credibility"),  # once, not per row, and no "stopped checking"
        ("more-relations.csv", 1, "To"),  # once, at the header
        ("more-relations.csv", 1, "to"),  # which the file then lacks
    }
    assert found["more-relations.csv", 1, "To"].startswith("unknown field (did you mean to?);")


def test_invalid_utf8_and_nul_bytes_are_named(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_bytes(b"dataset: x\nactors: \xff\xfe\n")
    (tmp_path / "b.yaml").write_bytes(b"dataset: x\n\x00\n")
    with pytest.raises(DatasetError) as failure:
        validate_paths([tmp_path / "a.yaml", tmp_path / "b.yaml"])
    messages = [str(p) for p in failure.value.problems]
    assert any("a.yaml:2" in m and "UTF-8" in m for m in messages)
    assert any("b.yaml:2" in m and "NUL" in m for m in messages)


def test_validate_command_lists_problems_and_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "data.yaml"
    path.write_text(GOOD.replace("term: supports", "term: suports"))
    result = run_cli("validate", str(path))
    assert result.returncode == 2
    assert f"{path}:20: term: unknown relation term 'suports'" in result.stderr
    ok = run_cli("validate", str(PANJSHIR))
    assert ok.returncode == 0 and "25 actors" in ok.stdout


@pytest.mark.parametrize(
    ("name", "limit"), [("big.yaml", MAX_YAML_BYTES), ("big-relations.csv", MAX_CSV_BYTES)]
)
def test_a_file_over_the_size_limit_is_refused_with_what_to_do(
    tmp_path: Path, name: str, limit: int
) -> None:
    big = tmp_path / name
    with open(big, "wb") as sparse:  # sparse: no disk space used, refused before reading
        sparse.truncate(limit + 1)
    with pytest.raises(DatasetError) as refused:
        validate_paths([big])
    [problem] = refused.value.problems
    assert problem.file == str(big)
    assert f"the limit is {limit:,}" in problem.message
    assert "split it into several files" in problem.message


# -- large and hostile files: refused at the first fault, with its line (issue 16, item 8) ------
def test_a_csv_is_refused_at_an_oversize_field_or_line_without_reading_on(tmp_path: Path) -> None:
    from graph.parse.csvfile import MAX_FIELD, MAX_LINE

    field = tmp_path / "field" / "actors.csv"
    field.parent.mkdir()
    field.write_text(f'id,name,kind\na,A,person\nb,"{"x" * (MAX_FIELD + 1)}",person\n')
    line = tmp_path / "line" / "actors.csv"
    line.parent.mkdir()
    line.write_text("id,name,kind\na,A,person\nb,B,person\n" + "y" * (MAX_LINE + 5) + "\n")
    for folder, where, message in ((field.parent, 3, "field larger than field limit"),
                                   (line.parent, 4, "line longer than")):  # fmt: skip
        with pytest.raises(DatasetError) as refused:
            validate_paths([folder])
        [problem] = refused.value.problems
        assert (problem.line, message in problem.message) == (where, True), problem


def test_csv_bytes_that_are_not_utf8_or_nul_name_their_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    rows = b"".join(b"a%d,Actor %d,person\n" % (i, i) for i in range(5000))
    (bad / "actors.csv").write_bytes(b"id,name,kind\n" + rows + b"z,Z\xff,person\n")
    (bad / "sources.csv").write_bytes(b"id,title,reliability\ns,T\x00,B\n")
    with pytest.raises(DatasetError) as refused:
        validate_paths([bad])
    found = {(Path(p.file).name, p.line): p.message for p in refused.value.problems}
    assert "not valid UTF-8" in found[("actors.csv", 5002)]
    assert "NUL" in found[("sources.csv", 2)]


def test_a_csv_changed_between_hashing_and_parsing_is_refused(tmp_path: Path) -> None:
    from graph.loader.pipeline import read_files
    from graph.parse.files import read_dataset

    path = tmp_path / "actors.csv"
    path.write_text("id,name,kind\na,A,person\n")
    contents, digests = read_files([path])
    assert path in digests and path not in contents  # CSV is hashed, never held in memory
    path.write_text("id,name,kind\na,Changed,person\n")
    raw = read_dataset([path], "x", contents, digests)
    assert [p.message for p in raw.problems] == [
        "the file changed while it was being read; run the command again"
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("dataset: x\n---\ndataset: y\n", "expected a single document"),
        ("dataset: !!python/name:os.system x\n", "tags such as"),
        ("dataset: x\nactors: !!set {a, b}\n", "tags such as tag:yaml.org,2002:set"),
        ("dataset: x\nactors: !custom [1]\n", "tags such as !custom"),
        ("dataset: x\nactors:\n  - &a {id: a}\n  - *a\n", "anchors and aliases"),
    ],
)
def test_yaml_beyond_plain_data_is_refused_with_its_line(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(text)
    with pytest.raises(DatasetError) as refused:
        validate_paths([path])
    [problem] = refused.value.problems
    assert message in problem.message and problem.line, problem


def test_input_the_free_memory_cannot_check_is_refused_before_reading(tmp_path: Path) -> None:
    from graph.parse.located import MEMORY_PER_BYTE, fits_in_memory

    yaml_file, csv_file = tmp_path / "a.yaml", tmp_path / "relations.csv"
    yaml_file.write_bytes(b"#" * 1_000_000)
    csv_file.write_bytes(b"#" * 2_000_000)
    need = MEMORY_PER_BYTE["yaml"] * 1_000_000 + MEMORY_PER_BYTE["csv"] * 2_000_000
    assert fits_in_memory([yaml_file, csv_file], available=need) is None
    problem = fits_in_memory([yaml_file, csv_file], available=need - 1)
    assert problem is not None and problem.file == "2 files"
    assert "checking 3 MB of input takes about 0.1 GiB of memory" in problem.message
    assert "load the files as several datasets" in problem.message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("id: !!int abc", "'abc' is not a valid int"),
        ("extends: !!bool maybe", "'maybe' is not a valid bool"),
        ("x: !!map abc", "tags such as tag:yaml.org,2002:map are not allowed"),
        ("x: !!binary aGVsbG8=", "binary values (!!binary) are not allowed"),
        ("<<: {a: 1}", "merge keys (<<) are not allowed"),
        ("x: =", "a bare = is not a value"),
    ],
)
def test_yaml_tags_that_cannot_be_read_are_named_not_a_crash(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(f"dataset: x\nactors:\n  - {{id: a, name: A, kind: person}}\n{text}\n")
    with pytest.raises(DatasetError) as refused:
        validate_paths([path])
    [problem] = refused.value.problems
    assert problem.line == 4 and message in problem.message


def test_devices_and_pipes_are_not_read_as_input(tmp_path: Path) -> None:
    import os

    (tmp_path / "zero.yaml").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "relations.csv")
    for name in ("zero.yaml", "relations.csv"):
        with pytest.raises(DatasetError) as refused:
            validate_paths([tmp_path / name])
        assert "not a regular file" in refused.value.problems[0].message


def test_a_csv_quote_left_open_is_an_error_not_a_swallowed_file(tmp_path: Path) -> None:
    folder = tmp_path / "open"
    folder.mkdir()
    (folder / "actors.csv").write_text(
        'id,name,kind,note\na,A,person,"never closed\nb,B,person,x\nc,C,person,y\n'
    )
    with pytest.raises(DatasetError) as refused:
        validate_paths([folder])
    [problem] = refused.value.problems
    assert problem.line == 2 and "CSV: unexpected end of data" in problem.message
