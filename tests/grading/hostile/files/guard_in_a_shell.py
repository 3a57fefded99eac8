"""Run in a subprocess by test_in_kernel_guard.py: answers that attack the test cells, in a real IPython shell.

Prints one JSON object: for each attack, whether a blank learner's test cell failed (as it
must) with the guard, and without it; and whether the right answer still passes.
"""
import json
import sys

from IPython.core.interactiveshell import InteractiveShell

from course.grading import guard

TEST_CELL = ('from course.learner import checks as c\nc.exercise("ex1", number=1)\n'
             'c.text("city", equals="Sofia")\nc.public_checks_passed()')


def test_fails(ip, attack: str, *, guarded: bool, answer: str = "") -> bool:
    ip.user_ns.pop("city", None)
    ip.run_cell(attack + "\n" + answer, store_history=False)
    if guarded:
        assert ip.user_expressions({"g": guard.RESTORE})["g"]["status"] == "ok"
    return not ip.run_cell(TEST_CELL, store_history=False).success


def main() -> None:
    attacks = json.loads(sys.argv[1])
    guarded = sys.argv[2] == "guarded"
    ip = InteractiveShell.instance()
    if guarded:
        assert ip.run_cell(guard.SNAPSHOT, silent=True, store_history=False).success
    results = {}
    for name, attack in attacks.items():
        results[name] = {"blank_fails": test_fails(ip, attack, guarded=guarded),
                         "right_passes": not test_fails(ip, attack, guarded=guarded, answer="city = 'Sofia'")}
    print(json.dumps(results))


if __name__ == "__main__":
    main()
