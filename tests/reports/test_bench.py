"""The report benchmark's own pieces work on a tiny cohort (the real run is `make bench-report`)."""
import pandas as pd

from bench.report_bench import curriculum_for, make_course, time_export, time_report
from course.reports import columns as c


def test_benchmark_builds_a_gradebook_nbgrader_reads_and_times_both_tools(tmp_path):
    course = make_course(tmp_path / "course", learners=12, lessons=3, cells=5, seed=3)
    [(seconds, cpu)] = time_report(course, 1, curriculum_for(3, 5))
    assert seconds > 0 and cpu > 0 and time_export(course) > 0
    export = pd.read_csv(course.home / "nbgrader-export.csv")
    assert len(export) == 12 * 3  # nbgrader sees every learner x lesson
    report_folder = course.home / "reports" / "run0"
    scores = pd.read_csv(report_folder / "scores.csv")
    progress = pd.read_csv(report_folder / "progress.csv")
    submitted = export[export["timestamp"].notna() & (export["timestamp"] != "None")]
    assert len(scores) == len(submitted) * 5 and len(progress) == 12
    assert set(scores[c.CELL]) == {f"ex{n:02d}" for n in range(1, 6)}
    assert (pd.read_csv(report_folder / "mistakes.csv")[c.HITS] > 0).all()
    assert set(pd.read_csv(report_folder / "competences.csv")[c.COMPETENCE].astype(str)) == {"3.4", "3.1", "1.3", "5.2"}
