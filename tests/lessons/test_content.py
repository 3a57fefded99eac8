"""Every lesson in source/ follows the lesson-writing rules a program can check (course check)."""
import pytest

from course.authoring.lint import check_lessons, lesson_folders, summary_line
from tests.helpers import REPO

SOURCE = REPO / "source"
LESSONS = [folder.name for folder in lesson_folders(SOURCE)]


@pytest.fixture(scope="module")
def checked():
    return check_lessons(source=SOURCE)


def test_the_course_has_lessons():
    assert "01-first-words" in LESSONS


@pytest.mark.parametrize("name", LESSONS)
def test_lesson_follows_the_writing_rules(checked, name):
    """Headings, alt and link text, colour words, plain language, nbgrader metadata, the parts of a lesson."""
    lessons, found = checked
    [lesson] = [lesson for lesson in lessons if lesson.name == name]
    print(summary_line(lesson))
    assert [str(finding) for finding in found if finding.lesson == name] == []
