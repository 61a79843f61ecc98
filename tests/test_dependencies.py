"""House rules of the package's dependencies (issue: plain dependencies): imports of the package's
own modules at the top of modules (the command line may import late, to start quickly), no private
name used across modules, no import cycle, exceptions that declare their fields, and no cache kept
in a module global or in another object's ``__dict__``."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "ita_analysis"
LATE_IMPORTS_ALLOWED = ("ita_analysis.cli", "ita_analysis.__main__")  # the command's start-up


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        name = path.relative_to(PACKAGE.parent).with_suffix("").as_posix().replace("/", ".")
        found[name.removesuffix(".__init__")] = path
    return found


MODULES = _modules()


def _package_of(name: str, path: Path) -> str:
    return name if path.name == "__init__.py" else name.rsplit(".", 1)[0]


def _targets(name: str, path: Path, node: ast.Import | ast.ImportFrom) -> list[tuple[str, str | None]]:
    """(module imported, name imported from it or None) of one import statement, package modules only."""
    if isinstance(node, ast.Import):
        return [(a.name, None) for a in node.names if a.name.startswith("ita_analysis")]
    module = node.module or ""
    if node.level:
        base = _package_of(name, path).split(".")
        module = ".".join([*base[: len(base) - node.level + 1], *([node.module] if node.module else [])])
    if not module.startswith("ita_analysis"):
        return []
    return [(f"{module}.{a.name}", None) if f"{module}.{a.name}" in MODULES else (module, a.name) for a in node.names]


def _top_level(tree: ast.Module) -> set[int]:
    """ids of the statements that run when the module is imported (inside top-level if/try too)."""
    ids = set()
    for stmt in tree.body:
        if isinstance(stmt, (ast.If, ast.Try)):
            ids.update(id(n) for n in ast.walk(stmt))
        ids.add(id(stmt))
    return ids


def _imports():
    """(module, line, imported module, imported name, at top level) of every package import."""
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top = _top_level(tree)
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for module, imported in _targets(name, path, node):
                    yield name, node.lineno, module, imported, id(node) in top


def test_package_modules_are_imported_at_the_top():
    late = [
        f"{name}:{line} {module}"
        for name, line, module, _, top in _imports()
        if not top and not name.startswith(LATE_IMPORTS_ALLOWED)
    ]
    assert not late, "imports of the package inside functions: " + "; ".join(late)


def test_no_private_name_is_used_across_modules():
    private = [
        f"{name}:{line} {module}.{imported}"
        for name, line, module, imported, _ in _imports()
        if imported and imported.startswith("_") and not imported.startswith("__") and module != name
    ]
    assert not private, "private names imported from another module: " + "; ".join(private)


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {name: set() for name in MODULES}
    for name, _, module, _, _ in _imports():
        while module not in MODULES and "." in module:
            module = module.rsplit(".", 1)[0]
        if module in MODULES and module != name:
            graph[name].add(module)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            part = []
            while True:
                w = stack.pop()
                part.append(w)
                if w == v:
                    break
            if len(part) > 1:
                found.append(sorted(part))

    for v in graph:
        if v not in index:
            visit(v)
    return found


def test_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycles():
    assert not _cycles(_graph()), "modules importing each other: " + "; ".join(map(str, _cycles(_graph())))


def _declared_error_fields() -> set[str]:
    """Fields that the package's exception classes declare (in the class body or in __init__)."""
    fields = set()
    for path in MODULES.values():
        for cls in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            bases = [getattr(b, "id", getattr(b, "attr", "")) for b in getattr(cls, "bases", [])]
            if not isinstance(cls, ast.ClassDef) or not any(b.endswith(("Error", "Exception")) for b in bases):
                continue
            for node in ast.walk(cls):
                if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                    fields.add(node.target.id)
                elif isinstance(node, ast.Attribute) and getattr(node.value, "id", None) == "self":
                    fields.add(node.attr)
    return fields


def _attribute_targets(node: ast.AST) -> list[ast.Attribute]:
    targets = node.targets if isinstance(node, ast.Assign) else []
    flat = [e for t in targets for e in (t.elts if isinstance(t, ast.Tuple) else [t])]
    return [t for t in flat if isinstance(t, ast.Attribute)]


def test_exceptions_declare_their_fields():
    """No attribute attached to an exception on the fly, nor read back with getattr: an error that
    carries data declares it as a field of its class."""
    declared, found = _declared_error_fields(), []
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        caught = {"exc", "error", "err", "e"} | {
            n.name for n in ast.walk(tree) if isinstance(n, ast.ExceptHandler) and n.name
        }
        for node in ast.walk(tree):
            for t in _attribute_targets(node):
                if getattr(t.value, "id", None) in caught and t.attr not in declared:
                    found.append(f"{name}:{node.lineno} attaches {t.attr} to {t.value.id}")
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("getattr", "setattr", "hasattr"):
                first = node.args[0] if node.args else None
                if isinstance(first, ast.Name) and first.id in caught:
                    found.append(f"{name}:{node.lineno} {node.func.id}({first.id}, ...)")
    assert not found, "; ".join(found)


def test_no_caches_in_module_globals_or_other_objects():
    """Values computed once are held by the caller that owns them (or by functools.cache on a pure
    function), not in a mutable module global or in another object's __dict__."""
    found = []
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr == "__dict__":
                found.append(f"{name}:{node.lineno} __dict__")
        for stmt in tree.body:
            value = stmt.value if isinstance(stmt, (ast.Assign, ast.AnnAssign)) else None
            empty = isinstance(value, (ast.Dict, ast.List, ast.Set)) and not (
                getattr(value, "keys", None) or getattr(value, "elts", None)
            )
            called = isinstance(value, ast.Call) and getattr(value.func, "id", None) in ("dict", "list", "set")
            if empty or (called and not value.args):
                found.append(f"{name}:{stmt.lineno} an empty mutable global")
    assert not found, "; ".join(found)


def _parameter_names() -> set[str]:
    tree = ast.parse((PACKAGE / "parameters.py").read_text(encoding="utf-8"))
    cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "AnalysisParameters")
    return {n.target.id for n in cls.body if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)}


def _listings(tree: ast.AST):
    """(name, line, names it lists) of each class body's annotated fields and each function's arguments."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            names = {n.target.id for n in node.body if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)}
            yield node.name, node.lineno, names
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            args = node.args
            yield node.name, node.lineno, {a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs]}


def test_the_analysis_parameters_are_listed_once():
    """AnalysisParameters is the one list of the analysis parameters: no other class's fields or
    function's arguments list them again (two thirds of them or more), as the facade's Analysis,
    RunParams, from_params and the run command each did."""
    names = _parameter_names()
    assert len(names) >= 12, "AnalysisParameters lost its fields?"
    found = []
    for module, path in MODULES.items():
        if module == "ita_analysis.parameters":
            continue
        for name, line, listed in _listings(ast.parse(path.read_text(encoding="utf-8"))):
            if 3 * len(listed & names) >= 2 * len(names):
                found.append(f"{module}:{line} {name} lists {len(listed & names)} of the {len(names)} parameters")
    assert not found, "; ".join(found)
