"""Language and text mode come from the environment or the course configuration."""
from course import i18n
from course.learner import settings


def course_with(tmp_path, lines: str):
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "nbgrader_config.py").write_text("c = get_config()\n" + lines)
    lesson = tmp_path / "release" / "01-first-words"
    lesson.mkdir(parents=True)
    return lesson


def test_the_nearest_course_configuration_is_found_from_a_lesson_folder(tmp_path, monkeypatch):
    lesson = course_with(tmp_path, 'c.CourseKit.language = "es"\nc.CourseKit.learner_text = True\n')
    assert settings.find_config(lesson) == tmp_path / "config" / "nbgrader_config.py"
    monkeypatch.chdir(lesson)
    settings.course_settings.cache_clear()
    try:
        settings.apply_language()
        assert i18n.current_language() == "es"
        assert settings.text_mode() is True
        monkeypatch.setenv("CODENSOCIAL_TEXT", "0")
        assert settings.text_mode() is False
        monkeypatch.setenv("CODENSOCIAL_LANG", "en")
        settings.apply_language()
        assert i18n.current_language() == "en"
    finally:
        settings.course_settings.cache_clear()


def test_a_broken_course_file_leaves_the_defaults(tmp_path, monkeypatch):
    lesson = course_with(tmp_path, "this is not python\n")
    monkeypatch.chdir(lesson)
    settings.course_settings.cache_clear()
    try:
        assert settings.course_settings() == {}
        assert settings.text_mode() is False
    finally:
        settings.course_settings.cache_clear()


def test_use_text_switches_for_this_session(monkeypatch):
    monkeypatch.setenv("CODENSOCIAL_TEXT", "0")
    settings.use_text()
    assert settings.text_mode() is True
    settings.use_text(False)
    assert settings.text_mode() is False


def test_importing_the_toolkit_in_a_trainer_tool_keeps_its_language():
    """The reports import the confidence statements; that must not switch the trainer's language."""
    import importlib

    import course.learner

    i18n.set_language("es")
    importlib.reload(course.learner)
    assert i18n.current_language() == "es"
    assert settings.in_kernel() is False
