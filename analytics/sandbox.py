"""Running risky parsing in a worker process, with a time limit and a memory limit.

Parsing a PDF, a Word document or a ZIP archive from an unknown sender can take forever or eat
all the memory of the server. :func:`run` calls a function in a separate worker process
instead, which is killed when the call takes longer than its time limit or more memory than its
memory limit. The caller gets the function's result, the exception it raised, or a
:class:`SandboxError` saying in plain words why the call was stopped; the next call works as if
nothing had happened.

Design:

- A worker is ``python -m analytics.sandbox``, started with :mod:`subprocess` (not
  ``multiprocessing``: ``fork`` is unsafe in the multi-threaded Streamlit server, and ``spawn``
  or ``forkserver`` would re-run the page script, which Streamlit installs as ``__main__``). It
  talks to its parent over its standard input and output: length-prefixed pickles of
  ``(function, args, kwargs)`` one way and of the outcome the other way. Anything the parsing
  libraries print goes to standard error.
- Workers are warm: a worker imports the modules it is told to preload once, then serves calls
  one after the other (a call costs a pipe round trip: 0.2 to 0.3 ms for a small file). A
  worker that was killed, that crashed or that ran out of memory is thrown away; the next call
  starts a fresh one. At most ``max_workers`` calls run at once (more wait, and the wait does not
  count against their time limit); idle workers are kept per memory limit.
- Memory is limited twice. The parent watches the worker's resident memory while it waits
  (every 50 ms, from ``/proc``) and kills the worker when a call has added more than the limit
  to what the worker held before it (the call's input, unpickled in the worker, included). And
  the worker's address space is capped (``RLIMIT_AS``, soft and hard, set once its modules are
  loaded: about 190 MB for the readers' libraries) at what it then takes plus twice the limit,
  so that a single huge allocation fails at once with ``MemoryError`` instead of being
  attempted. The cap is not the limit itself because a Python program that runs into it while
  building many small objects can spend minutes failing in its exception handlers; the watch
  stops gradual growth long before. Both are reported as :class:`SandboxMemoryError`; a worker
  killed by a signal is a :class:`SandboxCrash`. One worker serves one memory limit, and is
  replaced after ``max_calls`` calls so that what it holds cannot creep up.
- A worker exits when its parent closes the pipe or dies (it checks its parent every half
  second), so it never outlives the server.

Functions and arguments must be picklable: functions are sent by reference (module and name),
so they must be defined at the top level of an importable module. The worker gets the parent's
``sys.path`` so that it can import the same modules.
"""

from __future__ import annotations

import atexit
import contextlib
import io
import os
import pickle
import select
import signal
import struct
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any, TypeVar

_T = TypeVar("_T")

_HEADER = struct.Struct(">Q")
_READY = "ready"
_STARTUP_TIMEOUT_S = 120.0
"""How long a new worker may take to import its modules (not counted in a call's time limit)."""

_PARENT_CHECK_S = 0.5
_WATCH_S = 0.05
"""How often the parent looks at a working worker's memory."""

_ADDRESS_SPACE_FACTOR = 2
"""The worker's address space cap: what it takes when ready plus this many times the limit."""

_MB = 1024 * 1024
_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
_ROOT = Path(__file__).resolve().parent.parent


class SandboxError(Exception):
    """A call that was stopped or could not be made; the message is meant for the user."""


class SandboxTimeout(SandboxError):
    """The call took longer than its time limit; the worker was killed."""


class SandboxMemoryError(SandboxError):
    """The call needed more memory than its limit allowed."""


class SandboxCrash(SandboxError):
    """The worker died during the call (killed by a signal, or exited)."""


def timeout_message(timeout_s: float) -> str:
    return f"parsing took longer than {timeout_s:g} s and was stopped"


def memory_message(memory_mb: int) -> str:
    return f"parsing needed more than {memory_mb} MB of memory and was stopped"


# --- the parent's side ------------------------------------------------------------------------


