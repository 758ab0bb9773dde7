"""`report --format html`: one self-contained page, everything escaped, and a real render in
headless Chromium with no console errors, at phone and desktop widths.

The page's Content-Security-Policy forbids every load, so a reference to anything outside
the file shows up as a console message; the control test proves the check sees one.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import CASES, REPO

SAMPLE = str(REPO / "data" / "claims.yaml")
FERRY = str(CASES / "ferry-fire")
PHONE, DESKTOP = (390, 844), (1280, 900)


class Resources(HTMLParser):
    """Everything in a page that could make a browser fetch something."""

    def __init__(self) -> None:
        super().__init__()
        self.fetches: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "srcset", "poster", "data", "background") or (
                    tag == "link" and name == "href"):
                self.fetches.append(f"<{tag} {name}={value}>")
            if name == "style" and value and "url(" in value:
                self.fetches.append(f"<{tag} style={value}>")

    def handle_data(self, data: str) -> None:
        if self.tags and self.tags[-1] == "style" and ("url(" in data or "@import" in data):
            self.fetches.append("url() or @import in <style>")


def render_html(cli, claims: str, tmp_path: Path, name: str = "report.html") -> Path:
    page = tmp_path / name
    run = cli("report", "-c", claims, "--format", "html", "--output", str(page))
    assert run.exit_code == 0, run.stderr
    assert run.stdout == ""
    return page


@pytest.mark.parametrize("claims", [SAMPLE, FERRY], ids=["sample", "ferry-fire"])
def test_html_is_self_contained(cli, tmp_path: Path, claims: str) -> None:
    text = render_html(cli, claims, tmp_path).read_text()
    parser = Resources()
    parser.feed(text)
    assert parser.fetches == []
    assert "script" not in parser.tags and "link" not in parser.tags
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in text
    assert "Content-Security-Policy" in text


def test_html_has_summary_matrix_discrepancies_and_verdicts(cli, tmp_path: Path) -> None:
    text = render_html(cli, SAMPLE, tmp_path).read_text()
    for section in ('id="summary"', 'id="matrix"', 'id="discrepancies"', 'id="sources"'):
        assert section in text
    assert '<article class="discrepancy error" id="pk-cn-it-mous-2025.agreement_count">' in text
    assert "signing <mark>nine</mark> Memoranda" in text  # the value highlighted in its quote
    assert "rating: <strong>Missing context</strong>" in text
    # The matrix cell for 9: its state told by the mark as well as the colour, with the unit.
    assert '<td class="differ"><b>✗</b> 9 agreements</td>' in text


def test_html_escapes_everything_from_the_claims_file_and_articles(cli, tmp_path: Path) -> None:
    story = tmp_path / "story"
    story.mkdir()
    (story / "a.txt").write_text('The <marquee>council</marquee> & "friends" signed nine deals.\n')
    (story / "b.txt").write_text("The council signed <script>ten</script> deals.\n")
    (story / "claims.yaml").write_text("""\
version: 1
sources:
  - {id: a, file: a.txt, title: "<img src=x onerror=alert(1)>", url: "javascript:alert(1)"}
  - {id: b, file: b.txt}
entities:
  - {id: council, name: "The <marquee>council</marquee>"}
properties:
  - {id: deals, type: count}
claims:
  - {source: a, subject: council, property: deals, value: 9,
     quote: 'The <marquee>council</marquee> & "friends" signed nine deals'}
  - {source: b, subject: council, property: deals, value: 10,
     quote: "signed <script>ten</script> deals"}
""")
    text = render_html(cli, str(story), tmp_path).read_text()
    parser = Resources()
    parser.feed(text)
    assert parser.fetches == [] and {"script", "marquee", "img"}.isdisjoint(parser.tags)
    assert "signed &lt;script&gt;<mark>ten</mark>&lt;/script&gt; deals" in text
    assert "The &lt;marquee&gt;council&lt;/marquee&gt; &amp; &quot;friends&quot;" in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text
    assert 'href="javascript' not in text  # a source's url is linked only if http(s)


# -- a real browser ---------------------------------------------------------------------------
def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed (.ci/run installs it)")
        pytest.skip("chromium is not installed")
    return found


def browse(page: Path, size: tuple[int, int], shot: Path) -> list[str]:
    """Render `page`, write a screenshot; the console messages it logged."""
    profile = shot.parent / f"profile-{shot.stem}"
    run = subprocess.run(
        [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--hide-scrollbars", f"--user-data-dir={profile}",
         "--enable-logging=stderr", "--v=0", f"--window-size={size[0]},{size[1]}",
         f"--screenshot={shot}", page.as_uri()],
        capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert shot.is_file(), run.stderr[-2000:]
    return [line for line in run.stderr.splitlines() if ":CONSOLE" in line]


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_html_renders_in_chromium_without_console_errors(cli, tmp_path: Path,
                                                         size: tuple[int, int]) -> None:
    page = render_html(cli, SAMPLE, tmp_path)
    shot = tmp_path / "report.png"
    assert browse(page, size, shot) == []
    assert png_size(shot) == size


def test_the_console_check_sees_a_blocked_fetch(cli, tmp_path: Path) -> None:
    # Control: the same page with one external image must log a console message.
    page = render_html(cli, FERRY, tmp_path)
    page.write_text(page.read_text().replace(
        "</main>", '<img src="https://example.invalid/pixel.png" alt=""></main>'))
    messages = browse(page, PHONE, tmp_path / "control.png")
    assert any("example.invalid" in m for m in messages), messages


# -- marks besides colour, and print (issue 19) ------------------------------------------------
MIXED = """\
version: 1
sources:
  - {id: a, file: a.txt}
  - {id: b, file: b.txt}
  - {id: c, file: c.txt}
