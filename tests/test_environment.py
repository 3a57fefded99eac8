"""environment.yml (Binder, conda) and pyproject.toml ask for the same packages."""
import re
import tomllib

import yaml

from tests.helpers import REPO

NAME = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$")


def split(requirement: str) -> tuple[str, str]:
    name, spec = NAME.match(requirement).groups()
    return name.lower().replace("_", "-"), spec.replace(" ", "")


def environment() -> dict:
    return yaml.safe_load((REPO / "environment.yml").read_text())


def conda_dependencies() -> dict[str, str]:
    return dict(split(item) for item in environment()["dependencies"] if isinstance(item, str) and item != "pip")


def test_environment_yml_lists_the_pyproject_dependencies():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    wanted = dict(split(req) for req in project["dependencies"])
    conda = conda_dependencies()
    assert conda.pop("python") == "=3.12"
    assert conda == wanted


def test_the_kit_is_installed_by_postbuild_not_by_environment_yml():
    """repo2docker builds environment.yml before the repository is copied in, so `-e .` there breaks Binder."""
    assert not [item for item in environment()["dependencies"] if isinstance(item, dict)]
    post_build = REPO / "postBuild"
    assert post_build.stat().st_mode & 0o111
    lines = post_build.read_text().splitlines()
    assert "set -euo pipefail" in lines
    assert "python -m pip install --no-deps -e ." in lines
    assert "python -m course setup" in lines
