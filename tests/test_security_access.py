"""Who may fetch what, over real HTTP against a running studio.

- Project files go only to their owner: every file URL a project shows its owner (in the API's
  answers and in the UI's components) answers 200 to the owner and is refused to another
  signed-in user, to nobody signed in, and to everyone once the project is deleted.
- A tampered brief cannot name someone else's upload as its own logo.
- Guests on a Space (Hugging Face sign-in mode) each get their own workspace.
- Wrong passwords slow sign-in down (per account, per address), the right one works after the
  wait, other accounts and a browser that signed in before are not held up.
- On a Space, data goes to persistent storage (/data) by default, and without it the page says
  projects will be lost.

Renders are the suite's cheapest: 6 s at 320x180."""

from __future__ import annotations

import math
import os
import re
import socket
import time
from pathlib import Path
from urllib.parse import unquote

import pytest

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

gr = pytest.importorskip("gradio")
httpx = pytest.importorskip("httpx")
gradio_client = pytest.importorskip("gradio_client")

import numpy as np  # noqa: E402
from gradio import processing_utils  # noqa: E402
from PIL import Image  # noqa: E402

import pipeline.config as config  # noqa: E402
from pipeline.config import Settings  # noqa: E402
from studio.app import build_app, launch  # noqa: E402

AUTH = "alice:pw-alice-1,bob:pw-bob-2,carol:pw-carol-3"
PASSWORDS = {"alice": "pw-alice-1", "bob": "pw-bob-2", "carol": "pw-carol-3"}
TINY = "Tiny · 320×180"
BRIEF = "Create a sleek ad for luxury watches"
FILE_COMPONENTS = (gr.Image, gr.Video, gr.Gallery, gr.ImageSlider, gr.DownloadButton, gr.File, gr.Audio)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(data: Path, environ: dict[str, str]):
    demo = build_app(Settings.from_env(environ=environ, data_dir=str(data)))
    _, url, _ = launch(demo, server_name="127.0.0.1", server_port=_free_port(), prevent_thread_lock=True, quiet=True)
    return demo, url.rstrip("/")


def login(url: str, user: str, password: str, client: httpx.Client | None = None) -> httpx.Response:
    return (client or httpx).post(f"{url}/login", data={"username": user, "password": password})


def session(url: str, user: str) -> httpx.Client:
    """A signed-in HTTP session, as a browser has after the login page."""
    client = httpx.Client(timeout=60)
    assert login(url, user, PASSWORDS[user], client).status_code == 200
    return client


def req(user: str) -> gr.Request:
    return gr.Request(username=user, session_hash=f"test-{user}")


def _image(path: Path, colour: tuple[int, int, int]) -> Path:
    arr = np.full((240, 240, 3), 250, np.uint8)
    arr[40:200, 70:170] = colour
    Image.fromarray(arr).save(path)
    return path


# --- files go only to their owner --------------------------------------------------------------


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    demo, url = _serve(tmp_path_factory.mktemp("access") / "data", {"ADSTUDIO_AUTH": AUTH})
    yield demo, url
    demo.close()


def ui_file_urls(demo, pid: str, user: str) -> set[str]:
    """Every file URL the studio's tabs hand alice's browser for this project: the refresh
    every tab renders from, each value put through its component exactly as Gradio does."""
    ui = demo.studio_ui
    outputs = [c for _, _, outs, _ in ui.refreshers for c in outs]
    extra = {c for _, _, _, ins in ui.refreshers for c in ins}
    values = ui.handlers["app.refresh"]({ui.pid: pid, ui.stamp: "", **{c: None for c in extra}}, request=req(user))
    urls: set[str] = set()

    def walk(x):
        if isinstance(x, dict):
            if isinstance(x.get("url"), str) and "/gradio_api/file=" in x["url"]:
                urls.add(x["url"])
            for v in x.values():
                walk(v)
        elif isinstance(x, (list, tuple)):
            for v in x:
                walk(v)

    running = processing_utils.LocalContext.blocks.set(demo)  # Gradio's checks run as in a request
    try:
        for component, value in zip(outputs, values):
            if isinstance(value, dict) and value.get("__type__") == "update":
                if "value" not in value:
                    continue
                value = value["value"]
            if value is None or not isinstance(component, FILE_COMPONENTS):
                continue
            walk(processing_utils.move_files_to_cache(component.postprocess(value), component, postprocess=True))
    finally:
        processing_utils.LocalContext.blocks.reset(running)
    return urls


