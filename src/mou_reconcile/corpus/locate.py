"""Finding the claims file: --claims, then $MOU_RECONCILE_CLAIMS, then ./claims.yaml (a
story folder, as `init` makes it), then ./data/claims.yaml, then the sample corpus shipped
inside the package: for a person trying the tool, never for `check` and never in CI, where
checking the sample would be a false green for a job that points at the wrong folder."""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from mou_reconcile import problems as P
from mou_reconcile.problems import Problem

ENV_VAR = "MOU_RECONCILE_CLAIMS"
DEFAULT_NAME = "claims.yaml"


def _unreadable(problem: Problem) -> Exception:
    # load.py (pydantic, yaml) is imported only on failure: a cached run never needs it.
    from mou_reconcile.corpus.load import UnreadableInput

    return UnreadableInput(problem)


@dataclass(frozen=True)
class Located:
    path: Path
    display: str
    origin: str  # "option", "env", "cwd" or "sample"


def display_path(path: Path) -> str:
    """The path as users typed or would type it: relative to the working folder if inside."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, RuntimeError, OSError):  # outside; a symbolic-link loop; no cwd
        return str(path)


def shipped_file(packaged: str, checkout: str) -> Path | None:
    """A data file the wheel packs inside the package (`packaged`, relative to it); in a
    source checkout run without installing (PYTHONPATH=src, editable install), the
    repository's own copy (`checkout`, relative to the repository)."""
    inside = Path(str(resources.files("mou_reconcile"))) / packaged
    if inside.is_file():
        return inside
    outside = Path(__file__).resolve().parents[3] / checkout
    return outside if outside.is_file() else None


def sample_claims() -> Path | None:
    return shipped_file(f"sample/{DEFAULT_NAME}", f"data/{DEFAULT_NAME}")


def _given(value: str, origin: str) -> Located:
    path = Path(value)
    try:
        path = path.expanduser()
        if path.is_dir():
            inner = path / DEFAULT_NAME
            if not inner.is_file():
                shown = display_path(path)
                raise _unreadable(Problem.of(
                    P.FILE_UNREADABLE, shown, 1, 1, f"folder has no {DEFAULT_NAME}",
                    "name the claims file itself, or a folder holding claims.yaml"))
            path = inner
    except (OSError, RuntimeError) as exc:  # permission denied on the way; `~nosuchuser`
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise _unreadable(Problem.of(P.FILE_UNREADABLE, value, 1, 1,
                                     f"cannot be read: {reason}")) from None
    return Located(path, display_path(path) if path.is_absolute() else str(path), origin)


# Set by GitHub Actions, GitLab CI, CircleCI, Travis, Buildkite, Azure Pipelines (TF_BUILD)...
CI_VARIABLES = ("CI", "GITHUB_ACTIONS", "TF_BUILD")


def in_ci() -> bool:
    return any(os.environ.get(name, "").strip().lower() not in ("", "0", "false", "no")
               for name in CI_VARIABLES)


def locate(option: str | None, *, sample: bool = True) -> Located:
    """The claims file to read. `sample`: the command may fall back to the bundled sample
    (outside CI only)."""
    if option:
        return _given(option, "option")
    env = os.environ.get(ENV_VAR)
    if env:
        return _given(env, "env")
    for local in (Path(DEFAULT_NAME), Path("data") / DEFAULT_NAME):
        if local.is_file():
            return Located(local, str(local), "cwd")
    bundled = sample_claims() if sample and not in_ci() else None
    local = Path("data") / DEFAULT_NAME
    if bundled is None:
        where = os.path.join(os.getcwd(), str(local)) if _has_cwd() else str(local)
        raise _unreadable(Problem.of(
            P.FILE_UNREADABLE, str(local), 1, 1,
            f"no claims file found: no --claims, no ${ENV_VAR}, no ./{DEFAULT_NAME}, no "
            f"{where}", f"name the claims file or its folder (`mou-reconcile check PATH` or "
            f"--claims PATH), set ${ENV_VAR}, run from the story's folder (`mou-reconcile "
            f"init` starts one), or from the folder that holds data/claims.yaml"))
    return Located(bundled, display_path(bundled), "sample")


def _has_cwd() -> bool:
    try:
        os.getcwd()
    except OSError:  # the working folder was removed
        return False
    return True


def story_of(article: Path) -> Path | None:
    """The claims file of the story an article file belongs to: claims.yaml in its folder
    or the nearest folder above (articles/x.txt beside claims.yaml)."""
    try:
        folder = article.resolve().parent
    except (OSError, RuntimeError):
        return None
    for candidate in (folder, *folder.parents):
        if (candidate / DEFAULT_NAME).is_file():
            return candidate / DEFAULT_NAME
    return None
