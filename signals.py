"""A signal's handler for the length of a block, put back after it: how the command line takes SIGTERM as
Ctrl-C, and how the batch starts its workers with Ctrl-C ignored. Also the Dask preload that makes the
workers of bordermap's own LocalCluster ignore Ctrl-C."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Callable, Iterator


@contextlib.contextmanager
def handling(signum: int, handler: Callable | int) -> Iterator[None]:
    """``handler`` for ``signum`` inside the block. Nothing changes outside the main thread (Python sets
    handlers there only) or when the present handler was set outside Python (``getsignal`` gives None, which
    could not be put back)."""
    if threading.current_thread() is not threading.main_thread() or signal.getsignal(signum) is None:
        yield
        return
    previous = signal.signal(signum, handler)
    try:
        yield
    finally:
        signal.signal(signum, previous)


def dask_setup(worker) -> None:
    """Dask's preload hook (``preload=["bordermap.signals"]``), run in each worker process of the batch's
    LocalCluster as it starts: Ctrl-C reaches every process of the terminal's group, and a worker that took
    it printed its event loop's traceback (34 lines for two workers). The process that started the cluster
    takes Ctrl-C and closes it, which ends the workers. A worker still starting (its first second or two,
    before this runs) is not covered."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
