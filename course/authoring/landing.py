"""The landing pages of a learner's workspace: the choice of language, then one page per language.

my-lessons/index.md is the course's own landing page (index.md, written in English) with a short
"Choose your language" list right after its title. Each language of the list has its own page,
my-lessons/<language>/index.md, in that language (the kit's catalogues, :func:`translate_in`): it
links the learner's copies of the lessons in that language and names JupyterLab's menus and buttons
as that language's JupyterLab language pack shows them. Every page says its language (a
``<div lang="xx">`` around it, which JupyterLab's Markdown preview keeps) for screen readers, and is
read-only: nothing saves it back.
"""
from __future__ import annotations

import stat
from dataclasses import dataclass, field
from pathlib import Path

from course.authoring.index import INDEX_FILE, REPOSITORY, lesson_links, workspace_page
from course.config import Course
from course.curriculum import CURRICULUM_FILE, load_curriculum
from course.i18n import LANGUAGE_NAMES, N_, translate_in
from course.translate.paths import BUILD

PAGE_LANGUAGE = "en"  # the language index.md is written in
LEARNER_BUILD = f"{BUILD}/learner"  # build/learner/<language>/<lesson>: learner versions in the other languages

# The words of JupyterLab these pages name, as each language pack shows them (jupyterlab-language-pack-xx-XX
# 4.5, jupyterlab.json). A word a pack leaves out is shown in English. Bulgarian has no pack: English menus.
PACK_WORDS = {
    "en": {},
    "es": {"File": "Archivo", "Download": "Descargar", "Upload": "Cargar", "Settings": "Configuración",
           "Language": "Idioma"},
    "fr": {"File": "Fichier", "Download": "Télécharger", "Upload": "Téléverser", "Settings": "Paramètres",
           "Language": "Langue"},
    "it": {"Download": "Scarica", "Upload": "Carica", "Settings": "Impostazioni", "Language": "Lingua"},
    "ro": {"Settings": "Setări"},
}
# The meaning of a word that the language's menus show in English, given once in brackets.
GLOSSES = {
    "bg": {"File": "файл", "Download": "изтегляне", "Upload": "качване", "Settings": "настройки",
           "Language": "език"},
    "ro": {"File": "fișier", "Download": "descărcare", "Upload": "încărcare", "Language": "limbă"},
}

CHOOSE = N_("Choose your language")
TITLE = N_("Code-n-Social: start here")
BACK = N_("Choose another language")
WELCOME = N_("Welcome. This course teaches you to write your first programs in Python, step by step.")
NO_CODE = N_("You do not need to know anything about code to start.")
MENUS = N_("The menus of JupyterLab")
NO_PACK = N_("JupyterLab has no translation into this language: its menus and buttons stay in English, "
             "and this page names them in English.")
CHANGE = N_("To change the language of JupyterLab's menus, choose {settings}, then {language}, "
            "then your language, and confirm.")
CHANGE_FROM = N_("To change the language of JupyterLab's menus, choose {settings}, then {language}, "
                 "then your language, and confirm (when you start, the menus say {start_settings}, "
                 "then {start_language}).")
PICK = N_("Pick your lesson")
PICK_HOW = N_("Open a lesson by clicking its name, or move to it with the Tab key and press Enter.")
MORE_LATER = N_("More lessons will appear in this list as the course grows.")
HOW = N_("How a lesson works")
HOW_STEPS = (
    N_("A lesson is a notebook: a page made of text cells and code cells."),
    N_("To run a code cell, click it and press **Shift + Enter**."),
    N_("After each exercise there is a **self-check** cell. Run it as often as you like. "
       "It tells you what to look at. Mistakes are normal and useful."),
    N_("Your work is saved when you press **Ctrl + S**."),
    N_("Each lesson you open here is your own copy. Nothing you write in it is replaced "
       "when the course gets new lessons or a new version of a lesson."),
)
BINDER = N_("On Binder: keep your work on your computer")
BINDER_ENDS = N_("Binder (the free online service that opens this course without installing anything) "
                 "ends a session after about 10 minutes without activity. When the session ends, "
                 "everything in it is lost, also the work you saved with **Ctrl + S**. "
                 "Before you stop or take a break, download your lesson:")
DOWNLOAD_WAYS = (
    N_("In the file browser on the left, right-click your lesson and choose {download}."),
    N_("Or, in the open lesson, choose the {file} menu, then {download}."),
    N_("With the keyboard: press **Ctrl + Shift + C**, type {typed}, and press **Enter**."),
)
UPLOAD = N_("Your browser saves the file (for example `01-first-words.ipynb`) in your Downloads folder. "
            "To go on later, open the course on Binder again, click the {upload} button "
            "(the arrow pointing up, above the file browser) and choose that file. "
            "Then open it by double-clicking its name.")


