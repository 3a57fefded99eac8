"""Every lesson checked, graded and explained in every lesson language, as in English (issue 13).

For each language of ``course.i18n.LESSON_LANGUAGES`` but English (slow tier), and for the
pseudo-language that runs today on every lesson (tests/translate/languages.py):

- the translated lesson passes `course check` (headings, alt text, links, plain language), with no
  part left in English;
- graded by the kit, in one batch per lesson and language, the translated solution scores full
  points and the blank release 0;
- every typical mistake of course/demo/mistakes/<lesson>.yml, carried into the language, loses
  points in its exercise and its check shows the message in that language, not in English.
  Mistakes of exercises that do not read each other's names share a notebook (`packed`): grading is
  the cost, and this grades a lesson's 20 mistakes as 4 or 5 notebooks.

The page of each translated lesson is read by axe-core in tests/e2e/test_lesson_a11y_languages.py.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from course.authoring.lint import check_lessons
from course.config import Course
from tests.lessons.grading import BLANK, SOLUTION, GradedLesson, Mistake, grade_lesson
from tests.lessons.lessons import LESSONS, autograded_answers, autograded_tests, read_lesson, same_words
from tests.translate.languages import (
    PSEUDO_CASE, PSEUDO_LESSONS, Case, carried, could_say, kit_messages, language_course, lesson_messages, lesson_po,
    longest_fixed_part, message_problems, mistakes_in, packed, pairs, pseudo,
)

CHECKED, GRADED = pairs(LESSONS), pairs(PSEUDO_LESSONS)


class LanguageCourses:
    """The module's courses, one per language, each built the first time a test asks for it.

    A lesson is released, handed in and graded in a language the first time a test asks for it
    (so `-k <lesson>` grades that lesson only); `course check` runs once per language.
    """

    def __init__(self, folder: Path):
        self.folder = folder
        self._courses: dict[Case, Course] = {}
        self._checked: dict[Case, tuple] = {}
        self._graded: dict[tuple[Case, str], GradedLesson] = {}
        self.overridden: dict[tuple[Case, str], list[str]] = {}

    def course(self, case: Case) -> Course:
        if case not in self._courses:
            self._courses[case] = language_course(self.folder / case.name, case)
        return self._courses[case]

    def checked(self, case: Case):
        """(lessons, findings) of `course check` over the course in the case's language."""
        if case not in self._checked:
            course = self.course(case)
            self._checked[case] = check_lessons(source=course.folder("source"), locale=course.root / "locale")
        return self._checked[case]

    def graded(self, case: Case, lesson: str) -> GradedLesson:
        if (case, lesson) not in self._graded:
            course = self.course(case)
            mistakes, self.overridden[case, lesson] = mistakes_in(course, lesson, case)
            self._graded[case, lesson] = grade_lesson(course, lesson, packed(mistakes, read_lesson(lesson)))
        return self._graded[case, lesson]

    def messages(self, case: Case, lesson: str) -> list[tuple[str, str]]:
        """(English, translation) of every unit of the lesson and every message of the kit, in the case's language."""
        return lesson_messages(lesson_po(self.course(case), lesson)) + kit_messages(case.language)


@pytest.fixture(scope="module")
def courses(tmp_path_factory) -> LanguageCourses:
    return LanguageCourses(tmp_path_factory.mktemp("languages"))


@pytest.mark.parametrize("case, lesson", CHECKED)
def test_the_translated_lesson_passes_course_check_with_nothing_left_in_english(courses, case, lesson):
    """Does the lesson in the language follow the checked rules (headings, alt and link text, plain language)?"""
    lessons, found = courses.checked(case)
    translated = [each.name for each in lessons if each.name.startswith(f"{lesson} ({case.language}")]
    assert translated == [f"{lesson} ({case.language})"], f"parts are still in English: {translated}"
    assert [str(finding) for finding in found if finding.lesson == translated[0]] == []


