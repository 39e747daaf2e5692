"""Chunks: a player per beat; edit one beat's prompt, camera move, on-screen text and seed
and regenerate only that beat (its cost shown first); earlier versions are kept and can be
chosen again (their clips are still cached, so choosing one costs nothing)."""

from __future__ import annotations

from typing import Any

import gradio as gr

from pipeline import run
from pipeline.errors import InputError
from pipeline.models import CAMERA_MOVES, MAX_BEAT_PROMPT_CHARS, MAX_BEAT_TEXT_CHARS, MAX_BEATS, Spec

from ..core import Studio, View, beat_label, money, secs, when
from ..jobs import Resume
from ..ui import UI, empty_state, esc


def beat_choices(spec: Spec | None) -> list[tuple[str, int]]:
    return [] if spec is None else [(beat_label(spec, i), i) for i in range(len(spec.beats))]


def cost_line(studio: Studio, pid: str, owner: str | None, index: int) -> str:
    view_spec = studio.project(pid, owner).spec
    if view_spec is None or not 0 <= index < len(view_spec.beats):
        return ""
    est = studio.estimate(pid, owner, beats=[index])
    b = view_spec.beats[index]
    n = len(view_spec.formats)
    clips = f"one {secs(b.duration)} s clip" + (f" in each of {n} formats" if n > 1 else "")
    price = ("<b>free</b> with local providers" if est.total == 0 else f"about <b>{money(est.total)}</b>")
    return (f'<div class="as-cost-line">Regenerating beat {index + 1} renders {clips}, then re-exports; '
            f'everything else is reused. Cost: {price}.</div>')


def version_choices(studio: Studio, pid: str, index: int, spec: Spec | None) -> tuple[list[tuple[str, int]], int | None]:
    rows = studio.store.beat_versions(pid, index)
    current = spec.beats[index].model_dump(mode="json") if spec is not None and index < len(spec.beats) else None
    out, chosen = [], None
    for k, r in enumerate(rows, start=1):
        b = r["beat"]
        is_current = current is not None and all(b.get(f) == current.get(f) for f in
                                                 ("prompt", "seed", "camera_movement", "text", "shot_type"))
        label = (f"v{k} · seed {b.get('seed')} · {b.get('camera_movement', '').replace('_', ' ')} · "
                 f"“{(b.get('prompt') or '')[:48]}” · {when(r.get('created_at'))}" + (" (in use)" if is_current else ""))
        out.append((label, r["id"]))
        if is_current:
            chosen = r["id"]
    return out, chosen


def changes_for(spec: Spec, index: int, prompt: str | None, camera: str | None, text: str | None,
                seed: float | int | None) -> dict[str, Any]:
    """Only what differs from the stored beat (regenerate_beat with nothing changed = new seed)."""
    b = spec.beats[index]
    out: dict[str, Any] = {}
    if prompt is not None and prompt.strip() and prompt.strip() != b.prompt:
        out["prompt"] = prompt.strip()
    if camera and camera != b.camera_movement:
        out["camera_movement"] = camera
    if text is not None and text.strip() != b.text:
        out["text"] = text.strip()
    if seed is not None and str(seed).strip() != "" and int(seed) != b.seed:
        out["seed"] = int(seed)
    return out


def start_regenerate(studio: Studio, pid: str, owner: str | None, index: int, changes: dict[str, Any]):
    project = studio.project(pid, owner)
    if project.spec is None:
        raise InputError("this project has no spec yet; write it from the Brief tab")
    if not 0 <= index < len(project.spec.beats):
        raise InputError(f"beat {index + 1} does not exist; this ad has beats 1 to {len(project.spec.beats)}")
    studio.guard_idle(pid)
    if studio.jobs.is_full():
        from ..core import Busy
        raise Busy(studio.jobs.full_message())
    # Resumable once it reaches its first phase: by then the beat's change is saved in the spec.
    return studio.jobs.submit(pid, "regenerate", f"Beat {index + 1}",
                              lambda ctx: run.regenerate_beat(ctx, pid, index, **changes), resume=Resume())


