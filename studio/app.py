"""The composition root: `build_app(settings)` builds the studio (UI + HTTP API) and
`launch(demo)` serves it with the theme, the login and the file permissions it needs.

Files: the data folders are static for Gradio (components link renders in place, no copies),
and studio.gate, a middleware in front of Gradio, answers every request for them: each file
only to its project's owner. Login: Gradio's `auth=` is studio.login_guard's callable, which
brakes password guessing.

Session state is the open project's id only (a `gr.BrowserState`, so a reload keeps it;
`?project=ID` in the URL opens a project too). Everything else is read from the store: a
reload, a second browser or a script sees the same project. A timer polls the store while a
page is open, so renders started anywhere (another tab, a script, before a reload) show
their progress, and every tab fills in as its phase finishes.
"""

from __future__ import annotations

import os
import threading
from typing import Any

import gradio as gr

from pipeline.config import Settings
from pipeline.errors import InputError
from pipeline.providers.local import brief_reader

from . import api
from .core import Studio
from .tabs import animatic, brief, chunks, export, projects, spec, timeline
from .ui import UI, phases_html

TAB_ORDER = (("projects", "Projects", projects), ("brief", "Brief", brief), ("spec", "Spec", spec),
             ("animatic", "Animatic", animatic), ("chunks", "Chunks", chunks), ("timeline", "Timeline", timeline),
             ("export", "Export", export))


def theme() -> gr.themes.Base:
    return gr.themes.Soft(
        primary_hue=gr.themes.colors.indigo, secondary_hue=gr.themes.colors.slate,
        neutral_hue=gr.themes.colors.slate, radius_size=gr.themes.sizes.radius_md,
        font=["Inter", "ui-sans-serif", "system-ui", "-apple-system", "Segoe UI", "Roboto", "sans-serif"],
        font_mono=["JetBrains Mono", "ui-monospace", "SFMono-Regular", "Menlo", "monospace"],
    ).set(
        body_background_fill="#f5f6fa", block_border_width="1px", block_shadow="none",
        block_title_text_weight="600", button_primary_shadow="none", button_large_radius="*radius_md",
    )


