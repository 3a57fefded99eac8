"""An answer the English text names must be named, translated, in the translated text: as a word, not inside one."""
import nbformat

from course.translate.compare import answers_not_shown


def lesson(text: str, answer: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell(text),
        nbformat.v4.new_code_cell(f'c.text("word", equals="{answer}")'),
    ])


def test_an_answer_inside_a_longer_word_is_not_counted_as_shown():
    """"prise" inside "surprise" is not the English text naming the answer: no translation has to show it."""
    english = lesson("What a surprise: Python cannot read it.", "prise")
    spanish = lesson("Qué sorpresa: Python no lo lee.", "prise")
    assert answers_not_shown(english, spanish) == []


def test_an_answer_named_in_english_but_not_in_the_translation_is_caught():
    """Negative control: the English names `prise`; a Spanish text that names it only inside a word is caught."""
    english = lesson("Type `prise` in the cell.", "prise")
    spanish = lesson("Qué sorpresa: escribe «surprise» en la celda.", "prise")
    assert answers_not_shown(english, spanish) == ["prise -> prise"]
