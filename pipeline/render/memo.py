"""A cache for drawings that several render threads ask for at once.

functools.lru_cache lets two threads that miss at the same moment both compute the value. The
animatic draws two keyframes side by side, and both start by asking for the same people,
props and product: measured, a third of a second of CPU went to drawing them twice, at the
start of a run, where nothing else can use the time.
"""

from __future__ import annotations

import threading
from functools import lru_cache, wraps


def shared_cache(maxsize: int = 128):
    """lru_cache, except that a call whose arguments another thread is computing waits for
    that result instead of computing it again (calls with other arguments do not wait)."""

    def decorate(fn):
        cached = lru_cache(maxsize=maxsize)(fn)
        pending: dict[tuple, threading.Lock] = {}
        guard = threading.Lock()

        @wraps(fn)
        def call(*args, **kwargs):
            key = (args, tuple(sorted(kwargs.items())))
            with guard:
                lock = pending.setdefault(key, threading.Lock())
            with lock:
                try:
                    return cached(*args, **kwargs)
                finally:
                    with guard:
                        pending.pop(key, None)

        call.cache_info = cached.cache_info  # type: ignore[attr-defined]
        call.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
        return call

    return decorate
