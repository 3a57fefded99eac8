"""A lesson's translation units (notebook and lesson-data.yml), and a lesson rebuilt from translations.

Every unit has a stable context, the id of its cell plus its place in the cell
(``cell-07:text:2``: the third markdown block of cell ``cell-07``), and names its cell.
String literals are the exception that keeps answers consistent: the same English string
is one unit in the whole lesson (its context is its first place), so "Goal reached" is
translated once, in the solution, the check and the hints alike.
"""
from __future__ import annotations

import copy
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import yaml

from course.translate.units import (
    STRING, TEXT, Piece, code_keys, code_pieces, has_words, is_learner_text, line_string_pieces, literal_is_sound,
    markdown_pieces, replace,
)

LESSON_DATA = "lesson-data.yml"
NOTES = {
    "text": "Markdown: keep `code`, **stars**, links and line breaks as they are.",
    "comment": "A comment in code.",
    "string": "Text in code, shown to the learner. Keep {fields} as they are. The same text is used "
              "everywhere in the lesson (answers and checks too).",
}


@dataclass
class Unit:
    """One thing to translate: a stable *context*, the English *text*, and where it is."""

    context: str
    text: str
    kind: str
    places: list[str] = field(default_factory=list)
    cells: list[int] = field(default_factory=list)

    @property
    def note(self) -> str:
        where = ", ".join(str(number) for number in self.cells)
        return (f"cell {where}. " if where else "") + NOTES[self.kind]


@dataclass
class Units:
    """The units of one lesson, in lesson order; strings are also found by their English text."""

    items: list[Unit] = field(default_factory=list)
    strings: dict[str, Unit] = field(default_factory=dict)

    def add(self, context: str, piece_kind: str, text: str, place: str, cell: int | None) -> None:
        if piece_kind == STRING and text in self.strings:
            unit = self.strings[text]
        else:
            unit = Unit(context, text, piece_kind)
            self.items.append(unit)
            if piece_kind == STRING:
                self.strings[text] = unit
        if place not in unit.places:
            unit.places.append(place)
        if cell is not None and cell not in unit.cells:
            unit.cells.append(cell)


def lesson_notebooks(folder: Path) -> list[Path]:
    """The lesson's notebooks, the one named after the folder first."""
    return sorted(folder.glob("*.ipynb"), key=lambda path: (path.stem != folder.name, path.name))


def cell_id(cell, number: int) -> str:
    return cell.get("id") or f"cell-{number}"


def cell_pieces(cell) -> list[Piece]:
    if cell.cell_type == "markdown":
        return markdown_pieces(cell.source)
    if cell.cell_type == "code":
        return code_pieces(cell.source)
    return []


def notebook_cells(folder: Path) -> Iterator[tuple[Path, nbformat.NotebookNode]]:
    for path in lesson_notebooks(folder):
        yield path, nbformat.read(path, as_version=4)


def lesson_keys(folder: Path) -> set[str]:
    """Texts some code cell of the lesson uses as a key (``table["median pay in euros"]``, ``{"town": ...}``).

    Such a text is a code word in the whole lesson, not only in that cell: the column a solution names in one
    cell is the column a check reads in another, so translating it in one place would break the other.
    """
    keys: set[str] = set()
    for _path, nb in notebook_cells(folder):
        for cell in nb.cells:
            if cell.cell_type == "code":
                keys |= code_keys(cell.source)
    return keys


def cell_places(folder: Path, path: Path, nb, keys: set[str] | None = None
                ) -> Iterator[tuple[int, object, str, list[tuple[Piece, str]]]]:
    """(number, cell, place, [(piece, context)]) for each cell; a second notebook's contexts start with its name.

    Strings in *keys* (see :func:`lesson_keys`) are code words: no piece.
    """
    prefix = "" if path.stem == folder.name else f"{path.stem}/"
    for number, cell in enumerate(nb.cells, start=1):
        counts: dict[str, int] = {}
        pieces = []
        for piece in cell_pieces(cell):
            if keys and piece.kind == STRING and piece.text in keys:
                continue
            position = counts[piece.kind] = counts.get(piece.kind, -1) + 1
            pieces.append((piece, f"{prefix}{cell_id(cell, number)}:{piece.kind}:{position}"))
        yield number, cell, f"{path.name}#{cell_id(cell, number)}", pieces


def extract(folder: Path) -> Units:
    """The translation units of the lesson in *folder*: its notebooks, then its lesson-data.yml."""
    units = Units()
    keys = lesson_keys(folder)
    for path, nb in notebook_cells(folder):
        for number, _cell, place, pieces in cell_places(folder, path, nb, keys):
            for piece, context in pieces:
                units.add(context, piece.kind, piece.text, place, number)
    for context, kind, text in data_texts(read_data(folder)):
        if kind == STRING and text in keys:
            continue
        units.add(context, kind, text, f"{LESSON_DATA}#{context.split(':')[2]}", None)
    return units


# --- lesson-data.yml --------------------------------------------------------------------------------

def read_data(folder: Path) -> dict:
    path = folder / LESSON_DATA
    if not path.is_file():
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def data_texts(data: dict) -> Iterator[tuple[str, str, str]]:
    """(context, kind, English text) of every learner text in lesson data."""
    for context, kind, text, _put in data_slots(data):
        yield context, kind, text


