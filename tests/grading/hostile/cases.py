"""Hostile submissions: each tries to cheat or to break the grader.

Each case names the answers it writes (by grade_id; {root} is the course folder,
{victim} another learner), or an edit of the notebook itself, the auto-graded
score it must get, and the harm it must not do (checked in test_hostile.py for
every case: source/, the gradebook, other learners' work, files outside the
scratch folder, processes left behind, the network).
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Callable

RIGHT = "right"  # the source solution for that cell
EX1 = "ex1-city-check"


@dataclass(frozen=True)
class Hostile:
    name: str
    harm: str
    score: float  # auto-graded points it must get, of 8
    answers: dict[str, str] = field(default_factory=dict)
    edit: Callable | None = None
    flagged: bool = False  # a trainer is asked to look
    graded: bool = True


def _ex1(code: str) -> dict[str, str]:
    return {"ex1-city": code}


def _all_right() -> dict[str, str]:
    return {gid: RIGHT for gid in ("ex1-city", "ex2-full-name", "ex3-town-line", "ex4-skill-tools", "ex4-length-answer",
                             "ex5-card")}


def _test_cells(nb):
    return [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code"
            and not c.metadata["nbgrader"].get("solution")]


def delete_tests(nb):
    for cell in _test_cells(nb):
        nb.cells.remove(cell)


def empty_tests(nb):
    for cell in _test_cells(nb):
        cell.source = "print('all tests passed')"


def inflate_points(nb):
    for cell in _test_cells(nb):
        cell.metadata["nbgrader"]["points"] = 100


def unflag_tests(nb):
    for cell in _test_cells(nb):
        cell.metadata["nbgrader"]["grade"] = False
        cell.metadata["nbgrader"]["locked"] = False
        cell.source = "pass"


def rename_tests(nb):
    for number, cell in enumerate(_test_cells(nb)):
        cell.metadata["nbgrader"]["grade_id"] = f"mine-{number}"
        cell.source = "pass"


def duplicate_tests(nb):
    for cell in _test_cells(nb):
        nb.cells.insert(nb.cells.index(cell), copy.deepcopy(cell))


def answer_becomes_graded(nb):
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "ex1-city":
            cell.metadata["nbgrader"].update(grade=True, points=50)
            cell.source = 'city = "Sofia"'


CASES = [
    Hostile("always-equal", "a str whose == is always True passes the visible test, not the hidden one", 0,
            _ex1("class Sneaky(str):\n    def __eq__(self, other):\n        return True\n    __hash__ = str.__hash__\n"
                 "city = Sneaky('Paris')"), flagged=True),
    Hostile("patch-builtins", "builtins.type and builtins.isinstance replaced for the tests", 0,
            _ex1("import builtins\nclass S(str):\n    def __eq__(self, other):\n        return True\n"
                 "builtins.type = lambda x: str\nbuiltins.isinstance = lambda *a: True\ncity = S('x')"), flagged=True),
    Hostile("shadow-test-helpers", "own type() and isinstance() defined for the tests to call", 0,
            _ex1("class S:\n    def __eq__(self, other):\n        return True\n"
                 "def type(x):\n    return str\ndef isinstance(*a):\n    return True\ncity = S()"), flagged=True),
    Hostile("sys-exit", "sys.exit() must not stop the kernel or the batch", 1,
            _ex1("city = 'Sofia'\nimport sys\nsys.exit(0)"), flagged=True),
    Hostile("raise-systemexit", "raise SystemExit must not stop the kernel or the batch", 1,
            _ex1("city = 'Sofia'\nraise SystemExit(3)")),
    Hostile("raise-keyboardinterrupt", "raise KeyboardInterrupt must not stop the grader", 1,
            _ex1("city = 'Sofia'\nraise KeyboardInterrupt")),
    Hostile("os-exit", "os._exit ends the kernel: later cells score 0, the batch goes on", 0,
            {**_all_right(), "ex1-city": "city = 'Sofia'\nimport os\nos._exit(0)"}, flagged=True),
    Hostile("endless-loop", "an endless loop costs the learner that cell only (time limit)", 7,
            {**_all_right(), "ex1-city": "while True:\n    pass"}),
    Hostile("endless-no-interrupt", "a loop that ignores the interrupt: the kernel is stopped, later cells 0", 0,
            {**_all_right(), "ex1-city": "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n"
                                         "while True:\n    pass"}, flagged=True),
    Hostile("fork-bomb", "processes are capped per kernel user and all are gone after grading", 0,
            _ex1("import os\nwhile True:\n    os.fork()"), flagged=True),
    Hostile("memory-bomb", "memory is capped: MemoryError, the kernel and the batch go on", 7,
            {**_all_right(), "ex1-city": "hog = bytearray(8 * 1024 ** 3)\ncity = 'Sofia'"}),
    Hostile("read-solutions", "source/ and the gradebook cannot be read", 0,
            _ex1("import json\nnb = json.load(open('{root}/source/01-first-words/01-first-words.ipynb'))\n"
                 "city = 'Sofia' if 'Sofia' in str(nb) else 'x'\nprint(open('{root}/gradebook.db', 'rb').read(100))"),
            flagged=True),
    Hostile("read-relative", "../ from the scratch folder leads nowhere", 0,
            _ex1("import glob\nfound = glob.glob('../**/*.ipynb', recursive=True) + glob.glob('/tmp/**/*.ipynb', recursive=True)\n"
                 "print(found)\ncity = 'Sofia' if found else 'nothing'")),
    Hostile("write-gradebook", "the gradebook cannot be written", 1,
            _ex1("city = 'Sofia'\nimport sqlite3\ntry:\n    db = sqlite3.connect('{root}/gradebook.db')\n"
                 "    db.execute('update grade set auto_score = 100')\n    db.commit()\nexcept Exception as e:\n"
                 "    print(e)")),
    Hostile("write-other-learner", "other learners' work and the course cannot be changed", 1,
            _ex1("city = 'Sofia'\nfor target in ['{root}/submitted/{victim}/01-first-words/01-first-words.ipynb',\n"
                 "               '{root}/pwned.txt', '/tmp/codensocial-pwned.txt']:\n    try:\n"
                 "        open(target, 'w').write('pwned')\n    except OSError as e:\n        print(e)"), flagged=True),
    Hostile("delete-tests", "deleted test cells come back from the gradebook", 8, _all_right(), edit=delete_tests),
    Hostile("edit-tests", "test cells edited to always pass are restored", 0, {}, edit=empty_tests),
    Hostile("inflate-points", "points raised in the metadata are reset", 8, _all_right(), edit=inflate_points),
    Hostile("unflag-tests", "test cells turned into plain cells: not graded, with a reason", 0, {},
            edit=unflag_tests, graded=False),
    Hostile("rename-grade-ids", "renamed test cells: not graded, with a reason", 0, {}, edit=rename_tests,
            graded=False),
    Hostile("duplicate-cells", "duplicated test cells: not graded, with a reason (as nbgrader)", 0, _all_right(),
            edit=duplicate_tests, graded=False),
    Hostile("answer-made-graded", "an answer cell marked as worth 50 points: not graded, with a reason", 0,
            {}, edit=answer_becomes_graded, graded=False),
    Hostile("fake-all-passed", "printing 'all passed' gives nothing", 0,
            _ex1("city = 'Paris'\nprint('Well done! The checks you can see for Exercise 1 passed.')\n"
                 "print('All tests passed: 8/8')")),
    Hostile("huge-output", "a flood of output is capped while it arrives", 1,
            _ex1("city = 'Sofia'\nimport sys\nfor _ in range(20000):\n    sys.stdout.write('x' * 1000 + '\\n')"),
            flagged=True),
    Hostile("huge-result", "a 20 MB result is kept as a short text with a note", 1,
            _ex1("city = 'Sofia'\n'x' * 20_000_000")),
    Hostile("huge-error", "a 20 MB exception message is kept short; the error still counts", 1,
            _ex1("city = 'Sofia'\nraise ValueError('x' * 20_000_000)")),
    Hostile("socket-out", "no network: a connection to another host fails", 1,
            _ex1("city = 'Sofia'\nimport socket\ntry:\n    socket.create_connection(('1.1.1.1', 80), timeout=3)\n"
                 "    print('CONNECTED')\nexcept OSError as e:\n    print(e)"), flagged=True),
    Hostile("hide-tracebacks", "silencing IPython's tracebacks does not hide a failing test", 0,
            _ex1("get_ipython().showtraceback = lambda *a, **k: None\ncity = 'Paris'"), flagged=True),
    Hostile("rewrite-later-cells", "an input transformer that blanks the tests is removed first", 0,
            _ex1("get_ipython().input_transformers_post.append(lambda lines: ['pass\\n'])\ncity = 'Paris'"),
            flagged=True),
    Hostile("rewrite-tests-cleanup", "an input transformer at IPython's cleanup stage is removed before tests", 0,
            _ex1("get_ipython().input_transformers_cleanup.append(lambda lines: ['pass\\n'])"), flagged=True),
    Hostile("pre-run-callback", "a callback that patches the checks before each cell is removed before tests", 0,
            _ex1("get_ipython().events.register('pre_run_cell', lambda info: setattr(\n"
                 "    __import__('course.learner.checks', fromlist=['text']), 'text', lambda *a, **k: None))"),
            flagged=True),
    Hostile("full-width-patch", "checks replaced through a full-width name: flagged, and tests use the checks "
            "as shipped", 0,
            _ex1("import ｃourse.learner.checks as k\nk.text = lambda *a, **kw: None\n"
                 "k.public_checks_passed = lambda *a, **kw: None"), flagged=True),
    Hostile("null-bytes", "a notebook with null bytes is set aside with a reason", 0, {},
            edit="null-bytes", graded=False),
    # Isolation (issue 16): each answer makes `city` right only if its attack worked, so 0 points means it held.
    Hostile("grader-environment", "the grader's environment is not in the kernel's memory (environ, stack)", 0,
            _ex1("import ctypes\nctypes.CDLL(None).prctl(4, 1, 0, 0, 0)  # PR_SET_DUMPABLE: /proc/self readable again\n"
                 "needle = ('PYTEST_' + 'CURRENT_TEST=').encode()\nleak = needle in open('/proc/self/environ', 'rb').read()\n"
                 "for line in open('/proc/self/maps'):\n    if line.rstrip().endswith('[stack]'):\n"
                 "        start, end = (int(x, 16) for x in line.split()[0].split('-'))\n"
                 "        with open('/proc/self/mem', 'rb') as mem:\n            mem.seek(start)\n"
                 "            leak = leak or needle in mem.read(end - start)\nprint('LEAK' if leak else 'clean')\n"
                 "city = 'Sofia' if leak else 'x'"), flagged=True),
    Hostile("see-processes", "learner code sees only its own processes (a private /proc)", 0,
            _ex1("import os\nseen = []\nfor pid in set(os.listdir('/proc')) - set([str(os.getpid()), 'self', 'thread-self']):\n    try:\n"
                 "        seen.append(open('/proc/' + pid + '/cmdline', 'rb').read())\n    except OSError:\n        pass\n"
                 "others = [c for c in seen if b'pytest' in c or b'grading' in c or b'forkserver' in c]\n"
                 "print(len(seen), 'processes')\ncity = 'Sofia' if others else 'x'"), flagged=True),
    Hostile("fill-disk", "the total a kernel may write is capped, not only each file", 0,
            _ex1("import os\nblock = b'x' * (8 * 1024 * 1024)\nwritten = 0\n"
                 "for n in range(25):\n    folder = ['.', '/tmp', '/var/tmp', '/dev/shm'][n % 4]\n    try:\n"
                 "        with open(folder + '/fill-' + str(n), 'wb') as out:\n            out.write(block)\n"
                 "        written += len(block)\n    except OSError:\n        pass\n"
                 "print(written // 2 ** 20, 'MiB written')\ncity = 'Sofia' if written > 100 * 2 ** 20 else 'x'"),
            flagged=True),
    Hostile("read-kit-checkout", "the checkout the kit runs from (its source/) is hidden too", 0,
            _ex1("import glob, os, course\nkit = os.path.dirname(os.path.dirname(course.__file__))\nfound = []\n"
                 "for path in glob.glob(kit + '/source/*/*.ipynb'):\n    try:\n"
                 "        found.append(len(open(path).read()))\n    except OSError:\n        pass\n"
                 "city = 'Sofia' if found else 'x'"), flagged=True),
]