@pytest.fixture(scope="module")
def alice_project(server, tmp_path_factory):
    """alice's project, rendered through the API with a logo and a product photo, plus the
    preview, the waveform and the grade preview the tabs make; and every file URL she sees."""
    demo, url = server
    client = gradio_client.Client(url, auth=("alice", PASSWORDS["alice"]), verbose=False)
    pid = client.predict(BRIEF, formats=["16:9", "1:1"], duration_s=6, width=320, height=180,
                         api_name="/create_project")["id"]
    # Uploads come from the Brief tab's form.
    pics = tmp_path_factory.mktemp("pics")
    values = ["Watches", BRIEF, "", str(_image(pics / "logo.png", (20, 90, 200))),
              str(_image(pics / "product.png", (180, 40, 60))), ["16:9", "1:1"], 6, TINY, 30, 0, "local"]
    demo.studio_ui.handlers["brief.prepare"](pid, *values, request=req("alice"))
    assert client.predict(pid, api_name="/generate")["status"] == "done"
    preview = client.predict(pid, api_name="/render_preview")["file"]
    got = client.predict(pid, api_name="/get_project")["outputs"]
    files = {*got["keyframes"], got["style_guide"], got["music"], got["poster"], preview,
             *got["clips"].values(), *(e["file"] for e in got["exports"])}
    # The API names files by id; download_file hands out each one's URL (a client that does not
    # download shows the URL it would fetch).
    links = gradio_client.Client(url, auth=("alice", PASSWORDS["alice"]), verbose=False, download_files=False)
    api_urls = {links.predict(pid, f, api_name="/download_file")["url"].removeprefix(url) for f in files}
    urls = sorted(api_urls | ui_file_urls(demo, pid, "alice"))
    return pid, urls, client.cookies


def test_every_file_goes_to_its_owner_and_nobody_else(server, alice_project):
    demo, url = server
    pid, urls, alice_cookies = alice_project
    paths = [unquote(u.split("/gradio_api/file=", 1)[1]) for u in urls]
    rel = [str(Path(p).resolve().relative_to(demo.studio.data_dir)) for p in paths]
    # What the project shows, by kind: renders, exports, the poster, keyframes, music, the
    # style guide, the preview, the timeline's waveform, the grade preview and both uploads.
    for kind in (r"^artifacts/clip/", r"^artifacts/export/.*ad_16x9\.mp4$", r"^artifacts/export/.*ad_1x1\.mp4$",
                 r"^exports/\w+/poster\.png$", r"^artifacts/keyframe/", r"^artifacts/music/",
                 r"^artifacts/style_guide/", r"^exports/\w+/preview\.mp4$", r"^studio/previews/\w+/wave_",
                 r"^studio/previews/\w+/grade_", r"^uploads/\w+/logo\.png$", r"^uploads/\w+/product\.png$"):
        assert any(re.search(kind, r) for r in rel), f"no file like {kind} in {rel}"

    alice = httpx.Client(cookies=alice_cookies, timeout=60)
    bob = session(url, "bob")
    nobody = httpx.Client(timeout=60)
    for u, path in zip(urls, paths):
        mine = alice.get(url + u)
        assert mine.status_code == 200, u
        assert mine.content == Path(path).read_bytes(), u
        assert bob.get(url + u).status_code in (403, 404), u
        assert nobody.get(url + u).status_code in (401, 403, 404), u
        # The same file by the other spelling Gradio's router accepts: the same answers.
        other = f"{url}/gradio_api/file/{path}"
        assert bob.get(other).status_code in (403, 404) and alice.get(other).status_code == 200, u
    # Video players seek with ranged requests; the owner gets them.
    clip = next(u for u in urls if u.endswith(".mp4"))
    part = alice.get(url + clip, headers={"Range": "bytes=0-99"})
    assert part.status_code == 206 and len(part.content) == 100
    # The store itself is never a file anyone can fetch, nor a path that climbs out of a project.
    data = demo.studio.data_dir
    assert alice.get(f"{url}/gradio_api/file={data / 'adstudio.db'}").status_code in (403, 404)
    sneaky = f"{data}/exports/{pid}/%2E%2E/%2E%2E/adstudio.db"  # encoded, so the client keeps the dots
    assert alice.get(f"{url}/gradio_api/file={sneaky}").status_code in (403, 404)
    # A path that climbs out of bob's reach into alice's project is still alice's file.
    climb = f"{data}/exports/nothing/%2E%2E/%2E%2E/{Path(paths[0]).relative_to(data)}"
    assert bob.get(f"{url}/gradio_api/file={climb}").status_code in (403, 404)
    assert alice.get(f"{url}/gradio_api/file={climb}").status_code == 200


