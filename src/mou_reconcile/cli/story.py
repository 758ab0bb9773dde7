"""Starting a story: init (a claims file and an articles folder), add (articles from saved
pages, URLs or text files, each a new source). The reading and the editing are in
corpus/pages.py, corpus/addpages.py and corpus/storyfile.py; here, the files are written."""

# No `from __future__ import annotations`: typer would eval every annotation string at start-up.

import contextlib
import os
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from mou_reconcile.cli import session
from mou_reconcile.cli.app import app
from mou_reconcile.cli.helptext import Command
from mou_reconcile.cli.options import EXIT_USAGE

CLAIMS_NAME = "claims.yaml"


def _echo(message: str, *, err: bool = False) -> None:
    """A message that may quote a path, a title or a page: control characters shown, no
    line reading as a workflow command (reporters/escape.py). On stdout, wrapped to the
    width as text output is (reporters/wrap.py)."""
    from mou_reconcile.reporters.escape import terminal_text

    text = terminal_text(message)
    if not err:
        import sys

        from rich.console import Console
        from rich.text import Text

        from mou_reconcile.reporters.wrap import wrap_text

        width = Console(file=sys.stdout).width
        # guarded again: a wrapped line's start is a new place a CI log reads commands at
        text = terminal_text("\n".join(line.plain for line in wrap_text(Text(text), width)))
    typer.echo(text, err=err)


def _fail(message: str) -> NoReturn:
    _echo(message, err=True)
    raise typer.Exit(EXIT_USAGE)


