"""Peak memory of reading large inputs: `actorgraph validate` on generated files.

Each case runs `actorgraph validate` in its own process and takes that process's peak resident
memory (``ru_maxrss`` from ``wait4``). The table gives the peak, the peak above an idle
`actorgraph validate` of a tiny file (the interpreter and libraries), and that extra memory per
MB of input. Reading, parsing and validating are all inside; nothing touches Neo4j.

    python bench/memory.py                 # the default cases, about two minutes
    python bench/memory.py --scale 0.25    # smaller files, for a quick look
    python bench/memory.py --code /tmp/old # another checkout's graph/ (before and after)
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

MB = 1024 * 1024


def peak(args: list[str], code: Path | None = None) -> tuple[int, float, int]:
    """Run `actorgraph` with ``args`` (from the checkout ``code`` if given); its peak RSS in
    bytes, seconds taken and exit code."""
    began = time.monotonic()
    env = {**os.environ, "PYTHONPATH": str(code)} if code else None
    process = subprocess.Popen([sys.executable, "-m", "graph", *args], env=env, cwd=code,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_maxrss * 1024, time.monotonic() - began, process.returncode


def empty_items(folder: Path, scale: float) -> list[Path]:
    """A YAML section of ``[]`` items: every item is a problem (issue 16: 4.2 MB, 1.8 GB)."""
    path = folder / "empty-items.yaml"
    count = int(840_000 * scale)
    path.write_text("dataset: empty\nactors:\n" + "- []\n" * count)
    return [path]


def yaml_records(folder: Path, scale: float) -> list[Path]:
    """Valid YAML: actors and relations written as the bundled dataset writes them."""
    relations = int(100_000 * scale)
    actors = relations // 5
    lines = ["dataset: big", "sources:", "  - {id: s1, title: Report, reliability: B}", "actors:"]
    lines += [f"  - {{id: a{i}, name: Actor {i}, kind: armed_group, aliases: [A{i}]}}"
              for i in range(actors)]  # fmt: skip
    lines.append("relations:")
    lines += [
        f"  - {{id: r{i}, from: a{i % actors}, term: supports, to: a{(i * 7 + 1) % actors}, "
        f"claimant: a{i % actors}, sources: [s1], evidence: Claim number {i}, credibility: 3, "
        f"confidence: 0.5, since: '2021-08'}}"
        for i in range(relations)
    ]
    path = folder / "records.yaml"
    path.write_text("\n".join(lines) + "\n")
    return [path]


def csv_relations(folder: Path, scale: float) -> list[Path]:
    """The benchmark's CSV files (sources, actors, relations; issue 16: 28 MB, 1.3 GB)."""
    return [generate(folder / "csv", relations=int(300_000 * scale))]


def oversize_field(folder: Path, scale: float) -> list[Path]:
    """A large CSV whose second row holds one field over the limit (issue 16: 256 MB, 1.6 GB)."""
    path = folder / "big" / "actors.csv"
    path.parent.mkdir()
    size = int(256 * MB * scale)
    with open(path, "w") as out:
        out.write("id,name,kind\na0,Actor,person\na1,")
        chunk = "x" * MB
        for _ in range(size // MB):
            out.write(chunk)
        out.write(",person\n")
    return [path.parent]


CASES: dict[str, Callable[[Path, float], list[Path]]] = {
    "YAML of [] items": empty_items,
    "YAML records": yaml_records,
    "CSV relations": csv_relations,
    "CSV, one field over the limit": oversize_field,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="file sizes times this")
    parser.add_argument("--code", type=Path, help="run the graph package of this checkout")
    args = parser.parse_args()
    print(f"Machine: {platform.node()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
          f"; code: {args.code or 'this checkout'}")  # fmt: skip
    print(f"{'case':32} {'input MB':>9} {'peak MB':>8} {'extra MB':>9} {'MB/MB':>6} "
          f"{'s':>6} exit")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        tiny = folder / "tiny.yaml"
        tiny.write_text("dataset: tiny\nactors:\n  - {id: a, name: A, kind: person}\n")
        idle, _, _ = peak(["validate", str(tiny)], args.code)
        print(f"{'idle (a 1-actor file)':32} {0:9.1f} {idle / MB:8.0f}")
        for name, make in CASES.items():
            case = folder / name.split()[0].lower() / str(len(name))
            case.mkdir(parents=True)
            paths = make(case, args.scale)
            size = sum(f.stat().st_size for p in paths for f in ([p] if p.is_file() else
                                                                 p.iterdir()))  # fmt: skip
            rss, seconds, code = peak(["validate", *map(str, paths)], args.code)
            extra = max(0, rss - idle)
            print(f"{name:32} {size / MB:9.1f} {rss / MB:8.0f} {extra / MB:9.0f} "
                  f"{extra / size:6.1f} {seconds:6.1f} {code}")  # fmt: skip


if __name__ == "__main__":
    main()
