"""`actorgraph vocabulary`: the kinds and relation terms datasets may use, and the grades."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from .options import VocabularyOption
from .output import console


def vocabulary(
    extra: VocabularyOption = None,
) -> None:
    """List the kinds, relation terms and grades that datasets may use.

    Terms come with their sign and CAMEO/PLOVER family; grades are the Admiralty scales of
    sources (reliability A-F) and claims (credibility 1-6).
    """
    from ..model import CREDIBILITY, RELIABILITY
    from ..vocabulary import load_vocabulary

    vocab = load_vocabulary(*(extra or []))
    table = Table(show_edge=False, pad_edge=False)
    columns = ("term", "type", "sign", "from → to", "inverse", "subtypes", "duration", "CAMEO",
               "PLOVER")  # fmt: skip
    for column in columns:
        table.add_column(column)
    signs = {1: "+", 0: "0", -1: "−"}
    for name, term in vocab.terms.items():
        ends = f"{'/'.join(term.from_)} → {'/'.join(term.to)}" + (
            " (symmetric)" if term.symmetric else ""
        )
        table.add_row(
            name,
            term.type,
            signs[term.sign],
            ends,
            term.inverse or "",
            ", ".join(term.subtypes),
            term.duration,
            term.cameo or "",
            term.plover or "",
        )
    console.print(table)
    for category in ("actor", "place", "event"):
        kinds = ", ".join(vocab.kinds(category))
        console.print(f"[bold]{category} kinds:[/] {kinds}", highlight=False)
    for what, grades in (("source reliability", RELIABILITY), ("claim credibility", CREDIBILITY)):
        scale = "; ".join(f"{grade} {meaning}" for grade, meaning in grades.items())
        console.print(Text.assemble((f"{what}: ", "bold"), scale))
