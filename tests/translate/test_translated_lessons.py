"""A translated lesson is graded exactly like the English one, and keeps English only where status says so."""
import nbformat
import pytest

from course.authoring.html import lesson_html
from course.i18n import LESSON_LANGUAGES
from course.translate.catalog import count, entries, lookup, read_po, usable
from course.translate.compare import answers, answers_not_shown, differences
from course.translate.lesson import extract, lesson_notebooks, translate_code, translate_lesson
from tests.helpers import REPO
from tests.translate.fixture import LESSON, SPANISH_PO, cell, write_lesson


def repository_catalogues():
    """(source folder, language, PO path) of every lesson of the repository that has a PO file."""
    found = []
    for po in sorted((REPO / "locale").glob("*/LC_MESSAGES/*.po")):
        folder = REPO / "source" / po.stem
        if folder.is_dir():
            found.append(pytest.param((folder, po.parent.parent.name, po), id=f"{po.stem}-{po.parent.parent.name}"))
    return found


@pytest.fixture(scope="module")
def fixture_lesson(tmp_path_factory):
    return write_lesson(tmp_path_factory.mktemp("source")), "es", SPANISH_PO


CASES = ["fixture", *repository_catalogues()]


@pytest.fixture(params=CASES)
def case(request, fixture_lesson):
    return fixture_lesson if request.param == "fixture" else request.param


def translated(folder, language, po_file):
    po = read_po(po_file, language=language, project=folder.name)
    return translate_lesson(folder, language=language, lookup=lookup(po)), po


def test_grading_sees_the_same_lesson_in_every_language(case):
    """Does grading see the same lesson in every language (cells, types, ids, grade_ids, points, code trees with strings masked)?"""
    folder, language, po_file = case
    result, _po = translated(folder, language, po_file)
    assert result.problems == []
    for path in lesson_notebooks(folder):
        assert differences(nbformat.read(path, as_version=4), result.notebooks[path.name]) == []


def test_english_is_left_exactly_where_status_says_a_unit_is_not_translated(case):
    """Does a release keep English exactly where `course translate status` counts a unit as missing or fuzzy?"""
    folder, language, po_file = case
    result, po = translated(folder, language, po_file)
    units = extract(folder)
    found = entries(po)
    not_done = {unit.context for unit in units.items if not usable(found.get(unit.context), unit)}
    assert result.english == not_done
    counts = count(units, po, lesson=folder.name, language=language)
    assert len(result.english) == counts.missing + counts.fuzzy


def test_the_tiny_lesson_reads_in_spanish_with_one_paragraph_left_in_english(fixture_lesson):
    """Is the tiny lesson Spanish everywhere (prose, answers, f-string, lesson data) but the one paragraph with no translation?"""
    folder, language, po_file = fixture_lesson
    result, _po = translated(folder, language, po_file)
    nb = result.notebooks[f"{LESSON}.ipynb"]
    assert result.english == {"end:text:0"}
    assert cell(nb, "intro").source.startswith("# Saludar\n\nAl final sabes:\n\n- guardar un texto en una variable\n")
    assert 'equals="Meta alcanzada"' in cell(nb, "ex1-check").source and "Goal reached" not in cell(nb, "ex1-check").source
    assert 'return f"Hola, {name}, bienvenida de nuevo"' in cell(nb, "ex2").source
    assert nb.cells[-1].source == "Well done. You can stop here."
    assert nb.metadata.codensocial.language == "es"
    data = result.data
    assert data["predict"]["hello-predict"]["options"] == ["Meta alcanzada", "Un mensaje de error", "42"]
    assert data["parsons"]["hello-parsons"]["lines"] == ["goal = 'Meta alcanzada'", "print(goal)"]
    assert data["hints"]["hello-ex1"][0].startswith("Escribe el nombre")


def test_a_learner_is_never_told_to_type_an_english_answer(case):
    """Is every answer the English text shows also shown, translated, in the translated text?"""
    folder, language, po_file = case
    result, _po = translated(folder, language, po_file)
    for path in lesson_notebooks(folder):
        assert answers_not_shown(nbformat.read(path, as_version=4), result.notebooks[path.name]) == []


