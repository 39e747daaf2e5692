"""Content-addressed artifact storage on local disk.

An artifact's key is a hash of everything that produced it (phase, inputs, provider and model
version, seed). If the key's files exist, the work is already done: that single rule gives
resume-after-crash and regenerate-one-beat for free. Files are written under a temporary name
and renamed into place, so a crash never leaves a half-written artifact under a valid key.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from .tempfiles import temp_path

# Bump when a renderer changes its output for the same inputs, so old caches are not reused.
RENDER_VERSION = "2"


def _canonical(value: Any) -> Any:
    if hasattr(value, "model_dump"):
        return _canonical(value.model_dump(mode="json"))
    if isinstance(value, dict):
        return {str(k): _canonical(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (list, tuple)):
        return [_canonical(v) for v in value]
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, Path):
        return str(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _canonical(dataclasses.asdict(value))
    return value


def artifact_key(kind: str, **parts: Any) -> str:
    payload = json.dumps({"kind": kind, "v": RENDER_VERSION, **_canonical(parts)}, sort_keys=True,
                         ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:24]


def file_digest(path: str | Path | None) -> str | None:
    """Content hash of an input file (uploads), so a changed upload changes downstream keys."""
    if not path:
        return None
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()[:24]


class ArtifactStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)

    def dir_for(self, kind: str, key: str) -> Path:
        return self.root / kind / key[:2] / key

    def path(self, kind: str, key: str, name: str) -> Path:
        return self.dir_for(kind, key) / name

    def has(self, kind: str, key: str, *names: str) -> bool:
        d = self.dir_for(kind, key)
        return all((d / n).is_file() and (d / n).stat().st_size > 0 for n in names)

    @contextmanager
    def writing(self, final_path: Path) -> Iterator[Path]:
        """Yield a temporary path beside `final_path`; rename into place only on success."""
        final_path = Path(final_path)
        final_path.parent.mkdir(parents=True, exist_ok=True)
        tmp = temp_path(final_path)
        try:
            yield tmp
            os.replace(tmp, final_path)
        finally:
            if tmp.exists():
                tmp.unlink()

    def remove(self, kind: str, key: str) -> None:
        shutil.rmtree(self.dir_for(kind, key), ignore_errors=True)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_path(path)
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
