"""Words for counts, as every stage says them."""

from __future__ import annotations


def counted(count: int, word: str) -> str:
    """'1 relation', '2 relations', '0 events': a count and its noun (regular plurals only)."""
    return f"{count:,} {word}{'' if count == 1 else 's'}"
