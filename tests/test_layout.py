"""The tree shows the pipeline: packages by stage, imports only downwards, no cycles, small
modules, and each discrepancy kind one registered, documented module."""

from __future__ import annotations

import ast
import pkgutil
from pathlib import Path

import pytest

from conftest import REPO

PACKAGE = REPO / "src" / "mou_reconcile"
# Lowest first: a module may import its own stage and the stages before it, never after.
STAGES = ["(shared)", "text", "corpus", "check", "reconcile", "views", "reporters", "cli",
          "(entry)"]
SHARED = {"mou_reconcile", "mou_reconcile.problems", "mou_reconcile.progress"}
ENTRY = {"mou_reconcile.console", "mou_reconcile.__main__"}
MAX_MODULE_LINES = 420  # "about 400"
MAX_FUNCTION_LINES = 60


def _name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _stage(module: str) -> int:
    if module in SHARED:
        return 0
    if module in ENTRY:
        return len(STAGES) - 1
    return STAGES.index(module.split(".")[1])


def _imports(module: str) -> set[str]:
    """Every mou_reconcile module `module` imports, at any depth of its code (function-local
    and type-checking imports too)."""
    out = set()
    for node in ast.walk(ast.parse(MODULES[module].read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 and \
                node.module.startswith("mou_reconcile"):
            for alias in node.names:
                inner = f"{node.module}.{alias.name}"
                out.add(inner if inner in MODULES else node.module)
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name in MODULES}
    return out - {module}


def test_every_module_belongs_to_a_stage() -> None:
    assert len(MODULES) > 40
    for module in MODULES:
        _stage(module)  # raises ValueError for a module outside the stages


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_go_only_to_the_same_or_a_lower_stage(module: str) -> None:
    upward = sorted(t for t in _imports(module) if _stage(t) > _stage(module))
    assert not upward, f"{module} ({STAGES[_stage(module)]}) imports a later stage: {upward}"


def test_no_import_cycles() -> None:
    graph = {m: _imports(m) for m in MODULES}
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            cycle = [*path[path.index(module):], module]
            pytest.fail("import cycle: " + " -> ".join(cycle))
        if module in done:
            return
        for target in sorted(graph[module]):
            if not (module.startswith(target + ".") and target in MODULES):  # a package's
                visit(target, [*path, module])  # modules import their __init__ by design
        done.add(module)

    for module in sorted(graph):
        visit(module, [])


@pytest.mark.parametrize("module", sorted(MODULES))
def test_modules_and_functions_stay_small(module: str) -> None:
    text = MODULES[module].read_text(encoding="utf-8")
    assert len(text.splitlines()) <= MAX_MODULE_LINES, f"{module}: split it"
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = node.end_lineno - node.lineno + 1  # type: ignore[operator]
            if length > MAX_FUNCTION_LINES:
                doc = ast.get_docstring(node) or ""
                assert "Long because" in doc, (
                    f"{module}.{node.name} is {length} lines: split it, or say why in its "
                    "docstring ('Long because ...')")


def test_each_kind_is_one_registered_module_with_its_documentation() -> None:
    from mou_reconcile.reconcile import kinds

    folder = PACKAGE / "reconcile" / "kinds"
    files = {m.name for m in pkgutil.iter_modules([str(folder)])} - {"base"}
    assert {m.__name__.rsplit(".", 1)[1] for m in kinds.MODULES} == files
    for module in kinds.MODULES:
        kind = module.KIND
        assert kind.name == module.__name__.rsplit(".", 1)[1]
        assert kind.doc and kind.doc == " ".join(module.__doc__.split("\n\n")[0].split())
        assert kinds.KINDS[kind.name] is kind


def test_kind_docs_are_generated_from_the_kinds() -> None:
    from mou_reconcile.reconcile.kinds import kinds_markdown, kinds_table

    doc = (REPO / "docs" / "discrepancy-kinds.md").read_text(encoding="utf-8")
    assert doc == kinds_markdown(), (
        "regenerate: python -c 'from mou_reconcile.reconcile.kinds import kinds_markdown; "
        "print(kinds_markdown(), end=\"\")' > docs/discrepancy-kinds.md")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert kinds_table() in readme, "the README's kinds table: paste kinds_table()"


def test_every_kind_a_report_gives_is_registered(cli) -> None:
    from mou_reconcile.reconcile.kinds import KINDS

    seen = set()
    for case in sorted((REPO / "tests" / "cases").iterdir()):
        run = cli("report", "--claims", str(case / "claims.yaml"), "--format", "json")
        if run.exit_code == 0:
            seen |= {k for d in run.json()["discrepancies"] for k in d["kinds"]}
    assert seen and seen <= set(KINDS)


def test_the_report_schema_lists_every_kind() -> None:
    import json

    from mou_reconcile.reconcile.kinds import KINDS

    schema = json.loads((REPO / "docs" / "report.schema.json").read_text(encoding="utf-8"))
    kinds = schema["properties"]["discrepancies"]["items"]["properties"]["kinds"]["items"]
    assert kinds["enum"] == list(KINDS)
