"""paths.locate (the loader's and the cache's one rule for a source's file) and the loader's
quick display path."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mou_reconcile.corpus import paths
from mou_reconcile.corpus.load import _shown


@pytest.mark.skipif(os.name != "posix", reason="symbolic links, FIFOs")
def test_locate_says_what_each_kind_of_path_leads_to(tmp_path: Path) -> None:
    root = tmp_path / "story"
    (root / "articles" / "sub").mkdir(parents=True)
    (root / "articles" / "a.txt").write_text("x")
    (root / "articles" / "link.txt").symlink_to(root / "articles" / "a.txt")
    (root / "articles" / "loop").symlink_to(root / "articles" / "loop")
    (root / "articles" / "away.txt").symlink_to(tmp_path / "elsewhere.txt")
    (tmp_path / "elsewhere.txt").write_text("y")
    os.mkfifo(root / "articles" / "fifo")
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("z")
    (root / ".env").write_text("z")
    (root / "articles" / "env.txt").symlink_to(root / ".env")
    (root / "articles" / ".alias.txt").symlink_to(root / "articles" / "a.txt")
    expected = {
        "articles/a.txt": ("file", root / "articles" / "a.txt"),
        "articles/link.txt": ("file", root / "articles" / "a.txt"),
        "articles/sub/../a.txt": ("file", root / "articles" / "a.txt"),
        "articles/loop": ("loop", None),
        "articles/away.txt": ("outside", tmp_path / "elsewhere.txt"),
        "../elsewhere.txt": ("outside", tmp_path / "elsewhere.txt"),
        str(root / "articles" / "a.txt"): ("outside", root / "articles" / "a.txt"),
        "articles/sub": ("folder", root / "articles" / "sub"),
        "articles/fifo": ("not a regular file", root / "articles" / "fifo"),
        "articles/none.txt": ("missing", root / "articles" / "none.txt"),
        "articles/a\0.txt": ("nul", None),
        ".git/config": ("hidden", root / ".git" / "config"),
        ".env": ("hidden", root / ".env"),
        ".ssh/id_rsa": ("hidden", root / ".ssh" / "id_rsa"),  # hidden before missing
        "articles/../.env": ("hidden", root / ".env"),
        "articles/env.txt": ("hidden", root / ".env"),
        "articles/.alias.txt": ("file", root / "articles" / "a.txt"),  # where it leads
    }
    resolve = paths.Resolver()
    for _ in range(2):  # the second time from the resolver's folder cache
        for raw, (state, target) in expected.items():
            found = paths.locate(str(root), str(root.resolve()), raw, resolve)
            assert found.state == state, raw
            if target is not None:
                assert found.target == str(target.resolve()), raw


_PART = st.sampled_from(["articles", "a.txt", ".", "..", "", "x y", "ü.md", "\\b"])


@given(st.sampled_from([".", "data", "/", "/srv/story", "../up"]),
       st.lists(_PART, min_size=1, max_size=4).map("/".join),
       st.booleans())
def test_the_quick_display_path_is_pathlibs(folder: str, raw: str, absolute: bool) -> None:
    raw = "/" + raw if absolute else raw
    assert _shown(folder, raw) == str(Path(folder) / raw)
