"""What `course translate update` and `course translate status` print."""
from __future__ import annotations

from rich.table import Table

from course.config import Course
from course.i18n import _, ngettext
from course.progress import out
from course.translate.workflow import status, update

EXIT_INCOMPLETE = 1


def print_update(*, course: Course, languages: list[str] | None = None) -> int:
    result = update(course=course, languages=languages)
    out.print(ngettext("Wrote {count} lesson template under locale/templates/.",
                       "Wrote {count} lesson templates under locale/templates/.",
                       len(result.templates)).format(count=len(result.templates)))
    out.print(ngettext("Updated {count} lesson catalogue under locale/.",
                       "Updated {count} lesson catalogues under locale/.",
                       len(result.catalogues)).format(count=len(result.catalogues)))
    out.print(ngettext("Updated {count} catalogue of the kit's messages.",
                       "Updated {count} catalogues of the kit's messages.",
                       len(result.kit_catalogues)).format(count=len(result.kit_catalogues)))
    return 0


def print_status(*, course: Course, languages: list[str] | None = None) -> int:
    """One row per lesson and language; exit status 1 when any is not complete."""
    counts = status(course=course, languages=languages)
    if not counts:
        out.print(_("No lesson has a translation yet. Start one with: course translate update"))
        return 0
    table = Table(title=_("Translation of the lessons"), title_justify="left")
    for heading in (_("Lesson"), _("Language"), _("Translated"), _("Fuzzy"), _("Missing"), _("Problems")):
        table.add_column(heading)
    for row in counts:
        table.add_row(row.lesson, row.language, str(row.translated), str(row.fuzzy), str(row.missing),
                      str(len(row.problems)))
    out.print(table)
    for row in counts:
        for problem in row.problems:
            out.print(f"{row.lesson} ({row.language}): {problem}")
    incomplete = [row for row in counts if not row.complete]
    if incomplete:
        out.print(ngettext("{count} lesson translation is not complete.",
                           "{count} lesson translations are not complete.", len(incomplete)).format(
            count=len(incomplete)))
        return EXIT_INCOMPLETE
    out.print(_("Every lesson translation is complete."))
    return 0
