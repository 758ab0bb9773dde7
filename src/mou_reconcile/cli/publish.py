"""Publishing commands: schema, export claimreview."""

# No `from __future__ import annotations`: typer would eval every annotation string at start-up.

from typing import Annotated

import typer

from mou_reconcile.cli import session
from mou_reconcile.cli.app import app, export_app
from mou_reconcile.cli.helptext import Command
from mou_reconcile.cli.options import (
    ClaimsOption,
    Format,
    OutputOption,
)


@app.command(
    cls=Command, epilog="Example: mou-reconcile schema --output docs/claims.schema.json")
def schema(output: OutputOption = None) -> None:
    """Print the JSON Schema of the claims file, generated from the models.

    Draft-07 constructs and no $schema key, so YAML language servers use it for
    completion and validation: put `# yaml-language-server: $schema=PATH` (PATH relative
    to the claims file) on the claims file's first line.
    """
    from mou_reconcile.corpus.schema import schema_text

    session.publish(schema_text(), output)


@export_app.command("claimreview", cls=Command, epilog="Example: mou-reconcile export claimreview "
                    "--base-url https://example.org/report.html --author 'Example Fact Desk'")
def export_claimreview(
    claims: ClaimsOption = None,
    base_url: Annotated[str | None, typer.Option(
        "--base-url", metavar="URL", show_default=False,
        help="Page the reviews are published on; each review's url is URL#<fact>.")] = None,
    author: Annotated[str | None, typer.Option(
        "--author", metavar="NAME", show_default=False,
        help="The fact-checking organisation publishing the reviews.")] = None,
    output: OutputOption = None,
) -> None:
    """schema.org ClaimReview JSON-LD for each resolved discrepancy with a rating.

    A JSON array of ClaimReview objects, one per resolution in the claims file that
    has a `rating` and closes its discrepancy; each source stating a value is an
    appearance of the reviewed claim. Without --base-url each url is the fragment
    #<fact>, which resolves against the page embedding the markup.
    """
    import json

    from mou_reconcile.reporters.escape import script_safe_json
    from mou_reconcile.views.claimreview import export

    with session.running("export", claims, "json", output, None):
        rec = session.reconciled(claims, Format.text, note=False)
        result = export(rec, base_url, author)
    if rec.check.problems:
        typer.echo(f"note: the claims file has {len(rec.check.problems)} problems; run "
                   "`mou-reconcile check`", err=True)
    for fact in result.skipped:
        session.say(f"note: no ClaimReview for {fact}: it has a rating but its discrepancy "
                    "is not resolved")
    if not result.reviews:
        typer.echo("note: no resolved discrepancy has a rating; add `rating:` to a "
                   "resolution", err=True)
    # Safe inside a page's <script type="application/ld+json">: no </script>, no <!--.
    text = json.dumps(result.reviews, indent=2, ensure_ascii=False)
    session.publish(script_safe_json(text) + "\n", output)
