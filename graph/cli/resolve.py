"""`actorgraph resolve`: the actor, place or event a name stands for."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .options import DatabaseOption, PasswordOption, UriOption, UserOption, open_graph
from .output import shown


def resolve(
    name: Annotated[str, typer.Argument(help="An id, name or alias, in any case or accents")],
    data: Annotated[
        list[Path] | None,
        typer.Option("--data", help="Resolve against these dataset files instead of Neo4j"),
    ] = None,
    who: Annotated[
        bool,
        typer.Option("--who", help="Also say which datasets define it and what each says"),
    ] = False,
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:
    """Print the actor, place or event a name stands for: id, then name and kind.

    Exits 2 when the name matches nothing (with suggestions) or is ambiguous (with candidates).

    Examples:

      actorgraph resolve "Ahmed Masood"        # -> ahmad-massoud  Ahmad Massoud  person

      actorgraph resolve Pansjir --data data/panjshir.yaml
    """
    from ..resolve import Candidate, Resolver

    said: list[dict] = []
    if data:
        from ..loader import check

        checked = check(None, data)
        resolver = Resolver(
            (Candidate(e.id, e.record.name, e.category, e.record.kind), e.record.aliases)
            for e in checked.entities
        )
    else:
        from ..query import accounts_of, resolver_for

        with open_graph(uri, user, password, database) as g:
            resolver = resolver_for(g)
            found = resolver.resolve(name)
            said = accounts_of(g, found.id) if who else []
    found = resolver.resolve(name)
    print("\t".join(shown(field, lines=False) for field in (found.id, found.name, found.kind)))
    for number, account in enumerate(said):
        role = "defined by" if number == 0 else "account of"
        fields = (_said(key, value) for key, value in account.items() if key != "dataset")
        details = "; ".join(field for field in fields if field)
        print(shown(f"  {role} {account['dataset']}: {details}", lines=False))


def _said(key: str, value: object) -> str:
    """One field of an account as `key: value`; a mark such as `extends: true` by its name,
    and nothing for an empty one."""
    if value is True:
        return key
    if value is None or value is False or value in ([], ""):
        return ""
    return f"{key}: {', '.join(value) if isinstance(value, list) else value}"
