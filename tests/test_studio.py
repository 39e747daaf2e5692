"""The studio in-process: its handlers, the tab logic, the job runner and the HTTP API.

Handlers are the real ones the UI wires (registered by name in `demo.studio_ui.handlers`),
called as plain functions with a fake request; the pipeline runs for real at 320x180."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

gr = pytest.importorskip("gradio")

from pipeline.config import Settings  # noqa: E402
from pipeline.errors import AdStudioError, InputError, NotFoundError  # noqa: E402
from pipeline.models import Spec  # noqa: E402
from studio.app import build_app  # noqa: E402
from studio.core import (Busy, friendly, move_beat, rebalance, scale_durations,  # noqa: E402
                         spec_fields_from_error)
from studio.tabs import spec as spec_tab  # noqa: E402
from studio.tabs.timeline import snap_to_grid, strip_html, with_transition  # noqa: E402
from studio.waveform import draw_waveform, on_grid  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TINY = "Tiny · 320×180"


def req(user: str | None = None) -> gr.Request:
    return gr.Request(username=user, session_hash="test-session")


def run_gen(gen):
    """Drain a generator handler; return its last value."""
    last = None
    for last in gen:
        pass
    return last


def brief_values(prompt: str = "Create a sleek ad for luxury watches", duration: float = 6, formats=("16:9",),
                 template: str = "", name: str = ""):
    # name, prompt, template, logo, product, formats, duration, resolution, fps, seed, profile
    return [name, prompt, template, None, None, list(formats), duration, TINY, 30, 0, "local"]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    data = tmp_path_factory.mktemp("studio") / "data"
    demo = build_app(Settings.from_env(environ={}, data_dir=str(data)))
    yield demo
    demo.close()


@pytest.fixture(scope="module")
def h(app):
    return app.studio_ui.handlers


@pytest.fixture(scope="module")
def generated(app, h):
    """One project, generated end to end through the Brief tab's handlers (6 s, 320x180)."""
    pid, stamp, status = h["brief.prepare"]("", *brief_values(name="Watches"), request=req())
    assert pid and "Created" in status
    last = run_gen(h["brief.generate_all"](pid, request=req()))
    assert "Generated in" in last[0]
    return pid


# --- pure logic --------------------------------------------------------------------------------


def test_pipeline_never_imports_gradio():
    code = "import sys, pipeline.run, pipeline.cli, pipeline.store; print('gradio' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "False", out.stderr


def test_rebalance_keeps_the_total_and_proportions():
    durs = [4.0, 5.0, 6.0, 6.0, 5.0, 4.0]
    out = rebalance(durs, 2, 9.0, 30.0)
    assert out[2] == 9.0
    assert sum(out) == pytest.approx(30.0, abs=1e-6)
    others = [d for i, d in enumerate(out) if i != 2]
    assert others[0] / others[1] == pytest.approx(4 / 5, rel=0.02)
    # A long beat squeezes the others down to the minimum, never below.
    out = rebalance(durs, 0, 27.0, 30.0)
    assert min(out) >= 0.5 - 1e-9 and sum(out) == pytest.approx(30.0, abs=1e-6)
    with pytest.raises(InputError, match="can be 0.5 to 27.50 s"):
        rebalance(durs, 0, 29.0, 30.0)


def test_scale_durations_and_move_and_snap(app, generated):
    studio = app.studio
    spec = studio.project(generated, None).spec
    scaled = scale_durations([b.duration for b in spec.beats], 12.0)
    assert sum(scaled) == pytest.approx(12.0, abs=1e-6)
    moved = Spec.model_validate(move_beat(spec, 0, 1))
    assert moved.beats[0].name == spec.beats[1].name and moved.beats[1].name == spec.beats[0].name
    assert moved.beats[0].start == 0 and moved.duration_s == spec.duration_s
    with pytest.raises(InputError, match="already first"):
        move_beat(spec, 0, -1)
    grid = [i * 0.5 for i in range(13)]
    snapped = Spec.model_validate(snap_to_grid(spec, grid))
    assert all(on_grid([b.end for b in snapped.beats[:-1]], grid))
    assert snapped.duration_s == spec.duration_s
    with pytest.raises(InputError, match="last beat has no transition"):
        with_transition(spec, len(spec.beats) - 1, "cut", 0)


