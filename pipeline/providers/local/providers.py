"""The local providers: first-class, offline, free. What a person gets with no keys."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from ...config import Settings
from ...tempfiles import temp_path
from ...models import ClipPieces
from ..base import ClipJob, FreeProvider


class LocalSpecWriter(FreeProvider):
    name, version = "local", "1"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def write_spec(self, ctx, brief, template):
        from .language_model import load_in_background
        load_in_background()  # decompressing the model overlaps importing the reader, below
        from .spec_writer import write_spec
        return write_spec(brief, template)


class LocalImages(FreeProvider):
    """Animatic keyframes as storyboard sketches; the style guide as a brand page."""

    name, version = "local-sketch", "1"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def keyframe(self, ctx, scene, beat_name, index, total, prompt):
        from ...render.sketch import draw_keyframe
        return draw_keyframe(scene, beat_name, index, total)

    def style_guide(self, ctx, spec, product, logo):
        from ...render.sketch import draw_style_guide
        return draw_style_guide(spec, product, logo)


class LocalVideo(FreeProvider):
    """Procedural motion graphics: the scene's stills animated by the beat's camera move."""

    name, version = "local-motion", "1"
    uses_keyframes = False  # each clip is drawn from its scene: run.py draws the animatic beside the clips

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def planned_pieces(self, job: ClipJob) -> ClipPieces:
        """What a transition reads of this job's clip (its key and scene), before the clip is
        rendered: the clips are procedural, so chunks queues their transitions beside them."""
        from dataclasses import asdict

        return ClipPieces(format=job.fmt, beat=job.beat_index, key=job.key, head=None, body="", tail=None,
                          preview="", frames=job.total_frames, procedural=True, scene=asdict(job.scene),
                          head_frames=job.head_frames, tail_frames=job.tail_frames)

    def prepare(self, job: ClipJob) -> None:
        """Build the job's scene now (kept in memory for its clip and its transitions)."""
        from ...render.scene import cached_scene

        cached_scene(job.scene)

    def render_clip(self, ctx, job: ClipJob) -> ClipPieces:
        from ...render.pieces import write_pieces, write_body_parts
        from ...render.scene import scene_frames

        # The body starts where the incoming transition ends, half of it after the cut.
        first = job.head_frames // 2
        parts = max(1, min(job.split, job.body_frames // MIN_PART_FRAMES))
        if parts > 1:
            return write_body_parts(job, lambda start, count: scene_frames(job.scene, first + start, count),
                                    parts, ctx.settings)
        # Only the body is encoded: transitions render their frames from the scenes.
        return write_pieces(job, scene_frames(job.scene, first, job.body_frames), ctx.settings, parts=("body",))


MIN_PART_FRAMES = 45  # below this a second encoder costs more than it saves


class LocalMusic(FreeProvider):
    name, version = "local-synth", "1"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def compose(self, ctx, spec, out_wav: Path) -> list[float]:
        from ...render.music import MusicPlan, beat_times, synthesize, write_wav
        plan = MusicPlan(duration_s=spec.duration_s, bpm=spec.audio.tempo_bpm, key=spec.audio.key,
                         scale=spec.audio.scale, mood=spec.audio.mood, style=spec.audio.style, seed=spec.seed)
        write_wav(synthesize(plan), out_wav, plan.sample_rate)
        return beat_times(plan)


class LocalUpscaler(FreeProvider):
    name, version = "lanczos", "1"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def upscale(self, ctx, rgb: np.ndarray, width: int, height: int) -> Any:
        return cv2.resize(rgb, (width, height), interpolation=cv2.INTER_LANCZOS4)


class LocalStorage(FreeProvider):
    """Finished files under <data dir>/exports; the URL is the file path."""

    name, version = "local-disk", "1"

    def __init__(self, settings: Settings) -> None:
        self.root = Path(settings.data_dir) / "exports"

    def put(self, ctx, local_path: Path, key: str) -> str:
        dest = self.root / key
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = temp_path(dest)  # unique: two exports at once never share it
        try:
            try:
                tmp.hardlink_to(local_path)  # same disk: instant, no second copy
            except OSError:
                shutil.copyfile(local_path, tmp)
            tmp.replace(dest)
        finally:
            tmp.unlink(missing_ok=True)
        return str(dest.resolve())
