"""No hand-written pattern backtracks catastrophically: every parser stage reads 100 KB of its own
building blocks to the end. Speed is measured in bench/run.py (ratios of 100 KB to 10 KB); here a
watchdog only turns a hang (a quadratic or worse stage takes minutes) into a failure."""

import pytest

from tests.adversarial import CASES
from tests.conftest import within_watchdog

WATCHDOG_SECONDS = 60  # a hang detector, not a measurement: linear stages take milliseconds


@pytest.mark.parametrize("name", sorted(CASES))
def test_stage_reads_long_adversarial_input_to_the_end(name):
    stage, data = CASES[name](100_000)
    returned = []
    # what the stage returns is checked by its own tests; here only that it returns
    within_watchdog(lambda: returned.append(stage(data)), WATCHDOG_SECONDS, f"{name} on 100 KB")
    assert len(returned) == 1