CSS = """
.gradio-container { max-width: 1480px !important; margin: 0 auto !important; }
.as-header { display:flex; align-items:center; justify-content:space-between; gap:16px; padding: 6px 2px 2px; }
.as-logo { display:flex; align-items:center; gap:12px; }
.as-logo-mark { width:34px; height:34px; border-radius:9px; background: linear-gradient(135deg,#6366f1,#0ea5e9);
  display:flex; align-items:center; justify-content:center; color:#fff; font-weight:800; font-size:17px; }
.as-logo-name { font-size:21px; font-weight:750; letter-spacing:-0.01em; color: var(--body-text-color); }
.as-logo-tag { font-size:13px; color: var(--body-text-color-subdued); }
.as-user { font-size:13px; color: var(--body-text-color-subdued); }
.as-h2 { font-size:19px; font-weight:700; margin: 2px 0 2px; color: var(--body-text-color); }
.as-h3 { font-size:14px; font-weight:700; margin: 10px 0 4px; color: var(--body-text-color);
  text-transform: uppercase; letter-spacing: .04em; }
.as-sub { font-size:13.5px; color: var(--body-text-color-subdued); margin-bottom: 6px; max-width: 820px; }
.as-muted { font-size:12.5px; color: var(--body-text-color-subdued); }
.as-section-head { align-items: flex-end !important; }
.as-panel { background: var(--block-background-fill); border: 1px solid var(--block-border-color);
  border-radius: 12px; padding: 12px 14px !important; }
/* phases */
.as-phases { background: var(--block-background-fill); border:1px solid var(--block-border-color); border-radius:12px;
  padding: 10px 12px; }
.as-phases.empty { padding: 12px 14px; }
.as-phases-hint { font-size: 14px; color: var(--body-text-color-subdued); }
.as-proj-line { display:flex; align-items:center; gap:10px; margin-bottom:8px; }
.as-proj-name { font-weight:700; font-size:15px; }
.as-proj-meta { margin-left:auto; font-size:12.5px; color: var(--body-text-color-subdued); }
.as-phase-row { display:grid; grid-template-columns: repeat(6, minmax(0,1fr)); gap:10px; }
.as-phase { min-width:0; }
.as-phase-top { display:flex; align-items:baseline; gap:6px; font-size:13px; }
.as-phase-n { font-size:11px; font-weight:700; color: var(--body-text-color-subdued); }
.as-phase-name { font-weight:650; }
.as-phase-state { margin-left:auto; font-size:11.5px; color: var(--body-text-color-subdued); white-space:nowrap; }
.as-bar { height:6px; border-radius:4px; background: #e5e7eb; overflow:hidden; margin:5px 0 4px; }
.as-bar i { display:block; height:100%; background:#c7cad6; border-radius:4px; transition: width .4s ease; }
.as-phase.ok .as-bar i { background:#10b981; } .as-phase.ok .as-phase-state { color:#047857; }
.as-phase.run .as-bar i { background: linear-gradient(90deg,#6366f1,#0ea5e9); }
.as-phase.run .as-phase-state { color:#4f46e5; font-weight:600; }
.as-phase.wait .as-bar i { background:#f59e0b; } .as-phase.wait .as-phase-state { color:#b45309; }
.as-phase.warn .as-bar i { background:#f59e0b; } .as-phase.warn .as-phase-state { color:#b45309; }
.as-phase.bad .as-bar i { background:#ef4444; width:100% !important; } .as-phase.bad .as-phase-state { color:#b91c1c; }
.as-phase-detail { font-size:11.5px; color: var(--body-text-color-subdued); white-space:nowrap; overflow:hidden;
  text-overflow:ellipsis; }
.as-badge { display:inline-block; font-size:11px; font-weight:650; padding:2px 8px; border-radius:999px;
  background:#eef0f5; color:#475569; white-space:nowrap; }
.as-badge.ok { background:#d1fae5; color:#065f46; } .as-badge.run { background:#e0e7ff; color:#3730a3; }
.as-badge.bad { background:#fee2e2; color:#991b1b; } .as-badge.warn { background:#fef3c7; color:#92400e; }
.as-note { font-size:13.5px; padding:8px 12px; border-radius:8px; margin:6px 0; background:#ecfdf5; color:#065f46;
  border:1px solid #a7f3d0; }
.as-note.run { background:#eef2ff; color:#3730a3; border-color:#c7d2fe; }
.as-note.warn { background:#fffbeb; color:#92400e; border-color:#fde68a; }
.as-note.bad { background:#fef2f2; color:#991b1b; border-color:#fecaca; }
.as-field-error { font-size:13px; color:#991b1b; background:#fef2f2; border:1px solid #fecaca; border-radius:8px;
  padding:6px 10px; margin-top:4px; }
.as-field-error ul { margin:0; padding-left:18px; }
.as-empty { border:1px dashed var(--block-border-color); border-radius:12px; padding:36px 24px; text-align:center;
  color: var(--body-text-color-subdued); font-size:14px; background: var(--block-background-fill); }
.as-empty-title { font-size:17px; font-weight:700; color: var(--body-text-color); margin-bottom:6px; }
/* project cards */
.as-cards { display:grid; grid-template-columns: repeat(auto-fill, minmax(230px, 1fr)); gap:14px; }
.as-card { border:1px solid var(--block-border-color); border-radius:12px; overflow:hidden; cursor:pointer;
  background: var(--block-background-fill); transition: box-shadow .15s, border-color .15s; }
.as-card:hover { box-shadow: 0 4px 18px rgba(15,23,42,.08); border-color:#c7d2fe; }
.as-card.selected { border-color:#6366f1; box-shadow: 0 0 0 2px #c7d2fe; }
.as-card-img { position:relative; aspect-ratio: 16/9; background:#111827; }
.as-card-img img, .as-card-ph { width:100%; height:100%; object-fit:cover; display:block; }
.as-card-img .as-badge { position:absolute; top:8px; left:8px; box-shadow:0 1px 3px rgba(0,0,0,.2); }
.as-card-body { padding:9px 11px 11px; position:relative; }
.as-card-name { font-weight:650; font-size:14px; white-space:nowrap; overflow:hidden; text-overflow:ellipsis; }
.as-card-meta { font-size:12px; color: var(--body-text-color-subdued); margin-top:2px; display:flex; gap:6px; }
.as-card-cost { margin-left:auto; font-variant-numeric: tabular-nums; }
.as-card-foot { display:flex; align-items:center; justify-content:space-between; margin-top:8px; font-size:12px;
  color: var(--body-text-color-subdued); }
.as-card-open { font-size:12px; font-weight:650; padding:3px 12px; border-radius:7px; border:1px solid #c7d2fe;
  background:#eef2ff; color:#3730a3; cursor:pointer; }
.as-card-current { font-size:12px; font-weight:650; color:#4f46e5; }
.as-player-cap { font-size:12.5px; display:flex; gap:6px; align-items:baseline; padding:2px 4px 4px; }
.as-player-cap span { margin-left:auto; font-size:11.5px; color: var(--body-text-color-subdued); }
.as-card-open:hover { background:#e0e7ff; }
.as-details-prompt { font-size:13.5px; font-style:italic; margin-bottom:6px; }
.as-confirm { border:1px solid #fecaca !important; border-radius:10px; padding:6px; }
/* templates */
.as-tpls { display:grid; grid-template-columns: repeat(auto-fill, minmax(210px, 1fr)); gap:10px; }
.as-tpl { border:1px solid var(--block-border-color); border-radius:10px; padding:10px 12px; cursor:pointer;
  background: var(--block-background-fill); transition: border-color .15s; }
.as-tpl:hover { border-color:#a5b4fc; }
.as-tpl.selected { border-color:#6366f1; box-shadow: 0 0 0 2px #e0e7ff; background:#f8f9ff; }
.as-tpl-title { font-weight:650; font-size:14px; margin-bottom:3px; }
.as-tpl.selected .as-tpl-title::before { content:"✓ "; color:#6366f1; }
.as-tpl-desc { font-size:12.5px; color: var(--body-text-color-subdued); line-height:1.4; }
.as-keys { display:flex; flex-direction:column; gap:4px; margin-bottom:6px; }
.as-key-row { display:flex; align-items:center; gap:8px; font-size:12.5px; }
.as-key-row code { font-size:12px; }
.as-key { font-size:11px; font-weight:650; padding:1px 7px; border-radius:999px; }
.as-key.ok { background:#d1fae5; color:#065f46; } .as-key.no { background:#f1f5f9; color:#64748b; }
.as-cost { width:100%; border-collapse:collapse; font-size:13px; }
.as-cost, .as-cost tr, .as-cost td, .as-cost th { border:none !important; background:transparent !important; }
.as-cost td, .as-cost th { padding:5px 6px !important; border-bottom:1px solid var(--block-border-color) !important;
  text-align:left; }
.as-cost th { font-size:11.5px; text-transform:uppercase; letter-spacing:.04em; color: var(--body-text-color-subdued); }
.as-cost .num { text-align:right; font-variant-numeric: tabular-nums; }
.as-cost tfoot td { font-weight:700; border-bottom:none; }
.as-cost-line { font-size:13px; background:#f8fafc; border:1px solid var(--block-border-color); border-radius:8px;
  padding:8px 10px; }
.as-vocab { font-size:12px; color: var(--body-text-color-subdued); line-height:1.5; margin:4px 0 8px; }
.as-swatches { gap:6px !important; }
/* chunks */
.as-players { gap:10px !important; }
.as-player { border:1px solid var(--block-border-color); border-radius:10px; padding:6px !important; }
/* timeline */
.as-strip-head { display:flex; justify-content:space-between; font-size:13px; font-weight:650; margin-bottom:6px; }
.as-strip { display:flex; align-items:stretch; gap:0; overflow-x:auto; padding:4px 2px 8px; }
.as-strip-beat { min-width:96px; border:1px solid var(--block-border-color); border-radius:10px; overflow:hidden;
  background: var(--block-background-fill); cursor:pointer; }
.as-strip-beat.selected { border-color:#6366f1; box-shadow:0 0 0 2px #c7d2fe; }
.as-strip-img { position:relative; height:92px; background:#111827; }
.as-strip-img img, .as-strip-ph { width:100%; height:100%; object-fit:cover; display:block; }
.as-strip-dur { position:absolute; right:6px; bottom:6px; font-size:11px; font-weight:700; color:#fff;
  background:rgba(15,23,42,.72); padding:1px 6px; border-radius:6px; }
.as-strip-name { font-size:12.5px; padding:5px 8px 0; white-space:nowrap; overflow:hidden; text-overflow:ellipsis; }
.as-strip-meta { font-size:11px; color: var(--body-text-color-subdued); padding:0 8px 6px; white-space:nowrap;
  overflow:hidden; text-overflow:ellipsis; }
.as-strip-tr { flex:0 0 46px; display:flex; flex-direction:column; align-items:center; justify-content:center;
  font-size:15px; color:#4f46e5; text-align:center; line-height:1.1; }
.as-strip-tr small { font-size:9.5px; color: var(--body-text-color-subdued); }
.as-on-grid { font-size:11px; color:#059669; } .as-off-grid { font-size:11px; color:#d97706; }
.as-export { border-radius:12px !important; margin-bottom:12px; }
.as-export-head { display:flex; justify-content:space-between; padding:8px 12px 0; font-size:14px; }
footer { opacity: .75; }
.as-progress-row { align-items: center !important; }
#as-cancel { align-self: center; }
"""


