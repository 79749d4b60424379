"""The orchestrator's own machinery: the steps across documents run in a child process of their own."""

from __future__ import annotations

import itertools
import multiprocessing
import os

import pytest

from pipeline import run
from pipeline.diagnostics import PipelineError, diagnostic
from pipeline.publish.staged import Ledger, records
from pipeline.run import _Deferred, _isolated, _Pool, _windowed

forks = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="runs in the same process where there is no fork"
)


def _where(numbers: list[int]) -> tuple[int, int]:
    return os.getpid(), sum(numbers)


def _fails(text: str) -> None:
    raise ValueError(text)


def _dies() -> None:
    os._exit(3)


@forks
def test_the_answer_comes_back_from_another_process():
    pid, total = _isolated(_where, list(range(1000)))
    assert total == 499500
    assert pid != os.getpid()


@forks
def test_the_childs_exception_is_raised_here_as_it_was():
    with pytest.raises(ValueError, match="no such draft"):
        _isolated(_fails, "no such draft")


@forks
def test_a_child_that_dies_without_an_answer_is_an_error_with_its_exit_code():
    with pytest.raises(PipelineError, match="exit code 3"):
        _isolated(_dies)


def test_a_ledger_gives_its_records_back_in_order_to_readers_of_their_own(tmp_path):
    ledger = Ledger(tmp_path / "ledger")
    offsets = [ledger.add(("A/RES/77/1", n, {"n": n})) for n in range(500)]
    assert ledger.get(offsets[250]) == ("A/RES/77/1", 250, {"n": 250})
    one, two = records(tmp_path / "ledger"), records(tmp_path / "ledger")
    assert [(next(one), next(two)) for _ in range(3)] == [(("A/RES/77/1", n, {"n": n}),) * 2 for n in range(3)]
    assert [n for _, n, _ in ledger] == list(range(500))
    assert len(list(one)) == 497
    ledger.close()


def test_diagnostics_put_aside_come_back_in_the_order_they_came(tmp_path):
    deferred = _Deferred(Ledger(tmp_path / "diagnostics"))
    made = [diagnostic("source.empty", f"file-{n}.xml") for n in range(7)]
    deferred.extend(made[:3])
    deferred.extend([])
    deferred.append(made[3])
    deferred.extend(iter(made[4:]))
    assert list(deferred) == made
    deferred.close()


def _pid_of(task: int) -> tuple[int, int]:
    return task, os.getpid()


def test_workers_are_renewed_after_their_share_and_every_result_comes_in_order(monkeypatch):
    monkeypatch.setattr(run, "RENEWED", 10)
    pool = _Pool(2)
    try:
        results = list(_windowed(pool, _pid_of, range(45), chunksize=3))
    finally:
        pool.shutdown()
    assert [task for task, _ in results] == list(range(45))
    generations = [{pid for task, pid in results if start <= task < start + 12} for start in range(0, 45, 12)]
    assert len(set().union(*generations)) > 2  # 12 tasks a generation: 10 given, then the chunk that passes it
    assert not any(one & two for one, two in itertools.pairwise(generations))
