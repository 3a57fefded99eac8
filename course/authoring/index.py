"""The list of lessons on the landing page, index.ipynb, made from the curriculum and the lessons.

Run ``python -m course.authoring.index`` after adding a lesson: the list under
"## Pick your lesson" is rewritten, in course order, each link named after its lesson.
"""
from __future__ import annotations

import re
from pathlib import Path

import nbformat

from course.curriculum import CURRICULUM_FILE, Curriculum, load_curriculum

REPOSITORY = Path(__file__).resolve().parent.parent.parent
LIST_ITEM = re.compile(r"^(?:\d+\.|-)\s+\[.*\]\(release/.*\)\s*$")


def lesson_links(*, source: Path, curriculum: Curriculum) -> list[str]:
    """One Markdown list item per lesson folder in *source*, in course order: "Lesson <module>: <title>".

    A bulleted list, so that no list number ("2.") contradicts a lesson number ("Lesson 1").
    """
    lessons = sorted((p.name for p in source.iterdir() if p.is_dir() and any(p.glob("*.ipynb"))), key=curriculum.order)
    lines = []
    for lesson in lessons:
        notebooks = sorted(source.joinpath(lesson).glob("*.ipynb"), key=lambda p: (p.stem != lesson, p.name))
        for part, notebook in enumerate(notebooks, start=1):
            label = link_text(nbformat.read(notebook, as_version=4), notebook, part=part if len(notebooks) > 1 else 0)
            lines.append(f"- [{label}](release/{lesson}/{notebook.name})")
    return lines


def link_text(nb, notebook: Path, *, part: int) -> str:
    """"Lesson 1: First words in Python", or "Lesson 1, part 2: ..." for a lesson of several notebooks."""
    meta = nb.metadata.get("codensocial", {})
    if "module" not in meta or not meta.get("title"):
        return notebook.stem
    return f"Lesson {meta['module']}{f', part {part}' if part else ''}: {meta['title']}"


def with_links(markdown: str, links: list[str]) -> str:
    """*markdown* with its list of lesson links replaced by *links*."""
    lines = markdown.split("\n")
    places = [n for n, line in enumerate(lines) if LIST_ITEM.match(line)]
    if not places:
        raise ValueError("index.ipynb has no list of lesson links to replace")
    return "\n".join(lines[:places[0]] + links + lines[places[-1] + 1:])


def write_index(*, index: Path, source: Path, curriculum: Curriculum) -> None:
    nb = nbformat.read(index, as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "markdown" and any(map(LIST_ITEM.match, c.source.split("\n"))))
    cell.source = with_links(cell.source, lesson_links(source=source, curriculum=curriculum))
    nbformat.write(nb, index)


def main() -> None:
    try:
        write_index(index=REPOSITORY / "index.ipynb", source=REPOSITORY / "source",
                    curriculum=load_curriculum(CURRICULUM_FILE))
    except (ValueError, StopIteration) as problem:
        raise SystemExit(f"index.ipynb was not changed: {problem or 'it has no list of lesson links'}")


if __name__ == "__main__":
    main()
