"""Every place where the kit keeps data on a learner: what it holds, why, for how long, and where.

Like a privacy-API declaration, each :class:`Place` says what it stores (for a partner's record of
processing and its privacy notice) and finds that learner's data in it, so that export and erasure
cover the same list. A place the kit cannot reach from the course folder (the learner's own home on a
hub) is declared too, with what the trainer must do there.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from course.config import Course
from course.grading.writer import BACKUP_FOLDER
from course.i18n import N_

HOME_DIRS = "learners"  # the demo keeps its learners' homes here; a hub keeps them in /home


@dataclass(frozen=True)
class Place:
    """One place that holds learner data. *find* lists that learner's paths in it (files or folders)."""

    key: str
    where: str
    holds: str
    why: str
    keep: str
    find: Callable[[Course, str], list[Path]] | None = None


def stage_folder(stage: str) -> Callable[[Course, str], list[Path]]:
    """The learner's folder in one of nbgrader's stage folders (submitted/, autograded/, feedback/)."""
    def find(course: Course, student: str) -> list[Path]:
        folder = course.folder(stage) / student
        return [folder] if os.path.lexists(folder) else []
    return find


def exchange_inbound(course: Course, student: str) -> list[Path]:
    """The learner's submissions waiting in the exchange (nbgrader names them "<id>+<lesson>+<time>+<random>")."""
    inbound = exchange_course(course) / "inbound"
    if not inbound.is_dir():
        return []
    return sorted(entry for entry in inbound.iterdir() if entry.name.split("+", 1)[0] == student)


def exchange_feedback(course: Course, student: str) -> list[Path]:
    """Feedback pages released to the learner through the exchange: named by a hash of their submission."""
    folder = exchange_course(course) / "feedback"
    if not folder.is_dir():
        return []
    hashes = set(submission_hashes(course, student))
    return sorted(page for page in folder.iterdir() if page.stem in hashes)


def submission_hashes(course: Course, student: str) -> Iterator[str]:
    """nbgrader's feedback names: the hash of each submitted notebook with its timestamp."""
    from nbgrader.utils import notebook_hash

    for lesson in _children(course.folder("submitted") / student):
        stamp_file = lesson / "timestamp.txt"
        stamp = stamp_file.read_text(encoding="utf-8", errors="replace").strip() if stamp_file.is_file() else None
        for notebook in lesson.glob("*.ipynb"):
            if notebook.is_file() and not notebook.is_symlink():
                yield notebook_hash(str(notebook), stamp)


def exchange_course(course: Course) -> Path:
    from nbgrader.exchange.default.exchange import Exchange

    exchange = Exchange(coursedir=course.coursedir, config=course.config)
    return Path(exchange.root) / course.coursedir.course_id


def gradebook_backups(course: Course, student: str) -> list[Path]:
    """Every backup copy of the gradebook (each holds the learner's rows until it is cleaned)."""
    folder = course.home / BACKUP_FOLDER
    return sorted(folder.glob("*.db")) if folder.is_dir() else []


def report_files(course: Course, student: str) -> list[Path]:
    """Files under reports/ that name the learner by ID or pseudonym (passports are named by pseudonym)."""
    folder = course.reports_dir
    if not folder.is_dir():
        return []
    needles = identifiers(course, student)
    return sorted(path for path in folder.rglob("*") if path.is_file() and _mentions(path, needles))


def learner_home(course: Course, student: str) -> list[Path]:
    """A learner home kept inside the course folder (the demo's learners/<id>/)."""
    folder = course.home / HOME_DIRS / student
    return [folder] if os.path.lexists(folder) else []


def exports(course: Course, student: str) -> list[Path]:
    """Archives made by `course learner export` (named by pseudonym)."""
    from course.privacy.export import EXPORTS_DIR
    from course.privacy.storage import course_pseudonym

    name, folder = course_pseudonym(course, student), course.home / EXPORTS_DIR
    return sorted(folder.glob(f"{name}-*.zip")) if name and folder.is_dir() else []


def identifiers(course: Course, student: str) -> list[bytes]:
    """What names the learner in a file: the ID and the pseudonym."""
    from course.privacy.storage import course_pseudonym

    names = [student, course_pseudonym(course, student)]
    return [name.encode("utf-8") for name in names if name]


