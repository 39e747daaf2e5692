"""Animatic: the keyframes as a gallery (one per beat) and the style guide; regenerate one
keyframe (a new seed, optionally a new prompt) without touching the others."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import gradio as gr

from pipeline import run
from pipeline.errors import InputError
from pipeline.models import MAX_BEAT_PROMPT_CHARS
from pipeline.phases.animatic import product_photo, render_keyframe

from ..core import Studio, View, beat_label
from ..jobs import Resume
from ..ui import UI, empty_state


def gallery_items(view: View | None) -> list[tuple[str, str]]:
    if view is None or view.spec is None:
        return []
    kfs = view.keyframes()
    if len(kfs) != len(view.spec.beats):
        return [(k, f"Keyframe {i + 1}") for i, k in enumerate(kfs)]
    return [(k, beat_label(view.spec, i)) for i, k in enumerate(kfs)]


def beat_choices(view: View | None) -> list[tuple[str, int]]:
    if view is None or view.spec is None:
        return []
    return [(beat_label(view.spec, i), i) for i in range(len(view.spec.beats))]


def regenerate_keyframe(studio: Studio, pid: str, owner: str | None, index: int, prompt: str | None = None):
    """Give beat `index` a new seed (and prompt, if changed), render only its keyframe, and record
    the animatic again (every other keyframe is reused from the cache). Returns the job."""
    project = studio.project(pid, owner)
    spec = project.spec
    if spec is None:
        raise InputError("this project has no spec yet; write it from the Brief tab")
    if not 0 <= index < len(spec.beats):
        raise InputError(f"beat {index + 1} does not exist; this ad has beats 1 to {len(spec.beats)}")
    old = spec.beats[index]
    changes: dict[str, Any] = {"seed": (old.seed + 7919) % (2**31 - 1)}
    if prompt is not None and prompt.strip() and prompt.strip() != old.prompt:
        changes = {"prompt": prompt.strip(), "seed": old.seed}
    new_spec = spec.with_beat(index, **changes)
    if not studio.store.beat_versions(pid, index):
        studio.store.add_beat_version(pid, index, old.model_dump(mode="json"))

    def work(ctx):
        saved = run.update_spec(ctx, pid, new_spec, note=f"beat {index + 1}: new keyframe ({', '.join(changes)})")
        studio.store.add_beat_version(pid, index, saved.beats[index].model_dump(mode="json"))
        ctx.report("animatic", 0.1, f"keyframe {index + 1}")
        render_keyframe(ctx, saved, index, photo=product_photo(ctx, studio.store.get_project(pid).brief))
        return run.run_project(ctx, pid, stop_after="animatic")

    studio.guard_idle(pid)
    return studio.jobs.submit(pid, "keyframe", f"Keyframe {index + 1}", work, phases=("spec", "animatic"),
                              resume=Resume("animatic"))


def build(ui: UI) -> dict[str, Any]:
    studio = ui.studio
    empty = gr.HTML(empty_state("No keyframes yet", "They appear here as soon as the Animatic phase has run "
                                "(<b>Generate all</b> in the Brief tab)."))
    with gr.Row(equal_height=False, visible=False) as body:
        with gr.Column(scale=3):
            gr.HTML('<div class="as-h2">Animatic</div><div class="as-sub">One keyframe per beat: composition, '
                    'where the product sits, and the camera move. Click one to work on it.</div>')
            gallery = gr.Gallery(label="Keyframes", columns=3, height="auto", object_fit="contain",
                                 allow_preview=True, elem_id="as-keyframes", buttons=["fullscreen"])
        with gr.Column(scale=2, min_width=320, elem_classes="as-panel"):
            gr.HTML('<div class="as-h3">Regenerate one keyframe</div>')
            beat = gr.Dropdown(label="Beat", choices=[], value=None, allow_custom_value=True,
                               elem_id="as-kf-beat")
            prompt = gr.Textbox(label="Prompt (change it, or keep it for a new variation)", lines=3,
                                elem_id="as-kf-prompt", max_length=MAX_BEAT_PROMPT_CHARS)
            regen_btn = gr.Button("Regenerate keyframe", variant="primary", elem_id="as-kf-regen")
            status = gr.HTML()
            gr.HTML('<div class="as-h3">Style guide</div>')
            style_guide = gr.Image(label="Style guide", type="filepath", interactive=False, elem_id="as-style-guide",
                                   buttons=["download", "fullscreen"])

    def refresh(view: View | None, owner: str | None, current: int | None = None) -> list[Any]:
        items = gallery_items(view)
        guide = view.outputs.get("references", {}).get("style_guide") if view else None
        guide = guide if guide and Path(guide).is_file() else None
        show = bool(items or guide)
        ch = beat_choices(view)
        keep = int(current) if current is not None and 0 <= int(current) < len(ch) else (0 if ch else None)
        return [gr.update(visible=not show), gr.update(visible=show), items, guide,
                gr.update(choices=ch, value=keep),
                view.spec.beats[keep].prompt if view and view.spec and keep is not None else ""]

    ui.add_refresher("animatic", refresh, [empty, body, gallery, style_guide, beat, prompt], inputs=[beat])

    @ui.guard("animatic.select")
    def on_select(evt: gr.SelectData, pid: str | None, request: gr.Request):
        view = ui.view(pid, request)
        i = int(evt.index if not isinstance(evt.index, (list, tuple)) else evt.index[0])
        if view is None or view.spec is None or i >= len(view.spec.beats):
            return gr.skip(), gr.skip()
        return i, view.spec.beats[i].prompt

    gallery.select(on_select, [ui.pid], [beat, prompt], **ui.light(show_progress="hidden"))

    @ui.guard("animatic.beat")
    def on_beat(i: int | None, pid: str | None, request: gr.Request):
        if i is None or not pid:
            return gr.skip()
        view = ui.view(pid, request)
        return view.spec.beats[int(i)].prompt if view is not None and view.spec and int(i) < len(view.spec.beats) else gr.skip()

    beat.input(on_beat, [beat, ui.pid], [prompt], **ui.light(show_progress="hidden"))

    @ui.guard("animatic.regenerate")
    def regenerate(pid: str | None, i: int | None, new_prompt: str, request: gr.Request):
        if i is None:
            raise InputError("pick the keyframe to regenerate")
        job = regenerate_keyframe(studio, pid, ui.owner(request), int(i), new_prompt)
        yield from ui.follow(job, pid, f"Keyframe {int(i) + 1} regenerated in {{t:.1f}} s. Its clip is redone on "
                                       "the next render.")

    regen_btn.click(regenerate, [ui.pid, beat, prompt], [status, ui.stamp], **ui.heavy(show_progress="minimal"))
    return {"gallery": gallery}