def data_slots(data: dict) -> Iterator[tuple[str, str, str, Callable[[str], None]]]:
    """Each learner text of lesson data, with a function that puts a translation in its place.

    predict: question and explanation are text; options (and an answer given as text) are strings,
    shared with the code, so that an option reads the same as the output it names.
    parsons: the explanation is text; the lines are code, whose string literals are translated.
    hints: each hint is text.
    """
    for name, question in _section(data, "predict"):
        yield from _fields(question, f"lesson-data:predict:{name}", ("question", "explanation"))
        options = question.get("options") if isinstance(question.get("options"), list) else []
        for index, option in enumerate(options):
            if isinstance(option, str) and has_words(option):
                yield f"lesson-data:predict:{name}:option:{index}", STRING, option, _setter(options, index)
        if isinstance(question.get("answer"), str) and has_words(question["answer"]):
            yield f"lesson-data:predict:{name}:answer", STRING, question["answer"], _setter(question, "answer")
    for name, puzzle in _section(data, "parsons"):
        lines = puzzle.get("lines") if isinstance(puzzle.get("lines"), list) else []
        yield from _fields(puzzle, f"lesson-data:parsons:{name}", ("explanation",))
        yield from _parsons_lines(lines, f"lesson-data:parsons:{name}")
    for name, hints in sorted((data.get("hints") or {}).items()) if isinstance(data.get("hints"), dict) else []:
        for index, hint in enumerate(hints if isinstance(hints, list) else []):
            if isinstance(hint, str) and has_words(hint):
                yield f"lesson-data:hints:{name}:{index}", TEXT, hint, _setter(hints, index)


def _section(data: dict, name: str) -> list[tuple[str, dict]]:
    """The items of one section that are mappings, by name (anything else is not ours to translate)."""
    section = data.get(name) if isinstance(data, dict) else None
    if not isinstance(section, dict):
        return []
    return [(str(key), value) for key, value in sorted(section.items(), key=lambda pair: str(pair[0]))
            if isinstance(value, dict)]


def _fields(mapping: dict, context: str, keys: tuple[str, ...]):
    for key in keys:
        if isinstance(mapping.get(key), str) and has_words(mapping[key]):
            yield f"{context}:{key}", TEXT, mapping[key], _setter(mapping, key)


def _parsons_lines(lines: list, context: str):
    for index, line in enumerate(lines):
        if not isinstance(line, str):
            continue
        # from the end of the line back, so that a replaced string leaves the others in place
        for position, piece in reversed(list(enumerate(line_string_pieces(line)))):
            def put(translation, index=index, piece=piece):
                lines[index] = replace(lines[index], [(piece, translation)])
            yield f"{context}:line:{index}:{position}", STRING, piece.text, put


def _setter(container, key) -> Callable[[str], None]:
    def put(value: str) -> None:
        container[key] = value
    return put


# --- a translated lesson --------------------------------------------------------------------------

@dataclass
class Translated:
    """A lesson in another language, and which units kept their English text."""

    notebooks: dict[str, nbformat.NotebookNode]
    data: dict
    english: set[str] = field(default_factory=set)  # contexts of units with no usable translation
    problems: list[str] = field(default_factory=list)


def translate_lesson(folder: Path, *, language: str, lookup: Callable[[Unit], str | None]) -> Translated:
    """The lesson in *folder* with every unit that *lookup* translates put in its place.

    A unit *lookup* has no translation for keeps its English text. Cell ids, metadata
    (grade_ids, points), cell order and types are those of the English lesson.
    """
    units = extract(folder)
    keys = lesson_keys(folder)
    by_context = {unit.context: unit for unit in units.items}
    result = Translated({}, copy.deepcopy(read_data(folder)))
    for path, nb in notebook_cells(folder):
        for _number, cell, _place, pieces in cell_places(folder, path, nb, keys):
            chosen = [(piece, _translation(units.strings[piece.text] if piece.kind == STRING else by_context[context],
                                           piece, lookup, result)) for piece, context in pieces]
            cell.source = replace(cell.source, chosen)
        nb.metadata.setdefault("codensocial", {})["language"] = language
        result.notebooks[path.name] = nb
    for context, kind, text, put in list(data_slots(result.data)):
        if kind == STRING and text in keys:
            continue
        unit = units.strings[text] if kind == STRING else by_context[context]
        put(_translation(unit, None, lookup, result))
    return result


def _translation(unit: Unit, piece: Piece | None, lookup, result: Translated) -> str:
    translation = lookup(unit)
    if not translation:
        result.english.add(unit.context)
        return unit.text
    if piece is not None and not literal_is_sound(piece, translation):
        result.english.add(unit.context)
        result.problems.append(f"{unit.context}: {translation}")
        return unit.text
    return translation


def translate_code(source: str, lookup: Callable[[str], str | None]) -> str:
    """*source*, code a learner might write, with each comment and string that *lookup* translates put in its place.

    *lookup* takes a piece's English text (a lesson's unit, say "Goal reached") and gives its
    translation, or None to keep the English. It carries code that is not in the lesson (a typical
    mistake) into the lesson's language; everything but the translated pieces stays as it is, and
    a translation that would not read back as the same literal (or f-string fields) is not used.
    """
    chosen = []
    for piece in code_pieces(source):
        translation = lookup(piece.text)
        if translation and literal_is_sound(piece, translation):
            chosen.append((piece, translation))
    return replace(source, chosen)


def write_translated(translated: Translated, *, source: Path, target: Path) -> Path:
    """The lesson folder *source* copied to *target*, with the translated notebook and lesson data."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    for name, nb in translated.notebooks.items():
        nbformat.write(nb, target / name)
    if translated.data:
        (target / LESSON_DATA).write_text(
            yaml.safe_dump(translated.data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    return target


__all__ = ["Unit", "Units", "extract", "translate_lesson", "translate_code", "write_translated", "is_learner_text", "LESSON_DATA"]
