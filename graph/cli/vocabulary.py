"""`actorgraph vocabulary`: the kinds and relation terms datasets may use, and the grades."""

from __future__ import annotations

from rich.text import Text

from .options import FormatOption, VocabularyOption, writes_nothing
from .output import console, print_json, print_rows, shown


def vocabulary(
    extra: VocabularyOption = None,
    output: FormatOption = "auto",
) -> None:
    """List the kinds, relation terms and grades that datasets may use.

    Terms come with their sign and CAMEO/PLOVER family; grades are the Admiralty scales of
    sources (reliability A-F) and claims (credibility 1-6).
    """
    from ..model import CREDIBILITY, RELIABILITY
    from ..vocabulary import load_vocabulary

    with writes_nothing():
        vocab = load_vocabulary(*(extra or []))
    if output == "json":
        terms = [{"term": name, "type": t.type, "sign": t.sign, "from": t.from_, "to": t.to,
                  "symmetric": t.symmetric, "inverse": t.inverse, "subtypes": t.subtypes,
                  "duration": t.duration, "cameo": t.cameo, "plover": t.plover}
                 for name, t in vocab.terms.items()]  # fmt: skip
        kinds = {category: vocab.kinds(category) for category in ("actor", "place", "event")}
        grades = {"reliability": RELIABILITY, "credibility": CREDIBILITY}
        return print_json({"terms": terms, "kinds": kinds, "grades": grades})
    columns = ("term", "type", "sign", "from → to", "inverse", "subtypes", "duration", "CAMEO",
               "PLOVER")  # fmt: skip
    signs = {1: "+", 0: "0", -1: "−"}
    rows = []
    for name, term in vocab.terms.items():
        ends = f"{'/'.join(term.from_)} → {'/'.join(term.to)}" + (
            " (symmetric)" if term.symmetric else ""
        )
        cells = (name, term.type, signs[term.sign], ends, term.inverse or "",
                 ", ".join(term.subtypes), term.duration, term.cameo or "",
                 term.plover or "")  # fmt: skip
        rows.append([Text(shown(cell)) for cell in cells])
    print_rows(columns, rows, keep_whole=("term",))
    for category in ("actor", "place", "event"):
        kinds = ", ".join(vocab.kinds(category))
        console.print(f"[bold]{category} kinds:[/] {kinds}", highlight=False)
    for what, grades in (("source reliability", RELIABILITY), ("claim credibility", CREDIBILITY)):
        scale = "; ".join(f"{grade} {meaning}" for grade, meaning in grades.items())
        console.print(Text.assemble((f"{what}: ", "bold"), scale))
