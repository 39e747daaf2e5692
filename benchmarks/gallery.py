"""Contact sheets: what the offline ad shows for thirteen varied briefs, one frame per beat.

    python benchmarks/gallery.py                  # all briefs, sheets in ./gallery/
    python benchmarks/gallery.py --out docs/gallery --only ebike,campfire --size 640x360
    python benchmarks/gallery.py --brief "Two roofers at sunrise with Kettleworks flasks"   # any brief

Each ad runs through the real pipeline up to the references phase (spec, storyboard, style
guide, cut-out photo), then every beat's scene is rendered at the middle of the beat exactly as
the chunks phase renders it, without encoding a video. A sheet shows the brief, the product,
template and news the spec writer read, and per beat its frame, name and on-screen text: look at
each one and ask whether a client would recognise their product and their news.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.config import Settings  # noqa: E402
from pipeline.phases.common import scene_for  # noqa: E402
from pipeline.render import typography as ty  # noqa: E402
from pipeline.render.scene import BeatScene, render_still  # noqa: E402
from pipeline.run import build_context, create_project, make_brief, run_project  # noqa: E402

BRIEFS: dict[str, str] = {
    "ebike": "Launch video for our Aurora e-bike: pre-orders open March 1st",
    "campfire": "Friends laughing around a campfire on a summer night, sharing our craft lemonade",
    "wallet": "Handcrafted leather wallet, rugged and timeless",
    "sofas": "Black Friday sale: 50% off all sofas",
    "study_app": "Students studying in a sunny cafe with our noise-free study app",
    "watches": "Create a sleek ad for luxury watches",
    "bakery": "Grand opening of Luna Bakery in Brooklyn this Saturday at 9am, free croissant for the first 50",
    "skillet": "Our cast iron skillet: pre-seasoned, oven-safe, made to last generations",
    "beach": "A couple on the beach at sunset with our organic sunscreen",
    "zapatillas": "Zapatillas de running Nimbus 2 con 20% de descuento hasta el 1 de marzo",
    "webinar": "Free webinar: budgeting for freelancers, Thursday Dec 12 at 3pm",
    "mug_photo": "A bold ad for our ceramic coffee mug",
    "rain": "Friends walking through the city in the rain with our Drift umbrellas",
}
PHOTO_BRIEFS = {"mug_photo"}  # these get a synthetic product photo, as an upload would


def red_mug_photo(path: Path) -> Path:
    """A product shot as people upload them: a red mug on white, with a soft grey shadow."""
    w, h = 900, 700
    yy, xx = np.mgrid[:h, :w].astype(np.float32)
    img = np.full((h, w, 3), 248, np.float32)
    shadow = np.exp(-(((xx - 450) / 260) ** 2 + ((yy - 585) / 28) ** 2))
    img -= shadow[..., None] * 70
    body = (np.abs(xx - 430) < 170) & (yy > 170) & (yy < 580)
    handle = ((((xx - 610) / 85) ** 2 + ((yy - 360) / 110) ** 2) < 1) & ((((xx - 610) / 48) ** 2 + ((yy - 360) / 70) ** 2) > 1)
    mug = body | (handle & (xx > 590))
    shade = 0.75 + 0.25 * np.cos((xx - 380) / 170 * 1.3)
    img[mug] = np.stack([200 * shade, 30 * shade, 40 * shade], -1)[mug]
    top = (((xx - 430) / 170) ** 2 + ((yy - 172) / 26) ** 2) < 1
    img[top] = (120, 16, 24)
    Image.fromarray(np.clip(img, 0, 255).astype(np.uint8)).save(path, quality=90)
    return path


def sheet(title: str, subtitle: str, frames: list[tuple[Image.Image, str, str]], cols: int = 3) -> Image.Image:
    fw, fh = frames[0][0].size
    pad, cap = 12, 46
    rows = (len(frames) + cols - 1) // cols
    head = 70
    out = Image.new("RGB", (cols * fw + (cols + 1) * pad, head + rows * (fh + cap + pad) + pad), (18, 18, 22))
    d = ImageDraw.Draw(out)
    d.text((pad, 10), ty.drawable(title)[:140], font=ty.font(ty.FONTS / "Manrope-SemiBold.ttf", 20), fill=(240, 240, 240))
    d.text((pad, 40), subtitle[:160], font=ty.font(ty.FONTS / "Manrope-Regular.ttf", 15), fill=(160, 166, 176))
    small = ty.font(ty.FONTS / "Manrope-Regular.ttf", 14)
    for k, (img, name, text) in enumerate(frames):
        x = pad + (k % cols) * (fw + pad)
        y = head + (k // cols) * (fh + cap + pad)
        out.paste(img, (x, y))
        d.text((x, y + fh + 6), f"{k + 1}. {name}", font=small, fill=(200, 204, 212))
        d.text((x, y + fh + 24), ty.drawable(text)[:60] or "(no text)", font=small, fill=(130, 136, 146))
    return out


def render_sheet(key: str, prompt: str, out_dir: Path, size: tuple[int, int], data_dir: Path) -> Path:
    ctx = build_context(Settings.from_env(environ={}, data_dir=str(data_dir)))
    photo = red_mug_photo(data_dir / f"{key}.jpg") if key in PHOTO_BRIEFS else None
    brief = make_brief(prompt=prompt, width=size[0], height=size[1],
                       product_image_path=str(photo) if photo else None)
    project = create_project(ctx, brief)
    results = run_project(ctx, project.id, stop_after="references")
    spec = ctx.store.get_project(project.id).spec
    refs_out = next(r for r in results if r.phase == "references").outputs
    from pipeline.models import ReferencesOutput
    refs = ReferencesOutput.model_validate(refs_out)
    frames = []
    for i, beat in enumerate(spec.beats):
        scene = BeatScene.build(scene_for(spec, i, "16:9", refs))
        frames.append((Image.fromarray(render_still(scene, scene.spec.duration * 0.6)), beat.name, beat.text))
    story = spec.story
    facts = " · ".join(x for x in (story.offer, story.date, story.time, story.place) if x)
    subtitle = (f"product: {spec.product.name}   template: {spec.template}   news: {story.news or '-'}   "
                f"look: {spec.style.aesthetic}   hero: {refs.hero or '-'}" + (f"   facts: {facts}" if facts else "")
                + (f"   scene: {story.setting} {story.time_of_day} {story.people}".rstrip() if story.setting or story.people else ""))
    path = out_dir / f"{key}.png"
    sheet(prompt, subtitle, frames).save(path, optimize=True)
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default="gallery", help="folder for the sheets (default ./gallery)")
    ap.add_argument("--only", default="", help="comma-separated brief keys: " + ", ".join(BRIEFS))
    ap.add_argument("--size", default="480x270", help="frame size WxH (default 480x270)")
    ap.add_argument("--brief", action="append", default=[], metavar="TEXT",
                    help="a brief of your own (repeatable): its sheet is brief1.png, brief2.png...")
    args = ap.parse_args(argv)
    w, h = (int(v) for v in args.size.lower().split("x"))
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    own = {f"brief{n}": text for n, text in enumerate(args.brief, start=1)}
    keys = [k for k in args.only.split(",") if k] or ([] if own else list(BRIEFS))
    unknown = [k for k in keys if k not in BRIEFS]
    if unknown:
        ap.error(f"unknown brief key(s): {', '.join(unknown)}; choose from {', '.join(BRIEFS)}")
    prompts = {**{k: BRIEFS[k] for k in keys}, **own}
    with tempfile.TemporaryDirectory() as tmp:
        for key, prompt in prompts.items():
            t0 = time.perf_counter()
            path = render_sheet(key, prompt, out_dir, (w, h), Path(tmp) / key)
            print(f"{key:12s} {time.perf_counter() - t0:5.1f} s  {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
