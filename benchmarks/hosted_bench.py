"""Hosted-path benchmark: is a hosted run as parallel as it can be, with and without Replicate's
rate limit?

    python benchmarks/hosted_bench.py [--scale 0.1] [--per-minute 6]

Runs the whole pipeline on the hosted profile against the fake OpenAI and Replicate servers on
127.0.0.1 (tests/fakes), which answer after modelled latencies: spec 2 s, image 3 s, video 60 s,
music 30 s, all multiplied by --scale (the fake's clock runs 1/scale times fast, and so does the
client's pacing). It measures, in one run:

  local       the same hosted run with every latency at zero: our own processing (decode, grade,
              normalise, transitions, mux) and the protocol round trips
  hosted      the run with the modelled latencies, nothing cached, on a funded account
              (600 creates a minute: in effect unthrottled)
  critical    its critical path: local + spec + image (animatic beside references)
              + max(video, music) (every beat at once, the music beside the clips)
  serial      what a pipeline doing one call after another would take, for comparison
  throttled   the same run on a new account: --per-minute creates a minute (default 6, what
              Replicate gives an account without a payment method), one at a time, enforced by
              the fake as the service does (429s, reset time in the body, no Retry-After)
  critical (throttled)  the critical path when creates can only start one every 60/per-minute s:
              the keyframes and the style guide one after another, then (once every keyframe
              is back) the clips and the music one after another, the clips first
  pacing alone  the same without any local work: what the rate limit by itself imposes

Both critical paths add all local work to the waits, though much of it (decoding and grading
the clips that are back) overlaps them: a run can beat them, never the pacing alone.

The targets are hosted <= 1.2 x critical, and throttled <= 1.2 x critical (throttled), with no
failed beat and one prediction per beat.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.providers import http  # noqa: E402
from pipeline.run import build_context, create_project, make_brief, run_project  # noqa: E402
from tests.fakes.hosted import hosted_settings  # noqa: E402
from tests.fakes.servers import FakeOpenAI, FakeReplicate  # noqa: E402

LATENCY = {"spec": 2.0, "image": 3.0, "video": 60.0, "music": 30.0}
BRIEF = "Create a sleek ad for luxury watches"
FUNDED_PER_MINUTE = 600.0  # Replicate's create limit for an account with credit


def one_run(scale: float, clock: float, size: tuple[int, int], per_minute: float | None = None) -> dict:
    """One hosted run with latencies times `scale` on a service clock running 1/`clock` times
    fast. `per_minute`: the fake throttles creates to that (and the client paces to it); None: a
    funded account."""
    openai = FakeOpenAI().start()
    replicate = FakeReplicate(polls_to_finish=1, creates_per_minute=per_minute, timescale=clock).start()
    try:
        openai.latency_s = LATENCY["spec"] * scale
        replicate.model_latency_s = {"flux": LATENCY["image"] * scale, "sdxl": LATENCY["image"] * scale,
                                     "wan": LATENCY["video"] * scale, "seedance": LATENCY["video"] * scale,
                                     "kling": LATENCY["video"] * scale, "musicgen": LATENCY["music"] * scale}
        tmp = Path(tempfile.mkdtemp(prefix="adstudio-hosted-bench-"))
        ctx = build_context(hosted_settings(tmp, openai=openai, replicate=replicate, x264_preset="veryfast",
                                            replicate_creates_per_minute=per_minute or FUNDED_PER_MINUTE))
        project = create_project(ctx, make_brief(prompt=BRIEF, width=size[0], height=size[1]))
        t0 = time.perf_counter()
        results = run_project(ctx, project.id)
        elapsed = time.perf_counter() - t0
        assert results[-1].phase == "export"
        beats = len(ctx.store.get_project(project.id).spec.beats)
        clips = [c for c in replicate.created if "wan" in c["model"]]
        assert len(clips) == beats, "a beat was created twice or not at all"
        return {"seconds": elapsed, "predictions": len(replicate.created), "beats": beats,
                "throttled": len(replicate.throttled)}
    finally:
        openai.stop()
        replicate.stop()


def paced_critical_path(local: float, lat: dict[str, float], beats: int, interval: float) -> float:
    """The critical path when creates start at most one per `interval` seconds (see above)."""
    t = local + lat["spec"]
    images_back = t + beats * interval + lat["image"]  # beats keyframes + the style guide, paced
    start = max(images_back, t + (beats + 1) * interval)  # the clips need every keyframe
    clips_back = start + (beats - 1) * interval + lat["video"]
    music_back = start + beats * interval + lat["music"]
    return max(clips_back, music_back)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", type=float, default=0.05, help="multiply the modelled latencies (default 0.05)")
    ap.add_argument("--size", default="640x360", help="master frame size (default 640x360)")
    ap.add_argument("--per-minute", type=float, default=6.0, help="creates a minute when throttled (default 6)")
    args = ap.parse_args()
    size = tuple(int(v) for v in args.size.split("x"))
    # Poll often enough that polling itself adds little to a scaled-down latency; the client's
    # clock runs as fast as the fake's.
    clock = args.scale
    http.DEFAULT_POLICY = http.RetryPolicy(poll_interval_s=max(0.01, 0.5 * args.scale), timescale=clock)

    local = one_run(0.0, clock, size)["seconds"]
    hosted = one_run(args.scale, clock, size)
    throttled = one_run(args.scale, clock, size, per_minute=args.per_minute)
    lat = {k: v * args.scale for k, v in LATENCY.items()}
    beats = hosted["beats"]
    critical = local + lat["spec"] + lat["image"] + max(lat["video"], lat["music"])
    serial = local + lat["spec"] + lat["image"] * (beats + 1) + lat["video"] * beats + lat["music"]
    interval = 60.0 / args.per_minute * http.RateLimiter.MARGIN * args.scale
    paced = paced_critical_path(local, lat, beats, interval)
    print(f"\nAdStudio hosted-path benchmark: latencies x{args.scale} (spec {lat['spec']:.2f} s, image "
          f"{lat['image']:.2f} s, video {lat['video']:.2f} s, music {lat['music']:.2f} s), {args.size}, "
          f"{hosted['predictions']} predictions, {beats} beats\n")
    print(f"| {'measure':<44} | {'seconds':>8} |")
    print(f"|{'-' * 46}|{'-' * 10}|")
    rows = (("local (all latencies zero)", local), ("hosted run (funded account)", hosted["seconds"]),
            ("critical path", critical), ("one call after another", serial),
            (f"hosted run, {args.per_minute:g} creates a minute", throttled["seconds"]),
            ("critical path at that pace", paced),
            ("pacing alone (no local work)", paced_critical_path(0.0, lat, beats, interval)))
    for name, value in rows:
        print(f"| {name:<44} | {value:>8.2f} |")
    ratio, paced_ratio = hosted["seconds"] / critical, throttled["seconds"] / paced
    print(f"\nhosted / critical path = {ratio:.2f} (target <= 1.2: {'yes' if ratio <= 1.2 else 'NO'})")
    print(f"throttled / its critical path = {paced_ratio:.2f} (target <= 1.2: {'yes' if paced_ratio <= 1.2 else 'NO'});"
          f" {throttled['predictions']} predictions, one per beat, {throttled['throttled']} creates refused and "
          "retried unbilled")


if __name__ == "__main__":
    main()
