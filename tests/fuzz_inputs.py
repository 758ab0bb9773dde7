"""Fuzz inputs: story folders made by mutating the test case folders, each decision drawn
from a Chooser, so the same generators serve hypothesis (which shrinks a failure to a small
input) and a seeded random.Random (fast; an input is reproduced from its seed alone).

Mutations: text (truncation, nasty tokens such as tabs, BOM, control characters, aliases,
merge keys, tags, deep brackets, huge numbers and strings; lines deleted, doubled, swapped,
re-indented; CRLF), data (values of any type put anywhere, keys dropped or added, dumped as
block or flow YAML or JSON), bytes (UTF-16, Latin-1, invalid UTF-8) and files (an article
missing, a folder, a FIFO, a symbolic link leaving the folder or looping, /dev/zero, 50 MB).
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Protocol, TypeVar, cast

import yaml

REPO = Path(__file__).resolve().parents[1]
CASES = REPO / "tests" / "cases"
T = TypeVar("T")

# --- choosing -----------------------------------------------------------------------------


class Chooser(Protocol):
    def integer(self, lo: int, hi: int) -> int: ...
    def choice(self, items: Sequence[T]) -> T: ...
    def text(self, max_size: int) -> str: ...


class RandomChooser:
    def __init__(self, seed: str | int) -> None:
        self.rng = random.Random(seed)

    def integer(self, lo: int, hi: int) -> int:
        return self.rng.randint(lo, hi)

    def choice(self, items: Sequence[T]) -> T:
        return items[self.rng.randrange(len(items))]

    def text(self, max_size: int) -> str:
        pools = (_PRINTABLE, _AWKWARD, None)
        out = []
        for _ in range(self.rng.randint(0, max_size)):
            pool = self.rng.choice(pools)
            # None: any code point, surrogates included (they become invalid UTF-8 bytes)
            out.append(self.rng.choice(pool) if pool else chr(self.rng.randint(0, 0x10FFFF)))
        return "".join(out)


class HypothesisChooser:
    def __init__(self, data: Any) -> None:
        self.data = data

    def integer(self, lo: int, hi: int) -> int:
        from hypothesis import strategies as st

        return int(self.data.draw(st.integers(lo, hi)))

    def choice(self, items: Sequence[T]) -> T:
        from hypothesis import strategies as st

        return cast(T, self.data.draw(st.sampled_from(items)))

    def text(self, max_size: int) -> str:
        from hypothesis import strategies as st

        return str(self.data.draw(st.text(max_size=max_size)))


_PRINTABLE = "abc xyz 0123456789 -:,.[]{}#&*!|>'\"%@`?\n"
_AWKWARD = ("\t", "\r", "\r\n", "\x00", "\x07", "\x1b", "\x7f", "\x85", "\u00a0", "\u2028",
            "\u2029", "\ufeff", "\u200b", "\u0301", "\ufffd", "\U0001f600", "\u202e", "…",
            "“", "—")

# --- inputs -------------------------------------------------------------------------------


@dataclass
class FuzzInput:
    """A story folder to write: story/claims.yaml, its articles, and awkward extras."""

    label: str
    claims: bytes | None  # None: no claims.yaml at all
    names: dict[str, str]  # for the {placeholders} of COMMAND_ARGS
    files: dict[str, bytes] = field(default_factory=dict)  # story-relative path -> bytes
    # (kind, story-relative path): "dir", "fifo", "symlink-out" (to a file outside the
    # story), "symlink-zero" (to /dev/zero), "symlink-loop", "big" (a 50 MB file)
    specials: list[tuple[str, str]] = field(default_factory=list)
    claims_arg: str = "claims.yaml"  # story-relative, given to --claims
    env: dict[str, str] = field(default_factory=dict)

    def write(self, root: Path) -> Path:
        story = root / "story"
        story.mkdir(parents=True)
        (root / "outside.txt").write_text("The council signed nine agreements.\n")
        for rel, data in self.files.items():
            target = story / rel
            with contextlib.suppress(OSError):  # a name that cannot be a file name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
        if self.claims is not None:
            (story / "claims.yaml").write_bytes(self.claims)
        for kind, rel in self.specials:
            target = story / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.is_dir():
                continue
            target.unlink(missing_ok=True)
            if kind == "dir":
                target.mkdir()
            elif kind == "fifo":
                os.mkfifo(target)
            elif kind == "symlink-out":
                target.symlink_to(root / "outside.txt")
            elif kind == "symlink-zero":
                target.symlink_to("/dev/zero")
            elif kind == "symlink-loop":
                other = target.with_name(target.name + ".loop")
                other.unlink(missing_ok=True)
                target.symlink_to(other.name)
                other.symlink_to(target.name)
            elif kind == "big":
                with target.open("wb") as handle:
                    handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB of NUL, written fast
        return story


@dataclass(frozen=True, repr=False)
class Seed:
    name: str
    claims: bytes
    files: dict[str, bytes]

    def __repr__(self) -> str:  # hypothesis prints each draw: the name is enough
        return f"Seed({self.name!r})"

    @property
    def names(self) -> dict[str, str]:
        """Names for the {placeholders} of COMMAND_ARGS, from the first claim and sources."""
        names = {"fact": "x.y", "subject": "x", "source": "a", "source2": "b", "file": "a.txt"}
        with contextlib.suppress(Exception):  # a broken seed keeps the defaults
            data = yaml.safe_load(self.claims)
            sources = [s for s in data.get("sources") or [] if isinstance(s, dict)]
            claim = next(c for c in data.get("claims") or [] if isinstance(c, dict))
            names.update(fact=f"{claim['subject']}.{claim['property']}",
                         subject=str(claim["subject"]), source=str(sources[0]["id"]),
                         file=str(sources[0]["file"]))
            names["source2"] = str(sources[-1]["id"])
        return names


@cache
def seeds() -> tuple[Seed, ...]:
    """Every test case folder and the sample corpus: valid files and broken ones."""
    folders = [p for p in sorted(CASES.iterdir()) if (p / "claims.yaml").is_file()]
    out = []
    for folder in [*folders, REPO / "data"]:
        files = {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
                 if p.is_file() and p.name not in ("claims.yaml", "expected.txt")}
        out.append(Seed(folder.name, (folder / "claims.yaml").read_bytes(), files))
    return tuple(out)


@cache
def weighted_seeds() -> tuple[Seed, ...]:
    """Stories with several sources 4 times over: only they reach diff, matrix, timeline."""
    return tuple(s for s in seeds() for _ in range(4 if s.claims.count(b"file:") > 1 else 1))


NASTY_TOKENS = [
    "\t", "\ufeff", "\r\n", "\r", "\x00", "\x1b[31m", "\x85", "\u2028", "\x7f", "\x01",
    "&a ", "*a", "<<: *a\n", "<<: {x: 1}\n", "!!python/object/apply:os.system ['true'] ",
    "!!binary aGVsbG8= ", "!!set ", "!!omap ", "!!timestamp ", "!custom ", "!!int ", "!!str ",
    "!!float ", "!!bool ", "!!null ", "? ", "- ", ": ", ":", "{", "[", "]", "}", "'", '"',
    "# ", "|", "|-\n", ">", ">+\n", "---\n", "...\n", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n",
    "~", "null", ".nan", ".inf", "-.inf", "1e400", "-0", "0x", "0o8", "0b1", "1_000",
    "2025-02-30", "yes", "on", "NO", "@", "`", "%", "\\", "\\u", "\\x", "\n\n\n", "  ",
    "version: 1\n", "claims:\n", "sources:\n", "quote: ", "value: ", "bound: range\n",
    "9" * 5000, "1" + "0" * 400, "x" * 70_000, "[" * 300, "{a: " * 300, "- " * 300,
    "\xff", "\ud800", "…", "“quoted”", "\u202e", "\U0001f600",
]
VALUE_TOKENS = [
    "0", "-1", "-0.0", "1e-320", "1e308", "-1e308", "1.7976931348623157e308", "9223372036854775808",
    str(2**1000), "9" * 4301, ".nan", ".inf", "-.inf", "1e400", "true", "null", "~", "''", '""',
    "[]", "{}", "[1, 2]", "[2, 1]", "[1]", "[1, 2, 3]", "[.nan, 1]", "[0, .inf]", "[a, b]",
    "{a: 1}", "{g2g: .inf}", "{x: [1]}", "2025", "2025-13", "2025-02-29", "2024-02-29", "0000",
    "99999", "-2025", "'9'", '"1,500"', "nine", "x" * 3000, "lantern", "wire", "authority",
    "lantern-fire.injured", "'...'", "' ... '", "'.'", "'\\u00a0'", '"\\t"', '"\\x00"',
    "&a 1", "*a", "!!str 9", "!!int nine", "!!float x", "!!bool maybe", "!!null x", "|\n  x",
    "[" * 70 + "]" * 70, "{a: " * 70 + "1" + "}" * 70, "[" * 100_000,
]


def _value(ch: Chooser, depth: int = 0) -> Any:
    """A random YAML-able value, nested a little (or, rarely, a lot)."""
    kind = ch.integer(0, 11 if depth < 3 else 7)
    if kind == 0:
        return ch.choice([0, -1, 1, 9, 2**31, 2**63, 10**300, -(10**20), 10**400])
    if kind == 1:
        return ch.choice([0.0, -0.0, 0.5, 1e-320, 1e308, -1e308, float("nan"), float("inf"),
                          float("-inf")])
    if kind == 2:
        return ch.choice([True, False, None])
    if kind in (3, 4):
        return ch.text(30)
    if kind == 5:
        return ch.choice(["lantern", "wire", "authority", "lantern-fire", "injured", "count",
                          "range", "approx", "2026-03-14", "2026-02-30", "Eleven", "…"])
    if kind == 6:
        return "x" * ch.choice([2001, 10_000, 100_000])
    if kind == 7:
        nested: Any = ch.text(5)
        for _ in range(ch.choice([5, 63, 64, 65, 300])):
            nested = [nested] if ch.integer(0, 1) else {"a": nested}
        return nested
    if kind in (8, 9):
        return [_value(ch, depth + 1) for _ in range(ch.integer(0, 3))]
    return {ch.choice(["id", "value", "quote", "x", "", "1", "bound", "context"]):
            _value(ch, depth + 1) for _ in range(ch.integer(0, 3))}


def _paths(data: Any, here: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield here
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _paths(v, (*here, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _paths(v, (*here, i))


def _structured(ch: Chooser, seed: Seed) -> bytes | None:
    """The seed's data with values replaced, keys dropped or added; dumped again."""
    try:
        data = yaml.safe_load(seed.claims)
    except yaml.YAMLError:
        return None
    if not isinstance(data, dict):
        return None
    for _ in range(ch.integer(1, 4)):
        paths = list(_paths(data))[1:]
        in_claims = [p for p in paths if p[0] == "claims" and len(p) > 2]
        if in_claims and ch.integer(0, 2):  # most bugs hide in what claims hold
            paths = in_claims
        path = ch.choice(paths) if paths else ()
        parent: Any = data
        for key in path[:-1]:
            parent = parent[key]
        op = ch.integer(0, 3)
        if not path:
            continue
        if op <= 1:
            parent[path[-1]] = _value(ch)
        elif op == 2:
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[ch.choice(["note", "extra", "quote", "id", "derived_from"])] = _value(ch)
        else:
            parent.append(_value(ch))
    style = ch.integer(0, 2)
    try:
        if style == 2:
            text = json.dumps(data, ensure_ascii=bool(ch.integer(0, 1)), default=str)
        else:
            text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False,
                                  default_flow_style=bool(style), width=ch.choice([40, 1000]))
    except (ValueError, yaml.YAMLError, RecursionError):
        return None
    return text.encode("utf-8", errors="surrogatepass")


