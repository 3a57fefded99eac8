"""Skills passports: one printable page per learner (HTML, and PDF made by headless Chromium).

A passport lists the lessons a learner has done and the DigComp 2.2
competences they showed (passed exercises, with the highest level). A lesson is
done when the learner got at least half of its automatically checked points
(:data:`DONE_SHARE`); a lesson handed in blank is never done. It shows
the learner's pseudonym unless the trainer asks for real names.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
from jinja2 import DictLoader, Environment, select_autoescape

from course.config import Course
from course.curriculum import Curriculum, level_name, load_curriculum
from course.errors import CourseError
from course.i18n import _, current_language, ngettext
from course.progress import track
from course.reports import columns as c
from course.reports import tables
from course.reports.build import read_inputs
from course.reports.html import CSP_META
from course.reports.pseudonyms import load_key, pseudonym

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
# No sandbox: the kit often runs as root in containers, where chromium's sandbox cannot start.
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--no-pdf-header-footer"]
PDF_SECONDS = 60
# A lesson counts as done with at least this share of its automatically checked points (the passport says so).
DONE_SHARE = 0.5


def BROWSER_MISSING() -> str:  # noqa: N802 (a message, translated when shown)
    return _("No PDFs: install Chromium (Debian: apt-get install chromium) and run this again; "
             "the HTML pages are written and any browser can print them.")

STYLE = """
body { font-family: system-ui, sans-serif; font-size: 12pt; line-height: 1.5; max-width: 45rem; margin: 2rem auto;
       padding: 0 1rem; color: #1a1a1a; background: #fff; }
h1 { font-size: 1.8rem; margin-bottom: .2rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1.5rem; }
caption { text-align: left; font-weight: bold; padding-bottom: .3rem; }
th, td { border: 1px solid #555; padding: .3rem .6rem; text-align: left; }
thead th { background: #e8e8e8; }
@page { size: A4; margin: 18mm; }
"""



@dataclass(frozen=True)
class Passports:
    folder: Path
    pages: list[Path]
    pdfs: list[Path]
    pdf_problem: str | None  # why no PDFs were made, in plain words
    browser_missing: bool = False


def passports(*, course: Course, students: list[str] | None = None, real_names: bool = False, pdf: bool = True,
              folder: Path | None = None, curriculum: Curriculum | None = None) -> Passports:
    """Write a passport for each learner (or only *students*, by real ID) under reports/<date>/passports/.

    Steps: read the gradebook -> pick learners -> build lessons and competences
    -> render one page each -> write pages -> print PDFs with Chromium.
    """
    curriculum = curriculum or load_curriculum()
    inputs = read_inputs(course, with_notebooks=False)
    learners = inputs.learners
    chosen = _choose(learners.index.tolist(), students)
    scores = inputs.scores[inputs.scores[c.STUDENT].isin(chosen)]
    lessons, competences = done_lessons(scores), tables.competences(scores, curriculum)
    shown = _shown_names(chosen, learners, real_names=real_names, key=load_key(course.secret_path))
    folder = folder or course.reports_dir / date.today().isoformat() / "passports"
    pages = {student: render(shown[student], _part(lessons, student), _part(competences, student), curriculum)
             for student in chosen}
    written = write_pages(folder, {_file_name(student, shown, real_names): page for student, page in pages.items()})
    if not pdf:
        return Passports(folder, written, [], None)
    if find_chromium() is None:
        return Passports(folder, written, [], BROWSER_MISSING(), browser_missing=True)
    pdfs, problem = print_pdfs(written)
    return Passports(folder, written, pdfs, problem)


def _choose(known: list[str], wanted: list[str] | None) -> list[str]:
    if not wanted:
        return sorted(known)
    unknown = sorted(set(wanted) - set(known))
    if unknown:
        raise CourseError(_("No learner called {names} in the gradebook.").format(names=", ".join(unknown)))
    return sorted(set(wanted))


def _shown_names(chosen: list[str], learners: pd.DataFrame, *, real_names: bool, key: bytes) -> dict[str, str]:
    if real_names:
        return {s: (learners.loc[s, c.NAME] or s) for s in chosen}
    return {s: pseudonym(s, key) for s in chosen}


def _file_name(student: str, shown: dict[str, str], real_names: bool) -> str:
    return (student if real_names else shown[student]).replace("/", "_")


def _part(frame: pd.DataFrame, student: str) -> pd.DataFrame:
    if frame.empty or student not in frame.index.get_level_values(c.STUDENT):
        return frame.iloc[0:0]
    return frame.xs(student, level=c.STUDENT)


def done_lessons(scores: pd.DataFrame) -> pd.DataFrame:
    """The learner x lesson table (:func:`course.reports.tables.lessons`) of lessons done only.

    Done: at least DONE_SHARE of the lesson's automatically checked points. Answers the trainer marks do not
    count either way, so a lesson is not held back while they wait; a blank lesson scores 0, so it is never done.
    """
    lessons = tables.lessons(scores)
    if scores.empty:
        return lessons
    trainer_marks = scores[c.MANUAL] if c.MANUAL in scores else False
    checked = scores[scores[c.AUTO] & ~scores[c.TO_MARK] & ~trainer_marks]
    grouped = checked.groupby([c.STUDENT, c.LESSON])
    share = grouped[c.SCORE].sum() / grouped[c.MAX_SCORE].sum().where(lambda points: points > 0)
    done = share[share >= DONE_SHARE].index
    return lessons[lessons.index.isin(done)]


def done_rule() -> str:
    return _("A lesson is done when at least half of its automatic checks were passed (counted in points).")


def render(name: str, lessons: pd.DataFrame, competences: pd.DataFrame, curriculum: Curriculum) -> str:
    """One learner's passport page; *lessons* holds the lessons done only (:func:`done_lessons`)."""
    done = sorted(lessons.index, key=curriculum.order)
    hours = round(sum(curriculum.minutes.get(lesson, 0) for lesson in done) / 60, 1)
    shown = competences[competences[c.EVIDENCED]] if not competences.empty else competences
    return _template().render(
        lang=current_language(), csp_meta=CSP_META, style=STYLE, name=name, title=_("Skills passport"),
        course=_("Code-n-Social coding course"), made=_("Made on {day}.").format(day=date.today().isoformat()),
        done_heading=_("Lessons done"), done_rule=done_rule(), no_lesson=_("No lesson done yet."),
        lesson_headers=[_("Module"), _("Lesson"), _("Submitted on")],
        lessons=[(curriculum.titles.get(lesson, lesson), lesson, f"{lessons.loc[lesson, c.SUBMITTED_AT]:%Y-%m-%d}")
                 for lesson in done],
        hours=_("About {hours:g} hours of guided study.").format(hours=hours) if hours else "",
        competence_heading=_("Digital competences shown"),
        competence_note=_("Competences of the European framework DigComp 2.2 shown in marked exercises. "
                          "Levels 1 and 2 are Foundation."),
        no_competence=_("No competence shown yet."), competence_headers=[_("Code"), _("Competence"), _("Level")],
        competences=[(code, row[c.TITLE], f"{int(row[c.LEVEL])} ({level_name(int(row[c.LEVEL]))})")
                     for code, row in shown.iterrows()],
    )


def _template():
    environment = Environment(loader=DictLoader({"passport.html.j2": TEMPLATE}),
                              autoescape=select_autoescape(default=True, default_for_string=True))
    return environment.get_template("passport.html.j2")


TEMPLATE = """<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
{{ csp_meta | safe }}
<title>{{ title }}: {{ name }}</title>
<style>{{ style | safe }}</style>
</head>
<body>
<main>
<h1>{{ title }}</h1>
<p>{{ course }}<br>{{ name }}<br>{{ made }}</p>
{% macro rows_table(caption, headers, rows, empty) -%}
{% if rows %}<table><caption>{{ caption }}</caption>
<thead><tr>{% for h in headers %}<th scope="col">{{ h }}</th>{% endfor %}</tr></thead>
<tbody>{% for row in rows %}<tr><th scope="row">{{ row[0] }}</th>{% for cell in row[1:] %}<td>{{ cell }}</td>{% endfor %}</tr>
{% endfor %}</tbody></table>{% else %}<p>{{ empty }}</p>{% endif %}
{%- endmacro %}
<h2>{{ done_heading }}</h2>
<p>{{ done_rule }}</p>
{{ rows_table(done_heading, lesson_headers, lessons, no_lesson) }}
{% if hours %}<p>{{ hours }}</p>{% endif %}
<h2>{{ competence_heading }}</h2>
<p>{{ competence_note }}</p>
{{ rows_table(competence_heading, competence_headers, competences, no_competence) }}
</main>
</body>
</html>
"""


def write_pages(folder: Path, pages: dict[str, str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for stem, page in pages.items():
        path = folder / f"{stem}.html"
        path.write_text(page, encoding="utf-8")
        written.append(path)
    return written


def find_chromium() -> str | None:
    """The headless browser that prints PDFs: $CODENSOCIAL_CHROMIUM, else chromium on PATH."""
    configured = os.environ.get("CODENSOCIAL_CHROMIUM")
    if configured:
        return configured if Path(configured).exists() or shutil.which(configured) else None
    return next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)


def print_pdfs(pages: list[Path]) -> tuple[list[Path], str | None]:
    """A PDF beside each page, two at a time; (PDFs made, why some or all are missing)."""
    browser = find_chromium()
    if browser is None:
        return [], BROWSER_MISSING()
    with ThreadPoolExecutor(max_workers=2) as pool:
        made = list(track(pool.map(lambda page: print_pdf(browser, page), pages), total=len(pages),
                          description=_("Printing passports")))
    pdfs = [pdf for pdf in made if pdf is not None]
    missing = len(pages) - len(pdfs)
    problem = None if not missing else ngettext("{count} PDF could not be printed.",
                                                "{count} PDFs could not be printed.", missing).format(count=missing)
    return pdfs, problem


def print_pdf(browser: str, page: Path) -> Path | None:
    pdf = page.with_suffix(".pdf")
    with tempfile.TemporaryDirectory(prefix="course-chromium-") as profile:
        command = [browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf}", page.as_uri()]
        try:
            subprocess.run(command, capture_output=True, timeout=PDF_SECONDS, check=False)
        except (OSError, subprocess.TimeoutExpired):
            return None
    return pdf if pdf.exists() and pdf.read_bytes()[:5] == b"%PDF-" else None
