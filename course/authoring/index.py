"""The landing page, index.md: its list of lessons made from the curriculum and the lessons.

Run ``python -m course.authoring.index`` after adding a lesson: the list under
"## Pick your lesson" is rewritten, in course order, each link named after its lesson.

The page is Markdown, not a notebook: JupyterLab shows it rendered (the kit sets Markdown
Preview as the viewer of .md files), with no kernel, and nothing saves it back. The committed
page links the lessons in release/; the copy in a learner's workspace (my-lessons/index.md)
links the learner's own copies (see :func:`workspace_page`) and starts with the choice of
language (course.authoring.landing).
"""
from __future__ import annotations

import re
from pathlib import Path

import nbformat

from course.curriculum import CURRICULUM_FILE, Curriculum, load_curriculum
from course.i18n import N_, translate_in

REPOSITORY = Path(__file__).resolve().parent.parent.parent
INDEX_FILE = "index.md"
RELEASE_PREFIX = "release/"
LIST_ITEM = re.compile(r"^(?:\d+\.|-)\s+\[.*\]\((?P<target>[^)\s]*\.ipynb)\)\s*$")
TITLE = re.compile(r"^#\s+(?P<title>.+?)\s*$", re.MULTILINE)
LESSON_LABEL = N_("Lesson {module}: {title}")
LESSON_PART_LABEL = N_("Lesson {module}, part {part}: {title}")


def lesson_links(*, source: Path, curriculum: Curriculum, prefix: str = RELEASE_PREFIX,
                 language: str = "en") -> list[str]:
    """One Markdown list item per lesson notebook in *source*, in course order: "Lesson <module>: <title>".

    Each link points to *prefix* + <lesson>/<notebook>. A bulleted list, so that no list
    number ("2.") contradicts a lesson number ("Lesson 1"). "Lesson" is said in *language*.
    """
    if not source.is_dir():
        return []
    lessons = sorted((p.name for p in source.iterdir() if p.is_dir() and any(p.glob("*.ipynb"))), key=curriculum.order)
    lines = []
    for lesson in lessons:
        notebooks = sorted(source.joinpath(lesson).glob("*.ipynb"), key=lambda p: (p.stem != lesson, p.name))
        for part, notebook in enumerate(notebooks, start=1):
            label = link_text(nbformat.read(notebook, as_version=4), notebook, part=part if len(notebooks) > 1 else 0,
                              language=language)
            lines.append(f"- [{label}]({prefix}{lesson}/{notebook.name})")
    return lines


def link_text(nb, notebook: Path, *, part: int, language: str = "en") -> str:
    """"Lesson 1: First words in Python", or "Lesson 1, part 2: ..." for a lesson of several notebooks.

    A translated lesson (metadata codensocial.language) is named by its own title, its first heading.
    """
    meta = nb.metadata.get("codensocial", {})
    if "module" not in meta or not meta.get("title"):
        return notebook.stem
    title = meta["title"]
    if meta.get("language", "en") != "en":
        headings = (TITLE.search(cell.source) for cell in nb.cells if cell.cell_type == "markdown")
        title = next((found["title"] for found in headings if found), title)
    label = translate_in(language, LESSON_PART_LABEL if part else LESSON_LABEL)
    return label.format(module=meta["module"], part=part, title=title)


def with_links(markdown: str, links: list[str]) -> str:
    """*markdown* with its list of lesson links replaced by *links*."""
    lines = markdown.split("\n")
    places = [n for n, line in enumerate(lines) if LIST_ITEM.match(line)]
    if not places:
        raise ValueError(f"{INDEX_FILE} has no list of lesson links to replace")
    return "\n".join(lines[:places[0]] + links + lines[places[-1] + 1:])


def workspace_page(markdown: str, *, source: Path, curriculum: Curriculum, choice: list[str] = ()) -> str:
    """The landing page of a learner's workspace: *markdown* with links to the lessons beside it.

    The lines of *choice* (the choice of language) come right after the page's title.
    """
    lines = with_links(markdown, lesson_links(source=source, curriculum=curriculum, prefix="")).split("\n")
    title = next((number for number, line in enumerate(lines) if TITLE.match(line)), -1)
    if not choice:
        return "\n".join(lines)
    return "\n".join([*lines[:title + 1], "", *choice, *lines[title + 1:]])


def write_index(*, index: Path, source: Path, curriculum: Curriculum) -> None:
    """Rewrite the list of lessons in the landing page *index*."""
    markdown = index.read_text(encoding="utf-8")
    index.write_text(with_links(markdown, lesson_links(source=source, curriculum=curriculum)), encoding="utf-8")


def main() -> None:
    try:
        write_index(index=REPOSITORY / INDEX_FILE, source=REPOSITORY / "source",
                    curriculum=load_curriculum(CURRICULUM_FILE))
    except (ValueError, OSError) as problem:
        raise SystemExit(f"{INDEX_FILE} was not changed: {problem}")


if __name__ == "__main__":
    main()
