"""Export: choose formats, render with progress, a player and a download button per format,
the poster, and what each phase cost (from the store's cost ledger and phase runs)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import gradio as gr

from pipeline import run
from pipeline.errors import InputError
from pipeline.models import FORMATS

from ..core import FORMAT_LABELS, PHASE_TITLES, Studio, View, money, when
from ..jobs import Resume
from ..ui import UI, empty_state, esc


def cost_table_html(studio: Studio, view: View | None) -> str:
    if view is None:
        return ""
    by_phase = studio.store.cost_by_phase(view.id)
    rows = []
    for pv in view.phases:
        state = {"done": "done", "stale": "out of date", "failed": "failed", "running": "running",
                 "waiting": "waiting", "pending": "queued", "not_run": "—", "canceled": "canceled"}.get(pv.status, pv.status)
        rows.append(f'<tr><td>{PHASE_TITLES[pv.phase]}</td><td>{esc(state)}</td><td>{esc(pv.provider or "—")}</td>'
                    f'<td class="num">{pv.duration_s:.1f} s{" ·&nbsp;cached" if pv.reused else ""}</td><td class="num">{money(by_phase.get(pv.phase, 0.0))}</td>'
                    '</tr>')
    total = sum(by_phase.values())
    return ('<table class="as-cost wide"><thead><tr><th>Phase</th><th>Last run</th><th>Provider</th>'
            '<th class="num">Time</th><th class="num">Cost</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody><tfoot><tr><td colspan="4">Total spent on this project</td>'
            f'<td class="num">{money(total)}</td></tr></tfoot></table>')


def ledger_rows(studio: Studio, view: View | None) -> list[list[Any]]:
    if view is None:
        return []
    return [[when(r.get("created_at")), r.get("phase"), r.get("provider"), r.get("model"),
             round(float(r.get("cost_usd") or 0), 4), r.get("description") or ""]
            for r in studio.store.ledger_rows(view.id)]


def start_export(studio: Studio, pid: str, owner: str | None, formats: list[str] | None):
    """Save the chosen formats into the spec (if they changed) and render up to the export."""
    project = studio.project(pid, owner)
    studio.guard_idle(pid)
    if project.spec is None:
        raise InputError("this project has no spec yet; write it from the Brief tab")
    if formats is not None:
        fmts = [f for f in FORMATS if f in formats]
        if not fmts:
            raise InputError("formats: choose at least one format")
        if tuple(fmts) != tuple(project.spec.formats):
            studio.save_spec(pid, owner, {**project.spec.model_dump(mode="json"), "formats": fmts},
                             note="formats: " + ", ".join(fmts))
    if studio.jobs.is_full():
        from ..core import Busy
        raise Busy(studio.jobs.full_message())
    return studio.jobs.submit(pid, "export", "Export", lambda ctx: run.run_project(ctx, pid), resume=Resume())


def build(ui: UI) -> dict[str, Any]:
    studio = ui.studio
    with gr.Row(equal_height=False):
        with gr.Column(scale=3):
            gr.HTML('<div class="as-h2">Export</div><div class="as-sub">H.264/AAC MP4 in every format you pick, '
                    'with a poster frame. Only what changed since the last render is redone.</div>')
            empty = gr.HTML(empty_state("Nothing exported yet", "Pick the formats and press <b>Render</b>."))
            slots = []
            for fmt in FORMATS:
                with gr.Group(visible=False, elem_classes="as-export") as group:
                    label = gr.HTML()
                    video = gr.Video(label=FORMAT_LABELS[fmt], show_label=False, interactive=False, height=380,
                                     elem_id=f"as-export-{fmt.replace(':', 'x')}")
                    download = gr.DownloadButton(f"Download {fmt} MP4", variant="secondary", size="sm",
                                                 elem_id=f"as-download-{fmt.replace(':', 'x')}")
                slots.append((fmt, group, label, video, download))
        with gr.Column(scale=2, min_width=320, elem_classes="as-panel"):
            gr.HTML('<div class="as-h3">Render</div>')
            formats = gr.CheckboxGroup([(FORMAT_LABELS[f], f) for f in FORMATS], label="Formats",
                                       elem_id="as-export-formats")
            render_btn = gr.Button("Render", variant="primary", elem_id="as-render")
            status = gr.HTML(elem_id="as-export-status")
            gr.HTML('<div class="as-h3">Poster</div>')
            poster = gr.Image(label="Poster", type="filepath", interactive=False, height=200, elem_id="as-poster",
                              buttons=["download", "fullscreen"])
            gr.HTML('<div class="as-h3">Cost per phase</div>')
            costs = gr.HTML(elem_id="as-costs")
            with gr.Accordion("Every paid call", open=False):
                ledger = gr.Dataframe(headers=["when", "phase", "provider", "model", "cost ($)", "what"],
                                      interactive=False, wrap=True, type="array")

    slot_outputs = []
    for _, group, label, video, download in slots:
        slot_outputs += [group, label, video, download]

    def refresh(view: View | None, owner: str | None) -> list[Any]:
        files = {f["format"]: f for f in studio.export_files(view)} if view else {}
        out: list[Any] = [gr.update(visible=not files)]
        for fmt, *_ in slots:
            f = files.get(fmt)
            if f is None:
                out += [gr.update(visible=False), "", None, gr.update(value=None)]
                continue
            size = Path(f["path"]).stat().st_size / 1e6
            secs = f["frames"] / (view.spec.fps if view and view.spec else 30)
            out += [gr.update(visible=True),
                    f'<div class="as-export-head"><b>{esc(FORMAT_LABELS[fmt])}</b><span class="as-muted">'
                    f'{f["width"]}×{f["height"]} · {secs:.1f} s · {size:.1f} MB</span></div>',
                    f["path"], gr.update(value=f["path"])]
        spec_formats = list(view.spec.formats) if view and view.spec else ["16:9"]
        poster_path = view.outputs.get("export", {}).get("poster") if view else None
        poster_path = poster_path if poster_path and Path(poster_path).is_file() else None
        return out + [spec_formats, poster_path, cost_table_html(studio, view), ledger_rows(studio, view)]

    ui.add_refresher("export", refresh, [empty, *slot_outputs, formats, poster, costs, ledger])

    @ui.guard("export.render")
    def render(pid: str | None, fmts: list[str], request: gr.Request):
        job = start_export(studio, pid, ui.owner(request), fmts)
        yield from ui.follow(job, pid, "Exported in {t:.0f} s. Players and downloads are below.")

    render_btn.click(render, [ui.pid, formats], [status, ui.stamp], **ui.heavy(show_progress="minimal"))
    return {"render": render}

