"""The site tests' browser: one Chromium for this package, closed when it ends."""
import pytest

from tests.conftest import launched_chromium


@pytest.fixture(scope="package")
def chromium():
    yield from launched_chromium()
