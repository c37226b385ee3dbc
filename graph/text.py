"""Words for counts, as every stage says them; what is no text."""

from __future__ import annotations


def counted(count: int, word: str) -> str:
    """'1 relation', '2 relations', '0 events': a count and its noun (regular plurals only)."""
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def not_unicode(text: str) -> bool:
    """Whether ``text`` holds a lone surrogate: bytes that were not UTF-8 (an argument, a file
    name, as Python decodes them), or a JSON ``\\ud800`` escape. No driver, file or page can
    take it as text."""
    return any("\ud800" <= char <= "\udfff" for char in text)
