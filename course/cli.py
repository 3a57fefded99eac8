"""The `course` command: a thin layer over the kit's plain functions.

Each sub-command parses its arguments, calls one function, and prints a
short plain-words result. Problems a user can fix arrive as CourseError and
are printed as one line, with exit status 2.
"""
from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Sequence

from course.config import load_course
from course.errors import CourseError
from course.i18n import N_, _, ngettext
from course.progress import out
from course.reports.rules import Rules

# Each command imports its own step when it runs: `course --help` answers at once, and
# grading does not pay for pandas, the lesson linter or PDF code it never uses.

EXIT_USER_ERROR = 2
EXIT_SOME_FAILED = 1

PIPELINE = N_("""\
The pipeline, in order:
  0. course check [LESSON]    check lessons against the writing guide (headings, plain language, grading)
  1. course release LESSON    build the learner version from source/ and publish it
     (learners fetch, work and submit)
     course collect LESSON    copy the learners' submissions from the exchange into submitted/
  2. course grade LESSON      grade everything in submitted/ into autograded/ and the gradebook
  3. course feedback LESSON   write a feedback page for each graded learner
  4. course report            write the trainer report (HTML, Excel, CSV) under reports/
     course passport          write a skills passport (HTML + PDF) for each learner
  course demo                 run all of the above on a demo cohort, in demo/
""")

RELEASE_AGAIN = N_("""\
Build the learner version of a lesson in release/ and publish it in the exchange.

Releasing a lesson again is safe: it publishes the new version in place of the old one.
Learners who fetched the lesson already keep their own copy and their work; learners who
fetch it from now on get the new version. Files someone changed inside release/ are first
copied to release-backups/. Learners on a laptop or Binder work in my-lessons/, which
`course release` never writes to.
""")

