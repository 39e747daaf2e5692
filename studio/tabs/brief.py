"""Brief: the prompt, a template, logo and product photo, formats, the provider profile
(with which keys are configured, never their values), the cost estimate before anything
runs, and the two ways to start: "Write spec" and "Generate all"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import gradio as gr

from pipeline import run
from pipeline.errors import InputError
from pipeline.models import FORMATS, MAX_NAME_CHARS, MAX_PROMPT_CHARS
from pipeline.uploads import WHAT_TO_UPLOAD, clean_copy

from ..core import FORMAT_LABELS, PHASE_TITLES, RESOLUTIONS, Studio, View, money, templates_info
from ..jobs import Resume
from ..ui import UI, esc, notice

TEMPLATE_JS = """
element.addEventListener('click', (e) => {
  const card = e.target.closest('[data-template]');
  if (card) trigger('click', {template: card.dataset.template});
});
"""
AUTO_DESC = "AdStudio reads your brief and picks the template whose style fits it best."
KEY_HELP = {
    "OPENAI_API_KEY": "writes the spec (hosted)",
    "REPLICATE_API_TOKEN": "images, video, music (hosted)",
    "ADSTUDIO_S3_BUCKET": "stores exports on S3",
}


def templates_html(selected: str | None) -> str:
    items = [("", "Automatic", AUTO_DESC)] + [(n, t["title"], t["description"]) for n, t in templates_info().items()]
    cards = []
    for name, title, desc in items:
        cls = "as-tpl" + (" selected" if (selected or "") == name else "")
        cards.append(f'<div class="{cls}" data-template="{esc(name)}" role="button" tabindex="0">'
                     f'<div class="as-tpl-title">{esc(title)}</div><div class="as-tpl-desc">{esc(desc)}</div></div>')
    return f'<div class="as-tpls">{"".join(cards)}</div>'


def keys_html(studio: Studio, profile: str) -> str:
    keys = studio.keys_status()
    rows = []
    for var, ok in keys.items():
        mark = '<span class="as-key ok">configured</span>' if ok else '<span class="as-key no">not set</span>'
        rows.append(f'<div class="as-key-row"><code>{esc(var)}</code>{mark}'
                    f'<span class="as-muted">{esc(KEY_HELP.get(var, ""))}</span></div>')
    if profile == "hosted":
        missing = [k for k in ("OPENAI_API_KEY", "REPLICATE_API_TOKEN") if not keys.get(k)]
        tip = (f'<div class="as-note warn">Hosted models need {" and ".join(f"<code>{m}</code>" for m in missing)} '
               'in the server environment (Space secrets on Hugging Face).</div>' if missing else "")
    else:
        tip = '<div class="as-muted">Local providers run offline on this machine and cost nothing.</div>'
    return f'<div class="as-keys">{"".join(rows)}</div>{tip}'


def estimate_html(studio: Studio, pid: str | None, owner: str | None, profile: str) -> str:
    try:
        est = studio.estimate(pid, owner, profile=profile)
    except Exception as exc:  # a profile whose providers cannot be built: say why, inline
        return notice(esc(studio_message(studio, exc)), "warn")
    rows = "".join(f'<tr><td>{PHASE_TITLES[p]}</td><td class="num">{money(v)}</td></tr>'
                   for p, v in est.per_phase.items())
    budget = studio.settings.budget_usd
    foot = f'<div class="as-muted">Project budget: {money(budget)}</div>' if budget is not None else ""
    free = ('<div class="as-muted">Nothing is spent with local providers.</div>' if est.total == 0 else
            '<div class="as-muted">Charged by the providers as the phases run; reused work costs nothing.</div>')
    return (f'<table class="as-cost"><tbody>{rows}</tbody><tfoot><tr><td>Estimated total</td>'
            f'<td class="num">{money(est.total)}</td></tr></tfoot></table>{free}{foot}')


def picture_input(**kwargs: Any) -> gr.Image:
    """A gr.Image upload whose reading never puts a temporary path or an exception's name in
    front of a person (Gradio's own message for a file it cannot open has both). Its reading is
    wrapped on the instance: a subclass of a Gradio component makes Gradio write a .pyi stub
    beside this module."""
    field = gr.Image(**kwargs)
    read = field.preprocess

    def preprocess(payload: Any) -> Any:
        try:
            return read(payload)
        except Exception:
            raise gr.Error(f"{field.label}: this file is not a picture AdStudio can read; {WHAT_TO_UPLOAD} file",
                           title="Upload refused", print_exception=False) from None

    field.preprocess = preprocess  # type: ignore[method-assign]
    return field


def accept_upload(payload: Any, what: str, stem: str) -> str | None:
    """An uploaded picture, checked the moment it arrives: the path of its clean re-encoding
    (pipeline.uploads) in Gradio's upload folder, `stem.png|jpg|webp`. The original is removed
    whether it passed or not. Raises InputError saying what is wrong and what to upload."""
    if not payload:
        return None
    path = payload if isinstance(payload, str) else payload.get("path")
    name = None if isinstance(payload, str) else payload.get("orig_name")
    if not path:
        return None
    from gradio import processing_utils, utils
    if not utils.is_in_or_equal(path, utils.get_upload_folder()):
        # Gradio lets a static path (the data dir's files) through as an event's value; only a
        # file just uploaded is read here, never someone's stored picture.
        raise InputError(f"{what}: upload the picture again")
    try:
        data, ext = clean_copy(path, what, name)
    finally:
        Path(path).unlink(missing_ok=True)  # Gradio's copy of the original, kept in no case
    # Where Gradio would cache it (named by its content), so Gradio serves and cleans it up.
    return processing_utils.save_bytes_to_cache(data, f"{stem}.{ext}", cache_dir=utils.get_upload_folder())


def studio_message(studio: Studio, exc: BaseException) -> str:
    from ..core import friendly
    return friendly(exc, studio.settings)


def resolution_label(width: int, height: int) -> str:
    for label, (w, h) in RESOLUTIONS.items():
        if (w, h) == (width, height):
            return label
    return f"{width}x{height}"


def form_values(view: View | None) -> dict[str, Any]:
    """What the brief form shows for a project (or a fresh form)."""
    if view is None:
        return {"name": "", "prompt": "", "template": "", "logo": None, "product": None, "formats": ["16:9"],
                "duration": 30, "resolution": "1080p · 1920×1080", "fps": 30, "seed": 0, "profile": None}
    b = view.project.brief
    return {"name": view.project.name, "prompt": b.prompt, "template": b.template or "",
            "logo": b.logo_path if b.logo_path and Path(b.logo_path).is_file() else None,
            "product": b.product_image_path if b.product_image_path and Path(b.product_image_path).is_file() else None,
            "formats": list(b.formats), "duration": b.duration_s, "resolution": resolution_label(b.width, b.height),
            "fps": b.fps, "seed": b.seed, "profile": view.profile}


def prepare(studio: Studio, pid: str | None, owner: str | None, name: str, prompt: str, template: str,
            logo: str | None, product: str | None, formats: list[str], duration: float, resolution: str,
            fps: int, seed: int, profile: str) -> tuple[str, bool, str]:
    """Create the project, or save the edited brief of the open one.

    Returns (project id, whether the brief changed, what happened in words)."""
    brief = studio.make_brief(prompt, template or None, logo, product, formats, duration, resolution, fps, seed)
    studio.context(profile or None)  # a profile whose keys are missing fails here, before anything is saved
    if pid:
        try:
            project = studio.project(pid, owner)
        except Exception:
            pid = ""
    if not pid:
        project = studio.create(brief, owner, name=name, profile=profile)
        return project.id, True, f"Created <b>{esc(project.name)}</b>."
    studio.guard_idle(pid)
    changed = False
    old = project.brief
    if profile and profile != studio.profile_for(pid):
        studio.set_profile(pid, profile)
    same_files = all(_same_file(getattr(old, a), getattr(brief, a)) for a in ("logo_path", "product_image_path"))
    comparable = brief.model_copy(update={"logo_path": old.logo_path, "product_image_path": old.product_image_path})
    if comparable != old or not same_files:
        studio.update_brief(pid, owner, brief)
        changed = True
    if name and name.strip() and name.strip() != project.name:
        studio.rename(pid, owner, name)
    return pid, changed, ("Brief saved." if changed else "")


def _same_file(a: str | None, b: str | None) -> bool:
    if not a and not b:
        return True
    if not a or not b or not Path(a).is_file() or not Path(b).is_file():
        return False
    pa, pb = Path(a), Path(b)
    return pa.stat().st_size == pb.stat().st_size and pa.read_bytes() == pb.read_bytes()


def build(ui: UI) -> dict[str, Any]:
    studio = ui.studio
    default_profile = studio.settings.profile
    with gr.Row(equal_height=False):
        with gr.Column(scale=3):
            gr.HTML('<div class="as-h2">What is the ad for?</div><div class="as-sub">Describe the product, the '
                    'audience and the feel. AdStudio turns it into a spec you can edit before anything is rendered.'
                    '</div>')
            prompt = gr.Textbox(label="Brief", lines=4, max_lines=12, elem_id="as-prompt", max_length=MAX_PROMPT_CHARS,
                                placeholder="Create a sleek ad for luxury watches — dark studio, gold accents, "
                                            "for people who appreciate craft.")
            name = gr.Textbox(label="Project name", placeholder="Taken from the brief if left empty", max_lines=1,
                              elem_id="as-project-name", max_length=MAX_NAME_CHARS)
            gr.HTML('<div class="as-h3">Template</div>')
            template = gr.Textbox(value="", visible=False, elem_id="as-template-value")
            template_cards = gr.HTML(templates_html(""), js_on_load=TEMPLATE_JS, elem_id="as-templates")
            with gr.Row():
                # image_mode=None: Gradio hands the file over as it is (a logo keeps its transparency).
                logo = picture_input(label="Logo", type="filepath", image_mode=None, sources=["upload"], height=170,
                                     elem_id="as-logo")
                product = picture_input(label="Product photo", type="filepath", image_mode=None, sources=["upload"],
                                        height=170, elem_id="as-product")
            gr.HTML('<div class="as-muted">PNG, JPEG or WEBP, up to 20 MB and 40 megapixels (9 for WEBP). Only a '
                    're-encoded copy is kept, without its metadata (camera, GPS). A plain studio background is '
                    'keyed out; without a photo AdStudio draws a stand-in of the product.</div>')
            formats = gr.CheckboxGroup([(FORMAT_LABELS[f], f) for f in FORMATS], value=["16:9"], label="Formats",
                                       elem_id="as-formats")
            with gr.Accordion("Length, size and seed", open=False):
                with gr.Row():
                    duration = gr.Slider(5, 120, value=30, step=1, label="Length (seconds)", elem_id="as-duration")
                    resolution = gr.Dropdown(list(RESOLUTIONS), value="1080p · 1920×1080", label="Master size",
                                             allow_custom_value=True, elem_id="as-resolution")
                    fps = gr.Dropdown([24, 25, 30], value=30, label="Frames per second", elem_id="as-fps")
                    seed = gr.Number(value=0, precision=0, minimum=0, label="Seed", elem_id="as-seed")
        with gr.Column(scale=2, min_width=320, elem_classes="as-panel"):
            gr.HTML('<div class="as-h3">Providers</div>')
            profile = gr.Radio([("Local — offline, free", "local"), ("Hosted — OpenAI + Replicate", "hosted")],
                               value=default_profile, label="Provider profile", elem_id="as-profile")
            keys = gr.HTML(keys_html(studio, default_profile))
            gr.HTML('<div class="as-h3">Cost before anything runs</div>')
            estimate = gr.HTML(estimate_html(studio, None, None, default_profile), elem_id="as-estimate")
            with gr.Row():
                write_btn = gr.Button("Write spec", variant="secondary", elem_id="as-write-spec")
                gen_btn = gr.Button("Generate all", variant="primary", elem_id="as-generate-all")
            status = gr.HTML(elem_id="as-brief-status")
    ui.profile = profile
    form = [name, prompt, template, logo, product, formats, duration, resolution, fps, seed, profile]

    def refresh(view: View | None, owner: str | None) -> list[Any]:
        v = form_values(view)
        prof = v["profile"] or default_profile
        return [v["name"], v["prompt"], v["template"], templates_html(v["template"]), v["logo"], v["product"],
                v["formats"], v["duration"], v["resolution"], v["fps"], v["seed"], prof, keys_html(studio, prof),
                estimate_html(studio, view.id if view else None, owner, prof)]

    ui.add_refresher("brief", refresh, [name, prompt, template, template_cards, logo, product, formats, duration,
                                        resolution, fps, seed, profile, keys, estimate])

    def upload_checker(what: str, stem: str):
        def check(payload: Any):
            try:
                return accept_upload(payload, what, stem), ""
            except InputError as exc:  # said at once, in words; the field is emptied
                gr.Warning(str(exc), title="Upload refused")
                return None, notice(esc(str(exc)), "bad")
        return check

    logo.upload(ui.guard("brief.upload_logo")(upload_checker("logo", "logo")), [logo], [logo, status],
                preprocess=False, **ui.light(show_progress="hidden"))
    product.upload(ui.guard("brief.upload_product")(upload_checker("product photo", "product")), [product],
                   [product, status], preprocess=False, **ui.light(show_progress="hidden"))

    @ui.guard("brief.pick_template")
    def pick_template(evt: gr.EventData):
        data = getattr(evt, "_data", None) or {}
        value = data.get("template") if isinstance(data, dict) else None
        if value is None:
            return gr.skip(), gr.skip()
        return value, templates_html(value)

    template_cards.click(pick_template, None, [template, template_cards], **ui.light(show_progress="hidden"))

    @ui.guard("brief.profile")
    def on_profile(value: str, pid: str | None, request: gr.Request):
        owner = ui.owner(request) if pid else None
        return keys_html(studio, value), estimate_html(studio, pid, owner, value)

    profile.change(on_profile, [profile, ui.pid], [keys, estimate], **ui.light(show_progress="hidden"))

    @ui.guard("brief.write_spec")
    def write_spec(pid: str | None, name_v: str, prompt_v: str, template_v: str, logo_v: str | None,
                   product_v: str | None, formats_v: list[str], duration_v: float, resolution_v: str, fps_v: int,
                   seed_v: int, profile_v: str, request: gr.Request):
        owner = ui.owner(request)
        pid, changed, said = prepare(studio, pid, owner, name_v, prompt_v, template_v, logo_v, product_v, formats_v,
                                     duration_v, resolution_v, fps_v, seed_v, profile_v)
        project = studio.project(pid, owner)
        if project.spec is not None and not changed:
            msg = f"{said} The spec is up to date with this brief — edit it in the <b>Spec</b> tab."
        else:
            spec = studio.write_spec(pid, owner, force=True)
            msg = (f"{said} Spec written: <b>{esc(spec.template.replace('_', ' '))}</b>, {len(spec.beats)} beats, "
                   f"{spec.duration_s:g} s. Review it in the <b>Spec</b> tab.")
        return pid, ui.bump(pid), notice(msg.strip()), gr.Tabs(selected="spec")

    write_btn.click(write_spec, [ui.pid, *form], [ui.pid, ui.stamp, status, ui.tabs], **ui.light())

    @ui.guard("brief.prepare")
    def prepare_generate(pid: str | None, name_v: str, prompt_v: str, template_v: str, logo_v: str | None,
                         product_v: str | None, formats_v: list[str], duration_v: float, resolution_v: str,
                         fps_v: int, seed_v: int, profile_v: str, request: gr.Request):
        owner = ui.owner(request)
        if studio.jobs.is_full():
            raise gr.Error(studio.jobs.full_message(), title="Render queue full")
        pid, changed, said = prepare(studio, pid, owner, name_v, prompt_v, template_v, logo_v, product_v, formats_v,
                                     duration_v, resolution_v, fps_v, seed_v, profile_v)
        project = studio.project(pid, owner)
        if project.spec is not None and changed:
            studio.write_spec(pid, owner, force=True)  # the brief changed: its spec follows
        return pid, ui.bump(pid), notice(f"{said} Starting the render…".strip(), "run")

    @ui.guard("brief.generate_all")
    def generate_all(pid: str | None, request: gr.Request):
        owner = ui.owner(request)
        studio.project(pid, owner)
        job = studio.jobs.submit(pid, "generate", "Generate all", lambda ctx: run.run_project(ctx, pid),
                                 resume=Resume())
        yield from ui.follow(job, pid, "Generated in {t:.0f} s. Every tab now shows its phase; "
                                       "the video is in <b>Export</b>.")

    gen_btn.click(prepare_generate, [ui.pid, *form], [ui.pid, ui.stamp, status], **ui.light()).success(
        generate_all, [ui.pid], [status, ui.stamp], **ui.heavy(show_progress="minimal"))
    return {"prompt": prompt, "status": status}
