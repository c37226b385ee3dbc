"""How long vis-network's physics needs to settle, by graph size, in headless Chromium.

Run on demand (`make bench`); prints seconds to stabilisation for physics in the browser and
for the Python layout (networkx spring layout, physics off), measured in one run. The view's
cut-off (`layout.physics_max_nodes` in graph/views/style.yaml) comes from this table.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from graph.views import View
from graph.views import html as r

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip


def synthetic_view(nodes: int, degree: int = 4, seed: int = 1) -> View:
    rng = random.Random(seed)
    kinds = ["person", "armed_group", "state", "agency"]
    node_rows = [
        {"id": f"n{i}", "name": f"Actor {i}", "category": "actor", "kind": rng.choice(kinds)}
        for i in range(nodes)
    ]
    edges = []
    for i in range(nodes * degree // 2):
        # Preferential attachment-ish: heavy-tailed degrees like real conflict graphs.
        a = rng.randrange(nodes)
        b = int(rng.paretovariate(1.2)) % nodes
        if a != b:
            edges.append({"id": f"e{i}", "start": f"n{a}", "end": f"n{b}", "term": "supports",
                          "sign": rng.choice([1, -1, 0]), "confidence": rng.random(),
                          "credibility": rng.randint(1, 6), "sources": []})  # fmt: skip
    return View(nodes=node_rows, edges=edges, title=f"synthetic {nodes}")


def seconds_to_ready(page, path: Path, timeout_s: float = 180) -> float:  # type: ignore[no-untyped-def]
    began = time.monotonic()
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready='true']", state="attached", timeout=timeout_s * 1000)
    return time.monotonic() - began


def main(sizes: list[int]) -> None:
    folder = Path(tempfile.mkdtemp())
    original = r.style()["layout"]["physics_max_nodes"]
    print(
        f"{'nodes':>6} {'physics in browser (s)':>24} {'python layout + draw (s)':>26} {'ratio':>7}"
    )
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        try:
            for size in sizes:
                view = synthetic_view(size)
                r.style()["layout"]["physics_max_nodes"] = 10**9
                physics = folder / f"physics-{size}.html"
                r.write_html(view, physics)
                t_physics = seconds_to_ready(page, physics)
                r.style()["layout"]["physics_max_nodes"] = 0
                began = time.monotonic()
                static = folder / f"static-{size}.html"
                r.write_html(view, static)
                t_static = (time.monotonic() - began) + seconds_to_ready(page, static)
                print(
                    f"{size:>6} {t_physics:>24.2f} {t_static:>26.2f} {t_physics / t_static:>7.1f}"
                )
        finally:
            r.style()["layout"]["physics_max_nodes"] = original
            browser.close()


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 200, 400, 800, 1600])
