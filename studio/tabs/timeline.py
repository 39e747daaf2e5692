"""Timeline: the beats in order as a strip of thumbnails with durations and transitions, the
music's waveform with its beat grid; reorder beats, change durations (the others are
rebalanced so the ad keeps its length, unless the length itself is changed) and transitions;
snap the cuts to the music; a fast low-resolution preview of the whole cut with music."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import gradio as gr

from pipeline import run
from pipeline.errors import InputError
from pipeline.models import MIN_BEAT_S, TRANSITION_TYPES, Spec

from ..core import Studio, View, beat_label, secs, move_beat, rebalance, scale_durations, thumb_uri, with_durations
from ..ui import UI, empty_state, errors_md, esc, notice
from ..waveform import draw_waveform, on_grid

STRIP_JS = """
element.addEventListener('click', (e) => {
  const b = e.target.closest('[data-beat]');
  if (b) trigger('click', {beat: parseInt(b.dataset.beat, 10)});
});
"""
TRANSITION_ICON = {"cut": "│", "crossfade": "⨯", "fade_black": "◐", "wipe": "▸", "flash": "✦"}


def cuts_of(spec: Spec) -> list[float]:
    return [b.end for b in spec.beats[:-1]]


def strip_html(view: View | None, selected: int | None) -> str:
    if view is None or view.spec is None:
        return empty_state("No timeline yet", "Write the spec in the <b>Brief</b> tab; the beats line up here.")
    spec = view.spec
    kfs = view.keyframes()
    total = spec.duration_s
    grid = view.outputs.get("refine", {}).get("beat_grid") or []
    hits = on_grid(cuts_of(spec), grid) if grid else []
    parts = []
    for i, b in enumerate(spec.beats):
        thumb = thumb_uri(kfs[i], 240, 135) if i < len(kfs) else None
        img = f'<img src="{thumb}" alt="">' if thumb else '<div class="as-strip-ph"></div>'
        width = max(b.duration / total * 100, 6)
        cls = "as-strip-beat" + (" selected" if selected == i else "")
        parts.append(
            f'<div class="{cls}" style="flex: {width:.3f} 1 0" data-beat="{i}" role="button" tabindex="0" '
            f'title="{esc(b.prompt)}"><div class="as-strip-img">{img}<span class="as-strip-dur">{secs(b.duration)} s</span>'
            f'</div><div class="as-strip-name"><b>{i + 1}</b> {esc(b.name.replace("_", " "))}</div>'
            f'<div class="as-strip-meta">{esc(b.shot_type.replace("_", " "))} · {esc(b.camera_movement.replace("_", " "))}'
            f'</div></div>')
        if i < len(spec.transitions):
            t = spec.transitions[i]
            dur = "" if t.type == "cut" else f" {secs(t.duration)}s"
            grid_mark = ""
            if hits:
                grid_mark = ('<span class="as-on-grid" title="this cut lands on a music beat">♪</span>' if hits[i]
                             else '<span class="as-off-grid" title="this cut is between music beats">♪̸</span>')
            parts.append(f'<div class="as-strip-tr" title="{esc(t.type)} after beat {i + 1}">'
                         f'<span>{TRANSITION_ICON.get(t.type, "·")}</span><small>{esc(t.type.replace("_", " "))}'
                         f'{esc(dur)}</small>{grid_mark}</div>')
    return (f'<div class="as-strip-head"><span>{len(spec.beats)} beats · {total:g} s</span>'
            f'<span class="as-muted">click a beat to select it</span></div><div class="as-strip">{"".join(parts)}</div>')


def waveform_path(studio: Studio, view: View) -> tuple[str | None, str]:
    """The waveform PNG (cached) and a one-line caption about the cuts and the grid."""
    refine = view.outputs.get("refine", {})
    music = refine.get("music")
    if not music or not Path(music).is_file() or view.spec is None:
        return None, "The music and its beat grid appear after the Refine phase."
    grid = list(refine.get("beat_grid") or [])
    cuts = cuts_of(view.spec)
    key = hashlib.sha1(repr((music, Path(music).stat().st_mtime, grid, cuts)).encode()).hexdigest()[:16]
    out = studio.data_dir / "studio" / "previews" / view.id / f"wave_{key}.png"
    if not out.is_file():
        out.parent.mkdir(parents=True, exist_ok=True)
        img = draw_waveform(music, grid, cuts, [str(i + 1) for i in range(len(view.spec.beats))],
                            width=1200, height=260, duration=view.spec.duration_s)
        tmp = out.with_name(out.stem + ".tmp.png")
        img.save(tmp)
        tmp.replace(out)
    hits = on_grid(cuts, grid)
    bpm = view.spec.audio.tempo_bpm
    caption = (f"{view.spec.audio.style} · {bpm:g} BPM · {len(grid)} beats in the grid · "
               f"{sum(hits)} of {len(cuts)} cuts land on a beat")
    return str(out), caption


def snap_to_grid(spec: Spec, grid: list[float]) -> dict[str, Any]:
    """Move every cut to the nearest beat of the music (keeping each beat ≥ the minimum)."""
    if not grid:
        raise InputError("the music has no beat grid yet; run Generate all first")
    cuts = cuts_of(spec)
    snapped: list[float] = []
    prev = 0.0
    for i, c in enumerate(cuts):
        remaining = len(cuts) - i
        lo = prev + MIN_BEAT_S
        hi = spec.duration_s - MIN_BEAT_S * remaining
        options = [g for g in grid if lo - 1e-9 <= g <= hi + 1e-9]
        t = min(options, key=lambda g: abs(g - c)) if options else min(max(c, lo), hi)
        snapped.append(round(t, 6))
        prev = t
    edges = [0.0, *snapped, spec.duration_s]
    durations = [round(edges[i + 1] - edges[i], 6) for i in range(len(edges) - 1)]
    durations[-1] = round(spec.duration_s - sum(durations[:-1]), 6)
    return with_durations(spec, durations)


def with_transition(spec: Spec, index: int, kind: str, duration: float) -> dict[str, Any]:
    if not 0 <= index < len(spec.transitions):
        raise InputError("the last beat has no transition after it; pick an earlier beat")
    if kind not in TRANSITION_TYPES:
        raise InputError(f"transition: choose one of {', '.join(TRANSITION_TYPES)}")
    data = spec.model_dump(mode="json")
    data["transitions"][index] = {"type": kind, "duration": 0.0 if kind == "cut" else float(duration or 0.5)}
    return data


def build(ui: UI) -> dict[str, Any]:
    studio = ui.studio
    gr.HTML('<div class="as-h2">Timeline</div><div class="as-sub">The cut in order. Durations keep the ad\'s length '
            '— change one beat and the others make room. Transitions sit between beats.</div>')
    strip = gr.HTML(strip_html(None, None), js_on_load=STRIP_JS, elem_id="as-strip")
    with gr.Row(equal_height=False):
        with gr.Column(scale=3):
            gr.HTML('<div class="as-h3">Music · beat grid · cuts</div>')
            wave = gr.Image(label="Music · beat grid · cuts", show_label=False, type="filepath", interactive=False,
                            visible=False,
                            elem_id="as-waveform", buttons=["fullscreen"])
            wave_caption = gr.HTML()
            with gr.Row():
                snap_btn = gr.Button("Snap cuts to the music", size="sm", elem_id="as-snap")
                preview_btn = gr.Button("Preview the whole cut (fast, low-res)", variant="primary", size="sm",
                                        elem_id="as-preview-btn")
            preview_status = gr.HTML()
            preview = gr.Video(label="Preview with music", height=300, interactive=False, elem_id="as-preview",
                               visible=False)
        with gr.Column(scale=2, min_width=320, elem_classes="as-panel"):
            gr.HTML('<div class="as-h3">Selected beat</div>')
            beat = gr.Dropdown(label="Beat", choices=[], value=None, allow_custom_value=True, elem_id="as-tl-beat")
            with gr.Row():
                earlier = gr.Button("◀ Earlier", size="sm", elem_id="as-tl-earlier")
                later = gr.Button("Later ▶", size="sm", elem_id="as-tl-later")
            with gr.Row():
                duration = gr.Number(label="Duration (s)", minimum=MIN_BEAT_S, step=0.1, elem_id="as-tl-duration")
                set_dur = gr.Button("Set duration", size="sm", scale=0, min_width=120, elem_id="as-tl-set-duration")
            gr.HTML('<div class="as-h3">Transition after this beat</div>')
            with gr.Row():
                tr_type = gr.Dropdown([(t.replace("_", " "), t) for t in TRANSITION_TYPES], label="Type",
                                      elem_id="as-tl-tr-type")
                tr_dur = gr.Slider(0.1, 2.0, value=0.5, step=0.1, label="Length (s)", elem_id="as-tl-tr-dur")
            set_tr = gr.Button("Set transition", size="sm", elem_id="as-tl-set-tr")
            gr.HTML('<div class="as-h3">Ad length</div>')
            with gr.Row():
                total = gr.Number(label="Length (s)", minimum=5, maximum=120, elem_id="as-tl-total")
                set_total = gr.Button("Change length", size="sm", scale=0, min_width=130)
            err = gr.HTML(visible=False, elem_id="as-tl-error")
            status = gr.HTML(elem_id="as-tl-status")

    controls = [duration, tr_type, tr_dur, total]

    def control_values(spec: Spec | None, i: int | None) -> list[Any]:
        if spec is None or i is None or not 0 <= i < len(spec.beats):
            return [None, None, 0.5, spec.duration_s if spec else None]
        has_tr = i < len(spec.transitions)
        t = spec.transitions[i] if has_tr else None
        return [round(spec.beats[i].duration, 3),
                gr.update(value=t.type if t else None, interactive=has_tr),
                gr.update(value=(round(t.duration, 2) if t and t.type != "cut" else 0.5), interactive=has_tr),
                spec.duration_s]

    def refresh(view: View | None, owner: str | None, current: int | None = None) -> list[Any]:
        spec = view.spec if view else None
        n = len(spec.beats) if spec else 0
        keep = int(current) if current is not None and 0 <= int(current) < n else (0 if n else None)
        wav, caption = waveform_path(studio, view) if view and spec else (None, "")
        prev = None
        if view is not None:
            p = studio.data_dir / "exports" / view.id / "preview.mp4"
            prev = str(p) if p.is_file() else None
        choices = [(beat_label(spec, i), i) for i in range(n)] if spec else []
        return ([strip_html(view, keep), gr.update(choices=choices, value=keep),
                 gr.update(value=wav, visible=wav is not None),
                 f'<div class="as-muted">{esc(caption)}</div>' if caption else "",
                 gr.update(value=prev, visible=prev is not None)]
                + control_values(spec, keep) + [errors_md(None)])

    ui.add_refresher("timeline", refresh, [strip, beat, wave, wave_caption, preview, *controls, err],
                     inputs=[beat])

    @ui.guard("timeline.strip")
    def on_strip(evt: gr.EventData):
        data = getattr(evt, "_data", None) or {}
        i = data.get("beat") if isinstance(data, dict) else None
        return gr.skip() if i is None else int(i)

    strip.click(on_strip, None, [beat], **ui.light(show_progress="hidden"))

    @ui.guard("timeline.beat")
    def on_beat(i: int | None, pid: str | None, request: gr.Request):
        view = ui.view(pid, request)
        spec = view.spec if view else None
        return [strip_html(view, None if i is None else int(i))] + control_values(spec, None if i is None else int(i))

    beat.change(on_beat, [beat, ui.pid], [strip, *controls], **ui.light(show_progress="hidden"))

    def _save(pid: str | None, request: Any, make: Any, note: str, done: str) -> tuple[bool, tuple[Any, ...]]:
        owner = ui.owner(request)
        project = studio.project(pid, owner)
        if project.spec is None:
            raise InputError("this project has no spec yet; write it from the Brief tab")
        try:
            studio.save_spec(pid, owner, make(project.spec), note=note)
        except InputError as exc:
            return False, (errors_md(str(exc).splitlines()), "", gr.skip())
        return True, (errors_md(None), notice(done), ui.bump(pid))

    outs = [err, status, ui.stamp]

    def move(pid: str | None, i: int | None, delta: int, request: Any):
        if i is None:
            raise InputError("pick a beat first")
        i = int(i)
        ok, result = _save(pid, request, lambda s: move_beat(s, i, delta), f"beat {i + 1} moved",
                           f"Beat moved to position {i + delta + 1}. Its clip is reused; the cut is redone on the "
                           "next render.")
        return (*result, i + delta if ok else gr.skip())

    @ui.guard("timeline.earlier")
    def move_earlier(pid: str | None, i: int | None, request: gr.Request):
        return move(pid, i, -1, request)

    @ui.guard("timeline.later")
    def move_later(pid: str | None, i: int | None, request: gr.Request):
        return move(pid, i, 1, request)

    earlier.click(move_earlier, [ui.pid, beat], [*outs, beat], **ui.light())
    later.click(move_later, [ui.pid, beat], [*outs, beat], **ui.light())

    @ui.guard("timeline.duration")
    def set_duration(pid: str | None, i: int | None, value: float | None, request: gr.Request):
        if i is None or value is None:
            raise InputError("pick a beat and type its new duration")
        i = int(i)

        def make(spec: Spec):
            durs = rebalance([b.duration for b in spec.beats], i, float(value), spec.duration_s)
            return with_durations(spec, durs)

        return _save(pid, request, make, f"beat {i + 1} duration {float(value):g} s",
                     f"Beat {i + 1} is now {float(value):g} s; the other beats were rebalanced to keep the ad's "
                     "length.")[1]

    set_dur.click(set_duration, [ui.pid, beat, duration], outs, **ui.light())
    duration.submit(set_duration, [ui.pid, beat, duration], outs, **ui.light())

    @ui.guard("timeline.transition")
    def set_transition(pid: str | None, i: int | None, kind: str | None, length: float, request: gr.Request):
        if i is None or not kind:
            raise InputError("pick a beat and a transition type")
        i = int(i)
        return _save(pid, request, lambda s: with_transition(s, i, kind, length), f"transition {i + 1}: {kind}",
                     f"Transition after beat {i + 1}: {kind.replace('_', ' ')}.")[1]

    set_tr.click(set_transition, [ui.pid, beat, tr_type, tr_dur], outs, **ui.light())

    @ui.guard("timeline.total")
    def set_length(pid: str | None, value: float | None, request: gr.Request):
        if value is None:
            raise InputError("type the ad's new length in seconds")

        def make(spec: Spec):
            return with_durations(spec, scale_durations([b.duration for b in spec.beats], float(value)), float(value))

        return _save(pid, request, make, f"length {float(value):g} s",
                     f"The ad is now {float(value):g} s; every beat was scaled to fit. The music is recomposed to "
                     "the new length on the next render.")[1]

    set_total.click(set_length, [ui.pid, total], outs, **ui.light())

    @ui.guard("timeline.snap")
    def snap(pid: str | None, request: gr.Request):
        view = studio.view(pid, ui.owner(request))
        grid = list(view.outputs.get("refine", {}).get("beat_grid") or [])
        return _save(pid, request, lambda s: snap_to_grid(s, grid), "cuts snapped to the beat grid",
                     "Every cut now lands on a beat of the music.")[1]

    snap_btn.click(snap, [ui.pid], outs, **ui.light())

    @ui.guard("timeline.preview")
    def render_preview(pid: str | None, request: gr.Request):
        owner = ui.owner(request)
        project = studio.project(pid, owner)
        if project.spec is None:
            raise InputError("this project has no spec yet; write it from the Brief tab")
        studio.guard_idle(pid)
        job = studio.jobs.submit(pid, "preview", "Preview", lambda ctx: run.render_preview(ctx, pid, width=640),
                                 tracks_phases=False)
        for j in studio.jobs.follow(job, 0.5):
            if j.done.is_set():
                break
            yield notice(f"Rendering the preview… {j.elapsed:.0f} s", "run"), gr.skip()
        if job.state == "canceled":
            yield notice("Preview canceled.", "warn"), gr.skip()
            return
        if job.state == "failed":
            raise gr.Error(job.error or "the preview failed", title="Preview failed", print_exception=False)
        yield notice(f"Preview ready ({job.elapsed:.0f} s, 640 px wide)."), gr.update(value=job.result, visible=True)

    preview_btn.click(render_preview, [ui.pid], [preview_status, preview], **ui.heavy(show_progress="minimal"))
    return {"strip": strip}

