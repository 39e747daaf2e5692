"""No job left behind: restarts, cancel, stalled ffmpeg, a full disk and temporary files.

Each test looks at what a person would see (a project's status and message, the answer of the
API, the file at --out) and checks that nothing finished is lost: the project resumes and
completes afterwards. Renders are small (320x180, 6 s) and ffmpeg is replaced where a test
needs it to hang or to wait, through the ADSTUDIO_FFMPEG setting."""

from __future__ import annotations

import errno
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

from pipeline import control, run  # noqa: E402
from pipeline.config import Settings  # noqa: E402
from pipeline.errors import Canceled, DiskFull, RenderError  # noqa: E402
from pipeline.render.ffmpeg import EncoderSettings, YuvWriter, concat_and_mux, encode_aac, probe  # noqa: E402
from pipeline.store import Store  # noqa: E402
from pipeline.tempfiles import is_temp, temp_path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BRIEF = dict(duration_s=6, width=320, height=180)
ACTIVE = ("queued", "waiting", "running")


# --- helpers ---------------------------------------------------------------------------------


def real_ffmpeg() -> str:
    import imageio_ffmpeg
    return imageio_ffmpeg.get_ffmpeg_exe()


def script(path: Path, body: str) -> str:
    path.write_text("#!/bin/sh\n" + body)
    path.chmod(0o755)
    return str(path)


def hanging_ffmpeg(tmp_path: Path) -> str:
    """An ffmpeg that never reads, writes or exits (a wedged encoder)."""
    return script(tmp_path / "hung-ffmpeg", "exec sleep 600\n")


def gated_ffmpeg(tmp_path: Path, gate: Path) -> str:
    """The real ffmpeg, held back while `gate` exists: a render stays mid-ffmpeg until released."""
    return script(tmp_path / "gated-ffmpeg",
                  f'while [ -e "{gate}" ]; do sleep 0.05; done\nexec "{real_ffmpeg()}" "$@"\n')


def our_children(marker: str, anyones: bool = False) -> set[int]:
    """Live child processes of this process (`anyones`: any process) whose command line contains
    `marker` (a /proc scan)."""
    found = set()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            status = Path(f"/proc/{entry}/status").read_text()
            cmdline = Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue
        fields = dict(line.split(":\t", 1) for line in status.splitlines() if ":\t" in line)
        if ((anyones or fields.get("PPid", "").strip() == str(os.getpid())) and marker in cmdline
                and not fields.get("State", "").startswith("Z")):
            found.add(int(entry))
    return found


def exists(pid: int) -> bool:
    return Path(f"/proc/{pid}").exists()


def wait_for(what: str, check, timeout: float = 60.0, every: float = 0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"timed out waiting for {what}")


def latest_runs(store: Store, pid: str) -> dict[str, str]:
    return {r["phase"]: r["status"] for r in store.phase_runs(pid)}


def temp_files(root: Path) -> list[Path]:
    return [Path(d) / n for d, _, files in os.walk(root) for n in files if is_temp(n)]


def db_is_intact(path: Path) -> bool:
    with sqlite3.connect(path) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def settings_for(tmp_path: Path, **kw) -> Settings:
    return Settings.from_env(environ={}, data_dir=str(tmp_path / "data"), **kw)


@contextmanager
def serving(settings: Settings):
    """The real studio on a free port, in this process (its ffmpeg children are ours)."""
    from studio.app import build_app, launch
    demo = build_app(settings)
    try:
        _, url, _ = launch(demo, server_name="127.0.0.1", server_port=None, prevent_thread_lock=True, quiet=True)
        yield demo, url
    finally:
        demo.close()


# --- restarts -----------------------------------------------------------------------------------


