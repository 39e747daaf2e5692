"""Phase 6, export: one H.264/AAC MP4 per format (+faststart, BT.709), a poster, storage."""

from __future__ import annotations

from pathlib import Path

from ..artifacts import artifact_key
from ..config import Context
from ..models import ExportFile, ExportOutput, RefineOutput, Spec
from ..render.ffmpeg import concat_and_mux, extract_frame_png

SLUG = {"16:9": "16x9", "9:16": "9x16", "1:1": "1x1"}


def poster_frame(spec: Spec) -> int:
    """The middle of the first hero shot, else a third of the way in."""
    for i, b in enumerate(spec.beats):
        if b.shot_type == "product_hero" and b.text_role != "cta":
            f0, f1 = spec.beat_frame_range(i)
            return (f0 + f1) // 2
    return spec.total_frames // 3


def run(ctx: Context, spec: Spec, refine: RefineOutput, project_id: str) -> tuple[ExportOutput, bool]:
    files, worked = [], False
    poster_path = None
    for i, fmt in enumerate(spec.formats):
        segments = refine.timelines[fmt]
        audio = Path(refine.music_aac or refine.music)
        key = artifact_key("export", segments=[Path(s).parent.name + "/" + Path(s).name for s in segments],
                           music=audio.parent.name + "/" + audio.name, fps=spec.fps)
        path = ctx.artifacts.path("export", key, f"ad_{SLUG[fmt]}.mp4")
        if not ctx.artifacts.has("export", key, path.name):
            ctx.report("export", i / len(spec.formats), f"muxing {fmt}")
            concat_and_mux([Path(s) for s in segments], audio, path, spec.fps)
            worked = True
        w, h = spec.size_for(fmt)
        url = ctx.providers.storage.put(ctx, path, f"{project_id}/ad_{SLUG[fmt]}.mp4")
        files.append(ExportFile(format=fmt, path=str(path), url=url, width=w, height=h, frames=spec.total_frames))
        if poster_path is None:
            poster_path = ctx.artifacts.path("export", key, "poster.png")
            if not poster_path.is_file():
                extract_frame_png(path, poster_path, poster_frame(spec), spec.fps)
    ctx.report("export", 1.0, "exported " + ", ".join(spec.formats))
    assert poster_path is not None
    poster_url = ctx.providers.storage.put(ctx, poster_path, f"{project_id}/poster.png")
    return ExportOutput(files=tuple(files), poster=poster_url), worked