def test_spec_errors_are_grouped_by_section():
    msg = ("the spec is invalid:\n  style.palette.0: 'red' is not a #rrggbb colour\n  beats.2.prompt: too long\n"
           "  (top level): beat durations add up to 5.000 s but the ad is 6.000 s\n  audio.tempo_bpm: too high")
    sections = spec_fields_from_error(msg)
    assert sections["style"] == ["style · palette colour 1: 'red' is not a #rrggbb colour"]
    assert sections["beats"][0] == "beat 3 · prompt: too long"
    assert "beat durations add up" in sections["beats"][1]
    assert sections["audio"] == ["audio · tempo bpm: too high"]
    assert spec_fields_from_error("color_grading.lut: no LUT named 'x'") == {
        "color_grading": ["color grading · lut: no LUT named 'x'"]}


def test_friendly_messages_never_leak_tracebacks_or_secrets():
    settings = Settings.from_env(environ={"OPENAI_API_KEY": "sk-secret-123456"}, data_dir="/tmp/unused-adstudio")
    assert friendly(InputError("brief: too short"), settings) == "brief: too short"
    leaked = friendly(AdStudioError("bad key sk-secret-123456"), settings)
    assert "sk-secret" not in leaked and "•••" in leaked
    msg = friendly(KeyError("internal"), settings)
    assert "KeyError" in msg and "Traceback" not in msg and "internal" not in msg


def test_waveform_draws_grid_and_cuts(tmp_path):
    import wave

    import numpy as np
    rate = 8000
    t = np.arange(rate * 4) / rate
    sig = (0.5 * np.sin(2 * np.pi * 220 * t) * (1 + np.sin(2 * np.pi * 2 * t)) / 2 * 32767).astype("<i2")
    path = tmp_path / "m.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(rate), w.writeframes(sig.tobytes())
    img = draw_waveform(path, [0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5], [1.0, 2.5], ["1", "2", "3"], width=600,
                        height=120)
    assert img.size == (600, 120)
    arr = np.asarray(img)
    assert arr.std() > 10  # something was drawn
    assert on_grid([1.0, 2.6], [0, 1.0, 2.0]) == [True, False]


# --- the studio's handlers ----------------------------------------------------------------------


def test_api_names_are_the_documented_ones_and_ui_events_are_private(app):
    info = app.get_api_info()
    names = set(info["named_endpoints"])
    expected = {"/list_projects", "/create_project", "/get_project", "/project_status", "/estimate_cost",
                "/write_spec", "/update_spec", "/generate", "/regenerate_beat", "/beat_versions",
                "/choose_beat_version", "/render_preview", "/download_file", "/rename_project", "/duplicate_project",
                "/delete_project", "/cancel"}
    assert names == expected
    assert not info.get("unnamed_endpoints")
    import studio.api as api_mod
    for name in expected:
        assert name.strip("/") in api_mod.__doc__


def test_write_spec_creates_the_project_and_switches_to_spec(app, h):
    pid, stamp, status, tabs = h["brief.write_spec"]("", *brief_values(prompt="Grand opening of Luna Bakery"),
                                                     request=req())
    project = app.studio.project(pid, None)
    assert project.spec is not None and project.spec.duration_s == 6
    assert "Spec written" in status and tabs.selected == "spec"
    # Unchanged brief: nothing is rewritten; a changed brief rewrites the spec.
    _, _, status2, _ = h["brief.write_spec"](pid, *brief_values(prompt="Grand opening of Luna Bakery"),
                                             request=req())
    assert "up to date" in status2
    _, _, status3, _ = h["brief.write_spec"](pid, *brief_values(prompt="Grand opening of Luna Bakery", duration=8),
                                             request=req())
    assert "Spec written" in status3 and app.studio.project(pid, None).spec.duration_s == 8


