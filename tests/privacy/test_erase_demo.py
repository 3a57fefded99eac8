"""Learners' data rights on the demo course: export, erase (also after kill -9), retention."""
import csv
import hashlib
import io
import os
import shutil
import signal
import subprocess
import sys
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from course.config import load_course
from course.demo.run import DEMO_DIR, demo, demo_course
from course.nbgrader_api import gradebook_for
from course.privacy.erase import STEPS, erase
from course.privacy.export import export, gradebook_rows
from course.privacy.holds import hold
from course.privacy.retention import retention
from course.reports.passport import passports
from course.reports.pseudonyms import load_key, pseudonym
from tests.helpers import REPO, copy_course

pytestmark = pytest.mark.slow
GONE = "demo-ana"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    """The demo, run once, with passports and an export made: every place holds data."""
    course = copy_course(tmp_path_factory.mktemp("privacy") / "course")
    result = demo(course=course)
    passports(course=result.course, pdf=False)
    export(GONE, course=result.course)
    return course.root


@pytest.fixture
def demo_copy(pristine, tmp_path):
    """A fresh copy of the demo course, for a test that changes it."""
    root = tmp_path / "course"
    shutil.copytree(pristine, root, symlinks=True)
    return demo_course(load_course(root))


def files_naming(root: Path, needles: list[bytes]) -> list[str]:
    found = []
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix in (".xlsx", ".zip"):
                with zipfile.ZipFile(path) as book:
                    data += b"".join(book.read(name) for name in book.namelist())
            if any(n in data or n.decode() in path.name for n in needles):
                found.append(str(path.relative_to(root)))
    return found


def others_fingerprint(course) -> dict:
    """Each other learner's gradebook rows and the bytes of their folders."""
    with gradebook_for(course) as gradebook:
        others = [s.id for s in gradebook.students if s.id != GONE]
    prints = {}
    for student in others:
        rows = gradebook_rows(course, student)[1]
        files = {}
        for stage in ("submitted", "autograded", "feedback"):
            for path in sorted((course.folder(stage) / student).rglob("*")):
                if path.is_file():
                    files[str(path.relative_to(course.home))] = hashlib.sha256(path.read_bytes()).hexdigest()
        prints[student] = (rows, files)
    return prints


def needles(course) -> list[bytes]:
    return [GONE.encode(), pseudonym(GONE, load_key(course.secret_path)).encode()]


def assert_erased(course, before: dict) -> None:
    root = course.root
    assert files_naming(root / DEMO_DIR, needles(course)) == []
    assert files_naming(course.reports_dir, needles(course)) == []
    assert others_fingerprint(course) == before


def test_erase_leaves_no_trace_and_other_learners_as_they_were(demo_copy):
    """After erasing one learner, does any file, gradebook row or report cell still name them?"""
    before = others_fingerprint(demo_copy)
    assert files_naming(demo_copy.root / DEMO_DIR, needles(demo_copy))  # the control: they are there first
    result = erase(GONE, course=demo_copy)
    assert result.left == [] and result.removed
    assert_erased(demo_copy, before)
    with gradebook_for(demo_copy) as gradebook:
        assert GONE not in {s.id for s in gradebook.students}


def test_dry_run_lists_and_changes_nothing(demo_copy):
    """Does --dry-run list what would go, without removing anything?"""
    snapshot = sorted(str(p) for p in demo_copy.root.rglob("*"))
    result = erase(GONE, course=demo_copy, dry_run=True)
    assert any("submitted" in item for item in result.removed)
    assert sorted(str(p) for p in demo_copy.root.rglob("*")) == snapshot


KILLER = """
import os, signal, sys
from course.config import load_course
from course.demo.run import demo_course
from course.privacy import erase as e
step = sys.argv[2]
original = e.RUN[step]
def then_die(*args):
    original(*args)
    os.kill(os.getpid(), signal.SIGKILL)
e.RUN[step] = then_die
e.erase("demo-ana", course=demo_course(load_course(sys.argv[1])))
"""


@pytest.mark.parametrize("step", STEPS[1:-1])
def test_an_erase_killed_after_each_step_is_finished_by_running_it_again(demo_copy, step):
    """Does an erase stopped by kill -9 after the step end, when run again, with the same result?"""
    before = others_fingerprint(demo_copy)
    killed = subprocess.run([sys.executable, "-c", KILLER, str(demo_copy.root), step], cwd=REPO,
                            capture_output=True, text=True, timeout=120)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert files_naming(demo_copy.root / DEMO_DIR, needles(demo_copy))  # the control: the erase is not done
    result = erase(GONE, course=demo_copy)
    assert result.left == []
    assert_erased(demo_copy, before)


def test_the_export_holds_every_grade_and_opens_as_a_table(demo_copy, tmp_path):
    """Does the export hold every grade the gradebook has for the learner, in a CSV a spreadsheet reads?"""
    made = export(GONE, course=demo_copy, output=tmp_path / "ana.zip")
    with gradebook_for(demo_copy) as gradebook:
        expected = {(g.name, g.score) for nb in gradebook.find_submission("01-first-words", GONE).notebooks
                    for g in nb.grades}
    with zipfile.ZipFile(made.archive) as book:
        names = book.namelist()
        rows = list(csv.DictReader(io.StringIO(book.read("grades.csv").decode("utf-8-sig"))))
    assert {(r["exercise"], float(r["score"])) for r in rows} == expected and len(rows) == len(expected)
    assert "README.txt" in names and "confidence.json" in names
    assert any(n.startswith("submitted/") and n.endswith(".ipynb") for n in names)
    assert any(n.startswith("feedback/") for n in names) and any(n.startswith("passports/") for n in names)
    assert oct(made.archive.stat().st_mode & 0o777) == oct(0o600)


def test_retention_erases_the_old_and_keeps_holds(demo_copy):
    """Does retention list everyone past the period, keep a learner on hold, and erase for real?"""
    later = datetime.now(timezone.utc) + timedelta(days=400)
    assert retention(course=demo_copy, dry_run=True).erased == []  # all handed in today
    hold(GONE, course=demo_copy, reason="funder audit until 2030")
    planned = retention(course=demo_copy, older_than_days=365, dry_run=True, now=later)
    assert GONE in planned.kept_on_hold and len(planned.erased) == 11
    done = retention(course=demo_copy, older_than_days=365, now=later)
    assert all(e.left == [] for e in done.erased)
    with gradebook_for(demo_copy) as gradebook:
        assert [s.id for s in gradebook.students] == [GONE]
