"""Who is stuck, from the first lesson on; answers that wait for the trainer are never failures."""
import pandas as pd
import pytest
from nbgrader.api import Gradebook

from course import i18n
from course.reports import columns as c
from course.reports import html, notebooks, read
from course.reports.build import Inputs, build_tables
from course.reports.rules import Rules
from tests.reports import first_lesson

TODAY = pd.Timestamp(2026, 3, 3)


@pytest.fixture(scope="module")
def first_inputs(tmp_path_factory):
    """What the report reads after the first lesson (gradebook and autograded notebooks)."""
    folder = tmp_path_factory.mktemp("first")
    db_url = f"sqlite:///{folder / 'gradebook.db'}"
    first_lesson.build_gradebook(db_url)
    first_lesson.write_autograded(folder / "autograded")
    with Gradebook(db_url) as gb:
        return Inputs(read.scores(gb), read.learners(gb), read.lessons(gb), notebooks.confidence_answers(folder),
                      notebooks.mistakes(folder / "autograded"),
                      blank=notebooks.blank_lessons(folder / "autograded"))


@pytest.fixture(scope="module")
def built(first_inputs):
    return build_tables(first_inputs, curriculum=first_lesson.CURRICULUM, rules=Rules(min_learners=3), today=TODAY)


def test_after_one_lesson_the_learners_under_half_are_listed_with_the_reason(built):
    """Does the report find who is stuck after the first lesson, with a reason a trainer can read?"""
    progress = built.progress
    assert progress[progress[c.AT_RISK]].index.tolist() == ["blank", "low", "raises"]
    assert progress.loc["blank", c.REASONS] == "Handed in L1 with no answer written."
    assert progress.loc["raises", c.REASONS] == "Scored 0 in L1."
    assert progress.loc["low", c.REASONS] == "Under 50 percent in the only lesson so far (25 %)."
    assert progress.loc["half", c.REASONS] == "" and progress.loc["right", c.REASONS] == ""


def test_blank_means_every_answer_as_released(tmp_path):
    """Is a notebook with one written answer not blank, and one with none blank?"""
    first_lesson.write_autograded(tmp_path)
    assert notebooks.blank_lessons(tmp_path).values.tolist() == [["blank", "L1"]]


def test_answers_waiting_for_the_trainer_are_to_mark_not_too_hard(built):
    """Is a card that waits for the trainer (and nbgrader's automatic 0 for one left blank) never 'too hard'?"""
    card = built.exercises.loc[("L1", "card")]
    assert card[c.TO_MARK] == 4 and card[c.LEARNERS] == 0 and card[c.FLAGS] == ""
    assert pd.isna(card[c.PASS_RATE]) and not card[c.AUTO]
    assert built.exercises.loc[("L1", "a2"), c.FLAGS].startswith("too hard")  # the negative control


def test_the_call_table_comes_first_and_nothing_is_folded_away(built):
    """Is the 'who needs a call' table the first thing on the page, and does every table print (no <details>)?"""
    page = html.render(built, title="Report", pseudonymised=True, rules=Rules(), statements={})
    first_table = page.index("<table>")
    assert page.index("<h2>") < first_table < page.index("<h2>", page.index("<h2>") + 1)
    assert "Learners who may need a call, and why" in page[first_table:first_table + 200]
    assert "<details" not in page and "@media print" in page
    assert "3 learners may need a call." in page and "learner(s)" not in page and "(s)" not in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page


def test_plural_forms_follow_the_language():
    """Does ngettext pick the singular, the plural, and the Spanish forms?"""
    singular, plural = "{count} learner may need a call.", "{count} learners may need a call."
    assert i18n.ngettext(singular, plural, 1) == singular and i18n.ngettext(singular, plural, 2) == plural
    try:
        i18n.set_language("es")
        one = i18n.ngettext(singular, plural, 1)
        assert one.startswith("{count} ") and one != singular  # the Spanish singular
        assert i18n.ngettext(singular, plural, 3) != i18n.ngettext(singular, plural, 1)
    finally:
        i18n.set_language("en")


def test_a_passport_counts_a_lesson_done_only_when_half_of_its_checks_passed(first_inputs):
    """Is a blank or mostly failed lesson never 'done' in a passport, and is the rule said in words?"""
    from course.reports.passport import done_lessons, render

    done = done_lessons(first_inputs.scores)
    assert sorted(done.index.get_level_values(c.STUDENT)) == ["half", "right"]  # 4/4 and 3/4; not 1/4, 0/4, blank
    blank = render("blank", done.iloc[0:0], pd.DataFrame(columns=[c.EVIDENCED]), first_lesson.CURRICULUM)
    assert "No lesson done yet." in blank and "First words" not in blank and "hours of guided study" not in blank
    assert "at least half of its automatic checks" in blank
    assert "Content-Security-Policy" in blank


def test_two_renders_of_the_same_tables_are_the_same_page(built):
    """Are chart ids stable (not a counter), so a report can be compared with the one before?"""
    first = html.render(built, title="Report", pseudonymised=True, rules=Rules(), statements={})
    second = html.render(built, title="Report", pseudonymised=True, rules=Rules(), statements={})
    drop_date = lambda page: "\n".join(line for line in page.splitlines() if "Made on" not in line)  # noqa: E731
    assert drop_date(first) == drop_date(second) and 'id="c' in first