def test_an_answer_the_prose_keeps_in_english_is_caught(fixture_lesson):
    """Negative control: is a text that still says "Goal reached" while the check expects "Meta alcanzada" caught?"""
    folder, language, po_file = fixture_lesson
    result, _po = translated(folder, language, po_file)
    english = nbformat.read(folder / f"{LESSON}.ipynb", as_version=4)
    spanish = result.notebooks[f"{LESSON}.ipynb"]
    assert answers(cell(spanish, "ex1-check").source) == ["Meta alcanzada", "Meta alcanzada"]
    cell(spanish, "ex1-text").source = cell(spanish, "ex1-text").source.replace("Meta alcanzada", "Goal reached")
    assert answers_not_shown(english, spanish) == ["Goal reached -> Meta alcanzada"] * 2


@pytest.mark.parametrize("language", [language for language in LESSON_LANGUAGES if language != "en"])
def test_every_offered_lesson_language_is_complete(language):
    """CI: is every unit of every lesson translated in each language offered for lessons (course.i18n.LESSON_LANGUAGES)?"""
    from course.config import load_course
    from course.translate.workflow import status

    incomplete = [c for c in status(course=load_course(REPO), languages=[language]) if not c.complete]
    assert incomplete == []


def test_a_change_to_the_code_is_caught(fixture_lesson):
    """Negative control: is a renamed variable, a changed field or changed points caught, and a new text not?"""
    folder, language, po_file = fixture_lesson
    english = nbformat.read(folder / f"{LESSON}.ipynb", as_version=4)
    for change in (lambda nb: setattr(cell(nb, "ex1"), "source", cell(nb, "ex1").source.replace("goal =", "meta =")),
                   lambda nb: cell(nb, "ex1-check").metadata.nbgrader.update(points=5),
                   lambda nb: setattr(cell(nb, "ex2"), "source", cell(nb, "ex2").source.replace("{name}", "{name.upper()}"))):
        changed = nbformat.reads(nbformat.writes(english), as_version=4)
        change(changed)
        assert differences(english, changed) != []
    same = nbformat.reads(nbformat.writes(english), as_version=4)
    cell(same, "ex1-check").source = cell(same, "ex1-check").source.replace("Goal reached", "Meta alcanzada").replace("# Self", "# Auto")
    assert differences(english, same) == []


@pytest.mark.slow
def test_the_translated_page_says_its_language(tmp_path, fixture_lesson):
    """Does the rendered learner page carry <html lang="es"> (screen readers pick their voice from it)?"""
    folder, language, po_file = fixture_lesson
    result, _po = translated(folder, language, po_file)
    path = tmp_path / f"{LESSON}.ipynb"
    nbformat.write(result.notebooks[path.name], path)
    assert '<html lang="es">' in lesson_html(path)


REAL_LESSONS = sorted(path.parent.name for path in (REPO / "source").glob("*/*.ipynb") if path.stem == path.parent.name)


@pytest.mark.parametrize("lesson", REAL_LESSONS)
def test_every_lesson_survives_translation(lesson):
    """Does a translation of every unit (quotes and a backslash in it) leave every lesson graded the same?

    Only an f-string may refuse such a translation (a backslash before its closing quote); it then keeps its English.
    """
    folder = REPO / "source" / lesson
    marked = translate_lesson(folder, language="xx", lookup=lambda unit: "«" + unit.text + "» 'x\" \\")
    for path in lesson_notebooks(folder):
        assert differences(nbformat.read(path, as_version=4), marked.notebooks[path.name]) == []
    assert all("{" in problem for problem in marked.problems)


def test_code_a_learner_writes_is_carried_into_the_language():
    """Does translate_code put the lesson's translations in a learner's strings and comments, and change nothing else?"""
    spanish = {"Goal reached": "Meta alcanzada", "Town: {town}": "Ciudad: {town}",
               "m1-ex3 (keep this line)": "m1-ex3 (deja esta línea)"}.get
    source = ('# m1-ex3 (keep this line)\ngoal = "Goal reached"\ntown_line = "Town: {town}"\n'
              'line = f"Town: {town}"\nprint("city")\nother = "Not a unit here"')
    assert translate_code(source, spanish) == (
        '# m1-ex3 (deja esta línea)\ngoal = "Meta alcanzada"\ntown_line = "Ciudad: {town}"\n'
        'line = f"Ciudad: {town}"\nprint("city")\nother = "Not a unit here"')
    assert translate_code('x = f"Town: {town}"', {"Town: {town}": "Ciudad: {ciudad}"}.get) == 'x = f"Town: {town}"'
    assert translate_code("favourite number = 7", spanish) == "favourite number = 7"  # not Python: left as it is
