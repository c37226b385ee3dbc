"""Several datasets in one database: listed, filtered, dropped; the others stay as they were."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from graph import Filters, Graph, select
from graph.errors import UnknownDatasetError
from graph.loader import datasets, drop, load

from .conftest import PANJSHIR, data_snapshot, run_cli, snapshot

OTHER = """\
dataset: other
sources:
  - {id: src-other, title: A colleague's notes, reliability: C}
actors:
  - {id: other-militia, name: Other Militia, kind: armed_group}
relations:
  - {from: Other Militia, term: fights, to: Taliban, claimant: Other Militia,
     sources: [src-other], evidence: Their own account., credibility: 4, confidence: 0.3}
  - {from: NRF, term: supports, to: Other Militia, claimant: Other Militia,
     sources: [src-other], evidence: Their own account., credibility: 5, confidence: 0.2}
"""


@pytest.fixture
def two(panjshir: Graph, tmp_path: Path) -> Graph:
    path = tmp_path / "other.yaml"
    path.write_text(OTHER)
    load(panjshir, [path])
    return panjshir


without_loads = data_snapshot


def test_datasets_list_counts_what_each_owns_and_shares(two: Graph) -> None:
    found = {info.name: info for info in datasets(two)}
    assert sorted(found) == ["other", "panjshir"]
    assert (found["other"].entities, found["other"].relations, found["other"].sources) == (1, 2, 1)
    assert found["other"].shared == 2  # Taliban and NRF belong to panjshir
    assert (found["panjshir"].entities, found["panjshir"].relations) == (41, 85)
    listed = run_cli("datasets", "list", "-o", "json")
    assert listed.returncode == 0, listed.stderr
    assert [row["name"] for row in json.loads(listed.stdout)] == ["other", "panjshir"]
    shown = run_cli("datasets", "show", "other")
    assert shown.returncode == 0 and "relations  2" in shown.stdout


def test_filters_choose_datasets(two: Graph, tmp_path: Path) -> None:
    only = select(two, Filters(datasets=["other"]))
    assert {e["dataset"] for e in only.edges} == {"other"} and len(only.edges) == 2
    assert {n["id"] for n in only.nodes} == {"other-militia", "taliban", "nrf"}
    rest = select(two, Filters(exclude_datasets=["other"]))
    assert {e["dataset"] for e in rest.edges} == {"panjshir"} and len(rest.edges) == 85
    out = tmp_path / "other.html"
    result = run_cli("render", "--dataset", "other", "--out", str(out))
    assert result.returncode == 0 and "(3 nodes, 2 relations)" in result.stdout
    assert "datasets: other" in out.read_text()
    # A named query told of a dataset there is not refuses too: a typo is no empty answer.
    typo = run_cli("query", "--name", "sources", "--dataset", "othre")
    assert typo.returncode == 2 and "No dataset named 'othre'" in typo.stderr


def test_dropping_a_dataset_leaves_the_others_exactly_as_they_were(
    panjshir: Graph, tmp_path: Path
) -> None:
    alone = without_loads(panjshir)
    path = tmp_path / "other.yaml"
    path.write_text(OTHER)
    load(panjshir, [path])
    before = snapshot(panjshir)
    dry = run_cli("datasets", "drop", "other", "--dry-run")
    assert dry.returncode == 0 and "Would drop dataset other" in dry.stdout
    assert snapshot(panjshir) == before
    report = drop(panjshir, "other")
    assert report.total("removed") == 2 + 1 + 1 and report.total("kept") == 0
    assert without_loads(panjshir) == alone
    assert [info.name for info in datasets(panjshir)] == ["panjshir"]
    loads = run_cli("loads", "--limit", "1")
    assert "other" in loads.stdout  # the drop is recorded like a load, and says what it was
    listed = json.loads(run_cli("loads", "--limit", "2", "-o", "json").stdout)
    assert [(row["what"], row["dataset"]) for row in listed] == [("drop", "other"),
                                                                  ("load", "other")]  # fmt: skip
    every = json.loads(run_cli("loads", "--limit", "0", "-o", "json").stdout)  # 0: all
    assert [row["what"] for row in every] == ["drop", "load", "load"]
    # ... and a dropped dataset is no longer offered as one that is there.
    gone = run_cli("query", "--name", "sources", "--dataset", "other")
    assert gone.returncode == 2 and "datasets there: panjshir." in gone.stderr
    assert run_cli("query", "--name", "sources", "--dataset", "panjshir").returncode == 0


def test_dropping_a_dataset_others_use_keeps_what_they_use(two: Graph) -> None:
    report = drop(two, "panjshir")
    assert report.by_type["SUPPORTS"]["removed"] == 10
    assert report.by_category["actor"]["kept"] == 2  # NRF and the Taliban: other uses them
    rows = two.read("MATCH (a)-[r {dataset: 'other'}]->(b) RETURN a.id AS a, b.id AS b ORDER BY a")
    assert rows == [{"a": "nrf", "b": "other-militia"}, {"a": "other-militia", "b": "taliban"}]
    assert two.read("MATCH ()-[r {dataset: 'panjshir'}]->() RETURN count(r) AS n") == [{"n": 0}]
    # still listed, for what it keeps, and said to be dropped
    listed = run_cli("datasets", "list", "-o", "records").stdout
    assert re.search(
        r"name +panjshir\n(.+\n){5}last_load +\S+ \S+ dropped, kept for others", listed
    )


@pytest.mark.parametrize("then", ["drop", "reload"])
def test_what_a_dropped_dataset_kept_goes_once_nothing_uses_it(
    two: Graph, tmp_path: Path, then: str
) -> None:
    """What a drop kept for another dataset's relations stayed, listed as "dropped, kept for
    others", after those relations were gone too: nothing removed it but dropping it again."""
    drop(two, "panjshir")
    kept = two.read("MATCH (n:Entity {dataset: 'panjshir'}) RETURN n.id AS id ORDER BY id")
    assert kept == [{"id": "nrf"}, {"id": "taliban"}]
    if then == "drop":
        report = drop(two, "other")
    else:  # a version of other whose claims use neither
        alone = tmp_path / "alone.yaml"
        alone.write_text(OTHER.split("relations:")[0])
        report = load(two, [alone])
    assert report.by_category["actor left by a dropped dataset"]["removed"] == 2
    left = "MATCH (n {dataset: 'panjshir'}) WHERE NOT n:Load RETURN labels(n) AS n"
    assert two.read(left) == []
    assert "panjshir" not in [info.name for info in datasets(two)]


def test_unknown_dataset_and_read_only_are_refused_with_nothing_changed(two: Graph) -> None:
    before = snapshot(two)
    with pytest.raises(UnknownDatasetError, match="datasets there: other, panjshir"):
        drop(two, "nosuch")
    result = run_cli("datasets", "drop", "nosuch")
    assert result.returncode == 2 and "No dataset named 'nosuch'" in result.stderr
    refused = run_cli("--read-only", "datasets", "drop", "other")
    assert refused.returncode == 1 and "read-only mode" in refused.stderr
    assert "Traceback" not in result.stderr + refused.stderr
    assert snapshot(two) == before


def test_named_queries_honour_dataset_choices(two: Graph, tmp_path: Path) -> None:
    def rows(*args: str) -> list[dict]:
        result = run_cli(
            "query", "--name", "relations-of", "-p", "actor=Taliban", "-o", "json", *args
        )
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)["rows"]

    everything = rows()
    only = rows("--dataset", "other")
    assert [r["other_id"] for r in only] == ["other-militia"]
    assert len(rows("--exclude-dataset", "other")) == len(everything) - 1
    # The same choice through a view's named query.
    backers = select(two, Filters(query="supporters-of", params={"actor": "Other Militia"},
                                  datasets=["panjshir"]))  # fmt: skip
    assert backers.edges == []
    adhoc = run_cli("query", "MATCH (n) RETURN count(n) AS n", "--dataset", "other")
    assert adhoc.returncode == 2 and "named queries" in adhoc.stderr
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "count-actors.cypher").write_text(
        "// How many actors.\nMATCH (a:Actor) RETURN count(a) AS n\n"
    )
    result = run_cli(
        "query", "--queries-dir", str(mine), "-n", "count-actors", "--dataset", "other"
    )
    assert result.returncode == 2 and "does not choose relations by dataset" in result.stderr


