"""Report tables checked cell by cell against a small cohort with known answers (tests/reports/cohort.py)."""
import numpy as np
import pandas as pd
import pytest
from nbgrader.api import Gradebook

from course.reports import columns as c
from course.reports import notebooks, read, tables
from course.reports.build import Inputs, build_tables, pseudonymise
from course.reports.pseudonyms import load_key, pseudonym
from course.reports.rules import Rules
from tests.reports import cohort

TODAY = pd.Timestamp(cohort.TODAY)
RULES = Rules(min_learners=3)


def read_all(db_url, folder):
    with Gradebook(db_url) as gb:
        return Inputs(read.scores(gb), read.learners(gb), read.lessons(gb),
                      notebooks.confidence_answers(folder / "submitted"), notebooks.mistakes(folder / "autograded"))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cohort")
    db_url = f"sqlite:///{folder / 'gradebook.db'}"
    cohort.build_gradebook(db_url)
    cohort.write_confidence(folder / "submitted")
    cohort.write_failed_checks(folder / "autograded")
    inputs = read_all(db_url, folder)
    return db_url, inputs, build_tables(inputs, curriculum=cohort.CURRICULUM, rules=RULES, today=TODAY)


def test_scores_has_one_row_per_learner_lesson_and_cell(built):
    _, inputs, _ = built
    rows = inputs.scores
    assert len(rows) == 3 * 3 + 2 * 2
    s1 = rows[(rows[c.STUDENT] == "s1") & (rows[c.LESSON] == "L1")].set_index(c.CELL)
    assert s1[c.SCORE].to_dict() == {"c1": 1.0, "c2": 2.0, "m1": 2.0}
    assert s1[c.AUTO].to_dict() == {"c1": True, "c2": True, "m1": False}
    s2 = rows[(rows[c.STUDENT] == "s2") & (rows[c.LESSON] == "L1")].set_index(c.CELL)
    assert s2.loc["m1", c.TO_MARK] and s2.loc["m1", c.SCORE] == 0
    assert rows[rows[c.STUDENT] == "s3"][c.LATE].all() and not rows[rows[c.STUDENT] != "s3"][c.LATE].any()


def test_lessons_table_matches_the_gradebook_and_leaves_unmarked_answers_out_of_the_percent(built):
    db_url, _, result = built
    expected = pd.DataFrame(
        {
            c.SCORE: [5.0, 2.0, 1.0, 0.0, 1.0],
            c.MAX_SCORE: [5.0, 2.0, 5.0, 2.0, 5.0],
            c.GRADED_MAX: [5.0, 2.0, 3.0, 2.0, 3.0],
            c.PERCENT: [100.0, 100.0, 33.3, 0.0, 33.3],
            c.TO_MARK: [0, 0, 1, 0, 1],
            c.LATE: [False, False, False, False, True],
        },
        index=pd.MultiIndex.from_tuples([("s1", "L1"), ("s1", "L2"), ("s2", "L1"), ("s2", "L2"), ("s3", "L1")],
                                        names=[c.STUDENT, c.LESSON]),
    )
    pd.testing.assert_frame_equal(result.lessons[list(expected.columns)], expected, check_dtype=False)
    with Gradebook(db_url) as gb:
        for (student, lesson), row in result.lessons.iterrows():
            assert row[c.SCORE] == gb.find_submission(lesson, student).score
            assert row[c.MAX_SCORE] == gb.find_submission(lesson, student).max_score


def test_progress_flags_who_needs_a_call_with_reasons_in_words(built):
    _, _, result = built
    progress = result.progress
    assert list(progress.index) == ["s1", "s2", "s3", "s4"]
    assert progress[c.SUBMITTED].tolist() == [2, 2, 1, 0]
    assert progress[c.LESSONS].tolist() == [2, 2, 2, 2]
    assert progress[c.PERCENT].tolist()[:3] == [100.0, 20.0, 33.3] and np.isnan(progress.loc["s4", c.PERCENT])
    assert progress.loc["s1", c.TREND] == 0.0 and progress.loc["s2", c.TREND] == -33.3
    assert np.isnan(progress.loc["s3", c.TREND])
    assert progress[c.TO_MARK].tolist() == [1 - 1, 1, 1, 0]
    assert progress[c.AT_RISK].tolist() == [False, True, True, True]
    assert progress.loc["s1", c.REASONS] == ""
    assert progress.loc["s2", c.REASONS].startswith("Scored 0 in L2. Under 50 percent in all 2 lessons so far")
    assert "33 %, 0 %" in progress.loc["s2", c.REASONS]
    assert "Confidence fell by 2.0 points" in progress.loc["s2", c.REASONS]
    assert progress.loc["s3", c.REASONS] == (
        "Nothing submitted for 18 days. Under 50 percent in the only lesson so far (33 %).")
    assert progress.loc["s4", c.REASONS] == "Nothing submitted yet."


