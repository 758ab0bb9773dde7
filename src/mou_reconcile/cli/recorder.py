"""Recording what a command prints (for the result cache) while it still goes out."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Any, TextIO, cast


class Recorder:
    """Copies what the command writes to stdout and stderr while it still goes there."""

    def __init__(self) -> None:
        self.chunks: list[tuple[int, list[str]]] = []
        self._tees: list[_Tee] = []

    def start(self) -> None:
        self._tees = [_Tee(sys.stdout, 1, self.chunks), _Tee(sys.stderr, 2, self.chunks)]
        sys.stdout, sys.stderr = cast(TextIO, self._tees[0]), cast(TextIO, self._tees[1])

    def stop(self) -> None:
        for name, tee in zip(("stdout", "stderr"), self._tees, strict=True):
            if getattr(sys, name) is tee:
                setattr(sys, name, tee.wrapped)
        self._tees = []

    def text(self) -> list[tuple[int, str]]:
        return [(fd, "".join(parts)) for fd, parts in self.chunks]


class _Tee:
    def __init__(self, wrapped: TextIO, fd: int, chunks: list[tuple[int, list[str]]]) -> None:
        self.wrapped = wrapped
        self.fd = fd
        self.chunks = chunks

    def write(self, text: str) -> int:
        written = self.wrapped.write(text)
        if isinstance(text, str) and text:
            if self.chunks and self.chunks[-1][0] == self.fd:
                self.chunks[-1][1].append(text)
            else:
                self.chunks.append((self.fd, [text]))
        return written

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.wrapped, name)
