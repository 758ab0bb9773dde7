"""HTML: one self-contained page to attach or share. Summary, the fact-by-source matrix, each
discrepancy with its quotes highlighted and its verdict, sources; readable on a phone.

Nothing is fetched: inline CSS, no scripts, and a Content-Security-Policy that forbids any
load, so a stray reference shows as a blocked request instead of a silent fetch. Every text
from the claims file or an article is escaped.
"""

from __future__ import annotations

from mou_reconcile import __version__
from mou_reconcile.problems import Severity
from mou_reconcile.reconcile.result import Discrepancy, Evidence, Reconciliation, ValueGroup
from mou_reconcile.reporters.base import Reporter, left_out, plural, quote_highlights
from mou_reconcile.reporters.escape import html_text, web_url
from mou_reconcile.views.matrix import STATES, Matrix, Row, build_matrix, value_marks

CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
       "form-action 'none'")
LABEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}
# The marks of the terminal's matrix: a cell's state is never told by colour alone.
STATE_MARK = {"differ": "✗", "compatible": "≈", "agree": "✓", "alone": "•", "absent": "—"}
# The matrix shows the facts with a discrepancy only, in tables of whole subjects with only
# the sources that state them, up to this many columns (one subject may have more): the
# page grows with the findings, not with sources x facts.
MATRIX_COLUMNS = 12
CSS = """
:root{--fg:#1b1f24;--muted:#57606a;--bg:#fff;--panel:#f6f8fa;--line:#d0d7de;
--error:#cf222e;--error-bg:#ffebe9;--warning:#9a6700;--warning-bg:#fff8c5;--info:#0969da;
--info-bg:#ddf4ff;--agree-bg:#dafbe1;--mark:#fff3a3}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;
--panel:#161b22;--line:#30363d;--error:#ff7b72;--error-bg:#3c1618;--warning:#d29922;
--warning-bg:#3a2d0c;--info:#58a6ff;--info-bg:#0c2d4e;--agree-bg:#12351f;--mark:#5c4d00}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:62rem;padding:1rem;font:16px/1.5 system-ui,-apple-system,
"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg);overflow-wrap:break-word}
h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.25rem;margin:2rem 0 .6rem;
border-bottom:1px solid var(--line);padding-bottom:.2rem}h3{font-size:1.05rem;margin:0}
code{font:.9em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
a{color:var(--info)}.muted,.meta{color:var(--muted)}.meta{margin:0;font-size:.95rem}
nav ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.3rem 1rem;margin:.5rem 0}
.counts{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0;margin:.5rem 0}
.counts li{padding:.3rem .7rem;border-radius:.4rem;background:var(--panel);
border:1px solid var(--line)}.counts b{font-size:1.2rem}
.badge{display:inline-block;font-size:.75rem;font-weight:600;text-transform:uppercase;
letter-spacing:.03em;padding:0 .4rem;border-radius:.3rem;vertical-align:.1em}
.error .badge,.badge.error{color:var(--error);background:var(--error-bg)}
.warning .badge,.badge.warning{color:var(--warning);background:var(--warning-bg)}
.info .badge,.badge.info{color:var(--info);background:var(--info-bg)}
dd{margin:0 0 .6rem 1rem}
.index{padding-left:0;list-style:none}.index li{margin:.3rem 0}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;border:1px solid var(--line);
border-radius:.4rem;max-width:100%}
/* separate borders: collapsed ones do not move with the sticky first column */
table{border-collapse:separate;border-spacing:0;font-size:.9rem}
th,td{border-bottom:1px solid var(--line);padding:.35rem .5rem;text-align:left;
vertical-align:top;min-width:7rem;max-width:16rem}
thead th{background:var(--panel);position:sticky;top:0}
tbody th{position:sticky;left:0;z-index:1;background:var(--bg);font-weight:normal;
min-width:8.5rem;border-right:1px solid var(--line)}
@media (min-width:48rem){tbody th{min-width:14rem;max-width:20rem}}
h3 .muted{font-weight:normal;font-size:.95rem}
/* A state is told by its mark (✓ ✗ ≈ •, in <b>) and its colour, never by colour alone; a
cell whose values differ in state is "mixed": no colour of its own, each value coloured and
marked. The cell of a source that does not state the fact is the one without a class. */
.differ{background:var(--error-bg)}.compatible{background:var(--warning-bg)}
.agree{background:var(--agree-bg)}td:not([class]){color:var(--muted)}
td .v{display:block;margin:.05rem -.2rem;padding:0 .2rem;border-radius:.2rem}
.m,td b{display:inline-block;min-width:1.1em;font-weight:700}
.legend{display:flex;flex-wrap:wrap;gap:.3rem .8rem;padding:0;list-style:none;
font-size:.85rem}.legend .m{text-align:center;border:1px solid var(--line);
border-radius:.2rem;margin-right:.3rem}
.discrepancy{border:1px solid var(--line);border-left:.3rem solid var(--line);
border-radius:.4rem;padding:.8rem;margin:1rem 0}
.discrepancy.error{border-left-color:var(--error)}
.discrepancy.warning{border-left-color:var(--warning)}
.discrepancy.info{border-left-color:var(--info)}
.discrepancy.resolved{border-left-color:var(--muted)}
.message{font-size:1.1rem;font-weight:600;margin:.3rem 0}
.discrepancy h4{margin:.8rem 0 .2rem;font-size:1rem}
/* Each source's words: the quote, then whose they are and where, small. */
.ev{list-style:none;padding:0;margin:0}.ev li{margin:0 0 .5rem;font-size:.85rem;
color:var(--muted)}blockquote{margin:.3rem 0 0;padding:.4rem .7rem;font-size:1rem;
color:var(--fg);background:var(--panel);border-left:.2rem solid var(--line);
border-radius:.2rem}
mark{background:var(--mark);color:inherit;font-weight:600;padding:0 .1rem}
.why{margin:.5rem 0;padding-left:1.2rem;color:var(--muted)}
.verdict{margin-top:.6rem;padding:.5rem .7rem;border-radius:.3rem;background:var(--panel);
border:1px solid var(--line)}.verdict p{margin:.2rem 0}
details{margin:.8rem 0}summary{cursor:pointer;font-weight:600}
.problems li{margin:.2rem 0}
footer{margin-top:2rem;font-size:.85rem;color:var(--muted)}
/* Printed, every collapsed section is open (no script: ::details-content), the table is not
cut at the page's edge, and colours print where the browser allows. */
@media print{details{display:block}details::details-content{content-visibility:visible;
display:contents}summary{list-style:none}.scroll{overflow:visible;border:0}
table{font-size:.75rem}th,td{min-width:0;max-width:none}thead th,tbody th{position:static}
.discrepancy,.ev li,tr{break-inside:avoid}nav{display:none}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""


def e(text: object) -> str:
    """Every text in the page goes through here: HTML-escaped (quotes too, for attributes),
    control characters shown as `\\x1b`, nothing a CI log reads as a command
    (reporters/escape.py)."""
    return html_text(str(text))


_OPEN, _CLOSE = "\ue000", "\ue001"  # where <mark> and </mark> go in a quote, before escaping


def _breakable(fact: str) -> str:
    """A fact name that wraps after its dot in a narrow column, not mid-word."""
    return ".<wbr>".join(e(part) for part in fact.split("."))


class HtmlReporter(Reporter):
    name = "html"
    anchors: dict[str, str]  # source -> its anchor under Sources
    links: dict[str, str]  # source -> the start of a link to it, up to its closing </a>

    def report(self, rec: Reconciliation, min_severity: Severity = Severity.INFO) -> None:
        corpus = rec.corpus
        shown = [d for d in rec.discrepancies if d.severity >= min_severity]
        parts: list[str] = [
            "<!doctype html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f'<meta http-equiv="Content-Security-Policy" content="{e(CSP)}">',
            f'<meta name="generator" content="mou-reconcile {e(__version__)}">',
            f"<title>Discrepancies in {e(corpus.display)}</title>",
            f"<style>{CSS}</style>", "</head>", "<body>", "<header>",
            '<p class="meta">mou-reconcile report</p>',
            f"<h1>Discrepancies in <code>{e(corpus.display)}</code></h1>",
            f'<p class="meta">{plural(len(corpus.sources), "source")}, '
            f'{plural(len(corpus.claims), "claim")}, {plural(rec.facts, "fact")}</p>',
            '<nav><ul><li><a href="#summary">Summary</a></li>'
            '<li><a href="#matrix">Facts by source</a></li>'
            '<li><a href="#discrepancies">Discrepancies</a></li>'
            '<li><a href="#sources">Sources</a></li></ul></nav>', "</header>", "<main>"]
        parts += self._summary(rec, shown)
        names = {eid: corpus.entity(eid).name for eid in corpus.entities}
        linked = {d.fact for d in shown}
        matrix = build_matrix(rec, sorted(linked), every_source=False, shown=False)
        parts += self._matrix(matrix, linked, rec.facts, names)
        # Each source's anchor is short (#s12): a page cites its sources thousands of times.
        self.anchors = {sid: f"s{i}" for i, sid in enumerate(corpus.sources, 1)}
        self.links = {sid: f'<a href="#{a}">{e(sid)}' for sid, a in self.anchors.items()}
        parts += self._discrepancies(rec, shown)
        parts += self._sources(rec)
        parts += ["</main>", f"<footer>Made by mou-reconcile {e(__version__)} from "
                  f"<code>{e(corpus.display)}</code>.</footer>", "</body>", "</html>"]
        self.out.write("\n".join(parts) + "\n")

    def _summary(self, rec: Reconciliation, shown: list[Discrepancy]) -> list[str]:
        counts = rec.open_counts()
        resolved = sum(not d.is_open for d in rec.discrepancies)
        out = ['<section id="summary">', "<h2>Summary</h2>", '<ul class="counts">']
        out += [f'<li class="{label}"><b>{n}</b> open {e(plural(n, label).split(" ", 1)[1])}'
                "</li>" for label, n in counts.items()]
        out += [f"<li><b>{resolved}</b> resolved</li>",
                f"<li><b>{len(rec.corroborated)}</b> corroborated</li>", "</ul>"]
        problems = rec.check.problems
        if problems:
            out += [f'<details class="problems"><summary>The claims file has '
                    f"{plural(len(problems), 'problem')}; {e(left_out(rec.check.left_out))}"
                    "</summary>", "<ul>"]
            out += [f"<li><code>{e(p.path)}:{p.line}:{p.col}</code> {e(p.code)} "
                    f"{e(p.severity.label)}: {e(p.message)}</li>" for p in problems]
            out += ["</ul>", "</details>"]
        # Info is often most of the list: it is counted here and listed collapsed below.
        # (One pass each: `d not in listed` compared every pair, quadratic in findings.)
        listed = [d for d in shown if d.severity > Severity.INFO or not d.is_open]
        info = [d for d in shown if not (d.severity > Severity.INFO or not d.is_open)]
        if listed:
            out.append('<ol class="index">')
            for d in listed:
                status = "" if d.is_open else f' <span class="muted">({e(d.status)})</span>'
                label = LABEL[d.severity]
                out.append(f'<li><b class="badge {label}">{label}</b> <a href="#{e(d.fact)}"><code>'
                           f"{e(d.fact)}</code></a> {e(', '.join(d.kinds))}: "
                           f"{e(d.message)}{status}</li>")
            out.append("</ol>")
        if info:
            kinds = ", ".join(sorted({k for d in info for k in d.kinds}))
            out.append(f'<p><a href="#info">Info: {plural(len(info), "fact")}</a> '
                       f"({e(kinds)}), listed under Discrepancies.</p>")
        if not shown:
            out.append("<p>No discrepancies.</p>")
        return [*out, "</section>"]

    def _matrix(self, matrix: Matrix, linked: set[str], facts: int,
                names: dict[str, str]) -> list[str]:
        out = ['<section id="matrix">', "<h2>Facts by source</h2>"]
        if not matrix.rows:
            return [*out, "<p>No fact is disputed.</p>", "</section>"]
        out += [f"<p>What each source says of each fact with a discrepancy "
                f"({len(matrix.rows)} of {plural(facts, 'fact')}), with the sources that "
                "state them, each value marked by how the other sources relate to it. The "
                "table scrolls sideways.</p>", '<ul class="legend">']
        out += [f'<li><span class="m {state}">{STATE_MARK[state]}</span>{e(state)}: {e(doc)}'
                "</li>" for state, doc in STATES.items()]
        out.append('<li><span class="m mixed">✓•</span>mixed: a source\'s values relate '
                   "differently to the others; each is marked on its own line</li>")
        out.append("</ul>")
        for sources, rows in _blocks(matrix):
            out += ['<div class="scroll"><table>', "<thead><tr><th>fact</th>"]
            out += [f"<th>{e(s)}</th>" for s in sources]
            out += ["</tr></thead>", "<tbody>"]
            for row in rows:
                name = f"<code>{_breakable(row.fact)}</code>"
                if row.fact in linked:
                    name = f'<a href="#{e(row.fact)}">{name}</a>'
                cells = "".join([self._cell(row, s, names) for s in sources])
                out.append(f"<tr><th>{name}</th>{cells}</tr>")
            out += ["</tbody>", "</table></div>"]
        return [*out, "</section>"]

    @staticmethod
    def _cell(row: Row, source: str, names: dict[str, str]) -> str:
        """A matrix cell: each value on its own line with its mark. One value, or values of
        one state: the cell takes that state's colour; values of different states: the cell
        is "mixed" and each value has its own colour (one agreeing value must not make a
        cell with a contradicted one green)."""
        cell = row.cells.get(source)
        # The most frequent cells, kept short: the matrix's size follows its cells.
        if cell is None or not cell.claims:
            return "<td>—</td>"
        marks = value_marks(row, source, names)
        states = {state for _, state in marks}
        if len(states) == 1:  # the cell's class says the state of every value
            kind = marks[0][1]
            mark = f"<b>{STATE_MARK[kind]}</b> "
            return f'<td class="{kind}">{mark}' + f"<br>{mark}".join(
                [e(shown) for shown, _ in marks]) + "</td>"
        title = "mixed: " + ", ".join(dict.fromkeys(state for _, state in marks))
        values = "".join(f'<span class="v {state}" title="{state}"><b>{STATE_MARK[state]}</b> '
                         f"{e(shown)}</span>" for shown, state in marks)
        return f'<td class="mixed" title="{e(title)}">{values}</td>'

    def _discrepancies(self, rec: Reconciliation, shown: list[Discrepancy]) -> list[str]:
        out = ['<section id="discrepancies">', "<h2>Discrepancies</h2>"]
        main = [d for d in shown if d.is_open and d.severity > Severity.INFO]
        info = [d for d in shown if d.is_open and d.severity == Severity.INFO]
        resolved = [d for d in shown if not d.is_open]
        for d in main:
            out += self._discrepancy(rec, d)
        if info:
            kinds = ", ".join(sorted({k for d in info for k in d.kinds}))
            out.append(f'<details id="info"><summary>Info: {plural(len(info), "fact")} '
                       f"({e(kinds)})"
                       "</summary>")
            for d in info:
                out += self._discrepancy(rec, d)
            out.append("</details>")
        if resolved:
            out.append(f"<h3>Resolved ({len(resolved)})</h3>")
            for d in resolved:
                out += self._discrepancy(rec, d)
        if not shown:
            out.append("<p>None.</p>")
        if rec.corroborated:
            out.append(f"<details><summary>Corroborated: "
                       f"{plural(len(rec.corroborated), 'value')}</summary><ul>")
            out += [f"<li><code>{e(c.fact)}</code> = {e(c.shown)}: "
                    f"{c.independent_sources} independent sources "
                    f"({e(', '.join(c.sources))})</li>" for c in rec.corroborated]
            out.append("</ul></details>")
        if rec.links:
            out.append("<details><summary>Not independent</summary><ul>")
            for link in rec.links:
                sample = f' <q class="muted">{e(link.sample)}</q>' if link.sample else ""
                out.append(f"<li>{e(link.a)} ~ {e(link.b)}: {e(link.reason)}{sample}</li>")
            out.append("</ul></details>")
        return [*out, "</section>"]

    def _discrepancy(self, rec: Reconciliation, d: Discrepancy) -> list[str]:
        state = "" if d.is_open else " resolved"
        label, fact = LABEL[d.severity], e(d.fact)
        out = [f'<article class="discrepancy {label}{state}" id="{fact}">',
               f'<h3><span class="badge">{label}</span> <code>{fact}</code> '
               f'<span class="muted">{e(", ".join(d.kinds))}</span></h3>',
               f'<p class="message">{e(d.message)}</p>']
        for g in d.values:
            out += [f"<h4>{e(g.shown)}</h4>", '<ul class="ev">']
            out += self._evidence(rec, d, g)
            out.append("</ul>")
        if d.hints:
            out.append('<ul class="why">' + "".join(f"<li>why: {e(h)}</li>" for h in d.hints)
                       + "</ul>")
        if d.resolution is not None:
            r = d.resolution
            what = "re-opened by " + ", ".join(d.reopened_by) if d.reopened_by else r.status
            facts = [f"<strong>Verdict ({e(what)})</strong>"]
            if r.rating:
                facts.append(f"rating: <strong>{e(r.rating)}</strong>")
            if r.reviewed:
                facts.append(f"reviewed {e(r.reviewed)}")
            out += ['<div class="verdict">', f"<p>{' · '.join(facts)}</p>",
                    f"<p>{e(' '.join((r.verdict or '').split()))}</p>", "</div>"]
        return [*out, "</article>"]

    def _evidence(self, rec: Reconciliation, d: Discrepancy, g: ValueGroup) -> list[str]:
        """Each source's words for the value, its value highlighted, and whose they are; the
        same words from several sources (copies of one story) are quoted once, followed by
        each of those sources."""
        quotes: dict[str, list[Evidence]] = {}
        for ev in g.evidence:
            quotes.setdefault(" ".join(ev.quote.split()), []).append(ev)
        return [f"<li><blockquote>{self._highlighted(rec, d, g, quote)}</blockquote>"
                + "; ".join([self._whose(rec, ev) for ev in evs]) + "</li>"
                for quote, evs in quotes.items()]

    @staticmethod
    def _highlighted(rec: Reconciliation, d: Discrepancy, g: ValueGroup, quote: str) -> str:
        spans = [(0, len(quote))] if d.kinds == ["naming"] else quote_highlights(
            rec, d, g, quote)
        # The quote escaped in one piece, the highlights marked by two characters of the
        # private use area (unless the quote holds one: then piece by piece).
        whole = _OPEN not in quote and _CLOSE not in quote
        html, pos = [], 0
        for a, b in spans:
            if a >= pos:
                html += [quote[pos:a], _OPEN, quote[a:b], _CLOSE] if whole else [
                    e(quote[pos:a]), "<mark>", e(quote[a:b]), "</mark>"]
                pos = b
        if not whole:
            return "".join([*html, e(quote[pos:])])
        marked = e("".join([*html, quote[pos:]]))
        return marked.replace(_OPEN, "<mark>").replace(_CLOSE, "</mark>") if spans else marked

    def _whose(self, rec: Reconciliation, ev: Evidence) -> str:
        """The source (a link to it under Sources), the line, who it credits."""
        link = self.links.get(ev.source)
        if link is not None:
            where = f"{link}, line {ev.line}</a>" if ev.line else f"{link}</a>"
        else:
            where = f"{e(ev.source)}, line {ev.line}" if ev.line else e(ev.source)
        corpus = rec.corpus
        if ev.attributed_to is None:
            return where
        return where + ", credits " + e(
            corpus.entity(ev.attributed_to).name if ev.attributed_to in corpus.entities
            else ev.attributed_to)

    def _sources(self, rec: Reconciliation) -> list[str]:
        corpus = rec.corpus
        out = ['<section id="sources">', "<h2>Sources</h2>", "<dl>"]
        for sid in corpus.sources:
            s = corpus.source(sid)
            about = [e(x) for x in (s.title, s.outlet, s.published) if x]
            article = corpus.articles.get(sid)
            about.append(f"<code>{e(article.display if article else s.file)}</code>")
            url = web_url(s.url)  # http and https only: never javascript:
            if url:
                about.append(f'<a href="{e(url)}" rel="noopener noreferrer">{e(url)}</a>')
            elif s.url:
                about.append(e(s.url))
            out += [f'<dt id="{self.anchors[sid]}"><strong>{e(sid)}</strong></dt>',
                    f"<dd>{' · '.join(about)}</dd>"]
        return [*out, "</dl>", "</section>"]


def _blocks(matrix: Matrix) -> list[tuple[list[str], list[Row]]]:
    """The rows in tables of whole subjects (rows come sorted by fact, so a subject's are
    together), each table with the sources stating its facts, in corpus order, while they
    fit MATRIX_COLUMNS."""
    position = {sid: i for i, sid in enumerate(matrix.sources)}
    subjects: dict[str, list[Row]] = {}
    for row in matrix.rows:
        subjects.setdefault(row.subject, []).append(row)
    blocks: list[tuple[set[str], list[Row]]] = []
    for rows in subjects.values():
        stating = {sid for row in rows for sid in row.cells}
        if blocks and len(blocks[-1][0] | stating) <= MATRIX_COLUMNS:
            blocks[-1][0].update(stating)
            blocks[-1][1].extend(rows)
        else:
            blocks.append((stating, list(rows)))
    return [(sorted(cols, key=position.__getitem__), rows) for cols, rows in blocks]