def test_thresholds_are_parameters(built):
    _, inputs, _ = built
    patient = Rules(quiet_days=30, low_percent=10, confidence_drop=3, min_learners=3)
    progress = build_tables(inputs, curriculum=cohort.CURRICULUM, rules=patient, today=TODAY).progress
    assert progress[c.AT_RISK].tolist() == [False, True, False, True]
    assert progress.loc["s2", c.REASONS] == "Scored 0 in L2."  # a lesson scored 0 needs a call at any threshold


def test_exercises_table_pass_rate_mean_discrimination_and_flags(built):
    _, inputs, result = built
    table = result.exercises
    assert list(table.index) == [("L1", "c1"), ("L1", "c2"), ("L1", "m1"), ("L2", "d1"), ("L2", "d2")]
    assert table[c.LEARNERS].tolist() == [3, 3, 1, 2, 2]  # the reflections still to mark are left out
    assert table[c.PASSED].tolist() == [2, 1, 1, 1, 1]
    assert table[c.PASS_RATE].tolist() == [66.7, 33.3, 100.0, 50.0, 50.0]
    assert table[c.MEAN].tolist() == [66.7, 50.0, 100.0, 50.0, 50.0]
    # item-rest correlation, computed by hand: c1 = (1, 0, 1), rest of L1 = (4, 1, 0)
    assert table.loc[("L1", "c1"), c.DISCRIMINATION] == round(np.corrcoef([1, 0, 1], [4, 1, 0])[0, 1], 2)
    assert table.loc[("L1", "c2"), c.DISCRIMINATION] == round(np.corrcoef([2, 1, 0], [3, 0, 1])[0, 1], 2)
    assert np.isnan(table.loc[("L2", "d1"), c.DISCRIMINATION])  # two learners only: no correlation
    assert table.loc[("L1", "c2"), c.FLAGS] == "too hard: only 33 percent passed"
    assert table[c.FLAGS].tolist().count("") == 4


def test_a_low_discrimination_exercise_looks_unclear():
    row = pd.Series({c.LEARNERS: 10, c.PASS_RATE: 70.0, c.DISCRIMINATION: -0.1})
    assert tables.exercise_flags(row, rules=Rules()).startswith("unclear")
    assert tables.exercise_flags(row.copy().replace({-0.1: 0.5}), rules=Rules()) == ""
    assert tables.exercise_flags(row.copy().replace({10: 4}), rules=Rules()) == ""  # too few answers


def test_typical_mistakes_are_counted_from_autograded_outputs(built):
    _, _, result = built
    hits = result.mistakes[c.HITS].to_dict()
    assert hits == {
        ("L1", "c1", "Put the text between quotes."): 1,
        ("L1", "c2", "Put the text between quotes."): 1,
        ("L1", "c2", "Use a small letter at the start of the name."): 1,
    }
    assert result.exercises[c.MISTAKES].tolist() == [1, 2, 0, 0, 0]
    assert result.exercises.loc[("L1", "c2"), c.TOP_MISTAKE] == "Put the text between quotes."


def test_a_damaged_notebook_is_skipped(tmp_path):
    bad = tmp_path / "autograded" / "s9" / "L1" / "nb.ipynb"
    bad.parent.mkdir(parents=True)
    bad.write_text('{"cells": [{"outputs": [{"output_type": "error"')
    assert notebooks.mistakes(tmp_path / "autograded").empty
    assert notebooks.confidence_answers(tmp_path / "autograded").empty


def test_confidence_first_against_latest(built):
    _, _, result = built
    table = result.confidence
    assert list(table.index) == [("s1", "fix-error"), ("s1", "run-code"), ("s1", "write-program"), ("s2", "run-code")]
    assert table[c.FIRST].tolist() == [2, 2, 2, 4] and table[c.LATEST].tolist() == [4, 4, 4, 2]
    assert table[c.CHANGE].tolist() == [2, 2, 2, -2]
    cohort_table = result.cohort_confidence
    assert cohort_table.loc["run-code"].tolist() == [2, 3.0, 3.0, 0.0, 1, 1]
    assert cohort_table.loc["fix-error", c.CHANGE] == 2.0