def test_restart_resumes_running_and_waiting_renders_and_says_why_others_were_not(tmp_path):
    """The store of a server that died: a render in chunks, one waiting for the slot, and five the
    new server must not resume. The first two finish by themselves, in order, reusing what was
    done; every other project says why it stopped and what to press; none stays "running"."""
    from studio.core import Prefs, Studio
    settings = settings_for(tmp_path, render_slots=1)
    ctx = run.build_context(settings)
    store = ctx.store

    def project(prompt: str, status: str, phase: str | None = None) -> str:
        pid = run.create_project(ctx, run.make_brief(prompt=prompt, **BRIEF)).id
        store.update_project(pid, status=status, current_phase=phase, progress=0.4)
        return pid

    def job(pid: str, armed: bool = True, restarts: int = 0, kind: str = "generate", tracks: bool = True) -> None:
        row = store.add_job(pid, kind, "Generate all" if tracks else "Preview", tracks, restarts)
        if armed:
            store.update_job(row, resume={"stop_after": None})

    running = project("Create a sleek ad for luxury watches", "queued")
    run.run_project(ctx, running, stop_after="references")  # it had got this far
    store.update_project(running, status="running", current_phase="chunks")
    job(running)
    waiting = project("Grand opening of Luna Bakery", "waiting", "animatic")
    job(waiting)
    not_started = project("A new flavour of cold brew", "queued")
    job(not_started, armed=False)
    from_cli = project("Handcrafted leather wallet", "running", "chunks")  # no job row: a CLI run
    hosted = project("Launch video for our e-bike", "running", "chunks")
    Prefs(tmp_path / "data" / "studio" / "prefs.json").set(hosted, "profile", "hosted")
    job(hosted)
    resumed_before = project("Black Friday sale on sofas", "running", "refine")
    job(resumed_before, restarts=1)
    previewing = project("Summer lemonade by the campfire", "done")
    store.update_project(previewing, message="Preview · refine 40%")
    job(previewing, armed=False, kind="preview", tracks=False)

    studio = Studio(settings)

    assert studio.recovery.resumed == [running, waiting]  # in the order they were started
    reasons = studio.recovery.interrupted
    assert set(reasons) == {not_started, from_cli, hosted, resumed_before, previewing}
    for pid in (running, waiting):
        job_ = studio.jobs.last(pid)
        assert job_ is not None and "resumed after a restart" in job_.label
        studio.jobs.wait(job_, 120)
        assert job_.state == "done", job_.error
        assert store.project_state(pid)["status"] == "done"
    runs = latest_runs(store, running)
    assert [runs[p] for p in ("spec", "animatic", "references")] == ["reused"] * 3  # cheap: only the rest
    assert runs["chunks"] == "succeeded"
    for pid in (not_started, from_cli, hosted, resumed_before):
        state = store.project_state(pid)
        assert state["status"] == "interrupted"
        assert "press Generate to resume" in state["error"]
    assert "hosted models" in store.project_state(hosted)["error"]
    assert "resumed once" in store.project_state(resumed_before)["error"]
    assert store.project_state(previewing)["status"] == "done"  # a preview never changed it
    assert store.project_state(previewing)["message"] == ""
    assert not [r for r in store.list_projects() if r["status"] in ACTIVE]
    assert store.unfinished_jobs() == []
    # What the page shows for an interrupted project: the reason, and that Generate resumes it.
    from studio.ui import phases_html
    html = phases_html(studio.view(not_started, None))
    assert "Interrupted" in html and "press Generate to resume" in html
    # ... and Generate does.
    job_ = studio.jobs.submit(not_started, "generate", "Generate all", lambda c: run.run_project(c, not_started))
    studio.jobs.wait(job_, 120)
    assert job_.state == "done" and store.project_state(not_started)["status"] == "done"


