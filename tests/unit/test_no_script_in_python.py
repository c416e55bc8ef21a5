"""The browser code lives in .js files (assets/, peersupport/components/), where ESLint
reads it: a string in a Python file of peersupport/ may call one named function
(`psFocus('account-deleted')`, `useEffect(() => psSignedIn(...), [...])`) but never
hold a script body: no function, block, loop, declaration or second statement."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from peersupport.settings import PROJECT_ROOT

# What only a script body has. A string with one of these is code that belongs in a
# .js file; the allowed one-line calls have none.
SCRIPT_BODY = re.compile(
    r"\bfunction\b\s*\w*\s*\("  # a function
    r"|=>(?!\s*ps[A-Z]\w*\()"  # an arrow, unless its whole body is one ps...() call
    r"|\b(?:var|let|const)\s+\w+\s*="  # a declaration
    r"|\b(?:for|while|if)\s*\("  # a loop or a branch
    r"|\btry\s*\{"
    r"|\bdocument\s*\."  # the page itself: a named function in a .js file does that
    r"|\baddEventListener\b|\bquerySelector|\bgetElementById\b"
    r"|\bsetTimeout\s*\("
    r"|\)\s*;\s*[\w$]"  # a second statement
)
# A whole string that is a (multi-line) script would fail on several counts; a Python
# string naming a browser API in prose is what docstrings are for, and they are skipped.


def _docstrings(tree: ast.Module) -> set[int]:
    """The ids of the nodes that are docstrings (module, class, function)."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _text(node: ast.AST) -> str | None:
    """A string literal's text; an f-string's with `{}` where a value goes in."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            str(part.value) if isinstance(part, ast.Constant) else "{}" for part in node.values
        )
    return None


def script_bodies(source: str) -> Iterator[tuple[int, str]]:
    """(line, text) of every string literal in `source` that holds a script body."""
    tree = ast.parse(source)
    skipped = _docstrings(tree)
    inside_fstrings = {
        id(part)
        for node in ast.walk(tree)
        if isinstance(node, ast.JoinedStr)
        for part in node.values
    }
    for node in ast.walk(tree):
        if id(node) in skipped or id(node) in inside_fstrings:
            continue
        text = _text(node)
        if text is not None and SCRIPT_BODY.search(text):
            yield getattr(node, "lineno", 0), text


def python_files(root: Path) -> list[Path]:
    return sorted((root / "peersupport").rglob("*.py"))


def test_the_scan_reads_every_python_file() -> None:
    files = python_files(PROJECT_ROOT)
    assert len(files) > 100
    assert PROJECT_ROOT / "peersupport" / "state" / "boards.py" in files


@pytest.mark.parametrize(
    "source",
    [
        'WRITER = """\nfunction createStoryWriter() {\n  return {};\n}\n"""',
        "FOCUS = \"setTimeout(function () { document.getElementById('x')?.focus(); }, 50)\"",
        "FOCUS = \"setTimeout(() => { const heading = byId('x'); heading.focus(); }, 50)\"",
        "RESET = f\"document.getElementById('{FORM}')?.reset()\"",
        'HOOK = f"useEffect(() => {{ const lang = {lang}; root.lang = lang; }}, [{lang}]);"',
        "TWO = \"psFocus('a'); psFocus('b')\"",
        "LOOP = \"for (var i = 0; i < 3; i++) psFocus('a')\"",
        'HEAD = "(function(){var d=1;})();"',
    ],
)
def test_a_script_body_in_a_string_is_found(source: str) -> None:
    assert list(script_bodies(source)), source


@pytest.mark.parametrize(
    "source",
    [
        "FOCUS = \"psFocus('account-deleted', {scroll: 'center'})\"",
        "FOCUS = f\"psFocus('{TITLE}', {{unlessWithin: '{FORM}'}})\"",
        'HOOK = f"useEffect(() => psSignedIn({signed}), [{signed}]);"',
        'CALL = "window.psVault.cancel()"',
        "READ = f\"localStorage.getItem('{KEY}')\"",
        'def f():\n    """Writes document.cookie (a docstring: prose)."""',
    ],
)
def test_a_one_line_call_is_allowed(source: str) -> None:
    assert not list(script_bodies(source)), source


def test_no_python_file_holds_a_script_body() -> None:
    found = [
        f"{path.relative_to(PROJECT_ROOT)}:{line}: {text.strip()[:80]!r}"
        for path in python_files(PROJECT_ROOT)
        for line, text in script_bodies(path.read_text(encoding="utf-8"))
    ]
    assert not found, "script bodies belong in a .js file:\n" + "\n".join(found)
