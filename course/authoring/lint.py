"""Content checks for lessons: the rules of the lesson-writing guide a program can check.

`course check [LESSON ...]` (or `python -m course.authoring.lint source/<lesson>`) reads each
lesson's source notebook and lists every rule it breaks, in plain words, with the cell number.
A trainer who swaps in a new "Someone like me" story runs it to see the lesson still reads easily.

Each rule is one small function: notebook in, findings out. `RULES` lists them; `course_rules`
are the ones that look at all lessons at once (grade_ids unique across the course).
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbgrader.nbgraderformat import MetadataValidator, ValidationError
from nbgrader.utils import is_grade, is_solution

from course.authoring.readability import Readability, plain_text, readability
from course.errors import CourseError
from course.i18n import _, ngettext

MAX_AVERAGE_SENTENCE = 15
MAX_SENTENCE = 25
MIN_EXERCISES = 6
PARSONS_MODULES = range(1, 5)
SECTIONS = ("Someone like me", "You already do this", "Glossary")
METADATA_KEYS = ("module", "title", "estimated_minutes", "digcomp", "language")

HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t#]*$", re.MULTILINE)
HTML_HEADING = re.compile(r"<h([1-6])[^>]*>(.*?)</h\1>", re.IGNORECASE | re.DOTALL)
FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.MULTILINE | re.DOTALL)
MD_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]*)")
HTML_IMAGE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
ALT = re.compile(r"""\balt\s*=\s*(["'])(.*?)\1""", re.IGNORECASE | re.DOTALL)
MD_LINK = re.compile(r"(?<!!)\[([^\]]*)\]\(([^)]*)\)")
HTML_LINK = re.compile(r"<a\b[^>]*>(.*?)</a>", re.IGNORECASE | re.DOTALL)
BARE_URL = re.compile(r"(?<![(\"'=])\b(?:https?://|www\.)\S+")
COLOUR = re.compile(r"\b(red|green|blue|yellow|orange|purple|pink|grey|gray|violet|brown)\b", re.IGNORECASE)
HAND_MADE_WIDGET = re.compile(r"\bipywidgets\b|\bwidgets\.[A-Z]\w*\(")
GENERIC_ALT = {"image", "picture", "photo", "figure", "img", "screenshot", "graph", "chart", "icon", "logo"}
GENERIC_LINK = {"here", "click here", "this", "this link", "link", "more", "read more", "this page", "page"}
BEGIN_HIDDEN, END_HIDDEN = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
BEGIN_SOLUTION, END_SOLUTION = "### BEGIN SOLUTION", "### END SOLUTION"
START_LESSON = re.compile(r"start_lesson\(\s*[\"']([^\"']+)[\"']\s*,\s*checks\s*=\s*(\d+)")


@dataclass(frozen=True)
class Finding:
    """One broken rule: where (lesson, 1-based cell number or None for the whole lesson) and what to do."""

    lesson: str
    cell: int | None
    message: str

    def __str__(self) -> str:
        if self.cell is None:
            return f"{self.lesson}: {self.message}"
        return _("{lesson}, cell {cell}: {message}").format(lesson=self.lesson, cell=self.cell, message=self.message)


@dataclass(frozen=True)
class Lesson:
    name: str
    path: Path
    nb: nbformat.NotebookNode

    @property
    def module(self) -> int | None:
        return self.nb.metadata.get("codensocial", {}).get("module")

    @property
    def language(self) -> str:
        return self.nb.metadata.get("codensocial", {}).get("language") or "en"

    def cells(self, kind: str | None = None) -> Iterator[tuple[int, nbformat.NotebookNode]]:
        for number, cell in enumerate(self.nb.cells, start=1):
            if kind is None or cell.cell_type == kind:
                yield number, cell

    def finding(self, cell: int | None, message: str) -> Finding:
        return Finding(self.name, cell, message)


# --- small predicates -----------------------------------------------------------------------------

def grade_id(cell) -> str:
    return cell.metadata.get("nbgrader", {}).get("grade_id", "")


def is_autograded_test(cell) -> bool:
    return cell.cell_type == "code" and is_grade(cell) and not is_solution(cell)


def is_answer(cell) -> bool:
    """An answer cell whose work is graded automatically by the test cells after it."""
    return cell.cell_type == "code" and is_solution(cell) and not is_grade(cell)


def headings(markdown: str) -> list[tuple[int, str]]:
    text = FENCE.sub("", markdown)
    found = [(len(hashes), (title or "").strip()) for hashes, title in HEADING.findall(text)]
    found += [(int(level), re.sub(r"<[^>]+>", "", title).strip()) for level, title in HTML_HEADING.findall(text)]
    return found


def prose(markdown: str) -> str:
    return FENCE.sub("", re.sub(r"(`+).+?\1", " ", markdown))


# --- rules: one notebook in, findings out ---------------------------------------------------------

def check_headings(lesson: Lesson) -> Iterator[Finding]:
    """One H1, in the first cell; levels never skip; no empty heading."""
    first = lesson.nb.cells[0] if lesson.nb.cells else None
    titled = first is not None and first.cell_type == "markdown" and headings(first.source)[:1]
    if not titled or titled[0][0] != 1:
        yield lesson.finding(1, _("The first cell should start with the lesson's title as a level-1 heading (# Title)."))
    level_before, ones = 0, 0
    for number, cell in lesson.cells("markdown"):
        for level, title in headings(cell.source):
            if not title:
                yield lesson.finding(number, _("A heading is empty. Write its words, or remove the # signs."))
            if level == 1:
                ones += 1
                if ones > 1:
                    yield lesson.finding(number, _("A lesson has one level-1 heading (#). Make this one ## or lower."))
            if level > level_before + 1:
                yield lesson.finding(number, _("Heading level {level} comes after level {before}: a level is skipped.")
                                     .format(level=level, before=level_before))
            level_before = level


def check_images(lesson: Lesson) -> Iterator[Finding]:
    """Every image has alt text that says what it shows."""
    for number, cell in lesson.cells("markdown"):
        alts = [alt for alt, _src in MD_IMAGE.findall(cell.source)]
        for tag in HTML_IMAGE.findall(cell.source):
            match = ALT.search(tag)
            alts.append(match.group(2) if match else "")
        for alt in alts:
            words = alt.strip().lower()
            if not words or words in GENERIC_ALT or re.search(r"\.(png|jpe?g|gif|svg|webp)$", words):
                yield lesson.finding(number, _("An image has no useful alt text. Say in a few words what it shows."))


def check_links(lesson: Lesson) -> Iterator[Finding]:
    """Link text says where the link goes; no bare addresses."""
    for number, cell in lesson.cells("markdown"):
        texts = [text for text, _url in MD_LINK.findall(cell.source)] + HTML_LINK.findall(cell.source)
        for text in texts:
            words = re.sub(r"<[^>]+>|[*_`]", "", text).strip().lower().rstrip(".")
            if not words or words in GENERIC_LINK or BARE_URL.match(words):
                yield lesson.finding(number, _("A link says \"{text}\". Make the link text say where it goes.")
                                     .format(text=text.strip()))
        without_links = HTML_LINK.sub(" ", MD_LINK.sub(" ", prose(cell.source)))
        if BARE_URL.search(without_links):
            yield lesson.finding(number, _("A web address stands alone. Make it a link whose text says where it goes."))


def check_colour_words(lesson: Lesson) -> Iterator[Finding]:
    """Never colour alone: prose does not point at things by their colour."""
    for number, cell in lesson.cells("markdown"):
        for word in sorted({m.group(1).lower() for m in COLOUR.finditer(prose(cell.source))}):
            yield lesson.finding(number, _("The word \"{word}\" names a colour. Some learners cannot see colours: "
                                           "name the thing by its text, shape or place.").format(word=word))


def check_widgets(lesson: Lesson) -> Iterator[Finding]:
    """Widgets come from the toolkit, which labels every control for screen readers."""
    for number, cell in lesson.cells("code"):
        if HAND_MADE_WIDGET.search(cell.source):
            yield lesson.finding(number, _("This cell builds a widget by hand. Use the course toolkit "
                                           "(hints, predict, parsons), which labels its controls."))


def check_no_outputs(lesson: Lesson) -> Iterator[Finding]:
    for number, cell in lesson.cells("code"):
        if cell.get("outputs") or cell.get("execution_count") is not None:
            yield lesson.finding(number, _("This cell has saved output. Clear all outputs before you commit."))


def check_nbgrader_metadata(lesson: Lesson) -> Iterator[Finding]:
    """nbgrader's own validator, then points on every graded cell and well-formed marked blocks."""
    validator = MetadataValidator()
    for number, cell in lesson.cells():
        try:
            validator.validate_cell(cell)
        except ValidationError as problem:
            yield lesson.finding(number, _("nbgrader cannot use this cell: {problem}").format(problem=problem))
        if is_grade(cell) and not float(cell.metadata["nbgrader"].get("points") or 0) > 0:
            yield lesson.finding(number, _("This graded cell has no points. Give it 1 point or more."))
        yield from _marked_blocks(lesson, number, cell)


def _marked_blocks(lesson: Lesson, number: int, cell) -> Iterator[Finding]:
    lines = [line.strip() for line in cell.source.splitlines()]
    for begin, end, allowed in ((BEGIN_HIDDEN, END_HIDDEN, is_autograded_test(cell)),
                                (BEGIN_SOLUTION, END_SOLUTION, is_solution(cell))):
        starts, ends = lines.count(begin), lines.count(end)
        if (starts or ends) and not allowed:
            yield lesson.finding(number, _("\"{begin}\" is only for the right kind of graded cell.").format(begin=begin))
        elif starts != ends or starts > 1 or (starts and lines.index(begin) > lines.index(end)):
            yield lesson.finding(number, _("\"{begin}\" and \"{end}\" should appear once each, in that order.")
                                 .format(begin=begin, end=end))
    if is_autograded_test(cell):
        if BEGIN_HIDDEN not in lines:
            yield lesson.finding(number, _("This test cell has no hidden tests. Add a {begin} ... {end} block.")
                                 .format(begin=BEGIN_HIDDEN, end=END_HIDDEN))
        elif not any(line and not line.startswith("#") for line in lines[:lines.index(BEGIN_HIDDEN)]):
            yield lesson.finding(number, _("This test cell has no visible check before its hidden tests."))


def check_metadata(lesson: Lesson) -> Iterator[Finding]:
    """The lesson's own metadata, which reports and the passport read."""
    meta = lesson.nb.metadata.get("codensocial", {})
    missing = [key for key in METADATA_KEYS if key not in meta]
    if missing:
        yield lesson.finding(None, _("The notebook metadata \"codensocial\" lacks: {keys}.").format(keys=", ".join(missing)))
    if lesson.path.stem != lesson.path.parent.name:
        yield lesson.finding(None, _("Name the notebook like its folder: {name}.ipynb.").format(name=lesson.path.parent.name))


def check_parts(lesson: Lesson) -> Iterator[Finding]:
    """The parts every lesson has: exercises, Predict, Parsons, reflection, confidence check, sections."""
    cells = lesson.nb.cells
    code = "\n".join(cell.source for cell in cells if cell.cell_type == "code")
    titles = {title.lower() for cell in cells if cell.cell_type == "markdown" for _level, title in headings(cell.source)}
    answers = sum(1 for cell in cells if is_answer(cell))
    if answers < MIN_EXERCISES:
        yield lesson.finding(None, _("The lesson has {count} autograded exercises; it needs {least} or more.")
                             .format(count=answers, least=MIN_EXERCISES))
    wanted = [("predict(", True), ("parsons(", lesson.module in PARSONS_MODULES), ("confidence_check(", True),
              ("my_progress(", True)]
    for call, needed in wanted:
        if needed and call not in code:
            yield lesson.finding(None, _("The lesson has no {call}...) cell.").format(call=call))
    if not any(is_grade(cell) and cell.cell_type == "markdown" for cell in cells):
        yield lesson.finding(None, _("The lesson has no reflection graded by the trainer."))
    if not any("confidence-check" in cell.metadata.get("tags", []) for cell in cells):
        yield lesson.finding(None, _("The confidence check cell needs the tag confidence-check."))
    for section in SECTIONS:
        if not any(title.startswith(section.lower()) for title in titles):
            yield lesson.finding(None, _("The lesson has no \"{section}\" section.").format(section=section))
    yield from _check_count(lesson, code)


def _check_count(lesson: Lesson, code: str) -> Iterator[Finding]:
    tests = sum(1 for cell in lesson.nb.cells if is_autograded_test(cell))
    match = START_LESSON.search(code)
    if not match:
        yield lesson.finding(None, _("The setup cell should call start_lesson(\"{name}\", checks={count}).")
                             .format(name=lesson.name, count=tests))
    elif match.group(1) != lesson.name or int(match.group(2)) != tests:
        yield lesson.finding(None, _("start_lesson should say (\"{name}\", checks={count}): the lesson has {count} "
                                     "self-check cells.").format(name=lesson.name, count=tests))


def check_readability(lesson: Lesson) -> Iterator[Finding]:
    """Plain language: short sentences, easy words (the reading-ease score of the lesson's language)."""
    figures = figures_of(lesson)
    for sentence in figures.sentences:
        if sentence.words > MAX_SENTENCE:
            yield lesson.finding(sentence.cell, _("A sentence has {words} words (most {most}): \"{text}\". Split it.")
                                 .format(words=sentence.words, most=MAX_SENTENCE, text=sentence.text))
    if figures.average_sentence > MAX_AVERAGE_SENTENCE:
        yield lesson.finding(None, _("Sentences have {average:.1f} words on average; aim for {most} or fewer.")
                             .format(average=figures.average_sentence, most=MAX_AVERAGE_SENTENCE))
    score = figures.score
    if score is not None and score.formula(figures) < score.least:
        yield lesson.finding(None, _("Reading ease ({formula}) is {score:.0f}; it should be {least:.0f} or more. "
                                     "Use shorter words and sentences.").format(
            formula=score.name, score=score.formula(figures), least=score.least))


RULES: list[Callable[[Lesson], Iterator[Finding]]] = [
    check_metadata, check_headings, check_images, check_links, check_colour_words, check_widgets,
    check_no_outputs, check_nbgrader_metadata, check_parts, check_readability,
]


def check_unique_grade_ids(lessons: list[Lesson]) -> Iterator[Finding]:
    """A grade_id names one cell in the whole course, so reports and the curriculum can't mix them up."""
    where = Counter(grade_id(cell) for lesson in lessons for cell in lesson.nb.cells if grade_id(cell))
    for lesson in lessons:
        for number, cell in lesson.cells():
            if where.get(grade_id(cell), 0) > 1:
                yield lesson.finding(number, _("The grade_id \"{id}\" is used more than once in the course. "
                                               "Start it with this module's prefix, e.g. m{module}-.")
                                     .format(id=grade_id(cell), module=lesson.module))


COURSE_RULES = [check_unique_grade_ids]

# A translated lesson (built from its PO file) is checked by the rules that do not depend on English words
# (section titles and colour words are English; grading metadata is the English lesson's, checked there).
TRANSLATION_RULES: list[Callable[[Lesson], Iterator[Finding]]] = [
    check_headings, check_images, check_links, check_readability,
]


def translated_lessons(lessons: list[Lesson], *, locale: Path) -> list[Lesson]:
    """Each lesson in each language that has a PO file in *locale*, built from it (units not translated stay English)."""
    from course.translate.catalog import lookup, read_po
    from course.translate.lesson import translate_lesson

    found = []
    for lesson in lessons:
        for po in sorted(locale.glob(f"*/LC_MESSAGES/{lesson.name}.po")):
            language = po.parent.parent.name
            catalogue = read_po(po, language=language, project=lesson.name)
            result = translate_lesson(lesson.path.parent, language=language, lookup=lookup(catalogue))
            name = f"{lesson.name} ({language})" if not result.english else \
                ngettext("{lesson} ({language}, {count} part still in English)",
                         "{lesson} ({language}, {count} parts still in English)", len(result.english)).format(
                    lesson=lesson.name, language=language, count=len(result.english))
            found.append(Lesson(name, lesson.path, result.notebooks[lesson.path.name]))
    return found


# --- running the rules ----------------------------------------------------------------------------

def read_lesson(folder: Path) -> Lesson:
    notebooks = sorted(path for path in folder.glob("*.ipynb"))
    if len(notebooks) != 1:
        raise CourseError(_("{folder} should hold one lesson notebook; it holds {count}.")
                          .format(folder=folder, count=len(notebooks)))
    return Lesson(folder.name, notebooks[0], nbformat.read(notebooks[0], as_version=4))


def lesson_folders(source: Path) -> list[Path]:
    return sorted(folder for folder in source.iterdir() if folder.is_dir() and any(folder.glob("*.ipynb")))


def findings(lessons: list[Lesson]) -> list[Finding]:
    """Every broken rule of these lessons, lesson by lesson, then those across the course."""
    found = [finding for lesson in lessons for rule in RULES for finding in rule(lesson)]
    return found + [finding for rule in COURSE_RULES for finding in rule(lessons)]


def figures_of(lesson: Lesson) -> Readability:
    return readability(lesson.nb.cells, language=lesson.language)


def summary_line(lesson: Lesson) -> str:
    numbers = figures_of(lesson)
    longest = numbers.longest.words if numbers.longest else 0
    score = numbers.score
    ease = _("reading ease ({formula}) {score:.0f}").format(formula=score.name, score=score.formula(numbers)) \
        if score else _("no reading-ease formula for this language")
    return _("{lesson}: {sentences} sentences, {average:.1f} words on average, longest {longest}, "
             "{ease}, {exercises} exercises").format(
        lesson=lesson.name, sentences=len(numbers.sentences), average=numbers.average_sentence, longest=longest,
        ease=ease, exercises=sum(1 for cell in lesson.nb.cells if is_answer(cell)))


def check_lessons(*, source: Path, only: list[str] | None = None,
                  locale: Path | None = None) -> tuple[list[Lesson], list[Finding]]:
    """Read every lesson in *source* (or the lessons named in *only*) and check them all.

    Their translations (PO files in *locale*, by default the ``locale`` folder beside *source*) are
    checked too, each as the lesson "<name> (<language>)".
    """
    lessons = [read_lesson(folder) for folder in lesson_folders(source)]
    found = findings(lessons)
    translated = translated_lessons(lessons, locale=locale or source.parent / "locale")
    found += [finding for lesson in translated for rule in TRANSLATION_RULES for finding in rule(lesson)]
    lessons += translated
    if only:
        wanted = {Path(name).name for name in only}
        unknown = sorted(wanted - {lesson.name for lesson in lessons})
        if unknown:
            raise CourseError(_("There is no lesson {name} in {source}.").format(name=unknown[0], source=source))
        lessons = [lesson for lesson in lessons if lesson.name.split(" (")[0] in wanted]
        found = [finding for finding in found if finding.lesson.split(" (")[0] in wanted]
    return lessons, found


def print_check(lessons: list[Lesson], found: list[Finding]) -> int:
    """The figures of each lesson, then each finding; exit status 1 when a rule is broken."""
    for lesson in lessons:
        print(summary_line(lesson))
    for finding in found:
        print(finding)
    if not found:
        print(_("Every lesson follows the checked rules."))
    return 1 if found else 0


def main(argv: list[str] | None = None) -> int:
    """`python -m course.authoring.lint [source/<lesson> ...]`: the repository's lessons, or those named."""
    args = sys.argv[1:] if argv is None else argv
    source = Path(args[0]).resolve().parent if args else Path("source")
    try:
        return print_check(*check_lessons(source=source, only=args or None))
    except CourseError as problem:
        print(problem, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