entities:
  - {id: council, name: Council}
  - {id: acme, name: Acme}
  - {id: bolt, name: Bolt}
properties:
  - {id: deals, type: count, unit: deals}
  - {id: partners, type: entity, multi: true}
claims:
  - {source: a, subject: council, property: deals, value: 9, quote: "signed nine deals"}
  - {source: a, subject: council, property: deals, value: 12, quote: "12 deals in all"}
  - {source: b, subject: council, property: deals, value: 9, quote: "nine deals"}
  - {source: c, subject: council, property: deals, value: 9, quote: "nine deals"}
  - {source: a, subject: council, property: partners, value: acme, quote: "Acme"}
  - {source: a, subject: council, property: partners, value: bolt, quote: "Bolt"}
  - {source: b, subject: council, property: partners, value: acme, quote: "Acme"}
"""


def mixed_story(tmp_path: Path) -> Path:
    story = tmp_path / "story"
    story.mkdir()
    (story / "a.txt").write_text("The council signed nine deals, 12 deals in all, with Acme "
                                 "and Bolt.\n")
    (story / "b.txt").write_text("The council signed nine deals with Acme.\n")
    (story / "c.txt").write_text("Nine deals were signed.\n")
    (story / "claims.yaml").write_text(MIXED)
    return story


def cells_of(text: str, fact: str) -> list[str]:
    row = re.search(r"<tr><th>(?:<a [^>]*>)?<code>" + re.escape(
        fact.replace(".", ".<wbr>")) + r"</code>.*?</tr>", text)
    assert row is not None, fact
    return re.findall(r"<td.*?</td>", row.group())


def test_each_value_of_a_cell_is_marked_and_a_mixed_cell_is_not_one_colour(cli,
                                                                          tmp_path: Path) -> None:
    text = render_html(cli, str(mixed_story(tmp_path)), tmp_path).read_text()
    a, b, c = cells_of(text, "council.deals")
    # a says 9 (as b and c do) and 12 (which they contradict): each value its own mark.
    assert a.startswith('<td class="mixed" title="mixed: agree, differ">'), a
    assert '<span class="v agree" title="agree"><b>✓</b> 9 deals</span>' in a
    assert '<span class="v differ" title="differ"><b>✗</b> 12 deals</span>' in a
    assert b == '<td class="agree"><b>✓</b> 9 deals</td>', b
    # A multi-valued cell: Acme agrees, Bolt is a's alone; not all green.
    a, b, c = cells_of(text, "council.partners")
    assert a.startswith('<td class="mixed"'), a
    assert "<b>✓</b> Acme" in a and "<b>•</b> Bolt" in a
    assert c == "<td>—</td>"  # absent: the one cell without a class (muted by the CSS)
    # The legend gives every mark its meaning.
    for mark, state in (("✗", "differ"), ("≈", "compatible"), ("✓", "agree"), ("•", "alone"),
                        ("—", "absent")):
        assert f'<span class="m {state}">{mark}</span>{state}:' in text


def print_pages(page: Path, tmp_path: Path) -> int:
    """Print `page` to PDF in headless Chromium (print media): how many pages."""
    pdf = tmp_path / f"{page.stem}.pdf"
    subprocess.run(
        [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / ('profile-' + page.stem)}", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", page.as_uri()],
        capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert pdf.is_file()
    return len(re.findall(rb"/Type\s*/Page\b", pdf.read_bytes()))


def test_printed_every_collapsed_section_is_open(cli, tmp_path: Path) -> None:
    page = render_html(cli, SAMPLE, tmp_path)
    text = page.read_text()
    assert "<details" in text and "<details open" not in text  # collapsed on screen
    opened = tmp_path / "opened.html"  # what the page is with every section opened by hand
    opened.write_text(re.sub(r"<details(?=[ >])", "<details open", text))
    closed = tmp_path / "closed.html"  # control: without the print rule that opens them
    rule = "details::details-content{content-visibility:visible;\ndisplay:contents}"
    assert rule in text
    closed.write_text(text.replace(rule, ""))
    printed, all_open, control = (print_pages(p, tmp_path) for p in (page, opened, closed))
    assert printed == all_open > control, (printed, all_open, control)
