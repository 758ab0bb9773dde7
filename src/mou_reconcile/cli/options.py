"""The options and formats the commands share, and the exit codes."""

# No `from __future__ import annotations`: typer would eval every annotation string at start-up.

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from mou_reconcile.cli.helptext import choices

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class Format(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"
    github = "github"
    sarif = "sarif"
    html = "html"


REPORT_ONLY_FORMATS = {Format.html}


class CheckFormat(StrEnum):
    """check's formats: report's but html (a page per report)."""

    text = "text"
    json = "json"
    markdown = "markdown"
    github = "github"
    sarif = "sarif"


class Color(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


ColorOption = Annotated[Color, typer.Option(
    "--color", metavar=choices(Color),
    help="Colour the text output: auto (on a terminal, unless NO_COLOR is set; FORCE_COLOR "
         "forces it), always (even when piped, despite NO_COLOR), never (plain text).")]


class Level(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"


ClaimsOption = Annotated[
    str | None,
    typer.Option("--claims", "-c", metavar="PATH", show_default=False,
                 help="Claims file, or a folder holding claims.yaml."),
]

PathsArgument = Annotated[list[str] | None, typer.Argument(
    metavar="[PATH]...", show_default=False,
    help="Claims files or folders: a folder holding claims.yaml is that file, any other "
         "folder every claims file under it (claims.yaml, claims.yml, NAME.claims.yaml, "
         "NAME-claims.yaml; hidden folders left out). None: as --claims.")]
JobsOption = Annotated[int | None, typer.Option(
    "--jobs", "-j", metavar="N", min=1, show_default=False,
    help="With several claims files, run N at once, each in a process of its own (output "
         "stays in the order of the arguments) [default: the number of cores; 1: one "
         "after the other].")]


FormatOption = Annotated[Format | None, typer.Option(
    "--format", "-f", metavar=choices(Format), show_default=False,
    help="Output format [default: github when GITHUB_ACTIONS=true, else text].")]
CheckFormatOption = Annotated[CheckFormat | None, typer.Option(
    "--format", "-f", metavar=choices(CheckFormat), show_default=False,
    help="Output format [default: github when GITHUB_ACTIONS=true, else text].")]
def output_path(value: str | Path) -> Path:
    """--output's value: a file, never a folder. Checked on the text as typed, since a Path
    drops a trailing separator (`--output out/` would write a file named `out`)."""
    import os

    raw = os.fspath(value)
    if raw.endswith(("/", os.sep)) or (os.altsep and raw.endswith(os.altsep)):
        raise typer.BadParameter(f"{raw!r} names a folder (it ends with a separator); give "
                                 "a file name")
    if os.path.isdir(raw):
        raise typer.BadParameter(f"{raw!r} is a folder; give a file name")
    return Path(raw)


OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", metavar="FILE", parser=output_path,
                 help="Write to FILE (atomically) instead of stdout."),
]
NoCacheOption = Annotated[bool, typer.Option(
    "--no-cache", help="Neither use nor store a cached result (also: "
                       "MOU_RECONCILE_NO_CACHE=1). Otherwise an unchanged re-run (same claims "
                       "file, articles, options and tool) prints the stored answer at once.")]


class ViewFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


ViewFormatOption = Annotated[ViewFormat, typer.Option(
    "--format", "-f", metavar=choices(ViewFormat))]


class DataFormat(StrEnum):
    text = "text"
    json = "json"


DataFormatOption = Annotated[DataFormat, typer.Option(
    "--format", "-f", metavar=choices(DataFormat))]


class StubFormat(StrEnum):
    yaml = "yaml"
    text = "text"


class CoverageFormat(StrEnum):
    text = "text"
    json = "json"


CoverageFormatOption = Annotated[CoverageFormat, typer.Option(
    "--format", "-f", metavar=choices(CoverageFormat))]


YearsOption = Annotated[bool, typer.Option(
    "--years", help='Also list bare years ("launched in 2015"), for date properties.')]
