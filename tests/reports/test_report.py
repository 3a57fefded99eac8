"""`course report` and `course passport` on a course folder holding the known cohort."""
import openpyxl
import pandas as pd
import pytest

from course import cli, i18n
from course.reports import columns as c
from course.reports.build import report
from course.reports.passport import passports
from course.reports.pseudonyms import load_key, pseudonym
from course.reports.rules import Rules
from tests.reports import cohort

IDS = ("s1", "s2", "s3", "s4")


@pytest.fixture(scope="module")
def cohort_course(tmp_path_factory):
    """A course folder holding the known cohort (shared: the tests only read it and write reports)."""
    return cohort.course_in(tmp_path_factory.mktemp("cohort"))


@pytest.fixture
def written(cohort_course, tmp_path):
    return report(course=cohort_course, folder=tmp_path / "out", today=pd.Timestamp(cohort.TODAY),
                  curriculum=cohort.CURRICULUM, rules=Rules(min_learners=3))


def test_report_writes_html_workbook_and_one_csv_per_table(written):
    names = sorted(path.name for path in written.folder.iterdir())
    assert names == sorted(["report.html", "report.xlsx", *(f"{name}.csv" for name in written.csv)])
    lessons = pd.read_csv(written.csv["lessons"]).set_index([c.STUDENT, c.LESSON])
    assert lessons[c.PERCENT].tolist() == written.tables.lessons[c.PERCENT].tolist()
    assert len(pd.read_csv(written.csv["progress"])) == 4


def test_exports_carry_pseudonyms_only(written, cohort_course):
    key = load_key(cohort_course.secret_path)
    text = written.html.read_text() + "".join(path.read_text() for path in written.csv.values())
    assert pseudonym("s2", key) in text and "First-s" not in text
    assert not any(f">{sid}<" in text or f"\n{sid}," in text for sid in IDS)


def test_workbook_has_a_sheet_per_table_with_frozen_headers_in_the_cohort_language(cohort_course, tmp_path):
    try:
        i18n.set_language("es")
        result = report(course=cohort_course, folder=tmp_path / "es", today=pd.Timestamp(cohort.TODAY),
                        curriculum=cohort.CURRICULUM)
    finally:
        i18n.set_language("en")
    book = openpyxl.load_workbook(result.xlsx, read_only=False)
    assert len(book.sheetnames) == len(result.csv)
    sheet = book[book.sheetnames[0]]  # progress
    assert sheet.freeze_panes == "A2"
    headers = [cell.value for cell in sheet[1]]
    assert headers[0] == i18n.translate_in("es", "Learner") != "Learner" and "Necesita una llamada" in headers
    assert sheet.max_row == 1 + 4
    assert '<html lang="es">' in result.html.read_text()


def test_html_report_answers_the_trainers_questions(written):
    page = written.html.read_text()
    for heading in ("Who may need a call", "Progress of each learner", "Exercises", "Confidence",
                    "DigComp competences"):
        assert f"<h2>{heading}</h2>" in page
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg" role="img"') == 5
    assert page.count("<figcaption>") == 5 and "Nothing submitted for 18 days." in page
    assert "too hard: only 33 percent passed" in page and "<script" not in page and "http://" not in page.replace(
        'xmlns="http://www.w3.org/2000/svg"', "")


def test_real_ids_only_when_asked(cohort_course, tmp_path):
    result = report(course=cohort_course, folder=tmp_path / "real", real_ids=True, today=pd.Timestamp(cohort.TODAY),
                    curriculum=cohort.CURRICULUM)
    assert ">s2<" in result.html.read_text()


def test_cli_report_prints_the_html_path(cohort_course, monkeypatch, capsys):
    monkeypatch.chdir(cohort_course.root)
    assert cli.main(["report", "--quiet-days", "30"]) == 0
    first, *_rest, last = capsys.readouterr().out.strip().splitlines()
    assert str(cohort_course.root) in first  # which course, first
    assert last.endswith("report.html") and last.startswith(str(cohort_course.reports_dir))


def test_passport_pages_show_pseudonym_unless_names_are_asked_for(cohort_course, tmp_path):
    hidden = passports(course=cohort_course, folder=tmp_path / "p", pdf=False, curriculum=cohort.CURRICULUM)
    assert len(hidden.pages) == 4
    key = load_key(cohort_course.secret_path)
    page = (tmp_path / "p" / f"{pseudonym('s1', key)}.html").read_text()
    assert pseudonym("s1", key) in page and "First-s1" not in page
    assert "Programming" in page and "2 (Foundation)" in page and "First words" in page
    named = passports(course=cohort_course, folder=tmp_path / "n", students=["s1"], real_names=True, pdf=False,
                      curriculum=cohort.CURRICULUM)
    assert [path.name for path in named.pages] == ["s1.html"]
    assert "First-s1 Family" in named.pages[0].read_text()
    nothing = (tmp_path / "p" / f"{pseudonym('s4', key)}.html").read_text()
    assert "No lesson done yet." in nothing


def test_missing_chromium_still_writes_html_and_says_how_to_get_pdfs(cohort_course, monkeypatch, capsys):
    monkeypatch.chdir(cohort_course.root)
    monkeypatch.setenv("CODENSOCIAL_CHROMIUM", "/nonexistent/chromium")
    assert cli.main(["passport", "--student", "s1"]) == 0
    captured = capsys.readouterr()
    assert "Wrote 1 passport page in" in captured.out and "Printed 0 PDFs." in captured.out
    assert captured.err.count("\n") == 1 and "apt-get install chromium" in captured.err


def test_unknown_learner_is_one_line_exit_2(cohort_course, monkeypatch, capsys):
    monkeypatch.chdir(cohort_course.root)
    assert cli.main(["passport", "--student", "nobody"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nobody" in err


@pytest.mark.browser
def test_passport_pdf_is_a_real_pdf(cohort_course, tmp_path):
    result = passports(course=cohort_course, folder=tmp_path / "pdf", students=["s1", "s2"],
                       curriculum=cohort.CURRICULUM)
    assert result.pdf_problem is None and len(result.pdfs) == 2
    for pdf in result.pdfs:
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF-") and data.count(b"/Type /Page") >= 1 and b"%%EOF" in data[-1024:]


def test_a_table_too_long_for_the_workbook_points_to_its_csv(written, monkeypatch):
    from course.reports import build

    monkeypatch.setattr(build, "WORKBOOK_ROWS", 4)
    sheets = build.workbook_sheets(written.tables, written.csv)
    assert len(sheets["Progress"]) == 4  # four learners: kept
    [note] = sheets["Scores"].iloc[:, 0].tolist()
    assert "13 rows" in note and "scores.csv" in note


def test_cli_forwards_the_thresholds_and_passport_options(monkeypatch, cohort_course):
    from course.reports import build

    seen = {}
    monkeypatch.setattr(build, "report", lambda **kwargs: seen.update(kwargs) or type("R", (), {"html": "x"}))
    monkeypatch.chdir(cohort_course.root)
    assert cli.main(["report", "--quiet-days", "7", "--low-percent", "40", "--confidence-drop", "2"]) == 0
    assert seen["rules"] == Rules(quiet_days=7, low_percent=40, confidence_drop=2) and seen["real_ids"] is False
    args = cli.build_parser().parse_args(["passport", "--student", "a", "--student", "b", "--real-names", "--no-pdf"])
    assert (args.student, args.real_names, args.no_pdf) == (["a", "b"], True, True)
