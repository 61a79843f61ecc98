"""What the commands print is the text itself: square brackets, backslashes and colons in agency names,
paths and messages are never read as rich markup (``[/x]`` an error, ``[bold]`` a style, ``[link=...]``
a hyperlink, ``[final]`` dropped) nor as emoji codes (``:smile:``).

A house rule checks the source (every console print says ``markup=False``, every table cell and title is
a literal Text, no markup left in the messages); the commands then run with names and paths made of
brackets, and each name must appear in the output exactly as written, with no traceback.
"""

from __future__ import annotations

import ast
import re
import tempfile
from pathlib import Path

import pytest
from cli_run import run_in_process as run
from conftest import SAMPLE, long_rows, write_csv
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

PACKAGE = Path(__file__).resolve().parents[1] / "ita_analysis"
PRINTING = [*sorted((PACKAGE / "cli").glob("*.py")), PACKAGE / "batch" / "progress.py"]
CONSOLES = {"out", "err", "console", "self.console"}  # the names a console goes by where it prints
MARKUP = re.compile(r"\[/[a-z ]*\]|\[(?:bold|italic|underline|dim|red|green|yellow|blue|cyan|magenta|link)\b")


def _calls(path: Path, name: str):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if called == name:
                yield node


def _keyword(call: ast.Call, name: str):
    return next((k.value for k in call.keywords if k.arg == name), None)


def _is_literal(node) -> bool:
    """A call of cli.common.literal (one Text) or, starred, of literals (a row of them)."""
    if isinstance(node, ast.Starred):
        node = node.value
        return isinstance(node, ast.Call) and getattr(node.func, "id", None) == "literals"
    return isinstance(node, ast.Call) and getattr(node.func, "id", None) == "literal"


def _where(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(PACKAGE.parent)}:{node.lineno} {ast.unparse(node)[:80]}"


def test_house_rule_no_markup_read_in_what_is_printed():
    found = []
    for path in PRINTING:
        for call in _calls(path, "print"):
            receiver = ast.unparse(call.func.value) if isinstance(call.func, ast.Attribute) else ""
            markup = _keyword(call, "markup")
            if receiver in CONSOLES and not (isinstance(markup, ast.Constant) and markup.value is False):
                found.append("print without markup=False: " + _where(path, call))
        for call in _calls(path, "add_row"):
            if not all(_is_literal(a) for a in call.args):
                found.append("table cells not literal(...) or *literals(...): " + _where(path, call))
        for call in [*_calls(path, "Table"), *_calls(path, "add_column")]:
            title = _keyword(call, "title") or (call.args[0] if call.args else None)
            if title is not None and not (isinstance(title, ast.Constant) or _is_literal(title)):
                found.append("a title or heading that is not literal(...): " + _where(path, call))
        for call in _calls(path, "TextColumn"):
            if not (isinstance(_keyword(call, "markup"), ast.Constant) and _keyword(call, "markup").value is False):
                found.append("TextColumn without markup=False: " + _where(path, call))
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr)}
        for node in ast.walk(tree):
            text = node.value if isinstance(node, ast.Constant) and id(node) not in docstrings else None
            if isinstance(text, str) and MARKUP.search(text):
                found.append("markup in a message: " + _where(path, node))
    for path in sorted(PACKAGE.rglob("*.py")):  # one kind of console only: cli.common's LiteralConsole
        found += ["a console other than LiteralConsole: " + _where(path, c) for c in _calls(path, "Console")]
    assert not found, "\n".join(found)


# ------------------------------------------------------------------------------ the commands run
PIECES = ["[/x]", "[bold]", "[/]", "[link=https://example.org/x]", "[final]", "[red on white]", "\\", "\\[bold]"]
PIECES += [":smile:", "[", "]", "[[", "]]", "[/bold]"]
names = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(alphabet="กขคabc[]/\\=:", min_size=1, max_size=4)),
    min_size=1,
    max_size=4,
).map(lambda parts: "กรม" + "".join(parts))
files = st.lists(
    st.sampled_from(["[final]", "[/x]", "[bold]", "a", "ข", "[link=x]", ":smile:"]), min_size=1, max_size=4
)


