"""The results table: one row per target, with the figure, its baseline, the ratio, the
limit and PASS/FAIL; rows without a limit are context (INFO)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Row:
    target: str  # "1 start-up", "2 scale", ...
    what: str
    measured: str
    baseline: str = ""
    ratio: str = ""
    limit: str = ""
    ok: bool | None = None  # None: no limit, shown for context
    note: str = ""  # "est." for extrapolated figures

    @property
    def result(self) -> str:
        if self.ok is None:
            return "info"
        return "PASS" if self.ok else "FAIL"


def seconds(s: float) -> str:
    if s < 1:
        return f"{s * 1000:.0f} ms"
    if s < 100:
        return f"{s:.2f} s"
    return f"{s:,.0f} s"


def mib(m: float) -> str:
    return f"{m:,.0f} MiB" if m < 1024 else f"{m / 1024:.2f} GiB"


def ratio(x: float) -> str:
    return f"{x:.2f}x"


def render(rows: list[Row]) -> str:
    head = ("target", "what", "measured", "baseline", "ratio", "limit", "result")
    cells = [head] + [(r.target, r.what, r.measured + (f" ({r.note})" if r.note else ""),
                       r.baseline, r.ratio, r.limit, r.result) for r in rows]
    widths = [max(len(c[i]) for c in cells) for i in range(len(head))]
    lines = []
    for k, c in enumerate(cells):
        lines.append("  ".join(v.ljust(w) for v, w in zip(c, widths)).rstrip())
        if k == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)
