"""Projects: saved projects as cards (thumbnail, name, date, status, cost); open, duplicate,
rename, delete (with a confirmation step)."""

from __future__ import annotations

import json
from typing import Any

import gradio as gr

from pipeline.models import MAX_NAME_CHARS

from ..core import money, thumb_uri, when
from ..ui import UI, empty_state, esc, notice, project_badge

CARD_JS = """
element.addEventListener('click', (e) => {
  const open = e.target.closest('[data-open]');
  if (open) { trigger('click', {pid: open.dataset.open, open: true}); return; }
  const card = e.target.closest('[data-pid]');
  if (card) trigger('click', {pid: card.dataset.pid, open: false});
});
"""


def _placeholder_style(row: dict[str, Any]) -> str:
    palette = ["#1f2937", "#6366f1"]
    try:
        if row.get("spec"):
            palette = list(json.loads(row["spec"])["style"]["palette"])[:3] or palette
    except (ValueError, KeyError, TypeError):
        pass
    if len(palette) == 1:
        palette.append(palette[0])
    return f"background: linear-gradient(135deg, {', '.join(esc(c) for c in palette)});"


def cards_html(rows: list[dict[str, Any]], open_id: str | None, selected: str | None) -> str:
    if not rows:
        return empty_state("No projects yet",
                           "Write a brief in the <b>Brief</b> tab and press <b>Write spec</b> or "
                           "<b>Generate all</b>; your projects appear here.")
    cards = []
    for r in rows:
        thumb = thumb_uri(r.get("thumbnail"), 320, 180)
        img = (f'<img src="{thumb}" alt="" loading="lazy">' if thumb
               else f'<div class="as-card-ph" style="{_placeholder_style(r)}"></div>')
        try:
            brief = json.loads(r.get("brief") or "{}")
        except ValueError:
            brief = {}
        fmts = " · ".join(brief.get("formats") or [])
        classes = "as-card" + (" open" if r["id"] == open_id else "") + (" selected" if r["id"] == selected else "")
        cards.append(
            f'<div class="{classes}" data-pid="{esc(r["id"])}" role="button" tabindex="0" '
            f'aria-label="Select project {esc(r["name"])}">'
            f'<div class="as-card-img">{img}{project_badge(r.get("status"))}</div>'
            f'<div class="as-card-body"><div class="as-card-name">{esc(r["name"])}</div>'
            f'<div class="as-card-meta">{esc(when(r.get("updated_at")))} · created {esc((r.get("created_at") or "")[:10])}</div>'
            f'<div class="as-card-foot"><span>{esc(fmts)} · {money(r.get("cost_usd"))}</span>'
            + ('<span class="as-card-current">Open now</span>' if r["id"] == open_id else
               f'<button class="as-card-open" data-open="{esc(r["id"])}">Open</button>')
            + '</div></div></div>')
    return f'<div class="as-cards">{"".join(cards)}</div>'


def choices(rows: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(f'{r["name"]} — {(r.get("updated_at") or "")[:10]}', r["id"]) for r in rows]


def details_html(row: dict[str, Any] | None) -> str:
    if row is None:
        return '<div class="as-muted">Pick a project card to see what you can do with it.</div>'
    try:
        brief = json.loads(row.get("brief") or "{}")
    except ValueError:
        brief = {}
    prompt = brief.get("prompt", "")
    return (f'<div class="as-details"><div class="as-details-prompt">“{esc(prompt[:240])}”</div>'
            f'<div class="as-muted">{project_badge(row.get("status"))} · {esc(when(row.get("updated_at")))} · '
            f'{money(row.get("cost_usd"))} spent</div></div>')


