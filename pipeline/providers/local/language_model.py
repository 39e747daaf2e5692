"""The brief reader's language model: py3langid's character n-gram model (shipped inside the
package), limited to the six languages the writer speaks, loaded once per process.

Loading it costs about 0.45 s, most of it decompressing the model's LZMA file outside the GIL,
on the one busy core at the start of a run. So it is loaded in a thread started as early as
it is known to be needed (`load_in_background`): by the CLI before its own imports when it is
given a new brief, and by the local spec writer before it imports the reader (0.2 s of
compiling patterns). The reader then finds it loaded, or waits for the rest of the load
(`identifier`). This module stays light to import so that the load can start first.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future
from typing import Any

_lock = threading.Lock()
_model: Future | None = None  # the load, started or done; None before the first request


def load_in_background() -> None:
    """Start loading the model in a daemon thread, unless it is loaded or loading already."""
    fut, new = _request()
    if new:
        threading.Thread(target=_load_into, args=(fut,), name="language-model", daemon=True).start()


def identifier() -> Any:
    """The model (a py3langid LanguageIdentifier): loaded here on first use, or the load that
    `load_in_background` started, waited for. A load that failed raises, and is tried again
    by the next request."""
    fut, new = _request()
    if new:
        _load_into(fut)
    return fut.result()


def _request() -> tuple[Future, bool]:
    """The model's load, and whether it is new (the caller must then run it)."""
    global _model
    with _lock:
        if _model is not None:
            return _model, False
        _model = Future()
        return _model, True


def _load_into(fut: Future) -> None:
    global _model
    try:
        fut.set_result(_load())
    except BaseException as exc:
        with _lock:
            _model = None  # the next request loads it again
        fut.set_exception(exc)


def _load() -> Any:
    """py3langid's model, read as its own loader reads it (modelio.load_model), except that
    the file is decompressed in one call: the GIL is released throughout it, where the
    streaming reader's thousand short calls each wait for the interpreter that the reader's
    import holds meanwhile (measured: no overlap left). Any other model layout (another
    py3langid version) is read by py3langid itself."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    from .lexicon import LANGS

    try:
        model = _read_model(MODEL_DIR / MODEL_FILE, LanguageIdentifier)
    except (KeyError, ValueError, OSError):
        model = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    model.set_languages(list(LANGS))
    return model


def _read_model(path, identifier_class) -> Any:
    import io
    import lzma
    from array import array

    import numpy as np

    def table(a: np.ndarray) -> array:  # DFA tables as stdlib arrays, as py3langid keeps them
        out = array({2: "H", 4: "I", 8: "L"}[a.dtype.itemsize])
        out.frombytes(memoryview(np.ascontiguousarray(a)).cast("B"))
        return out

    raw = lzma.decompress(path.read_bytes())
    with np.load(io.BytesIO(raw), allow_pickle=False) as data:
        return identifier_class(np.asarray(data["ptc"]), np.asarray(data["pc"]), data["classes"].tolist(),
                                table(data["nextmove"]), data["out_feat"].tolist(), norm_probs=True,
                                tk_row=table(data["nextmove_row"]))
