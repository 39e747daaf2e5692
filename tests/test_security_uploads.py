"""Hardening the doors (issue 9, parts 1, 4 and 5), checked the way a person or a script meets them.

The studio runs for real on a free localhost port. Uploads go the browser's way: the file is
posted to Gradio's upload route, then the Brief tab's own upload event and "prepare" event are
called through Gradio's queue, and what came back (the field's new value, the message, the
toast) is what the person would see. Scripts use gradio_client against the named API, and the
CLI runs as a subprocess. Every picture is made here with Pillow.

Peak memory for a 36-megapixel (7360x4912) PNG, measured in a subprocess on the 2-core
development machine as VmHWM minus the same process's peak after its imports: before this
change, normalising it (references.normalise, with or without keying) took 413 MB (475 MB peak
RSS), and keying a 2048 px photo that its product fills took about 660 MB; now storing the
upload takes 160 MB and normalising it with its backdrop keyed out 160 MB (decoding the
full-size PNG is the peak), and the filled 2048 px photo keys in about 160 MB.
"""

from __future__ import annotations

import io
import json
import logging
import os
import re
import socket
import struct
import subprocess
import sys
import textwrap
import time
import uuid
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import ExifTags, Image, ImageCms
from PIL.PngImagePlugin import PngInfo

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

gr = pytest.importorskip("gradio")
client_mod = pytest.importorskip("gradio_client")
httpx = pytest.importorskip("httpx")

from pipeline import run, uploads  # noqa: E402
from pipeline.config import Settings  # noqa: E402
from pipeline.errors import InputError  # noqa: E402
from studio.app import build_app, launch  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ASK = "upload a PNG, JPEG or WEBP"
SECRET_TAIL = b"--TRAILING-SECRET-BYTES--" * 40
# What a message must never show a person: temporary folders and exception class names.
LEAKS = re.compile(r"/tmp/|gradio/|Traceback|[A-Z][A-Za-z]*(Error|Exception)\b")


# --- pictures, made here --------------------------------------------------------------------------


def png_bytes(size=(240, 160), mode="RGBA", text: str | None = None) -> bytes:
    arr = np.zeros((size[1], size[0], 4), np.uint8)
    arr[..., 0] = np.linspace(0, 255, size[0], dtype=np.uint8)[None, :]
    arr[..., 1] = 120
    arr[..., 2] = np.linspace(255, 0, size[1], dtype=np.uint8)[:, None]
    arr[..., 3] = 255
    arr[size[1] // 4: size[1] * 3 // 4, size[0] // 4: size[0] * 3 // 4, 3] = 0  # a transparent window
    img = Image.fromarray(arr, "RGBA").convert(mode)
    info = PngInfo()
    if text:
        info.add_text("Comment", text)
    buf = io.BytesIO()
    img.save(buf, "PNG", pnginfo=info)
    return buf.getvalue()


def jpeg_with_gps(size=(320, 200), orientation: int = 6) -> bytes:
    """A phone photo: GPS position, camera make, an orientation tag, XMP, an ICC profile, and
    bytes after the image's end."""
    rgb = np.zeros((size[1], size[0], 3), np.uint8)
    rgb[..., 0] = 200
    rgb[..., 1] = np.linspace(40, 220, size[0], dtype=np.uint8)[None, :]
    rgb[..., 2] = 60
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.IFD.GPSInfo] = {ExifTags.GPS.GPSLatitudeRef: "N", ExifTags.GPS.GPSLatitude: (51.0, 30.0, 12.5),
                                  ExifTags.GPS.GPSLongitudeRef: "W", ExifTags.GPS.GPSLongitude: (0.0, 7.0, 39.0)}
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description photoshop:City="Home"/></rdf:RDF></x:xmpmeta>'
    buf = io.BytesIO()
    Image.fromarray(rgb).save(buf, "JPEG", quality=92, exif=exif, icc_profile=icc, xmp=xmp)
    return buf.getvalue() + SECRET_TAIL


def svg_bytes() -> bytes:
    return (b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">'
            b'<script>alert(document.cookie)</script><rect width="100" height="100" fill="red"/></svg>')