def _header(studio: Studio) -> str:
    who = ""
    if studio.auth_pairs:
        who = '<span class="as-user">Signed in · your projects only</span>'
    elif studio.oauth:
        who = ('<span class="as-user">Your projects only · as a guest they stay in this browser; '
               'sign in to keep them with your account</span>')
    return (f'<div class="as-header"><div class="as-logo"><div class="as-logo-mark">A</div><div>'
            f'<div class="as-logo-name">AdStudio</div><div class="as-logo-tag">From a brief to a finished 30-second ad, '
            f'one editable phase at a time</div></div></div>{who}</div>')


def build_app(settings: Settings | None = None) -> gr.Blocks:
    """Build the studio. The returned Blocks has `.studio` (the service) and `.studio_ui` (handlers)."""
    studio = Studio(settings)
    ui = UI(studio)
    with gr.Blocks(title="AdStudio", analytics_enabled=False, fill_width=True,
                   delete_cache=(6 * 3600, 24 * 3600)) as demo:
        # The named API first, so its endpoint names are never taken by a private UI event's function name.
        endpoints = api.register(studio)
        with gr.Row(elem_classes="as-header-row"):
            gr.HTML(_header(studio))
            if studio.oauth:
                gr.LoginButton(scale=0, min_width=200)
        warning = studio.storage_warning()
        if warning:  # said on every page, not only in a log nobody reads
            gr.HTML(f'<div class="as-note warn" id="as-storage-warning"><b>Projects are not kept.</b> {warning}</div>')
        ui.pid = gr.BrowserState("", storage_key="adstudio_project", secret=studio.browser_secret())
        ui.stamp = gr.Textbox(value="", visible=False, elem_id="as-stamp")
        with gr.Row(equal_height=True, elem_classes="as-progress-row"):
            header = gr.HTML(phases_html(None), elem_id="as-phases")
            # Shown while the open project renders (or waits for a slot), whichever tab started it.
            cancel_btn = gr.Button("Cancel render", variant="stop", size="sm", visible=False, scale=0,
                                   min_width=140, elem_id="as-cancel")
        timer = gr.Timer(1.0)
        with gr.Tabs(selected="projects", elem_id="as-tabs") as tabs:
            ui.tabs = tabs
            for tab_id, label, module in TAB_ORDER:
                with gr.Tab(label, id=tab_id, elem_id=f"as-tab-{tab_id}"):
                    module.build(ui)

        def can_cancel(view: Any) -> Any:
            return gr.update(visible=bool(view is not None and view.running))

        ui.add_refresher("header", lambda view, owner: [phases_html(view), can_cancel(view)], [header, cancel_btn])

        outputs: list[Any] = []
        extra_inputs: list[Any] = []
        for _, _, outs, ins in ui.refreshers:
            outputs += outs
            extra_inputs += [c for c in ins if c not in extra_inputs]

        @ui.guard("app.refresh")
        def refresh_all(data: dict[Any, Any], request: gr.Request):
            pid = data.get(ui.pid) or None
            owner = ui.owner(request)
            view = None
            if pid:
                try:
                    view = studio.view(pid, owner)
                except Exception:
                    view = None
            values: list[Any] = []
            for name, fn, outs, ins in ui.refreshers:
                vals = fn(view, owner, *[data.get(c) for c in ins])
                if len(vals) != len(outs):  # a programming error: say which tab
                    raise RuntimeError(f"refresher {name} returned {len(vals)} values for {len(outs)} outputs")
                values += vals
            return values

        ui.stamp.change(refresh_all, {ui.pid, ui.stamp, *extra_inputs}, outputs,
                        **ui.light(show_progress="hidden", trigger_mode="always_last"))

        @ui.guard("app.load")
        def on_load(pid: str | None, request: gr.Request):
            wanted = None
            try:
                wanted = request.query_params.get("project")
            except Exception:
                wanted = None
            candidate = wanted or pid or ""
            if candidate:
                try:
                    studio.project(candidate, ui.owner(request))
                except Exception:
                    candidate = ""
            tab = gr.Tabs(selected="brief") if candidate else gr.skip()
            return candidate, ui.bump(candidate) + "|load", tab

        demo.load(on_load, [ui.pid], [ui.pid, ui.stamp, tabs], **ui.light(show_progress="hidden"))

        @ui.guard("app.poll")
        def poll(pid: str | None, stamp: str, request: gr.Request):
            if not pid:
                return gr.skip(), gr.skip()
            now = studio.stamp(pid)
            changed = stamp.split("|load")[0] != now
            if not changed and studio.jobs.active(pid) is None:
                return gr.skip(), gr.skip(), gr.skip()  # idle and unchanged: nothing to send
            try:
                view = studio.view(pid, ui.owner(request))
            except Exception:
                return "", phases_html(None), gr.update(visible=False)
            return (now if changed else gr.skip()), phases_html(view), can_cancel(view)

        timer.tick(poll, [ui.pid, ui.stamp], [ui.stamp, header, cancel_btn], **ui.light(show_progress="hidden"))

        @ui.guard("app.cancel")
        def cancel_render(pid: str | None, request: gr.Request):
            """Stop the open project's render; the Generate/Render handler following it says so."""
            if not pid:
                raise InputError("no project is open")
            job = studio.cancel(pid, ui.owner(request))
            if job is not None:
                studio.jobs.wait(job, 15.0)  # its processes die at once; the thread stops right after
            view = ui.view(pid, request)
            return phases_html(view), can_cancel(view), ui.bump(pid)

        cancel_btn.click(cancel_render, [ui.pid], [header, cancel_btn, ui.stamp], **ui.light())

    demo.studio = studio  # type: ignore[attr-defined]
    demo.studio_api = endpoints  # type: ignore[attr-defined]
    demo.studio_ui = ui  # type: ignore[attr-defined]
    return demo