def test_an_actor_another_dataset_cites_as_claimant_is_never_dropped(
    two: Graph, tmp_path: Path
) -> None:
    """Claimants are a relation property, not an end: 'other' cites panjshir's article author."""
    path = tmp_path / "cites.yaml"
    path.write_text(
        "dataset: cites\nsources:\n  - {id: src-cites, title: Cited, reliability: C}\n"
        "relations:\n  - {from: Taliban, term: fights, to: Other Militia, claimant: article-author,"
        " sources: [src-cites], evidence: e, credibility: 4, confidence: 0.3}\n"
    )
    load(two, [path])
    report = drop(two, "panjshir")
    assert report.by_category["actor"]["kept"] >= 2
    assert two.read("MATCH (n {id: 'article-author'}) RETURN count(n) AS n") == [{"n": 1}]
    again = run_cli("load", str(path), "--recheck")
    assert again.returncode == 0, again.stderr


def test_a_dataset_filter_or_name_that_is_wrong_is_an_error_not_an_empty_result(
    two: Graph, tmp_path: Path
) -> None:
    result = run_cli("render", "--dataset", "nope", "--out", str(tmp_path / "x.html"))
    assert result.returncode == 2 and "No dataset named 'nope'" in result.stderr
    assert "datasets there: other, panjshir" in result.stderr
    bad = run_cli("load", "--dataset", "two\nlines", str(PANJSHIR))
    assert bad.returncode == 2 and "line break" in bad.stderr
    path = tmp_path / "b.yaml"
    path.write_text("dataset: not-other\n")
    (tmp_path / "o.yaml").write_text(OTHER)
    mixed = run_cli("validate", str(tmp_path / "o.yaml"), str(path))
    assert mixed.returncode == 2 and "this file is dataset 'not-other', but" in mixed.stderr
    markup = run_cli("datasets", "show", "[/x]")
    assert markup.returncode == 2 and "No dataset named '[/x]'" in markup.stderr


