"""What the synthetic learners write, per lesson and answer cell (grade_id).

Right answers come from the source notebooks themselves. This file holds
the rest: the typical wrong answers a trainer sees, and a "partly right"
submission whose score each lesson designs on purpose.
"""
from pathlib import Path

import yaml

MISTAKES_FOLDER = Path(__file__).resolve().parent / "mistakes"


def typical_mistakes(lesson: str) -> dict[str, list[dict[str, str]]]:
    """The typical wrong answers of *lesson*, by answer cell: ``[{"code": ..., "says": ...}, ...]``.

    They live in ``mistakes/<lesson>.yml``; a lesson without that file has none.
    """
    path = MISTAKES_FOLDER / f"{lesson}.yml"
    if not path.exists():
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def all_typical_mistakes() -> dict[str, dict[str, list[dict[str, str]]]]:
    """Every lesson's typical wrong answers, by lesson."""
    return {path.stem: typical_mistakes(path.stem) for path in sorted(MISTAKES_FOLDER.glob("*.yml"))}


# What the demo's "typical mistakes" learners write: the first typical mistake of each answer cell.
WRONG = {
    lesson: {grade_id: answers[0]["code"] for grade_id, answers in cells.items()}
    for lesson, cells in all_typical_mistakes().items()
}

# "right" takes the source solution; anything else is the learner's code.
PARTLY = {
    "01-first-words": {
        "ex1-city": "right",
        "ex2-full-name": "full_name = first_name + last_name",
        "ex3-town-line": "right",
        "ex4-skill-tools": "right",
        "ex4-length-answer": "skill_length = 15",
    },
}

# Code that raises an error a beginner meets: adding a number to text.
RAISES = 'value = "Total: " + 5'

# An answer that never ends; nbgrader stops the cell after its timeout.
ENDLESS = "while True:\n    pass"

REFLECTION = "Joining text was easy. The new lines were hard; the hints helped me."