def test_a_studio_killed_mid_render_resumes_its_renders_when_it_starts_again(tmp_path):
    """kill -9 of a real server with one render inside ffmpeg and one waiting for the slot: the
    next server on the same data dir finishes both, reusing what the first had done."""
    client_mod = pytest.importorskip("gradio_client")
    data = tmp_path / "data"
    gate = tmp_path / "hold-ffmpeg"
    gate.touch()
    ffmpeg = gated_ffmpeg(tmp_path, gate)  # A stays in its first encoder until the kill
    env = {**os.environ, "ADSTUDIO_DATA_DIR": str(data), "ADSTUDIO_RENDER_SLOTS": "1",
           "ADSTUDIO_RENDER_WORKERS": "1", "ADSTUDIO_FFMPEG": ffmpeg, "GRADIO_ANALYTICS_ENABLED": "False"}

    def start() -> tuple[subprocess.Popen, object]:
        port = free_port()
        proc = subprocess.Popen([sys.executable, "app.py", "--port", str(port)], cwd=ROOT, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}/"

        def up():
            assert proc.poll() is None, "the studio exited"
            try:
                return client_mod.Client(url, verbose=False)
            except Exception:
                return None
        return proc, wait_for("the studio to start", up, timeout=90, every=0.5)

    first, client = start()
    try:
        a = client.predict("Create a sleek ad for luxury watches", "", ["16:9"], 6, 320, 180, 30, 0, "A", "",
                           api_name="/create_project")["id"]
        b = client.predict("Grand opening of Luna Bakery", "", ["16:9"], 6, 320, 180, 30, 0, "B", "",
                           api_name="/create_project")["id"]
        client.predict(a, "", False, api_name="/generate")
        wait_for("A to render its clips", lambda: client.predict(a, api_name="/project_status")["current_phase"]
                 == "chunks", timeout=120)
        client.predict(b, "", False, api_name="/generate")
        wait_for("B to wait for the slot",
                 lambda: client.predict(b, api_name="/project_status")["job"]["state"] == "waiting", timeout=60)
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait()
        for orphan in our_children(ffmpeg, anyones=True):  # what a reboot would take with it
            os.kill(orphan, signal.SIGKILL)
        gate.unlink()
    store = Store(data / "adstudio.db")
    assert store.project_state(a)["status"] == "running"
    assert store.project_state(b)["status"] in ("waiting", "running")  # it was in the queue

    second, client = start()
    try:
        for pid in (a, b):
            st = wait_for(f"{pid} to finish", lambda: (s := client.predict(pid, api_name="/project_status"))
                          ["status"] not in (*ACTIVE, "interrupted") and s, timeout=240, every=0.5)
            assert st["status"] == "done", st
        assert latest_runs(store, a)["references"] == "reused"  # resumed, not redone
        info = probe(Path(data / client.predict(a, api_name="/get_project")["outputs"]["exports"][0]["file"]))
        assert info.frames == 180
        assert temp_files(data) == []  # the killed renders' partial files were swept
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(30)


# --- cancel ---------------------------------------------------------------------------------------


def test_cancel_a_waiting_and_a_running_render_through_the_api(tmp_path):
    """A holds the only slot, stuck inside ffmpeg; B waits for it. Cancel B, then A: both end
    "canceled", A's ffmpeg is gone, the slot is free; then B and A run again and complete, A
    reusing what it had finished."""
    client_mod = pytest.importorskip("gradio_client")
    gate = tmp_path / "hold-ffmpeg"
    gate.touch()
    ffmpeg = gated_ffmpeg(tmp_path, gate)
    with serving(settings_for(tmp_path, render_slots=1, ffmpeg_path=ffmpeg)) as (demo, url):
        client = client_mod.Client(url, verbose=False)
        a = client.predict("Create a sleek ad for luxury watches", "", ["16:9"], 6, 320, 180, 30, 0, "A", "",
                           api_name="/create_project")["id"]
        b = client.predict("Grand opening of Luna Bakery", "", ["16:9"], 6, 320, 180, 30, 0, "B", "",
                           api_name="/create_project")["id"]
        client.predict(a, "", False, api_name="/generate")
        encoders = wait_for("A's ffmpeg to start", lambda: our_children(ffmpeg), timeout=60)
        assert client.predict(a, api_name="/project_status")["status"] == "running"
        client.predict(b, "", False, api_name="/generate")
        wait_for("B to wait for the slot",
                 lambda: client.predict(b, api_name="/project_status")["job"]["state"] == "waiting", timeout=60)

        answer = client.predict(b, api_name="/cancel")
        assert answer["state"] == "canceled" and answer["canceled"]
        assert answer["status"]["status"] == "canceled" and "press Generate to resume" in answer["message"]
        assert demo.studio.jobs.backlog()["waiting"] == 0

        encoders |= our_children(ffmpeg)
        answer = client.predict(a, api_name="/cancel")
        assert answer["state"] == "canceled"
        st = client.predict(a, api_name="/project_status")
        assert st["status"] == "canceled" and not st["running"]
        assert {p["phase"]: p["status"] for p in st["phases"]}["chunks"] == "canceled"
        assert not any(exists(pid) for pid in encoders), "a canceled render left ffmpeg running"
        assert our_children(ffmpeg) == set()
        assert demo.studio.jobs.backlog() == {"slots": 1, "busy": 0, "waiting": 0, "jobs": 0}
        assert client.predict(a, api_name="/cancel")["state"] == "idle"  # nothing left to cancel

        gate.unlink()  # ffmpeg works again
        assert client.predict(b, "", True, api_name="/generate")["status"] == "done"  # the slot was free
        assert client.predict(a, "", True, api_name="/generate")["status"] == "done"
        runs = latest_runs(demo.studio.store, a)
        assert [runs[p] for p in ("spec", "references")] == ["reused"] * 2
        # Local clips do not wait for the storyboard (run.py draws it beside them): a cancel
        # during the clips may come before it was drawn, and the resumed run draws it then.
        assert runs["animatic"] in ("reused", "succeeded")
        exported = client.predict(a, api_name="/get_project")["outputs"]["exports"][0]["file"]
        assert probe(tmp_path / "data" / exported).frames == 180


