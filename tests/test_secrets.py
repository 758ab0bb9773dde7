"""Issue 21: a claims file is untrusted input (public CI runs it from anyone's merge request).
A source's `file` naming a hidden file (.git/config, .env, a file in a hidden folder, or a
link to one) or leading out of the folder is refused at the source's `file` and not read,
so no command ever prints what it holds; a missed quote's closest passage is capped."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

SECRET = "SECRET-TOKEN-8f3a2c"
CONTENT = (f"[credential]\n\thelper = store\n\ttoken = {SECRET}\n"
           "The council signed nine agreements with its partners.\n")

CLAIMS = """\
version: 1
sources:
  - id: leak
    file: {file}
  - id: good
    file: articles/a.txt
entities:
  - id: council
    name: City Council
properties:
  - id: agreements
    type: count
claims:
  - source: leak
    subject: council
    property: agreements
    value: 9
    quote: "token = SECRET-TOKEN and the council signed nine agreements"
  - source: good
    subject: council
    property: agreements
    value: 9
    quote: "The council signed nine agreements"
not_curated:
  - source: leak
    quote: "the council signed 9 agreements"
    reason: a near miss
"""


def _story(tmp_path: Path, file: str, link_to: str | None = None) -> Path:
    """A story whose source `leak` has `file`; the secret in .git/config, .env,
    sub/.hidden/a.txt and, outside the story, ../secret.txt."""
    story = tmp_path / "story"
    (story / "articles").mkdir(parents=True)
    (story / "articles" / "a.txt").write_text("The council signed nine agreements.\n")
    for rel in (".git/config", ".env", "sub/.hidden/a.txt"):
        (story / rel).parent.mkdir(parents=True, exist_ok=True)
        (story / rel).write_text(CONTENT)
    (tmp_path / "secret.txt").write_text(CONTENT)
    if link_to is not None:
        (story / file).symlink_to(link_to)
    (story / "claims.yaml").write_text(CLAIMS.format(file=file))
    return story


CASES = {  # id: (file, link target or None, what the message says)
    "git-config": (".git/config", None, "'.git/config' is a file in the hidden folder '.git'"),
    "dotenv": (".env", None, "'.env' is a hidden file '.env'"),
    "hidden-folder": ("sub/.hidden/a.txt", None,
                      "'sub/.hidden/a.txt' is a file in the hidden folder '.hidden'"),
    "dotdot-into-hidden": ("articles/../.env", None, "'articles/../.env' is a hidden file"),
    "link-to-hidden": ("articles/link.txt", "../.env",
                       "'articles/link.txt' leads to a hidden file '.env'"),
    "link-into-hidden-folder": ("articles/link.txt", "../.git/config",
                                "'articles/link.txt' leads to a file in the hidden folder"),
    "link-outside": ("articles/link.txt", "../../secret.txt",
                     "'articles/link.txt' is outside the claims file's folder"),
}


def _commands(story: Path) -> list[tuple[str, ...]]:
    claims = str(story / "claims.yaml")
    file = re.search(r"id: leak\n    file: (\S+)", (story / "claims.yaml").read_text())
    assert file is not None
    out: list[tuple[str, ...]] = []
    for fmt in ("text", "json", "sarif", "github"):
        out.append(("check", "--claims", claims, "--format", fmt))
    for fmt in ("text", "json"):
        out.append(("coverage", "--claims", claims, "--format", fmt))
    for fmt in ("yaml", "text"):
        out.append(("extract", "--claims", claims, "leak", "--format", fmt))
        out.append(("extract", "--claims", claims, file.group(1), "--format", fmt))
    out.append(("report", "--claims", claims))
    out.append(("sources", "--claims", claims))
    return out


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_no_command_prints_a_hidden_or_outside_files_content(cli, tmp_path: Path,
                                                               case: str) -> None:
    file, link_to, says = CASES[case]
    story = _story(tmp_path, file, link_to)
    for args in _commands(story):
        run = cli(*args)
        output = run.stdout + run.stderr
        assert SECRET not in output, args
        assert "helper = store" not in output and "[credential]" not in output, args
        assert "Traceback" not in output, args
        if args[0] in ("check", "extract"):
            assert run.exit_code in (1, 2), (args, run.exit_code)
        if args[0] == "check" and args[-1] == "text":
            # The problem's line, however the terminal's width wraps it.
            assert f"claims.yaml:4:11: MR302 error: source 'leak': {says}" in \
                " ".join(output.split())
        if args[0] == "check" and args[-1] == "json":
            got = [(p["code"], p["line"], p["col"]) for p in run.json()["problems"]]
            assert got == [("MR302", 4, 11)], got  # the source's claims: nothing more said
        if args[0] == "extract":
            assert "claims.yaml:4:11: MR302 error: source 'leak'" in output


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_a_hidden_file_is_refused_whether_or_not_it_exists(cli, tmp_path: Path) -> None:
    story = _story(tmp_path, ".ssh/id_rsa")  # not there: same problem, same code
    run = cli("check", "--claims", str(story), "--format", "json")
    assert [(p["code"], p["line"], p["col"]) for p in run.json()["problems"]] == [
        ("MR302", 4, 11)]
    assert "hidden folder '.ssh'" in run.json()["problems"][0]["message"]
    assert run.exit_code == 1


def test_a_link_with_a_hidden_name_to_an_article_is_read(cli, tmp_path: Path) -> None:
    """The rule is on where the path leads: the article read is articles/a.txt."""
    story = _story(tmp_path, "articles/.alias.txt", "a.txt")
    (story / "claims.yaml").write_text(
        "version: 1\nsources:\n  - id: a\n    file: articles/.alias.txt\nentities:\n"
        "  - id: council\n    name: City Council\nproperties:\n  - id: agreements\n"
        "    type: count\nclaims:\n  - source: a\n    subject: council\n"
        "    property: agreements\n    value: 9\n"
        "    quote: The council signed nine agreements\n")
    run = cli("check", "--claims", str(story), "--format", "json")
    assert run.json()["problems"] == []
    assert run.exit_code == 0


def test_the_closest_passage_of_a_missed_quote_is_capped(cli, tmp_path: Path) -> None:
    story = tmp_path / "story"
    (story / "articles").mkdir(parents=True)
    words = " ".join(f"word{i}" for i in range(400))
    (story / "articles" / "a.txt").write_text(
        f"The council signed nine agreements {words} and {SECRET} at the end.\n")
    near = f"The council signd nine agreements {words}"[:1500]
    (story / "claims.yaml").write_text(
        "version: 1\nsources:\n  - id: a\n    file: articles/a.txt\nentities:\n"
        "  - id: council\n    name: City Council\nproperties:\n  - id: agreements\n"
        "    type: count\nclaims:\n  - source: a\n    subject: council\n"
        f"    property: agreements\n    value: 9\n    quote: \"{near}\"\n")
    run = cli("check", "--claims", str(story), "--format", "json")
    [problem] = [p for p in run.json()["problems"] if p["code"] == "MR401"]
    shown = re.search(r"similar\): '(.*)'$", problem["message"])
    assert shown is not None, problem["message"]
    assert len(shown.group(1)) <= 120 and shown.group(1).endswith("...")
    assert SECRET not in run.stdout + run.stderr
