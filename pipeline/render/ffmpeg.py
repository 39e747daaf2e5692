"""ffmpeg processes: one place that knows our encoder settings, piping, probing and muxing.

ffmpeg comes from imageio-ffmpeg, so no system install is needed. Frames are piped as raw
yuv420p (half the bytes of RGB, and no per-frame colour conversion inside ffmpeg): the
compositor already works in BT.709 limited-range YUV.
"""

from __future__ import annotations

import math
import os
import re
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

import numpy as np

from .. import tempfiles
from ..control import current
from ..errors import RenderError
from . import watchdog

_FFMPEG: str | None = None


def ffmpeg_exe() -> str:
    """The run's ffmpeg (`ADSTUDIO_FFMPEG`, carried by pipeline.control), else imageio-ffmpeg's."""
    chosen = current().ffmpeg
    if chosen:
        return chosen
    global _FFMPEG
    if _FFMPEG is None:
        import imageio_ffmpeg

        _FFMPEG = imageio_ffmpeg.get_ffmpeg_exe()
    return _FFMPEG


COLOR_TAGS = ["-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-color_range", "tv"]


@dataclass(frozen=True)
class EncoderSettings:
    """The export's video encoder settings. Every segment uses exactly these, so segments
    encoded at different times can be joined without re-encoding."""

    preset: str = "veryfast"
    crf: int = 21
    threads: int = 0  # 0 = let x264 decide

    def args(self) -> list[str]:
        # stitchable=1 keeps x264's headers independent of rate control, so segments encoded
        # separately (at different CRFs even) share SPS/PPS and can be joined by stream copy.
        a = ["-c:v", "libx264", "-preset", self.preset, "-crf", str(self.crf), "-pix_fmt", "yuv420p",
             "-x264-params", "stitchable=1", *COLOR_TAGS]
        if self.threads:
            a += ["-threads", str(self.threads)]
        return a


_PIPE_BYTES = 1 << 20  # Linux's default limit for an unprivileged pipe (/proc/sys/fs/pipe-max-size)


def _widen_pipe(pipe) -> None:
    """Give a frame pipe 1 MB instead of the default 64 KB. A 1080p frame is 3 MB: with the
    default, moving one takes ~50 kernel round trips and context switches between us and
    ffmpeg; the wider pipe saves about a second of CPU per 900 frames (measured), CPU the
    encoder then has. Linux only; elsewhere (or if refused) the pipe stays as it was."""
    try:
        import fcntl

        fcntl.fcntl(pipe.fileno(), fcntl.F_SETPIPE_SZ, _PIPE_BYTES)
    except (ImportError, AttributeError, OSError, ValueError):
        pass


def _run(args: Sequence[str], what: str, input_bytes: bytes | None = None) -> subprocess.CompletedProcess:
    stdin_flag = ["-nostdin"] if input_bytes is None else []
    # ffmpeg's output is its last argument: while it grows, the command is alive (watchdog).
    output = Path(args[-1]) if args and args[-1] != "-" else None
    proc = watchdog.run([ffmpeg_exe(), "-hide_banner", *stdin_flag, *args], what, input_bytes, output)
    if proc.returncode != 0:
        tail = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
        raise RenderError(f"ffmpeg failed while {what}: {' / '.join(tail)}")
    return proc