def test_cancel_button_in_the_studio_stops_the_render_it_follows(tmp_path):
    """The page's Cancel button stops the render that Generate all is following; the Generate
    handler then says it was canceled (not an error), and the button hides again."""
    from studio.app import build_app
    gate = tmp_path / "hold-ffmpeg"
    gate.touch()
    demo = build_app(settings_for(tmp_path, ffmpeg_path=gated_ffmpeg(tmp_path, gate)))
    try:
        import gradio as gr
        studio, h = demo.studio, demo.studio_ui.handlers
        req = gr.Request(username=None, session_hash="test")
        pid = studio.create(studio.make_brief("Create a sleek ad for luxury watches", resolution="320x180",
                                              duration_s=6), None).id
        said: list = []
        follower = threading.Thread(target=lambda: said.extend(h["brief.generate_all"](pid, request=req)))
        follower.start()
        wait_for("the render to reach ffmpeg", lambda: studio.store.project_state(pid)["current_phase"] == "chunks")
        header, button, _ = h["app.cancel"](pid, request=req)
        follower.join(30)
        assert "Canceled" in said[-1][0] and "press Generate to resume" in said[-1][0]
        assert button["visible"] is False and "canceled" in header.lower()
        assert studio.store.project_state(pid)["status"] == "canceled"
    finally:
        gate.unlink(missing_ok=True)
        demo.close()


def test_a_canceled_hosted_render_spends_nothing_more_and_resumes_without_paying_twice(tmp_path):
    """Hosted clips in flight when the render is canceled: no prediction is started or polled
    after the cancel, and the resumed render polls the same predictions instead of paying again."""
    from studio.core import Studio
    from tests.fakes.fixtures import FAST
    from tests.fakes.hosted import hosted_settings
    from tests.fakes.servers import FakeOpenAI, FakeReplicate
    from pipeline.providers import http

    openai, replicate = FakeOpenAI().start(), FakeReplicate().start()
    saved = http.DEFAULT_POLICY
    http.DEFAULT_POLICY = http.RetryPolicy(**FAST)
    try:
        replicate.model_latency_s = {"wan": 60.0, "musicgen": 60.0}  # clips and music stay in flight
        studio = Studio(hosted_settings(tmp_path, openai=openai, replicate=replicate))
        pid = studio.create(studio.make_brief("Create a sleek ad for luxury watches", resolution="320x180",
                                              duration_s=5), None).id
        job = studio.jobs.submit(pid, "generate", "Generate all", lambda c: run.run_project(c, pid))
        wait_for("the clips to be requested",
                 lambda: any("wan" in c["model"] for c in replicate.created), timeout=60)
        time.sleep(0.3)  # every beat's prediction started and being polled
        assert not any("wan" in c["model"] for c in replicate.answered)  # clips in flight, unpaid
        assert studio.cancel(pid, None) is job
        studio.jobs.wait(job, 15)
        assert job.state == "canceled"
        created, requests, spent = len(replicate.created), len(replicate.requests), studio.store.project_cost(pid)
        time.sleep(0.5)
        assert len(replicate.created) == created and len(replicate.requests) == requests  # nothing after
        assert studio.store.project_cost(pid) == spent

        replicate.model_latency_s = {}
        again = studio.jobs.submit(pid, "generate", "Generate all", lambda c: run.run_project(c, pid))
        studio.jobs.wait(again, 120)
        assert again.state == "done", again.error
        clips = [c for c in replicate.created if "wan" in c["model"]]
        assert len(clips) == len(studio.store.get_project(pid).spec.beats)  # polled again, not re-created
    finally:
        http.DEFAULT_POLICY = saved
        openai.stop()
        replicate.stop()