def test_uploads_are_copied_into_the_project(app, h, tmp_path):
    import numpy as np
    from PIL import Image
    arr = np.full((300, 200, 3), 250, np.uint8)
    arr[60:240, 50:150] = (180, 40, 60)
    photo = tmp_path / "bottle.png"
    Image.fromarray(arr).save(photo)
    values = brief_values(prompt="A perfume called Rouge")
    values[4] = str(photo)  # product photo
    pid, _, status = h["brief.prepare"]("", *values, request=req())
    brief = app.studio.project(pid, None).brief
    assert brief.product_image_path and Path(brief.product_image_path).parent.name == pid
    # Replacing the logo of an existing project copies it too; a bad file is refused readably.
    bad = tmp_path / "logo.png"
    bad.write_text("not an image")
    values[3] = str(bad)
    with pytest.raises(gr.Error, match="not an image"):
        h["brief.prepare"](pid, *values, request=req())
    values[3] = str(photo)
    h["brief.prepare"](pid, *values, request=req())
    assert Path(app.studio.project(pid, None).brief.logo_path).parent.name == pid


def test_hosted_profile_without_keys_says_which_key(h):
    values = brief_values()
    values[-1] = "hosted"
    with pytest.raises(gr.Error) as err:
        h["brief.prepare"]("", *values, request=req())
    assert "OPENAI_API_KEY" in str(err.value) or "REPLICATE_API_TOKEN" in str(err.value)


def test_bad_brief_is_a_readable_error(h):
    with pytest.raises(gr.Error) as err:
        h["brief.write_spec"]("", *brief_values(prompt="   "), request=req())
    assert "brief" in str(err.value).lower() and "Traceback" not in str(err.value)


def test_generate_all_fills_every_tab(app, generated):
    studio, ui = app.studio, app.studio_ui
    view = studio.view(generated, None)
    assert view.state["status"] == "done" and not view.running
    assert all(p.status == "done" for p in view.phases)
    assert len(view.keyframes()) == len(view.spec.beats)
    assert set(view.clip_previews()) == set(range(len(view.spec.beats)))
    # Every tab's refresh returns one value per output and shows content, not the empty state.
    for name, fn, outs, ins in ui.refreshers:
        vals = fn(view, None, *[None] * len(ins))
        assert len(vals) == len(outs), name
    from studio.ui import phases_html
    html = phases_html(view)
    assert html.count('class="as-phase ok"') == 6 and "Exported" in html
    from studio.tabs.export import cost_table_html
    assert "Total spent" in cost_table_html(studio, view)
    assert "as-strip-beat" in strip_html(view, 0)
    thumb = studio.store.project_state(generated)["thumbnail"]
    assert thumb and Path(thumb).is_file()


def test_spec_form_round_trips_and_saves(app, h, generated):
    studio = app.studio
    spec = studio.project(generated, None).spec
    refresh = next(fn for name, fn, *_ in app.studio_ui.refreshers if name == "spec")
    view = studio.view(generated, None)
    values = refresh(view, None)
    assert values[1]["visible"] is True  # the form is shown
    form = dict(zip(["product_name", "brand", "category", "tagline", "aesthetic", "style_mood", "lighting",
                     "n_colours", "audio_style", "audio_mood", "tempo", "key", "scale", "lut", "contrast",
                     "saturation", "strength", "formats", "width", "height", "fps", "seed", "ad_length", "beats",
                     "transitions"], values[2:27]))
    form["palette"] = [v["value"] for v in values[27:33]]
    data = spec_tab.spec_from_form(spec, form)
    assert Spec.model_validate(data) == spec


