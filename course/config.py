"""Where the course lives and what its configuration says.

The kit keeps no second copy of nbgrader's settings: it loads
``config/nbgrader_config.py`` with traitlets, exactly as nbgrader does, and
reads the folders from nbgrader's own :class:`~nbgrader.coursedir.CourseDirectory`.
The kit's own options live in the same file, under ``c.CourseKit``.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from nbgrader.coursedir import CourseDirectory
from traitlets import Bool, Int, Unicode
from traitlets.config import Config, Configurable
from traitlets.config.loader import PyFileConfigLoader

from course.errors import CourseError
from course.i18n import _, set_language
from course.locate import CONFIG_DIR_NAME, CONFIG_FILE_NAME, nearest_course_root


class CourseKit(Configurable):
    """The kit's own settings, read from ``c.CourseKit`` in the course configuration."""

    language = Unicode("en", help="Language of the cohort: lessons, trainer output and reports: en, es, ro, bg, it or fr.").tag(
        config=True
    )
    learner_text = Bool(
        False, help="Learners' lessons show text instead of buttons and lists (CODENSOCIAL_TEXT=1 does the same)."
    ).tag(config=True)
    learner_workspace = Unicode(
        "my-lessons",
        help="Folder, under the course root, where laptop and Binder learners keep their own copies of the lessons.",
    ).tag(config=True)
    reports_directory = Unicode("reports", help="Folder, under the course root, for reports.").tag(
        config=True
    )
    retention_days = Int(
        365, help="Days after a learner's last hand-in that `course retention` keeps their data.",
    ).tag(config=True)
    secret_file = Unicode(
        ".course-secret",
        help="File, under the course root, holding the key that makes learner pseudonyms.",
    ).tag(config=True)


@dataclass(frozen=True)
class Course:
    """One course on disk: its root, its loaded configuration and nbgrader's view of it."""

    root: Path
    config: Config

    @property
    def coursedir(self) -> CourseDirectory:
        return CourseDirectory(config=self.config)

    @property
    def kit(self) -> CourseKit:
        return CourseKit(config=self.config)

    @property
    def home(self) -> Path:
        """nbgrader's course root: where the stage folders and the gradebook live."""
        return Path(self.coursedir.root)

    @property
    def config_dir(self) -> Path:
        return self.root / CONFIG_DIR_NAME

    def folder(self, name: str) -> Path:
        """The stage folder *name* ("source", "release", "submitted", ...) from nbgrader's settings."""
        return self.home / getattr(self.coursedir, f"{name}_directory")

    @property
    def reports_dir(self) -> Path:
        return self.home / self.kit.reports_directory

    @property
    def workspace_dir(self) -> Path:
        """Where laptop and Binder learners work (my-lessons/): their copies, never overwritten."""
        return self.home / self.kit.learner_workspace

    @property
    def secret_path(self) -> Path:
        return self.home / self.kit.secret_file

    def assignments(self) -> list[str]:
        """The lessons found in source/, in name order."""
        source = self.folder("source")
        if not source.is_dir():
            return []
        return sorted(p.name for p in source.iterdir() if p.is_dir() and not p.name.startswith("."))

    def require_assignment(self, assignment: str) -> None:
        """Raise a :class:`CourseError` unless *assignment* is a lesson in source/."""
        known = self.assignments()
        if assignment not in known:
            raise CourseError(
                _("There is no lesson called '{name}' in source/. Known lessons: {known}.").format(
                    name=assignment, known=", ".join(known) or _("none")
                )
            )


def find_course_root(start: Path | None = None) -> Path:
    """The nearest folder, from *start* upwards, that holds config/nbgrader_config.py.

    No fallback to the course the kit was installed from: a trainer's command run in the wrong
    folder stops with one line instead of acting on another course.
    """
    root = nearest_course_root(start)
    if root is not None:
        return root
    raise CourseError(
        _("No course found in {folder} or above it: go to a Code-n-Social course folder "
          "(one with config/nbgrader_config.py) and run the command again.").format(folder=(start or Path.cwd()))
    )


def load_course(root: Path | None = None, overrides: Config | None = None) -> Course:
    """Load the course at *root* (default: found from the current folder).

    *overrides* are merged over the file's settings; the demo uses them to
    work in a folder of its own.
    """
    root = Path(root).resolve() if root else find_course_root()
    config_file = root / CONFIG_DIR_NAME / CONFIG_FILE_NAME
    if not config_file.is_file():
        raise CourseError(_("No course configuration at {path}.").format(path=config_file))
    loader = PyFileConfigLoader(CONFIG_FILE_NAME, path=str(config_file.parent))
    config = loader.load_config()
    if overrides is not None:
        config.merge(overrides)
    course = Course(root=root, config=config)
    set_language(course.kit.language)
    use_course_environment(course)
    return course


def use_course_environment(course: Course) -> None:
    """Make nbgrader, and any program it starts, see this course's configuration.

    nbgrader reads JUPYTER_CONFIG_PATH; some of its commands (``nbgrader db``
    calls alembic) also need the environment's bin/ on PATH.
    """
    os.environ["JUPYTER_CONFIG_PATH"] = os.pathsep.join(
        dict.fromkeys([str(course.config_dir), *_split(os.environ.get("JUPYTER_CONFIG_PATH", ""))])
    )
    put_environment_bin_on_path()


def put_environment_bin_on_path() -> None:
    """nbgrader starts programs of this environment (alembic) by name: make sure they are found."""
    bin_dir = str(Path(sys.executable).parent)
    path = _split(os.environ.get("PATH", ""))
    if bin_dir not in path:
        os.environ["PATH"] = os.pathsep.join([bin_dir, *path])


def _split(value: str) -> list[str]:
    return [part for part in value.split(os.pathsep) if part]
