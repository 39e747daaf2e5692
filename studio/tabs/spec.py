"""Spec: every field of the spec, editable, re-validated on save (`run.update_spec`), with
each error shown next to the section it belongs to. The grade shows a before/after frame."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import gradio as gr

from pipeline.errors import InputError
from pipeline.models import CAMERA_MOVES, FORMATS, SHOT_TYPES, TRANSITION_TYPES, Spec

from ..core import FORMAT_LABELS, Studio, View, is_finite_number, list_luts, spec_fields_from_error
from ..ui import UI, empty_state, errors_md, notice

MAX_COLOURS = 6
KEYS = ["C", "C#", "Db", "D", "D#", "Eb", "E", "F", "F#", "Gb", "G", "G#", "Ab", "A", "A#", "Bb", "B"]
BEAT_HEADERS = ["#", "name", "duration (s)", "shot type", "camera move", "prompt", "on-screen text", "seed"]
TRANSITION_HEADERS = ["between beats", "type", "duration (s)"]
SECTIONS = ("product", "style", "audio", "color_grading", "beats", "output", "general")


def beat_rows(spec: Spec) -> list[list[Any]]:
    return [[i + 1, b.name, round(b.duration, 3), b.shot_type, b.camera_movement, b.prompt, b.text, b.seed]
            for i, b in enumerate(spec.beats)]


def transition_rows(spec: Spec) -> list[list[Any]]:
    return [[f"{i + 1} → {i + 2}", t.type, round(t.duration, 3)] for i, t in enumerate(spec.transitions)]


def _rows(value: Any) -> list[list[Any]]:
    """Dataframe input as a list of rows, whatever shape Gradio hands over."""
    if value is None:
        return []
    if hasattr(value, "values") and hasattr(value, "columns"):  # pandas
        return [list(r) for r in value.values.tolist()]
    if isinstance(value, dict):
        return [list(r) for r in value.get("data", [])]
    return [list(r) for r in value]


def _num(value: Any, where: str, integer: bool = False) -> float | int:
    if isinstance(value, str):
        value = value.strip().replace(",", ".").removesuffix("s").strip()
    if not is_finite_number(value):
        raise InputError(f"{where}: {value!r} is not a number")
    return int(round(float(value))) if integer else float(value)


def _text(value: Any) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else str(value).strip()


def normalise_colour(value: Any) -> str:
    """ColorPicker values come as #rrggbb, #rgb or rgba(r, g, b, a): make them #rrggbb."""
    v = _text(value).lower()
    if re.fullmatch(r"#[0-9a-f]{6}", v):
        return v
    if re.fullmatch(r"#[0-9a-f]{3}", v):
        return "#" + "".join(c * 2 for c in v[1:])
    m = re.fullmatch(r"rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)(?:\s*,\s*[\d.]+)?\s*\)", v)
    if m:
        return "#" + "".join(f"{max(0, min(255, int(round(float(x))))):02x}" for x in m.groups())
    return v


