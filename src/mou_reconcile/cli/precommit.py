"""pre-commit entry point (`python -m mou_reconcile.cli.precommit [--format F] [FILE ...]`):
`mou-reconcile check` on each claims file named, exit code the worst of them.

pre-commit passes all changed claims files in one call, while `check` reads one file. With
no file named (the always-run hook) every claims file git tracks is checked, because an
edited article can break a quote in a claims file that did not change.
"""

from __future__ import annotations

import re
import subprocess
import sys

# claims.yaml, claims.yml, story.claims.yaml, ferry-claims.yaml (.pre-commit-hooks.yaml too)
CLAIMS_FILE = re.compile(r"(^|/)([^/]*[._-])?claims\.ya?ml$")


def tracked_claims_files() -> list[str]:
    listed = subprocess.run(["git", "ls-files", "-z"], capture_output=True, check=True)
    return sorted(p for p in listed.stdout.decode("utf-8", "replace").split("\0")
                  if p and CLAIMS_FILE.search(p))


def parse(args: list[str]) -> tuple[list[str], list[str]]:
    """(options passed on to check, files): only --format takes a value; after `--` all
    arguments are files."""
    options: list[str] = []
    files: list[str] = []
    it = iter(args)
    for arg in it:
        if arg == "--":
            files += list(it)
        elif arg in ("--format", "-f"):
            options += [arg, next(it, "")]
        elif arg.startswith("--format="):
            options.append(arg)
        else:
            files.append(arg)
    return options, files


def check_one(path: str, options: list[str]) -> int:
    from mou_reconcile.cli import app

    # Standalone mode, as from a shell: usage errors are printed and every end is an exit.
    try:
        app(["check", "--claims", path, *options], prog_name="mou-reconcile")
    except SystemExit as end:
        return end.code if isinstance(end.code, int) else 1
    return 0


def main(argv: list[str] | None = None) -> int:
    options, files = parse(sys.argv[1:] if argv is None else argv)
    if not files:
        try:
            files = tracked_claims_files()
        except (OSError, subprocess.CalledProcessError) as exc:
            print(f"mou-reconcile: cannot list the files git tracks: {exc}", file=sys.stderr)
            return 2
        if not files:
            print("mou-reconcile: git tracks no claims files (claims.yaml, *.claims.yaml)")
            return 0
    return max(check_one(path, options) for path in files)


if __name__ == "__main__":
    sys.exit(main())
