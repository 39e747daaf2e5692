"""Hosted-path benchmark: is a hosted run as parallel as it can be?

    python benchmarks/hosted_bench.py [--scale 0.05]

Runs the whole pipeline on the hosted profile against the fake OpenAI and Replicate servers on
127.0.0.1 (tests/fakes), which answer after modelled latencies: spec 2 s, image 3 s, video 60 s,
music 30 s, all multiplied by --scale. It measures, in one run:

  local      the same hosted run with every latency at zero: our own processing (decode, grade,
             normalise, transitions, mux) and the protocol round trips
  hosted     the run with the modelled latencies, nothing cached
  critical   the critical path: local + spec + image (animatic beside references)
             + max(video, music) (every beat at once, the music beside the clips)
  serial     what a pipeline doing one call after another would take, for comparison

The target is hosted <= 1.2 x critical.
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


def one_run(scale: float, size: tuple[int, int]) -> tuple[float, int]:
    openai, replicate = FakeOpenAI().start(), FakeReplicate(polls_to_finish=1).start()
    try:
        openai.latency_s = LATENCY["spec"] * scale
        replicate.model_latency_s = {"flux": LATENCY["image"] * scale, "sdxl": LATENCY["image"] * scale,
                                     "wan": LATENCY["video"] * scale, "seedance": LATENCY["video"] * scale,
                                     "kling": LATENCY["video"] * scale, "musicgen": LATENCY["music"] * scale}
        tmp = Path(tempfile.mkdtemp(prefix="adstudio-hosted-bench-"))
        ctx = build_context(hosted_settings(tmp, openai=openai, replicate=replicate, x264_preset="veryfast"))
        brief = make_brief(prompt=BRIEF, width=size[0], height=size[1])
        project = create_project(ctx, brief)
        t0 = time.perf_counter()
        results = run_project(ctx, project.id)
        elapsed = time.perf_counter() - t0
        assert results[-1].phase == "export"
        return elapsed, len(replicate.created)
    finally:
        openai.stop()
        replicate.stop()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", type=float, default=0.05, help="multiply the modelled latencies (default 0.05)")
    ap.add_argument("--size", default="640x360", help="master frame size (default 640x360)")
    args = ap.parse_args()
    size = tuple(int(v) for v in args.size.split("x"))
    # Poll often enough that polling itself adds little to a scaled-down latency.
    http.DEFAULT_POLICY = http.RetryPolicy(poll_interval_s=max(0.01, 0.5 * args.scale))

    local, _ = one_run(0.0, size)
    hosted, predictions = one_run(args.scale, size)
    lat = {k: v * args.scale for k, v in LATENCY.items()}
    critical = local + lat["spec"] + lat["image"] + max(lat["video"], lat["music"])
    beats = 6
    serial = local + lat["spec"] + lat["image"] * (beats + 1) + lat["video"] * beats + lat["music"]
    print(f"\nAdStudio hosted-path benchmark: latencies x{args.scale} (spec {lat['spec']:.2f} s, image "
          f"{lat['image']:.2f} s, video {lat['video']:.2f} s, music {lat['music']:.2f} s), {args.size}, "
          f"{predictions} predictions\n")
    print(f"| {'measure':<30} | {'seconds':>8} |")
    print(f"|{'-' * 32}|{'-' * 10}|")
    for name, value in (("local (all latencies zero)", local), ("hosted run", hosted),
                        ("critical path", critical), ("one call after another", serial)):
        print(f"| {name:<30} | {value:>8.2f} |")
    ratio = hosted / critical
    print(f"\nhosted / critical path = {ratio:.2f} (target <= 1.2: {'yes' if ratio <= 1.2 else 'NO'})")


if __name__ == "__main__":
    main()
