"""House rules of the package, checked on its source: sizes, the direction of imports, and facts of
the method that must come from the framework files only."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "ita_analysis"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60

# Stages in pipeline order: a module may import from its own stage and the stages before it.
STAGES = {
    "__init__": 0, "errors": 0, "i18n": 0, "limits": 0, "filenames": 0, "thai": 0, "files": 0, "frameworks": 0,
    "parameters": 0,
    "ingest": 1, "compute": 2, "synthetic": 2, "report": 3, "facade": 4, "batch": 5, "cli": 6, "__main__": 6,
}  # fmt: skip


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _name(path: Path) -> str:
    return path.relative_to(PACKAGE.parent).with_suffix("").as_posix().replace("/", ".")


def _stage(module: str) -> int | None:
    parts = module.split(".")
    if len(parts) < 2:  # ita_analysis itself (its __init__)
        return 0
    return STAGES.get(parts[1])


def _is_module(name: str) -> bool:
    return (PACKAGE / name).is_dir() or (PACKAGE / f"{name}.py").is_file()


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module) of every import of the package in a file, at any depth."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = _name(path).rsplit(".", 1)[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("ita_analysis")]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            if module == "ita_analysis":  # from ita_analysis import x: x is a module, or a name of __init__
                found += [(node.lineno, f"ita_analysis.{a.name}" if _is_module(a.name) else module) for a in node.names]
            elif module.startswith("ita_analysis"):
                found.append((node.lineno, module))
    return found


@pytest.mark.parametrize("path", _modules(), ids=_name)
def test_module_is_short(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{_name(path)} has {lines} lines"


def test_functions_are_short():
    long = []
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                n = node.end_lineno - node.lineno + 1
                if n > MAX_FUNCTION_LINES:
                    long.append(f"{_name(path)}.{node.name} ({n} lines)")
    assert not long, "functions over 60 lines: " + ", ".join(long)


def test_imports_flow_one_way():
    backwards = []
    for path in _modules():
        mine = _stage(_name(path))
        assert mine is not None, f"{_name(path)} belongs to no stage"
        for line, module in _imports(path):
            theirs = _stage(module)
            if theirs is None or theirs > mine:
                backwards.append(f"{_name(path)}:{line} imports {module}")
    assert not backwards, "imports against the pipeline order: " + "; ".join(backwards)


def _constants(path: Path):
    """String and number constants of a module; docstrings (strings standing alone) left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and id(node) not in docstrings:
            yield node


def test_facts_of_the_method_come_from_the_framework():
    """No tool code, pass mark (85) or indicator range written into the code: they are framework data."""
    found = []
    for path in _modules():
        for node in _constants(path):
            v = node.value
            if isinstance(v, str) and any(code in v for code in ("IIT", "EIT", "OIT", "1-10")):
                found.append(f"{_name(path)}:{node.lineno} {v!r}")
            elif isinstance(v, (int, float)) and not isinstance(v, bool) and v == 85:
                found.append(f"{_name(path)}:{node.lineno} {v!r}")
    assert not found, "facts of the method in code: " + "; ".join(found)


# --- compute and report read values, never the facade's objects ---------------------------------------
FACADE_CLASSES = {"facade/__init__.py": "Analysis", "facade/planning.py": "PlanningOutputs"}
LIBRARY_MEMBERS = {"save", "svg"}  # Image/Workbook/Document.save (PIL, openpyxl, python-docx), WeasyPrint's font.svg


def _members(tree: ast.AST, only: str | None = None) -> set[str]:
    """Names defined in the bodies of a module's classes (methods, properties, fields), of ``only``'s."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and only in (None, node.name):
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    names.add(item.name)
                elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                    names.add(item.target.id)
                elif isinstance(item, ast.Assign):
                    names |= {t.id for t in item.targets if isinstance(t, ast.Name)}
    return names


def _facade_only_members() -> set[str]:
    """Members of the facade's Analysis that no value of an earlier stage (nor a dict, str or table) has."""
    import pandas as pd

    facade = set()
    for file, cls in FACADE_CLASSES.items():
        facade |= _members(ast.parse((PACKAGE / file).read_text(encoding="utf-8")), cls)
    shared = set().union(*(dir(t) for t in (object, dict, str, list, pd.DataFrame, pd.Series)))
    for path in _modules():
        if (_stage(_name(path)) or 0) <= STAGES["report"]:
            shared |= _members(ast.parse(path.read_text(encoding="utf-8")))
    return {n for n in facade - shared - LIBRARY_MEMBERS if not n.startswith("__")}


def _reads_of_facade(path: Path, facade_only: set[str]) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            args = node.args
            for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs]:
                note = ast.unparse(arg.annotation) if arg.annotation is not None else ""
                # an argument named analysis, unless it is annotated as a value of an earlier stage
                # (compute's GroupAnalysis); any annotation naming the facade's Analysis
                named = arg.arg.lower() == "analysis" and not note.endswith("GroupAnalysis")
                if named or re.search(r"\bAnalysis\b", note):
                    found.append(f"{_name(path)}:{node.lineno} takes {arg.arg}: {note or 'an Analysis'}")
        elif isinstance(node, ast.Attribute) and node.attr in facade_only:
            found.append(f"{_name(path)}:{node.lineno} reads .{node.attr}")
        elif isinstance(node, ast.Name) and node.id == "Analysis":
            found.append(f"{_name(path)}:{node.lineno} names Analysis")
    return found


def test_compute_and_report_take_values_not_the_facade():
    """No function of compute/ or report/ takes an Analysis or reads a member only an Analysis has
    (``.loaded``, ``.target_for(``, ``.weakness_data`` ...), and neither imports the facade, batch or CLI."""
    facade_only = _facade_only_members()
    assert {"loaded", "target_for", "weakness_data", "target_plan", "peer_note"} <= facade_only
    found = []
    for path in _modules():
        name = _name(path)
        if _stage(name) not in (STAGES["compute"], STAGES["report"]):
            continue
        found += [f"{name}:{line} imports {m}" for line, m in _imports(path) if _stage(m) >= STAGES["facade"]]
        found += _reads_of_facade(path, facade_only)
    assert not found, "compute/report read facade objects: " + "; ".join(found)
