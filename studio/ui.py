"""What every tab shares: the UI context, the one place errors become messages, HTML pieces.

Handlers are wrapped by `UI.guard` (or `UI.guard_gen` for generators): a pipeline error
(`AdStudioError`) becomes a `gr.Error` with its message; anything else becomes a short,
generic message (the traceback goes to the server log, never to the browser), and secrets
are scrubbed from every message.
"""

from __future__ import annotations

import functools
import html
import inspect
from typing import Any, Callable

import gradio as gr

from pipeline.control import CANCELED_MESSAGE

from .core import ACTIVE_STATUSES, PHASE_BLURBS, PHASE_TITLES, Studio, View, friendly, money

def esc(text: Any) -> str:
    return html.escape("" if text is None else str(text), quote=True)


class UI:
    """Shared components and registries, handed to every tab's `build(ui)`."""

    def __init__(self, studio: Studio) -> None:
        self.studio = studio
        self.refreshers: list[tuple[str, Callable[..., list[Any]], list[Any], list[Any]]] = []
        self.handlers: dict[str, Callable[..., Any]] = {}
        # Set by studio.app before the tabs are built.
        self.pid: gr.BrowserState
        self.stamp: gr.Textbox
        self.tabs: gr.Tabs
        self.profile: gr.Radio  # the Brief tab's provider profile, read by other tabs' renders

    # -- wiring helpers ------------------------------------------------------------------------
    def add_refresher(self, name: str, fn: Callable[..., list[Any]], outputs: list[Any],
                      inputs: list[Any] | None = None) -> None:
        """`fn(view, owner, *inputs)` returns one update per output; it runs whenever the open project
        changes. `inputs` are components whose current values the refresh needs (e.g. which beat
        is selected, so a refresh keeps it)."""
        self.refreshers.append((name, fn, outputs, list(inputs or [])))

    def light(self, **kw: Any) -> dict[str, Any]:
        """Event options for quick UI events: private (not API), not limited."""
        return {"api_visibility": "private", "concurrency_limit": None, **kw}

    def heavy(self, **kw: Any) -> dict[str, Any]:
        """Event options for renders: the shared render slot pool of the Gradio queue."""
        return {"api_visibility": "private", "concurrency_id": "render",
                "concurrency_limit": self.studio.settings.render_slots, **kw}

    def owner(self, request: Any) -> str | None:
        return self.studio.owner(request)

    def view(self, pid: str | None, request: Any) -> View | None:
        if not pid:
            return None
        try:
            return self.studio.view(pid, self.owner(request))
        except Exception:
            return None

    def bump(self, pid: str | None) -> str:
        return self.studio.stamp(pid)

    def follow(self, job: Any, pid: str, done: str):
        """Generator body of a heavy handler: (status html, stamp) while the job runs.

        If the tab closes, Gradio stops iterating this generator; the job goes on in the
        server's thread and the project shows its progress when it is opened again."""
        last = None
        for j in self.studio.jobs.follow(job, 0.5):
            if j.done.is_set():
                break
            stamp = self.bump(pid)
            doing = {"waiting": "waiting for a render slot", "canceling": "canceling"}.get(j.shown_state, "rendering")
            text = f"{esc(job.label)}: {doing}… {j.elapsed:.0f} s"
            yield notice(text, "run"), (stamp if stamp != last else gr.skip())
            last = stamp
        if job.state == "canceled":
            yield notice(f"{esc(job.label)}: {esc(CANCELED_MESSAGE)}", "warn"), self.bump(pid)
            return
        if job.state == "failed":
            raise gr.Error(job.error or "the render failed", title="Render failed", print_exception=False)
        yield notice(done.format(t=job.elapsed)), self.bump(pid)

    # -- errors in one place -----------------------------------------------------------------
    def message(self, exc: BaseException) -> str:
        return friendly(exc, self.studio.settings)

    def error(self, exc: BaseException) -> gr.Error:
        return gr.Error(self.message(exc), title="AdStudio", print_exception=False)

    def guard(self, name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Register a handler under `name` and turn its exceptions into readable gr.Errors."""

        def deco(fn: Callable[..., Any]) -> Callable[..., Any]:
            if inspect.isgeneratorfunction(fn):
                @functools.wraps(fn)
                def gen_wrapper(*args: Any, **kwargs: Any):
                    try:
                        yield from fn(*args, **kwargs)
                    except gr.Error:
                        raise
                    except Exception as exc:
                        raise self.error(exc) from None
                wrapped: Callable[..., Any] = gen_wrapper
            else:
                @functools.wraps(fn)
                def wrapper(*args: Any, **kwargs: Any):
                    try:
                        return fn(*args, **kwargs)
                    except gr.Error:
                        raise
                    except Exception as exc:
                        raise self.error(exc) from None
                wrapped = wrapper
            self.handlers[name] = wrapped
            return wrapped

        return deco


# --- HTML pieces ------------------------------------------------------------------------------

STATUS_STYLE = {
    "done": ("Done", "ok"), "stale": ("Out of date", "warn"), "failed": ("Failed", "bad"),
    "running": ("Running", "run"), "waiting": ("Waiting for a slot", "wait"), "pending": ("Queued", "wait"),
    "not_run": ("Not run", "idle"), "canceled": ("Canceled", "warn"),
}


def project_badge(status: str | None) -> str:
    s = (status or "new").lower()
    if s == "done":
        cls, text = "ok", "Exported"
    elif s == "failed":
        cls, text = "bad", "Failed"
    elif s in ACTIVE_STATUSES:
        cls, text = "run", {"queued": "Queued", "waiting": "Waiting", "running": "Rendering"}[s]
    elif s in ("canceled", "interrupted"):
        cls, text = "warn", s.capitalize()
    elif s.startswith("stopped after"):
        cls, text = "idle", s.replace("stopped after", "Up to").strip().capitalize()
    else:
        cls, text = "idle", "New" if s == "new" else s.capitalize()
    return f'<span class="as-badge {cls}">{esc(text)}</span>'


def phases_html(view: View | None) -> str:
    """The per-phase progress bars shown above every tab."""
    if view is None:
        return ('<div class="as-phases empty"><div class="as-phases-hint">No project open. Write a brief to start, '
                'or open a saved project from <b>Projects</b>.</div></div>')
    cells = []
    for i, pv in enumerate(view.phases):
        label, cls = STATUS_STYLE.get(pv.status, (pv.status, "idle"))
        if view.interrupted and view.state.get("current_phase") == pv.phase:
            label, cls = "Interrupted", "warn"
        pct = 100 if pv.status in ("done", "stale") else int(round(pv.progress * 100))
        detail = ""
        if pv.status == "running":
            detail = f"{pct}% · {esc(pv.message)}" if pv.message else f"{pct}%"
        elif pv.status == "waiting":
            detail = esc(view.state.get("message") or "waiting for a render slot")
        elif pv.status in ("done", "stale"):
            detail = f"{pv.duration_s:.1f} s · {money(pv.cost_usd)}" + (" · cached" if pv.reused else "")
        elif pv.status == "failed":
            detail = esc(pv.message)
        else:
            detail = esc(PHASE_BLURBS[pv.phase])
        cells.append(
            f'<div class="as-phase {cls}" data-phase="{pv.phase}" title="{esc(PHASE_BLURBS[pv.phase])}">'
            f'<div class="as-phase-top"><span class="as-phase-n">{i + 1}</span>'
            f'<span class="as-phase-name">{PHASE_TITLES[pv.phase]}</span>'
            f'<span class="as-phase-state">{esc(label)}</span></div>'
            f'<div class="as-bar"><i style="width:{pct}%"></i></div>'
            f'<div class="as-phase-detail">{detail}</div></div>')
    p = view.project
    note = ""
    if view.interrupted:
        why = view.state.get("error") if view.state.get("status") == "interrupted" else None
        note = (f'<div class="as-note warn">{esc(why)}</div>' if why else
                '<div class="as-note warn">The last render was interrupted (the server restarted). '
                'Press <b>Generate all</b> to resume; finished work is reused.</div>')
    elif view.state.get("status") == "canceled":
        note = ('<div class="as-note warn">The render was canceled. Press <b>Generate all</b> to resume; '
                'finished work is reused.</div>')
    elif view.state.get("status") == "failed" and view.state.get("error"):
        note = f'<div class="as-note bad"><b>Last run failed:</b> {esc(view.state.get("error"))}</div>'
    elif view.running and view.extra.get("job") is not None and not view.extra["job"].tracks_phases:
        note = f'<div class="as-note run">{esc(view.state.get("message") or view.extra["job"].label)}</div>'
    head = (f'<div class="as-proj-line"><span class="as-proj-name">{esc(p.name)}</span>{project_badge(view.state.get("status"))}'
            f'<span class="as-proj-meta">{esc(view.profile)} providers · spent {money(p.cost_usd)}</span></div>')
    return f'<div class="as-phases">{head}<div class="as-phase-row">{"".join(cells)}</div>{note}</div>'


def errors_md(lines: list[str] | None) -> Any:
    """An inline error box under a form section (hidden when there is nothing to say)."""
    if not lines:
        return gr.update(value="", visible=False)
    body = "".join(f"<li>{esc(ln)}</li>" for ln in lines)
    return gr.update(value=f'<div class="as-field-error"><ul>{body}</ul></div>', visible=True)


def notice(text: str, kind: str = "ok") -> str:
    return f'<div class="as-note {kind}">{text}</div>' if text else ""


def empty_state(title: str, body: str) -> str:
    return f'<div class="as-empty"><div class="as-empty-title">{esc(title)}</div><div>{body}</div></div>'

