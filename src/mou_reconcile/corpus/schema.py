"""The claims file's JSON Schema, generated from the models, for editors and validators.

Pydantic emits JSON Schema 2020-12; YAML language servers handle draft-07 and below
reliably, so the schema is rewritten into draft-07 constructs ($defs -> definitions, tuple
`prefixItems` -> `items` arrays) and carries no `$schema` key.
"""

from __future__ import annotations

import json
from typing import Any

from mou_reconcile.corpus.models import ClaimsFile

TITLE = "mou-reconcile claims file, format version 1"


def _draft07(node: Any) -> Any:
    if isinstance(node, list):
        return [_draft07(x) for x in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "$schema":
            continue
        if key == "$ref" and isinstance(value, str):
            out[key] = value.replace("#/$defs/", "#/definitions/")
        elif key == "$defs":
            out["definitions"] = _draft07(value)
        elif key == "prefixItems":
            out["items"] = _draft07(value)
            # 2020-12 `items` after `prefixItems` is draft-07's `additionalItems`.
            if "items" in node:
                out["additionalItems"] = _draft07(node["items"])
        elif key == "items" and "prefixItems" in node:
            continue
        else:
            out[key] = _draft07(value)
    return out


def claims_schema() -> dict[str, Any]:
    schema: dict[str, Any] = _draft07(ClaimsFile.model_json_schema())
    schema["title"] = TITLE
    return schema


def schema_text() -> str:
    return json.dumps(claims_schema(), indent=2, ensure_ascii=False) + "\n"
