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


def test_environment_yml_installs_the_kit_itself():
    pip_items = [item["pip"] for item in environment()["dependencies"] if isinstance(item, dict)]
    assert pip_items == [["-e ."]]
