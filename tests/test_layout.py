"""The code's shape: the flow's layers, the public names the README uses, functions of a readable length."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import kemi_analysis
from helpers import ROOT

PACKAGE = ROOT / "kemi_analysis"
MAX_FUNCTION_LINES = 50  # code lines, docstring excluded


def test_imports_follow_the_flow():
    """import-linter's contracts (pyproject.toml): cli > report, authoring > compute > read > schemas,
    catalogues > files > errors, and no cycle inside a part."""
    lint = Path(sys.executable).parent / "lint-imports"
    run = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Contracts: 2 kept, 0 broken." in run.stdout


def test_the_readme_imports_only_exported_names():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    imported = {name.strip() for names in re.findall(r"^from kemi_analysis import (.+)$", readme, flags=re.M)
                for name in names.split(",")}
    assert imported and imported <= set(kemi_analysis.__all__)
    for name in kemi_analysis.__all__:
        assert getattr(kemi_analysis, name) is not None


def _code_lines(node: ast.FunctionDef) -> int:
    body = node.body
    if isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value,
                                                                                                str):
        body = body[1:]
    return body[-1].end_lineno - body[0].lineno + 1 if body else 0


def test_no_function_is_longer_than_fifty_code_lines():
    long = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and _code_lines(node) > MAX_FUNCTION_LINES:
                long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({_code_lines(node)} lines)")
    assert long == []


def test_the_report_notebook_ships_inside_the_package_and_notebooks_links_to_it():
    shipped = PACKAGE / "report" / "report.ipynb"
    link = ROOT / "notebooks" / "report.ipynb"
    assert shipped.is_file() and link.is_symlink() and link.resolve() == shipped.resolve()
