"""nbgrader settings for the Code-n-Social course.

Every path is derived from this file's own location, so the course works
wherever the repository is cloned. The `course` command, the Makefile and
`make lab` point nbgrader here (JUPYTER_CONFIG_PATH); `make` also writes a
small pointer into the virtual environment, so plain `nbgrader ...` run with
the environment active reads the same settings.
"""
import os
from pathlib import Path

c = get_config()  # noqa: F821 (provided by traitlets when it loads this file)

course_root = Path(__file__).resolve().parent.parent

# --- the course -----------------------------------------------------------
c.CourseDirectory.course_id = "code-n-social"
c.CourseDirectory.root = str(course_root)
c.CourseDirectory.db_url = f"sqlite:///{course_root / 'gradebook.db'}"

# A local exchange in a folder of its own. On a shared JupyterHub, the hub sets
# CODENSOCIAL_EXCHANGE to its exchange (/usr/local/share/nbgrader/exchange).
c.Exchange.root = os.environ.get("CODENSOCIAL_EXCHANGE") or str(course_root / "exchange")
c.Exchange.path_includes_course = True

# --- releasing -------------------------------------------------------------
# What a learner finds in an answer cell: a friendly line, not an exception. The first line is
# empty: pressing Enter on the cell puts the cursor there, so the answer is never glued to the comment.
c.ClearSolutions.code_stub = {"python": "\n# Write your answer on the empty line above this one. Then run the cell.\n"}
c.ClearSolutions.text_stub = "Write your answer here."

# --- grading ---------------------------------------------------------------
# Seconds one cell may run before it is stopped (an endless loop costs a
# learner that cell only).
c.Execute.timeout = 10
# Keep the kernels' own start-up notices out of the trainer's terminal.
c.Execute.extra_arguments = ["--IPKernelApp.log_level=ERROR"]
# A test cell a learner deleted (often by mistake) is put back at grading, with a note in it.
c.OverwriteCells.add_missing_cells = True
# Late work is marked as late in the reports; no points are taken away.
c.LateSubmissionPlugin.penalty_method = "none"

# --- the kit's own settings --------------------------------------------------
# Language of the trainer's output, the reports and the learner toolkit ("en" or "es").
c.CourseKit.language = "en"
# Learners read text instead of buttons and lists (for example with a screen
# reader). A learner can also run use_text() in a lesson, or set CODENSOCIAL_TEXT=1.
c.CourseKit.learner_text = False
