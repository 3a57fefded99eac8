"""Is a translated lesson graded exactly like the English one?

Same cells in the same order, same types, same nbgrader metadata (grade_ids, points), and
code that differs only in string literals and comments: the code of each cell is compared as
an abstract syntax tree with every string constant masked (comments are not in the tree).
An f-string keeps its fields, in any order, since a sentence may put them elsewhere.
"""
from __future__ import annotations

import ast
import re

import nbformat

from course.i18n import _

MASK = "<text>"


class _Masked(ast.NodeTransformer):
    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        if isinstance(node.value, str):
            return ast.copy_location(ast.Constant(MASK), node)
        return node

    def visit_JoinedStr(self, node: ast.JoinedStr) -> ast.AST:
        fields = sorted((value for value in node.values if isinstance(value, ast.FormattedValue)), key=ast.dump)
        return ast.copy_location(ast.JoinedStr(values=[self.visit(value) for value in fields]), node)


def masked_code(source: str) -> str:
    """The cell's code as a tree dump with every string masked ("" when it is not Python)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return source  # not Python (a magic): it must then be the very same text
    return ast.dump(_Masked().visit(tree), include_attributes=False)


def differences(english: nbformat.NotebookNode, translated: nbformat.NotebookNode) -> list[str]:
    """What a translation changed that grading can see; an empty list when it changed none of it."""
    found = []
    if len(english.cells) != len(translated.cells):
        return [_("the English lesson has {english} cells, the translation {translated}").format(
            english=len(english.cells), translated=len(translated.cells))]
    for number, (ours, theirs) in enumerate(zip(english.cells, translated.cells), start=1):
        if ours.cell_type != theirs.cell_type or ours.get("id") != theirs.get("id"):
            found.append(_("cell {number} is not the same kind of cell, or has another id").format(number=number))
        if ours.metadata.get("nbgrader") != theirs.metadata.get("nbgrader"):
            found.append(_("cell {number} has other grading settings (grade_id, points)").format(number=number))
        if ours.cell_type == "code" and masked_code(ours.source) != masked_code(theirs.source):
            found.append(_("cell {number}: the code differs in more than its text").format(number=number))
    return found


def answers(source: str) -> list[str]:
    """The texts a check expects (``equals=``, ``startswith=`` and ``contains=`` of the self-checks)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg in ("equals", "startswith", "contains"):
            values = node.value.elts if isinstance(node.value, (ast.List, ast.Tuple)) else [node.value]
            found += [value.value for value in values if isinstance(value, ast.Constant) and isinstance(value.value, str)]
    return found


def answers_not_shown(english: nbformat.NotebookNode, translated: nbformat.NotebookNode) -> list[str]:
    """Answers the English prose shows but the translated prose does not show in their translated form.

    A learner must never be told to type a word they were not shown: when the English lesson's text
    names an expected answer, the translated text names the translated answer.
    """
    def prose(nb):
        return "\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")

    english_prose, translated_prose = prose(english), prose(translated)
    missing = []
    for ours, theirs in zip(english.cells, translated.cells):
        if ours.cell_type != "code":
            continue
        for answer, translation in zip(answers(ours.source), answers(theirs.source)):
            if _shows(english_prose, answer) and not _shows(translated_prose, translation):
                missing.append(f"{answer} -> {translation}")
    return missing


def _shows(prose: str, answer: str) -> bool:
    """Does *prose* name *answer* on its own (not "prise" inside "surprise")?"""
    start, end = (r"(?<!\w)" if answer[:1].isalnum() else ""), (r"(?!\w)" if answer[-1:].isalnum() else "")
    return re.search(start + re.escape(answer) + end, prose) is not None