def _mentions(path: Path, needles: list[bytes]) -> bool:
    """Does the file name or its bytes hold one of *needles*? (xlsx and pdf are zipped/compressed: see text)."""
    if any(needle.decode() in path.name for needle in needles):
        return True
    try:
        data = path.read_bytes()
    except OSError:
        return False
    if path.suffix == ".xlsx":
        data = _xlsx_text(path)
    return any(needle in data for needle in needles)


def _xlsx_text(path: Path) -> bytes:
    import zipfile

    try:
        with zipfile.ZipFile(path) as book:
            return b"".join(book.read(name) for name in book.namelist() if name.endswith(".xml"))
    except (OSError, zipfile.BadZipFile):
        return path.read_bytes()


def _children(folder: Path) -> list[Path]:
    if not folder.is_dir() or folder.is_symlink():
        return []
    return sorted(child for child in folder.iterdir() if child.is_dir() and not child.is_symlink())


PLACES: tuple[Place, ...] = (
    Place("gradebook", N_("gradebook (gradebook.db or the PostgreSQL database)"),
          N_("learner ID, optional name and e-mail; per lesson: submission time, lateness, the score of every "
             "exercise, the trainer's marks and comments"),
          N_("to grade the course and tell the learner and the trainer how it goes"),
          N_("until the end of the course plus the retention period (course retention)")),
    Place("submitted", "submitted/<ID>/", N_("the notebooks the learner handed in, with their answers, "
          "confidence check and skills inventory, and the time of handing in"),
          N_("to grade the work and to show the learner's progress"),
          N_("until the end of the course plus the retention period"), stage_folder("submitted")),
    Place("autograded", "autograded/<ID>/", N_("the graded copies of those notebooks, with the results of "
          "every check"), N_("to show the trainer what each check found"),
          N_("until the end of the course plus the retention period"), stage_folder("autograded")),
    Place("feedback", "feedback/<ID>/", N_("one feedback page per lesson: the answers and the results in words"),
          N_("to give the learner feedback"), N_("until the end of the course plus the retention period"),
          stage_folder("feedback")),
    Place("exchange-inbound", "exchange/<course>/inbound/<ID>+...", N_("copies of handed-in notebooks on "
          "their way to the trainer"), N_("nbgrader's way of handing work in"),
          N_("until the end of the course plus the retention period"), exchange_inbound),
    Place("exchange-feedback", "exchange/<course>/feedback/<hash>.html", N_("feedback pages released to the "
          "learner, named by a code made from their notebook"), N_("so that the learner can fetch feedback"),
          N_("until the end of the course plus the retention period"), exchange_feedback),
    Place("backups", BACKUP_FOLDER + "/", N_("copies of the gradebook from before each grading run (the last "
          "five)"), N_("to undo a grading run that went wrong"),
          N_("replaced at each grading run; cleaned of a learner when that learner is erased"), gradebook_backups),
    Place("reports", "reports/", N_("trainer reports (HTML, Excel, CSV) and skills passports, with learners "
          "shown by pseudonym unless the trainer asked for real IDs"),
          N_("to see who needs help, and to give the learner a passport"),
          N_("delete old reports when they are no longer needed; an erased learner's are removed"), report_files),
    Place("learner-homes", HOME_DIRS + "/<ID>/ (demo) or the hub user's home",
          N_("the learner's own copies of the lessons and ~/.codensocial/progress.json (which self-checks they "
             "passed, and when)"),
          N_("so that the learner can work and see their own progress"),
          N_("on a hub: until the hub user is removed (see docs/hub.md); the kit removes the demo's copies"),
          learner_home),
    Place("workspace", "my-lessons/, release-backups/ (laptop, Binder)",
          N_("on a laptop or Binder: the learner's own lesson copies, and copies of work found in release/"),
          N_("so that the learner can work and never lose their work"),
          N_("until the learner or the computer's owner deletes the folder (Binder forgets it at the end of a "
             "session)")),
    Place("exports", "exports/", N_("archives made for a learner's access request (course learner export)"),
          N_("to give learners a copy of their data"), N_("delete an archive once the learner has it"), exports),
)
