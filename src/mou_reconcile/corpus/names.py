"""The names a claims file declares, read cheaply for shell completion: source ids (with
their titles) and facts (each claim's subject.property). Only the YAML is read: no
validation, no articles, no pydantic, so a completion answers at once. Never raises: a
missing, unreadable or broken claims file simply has no names."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mou_reconcile.corpus import limits


@dataclass
class StoryNames:
    sources: dict[str, str] = field(default_factory=dict)  # id -> title ("" if none)
    facts: list[str] = field(default_factory=list)  # sorted, each once


def story_names(claims: str | None) -> StoryNames:
    """The names in the claims file a command would read given `--claims claims` (None:
    $MOU_RECONCILE_CLAIMS, ./data/claims.yaml, the sample)."""
    names = StoryNames()
    try:  # anything wrong (no file, not UTF-8, not YAML, odd shapes): no names
        from mou_reconcile.corpus.locate import locate
        from mou_reconcile.corpus.yamlio import load_yaml

        path = locate(claims).path
        limit = limits.value(limits.CLAIMS_BYTES)
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
        if len(data) > limit:
            return names
        doc, _ = load_yaml(data.decode("utf-8-sig"), str(path))
        if doc is None or not isinstance(doc.data, dict):
            return names
        for item in _items(doc.data.get("sources")):
            if isinstance(item.get("id"), str):
                title = item.get("title")
                names.sources[item["id"]] = " ".join(title.split()) if isinstance(title, str) \
                    else ""
        facts = {f"{c['subject']}.{c['property']}" for c in _items(doc.data.get("claims"))
                 if isinstance(c.get("subject"), str) and isinstance(c.get("property"), str)}
        names.facts = sorted(facts)
    except Exception:
        return StoryNames()
    return names


def _items(section: Any) -> list[dict[str, Any]]:
    return [i for i in section if isinstance(i, dict)] if isinstance(section, list) else []