class _Worker:
    """One worker process and the pipes to it."""

    def __init__(self, *, memory_mb: int, preload: Sequence[str]) -> None:
        self.memory_mb = memory_mb
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            [str(_ROOT), *filter(None, [env.get("PYTHONPATH", "")])]
        )
        self.process = subprocess.Popen(
            [sys.executable, "-m", "analytics.sandbox"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            close_fds=True,
            start_new_session=True,  # a Ctrl-C in the server's terminal is the server's
        )
        assert self.process.stdin is not None and self.process.stdout is not None
        self._stdin: IO[bytes] = self.process.stdin
        self._stdout: IO[bytes] = self.process.stdout
        try:
            self.send(
                {
                    "sys_path": list(sys.path),
                    "preload": list(preload),
                    "address_space_extra": _ADDRESS_SPACE_FACTOR * memory_mb * _MB,
                }
            )
            status, payload = self.receive(time.monotonic() + _STARTUP_TIMEOUT_S)
        except (OSError, EOFError, TimeoutError) as error:
            self.kill()
            raise SandboxCrash(f"the parsing worker could not start ({error})") from None
        if status != _READY:
            self.kill()
            raise SandboxCrash(f"the parsing worker could not start ({payload})")
        self.calls = 0

    @property
    def pid(self) -> int:
        return self.process.pid

    def send(self, message: object) -> None:
        self.send_pickled(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))

    def send_pickled(self, data: bytes) -> None:
        self._stdin.write(_HEADER.pack(len(data)))
        self._stdin.write(data)
        self._stdin.flush()

    def receive(
        self, deadline: float, memory_limit: int | None = None, baseline: int | None = None
    ) -> Any:
        """The next message; ``TimeoutError`` at ``deadline``, ``EOFError`` if the worker died
        and :class:`_OverMemory` when its resident memory exceeds ``baseline`` (bytes) by more
        than ``memory_limit`` meanwhile."""
        header = self._read_exactly(_HEADER.size, deadline, baseline, memory_limit)
        (size,) = _HEADER.unpack(header)
        return pickle.loads(self._read_exactly(size, deadline, baseline, memory_limit))

    def _read_exactly(
        self, size: int, deadline: float, baseline: int | None, memory_limit: int | None
    ) -> bytes:
        chunks = bytearray()
        fd = self._stdout.fileno()
        poller = select.poll()  # not select.select: the server may have over 1024 descriptors
        poller.register(fd, select.POLLIN)
        while len(chunks) < size:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            if not poller.poll(max(1, int(min(remaining, _WATCH_S) * 1000))):
                if baseline is not None and memory_limit is not None:
                    resident = self.resident_memory()
                    if resident is not None and resident - baseline > memory_limit:
                        raise _OverMemory
                continue
            chunk = os.read(fd, min(size - len(chunks), 1 << 20))
            if not chunk:
                raise EOFError
            chunks += chunk
        return bytes(chunks)

    def resident_memory(self) -> int | None:
        """The worker's resident memory in bytes (``None`` where ``/proc`` cannot tell)."""
        try:
            with open(f"/proc/{self.pid}/statm", "rb") as statm:
                return int(statm.read().split()[1]) * _PAGE_SIZE
        except (OSError, ValueError, IndexError):
            return None

    def exit_code(self) -> int | None:
        """The worker's exit code once it has died on its own (waiting a moment for it)."""
        with contextlib.suppress(subprocess.TimeoutExpired):
            return self.process.wait(timeout=1)
        return None

    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        """Kill this worker (only this process, by its own handle) and reap it."""
        with contextlib.suppress(OSError):
            self.process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=5)
        for pipe in (self._stdin, self._stdout):
            with contextlib.suppress(OSError):
                pipe.close()

    def close(self) -> None:
        """Ask the worker to exit (by closing its input), killing it if it does not."""
        with contextlib.suppress(OSError):
            self._stdin.close()
        try:
            self.process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            self.kill()
        with contextlib.suppress(OSError):
            self._stdout.close()


class _OverMemory(Exception):
    """The worker's memory grew past the call's limit."""