def test_a_tampered_brief_cannot_take_another_users_upload(server, alice_project):
    demo, _ = server
    pid = alice_project[0]
    logo = demo.studio.project(pid, "alice").brief.logo_path
    assert logo and Path(logo).is_file()
    values = ["Mine now", BRIEF, "", logo, None, ["16:9"], 6, TINY, 30, 0, "local"]
    with pytest.raises(gr.Error, match="not one of your uploads"):
        demo.studio_ui.handlers["brief.prepare"]("", *values, request=req("bob"))
    assert demo.studio.projects("bob") == []


def test_a_deleted_projects_files_are_refused_to_everyone(server, alice_project):
    """Runs last in this module: it deletes alice's project."""
    demo, url = server
    pid, urls, alice_cookies = alice_project
    client = gradio_client.Client(url, auth=("alice", PASSWORDS["alice"]), verbose=False)
    assert client.predict(pid, api_name="/delete_project")["deleted"] is True
    alice = httpx.Client(cookies=alice_cookies, timeout=60)
    for u in urls:
        assert alice.get(url + u).status_code in (403, 404), u
    data = demo.studio.data_dir
    for folder in (data / "exports" / pid, data / "uploads" / pid, data / "studio" / "previews" / pid):
        assert not folder.exists(), folder  # its own folders are gone, not just hidden


# --- guests on a Space ---------------------------------------------------------------------------


def test_each_guest_browser_has_its_own_workspace(tmp_path):
    """Hugging Face sign-in mode, simulated: Gradio's OAuth routes need a Space, so the studio is
    switched to that mode after building; guests are what is tested (signed-in Hugging Face
    users own projects by name, see test_studio)."""
    demo = build_app(Settings.from_env(environ={}, data_dir=str(tmp_path / "data")))
    demo.studio.oauth = True
    _, url, _ = launch(demo, server_name="127.0.0.1", server_port=_free_port(), prevent_thread_lock=True, quiet=True)
    url = url.rstrip("/")
    try:
        browsers = [httpx.Client(timeout=60) for _ in range(2)]
        for b in browsers:
            assert b.get(url + "/").status_code == 200
            assert b.cookies.get("adstudio-guest")
        one, two = (gradio_client.Client(url, verbose=False, httpx_kwargs={"cookies": dict(b.cookies)})
                    for b in browsers)
        pid = one.predict(BRIEF, duration_s=6, width=320, height=180, api_name="/create_project")["id"]
        one.predict(pid, "animatic", api_name="/generate")
        first = one.predict(pid, api_name="/get_project")["outputs"]["keyframes"][0]
        keyframe = f"/gradio_api/file={demo.studio.data_dir / first}"
        assert [p["id"] for p in one.predict(api_name="/list_projects")] == [pid]
        assert two.predict(api_name="/list_projects") == []
        with pytest.raises(Exception, match="does not exist"):
            two.predict(pid, api_name="/get_project")
        assert browsers[0].get(url + keyframe).status_code == 200
        assert browsers[1].get(url + keyframe).status_code == 404
        assert httpx.get(url + keyframe).status_code == 404  # a new browser is a new guest
        assert demo.studio.store.get_project(pid).owner.startswith("guest:")
    finally:
        demo.close()


# --- the login brake ----------------------------------------------------------------------------


@pytest.fixture
def login_server(tmp_path):
    demo, url = _serve(tmp_path / "data", {"ADSTUDIO_AUTH": AUTH})
    yield url
    demo.close()


def _wait_of(r: httpx.Response) -> int:
    assert r.status_code == 429, r.text
    m = re.search(r"Wait (\d+) s", r.json()["detail"])
    assert m and "Too many failed sign-ins" in r.json()["detail"]
    assert r.headers["Retry-After"] == m.group(1)
    return int(m.group(1))


