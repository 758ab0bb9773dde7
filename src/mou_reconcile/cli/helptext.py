"""Each command's help, laid out here rather than by typer, so it reads the same on every
supported typer release: typer 0.29 writes a required argument `{fact}`, an optional one
`[[FACT]]`, and types as `<list[str]>`; 0.16 drops the arguments' help and prints
`\\[default: text]`. Usage shows each argument's metavar as written; the Arguments and
Options sections are built from the parameters' names, metavars, help and defaults only.
tests/test_cliparams.py checks that every option taking a value has a metavar.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from typer.core import TyperCommand


def choices(enum: type[Enum]) -> str:
    """The metavar of an option taking one of `enum`'s values: `[text|json]`."""
    return "[" + "|".join(str(m.value) for m in enum) + "]"


def _default(param: Any) -> str | None:
    if not param.show_default or param.is_flag or param.default is None:
        return None
    if isinstance(param.show_default, str):
        return param.show_default
    value = param.default
    return str(value.value if isinstance(value, Enum) else value)


def record(param: Any) -> tuple[str, str]:
    """One row of the Arguments or Options section: the names, then the help."""
    extra = []
    if param.param_type_name == "argument":
        names = param.metavar or param.name.upper()
    else:
        names = ", ".join(sorted(param.opts, key=lambda o: len(o) - len(o.lstrip("-"))))
        if param.secondary_opts:
            names += " / " + ", ".join(param.secondary_opts)
        if not param.is_flag:
            names += " " + (param.metavar or param.name.upper())
        default = _default(param)
        if default is not None:
            extra.append(f"default: {default}")
    if param.required:
        extra.append("required")
    text = param.help or ""
    if extra:
        text = f"{text}  [{'; '.join(extra)}]" if text else f"[{'; '.join(extra)}]"
    return names, text


class Command(TyperCommand):
    """A command whose usage line and Arguments/Options sections are laid out by
    `record`."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        return pieces + [p.metavar or p.name.upper() for p in self.get_params(ctx)
                         if p.param_type_name == "argument"]

    def format_options(self, ctx: Any, formatter: Any) -> None:
        rows: dict[str, list[tuple[str, str]]] = {"argument": [], "option": []}
        for param in self.get_params(ctx):
            if not getattr(param, "hidden", False) and param.param_type_name in rows:
                rows[param.param_type_name].append(record(param))
        for title, kind in (("Arguments", "argument"), ("Options", "option")):
            if rows[kind]:
                with formatter.section(title):
                    formatter.write_dl(rows[kind])
