"""The short table `course demo` prints at the end."""
from __future__ import annotations

from rich.table import Table

from course.demo.cohort import label
from course.demo.run import DemoResult
from course.i18n import _
from course.progress import out
from course.reports import tables as t
from course.reports.pseudonyms import load_key, pseudonym


def print_demo_summary(result: DemoResult) -> None:
    key = load_key(result.course.secret_path)
    lessons = result.report.lessons
    for lesson, summary in result.grading.items():
        table = Table(title=_("Demo cohort, lesson {lesson}").format(lesson=lesson), title_justify="left")
        for heading in (_("Learner"), _("Demo profile"), _("Score"), _("Percent"), _("To mark")):
            table.add_column(heading, no_wrap=heading == _("Learner"))
        for learner in result.cohort:
            name = pseudonym(learner.student, key)
            if (name, lesson) not in lessons.index:
                table.add_row(name, label(learner), "-", "-", "-")
                continue
            row = lessons.loc[(name, lesson)]
            table.add_row(
                name, label(learner), f"{row[t.SCORE]:g} / {row[t.MAX_SCORE]:g}", f"{row[t.PERCENT]:g} %",
                str(int(row[t.WAITING])),
            )
        out.print(table)
        out.print(summary.headline())
    out.print(_("Feedback pages: {count}.").format(count=len(result.feedback_pages)))
    out.print(_("Learners are shown by pseudonym. 'To mark' counts free answers that wait for the trainer."))
    out.print(_("Report: {path}").format(path=result.report.html))
