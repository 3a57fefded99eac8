"""The `course` command: thin, plain-spoken, and safe with bad input."""
import pytest

from course import cli
from tests.helpers import PILOT


def run(capsys, *args):
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def files_under(root):
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


def test_help_shows_the_pipeline_in_order(capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(["--help"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    steps = [out.index(f"course {step}") for step in ("release", "grade", "feedback", "report")]
    assert steps == sorted(steps)


@pytest.mark.parametrize("command", ["release", "grade", "feedback"])
def test_unknown_lesson_is_one_line_exit_2_nothing_written(course, monkeypatch, capsys, command):
    monkeypatch.chdir(course.root)
    before = files_under(course.root)
    code, out, err = run(capsys, command, "99-no-such-lesson")
    assert code == 2
    assert err.count("\n") == 1 and "99-no-such-lesson" in err and PILOT in err
    assert files_under(course.root) == before


def test_grading_before_release_says_to_release_first(course, monkeypatch, capsys):
    monkeypatch.chdir(course.root)
    before = files_under(course.root)
    code, _, err = run(capsys, "grade", PILOT)
    assert code == 2 and "course release" in err and err.count("\n") == 1
    assert files_under(course.root) == before


@pytest.mark.slow
def test_missing_submitted_folder_is_one_line_exit_2_nothing_written(released, monkeypatch, capsys):
    monkeypatch.chdir(released.root)
    assert not released.folder("submitted").exists()
    before = files_under(released.root)
    code, _, err = run(capsys, "grade", PILOT)
    assert code == 2 and "submitted/" in err and err.count("\n") == 1
    assert files_under(released.root) == before


def test_report_without_gradebook_is_one_line_exit_2(course, monkeypatch, capsys):
    monkeypatch.chdir(course.root)
    before = files_under(course.root)
    code, _, err = run(capsys, "report")
    assert code == 2 and "gradebook" in err and err.count("\n") == 1
    assert files_under(course.root) == before


def test_every_command_forwards_to_one_function():
    """Does every subcommand, including ones added later (and nested ones), end in one handler?"""
    parser = cli.build_parser()
    names = [argv[0] for argv in command_lines(parser)]
    assert {"release", "grade", "feedback", "report", "passport", "demo", "setup", "learner"} <= set(names)
    for argv in command_lines(parser):
        assert callable(parser.parse_args(argv).run), argv


def command_lines(parser, prefix=()):
    """One argument list per leaf command, with its required arguments filled in."""
    import argparse

    subs = [action for action in parser._actions if isinstance(action, argparse._SubParsersAction)]
    if not subs:
        needed = []
        for action in parser._actions:
            if action.required and action.option_strings:
                needed += [action.option_strings[0], "x"]
            elif action.required or (not action.option_strings and action.nargs is None):
                needed.append("x")
        yield [*prefix, *needed]
        return
    for name, sub in subs[0].choices.items():
        yield from command_lines(sub, (*prefix, name))


@pytest.mark.slow
def test_grade_lists_a_damaged_submission_and_exits_1(released, monkeypatch, capsys):
    """The trainer sees who could not be graded and why; the others are graded."""
    from tests.helpers import submit

    monkeypatch.chdir(released.root)
    submit(released, "cli-ok", {})
    submit(released, "cli-broken", {}).write_bytes(b"\x00\x01 not a notebook")
    code, out, err = run(capsys, "grade", PILOT)
    assert code == 1
    assert "cli-broken" in out and "damaged" in out
    assert "1 could not be graded" in out
    assert (released.folder("autograded") / "cli-ok" / PILOT).is_dir()


@pytest.mark.parametrize("command", [["release", PILOT], ["grade", PILOT], ["feedback", PILOT], ["report"],
                                     ["passport"], ["check"], ["setup"], ["demo"]])
def test_outside_a_course_every_command_refuses_in_one_line(tmp_path, monkeypatch, capsys, command):
    """Run in a folder with no course in or above it, does each command refuse (exit 2) and write nothing?"""
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, *command)
    assert code == 2
    assert err.count("\n") == 1 and "No course found" in err
    assert not any(tmp_path.iterdir())


def test_every_command_names_its_course_first(course, monkeypatch, capsys):
    """Does a command's first line say which course it works on, even from a sub-folder of the course?"""
    monkeypatch.chdir(course.folder("source") / PILOT)
    code, out, _err = run(capsys, "grade", PILOT)  # refused (nothing released), still named first
    first = out.splitlines()[0]
    assert first.startswith("Course code-n-social") and str(course.root) in first


def test_a_command_in_the_demo_folder_works_on_the_demo(course, monkeypatch, capsys):
    """Does a command run inside demo/ (after `course demo` made it) work on the demo course, not the main one?"""
    from course.demo.run import prepare

    from course.config import load_course

    demo = prepare(course)
    inside = load_course(demo.home)  # what a command run inside demo/ loads
    assert inside.home == demo.home == course.root / "demo"
    assert inside.coursedir.db_url == demo.coursedir.db_url and inside.reports_dir == demo.reports_dir
    monkeypatch.chdir(demo.home / "source")
    code, out, _err = run(capsys, "grade", PILOT)
    assert str(demo.home) in out.splitlines()[0]


@pytest.mark.slow
def test_passport_in_the_demo_folder_works_on_the_demo(course, monkeypatch, capsys):
    """Does `course passport` in demo/ use the demo course (here: no gradebook yet), never "Wrote 0 passport page(s)"?"""
    from course.demo.run import prepare

    monkeypatch.chdir(prepare(course).home)
    code, out, err = run(capsys, "passport", "--no-pdf")
    assert "demo" in out.splitlines()[0]
    assert "Wrote 0 passport" not in out and code == 2 and "gradebook" in err


def test_release_help_says_releasing_again_is_safe(capsys):
    """Does `course release --help` say what a second release does (a new version, learners' work kept)?"""
    with pytest.raises(SystemExit):
        cli.main(["release", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "Releasing a lesson again is safe" in out and "keep their own copy and their work" in out
