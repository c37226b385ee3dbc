"""The README's pictures of a real-size view, made again: `make screenshots` (about a minute).

Writes a seeded ACLED-shaped export of an invented country, Synthetica: two years of events
between a state's forces, a few rebel groups, a couple of hundred communal militias, civilians
and protesters, with activity as heavy-tailed as in real country files. It imports the export
into a Neo4j started for the run, renders the default actor view, and photographs the page in
headless Chromium twice: the whole network at fit zoom (docs/acled-view.png), and the same page
with the panel's filters set (docs/acled-filters.png).

Nothing here is real data: every name is invented.
"""

from __future__ import annotations

import csv
import random
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

from playwright.sync_api import sync_playwright

from graph import Graph, LocalServer
from graph.loader import import_acled
from graph.server import free_port
from graph.views import render

HERE = Path(__file__).resolve().parent
DAY_SHOWN = (date(2023, 7, 1) - date(1970, 1, 1)).days  # the date slider's value: a day number
COUNTRY = "Synthetica"
STATE = ["Military Forces of Synthetica (2016-)", "Police Forces of Synthetica (2016-)"]
REBELS = ["Synthetic Liberation Front", "Sons of the Valley", "Northern Mountains Movement",
          "Islamic State (Synthetica)"]  # fmt: skip
SYLLABLES = ["ka", "ru", "mi", "tol", "sha", "ben", "dor", "ai", "zu", "vel", "om", "rin"]
COLUMNS = ["event_id_cnty", "event_date", "disorder_type", "event_type", "sub_event_type",
           "actor1", "inter1", "actor2", "inter2", "country", "admin1", "admin2", "location",
           "latitude", "longitude", "geo_precision", "time_precision", "source", "notes",
           "fatalities"]  # fmt: skip


def militias(rng: random.Random, count: int) -> list[str]:
    names: set[str] = set()
    while len(names) < count:
        clan = "".join(rng.sample(SYLLABLES, rng.randint(2, 3))).capitalize()
        names.add(f"{clan} Communal Militia ({COUNTRY})")
    return sorted(names)


def inter(actor: str) -> str:
    """ACLED's text code for an actor's type (the current layout's inter1/inter2)."""
    if actor in STATE:
        return "State forces"
    if actor in REBELS:
        return "Rebel group"
    if actor.startswith(("Civilians", "Protesters")):
        return actor.split(" ")[0]
    return "Identity militia" if actor else ""


def export(path: Path, rows: int = 4000, seed: int = 3) -> Path:
    """An ACLED-shaped CSV: each militia fights a few neighbours, the rebels fight the state,
    many armed actors attack civilians, a few sign agreements."""
    rng = random.Random(seed)
    local = militias(rng, 220)
    neighbours = {m: rng.sample(local, 3) for m in local}
    armed = STATE + REBELS + local
    weights = [60, 30] + [25, 12, 8, 6] + [1 / (1 + i) ** 0.8 for i in range(len(local))]
    start = date(2022, 1, 1)
    with path.open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        for i in range(rows):
            actor = rng.choices(armed, weights)[0]
            roll = rng.random()
            if roll < 0.45:
                kind, sub = "Battles", "Armed clash"
                if actor in local:
                    other = rng.choice(neighbours[actor] + STATE[:1])
                else:
                    other = rng.choices(armed, weights)[0]
            elif roll < 0.75:
                kind, sub, other = "Violence against civilians", "Attack", f"Civilians ({COUNTRY})"
            elif roll < 0.85:
                kind, sub = "Explosions/Remote violence", "Remote explosive/landmine/IED"
                other = rng.choice(STATE)
            elif roll < 0.95:
                kind, sub = "Protests", "Peaceful protest"
                actor, other = f"Protesters ({COUNTRY})", ""
            else:
                kind, sub, other = "Strategic developments", "Agreement", rng.choice(armed)
            if other == actor:
                other = STATE[0]
            day = start + timedelta(days=rng.randrange(730))
            province = f"Province {rng.randrange(12)}"
            writer.writerow([
                f"SYN{i}", day.isoformat(), "Political violence", kind, sub, actor, inter(actor),
                other, inter(other),
                COUNTRY, province, f"{province} district {rng.randrange(6)}", f"Town {i % 300}",
                f"{rng.uniform(30, 36):.4f}", f"{rng.uniform(60, 70):.4f}", rng.choice("1112"),
                rng.choice("1112"), rng.choice(["Synthetica Daily", "Radio Valley", "Wire"]),
                f"Invented event {i}.", rng.choice([0, 0, 1, 2, 3, 5, 8, 12]),
            ])  # fmt: skip
    return path


def photograph(page_file: Path) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1500, "height": 950})
        page.goto(page_file.as_uri())
        page.wait_for_selector("body[data-ready='true']", state="attached", timeout=120_000)
        page.screenshot(path=str(HERE / "acled-view.png"))
        # The filters, set as a user would: fights only, in force on 2023-07-01.
        terms = page.locator("#controls fieldset", has_text="Relation")
        terms.locator("label", has_text="attacks").locator("input").uncheck()
        dated = page.locator("#controls label", has_text="only what is in force on")
        dated.locator("input").check()
        page.locator("#controls input[type=range]").nth(1).fill(str(DAY_SHOWN))
        page.wait_for_timeout(500)
        page.screenshot(path=str(HERE / "acled-filters.png"))
        browser.close()


def main() -> None:
    root = Path(tempfile.mkdtemp(prefix="actorgraph-shots-"))
    feed = export(root / "acled-synthetica.csv")
    server = LocalServer(home=root / "home", password_file=root / "pw", port=free_port())
    server.start(timeout=300)
    try:
        with Graph(server.connection_settings()) as graph:
            import_acled(graph, feed, dataset="acled-synthetica")
            view = render(graph, root / "view.html", title="Synthetica, 2022-2023 (invented)")
    finally:
        server.stop()
    print(f"{len(view.nodes)} nodes, {len(view.edges)} claims drawn", file=sys.stderr)
    photograph(root / "view.html")


if __name__ == "__main__":
    main()
