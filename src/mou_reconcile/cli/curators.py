"""Curators' commands: extract, coverage."""

# No `from __future__ import annotations`: typer would eval every annotation string at start-up.

from pathlib import Path
from typing import Annotated, Any

import typer

from mou_reconcile.cli import complete, session
from mou_reconcile.cli.app import app
from mou_reconcile.cli.helptext import Command, choices
from mou_reconcile.cli.options import (
    EXIT_FINDINGS,
    EXIT_USAGE,
    ClaimsOption,
    Color,
    ColorOption,
    CoverageFormat,
    CoverageFormatOption,
    Format,
    OutputOption,
    StubFormat,
    YearsOption,
)


def _article_for(corpus: Any, query: str) -> tuple[Any, bool, str | None]:
    """A declared source's article, else an article file not yet in the claims file."""
    from mou_reconcile.corpus.load import UnreadableInput
    from mou_reconcile.corpus.lookup import Unknown, resolve_source
    from mou_reconcile.views.extract import read_new_article

    try:
        sid = resolve_source(corpus, query)
    except Unknown as exc:
        if not Path(query).is_file():
            errors = sum(p.severity.label == "error" for p in corpus.problems)
            note = (f" (it has {errors} error{'s' * (errors != 1)}: run `mou-reconcile "
                    "check`)") if errors else ""
            session.say(exc.message(corpus.display) + note + "; or give the path of an "
                        "article file")
            raise typer.Exit(EXIT_USAGE) from None
        try:
            article, file = read_new_article(Path(query), corpus)
        except UnreadableInput as unreadable:
            session.fail_unreadable(unreadable.problem, "text")
        return article, True, file
    if sid not in corpus.articles:  # missing, unreadable, not UTF-8: check said why
        why = [p for p in corpus.problems if f"source {sid!r}" in p.message]
        if why:
            session.fail_unreadable(why[0], "text")
        session.say(f"source {sid!r}: its article cannot be read; run `mou-reconcile check`")
        raise typer.Exit(EXIT_USAGE)
    return corpus.articles[sid], False, corpus.source(sid).file


@app.command(
    cls=Command, epilog="Example: mou-reconcile extract jwg-skills --format text")
def extract(
    source: Annotated[str, typer.Argument(
        metavar="SOURCE", help="A source id, its article's path, or a unique prefix; or the "
                               "path of an article not yet in the claims file.",
        autocompletion=complete.sources)],
    claims: ClaimsOption = None,
    format: Annotated[StubFormat, typer.Option(
        "--format", "-f", metavar=choices(StubFormat),
        help="yaml: claim stubs to paste; text: to read.")] = StubFormat.yaml,
    years: YearsOption = False,
    output: OutputOption = None,
    color: ColorOption = Color.auto,
) -> None:
    """Every quantity an article states, as claim stubs for a curator to complete.

    Digits, number words, scale words, ranges and hedges (as the bound); ordinals and
    multipliers apart; codes such as 5G or SKY47 never; years only with --years. Each with
    its line, sentence, a property hint and the known entities of its sentence. Paste the
    YAML stubs under `claims:`, set subject and property, and `check` passes.

    Exit code 0; 2: unreadable input, an unknown source, or an unreadable article.
    """
    session.set_color(color)
    from mou_reconcile.cli.suggesting import claims_for
    from mou_reconcile.views.extract import extract as find_candidates

    with session.running("extract", claims, format.value, output, None):
        # An article's path: its own story's claims file, never the sample's.
        given = Path(source).is_file()
        corpus = session.checked(claims_for(claims, source), Format.text, note=True,
                                 sample=not given).corpus
        article, new, file = _article_for(corpus, source)
        found = find_candidates(article, corpus, years=years, new=new, file=file)
        session.emit(format, output, lambda r: r.extract(found))


@app.command(
    cls=Command, epilog="Example: mou-reconcile coverage --fail-under 90 --format json")
def coverage(
    claims: ClaimsOption = None,
    format: CoverageFormatOption = CoverageFormat.text,
    fail_under: Annotated[float | None, typer.Option(
        "--fail-under", metavar="PCT", min=0, max=100, show_default=False,
        help="Exit 1 if under PCT percent of the quantities are curated or explained.")
    ] = None,
    years: YearsOption = False,
    output: OutputOption = None,
    color: ColorOption = Color.auto,
) -> None:
    """Per source, the quantities its article states that no claim records.

    Curated: a claim's quote holds the quantity and the claim records that number.
    Explained: a `not_curated` entry's quote holds it (with the reason). The rest are
    listed with a quote to start a claim from.

    Exit code 0; 1: coverage under --fail-under; 2: unreadable input.
    """
    session.set_color(color)
    from mou_reconcile.views.coverage import coverage as measure

    with session.running("coverage", claims, format.value, output, None):
        result = measure(session.checked(claims, Format(format.value), note=True), years=years)
        session.emit(format, output, lambda r: r.coverage(result))
        if fail_under is not None and result.percent < fail_under:
            typer.echo(f"coverage {result.percent:.2f}% is under --fail-under "
                       f"{fail_under:g}%", err=True)
            raise typer.Exit(EXIT_FINDINGS)
