"""Materials and colours the product's name states ("leather wallet", "red kettle", "walnut
desk"), and recolouring an illustration to match them.

Illustrations come in one colour each (Noto's purse is pink); a "rugged leather wallet" drawn
pink contradicts the brief. `tint_for(name)` reads the name for a material or colour word in
six languages; `recolour(img, rgb)` moves the drawing's main body colour to it, keeping its
shading, highlights and any secondary colours.
"""

from __future__ import annotations

import re
import unicodedata

import cv2
import numpy as np
from PIL import Image

RGB = tuple[int, int, int]

# The first word found wins, so materials (what it is made of) come before plain colours.
_TINTS: tuple[tuple[RGB, tuple[str, ...]], ...] = (
    ((118, 72, 40), ("leather", "cuero", "piel", "cuir", "leder", "pelle", "cuoio", "couro")),
    ((152, 112, 78), ("suede", "ante", "daim", "wildleder", "camoscio", "camurça")),
    ((126, 84, 48), ("walnut", "oak", "wood", "wooden", "teak", "madera", "bois", "holz", "legno", "madeira",
                     "nogal", "noyer", "nussbaum", "noce", "nogueira")),
    ((196, 168, 104), ("bamboo", "bambú", "bambou", "bambus", "bambù", "bambu", "rattan", "wicker", "straw")),
    ((172, 176, 182), ("steel", "stainless", "chrome", "aluminium", "aluminum", "titanium", "silver", "acero",
                       "acier", "stahl", "acciaio", "aço", "plata", "argent", "silber", "argento", "prata")),
    ((60, 60, 64), ("cast iron", "iron", "hierro", "fonte", "gusseisen", "ghisa", "ferro fundido")),
    ((201, 164, 92), ("gold", "golden", "brass", "oro", "dorado", "or", "gold", "dorato", "ouro", "dourado")),
    ((184, 115, 51), ("copper", "bronze", "cobre", "cuivre", "kupfer", "rame")),
    ((34, 34, 38), ("black", "matte black", "onyx", "negro", "negra", "noir", "noire", "schwarz", "nero", "nera",
                    "preto", "preta")),
    ((236, 233, 226), ("white", "ivory", "blanco", "blanca", "blanc", "blanche", "weiß", "weiss", "bianco",
                       "bianca", "branco", "branca")),
    ((196, 32, 44), ("red", "crimson", "rojo", "roja", "rouge", "rot", "rote", "roter", "rosso", "rossa",
                     "vermelho", "vermelha")),
    ((38, 92, 190), ("blue", "azul", "bleu", "bleue", "blau", "blaue", "blu")),
    ((20, 34, 70), ("navy", "marino", "marine")),
    ((46, 125, 60), ("green", "verde", "vert", "verte", "grün", "grüne", "sage", "olive")),
    ((240, 140, 170), ("pink", "rosa", "rose")),
    ((245, 197, 24), ("yellow", "amarillo", "jaune", "gelb", "giallo", "amarelo")),
    ((240, 122, 26), ("orange", "naranja", "arancione", "laranja")),
    ((110, 64, 160), ("purple", "violet", "morado", "violeta", "lila", "viola", "roxo")),
    ((110, 70, 40), ("brown", "marrón", "marron", "braun", "marrone", "castanho", "tan", "cognac", "caramel")),
    ((138, 141, 145), ("grey", "gray", "gris", "grau", "grigio", "cinza", "charcoal")),
    ((228, 214, 188), ("beige", "cream", "crema", "crème", "sand", "linen")),
)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def tint_for(name: str) -> RGB | None:
    """The colour a product's name states, or None ("Handcrafted leather wallet" -> leather)."""
    text = " " + _fold(name) + " "
    for rgb, words in _TINTS:
        for w in words:
            if re.search(r"(?<![a-z])" + re.escape(_fold(w)) + r"(?![a-z])", text):
                return rgb
    return None


def recolour(img: Image.Image, rgb: RGB) -> Image.Image:
    """Move the drawing's dominant body colour (the largest run of saturated hue) to `rgb`,
    keeping relative light and shade; pixels of other hues (a metal clasp, a label) stay."""
    arr = np.asarray(img.convert("RGBA"))
    rgb_arr = np.ascontiguousarray(arr[..., :3])
    alpha = arr[..., 3]
    hsv = cv2.cvtColor(rgb_arr, cv2.COLOR_RGB2HSV_FULL).astype(np.float32)
    h, s, v = hsv[..., 0], hsv[..., 1] / 255.0, hsv[..., 2] / 255.0
    body = (alpha > 128) & (s > 0.25) & (v > 0.15)
    if body.sum() < 0.05 * max(1, (alpha > 128).sum()):
        return img  # a mostly grey drawing: nothing to recolour safely
    hist = np.bincount(h[body].astype(np.int32) % 256, minlength=256).astype(np.float32)
    hist = np.convolve(np.concatenate([hist[-12:], hist, hist[:12]]), np.ones(25), "valid")
    peak = float(np.argmax(hist))
    dist = np.minimum(np.abs(h - peak), 256 - np.abs(h - peak))
    # Soft membership: full inside +-20 of 256 hue steps, fading out by +-40.
    weight = np.clip((40 - dist) / 20, 0, 1) * np.clip((s - 0.12) / 0.13, 0, 1) * body
    if (weight > 0.5).sum() < 0.35 * (alpha > 128).sum():
        return img  # the main colour is a detail (the egg in a pan), not the object's body
    target = cv2.cvtColor(np.uint8([[list(rgb)]]), cv2.COLOR_RGB2HSV_FULL)[0, 0].astype(np.float32)
    th, ts, tv = target[0], target[1] / 255.0, target[2] / 255.0
    ref_v = float(np.median(v[weight > 0.5])) if (weight > 0.5).any() else 0.7
    new = hsv.copy()
    new[..., 0] = th
    new[..., 1] = np.clip(ts * (s / max(1e-3, float(np.median(s[weight > 0.5]) if (weight > 0.5).any() else 1))), 0, 1) * 255
    new[..., 2] = np.clip(v * (tv / max(1e-3, ref_v)), 0, 1) * 255
    out_rgb = cv2.cvtColor(new.astype(np.uint8), cv2.COLOR_HSV2RGB_FULL).astype(np.float32)
    w = weight[..., None]
    mixed = out_rgb * w + rgb_arr.astype(np.float32) * (1 - w)
    result = np.dstack([np.clip(mixed, 0, 255).astype(np.uint8), alpha])
    return Image.fromarray(result, "RGBA")