def build(ui: UI) -> dict[str, Any]:
    studio = ui.studio
    with gr.Row(equal_height=False):
        with gr.Column(scale=4):
            with gr.Row(elem_classes="as-section-head"):
                gr.HTML('<div class="as-h2">Your projects</div><div class="as-sub">Newest first. '
                        'Click a card to select it; <b>Open</b> makes it the project every tab works on.</div>')
                new_btn = gr.Button("New project", variant="primary", size="md", scale=0, min_width=160,
                                    elem_id="as-new-project")
            cards = gr.HTML(elem_id="as-project-cards", js_on_load=CARD_JS)
        with gr.Column(scale=1, min_width=300, elem_classes="as-panel"):
            gr.HTML('<div class="as-h3">Selected project</div>')
            selected = gr.Dropdown(label="Project", choices=[], value=None, allow_custom_value=True,
                                   interactive=True,
                                   elem_id="as-selected-project")
            details = gr.HTML(details_html(None))
            open_btn = gr.Button("Open", variant="primary", elem_id="as-open-project")
            name = gr.Textbox(label="Name", placeholder="Project name", max_lines=1, elem_id="as-rename-box",
                              max_length=MAX_NAME_CHARS)
            with gr.Row():
                rename_btn = gr.Button("Rename", size="sm")
                dup_btn = gr.Button("Duplicate", size="sm")
            del_btn = gr.Button("Delete…", variant="stop", size="sm", elem_id="as-delete")
            with gr.Group(visible=False, elem_classes="as-confirm") as confirm:
                confirm_md = gr.HTML()
                with gr.Row():
                    yes_btn = gr.Button("Delete for good", variant="stop", size="sm", elem_id="as-delete-yes")
                    no_btn = gr.Button("Cancel", size="sm")
            status = gr.HTML()

    def rows_for(request: Any) -> list[dict[str, Any]]:
        return studio.projects(ui.owner(request))

    # -- refresh (the list is per user, so it reads the request) -----------------------------
    @ui.guard("projects.refresh")
    def refresh(pid: str | None, sel: str | None, request: gr.Request):
        rows = rows_for(request)
        ids = {r["id"] for r in rows}
        sel = sel if sel in ids else (pid if pid in ids else None)
        row = next((r for r in rows if r["id"] == sel), None)
        return (cards_html(rows, pid, sel), gr.update(choices=choices(rows), value=sel), details_html(row),
                gr.update(value=row["name"] if row else ""))

    refresh_outputs = [cards, selected, details, name]
    ui.stamp.change(refresh, [ui.pid, selected], refresh_outputs, **ui.light(show_progress="hidden"))

    @ui.guard("projects.select")
    def on_select(sel: str | None, pid: str | None, request: gr.Request):
        rows = rows_for(request)
        row = next((r for r in rows if r["id"] == sel), None)
        return (cards_html(rows, pid, sel), details_html(row), gr.update(value=row["name"] if row else ""),
                gr.update(visible=False), "")

    selected.change(on_select, [selected, ui.pid], [cards, details, name, confirm, status],
                    **ui.light(show_progress="hidden"))

    @ui.guard("projects.open")
    def open_project(sel: str | None, request: gr.Request):
        if not sel:
            raise gr.Error("Pick a project first.", title="AdStudio")
        project = studio.project(sel, ui.owner(request))
        return project.id, ui.bump(project.id), gr.Tabs(selected="brief"), ""

    @ui.guard("projects.card")
    def on_card(evt: gr.EventData, pid: str | None, request: gr.Request):
        data = getattr(evt, "_data", None) or {}
        target = data.get("pid") if isinstance(data, dict) else None
        if not target:
            return gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip()
        if data.get("open"):
            project = studio.project(target, ui.owner(request))
            return target, project.id, ui.bump(project.id), gr.Tabs(selected="brief"), ""
        return target, gr.skip(), gr.skip(), gr.skip(), gr.skip()

    cards.click(on_card, [ui.pid], [selected, ui.pid, ui.stamp, ui.tabs, status], **ui.light(show_progress="hidden"))
    open_btn.click(open_project, [selected], [ui.pid, ui.stamp, ui.tabs, status], **ui.light())

    @ui.guard("projects.new")
    def new_project():
        return "", ui.bump(None), gr.Tabs(selected="brief")

    new_btn.click(new_project, None, [ui.pid, ui.stamp, ui.tabs], **ui.light())

    @ui.guard("projects.rename")
    def rename(sel: str | None, new_name: str, pid: str | None, request: gr.Request):
        if not sel:
            raise gr.Error("Pick a project first.", title="AdStudio")
        studio.rename(sel, ui.owner(request), new_name)
        rows = rows_for(request)
        row = next((r for r in rows if r["id"] == sel), None)
        return (cards_html(rows, pid, sel), gr.update(choices=choices(rows), value=sel), details_html(row),
                notice(f"Renamed to <b>{esc(new_name.strip())}</b>."), ui.bump(pid))

    rename_btn.click(rename, [selected, name, ui.pid], [cards, selected, details, status, ui.stamp], **ui.light())
    name.submit(rename, [selected, name, ui.pid], [cards, selected, details, status, ui.stamp], **ui.light())

    @ui.guard("projects.duplicate")
    def duplicate(sel: str | None, pid: str | None, request: gr.Request):
        if not sel:
            raise gr.Error("Pick a project first.", title="AdStudio")
        copy = studio.duplicate(sel, ui.owner(request))
        rows = rows_for(request)
        row = next((r for r in rows if r["id"] == copy.id), None)
        return (cards_html(rows, pid, copy.id), gr.update(choices=choices(rows), value=copy.id), details_html(row),
                notice(f"Duplicated as <b>{esc(copy.name)}</b> (brief and spec copied; renders are reused "
                       "when you generate)."))

    dup_btn.click(duplicate, [selected, ui.pid], [cards, selected, details, status], **ui.light())

    @ui.guard("projects.ask_delete")
    def ask_delete(sel: str | None, request: gr.Request):
        if not sel:
            raise gr.Error("Pick a project first.", title="AdStudio")
        project = studio.project(sel, ui.owner(request))
        return gr.update(visible=True), (f'<div class="as-note bad">Delete <b>{esc(project.name)}</b>? It disappears '
                                         'from your projects and cannot be opened again.</div>')

    del_btn.click(ask_delete, [selected], [confirm, confirm_md], **ui.light())
    no_btn.click(lambda: gr.update(visible=False), None, [confirm], **ui.light())

    @ui.guard("projects.delete")
    def delete(sel: str | None, pid: str | None, request: gr.Request):
        if not sel:
            raise gr.Error("Pick a project first.", title="AdStudio")
        project = studio.project(sel, ui.owner(request))
        studio.delete(sel, ui.owner(request))
        new_pid = "" if pid == sel else pid
        rows = rows_for(request)
        return (cards_html(rows, new_pid, None), gr.update(choices=choices(rows), value=None), details_html(None),
                gr.update(visible=False), notice(f"Deleted <b>{esc(project.name)}</b>."), new_pid, ui.bump(new_pid))

    yes_btn.click(delete, [selected, ui.pid], [cards, selected, details, confirm, status, ui.pid, ui.stamp],
                  **ui.light())
    return {"cards": cards, "selected": selected, "refresh": refresh}

