"""A translated glossary keeps the English word beside its translation (learners meet the English words on the web)."""
import re

import nbformat
import pytest

from course.translate.catalog import lookup, read_po
from course.translate.lesson import lesson_notebooks, translate_lesson
from tests.helpers import REPO

GLOSSARY = re.compile(r"^#+\s")
ROW = re.compile(r"^\|(?P<term>[^|]+)\|")


def glossary_terms(source: str) -> list[str]:
    """The first column of each row of the glossary's table (the header and the |---| line left out)."""
    rows = [ROW.match(line) for line in source.splitlines()[1:]]
    terms = [row.group("term").strip() for row in rows if row]
    return [term for term in terms[1:] if not set(term) <= set("-: ")]


def glossaries(nb) -> list[str]:
    return [cell.source for cell in nb.cells if cell.cell_type == "markdown"
            and GLOSSARY.match(cell.source) and "|---|" in cell.source.replace(" ", "")]


# Keys are named as the country's keyboard labels them (Intro, Entrée), not by their English names.
KEYS = {"enter", "altgr", "shift", "esc", "tab", "ctrl", "space", "up", "down", "left", "right", "arrow", "arrows",
        "backspace", "delete", "key", "keys"}
SMALL = {"and", "the", "with", "for", "of", "a", "an", "or", "to", "in", "on"}


def english_words(term: str) -> set[str]:
    """The words of a glossary term a learner meets on the web (code in backticks, key names, small words left out)."""
    if "`" in term:  # code, with a note in brackets: "`+` (for strings)"
        term = re.sub(r"\([^)]*\)", " ", term)
    words = {word.lower() for word in re.findall(r"[A-Za-z]+", re.sub(r"`[^`]*`", " ", term))} - SMALL
    return set() if words <= KEYS else words - KEYS


def missing_english(english_nb, translated_nb) -> list[str]:
    missing = []
    for english, translated in zip(glossaries(english_nb), glossaries(translated_nb), strict=True):
        terms, rows = glossary_terms(english), glossary_terms(translated)
        assert len(terms) == len(rows), "the translated glossary has other rows than the English"
        for term, row in zip(terms, rows, strict=True):
            words = english_words(term)
            kept = {word.lower() for word in re.findall(r"[A-Za-z]+", row)}
            if words and not words & kept:
                missing.append(f"{term} -> {row}")
    return missing


def complete_catalogues():
    for po in sorted((REPO / "locale").glob("*/LC_MESSAGES/*.po")):
        folder = REPO / "source" / po.stem
        catalogue = read_po(po, language=po.parent.parent.name, project=po.stem)
        if folder.is_dir() and any(entry.msgstr for entry in catalogue):
            yield pytest.param(folder, po.parent.parent.name, catalogue, id=f"{po.stem}-{po.parent.parent.name}")


@pytest.mark.parametrize(("folder", "language", "catalogue"), list(complete_catalogues()))
def test_the_glossary_keeps_each_english_word(folder, language, catalogue):
    """Does each row of a translated glossary still show the English word of its row?"""
    result = translate_lesson(folder, language=language, lookup=lookup(catalogue))
    for path in lesson_notebooks(folder):
        assert missing_english(nbformat.read(path, as_version=4), result.notebooks[path.name]) == []


def test_a_glossary_that_drops_the_english_word_is_caught():
    """Negative control: a Spanish glossary row without the English word is listed."""
    english = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(
        "## Glossary\n\n| word | what it means |\n|---|---|\n| notebook | A document. |\n| `print` | Shows text. |\n"
        "| Enter | The key. |")])
    kept = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(
        "## Glosario\n\n| palabra | qué quiere decir |\n|---|---|\n| cuaderno (en inglés: *notebook*) | Un documento. |\n"
        "| `print` | Muestra texto. |\n| Intro | La tecla. |")])
    dropped = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(
        "## Glosario\n\n| palabra | qué quiere decir |\n|---|---|\n| cuaderno | Un documento. |\n| `print` | Muestra texto. |\n"
        "| Intro | La tecla. |")])
    assert missing_english(english, kept) == []
    assert missing_english(english, dropped) == ["notebook -> cuaderno"]
