"""Reading a page for a new story (`mou-reconcile add`): a saved web page (.html, .htm), an
http(s) URL, or a plain-text file, as the text of an article with its title, site name,
publication date and URL.

A web page's main text comes from trafilatura (menus, footers, comments and scripts
dropped), its date from htmldate (the publication date the page's metadata gives, never a
guess from the text), its title and site name from trafilatura's metadata. A URL is fetched
with the standard library only: 10 seconds for each network step and 60 in all, a size
limit (read at most the limit + 1 bytes), http and https only, redirects included. Nothing
else is fetched: trafilatura and htmldate are given a parsed tree, never a URL.

Every failure is a PageError with one line saying what is wrong with which page.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mou_reconcile import __version__
from mou_reconcile.corpus import limits

TIMEOUT = 10.0  # seconds for each network step: connecting, each read
DEADLINE = 60.0  # seconds for a whole download
USER_AGENT = f"mou-reconcile/{__version__} (fact-checking: reads one article page)"
ACCEPT = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8"
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
TEXT_SUFFIXES = {".txt", ".text"}
HTML_TYPES = {"text/html", "application/xhtml+xml"}
# What some binary files start with, to name them in the message.
MAGIC = ((b"%PDF", "a PDF document"), (b"\x89PNG", "a PNG image"), (b"GIF8", "a GIF image"),
         (b"\xff\xd8\xff", "a JPEG image"), (b"PK\x03\x04", "a ZIP archive (or .docx)"),
         (b"\x1f\x8b", "a gzip archive"), (b"\xd0\xcf\x11\xe0", "an old Office document"))
# Bytes no text holds (tab, line feed, form feed, carriage return and escape are left out).
CONTROL_BYTES = [*range(0, 9), 11, *range(14, 27), *range(28, 32)]
TITLE_CHARS = 300
# An article has at least one paragraph of this many words; less is a menu or a caption.
MIN_PARAGRAPH_WORDS = 10


class PageError(Exception):
    """A page that cannot be added, with the one line that says why."""


@dataclass(frozen=True)
class Page:
    given: str  # as the user typed it
    text: str  # the article, as it is saved
    title: str | None = None
    site: str | None = None  # the site's own name ("Coastal Post")
    published: str | None = None  # YYYY-MM-DD
    url: str | None = None
    host: str | None = None  # the URL's host, for an id when there is no site name

    @property
    def is_url(self) -> bool:
        return is_url(self.given)

    @property
    def digest(self) -> str:
        return text_digest(self.text)


def text_digest(text: str) -> str:
    """The same article whatever its line breaks and spacing."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def is_url(given: str) -> bool:
    return re.match(r"(?i)https?://", given) is not None


def read_page(given: str) -> Page:
    """The page `given` (a URL or a file's path) as an article. Raises PageError."""
    limit = limits.value(limits.PAGE_BYTES)
    if is_url(given):
        data, content_type, charset = fetch(given, limit)
        kind = _kind_of_download(given, data, content_type)
        url: str | None = given
    else:
        if re.match(r"(?i)[a-z][a-z0-9+.-]*://", given):
            raise PageError(f"{given}: only http:// and https:// addresses can be fetched")
        data, content_type, charset = read_file(given, limit), None, None
        kind = _kind_of_file(given, data)
        url = None
    page = from_html(given, data, url) if kind == "html" else \
        from_text(given, data, url, charset)
    article_limit = limits.value(limits.ARTICLE_BYTES)
    if len(page.text.encode("utf-8")) > article_limit:
        raise PageError(f"{given}: its text is larger than the article limit of "
                        f"{article_limit:,} bytes ({limits.ARTICLE_BYTES.env})")
    return page


def _too_large(given: str, limit: int) -> PageError:
    return PageError(f"{given}: larger than the limit of {limit:,} bytes for a page; if it "
                     f"is an article page, raise it: {limits.PAGE_BYTES.env}={limit * 4}")


def read_file(given: str, limit: int) -> bytes:
    path = Path(given).expanduser()
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise PageError(f"{given}: is a folder, not a page")
        if not stat.S_ISREG(mode):
            raise PageError(f"{given}: is not a regular file")
        data = limits.read_head(path, limit)
    except FileNotFoundError:
        raise PageError(f"{given}: no such file (a URL starts with https://)") from None
    except (OSError, RuntimeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise PageError(f"{given}: cannot be read: {reason}") from None
    if len(data) > limit:
        raise _too_large(given, limit)
    return data


def _opener() -> Any:
    import urllib.request

    class HttpOnly(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any,
                             newurl: str) -> Any:
            if not is_url(newurl):
                raise PageError(f"{req.full_url}: redirected to {newurl[:200]}, which is not "
                                "an http(s) address")
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    return urllib.request.build_opener(HttpOnly)


def fetch(url: str, limit: int) -> tuple[bytes, str | None, str | None]:
    """The body of `url` (limit + 1 bytes at most), its content type and charset."""
    import http.client
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT,
                                                   "Accept": ACCEPT})
    deadline = time.monotonic() + DEADLINE
    try:
        with _opener().open(request, timeout=TIMEOUT) as response:
            length = response.headers.get("Content-Length", "")
            if length.strip().isdigit() and int(length) > limit:
                raise _too_large(url, limit)
            chunks: list[bytes] = []
            size = 0
            while size <= limit:
                chunk = response.read(min(65536, limit + 1 - size))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
                if time.monotonic() > deadline:
                    raise PageError(f"{url}: the download took more than {DEADLINE:g} s")
            content_type = response.headers.get_content_type()
            charset = response.headers.get_content_charset()
    except urllib.error.HTTPError as exc:
        exc.close()
        raise PageError(f"{url}: the server answered HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise PageError(f"{url}: cannot fetch it: {_why(exc.reason)}; are you online, and "
                        "is the address right?") from None
    except (http.client.HTTPException, OSError, ValueError) as exc:
        raise PageError(f"{url}: cannot fetch it: {_why(exc)}") from None
    data = b"".join(chunks)
    if len(data) > limit:
        raise _too_large(url, limit)
    return data, content_type, charset


