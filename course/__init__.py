"""Code-n-Social: a Jupyter notebook course kit.

The kit is a pipeline over notebooks::

    source/ --release--> release/ --(learners work, submit)--> submitted/
            --grade--> autograded/ + gradebook --feedback--> feedback/
            --report--> reports/

Each stage is one plain function (see :mod:`course.cli` for the list); the
``course`` command only forwards to them.
"""

import sys

__version__ = "0.1.0"

# When rfc3987_syntax is installed (jupyter_events pulls it in), jsonschema builds a parser
# for its optional IRI format check as it is imported: about 1.5 s of CPU in every process
# that imports nbgrader or nbformat, grading workers included. No schema the kit uses
# (nbformat's, nbgrader's) checks IRIs, so the kit's processes go without it: jsonschema
# then leaves that one format unchecked, as it does when the package is not installed.
sys.modules.setdefault("rfc3987_syntax", None)