class YuvWriter:
    """Streams yuv420p frames into one ffmpeg encoder process (a context manager).

    Writes to a temporary file and renames it on a clean close, so a crash or an exception
    never leaves a truncated file under the final name.
    """

    def __init__(self, path: Path, width: int, height: int, fps: int, encoder: EncoderSettings,
                 fmt: str = "mp4") -> None:
        self.path = Path(path)
        self.width, self.height, self.fps = width, height, fps
        self.frame_bytes = width * height * 3 // 2
        self.frames = 0
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        cmd = [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y",
               "-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", f"{width}x{height}", "-r", str(fps),
               *COLOR_TAGS, "-i", "-", *encoder.args(), "-an", "-f", fmt, str(self.tmp)]
        self._stderr = bytearray()
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stderr=subprocess.PIPE)
        _widen_pipe(self.proc.stdin)
        # Drain stderr on a thread so a chatty ffmpeg can never block on a full pipe.
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()

    def _drain(self) -> None:
        assert self.proc.stderr is not None
        for chunk in iter(lambda: self.proc.stderr.read(4096), b""):
            self._stderr += chunk

    def write(self, frame: bytes | memoryview | np.ndarray) -> None:
        data = frame if isinstance(frame, (bytes, memoryview)) else memoryview(np.ascontiguousarray(frame)).cast("B")
        if len(data) != self.frame_bytes:
            raise RenderError(f"frame has {len(data)} bytes, expected {self.frame_bytes}")
        watch = self._watched()
        try:
            assert self.proc.stdin is not None
            with watch.waiting():
                self.proc.stdin.write(data)
        except (BrokenPipeError, ValueError):  # ValueError: the pipe was closed under us
            self.proc.wait()
            self._reader.join()
            watch.stop()
            raise watch.error() or RenderError(f"ffmpeg stopped while encoding {self.path.name}: "
                                               f"{self._stderr.decode('utf-8', 'replace').strip()[-300:]}") from None
        self.frames += 1

    def _watched(self) -> watchdog.Watch:
        """The watchdog over this encoder (started on first use): a cancel kills it, and a write or
        the final flush that ffmpeg does not take within the stall time fails as retryable."""
        watch = getattr(self, "_watch", None)
        if watch is None:
            watch = self._watch = watchdog.watch(
                self.proc, f"encoding {self.path.name}",
                activity=lambda: (len(self._stderr), watchdog.file_size(self.tmp)))
        return watch

    def close(self) -> None:
        assert self.proc.stdin is not None
        watch = self._watched()
        with watch.waiting():
            try:
                self.proc.stdin.close()
            except BrokenPipeError:  # it died with frames still buffered: the exit code says why
                pass
            code = self.proc.wait()
        self._reader.join()
        watch.stop()
        if code != 0:
            self.tmp.unlink(missing_ok=True)
            raise watch.error() or RenderError(f"ffmpeg failed encoding {self.path.name}: "
                                               f"{self._stderr.decode('utf-8', 'replace').strip()[-300:]}")
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self._reader.join(timeout=5)
        self._watched().stop()
        self.tmp.unlink(missing_ok=True)

    def __enter__(self) -> "YuvWriter":
        self._watched()
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()


class _Decoder:
    """A decoder's frames, under the run's watch: a cancel kills it, and so does a read that gets
    nothing for the stall time (the time our caller spends on each frame is not counted)."""

    def __init__(self, proc: subprocess.Popen, path: Path) -> None:
        assert proc.stdout is not None
        _widen_pipe(proc.stdout)
        self.proc, self.read = proc, 0
        self.watch = watchdog.watch(proc, f"decoding {Path(path).name}", activity=lambda: self.read)

    def frames(self, size: int) -> Iterator[bytes]:
        """Whole frames of `size` bytes, until the decoder ends."""
        while True:
            with self.watch.waiting():
                buf = self.proc.stdout.read(size)
            self.read += len(buf)
            if len(buf) < size:
                return
            yield buf


def decode_yuv(path: Path, width: int, height: int, start_frame: int = 0,
               frames: int | None = None) -> Iterator[np.ndarray]:
    """Yield yuv420p frames (flat uint8 arrays) of a video, scaled to width x height."""
    vf = [f"select=gte(n\\,{start_frame})"] if start_frame else []
    vf.append(f"scale={width}:{height}:flags=lanczos")
    cmd = [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-nostdin", "-i", str(path),
           "-vf", ",".join(vf), "-fps_mode", "passthrough", "-pix_fmt", "yuv420p", "-f", "rawvideo"]
    if frames is not None:
        cmd += ["-frames:v", str(frames)]
    cmd.append("-")
    size = width * height * 3 // 2
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    decoder = _Decoder(proc, path)
    watch = decoder.watch
    try:
        for buf in decoder.frames(size):
            yield np.frombuffer(buf, np.uint8)
    finally:
        proc.stdout.close()
        if proc.poll() is None:
            proc.kill()
        err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
        proc.wait()
        watch.stop()
    if watch.error():
        raise watch.error()
    if proc.returncode not in (0, -9) and err.strip():
        raise RenderError(f"ffmpeg could not decode {Path(path).name}: {err.strip()[-300:]}")


