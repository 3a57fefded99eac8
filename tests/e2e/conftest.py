"""Fixtures for tests that drive a real browser (marker `browser`) or hub (marker `hub`)."""
import pytest

from tests.e2e.browser import CHROMIUM, CHROMIUM_ARGS, artifact_dir, chromium_missing


@pytest.fixture(scope="session")
def chromium():
    """One headless Debian chromium for the whole run. A missing browser fails, never skips."""
    missing = chromium_missing()
    if missing:
        pytest.fail(missing)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def artifacts(request):
    """Folder test-artifacts/<test>/ for this test's screenshots."""
    return artifact_dir(request.node.name)


@pytest.fixture
def page(chromium):
    """A fresh page in its own browser context; console errors are collected in page.console_errors."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    yield page
    context.close()