class WorkerPool:
    """Warm worker processes that run calls with a time and a memory limit (see the module).

    ``preload`` names modules each worker imports before its memory is capped; at most
    ``max_workers`` calls run at once, ``max_idle`` workers are kept between calls, and a
    worker is replaced after ``max_calls`` calls.
    """

    def __init__(
        self,
        *,
        preload: Sequence[str] = (),
        max_workers: int | None = None,
        max_idle: int = 2,
        max_calls: int = 100,
    ) -> None:
        self.preload = tuple(preload)
        self.max_idle = max_idle
        self.max_calls = max_calls
        self._slots = threading.BoundedSemaphore(max_workers or max(2, os.cpu_count() or 2))
        self._lock = threading.Lock()
        self._idle: list[_Worker] = []
        self.started = 0
        """How many workers this pool has started (tests and benchmarks read it)."""
        atexit.register(self.close)

    def run(
        self,
        function: Callable[..., _T],
        /,
        *args: Any,
        timeout_s: float,
        memory_mb: int,
        **kwargs: Any,
    ) -> _T:
        """``function(*args, **kwargs)`` in a worker; its result, or the exception it raised.

        Raises :class:`SandboxTimeout` after ``timeout_s`` seconds, :class:`SandboxMemoryError`
        when the call needs more than ``memory_mb`` MB of memory, :class:`SandboxCrash` when the
        worker dies, and ``pickle.PicklingError`` (or ``TypeError``, ``AttributeError``) when
        the call cannot be sent.
        """
        message = pickle.dumps((function, args, kwargs), protocol=pickle.HIGHEST_PROTOCOL)
        with self._slots:
            worker = self._take(memory_mb)
            keep = False
            try:
                deadline = time.monotonic() + timeout_s
                try:
                    worker.calls += 1
                    baseline = worker.resident_memory()  # so the call's input counts too
                    worker.send_pickled(message)
                    status, payload = worker.receive(deadline, memory_mb * _MB, baseline)
                except TimeoutError:
                    raise SandboxTimeout(timeout_message(timeout_s)) from None
                except _OverMemory:
                    raise SandboxMemoryError(memory_message(memory_mb)) from None
                except (OSError, EOFError):
                    raise _crash(worker.exit_code(), memory_mb) from None
                if status == "ok":
                    keep = True
                    return payload
                if status == "raise":
                    exception, trace = payload
                    keep = True
                    exception.add_note(f"in the parsing worker:\n{trace}")
                    raise exception
                if status == "memory":
                    raise SandboxMemoryError(memory_message(memory_mb))
                raise SandboxError(str(payload))
            finally:
                self._give_back(worker, keep=keep)

    def _take(self, memory_mb: int) -> _Worker:
        with self._lock:
            for worker in self._idle:
                if worker.memory_mb == memory_mb:
                    self._idle.remove(worker)
                    if worker.alive():
                        return worker
                    worker.kill()
                    break
        worker = _Worker(memory_mb=memory_mb, preload=self.preload)
        with self._lock:
            self.started += 1
        return worker

    def _give_back(self, worker: _Worker, *, keep: bool) -> None:
        if not keep or not worker.alive() or worker.calls >= self.max_calls:
            worker.kill()
            return
        with self._lock:
            self._idle.append(worker)
            extra = self._idle[: max(0, len(self._idle) - self.max_idle)]
            del self._idle[: len(extra)]
        for old in extra:
            old.close()

    def idle_pids(self) -> list[int]:
        """The process ids of the idle workers (for tests)."""
        with self._lock:
            return [worker.pid for worker in self._idle]

    def close(self) -> None:
        """Stop the idle workers (calls running now finish and then stop theirs)."""
        with self._lock:
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.close()


def _crash(returncode: int | None, memory_mb: int) -> SandboxError:
    if returncode is not None and returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = f"signal {-returncode}"
        if -returncode == signal.SIGKILL:
            # Killed by someone else than us: most likely the kernel, out of memory.
            return SandboxMemoryError(memory_message(memory_mb))
        return SandboxCrash(f"the parser crashed on this file ({name}) and was stopped")
    return SandboxCrash(f"the parser stopped unexpectedly on this file (exit code {returncode})")


