"""Promises of the project frame: one dependency list, documented commands, clean notebooks."""

from __future__ import annotations

import json
import re
import tomllib

import yaml

from helpers import ROOT
from kemi_analysis.cli import build_parser


def _names(requirements: list[str]) -> dict[str, str]:
    found = {}
    for requirement in requirements:
        match = re.match(r"\s*([A-Za-z0-9_.\-]+)\s*(.*)", requirement)
        found[match[1].lower().replace("_", "-")] = match[2].replace(" ", "")
    return found


def test_environment_yml_and_pyproject_list_the_same_dependencies():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    wanted = _names(project["dependencies"] + extras["test"] + extras["draft"])
    environment = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda = [d for d in environment["dependencies"] if isinstance(d, str)]
    pip_section = next(d["pip"] for d in environment["dependencies"] if isinstance(d, dict))
    assert pip_section[-1] == "-e ."
    declared = _names(conda + pip_section[:-1])
    assert declared.pop("python") == ">=3.11"
    declared.pop("pip")
    assert declared == wanted


def test_every_cli_command_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    subparsers = next(a for a in build_parser()._actions if a.dest == "command")
    missing = [name for name in subparsers.choices if f"kemi-analysis {name}" not in readme]
    assert missing == []


def test_notebooks_are_committed_without_outputs():
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        dirty = [i for i, c in enumerate(notebook["cells"])
                 if c["cell_type"] == "code" and (c.get("outputs") or c.get("execution_count"))]
        assert dirty == [], f"{path.name}: cells {dirty} hold outputs; run nbstripout or clear them"


def test_raw_data_is_the_seed_verbatim():
    seed = ROOT.parent / "shared" / "seed" / "000_09050fdfe5e94683.txt"
    raw = ROOT / "data" / "raw" / "000_09050fdfe5e94683.txt"
    if seed.exists():
        assert raw.read_bytes() == seed.read_bytes()
    import hashlib

    assert hashlib.sha256(raw.read_bytes()).hexdigest() == (
        "959b1ec08a84d1785becef97ca275f3f4158eae15c1519bf852e646329c6e695")
