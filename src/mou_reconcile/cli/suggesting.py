"""`suggest`: claims for a source's article, for the facts the story already tracks; printed
to paste, or appended to the claims file with --write (as `add` appends sources:
corpus/storyfile.py keeps the file's comments and layout, the result is verified)."""

# No `from __future__ import annotations`: typer would eval every annotation string at start-up.

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from mou_reconcile.cli import complete, session
from mou_reconcile.cli.app import app
from mou_reconcile.cli.helptext import Command, choices
from mou_reconcile.cli.options import EXIT_USAGE, Format, OutputOption


class SuggestFormat(StrEnum):
    yaml = "yaml"
    text = "text"
    json = "json"


# The claims file's own YAML problems: nothing can be suggested or written until fixed.
_SYNTAX = {"MR101", "MR102", "MR103"}


def _fail(message: str) -> NoReturn:
    session.say(message)
    raise typer.Exit(EXIT_USAGE)


def claims_for(claims: str | None, source: str) -> str | None:
    """--claims, $MOU_RECONCILE_CLAIMS; for an article's path, the story it lies in; else
    None (found as every command finds it, corpus/locate.py)."""
    from mou_reconcile.corpus.locate import ENV_VAR, story_of

    if claims or os.environ.get(ENV_VAR) or not Path(source).is_file():
        return claims
    found = story_of(Path(source))
    return str(found) if found else None


def _corpus(claims: str | None, source: str) -> Any:
    corpus = session.checked(claims_for(claims, source), Format.text,
                             sample=False).corpus
    broken = [p for p in corpus.problems if p.code in _SYNTAX]
    if broken:
        p = broken[0]
        _fail(f"{p.path}:{p.line}:{p.col}: {p.code} error: {p.message}; suggest reads "
              "nothing until the claims file reads as YAML: fix it (`mou-reconcile check` "
              "lists every problem)")
    return corpus


def _source(corpus: Any, query: str) -> str:
    from mou_reconcile.corpus.lookup import Unknown, resolve_source

    try:
        sid = resolve_source(corpus, query)
    except Unknown as exc:
        hint = (f"; add the article first: `mou-reconcile add {query}`"
                if Path(query).is_file() else "")
        _fail(exc.message(corpus.display) + hint)
    if sid not in corpus.articles:  # missing, unreadable, not UTF-8: check said why
        why = [p for p in corpus.problems if f"source {sid!r}" in p.message]
        if why:
            session.fail_unreadable(why[0], "text")
        _fail(f"source {sid!r}: its article cannot be read; run `mou-reconcile check`")
    return sid


def _said(fmt: str, output: Path | None, display: str, sid: str, added: int, stubs: int,
          text: str) -> None:
    """What --write did: one line (and the next step) to read, or a JSON document; to
    stdout or --output."""
    from mou_reconcile.reporters.escape import terminal_text
    from mou_reconcile.reporters.yaml_reporter import comment

    if fmt == "json":
        import json

        text = json.dumps({"version": 1, "claims_file": display, "source": sid,
                           "added": added, "stubs": stubs})
    elif fmt == "yaml":  # still YAML: comments
        text = "\n".join(f"# {comment(line)}" for line in text.splitlines())
    else:
        text = terminal_text(text)
    session.publish(text + "\n", output)