_DEFAULT_POOL: WorkerPool | None = None
_DEFAULT_LOCK = threading.Lock()


def default_pool() -> WorkerPool:
    """The pool :func:`run` uses (preloading nothing)."""
    global _DEFAULT_POOL
    with _DEFAULT_LOCK:
        if _DEFAULT_POOL is None:
            _DEFAULT_POOL = WorkerPool()
        return _DEFAULT_POOL


def run(
    function: Callable[..., _T], /, *args: Any, timeout_s: float, memory_mb: int, **kwargs: Any
) -> _T:
    """``function(*args, **kwargs)`` in a worker of the default pool (:meth:`WorkerPool.run`)."""
    return default_pool().run(function, *args, timeout_s=timeout_s, memory_mb=memory_mb, **kwargs)


# --- the worker's side ------------------------------------------------------------------------


def _write(out: IO[bytes], message: object) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    out.write(_HEADER.pack(len(data)))
    out.write(data)
    out.flush()


def _read(source: IO[bytes]) -> Any:
    header = source.read(_HEADER.size)
    if len(header) < _HEADER.size:
        raise EOFError
    (size,) = _HEADER.unpack(header)
    data = source.read(size)
    if len(data) < size:
        raise EOFError
    return pickle.loads(data)


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(_PARENT_CHECK_S)
        if os.getppid() != parent:
            os._exit(1)


def _serve() -> None:
    """The worker's loop: read a call, run it, write its outcome, until the input closes."""
    import resource

    # The protocol owns the original standard input and output; whatever the libraries print
    # goes to standard error.
    source = os.fdopen(os.dup(0), "rb")
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
    os.dup2(2, 1)
    sys.stdout = io.TextIOWrapper(os.fdopen(1, "wb", closefd=False), write_through=True)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch_parent, args=(os.getppid(),), daemon=True).start()

    try:
        hello = _read(source)
        sys.path[:] = [*hello["sys_path"], *(p for p in sys.path if p not in hello["sys_path"])]
        for module in hello["preload"]:
            __import__(module)
        try:
            with open("/proc/self/statm", "rb") as statm:
                address_space: int | None = int(statm.read().split()[0]) * _PAGE_SIZE
        except OSError:
            address_space = None  # not Linux: the parent's watch is the only limit
        if address_space is not None:
            limit = address_space + hello["address_space_extra"]
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except BaseException as error:  # noqa: BLE001 - reported to the parent, then exit
        with contextlib.suppress(Exception):
            _write(out, ("error", f"{type(error).__name__}: {error}"))
        raise SystemExit(1) from None
    _write(out, (_READY, None))

    while True:
        try:
            function, args, kwargs = _read(source)
        except EOFError:
            return
        except MemoryError:
            _write(out, ("memory", None))
            return
        except Exception as error:  # noqa: BLE001 - an unreadable call is the caller's bug
            _write(out, ("error", f"the call could not be read: {type(error).__name__}: {error}"))
            continue
        try:
            outcome: tuple[str, Any] = ("ok", function(*args, **kwargs))
        except MemoryError:
            outcome = ("memory", None)
        except Exception as error:  # noqa: BLE001 - sent back to the caller
            outcome = ("raise", (error, traceback.format_exc()))
        del function, args, kwargs
        try:
            _write(out, outcome)
        except MemoryError:
            outcome = ("memory", None)
            _write(out, outcome)
        except Exception as error:  # noqa: BLE001 - a result or exception that cannot be pickled
            if outcome[0] == "raise":
                original, trace = outcome[1]
                stand_in = SandboxError(f"{type(original).__name__}: {original}")
                _write(out, ("raise", (stand_in, trace)))
            else:
                _write(out, ("error", f"the result could not be sent back: {error}"))
        if outcome[0] == "memory":
            return  # a worker that ran out of memory is not trusted again


if __name__ == "__main__":
    from analytics import sandbox

    sandbox._serve()
