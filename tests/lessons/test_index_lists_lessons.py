"""The landing page, index.md, links every lesson in source/, in course order, by its name."""
from __future__ import annotations

import re
import shutil

import nbformat
import pytest

from course.authoring.index import lesson_links, with_links
from course.curriculum import load_curriculum
from tests.helpers import REPO
from tests.lessons.lessons import LESSONS, SOURCE, read_lesson

LINK = re.compile(r"\[(?P<text>[^\]]+)\]\(release/(?P<lesson>[^/)]+)/[^)]+\.ipynb\)")
UPDATE = "run `python -m course.authoring.index` to update index.md"


def index_links() -> list[tuple[str, str]]:
    text = (REPO / "index.md").read_text(encoding="utf-8")
    return [(m.group("lesson"), m.group("text")) for m in LINK.finditer(text)]


def test_index_links_every_lesson_in_course_order():
    linked = list(dict.fromkeys(lesson for lesson, _text in index_links()))
    assert sorted(linked) == sorted(LESSONS), UPDATE
    assert linked == sorted(LESSONS, key=load_curriculum().order), UPDATE


@pytest.mark.parametrize("lesson", LESSONS)
def test_link_text_names_the_lesson(lesson):
    """The link says where it goes: the lesson's title, not "here" or a file name."""
    title = read_lesson(lesson).metadata["codensocial"]["title"]
    texts = [text for linked, text in index_links() if linked == lesson]
    assert texts and all(title in text for text in texts), UPDATE


def test_index_is_what_the_generator_writes():
    curriculum = load_curriculum()
    text = (REPO / "index.md").read_text(encoding="utf-8")
    assert text == with_links(text, lesson_links(source=SOURCE, curriculum=curriculum)), UPDATE


def test_a_new_lesson_appears_in_course_order(tmp_path):
    """Negative control: a second lesson in a tmp source/ is listed, at its place in the curriculum."""
    source = tmp_path / "source"
    shutil.copytree(SOURCE, source)
    extra = source / "00-extra"
    extra.mkdir()
    nb = nbformat.v4.new_notebook(metadata={"codensocial": {"module": 0, "title": "A warm welcome"}})
    nbformat.write(nb, extra / "00-extra.ipynb")
    curriculum_file = tmp_path / "curriculum.yml"
    curriculum_file.write_text("modules:\n  - id: 1\n    notebooks:\n" + "".join(
        f"      - name: {lesson}\n" for lesson in ["00-extra", *load_curriculum().lessons]))
    links = lesson_links(source=source, curriculum=load_curriculum(curriculum_file))
    assert links[0] == "- [Lesson 0: A warm welcome](release/00-extra/00-extra.ipynb)"
    assert len(links) == len(LESSONS) + 1
    assert [lesson for lesson, _ in index_links()] != [LINK.search(line).group("lesson") for line in links]