def _write(corpus: Any, found: Any, fmt: str, output: Path | None) -> None:
    """Append the suggestions to the claims file: atomically, after checking the file did
    not change meanwhile, and read back."""
    from mou_reconcile.cli.output import atomic_write
    from mou_reconcile.corpus.addpages import UnreadableStory, open_story
    from mou_reconcile.corpus.load import UnreadableInput, read_claims_text
    from mou_reconcile.corpus.storyfile import CannotEdit, with_items
    from mou_reconcile.reporters.suggestions import NEW_MARK, items

    try:
        story = open_story(corpus.path, corpus.display)
    except (UnreadableInput, UnreadableStory, CannotEdit) as exc:
        _fail(f"{corpus.display}: cannot add to it: {exc}; nothing changed")
    new = NEW_MARK.format(sid=found.source_id) not in story.text
    claims = items(found, new=new)[1]
    if not claims and not (new and found.new):
        _said(fmt, output, story.display, found.source_id, 0, 0, f"nothing to add to "
              f"{story.display}: no suggestion for {found.source_id}")
        return
    try:
        text = with_items(story.text, "claims",
                          lambda indent: items(found, indent, new=new)[0], claims)
    except CannotEdit as exc:
        _fail(f"{story.display}: cannot add to it safely: {exc}; nothing changed (paste "
              f"the output of `mou-reconcile suggest {found.source_id}` by hand)")
    data = ("\ufeff" if story.bom else "") + text
    try:
        if read_claims_text(story.path, story.display) != story.text:
            _fail(f"{story.display}: changed while suggest ran; nothing changed: run it again")
        atomic_write(story.path, data)
        if story.path.read_bytes() != data.encode("utf-8"):
            _fail(f"{story.display}: reads back differently after writing; check it")
    except (OSError, UnreadableInput) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        _fail(f"{story.display}: cannot be written: {reason}; nothing changed")
    stubs = len(found.new) if new else 0
    _said(fmt, output, story.display, found.source_id, len(claims), stubs,
          f"added {len(claims)} suggested claim{'s' * (len(claims) != 1)} for "
          f"{found.source_id} to {story.display}"
          + (f", and {stubs} other quantities as commented stubs" if stubs else "")
          + "\nnext: confirm each one (its note says so; delete the note), then "
          "`mou-reconcile check`")


@app.command(cls=Command, epilog="Example: mou-reconcile suggest pm-beijing --format text")
def suggest(
    source: Annotated[str, typer.Argument(
        metavar="SOURCE", help="A source id, its article's path, or a unique prefix.",
        autocompletion=complete.sources)],
    claims: Annotated[str | None, typer.Option(
        "--claims", "-c", metavar="PATH", show_default=False,
        help="Claims file, or a folder holding claims.yaml [default: $MOU_RECONCILE_CLAIMS, "
             "./claims.yaml, ./data/claims.yaml; for an article's path, its story's].")
    ] = None,
    write: Annotated[bool, typer.Option(
        "--write", help="Append the suggested claims to the claims file (each with a note "
                        "to confirm it; the other quantities as commented stubs).")] = False,
    format: Annotated[SuggestFormat, typer.Option(
        "--format", "-f", metavar=choices(SuggestFormat),
        help="yaml: claims to paste; text: to read; json. With --write: what was added, "
             "as YAML comments, text or JSON.")] = SuggestFormat.yaml,
    output: OutputOption = None,
) -> None:
    """Claims for a source's article: for each fact other sources claim, the article's
    figures, names and dates whose words match the fact's, most likely first.

    A fact's words are those its quotes write next to the figure, its property's id, unit
    and description, and its subject's names; the article's figures are scored by the
    words around them, how close they are to the values other sources give, and whether
    their sentence names the subject. Each suggestion comes with its quote cut from the
    article and a score; facts the source already claims are named and skipped. Then the
    article's other quantities, as stubs for new facts (as `extract` gives them).

    Exit code 0; 2: unreadable input, an unknown source, an unreadable article, or a
    claims file --write cannot change (it is then left as it was).
    """
    from mou_reconcile.reporters import suggestions as show
    from mou_reconcile.views.suggest import suggest as find

    fmt = format.value
    with session.running("suggest", claims, fmt, output, None):
        corpus = _corpus(claims, source)
        sid = _source(corpus, source)
        found = find(corpus.articles[sid], corpus, corpus.source(sid).file)
        if write:
            _write(corpus, found, fmt, output)
            return
        if fmt == "text":
            from rich.console import Console

            # the terminal's width, as every text output (100 columns in a file)
            width = Console(file=sys.stdout).width if output is None else show.WIDTH
            session.publish(show.text_view(found, width), output)
            return
        render = {"yaml": show.yaml_text, "json": show.json_text}
        session.publish(render[fmt](found), output)
