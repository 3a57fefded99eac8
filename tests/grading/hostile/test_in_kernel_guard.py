"""Answers that rewrite what the test cells run: does every test cell still run as written, with the checks as shipped?

Each attack is an answer cell of a learner who did not answer (a blank). The test cell after
it must fail (score 0); with the right answer it must pass (the negative control). The shell
is IPython's own, in a subprocess (the guard changes the process it runs in); the real kernel
runs the same cases in the hostile batch (cases.py).
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from course.grading.guard import suspicious

SCRIPT = Path(__file__).with_name("files") / "guard_in_a_shell.py"
ATTACKS = {
    "input-transformer-post": "get_ipython().input_transformers_post.append(lambda lines: ['pass\\n'])",
    "input-transformer-cleanup": "get_ipython().input_transformers_cleanup.append(lambda lines: ['pass\\n'])",
    "ast-transformer": "import ast\nclass T(ast.NodeTransformer):\n    def visit_Module(self, node):\n"
                       "        return ast.parse('pass')\nget_ipython().ast_transformers.append(T())",
    "pre-run-event": "get_ipython().events.register('pre_run_cell', lambda info: setattr(\n"
                     "    __import__('course.learner.checks', fromlist=['text']), 'text', lambda *a, **k: None))",
    "shell-class-patched": "import IPython\n"
                           "IPython.core.interactiveshell.InteractiveShell.transform_cell = lambda self, cell: 'pass\\n'",
    "custom-exception-handler": "get_ipython().set_custom_exc((Exception,), lambda *a, **k: None)",
    "full-width-checks-patched": "import ｃourse.learner.checks as k\nk.text = lambda *a, **kw: None\n"
                                 "k.public_checks_passed = lambda *a, **kw: None",
    "checks-code-replaced": "import course.learner.checks as k\nk.text.__code__ = (lambda *a, **kw: None).__code__",
    "fake-checks-module": "import sys, types\nm = types.ModuleType('course.learner.checks')\n"
                          "m.text = m.exercise = m.public_checks_passed = lambda *a, **k: None\n"
                          "sys.modules['course.learner.checks'] = m\nimport course.learner\ncourse.learner.checks = m",
    "audit-hook": "import sys\ndef h(event, args):\n    if event == 'exec':\n        import course.learner.checks as k\n"
                  "        k.text = lambda *a, **kw: None\nsys.addaudithook(h)",
    "display-hook": "import sys\nsys.displayhook = lambda value: None\nget_ipython().displayhook = None",
}


def run(mode: str) -> dict:
    done = subprocess.run([sys.executable, str(SCRIPT), json.dumps(ATTACKS), mode], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def guarded():
    return run("guarded")


@pytest.mark.parametrize("attack", ATTACKS)
def test_a_blank_answer_cannot_make_a_test_cell_pass(guarded, attack):
    """With the guard, does the test cell after this attack still fail for a blank, and pass for the right answer?"""
    assert guarded[attack] == {"blank_fails": True, "right_passes": True}


def test_the_attacks_work_without_the_guard():
    """Are these attacks real: without the guard, does at least one make a blank pass its test cell?"""
    unguarded = run("unguarded")
    assert sum(not result["blank_fails"] for result in unguarded.values()) >= 6


@pytest.mark.parametrize("attack", ATTACKS)
def test_every_attack_is_flagged_for_a_trainer(attack):
    """Is each attack flagged, read as Python reads it (full-width letters too)?"""
    assert suspicious(ATTACKS[attack])


@pytest.mark.parametrize("answer", ['city = "Sofia"', 'print("This course is great")', "total = price * 2",
                                    'name = input("Name? ")\nprint(f"Hello {name}")', "import pandas as pd"])
def test_ordinary_answers_are_not_flagged(answer):
    """Do a beginner's ordinary answers stay unflagged (the word course in a text too)?"""
    assert suspicious(answer) == []
