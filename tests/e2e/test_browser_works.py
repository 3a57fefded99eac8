import pytest

pytestmark = pytest.mark.browser


def test_chromium_renders_a_local_page(page, artifacts, tmp_path):
    """Can the tests drive Debian's chromium at all (launch, render, screenshot)?"""
    html = tmp_path / "hello.html"
    html.write_text('<!doctype html><html lang="en"><title>t</title><button>Start</button></html>')
    page.goto(html.as_uri())
    assert page.get_by_role("button", name="Start").is_visible()
    page.screenshot(path=artifacts / "hello.png")
    assert (artifacts / "hello.png").stat().st_size > 0