def bomb_png(width: int, height: int) -> bytes:
    """A grey PNG whose header claims width x height, compressed from zeros a row at a time (a few
    hundred kB on disk, width x height bytes once decoded)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    packer = zlib.compressobj(9)
    row = bytes(width + 1)  # filter byte + pixels
    body = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", body) + chunk(b"IEND", b""))


def big_png(path: Path, size=(7360, 4912)) -> None:
    """A 36-megapixel product shot: a red bottle on a light, slightly graded studio backdrop."""
    w, h = size
    img = np.empty((h, w, 3), np.uint8)
    img[..., 0] = (238 + 12 * np.linspace(0, 1, w, dtype=np.float32))[None, :].astype(np.uint8)
    img[..., 1] = (238 + 12 * np.linspace(0, 1, h, dtype=np.float32))[:, None].astype(np.uint8)
    img[..., 2] = 244
    yy, xx = np.ogrid[:h, :w]
    img[((xx - w / 2) / (w / 5)) ** 2 + ((yy - h / 2) / (h / 3)) ** 2 < 1] = (180, 40, 60)
    Image.fromarray(img).save(path)


# --- the running studio and the browser's way of calling it ---------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Browser:
    """Calls the studio the way its page does: uploads to Gradio, then the Brief tab's events
    through the queue, reading the answer from the event stream."""

    def __init__(self, url: str, demo) -> None:
        self.url, self.demo = url.rstrip("/"), demo
        self.http = httpx.Client(timeout=120)

    def upload(self, name: str, data: bytes) -> dict:
        r = self.http.post(f"{self.url}/gradio_api/upload", files={"files": (name, data, "application/octet-stream")})
        r.raise_for_status()
        return {"path": r.json()[0], "orig_name": name, "meta": {"_type": "gradio.FileData"}}

    def event(self, handler: str, data: list) -> tuple[list | None, str | None, list[str]]:
        """(outputs, error message, toast messages) of the UI event wired to `handler`."""
        fn = self.demo.studio_ui.handlers[handler]
        index = next(i for i, f in self.demo.fns.items() if f.fn is fn)
        session = uuid.uuid4().hex[:12]
        r = self.http.post(f"{self.url}/gradio_api/queue/join",
                           json={"data": data, "fn_index": index, "session_hash": session, "event_data": None,
                                 "trigger_id": None})
        r.raise_for_status()
        toasts: list[str] = []
        with self.http.stream("GET", f"{self.url}/gradio_api/queue/data", params={"session_hash": session}) as s:
            for line in s.iter_lines():
                if not line.startswith("data:"):
                    continue
                msg = json.loads(line[5:])
                if msg.get("msg") == "log":
                    toasts.append(msg.get("log", ""))
                if msg.get("msg") == "process_completed":
                    out = msg.get("output") or {}
                    if msg.get("success"):
                        return out.get("data"), None, toasts
                    return None, out.get("error") or "failed", toasts
        raise AssertionError("the event stream ended without an answer")

    def fetch(self, path: str) -> httpx.Response:
        return self.http.get(f"{self.url}/gradio_api/file={path}")


def brief_form(logo=None, product=None, prompt="A perfume called Rouge") -> list:
    # pid, name, prompt, template, logo, product, formats, duration, resolution, fps, seed, profile
    return ["", "", prompt, "", logo, product, ["16:9"], 6, "Tiny · 320×180", 30, 0, "local"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data = tmp_path_factory.mktemp("secure") / "data"
    demo = build_app(Settings.from_env(environ={}, data_dir=str(data)))
    try:
        _, url, _ = launch(demo, server_name="127.0.0.1", server_port=_free_port(), prevent_thread_lock=True,
                           quiet=True)
        yield SimpleServer(url, demo, Path(demo.studio.data_dir))
    finally:
        demo.close()


class SimpleServer:
    def __init__(self, url: str, demo, data_dir: Path) -> None:
        self.url, self.demo, self.data_dir = url, demo, data_dir
        self.browser = Browser(url, demo)
        self.client = client_mod.Client(url, verbose=False)

    def api_error(self, *args, api_name: str, **kwargs) -> str:
        with pytest.raises(client_mod.exceptions.AppError) as err:
            self.client.predict(*args, api_name=api_name, **kwargs)
        return str(err.value)


def _stored(server: SimpleServer, pid: str) -> list[Path]:
    return sorted((server.data_dir / "uploads" / pid).iterdir())


# --- 1. an upload never becomes a page, nor keeps what the person did not mean to send ------------


def test_html_named_png_is_kept_as_a_clean_png_and_never_served_as_html(server):
    b = server.browser
    poly = png_bytes(text="<script>alert(1)</script>") + b"<html><script>alert(document.cookie)</script></html>"
    sent = b.upload("poly.html", poly)
    assert "html" not in b.fetch(sent["path"]).headers.get("content-type", "")  # Gradio's copy: a download at most

    out, error, _ = b.event("brief.upload_logo", [sent])
    assert error is None
    clean, status = out
    assert clean["path"].endswith("/logo.png") and status == ""
    assert b.fetch(sent["path"]).status_code in (403, 404)  # the original is gone
    got = b.fetch(clean["path"])
    assert got.status_code == 200 and got.headers["content-type"] == "image/png"

    out, error, _ = b.event("brief.prepare", brief_form(logo=clean))
    assert error is None, error
    pid = out[0]
    kept = _stored(server, pid)
    assert [p.name for p in kept] == ["logo.png"]
    data = kept[0].read_bytes()
    assert b"<script" not in data and b"<html" not in data
    img = Image.open(kept[0])
    assert img.format == "PNG" and img.mode == "RGBA" and not img.info  # no text chunks
    assert np.asarray(img)[img.height // 2, img.width // 2, 3] == 0  # its transparency kept
    served = b.fetch(str(kept[0]))
    assert served.status_code == 200 and served.headers["content-type"] == "image/png"
    assert served.content == data
    assert server.demo.studio.project(pid, None).brief.logo_path == str(kept[0])
    # A tampered event naming a stored file instead of a fresh upload gets neither a copy nor a deletion.
    out, error, _ = b.event("brief.upload_logo", [{"path": str(kept[0]), "orig_name": "x.png",
                                                   "meta": {"_type": "gradio.FileData"}}])
    assert error is None and out[0] is None and "upload the picture again" in out[1]
    assert kept[0].read_bytes() == data


def test_svg_is_refused_with_what_to_upload_instead(server, tmp_path, ctx):
    b = server.browser
    for name in ("logo.svg", "logo.png"):  # refused by what it is, not by its name
        out, error, toasts = b.event("brief.upload_logo", [b.upload(name, svg_bytes())])
        assert error is None
        value, status = out
        assert value is None  # the field is emptied
        assert "SVG" in status and ASK in status and not LEAKS.search(status)
        assert any("SVG" in t and ASK in t for t in toasts)  # and said at once, as a toast
    # The pipeline's own door (the CLI's, and the studio's create) says the same, saving nothing.
    svg = tmp_path / "logo.svg"
    svg.write_bytes(svg_bytes())
    with pytest.raises(InputError, match=f"logo: logo.svg is an SVG drawing.*{ASK}"):
        run.create_project(ctx, run.make_brief(prompt="A perfume called Rouge", logo_path=str(svg)))
    assert ctx.store.list_projects() == []


def test_photo_keeps_no_gps_exif_xmp_icc_or_trailing_bytes(server):
    b = server.browser
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the test photo has GPS
    out, error, _ = b.event("brief.upload_product", [b.upload("holiday.jpg", original)])
    assert error is None
    clean = out[0]
    assert clean["path"].endswith("/product.jpg")
    out, error, _ = b.event("brief.prepare", brief_form(product=clean))
    assert error is None, error
    kept = _stored(server, out[0])
    assert [p.name for p in kept] == ["product.jpg"]
    data = kept[0].read_bytes()
    assert data.endswith(b"\xff\xd9")  # nothing after the image's end
    assert SECRET_TAIL[:20] not in data and b"PhoneMaker" not in data and b"xmpmeta" not in data
    img = Image.open(kept[0])
    assert img.format == "JPEG"
    assert len(img.getexif()) == 0 and not img.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    assert not {"exif", "xmp", "icc_profile", "comment"} & set(img.info)
    assert img.size == (200, 320)  # the orientation tag was applied to the pixels, then dropped
    assert abs(np.asarray(img.convert("RGB"), np.float32)[..., 0].mean() - 200) < 6  # and it is the same photo


def test_a_damaged_photo_is_refused_at_once_in_words(server, caplog):
    b = server.browser
    caplog.set_level(logging.INFO)
    whole = jpeg_with_gps(size=(640, 480))
    cut = whole[: len(whole) // 2]
    cases = [("photo.jpg", cut, "is damaged or cut short"), ("notes.jpg", b"just some text\n" * 20, "is not an image")]
    for name, data, said in cases:
        out, error, toasts = b.event("brief.upload_product", [b.upload(name, data)])
        assert error is None
        value, status = out
        assert value is None and said in status and ASK in status and name in status
        assert not LEAKS.search(status) and toasts and not any(LEAKS.search(t) for t in toasts)
    assert not [r for r in caplog.records if r.exc_info], "a refused upload is not a server error"
    # A file that reaches the form without passing the upload check is refused the same way.
    from studio.tabs.brief import picture_input
    bad = Path(b.upload("x.jpg", b"not an image at all")["path"])
    with pytest.raises(gr.Error) as err:
        picture_input(label="Product photo", type="filepath", image_mode=None).preprocess(
            gr.components.image.ImageData(path=str(bad), orig_name="x.jpg"))
    assert ASK in err.value.message and not LEAKS.search(err.value.message)
    out, error, _ = b.event("brief.prepare", brief_form(product=b.upload("y.jpg", b"no picture here")))
    assert out is None and ASK in error and not LEAKS.search(error)


# --- 4. limits at every door ------------------------------------------------------------------------------


def test_a_36_megapixel_png_is_accepted_within_200_mb(tmp_path):
    src = tmp_path / "big.png"
    big_png(src)
    assert Image.open(src).size == (7360, 4912)
    script = textwrap.dedent(f"""
        import re, sys
        from pathlib import Path
        def peak_mb():
            return int(re.search(r"VmHWM:\\s+(\\d+)", Path("/proc/self/status").read_text()).group(1)) / 1024
        from pipeline import uploads
        from pipeline.phases import references
        base = peak_mb()
        kept = uploads.store_upload({str(src)!r}, {str(tmp_path / "kept")!r}, "product", "product image")
        stored = peak_mb() - base
        references.normalise({str(src)!r}, Path({str(tmp_path / "cutout.png")!r}), True)
        print(kept, round(stored), round(peak_mb() - base))
    """)
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert out.returncode == 0, out.stderr
    kept, stored_mb, total_mb = out.stdout.split()
    print(f"36 MP PNG: storing it peaked {stored_mb} MB, normalising it with keying {total_mb} MB over the imports")
    assert int(stored_mb) < 200 and int(total_mb) < 200
    assert Path(kept).name == "product.png" and max(Image.open(kept).size) == uploads.KEPT_LONG_SIDE
    cut = Image.open(tmp_path / "cutout.png")
    assert cut.mode == "RGBA" and np.asarray(cut)[0, 0, 3] == 0  # the backdrop was keyed out


def test_decompression_bombs_are_refused_from_the_header(tmp_path):
    for (w, h), said in (((9000, 9000), "under 40 megapixels"), ((14000, 14000), "far too many pixels")):
        bomb = tmp_path / f"bomb_{w}.png"
        bomb.write_bytes(bomb_png(w, h))
        assert bomb.stat().st_size < 2_000_000
        t0 = time.perf_counter()
        with pytest.raises(InputError, match=said):
            uploads.clean_copy(bomb, "logo")
        assert time.perf_counter() - t0 < 2.0  # refused without decoding 81-196 million pixels
    webp = tmp_path / "wide.webp"
    Image.new("RGB", (4000, 2400), (20, 90, 200)).save(webp, "WEBP", quality=50)
    with pytest.raises(InputError, match="WEBP.*their limit is 9 megapixels"):
        uploads.check_upload(webp, "product image")


def test_over_long_text_at_the_api_names_the_field_and_the_limit(server):
    said = server.api_error("An ad for tea", name="n" * 1_000_000, api_name="/create_project")
    assert "name: 1,000,000 characters is too long; the limit is 120" in said
    said = server.api_error("t" * 5000, api_name="/create_project")
    assert "prompt: 5,000 characters is too long; the limit is 2,000" in said
    said = server.api_error("An ad for tea", template="x" * 500, api_name="/create_project")
    assert "template" in said and "60" in said
    assert not any(p["name"].startswith("nnnn") for p in server.client.predict(api_name="/list_projects"))
    p = server.client.predict("An ad for tea", duration_s=6, width=320, height=180, api_name="/create_project")
    server.client.predict(p["id"], api_name="/write_spec")
    said = server.api_error(p["id"], 1, "p" * 700, api_name="/regenerate_beat")
    assert "prompt: 700 characters is too long; the limit is 600" in said
    said = server.api_error(p["id"], 1, "", "", "T" * 200, api_name="/regenerate_beat")
    assert "text: 200 characters is too long; the limit is 80" in said
    said = server.api_error(p["id"], "r" * 200, api_name="/rename_project")
    assert "name: 200 characters is too long; the limit is 120" in said


def test_wrong_types_at_the_api_name_the_field(server):
    p = server.client.predict("An ad for tea", duration_s=6, width=320, height=180, api_name="/create_project")
    pid = p["id"]
    server.client.predict(pid, api_name="/write_spec")
    calls = [
        ((123,), {}, "/get_project", "project_id"),
        ((["a"],), {}, "/project_status", "project_id"),
        (("An ad",), {"duration_s": "long"}, "/create_project", "duration_s"),
        (("An ad",), {"formats": "16:9"}, "/create_project", "formats"),
        (("An ad",), {"width": [320]}, "/create_project", "width"),
        (("An ad",), {"seed": 1.5}, "/create_project", "seed"),
        ((42,), {}, "/create_project", "prompt"),
        ((pid,), {"beats": "1"}, "/estimate_cost", "beats"),
        ((pid, "two"), {}, "/beat_versions", "beat"),
        ((pid, [1]), {}, "/update_spec", "spec"),
        ((pid, "", "yes"), {}, "/generate", "wait"),
        ((pid, 1), {"text": 7}, "/regenerate_beat", "text"),
        ((pid, 1, "x"), {}, "/choose_beat_version", "version_id"),
        ((pid, 5), {}, "/rename_project", "name"),
        ((pid, None), {}, "/download_file", "file"),
    ]
    for args, kwargs, api_name, field in calls:
        said = server.api_error(*args, api_name=api_name, **kwargs)
        assert said.startswith(f"{field}:") or f"{field}:" in said, (api_name, said)
        assert "Something went wrong" not in said and not LEAKS.search(said), (api_name, said)


# --- 5. errors that help -----------------------------------------------------------------------------------


def test_wait_false_is_checked_before_it_answers_queued(server):
    c = server.client
    pid = c.predict("An ad for tea", duration_s=6, width=320, height=180, api_name="/create_project")["id"]
    c.predict(pid, api_name="/write_spec")
    refused = [
        ((pid, "everything", False), "/generate", "stop_after"),
        ((pid, 1, "p" * 700, "", None, None, False), "/regenerate_beat", "prompt"),
        ((pid, 1, "", "spin", None, None, False), "/regenerate_beat", "camera_movement"),
        ((pid, 99, "", "", None, None, False), "/regenerate_beat", "beat"),
        ((pid, 1, 999, False), "/choose_beat_version", "version_id"),
    ]
    for args, api_name, field in refused:
        assert field in server.api_error(*args, api_name=api_name)
        st = c.predict(pid, api_name="/project_status")
        assert st["job"] is None and st["status"] not in ("queued", "waiting", "running"), (api_name, st)
    bare = c.predict("An ad for coffee", api_name="/create_project")["id"]
    assert "no spec yet" in server.api_error(bare, False, api_name="/render_preview")
    assert c.predict(bare, api_name="/project_status")["job"] is None


def test_api_answers_carry_file_ids_never_server_paths(server):
    c = server.client
    data_dir = server.data_dir
    roots = {str(data_dir), os.path.realpath(data_dir)}
    answers = [c.predict(api_name="/list_projects")]
    p = c.predict("Launch of the Nova headphones", duration_s=6, width=320, height=180, api_name="/create_project")
    pid = p["id"]
    answers += [p, c.predict(pid, api_name="/write_spec"), c.predict(pid, beats=[1], api_name="/estimate_cost")]
    answers.append(c.predict(pid, "animatic", True, api_name="/generate"))
    got = c.predict(pid, api_name="/get_project")
    answers += [got, c.predict(pid, api_name="/project_status"), c.predict(pid, 1, api_name="/beat_versions"),
                c.predict(pid, "Nova", api_name="/rename_project"), c.predict(pid, api_name="/duplicate_project")]
    # An unexpected failure quoting a full path reads as the file's id.
    server.demo.studio.store.update_project(pid, error=f"could not read {data_dir}/exports/{pid}/x.mp4")
    status = c.predict(pid, api_name="/project_status")
    assert status["error"] == f"could not read exports/{pid}/x.mp4"
    answers.append(status)
    text = json.dumps(answers)
    assert not any(root in text for root in roots)
    keyframe = got["outputs"]["keyframes"][0]
    assert keyframe.startswith("artifacts/") and not keyframe.startswith("/")
    local = c.predict(pid, keyframe, api_name="/download_file")  # the client saves it where it likes
    assert Path(local).read_bytes() == (data_dir / keyframe).read_bytes()
    for other in ("adstudio.db", "../adstudio.db", "studio/secret", f"uploads/{pid}/logo.png"):
        said = server.api_error(pid, other, api_name="/download_file")
        assert said.startswith("file:") and "get_project lists" in said


# --- the command line ----------------------------------------------------------------------------------------


def _cli(*args: str, data: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "ADSTUDIO_DATA_DIR": str(data), "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)


def test_cli_refuses_over_long_text_naming_the_field(tmp_path):
    out = _cli("x" * 2500, "--stop-after", "spec", data=tmp_path / "data")
    assert out.returncode == 2 and "prompt: 2,500 characters is too long; the limit is 2,000" in out.stderr
    out = _cli("--project", "p" * 100, data=tmp_path / "data")
    assert out.returncode == 2 and "--project: 100 characters is too long; the limit is 64" in out.stderr
    out = _cli("An ad for tea", "--template", "T" * 80, "--stop-after", "spec", data=tmp_path / "data")
    assert out.returncode == 2 and "template: 80 characters is too long; the limit is 60" in out.stderr
    assert "Traceback" not in out.stderr


def test_cli_keeps_only_a_clean_copy_of_its_uploads(tmp_path):
    photo, svg = tmp_path / "holiday.jpg", tmp_path / "mark.svg"
    photo.write_bytes(jpeg_with_gps())
    svg.write_bytes(svg_bytes())
    out = _cli("A perfume called Rouge", "--logo", str(svg), "--stop-after", "spec", data=tmp_path / "data")
    assert out.returncode == 2 and "is an SVG drawing" in out.stderr and ASK in out.stderr
    out = _cli("A perfume called Rouge", "--product-image", str(photo), "--stop-after", "spec",
               data=tmp_path / "data")
    assert out.returncode == 0, out.stderr
    pid = re.search(r"project (\w+)", out.stderr).group(1)
    kept = sorted((tmp_path / "data" / "uploads" / pid).iterdir())
    assert [p.name for p in kept] == ["product.jpg"]
    assert SECRET_TAIL[:20] not in kept[0].read_bytes() and len(Image.open(kept[0]).getexif()) == 0