@dataclass
class MenuWords:
    """JupyterLab's words as the menus of one language show them; a gloss in brackets the first time."""

    language: str
    named: set[str] = field(default_factory=set)

    def shown(self, word: str) -> str:
        return PACK_WORDS.get(self.language, {}).get(word, word)

    def name(self, word: str) -> str:
        """**Archivo**, or **File** (Файл) the first time a page names a word its menus show in English."""
        gloss = GLOSSES.get(self.language, {}).get(word) if word not in self.named else None
        self.named.add(word)
        return f"**{self.shown(word)}**" + (f" ({gloss})" if gloss else "")


def language_name(language: str) -> str:
    """The language named in itself, as a list item starts it: Español, Български, English."""
    name = LANGUAGE_NAMES.get(language, language)
    return name[:1].upper() + name[1:]


def language_choice(languages: list[str], *, page_language: str = PAGE_LANGUAGE) -> list[str]:
    """The "Choose your language" section: one link per language, to <language>/index.md, each named in itself."""
    items = [f'- <span lang="{language}">[{language_name(language)}]({language}/{INDEX_FILE})</span>'
             for language in languages]
    return [f"## {translate_in(page_language, CHOOSE)}", "", *items]


def language_page(language: str, *, links: list[str], start_language: str) -> str:
    """my-lessons/<language>/index.md: the landing page in *language*, listing the lessons *links*.

    *start_language* is the language of JupyterLab's menus when the learner starts (the course's).
    """
    def say(message: str) -> str:
        return translate_in(language, message)

    words = MenuWords(language)
    blocks = [f'<div lang="{language}">', f"# {say(TITLE)}", f"[{say(BACK)}](../{INDEX_FILE})",
              f"{say(WELCOME)}\n{say(NO_CODE)}",
              f"## {say(MENUS)}", menus_text(language, words=words, start_language=start_language),
              f"## {say(PICK)}", say(PICK_HOW), "\n".join(links), say(MORE_LATER),
              f"## {say(HOW)}", "\n".join(f"- {say(step)}" for step in HOW_STEPS),
              f"## {say(BINDER)}", say(BINDER_ENDS), download_ways(language, words=words),
              say(UPLOAD).format(upload=words.name("Upload")), "</div>"]
    return "\n\n".join(blocks) + "\n"


def menus_text(language: str, *, words: MenuWords, start_language: str) -> str:
    """One sentence on how to change the menus' language (after one on the missing pack, if it is missing)."""
    start = MenuWords(start_language)
    names = {"settings": words.name("Settings"), "language": words.name("Language")}
    if [start.shown("Settings"), start.shown("Language")] == [words.shown("Settings"), words.shown("Language")]:
        change = translate_in(language, CHANGE).format(**names)
    else:
        change = translate_in(language, CHANGE_FROM).format(
            **names, start_settings=f"**{start.shown('Settings')}**", start_language=f"**{start.shown('Language')}**")
    return change if language in PACK_WORDS else f"{translate_in(language, NO_PACK)} {change}"


def download_ways(language: str, *, words: MenuWords) -> str:
    right_click, menu, keyboard = DOWNLOAD_WAYS
    return "\n".join([
        "- " + translate_in(language, right_click).format(download=words.name("Download")),
        "- " + translate_in(language, menu).format(file=words.name("File"), download=words.name("Download")),
        "- " + translate_in(language, keyboard).format(typed=f"`{words.shown('Download')}`"),
    ])


def write_landing_pages(folder: Path, *, course: Course, languages: list[str]) -> list[Path]:
    """my-lessons/index.md (the choice of language, then the course's page) and a page per language.

    The course's language has its lessons in my-lessons/<lesson>/, the others in
    my-lessons/<language>/<lesson>/. With one language only, there is nothing to choose: the
    course's page alone.
    """
    curriculum = load_curriculum(CURRICULUM_FILE)
    several = languages if len(languages) > 1 else []
    top = workspace_page(landing_markdown(course), source=course.folder("source"), curriculum=curriculum,
                         choice=language_choice(several) if several else [])
    pages = [write_read_only(folder / INDEX_FILE, f'<div lang="{PAGE_LANGUAGE}">\n\n{top.strip()}\n\n</div>\n')]
    for language in several:
        here = language == course.kit.language
        built = course.folder("release") if here else course.home / LEARNER_BUILD / language
        links = lesson_links(source=built, curriculum=curriculum, prefix="../" if here else "", language=language)
        pages.append(write_read_only(folder / language / INDEX_FILE,
                                     language_page(language, links=links, start_language=course.kit.language)))
    return pages


def landing_markdown(course: Course) -> str:
    """The course's own index.md, or the kit's when the course has none."""
    own = course.root / INDEX_FILE
    return (own if own.is_file() else REPOSITORY / INDEX_FILE).read_text(encoding="utf-8")


def write_read_only(page: Path, text: str) -> Path:
    """Write *text* to *page* (unless it holds it already) and make it read-only."""
    if page.is_file() and page.read_text(encoding="utf-8") == text:
        return page
    page.parent.mkdir(parents=True, exist_ok=True)
    page.unlink(missing_ok=True)
    page.write_text(text, encoding="utf-8")
    page.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    return page
