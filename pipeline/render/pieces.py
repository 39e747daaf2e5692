"""Write a beat's frames as head/body/tail H.264 pieces (see models.ClipPieces).

The body is encoded once with the export's exact settings and later joined by stream copy.
Head and tail are the frames a transition will blend again; they are encoded at a higher
quality so the blend starts from near-pristine frames.
"""

from __future__ import annotations

import os
from dataclasses import asdict, replace
from pathlib import Path
from typing import Iterable

import numpy as np

from ..config import Settings
from ..control import ThreadPool
from ..models import ClipPieces
from .ffmpeg import EncoderSettings, YuvWriter, concat_and_mux

HANDLE_CRF_BONUS = 6


def encoders(settings: Settings, pooled: bool = False) -> tuple[EncoderSettings, EncoderSettings]:
    """The main and handle encoders. Artifact keys use them as they are; `pooled`: for an
    encoder that runs beside others (a pool of render workers), with its share of the cores."""
    main = EncoderSettings(preset=settings.x264_preset, crf=settings.crf)
    if pooled:
        main = replace(main, threads=pooled_threads(settings))
    return main, replace(main, crf=max(0, settings.crf - HANDLE_CRF_BONUS))


def pooled_threads(settings: Settings) -> int:
    """x264 threads for each of `render_workers` encoders running at once: its share of the
    cores, or 0 (x264 decides) for a single worker. Two encoders on two cores with x264's own
    three frame threads each spent 7-8 % more CPU on the same frames than with one thread each
    (measured, 1080p, veryfast): frame threads buy an encoder cores that the other encoder
    already keeps busy. Same crf and preset; only how the work is split changes."""
    if settings.render_workers < 2:
        return 0
    return max(1, (os.cpu_count() or 1) // settings.render_workers)


def write_pieces(job, frames: Iterable[np.ndarray], settings: Settings,
                 parts: tuple[str, ...] = ("head", "body", "tail")) -> ClipPieces:
    """Encode the frames of `parts` (in order) from `frames`. With parts=("body",) the clip
    is procedural: transitions will render their own frames (models.ClipPieces)."""
    w, h, fps = job.scene.width, job.scene.height, job.scene.fps
    main, handle = encoders(settings, pooled=True)
    out = job.out_dir
    out.mkdir(parents=True, exist_ok=True)
    plan = [("head", job.head_frames, handle), ("body", job.body_frames, main), ("tail", job.tail_frames, handle)]
    it = iter(frames)
    paths: dict[str, str | None] = {}
    for name, count, enc in plan:
        if count <= 0 or name not in parts:
            paths[name] = None
            continue
        path = out / f"{name}.mp4"
        with YuvWriter(path, w, h, fps, enc) as writer:
            for _ in range(count):
                writer.write(next(it))
        paths[name] = str(path)
    handles = [p for p in (paths["head"], paths["body"], paths["tail"]) if p]
    if len(handles) > 1:
        preview = out / "preview.mp4"
        concat_and_mux(handles, None, preview, fps)
    else:
        preview = out / "body.mp4"
    return ClipPieces(format=job.fmt, beat=job.beat_index, key=job.key, head=paths["head"], body=paths["body"] or "",
                      tail=paths["tail"], preview=str(preview), frames=job.total_frames,
                      procedural=parts == ("body",), head_frames=job.head_frames, tail_frames=job.tail_frames,
                      scene=asdict(job.scene) if parts == ("body",) else None)


def write_body_parts(job, frames_for, parts: int, settings: Settings) -> ClipPieces:
    """Encode a procedural body as `parts` consecutive segments, each in its own thread with its
    own encoder: a beat re-rendered alone then uses every core. `frames_for(start, count)`
    yields the body's frames [start, start + count)."""
    w, h, fps = job.scene.width, job.scene.height, job.scene.fps
    main, _ = encoders(settings, pooled=True)
    job.out_dir.mkdir(parents=True, exist_ok=True)
    bounds = [round(job.body_frames * k / parts) for k in range(parts + 1)]

    def encode(k: int) -> str:
        path = job.out_dir / f"body_{k}.mp4"
        with YuvWriter(path, w, h, fps, main) as writer:
            for frame in frames_for(bounds[k], bounds[k + 1] - bounds[k]):
                writer.write(frame)
        return str(path)

    with ThreadPool(max_workers=parts) as pool:
        paths = tuple(pool.map(encode, range(parts)))
    preview = job.out_dir / "body.mp4"
    concat_and_mux([Path(p) for p in paths], None, preview, fps)
    return ClipPieces(format=job.fmt, beat=job.beat_index, key=job.key, head=None, body=paths[0], tail=None,
                      preview=str(preview), frames=job.total_frames, procedural=True, body_parts=paths,
                      head_frames=job.head_frames, tail_frames=job.tail_frames, scene=asdict(job.scene))