def spec_from_form(spec: Spec, f: dict[str, Any]) -> dict[str, Any]:
    """The stored spec with the form's values applied (fields the form does not show are kept).

    Raises InputError for values that cannot even be read (a non-number duration); everything
    else is left to the spec's own validation so its messages name the field."""
    data = spec.model_dump(mode="json")
    data["product"] = {**data["product"], "name": _text(f["product_name"]), "brand": _text(f["brand"]),
                       "category": _text(f["category"]), "tagline": _text(f["tagline"])}
    if data["product"]["name"] != spec.product.name:
        # A renamed product is drawn from its new name: the noun read from the brief no longer holds.
        data["product"]["noun"] = ""
    n = int(f["n_colours"] or 2)
    data["style"] = {"aesthetic": _text(f["aesthetic"]), "mood": _text(f["style_mood"]),
                     "lighting": _text(f["lighting"]),
                     "palette": [normalise_colour(c) for c in f["palette"][:n]]}
    data["audio"] = {**data["audio"], "style": _text(f["audio_style"]), "mood": _text(f["audio_mood"]),
                     "tempo_bpm": _num(f["tempo"], "audio · tempo"), "key": _text(f["key"]) or "C",
                     "scale": _text(f["scale"]) or "major"}
    data["color_grading"] = {"lut": _text(f["lut"]), "contrast": _num(f["contrast"], "grade · contrast"),
                             "saturation": _num(f["saturation"], "grade · saturation"),
                             "strength": _num(f["strength"], "grade · strength")}
    old = {b["name"]: b for b in data["beats"]}
    beats = []
    for i, row in enumerate(r for r in _rows(f["beats"]) if any(_text(x) for x in r[1:])):
        row = (row + [""] * 8)[:8]
        name = _text(row[1]).lower().replace(" ", "_")
        base = old.get(name) or (data["beats"][i] if i < len(data["beats"]) else {})
        text = _text(row[6])
        role = base.get("text_role", "none")
        if not text:
            role = "none"
        elif role == "none":
            role = "feature"
        duration = _num(row[2], f"beat {i + 1} · duration")
        if base and round(float(base.get("duration", -1)), 3) == round(duration, 3):
            duration = float(base["duration"])  # shown rounded, unchanged: keep the exact value
        beats.append({"name": name, "start": 0.0, "duration": duration,
                      "shot_type": _text(row[3]), "camera_movement": _text(row[4]),
                      "action": base.get("action") or "custom_shot", "prompt": _text(row[5]), "text": text,
                      "text_role": role, "seed": _num(row[7] if _text(row[7]) else 0, f"beat {i + 1} · seed", True)})
    length = _num(f["ad_length"], "ad length")
    if beats:
        gap = length - sum(b["duration"] for b in beats)
        if 0 < abs(gap) < 0.01:  # the table shows 3 decimals: give the rounding back to the longest beat
            max(beats, key=lambda b: b["duration"])["duration"] += gap
    t = 0.0
    for b in beats:
        b["start"] = round(t, 6)
        t += b["duration"]
    data["beats"] = beats
    trans = []
    for i, row in enumerate(_rows(f["transitions"])):
        row = (row + ["", "", ""])[:3]
        kind = _text(row[1]) or "cut"
        dur = 0.0 if kind == "cut" else _num(row[2] if _text(row[2]) else 0.5, f"transition {i + 1} · duration")
        if i < len(data["transitions"]) and round(data["transitions"][i]["duration"], 3) == round(dur, 3):
            dur = data["transitions"][i]["duration"]
        trans.append({"type": kind, "duration": dur})
    need = max(0, len(beats) - 1)
    trans = (trans + [{"type": "cut", "duration": 0.0}] * need)[:need]
    data["transitions"] = trans
    data["duration_s"] = length
    data["formats"] = list(f["formats"] or [])
    data["width"] = _num(f["width"], "width", True)
    data["height"] = _num(f["height"], "height", True)
    data["fps"] = _num(f["fps"], "fps", True)
    data["seed"] = _num(f["seed"], "seed", True)
    return data


def timing_problems(data: dict[str, Any] | None) -> dict[str, list[str]]:
    """The timeline check the spec makes only after every field is valid, made up front, so a
    person sees a duration problem together with the other problems."""
    if not data or not data.get("beats"):
        return {}
    total = sum(float(b["duration"]) for b in data["beats"])
    length = float(data.get("duration_s") or 0)
    if abs(total - length) > 1e-3:
        return {"beats": [f"beat durations add up to {total:.3f} s but the ad is {length:.3f} s; make them sum "
                          "to the total (Fit to length does it)"]}
    return {}


def fit_rows(rows: list[list[Any]], total: float) -> list[list[Any]]:
    """Scale the table's durations so they add up to the ad length."""
    from ..core import scale_durations
    rows = [list(r) for r in rows if any(_text(x) for x in r[1:])]
    if not rows:
        return rows
    durs = [_num(r[2], f"beat {i + 1} · duration") for i, r in enumerate(rows)]
    for r, d in zip(rows, scale_durations(durs, float(total))):
        r[2] = d
    return rows


# --- grade preview --------------------------------------------------------------------------