@pytest.mark.slow
@pytest.mark.parametrize("case, lesson", GRADED)
def test_every_submission_could_be_graded(courses, case, lesson):
    """Solution, blank and every typical mistake were graded in the language: none fell out of the batch."""
    result = courses.graded(case, lesson)
    assert [(o.student, o.reason) for o in result.summary.failed] == []
    assert len(result.summary.graded) == 2 + len({mistake.student for mistake in result.mistakes})


@pytest.mark.slow
@pytest.mark.parametrize("case, lesson", GRADED)
def test_the_translated_solution_scores_full_points(courses, case, lesson):
    """Does the lesson's own translated notebook, handed in as it is, get every automatic point, cell by cell?"""
    tests = autograded_tests(read_lesson(lesson))
    cells = courses.graded(case, lesson).scores[SOLUTION]
    short = {test: cells.get(test) for test in tests if test not in cells or cells[test][0] != cells[test][1]}
    assert tests and short == {}, f"{lesson} ({case.name}): the solution loses points (score, max): {short}"


@pytest.mark.slow
@pytest.mark.parametrize("case, lesson", GRADED)
def test_the_blank_translated_release_scores_zero(courses, case, lesson):
    """Negative control: the translated release as handed out earns nothing."""
    cells = courses.graded(case, lesson).scores[BLANK]
    earning = {name: score for name, (score, _) in cells.items() if score}
    assert cells and earning == {}, f"{lesson} ({case.name}): the blank release earns points in {earning}"


@pytest.mark.slow
@pytest.mark.parametrize("case, lesson", GRADED)
def test_each_typical_mistake_loses_points_and_the_check_says_why_in_the_language(courses, case, lesson):
    """Does each typical mistake, carried into the language, lose points, and does its check say why in that language?"""
    result = courses.graded(case, lesson)
    checked = autograded_answers(read_lesson(lesson))
    messages = courses.messages(case, lesson)
    problems = [problem for mistake in result.mistakes
                for problem in result.lost_points_problems(mistake, checked, own=True)
                + message_problems(mistake, result.shown(mistake, checked), messages)]
    print(f"{lesson} ({case.name}): overrides used: {courses.overridden[case, lesson] or 'none'}")
    assert result.mistakes and problems == [], "\n".join(problems)


@pytest.mark.slow
def test_a_check_message_left_in_english_is_caught(courses):
    """Negative control: a check that shows a lesson's message in English instead of the pseudo-language is caught."""
    lesson = PSEUDO_LESSONS[1]
    result = courses.graded(PSEUDO_CASE, lesson)
    checked = autograded_answers(read_lesson(lesson))
    messages = courses.messages(PSEUDO_CASE, lesson)
    lesson_units = lesson_messages(lesson_po(courses.course(PSEUDO_CASE), lesson))
    mistake, english, translation = next(
        (mistake, english, translation) for mistake in result.mistakes for english, translation in lesson_units
        if "{" not in english and english != translation and could_say(english, mistake.says))
    shown = result.shown(mistake, checked)
    assert message_problems(mistake, shown, messages) == []
    in_english = [same_words(text).replace(same_words(translation), same_words(english)) for text in shown]
    problems = message_problems(mistake, in_english, messages)
    assert len(problems) == 2 and "no check shows the translation" in problems[0] and "in English" in problems[1]


# --- the parts, without grading --------------------------------------------------------------------

def test_the_pseudo_language_keeps_code_fields_links_names_and_markers():
    """Is every vowel accented but in code, {fields}, link addresses, tags, escapes, names and words with a digit or _?"""
    assert pseudo("Goal reached: CUSTOMER SERVICE") == "Goal réáchéd: CÚSTÓMÉR SÉRVÍCÉ"
    assert pseudo("I ran `city = 'Sofia'` for {name!r}: see [the page](https://example.org/a) <br>\\n") == \
        "I rán `city = 'Sofia'` fór {name!r}: séé [thé págé](https://example.org/a) <br>\\n"
    assert pseudo("m1-ex2 (keep this line): full_name is 23.40 in Plovdiv, a NameError") == \
        "m1-ex2 (kéép thís líné): full_name ís 23.40 ín Plovdiv, á NameError"


