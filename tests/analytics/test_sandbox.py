"""Tests of analytics.sandbox: calls in a worker process with a time and a memory limit.

The targets are picklable functions of the standard library (and one of the readers), so the
worker runs real code: a sleep that outlasts its limit, allocations past the memory limit,
crashes. After each failure the next call works, in a fresh worker.
"""

from __future__ import annotations

import functools
import operator
import os
import pickle
import statistics
import threading
import time
from collections.abc import Iterator

import pytest

from analytics import sandbox
from analytics.models import ReadError
from analytics.readers import detect_format
from analytics.sandbox import (
    SandboxCrash,
    SandboxError,
    SandboxMemoryError,
    SandboxTimeout,
    WorkerPool,
)

MEMORY_MB = 256


@pytest.fixture(scope="module")
def pool() -> Iterator[WorkerPool]:
    workers = WorkerPool(max_workers=2)
    yield workers
    workers.close()


def call(pool: WorkerPool, function: object, *args: object, timeout_s: float = 10) -> object:
    assert callable(function)
    return pool.run(function, *args, timeout_s=timeout_s, memory_mb=MEMORY_MB)


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def assert_next_call_works(pool: WorkerPool, old_pid: int | None = None) -> None:
    pid = call(pool, os.getpid)
    assert pid != os.getpid()
    if old_pid is not None:
        assert pid != old_pid
        assert gone(old_pid)


def test_runs_an_arbitrary_picklable_function_in_another_process(pool: WorkerPool) -> None:
    assert call(pool, functools.partial(operator.mul, 6), 7) == 42
    assert call(pool, sorted, [3, 1, 2]) == [1, 2, 3]
    assert call(pool, os.getpid) != os.getpid()


def test_a_warm_worker_serves_call_after_call(pool: WorkerPool) -> None:
    first = call(pool, os.getpid)
    assert [call(pool, os.getpid) for _ in range(5)] == [first] * 5


def test_exceptions_come_back_and_the_worker_stays(pool: WorkerPool) -> None:
    pid = call(pool, os.getpid)
    with pytest.raises(ValueError, match="invalid literal for int"):
        call(pool, int, "x")
    with pytest.raises(ReadError) as error:
        call(pool, detect_format, "a.txt", b"")
    assert str(error.value) == "the file is empty"
    assert call(pool, os.getpid) == pid


def test_timeout_kills_the_worker(pool: WorkerPool) -> None:
    pid = call(pool, os.getpid)
    started = time.perf_counter()
    with pytest.raises(SandboxTimeout) as error:
        call(pool, time.sleep, 30, timeout_s=1)
    assert str(error.value) == "parsing took longer than 1 s and was stopped"
    assert time.perf_counter() - started < 3
    assert_next_call_works(pool, pid)


def test_a_huge_allocation_fails_at_once(pool: WorkerPool) -> None:
    pid = call(pool, os.getpid)
    started = time.perf_counter()
    with pytest.raises(SandboxMemoryError) as error:
        call(pool, bytearray, 4 * 1024**3)  # 4 GB
    assert str(error.value) == "parsing needed more than 256 MB of memory and was stopped"
    assert time.perf_counter() - started < 2
    assert_next_call_works(pool, pid)


def test_growing_memory_is_stopped_by_the_watch(pool: WorkerPool) -> None:
    pid = call(pool, os.getpid)
    started = time.perf_counter()
    with pytest.raises(SandboxMemoryError) as error:
        # 60 million short strings, about 3 GB, made one after the other: no single
        # allocation is large, so the address space cap does not stop it; the watch does.
        call(pool, list, map(str, range(60_000_000)), timeout_s=30)
    assert str(error.value) == "parsing needed more than 256 MB of memory and was stopped"
    assert time.perf_counter() - started < 10
    assert_next_call_works(pool, pid)


@pytest.mark.parametrize(
    ("function", "args", "message"),
    [
        (os._exit, (3,), "the parser stopped unexpectedly on this file (exit code 3)"),
        (os.abort, (), "the parser crashed on this file (SIGABRT) and was stopped"),
    ],
)
def test_a_crash_is_reported_and_the_next_call_works(
    pool: WorkerPool, function: object, args: tuple[object, ...], message: str
) -> None:
    pid = call(pool, os.getpid)
    with pytest.raises(SandboxCrash) as error:
        call(pool, function, *args)
    assert str(error.value) == message
    assert_next_call_works(pool, pid)


def test_a_call_that_cannot_be_sent_fails_in_the_caller(pool: WorkerPool) -> None:
    pid = call(pool, os.getpid)
    with pytest.raises((pickle.PicklingError, AttributeError, TypeError)):
        call(pool, lambda: 1)
    assert call(pool, os.getpid) == pid


def test_a_result_that_cannot_be_sent_back(pool: WorkerPool) -> None:
    with pytest.raises(SandboxError, match="the result could not be sent back"):
        call(pool, threading.Lock)
    assert_next_call_works(pool)


def test_printing_in_the_worker_does_not_break_the_protocol(pool: WorkerPool) -> None:
    assert call(pool, print, "noise on the worker's standard output") is None
    assert call(pool, operator.add, 2, 3) == 5


def test_calls_run_side_by_side(pool: WorkerPool) -> None:
    call(pool, os.getpid)
    results: list[object] = []

    def sleep() -> None:
        results.append(call(pool, time.sleep, 1.0))

    threads = [threading.Thread(target=sleep) for _ in range(2)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # Two workers: both sleeps together (a new worker starts in well under a second).
    assert results == [None, None]
    assert time.perf_counter() - started < 2.9


def test_a_worker_is_replaced_after_max_calls() -> None:
    workers = WorkerPool(max_calls=2)
    try:
        pids = [workers.run(os.getpid, timeout_s=10, memory_mb=MEMORY_MB) for _ in range(3)]
        assert pids[0] == pids[1] != pids[2]
        assert workers.started == 2
    finally:
        workers.close()


def test_close_stops_the_idle_workers() -> None:
    workers = WorkerPool()
    pid = workers.run(os.getpid, timeout_s=10, memory_mb=MEMORY_MB)
    assert workers.idle_pids() == [pid]
    workers.close()
    assert workers.idle_pids() == []
    assert gone(pid)


def test_one_worker_per_memory_limit(pool: WorkerPool) -> None:
    small = pool.run(os.getpid, timeout_s=10, memory_mb=MEMORY_MB)
    large = pool.run(os.getpid, timeout_s=10, memory_mb=MEMORY_MB * 2)
    assert small != large
    assert pool.run(os.getpid, timeout_s=10, memory_mb=MEMORY_MB) == small


def test_module_level_run_uses_the_default_pool() -> None:
    assert sandbox.run(operator.add, 2, 3, timeout_s=10, memory_mb=MEMORY_MB) == 5


def test_overhead_of_a_call_to_a_warm_worker_is_small(pool: WorkerPool) -> None:
    call(pool, operator.add, 1, 1)
    timings = []
    for _ in range(50):
        started = time.perf_counter()
        call(pool, operator.add, 1, 1)
        timings.append(time.perf_counter() - started)
    assert statistics.median(timings) < 0.01  # about 0.15 ms on the project's machines
