"""My progress: lessons done and checks passed, kept in a small file."""
import json

from course.learner import progress as p


def test_nothing_is_kept_outside_a_jupyter_session(monkeypatch, capsys):
    assert p.progress_path() is None
    assert p.record(exercise="ex1", passed=True) is False
    p.my_progress()
    assert "not kept here" in capsys.readouterr().out
    monkeypatch.setenv("JPY_SESSION_NAME", "/somewhere/01-first-words.ipynb")
    assert p.progress_path().name == "progress.json"
    monkeypatch.setenv("CODENSOCIAL_PROGRESS", "off")
    assert p.progress_path() is None


def test_lessons_done_and_checks_passed_in_words(progress_file, capsys):
    p.start_lesson("01-first-words", checks=2)
    p.record(exercise="ex1", passed=True)
    p.record(exercise="ex2", passed=False)
    p.record(exercise="a", passed=True, lesson="00-welcome")
    p.my_progress()
    out = capsys.readouterr().out
    from course.curriculum import load_curriculum

    total = len(load_curriculum().lessons)
    assert total >= 6 and f"Lessons done: 0 of {total}." in out
    assert "01-first-words: 1 of 2 checks passed. Keep going!" in out
    assert "00-welcome: 1 of 1 checks you tried passed." in out
    p.record(exercise="ex2", passed=True, lesson="01-first-words")
    assert "✓ 01-first-words: all 2 checks passed. Lesson done!" in p.progress_text(p.load())
    assert f"Lessons done: 1 of {total}." in p.progress_text(p.load())


def test_lessons_done_count_all_the_course_lessons_and_say_which(progress_file):
    """In a course of N lessons, after one lesson done and one started: "1 of N", and which ones?"""
    from course.curriculum import load_curriculum

    course = load_curriculum().lessons
    assert len(course) >= 6  # the installed kit's curriculum
    p.start_lesson("01-first-words", checks=1)
    p.record(exercise="ex1", passed=True)
    p.record(exercise="a", passed=False, lesson="00-welcome")
    text = p.progress_text(p.load())
    lines = text.splitlines()
    assert lines[1] == f"Lessons done: 1 of {len(course)}."
    assert lines[2] == "Done: 01-first-words."
    assert [line.split(":")[0].lstrip("✓• ") for line in lines[3:]] == course  # every lesson, in course order
    assert "• 05-working-with-data: not started yet." in lines
    assert p.progress_text(p.load(), lessons=["x", "y", "01-first-words"]).splitlines()[1] == "Lessons done: 1 of 4."


def test_an_empty_record_invites_a_first_check(progress_file, capsys):
    p.my_progress()
    assert "You have not run a self-check yet" in capsys.readouterr().out


def test_a_damaged_file_is_read_as_empty_and_never_crashes(progress_file):
    progress_file.parent.mkdir(parents=True)
    for damage in ("{not json", "[1, 2]", '{"lessons": 3}', '{"lessons": {"x": {"results": 5, "checks": "a"}}}'):
        progress_file.write_text(damage)
        p.progress_text(p.load())
        assert p.record(exercise="ex1", passed=True, lesson="x") is True
    data = json.loads(progress_file.read_text())
    assert data["lessons"]["x"]["results"]["ex1"]["passed"] is True


def test_an_unwritable_place_is_fine(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("CODENSOCIAL_PROGRESS", str(blocker / "sub" / "progress.json"))
    assert p.record(exercise="ex1", passed=True) is False
    p.start_lesson("x", checks=3)
