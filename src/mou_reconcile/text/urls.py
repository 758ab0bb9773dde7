"""Which URLs from a claims file may stand as links (in the HTML report, in ClaimReview)."""

from __future__ import annotations

import re


def web_url(url: str | None) -> str | None:
    """The URL if it is an http or https URL with a host, and nothing that would change
    how a browser reads it (controls, spaces, quotes, angle brackets); else None."""
    if not url:
        return None
    if not re.fullmatch(r"(?i)https?://[^\s\"'<>\\\x00-\x1f\x7f-\x9f]+", url):
        return None
    host = re.match(r"(?i)https?://([^/?#]*)", url)
    return url if host is not None and host.group(1).strip() else None
