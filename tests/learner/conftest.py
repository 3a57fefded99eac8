import pytest

from course import i18n
from course.learner import settings


@pytest.fixture(autouse=True)
def plain_learner_settings(monkeypatch):
    """Each test starts in English, with widgets, and keeps no progress unless it asks to."""
    for name in ("CODENSOCIAL_LANG", "CODENSOCIAL_TEXT", "CODENSOCIAL_PROGRESS", "JPY_SESSION_NAME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(settings, "_text_mode", None)
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def progress_file(tmp_path, monkeypatch):
    """Progress is kept in a file of this test's own."""
    path = tmp_path / "home" / "progress.json"
    monkeypatch.setenv("CODENSOCIAL_PROGRESS", str(path))
    return path
