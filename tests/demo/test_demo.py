"""`course demo` end to end, in a temporary copy of the repository."""
import pandas as pd
import pytest

from course.demo.cohort import COHORT
from course.demo.run import demo, prepare
from course.nbgrader_api import gradebook_for
from course.reports import tables as t
from course.reports.pseudonyms import load_key, pseudonym
from tests.helpers import PILOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    from tests.helpers import copy_course

    course = copy_course(tmp_path_factory.mktemp("demo") / "course")
    return course, demo(course=course)


def test_report_files_exist(result):
    _, outcome = result
    for path in (outcome.report.html, outcome.report.learners_csv, outcome.report.exercises_csv):
        assert path.is_file() and path.stat().st_size > 0
    assert '<html lang="en">' in outcome.report.html.read_text()


def test_report_numbers_equal_the_gradebook(result):
    _, outcome = result
    key = load_key(outcome.course.secret_path)
    csv = pd.read_csv(outcome.report.learners_csv).set_index([t.STUDENT, t.LESSON])
    assert len(csv) == len(COHORT)
    with gradebook_for(outcome.course) as gradebook:
        for learner in COHORT:
            submission = gradebook.find_submission(PILOT, learner.student)
            row = csv.loc[(pseudonym(learner.student, key), PILOT)]
            assert row[t.SCORE] == submission.score
            assert row[t.MAX_SCORE] == submission.max_score
            assert row[t.LATE] == (submission.total_seconds_late > 0)


def test_every_profile_scores_as_designed(result):
    _, outcome = result
    key = load_key(outcome.course.secret_path)
    score = {
        learner.student: outcome.report.lessons.loc[(pseudonym(learner.student, key), PILOT), t.SCORE]
        for learner in COHORT
    }
    profile = {learner.student: learner.profile for learner in COHORT}
    by = lambda kind: [score[s] for s in score if profile[s] == kind]  # noqa: E731
    assert set(by("right")) == {8.0}
    assert set(by("blank")) == {0.0} and set(by("raises")) == {0.0}
    assert set(by("partly")) == {4.0}
    assert all(0 < s < 8 for s in by("endless") + by("first-half"))
    assert all(s < 4 for s in by("wrong"))
    late = outcome.report.lessons[t.LATE]
    assert [name for (name, _), is_late in late.items() if is_late] == [
        pseudonym(learner.student, key) for learner in COHORT if learner.late
    ]


def test_every_learner_is_graded_and_gets_feedback(result):
    _, outcome = result
    assert len(outcome.grading[PILOT].graded) == len(COHORT) and not outcome.grading[PILOT].failed
    assert len(outcome.feedback_pages) == len(COHORT)


def test_exports_carry_no_learner_id(result):
    _, outcome = result
    exported = outcome.report.html.read_text() + outcome.report.learners_csv.read_text()
    assert not any(learner.student in exported for learner in COHORT)


def test_confidence_answers_reach_the_report(result):
    """Do the confidence answers saved in the learners' notebooks reach the trainer's report?"""
    from course.demo.cohort import CONFIDENCE
    from course.learner.confidence import STATEMENTS
    from course.reports import columns as col

    _, outcome = result
    answers = outcome.report.tables.confidence_answers.reset_index()
    answered = {learner.student for learner in COHORT if CONFIDENCE[learner.profile] is not None}
    assert answers[col.STUDENT].nunique() == len(answered)
    # One learner's ratings, statement by statement, as the demo saved them
    key = load_key(outcome.course.secret_path)
    ana = answers[answers[col.STUDENT] == pseudonym("demo-ana", key)].set_index(col.STATEMENT)
    for statement, rating in zip(STATEMENTS, CONFIDENCE["right"]):
        assert ana.loc[statement, col.RATING] == rating
    assert "demo-ana" not in outcome.report.html.read_text()


def test_after_the_demo_the_learners_under_half_are_listed_with_a_reason(result):
    """After lesson 1 only, does the report list every learner under 50 percent (blank and 0 included), and only them?"""
    from course.reports import columns as col

    _, outcome = result
    key = load_key(outcome.course.secret_path)
    progress = outcome.report.tables.progress
    listed = set(progress.index[progress[col.AT_RISK]])
    expected = {pseudonym(learner.student, key) for learner in COHORT
                if learner.profile in ("blank", "raises", "wrong", "partly")}
    assert listed == expected == set(progress.index[progress[col.PERCENT] < 50]) and len(listed) == 6
    blank = next(learner.student for learner in COHORT if learner.profile == "blank")
    assert progress.loc[pseudonym(blank, key), col.REASONS] == f"Handed in {PILOT} with no answer written."
    exercises = outcome.report.tables.exercises
    waiting = exercises[exercises[col.TO_MARK] > 0]
    assert not waiting.empty and not waiting[col.FLAGS].str.contains("too hard").any()


# Last: prepare() wipes the demo folder, its pseudonym key included.
def test_demo_keeps_to_its_own_folders_and_starts_clean(result):
    course, outcome = result
    for real in ("submitted", "autograded", "feedback", "gradebook.db", "exchange"):
        assert not (course.root / real).exists()
    assert not any((course.root / "release").glob("*/"))
    again = prepare(course)
    assert not again.folder("submitted").exists() and not (again.home / "gradebook.db").exists()