LOGIN_MESSAGE = ("<b>AdStudio</b> — sign in to see your projects.<br><small>After 5 wrong passwords, signing in "
                 "pauses for a few seconds, then longer (at most a minute): if nothing happens, wait and try again."
                 "</small>")


def launch_kwargs(demo: gr.Blocks) -> dict[str, Any]:
    """Theme, CSS, login, file permissions and the gate for `demo.launch(**launch_kwargs(demo), ...)`.

    Mounting the studio in your own FastAPI app instead (gr.mount_gradio_app) needs the same:
    add `StudioGate` to that app as middleware, and pass the other keys along."""
    from starlette.middleware import Middleware

    from .gate import StudioGate
    from .login_guard import LoginGuard

    studio: Studio = demo.studio  # type: ignore[attr-defined]
    # Static: linked in place, never copied into Gradio's cache (which serves anyone signed in).
    # Allowed: gr.Video checks it before linking. Served only by StudioGate, to their owner.
    served = studio.served_dirs()
    gr.set_static_paths(served)
    guard = LoginGuard(studio.auth_pairs, studio.browser_secret().encode()) if studio.auth_pairs else None
    kw: dict[str, Any] = {
        "theme": theme(), "css": CSS, "allowed_paths": served, "blocked_paths": studio.blocked_files(),
        "footer_links": ["api", "settings"], "show_error": True, "max_file_size": "25mb",
        "app_kwargs": {"middleware": [Middleware(StudioGate, studio=studio, guard=guard)]},
        # Gradio's static file workers would answer file requests before StudioGate sees them.
        "num_workers": 0,
    }
    if guard is not None:
        kw["auth"] = guard
        kw["auth_message"] = LOGIN_MESSAGE
    return kw


def queue(demo: gr.Blocks) -> gr.Blocks:
    """The shared queue: renders limited by the `render` group, everything else unlimited."""
    size = int(os.environ.get("ADSTUDIO_QUEUE_SIZE", "32") or 32)
    return demo.queue(max_size=size, default_concurrency_limit=8)


def launch(demo: gr.Blocks, **kw: Any) -> Any:
    queue(demo)
    # The offline spec writer's models load in the background while the page opens, so the
    # first Generate does not wait for them.
    threading.Thread(target=brief_reader.warm_up, name="warm-up", daemon=True).start()
    return demo.launch(**{**launch_kwargs(demo), **kw})

