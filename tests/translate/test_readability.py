"""Plain language in every language: sentence length everywhere, and each language's reading-ease formula.

The figures of each small text are counted by hand in the test (words, syllables, letters, sentences).
"""
import shutil

import pytest
from nbformat.v4 import new_markdown_cell

from course.authoring.lint import check_lessons, check_readability, Lesson
from course.authoring.readability import readability, syllables
from tests.translate.fixture import LESSON, SPANISH_PO, write_lesson


def figures(text, language):
    return readability([new_markdown_cell(text)], language=language)


def test_spanish_fernandez_huerta_by_hand():
    # Mi(1) ca-sa(2) es(1) bo-ni-ta(3) = 7 syllables; Ten-go(2) un(1) pe-rro(2) = 5: 12 syllables, 7 words, 2 sentences
    """Does the Spanish score equal Fernández-Huerta computed by hand?"""
    found = figures("Mi casa es bonita. Tengo un perro.", "es")
    assert (found.words, len(found.sentences), sum(s.syllables for s in found.sentences)) == (7, 2, 12)
    assert found.score.name == "Fernández-Huerta"
    assert found.score.formula(found) == pytest.approx(206.84 - 60 * 12 / 7 - 1.02 * 7 / 2)


def test_italian_gulpease_counts_letters_by_hand():
    # Il gatto dorme: 2 + 5 + 5 = 12 letters; La casa è grande: 2 + 4 + 1 + 6 = 13; 7 words, 2 sentences
    """Does the Italian score equal Gulpease computed by hand (letters, not syllables)?"""
    found = figures("Il gatto dorme. La casa è grande.", "it")
    assert found.score.name == "Gulpease"
    assert found.score.formula(found) == pytest.approx(89 + (300 * 2 - 10 * 25) / 7)  # 139


def test_french_kandel_moles_by_hand():
    # Le chat dort (3 words, 3 syllables). Il fait beau (3, 3). La mai-son est pe-tite (4, 6): 10 words, 12 syllables
    """Does the French score equal Kandel-Moles computed by hand?"""
    found = figures("Le chat dort. Il fait beau. La maison est petite.", "fr")
    assert found.score.name == "Kandel-Moles"
    assert found.score.formula(found) == pytest.approx(207 - 1.015 * 10 / 3 - 73.6 * 12 / 10)


def test_romanian_and_bulgarian_have_sentence_length_only():
    # A-na(2) a-re(2) me-re(2); про-гра-ма(3)
    """Are Romanian and Bulgarian syllables counted, with no reading-ease score claimed?"""
    assert figures("Ana are mere.", "ro").sentences[0].syllables == 6 and syllables("програма", "bg") == 3
    assert figures("Ana are mere.", "ro").score is None and figures("Ана има ябълки.", "bg").score is None


def lesson(text, language):
    nb = {"cells": [new_markdown_cell(text)], "metadata": {"codensocial": {"language": language}}}
    from nbformat import from_dict
    return Lesson("L", None, from_dict(nb))


@pytest.mark.parametrize("language", ["es", "it", "fr", "ro", "bg"])
def test_a_long_average_sentence_is_found_in_every_language(language):
    """Is an average sentence over 15 words found in every language, and a short text let through?"""
    words = " ".join(["palabra"] * 18) + "."
    messages = [finding.message for finding in check_readability(lesson(words, language))]
    assert any("18.0" in message for message in messages)
    assert [f.message for f in check_readability(lesson("Una frase corta. Otra frase.", language))] == []


def test_a_hard_spanish_text_falls_under_60():
    """Does a text of long Spanish words fail Fernández-Huerta 60?"""
    hard = ("Extraordinariamente, la administración internacional considera imprescindible "
            "la reorganización institucional.")
    messages = [finding.message for finding in check_readability(lesson(hard, "es"))]
    assert any("Fernández-Huerta" in message for message in messages)


def test_course_check_reads_the_translations_from_their_po_files(tmp_path):
    """Does `course check` build each lesson in each language with a PO file and check its plain language?"""
    write_lesson(tmp_path / "source")
    po = tmp_path / "locale" / "es" / "LC_MESSAGES" / f"{LESSON}.po"
    po.parent.mkdir(parents=True)
    shutil.copy(SPANISH_PO, po)
    text = po.read_text(encoding="utf-8").replace(
        '"Devuelve un saludo con el nombre."', '"' + " ".join(["palabra"] * 30) + '."')
    po.write_text(text, encoding="utf-8")
    lessons, found = check_lessons(source=tmp_path / "source")
    spanish_name = f"{LESSON} (es, 1 part still in English)"  # the one unit the PO leaves out
    assert [lesson.name for lesson in lessons] == [LESSON, spanish_name]
    spanish = [f.message for f in found if f.lesson == spanish_name]
    assert any("30 words" in message for message in spanish)
