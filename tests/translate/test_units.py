"""The pieces a translator gets from a cell, and the cell rebuilt from their translations."""
import ast

import pytest

from course.translate.units import (
    code_pieces, fields, is_learner_text, literal_is_sound, markdown_pieces, replace,
)

MARKDOWN = """# Numbers and decisions

By the end you can:

- do sums with numbers
- compare two numbers,
  and choose

| sign | what it does |
|---|---|
| `+` | add |

```python
print("this is code")
```
<details><summary>Answer</summary>
"""


def test_markdown_blocks_come_out_without_list_markers_or_heading_signs():
    """Does each block (heading, paragraph, list item, table) become one unit, code left out?"""
    texts = [piece.text for piece in markdown_pieces(MARKDOWN)]
    assert texts[:4] == ["Numbers and decisions", "By the end you can:", "do sums with numbers",
                         "compare two numbers,\nand choose"]
    assert texts[4].startswith("| sign | what it does |")
    assert not any("this is code" in text for text in texts)


def test_markdown_is_rebuilt_line_for_line():
    """Is the markdown intact (no reflow) with the English put back, and are markers kept with a translation?"""
    pieces = markdown_pieces(MARKDOWN)
    assert replace(MARKDOWN, [(piece, piece.text) for piece in pieces]) == MARKDOWN
    spanish = dict(zip([p.text for p in pieces[:4]], ["Números y decisiones", "Al final sabes:", "sumar números",
                                                       "comparar dos números,\ny elegir"]))
    out = replace(MARKDOWN, [(piece, spanish[piece.text]) for piece in pieces if piece.text in spanish])
    assert out.startswith("# Números y decisiones\n\nAl final sabes:\n\n- sumar números\n- comparar dos números,\n"
                          "  y elegir\n")
    assert '```python\nprint("this is code")\n```' in out


CODE = '''# Self-check for Exercise 1. Run this cell.
from course.learner import checks as c
c.text("the name of the column", equals="Goal reached", namespace={"the name of the column": x}, mistakes=[
    ("goal reached", "Start with a capital letter."),
])
jobs["pay column"] = 1
parsons(["print('two words here')", "x = 1"])
greeting = f"Hello {name}, welcome"
### BEGIN HIDDEN TESTS
c.text("city", equals="Sofia")
### END HIDDEN TESTS'''


def test_code_gives_comments_and_learner_strings_never_code_words():
    """Are names, keys, subscripts, Parsons lines and nbgrader markers left alone?"""
    texts = [(piece.kind, piece.text) for piece in code_pieces(CODE)]
    assert texts == [
        ("comment", "Self-check for Exercise 1. Run this cell."),
        ("string", "Goal reached"), ("string", "goal reached"), ("string", "Start with a capital letter."),
        ("string", "Hello {name}, welcome"),
    ]


def test_code_is_the_same_with_english_put_back_and_the_same_tree_with_a_translation():
    """Is a code cell unchanged with the English put back, and still Python with a translation full of quotes?"""
    pieces = code_pieces(CODE)
    assert replace(CODE, [(piece, piece.text) for piece in pieces]) == CODE
    out = replace(CODE, [(piece, piece.text.upper() + ' "quoted"') for piece in pieces if piece.kind == "string"])
    assert 'equals=\'GOAL REACHED "quoted"\'' in out
    assert ast.parse(out)


@pytest.mark.parametrize("text, expected", [("Goal reached", True), ("Sofia", False), ("m2-ex1", False),
                                            ("len(jobs)", False), ("x = 5", False), ("Hotel Mar", True)])
def test_learner_text_is_two_words_or_more(text, expected):
    """Which strings are learner text (two words or more) and which are code words?"""
    assert is_learner_text(text) is expected


def test_a_translation_that_breaks_an_f_string_is_refused():
    """Does a translation that drops or renames a {field} fall back instead of changing the code?"""
    piece = [p for p in code_pieces(CODE) if p.text.startswith("Hello")][0]
    assert literal_is_sound(piece, "Hola {name}, bienvenida")
    assert not literal_is_sound(piece, "Hola {nombre}, bienvenida")
    assert not literal_is_sound(piece, "Hola, bienvenida")
    assert fields('f"{a} and {b}"') == fields('f"{b} y {a}"')


def test_the_start_of_an_answer_is_translated_with_the_answer():
    """Is `startswith="Good"` of "Good morning" translated too, so a Spanish answer is not checked for an English start?"""
    source = 'c.text("greeting", startswith="Good", equals="Good morning")\nc.text("city", startswith="So", equals="Sofia")'
    assert [piece.text for piece in code_pieces(source)] == ["Good", "Good morning"]


@pytest.mark.parametrize("source, text", [('line = f"Name: {name}"', "Name: {name}"), ('label = "Town: "', "Town: ")])
def test_a_label_is_learner_text_even_in_one_word(source, text):
    """Is a one-word label such as "Name: " translated?"""
    assert [piece.text for piece in code_pieces(source)] == [text]


def test_a_text_fence_is_translated_and_other_fences_stay():
    """A ```text block shows what a program prints (translated, its fence lines kept); a plain ``` block is data."""
    from course.translate.units import markdown_pieces

    source = "Make this:\n\n```text\nName: Ioana\nTown: Plovdiv\n```\n\n```\ntown,pay\nSofia,1200\n```"
    pieces = markdown_pieces(source)
    assert [piece.text for piece in pieces] == ["Make this:", "Name: Ioana\nTown: Plovdiv"]
    lines = source.split("\n")
    card = pieces[1]
    assert (card.start[0], card.end[0]) == (3, 4) and lines[2] == "```text" and lines[5] == "```"


def test_a_parsons_line_with_an_f_string_is_translated():
    """A Parsons line that parses alone gives its f-string as a unit; a line that does not gives its plain strings."""
    from course.translate.units import line_string_pieces, replace

    line = '    print(f"You have {left} euros left.")'
    (piece,) = line_string_pieces(line)
    assert piece.text == "You have {left} euros left."
    assert replace(line, [(piece, "Te quedan {left} euros.")]) == '    print(f"Te quedan {left} euros.")'
    assert line_string_pieces("if left < 0:") == []
    assert [p.text for p in line_string_pieces('    print("Warning: spending is more than income.")')] == [
        "Warning: spending is more than income."]


def test_a_text_used_as_a_key_in_one_cell_is_a_code_word_in_every_cell(tmp_path):
    """The column a solution names in one cell and a check reads in another stays the same text everywhere."""
    import nbformat

    from course.translate.lesson import extract

    folder = tmp_path / "99-keys"
    folder.mkdir()
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell('table.columns = ["sector", "median pay in euros"]\nprint("Median pay per sector")'),
        nbformat.v4.new_code_cell('ok = table["median pay in euros"].is_monotonic_decreasing'),
    ])
    nbformat.write(nb, folder / "99-keys.ipynb")
    texts = {unit.text for unit in extract(folder).items}
    assert "median pay in euros" not in texts
    assert "Median pay per sector" in texts  # negative control: a text that is no key is still a unit