def test_after_a_cancel_no_hosted_call_and_no_pool_task_starts():
    calls: list[int] = []
    run_control = control.Control()
    with control.using(run_control):
        run_control.cancel()
        from pipeline.providers import http
        with pytest.raises(Canceled):
            http.call_with_retries(lambda: calls.append(1), lambda e: None, policy=http.DEFAULT_POLICY,
                                   provider="Replicate", what="a clip")
        with control.ThreadPool(2) as pool:
            future = pool.submit(calls.append, 2)
        with pytest.raises(Canceled):
            future.result()
    assert calls == []


# --- a stalled ffmpeg -------------------------------------------------------------------------------


def test_a_stalled_ffmpeg_is_stopped_and_the_phase_fails_as_retryable(tmp_path):
    hung = hanging_ffmpeg(tmp_path)
    ctx = run.build_context(settings_for(tmp_path, ffmpeg_path=hung, ffmpeg_stall_s=0.5))
    pid = run.create_project(ctx, run.make_brief(prompt="Create a sleek ad for luxury watches", **BRIEF)).id
    t0 = time.monotonic()
    with pytest.raises(RenderError) as failed:
        run.run_project(ctx, pid)
    assert time.monotonic() - t0 < 60
    assert failed.value.retryable
    message = str(failed.value)
    assert "ffmpeg made no progress for 0.5 s" in message and "Press Generate to try again" in message
    chunks = ctx.store.latest_phase(pid, "chunks")
    assert chunks.status == "failed" and chunks.error == message
    assert ctx.store.project_state(pid)["status"] == "failed"
    assert our_children(hung) == set()  # the stand-ins were killed, not left hanging

    # With a working ffmpeg the same project resumes where it stopped.
    fine = run.build_context(settings_for(tmp_path))
    results = run.run_project(fine, pid)
    assert [r.status for r in results[:3]] == ["reused"] * 3 and results[-1].status == "succeeded"


def test_a_stalled_one_shot_command_is_stopped_too(tmp_path):
    """A one-shot ffmpeg (here, encoding the music) that neither writes its output nor says
    anything is stopped after the stall time, with no process left behind."""
    hung = hanging_ffmpeg(tmp_path)
    wav = tmp_path / "music.wav"
    wav.write_bytes(b"RIFF")
    with control.using(control.Control(stall_s=0.4, ffmpeg=hung)):
        t0 = time.monotonic()
        with pytest.raises(RenderError, match="no progress for 0.4 s while encoding music.wav") as failed:
            encode_aac(wav, tmp_path / "music.m4a")
    assert failed.value.retryable and time.monotonic() - t0 < 10
    assert our_children(hung) == set() and temp_files(tmp_path) == []


def test_a_stalled_decoder_is_stopped_too(tmp_path):
    """Decoding a clip (re-used beats, hosted clips) with an ffmpeg that never sends a frame is
    stopped after the stall time, with no process left behind."""
    from pipeline.render.ffmpeg import decode_yuv

    hung = hanging_ffmpeg(tmp_path)
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(b"\0" * 16)
    with control.using(control.Control(stall_s=0.4, ffmpeg=hung)):
        t0 = time.monotonic()
        with pytest.raises(RenderError, match="no progress for 0.4 s while decoding clip.mp4") as failed:
            list(decode_yuv(clip, 64, 36))
    assert failed.value.retryable and time.monotonic() - t0 < 10
    assert our_children(hung) == set()