def decode_rgb(path: Path, width: int | None = None, height: int | None = None) -> Iterator[np.ndarray]:
    """Yield RGB frames (H, W, 3) of a video; used by tests and the hosted-clip normaliser."""
    info = probe(path)
    w, h = width or info.width, height or info.height
    cmd = [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-nostdin", "-i", str(path),
           "-vf", f"scale={w}:{h}:flags=lanczos:out_color_matrix=bt709:in_color_matrix=bt709",
           "-pix_fmt", "rgb24", "-f", "rawvideo", "-"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    decoder = _Decoder(proc, path)
    watch = decoder.watch
    try:
        for buf in decoder.frames(w * h * 3):
            yield np.frombuffer(buf, np.uint8).reshape(h, w, 3)
    finally:
        proc.stdout.close()
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        watch.stop()
    if watch.error():
        raise watch.error()


@dataclass(frozen=True)
class MediaInfo:
    width: int
    height: int
    fps: float
    video_codec: str
    pix_fmt: str
    color: str
    audio_codec: str | None
    duration_s: float
    frames: int  # decoded video frames (exact)
    audio_samples: int  # decoded audio samples at audio_rate (exact), 0 when no audio
    audio_rate: int

    @property
    def audio_duration_s(self) -> float:
        return self.audio_samples / self.audio_rate if self.audio_rate else 0.0

    @property
    def video_duration_s(self) -> float:
        return self.frames / self.fps if self.fps else 0.0


_STREAM_V = re.compile(r"Stream #\d+:\d+.*?: Video: (\w+).*?, (\w+)(\(([^)]*)\))?, (\d+)x(\d+)")
_FPS = re.compile(r"(\d+(?:\.\d+)?) fps")
_STREAM_A = re.compile(r"Stream #\d+:\d+.*?: Audio: (\w+).*?, (\d+) Hz")
_DURATION = re.compile(r"Duration: (\d+):(\d+):(\d+\.\d+)")
_FRAMES = re.compile(r"frame=\s*(\d+)")


def probe(path: Path, count: bool = True) -> MediaInfo:
    """Inspect a media file with ffmpeg alone (imageio-ffmpeg ships no ffprobe).

    With `count`, decodes the whole file: exact frame and sample counts, and proof that the
    file is decodable from start to end.
    """
    path = Path(path)
    if not path.is_file():
        raise RenderError(f"{path.name} does not exist")
    head = watchdog.run([ffmpeg_exe(), "-hide_banner", "-nostdin", "-i", str(path)],
                        f"reading {path.name}").stderr.decode("utf-8", "replace")
    v = _STREAM_V.search(head)
    a = _STREAM_A.search(head)
    d = _DURATION.search(head)
    if not v and not a:
        raise RenderError(f"{path.name} has no audio or video stream ffmpeg can read")
    fps_m = _FPS.search(head[v.start():]) if v else None
    frames = samples = 0
    if count and v:
        out = _run(["-i", str(path), "-map", "0:v:0", "-f", "null", "-"], f"decoding {path.name}")
        found = _FRAMES.findall(out.stderr.decode("utf-8", "replace"))
        frames = int(found[-1]) if found else 0
    rate = int(a.group(2)) if a else 0
    if count and a:
        out = watchdog.run([ffmpeg_exe(), "-hide_banner", "-nostdin", "-loglevel", "error", "-i", str(path),
                            "-map", "0:a:0", "-f", "s16le", "-ac", "1", "-"], f"decoding the audio of {path.name}")
        if out.returncode != 0:
            raise RenderError(f"the audio of {path.name} does not decode")
        samples = len(out.stdout) // 2
    return MediaInfo(
        width=int(v.group(5)) if v else 0, height=int(v.group(6)) if v else 0,
        fps=float(fps_m.group(1)) if fps_m else 0.0, video_codec=v.group(1) if v else "",
        pix_fmt=v.group(2) if v else "", color=(v.group(4) or "") if v else "",
        audio_codec=a.group(1) if a else None,
        duration_s=(int(d.group(1)) * 3600 + int(d.group(2)) * 60 + float(d.group(3))) if d else 0.0,
        frames=frames, audio_samples=samples, audio_rate=rate,
    )


def encode_aac(wav: Path, out: Path) -> None:
    tmp = tempfiles.temp_path(Path(out))
    try:
        _run(["-y", "-loglevel", "error", "-i", str(wav), "-c:a", "aac", "-b:a", "192k", str(tmp)],
             f"encoding {Path(wav).name} as AAC")
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)