def _lines_op(ch: Chooser, text: str) -> str:
    lines = text.split("\n")
    i, j = ch.integer(0, len(lines) - 1), ch.integer(0, len(lines) - 1)
    op = ch.integer(0, 4)
    if op == 0:
        del lines[i]
    elif op == 1:
        lines.insert(i, lines[i])  # in a mapping: a duplicate key
    elif op == 2:
        lines[i], lines[j] = lines[j], lines[i]
    elif op == 3:
        lines[i] = ch.choice([" ", "  ", "\t", " \t"]) + lines[i]
    else:
        lines[i] = lines[i].lstrip(" ")
    return "\n".join(lines)


def _mutate_text(ch: Chooser, text: str) -> str:
    op = ch.integer(0, 7)
    at = ch.integer(0, len(text))
    if op == 0:
        return text[:at]
    if op in (1, 2):
        return text[:at] + ch.choice(NASTY_TOKENS) + text[at:]
    if op == 3:
        values = [m.end() for m in re.finditer(r": ", text)]
        if values:
            start = ch.choice(values)
            end = text.find("\n", start)
            end = len(text) if end < 0 else end
            return text[:start] + ch.choice(VALUE_TOKENS) + text[end:]
        return text
    if op == 4:
        return _lines_op(ch, text)
    if op == 5:
        return text[:at] + ch.text(20) + text[at:]
    if op == 6:
        return "&a [x, x]\n" + text if ch.integer(0, 1) else text.replace("\n", "\r\n")
    return ch.choice(["\ufeff", "# coding\n", "---\n", "%YAML 1.2\n---\n"]) + text


