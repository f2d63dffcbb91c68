"""A signal's handler for the length of a block, put back after it: how the command line takes SIGTERM as
Ctrl-C, and how the batch starts its workers with Ctrl-C ignored."""

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
