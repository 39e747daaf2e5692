"""Cost estimates before anything runs, and the budget check."""

from __future__ import annotations

from dataclasses import dataclass, field

from .config import Context
from .errors import BudgetError
from .models import Spec


@dataclass(frozen=True)
class Estimate:
    per_phase: dict[str, float] = field(default_factory=dict)

    @property
    def total(self) -> float:
        return round(sum(self.per_phase.values()), 4)


def estimate(ctx: Context, spec: Spec | None, beats: list[int] | None = None, include_spec: bool = False) -> Estimate:
    """Dollars each phase would spend. `beats` restricts chunk/keyframe costs to those beats."""
    p = ctx.providers
    n_beats = len(spec.beats) if spec else 6
    chosen = beats if beats is not None else list(range(n_beats))
    formats = len(spec.formats) if spec else 1
    # Hosted video is priced per clip (one call per beat, transition handles included), and a
    # remote upscaler per source frame of each format's clip.
    if spec is not None:
        from .phases.common import frame_plan
        clip_s = [sum(frame_plan(spec, i)) / spec.fps for i in chosen]
    else:
        clip_s = [5.0] * 6
    video = sum(p.video.price("video_seconds", s) for s in clip_s)
    upscale = sum(p.upscaler.price("video_seconds", s) for s in clip_s) * formats
    per = {
        "spec": p.spec.price("spec") if include_spec else 0.0,
        "animatic": p.image.price("image", len(chosen)),
        "references": 0.0 if beats is not None else p.image.price("image", 1),
        "chunks": video * (1 if getattr(p.video, "reframes", True) else formats) + upscale,
        "refine": 0.0 if beats is not None else p.music.price("music_seconds", spec.duration_s if spec else 30.0),
        "export": 0.0,
    }
    return Estimate({k: round(v, 4) for k, v in per.items()})


def check_budget(ctx: Context, project_id: str, est: Estimate, budget: float | None) -> None:
    if budget is None:
        return
    spent = ctx.store.project_cost(project_id)
    if spent + est.total > budget + 1e-9:
        raise BudgetError(f"this run would cost about ${est.total:.2f}; with ${spent:.2f} already spent that "
                          f"exceeds the project budget of ${budget:.2f}. Raise the budget or use local providers.")