def _clean(r) -> None:
    assert "Traceback" not in r.stderr and "MarkupError" not in r.stderr, r.stderr


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(names, files)
@example(
    name="กรม[link=https://example.org/x][link=https://example.org/x]", file=["[final]"]
)  # a name past 60 characters
def test_names_and_paths_are_printed_as_written(name, file):
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / f"{''.join(file)}d[/x].csv"  # "[/x]" in a path: a folder "...d[", a file "x].csv"
        folder = data.parent
        folder.mkdir(parents=True, exist_ok=True)
        write_csv(data, long_rows(years=(2563,), agency=name))
        r = run("score", data)
        _clean(r)
        assert r.returncode == 0 and f"│ {name} " in r.stdout, r.stdout
        target = folder / "ผล[/x].csv"
        r = run("score", data, "--agency", name, "--out", target)
        assert r.returncode == 0 and f"to {target}\n" in r.stderr and target.is_file(), r.stderr
        r = run("validate", data, "--processed", folder / "[bold]tidy")
        assert r.returncode == 0 and f"Wrote {folder / '[bold]tidy' / 'scores.csv'}\n" in r.stderr, r.stderr
        r = run("whatif", "--fy", "2563", "--data", data, "--set", "9=100")
        _clean(r)
        squeezed = "".join(f"{name},FY2563".split())  # a title wraps: compared without its spaces
        assert r.returncode == 0 and squeezed in "".join(r.stdout.split()), r.stdout
        r = run("target-gap", "--fy", "2563", "--data", data, "--target", "50")
        _clean(r)
        assert f"{name}, FY2563: 82.44 (B) -> target 50.00 (" in r.stdout and "already reached" in r.stdout, r.stdout
        r = run("whatif", "--fy", "2563", "--data", data, "--agency", name + "[/x]")  # not in the data
        _clean(r)
        typed = f"{name}[/x]"
        shown = typed if len(typed) <= 60 else typed[:57] + "..."  # a problem line cuts a long value
        assert r.returncode == 1 and f"--agency: value '{shown}': expected the name of an agency" in r.stderr


def test_tables_of_several_agencies_and_plans_show_names_literally(tmp_path):
    names = ["กรม[/x]หนึ่ง", "[bold]กรมสอง[/bold]", "[link=https://example.org]กรมสาม", "กรม:smile:สี่\\"]
    rows = long_rows(years=(2563,), agency=names[0])
    for name in names[1:]:
        rows += long_rows(years=(2563,), agency=name)[1:]
    data = write_csv(tmp_path / "สี่[final]กรม.csv", rows)
    for args in (["score", data], ["whatif", "--fy", "2563", "--data", data, "--set", "OIT=+5"]):
        r = run(*args)
        _clean(r)
        assert r.returncode == 0 and all(f"│ {name} " in r.stdout for name in names), r.stdout
    r = run("target-gap", "--fy", "2563", "--data", data, "--target", "AA")
    _clean(r)
    assert r.returncode == 0 and all(f"{name}, FY2563: 82.44 (B)" in r.stdout for name in names), r.stdout
    r = run("init-plan", "--fy", "2563", "--data", data, "--agency", names[1], "--out", tmp_path / "[final]plan.csv")
    assert r.returncode == 0 and f"to {tmp_path / '[final]plan.csv'};" in r.stderr, r.stderr
    r = run("synth", "--agencies", "2", "--years", "2563", "--out", tmp_path / "[/x]synth.csv")
    assert r.returncode == 0 and f"to {tmp_path / '[/x]synth.csv'}\n" in r.stderr, r.stderr


def test_an_error_line_is_printed_as_written(monkeypatch):
    """The error line of `main` (a locked year names the holder's command line, which may hold brackets)."""
    from ita_analysis.cli import scores
    from ita_analysis.errors import ItaError

    message = "FY2563 is being written by process 12 (python -m x [/x] [link=https://example.org]a [bold]b)"

    def locked(*args, **kwargs):
        raise ItaError(message)

    monkeypatch.setattr(scores, "_load_scored", locked)
    r = run("score", SAMPLE)
    assert r.returncode == 1 and r.stderr == f"Error: {message}\n"


@pytest.mark.parametrize("command", ["score", "validate"])
def test_a_missing_file_with_brackets_is_named_as_written(tmp_path, command):
    missing = tmp_path / "[bold]ไม่มี[/x].csv"
    r = run(command, missing)
    _clean(r)
    assert r.returncode == 1 and f"  - {missing}: expected an existing file (argument INPUTS)" in r.stderr, r.stderr
