"""The architecture as a test: no import cycle in `service/` and `schemas/`, the core's layers
import only downwards, and the core never imports the web framework or the HTTP edge.

Imports are read from the source with `ast` (nothing is imported), inside functions too; only
imports under `if TYPE_CHECKING:` are left out, because they never run.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("service", "schemas")
CORE = "service.nlp"

# Rank of each part of the core: a module may import its own layer and layers of lower rank.
LAYER_RANKS = {
    "types": 0, "offsets": 0, "numbers": 0, "names": 0, "ordering": 0,
    "model": 1, "article": 1, "gazetteer": 1,
    "mentions": 2,
    "actors": 3, "places": 3,
    "casualties": 4, "quotes": 4, "salience": 4,
    "annotator": 5,
    "stories": 6,
}
WEB_FRAMEWORKS = ("flask", "flask_smorest", "flask_cors", "flask_limiter", "werkzeug", "gunicorn",
                  "marshmallow", "webargs", "apispec")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _import_nodes(tree: ast.AST):
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _is_type_checking(node):
            stack.extend(node.orelse)
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        stack.extend(ast.iter_child_nodes(node))


def imported_names(path: Path, module: str) -> set[str]:
    """Every dotted name `module` (at `path`) imports: `from X import Y` gives X.Y and X."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names: set[str] = set()
    for node in _import_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
            continue
        base = node.module or ""
        if node.level:
            anchor = package.split(".")
            anchor = anchor[:len(anchor) - node.level + 1]
            base = ".".join(anchor + ([base] if base else []))
        names.add(base)
        names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def import_graph() -> dict[str, set[str]]:
    """Project module -> the project modules it imports."""
    paths = {_module_name(p): p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")}
    graph = {}
    for module, path in paths.items():
        # A package's own ancestors always run first (importing `service.responses` runs
        # `service/__init__.py`): that is how packages work, not a cycle of the code.
        graph[module] = {name for name in imported_names(path, module)
                         if name in paths and name != module
                         and not module.startswith(name + ".")}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle of `graph` as a list of modules (first == last), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return path[path.index(target):] + [target]
            if target not in state and (cycle := visit(target)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def layer_of(module: str) -> str | None:
    """The core layer a module belongs to (`service.nlp.casualties.counts` -> `casualties`)."""
    if not module.startswith(CORE + "."):
        return None
    return module[len(CORE) + 1:].split(".")[0]


def layering_violations(graph: dict[str, set[str]]) -> list[str]:
    out = []
    for module, targets in sorted(graph.items()):
        layer = layer_of(module)
        if layer is None:
            continue
        for target in sorted(targets):
            target_layer = layer_of(target)
            if target == CORE or target_layer == layer:
                continue
            if target_layer is None:
                out.append(f"{module} imports {target}, outside the core")
            elif LAYER_RANKS[target_layer] >= LAYER_RANKS[layer]:
                out.append(f"{module} ({layer}) imports {target} ({target_layer}): not below it")
    return out


def test_every_core_package_and_module_has_a_rank():
    core = ROOT / "service" / "nlp"
    parts = {p.stem for p in core.glob("*.py") if p.stem != "__init__"}
    parts |= {p.name for p in core.iterdir() if (p / "__init__.py").exists()}
    assert parts == set(LAYER_RANKS)


def test_no_import_cycle():
    assert find_cycle(import_graph()) is None


def test_layers_import_only_downwards():
    assert layering_violations(import_graph()) == []


def test_the_core_never_imports_the_web_framework():
    core = ROOT / "service" / "nlp"
    for path in core.rglob("*.py"):
        for name in imported_names(path, _module_name(path)):
            assert name.split(".")[0] not in WEB_FRAMEWORKS, f"{path} imports {name}"


def test_each_layer_documents_what_it_returns_and_reads():
    for init in (ROOT / "service" / "nlp").glob("*/__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and "Returns" in doc and "Reads" in doc, init


# The checks themselves, on graphs made up for them: they must be able to fail.
def test_find_cycle_reports_a_cycle_and_accepts_a_tree():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


@pytest.mark.parametrize("module, target, expected", [
    ("service.nlp.actors.clustering", "service.nlp.casualties.counts", True),
    ("service.nlp.actors.clustering", "service.nlp.places.clustering", True),
    ("service.nlp.actors.clustering", "service.config", True),
    ("service.nlp.casualties.counts", "service.nlp.actors", False),
    ("service.nlp.casualties.counts", "service.nlp.casualties.records", False),
    ("service.nlp.annotator", "service.nlp.quotes", False),
])
def test_layering_violations_flags_imports_that_go_up_or_sideways(module, target, expected):
    assert bool(layering_violations({module: {target}})) is expected


def test_relative_imports_resolve_from_the_module_package(tmp_path):
    source = tmp_path / "speakers.py"
    source.write_text("from ..actors import ActorIndex\nfrom .vocabulary import CUE_LEMMAS\n"
                      "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                      "    from ..casualties import Casualty\n")
    names = imported_names(source, "service.nlp.quotes.speakers")
    assert {"service.nlp.actors.ActorIndex", "service.nlp.quotes.vocabulary"} <= names
    assert not any("casualties" in name for name in names)
