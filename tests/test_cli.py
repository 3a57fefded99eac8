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
