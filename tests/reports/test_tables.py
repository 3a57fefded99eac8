"""Report tables checked cell by cell against a small gradebook with known answers."""
from datetime import datetime

import pandas as pd
import pytest
from nbgrader.api import Gradebook

from course.reports import tables as t
from course.reports.build import pseudonymise
from course.reports.pseudonyms import load_key, pseudonym


@pytest.fixture
def gradebook(tmp_path):
    """Lesson L1: two autograded cells (1 and 2 points) and a manual answer (2 points); three learners."""
    with Gradebook(f"sqlite:///{tmp_path / 'gradebook.db'}") as gb:
        gb.add_assignment("L1", duedate=datetime(2026, 3, 1, 12, 0))
        gb.add_notebook("nb", "L1")
        gb.add_grade_cell("c1", "nb", "L1", max_score=1, cell_type="code")
        gb.add_grade_cell("c2", "nb", "L1", max_score=2, cell_type="code")
        gb.add_grade_cell("m1", "nb", "L1", max_score=2, cell_type="markdown")
        marks = {
            "s1": ({"c1": 1, "c2": 2}, 2, datetime(2026, 3, 1, 9, 0)),
            "s2": ({"c1": 0, "c2": 1}, None, datetime(2026, 3, 1, 10, 0)),
            "s3": ({"c1": 1, "c2": 0}, None, datetime(2026, 3, 2, 8, 0)),  # a day late
        }
        for student, (auto, manual, when) in marks.items():
            gb.add_student(student)
            gb.add_submission("L1", student, timestamp=when)
            for cell, score in auto.items():
                grade = gb.find_grade(cell, "nb", "L1", student)
                grade.auto_score, grade.needs_manual_grade = score, False
            reflection = gb.find_grade("m1", "nb", "L1", student)
            reflection.auto_score, reflection.needs_manual_grade = None, manual is None
            reflection.manual_score = manual
            gb.db.commit()
        yield gb


def test_scores_has_one_row_per_learner_and_cell(gradebook):
    rows = t.scores(gradebook)
    assert len(rows) == 9
    s1 = rows[rows[t.STUDENT] == "s1"].set_index(t.CELL)
    assert s1[t.SCORE].to_dict() == {"c1": 1.0, "c2": 2.0, "m1": 2.0}
    assert s1[t.AUTO].to_dict() == {"c1": True, "c2": True, "m1": False}
    s2 = rows[rows[t.STUDENT] == "s2"].set_index(t.CELL)
    assert s2.loc["m1", t.WAITING] and s2.loc["m1", t.SCORE] == 0


def test_lessons_table_matches_the_gradebook(gradebook):
    table = t.lessons(t.scores(gradebook))
    expected = pd.DataFrame(
        {
            t.SCORE: [5.0, 1.0, 1.0],
            t.MAX_SCORE: [5.0, 5.0, 5.0],
            t.PERCENT: [100.0, 20.0, 20.0],
            t.LATE: [False, False, True],
            t.WAITING: [0, 1, 1],
        },
        index=pd.MultiIndex.from_tuples([("s1", "L1"), ("s2", "L1"), ("s3", "L1")], names=[t.STUDENT, t.LESSON]),
    )
    pd.testing.assert_frame_equal(table, expected, check_dtype=False)
    for (student, lesson), row in table.iterrows():
        assert row[t.SCORE] == gradebook.find_submission(lesson, student).score


def test_exercises_table_counts_passes_of_autograded_cells_only(gradebook):
    table = t.exercises(t.scores(gradebook))
    assert list(table.index) == [("L1", "c1"), ("L1", "c2")]
    assert table.loc[("L1", "c1")].tolist() == [3, 2, 66.7]
    assert table.loc[("L1", "c2")].tolist() == [3, 1, 33.3]


def test_empty_cohort_gives_empty_tables(tmp_path):
    with Gradebook(f"sqlite:///{tmp_path / 'empty.db'}") as gb:
        rows = t.scores(gb)
    assert rows.empty and list(rows.columns) == t.SCORE_COLUMNS
    assert t.lessons(rows).empty and t.exercises(rows).empty


def test_pseudonyms_are_stable_keyed_and_hide_the_id(tmp_path, gradebook):
    key = load_key(tmp_path / "secret")
    assert load_key(tmp_path / "secret") == key
    assert (tmp_path / "secret").stat().st_mode & 0o077 == 0
    hidden = pseudonymise(t.scores(gradebook), key)
    names = set(hidden[t.STUDENT])
    assert len(names) == 3 and not names & {"s1", "s2", "s3"}
    assert pseudonym("s1", key) in names
    assert pseudonym("s1", key) != pseudonym("s1", load_key(tmp_path / "other-secret"))
