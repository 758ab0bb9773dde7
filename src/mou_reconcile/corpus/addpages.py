"""What `mou-reconcile add` does with pages, before anything is written: the story as it is
(its claims file read and parsed, its sources' ids, URLs and article texts), then for each
page either a new source (a unique id, `articles/<id>.txt`) or the reason it is already in
the story (the same URL, or the same text as an article the story has)."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from mou_reconcile.corpus.load import load_corpus, read_claims_text
from mou_reconcile.corpus.pages import Page, text_digest
from mou_reconcile.corpus.storyfile import CannotEdit, NewSource, make_id
from mou_reconcile.corpus.yamlio import load_yaml
from mou_reconcile.problems import Problem

ARTICLES = "articles"
BOM = b"\xef\xbb\xbf"


class UnreadableStory(Exception):
    """The claims file does not read as YAML: its problems, each with its place."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems[0].message if problems else "unreadable")
        self.problems = problems


@dataclass
class Story:
    path: Path
    display: str
    text: str  # the claims file, decoded
    bom: bool  # it starts with a UTF-8 byte order mark, to keep
    ids: set[str] = field(default_factory=set)  # every source id, valid or not
    urls: dict[str, str] = field(default_factory=dict)  # a URL's key -> its source's id
    digests: dict[str, str] = field(default_factory=dict)  # an article's digest -> source id
    paths: dict[str, str] = field(default_factory=dict)  # a source's file, resolved -> its id
    files: set[str] = field(default_factory=set)  # the names in articles/

    @property
    def folder(self) -> Path:
        return self.path.parent


def url_key(url: str) -> str:
    """A URL as compared: scheme and host in lower case, no fragment, no trailing slash."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{path}{query}"


def open_story(path: Path, display: str) -> Story:
    """The story of the claims file at `path`. Raises UnreadableInput (the file cannot be
    read), UnreadableStory (it is not YAML) or CannotEdit (not a mapping)."""
    text = read_claims_text(path, display)
    doc, problems = load_yaml(text, display)
    if doc is None or problems:
        raise UnreadableStory(problems)
    if not isinstance(doc.data, dict):
        raise CannotEdit("it is not a YAML mapping (`version: 1`, `sources:`, `claims:`...)")
    with open(path, "rb") as handle:
        bom = handle.read(3) == BOM
    story = Story(path, display, text, bom)
    corpus = load_corpus(path, display)
    story.ids = {ident for _, ident in corpus.all_entries.get("sources", [])}
    for sid, entry in corpus.sources.items():
        if entry.model.url:
            story.urls.setdefault(url_key(entry.model.url), sid)
    for index, raw in enumerate(doc.data.get("sources") or []):
        if isinstance(raw, dict) and isinstance(raw.get("file"), str) and "\0" not in raw["file"]:
            ident = raw.get("id")
            name = ident if isinstance(ident, str) else f"number {index + 1}"
            with contextlib.suppress(OSError, ValueError):
                story.paths.setdefault(os.path.realpath(story.folder / raw["file"]), name)
    for sid, article in corpus.articles.items():
        story.digests.setdefault(text_digest(article.text), sid)
    folder = story.folder / ARTICLES
    if folder.exists() and not folder.is_dir():
        raise CannotEdit(f"{ARTICLES} beside it is not a folder")
    if folder.is_dir():
        story.files = set(os.listdir(folder))
    return story


@dataclass
class Plan:
    added: list[tuple[Page, NewSource]] = field(default_factory=list)
    skipped: list[tuple[Page, str]] = field(default_factory=list)  # the page, why


def plan(story: Story, pages: list[Page]) -> Plan:
    """A new source for each page the story does not have yet."""
    out = Plan()
    taken = set(story.ids) | {name.removesuffix(".txt") for name in story.files}
    urls, digests = dict(story.urls), dict(story.digests)
    for page in pages:
        same = _same(story, page, urls, digests)
        if same is not None:
            out.skipped.append((page, f"already in the story as source {same}; nothing to add"))
            continue
        sid = make_id(page.site, page.title, page.host, taken)
        taken.add(sid)
        source = NewSource(sid, f"{ARTICLES}/{sid}.txt", title=page.title, outlet=page.site,
                           published=page.published, url=page.url)
        out.added.append((page, source))
        if page.url:
            urls[url_key(page.url)] = sid
        digests[page.digest] = sid
    return out


def _same(story: Story, page: Page, urls: dict[str, str], digests: dict[str, str]
          ) -> str | None:
    """The source that already has this page, and how it was recognised."""
    if page.url and url_key(page.url) in urls:
        return f"{urls[url_key(page.url)]} (the same URL)"
    if page.digest in digests:
        return f"{digests[page.digest]} (the same text)"
    if not page.is_url:
        with contextlib.suppress(OSError, ValueError):
            path = os.path.realpath(page.given)
            if path in story.paths:
                return f"{story.paths[path]} (its article file)"
    return None
