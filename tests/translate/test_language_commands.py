"""`course release --language`, `course demo --language` and `course translate` forward to their functions."""
import nbformat
import pytest

from course.cli import main
from course.demo.run import demo, prepare
from course.translate.paths import lesson_source
from course.translate.workflow import release_course
from tests.translate.fixture import LESSON, fixture_course


@pytest.fixture
def course(tmp_path, monkeypatch):
    course = fixture_course(tmp_path / "course")
    monkeypatch.chdir(course.root)
    return course


def test_release_forwards_the_language(course, monkeypatch):
    """Does `course release LESSON --language es` forward the language?"""
    seen = {}

    def fake_release(assignment, *, course, publish, language):
        seen.update(assignment=assignment, language=language)
        return type("R", (), {"assignment": assignment, "release_dir": "release"})()

    monkeypatch.setattr("course.authoring.release.release", fake_release)
    assert main(["release", LESSON, "--language", "es"]) == 0
    assert seen == {"assignment": LESSON, "language": "es"}


def test_demo_forwards_the_language(course, monkeypatch):
    """Does `course demo --language es` forward the language?"""
    seen = {}
    monkeypatch.setattr("course.demo.run.demo", lambda *, course, language: seen.update(language=language))
    monkeypatch.setattr("course.demo.summary.print_demo_summary", lambda result: None)
    assert main(["demo", "--language", "es"]) == 0
    assert seen == {"language": "es"}


def test_an_english_course_releases_from_source_and_another_from_its_translated_copy(course):
    """Does an English release read source/, and a Spanish one build/es with Spanish stubs, leaving the course as it was?"""
    assert release_course(LESSON, language="en", course=course) is course
    spanish = release_course(LESSON, language="es", course=course)
    assert spanish.folder("source") == course.home / "build" / "es"
    assert (spanish.folder("source") / LESSON / f"{LESSON}.ipynb").is_file()
    assert spanish.config.ClearSolutions.text_stub == "Escribe tu respuesta aquí."
    assert course.folder("source") == course.home / "source"  # the course itself is unchanged


def test_the_demo_course_speaks_the_language_asked_for(tmp_path):
    """Does the demo course speak the language asked for?"""
    from course import i18n
    from tests.helpers import PILOT, copy_course

    try:
        demo_course = prepare(copy_course(tmp_path / "course"), language="es")
        assert demo_course.kit.language == "es" and i18n.current_language() == "es"
        assert lesson_source(demo_course, PILOT) == demo_course.folder("source") / PILOT  # not built yet
    finally:
        i18n.set_language("en")


@pytest.mark.slow
def test_the_whole_demo_runs_in_spanish(tmp_path):
    """Does `course demo --language es` run through, with the report and the check messages in Spanish?"""
    from course import i18n
    from tests.helpers import copy_course

    real = copy_course(tmp_path / "course")
    try:
        result = demo(course=real, language="es")
    finally:
        i18n.set_language("en")
    assert '<html lang="es">' in result.report.html.read_text(encoding="utf-8")
    assert "informe del curso" in result.report.html.read_text(encoding="utf-8")
    graded = list((result.course.folder("autograded")).rglob("*.ipynb"))
    assert any("Todavía no" in path.read_text(encoding="utf-8") for path in graded)
    released = list(result.course.folder("release").rglob("*.ipynb"))
    assert released and all(nbformat.read(path, as_version=4).metadata.codensocial.language == "es" for path in released)


@pytest.mark.parametrize("command", [["release", LESSON, "--language", "../../etc"], ["demo", "--language", "zz"],
                                     ["translate", "status", "--language", "zz"]])
def test_an_unknown_language_is_one_line_exit_2_nothing_written(course, capsys, command):
    """Is an unknown (or hostile) language one line and exit 2, with nothing written?"""
    before = sorted(path for path in course.root.rglob("*"))
    assert main(command) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "en, es, ro, bg, it, fr" in err[0]
    assert sorted(path for path in course.root.rglob("*")) == before
