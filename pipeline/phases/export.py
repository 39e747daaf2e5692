"""Phase 6, export: one H.264/AAC MP4 per format (+faststart, BT.709), a poster, storage."""

from __future__ import annotations

from concurrent.futures import Future
from pathlib import Path

from ..artifacts import artifact_key
from ..config import Context
from ..models import ExportFile, ExportOutput, RefineOutput, Spec
from ..control import ThreadPool
from ..render.ffmpeg import concat_and_mux, extract_frame_png, mp4_frame_count, seek_lands_on

SLUG = {"16:9": "16x9", "9:16": "9x16", "1:1": "1x1"}


def poster_frame(spec: Spec) -> int:
    """The middle of the first hero shot, else a third of the way in."""
    for i, b in enumerate(spec.beats):
        if b.shot_type == "product_hero" and b.text_role != "cta":
            f0, f1 = spec.beat_frame_range(i)
            return (f0 + f1) // 2
    return spec.total_frames // 3


def poster_source(segments: list[Path], frame: int) -> tuple[Path, int] | None:
    """The segment that holds frame `frame` of the cut and the frame's index in it; None when a
    segment's length cannot be read. Segments are joined by stream copy, so the frame decoded
    from its segment is the frame decoded from the finished file, pixel for pixel: the poster
    can be taken while the file is being assembled instead of after it (a quarter second)."""
    start = 0
    for seg in segments:
        n = mp4_frame_count(seg)
        if not n:
            return None
        if frame < start + n:
            return seg, frame - start
        start += n
    return None


def run(ctx: Context, spec: Spec, refine: RefineOutput, project_id: str) -> tuple[ExportOutput, bool]:
    files, worked = [], False
    poster_path = None
    with ThreadPool(max_workers=1) as side:
        poster_job = None
        for i, fmt in enumerate(spec.formats):
            segments = [Path(s) for s in refine.timelines[fmt]]
            audio = Path(refine.music_aac or refine.music)
            key = artifact_key("export", segments=[s.parent.name + "/" + s.name for s in segments],
                               music=audio.parent.name + "/" + audio.name, fps=spec.fps)
            path = ctx.artifacts.path("export", key, f"ad_{SLUG[fmt]}.mp4")
            if poster_path is None:
                poster_path = ctx.artifacts.path("export", key, "poster.png")
                poster_job = _start_poster(side, spec, segments, poster_path)
            if not ctx.artifacts.has("export", key, path.name):
                ctx.report("export", i / len(spec.formats), f"muxing {fmt}")
                concat_and_mux(segments, audio, path, spec.fps)
                worked = True
            w, h = spec.size_for(fmt)
            url = ctx.providers.storage.put(ctx, path, f"{project_id}/ad_{SLUG[fmt]}.mp4")
            files.append(ExportFile(format=fmt, path=str(path), url=url, width=w, height=h, frames=spec.total_frames))
        assert poster_path is not None
        if poster_job is not None:
            poster_job.result()
        elif not poster_path.is_file():  # a segment's length could not be read: from the file
            extract_frame_png(Path(files[0].path), poster_path, poster_frame(spec), spec.fps)
    ctx.report("export", 1.0, "exported " + ", ".join(spec.formats))
    poster_url = ctx.providers.storage.put(ctx, poster_path, f"{project_id}/poster.png")
    return ExportOutput(files=tuple(files), poster=poster_url), worked


def _start_poster(pool: ThreadPool, spec: Spec, segments: list[Path], poster_path: Path) -> Future | None:
    """Start taking the poster from its segment beside the assembly of the file (None when it
    is there already or its segment cannot be found). It is the frame a seek in the finished
    file lands on, as posters always were."""
    if poster_path.is_file():
        return None
    source = poster_source(segments, seek_lands_on(poster_frame(spec), spec.fps))
    if source is None:
        return None
    poster_path.parent.mkdir(parents=True, exist_ok=True)
    return pool.submit(extract_frame_png, source[0], poster_path, source[1], spec.fps, exact=True)
