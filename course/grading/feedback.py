"""`course feedback`: one page per graded notebook that a learner can read, print and trust.

nbgrader's own page shows the hidden tests' code, labels in English only, a reflection not yet marked
as 0 points, and has over a hundred accessibility problems. The kit's page shows, per exercise: the
learner's answer, the result in words, the self-check's message and the points once marked ("waiting
for your trainer" before). Test cells' code is never shown (it holds the hidden tests once graded).
Everything a learner wrote is shown as text; a strict Content-Security-Policy keeps any script out.

The pages land where nbgrader's exchange looks for them (feedback/<learner>/<lesson>/<notebook>.html,
with the submission's timestamp.txt and submission_secret.txt beside them), so ``nbgrader
release_feedback`` and learners' ``fetch_feedback`` work as before.

Steps (:func:`feedback`): find graded learners -> read each learner's marks from the gradebook ->
read the autograded notebook -> build the exercises -> render the template -> write the page.
"""
from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from jinja2 import DictLoader, Environment, select_autoescape
from nbgrader.api import MissingEntry
from nbgrader.utils import compute_checksum, is_grade, is_solution

from course.config import Course
from course.errors import CourseError
from course.i18n import _, current_language, ngettext
from course.nbgrader_api import gradebook_for
from course.progress import track
from course.reports.html import CSP_META

# The files nbgrader's release_feedback reads beside each page (the learner's other files stay out).
EXCHANGE_FILES = ("timestamp.txt", "submission_secret.txt")
MAX_NOTEBOOK_BYTES = 50_000_000
NBGRADER_NO_RESPONSE = "No response."  # nbgrader's own English comment on an answer left as released
MAX_TEXT = 5_000  # characters of an answer or a message shown; the rest is cut, and the page says so
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
_HEADING = re.compile(r"^#{1,6}\s+(?P<text>.+?)\s*#*\s*$", re.MULTILINE)
_MARKUP = re.compile(r"[*_`]|\[(?P<text>[^\]]*)\]\([^)]*\)")


@dataclass(frozen=True)
class Mark:
    """A graded cell's marks from the gradebook."""

    score: float | None
    max_score: float
    waiting: bool  # the trainer has not marked it yet
    comment: str = ""


@dataclass
class Exercise:
    title: str
    answers: list[str] = field(default_factory=list)  # the learner's code or text, as written
    messages: list[str] = field(default_factory=list)  # what the self-checks said
    score: float = 0.0
    max_score: float = 0.0
    waiting: bool = False
    comments: list[str] = field(default_factory=list)
    unanswered: bool = False  # an answer the trainer marks, left as released

    @property
    def result(self) -> str:
        """The result in words."""
        if self.waiting:
            return _("Waiting for your trainer.")
        if self.unanswered:
            return _("No answer here yet: write one, then hand the lesson in again.")
        if self.max_score and self.score >= self.max_score:
            return _("Done: every check passed.")
        if self.score > 0:
            return _("Partly done: some checks passed.")
        return _("Not yet: look at the message, change your answer and try again.")

    @property
    def points(self) -> str:
        if self.waiting:
            return _("Waiting for your trainer")
        return _("{score:g} of {max_score:g}").format(score=self.score, max_score=self.max_score)


def feedback(assignment: str, *, course: Course) -> list[Path]:
    """Write the feedback pages of every graded learner of *assignment*; return the pages written."""
    course.require_assignment(assignment)
    graded = graded_learners(course, assignment)
    if not graded:
        raise CourseError(
            _("Nothing is graded for '{name}' yet. Grade it first: course grade {name}.").format(name=assignment)
        )
    pages, problems = [], []
    with gradebook_for(course) as gradebook:
        for student in track(graded, total=len(graded), description=_("Feedback")):
            try:
                pages += learner_pages(course, gradebook, assignment, student)
            except (MissingEntry, OSError, ValueError):
                problems.append(student)
    if problems:
        raise CourseError(ngettext(
            "Could not make the feedback pages of {count} learner: {names}. The others are in feedback/.",
            "Could not make the feedback pages of {count} learners: {names}. The others are in feedback/.",
            len(problems)).format(count=len(problems), names=", ".join(problems)))
    return sorted(pages)


