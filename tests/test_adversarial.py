"""No hand-written pattern backtracks catastrophically: every parser stage finishes 100 KB of its own
building blocks quickly. The time limit is loose on purpose (figures come from bench/run.py)."""

import time

import pytest

from tests.adversarial import CASES

LIMIT_SECONDS = 5.0  # a quadratic stage takes minutes on 100 KB; linear ones take milliseconds


@pytest.mark.parametrize("name", sorted(CASES))
def test_stage_finishes_long_adversarial_input(name):
    stage, data = CASES[name](100_000)
    start = time.perf_counter()
    stage(data)
    elapsed = time.perf_counter() - start
    assert elapsed < LIMIT_SECONDS, f"{name}: {elapsed:.1f} s on 100 KB"
