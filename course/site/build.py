"""`make site`: the course website, built offline with Sphinx (MyST markdown) into build/site/.

Pages: a first page for potential learners (site/<lang>/), the lessons as read-only pages (the learner
version: no solutions, no hidden tests), a trainers' guide and a printable cheat sheet (HTML and PDF) per
lesson, the curriculum with its DigComp and e-CF mapping, and the kit's documentation (docs/).
Nothing is loaded from elsewhere: no web fonts, no scripts from other sites.
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from course.site.guide import cheat_sheet_markdown, guide_markdown
from course.site.lessons import Lesson, learner_version, lessons_in
from course.site.links import broken_links

REPO = Path(__file__).resolve().parent.parent.parent
SITE_PAGES = REPO / "site"
THEME_CSS = Path(__file__).resolve().parent / "static" / "site.css"
DOCS = ("hub.md", "scale.md", "privacy.md", "translation.md")


@dataclass(frozen=True)
class Site:
    folder: Path
    pages: int
    pdfs: list[Path]
    problems: list[str]


def build_site(*, output: Path, repo: Path = REPO, language: str = "en", pdf: bool = True) -> Site:
    """Build the site for *language* into *output*; list broken links and missing PDFs as problems.

    Steps: lay out the MyST sources -> render the lessons' learner versions -> run Sphinx ->
    print the cheat sheets to PDF -> check every link.
    """
    sources = output.parent / (output.name + "-src")
    shutil.rmtree(sources, ignore_errors=True)
    lessons = lessons_in(repo / "source")
    lay_out(sources, lessons=lessons, repo=repo, language=language)
    render_lessons(sources / "_extra" / "lessons", lessons, language=language)
    run_sphinx(sources, output)
    pdfs, problems = print_cheat_sheets(output, lessons) if pdf else ([], [])
    problems += broken_links(output)
    pages = sum(1 for _page in output.rglob("*.html"))
    return Site(output, pages, pdfs, problems)


def lay_out(sources: Path, *, lessons: list[Lesson], repo: Path, language: str) -> None:
    """Write every MyST page and Sphinx's conf.py into *sources*."""
    shutil.copytree(SITE_PAGES / language, sources)
    (sources / "_static").mkdir(exist_ok=True)
    shutil.copy(THEME_CSS, sources / "_static" / "site.css")
    for lesson in lessons:
        write(sources / "guides" / f"{lesson.name}.md", guide_markdown(lesson))
        write(sources / "cheatsheets" / f"{lesson.name}.md", cheat_sheet_markdown(lesson))
    write(sources / "lessons.md", lessons_page(lessons))
    write(sources / "curriculum.md", curriculum_page(lessons))
    write(sources / "role-models.md", role_models_page(lessons))
    for name in DOCS:
        if (repo / "docs" / name).is_file():
            write(sources / "kit" / name, (repo / "docs" / name).read_text(encoding="utf-8"))
    write(sources / "conf.py", conf_py(language))


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def render_lessons(folder: Path, lessons: list[Lesson], *, language: str) -> None:
    """Each lesson's learner version as one self-contained page (the tested lesson HTML)."""
    import tempfile

    import nbformat

    from course.authoring.html import lesson_html

    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        for lesson in lessons:
            path = Path(scratch) / f"{lesson.name}.ipynb"
            nbformat.write(learner_version(lesson), path)
            write(folder / f"{lesson.name}.html", add_back_link(lesson_html(path, lang=language)))


def add_back_link(page: str) -> str:
    """A link back to the site at the top of a lesson page, first in the keyboard order."""
    link = ('<nav aria-label="Site"><p style="margin:1rem 2rem"><a href="../lessons.html">'
            'Back to all lessons</a></p></nav>')
    start = page.find(">", page.find("<body")) + 1
    return page[:start] + link + page[start:] if start > 0 else page


def run_sphinx(sources: Path, output: Path) -> None:
    from sphinx.cmd.build import build_main

    shutil.rmtree(output, ignore_errors=True)
    status = build_main(["-b", "html", "-q", "-E", str(sources), str(output)])
    if status != 0:
        raise RuntimeError(f"Sphinx stopped with status {status}")


