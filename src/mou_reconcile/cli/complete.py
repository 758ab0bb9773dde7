"""Shell completion of the names a command takes: facts (subject.property) and source ids,
read from the claims file the command would read (--claims if typed before the cursor, else
as the command finds it). Names starting with what is typed, case-insensitively; a missing
or broken claims file completes nothing, never an error or a traceback."""

from __future__ import annotations

from typing import Any


def _claims(ctx: Any) -> str | None:
    value = (getattr(ctx, "params", None) or {}).get("claims")
    return value if isinstance(value, str) and value else None


def facts(ctx: Any, incomplete: str) -> list[str]:
    """Facts for FACT arguments (explain, timeline, matrix)."""
    from mou_reconcile.corpus.names import story_names

    folded = incomplete.casefold()
    return [f for f in story_names(_claims(ctx)).facts if f.casefold().startswith(folded)]


def sources(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    """Source ids, each with its title, for SOURCE arguments and options (diff, extract,
    matrix --source)."""
    from mou_reconcile.corpus.names import story_names

    folded = incomplete.casefold()
    return [(sid, title) for sid, title in story_names(_claims(ctx)).sources.items()
            if sid.casefold().startswith(folded)]
