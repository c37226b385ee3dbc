"""The page's ties, filters, date slider, focus and link, checked in a real headless Chromium by
what it shows (window.actorgraph.visible(): the nodes and lines drawn, the claims they hold),
against what the CLI selects from the real Neo4j for the same filters."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

from graph import Graph

from .conftest import run_cli
from .test_render import hover, node_position


def rendered(tmp_path: Path, name: str, *args: str) -> Path:
    out = tmp_path / f"{name}.html"
    result = run_cli("render", "--out", str(out), "--events", "--places", *args)
    assert result.returncode == 0, result.stderr
    return out


def claims_of(result) -> int:  # type: ignore[no-untyped-def]
    """The claim count `render` says it drew: "(20 nodes, 40 relations…"."""
    return int(result.stdout.split(" nodes, ")[1].split(" relations")[0])


DAY = r"\b(\d{4}(?:-\d\d){0,2})\b"  # a date as a tooltip shows it (2021, 2021-08, 2021-08-15)


def visible(opened) -> dict:  # type: ignore[no-untyped-def]
    return opened.page.evaluate("() => window.actorgraph.visible()")


def test_claims_between_two_nodes_with_one_sign_are_one_line_that_opens_and_folds(
    panjshir: Graph, tmp_path: Path, open_page
) -> None:
    opened = open_page(rendered(tmp_path, "ties", "--dataset", "panjshir"))
    page = opened.page
    hostile = page.evaluate("() => window.actorgraph.edges.get().filter(e =>"
                            " e.tie === 'nrf|taliban|-1').length")  # fmt: skip
    assert hostile == 10  # fights, attacks, breaches, accusations… told by several claimants
    folded = visible(opened)
    ties = page.evaluate("() => new Set(window.actorgraph.edges.get().map(e => e.tie)).size")
    assert folded["claims"] == 85 and folded["edges"] == ties < 85  # a line per pair and sign
    (x1, y1), (x2, y2) = node_position(opened, "nrf"), node_position(opened, "taliban")
    middle = ((x1 + x2) / 2, (y1 + y2) / 2)
    tip = hover(opened, *middle)
    assert f"{hostile} claims, hostile" in tip and "by Taliban" in tip and "credibility" in tip
    heads = [line for line in tip.split("each claim.")[1].splitlines() if line[:1] in "→←↔"]
    began = [found.group(1) for line in heads if (found := re.search(DAY, line))]
    assert len(began) >= 5 and began == sorted(began)  # its claims in date order
    page.mouse.click(*middle)
    opened_up = visible(opened)
    assert opened_up["edges"] == folded["edges"] + hostile - 1 and opened_up["claims"] == 85
    # A click on one of its claims folds them back. The straight one runs through the middle.
    page.mouse.move(*middle)
    page.mouse.click(*middle)
    assert visible(opened) == folded
    # --no-aggregate: a line per claim, and the panel's switch turns ties back on.
    single = open_page(rendered(tmp_path, "single", "--dataset", "panjshir", "--no-aggregate"))
    assert visible(single) == {"nodes": 37, "edges": 85, "claims": 85}
    single.page.check("#controls .field input[type=checkbox] >> nth=0")
    assert visible(single) == folded
    assert opened.errors == [] and single.errors == []


CURVES = """() => { const a = window.actorgraph, lines = {};
  a.edgeView.get().forEach(e => { const pair = [e.from, e.to].sort().join('|');
    (lines[pair] = lines[pair] || []).push(e.smooth || {enabled: false}); });
  return Object.values(lines); }"""


def test_the_lines_of_a_pair_fan_out_a_little_and_a_lone_line_is_straight(
    panjshir: Graph, tmp_path: Path, open_page
) -> None:
    # A line per claim: NRF–Taliban's 10 hostile claims and the pair's others fan out, each
    # pair's curves bounded (vis draws a roundness above 1 as a loop off the page).
    opened = open_page(rendered(tmp_path, "fan", "--dataset", "panjshir", "--no-aggregate"))
    pairs = opened.page.evaluate(CURVES)
    crowded = max(pairs, key=len)
    assert len(crowded) >= 10
    assert all(c["roundness"] <= 0.6 for pair in pairs for c in pair if c["enabled"])
    assert sorted(c["enabled"] for c in crowded).count(False) == 1  # one straight, the rest bent
    # A filter that leaves one claim of a pair draws it straight.
    opened.page.evaluate("() => { window.actorgraph.filters.claimant = 'taliban';"
                         " window.actorgraph.apply(); }")  # fmt: skip
    for pair in opened.page.evaluate(CURVES):
        if len(pair) == 1:
            assert not pair[0]["enabled"]
    assert opened.errors == []


def test_the_panel_filters_show_what_the_cli_selects(
    panjshir: Graph, tmp_path: Path, open_page
) -> None:
    opened = open_page(rendered(tmp_path, "all", "--dataset", "panjshir"))
    page = opened.page
    # The date slider is --as-of's rule: the same nodes and claims on 2021-09-01.
    cli = run_cli(
        "render",
        "--events",
        "--places",
        "--as-of",
        "2021-09-01",
        "--out",
        str(tmp_path / "asof.html"),
    )
    page.evaluate("() => { window.actorgraph.filters.asOf = '2021-09-01';"
                  " window.actorgraph.apply(); }")  # fmt: skip
    on_the_day = visible(opened)
    assert on_the_day["claims"] == claims_of(cli)
    assert f"({on_the_day['nodes']} nodes" in cli.stdout
    page.click("text=Show everything")
    assert visible(opened)["claims"] == 85
    # Claimant: the select, as --claimant.
    cli = run_cli(
        "render", "--events", "--places", "--claimant", "taliban", "--out", str(tmp_path / "t.html")
    )
    page.select_option("#controls select[name=claimant]", "taliban")
    assert visible(opened)["claims"] == claims_of(cli)
    assert f"({visible(opened)['nodes']} nodes" in cli.stdout
    page.click("text=Show everything")
    # Sign: hostile only, by unticking the other two boxes.
    signs = page.locator("#controls fieldset").first
    for label in ("cooperative", "neutral or structural"):
        signs.locator("label", has_text=label).locator("input").uncheck()
    hostile = page.evaluate(
        "() => window.actorgraph.edges.get().filter(e => e.info.sign === -1).length"
    )
    assert visible(opened)["claims"] == hostile
    shown = page.locator("#controls .shown").inner_text()
    assert f"{hostile} of 85 claims" in shown
    page.click("text=Show everything")
    # Confidence at least 0.9, as --min-confidence.
    cli = run_cli(
        "render",
        "--events",
        "--places",
        "--min-confidence",
        "0.9",
        "--out",
        str(tmp_path / "c.html"),
    )
    page.locator("#controls input[type=range]").first.fill("0.9")
    assert visible(opened)["claims"] == claims_of(cli)
    assert opened.errors == []


def test_a_node_hidden_by_a_filter_comes_back_where_it_was(
    panjshir: Graph, tmp_path: Path, open_page
) -> None:
    opened = open_page(rendered(tmp_path, "place", "--dataset", "panjshir"))
    page = opened.page
    before = page.evaluate("() => window.actorgraph.network.getPosition('russia')")
    page.select_option("#controls select[name=claimant]", "taliban")  # Russia claims nothing
    assert page.evaluate("() => window.actorgraph.nodeView.get('russia')") is None
    page.select_option("#controls select[name=claimant]", "")
    assert page.evaluate("() => window.actorgraph.network.getPosition('russia')") == before


def test_focus_fades_all_but_a_nodes_neighbours_and_escape_brings_them_back(
    panjshir: Graph, tmp_path: Path, open_page
) -> None:
    opened = open_page(rendered(tmp_path, "focus", "--dataset", "panjshir"))
    page = opened.page
    page.mouse.click(*node_position(opened, "uzbekistan"))
    faded = page.evaluate(
        "() => window.actorgraph.nodes.get().filter(n => n.opacity < 1).map(n => n.id)"
    )
    assert "uzbekistan" not in faded and "nrf" not in faded and "taliban" in faded
    assert "focus on Uzbekistan (Esc: all)" in page.locator("#controls .shown").inner_text()
    page.keyboard.press("Escape")
    assert page.evaluate("() => window.actorgraph.nodes.get().filter(n => n.opacity < 1)") == []
    assert opened.errors == []


def test_the_link_keeps_the_view_and_a_hostile_link_is_only_text(
    panjshir: Graph, tmp_path: Path, open_page
) -> None:
    out = rendered(tmp_path, "link", "--dataset", "panjshir")
    opened = open_page(out)
    page = opened.page
    page.select_option("#controls select[name=claimant]", "nrf")
    page.select_option("#controls select[name=credibility]", "3")
    page.evaluate("() => { window.actorgraph.filters.asOf = '2021-09-05';"
                  " window.actorgraph.apply(); }")  # fmt: skip
    page.click("text=Copy link to this view")
    link = page.evaluate("() => location.hash")
    assert "claimant=nrf" in link and "as-of=2021-09-05" in link
    wanted = visible(opened)
    again = open_page(Path(str(out)))
    again.page.goto(out.as_uri() + link)
    again.page.reload()
    again.page.wait_for_selector("body[data-ready='true']", state="attached")
    assert visible(again) == wanted
    assert again.page.locator("#controls select[name=claimant]").input_value() == "nrf"
    # A link made to harm: markup, prototype names, a date that is no date. Shown as nothing.
    hostile = "#claimant=" + quote("<img src=x onerror=window.__x=1>") + "&focus=constructor"
    hostile += "&as-of=2021-13-45&credibility=-7&confidence=0x1&term=__proto__&kind=%3Cb%3E"
    bad = open_page(Path(str(out)))
    bad.page.goto(out.as_uri() + hostile)
    bad.page.reload()
    bad.page.wait_for_selector("body[data-ready='true']", state="attached")
    assert bad.page.evaluate("() => window.__x") is None
    # Sets as a person writes them (kind=a&kind=b) and as the page does (kind=a%0Ab).
    views = []
    for kinds in ("kind=armed_group&kind=state", "kind=armed_group%0Astate", "kind=state"):
        chosen = open_page(Path(str(out)))
        chosen.page.goto(out.as_uri() + "#" + kinds)
        chosen.page.reload()
        chosen.page.wait_for_selector("body[data-ready='true']", state="attached")
        views.append(visible(chosen))
    assert views[0] == views[1] != views[2]
    # What the data does not hold is ignored: the unknown claimant, term and kind, the bad date.
    assert visible(bad) == visible(open_page(out))
    # So is a real day outside the claims' span, or one that does not exist.
    for day in ("1900-01-01", "2031-06-01", "2021-02-30"):
        off = open_page(Path(str(out)))
        off.page.goto(out.as_uri() + "#as-of=" + day)
        off.page.reload()
        off.page.wait_for_selector("body[data-ready='true']", state="attached")
        assert visible(off)["claims"] == 85, day
    assert opened.errors == [] and again.errors == [] and bad.errors == []


def test_size_by_betweenness_makes_the_brokers_biggest(
    panjshir: Graph, tmp_path: Path, open_page
) -> None:
    import json

    ranked = json.loads(run_cli("analyze", "centrality", "--format", "json").stdout)
    brokers = [r["id"] for r in ranked if r["betweenness"] == ranked[0]["betweenness"]]
    opened = open_page(rendered(tmp_path, "brokers", "--size", "betweenness"))
    sizes = opened.page.evaluate(
        "() => Object.fromEntries(window.actorgraph.nodeView.getIds().map(id =>"
        " [id, window.actorgraph.network.body.nodes[id].shape.radius"
        " || window.actorgraph.network.body.nodes[id].options.size]))"
    )
    biggest = max(sizes.values())
    assert {node for node, size in sizes.items() if size == biggest} <= set(brokers)
    by_degree = open_page(rendered(tmp_path, "degree"))
    assert by_degree.page.evaluate("() => window.actorgraph.nodes.get('taliban').value") != (
        opened.page.evaluate("() => window.actorgraph.nodes.get('taliban').value")
    )
    assert opened.errors == []


def test_analysis_pages_draw_the_actors_as_render_does(
    panjshir: Graph, tmp_path: Path, open_page
) -> None:
    """The blocs and centrality pages drew the events and places of the selection too (84
    nodes where render draws 20), and counted them against --max-nodes."""
    page = tmp_path / "render.html"
    assert run_cli("render", "--out", str(page)).returncode == 0
    shown = "() => window.actorgraph.nodeView.getIds().sort()"
    drawn = open_page(page).page.evaluate(shown)
    for command in (["balance"], ["centrality"]):
        out = tmp_path / f"{command[0]}.html"
        assert run_cli("analyze", *command, "--render", str(out)).returncode == 0
        opened = open_page(out)
        assert opened.page.evaluate(shown) == drawn, command
        assert opened.errors == []
    fits = run_cli("analyze", "balance", "--render", str(out), "--max-nodes", str(len(drawn)))
    assert fits.returncode == 0, fits.stderr
