"""A learner in Spain and a learner in Bulgaria work through lesson 1 in their language, by keyboard.

For each language the cohort's course (c.CourseKit.language) releases the pilot from its PO file,
JupyterLab opens the released lesson with the kit's settings (menus in that language where a
language pack exists), and the learner, with the keyboard only, runs the lesson down to
Exercise 1, types a wrong answer and reads the self-check, types the right answer, and asks for
a hint. Then no English sentence may be on the screen outside code: every sentence of the
lesson's English master and of the kit's messages that the language translates is looked for in
the page's text (code cells and `code` words left out), and axe-core runs on the page.
"""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import polib
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from course.authoring.release import release
from course.config import load_course
from course.i18n import catalogue_path, translate_in
from course.hub.binder import write_overrides
from course.translate.workflow import CODE_STUB
from tests.e2e.browser import open_lab, running_lab
from tests.e2e.test_learner_browser import AXE_TAGS, WHOSE
from tests.helpers import PILOT, PILOT_NOTEBOOK, REPO, copy_course

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LANGUAGES = ("es", "bg")
ANSWER_ID, CHECK_ID, HINTS = "ex1-city", "ex1-city-check", 'hints("ex1")'
MARKUP = re.compile(r"\*\*|\*|__|(?<!\w)_|\[([^\]]*)\]\([^)]*\)")
PIECES = re.compile(r"\{[^{}]*\}|`[^`]*`|\n|(?<=[.!?:;])\s")
ENGLISH_WORDS = {"the", "you", "your", "this", "that", "with", "and", "is", "are", "of", "to", "it", "for", "in"}

# The page's text as a learner reads it: rendered Markdown and outputs, without code editors and `code` words.
PAGE_TEXT = """() => {
  const skip = el => el.closest('.jp-InputArea-editor, code, pre.jp-code, .cm-editor, script, style');
  const notebook = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook');
  const walker = document.createTreeWalker(notebook, NodeFilter.SHOW_TEXT);
  const texts = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!skip(node.parentElement)) texts.push(node.textContent);
  }
  return texts.join(' ');
}"""


def plain(text: str) -> str:
    """Markdown's signs gone (bold, italics, link addresses), as the rendered page shows the text."""
    return MARKUP.sub(lambda m: m.group(1) or "", text)


def english_sentences(language: str, lesson: str) -> set[str]:
    """Pieces of four words or more of the English master and the kit's messages that *language* translates."""
    found = set()
    for path in (REPO / "locale" / language / "LC_MESSAGES" / f"{lesson}.po", catalogue_path(language)):
        for entry in polib.pofile(str(path)):
            translation = entry.msgstr or entry.msgstr_plural.get(0, "")
            if entry.obsolete or not translation:
                continue
            for piece in PIECES.split(plain(entry.msgid)):
                words = piece.split()
                if len(words) >= 4 and " ".join(words) not in " ".join(plain(translation).split()):
                    found.add(" ".join(words))
    return found


def english_left(text: str, sentences: set[str]) -> list[str]:
    """The English sentences on the page, and any run of words that reads as English (three of its small words)."""
    flat = " ".join(text.split())
    left = sorted(sentence for sentence in sentences if sentence in flat)
    for sentence in re.split(r"(?<=[.!?:])\s+", flat):
        small = {word.lower() for word in re.findall(r"[A-Za-z']+", sentence)} & ENGLISH_WORDS
        if len(small) >= 3:
            left.append(sentence)
    return left


def cohort(folder: Path, language: str):
    """The repository's course with its translations, the cohort in *language*, the pilot released."""
    course = copy_course(folder)
    with open(folder / "config" / "nbgrader_config.py", "a", encoding="utf-8") as config:
        config.write(f"\nc.CourseKit.language = {language!r}\n")
    course = load_course(folder)
    release(PILOT, course=course)
    return course


@pytest.fixture(params=LANGUAGES)
def lab(request, tmp_path):
    language = request.param
    course = cohort(tmp_path / "course", language)
    root = tmp_path / "learner"
    shutil.copytree(course.folder("release") / PILOT, root)
    overrides = write_overrides(language=language, prefix=tmp_path / "prefix")
    env = dict(os.environ, CODENSOCIAL_PROGRESS=str(tmp_path / "progress.json"),
               JUPYTER_CONFIG_DIR=str(tmp_path / "jupyter-config"), CODENSOCIAL_LANG=language)
    env.pop("CODENSOCIAL_TEXT", None)
    with running_lab(root, tmp_path, f"--LabApp.app_settings_dir={overrides.parent}", env=env) as (base, token):
        yield {"url": f"{base}/lab/tree/{PILOT_NOTEBOOK}?token={token}", "language": language}