WORKSPACE_HELP = N_("""\
Make the learner's folder, my-lessons/, ready (`make lab` and Binder run this).

Builds the learner version of lessons that are new or changed, then copies into my-lessons/
each lesson file the learner does not have yet. A file already in my-lessons/ is never
replaced: the learner's work is kept. my-lessons/index.md is the landing page.

Each other lesson language (LESSON_LANGUAGES) is built in build/learner/<lang>/ and copied
into my-lessons/<lang>/ the same way; the landing page starts with the choice of language.
""")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="course",
        description=_("Code-n-Social course kit: release, grade, give feedback and report on notebook lessons."),
        epilog=_(PIPELINE),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    cmd = commands.add_parser("check", help=_("0. check lessons against the lesson-writing guide"))
    cmd.add_argument("lessons", nargs="*", metavar="LESSON", help=_("lesson folders in source/ (default: all)"))
    cmd.set_defaults(run=_check)

    cmd = commands.add_parser(
        "release", help=_("1. build a lesson's learner version and publish it"),
        description=_(RELEASE_AGAIN), formatter_class=argparse.RawDescriptionHelpFormatter)
    cmd.add_argument("assignment", metavar="LESSON", help=_("a lesson folder in source/, e.g. 01-first-words"))
    cmd.add_argument("--no-publish", action="store_true", help=_("build release/ only; do not copy to the exchange"))
    cmd.add_argument("--language", metavar="xx", help=_("release the lesson in this language, e.g. es "
                                                         "(default: c.CourseKit.language)"))
    cmd.set_defaults(run=_release)

    cmd = commands.add_parser("collect", help=_("copy the learners' submissions of a lesson into submitted/"))
    cmd.add_argument("assignment", metavar="LESSON")
    cmd.add_argument("--student", metavar="ID", help=_("collect this learner only"))
    cmd.set_defaults(run=_collect)

    cmd = commands.add_parser("workspace", help=_("laptop and Binder: put new lessons in the learner's folder"),
                              description=_(WORKSPACE_HELP), formatter_class=argparse.RawDescriptionHelpFormatter)
    cmd.set_defaults(run=_workspace)

    cmd = commands.add_parser("grade", help=_("2. grade the submitted work of a lesson"))
    cmd.add_argument("assignment", metavar="LESSON")
    cmd.add_argument("--student", metavar="ID", help=_("grade this learner only"))
    cmd.add_argument("--workers", type=int, metavar="N", help=_("grade N learners at once (default: one per core)"))
    cmd.add_argument("--force", action="store_true", help=_("grade again learners whose submission is graded already"))
    cmd.add_argument("--shard", metavar="I/N", help=_("grade share I of N (0-based), e.g. one Kubernetes Job index"))
    cmd.add_argument("--trust-learner-code", action="store_true",
                     help=_("run learner code without isolation, as you: it can read solutions and change grades"))
    cmd.set_defaults(run=_grade)

    cmd = commands.add_parser("feedback", help=_("3. write feedback pages for a graded lesson"))
    cmd.add_argument("assignment", metavar="LESSON")
    cmd.set_defaults(run=_feedback)

    cmd = commands.add_parser("report", help=_("4. write the trainer report under reports/"))
    cmd.add_argument("--real-ids", action="store_true",
                     help=_("show learner IDs instead of pseudonyms (keep such files private)"))
    defaults = Rules()
    cmd.add_argument("--quiet-days", type=int, default=defaults.quiet_days, metavar="N",
                     help=_("a learner who submitted nothing for N days needs a call (default: %(default)s)"))
    cmd.add_argument("--low-percent", type=float, default=defaults.low_percent, metavar="P",
                     help=_("a lesson under P percent counts as low (default: %(default)s)"))
    cmd.add_argument("--confidence-drop", type=float, default=defaults.confidence_drop, metavar="POINTS",
                     help=_("a fall in confidence of this many points (1-5 scale) needs a call (default: %(default)s)"))
    cmd.set_defaults(run=_report)

    cmd = commands.add_parser("passport", help=_("write a skills passport (HTML and PDF) for each learner"))
    cmd.add_argument("--student", metavar="ID", action="append", help=_("only this learner (may be repeated)"))
    cmd.add_argument("--real-names", action="store_true",
                     help=_("print the learner's name instead of the pseudonym (keep such files private)"))
    cmd.add_argument("--no-pdf", action="store_true", help=_("write the HTML pages only"))
    cmd.set_defaults(run=_passport)

    add_privacy_commands(commands)

    cmd = commands.add_parser("demo", help=_("run the whole pipeline on a demo cohort"))
    cmd.add_argument("--language", metavar="xx", help=_("run the demo in this language, e.g. es"))
    cmd.set_defaults(run=_demo)

    cmd = commands.add_parser("translate", help=_("translation of the lessons and of the kit's messages"))
    cmd.add_argument("action", choices=["update", "status"], nargs="?", default="status",
                     help=_("update: write the lessons' text into the PO files; status: what is left to translate"))
    cmd.add_argument("--language", metavar="xx", action="append", help=_("only this language (may be repeated)"))
    cmd.set_defaults(run=_translate)

    cmd = commands.add_parser("setup", help=_("make plain `nbgrader` in this environment use the course settings"))
    cmd.set_defaults(run=_setup)
    return parser


def add_privacy_commands(commands) -> None:
    """Learners' data rights: the inventory, export, erase, holds and the retention period."""
    cmd = commands.add_parser("privacy", help=_("list every place the kit keeps learner data, and why"))
    cmd.set_defaults(run=_privacy)

    learner = commands.add_parser("learner", help=_("export or erase what the kit holds on one learner"))
    actions = learner.add_subparsers(dest="action", required=True, metavar="ACTION")
    cmd = actions.add_parser("export", help=_("one archive with everything held on the learner"))
    cmd.add_argument("student", metavar="ID")
    cmd.add_argument("--output", metavar="FILE", help=_("where to write the archive (default: exports/)"))
    cmd.set_defaults(run=_learner_export)
    cmd = actions.add_parser("erase", help=_("remove the learner from the gradebook, every folder and the reports"))
    cmd.add_argument("student", metavar="ID")
    cmd.add_argument("--dry-run", action="store_true", help=_("only list what would be removed"))
    cmd.set_defaults(run=_learner_erase)
    cmd = actions.add_parser("hold", help=_("keep the learner's records (erase then refuses)"))
    cmd.add_argument("student", metavar="ID")
    cmd.add_argument("--reason", required=True, help=_("why the records must be kept"))
    cmd.set_defaults(run=_learner_hold)
    cmd = actions.add_parser("unhold", help=_("end a hold"))
    cmd.add_argument("student", metavar="ID")
    cmd.set_defaults(run=_learner_unhold)

    cmd = commands.add_parser("retention", help=_("erase learners whose last hand-in is older than the retention period"))
    cmd.add_argument("--older-than", type=int, metavar="DAYS", help=_("default: c.CourseKit.retention_days"))
    cmd.add_argument("--dry-run", action="store_true", help=_("only list who would be erased"))
    cmd.set_defaults(run=_retention)