def test_spec_save_shows_errors_next_to_their_fields(app, generated):
    ui = app.studio_ui
    save = ui.handlers["spec.save"]
    comps = {c.elem_id: c for c in app.blocks.values() if getattr(c, "elem_id", None)}
    spec = app.studio.project(generated, None).spec
    # Build the save payload the way Gradio does (a dict keyed by component).
    refresh = next(fn for name, fn, *_ in ui.refreshers if name == "spec")
    outputs = next(outs for name, _, outs, _ in ui.refreshers if name == "spec")
    values = refresh(app.studio.view(generated, None), None)
    data = {}
    for comp, val in zip(outputs, values):
        data[comp] = val["value"] if isinstance(val, dict) and "value" in val else val
    data[ui.pid] = generated
    data[comps["as-colour-1"]] = "not a colour"
    rows = [list(r) for r in data[comps["as-beats"]]]
    rows[0][2] = rows[0][2] + 1.0  # durations no longer add up
    data[comps["as-beats"]] = rows
    status, stamp, *errors = save(data, request=req())
    assert "Not saved" in status
    by_section = dict(zip(spec_tab.SECTIONS, errors))
    assert by_section["style"]["visible"] and "colour 1" in by_section["style"]["value"]
    assert "not a #rrggbb colour" in by_section["style"]["value"]
    assert by_section["beats"]["visible"] and "add up" in by_section["beats"]["value"]
    assert not by_section["audio"]["visible"]
    assert app.studio.project(generated, None).spec == spec  # nothing saved
    # Fixed: saves, and every error box closes.
    data[comps["as-colour-1"]] = "#112233"
    rows[0][2] = rows[0][2] - 1.0
    data[comps["as-aesthetic"]] = "bold editorial"
    status, stamp, *errors = save(data, request=req())
    assert "Saved" in status and all(not e["visible"] for e in errors)
    saved = app.studio.project(generated, None).spec
    assert saved.style.aesthetic == "bold editorial" and saved.style.palette[0] == "#112233"


def test_grade_preview_before_differs_from_after(app, generated):
    view = app.studio.view(generated, None)
    before, after = spec_tab.grade_preview(app.studio, view, "noir_mono", 1.2, 0.0, 1.0)
    import numpy as np
    from PIL import Image
    a, b = np.asarray(Image.open(before).convert("RGB")), np.asarray(Image.open(after).convert("RGB"))
    assert a.shape == b.shape and np.abs(a.astype(int) - b.astype(int)).mean() > 3
    sat = b.astype(int)
    assert np.abs(sat[..., 0] - sat[..., 1]).mean() < 1.5  # saturation 0: (nearly) grey


def test_timeline_duration_rebalances_and_bad_values_stay_inline(app, generated):
    ui = app.studio_ui
    spec = app.studio.project(generated, None).spec
    err, status, stamp = ui.handlers["timeline.duration"](generated, 1, 2.0, request=req())
    assert not err["visible"] and "rebalanced" in status
    new = app.studio.project(generated, None).spec
    assert new.beats[1].duration == 2.0 and new.duration_s == spec.duration_s
    err, status, stamp = ui.handlers["timeline.duration"](generated, 1, 99.0, request=req())
    assert err["visible"] and "can be 0.5 to" in err["value"]
    err, status, _ = ui.handlers["timeline.transition"](generated, 0, "wipe", 0.4, request=req())
    assert "wipe" in status and app.studio.project(generated, None).spec.transitions[0].type == "wipe"
    *_, beat = ui.handlers["timeline.later"](generated, 0, request=req())
    assert beat == 1 and app.studio.project(generated, None).spec.beats[1].name == spec.beats[0].name
    *_, beat = ui.handlers["timeline.earlier"](generated, 1, request=req())
    assert beat == 0 and app.studio.project(generated, None).spec.beats[0].name == spec.beats[0].name


def test_regenerate_one_beat_keeps_versions_and_can_go_back(app, generated):
    ui, studio = app.studio_ui, app.studio
    run_gen(ui.handlers["brief.generate_all"](generated, request=req()))  # outputs match the edited spec
    spec = studio.project(generated, None).spec
    cost = next(fn for name, fn, *_ in ui.refreshers if name == "chunks")(studio.view(generated, None), None, 2)
    assert "free" in cost[3 + 4]  # the cost line is shown before anything runs
    before = studio.view(generated, None).clip_previews()
    last = run_gen(ui.handlers["chunks.regenerate"](generated, 2, spec.beats[2].prompt, "orbit", "Made to last", 4242,
                                                    request=req()))
    assert "regenerated" in last[0]
    after_view = studio.view(generated, None)
    new = after_view.spec
    assert new.beats[2].seed == 4242 and new.beats[2].text == "Made to last"
    after = after_view.clip_previews()
    assert after[2] != before[2] and all(after[i] == before[i] for i in after if i != 2)
    versions = studio.store.beat_versions(generated, 2)
    assert len(versions) == 2
    from studio.tabs.chunks import version_choices
    choices, chosen = version_choices(studio, generated, 2, new)
    assert chosen == versions[-1]["id"] and "(in use)" in choices[-1][0]
    last = run_gen(ui.handlers["chunks.use_version"](generated, 2, versions[0]["id"], request=req()))
    assert "back to the chosen version" in last[0]
    assert studio.project(generated, None).spec.beats[2].seed == spec.beats[2].seed
    assert studio.view(generated, None).clip_previews()[2] == before[2]  # the old clip, reused