def cell_with(page, words: str):
    return page.locator(".jp-CodeCell").filter(has=page.locator(".jp-InputArea", has_text=words)).first


def go_to(page, cell) -> None:
    """Put JupyterLab's keyboard focus on *cell* in command mode (as the arrow keys would)."""
    cell.scroll_into_view_if_needed()
    cell.focus()
    page.keyboard.press("Escape")


def test_a_learner_works_in_their_language_and_sees_no_english_sentence(lab, page, artifacts):
    language = lab["language"]
    say = lambda message: translate_in(language, message)  # noqa: E731
    open_lab(page, lab["url"])
    page.screenshot(path=artifacts / f"{language}-1-opened.png")

    # From the top, Shift+Enter runs each cell and moves on, down to Exercise 1's answer cell.
    first = page.locator(".jp-Notebook .jp-Cell").first
    go_to(page, first)
    answer_cell = page.locator(".jp-Notebook .jp-Cell").filter(
        has=page.locator(".jp-InputArea", has_text=translate_stub(language))).first
    for _step in range(60):
        if answer_cell.evaluate("cell => cell.classList.contains('jp-mod-active')"):
            break
        page.keyboard.press("Shift+Enter")
    else:
        pytest.fail("Shift+Enter never reached Exercise 1's answer cell")
    answer_cell = page.locator(f".jp-Notebook .jp-Cell[data-windowed-list-index='{answer_cell.get_attribute('data-windowed-list-index')}']")

    # A wrong answer (small letters), then its self-check.
    type_answer(page, 'city = "sofia"')
    check = cell_with(page, f'c.exercise("{CHECK_ID}"')
    expect(check).to_contain_text(say("✗ Not yet. {message}").split("{")[0].strip(), timeout=30_000)
    expect(check).not_to_contain_text("Not yet")
    expect(check).not_to_contain_text("Traceback")
    page.screenshot(path=artifacts / f"{language}-2-not-yet.png")

    # The right answer.
    go_to(page, answer_cell)
    type_answer(page, 'city = "Sofia"')
    done = say("✓ Well done! {exercise}: the public checks passed. Your trainer's checks run when you hand in.")
    expect(check).to_contain_text(done.split("{")[0].strip(), timeout=30_000)
    page.screenshot(path=artifacts / f"{language}-3-well-done.png")

    # A hint, by keyboard: the button's name and the hint are in the language.
    button = page.get_by_role("button", name=say("Show next hint ({number} of {total})").format(number=1, total=3))
    button.first.scroll_into_view_if_needed()
    button.first.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text(say("Hint {number} of {total}: {text}").format(number=1, total=3, text="")).first
           ).to_be_visible()
    page.screenshot(path=artifacts / f"{language}-4-hint.png")

    text = page.evaluate(PAGE_TEXT)
    assert len(text) > 2000, "the lesson's text was not on the page"
    assert english_left(text, english_sentences(language, PILOT)) == []

    # axe-core: nothing in the lesson's text or the kit's outputs (JupyterLab's own editors are counted apart).
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
    ours = [f"{violation['id']}: {node['target']}" for violation in results.response["violations"]
            for node in violation["nodes"] if page.evaluate(WHOSE, node["target"][0]) != "jupyterlab"]
    assert ours == []


def translate_stub(language: str) -> str:
    """The first words of the answer cell's stub, in *language*."""
    return translate_in(language, CODE_STUB).lstrip("# ").split(".")[0]


def type_answer(page, code: str) -> None:
    """Enter edit mode on the active answer cell, replace its text with *code*, and Shift+Enter down to the check."""
    page.keyboard.press("Enter")
    page.keyboard.press("Control+a")
    page.keyboard.type(code)
    for _cell in range(4):  # the answer, the hint cell, the "Self-check" text, the self-check
        page.keyboard.press("Shift+Enter")


def test_the_english_detector_finds_an_english_sentence_left_on_a_page():
    """Negative control: a Spanish page with one of the lesson's English sentences, and one with English prose."""
    sentences = english_sentences("es", PILOT)
    assert sentences, "the Spanish lesson has no translated sentence to look for"
    one = sorted(sentences, key=len)[len(sentences) // 2]
    assert one in english_left(f"Hola. {one}. Adiós.", sentences)
    assert english_left("Write the answer in this cell and run it.", set()) != []
    assert english_left("Escribe la respuesta en esta celda y ejecútala.", sentences) == []
