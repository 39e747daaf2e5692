"""Drawn product stand-ins (pipeline.render.standins): shape of the output, palette and brand
response, determinism and the keyword rules that pick a kind."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from pipeline.render.standins import STANDIN_KINDS, draw_standin, standin_kind_for

NAVY_GOLD = [(16, 28, 58), (212, 175, 55)]
WHITE_CORAL = [(250, 250, 248), (255, 127, 80)]
BLACK_NEON = [(10, 10, 10), (57, 255, 20)]
H = 600
SMALL = 320  # palette / brand checks: same drawing code, fewer pixels


@pytest.fixture(scope="module")
def drawn() -> dict[str, Image.Image]:
    return {k: draw_standin(k, NAVY_GOLD, H, brand="AURELIA", seed=0) for k in STANDIN_KINDS}


@pytest.fixture(scope="module")
def small() -> dict[str, Image.Image]:
    return {k: draw_standin(k, NAVY_GOLD, SMALL, brand="AURELIA", seed=0) for k in STANDIN_KINDS}


def test_kinds_listed():
    assert len(STANDIN_KINDS) == len(set(STANDIN_KINDS))
    for k in ("watch", "bottle", "phone", "can", "cup", "headphones", "sneaker", "box"):
        assert k in STANDIN_KINDS


@pytest.mark.parametrize("kind", STANDIN_KINDS)
def test_rgba_of_requested_height_clear_border_opaque_centre(drawn, kind):
    im = drawn[kind]
    assert isinstance(im, Image.Image)
    assert im.mode == "RGBA"
    assert im.height == H
    assert 0.25 * H < im.width < 3 * H
    a = np.asarray(im)[..., 3]
    border = max(2, H // 100)
    assert a[:border].max() == 0 and a[-border:].max() == 0
    assert a[:, :border].max() == 0 and a[:, -border:].max() == 0
    h, w = a.shape
    centre = a[h // 2 - 10:h // 2 + 10, w // 2 - 10:w // 2 + 10]
    assert centre.min() == 255
    # The product fills most of the height: opaque rows from near the top to near the bottom.
    rows = np.flatnonzero(a.max(axis=1) > 128)
    assert rows[0] < 0.05 * H and rows[-1] > 0.95 * H
    # Anti-aliased edges: partial alpha exists along the silhouette.
    assert ((a > 0) & (a < 255)).sum() > 200
    # Fully transparent pixels carry no colour.
    px = np.asarray(im)
    assert px[a == 0][:, :3].max() == 0


@pytest.mark.parametrize("kind", STANDIN_KINDS)
def test_palette_changes_colours(small, kind):
    a = np.asarray(small[kind]).astype(np.float32)
    b = np.asarray(draw_standin(kind, BLACK_NEON, SMALL, brand="AURELIA", seed=0)).astype(np.float32)
    c = np.asarray(draw_standin(kind, WHITE_CORAL, SMALL, brand="AURELIA", seed=0)).astype(np.float32)

    def mean_rgb(x: np.ndarray) -> np.ndarray:
        m = x[..., 3] > 250
        return x[m][:, :3].mean(axis=0)
    ma, mb, mc = mean_rgb(a), mean_rgb(b), mean_rgb(c)
    assert np.abs(ma - mb).max() > 12
    assert np.abs(ma - mc).max() > 12
    assert np.abs(mb - mc).max() > 12


@pytest.mark.parametrize("kind", STANDIN_KINDS)
def test_brand_text_changes_pixels(small, kind):
    plain = np.asarray(draw_standin(kind, NAVY_GOLD, SMALL, brand="", seed=0)).astype(np.int16)
    branded = np.asarray(small[kind]).astype(np.int16)
    other = np.asarray(draw_standin(kind, NAVY_GOLD, SMALL, brand="ZEPHYR", seed=0)).astype(np.int16)
    for x in (plain, other):  # same frame (the text sits inside the product), different pixels
        assert x.shape == branded.shape
        assert (np.abs(x - branded).max(axis=-1) > 40).sum() > 20


def test_deterministic():
    for kind in ("watch", "phone", "sneaker"):
        a = np.asarray(draw_standin(kind, WHITE_CORAL, 300, brand="Coralie", seed=5))
        b = np.asarray(draw_standin(kind, WHITE_CORAL, 300, brand="Coralie", seed=5))
        assert a.shape == b.shape and (a == b).all()


def test_robust_inputs():
    odd_palettes = [[], [(255, 255, 255)], [(0, 0, 0), (0, 0, 0)], [(128, 128, 128), (130, 130, 130)],
                    [(200, 30, 30), (30, 30, 200), (30, 200, 30), (9, 9, 9), (250, 250, 0)]]
    brands = ["", "日本の時計", "A Very Long Brand Name That Goes On And On And On", "Ålesund Øl & Co."]
    for i, kind in enumerate(STANDIN_KINDS):
        for j, pal in enumerate(odd_palettes):
            im = draw_standin(kind, pal, 120, brand=brands[(i + j) % len(brands)], seed=i + j)
            assert im.mode == "RGBA" and im.height == 120
            a = np.asarray(im)[..., 3]
            assert a[0].max() == 0 and a[-1].max() == 0 and a[:, 0].max() == 0 and a[:, -1].max() == 0
            assert a.max() == 255
    assert draw_standin("spaceship", NAVY_GOLD, 100).height == 100  # unknown kind: a box


def test_seed_picks_variants_but_stays_valid():
    a = np.asarray(draw_standin("watch", NAVY_GOLD, 300, "A", seed=0))
    b = np.asarray(draw_standin("watch", NAVY_GOLD, 300, "A", seed=1))
    assert a.shape != b.shape or np.abs(a.astype(int) - b.astype(int)).max() > 0


@pytest.mark.parametrize("name,category,kind", [
    ("", "luxury watches", "watch"),
    ("", "Eau de parfum", "bottle"),
    ("", "smartphone", "phone"),
    ("", "cold brew coffee", "cup"),
    ("", "energy drink", "can"),
    ("", "wireless headphones", "headphones"),
    ("", "running shoes", "sneaker"),
    ("", "artisan chocolate", "box"),
    ("", "reloj de lujo", "watch"),
    ("Montre Élégance", "accessoires", "watch"),
    ("Armbanduhr Classic", "", "watch"),
    ("", "Parfüm", "bottle"),
    ("Bouteille", "", "bottle"),
    ("Trinkflasche", "", "bottle"),
    ("Café de Colombia", "", "cup"),
    ("", "zapatillas de running", "sneaker"),
    ("", "Kopfhörer", "headphones"),
    ("Aero Wireless Headphones", "audio", "headphones"),
    ("", "smartwatch", "watch"),
    ("", "craft beer", "can"),
    ("", "skin care serum", "bottle"),
    ("Nocturne", "Fragrance", "bottle"),
    ("", "", "box"),
    ("American craft", "home goods", "box"),   # no "can" inside "american"
    ("Cane sugar", "sweets", "box"),            # nor in "cane"
    ("Guarantee kit", "tools", "box"),
])
def test_kind_for(name, category, kind):
    assert standin_kind_for(name, category) == kind
    assert standin_kind_for(name, category) in STANDIN_KINDS
