"""The claims file, format version 1, as pydantic models.

These models are the single definition of the format: the loader validates each entry with
them and `mou-reconcile schema` prints their JSON Schema. Cross-references (a claim's source,
subject, property) and the type rules that depend on a property are checked in `check.py`,
because they need the whole file.

Building these models is part of every command's start-up, so annotations are evaluated as
Python (no `from __future__ import annotations`: pydantic would parse each string) and
list defaults come from `_empty`, not `list` (pydantic inspects a default factory's
signature, and `list`'s is parsed from text at a cost of milliseconds).
"""

import builtins
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

from mou_reconcile.text.dates import DATE_PATTERN, parse_partial_date

ID_PATTERN = r"^[a-z0-9][a-z0-9._-]*$"

Bound = Literal["exact", "approx", "at_least", "at_most", "range"]
PropertyType = Literal["count", "number", "entity", "text", "date"]
EntityKind = Literal["organization", "person", "place", "event", "agreement", "programme", "other"]
Status = Literal["open", "explained", "confirmed", "refuted"]
NUMERIC_TYPES = ("count", "number")


def _partial_date(value: Any) -> Any:
    # YAML 1.2 reads an unquoted 2025 as an int and 2025-09-08 as a string: accept both.
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str) and parse_partial_date(value) is None:
        raise ValueError(f"{value!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    return value


Id = Annotated[str, Field(pattern=ID_PATTERN)]
# The schema admits the unquoted year the loader accepts (`published: 2025`), so editors
# do not flag what `check` allows.
PartialDate = Annotated[str, BeforeValidator(_partial_date), WithJsonSchema({"anyOf": [
    {"type": "string", "pattern": DATE_PATTERN.pattern},
    {"type": "integer", "minimum": 1000, "maximum": 9999}]})]
Scalar = str | int | float | bool
Number = int | float
Value = Annotated[
    int | float | str | list[Number],
    Field(description="count/number: a number ([low, high] with bound: range); entity: an "
                      "entity id; text: a string; date: YYYY, YYYY-MM or YYYY-MM-DD"),
]


def _empty() -> list[Any]:
    return []


class _Model(BaseModel):
    # strict: a quoted "9" is a string, not a count; forbid: a typo'd field is an error.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Source(_Model):
    id: Id
    file: str = Field(min_length=1, description="path relative to the claims file's folder")
    title: str | None = None
    outlet: str | None = None
    published: PartialDate | None = None
    url: str | None = None
    derived_from: list[str] = Field(default_factory=_empty,
                                    description="ids of sources this one copies")
    carries: list[str] = Field(default_factory=_empty,
                               description="wire agencies whose copy the article carries, as "
                                           "it credits them (AP, Reuters): sources carrying "
                                           "one agency are one report for corroboration")


class Entity(_Model):
    id: Id
    name: str = Field(min_length=1, description="the canonical spelling")
    aliases: list[str] = Field(default_factory=_empty,
                               description="other spellings found in sources")
    kind: EntityKind | None = None

    @builtins.property
    def spellings(self) -> list[str]:
        return [self.name, *self.aliases]


class Property(_Model):
    id: Id
    type: PropertyType
    multi: bool = Field(False, description="true: several values can all be right")
    unit: str | None = None
    description: str | None = None


class Claim(_Model):
    id: Id | None = Field(None, description='default "<source>:<subject>.<property>"')
    source: str
    subject: str
    property: str
    value: Value
    bound: Bound | None = Field(None, description="count/number only; default exact")
    breakdown: dict[str, Number] | None = None
    items: list[str] | None = None
    context: dict[str, Scalar] | None = None
    attributed_to: str | None = Field(None, description="the entity the article credits for "
                                                        "the figure or statement (\"X said\", "
                                                        "\"according to X\"): an entity id")
    quote: str = Field(min_length=1, description="the source's own words")
    note: str | None = None

    @builtins.property
    def effective_bound(self) -> Bound:
        return self.bound or "exact"

    @builtins.property
    def fact(self) -> str:
        return f"{self.subject}.{self.property}"


class Resolution(_Model):
    fact: str = Field(description='"<subject>.<property>"')
    status: Status
    values: list[Value] = Field(description="the values this verdict covers")
    verdict: str | None = None
    rating: str | None = None
    reviewed: PartialDate | None = None


class NotCurated(_Model):
    """Quantities a curator read and chose not to record, with why (`coverage` counts them
    as explained). Optional: version-1 files without it mean the same as before."""

    source: str
    quote: str = Field(min_length=1, description="the source's words holding the quantities")
    reason: str = Field(min_length=1, description="why no claim records them")


class ClaimsFile(_Model):
    """A claims file, format version 1."""

    # Only `schema` uses this model (the loader validates each section's entries with their
    # own): built when first asked. (Docstrings here are the JSON Schema's descriptions.)
    model_config = ConfigDict(defer_build=True)

    version: Literal[1]
    sources: list[Source]
    entities: list[Entity] = Field(default_factory=_empty)
    properties: list[Property] = Field(default_factory=_empty)
    claims: list[Claim]
    resolutions: list[Resolution] = Field(default_factory=_empty)
    not_curated: list[NotCurated] = Field(default_factory=_empty)


SECTIONS: dict[str, type[_Model]] = {
    "sources": Source,
    "entities": Entity,
    "properties": Property,
    "claims": Claim,
    "resolutions": Resolution,
    "not_curated": NotCurated,
}
