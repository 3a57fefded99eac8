"""Binder and laptops: postBuild, the index notebook, the language packs.

The slow test does what repo2docker does: a fresh environment with the
packages of environment.yml, then postBuild in (a copy of) the repository, with
that environment first on PATH and a fresh home folder.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

import nbformat
import pytest

from tests.helpers import PILOT, PILOT_NOTEBOOK, REPO

LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
VAGUE_LINK_TEXT = {"here", "click here", "link", "this", "more", "read more"}


def project() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text())["project"]


def index_markdown() -> str:
    nb = nbformat.read(REPO / "index.ipynb", as_version=4)
    return "\n\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")


# --- quick checks of the files ----------------------------------------------

def test_postbuild_installs_the_language_packs_of_the_languages_extra():
    """Do postBuild and pyproject's `languages` extra name the same JupyterLab language packs?"""
    in_postbuild = set(re.findall(r"jupyterlab-language-pack-[A-Za-z-]+", (REPO / "postBuild").read_text()))
    assert in_postbuild == set(project()["optional-dependencies"]["languages"])
    assert not [pack for pack in in_postbuild if pack.lower().endswith("bg-bg")]


def test_index_has_one_title_and_links_every_lesson_by_name():
    """Is the landing page readable by a screen reader: one H1, links that say where they go?"""
    text = index_markdown()
    assert len(re.findall(r"^# ", text, flags=re.MULTILINE)) == 1
    links = LINK.findall(text)
    assert all(label.strip().lower() not in VAGUE_LINK_TEXT for label, _target in links)
    targets = {target for _label, target in links}
    for lesson in sorted(p for p in (REPO / "source").iterdir() if p.is_dir()):
        for notebook in lesson.glob("*.ipynb"):
            assert f"release/{lesson.name}/{notebook.name}" in targets, f"index.ipynb does not link {notebook.name}"


def test_index_notebook_has_no_outputs():
    nb = nbformat.read(REPO / "index.ipynb", as_version=4)
    assert all(cell.cell_type == "markdown" for cell in nb.cells)


# --- postBuild, the way repo2docker runs it ---------------------------------

def copy_repository(target: Path) -> Path:
    """The committed files of the repository (no .venv, no generated folders)."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout
    for name in filter(None, listed.decode().split("\0")):
        source = REPO / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def binder_environment(env_dir: Path, home: Path) -> dict[str, str]:
    """The environment variables of a repo2docker build: the new env first on PATH, a fresh home."""
    keep = {k: v for k, v in os.environ.items() if k.startswith(("PIP_", "SSL_", "LANG", "LC_"))}
    path = os.pathsep.join([str(env_dir / "bin"), "/usr/local/bin", "/usr/bin", "/bin"])
    return {**keep, "PATH": path, "HOME": str(home), "PIP_CACHE_DIR": pip_cache_dir()}


def pip_cache_dir() -> str:
    """The machine's pip cache, so that the fresh environment reuses the wheels already downloaded."""
    found = subprocess.run([sys.executable, "-m", "pip", "cache", "dir"], capture_output=True, text=True)
    return found.stdout.strip() or str(Path.home() / ".cache" / "pip")


@pytest.fixture(scope="module")
def binder(tmp_path_factory):
    """A repository copy after postBuild ran in a fresh environment; the course language set to Spanish."""
    base = tmp_path_factory.mktemp("binder")
    repo, env_dir, home = copy_repository(base / "repo"), base / "env", base / "home"
    home.mkdir()
    config = repo / "config" / "nbgrader_config.py"
    config.write_text(config.read_text().replace('c.CourseKit.language = "en"', 'c.CourseKit.language = "es"'))
    venv.create(env_dir, with_pip=True)
    env = binder_environment(env_dir, home)
    run = dict(cwd=repo, env=env, capture_output=True, text=True)
    deps = subprocess.run([env_dir / "bin" / "python", "-m", "pip", "install", "--quiet", "--no-compile", *project()["dependencies"]], **run)
    assert deps.returncode == 0, deps.stderr[-3000:]
    built = subprocess.run(["bash", "postBuild"], **run)
    assert built.returncode == 0, f"postBuild failed:\n{built.stdout[-3000:]}\n{built.stderr[-3000:]}"
    return repo, env_dir, env


def run_in(binder, *command: str, cwd: Path | None = None) -> str:
    repo, _env_dir, env = binder
    done = subprocess.run(command, cwd=cwd or repo, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout + done.stderr


@pytest.mark.slow
def test_postbuild_installs_the_kit_and_builds_the_learner_versions(binder):
    """After postBuild, can a learner open the lessons the index links to, without the solutions?"""
    repo, _env_dir, _env = binder
    assert "release" in run_in(binder, "course", "--help")
    released = repo / "release" / PILOT / PILOT_NOTEBOOK
    text = released.read_text()
    assert "### BEGIN SOLUTION" not in text and "### BEGIN HIDDEN TESTS" not in text
    for _label, target in LINK.findall(index_markdown()):
        assert (repo / target).is_file(), f"index.ipynb links {target}, which postBuild did not build"


@pytest.mark.slow
def test_postbuild_hides_the_trainer_tools(binder):
    """Does a Binder learner see the assignment tools but not the formgrader or create-assignment?"""
    lab = run_in(binder, "jupyter", "labextension", "list")
    disabled = lab.split("Disabled extensions:")[1] if "Disabled extensions:" in lab else ""
    for plugin in ("formgrader", "create-assignment"):
        assert f"@jupyter/nbgrader:{plugin}" in disabled
    assert "@jupyter/nbgrader:assignment-list" not in disabled
    server = run_in(binder, "jupyter", "server", "extension", "list")
    assert re.search(r"nbgrader\.server_extensions\.formgrader\s+\S*disabled", server)
    assert re.search(r"nbgrader\.server_extensions\.assignment_list\s+\S*enabled", server)


@pytest.mark.slow
def test_postbuild_points_nbgrader_at_the_course_and_lab_at_its_language(binder):
    """Does plain nbgrader, started anywhere, find the course; do JupyterLab's menus follow its language?"""
    repo, env_dir, env = binder
    probe = ("from nbgrader.apps.nbgraderapp import NbGraderApp\n"
             "app = NbGraderApp(); app.initialize([]); print('COURSE', app.coursedir.course_id, app.coursedir.root)")
    output = run_in(binder, str(env_dir / "bin" / "python"), "-c", probe, cwd=Path(env["HOME"]))
    course_id, root = re.search(r"^COURSE (\S+) (.+)$", output, flags=re.MULTILINE).groups()
    assert (course_id, Path(root)) == ("code-n-social", repo)
    overrides = json.loads(next(env_dir.glob("share/jupyter/lab/settings/overrides.json")).read_text())
    assert overrides["@jupyterlab/translation-extension:plugin"] == {"locale": "es_ES"}
    assert list(env_dir.glob("lib/python*/site-packages/jupyterlab_language_pack_es_ES"))
