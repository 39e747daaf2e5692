"""Render benchmark: measures, in one run, what issue 3 asks and prints a table of ratios.

    python benchmarks/render_bench.py            # full 1080p, about 2 minutes on 2 cores
    python benchmarks/render_bench.py --quick    # 640x360, 10 s: a smoke test of the harness

Rows (wall seconds, one run each, same machine, same minute):
  floor     ffmpeg alone: 900 frames of its own test source, our exact export encoder settings
  full      brief -> finished 30 s 1080p MP4 on the local providers, empty data dir
  one beat  re-export after changing one beat's seed (`--project ID --beat 3 --seed N`)
  preview   low-resolution preview of the whole cut with music (`--project ID --preview`)
  peak RSS  of the full run: the Python process plus its ffmpeg children, sampled every 20 ms
Machines here are noisy, so only ratios from the same run are compared against the targets.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.render.ffmpeg import EncoderSettings, ffmpeg_exe  # noqa: E402

BRIEF = "Create a sleek ad for luxury watches"
TARGETS = {"full/floor": 1.5, "one-beat/full": 0.3, "preview/full": 0.15}
RSS_TARGET_MB = 1536


def _tree_rss_kb(pid: int) -> int:
    """RSS of a process and all its descendants, from /proc (no psutil needed)."""
    total, stack, seen = 0, [pid], set()
    while stack:
        p = stack.pop()
        if p in seen:
            continue
        seen.add(p)
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    stack.extend(int(c) for c in f.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, int, str]:
    """Run a command; return wall seconds, peak tree RSS in KB, and its stderr."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_kb(proc.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    elapsed = time.perf_counter() - t0
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{err[-2000:]}")
    return elapsed, peak, err + out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="640x360 and 10 s instead of 1080p and 30 s")
    ap.add_argument("--brief", default=BRIEF, help=f"the brief to render (default: {BRIEF!r}); a lifestyle "
                    "brief such as 'Friends around a campfire at night with our craft lemonade' measures "
                    "the layered settings")
    args = ap.parse_args()
    size, seconds = ("640x360", 10) if args.quick else ("1920x1080", 30)
    frames = seconds * 30
    data = Path(tempfile.mkdtemp(prefix="adstudio-bench-"))
    env = {**os.environ, "ADSTUDIO_DATA_DIR": str(data)}
    py = [sys.executable, "-m", "pipeline"]
    enc = EncoderSettings()

    floor_cmd = [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                 f"testsrc2=size={size}:rate=30", "-frames:v", str(frames), *enc.args(), "-an",
                 str(data / "floor.mp4")]
    floor, _, _ = timed(floor_cmd, env)
    full, peak_kb, log = timed([*py, args.brief, "--size", size, "--duration", str(seconds), "--quiet"], env)
    project = log.split("project ")[1].split()[0]
    one_beat, _, _ = timed([*py, "--project", project, "--beat", "3", "--seed", "4242", "--quiet"], env)
    preview, _, _ = timed([*py, "--project", project, "--preview", "--quiet"], env)

    ratios = {"full/floor": full / floor, "one-beat/full": one_beat / full, "preview/full": preview / full}
    print(f"\nAdStudio render benchmark: {size}, {seconds} s, {frames} frames, x264 {enc.preset} crf {enc.crf}, "
          f"{os.cpu_count()} cores\n")
    print(f"| {'measure':<22} | {'value':>10} |")
    print(f"|{'-' * 24}|{'-' * 12}|")
    for name, value in (("floor (ffmpeg alone)", floor), ("full", full), ("one beat", one_beat), ("preview", preview)):
        print(f"| {name:<22} | {value:>8.2f} s |")
    print(f"| {'peak RSS (full run)':<22} | {peak_kb / 1024:>7.0f} MB |")
    print()
    print(f"| {'ratio':<14} | {'measured':>8} | {'target':>7} | ok  |")
    print(f"|{'-' * 16}|{'-' * 10}|{'-' * 9}|-----|")
    for name, value in ratios.items():
        target = TARGETS[name]
        print(f"| {name:<14} | {value:>8.2f} | {'<= ' + str(target):>7} | {'yes' if value <= target else 'NO ':<3} |")
    rss_ok = peak_kb / 1024 <= RSS_TARGET_MB
    print(f"| {'peak RSS':<14} | {peak_kb / 1024:>6.0f}MB | {'<=1.5GB':>7} | {'yes' if rss_ok else 'NO ':<3} |")


if __name__ == "__main__":
    main()
