"""Check many files in forked processes, this one among them (Linux).

`forked_map(work, items, jobs)` gives `work(item)` for every item, in the items' order, with
`jobs - 1` forked children and this process sharing the items. It replaces a process pool
where fork is safe: the children inherit everything built here (rules, tables), and nothing
is pickled but results, so a run pays no executor threads, call queues or idle parent.

- Work is dealt in chunks from a pipe that holds every chunk's number (4 bytes each, all
  written before the fork): a process takes the next chunk with one 4-byte read, which the
  pipe hands out whole to one reader. A process that runs out of chunks stops; none waits
  while another still has several to do.
- A child sends each chunk's results back on a pipe of its own (a length, then the pickle),
  and this process reads whatever has arrived between its own chunks: results come back in
  order as soon as they are there (the progress bar moves), and a child never waits long on
  a full pipe.
- A child that dies (killed, out of memory) leaves chunks without results: this process
  does them itself at the end. An exception in `work` is the caller's to turn into a
  result; anything else ends the child.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import signal
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

_RECORD = 4
# every chunk number fits in the queue pipe's smallest possible buffer (one page), so writing
# them all before the fork never blocks
MAX_CHUNKS = 4096 // _RECORD
_LENGTH = 8


def chunk_size(count: int, jobs: int, preferred: int = 8) -> int:
    """Items per chunk: `preferred` (small: a process left idle at the end waits for at most
    one chunk of another's), fewer when there are few items, more when there are so many
    that their numbers would not fit in the queue."""
    size = max(1, min(preferred, count // (jobs * 8) or 1))
    return max(size, -(-count // MAX_CHUNKS))


def forked_map(work: Callable, items: Sequence, jobs: int, chunk: int) -> Iterator:
    """work(item) for each item, in order, computed by this process and `jobs - 1` forks."""
    chunks = [items[i:i + chunk] for i in range(0, len(items), chunk)]
    assert len(chunks) <= MAX_CHUNKS
    queue_in, queue_out = os.pipe()
    os.write(queue_out, b"".join(n.to_bytes(_RECORD, "little") for n in range(len(chunks))))
    os.close(queue_out)  # readers see the end of the queue once it is empty
    sys.stdout.flush()
    sys.stderr.flush()
    children: dict[int, int] = {}  # result pipe -> child pid
    try:
        for _ in range(jobs - 1):
            result_in, result_out = os.pipe()
            try:
                pid = os.fork()
            except OSError:  # no more processes allowed: those there are do the work
                os.close(result_in)
                os.close(result_out)
                break
            if pid == 0:  # the child: never returns into the caller
                os.close(result_in)
                _child(work, chunks, queue_in, result_out)
            os.close(result_out)
            os.set_blocking(result_in, False)
            children[result_in] = pid
        yield from _collect(work, chunks, queue_in, children)
    finally:
        os.close(queue_in)
        for fd, pid in children.items():  # only left here when the caller gave up early
            _end_child(fd, pid)


def _child(work: Callable, chunks: list, queue: int, results: int) -> None:
    code = 0
    try:
        while (number := _next_chunk(queue)) is not None:
            data = pickle.dumps((number, [work(item) for item in chunks[number]]),
                                pickle.HIGHEST_PROTOCOL)
            _write_all(results, len(data).to_bytes(_LENGTH, "little") + data)
    except BaseException:  # noqa: BLE001 - Ctrl-C, a closed pipe: this process checks the rest
        code = 1
    finally:
        os._exit(code)  # no atexit handlers, no flushing of buffers copied from the parent


def _collect(work: Callable, chunks: list, queue: int, children: dict[int, int]) -> Iterator:
    done: dict[int, list] = {}
    pending = {fd: bytearray() for fd in children}
    given = 0  # chunks yielded so far, in order
    while True:
        number = _next_chunk(queue)
        if number is not None:
            done[number] = [work(item) for item in chunks[number]]
            _drain(pending, done, children, block=False)
        elif pending:  # no chunk left to take: wait for what the children are still doing
            _drain(pending, done, children, block=True)
        else:
            break
        while given in done:
            yield from done.pop(given)
            given += 1
    for number in range(given, len(chunks)):  # a child died with these: do them here
        yield from done.pop(number, None) or [work(item) for item in chunks[number]]


def _drain(pending: dict[int, bytearray], done: dict[int, list], children: dict[int, int],
           block: bool) -> None:
    """Read what the children have sent; a child whose pipe is at its end is reaped."""
    ready = select.select(list(pending), [], [])[0] if block else list(pending)
    for fd in ready:
        buffer = pending[fd]
        try:
            data = os.read(fd, 1 << 20)
        except BlockingIOError:
            continue
        if not data:
            del pending[fd]
            _end_child(fd, children.pop(fd))
            continue
        buffer += data
        while len(buffer) >= _LENGTH:
            size = int.from_bytes(buffer[:_LENGTH], "little")
            if len(buffer) < _LENGTH + size:
                break
            number, results = pickle.loads(buffer[_LENGTH:_LENGTH + size])
            done[number] = results
            del buffer[:_LENGTH + size]


def _end_child(fd: int, pid: int) -> None:
    os.close(fd)
    with contextlib.suppress(ProcessLookupError):  # a child that has finished is not killed
        os.kill(pid, signal.SIGTERM)  # ends one still working
    os.waitpid(pid, 0)


def _next_chunk(queue: int) -> int | None:
    record = os.read(queue, _RECORD)
    return int.from_bytes(record, "little") if len(record) == _RECORD else None


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