def grade_preview(studio: Studio, view: View, lut: str, contrast: float, saturation: float,
                  strength: float) -> tuple[str, str] | None:
    """(before, after) PNGs of the hero shot: ungraded, and graded with these settings."""
    spec = view.spec
    if spec is None:
        return None
    from pipeline.config import LUTS_DIR
    from pipeline.models import ReferencesOutput
    from pipeline.phases.common import scene_for
    lut_file = LUTS_DIR / f"{lut}.cube"
    if not lut_file.is_file():
        raise InputError(f"color_grading.lut: no LUT named {lut!r}")
    hero = next((i for i, b in enumerate(spec.beats) if b.shot_type == "product_hero"), 0)
    refs = None
    if "references" in view.outputs:
        try:
            refs = ReferencesOutput.model_validate(view.outputs["references"])
            if refs.product_image and not Path(refs.product_image).is_file():
                refs = None
        except ValueError:
            refs = None
    scene = scene_for(spec, hero, spec.formats[0] if spec.formats[0] == "16:9" else "16:9", refs)
    w = 640
    h = int(round(w * spec.height / spec.width / 2)) * 2
    base = dataclasses.replace(scene, width=w, height=h)
    key = hashlib.sha1(json.dumps([dataclasses.asdict(base), lut, contrast, saturation, strength],
                                  sort_keys=True, default=str).encode()).hexdigest()[:16]
    out = studio.data_dir / "studio" / "previews" / view.id
    before, after = out / f"grade_{key}_before.png", out / f"grade_{key}_after.png"
    if before.is_file() and after.is_file():
        return str(before), str(after)
    from PIL import Image
    from pipeline.render.scene import BeatScene, render_still
    out.mkdir(parents=True, exist_ok=True)
    t = base.duration * 0.6
    plain = dataclasses.replace(base, lut_path=None, contrast=1.0, saturation=1.0, grade_strength=1.0)
    graded = dataclasses.replace(base, lut_path=str(lut_file), contrast=float(contrast),
                                 saturation=float(saturation), grade_strength=float(strength))
    Image.fromarray(render_still(BeatScene.build(plain), t)).save(before)
    Image.fromarray(render_still(BeatScene.build(graded), t)).save(after)
    return str(before), str(after)


# --- the tab --------------------------------------------------------------------------------