def _create(path: Path, data: bytes) -> None:
    """Write a new file, never over one: O_EXCL, and removed again if writing fails."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            path.unlink()
        raise


@app.command(cls=Command, epilog="Example: mou-reconcile init stories/ferry-fire")
def init(
    folder: Annotated[Path | None, typer.Argument(
        metavar="[DIR]", show_default=False,
        help="The story's folder, created if missing [default: the current folder].")
    ] = None,
    schema: Annotated[str | None, typer.Option(
        "--schema", metavar="REF", show_default=False,
        help="What the file's yaml-language-server modeline names: a path relative to DIR "
             "or a URL [default: the schema installed with mou-reconcile].")] = None,
) -> None:
    """Start a story: DIR/claims.yaml (version 1, empty sections, each explained in a
    comment) and the folder DIR/articles/.

    The claims file's first line names the JSON Schema, so an editor with the YAML
    language server completes and checks it as you type. An existing claims.yaml is
    never overwritten. Then: `mou-reconcile add PAGE... --claims DIR`.

    Exit code 0; 2: DIR already has a claims.yaml, or cannot be written.
    """
    from mou_reconcile.corpus.locate import display_path
    from mou_reconcile.corpus.storyfile import new_claims_text, schema_reference

    with session.running("init", None, "text", None, None):
        where = folder or Path(".")
        target = where / CLAIMS_NAME
        shown = display_path(target) if target.is_absolute() else str(target)
        if where.exists() and not where.is_dir():
            _fail(f"{where}: is not a folder")
        if os.path.lexists(target):
            _fail(f"{shown} already exists; init never overwrites a claims file (add "
                  f"articles to it with `mou-reconcile add PAGE --claims {shown}`)")
        try:
            where.mkdir(parents=True, exist_ok=True)
            text = new_claims_text(schema or schema_reference(where))
            _create(target, text.encode("utf-8"))
            (where / "articles").mkdir(exist_ok=True)
        except FileExistsError:
            _fail(f"{shown} already exists, or {where / 'articles'} is a file; nothing "
                  "overwritten")
        except OSError as exc:
            _fail(f"{shown}: cannot be written: {exc.strerror or exc}")
        claims = "" if folder is None else f" --claims {display_path(where)}"
        _echo(f"created {shown} and {where / 'articles'}{os.sep}\nnext: mou-reconcile "
                   f"add PAGE...{claims}   (a saved web page, a URL or a .txt file)")


def _story_claims(claims: str | None) -> tuple[Path, str]:
    """--claims, $MOU_RECONCILE_CLAIMS, ./claims.yaml (where `init` puts it), then
    ./data/claims.yaml (corpus/locate.py); never the sample shipped with the tool."""
    path, display = session.locate_claims(claims, "text", sample=False)
    return path, display  # type: ignore[return-value]


def _open(claims: str | None) -> Any:
    from mou_reconcile.corpus.addpages import UnreadableStory, open_story
    from mou_reconcile.corpus.limits import BadLimit, check_environment
    from mou_reconcile.corpus.load import UnreadableInput
    from mou_reconcile.corpus.storyfile import CannotEdit

    try:
        check_environment()
    except BadLimit as exc:
        _fail(f"mou-reconcile: {exc}")
    path, display = _story_claims(claims)
    try:
        return open_story(path, display)
    except UnreadableInput as exc:
        session.fail_unreadable(exc.problem, "text")
    except UnreadableStory as exc:
        first = f"{display}:1:1: "
        if exc.problems:
            p = exc.problems[0]
            first = f"{p.path}:{p.line}:{p.col}: {p.code} error: {p.message}; "
        _fail(f"{first}add changes nothing until the claims file reads as YAML: fix it "
              "(`mou-reconcile check` lists every problem)")
    except CannotEdit as exc:
        _fail(f"{display}: cannot add to it: {exc}; nothing changed")


def _write(story: Any, added: list[Any]) -> None:
    """The articles (new files), then the claims file (atomically); on any failure the
    articles written are removed and the claims file is as it was."""
    from mou_reconcile.cli.output import atomic_write
    from mou_reconcile.corpus.load import UnreadableInput, read_claims_text
    from mou_reconcile.corpus.storyfile import CannotEdit, with_sources

    try:
        text = with_sources(story.text, [source for _, source in added])
    except CannotEdit as exc:
        _fail(f"{story.display}: cannot add to it safely: {exc}; nothing changed (add the "
              "entries by hand: `mou-reconcile extract FILE` prints one)")
    written: list[Path] = []
    try:
        (story.folder / "articles").mkdir(exist_ok=True)
        for page, source in added:
            target = story.folder / source.file
            _create(target, page.text.encode("utf-8"))
            written.append(target)
        if read_claims_text(story.path, story.display) != story.text:
            _fail(f"{story.display}: changed while add ran; nothing changed: run it again")
        atomic_write(story.path, ("\ufeff" if story.bom else "") + text)
    except (OSError, UnreadableInput) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        for path in written:
            with contextlib.suppress(OSError):
                path.unlink()
        _fail(f"{story.display}: cannot be written: {reason}; nothing changed")
    except BaseException:
        for path in written:
            with contextlib.suppress(OSError):
                path.unlink()
        raise


@app.command(cls=Command,
             epilog="Example: mou-reconcile add data/articles/jwg-24-mous-dec22.txt")
def add(
    pages: Annotated[list[str], typer.Argument(
        metavar="PAGE...", show_default=False,
        help="A saved web page (.html, .htm), an http(s) URL, or a plain-text file.")],
    claims: Annotated[str | None, typer.Option(
        "--claims", "-c", metavar="PATH", show_default=False,
        help="Claims file, or a folder holding claims.yaml [default: $MOU_RECONCILE_CLAIMS, "
             "./claims.yaml, ./data/claims.yaml].")] = None,
) -> None:
    """Add articles to a story: each page's main text saved as articles/<id>.txt and a new
    entry (id, file, title, outlet, published, url) at the end of `sources:`.

    A web page's text is its article without menus, footers or comments (trafilatura),
    its date the publication date its metadata gives (htmldate); a text file is copied,
    its first line the title. A URL is fetched once (10 s a step, 5 MiB at most). The
    claims file keeps its comments and layout; a page already in the story (same URL or
    same text) is skipped. All pages are read before anything is written: one that fails
    changes nothing. For example: `mou-reconcile add saved/ferry.html
    https://example.org/news/12345 --claims stories/ferry-fire`.

    Exit code 0; 2: a page that cannot be read or holds no article, or a claims file that
    cannot be read or changed.
    """
    from mou_reconcile.corpus.addpages import plan
    from mou_reconcile.corpus.pages import PageError, read_page

    with session.running("add", claims, "text", None, None):
        story = _open(claims)
        try:
            found = [read_page(page) for page in pages]
        except PageError as exc:
            _fail(f"{exc}; nothing added")
        todo = plan(story, found)
        for page, why in todo.skipped:
            _echo(f"{page.given}: {why}")
        if todo.added:
            _write(story, todo.added)
        for _, source in todo.added:
            about = ", ".join(x for x in (source.outlet, source.published) if x)
            _echo(f"added {source.id}: {source.file}"
                       + (f"  {source.title!r}" if source.title else "")
                       + (f" ({about})" if about else ""))
        if todo.added:
            from mou_reconcile.corpus.locate import display_path

            shown = story.path.parent if story.path.name == CLAIMS_NAME else story.path
            there = f" --claims {display_path(shown)}"
            _echo(f"next: claims for each source (`mou-reconcile extract "
                       f"{todo.added[0][1].id}{there}` prints stubs), then `mou-reconcile "
                       f"check{there}`")
