"""The trainers' guide of a lesson, as MyST markdown, made from the lesson's own files.

Everything that can drift is read, not written twice: the parts and timings from the notebook, the
typical mistakes and the words learners see from course/demo/mistakes/<lesson>.yml (the same file the
tests grade), the DigComp levels from course/curriculum.yml. Only what no program can read (rubrics,
stretch tasks, what to prepare) comes from course/guide/guide.yml.
"""
from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

import yaml

from course.site.lessons import Exercise, Lesson, stop_points

GUIDE_DATA = Path(__file__).resolve().parent.parent / "guide" / "guide.yml"
MISTAKES = Path(__file__).resolve().parent.parent / "demo" / "mistakes"
SESSION_MINUTES = (60, 90)


@lru_cache(maxsize=1)
def guide_data() -> dict:
    return yaml.safe_load(GUIDE_DATA.read_text(encoding="utf-8"))


def lesson_guide(lesson: Lesson) -> dict:
    return guide_data()["lessons"].get(lesson.name, {})


def typical_mistakes(lesson: Lesson) -> dict[str, list[dict]]:
    path = MISTAKES / f"{lesson.name}.yml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {} if path.is_file() else {}


def guide_markdown(lesson: Lesson) -> str:
    """The whole guide page of *lesson*.

    Steps: heading -> session plan -> what to prepare -> exercises (key points, mistakes) -> rubrics ->
    pair work and stretch tasks -> when a learner is stuck.
    """
    parts = [f"# Trainers' guide: {lesson.title}", "",
             f"Lesson `{lesson.name}`, about {lesson.minutes} minutes for a beginner. "
             f'<a href="../lessons/{lesson.name}.html">Read the lesson</a> and its '
             f"[cheat sheet](../cheatsheets/{lesson.name}.md).", ""]
    for block in (session_plan, prepare, exercise_notes, rubrics, pair_work, stuck):
        parts += [block(lesson), ""]
    return "\n".join(parts)


def session_plan(lesson: Lesson) -> str:
    """The lesson cut into sittings of 60 to 90 minutes at its level-2 headings, with minutes per part."""
    sections = [title for level, title in lesson.sections if level == 2]
    if not sections:
        return ""
    each = max(5, round(lesson.minutes / len(sections)))
    count = max(1, math.ceil(len(sections) * each / SESSION_MINUTES[1]))
    sittings = [(chunk, len(chunk) * each) for chunk in _split_evenly(sections, count)]
    lines = ["## Session plan", "",
             f"The times are estimates from the lesson's length (about {each} minutes a part). "
             "Learners take very different times: that is fine.", ""]
    for number, (titles, minutes) in enumerate(sittings, start=1):
        lines += [f"### Sitting {number} (about {minutes} minutes)", ""]
        lines += [f"- {title}" for title in titles]
        lines.append("")
    stops = stop_points(lesson)
    lines.append("Stop points marked in the lesson: " + ("; ".join(stops) if stops else "none (a short lesson).")
                 + " At the end of a sitting learners save (Ctrl + S). To pick up again they open the lesson, "
                 "press Esc, then Ctrl + Shift + C, type *run all above* and press Enter.")
    lines += ["", "**A learner who missed a sitting** opens the lesson, runs all cells above the first exercise "
              "they have not done, and reads the headings of the parts they missed. Pair them with a learner "
              "who was there for the Predict questions; the self-checks tell both when they are right."]
    return "\n".join(lines)


def _split_evenly(items: list[str], count: int) -> list[list[str]]:
    """*items* cut into *count* runs in order, the first runs one longer when they do not divide evenly."""
    size, extra = divmod(len(items), count)
    runs, start = [], 0
    for number in range(count):
        end = start + size + (1 if number < extra else 0)
        runs.append(items[start:end])
        start = end
    return [run for run in runs if run]


def prepare(lesson: Lesson) -> str:
    items = lesson_guide(lesson).get("prepare") or []
    return "\n".join(["## What to prepare", "", *[f"- {item}" for item in items]])


def exercise_notes(lesson: Lesson) -> str:
    """Per exercise: points, who marks it, and the typical mistakes with the words the learner then reads."""
    mistakes = typical_mistakes(lesson)
    lines = ["## Exercises: key points and common mistakes", "",
             "The mistakes below are the ones the self-checks know; the quoted words are what the learner "
             "reads. They come from the same file the kit's tests grade, so they match the lesson.", ""]
    for exercise in lesson.exercises:
        lines += _exercise_lines(exercise, mistakes)
    return "\n".join(lines)