def test_regenerate_keyframe_changes_one_keyframe(app, generated):
    ui, studio = app.studio_ui, app.studio
    before = studio.view(generated, None).keyframes()
    last = run_gen(ui.handlers["animatic.regenerate"](generated, 1, "", request=req()))
    assert "Keyframe 2 regenerated" in last[0]
    after = studio.view(generated, None).keyframes()
    assert after[1] != before[1] and after[0] == before[0]


def test_export_renders_formats_and_shows_players(app, generated):
    ui, studio = app.studio_ui, app.studio
    last = run_gen(ui.handlers["export.render"](generated, ["16:9", "1:1"], request=req()))
    assert "Exported in" in last[0]
    view = studio.view(generated, None)
    files = {f["format"]: f for f in studio.export_files(view)}
    assert set(files) == {"16:9", "1:1"} and files["1:1"]["width"] == files["1:1"]["height"]
    refresh = next(fn for name, fn, *_ in ui.refreshers if name == "export")
    vals = refresh(view, None)
    assert vals[0]["visible"] is False  # the empty state is hidden
    assert vals[1]["visible"] and vals[3] == files["16:9"]["path"]  # 16:9 player
    with pytest.raises(gr.Error, match="at least one format"):
        run_gen(ui.handlers["export.render"](generated, [], request=req()))


def test_preview_renders_low_res_with_music(app, generated):
    last = run_gen(app.studio_ui.handlers["timeline.preview"](generated, request=req()))
    assert "Preview ready" in last[0]
    from pipeline.render.ffmpeg import probe
    info = probe(Path(last[1]["value"]))
    assert info.width == 640 and info.audio_codec is not None and info.audio_samples > 0


def test_projects_duplicate_rename_delete(app, h, generated):
    rows = app.studio.projects(None)
    assert any(r["id"] == generated for r in rows)
    cards, sel, details, status = h["projects.duplicate"](generated, generated, request=req())
    copy_id = sel["value"]
    assert copy_id != generated and "Duplicated" in status and "(copy)" in cards
    cards, sel, details, status, stamp = h["projects.rename"](copy_id, "Watches, take two", generated, request=req())
    assert "take two" in cards
    show, confirm = h["projects.ask_delete"](copy_id, request=req())
    assert show["visible"] and "Delete" in confirm
    cards, sel, details, hide, status, pid, stamp = h["projects.delete"](copy_id, generated, request=req())
    assert "Deleted" in status and pid == generated and copy_id not in cards
    with pytest.raises(NotFoundError):
        app.studio.project(copy_id, None)


def test_logins_see_only_their_own_projects(tmp_path):
    settings = Settings.from_env(environ={"ADSTUDIO_AUTH": "alice:pw1,bob:pw2"}, data_dir=str(tmp_path / "d"))
    demo = build_app(settings)
    try:
        h, studio = demo.studio_ui.handlers, demo.studio
        assert studio.auth_pairs == [("alice", "pw1"), ("bob", "pw2")]
        pid, *_ = h["brief.write_spec"]("", *brief_values(), request=req("alice"))
        assert studio.project(pid, "alice").owner == "alice"
        assert [r["id"] for r in studio.projects("bob")] == []
        with pytest.raises(gr.Error, match="does not exist"):
            h["projects.open"](pid, request=req("bob"))
        with pytest.raises(gr.Error, match="does not exist"):
            demo.studio_api["get_project"](pid, request=req("bob"))
        assert demo.studio_api["list_projects"](request=req("alice"))[0]["id"] == pid
        from studio.app import launch_kwargs
        kw = launch_kwargs(demo)
        assert kw["auth"]("alice", "pw1") and not kw["auth"]("alice", "pw2")  # the braked check
        assert any(p.endswith("adstudio.db") for p in kw["blocked_paths"])
        assert not any(Path(p) == studio.data_dir for p in kw["allowed_paths"])
        assert kw["num_workers"] == 0  # no static file workers in front of studio.gate
    finally:
        demo.close()


