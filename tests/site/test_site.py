"""`make site`: the course website, built offline and checked in Chromium as a keyboard-only reader."""
import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from course.site.build import build_site
from course.site.links import broken_links
from tests.helpers import REPO

pytestmark = [pytest.mark.site, pytest.mark.browser]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_site(output=tmp_path_factory.mktemp("site") / "site")


@pytest.fixture(scope="module")
def browser(chromium):
    """The run's one Chromium (tests/conftest.py)."""
    return chromium


def pages(site):
    return sorted(p for p in site.folder.rglob("*.html") if p.name != "search.html")


def test_the_site_builds_with_every_link_working(site):
    """Does the build give index.html at the root, a PDF per cheat sheet, and no broken link?"""
    assert (site.folder / "index.html").is_file()
    assert site.problems == []
    lessons = sorted(p.name for p in (REPO / "source").iterdir() if p.is_dir())
    assert sorted(p.stem for p in site.pdfs) == lessons
    for pdf in site.pdfs:
        assert len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes())) == 1, f"{pdf.name} is not one page"


def test_a_broken_link_or_a_remote_script_is_found(site, tmp_path):
    """The negative control: does the link check find a missing page and a script from another site?"""
    copy = tmp_path / "copy"
    shutil.copytree(site.folder, copy)
    page = copy / "index.html"
    page.write_text(page.read_text().replace("</body>", '<a href="nowhere.html">x</a>'
                    '<script src="https://cdn.example.org/x.js"></script></body>'))
    found = broken_links(copy)
    assert any("nowhere.html" in line for line in found) and any("another site" in line for line in found)


def test_every_page_has_its_language(site):
    for page in pages(site):
        assert re.search(r'<html[^>]*\blang="en"', page.read_text()), page


def test_lesson_pages_hold_no_solution_and_no_hidden_test(site):
    """Is every lesson page the learner version: no solution code, no hidden-test code?"""
    for notebook in sorted((REPO / "source").glob("*/*.ipynb")):
        page = (site.folder / "lessons" / f"{notebook.parent.name}.html").read_text()
        nb = nbformat.read(notebook, as_version=4)
        shown = "\n".join(re.sub(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS", "", cell.source, flags=re.S)
                          for cell in nb.cells if not cell.metadata.get("nbgrader", {}).get("solution"))
        for cell in nb.cells:
            solution = re.search(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", cell.source, re.S)
            hidden = re.search(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", cell.source, re.S)
            for block in (solution, hidden):
                for line in (block.group(1).splitlines() if block else []):
                    if len(line.strip()) > 12 and line.strip() not in shown:  # not given in the task itself
                        from html import escape
                        assert escape(line.strip()) not in page, f"{notebook.name}: {line.strip()}"
        assert "BEGIN SOLUTION" not in page and "HIDDEN TESTS" not in page


def test_axe_finds_no_violation_on_any_page(site, browser):
    """Does axe-core find nothing against WCAG 2.2 AA on every page of the site?"""
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page()
    found = {}
    for path in pages(site):
        page.goto(path.as_uri())
        result = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        violations = [v["id"] for v in result.response["violations"]]
        if violations:
            found[str(path.relative_to(site.folder))] = violations
    assert found == {}


@pytest.mark.parametrize("width", [375, 640])
def test_readable_on_a_phone_and_at_200_percent(site, browser, width, tmp_path):
    """At a phone's width (and 1280 px at 200 % zoom = 640), does any site page scroll sideways?"""
    page = browser.new_page(viewport={"width": width, "height": 800})
    wide = []
    for path in pages(site):
        if path.parent.name == "lessons":  # the lesson pages are nbconvert's, checked in tests/e2e
            continue
        page.goto(path.as_uri())
        if page.evaluate("document.documentElement.scrollWidth") > width:
            wide.append(str(path.relative_to(site.folder)))
    assert wide == []
    page.goto((site.folder / "index.html").as_uri())
    page.screenshot(path=str(tmp_path / f"home-{width}.png"))


def test_a_keyboard_user_reaches_the_lessons_and_a_lesson(site, browser):
    """Can someone with only a keyboard go from the first page to the lesson list and open a lesson?"""
    page = browser.new_page()
    page.goto((site.folder / "index.html").as_uri())
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "all the lessons":
            break
    else:
        pytest.fail("Tab never reached the link to the lessons")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"lessons\.html$"))
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('href') || ''").startswith("lessons/01-"):
            break
    else:
        pytest.fail("Tab never reached a lesson")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"lessons/01-first-words\.html$"))
    assert "Back to all lessons" in page.content()
