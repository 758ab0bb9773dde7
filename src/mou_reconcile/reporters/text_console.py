"""The text reporter's rich console: colour only on a terminal and never with NO_COLOR, each
line wrapped to the width between words (reporters/wrap.py), and the data's control and
escape characters shown, never written (reporters/escape.py)."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable
from typing import Any, TextIO, cast

from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment
from rich.text import Text

from mou_reconcile.reporters.escape import CommandGuard, visible
from mou_reconcile.reporters.wrap import Hanging, wrap_text


def console(out: TextIO, *, color: bool | None, width: int | None) -> Console:
    """A console writing to `out`. `color` None: rich decides (NO_COLOR, FORCE_COLOR, a
    terminal); True: colour even when piped; False: plain text, no escape codes, even on a
    terminal. `width` None: the terminal's."""
    no_color = color is False or (color is None and bool(os.environ.get("NO_COLOR")))
    made = _Console(file=cast(TextIO, CommandGuard(out)), width=width, no_color=no_color,
                    force_terminal=color, highlight=False, soft_wrap=True, emoji=False)
    made.size = made.size  # measured once: rich would ask the OS at every print
    return made


class _Console(Console):
    """Every renderable passes through `render`: the one place where the data's control
    characters are made visible (rich's own colour codes are styles, not text). Every line
    of text passes through `print`, which wraps it to the width between words, with a
    hanging indent (reporters/wrap.py); tables lay out their own cells."""

    def print(self, *objects: Any, **kwargs: Any) -> None:
        if len(objects) == 1 and isinstance(objects[0], (Text, str, Hanging)):
            item = objects[0]
            hang = item.hang if isinstance(item, Hanging) else None
            text = item.text if isinstance(item, Hanging) else item
            if isinstance(text, str):
                text = self.render_str(text)
            kwargs["soft_wrap"] = True  # each line fits: rich must not wrap it again
            lines = wrap_text(text, self.width, hang)
            super().print(lines[0] if len(lines) == 1 else Text("\n").join(lines), **kwargs)
            return
        super().print(*objects, **kwargs)

    def render(self, renderable: RenderableType,
               options: ConsoleOptions | None = None) -> Iterable[Segment]:
        for segment in super().render(renderable, options):
            text = segment.text
            if segment.control is None and visible(text) is not text:
                segment = Segment(visible(text), segment.style)
            yield segment

    def on_broken_pipe(self) -> None:
        # rich ends the process with exit 1 here, the code for findings: let the closed pipe
        # reach the console entry instead, which ends quietly with 141 (128 + SIGPIPE).
        raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))