def test_api_endpoints_in_process(app):
    api = app.studio_api
    p = api["create_project"]("Launch of the Nova headphones", formats=["16:9"], duration_s=6, width=320,
                              height=180, request=req())
    pid = p["id"]
    assert p["spec"] is None and p["status"] == "new"
    spec = api["write_spec"](pid, request=req())
    assert spec["duration_s"] == 6
    est = api["estimate_cost"](pid, beats=[1], request=req())
    assert est["total"] == 0
    spec["beats"][0]["prompt"] = "see file:///etc/passwd"
    with pytest.raises(gr.Error, match="URL or file path"):
        api["update_spec"](pid, spec, request=req())
    status = api["generate"](pid, stop_after="animatic", request=req())
    assert status["status"] == "stopped after animatic"
    got = api["get_project"](pid, request=req())
    assert len(got["outputs"]["keyframes"]) == len(spec["beats"])
    assert got["outputs"]["keyframes"][0].startswith("artifacts/")  # an id inside the data dir, not a disk path
    with pytest.raises(gr.Error, match="beat 99 does not exist"):
        api["regenerate_beat"](pid, 99, request=req())


# --- the job runner -------------------------------------------------------------------------------


class _FakeStudio:
    def __init__(self, store, ctx):
        self.store, self._ctx = store, ctx
        self.settings = Settings.from_env(environ={}, data_dir="/tmp/unused-adstudio")

    def ctx_for(self, pid):
        return self._ctx

    def thumbnail_for(self, pid):
        return None


def test_render_slots_are_shared_and_remote_waits_are_not_limited(app):
    from studio.jobs import JobRunner
    store = app.studio.store
    remote = SimpleNamespace(remote=True)
    local = SimpleNamespace(remote=False)
    ctx = SimpleNamespace(providers=SimpleNamespace(image=local, video=remote), progress=None)
    import dataclasses

    @dataclasses.dataclass
    class Ctx:
        providers: object
        progress: object = None

        def report(self, phase, fraction, message=""):
            self.progress(phase, fraction, message)

    fake = _FakeStudio(store, Ctx(providers=ctx.providers))
    runner = JobRunner(fake, slots=1, max_waiting=1)
    pids = [app.studio.create(app.studio.make_brief("slot test", resolution=TINY), None).id for _ in range(3)]
    in_chunks = threading.Event()
    release = threading.Event()
    log: list[tuple[str, str]] = []

    def heavy_then_remote(c):
        c.report("refine", 0.0, "start")  # heavy: takes the slot
        log.append(("a", "refine"))
        c.report("chunks", 0.0, "remote wait")  # remote video: gives the slot back
        in_chunks.set()
        release.wait(5)
        c.report("export", 0.0, "mux")
        log.append(("a", "export"))

    def heavy(c):
        c.report("refine", 0.0, "start")
        log.append(("b", "refine"))

    a = runner.submit(pids[0], "generate", "A", heavy_then_remote)
    assert in_chunks.wait(5)
    b = runner.submit(pids[1], "generate", "B", heavy)
    runner.wait(b, 5)
    assert b.state == "done"  # ran while A only waited on the remote API
    with pytest.raises(InputError, match="already busy"):
        runner.submit(pids[0], "generate", "again", heavy)
    release.set()
    runner.wait(a, 5)
    assert a.state == "done" and log == [("a", "refine"), ("b", "refine"), ("a", "export")]
    assert runner.backlog()["busy"] == 0