def _exercise_lines(exercise: Exercise, mistakes: dict) -> list[str]:
    who = "your trainer marks it (see the rubric)" if exercise.manual else "checked by the kit"
    points = "1 point" if exercise.points == 1 else f"{exercise.points:g} points"
    lines = [f"### {exercise.title}", "", f"{points}, {who}.", ""]
    for answer_id in exercise.answer_ids:
        for mistake in mistakes.get(answer_id) or []:
            lines += [f"- A learner writes `{_one_line(mistake.get('code', ''))}`. "
                      f"The check says: \u201c{mistake.get('says', '')}\u201d"]
    return lines + [""]


def _one_line(code: str) -> str:
    return " \u23ce ".join(line for line in str(code).splitlines() if line.strip()).replace("`", "'")


def rubrics(lesson: Lesson) -> str:
    data = lesson_guide(lesson).get("rubrics") or {}
    lines = ["## Rubrics for the answers you mark", "",
             "Give the mark whose description fits best. Spelling, grammar and language never count.", ""]
    for grade_id, rubric in data.items():
        lines += [f"### `{grade_id}` ({rubric.get('points', 2)} points)", "", "| mark | what it looks like |",
                  "|---|---|"]
        lines += [f"| {mark} | {rubric[mark]} |" for mark in sorted(k for k in rubric if isinstance(k, int))]
        for key in sorted(k for k in rubric if str(k).startswith("example_")):
            lines += ["", f"Example worth {key.removeprefix('example_')}:", "", "```", str(rubric[key]), "```"]
        lines.append("")
    return "\n".join(lines)


def pair_work(lesson: Lesson) -> str:
    predicts = [title for _level, title in lesson.sections if title.lower().startswith(("predict", "step 1"))]
    stretch = lesson_guide(lesson).get("stretch") or []
    lines = ["## Pair work", "",
             "For each Predict question: learner A says what the code will show and why; learner B asks "
             "\u201cwhat makes you think so?\u201d; both choose an answer before running the cell. Then swap roles.",
             "For each Investigate step: A changes one thing, B predicts the new result, A runs it.",
             "A learner who prefers to work alone does the same steps and writes their guess in a comment.", ""]
    lines += [f"- {title}" for title in predicts]
    lines += ["", "## Stretch tasks for fast learners", "", *[f"- {item}" for item in stretch]]
    return "\n".join(lines)


def stuck(lesson: Lesson) -> str:
    return "\n".join([
        "## When a learner is stuck, anxious or has a bad day", "",
        "- Stuck: ask them to read the last line of the message aloud, then the hint button once. "
        "Point to the place, never type the answer for them.",
        "- Anxious: remind them that errors are normal and that the checks can be run as often as they like. "
        "Praise the step they did, not the result.",
        "- A bad day: they can stop at any stop point; nothing is lost after Ctrl + S. "
        "Never ask about personal history. See [supporting learners](../trainers/practice.md).",
    ])


KIT_CALLS = ("course", "hints(", "predict(", "parsons(", "confidence_check", "my_progress", "skills_inventory",
             "start_lesson", "explain_errors", "answer_")


def code_shapes(lesson: Lesson, most: int = 3) -> list[str]:
    """Up to *most* short example cells of the lesson (never an answer or a check), as code blocks."""
    shapes = []
    for cell in lesson.notebook.cells:
        if cell.cell_type != "code" or cell.metadata.get("nbgrader") or not cell.source.strip():
            continue
        if "raises-exception" in cell.metadata.get("tags", []) or any(call in cell.source for call in KIT_CALLS):
            continue
        if len(cell.source.splitlines()) <= 6:
            shapes += ["```python", cell.source.strip(), "```", ""]
        if len(shapes) >= most * 4:
            break
    return shapes


def cheat_sheet_markdown(lesson: Lesson) -> str:
    """One printable page: the keys, the new words, and the shape of today's code."""
    glossary = lesson.part("glossary") or "(This lesson has no glossary.)"
    return "\n".join([
        f"# Cheat sheet: {lesson.title}", "",
        "## Keys", "",
        "| keys | what they do |", "|---|---|",
        "| Shift + Enter | run the cell and go to the next one |",
        "| Esc, then arrow keys | move from cell to cell |",
        "| Enter | start typing in the chosen cell |",
        "| Ctrl + S | save |",
        "| Esc, Ctrl + Shift + C, type *run all above*, Enter | run every cell above (after a break) |",
        "| AltGr + a key | `{ } [ ] \\` on many European keyboards |", "",
        "## The shape of today's code", "", *code_shapes(lesson), "",
        "## New words", "", glossary, "",
        f'<a href="../lessons/{lesson.name}.html">Lesson</a> \u00b7 [Trainers\' guide](../guides/{lesson.name}.md)',
    ])