def main(argv: Sequence[str] | None = None) -> int:
    # Load the course before parsing, so that --help too speaks the cohort's language.
    try:
        course, problem = load_course(), None
    except CourseError as missing:
        course, problem = None, missing
    args = build_parser().parse_args(argv)
    quiet_library_warnings()
    try:
        if course is None:
            raise problem
        out.print(course_line(course), soft_wrap=True)
        return args.run(args, course) or 0
    except CourseError as problem:
        print(_("course: {problem}").format(problem=problem), file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print(_("course: stopped."), file=sys.stderr)
        return 130


def course_line(course) -> str:
    """The first line of every command: which course it works on."""
    return _("Course {id} in {folder}").format(id=course.coursedir.course_id, folder=course.root)


def quiet_library_warnings() -> None:
    """nbgrader's gradebook code triggers SQLAlchemy notices that mean nothing to a trainer."""
    from sqlalchemy.exc import SAWarning

    warnings.filterwarnings("ignore", category=SAWarning)


def _check(args, course) -> int:
    from course.authoring.lint import check_lessons, print_check

    return print_check(*check_lessons(source=course.folder("source"), only=args.lessons or None))


def _release(args, course) -> int:
    from course.authoring.release import release

    result = release(args.assignment, course=course, publish=not args.no_publish, language=args.language)
    out.print(_("Released {name}: learner version in {path}.").format(name=result.assignment, path=result.release_dir))
    return 0


def _collect(args, course) -> int:
    from course.grading.collect import collect

    summary = collect(args.assignment, course=course, student=args.student)
    out.print(summary.headline())
    if summary.refused:
        out.print(_outcome_table(_("Refused"), _("Reason"), summary.refused))
    return EXIT_SOME_FAILED if summary.refused else 0

def _workspace(args, course) -> int:
    from course.authoring.workspace import prepare_workspace

    result = prepare_workspace(course=course)
    out.print(_("Your lessons are in {path}: {new} new, {kept} kept as they were (your own work is never replaced).")
              .format(path=result.folder, new=len(result.new), kept=len(result.kept)), soft_wrap=True)
    return 0


def _grade(args, course) -> int:
    from course.grading.worker_forkserver import start_forkserver

    start_forkserver()  # the workers' parent imports the grading code while this process does too
    from course.grading.autograde import Shard, grade

    summary = grade(
        args.assignment, course=course, student=args.student, workers=args.workers, force=args.force,
        shard=Shard.parse(args.shard) if args.shard else Shard(), trust_learner_code=args.trust_learner_code,
    )
    print_grade_summary(summary)
    return EXIT_SOME_FAILED if summary.failed else 0


def _feedback(args, course) -> int:
    from course.grading.feedback import feedback

    pages = feedback(args.assignment, course=course)
    out.print(ngettext("Wrote {count} feedback page under feedback/.", "Wrote {count} feedback pages under feedback/.",
                       len(pages)).format(count=len(pages)))
    return 0


def _report(args, course) -> int:
    from course.reports.build import report

    rules = Rules(quiet_days=args.quiet_days, low_percent=args.low_percent, confidence_drop=args.confidence_drop)
    result = report(course=course, real_ids=args.real_ids, rules=rules)
    print(result.html)
    return 0


def _passport(args, course) -> int:
    from course.reports.passport import passports

    result = passports(course=course, students=args.student, real_names=args.real_names, pdf=not args.no_pdf)
    pages, pdfs = len(result.pages), len(result.pdfs)
    out.print(ngettext("Wrote {count} passport page in {path}.", "Wrote {count} passport pages in {path}.",
                       pages).format(count=pages, path=result.folder)
              + " " + ngettext("Printed {count} PDF.", "Printed {count} PDFs.", pdfs).format(count=pdfs))
    if result.pdf_problem:
        print(result.pdf_problem, file=sys.stderr)
    return EXIT_SOME_FAILED if result.pdf_problem and not result.browser_missing else 0


def _demo(args, course) -> int:
    from course.demo.run import demo
    from course.demo.summary import print_demo_summary

    result = demo(course=course, language=args.language)
    print_demo_summary(result)
    return 0


def _translate(args, course) -> int:
    from course.translate import commands

    if args.action == "update":
        return commands.print_update(course=course, languages=args.language)
    return commands.print_status(course=course, languages=args.language)


def _setup(args, course) -> int:
    from course.setup import setup

    path = setup(course=course)
    out.print(_("nbgrader in this environment now reads the course settings ({path}).").format(path=path))
    return 0


def _privacy(args, course) -> int:
    from course.privacy.inventory import inventory_text

    print(inventory_text(course=course))
    return 0


def _learner_export(args, course) -> int:
    from pathlib import Path

    from course.privacy.export import export

    result = export(args.student, course=course, output=Path(args.output) if args.output else None)
    out.print(_("Wrote {path}: {grades} grade rows and {files} files. It holds personal data: give it to the "
                "learner safely, then delete it.").format(path=result.archive, grades=result.grades,
                                                          files=result.files))
    return 0


def _learner_erase(args, course) -> int:
    from course.privacy.erase import erase

    result = erase(args.student, course=course, dry_run=args.dry_run)
    return print_erasure(result)


def print_erasure(result) -> int:
    heading = _("Would remove:") if result.dry_run else _("Removed:")
    out.print(heading)
    for item in result.removed:
        out.print("  " + item)
    if result.left:
        print(_("Still naming the learner (remove or edit these, then run the same command again):"),
              file=sys.stderr)
        for item in result.left:
            print("  " + item, file=sys.stderr)
        return EXIT_SOME_FAILED
    if not result.dry_run:
        out.print(_("Learner {id} is erased. On a hub, also remove their hub user and home (docs/hub.md).")
                  .format(id=result.student))
    return 0


def _learner_hold(args, course) -> int:
    from course.privacy.holds import hold

    hold(args.student, course=course, reason=args.reason)
    out.print(_("Learner {id} is on hold: erase will refuse until course learner unhold {id}.").format(
        id=args.student))
    return 0


def _learner_unhold(args, course) -> int:
    from course.privacy.holds import release_hold

    if not release_hold(args.student, course=course):
        raise CourseError(_("Learner '{id}' is not on hold: nothing was changed.").format(id=args.student))
    out.print(_("Learner {id} is no longer on hold.").format(id=args.student))
    return 0


def _retention(args, course) -> int:
    from course.privacy.retention import retention

    result = retention(course=course, older_than_days=args.older_than, dry_run=args.dry_run)
    for erasure in result.erased:
        out.print(_("{id}: last hand-in before {day}").format(id=erasure.student, day=f"{result.cutoff:%Y-%m-%d}"))
    for student in result.kept_on_hold:
        out.print(_("{id}: kept, on hold").format(id=student))
    total = _("Learners who would be erased: {count}.") if args.dry_run else _("Learners erased: {count}.")
    out.print(total.format(count=len(result.erased)))
    return EXIT_SOME_FAILED if any(erasure.left for erasure in result.erased) else 0


def print_grade_summary(summary) -> None:
    out.print(summary.headline())
    if summary.skipped:
        out.print(ngettext("{count} learner skipped: graded already (use --force to grade them again).",
                           "{count} learners skipped: graded already (use --force to grade them again).",
                           len(summary.skipped)).format(count=len(summary.skipped)))
    if summary.notes:
        out.print(_outcome_table(_("Graded, with a note"), _("Note"), summary.notes))
    if summary.failed:
        out.print(_outcome_table(_("Not graded"), _("Reason"), summary.failed))


def _outcome_table(title: str, heading: str, outcomes):
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    table.add_column(_("Learner"))
    table.add_column(heading)
    for outcome in outcomes:
        table.add_row(outcome.student, outcome.reason)
    return table
