"""`course privacy`: the list of every place the kit keeps learner data, in the cohort's language.

The text is written for a partner's record of processing and its privacy notice.
"""
from __future__ import annotations

from course.config import Course
from course.i18n import _
from course.privacy.places import PLACES


def inventory(*, course: Course) -> list[dict[str, str]]:
    """One row per place: where, what it holds, why, how long."""
    return [{"where": _(place.where), "holds": _(place.holds), "why": _(place.why), "keep": _(place.keep)}
            for place in PLACES]


def inventory_text(*, course: Course) -> str:
    """The inventory as plain text a partner can paste into a document."""
    lines = [_("Where Code-n-Social keeps learner data (course: {root})").format(root=course.home), ""]
    for number, row in enumerate(inventory(course=course), start=1):
        lines += [f"{number}. {row['where']}",
                  "   " + _("What: {text}").format(text=row["holds"]),
                  "   " + _("Why: {text}").format(text=row["why"]),
                  "   " + _("How long: {text}").format(text=row["keep"]), ""]
    lines += [_("The retention period of this course is {days} days (c.CourseKit.retention_days).").format(
                  days=course.kit.retention_days),
              _("Reports and exports show learners by pseudonym; the key is {file} in the course folder.").format(
                  file=course.kit.secret_file),
              _("The kit writes no log files. See docs/privacy.md.")]
    return "\n".join(lines)
