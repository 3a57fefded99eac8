"""Code-n-Social: a Jupyter notebook course kit.

The kit is a pipeline over notebooks::

    source/ --release--> release/ --(learners work, submit)--> submitted/
            --grade--> autograded/ + gradebook --feedback--> feedback/
            --report--> reports/

Each stage is one plain function (see :mod:`course.cli` for the list); the
``course`` command only forwards to them.
"""

__version__ = "0.1.0"
