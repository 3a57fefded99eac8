"""What a learner's workspace must hold, as lists of problems (empty when all is well).

Shared by the workspace tests and their negative controls: each check reads the files on disk,
so a test can break a copy of the workspace and see the problem named.
"""
from __future__ import annotations

import re
from pathlib import Path

import nbformat

LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
# Each language as it names itself, written out here (not read from the kit) so that the test can fail.
NAMES = {"es": "Español", "ro": "Română", "bg": "Български", "it": "Italiano", "fr": "Français", "en": "English"}
MARKERS = ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")
BLOCK = re.compile(r"### BEGIN (SOLUTION|HIDDEN TESTS)\n(?P<body>.*?)### END \1", re.DOTALL)


def lesson_folder(workspace: Path, language: str, *, course_language: str) -> Path:
    """Where a language's lessons are: my-lessons/ for the course's language, my-lessons/<language>/ for the others."""
    return workspace if language == course_language else workspace / language


def leaks(copy: Path, source: Path) -> list[str]:
    """What the learner's *copy* of a notebook shows of the solutions and hidden tests of its *source*."""
    secret = {line.strip() for cell in nbformat.read(source, as_version=4).cells for block in BLOCK.finditer(cell.source)
              for line in block["body"].splitlines() if line.strip() and not line.strip().startswith("#")}
    found = []
    for cell in nbformat.read(copy, as_version=4).cells:
        found += [f"{copy}: {marker}" for marker in MARKERS if marker in cell.source]
        found += [f"{copy}: {line.strip()}" for line in cell.source.splitlines() if line.strip() in secret]
    return found


def untranslated(copy: Path, english: Path, language: str) -> list[str]:
    """Why the learner's *copy* is not the lesson in *language*: wrong language mark, or every text cell as in English."""
    theirs, ours = nbformat.read(copy, as_version=4), nbformat.read(english, as_version=4)
    if theirs.metadata.get("codensocial", {}).get("language") != language:
        return [f"{copy}: not marked as {language}"]
    texts = lambda nb: [cell.source for cell in nb.cells if cell.cell_type == "markdown"]  # noqa: E731
    return [f"{copy}: the text is the English text"] if texts(theirs) == texts(ours) else []


def landing_problems(workspace: Path, *, languages: list[str], lessons: dict[str, list[str]],
                     course_language: str) -> list[str]:
    """What is wrong with the landing pages: the choice, each language's page, and their links.

    *lessons* maps each lesson to its notebooks. Every link must open a file; each language's page
    must carry its language, link back to the choice and list exactly the lessons of its folder.
    """
    top = workspace / "index.md"
    problems = [f"index.md: {language} is not offered as {NAMES[language]}" for language in languages
                if f'<span lang="{language}">[{NAMES[language]}]({language}/index.md)</span>' not in top.read_text()]
    problems += broken_links(top)
    for language in languages:
        page = workspace / language / "index.md"
        if not page.is_file():
            problems.append(f"{language}/index.md is missing")
            continue
        text = page.read_text(encoding="utf-8")
        if not text.startswith(f'<div lang="{language}">\n\n'):
            problems.append(f"{language}/index.md does not say its language")
        if "](../index.md)" not in text:
            problems.append(f"{language}/index.md has no way back to the choice of language")
        folder = lesson_folder(workspace, language, course_language=course_language)
        linked = {(page.parent / target).resolve() for _label, target in LINK.findall(text) if target.endswith(".ipynb")}
        wanted = {(folder / lesson / notebook).resolve() for lesson, notebooks in lessons.items() for notebook in notebooks}
        problems += [f"{language}/index.md does not list {path.relative_to(workspace)}" for path in sorted(wanted - linked)]
        problems += [f"{language}/index.md lists {path}, not a lesson in {language}" for path in sorted(linked - wanted)]
        problems += broken_links(page)
    return problems


def broken_links(page: Path) -> list[str]:
    """The relative links of a Markdown *page* that open no file."""
    return [f"{page.name} in {page.parent.name}/ links {target}, which is missing"
            for _label, target in LINK.findall(page.read_text(encoding="utf-8"))
            if "://" not in target and not (page.parent / target.split("#")[0]).is_file()]
