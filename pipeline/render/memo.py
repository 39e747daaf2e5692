"""Caches for what scenes are built from.

`shared_cache`: for drawings that several render threads ask for at once. functools.lru_cache
lets two threads that miss at the same moment both compute the value. The animatic draws two
keyframes side by side, and both start by asking for the same people, props and product:
measured, a third of a second of CPU went to drawing them twice, at the start of a run, where
nothing else can use the time.

`disk_array` / `disk_image`: for what a later process of the same project asks for again (a
one-beat re-render, a preview): kept as raw arrays in the scene cache of the data dir.
"""

from __future__ import annotations

import os
import threading
from functools import lru_cache, wraps
from pathlib import Path
from typing import Callable

import numpy as np


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


def disk_array(path: Path, make: Callable[[], np.ndarray]) -> np.ndarray:
    """An array kept on disk at `path` (raw .npy): loaded when it is there (a one-beat re-render,
    a preview: a new process whose data dir has it), otherwise made and written atomically. Raw,
    not compressed: written and read in milliseconds. A cache: failing to keep it is not an
    error, and a file that cannot be read is made again."""
    path = Path(path)
    if path.is_file():
        try:
            return np.load(path, allow_pickle=False)
        except (OSError, ValueError):
            pass
    arr = make()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.stem}.{os.getpid()}.{threading.get_ident()}.tmp.npy")
    try:
        np.save(tmp, arr)
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)
    return arr


def disk_image(path: Path, make):
    """An RGBA image kept on disk as its raw array (see disk_array): pixel for pixel what `make`
    gave. PNG was the format before: a 2048 px stand-in took 0.16 s of CPU to compress, on the
    way to a beat's first frame, and 0.05 s to decode."""
    from PIL import Image

    def rgba() -> np.ndarray:
        img = make()
        return np.asarray(img if img.mode == "RGBA" else img.convert("RGBA"))

    arr = disk_array(path, rgba)
    if arr.ndim != 3 or arr.shape[2] != 4 or arr.dtype != np.uint8:
        arr = rgba()
    return Image.fromarray(arr, "RGBA")
