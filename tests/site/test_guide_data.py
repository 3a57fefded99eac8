"""The trainers' guide is made from the lessons' own data, so it cannot drift from the checks."""
from pathlib import Path

import pytest

from course.site.guide import guide_data, guide_markdown, typical_mistakes
from course.site.lessons import lessons_in
from tests.helpers import REPO

LESSONS = lessons_in(REPO / "source")


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.name)
def test_every_answer_a_trainer_marks_has_a_rubric(lesson):
    """Does each manually graded cell have a rubric with a description for every mark?"""
    rubrics = guide_data()["lessons"].get(lesson.name, {}).get("rubrics", {})
    manual = [i for ex in lesson.exercises if ex.manual for i in ex.grade_ids]
    assert manual, "a lesson has at least one answer the trainer marks"
    for grade_id in manual:
        assert grade_id in rubrics, f"{lesson.name}: no rubric for {grade_id} in course/guide/guide.yml"
        rubric = rubrics[grade_id]
        assert all(mark in rubric for mark in range(int(rubric["points"]) + 1))


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.name)
def test_the_guide_names_every_typical_mistake_with_the_words_learners_read(lesson):
    """Does each lesson's guide quote every message of its typical-mistakes file?"""
    page = guide_markdown(lesson)
    says = [m["says"] for answers in typical_mistakes(lesson).values() for m in answers or []]
    assert says and all(words in page for words in says)


def test_the_session_plan_cuts_a_lesson_into_sittings_of_60_to_90_minutes():
    """Is every sitting of every lesson's plan at most 90 minutes, and a long lesson more than one sitting?"""
    import re

    for lesson in LESSONS:
        minutes = [int(m) for m in re.findall(r"Sitting \d+ \(about (\d+) minutes\)", guide_markdown(lesson))]
        assert minutes and max(minutes) <= 90
        assert len(minutes) >= 2 if lesson.minutes > 90 else True
