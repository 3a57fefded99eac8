"""nbgrader's Execute, on a kernel that was started ahead of need, with two guards added.

- Output is capped per cell *while* it arrives (nbgrader's LimitOutput trims only
  afterwards, when a flood may already have filled the grader's memory). Errors,
  results and the first stderr text are always kept: they decide the score.
- A kernel that dies, or that does not stop when interrupted, ends the run: that
  cell and every later code cell get an error output saying why, so they score 0,
  and the cells that ran before keep their result.
"""
from __future__ import annotations

import json

from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import Execute
from nbgrader.utils import is_grade
from traitlets import Integer

from course.grading import guard
from course.i18n import _

KEPT_ALWAYS = ("error", "execute_result")


class KernelStopped(Exception):
    """The learner's kernel died or stopped answering; the message says which."""


class GuardedExecute(Execute):
    max_output_bytes = Integer(1024 * 1024, help="Output kept per cell while it runs.").tag(config=True)

    def preprocess(self, nb, resources=None, km=None):
        self._output_bytes: dict[int, int] = {}
        self.stopped_reason = ""
        self._guarded = False
        return super().preprocess(nb, resources, km=km)

    def preprocess_cell(self, cell, resources, index):
        if self.stopped_reason:
            return _mark_not_run(cell, self.stopped_reason), self.resources
        try:
            if cell.cell_type == "code" and not self._guarded:
                self._silently(guard.SNAPSHOT)
                self._guarded = True
            elif is_grade(cell) and cell.cell_type == "code":
                self._silently("", user_expressions={"guard": guard.RESTORE})
            return super().preprocess_cell(cell, resources, index)
        except DeadKernelError:
            self.stopped_reason = _("The learner's code ended Python (os._exit, a crash or the memory limit).")
        except CellTimeoutError:
            self.stopped_reason = _("The learner's code did not stop when the time limit asked it to.")
        return _mark_not_run(cell, self.stopped_reason), self.resources

    def _silently(self, code: str, **extra) -> None:
        """Run grader code that leaves no output, no history and no execution count."""
        reply = self.wait_for_reply(self.kc.execute(code, silent=True, store_history=False, **extra))
        if reply is None:
            raise CellTimeoutError("no reply")

    def output(self, outs, msg, display_id, cell_index):
        out = super().output(outs, msg, display_id, cell_index)
        if out is None:
            return out
        size = len(json.dumps(out))
        used = self._output_bytes.get(cell_index, 0) + size
        self._output_bytes[cell_index] = used
        if used > self.max_output_bytes and not _decides_score(out, outs):
            outs.remove(out)
            return None
        return out


def _decides_score(out: NotebookNode, outs: list[NotebookNode]) -> bool:
    """Errors, results and the first stderr text decide nbgrader's score (utils.determine_grade)."""
    if out.output_type in KEPT_ALWAYS:
        return True
    if out.output_type == "stream" and out.name == "stderr":
        first = not any(o is not out and o.output_type == "stream" and o.name == "stderr" for o in outs)
        if first:
            out.text = out.text[:1000]
        return first
    return False


def _mark_not_run(cell: NotebookNode, reason: str) -> NotebookNode:
    if cell.cell_type == "code":
        cell.outputs.append(
            NotebookNode(output_type="error", ename="KernelStopped", evalue=reason, traceback=[reason])
        )
    return cell
