import pytest

from course.authoring.release import release
from course.config import put_environment_bin_on_path
from tests.helpers import PILOT, copy_course


put_environment_bin_on_path()


@pytest.fixture
def course(tmp_path):
    """A fresh course (configuration and lessons) in a temporary folder; nothing released."""
    return copy_course(tmp_path / "course")


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    """A course in a temporary folder with the pilot lesson released (shared by a module's tests)."""
    course = copy_course(tmp_path_factory.mktemp("released") / "course")
    release(PILOT, course=course)
    return course


@pytest.fixture(scope="session")
def chromium():
    """One headless Debian chromium for the whole run (Playwright's sync API allows one per process).

    A missing browser fails, never skips.
    """
    from tests.e2e.browser import CHROMIUM, CHROMIUM_ARGS, chromium_missing

    missing = chromium_missing()
    if missing:
        pytest.fail(missing)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