def _why(reason: object) -> str:
    import socket

    if isinstance(reason, TimeoutError):
        return f"no answer within {TIMEOUT:g} s"
    if isinstance(reason, ConnectionRefusedError):
        return "the connection was refused"
    if isinstance(reason, socket.gaierror):
        return "the host name cannot be resolved"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    text = str(reason) or type(reason).__name__
    return " ".join(text.split())[:200]


def _binary(given: str, data: bytes) -> PageError | None:
    head = data[:8192]
    for magic, name in MAGIC:
        if head.startswith(magic):
            return PageError(f"{given}: is {name}, not a web page or a text file; save the "
                             "article's text as a .txt file and add that")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return PageError(f"{given}: is UTF-16 text; save it as UTF-8 and add it again")
    controls = sum(head.count(bytes([c])) for c in CONTROL_BYTES)
    if b"\x00" in head or controls > len(head) // 100:
        return PageError(f"{given}: is binary data, not a web page or a text file")
    return None


def _looks_like_html(data: bytes) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html")) or re.search(
        rb"<(head|body|article|main)[\s>]", head) is not None


def _kind_of_file(given: str, data: bytes) -> str:
    problem = _binary(given, data)
    if problem is not None:
        raise problem
    suffix = os.path.splitext(given)[1].lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    return "html" if _looks_like_html(data) else "text"


def _kind_of_download(url: str, data: bytes, content_type: str | None) -> str:
    problem = _binary(url, data)
    if problem is not None:
        raise problem
    if content_type in HTML_TYPES or _looks_like_html(data):
        return "html"
    if content_type == "text/plain":
        return "text"
    raise PageError(f"{url}: the server sent {content_type}, not a web page or text")


def _one_line(text: str | None, limit: int = TITLE_CHARS) -> str | None:
    if not text:
        return None
    line = " ".join(text.split())
    if len(line) > limit:
        line = line[:limit].rsplit(" ", 1)[0] + "..."
    return line or None


def from_html(given: str, data: bytes, url: str | None) -> Page:
    """The article in a web page: trafilatura's main text, htmldate's publication date."""
    import htmldate
    from trafilatura import bare_extraction
    from trafilatura.utils import load_html

    # Each reader prunes the tree it is given: one parse each. A tree, never a string,
    # so that neither takes a page that holds only a URL for a URL to download.
    tree = load_html(data)
    if tree is None:
        raise PageError(f"{given}: cannot be read as HTML")
    document = bare_extraction(tree, url=url, with_metadata=True, include_comments=False,
                               include_tables=True, favor_precision=True, fast=False)
    body = getattr(document, "text", None) or ""
    date_tree = load_html(data)
    published = htmldate.find_date(date_tree, extensive_search=False, original_date=True,
                                   url=url) if date_tree is not None else None
    title = _one_line(getattr(document, "title", None))
    paragraphs = [line for line in (" ".join(p.split()) for p in body.splitlines()) if line]
    if title and paragraphs and paragraphs[0].casefold() == title.casefold():
        paragraphs = paragraphs[1:]
    if not any(len(p.split()) >= MIN_PARAGRAPH_WORDS for p in paragraphs):
        raise PageError(f"{given}: no article text found in the page (only menus, links or "
                        "scripts?); save the article's text as a .txt file and add that")
    canonical = getattr(document, "url", None)
    page_url = url or (canonical if canonical and is_url(canonical) else None)
    return Page(given, "\n\n".join([title, *paragraphs] if title else paragraphs) + "\n",
                title=title, site=_one_line(getattr(document, "sitename", None), 120),
                published=published if isinstance(published, str) else None, url=page_url,
                host=_host(page_url))


def _host(url: str | None) -> str | None:
    if not url:
        return None
    from urllib.parse import urlsplit

    try:
        return urlsplit(url).hostname
    except ValueError:
        return None


def from_text(given: str, data: bytes, url: str | None, charset: str | None = None) -> Page:
    """A plain-text article, copied as it is; its first line is its title."""
    try:
        text = data.decode(charset or "utf-8")
    except (UnicodeDecodeError, LookupError) as exc:
        where = ""
        if isinstance(exc, UnicodeDecodeError):
            line = data.count(b"\n", 0, exc.start) + 1
            where = f" (byte 0x{data[exc.start]:02x} at line {line})"
        raise PageError(f"{given}: is not UTF-8 text{where}; save it as UTF-8 and add it "
                        "again") from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise PageError(f"{given}: is empty: there is no article text to add")
    first = next(line for line in text.splitlines() if line.strip())
    return Page(given, text, title=_one_line(first), url=url, host=_host(url))
