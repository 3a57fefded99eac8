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


def launched_chromium():
    """One headless Debian chromium, yielded (a missing browser fails, never skips).

    Playwright's sync API allows one at a time in a process and keeps an event loop running while it is
    open, so each browser package (tests/e2e, tests/site) opens its own with scope="package" and closes it
    when the package ends: the loop never reaches the tests that use asyncio.
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
