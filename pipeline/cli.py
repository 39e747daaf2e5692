"""`python -m pipeline "brief" --out ad.mp4`: the whole studio from a terminal."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path


from .config import Settings
from .errors import AdStudioError, DiskFull, is_disk_full, shown
from .tempfiles import sweep, temp_path
from .models import FORMATS, MAX_ID_CHARS, PHASES, check_text

EPILOG = """examples:
  python -m pipeline "Create a sleek ad for luxury watches" --out ad.mp4
  python -m pipeline "Grand opening of Luna Bakery" --formats 16:9,9:16,1:1 --logo logo.png
  python -m pipeline "..." --stop-after spec > spec.json
  python -m pipeline --project ID --beat 2 --seed 7        # re-render beat 2, re-export
"""


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m pipeline", description="Turn a brief into a 30-second ad.",
                                 epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("brief", nargs="?", help="what the ad is for, e.g. 'Create a sleek ad for luxury watches'")
    ap.add_argument("--out", type=Path, help="where to copy the 16:9 MP4 (other formats get a suffix)")
    ap.add_argument("--template", help="force a template (product_showcase, lifestyle_ad, announcement, ...)")
    ap.add_argument("--logo", help="logo image (PNG, JPEG or WEBP)")
    ap.add_argument("--product-image", help="product photo (PNG, JPEG or WEBP)")
    ap.add_argument("--formats", default="16:9", help=f"comma-separated: {','.join(FORMATS)} (default 16:9)")
    ap.add_argument("--duration", type=float, default=30.0, help="length in seconds, 5-120 (default 30)")
    ap.add_argument("--size", default=None, help="master frame size WxH (default 1920x1080)")
    ap.add_argument("--fps", type=int, default=None, help="frames per second (default 30)")
    ap.add_argument("--stop-after", choices=PHASES, help="stop after this phase (spec prints the spec as JSON)")
    ap.add_argument("--project", help="continue or edit an existing project by id")
    ap.add_argument("--beat", type=int, help="with --project: re-render this beat (1-based) and re-export")
    ap.add_argument("--prompt", help="with --beat: the beat's new prompt")
    ap.add_argument("--seed", type=int, help="seed for a new project, or with --beat the beat's new seed")
    ap.add_argument("--preview", action="store_true",
                    help="with --project: render a fast low-resolution preview of the whole cut")
    ap.add_argument("--budget", type=float, help="refuse runs that would cost more than this many dollars")
    ap.add_argument("--data-dir", help="where projects live (default ./data or $ADSTUDIO_DATA_DIR)")
    ap.add_argument("--profile", choices=("local", "hosted"), help="provider profile (default local)")
    ap.add_argument("--quiet", action="store_true", help="no progress lines")
    return ap.parse_args(argv)


def _progress(quiet: bool):
    last = {"phase": None, "t": 0.0}

    def report(phase: str, fraction: float, message: str) -> None:
        if quiet:
            return
        now = time.perf_counter()
        if phase == last["phase"] and fraction < 1.0 and now - last["t"] < 0.5:
            return
        last.update(phase=phase, t=now)
        n = PHASES.index(phase) + 1 if phase in PHASES else 0
        print(f"[{n}/6 {phase:<10}] {fraction * 100:5.1f}%  {message}", file=sys.stderr, flush=True)
    return report


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.brief and not args.project:
        # A new brief is read first, and reading it needs the language model: its load
        # (mostly decompressing, outside the GIL) runs beside the imports below.
        from .providers.local.language_model import load_in_background
        load_in_background()
    from . import run  # imported here so `--help` is instant

    try:
        settings = Settings.from_env(data_dir=args.data_dir, profile=args.profile)
        ctx = run.build_context(settings, progress=_progress(args.quiet))
        # A run killed earlier left its temporary files; any live process's are kept.
        sweep(Path(settings.data_dir), keep=("adstudio.db",))
        if args.beat is not None and not args.project:
            raise_input("--beat needs --project ID (the project whose beat to change)")
        if args.project:
            project = ctx.store.get_project(check_text(args.project, "--project", MAX_ID_CHARS))
            if args.preview:
                print(f"preview: {run.render_preview(ctx, project.id)}")
                return 0
            if args.beat is not None:
                results = run.regenerate_beat(ctx, project.id, args.beat - 1, prompt=args.prompt, seed=args.seed)
            else:
                results = run.run_project(ctx, project.id, stop_after=args.stop_after)
        else:
            if not args.brief or not args.brief.strip():
                raise_input('the brief is empty: describe the ad, e.g. "Create a sleek ad for luxury watches"')
            width = height = None
            if args.size:
                try:
                    width, height = (int(v) for v in args.size.lower().split("x"))
                except ValueError:
                    raise_input(f"--size {shown(args.size)} is not WIDTHxHEIGHT, e.g. 1920x1080")
            brief = run.make_brief(prompt=args.brief, template=args.template, logo_path=args.logo,
                                   product_image_path=args.product_image,
                                   formats=tuple(f.strip() for f in args.formats.split(",") if f.strip()),
                                   duration_s=args.duration, seed=args.seed, width=width, height=height, fps=args.fps)
            if brief.template is not None:
                from .templates import get_template
                get_template(brief.template)
            project = run.create_project(ctx, brief, budget_usd=args.budget)
            print(f"project {project.id}", file=sys.stderr)
            results = run.run_project(ctx, project.id, stop_after=args.stop_after)
    except AdStudioError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except Exception as exc:  # a bug, not bad input: say so without a wall of traceback
        if is_disk_full(exc):
            print(f"error: {DiskFull(args.data_dir or os.environ.get('ADSTUDIO_DATA_DIR') or 'data')}",
                  file=sys.stderr)
            return 1
        if os.environ.get("ADSTUDIO_DEBUG"):
            raise
        print(f"error: unexpected {type(exc).__name__}: {exc} (set ADSTUDIO_DEBUG=1 for details; "
              "the project is saved and can be resumed with --project)", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted: the project is saved; run again with --project to resume", file=sys.stderr)
        return 130

    total = sum(r.cost_usd for r in results)
    for r in results:
        print(f"  {r.phase:<10} {r.status:<9} {r.duration_s:7.2f} s  ${r.cost_usd:.2f}  ({r.provider})", file=sys.stderr)
    print(f"cost: ${total:.2f}", file=sys.stderr)
    last = results[-1]
    if last.phase == "spec":
        spec = ctx.store.get_project(project.id).spec
        print(json.dumps(spec.model_dump(mode="json"), indent=2, ensure_ascii=False))
    elif last.phase == "export":
        files = last.outputs["files"]
        for f in files:
            dest = f["path"]
            if args.out:
                suffix = "" if f["format"] == files[0]["format"] else "_" + f["format"].replace(":", "x")
                out = args.out.with_name(args.out.stem + suffix + (args.out.suffix or ".mp4"))
                try:
                    copy_atomically(Path(f["path"]), out)
                except OSError as exc:
                    why = "the disk is full" if is_disk_full(exc) else (exc.strerror or str(exc))
                    print(f"error: could not write {out} ({why}); nothing was left there. The {f['format']} "
                          f"export is kept at {f['path']} (or run again with --project {project.id} --out ...)",
                          file=sys.stderr)
                    return 1
                dest = str(out)
            print(f"{f['format']}: {dest}")
        print(f"poster: {last.outputs['poster']}")
    return 0


def copy_atomically(src: Path, out: Path) -> None:
    """Copy to a temporary name beside `out`, then rename: `out` is never a partial file (a
    player or an upload script watching it sees the old file or the whole new one)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_path(out)
    try:
        shutil.copyfile(src, tmp)
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)


def raise_input(message: str) -> None:
    from .errors import InputError
    raise InputError(message)



