"""Fixtures for tests that drive a real browser (marker `browser`) or hub (marker `hub`)."""
import pytest

from tests.conftest import launched_chromium
from tests.e2e.browser import artifact_dir


@pytest.fixture(scope="package")
def chromium():
    """One headless Debian chromium for the browser tests, closed when they end."""
    yield from launched_chromium()


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