def print_cheat_sheets(output: Path, lessons: list[Lesson]) -> tuple[list[Path], list[str]]:
    """Each cheat sheet's page printed to PDF by headless Chromium, beside the page."""
    from course.reports.passport import find_chromium, print_pdf

    browser = find_chromium()
    if browser is None:
        return [], ["No PDFs of the cheat sheets: install Chromium (Debian: apt-get install chromium)."]
    pdfs, problems = [], []
    for lesson in lessons:
        made = print_pdf(browser, (output / "cheatsheets" / f"{lesson.name}.html").resolve())
        pdfs += [made] if made else []
        problems += [] if made else [f"cheatsheets/{lesson.name}.pdf: Chromium made no PDF"]
    return pdfs, problems


def lessons_page(lessons: list[Lesson]) -> str:
    rows = [f"| {lesson.name[:2]} | {html_link(f'lessons/{lesson.name}.html', lesson.title)} | "
            f"[guide](guides/{lesson.name}.md) | [cheat sheet](cheatsheets/{lesson.name}.md), "
            f"{html_link(f'cheatsheets/{lesson.name}.pdf', 'PDF')} | {lesson.minutes} |" for lesson in lessons]
    return "\n".join([
        "# The lessons", "",
        "Read any lesson here. To do the exercises and run the code, open the lessons on Binder or "
        "ask a partner centre (see [how to start](index.md#how-to-start)).", "",
        "| module | lesson | trainers' guide | cheat sheet | minutes |", "|---|---|---|---|---|", *rows, "",
        "```{toctree}", ":hidden:", "", *[f"guides/{lesson.name}" for lesson in lessons],
        *[f"cheatsheets/{lesson.name}" for lesson in lessons], "```",
    ])


def html_link(href: str, text: str) -> str:
    """A link to a file Sphinx does not build (a lesson page, a PDF), written as HTML so MyST keeps it."""
    from html import escape

    return f'<a href="{escape(href)}">{escape(text)}</a>'


def curriculum_page(lessons: list[Lesson]) -> str:
    from course.curriculum import competence_title, level_name, load_curriculum

    curriculum = load_curriculum()
    lines = ["# The curriculum", "",
             "Each graded exercise shows one DigComp 2.2 competence (the European framework of digital "
             "skills) at the level it really reaches: guided tasks are Foundation (levels 1 and 2).", "",
             "| lesson | exercise | DigComp 2.2 | level |", "|---|---|---|---|"]
    for lesson in lessons:
        for evidence in (item for item in curriculum.evidence if item.lesson == lesson.name):
            lines.append(f"| {lesson.name} | `{evidence.exercise}` | {evidence.digcomp} "
                         f"{competence_title(evidence.digcomp)} | {evidence.level} ({level_name(evidence.level)}) |")
    lines += ["", "## Where this is used at work (e-CF)", "",
              "The European e-Competence Framework (e-CF, EN 16234-1) names the entry roles each lesson "
              "points to.", ""]
    for lesson in lessons:
        work = lesson.part("work")
        if work:
            lines += [f"### {lesson.title}", "", work, ""]
    return "\n".join(lines)


def role_models_page(lessons: list[Lesson]) -> str:
    lines = ["# People like you", "",
             "Each lesson tells the story of someone who found a way into IT. They are examples based on "
             "common paths, not real people. A training centre can tell a real story instead, with the "
             "person's written consent (see [running the course](trainers/running.md)).", ""]
    for lesson in lessons:
        story = lesson.part("role_model")
        if story:
            lines += [f"## From the lesson \u201c{lesson.title}\u201d", "", demote_headings(story), ""]
    return "\n".join(lines)


def demote_headings(text: str) -> str:
    return "\n".join("##" + line if line.startswith("#") else line for line in text.splitlines())


def conf_py(language: str) -> str:
    return f'''# Made by course.site.build: do not edit (edit site/ and course/site/ instead).
project = "Code-n-Social"
author = "Code-n-Social partners"
language = "{language}"
extensions = ["myst_parser"]
myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 3
html_theme = "basic"
html_static_path = ["_static"]
html_css_files = ["site.css"]
html_extra_path = ["_extra"]
html_permalinks = False
html_use_index = False
html_copy_source = False
html_show_sourcelink = False
html_sidebars = {{"**": ["localtoc.html", "relations.html"]}}
html_title = "Code-n-Social"
suppress_warnings = ["myst.header", "toc.not_included"]
exclude_patterns = ["_extra"]
'''
