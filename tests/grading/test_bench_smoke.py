"""The benchmark's own path, small: does it build a batch, grade it both ways and find the same scores?"""
import pytest

from bench.grading import main

pytestmark = [pytest.mark.slow, pytest.mark.isolation]  # grades in the jail: needs root


def test_benchmark_smoke(capsys):
    assert main(["--notebooks", "6", "--repeat", "1"]) == 0
    printed = capsys.readouterr().out
    assert "same scores cell by cell" in printed and "ratio:" in printed