def test_waiting_for_a_slot_is_persisted_and_a_full_queue_is_refused(app):
    from studio.jobs import JobRunner
    import dataclasses

    @dataclasses.dataclass
    class Ctx:
        providers: object
        progress: object = None

        def report(self, phase, fraction, message=""):
            self.progress(phase, fraction, message)

    local = SimpleNamespace(remote=False)
    fake = _FakeStudio(app.studio.store, Ctx(providers=SimpleNamespace(image=local, video=local)))
    runner = JobRunner(fake, slots=1, max_waiting=1)
    pids = [app.studio.create(app.studio.make_brief("queue test", resolution=TINY), None).id for _ in range(3)]
    gate = threading.Event()

    def hold(c):
        c.report("chunks", 0.0, "working")
        gate.wait(10)

    first = runner.submit(pids[0], "generate", "First", hold)
    time.sleep(0.3)
    second = runner.submit(pids[1], "generate", "Second", hold)
    deadline = time.time() + 5
    while app.studio.store.project_state(pids[1])["status"] != "waiting" and time.time() < deadline:
        time.sleep(0.05)
    state = app.studio.store.project_state(pids[1])
    assert state["status"] == "waiting" and "1 render ahead" in state["message"]
    with pytest.raises(Busy, match="render queue is full"):
        runner.submit(pids[2], "generate", "Third", hold)
    gate.set()
    runner.wait(first, 5), runner.wait(second, 5)
    assert first.state == second.state == "done"


def test_a_failed_job_is_a_message_on_the_project(app):
    pid = app.studio.create(app.studio.make_brief("failing job", resolution=TINY), None).id

    def boom(ctx):
        raise InputError("beat 2: the prompt is empty")

    job = app.studio.jobs.submit(pid, "generate", "Boom", boom)
    app.studio.jobs.wait(job, 10)
    assert job.state == "failed" and job.error == "beat 2: the prompt is empty"
    state = app.studio.store.project_state(pid)
    assert state["status"] == "failed" and state["error"] == "beat 2: the prompt is empty"


def test_app_py_help():
    out = subprocess.run([sys.executable, "app.py", "--help"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and "--share" in out.stdout and "--port" in out.stdout and "--host" in out.stdout


def test_served_over_http_with_named_api(tmp_path):
    """The real server: the client sees only the named endpoints, and they work."""
    client_mod = pytest.importorskip("gradio_client")
    from studio.app import launch
    demo = build_app(Settings.from_env(environ={}, data_dir=str(tmp_path / "data")))
    try:
        _, url, _ = launch(demo, server_name="127.0.0.1", server_port=None, prevent_thread_lock=True, quiet=True)
        client = client_mod.Client(url, verbose=False)
        named = client.view_api(return_format="dict", print_info=False)["named_endpoints"]
        assert "/create_project" in named and "/generate" in named
        assert not any(n.startswith("/app_") or "refresh" in n or "poll" in n for n in named)
        p = client.predict("Create a sleek ad for luxury watches", api_name="/create_project")
        assert client.predict(api_name="/list_projects")[0]["id"] == p["id"]
        st = client.predict(p["id"], api_name="/project_status")
        assert st["status"] == "new" and [x["phase"] for x in st["phases"]][0] == "spec"
        import httpx
        db = Path(tmp_path / "data" / "adstudio.db").resolve()
        r = httpx.get(f"{url.rstrip('/')}/gradio_api/file={db}")
        assert r.status_code in (403, 404)  # the database is never served
    finally:
        demo.close()


def test_spaces_oauth_user_owns_projects(app):
    studio = app.studio
    saved = studio.oauth
    studio.oauth = True
    try:
        signed_in = SimpleNamespace(session={"oauth_info": {"userinfo": {"preferred_username": "carol"}}})
        assert studio.owner(signed_in) == "carol"
        # A guest: the workspace of this browser's signed cookie (studio.gate sets it), none without it.
        from studio import cookies
        from studio.guests import GUEST_COOKIE, GUEST_PURPOSE
        value = cookies.sign(studio.browser_secret().encode(), GUEST_PURPOSE, "b1")
        assert studio.owner(SimpleNamespace(session={}, cookies={GUEST_COOKIE: value})) == "guest:b1"
        forged = value[:-2] + ("AA" if not value.endswith("AA") else "BB")
        with pytest.raises(NotFoundError):
            studio.owner(SimpleNamespace(session={}, cookies={GUEST_COOKIE: forged}))
        expired = SimpleNamespace(session={"oauth_info": {"userinfo": {"preferred_username": "carol"},
                                                          "expires_at": 1}}, cookies={GUEST_COOKIE: value})
        assert studio.owner(expired) == "guest:b1"  # an expired sign-in is a guest again
    finally:
        studio.oauth = saved