def start_choose_version(studio: Studio, pid: str, owner: str | None, index: int, version_id: int):
    studio.project(pid, owner)
    studio.guard_idle(pid)

    def work(ctx):
        run.choose_beat_version(ctx, pid, index, int(version_id))
        return run.run_project(ctx, pid)

    return studio.jobs.submit(pid, "version", f"Beat {index + 1}: version", work, resume=Resume())


def build(ui: UI) -> dict[str, Any]:
    studio = ui.studio
    empty = gr.HTML(empty_state("No beats yet", "Write the spec in the <b>Brief</b> tab; each beat then gets its own "
                                "editor here, and a player once it is rendered."))
    # The editor's components are made first (unrendered) so the per-beat players can refer to them.
    beat = gr.Dropdown(label="Beat", choices=[], value=None, allow_custom_value=True, elem_id="as-chunk-beat",
                       render=False)
    prompt = gr.Textbox(label="Prompt", lines=3, elem_id="as-chunk-prompt", render=False,
                        max_length=MAX_BEAT_PROMPT_CHARS)
    camera = gr.Dropdown([(m.replace("_", " "), m) for m in CAMERA_MOVES], label="Camera move",
                         elem_id="as-chunk-camera", render=False)
    text = gr.Textbox(label="On-screen text", max_lines=1, elem_id="as-chunk-text", render=False,
                      max_length=MAX_BEAT_TEXT_CHARS)
    seed = gr.Number(label="Seed", precision=0, minimum=0, elem_id="as-chunk-seed", render=False)
    with gr.Row(equal_height=False, visible=False) as body:
        with gr.Column(scale=3):
            gr.HTML('<div class="as-h2">Chunks</div><div class="as-sub">Every beat as its own clip. Pick one to '
                    'change and re-render just that beat.</div>')
            player = gr.Video(label="Selected beat", height=360, elem_id="as-beat-player", autoplay=False,
                              interactive=False)
            gr.HTML('<div class="as-h3">All beats</div>')

            players_note = gr.HTML(visible=False)
            # A fixed grid of player slots (as many as a spec can have beats), shown as needed. (A gr.render
            # here re-triggered its own trigger after every render in Gradio 6.31: an endless refresh loop.)
            slots = []
            per_row = 3
            for start in range(0, MAX_BEATS, per_row):
                with gr.Row(elem_classes="as-players", visible=False) as row:
                    row_slots = []
                    for i in range(start, min(start + per_row, MAX_BEATS)):
                        with gr.Column(min_width=240, elem_classes="as-player") as col:
                            cap = gr.HTML()
                            video = gr.Video(show_label=False, height=170, interactive=False,
                                             elem_classes="as-beat-video", elem_id=f"as-beat-video-{i + 1}")
                            pick = gr.Button(f"Edit beat {i + 1}", size="sm")
                            pick.click(lambda i=i: i, None, [beat], **ui.light(show_progress="hidden"))
                        row_slots.append((col, cap, video))
                slots.append((row, row_slots))

        with gr.Column(scale=2, min_width=330, elem_classes="as-panel"):
            gr.HTML('<div class="as-h3">Edit one beat</div>')
            beat.render()
            prompt.render()
            camera.render()
            text.render()
            with gr.Row():
                seed.render()
                reseed = gr.Button("New seed", size="sm", scale=0, min_width=110)
            cost = gr.HTML(elem_id="as-chunk-cost")
            regen_btn = gr.Button("Regenerate this beat", variant="primary", elem_id="as-chunk-regen")
            status = gr.HTML(elem_id="as-chunk-status")
            gr.HTML('<div class="as-h3">Versions of this beat</div>')
            versions = gr.Dropdown(label="Earlier versions", choices=[], value=None, allow_custom_value=True,
                                   elem_id="as-chunk-versions",
                                   info="Every version you render is kept; its clip stays cached.")
            use_btn = gr.Button("Use this version", size="sm", elem_id="as-chunk-use")

    editor = [prompt, camera, text, seed, cost, versions, player]

    def editor_values(view: View | None, owner: str | None, i: int | None) -> list[Any]:
        if view is None or view.spec is None or i is None or not 0 <= int(i) < len(view.spec.beats):
            return ["", None, "", None, "", gr.update(choices=[], value=None), None]
        i = int(i)
        b = view.spec.beats[i]
        vch, chosen = version_choices(studio, view.id, i, view.spec)
        return [b.prompt, b.camera_movement, b.text, b.seed, cost_line(studio, view.id, owner, i),
                gr.update(choices=vch, value=chosen), view.clip_previews().get(i)]

    def refresh(view: View | None, owner: str | None, current: int | None = None) -> list[Any]:
        has = view is not None and view.spec is not None
        spec = view.spec if view is not None else None
        n = len(spec.beats) if spec is not None else 0
        keep = int(current) if current is not None and 0 <= int(current) < n else (0 if n else None)
        return ([gr.update(visible=not has), gr.update(visible=has),
                 gr.update(choices=beat_choices(spec), value=keep)] + editor_values(view, owner, keep))

    ui.add_refresher("chunks", refresh, [empty, body, beat, *editor], inputs=[beat])

    slot_outputs: list[Any] = [players_note]
    for row, row_slots in slots:
        slot_outputs.append(row)
        for col, cap, video in row_slots:
            slot_outputs += [col, cap, video]

    def refresh_players(view: View | None, owner: str | None) -> list[Any]:
        spec = view.spec if view is not None else None
        previews = view.clip_previews() if view is not None and spec is not None else {}
        n = len(spec.beats) if spec is not None and previews else 0
        note = ('<div class="as-muted">Each beat gets a player here once the Chunks phase has run. You can '
                "already change a beat on the right: rendering it runs the phases it needs.</div>")
        out: list[Any] = [gr.update(value=note, visible=not n and spec is not None)]
        k = 0
        for row, row_slots in slots:
            out.append(gr.update(visible=k < n))
            for col, cap, video in row_slots:
                if k < n:
                    b = spec.beats[k]
                    out += [gr.update(visible=True),
                            f'<div class="as-player-cap"><b>{k + 1}</b> {esc(b.name.replace("_", " "))}'
                            f'<span>{secs(b.duration)} s · {esc(b.camera_movement.replace("_", " "))}</span></div>',
                            previews.get(k)]
                else:
                    out += [gr.update(visible=False), "", None]
                k += 1
        return out

    ui.add_refresher("chunk_players", refresh_players, slot_outputs)

    @ui.guard("chunks.beat")
    def on_beat(i: int | None, pid: str | None, request: gr.Request):
        if not pid:
            return [gr.skip()] * len(editor)
        owner = ui.owner(request)
        return editor_values(ui.view(pid, request), owner, i)

    beat.change(on_beat, [beat, ui.pid], editor, **ui.light(show_progress="hidden", trigger_mode="always_last"))

    @ui.guard("chunks.reseed")
    def new_seed(value: float | None):
        return (int(value or 0) + 7919) % (2**31 - 1)

    reseed.click(new_seed, [seed], [seed], **ui.light(show_progress="hidden"))

    @ui.guard("chunks.regenerate")
    def regenerate(pid: str | None, i: int | None, prompt_v: str, camera_v: str, text_v: str, seed_v: float | None,
                   request: gr.Request):
        if i is None:
            raise InputError("pick the beat to regenerate")
        owner = ui.owner(request)
        project = studio.project(pid, owner)
        changes = changes_for(project.spec, int(i), prompt_v, camera_v, text_v, seed_v)
        job = start_regenerate(studio, pid, owner, int(i), changes)
        what = ", ".join(changes) if changes else "a new seed"
        yield from ui.follow(job, pid, f"Beat {int(i) + 1} regenerated ({esc(what)}) and re-exported in {{t:.0f}} s.")

    regen_btn.click(regenerate, [ui.pid, beat, prompt, camera, text, seed], [status, ui.stamp],
                    **ui.heavy(show_progress="minimal"))

    @ui.guard("chunks.use_version")
    def use_version(pid: str | None, i: int | None, version_id: int | None, request: gr.Request):
        if i is None or version_id is None:
            raise InputError("pick a beat and one of its versions")
        job = start_choose_version(studio, pid, ui.owner(request), int(i), int(version_id))
        yield from ui.follow(job, pid, f"Beat {int(i) + 1} is back to the chosen version ({{t:.0f}} s).")

    use_btn.click(use_version, [ui.pid, beat, versions], [status, ui.stamp], **ui.heavy(show_progress="minimal"))
    return {"beat": beat}

