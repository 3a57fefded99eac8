"""The translatable pieces of one cell, and how to put translated pieces back in their place.

A piece is found where it is and replaced where it was: nothing around it is rewritten, so
markdown keeps its line breaks and list markers, and code keeps every character that is not a
translated comment or string.

What is translated (docs/translation.md says why):

- markdown: each top-level block (paragraph, heading text, list item, table, quote, HTML block),
  found with markdown-it-py's line maps; fenced code stays as it is;
- code: comments (not nbgrader's ``### BEGIN SOLUTION`` markers), and string literals of two
  words or more (messages, hints, answers such as "Goal reached"); a one-word string is a code
  word (a variable or column name, a key, a place) and stays. Dictionary keys, subscripts and the
  lines of an inline ``parsons([...])`` are code and stay too. An f-string is one piece whose
  ``{...}`` fields the translator keeps as they are.
"""
from __future__ import annotations

import ast
import dataclasses
import io
import re
import tokenize
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial

from markdown_it import MarkdownIt

TEXT, COMMENT, STRING = "text", "comment", "string"

_MARKDOWN = MarkdownIt("commonmark").enable("table")
BLOCKS = ("paragraph_open", "heading_open", "table_open", "html_block", "blockquote_open")
LIST_ITEM = re.compile(r"^(\s*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$))")
ATX_HEADING = re.compile(r"^(\s{0,3}#{1,6}[ \t]+)")
COMMENT_MARK = re.compile(r"^#+[ \t]*")
LETTER = re.compile(r"[^\W\d_]")
WORD = re.compile(r"[^\W\d_]+")
TAG = re.compile(r"<[^>]+>")
NBGRADER_MARKER = re.compile(r"^(BEGIN|END) (SOLUTION|HIDDEN TESTS)\b")
LABEL = re.compile(r"[^\W\d_]{2,}:(\s|$)")  # "Name: " starts a line a learner reads
STRING_START = re.compile(r"^([rRuUbBfF]*)('''|\"\"\"|'|\")")
PARSONS_CALLS = {"parsons"}
# The self-checks' first argument names a variable (or a key of their namespace=): a code word.
NAMING_CALLS = {"variable", "call", "text", "number", "exercise"}
# A check's expected answer, and the parts of it that the same check also looks for.
ANSWER, ANSWER_PARTS = "equals", ("startswith", "contains")


@dataclass(frozen=True)
class Piece:
    """One translatable piece: its kind, the text a translator reads, and where it sits in the source.

    *start* and *end* are (line, column) positions, 0-based, in characters; *render* turns a
    translation into the text that replaces the span.
    """

    kind: str
    text: str
    start: tuple[int, int]
    end: tuple[int, int]
    render: Callable[[str], str] = field(compare=False, repr=False)


def has_words(text: str) -> bool:
    return bool(LETTER.search(TAG.sub("", text)))


def is_learner_text(text: str) -> bool:
    """Two words or more with a space between them (a sentence, an answer), or a label such as "Name: "."""
    if LABEL.search(text):
        return True
    return len(WORD.findall(text)) >= 2 and bool(re.search(r"[^\W\d_]\W*\s+\W*[^\W\d_]", text))


# --- markdown -------------------------------------------------------------------------------------

# A fenced block marked ```text shows what a program prints (a card, a message): a learner reads it, so it is
# translated like prose. Every other fenced block is code or data and stays as it is.
OUTPUT_FENCE = "text"


def markdown_pieces(source: str) -> list[Piece]:
    """The blocks of a markdown cell, each as the lines it spans (list markers and heading signs kept out)."""
    lines = source.split("\n")
    pieces = []
    for token in _MARKDOWN.parse(source):
        if not token.map or token.nesting == -1:
            continue
        if token.type == "list_item_open" and token.level == 1:
            piece = _block(lines, *token.map, LIST_ITEM)
        elif token.level == 0 and token.type in BLOCKS:
            piece = _block(lines, *token.map, ATX_HEADING if token.type == "heading_open" else None)
        elif token.level == 0 and token.type == "fence" and token.info.strip() == OUTPUT_FENCE:
            first, last = token.map  # the fence lines themselves stay as they are
            piece = _block(lines, first + 1, last - 1 if lines[last - 1].lstrip().startswith(token.markup) else last, None)
        else:
            continue
        if piece is not None and has_words(piece.text):
            pieces.append(piece)
    return pieces


