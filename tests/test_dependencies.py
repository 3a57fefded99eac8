"""Does pyproject.toml declare every package the kit imports, with bounds that hold the versions tested?"""
from __future__ import annotations

import ast
import sys
import tomllib
from importlib.metadata import packages_distributions, version

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.helpers import REPO


def declared(*, extras: bool = False) -> dict[str, Requirement]:
    """The kit's dependencies (and, with *extras*, those of its optional parts, e.g. `site`)."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    lines = list(project["dependencies"])
    if extras:
        lines += [line for group in project["optional-dependencies"].values() for line in group]
    return {canonicalize_name(r.name): r for r in map(Requirement, lines)}


def imported_top_level() -> set[str]:
    names = set()
    for path in (REPO / "course").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"course", "__future__"}


def test_every_package_the_kit_imports_is_declared():
    """Is a package the kit imports missing from pyproject.toml (installed only as someone else's dependency)?"""
    distributions = packages_distributions()
    wanted = declared(extras=True)  # an optional part (the website's sphinx) may import its own extra
    missing = {name for name in imported_top_level()
               if not any(canonicalize_name(d) in wanted for d in distributions.get(name, [name]))}
    assert missing == set()


def test_every_dependency_has_an_upper_bound_that_holds_the_version_tested():
    """Could a new major release be installed untested, or is the version installed outside the declared range?"""
    for name, requirement in declared().items():
        assert any(spec.operator in ("<", "<=", "==", "~=") for spec in requirement.specifier), name
        assert requirement.specifier.contains(version(name), prereleases=True), (name, version(name))


def test_constraints_pin_versions_inside_the_declared_ranges():
    """Does constraints.txt (what make and CI install) pin each dependency, inside pyproject's range?"""
    pins = {}
    for line in (REPO / "constraints.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            requirement = Requirement(line)
            pins[canonicalize_name(requirement.name)] = next(iter(requirement.specifier)).version
    for name, requirement in declared().items():
        assert name in pins, name
        assert requirement.specifier.contains(pins[name], prereleases=True), (name, pins[name])
