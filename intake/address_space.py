"""Keeping the service's own address space small, so that a memory cap on it (ulimit -v, a
container limit on virtual memory) measures what it uses, not what glibc reserves.

glibc gives each thread that meets a busy allocator a new 64 MB arena, and each thread a stack
as large as the process's stack limit (8 MB by default). The service's threads (the reader
pools' handlers, the mailbox watcher) allocate little, so two arenas and 1 MB stacks serve them;
under load, without this, the arenas alone can reach hundreds of megabytes of reservations.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import threading

M_ARENA_MAX = -8  # glibc's mallopt parameter (malloc.h)
ARENAS = 2
THREAD_STACK_BYTES = 1024 * 1024


def keep_small() -> None:
    """Call once at start-up, before any thread is started."""
    threading.stack_size(THREAD_STACK_BYTES)
    name = ctypes.util.find_library("c")
    if name is None:
        return
    try:
        ctypes.CDLL(name).mallopt(M_ARENA_MAX, ARENAS)
    except (OSError, AttributeError):  # not glibc: its allocator has no such setting
        return
