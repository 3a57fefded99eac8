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

import pytest

from tests.helpers import PILOT, PILOT_NOTEBOOK, REPO

LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
VAGUE_LINK_TEXT = {"here", "click here", "link", "this", "more", "read more"}


def project() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text())["project"]


def index_markdown() -> str:
    return (REPO / "index.md").read_text(encoding="utf-8")


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
            assert f"release/{lesson.name}/{notebook.name}" in targets, f"index.md does not link {notebook.name}"


def test_the_landing_page_needs_no_kernel():
    """Is the landing page a Markdown page (no kernel, nothing saved back), the page make lab and Binder open?"""
    assert not (REPO / "index.ipynb").exists()
    assert "/lab/tree/index.md" in (REPO / "Makefile").read_text() and "tree/index.md" in (REPO / "README.md").read_text()


def test_the_landing_page_says_binder_sessions_end_and_how_to_keep_work():
    """Does the landing page say, in plain words, that Binder loses work, and how to download and upload it?"""
    text = index_markdown()
    for words in ("10 minutes without activity", "everything in it is lost", "**Download**", "**Upload**",
                  "right-click", "**File** menu"):
        assert words in text


def test_the_kit_shows_markdown_rendered(tmp_path):
    """Does the kit's JupyterLab default open .md files in Markdown Preview (the landing page with no kernel)?"""
    from course.hub.binder import write_overrides

    overrides = json.loads(write_overrides(language="es", prefix=tmp_path).read_text())
    assert overrides["@jupyterlab/docmanager-extension:plugin"]["defaultViewers"] == {"markdown": "Markdown Preview"}
    assert overrides["@jupyterlab/translation-extension:plugin"] == {"locale": "es_ES"}


def test_the_learner_configuration_serves_the_workspace_without_nbgrader(course, tmp_path):
    """Does the learner's Jupyter configuration serve my-lessons/ only, hide trainer folders, turn nbgrader off,
    and keep settings already in the folder?"""
    from course.hub.binder import NBGRADER_SERVER_EXTENSIONS, write_learner_config

    (tmp_path / "jupyter_server_config.json").write_text('{"ServerApp": {"open_browser": false}}')
    folder = write_learner_config(tmp_path, course=course)
    server = json.loads((folder / "jupyter_server_config.json").read_text())
    assert server["ServerApp"]["root_dir"] == str(course.root / "my-lessons")
    assert server["ServerApp"]["open_browser"] is False
    assert all(server["ServerApp"]["jpserver_extensions"][name] is False for name in NBGRADER_SERVER_EXTENSIONS)
    assert {"source", "autograded", "gradebook.db*"} <= set(server["ContentsManager"]["hide_globs"])
    page = json.loads((folder / "labconfig" / "page_config.json").read_text())
    assert page["disabledExtensions"] == {"@jupyter/nbgrader": True}


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
        assert (repo / target).is_file(), f"index.md links {target}, which postBuild did not build"
    workspace_page = (repo / "my-lessons" / "index.md").read_text()
    for _label, target in LINK.findall(workspace_page):
        assert (repo / "my-lessons" / target).is_file(), f"my-lessons/index.md links {target}, which is missing"


@pytest.mark.slow
def test_postbuild_hides_the_trainer_tools(binder):
    """Does a Binder learner get JupyterLab on my-lessons/ with none of nbgrader's tools (they do not submit)?"""
    repo, env_dir, _env = binder
    lab = run_in(binder, "jupyter", "labextension", "list")
    disabled = lab.split("Disabled extensions:")[1] if "Disabled extensions:" in lab else ""
    assert "@jupyter/nbgrader" in disabled
    server = run_in(binder, "jupyter", "server", "extension", "list")
    for extension in ("formgrader", "assignment_list", "course_list"):
        assert re.search(rf"nbgrader\.server_extensions\.{extension}\s+\S*disabled", server), server
    config = json.loads((env_dir / "etc" / "jupyter" / "jupyter_server_config.json").read_text())
    assert config["ServerApp"]["root_dir"] == str(repo / "my-lessons")


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
