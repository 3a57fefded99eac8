"""Data-rights commands given bad input: one line, exit 2, nothing changed."""
import pytest

from course import cli
from course.reports.pseudonyms import DIGITS, load_key, pseudonym
from tests.helpers import copy_course


@pytest.fixture
def course_here(tmp_path, monkeypatch):
    course = copy_course(tmp_path / "course")
    monkeypatch.chdir(course.root)
    return course


def tree(root):
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


@pytest.mark.parametrize("argv", [["learner", "erase", "nobody"], ["learner", "export", "nobody"],
                                  ["learner", "erase", "nobody", "--dry-run"], ["learner", "unhold", "nobody"]])
def test_unknown_learner_or_no_gradebook_is_one_line_and_changes_nothing(course_here, capsys, argv):
    """Does an unknown ID in a course with no gradebook get one line, exit 2, and leave the folder as it was?"""
    before = tree(course_here.root)
    assert cli.main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "nobody" in err
    assert tree(course_here.root) == before


def test_a_learner_on_hold_is_not_erased(course_here, capsys):
    """Does erase refuse, in one line naming the reason, a learner put on hold?"""
    assert cli.main(["learner", "hold", "s1", "--reason", "funder audit"]) == 0
    capsys.readouterr()
    before = tree(course_here.root)
    assert cli.main(["learner", "erase", "s1"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "funder audit" in err
    assert tree(course_here.root) == before
    assert cli.main(["learner", "unhold", "s1"]) == 0


def test_privacy_lists_every_place_in_the_cohort_language(course_here, capsys, monkeypatch):
    """Does `course privacy` name each place the kit keeps data, with why and how long, in Spanish too?"""
    assert cli.main(["privacy"]) == 0
    text = capsys.readouterr().out
    for place in ("submitted/<ID>/", "autograded/<ID>/", "feedback/", "exchange/", "gradebook-backups/",
                  "reports/", "exports/"):
        assert place in text
    monkeypatch.setenv("CODENSOCIAL_LANG", "es")
    from course import i18n
    i18n.set_language("es")
    try:
        assert cli.main(["privacy"]) == 0
        assert "Por qué" in capsys.readouterr().out
    finally:
        i18n.set_language("en")


def test_pseudonyms_are_long_enough_for_100000_learners(tmp_path):
    """Are pseudonyms 64 bits, so that 100,000 learners share one by chance less than once in a million?"""
    key = load_key(tmp_path / "secret")
    names = {pseudonym(f"learner{n}", key) for n in range(20000)}
    assert len(names) == 20000 and DIGITS * 4 >= 64
    assert (100_000 ** 2) / 2 ** (DIGITS * 4 + 1) < 1e-6
    assert pseudonym("a", key) == pseudonym("a", load_key(tmp_path / "secret"))
