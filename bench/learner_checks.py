"""How much time the learner toolkit adds to a self-check.

Compares one pilot self-check (ex5-values: look up the variable, check type, lines and value,
show the friendly line, record progress in a file) with the plain `assert` a lesson author would
write instead. Run: .venv/bin/python bench/learner_checks.py
"""
from __future__ import annotations

import os
import statistics
import tempfile
import time
from contextlib import redirect_stdout
from io import StringIO

CARD = "Name: Ioana Popescu\nTown: Plovdiv\nSkill: customer service"
ROUNDS = 2000


def kit_check(c, namespace) -> None:
    c.exercise("ex5-values", number=5, part=2, parts=2)
    c.text("card", lines=3, line_starts=["Name: ", "Town: ", "Skill: "], equals=CARD, namespace=namespace)
    c.public_checks_passed()


def plain_assert(namespace) -> None:
    card = namespace["card"]
    assert isinstance(card, str), "card should hold text."
    assert len(card.split("\n")) == 3, "card needs 3 lines."
    assert card == CARD, "card is not right yet."
    print("Well done!")


def timed(function, *args) -> list[float]:
    timings = []
    with redirect_stdout(StringIO()):
        for _round in range(ROUNDS):
            start = time.perf_counter()
            function(*args)
            timings.append(time.perf_counter() - start)
    return timings


def main() -> None:
    with tempfile.TemporaryDirectory() as home:
        os.environ["CODENSOCIAL_PROGRESS"] = os.path.join(home, "progress.json")
        start = time.perf_counter()
        from course.learner import checks as c
        first_import = time.perf_counter() - start
        namespace = {"card": CARD}
        with redirect_stdout(StringIO()):
            kit_check(c, namespace)  # warm-up: the first display imports IPython (a kernel has it already)
        kit = timed(kit_check, c, namespace)
        plain = timed(plain_assert, namespace)
    kit_ms, plain_ms = statistics.median(kit) * 1000, statistics.median(plain) * 1000
    print(f"first import of the kit (once per kernel): {first_import * 1000:.0f} ms")
    print(f"kit self-check, median of {ROUNDS}:  {kit_ms:.3f} ms (slowest {max(kit) * 1000:.1f} ms)")
    print(f"plain assert cell, median of {ROUNDS}: {plain_ms:.4f} ms")
    print(f"kit overhead per self-check: {kit_ms - plain_ms:.3f} ms ({kit_ms / plain_ms:.0f}x a bare assert; "
          f"budget 100 ms)")


if __name__ == "__main__":
    main()