def test_wrong_passwords_slow_sign_in_down_and_the_right_one_works_after_the_wait(login_server):
    url = login_server
    # 300 guesses as fast as one client can send them: only the first few are even checked
    # (one more each time a wait runs out: after 1 s, then 2 s more, ...).
    with httpx.Client(timeout=60) as c:
        t0 = time.monotonic()
        codes = [login(url, "carol", f"guess-{i}", c).status_code for i in range(300)]
        burst = time.monotonic() - t0
    checked = codes.count(400)
    assert codes[:5] == [400] * 5 and codes.count(429) == 300 - checked
    assert checked <= 5 + math.floor(math.log2(burst + 1)), (checked, burst)

    for i in range(5):
        assert login(url, "alice", f"guess-{i}").status_code == 400
    wait = _wait_of(login(url, "alice", PASSWORDS["alice"]))  # the right password, too early
    assert login(url, "bob", PASSWORDS["bob"]).status_code == 200  # another account is not held up
    time.sleep(wait + 0.2)
    assert login(url, "alice", PASSWORDS["alice"]).status_code == 200
    # A success forgets the failures: one slip later is just a wrong password.
    assert login(url, "alice", "slip").status_code == 400
    assert login(url, "alice", PASSWORDS["alice"]).status_code == 200

    # The waits grow: 5 failures -> 1 s; one more after it -> 2 s.
    for i in range(5):
        assert login(url, "alice", f"again-{i}").status_code == 400
    assert _wait_of(login(url, "alice", PASSWORDS["alice"])) == 1
    time.sleep(1.2)
    assert login(url, "alice", "and-again").status_code == 400
    assert _wait_of(login(url, "alice", PASSWORDS["alice"])) == 2


def test_guessing_from_one_address_is_braked_but_a_known_browser_still_signs_in(login_server):
    url = login_server
    known = httpx.Client(timeout=60)  # bob's own browser: he signed in here before
    assert login(url, "bob", PASSWORDS["bob"], known).status_code == 200
    assert known.cookies.get("adstudio-device")
    # Someone at this address sprays guesses over many names, then at bob's.
    for i in range(20):
        assert login(url, f"user{i}", "123456").status_code == 400
    assert _wait_of(login(url, "carol", "123456")) >= 1  # the address now waits, whatever the name
    assert _wait_of(login(url, "bob", PASSWORDS["bob"])) >= 1  # so does a browser bob never used
    for i in range(10):
        login(url, "bob", f"guess-{i}")
    # bob's own browser is not locked out by any of it.
    assert login(url, "bob", PASSWORDS["bob"], known).status_code == 200


# --- Hugging Face Spaces storage ------------------------------------------------------------------------


SPACE_ENV = {"SYSTEM": "spaces", "SPACE_ID": "someone/adstudio"}


def test_on_a_space_data_goes_to_persistent_storage_by_default(tmp_path, monkeypatch):
    storage = tmp_path / "data"
    monkeypatch.setattr(config, "SPACES_STORAGE", storage)
    assert Settings.from_env(environ=dict(SPACE_ENV)).data_dir == Path("data")  # no storage attached
    storage.mkdir()
    assert Settings.from_env(environ=dict(SPACE_ENV)).data_dir == storage / "adstudio"
    chosen = {**SPACE_ENV, "ADSTUDIO_DATA_DIR": str(tmp_path / "mine")}
    assert Settings.from_env(environ=chosen).data_dir == tmp_path / "mine"  # an explicit choice wins
    assert Settings.from_env(environ={}).data_dir == Path("data")  # off Spaces nothing changes


@pytest.mark.parametrize("storage_attached", [False, True])
def test_a_space_without_persistent_storage_says_so_in_the_page(tmp_path, monkeypatch, storage_attached):
    storage = tmp_path / "storage"
    if storage_attached:
        storage.mkdir()
    monkeypatch.setattr(config, "SPACES_STORAGE", storage)
    with monkeypatch.context() as env:  # only while building: Gradio itself behaves differently on a Space
        for k, v in SPACE_ENV.items():
            env.setenv(k, v)
        env.delenv("ADSTUDIO_DATA_DIR", raising=False)
        env.delenv("OAUTH_CLIENT_ID", raising=False)
        settings = Settings.from_env()
        assert settings.data_dir == (storage / "adstudio" if storage_attached else Path("data"))
        if not storage_attached:
            settings = settings.model_copy(update={"data_dir": tmp_path / "ephemeral"})
        demo = build_app(settings)
    _, url, _ = launch(demo, server_name="127.0.0.1", server_port=_free_port(), prevent_thread_lock=True, quiet=True)
    try:
        page = httpx.get(url.rstrip("/") + "/config", timeout=60).text
        said = "Projects are not kept" in page and "lost when it restarts" in page
        assert said is (not storage_attached)
    finally:
        demo.close()
