"""pool.forked_map: every result, in order, whatever the children do."""

from __future__ import annotations

import os
import sys

import pytest

from editlint.pool import MAX_CHUNKS, chunk_size, forked_map

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="runs fork workers on Linux only")
PARENT = os.getpid()


def square(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


def assert_no_child_left() -> None:
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


@pytest.mark.parametrize(("count", "jobs", "chunk"), [(1, 2, 1), (50, 2, 8), (97, 3, 4),
                                                      (200, 4, 1), (10, 8, 8)])
def test_results_come_in_order(count, jobs, chunk):
    results = list(forked_map(square, list(range(count)), jobs, chunk))
    assert [r for r, _ in results] == [n * n for n in range(count)]
    assert_no_child_left()


def test_children_share_the_work():
    def slow(n: int) -> int:
        sum(range(20_000))  # long enough for a child to take chunks before the parent is done
        return os.getpid()

    pids = set(forked_map(slow, list(range(400)), 2, 4))
    assert PARENT in pids and len(pids) == 2


def test_chunks_of_a_dead_child_are_done_here():
    def dies_in_a_child(n: int) -> int:
        if n == 13 and os.getpid() != PARENT:
            os._exit(9)
        return n

    for _ in range(5):  # whoever takes chunk 13, every result is there
        assert list(forked_map(dies_in_a_child, list(range(60)), 3, 2)) == list(range(60))
    assert_no_child_left()


def test_an_error_in_a_child_leaves_its_chunk_to_the_parent():
    def fails_in_a_child(n: int) -> int:
        if os.getpid() != PARENT:
            raise ValueError(n)
        return -n

    assert list(forked_map(fails_in_a_child, list(range(40)), 2, 4)) == [-n for n in range(40)]
    assert_no_child_left()


def test_results_bigger_than_a_pipe_buffer():
    def big(n: int) -> str:
        return str(n) * 300_000

    assert list(forked_map(big, list(range(12)), 2, 1)) == [str(n) * 300_000 for n in range(12)]


def test_a_caller_that_stops_early_leaves_no_child_behind():
    results = forked_map(square, list(range(500)), 3, 1)
    assert next(results)[0] == 0
    results.close()
    assert_no_child_left()


@pytest.mark.parametrize("count", [1, 7, 100, 1000, 8192, 100_000])
def test_chunk_numbers_fit_in_the_queue(count):
    size = chunk_size(count, 2)
    assert size >= 1 and -(-count // size) <= MAX_CHUNKS
    if count <= 1000:
        assert size <= 8


def test_when_no_process_can_be_forked_this_one_does_the_work(monkeypatch):
    def refused():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refused)
    assert [r for r, pid in forked_map(square, list(range(30)), 4, 2)] == [n * n for n in range(30)]