def _encode(ch: Chooser, text: str) -> bytes:
    data = text.encode("utf-8", errors="surrogatepass")
    op = ch.integer(0, 9)
    if op == 0 and data:
        at = ch.integer(0, len(data) - 1)
        return data[:at] + ch.choice([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xc0\xaf",
                                      b"\xf4\x90\x80\x80", b"\x80"]) + data[at:]
    if op == 1:
        return text.encode("utf-16", errors="surrogatepass")
    if op == 2:
        return text.encode("latin-1", errors="replace")
    return data


def _mutate_files(ch: Chooser, inp: FuzzInput) -> None:
    names = sorted(inp.files) or ["articles/a.txt"]
    name = ch.choice(names)
    op = ch.integer(0, 9)
    if op == 0:
        inp.files.pop(name, None)  # missing
    elif op <= 5:
        inp.specials.append((ch.choice(["dir", "fifo", "symlink-out", "symlink-zero",
                                        "symlink-loop", "big"]), name))
    elif op == 6:
        inp.files[name] = ch.choice([b"", b"\xff\xfe\x00", "\ufeffBOM\r\n".encode(),
                                     b"\x00" * 100, "x\u2028y\n\n\n".encode()])
    elif op == 7:
        inp.files[name] = _encode(ch, ch.text(200))
    else:
        text = inp.files.get(name, b"").decode("utf-8", errors="replace")
        inp.files[name] = _encode(ch, _mutate_text(ch, text))


