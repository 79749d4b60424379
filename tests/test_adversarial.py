"""No hand-written pattern backtracks catastrophically: every parser stage reads 100 KB of its own
building blocks to the end. Speed is measured in bench/run.py (ratios of 100 KB to 10 KB); here a
watchdog only turns a hang (a quadratic or worse stage takes minutes) into a failure."""

import signal

import pytest

from tests.adversarial import CASES

WATCHDOG_SECONDS = 60  # a hang detector, not a measurement: linear stages take milliseconds


class Hang(Exception):
    pass


def _hang(signum: int, frame: object) -> None:
    raise Hang


@pytest.mark.parametrize("name", sorted(CASES))
def test_stage_reads_long_adversarial_input_to_the_end(name):
    stage, data = CASES[name](100_000)
    previous = signal.signal(signal.SIGALRM, _hang)
    signal.alarm(WATCHDOG_SECONDS)
    returned = False
    try:
        stage(data)  # what it returns is checked by the stage's own tests; here only that it returns
        returned = True
    except Hang:
        pytest.fail(f"{name}: no answer on 100 KB within {WATCHDOG_SECONDS} s")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert returned
