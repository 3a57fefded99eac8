"""Each lesson's learner version, rendered to HTML, passes axe-core's WCAG 2.2 AA rules in Debian's chromium.

The page is what course.authoring.html.lesson_html makes of the release (no solutions, no
hidden tests): one self-contained file that loads nothing from the network.
"""
from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from axe_playwright_python.sync_playwright import Axe

from course.authoring.html import lesson_html
from course.authoring.release import release
from tests.helpers import copy_course
from tests.lessons.lessons import LESSONS, lesson_notebooks

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
NO_ALT_TEXT = "No description has been provided for this image"
FETCHES = re.compile(r"<(?:script|link|img|iframe|source|video|audio)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//",
                     re.IGNORECASE)


class Pages(dict):
    """Each lesson released and rendered the first time a test asks for it: lesson -> its HTML files."""

    def __init__(self, folder: Path):
        super().__init__()
        self.folder = folder
        self.course = copy_course(folder / "course")

    def __missing__(self, lesson: str) -> list[Path]:
        release(lesson, course=self.course, publish=False)
        notebooks = lesson_notebooks(self.course.folder("release") / lesson)
        self[lesson] = [write_page(notebook, self.folder / f"{notebook.stem}.html") for notebook in notebooks]
        return self[lesson]


@pytest.fixture(scope="module")
def released_pages(tmp_path_factory) -> Pages:
    return Pages(tmp_path_factory.mktemp("a11y"))


def write_page(notebook: Path, page: Path) -> Path:
    page.write_text(lesson_html(notebook), encoding="utf-8")
    return page


def axe_violations(page, html: Path) -> list[str]:
    """axe-core's WCAG A/AA violations of the page: rule id, help, and the first few places."""
    page.goto(html.as_uri())
    results = Axe().run(page, options=AXE_OPTIONS)
    return [
        f"{v['id']}: {v['help']} at {', '.join(str(node['target']) for node in v['nodes'][:3])}"
        f"{' and more' if len(v['nodes']) > 3 else ''}"
        for v in results.response["violations"]
    ]


def network_fetches(html: str) -> list[str]:
    return FETCHES.findall(html)


@pytest.mark.parametrize("lesson", LESSONS)
def test_rendered_lesson_has_no_wcag_violations(released_pages, page, lesson):
    """Does axe-core find nothing against WCAG 2.0/2.1/2.2 A and AA in the learner's lesson page?"""
    problems = [f"{html.stem}: {problem}" for html in released_pages[lesson] for problem in axe_violations(page, html)]
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("lesson", LESSONS)
def test_rendered_lesson_is_self_contained_and_described(released_pages, lesson):
    """No script, style or picture comes from the network; no picture goes without its description."""
    for page in released_pages[lesson]:
        html = page.read_text(encoding="utf-8")
        assert network_fetches(html) == [], page.name
        assert NO_ALT_TEXT not in html, page.name
        nb = nbformat.read(page.parent / "course" / "release" / lesson / f"{page.stem}.ipynb", as_version=4)
        assert f'<html lang="{nb.metadata.get("codensocial", {}).get("language", "en")}">' in html, page.name


def test_page_language_and_title_come_from_the_lesson(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("Intro\n\n# Primeras *palabras*\n\nTexto.")])
    nb.metadata["codensocial"] = {"language": "es"}
    nbformat.write(nb, tmp_path / "l.ipynb")
    html = lesson_html(tmp_path / "l.ipynb")
    assert '<html lang="es">' in html and "<title>Primeras palabras</title>" in html
    assert '<html lang="fr">' in lesson_html(tmp_path / "l.ipynb", lang="fr")


def test_a_picture_without_alt_text_is_a_violation(page, tmp_path):
    """Negative control: the same check finds an <img> with no alt, and an external script."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(
        '# A lesson\n\n## Part one\n\n<img src="x.png">\n\nSome text.')])
    nbformat.write(nb, tmp_path / "bad.ipynb")
    html = write_page(tmp_path / "bad.ipynb", tmp_path / "bad.html")
    assert any(problem.startswith("image-alt:") for problem in axe_violations(page, html))
    assert network_fetches('<script src="https://cdn.example.org/x.js"></script>') != []