def build(ui: UI) -> dict[str, Any]:
    studio = ui.studio
    luts = list_luts()
    empty = gr.HTML(empty_state("No spec yet", "Write one from the <b>Brief</b> tab — it takes a second — "
                                "then every field here is yours to change."), elem_id="as-spec-empty")
    with gr.Column(visible=False, elem_id="as-spec-form") as form_col:
        with gr.Row(elem_classes="as-section-head"):
            gr.HTML('<div class="as-h2">The plan of the ad</div><div class="as-sub">Change anything, then '
                    '<b>Save spec</b>. Saving checks every field again; problems show next to their section.</div>')
            revert_btn = gr.Button("Revert", size="md", scale=0, min_width=110)
            save_btn = gr.Button("Save spec", variant="primary", size="md", scale=0, min_width=150,
                                 elem_id="as-save-spec")
        general_err = gr.HTML(visible=False)
        status = gr.HTML(elem_id="as-spec-status")
        with gr.Row(equal_height=False):
            with gr.Column(scale=1, elem_classes="as-panel"):
                gr.HTML('<div class="as-h3">Product</div>')
                with gr.Row():
                    product_name = gr.Textbox(label="Name", max_lines=1, elem_id="as-product-name")
                    brand = gr.Textbox(label="Brand", max_lines=1)
                with gr.Row():
                    category = gr.Textbox(label="Category", max_lines=1)
                    tagline = gr.Textbox(label="Tagline", max_lines=1)
                product_err = gr.HTML(visible=False)
                gr.HTML('<div class="as-h3">Style</div>')
                with gr.Row():
                    aesthetic = gr.Textbox(label="Aesthetic", max_lines=1, elem_id="as-aesthetic")
                    style_mood = gr.Textbox(label="Mood", max_lines=1)
                    lighting = gr.Textbox(label="Lighting", max_lines=1)
                n_colours = gr.Slider(2, MAX_COLOURS, value=4, step=1, label="Palette colours")
                with gr.Row(elem_classes="as-swatches"):
                    palette = [gr.ColorPicker(label=f"Colour {i + 1}", value="#888888", min_width=70,
                                              elem_id=f"as-colour-{i + 1}") for i in range(MAX_COLOURS)]
                style_err = gr.HTML(visible=False)
                gr.HTML('<div class="as-h3">Audio</div>')
                with gr.Row():
                    audio_style = gr.Textbox(label="Music style", max_lines=1)
                    audio_mood = gr.Textbox(label="Mood", max_lines=1)
                with gr.Row():
                    tempo = gr.Slider(60, 180, value=100, step=1, label="Tempo (BPM)")
                    key = gr.Dropdown(KEYS, value="C", label="Key", min_width=90)
                    scale = gr.Radio(["major", "minor"], value="major", label="Scale", min_width=160)
                audio_err = gr.HTML(visible=False)
            with gr.Column(scale=1, elem_classes="as-panel"):
                gr.HTML('<div class="as-h3">Colour grade</div>')
                with gr.Row():
                    lut = gr.Dropdown(luts, value=luts[0] if luts else None, label="LUT", elem_id="as-lut")
                    strength = gr.Slider(0, 1, value=1, step=0.05, label="Strength")
                with gr.Row():
                    contrast = gr.Slider(0.5, 1.6, value=1, step=0.01, label="Contrast")
                    saturation = gr.Slider(0, 2, value=1, step=0.01, label="Saturation")
                grade_view = gr.ImageSlider(label="Before / after (drag the handle)", type="filepath",
                                            elem_id="as-grade-preview", max_height=360, buttons=["fullscreen"])
                grade_err = gr.HTML(visible=False)
                gr.HTML('<div class="as-h3">Output</div>')
                with gr.Row():
                    formats = gr.CheckboxGroup([(FORMAT_LABELS[f], f) for f in FORMATS], label="Formats")
                with gr.Row():
                    width = gr.Number(label="Width", precision=0, min_width=90)
                    height = gr.Number(label="Height", precision=0, min_width=90)
                    fps = gr.Number(label="FPS", precision=0, min_width=80)
                    seed = gr.Number(label="Seed", precision=0, min_width=90)
                output_err = gr.HTML(visible=False)
        with gr.Column(elem_classes="as-panel"):
            with gr.Row(elem_classes="as-section-head"):
                gr.HTML('<div class="as-h3">Beats</div><div class="as-sub">One row per shot. Durations must add up '
                        'to the ad length; <b>Fit to length</b> scales them for you.</div>')
                ad_length = gr.Number(label="Ad length (s)", minimum=5, maximum=120, scale=0, min_width=130,
                                      elem_id="as-ad-length")
                fit_btn = gr.Button("Fit to length", size="sm", scale=0, min_width=130)
            beats = gr.Dataframe(headers=BEAT_HEADERS, datatype=["number", "str", "number", "str", "str", "str",
                                                                  "str", "number"],
                                 column_count=(8, "fixed"), static_columns=[0], interactive=True, wrap=True,
                                 type="array", elem_id="as-beats", max_height=520,
                                 column_widths=["4%", "14%", "8%", "11%", "12%", "30%", "14%", "7%"])
            gr.HTML(f'<div class="as-vocab"><b>Shot types:</b> {", ".join(SHOT_TYPES)}<br><b>Camera moves:</b> '
                    f'{", ".join(CAMERA_MOVES)}<br><b>Transitions:</b> {", ".join(TRANSITION_TYPES)} '
                    '(a cut has no duration)</div>')
            transitions = gr.Dataframe(headers=TRANSITION_HEADERS, datatype=["str", "str", "number"],
                                       column_count=(3, "fixed"), static_columns=[0], interactive=True,
                                       type="array", label="Transitions", elem_id="as-transitions",
                                       column_widths=["140px", "160px", "120px"])
            beats_err = gr.HTML(visible=False, elem_id="as-beats-error")

    fields = {"product_name": product_name, "brand": brand, "category": category, "tagline": tagline,
              "aesthetic": aesthetic, "style_mood": style_mood, "lighting": lighting, "n_colours": n_colours,
              "audio_style": audio_style, "audio_mood": audio_mood, "tempo": tempo, "key": key, "scale": scale,
              "lut": lut, "contrast": contrast, "saturation": saturation, "strength": strength,
              "formats": formats, "width": width, "height": height, "fps": fps, "seed": seed,
              "ad_length": ad_length, "beats": beats, "transitions": transitions}
    errs = {"product": product_err, "style": style_err, "audio": audio_err, "color_grading": grade_err,
            "beats": beats_err, "output": output_err, "general": general_err}
    err_outputs = [errs[s] for s in SECTIONS]

    def values_for(spec: Spec) -> list[Any]:
        pal = list(spec.style.palette) + ["#888888"] * (MAX_COLOURS - len(spec.style.palette))
        return [spec.product.name, spec.product.brand, spec.product.category, spec.product.tagline,
                spec.style.aesthetic, spec.style.mood, spec.style.lighting, len(spec.style.palette),
                spec.audio.style, spec.audio.mood, spec.audio.tempo_bpm, spec.audio.key, spec.audio.scale,
                spec.color_grading.lut, spec.color_grading.contrast, spec.color_grading.saturation,
                spec.color_grading.strength, list(spec.formats), spec.width, spec.height, spec.fps, spec.seed,
                spec.duration_s, beat_rows(spec), transition_rows(spec)]

    def swatch_updates(n: int) -> list[Any]:
        return [gr.update(visible=i < int(n or 2)) for i in range(MAX_COLOURS)]

    field_list = list(fields.values())
    outputs = [empty, form_col, *field_list, *palette, grade_view, status, *err_outputs]

    def refresh(view: View | None, owner: str | None) -> list[Any]:
        if view is None or view.spec is None:
            return ([gr.update(visible=True), gr.update(visible=False)] + [gr.skip()] * len(field_list)
                    + [gr.skip()] * MAX_COLOURS + [None, ""] + [errors_md(None)] * len(SECTIONS))
        spec = view.spec
        vals = values_for(spec)
        pal = list(spec.style.palette) + ["#888888"] * (MAX_COLOURS - len(spec.style.palette))
        try:
            preview = grade_preview(studio, view, spec.color_grading.lut, spec.color_grading.contrast,
                                    spec.color_grading.saturation, spec.color_grading.strength)
        except Exception:
            preview = None
        return ([gr.update(visible=False), gr.update(visible=True)] + vals
                + [gr.update(value=c, visible=i < len(spec.style.palette)) for i, c in enumerate(pal)]
                + [preview, ""] + [errors_md(None)] * len(SECTIONS))

    ui.add_refresher("spec", refresh, outputs)

    n_colours.change(swatch_updates, [n_colours], palette, **ui.light(show_progress="hidden"))

    def collect(data: dict[Any, Any]) -> dict[str, Any]:
        f = {name: data[comp] for name, comp in fields.items()}
        f["palette"] = [data[c] for c in palette]
        return f

    @ui.guard("spec.save")
    def save(data: dict[Any, Any], request: gr.Request):
        pid = data[ui.pid]
        owner = ui.owner(request)
        project = studio.project(pid, owner)
        if project.spec is None:
            raise InputError("this project has no spec yet; write it from the Brief tab")
        data_or_none = None
        try:
            data_or_none = spec_from_form(project.spec, collect(data))
            new = studio.save_spec(pid, owner, data_or_none)
        except InputError as exc:
            sections = spec_fields_from_error(str(exc))
            for section, lines in timing_problems(data_or_none).items():
                sections.setdefault(section, [])
                sections[section] += [ln for ln in lines if not any("add up" in x for x in sections[section])]
            count = sum(len(v) for v in sections.values())
            return [notice(f"Not saved: {count} problem{'s' if count != 1 else ''} to fix (see the marked sections).",
                           "bad"), gr.skip()] + [errors_md(sections.get(s)) for s in SECTIONS]
        return [notice(f"Saved. {len(new.beats)} beats, {new.duration_s:g} s. Renders that depend on what "
                       "changed are redone on the next <b>Generate all</b> or <b>Render</b>; the rest is reused."),
                ui.bump(pid)] + [errors_md(None)] * len(SECTIONS)

    save_inputs = {ui.pid, *field_list, *palette}
    save_btn.click(save, save_inputs, [status, ui.stamp, *err_outputs], **ui.light())

    @ui.guard("spec.revert")
    def revert(pid: str | None, request: gr.Request):
        view = studio.view(pid, ui.owner(request))
        return refresh(view, None)

    revert_btn.click(revert, [ui.pid], outputs, **ui.light())

    @ui.guard("spec.fit")
    def fit(rows: Any, total: float):
        try:
            return fit_rows(_rows(rows), float(total)), errors_md(None)
        except (InputError, TypeError, ValueError) as exc:
            return gr.skip(), errors_md([str(exc)])

    fit_btn.click(fit, [beats, ad_length], [beats, beats_err], **ui.light())

    @ui.guard("spec.grade_preview")
    def preview(pid: str | None, lut_v: str, contrast_v: float, saturation_v: float, strength_v: float,
                request: gr.Request):
        view = ui.view(pid, request)
        if view is None or view.spec is None:
            return gr.skip(), gr.skip()
        try:
            return grade_preview(studio, view, lut_v, contrast_v, saturation_v, strength_v), errors_md(None)
        except InputError as exc:
            return gr.skip(), errors_md([str(exc)])

    grade_inputs = [ui.pid, lut, contrast, saturation, strength]
    lut.change(preview, grade_inputs, [grade_view, grade_err], **ui.light(show_progress="minimal",
                                                                            trigger_mode="always_last"))
    for s in (contrast, saturation, strength):
        s.release(preview, grade_inputs, [grade_view, grade_err], **ui.light(show_progress="minimal",
                                                                             trigger_mode="always_last"))
    return {"save": save}