def test_a_slow_frame_source_is_not_a_stall(tmp_path):
    """Time spent making the next frame is ours, not ffmpeg's: an encoder waiting for frames
    longer than the stall time is left alone."""
    with control.using(control.Control(stall_s=0.3)):
        with YuvWriter(tmp_path / "slow.mp4", 64, 64, 30, EncoderSettings()) as writer:
            for _ in range(3):
                writer.write(bytes(64 * 64 * 3 // 2))
                time.sleep(0.5)
    assert probe(tmp_path / "slow.mp4").frames == 3


# --- a full disk ---------------------------------------------------------------------------------


def _studio(tmp_path: Path):
    from studio.core import Studio
    settings = settings_for(tmp_path)
    studio = Studio(settings)
    pid = studio.create(studio.make_brief("Create a sleek ad for luxury watches", resolution="320x180",
                                          duration_s=6), None).id
    return studio, settings, pid


def _generate(studio, pid):
    job = studio.jobs.submit(pid, "generate", "Generate all", lambda c: run.run_project(c, pid))
    studio.jobs.wait(job, 120)
    return job


def test_a_full_disk_while_rendering_says_what_to_free_and_the_project_resumes(tmp_path, monkeypatch):
    studio, settings, pid = _studio(tmp_path)

    def full(self, frame):
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as m:
        m.setattr(YuvWriter, "write", full)
        job = _generate(studio, pid)
    expected = f"The disk is full: free space in {settings.data_dir} and press Generate to resume"
    assert job.state == "failed" and job.error.startswith(expected)
    assert "OSError" not in job.error and "Errno" not in job.error
    state = studio.store.project_state(pid)
    assert state["status"] == "failed" and state["error"].startswith(expected)
    assert studio.store.latest_phase(pid, "chunks").error.startswith(expected)
    assert db_is_intact(tmp_path / "data" / "adstudio.db")
    assert temp_files(tmp_path / "data") == []  # no partial clip left behind

    job = _generate(studio, pid)  # space freed: Generate resumes
    assert job.state == "done" and studio.store.project_state(pid)["status"] == "done"
    assert latest_runs(studio.store, pid)["animatic"] == "reused"


def test_a_full_disk_during_a_database_write_keeps_the_database_intact(tmp_path, monkeypatch):
    studio, settings, pid = _studio(tmp_path)
    original = Store.write
    failing = {"on": False}

    @contextmanager
    def write(self):
        with original(self) as db:
            yield db
            if failing["on"]:  # the transaction's writes are done; the disk fills as it commits
                raise sqlite3.OperationalError("database or disk is full")

    def record_artifact(self, *args, **kwargs):
        failing["on"] = True
        try:
            return original_record(self, *args, **kwargs)
        finally:
            failing["on"] = False

    original_record = Store.record_artifact
    with monkeypatch.context() as m:
        m.setattr(Store, "write", write)
        m.setattr(Store, "record_artifact", record_artifact)
        job = _generate(studio, pid)
    assert job.state == "failed"
    assert job.error.startswith(f"The disk is full: free space in {settings.data_dir} and press Generate")
    assert db_is_intact(tmp_path / "data" / "adstudio.db")
    reopened = Store(tmp_path / "data" / "adstudio.db")
    assert reopened.get_project(pid).spec is not None  # everything committed before is there
    assert reopened.project_state(pid)["status"] == "failed"

    job = _generate(studio, pid)
    assert job.state == "done", job.error


def test_store_turns_a_full_disk_into_disk_full(tmp_path, monkeypatch):
    store = Store(tmp_path / "data" / "adstudio.db")
    original = Store.write

    @contextmanager
    def write(self):
        with original(self) as db:
            yield db
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Store, "write", write)
    with pytest.raises(DiskFull, match=r"The disk is full: free space in .*data and press Generate to resume"):
        store.create_project(run.make_brief(prompt="a mug"))
    monkeypatch.undo()
    assert store.list_projects() == []  # rolled back whole


# --- temporary files -------------------------------------------------------------------------------


def test_temporary_files_of_killed_renders_are_removed_at_start(tmp_path):
    from studio.core import Studio
    data = tmp_path / "data"
    dead = subprocess.Popen(["true"])
    dead.wait()
    live = subprocess.Popen(["sleep", "30"])
    try:
        clip = data / "artifacts" / "clip" / "ab" / "abcdef"
        exports = data / "exports" / "p1"
        for folder in (clip, exports, data / "studio"):
            folder.mkdir(parents=True)
        keep = [clip / "body.mp4", clip / ".keepme", exports / "ad_16x9.mp4",
                clip / f".head.mp4.{live.pid}.1402.tmp",  # a live process is still writing it
                data / "studio" / ".prefs.json.0f1e2d3c.tmp"]  # no process id, and fresh
        stale = [clip / f".body.mp4.{dead.pid}.140234.tmp",  # a killed frame writer's partial clip
                 exports / f".ad_16x9.mp4.{dead.pid}-0123abcd.tmp.mp4",  # a killed export's partial MP4
                 clip / f".preview.mp4.{dead.pid}-89abcdef.tmp.concat.txt",
                 data / "studio" / ".secret.a1b2c3d4.tmp"]  # no process id, and old
        for f in keep + stale:
            f.write_bytes(b"x" * 100)
        old = time.time() - 2 * 3600
        os.utime(stale[-1], (old, old))

        studio = Studio(settings_for(tmp_path))

        assert studio.recovery.removed_files == len(stale)
        assert all(f.exists() for f in keep)
        assert not any(f.exists() for f in stale)
    finally:
        live.kill()
        live.wait()


def test_out_copy_is_atomic(tmp_path, monkeypatch, capsys):
    """--out never holds a partial file: a copy that fails midway leaves the previous file (and
    no temporary one), says where the export is, and the next run writes the whole file."""
    from pipeline import cli
    out = tmp_path / "share" / "ad.mp4"
    out.parent.mkdir()
    out.write_bytes(b"the previous ad")
    from types import SimpleNamespace

    def copy_half_then_fill_the_disk(src, dst):
        data = Path(src).read_bytes()
        Path(dst).write_bytes(data[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    data_dir = str(tmp_path / "data")
    monkeypatch.setattr(cli, "shutil", SimpleNamespace(copyfile=copy_half_then_fill_the_disk))
    code = cli.main(["Create a sleek ad for luxury watches", "--size", "320x180", "--duration", "6", "--quiet",
                     "--out", str(out), "--data-dir", data_dir])
    err = capsys.readouterr().err
    assert code == 1
    assert f"could not write {out} (the disk is full); nothing was left there" in err
    assert out.read_bytes() == b"the previous ad"
    assert sorted(p.name for p in out.parent.iterdir()) == ["ad.mp4"]
    pid = err.split("project ")[1].split()[0]
    kept = err.split("export is kept at ")[1].split()[0]
    assert Path(kept).is_file()

    monkeypatch.undo()
    assert cli.main(["--project", pid, "--out", str(out), "--data-dir", data_dir, "--quiet"]) == 0
    assert out.read_bytes() == Path(kept).read_bytes()
    assert sorted(p.name for p in out.parent.iterdir()) == ["ad.mp4"]


def test_concurrent_writers_of_one_file_never_share_a_temporary_name(tmp_path):
    """Two projects can assemble the same cached file at once: each writes its own temporary file
    and the one renamed last wins whole, never a mix of both."""
    names: set[Path] = set()
    lock = threading.Lock()

    def many() -> None:
        mine = {temp_path(tmp_path / "ad.mp4") for _ in range(200)}
        with lock:
            names.update(mine)

    threads = [threading.Thread(target=many) for _ in range(8)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert len(names) == 1600
    assert all(str(os.getpid()) in p.name and p.name.endswith(".tmp.mp4") for p in names)

    segments = []
    for k in range(2):
        seg = tmp_path / f"seg{k}.mp4"
        with YuvWriter(seg, 64, 64, 30, EncoderSettings(preset="ultrafast")) as w:
            for _ in range(15):
                w.write(bytes([40 + 80 * k]) * (64 * 64 * 3 // 2))
        segments.append(seg)
    out = tmp_path / "joined.mp4"
    errors: list[BaseException] = []

    def join() -> None:
        try:
            concat_and_mux(segments, None, out, 30)
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=join) for _ in range(6)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert errors == []
    assert probe(out).frames == 30
    assert temp_files(tmp_path) == []
