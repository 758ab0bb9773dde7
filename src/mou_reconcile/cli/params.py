"""Cheap conversion of command-line values that need none, ahead of typer's own.

typer (0.29) converts every parameter of the command being run, unset ones included,
through a pydantic TypeAdapter that it builds on first use; the first build imports pydantic's
validation machinery, about 0.1 s, which is most of a run answered from the cache (and what
`--help` avoids). An unset option (None), a choice given exactly as one of its values, or a
plain string need no conversion: here they get the value typer would give, and anything else
(a path, a wrong choice, another spelling) still goes through typer, with its checks and its
error messages. If typer's internals change shape, nothing is patched and typer does it all.
tests/test_cliparams.py checks both give the same values for every command's parameters.

A value typer refuses gets a message saying what was given and what is allowed (`'jsn' is
not one of text, json, markdown (did you mean json?)`), instead of the validator's own
(`Value error, 'jsn' is not one of...`, `Input should be greater than or equal to 1`).
"""

from __future__ import annotations

from enum import Enum
from typing import Any

_MISS = object()


def quick_value(param: Any, value: Any, ctx: Any) -> Any:
    """What typer's conversion would give for `value`, or _MISS if it must decide itself."""
    if param.nargs == -1 and not param.multiple:  # a variadic argument: `check [PATH]...`
        if param.type_descriptor.annotation != list[str]:
            return _MISS
        if value is None:
            return ()  # typer: unset gives an empty tuple (the command then gets None)
        if isinstance(value, tuple) and all(type(v) is str for v in value):
            return list(value)
        return _MISS
    if param.multiple or param.nargs != 1:
        return _MISS
    if value is None:
        return None  # typer: an unset single value stays None
    annotation = param.type_descriptor.annotation
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        if isinstance(value, annotation):
            return value
        info = param.type_descriptor.parameter_info
        if (isinstance(value, str) and info.case_sensitive
                and getattr(ctx, "token_normalize_func", None) is None):
            for member in annotation:
                if member.value == value:
                    return member
        return _MISS
    if annotation is str and type(value) is str:
        return value
    return _MISS


def plain_error(param: Any, value: Any) -> str | None:
    """What was given and what is allowed, for a value typer refused; None: keep typer's."""
    if not isinstance(value, str):
        return None
    annotation = param.type_descriptor.annotation
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        import difflib

        allowed = [str(m.value) for m in annotation]
        close = difflib.get_close_matches(value.lower(), allowed, n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        return f"{value!r} is not one of {', '.join(allowed)}{hint}"
    if annotation in (int, float):
        info = param.type_descriptor.parameter_info
        low, high = getattr(info, "min", None), getattr(info, "max", None)
        kind = "a whole number" if annotation is int else "a number"
        if low is not None and high is not None:
            kind += f" from {low} to {high}"
        elif low is not None:
            kind += f" of {low} or more"
        elif high is not None:
            kind += f" of {high} or less"
        return f"{value!r}: give {kind}"
    return None


class _Quick:
    """Stands in for typer's runtime parameter until a value needs the real one."""

    def __init__(self, build: Any) -> None:
        self.build = build

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        quick = quick_value(param, value, ctx)
        if quick is not _MISS:
            return quick
        from typer import BadParameter

        try:
            return self.build(param).coerce(value, param=param, ctx=ctx)
        except BadParameter:
            message = plain_error(param, value)
            if message is None:
                raise
        raise BadParameter(message, ctx=ctx, param=param)


def install() -> bool:
    """Put the quick conversion in front of typer's; False if typer is not as expected."""
    try:
        from typer import core
    except ImportError:  # pragma: no cover - typer is a dependency
        return False
    cls = getattr(core, "_TyperParameter", None)
    build = getattr(cls, "get_runtime_param", None)
    if cls is None or build is None or not hasattr(cls, "process_value"):
        return False
    if getattr(build, "quick", False):
        return True
    quick = _Quick(build)

    def get_runtime_param(self: Any) -> Any:
        # typer caches its runtime parameter in _runtime_param once built.
        real = getattr(self, "_runtime_param", None)
        return real if real is not None else quick

    get_runtime_param.quick = True  # type: ignore[attr-defined]
    get_runtime_param.build = build  # type: ignore[attr-defined]  # typer's own, for tests
    cls.get_runtime_param = get_runtime_param
    return True