@pytest.mark.parametrize("english, says, expected", [
    ("city has a space before or after Sofia. Take the space out.", "city has a space before or after Sofia", True),
    ("I ran your code again with other values: {given}. {message} ", "I ran your code again with other values: "
                                                                      "skill = 'first aid'.", True),
    ("`{name}` is {value}. That is not the number we expect yet.", "`trips` is 2.", True),
    ("`{name}` is {value}. That is not the number we expect yet.", "`trips` holds 2.", False),
    ("{name}: {value}", "anything at all", False),
    ("Put the letter f before the quotes.", "Check the small and capital letters", False),
])
def test_a_message_is_found_by_its_english_whatever_its_fields_hold(english, says, expected):
    """Could the words of a typical mistake come from this message (its {fields} filled in)?"""
    assert could_say(english, says) is expected


def test_the_message_check_wants_the_translation_and_not_the_english():
    """Negative control without grading: English words, or neither, are problems; the translation is not."""
    messages = [("`{name}` holds {value}. Check the small and capital letters: it should be {expected}.",
                 "`{name}` conține {value}. Verifică literele mici și mari: ar trebui să fie {expected}.")]
    mistake = Mistake("m", "ex1", 'goal = "goal reached"', "Check the small and capital letters")
    assert longest_fixed_part(messages[0][1]) == ". Verifică literele mici și mari: ar trebui să fie"
    assert message_problems(mistake, ["✗ `goal` conține 'g'. Verifică literele mici și mari: ar trebui să fie 'G'."],
                            messages) == []
    english = message_problems(mistake, ["✗ `goal` holds 'g'. Check the small and capital letters: it should be 'G'."],
                               messages)
    assert len(english) == 2
    assert len(message_problems(mistake, ["NameError: name 'goal' is not defined"], messages)) == 1
    python_own = Mistake("m", "ex1", "f(1)", "missing 1 required positional argument: 'end'")
    assert message_problems(python_own, ["TypeError: f() missing 1 required positional argument: 'end'"], messages) == []
    told = Mistake("m", "ex1", "x", "Check the small", says_here="Verifică literele")
    assert message_problems(told, ["Verifică literele mici"], messages) == []
    assert len(message_problems(told, ["Check the small letters"], messages)) == 1


def test_a_mistake_is_carried_into_the_language_or_taken_from_its_override(tmp_path, monkeypatch):
    """Is a mistake's code translated with the lesson's units, and are `code_<lang>`/`says_<lang>` used (and listed)?"""
    course = language_course(tmp_path / "course", PSEUDO_CASE, lessons=["01-first-words"])
    monkeypatch.setattr("tests.translate.languages.typical_mistakes", lambda lesson: {"ex5-card": [
        {"code": 'card = "Name: Ioana Popescu\\nTown: Plovdiv\\nSkill: customer service "', "says": "space"},
        {"code": "card = 1", "says": "a number", "code_ro": "card = 2", "says_ro": "un număr"},
    ]})
    carried, overridden = mistakes_in(course, "01-first-words", PSEUDO_CASE)
    assert [m.code for m in carried] == ['card = "Name: Ioana Popescu\\nTown: Plovdiv\\nSkill: cústómér sérvícé "',
                                         "card = 1"]
    assert overridden == [] and all(m.says_here is None for m in carried)
    told, overridden = mistakes_in(course, "01-first-words", Case("ro"))
    assert (told[1].code, told[1].says, told[1].says_here) == ("card = 2", "a number", "un număr")
    assert overridden == ["01-first-words ex5-card #2: code, says"]


def test_the_words_around_an_f_strings_fields_are_carried_with_them():
    """Does a mistake that only moves the fields (f"Name: {last} {first}") keep the lesson's translated words?"""
    lookup_text = carried({"Name: {first} {last}": "Nume: {first} {last}", "Goal reached.": "Meta alcanzada."})
    assert lookup_text("Name: {last} {first}") == "Nume: {last} {first}"
    assert lookup_text("Name: {first}{last}") == "Nume: {first}{last}"
    assert lookup_text("Goal reached") == "Meta alcanzada" and lookup_text("GOAL REACHED.") == "META ALCANZADA."
    assert lookup_text("Town: {town}") is None