ACLED = Path(__file__).parent / "data" / "acled-sample.csv"
UCDP = Path(__file__).parent / "data" / "ucdp-ged-sample.csv"


def test_an_import_into_a_study_of_another_kind_is_refused_unless_replace(
    panjshir: Graph, tmp_path: Path
) -> None:
    """`--dataset panjshir` typed for an ACLED import would replace the hand-made study
    (whatever the export lacks is removed); it is refused as bad input, nothing written."""
    before = snapshot(panjshir)
    typo = run_cli("import", "acled", str(ACLED), "--dataset", "panjshir")
    assert typo.returncode == 2, typo.stderr
    said = " ".join(typo.stderr.split())
    assert "Dataset 'panjshir' was last written by `actorgraph load`" in said
    assert "holds 85 relations" in said and "--replace" in said and "Traceback" not in said
    assert "problem" not in said  # the input is good: it is the name that is refused
    tried = run_cli("import", "acled", str(ACLED), "--dataset", "panjshir", "--dry-run")
    assert tried.returncode == 2
    assert snapshot(panjshir) == before
    # under a name of its own, and again (same kind), it goes ahead; a GED import into it
    # and a load of files into it do not
    for args in (("--dataset", "acled"), ("--dataset", "acled")):
        done = run_cli("import", "acled", str(ACLED), *args)
        assert done.returncode == 0, done.stderr
    ged = run_cli("import", "ucdp-ged", str(UCDP), "--dataset", "acled")
    assert ged.returncode == 2 and "`actorgraph import acled`" in ged.stderr
    (tmp_path / "other.yaml").write_text(OTHER)
    files = run_cli("load", str(tmp_path / "other.yaml"), "--dataset", "acled")
    assert files.returncode == 2 and "`actorgraph load` under the same name" in " ".join(
        files.stderr.split()
    )
    replaced = run_cli("import", "acled", str(ACLED), "--dataset", "panjshir", "--replace")
    assert replaced.returncode == 0, replaced.stderr
    assert {d.name for d in datasets(panjshir)} == {"acled", "panjshir"}
    replaced_by = datasets(panjshir)[1]
    assert replaced_by.relations != 85  # the study was replaced, as asked ...
    assert replaced_by.description == f"Imported from the ACLED export {ACLED.name}."
    dropped = drop(panjshir, "panjshir")
    assert dropped.total("removed") > 0
    again = load(panjshir, [PANJSHIR])  # dropped since: a load of files takes the name back
    assert again.total("created") > 0


def test_a_dataset_recorded_by_an_older_version_is_not_refused(panjshir: Graph) -> None:
    """A :Load record without the kind of its input says nothing to compare with."""
    panjshir.write(
        "MATCH (l:Load {dataset: 'panjshir'}) SET l.summary = $summary",
        {"summary": '{"method": "transaction"}'},
    )
    done = run_cli("import", "acled", str(ACLED), "--dataset", "panjshir", "--dry-run")
    assert done.returncode == 0, done.stderr


def test_a_name_that_cannot_name_a_dataset_is_refused_before_anything_is_read(
    panjshir: Graph,
) -> None:
    """`--dataset` with a space at an end, or a line break: load and import say which option,
    exit 2, and the database stays as it was; from Python the argument is named."""
    from graph.errors import DatasetError
    from graph.loader import import_acled

    from .test_acled import SAMPLE

    before = data_snapshot(panjshir)
    for command in (["load", str(PANJSHIR)], ["import", "acled", str(SAMPLE)]):
        for name in ("two\nlines", ""):
            said = run_cli(*command, "--dataset", name)
            assert said.returncode == 2, (command, name, said.stderr)
            assert "--dataset" in said.stderr and "Traceback" not in said.stderr
    with pytest.raises(DatasetError) as padded:
        load(panjshir, [PANJSHIR], dataset="padded ")
    with pytest.raises(DatasetError) as long:
        import_acled(panjshir, SAMPLE, dataset="x" * 129)
    for refused in (padded, long):
        assert "\ndataset: dataset name '" in str(refused.value)
        assert "1 to 128 characters, no spaces at either end" in str(refused.value)
    assert data_snapshot(panjshir) == before