def graded_learners(course: Course, assignment: str) -> list[str]:
    """Learners with an autograded folder for *assignment* (real folders only: a link is never followed)."""
    root = course.folder("autograded")
    if not root.is_dir():
        return []
    return sorted(entry.name for entry in os.scandir(root)
                  if entry.is_dir(follow_symlinks=False) and _real_dir(Path(entry.path) / assignment))


def _real_dir(path: Path) -> bool:
    return path.is_dir() and not path.is_symlink()


def learner_pages(course: Course, gradebook, assignment: str, student: str) -> list[Path]:
    """Write one learner's pages (one per notebook) and the exchange's files beside them."""
    source = course.folder("autograded") / student / assignment
    target = course.folder("feedback") / student / assignment
    target.mkdir(parents=True, exist_ok=True)
    submission = gradebook.find_submission(assignment, student)
    written = []
    for notebook in submission.notebooks:
        marks = {grade.name: _mark(grade, notebook) for grade in notebook.grades}
        nb = read_notebook(source / f"{notebook.name}.ipynb")
        page = render(exercises(nb, marks), title=lesson_title(nb, notebook.name), lesson=assignment)
        path = target / f"{notebook.name}.html"
        path.write_text(page, encoding="utf-8")
        written.append(path)
    for name in EXCHANGE_FILES:
        if (source / name).is_file() and not (source / name).is_symlink():
            shutil.copyfile(source / name, target / name)
    return written


def _mark(grade, notebook) -> Mark:
    comment = next((c.comment for c in notebook.comments if c.name == grade.name and c.comment), "")
    return Mark(score=grade.score, max_score=grade.max_score or 0.0, waiting=bool(grade.needs_manual_grade),
                comment=comment or "")


def read_notebook(path: Path) -> nbformat.NotebookNode:
    """The autograded notebook; never through a link, never a huge file."""
    if path.is_symlink() or not path.is_file():
        raise OSError(f"not a regular file: {path.name}")
    if path.stat().st_size > MAX_NOTEBOOK_BYTES:
        raise ValueError(f"too large: {path.name}")
    return nbformat.read(path, as_version=4)


def exercises(nb, marks: dict[str, Mark]) -> list[Exercise]:
    """The exercises of a graded notebook, in order.

    An exercise is the answer cells since the last graded cell, then the graded cells that check them
    (a self-check cell, or an answer the trainer marks). Its title is the last heading above it.
    """
    found: list[Exercise] = []
    title, answers, current = "", [], None
    for cell in nb.cells:
        heading = _heading(cell)
        if heading:
            title, current = heading, None
        if is_solution(cell):
            answers.append(_cut(cell.source))
        if not is_grade(cell):
            continue
        mark = marks.get(cell.metadata["nbgrader"].get("grade_id"))
        if mark is None:
            continue
        if current is None or answers:
            current = Exercise(title=title or _("Exercise"), answers=answers)
            found.append(current)
            answers = []
        _add_mark(current, mark, check_messages(cell) if not is_solution(cell) else [])
        current.unanswered = current.unanswered or (is_solution(cell) and _as_released(cell))
    return found


def _as_released(cell) -> bool:
    """Is this answer cell's text the released one? (nbgrader's checksum, kept in the cell's metadata)"""
    try:
        return cell.metadata.nbgrader.get("checksum") == compute_checksum(cell)
    except (KeyError, AttributeError, TypeError):
        return False


def _add_mark(exercise: Exercise, mark: Mark, messages: list[str]) -> None:
    exercise.max_score += mark.max_score
    exercise.score += mark.score or 0.0
    exercise.waiting = exercise.waiting or mark.waiting
    exercise.messages += [m for m in messages if m not in exercise.messages]
    if mark.comment and mark.comment != NBGRADER_NO_RESPONSE:
        exercise.comments.append(_cut(mark.comment))


def _heading(cell) -> str:
    if cell.cell_type != "markdown" or is_solution(cell):
        return ""
    found = _HEADING.search(cell.source)
    return _MARKUP.sub(lambda m: m.group("text") or "", found.group("text")).strip() if found else ""


