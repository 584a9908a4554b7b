"""Child processes that never outlive their parent.

A pool's worker, or a sandboxed parser, would otherwise live on after a SIGKILL of the process
that started it, re-parented and still computing. ``watch_parent`` runs in the child: a daemon
thread checks the parent and ends the child as soon as it is gone. Ctrl-C (SIGINT reaches the
whole process group) is left to the parent, which stops its children itself.

No heavy imports here: the parsing sandbox starts fresh interpreters that load only this.
"""

from __future__ import annotations

import os
import signal
import threading

#: How often a child checks that the process that started it is still there.
PARENT_CHECK_SECONDS = 0.5


def _exit_with_parent(parent_pid: int) -> None:
    while True:
        threading.Event().wait(PARENT_CHECK_SECONDS)
        if os.getppid() != parent_pid:
            os._exit(1)


def watch_parent() -> None:
    """Make this child process end with its parent, and ignore Ctrl-C (the parent's to handle).
    SIGTERM ends it: a forked child would otherwise keep the handler of a parent that stops
    gracefully on SIGTERM, and outlive the parent's ``terminate()``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    threading.Thread(
        target=_exit_with_parent, args=(os.getppid(),), name="watch-parent", daemon=True
    ).start()
