"""The orchestrator's own machinery: the steps across documents run in a child process of their own."""

from __future__ import annotations

import multiprocessing
import os

import pytest

from pipeline.diagnostics import PipelineError
from pipeline.run import _isolated

pytestmark = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="runs in the same process where there is no fork"
)


def _where(numbers: list[int]) -> tuple[int, int]:
    return os.getpid(), sum(numbers)


def _fails(text: str) -> None:
    raise ValueError(text)


def _dies() -> None:
    os._exit(3)


def test_the_answer_comes_back_from_another_process():
    pid, total = _isolated(_where, list(range(1000)))
    assert total == 499500
    assert pid != os.getpid()


def test_the_childs_exception_is_raised_here_as_it_was():
    with pytest.raises(ValueError, match="no such draft"):
        _isolated(_fails, "no such draft")


def test_a_child_that_dies_without_an_answer_is_an_error_with_its_exit_code():
    with pytest.raises(PipelineError, match="exit code 3"):
        _isolated(_dies)