_CONTAINERS = {b"moov", b"trak", b"mdia", b"minf", b"stbl"}


def mp4_frame_count(path: Path) -> int | None:
    """Samples in the first track of an MP4 (our segments hold one video track), read from the
    'stsz' box without starting a process; None when the file cannot be read that way."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None

    def walk(start: int, end: int) -> int | None:
        pos = start
        while pos + 8 <= end:
            size = int.from_bytes(data[pos:pos + 4], "big")
            kind = data[pos + 4:pos + 8]
            head = 8
            if size == 1:
                size, head = int.from_bytes(data[pos + 8:pos + 16], "big"), 16
            elif size == 0:
                size = end - pos
            if size < head or pos + size > end:
                return None
            if kind == b"stsz":
                body = pos + head
                return int.from_bytes(data[body + 8:body + 12], "big")
            if kind in _CONTAINERS:
                found = walk(pos + head, pos + size)
                if found is not None:
                    return found
            pos += size
        return None

    return walk(0, len(data))


def concat_and_mux(segments: Sequence[Path], audio: Path | None, out: Path, fps: int) -> None:
    """Join H.264 segments without re-encoding them and mux the audio in one command (one
    command keeps audio and video lengths identical), with +faststart. AAC audio (.m4a) is
    copied as it is; anything else is encoded to AAC."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    listing = tempfiles.temp_path(out, ".concat.txt")
    # Each segment's exact length (its frames / fps): without it the concat demuxer derives them
    # from timestamps and a join of many short segments can end a fraction of a frame short.
    lines = []
    for seg in segments:
        lines.append(f"file '{Path(seg).resolve().as_posix()}'\n")
        frames = mp4_frame_count(Path(seg))
        if frames:
            lines.append(f"duration {frames / fps:.6f}\n")
    listing.write_text("".join(lines))
    tmp = tempfiles.temp_path(out)
    args = ["-y", "-loglevel", "error", "-f", "concat", "-safe", "0", "-i", str(listing)]
    if audio is not None:
        args += ["-i", str(audio), "-map", "0:v:0", "-map", "1:a:0"]
        args += ["-c:a", "copy"] if Path(audio).suffix == ".m4a" else ["-c:a", "aac", "-b:a", "192k"]
    args += ["-c:v", "copy", "-r", str(fps), "-movflags", "+faststart", str(tmp)]
    try:
        _run(args, f"assembling {out.name}")
        os.replace(tmp, out)
    finally:
        listing.unlink(missing_ok=True)
        tmp.unlink(missing_ok=True)


def transcode_preview(src: Path, out: Path, width: int, height: int) -> None:
    """A small, fast copy of a finished video for previews (audio copied)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = tempfiles.temp_path(out)
    try:
        _run(["-y", "-loglevel", "error", "-i", str(src), "-vf", f"scale={width}:{height}:flags=bilinear",
              "-c:v", "libx264", "-preset", "ultrafast", "-crf", "26", "-pix_fmt", "yuv420p", *COLOR_TAGS,
              "-c:a", "copy", "-movflags", "+faststart", str(tmp)], f"making a preview of {Path(src).name}")
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)


def extract_frame_png(video: Path, out: Path, frame_index: int, fps: int, exact: bool = False) -> None:
    """Frame `frame_index` of a video as PNG. The seek time has four decimals: when it rounds up
    (frame 299 at 30 fps is 9.9667 s) the frame after it is taken. `exact` seeks a quarter frame
    early instead, so it is always frame `frame_index` (see `seek_lands_on`)."""
    t = max(0.0, (frame_index - 0.25) / fps) if exact else max(0.0, frame_index / fps)
    tmp = tempfiles.temp_path(Path(out))
    try:
        # zlib level 1: the same pixels in a file a quarter larger, in half the time (0.15 s of
        # a 1080p poster), and the poster is the last thing an export waits for.
        _run(["-y", "-loglevel", "error", "-ss", f"{t:.4f}", "-i", str(video), "-frames:v", "1",
              "-compression_level", "1", str(tmp)], f"extracting a poster from {Path(video).name}")
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)


def seek_lands_on(frame_index: int, fps: int) -> int:
    """The frame extract_frame_png (not exact) takes for `frame_index`: the first whose time is
    at or after the seek time rounded to four decimals."""
    t = round(max(0.0, frame_index / fps), 4)
    return math.ceil(t * fps - 1e-6)
