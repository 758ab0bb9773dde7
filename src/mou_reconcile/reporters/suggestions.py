"""`suggest`'s output: claim items to paste (YAML, with the reasons in comments), the same
lines `--write` appends to the claims file, a text view to read, and JSON.

Each suggested claim carries a `note` saying it is a suggestion to confirm: a claims file
with suggestions written into it still checks, and `grep suggested` finds what is left to
review. New-fact stubs (no subject or property yet) are written as comments, so the file
stays valid until the curator fills them in.
"""

from __future__ import annotations

import json
from typing import Any

from mou_reconcile.reporters.escape import json_text as safe_json
from mou_reconcile.reporters.escape import terminal_text
from mou_reconcile.reporters.yaml_reporter import TODO, comment, ident, number, scalar
from mou_reconcile.views.extract import Candidate
from mou_reconcile.views.suggest import Suggestion, Suggestions

NOTE = "suggested by mou-reconcile suggest (score {score}): confirm, then delete this note"
NEW_MARK = "# New facts in {sid}'s article (uncomment, set subject and property):"
WIDTH = 100


def note(s: Suggestion) -> str:
    return NOTE.format(score=f"{s.score:.2f}")


def _value(value: Any, ptype: str) -> str:
    if isinstance(value, list):
        return f"[{number(value[0])}, {number(value[1])}]"
    if ptype in ("count", "number"):
        return number(value)
    return ident(str(value)) if ptype == "entity" else scalar(str(value))


def _cut(text: str, width: int = WIDTH) -> str:
    return text if len(text) <= width else text[:width - 3].rsplit(" ", 1)[0] + "..."


def claim_dict(sid: str, s: Suggestion) -> dict[str, Any]:
    """The claim a suggestion becomes, as the claims file reads back."""
    out: dict[str, Any] = {"source": sid, "subject": s.subject, "property": s.property,
                           "value": s.value}
    if s.bound and s.bound != "exact" and s.ptype in ("count", "number"):
        out["bound"] = s.bound
    if s.attributed_to:
        out["attributed_to"] = s.attributed_to
    out["quote"] = s.quote
    out["note"] = note(s)
    return out


def claim_lines(sid: str, s: Suggestion, indent: str = "  ") -> list[str]:
    lines = [f"{indent}- source: {ident(sid)}",
             f"{indent}  subject: {ident(s.subject)}",
             f"{indent}  property: {ident(s.property)}",
             f"{indent}  value: {_value(s.value, s.ptype)}"]
    if s.bound and s.bound != "exact" and s.ptype in ("count", "number"):
        lines.append(f"{indent}  bound: {s.bound}")
    if s.attributed_to:
        lines.append(f"{indent}  attributed_to: {ident(s.attributed_to)}")
    lines.append(f"{indent}  quote: {scalar(s.quote)}")
    lines.append(f"{indent}  note: {scalar(note(s))}")
    return lines


def _new_lines(sid: str, c: Candidate, indent: str) -> list[str]:
    prop = c.suggested_property or TODO
    lines = [f"{indent}# line {c.line}: {comment(_cut(c.sentence))}",
             f"{indent}# - source: {ident(sid)}",
             f"{indent}#   subject: {TODO}",
             f"{indent}#   property: {prop}" + (f"  # {comment(c.hint)}" if c.hint else ""),
             f"{indent}#   value: {_value(c.value, 'count')}"]
    if c.quantity.kind != "year":
        lines.append(f"{indent}#   bound: {c.quantity.bound}")
    lines.append(f"{indent}#   quote: {scalar(c.quote)}")
    return lines