def test_competences_profile(built):
    _, _, result = built
    table = result.competences
    s1, s2, s3 = (table.xs(s, level=c.STUDENT) for s in ("s1", "s2", "s3"))
    assert s1[c.EVIDENCED].all() and s1[c.LEVEL].tolist() == [1, 2, 1]
    assert list(s1.index) == ["1.1", "3.4", "5.4"] and s1.loc["3.4", c.TITLE] == "Programming"
    assert not s2[c.EVIDENCED].any() and s2[c.LEVEL].isna().all()
    assert s3.loc["3.4", c.SHOWN] == 1 and s3.loc["3.4", c.OUT_OF] == 2 and s3.loc["3.4", c.LEVEL] == 1
    assert s3.loc["5.4", c.OUT_OF] == 1 and not s3.loc["5.4", c.EVIDENCED]  # reflection not marked yet
    assert "s4" not in table.index.get_level_values(c.STUDENT)


def test_a_lesson_added_in_the_middle_of_the_course(tmp_path):
    """Adding L2 later adds its rows; learners who have not done it keep their percent."""
    db_url = f"sqlite:///{tmp_path / 'gradebook.db'}"
    with Gradebook(db_url) as gb:
        cohort.add_lesson_one(gb)
    before = build_tables(read_all(db_url, tmp_path), curriculum=cohort.CURRICULUM, rules=RULES, today=TODAY)
    with Gradebook(db_url) as gb:
        cohort.add_lesson_two(gb)
    after = build_tables(read_all(db_url, tmp_path), curriculum=cohort.CURRICULUM, rules=RULES, today=TODAY)
    assert before.progress[c.LESSONS].unique().tolist() == [1] and after.progress[c.LESSONS].unique().tolist() == [2]
    assert after.progress.loc["s3", c.PERCENT] == before.progress.loc["s3", c.PERCENT] == 33.3
    assert after.progress.loc["s3", c.SUBMITTED] == 1
    assert set(after.exercises.index) - set(before.exercises.index) == {("L2", "d1"), ("L2", "d2")}
    assert ("s1", "1.1") in after.competences.index and ("s1", "1.1") not in before.competences.index


def test_empty_cohort_gives_empty_tables(tmp_path):
    with Gradebook(f"sqlite:///{tmp_path / 'empty.db'}"):
        pass
    result = build_tables(read_all(f"sqlite:///{tmp_path / 'empty.db'}", tmp_path), curriculum=cohort.CURRICULUM,
                          rules=RULES, today=TODAY)
    for name in ("lessons", "progress", "exercises", "mistakes", "confidence", "cohort_confidence", "competences"):
        assert getattr(result, name).empty, name
    assert list(result.scores.columns) == read.SCORE_COLUMNS[2:]


def test_pseudonyms_are_stable_keyed_and_hide_the_id(tmp_path, built):
    _, inputs, _ = built
    key = load_key(tmp_path / "secret")
    assert load_key(tmp_path / "secret") == key
    assert (tmp_path / "secret").stat().st_mode & 0o077 == 0
    hidden = pseudonymise(inputs, key)
    names = set(hidden.scores[c.STUDENT]) | set(hidden.learners.index) | set(hidden.answers[c.STUDENT])
    assert len(names) == 4 and not names & {"s1", "s2", "s3", "s4"}
    assert pseudonym("s1", key) in names and set(hidden.learners[c.NAME]) == {""}
    assert pseudonym("s1", key) != pseudonym("s1", load_key(tmp_path / "other-secret"))


def test_the_last_confidence_output_in_a_notebook_wins(tmp_path):
    import nbformat
    from nbformat.v4 import new_notebook

    path = tmp_path / "submitted" / "s1" / "L1" / "nb.ipynb"
    path.parent.mkdir(parents=True)
    first = cohort.confidence_cell("lesson-end", "L1", {"run-code": 1})
    last = cohort.confidence_cell("lesson-end", "L1", {"run-code": 5})
    nbformat.write(new_notebook(cells=[first, last]), path)
    assert notebooks.confidence_answers(tmp_path / "submitted")[c.RATING].tolist() == [5]
    # the value saved as a JSON string (an older front end) is read through the slow path
    nb = nbformat.read(path, as_version=4)
    nb.cells[1].outputs[0].data[notebooks.CONFIDENCE_MIME] = '{"moment": "lesson-end", "answers": {"run-code": 4}}'
    nbformat.write(nb, path)
    assert notebooks.confidence_answers(tmp_path / "submitted")[c.RATING].tolist() == [4]
