"""What a lesson notebook imports: self-checks, hints, questions, chart tools, the confidence check, My progress.

A lesson's setup cell::

    from course.learner import *
    explain_errors()
    start_lesson("01-first-words", checks=8)

Test cells import :mod:`course.learner.checks` themselves (see there).
Widgets are built only when a learner's cell asks for one, so the self-checks
stay quick to import.
"""
from course.learner.settings import apply_language, in_kernel, use_text

# In a lesson, speak the course's language. Trainer tools that import a table from here
# (the reports read the confidence statements) keep the language they already chose.
if in_kernel():
    apply_language()

from course.learner.charts import PATTERNS, SAFE_COLOURS, describe_chart  # noqa: E402
from course.learner.checks import CheckFailed  # noqa: E402
from course.learner.confidence import confidence_check  # noqa: E402
from course.learner.explain import explain_errors  # noqa: E402
from course.learner.hinting import hints, next_hint  # noqa: E402
from course.learner.inventory import skills_inventory  # noqa: E402
from course.learner.progress import my_progress, start_lesson  # noqa: E402
from course.learner.questions import answer_parsons, answer_predict, parsons, predict  # noqa: E402

__all__ = [
    "PATTERNS",
    "SAFE_COLOURS",
    "CheckFailed",
    "answer_parsons",
    "answer_predict",
    "confidence_check",
    "describe_chart",
    "explain_errors",
    "hints",
    "my_progress",
    "next_hint",
    "parsons",
    "predict",
    "skills_inventory",
    "start_lesson",
    "use_text",
]
