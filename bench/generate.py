"""A synthetic conflict graph, seeded and reproducible, written as the loader's CSV files.

Heavy-tailed degrees (a few hubs, many peripheral actors, as in real conflict data), the
vocabulary's actor-to-actor terms with their subtypes, a pool of graded sources, and partial
dates of every precision. `python bench/generate.py OUT --relations 100000` writes
OUT/sources.csv, OUT/actors.csv and OUT/relations.csv.
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

KINDS = ["person", "armed_group", "state", "agency", "government_body", "organisation",
         "ethnic_group", "coalition"]  # fmt: skip
TERMS = [  # (term, subtype choices), actor-to-actor terms of graph/vocabulary.yaml
    ("supports", ["military", "logistics", "diplomatic", "financial", ""]),
    ("allied_with", [""]),
    ("opposes", [""]),
    ("fights", [""]),
    ("attacks", [""]),
    ("negotiates_with", [""]),
    ("mediates", [""]),
    ("leads", [""]),
    ("member_of", [""]),
    ("spokesperson_for", [""]),
    ("loyal_to", [""]),
]


def partial_date(rng: random.Random) -> str:
    year = rng.randint(1979, 2024)
    precision = rng.random()
    if precision < 0.1:
        return f"{year // 10 * 10}s"
    if precision < 0.3:
        return str(year)
    if precision < 0.6:
        return f"{year}-{rng.randint(1, 12):02d}"
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def generate(out: Path, relations: int, actors: int | None = None, seed: int = 42) -> Path:
    rng = random.Random(seed)
    actors = actors or max(100, relations // 5)
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "sources.csv", "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "title", "publisher", "date", "reliability"])
        for i in range(50):
            writer.writerow([f"s{i}", f"Report {i}", f"Outlet {i % 7}", partial_date(rng),
                             rng.choice("ABCDEF")])  # fmt: skip
    with open(out / "actors.csv", "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name", "kind", "aliases"])
        for i in range(actors):
            writer.writerow([f"a{i}", f"Actor {i}", rng.choice(KINDS), f"A-{i};Actor number {i}"])
    with open(out / "relations.csv", "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "from", "term", "subtype", "to", "since", "claimant", "sources",
                         "evidence", "credibility", "confidence"])  # fmt: skip
        for i in range(relations):
            start = min(int(rng.paretovariate(0.9)) - 1, actors - 1)  # hubs: heavy tail
            end = rng.randrange(actors)
            if end == start:
                end = (end + 1) % actors
            term, subtypes = rng.choice(TERMS)
            since, claimant = partial_date(rng), f"a{rng.randrange(actors)}"
            sources = {f"s{rng.randrange(50)}" for _ in range(rng.randint(1, 2))}
            # credibility 1 (confirmed) needs two independent sources: one source grades 2
            credibility = max(rng.randint(1, 6), 1 if len(sources) > 1 else 2)
            writer.writerow([
                f"r{i}", f"a{start}", term, rng.choice(subtypes), f"a{end}", since, claimant,
                ";".join(sorted(sources)), f"Synthetic claim {i}", credibility,
                round(rng.random(), 2),
            ])  # fmt: skip
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--relations", type=int, default=10_000)
    parser.add_argument("--actors", type=int)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    print(generate(args.out, args.relations, args.actors, args.seed))
