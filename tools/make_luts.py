"""Generate the built-in colour grades in ``luts/*.cube`` (deterministic).

    python tools/make_luts.py                      # writes luts/*.cube
    python tools/make_luts.py --preview /tmp/p.png # also renders a before/after sheet
    python tools/make_luts.py --check              # exit 1 if luts/ differs from the generator

Each look is a small chain of colourist operations on display-referred RGB (0..1) evaluated
on a 33^3 lattice: hue pushes and saturation in a luma/chroma plane (Rec.709 Y'CbCr),
split toning with zero-luma tints, smooth S-curves whose end slopes stay positive (nothing
is crushed or clipped) and lifted blacks / lowered whites. The output is plain
Adobe/Resolve .cube (LUT_3D_SIZE 33, red fastest, 6 decimals), usable in any grading tool.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Callable

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from pipeline.render.lut import apply_lut, identity_table, load_cube, write_cube  # noqa: E402

SIZE = 33
KR, KG, KB = 0.2126, 0.7152, 0.0722  # Rec.709 luma
CB_SCALE, CR_SCALE = 2 * (1 - KB), 2 * (1 - KR)  # 1.8556, 1.5748

# --------------------------------------------------------------------------- building blocks


def luma(x: np.ndarray) -> np.ndarray:
    return x[..., 0] * KR + x[..., 1] * KG + x[..., 2] * KB


def smoothstep(e0: float, e1: float, v: np.ndarray) -> np.ndarray:
    t = np.clip((v - e0) / (e1 - e0), 0.0, 1.0)
    return t * t * (3.0 - 2.0 * t)


def to_ycc(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    y = luma(x)
    return y, (x[..., 2] - y) / CB_SCALE, (x[..., 0] - y) / CR_SCALE


def from_ycc(y: np.ndarray, cb: np.ndarray, cr: np.ndarray) -> np.ndarray:
    r = y + CR_SCALE * cr
    b = y + CB_SCALE * cb
    g = (y - KR * r - KB * b) / KG
    return np.stack([r, g, b], axis=-1)


def hue_deg(cb: np.ndarray, cr: np.ndarray) -> np.ndarray:
    """Hue angle in the Cb/Cr plane: skin ~125, red ~103, yellow ~175, green ~-130,
    cyan ~-77, blue ~-5, magenta ~60 degrees."""
    return np.degrees(np.arctan2(cr, cb))


def angle_diff(a: np.ndarray, b: float) -> np.ndarray:
    return (a - b + 180.0) % 360.0 - 180.0


def hue_weight(h: np.ndarray, centre: float, width: float) -> np.ndarray:
    d = angle_diff(h, centre) / width
    return np.exp(-0.5 * d * d)


def s_curve(v: np.ndarray, k: float, pivot: float = 0.5) -> np.ndarray:
    """Contrast S-curve through (0,0), (pivot,pivot), (1,1).

    A blend of identity and two quadratic eases meeting at the pivot: the slope is
    ``1 + k`` at the pivot and ``1 - k`` at both ends, so for ``k < 1`` the curve is
    strictly increasing: shadows and highlights are compressed, never clipped.
    """
    v = np.clip(v, 0.0, 1.0)
    lo = v < pivot
    t = np.where(lo, v / pivot, (v - pivot) / (1.0 - pivot))
    curved = np.where(lo, pivot * t * t, pivot + (1.0 - pivot) * (1.0 - (1.0 - t) ** 2))
    return v + k * (curved - v)


def levels(x: np.ndarray, black: float, white: float) -> np.ndarray:
    """Map 0..1 to black..white (lifted blacks, lowered whites)."""
    return black + (white - black) * x


def tint_vector(rgb: tuple[float, float, float]) -> np.ndarray:
    """Direction towards a colour with its luma removed (adding it keeps luma)."""
    c = np.asarray(rgb, dtype=np.float64)
    c = c - (c[0] * KR + c[1] * KG + c[2] * KB)
    return c / np.abs(c).max()


def split_tone(x: np.ndarray, shadow: tuple, s_amt: float, highlight: tuple, h_amt: float,
               balance: float = 0.5) -> np.ndarray:
    y = np.clip(luma(x), 0.0, 1.0)[..., None]
    ws = (1.0 - smoothstep(0.0, 2.0 * balance, y[..., 0]))[..., None]
    wh = smoothstep(2.0 * balance - 1.0, 1.0, y[..., 0])[..., None]
    # taper shadow tint into true black so black stays neutral-ish before the lift
    ws = ws * smoothstep(0.0, 0.12, y[..., 0])[..., None]
    return x + ws * s_amt * tint_vector(shadow) + wh * h_amt * tint_vector(highlight)


def saturate(x: np.ndarray, amount: np.ndarray | float) -> np.ndarray:
    y = luma(x)[..., None]
    a = amount[..., None] if isinstance(amount, np.ndarray) else amount
    return y + (x - y) * a


def soft_clip(x: np.ndarray, lo: float = 0.0, hi: float = 1.0) -> np.ndarray:
    """Bring out-of-gamut colours back by desaturating towards their luma, then clip."""
    y = np.clip(luma(x), lo, hi)[..., None]
    d = x - y
    over = np.where(d > 0, (hi - y) / np.maximum(d, 1e-9), np.inf)
    under = np.where(d < 0, (lo - y) / np.minimum(d, -1e-9), np.inf)
    f = np.clip(np.minimum(over, under).min(axis=-1, keepdims=True), 0.0, 1.0)
    return np.clip(y + d * f, lo, hi)


def white_balance(x: np.ndarray, gains: tuple[float, float, float]) -> np.ndarray:
    """Per-channel gains normalised so that mid-grey keeps its luma."""
    g = np.asarray(gains, dtype=np.float64)
    g = g / (g[0] * KR + g[1] * KG + g[2] * KB)
    lin = np.clip(x, 0.0, None) ** 2.2 * g
    return lin ** (1 / 2.2)


# --------------------------------------------------------------------------- the looks


def cinematic_warm(x: np.ndarray) -> np.ndarray:
    """Teal shadows, warm orange highlights, gentle S-curve, slightly lifted blacks."""
    y, cb, cr = to_ycc(x)
    h = hue_deg(cb, cr)
    # pull hues towards the orange(~132)/teal(~-48) axis, gently
    d = angle_diff(h, 132.0)
    rot = np.radians(-12.0 * np.sin(np.radians(2.0 * d)))
    cb, cr = cb * np.cos(rot) - cr * np.sin(rot), cb * np.sin(rot) + cr * np.cos(rot)
    x = from_ycc(y, cb, cr)
    x = split_tone(x, (0.05, 0.42, 0.48), 0.06, (1.0, 0.62, 0.30), 0.055, balance=0.45)
    x = soft_clip(x)
    x = s_curve(x, 0.32)
    x = saturate(x, 1.04)
    x = soft_clip(x)
    return levels(x, 0.035, 0.975)


def modern_vibrant(x: np.ndarray) -> np.ndarray:
    """Punchy contrast, vibrance that spares skin, clean slightly cool whites."""
    y, cb, cr = to_ycc(x)
    chroma = np.hypot(cb, cr)
    h = hue_deg(cb, cr)
    skin = hue_weight(h, 125.0, 22.0)
    # vibrance: muted colours gain more than already-saturated ones; skin gains little
    vib = 1.0 + 0.30 * (1.0 - smoothstep(0.04, 0.30, chroma))
    vib = 1.0 + (vib - 1.0) * (1.0 - 0.65 * skin)
    # cleaner blues/cyans: a touch deeper
    vib = vib + 0.04 * hue_weight(h, -25.0, 35.0)
    x = from_ycc(y, cb * vib, cr * vib)
    x = soft_clip(x)
    x = white_balance(x, (0.975, 1.0, 1.04))
    x = s_curve(x, 0.42)
    x = saturate(x, 0.93)  # the per-channel curve adds saturation; keep it clean
    x = split_tone(x, (0.2, 0.35, 0.6), 0.012, (0.85, 0.95, 1.0), 0.012, balance=0.5)
    x = soft_clip(x)
    return levels(x, 0.012, 0.995)


def elegant_muted(x: np.ndarray) -> np.ndarray:
    """Desaturated, soft contrast, creamy highlights, faint green-grey cast."""
    y, cb, cr = to_ycc(x)
    h = hue_deg(cb, cr)
    skin = hue_weight(h, 125.0, 25.0)
    sat = 0.66 + 0.10 * skin  # keep a little life in skin
    x = from_ycc(y, cb * sat, cr * sat)
    x = s_curve(x, 0.16)
    # faint green-grey in shadows and mids, cream in highlights
    x = split_tone(x, (0.40, 0.52, 0.44), 0.028, (1.0, 0.93, 0.78), 0.035, balance=0.55)
    x = soft_clip(x)
    # soft highlight shoulder: 1 - (1-v)^1.15 style roll-off in the top quarter
    x = x - 0.05 * smoothstep(0.6, 1.0, x) * (x - 0.6)
    return soft_clip(levels(x, 0.055, 0.955))


def noir_mono(x: np.ndarray) -> np.ndarray:
    """High-contrast black and white (red-filter mix for flattering skin), slight warm tone."""
    m = x[..., 0] * 0.40 + x[..., 1] * 0.48 + x[..., 2] * 0.12
    m = s_curve(m, 0.62)
    m = s_curve(m, 0.22)
    m = levels(m, 0.018, 0.985)
    mono = np.repeat(m[..., None], 3, axis=-1)
    # warm selenium/sepia-ish tone strongest in the mids, neutral at the ends
    w = (4.0 * m * (1.0 - m))[..., None]
    return soft_clip(mono + 0.03 * w * tint_vector((1.0, 0.82, 0.62)))


def golden_hour(x: np.ndarray) -> np.ndarray:
    """Warm, soft and glowing: golden balance, lifted shadows, luminous highlights."""
    x = white_balance(x, (1.09, 1.0, 0.84))
    y, cb, cr = to_ycc(x)
    h = hue_deg(cb, cr)
    # nudge yellows/greens towards gold, keep skin; mild overall saturation
    d = angle_diff(h, 150.0)
    rot = np.radians(-6.0 * np.sin(np.radians(2.0 * d)) * hue_weight(h, 170.0, 60.0))
    cb, cr = cb * np.cos(rot) - cr * np.sin(rot), cb * np.sin(rot) + cr * np.cos(rot)
    x = from_ycc(y, cb * 1.06, cr * 1.06)
    x = soft_clip(x)
    # glow: lift upper mids and highlights (screen-like) without reaching white
    glow = 0.10 * smoothstep(0.35, 0.95, x) * (1.0 - x)
    x = x + glow
    x = s_curve(x, 0.12)
    x = split_tone(x, (0.55, 0.35, 0.35), 0.025, (1.0, 0.78, 0.42), 0.05, balance=0.5)
    x = soft_clip(x)
    return levels(x, 0.04, 0.985)


LOOKS: dict[str, tuple[str, Callable[[np.ndarray], np.ndarray]]] = {
    "cinematic_warm": ("AdStudio Cinematic Warm", cinematic_warm),
    "modern_vibrant": ("AdStudio Modern Vibrant", modern_vibrant),
    "elegant_muted": ("AdStudio Elegant Muted", elegant_muted),
    "noir_mono": ("AdStudio Noir Mono", noir_mono),
    "golden_hour": ("AdStudio Golden Hour", golden_hour),
}


def build_table(fn: Callable[[np.ndarray], np.ndarray], size: int = SIZE) -> np.ndarray:
    x = identity_table(size).astype(np.float64)  # [b, g, r] -> (r, g, b)
    out = np.clip(fn(x), 0.0, 1.0)
    return np.round(out, 6)


def write_all(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (title, fn) in LOOKS.items():
        doc = (fn.__doc__ or "").strip().splitlines()[0]
        comments = [f"{name}: {doc}", "Generated by tools/make_luts.py; do not edit by hand."]
        written.append(write_cube(out_dir / f"{name}.cube", build_table(fn), title, comments))
    return written


# --------------------------------------------------------------------------- preview


def test_card(w: int = 480, h: int = 320) -> np.ndarray:
    """Sky gradient, green hills, shaded skin-tone spheres, ColorChecker row, grey ramp."""
    img = np.zeros((h, w, 3), dtype=np.float64)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float64)
    t = yy / (h * 0.55)
    sky = (1 - t)[..., None] * np.array([38, 92, 172]) + t[..., None] * np.array([172, 206, 236])
    img[:] = sky
    hill = h * 0.50 + 18 * np.sin(xx / w * 5.0) + 10 * np.sin(xx / w * 13.0 + 1.0)
    g = np.clip((yy - hill) / (h * 0.25), 0, 1)[..., None]
    grass = (1 - g) * np.array([118, 160, 58]) + g * np.array([34, 74, 28])
    img = np.where((yy > hill)[..., None], grass, img)
    # skin spheres with light from the upper left
    skins = [(243, 204, 180), (226, 178, 140), (198, 140, 96), (150, 98, 64), (96, 60, 42)]
    r = h * 0.085
    for i, c in enumerate(skins):
        cx, cy = w * (0.12 + 0.19 * i), h * 0.40
        dx, dy = (xx - cx) / r, (yy - cy) / r
        d2 = dx * dx + dy * dy
        inside = d2 <= 1.0
        nz = np.sqrt(np.clip(1 - d2, 0, 1))
        lam = np.clip((-0.5 * dx - 0.6 * dy + 0.62 * nz), 0, 1)
        shade = 0.30 + 0.85 * lam
        spec = 40.0 * np.clip(lam, 0, 1) ** 18
        col = np.clip(np.array(c) * shade[..., None] + spec[..., None], 0, 255)
        img = np.where(inside[..., None], col, img)
    checker = [(115, 82, 68), (194, 150, 130), (98, 122, 157), (87, 108, 67), (133, 128, 177),
               (103, 189, 170), (214, 126, 44), (80, 91, 166), (193, 90, 99), (94, 60, 108),
               (157, 188, 64), (224, 163, 46), (56, 61, 150), (70, 148, 73), (175, 54, 60),
               (231, 199, 31), (187, 86, 149), (8, 133, 161)]
    ph, y0 = int(h * 0.10), int(h * 0.74)
    pw = w / len(checker)
    for i, c in enumerate(checker):
        img[y0:y0 + ph, int(i * pw):int((i + 1) * pw)] = c
    ramp = np.linspace(0, 255, w)
    img[y0 + ph:, :] = ramp[None, :, None]
    # 12-step grey chart at the very bottom
    steps = np.floor(xx[y0 + ph + (h - y0 - ph) // 2:] / w * 12) * 255 / 11
    img[y0 + ph + (h - y0 - ph) // 2:] = steps[..., None]
    return np.clip(np.round(img), 0, 255).astype(np.uint8)


def render_preview(lut_dir: Path, out: Path) -> Path:
    from PIL import Image, ImageDraw, ImageFont

    card = test_card()
    tiles = [("original", card)]
    for name in LOOKS:
        tiles.append((name, apply_lut(card, load_cube(lut_dir / f"{name}.cube"))))
    th, tw = card.shape[:2]
    label_h, cols = 26, 3
    rows = (len(tiles) + cols - 1) // cols
    sheet = Image.new("RGB", (cols * tw, rows * (th + label_h)), (18, 18, 20))
    draw = ImageDraw.Draw(sheet)
    font_path = ROOT / "assets" / "fonts" / "Manrope-SemiBold.ttf"
    try:
        font = ImageFont.truetype(str(font_path), 16)
    except OSError:
        font = ImageFont.load_default()
    for i, (name, im) in enumerate(tiles):
        x0, y0 = (i % cols) * tw, (i // cols) * (th + label_h)
        draw.text((x0 + 8, y0 + 4), name, fill=(235, 235, 235), font=font)
        sheet.paste(Image.fromarray(im), (x0, y0 + label_h))
    sheet.save(out)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "luts", help="output folder (default: luts/)")
    ap.add_argument("--preview", type=Path, help="also write a before/after PNG sheet here")
    ap.add_argument("--check", action="store_true", help="only verify that --out matches the generator")
    args = ap.parse_args(argv)
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            fresh = write_all(Path(tmp))
            stale = [p.name for p in fresh
                     if not (args.out / p.name).is_file() or (args.out / p.name).read_bytes() != p.read_bytes()]
        if stale:
            print(f"out of date: {', '.join(stale)} (run python tools/make_luts.py)", file=sys.stderr)
            return 1
        print("luts are up to date")
        return 0
    for p in write_all(args.out):
        print(f"wrote {p}")
    if args.preview:
        print(f"wrote {render_preview(args.out, args.preview)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
