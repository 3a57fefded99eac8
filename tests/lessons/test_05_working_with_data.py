"""Lesson 05-working-with-data: its data sets are small, honest about where they come from, and travel with it."""
import csv

import nbformat
import pytest

from course.authoring.release import release
from course.grading.autograde import grade
from tests.helpers import REPO, copy_course, right_answers, submit, total_score

LESSON = "05-working-with-data"
FOLDER = REPO / "source" / LESSON
DATA = ("jobs.csv", "poverty.csv")
AUTOGRADED_POINTS = 15  # the 9 exercises' self-checks; 4 more points are the trainer's


def read_rows(name):
    with open(FOLDER / name, newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def markdown_of_lesson():
    nb = nbformat.read(FOLDER / f"{LESSON}.ipynb", as_version=4)
    return "\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")


@pytest.mark.parametrize("name", DATA)
def test_each_data_file_is_well_under_one_megabyte(name):
    assert (FOLDER / name).stat().st_size < 1_000_000


def test_jobs_table_is_small_enough_to_read_on_a_screen():
    """A header row, under 10 columns, 40-80 rows, every row complete in shape."""
    header, *rows = read_rows("jobs.csv")
    assert header == ["town", "country", "sector", "job", "hours", "pay", "english", "remote"]
    assert 40 <= len(rows) <= 80
    assert all(len(row) == len(header) for row in rows)
    assert {row[1] for row in rows} == {"Spain", "Romania", "Bulgaria", "Italy", "France"}


def test_the_lesson_says_the_jobs_are_made_up():
    text = markdown_of_lesson()
    assert "**The data in `jobs.csv` is made up.**" in text
    assert "made up" in (FOLDER / "README.md").read_text(encoding="utf-8").split("poverty.csv")[0]


def test_the_real_figures_cite_eurostat_and_say_what_they_are_not():
    """The poverty figures name Eurostat's at-risk-of-poverty rate (ilc_li02, 2015) and how it differs from AROPE."""
    header, *rows = read_rows("poverty.csv")
    assert header == ["country", "at_risk_percent", "year"]
    assert {row[0]: row[1] for row in rows} == {"Romania": "25.4", "Spain": "22.1", "Bulgaria": "22.1", "Italy": "19.9"}
    assert {row[2] for row in rows} == {"2015"}
    for text in (markdown_of_lesson(), (FOLDER / "README.md").read_text(encoding="utf-8")):
        assert "Eurostat" in text and "ilc_li02" in text and "2015" in text
        assert "AROPE" in text and "at-risk-of-poverty-or-social-exclusion rate" in text


def test_the_lesson_says_pay_is_gross_and_what_a_mean_does_not_show():
    """Is `pay` gross monthly pay in euros (made up), and does the lesson teach the median instead of
    "most jobs" from a mean, and say that IT is tied?"""
    text = markdown_of_lesson()
    assert "gross pay in a month (before tax), in euros" in text
    assert "So most jobs in the table are near full time" not in text
    assert ".median()" in text and "It does not tell you what most jobs are like" in text
    assert "gross monthly pay in euros" in (FOLDER / "README.md").read_text(encoding="utf-8")
    nb = nbformat.read(FOLDER / f"{LESSON}.ipynb", as_version=4)
    checks = "\n".join(cell.source for cell in nb.cells if cell.cell_type == "code")
    assert "IT comes second" not in checks and "tied in second place" in checks


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """The lesson released, and the right answers handed in with the data tampered with
    (jobs.csv cut to 5 rows, poverty.csv deleted), graded."""
    course = copy_course(tmp_path_factory.mktemp("m5") / "course")
    release(LESSON, course=course)
    right = right_answers(course, LESSON)
    tampered = submit(course, "tampered", right, lesson=LESSON).parent
    lines = (tampered / "jobs.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (tampered / "jobs.csv").write_text("".join(lines[:6]), encoding="utf-8")
    (tampered / "poverty.csv").unlink()
    rounded = right["m5-ex3-pay"].replace('jobs["pay"].mean()', 'round(jobs["pay"].mean(), 2)')
    assert rounded != right["m5-ex3-pay"]
    submit(course, "rounded", dict(right, **{"m5-ex3-pay": rounded}), lesson=LESSON)
    assert not grade(LESSON, course=course, workers=2).failed
    return course


@pytest.mark.slow
def test_the_release_carries_the_data_files(graded):
    released = graded.folder("release") / LESSON
    for name in (*DATA, "README.md"):
        assert (released / name).read_bytes() == (FOLDER / name).read_bytes()


@pytest.mark.slow
def test_grading_uses_the_courses_own_data_not_the_learners_copy(graded):
    """A learner who changed or deleted a data file is graded on the course's copy (nbgrader puts it back)."""
    assert total_score(graded, "tampered", LESSON)[0] == AUTOGRADED_POINTS


@pytest.mark.slow
def test_an_average_rounded_to_cents_earns_full_points(graded):
    """Money rounded to cents (round(..., 2)) is a right answer for the average pay."""
    assert total_score(graded, "rounded", LESSON)[0] == AUTOGRADED_POINTS


def test_source_folder_has_only_the_notebook_and_its_data():
    """Nothing generated (outputs, checkpoints) sits beside the lesson."""
    names = sorted(p.name for p in FOLDER.iterdir())
    assert names == sorted([f"{LESSON}.ipynb", "README.md", "lesson-data.yml", *DATA])
