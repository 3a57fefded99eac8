"""Every output a grading keeps is capped, and so is the executed notebook as a whole.

The execute step already caps a cell's printed output while it arrives, but it must keep
every error and every result (they decide nbgrader's score). Those are cut here: the
score depends only on *whether* a cell has an error, never on how long its message is,
so the kept output is trimmed to a size a person can read, and says it was cut. Then the
notebook as a whole is held under a size (the feedback page is made from it): the cells
with the most output lose it first, an error always stays (shortened).
"""
from __future__ import annotations

import json

from nbformat.notebooknode import NotebookNode
from traitlets import Integer

from course.grading.execute import GuardedExecute
from course.i18n import _

# Errors and results are kept whatever their size by the execute step; pictures and printed text
# are capped per cell there already (a chart is a picture, and must stay whole).
TRIMMED_TYPES = ("error", "execute_result")
LONGEST_ERROR_NAME = 200


def cut_note(limit: int) -> str:
    """The line a learner and a trainer read where an output was cut (in the feedback too)."""
    return _("[The grader cut this output here: it was longer than {kb} kB.]").format(kb=max(1, limit // 1024))


class TrimmedExecute(GuardedExecute):
    """The grader's execute step, with every error and result trimmed as soon as it arrives."""

    max_kept_output_bytes = Integer(100 * 1024, help="Size of one error or result kept in the notebook.").tag(
        config=True)
    max_notebook_output_bytes = Integer(2560 * 1024, help="Size of all the outputs kept in one notebook.").tag(
        config=True)

    def output(self, outs, msg, display_id, cell_index):
        out = super().output(outs, msg, display_id, cell_index)
        if out is not None and out.output_type in TRIMMED_TYPES:
            trim_output(out, self.max_kept_output_bytes)
        return out


def size_of(out) -> int:
    return len(json.dumps(out))


def trim_output(out: NotebookNode, limit: int) -> NotebookNode:
    """Cut *out* (in place) to about *limit* bytes, with a note where it was cut; its type stays."""
    if size_of(out) <= limit:
        return out
    if out.output_type == "error":
        out.ename = str(out.get("ename", ""))[:LONGEST_ERROR_NAME]
        out.evalue = _cut_text(str(out.get("evalue", "")), limit // 2)
        out.traceback = _cut_lines([str(line) for line in out.get("traceback", [])], limit // 2)
    elif out.output_type == "stream":
        out.text = _cut_text(str(out.get("text", "")), limit)
    else:
        out.data = _cut_data(out.get("data", {}), limit)
    return out


def _cut_text(text: str, limit: int) -> str:
    if len(text.encode("utf-8", "replace")) <= limit:
        return text
    return text.encode("utf-8", "replace")[:limit].decode("utf-8", "ignore") + "\n" + cut_note(limit) + "\n"


def _cut_lines(lines: list[str], limit: int) -> list[str]:
    kept, used = [], 0
    for line in lines:
        used += len(line.encode("utf-8", "replace"))
        if used > limit:
            return [*kept, cut_note(limit)]
        kept.append(line)
    return kept


def _cut_data(data: dict, limit: int) -> NotebookNode:
    """Plain text is shortened; a rich form (HTML, an image, JSON) that does not fit is left out."""
    text = data.get("text/plain", "")
    text = "".join(text) if isinstance(text, list) else str(text)
    kept = NotebookNode({"text/plain": _cut_text(text, limit // 2)})
    for mime, value in data.items():
        if mime != "text/plain" and len(json.dumps(value)) + size_of(kept) <= limit:
            kept[mime] = value
    return kept


def cap_notebook(nb: NotebookNode, limit: int) -> NotebookNode:
    """Hold the outputs of *nb* under *limit* bytes in all: the biggest cells are cut first."""
    cells = [cell for cell in nb.cells if cell.cell_type == "code" and cell.get("outputs")]
    sizes = {id(cell): sum(size_of(out) for out in cell.outputs) for cell in cells}
    total = sum(sizes.values())
    for cell in sorted(cells, key=lambda c: sizes[id(c)], reverse=True):
        if total <= limit:
            break
        cell.outputs = _cut_cell(cell.outputs)
        total += sum(size_of(out) for out in cell.outputs) - sizes[id(cell)]
    return nb


def _cut_cell(outputs: list) -> list:
    """One note instead of a cell's outputs; its error (which decides the score) stays, shortened."""
    errors = [trim_output(out, 2 * 1024) for out in outputs if out.output_type == "error"]
    note = NotebookNode(output_type="stream", name="stdout", text=_(
        "[The grader left out this cell's output: the notebook's outputs were too long in all.]") + "\n")
    return [note, *errors]