def _block(lines: list[str], first: int, last: int, marker: re.Pattern | None) -> Piece | None:
    while last > first and not lines[last - 1].strip():
        last -= 1
    if last <= first:
        return None
    found = marker.match(lines[first]) if marker else None
    prefix = found.group(1) if found else ""
    indent = " " * len(prefix) if marker is LIST_ITEM else ""
    body = [lines[first][len(prefix):]] + [_dedent(line, len(indent)) for line in lines[first + 1:last]]

    def render(translation: str) -> str:
        out = translation.split("\n")
        return "\n".join([prefix + out[0]] + [indent + line if line.strip() else line for line in out[1:]])

    return Piece(TEXT, "\n".join(body), (first, 0), (last - 1, len(lines[last - 1])), render)


def _dedent(line: str, width: int) -> str:
    spaces = len(line) - len(line.lstrip(" "))
    return line[min(spaces, width):]


# --- code -----------------------------------------------------------------------------------------

def code_pieces(source: str) -> list[Piece]:
    """Comments and learner-facing strings of a code cell, in source order."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []  # a cell Python cannot read (an IPython magic, say) is left as it is
    lines = source.split("\n")
    pieces = list(comment_pieces(source)) + list(string_pieces(tree, lines))
    return sorted(pieces, key=lambda piece: piece.start)


def comment_pieces(source: str) -> Iterator[Piece]:
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError):
        return
    for token in tokens:
        if token.type != tokenize.COMMENT:
            continue
        mark = COMMENT_MARK.match(token.string).group(0)
        text = token.string[len(mark):].rstrip()
        if has_words(text) and not NBGRADER_MARKER.match(text) and not text.startswith(("noqa", "type:")):
            (row, col), end = token.start, token.end
            yield Piece(COMMENT, text, (row - 1, col), (end[0] - 1, end[1]),
                        lambda translation, mark=mark: mark + " ".join(translation.split("\n")))


def string_pieces(tree: ast.AST, lines: list[str]) -> Iterator[Piece]:
    parts = _answer_parts(tree)
    for node in _learner_strings(tree):
        start = (node.lineno - 1, _column(lines, node.lineno - 1, node.col_offset))
        end = (node.end_lineno - 1, _column(lines, node.end_lineno - 1, node.end_col_offset))
        written = _span(lines, start, end)
        quote = STRING_START.match(written)
        if quote is None:
            continue
        if isinstance(node, ast.JoinedStr):
            inner = written[len(quote.group(0)):len(written) - len(quote.group(2))]
            if is_learner_text(re.sub(r"\{[^{}]*\}", " ", inner)):
                yield Piece(STRING, inner, start, end, _kept(inner, written, partial(fstring_literal, quote=quote.group(2))))
        elif is_learner_text(node.value) or id(node) in parts:
            yield Piece(STRING, node.value, start, end, _kept(node.value, written, partial(string_literal, quote=quote.group(2))))


def _kept(original: str, written: str, render: Callable[[str], str]) -> Callable[[str], str]:
    """*render*, except that the English text is given back exactly as it was written."""
    return lambda text: written if text == original else render(text)


def code_keys(source: str) -> set[str]:
    """The texts a code cell uses as keys: dictionary keys and string subscripts (``jobs["pay"]``)."""
    try:
        return _keys(ast.parse(source))
    except (SyntaxError, ValueError):
        return set()


def _keys(tree: ast.AST) -> set[str]:
    keys = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            keys.update(key.value for key in node.keys if isinstance(key, ast.Constant) and isinstance(key.value, str))
        elif isinstance(node, ast.Subscript):
            keys.update(inner.value for inner in ast.walk(node.slice)
                        if isinstance(inner, ast.Constant) and isinstance(inner.value, str))
    return keys


def _learner_strings(tree: ast.AST) -> Iterator[ast.expr]:
    """String constants and f-strings, minus names and keys, subscripts, and inline Parsons lines.

    A text used as a key (a dictionary key, a subscript) anywhere in the cell is a key everywhere in it.
    """
    skip: set[int] = set()
    keys = _keys(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg == "name":
            skip.add(id(node.value))
        elif isinstance(node, ast.Call) and _called_name(node) in NAMING_CALLS and node.args:
            skip.add(id(node.args[0]))
        elif isinstance(node, ast.Subscript):
            skip.update(id(inner) for inner in ast.walk(node.slice))
        elif isinstance(node, ast.JoinedStr):
            skip.update(id(inner) for inner in ast.walk(node) if inner is not node)
        elif isinstance(node, ast.Call) and _called_name(node) in PARSONS_CALLS:
            for argument in [*node.args[:1], *(k.value for k in node.keywords if k.arg == "lines")]:
                skip.update(id(inner) for inner in ast.walk(argument))
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.JoinedStr) or (
                isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value not in keys):
            yield node


def _answer_parts(tree: ast.AST) -> set[int]:
    """Strings a check looks for inside its expected answer (``startswith="Good"`` of "Good morning").

    They are translated with the answer even when they are one word, or the check would expect an
    English start of a translated answer.
    """
    parts = set()
    for call in ast.walk(tree):
        if not isinstance(call, ast.Call):
            continue
        given = {keyword.arg: keyword.value for keyword in call.keywords}
        answer = given.get(ANSWER)
        if not (isinstance(answer, ast.Constant) and isinstance(answer.value, str) and is_learner_text(answer.value)):
            continue
        for name in ANSWER_PARTS:
            value = given.get(name)
            values = value.elts if isinstance(value, (ast.List, ast.Tuple)) else [value]
            parts.update(id(v) for v in values if isinstance(v, ast.Constant) and isinstance(v.value, str)
                         and v.value and v.value in answer.value)
    return parts


def _called_name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def line_string_pieces(line: str) -> list[Piece]:
    """The learner-facing strings of one line of code that may not parse alone (a Parsons line).

    A line that parses alone (``print(f"You have {left} euros left.")``) is read as code is, f-strings
    included; a line that does not (``if left < 0:``) by its tokens, plain strings only.
    """
    offset = len(line) - len(line.lstrip())
    try:
        tree = ast.parse(line.strip())
    except (SyntaxError, ValueError):
        tree = None
    if tree is not None:
        return [dataclasses.replace(piece, start=(0, piece.start[1] + offset), end=(0, piece.end[1] + offset))
                for piece in string_pieces(tree, [line.strip()])]
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(line.strip()).readline))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return []
    pieces = []
    for token in tokens:
        quote = STRING_START.match(token.string) if token.type == tokenize.STRING else None
        if quote is None or "f" in quote.group(1).lower() or "b" in quote.group(1).lower():
            continue
        try:
            value = ast.literal_eval(token.string)
        except (ValueError, SyntaxError):
            continue
        if is_learner_text(value):
            pieces.append(Piece(STRING, value, (0, token.start[1] + offset), (0, token.end[1] + offset),
                                _kept(value, token.string, partial(string_literal, quote=quote.group(2)))))
    return pieces


def _column(lines: list[str], row: int, byte_offset: int) -> int:
    """ast counts columns in UTF-8 bytes; the pieces count characters."""
    return len(lines[row].encode("utf-8")[:byte_offset].decode("utf-8", errors="ignore"))


def _span(lines: list[str], start: tuple[int, int], end: tuple[int, int]) -> str:
    if start[0] == end[0]:
        return lines[start[0]][start[1]:end[1]]
    middle = lines[start[0] + 1:end[0]]
    return "\n".join([lines[start[0]][start[1]:], *middle, lines[end[0]][:end[1]]])


# --- writing strings back -------------------------------------------------------------------------

def string_literal(text: str, *, quote: str) -> str:
    """A Python literal for *text*, in the original quotes where the text allows."""
    if len(quote) == 1 and quote in text and _other(quote) not in text:
        quote = _other(quote)
    body = text.replace("\\", "\\\\").replace(quote[0], "\\" + quote[0])
    if len(quote) == 1:
        body = body.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    return quote + body + quote


def fstring_literal(text: str, *, quote: str) -> str:
    """An f-string whose text is *text* as written in the source, fields included."""
    if len(quote) == 1 and quote in text:
        quote = _other(quote) if _other(quote) not in text else quote * 3
    return "f" + quote + text + quote


def _other(quote: str) -> str:
    return "'" if quote == '"' else '"'


def fields(fstring_source: str) -> Counter:
    """The code of an f-string's ``{...}`` fields, as a translation must keep them."""
    try:
        node = ast.parse(fstring_source, mode="eval").body
    except SyntaxError:
        return Counter({"<unreadable>": 1})
    if not isinstance(node, ast.JoinedStr):
        return Counter({"<not an f-string>": 1})
    return Counter(ast.dump(value) for value in node.values if isinstance(value, ast.FormattedValue))


def literal_is_sound(piece: Piece, translation: str) -> bool:
    """Does the translated literal read back as the translation (or keep the f-string's fields)?"""
    if piece.kind != STRING or translation == piece.text:
        return True
    written = piece.render(translation)
    if "f" in STRING_START.match(written).group(1).lower():
        return fields(written) == fields(piece.render(piece.text))
    try:
        return ast.literal_eval(written) == translation
    except (ValueError, SyntaxError):
        return False


def replace(source: str, pieces: list[tuple[Piece, str]]) -> str:
    """*source* with each piece's span replaced by its rendered translation."""
    lines = source.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    out = source
    for piece, translation in sorted(pieces, key=lambda pair: pair[0].start, reverse=True):
        begin = offsets[piece.start[0]] + piece.start[1]
        end = offsets[piece.end[0]] + piece.end[1]
        out = out[:begin] + piece.render(translation) + out[end:]
    return out