def check_messages(cell) -> list[str]:
    """What a check cell said: printed text and the error's message, never its traceback (which quotes
    the hidden tests' code)."""
    messages = []
    for output in cell.get("outputs", []):
        kind = output.get("output_type")
        if kind == "stream":
            text = output.get("text", "")
        elif kind in ("display_data", "execute_result"):
            text = output.get("data", {}).get("text/plain", "")
        elif kind == "error":
            text = str(output.get("evalue") or "") or _("A check did not pass.")
        else:
            continue
        text = _ANSI.sub("", "".join(text) if isinstance(text, list) else str(text)).strip()
        if text:
            messages.append(_cut(text))
    return messages


def _cut(text: str) -> str:
    text = "".join(text) if isinstance(text, list) else str(text)
    if len(text) <= MAX_TEXT:
        return text
    return text[:MAX_TEXT] + "\n" + _("[… the rest is not shown: it is too long.]")


def lesson_title(nb, fallback: str) -> str:
    for cell in nb.cells:
        heading = _heading(cell)
        if heading:
            return heading
    return fallback


def render(items: list[Exercise], *, title: str, lesson: str) -> str:
    """The page, from the template (autoescaped: every text is shown as text)."""
    score = sum(item.score for item in items if not item.waiting)
    marked = sum(item.max_score for item in items if not item.waiting)
    waiting = sum(1 for item in items if item.waiting)
    summary = [_("You have {score:g} of {max_score:g} points marked so far.").format(score=score, max_score=marked)]
    if waiting:
        summary.append(ngettext("{count} answer is waiting for your trainer.",
                                "{count} answers are waiting for your trainer.", waiting).format(count=waiting))
    return _environment().get_template("feedback.html.j2").render(
        lang=current_language(), csp_meta=CSP_META, title=title, lesson=lesson, summary=summary, items=items,
        heading=_("Feedback: {title}").format(title=title),
        intro=_("This page shows each exercise: your answer, what the checks said, and your points."),
        labels={"answer": _("Your answer"), "no_answer": _("(no answer)"), "result": _("Result"),
                "message": _("What the check said"), "points": _("Points"), "comment": _("Your trainer's note"),
                "lesson": _("Lesson"), "none": _("This lesson has no marked exercises.")},
    )


def _environment() -> Environment:
    return Environment(loader=DictLoader({"feedback.html.j2": TEMPLATE}),
                       autoescape=select_autoescape(default=True, default_for_string=True))


TEMPLATE = """<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
{{ csp_meta | safe }}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ heading }}</title>
<style>
body { font-family: system-ui, sans-serif; font-size: 1.15rem; line-height: 1.6; max-width: 50rem;
       margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; background: #fff; }
h1 { font-size: 1.8rem; }
h2 { font-size: 1.35rem; margin-top: 2.5rem; border-top: 2px solid #555; padding-top: 1rem; }
h3 { font-size: 1.05rem; margin: 1rem 0 .3rem; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f4f4f4; color: #1a1a1a;
      border: 1px solid #767676; padding: .6rem .8rem; font-size: 1rem; margin: 0; }
p.result { font-weight: bold; }
dl { margin: 0; }
@media print {
  body { max-width: none; margin: 0; font-size: 11pt; }
  section { break-inside: avoid; }
  h2 { break-after: avoid; }
}
</style>
</head>
<body>
<main>
<h1>{{ heading }}</h1>
<p>{{ labels.lesson }}: {{ lesson }}</p>
<p>{% for line in summary %}{{ line }}{% if not loop.last %}<br>{% endif %}{% endfor %}</p>
<p>{{ intro }}</p>
{% for item in items %}
<section aria-labelledby="exercise-{{ loop.index }}">
<h2 id="exercise-{{ loop.index }}">{{ item.title }}</h2>
<h3>{{ labels.result }}</h3>
<p class="result">{{ item.result }}</p>
<p>{{ labels.points }}: {{ item.points }}</p>
<h3>{{ labels.answer }}</h3>
{% for answer in item.answers %}<pre>{{ answer }}</pre>{% else %}<p>{{ labels.no_answer }}</p>{% endfor %}
{% if item.messages %}<h3>{{ labels.message }}</h3>
{% for message in item.messages %}<pre>{{ message }}</pre>{% endfor %}{% endif %}
{% if item.comments %}<h3>{{ labels.comment }}</h3>
{% for comment in item.comments %}<pre>{{ comment }}</pre>{% endfor %}{% endif %}
</section>
{% else %}
<p>{{ labels.none }}</p>
{% endfor %}
</main>
</body>
</html>
"""