def generate(ch: Chooser) -> FuzzInput:
    """One input: a seed's claims file mutated as text or as data, or its articles spoiled."""
    seed = ch.choice(weighted_seeds())
    inp = FuzzInput(seed.name, seed.claims, seed.names, dict(seed.files))
    mode = ch.integer(0, 9)
    if mode <= 3:
        text = seed.claims.decode("utf-8", errors="surrogateescape")
        for _ in range(ch.integer(1, 4)):
            text = _mutate_text(ch, text)
        inp.claims = _encode(ch, text)
        inp.label += " (text mutated)"
    elif mode <= 7:
        inp.claims = _structured(ch, seed) or seed.claims
        inp.label += " (data mutated)"
    else:
        for _ in range(ch.integer(1, 2)):
            _mutate_files(ch, inp)
        inp.label += " (files spoiled)"
    extra = ch.integer(0, 19)
    if extra == 0:
        inp.claims_arg = "."
    elif extra == 1:
        inp.claims = None
        inp.specials.append(("dir", "claims.yaml"))
    elif extra == 2:
        inp.claims = None
        inp.specials.append(("symlink-zero", "claims.yaml"))
    elif extra == 3:
        name = ch.choice(["MAX_CLAIMS_BYTES", "MAX_ARTICLE_BYTES", "MAX_DEPTH", "MAX_QUOTE_CHARS"])
        inp.env["MOU_RECONCILE_" + name] = ch.choice(["1", "3", "100", "0", "-5", "x", "1e3"])
    return inp