def items(sug: Suggestions, indent: str = "  ", *, alternatives: bool = True,
          new: bool = True) -> tuple[list[str], list[dict[str, Any]]]:
    """The lines of the claim items (under `claims:`) and the claims they hold, in order."""
    lines: list[str] = []
    claims: list[dict[str, Any]] = []
    sid = sug.source_id
    for fs in sug.facts:
        f = fs.fact
        given = ", ".join(sorted({_short(c.value) for c in f.claims}))
        lines.append(f"{indent}# {f.id}: {given} (claimed by {', '.join(f.sources)})")
        firsts = fs.suggestions[:fs.firsts]
        for s in firsts:
            lines.append(f"{indent}# line {s.line}: {comment(_cut(s.sentence))}")
            lines.append(f"{indent}# shares: {', '.join(s.words) or 'the value'}")
            lines += claim_lines(sid, s, indent)
            claims.append(claim_dict(sid, s))
        if alternatives:
            for s in fs.suggestions:
                if s not in firsts:
                    lines.append(f"{indent}#   or: {_value(s.value, s.ptype)} (score "
                                 f"{s.score:.2f}, line {s.line}): {comment(s.quote)}")
    if new and sug.new:
        lines.append(f"{indent}{NEW_MARK.format(sid=sid)}")
        for c in sug.new:
            lines += _new_lines(sid, c, indent)
    return lines, claims


def _short(value: Any) -> str:
    if isinstance(value, list):
        return f"{value[0]}-{value[1]}"
    return f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else str(value)


def header(sug: Suggestions) -> list[str]:
    n = len(sug.facts)
    out = [f"# Suggested claims for {comment(sug.source_id)} ({comment(sug.article.display)})"
           f": {n} fact{'s' * (n != 1)} other sources claim, most likely first; then "
           f"{len(sug.new)} other quantit{'ies' if len(sug.new) != 1 else 'y'}.",
           "# Each suggestion's note says to confirm it; paste under `claims:` (or run "
           "suggest --write)."]
    for f in sug.skipped:
        out.append(f"# already claimed by {comment(sug.source_id)}: {f.id} "
                   f"({', '.join(f.already)}): not suggested again")
    for f in sug.untyped:
        out.append(f"# not suggested: {f.id} (text: write its value in your words)")
    return out


def yaml_text(sug: Suggestions) -> str:
    lines = items(sug)[0]
    body = ["claims:" if lines else "claims: []", *lines]
    return "\n".join([*header(sug), *body]) + "\n"


def text_view(sug: Suggestions, width: int = WIDTH) -> str:
    """To read, wrapped to `width` columns (the terminal's, or 100 in a file)."""
    out = [f"{sug.source_id} ({sug.article.display}): {len(sug.facts)} tracked facts with "
           f"suggestions, {len(sug.new)} other quantities"]
    for f in sug.skipped:
        out.append(f"  already claimed: {f.id} ({', '.join(f.already)})")
    for fs in sug.facts:
        out.append(f"\n{fs.fact.id}  (claimed by {', '.join(fs.fact.sources)})")
        for k, s in enumerate(fs.suggestions):
            mark = "*" if k == 0 else " "
            out.append(f"  {mark} {_short(s.value):>12}  {s.score:.2f}  line {s.line}: "
                       f"{s.quote!r}")
    if sug.new:
        out.append("\nother quantities (new facts):")
        for c in sug.new:
            out.append(f"    {_short(c.value):>12}  line {c.line}: {c.quote!r}")
    # article text and ids: control characters shown, no line read as a CI command
    from rich.text import Text

    from mou_reconcile.reporters.wrap import wrap_text

    # wrapped as shown (control characters made visible), then guarded: a wrapped line's
    # start is a new place a CI log could read a command at
    wrapped = wrap_text(Text(terminal_text("\n".join(out))), width)
    return terminal_text("\n".join(line.plain for line in wrapped)) + "\n"


def json_text(sug: Suggestions) -> str:
    doc = {"version": 1, "source": sug.source_id, "file": sug.file,
           "facts": [{"fact": fs.fact.id, "claimed_by": fs.fact.sources,
                      "suggestions": [_sdict(s) for s in fs.suggestions]}
                     for fs in sug.facts],
           "already_claimed": [{"fact": f.id, "claims": f.already} for f in sug.skipped],
           "new": [{"value": c.value, "bound": c.quantity.bound, "quote": c.quote,
                    "line": c.line, "col": c.col, "hint": c.hint,
                    "property": c.suggested_property} for c in sug.new]}
    return safe_json(json.dumps(doc, indent=2, ensure_ascii=False)) + "\n"


def _sdict(s: Suggestion) -> dict[str, Any]:
    return {"value": s.value, "bound": s.bound, "attributed_to": s.attributed_to,
            "quote": s.quote, "line": s.line, "col": s.col, "score": s.score,
            "shares": list(s.words)}
